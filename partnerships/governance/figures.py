"""Governance figures for the scrutiny dashboard and the yearly report (docs/statutory-rules.md#yearly-report
and #independent-scrutiny): attendance at the executive by statutory partner, the
risk register as a heat map, priorities by their latest RAG rating, Section 11 returns completed, and
open scrutiny challenges. Each function is one or two queries, whatever the number of records;
the `*_records` functions give the rows behind each figure.
"""

from django.db.models import Count, OuterRef, Q, Subquery

from partnerships.core.choices import GroupKind
from partnerships.core.models import SafeguardingPartner
from partnerships.governance.choices import AttendanceStatus, MeetingStatus, PriorityRAG, RiskStatus
from partnerships.governance.models import Attendance, Meeting, Priority, ProgressUpdate, Risk

ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)
NO_UPDATE = "none"


def executive_meetings(partnership, start, end):
    """Meetings of the executive group held (not cancelled) in the period."""
    return Meeting.objects.filter(
        partnership=partnership, group__kind=GroupKind.EXECUTIVE, starts_at__date__range=(start, end)
    ).exclude(status=MeetingStatus.CANCELLED)


def executive_attendance(partnership, start, end):
    """(meetings held, [{organisation_id, name, attended, apologies, absent, percent}]) for each
    statutory partner: a meeting counts as attended when someone came for it, in person or a deputy."""
    meetings = executive_meetings(partnership, start, end)
    held = meetings.count()
    partners = SafeguardingPartner.objects.filter(partnership=partnership).values("organisation_id")
    counts = {
        r["organisation_id"]: r
        for r in Attendance.objects.filter(meeting__in=meetings, organisation_id__in=partners)
        .order_by()
        .values("organisation_id")
        .annotate(
            attended=Count("meeting", distinct=True, filter=Q(status__in=ATTENDED)),
            apologies=Count("meeting", distinct=True, filter=Q(status=AttendanceStatus.APOLOGIES)),
            absent=Count("meeting", distinct=True, filter=Q(status=AttendanceStatus.ABSENT)),
        )
    }
    rows = []
    for partner in SafeguardingPartner.objects.filter(partnership=partnership).select_related("organisation"):
        r = counts.get(partner.organisation_id, {})
        attended = r.get("attended", 0)
        rows.append(
            {
                "organisation_id": partner.organisation_id,
                "name": partner.organisation.name,
                "attended": attended,
                "apologies": r.get("apologies", 0),
                "absent": r.get("absent", 0),
                "percent": round(100 * attended / held, 1) if held else None,
            }
        )
    return held, sorted(rows, key=lambda r: r["name"])


def attendance_records(partnership, start, end, organisation, measure):
    meetings = executive_meetings(partnership, start, end)
    if measure == "held":
        return meetings
    statuses = {
        "attended": ATTENDED,
        "apologies": (AttendanceStatus.APOLOGIES,),
        "absent": (AttendanceStatus.ABSENT,),
    }
    return meetings.filter(
        pk__in=Attendance.objects.filter(organisation_id=organisation, status__in=statuses[measure]).values(
            "meeting_id"
        )
    )


def risk_heat_map(partnership):
    """{(likelihood, impact): count} of open risks on the register (1 to 5 each)."""
    rows = (
        Risk.objects.filter(partnership=partnership, status=RiskStatus.OPEN)
        .order_by()
        .values("likelihood", "impact")
        .annotate(n=Count("pk"))
    )
    return {(r["likelihood"], r["impact"]): r["n"] for r in rows}


def risk_records(partnership, likelihood=None, impact=None):
    qs = Risk.objects.filter(partnership=partnership, status=RiskStatus.OPEN)
    if likelihood is not None:
        qs = qs.filter(likelihood=likelihood)
    if impact is not None:
        qs = qs.filter(impact=impact)
    return qs


def _latest_rag():
    return Subquery(
        ProgressUpdate.objects.filter(priority=OuterRef("pk"))
        .order_by("-reported_on", "-pk")
        .values("rag")[:1]
    )


def priorities_by_rag(partnership, year):
    """[(rag value, label, count)] of the year's priorities by their latest progress rating."""
    counts = dict(
        Priority.objects.filter(partnership=partnership, year=year)
        .annotate(latest_rag=_latest_rag())
        .order_by()
        .values_list("latest_rag")
        .annotate(n=Count("pk"))
        .values_list("latest_rag", "n")
    )
    rows = [(c.value, c.label, counts.get(c.value, 0)) for c in PriorityRAG]
    rows.append((NO_UPDATE, "No progress reported", counts.get(None, 0)))
    return rows


def priority_records(partnership, year, rag):
    qs = Priority.objects.filter(partnership=partnership, year=year).annotate(latest_rag=_latest_rag())
    return qs.filter(latest_rag__isnull=True) if rag == NO_UPDATE else qs.filter(latest_rag=rag)
