"""A person's deadlines: the cross-partnership page, its export, and the secret calendar address."""

import csv
import datetime
import hashlib
import io
import re

import pytest
from django.conf import settings
from icalendar import Calendar

from partnerships.core.services import create_action
from partnerships.deadlines.calendar import create_feed
from partnerships.deadlines.models import CalendarFeed, Deadline
from tests.deadlines.support import at
from tests.querycount import assert_constant_queries

D = datetime.date


@pytest.fixture
def deadlines(world):
    from tests.deadlines.support import base_deadlines_only

    base_deadlines_only(world)
    with at(D(2026, 11, 23)):
        mine = create_action(
            world.bu,
            partnership=world.alpha,
            title="Chase school returns",
            due_date=D(2026, 11, 27),
            owner=world.scrutineer,
        )
        other = create_action(
            world.bu, partnership=world.alpha, title="Refresh threshold guidance", due_date=D(2027, 1, 15)
        )
        beta = create_action(
            world.outsider, partnership=world.beta, title="Beta audit", due_date=D(2026, 11, 30)
        )
    return {"mine": mine, "other": other, "beta": beta}


def _address(response):
    match = re.search(r'value="(http://testserver/calendar/[^"]+\.ics)"', response.content.decode())
    assert match, "the new address is shown"
    return match.group(1).replace("http://testserver", "")


def _events(body):
    calendar = Calendar.from_ical(body)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_make_subscribe_and_revoke_a_calendar_address(world, client_for, client, deadlines):
    signed_in = client_for(world.bu)
    made = signed_in.post("/deadlines/calendar/", {"action": "create"})
    assert made.status_code == 200
    path = _address(made)
    feed = CalendarFeed.objects.get(user=world.bu)
    secret = path.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {getattr(feed, f.attname) for f in CalendarFeed._meta.fields if f.attname != "id"}
    assert "shown only this once" in made.content.decode()
    assert secret not in signed_in.get("/deadlines/calendar/").content.decode()  # never shown again

    # Calendar programs fetch it without signing in.
    with at(D(2026, 11, 23)):
        response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0" and "PRODID" in calendar
    events = _events(response.content)
    # The business unit oversees every deadline of alpha, whoever owns it, and none of beta's.
    assert "Alpha: Action: Chase school returns (due soon)" in events
    assert "Alpha: Action: Refresh threshold guidance (upcoming)" in events
    assert (
        "Alpha: Publish the safeguarding arrangements (overdue)" not in events
    )  # due 2019: too old for the feed
    assert not [s for s in events if "Beta" in s]
    event = events["Alpha: Action: Chase school returns (due soon)"]
    assert event.decoded("dtstart") == D(2026, 11, 27)
    assert event.decoded("dtend") == D(2026, 11, 28)
    assert (
        str(event["uid"])
        == f"deadline-{Deadline.objects.get(source_id=deadlines['mine'].pk, kind='action').pk}@deadlines.safeguarding-partnerships"
    )
    assert "Rule: The due date set on the action" in str(event["description"])
    assert str(event["url"]) == f"{settings.SITE_URL.rstrip('/')}/p/alpha/actions/{deadlines['mine'].pk}/"
    feed.refresh_from_db()
    assert feed.last_used_at is not None

    # A wrong secret, an unknown key, a revoked address: 404 alike.
    assert client.get(path.replace(secret, secret[:-2] + "xx")).status_code == 404
    assert client.get(path.replace(feed.key, "nosuchkey")).status_code == 404
    revoked = signed_in.post("/deadlines/calendar/", {"action": "revoke"})
    assert revoked.status_code == 302
    assert client.get(path).status_code == 404
    assert CalendarFeed.objects.get(pk=feed.pk).revoked_at is not None


def test_a_new_address_replaces_the_old(world, client):
    old_feed, old_secret = create_feed(world.officer)
    new_feed, new_secret = create_feed(world.officer)
    assert client.get(f"/calendar/{old_feed.key}/{old_secret}.ics").status_code == 404
    assert client.get(f"/calendar/{new_feed.key}/{new_secret}.ics").status_code == 200
    assert CalendarFeed.objects.filter(user=world.officer, revoked_at__isnull=True).count() == 1


