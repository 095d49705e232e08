"""Every page type in Debian's chromium, as each role that can see it, checked by axe-core.

Generated from the URL configuration (tests/urlmatrix.py), like the URL matrix. Every named route
outside the admin and the API is opened in the browser as business unit, partner lead, scrutineer
and agency contributor, and the routes outside /p/<partnership>/ also as anonymous (inside it an
anonymous visitor is only sent to sign in: the URL matrix proves that). Each HTML page a role is
shown (a 200, and the 403 and 404 pages once per role) is checked by axe-core against WCAG 2.0, 2.1
and 2.2 at levels A and AA: no violation is allowed. Downloads (PDF, CSV, XLSX, iCalendar) are told
apart by their content type and skipped, and POST-only routes answer 405.

`test_every_route_is_a_page_someone_scanned` (last in the module) fails for a route that no role
was shown as a page and that is not a download, POST-only or listed in REDIRECT_ONLY, and for one
whose URL cannot be built: a new page is scanned, or the test says what it needs, once it exists.

One world, one live server and one session per role serve the whole module; each test runs in a
transaction rolled back at its end, and the module empties the database when it is done.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.urlmatrix import iter_routes, url_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ROLES = ("anonymous", "business unit", "partner lead", "scrutineer", "agency contributor")
PERSONA = {
    "business unit": "bu",
    "partner lead": "lead_la",
    "scrutineer": "scrutineer",
    "agency contributor": "contributor",
}
# Routes that send every role elsewhere, by design: they are steps, not pages.
REDIRECT_ONLY = {"switch_partnership": "sets the current partnership, then shows its home page"}
# Shown only while a second factor is being set up or checked (MFA_REQUIRED, off in the test
# settings): tests/security/test_browser.py signs in with MFA on and scans each with axe.
MFA_PAGES = {"security:mfa_setup", "security:mfa_verify", "security:recovery_codes"}

AXE_SCRIPT = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary.replace(/\\s+/g, " ")),
  }));
}"""

# A few of the pages each role must have been shown (and scanned) for the scan to mean anything.
EXPECTED_PAGES = {
    "anonymous": ["login", "accessibility", "publications:public_document", "learning_public:briefing"],
    "business unit": ["partnerships:home", "reviews:rapid_review_detail", "partnerships:access_log"],
    "partner lead": ["partnerships:home", "reviews:rapid_review_detail", "dashboard:dashboard"],
    "scrutineer": ["partnerships:home", "dashboard:dashboard", "assurance:challenge_list"],
    "agency contributor": ["home", "reviews:my_contributions", "child_death:contribute_list"],
}

# What each role was answered on each route: {route name: {role: (status, content type)}}.
SEEN = {}


@dataclass
class Site:
    world: object
    base_url: str
    cookies: dict = field(default_factory=dict)
    urls: dict = field(default_factory=dict)  # route name -> URL
    unresolved: dict = field(default_factory=dict)  # route name -> why its URL cannot be built
    routes: dict = field(default_factory=dict)  # route name -> Route


def _other_kwargs(world, feed_key, feed_secret):
    """Kwargs of the routes outside /p/<partnership>/: a new one with kwargs must be added here."""
    return {
        "notification_read": {"pk": world.notice.pk},
        "calendar_feed_ics": {"key": feed_key, "secret": feed_secret},
        "publications:public_index": {"slug": "alpha"},
        "publications:public_document": {"slug": "alpha", "pk": world.arrangements.pk},
        "publications:public_pdf": {"slug": "alpha", "pk": world.arrangements.pk},
        "publications:public_version_pdf": {"slug": "alpha", "pk": world.arrangements.pk, "number": 1},
        "learning_public:briefing_list": {"slug": "alpha"},
        "learning_public:briefing": {"slug": "alpha", "pk": world.briefing.pk},
        "learning_public:briefing_pdf": {"slug": "alpha", "pk": world.briefing.pk},
        # An attendee's evaluation link (tests/learning/builders_self_booking.py), not yet used.
        "learning_public:evaluation": {"token": world.evaluation_token},
        # A link that does not work: its page (expired or used) is the one anyone can open.
        "security:password_reset_confirm": {"uidb64": "MQ", "token": "expired-link"},
    }


