"""The sign-in pages in a real browser: the second factor end to end, checked with axe (WCAG 2.2 AA)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_clean(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_sign_in_set_up_and_verify_by_keyboard_pass_axe(live_server, page, settings):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.world import build_world

    settings.MFA_REQUIRED = True
    world = build_world()
    page.goto(f"{live_server.url}/sign-in/")
    axe_clean(page)
    page.get_by_label("Username").fill(world.bu.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mfa/set-up/**")
    axe_clean(page)
    device = TOTPDevice.objects.get(user=world.bu)
    code = str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(6)
    page.get_by_label("Code from your app").fill(code)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    axe_clean(page)
    assert page.locator(".app-recovery-codes li").count() == 10
    page.get_by_role("link", name="I have saved my codes").click()
    page.wait_for_url(lambda url: "/mfa/" not in url)
    page.goto(f"{live_server.url}/p/alpha/")
    assert page.get_by_role("heading", level=1).count() >= 1
    assert "/mfa/" not in page.url


def test_a_wrong_code_shows_an_accessible_error(live_server, page, settings):
    from tests.world import build_world

    settings.MFA_REQUIRED = True
    world = build_world()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=world.bu, name="App", confirmed=True)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(world.bu.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/mfa/verify/**")
    page.get_by_label("Code").fill("123456")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("That code is not right")
    axe_clean(page)
