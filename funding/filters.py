import django_filters
from django.db.models import F
from django.utils import timezone

from funding.choices import ImportKind, InKindKind, SpendKind
from funding.models import BudgetLine, Contribution, FundingImport, InKindContribution, SpendEntry
from funding.years import year_choices
from partnerships.core.filters import ScopedFilterSet
from partnerships.core.forms import GovUKForm
from partnerships.core.models import Organisation


def _years():
    return year_choices(timezone.localdate(), before=8, after=2)


class FundingFilterSet(ScopedFilterSet):
    """Funding filters: choices of related rows narrowed by ScopedFilterSet, and recent financial years."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "year" in self.filters:
            self.filters["year"].extra["choices"] = _years()


class ContributionFilter(FundingFilterSet):
    year = django_filters.ChoiceFilter(choices=(), label="Financial year", empty_label="Any year")
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), empty_label="Any organisation"
    )
    outstanding = django_filters.BooleanFilter(
        method="filter_outstanding",
        label="Not yet paid in full",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Contribution
        fields = ["year", "organisation"]
        form = GovUKForm

    def filter_outstanding(self, queryset, name, value):
        if not value:
            return queryset
        if "received_pence" not in queryset.query.annotations:
            queryset = queryset.with_received()
        return queryset.filter(received_pence__lt=F("amount_pence"))


class SpendFilter(FundingFilterSet):
    year = django_filters.ChoiceFilter(
        field_name="budget__year", choices=(), label="Financial year", empty_label="Any year"
    )
    line = django_filters.ModelChoiceFilter(queryset=BudgetLine.objects.all(), empty_label="Any line")
    kind = django_filters.ChoiceFilter(
        choices=SpendKind.choices, label="Actual or projection", empty_label="Both"
    )

    class Meta:
        model = SpendEntry
        fields = ["year", "line", "kind"]
        form = GovUKForm


class InKindFilter(FundingFilterSet):
    year = django_filters.ChoiceFilter(choices=(), label="Financial year", empty_label="Any year")
    kind = django_filters.ChoiceFilter(choices=InKindKind.choices, empty_label="Any kind")

    class Meta:
        model = InKindContribution
        fields = ["year", "kind"]
        form = GovUKForm


class ImportFilter(FundingFilterSet):
    kind = django_filters.ChoiceFilter(choices=ImportKind.choices, label="Holds", empty_label="Anything")
    has_discrepancy = django_filters.BooleanFilter(
        label="Stated totals disagree with the rows", widget=django_filters.widgets.BooleanWidget()
    )

    class Meta:
        model = FundingImport
        fields = ["kind", "has_discrepancy"]
        form = GovUKForm
