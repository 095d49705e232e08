"""Agency contribution timeliness by agency: how many of the information requests for rapid
reviews each agency answered by the date asked (docs/statutory-rules.md#rapid-review: agencies
contribute within the 15 working days). For the dashboard and the yearly report.

Requests count in the period of their incident (the LA became aware), as in `reviews.figures`. A
request is on time when submitted on or before its due date, late when submitted after it or still
unanswered past it on `today`; one still inside its time is "awaiting". One query per call.
"""

from django.db.models import Count, F, Q
from django.utils import timezone

from reviews.models import ContributionRequest

MEASURES = ("all", "on_time", "late", "awaiting")


def _requests(partnership, start, end, area=None):
    qs = ContributionRequest.objects.filter(
        review__partnership=partnership, review__notification__la_aware_on__range=(start, end)
    )
    return qs.filter(review__notification__area=area) if area is not None else qs


def _measure_q(measure, today):
    return {
        "all": Q(),
        "on_time": Q(submitted_on__lte=F("due_date")),
        "late": Q(submitted_on__gt=F("due_date")) | Q(submitted_on__isnull=True, due_date__lt=today),
        "awaiting": Q(submitted_on__isnull=True, due_date__gte=today),
    }[measure]


def contribution_timeliness_by_agency(partnership, start, end, area=None, today=None):
    """[{organisation_id, name, requested, on_time, late, awaiting, percent}] by agency name."""
    today = today or timezone.localdate()
    rows = (
        _requests(partnership, start, end, area)
        .order_by()
        .values("organisation_id", "organisation__name")
        .annotate(
            requested=Count("pk"),
            on_time=Count("pk", filter=_measure_q("on_time", today)),
            late=Count("pk", filter=_measure_q("late", today)),
            awaiting=Count("pk", filter=_measure_q("awaiting", today)),
        )
    )
    result = []
    for r in rows:
        measured = r["on_time"] + r["late"]
        result.append(
            {
                "organisation_id": r["organisation_id"],
                "name": r["organisation__name"],
                "requested": r["requested"],
                "on_time": r["on_time"],
                "late": r["late"],
                "awaiting": r["awaiting"],
                "percent": round(100 * r["on_time"] / measured, 1) if measured else None,
            }
        )
    return sorted(result, key=lambda r: r["name"])


def contribution_records(partnership, start, end, area=None, *, organisation=None, measure="all", today=None):
    """The requests counted in one figure above."""
    today = today or timezone.localdate()
    qs = _requests(partnership, start, end, area).filter(_measure_q(measure, today))
    return qs.filter(organisation_id=organisation) if organisation is not None else qs
