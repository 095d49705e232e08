"""Importing budgets, contributions and spend from CSV or Excel (XLSX) files.

Every row is checked before anything is written: a bad row is reported with its line number and the
reason, and then nothing from the file is saved. A valid file is saved in one transaction.

A row labelled "Total..." is a total the file states, never a figure to store: it is compared with
the sum of the rows it covers, and a difference is flagged to the user and kept on the import's
record (the Coventry paper states 580 (£k) for rows adding up to 577; the Havering paper's
total expenditure of 220,790 is the rounded sum of rows printed as 151,391 and 69,398).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook

from funding import services
from funding.choices import SECTION_OF_CATEGORY, ImportKind, LineCategory, Section, SpendKind
from funding.models import Budget, BudgetLine, Contribution, ContributionPayment, FundingImport
from funding.money import MoneyError, format_pounds, to_pence
from funding.years import parse_month
from partnerships.core import tenancy
from partnerships.core.periods import FinancialYear
from partnerships.core.services import as_actor

# A partnership's budget, contributions or year of spend is at most a few hundred rows; a far larger
# file is a mistake (or an attack on the server's memory), refused before it is read row by row.
MAX_ROWS = 5000
MAX_ERRORS_SHOWN = 200
THOUSANDS = 1000

COLUMNS = {
    ImportKind.CONTRIBUTIONS: {
        "organisation": ("organisation", "organization", "partner", "partner organisation", "agency", "name"),
        "year": ("financial year", "year", "fy"),
        "amount": ("amount", "agreed amount", "amount agreed", "contribution", "agreed contribution"),
        "due_date": ("due date", "due", "payment due"),
        "invoice_reference": ("invoice reference", "invoice number", "invoice no", "invoice"),
        "invoiced_on": ("invoiced on", "invoice date", "date invoiced"),
        "received": ("amount received", "received", "paid"),
        "received_on": ("received on", "date received", "date paid", "paid on"),
    },
    ImportKind.BUDGET: {
        "line": ("line", "budget line", "description", "item"),
        "category": ("category", "type"),
        "year": ("financial year", "year", "fy"),
        "amount": ("amount", "budget", "budget amount", "revised budget"),
    },
    ImportKind.SPEND: {
        "line": ("line", "budget line", "item"),
        "month": ("month", "period"),
        "kind": ("actual or projection", "kind", "type"),
        "amount": ("amount", "value", "spend", "actual"),
        "note": ("note", "notes", "description"),
    },
}
REQUIRED = {
    ImportKind.CONTRIBUTIONS: ("organisation", "amount"),
    ImportKind.BUDGET: ("line", "amount"),
    ImportKind.SPEND: ("line", "month", "amount"),
}
LABEL_COLUMN = {ImportKind.CONTRIBUTIONS: "organisation", ImportKind.BUDGET: "line", ImportKind.SPEND: "line"}

_THOUSANDS_MARK = re.compile(r"£\s*k|£\s*000|\(k\)|thousands", re.IGNORECASE)
_TOTAL_LABEL = re.compile(r"^total\b", re.IGNORECASE)
_PROJECTION_WORDS = {"projection", "projected", "forecast", "budgeted", "estimate"}
_ACTUAL_WORDS = {"", "actual", "actuals", "spent"}


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong type, no header, too many rows)."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self):
        return f"Line {self.line}: {self.reason}" if self.line else self.reason


@dataclass
class StatedTotal:
    line: int
    label: str
    stated_pence: int
    covers: object  # predicate over parsed rows
    scope: str
    rows_pence: int = 0

    def as_record(self):
        return {
            "line": self.line,
            "label": self.label,
            "scope": self.scope,
            "stated_pence": self.stated_pence,
            "rows_pence": self.rows_pence,
        }

    @property
    def agrees(self):
        return self.stated_pence == self.rows_pence

    def __str__(self):
        return (
            f"Line {self.line}: the file states “{self.label}” as {format_pounds(self.stated_pence)}, but the "
            f"rows it covers ({self.scope}) add up to {format_pounds(self.rows_pence)}, a difference of "
            f"{format_pounds(self.stated_pence - self.rows_pence, sign=True)}. The product uses the sum of the rows."
        )


@dataclass
class Outcome:
    """What an import did: saved (with `record`) or refused with `errors`, and any stated totals."""

    errors: list = field(default_factory=list)
    totals: list = field(default_factory=list)
    record: FundingImport | None = None

    @property
    def saved(self):
        return self.record is not None

    @property
    def discrepancies(self):
        return [t for t in self.totals if not t.agrees]


# Reading files --------------------------------------------------------------------------------------


def read_table(name, data):
    """(headers, [(line number, [cells])]) from the bytes of a CSV or XLSX file."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _read_xlsx(data)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise FileProblem("The file must be a CSV file or an Excel workbook (.xlsx).")


