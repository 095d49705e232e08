"""Funding's years and months as spreadsheets and forms give them.

Financial years themselves (1 April to 31 March, "2019/20") are `partnerships.core.periods`.
"""

import datetime
import re

from partnerships.core.periods import FinancialYear, checked_year, financial_year


def year_choices(around, before=6, after=2):
    """(start year, "2019/20") pairs from `before` years ago to `after` years ahead of `around`."""
    current = financial_year(around)
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
    checked_year(year)
    return datetime.date(year, month, 1)
