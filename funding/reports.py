"""Reports computed from stored rows, never from a typed total: every total here is a sum of the
rows shown with it, in integer pence, so it matches them to the penny.

- `load_figures(budgets)`: each budget's revised amounts, actuals and projections (two queries).
- `VarianceReport`: the budget monitoring table in the shape of the Havering paper's A39000 table
  (revised budget, actual, variance; income; accruals; transfers from and to reserve; net).
- `carry_forward(...)`: unspent income brought forward, carried forward, and what a projected
  overspend would leave of it.
- `monthly_series(...)`: budget against actual and projection by month, for the chart.
- `contributions_summary(...)`: a year's contributions with received and outstanding amounts.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from funding.choices import SECTION_TOTAL_LABEL, Section, SpendKind
from funding.models import BudgetAmount, BudgetLine, SpendEntry
from funding.money import split_exactly
from partnerships.core.periods import FinancialYear

SECTION_ORDER = list(Section)


class BudgetFigures:
    """One budget's figures by line: revised budget, actual, and projected outturn."""

    def __init__(self, budget):
        self.budget = budget
        self.budget_by_line = {}
        self.revision_numbers = set()
        self.actual = {}  # (line id, month) -> pence
        self.projection = {}

    @property
    def is_revised(self):
        return any(n > 0 for n in self.revision_numbers)

    @property
    def has_projections(self):
        return any(key not in self.actual for key in self.projection)

    def actual_by_line(self):
        totals = defaultdict(int)
        for (line_id, _month), pence in self.actual.items():
            totals[line_id] += pence
        return totals

    def outturn_by_line(self):
        """Actuals, plus the projection for each month of a line that has no actual yet."""
        totals = self.actual_by_line()
        for key, pence in self.projection.items():
            if key not in self.actual:
                totals[key[0]] += pence
        return totals

    def line_ids(self):
        return set(self.budget_by_line) | {k[0] for k in self.actual} | {k[0] for k in self.projection}


def load_figures(budgets):
    """{budget id: BudgetFigures} for `budgets`, in two queries however many rows they hold."""
    figures = {b.pk: BudgetFigures(b) for b in budgets}
    if not figures:
        return figures
    amounts = (
        BudgetAmount.objects.filter(revision__budget_id__in=figures)
        .order_by("revision__number")
        .values_list("revision__budget_id", "revision__number", "line_id", "amount_pence")
    )
    for budget_id, number, line_id, pence in amounts:
        figures[budget_id].budget_by_line[line_id] = pence  # later revisions override earlier ones
        figures[budget_id].revision_numbers.add(number)
    entries = SpendEntry.objects.filter(budget_id__in=figures).values_list(
        "budget_id", "line_id", "month", "kind", "amount_pence"
    )
    for budget_id, line_id, month, kind, pence in entries:
        target = figures[budget_id].actual if kind == SpendKind.ACTUAL else figures[budget_id].projection
        target[(line_id, month)] = pence
    return figures


@dataclass
class Column:
    key: str  # budget, actual, outturn, variance
    header: str
    block: int


@dataclass
class Block:
    """One year's columns in the report."""

    figures: BudgetFigures
    show_projection: bool

    @property
    def year(self):
        return self.figures.budget.financial_year

    def columns(self, index):
        label = self.year.label
        budget = f"Revised budget {label}" if self.figures.is_revised else f"Budget {label}"
        if self.show_projection:
            return [
                Column("budget", budget, index),
                Column("actual", f"Actual to date {label}", index),
                Column("outturn", f"Projected outturn {label}", index),
                Column("variance", f"Projected variance {label}", index),
            ]
        return [
            Column("budget", budget, index),
            Column("actual", f"Actual {label}", index),
            Column("variance", f"Variance {label}", index),
        ]


@dataclass
class Row:
    label: str
    kind: str  # heading, line, total, net
    section: str = ""
    values: list = field(default_factory=list)  # per block: {"budget", "actual", "outturn", "variance"}
    line: object = None

    def cells(self, columns):
        if self.kind == "heading":
            return [None for _ in columns]
        return [self.values[c.block][c.key] for c in columns]


def _figures(budget_pence, actual_pence, outturn_pence):
    return {
        "budget": budget_pence,
        "actual": actual_pence,
        "outturn": outturn_pence,
        "variance": outturn_pence - budget_pence,
    }


def _add(values, other):
    return {k: values[k] + other[k] for k in values}


