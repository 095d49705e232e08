"""The evidence-of-impact panels of the dashboard (voice of children and families, "you said, we
did", the outcomes dataset, training, the reserve) show the figures the yearly report prints for the
same period, link to the records behind their counts and to the recorded priorities, export, and
keep a fixed number of queries as records grow."""

import csv
import datetime
import io
import itertools
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from funding import services as funding_services
from funding.choices import ReserveDirection
from funding.money import format_pounds
from partnerships.governance.models import Priority
from partnerships.learning import figures as learning
from partnerships.learning import services as learning_services
from partnerships.learning.models import (
    BookingStatus,
    ChangeStatus,
    EngagementActivity,
    EngagementKind,
    Frequency,
    Indicator,
    Polarity,
    TrainingBooking,
    TrainingCourse,
    TrainingSession,
    Unit,
    YouSaidWeDid,
)
from publications import assembly
from publications import services as publication_services
from publications.choices import PublicationKind
from tests.publications.dashboard_support import TODAY, YEAR
from tests.publications.test_pdf_accessibility import check, figure_alts
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db
D = datetime.date
DASH = f"/p/alpha/dashboard/?year={YEAR}"
_n = itertools.count(1)


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def panel(response, key):
    return next(p for p in response.context["panels"] if p.key == key)


def rows(p):
    return {row[0].text: [c.text for c in row[1:]] for row in p.rows}


def report_text(w, start=None):
    start = start or D(YEAR, 4, 1)
    publication = publication_services.create_publication(
        w.bu,
        w.alpha,
        kind=PublicationKind.YEARLY_REPORT,
        title=f"Alpha yearly report {start.year}",
        period_start=start,
    )
    version = publication_services.make_draft(w.bu, publication)
    return " ".join(assembly.content_lines(version.content))


def _priority(w, title="Young people feel safe online", partnership=None):
    return Priority.objects.create(partnership=partnership or w.alpha, year=YEAR, title=title)


def add_voice(w, n=1, priority=None):
    """`n` activities (a group and a survey by turns) in 2024/25, each with one change."""
    for i in range(n):
        number = next(_n)
        activity = EngagementActivity.objects.create(
            partnership=w.alpha,
            title=f"Forum {number}",
            kind=EngagementKind.GROUP if i % 2 == 0 else EngagementKind.SURVEY,
            held_on=D(2024, 5, 1) + datetime.timedelta(days=i % 300),
            count_11_to_15=3,
            count_16_to_17=2,
            count_parents_carers=4 if i % 2 else 0,
            what_they_said="Tell us what happens next.",
        )
        YouSaidWeDid.objects.create(
            activity=activity,
            you_said=f"Tell us what happens next {number}.",
            we_did="Every forum now gets a written reply.",
            status=ChangeStatus.DONE if i % 2 == 0 else ChangeStatus.IN_PROGRESS,
            priority=priority,
        )


def add_training(w, n=1):
    """A session in 2024/25 with `n` rounds of bookings: attended (rated 2 then 4) and no-show at the
    council, attended (rated 3 then 3) and still booked at the ICB, one cancelled."""
    course = TrainingCourse.objects.create(partnership=w.alpha, title=f"Course {next(_n)}", topic="Neglect")
    session = TrainingSession.objects.create(
        course=course,
        starts_at=timezone.make_aware(datetime.datetime(2024, 10, 1, 10)),
        venue="Council House",
        capacity=50 * n,
    )
    specs = [
        (w.council, BookingStatus.ATTENDED, 2, 4),
        (w.council, BookingStatus.NO_SHOW, None, None),
        (w.icb, BookingStatus.ATTENDED, 3, 3),
        (w.icb, BookingStatus.BOOKED, None, None),
        (w.icb, BookingStatus.CANCELLED, None, None),
    ]
    TrainingBooking.objects.bulk_create(
        TrainingBooking(
            session=session,
            attendee_name=f"Practitioner {next(_n)}",
            organisation=org,
            status=status,
            confidence_before=before,
            confidence_after=after,
        )
        for _ in range(n)
        for org, status, before, after in specs
    )
    return session


