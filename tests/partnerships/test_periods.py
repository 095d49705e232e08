"""Financial years, reporting periods and months: one definition each (partnerships.core.periods)."""

import datetime

import pytest

from partnerships.core.periods import (
    FinancialYear,
    add_months,
    financial_year,
    financial_year_bounds,
    financial_year_label,
    reporting_period,
)

D = datetime.date


@pytest.mark.parametrize(
    ("day", "year"),
    [(D(2024, 3, 31), 2023), (D(2024, 4, 1), 2024), (D(2024, 12, 31), 2024), (D(2025, 1, 1), 2024)],
)
def test_a_financial_year_runs_from_1_april_to_31_march(day, year):
    assert financial_year(day) == year
    start, end = financial_year_bounds(year)
    assert (start, end) == (D(year, 4, 1), D(year + 1, 3, 31))
    assert start <= day <= end
    assert FinancialYear.containing(day) == FinancialYear(year)


def test_financial_year_labels():
    assert financial_year_label(2019) == "2019/20"
    assert financial_year_label(2099) == "2099/00"
    assert FinancialYear(2025).label == "2025/26"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # docs/statutory-rules.md#working-days: the month's last day
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
    ],
)
def test_add_months_clips_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_a_reporting_period_is_the_12_months_from_its_start():
    assert reporting_period(D(2020, 9, 20)) == (D(2020, 9, 20), D(2021, 9, 19))
    assert reporting_period(D(2024, 4, 1)) == (D(2024, 4, 1), D(2025, 3, 31))
    assert reporting_period(D(2024, 2, 29)) == (D(2024, 2, 29), D(2025, 2, 27))
