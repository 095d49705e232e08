"""Money is exact: pence from what people and spreadsheets type, rounding as papers print, and
splits of a total that never lose or invent a penny."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funding.money import MoneyError, format_pounds, round_to_pounds, split_exactly, to_pence
from funding.years import parse_month
from partnerships.core.periods import FinancialYear


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("151,391.40", 15_139_140),
        ("£69,398.4", 6_939_840),
        ("-64,360", -6_436_000),
        ("(190.00)", -19_000),
        (471, 47_100),
        (Decimal("0.01"), 1),
        (151391.4, 15_139_140),  # a spreadsheet cell showing 151,391.40
        (0.1 + 0.2, None),  # 0.30000000000000004 is not an amount of pence
    ],
)
def test_amounts_become_exact_pence(typed, pence):
    if pence is None:
        with pytest.raises(MoneyError):
            to_pence(typed)
    else:
        assert to_pence(typed) == pence


def test_thousands_and_fractions_of_a_penny():
    assert to_pence("471", multiplier=1000) == 47_100_000  # the Coventry table is in £k
    assert to_pence("0.5", multiplier=1000) == 50_000
    with pytest.raises(MoneyError, match="fractions of a penny"):
        to_pence("12.345")
    for bad in ("", "twelve", "1.2.3", "NaN", "Infinity", True):
        with pytest.raises(MoneyError):
            to_pence(bad)


def test_rounding_to_pounds_is_half_away_from_zero_as_papers_print():
    assert round_to_pounds(22_078_980) == 220_790  # 220,789.80 prints as 220,790
    assert round_to_pounds(-1_977_160) == -19_772
    assert round_to_pounds(50) == 1 and round_to_pounds(-50) == -1 and round_to_pounds(49) == 0
    assert format_pounds(-1_977_160) == "-£19,771.60"
    assert format_pounds(2_793_140, sign=True, whole=True) == "+£27,931"
    assert format_pounds(0, sign=True) == "£0.00"


def test_a_split_gives_the_left_over_pence_to_the_largest_remainders():
    # £100.00 in thirds: 33.34, 33.33, 33.33 (the first of equal remainders gets the penny).
    assert split_exactly(10_000, [1, 1, 1]) == [3_334, 3_333, 3_333]
    # Percentages that leave remainders: every share within a penny of exact, summing exactly.
    shares = split_exactly(
        3_065_400, [Decimal("50"), Decimal("16.67"), Decimal("16.67"), Decimal("8.33"), Decimal("8.33")]
    )
    assert sum(shares) == 3_065_400
    assert shares == [1_532_700, 511_002, 511_002, 255_348, 255_348]
    assert split_exactly(-100, [1, 2]) == [-33, -67]
    assert split_exactly(7, [0, 1]) == [0, 7]
    with pytest.raises(MoneyError):
        split_exactly(100, [0, 0])
    with pytest.raises(MoneyError):
        split_exactly(100, [1, -1])


# No time limit per example: a loaded 2-core machine is slow, and time is not what is tested.
@settings(deadline=None)
@given(
    total=st.integers(min_value=-(10**12), max_value=10**12),
    weights=st.lists(
        st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=30,
    ).filter(lambda ws: sum(ws) > 0),
)
def test_no_penny_is_lost_or_invented(total, weights):
    shares = split_exactly(total, weights)
    assert sum(shares) == total
    weight_sum = sum(Fraction(str(w)) for w in weights)
    for share, weight in zip(shares, weights, strict=True):
        exact = Fraction(total) * Fraction(str(weight)) / weight_sum
        assert abs(share - exact) < 1  # never more than a penny from the exact share


def test_financial_years_run_from_1_april_to_31_march():
    year = FinancialYear.parse("2019/20")
    assert (year.starts_on, year.ends_on) == (datetime.date(2019, 4, 1), datetime.date(2020, 3, 31))
    assert year.label == "2019/20" and year.short_label == "19/20"
    assert year.months[0] == datetime.date(2019, 4, 1) and year.months[-1] == datetime.date(2020, 3, 1)
    assert FinancialYear.containing(datetime.date(2020, 3, 31)) == year
    assert FinancialYear.containing(datetime.date(2020, 4, 1)) == year.next
    assert FinancialYear.parse("18/19").start_year == 2018
    assert FinancialYear.parse("2019").start_year == 2019
    assert FinancialYear.parse("2099-2100").label == "2099/00"
    for bad in ("2019/21", "banana", "19-21", "1999/00"):
        with pytest.raises(ValueError):
            FinancialYear.parse(bad)


@pytest.mark.parametrize(
    "text", ["2019-04", "Apr-19", "April 2019", "04/2019", "2019-04-17", datetime.date(2019, 4, 17)]
)
def test_months_from_a_spreadsheet(text):
    assert parse_month(text) == datetime.date(2019, 4, 1)


def test_a_month_that_is_not_one():
    for bad in ("", "2019-13", "Foo-19", "13/2019"):
        with pytest.raises(ValueError):
            parse_month(bad)
