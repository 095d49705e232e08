"""The sweep's bulk inserts store exactly what Django's bulk_create and simple_history would.

On PostgreSQL (CI) partnerships.core.bulk writes the rows itself with execute_values; these tests hold
it to the ORM's result, row for row and history row for history row.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from partnerships.core import bulk
from partnerships.core.models import Notification
from partnerships.deadlines.choices import ReminderStatus, ReminderStep
from partnerships.deadlines.models import Reminder
from partnerships.deadlines.register import upsert_deadline
from publications.models import PublicationVersion

pytestmark = pytest.mark.django_db

WHEN = timezone.make_aware(datetime.datetime(2026, 4, 10, 9, 30))


def _notifications(world, tag):
    return [
        Notification(
            recipient=person,
            partnership=world.alpha,
            title=f"{tag} {i}: Overdue: a rapid review",
            body="Line one\nLine two with a quote ' and a % sign",
            url="/alpha/deadlines/",
            created_at=WHEN,
        )
        for i, person in enumerate([world.bu, world.officer, world.lead_la])
    ]


def _deadline(world, title, due_date):
    return upsert_deadline(
        source=world.bu,
        kind="test_bulk",
        partnership=world.alpha,
        title=title,
        due_date=due_date,
        rule="A test rule",
    )


def _fields(row, *drop):
    return {k: v for k, v in row.items() if k not in drop}


def test_the_fast_path_is_taken_on_postgresql():
    assert bulk._fast() == (connection.vendor == "postgresql")


def test_notifications_and_their_history_match_bulk_create_with_history(world):
    ours = bulk.insert_with_history(Notification, _notifications(world, "ours"))
    theirs = bulk_create_with_history(_notifications(world, "theirs"), Notification)

    assert all(n.pk for n in ours) and len({n.pk for n in ours}) == 3
    stored = {n["id"]: n for n in Notification.objects.filter(pk__in=[n.pk for n in ours + theirs]).values()}
    for mine, other in zip(ours, theirs, strict=True):
        assert _fields(stored[mine.pk], "id", "title") == _fields(stored[other.pk], "id", "title")
        assert stored[mine.pk]["title"] == mine.title and stored[mine.pk]["created_at"] == WHEN

    history = Notification.history.model.objects
    for mine, other in zip(ours, theirs, strict=True):
        (row,) = history.filter(id=mine.pk).values()
        (their_row,) = history.filter(id=other.pk).values()
        drop = ("history_id", "id", "title", "history_date")
        assert _fields(row, *drop) == _fields(their_row, *drop)
        assert (row["history_type"], row["history_user_id"], row["title"]) == ("+", None, mine.title)
        assert abs(row["history_date"] - their_row["history_date"]) < datetime.timedelta(minutes=1)


def test_the_acting_user_is_kept_on_the_history_row(world):
    (notification,) = _notifications(world, "by")[:1]
    notification._history_user = world.bu
    bulk.insert_with_history(Notification, [notification])
    assert notification.history.get().history_user == world.bu


def test_reminders_are_stored_with_their_choices_dates_and_links(world):
    deadline = _deadline(world, "A bulk deadline", datetime.date(2026, 4, 1))
    (notification,) = bulk.insert_with_history(Notification, _notifications(world, "r")[:1])
    reminder = Reminder(
        deadline=deadline,
        partnership=world.alpha,
        step=ReminderStep.MANAGER,
        days=3,
        due_date=deadline.due_date,
        recipient=world.bu,
        email=world.bu.email,
        subject="Overdue: A bulk deadline",
        body="Body",
        url="/alpha/deadlines/",
        notification=notification,
        status=ReminderStatus.PENDING,
        queued_at=WHEN,
    )
    bulk.insert(Reminder, [reminder])

    stored = Reminder.objects.get(pk=reminder.pk)
    assert (stored.deadline, stored.notification, stored.step, stored.status) == (
        deadline,
        notification,
        "manager",
        "pending",
    )
    assert (stored.days, stored.due_date, stored.queued_at, stored.claim_token) == (
        3,
        datetime.date(2026, 4, 1),
        WHEN,
        None,
    )
    assert stored.created_at == reminder.created_at and stored.attempts == 0


def test_a_model_whose_fields_need_preparing_is_refused():
    with pytest.raises(TypeError, match="content"):
        bulk._fields(PublicationVersion)  # a JSONField and a FileField


def test_a_duplicate_key_raises_djangos_integrity_error_and_stores_nothing(world):
    from django.db import IntegrityError, transaction

    deadline = _deadline(world, "Twice", WHEN.date())

    def reminder():
        return Reminder(
            deadline=deadline,
            partnership=world.alpha,
            step=ReminderStep.LEAD,
            days=0,
            due_date=deadline.due_date,
            recipient=world.bu,
            subject="Due today: Twice",
            body="Body",
        )

    bulk.insert(Reminder, [reminder()])
    with pytest.raises(IntegrityError), transaction.atomic():  # what the sweep's fallback catches
        bulk.insert(Reminder, [reminder()])
    assert Reminder.objects.filter(deadline=deadline).count() == 1