def add_indicator(w, priority=None, code=None):
    indicator = Indicator.objects.create(
        partnership=w.alpha,
        code=code or f"ind-{next(_n)}",
        name=f"Children seen within 5 days {code or ''}".strip(),
        definition="Share of children seen within 5 working days of referral.",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER,
        target=Decimal("80"),
        tolerance=Decimal("5"),
        source_organisation=w.council,
        frequency=Frequency.QUARTERLY,
        priority=priority,
    )
    learning_services.submit_value(w.bu, indicator, period_start=D(2024, 1, 1), value=Decimal("70"))
    learning_services.submit_value(w.bu, indicator, period_start=D(2024, 10, 1), value=Decimal("77"))
    return indicator


def add_reserve_years(w):
    """2023/24 opens with £10,000 entered, spends £4,000, moves £1,000 in and £500 out; 2024/25
    moves £2,000 out."""
    staffing = w.funding["staffing"]
    first = funding_services.create_budget(
        w.bu, partnership=w.alpha, year=2023, opening_balance_pence=1_000_000
    )
    funding_services.record_spend(
        w.bu, budget=first, line=staffing, month=D(2023, 5, 1), amount_pence=400_000
    )
    for direction, pence, on in (
        (ReserveDirection.IN, 100_000, D(2023, 6, 1)),
        (ReserveDirection.OUT, 50_000, D(2024, 1, 1)),
    ):
        funding_services.record_reserve_transfer(
            w.bu, budget=first, direction=direction, amount_pence=pence, on=on, reason="Test"
        )
    second = funding_services.create_budget(w.bu, partnership=w.alpha, year=2024)
    funding_services.record_reserve_transfer(
        w.bu,
        budget=second,
        direction=ReserveDirection.OUT,
        amount_pence=200_000,
        on=D(2024, 7, 1),
        reason="Audit",
    )
    return first, second


# The figures equal the yearly report's -------------------------------------------------------------


def test_voice_panels_show_the_reports_figures_and_link_the_recorded_priority(world, client_for, frozen):
    priority = _priority(world)
    add_voice(world, 3, priority=priority)
    legacy = YouSaidWeDid.objects.create(
        activity=EngagementActivity.objects.filter(partnership=world.alpha, held_on__year=2024).first(),
        you_said="Meet after school.",
        we_did="Forum moved to evenings.",
        priority_text="Hearing children",
    )
    text = report_text(world)
    v = learning.voice_activities(world.alpha, D(2024, 4, 1), D(2025, 3, 31))
    assert (v.activities, v.children_and_young_people, v.parents_carers, v.changes) == (3, 15, 4, 4)
    assert f"Engagement activities: {v.activities}" in text
    assert f"Children and young people who took part: {v.children_and_young_people}" in text
    assert f"Parents and carers who took part: {v.parents_carers}" in text
    assert f"Changes made as a result (you said, we did): {v.changes}" in text

    client = client_for(world.scrutineer)
    response = client.get(DASH)
    activities = rows(panel(response, "voice-activities"))
    assert activities == {
        "Group or forum": ["2", "10", "0"],
        "Survey": ["1", "5", "4"],
        "Total": ["3", "15", "4"],
    }
    changes = panel(response, "you-said-we-did")
    assert len(changes.rows) == v.changes
    linked = [r for r in changes.rows if r[3].text == priority.title]
    assert len(linked) == 3 and all(r[3].url == priority.get_absolute_url() for r in linked)
    assert [r[2].text for r in linked] == ["Done", "In progress", "Done"]
    legacy_row = next(r for r in changes.rows if r[0].text == legacy.you_said)
    assert legacy_row[3].text == "Hearing children (not a recorded priority)" and not legacy_row[3].url
    # The world's 2019 activity is outside the period.
    assert "Professionals change too often." not in [r[0].text for r in changes.rows]

    # Drill-down: the total's activities are the period's.
    total = panel(response, "voice-activities").rows[-1]
    records = client.get(total[1].url).context["records"]
    assert [r["url"] for r in records] == [
        a.get_absolute_url()
        for a in EngagementActivity.objects.filter(partnership=world.alpha, held_on__year=2024).order_by(
            "held_on"
        )
    ]


