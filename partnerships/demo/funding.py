"""Demo data for funding, from the council papers (docs/statutory-rules.md#council-papers; idempotent: a second run
changes nothing).

- Coventry (Cabinet paper, 12 February 2019, para 5.1.1): the current (2018/19) contributions to the
  LSCB in £k, loaded through the import like a spreadsheet would be. The paper's total says 580 while
  its six rows add up to 577: the import flags the difference and the product shows 577. The 2018/19
  budget has an income line per partner holding the same figures (£1,000s as pence, negative as
  income is in the ledger), set from 1 April 2018; the paper gives no spending, opening balance or
  payments, so none is invented.
- Barking & Dagenham, Havering and Redbridge (Havering Cabinet paper, 12 June 2019, section 7): cost
  centre A39000's revised budget and actuals for 2018/19 and budget and projection for 2019/20, in
  pence chosen to round to every figure the paper prints (151,391.40 + 69,398.40 = 220,789.80, which
  the paper prints as 220,790), the £73,981 of unspent income carried forward (para 7.3), and the
  2019/20 contributions: £28,706 from the CCG and £5,000 from MOPAC (para 7.3), the rest of the
  £64,360 shared by a formula. The paper gives only totals by line: the monthly profile, the original
  2018/19 budget before its revision, the formula's percentages and the payments are invented.
- Somerset (Cabinet paper, March 2019, financial implications): in-kind contributions of rooms and
  parking for meetings and training, and partners' delivery of multi-agency training.
"""

import datetime

from funding import imports, services
from funding.choices import FormulaBasis, ImportKind, InKindKind, LineCategory
from funding.models import (
    Budget,
    BudgetLine,
    Contribution,
    ContributionFormula,
    ContributionPayment,
    FundingImport,
    InKindContribution,
)
from funding.money import split_exactly
from partnerships.core.models import Organisation, Partnership, User
from partnerships.core.periods import FinancialYear
from partnerships.demo.funding_figures import HAVERING
from partnerships.demo.utils import ensure

COVENTRY_FILE = "coventry-lscb-contributions-2018-19.csv"
COVENTRY_CSV = """Organisation,Contribution to the LSCB (£k)
Coventry City Council,471
Coventry and Rugby Clinical Commissioning Group,71
West Midlands Police,30
Children and Family Court Advisory and Support Service,1
Warwickshire and West Mercia Community Rehabilitation Company,2
National Probation Service,2
Total,580
"""

BHR_CCG = "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups"
MOPAC = "Mayor's Office for Policing and Crime"
# The rest of the £64,360 of partner income (para 7.3), shared by fixed percentages (invented).
OTHER_AGENCIES_SHARES = [
    ("Metropolitan Police Service (East Area Basic Command Unit)", "50"),
    ("Barking, Havering and Redbridge University Hospitals NHS Trust", "16.67"),
    ("North East London NHS Foundation Trust", "16.67"),
    ("National Probation Service", "8.33"),
    ("Children and Family Court Advisory and Support Service", "8.33"),
]


def load(people=None):
    _coventry()
    _coventry_budget()
    _bhr()
    _somerset()


def _coventry():
    coventry = Partnership.objects.filter(slug="coventry").first()
    if (
        coventry is None
        or FundingImport.objects.filter(partnership=coventry, file_name=COVENTRY_FILE).exists()
    ):
        return
    outcome = imports.run_import(
        User.objects.filter(username="coventry-manager").first(),
        partnership=coventry,
        kind=ImportKind.CONTRIBUTIONS,
        name=COVENTRY_FILE,
        data=COVENTRY_CSV.encode("utf-8"),
        default_year=2018,
    )
    if not outcome.saved:  # the demo's own file must import cleanly
        raise RuntimeError("; ".join(str(e) for e in outcome.errors))


COVENTRY_BUDGET_YEAR = 2018
COVENTRY_BUDGET_REASON = (
    "Budget set from the partners' contributions (Cabinet paper, 12 February 2019, para 5.1.1)"
)


def coventry_contributions():
    """[(organisation, pence)] of the paper's table, its printed total left out."""
    rows = [line.split(",") for line in COVENTRY_CSV.strip().splitlines()[1:]]
    return [(name, int(thousands) * 100_000) for name, thousands in rows if name != "Total"]


def _coventry_budget():
    coventry = Partnership.objects.filter(slug="coventry").first()
    if coventry is None:
        return
    actor = User.objects.filter(username="coventry-manager").first()
    lines = {
        name: ensure(
            BudgetLine,
            {"partnership": coventry, "name": f"Contribution: {name}"},
            category=LineCategory.PARTNER_INCOME,
            position=position,
        )
        for position, (name, _pence) in enumerate(coventry_contributions(), start=1)
    }
    budget = Budget.objects.filter(partnership=coventry, year=COVENTRY_BUDGET_YEAR).first()
    if budget is None:
        budget = services.create_budget(
            actor,
            partnership=coventry,
            year=COVENTRY_BUDGET_YEAR,
            notes="The Coventry Safeguarding Children Board's contributions for 2018/19 as the Cabinet "
            "paper of 12 February 2019 gives them (£k); the paper gives no spending.",
        )
    if not budget.revisions.filter(amounts__isnull=False).exists():
        services.revise_budget(
            actor,
            budget,
            amounts={lines[name]: -pence for name, pence in coventry_contributions()},
            effective_on=FinancialYear(COVENTRY_BUDGET_YEAR).starts_on,
            reason=COVENTRY_BUDGET_REASON,
        )


