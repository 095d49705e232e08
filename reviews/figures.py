"""Case review figures for a period (and optionally one area): one place for the dashboard and the
yearly report (docs/statutory-rules.md#yearly-report: reviews and actions on their recommendations).

Each rate counts only cases whose outcome is known on `today`: done (on time or late) or already
overdue; a case still inside its time limit is neither met nor missed. "On time" and "late" are the
models' querysets' (`on_time()`, `late(on)`, `measured(on)`), so the dashboard's records behind a
rate are the rows it counted. Every function runs a fixed number of queries, whatever the number of
cases.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from reviews.choices import RapidReviewDecision, RapidReviewStatus
from reviews.models import LCSPR, LearningReview, RapidReview, SeriousIncidentNotification


@dataclass(frozen=True)
class Rate:
    """`met` of `total` cases on time; `percent` is None when there is nothing to measure."""

    met: int
    total: int

    @property
    def percent(self):
        return None if not self.total else round(100 * self.met / self.total, 1)

    def __str__(self):
        return "No cases" if self.percent is None else f"{self.percent:g}% ({self.met} of {self.total})"


def _today(today):
    return today or timezone.localdate()


def notifications(partnership, start, end, area=None):
    """Serious incident notifications of the period: the local authority became aware in it."""
    qs = SeriousIncidentNotification.objects.filter(partnership=partnership, la_aware_on__range=(start, end))
    return qs.filter(area=area) if area is not None else qs


def rapid_reviews(partnership, start, end, area=None):
    """Rapid reviews of the period's incidents (as `notifications`)."""
    qs = RapidReview.objects.filter(partnership=partnership, notification__la_aware_on__range=(start, end))
    return qs.filter(notification__area=area) if area is not None else qs


def lcsprs(partnership, start, end, area=None):
    """LCSPRs and legacy serious case reviews decided in the period."""
    qs = LCSPR.objects.filter(partnership=partnership, decided_on__range=(start, end))
    return qs.filter(area=area) if area is not None else qs


def notifications_within_deadline(partnership, start, end, area=None, today=None) -> Rate:
    """Notifications (LA aware in the period) sent to the Panel within 5 working days."""
    return Rate(**notifications(partnership, start, end, area).timeliness(_today(today)))


def rapid_reviews_within_deadline(partnership, start, end, area=None, today=None) -> Rate:
    """Rapid reviews (of incidents known in the period) signed off within 15 working days."""
    return Rate(**rapid_reviews(partnership, start, end, area).timeliness(_today(today)))


def lcsprs_published_within_deadline(partnership, start, end, area=None, today=None) -> Rate:
    """LCSPRs (decided in the period) published within 6 months of the decision."""
    return Rate(**lcsprs(partnership, start, end, area).practice_reviews().timeliness(_today(today)))


def counts_by_stage(partnership, start, end, area=None):
    """[(stage, count)] for cases of the period: notifications, rapid reviews, LCSPRs, learning reviews."""
    n = notifications(partnership, start, end, area).aggregate(
        total=Count("pk"),
        awaiting=Count("pk", filter=Q(panel_notified_on__isnull=True)),
        notified=Count("pk", filter=Q(panel_notified_on__isnull=False)),
    )
    r = rapid_reviews(partnership, start, end, area).aggregate(
        open=Count("pk", filter=~Q(status=RapidReviewStatus.SIGNED_OFF)),
        signed=Count("pk", filter=Q(status=RapidReviewStatus.SIGNED_OFF)),
    )
    lc = lcsprs(partnership, start, end, area).aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(published_on__isnull=False))
    )
    learning = LearningReview.objects.filter(partnership=partnership, started_on__range=(start, end))
    if area is not None:
        learning = learning.filter(area=area)
    return [
        ("Serious incidents notified or awaiting notification", n["total"]),
        ("Awaiting notification to the Panel", n["awaiting"]),
        ("Notified to the Panel", n["notified"]),
        ("Rapid reviews in progress", r["open"]),
        ("Rapid reviews signed off", r["signed"]),
        ("LCSPRs commissioned", lc["total"]),
        ("LCSPRs published", lc["published"]),
        ("Other learning reviews started", learning.count()),
    ]


def decisions(partnership, start, end, area=None):
    """[(decision label, count)] of rapid review decisions made in the period, every option listed."""
    qs = RapidReview.objects.filter(partnership=partnership, decided_on__range=(start, end)).exclude(
        decision=""
    )
    if area is not None:
        qs = qs.filter(notification__area=area)
    counts = dict(qs.values_list("decision").annotate(n=Count("pk")).values_list("decision", "n"))
    return [(choice.label, counts.get(choice.value, 0)) for choice in RapidReviewDecision]
