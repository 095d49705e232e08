"""Workflow steps for a partnership's statutory timetable: the arrangements' dates and yearly reports.

Each is one transaction with the actor first; the deadline register follows every save (signals in
partnerships/deadline_sources.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerships.core.models import Partnership
from partnerships.core.services import as_actor
from partnerships.deadlines.models import YearlyReportCycle

TIMETABLE_FIELDS = (
    "publish_by",
    "operate_by",
    "timetable_source",
    "owner",
    "serious_case_reviews_outstanding",
    "serious_case_reviews_completed_on",
    "child_death_reviews_outstanding",
    "child_death_reviews_completed_on",
)


def check_arrangement_dates(published_on, in_operation_on):
    """The arrangements began on or after the day they were published."""
    if published_on and in_operation_on and in_operation_on < published_on:
        raise ValidationError(
            {"arrangements_in_operation_on": "The arrangements began after they were published"}
        )


@transaction.atomic
def update_timetable(actor, timetable, *, arrangements_published_on, arrangements_in_operation_on, **values):
    """Change the timetable and the dates the arrangements were in fact published and began."""
    partnership = Partnership.objects.select_for_update().get(pk=timetable.partnership_id)
    check_arrangement_dates(arrangements_published_on, arrangements_in_operation_on)
    if (partnership.arrangements_published_on, partnership.arrangements_in_operation_on) != (
        arrangements_published_on,
        arrangements_in_operation_on,
    ):
        partnership.arrangements_published_on = arrangements_published_on
        partnership.arrangements_in_operation_on = arrangements_in_operation_on
        as_actor(partnership, actor).save()
    for name, value in values.items():
        if name not in TIMETABLE_FIELDS:
            raise TypeError(f"update_timetable() got an unexpected field {name!r}")
        setattr(timetable, name, value)
    timetable.partnership = partnership
    timetable.full_clean()
    as_actor(timetable, actor).save()
    return timetable


def _next_cycle(cycle):
    return (
        YearlyReportCycle.objects.filter(partnership_id=cycle.partnership_id, starts_on__gt=cycle.starts_on)
        .order_by("starts_on")
        .first()
    )


def _chain(actor, cycle, later):
    """Publishing a report starts the next 12 months on its publication date (docs/statutory-rules.md#yearly-report)."""
    if cycle.published_on:
        if later is None:
            nxt = YearlyReportCycle(partnership=cycle.partnership, starts_on=cycle.published_on)
            nxt.full_clean()
            as_actor(nxt, actor).save()
        elif later.published_on is None and later.starts_on != cycle.published_on:
            later.starts_on = cycle.published_on
            later.full_clean()
            as_actor(later, actor).save()
    elif later is not None and later.published_on is None:
        as_actor(later, actor).delete()


@transaction.atomic
def add_yearly_report_cycle(actor, partnership, *, starts_on, published_on=None, sent_on=None, report_url=""):
    """Record a cycle (the first, or one from before the product was used)."""
    cycle = YearlyReportCycle(
        partnership=partnership,
        starts_on=starts_on,
        published_on=published_on,
        sent_on=sent_on,
        report_url=report_url,
    )
    cycle.full_clean()
    later = _next_cycle(cycle)
    as_actor(cycle, actor).save()
    _chain(actor, cycle, later)
    return cycle


@transaction.atomic
def record_yearly_report(actor, cycle, *, published_on, sent_on, report_url=""):
    """Record when the yearly report was published and sent to the Panel and the What Works Centre."""
    cycle = YearlyReportCycle.objects.select_for_update().select_related("partnership").get(pk=cycle.pk)
    later = _next_cycle(cycle)
    if published_on is None and later is not None and later.published_on is not None:
        raise ValidationError(
            {"published_on": "A later yearly report is recorded as published, so this one was published too"}
        )
    cycle.published_on = published_on
    cycle.sent_on = sent_on
    cycle.report_url = report_url
    cycle.full_clean()
    as_actor(cycle, actor).save()
    _chain(actor, cycle, later)
    return cycle
