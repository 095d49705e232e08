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
   again (tests/deadlines/test_database_restart.py restarts PostgreSQL mid-batch).
5. A mail failure puts the row back to pending with a growing backoff and queues it again on its
   own, as a `send_reminder(id)` to run once the backoff has passed, which retries itself the same
   way (tasks acknowledge late: a killed worker's message, one reminder or a chunk, is redelivered,
   and the rows it already sent are not claimed again); after MAX_ATTEMPTS the row is "failed",
   shown in the admin, for a person to look at.
6. Every sweep re-queues rows still pending REQUEUE_AFTER after they were last queued (the publish
   failed, the broker lost its queue, the worker died before claiming) and rows still "sending"
   after CLAIM_TIMEOUT (the worker died after claiming). When the broker or worker comes back, the
   next sweep sends what was missed.

Catch-up: an escalation whose day passed more than CATCH_UP_AFTER working days before the sweep
first meets it (past records imported, a new deployment) is not sent on its own. Each person with
one gets a single summary for the sweep, listing everything new for them; every rung still gets its
Reminder row and unique key (the summary is the first, sent as above; the rest are "summarised"),
so the summary too is recorded once and sent once. A summary still applies when its turn comes
while its person is active and holds a role in the partnership, even if a deadline it lists was met
meanwhile.

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

import functools
import logging
from collections import defaultdict
from dataclasses import dataclass, field, fields

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from partnerships.core import bulk, identity, mail
from partnerships.core.choices import RoleKind
from partnerships.core.models import Notification, Role
from partnerships.core.registry import deadline_kind, deadline_kinds
from partnerships.deadlines import outbox, workingdays
from partnerships.deadlines.choices import ReminderStatus
from partnerships.deadlines.models import Deadline, Reminder, ReminderRule
from partnerships.deadlines.rules import (
    CATCH_UP_AFTER,
    CATCH_UP_PREFIX,
    Ladder,
    Step,
    due_steps,
    parse_lead_days,
)

logger = logging.getLogger(__name__)


REQUEUE_BATCH = 500


# Reminders per queued message. Each is still claimed, sent and marked on its own (see deliver_many),
@dataclass
class SweepResult:
    deadlines_checked: int = 0
    recorded: int = 0
    requeued: int = 0
    published: int = 0
    publish_failures: int = 0
    # One identity guard per partnership for the whole sweep (not part of its result).
    guards: identity.GuardCache = field(default_factory=identity.GuardCache, repr=False, compare=False)

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "guards"}


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


@dataclass
class People:
    """Who may be reminded in each partnership: its business-unit managers and partner leads, and
    everyone who holds any role there (an owner without one is reminded no more)."""

    managers: dict = field(default_factory=lambda: defaultdict(dict))
    leads: dict = field(default_factory=lambda: defaultdict(dict))
    holders: set = field(default_factory=set)  # (partnership id, user id)


def _people(partnership_ids):
    """The People of each partnership, in one query."""
    people = People()
    roles = Role.objects.filter(partnership_id__in=partnership_ids, user__is_active=True).select_related(
        "user"
    )
    for role in roles.order_by("pk"):
        people.holders.add((role.partnership_id, role.user_id))
        if role.kind == RoleKind.PARTNER_LEAD:
            people.leads[role.partnership_id][role.user_id] = role.user
        elif role.kind == RoleKind.BUSINESS_UNIT and role.is_manager:
            people.managers[role.partnership_id][role.user_id] = role.user
    return people


def recipients(deadline, step, people):
    """The owner for a reminder (the business-unit managers when it has none, or when the owner no
    longer holds a role in the partnership); managers; then leads."""
    managers, leads = people.managers, people.leads
    if step == Step.LEAD:
        owner_holds_a_role = (deadline.partnership_id, deadline.owner_id) in people.holders
        if deadline.owner_id and deadline.owner.is_active and owner_holds_a_role:
            return [deadline.owner]
        return list(managers.get(deadline.partnership_id, {}).values())
    if step == Step.MANAGER:
        return list(managers.get(deadline.partnership_id, {}).values())
    return list(leads.get(deadline.partnership_id, {}).values())