def test_a_scrutineer_sees_only_what_they_own(world, client, deadlines):
    feed, secret = create_feed(world.scrutineer)
    with at(D(2026, 11, 23)):
        events = _events(client.get(f"/calendar/{feed.key}/{secret}.ics").content)
    assert list(events) == ["Alpha: Action: Chase school returns (due soon)"]


def test_a_partner_lead_oversees_their_partnerships_deadlines(world, client, deadlines):
    feed, secret = create_feed(world.lead_health)
    with at(D(2026, 11, 23)):
        events = _events(client.get(f"/calendar/{feed.key}/{secret}.ics").content)
    assert "Alpha: Action: Refresh threshold guidance (upcoming)" in events
    assert not [s for s in events if "Beta" in s]


def test_a_deactivated_person_has_no_feed(world, client):
    feed, secret = create_feed(world.officer)
    world.officer.is_active = False
    world.officer.save()
    assert client.get(f"/calendar/{feed.key}/{secret}.ics").status_code == 404


def test_the_calendar_page_refuses_an_unknown_choice(world, client_for):
    response = client_for(world.officer).post("/deadlines/calendar/", {"action": "explode"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_the_calendar_pages_need_sign_in(world, client):
    assert client.get("/deadlines/").status_code == 302
    assert client.get("/deadlines/calendar/").status_code == 302
    assert client.post("/deadlines/calendar/", {"action": "create"}).status_code == 302
    assert not CalendarFeed.objects.exists()


def test_my_deadlines_across_partnerships(world, client_for, deadlines):
    from partnerships.core.choices import RoleKind
    from partnerships.core.services import grant_role

    grant_role(
        None,
        user=world.bu,
        partnership=world.beta,
        kind=RoleKind.PARTNER_LEAD,
        organisation=world.beta_council,
    )
    client = client_for(world.bu)
    with at(D(2026, 11, 23)):
        page = client.get("/deadlines/").content.decode()
        only_beta = client.get(f"/deadlines/?partnership={world.beta.pk}&export=csv").content.decode(
            "utf-8-sig"
        )
        soon = client.get("/deadlines/?status=due_soon&period=next_30&export=csv").content.decode("utf-8-sig")
        mine = client.get("/deadlines/?owner=me&export=csv").content.decode("utf-8-sig")
    assert "Action: Chase school returns" in page and "Action: Beta audit" in page
    assert {r["Deadline"] for r in csv.DictReader(io.StringIO(only_beta)) if r["Kind"] == "Action due"} == {
        "Action: Beta audit",
        "Action: Beta's own action",
    }
    assert {(r["Partnership"], r["Deadline"]) for r in csv.DictReader(io.StringIO(soon))} == {
        ("Alpha", "Action: Chase school returns"),
        ("Beta", "Action: Beta audit"),
    }
    assert list(csv.DictReader(io.StringIO(mine))) == []  # owns none of them


def test_my_deadlines_for_an_outsider_hold_nothing_of_alpha(world, client_for, deadlines):
    with at(D(2026, 11, 23)):
        page = client_for(world.outsider).get("/deadlines/").content.decode()
        export = client_for(world.outsider).get("/deadlines/?export=csv").content.decode("utf-8-sig")
    assert "Chase school returns" not in page and "Alpha" not in export
    assert "Beta audit" in page
    assert client_for(world.outsider).get(f"/deadlines/?partnership={world.alpha.pk}").status_code == 200


def test_my_deadlines_keeps_constant_queries(world, client_for):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(world.action)

    def add(n):
        start = Deadline.objects.count()
        Deadline.objects.bulk_create(
            Deadline(
                partnership=world.alpha,
                kind="action",
                title=f"Deadline {i}",
                source_type=content_type,
                source_id=10_000 + start + i,
                rule="r",
                due_date=D(2030, 1, 1),
                owner=world.officer if i % 2 else None,
            )
            for i in range(n)
        )

    assert_constant_queries(client_for(world.bu), "/deadlines/", add)
