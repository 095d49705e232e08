"""The publications API: scoped like the pages; sign-off and publication through the services."""

from rest_framework.test import APIClient

from publications.choices import VersionStatus
from publications.models import Publication


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_outsider_sees_nothing_of_alpha(world):
    ids = {row["id"] for row in _api(world.outsider).get("/api/publications/").json()["results"]}
    assert world.arrangements.pk not in ids and world.beta_arrangements.pk in ids
    assert (
        _api(world.outsider).get(f"/api/publication-versions/{world.arrangements_v1.pk}/").status_code == 404
    )


def test_start_a_document_and_refuse_bad_input(world):
    api = _api(world.bu)
    bad = api.post(
        "/api/publications/", {"partnership": "alpha", "kind": "yearly_report", "title": "No period"}
    )
    assert bad.status_code == 400
    ok = api.post(
        "/api/publications/",
        {"partnership": "alpha", "kind": "yearly_report", "title": "2024", "period_start": "2024-04-01"},
    )
    assert ok.status_code == 201 and ok.json()["period_end"] == "2025-03-31"
    assert (
        _api(world.scrutineer)
        .post("/api/publications/", {"partnership": "alpha", "kind": "arrangements", "title": "x"})
        .status_code
        == 403
    )
    assert Publication.objects.filter(title="x").count() == 0


def test_send_sign_and_publish_through_the_api(world):
    v = world.arrangements_v1
    assert _api(world.scrutineer).post(f"/api/publication-versions/{v.pk}/send/").status_code == 403
    assert _api(world.bu).post(f"/api/publication-versions/{v.pk}/send/").json()["status"] == "sent"
    wrong = _api(world.lead_la).post(
        f"/api/publication-versions/{v.pk}/sign/", {"organisation": world.police.pk}
    )
    assert wrong.status_code == 403
    for lead, org in (
        (world.lead_la, world.council),
        (world.lead_la2, world.council2),
        (world.lead_health, world.icb),
    ):
        assert (
            _api(lead).post(f"/api/publication-versions/{v.pk}/sign/", {"organisation": org.pk}).status_code
            == 200
        )
    refused = _api(world.bu).post(f"/api/publication-versions/{v.pk}/publish/")
    assert refused.status_code == 400
    _api(world.lead_police).post(f"/api/publication-versions/{v.pk}/sign/", {"organisation": world.police.pk})
    done = _api(world.bu).post(f"/api/publication-versions/{v.pk}/publish/")
    assert done.status_code == 200 and done.json()["status"] == VersionStatus.PUBLISHED
