"""Query parameters of the API are checked, never ignored: a filter the resource does not have, or a
value a filter cannot read, is a 400 naming the parameter, so a typing mistake in a query does not
quietly answer with every record."""

from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

# Parameters every list understands besides its filters: paging, the response format, and the names
# of the search and ordering parameters (kept free for them).
COMMON_PARAMETERS = frozenset({"limit", "offset", "format", "search", "ordering"})


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

    def filter_queryset(self, request, queryset, view):
        refuse_unknown(request, known_parameters(view, self.get_filterset_class(view, queryset)))
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise utils.translate_validation(filterset.errors)
        return filterset.qs
