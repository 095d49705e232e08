"""Workflow steps of learning and evidence of impact, one function each, `actor` first.

Each runs in a transaction; emails go on commit. Titles in notifications are briefing and course
titles, which the model refuses to hold a child's identity in.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from partnerships.core import mail
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

logger = logging.getLogger(__name__)

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
    ).select_related("user", "organisation")
    url = reverse("learning:my_briefings", kwargs={"partnership": briefing.partnership.slug})
    for role in contributors:
        notify(
            role.user,
            f"Learning briefing to share: {briefing.title}",
            body=(
                f"{briefing.partnership.short_name} published the learning briefing "
                f'"{briefing.title}" on {date_format(briefing.published_on, "j F Y")} and sent it '
                f"to {role.organisation.name}.\n\nWhat to do: share it with your practitioners, then "
                "confirm on your briefings page how many you reached."
            ),
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


def _when(session):
    """A session's date and time in running text: "Tuesday 3 March 2026, 9:30am to 12:30pm"."""
    starts = timezone.localtime(session.starts_at)
    when = date_format(starts, "l j F Y, g:iA").replace(":00", "").replace("AM", "am").replace("PM", "pm")
    if session.ends_at:
        ends = timezone.localtime(session.ends_at)
        until = date_format(ends, "g:iA").replace(":00", "").replace("AM", "am").replace("PM", "pm")
        when += f" to {until}" if ends.date() == starts.date() else f" to {date_format(ends, 'l j F Y')}"
    return when


def _contact(partnership):
    return partnership.contact_email or f"the {partnership.short_name} business unit"


def _email_each(messages):
    """Once the transaction commits, send each (address, subject, text) as its own e-mail: one
    person per message, so nobody sees who else was booked, and one failure stops no other."""

    def send():
        for address, subject, text in messages:
            try:
                mail.message(address, subject, text).send()
            except Exception:  # the change stands; a lost e-mail is logged, not raised
                logger.exception("Could not email %s about %s", address.partition("@")[2], subject)

    if messages:
        transaction.on_commit(send)


@transaction.atomic
def cancel_session(actor, session, *, reason=""):
    """Cancel a session; each attendee is emailed on their own once the cancellation is saved, with
    the session's title, date and time, venue, the reason and its page."""
    session.status = SessionStatus.CANCELLED
    session.cancelled_reason = reason
    as_actor(session, actor).save()
    partnership = session.course.partnership
    when, link = _when(session), mail.absolute(session.get_absolute_url())
    subject = (
        f"Cancelled: {session.course.title}, {date_format(timezone.localtime(session.starts_at), 'j F Y')}"
    )
    messages = []
    for booking in session.bookings.filter(status=BookingStatus.BOOKED).order_by("pk"):
        if not booking.attendee_email:
            continue
        lines = [
            f"Dear {booking.attendee_name},",
            f"The {partnership.short_name} training session you were booked on has been cancelled.",
            f"Session: {session.course.title}\nWhen: {when}\nWhere: {session.venue}",
            f"Why: {reason or 'No reason was given.'}",
            "What to do: nothing; your place has been cancelled. To book another date, contact "
            f"{_contact(partnership)}.",
            f"The session's page (for people who sign in to {settings.SERVICE_NAME}): {link}",
        ]
        messages.append((booking.attendee_email, subject, "\n\n".join(lines)))
    _email_each(messages)
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
    partnership = session.course.partnership
    subject = f"What has changed since your training: {session.course.title}"
    messages = [
        (
            booking.attendee_email,
            subject,
            "\n\n".join(
                [
                    f"Dear {booking.attendee_name},",
                    f"On {_when(session)} you attended {partnership.short_name}'s multi-agency training "
                    f"{session.course.title} at {session.venue}.",
                    f"What to do: write to {_contact(partnership)} in a few lines: what has changed in "
                    "your practice since?",
                    f"The session's page (for people who sign in to {settings.SERVICE_NAME}): "
                    f"{mail.absolute(session.get_absolute_url())}",
                ]
            ),
        )
        for booking in sent
        if booking.attendee_email
    ]
    _email_each(messages)
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
