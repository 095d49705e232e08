"""Agencies take part in training themselves: an agency contributor books places for their own staff
(page and API) and sees only their agency's bookings; a full session keeps a waiting list that
fills freed places in the order they were asked for, e-mailing each person given a place; attendees
give their own evaluation from a link that works once, and the figures count it."""

import datetime
import re

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.urls import reverse

from partnerships.core.mail import links_in
from partnerships.learning import figures, services
from partnerships.learning.models import BookingStatus, TrainingBooking, TrainingSession
from tests.learning.builders import at

D = datetime.date
SITE = "https://safeguarding.example.org"


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def url(name, **kwargs):
    return reverse(f"learning:{name}", kwargs={"partnership": "alpha", **kwargs})


def _person(name, org_email_prefix=None):
    return {
        "attendee_name": name,
        "attendee_email": f"{(org_email_prefix or name.split()[0]).lower()}@example.org",
        "role": "Nurse",
    }


# --- Self-booking --------------------------------------------------------------------------------------


def test_a_contributor_books_a_place_for_their_own_agencys_staff(world, client_for):
    contributor = client_for(world.contributor)
    page = contributor.get(url("agency_training")).content.decode()
    # The open session is offered; the past one is not.
    assert url("agency_booking_create", pk=world.open_session.pk) in page
    assert url("agency_booking_create", pk=world.training_session.pk) not in page
    form = contributor.get(url("agency_booking_create", pk=world.open_session.pk)).content.decode()
    assert "Alpha Hospital Trust" in form and "Alpha Council" not in form and "---------" not in form

    response = contributor.post(
        url("agency_booking_create", pk=world.open_session.pk),
        {**_person("Kim Nurse"), "organisation": world.hospital.pk},
    )
    assert response.status_code == 302 and response["Location"] == url("agency_training")
    booking = TrainingBooking.objects.get(attendee_name="Kim Nurse")
    assert (booking.session, booking.organisation, booking.status) == (
        world.open_session,
        world.hospital,
        BookingStatus.BOOKED,
    )
    assert booking.booked_by == world.contributor
    assert booking.history.first().history_user == world.contributor
    assert "Kim Nurse" in contributor.get(url("agency_training")).content.decode()


