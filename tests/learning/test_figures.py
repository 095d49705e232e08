"""The shared figures of learning and impact (partnerships/learning_figures.py), on fixed records.

Acceptance: a briefing's acknowledgement figures by agency; training figures on a fixed
set of bookings (fill rate, no-shows, confidence change); the yearly report's training and dataset
sections equal the records.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.core.choices import RAG
from partnerships.learning import figures, services
from partnerships.learning.models import (
    BookingStatus,
    EngagementActivity,
    EngagementKind,
    Frequency,
    Indicator,
    LearningBriefing,
    Polarity,
    TrainingBooking,
    TrainingCourse,
    TrainingSession,
    Unit,
    YouSaidWeDid,
)

D = datetime.date
YEAR_START, YEAR_END = D(2024, 4, 1), D(2025, 3, 31)


def at(day):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))


def _briefing(w, **extra):
    return LearningBriefing.objects.create(
        partnership=w.alpha,
        title="Neglect: the cumulative picture",
        background="b",
        what_happened="w",
        learning="l",
        questions="q",
        what_to_do="d",
        **extra,
    )


def test_briefing_acknowledgements_agency_by_agency(world):
    w = world
    briefing = _briefing(w)
    services.publish_briefing(w.bu, briefing, organisations=[w.council, w.icb, w.police, w.hospital])
    recipients = {r.organisation_id: r for r in briefing.recipients.all()}
    services.acknowledge_briefing(w.bu, recipients[w.council.pk], staff_reached=120)
    services.acknowledge_briefing(w.contributor, recipients[w.hospital.pk], staff_reached=45)

    acks = figures.briefing_acknowledgements(briefing)

    assert [(r.organisation, r.acknowledged, r.staff_reached) for r in acks.rows] == [
        ("Alpha Council", True, 120),
        ("Alpha Hospital Trust", True, 45),
        ("Alpha ICB", False, None),
        ("Alpha Police", False, None),
    ]
    assert (acks.sent, acks.acknowledged, acks.outstanding, acks.staff_reached) == (4, 2, 2, 165)
    assert acks.rate == Decimal("50.0")


def test_acknowledging_twice_keeps_the_first_time_and_who(world):
    w = world
    recipient = w.briefing.recipients.get(organisation=w.hospital)
    first = services.acknowledge_briefing(w.contributor, recipient).acknowledged_at
    again = services.acknowledge_briefing(w.bu, recipient, staff_reached=9)
    assert again.acknowledged_at == first and again.acknowledged_by == w.contributor
    assert again.staff_reached == 9


def _fixed_training(w):
    """Two sessions of 10 places in 2024/25 and one cancelled session; bookings by agency and role."""
    course = TrainingCourse.objects.create(partnership=w.alpha, title="Neglect", topic="Neglect", trainer="T")
    first = TrainingSession.objects.create(course=course, starts_at=at(D(2024, 5, 1)), venue="A", capacity=10)
    second = TrainingSession.objects.create(
        course=course, starts_at=at(D(2025, 2, 1)), venue="B", capacity=10
    )
    cancelled = TrainingSession.objects.create(
        course=course, starts_at=at(D(2024, 9, 1)), venue="C", capacity=30
    )
    # Outside the year: never counted.
    TrainingSession.objects.create(course=course, starts_at=at(D(2025, 4, 2)), venue="D", capacity=50)
    people = [
        # session, agency, role, outcome, before, after, follow-up answered
        (first, w.council, "Social worker", "attended", 2, 4, True),
        (first, w.council, "Social worker", "attended", 3, 3, False),
        (first, w.hospital, "Nurse", "attended", 1, 4, True),
        (first, w.police, "Officer", "no_show", None, None, False),
        (first, w.school, "Teacher", "cancelled", None, None, False),
        (second, w.hospital, "Nurse", "attended", 2, 3, None),
        (second, w.police, "Officer", "attended", None, None, None),
        (second, w.school, "Teacher", "no_show", None, None, None),
        (second, w.icb, "GP", "booked", None, None, None),
    ]
    for i, (session, org, role, outcome, before, after, answered) in enumerate(people):
        booking = services.book_place(w.bu, session, attendee_name=f"Person {i}", organisation=org, role=role)
        if outcome == "cancelled":
            services.cancel_booking(w.bu, booking)
            continue
        if outcome in ("attended", "no_show"):
            services.record_attendance(
                w.bu,
                session,
                attended=[booking.pk] if outcome == "attended" else [],
                absent=[booking.pk] if outcome == "no_show" else [],
            )
        booking.refresh_from_db()
        if before is not None:
            services.record_evaluation(w.bu, booking, confidence_before=before, confidence_after=after)
        if answered is not None:
            services.send_follow_ups(w.bu, session, on=D(2024, 8, 1))
            if answered:
                booking.refresh_from_db()
                services.record_follow_up(
                    w.bu, booking, practice_change="I now ask who lives at home.", received_on=D(2024, 8, 20)
                )
    # A booking on the cancelled session: the session's places are not offered.
    services.book_place(w.bu, cancelled, attendee_name="Lost place", organisation=w.council)
    services.cancel_session(w.bu, cancelled, reason="Trainer ill")
    return course


def test_training_reach_on_a_fixed_set_of_bookings(world):
    _fixed_training(world)
    reach = figures.training_reach(world.alpha, YEAR_START, YEAR_END)
    assert reach.sessions_held == 2 and reach.sessions_cancelled == 1
    assert reach.places_offered == 20
    # Holding a place: 5 attended + 2 no-shows + 1 still booked (the cancelled booking freed its place).
    assert reach.places_taken == 8
    assert reach.fill_rate == Decimal("40.0")
    assert (reach.attended, reach.no_shows, reach.cancellations) == (5, 2, 1)
    assert reach.no_show_rate == Decimal("28.6")  # 2 of 7 expected
    assert reach.by_agency == [("Alpha Council", 2), ("Alpha Hospital Trust", 2), ("Alpha Police", 1)]
    assert reach.by_role == [("Nurse", 2), ("Social worker", 2), ("Officer", 1)]
    assert reach.agencies_reached == 3


def test_confidence_change_and_follow_up_response_rate(world):
    _fixed_training(world)
    result = figures.evaluation_change(world.alpha, YEAR_START, YEAR_END)
    # Ratings (before, after): (2,4), (3,3), (1,4), (2,3).
    assert result.evaluations == 4
    assert result.mean_before == Decimal("2.00") and result.mean_after == Decimal("3.50")
    assert result.mean_change == Decimal("1.50")
    assert result.improved == 3 and result.improved_rate == Decimal("75.0")
    # Follow-ups went to the 3 attendees of the first session; 2 answered.
    assert (result.follow_ups_sent, result.follow_ups_received) == (3, 2)
    assert result.follow_up_response_rate == Decimal("66.7")
    assert result.practice_changes == ["I now ask who lives at home."] * 2


def test_a_full_session_puts_another_booking_on_the_waiting_list_not_in_the_places_taken(world):
    session = TrainingSession.objects.create(
        course=world.course, starts_at=at(D(2024, 5, 1)), venue="A", capacity=1
    )
    services.book_place(world.bu, session, attendee_name="One", organisation=world.council)
    two = services.book_place(world.bu, session, attendee_name="Two", organisation=world.council)
    assert (two.status, two.waiting_position) == (BookingStatus.WAITING, 1)
    reach = figures.training_reach(world.alpha, YEAR_START, YEAR_END)
    assert reach.places_taken == 1


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        ("19", Polarity.LOWER, RAG.GREEN),
        ("20", Polarity.LOWER, RAG.GREEN),
        ("21", Polarity.LOWER, RAG.AMBER),  # within the tolerance of 2
        ("23", Polarity.LOWER, RAG.RED),
        ("21", Polarity.HIGHER, RAG.GREEN),
        ("19", Polarity.HIGHER, RAG.AMBER),
        ("17", Polarity.HIGHER, RAG.RED),
        ("50", Polarity.NEUTRAL, None),
    ],
)
def test_rag_against_target_follows_polarity(value, polarity, expected):
    assert figures.rag_for(Decimal(value), Decimal("20"), polarity, Decimal("2")) == expected


def test_dataset_latest_vs_target(world):
    w = world
    services.submit_value(w.bu, w.indicator, period_start=D(2019, 7, 1), area="North", value=Decimal("40"))
    statuses = {s.indicator.code: s for s in figures.dataset_latest_vs_target(w.alpha)}
    re_referrals = statuses["re-referrals"]
    # The whole-area series: 22.5 then 19.0 (lower is better, target 20): green, and better.
    assert re_referrals.latest.value == Decimal("19.00") and re_referrals.previous.value == Decimal("22.50")
    assert re_referrals.rag == RAG.GREEN and re_referrals.direction == "better"
    assert statuses["ed-attendances"].latest is None and statuses["ed-attendances"].rag is None
    # As at the end of June 2019, the latest was Q1: red against a target of 20.
    earlier = {s.indicator.code: s for s in figures.dataset_latest_vs_target(w.alpha, end=D(2019, 6, 30))}
    assert earlier["re-referrals"].rag == RAG.RED


def test_voice_activities_counts_only(world):
    w = world
    activity = EngagementActivity.objects.create(
        partnership=w.alpha,
        title="Care leavers survey",
        kind=EngagementKind.SURVEY,
        held_on=D(2019, 9, 1),
        count_16_to_17=3,
        count_18_to_25=12,
        count_parents_carers=2,
        what_they_said="We want to know who our worker is.",
    )
    YouSaidWeDid.objects.create(activity=activity, you_said="x", we_did="y", status="done")
    voice = figures.voice_activities(w.alpha, D(2019, 4, 1), D(2020, 3, 31))
    assert voice.activities == 2
    assert voice.children_and_young_people == 10 + 15 and voice.parents_carers == 2
    assert voice.participants == 27
    assert dict(voice.by_kind) == {"Survey": 1, "Group or forum": 1}
    assert dict(voice.by_age_band)["Young adults aged 18 to 25 (care leavers, SEND)"] == 12
    assert (voice.changes, voice.changes_done) == (2, 1)


def test_yearly_report_sections_equal_the_records(world):
    """The yearly report's training and dataset sections are the records, counted independently."""
    w = world
    _fixed_training(w)
    indicator = Indicator.objects.create(
        partnership=w.alpha,
        code="cp-plans",
        name="Child protection plans",
        definition="Rate per 10,000",
        unit=Unit.RATE_10K,
        polarity=Polarity.NEUTRAL,
        source_organisation=w.council,
        frequency=Frequency.ANNUAL,
    )
    services.submit_value(w.bu, indicator, period_start=D(2024, 4, 1), value=Decimal("41.2"))
    services.submit_value(
        w.bu, indicator, period_start=D(2025, 4, 1), value=Decimal("39.0")
    )  # after the year

    sections = figures.yearly_report_sections(w.alpha, YEAR_START, YEAR_END)

    in_year = TrainingBooking.objects.filter(
        session__course__partnership=w.alpha,
        session__starts_at__date__range=(YEAR_START, YEAR_END),
        session__status__in=["scheduled", "held"],
    )
    training = sections["training"]
    assert training.attended == in_year.filter(status=BookingStatus.ATTENDED).count()
    assert training.no_shows == in_year.filter(status=BookingStatus.NO_SHOW).count()
    assert training.cancellations == in_year.filter(status=BookingStatus.CANCELLED).count()
    assert training.places_offered == sum(
        TrainingSession.objects.filter(
            course__partnership=w.alpha,
            starts_at__date__range=(YEAR_START, YEAR_END),
            status__in=["scheduled", "held"],
        ).values_list("capacity", flat=True)
    )
    assert sum(n for _, n in training.by_agency) == training.attended
    rated = in_year.filter(confidence_before__isnull=False)
    assert sections["evaluation"].evaluations == rated.count()

    dataset = {s.indicator.pk: s for s in sections["dataset"]}
    assert set(dataset) == set(Indicator.objects.filter(partnership=w.alpha).values_list("pk", flat=True))
    assert dataset[indicator.pk].latest.value == Decimal("41.20")  # the value of the year, not the one after
    assert dataset[w.indicator.pk].latest == w.indicator.values.get(period_start=D(2019, 7, 1), area="")
    # Beta's records never appear in alpha's report.
    assert all(s.indicator.partnership_id == w.alpha.pk for s in sections["dataset"])
