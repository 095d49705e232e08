"""Working days in England: pure functions over one calendar.

There is no statutory definition of a working day; the convention is Monday to Friday except the
bank holidays of England and Wales, including substitute days and one-off holidays (8 May 2020;
2 and 3 June 2022; 19 September 2022; 8 May 2023). "Within N working days of D" means by the N-th
working day after D: D itself is day 0 (docs/statutory-rules.md#working-days).

The bank holidays come from the `holidays` package (subdivision England); one-off closures an admin
adds (partnerships.ClosureDay) are passed in, so the functions stay free of the database and of the
clock. `england()` builds the calendar the product uses.
"""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

from partnerships.deadlines.models import ClosureDay

SATURDAY = 5


@lru_cache(maxsize=64)
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def _weekdays_to(day):
    """Monday to Friday days from 1 January of year 1 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


@dataclass(frozen=True)
class WorkingDayCalendar:
    """England's bank holidays plus `closures`, the one-off days an admin has added."""

    closures: frozenset = field(default_factory=frozenset)

    def is_working_day(self, day):
        return day.weekday() < SATURDAY and day not in _bank_holidays(day.year) and day not in self.closures

    def add(self, start, days):
        """The `days`-th working day after `start` (start is day 0). Negative counts go back."""
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        day = start
        while remaining:
            day += datetime.timedelta(step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def count(self, start, end):
        """Working days after `start` up to and including `end` (0 when end <= start).

        Arithmetic on weekdays less the holidays and closures that fall on one, not a walk over the
        days: a deadline ten years overdue is counted as fast as one due tomorrow (BENCHMARKS.md)."""
        return _count(self.closures, start, end)

    def last_working_day_on_or_before(self, day):
        while not self.is_working_day(day):
            day -= datetime.timedelta(1)
        return day

    def before(self, day, days):
        """The latest day that is at least `days` working days before `day`. When `day` is not a
        working day the count starts from the last working day before it: publication on a Saturday
        needs the report 7 working days before the Friday (docs/statutory-rules.md#working-days)."""
        return self.add(self.last_working_day_on_or_before(day), -days)

    def latest_start_for(self, due, days):
        """The earliest `start` whose `days`-th working day is `due` (inverse of add, for checks)."""
        return self.add(due, -days)


@lru_cache(maxsize=8192)  # a sweep counts from thousands of due dates, most shared, to one today
def _count(closures, start, end):
    if end <= start:
        return 0
    days_off = set(closures)
    for year in range(start.year, end.year + 1):
        days_off |= _bank_holidays(year)
    off = sum(1 for day in days_off if start < day <= end and day.weekday() < SATURDAY)
    return _weekdays_to(end) - _weekdays_to(start) - off


def add_working_days(start, days, closures=()):
    return WorkingDayCalendar(frozenset(closures)).add(start, days)


def count_working_days(start, end, closures=()):
    return WorkingDayCalendar(frozenset(closures)).count(start, end)


def england():
    """The product's calendar: bank holidays plus every ClosureDay an admin has entered."""
    return WorkingDayCalendar(frozenset(ClosureDay.objects.values_list("date", flat=True)))
