"""The business unit's journey through the pages: lines, a year's budget and its revisions, spending
and projections, contributions, in kind; GOV.UK errors for bad input; charts with their tables;
every table downloadable."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from funding.choices import LineCategory, SpendKind
from funding.models import Budget, BudgetLine, Contribution, InKindContribution, SpendEntry
from partnerships.deadlines.models import Deadline


@pytest.fixture
def bu(world, client_for):
    return client_for(world.bu)


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_setting_and_revising_a_budget(world, bu):
    response = bu.post(
        "/p/alpha/funding/lines/new/",
        {
            "name": "Independent scrutiny",
            "category": "third_party_payments",
            "position": "5",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    scrutiny = BudgetLine.objects.get(partnership=world.alpha, name="Independent scrutiny")
    response = bu.post(
        "/p/alpha/funding/budgets/new/",
        {"year": "2020", "cost_centre": "X100", "opening_balance_pence": "1,000.50"},
    )
    assert (
        "Leave this blank: the balance is brought forward from the 2019/20 budget"
        in response.content.decode()
    )
    response = bu.post("/p/alpha/funding/budgets/new/", {"year": "2020", "cost_centre": "X100"})
    budget = Budget.objects.get(partnership=world.alpha, year=2020)
    assert response["Location"] == f"/p/alpha/funding/budgets/{budget.pk}/revise/"
    assert budget.opening_balance_pence is None
    staffing = world.funding["staffing"]
    form = bu.get(response["Location"]).content.decode()
    assert "Set the 2020/21 budget" in form and "Independent scrutiny (£)" in form
    response = bu.post(
        response["Location"],
        {
            **_date("effective_on", datetime.date(2020, 4, 1)),
            f"line_{staffing.pk}": "120,000",
            f"line_{scrutiny.pk}": "15000.10",
        },
    )
    assert response.status_code == 302
    # A revision without a reason is refused with the GOV.UK error summary, and nothing changes.
    url = f"/p/alpha/funding/budgets/{budget.pk}/revise/"
    response = bu.post(
        url,
        {
            **_date("effective_on", datetime.date(2020, 10, 1)),
            f"line_{staffing.pk}": "125000",
            f"line_{scrutiny.pk}": "15000.10",
        },
    )
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert "Say why the budget is being revised." in response.content.decode()
    assert budget.revisions.count() == 1
    response = bu.post(
        url,
        {
            **_date("effective_on", datetime.date(2020, 10, 1)),
            "reason": "Pay award",
            f"line_{staffing.pk}": "125000",
            f"line_{scrutiny.pk}": "15000.10",
        },
    )
    assert response.status_code == 302
    revision = budget.revisions.get(number=1)
    assert [(a.line_id, a.amount_pence) for a in revision.amounts.all()] == [(staffing.pk, 12_500_000)]
    page = bu.get(budget.get_absolute_url()).content.decode()
    assert "Revised budget 2020/21" in page and "£140,000.10" in page  # 125,000 + 15,000.10
    assert "brought forward from 2019/20" in page


def test_money_fields_refuse_fractions_of_a_penny_and_words(world, bu):
    budget = world.funding["budget"]
    response = bu.post(
        f"/p/alpha/funding/budgets/{budget.pk}/spend/new/",
        {
            "line": world.funding["staffing"].pk,
            "month": "2019-06-01",
            "kind": "actual",
            "amount_pence": "10.005",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "has fractions of a penny" in page and 'href="#id_amount_pence"' in page
    assert not SpendEntry.objects.filter(budget=budget, month=datetime.date(2019, 6, 1)).exists()


def test_recording_spend_and_projecting_the_year(world, bu):
    budget, staffing = world.funding["budget"], world.funding["staffing"]
    response = bu.post(
        f"/p/alpha/funding/budgets/{budget.pk}/spend/new/",
        {
            "line": staffing.pk,
            "month": "2019-05-01",
            "kind": "actual",
            "amount_pence": "9,999.95",
            "note": "May payroll",
        },
    )
    assert response.status_code == 302
    # The same line, month and kind twice is refused: the existing figure is changed instead.
    response = bu.post(
        f"/p/alpha/funding/budgets/{budget.pk}/spend/new/",
        {"line": staffing.pk, "month": "2019-05-01", "kind": "actual", "amount_pence": "1"},
    )
    assert "There is already an actual for Staffing in May 2019" in response.content.decode()
    # Actuals April 10,000.50 and May 9,999.95: the ten months left at the average 10,000.225 each.
    response = bu.post(f"/p/alpha/funding/budgets/{budget.pk}/project/")
    assert response.status_code == 302
    projected = SpendEntry.objects.filter(
        budget=budget, line=staffing, kind=SpendKind.PROJECTION, month__gt=datetime.date(2019, 5, 1)
    )
    assert projected.count() == 10
    assert sum(projected.values_list("amount_pence", flat=True)) == 10_000_225  # 100,002.25 exactly
    page = bu.get(budget.get_absolute_url()).content.decode()
    assert "Projected outturn 2019/20" in page
    assert "£120,002.70" in page  # 20,000.45 actual + 100,002.25 projected
    assert '<svg class="app-chart__svg"' in page and "Spending by month, 2019/20" in page
    assert (
        "budget profiled evenly" in page
        and '<th scope="row" class="govuk-table__header">June 2019</th>' in page
    )


def test_every_table_of_the_budget_downloads(world, bu):
    budget = world.funding["budget"]
    url = budget.get_absolute_url()
    report = load_workbook(io.BytesIO(bu.get(url + "?export=xlsx").content)).active
    rows = list(report.iter_rows(values_only=True))
    assert "Budget monitoring report" in rows[0][0] and report.freeze_panes == "A3"
    assert rows[1][:2] == ("X100", "Budget 2019/20")
    net = rows[-1]
    assert net[0] == "Total net expenditure" and float(net[1]) == 30_000.0
    months = bu.get(url + "?export=csv&table=months").content.decode("utf-8-sig").splitlines()
    assert months[0] == "Month,Budget (profiled evenly),Actual,Projected"
    assert months[1] == "April 2019,10000.00,10000.50,"
    assert months[2] == "May 2019,10000.00,,10000.00"
    grid = bu.get(url + "?export=csv&table=grid").content.decode("utf-8-sig").splitlines()
    assert grid[1].startswith("Staffing,10000.50,10000.00,")
    revisions = bu.get(url + "?export=csv&table=revisions").content.decode("utf-8-sig").splitlines()
    assert revisions[1].startswith("Original budget 2019/20,2019-04-01,Budget set,Staffing,120000.00")


def test_downloads_neutralise_spreadsheet_formulas(world, bu):
    InKindContribution.objects.create(
        partnership=world.alpha,
        year=2019,
        organisation=world.police,
        kind="other",
        description='=HYPERLINK("http://x")',
    )
    csv = bu.get("/p/alpha/funding/in-kind/?export=csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "\n=HYPERLINK" not in csv


def test_adding_a_contribution_and_its_invoice(world, bu):
    response = bu.post(
        "/p/alpha/funding/contributions/new/",
        {"organisation": world.hospital.pk, "year": "2020", "amount_pence": "2,500"},
    )
    contribution = Contribution.objects.get(partnership=world.alpha, organisation=world.hospital, year=2020)
    assert response["Location"] == contribution.get_absolute_url()
    assert contribution.amount_pence == 250_000
    response = bu.post(
        f"/p/alpha/funding/contributions/{contribution.pk}/invoice/",
        {**_date("invoiced_on", datetime.date(2020, 4, 6)), "reference": "INV-77"},
    )
    assert response.status_code == 302
    deadline = Deadline.objects.get(kind="contribution_payment", source_id=contribution.pk)
    assert deadline.due_date == datetime.date(2020, 5, 6)  # 30 days' terms
    page = bu.get(contribution.get_absolute_url()).content.decode()
    assert "Invoiced" in page and "INV-77" in page and "due 6 May 2020" in page
    # A second contribution for the same partner and year is refused on the form.
    response = bu.post(
        "/p/alpha/funding/contributions/new/",
        {"organisation": world.hospital.pk, "year": "2020", "amount_pence": "1"},
    )
    assert "Alpha Hospital Trust already has a contribution for 2020/21" in response.content.decode()
    # An organisation of another partnership is not a choice.
    response = bu.post(
        "/p/alpha/funding/contributions/new/",
        {"organisation": world.beta_icb.pk, "year": "2020", "amount_pence": "1"},
    )
    assert "Select a valid choice" in response.content.decode()


def test_in_kind_and_its_optional_value(world, bu):
    response = bu.post(
        "/p/alpha/funding/in-kind/new/",
        {
            "organisation": world.police.pk,
            "year": "2019",
            "kind": "parking",
            "description": "Parking for training days",
        },
    )
    assert response.status_code == 302
    item = InKindContribution.objects.get(description="Parking for training days")
    assert item.value_pence is None
    page = bu.get("/p/alpha/funding/years/2019/contributions/").content.decode()
    assert "Parking for training days" in page and "Not valued" in page


def test_lines_cannot_move_section_once_used(world, bu):
    staffing = world.funding["staffing"]
    response = bu.post(
        f"/p/alpha/funding/lines/{staffing.pk}/edit/",
        {"name": "Staffing", "category": "partner_income", "position": "1"},
    )
    assert "cannot move to another section" in response.content.decode()
    assert BudgetLine.objects.get(pk=staffing.pk).category == LineCategory.EMPLOYEE_COSTS


def test_the_overview_and_home_panel(world, bu):
    page = bu.get("/p/alpha/funding/").content.decode()
    assert "2019/20" in page and "£30,000.00" in page  # net budget: 120,000 - 90,000
    assert "stated a total that disagrees" in page
    home = bu.get("/p/alpha/").content.decode()
    assert "Funding" in home and "Alpha Council: £40,000.00 for 2019/20" in home  # overdue since 1 May 2019
