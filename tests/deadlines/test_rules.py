"""The base app's deadline rules and the reminder ladder, as pure functions (dates in, dates out)."""

import datetime

import pytest

from partnerships.core.periods import add_months
from partnerships.core.registry import DeadlineKind
from partnerships.deadlines import rules
from partnerships.deadlines.rules import Ladder, Step, due_steps
from partnerships.deadlines.workingdays import WorkingDayCalendar

D = datetime.date
CAL = WorkingDayCalendar()
LADDER = Ladder.of_kind(DeadlineKind("test", "Test"))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2019, 9, 29), 12, D(2020, 9, 29)),  # Coventry: serious case reviews' grace (paper 4.1)
        (D(2019, 9, 29), 4, D(2020, 1, 29)),  # Coventry: child death reviews' grace
        (D(2019, 9, 30), 12, D(2020, 9, 30)),  # Somerset's start (paper 1.8)
        (D(2019, 10, 31), 4, D(2020, 2, 29)),  # a short month: its last day (leap year)
        (D(2020, 2, 29), 12, D(2021, 2, 28)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),  # over the year end
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_statutory_constants_are_the_papers():
    assert D(2019, 6, 29) == rules.ARRANGEMENTS_PUBLISH_BY
    assert D(2019, 9, 29) == rules.ARRANGEMENTS_OPERATE_BY
    assert rules.legacy_serious_case_reviews_due(D(2019, 9, 29)) == D(2020, 9, 29)
    assert rules.legacy_child_death_reviews_due(D(2019, 9, 29)) == D(2020, 1, 29)
    assert rules.yearly_report_due(D(2019, 9, 30)) == D(2020, 9, 30)
    assert rules.yearly_report_sending_due(D(2020, 9, 25)) == D(2020, 10, 2)  # 7 calendar days


# A rapid review notified on Wednesday 18 March 2026 is due 15 working days later, on Friday
# 10 April (Good Friday 3 April and Easter Monday 6 April do not count).
DUE = D(2026, 4, 10)
LADDER_DAYS = {
    D(2026, 3, 31): [],
    D(2026, 4, 1): [(Step.LEAD, 5)],  # 5 working days before: 2, 7, 8, 9 April and the 10th
    D(2026, 4, 2): [(Step.LEAD, 5)],  # still the latest step reached (recorded once: unique key)
    D(2026, 4, 3): [(Step.LEAD, 5)],  # Good Friday
    D(2026, 4, 7): [(Step.LEAD, 5)],
    D(2026, 4, 8): [(Step.LEAD, 2)],
    D(2026, 4, 9): [(Step.LEAD, 1)],
    D(2026, 4, 10): [(Step.LEAD, 0)],
    D(2026, 4, 11): [],  # Saturday: overdue, but the manager hears on the first working day after
    D(2026, 4, 13): [(Step.MANAGER, 1)],
    D(2026, 4, 16): [(Step.MANAGER, 1)],
    D(2026, 4, 17): [(Step.MANAGER, 1), (Step.LEADS, 5)],
    D(2026, 6, 1): [(Step.MANAGER, 1), (Step.LEADS, 5)],
}


@pytest.mark.parametrize(("today", "expected"), LADDER_DAYS.items(), ids=[str(d) for d in LADDER_DAYS])
def test_the_ladder_of_a_rapid_review(today, expected):
    assert [(s.step, s.days) for s in due_steps(DUE, today, LADDER, CAL)] == expected


def test_a_deadline_first_seen_two_days_ahead_skips_the_five_day_reminder():
    steps = due_steps(D(2026, 4, 10), D(2026, 4, 8), LADDER, CAL)
    assert [(s.step, s.days, s.send_on) for s in steps] == [(Step.LEAD, 2, D(2026, 4, 8))]


def test_escalations_can_be_switched_off():
    ladder = Ladder((3,), None, None)
    assert due_steps(D(2026, 4, 10), D(2026, 5, 10), ladder, CAL) == []
    assert [s.days for s in due_steps(D(2026, 4, 10), D(2026, 4, 7), ladder, CAL)] == [3]
    # No "on the day" rung: the latest reached is still the 3-day one, already recorded (same key).
    assert [s.days for s in due_steps(D(2026, 4, 10), D(2026, 4, 10), ladder, CAL)] == [3]


@pytest.mark.parametrize(
    ("text", "expected"), [("5, 2, 1, 0", (5, 2, 1, 0)), ("0,1,1,10", (10, 1, 0)), (" 3 ", (3,))]
)
def test_parse_lead_days(text, expected):
    assert rules.parse_lead_days(text) == expected


@pytest.mark.parametrize("text", ["", "five", "-1", "61", "1;2"])
def test_parse_lead_days_refuses_nonsense(text):
    with pytest.raises(ValueError):
        rules.parse_lead_days(text)
