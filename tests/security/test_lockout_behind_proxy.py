"""Sign-in lock-out behind a reverse proxy: the client's address comes from X-Forwarded-For as the
trusted proxy wrote it; one username from one address locks at 5 failures, one address across
usernames at a higher limit, and nobody can lock someone else's account from elsewhere."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from partnerships.core.models import User

PASSWORD = "correct-horse-battery"
PROXY = "10.0.0.1"  # the load balancer: every request reaches Django from here


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 12


@pytest.fixture
def alice(db):
    return User.objects.create_user("alice", "alice@example.org", PASSWORD)


def attempt(username, client_address, password=PASSWORD, forwarded=None):
    """A sign-in through the proxy, which appends the address it saw to X-Forwarded-For."""
    header = f"{forwarded}, {client_address}" if forwarded else client_address
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
    response = client.post("/sign-in/", {"username": username, "password": password})
    return client, response


def signed_in(client):
    return "_auth_user_id" in client.session


def test_the_client_address_behind_the_proxy_is_locked_and_not_the_proxy(alice, behind_one_proxy):
    for _ in range(5):
        _, response = attempt("alice", "203.0.113.7", password="wrong-password")
    assert response.status_code == 429
    assert "Sign-in locked for 15 minutes" in response.content.decode()
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    client, locked = attempt("alice", "203.0.113.7")
    assert locked.status_code == 429 and not signed_in(client)
    # Alice herself, from home, through the same proxy: not locked.
    client, response = attempt("alice", "198.51.100.20")
    assert response.status_code == 302 and signed_in(client)


def test_a_forged_forwarded_address_does_not_escape_the_lock(alice, behind_one_proxy):
    for n in range(5):
        # The attacker writes a new address in the header each time; the proxy appends the real one.
        attempt("alice", "203.0.113.7", password="wrong-password", forwarded=f"192.0.2.{n}")
    client, response = attempt("alice", "203.0.113.7", forwarded="192.0.2.200")
    assert response.status_code == 429 and not signed_in(client)


def test_without_a_trusted_proxy_the_header_is_ignored(alice, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        attempt("alice", f"192.0.2.{n}", password="wrong-password")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


def test_nobody_can_lock_another_persons_account_from_elsewhere(alice, behind_one_proxy):
    for _ in range(8):
        attempt("alice", "203.0.113.7", password="wrong-password")
    client, response = attempt("alice", "198.51.100.20")
    assert response.status_code == 302 and signed_in(client)


def test_one_address_trying_many_usernames_is_locked_at_the_higher_limit(alice, behind_one_proxy):
    # 11 failures across 11 usernames: below the per-address limit of 12, no pair near 5.
    for n in range(11):
        _, response = attempt(f"user{n}", "203.0.113.7", password="wrong-password")
        assert response.status_code == 200
    client, response = attempt("someone", "203.0.113.7", password="wrong-password")
    assert response.status_code == 429
    # The address is locked for every username, even with the right password...
    client, response = attempt("alice", "203.0.113.7")
    assert response.status_code == 429 and not signed_in(client)
    # ...and other addresses are not.
    client, response = attempt("alice", "198.51.100.20")
    assert response.status_code == 302 and signed_in(client)


def test_a_sprayer_who_signs_in_to_their_own_account_keeps_their_failures(alice, behind_one_proxy):
    User.objects.create_user("mallory", "m@example.org", PASSWORD)
    for n in range(11):
        attempt(f"user{n}", "203.0.113.7", password="wrong-password")
    _, ok = attempt("mallory", "203.0.113.7")
    assert ok.status_code == 302
    _, response = attempt("user99", "203.0.113.7", password="wrong-password")
    assert response.status_code == 429


def test_a_successful_sign_in_forgives_its_own_pair(alice, behind_one_proxy):
    for _ in range(4):
        attempt("alice", "203.0.113.7", password="wrong-password")
    _, ok = attempt("alice", "203.0.113.7")
    assert ok.status_code == 302
    assert not AccessAttempt.objects.filter(username="alice").exists()
    for _ in range(4):
        _, response = attempt("alice", "203.0.113.7", password="wrong-password")
    assert response.status_code == 200
