"""What every dashboard panel is made of: the scope it is built for (partnership, period, area), its
table of cells (each count linking to its records), and the `Panel` base class."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from partnerships.core.periods import financial_year_bounds, financial_year_label
from partnerships.core.tabular import Percent


@dataclass
class Scope:
    """What the dashboard is looking at: a partnership, a financial year (1 April to 31 March,
    partnerships.core.periods) and optionally one of its areas, as `user` on `today`."""

    partnership: object
    user: object
    year: int
    area: object = None
    today: object = None
    # A yearly report's own 12 months (start, end) when they are not a financial year; `year` is then
    # the financial year that overlaps them most, for figures kept only by financial year.
    report_period: tuple | None = None

    @property
    def period(self):
        return self.report_period or financial_year_bounds(self.year)

    @property
    def start(self):
        return self.period[0]

    @property
    def end(self):
        return self.period[1]

    @property
    def year_label(self):
        if self.report_period:
            return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"
        return financial_year_label(self.year)

    @property
    def period_label(self):
        """The period in words, with its dates: "2025/26 (1 April 2025 to 31 March 2026)"."""
        if self.report_period:
            return f"the yearly report period {self.year_label}"
        return f"{self.year_label} (1 April {self.year} to 31 March {self.year + 1})"

    @property
    def period_value(self):
        """The value of the period filter: a financial year, or a report period's first day."""
        return self.start.isoformat() if self.report_period else str(self.year)

    def query(self, **extra):
        params = {"year": self.period_value}
        if self.area is not None:
            params["area"] = self.area.pk
        params.update({k: v for k, v in extra.items() if v is not None})
        return urlencode(params)

    def records_url(self, panel, row, measure):
        base = reverse("dashboard:records", kwargs={"partnership": self.partnership.slug, "panel": panel})
        return f"{base}?{self.query(row=row, measure=measure)}"


@dataclass
class Cell:
    text: str
    value: object = None  # the number behind the text, for exports and charts
    url: str = ""
    numeric: bool = True
    export: object = None  # the value as a typed export cell (Money, Percent), when not `value`


@dataclass
class PanelResult:
    key: str
    title: str
    description: str
    headers: list
    rows: list  # [[Cell]] with the first cell the row's label
    chart: str = ""
    note: str = ""
    summary: list = field(default_factory=list)  # [(label, text)] headline figures

    def export_rows(self):
        return [[_export_value(c) for c in row] for row in self.rows]


def _export_value(cell):
    if cell.export is not None:
        return cell.export
    return cell.value if cell.value is not None else cell.text


def _count(scope, key, row, measure, n):
    return Cell(str(n), n, scope.records_url(key, row, measure) if n else "")


def _percent(value):
    return Cell(
        "No cases" if value is None else f"{value:g}%",
        value,
        export=None if value is None else Percent(value),
    )


def _label(text):
    return Cell(text, None, "", numeric=False)


class Panel:
    key = ""
    title = ""
    description = ""
    headers = ()
    record_columns = ()  # (header, callable(obj)) shown on the records page after the linked record
    area_applies = True

    def build(self, scope) -> PanelResult:
        raise NotImplementedError

    def records(self, scope, row, measure):
        """The queryset behind one figure; Http404 for a row or measure this panel does not have."""
        raise NotImplementedError

    def record_columns_for(self, row):
        return self.record_columns


def _date(value):
    return value.strftime("%-d %b %Y") if value else ""
