"""Agencies' own training in the test world: a session open for booking (far in the future) and an
attendee of the contributor's agency (Alpha Hospital Trust) whose evaluation is still to come, with
the secret link they were sent. Dated away from the years other tests count (2017 and 2040)."""

import datetime

from partnerships.learning import services
from partnerships.learning.models import TrainingCourse, TrainingSession
from tests.learning.builders import at

D = datetime.date


def extend_world(w):
    course = TrainingCourse.objects.create(
        partnership=w.alpha,
        title="Alpha neglect toolkit",
        topic="Neglect",
        trainer="Partnership training officer",
    )
    w.open_session = TrainingSession.objects.create(
        course=course, starts_at=at(D(2040, 1, 16)), venue="Council House", capacity=2
    )
    held = TrainingSession.objects.create(
        course=course, starts_at=at(D(2017, 5, 2)), venue="Council House", capacity=10
    )
    w.hospital_booking = services.book_place(
        w.bu,
        held,
        attendee_name="Jo Midwife",
        attendee_email="jo.midwife@example.org",
        organisation=w.hospital,
        role="Midwife",
    )
    services.record_attendance(w.bu, held, attended=[w.hospital_booking.pk])
    w.hospital_booking.refresh_from_db()
    w.evaluation_token = services.send_evaluation_link(w.bu, w.hospital_booking)
    w.hospital_booking.refresh_from_db()
    w.url_kwargs.update(
        {
            "learning:agency_booking_create": {"pk": w.open_session.pk},
            "learning:agency_booking_cancel": {"pk": w.hospital_booking.pk},
            "learning:agency_booking_evaluation": {"pk": w.hospital_booking.pk},
        }
    )
