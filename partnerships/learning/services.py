"""Workflow steps of learning and evidence of impact, one function each, `actor` first.

Each runs in a transaction; emails go on commit. Titles in notifications are briefing and course
titles, which the model refuses to hold a child's identity in.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from partnerships.core.choices import RoleKind
from partnerships.core.models import Organisation, Role
from partnerships.core.permissions import Perm
from partnerships.core.registry import AgencyRequest
from partnerships.core.services import as_actor, notify
from partnerships.learning.models import (
    BookingStatus,
    BriefingRecipient,
    BriefingStatus,
    IndicatorValue,
    SessionStatus,
    TrainingBooking,
)

# Bookings that hold a place on a session (a cancelled booking frees its place).
PLACE_HOLDING = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


def partnership_agencies(partnership):
    """The statutory partners and relevant agencies of a partnership: a briefing's default audience."""
    return Organisation.objects.filter(
        Q(partner_of__partnership=partnership) | Q(relevant_agency_of__partnership=partnership)
    ).distinct()


def set_source(briefing, source):
    """Point a briefing at the finding it comes from, in whichever app holds it (no import of that app)."""
    briefing.source_type = ContentType.objects.get_for_model(source)
    briefing.source_id = source.pk
    briefing.source_label = str(source)[:255]
    briefing.source_url = source.get_absolute_url() if hasattr(source, "get_absolute_url") else ""
    return briefing


@transaction.atomic
def publish_briefing(actor, briefing, *, organisations=None, on=None):
    """Publish a briefing to practitioners and send it to agencies (all partners and relevant agencies
    unless `organisations` names some); their contributors are told and asked to acknowledge it."""
    if briefing.status == BriefingStatus.WITHDRAWN:
        raise ValidationError("A withdrawn briefing cannot be published again: copy it into a new one.")
    organisations = list(
        organisations if organisations is not None else partnership_agencies(briefing.partnership)
    )
    if not organisations:
        raise ValidationError("Choose at least one agency to send the briefing to.")
    briefing.status = BriefingStatus.PUBLISHED
    briefing.published_on = briefing.published_on or on or timezone.localdate()
    briefing.published_by = briefing.published_by or actor
    as_actor(briefing, actor).save()
    existing = set(briefing.recipients.values_list("organisation_id", flat=True))
    new = [org for org in organisations if org.pk not in existing]
    for org in new:
        as_actor(BriefingRecipient(briefing=briefing, organisation=org), actor).save()
    contributors = Role.objects.filter(
        partnership=briefing.partnership,
        kind=RoleKind.AGENCY_CONTRIBUTOR,
        organisation__in=[o.pk for o in new],
    ).select_related("user")
    url = reverse("learning:my_briefings", kwargs={"partnership": briefing.partnership.slug})
    for role in contributors:
        notify(
            role.user,
            f"Learning briefing to share: {briefing.title}",
            body="Please share it with your practitioners and confirm when you have.",
            url=url,
            partnership=briefing.partnership,
        )
    return briefing


@transaction.atomic
def withdraw_briefing(actor, briefing):
    briefing.status = BriefingStatus.WITHDRAWN
    as_actor(briefing, actor).save()
    return briefing


@transaction.atomic
def acknowledge_briefing(actor, recipient, *, staff_reached=None, note="", at=None):
    """An agency confirms it has shared the briefing with its staff (idempotent: the first time stands)."""
    if recipient.briefing.status != BriefingStatus.PUBLISHED:
        raise ValidationError("Only a published briefing can be acknowledged.")
    if recipient.acknowledged_at is None:
        recipient.acknowledged_at = at or timezone.now()
        recipient.acknowledged_by = actor
    if staff_reached is not None:
        recipient.staff_reached = staff_reached
    if note:
        recipient.note = note
    as_actor(recipient, actor).save()
    return recipient


# --- Training ----------------------------------------------------------------------------------------


@transaction.atomic
def book_place(actor, session, *, attendee_name, organisation, attendee_email="", role=""):
    """Book a practitioner onto a session; refused when it is full or cancelled."""
    session = type(session).objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("This session has been cancelled.")
    taken = session.bookings.filter(status__in=PLACE_HOLDING).count()
    if taken >= session.capacity:
        raise ValidationError(f"This session is full ({session.capacity} places).")
    booking = TrainingBooking(
        session=session,
        attendee_name=attendee_name,
        attendee_email=attendee_email,
        organisation=organisation,
        role=role,
    )
    booking.full_clean()
    as_actor(booking, actor).save()
    return booking


@transaction.atomic
def cancel_booking(actor, booking, *, at=None):
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError("Only a booking not yet marked attended or absent can be cancelled.")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = at or timezone.now()
    as_actor(booking, actor).save()
    return booking


