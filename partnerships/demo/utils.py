"""Helpers for idempotent demo loaders: a second run changes nothing (and writes no history)."""

from django.db import models


def ensure(model, lookup, **values):
    """Get the row matching `lookup`, create it with `values`, or update only the fields that differ."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        current = getattr(obj, field.attname)
        wanted = value.pk if isinstance(field, models.ForeignKey) and value is not None else value
        if current != wanted:
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        obj.save()
    return obj


def ensure_m2m(manager, objects):
    """Make a many-to-many relation hold exactly `objects`, touching it only if it differs."""
    wanted = {o.pk for o in objects}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(objects)
