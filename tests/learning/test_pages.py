"""Learning briefings, training, and the voice of children and families through the pages: what is
saved, shown, refused and sent; no engagement record can hold a child's identity; isolation."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships.core.models import Notification
from partnerships.learning.models import (
    BookingStatus,
    BriefingStatus,
    EngagementActivity,
    LearningBriefing,
    TrainingBooking,
    YouSaidWeDid,
)
from tests.querycount import assert_constant_queries

D = datetime.date


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def url(name, **kwargs):
    return reverse(f"learning:{name}", kwargs={"partnership": "alpha", **kwargs})


BRIEFING = {
    "title": "Bruising in non-mobile babies",
    "source_kind": "review",
    "source_label": "LCSPR: Child H (2024)",
    "source_url": "",
    "background": "Bruising in a baby who is not yet mobile is rare.",
    "what_happened": "A health visitor saw a small bruise and was reassured by the parent.",
    "learning": "Any bruise on a non-mobile baby needs a referral.",
    "questions": "Do you know the protocol?\nWho would you call?",
    "what_to_do": "Follow the bruising protocol; refer the same day.",
    "further_reading": "",
}


def test_write_publish_and_acknowledge_a_briefing(world, client_for, django_capture_on_commit_callbacks):
    bu = client_for(world.bu)
    assert bu.post(url("briefing_create"), BRIEFING).status_code == 302
    briefing = LearningBriefing.objects.get(title=BRIEFING["title"])
    assert briefing.status == BriefingStatus.DRAFT and not briefing.recipients.exists()
    # A draft has no public page.
    public = reverse("learning_public:briefing", kwargs={"slug": "alpha", "pk": briefing.pk})
    assert client_for(world.outsider).get(public).status_code == 404

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = bu.post(
            url("briefing_publish", pk=briefing.pk), {"organisations": [world.council.pk, world.hospital.pk]}
        )
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.status == BriefingStatus.PUBLISHED and briefing.published_by == world.bu
    assert sorted(briefing.recipients.values_list("organisation__name", flat=True)) == [
        "Alpha Council",
        "Alpha Hospital Trust",
    ]
    # The hospital's contributor is told, by notification and email; nobody else.
    note = Notification.objects.filter(recipient=world.contributor).latest("pk")
    assert note.title == f"Learning briefing to share: {briefing.title}"
    assert [m.to for m in mail.outbox] == [[world.contributor.email]]

    # The contributor acknowledges for their agency, with how many staff it reached.
    contributor = client_for(world.contributor)
    mine = contributor.get(url("my_briefings")).content.decode()
    assert briefing.title in mine
    recipient = briefing.recipients.get(organisation=world.hospital)
    assert (
        contributor.post(url("my_briefing_acknowledge", pk=recipient.pk), {"staff_reached": "85"}).status_code
        == 302
    )
    recipient.refresh_from_db()
    assert recipient.acknowledged_by == world.contributor and recipient.staff_reached == 85
    # The council's row is not the contributor's to acknowledge.
    council = briefing.recipients.get(organisation=world.council)
    assert contributor.post(url("my_briefing_acknowledge", pk=council.pk), {}).status_code == 404
    council.refresh_from_db()
    assert council.acknowledged_at is None

    page = client_for(world.scrutineer).get(briefing.get_absolute_url()).content.decode()
    assert "1 of 2 agencies have acknowledged (50.0%)" in page


def test_public_page_and_pdf_for_practitioners(world, client):
    briefing = world.briefing
    page = client.get(briefing.get_public_url())
    body = page.content.decode()
    assert page.status_code == 200
    for heading in (
        "1. Background",
        "2. What happened",
        "3. The learning",
        "4. Questions for practitioners",
        "5. What to do",
    ):
        assert heading in body
    assert "<li>Who else lives in the home?</li>" in body
    pdf = client.get(reverse("learning_public:briefing_pdf", kwargs={"slug": "alpha", "pk": briefing.pk}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # Another partnership's slug does not reach it.
    assert (
        client.get(
            reverse("learning_public:briefing", kwargs={"slug": "beta", "pk": briefing.pk})
        ).status_code
        == 404
    )


@pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="needs poppler-utils")
def test_briefing_pdf_holds_the_seven_minute_sections(world, client_for):
    from tests.publications.pdftext import pdf_text

    response = client_for(world.bu).get(url("briefing_pdf", pk=world.briefing.pk))
    text = pdf_text(response.content)
    for part in (
        "Alpha: hearing the baby's voice",
        "Background",
        "What happened",
        "Questions for practitioners",
        "Who else lives in the home?",
        "What to do",
    ):
        assert part in text


def test_withdrawn_briefing_leaves_the_public_pages(world, client_for, client):
    assert client_for(world.bu).post(url("briefing_withdraw", pk=world.briefing.pk)).status_code == 302
    assert client.get(world.briefing.get_public_url()).status_code == 404


def test_a_briefing_holding_a_childs_identity_is_refused(world, client_for):
    bu = client_for(world.bu)
    bu.get(url("briefing_list"))
    before = _counts()
    response = bu.post(
        url("briefing_create"),
        {**BRIEFING, "what_happened": "Baby H, DOB 03/02/2024, NHS number 943 476 5919."},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "Do not record anything that identifies a child." in body
    assert _counts() == before


def test_briefing_list_counts_acknowledgements_with_constant_queries(world, client_for):
    from partnerships.learning import services

    def add(n):
        for i in range(n):
            b = LearningBriefing.objects.create(
                partnership=world.alpha,
                title=f"B{i}-{LearningBriefing.objects.count()}",
                background="b",
                what_happened="w",
                learning="l",
                questions="q",
                what_to_do="d",
            )
            services.publish_briefing(world.bu, b, organisations=[world.council])

    assert_constant_queries(client_for(world.bu), url("briefing_list"), add, small=2, large=30)


# --- Training ----------------------------------------------------------------------------------------


def test_book_mark_attendance_evaluate_and_follow_up_through_the_pages(
    world, client_for, django_capture_on_commit_callbacks
):
    bu = client_for(world.bu)
    session = world.training_session
    form = {
        "attendee_name": "Sam Nurse",
        "attendee_email": "sam@example.org",
        "organisation": world.hospital.pk,
        "role": "Nurse",
    }
    assert bu.post(url("booking_create", pk=session.pk), form).status_code == 302
    sam = TrainingBooking.objects.get(attendee_name="Sam Nurse")
    pat = world.booking
    response = bu.post(
        url("session_attendance", pk=session.pk),
        {f"booking_{sam.pk}": BookingStatus.ATTENDED, f"booking_{pat.pk}": BookingStatus.NO_SHOW},
    )
    assert response.status_code == 302
    sam.refresh_from_db()
    pat.refresh_from_db()
    assert (sam.status, pat.status) == (BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
    session.refresh_from_db()
    assert session.status == "held"

    assert (
        bu.post(
            url("booking_evaluation", pk=sam.pk),
            {"confidence_before": "2", "confidence_after": "4", "evaluation": "Clearer on thresholds"},
        ).status_code
        == 302
    )
    # A no-show cannot evaluate.
    response = bu.post(
        url("booking_evaluation", pk=pat.pk), {"confidence_before": "2", "confidence_after": "4"}
    )
    assert response.status_code == 200 and "Only someone who attended" in response.content.decode()

    mail.outbox.clear()
    # Sent a few months after the session (1 July 2019).
    with (
        time_machine.travel(datetime.datetime(2019, 9, 2, 9, tzinfo=datetime.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert bu.post(url("session_follow_ups", pk=session.pk)).status_code == 302
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]
    assert (
        bu.post(
            url("booking_follow_up", pk=sam.pk),
            {
                "practice_change": "I use the escalation policy.",
                "received_on_0": "1",
                "received_on_1": "10",
                "received_on_2": "2019",
            },
        ).status_code
        == 302
    )
    sam.refresh_from_db()
    assert (sam.confidence_change, sam.practice_change, sam.follow_up_received_on) == (
        2,
        "I use the escalation policy.",
        D(2019, 10, 1),
    )

    report = bu.get(url("training_report") + "?year=2019").content.decode()
    assert (
        "no-show rate 50.0%" in report and "a change of 2.00" in report and "response rate 100.0%" in report
    )
    export = bu.get(url("training_report") + "?year=2019&export=csv").content.decode("utf-8-sig")
    assert "Attended,Alpha Hospital Trust,1" in export


def test_cancelling_a_booking_frees_the_place_and_a_session_cancellation_emails(
    world, client_for, django_capture_on_commit_callbacks
):
    bu = client_for(world.bu)
    assert bu.post(url("booking_cancel", pk=world.booking.pk)).status_code == 302
    world.booking.refresh_from_db()
    assert world.booking.status == BookingStatus.CANCELLED and world.booking.cancelled_at
    bu.post(
        url("booking_create", pk=world.training_session.pk),
        {
            "attendee_name": "A",
            "attendee_email": "a@example.org",
            "organisation": world.council.pk,
            "role": "",
        },
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert bu.post(url("session_cancel", pk=world.training_session.pk)).status_code == 302
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_booking_list_exports_attendance_by_person_and_agency(world, client_for):
    rows = (
        client_for(world.lead_health)
        .get(url("booking_list") + "?export=csv")
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert rows[0].startswith("Attendee,Agency,Role,Course,Session,Status")
    assert rows[1].startswith("Pat Practitioner,Alpha Council,Social worker,Alpha think family")
    assert rows[2].startswith("Jo Midwife,Alpha Hospital Trust,Midwife,Alpha neglect toolkit")
    assert len(rows) == 3  # beta's booking is not alpha's


def test_booking_list_query_count_is_constant(world, client_for):
    from partnerships.learning import services
    from partnerships.learning.models import TrainingSession

    def add(n):
        session = TrainingSession.objects.create(
            course=world.course, starts_at=world.training_session.starts_at, venue="X", capacity=1000
        )
        for i in range(n):
            services.book_place(world.bu, session, attendee_name=f"P{i}", organisation=world.council)

    assert_constant_queries(client_for(world.bu), url("booking_list"), add, small=3, large=40)


# --- Voice -------------------------------------------------------------------------------------------


def test_no_engagement_record_can_hold_a_childs_identity(world, client_for):
    # The model has no field for a name, a date of birth or an NHS number: only counts by age band.
    names = {f.name for f in EngagementActivity._meta.get_fields()}
    assert not names & {"name", "child_name", "first_name", "last_name", "date_of_birth", "dob", "nhs_number"}
    assert {"count_under_5", "count_5_to_10", "count_11_to_15", "count_16_to_17", "count_18_to_25"} <= names

    bu = client_for(world.bu)
    bu.get(url("engagement_list"))
    before = _counts()
    form = {
        "title": "Youth forum",
        "kind": "group",
        "held_on_0": "1",
        "held_on_1": "10",
        "held_on_2": "2019",
        "count_11_to_15": "5",
        "what_they_said": "Jamie (DOB 12/03/2008) said school did not listen.",
    }
    response = bu.post(url("engagement_create"), form)
    assert (
        response.status_code == 200
        and "Do not record anything that identifies a child." in response.content.decode()
    )
    assert _counts() == before

    # Not through the model either (admin, API, imports and demo all save through it).
    for text in ("NHS number 943 476 5919", "born on 1/2/2010", "Child's name: Jamie"):
        with pytest.raises(ValidationError):
            EngagementActivity.objects.create(
                partnership=world.alpha, title="t", kind="group", held_on=D(2019, 1, 1), what_they_said=text
            )
        with pytest.raises(ValidationError):
            YouSaidWeDid.objects.create(activity=world.activity, you_said=text, we_did="x")
    assert _counts() == before


def test_engagement_needs_someone_to_have_taken_part(world, client_for):
    form = {
        "title": "Survey",
        "kind": "survey",
        "held_on_0": "1",
        "held_on_1": "10",
        "held_on_2": "2019",
        "what_they_said": "x",
    }
    response = client_for(world.bu).post(url("engagement_create"), form)
    assert "Give the number who took part in at least one age band." in response.content.decode()


def test_you_said_we_did_links_to_actions_of_the_partnership_only(world, client_for):
    bu = client_for(world.bu)
    form = {
        "you_said": "Meetings are at school time.",
        "we_did": "Forum moved to evenings.",
        "status": "done",
        "priority": "",
        "actions": [world.action.pk],
    }
    assert bu.post(url("change_create", pk=world.activity.pk), form).status_code == 302
    change = YouSaidWeDid.objects.get(you_said="Meetings are at school time.")
    assert list(change.actions.all()) == [world.action]
    response = bu.post(
        url("change_create", pk=world.activity.pk), {**form, "actions": [world.beta_action.pk]}
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    page = bu.get(world.activity.get_absolute_url()).content.decode()
    assert "Forum moved to evenings." in page and world.action.title in page


def test_overview_shows_the_yearly_figures(world, client_for):
    body = client_for(world.scrutineer).get(url("learning_overview") + "?year=2019").content.decode()
    assert "Financial year 2019/20" in body
    assert "Re-referrals within 12 months" in body
    assert "Beta youth forum" not in body


def test_outsider_cannot_reach_alphas_learning_records(world, client_for):
    client = client_for(world.outsider)
    for name, pk in (
        ("briefing_detail", world.briefing.pk),
        ("session_detail", world.training_session.pk),
        ("indicator_detail", world.indicator.pk),
    ):
        assert client.get(url(name, pk=pk)).status_code == 404
    # Nor by putting alpha's id under beta's address.
    beta = reverse("learning:briefing_detail", kwargs={"partnership": "beta", "pk": world.briefing.pk})
    assert client.get(beta).status_code == 404
