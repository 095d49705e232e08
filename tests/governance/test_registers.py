"""Priorities with dated RAG progress, the risk register (3 x 3 = 9, history of scores, heat map),
scrutiny findings with responses and actions, the challenge log to closure, and the API schema."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships.assurance import services as assurance_services
from partnerships.assurance.choices import ChallengeStatus, ChallengeStepKind
from partnerships.core.models import Action
from partnerships.governance import services as gs
from partnerships.governance.models import Priority, Risk


def test_priority_with_objectives_and_dated_rag_progress(world, client_for):
    w = world
    client = client_for(w.bu)
    response = client.post(
        "/p/alpha/priorities/new/",
        {
            "year": "2031",
            "position": "1",
            "title": "Common processes and approaches",
            "lead_group": w.subgroup.pk,
        },
    )
    assert response.status_code == 302
    priority = Priority.objects.get(title="Common processes and approaches")
    url = priority.get_absolute_url()
    assert (
        client.post(f"{url}objectives/", {"title": "A short dataset", "measure": "Quarterly"}).status_code
        == 302
    )
    for day, rag in (("1", "red"), ("2", "green")):
        response = client.post(
            f"{url}progress/",
            {
                "reported_on_0": day,
                "reported_on_1": "6",
                "reported_on_2": "2031",
                "rag": rag,
                "summary": f"On {day} June",
            },
        )
        assert response.status_code == 302
    assert list(priority.updates.values_list("rag", "reported_on")) == [
        ("green", datetime.date(2031, 6, 2)),
        ("red", datetime.date(2031, 6, 1)),
    ]
    listing = client.get("/p/alpha/priorities/?year=2031").content.decode()
    assert "Common processes and approaches" in listing and "Green" in listing
    assert "Adolescents at risk" not in listing  # 2019's priority filtered out
    # No RAG: an error, nothing saved.
    response = client.post(f"{url}progress/", {"reported_on": "2031-06-03", "summary": "x"})
    assert response.status_code == 400 and priority.updates.count() == 2


def test_risk_score_is_likelihood_times_impact_with_a_history(world, client_for):
    w = world
    client = client_for(w.bu)
    response = client.post(
        "/p/alpha/risks/new/",
        {"title": "Partners may not commit resources", "likelihood": "3", "impact": "3", "status": "open"},
    )
    assert response.status_code == 302
    risk = Risk.objects.filter(partnership=w.alpha).latest("pk")
    assert risk.score == 9  # the Somerset paper: likelihood 3, impact 3, score 9
    response = client.post(
        f"{risk.get_absolute_url()}reassess/", {"likelihood": "4", "impact": "5", "note": "Budget cut"}
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.likelihood, risk.impact, risk.score) == (4, 5, 20)
    assert sorted(risk.assessments.values_list("score", flat=True)) == [9, 20]
    page = client.get(risk.get_absolute_url()).content.decode()
    assert "Very high" in page and "Budget cut" in page
    # Out of the 1 to 5 scale: refused, nothing changed.
    response = client.post(f"{risk.get_absolute_url()}reassess/", {"likelihood": "6", "impact": "5"})
    assert response.status_code == 400
    assert risk.assessments.count() == 2
    with pytest.raises(ValidationError):
        gs.reassess_risk(w.bu, risk, likelihood=0, impact=3)
    heat = client.get("/p/alpha/risks/heat-map/").content.decode()
    assert 'data-likelihood="4" data-impact="5"' in heat and "scoring 20" in heat


def test_risk_api_validates_and_keeps_history(world, api_for):
    w = world
    api = api_for(w.bu)
    bad = api.post(
        "/api/risks/", {"partnership": "alpha", "title": "x", "likelihood": 6, "impact": 1}, format="json"
    )
    assert bad.status_code == 400
    made = api.post(
        "/api/risks/", {"partnership": "alpha", "title": "y", "likelihood": 3, "impact": 3}, format="json"
    )
    assert made.status_code == 201 and made.json()["score"] == 9
    changed = api.patch(f"/api/risks/{made.json()['id']}/", {"impact": 4}, format="json")
    assert changed.status_code == 200 and changed.json()["score"] == 12
    assert [a["score"] for a in changed.json()["assessments"]] == [12, 9]


def test_scrutiny_finding_response_action_and_challenge_to_closure(world, client_for):
    w = world
    client = client_for(w.bu)
    finding = w.gov["finding"]
    url = finding.get_absolute_url()
    assert client.post(f"{url}respond/", {"status": "accepted", "response": "Agreed."}).status_code == 302
    finding.refresh_from_db()
    assert finding.status == "accepted" and finding.response_by == w.bu
    response = client.post(
        f"{url}action/",
        {"title": "Papers timetable", "due_date_0": "1", "due_date_1": "2", "due_date_2": "2031"},
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Papers timetable")
    assert action.source == finding and action.source_kind == "scrutiny"

    challenge = w.gov["challenge"]
    step_url = f"{challenge.get_absolute_url()}step/"
    for kind, text in (
        (ChallengeStepKind.RESPONSE, "Timetable drafted."),
        (ChallengeStepKind.ESCALATION, "Still late."),
        (ChallengeStepKind.CLOSURE, "Papers now a week ahead."),
    ):
        assert client.post(step_url, {"kind": kind, "text": text, "on": "2031-01-10"}).status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.CLOSED
    assert challenge.outcome == "Papers now a week ahead." and challenge.closed_on == datetime.date(
        2031, 1, 10
    )
    assert list(challenge.steps.values_list("kind", flat=True)) == [
        "note",
        "response",
        "escalation",
        "closure",
    ]
    with pytest.raises(ValidationError):
        assurance_services.add_challenge_step(w.bu, challenge, kind=ChallengeStepKind.NOTE, text="More")


def test_the_openapi_schema_documents_the_governance_resources(world, client_for):
    schema = client_for(world.bu).get("/api/schema/?format=json").json()
    for path in (
        "/api/meetings/",
        "/api/actions/",
        "/api/risks/",
        "/api/priorities/",
        "/api/scrutiny-findings/",
        "/api/assurance-returns/",
        "/api/decisions/",
        "/api/challenges/",
        "/api/papers/",
    ):
        assert path in schema["paths"], path
    meeting = schema["components"]["schemas"]["Meeting"]["properties"]
    assert {"agenda_items", "attendances", "quorum"} <= set(meeting)


def test_meeting_api_create_carries_forward_and_reports_quorum(world, api_for):
    w = world
    response = api_for(w.bu).post(
        "/api/meetings/",
        {
            "partnership": "alpha",
            "group": w.executive.pk,
            "starts_at": "2031-05-01T10:00:00Z",
            "location": "Hall",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [i["action"] for i in body["agenda_items"]] == [w.gov["meeting_action"].pk]
    assert body["quorum"]["met"] is False and "Alpha Police" in body["quorum"]["missing"]
    other = api_for(w.bu).post(
        "/api/meetings/",
        {"partnership": "alpha", "group": w.beta_group.pk, "starts_at": "2031-05-01T10:00:00Z"},
        format="json",
    )
    assert other.status_code == 400
