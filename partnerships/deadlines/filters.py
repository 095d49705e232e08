"""Filters of the deadline register: a partnership's page and a person's own, across partnerships."""

import datetime

import django_filters
from django.utils import timezone

from partnerships.core.filters import ScopedFilterSet
from partnerships.core.forms import GovUKForm
from partnerships.core.models import Partnership, User
from partnerships.core.registry import deadline_kinds
from partnerships.deadlines.choices import DeadlineStatus
from partnerships.deadlines.models import Deadline


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
        self.filters["kind"].extra["choices"] = sorted(
            ((k, v.label) for k, v in deadline_kinds().items()), key=lambda c: c[1]
        )

    def filter_status(self, queryset, name, value):
        return queryset.with_status_in([value])


PERIODS = (
    ("next_7", "Due in the next 7 days"),
    ("next_30", "Due in the next 30 days"),
    ("next_90", "Due in the next 90 days"),
    ("this_month", "Due this month"),
    ("this_year", "Due this calendar year"),
    ("past_30", "Due in the last 30 days"),
    ("past_365", "Due in the last 12 months"),
)


def period_bounds(value, today):
    """(first, last) due dates of a named period, either end open (None)."""
    days = datetime.timedelta
    if value.startswith("next_"):
        return today, today + days(int(value[5:]))
    if value.startswith("past_"):
        return today - days(int(value[5:])), today
    if value == "this_month":
        first = today.replace(day=1)
        return first, (first + days(32)).replace(day=1) - days(1)
    if value == "this_year":
        return today.replace(month=1, day=1), today.replace(month=12, day=31)
    return None, None


def _filter_period(queryset, name, value):
    first, last = period_bounds(value, timezone.localdate())
    if first:
        queryset = queryset.filter(due_date__gte=first)
    if last:
        queryset = queryset.filter(due_date__lte=last)
    return queryset


def _kind_choices():
    return sorted(((k, v.label) for k, v in deadline_kinds().items()), key=lambda c: c[1])


class DeadlineRegisterFilter(DeadlineFilter):
    """One partnership's register: status, kind, owner, a named period or dates."""

    period = django_filters.ChoiceFilter(choices=PERIODS, method="filter_period", empty_label="Any time")

    class Meta(DeadlineFilter.Meta):
        fields = ["status", "kind", "owner", "period"]

    def filter_period(self, queryset, name, value):
        return _filter_period(queryset, name, value)


class MyDeadlineFilter(django_filters.FilterSet):
    """A person's deadlines across their partnerships."""

    partnership = django_filters.ModelChoiceFilter(
        queryset=Partnership.objects.none(), empty_label="Any partnership"
    )
    kind = django_filters.ChoiceFilter(choices=(), empty_label="Any kind")
    owner = django_filters.ChoiceFilter(
        choices=(("me", "Only mine"), ("others", "Other people's")),
        method="filter_owner",
        label="Owner",
        empty_label="Anyone's",
    )
    status = django_filters.ChoiceFilter(
        choices=DeadlineStatus.choices, method="filter_status", empty_label="Any status"
    )
    period = django_filters.ChoiceFilter(choices=PERIODS, method="filter_period", empty_label="Any time")

    class Meta:
        model = Deadline
        fields = ["partnership", "kind", "owner", "status", "period"]
        form = GovUKForm

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["kind"].extra["choices"] = _kind_choices()
        user = request.user if request is not None else None
        if user is not None:
            self.filters["partnership"].queryset = Partnership.objects.filter(roles__user=user).distinct()

    def filter_owner(self, queryset, name, value):
        user = self.request.user
        return queryset.filter(owner=user) if value == "me" else queryset.exclude(owner=user)

    def filter_status(self, queryset, name, value):
        return queryset.with_status_in([value])

    def filter_period(self, queryset, name, value):
        return _filter_period(queryset, name, value)
