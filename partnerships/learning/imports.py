"""Upload of dataset values from a CSV or Excel file, checked row by row before anything is saved.

Columns (header row, any order, case-insensitive): indicator (the indicator's code), period (the
first day of the period: 2025-04-01 or 01/04/2025), value, and optionally area and commentary.
If any row is wrong the whole file is refused, every problem is listed by its row number, and
nothing is saved: a half-loaded quarter would make the trend lie.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook

from partnerships.core.identity import identity_problems
from partnerships.learning.models import Indicator, period_problem
from partnerships.learning.services import submit_value

MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
COLUMNS = {
    "indicator": ("indicator", "indicator code", "code"),
    "period": ("period", "period start", "period_start", "date"),
    "area": ("area", "locality", "breakdown"),
    "value": ("value", "figure"),
    "commentary": ("commentary", "comment", "notes"),
}
REQUIRED = ("indicator", "period", "value")


class FileProblem(Exception):
    """The file as a whole cannot be read."""


@dataclass
class Outcome:
    errors: list = field(default_factory=list)  # "Row 3: ..." strings
    saved: int = 0

    @property
    def ok(self):
        return not self.errors


def read_table(name, data):
    """(headers, [(row number, cells)]) from a CSV or XLSX file's bytes."""
    if len(data) > MAX_BYTES:
        raise FileProblem("The file is larger than 2 MB.")
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif lower.endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise FileProblem("The file must be a CSV file or an Excel workbook (.xlsx).")
    rows = [(n, cells) for n, cells in rows if any(_text(c) for c in cells)]
    if not rows:
        raise FileProblem("The file is empty.")
    if len(rows) > MAX_ROWS + 1:
        raise FileProblem(f"The file has more than {MAX_ROWS} rows.")
    (_n, header), body = rows[0], rows[1:]
    return [_text(h).lower() for h in header], body


def _csv_rows(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise FileProblem("The file's text could not be read: save it as CSV (UTF-8).")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return [(reader.line_num, cells) for cells in reader]
    except csv.Error as error:
        raise FileProblem(f"The CSV cannot be read ({error}).") from None


def _xlsx_rows(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a file that is not a workbook
        raise FileProblem("The file is not an Excel workbook that can be read (.xlsx).") from None
    try:
        return [
            (number, list(cells))
            for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _map_columns(headers):
    found = {}
    for key, names in COLUMNS.items():
        for index, header in enumerate(headers):
            if header in names:
                found[key] = index
                break
    missing = [k for k in REQUIRED if k not in found]
    if missing:
        raise FileProblem(f"The header row must name the column(s): {', '.join(missing)}.")
    return found


def parse_period(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None


def import_values(actor, partnership, name, data, *, organisation_ids=None):
    """Check every row, then save them all in one transaction, or save nothing.

    `organisation_ids`: the agencies the uploader reports for (an agency contributor); None for the
    business unit, who may enter any indicator's values.
    """
    try:
        headers, body = read_table(name, data)
        columns = _map_columns(headers)
    except FileProblem as problem:
        return Outcome(errors=[str(problem)])
    indicators = Indicator.objects.filter(partnership=partnership, is_active=True)
    if organisation_ids is not None:
        indicators = indicators.filter(source_organisation_id__in=organisation_ids)
    by_code = {i.code.lower(): i for i in indicators}
    outcome = Outcome()
    parsed, seen = [], {}

    def cell(cells, key):
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in body:
        problems = []
        code = _text(cell(cells, "indicator")).lower()
        indicator = by_code.get(code)
        if not code:
            problems.append("the indicator code is missing")
        elif indicator is None:
            problems.append(f"“{code}” is not an indicator you report")
        period = parse_period(cell(cells, "period"))
        if period is None:
            problems.append("the period is not a date (use 2025-04-01 or 01/04/2025)")
        elif indicator is not None:
            problem = period_problem(indicator.frequency, period)
            if problem:
                problems.append(problem[0].lower() + problem[1:].rstrip("."))
        raw_value = cell(cells, "value")
        try:
            value = Decimal(_text(raw_value).replace(",", "").rstrip("%"))
            if not value.is_finite() or abs(value) >= Decimal("1e10"):
                raise InvalidOperation
        except InvalidOperation:
            value = None
            problems.append(f"the value “{_text(raw_value)}” is not a number")
        area = _text(cell(cells, "area"))
        if indicator is not None and area not in indicator.allowed_areas():
            problems.append(f"“{area}” is not one of this indicator's areas")
        commentary = _text(cell(cells, "commentary"))
        if identity_problems(commentary):
            problems.append("the commentary looks like it identifies a child")
        key = (code, period, area)
        if not problems and key in seen:
            problems.append(f"it repeats row {seen[key]}")
        if not problems:
            seen.setdefault(key, number)
        if problems:
            outcome.errors.append(f"Row {number}: " + "; ".join(problems) + ".")
        else:
            parsed.append((indicator, period, area, value, commentary))
    if not body:
        outcome.errors.append("The file has a header row but no values.")
    if outcome.errors:
        return outcome
    try:
        with transaction.atomic():
            for indicator, period, area, value, commentary in parsed:
                submit_value(
                    actor, indicator, period_start=period, area=area, value=value, commentary=commentary
                )
    except ValidationError as error:  # pragma: no cover - every rule is checked above
        return Outcome(errors=error.messages)
    outcome.saved = len(parsed)
    return outcome
