"""Reminders and escalations of the deadline register: recorded once, sent once, never lost.

PostgreSQL is the source of truth; the broker is only a doorbell (a Redis restart without
persistence loses queued tasks, and a task given an ETA days ahead is redelivered in a loop after
Redis's visibility timeout, so nothing here is scheduled ahead in the broker). The sequence:

1. `sweep()` (Celery beat, `manage.py sweep_deadlines`, or `make run`'s thread) finds the
   outstanding deadlines whose ladder calls for a reminder today and, in one transaction per
   batch of deadlines, bulk INSERTs each Reminder with its in-app Notification. The unique key
   (deadline, step, days, due date, recipient) makes a second sweep, or one running at the same
   moment, record nothing more: on PostgreSQL the second INSERT waits for the first transaction,
   then fails on the key; the batch rolls back and is recorded again one deadline at a time, each
   reminder in a savepoint, so the one already there is skipped (taking its Notification with it).
2. Only after that transaction commits are the new rows queued, by id, PUBLISH_CHUNK ids to a
   `send_reminders` message. They are inserted with `queued_at` already set (marking them
   afterwards, an UPDATE per batch, grew with every pending row and cost a third of a catch-up
   sweep). A failed publish (Redis down) is logged, never raised, and clears `queued_at` of the rows
   it could not queue, so the next sweep queues them; if the process dies between the commit and
   the publish, the sweep re-queues them after REQUEUE_AFTER (step 6).
3. The task claims the row with one conditional UPDATE (`status = sending`, a fresh claim token)
   WHERE it is pending, or "sending" with a claim older than CLAIM_TIMEOUT. Two workers holding the
   same message (a re-queue, a redelivery) cannot both win: the loser updates no row and stops.
4. It sends the email outside any transaction, then marks the row sent WHERE the claim token is
   still its own. If the database is lost at that moment (a restart, a fail-over), the worker keeps
   trying to mark it for up to MARK_SENT_PATIENCE seconds rather than leave it "sending" to be sent
   again (tests/partnerships/test_database_restart.py restarts PostgreSQL mid-batch).
5. A mail failure puts the row back to pending with a growing backoff and queues it again on its
   own, as a `send_reminder(id)` to run once the backoff has passed, which retries itself the same
   way (tasks acknowledge late: a killed worker's message, one reminder or a chunk, is redelivered,
   and the rows it already sent are not claimed again); after MAX_ATTEMPTS the row is "failed",
   shown in the admin, for a person to look at.
6. Every sweep re-queues rows still pending REQUEUE_AFTER after they were last queued (the publish
   failed, the broker lost its queue, the worker died before claiming) and rows still "sending"
   after CLAIM_TIMEOUT (the worker died after claiming). When the broker or worker comes back, the
   next sweep sends what was missed.

The one window that cannot be closed: SMTP is not transactional. If a worker dies (or the database
stays away longer than MARK_SENT_PATIENCE) after the mail
server accepted a message (step 4's send) and before the UPDATE to "sent" commits, the row stays
"sending" and, after CLAIM_TIMEOUT, is claimed and sent again. Marking it sent before sending would
lose it instead, and a statutory reminder lost is worse than one sent twice. The window is the few
milliseconds between the server's reply and the commit; every attempt carries the same Message-ID,
so mail systems that drop repeated Message-IDs hide even that duplicate. CLAIM_TIMEOUT is longer
than the time one reminder can take from its claim to its mark (EMAIL_TIMEOUT, then at most
MARK_SENT_PATIENCE), and than either task's hard time limit, so a live worker's claim is never
taken over.
"""

import datetime
import functools
import logging
import time
import uuid
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from partnerships import bulk, workingdays
from partnerships.choices import ReminderStatus, ReminderStep, RoleKind
from partnerships.deadline_rules import Ladder, Step, due_steps, parse_lead_days
from partnerships.models import Deadline, Notification, Reminder, ReminderRule, Role
from partnerships.registry import deadline_kind, deadline_kinds

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


