"""The figures of learning and evidence of impact, shared by every page, the scrutiny dashboard and the
yearly report: one function per figure, each a handful of queries whatever the
number of rows, each taking the partnership and an optional period (`start`, `end` inclusive dates).

Working Together 2023 asks the yearly report for evidence of impact, training included, and how
the voices of children and families were used (docs/statutory-rules.md#yearly-report).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from partnerships.core.choices import RAG
from partnerships.learning.models import (
    BookingStatus,
    BriefingRecipient,
    BriefingStatus,
    EngagementActivity,
    EngagementKind,
    Indicator,
    IndicatorValue,
    LearningBriefing,
    Polarity,
    SessionStatus,
    TrainingBooking,
    TrainingSession,
    YouSaidWeDid,
)

ONE_DP = Decimal("0.1")


def percent(part, whole):
    """`part` of `whole` as a percentage to one decimal place; None when `whole` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def mean(values):
    values = list(values)
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _between(queryset, path, start, end):
    if start is not None:
        queryset = queryset.filter(**{f"{path}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{path}__lte": end})
    return queryset


# --- Learning briefings ------------------------------------------------------------------------------


@dataclass
class AgencyAcknowledgement:
    organisation: str
    sent_at: object
    acknowledged_at: object
    staff_reached: int | None

    @property
    def acknowledged(self):
        return self.acknowledged_at is not None


@dataclass
class BriefingAcknowledgements:
    rows: list
    sent: int
    acknowledged: int
    staff_reached: int

    @property
    def outstanding(self):
        return self.sent - self.acknowledged

    @property
    def rate(self):
        return percent(self.acknowledged, self.sent)


def briefing_acknowledgements(briefing):
    """Which agencies were sent a briefing and which acknowledged it, agency by agency (one query)."""
    rows = [
        AgencyAcknowledgement(r.organisation.name, r.sent_at, r.acknowledged_at, r.staff_reached)
        for r in briefing.recipients.select_related("organisation").order_by("organisation__name")
    ]
    return BriefingAcknowledgements(
        rows=rows,
        sent=len(rows),
        acknowledged=sum(r.acknowledged for r in rows),
        staff_reached=sum(r.staff_reached or 0 for r in rows if r.acknowledged),
    )


@dataclass
class BriefingReach:
    published: int
    sent: int
    acknowledged: int
    staff_reached: int

    @property
    def rate(self):
        return percent(self.acknowledged, self.sent)


def briefing_reach(partnership, start=None, end=None):
    """Briefings published in the period, and how many agencies they reached."""
    briefings = _between(
        LearningBriefing.objects.filter(partnership=partnership, status=BriefingStatus.PUBLISHED),
        "published_on",
        start,
        end,
    )
    recipients = BriefingRecipient.objects.filter(briefing__in=briefings).aggregate(
        sent=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        staff=Sum("staff_reached", filter=Q(acknowledged_at__isnull=False)),
    )
    return BriefingReach(
        published=briefings.count(),
        sent=recipients["sent"],
        acknowledged=recipients["acknowledged"],
        staff_reached=recipients["staff"] or 0,
    )


# --- Training ----------------------------------------------------------------------------------------


@dataclass
class TrainingReach:
    sessions_held: int = 0
    sessions_cancelled: int = 0
    places_offered: int = 0
    places_taken: int = 0  # booked, attended or did not attend: bookings still holding a place
    attended: int = 0
    no_shows: int = 0
    cancellations: int = 0  # bookings the attendee cancelled
    by_agency: list = field(default_factory=list)  # (organisation, attended), most first
    by_role: list = field(default_factory=list)  # (role, attended), most first
    agencies_reached: int = 0
    # {organisation_id, name, booked, attended, no_shows} by agency name; "booked" counts the
    # bookings holding a place (booked, attended or did not attend), as `places_taken` does.
    agencies: list = field(default_factory=list)

    @property
    def fill_rate(self):
        """Places taken as a share of places offered on sessions that ran or are to run."""
        return percent(self.places_taken, self.places_offered)

    @property
    def no_show_rate(self):
        """Of those expected on a session that has been held, the share who did not come."""
        return percent(self.no_shows, self.attended + self.no_shows)


