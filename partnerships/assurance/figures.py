"""Governance figures for the scrutiny dashboard and the yearly report (docs/statutory-rules.md#yearly-report
and #independent-scrutiny): attendance at the executive by statutory partner, the
risk register as a heat map, priorities by their latest RAG rating, Section 11 returns completed, and
open scrutiny challenges. Each function is one or two queries, whatever the number of records;
the `*_records` functions give the rows behind each figure.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Max, Min, Q
from django.utils import timezone

from partnerships.assurance.choices import ChallengeStatus, ReturnStatus
from partnerships.assurance.models import (
    OPEN_RETURNS,
    AgencyReturn,
    AnswerModeration,
    AssuranceCycle,
    Challenge,
    ReturnAnswer,
)
from partnerships.governance.choices import AttendanceStatus

ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)
NO_UPDATE = "none"


@dataclass
class Spread:
    """Average and spread (lowest to highest) of scores; None where nothing was scored."""

    count: int = 0
    average: float | None = None
    low: int | None = None
    high: int | None = None

    @classmethod
    def of(cls, row, prefix):
        n = row.get(f"{prefix}_n") or 0
        if not n:
            return cls()
        return cls(n, round(row[f"{prefix}_avg"], 1), row[f"{prefix}_min"], row[f"{prefix}_max"])

    def __str__(self):
        if not self.count:
            return "None scored"
        return f"{self.average:g} ({self.low} to {self.high})"


@dataclass
class CycleSummary:
    """One Section 11 cycle as one partnership sees it: its returns and its scores by standard."""

    cycle_id: int
    title: str
    due_on: object
    status: str
    requested: int = 0
    submitted: int = 0
    not_submitted: int = 0
    overdue: int = 0
    self_assessed: Spread = field(default_factory=Spread)
    moderated: Spread = field(default_factory=Spread)
    lower: int = 0  # standards moderated below the agency's self-assessment
    same: int = 0
    higher: int = 0
    standards: list = field(default_factory=list)  # [(number, title, self Spread, moderated Spread)]

    @property
    def percent_submitted(self):
        return round(100 * self.submitted / self.requested, 1) if self.requested else None


def _spread_aggregates(prefix, expression, condition):
    return {
        f"{prefix}_n": Count("pk", filter=condition),
        f"{prefix}_avg": Avg(expression, filter=condition),
        f"{prefix}_min": Min(expression, filter=condition),
        f"{prefix}_max": Max(expression, filter=condition),
    }


def section11_summary(partnership, cycles, on=None):
    """[CycleSummary] for the `cycles` (a queryset of AssuranceCycle) as `partnership` sees them,
    newest first: returns asked for, submitted, not submitted and overdue (past the due date, not
    submitted, on `on`); by standard, the average and spread of the agencies' self-assessed scores
    (submitted returns) and of `partnership`'s own moderated scores; and how many moderated scores
    were below, equal to or above the self-assessment. The cycle page, the dashboard's Section 11
    panel and the yearly report all call this, so they agree. Four queries, whatever the size."""
    on = on or timezone.localdate()
    cycles = list(cycles.order_by("-due_on", "-pk").values("pk", "title", "due_on", "status"))
    ids = [c["pk"] for c in cycles]
    returns = AgencyReturn.objects.in_partnership(partnership).filter(cycle_id__in=ids)
    open_q = Q(status__in=OPEN_RETURNS)
    counts = {
        r["cycle_id"]: r
        for r in returns.order_by()
        .values("cycle_id")
        .annotate(
            requested=Count("pk"),
            submitted=Count("pk", filter=Q(status=ReturnStatus.SUBMITTED)),
            not_submitted=Count("pk", filter=open_q),
            overdue=Count("pk", filter=open_q & Q(cycle__due_on__lt=on)),
        )
    }
    submitted_answers = ReturnAnswer.objects.filter(
        agency_return__in=returns.filter(status=ReturnStatus.SUBMITTED)
    )
    mine = AnswerModeration.objects.filter(
        partnership=partnership, score__isnull=False, more_evidence=False, answer__in=submitted_answers
    )
    self_rows = (
        submitted_answers.order_by()
        .values("agency_return__cycle_id", "standard__number", "standard__title")
        .annotate(**_spread_aggregates("s", "self_score", Q(self_score__isnull=False)))
    )
    moderated_rows = {
        (r["answer__agency_return__cycle_id"], r["answer__standard__number"]): r
        for r in mine.order_by()
        .values("answer__agency_return__cycle_id", "answer__standard__number")
        .annotate(**_spread_aggregates("m", "score", Q(score__isnull=False)))
    }
    totals = {
        r["answer__agency_return__cycle_id"]: r
        for r in mine.order_by()
        .values("answer__agency_return__cycle_id")
        .annotate(
            **_spread_aggregates("m", "score", Q(score__isnull=False)),
            lower=Count("pk", filter=Q(score__lt=F("answer__self_score"))),
            same=Count("pk", filter=Q(score=F("answer__self_score"))),
            higher=Count("pk", filter=Q(score__gt=F("answer__self_score"))),
        )
    }
    by_cycle = {}
    self_totals = {}
    for r in sorted(self_rows, key=lambda r: (r["agency_return__cycle_id"], r["standard__number"])):
        cycle_id, number = r["agency_return__cycle_id"], r["standard__number"]
        by_cycle.setdefault(cycle_id, []).append(
            (
                number,
                r["standard__title"],
                Spread.of(r, "s"),
                Spread.of(moderated_rows.get((cycle_id, number), {}), "m"),
            )
        )
        t = self_totals.setdefault(cycle_id, {"n": 0, "sum": 0, "min": None, "max": None})
        if r["s_n"]:
            t["n"] += r["s_n"]
            t["sum"] += r["s_avg"] * r["s_n"]
            t["min"] = r["s_min"] if t["min"] is None else min(t["min"], r["s_min"])
            t["max"] = r["s_max"] if t["max"] is None else max(t["max"], r["s_max"])
    result = []
    for c in cycles:
        count = counts.get(c["pk"], {})
        t = self_totals.get(c["pk"])
        total = totals.get(c["pk"], {})
        result.append(
            CycleSummary(
                cycle_id=c["pk"],
                title=c["title"],
                due_on=c["due_on"],
                status=c["status"],
                requested=count.get("requested", 0),
                submitted=count.get("submitted", 0),
                not_submitted=count.get("not_submitted", 0),
                overdue=count.get("overdue", 0),
                self_assessed=Spread(t["n"], round(t["sum"] / t["n"], 1), t["min"], t["max"])
                if t and t["n"]
                else Spread(),
                moderated=Spread.of(total, "m"),
                lower=total.get("lower", 0),
                same=total.get("same", 0),
                higher=total.get("higher", 0),
                standards=by_cycle.get(c["pk"], []),
            )
        )
    return result


def section11_cycles(partnership, start=None, end=None):
    """The cycles `partnership` takes part in, those due from `start` to `end` when given."""
    cycles = AssuranceCycle.objects.in_partnership(partnership)
    if start is not None:
        cycles = cycles.filter(due_on__gte=start)
    if end is not None:
        cycles = cycles.filter(due_on__lte=end)
    return cycles


def section11_records(partnership, cycle, measure, on=None):
    """The returns behind one figure of `section11_summary`."""
    qs = AgencyReturn.objects.in_partnership(partnership).filter(cycle_id=cycle)
    if measure == "submitted":
        return qs.filter(status=ReturnStatus.SUBMITTED)
    if measure == "not_submitted":
        return qs.filter(status__in=OPEN_RETURNS)
    if measure == "overdue":
        return qs.filter(status__in=OPEN_RETURNS, cycle__due_on__lt=on or timezone.localdate())
    return qs


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
