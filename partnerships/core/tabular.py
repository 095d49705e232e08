"""CSV and XLSX downloads of a table, as Excel expects them.

XLSX cells keep their types: dates are dates with a date format, money (`Money`, pounds) a number
with a £ format, percentages (`Percent`) a percentage. Above the header sits a title row (the
partnership, what the table is, the period or filter, the day it was made), and the header row is
frozen. The sheet takes the table's full name, shortened at a word when longer than Excel's 31
characters. CSV is UTF-8 with a byte-order mark (so Excel reads "£" and accents), ISO dates and
plain numbers, with the header on the first line for programs that read it.

Spreadsheet formulas in user text (CSV injection, OWASP): an XLSX text cell is always stored as
text, and one that looks like a formula is marked with Excel's quote prefix (no apostrophe enters
the value); a CSV cell is untyped, so text Excel would read as a formula (starting = + - @, tab,
CR) gets a leading apostrophe, unless it is a plain number, which Excel reads as the number it is.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = "d mmm yyyy hh:mm"
MONEY_FORMAT = "£#,##0.00;-£#,##0.00"
PERCENT_FORMAT = "0.0%"
# Excel's limit on a sheet's name, and the characters it refuses in one.
SHEET_NAME_MAX = 31
_SHEET_SEPARATORS = re.compile(r"[/\\]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?]")
# Words a shortened name should not end on.
_DANGLING = {"and", "or", "of", "the", "for", "by", "to", "in", "on", "at", "a", "an", "with", "-"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Money(Decimal):
    """An exact amount in pounds: a number with a £ format in XLSX, a plain number in CSV."""

    @classmethod
    def from_pence(cls, pence):
        return None if pence is None else cls(Decimal(int(pence)).scaleb(-2))


class Percent(float):
    """A percentage in points (87.5 is 87.5%): a percentage cell in XLSX, the number in CSV."""


def sheet_name(title):
    """`title` as a sheet name Excel accepts: no []:*?/\\, at most 31 characters, shortened at a
    word (never ending on "and", "of"...) and cut inside a word only when one word is too long."""
    name = _SHEET_SEPARATORS.sub("-", str(title))
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", name).split()).strip("'")
    if len(name) > SHEET_NAME_MAX:
        words = name.split(" ")
        while len(words) > 1 and len(" ".join(words)) > SHEET_NAME_MAX:
            words.pop()
            while len(words) > 1 and words[-1].lower() in _DANGLING:
                words.pop()
        name = " ".join(words)[:SHEET_NAME_MAX].strip().strip("'")
    return name or "Sheet"


def title_line(title, *, partnership=None, period="", made_on=None):
    """The line above the header: the partnership, the table, its period or filter, the day made."""
    made_on = made_on or timezone.localdate()
    parts = [str(partnership)] if partnership is not None else []
    parts.append(str(title))
    if period:
        parts.append(str(period))
    parts.append(f"Made {date_format(made_on, 'j F Y')}")
    return " · ".join(parts)


def _local(value):
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def _looks_like_formula(text):
    return text[:1] in _FORMULA_START


def xlsx_cell(sheet, value):
    """A typed cell for a write-only sheet."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    cell = WriteOnlyCell(sheet)
    if isinstance(value, Money):
        cell.value = Decimal(value)
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, Percent):
        cell.value = float(value) / 100
        cell.number_format = PERCENT_FORMAT
    elif isinstance(value, datetime.datetime):
        cell.value = _local(value)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float | Decimal):
        cell.value = value
    else:
        text = str(value)
        cell.value = text
        # openpyxl would store text starting "=" as a formula: keep it text, shown as typed.
        cell.data_type = "s"
        if _looks_like_formula(text):
            cell.quotePrefix = True
    return cell


def csv_cell(value):
    """A CSV field: ISO dates, plain numbers, Yes/No, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Percent):
        return str(float(value))
    if isinstance(value, datetime.datetime):
        return _local(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    if _looks_like_formula(text) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def xlsx_bytes(headers, rows, *, title, partnership=None, period="", made_on=None):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_name(title))
    sheet.freeze_panes = "A3"  # the title row and the header stay in view
    for index, header in enumerate(headers):
        sheet.column_dimensions[get_column_letter(index + 1)].width = max(12, min(40, len(str(header)) + 4))
    heading = WriteOnlyCell(sheet, title_line(title, partnership=partnership, period=period, made_on=made_on))
    heading.font = Font(bold=True, size=12)
    heading.data_type = "s"
    sheet.append([heading])
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, str(header))
        cell.font = Font(bold=True)
        cell.data_type = "s"
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def download(fmt, filename, headers, rows, *, title="", partnership=None, period=""):
    """The HTTP response: `filename`.xlsx or `filename`.csv."""
    if fmt == "xlsx":
        body = xlsx_bytes(headers, rows, title=title or filename, partnership=partnership, period=period)
        response = HttpResponse(body, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
