"""Financial years, a partnership's reporting period, and months: each defined here once.

Dates in, dates out: no ORM and no clock (docs/statutory-rules.md#financial-and-reporting-years).

- A financial year runs from 1 April to 31 March and is written "2019/20". It is named by the
  calendar year it starts in (2019 for 2019/20), which is what models store. Budgets and
  contributions are kept by financial year (docs/statutory-rules.md#funding). Child death figures
  count the same April-to-March year, as the National Child Mortality Database publishes them
  (docs/statutory-rules.md#child-death-review), and so do the dashboard, the priorities and the
  learning figures.
- A partnership's reporting period is the 12 months of a yearly report, from the day its cycle
  starts (docs/statutory-rules.md#yearly-report). It need not be a financial year.
- "Within 6 months of D" is the same day of the month 6 months on, or that month's last day when it
  is shorter (docs/statutory-rules.md#working-days: months and calendar days).
"""

import calendar
import datetime
import re
from dataclasses import dataclass

# Councils, the NHS and the police run their finances from 1 April to 31 March (Local Government Act
# 1972 s.270(1); Interpretation Act 1978, schedule 1): docs/statutory-rules.md#financial-and-reporting-years.
FINANCIAL_YEAR_START_MONTH = 4

# The years the service records (financial years by their first calendar year).
FIRST_YEAR = 2000
LAST_YEAR = 2100

# A yearly report covers 12 months (docs/statutory-rules.md#yearly-report: at least once every 12 months).
REPORTING_PERIOD_MONTHS = 12

_LABEL = re.compile(r"^\s*(?:FY\s*)?(\d{2}|\d{4})\s*[/\-\u2013]\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)


def add_months(day, months):
    """The same day `months` later (or earlier), clipped to the month's last day when it is shorter:
    31 August 2023 plus 6 months is 29 February 2024."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- Financial years --------------------------------------------------------------------------------


def financial_year(day):
    """The financial year `day` falls in, by its first calendar year (31 March 2024 -> 2023)."""
    return day.year if day.month >= FINANCIAL_YEAR_START_MONTH else day.year - 1


def financial_year_bounds(year):
    """The first and last day of financial year `year`: (1 April `year`, 31 March `year` + 1)."""
    starts_on = datetime.date(year, FINANCIAL_YEAR_START_MONTH, 1)
    return starts_on, add_months(starts_on, 12) - datetime.timedelta(days=1)


def financial_year_label(year):
    """ "2019/20" for 2019."""
    return f"{year}/{(year + 1) % 100:02d}"


def checked_year(year):
    """`year` if the service records it, else ValueError."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{year} is outside the years this service records ({FIRST_YEAR} to {LAST_YEAR})")
    return year


@dataclass(frozen=True, order=True)
class FinancialYear:
    """One financial year, named by the calendar year it starts in."""

    start_year: int

    @property
    def label(self):
        return financial_year_label(self.start_year)

    @property
    def short_label(self):
        """As council tables head their columns: "18/19"."""
        return f"{self.start_year % 100:02d}/{(self.start_year + 1) % 100:02d}"

    def __str__(self):
        return self.label

    @property
    def starts_on(self):
        return financial_year_bounds(self.start_year)[0]

    @property
    def ends_on(self):
        return financial_year_bounds(self.start_year)[1]

    @property
    def months(self):
        """The first day of each of its twelve months, April to March."""
        return [add_months(self.starts_on, i) for i in range(12)]

    def contains(self, day):
        return self.starts_on <= day <= self.ends_on

    @property
    def previous(self):
        return FinancialYear(self.start_year - 1)

    @property
    def next(self):
        return FinancialYear(self.start_year + 1)

    @classmethod
    def containing(cls, day):
        return cls(financial_year(day))

    @classmethod
    def parse(cls, text):
        """ "2019/20", "2019-20", "19/20", "2019/2020" or "2019" (the starting year)."""
        if isinstance(text, int):
            return cls(checked_year(text))
        text = str(text).strip()
        if text.isdigit() and len(text) == 4:
            return cls(checked_year(int(text)))
        match = _LABEL.match(text)
        if not match:
            raise ValueError(f"“{text}” is not a financial year, like 2019/20")
        first, second = match.groups()
        start = int(first) if len(first) == 4 else 2000 + int(first)
        end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
        if end != start + 1:
            raise ValueError(f"“{text}” is not a financial year: the second year must follow the first")
        return cls(checked_year(start))


def financial_year_overlapping_most(start, end):
    """The financial year that shares the most days with `start` to `end` (inclusive); on a tie, the
    later. A yearly report whose 12 months are not April to March takes its funding figures, which
    are kept by financial year, from this year (docs/statutory-rules.md#financial-and-reporting-years)."""
    best, best_days = None, -1
    for year in range(financial_year(start), financial_year(end) + 1):
        fy = FinancialYear(year)
        days = (min(end, fy.ends_on) - max(start, fy.starts_on)).days + 1
        if days >= best_days:
            best, best_days = fy, days
    return best


# --- A partnership's reporting period -----------------------------------------------------------------


def reporting_period(starts_on):
    """The first and last day of the 12 months of a yearly report beginning on `starts_on`
    (20 September 2020 -> 19 September 2021)."""
    return starts_on, add_months(starts_on, REPORTING_PERIOD_MONTHS) - datetime.timedelta(days=1)
