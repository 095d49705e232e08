"""The funding API: the same services and rules as the pages, money in integer pence, 400 for bad
input, and every record kept in its partnership."""

import datetime

import time_machine

from funding.models import Budget, Contribution, SpendEntry
from partnerships.deadlines.models import Deadline


def test_a_budget_is_opened_set_and_revised_through_the_api(world, api_for):
    api = api_for(world.bu)
    response = api.post("/api/budgets/", {"partnership": "alpha", "year": 2021, "cost_centre": "X1"})
    assert response.status_code == 201, response.json()
    budget = Budget.objects.get(pk=response.json()["id"])
    assert budget.revisions.get().number == 0
    staffing, income = world.funding["staffing"], world.funding["income"]
    response = api.post(
        "/api/budget-revisions/",
        {
            "budget": budget.pk,
            "effective_on": "2021-04-01",
            "amounts": [{"line": staffing.pk, "amount_pence": 100}, {"line": income.pk, "amount_pence": -60}],
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["number"] == 0
    response = api.post(
        "/api/budget-revisions/",
        {
            "budget": budget.pk,
            "effective_on": "2021-09-01",
            "amounts": [{"line": staffing.pk, "amount_pence": 150}],
        },
    )
    assert response.status_code == 400 and "reason" in response.json()
    report = api.get(f"/api/budgets/{budget.pk}/report/").json()
    net = report["rows"][-1]
    assert net["kind"] == "net" and net["values_pence"] == [40, 0, -40]  # budget, actual, variance


def test_lines_of_another_partnership_are_refused(world, api_for):
    api = api_for(world.bu)
    budget = world.funding["budget"]
    beta_line = world.beta_funding["staffing"]
    response = api.post(
        "/api/budget-revisions/",
        {
            "budget": budget.pk,
            "effective_on": "2019-10-01",
            "reason": "x",
            "amounts": [{"line": beta_line.pk, "amount_pence": 1}],
        },
    )
    assert response.status_code == 400
    response = api.post(
        "/api/spend-entries/",
        {
            "budget": budget.pk,
            "line": beta_line.pk,
            "month": "2019-06-01",
            "kind": "actual",
            "amount_pence": 5,
        },
    )
    assert response.status_code == 400
    response = api.post(
        "/api/spend-entries/",
        {
            "budget": budget.pk,
            "line": world.funding["staffing"].pk,
            "month": "2020-06-01",
            "kind": "actual",
            "amount_pence": 5,
        },
    )
    assert response.status_code == 400 and "month" in response.json()
    response = api.post(
        "/api/spend-entries/",
        {
            "budget": budget.pk,
            "line": world.funding["staffing"].pk,
            "month": "2019-06-17",
            "kind": "actual",
            "amount_pence": 5,
        },
    )
    assert response.status_code == 201
    assert SpendEntry.objects.get(pk=response.json()["id"]).month == datetime.date(2019, 6, 1)


@time_machine.travel(datetime.date(2020, 5, 1))
def test_contributions_and_payments_keep_the_register_up_to_date(world, api_for):
    api = api_for(world.bu)
    response = api.post(
        "/api/partner-contributions/",
        {
            "partnership": "alpha",
            "year": 2020,
            "organisation": world.hospital.pk,
            "amount_pence": 1_000,
            "due_date": "2020-06-30",
        },
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["received_pence"], data["outstanding_pence"], data["status"]) == (0, 1_000, "not_invoiced")
    deadline = Deadline.objects.get(kind="contribution_payment", source_id=data["id"])
    assert deadline.due_date == datetime.date(2020, 6, 30) and deadline.met_on is None
    response = api.post(
        "/api/contribution-payments/",
        {"contribution": data["id"], "received_on": "2020-06-01", "amount_pence": 1_000},
    )
    assert response.status_code == 201
    deadline.refresh_from_db()
    assert deadline.met_on == datetime.date(2020, 6, 1)
    assert api.get(f"/api/partner-contributions/{data['id']}/").json()["status"] == "paid"
    # Bad input is a 400 with the field named, never a 500.
    for body in (
        {"partnership": "alpha", "year": 2020, "organisation": world.beta_icb.pk, "amount_pence": 1},
        {"partnership": "alpha", "year": 2020, "organisation": world.police.pk, "amount_pence": -1},
        {"partnership": "alpha", "year": 1900, "organisation": world.police.pk, "amount_pence": 1},
        {"partnership": "alpha", "year": 2020, "organisation": world.hospital.pk, "amount_pence": 1},
        {"partnership": "beta", "year": 2020, "organisation": world.police.pk, "amount_pence": 1},
    ):
        assert api.post("/api/partner-contributions/", body).status_code == 400, body
    assert (
        api.post(
            "/api/contribution-payments/",
            {"contribution": data["id"], "received_on": "2020-06-01", "amount_pence": 0},
        ).status_code
        == 400
    )


def test_a_formula_share_through_the_api_is_split_exactly(world, api_for):
    api = api_for(world.bu)
    formula = world.funding["formula"]  # £1.00 between Alpha ICB and Alpha Police
    response = api.post(
        "/api/partner-contributions/",
        {
            "partnership": "alpha",
            "year": 2019,
            "organisation": world.hospital.pk,
            "formula": formula.pk,
            "share": "1",
        },
    )
    assert response.status_code == 201, response.json()
    assert sorted(Contribution.objects.filter(formula=formula).values_list("amount_pence", flat=True)) == [
        33,
        33,
        34,
    ]
    response = api.patch(f"/api/contribution-formulas/{formula.pk}/", {"amount_to_raise_pence": 1_000_001})
    assert response.status_code == 200
    assert (
        sum(Contribution.objects.filter(formula=formula).values_list("amount_pence", flat=True)) == 1_000_001
    )


def test_a_record_cannot_move_to_another_partnership(world, api_for):
    api = api_for(world.bu)
    line = world.funding["staffing"]
    assert api.patch(f"/api/budget-lines/{line.pk}/", {"partnership": "beta"}).status_code == 400
    assert api.patch(f"/api/budgets/{world.funding['budget'].pk}/", {"year": 2030}).status_code == 400
