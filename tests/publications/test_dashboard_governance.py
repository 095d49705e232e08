"""Governance panels of the dashboard on fixed records: executive attendance by statutory partner,
the risk heat map, priorities by RAG, Section 11 returns completed and open challenges."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from partnerships.assurance.choices import ChallengeStatus, ReturnStatus
from partnerships.assurance.models import AgencyReturn, AssuranceCycle, Challenge
from partnerships.governance.choices import AttendanceStatus, MeetingStatus, PriorityRAG, RiskStatus
from partnerships.governance.models import Attendance, Meeting, Priority, ProgressUpdate, Risk
from tests.publications.dashboard_support import TODAY, YEAR

pytestmark = pytest.mark.django_db
D = datetime.date
DASH = f"/p/alpha/dashboard/?year={YEAR}"


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def texts(response, key):
    p = next(p for p in response.context["panels"] if p.key == key)
    return {row[0].text: [c.text for c in row[1:]] for row in p.rows}, p


def _meeting(w, day, status=MeetingStatus.HELD):
    starts = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))
    return Meeting.objects.create(partnership=w.alpha, group=w.executive, starts_at=starts, status=status)


def test_executive_attendance_by_statutory_partner(world, client_for, frozen):
    meetings = [
        _meeting(world, D(2024, 6, 1)),
        _meeting(world, D(2024, 9, 1)),
        _meeting(world, D(2024, 12, 1)),
    ]
    _meeting(world, D(2025, 1, 1), MeetingStatus.CANCELLED)
    _meeting(world, D(2023, 12, 1))  # another year
    for m in meetings:
        Attendance.objects.create(
            meeting=m, person=world.lead_la, organisation=world.council, status="present"
        )
    Attendance.objects.create(
        meeting=meetings[0], person=world.lead_police, organisation=world.police, status="present"
    )
    Attendance.objects.create(
        meeting=meetings[1],
        person=world.lead_police,
        organisation=world.police,
        status="deputy",
        deputy_name="DI Deputy",
    )
    Attendance.objects.create(
        meeting=meetings[2],
        person=world.lead_police,
        organisation=world.police,
        status=AttendanceStatus.APOLOGIES,
    )
    Attendance.objects.create(
        meeting=meetings[0], person=world.lead_health, organisation=world.icb, status="absent"
    )
    client = client_for(world.scrutineer)
    figures, panel = texts(client.get(DASH), "executive-attendance")
    assert figures["Alpha Council"] == ["3", "3", "0", "0", "100%"]
    assert figures["Alpha Police"] == ["3", "2", "1", "0", "66.7%"]
    assert figures["Alpha ICB"] == ["3", "0", "0", "1", "0%"]
    police = next(r for r in panel.rows if r[0].text == "Alpha Police")
    records = client.get(police[2].url).context["records"]
    assert [r["url"] for r in records] == [meetings[0].get_absolute_url(), meetings[1].get_absolute_url()]


def test_risk_heat_map_and_its_records(world, client_for, frozen):
    high = Risk.objects.create(partnership=world.alpha, title="Funding gap", likelihood=4, impact=5)
    Risk.objects.create(partnership=world.alpha, title="Data sharing", likelihood=4, impact=5)
    Risk.objects.create(partnership=world.alpha, title="Low", likelihood=1, impact=2)
    Risk.objects.create(
        partnership=world.alpha, title="Gone", likelihood=4, impact=5, status=RiskStatus.CLOSED
    )
    Risk.objects.create(partnership=world.beta, title="Beta's", likelihood=4, impact=5)
    client = client_for(world.scrutineer)
    figures, panel = texts(client.get(DASH), "risk-heat-map")
    assert figures["4"] == ["0", "0", "0", "0", "2"]
    assert figures["1"] == ["0", "1", "0", "0", "0"]
    assert 'aria-labelledby="risk-heat-map-title' in panel.chart
    cell = next(r for r in panel.rows if r[0].text == "4")[5]
    records = client.get(cell.url).context["records"]
    assert high.get_absolute_url() in [r["url"] for r in records] and len(records) == 2
    assert client.get(high.get_absolute_url()).status_code == 200


def test_priorities_by_latest_rag(world, client_for, frozen):
    red_then_green = Priority.objects.create(partnership=world.alpha, year=YEAR, title="Neglect")
    amber = Priority.objects.create(partnership=world.alpha, year=YEAR, title="Exploitation")
    Priority.objects.create(partnership=world.alpha, year=YEAR, title="No news")
    Priority.objects.create(partnership=world.alpha, year=YEAR - 1, title="Last year")
    for priority, day, rag in (
        (red_then_green, D(2024, 6, 1), PriorityRAG.RED),
        (red_then_green, D(2024, 9, 1), PriorityRAG.GREEN),
        (amber, D(2024, 7, 1), PriorityRAG.AMBER),
    ):
        ProgressUpdate.objects.create(
            priority=priority, reported_on=day, rag=rag, summary="Update", author=world.bu
        )
    figures, panel = texts(client_for(world.lead_la).get(DASH), "priorities-rag")
    assert figures == {"Red": ["0"], "Amber": ["1"], "Green": ["1"], "No progress reported": ["1"]}
    green = next(r for r in panel.rows if r[0].text == "Green")[1]
    assert [r["label"] for r in client_for(world.lead_la).get(green.url).context["records"]] == ["Neglect"]


def test_section_11_returns_completed(world, client_for, frozen):
    cycle = AssuranceCycle.objects.create(
        partnership=world.alpha, title="Section 11 2024", opens_on=D(2024, 4, 1), due_on=D(2024, 9, 30)
    )
    cycle.partnerships.set([world.alpha])
    AgencyReturn.objects.create(cycle=cycle, organisation=world.council, status=ReturnStatus.SUBMITTED)
    AgencyReturn.objects.create(cycle=cycle, organisation=world.police, status=ReturnStatus.SUBMITTED)
    AgencyReturn.objects.create(cycle=cycle, organisation=world.icb, status=ReturnStatus.DRAFT)
    AgencyReturn.objects.create(cycle=cycle, organisation=world.hospital, status=ReturnStatus.NOT_STARTED)
    figures, _panel = texts(client_for(world.scrutineer).get(DASH), "section-11-returns")
    # Asked, submitted, not submitted, overdue (due 30 September 2024), percentage submitted, scores.
    assert figures["Section 11 2024"][:5] == ["4", "2", "2", "2", "50%"]


def test_open_challenges(world, client_for, frozen):
    Challenge.objects.filter(partnership=world.alpha).update(
        status=ChallengeStatus.CLOSED, outcome="Done", closed_on=D(2024, 4, 2)
    )
    for status in (
        ChallengeStatus.OPEN,
        ChallengeStatus.OPEN,
        ChallengeStatus.ESCALATED,
        ChallengeStatus.CLOSED,
    ):
        Challenge.objects.create(
            partnership=world.alpha,
            subject="Why are police contributions late?",
            detail="Three rapid reviews waited.",
            raised_on=D(2024, 5, 1),
            raised_by_name="Independent scrutineer",
            status=status,
            outcome="Agreed a new process" if status == ChallengeStatus.CLOSED else "",
            closed_on=D(2024, 6, 1) if status == ChallengeStatus.CLOSED else None,
        )
    client = client_for(world.scrutineer)
    figures, panel = texts(client.get(DASH), "open-challenges")
    assert figures["Open"] == ["2"] and figures["Escalated"] == ["1"] and figures["Responded"] == ["0"]
    records = client.get(panel.rows[0][1].url).context["records"]
    assert len(records) == 2
    assert client.get(records[0]["url"]).status_code == 200
    assert client.post(records[0]["url"], {"status": "closed"}).status_code == 403


def test_governance_panels_export_and_stay_constant(world, client_for, frozen):
    from tests.querycount import assert_constant_queries

    client = client_for(world.scrutineer)
    for key in (
        "executive-attendance",
        "risk-heat-map",
        "priorities-rag",
        "section-11-returns",
        "open-challenges",
    ):
        assert client.get(f"{DASH}&panel={key}&export=xlsx").status_code == 200

    def add_rows(n):
        for i in range(n):
            Risk.objects.create(
                partnership=world.alpha, title=f"Risk {i}", likelihood=1 + i % 5, impact=1 + i % 3
            )
            Priority.objects.create(
                partnership=world.alpha, year=YEAR, title=f"Priority {Priority.objects.count()}"
            )
            _meeting(world, D(2024, 5, 1) + datetime.timedelta(days=Meeting.objects.count()))

    assert_constant_queries(client, DASH, add_rows, small=2, large=30)
