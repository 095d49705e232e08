"""The partnership's reserve carried between financial years: opening, income, spending, transfers
in and out, closing; the budget page, the transfer form, the API and `funding.figures.reserves`."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funding import figures, services
from funding.choices import ReserveDirection, SpendKind
from funding.models import ReserveTransfer

D = datetime.date


def _two_years(w):
    """2017/18 opens with £73,981 entered (the Havering paper's balance brought forward); 2018/19
    follows it. Returns both budgets."""
    staffing, income = w.funding["staffing"], w.funding["income"]
    first = services.create_budget(w.bu, partnership=w.alpha, year=2017, opening_balance_pence=7_398_100)
    services.record_spend(w.bu, budget=first, line=staffing, month=D(2017, 4, 1), amount_pence=10_000_000)
    services.record_spend(w.bu, budget=first, line=income, month=D(2017, 5, 1), amount_pence=-6_000_000)
    services.record_reserve_transfer(
        w.bu,
        budget=first,
        direction=ReserveDirection.IN,
        amount_pence=500_000,
        on=D(2017, 9, 1),
        reason="Underspend",
    )
    services.record_reserve_transfer(
        w.bu,
        budget=first,
        direction=ReserveDirection.OUT,
        amount_pence=200_000,
        on=D(2018, 3, 1),
        reason="Website",
    )
    second = services.create_budget(w.bu, partnership=w.alpha, year=2018)
    services.record_spend(w.bu, budget=second, line=staffing, month=D(2018, 6, 1), amount_pence=1_000_000)
    services.record_spend(
        w.bu,
        budget=second,
        line=staffing,
        month=D(2018, 7, 1),
        amount_pence=2_000_000,
        kind=SpendKind.PROJECTION,
    )
    services.record_reserve_transfer(
        w.bu,
        budget=second,
        direction=ReserveDirection.OUT,
        amount_pence=300_000,
        on=D(2018, 10, 1),
        reason="Learning review",
    )
    return first, second


def test_the_reserve_is_carried_from_one_year_to_the_next(world):
    w = world
    _two_years(w)
    first = figures.reserves(w.alpha, 2017)
    assert (first.opening_pence, first.opening_source) == (7_398_100, "entered with the budget")
    assert (first.income_pence, first.spend_pence) == (6_000_000, 10_000_000)
    assert (first.transfers_in_pence, first.transfers_out_pence) == (500_000, 200_000)
    assert first.closing_pence == 7_398_100 + 6_000_000 - 10_000_000 + 500_000 - 200_000 == 3_698_100

    second = figures.reserves(w.alpha, 2018)
    assert second.opening_pence == first.closing_pence
    assert second.opening_source == "brought forward from 2017/18"
    assert (second.transfers_in_pence, second.transfers_out_pence) == (0, 300_000)
    assert second.closing_pence == 3_698_100 - 1_000_000 - 300_000 == 2_398_100
    assert second.show_projection
    assert second.projected_spend_pence == 3_000_000
    assert second.projected_closing_pence == 3_698_100 - 3_000_000 - 300_000 == 398_100
    # The world's 2019/20 budget now opens with what 2018/19 closed with.
    assert figures.reserves(w.alpha, 2019).opening_pence == 2_398_100
    assert figures.reserves(w.alpha, 2016) is None
    # Beta's reserve knows nothing of alpha's transfers (only the one the test world gives it).
    assert figures.reserves(w.beta, 2019).transfers_in_pence == 100_000
    assert figures.reserves(w.beta, 2019).transfers_out_pence == 0


def test_the_budget_page_shows_the_reserve(world, client_for):
    w = world
    _first, second = _two_years(w)
    body = client_for(w.bu).get(second.get_absolute_url()).content.decode()
    assert 'id="reserve"' in body
    assert "£36,981.00" in body and "brought forward from 2017/18" in body  # opening
    assert "Transfers in" in body and "Transfers out" in body and "£3,000.00" in body
    assert "Closing balance at 31 March 2019 (actual income and spending recorded so far" in body
    assert "£23,981.00" in body  # closing on actuals
    assert "Projected closing balance at 31 March 2019 (projected income and spending" in body
    assert "£3,981.00" in body  # projected closing
    assert "Learning review" in body
    assert "Record a reserve transfer" in body
    # A reader sees the figures but not the form's button.
    assert (
        "Record a reserve transfer"
        not in client_for(w.scrutineer).get(second.get_absolute_url()).content.decode()
    )


def test_a_transfer_is_recorded_on_the_page_with_its_rules(world, client_for):
    w = world
    _first, second = _two_years(w)
    url = reverse("funding:reserve_transfer_create", kwargs={"partnership": "alpha", "pk": second.pk})
    client = client_for(w.bu)
    assert client.get(url).status_code == 200
    outside = client.post(
        url, {"direction": "in", "amount_pence": "150.00", "on": "2019-09-01", "reason": "x"}
    )
    assert outside.status_code == 200
    assert "The date must fall in the budget&#x27;s year, 2018/19." in outside.content.decode()
    response = client.post(
        url,
        {"direction": "in", "amount_pence": "150.00", "on": "2018-09-01", "reason": "Refund from the ICB"},
    )
    assert response.status_code == 302
    transfer = ReserveTransfer.objects.get(reason="Refund from the ICB")
    assert transfer.amount_pence == 15_000 and transfer.history.get().history_user == w.bu
    assert figures.reserves(w.alpha, 2018).transfers_in_pence == 15_000
    with pytest.raises(ValidationError):
        services.record_reserve_transfer(
            w.bu,
            budget=second,
            direction=ReserveDirection.OUT,
            amount_pence=0,
            on=D(2018, 9, 1),
            reason="Zero",
        )


def test_a_transfer_is_refused_for_another_partnerships_budget(world, client_for, api_for):
    w = world
    beta_budget = w.beta_funding["budget"]
    alpha_budget = w.funding["budget"]
    data = {"direction": "in", "amount_pence": "10.00", "on": "2019-09-01", "reason": "Not ours"}
    # Alpha's business unit names beta's budget under alpha's address: not found.
    url = reverse("funding:reserve_transfer_create", kwargs={"partnership": "alpha", "pk": beta_budget.pk})
    assert client_for(w.bu).post(url, data).status_code == 404
    # Beta's outsider cannot reach alpha's budget at all.
    url = reverse("funding:reserve_transfer_create", kwargs={"partnership": "alpha", "pk": alpha_budget.pk})
    assert client_for(w.outsider).post(url, data).status_code == 404
    # A reader of alpha cannot write.
    assert client_for(w.scrutineer).post(url, data).status_code == 403
    api = api_for(w.bu)
    payload = {"direction": "in", "amount_pence": 1_000, "on": "2019-09-01", "reason": "Not ours"}
    before = ReserveTransfer.objects.count()
    refused = api.post("/api/reserve-transfers/", {**payload, "budget": beta_budget.pk}, format="json")
    assert refused.status_code == 400 and "budget" in refused.json()
    assert ReserveTransfer.objects.count() == before
    made = api.post("/api/reserve-transfers/", {**payload, "budget": alpha_budget.pk}, format="json")
    assert made.status_code == 201, made.content
    assert api_for(w.outsider).get(f"/api/reserve-transfers/{made.json()['id']}/").status_code == 404
    late = api.post(
        "/api/reserve-transfers/", {**payload, "budget": alpha_budget.pk, "on": "2021-01-01"}, format="json"
    )
    assert late.status_code == 400 and late.json()["on"] == [
        "The date must fall in the budget's year, 2019/20."
    ]
