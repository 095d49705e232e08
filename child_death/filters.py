import django_filters

from child_death.choices import AgeBand, Category, Expectedness, FormStatus, Stage
from child_death.models import ChildDeathCase, ReportingForm
from partnerships.core.filters import ScopedFilterSet
from partnerships.core.forms import GovUKForm


class CaseFilter(ScopedFilterSet):
    stage = django_filters.ChoiceFilter(choices=Stage.choices, empty_label="Any stage")
    age_band = django_filters.ChoiceFilter(choices=AgeBand.choices, empty_label="Any age")
    expectedness = django_filters.ChoiceFilter(
        choices=Expectedness.choices, label="Expected or unexpected", empty_label="Either"
    )
    category = django_filters.ChoiceFilter(choices=Category.choices, empty_label="Any category")
    reference = django_filters.CharFilter(lookup_expr="icontains", label="Reference contains")

    class Meta:
        model = ChildDeathCase
        fields = ["stage", "age_band", "expectedness", "category", "reference"]
        form = GovUKForm


class ReportingFormFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(choices=FormStatus.choices, empty_label="Any status")

    class Meta:
        model = ReportingForm
        fields = ["status"]
        form = GovUKForm
