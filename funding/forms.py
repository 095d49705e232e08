from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from funding.choices import FormulaBasis, ImportKind
from funding.models import (
    Budget,
    BudgetLine,
    Contribution,
    ContributionFormula,
    InKindContribution,
    ReserveTransfer,
    SpendEntry,
)
from funding.money import MoneyError, to_pence, to_pounds
from funding.years import parse_month, year_choices
from partnerships.core import tenancy
from partnerships.core.forms import GovUKForm, GovUKModelForm
from partnerships.core.forms.govuk import GovUKDateField, GovUKDateWidget
from partnerships.core.models import Organisation
from partnerships.core.periods import FinancialYear


class MoneyWidget(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(
            {"class": "govuk-input govuk-input--width-10", "spellcheck": "false", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{to_pounds(value):f}"  # pence from the database, shown as pounds
        return super().format_value(value)


class MoneyField(forms.Field):
    """An amount in pounds and pence ("1,234.56"), cleaned to integer pence; never a float."""

    widget = MoneyWidget

    def __init__(self, *, allow_negative=False, **kwargs):
        self.allow_negative = allow_negative
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            pence = to_pence(value)
        except MoneyError as error:
            raise ValidationError(str(error), code="invalid") from None
        if pence < 0 and not self.allow_negative:
            raise ValidationError("Enter an amount of £0 or more", code="negative")
        return pence


def _year_field(label="Financial year", required=True):
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        required=required,
        choices=[("", "Choose a year")] if not required else [],
        help_text="Financial years run from 1 April to 31 March.",
    )


def _set_year_choices(field, extra=(), blank=False):
    choices = year_choices(timezone.localdate(), before=8, after=2)
    known = {value for value, _label in choices}
    for year in extra:
        if year is not None and year not in known:
            choices.append((year, FinancialYear(year).label))
    choices.sort()
    field.choices = ([("", "Choose a year")] if blank else []) + choices


class BudgetLineForm(GovUKModelForm):
    class Meta:
        model = BudgetLine
        fields = ["name", "category", "position", "is_active"]
        labels = {"position": "Order in reports"}


class BudgetForm(GovUKModelForm):
    year = _year_field()
    opening_balance_pence = MoneyField(
        label="Unspent income brought forward at 1 April (£)",
        required=False,
        allow_negative=True,
        help_text="Only for the first year you record here: later years take the balance the year before "
        "carried forward.",
    )

    class Meta:
        model = Budget
        fields = ["year", "cost_centre", "opening_balance_pence", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["year"]
        else:
            _set_year_choices(self.fields["year"])


class BudgetRevisionForm(GovUKForm):
    """New amounts for the budget's lines, from a date, with the reason."""

    effective_on = GovUKDateField(label="Takes effect on", widget=GovUKDateWidget)
    reason = forms.CharField(
        max_length=255,
        required=False,
        help_text="Why the budget changes (needed for every revision after the first budget).",
    )

    def __init__(self, *args, budget, lines, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.lines = lines
        for line in lines:
            self.fields[f"line_{line.pk}"] = MoneyField(
                label=f"{line.name} (£)",
                required=False,
                allow_negative=True,
                help_text=f"{line.get_category_display()}. "
                + (
                    "Income and transfers from reserve are negative." if line.section != "expenditure" else ""
                ),
                initial=current.get(line.pk),
            )

    def amounts(self):
        """{line: pence} for the lines given a value."""
        result = {}
        for line in self.lines:
            pence = self.cleaned_data.get(f"line_{line.pk}")
            if pence is not None:
                result[line] = pence
        return result


class SpendEntryForm(GovUKModelForm):
    month = forms.TypedChoiceField(label="Month", coerce=parse_month)
    amount_pence = MoneyField(
        label="Amount (£)",
        allow_negative=True,
        help_text="Spending positive; income, refunds and transfers from reserve negative.",
    )

    class Meta:
        model = SpendEntry
        fields = ["line", "month", "kind", "amount_pence", "note"]

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.instance.budget = budget
        self.fields["month"].choices = [(m.isoformat(), f"{m:%B %Y}") for m in budget.financial_year.months]
        if self.instance.pk:
            self.initial["month"] = self.instance.month.isoformat()
        self.fields["line"].queryset = BudgetLine.objects.filter(partnership=budget.partnership)


class ReserveTransferForm(GovUKModelForm):
    amount_pence = MoneyField(label="Amount (£)", help_text="A positive sum: choose the direction above.")

    class Meta:
        model = ReserveTransfer
        fields = ["direction", "on", "amount_pence", "reason"]
        widgets = {"direction": forms.RadioSelect}

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.budget = budget


class OrganisationChoiceMixin:
    def limit_choices_to_partnership(self, partnership):
        super().limit_choices_to_partnership(partnership)
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = tenancy.organisations(partnership).order_by("name")


class ContributionForm(OrganisationChoiceMixin, GovUKModelForm):
    year = _year_field()
    amount_pence = MoneyField(
        label="Amount agreed (£)",
        required=False,
        help_text="Leave blank for a share under a formula: the formula sets the amount.",
    )

    class Meta:
        model = Contribution
        fields = [
            "organisation",
            "year",
            "amount_pence",
            "formula",
            "share",
            "due_date",
            "invoice_reference",
            "invoiced_on",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_year_choices(self.fields["year"], extra=[self.instance.year])
        self.fields["formula"].label_from_instance = lambda f: str(f)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("formula") is None and cleaned.get("amount_pence") is None:
            self.add_error(
                "amount_pence", "Enter the amount agreed, or choose a formula and the partner's share"
            )
        if cleaned.get("formula") is not None and cleaned.get("amount_pence") is None:
            cleaned["amount_pence"] = self.instance.amount_pence or 0
        self.instance.partnership = self.partnership
        return cleaned


class InvoiceForm(GovUKForm):
    invoiced_on = GovUKDateField(label="Invoice date", widget=GovUKDateWidget)
    reference = forms.CharField(label="Invoice reference", max_length=60)
    due_date = GovUKDateField(
        label="Payment due by",
        widget=GovUKDateWidget,
        required=False,
        help_text="Leave blank for the usual terms (30 days from the invoice).",
    )


class PaymentForm(GovUKForm):
    received_on = GovUKDateField(label="Date received", widget=GovUKDateWidget)
    amount = MoneyField(label="Amount received (£)")
    reference = forms.CharField(label="Remittance reference", max_length=60, required=False)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError("Enter an amount more than £0")
        return amount


class InKindForm(OrganisationChoiceMixin, GovUKModelForm):
    year = _year_field()
    value_pence = MoneyField(label="Estimated value (£)", required=False)

    class Meta:
        model = InKindContribution
        fields = ["organisation", "year", "kind", "description", "value_pence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_year_choices(self.fields["year"], extra=[self.instance.year])


class FormulaForm(GovUKModelForm):
    year = _year_field()
    amount_to_raise_pence = MoneyField(label="Sum to share among the partners (£)")

    class Meta:
        model = ContributionFormula
        fields = ["name", "year", "basis", "amount_to_raise_pence", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_year_choices(self.fields["year"], extra=[self.instance.year])
        if self.instance.pk and self.instance.contributions.exists():
            self.fields["year"].disabled = True

    def clean(self):
        cleaned = super().clean()
        self.instance.partnership = self.partnership
        return cleaned


class FormulaShareForm(GovUKForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    share = forms.DecimalField(max_digits=12, decimal_places=6, min_value=0)

    def __init__(self, *args, formula, **kwargs):
        super().__init__(*args, **kwargs)
        self.formula = formula
        self.fields["organisation"].queryset = tenancy.organisations(formula.partnership).order_by("name")
        self.fields["share"].label = (
            "Percentage" if formula.basis == FormulaBasis.PERCENTAGES else "Proportion"
        )
        self.fields["share"].help_text = (
            "The partner's percentage of the sum (all the partners' add up to 100)."
            if formula.basis == FormulaBasis.PERCENTAGES
            else "For example the partner's share of the population or of the caseload."
        )

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        existing = Contribution.objects.filter(
            partnership=self.formula.partnership, year=self.formula.year, organisation=organisation
        ).first()
        if existing is not None:
            if existing.formula_id == self.formula.pk:
                raise ValidationError(
                    f"{organisation} already has a share under this formula: change it there"
                )
            raise ValidationError(
                f"{organisation} already has a contribution for {self.formula.year_label}: change that one instead"
            )
        return organisation


class ImportForm(GovUKForm):
    kind = forms.ChoiceField(
        label="What the file holds", choices=ImportKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label="File",
        help_text="A CSV file or an Excel workbook (.xlsx), with a header row. Nothing is saved unless every row "
        "is right.",
    )
    year = _year_field("Financial year of rows with none", required=False)
    thousands = forms.BooleanField(label="The amounts are in thousands of pounds (£k)", required=False)
    effective_on = GovUKDateField(
        label="Budget changes take effect on",
        widget=GovUKDateWidget,
        required=False,
        help_text="For a budget file: leave blank for the start of the year.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_year_choices(self.fields["year"], blank=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError("The file is too large")
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise ValidationError("The file must be a CSV file or an Excel workbook (.xlsx)")
        return upload
