"""Workflow steps of learning and evidence of impact, one function each, `actor` first.

Each runs in a transaction; emails go on commit. Titles in notifications are briefing and course
titles, which the model refuses to hold a child's identity in.
"""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from partnerships.core import mail
from partnerships.core.choices import RoleKind
from partnerships.core.models import Organisation, Role
from partnerships.core.permissions import Perm, access_for, contributor_organisations, require
from partnerships.core.registry import AgencyRequest
from partnerships.core.services import as_actor, notify
from partnerships.learning.models import (
    BookingStatus,
    BriefingRecipient,
    BriefingStatus,
    IndicatorValue,
    SessionStatus,
    TrainingBooking,
    TrainingSession,
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


# How long an attendee's evaluation link works after attendance is recorded.
EVALUATION_LINK_DAYS = 60
_TOKEN_BYTES = 32  # 256 bits: a fast hash is enough (nobody chose it), as for the calendar address


def booking_organisations(actor, partnership):
    """The organisations `actor` may book places for in `partnership`: None for any of the
    partnership's agencies (the business unit), else an agency contributor's own organisations.
    Anyone else is refused: 404 for an outsider, 403 for a reader such as a scrutineer."""
    access = access_for(actor)
    if access.has(Perm.CHANGE, partnership):
        return None
    if access.has(Perm.CONTRIBUTE, partnership):
        return set(contributor_organisations(actor, partnership))
    require(actor, Perm.CHANGE, partnership)
    raise PermissionDenied("Your role in this partnership does not allow this.")


def _own_organisation_message(actor, partnership, allowed):
    names = sorted(Organisation.objects.filter(pk__in=allowed).values_list("name", flat=True))
    own = " or ".join(names) or "your own organisation"
    return f"You can book places only for staff of your own organisation ({own})."


def _check_agency_booking(actor, booking):
    """A contributor acts only on their own organisation's bookings (the business unit on any)."""
    allowed = booking_organisations(actor, booking.session.course.partnership)
    if allowed is not None and booking.organisation_id not in allowed:
        raise PermissionDenied("You can act only on your own organisation's bookings.")
    return allowed


def _lock_session(session):
    return (
        TrainingSession.objects.select_for_update().select_related("course__partnership").get(pk=session.pk)
    )


def _places_taken(session):
    return session.bookings.filter(status__in=PLACE_HOLDING).count()


@transaction.atomic
def book_place(actor, session, *, attendee_name, organisation, attendee_email="", role=""):
    """Book a practitioner onto a session; when it is full the booking joins its waiting list.

    The business unit books for any agency of the partnership; an agency contributor only for staff
    of their own organisation, and only on an open session (scheduled, not yet started)."""
    session = _lock_session(session)
    partnership = session.course.partnership
    allowed = booking_organisations(actor, partnership)
    if allowed is not None:
        if organisation is None or organisation.pk not in allowed:
            raise ValidationError({"organisation": _own_organisation_message(actor, partnership, allowed)})
        if not session.is_open():
            raise ValidationError("This session can no longer be booked: it has started or been cancelled.")
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("This session has been cancelled.")
    if (
        attendee_email
        and session.bookings.filter(
            attendee_email__iexact=attendee_email, status__in=(BookingStatus.BOOKED, BookingStatus.WAITING)
        ).exists()
    ):
        raise ValidationError(
            {"attendee_email": "This person already has a place or is on the waiting list."}
        )
    full = _places_taken(session) >= session.capacity
    booking = TrainingBooking(
        session=session,
        attendee_name=attendee_name,
        attendee_email=attendee_email,
        organisation=organisation,
        role=role,
        status=BookingStatus.WAITING if full else BookingStatus.BOOKED,
        booked_at=timezone.now(),
        booked_by=actor if getattr(actor, "pk", None) else None,
    )
    booking.full_clean()
    as_actor(booking, actor).save()
    return booking


@transaction.atomic
def cancel_booking(actor, booking, *, at=None):
    """Cancel a place, or leave the waiting list; a freed place goes to the first waiting booking.

    A contributor cancels only their own organisation's bookings, and only before the session."""
    session = _lock_session(booking.session)
    booking = TrainingBooking.objects.select_for_update().get(pk=booking.pk)
    allowed = _check_agency_booking(actor, booking)
    if booking.status not in (BookingStatus.BOOKED, BookingStatus.WAITING):
        raise ValidationError("Only a booking not yet marked attended or absent can be cancelled.")
    if allowed is not None and session.starts_at <= timezone.now():
        raise ValidationError("The session has started: ask the business unit to change the booking.")
    held_a_place = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = at or timezone.now()
    as_actor(booking, actor).save()
    if held_a_place:
        offer_free_places(actor, session)
    return booking


@transaction.atomic
def save_session(actor, session):
    """Save a session's details; places a raised capacity frees go to the waiting list in order."""
    session.full_clean()
    as_actor(session, actor).save()
    offer_free_places(actor, session)
    return session


@transaction.atomic
def offer_free_places(actor, session, *, now=None):
    """Give each free place of a scheduled session to the first waiting booking, in the order the
    places were asked for; each attendee, and whoever booked them, is e-mailed once it is saved."""
    session = _lock_session(session)
    if session.status != SessionStatus.SCHEDULED:
        return []
    free = session.capacity - _places_taken(session)
    if free <= 0:
        return []
    now = now or timezone.now()
    promoted = list(session.bookings.waiting_in_order().select_related("booked_by", "organisation")[:free])
    for booking in promoted:
        booking.status = BookingStatus.BOOKED
        booking.place_offered_at = now
        as_actor(booking, actor).save()
    _email_each([message for booking in promoted for message in _place_offered_messages(session, booking)])
    return promoted


def _place_offered_messages(session, booking):
    partnership = session.course.partnership
    subject = (
        f"A place for you: {session.course.title}, "
        f"{date_format(timezone.localtime(session.starts_at), 'j F Y')}"
    )
    details = f"Session: {session.course.title}\nWhen: {_when(session)}\nWhere: {session.venue}"
    messages = []
    if booking.attendee_email:
        lines = [
            f"Dear {booking.attendee_name},",
            f"A place has come free on the {partnership.short_name} training session you were on the "
            "waiting list for, and it is now yours.",
            details,
            "What to do: nothing if you can come. If you cannot, tell whoever booked you, or contact "
            f"{_contact(partnership)}, so the place can go to the next person waiting.",
        ]
        messages.append((booking.attendee_email, subject, "\n\n".join(lines)))
    booker = booking.booked_by
    if booker is not None and booker.email and booker.email.lower() != booking.attendee_email.lower():
        page = (
            session.get_absolute_url()
            if access_for(booker).has(Perm.VIEW, partnership)
            else reverse("learning:agency_training", kwargs={"partnership": partnership.slug})
        )
        lines = [
            f"Dear {booker.get_full_name() or booker.username},",
            f"A place has come free on the {partnership.short_name} training session, and it has gone to "
            f"{booking.attendee_name} ({booking.organisation.name}), whom you put on the waiting list.",
            details,
            "What to do: nothing if they can come. If they cannot, cancel the booking so the place can go "
            "to the next person waiting.",
            f"The bookings (sign in to {settings.SERVICE_NAME}): {mail.absolute(page)}",
        ]
        messages.append((booker.email, f"Place confirmed: {subject.partition(': ')[2]}", "\n\n".join(lines)))
    return messages


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
    for booking in session.bookings.filter(status__in=(BookingStatus.BOOKED, BookingStatus.WAITING)).order_by(
        "pk"
    ):
        if not booking.attendee_email:
            continue
        on = "booked on" if booking.status == BookingStatus.BOOKED else "on the waiting list for"
        lines = [
            f"Dear {booking.attendee_name},",
            f"The {partnership.short_name} training session you were {on} has been cancelled.",
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
def record_attendance(actor, session, *, attended, absent=(), now=None):
    """Mark who attended and who did not; the session counts as held once anyone is marked. Each
    attendee newly marked as attended is e-mailed a personal link to give their own evaluation."""
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("A cancelled session has no attendance.")
    attended, absent = set(attended), set(absent)
    if attended & absent:
        raise ValidationError("Someone cannot both attend and be absent.")
    invited = []
    for booking in session.bookings.exclude(status__in=(BookingStatus.CANCELLED, BookingStatus.WAITING)):
        wanted = (
            BookingStatus.ATTENDED
            if booking.pk in attended
            else BookingStatus.NO_SHOW
            if booking.pk in absent
            else booking.status
        )
        if wanted != booking.status:
            booking.status = wanted
            token = None
            if wanted == BookingStatus.ATTENDED and _may_get_link(booking):
                token = _new_evaluation_link(booking, now)
            as_actor(booking, actor).save()
            if token:
                invited.append((booking, token))
    if session.status != SessionStatus.HELD:
        session.status = SessionStatus.HELD
        as_actor(session, actor).save()
    _email_each([_evaluation_message(booking, token) for booking, token in invited])
    return session


def _may_get_link(booking):
    return bool(booking.attendee_email) and not booking.has_evaluation and not booking.evaluation_token_hash


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _new_evaluation_link(booking, now=None):
    """Give the booking a new secret link (any older one stops working); returns the secret, which
    is only ever written into the attendee's e-mail."""
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    booking.evaluation_token_hash = _hash(token)
    booking.evaluation_link_expires_at = (now or timezone.now()) + datetime.timedelta(
        days=EVALUATION_LINK_DAYS
    )
    booking.evaluation_link_used_at = None
    return token


def evaluation_url(token):
    return mail.absolute(reverse("learning_public:evaluation", kwargs={"token": token}))


def _evaluation_message(booking, token):
    session = booking.session
    partnership = session.course.partnership
    expires = date_format(timezone.localtime(booking.evaluation_link_expires_at), "j F Y")
    lines = [
        f"Dear {booking.attendee_name},",
        f"Thank you for attending {partnership.short_name}'s multi-agency training {session.course.title} "
        f"on {_when(session)} at {session.venue}.",
        "What to do: tell us how confident you felt before the session and how confident you feel now, "
        f"and what you will do differently. It takes two minutes. Use this link by {expires}; it works "
        "once and is only for you, so please do not forward it:",
        evaluation_url(token),
    ]
    return (booking.attendee_email, f"How was your training? {session.course.title}", "\n\n".join(lines))


@transaction.atomic
def send_evaluation_link(actor, booking, *, now=None):
    """Send an attendee a new evaluation link (the business unit, or the attendee's agency
    contributor): for a lost or expired one. Returns the secret for the caller that e-mails nothing
    else (tests, the demo)."""
    booking = (
        TrainingBooking.objects.select_for_update()
        .select_related("session__course__partnership")
        .get(pk=booking.pk)
    )
    _check_agency_booking(actor, booking)
    if booking.status != BookingStatus.ATTENDED:
        raise ValidationError("Only someone who attended can evaluate the session.")
    if booking.has_evaluation:
        raise ValidationError("This attendee's evaluation is already recorded.")
    if not booking.attendee_email:
        raise ValidationError({"attendee_email": "Record the attendee's e-mail address first."})
    token = _new_evaluation_link(booking, now)
    as_actor(booking, actor).save()
    _email_each([_evaluation_message(booking, token)])
    return token


def find_evaluation_link(token):
    """The booking whose evaluation link this is (used or expired too), else None."""
    if not token or len(token) > 100:
        return None
    return (
        TrainingBooking.objects.filter(evaluation_token_hash=_hash(token))  # never "", the hash of nothing
        .select_related("session__course__partnership", "organisation")
        .first()
    )


def evaluation_link_problem(booking, now=None):
    """Why a booking's evaluation link can no longer be used (None while it can)."""
    if booking.evaluation_link_used_at is not None or booking.has_evaluation:
        return "used"
    if booking.evaluation_link_expires_at is None or booking.evaluation_link_expires_at <= (
        now or timezone.now()
    ):
        return "expired"
    if booking.status != BookingStatus.ATTENDED:
        return "expired"
    return None


@transaction.atomic
def evaluate_from_link(token, *, confidence_before, confidence_after, evaluation="", now=None):
    """The attendee gives their own evaluation through their link, without signing in: once only,
    before it expires. The history names no user: the change reason says it was the attendee."""
    found = find_evaluation_link(token)
    if found is None:
        raise ValidationError("This evaluation link is not recognised.")
    booking = TrainingBooking.objects.select_for_update().get(pk=found.pk)
    problem = evaluation_link_problem(booking, now)
    if problem == "used":
        raise ValidationError("This evaluation has already been given: the link works once.")
    if problem:
        raise ValidationError("This evaluation link has expired.")
    booking._change_reason = "Evaluation given by the attendee through their link"
    return _save_evaluation(None, booking, confidence_before, confidence_after, evaluation, now)


def _save_evaluation(actor, booking, confidence_before, confidence_after, evaluation, now=None):
    booking.confidence_before = confidence_before
    booking.confidence_after = confidence_after
    booking.evaluation = evaluation
    if booking.evaluation_token_hash and booking.evaluation_link_used_at is None:
        booking.evaluation_link_used_at = now or timezone.now()
    booking.full_clean()
    as_actor(booking, actor).save()
    return booking


@transaction.atomic
def record_evaluation(actor, booking, *, confidence_before, confidence_after, evaluation=""):
    """Record an attendee's evaluation: the business unit, or the attendee's own agency contributor
    completing it for them. Their link then stops working."""
    _check_agency_booking(actor, booking)
    if booking.status != BookingStatus.ATTENDED:
        raise ValidationError("Only someone who attended can evaluate the session.")
    return _save_evaluation(actor, booking, confidence_before, confidence_after, evaluation)


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
