"""Contributions: amounts agreed or shared by formula to the exact penny, invoices, part payments,
the outstanding balance, and the payment deadline in the register."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from funding import services
from funding.choices import ContributionStatus, FormulaBasis
from funding.models import Contribution, ContributionFormula, FundingImport
from funding.reports import contributions_summary
from partnerships.core.models import Organisation, Partnership, RelevantAgency
from partnerships.deadlines.models import Deadline
from partnerships.deadlines.register import deadlines_for


def _agencies(world, n):
    orgs = []
    for i in range(n):
        org = Organisation.objects.create(name=f"Agency {i}", kind="other")
        RelevantAgency.objects.create(partnership=world.alpha, organisation=org)
        orgs.append(org)
    return orgs


def test_a_formula_splits_a_total_across_partners_exactly(world):
    formula = services.save_formula(
        world.bu,
        ContributionFormula(
            partnership=world.alpha,
            year=2021,
            name="Thirds",
            basis=FormulaBasis.PERCENTAGES,
            amount_to_raise_pence=10_000_001,  # £100,000.01
        ),
    )
    shares = [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    for org, share in zip(_agencies(world, 3), shares, strict=True):
        services.save_contribution(
            world.bu,
            Contribution(
                partnership=world.alpha,
                year=2021,
                organisation=org,
                formula=formula,
                share=share,
                amount_pence=0,
            ),
        )
    amounts = list(
        formula.contributions.order_by("organisation__name").values_list("amount_pence", flat=True)
    )
    assert amounts == [3_333_000, 3_333_000, 3_334_001]
    assert sum(amounts) == formula.amount_to_raise_pence  # no penny lost or invented
    # Changing the sum re-splits every share, still exactly.
    formula.amount_to_raise_pence = 100
    services.save_formula(world.bu, formula)
    assert sum(formula.contributions.values_list("amount_pence", flat=True)) == 100


def test_percentages_short_of_100_leave_the_rest_unshared_and_more_is_refused(world, client_for):
    formula = services.save_formula(
        world.bu,
        ContributionFormula(partnership=world.alpha, year=2021, name="Part", amount_to_raise_pence=1_000),
    )
    first, second = _agencies(world, 2)
    services.save_contribution(
        world.bu,
        Contribution(
            partnership=world.alpha, year=2021, organisation=first, formula=formula, share=60, amount_pence=0
        ),
    )
    assert Contribution.objects.get(organisation=first).amount_pence == 600
    page = client_for(world.bu).get(formula.get_absolute_url()).content.decode()
    assert "Not yet shared out" in page and "£4.00" in page
    with pytest.raises(ValidationError, match="more than 100%"):
        services.save_contribution(
            world.bu,
            Contribution(
                partnership=world.alpha,
                year=2021,
                organisation=second,
                formula=formula,
                share=41,
                amount_pence=0,
            ),
        )
    assert not Contribution.objects.filter(organisation=second).exists()


def test_the_share_form_adds_a_partner_and_resplits(world, client_for):
    formula = world.funding["formula"]  # £1.00 shared equally by Alpha ICB and Alpha Police
    assert sorted(formula.contributions.values_list("amount_pence", flat=True)) == [50, 50]
    response = client_for(world.bu).post(
        f"/p/alpha/funding/formulas/{formula.pk}/shares/", {"organisation": world.hospital.pk, "share": "1"}
    )
    assert response.status_code == 302
    assert sorted(formula.contributions.values_list("amount_pence", flat=True)) == [33, 33, 34]
    # An organisation outside the partnership is not offered, and cannot be posted.
    response = client_for(world.bu).post(
        f"/p/alpha/funding/formulas/{formula.pk}/shares/", {"organisation": world.beta_icb.pk, "share": "1"}
    )
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


def test_part_payments_leave_an_outstanding_balance(world):
    contribution = world.funding["contribution"]  # £60,000 agreed, £20,000 received
    services.record_payment(
        world.bu, contribution, received_on=datetime.date(2019, 6, 1), amount_pence=3_999_999
    )
    contribution = Contribution.objects.with_received().get(pk=contribution.pk)
    assert (contribution.received, contribution.outstanding) == (5_999_999, 1)
    assert contribution.status(datetime.date(2019, 4, 25)) == ContributionStatus.PART_PAID
    assert contribution.status(datetime.date(2019, 5, 2)) == ContributionStatus.OVERDUE
    with pytest.raises(ValidationError):
        services.record_payment(world.bu, contribution, received_on=datetime.date(2019, 6, 1), amount_pence=0)


def test_an_unpaid_contribution_past_its_due_date_is_an_overdue_deadline_until_paid(world):
    contribution = world.funding["contribution"]
    # The invoice of 1 April 2019 was raised without a due date: the usual 30 days' terms apply.
    assert contribution.due_date == datetime.date(2019, 5, 1)
    [deadline] = deadlines_for(contribution)
    assert deadline.kind == services.CONTRIBUTION_DEADLINE_KIND
    assert deadline.due_date == datetime.date(2019, 5, 1) and deadline.met_on is None
    assert deadline.title == "Contribution from Alpha Council for 2019/20: payment due"
    with time_machine.travel(datetime.date(2019, 5, 2)):
        assert Deadline.objects.overdue().filter(pk=deadline.pk).exists()
        assert (
            Contribution.objects.with_received().get(pk=contribution.pk).status()
            == ContributionStatus.OVERDUE
        )
    final = services.record_payment(
        world.bu, contribution, received_on=datetime.date(2019, 5, 20), amount_pence=4_000_000
    )
    deadline.refresh_from_db()
    assert deadline.met_on == datetime.date(2019, 5, 20)
    assert Contribution.objects.with_received().get(pk=contribution.pk).status() == ContributionStatus.PAID
    # A payment recorded in error is removed: the contribution is owed again and the deadline reopens.
    services.remove_payment(world.bu, final)
    deadline.refresh_from_db()
    assert deadline.met_on is None


def test_the_deadline_follows_the_amount_and_the_due_date(world):
    contribution = world.funding["contribution"]
    services.raise_invoice(
        world.bu,
        contribution,
        invoiced_on=datetime.date(2019, 4, 1),
        reference="INV-9",
        due_date=datetime.date(2019, 7, 31),
    )
    [deadline] = deadlines_for(contribution)
    assert deadline.due_date == datetime.date(2019, 7, 31) and "INV-9" in deadline.rule
    contribution.refresh_from_db()
    contribution.amount_pence = 2_000_000  # now exactly what has been received (on 20 April)
    services.save_contribution(world.bu, contribution)
    deadline.refresh_from_db()
    assert deadline.met_on == datetime.date(2019, 4, 20)
    contribution.amount_pence = 0
    services.save_contribution(world.bu, contribution)
    deadline.refresh_from_db()
    assert not deadline.is_active


def test_the_year_summary_totals_its_rows_and_charts_them(world, client_for):
    rows = Contribution.objects.in_partnership(world.alpha).for_year(2019).with_received()
    summary = contributions_summary(list(rows))
    assert summary.agreed_pence == sum(r.agreed for r in summary.rows) == 6_000_100
    assert summary.outstanding_pence == summary.agreed_pence - summary.received_pence
    page = client_for(world.lead_health).get("/p/alpha/funding/years/2019/contributions/").content.decode()
    assert '<svg class="app-chart__svg"' in page and '<title id="contributions-title">' in page
    assert "Contributions by partner, 2019/20 (the chart's figures)" in page
    assert "£60,001.00" in page  # the total row: the sum of the rows
    assert "Meeting rooms" in page  # in kind, beneath
    csv = (
        client_for(world.lead_health)
        .get("/p/alpha/funding/years/2019/contributions/?export=csv")
        .content.decode()
    )
    assert csv.splitlines()[-1] == "Total,60001.00,20000.00,40001.00,,"


def test_the_coventry_demo_keeps_577_and_flags_the_stated_580(db):
    call_command("load_demo", stdout=io.StringIO())
    coventry = Partnership.objects.get(slug="coventry")
    amounts = dict(
        Contribution.objects.filter(partnership=coventry, year=2018).values_list(
            "organisation__name", "amount_pence"
        )
    )
    assert amounts == {
        "Coventry City Council": 47_100_000,
        "Coventry and Rugby Clinical Commissioning Group": 7_100_000,
        "West Midlands Police": 3_000_000,
        "Children and Family Court Advisory and Support Service": 100_000,
        "Warwickshire and West Mercia Community Rehabilitation Company": 200_000,
        "National Probation Service": 200_000,
    }
    assert sum(amounts.values()) == 57_700_000
    record = FundingImport.objects.get(partnership=coventry)
    assert record.has_discrepancy and record.discrepancies[0]["stated_pence"] == 58_000_000
    bhr = Partnership.objects.get(slug="bhr")
    bhr_2019 = dict(
        Contribution.objects.filter(partnership=bhr, year=2019).values_list(
            "organisation__short_name", "amount_pence"
        )
    )
    assert bhr_2019["BHR CCGs"] == 2_870_600 and bhr_2019["MOPAC"] == 500_000  # para 7.3
    assert sum(bhr_2019.values()) == 6_436_000  # "to a total £64,360"