REQUEUE_BATCH = 500
# Reminders per queued message. Each is still claimed, sent and marked on its own (see deliver_many),
# so a chunk costs nothing in exactly-once; small enough that two worker processes share a sweep's
# reminders and that a chunk's mail fits its time limit (tasks.SEND_MANY_*).
PUBLISH_CHUNK = 25


@dataclass
class SweepResult:
    deadlines_checked: int = 0
    recorded: int = 0
    requeued: int = 0
    published: int = 0
    publish_failures: int = 0

    def as_dict(self):
        return asdict(self)


# --- Which ladder, which people ---------------------------------------------------------------------


def ladders():
    """`ladder(kind, partnership_id)`: a partnership's own rule, else the default rule, else the kind's."""
    rules = {(r.kind, r.partnership_id): r for r in ReminderRule.objects.all()}

    def ladder(kind, partnership_id):
        rule = rules.get((kind, partnership_id)) or rules.get((kind, None))
        if rule is None:
            return Ladder.of_kind(deadline_kind(kind))
        return Ladder(
            parse_lead_days(rule.lead_days), rule.escalate_to_manager_after, rule.escalate_to_leads_after
        )

    longest = max(
        [max(k.reminder_lead_days, default=0) for k in deadline_kinds().values()]
        + [max(parse_lead_days(r.lead_days)) for r in rules.values()]
        + [max(Ladder.of_kind(deadline_kind("")).lead_days)]
    )
    return ladder, longest


def _people(partnership_ids):
    """Business-unit managers and partner leads of each partnership, in one query."""
    managers, leads = defaultdict(dict), defaultdict(dict)
    roles = Role.objects.filter(
        partnership_id__in=partnership_ids,
        user__is_active=True,
        kind__in=[RoleKind.BUSINESS_UNIT, RoleKind.PARTNER_LEAD],
    ).select_related("user")
    for role in roles.order_by("pk"):
        if role.kind == RoleKind.PARTNER_LEAD:
            leads[role.partnership_id][role.user_id] = role.user
        elif role.is_manager:
            managers[role.partnership_id][role.user_id] = role.user
    return managers, leads


def recipients(deadline, step, managers, leads):
    """The owner for a reminder (the business-unit managers when it has none); managers; then leads."""
    if step == Step.LEAD:
        if deadline.owner_id and deadline.owner.is_active:
            return [deadline.owner]
        return list(managers.get(deadline.partnership_id, {}).values())
    if step == Step.MANAGER:
        return list(managers.get(deadline.partnership_id, {}).values())
    return list(leads.get(deadline.partnership_id, {}).values())


# --- What it says ----------------------------------------------------------------------------------


def deadline_url(deadline):
    if deadline.source_url.startswith("/"):
        return deadline.source_url
    return reverse("partnerships:deadline_list", kwargs={"partnership": deadline.partnership.slug})