def test_a_contributor_cannot_book_for_another_organisation_page_service_or_api(world, client_for, api_for):
    contributor, api = client_for(world.contributor), api_for(world.contributor)
    before = _counts()
    response = contributor.post(
        url("agency_booking_create", pk=world.open_session.pk),
        {**_person("Lee Social"), "organisation": world.council.pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "You can book places only for staff of your own organisation (Alpha Hospital Trust)." in page
    assert 'value="Lee Social"' in page  # what they typed is kept
    assert _counts() == before

    with pytest.raises(services.ValidationError) as refused:
        services.book_place(
            world.contributor, world.open_session, attendee_name="Lee Social", organisation=world.council
        )
    assert "organisation" in refused.value.message_dict

    answer = api.post(
        "/api/training-bookings/",
        {"session": world.open_session.pk, "attendee_name": "Lee Social", "organisation": world.council.pk},
        format="json",
    )
    assert answer.status_code == 400
    assert answer.json() == {
        "organisation": [
            "You can book places only for staff of your own organisation (Alpha Hospital Trust)."
        ]
    }
    assert _counts() == before

    made = api.post(
        "/api/training-bookings/",
        {"session": world.open_session.pk, "attendee_name": "Kim Nurse", "organisation": world.hospital.pk},
        format="json",
    )
    assert made.status_code == 201 and made.json()["status"] == "booked"
    assert TrainingBooking.objects.get(pk=made.json()["id"]).booked_by == world.contributor


def test_a_contributor_cannot_book_a_session_that_is_not_open(world, client_for, api_for):
    # The 2019 session has started: not offered, its booking page is a 404, the API refuses it.
    assert (
        client_for(world.contributor)
        .get(url("agency_booking_create", pk=world.training_session.pk))
        .status_code
        == 404
    )
    answer = api_for(world.contributor).post(
        "/api/training-bookings/",
        {"session": world.training_session.pk, "attendee_name": "Kim", "organisation": world.hospital.pk},
        format="json",
    )
    assert answer.status_code == 400 and "session" in answer.json()


def test_a_contributor_sees_only_their_own_agencys_bookings(world, client_for, api_for):
    services.book_place(
        world.bu, world.open_session, attendee_name="Council Person", organisation=world.council
    )
    page = client_for(world.contributor).get(url("agency_training")).content.decode()
    assert "Jo Midwife" in page  # their agency's attendee (past)
    assert "Council Person" not in page and "Pat Practitioner" not in page
    listed = api_for(world.contributor).get("/api/training-bookings/").json()["results"]
    assert {row["attendee_name"] for row in listed} == {"Jo Midwife"}
    # Another agency's booking cannot be opened, cancelled or evaluated by them.
    contributor = client_for(world.contributor)
    assert api_for(world.contributor).get(f"/api/training-bookings/{world.booking.pk}/").status_code == 404
    contributor.get(url("agency_training"))
    before = _counts()
    assert contributor.post(url("agency_booking_cancel", pk=world.booking.pk)).status_code == 404
    assert contributor.get(url("agency_booking_evaluation", pk=world.booking.pk)).status_code == 404
    assert _counts() == before


def test_outsiders_get_404_and_a_scrutineer_cannot_book(world, client_for, api_for):
    outsider, scrutineer = client_for(world.outsider), client_for(world.scrutineer)
    before = _counts()
    for name, kwargs in (
        ("agency_training", {}),
        ("agency_booking_create", {"pk": world.open_session.pk}),
        ("agency_booking_evaluation", {"pk": world.hospital_booking.pk}),
    ):
        assert outsider.get(url(name, **kwargs)).status_code == 404
    assert (
        outsider.post(url("agency_booking_create", pk=world.open_session.pk), _person("X")).status_code == 404
    )
    assert (
        api_for(world.outsider).get(f"/api/training-bookings/{world.hospital_booking.pk}/").status_code == 404
    )

    data = {**_person("Sly Reader"), "organisation": world.council.pk}
    assert scrutineer.get(url("booking_create", pk=world.open_session.pk)).status_code == 403
    assert scrutineer.post(url("booking_create", pk=world.open_session.pk), data).status_code == 403
    answer = api_for(world.scrutineer).post(
        "/api/training-bookings/", {"session": world.open_session.pk, **data}, format="json"
    )
    assert answer.status_code == 403
    with pytest.raises(services.PermissionDenied):
        services.book_place(
            world.scrutineer, world.open_session, attendee_name="Sly", organisation=world.council
        )
    assert _counts() == before


def test_the_business_unit_still_books_for_any_agency(world, client_for):
    response = client_for(world.bu).post(
        url("booking_create", pk=world.open_session.pk),
        {**_person("Lee Social"), "organisation": world.council.pk},
    )
    assert response.status_code == 302
    assert TrainingBooking.objects.get(attendee_name="Lee Social").organisation == world.council


# --- Waiting lists -------------------------------------------------------------------------------------


def _fill(world, session):
    """Two places taken by the business unit, then three people waiting, asked for in turn."""
    booked = [
        services.book_place(
            world.bu,
            session,
            attendee_name=n,
            attendee_email=f"{n.lower()}@example.org",
            organisation=world.council,
        )
        for n in ("First", "Second")
    ]
    waiting = []
    for minute, name in enumerate(("Ana", "Ben", "Cal")):
        with time_machine.travel(datetime.datetime(2039, 6, 1, 9, minute, tzinfo=datetime.UTC), tick=False):
            waiting.append(
                services.book_place(
                    world.contributor,
                    session,
                    attendee_name=f"{name} Nurse",
                    attendee_email=f"{name.lower()}@example.org",
                    organisation=world.hospital,
                )
            )
    return booked, waiting


def test_a_full_session_puts_new_bookings_on_the_waiting_list_in_order(world, client_for):
    session = world.open_session  # two places
    _, waiting = _fill(world, session)
    assert [b.status for b in waiting] == [BookingStatus.WAITING] * 3
    assert [b.waiting_position for b in waiting] == [1, 2, 3]
    page = client_for(world.bu).get(session.get_absolute_url()).content.decode()
    assert "2 of 2 places taken, 3 on the waiting list" in page
    assert "Waiting list: position 1" in page and "Waiting list: position 3" in page
    agency = client_for(world.contributor).get(url("agency_training")).content.decode()
    assert re.search(r"Cal Nurse.*?Waiting list: position 3", agency, re.S)


def test_two_cancellations_give_the_places_to_the_first_two_waiting_in_order(
    world, settings, client_for, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SITE
    session = world.open_session
    booked, (ana, ben, cal) = _fill(world, session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(world.bu).post(url("booking_cancel", pk=booked[1].pk)).status_code == 302
        services.cancel_booking(world.bu, booked[0])
    for booking in (ana, ben, cal):
        booking.refresh_from_db()
    assert (ana.status, ben.status, cal.status) == (
        BookingStatus.BOOKED,
        BookingStatus.BOOKED,
        BookingStatus.WAITING,
    )
    assert ana.place_offered_at and ben.place_offered_at
    assert cal.waiting_position == 1
    assert ana.history.order_by("-history_id").first().history_user == world.bu
    # Each attendee, and the contributor who booked them, is told on their own.
    assert [m.to for m in mail.outbox] == [
        ["ana@example.org"],
        [world.contributor.email],
        ["ben@example.org"],
        [world.contributor.email],
    ]
    to_ana = mail.outbox[0]
    assert to_ana.subject == "A place for you: Alpha neglect toolkit, 16 January 2040"
    assert "it is now yours" in to_ana.body and "Where: Council House" in to_ana.body
    assert "Ben Nurse" not in to_ana.body and "Cal Nurse" not in to_ana.body
    to_contributor = mail.outbox[1]
    assert "it has gone to Ana Nurse (Alpha Hospital Trust)" in to_contributor.body
    assert links_in(to_contributor.body) == [f"{SITE}/p/alpha/learning/agency-training/"]
    assert "cal@example.org" not in {m.to[0] for m in mail.outbox}


def test_raising_the_capacity_gives_the_new_places_to_the_waiting_list(
    world, client_for, django_capture_on_commit_callbacks
):
    session = world.open_session
    _, (ana, ben, cal) = _fill(world, session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.bu).post(
            url("session_update", pk=session.pk),
            {
                "day_0": "16",
                "day_1": "1",
                "day_2": "2040",
                "start_time": "10:00",
                "end_time": "",
                "venue": "Council House",
                "delivery": "in_person",
                "capacity": "3",
            },
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.capacity == 3
    statuses = {
        b.attendee_name: b.status for b in TrainingBooking.objects.filter(pk__in=[ana.pk, ben.pk, cal.pk])
    }
    assert statuses == {"Ana Nurse": "booked", "Ben Nurse": "waiting", "Cal Nurse": "waiting"}
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", world.contributor.email]


def test_leaving_the_waiting_list_moves_the_others_up_and_a_contributor_can_cancel(world, client_for):
    session = world.open_session
    _, (ana, ben, cal) = _fill(world, session)
    response = client_for(world.contributor).post(url("agency_booking_cancel", pk=ana.pk))
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.status == BookingStatus.CANCELLED
    assert [TrainingBooking.objects.get(pk=b.pk).waiting_position for b in (ben, cal)] == [1, 2]


def test_the_agency_page_runs_a_constant_number_of_queries(world, client_for):
    from tests.querycount import assert_constant_queries

    def add(n):
        session = TrainingSession.objects.create(
            course=world.open_session.course, starts_at=at(D(2041, 1, 1)), venue="X", capacity=1
        )
        for i in range(n):
            services.book_place(world.bu, session, attendee_name=f"P{i}", organisation=world.hospital)

    assert_constant_queries(client_for(world.contributor), url("agency_training"), add, small=2, large=12)


# --- Evaluations from a link ---------------------------------------------------------------------------


def _link(message):
    return links_in(message.body)[-1]


def _attend(world, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = SITE
    session = TrainingSession.objects.create(
        course=world.open_session.course, starts_at=at(D(2024, 5, 1)), venue="Town Hall", capacity=5
    )
    people = [
        services.book_place(
            world.bu,
            session,
            attendee_name=n,
            attendee_email=f"{n.lower()}@example.org",
            organisation=world.hospital,
        )
        for n in ("Dee", "Eve")
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_attendance(world.bu, session, attended=[p.pk for p in people])
    return session, people


def test_attendees_are_emailed_a_personal_link_that_works_once(
    world, settings, client, django_capture_on_commit_callbacks
):
    _session, (dee, _eve) = _attend(world, settings, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["dee@example.org", "eve@example.org"]
    to_dee = next(m for m in mail.outbox if m.to == ["dee@example.org"])
    link = _link(to_dee)
    assert link.startswith(f"{SITE}/learning/evaluation/")
    assert link != _link(next(m for m in mail.outbox if m.to == ["eve@example.org"]))
    token = link.rstrip("/").rsplit("/", 1)[1]
    dee.refresh_from_db()
    assert token not in dee.evaluation_token_hash and len(dee.evaluation_token_hash) == 64  # a hash only

    path = link.removeprefix(SITE)
    page = client.get(path)  # no sign-in
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dee" in text and "Alpha neglect toolkit" in text and "Eve" not in text
    refused = client.post(path, {"confidence_before": "2"})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    saved = client.post(
        path, {"confidence_before": "2", "confidence_after": "5", "evaluation": "Ask sooner."}
    )
    assert saved.status_code == 200 and "Thank you for your evaluation" in saved.content.decode()
    dee.refresh_from_db()
    assert (dee.confidence_before, dee.confidence_after, dee.evaluation) == (2, 5, "Ask sooner.")
    assert dee.evaluation_link_used_at is not None
    latest = dee.history.first()
    assert latest.history_user is None and latest.history_change_reason.startswith(
        "Evaluation given by the attendee"
    )

    again = client.get(path)
    assert again.status_code == 410 and "You have already given your evaluation" in again.content.decode()
    assert client.post(path, {"confidence_before": "1", "confidence_after": "1"}).status_code == 410
    dee.refresh_from_db()
    assert dee.confidence_after == 5
    # The figures count the attendee's own evaluation.
    result = figures.evaluation_change(world.alpha, D(2024, 4, 1), D(2025, 3, 31))
    assert result.evaluations == 1 and result.improved == 1


def test_wrong_and_expired_links_are_refused(world, settings, client, django_capture_on_commit_callbacks):
    _, (dee, _eve) = _attend(world, settings, django_capture_on_commit_callbacks)
    path = _link(next(m for m in mail.outbox if m.to == ["dee@example.org"])).removeprefix(SITE)
    assert (
        client.get(reverse("learning_public:evaluation", kwargs={"token": "not-a-real-token"})).status_code
        == 404
    )
    assert (
        client.post(reverse("learning_public:evaluation", kwargs={"token": "x" * 43}), {}).status_code == 404
    )
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(
        days=services.EVALUATION_LINK_DAYS + 1
    )
    with time_machine.travel(later, tick=False):
        expired = client.get(path)
        assert expired.status_code == 410 and "This evaluation link has expired" in expired.content.decode()
        assert client.post(path, {"confidence_before": "1", "confidence_after": "3"}).status_code == 410
    dee.refresh_from_db()
    assert dee.confidence_before is None


def test_the_agencys_contributor_gives_the_evaluation_for_their_attendee(world, client_for, client):
    booking = world.hospital_booking  # attended; sent a link (tests/learning/builders_self_booking.py)
    contributor = client_for(world.contributor)
    page = contributor.get(url("agency_training")).content.decode()
    assert url("agency_booking_evaluation", pk=booking.pk) in page
    response = contributor.post(
        url("agency_booking_evaluation", pk=booking.pk),
        {"confidence_before": "3", "confidence_after": "4", "evaluation": "Better referrals."},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.confidence_before, booking.confidence_after) == (3, 4)
    assert booking.history.first().history_user == world.contributor
    # The attendee's own link is then used up.
    path = reverse("learning_public:evaluation", kwargs={"token": world.evaluation_token})
    assert client.get(path).status_code == 410
    # A scrutineer cannot give it.
    assert client_for(world.scrutineer).post(url("booking_evaluation", pk=booking.pk), {}).status_code == 403


def test_the_business_unit_sends_a_new_link_and_the_old_one_stops_working(
    world, settings, client, client_for, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SITE
    booking = world.hospital_booking
    old = reverse("learning_public:evaluation", kwargs={"token": world.evaluation_token})
    assert client_for(world.scrutineer).post(url("booking_evaluation_link", pk=booking.pk)).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.bu).post(url("booking_evaluation_link", pk=booking.pk))
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["jo.midwife@example.org"] and message.subject.startswith("How was your training?")
    new = _link(message).removeprefix(SITE)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_contributor_cancels_their_own_agencys_booking_through_the_api(world, api_for):
    session = world.open_session
    _, (ana, _ben, _cal) = _fill(world, session)
    api = api_for(world.contributor)
    before = _counts()
    assert (
        api.post(f"/api/training-bookings/{world.booking.pk}/cancel/").status_code == 404
    )  # another agency's
    assert api_for(world.scrutineer).post(f"/api/training-bookings/{ana.pk}/cancel/").status_code == 403
    assert _counts() == before
    answer = api.post(f"/api/training-bookings/{ana.pk}/cancel/")
    assert answer.status_code == 200 and answer.json()["status"] == "cancelled"
    past = api.post(f"/api/training-bookings/{world.hospital_booking.pk}/cancel/")
    assert past.status_code == 400 and "non_field_errors" in past.json()
