"""Working days as case reviews count them (docs/statutory-rules.md#working-days): the
base table lives in tests/deadlines/test_working_days.py; these add the statutory clocks."""

import datetime

import pytest

from partnerships.core.choices import RapidReviewClock
from partnerships.deadlines.models import ClosureDay
from partnerships.deadlines.workingdays import WorkingDayCalendar, england
from reviews import rules

D = datetime.date
CAL = WorkingDayCalendar()

PANEL_CASES = [
    # (aware on, Panel notification due, why)
    (D(2020, 12, 21), D(2020, 12, 30), "Christmas 2020: Boxing Day on a Saturday, substitute Monday 28 Dec"),
    (D(2021, 12, 23), D(2022, 1, 4), "Christmas 2021 and New Year 2022 at weekends: 27, 28 Dec and 3 Jan"),
    (D(2022, 12, 22), D(2023, 1, 3), "Christmas 2022 on a Sunday (27 Dec) and New Year 2023 (2 Jan)"),
    (D(2023, 4, 4), D(2023, 4, 13), "Easter 2023: Good Friday 7 and Easter Monday 10 April"),
    (D(2020, 5, 4), D(2020, 5, 12), "2020: 4 May is a working day, VE Day 8 May is not"),
    (D(2022, 5, 30), D(2022, 6, 8), "2022: 30 May is a working day, 2 and 3 June are not"),
    (D(2022, 9, 14), D(2022, 9, 22), "19 September 2022"),
    (D(2023, 5, 2), D(2023, 5, 10), "8 May 2023, the Coronation"),
    (D(2024, 11, 8), D(2024, 11, 15), "a plain week from a Friday"),
]


@pytest.mark.parametrize(("aware", "due", "why"), PANEL_CASES, ids=[c[2] for c in PANEL_CASES])
def test_panel_notification_due(aware, due, why):
    assert rules.panel_notification_due(CAL, aware)[0] == due, why


def test_rapid_review_counts_from_the_notification_by_default():
    due, rule = rules.rapid_review_due(
        CAL, clock=RapidReviewClock.FROM_NOTIFICATION, aware_on=D(2023, 12, 18), notified_on=D(2023, 12, 20)
    )
    # 21, 22, 27, 28, 29 Dec, 2-5 Jan, 8-12 Jan, then 15 Jan: the 15th working day after 20 December.
    assert due == D(2024, 1, 15)
    assert "sent to the Panel" in rule


def test_rapid_review_before_notification_is_provisional_from_the_latest_permitted_date():
    due, rule = rules.rapid_review_due(
        CAL, clock=RapidReviewClock.FROM_NOTIFICATION, aware_on=D(2024, 11, 4), notified_on=None
    )
    assert due == CAL.add(D(2024, 11, 11), 15) == D(2024, 12, 2)
    assert rule.startswith("Provisional")


def test_rapid_review_from_awareness_where_the_partnership_says_so():
    due, _rule = rules.rapid_review_due(
        CAL, clock=RapidReviewClock.FROM_AWARENESS, aware_on=D(2024, 11, 4), notified_on=D(2024, 11, 8)
    )
    assert due == D(2024, 11, 25)


def test_lcspr_six_months_clips_to_the_month_end():
    assert rules.lcspr_publication_due(D(2023, 8, 31))[0] == D(2024, 2, 29)
    assert rules.lcspr_publication_due(D(2019, 10, 1))[0] == D(2020, 4, 1)


def test_send_to_panel_seven_working_days_before_publication():
    assert rules.send_to_panel_due(CAL, D(2022, 6, 10))[0] == D(2022, 5, 30)


