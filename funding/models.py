"""The partnership's money: budget lines, each year's budget and its revisions, monthly spend and
projections, partners' contributions (cash and in kind), and the spreadsheets imported into them.

Every amount is an integer number of pence (`*_pence`), with the ledger's sign in the budget and
spend tables: spending and transfers to reserve positive, income and transfers from reserve negative
(as the Havering paper's A39000 table prints them). Contributions and payments are positive sums.
No model stores a total: reports add up the rows (funding/reports.py).
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from funding.choices import (
    SECTION_OF_CATEGORY,
    ContributionStatus,
    FormulaBasis,
    ImportKind,
    InKindKind,
    LineCategory,
    ReserveDirection,
    SpendKind,
)
from funding.money import format_pounds
from partnerships.core.periods import FIRST_YEAR, LAST_YEAR, FinancialYear
from partnerships.core.querysets import ScopedQuerySet, scoped_queryset

YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
YEAR_HELP = "The financial year, by the calendar year it starts in (2019 for 2019/20)."


def _year_in_range(name):
    return models.CheckConstraint(
        condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
        name=f"{name}_year_in_range",
        violation_error_message=f"Choose a financial year from {FIRST_YEAR} to {LAST_YEAR}.",
    )


def _url(name, obj, **kwargs):
    return reverse(f"funding:{name}", kwargs={"partnership": obj.partnership.slug, **kwargs})


class FinancialYearMixin:
    @property
    def financial_year(self):
        return FinancialYear(self.year)

    @property
    def year_label(self):
        return self.financial_year.label


class BudgetLine(models.Model):
    """A line of the partnership's budget (employee costs, partner contributions...), kept year to year."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="budget_lines"
    )
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=30, choices=LineCategory.choices)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within its section of reports.")
    is_active = models.BooleanField(default=True, help_text="Inactive lines are offered for no new budget.")

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="budget_line_unique_name",
                violation_error_message="The partnership already has a budget line with this name.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return _url("line_update", self, pk=self.pk)

    def clean(self):
        errors = {}
        self.name = self.name.strip()
        clash = BudgetLine.objects.filter(partnership_id=self.partnership_id, name__iexact=self.name)
        if self.name and clash.exclude(pk=self.pk).exists():
            errors["name"] = "There is already a budget line with this name"
        if self.pk and self.category:
            stored = BudgetLine.objects.filter(pk=self.pk).values_list("category", flat=True).first()
            moved = stored and SECTION_OF_CATEGORY[stored] != SECTION_OF_CATEGORY[self.category]
            if moved and (self.budget_amounts.exists() or self.spend_entries.exists()):
                errors["category"] = (
                    "This line already has amounts: it cannot move to another section of the report"
                )
        if errors:
            raise ValidationError(errors)

    @property
    def section(self):
        return SECTION_OF_CATEGORY[self.category]


class Budget(FinancialYearMixin, models.Model):
    """The partnership's budget for one financial year (1 April to 31 March), with dated revisions."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS, help_text=YEAR_HELP)
    cost_centre = models.CharField(
        max_length=40, blank=True, help_text="The host's cost centre, e.g. A39000."
    )
    opening_balance_pence = models.BigIntegerField(
        null=True,
        blank=True,
        help_text="Unspent income brought forward at 1 April, for the first year recorded here only: "
        "later years take the balance the year before carried forward.",
    )
    notes = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"],
                name="budget_unique_per_year",
                violation_error_message="There is already a budget for this year.",
            ),
            _year_in_range("budget"),
        ]

    def __str__(self):
        return f"Budget {self.year_label}"

    def get_absolute_url(self):
        return _url("budget_detail", self, pk=self.pk)

    def clean(self):
        earlier = Budget.objects.filter(partnership_id=self.partnership_id, year=(self.year or 0) - 1)
        if self.year and self.opening_balance_pence is not None and earlier.exists():
            raise ValidationError(
                {
                    "opening_balance_pence": "Leave this blank: the balance is brought forward from the "
                    f"{FinancialYear(self.year - 1).label} budget"
                }
            )


class BudgetRevision(models.Model):
    """A dated change to a year's budget; number 0 is the budget as first set."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    effective_on = models.DateField()
    reason = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    source_import = models.ForeignKey(
        "FundingImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )

    objects = scoped_queryset("budget__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "number"],
                name="revision_unique_number",
                violation_error_message="The budget already has a revision with this number.",
            ),
        ]

    def __str__(self):
        if self.number == 0:
            return f"Original budget {self.budget.year_label}"
        return f"Revision {self.number} of the {self.budget.year_label} budget ({self.effective_on:%d %b %Y})"

    def get_absolute_url(self):
        return self.budget.get_absolute_url() + "#revisions"


