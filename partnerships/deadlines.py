"""Writing to the deadline register. Each app calls these from its services, inside its transaction."""

from django.contrib.contenttypes.models import ContentType

from partnerships.models import Deadline

_FIELDS = (
    "partnership",
    "title",
    "source_label",
    "source_url",
    "rule",
    "authority",
    "starts_on",
    "due_date",
    "owner",
    "met_on",
    "is_active",
)


def upsert_deadline(
    *,
    source,
    kind,
    partnership,
    title,
    due_date,
    rule,
    authority="",
    starts_on=None,
    owner=None,
    met_on=None,
    is_active=True,
    source_label="",
    source_url="",
    actor=None,
):
    """Create or update the `kind` deadline of `source`; saves (and writes history) only on change.

    The history row names `actor`, else whoever the source was saved by (`services.as_actor`), else
    the signed-in user of the request (simple_history's middleware).
    """
    actor = actor or getattr(source, "_history_user", None)
    content_type = ContentType.objects.get_for_model(source)
    values = {
        "partnership": partnership,
        "title": title[:255],
        "source_label": (source_label or str(source))[:255],
        "source_url": source_url
        or (source.get_absolute_url() if hasattr(source, "get_absolute_url") else ""),
        "rule": rule,
        "authority": authority,
        "starts_on": starts_on,
        "due_date": due_date,
        "owner": owner,
        "met_on": met_on,
        "is_active": is_active,
    }
    deadline = Deadline.objects.filter(source_type=content_type, source_id=source.pk, kind=kind).first()
    if deadline is None:
        deadline = Deadline(source_type=content_type, source_id=source.pk, kind=kind, **values)
        if actor is not None:
            deadline._history_user = actor
        deadline.save()
        return deadline
    changed = False
    for name in _FIELDS:
        current = (
            getattr(deadline, name + "_id") if name in ("partnership", "owner") else getattr(deadline, name)
        )
        wanted = values[name]
        wanted_cmp = getattr(wanted, "pk", wanted) if name in ("partnership", "owner") else wanted
        if current != wanted_cmp:
            setattr(deadline, name, wanted)
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
