"""Journeys in a real browser (Debian's chromium through Playwright)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_business_unit_records_an_action_with_the_date_input(live_server, page):
    from partnerships.core.models import Action
    from tests.world import build_world

    world = build_world()
    before = Action.objects.count()
    sign_in(page, live_server, world.bu.username)
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_role("link", name="Add an action").click()
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter title")
    assert Action.objects.count() == before
    page.get_by_label("Title").fill("Check escalation policy is known to schools")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2031")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Check escalation policy is known to schools")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("14 Mar 2031")
    saved = Action.objects.get(title="Check escalation policy is known to schools")
    assert saved.due_date.isoformat() == "2031-03-14"


def test_scrutineer_sees_no_change_buttons(live_server, page):
    from tests.world import build_world

    world = build_world()
    sign_in(page, live_server, world.scrutineer.username)
    page.goto(f"{live_server.url}/p/alpha/actions/{world.action.pk}/")
    expect(page.get_by_role("heading", name="Refresh the escalation policy")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Change"))).to_have_count(0)
    expect(page.get_by_role("button", name="Save progress")).to_have_count(0)
