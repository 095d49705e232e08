"""Figures for the dashboard and the yearly report (docs/statutory-rules.md#funding).

- `contributions_against_agreed`: partner contributions received against agreed for a financial
  year, by organisation (partners agree their shares and the yearly report says what was received).
  One query, whatever the number of payments.
- `reserves`: the partnership's reserve over a financial year (opening, income, spending, transfers
  in and out, closing), carried from one year to the next. Five queries.
"""

from funding.models import Budget, Contribution, ReserveTransfer
from funding.reports import load_figures, partnership_lines, reserve_balances


def contribution_records(partnership, year, organisation=None):
    qs = Contribution.objects.filter(partnership=partnership, year=year)
    return qs.filter(organisation_id=organisation) if organisation is not None else qs


def contributions_against_agreed(partnership, year):
    """[{organisation_id, name, agreed, received, outstanding, percent}] in pence, by organisation."""
    rows = []
    for c in (
        contribution_records(partnership, year)
        .with_received()
        .order_by("organisation__name")
        .values("organisation_id", "organisation__name", "amount_pence", "received_pence")
    ):
        agreed, received = c["amount_pence"], c["received_pence"]
        rows.append(
            {
                "organisation_id": c["organisation_id"],
                "name": c["organisation__name"],
                "agreed": agreed,
                "received": received,
                "outstanding": agreed - received,
                "percent": round(100 * received / agreed, 1) if agreed else None,
            }
        )
    return rows


def reserves(partnership, year):
    """The partnership's `funding.reports.ReserveBalance` for the financial year starting in `year`
    (2019 for 2019/20), or None when that year has no budget."""
    budgets = list(Budget.objects.filter(partnership=partnership, year__lte=year))
    if not any(b.year == year for b in budgets):
        return None
    transfers = ReserveTransfer.objects.filter(budget__in=budgets).values_list(
        "budget_id", "direction", "amount_pence"
    )
    return reserve_balances(budgets, load_figures(budgets), partnership_lines(partnership), transfers)[year]


def reserve_transfer_records(partnership, year, direction=None):
    """The reserve transfers `reserves` counts for the financial year starting in `year`, into the
    reserve ("in"), out of it ("out") or both."""
    transfers = ReserveTransfer.objects.filter(budget__partnership=partnership, budget__year=year)
    return transfers.filter(direction=direction) if direction is not None else transfers
