"""The deadline pages in a real browser: a calendar address made, subscribed to and turned off; and
the register's pages checked with axe (WCAG 2.2 AA rules)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def test_make_a_calendar_address_subscribe_and_turn_it_off(live_server, page, browser):
    from icalendar import Calendar

    from tests.world import build_world

    world = build_world()
    sign_in(page, live_server, world.bu.username)
    page.get_by_role("link", name="My deadlines").click()
    expect(page.get_by_role("heading", name="My deadlines")).to_be_visible()
    page.get_by_role("link", name="Add your deadlines to Outlook or another calendar").click()
    page.get_by_role("button", name="Make a calendar address").click()
    expect(page.get_by_label("Calendar address")).to_have_value(re.compile(r"\.ics$"))
    address = page.get_by_label("Calendar address").input_value()
    assert address.startswith(f"{live_server.url}/calendar/") and address.endswith(".ics")

    # A calendar program, with no session, subscribes.
    outsider_context = browser.new_context()
    response = outsider_context.request.get(address)
    assert response.status == 200
    events = [str(e["summary"]) for e in Calendar.from_ical(response.body()).walk("VEVENT")]
    assert "Alpha: Action: Refresh the escalation policy (upcoming)" in events

    page.goto(f"{live_server.url}/deadlines/calendar/")
    page.get_by_role("button", name="Turn off my calendar address").click()
    expect(page.get_by_text("Your calendar address has been turned off")).to_be_visible()
    assert outsider_context.request.get(address).status == 404
    outsider_context.close()


@pytest.mark.parametrize(
    "path", ["/deadlines/", "/deadlines/calendar/", "/p/alpha/deadlines/", "/p/alpha/deadlines/timetable/"]
)
def test_deadline_pages_pass_axe(live_server, page, path):
    from axe_playwright_python.sync_playwright import Axe

    from tests.world import build_world

    world = build_world()
    sign_in(page, live_server, world.bu.username)
    page.goto(f"{live_server.url}{path}")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
