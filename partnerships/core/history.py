"""Readable audit history for one record: who changed what, when, from which value to which."""

from dataclasses import dataclass, field

from django.db import models

HISTORY_LIMIT = 50
_TYPE_LABEL = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    reason: str = ""
    changes: list = field(default_factory=list)


def _display(model, name, value, cache):
    if value in (None, ""):
        return "(blank)"
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        key = (model_field.related_model, value)
        if key not in cache:
            cache[key] = str(
                model_field.related_model._default_manager.filter(pk=value).first() or f"#{value}"
            )
        return cache[key]
    if isinstance(model_field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(value, list):  # many-to-many history gives a list of through-rows
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name.replace("_", " ").capitalize()


def history_entries(obj, limit=HISTORY_LIMIT):
    """The newest `limit` history rows of `obj`, each with the fields it changed."""
    if not hasattr(obj, "history"):
        return []
    rows = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    model = type(obj)
    cache = {}
    entries = []
    for index, row in enumerate(rows[:limit]):
        entry = HistoryEntry(
            when=row.history_date,
            who=row.history_user,
            action=_TYPE_LABEL.get(row.history_type, row.history_type),
            reason=row.history_change_reason or "",
        )
        previous = rows[index + 1] if index + 1 < len(rows) else None
        if previous is not None and row.history_type == "~":
            delta = row.diff_against(previous)
            for change in delta.changes:
                old = change.old
                new = change.new
                if isinstance(old, list) or isinstance(new, list):
                    old = ", ".join(
                        str(i.get(change.field, i)) if isinstance(i, dict) else str(i) for i in old or []
                    )
                    new = ", ".join(
                        str(i.get(change.field, i)) if isinstance(i, dict) else str(i) for i in new or []
                    )
                entry.changes.append(
                    Change(
                        _label(model, change.field),
                        _display(model, change.field, old, cache),
                        _display(model, change.field, new, cache),
                    )
                )
        entries.append(entry)
    return entries
