"""API list responses carry no child's name, date of birth or NHS number (core/identity.py).

A list answers for many records at once and often for several partnerships, so each record's text
is checked by its own partnership's guard; a value that holds an identifier is replaced with
`identity.WITHHELD`. Dates, numbers and booleans are the product's own values and are left alone.
"""

import re

from partnerships.core import identity

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$")


def _withhold(guard, value):
    if isinstance(value, str):
        return value if _ISO_DATE.match(value) else identity.withhold(guard, value)
    if isinstance(value, dict):
        return {key: _withhold(guard, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_withhold(guard, item) for item in value]
    return value


def withhold_in_list(model, records, data):
    """The serialized `data` of `records` (same order), each record's text checked by the guard of
    the partnership it belongs to (one query for the partnerships, one or two per partnership)."""
    records = list(records)
    if not records:
        return data
    path = type(model.objects.all()).partnership_path
    partnership_of = dict(model.objects.filter(pk__in=[r.pk for r in records]).values_list("pk", path))
    guards = identity.GuardCache()
    return [
        _withhold(guards.get(partnership_of[record.pk], public=False), item)
        if partnership_of.get(record.pk) is not None
        else item
        for record, item in zip(records, data, strict=True)
    ]
