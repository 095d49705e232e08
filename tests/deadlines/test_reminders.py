"""Reminders and escalations with frozen time: the ladder, escalation, recomputation, exactly once.

These run the sweep and the send task in-process (Celery eager); tests/deadlines/test_worker.py
runs them against a real Redis and a real worker process.
"""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from partnerships.core import registry as registry_module
from partnerships.core.choices import ActionStatus
from partnerships.core.models import Notification
from partnerships.core.registry import DeadlineKind, register_deadline_kind
from partnerships.core.services import create_action, update_action
from partnerships.deadlines import outbox, reminders
from partnerships.deadlines.choices import ReminderStatus, ReminderStep
from partnerships.deadlines.models import Deadline, Reminder, ReminderRule
from tests.deadlines.support import (
    RAPID_REVIEW_KIND,
    FlakyEmailBackend,
    at,
    only,
    rapid_review_deadline,
    sweep_on,
)

D = datetime.date
NOTIFIED = D(2026, 3, 18)  # Wednesday; 15 working days later, over Easter, is Friday 10 April 2026


@pytest.fixture(autouse=True)
def rapid_review_kind():
    kind = register_deadline_kind(DeadlineKind(RAPID_REVIEW_KIND, "Rapid review (test)"))
    yield kind
    registry_module._deadline_kinds.pop(RAPID_REVIEW_KIND, None)


def _delivered():
    """(recipient username, subject) of every email in the outbox, in order."""
    return [(m.to[0].split("@")[0], m.subject) for m in mail.outbox]


def _days(start, end):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def test_the_ladder_of_a_rapid_review_then_escalation(world, django_capture_on_commit_callbacks):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    assert deadline.due_date == D(2026, 4, 10)
    sent_on = {}
    for day in _days(D(2026, 3, 30), D(2026, 4, 24)):
        before = len(mail.outbox)
        sweep_on(day, django_capture_on_commit_callbacks, hour=7)
        sweep_on(day, django_capture_on_commit_callbacks, hour=16)  # a second sweep the same day adds nothing
        if len(mail.outbox) > before:
            sent_on[day] = _delivered()[before:]

    title = "Complete the rapid review RR-TEST-1"
    leads = {"lead_la", "lead_la2", "lead_health", "lead_police"}
    assert list(sent_on) == [
        D(2026, 4, 1),  # 5 working days before (Good Friday and Easter Monday do not count)
        D(2026, 4, 8),  # 2 working days before
        D(2026, 4, 9),  # 1 working day before
        D(2026, 4, 10),  # on the day
        D(2026, 4, 13),  # 1 working day overdue: the business-unit manager
        D(2026, 4, 17),  # 5 working days overdue: the partner leads
    ]
    assert sent_on[D(2026, 4, 1)] == [("bu_officer", f"Due in 5 working days: {title}")]
    assert sent_on[D(2026, 4, 8)] == [("bu_officer", f"Due in 2 working days: {title}")]
    assert sent_on[D(2026, 4, 9)] == [("bu_officer", f"Due in 1 working day: {title}")]
    assert sent_on[D(2026, 4, 10)] == [("bu_officer", f"Due today: {title}")]
    assert sent_on[D(2026, 4, 13)] == [("bu_manager", f"Overdue since 10 April 2026: {title}")]
    assert {r for r, _ in sent_on[D(2026, 4, 17)]} == leads
    assert {s for _, s in sent_on[D(2026, 4, 17)]} == {
        f"Escalation to partner leads, overdue since 10 April 2026: {title}"
    }
    escalation = next(m for m in mail.outbox if m.to == ["bu_manager@example.org"])
    assert "is overdue since 10 April 2026: it was due on Friday 10 April 2026." in escalation.body
    assert "working day overdue" not in escalation.body
    assert "Its owner is Bu Officer Tester" in escalation.body
    assert "15 working days from the notification to the Panel" in escalation.body
    assert "What to do: find out from its owner what is holding it up" in escalation.body
    assert escalation.body.endswith("Open it: http://127.0.0.1:8000/p/alpha/deadlines/")
    html = escalation.alternatives[0][0]
    assert escalation.alternatives[0][1] == "text/html" and "<img" not in html
    assert 'href="http://127.0.0.1:8000/p/alpha/deadlines/"' in html
    owner_copy = next(m for m in mail.outbox if m.to == ["bu_officer@example.org"])
    assert "This deadline of Alpha is yours and is due on Friday 10 April 2026." in owner_copy.body
    assert "What to do: complete the work on the record by Friday 10 April 2026." in owner_copy.body

    # Exactly once: one row per rung and person, all sent, and one in-app notification each.
    rows = Reminder.objects.filter(deadline=deadline)
    assert rows.count() == len(mail.outbox) == 4 + 1 + 4
    assert set(rows.values_list("status", flat=True)) == {ReminderStatus.SENT}
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 9
    assert Notification.objects.filter(recipient=world.officer, title__contains="RR-TEST-1").count() == 4
    assert Notification.objects.filter(recipient=world.bu, title__contains="RR-TEST-1").count() == 1
    assert Notification.objects.filter(recipient=world.scrutineer).count() == 0


