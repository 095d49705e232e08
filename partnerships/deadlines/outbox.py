"""The reminders' outbox: each recorded Reminder row is claimed, sent and marked once (see
partnerships/deadlines/reminders.py for the whole sequence), and the Celery tasks that send them.
"""

import datetime
import logging
import time
import uuid
from contextlib import nullcontext
from dataclasses import asdict, dataclass

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import InterfaceError, OperationalError, connection
from django.db.models import F, Q
from django.utils import timezone

from partnerships.core import mail
from partnerships.core.choices import RoleKind
from partnerships.core.models import Role
from partnerships.deadlines.choices import ReminderStatus, ReminderStep
from partnerships.deadlines.models import Reminder
from partnerships.deadlines.rules import CATCH_UP_PREFIX

logger = logging.getLogger(__name__)


def _seconds(name, default):
    return datetime.timedelta(seconds=getattr(settings, name, default))


def requeue_after():
    """A pending row queued this long ago without being claimed is queued again."""
    return _seconds("REMINDER_REQUEUE_AFTER_SECONDS", 600)


def claim_timeout():
    """A claim this old belongs to a dead worker (longer than the task's hard time limit)."""
    return _seconds("REMINDER_CLAIM_TIMEOUT_SECONDS", 600)


def max_attempts():
    return getattr(settings, "REMINDER_MAX_ATTEMPTS", 8)


def backoff(attempts):
    """Seconds before attempt `attempts + 1`: 1, 2, 4... minutes, at most 30 (under Redis's visibility timeout)."""
    base = getattr(settings, "REMINDER_RETRY_BACKOFF_SECONDS", 60)
    return min(
        base * 2 ** max(attempts - 1, 0), getattr(settings, "REMINDER_RETRY_BACKOFF_MAX_SECONDS", 1800)
    )


# so a chunk costs nothing in exactly-once; small enough that two worker processes share a sweep's
# reminders and that a chunk's mail fits its time limit (SEND_MANY_* below).
PUBLISH_CHUNK = 25


def publish(ids, *, marked=False):
    """Queue the reminders with these ids, PUBLISH_CHUNK to a `send_reminders` message. Never
    raises: a row whose message could not be queued stays pending with no `queued_at`, and the next
    sweep queues it again. Returns (published, failed), counted in reminders. `marked`: the rows
    were recorded with `queued_at` set (only a failure needs writing).

    One producer (one broker connection) for all of them: acquiring one per message cost about a
    quarter of a catch-up sweep's queueing in a profile; and one message per reminder cost about
    0.7 ms each, 20 of a catch-up's 28 s (BENCHMARKS_NOTES.md)."""
    if not ids:
        return 0, 0  # most sweeps requeue nothing: no producer to acquire
    ids = list(ids)
    done = []
    app = send_reminders.app
    try:
        with nullcontext() if app.conf.task_always_eager else app.producer_or_acquire() as producer:
            for start in range(0, len(ids), PUBLISH_CHUNK):
                chunk = ids[start : start + PUBLISH_CHUNK]
                send_reminders.apply_async(args=[chunk], retry=False, producer=producer)
                done.extend(chunk)
    except Exception:
        # The broker is down (or the eager task raised): stop knocking; the sweep will be back.
        logger.warning(
            "Could not queue reminders from %s; the next sweep will queue them again",
            ids[len(done)] if len(done) < len(ids) else None,
            exc_info=True,
        )
        if marked:
            _mark_queued(ids[len(done) :], queued=False)
        else:
            _mark_queued(done)
        return len(done), len(ids) - len(done)
    if not marked:
        _mark_queued(done)
    return len(done), 0


def _mark_queued(ids, queued=True):
    """Set `queued_at` of these pending rows to now, or clear it (not queued: the next sweep will)."""
    if ids:
        Reminder.objects.filter(pk__in=ids, status=ReminderStatus.PENDING).update(
            queued_at=timezone.now() if queued else None
        )


# --- Sending one ------------------------------------------------------------------------------------


class SendFailed(Exception):
    def __init__(self, retry_in, final):
        super().__init__(f"Sending failed; {'giving up' if final else f'retry in {retry_in} s'}")
        self.retry_in = retry_in
        self.final = final