def _sessions(partnership, start, end):
    return _between(
        TrainingSession.objects.filter(course__partnership=partnership), "starts_at__date", start, end
    )


def training_reach(partnership, start=None, end=None):
    """Sessions, places, attendance by agency and role, fill rate and no-show rate (four queries)."""
    sessions = _sessions(partnership, start, end)
    reach = TrainingReach()
    counts = sessions.aggregate(
        held=Count("pk", filter=~Q(status=SessionStatus.CANCELLED)),
        cancelled=Count("pk", filter=Q(status=SessionStatus.CANCELLED)),
        offered=Sum("capacity", filter=~Q(status=SessionStatus.CANCELLED)),
    )
    reach.sessions_held = counts["held"]
    reach.sessions_cancelled = counts["cancelled"]
    reach.places_offered = counts["offered"] or 0
    bookings = TrainingBooking.objects.filter(session__in=sessions).exclude(
        session__status=SessionStatus.CANCELLED
    )
    by_status = dict(bookings.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))
    reach.attended = by_status.get(BookingStatus.ATTENDED, 0)
    reach.no_shows = by_status.get(BookingStatus.NO_SHOW, 0)
    reach.cancellations = by_status.get(BookingStatus.CANCELLED, 0)
    reach.places_taken = reach.attended + reach.no_shows + by_status.get(BookingStatus.BOOKED, 0)
    attended = bookings.filter(status=BookingStatus.ATTENDED)
    reach.by_agency = [
        (name, n)
        for name, n in attended.order_by()
        .values("organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__name")
        .values_list("organisation__name", "n")
    ]
    roles = Counter()
    for role, n in attended.order_by().values("role").annotate(n=Count("pk")).values_list("role", "n"):
        roles[role.strip() or "Not given"] += n
    reach.by_role = sorted(roles.items(), key=lambda item: (-item[1], item[0]))
    reach.agencies_reached = len(reach.by_agency)
    holding = Q(status__in=PLACE_HOLDING)
    reach.agencies = [
        row
        for row in bookings.order_by()
        .values("organisation_id", "organisation__name")
        .annotate(
            booked=Count("pk", filter=holding),
            attended=Count("pk", filter=Q(status=BookingStatus.ATTENDED)),
            no_shows=Count("pk", filter=Q(status=BookingStatus.NO_SHOW)),
        )
        .order_by("organisation__name", "organisation_id")
        if row["booked"]
    ]
    for row in reach.agencies:
        row["name"] = row.pop("organisation__name")
    return reach


# Bookings that hold a place on a session that ran or is to run.
PLACE_HOLDING = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
TRAINING_MEASURES = {
    "booked": PLACE_HOLDING,
    "attended": (BookingStatus.ATTENDED,),
    "no_shows": (BookingStatus.NO_SHOW,),
}


def training_booking_records(partnership, start, end, organisation=None, measure="booked"):
    """The bookings behind one of `training_reach`'s agency figures (`measure`: booked, attended,
    no_shows), for one organisation or all."""
    bookings = TrainingBooking.objects.filter(
        session__in=_sessions(partnership, start, end), status__in=TRAINING_MEASURES[measure]
    ).exclude(session__status=SessionStatus.CANCELLED)
    if organisation is not None:
        bookings = bookings.filter(organisation_id=organisation)
    return bookings


@dataclass
class EvaluationChange:
    evaluations: int = 0
    mean_before: Decimal | None = None
    mean_after: Decimal | None = None
    improved: int = 0
    follow_ups_sent: int = 0
    follow_ups_received: int = 0
    practice_changes: list = field(default_factory=list)  # a few recent answers, for the report
    # {organisation_id: (evaluations, mean before, mean after)} of attendees who rated both
    by_agency: dict = field(default_factory=dict)

    @property
    def mean_change(self):
        if self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before

    @property
    def improved_rate(self):
        return percent(self.improved, self.evaluations)

    @property
    def follow_up_response_rate(self):
        return percent(self.follow_ups_received, self.follow_ups_sent)


