"""A partner lead signs off a rapid review with the keyboard alone (WCAG 2.2 SC 2.1.1, 2.4.7, 2.4.11).

From the sign-in page to the saved sign-off: Tab, Shift+Tab, typing, Enter and Space only, no
click and no other page.goto. Every element the keyboard reaches on the way must show where the
focus is (GOV.UK's yellow focus state, an outline or a box shadow) and be in view.
"""

import datetime

import pytest

from reviews import services
from reviews.models import PartnerSignOff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The focused element, described, and whether its focus state can be seen (GOV.UK: a yellow
# background, a yellow or black outline, or a box shadow) and it is inside the viewport.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const transparent = (c) => c === "transparent" || c.endsWith(", 0)");
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && !transparent(s.outlineColor);
  const shadow = s.boxShadow !== "none";
  const yellow = s.backgroundColor === "rgb(255, 221, 0)";
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 80),
    label: el.labels && el.labels.length ? el.labels[0].innerText.trim() : "",
    href: el.getAttribute("href") || "",
    visible: outline || shadow || yellow,
    inView: box.bottom > 0 && box.top < window.innerHeight && box.width > 0 && box.height > 0,
  };
}"""


class Keyboard:
    """Moves focus with Tab and Shift+Tab, checking that every stop shows its focus."""

    def __init__(self, page):
        self.page = page
        self.unseen = []

    def focused(self):
        return self.page.evaluate(FOCUSED)

    def submit(self, key):
        """Enter or Space on a link or button: waits for the page it leads to."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def press(self, key):
        self.page.keyboard.press(key)
        now = self.focused()
        if now is not None and not (now["visible"] and now["inView"]):
            self.unseen.append((self.page.url, now))
        return now

    def tab_to(self, wanted, limit=120):
        """Tab forwards until `wanted(focused)` holds; fails if it never does."""
        for _ in range(limit):
            now = self.press("Tab")
            if now is not None and wanted(now):
                return now
        raise AssertionError(f"Tab never reached the element on {self.page.url}")


def test_a_partner_lead_signs_off_a_rapid_review_by_keyboard_alone(live_server, page):
    from playwright.sync_api import expect

    from tests.world import build_world

    w = build_world()
    review = w.rapid_review
    review.decision, review.decision_rationale, review.decided_on = (
        "lcspr",
        "Wider learning for the partnership",
        datetime.date(2026, 1, 20),
    )
    services.save_rapid_review(w.bu, review)
    keys = Keyboard(page)

    page.goto(f"{live_server.url}/sign-in/")  # the only navigation not made by the keyboard
    keys.tab_to(lambda f: f["label"] == "Username")
    page.keyboard.type(w.lead_la.username)
    keys.tab_to(lambda f: f["label"] == "Password")
    page.keyboard.type("correct-horse-battery")
    keys.submit("Enter")
    page.wait_for_url(f"{live_server.url}/p/alpha/")

    # The home page lists the review awaiting this lead's sign-off.
    review_url = review.get_absolute_url()
    keys.tab_to(lambda f: f["href"] == review_url)
    keys.submit("Enter")
    page.wait_for_url(f"{live_server.url}{review_url}")
    assert page.get_by_role("button", name="Sign off for").count() == 1  # their own organisation only

    keys.tab_to(lambda f: f["tag"] == "textarea" and f["label"] == "Comment (optional)")
    page.keyboard.type("Agreed for Alpha Council.")
    button = keys.press("Tab")
    assert button["text"] == f"Sign off for {w.council}"
    # Back to the comment and forward again: Shift+Tab retraces the same order.
    assert keys.press("Shift+Tab")["tag"] == "textarea"
    assert keys.press("Tab")["text"] == f"Sign off for {w.council}"
    keys.submit("Space")

    # The page says so, with focus on the success message, and the table shows the signature.
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_be_focused()
    assert "Signed off." in banner.inner_text()
    row = page.locator("#sign-off tr", has_text=str(w.council))
    assert w.lead_la.display_name in row.inner_text()
    assert page.get_by_role("button", name="Sign off for").count() == 0
    assert keys.unseen == [], f"focus could not be seen on: {keys.unseen}"

    signoff = PartnerSignOff.objects.get(rapid_review=review, organisation=w.council)
    assert signoff.signed_by == w.lead_la
    assert signoff.comment == "Agreed for Alpha Council."
    assert signoff.round == review.sign_off_round
    assert PartnerSignOff.objects.filter(rapid_review=review).count() == 1  # the other partners have not
    review.refresh_from_db()
    assert not review.is_locked
