import django_filters

from partnerships.core import tenancy
from partnerships.core.choices import ActionSource, ActionStatus
from partnerships.core.forms import GovUKForm
from partnerships.core.models import AccessChannel, Action, Organisation, RecordAccess, User


class ScopedFilterSet(django_filters.FilterSet):
    """Filters whose choices of related rows are limited to the current partnership's."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        partnership = getattr(request, "current_partnership", None)
        if partnership is not None:
            for f in self.filters.values():
                # django-filter keeps a model choice filter's queryset on the filter itself.
                queryset = getattr(f, "queryset", None)
                if queryset is None:
                    continue
                if queryset.model is Organisation:
                    f.queryset = tenancy.organisations(partnership)
                elif queryset.model is User:
                    f.queryset = tenancy.people(partnership)
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


class AccessLogFilter(django_filters.FilterSet):
    """The access log of one partnership, per person, per record, by how and when it was seen."""

    person = django_filters.ModelChoiceFilter(
        field_name="user", queryset=User.objects.none(), label="Person", empty_label="Anyone"
    )
    record = django_filters.CharFilter(field_name="record_label", lookup_expr="icontains", label="Record")
    channel = django_filters.ChoiceFilter(choices=AccessChannel.choices, label="How", empty_label="Any way")
    seen_from = django_filters.DateFilter(
        field_name="accessed_at", lookup_expr="date__gte", label="Seen on or after"
    )
    seen_to = django_filters.DateFilter(
        field_name="accessed_at", lookup_expr="date__lte", label="Seen on or before"
    )
    # Set by the "who has seen this record" link on a record's page.
    record_type = django_filters.NumberFilter(widget=django_filters.widgets.forms.HiddenInput)
    record_id = django_filters.NumberFilter(widget=django_filters.widgets.forms.HiddenInput)

    class Meta:
        model = RecordAccess
        fields = ["person", "record", "channel", "seen_from", "seen_to", "record_type", "record_id"]
        form = GovUKForm

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        partnership = getattr(request, "current_partnership", None)
        if partnership is not None:
            # Anyone who appears in the log, including people who have since lost their role.
            self.filters["person"].queryset = User.objects.filter(
                pk__in=RecordAccess.objects.filter(partnership=partnership).values("user_id")
            ).order_by("last_name", "first_name")