def claim(reminder_id):
    """Take the row for this worker with one conditional UPDATE; the claim token, or None if lost."""
    now = timezone.now()
    token = uuid.uuid4()
    won = (
        Reminder.objects.filter(pk=reminder_id)
        .filter(
            Q(status=ReminderStatus.PENDING)
            | Q(status=ReminderStatus.SENDING, claimed_at__lt=now - claim_timeout())
        )
        .update(status=ReminderStatus.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1)
    )
    return token if won else None


def still_applies(reminder):
    """Whether the reminder is still true when its turn comes (not met, not moved, same people)."""
    deadline = reminder.deadline
    if reminder.subject.startswith(CATCH_UP_PREFIX):
        # A summary lists several deadlines; one of them met meanwhile does not make the rest news.
        return reminder.recipient.is_active and _holds_any(reminder)
    if not deadline.is_active or deadline.met_on is not None or deadline.due_date != reminder.due_date:
        return False
    if not reminder.recipient.is_active:
        return False
    if reminder.step == ReminderStep.LEAD:
        if deadline.owner_id == reminder.recipient_id:
            # An owner who has lost every role in the partnership is told nothing more.
            return _holds_any(reminder)
        return _holds(reminder, RoleKind.BUSINESS_UNIT, is_manager=True)
    if reminder.step == ReminderStep.MANAGER:
        return _holds(reminder, RoleKind.BUSINESS_UNIT, is_manager=True)
    return _holds(reminder, RoleKind.PARTNER_LEAD)


def _holds_any(reminder):
    return Role.objects.filter(user_id=reminder.recipient_id, partnership_id=reminder.partnership_id).exists()


def _holds(reminder, kind, **extra):
    return Role.objects.filter(
        user_id=reminder.recipient_id, partnership_id=reminder.partnership_id, kind=kind, **extra
    ).exists()


def _finish(reminder_id, token, status, **values):
    return Reminder.objects.filter(pk=reminder_id, claim_token=token).update(status=status, **values)


# Seconds a worker keeps trying to record a sent mail through a database outage: well inside the
# task's soft time limit (SEND_SOFT_TIME_LIMIT below, 100 s, of which EMAIL_TIMEOUT is the send)
# and the claim timeout, so no other worker takes the row over meanwhile.
MARK_SENT_PATIENCE = 60


def _mark_sent(reminder_id, token):
    """Record the mail as sent; the mail is out, so wait out a lost database connection rather than
    leave the row "sending" (which the sweep would send again once the claim times out)."""
    sent_at = timezone.now()
    delay, waited = 0.5, 0.0
    while True:
        try:
            return _finish(reminder_id, token, ReminderStatus.SENT, sent_at=sent_at, last_error="")
        except (OperationalError, InterfaceError) as error:
            if connection.in_atomic_block or waited >= MARK_SENT_PATIENCE:
                raise
            logger.warning(
                "Reminder %s sent; database unavailable to record it, retrying: %s", reminder_id, error
            )
            connection.close()  # the next attempt opens a new connection
            time.sleep(delay)
            waited += delay
            delay = min(delay * 2, 2)


def email_for(reminder):
    """The reminder as one e-mail to its one recipient, plain text and HTML, its link on SITE_URL."""
    body = f"{reminder.body}\n\nOpen it: {mail.absolute(reminder.url)}" if reminder.url else reminder.body
    return mail.message(
        reminder.email,
        reminder.subject,
        body,
        headers={"Message-ID": reminder.message_id},
        connection=get_connection(fail_silently=False),
    )


def deliver(reminder_id):
    """Claim, send and mark one reminder (`send_reminder`, and each of a `send_reminders` chunk). Returns what happened."""
    token = claim(reminder_id)
    if token is None:
        return "not claimed"  # sent, cancelled, or another worker holds a live claim
    reminder = Reminder.objects.select_related("deadline", "recipient").get(pk=reminder_id)
    if not still_applies(reminder):
        _finish(reminder_id, token, ReminderStatus.CANCELLED, claim_token=None)
        return "cancelled"
    try:
        email_for(reminder).send()
    except Exception as error:
        final = reminder.attempts >= max_attempts()
        retry_in = backoff(reminder.attempts)
        now = timezone.now()
        _finish(
            reminder_id,
            token,
            ReminderStatus.FAILED if final else ReminderStatus.PENDING,
            claim_token=None,
            claimed_at=None,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=now + datetime.timedelta(seconds=retry_in),
            queued_at=now,  # the task retries itself; the sweep steps in if that retry is lost
        )
        logger.warning("Reminder %s not sent (attempt %s): %s", reminder_id, reminder.attempts, error)
        raise SendFailed(retry_in, final) from error
    # The unavoidable window (see the module docstring): the mail is out, the row not yet marked.
    if not _mark_sent(reminder_id, token):
        logger.error("Reminder %s was sent but its claim had been taken over: it may go twice", reminder_id)
    return "sent"