def _bhr():
    bhr = Partnership.objects.filter(slug="bhr").first()
    if bhr is None:
        return
    actor = User.objects.filter(username="bhr-manager").first()
    lines = {}
    for position, (name, category) in enumerate(HAVERING["lines"], start=1):
        lines[name] = ensure(
            BudgetLine, {"partnership": bhr, "name": name}, category=category, position=position
        )
    for year, spec in HAVERING["years"].items():
        budget = Budget.objects.filter(partnership=bhr, year=year).first()
        if budget is None:
            budget = services.create_budget(
                actor,
                partnership=bhr,
                year=year,
                cost_centre="A39000",
                opening_balance_pence=spec.get("opening_balance_pence"),
            )
            for effective_on, reason, amounts in spec["budget"]:
                services.revise_budget(
                    actor,
                    budget,
                    amounts={lines[name]: pence for name, pence in amounts.items()},
                    effective_on=effective_on,
                    reason=reason,
                )
        fy = FinancialYear(year)
        for name, kind, months in spec["spend"]:
            for month, pence in months(fy):
                services.record_spend(
                    actor, budget=budget, line=lines[name], month=month, amount_pence=pence, kind=kind
                )
    _bhr_contributions(bhr, actor)


def _bhr_contributions(bhr, actor):
    year = 2019
    orgs = {o.name: o for o in Organisation.objects.all()}
    fixed = [
        (
            BHR_CCG,
            2_870_600,
            datetime.date(2019, 4, 1),
            "BHR-1920-001",
            [(datetime.date(2019, 4, 15), 2_870_600)],
        ),
        (MOPAC, 500_000, datetime.date(2019, 4, 1), "BHR-1920-002", [(datetime.date(2019, 5, 10), 500_000)]),
    ]
    for name, pence, invoiced_on, reference, payments in fixed:
        contribution = Contribution.objects.filter(
            partnership=bhr, year=year, organisation=orgs[name]
        ).first()
        if contribution is None:
            contribution = services.save_contribution(
                actor, Contribution(partnership=bhr, year=year, organisation=orgs[name], amount_pence=pence)
            )
        _invoice_and_payments(actor, contribution, invoiced_on, reference, payments)
    formula = ensure(
        ContributionFormula,
        {"partnership": bhr, "year": year, "name": "Other partner agencies"},
        basis=FormulaBasis.PERCENTAGES,
        amount_to_raise_pence=3_065_400,
        notes="The rest of the £64,360 of partner income in the 2019/20 budget (Havering Cabinet paper, para 7.3), "
        "shared by fixed percentages.",
    )
    for name, share in OTHER_AGENCIES_SHARES:
        contribution = Contribution.objects.filter(
            partnership=bhr, year=year, organisation=orgs[name]
        ).first()
        if contribution is None:
            services.save_contribution(
                actor,
                Contribution(
                    partnership=bhr,
                    year=year,
                    organisation=orgs[name],
                    formula=formula,
                    share=share,
                    amount_pence=0,
                ),
            )
    services.apply_formula(actor, formula)
    # Invoices and payments for the formula's partners: most paid, one part paid, one still owed.
    for index, (name, _share) in enumerate(OTHER_AGENCIES_SHARES, start=3):
        contribution = Contribution.objects.get(partnership=bhr, year=year, organisation=orgs[name])
        payments = []
        if name != OTHER_AGENCIES_SHARES[-1][0]:
            payments = [(datetime.date(2019, 6, 28), contribution.amount_pence)]
        if name == "North East London NHS Foundation Trust":
            half = split_exactly(contribution.amount_pence, [1, 1])
            payments = [(datetime.date(2019, 6, 28), half[0])]
        _invoice_and_payments(
            actor, contribution, datetime.date(2019, 5, 1), f"BHR-1920-{index:03d}", payments
        )


def _invoice_and_payments(actor, contribution, invoiced_on, reference, payments):
    if contribution.invoiced_on != invoiced_on or contribution.invoice_reference != reference:
        contribution = services.raise_invoice(
            actor, contribution, invoiced_on=invoiced_on, reference=reference
        )
    for received_on, pence in payments:
        if not ContributionPayment.objects.filter(
            contribution=contribution, received_on=received_on, amount_pence=pence
        ).exists():
            services.record_payment(
                actor, contribution, received_on=received_on, amount_pence=pence, reference=reference
            )


def _somerset():
    somerset = Partnership.objects.filter(slug="somerset").first()
    if somerset is None:
        return
    orgs = {o.name: o for o in Organisation.objects.all()}
    for name, kind, description, value_pence in [
        (
            "Somerset County Council",
            InKindKind.ROOMS,
            "Rooms for partnership meetings and multi-agency training at County Hall",
            None,
        ),
        (
            "Avon and Somerset Constabulary",
            InKindKind.PARKING,
            "Parking for partnership meetings and training days",
            None,
        ),
        (
            "Somerset NHS Foundation Trust",
            InKindKind.TRAINING,
            "Trainers for the multi-agency safeguarding training programme",
            240_000,
        ),
    ]:
        ensure(
            InKindContribution,
            {"partnership": somerset, "year": 2019, "organisation": orgs[name], "kind": kind},
            description=description,
            value_pence=value_pence,
        )