def test_training_panel_shows_the_reports_reach_and_change_in_confidence(world, client_for, frozen):
    add_training(world, 2)
    text = report_text(world)
    reach = learning.training_reach(world.alpha, D(2024, 4, 1), D(2025, 3, 31))
    change = learning.evaluation_change(world.alpha, D(2024, 4, 1), D(2025, 3, 31))
    assert f"Practitioners who attended: {reach.attended}" in text
    assert f"Evaluations returned: {change.evaluations}" in text
    assert (
        f"Mean confidence before and after training (1 to 5): {change.mean_before} to {change.mean_after}"
        in text
    )

    client = client_for(world.scrutineer)
    p = panel(client.get(DASH), "training-reach")
    figures = rows(p)
    assert figures["Alpha Council"] == ["4", "2", "2", "2", "2.00", "4.00"]
    assert figures["Alpha ICB"] == ["4", "2", "0", "2", "3.00", "3.00"]
    assert (
        figures["Total"]
        == [
            str(reach.places_taken),
            str(reach.attended),
            str(reach.no_shows),
            str(change.evaluations),
            str(change.mean_before),
            str(change.mean_after),
        ]
        == ["8", "4", "2", "4", "2.50", "3.50"]
    )
    council = next(r for r in p.rows if r[0].text == "Alpha Council")
    records = client.get(council[3].url).context["records"]  # did not attend
    assert [r["cells"][1] for r in records] == ["Did not attend", "Did not attend"]


def test_dataset_panel_shows_the_latest_value_in_the_period_with_trend_target_rating_and_priority(
    world, client_for, frozen
):
    priority = _priority(world, "Children seen quickly")
    add_indicator(world, priority=priority, code="seen-quickly")
    statuses = learning.dataset_latest_vs_target(world.alpha, start=D(2024, 4, 1), end=D(2025, 3, 31))
    client = client_for(world.scrutineer)
    p = panel(client.get(DASH), "outcomes-dataset")
    figures = rows(p)
    row = figures["Children seen within 5 days seen-quickly"]
    status = next(s for s in statuses if s.indicator.code == "seen-quickly")
    assert status.latest.value == Decimal("77") and status.previous.value == Decimal("70")
    assert row == ["77", status.latest.period_label, "+7 (better)", "80", "Amber", priority.title]
    text = report_text(world)
    assert (
        f"Children seen within 5 days seen-quickly | 77 | {status.latest.period_label} | 80 | Amber" in text
    )
    priority_cell = next(r for r in p.rows if r[0].text.endswith("seen-quickly"))[6]
    assert priority_cell.url == priority.get_absolute_url()
    # The world's re-referrals indicator has values only in 2019: none in this period.
    assert figures["Re-referrals within 12 months"][:1] == ["No value in the period"]
    assert len(p.rows) == len(statuses)


def test_reserve_panel_and_yearly_report_across_two_years(world, client_for):
    add_reserve_years(world)
    client = client_for(world.scrutineer)
    expected = {
        2023: (1_000_000, 100_000, 50_000, 1_000_000 - 400_000 + 100_000 - 50_000),
        2024: (650_000, 0, 200_000, 450_000),
    }
    for year, (opening, into, out, closing) in expected.items():
        with time_machine.travel(D(year + 1, 6, 2), tick=False):
            p = panel(client.get(f"/p/alpha/dashboard/?year={year}"), "reserves")
            values = [row[1].value for row in p.rows]
            assert values == [opening / 100, into / 100, out / 100, closing / 100]
            text = report_text(world, D(year, 4, 1))
        for label, pence in (
            ("Transferred into the reserve", into),
            ("Transferred out of the reserve", out),
            ("Closing balance", closing),
        ):
            assert f"{label} | {format_pounds(pence, whole=True)}" in text
        assert format_pounds(opening, whole=True) in text
    assert "Opening balance (brought forward from 2023/24)" in text


