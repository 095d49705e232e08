"""Every list page's download as Excel expects it (partnerships/core/tabular.py).

XLSX: a title row (partnership, what the list is, its filter, the day made) above a frozen header;
dates are date cells with a date format, money numbers with a £ format, percentages percentages; the
sheet has the list's full name (shortened at a word past 31 characters). CSV: a byte-order mark, ISO
dates, plain numbers. Text that Excel would read as a formula is guarded, and nothing else is.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from partnerships.core import tabular
from partnerships.core.permissions import Perm
from partnerships.core.views.generic import ScopedListView
from tests.urlmatrix import page_routes, url_for

D = datetime.date

# A cell holding only a date printed as text ("2 Nov 2026", "02/11/2026", "2 November 2026 10:00").
DATE_AS_TEXT = re.compile(r"^\d{1,2}( [A-Za-z]{3,9} |/\d{1,2}/)\d{4}( \d{1,2}:\d{2})?$")
ISO_DATE_AS_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}")
MONEY_AS_TEXT = re.compile(r"^-?£[\d,]+(\.\d\d)?$")
FORBIDDEN_IN_SHEET_NAMES = set("[]:*?/\\")

ALL_LIST_ROUTES = [
    r for r in page_routes() if r.view_class is not None and issubclass(r.view_class, ScopedListView)
]


def _persona(world, route):
    return world.contributor if route.view_class.read_perm == Perm.CONTRIBUTE else world.bu


def _workbook(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == tabular.XLSX_CONTENT_TYPE
    return load_workbook(io.BytesIO(response.content))


def _check_sheet(sheet, *, title, headers, partnership_name, seen):
    assert sheet.title == tabular.sheet_name(title)
    assert len(sheet.title) <= 31 and not set(sheet.title) & FORBIDDEN_IN_SHEET_NAMES
    if len(title) <= 31 and not set(title) & FORBIDDEN_IN_SHEET_NAMES:
        assert sheet.title == title  # the full name
    heading = sheet["A1"].value
    assert partnership_name in heading and title in heading and "Made " in heading, heading
    assert sheet.freeze_panes == "A3"  # the title and the header stay in view
    assert [c.value for c in sheet[2]] == headers
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            value = cell.value
            if isinstance(value, datetime.datetime):
                assert "yyyy" in cell.number_format and "mmm" in cell.number_format, cell.number_format
                seen["dates"] += 1
            elif isinstance(value, str):
                assert not DATE_AS_TEXT.match(value), f"{title}: a date as text, {value!r}"
                assert not MONEY_AS_TEXT.match(value), f"{title}: money as text, {value!r}"
                assert not value.startswith("'"), f"{title}: an apostrophe shows in {value!r}"
                if value and value[0] in "=+-@":
                    assert cell.quotePrefix and cell.data_type == "s"
            elif isinstance(value, int | float) and "£" in cell.number_format:
                seen["money"] += 1


def _check_csv(response, *, title, headers):
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf"), f"{title}: no byte-order mark"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == headers
    for row in rows[1:]:
        assert len(row) == len(headers)
        for value in row:
            assert not DATE_AS_TEXT.match(value), f"{title}: a date not in ISO form, {value!r}"
            assert not MONEY_AS_TEXT.match(value), f"{title}: money with a £ sign, {value!r}"
    return rows


def test_the_list_pages_were_found():
    names = {r.name for r in ALL_LIST_ROUTES}
    assert {"partnerships:action_list", "deadlines:deadline_list", "funding:contribution_list"} <= names


def test_every_list_page_downloads_as_excel_expects(world, client_for):
    seen = {"dates": 0, "money": 0, "lists": 0}
    for route in ALL_LIST_ROUTES:
        url = url_for(route, world)
        client = client_for(_persona(world, route))
        page = client.get(url)
        if page.status_code != 200:  # a page this persona may not open is the URL matrix's concern
            continue
        title = page.context["title"]
        headers = [c.header for c in page.context["columns"] if c.export]
        sheet = _workbook(client.get(url, {"export": "xlsx"})).active
        _check_sheet(sheet, title=title, headers=headers, partnership_name=world.alpha.name, seen=seen)
        rows = _check_csv(client.get(url, {"export": "csv"}), title=title, headers=headers)
        assert len(rows) - 1 == sheet.max_row - 2 or sheet.max_row == 2
        seen["lists"] += 1
    assert seen["lists"] >= 20
    assert seen["dates"] > 0 and seen["money"] > 0


def test_dates_money_and_percentages_keep_their_types():
    rows = [
        [
            D(2026, 11, 2),
            datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC),
            tabular.Money.from_pence(-1234567),
            tabular.Percent(87.5),
            -5,
            Decimal("2.50"),
            True,
            None,
        ]
    ]
    headers = ["Due", "At", "Amount", "Rate", "Change", "Hours", "Met", "Empty"]
    book = load_workbook(io.BytesIO(tabular.xlsx_bytes(headers, rows, title="Figures", partnership="Alpha")))
    due, at, amount, rate, change, hours, met, empty = book.active[3]
    assert due.value == datetime.datetime(2026, 11, 2) and due.number_format == "d mmm yyyy"
    assert at.value == datetime.datetime(2026, 7, 1, 10, 30)  # London summer time
    assert amount.value == -12345.67 and amount.number_format.startswith("£#,##0.00")
    assert rate.value == 0.875 and rate.number_format == "0.0%"
    assert change.value == -5 and change.data_type == "n"  # a negative number stays a number
    assert hours.value == 2.5 and met.value == "Yes" and empty.value is None
    text = tabular.csv_bytes(headers, rows).decode("utf-8-sig").splitlines()
    assert text[1] == "2026-11-02,2026-07-01 10:30,-12345.67,87.5,-5,2.50,Yes,"


@pytest.mark.parametrize(
    ("value", "in_csv", "formula_like"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', True),
        ("+44 20 7946 0000", "'+44 20 7946 0000", True),
        ("-5 days", "'-5 days", True),  # Excel would read it as a formula in a CSV
        ("@SUM(A1)", "'@SUM(A1)", True),
        ("\tindented", "'\tindented", True),
        ("-5", "-5", True),  # a number as text: Excel reads the number, nothing to guard
        ("Lead - health", "Lead - health", False),
        ("Plain text", "Plain text", False),
    ],
)
def test_the_formula_guard_touches_only_what_could_be_a_formula(value, in_csv, formula_like):
    assert tabular.csv_cell(value) == in_csv
    book = load_workbook(io.BytesIO(tabular.xlsx_bytes(["Text"], [[value]], title="Guard")))
    cell = book.active["A3"]
    assert cell.value == value and cell.data_type == "s"  # no apostrophe in the value, never a formula
    assert bool(cell.quotePrefix) == formula_like


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Actions", "Actions"),
        ("Serious incident notifications", "Serious incident notifications"),
        ("Learning and improvement briefings of the year", "Learning and improvement"),
        ("Agency returns for the Section 11 audit", "Agency returns for the Section"),
        ("Child death figures 2023/24", "Child death figures 2023-24"),
        ("What: [draft]? *", "What draft"),
        ("Supercalifragilisticexpialidociousness", "Supercalifragilisticexpialidoci"),
    ],
)
def test_sheet_names_are_full_or_shortened_at_a_word(title, expected):
    name = tabular.sheet_name(title)
    assert name == expected and len(name) <= 31


def test_the_title_row_names_the_filter(world, client_for):
    client = client_for(world.bu)
    response = client.get("/p/alpha/actions/", {"status": "open", "export": "xlsx"})
    heading = _workbook(response).active["A1"].value
    assert heading.startswith(f"{world.alpha.name} · Action log · ")
    assert "Open" in heading and "Made " in heading


def test_funding_money_is_pounds_with_a_pound_format(world, client_for):
    client = client_for(world.bu)
    response = client.get("/p/alpha/funding/contributions/", {"export": "xlsx"})
    sheet = _workbook(response).active
    headers = [c.value for c in sheet[2]]
    amount = headers.index("Agreed") if "Agreed" in headers else None
    money_cells = [
        row[amount]
        for row in sheet.iter_rows(min_row=3)
        if amount is not None and row[amount].value is not None
    ]
    assert money_cells, headers
    for cell in money_cells:
        assert isinstance(cell.value, int | float) and cell.number_format.startswith("£")
    csv_rows = list(
        csv.DictReader(
            io.StringIO(client.get("/p/alpha/funding/contributions/?export=csv").content.decode("utf-8-sig"))
        )
    )
    assert csv_rows and all(re.fullmatch(r"-?\d+\.\d\d", r["Agreed"]) for r in csv_rows)


def test_my_deadlines_download(world, client_for):
    client = client_for(world.bu)
    sheet = _workbook(client.get("/deadlines/", {"export": "xlsx"})).active
    assert sheet.freeze_panes == "A3" and "Made " in sheet["A1"].value
    dates = [c for row in sheet.iter_rows(min_row=3) for c in row if isinstance(c.value, datetime.datetime)]
    assert dates and all(c.number_format == "d mmm yyyy" for c in dates)
    text = client.get("/deadlines/", {"export": "csv"}).content
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert rows and all(ISO_DATE_AS_TEXT.match(r["Due"]) for r in rows if r["Due"])
