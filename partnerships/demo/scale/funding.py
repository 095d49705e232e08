"""Funding's share of the benchmark data (`generate_scale_data`): per partnership, budget
lines and a budget for each financial year with its original revision and amounts, and each
safeguarding partner's contribution for the year, paid in full or in part, with its payment deadline
in the register (as funding/services.py `sync_payment_deadline` writes it). Bulk inserts with history
rows. Registered in FundingConfig.ready()."""

import datetime

from django.db import transaction

from funding import services
from funding.choices import LineCategory
from funding.models import Budget, BudgetAmount, BudgetLine, BudgetRevision, Contribution, ContributionPayment
from partnerships.deadlines.models import Deadline
from partnerships.deadlines.register import new_deadline
from partnerships.demo.scale.base import bulk, register_scale_generator

LINES = [
    ("Business unit staff", LineCategory.EMPLOYEE_COSTS, 1),
    ("Independent scrutineer", LineCategory.THIRD_PARTY_PAYMENTS, 1),
    ("Case reviews", LineCategory.THIRD_PARTY_PAYMENTS, 1),
    ("Partner contributions", LineCategory.PARTNER_INCOME, -1),
]


@transaction.atomic
def funding(ctx):
    rng = ctx.rng
    lines = bulk(
        BudgetLine,
        [
            BudgetLine(partnership=p, name=name, category=category, position=i)
            for p in ctx.partnerships
            for i, (name, category, _sign) in enumerate(LINES)
        ],
    )
    lines_of = {}
    for line in lines:
        lines_of.setdefault(line.partnership_id, []).append(line)
    years = [ctx.start.year + k for k in range(ctx.counts["years"])]
    budgets = bulk(
        Budget, [Budget(partnership=p, year=y, cost_centre="A39000") for p in ctx.partnerships for y in years]
    )
    revisions = bulk(
        BudgetRevision,
        [
            BudgetRevision(
                budget=b, number=0, effective_on=datetime.date(b.year, 4, 1), reason="Original budget"
            )
            for b in budgets
        ],
    )
    bulk(
        BudgetAmount,
        [
            BudgetAmount(revision=r, line=line, amount_pence=sign * rng.randrange(50_000, 400_000) * 100)
            for r in revisions
            for line, (_n, _c, sign) in zip(lines_of[r.budget.partnership_id], LINES, strict=True)
        ],
    )
    contributions = []
    for p in ctx.partnerships:
        for y in years:
            for org in ctx.members[p.pk]["organisations"][:3]:
                contributions.append(
                    Contribution(
                        partnership=p,
                        year=y,
                        organisation=org,
                        amount_pence=rng.randrange(40_000, 200_000) * 100,
                        due_date=datetime.date(y, 6, 30),
                        invoice_reference=f"INV-{y}-{org.pk}",
                        invoiced_on=datetime.date(y, 4, 15),
                    )
                )
    bulk(Contribution, contributions)
    payments, rows = [], []
    for c in contributions:
        part = rng.random() < 0.1
        amount = c.amount_pence // 2 if part else c.amount_pence
        received = c.due_date - datetime.timedelta(days=rng.randrange(-20, 40))
        payments.append(
            ContributionPayment(contribution=c, received_on=received, amount_pence=amount, reference="BACS")
        )
        rows.append(new_deadline(**services.payment_deadline(c, None if part else received)))
    bulk(ContributionPayment, payments)
    bulk(Deadline, rows)
    ctx.created.update(budgets=len(budgets), partner_contributions=len(contributions), payments=len(payments))


register_scale_generator(30, funding)