def test_reserve_transfers_drill_down_and_export(world, client_for):
    add_reserve_years(world)
    client = client_for(world.scrutineer)
    with time_machine.travel(D(2024, 6, 2), tick=False):
        p = panel(client.get("/p/alpha/dashboard/?year=2023"), "reserves")
        into = next(r for r in p.rows if r[0].text == "Transferred into the reserve")
        records = client.get(into[1].url).context["records"]
        assert len(records) == 1 and records[0]["cells"] == ["1 Jun 2023", "Test"]
        body = client.get("/p/alpha/dashboard/?year=2023&panel=reserves&export=csv").content.decode(
            "utf-8-sig"
        )
    table = list(csv.reader(io.StringIO(body)))
    assert ["Closing balance", "6500.00"] in table


def test_every_evidence_panel_exports_csv_and_xlsx(world, client_for, frozen):
    add_voice(world, 2, priority=_priority(world))
    add_training(world)
    add_indicator(world)
    client = client_for(world.scrutineer)
    for key in ("voice-activities", "you-said-we-did", "outcomes-dataset", "training-reach", "reserves"):
        for fmt in ("csv", "xlsx"):
            response = client.get(f"{DASH}&panel={key}&export={fmt}")
            assert response.status_code == 200, (key, fmt)
    body = client.get(f"{DASH}&panel=training-reach&export=csv").content.decode("utf-8-sig")
    assert "Total,4,2,1,2,2.5,3.5" in body.replace("2.50", "2.5").replace("3.50", "3.5")


# Queries ---------------------------------------------------------------------------------------


def test_evidence_panels_keep_a_fixed_number_of_queries(world, client_for, frozen):
    priority = _priority(world)
    add_reserve_years(world)

    def add_rows(n):
        add_voice(world, n, priority=priority)
        add_training(world, n)
        for _ in range(min(n, 20)):
            add_indicator(world, priority=priority)

    client = client_for(world.scrutineer)
    assert_constant_queries(client, DASH, add_rows, small=3, large=60)
    for url in (
        f"/p/alpha/dashboard/voice-activities/?year={YEAR}&row=all&measure=activities",
        f"/p/alpha/dashboard/training-reach/?year={YEAR}&row={world.council.pk}&measure=booked",
    ):
        assert_constant_queries(client, url, add_rows, small=3, large=60)


def test_a_report_period_that_is_not_a_financial_year_gives_the_reports_figures(world, client_for, frozen):
    add_voice(world, 2)  # May 2024: before the report's period
    EngagementActivity.objects.create(
        partnership=world.alpha,
        title="Care leavers' survey",
        kind=EngagementKind.SURVEY,
        held_on=D(2025, 5, 1),
        count_18_to_25=7,
        what_they_said="Tell us earlier.",
    )
    text = report_text(world, D(2024, 7, 1))
    assert "Engagement activities: 1" in text
    assert "Children and young people who took part: 7" in text
    response = client_for(world.scrutineer).get("/p/alpha/dashboard/?year=2024-07-01")
    assert response.context["scope"].report_period == (D(2024, 7, 1), D(2025, 6, 30))
    assert rows(panel(response, "voice-activities")) == {"Survey": ["1", "7", "0"], "Total": ["1", "7", "0"]}


def test_the_dashboard_pdf_with_the_evidence_panels_passes_the_checker(world, client_for, tmp_path):
    add_reserve_years(world)
    with time_machine.travel(TODAY, tick=False):
        add_voice(world, 2, priority=_priority(world))
        add_training(world)
        add_indicator(world)
        response = client_for(world.scrutineer).get(f"/p/alpha/dashboard/pdf/?year={YEAR}")
    assert response.status_code == 200
    alts = " ".join(figure_alts(check(response.content, tmp_path, "dashboard-evidence")))
    assert "Multi-agency training: reach and change in confidence." in alts
