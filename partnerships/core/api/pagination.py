"""Pages of a list: `limit` records from `offset`, both checked (a bad value is a 400 naming it)."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

# The most records one page may hold: larger lists are read page by page.
MAX_PAGE_SIZE = 500


def _whole_number(request, name, *, minimum, maximum=None):
    raw = request.query_params.get(name)
    if raw is None:
        return None
    text = raw.strip()
    if not text.isdigit() or int(text) < minimum or (maximum is not None and int(text) > maximum):
        bound = f"from {minimum} to {maximum}" if maximum is not None else f"of {minimum} or more"
        raise ValidationError({name: [f"Enter a whole number {bound} (not “{raw}”)."]})
    return int(text)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """DRF's limit/offset pages with `limit` from 1 to MAX_PAGE_SIZE and `offset` 0 or more."""

    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request):
        limit = _whole_number(request, self.limit_query_param, minimum=1, maximum=self.max_limit)
        return self.default_limit if limit is None else limit

    def get_offset(self, request):
        return _whole_number(request, self.offset_query_param, minimum=0) or 0

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_limit)
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"].update(minimum=0)
        return parameters
