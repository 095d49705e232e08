"""The sign-off journey in a real browser: each partner lead signs for their own organisation."""

import datetime

import pytest

from reviews import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username, password="correct-horse-battery"):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


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
        assert buttons.count() == 1  # only their own organisation is offered
        page.get_by_role("button", name=f"Sign off for {org}").click()
        assert "Signed off." in page.locator("body").inner_text()
        assert page.get_by_role("button", name="Sign off for").count() == 0
    assert "Signed off and locked" in page.locator("body").inner_text()
    page.context.clear_cookies()
    sign_in(page, live_server, w.bu.username)
    page.goto(url)
    assert page.get_by_role("link", name="Record the review and decision").count() == 0
    page.get_by_role("link", name="Reopen").click()
    page.get_by_role("button", name="Reopen").click()
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Why is the review being reopened?").fill("The inquest found new facts.")
    page.get_by_role("button", name="Reopen").click()
    assert "Reopened" in page.locator("body").inner_text()
    assert page.get_by_role("link", name="Record the review and decision").is_visible()
