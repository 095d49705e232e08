"""Journeys in a real browser (Debian's chromium through Playwright)."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username, password="correct-horse-battery"):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_business_unit_records_an_action_with_the_date_input(live_server, page):
    from tests.world import build_world

    world = build_world()
    sign_in(page, live_server, world.bu.username)
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_role("link", name="Add an action").click()
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter title" in summary.inner_text()
    page.get_by_label("Title").fill("Check escalation policy is known to schools")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2031")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="Check escalation policy is known to schools").is_visible()
    assert "14 Mar 2031" in page.locator(".govuk-summary-list").inner_text()


def test_scrutineer_sees_no_change_buttons(live_server, page):
    from tests.world import build_world

    world = build_world()
    sign_in(page, live_server, world.scrutineer.username)
    page.goto(f"{live_server.url}/p/alpha/actions/{world.action.pk}/")
    assert page.get_by_role("heading", name="Refresh the escalation policy").is_visible()
    assert page.get_by_role("link", name=re.compile("^Change")).count() == 0
    assert page.get_by_role("button", name="Save progress").count() == 0
