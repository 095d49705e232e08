"""Catch-up without a flood: the first sweep over deadlines that were already long overdue (the
demo's 2019 dates, an import of past records) sends each person one summary listing them, not a
message for each deadline and rung, and stays exactly-once: a second sweep sends nothing more."""

import collections
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from partnerships.core.mail import links_in
from partnerships.core.models import Notification
from partnerships.core.services import create_action
from partnerships.deadlines import reminders
from partnerships.deadlines.choices import ReminderStatus
from partnerships.deadlines.models import Deadline, Reminder
from tests.deadlines.support import at, sweep_on

D = datetime.date
SITE = "https://safeguarding.example.org"
DAY = D(2026, 3, 4)  # a Wednesday


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE


def test_the_first_sweep_over_the_demo_sends_each_person_at_most_one_message(
    db, site, django_capture_on_commit_callbacks
):
    with at(DAY, 8):
        call_command("load_demo", stdout=io.StringIO())
    mail.outbox.clear()
    result = sweep_on(DAY, django_capture_on_commit_callbacks)

    per_person = collections.Counter(m.to[0] for m in mail.outbox)
    assert per_person and max(per_person.values()) == 1, per_person.most_common(3)
    summaries = [m for m in mail.outbox if m.subject.startswith("Catch-up: ")]
    assert summaries, [m.subject for m in mail.outbox]
    longest = max(summaries, key=lambda m: m.body.count("\n- "))
    assert longest.body.count("\n- ") > 1  # several deadlines in one message
    assert "overdue since" in longest.body and "working days overdue" not in longest.body
    assert "What to do: open the register" in longest.body
    assert all(link.startswith(SITE + "/") for link in links_in(longest.body))
    assert "Open it: " + SITE + "/p/" in longest.body

    # Every rung keeps its own row and key: one is sent per person, the rest are listed in it.
    summarised = Reminder.objects.filter(status=ReminderStatus.SUMMARISED)
    assert summarised.exists() and not summarised.filter(sent_at__isnull=False).exists()
    sent = Reminder.objects.filter(status=ReminderStatus.SENT)
    assert sent.count() == len(mail.outbox) == result.recorded
    assert Notification.objects.filter(title__startswith="Catch-up: ").count() == len(summaries)

    # Exactly once: the same sweep again, and the next day's, send nothing about them.
    before = Reminder.objects.count()
    mail.outbox.clear()
    sweep_on(DAY, django_capture_on_commit_callbacks, hour=16)
    assert mail.outbox == [] and Reminder.objects.count() == before
    sweep_on(DAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert not any(m.subject.startswith("Catch-up: ") for m in mail.outbox)


def test_a_long_overdue_import_is_one_summary_and_a_fresh_escalation_comes_on_its_own(
    world, site, django_capture_on_commit_callbacks
):
    Deadline.objects.update(is_active=False)
    with at(D(2026, 1, 5)):
        for n in range(3):
            create_action(
                world.bu, partnership=world.alpha, title=f"Imported action {n}", due_date=D(2026, 1, 9)
            )
    mail.outbox.clear()
    sweep_on(DAY, django_capture_on_commit_callbacks)
    manager = [m for m in mail.outbox if m.to == [world.bu.email]]
    assert len(manager) == 1 and manager[0].subject == "Catch-up: 3 deadlines already overdue or due"
    body = manager[0].body
    for n in range(3):
        assert f"- Action: Imported action {n} (" in body
    assert "overdue since 9 January 2026, no owner." in body
    assert body.endswith(f"Open it: {SITE}/p/alpha/deadlines/")
    assert all(len(m.to) == 1 for m in mail.outbox)

    # A deadline that falls overdue later is escalated on its own, on its day, as before.
    with at(D(2026, 3, 5)):
        create_action(world.bu, partnership=world.alpha, title="Fresh action", due_date=D(2026, 3, 6))
    mail.outbox.clear()
    sweep_on(D(2026, 3, 9), django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox if m.to == [world.bu.email]] == [
        "Overdue since 6 March 2026: Action: Fresh action"
    ]
    assert reminders.CATCH_UP_AFTER == 20  # four working weeks


def test_a_summary_is_sent_even_if_a_deadline_it_lists_is_met_before_its_turn(
    world, site, django_capture_on_commit_callbacks
):
    Deadline.objects.update(is_active=False)
    with at(D(2026, 1, 5)):
        for n in range(2):
            create_action(world.bu, partnership=world.alpha, title=f"Old action {n}", due_date=D(2026, 1, 9))
    mail.outbox.clear()
    with at(DAY), django_capture_on_commit_callbacks(execute=False) as queued:
        reminders.sweep()
    summary = Reminder.objects.get(recipient=world.bu, status=ReminderStatus.PENDING)
    assert summary.subject == "Catch-up: 2 deadlines already overdue or due"
    Deadline.objects.filter(pk=summary.deadline_id).update(met_on=DAY)
    with at(DAY):
        for callback in queued:
            callback()
    assert [m.subject for m in mail.outbox if m.to == [world.bu.email]] == [summary.subject]
    summary.refresh_from_db()
    assert summary.status == ReminderStatus.SENT
