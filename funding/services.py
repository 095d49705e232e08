"""Workflow steps of the funding app, each one function in a transaction with the actor first.

A contribution with a due date is a deadline in the partnership's register: every step that changes
its amount, due date or payments rewrites that deadline (and marks it met once paid in full).
"""

import datetime
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from funding.choices import FormulaBasis, SpendKind
from funding.models import (
    Budget,
    BudgetAmount,
    BudgetRevision,
    Contribution,
    ContributionFormula,
    ContributionPayment,
    ReserveTransfer,
    SpendEntry,
)
from funding.money import format_pounds, round_half_up, split_exactly
from partnerships.core.services import as_actor
from partnerships.deadlines.register import deactivate_deadlines, upsert_deadline

# The register's kind for a partner's contribution that must be paid by its due date.
CONTRIBUTION_DEADLINE_KIND = "contribution_payment"

# When an invoice is raised without a due date, payment is due this many calendar days later:
# the usual public-sector invoice terms (Public Contracts Regulations 2015, regulation 113: 30 days).
# A local convention, configurable per installation.
PAYMENT_TERMS_DAYS = getattr(settings, "FUNDING_PAYMENT_TERMS_DAYS", 30)

# Working Together 2018, chapter 3: the partners agree the level of funding from each of them, which
# should be equitable and proportionate; Working Together 2023 has the lead partners sign off the
# shared budget (docs/statutory-rules.md#funding). The Havering paper (para 7.4) asks that "partner agency
# contributions are received in a timely manner".
CONTRIBUTION_AUTHORITY = (
    "Working Together to Safeguard Children, chapter 3: partners' contributions, agreed as equitable "
    "and proportionate"
)

PERCENT = 100


# Budget --------------------------------------------------------------------------------------------


@transaction.atomic
def create_budget(actor, *, partnership, year, cost_centre="", opening_balance_pence=None, notes=""):
    """Open the budget for a financial year, with its (still empty) original revision."""
    if Budget.objects.filter(partnership=partnership, year=year).exists():
        raise ValidationError({"year": "There is already a budget for this year."})
    budget = Budget(
        partnership=partnership,
        year=year,
        cost_centre=cost_centre,
        opening_balance_pence=opening_balance_pence,
        notes=notes,
    )
    budget.full_clean()
    as_actor(budget, actor).save()
    revision = BudgetRevision(
        budget=budget,
        number=0,
        effective_on=budget.financial_year.starts_on,
        reason="Budget set",
        created_by=actor,
    )
    as_actor(revision, actor).save()
    return budget


def current_amounts(revisions):
    """{line id: pence} after applying `revisions` (with their amounts prefetched) in order."""
    amounts = {}
    for revision in sorted(revisions, key=lambda r: r.number):
        for amount in revision.amounts.all():
            amounts[amount.line_id] = amount.amount_pence
    return amounts


@transaction.atomic
def revise_budget(actor, budget, *, amounts, effective_on, reason="", source_import=None):
    """Set new amounts for some lines from `effective_on`: the first setting fills the original budget,
    each later one is a numbered revision holding only the lines it changes.

    `amounts` maps BudgetLine to pence (ledger sign: spending positive, income negative).
    """
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    revisions = list(budget.revisions.prefetch_related("amounts"))
    current = current_amounts(revisions)
    for line in amounts:
        if line.partnership_id != budget.partnership_id:
            raise ValidationError(f"{line} is a line of a different partnership.")
    changed = {line: pence for line, pence in amounts.items() if current.get(line.pk) != pence}
    if not changed:
        raise ValidationError("Nothing changed: every amount is what the budget already has.")
    if not current:
        revision = revisions[0] if revisions else BudgetRevision(budget=budget, number=0)
        revision.effective_on = effective_on
        revision.reason = reason or revision.reason or "Budget set"
        revision.created_by = revision.created_by or actor
        revision.source_import = source_import
    else:
        latest = revisions[-1]
        if effective_on < latest.effective_on:
            raise ValidationError(
                {
                    "effective_on": f"A revision cannot take effect before the last one ({latest.effective_on:%d %B %Y})."
                }
            )
        if not reason.strip():
            raise ValidationError({"reason": "Say why the budget is being revised."})
        revision = BudgetRevision(
            budget=budget,
            number=latest.number + 1,
            effective_on=effective_on,
            reason=reason.strip(),
            created_by=actor,
            source_import=source_import,
        )
    as_actor(revision, actor).save()
    for line, pence in changed.items():
        row = BudgetAmount.objects.filter(revision=revision, line=line).first() or BudgetAmount(
            revision=revision, line=line
        )
        row.amount_pence = pence
        as_actor(row, actor).save()
    return revision


