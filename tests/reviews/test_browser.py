"""The sign-off journey in a real browser: each partner lead signs for their own organisation."""

import datetime

import pytest
from playwright.sync_api import expect

from reviews import services
from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_leads_sign_off_a_rapid_review_which_then_locks(live_server, page):
    from tests.world import build_world

    w = build_world()
    review = w.rapid_review
    review.decision, review.decision_rationale, review.decided_on = (
        "lcspr",
        "Wider learning",
        datetime.date(2026, 1, 20),
    )
    services.save_rapid_review(w.bu, review)
    url = f"{live_server.url}{review.get_absolute_url()}"
    for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police)):
        page.context.clear_cookies()
        sign_in(page, live_server, lead.username)
        page.goto(url)
        buttons = page.get_by_role("button", name="Sign off for")
        expect(buttons).to_have_count(1)  # only their own organisation is offered
        page.get_by_role("button", name=f"Sign off for {org}").click()
        expect(page.locator("body")).to_contain_text("Signed off.")
        expect(page.get_by_role("button", name="Sign off for")).to_have_count(0)
        assert review.sign_offs.filter(organisation=org).exists()
    expect(page.locator("body")).to_contain_text("Signed off and locked")
    page.context.clear_cookies()
    sign_in(page, live_server, w.bu.username)
    page.goto(url)
    expect(page.get_by_role("link", name="Reopen")).to_be_visible()
    expect(page.get_by_role("link", name="Record the review and decision")).to_have_count(0)
    page.get_by_role("link", name="Reopen").click()
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Why is the review being reopened?").fill("The inquest found new facts.")
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator("body")).to_contain_text("Reopened")
    expect(page.get_by_role("link", name="Record the review and decision")).to_be_visible()