def _extend(world):
    """What the base world lacks for full pages: a published document, notices, a calendar address."""
    from partnerships.core.models import Notification
    from partnerships.deadlines import calendar as calendar_feed
    from tests.publications.support import publish_arrangements

    publish_arrangements(world)
    world.notice = Notification.objects.create(
        recipient=world.bu, partnership=world.alpha, title="A rapid review is due", url="/p/alpha/"
    )
    for user in (world.lead_la, world.scrutineer, world.contributor):
        Notification.objects.create(recipient=user, partnership=world.alpha, title="Please read the briefing")
    feed, secret = calendar_feed.create_feed(world.bu)
    return feed.key, secret


def _client(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, PERSONA[role]))
    return client


@pytest.fixture(autouse=True)
def _media_root():
    """The module's files (a published PDF) live in the folder `site` sets for the whole module."""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world, one live server and one session per role for the module; emptied afterwards."""
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    from tests.world import build_world

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("a11y-media"))
    with django_db_blocker.unblock(), media:
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            world = build_world()
            key, secret = _extend(world)
            result = Site(world=world, base_url=server.url)
            for role in PERSONA:
                cookie = _client(world, role).cookies[settings.SESSION_COOKIE_NAME].value
                result.cookies[role] = cookie
            # Made here, committed, like the roles': a session saved inside a test's transaction is
            # invisible to the live server's own connection on PostgreSQL (the admin would be anonymous).
            result.cookies["admin"] = (
                _client_for_user(world.admin).cookies[settings.SESSION_COOKIE_NAME].value
            )
            other = _other_kwargs(world, key, secret)
            for route in iter_routes():
                if route.route.startswith(("admin/", "api/")):
                    continue  # Django's admin and the API (tests/partnerships/test_api_matrix.py)
                name = route.name or route.route
                try:
                    if route.partnership_scoped:
                        url = url_for(route, world)
                    else:
                        url = reverse(route.name, kwargs=other.get(route.name, {}))
                except (LookupError, NoReverseMatch) as exc:  # reported by the coverage test
                    result.unresolved[name] = repr(exc)
                    continue
                result.urls[name] = url
                result.routes[name] = route
            yield result
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


def role_context(browser, site, role):
    """A browser context signed in as `role`, with axe-core loaded into every page."""
    context = browser.new_context(base_url=site.base_url)
    context.add_init_script(path=str(AXE_SCRIPT))
    if role != "anonymous":
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": site.cookies[role], "url": site.base_url}]
        )
    return context


def axe_violations(page):
    return page.evaluate(AXE_RUN, AXE_TAGS)


def _open(page, url):
    """(status, content type) of `url` in the browser; a redirect counts as 302."""
    from playwright.sync_api import Error

    answers = []

    def document(response):
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            answers.append(response)

    page.on("response", document)
    try:
        for attempt in range(3):
            try:
                response = page.goto(url)
                break
            except Error as exc:
                if "Download is starting" in str(exc):
                    return 200, "download"
                if "ERR_HTTP_RESPONSE_CODE_FAILURE" in str(exc) and answers:
                    # An empty error response (405): chromium shows its own error page instead.
                    response = answers[-1]
                    break
                if "interrupted by another navigation" not in str(exc) or attempt == 2:
                    raise
                # The previous empty response's error page was still loading: go again.
    finally:
        page.remove_listener("response", document)
    if response.request.redirected_from is not None:
        return 302, "redirect"
    return response.status, response.headers.get("content-type", "").split(";")[0]


def _report(found):
    lines = []
    for where, violations in found.items():
        lines.append(where)
        for v in violations:
            lines.append(f"  {v['id']} ({v['impact']}, {v['count']}x): {v['help']}")
            lines.extend(f"    {n}" for n in v["nodes"])
    return "\n".join(lines)


def _is_download(answers):
    return any(status == 200 and kind != "text/html" for status, kind in answers.values())


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe(site, browser, role):
    context = role_context(browser, site, role)
    page = context.new_page()
    client = _client(site.world, role)
    found, scanned, error_pages = {}, [], set()
    try:
        for name, url in site.urls.items():
            if role == "anonymous" and site.routes[name].partnership_scoped:
                continue
            answers = SEEN.setdefault(name, {})
            if _is_download(answers):
                continue  # the same file for every role: opened once
            view = site.routes[name].view_class
            if view is None:
                # A function view: ask it first. An empty answer (405) makes chromium show its own
                # error page, racing the next page, and a calendar file is neither shown nor saved.
                response = client.get(url)
                kind = response.get("Content-Type", "").split(";")[0]
                if response.status_code == 405 or (response.status_code == 200 and kind != "text/html"):
                    answers[role] = (response.status_code, kind)
                    continue
            elif "get" not in view.http_method_names:
                answers[role] = (405, "")  # POST only: nothing to show
                continue
            status, kind = answers[role] = _open(page, url)
            if kind != "text/html" or status not in (200, 403, 404) or status in error_pages:
                continue
            if status != 200:
                error_pages.add(status)  # the same error page on every route: checked once
            scanned.append(name)
            if violations := axe_violations(page):
                found[f"{name} {url} ({status})"] = violations
    finally:
        context.close()
    # Each role was shown its own pages, signed in (not the sign-in form in their place).
    assert set(EXPECTED_PAGES[role]) <= set(scanned), set(EXPECTED_PAGES[role]) - set(scanned)
    assert not found, f"axe found WCAG 2.2 A/AA violations as {role}:\n{_report(found)}"


# The empty-form error state: a GOV.UK error summary, focused, linking to each field, passing axe.
EMPTY_FORMS = [
    ("anonymous", "login", "Enter username"),
    ("business unit", "partnerships:action_create", "Enter title"),
    ("business unit", "reviews:notification_create", "Enter"),
    ("business unit", "child_death:case_create", "Enter"),
    ("business unit", "governance:meeting_create", "Enter"),
    ("business unit", "funding:line_create", "Enter"),
]


@pytest.mark.parametrize(("role", "name", "message"), EMPTY_FORMS, ids=[n for _, n, _ in EMPTY_FORMS])
def test_an_empty_form_shows_an_accessible_error_summary(site, browser, role, name, message):
    from django.apps import apps
    from playwright.sync_api import expect

    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    context = role_context(browser, site, role)
    page = context.new_page()
    try:
        url = site.urls[name]
        page.goto(url)
        page.locator("main form[method=post] button[type=submit]").last.click()
        summary = page.locator(".govuk-error-summary")
        summary.wait_for()
        assert re.search(message, summary.inner_text()), summary.inner_text()
        # GOV.UK Frontend moves focus to the summary, and each error names and links to its field.
        expect(summary).to_be_focused()
        links = summary.locator("a")
        assert links.count() >= 1
        for i in range(links.count()):
            link = links.nth(i)
            assert "This field is required" not in link.inner_text()
            assert page.locator(link.get_attribute("href")).count() == 1, link.get_attribute("href")
        assert page.title().startswith("Error: ")
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, _report({f"{name} after an empty submit": violations})
    assert {m._meta.label: m._default_manager.count() for m in apps.get_models()} == counts


# Django's admin, for the product's administrators, is scanned too (with templates/admin/base_site.html
# loading static/app/admin.css and admin.js), and so is the API reference (/api/docs/). Swagger UI
# (/api/docs/explorer/) is not: a third party's page, it fails on contrast, page language and nested
# controls, and the reference is its conforming alternate version (config/api_docs.py).
ADMIN_PAGES = [
    "/admin/",
    "/admin/partnerships/",
    "/admin/partnerships/partnership/",
    "/admin/partnerships/partnership/add/",
    "/admin/partnerships/action/",
    "/admin/deadlines/reminder/",
    "/admin/reviews/rapidreview/",
    "/admin/child_death/childdeathcase/",
    "/admin/auth/group/",
    "/admin/password_change/",
]


def test_the_admin_and_the_api_reference_pass_axe(site, browser):
    from child_death.models import ChildDeathOverviewPanel
    from partnerships.core.models import Action, Partnership
    from partnerships.governance.models import Meeting
    from reviews.models import RapidReview

    context = browser.new_context(base_url=site.base_url)
    context.add_init_script(path=str(AXE_SCRIPT))
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": site.cookies["admin"], "url": site.base_url}]
    )
    page = context.new_page()
    partnership = Partnership.objects.order_by("pk").first()
    action = Action.objects.order_by("pk").first()
    pages = [
        *ADMIN_PAGES,
        f"/admin/partnerships/partnership/{partnership.pk}/change/",
        f"/admin/partnerships/partnership/{partnership.pk}/history/",
        f"/admin/partnerships/action/{action.pk}/change/",
        # Tabular inlines and the filter_horizontal widget, which admin.js labels.
        f"/admin/reviews/rapidreview/{RapidReview.objects.order_by('pk').first().pk}/change/",
        f"/admin/governance/meeting/{Meeting.objects.order_by('pk').first().pk}/change/",
        f"/admin/child_death/childdeathoverviewpanel/{ChildDeathOverviewPanel.objects.order_by('pk').first().pk}/change/",
    ]
    found = {}
    try:
        for url in pages:
            status, kind = _open(page, url)
            assert (status, kind) == (200, "text/html"), (url, status, kind)
            if violations := axe_violations(page):
                found[url] = violations
        # Signed out: the admin's sign-in form, and the API reference the footer links to.
        context.clear_cookies()
        for url in ("/admin/login/", "/api/docs/"):
            assert _open(page, url) == (200, "text/html")
            if violations := axe_violations(page):
                found[url] = violations
    finally:
        context.close()
    assert not found, f"axe found WCAG 2.2 A/AA violations:\n{_report(found)}"


def _client_for_user(user):
    client = Client()
    client.force_login(user)
    return client


def test_every_route_is_a_page_someone_scanned(site):
    """Last in the module: uses what the scans saw, and asks the app for what they did not see
    (under pytest-xdist the scans may have run in another worker)."""
    assert not site.unresolved, (
        "routes whose URL the accessibility scan cannot build: add their kwargs to world.url_kwargs "
        f"(tests/<app>/builders.py) or to _other_kwargs in this module: {site.unresolved}"
    )
    clients = {}
    uncovered = {}
    for name, url in site.urls.items():
        view = site.routes[name].view_class
        if name in REDIRECT_ONLY or name in MFA_PAGES or (view and "get" not in view.http_method_names):
            continue
        answers = dict(SEEN.get(name, {}))
        for role in ("business unit", "agency contributor", "partner lead", "scrutineer", "anonymous"):
            if any(status == 200 for status, _ in answers.values()):
                break  # shown as a page (and scanned), or a download
            if role not in answers:
                client = clients.setdefault(role, _client(site.world, role))
                response = client.get(url)
                answers[role] = (response.status_code, response.get("Content-Type", "").split(";")[0])
        if any(status == 200 for status, _ in answers.values()):
            continue  # the last role asked may be the one that saw it
        signed_in = {answers[r][0] for r in PERSONA}
        if 405 in signed_in and signed_in <= {404, 405}:
            continue  # POST only
        uncovered[name] = answers
    assert not uncovered, f"routes no role was shown as a page (nor a download, nor POST-only): {uncovered}"