class BudgetAmount(models.Model):
    """The amount a budget revision sets for one line (spending positive, income negative)."""

    revision = models.ForeignKey(BudgetRevision, on_delete=models.CASCADE, related_name="amounts")
    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="budget_amounts")
    amount_pence = models.BigIntegerField()

    objects = scoped_queryset("revision__budget__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "line__position", "line__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "line"],
                name="budget_amount_unique_line",
                violation_error_message="The budget already has an amount for this line.",
            ),
        ]

    def __str__(self):
        return f"{self.line}: {format_pounds(self.amount_pence)}"

    def get_absolute_url(self):
        return self.revision.get_absolute_url()


class SpendEntry(models.Model):
    """What was spent (or received) on one line in one month, or what is projected for that month."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="spend_entries")
    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="spend_entries")
    month = models.DateField(help_text="The first day of the month.")
    kind = models.CharField(max_length=12, choices=SpendKind.choices, default=SpendKind.ACTUAL)
    amount_pence = models.BigIntegerField()
    note = models.CharField(max_length=255, blank=True)
    source_import = models.ForeignKey(
        "FundingImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="spend_entries"
    )

    objects = scoped_queryset("budget__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget", "month", "line__position", "line__name", "kind"]
        verbose_name = "spend entry"
        verbose_name_plural = "spend (actuals and projections)"
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "line", "month", "kind"],
                name="spend_unique_line_month",
                violation_error_message="Spend for this line and month is already recorded: change that entry instead.",
            ),
        ]
        indexes = [models.Index(fields=["budget", "kind", "month"], name="spend_budget_kind_month")]

    def __str__(self):
        return f"{self.line}, {self.month:%b %Y} ({self.get_kind_display().lower()})"

    def get_absolute_url(self):
        return reverse(
            "funding:spend_update", kwargs={"partnership": self.budget.partnership.slug, "pk": self.pk}
        )

    def clean(self):
        errors = {}
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)
        if self.budget_id and self.month and not self.budget.financial_year.contains(self.month):
            errors["month"] = f"The month must fall in the budget's year, {self.budget.year_label}."
        if self.budget_id and self.line_id and self.line.partnership_id != self.budget.partnership_id:
            errors["line"] = "The line belongs to a different partnership."
        if self.budget_id and self.line_id and self.month and self.kind and not errors:
            clash = SpendEntry.objects.filter(
                budget_id=self.budget_id, line_id=self.line_id, month=self.month
            )
            if clash.filter(kind=self.kind).exclude(pk=self.pk).exists():
                kind = SpendKind(self.kind)
                errors[NON_FIELD_ERRORS] = (
                    f"There is already a{'n' if kind == SpendKind.ACTUAL else ''} {kind.label.lower()} for "
                    f"{self.line} in {self.month:%B %Y}: change that one instead"
                )
        if errors:
            raise ValidationError(errors)


class ReserveTransfer(models.Model):
    """Money moved into or out of the partnership's reserve in a budget's year (positive pence).

    The reserve is carried from year to year: funding/reports.py `reserve_balances` adds these to
    the year's opening balance, income and spending.
    """

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="reserve_transfers")
    direction = models.CharField(max_length=3, choices=ReserveDirection.choices)
    amount_pence = models.BigIntegerField("amount in pence", help_text="A positive sum, in pence.")
    on = models.DateField("date of the transfer", help_text="A date in the budget's financial year.")
    reason = models.CharField(
        max_length=255, help_text="What the transfer is for, e.g. fund a learning review."
    )

    objects = scoped_queryset("budget__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget", "on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0),
                name="reserve_transfer_amount_positive",
                violation_error_message="Enter an amount greater than zero: choose the direction for a "
                "transfer out of the reserve.",
            ),
        ]

    def __str__(self):
        return f"{self.get_direction_display()}: {format_pounds(self.amount_pence)} on {self.on:%d %b %Y}"

    def get_absolute_url(self):
        return self.budget.get_absolute_url() + "#reserve"

    @property
    def signed_pence(self):
        """The transfer's effect on the reserve: positive into it, negative out of it."""
        return self.amount_pence if self.direction == ReserveDirection.IN else -self.amount_pence

    def clean(self):
        errors = {}
        if self.budget_id and self.on and not self.budget.financial_year.contains(self.on):
            errors["on"] = f"The date must fall in the budget's year, {self.budget.year_label}."
        if self.reason is not None and not self.reason.strip():
            errors["reason"] = "Enter the reason for the transfer."
        if errors:
            raise ValidationError(errors)


