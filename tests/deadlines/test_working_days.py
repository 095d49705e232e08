"""Working days in England: the table every statutory date depends on (docs/statutory-rules.md#working-days)."""

import datetime

import pytest

from partnerships.deadlines.models import ClosureDay
from partnerships.deadlines.workingdays import (
    WorkingDayCalendar,
    add_working_days,
    count_working_days,
    england,
)

D = datetime.date

ADD_CASES = [
    # (start, working days, expected, why)
    (D(2024, 11, 4), 0, D(2024, 11, 4), "day 0 is the start itself"),
    (D(2024, 11, 4), 15, D(2024, 11, 25), "a plain rapid review: three weeks of weekdays"),
    (D(2024, 11, 2), 1, D(2024, 11, 4), "a Saturday start counts from Monday"),
    (D(2024, 11, 8), 5, D(2024, 11, 15), "Panel notification from a Friday"),
    (D(2021, 12, 24), 1, D(2021, 12, 29), "Christmas and Boxing Day at a weekend: substitutes 27 and 28 Dec"),
    (D(2021, 12, 24), 5, D(2022, 1, 5), "New Year's Day on a Saturday: substitute Monday 3 Jan"),
    (D(2022, 12, 23), 1, D(2022, 12, 28), "Christmas on a Sunday: substitute Tuesday 27 Dec"),
    (D(2023, 12, 22), 5, D(2024, 1, 3), "Christmas, Boxing Day and New Year's Day 2024"),
    (D(2024, 3, 28), 1, D(2024, 4, 2), "Good Friday and Easter Monday 2024"),
    (D(2025, 4, 17), 2, D(2025, 4, 23), "Easter 2025"),
    (D(2020, 5, 1), 1, D(2020, 5, 4), "2020: early May bank holiday moved off Monday 4 May..."),
    (D(2020, 5, 7), 1, D(2020, 5, 11), "...to Friday 8 May (VE Day)"),
    (D(2022, 5, 27), 1, D(2022, 5, 30), "2022: spring bank holiday moved off Monday 30 May..."),
    (D(2022, 6, 1), 1, D(2022, 6, 6), "...to Thursday 2 June, with Friday 3 June for the Platinum Jubilee"),
    (D(2022, 9, 16), 1, D(2022, 9, 20), "19 September 2022: the State Funeral"),
    (D(2023, 4, 28), 5, D(2023, 5, 9), "May 2023: early May bank holiday and the Coronation"),
    (D(2024, 11, 25), -15, D(2024, 11, 4), "counting back"),
]


@pytest.mark.parametrize(("start", "days", "expected", "why"), ADD_CASES, ids=[c[3] for c in ADD_CASES])
def test_add_working_days(start, days, expected, why):
    assert add_working_days(start, days) == expected, why


COUNT_CASES = [
    (D(2021, 12, 24), D(2022, 1, 5), 5),
    (D(2024, 11, 4), D(2024, 11, 25), 15),
    (D(2024, 11, 25), D(2024, 11, 4), 0),
    (D(2024, 11, 4), D(2024, 11, 4), 0),
    (D(2023, 4, 28), D(2023, 5, 9), 5),
]


@pytest.mark.parametrize(("start", "end", "expected"), COUNT_CASES)
def test_count_working_days(start, end, expected):
    assert count_working_days(start, end) == expected


def test_add_and_count_agree_across_a_decade():
    calendar = WorkingDayCalendar()
    start = D(2019, 1, 1)
    for offset in range(0, 3650, 37):
        day = start + datetime.timedelta(offset)
        assert calendar.count(day, calendar.add(day, 15)) == 15


def test_one_off_closure_added_by_an_admin_counts(db):
    # A bank holiday announced after the package was released: an admin adds it.
    assert england().add(D(2030, 6, 6), 1) == D(2030, 6, 7)
    ClosureDay.objects.create(date=D(2030, 6, 7), name="Announced at short notice")
    assert england().add(D(2030, 6, 6), 1) == D(2030, 6, 10)
    assert add_working_days(D(2030, 6, 6), 1, closures=[D(2030, 6, 7)]) == D(2030, 6, 10)


def test_count_equals_a_walk_over_the_days_whatever_the_span():
    # count() is arithmetic (BENCHMARKS.md: a day-by-day walk made a catch-up sweep spend half its
    # time counting); it must agree with walking the days, closures and weekend starts included.
    closures = frozenset({D(2022, 3, 14), D(2025, 12, 27), D(2026, 8, 12)})
    calendar = WorkingDayCalendar(closures)

    def walked(start, end):
        return sum(
            1
            for n in range(1, (end - start).days + 1)
            if calendar.is_working_day(start + datetime.timedelta(n))
        )

    start = D(2019, 12, 20)
    for offset in range(0, 2600, 13):
        first = start + datetime.timedelta(offset)
        for span in (0, 1, 2, 6, 7, 12, 40, 400, 3000):
            last = first + datetime.timedelta(span)
            assert calendar.count(first, last) == walked(first, last), (first, last)
    assert calendar.count(D(2026, 8, 11), D(2026, 8, 12)) == 0  # a closure on a Wednesday