def evaluation_change(partnership, start=None, end=None, examples=3):
    """Confidence before and after, and the follow-up response rate, of attendees in the period."""
    attended = TrainingBooking.objects.filter(
        session__in=_sessions(partnership, start, end), status=BookingStatus.ATTENDED
    )
    result = EvaluationChange()
    rated_by_agency = list(
        attended.filter(confidence_before__isnull=False, confidence_after__isnull=False).values_list(
            "organisation_id", "confidence_before", "confidence_after"
        )
    )
    rated = [(b, a) for _org, b, a in rated_by_agency]
    result.evaluations = len(rated)
    result.mean_before = mean(b for b, _ in rated)
    result.mean_after = mean(a for _, a in rated)
    result.improved = sum(1 for b, a in rated if a > b)
    agencies = defaultdict(list)
    for org, b, a in rated_by_agency:
        agencies[org].append((b, a))
    result.by_agency = {
        org: (len(pairs), mean(b for b, _ in pairs), mean(a for _, a in pairs))
        for org, pairs in agencies.items()
    }
    follow = attended.aggregate(
        sent=Count("pk", filter=Q(follow_up_sent_on__isnull=False)),
        received=Count("pk", filter=Q(follow_up_received_on__isnull=False)),
    )
    result.follow_ups_sent = follow["sent"]
    result.follow_ups_received = follow["received"]
    result.practice_changes = list(
        attended.exclude(practice_change="")
        .order_by("-follow_up_received_on", "-pk")
        .values_list("practice_change", flat=True)[:examples]
    )
    return result


# --- The dataset -------------------------------------------------------------------------------------


def rag_for(value, target, polarity, tolerance=Decimal(0)):
    """Red, amber or green against the target, by the indicator's polarity (None: no judgement)."""
    if value is None or target is None or polarity == Polarity.NEUTRAL:
        return None
    tolerance = tolerance or Decimal(0)
    gap = (value - target) if polarity == Polarity.HIGHER else (target - value)
    if gap >= 0:
        return RAG.GREEN
    if -gap <= tolerance:
        return RAG.AMBER
    return RAG.RED


@dataclass
class IndicatorStatus:
    indicator: Indicator
    latest: IndicatorValue | None
    previous: IndicatorValue | None

    @property
    def rag(self):
        i = self.indicator
        return rag_for(self.latest.value if self.latest else None, i.target, i.polarity, i.tolerance)

    @property
    def change(self):
        if self.latest is None or self.previous is None:
            return None
        return self.latest.value - self.previous.value

    @property
    def direction(self):
        """ "better", "worse" or "same" since the previous period (None without two periods or polarity)."""
        change = self.change
        if change is None or self.indicator.polarity == Polarity.NEUTRAL:
            return None
        if change == 0:
            return "same"
        better = change > 0 if self.indicator.polarity == Polarity.HIGHER else change < 0
        return "better" if better else "worse"


def dataset_latest_vs_target(partnership, end=None, indicators=None, start=None):
    """Each indicator's latest whole-area value (up to `end`) against its target, with the one before.

    With `start`, the latest value must be for a period starting in `start`..`end` (else the
    indicator has no latest value, nor a previous one): the value of the yearly report's period.
    """
    if indicators is None:
        indicators = Indicator.objects.filter(partnership=partnership, is_active=True).select_related(
            "source_organisation", "priority__partnership"
        )
    indicators = list(indicators)
    values = IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators]).whole_area()
    if end is not None:
        values = values.filter(period_start__lte=end)
    by_indicator = defaultdict(list)
    known = {i.pk: i for i in indicators}
    for value in values.order_by("indicator_id", "-period_start"):
        if len(by_indicator[value.indicator_id]) < 2:
            value.indicator = known[value.indicator_id]  # period labels need it: no query per row
            by_indicator[value.indicator_id].append(value)
    statuses = []
    for indicator in indicators:
        latest = by_indicator[indicator.pk]
        if start is not None and latest and latest[0].period_start < start:
            latest = []
        statuses.append(
            IndicatorStatus(indicator, latest[0] if latest else None, latest[1] if len(latest) > 1 else None)
        )
    return statuses


