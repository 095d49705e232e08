from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def govuk_date(value, fmt="j F Y"):
    """A date as GOV.UK writes it (29 June 2019), or an en dash when missing."""
    if not value:
        return "\u2013"
    return date_format(value, fmt)


@register.filter
def pence(value):
    """An amount in pence as pounds with separators: 4713.50 -> £4,713.50."""
    if value is None:
        return "\u2013"
    sign = "-" if value < 0 else ""
    pounds, pennies = divmod(abs(int(value)), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"


@register.filter
def name_on(organisation, day):
    """An organisation's name as of `day` (its successor's once that took over, e.g. a CCG's ICB from
    1 July 2022: docs/statutory-rules.md#organisation-changes); a record without a date shows the
    name the organisation has today."""
    if not organisation:
        return ""
    if hasattr(day, "date"):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return organisation.name_on(day or None)
