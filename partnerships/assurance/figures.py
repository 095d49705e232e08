"""Governance figures for the scrutiny dashboard and the yearly report (docs/statutory-rules.md#yearly-report
and #independent-scrutiny): attendance at the executive by statutory partner, the
risk register as a heat map, priorities by their latest RAG rating, Section 11 returns completed, and
open scrutiny challenges. Each function is one or two queries, whatever the number of records;
the `*_records` functions give the rows behind each figure.
"""

from django.db.models import Count, Q

from partnerships.assurance.choices import ChallengeStatus, ReturnStatus
from partnerships.assurance.models import AgencyReturn, Challenge
from partnerships.governance.choices import AttendanceStatus

ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)
COMPLETED_RETURNS = (ReturnStatus.SUBMITTED, ReturnStatus.MODERATED)
NO_UPDATE = "none"


def section11_returns(partnership):
    """[{cycle_id, title, due_on, requested, completed, percent}] for each Section 11 cycle the
    partnership takes part in, newest first: returns completed (submitted or moderated)."""
    rows = (
        AgencyReturn.objects.in_partnership(partnership)
        .order_by()
        .values("cycle_id", "cycle__title", "cycle__due_on", "cycle__opens_on")
        .annotate(requested=Count("pk"), completed=Count("pk", filter=Q(status__in=COMPLETED_RETURNS)))
    )
    result = [
        {
            "cycle_id": r["cycle_id"],
            "title": r["cycle__title"],
            "opens_on": r["cycle__opens_on"],
            "requested": r["requested"],
            "completed": r["completed"],
            "percent": round(100 * r["completed"] / r["requested"], 1) if r["requested"] else None,
        }
        for r in rows
    ]
    return sorted(result, key=lambda r: (r["opens_on"], r["cycle_id"]), reverse=True)


def section11_records(partnership, cycle, measure):
    qs = AgencyReturn.objects.in_partnership(partnership).filter(cycle_id=cycle)
    return qs.filter(status__in=COMPLETED_RETURNS) if measure == "completed" else qs


def open_challenges(partnership):
    """[(status value, label, count)] of scrutiny challenges not yet closed."""
    counts = dict(
        Challenge.objects.filter(partnership=partnership)
        .open()
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        (c.value, c.label, counts.get(c.value, 0)) for c in ChallengeStatus if c != ChallengeStatus.CLOSED
    ]


def challenge_records(partnership, status):
    return Challenge.objects.filter(partnership=partnership).open().filter(status=status)