class VarianceReport:
    """Budget against actual (and projection) by line and section, for one or more years side by side."""

    def __init__(self, lines, figures_list):
        self.blocks = [Block(f, f.has_projections) for f in figures_list]
        self.columns = [c for i, b in enumerate(self.blocks) for c in b.columns(i)]
        self.rows = self._rows(lines)

    def _rows(self, lines):
        per_block = []
        for block in self.blocks:
            f = block.figures
            per_block.append((f.budget_by_line, f.actual_by_line(), f.outturn_by_line(), f.line_ids()))
        used = set().union(*(ids for *_rest, ids in per_block)) if per_block else set()
        zero = _figures(0, 0, 0)
        rows = []
        net = [dict(zero) for _ in self.blocks]
        for section in SECTION_ORDER:
            section_lines = [line for line in lines if line.section == section and line.pk in used]
            if not section_lines:
                continue
            rows.append(Row(section.label, "heading", section))
            totals = [dict(zero) for _ in self.blocks]
            for line in section_lines:
                values = [
                    _figures(budgets.get(line.pk, 0), actuals.get(line.pk, 0), outturns.get(line.pk, 0))
                    for budgets, actuals, outturns, _ids in per_block
                ]
                rows.append(Row(line.name, "line", section, values, line))
                totals = [_add(t, v) for t, v in zip(totals, values, strict=True)]
            rows.append(Row(SECTION_TOTAL_LABEL[section], "total", section, totals))
            net = [_add(n, t) for n, t in zip(net, totals, strict=True)]
        rows.append(Row("Total net expenditure", "net", "", net))
        return rows

    def row(self, label):
        return next(r for r in self.rows if r.label == label)

    def section_total(self, section):
        return next(r for r in self.rows if r.kind == "total" and r.section == section)

    @property
    def net(self):
        return self.rows[-1]

    def table(self):
        """Header and rows of plain values (pence, or None), for display and export."""
        return (
            ["Line", *[c.header for c in self.columns]],
            [(row, row.cells(self.columns)) for row in self.rows],
        )


def partnership_lines(partnership):
    return list(BudgetLine.objects.filter(partnership=partnership).order_by("position", "name"))


def report_for(budget, budgets, figures, lines):
    """The report for `budget`, with the year before beside it when that year has a budget."""
    by_year = {b.year: b for b in budgets}
    shown = [b for b in (by_year.get(budget.year - 1), budget) if b is not None]
    return VarianceReport(lines, [figures[b.pk] for b in shown])


@dataclass
class CarryForward:
    """Unspent income held for the partnership across the year (the accruals of the Havering table)."""

    year: FinancialYear
    opening_pence: int
    opening_source: str  # "brought forward from 2018/19", "entered", "none recorded"
    movement_pence: int  # actual accruals in the year: release of the balance, carry-forward at year end
    projected_movement_pence: int
    projected_net_variance_pence: int
    show_projection: bool

    @property
    def closing_pence(self):
        return self.opening_pence + self.movement_pence

    @property
    def projected_closing_pence(self):
        return self.opening_pence + self.projected_movement_pence

    @property
    def overspend_pence(self):
        return max(self.projected_net_variance_pence, 0)

    @property
    def after_overspend_pence(self):
        """What the balance would be if a projected overspend were met from it."""
        return self.projected_closing_pence - self.overspend_pence


def carry_forward(budgets, figures, lines):
    """{year: CarryForward} for every budget: each year opens with the balance the year before closed."""
    accrual_lines = {line.pk for line in lines if line.section == Section.ACCRUAL}
    result = {}
    for budget in sorted(budgets, key=lambda b: b.year):
        f = figures[budget.pk]
        previous = result.get(budget.year - 1)
        if previous is not None:
            opening, source = previous.closing_pence, f"brought forward from {previous.year.label}"
        elif budget.opening_balance_pence is not None:
            opening, source = budget.opening_balance_pence, "entered with the budget"
        else:
            opening, source = 0, "none recorded"
        actuals = f.actual_by_line()
        outturns = f.outturn_by_line()
        net_variance = sum(outturns.values()) - sum(f.budget_by_line.values())
        result[budget.year] = CarryForward(
            year=budget.financial_year,
            opening_pence=opening,
            opening_source=source,
            movement_pence=sum(p for line_id, p in actuals.items() if line_id in accrual_lines),
            projected_movement_pence=sum(p for line_id, p in outturns.items() if line_id in accrual_lines),
            projected_net_variance_pence=net_variance,
            show_projection=f.has_projections,
        )
    return result


@dataclass
class MonthFigures:
    month: object
    budget_pence: int
    actual_pence: int | None
    projected_pence: int | None


