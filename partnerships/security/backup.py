"""Backup and restore of one partnership's records, with their history.

`backup_partnership(partnership)` gathers:
1. the partnership row and every row of every model whose manager is scoped to a partnership
   (`objects.in_partnership`, partnerships/querysets.py) - so each app's records are included
   the moment they exist;
2. rows of unscoped models that point at a gathered row (object permissions, through rows);
3. every row those rows refer to (people, organisations, areas), repeated until nothing new;
4. the history rows (django-simple-history) of everything gathered, and their authors.
Content types and permissions are written by natural key, so the file restores into a database
whose ids differ. `restore(path)` loads it in one transaction into an empty database (foreign
keys are checked at commit), and refuses if the partnership is already there.
"""

import datetime
import gzip
import json
from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_save, pre_save

from partnerships.core.models import Role
from partnerships.core.signals import sync_permissions
from partnerships.security.personal_data import history_manager, is_historical

FORMAT_VERSION = 1
# Rows identified by natural key and recreated by migrate; never copied by id.
NATURAL = {"contenttypes.contenttype", "auth.permission"}
# Operational state that is not part of a partnership's record.
SKIP = {"sessions.session", "admin.logentry", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}
# Derived rows: object permissions are granted again from the restored roles (partnerships.core.signals).
SKIP |= {"partnerships.partnershipuserobjectpermission", "partnerships.partnershipgroupobjectpermission"}


def _label(model):
    return model._meta.label_lower


def _scoped_models():
    for model in apps.get_models():
        if is_historical(model):
            continue
        qs = model._default_manager.all()
        if hasattr(qs, "in_partnership"):
            yield model


def _add(found, model, pks):
    new = set(pks) - found[model] - getattr(found, "left_out", {}).get(model, set())
    found[model] |= new
    return new


def collect(partnership):
    """{model: set of pks} of everything belonging to `partnership`, with what it refers to.

    Rows tied to another partnership, and rows that refer to them, are left out; gathering runs
    again without them until nothing more is left out, so nothing is gathered only because a row
    left out referred to it."""
    left_out = defaultdict(set)
    while True:
        found, dropped = _collect(partnership, left_out)
        if not any(dropped.values()):
            return found
        for model, pks in dropped.items():
            left_out[model] |= pks


def _collect(partnership, left_out):
    Partnership = type(partnership)
    found = _Found(left_out)
    dropped = defaultdict(set)
    found[Partnership].add(partnership.pk)
    scoped = set()
    for model in _scoped_models():
        if model is Partnership:
            continue
        scoped.add(model)
        _add(found, model, model._default_manager.in_partnership(partnership).values_list("pk", flat=True))
    # Unscoped rows that hang off gathered rows (object permissions, through tables).
    for model in apps.get_models():  # auto-created m2m tables travel inside their owners' rows
        if is_historical(model) or model in scoped or _label(model) in SKIP | NATURAL or model is Partnership:
            continue
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target in scoped or target is Partnership:
                pks = model._base_manager.filter(**{f"{field.attname}__in": list(found[target])}).values_list(
                    "pk", flat=True
                )
                _add(found, model, pks)
    # Everything referred to, until nothing new appears.
    frontier = {m: set(p) for m, p in found.items()}
    while frontier:
        nxt = defaultdict(set)
        for model, pks in frontier.items():
            if not pks:
                continue
            fields = [
                f
                for f in model._meta.get_fields()
                if f.is_relation
                and f.concrete
                and f.related_model is not None
                and (f.many_to_one or f.one_to_one)
            ]
            m2m = [f for f in model._meta.get_fields() if f.many_to_many and f.concrete]
            rows = model._base_manager.filter(pk__in=pks)
            # A row tied to another partnership (an invitation to it, a cycle it leads) is that
            # partnership's too: it stays out, and nothing is followed from it.
            tied = set()
            for f in fields:
                if f.related_model is Partnership:
                    tied |= set(
                        rows.exclude(**{f.attname: partnership.pk})
                        .exclude(**{f"{f.attname}__isnull": True})
                        .values_list("pk", flat=True)
                    )
            if tied:
                found[model] -= tied
                dropped[model] |= tied
                rows = rows.exclude(pk__in=tied)
            for f in fields:
                if _label(f.related_model) in NATURAL | SKIP or f.related_model is Partnership:
                    continue
                ids = {v for v in rows.values_list(f.attname, flat=True) if v is not None}
                nxt[f.related_model] |= _add(found, f.related_model, ids)
            for f in m2m:
                if _label(f.related_model) in NATURAL:
                    continue
                ids = {v for v in rows.values_list(f"{f.name}__pk", flat=True) if v is not None}
                nxt[f.related_model] |= _add(found, f.related_model, ids)
        frontier = {m: p for m, p in nxt.items() if p}
    _drop_dangling(found, dropped)
    # History rows, and the people who made them.
    history = {}
    authors = set()
    for model, pks in list(found.items()):
        manager = history_manager(model)
        if manager is None:
            continue
        hm = manager.model
        rows = hm.objects.filter(**{f"{model._meta.pk.attname}__in": list(pks)})
        history[hm] = set(rows.values_list("pk", flat=True))
        authors |= {u for u in rows.values_list("history_user_id", flat=True) if u is not None}
    if authors:
        user_model = apps.get_model("partnerships", "User")
        _add(found, user_model, authors)
    found.update(history)
    return found, dropped


class _Found(defaultdict):
    """`found`, refusing the rows a previous pass left out."""

    def __init__(self, left_out):
        super().__init__(set)
        self.left_out = left_out


