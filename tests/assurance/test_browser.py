"""A joint Section 11 cycle in a real browser: beta's manager accepts alpha's invitation and opens the
cycle from beta's own list; the agency submits its return; each partnership moderates (beta asks for
more evidence); the agency reads each reason, responds and resubmits; the lead closes the cycle and
its summary shows."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.assurance import services
from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STANDARDS = [("Line of accountability", ""), ("Safer recruitment", "")]


def test_a_joint_cycle_from_invitation_to_closing(live_server, page):
    from tests.world import build_world

    w = build_world()
    today = timezone.localdate()
    cycle = services.open_cycle(
        w.bu,
        partnership=w.alpha,
        title="Joint Section 11 journey",
        opens_on=today - datetime.timedelta(days=7),
        due_on=today + datetime.timedelta(days=30),
        partnerships=[w.beta],
        standards=STANDARDS,
    )
    site = live_server.url

    # Beta's manager accepts the invitation in beta's own space and opens the cycle from beta's list.
    sign_in(page, live_server, w.outsider.username)
    page.goto(f"{site}/p/beta/assurance/")
    page.get_by_role("link", name="Invitations to joint cycles").click()
    page.get_by_role("link", name="Joint Section 11 journey").click()
    page.get_by_label("Accept: take part in this cycle").check()
    page.get_by_role("button", name="Save answer").click()
    expect(page.locator("body")).to_contain_text("Invitation accepted")
    page.goto(f"{site}/p/beta/assurance/")
    page.get_by_role("link", name="Joint Section 11 journey").click()
    expect(page).to_have_url(f"{site}/p/beta/assurance/{cycle.pk}/")
    expect(page.locator("body")).to_contain_text("Alpha Hospital Trust")

    # The agency submits its return.
    agency_return = cycle.returns.get(organisation=w.hospital)
    standards = list(cycle.standards.order_by("number"))
    page.context.clear_cookies()
    sign_in(page, live_server, w.contributor.username)
    page.goto(f"{site}/p/alpha/assurance/my-returns/{agency_return.pk}/")
    for standard in standards:
        page.get_by_label(f"Score for standard {standard}").select_option("3")
    page.get_by_role("button", name="Submit return").click()
    expect(page.locator("body")).to_contain_text("Return submitted.")

    # Alpha moderates every standard; beta asks for more evidence on the first.
    page.context.clear_cookies()
    sign_in(page, live_server, w.bu.username)
    page.goto(f"{site}/p/alpha/assurance/returns/{agency_return.pk}/")
    for standard in standards:
        page.get_by_label(f"Moderated score for standard {standard}").select_option("2")
    page.get_by_label("Reason (the agency sees it)").first.fill("Alpha says the audit is out of date")
    page.get_by_role("button", name="Save moderated scores").click()
    expect(page.locator("body")).to_contain_text("moderated scores were saved")
    page.context.clear_cookies()
    sign_in(page, live_server, w.outsider.username)
    page.goto(f"{site}/p/beta/assurance/returns/{agency_return.pk}/")
    page.get_by_label(f"More evidence needed for standard {standards[0]}").fill(
        "Beta asks for the supervision audit"
    )
    page.get_by_role("button", name="Return for more evidence").click()
    expect(page.locator("body")).to_contain_text("Returned to the agency for more evidence")

    # The agency sees each partnership's reason, responds and resubmits.
    page.context.clear_cookies()
    sign_in(page, live_server, w.contributor.username)
    page.goto(f"{site}/p/alpha/assurance/my-returns/{agency_return.pk}/")
    expect(page.locator("body")).to_contain_text("Alpha says the audit is out of date")
    expect(page.locator("body")).to_contain_text("Beta asks for the supervision audit")
    page.get_by_label("Your response to the request for more evidence").fill(
        "Supervision audit added to the log"
    )
    page.get_by_role("button", name="Submit return").click()
    expect(page.locator("body")).to_contain_text("Return submitted.")

    # Beta moderates; the lead closes the cycle and the summary shows.
    page.context.clear_cookies()
    sign_in(page, live_server, w.outsider.username)
    page.goto(f"{site}/p/beta/assurance/returns/{agency_return.pk}/")
    expect(page.locator("body")).to_contain_text("Supervision audit added to the log")
    for standard in standards:
        page.get_by_label(f"Moderated score for standard {standard}").select_option("3")
    page.get_by_role("button", name="Save moderated scores").click()
    expect(page.locator("body")).to_contain_text("moderated scores were saved")
    page.context.clear_cookies()
    sign_in(page, live_server, w.bu.username)
    page.goto(f"{site}/p/alpha/assurance/{cycle.pk}/")
    page.get_by_label("Closing summary").fill("Every agency returned; two standards moderated down.")
    page.get_by_role("button", name="Close cycle").click()
    expect(page.locator("body")).to_contain_text("Cycle closed.")
    summary = page.locator("#cycle-summary")
    expect(summary).to_contain_text("Returns submitted")
    expect(summary).to_contain_text("2 (2 to 2)")  # alpha's own moderated scores
    expect(page.locator("body")).to_contain_text("Every agency returned; two standards moderated down.")
    expect(page.get_by_role("button", name="Close cycle")).to_have_count(0)