def monthly_series(figures, lines):
    """Expenditure by month: the budget profiled evenly (split exactly), actual, and projection."""
    spending = {line.pk for line in lines if line.section == Section.EXPENDITURE}
    year = figures.budget.financial_year
    budget_total = sum(p for line_id, p in figures.budget_by_line.items() if line_id in spending)
    profile = split_exactly(budget_total, [1] * 12)
    actual = defaultdict(int)
    actual_months = set()
    for (line_id, month), pence in figures.actual.items():
        if line_id in spending:
            actual[month] += pence
            actual_months.add(month)
    projected = defaultdict(int)
    projected_months = set()
    for key, pence in figures.projection.items():
        if key[0] in spending and key not in figures.actual:
            projected[key[1]] += pence
            projected_months.add(key[1])
    return [
        MonthFigures(
            month,
            profile[i],
            actual[month] if month in actual_months else None,
            projected[month] if month in projected_months else None,
        )
        for i, month in enumerate(year.months)
    ]


@dataclass
class ContributionRow:
    contribution: object
    status: object

    @property
    def agreed(self):
        return self.contribution.amount_pence

    @property
    def received(self):
        return self.contribution.received

    @property
    def outstanding(self):
        return self.contribution.outstanding


@dataclass
class ContributionsSummary:
    rows: list

    @property
    def agreed_pence(self):
        return sum(r.agreed for r in self.rows)

    @property
    def received_pence(self):
        return sum(r.received for r in self.rows)

    @property
    def outstanding_pence(self):
        return sum(r.outstanding for r in self.rows)


def contributions_summary(contributions, on=None):
    """Rows (with `received_pence` annotated) and their totals, each the sum of the rows."""
    return ContributionsSummary([ContributionRow(c, c.status(on)) for c in contributions])


@dataclass
class ReserveBalance:
    """The partnership's reserve over one financial year, in pence.

    Closing = opening + income - spending + transfers in - transfers out. Income is the income
    section's lines (partner contributions, other income) and spending the expenditure section's;
    accrual and ledger transfer lines are left out (the reserve's own transfers are ReserveTransfer
    rows). The actual closing balance counts what has been recorded as spent or received; the
    projected one adds the projection of each month with no actual yet.
    """

    year: FinancialYear
    opening_pence: int
    opening_source: str  # "brought forward from 2018/19", "entered with the budget", "none recorded"
    income_pence: int
    spend_pence: int
    projected_income_pence: int
    projected_spend_pence: int
    transfers_in_pence: int
    transfers_out_pence: int
    show_projection: bool

    @property
    def transfers_pence(self):
        return self.transfers_in_pence - self.transfers_out_pence

    @property
    def closing_pence(self):
        """On actuals recorded so far."""
        return self.opening_pence + self.income_pence - self.spend_pence + self.transfers_pence

    @property
    def projected_closing_pence(self):
        """Actuals so far, plus projections for the months without an actual."""
        return (
            self.opening_pence
            + self.projected_income_pence
            - self.projected_spend_pence
            + self.transfers_pence
        )


def reserve_balances(budgets, figures, lines, transfers):
    """{year: ReserveBalance} for every budget; each year opens with the closing balance (on
    actuals) of the year before, the first year with its entered opening balance.

    `transfers` are (budget id, direction, amount_pence) rows of ReserveTransfer.
    """
    income_lines = {line.pk for line in lines if line.section == Section.INCOME}
    spend_lines = {line.pk for line in lines if line.section == Section.EXPENDITURE}
    moved = defaultdict(lambda: {"in": 0, "out": 0})
    for budget_id, direction, pence in transfers:
        moved[budget_id][direction] += pence
    result = {}
    for budget in sorted(budgets, key=lambda b: b.year):
        f = figures[budget.pk]
        previous = result.get(budget.year - 1)
        if previous is not None:
            opening, source = previous.closing_pence, f"brought forward from {previous.year.label}"
        elif budget.opening_balance_pence is not None:
            opening, source = budget.opening_balance_pence, "entered with the budget"
        else:
            opening, source = 0, "none recorded"
        actuals, outturns = f.actual_by_line(), f.outturn_by_line()
        result[budget.year] = ReserveBalance(
            year=budget.financial_year,
            opening_pence=opening,
            opening_source=source,
            # Income is stored negative in the ledger (funding/models.py): shown here as a positive sum.
            income_pence=-sum(p for line_id, p in actuals.items() if line_id in income_lines),
            spend_pence=sum(p for line_id, p in actuals.items() if line_id in spend_lines),
            projected_income_pence=-sum(p for line_id, p in outturns.items() if line_id in income_lines),
            projected_spend_pence=sum(p for line_id, p in outturns.items() if line_id in spend_lines),
            transfers_in_pence=moved[budget.pk]["in"],
            transfers_out_pence=moved[budget.pk]["out"],
            show_projection=f.has_projections,
        )
    return result
