"""Sign-in hardening: a second factor outside demo mode, lock-out, session limits, CSRF, headers."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.security.models import RecoveryCode, RecoveryCodeDevice

PASSWORD = "correct-horse-battery"


def code_for(device, at=None):
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(6)


def sign_in(user, password=PASSWORD, address="10.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/sign-in/", {"username": user.username, "password": password})
    return client, response


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED = True


def set_up_codes(client):
    """Walk the set-up page as a person would; returns (device, plain recovery codes)."""
    page = client.get("/mfa/set-up/")
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    done = client.post("/mfa/set-up/", {"code": code_for(device), "next": "/"})
    assert done.status_code == 200
    device.refresh_from_db()
    return device, done.context["codes"]


def test_with_mfa_on_a_password_alone_reaches_only_the_set_up_page(world, mfa_on):
    client, response = sign_in(world.bu)
    assert response.status_code == 302
    home = client.get("/p/alpha/")
    assert home.status_code == 302 and home["Location"].startswith("/mfa/set-up/?next=%2Fp%2Falpha%2F")
    assert client.get("/api/actions/").status_code == 403
    assert client.get("/mfa/set-up/").status_code == 200


def test_setting_up_codes_confirms_the_app_and_stores_recovery_codes_only_as_hashes(world, mfa_on):
    client, _ = sign_in(world.bu)
    device, codes = set_up_codes(client)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = list(RecoveryCode.objects.filter(device__user=world.bu).values_list("code_hash", flat=True))
    assert len(stored) == 10
    for h in stored:
        identify_hasher(h)  # a Django password hash
        assert not any(c.replace("-", "") in h for c in codes)
    assert client.get("/p/alpha/").status_code == 200


def test_next_sign_in_asks_for_a_code_and_a_replayed_code_is_refused(world, mfa_on):
    first, _ = sign_in(world.bu)
    device, _ = set_up_codes(first)
    # A new window's code, so the set-up code does not collide with this one.
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=60)):
        client, _ = sign_in(world.bu)
        assert client.get("/p/alpha/")["Location"].startswith("/mfa/verify/")
        wrong = client.post("/mfa/verify/", {"code": "000000"})
        assert "That code is not right" in wrong.content.decode()
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.save()
        code = code_for(device)
        ok = client.post("/mfa/verify/", {"code": code, "next": "/p/alpha/"})
        assert ok.status_code == 302 and ok["Location"] == "/p/alpha/"
        assert client.get("/p/alpha/").status_code == 200
        # The same code, captured and replayed by someone else in the same 30 seconds.
        thief, _ = sign_in(world.bu, address="10.9.9.9")
        replay = thief.post("/mfa/verify/", {"code": code})
        assert replay.status_code == 200
        assert "That code is not right, or it has been used already" in replay.content.decode()
        assert thief.get("/p/alpha/").status_code == 302


def test_a_recovery_code_works_once(world, mfa_on):
    first, _ = sign_in(world.bu)
    _, codes = set_up_codes(first)
    client, _ = sign_in(world.bu)
    used = client.post("/mfa/verify/", {"code": codes[0].upper(), "next": "/p/alpha/"})
    assert used.status_code == 302
    assert client.get("/p/alpha/").status_code == 200
    assert RecoveryCodeDevice.objects.get(user=world.bu).remaining == 9
    again, _ = sign_in(world.bu, address="10.0.0.2")
    refused = again.post("/mfa/verify/", {"code": codes[0]})
    assert "has been used already" in refused.content.decode()
    assert again.get("/p/alpha/").status_code == 302


def test_with_mfa_off_the_suite_and_demo_sign_in_with_a_password(world):
    client, _ = sign_in(world.bu)
    assert client.get("/p/alpha/").status_code == 200


SITE = "https://safeguarding.example.org"


def _setting(module, name, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MFA_", "DEMO_"))}
    clean.update({"DJANGO_SETTINGS_MODULE": module, "DJANGO_SECRET_KEY": "k" * 60, "SITE_URL": SITE, **env})
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{name})"],
        cwd=Path(__file__).resolve().parents[2],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.strip()


def test_production_always_demands_mfa_and_demo_mode_does_not():
    assert _setting("config.settings.production", "MFA_REQUIRED", MFA_REQUIRED="false") == "True"
    assert _setting("config.settings.base", "MFA_REQUIRED") == "True"
    assert _setting("config.settings.local", "MFA_REQUIRED") == "False"  # demo mode (make run)
    assert _setting("config.settings.local", "MFA_REQUIRED", DEMO_MODE="false") == "True"


def test_five_failures_lock_the_username_from_that_address_only(world):
    for _ in range(4):
        _, response = sign_in(world.bu, password="wrong-password")
        assert response.status_code == 200
    _, fifth = sign_in(world.bu, password="wrong-password")
    assert fifth.status_code == 429  # the fifth failure locks the pair
    client, locked = sign_in(world.bu)
    assert locked.status_code == 429
    assert "Sign-in locked for 15 minutes" in locked.content.decode()
    assert client.get("/p/alpha/").status_code == 302  # not signed in
    # The same office (address) can still sign other people in, and bu from elsewhere.
    other, response = sign_in(world.officer)
    assert response.status_code == 302 and other.get("/p/alpha/").status_code == 200
    _, elsewhere = sign_in(world.bu, address="10.0.0.99")
    assert elsewhere.status_code == 302
    # After 15 minutes the pair may try again.
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=16)):
        _, later = sign_in(world.bu)
        assert later.status_code == 302


def test_four_failures_do_not_lock(world):
    for _ in range(4):
        sign_in(world.bu, password="wrong-password")
    _, response = sign_in(world.bu)
    assert response.status_code == 302


def test_a_session_ends_after_30_idle_minutes(world):
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now, tick=False) as clock:
        client, _ = sign_in(world.bu)
        assert client.get("/p/alpha/").status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get("/p/alpha/").status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get("/p/alpha/")
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
        assert client.get("/p/alpha/").status_code == 302


def test_a_session_ends_12_hours_after_sign_in_however_busy(world):
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now, tick=False) as clock:
        client, _ = sign_in(world.bu)
        for _ in range(35):  # a request every 20 minutes for 11h40
            clock.shift(datetime.timedelta(minutes=20))
            assert client.get("/p/alpha/").status_code == 200
        clock.shift(datetime.timedelta(minutes=21))
        assert client.get("/p/alpha/").status_code == 302


def test_sign_out_is_post_only_and_ends_the_session(world):
    client, _ = sign_in(world.bu)
    assert client.get("/sign-out/").status_code == 405
    assert client.get("/p/alpha/").status_code == 200
    client.post("/sign-out/")
    assert client.get("/p/alpha/").status_code == 302


def test_disabling_an_account_ends_its_session(world):
    client, _ = sign_in(world.bu)
    assert client.get("/p/alpha/").status_code == 200
    world.bu.is_active = False
    world.bu.save()
    assert client.get("/p/alpha/").status_code == 302


def test_state_changes_without_a_csrf_token_are_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.bu)
    before = world.action.title
    assert client.post("/notifications/read-all/").status_code == 403
    url = f"/p/alpha/actions/{world.action.pk}/edit/"
    assert client.post(url, {"title": "Changed"}).status_code == 403
    world.action.refresh_from_db()
    assert world.action.title == before
    assert client.post("/sign-out/").status_code == 403


def test_security_headers_on_signed_in_pages(world, client_for):
    response = client_for(world.bu).get("/p/alpha/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_no_page_template_carries_inline_script():
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text()
        for chunk in text.split("<script")[1:]:
            head = chunk.split(">", 1)[0]
            if "src=" not in head and 'type="application/json"' not in head:
                offenders.append(str(path.relative_to(root)))
        if " onclick=" in text or " onload=" in text or "javascript:" in text:
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_the_api_explorer_page_needs_no_inline_script(client):
    response = client.get("/api/docs/explorer/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>" not in body
