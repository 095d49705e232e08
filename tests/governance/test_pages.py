"""Every governance page, visited in one world by each persona (a quick form of the URL matrix)."""

from django.apps import apps

from partnerships.core.permissions import Perm
from tests.urlmatrix import expected_get, page_routes, url_for

PREFIXES = (
    "meeting",
    "agenda",
    "attendance",
    "paper",
    "minutes",
    "quorum",
    "decision",
    "priorit",
    "objective",
    "progress_add",
    "risk",
    "scrutiny",
    "finding",
    "challenge",
    "cycle",
    "standard",
    "return",
    "agency_return",
)


def _routes():
    return [r for r in page_routes() if r.name.split(":")[-1].startswith(PREFIXES)]


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_every_governance_page_by_every_persona(world, client_for):
    w = world
    routes = _routes()
    assert len(routes) >= 45
    bu, scrutineer, outsider, contributor = (
        client_for(u) for u in (w.bu, w.scrutineer, w.outsider, w.contributor)
    )
    failures = []
    for route in routes:
        url = url_for(route, w)
        post_only = list(getattr(route.view_class, "http_method_names", [])) == ["post"]
        contributor_page = getattr(route.view_class, "read_perm", None) == Perm.CONTRIBUTE
        expected = 405 if post_only else 200
        if contributor_page:
            expected = 404
        got = bu.get(url).status_code
        if got != expected:
            failures.append(("bu", url, got))
        if not contributor_page and (got := scrutineer.get(url).status_code) != expected_get(
            route, "scrutineer"
        ):
            failures.append(("scrutineer", url, got))
        before = _counts()
        if (got := scrutineer.post(url, {"title": "x", "status": "done", "text": "x"}).status_code) not in (
            403,
            404,
        ):
            failures.append(("scrutineer post", url, got))
        if (got := outsider.get(url).status_code) != 404:
            failures.append(("outsider", url, got))
        if (got := outsider.post(url, {"title": "x"}).status_code) != 404:
            failures.append(("outsider post", url, got))
        if _counts() != before:
            failures.append(("changed data", url, None))
        got = contributor.get(url).status_code
        if got != (200 if contributor_page else 404):
            failures.append(("contributor", url, got))
    assert failures == []