# Spend ---------------------------------------------------------------------------------------------


@transaction.atomic
def record_spend(
    actor, *, budget, line, month, amount_pence, kind=SpendKind.ACTUAL, note="", source_import=None
):
    """Record (or correct) the actual or projected figure for one line in one month."""
    month = month.replace(day=1)
    entry = SpendEntry.objects.filter(budget=budget, line=line, month=month, kind=kind).first()
    if entry is None:
        entry = SpendEntry(budget=budget, line=line, month=month, kind=kind)
    elif entry.amount_pence == amount_pence and entry.note == note:
        return entry
    entry.amount_pence = amount_pence
    entry.note = note
    if source_import is not None:
        entry.source_import = source_import
    entry.full_clean(validate_unique=False, validate_constraints=False)
    as_actor(entry, actor).save()
    return entry


@transaction.atomic
def record_reserve_transfer(actor, *, budget, direction, amount_pence, on, reason):
    """Move money into or out of the partnership's reserve in the budget's year."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    transfer = ReserveTransfer(
        budget=budget, direction=direction, amount_pence=amount_pence, on=on, reason=(reason or "").strip()
    )
    transfer.full_clean()
    as_actor(transfer, actor).save()
    return transfer


@transaction.atomic
def project_remaining_months(actor, budget, *, lines, after):
    """Project each line's months after `after` at its average monthly actual so far (to the penny).

    The average is split exactly, so the projected months add up to the average times their number.
    Returns the entries written.
    """
    months = [m for m in budget.financial_year.months if m > after.replace(day=1)]
    written = []
    if not months:
        return written
    actuals = {}
    for line_id, month, pence in SpendEntry.objects.filter(
        budget=budget, kind=SpendKind.ACTUAL, month__lte=after
    ).values_list("line_id", "month", "amount_pence"):
        actuals.setdefault(line_id, {})[month] = pence
    for line in lines:
        done = actuals.get(line.pk)
        if not done:
            continue
        # The average so far, times the months left, to the penny; then split evenly and exactly.
        total = round_half_up(Fraction(sum(done.values()) * len(months), len(done)))
        for month, pence in zip(months, split_exactly(total, [1] * len(months)), strict=True):
            written.append(
                record_spend(
                    actor,
                    budget=budget,
                    line=line,
                    month=month,
                    amount_pence=pence,
                    kind=SpendKind.PROJECTION,
                )
            )
    return written


# Contributions -------------------------------------------------------------------------------------


def paid_in_full_on(contribution):
    """The date of the payment that brought the total received up to the agreed amount, if any."""
    if contribution.amount_pence <= 0:
        return None
    received = 0
    for payment in contribution.payments.order_by("received_on", "pk"):
        received += payment.amount_pence
        if received >= contribution.amount_pence:
            return payment.received_on
    return None


def sync_payment_deadline(contribution):
    """Write the contribution's payment deadline to the register (or retire it when none applies)."""
    if contribution.due_date is None or contribution.amount_pence <= 0:
        deactivate_deadlines(contribution, kinds=[CONTRIBUTION_DEADLINE_KIND])
        return None
    return upsert_deadline(**payment_deadline(contribution, paid_in_full_on(contribution)))


