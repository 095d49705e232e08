"""Test set-up: the database engine, CI's demands, personas, and Playwright's browser.

In CI (CI=true) the suite must run on PostgreSQL and Redis: if either is unreachable the run stops
at once with a message, and never falls back to SQLite. Outside CI, tests that need PostgreSQL or
Redis are skipped when those are not configured.
"""

import datetime
import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() == "true"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside the test DB


def _engine():
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def redis_reachable():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return False
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=2
        ) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def pytest_report_header(config):
    db = settings.DATABASES["default"]
    return [
        f"database engine: {_engine()} ({db.get('HOST') or db.get('NAME')})",
        f"redis: {os.environ.get('REDIS_URL') or 'not configured'}",
        f"CI: {IN_CI}",
    ]


def pytest_configure(config):
    # Browser checks wait for the page to show what they assert; two cores running the suite in
    # parallel can take longer than Playwright's 5 s to answer a form.
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)
    if IN_CI:
        if _engine() != "postgresql":
            pytest.exit("CI must run on PostgreSQL (set DATABASE_URL); refusing to fall back to SQLite.", 3)
        if not redis_reachable():
            pytest.exit(f"CI must reach Redis at {os.environ.get('REDIS_URL')!r}; it did not answer PING.", 3)


def pytest_collection_modifyitems(config, items):
    if IN_CI:
        return  # everything runs in CI; the services were checked above
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); runs in CI")
    skip_redis = pytest.mark.skip(reason="needs Redis (set REDIS_URL); runs in CI")
    on_pg = _engine() == "postgresql"
    has_redis = redis_reachable()
    for item in items:
        if "postgres" in item.keywords and not on_pg:
            item.add_marker(skip_pg)
        if "redis" in item.keywords and not has_redis:
            item.add_marker(skip_redis)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    """Two partnerships and a persona for every role; see tests/world.py."""
    from tests.world import build_world

    return build_world()


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as that user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def api_for():
    """api_for(user) -> a DRF APIClient authenticated as that user."""
    from rest_framework.test import APIClient

    def make(user):
        c = APIClient()
        c.force_authenticate(user)
        return c

    return make


# Playwright: Debian's chromium, never a downloaded browser.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        if IN_CI:
            pytest.fail("chromium is not installed; scripts/test.sh installs it with apt-get")
        pytest.skip("chromium is not installed")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


# Every e-mail the suite sends is read as its reader would: none may carry the test world's
# children's names, dates of birth or NHS numbers (docs/threat-model.md, "E-mail").
def _test_world_children():
    from partnerships.core.identity_match import ChildIdentity, IdentityGuard
    from tests.child_death.builders import NHS_NUMBERS
    from tests.reviews.builders import DOB, FULL_NAME

    given, family = FULL_NAME.split()
    children = [
        ChildIdentity(
            "the test world's serious incident", given_names=given, family_names=family, dates_of_birth=DOB
        ),
        ChildIdentity(
            "the test world's child death cases",
            given_names=[f"Testchild{n}" for n in range(10)],
            family_names="Pseudonym",
            dates_of_birth=datetime.date(2015, 3, 1),
            nhs_numbers=NHS_NUMBERS,
        ),
    ]
    return IdentityGuard(children, day_month="in_context")


@pytest.fixture(autouse=True)
def _emails_carry_no_child_identity(request):
    yield
    from django.core import mail

    outbox = getattr(mail, "outbox", None) or []
    if not outbox or "world" not in request.fixturenames:
        return
    guard = _test_world_children()
    for message in outbox:
        parts = [message.subject, message.body]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        for part in parts:
            found = guard.find(part)
            assert not found, f"An e-mail to {message.to} carries {found[0]}: {message.subject!r}"


# Every e-mail the suite sends goes to one person (nobody sees who else got it) and links only to
# the service's one configured address (docs/threat-model.md, "E-mail"; partnerships/core/mail.py).
# It depends on `settings` so that a test's own SITE_URL is still in force when it checks.
@pytest.fixture(autouse=True)
def _emails_go_to_one_person_and_link_to_the_site(settings):
    yield
    from django.core import mail

    from partnerships.core.mail import links_in

    site = settings.SITE_URL.rstrip("/") + "/"
    for message in getattr(mail, "outbox", None) or []:
        recipients = [*message.to, *message.cc, *message.bcc]
        assert len(recipients) == 1, f"An e-mail went to {len(recipients)} people: {message.subject!r}"
        parts = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
        for part in parts:
            for link in links_in(part):
                assert link.startswith(site) or link == site[:-1], (
                    f"An e-mail to {recipients} links to {link}, not to SITE_URL {site}: {message.subject!r}"
                )
