"""Panel meetings: agenda of cases, attendance, outcomes per case; and the steps
of a case through the pages (key worker, family contacts, CDR meeting, analysis with actions, NCMD)."""

import datetime

from child_death import services
from child_death.choices import AgendaOutcome, FormKind, Stage
from child_death.models import AgendaItem, ChildDeathCase, PanelAttendance, PanelMeeting
from partnerships.core.models import Action

D = datetime.date


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def test_a_meeting_through_the_pages(world, client_for):
    client = client_for(world.bu)
    response = client.post(
        "/p/alpha/child-deaths/meetings/new/",
        {
            "panel": world.cdop.pk,
            **_date("meets_on", D(2023, 12, 7)),
            "location": "Civic centre",
            "notes": "",
        },
    )
    assert response.status_code == 302
    meeting = PanelMeeting.objects.get(meets_on=D(2023, 12, 7))
    # Get the builders' open case ready: its hospital form comes in.
    services.submit_reporting_form(
        world.bu, world.cd_form, involvement="Seen in ED", submitted_on=D(2023, 5, 20)
    )
    response = client.post(
        f"/p/alpha/child-deaths/meetings/{meeting.pk}/agenda/new/", {"case": world.cd_case.pk}
    )
    assert response.status_code == 302
    response = client.post(
        f"/p/alpha/child-deaths/meetings/{meeting.pk}/attendance/new/",
        {"name": "Dr Chair", "role": "Chair", "organisation": world.icb.pk, "present": "on"},
    )
    assert response.status_code == 302
    client.post(
        f"/p/alpha/child-deaths/meetings/{meeting.pk}/attendance/new/",
        {"name": "Ms Apologies", "role": "Designated nurse", "organisation": ""},
    )
    item = AgendaItem.objects.get(meeting=meeting)
    response = client.post(
        f"/p/alpha/child-deaths/meetings/{meeting.pk}/agenda/{item.pk}/outcome/",
        {"outcome": AgendaOutcome.REVIEWED, "notes": "Categorised at the meeting"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.outcome == AgendaOutcome.REVIEWED and item.outcome_notes == "Categorised at the meeting"
    case = ChildDeathCase.objects.get(pk=world.cd_case.pk)
    assert case.stage == Stage.PANEL_REVIEWED and case.panel_reviewed_on == D(2023, 12, 7)
    page = client_for(world.scrutineer).get(f"/p/alpha/child-deaths/meetings/{meeting.pk}/").content.decode()
    assert (
        world.cd_case.reference in page
        and "Dr Chair" in page
        and "Ms Apologies" in page
        and "apologies" in page
    )
    assert "Testchild" not in page
    assert PanelAttendance.objects.filter(meeting=meeting, present=False).count() == 1


def test_deferral_keeps_the_case_open(world):
    meeting = services.create_meeting(world.bu, panel=world.cdop, meets_on=D(2023, 12, 7))
    case = world.cd_case
    services.waive_reporting_form(world.bu, world.cd_form, reason="Not involved")
    item = services.add_to_agenda(world.bu, meeting, case)
    services.record_panel_outcome(world.bu, item, outcome=AgendaOutcome.DEFERRED, notes="Awaiting inquest")
    case.refresh_from_db()
    assert case.stage == Stage.GATHERING and case.panel_reviewed_on is None


def test_a_case_of_another_panel_cannot_go_on_the_agenda(world, client_for):
    response = client_for(world.bu).post(
        f"/p/alpha/child-deaths/meetings/{world.cd_meeting.pk}/agenda/new/", {"case": world.beta_cd_case.pk}
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()


def test_case_steps_through_the_pages(world, client_for):
    client = client_for(world.officer)
    case = world.cd_case
    base = f"/p/alpha/child-deaths/{case.pk}"
    r = client.post(
        f"{base}/forms/new/",
        {
            "organisation": world.school.pk,
            "kind": FormKind.REPORTING,
            **_date("requested_on", D(2023, 5, 15)),
        },
    )
    assert r.status_code == 302
    assert case.reporting_forms.count() == 2
    r = client.post(
        f"{base}/key-worker/",
        {
            "key_worker": "Bereavement nurse",
            "key_worker_organisation": world.hospital.pk,
            "bereavement_support": "taken_up",
            **_date("bereavement_support_offered_on", D(2023, 5, 16)),
        },
    )
    assert r.status_code == 302
    r = client.post(f"{base}/key-worker/", {"key_worker": "x", "bereavement_support": "offered"})
    assert r.status_code == 200 and "Enter the date bereavement support was offered" in r.content.decode()
    r = client.post(f"{base}/cdr-meeting/", {**_date("held_on", D(2023, 8, 1)), "notes": "Met"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.key_worker == "Bereavement nurse" and case.bereavement_support == "taken_up"
    assert case.stage == Stage.CDR_MEETING
    # The analysis is refused before the panel has reviewed the case.
    analysis = {
        "category": "10",
        "factors_child": "1",
        "factors_social": "2",
        "factors_physical": "0",
        "factors_service": "1",
        "modifiable": "yes",
        "learning_points": "Safer sleep advice",
        "action_title": "Safer sleep campaign",
        **_date("action_due_date", D(2024, 6, 30)),
    }
    r = client.post(f"{base}/analysis/", analysis)
    assert r.status_code == 200 and "once the panel has reviewed the case" in r.content.decode()
    for form in case.reporting_forms.all():
        services.submit_reporting_form(world.bu, form, involvement="Known", submitted_on=D(2023, 6, 1))
    item = services.add_to_agenda(
        world.bu, services.create_meeting(world.bu, panel=world.cdop, meets_on=D(2023, 11, 2)), case
    )
    services.record_panel_outcome(world.bu, item, outcome=AgendaOutcome.REVIEWED)
    r = client.post(f"{base}/analysis/", analysis)
    assert r.status_code == 302
    case.refresh_from_db()
    assert (case.category, case.factor_grades, case.modifiable) == (10, [1, 2, 0, 1], "yes")
    action = Action.objects.get(title="Safer sleep campaign")
    assert (
        action.partnership == world.alpha
        and action.source_id == case.pk
        and "Testchild" not in action.source_label
    )
    r = client.post(f"{base}/ncmd/", {**_date("submitted_on", D(2023, 11, 10)), "reference": "NCMD-1"})
    assert r.status_code == 302
    r = client.post(f"{base}/close/", _date("closed_on", D(2023, 11, 20)))
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.ncmd_submitted_on == D(2023, 11, 10)
    page = client.get(f"{base}/").content.decode()
    assert "Safer sleep advice" in page and "Sent 10 Nov 2023 NCMD-1" in page


def test_modifiable_yes_needs_learning(world, client_for):
    r = client_for(world.bu).post(
        f"/p/alpha/child-deaths/{world.cd_reviewed.pk}/analysis/",
        {
            "category": "3",
            "factors_child": "0",
            "factors_social": "0",
            "factors_physical": "1",
            "factors_service": "0",
            "modifiable": "yes",
            "learning_points": "",
        },
    )
    assert r.status_code == 200 and "Describe the learning" in r.content.decode()