def _day(value):
    return _day_in(value, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _day_in(value, language):
    # A catch-up sweep formats one due date for each of thousands of reminders (a twelfth of its time).
    return date_format(value, "l j F Y")


def compose(deadline, step, days, today, calendar):
    """Subject and body of one reminder. Deadline titles are written by each app without child identities."""
    due = _day(deadline.due_date)
    if step == Step.LEAD:
        to_go = calendar.count(today, deadline.due_date)
        if deadline.due_date == today:
            subject = f"Due today: {deadline.title}"
        else:
            plural = "s" if to_go != 1 else ""
            subject = f"Due in {to_go} working day{plural}: {deadline.title}"
        opening = f"This deadline of {deadline.partnership.short_name} is yours and is due on {due}."
    else:
        late = calendar.count(deadline.due_date, today)
        plural = "s" if late != 1 else ""
        who = deadline.owner.get_full_name() if deadline.owner_id else "no named owner"
        subject = ("Overdue: " if step == Step.MANAGER else "Escalation to partner leads: ") + deadline.title
        opening = (
            f"This deadline of {deadline.partnership.short_name} was due on {due} and is {late} working "
            f"day{plural} overdue. Its owner is {who}."
        )
    lines = [
        opening,
        "",
        f"Deadline: {deadline.title}",
        f"Record: {deadline.source_label}",
        f"Rule: {deadline.rule}",
    ]
    if deadline.authority:
        lines.append(f"Statute or guidance: {deadline.authority}")
    return subject[:255], "\n".join(lines)


# --- The sweep -------------------------------------------------------------------------------------


def sweep(today=None):
    """Record the reminders due today, then queue them and any left behind. Safe to run at any time."""
    today = today or timezone.localdate()
    calendar = workingdays.england()
    ladder, longest_lead = ladders()
    result = SweepResult()
    # First what earlier sweeps left behind, so a row recorded below is not queued twice in one run.
    _requeue(result)
    horizon = calendar.add(today, longest_lead)
    deadlines = list(
        Deadline.objects.outstanding()
        .filter(due_date__lte=horizon)
        .select_related("partnership", "owner")
        .order_by("due_date", "pk")
    )
    result.deadlines_checked = len(deadlines)
    managers, leads = _people({d.partnership_id for d in deadlines})
    recorded = set(
        Reminder.objects.filter(deadline__in=[d.pk for d in deadlines]).values_list(
            "deadline_id", "step", "days", "due_date", "recipient_id"
        )
    )
    batch = []
    for deadline in deadlines:
        wanted = []
        for due in due_steps(
            deadline.due_date, today, ladder(deadline.kind, deadline.partnership_id), calendar
        ):
            for person in recipients(deadline, due.step, managers, leads):
                key = (deadline.pk, due.step, due.days, deadline.due_date, person.pk)
                if key not in recorded:
                    wanted.append((due, person))
        if wanted:
            batch.append((deadline, wanted))
        if sum(len(w) for _, w in batch) >= RECORD_BATCH:
            result.recorded += _record_batch(batch, today, calendar, result)
            batch = []
    if batch:
        result.recorded += _record_batch(batch, today, calendar, result)
    return result


# New reminders recorded per transaction: a catch-up sweep (a week without a worker, or a register
# never swept) records thousands, and row-at-a-time inserts cost about 9 ms each (BENCHMARKS_NOTES.md).
RECORD_BATCH = 500


def _record_batch(batch, today, calendar, result):
    """Record several deadlines' new reminders with bulk inserts in one transaction, queued once it
    commits. If another sweep recorded any of them meanwhile (the unique key refuses the batch),
    fall back to one deadline at a time, which skips exactly the rows already there."""
    notifications, reminders = [], []
    now = timezone.now()
    for deadline, wanted in batch:
        url = deadline_url(deadline)
        for due, person in wanted:
            subject, body = compose(deadline, due.step, due.days, today, calendar)
            notifications.append(
                Notification(
                    recipient=person, partnership=deadline.partnership, title=subject, body=body, url=url
                )
            )
            reminders.append(
                Reminder(
                    deadline=deadline,
                    partnership=deadline.partnership,
                    step=due.step,
                    days=due.days,
                    due_date=deadline.due_date,
                    recipient=person,
                    email=person.email,
                    subject=subject,
                    body=body,
                    url=url,
                    status=ReminderStatus.PENDING if person.email else ReminderStatus.IN_APP_ONLY,
                    queued_at=now if person.email else None,  # queued as soon as this commits
                )
            )
    try:
        with transaction.atomic():
            bulk.insert_with_history(Notification, notifications)
            for notification, reminder in zip(notifications, reminders, strict=True):
                reminder.notification = notification
            bulk.insert(Reminder, reminders)
            created = [r.pk for r in reminders if r.status == ReminderStatus.PENDING]
            transaction.on_commit(lambda: _publish_into(created, result, marked=True))
    except IntegrityError:
        return sum(_record(deadline, wanted, today, calendar, result) for deadline, wanted in batch)
    return len(created)


def _record(deadline, wanted, today, calendar, result):
    """Record one deadline's new reminders in one transaction, skipping any already recorded; queue
    them once it commits."""
    created = []
    url = deadline_url(deadline)
    with transaction.atomic():
        for due, person in wanted:
            subject, body = compose(deadline, due.step, due.days, today, calendar)
            try:
                with transaction.atomic():  # a savepoint: a key already recorded skips only this one
                    notification = Notification.objects.create(
                        recipient=person, partnership=deadline.partnership, title=subject, body=body, url=url
                    )
                    reminder = Reminder.objects.create(
                        deadline=deadline,
                        partnership=deadline.partnership,
                        step=due.step,
                        days=due.days,
                        due_date=deadline.due_date,
                        recipient=person,
                        email=person.email,
                        subject=subject,
                        body=body,
                        url=url,
                        notification=notification,
                        status=ReminderStatus.PENDING if person.email else ReminderStatus.IN_APP_ONLY,
                        queued_at=timezone.now() if person.email else None,  # queued once this commits
                    )
            except IntegrityError:
                continue  # another sweep recorded it first
            if reminder.status == ReminderStatus.PENDING:
                created.append(reminder.pk)
        transaction.on_commit(lambda: _publish_into(created, result, marked=True))
    return len(created)


def _requeue(result):
    now = timezone.now()
    stale = list(
        Reminder.objects.filter(
            Q(status=ReminderStatus.PENDING, next_attempt_at__lte=now)
            & (Q(queued_at__isnull=True) | Q(queued_at__lt=now - requeue_after()))
            | Q(status=ReminderStatus.SENDING, claimed_at__lt=now - claim_timeout())
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:REQUEUE_BATCH]
    )
    if stale:
        logger.info("Re-queueing %d reminders left pending or claimed by a lost worker", len(stale))
    result.requeued = len(stale)
    _publish_into(stale, result)


def _publish_into(ids, result, marked=False):
    published, failed = publish(ids, marked=marked)
    result.published += published
    result.publish_failures += failed


def publish(ids, *, marked=False):
    """Queue the reminders with these ids, PUBLISH_CHUNK to a `send_reminders` message. Never
    raises: a row whose message could not be queued stays pending with no `queued_at`, and the next
    sweep queues it again. Returns (published, failed), counted in reminders. `marked`: the rows
    were recorded with `queued_at` set (only a failure needs writing).

    One producer (one broker connection) for all of them: acquiring one per message cost about a
    quarter of a catch-up sweep's queueing in a profile; and one message per reminder cost about
    0.7 ms each, 20 of a catch-up's 28 s (BENCHMARKS_NOTES.md)."""
    from partnerships.tasks import send_reminders

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
    if not deadline.is_active or deadline.met_on is not None or deadline.due_date != reminder.due_date:
        return False
    if not reminder.recipient.is_active:
        return False
    if reminder.step == ReminderStep.LEAD:
        if deadline.owner_id:
            return deadline.owner_id == reminder.recipient_id
        return _holds(reminder, RoleKind.BUSINESS_UNIT, is_manager=True)
    if reminder.step == ReminderStep.MANAGER:
        return _holds(reminder, RoleKind.BUSINESS_UNIT, is_manager=True)
    return _holds(reminder, RoleKind.PARTNER_LEAD)


def _holds(reminder, kind, **extra):
    return Role.objects.filter(
        user_id=reminder.recipient_id, partnership_id=reminder.partnership_id, kind=kind, **extra
    ).exists()


def _finish(reminder_id, token, status, **values):
    return Reminder.objects.filter(pk=reminder_id, claim_token=token).update(status=status, **values)


# Seconds a worker keeps trying to record a sent mail through a database outage: well inside the
# task's soft time limit (tasks.SEND_SOFT_TIME_LIMIT, 100 s, of which EMAIL_TIMEOUT is the send)
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
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    body = f"{reminder.body}\n\nOpen it: {site}{reminder.url}" if reminder.url else reminder.body
    return EmailMessage(
        subject=reminder.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.email],
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
