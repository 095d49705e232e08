"""Everything held about a named person, with history: a subject access export (UK GDPR Art. 15).

Found without each app having to remember: every row of every model that refers to the person
(a foreign key, one-to-one or many-to-many to the user model), each with its full history; every
change the person made anywhere (history rows they are the author of); and whatever apps add
through `register_subject_source` (rows that name a person by username or text rather than by a
key, such as sign-in attempts). Secrets (password hashes, keys, token and code hashes) are left
out; the export says so.
"""

import datetime
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

# Field names whose values are secrets, never exported (their presence is noted).
SECRET_FIELDS = {
    "password",
    "key",
    "secret_hash",
    "code_hash",
    "secret",
    "token",
    "bin_key",
    "evaluation_token_hash",
}

_sources = []


def register_subject_source(func):
    """`func(person)` yields (section label, iterable of model instances) for rows that name the
    person without a foreign key. Register in AppConfig.ready()."""
    if func not in _sources:
        _sources.append(func)
    return func


def is_historical(model):
    return hasattr(model, "instance_type") and model._meta.model_name.startswith("historical")


def history_manager(model):
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name, None) if name else None


def row(instance):
    """A plain dict of an instance's concrete fields (foreign keys as ids, secrets withheld)."""
    out = {}
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            out[field.name] = "(withheld: a secret)"
            continue
        out[field.attname] = field.value_from_object(instance)
    return out


def _label(model):
    return f"{model._meta.app_label}.{model.__name__}"


def person_relations(user_model=None):
    """(model, field) for every concrete relation from a non-historical model to the user model."""
    user_model = user_model or apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        if is_historical(model) or model is user_model:
            continue
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and field.related_model is user_model
                and (field.many_to_one or field.one_to_one or field.many_to_many)
            ):
                found.append((model, field))
    return found


def _with_history(instance):
    entry = {"record": str(instance), "fields": row(instance)}
    manager = history_manager(type(instance))
    if manager is not None:
        entry["history"] = [
            {
                "date": h.history_date,
                "change": {"+": "created", "~": "changed", "-": "deleted"}.get(
                    h.history_type, h.history_type
                ),
                "by": h.history_user_id,
                "fields": {k: v for k, v in row(h).items() if not k.startswith("history_")},
            }
            for h in manager.model.objects.filter(**{type(instance)._meta.pk.attname: instance.pk}).order_by(
                "history_date", "history_id"
            )
        ]
    return entry


def subject_access_export(person):
    """A JSON-ready dict of everything held about `person` (a user), with history."""
    sections = defaultdict(list)
    sections["The person"].append(_with_history(person))
    for model, field in person_relations(type(person)):
        manager = model._base_manager
        for obj in manager.filter(**{field.name: person}).order_by("pk"):
            sections[
                f"{model._meta.verbose_name_plural.capitalize()} ({_label(model)}, as {field.verbose_name})"
            ].append(_with_history(obj))
    for func in _sources:
        for label, instances in func(person):
            for obj in instances:
                sections[label].append(_with_history(obj))
    changes = []
    for model in apps.get_models():
        if is_historical(model) and hasattr(model, "history_user_id"):
            for h in model.objects.filter(history_user_id=person.pk).order_by("history_date"):
                changes.append(
                    {
                        "record_kind": _label(model.instance_type),
                        "record_id": getattr(h, model.instance_type._meta.pk.attname),
                        "date": h.history_date,
                        "change": {"+": "created", "~": "changed", "-": "deleted"}.get(h.history_type),
                    }
                )
    sections["Changes this person made to any record"] = sorted(changes, key=lambda c: c["date"])
    return {
        "subject": {"id": person.pk, "username": person.get_username(), "name": str(person)},
        "generated_at": timezone.now(),
        "note": (
            "Everything this service holds that refers to the person, with each record's history. "
            "Secrets (password hashes, keys, code hashes) are withheld. Records about other people "
            "that merely mention this person in free text are not found by this export; search them "
            "by name before responding."
        ),
        "sections": dict(sections),
    }


class Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        if isinstance(o, bytes):
            return "(binary withheld)"
        if isinstance(o, datetime.timedelta):
            return o.total_seconds()
        try:
            return super().default(o)
        except TypeError:
            return str(o)
