"""Query parameters of the API are checked, never ignored: a filter the resource does not have, or a
value a filter cannot read, is a 400 naming the parameter, so a typing mistake in a query does not
quietly answer with every record."""

import django_filters
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from partnerships.core.models import Partnership

# Parameters every list understands besides its filters: paging and the response format.
COMMON_PARAMETERS = frozenset({"limit", "offset", "format"})


def known_parameters(view, filterset_class):
    known = set(COMMON_PARAMETERS) | set(getattr(view, "extra_query_parameters", ()))
    if filterset_class is not None:
        known |= set(filterset_class.base_filters)
    return known


def refuse_unknown(request, known):
    """A 400 naming each query parameter not in `known`, listing those that are."""
    unknown = sorted(set(request.query_params) - set(known))
    if unknown:
        allowed = ", ".join(sorted(known))
        raise ValidationError(
            {name: [f"“{name}” is not a filter of this list. Use one of: {allowed}."] for name in unknown}
        )


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend (raising on a value a filter cannot read, as `raise_exception` makes
    it), answering 400 for a parameter that is neither a filter nor a common parameter."""

    raise_exception = True

    def get_filterset_class(self, view, queryset=None):
        base = super().get_filterset_class(view, queryset)
        if queryset is None or getattr(view, "action", "list") != "list":
            return base
        return common_filterset(view, queryset.model, queryset, base)

    def filter_queryset(self, request, queryset, view):
        refuse_unknown(request, known_parameters(view, self.get_filterset_class(view, queryset)))
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise utils.translate_validation(filterset.errors)
        return filterset.qs


# Filters every list has where they apply, so the same question is asked the same way everywhere:
# `partnership` (a slug), `status` (the record's status), `date_from`/`date_to` (the record's main
# date, named in the schema) and `search` (words in its title, name or reference).
DATE_FIELDS = (
    "due_date",
    "date_of_death",
    "decision_date",
    "starts_at",
    "opens_on",
    "date",
    "month",
    "published_on",
    "period_start",
    "created_at",
    "requested_at",
)
SEARCH_FIELDS = ("reference", "title", "name", "short_name", "code", "attendee_name")


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _date_field(view, model):
    name = getattr(view, "date_filter_field", None)
    if name:
        return _model_field(model, name)
    for name in DATE_FIELDS:
        field = _model_field(model, name)
        if isinstance(field, (models.DateField, models.DateTimeField)):
            return field
    return None


def _search_fields(view, model):
    declared = getattr(view, "search_fields", None)
    if declared is not None:
        return tuple(declared)
    return tuple(
        name
        for name in SEARCH_FIELDS
        if isinstance(_model_field(model, name), (models.CharField, models.TextField))
    )


class CommonFilters(django_filters.FilterSet):
    """The shared filters; `StrictFilterBackend` adds those that apply to each list's model."""

    def filter_partnership(self, queryset, name, value):
        partnership = Partnership.objects.visible_to(self.request.user).filter(slug=value).first()
        if partnership is None:
            raise ValidationError({name: [f"No partnership you can see has the slug “{value}”."]})
        return queryset.in_partnership(partnership)

    def filter_search(self, queryset, name, value):
        words = value.split()
        for word in words:
            match = Q()
            for field in self.search_field_names:
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(match)
        return queryset


_CLASSES = {}


def common_filterset(view, model, queryset, base):
    """`base` (the list's own filters, or none) with the shared filters that apply to `model`."""
    key = (type(view), model)  # one list, one configuration (django-filter makes `base` anew each call)
    if key in _CLASSES:
        return _CLASSES[key]
    declared = set(base.base_filters) if base is not None else set()
    attrs = {}
    if hasattr(queryset, "in_partnership") and "partnership" not in declared:
        attrs["partnership"] = django_filters.CharFilter(
            method="filter_partnership", label="Only records of the partnership with this slug."
        )
    status = _model_field(model, "status")
    if status is not None and status.choices and "status" not in declared:
        attrs["status"] = django_filters.ChoiceFilter(
            choices=status.choices, label="Only records with this status."
        )
    date = _date_field(view, model)
    if date is not None and not {"date_from", "date_to"} & declared:
        label = str(date.verbose_name)
        lookup = f"{date.name}__date" if isinstance(date, models.DateTimeField) else date.name
        attrs["date_from"] = django_filters.DateFilter(
            field_name=lookup,
            lookup_expr="gte",
            label=f"Only records whose {label} is on or after this date.",
        )
        attrs["date_to"] = django_filters.DateFilter(
            field_name=lookup,
            lookup_expr="lte",
            label=f"Only records whose {label} is on or before this date.",
        )
    search = _search_fields(view, model)
    if search and "search" not in declared:
        attrs["search"] = django_filters.CharFilter(
            method="filter_search", label=f"Only records with every word in their {', '.join(search)}."
        )
        attrs["search_field_names"] = search
    if not attrs:
        _CLASSES[key] = base
        return base
    if base is None:
        parents = (CommonFilters,)
        attrs["Meta"] = type("Meta", (), {"model": model, "fields": []})
    else:
        parents = (base, CommonFilters)  # with the list's own Meta, so its own filters stay
    _CLASSES[key] = type(f"{model.__name__}ListFilters", parents, attrs)
    return _CLASSES[key]