@transaction.atomic
def cancel_session(actor, session, *, reason=""):
    """Cancel a session; its attendees are emailed once the cancellation is saved."""
    session.status = SessionStatus.CANCELLED
    session.cancelled_reason = reason
    as_actor(session, actor).save()
    emails = [
        b.attendee_email for b in session.bookings.filter(status=BookingStatus.BOOKED) if b.attendee_email
    ]
    if emails:
        subject = f"Cancelled: {session}"

        def send():
            send_mail(subject, reason or subject, settings.DEFAULT_FROM_EMAIL, emails)

        transaction.on_commit(send)
    return session


@transaction.atomic
def record_attendance(actor, session, *, attended, absent=()):
    """Mark who attended and who did not; the session counts as held once anyone is marked."""
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("A cancelled session has no attendance.")
    attended, absent = set(attended), set(absent)
    if attended & absent:
        raise ValidationError("Someone cannot both attend and be absent.")
    for booking in session.bookings.exclude(status=BookingStatus.CANCELLED):
        wanted = (
            BookingStatus.ATTENDED
            if booking.pk in attended
            else BookingStatus.NO_SHOW
            if booking.pk in absent
            else booking.status
        )
        if wanted != booking.status:
            booking.status = wanted
            as_actor(booking, actor).save()
    if session.status != SessionStatus.HELD:
        session.status = SessionStatus.HELD
        as_actor(session, actor).save()
    return session


@transaction.atomic
def record_evaluation(actor, booking, *, confidence_before, confidence_after, evaluation=""):
    if booking.status != BookingStatus.ATTENDED:
        raise ValidationError("Only someone who attended can evaluate the session.")
    booking.confidence_before = confidence_before
    booking.confidence_after = confidence_after
    booking.evaluation = evaluation
    booking.full_clean()
    as_actor(booking, actor).save()
    return booking


@transaction.atomic
def send_follow_ups(actor, session, *, on=None):
    """Ask each attendee, a few months on, what changed in their practice (once per attendee)."""
    on = on or timezone.localdate()
    sent = []
    for booking in session.bookings.filter(status=BookingStatus.ATTENDED, follow_up_sent_on__isnull=True):
        booking.follow_up_sent_on = on
        as_actor(booking, actor).save()
        sent.append(booking)
    emails = [b.attendee_email for b in sent if b.attendee_email]
    if emails:
        subject = f"What has changed since: {session.course.title}"

        def send():
            send_mail(
                subject,
                "A few months ago you attended this multi-agency training. What has changed in your practice?",
                settings.DEFAULT_FROM_EMAIL,
                emails,
            )

        transaction.on_commit(send)
    return sent


@transaction.atomic
def record_follow_up(actor, booking, *, practice_change, received_on=None):
    if booking.status != BookingStatus.ATTENDED:
        raise ValidationError("Only someone who attended can answer the follow-up.")
    booking.practice_change = practice_change
    booking.follow_up_received_on = received_on or timezone.localdate()
    booking.follow_up_sent_on = booking.follow_up_sent_on or booking.follow_up_received_on
    booking.full_clean()
    as_actor(booking, actor).save()
    return booking


# --- Dataset -----------------------------------------------------------------------------------------


@transaction.atomic
def submit_value(actor, indicator, *, period_start, value, area="", commentary=""):
    """Save one period's value (replacing an earlier figure for the same period and area)."""
    row = IndicatorValue.objects.filter(indicator=indicator, period_start=period_start, area=area).first()
    row = row or IndicatorValue(indicator=indicator, period_start=period_start, area=area)
    row.value = value
    row.commentary = commentary
    row.submitted_by = actor if getattr(actor, "pk", None) else None
    row.submitted_at = timezone.now()
    row.full_clean()
    as_actor(row, actor).save()
    return row


def first_of_period(day):
    return datetime.date(day.year, day.month, 1)


def briefing_requests(user, organisation_ids):
    """Published briefings sent to the contributor's agencies, as requests on their home page."""
    recipients = (
        BriefingRecipient.objects.permitted(user, Perm.CONTRIBUTE)
        .filter(organisation__in=organisation_ids, briefing__status=BriefingStatus.PUBLISHED)
        .select_related("briefing__partnership", "organisation")
    )
    return [
        AgencyRequest(
            kind="Learning briefing",
            title=r.briefing.title,
            partnership_name=r.briefing.partnership.name,
            organisation_name=r.organisation.name,
            due_date=r.briefing.acknowledge_by,
            status="Acknowledged" if r.acknowledged_at else "To share and acknowledge",
            url=reverse(
                "learning:my_briefing_acknowledge",
                kwargs={"partnership": r.briefing.partnership.slug, "pk": r.pk},
            ),
            is_open=r.acknowledged_at is None,
        )
        for r in recipients
    ]
