"""Password reset by e-mail link and password change: GOV.UK pages, no account enumeration, a
plain-text e-mail to one recipient with an absolute link from SITE_URL that expires and works once."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.core.models import User
from partnerships.security.models import RecoveryCodeDevice

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "a-new-and-longer-passphrase"


@pytest.fixture
def alice(db):
    return User.objects.create_user("alice", "alice@example.org", PASSWORD)


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://partnerships.example.gov.uk/"
    return "https://partnerships.example.gov.uk"


def ask_for_link(address):
    return Client().post("/password-reset/", {"email": address}, follow=True)


def link_in(message):
    return re.search(r"https://\S+", message.body).group(0)


def can_sign_in(username, password):
    client = Client()
    client.post("/sign-in/", {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_the_sign_in_page_links_to_the_reset_page(db):
    page = Client().get("/sign-in/").content.decode()
    assert 'href="/password-reset/"' in page and "Forgotten your password?" in page
    form = Client().get("/password-reset/")
    assert form.status_code == 200
    assert 'class="govuk-input' in form.content.decode() and 'autocomplete="email"' in form.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(alice, site_url):
    unknown = ask_for_link("nobody@example.org")
    known = ask_for_link("alice@example.org")
    assert unknown.status_code == known.status_code == 200
    assert unknown.redirect_chain == known.redirect_chain == [("/password-reset/sent/", 302)]

    def visible(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert visible(unknown) == visible(known)
    assert "If the address you gave belongs to an account" in visible(unknown)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.org"]


def test_a_known_address_gets_one_plain_email_with_an_absolute_link(alice, site_url):
    ask_for_link("ALICE@example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"] and not message.cc and not message.bcc
    assert message.alternatives == []  # plain text only
    assert "alice" in message.body and "60 minutes" in message.body
    link = link_in(message)
    assert link.startswith(f"{site_url}/password-reset/")
    assert "testserver" not in message.body


def test_a_disabled_account_gets_no_email(alice, site_url):
    alice.is_active = False
    alice.save()
    response = ask_for_link("alice@example.org")
    assert response.redirect_chain == [("/password-reset/sent/", 302)]
    assert mail.outbox == []


def test_the_link_sets_a_new_password_once(alice, site_url):
    ask_for_link("alice@example.org")
    path = link_in(mail.outbox[0]).removeprefix(site_url)
    client = Client()
    form = client.get(path, follow=True)
    assert "Set a new password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    mismatch = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": "something-else-entirely"}
    )
    assert "The new passwords do not match" in mismatch.content.decode()
    weak = client.post(set_url, {"new_password1": "password", "new_password2": "password"})
    assert "govuk-error-summary" in weak.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    assert "Your password has been set" in done.content.decode()
    assert "_auth_user_id" not in client.session  # not signed in by the link
    assert can_sign_in("alice", NEW_PASSWORD) and not can_sign_in("alice", PASSWORD)
    # The same link again, in a new browser: refused, and the password stays.
    again = Client().get(path, follow=True)
    assert "This link does not work" in again.content.decode()
    assert "Set a new password" not in again.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused(alice, site_url, settings):
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now, tick=False) as clock:
        ask_for_link("alice@example.org")
        path = link_in(mail.outbox[0]).removeprefix(site_url)
        clock.shift(datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60))
        client = Client()
        page = client.get(path, follow=True)
        assert "This link does not work" in page.content.decode()
        refused = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert "Set a new password" not in refused.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_a_reset_keeps_the_second_factor_and_the_recovery_codes(alice, site_url, settings):
    settings.MFA_REQUIRED = True
    TOTPDevice.objects.create(user=alice, name="Authenticator app", confirmed=True)
    recovery = RecoveryCodeDevice.objects.create(user=alice, name="Recovery codes", confirmed=True)
    codes = recovery.regenerate()
    ask_for_link("alice@example.org")
    client = Client()
    form = client.get(link_in(mail.outbox[0]).removeprefix(site_url), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client = Client()
    client.post("/sign-in/", {"username": "alice", "password": NEW_PASSWORD})
    assert client.get("/account/")["Location"].startswith("/mfa/verify/")
    used = client.post("/mfa/verify/", {"code": codes[0], "next": "/account/"})
    assert used.status_code == 302 and used["Location"] == "/account/"
    assert client.get("/account/").status_code == 200


def test_changing_the_password_needs_the_current_one(alice):
    client = Client()
    client.force_login(alice)
    account = client.get("/account/").content.decode()
    assert 'href="/account/password/"' in account and "Change your password" in account
    wrong = client.post(
        "/account/password/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Your current password is not right" in wrong.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    other_session = Client()
    other_session.force_login(alice)
    done = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert done.redirect_chain == [("/account/", 302)]
    assert "Your password has been changed" in done.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get("/account/").status_code == 200  # this session stays signed in
    assert other_session.get("/account/").status_code == 302  # every other one ends


def test_the_set_up_page_links_to_changing_the_password(alice, settings):
    settings.MFA_REQUIRED = True
    client = Client()
    client.force_login(alice)
    page = client.get("/mfa/set-up/").content.decode()
    assert 'href="/account/password/"' in page
