"""A case linked to a serious incident notification shows the link both ways, through the base
app's RecordLink and registry: the child death app never imports the reviews app."""

from pathlib import Path

import pytest

from partnerships.core.models import RecordLink
from partnerships.core.registry import RecordLookup, _record_lookups, record_lookup, register_record_lookup


@pytest.fixture
def serious_incident_lookup(world):
    """Stands in for the reviews app's registration: an alpha record found by id."""
    previous = _record_lookups.get("serious_incident")

    def find(user, partnership, record_id):
        return world.action if record_id == world.action.pk and partnership == world.alpha else None

    register_record_lookup(RecordLookup("serious_incident", "Serious incident notification", find))
    yield
    if previous is None:
        _record_lookups.pop("serious_incident", None)
    else:
        _record_lookups["serious_incident"] = previous


def test_link_both_ways(world, client_for, serious_incident_lookup):
    client = client_for(world.bu)
    response = client.post(
        f"/p/alpha/child-deaths/{world.cd_case.pk}/link/",
        {"record_id": world.action.pk, "reason": "Same family"},
    )
    assert response.status_code == 302
    link = RecordLink.objects.for_record(world.cd_case).get()
    # The other side finds the link from its own record, with the case's label and address.
    assert RecordLink.objects.for_record(world.action).get() == link
    assert link.other_side(world.action)[0] == str(world.cd_case)
    assert "Testchild" not in link.from_label + link.to_label
    page = client.get(f"/p/alpha/child-deaths/{world.cd_case.pk}/").content.decode()
    assert str(world.action) in page and "Same family" in page


def test_unknown_record_is_refused(world, client_for, serious_incident_lookup):
    response = client_for(world.bu).post(
        f"/p/alpha/child-deaths/{world.cd_case.pk}/link/", {"record_id": 999999}
    )
    assert (
        response.status_code == 200
        and "no serious incident notification with that number" in response.content.decode()
    )
    assert not RecordLink.objects.for_record(world.cd_case).exists()


def test_the_case_lookup_for_other_apps_follows_the_footprint(world):
    lookup = record_lookup("child_death_case")
    assert lookup.func(world.gamma_officer, world.gamma, world.cd_case.pk) == world.cd_case
    assert lookup.func(world.outsider, world.beta, world.cd_case.pk) is None


def test_child_death_never_imports_reviews():
    folder = Path(__file__).resolve().parents[2] / "child_death"
    for path in folder.rglob("*.py"):
        text = path.read_text()
        assert "from reviews" not in text and "import reviews" not in text, path