class ContributionFormula(FinancialYearMixin, models.Model):
    """An agreed way of sharing a sum among partners for a year: fixed percentages or proportions."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="contribution_formulas"
    )
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS, help_text=YEAR_HELP)
    name = models.CharField(max_length=200)
    basis = models.CharField(max_length=20, choices=FormulaBasis.choices, default=FormulaBasis.PERCENTAGES)
    amount_to_raise_pence = models.BigIntegerField(
        help_text="The sum the partners in this formula share between them (agreed, not added up)."
    )
    notes = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "name"],
                name="formula_unique_name",
                violation_error_message="There is already a formula with this name for the year.",
            ),
            models.CheckConstraint(
                condition=Q(amount_to_raise_pence__gte=0),
                name="formula_amount_not_negative",
                violation_error_message="Enter a sum of £0 or more.",
            ),
            _year_in_range("formula"),
        ]

    def __str__(self):
        return f"{self.name} ({self.year_label})"

    def get_absolute_url(self):
        return _url("formula_detail", self, pk=self.pk)

    def clean(self):
        clash = ContributionFormula.objects.filter(
            partnership_id=self.partnership_id, year=self.year, name__iexact=(self.name or "").strip()
        )
        if self.name and self.year and clash.exclude(pk=self.pk).exists():
            raise ValidationError({"name": "There is already a formula with this name for the year"})


class ContributionQuerySet(ScopedQuerySet):
    def with_received(self):
        """Annotate `received_pence`, the sum of payments (0 when none), in the same query."""
        return self.annotate(
            received_pence=Coalesce(Sum("payments__amount_pence"), 0, output_field=models.BigIntegerField())
        )

    def for_year(self, year):
        return self.filter(year=year)


class Contribution(FinancialYearMixin, models.Model):
    """What one partner organisation has agreed to pay the partnership for a financial year."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="contributions"
    )
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS, help_text=YEAR_HELP)
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="funding_contributions"
    )
    amount_pence = models.BigIntegerField(help_text="The amount agreed for the year.")
    formula = models.ForeignKey(
        ContributionFormula,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        help_text="When set, the amount is this partner's share of the formula's sum.",
    )
    share = models.DecimalField(
        max_digits=12,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The partner's percentage (or proportion) under the formula.",
    )
    due_date = models.DateField(null=True, blank=True)
    invoice_reference = models.CharField(max_length=60, blank=True)
    invoiced_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    source_import = models.ForeignKey(
        "FundingImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )

    objects = ContributionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "organisation"],
                name="contribution_unique_per_partner",
                violation_error_message="This partner already has a contribution for the year.",
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0),
                name="contribution_amount_not_negative",
                violation_error_message="Enter an amount of £0 or more.",
            ),
            models.CheckConstraint(
                condition=Q(formula__isnull=True, share__isnull=True)
                | Q(formula__isnull=False, share__isnull=False, share__gte=0),
                name="contribution_share_with_formula",
                violation_error_message="A share of 0% or more goes with a formula, and only with one.",
            ),
            _year_in_range("contribution"),
        ]

    def __str__(self):
        return f"{self.organisation} {self.year_label}"

    def get_absolute_url(self):
        return _url("contribution_detail", self, pk=self.pk)

    def clean(self):
        errors = {}
        if self.organisation_id and self.year:
            clash = Contribution.objects.filter(
                partnership_id=self.partnership_id, year=self.year, organisation_id=self.organisation_id
            )
            if clash.exclude(pk=self.pk).exists():
                errors["organisation"] = (
                    f"{self.organisation} already has a contribution for {self.year_label}"
                )
        if self.formula_id and self.formula.partnership_id != self.partnership_id:
            errors["formula"] = "The formula belongs to a different partnership."
        elif self.formula_id and self.formula.year != self.year:
            errors["formula"] = f"The formula is for {self.formula.year_label}, not {self.year_label}."
        if self.formula_id and self.share is None:
            errors["share"] = "Enter the partner's share under the formula."
        if not self.formula_id and self.share is not None:
            errors["share"] = "A share needs a formula."
        if self.invoiced_on and self.due_date and self.due_date < self.invoiced_on:
            errors["due_date"] = "The due date cannot be before the invoice was raised."
        if errors:
            raise ValidationError(errors)

    @property
    def received(self):
        """Pence received: the annotation when the queryset has it, else one query."""
        value = getattr(self, "received_pence", None)
        if value is None:
            value = self.payments.aggregate(total=Sum("amount_pence"))["total"] or 0
            self.received_pence = value
        return value

    @property
    def outstanding(self):
        return self.amount_pence - self.received

    def status(self, on=None):
        today = on or timezone.localdate()
        received = self.received
        if received > self.amount_pence:
            return ContributionStatus.OVERPAID
        if received == self.amount_pence:
            return ContributionStatus.PAID
        if self.due_date and self.due_date < today:
            return ContributionStatus.OVERDUE
        if received > 0:
            return ContributionStatus.PART_PAID
        if self.invoiced_on:
            return ContributionStatus.INVOICED
        return ContributionStatus.NOT_INVOICED


