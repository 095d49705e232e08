import django_filters

from partnerships.choices import ActionSource, ActionStatus, DeadlineStatus
from partnerships.forms import GovUKForm
from partnerships.models import Action, Deadline, Organisation, User


class ScopedFilterSet(django_filters.FilterSet):
    """Filters whose choices of related rows are limited to the current partnership's."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        partnership = getattr(request, "current_partnership", None)
        if partnership is not None:
            from partnerships.people import organisations_in, people_in

            for f in self.filters.values():
                # django-filter keeps a model choice filter's queryset on the filter itself.
                queryset = getattr(f, "queryset", None)
                if queryset is None:
                    continue
                if queryset.model is Organisation:
                    f.queryset = organisations_in(partnership)
                elif queryset.model is User:
                    f.queryset = people_in(partnership)
                elif hasattr(queryset, "in_partnership"):
                    f.queryset = queryset.in_partnership(partnership)


class ActionFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, empty_label="Any status")
    source_kind = django_filters.ChoiceFilter(
        choices=ActionSource.choices, label="Source", empty_label="Any source"
    )
    owner_organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label="Organisation", empty_label="Any organisation"
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label="Overdue only", widget=django_filters.widgets.BooleanWidget()
    )

    class Meta:
        model = Action
        fields = ["status", "source_kind", "owner_organisation"]
        form = GovUKForm

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset


class DeadlineFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(
        choices=DeadlineStatus.choices, method="filter_status", empty_label="Any status"
    )
    kind = django_filters.ChoiceFilter(choices=(), empty_label="Any kind")
    owner = django_filters.ModelChoiceFilter(queryset=User.objects.all(), empty_label="Anyone")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label="Due on or after")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label="Due on or before")

    class Meta:
        model = Deadline
        fields = ["status", "kind", "owner"]
        form = GovUKForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from partnerships.registry import deadline_kinds

        self.filters["kind"].extra["choices"] = sorted(
            ((k, v.label) for k, v in deadline_kinds().items()), key=lambda c: c[1]
        )

    def filter_status(self, queryset, name, value):
        return queryset.with_status_in([value])