def _drop_dangling(found, dropped):
    """Leave out rows that refer to a row left out (a partnership's invitation to another
    partnership's cycle), until every reference in the backup can be restored."""
    changed = True
    while changed:
        changed = False
        for model, pks in list(found.items()):
            if not pks or _label(model) in SKIP:
                continue
            for f in model._meta.concrete_fields:
                target = f.related_model if f.is_relation else None
                if (
                    target is None
                    or target is model
                    or target not in found
                    or _label(target) in NATURAL | SKIP
                ):
                    continue
                dangling = set(
                    model._base_manager.filter(pk__in=pks)
                    .exclude(**{f"{f.attname}__isnull": True})
                    .exclude(**{f"{f.attname}__in": list(found[target])})
                    .values_list("pk", flat=True)
                )
                if dangling:
                    pks -= dangling
                    dropped[model] |= dangling
                    changed = True


def _dependency_order(found):
    """Models ordered so each comes after the models it refers to (history last): restoring runs
    each model's signals, which may read the rows a row refers to."""
    models = [m for m in found if found[m] and _label(m) not in SKIP]
    deps = {
        m: {
            f.related_model
            for f in m._meta.concrete_fields
            if f.is_relation and f.related_model in found and f.related_model is not m
        }
        for m in models
    }
    ordered, placed = [], set()
    rest = sorted(models, key=lambda m: (is_historical(m), _label(m)))
    while rest:
        ready = [m for m in rest if deps[m] <= placed] or rest[:1]  # a cycle: take the first
        for m in ready:
            ordered.append(m)
            placed.add(m)
        rest = [m for m in rest if m not in placed]
    return ordered


def backup_partnership(partnership, path):
    found = collect(partnership)
    objects = []
    counts = {}
    for model in _dependency_order(found):
        pks = found[model]
        if not pks:
            continue
        qs = model._base_manager.filter(pk__in=list(pks)).order_by("pk")
        objects.extend(serializers.serialize("python", qs))
        counts[_label(model)] = len(pks)
    Permission = apps.get_model("auth", "Permission")
    payload = {
        "format": FORMAT_VERSION,
        "partnership": partnership.slug,
        "counts": counts,
        # Content types and permissions by natural key: their ids differ between databases.
        "content_types": {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.all()},
        "permissions": {
            p.pk: [p.codename, p.content_type.app_label, p.content_type.model]
            for p in Permission.objects.select_related("content_type")
        },
        "objects": objects,
    }
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, cls=_Exact)
    return counts


class _Exact(DjangoJSONEncoder):
    """Times to the microsecond (Django's JSON encoder keeps milliseconds only)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class RestoreRefused(Exception):
    pass


def restore(path):
    """Load a backup into this database in one transaction; returns the counts restored."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        payload = json.load(fh)
    if payload.get("format") != FORMAT_VERSION:
        raise RestoreRefused(f"Unknown backup format {payload.get('format')!r}.")
    Partnership = apps.get_model("partnerships", "Partnership")
    if Partnership.objects.filter(slug=payload["partnership"]).exists():
        raise RestoreRefused(f"Partnership {payload['partnership']!r} is already in this database.")
    ContentType.objects.clear_cache()
    _remap(payload)
    counts = defaultdict(int)
    with transaction.atomic():
        with connection.constraint_checks_disabled(), _signals_muted():
            for obj in serializers.deserialize("python", payload["objects"]):
                obj.save()
                counts[obj.object._meta.label_lower] += 1
        # Derived rows: object permissions from the restored roles.
        for role in Role.objects.select_related("user", "partnership"):
            sync_permissions(role.user, role.partnership)
        models = [apps.get_model(label) for label in counts]
        connection.check_constraints(table_names=[m._meta.db_table for m in models])
        _reset_sequences(models)
    return dict(counts)


@contextmanager
def _signals_muted():
    """The file already holds every row the apps' signals would write (history, deadlines,
    reminders): restoring must not write them a second time."""
    saved = {sig: sig.receivers[:] for sig in (pre_save, post_save, m2m_changed)}
    try:
        for sig in saved:
            sig.receivers = []
            sig.sender_receivers_cache.clear()
        yield
    finally:
        for sig, receivers in saved.items():
            sig.receivers = receivers
            sig.sender_receivers_cache.clear()


def _remap(payload):
    """Point content-type and permission references at this database's ids."""
    Permission = apps.get_model("auth", "Permission")
    ct_ids = {
        old: ContentType.objects.get_by_natural_key(app, model).pk
        for old, (app, model) in payload["content_types"].items()
        if apps.all_models.get(app, {}).get(model)
    }
    perm_ids = {}
    for old, (codename, app, model) in payload["permissions"].items():
        found = Permission.objects.filter(
            codename=codename, content_type__app_label=app, content_type__model=model
        )
        perm_ids[old] = found.values_list("pk", flat=True).first()
    for obj in payload["objects"]:
        model = apps.get_model(obj["model"])
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete) or field.name not in obj["fields"]:
                continue
            value = obj["fields"][field.name]
            if field.related_model is ContentType and value is not None:
                obj["fields"][field.name] = ct_ids[str(value)]
            elif field.related_model is Permission:
                if field.many_to_many:
                    obj["fields"][field.name] = [perm_ids[str(v)] for v in value if perm_ids.get(str(v))]
                elif value is not None:
                    obj["fields"][field.name] = perm_ids[str(value)]


def _reset_sequences(models):
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
