"""Training e-mails as their readers get them: one per attendee (nobody sees who else was booked),
saying which session, when, where, why and what to do, with a link on SITE_URL; sent only once the
change is saved, and one failure stops no other."""

import datetime
from unittest import mock

import pytest
from django.core import mail

from partnerships.core.mail import links_in
from partnerships.learning import services
from partnerships.learning.models import BookingStatus, FindingSource, LearningBriefing, TrainingSession

SITE = "https://safeguarding.example.org"


@pytest.fixture
def session(world, settings):
    settings.SITE_URL = SITE + "/"
    settings.TIME_ZONE = "Europe/London"
    starts = datetime.datetime(2026, 3, 3, 9, 30, tzinfo=datetime.UTC)
    session = TrainingSession.objects.create(
        course=world.training_session.course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        venue="Town Hall, Committee Room 2",
        capacity=10,
    )
    for name, email in [("Sam Smith", "sam@example.org"), ("Ali Khan", "ali@example.org"), ("No Mail", "")]:
        services.book_place(
            world.bu, session, attendee_name=name, attendee_email=email, organisation=world.council
        )
    gone = services.book_place(
        world.bu,
        session,
        attendee_name="Gone Away",
        attendee_email="gone@example.org",
        organisation=world.council,
    )
    services.cancel_booking(world.bu, gone)
    mail.outbox.clear()
    return session


def test_a_cancelled_session_emails_each_attendee_on_their_own(
    world, session, django_capture_on_commit_callbacks
):
    world.alpha.contact_email = "training@alpha.example.org"
    world.alpha.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.cancel_session(world.bu, session, reason="The trainer is ill.")
    assert mail.outbox == []  # nothing before the cancellation is saved
    for callback in callbacks:
        callback()

    assert sorted(m.to for m in mail.outbox) == [["ali@example.org"], ["sam@example.org"]]
    link = f"{SITE}/p/alpha/learning/sessions/{session.pk}/"
    for message in mail.outbox:
        assert message.cc == [] and message.bcc == []
        assert message.subject == "Cancelled: Alpha think family, 3 March 2026"
        body = message.body
        assert "The Alpha training session you were booked on has been cancelled." in body
        assert "Session: Alpha think family" in body
        assert "When: Tuesday 3 March 2026, 9:30am to 12:30pm" in body
        assert "Where: Town Hall, Committee Room 2" in body
        assert "Why: The trainer is ill." in body
        assert "What to do: nothing; your place has been cancelled." in body
        assert "contact training@alpha.example.org" in body
        assert links_in(body) == [link]
        html, kind = message.alternatives[0]
        assert kind == "text/html" and "<img" not in html
        assert f'href="{link}"' in html and "Town Hall, Committee Room 2" in html
    sam = next(m for m in mail.outbox if m.to == ["sam@example.org"])
    assert sam.body.startswith("Dear Sam Smith,")
    assert "ali@example.org" not in sam.body and "Ali Khan" not in sam.body
    assert "gone@example.org" not in {m.to[0] for m in mail.outbox}


def test_a_cancellation_without_a_reason_says_so_and_one_failure_stops_no_other(
    world, session, django_capture_on_commit_callbacks
):
    real = services.mail.message
    refused = []

    def first_one_refused(to, subject, text, **kwargs):
        message = real(to, subject, text, **kwargs)
        if not refused:
            refused.append(to)
            message.send = mock.Mock(side_effect=OSError("mail server down"))
        return message

    with (
        mock.patch.object(services.mail, "message", first_one_refused),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.cancel_session(world.bu, session)
    assert len(mail.outbox) == 1 and mail.outbox[0].to != [refused[0]]
    assert "Why: No reason was given." in mail.outbox[0].body
    assert "contact the Alpha business unit" in mail.outbox[0].body


def test_follow_ups_go_to_each_attendee_on_their_own(world, session, django_capture_on_commit_callbacks):
    bookings = list(session.bookings.exclude(status=BookingStatus.CANCELLED))
    services.record_attendance(world.bu, session, attended=[b.pk for b in bookings])
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_follow_ups(world.bu, session, on=datetime.date(2026, 6, 1))
    assert len(sent) == 3
    assert sorted(m.to for m in mail.outbox) == [["ali@example.org"], ["sam@example.org"]]
    for message in mail.outbox:
        assert message.subject == "What has changed since your training: Alpha think family"
        assert "On Tuesday 3 March 2026, 9:30am to 12:30pm you attended" in message.body
        assert "at Town Hall, Committee Room 2" in message.body
        assert links_in(message.body) == [f"{SITE}/p/alpha/learning/sessions/{session.pk}/"]


def test_a_published_briefing_tells_each_contributor_with_a_link_on_the_site(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SITE
    briefing = LearningBriefing.objects.create(
        partnership=world.alpha,
        title="Alpha: safe sleep",
        source_kind=FindingSource.REVIEW,
        source_label="Rapid review RR-TEST-1",
        background="Background.",
        what_happened="What happened.",
        learning="Learning.",
        questions="Questions?",
        what_to_do="Use the safe sleep guidance.",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_briefing(
            world.bu, briefing, organisations=[world.hospital], on=datetime.date(2026, 3, 2)
        )
    assert [m.to for m in mail.outbox] == [[world.contributor.email]]
    body = mail.outbox[0].body
    assert 'published the learning briefing "Alpha: safe sleep" on 2 March 2026' in body
    assert "sent it to Alpha Hospital Trust" in body
    assert "What to do: share it with your practitioners" in body
    assert links_in(body) == [f"{SITE}/p/alpha/learning/my-briefings/"]