def test_the_owner_and_the_header_count_see_it_in_the_app(
    world, client_for, django_capture_on_commit_callbacks
):
    only(rapid_review_deadline(world, NOTIFIED))
    sweep_on(D(2026, 4, 9), django_capture_on_commit_callbacks)
    page = client_for(world.officer).get("/notifications/").content.decode()
    assert "Due in 1 working day: Complete the rapid review RR-TEST-1" in page
    assert '<span class="app-count">1</span>' in page


def test_recomputed_when_the_clock_starts_later(world, django_capture_on_commit_callbacks):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    sweep_on(D(2026, 4, 1), django_capture_on_commit_callbacks)
    assert _delivered() == [("bu_officer", "Due in 5 working days: Complete the rapid review RR-TEST-1")]

    # The notification date is corrected to Friday 20 March: 15 working days is now Tuesday 14 April.
    moved = rapid_review_deadline(world, D(2026, 3, 20))
    assert moved.pk == deadline.pk
    assert moved.due_date == D(2026, 4, 14)
    assert moved.history.first().due_date == D(2026, 4, 14)
    assert moved.history.all()[1].due_date == D(2026, 4, 10)
    sweep_on(D(2026, 4, 2), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # the new ladder's first rung is on 7 April
    sweep_on(D(2026, 4, 7), django_capture_on_commit_callbacks)
    assert _delivered()[1:] == [("bu_officer", "Due in 5 working days: Complete the rapid review RR-TEST-1")]
    assert "due on Tuesday 14 April 2026" in mail.outbox[1].body
    assert sorted(Reminder.objects.filter(deadline=deadline).values_list("due_date", flat=True)) == [
        D(2026, 4, 10),
        D(2026, 4, 14),
    ]


def test_an_actions_deadline_follows_the_action(world, client_for, django_capture_on_commit_callbacks):
    with at(D(2026, 3, 2)):
        action = create_action(
            world.bu,
            partnership=world.alpha,
            title="Audit neglect cases",
            due_date=D(2026, 3, 20),
            owner=world.officer,
        )
    deadline = Deadline.objects.get(kind="action", source_id=action.pk)
    assert (deadline.due_date, deadline.owner, deadline.met_on, deadline.is_active) == (
        D(2026, 3, 20),
        world.officer,
        None,
        True,
    )
    assert deadline.source_url == action.get_absolute_url()
    only(deadline)

    sweep_on(D(2026, 3, 19), django_capture_on_commit_callbacks)
    assert _delivered() == [("bu_officer", "Due in 1 working day: Action: Audit neglect cases")]

    # Moved through the page: the register follows, and the ladder starts again for the new date.
    with at(D(2026, 3, 19)):
        response = client_for(world.bu).post(
            f"/p/alpha/actions/{action.pk}/edit/",
            {
                "title": "Audit neglect cases",
                "source_kind": "meeting",
                "owner": world.lead_health.pk,
                "due_date_0": "27",
                "due_date_1": "3",
                "due_date_2": "2026",
            },
        )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert (deadline.due_date, deadline.owner) == (D(2026, 3, 27), world.lead_health)
    sweep_on(D(2026, 3, 20), django_capture_on_commit_callbacks)
    assert _delivered()[1:] == [("lead_health", "Due in 5 working days: Action: Audit neglect cases")]

    with at(D(2026, 3, 30)):
        update_action(world.bu, action, status=ActionStatus.DONE)
    deadline.refresh_from_db()
    assert deadline.met_on == D(2026, 3, 30)
    assert deadline.status().value == "met_late"
    sweep_on(D(2026, 3, 31), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2  # met: no escalation

    with at(D(2026, 4, 1)):
        update_action(world.bu, action, status=ActionStatus.DROPPED, dropped_reason="Superseded")
    deadline.refresh_from_db()
    assert deadline.is_active is False


def test_a_pending_reminder_for_a_moved_deadline_is_cancelled(world, django_capture_on_commit_callbacks):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    with mock.patch(
        "partnerships.deadlines.outbox.send_reminders.apply_async", side_effect=ConnectionError("broker down")
    ):
        result = sweep_on(D(2026, 4, 1), django_capture_on_commit_callbacks)
    assert (result.recorded, result.published, result.publish_failures) == (1, 0, 1)
    reminder = Reminder.objects.get(deadline=deadline)
    assert (reminder.status, reminder.queued_at) == (ReminderStatus.PENDING, None)
    assert mail.outbox == []

    rapid_review_deadline(world, D(2026, 3, 25))  # now due 16 April: the 10 April reminder is stale
    sweep_on(D(2026, 4, 1), django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.CANCELLED
    assert mail.outbox == []


def test_without_an_owner_the_business_unit_manager_is_reminded(world, django_capture_on_commit_callbacks):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    Deadline.objects.filter(pk=deadline.pk).update(owner=None)
    sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
    assert _delivered() == [("bu_manager", "Due today: Complete the rapid review RR-TEST-1")]


def test_an_owner_without_email_is_told_in_the_app(world, django_capture_on_commit_callbacks):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    world.officer.email = ""
    world.officer.save()
    sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Reminder.objects.get(deadline=deadline).status == ReminderStatus.IN_APP_ONLY
    assert Notification.objects.filter(recipient=world.officer, title__startswith="Due today").count() == 1


def test_a_reminder_rule_changes_the_ladder_for_one_partnership(world, django_capture_on_commit_callbacks):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    rule = ReminderRule(
        kind=RAPID_REVIEW_KIND,
        partnership=world.alpha,
        lead_days="3",
        escalate_to_manager_after=2,
        escalate_to_leads_after=None,
    )
    rule.full_clean()
    rule.save()
    for day in _days(D(2026, 3, 30), D(2026, 5, 1)):
        sweep_on(day, django_capture_on_commit_callbacks)
    rows = Reminder.objects.filter(deadline=deadline).order_by("created_at")
    assert [(r.step, r.days, r.created_at.date()) for r in rows] == [
        (ReminderStep.LEAD, 3, D(2026, 4, 7)),
        (ReminderStep.MANAGER, 2, D(2026, 4, 14)),
    ]


def test_a_reminder_rule_is_validated(world):
    rule = ReminderRule(
        kind="no_such_kind", lead_days="soon", escalate_to_manager_after=5, escalate_to_leads_after=2
    )
    with pytest.raises(Exception) as error:
        rule.full_clean()
    assert set(error.value.message_dict) == {"kind", "lead_days", "escalate_to_leads_after"}


# --- Exactly once, in-process ---------------------------------------------------------------------


def test_a_sweep_run_twice_records_and_sends_once(world, django_capture_on_commit_callbacks):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    first = sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
    second = sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
    assert (first.recorded, second.recorded) == (1, 0)
    reminder = Reminder.objects.get(deadline=deadline)
    # A duplicate task message (a re-queue, a redelivery) finds the row already sent.
    assert outbox.deliver(reminder.pk) == "not claimed"
    assert len(mail.outbox) == 1


def test_a_live_claim_is_respected_and_a_dead_workers_claim_is_taken_over(
    world, settings, django_capture_on_commit_callbacks
):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    with mock.patch("partnerships.deadlines.outbox.send_reminders.apply_async", side_effect=ConnectionError):
        sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
    reminder = Reminder.objects.get(deadline=deadline)
    with at(D(2026, 4, 10), 9, 0):
        token = outbox.claim(reminder.pk)  # a worker claims it ... and is killed before sending
        assert token is not None
        assert outbox.claim(reminder.pk) is None  # a second worker cannot take a live claim
    with at(D(2026, 4, 10), 9, 5):
        assert outbox.deliver(reminder.pk) == "not claimed"
        assert sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks, hour=9).requeued == 0
    # Past REMINDER_CLAIM_TIMEOUT_SECONDS (600 s): the dead worker's claim is taken over.
    with at(D(2026, 4, 10), 9, 11), django_capture_on_commit_callbacks(execute=True):
        result = reminders.sweep()
    assert result.requeued == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (ReminderStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_mail_failures_back_off_and_the_reminder_goes_once_mail_is_back(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.deadlines.support.FlakyEmailBackend"
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    FlakyEmailBackend.failing.set()
    try:
        sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
        reminder = Reminder.objects.get(deadline=deadline)
        assert (reminder.status, reminder.attempts) == (ReminderStatus.PENDING, 1)
        assert "SMTP server unavailable" in reminder.last_error
        assert reminder.next_attempt_at.astimezone(
            reminder.created_at.tzinfo
        ) == reminder.created_at + datetime.timedelta(seconds=60)
        # Not before its backoff: the sweep leaves it alone.
        with at(D(2026, 4, 10), 9, 0), django_capture_on_commit_callbacks(execute=True):
            assert reminders.sweep().requeued == 0
        with at(D(2026, 4, 10), 9, 11), django_capture_on_commit_callbacks(execute=True):
            assert reminders.sweep().requeued == 1  # tried again, failed again: 2 minutes' backoff
        reminder.refresh_from_db()
        assert (reminder.status, reminder.attempts) == (ReminderStatus.PENDING, 2)
    finally:
        FlakyEmailBackend.failing.clear()
    with at(D(2026, 4, 10), 9, 22), django_capture_on_commit_callbacks(execute=True):
        reminders.sweep()
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.last_error) == (ReminderStatus.SENT, 3, "")
    assert _delivered() == [("bu_officer", "Due today: Complete the rapid review RR-TEST-1")]


def test_after_too_many_failures_the_reminder_is_marked_failed(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.deadlines.support.FlakyEmailBackend"
    settings.REMINDER_MAX_ATTEMPTS = 2
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    FlakyEmailBackend.failing.set()
    try:
        sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
        with at(D(2026, 4, 10), 10, 0), django_capture_on_commit_callbacks(execute=True):
            reminders.sweep()
        with at(D(2026, 4, 10), 11, 0), django_capture_on_commit_callbacks(execute=True):
            assert reminders.sweep().requeued == 0
    finally:
        FlakyEmailBackend.failing.clear()
    reminder = Reminder.objects.get(deadline=deadline)
    assert (reminder.status, reminder.attempts) == (ReminderStatus.FAILED, 2)


def test_a_broker_outage_never_raises_and_the_next_sweep_sends(world, django_capture_on_commit_callbacks):
    deadline = only(rapid_review_deadline(world, NOTIFIED))
    with mock.patch(
        "partnerships.deadlines.outbox.send_reminders.apply_async", side_effect=OSError("Connection refused")
    ):
        result = sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
    assert result.publish_failures == 1
    assert Notification.objects.filter(recipient=world.officer).count() == 1  # in the app at once
    assert mail.outbox == []
    result = sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks, hour=10)
    assert (result.recorded, result.requeued, result.published) == (0, 1, 1)
    assert Reminder.objects.get(deadline=deadline).status == ReminderStatus.SENT
    assert len(mail.outbox) == 1


def test_the_command_and_the_beat_task_run_the_sweep(world, settings, django_capture_on_commit_callbacks):
    from config.celery import app
    from partnerships.deadlines.tasks import sweep_deadlines

    only(rapid_review_deadline(world, NOTIFIED))
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-deadlines"]
    assert entry["task"] == sweep_deadlines.name == "partnerships.deadlines.tasks.sweep_deadlines"
    assert sweep_deadlines.name in app.tasks

    import io

    out = io.StringIO()
    with at(D(2026, 4, 9)), django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_deadlines", stdout=out)
    assert "Deadlines checked: 1; reminders recorded: 1; re-queued: 0;" in out.getvalue()
    with at(D(2026, 4, 10)), django_capture_on_commit_callbacks(execute=True):
        assert sweep_deadlines.delay().get()["recorded"] == 1
    assert len(mail.outbox) == 2


# --- A catch-up sweep: many new reminders at once --------------------------------------------------


def _overdue_actions(world, count):
    """`count` actions due on 20 March 2026 and nothing else outstanding: overdue together."""
    Deadline.objects.update(is_active=False)
    with at(D(2026, 3, 2)):
        for n in range(count):
            create_action(
                world.bu,
                partnership=world.alpha,
                title=f"Catch-up action {n}",
                due_date=D(2026, 3, 20),
                owner=world.officer,
            )


def _ours():
    """The reminders about the catch-up actions (the test world holds a few of its own)."""
    return Reminder.objects.filter(deadline__title__startswith="Action: Catch-up action")


def _their_notifications():
    """In-app notifications about the catch-up actions, with a reminder or (wrongly) without."""
    return Notification.objects.filter(title__contains="Action: Catch-up action")


def _sweep_counting_queries(day, capture):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with at(day), capture(), CaptureQueriesContext(connection) as queries:
        result = reminders.sweep()
    return result, len(queries)


@pytest.mark.parametrize("count", [2, 9])
def test_a_catch_up_sweep_records_in_bulk_with_a_constant_number_of_queries(
    world, django_capture_on_commit_callbacks, count, settings
):
    """A week without a worker: every reminder and escalation due since, for every deadline, is
    recorded with its in-app notification and history in a fixed number of queries (bulk inserts),
    not a savepoint and two inserts per reminder (BENCHMARKS_NOTES.md: 9 ms each)."""
    _overdue_actions(world, count)
    result, queries = _sweep_counting_queries(D(2026, 4, 10), django_capture_on_commit_callbacks)
    per_deadline = _ours().filter(deadline__title="Action: Catch-up action 0").count()
    assert per_deadline >= 3  # the owner's reminders and the escalations to the manager and leads
    assert _ours().count() == count * per_deadline
    # `recorded` counts those to email; a person without an address is told in the app only.
    assert result.recorded == _ours().exclude(status=ReminderStatus.IN_APP_ONLY).count() > count
    assert _their_notifications().count() == _ours().count()
    assert not _ours().filter(notification__isnull=True).exists()
    assert (
        Notification.history.filter(history_type="+", title__contains="Catch-up").count()
        == _their_notifications().count()
    )
    assert {(r.notification.recipient_id, r.notification.title) for r in _ours().all()} == {
        (r.recipient_id, r.subject) for r in _ours().all()
    }
    assert queries <= 16, queries  # the same for 2 deadlines as for 9


def test_a_reminder_another_sweep_recorded_meanwhile_is_skipped_and_the_rest_recorded(
    world, django_capture_on_commit_callbacks
):
    """Two sweeps at once: the other one commits one of this batch's reminders after this one read
    what was recorded. The bulk insert is refused by the unique key and the batch is recorded one
    reminder at a time: each once, and no notification without its reminder."""
    _overdue_actions(world, 3)
    compose = reminders.compose
    raced = []

    def compose_while_another_sweep_records(
        deadline, step, days, today, calendar, guard=None, recipient=None
    ):
        if not raced:
            person = reminders.recipients(deadline, step, reminders._people({deadline.partnership_id}))[0]
            raced.append(person)
            subject, body = compose(deadline, step, days, today, calendar)
            other = Notification.objects.create(recipient=person, title=subject, body=body)
            Reminder.objects.create(
                deadline=deadline,
                partnership=deadline.partnership,
                step=step,
                days=days,
                due_date=deadline.due_date,
                recipient=person,
                email=person.email,
                subject=subject,
                body=body,
                notification=other,
            )
        return compose(deadline, step, days, today, calendar, guard=guard, recipient=recipient)

    with (
        mock.patch.object(reminders, "compose", compose_while_another_sweep_records),
        mock.patch.object(reminders, "_record", wraps=reminders._record) as one_at_a_time,
    ):
        result = sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
    assert one_at_a_time.call_count == 3  # the bulk insert was refused; each deadline on its own
    total = _ours().count()
    emailed = _ours().exclude(status=ReminderStatus.IN_APP_ONLY).count()
    assert result.recorded == emailed - 1  # all but the one the other sweep recorded
    keys = list(_ours().values_list("deadline", "step", "days", "due_date", "recipient"))
    assert len(keys) == len(set(keys))
    assert _their_notifications().count() == total
    assert Notification.history.filter(history_type="+", title__contains="Catch-up").count() == total
    # This sweep sends what it recorded; the other sweep queues and sends its own.
    assert _ours().filter(status=ReminderStatus.SENT).count() == emailed - 1
    assert _ours().get(status=ReminderStatus.PENDING).recipient == raced[0]
    assert len(mail.outbox) == emailed - 1  # the other sweep sends its own


def test_a_large_catch_up_is_recorded_in_several_transactions(world, django_capture_on_commit_callbacks):
    _overdue_actions(world, 5)
    with (
        mock.patch.object(reminders, "RECORD_BATCH", 4),
        mock.patch.object(reminders, "_record_batch", wraps=reminders._record_batch) as record_batch,
    ):
        result = sweep_on(D(2026, 4, 10), django_capture_on_commit_callbacks)
    assert record_batch.call_count >= 3
    assert _ours().count() == _their_notifications().count() > 8
    emailed = _ours().exclude(status=ReminderStatus.IN_APP_ONLY)
    assert result.recorded == emailed.count() == len(mail.outbox)


def test_a_person_without_a_role_in_the_partnership_is_reminded_of_nothing(
    world, django_capture_on_commit_callbacks, client_for
):
    """An action owned by someone of another partnership (or who lost their role) reminds the
    business-unit managers instead; the record's page says the owner is no longer in the
    partnership; a reminder already recorded for them is not sent."""
    from partnerships.core.models import Role
    from partnerships.core.services import create_action
    from partnerships.deadlines.models import Deadline, Reminder

    Deadline.objects.update(is_active=False)
    stranger = world.outsider  # holds a role in beta only
    action = create_action(
        world.bu,
        partnership=world.alpha,
        title="Chase the school",
        due_date=D(2026, 12, 1),
        owner=world.officer,
    )
    # The officer is reminded while they hold a role ...
    with django_capture_on_commit_callbacks(execute=True), at(D(2026, 11, 30)):
        reminders.sweep()
    assert [m.to for m in mail.outbox] == [[world.officer.email]]
    # ... and once their role is gone, they get nothing more: the managers are reminded instead.
    mail.outbox.clear()
    Role.objects.filter(user=world.officer, partnership=world.alpha).delete()
    with django_capture_on_commit_callbacks(execute=True), at(D(2026, 12, 1)):
        reminders.sweep()
    sent_to = {address for m in mail.outbox for address in m.to}
    assert world.officer.email not in sent_to and world.bu.email in sent_to
    page = client_for(world.bu).get(f"/p/alpha/actions/{action.pk}/").content.decode()
    assert "(no longer in the partnership)" in page
    # A person of another partnership named as owner through any door is never reminded.
    other = create_action(world.bu, partnership=world.alpha, title="Other", due_date=D(2026, 12, 4))
    Deadline.objects.filter(source_id=other.pk, kind="action").update(owner=stranger)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), at(D(2026, 12, 3)):
        reminders.sweep()
    assert stranger.email not in {address for m in mail.outbox for address in m.to}
    assert not Reminder.objects.filter(recipient=stranger, partnership=world.alpha).exists()
