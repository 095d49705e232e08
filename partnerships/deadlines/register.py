"""Writing to the deadline register. Each app calls these from its services, inside its transaction."""

from django.contrib.contenttypes.models import ContentType

from partnerships.deadlines.models import Deadline

_FIELDS = (
    "partnership_id",
    "title",
    "source_label",
    "source_url",
    "rule",
    "authority",
    "starts_on",
    "due_date",
    "owner_id",
    "met_on",
    "is_active",
)


def _values(
    source,
    *,
    partnership=None,
    partnership_id=None,
    title,
    due_date,
    rule,
    authority="",
    starts_on=None,
    owner=None,
    owner_id=None,
    met_on=None,
    is_active=True,
    source_label="",
    source_url="",
):
    return {
        "partnership_id": partnership.pk if partnership is not None else partnership_id,
        "title": title[:255],
        "source_label": (source_label or str(source))[:255],
        "source_url": source_url
        or (source.get_absolute_url() if hasattr(source, "get_absolute_url") else ""),
        "rule": rule[:255],
        "authority": authority,
        "starts_on": starts_on,
        "due_date": due_date,
        "owner_id": owner.pk if owner is not None else owner_id,
        "met_on": met_on,
        "is_active": is_active,
    }


def new_deadline(*, source, kind, **fields):
    """An unsaved register row for `source`, exactly as `upsert_deadline` would first write it (the
    benchmark's scale data inserts these in bulk). Takes `partnership` or `partnership_id`, `owner`
    or `owner_id`, and the other fields of `upsert_deadline`."""
    content_type = ContentType.objects.get_for_model(source)
    return Deadline(source_type=content_type, source_id=source.pk, kind=kind, **_values(source, **fields))


def upsert_deadline(*, source, kind, actor=None, **fields):
    """Create or update the `kind` deadline of `source`; saves (and writes history) only on change.

    `fields`: `partnership` (or `partnership_id`), `title`, `due_date`, `rule`, and optionally
    `authority`, `starts_on`, `owner` (or `owner_id`), `met_on`, `is_active`, `source_label`,
    `source_url` (by default the source's own page). Each app gives them from one function per
    kind of record, which its scale-data generator uses too.

    The history row names `actor`, else whoever the source was saved by (`services.as_actor`), else
    the signed-in user of the request (simple_history's middleware).
    """
    actor = actor or getattr(source, "_history_user", None)
    content_type = ContentType.objects.get_for_model(source)
    values = _values(source, **fields)
    deadline = Deadline.objects.filter(source_type=content_type, source_id=source.pk, kind=kind).first()
    if deadline is None:
        deadline = Deadline(source_type=content_type, source_id=source.pk, kind=kind, **values)
        if actor is not None:
            deadline._history_user = actor
        deadline.save()
        return deadline
    changed = False
    for name in _FIELDS:
        if getattr(deadline, name) != values[name]:
            setattr(deadline, name, values[name])
            changed = True
    if changed:
        if actor is not None:
            deadline._history_user = actor
        deadline.save()
    return deadline


def deadlines_for(source):
    content_type = ContentType.objects.get_for_model(source)
    return Deadline.objects.filter(source_type=content_type, source_id=source.pk)


def deactivate_deadlines(source, kinds=None):
    """Mark the source's deadlines (or those of `kinds`) as no longer applying."""
    for deadline in deadlines_for(source).filter(is_active=True):
        if kinds is None or deadline.kind in kinds:
            deadline.is_active = False
            deadline.save(update_fields=["is_active", "updated_at"])
