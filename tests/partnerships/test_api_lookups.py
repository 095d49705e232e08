"""The ids a write needs (areas, organisations, people, groups, child death panels) can be looked up
through the API, read-only and only within the partnerships the person holds a role in."""

import pytest

from partnerships.core.choices import RoleKind
from partnerships.core.services import grant_role

pytestmark = pytest.mark.django_db


def _rows(api, url):
    response = api.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_areas_are_those_of_the_persons_partnerships(world, api_for):
    assert {row["slug"] for row in _rows(api_for(world.bu), "/api/areas/")} == {
        world.area_a.slug,
        world.area_a2.slug,
    }
    outsider = api_for(world.outsider)
    assert {row["slug"] for row in _rows(outsider, "/api/areas/")} == {world.area_b.slug}
    assert outsider.get(f"/api/areas/{world.area_a.pk}/").status_code == 404


def test_people_are_those_holding_a_role_with_only_the_roles_one_may_see(world, api_for):
    grant_role(None, user=world.lead_health, partnership=world.beta, kind=RoleKind.SCRUTINEER)
    people = {row["id"]: row for row in _rows(api_for(world.bu), "/api/people/")}
    assert {world.bu.pk, world.lead_la.pk, world.scrutineer.pk} <= set(people)
    assert world.outsider.pk not in people
    lead = people[world.lead_la.pk]
    assert lead["roles"] == [
        {
            "partnership": "alpha",
            "kind": RoleKind.PARTNER_LEAD,
            "organisation": world.council.pk,
            "is_manager": False,
        }
    ]
    assert {role["partnership"] for role in people[world.lead_health.pk]["roles"]} == {"alpha"}

    outsider = api_for(world.outsider)
    seen = {row["id"]: row for row in _rows(outsider, "/api/people/")}
    assert world.bu.pk not in seen and world.lead_la.pk not in seen
    assert [role["partnership"] for role in seen[world.lead_health.pk]["roles"]] == ["beta"]
    assert outsider.get(f"/api/people/{world.bu.pk}/").status_code == 404
    assert _rows(outsider, "/api/people/?partnership=alpha") == []


def test_the_lookups_are_read_only(world, api_for):
    bu = api_for(world.bu)
    for url in ("/api/areas/", "/api/people/"):
        assert bu.post(url, {"name": "x"}).status_code == 405
    assert bu.patch(f"/api/people/{world.bu.pk}/", {"job_title": "x"}).status_code == 405


@pytest.mark.parametrize("prefix", ["organisations", "groups", "child-death-panels"])
def test_other_lookups_show_an_outsider_nothing_of_alpha(world, api_for, prefix):
    alpha = {row["id"] for row in _rows(api_for(world.bu), f"/api/{prefix}/")}
    beta = {row["id"] for row in _rows(api_for(world.outsider), f"/api/{prefix}/")}
    assert alpha
    shared = alpha & beta
    # An organisation may serve both partnerships (a hospital trust); nothing else is shared.
    if prefix != "organisations":
        assert shared == set()
    else:
        assert world.council.pk in alpha and world.council.pk not in beta
