"""The child death API: notification with identity accepted but never returned; footprint writes."""

from child_death.models import ChildDeathCase, ChildIdentity, PanelMeeting


def _payload(world, **extra):
    data = {
        "panel": world.cdop.pk,
        "date_of_death": "2024-01-05",
        "notified_on": "2024-01-06",
        "notified_by": "Registrar",
        "place_of_death": "home",
        "age_band": "28_364d",
        "area_of_residence": world.area_g.pk,
        "expectedness": "unexpected",
        "jar_triggered": True,
        "jar_criterion": "sudden_unexplained",
        "given_names": "Apichild",
        "family_name": "Pseudonym",
        "date_of_birth": "2023-10-01",
        "nhs_number": "9434765870",
    }
    data.update(extra)
    return data


def test_notify_through_the_api(world, api_for):
    response = api_for(world.bu).post("/api/child-death-cases/", _payload(world), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"] == "AG-2024-001" and body["stage"] == "notified"
    assert (
        "given_names" not in body and "nhs_number" not in body and "Apichild" not in response.content.decode()
    )
    assert ChildIdentity.objects.get(case_id=body["id"]).nhs_number == "9434765870"


def test_a_gamma_officer_may_notify_to_the_shared_panel(world, api_for):
    response = api_for(world.gamma_officer).post("/api/child-death-cases/", _payload(world), format="json")
    assert response.status_code == 201
    listed = api_for(world.gamma_officer).get("/api/child-death-cases/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert world.cd_case.pk in {r["id"] for r in rows}


def test_bad_input_is_a_400_and_saves_nothing(world, api_for):
    api = api_for(world.bu)
    before = ChildDeathCase.objects.count(), ChildIdentity.objects.count()
    for bad in (
        {"nhs_number": "9434765871"},
        {"nhs_number": ""},
        {"jar_criterion": ""},
        {"notified_on": "2024-01-01"},
        {"area_of_residence": world.area_b.pk},
        {"given_names": ""},
    ):
        response = api.post("/api/child-death-cases/", _payload(world, **bad), format="json")
        assert response.status_code == 400, (bad, response.content)
    assert (ChildDeathCase.objects.count(), ChildIdentity.objects.count()) == before


def test_outsider_cannot_notify_to_alphas_panel(world, api_for):
    response = api_for(world.outsider).post("/api/child-death-cases/", _payload(world), format="json")
    assert response.status_code == 400  # the panel is not one they can see
    assert not ChildDeathCase.objects.filter(
        notified_by="Registrar", panel=world.cdop, area_of_residence=world.area_g, date_of_death="2024-01-05"
    ).exists()


def test_patch_and_identity_cannot_be_changed_through_the_api(world, api_for):
    api = api_for(world.bu)
    r = api.patch(
        f"/api/child-death-cases/{world.cd_case.pk}/", {"notified_by": "Ward sister"}, format="json"
    )
    assert r.status_code == 200 and r.json()["notified_by"] == "Ward sister"
    r = api.patch(f"/api/child-death-cases/{world.cd_case.pk}/", {"given_names": "X"}, format="json")
    assert r.status_code == 400
    assert world.cd_case.identity.given_names == "Testchild1"


def test_meetings_api(world, api_for):
    r = api_for(world.bu).post(
        "/api/child-death-meetings/",
        {"panel": world.cdop.pk, "meets_on": "2024-02-01", "location": "Hall"},
        format="json",
    )
    assert r.status_code == 201
    assert PanelMeeting.objects.filter(meets_on="2024-02-01").exists()
    data = api_for(world.scrutineer).get(f"/api/child-death-meetings/{world.cd_meeting.pk}/").json()
    assert data["agenda"][0]["case"] == world.cd_reviewed.reference
    assert (
        api_for(world.scrutineer).post("/api/child-death-meetings/", {"panel": world.cdop.pk}).status_code
        == 403
    )
