"""Every API resource obeys the same roles and isolation as the pages (generated from the router).

- an outsider's list holds nothing of alpha, and alpha's records are 404 to them;
- a scrutineer may read alpha's records, and every write is refused with 403, changing nothing;
- anonymous requests are refused.
"""

import pytest
from django.apps import apps

from config.api import router

RESOURCES = [(prefix, viewset) for prefix, viewset, _basename in router.registry]
PERSONAL = {"notifications"}


def _model_of(viewset):
    model = getattr(viewset, "model", None)
    if model is None:
        queryset = getattr(viewset, "queryset", None)
        model = queryset.model if queryset is not None else None
    return model


def _alpha_object(viewset, world):
    model = _model_of(viewset)
    if model is None or not hasattr(model.objects, "in_partnership"):
        return None
    return model.objects.in_partnership(world.alpha).order_by("pk").first()


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_router_has_resources():
    assert {"groups", "actions", "deadlines"} <= {p for p, _ in RESOURCES}


# One test per resource checks every persona: the test world is built once per resource.
@pytest.mark.parametrize(("prefix", "viewset"), RESOURCES, ids=[p for p, _ in RESOURCES])
def test_every_persona(world, client, api_for, prefix, viewset):
    _anonymous_is_refused(client, prefix)
    _outsider_sees_nothing_of_alpha(world, api_for, prefix, viewset)
    _scrutineer_reads_but_cannot_write(world, api_for, prefix, viewset)
    _business_unit_reads_alpha_records(world, api_for, prefix, viewset)


def _anonymous_is_refused(client, prefix):
    assert client.get(f"/api/{prefix}/").status_code in (401, 403)


def _outsider_sees_nothing_of_alpha(world, api_for, prefix, viewset):
    api = api_for(world.outsider)
    response = api.get(f"/api/{prefix}/")
    assert response.status_code == 200
    obj = _alpha_object(viewset, world)
    if obj is None:
        return
    listed = response.json()
    ids = {row["id"] for row in (listed["results"] if isinstance(listed, dict) else listed)}
    assert obj.pk not in ids
    assert api.get(f"/api/{prefix}/{obj.pk}/").status_code == 404
    before = _counts()
    assert api.patch(f"/api/{prefix}/{obj.pk}/", {}).status_code in (404, 405)
    assert _counts() == before


def _scrutineer_reads_but_cannot_write(world, api_for, prefix, viewset):
    if prefix in PERSONAL:
        return
    api = api_for(world.scrutineer)
    assert api.get(f"/api/{prefix}/").status_code == 200
    before = _counts()
    assert api.post(f"/api/{prefix}/", {"partnership": "alpha", "title": "x"}).status_code in (403, 405)
    obj = _alpha_object(viewset, world)
    if obj is not None:
        assert api.get(f"/api/{prefix}/{obj.pk}/").status_code == 200
        for method in (api.patch, api.put):
            assert method(f"/api/{prefix}/{obj.pk}/", {"title": "x"}).status_code in (403, 405)
        assert api.delete(f"/api/{prefix}/{obj.pk}/").status_code in (403, 405)
    assert _counts() == before


def _business_unit_reads_alpha_records(world, api_for, prefix, viewset):
    obj = _alpha_object(viewset, world)
    if obj is None or prefix in PERSONAL:
        return
    assert api_for(world.bu).get(f"/api/{prefix}/{obj.pk}/").status_code == 200
