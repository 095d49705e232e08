"""Funding records in the test world, for alpha and for beta (so isolation is really tested)."""

import datetime

from funding import services
from funding.choices import FormulaBasis, ImportKind, InKindKind, LineCategory, ReserveDirection, SpendKind
from funding.models import BudgetLine, Contribution, ContributionFormula, FundingImport, InKindContribution

YEAR = 2019


def add_funding(w, partnership, actor, orgs):
    """Lines, a 2019/20 budget with spend, a contribution with a payment, a formula, in-kind, an import."""
    staffing = BudgetLine.objects.create(
        partnership=partnership, name="Staffing", category=LineCategory.EMPLOYEE_COSTS, position=1
    )
    income = BudgetLine.objects.create(
        partnership=partnership, name="Partner income", category=LineCategory.PARTNER_INCOME, position=2
    )
    budget = services.create_budget(actor, partnership=partnership, year=YEAR, cost_centre="X100")
    services.revise_budget(
        actor,
        budget,
        amounts={staffing: 12_000_000, income: -9_000_000},
        effective_on=datetime.date(2019, 4, 1),
    )
    services.record_spend(
        actor, budget=budget, line=staffing, month=datetime.date(2019, 4, 1), amount_pence=1_000_050
    )
    services.record_spend(
        actor,
        budget=budget,
        line=staffing,
        month=datetime.date(2019, 5, 1),
        amount_pence=1_000_000,
        kind=SpendKind.PROJECTION,
    )
    reserve_transfer = services.record_reserve_transfer(
        actor,
        budget=budget,
        direction=ReserveDirection.IN,
        amount_pence=100_000,
        on=datetime.date(2019, 6, 1),
        reason="Underspend set aside",
    )
    contribution = services.save_contribution(
        actor, Contribution(partnership=partnership, year=YEAR, organisation=orgs[0], amount_pence=6_000_000)
    )
    contribution = services.raise_invoice(
        actor, contribution, invoiced_on=datetime.date(2019, 4, 1), reference=f"{partnership.slug}-1"
    )
    payment = services.record_payment(
        actor, contribution, received_on=datetime.date(2019, 4, 20), amount_pence=2_000_000
    )
    formula = services.save_formula(
        actor,
        ContributionFormula(
            partnership=partnership,
            year=YEAR,
            name="Equal thirds",
            basis=FormulaBasis.PROPORTIONS,
            amount_to_raise_pence=100,
        ),
    )
    for org in orgs[1:]:
        services.save_contribution(
            actor,
            Contribution(
                partnership=partnership, year=YEAR, organisation=org, formula=formula, share=1, amount_pence=0
            ),
        )
    in_kind = InKindContribution.objects.create(
        partnership=partnership,
        year=YEAR,
        organisation=orgs[0],
        kind=InKindKind.ROOMS,
        description="Meeting rooms",
    )
    record = FundingImport.objects.create(
        partnership=partnership,
        kind=ImportKind.CONTRIBUTIONS,
        file_name=f"{partnership.slug}.csv",
        row_count=1,
        stated_totals=[
            {"line": 3, "label": "Total", "scope": "all rows", "stated_pence": 5, "rows_pence": 4}
        ],
        has_discrepancy=True,
    )
    return {
        "staffing": staffing,
        "income": income,
        "budget": budget,
        "reserve_transfer": reserve_transfer,
        "contribution": contribution,
        "payment": payment,
        "formula": formula,
        "in_kind": in_kind,
        "import": record,
    }


def extend_world(w):
    w.funding = add_funding(w, w.alpha, w.bu, [w.council, w.icb, w.police])
    w.beta_funding = add_funding(w, w.beta, w.outsider, [w.beta_council, w.beta_icb, w.beta_police])
    w.url_kwargs.update(
        {
            "funding:contribution_year": {"year": YEAR},
            "funding:payment_remove": {
                "pk": w.funding["contribution"].pk,
                "payment_pk": w.funding["payment"].pk,
            },
        }
    )