def _read_csv(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise FileProblem("The file's text could not be read: save it as CSV (UTF-8).")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
            if len(rows) > MAX_ROWS + 1:
                raise FileProblem(f"The file has more than {MAX_ROWS} rows.")
    except csv.Error as error:
        raise FileProblem(f"Line {reader.line_num}: the CSV cannot be read ({error}).") from None
    return _split_header(rows)


def _read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a file that is not a workbook
        raise FileProblem("The file is not an Excel workbook that can be read (.xlsx).") from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, list(cells)))
            if len(rows) > MAX_ROWS + 1:
                raise FileProblem(f"The file has more than {MAX_ROWS} rows.")
    finally:
        workbook.close()
    return _split_header(rows)


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _split_header(rows):
    rows = [(n, cells) for n, cells in rows if not all(_blank(c) for c in cells)]
    if not rows:
        raise FileProblem("The file is empty.")
    (_n, header), body = rows[0], rows[1:]
    return [str(h).strip() if h is not None else "" for h in header], body


def _normalise(header):
    text = re.sub(r"\(.*?\)", " ", header.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def map_columns(kind, headers):
    """{field: (column index, multiplier)} from the file's header row."""
    synonyms = COLUMNS[kind]
    found = {}
    for index, header in enumerate(headers):
        key = _normalise(header)
        if not key:
            continue
        for name, words in synonyms.items():
            if name in found:
                continue
            if key in words or any(key.startswith(w + " ") for w in words):
                found[name] = (index, THOUSANDS if _THOUSANDS_MARK.search(header) else 1)
                break
    return found


# Values -------------------------------------------------------------------------------------------


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a date, like 2019-04-30 or 30/04/2019")


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class RowReader:
    def __init__(self, kind, headers, multiplier):
        self.columns = map_columns(kind, headers)
        self.multiplier = multiplier
        self.label_column = LABEL_COLUMN[kind]

    def get(self, cells, name):
        index = self.columns.get(name, (None, 1))[0]
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        return None if _blank(value) else value

    def pence(self, cells, name):
        value = self.get(cells, name)
        if value is None:
            return None
        return to_pence(value, multiplier=self.columns[name][1] * self.multiplier)


# Importing ------------------------------------------------------------------------------------------


def run_import(
    actor, *, partnership, kind, name, data, default_year=None, effective_on=None, thousands=False
):
    """Check every row of the file; if all are good save them in one transaction, else save nothing."""
    outcome = Outcome()
    try:
        headers, body = read_table(name, data)
    except FileProblem as problem:
        outcome.errors.append(RowError(0, str(problem)))
        return outcome
    if len(body) > MAX_ROWS:
        outcome.errors.append(RowError(0, f"The file has more than {MAX_ROWS} rows."))
        return outcome
    reader = RowReader(kind, headers, THOUSANDS if thousands else 1)
    missing = [n for n in REQUIRED[kind] if n not in reader.columns]
    if "year" not in reader.columns and default_year is None and kind != ImportKind.SPEND:
        missing.append("year")
    if missing:
        outcome.errors.append(
            RowError(
                1,
                "the header row has no "
                + " or ".join(f"“{m.replace('_', ' ')}”" for m in missing)
                + " column"
                + ("" if "year" not in missing else " (or choose the financial year on the form)"),
            )
        )
        return outcome
    importer = {
        ImportKind.CONTRIBUTIONS: ContributionsImporter,
        ImportKind.BUDGET: BudgetImporter,
        ImportKind.SPEND: SpendImporter,
    }[kind](partnership, reader, default_year)
    for line, cells in body:
        label = _text(reader.get(cells, reader.label_column))
        try:
            if _TOTAL_LABEL.match(label):
                stated = importer.stated_total(line, label, cells)
                if stated is not None:
                    outcome.totals.append(stated)
            else:
                importer.check(line, cells)
        except (ValueError, ValidationError) as error:
            outcome.errors.append(RowError(line, _reason(error)))
    outcome.errors.extend(importer.finish())
    for total in outcome.totals:
        total.rows_pence = sum(row.pence for row in importer.rows if total.covers(row))
    if outcome.errors:
        return outcome
    if not importer.rows:
        outcome.errors.append(RowError(0, "The file has no rows to import."))
        return outcome
    try:
        with transaction.atomic():
            record = FundingImport(
                partnership=partnership,
                kind=kind,
                file_name=name[:255],
                imported_by=actor,
                row_count=len(importer.rows),
                stated_totals=[t.as_record() for t in outcome.totals],
                has_discrepancy=any(not t.agrees for t in outcome.totals),
            )
            as_actor(record, actor).save()
            importer.save(actor, record, effective_on=effective_on, file_name=name)
    except ValidationError as error:
        outcome.errors.append(RowError(0, _reason(error)))
        return outcome
    outcome.record = record
    return outcome


def _reason(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@dataclass
class Parsed:
    line: int
    pence: int
    values: dict


class Importer:
    def __init__(self, partnership, reader, default_year):
        self.partnership = partnership
        self.reader = reader
        self.default_year = default_year
        self.rows = []
        self.seen = {}
        self.errors = []

    def year(self, cells):
        value = self.reader.get(cells, "year")
        if value is None:
            if self.default_year is None:
                raise ValueError("enter the financial year, like 2019/20")
            return self.default_year
        return FinancialYear.parse(_text(value)).start_year

    def amount(self, cells, name="amount", required=True):
        try:
            pence = self.reader.pence(cells, name)
        except MoneyError as error:
            raise ValueError(f"the {name.replace('_', ' ')}: {error}") from None
        if pence is None and required:
            raise ValueError(f"enter the {name.replace('_', ' ')}")
        return pence

    def once(self, key, line, description):
        if key in self.seen:
            raise ValueError(f"{description} appears twice (lines {self.seen[key]} and {line})")
        self.seen[key] = line

    def finish(self):
        return self.errors

    def section_cover(self, label):
        """A predicate for the rows a "Total ..." label covers, and its description."""
        rest = _normalise(label)[len("total") :].strip()
        if not rest or rest.startswith("net") or rest in ("all", "budget"):
            return (lambda row: True), "all rows"
        for section, words in (
            (Section.EXPENDITURE, ("expenditure", "spend", "costs", "cost")),
            (Section.INCOME, ("income", "partner", "contributions")),
            (Section.ACCRUAL, ("accrual", "accruals")),
        ):
            if rest.split()[0] in words:
                return (lambda row, s=section: row.values["line"].section == s), section.label.lower()
        if rest.split()[0] in ("transfer", "transfers"):
            sections = {Section.TRANSFER_FROM_RESERVE, Section.TRANSFER_TO_RESERVE}
            if "from" in rest.split():
                sections = {Section.TRANSFER_FROM_RESERVE}
            elif "to" in rest.split():
                sections = {Section.TRANSFER_TO_RESERVE}
            return (lambda row: row.values["line"].section in sections), "transfers"
        raise ValueError(
            f"“{label}” does not say which rows it totals (expenditure, income, accruals, transfers)"
        )


class ContributionsImporter(Importer):
    def __init__(self, partnership, reader, default_year):
        super().__init__(partnership, reader, default_year)
        self.organisations = {}
        for org in tenancy.organisations(partnership):
            for key in (org.name, org.short_name):
                if key:
                    self.organisations.setdefault(key.casefold(), org)
        self.existing = {
            (c.year, c.organisation_id): c
            for c in Contribution.objects.filter(partnership=partnership).select_related("formula")
        }

    def check(self, line, cells):
        name = _text(self.reader.get(cells, "organisation"))
        if not name:
            raise ValueError("enter the organisation")
        org = self.organisations.get(name.casefold())
        if org is None:
            raise ValueError(f"no organisation called “{name}” takes part in this partnership")
        year = self.year(cells)
        pence = self.amount(cells)
        if pence < 0:
            raise ValueError("a contribution cannot be less than £0")
        self.once((org.pk, year), line, f"{org} for {FinancialYear(year).label}")
        existing = self.existing.get((year, org.pk))
        if existing is not None and existing.formula_id and existing.amount_pence != pence:
            raise ValueError(
                f"{org}'s {FinancialYear(year).label} contribution is set by the formula “{existing.formula.name}”: "
                "change the share instead"
            )
        values = {"organisation": org, "year": year, "existing": existing}
        for date_field in ("due_date", "invoiced_on", "received_on"):
            raw = self.reader.get(cells, date_field)
            values[date_field] = parse_date(raw) if raw is not None else None
        values["invoice_reference"] = _text(self.reader.get(cells, "invoice_reference"))[:60]
        values["received"] = self.amount(cells, "received", required=False)
        if (values["received"] is None) != (values["received_on"] is None):
            raise ValueError("give both the amount received and the date it was received, or neither")
        if values["received"] is not None and values["received"] <= 0:
            raise ValueError("the amount received must be more than £0")
        if values["invoiced_on"] and values["due_date"] and values["due_date"] < values["invoiced_on"]:
            raise ValueError("the due date cannot be before the invoice date")
        self.rows.append(Parsed(line, pence, values))

    def stated_total(self, line, label, cells):
        pence = self.amount(cells, required=False)
        if pence is None:
            return None
        year = self.reader.get(cells, "year")
        if year is not None:
            start = FinancialYear.parse(_text(year)).start_year
            return StatedTotal(
                line, label, pence, lambda row: row.values["year"] == start, FinancialYear(start).label
            )
        return StatedTotal(line, label, pence, lambda row: True, "all rows")

    def save(self, actor, record, **_options):
        for row in self.rows:
            v = row.values
            contribution = v["existing"] or Contribution(
                partnership=self.partnership, year=v["year"], organisation=v["organisation"]
            )
            contribution.amount_pence = row.pence
            for name in ("due_date", "invoiced_on"):
                if v[name] is not None:
                    setattr(contribution, name, v[name])
            if v["invoice_reference"]:
                contribution.invoice_reference = v["invoice_reference"]
            if contribution.pk is None:
                contribution.source_import = record
            services.save_contribution(actor, contribution)
            if v["received"] is not None:
                duplicate = ContributionPayment.objects.filter(
                    contribution=contribution, received_on=v["received_on"], amount_pence=v["received"]
                ).exists()
                if not duplicate:
                    services.record_payment(
                        actor,
                        contribution,
                        received_on=v["received_on"],
                        amount_pence=v["received"],
                        source_import=record,
                    )


def _category(text):
    key = _normalise(text)
    for category in LineCategory:
        if key in (category.value.replace("_", " "), _normalise(category.label)) or _normalise(
            category.label
        ).startswith(key + " "):
            return category
    raise ValueError(
        f"“{text}” is not a category; use one of: " + ", ".join(str(c.label) for c in LineCategory)
    )


class LinesMixin:
    def load_lines(self):
        self.lines = {
            line.name.casefold(): line for line in BudgetLine.objects.filter(partnership=self.partnership)
        }

    def line(self, cells, *, may_create):
        name = _text(self.reader.get(cells, "line"))
        if not name:
            raise ValueError("enter the budget line")
        line = self.lines.get(name.casefold())
        raw_category = self.reader.get(cells, "category") if may_create else None
        category = _category(_text(raw_category)) if raw_category is not None else None
        if line is None:
            if category is None:
                raise ValueError(
                    f"there is no budget line called “{name}”"
                    + (": give its category to add it" if may_create else ": add it under budget lines first")
                )
            line = BudgetLine(partnership=self.partnership, name=name[:120], category=category)
            self.lines[name.casefold()] = line  # created on save, once, however many years use it
        elif category is not None and category != line.category:
            raise ValueError(
                f"“{line.name}” is a line for {line.get_category_display().lower()}, not {category.label.lower()}"
            )
        return line


class BudgetImporter(LinesMixin, Importer):
    def __init__(self, partnership, reader, default_year):
        super().__init__(partnership, reader, default_year)
        self.load_lines()

    def check(self, line_number, cells):
        line = self.line(cells, may_create=True)
        year = self.year(cells)
        pence = self.amount(cells)
        self.once((line.name.casefold(), year), line_number, f"“{line.name}” for {FinancialYear(year).label}")
        self.rows.append(Parsed(line_number, pence, {"line": line, "year": year}))

    def stated_total(self, line, label, cells):
        pence = self.amount(cells, required=False)
        if pence is None:
            return None
        cover, scope = self.section_cover(label)
        year = self.reader.get(cells, "year")
        if year is not None:
            start = FinancialYear.parse(_text(year)).start_year
            return StatedTotal(
                line,
                label,
                pence,
                lambda row: row.values["year"] == start and cover(row),
                f"{scope}, {FinancialYear(start).label}",
            )
        return StatedTotal(line, label, pence, cover, scope)

    def save(self, actor, record, *, effective_on, file_name, **_options):
        budgets = {b.year: b for b in Budget.objects.filter(partnership=self.partnership)}
        by_year = {}
        for row in self.rows:
            line = row.values["line"]
            if line.pk is None:
                line.position = _next_position(self.partnership, SECTION_OF_CATEGORY[line.category])
                as_actor(line, actor).save()
            by_year.setdefault(row.values["year"], {})[line] = row.pence
        for year, amounts in sorted(by_year.items()):
            budget = budgets.get(year) or services.create_budget(
                actor, partnership=self.partnership, year=year
            )
            when = effective_on or budget.financial_year.starts_on
            try:
                services.revise_budget(
                    actor,
                    budget,
                    amounts=amounts,
                    effective_on=when,
                    reason=f"Imported from {file_name}"[:255],
                    source_import=record,
                )
            except ValidationError as error:
                if "Nothing changed" in " ".join(error.messages):
                    continue
                raise ValidationError(f"The {budget.year_label} budget: {_reason(error)}") from None


def _next_position(partnership, section):
    positions = [
        line.position
        for line in BudgetLine.objects.filter(partnership=partnership)
        if line.section == section
    ]
    order = list(Section).index(section)
    return max(positions, default=order * 100) + 1


class SpendImporter(LinesMixin, Importer):
    def __init__(self, partnership, reader, default_year):
        super().__init__(partnership, reader, default_year)
        self.load_lines()
        self.budgets = {b.year: b for b in Budget.objects.filter(partnership=partnership)}

    def kind(self, cells):
        text = _text(self.reader.get(cells, "kind")).lower()
        if text in _ACTUAL_WORDS:
            return SpendKind.ACTUAL
        if text in _PROJECTION_WORDS:
            return SpendKind.PROJECTION
        raise ValueError(f"“{text}” is neither “actual” nor “projection”")

    def check(self, line_number, cells):
        line = self.line(cells, may_create=False)
        month = parse_month(self.reader.get(cells, "month"))
        year = FinancialYear.containing(month)
        budget = self.budgets.get(year.start_year)
        if budget is None:
            raise ValueError(f"there is no budget for {year.label} yet: add it before its spending")
        kind = self.kind(cells)
        pence = self.amount(cells)
        self.once(
            (line.pk, month, kind),
            line_number,
            f"“{line.name}” for {month:%B %Y} ({SpendKind(kind).label.lower()})",
        )
        note = _text(self.reader.get(cells, "note"))[:255]
        self.rows.append(
            Parsed(
                line_number,
                pence,
                {"line": line, "month": month, "kind": kind, "budget": budget, "note": note},
            )
        )

    def stated_total(self, line_number, label, cells):
        pence = self.amount(cells, required=False)
        if pence is None:
            return None
        cover, scope = self.section_cover(label)
        filters, parts = [], [scope]
        raw_month = self.reader.get(cells, "month")
        if raw_month is not None:
            month = parse_month(raw_month)
            filters.append(lambda row: row.values["month"] == month)
            parts.append(f"{month:%B %Y}")
        if self.reader.get(cells, "kind") is not None:
            kind = self.kind(cells)
            filters.append(lambda row: row.values["kind"] == kind)
            parts.append(SpendKind(kind).label.lower())
        return StatedTotal(
            line_number,
            label,
            pence,
            lambda row: cover(row) and all(f(row) for f in filters),
            ", ".join(parts),
        )

    def save(self, actor, record, **_options):
        for row in self.rows:
            v = row.values
            services.record_spend(
                actor,
                budget=v["budget"],
                line=v["line"],
                month=v["month"],
                kind=v["kind"],
                amount_pence=row.pence,
                note=v["note"],
                source_import=record,
            )
