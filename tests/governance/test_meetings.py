"""Meetings: open actions carried forward as matters arising, quorum from attendance, minutes
approved at a later meeting, decisions, and the pages that show them."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from partnerships.core.choices import ActionStatus
from partnerships.core.models import Action
from partnerships.core.services import update_action
from partnerships.governance import services as gs
from partnerships.governance.choices import (
    AgendaItemKind,
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
    QuorumKind,
)
from partnerships.governance.models import AgendaItem, Meeting, QuorumRule
from tests.governance.builders import at


def _meeting(w, day, group=None):
    return gs.create_meeting(
        w.bu, partnership=w.alpha, group=group or w.executive, starts_at=at(day), location="Room 1"
    )


def _matters_arising(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting, kind=AgendaItemKind.MATTERS_ARISING).values_list(
            "action__title", flat=True
        )
    )


def test_open_actions_carry_forward_to_the_next_meeting(world):
    w = world
    first = _meeting(w, datetime.date(2031, 1, 10), group=w.subgroup)
    open_one = gs.record_meeting_action(
        w.bu, first, title="Write the neglect strategy", due_date=datetime.date(2031, 3, 1)
    )
    done_one = gs.record_meeting_action(
        w.bu, first, title="Book the venue", due_date=datetime.date(2031, 2, 1)
    )
    dropped = gs.record_meeting_action(w.bu, first, title="Old idea", due_date=datetime.date(2031, 2, 1))
    update_action(w.bu, done_one, status=ActionStatus.DONE, text="Booked.")
    update_action(w.bu, dropped, status=ActionStatus.DROPPED, dropped_reason="Superseded by the new plan.")
    in_progress = gs.record_meeting_action(
        w.bu, first, title="Audit training", due_date=datetime.date(2031, 4, 1)
    )
    update_action(w.bu, in_progress, status=ActionStatus.IN_PROGRESS, text="Started.")

    second = _meeting(w, datetime.date(2031, 2, 14), group=w.subgroup)

    assert sorted(_matters_arising(second)) == ["Audit training", "Write the neglect strategy"]
    # Another group's meeting does not inherit them.
    other = _meeting(w, datetime.date(2031, 2, 15))
    assert _matters_arising(other) == ["Circulate the budget"]  # the executive's own action only
    # Still open at the next meeting: carried again; carrying is idempotent.
    third = _meeting(w, datetime.date(2031, 3, 14), group=w.subgroup)
    assert sorted(_matters_arising(third)) == ["Audit training", "Write the neglect strategy"]
    gs.carry_forward_actions(w.bu, third)
    assert len(_matters_arising(third)) == 2
    assert open_one.agenda_items.count() == 2


def test_an_action_agreed_after_the_next_meeting_was_scheduled_joins_its_agenda(world):
    w = world
    first = _meeting(w, datetime.date(2031, 1, 10), group=w.subgroup)
    second = _meeting(w, datetime.date(2031, 2, 14), group=w.subgroup)
    assert _matters_arising(second) == []
    gs.record_meeting_action(
        w.bu, first, title="Refresh the threshold document", due_date=datetime.date(2031, 5, 1)
    )
    assert _matters_arising(second) == ["Refresh the threshold document"]


def test_scheduling_through_the_page_carries_forward_and_shows_matters_arising(world, client_for):
    w = world
    first = _meeting(w, datetime.date(2031, 1, 10))
    action = gs.record_meeting_action(
        w.bu, first, title="Publish the yearly report", due_date=datetime.date(2031, 3, 1)
    )
    client = client_for(w.officer)
    response = client.post(
        "/p/alpha/meetings/new/",
        {
            "group": w.executive.pk,
            "date_0": "14",
            "date_1": "2",
            "date_2": "2031",
            "start_time": "14:00",
            "location": "Council House",
            "status": MeetingStatus.SCHEDULED,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(partnership=w.alpha, starts_at=at(datetime.date(2031, 2, 14), 14))
    assert sorted(_matters_arising(meeting)) == ["Circulate the budget", "Publish the yearly report"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Matters arising" in page and action.title in page


def test_meeting_form_errors_save_nothing(world, client_for):
    before = Meeting.objects.count()
    response = client_for(world.bu).post(
        "/p/alpha/meetings/new/",
        {"group": world.executive.pk, "date_0": "31", "date_1": "2", "date_2": "2031"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert Meeting.objects.count() == before


def _attend(w, meeting, person, org, status=AttendanceStatus.PRESENT, deputy=""):
    return gs.record_attendance(
        w.bu, meeting, person=person, organisation=org, status=status, deputy_name=deputy
    )


def test_executive_quorum_needs_every_statutory_partner(world):
    w = world
    meeting = _meeting(w, datetime.date(2031, 1, 10))
    _attend(w, meeting, w.lead_la, w.council)
    _attend(w, meeting, w.lead_la2, w.council2)
    _attend(w, meeting, w.lead_health, w.icb)
    _attend(w, meeting, w.lead_police, w.police, AttendanceStatus.APOLOGIES)
    quorum = meeting.quorum()
    assert not quorum.met
    assert quorum.missing == ["Alpha Police"]
    assert "Alpha Police" in quorum.explanation

    # A deputy sent counts as the organisation being represented.
    _attend(w, meeting, w.lead_police, w.police, AttendanceStatus.DEPUTY, deputy="DCI Deputy")
    assert meeting.quorum().met
    # Being there for a relevant agency does not stand in for a statutory partner.
    _attend(w, meeting, w.lead_health, w.icb, AttendanceStatus.ABSENT)
    _attend(w, meeting, w.contributor, w.hospital)
    assert meeting.quorum().missing == ["Alpha ICB"]


def test_a_group_quorum_rule_of_a_minimum(world):
    w = world
    QuorumRule.objects.create(group=w.subgroup, kind=QuorumKind.MINIMUM_ORGANISATIONS, minimum=2)
    meeting = _meeting(w, datetime.date(2031, 1, 10), group=w.subgroup)
    _attend(w, meeting, w.lead_la, w.council)
    _attend(w, meeting, w.officer, w.council)
    assert not meeting.quorum().met  # two people but one organisation
    _attend(w, meeting, w.lead_health, w.icb)
    assert meeting.quorum().met


def test_quorum_is_shown_on_the_meeting_page(world, client_for):
    w = world
    meeting = _meeting(w, datetime.date(2031, 1, 10))
    client = client_for(w.bu)
    response = client.post(
        f"{meeting.get_absolute_url()}attendance/",
        {"person": w.lead_la.pk, "organisation": w.council.pk, "status": AttendanceStatus.PRESENT},
    )
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Not quorate" in page and "Alpha ICB" in page
    # A deputy must be named: an error, nothing saved.
    response = client.post(
        f"{meeting.get_absolute_url()}attendance/",
        {"person": w.lead_police.pk, "organisation": w.police.pk, "status": AttendanceStatus.DEPUTY},
    )
    assert response.status_code == 400
    assert "Enter the name of the deputy" in response.content.decode()
    assert not meeting.attendances.filter(person=w.lead_police).exists()


def test_quorum_rule_page_saves_a_rule(world, client_for):
    w = world
    response = client_for(w.bu).post(
        f"/p/alpha/groups/{w.subgroup.pk}/quorum/", {"kind": QuorumKind.MINIMUM_PEOPLE, "minimum": "3"}
    )
    assert response.status_code == 302
    assert QuorumRule.objects.get(group=w.subgroup).minimum == 3


def test_minutes_are_drafted_then_approved_at_a_later_meeting(world, client_for):
    w = world
    first = _meeting(w, datetime.date(2031, 1, 10))
    later = _meeting(w, datetime.date(2031, 2, 14))
    client = client_for(w.bu)
    assert (
        client.post(f"{first.get_absolute_url()}minutes/", {"minutes": "Present: all partners."}).status_code
        == 302
    )
    first.refresh_from_db()
    assert first.minutes_status == MinutesStatus.DRAFT

    with pytest.raises(ValidationError):
        gs.approve_minutes(w.bu, first, at=first)  # not at the same meeting
    earlier = _meeting(w, datetime.date(2030, 12, 1))
    with pytest.raises(ValidationError):
        gs.approve_minutes(w.bu, first, at=earlier)
    other_group = _meeting(w, datetime.date(2031, 2, 20), group=w.subgroup)
    response = client.post(f"{first.get_absolute_url()}minutes/approve/", {"at": other_group.pk})
    assert response.status_code == 400  # not offered: another group's meeting
    first.refresh_from_db()
    assert first.minutes_status == MinutesStatus.DRAFT

    assert client.post(f"{first.get_absolute_url()}minutes/approve/", {"at": later.pk}).status_code == 302
    first.refresh_from_db()
    assert first.minutes_status == MinutesStatus.APPROVED
    assert first.minutes_approved_at == later
    assert first.minutes_approved_on == datetime.date(2031, 2, 14)
    # Approved minutes no longer change.
    response = client.post(f"{first.get_absolute_url()}minutes/", {"minutes": "Rewritten."})
    assert response.status_code == 200 and "can no longer change" in response.content.decode()
    first.refresh_from_db()
    assert first.minutes == "Present: all partners."


def test_decisions_register_lists_decisions_and_exports(world, client_for):
    w = world
    client = client_for(w.bu)
    response = client.post(
        "/p/alpha/decisions/new/",
        {
            "title": "Adopt the neglect strategy",
            "text": "Adopted.",
            "decided_on": "2031-01-10",
            "meeting": w.gov["meeting"].pk,
        },
    )
    assert response.status_code == 302
    page = client.get("/p/alpha/decisions/").content.decode()
    assert "Adopt the neglect strategy" in page and "Beta" not in page.split("<main")[-1].split("</main>")[0]
    csv = client.get("/p/alpha/decisions/?export=csv").content.decode("utf-8-sig")
    assert "Adopt the neglect strategy" in csv


def test_agenda_items_and_actions_from_the_meeting_page(world, client_for):
    w = world
    meeting = w.gov["meeting"]
    client = client_for(w.bu)
    assert (
        client.post(f"{meeting.get_absolute_url()}agenda/", {"title": "Section 11 update"}).status_code == 302
    )
    assert meeting.agenda_items.filter(title="Section 11 update").exists()
    response = client.post(
        f"{meeting.get_absolute_url()}actions/",
        {"title": "Chase Section 11 returns", "due_date_0": "1", "due_date_1": "5", "due_date_2": "2030"},
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Chase Section 11 returns")
    assert action.source == meeting and action.source_kind == "meeting"


def test_each_form_on_the_meeting_page_has_ids_of_its_own(world, client_for):
    """Three forms ask for a title: each label focuses its own input, before and after an error."""
    meeting = world.gov["meeting"]
    client = client_for(world.bu)
    page = client.get(meeting.get_absolute_url()).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for prefix in ("agenda", "paper", "action"):
        assert f'<label class="govuk-label govuk-label--s" for="{prefix}-title">' in page
        assert f'id="{prefix}-title"' in page
    assert 'id="id_title"' not in page
    # An action sent without its title: the error links to the action form's input, which keeps
    # its own id beside the agenda and paper forms, and the agenda gained nothing.
    items = meeting.agenda_items.count()
    response = client.post(f"{meeting.get_absolute_url()}actions/", {"title": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#action-title">Enter' in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert meeting.agenda_items.count() == items