def payment_deadline(contribution, paid_on):
    """The register's row for a partner's payment (written above, and in bulk by funding/scale.py,
    so the two cannot drift apart); `paid_on` is when the payments reached the agreed amount."""
    rule = f"Payment of {format_pounds(contribution.amount_pence)} due by the date agreed" + (
        f" (invoice {contribution.invoice_reference} raised {contribution.invoiced_on:%d %B %Y})"
        if contribution.invoiced_on
        else ""
    )
    return {
        "source": contribution,
        "kind": CONTRIBUTION_DEADLINE_KIND,
        "partnership_id": contribution.partnership_id,
        "title": f"Contribution from {contribution.organisation} for {contribution.year_label}: payment due",
        "due_date": contribution.due_date,
        "rule": rule,
        "authority": CONTRIBUTION_AUTHORITY,
        "starts_on": contribution.invoiced_on,
        "met_on": paid_on,
    }


@transaction.atomic
def save_contribution(actor, contribution):
    """Save a partner's contribution for the year; a formula share recomputes the whole formula."""
    contribution.full_clean()
    if contribution.formula_id:
        contribution.amount_pence = contribution.amount_pence or 0
    as_actor(contribution, actor).save()
    if contribution.formula_id:
        apply_formula(actor, contribution.formula)
        contribution.refresh_from_db()
    sync_payment_deadline(contribution)
    return contribution


def formula_split(formula, shares):
    """The exact pence for each share of `formula`, and what is not yet shared out.

    Percentages that add up to less than 100 leave the rest of the sum unallocated (shown to the
    user); more than 100 is refused. Proportions share out the whole sum.
    """
    shares = list(shares)
    total = formula.amount_to_raise_pence
    if not shares:
        return [], total
    if formula.basis == FormulaBasis.PERCENTAGES:
        allocated = sum(shares)
        if allocated > PERCENT:
            raise ValidationError(f"The percentages add up to {allocated.normalize():f}%, more than 100%.")
        amounts = split_exactly(total, [*shares, PERCENT - allocated])
        return amounts[:-1], amounts[-1]
    if sum(shares) == 0:
        return [0] * len(shares), total
    return split_exactly(total, shares), 0


@transaction.atomic
def apply_formula(actor, formula):
    """Set each partner's contribution under `formula` to its exact share (no penny lost or gained)."""
    formula = ContributionFormula.objects.select_for_update().get(pk=formula.pk)
    contributions = list(
        Contribution.objects.filter(formula=formula)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    amounts, _unallocated = formula_split(formula, [c.share for c in contributions])
    for contribution, pence in zip(contributions, amounts, strict=True):
        if contribution.amount_pence != pence:
            contribution.amount_pence = pence
            as_actor(contribution, actor).save()
            sync_payment_deadline(contribution)
    return contributions


@transaction.atomic
def save_formula(actor, formula):
    formula.full_clean()
    as_actor(formula, actor).save()
    apply_formula(actor, formula)
    return formula


@transaction.atomic
def raise_invoice(actor, contribution, *, invoiced_on, reference, due_date=None):
    """Record the invoice sent to the partner; payment falls due on `due_date` or after the usual terms."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    contribution.invoiced_on = invoiced_on
    contribution.invoice_reference = reference
    contribution.due_date = due_date or invoiced_on + datetime.timedelta(days=PAYMENT_TERMS_DAYS)
    contribution.full_clean()
    as_actor(contribution, actor).save()
    sync_payment_deadline(contribution)
    return contribution


@transaction.atomic
def record_payment(actor, contribution, *, received_on, amount_pence, reference="", source_import=None):
    """Record money received from the partner (the whole contribution or a part payment)."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if amount_pence <= 0:
        raise ValidationError({"amount": "Enter an amount more than £0."})
    payment = ContributionPayment(
        contribution=contribution,
        received_on=received_on,
        amount_pence=amount_pence,
        reference=reference,
        recorded_by=actor,
        source_import=source_import,
    )
    payment.full_clean()
    as_actor(payment, actor).save()
    sync_payment_deadline(contribution)
    return payment


@transaction.atomic
def remove_payment(actor, payment):
    """Take out a payment recorded in error; the deadline reopens if the contribution is no longer paid."""
    contribution = Contribution.objects.select_for_update().get(pk=payment.contribution_id)
    as_actor(payment, actor).delete()
    sync_payment_deadline(contribution)
    return contribution
