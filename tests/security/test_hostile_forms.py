"""Hostile input to every create and edit page (generated from the URL configuration).

Oversized, malformed and script-bearing values: the page answers with a GOV.UK error summary
(or saves text that is shown escaped), never a 500; nothing is stored when it refuses; no value
is ever echoed back as live markup. A new form is covered the moment its URL exists.
"""

import pytest
from django.apps import apps
from django.test import Client

from partnerships.core.views.generic import ScopedFormMixin
from tests.urlmatrix import page_routes, url_for

SCRIPT = "<script>alert('owned')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;"
FORM_ROUTES = [
    r for r in page_routes() if r.view_class is not None and issubclass(r.view_class, ScopedFormMixin)
]


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def _client(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.admin)
    return client


def _fields(response):
    form = response.context["form"]
    return dict(form.fields)


def _assert_not_live(body):
    assert SCRIPT not in body and "<script>alert" not in body


def test_form_routes_were_found():
    assert {"partnerships:action_create", "partnerships:group_create"} <= {r.name for r in FORM_ROUTES}


@pytest.mark.parametrize("route", FORM_ROUTES, ids=[r.name for r in FORM_ROUTES])
def test_oversized_values_are_refused_with_an_error_and_nothing_is_stored(world, route):
    client = _client(world)
    url = url_for(route, world)
    page = client.get(url)
    assert page.status_code == 200, url
    data = dict.fromkeys(_fields(page), SCRIPT + "x" * 20000)
    before = _counts()
    response = client.post(url, data)
    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode()
    assert "There is a problem" in body
    _assert_not_live(body)
    assert _counts() == before


@pytest.mark.parametrize("route", FORM_ROUTES, ids=[r.name for r in FORM_ROUTES])
def test_malformed_values_are_refused_and_script_is_echoed_escaped(world, route):
    client = _client(world)
    url = url_for(route, world)
    fields = _fields(client.get(url))
    data = {}
    for name, field in fields.items():
        kind = type(field).__name__
        if "Date" in kind:
            data.update({f"{name}_0": "31", f"{name}_1": "2", f"{name}_2": "20x4", name: "31/02/20x4"})
        elif kind in ("IntegerField", "DecimalField", "FloatField", "ModelChoiceField", "TypedChoiceField"):
            data[name] = "1; DROP TABLE users --"
        else:
            data[name] = SCRIPT + "\x00"  # a NUL byte is refused by every text field
    before = _counts()
    response = client.post(url, data)
    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode()
    assert "There is a problem" in body
    _assert_not_live(body)
    assert _counts() == before


def test_script_in_a_saved_title_is_shown_as_text(world):
    client = _client(world)
    response = client.post(
        "/p/alpha/actions/new/",
        {
            "title": SCRIPT,
            "due_date_0": "1",
            "due_date_1": "2",
            "due_date_2": "2031",
            "owner": world.officer.pk,
            "owner_organisation": world.council.pk,
            "source_kind": "meeting",
        },
    )
    from partnerships.core.models import Action

    saved = Action.objects.filter(title=SCRIPT).first()
    if saved is None:  # the form asks for more than this; then it must have said so
        assert "There is a problem" in response.content.decode()
        return
    for url in (saved.get_absolute_url(), "/p/alpha/actions/", "/p/alpha/actions/?format=csv"):
        body = client.get(url).content.decode()
        _assert_not_live(body) if "csv" not in url else None
    assert ESCAPED in client.get(saved.get_absolute_url()).content.decode()


def test_a_request_too_large_for_memory_is_a_400(world):
    client = _client(world)
    response = client.post("/p/alpha/actions/new/", {"title": "x" * (6 * 1024 * 1024)})
    assert response.status_code == 400


def test_too_many_fields_is_a_400(world):
    client = _client(world)
    response = client.post("/p/alpha/actions/new/", {f"f{i}": "x" for i in range(1200)})
    assert response.status_code == 400
