"""Reminders queued in chunks: one message for many ids, each reminder still sent exactly once.

A catch-up sweep queues thousands of reminders; one message each cost most of its time
(BENCHMARKS_NOTES.md). A chunk is delivered one reminder at a time, so what each reminder relies
on is kept: a mail failure retries that reminder alone on its own backoff, a redelivered chunk
skips what it already sent, and a chunk that runs long hands the rest on rather than hit its time
limit. tests/deadlines/test_worker.py runs the same against a real worker.
"""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from partnerships.core.choices import RoleKind
from partnerships.core.models import Role, User
from partnerships.deadlines import outbox, reminders
from partnerships.deadlines.choices import ReminderStatus
from partnerships.deadlines.models import Deadline, Reminder
from partnerships.deadlines.register import upsert_deadline
from tests.deadlines.support import at

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 4, 10)  # a Friday


class RefusesChunk1(LocmemBackend):
    """The test outbox, refusing mail to one address while `refusing` (its mailbox server is down)."""

    refusing = True

    def send_messages(self, messages):
        if self.refusing and messages[0].to == ["chunk1@example.org"]:
            raise ConnectionRefusedError("SMTP server unavailable")
        return super().send_messages(messages)


def _pending(world, n, django_capture_on_commit_callbacks):
    """`n` reminders recorded and left pending (the broker was down when the sweep queued them)."""
    owners = [
        User.objects.create_user(username=f"chunk{i}", email=f"chunk{i}@example.org", first_name=f"Owner {i}")
        for i in range(n)
    ]
    for owner in owners:  # only people who hold a role in the partnership are reminded
        Role.objects.create(user=owner, partnership=world.alpha, kind=RoleKind.BUSINESS_UNIT)
    deadlines = [
        upsert_deadline(
            source=User.objects.get(pk=owner.pk),  # any saved row will do as a test source
            kind="test_chunk",
            partnership=world.alpha,
            title=f"Chunk deadline {i}",
            due_date=DAY,
            rule="A test rule",
            owner=owner,
        )
        for i, owner in enumerate(owners)
    ]
    Deadline.objects.exclude(pk__in=[d.pk for d in deadlines]).update(is_active=False)
    Reminder.objects.exclude(deadline__in=deadlines).delete()
    with (
        mock.patch(
            "partnerships.deadlines.outbox.send_reminders.apply_async",
            side_effect=ConnectionError("broker down"),
        ),
        at(DAY),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert reminders.sweep().recorded == n
    ids = list(Reminder.objects.order_by("pk").values_list("pk", flat=True))
    assert len(ids) == n and not Reminder.objects.exclude(status=ReminderStatus.PENDING).exists()
    return ids


def test_a_sweep_queues_its_reminders_in_chunks_and_counts_them_one_by_one(
    world, django_capture_on_commit_callbacks
):
    ids = _pending(world, 60, django_capture_on_commit_callbacks)
    with mock.patch("partnerships.deadlines.outbox.send_reminders.apply_async") as queued, at(DAY, 10):
        assert outbox.publish(ids) == (60, 0)
    chunks = [call.kwargs["args"][0] for call in queued.call_args_list]
    assert [len(c) for c in chunks] == [25, 25, 10]
    assert [pk for chunk in chunks for pk in chunk] == ids
    assert not Reminder.objects.filter(queued_at__isnull=True).exists()  # each row marked queued


def test_a_broker_lost_after_the_first_chunk_leaves_the_rest_for_the_next_sweep(
    world, django_capture_on_commit_callbacks
):
    ids = _pending(world, 30, django_capture_on_commit_callbacks)
    with (
        mock.patch(
            "partnerships.deadlines.outbox.send_reminders.apply_async",
            side_effect=[None, ConnectionError("broker gone")],
        ),
        at(DAY, 10),
    ):
        assert outbox.publish(ids) == (25, 5)
    assert set(Reminder.objects.filter(queued_at__isnull=True).values_list("pk", flat=True)) == set(ids[25:])


def test_a_chunk_retries_a_failed_mail_on_its_own_and_a_redelivered_chunk_sends_nothing_twice(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(RefusesChunk1, "refusing", True)
    settings.EMAIL_BACKEND = f"{__name__}.RefusesChunk1"
    ids = _pending(world, 3, django_capture_on_commit_callbacks)
    retries = []
    with at(DAY, 10):
        result = outbox.deliver_many(
            ids, budget=60, retry=lambda pk, seconds: retries.append((pk, seconds)), hand_on=None
        )
    assert (result.sent, result.retrying, result.not_sent) == (2, 1, 0)
    assert retries == [(ids[1], 60)]  # that one alone, after its first backoff
    assert sorted(m.to[0] for m in mail.outbox) == ["chunk0@example.org", "chunk2@example.org"]
    failed = Reminder.objects.get(pk=ids[1])
    assert (failed.status, failed.attempts) == (ReminderStatus.PENDING, 1)
    assert "SMTP server unavailable" in failed.last_error

    # The worker dies before acknowledging: the broker redelivers the whole chunk.
    monkeypatch.setattr(RefusesChunk1, "refusing", False)
    with at(DAY, 10, 5):
        again = outbox.deliver_many(ids, budget=60, retry=None, hand_on=None)
    assert again.not_claimed == 2  # the two sent are not claimed again
    assert again.sent == 1  # the failed one, pending again, goes now (its retry will find it sent)
    assert len(mail.outbox) == 3
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}


def test_a_chunk_past_its_budget_hands_the_rest_on(world, django_capture_on_commit_callbacks):
    ids = _pending(world, 4, django_capture_on_commit_callbacks)
    handed = []
    with at(DAY, 10):
        result = outbox.deliver_many(ids, budget=0, retry=None, hand_on=handed.append)
    assert (result.sent, result.handed_on) == (1, 3)  # one is always sent, however slow
    assert handed == [ids[1:]]
    pending = Reminder.objects.filter(status=ReminderStatus.PENDING).order_by("pk")
    assert list(pending.values_list("pk", flat=True)) == ids[1:]


def test_a_chunk_that_cannot_hand_on_leaves_the_rest_pending_for_the_sweep(
    world, django_capture_on_commit_callbacks
):
    ids = _pending(world, 3, django_capture_on_commit_callbacks)

    def broker_down(rest):
        raise ConnectionError("broker down")

    with at(DAY, 10):
        result = outbox.deliver_many(ids, budget=0, retry=None, hand_on=broker_down)
    assert (result.sent, result.handed_on) == (1, 0)
    assert Reminder.objects.filter(status=ReminderStatus.PENDING).count() == 2
    # The next sweep, past REQUEUE_AFTER, queues the two again.
    with (
        mock.patch("partnerships.deadlines.outbox.send_reminders.apply_async") as queued,
        at(DAY, 11),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert reminders.sweep().requeued == 2
    assert sorted(queued.call_args.kwargs["args"][0]) == ids[1:]


def test_the_task_in_process_sends_a_chunk(world, django_capture_on_commit_callbacks):
    from partnerships.deadlines.outbox import send_reminders

    ids = _pending(world, 3, django_capture_on_commit_callbacks)
    with at(DAY, 10):
        outcome = send_reminders.apply(args=[ids]).get()
    assert outcome["sent"] == 3 and len(mail.outbox) == 3
