"""Stage rules: each refuses with a clear message, and every move is recorded."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from child_death import services
from child_death.choices import AgendaOutcome, FormKind, FormStatus, Modifiable, Stage
from child_death.models import AgendaItem, ChildDeathCase, StageChange
from tests.child_death.builders import make_case

D = datetime.date


@pytest.fixture
def case(world):
    return make_case(world.bu, world.cdop, world.area_a, 5)


@pytest.fixture
def meeting(world):
    return services.create_meeting(world.bu, panel=world.cdop, meets_on=D(2023, 11, 2))


def test_no_panel_review_without_forms_requested(world, case, meeting):
    with pytest.raises(ValidationError, match="No reporting forms have been requested"):
        services.add_to_agenda(world.bu, meeting, case)


def test_no_panel_review_while_a_form_is_outstanding(world, case, meeting):
    services.request_reporting_form(
        world.bu, case, organisation=world.hospital, kind=FormKind.REPORTING, requested_on=D(2023, 5, 12)
    )
    with pytest.raises(ValidationError, match="from Alpha Hospital Trust is outstanding"):
        services.add_to_agenda(world.bu, meeting, case)
    # Even if already on an agenda, the outcome "reviewed" is refused while a form is outstanding.
    item = AgendaItem.objects.create(meeting=meeting, case=case)
    with pytest.raises(ValidationError, match="cannot review this case yet"):
        services.record_panel_outcome(world.bu, item, outcome=AgendaOutcome.REVIEWED)
    case.refresh_from_db()
    assert case.stage == Stage.GATHERING and case.panel_reviewed_on is None


def test_a_waiver_needs_a_reason_and_then_lets_the_case_through(world, case, meeting):
    form = services.request_reporting_form(
        world.bu, case, organisation=world.hospital, kind=FormKind.REPORTING, requested_on=D(2023, 5, 12)
    )
    with pytest.raises(ValidationError, match="Give the reason"):
        services.waive_reporting_form(world.bu, form, reason="  ")
    form.refresh_from_db()
    assert form.status == FormStatus.REQUESTED
    services.waive_reporting_form(world.bu, form, reason="The trust had no contact with the child.")
    item = services.add_to_agenda(world.bu, meeting, case)
    services.record_panel_outcome(world.bu, item, outcome=AgendaOutcome.REVIEWED, notes="Reviewed")
    case.refresh_from_db()
    assert case.stage == Stage.PANEL_REVIEWED
    assert case.panel_reviewed_on == D(2023, 11, 2)


def test_closure_needs_a_categorisation(world, case, meeting):
    with pytest.raises(ValidationError, match="only be closed after the panel has reviewed"):
        services.close_case(world.bu, case, closed_on=D(2023, 12, 1))
    form = services.request_reporting_form(
        world.bu, case, organisation=world.hospital, kind=FormKind.REPORTING, requested_on=D(2023, 5, 12)
    )
    services.submit_reporting_form(world.bu, form, involvement="Treated in A&E", submitted_on=D(2023, 5, 20))
    services.record_panel_outcome(
        world.bu, services.add_to_agenda(world.bu, meeting, case), outcome="reviewed"
    )
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="Record the category of death before closing"):
        services.close_case(world.bu, case, closed_on=D(2023, 12, 1))
    grades = {"factors_child": 1, "factors_social": 1, "factors_physical": 0, "factors_service": 1}
    services.record_analysis(world.bu, case, category=5, modifiable=Modifiable.NO, **grades)
    services.close_case(world.bu, case, closed_on=D(2023, 12, 1))
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.closed_on == D(2023, 12, 1)


def test_every_stage_move_is_recorded_with_who(world, case):
    world.cd_reviewed.refresh_from_db()
    services.close_case(world.officer, world.cd_reviewed, closed_on=D(2023, 12, 1))
    moves = list(StageChange.objects.filter(case=world.cd_reviewed).values_list("from_stage", "to_stage"))
    assert moves == [
        ("", Stage.NOTIFIED),
        (Stage.NOTIFIED, Stage.GATHERING),
        (Stage.GATHERING, Stage.PANEL_REVIEWED),
        (Stage.PANEL_REVIEWED, Stage.CLOSED),
    ]
    assert StageChange.objects.filter(case=world.cd_reviewed).last().changed_by == world.officer


def test_cdr_meeting_moves_the_case_and_meets_its_deadline(world, case):
    services.record_cdr_meeting(world.bu, case, held_on=D(2023, 7, 20), notes="Practitioners met")
    case.refresh_from_db()
    assert case.stage == Stage.CDR_MEETING
    from partnerships.deadlines.register import deadlines_for

    deadline = deadlines_for(case).get(kind=services.CDR_MEETING_DEADLINE_KIND)
    assert deadline.due_date == D(2023, 8, 10)  # three months after the death on 10 May 2023
    assert deadline.met_on == D(2023, 7, 20)
    assert "Statutory and Operational Guidance" in deadline.authority


def test_the_page_refuses_closure_with_the_message_and_changes_nothing(world, client_for, case):
    response = client_for(world.bu).post(
        f"/p/alpha/child-deaths/{case.pk}/close/",
        {"closed_on_0": "1", "closed_on_1": "12", "closed_on_2": "2023"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "only be closed after the panel has reviewed it" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.NOTIFIED


def test_the_page_refuses_an_agenda_case_with_outstanding_forms(world, client_for, meeting):
    response = client_for(world.bu).post(
        f"/p/alpha/child-deaths/meetings/{meeting.pk}/agenda/new/", {"case": world.cd_case.pk}
    )
    assert response.status_code == 200
    assert "is outstanding" in response.content.decode()
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_scrutineer_cannot_move_a_case(world, client_for):
    before = ChildDeathCase.objects.get(pk=world.cd_reviewed.pk).stage
    response = client_for(world.scrutineer).post(
        f"/p/alpha/child-deaths/{world.cd_reviewed.pk}/close/", {"closed_on": "2023-12-01"}
    )
    assert response.status_code == 403
    assert ChildDeathCase.objects.get(pk=world.cd_reviewed.pk).stage == before