@dataclass
class ChunkResult:
    sent: int = 0
    not_claimed: int = 0
    cancelled: int = 0
    retrying: int = 0
    not_sent: int = 0  # failed for good, or (in-process) left for the sweep to retry
    handed_on: int = 0

    def as_dict(self):
        return asdict(self)


def deliver_many(ids, *, budget, retry, hand_on):
    """Deliver several reminders one by one (the body of the `send_reminders` task).

    A mail failure of one does not hold up the rest: `retry(id, seconds)` queues that reminder on
    its own with its backoff (a lost retry is queued again by the sweep: the row is pending with
    `queued_at` set). Once `budget` seconds have gone, `hand_on(rest)` queues the ids not reached
    as a new message, so a chunk ends inside its time limit even when mail is slow; if that cannot
    be queued, the rows stay pending and the sweep queues them again after REQUEUE_AFTER."""
    result = ChunkResult()
    started = time.monotonic()
    for index, reminder_id in enumerate(ids):
        if index and time.monotonic() - started >= budget:
            rest = list(ids[index:])
            try:
                hand_on(rest)
                result.handed_on = len(rest)
            except Exception:
                logger.warning(
                    "Could not hand on %d reminders; the sweep will queue them", len(rest), exc_info=True
                )
            break
        try:
            outcome = deliver(reminder_id)
        except SendFailed as failure:
            if failure.final or retry is None:
                result.not_sent += 1
                continue
            try:
                retry(reminder_id, failure.retry_in)
                result.retrying += 1
            except Exception:
                logger.warning(
                    "Could not queue reminder %s's retry; the sweep will", reminder_id, exc_info=True
                )
                result.not_sent += 1
            continue
        setattr(result, outcome.replace(" ", "_"), getattr(result, outcome.replace(" ", "_")) + 1)
    return result


# A hard limit well under the claim timeout (REMINDER_CLAIM_TIMEOUT_SECONDS, 600 s by default), so
# a claim is only ever taken over from a worker that is gone. EMAIL_TIMEOUT bounds each SMTP call.
SEND_TIME_LIMIT = 120
SEND_SOFT_TIME_LIMIT = 100


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # max_attempts() decides when to give up, from the database row
    time_limit=SEND_TIME_LIMIT,
    soft_time_limit=SEND_SOFT_TIME_LIMIT,
    ignore_result=True,
)
def send_reminder(self, reminder_id):
    try:
        return deliver(reminder_id)
    except SendFailed as failure:
        if failure.final or self.request.is_eager:
            # In-process (no broker) the next sweep retries it, once its backoff has passed.
            return "failed"
        raise self.retry(countdown=failure.retry_in, exc=failure.__cause__) from failure


# A chunk stops taking new reminders after SEND_MANY_BUDGET seconds and hands the rest on, so its
# last reminder (EMAIL_TIMEOUT to send, then up to MARK_SENT_PATIENCE to mark) ends inside
# the soft limit; the hard limit stays well under the claim timeout too.
SEND_MANY_SOFT_TIME_LIMIT = 300
SEND_MANY_TIME_LIMIT = 330


def send_many_budget():
    return max(SEND_MANY_SOFT_TIME_LIMIT - settings.EMAIL_TIMEOUT - MARK_SENT_PATIENCE - 30, 10)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=SEND_MANY_TIME_LIMIT,
    soft_time_limit=SEND_MANY_SOFT_TIME_LIMIT,
    ignore_result=True,
)
def send_reminders(self, reminder_ids):
    eager = self.request.is_eager
    return deliver_many(
        reminder_ids,
        budget=send_many_budget(),
        # In-process (no broker) the next sweep retries a failed one, once its backoff has passed.
        retry=None if eager else lambda pk, seconds: send_reminder.apply_async(args=[pk], countdown=seconds),
        hand_on=lambda rest: send_reminders.apply_async(args=[rest]),
    ).as_dict()