@pytest.mark.parametrize(
    ("publication", "send_by"),
    [
        # Saturday: counted from Friday 10 June, back over the jubilee bank holidays (2 and 3 June).
        (D(2022, 6, 11), D(2022, 5, 30)),
        (D(2022, 6, 12), D(2022, 5, 30)),  # Sunday: the same Friday
        (D(2022, 6, 13), D(2022, 5, 31)),  # a working Monday counts from itself
        # Easter Monday 2025 is a bank holiday: counted from Thursday 17 April (Good Friday too).
        (D(2025, 4, 21), D(2025, 4, 8)),
        # Boxing Day 2026 falls on a Saturday: Monday 28 December is the substitute day and Christmas
        # Day a Friday, so the count starts from Thursday 24 December.
        (D(2026, 12, 28), D(2026, 12, 15)),
    ],
)
def test_at_least_n_working_days_before_a_day_off_counts_from_the_last_working_day(publication, send_by):
    assert rules.send_to_panel_due(CAL, publication)[0] == send_by


@pytest.mark.django_db
def test_a_closure_day_an_admin_adds_moves_the_due_date():
    assert rules.panel_notification_due(england(), D(2030, 6, 3))[0] == D(2030, 6, 10)
    ClosureDay.objects.create(date=D(2030, 6, 5), name="A one-off bank holiday")
    assert rules.panel_notification_due(england(), D(2030, 6, 3))[0] == D(2030, 6, 11)


@pytest.mark.django_db
def test_the_rapid_review_clock_is_a_dated_rule_that_never_rewrites_a_signed_off_review(world, client_for):
    """A change applies to reviews started on or after its date; earlier and signed-off reviews
    keep their due dates (docs/statutory-rules.md#rapid-review)."""
    import time_machine
    from django.utils import timezone

    from partnerships.core.choices import RapidReviewClock
    from reviews import services
    from reviews.choices import AgeBand, IncidentType
    from reviews.models import RapidReview, SeriousIncidentNotification

    def review_started_on(day, aware, notified):
        with time_machine.travel(timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))):
            n = services.save_notification(
                world.bu,
                SeriousIncidentNotification(
                    partnership=world.alpha,
                    age_band=AgeBand.AGE_5_9,
                    area=world.area_a,
                    incident_type=IncidentType.SERIOUS_HARM,
                    la_aware_on=aware,
                    panel_notified_on=notified,
                ),
            )
            return services.start_rapid_review(world.bu, n)

    # Aware on Thursday 17 April 2025, notified on Tuesday 22 April, over Easter.
    before = review_started_on(D(2025, 4, 23), D(2025, 4, 17), D(2025, 4, 22))
    signed = review_started_on(D(2025, 5, 6), D(2025, 5, 1), D(2025, 5, 2))
    RapidReview.objects.filter(pk=signed.pk).update(signed_off_on=D(2025, 5, 20))
    after = review_started_on(D(2025, 5, 7), D(2025, 5, 1), D(2025, 5, 6))
    assert before.due_date == D(2025, 5, 14)  # 15 working days from the notification (22 April)
    assert after.due_date == D(2025, 5, 28)  # from 6 May, over the 26 May bank holiday

    page = client_for(world.bu).post(
        "/p/alpha/reviews/rapid-review-clock/",
        {
            "clock": RapidReviewClock.FROM_AWARENESS,
            "applies_from_0": "6",
            "applies_from_1": "5",
            "applies_from_2": "2025",
        },
    )
    assert page.status_code == 302
    for review in (before, signed, after):
        review.refresh_from_db()
    assert before.clock == RapidReviewClock.FROM_NOTIFICATION and before.due_date == D(2025, 5, 14)
    assert signed.clock == RapidReviewClock.FROM_NOTIFICATION  # signed off: nothing moves
    assert after.clock == RapidReviewClock.FROM_AWARENESS
    assert after.due_date == D(2025, 5, 23)  # 15 working days from awareness on 1 May (bank holiday 5 May)
    world.alpha.refresh_from_db()  # as a new request would read it
    new = review_started_on(D(2025, 6, 2), D(2025, 5, 29), D(2025, 5, 30))
    assert new.clock == RapidReviewClock.FROM_AWARENESS
    assert client_for(world.scrutineer).get("/p/alpha/reviews/rapid-review-clock/").status_code == 403
