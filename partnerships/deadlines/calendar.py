"""A person's deadlines as an iCalendar feed, at a secret address they can revoke.

The address is /calendar/<key>/<secret>.ics. The key finds the row; only a SHA-256 hash of the
secret is stored, and the hashes are compared in constant time. The secret carries 256 bits, so a
fast hash is enough (it is not a password anyone chose). Revoking, or making a new address, stops
the old one at once: it gives 404 like any unknown address.

The feed lists the deadlines the person owns, and those they oversee: as business unit or partner
lead, every deadline of those partnerships. Outlook, Google and Apple calendars subscribe to it
("Add calendar > From internet" / "Subscribe from web").
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vDuration

from partnerships.core import identity
from partnerships.core.choices import RoleKind
from partnerships.core.models import Role
from partnerships.core.registry import deadline_kind
from partnerships.deadlines.models import CalendarFeed, Deadline

# Deadlines due more than this long ago drop out of the feed (calendars keep what they imported).
FEED_LOOKBACK_DAYS = 365
# How often calendar programs should fetch the feed again.
FEED_REFRESH = datetime.timedelta(hours=1)
# last_used_at is written at most this often, so polling calendars do not write on every fetch.
LAST_USED_RESOLUTION = datetime.timedelta(hours=1)

_KEY_BYTES = 12
_SECRET_BYTES = 32
# Compared against when the key is unknown, so a miss costs the same as a wrong secret.
_NO_HASH = "0" * 64
# Event ids name the service, not the host a feed was fetched from (RFC 5545: globally unique ids).
EVENT_ID_DOMAIN = getattr(settings, "CALENDAR_EVENT_ID_DOMAIN", "deadlines.safeguarding-partnerships")


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_feed(user):
    """Make a new secret address (revoking any old one); returns (feed, secret). Show the secret once."""
    revoke_feed(user)
    secret = secrets.token_urlsafe(_SECRET_BYTES)
    feed = CalendarFeed(user=user, key=secrets.token_urlsafe(_KEY_BYTES), secret_hash=_hash(secret))
    feed._history_user = user
    feed.save()
    return feed, secret


@transaction.atomic
def revoke_feed(user):
    """Stop the person's active address from working; returns how many were revoked (0 or 1)."""
    count = 0
    for feed in CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        feed.revoked_at = timezone.now()
        feed._history_user = user
        feed.save(update_fields=["revoked_at"])
        count += 1
    return count


def active_feed(user):
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def find_feed(key, secret):
    """The active feed whose key and secret these are, else None."""
    feed = CalendarFeed.objects.filter(key=key, revoked_at__isnull=True).select_related("user").first()
    matches = hmac.compare_digest(feed.secret_hash if feed else _NO_HASH, _hash(secret))
    if feed is None or not matches or not feed.user.is_active:
        return None
    now = timezone.now()
    CalendarFeed.objects.filter(pk=feed.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ).update(last_used_at=now)
    return feed


def overseen_partnership_ids(user):
    """Partnerships whose every deadline the person oversees: as business unit or partner lead."""
    return Role.objects.filter(
        user=user, kind__in=[RoleKind.BUSINESS_UNIT, RoleKind.PARTNER_LEAD]
    ).values_list("partnership_id", flat=True)


def owned_or_overseen(user):
    """Active deadlines the person owns (in a partnership they still hold a role in) or oversees."""
    any_role = Role.objects.filter(user=user).values_list("partnership_id", flat=True)
    return Deadline.objects.active().filter(
        Q(owner=user, partnership_id__in=any_role) | Q(partnership_id__in=overseen_partnership_ids(user))
    )


def feed_deadlines(user, today=None):
    today = today or timezone.localdate()
    return (
        owned_or_overseen(user)
        .filter(due_date__gte=today - datetime.timedelta(days=FEED_LOOKBACK_DAYS))
        .select_related("partnership", "owner")
        .order_by("due_date", "pk")
    )


def event_text(deadline, guard):
    """(summary, record line) of a deadline's event. Calendar feeds leave the product (they sync to
    outside calendar services), so a case record's deadline is named by its kind and partnership
    only, never by its title or reference; any other title passes the identity guard at its public
    strength (partnerships/core/identity.py)."""
    kind = deadline_kind(deadline.kind)
    if kind.case_record:
        return f"{deadline.partnership.short_name}: {kind.label}", None
    title = identity.withhold(guard, deadline.title)
    return f"{deadline.partnership.short_name}: {title}", identity.withhold(guard, deadline.source_label)


def record_link(deadline, site_url=None):
    """The absolute address of the deadline's record, else of its partnership's deadline register.

    Built from settings.SITE_URL, never from the request's Host header: a feed fetched under
    another host name (or a forged one) links to the service, and the event stays the same."""
    site = (site_url or settings.SITE_URL).rstrip("/")
    path = deadline.source_url
    if not path.startswith("/") or path.startswith("//"):
        path = reverse("deadlines:deadline_list", kwargs={"partnership": deadline.partnership.slug})
    return site + path


def build_calendar(user, deadlines, site_url=None):
    """An iCalendar (RFC 5545) document: one all-day event per deadline, on its due date, carrying
    the rule that set the date and an absolute link to the record."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SERVICE_NAME}//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Safeguarding deadlines: {user.get_full_name() or user.username}")
    calendar.add("x-wr-caldesc", "Statutory and local deadlines you own or oversee.")
    calendar.add("refresh-interval", vDuration(FEED_REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    guards = identity.GuardCache()
    for deadline in deadlines:
        status = deadline.status()
        kind = deadline_kind(deadline.kind)
        guard = guards.get(deadline.partnership, public=True)
        summary, record = event_text(deadline, guard)
        link = record_link(deadline, site_url)
        rule = identity.withhold(guard, deadline.rule)
        event = Event()
        # The same id whatever address the feed is fetched from, so a calendar subscribed under
        # another host name does not show every deadline twice.
        event.add("uid", f"deadline-{deadline.pk}@{EVENT_ID_DOMAIN}")
        event.add("dtstamp", deadline.updated_at)
        event.add("last-modified", deadline.updated_at)
        event.add("dtstart", deadline.due_date)
        event.add("dtend", deadline.due_date + datetime.timedelta(days=1))
        event.add("summary", f"{summary} ({status.label.lower()})")
        description = [f"Kind: {kind.label}"]
        if record:
            description.append(f"Record: {record}")
        description.append(f"Rule: {rule}")
        if deadline.authority:
            description.append(f"Statute or guidance: {deadline.authority}")
        description.append(f"Owner: {deadline.owner.get_full_name() if deadline.owner_id else 'not named'}")
        description.append(f"Status: {status.label}")
        if deadline.met_on:
            description.append(f"Met on: {deadline.met_on:%d %B %Y}")
        description.append(f"Link: {link}")
        event.add("description", "\n".join(description))
        event.add("url", link)
        event.add("x-safeguarding-rule", rule)
        event.add("categories", [kind.label])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        event.add("x-microsoft-cdo-alldayevent", "TRUE")
        event.add("x-microsoft-cdo-busystatus", "FREE")
        calendar.add_component(event)
    return calendar.to_ical()
