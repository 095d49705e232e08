"""Workflow steps of the base app, each one function in a transaction with the actor first.

Side effects (email) are queued with transaction.on_commit so a rolled-back change sends nothing.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partnerships.core import identity, mail
from partnerships.core.choices import ActionSource, ActionStatus
from partnerships.core.models import (
    AccessChannel,
    Action,
    ActionUpdate,
    Notification,
    RecordAccess,
    RecordLink,
    Role,
)

logger = logging.getLogger(__name__)


def as_actor(instance, actor):
    """Record `actor` as the user on the history row the next save writes (tasks and commands)."""
    instance._history_user = actor
    return instance


@transaction.atomic
def grant_role(actor, *, user, partnership, kind, organisation=None, is_manager=False):
    role = Role(
        user=user, partnership=partnership, kind=kind, organisation=organisation, is_manager=is_manager
    )
    role.full_clean()
    as_actor(role, actor).save()  # the Role signal grants the object permissions
    return role


@transaction.atomic
def revoke_role(actor, role):
    as_actor(role, actor).delete()  # the Role signal withdraws the object permissions


@transaction.atomic
def create_action(
    actor,
    *,
    partnership,
    title,
    due_date,
    source=None,
    source_kind=ActionSource.OTHER,
    source_label="",
    source_url="",
    owner=None,
    owner_organisation=None,
    description="",
    reference="",
):
    """Add an action to the partnership's log; `source` is the record it came from, in any app."""
    action = Action(
        partnership=partnership,
        title=title,
        description=description,
        due_date=due_date,
        source_kind=source_kind,
        owner=owner,
        owner_organisation=owner_organisation,
        reference=reference,
    )
    if source is not None:
        action.source_type = ContentType.objects.get_for_model(source)
        action.source_id = source.pk
        action.source_label = (source_label or str(source))[:255]
        action.source_url = source_url or (
            source.get_absolute_url() if hasattr(source, "get_absolute_url") else ""
        )
    else:
        action.source_label = source_label
        action.source_url = source_url
    action.full_clean()
    as_actor(action, actor).save()
    return action


@transaction.atomic
def update_action(actor, action, *, status=None, text="", dropped_reason="", evidence_of_impact=None):
    """Record progress on an action: a note, a new status, and for a dropped action its reason."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if status is not None and status != action.status:
        if status == ActionStatus.DROPPED and not (dropped_reason or action.dropped_reason).strip():
            raise ValidationError({"dropped_reason": "Say why the action is being dropped."})
        action.status = status
        if status == ActionStatus.DROPPED:
            action.dropped_reason = dropped_reason or action.dropped_reason
        action.completed_on = timezone.localdate() if status == ActionStatus.DONE else None
    if evidence_of_impact is not None:
        action.evidence_of_impact = evidence_of_impact
    as_actor(action, actor).save()
    if text.strip():
        as_actor(ActionUpdate(action=action, text=text.strip(), author=actor), actor).save()
    return action


def log_record_access(user, record, partnership, label=None, *, channel=AccessChannel.PAGE, route=""):
    """Note that `user` saw a case record that shows a child's identity: on its page, its edit page,
    its history, in the admin or an export (docs/threat-model.md, "The access log")."""
    return RecordAccess.objects.create(
        user=user,
        partnership=partnership,
        record_type=ContentType.objects.get_for_model(record),
        record_id=record.pk,
        record_label=(label or str(record))[:255],
        channel=channel,
        route=route[:255],
    )


def notify(recipient, title, *, body="", url="", partnership=None, email=True):
    """Tell one person something: an in-app notification now, an email once the transaction commits
    (to that one address, its link absolute on SITE_URL: partnerships/core/mail.py). Nothing in it may carry a child's name, date of birth or NHS number (core/identity.py)."""
    if partnership is not None:
        guard = identity.guard_for(partnership, public=False)
        title, body = identity.withhold(guard, title), identity.withhold(guard, body)
    notification = Notification.objects.create(
        recipient=recipient, title=title[:255], body=body, url=url, partnership=partnership
    )
    if email and recipient.email:
        text = f"{body}\n\nOpen it: {mail.absolute(url)}".strip() if url else body or title

        def send():
            try:
                mail.message(recipient.email, title[:255], text).send()
            except Exception:  # the in-app notification stands; mail failures are logged, not raised
                logger.exception("Could not email notification %s", notification.pk)

        transaction.on_commit(send)
    return notification


def link_records(actor, first, second, *, reason=""):
    """Link two records of different apps; each keeps the other's label and URL (idempotent)."""
    first_type = ContentType.objects.get_for_model(first)
    second_type = ContentType.objects.get_for_model(second)
    existing = RecordLink.objects.for_record(first).filter(
        Q(to_type=second_type, to_id=second.pk) | Q(from_type=second_type, from_id=second.pk)
    )
    if existing.exists():
        return existing.first()
    link = RecordLink(
        from_type=first_type,
        from_id=first.pk,
        from_label=str(first)[:255],
        from_url=first.get_absolute_url() if hasattr(first, "get_absolute_url") else "",
        to_type=second_type,
        to_id=second.pk,
        to_label=str(second)[:255],
        to_url=second.get_absolute_url() if hasattr(second, "get_absolute_url") else "",
        reason=reason,
    )
    as_actor(link, actor).save()
    return link
