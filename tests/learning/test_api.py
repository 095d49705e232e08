"""The learning API: the same figures and refusals as the pages (roles, isolation, child identities)."""

import datetime

from django.apps import apps

from partnerships.learning.models import BriefingStatus, EngagementActivity, IndicatorValue, TrainingBooking


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_briefing_lists_acknowledgement_figures(world, api_for):
    response = api_for(world.scrutineer).get(f"/api/learning-briefings/{world.briefing.pk}/")
    assert response.status_code == 200
    assert response.json()["acknowledged"] == {"sent": 2, "acknowledged": 0, "staff_reached": 0}
    recipients = api_for(world.scrutineer).get("/api/briefing-recipients/").json()["results"]
    assert sorted(r["organisation_name"] for r in recipients) == ["Alpha Council", "Alpha Hospital Trust"]


def test_business_unit_writes_and_publishes_a_briefing(world, api_for):
    api = api_for(world.bu)
    data = {
        "partnership": "alpha",
        "title": "Missing from education",
        "background": "b",
        "what_happened": "w",
        "learning": "l",
        "questions": "q",
        "what_to_do": "d",
    }
    created = api.post("/api/learning-briefings/", data, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    published = api.post(
        f"/api/learning-briefings/{pk}/publish/", {"organisations": [world.police.pk]}, format="json"
    )
    assert published.status_code == 200 and published.json()["status"] == BriefingStatus.PUBLISHED
    assert published.json()["acknowledged"]["sent"] == 1


def test_scrutineer_cannot_publish_or_write(world, api_for):
    api = api_for(world.scrutineer)
    before = _counts()
    assert (
        api.post(f"/api/learning-briefings/{world.briefing.pk}/publish/", {}, format="json").status_code
        == 403
    )
    assert (
        api.patch(f"/api/indicators/{world.indicator.pk}/", {"target": "1"}, format="json").status_code == 403
    )
    assert _counts() == before


def test_engagement_api_refuses_a_childs_identity(world, api_for):
    api = api_for(world.bu)
    before = _counts()
    response = api.post(
        "/api/engagement-activities/",
        {
            "partnership": "alpha",
            "title": "Forum",
            "kind": "group",
            "held_on": "2019-10-01",
            "count_11_to_15": 4,
            "what_they_said": "NHS number 943 476 5919 said...",
        },
        format="json",
    )
    assert response.status_code == 400 and "what_they_said" in response.json()
    assert _counts() == before
    assert not EngagementActivity.objects.filter(title="Forum").exists()


def test_indicator_values_by_api_are_checked_and_replace_the_period(world, api_for):
    api = api_for(world.bu)
    bad = api.post(
        "/api/indicator-values/",
        {"indicator": world.indicator.pk, "period_start": "2019-08-01", "value": "3"},
        format="json",
    )
    assert bad.status_code == 400
    good = api.post(
        "/api/indicator-values/",
        {"indicator": world.indicator.pk, "period_start": "2019-07-01", "value": "17.5"},
        format="json",
    )
    assert good.status_code == 201
    row = IndicatorValue.objects.get(
        indicator=world.indicator, period_start=datetime.date(2019, 7, 1), area=""
    )
    assert str(row.value) == "17.50"
    status = api.get(f"/api/indicators/{world.indicator.pk}/status/").json()
    assert status["rag"] == "green" and status["latest_value"] == "17.50"


def test_booking_by_api_refuses_an_outside_organisation_and_waits_on_a_full_session(world, api_for):
    api = api_for(world.bu)
    session = world.training_session
    refused = api.post(
        "/api/training-bookings/",
        {"session": session.pk, "attendee_name": "X", "organisation": world.beta_police.pk},
        format="json",
    )
    assert refused.status_code == 400
    session.capacity = 1
    session.save()
    full = api.post(
        "/api/training-bookings/",
        {"session": session.pk, "attendee_name": "Y", "organisation": world.council.pk},
        format="json",
    )
    assert full.status_code == 201
    assert (full.json()["status"], full.json()["waiting_position"]) == ("waiting", 1)
    assert TrainingBooking.objects.filter(session=session, status="waiting").count() == 1


def test_outsider_sees_none_of_alphas_learning(world, api_for):
    api = api_for(world.outsider)
    for prefix, obj in (
        ("learning-briefings", world.briefing),
        ("training-bookings", world.booking),
        ("engagement-activities", world.activity),
        ("indicators", world.indicator),
    ):
        assert api.get(f"/api/{prefix}/{obj.pk}/").status_code == 404
        assert obj.pk not in {r["id"] for r in api.get(f"/api/{prefix}/").json()["results"]}
