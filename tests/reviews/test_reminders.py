"""The deadline register's reminders on a real rapid review (docs/statutory-rules.md#rapid-review): the ladder, the
escalation when overdue, and recomputation when the date that starts the clock changes."""

import datetime

import pytest
from django.core import mail

from partnerships.deadlines.models import Reminder
from partnerships.deadlines.register import deadlines_for
from reviews import services
from reviews.choices import AgeBand, IncidentType, RapidReviewDecision
from reviews.models import SeriousIncidentNotification
from tests.deadlines.support import only, sweep_on

D = datetime.date
pytestmark = pytest.mark.django_db


def _days(start, end):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def _review(world, aware_on, notified_on):
    notification = services.save_notification(
        world.bu,
        SeriousIncidentNotification(
            partnership=world.alpha,
            child_reference="Child R",
            age_band=AgeBand.AGE_1_4,
            area=world.area_a,
            incident_type=IncidentType.SERIOUS_HARM,
            la_aware_on=aware_on,
            panel_notified_on=notified_on,
            panel_reference="CSPRP-R-1",
            lead_officer=world.officer,
        ),
    )
    return notification, services.start_rapid_review(world.bu, notification)


def _ladder(capture, start, end):
    sent_on = {}
    for day in _days(start, end):
        before = len(mail.outbox)
        sweep_on(day, capture, hour=7)
        sweep_on(day, capture, hour=16)  # a second sweep the same day sends nothing more
        if len(mail.outbox) > before:
            sent_on[day] = [(m.to[0].split("@")[0], m.subject) for m in mail.outbox[before:]]
    return sent_on


def test_a_rapid_reviews_reminders_then_escalation(world, django_capture_on_commit_callbacks):
    # Notified to the Panel on Wednesday 18 March 2026: 15 working days, Easter excluded, is 10 April.
    _, review = _review(world, aware_on=D(2026, 3, 16), notified_on=D(2026, 3, 18))
    assert review.due_date == D(2026, 4, 10)
    deadline = only(deadlines_for(review).get())
    mail.outbox.clear()

    sent_on = _ladder(django_capture_on_commit_callbacks, D(2026, 3, 30), D(2026, 4, 24))

    assert list(sent_on) == [
        D(2026, 4, 1),  # 5 working days before (Good Friday and Easter Monday do not count)
        D(2026, 4, 8),  # 2 working days before
        D(2026, 4, 9),  # 1 working day before
        D(2026, 4, 10),  # on the day
        D(2026, 4, 13),  # 1 working day overdue: the business-unit manager
        D(2026, 4, 17),  # 5 working days overdue: the partner leads
    ]
    assert [r for r, _ in sent_on[D(2026, 4, 1)]] == ["bu_officer"]
    assert sent_on[D(2026, 4, 1)][0][1].startswith("Due in 5 working days: Complete and sign off")
    assert [r for r, _ in sent_on[D(2026, 4, 13)]] == ["bu_manager"]
    assert {r for r, _ in sent_on[D(2026, 4, 17)]} == {"lead_la", "lead_la2", "lead_health", "lead_police"}
    # Exactly once, and no child's identity in what was sent.
    assert Reminder.objects.filter(deadline=deadline).count() == len(mail.outbox) == 9
    assert not any("Child R" in m.subject for m in mail.outbox)


def test_signing_off_stops_the_reminders(world, django_capture_on_commit_callbacks):
    _, review = _review(world, aware_on=D(2026, 3, 16), notified_on=D(2026, 3, 18))
    only(deadlines_for(review).get())
    review.decision = RapidReviewDecision.NO_FURTHER
    review.decision_rationale = "Learning is captured by the single-agency reviews already under way."
    review.decided_on = D(2026, 4, 6)
    services.save_rapid_review(world.bu, review)
    for lead, org in (
        (world.lead_la, world.council),
        (world.lead_health, world.icb),
        (world.lead_police, world.police),
    ):
        services.sign_off_rapid_review(lead, review, org, today=D(2026, 4, 7))
    mail.outbox.clear()
    assert _ladder(django_capture_on_commit_callbacks, D(2026, 4, 8), D(2026, 4, 24)) == {}
    assert deadlines_for(review).get().met_on is not None


def test_a_later_notification_moves_the_deadline_and_its_reminders(world, django_capture_on_commit_callbacks):
    notification, review = _review(world, aware_on=D(2026, 3, 16), notified_on=D(2026, 3, 18))
    only(deadlines_for(review).get())
    notification.panel_notified_on = D(2026, 3, 20)  # corrected: notified two working days later
    services.save_notification(world.bu, notification)
    review.refresh_from_db()
    assert review.due_date == D(2026, 4, 14)
    deadline = deadlines_for(review).get()
    assert deadline.due_date == D(2026, 4, 14)
    assert deadline.history.first().history_user == world.bu
    mail.outbox.clear()
    sent_on = _ladder(django_capture_on_commit_callbacks, D(2026, 3, 30), D(2026, 4, 14))
    assert list(sent_on) == [D(2026, 4, 7), D(2026, 4, 10), D(2026, 4, 13), D(2026, 4, 14)]
