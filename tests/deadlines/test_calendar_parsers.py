"""The calendar feed as two calendar libraries read it: the same event ids whatever host name the
feed was fetched under, each event with its deadline's rule and an absolute link to the record built
from SITE_URL (never the request's host), and no child's identity anywhere in it."""

import datetime

import ics
import pytest
from django.test import override_settings
from icalendar import Calendar

from partnerships.core.registry import deadline_kind
from partnerships.core.services import create_action
from partnerships.deadlines.calendar import create_feed
from partnerships.deadlines.models import Deadline
from tests.conftest import _test_world_children
from tests.deadlines.support import at

D = datetime.date
SITE = "https://partnerships.example.gov.uk"
HOSTS = ["calendar-one.example.org", "calendar-two.example.net"]


@pytest.fixture
def feed(world, settings):
    settings.SITE_URL = SITE + "/"
    create_action(
        world.bu,
        partnership=world.alpha,
        title="Chase school returns",
        due_date=D(2026, 11, 27),
        owner=world.bu,
    )
    feed, secret = create_feed(world.bu)
    return f"/calendar/{feed.key}/{secret}.ics"


def _fetch(client, path, host, day):
    with override_settings(ALLOWED_HOSTS=HOSTS), at(day):
        response = client.get(path, HTTP_HOST=host, SERVER_NAME=host)
    assert response.status_code == 200
    return response.content.decode()


def _by_icalendar(body):
    return {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def _by_ics(body):
    return {e.uid: e for e in ics.Calendar(body).events}


def _expected(user_deadlines, day):
    return {d.pk: d for d in user_deadlines if d.due_date >= day - datetime.timedelta(days=365)}


def test_the_same_events_under_two_host_names_in_both_parsers(world, client, feed):
    day = D(2026, 11, 23)
    first, second = (_fetch(client, feed, host, day) for host in HOSTS)
    assert first == second  # nothing of the host reaches the feed
    assert not any(host in first for host in HOSTS) and "testserver" not in first
    ical, parsed = _by_icalendar(first), _by_ics(second)
    assert ical and set(ical) == set(parsed)
    assert set(ical) == set(_by_icalendar(second)) == set(_by_ics(first))
    for uid in ical:
        assert uid.startswith("deadline-") and uid.endswith("@deadlines.safeguarding-partnerships")
    action = Deadline.objects.get(kind="action", title="Action: Chase school returns")
    assert f"deadline-{action.pk}@deadlines.safeguarding-partnerships" in ical


def test_each_event_has_its_rule_and_an_absolute_link(world, client, feed):
    day = D(2026, 11, 23)
    body = _fetch(client, feed, HOSTS[0], day)
    ical, parsed = _by_icalendar(body), _by_ics(body)
    deadlines = {f"deadline-{d.pk}@deadlines.safeguarding-partnerships": d for d in Deadline.objects.all()}
    for uid, event in ical.items():
        deadline = deadlines[uid]
        assert f"Rule: {deadline.rule}" in str(event["description"])
        assert str(event["x-safeguarding-rule"]) == deadline.rule
        link = str(event["url"])
        assert link.startswith(SITE + "/p/" + deadline.partnership.slug + "/")
        if deadline.source_url.startswith("/"):
            assert link == SITE + deadline.source_url
        assert f"Link: {link}" in str(event["description"])
        other = parsed[uid]
        assert other.url == link and f"Rule: {deadline.rule}" in other.description
    action = Deadline.objects.get(kind="action", title="Action: Chase school returns")
    event = ical[f"deadline-{action.pk}@deadlines.safeguarding-partnerships"]
    assert str(event["url"]) == f"{SITE}/p/alpha/actions/{action.source_id}/"


def test_case_record_events_carry_no_child_identity(world, client, feed):
    case_deadlines = [d for d in Deadline.objects.active() if deadline_kind(d.kind).case_record]
    assert case_deadlines, "the test world has case records with deadlines"
    latest = max(case_deadlines, key=lambda d: d.due_date)
    body = _fetch(client, feed, HOSTS[1], latest.due_date)
    events = _by_icalendar(body)
    uid = f"deadline-{latest.pk}@deadlines.safeguarding-partnerships"
    if uid in events:  # the business unit oversees it
        event = events[uid]
        assert latest.title not in str(event["summary"]) and latest.title not in str(event["description"])
        assert f"Rule: {latest.rule}" in str(event["description"]) and str(event["url"]).startswith(SITE)
    found = _test_world_children().find(body)
    assert not found, f"the feed carries {found[0]}"