def rag_summary(statuses):
    counts = Counter(s.rag for s in statuses)
    return {
        "red": counts[RAG.RED],
        "amber": counts[RAG.AMBER],
        "green": counts[RAG.GREEN],
        "none": counts[None],
    }


def indicator_series(indicator, area=""):
    """[(period label, period start, value)] of one indicator for the whole area or one area, oldest first."""
    return [
        (v.period_label, v.period_start, v.value)
        for v in indicator.values.filter(area=area).select_related("indicator").order_by("period_start")
    ]


# --- Voice of children, young people and families ---------------------------------------------------


@dataclass
class VoiceActivities:
    activities: int = 0
    by_kind: list = field(default_factory=list)  # (label, count)
    children_and_young_people: int = 0
    parents_carers: int = 0
    by_age_band: list = field(default_factory=list)  # (label, count)
    changes: int = 0
    changes_done: int = 0
    examples: list = field(default_factory=list)  # (you said, we did)
    # {kind, label, activities, children_and_young_people, parents_carers} by kind, in the choices' order
    kinds: list = field(default_factory=list)
    # Every "you said, we did" of the period's activities with its status and recorded priority
    change_rows: list = field(default_factory=list)

    @property
    def participants(self):
        return self.children_and_young_people + self.parents_carers


def voice_activities(partnership, start=None, end=None, examples=3):
    """Engagement activities in the period, who took part (counts only) and "you said, we did"."""
    activities = _between(EngagementActivity.objects.filter(partnership=partnership), "held_on", start, end)
    bands = (*EngagementActivity.AGE_BANDS, "count_parents_carers")
    totals = activities.aggregate(n=Count("pk"), **{band: Sum(band) for band in bands})
    result = VoiceActivities(activities=totals["n"])
    result.by_age_band = [
        (str(EngagementActivity._meta.get_field(band).verbose_name), totals[band] or 0) for band in bands
    ]
    result.children_and_young_people = sum(totals[band] or 0 for band in EngagementActivity.AGE_BANDS)
    result.parents_carers = totals["count_parents_carers"] or 0
    kinds = {
        row["kind"]: row
        for row in activities.order_by()
        .values("kind")
        .annotate(
            n=Count("pk"),
            parents=Sum("count_parents_carers"),
            **{band: Sum(band) for band in EngagementActivity.AGE_BANDS},
        )
    }
    result.by_kind = [(label, kinds[value]["n"]) for value, label in EngagementKind.choices if value in kinds]
    result.kinds = [
        {
            "kind": value,
            "label": label,
            "activities": kinds[value]["n"],
            "children_and_young_people": sum(
                kinds[value][band] or 0 for band in EngagementActivity.AGE_BANDS
            ),
            "parents_carers": kinds[value]["parents"] or 0,
        }
        for value, label in EngagementKind.choices
        if value in kinds
    ]
    changes = YouSaidWeDid.objects.filter(activity__in=activities)
    result.change_rows = list(
        changes.select_related("priority__partnership", "activity").order_by("activity__held_on", "pk")
    )
    counted = changes.aggregate(n=Count("pk"), done=Count("pk", filter=Q(status="done")))
    result.changes = counted["n"]
    result.changes_done = counted["done"]
    result.examples = list(
        changes.order_by("-activity__held_on", "pk").values_list("you_said", "we_did")[:examples]
    )
    return result


def voice_activity_records(partnership, start=None, end=None, kind=None):
    """The engagement activities `voice_activities` counts, of one kind or all."""
    activities = _between(EngagementActivity.objects.filter(partnership=partnership), "held_on", start, end)
    return activities.filter(kind=kind) if kind is not None else activities


# --- The yearly report -------------------------------------------------------------------------------


def yearly_report_sections(partnership, start, end):
    """The learning, training, voice and dataset sections of a yearly report for `start`..`end`.

    The yearly report (publications) and the scrutiny dashboard call this, so their figures are the
    pages' figures.
    """
    return {
        "learning": briefing_reach(partnership, start, end),
        "training": training_reach(partnership, start, end),
        "evaluation": evaluation_change(partnership, start, end),
        "voice": voice_activities(partnership, start, end),
        "dataset": dataset_latest_vs_target(partnership, end=end),
    }