class ContributionPayment(models.Model):
    """Money received against a partner's contribution: all of it, or a part payment."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="payments")
    received_on = models.DateField()
    amount_pence = models.BigIntegerField()
    reference = models.CharField(max_length=60, blank=True, help_text="Remittance or receipt reference.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_import = models.ForeignKey(
        "FundingImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="payments"
    )

    objects = scoped_queryset("contribution__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["contribution", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0),
                name="payment_amount_positive",
                violation_error_message="Enter an amount more than £0.",
            ),
        ]

    def __str__(self):
        return f"{format_pounds(self.amount_pence)} received {self.received_on:%d %b %Y}"

    def get_absolute_url(self):
        return self.contribution.get_absolute_url()


class InKindContribution(FinancialYearMixin, models.Model):
    """Something a partner gives other than money (rooms, parking, training delivery), perhaps valued."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="in_kind_contributions"
    )
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS, help_text=YEAR_HELP)
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="in_kind_contributions"
    )
    kind = models.CharField(max_length=20, choices=InKindKind.choices)
    description = models.CharField(max_length=255)
    value_pence = models.BigIntegerField(
        null=True, blank=True, help_text="An estimated value, if the partners have put one on it."
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-year", "organisation__name", "kind"]
        verbose_name = "in-kind contribution"
        constraints = [
            models.CheckConstraint(
                condition=Q(value_pence__isnull=True) | Q(value_pence__gte=0),
                name="in_kind_value_not_negative",
                violation_error_message="Enter a value of £0 or more.",
            ),
            _year_in_range("in_kind"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.description}"

    def get_absolute_url(self):
        return _url("in_kind_update", self, pk=self.pk)


class FundingImport(models.Model):
    """A spreadsheet imported into a funding table, with any stated total that disagreed with its rows.

    Only a file whose every row was valid is recorded (a file with a bad row saves nothing). A
    "Total" row in a file is never stored as a total: it is compared with the sum of the rows it
    covers, and a difference is kept here as a flag for the user (the Coventry paper states 580
    while its rows add up to 577).
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="funding_imports"
    )
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    row_count = models.PositiveIntegerField(default=0)
    stated_totals = models.JSONField(
        default=list,
        blank=True,
        help_text="Each stated total in the file: its line, label, the amount stated and the sum of its rows.",
    )
    has_discrepancy = models.BooleanField(default=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-imported_at", "-pk"]
        verbose_name = "funding import"

    def __str__(self):
        return f"{self.get_kind_display()} import: {self.file_name}"

    def get_absolute_url(self):
        return _url("import_detail", self, pk=self.pk)

    @property
    def discrepancies(self):
        return [t for t in self.stated_totals if t["stated_pence"] != t["rows_pence"]]