# --- What it says ----------------------------------------------------------------------------------


def deadline_url(deadline):
    if deadline.source_url.startswith("/"):
        return deadline.source_url
    return reverse("deadlines:deadline_list", kwargs={"partnership": deadline.partnership.slug})


def _day(value):
    return _day_in(value, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _day_in(value, language):
    # A catch-up sweep formats one due date for each of thousands of reminders (a twelfth of its time).
    return date_format(value, "l j F Y")


def _date(value):
    """A date in running text: "3 March 2019"."""
    return _date_in(value, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _date_in(value, language):
    return date_format(value, "j F Y")


def compose(deadline, step, days, today, calendar, guard=None, recipient=None):
    """Subject and body of one reminder: what is due, on which record, when, and what to do (the
    e-mail adds the link). Overdue is said as a date ("overdue since 3 March 2019"), never as a count
    of working days, which grows meaningless for a deadline long past. Deadline titles are written by
    each app without child identities; `guard` (partnerships/core/identity.py) withholds any that
    people typed in. `recipient`: whom this copy goes to (the owner, or a manager standing in)."""
    title, source_label = deadline.title, deadline.source_label
    if guard is not None:
        title, source_label = identity.withhold(guard, title), identity.withhold(guard, source_label)
    due = _day(deadline.due_date)
    partnership = deadline.partnership.short_name
    owner = deadline.owner if deadline.owner_id else None
    to_owner = owner is not None and (recipient is None or recipient.pk == owner.pk)
    if step == Step.LEAD:
        to_go = calendar.count(today, deadline.due_date)
        if deadline.due_date == today:
            subject = f"Due today: {title}"
        else:
            plural = "s" if to_go != 1 else ""
            subject = f"Due in {to_go} working day{plural}: {title}"
        if to_owner:
            opening = f"This deadline of {partnership} is yours and is due on {due}."
            todo = (
                f"What to do: complete the work on the record by {due}. If it cannot be done in time, "
                "record why on the record and tell your business unit."
            )
        else:
            opening = (
                f"This deadline of {partnership} is due on {due}. It has no owner who can act on it, "
                "so its reminders come to the business-unit managers."
            )
            todo = f"What to do: give the record an owner, or see that its work is done by {due}."
    else:
        since = _date(deadline.due_date)
        if step == Step.MANAGER:
            subject = f"Overdue since {since}: {title}"
        else:
            subject = f"Escalation to partner leads, overdue since {since}: {title}"
        opening = f"This deadline of {partnership} is overdue since {since}: it was due on {due}."
        if owner is not None:
            opening += f" Its owner is {owner.get_full_name() or owner.get_username()}."
        else:
            opening += " It has no owner, so its reminders go to the business-unit managers."
        if step == Step.MANAGER:
            todo = (
                "What to do: find out from its owner what is holding it up and record the reason "
                "for the delay on the record."
                if owner is not None
                else "What to do: give the record an owner and record the reason for the delay on it."
            )
        else:
            todo = (
                "What to do: agree with the business unit how the work will be completed, and see "
                "that the reason for the delay is recorded."
            )
    lines = [
        opening,
        "",
        f"Deadline: {title}",
        f"Record: {source_label}",
        f"Due: {due}",
        f"Rule: {deadline.rule}",
    ]
    if deadline.authority:
        lines.append(f"Statute or guidance: {deadline.authority}")
    lines += ["", todo]
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
    people = _people({d.partnership_id for d in deadlines})
    recorded = set(
        Reminder.objects.filter(deadline__in=[d.pk for d in deadlines]).values_list(
            "deadline_id", "step", "days", "due_date", "recipient_id"
        )
    )
    # Each reminder the ladder calls for and nobody has recorded yet; an escalation whose day passed
    # more than CATCH_UP_AFTER working days ago is a catch-up (the register never reminded about it).
    found = []
    for deadline in deadlines:
        wanted = []
        for due in due_steps(
            deadline.due_date, today, ladder(deadline.kind, deadline.partnership_id), calendar
        ):
            late = due.step != Step.LEAD and calendar.count(due.send_on, today) > CATCH_UP_AFTER
            for person in recipients(deadline, due.step, people):
                key = (deadline.pk, due.step, due.days, deadline.due_date, person.pk)
                if key not in recorded:
                    wanted.append((due, person, late))
        if wanted:
            found.append((deadline, wanted))
    # Whoever has a catch-up gets everything new for them in this sweep in one summary.
    catching_up = {person.pk for _, wanted in found for _, person, late in wanted if late}
    summaries, batch = [], []
    for deadline, wanted in found:
        summaries += [(deadline, due, person) for due, person, _ in wanted if person.pk in catching_up]
        wanted = [(due, person) for due, person, _ in wanted if person.pk not in catching_up]
        if wanted:
            batch.append((deadline, wanted))
        if sum(len(w) for _, w in batch) >= RECORD_BATCH:
            result.recorded += _record_batch(batch, today, calendar, result)
            batch = []
    if batch:
        result.recorded += _record_batch(batch, today, calendar, result)
    if summaries:
        result.recorded += _record_catch_up(summaries, today, calendar, result)
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
            subject, body = compose(
                deadline,
                due.step,
                due.days,
                today,
                calendar,
                guard=result.guards.get(deadline.partnership, public=False),
                recipient=person,
            )
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
            subject, body = compose(
                deadline,
                due.step,
                due.days,
                today,
                calendar,
                guard=result.guards.get(deadline.partnership, public=False),
                recipient=person,
            )
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


def _record_catch_up(items, today, calendar, result):
    """Record one catch-up summary for each person among `items` ((deadline, due step, person)) in
    one transaction, queued once it commits. Every reminder keeps its own row and unique key, so no
    later sweep records it again: the first of each person's rows carries the summary and is sent;
    the others are "summarised" and never sent on their own. If another sweep recorded any of them
    meanwhile, read what is there and try once more without those; failing again, the next sweep
    records the rest."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                created = _insert_catch_up(items, today, calendar, result)
                transaction.on_commit(lambda created=created: _publish_into(created, result, marked=True))
            return len(created)
        except IntegrityError:
            recorded = set(
                Reminder.objects.filter(deadline__in={d.pk for d, _, _ in items}).values_list(
                    "deadline_id", "step", "days", "due_date", "recipient_id"
                )
            )
            items = [
                (d, due, p)
                for d, due, p in items
                if (d.pk, due.step, due.days, d.due_date, p.pk) not in recorded
            ]
    logger.warning("Catch-up summaries raced another sweep twice; the next sweep records the rest")
    return 0


def _catch_up_line(deadline, due, title, source_label):
    when = (
        f"due on {_day(deadline.due_date)}"
        if due.step == Step.LEAD
        else f"overdue since {_date(deadline.due_date)}"
    )
    owner = deadline.owner if deadline.owner_id else None
    whose = f"owner {owner.get_full_name() or owner.get_username()}" if owner else "no owner"
    return f"- {title} ({source_label}), {when}, {whose}. Rule: {deadline.rule}"


def compose_catch_up(person, items, result):
    """Subject, body and link of one person's catch-up summary of (deadline, due step) pairs."""
    by_partnership = defaultdict(list)
    for deadline, due in items:
        by_partnership[deadline.partnership].append((deadline, due))
    count = len({deadline.pk for deadline, _ in items})
    plural = "s" if count != 1 else ""
    subject = f"{CATCH_UP_PREFIX}{count} deadline{plural} already overdue or due"
    lines = [
        f"The deadline register has started reminding about {count} deadline{plural} that "
        f"{'were' if plural else 'was'} already overdue when it first saw {'them' if plural else 'it'}. "
        "Rather than one e-mail for each, here they are in one list. Reminders about new deadlines "
        "come one at a time as usual.",
    ]
    for partnership, pairs in sorted(by_partnership.items(), key=lambda kv: kv[0].short_name):
        guard = result.guards.get(partnership, public=False)
        lines += ["", f"{partnership.short_name}:"]
        seen = set()
        for deadline, due in pairs:
            if deadline.pk in seen:
                continue
            seen.add(deadline.pk)
            title = identity.withhold(guard, deadline.title)
            label = identity.withhold(guard, deadline.source_label)
            lines.append(_catch_up_line(deadline, due, title, label))
        if len(by_partnership) > 1:
            register = reverse("deadlines:deadline_list", kwargs={"partnership": partnership.slug})
            lines.append(f"{partnership.short_name}'s register: {mail.absolute(register)}")
    lines += [
        "",
        "What to do: open the register, record what has been done, and give each deadline an owner "
        "or a reason for its delay. Deadlines already met can be recorded as met there.",
    ]
    first = min(by_partnership, key=lambda p: p.short_name)
    url = reverse("deadlines:deadline_list", kwargs={"partnership": first.slug})
    return subject[:255], "\n".join(lines), url


def _insert_catch_up(items, today, calendar, result):
    by_person = defaultdict(list)
    for deadline, due, person in items:
        by_person[person.pk].append((deadline, due, person))
    notifications, reminders = [], []
    now = timezone.now()
    for rows in by_person.values():
        person = rows[0][2]
        subject, body, url = compose_catch_up(person, [(d, due) for d, due, _ in rows], result)
        status = ReminderStatus.PENDING if person.email else ReminderStatus.IN_APP_ONLY
        anchor = rows[0][0]
        notification = Notification(
            recipient=person, partnership=anchor.partnership, title=subject, body=body, url=url
        )
        notifications.append(notification)
        for index, (deadline, due, _) in enumerate(rows):
            one_subject, one_body = compose(
                deadline,
                due.step,
                due.days,
                today,
                calendar,
                guard=result.guards.get(deadline.partnership, public=False),
                recipient=person,
            )
            reminder = Reminder(
                deadline=deadline,
                partnership=deadline.partnership,
                step=due.step,
                days=due.days,
                due_date=deadline.due_date,
                recipient=person,
                email=person.email,
                subject=subject if index == 0 else one_subject,
                body=body if index == 0 else one_body,
                url=url if index == 0 else deadline_url(deadline),
                status=status if index == 0 else ReminderStatus.SUMMARISED,
                queued_at=now if index == 0 and person.email else None,
            )
            reminder._summary_notification = notification if index == 0 else None
            reminders.append(reminder)
    bulk.insert_with_history(Notification, notifications)
    for reminder in reminders:
        reminder.notification = reminder._summary_notification
    bulk.insert(Reminder, reminders)
    return [r.pk for r in reminders if r.status == ReminderStatus.PENDING]


def _requeue(result):
    now = timezone.now()
    stale = list(
        Reminder.objects.filter(
            Q(status=ReminderStatus.PENDING, next_attempt_at__lte=now)
            & (Q(queued_at__isnull=True) | Q(queued_at__lt=now - outbox.requeue_after()))
            | Q(status=ReminderStatus.SENDING, claimed_at__lt=now - outbox.claim_timeout())
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:REQUEUE_BATCH]
    )
    if stale:
        logger.info("Re-queueing %d reminders left pending or claimed by a lost worker", len(stale))
    result.requeued = len(stale)
    _publish_into(stale, result)


def _publish_into(ids, result, marked=False):
    published, failed = outbox.publish(ids, marked=marked)
    result.published += published
    result.publish_failures += failed
