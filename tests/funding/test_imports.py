"""Importing budgets, contributions and spend from CSV and XLSX: every row is checked first; one bad
row is named (line number and reason) and nothing from the file is saved; a stated total that
disagrees with its rows is flagged and never stored."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from funding.choices import ImportKind, LineCategory, SpendKind
from funding.imports import run_import
from funding.models import Budget, BudgetLine, Contribution, FundingImport, SpendEntry
from partnerships.core.models import Organisation, RelevantAgency


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def csv_bytes(*lines):
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def coventry_like(world):
    """Alpha's organisations named as the Coventry paper's six contributors."""
    names = [
        ("Alpha Council", 471),
        ("Alpha ICB", 71),
        ("Alpha Police", 30),
        ("Cafcass Alpha", 1),
        ("Alpha Rehabilitation Company", 2),
        ("Alpha Probation", 2),
    ]
    for name, _k in names[3:]:
        org = Organisation.objects.create(name=name, kind="other")
        RelevantAgency.objects.create(partnership=world.alpha, organisation=org)
    return names


def _import(world, kind, name, data, **options):
    return run_import(world.bu, partnership=world.alpha, kind=kind, name=name, data=data, **options)


def test_the_coventry_table_is_flagged_580_stated_against_577_in_its_rows(world, coventry_like):
    data = csv_bytes(
        "Organisation,Contribution to the LSCB (£k)",
        *[f"{name},{k}" for name, k in coventry_like],
        "Total,580",
    )
    outcome = _import(world, ImportKind.CONTRIBUTIONS, "coventry.csv", data, default_year=2018)
    assert outcome.saved and not outcome.errors
    [total] = outcome.discrepancies
    assert (total.line, total.stated_pence, total.rows_pence) == (8, 58_000_000, 57_700_000)
    assert "states “Total” as £580,000.00" in str(total) and "add up to £577,000.00" in str(total)
    saved = Contribution.objects.filter(partnership=world.alpha, year=2018)
    assert saved.count() == 6  # the "Total" row is not a contribution
    assert sum(saved.values_list("amount_pence", flat=True)) == 57_700_000
    record = FundingImport.objects.get(pk=outcome.record.pk)
    assert record.has_discrepancy and record.row_count == 6
    assert record.stated_totals == [
        {
            "line": 8,
            "label": "Total",
            "scope": "all rows",
            "stated_pence": 58_000_000,
            "rows_pence": 57_700_000,
        }
    ]
    assert set(saved.values_list("source_import", flat=True)) == {record.pk}


def test_a_total_that_agrees_is_not_flagged(world):
    data = csv_bytes(
        "organisation,year,amount",
        "Alpha Council,2020/21,100.10",
        "Alpha ICB,2020/21,0.90",
        "Total,2020/21,101",
    )
    outcome = _import(world, ImportKind.CONTRIBUTIONS, "ok.csv", data)
    assert outcome.saved and outcome.totals and not outcome.discrepancies
    assert not outcome.record.has_discrepancy


def test_one_bad_row_saves_nothing_and_is_named(world):
    before = _counts()
    data = csv_bytes(
        "organisation,financial year,amount",
        "Alpha Council,2020/21,1000",
        "Alpha ICB,2020/21,12.345",
        "Alpha Police,2020/21,500",
    )
    outcome = _import(world, ImportKind.CONTRIBUTIONS, "bad.csv", data)
    assert not outcome.saved
    assert [str(e) for e in outcome.errors] == [
        "Line 3: the amount: “12.345” has fractions of a penny: use at most two decimal places"
    ]
    assert _counts() == before  # not the good rows, not an import record, not a history row


def test_every_bad_row_is_reported_at_once(world):
    before = _counts()
    data = csv_bytes(
        "organisation,year,amount,due date",
        "Alpha Council,2020/21,1000,",
        "Nobody Ltd,2020/21,5,",
        "Alpha ICB,2020/22,5,",
        "Alpha Police,2020/21,-5,",
        "Alpha Council,2020/21,7,",
        "Alpha Police,2020/21,5,31/02/2021",
        "Alpha Police,2021/22,,",
    )
    outcome = _import(world, ImportKind.CONTRIBUTIONS, "many.csv", data)
    reasons = {e.line: e.reason for e in outcome.errors}
    assert reasons == {
        3: "no organisation called “Nobody Ltd” takes part in this partnership",
        4: "“2020/22” is not a financial year: the second year must follow the first",
        5: "a contribution cannot be less than £0",
        6: "Alpha Council for 2020/21 appears twice (lines 2 and 6)",
        7: "“31/02/2021” is not a date, like 2019-04-30 or 30/04/2019",
        8: "enter the amount",
    }
    assert _counts() == before


def test_xlsx_cells_are_read_exactly_and_numbered_as_in_the_sheet(world):
    data = xlsx_bytes(
        [
            ["Organisation", "Financial year", "Amount", "Due date", "Amount received", "Date received"],
            [
                "Alpha Council",
                "2020/21",
                151391.4,
                datetime.datetime(2020, 5, 1),
                69398.4,
                datetime.datetime(2020, 4, 30),
            ],
            [None, None, None, None, None, None],
            ["Alpha ICB", "2020/21", 100 / 3, None, None, None],  # a formula =100/3 saved as its value,
        ]
    )
    before = _counts()
    outcome = _import(world, ImportKind.CONTRIBUTIONS, "bad.xlsx", data)
    assert [str(e) for e in outcome.errors] == [
        "Line 4: the amount: “33.33333333333334” has fractions of a penny: use at most two decimal places"
    ]
    assert _counts() == before
    data = xlsx_bytes(
        [
            ["Organisation", "Financial year", "Amount", "Due date", "Amount received", "Date received"],
            [
                "Alpha Council",
                "2020/21",
                151391.4,
                datetime.datetime(2020, 5, 1),
                69398.4,
                datetime.datetime(2020, 4, 30),
            ],
        ]
    )
    outcome = _import(world, ImportKind.CONTRIBUTIONS, "good.xlsx", data)
    assert outcome.saved
    contribution = Contribution.objects.get(partnership=world.alpha, year=2020, organisation=world.council)
    assert contribution.amount_pence == 15_139_140
    assert contribution.due_date == datetime.date(2020, 5, 1)
    assert contribution.received == 6_939_840
    # Importing the same file again records the payment once, not twice.
    assert _import(world, ImportKind.CONTRIBUTIONS, "good.xlsx", data).saved
    assert Contribution.objects.get(pk=contribution.pk).received == 6_939_840


def test_a_file_that_is_not_a_table_is_refused(world):
    before = _counts()
    for name, data, message in [
        ("notes.pdf", b"%PDF", "The file must be a CSV file or an Excel workbook (.xlsx)."),
        ("broken.xlsx", b"not a zip", "The file is not an Excel workbook that can be read (.xlsx)."),
        ("empty.csv", b"\n\n", "The file is empty."),
        ("nohead.csv", csv_bytes("name,money", "Alpha Council,5"), "Line 1: the header row has no “amount”"),
    ]:
        outcome = _import(world, ImportKind.CONTRIBUTIONS, name, data)
        assert str(outcome.errors[0]).startswith(message), name
    assert _counts() == before


def test_a_budget_file_adds_lines_sets_the_budget_then_revises_it(world):
    data = csv_bytes(
        "line,category,year,amount",
        "Employee Costs,Employee costs,2018/19,123460",
        "Supplies and Services,Supplies and services,2018/19,89170",
        "Partner Agency Contributions,Partner contributions,2018/19,-64360",
        "LBA Pay Protection,Transfer from reserve,2018/19,-190",
        "Total Expenditure,,2018/19,212630",
        "Total Net Expenditure,,2018/19,148080",
    )
    outcome = _import(world, ImportKind.BUDGET, "a39000.csv", data)
    assert outcome.saved and len(outcome.totals) == 2 and not outcome.discrepancies
    budget = Budget.objects.get(partnership=world.alpha, year=2018)
    assert budget.revisions.get().amounts.count() == 4
    assert (
        BudgetLine.objects.get(partnership=world.alpha, name="Partner Agency Contributions").category
        == LineCategory.PARTNER_INCOME
    )
    revised = csv_bytes(
        "line,year,amount", "Employee Costs,2018/19,123460", "Supplies and Services,2018/19,90000"
    )
    outcome = _import(
        world, ImportKind.BUDGET, "revised.csv", revised, effective_on=datetime.date(2018, 10, 1)
    )
    assert outcome.saved
    revision = budget.revisions.get(number=1)
    assert [(a.line.name, a.amount_pence) for a in revision.amounts.all()] == [
        ("Supplies and Services", 9_000_000)
    ]
    assert revision.reason == "Imported from revised.csv" and revision.effective_on == datetime.date(
        2018, 10, 1
    )


def test_a_budget_line_the_partnership_lacks_needs_its_category(world):
    before = _counts()
    data = csv_bytes("line,year,amount,category", "Mystery,2019/20,5,", "Other,2019/20,5,Sundries")
    outcome = _import(world, ImportKind.BUDGET, "b.csv", data)
    assert [e.line for e in outcome.errors] == [2, 3]
    assert "give its category to add it" in outcome.errors[0].reason
    assert outcome.errors[1].reason.startswith("“Sundries” is not a category")
    assert _counts() == before


def test_havering_actuals_stated_total_is_flagged_a_pound_out(world):
    """The paper prints 151,391 and 69,398 under a total of 220,790 (it rounds pence)."""
    employee = BudgetLine.objects.create(
        partnership=world.alpha, name="Employee Costs", category=LineCategory.EMPLOYEE_COSTS
    )
    BudgetLine.objects.create(
        partnership=world.alpha, name="Supplies and Services", category=LineCategory.SUPPLIES_AND_SERVICES
    )
    Budget.objects.create(partnership=world.alpha, year=2018)
    data = csv_bytes(
        "Line,Month,Actual or projection,Amount",
        "Employee Costs,Mar-19,actual,151391",
        "Supplies and Services,Mar-19,actual,69398",
        "Total Expenditure,,,220790",
    )
    outcome = _import(world, ImportKind.SPEND, "actuals.csv", data)
    assert outcome.saved
    [total] = outcome.discrepancies
    assert (total.stated_pence, total.rows_pence, total.scope) == (22_079_000, 22_078_900, "expenditure")
    assert "a difference of +£1.00" in str(total)
    entry = SpendEntry.objects.get(line=employee)
    assert (entry.month, entry.kind, entry.amount_pence) == (
        datetime.date(2019, 3, 1),
        SpendKind.ACTUAL,
        15_139_100,
    )


def test_spend_needs_a_budget_for_its_year_and_a_known_kind(world):
    BudgetLine.objects.create(partnership=world.alpha, name="Staff", category=LineCategory.EMPLOYEE_COSTS)
    before = _counts()
    data = csv_bytes(
        "line,month,kind,amount",
        "Staff,2025-04,actual,10",
        "Staff,2019-04,guess,10",
        "Staff,2019-13,actual,10",
        "Nobody,2019-04,actual,10",
        "Total things,,,20",
    )
    outcome = _import(world, ImportKind.SPEND, "s.csv", data)
    reasons = {e.line: e.reason for e in outcome.errors}
    assert reasons[2] == "there is no budget for 2025/26 yet: add it before its spending"
    assert reasons[3] == "“guess” is neither “actual” nor “projection”"
    assert reasons[4] == "“2019-13” is not a month, like 2019-04 or Apr-19"
    assert reasons[5] == "there is no budget line called “Nobody”: add it under budget lines first"
    assert reasons[6].startswith("“Total things” does not say which rows it totals")
    assert _counts() == before


def test_the_import_page_lists_the_problems_and_saves_nothing(world, client_for):
    client = client_for(world.bu)
    client.get("/p/alpha/funding/imports/new/")
    before = _counts()
    upload = SimpleUploadedFile(
        "bad.csv",
        csv_bytes("organisation,amount", "Alpha Council,10", "Alpha ICB,ten pounds"),
        content_type="text/csv",
    )
    response = client.post(
        "/p/alpha/funding/imports/new/", {"kind": "contributions", "file": upload, "year": "2020"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Line 3: the amount: “ten pounds” is not an amount in pounds, like 1,234.56" in page
    assert "Nothing from the file was saved" in page
    assert _counts() == before


def test_the_import_page_saves_a_good_file_and_warns_of_a_wrong_total(world, client_for, coventry_like):
    client = client_for(world.bu)
    upload = SimpleUploadedFile(
        "coventry.csv",
        csv_bytes("Organisation,Contribution", *[f"{n},{k}" for n, k in coventry_like], "Total,580"),
        content_type="text/csv",
    )
    response = client.post(
        "/p/alpha/funding/imports/new/",
        {"kind": "contributions", "file": upload, "year": "2018", "thousands": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert (
        response.redirect_chain[-1][0]
        == FundingImport.objects.get(file_name="coventry.csv").get_absolute_url()
    )
    assert "Imported 6 rows from coventry.csv" in page
    assert "states “Total” as £580,000.00, but the rows it covers (all rows) add up to £577,000.00" in page
    year_page = client.get("/p/alpha/funding/years/2018/contributions/").content.decode()
    assert "stated “Total” as £580,000.00, but its rows add up to £577,000.00" in year_page
    assert "£577,000.00" in year_page


def test_a_scrutineer_cannot_import(world, client_for):
    client = client_for(world.scrutineer)
    client.get("/p/alpha/funding/imports/")
    before = _counts()
    upload = SimpleUploadedFile("a.csv", csv_bytes("organisation,amount", "Alpha Council,10"))
    response = client.post(
        "/p/alpha/funding/imports/new/", {"kind": "contributions", "file": upload, "year": "2019"}
    )
    assert response.status_code == 403
    assert _counts() == before


def test_another_partnerships_organisation_is_refused_and_nothing_is_saved(world):
    """The import door, as the tenancy test tries the model, the API and the page: a row naming
    another partnership's partner (Beta Police) is named and nothing from the file is saved."""
    before = _counts()
    data = csv_bytes(
        "organisation,financial year,amount",
        "Alpha Council,2020/21,1000",
        "Beta Police,2020/21,500",
    )
    outcome = _import(world, ImportKind.CONTRIBUTIONS, "other.csv", data)
    assert not outcome.saved
    assert [str(e) for e in outcome.errors] == [
        "Line 3: no organisation called “Beta Police” takes part in this partnership"
    ]
    assert _counts() == before
