"""API tokens: made and revoked by their owner on their account page, shown once and stored only
as a hash, read-only or read-write, limited to chosen partnerships, expiring, refused without the
second factor where it is required, and every use recorded."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import dateformat, timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from partnerships.core.choices import RoleKind
from partnerships.core.models import Action, Notification, Partnership, User
from partnerships.core.services import create_action, grant_role
from partnerships.security.models import ApiToken, TokenScope, hash_token
from partnerships.security.tokens import create_token

DUE = datetime.date(2030, 1, 31)


@pytest.fixture
def two(db):
    """Two partnerships, a business-unit officer in both, an action in each."""
    alpha = Partnership.objects.create(name="Alpha Partnership", short_name="Alpha", slug="alpha")
    beta = Partnership.objects.create(name="Beta Partnership", short_name="Beta", slug="beta")
    officer = User.objects.create_user("officer", "officer@example.org", "correct-horse-battery")
    for partnership in (alpha, beta):
        grant_role(None, user=officer, partnership=partnership, kind=RoleKind.BUSINESS_UNIT)
    return {
        "alpha": alpha,
        "beta": beta,
        "officer": officer,
        "alpha_action": create_action(None, partnership=alpha, title="Alpha action", due_date=DUE),
        "beta_action": create_action(None, partnership=beta, title="Beta action", due_date=DUE),
    }


def api(raw, keyword="Bearer"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {raw}")
    return client


def make(two, scope=TokenScope.READ_WRITE, partnerships=("alpha",), days=90):
    return create_token(
        two["officer"],
        name="Figures export",
        scope=scope,
        partnerships=[two[p] for p in partnerships],
        days=days,
    )


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_token_is_made_on_the_page_shown_once_and_stored_only_as_a_hash(two):
    client = signed_in(two["officer"])
    page = client.get("/account/api-tokens/")
    assert page.status_code == 200 and "Make a token" in page.content.decode()
    made = client.post(
        "/account/api-tokens/",
        {"name": "Figures export", "scope": "read", "partnerships": [two["alpha"].pk], "days": "90"},
    )
    body = made.content.decode()
    raw = re.search(r"sp_[A-Za-z0-9_-]{40,}", body).group(0)
    assert "It is shown once and never again" in body
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.scope) == (two["officer"], "Figures export", TokenScope.READ)
    assert list(token.partnerships.all()) == [two["alpha"]]
    assert token.expires_at - token.created_at == datetime.timedelta(days=90)
    assert token.key_hash == hash_token(raw) and raw not in token.key_hash
    # The raw token is in no column of the token or its history.
    for row in [*ApiToken.objects.values(), *ApiToken.history.values()]:
        assert not any(raw in str(value) for value in row.values())
    assert raw[:9] == token.hint  # a few characters, to recognise it in the list
    again = client.get("/account/api-tokens/").content.decode()
    assert raw not in again and "Figures export" in again and f"{token.hint}…" in again
    assert api(raw).get(f"/api/actions/{two['alpha_action'].pk}/").status_code == 200


def test_the_default_expiry_is_90_days_and_the_form_offers_only_your_partnerships(two):
    stranger = Partnership.objects.create(name="Gamma Partnership", short_name="Gamma", slug="gamma")
    page = signed_in(two["officer"]).get("/account/api-tokens/")
    form = page.context["form"]
    assert form["days"].initial == 90
    assert set(form.fields["partnerships"].queryset) == {two["alpha"], two["beta"]}
    refused = signed_in(two["officer"]).post(
        "/account/api-tokens/",
        {"name": "Sneaky", "scope": "read", "partnerships": [stranger.pk], "days": "90"},
    )
    assert "govuk-error-summary" in refused.content.decode()
    assert not ApiToken.objects.exists()
    with pytest.raises(ValidationError):
        create_token(two["officer"], name="Sneaky", scope="read", partnerships=[stranger])


def test_without_the_second_factor_where_it_is_required_tokens_are_refused(two, settings):
    _, raw = make(two)
    assert api(raw).get("/api/actions/").status_code == 200
    settings.MFA_REQUIRED = True
    refused = api(raw).get("/api/actions/")
    assert refused.status_code == 401 and "sign-in codes" in refused.json()["detail"][0]
    with pytest.raises(ValidationError, match="sign-in codes"):
        make(two)
    page = signed_in(two["officer"]).post(
        "/account/api-tokens/",
        {"name": "Another", "scope": "read", "partnerships": [two["alpha"].pk], "days": "90"},
    )
    assert page.status_code == 302 and page["Location"].startswith("/mfa/set-up/")
    assert ApiToken.objects.count() == 1
    TOTPDevice.objects.create(user=two["officer"], name="Authenticator app", confirmed=True)
    assert api(raw).get("/api/actions/").status_code == 200
    make(two)
    assert ApiToken.objects.count() == 2


def test_an_expired_token_is_refused(two):
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now, tick=False) as clock:
        _, raw = make(two, days=7)
        clock.shift(datetime.timedelta(days=6, hours=23))
        assert api(raw).get("/api/actions/").status_code == 200
        clock.shift(datetime.timedelta(hours=2))
        response = api(raw).get("/api/actions/")
        assert response.status_code == 401 and "expired" in response.json()["detail"][0]
        assert ApiToken.objects.get().status == "expired"


def test_a_read_only_token_reads_and_is_refused_every_write_with_403(two):
    _, raw = make(two, scope=TokenScope.READ)
    client = api(raw)
    action = two["alpha_action"]
    assert client.get(f"/api/actions/{action.pk}/").json()["title"] == "Alpha action"
    created = client.post("/api/actions/", {"partnership": "alpha", "title": "New", "due_date": "2030-02-01"})
    assert created.status_code == 403 and created.json()["detail"] == ["This API token may only read."]
    changed = client.patch(f"/api/actions/{action.pk}/", {"title": "Changed"})
    assert changed.status_code == 403
    notice = Notification.objects.create(recipient=two["officer"], partnership=two["alpha"], title="Hello")
    marked = client.patch(f"/api/notifications/{notice.pk}/", {"read_at": "2030-01-01T00:00:00Z"})
    assert marked.status_code == 403  # even the person's own records
    action.refresh_from_db()
    notice.refresh_from_db()
    assert action.title == "Alpha action" and notice.read_at is None
    assert Action.objects.count() == 2


def test_a_read_write_token_writes_within_its_partnership(two):
    _, raw = make(two, scope=TokenScope.READ_WRITE)
    action = two["alpha_action"]
    response = api(raw).patch(f"/api/actions/{action.pk}/", {"title": "Changed by a script"})
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.title == "Changed by a script"
    assert action.history.first().history_user == two["officer"]


def test_a_token_for_one_partnership_finds_nothing_of_another(two):
    _, raw = make(two, scope=TokenScope.READ_WRITE, partnerships=("alpha",))
    client = api(raw)
    beta_action = two["beta_action"]
    assert client.get(f"/api/actions/{beta_action.pk}/").status_code == 404
    assert client.patch(f"/api/actions/{beta_action.pk}/", {"title": "Changed"}).status_code == 404
    titles = [row["title"] for row in client.get("/api/actions/").json()["results"]]
    assert titles == ["Alpha action"]
    assert [p["slug"] for p in client.get("/api/partnerships/").json()["results"]] == ["alpha"]
    created = client.post("/api/actions/", {"partnership": "beta", "title": "New", "due_date": "2030-02-01"})
    assert created.status_code == 400 and "partnership" in created.json()
    beta_action.refresh_from_db()
    assert beta_action.title == "Beta action" and Action.objects.count() == 2
    # The same person signed in (session) still reaches both.
    session = APIClient()
    session.force_login(two["officer"])
    assert session.get(f"/api/actions/{beta_action.pk}/").status_code == 200


def test_a_superusers_token_is_limited_like_anyone_elses(two):
    admin = User.objects.create_superuser("admin", "admin@example.org", "correct-horse-battery")
    _, raw = create_token(admin, name="Admin script", scope=TokenScope.READ, partnerships=[two["alpha"]])
    client = api(raw)
    assert client.get(f"/api/actions/{two['beta_action'].pk}/").status_code == 404
    assert client.get(f"/api/actions/{two['alpha_action'].pk}/").status_code == 200
    assert client.patch(f"/api/actions/{two['alpha_action'].pk}/", {"title": "x"}).status_code == 403


def test_every_use_records_when_it_was_last_used(two):
    token, raw = make(two)
    assert token.last_used_at is None
    moment = (token.created_at + datetime.timedelta(days=1)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    with time_machine.travel(moment, tick=False):
        api(raw, keyword="Token").get("/api/actions/")  # the old keyword still works
    token.refresh_from_db()
    assert token.last_used_at == moment
    later = moment + datetime.timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        api(raw).get(f"/api/actions/{two['alpha_action'].pk}/")
    token.refresh_from_db()
    assert token.last_used_at == later
    assert token.history.count() == 1  # a use writes no history row
    page = signed_in(two["officer"]).get("/account/api-tokens/").content.decode()
    assert dateformat.format(timezone.localtime(later), "j M Y H:i") in page and "Never" not in page


def test_the_owner_revokes_a_token_and_it_stops_working_at_once(two):
    token, raw = make(two)
    client = signed_in(two["officer"])
    response = client.post("/account/api-tokens/revoke/", {"token": token.pk}, follow=True)
    assert "has been revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None and token.status == "revoked"
    assert api(raw).get("/api/actions/").status_code == 401
    assert client.get("/account/api-tokens/revoke/").status_code == 405


def test_nobody_else_can_revoke_a_token(two):
    token, raw = make(two)
    other = User.objects.create_user("other", "other@example.org", "correct-horse-battery")
    response = signed_in(other).post("/account/api-tokens/revoke/", {"token": token.pk})
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api(raw).get("/api/actions/").status_code == 200
    assert "Figures export" not in signed_in(other).get("/account/api-tokens/").content.decode()


def test_a_wrong_or_malformed_token_is_refused(two):
    make(two)
    assert api("sp_not-a-real-token").get("/api/actions/").status_code == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer two parts")
    assert client.get("/api/actions/").status_code == 401
    assert APIClient().get("/api/actions/").status_code in (401, 403)
