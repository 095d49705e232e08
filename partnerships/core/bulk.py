"""Bulk inserts of plain rows for the deadline sweep's outbox, with their history rows.

A catch-up sweep records tens of thousands of reminders, each with its in-app notification and
that notification's history row. Django's bulk_create spends more time preparing each value
(pre_save, get_db_prep_save, the field's adaptation) than PostgreSQL spends storing it: about a
quarter of a catch-up sweep of 28,552 reminders (BENCHMARKS_NOTES.md). On PostgreSQL these rows
go in with psycopg2's execute_values instead, the attribute values as they are on the instances;
elsewhere (SQLite in `make run` and local tests) through bulk_create and simple_history's
bulk_create_with_history. Only models whose fields all pass unchanged to the driver may use it
(`_check`): text, numbers, dates, aware datetimes, booleans and foreign keys.
`tests/partnerships/test_bulk.py` checks that both ways store the same rows and history.
"""

from django.db import connection, models
from django.utils import timezone
from psycopg2 import sql
from psycopg2.extras import execute_values
from simple_history.utils import bulk_create_with_history, get_history_model_for_model

_PLAIN = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,  # and EmailField, SlugField
    models.DateField,  # and DateTimeField
    models.ForeignKey,  # and OneToOneField: the id
    models.IntegerField,  # and its Small, Big and Positive kinds
    models.TextField,
    models.UUIDField,
)


def _fields(model):
    """The concrete columns of `model` to insert (not an auto primary key)."""
    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))
    ]
    unusual = [f.name for f in fields if not isinstance(f, _PLAIN) or getattr(f, "auto_now", False)]
    if unusual:
        raise TypeError(f"{model.__name__} has fields that need Django's own preparation: {unusual}")
    return fields


def _fast():
    return connection.vendor == "postgresql"


def _execute_values(model, fields, rows):
    """INSERT the rows (tuples in the order of `fields`) and return their new primary keys."""
    # The names come from the model's metadata, quoted by the driver as identifiers; every value is
    # a parameter that execute_values binds.
    statement = sql.SQL("INSERT INTO {table} ({columns}) VALUES %s RETURNING {pk}").format(
        table=sql.Identifier(model._meta.db_table),
        columns=sql.SQL(", ").join(sql.Identifier(f.column) for f in fields),
        pk=sql.Identifier(model._meta.pk.column),
    )
    # Django's own exceptions (IntegrityError on a unique key) from the driver's, as its cursor gives.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        # Rows come back in the order of VALUES, as Django's own bulk_create relies on.
        return [
            row[0] for row in execute_values(cursor.cursor, statement, rows, page_size=len(rows), fetch=True)
        ]


def insert(model, objs):
    """Insert new instances of `model` (not yet saved) and set their primary keys."""
    if not objs:
        return objs
    if not _fast():
        return model._default_manager.bulk_create(objs)
    fields = _fields(model)
    pks = _execute_values(model, fields, [tuple(getattr(o, f.attname) for f in fields) for o in objs])
    for obj, pk in zip(objs, pks, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def insert_with_history(model, objs):
    """`insert`, and a "created" history row for each, as bulk_create_with_history writes it."""
    if not objs:
        return objs
    if not _fast():
        return bulk_create_with_history(objs, model)
    insert(model, objs)
    history = get_history_model_for_model(model)
    fields = _fields(history)
    tracked = {f.attname for f in history.tracked_fields}
    now = timezone.now()
    rows = []
    for obj in objs:
        user = getattr(obj, "_history_user", None) or history.get_default_history_user(obj)
        own = {
            "history_date": getattr(obj, "_history_date", now),
            "history_user_id": user.pk if user is not None else None,
            "history_change_reason": getattr(obj, "_change_reason", None),
            "history_type": "+",
        }
        rows.append(
            tuple(getattr(obj, f.attname) if f.attname in tracked else own[f.attname] for f in fields)
        )
    _execute_values(history, fields, rows)
    return objs
