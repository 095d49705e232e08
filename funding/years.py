"""Financial years of English public bodies: 1 April to 31 March, written "2019/20".

A year is identified by the calendar year it starts in (2019 for 2019/20), which is what the
models store; everything else (label, first and last day, months) is derived here, without the ORM.
"""

import datetime
import re
from dataclasses import dataclass

# The financial year of councils, the NHS and the police: twelve months ending with 31 March
# (Local Government Act 1972 s.270(1); Interpretation Act 1978, schedule 1).
YEAR_START_MONTH = 4
FIRST_YEAR = 2000
LAST_YEAR = 2100

_LABEL = re.compile(r"^\s*(?:FY\s*)?(\d{2}|\d{4})\s*[/\-\u2013]\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class FinancialYear:
    start_year: int

    @property
    def label(self):
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def short_label(self):
        """As council tables head their columns: "18/19"."""
        return f"{self.start_year % 100:02d}/{(self.start_year + 1) % 100:02d}"

    def __str__(self):
        return self.label

    @property
    def starts_on(self):
        return datetime.date(self.start_year, YEAR_START_MONTH, 1)

    @property
    def ends_on(self):
        return datetime.date(self.start_year + 1, YEAR_START_MONTH, 1) - datetime.timedelta(days=1)

    @property
    def months(self):
        """The first day of each of its twelve months, April to March."""
        return [_add_months(self.starts_on, i) for i in range(12)]

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
        return cls(day.year if day.month >= YEAR_START_MONTH else day.year - 1)

    @classmethod
    def parse(cls, text):
        """ "2019/20", "2019-20", "19/20", "2019/2020" or "2019" (the starting year)."""
        if isinstance(text, int):
            return cls(_check(text))
        text = str(text).strip()
        if text.isdigit() and len(text) == 4:
            return cls(_check(int(text)))
        match = _LABEL.match(text)
        if not match:
            raise ValueError(f"“{text}” is not a financial year, like 2019/20")
        first, second = match.groups()
        start = int(first) if len(first) == 4 else 2000 + int(first)
        end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
        if end != start + 1:
            raise ValueError(f"“{text}” is not a financial year: the second year must follow the first")
        return cls(_check(start))


def _check(year):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{year} is outside the years this service records ({FIRST_YEAR} to {LAST_YEAR})")
    return year


def _add_months(day, months):
    index = day.month - 1 + months
    return datetime.date(day.year + index // 12, index % 12 + 1, 1)


def label(start_year):
    return FinancialYear(start_year).label


def year_choices(around, before=6, after=2):
    """(start year, "2019/20") pairs from `before` years ago to `after` years ahead of `around`."""
    current = FinancialYear.containing(around).start_year
    return [(y, FinancialYear(y).label) for y in range(current - before, current + after + 1)]


MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_month(value):
    """The first day of a month from "2019-04", "Apr-19", "April 2019", "04/2019" or a date."""
    if isinstance(value, datetime.datetime):
        return datetime.date(value.year, value.month, 1)
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = str(value or "").strip()
    if not text:
        raise ValueError("Enter the month")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
        year, month = int(m[2]), int(m[1])
    elif m := re.fullmatch(r"([A-Za-z]{3,9})[\s\-]+(\d{2}|\d{4})", text):
        name = m[1][:3].lower()
        if name not in MONTH_NAMES:
            raise ValueError(f"“{text}” is not a month, like 2019-04 or Apr-19")
        month = MONTH_NAMES.index(name) + 1
        year = int(m[2]) if len(m[2]) == 4 else 2000 + int(m[2])
    else:
        raise ValueError(f"“{text}” is not a month, like 2019-04 or Apr-19")
    if not 1 <= month <= 12:
        raise ValueError(f"“{text}” is not a month, like 2019-04 or Apr-19")
    _check(year)
    return datetime.date(year, month, 1)
