"""Governance: meetings of the groups, papers, minutes, decisions, priorities and the risk register."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.core.choices import GroupKind, PaperKind
from partnerships.core.papers import paper_path
from partnerships.core.periods import financial_year_label
from partnerships.core.querysets import ScopedQuerySet, scoped_queryset
from partnerships.governance.choices import (
    REPRESENTED_STATUSES,
    AgendaItemKind,
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
    PriorityRAG,
    QuorumKind,
    RiskBand,
    RiskStatus,
)


def _url(name, obj, partnership=None):
    partnership = partnership or obj.partnership
    return reverse(f"governance:{name}", kwargs={"partnership": partnership.slug, "pk": obj.pk})


class QuorumRule(models.Model):
    """How many must be there for a group's meeting to be quorate (its terms of reference)."""

    group = models.OneToOneField("partnerships.Group", on_delete=models.CASCADE, related_name="quorum_rule")
    kind = models.CharField(max_length=30, choices=QuorumKind.choices)
    minimum = models.PositiveSmallIntegerField(
        default=0, help_text="For a minimum of organisations or people: how many."
    )

    objects = scoped_queryset("group__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalquorumrule")

    class Meta:
        db_table = "partnerships_quorumrule"  # created by the base app; the table kept its name

    def __str__(self):
        return f"Quorum of {self.group}: {self.describe()}"

    def clean(self):
        if self.kind in (QuorumKind.MINIMUM_ORGANISATIONS, QuorumKind.MINIMUM_PEOPLE) and not self.minimum:
            raise ValidationError({"minimum": "Enter how many must be present"})

    def describe(self):
        if self.kind in (QuorumKind.MINIMUM_ORGANISATIONS, QuorumKind.MINIMUM_PEOPLE):
            noun = "organisations represented" if self.kind == QuorumKind.MINIMUM_ORGANISATIONS else "people"
            return f"at least {self.minimum} {noun}"
        return self.get_kind_display()


def default_quorum_kind(group):
    """An executive needs every statutory partner (Working Together 2018 ch.3 para 8: the three
    partners have equal and joint responsibility); other groups have no rule until one is set."""
    return QuorumKind.ALL_STATUTORY_PARTNERS if group.kind == GroupKind.EXECUTIVE else QuorumKind.NONE


@dataclass
class Quorum:
    """Whether a meeting was quorate, and why not."""

    rule: str
    met: bool
    represented: list = field(default_factory=list)  # organisation names
    missing: list = field(default_factory=list)  # statutory partners not represented
    people: int = 0

    @property
    def explanation(self):
        if self.met:
            return f"Quorate ({self.rule})."
        if self.missing:
            return f"Not quorate: no one represented {', '.join(self.missing)}."
        return f"Not quorate: the rule is {self.rule}."


class MeetingQuerySet(ScopedQuerySet):
    def upcoming(self, on=None):
        return self.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=on or timezone.now())


class Meeting(models.Model):
    """A meeting of one of the partnership's groups: agenda, papers, attendance and minutes."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="meetings"
    )
    group = models.ForeignKey("partnerships.Group", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=255, blank=True)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=255, blank=True, help_text="The room and building, if in person.")
    is_online = models.BooleanField(default=False)
    online_link = models.URLField(blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    minutes = models.TextField(blank=True)
    minutes_status = models.CharField(
        max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.NOT_STARTED
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_approved_here",
        help_text="The later meeting at which these minutes were agreed.",
    )
    minutes_approved_on = models.DateField(null=True, blank=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalmeeting")

    class Meta:
        db_table = "partnerships_meeting"  # created by the base app; the table kept its name
        ordering = ["-starts_at", "pk"]
        indexes = [models.Index(fields=["group", "starts_at"], name="meeting_group_starts")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(minutes_status=MinutesStatus.APPROVED)
                | models.Q(minutes_approved_at__isnull=False),
                name="meeting_approved_minutes_name_meeting",
                violation_error_message="Approved minutes name the meeting that approved them.",
            )
        ]

    def __str__(self):
        if self.title or not self.starts_at:
            return self.title
        return f"{self.group} meeting, {timezone.localtime(self.starts_at):%d %B %Y}"

    def get_absolute_url(self):
        return _url("meeting_detail", self)

    def clean(self):
        if not self.is_online and not self.location.strip():
            raise ValidationError({"location": "Enter where the meeting is, or say it is online"})

    @property
    def minutes_status_tag(self):
        return MinutesStatus.tag_for(self.minutes_status)

    @property
    def where(self):
        if self.is_online and self.location:
            return f"{self.location} and online"
        return "Online" if self.is_online else self.location

    def quorum(self, attendances=None, partner_orgs=None):
        """Whether the attendance recorded makes the meeting quorate under its group's rule."""
        if attendances is None:
            attendances = list(self.attendances.select_related("organisation"))
        represented = [a for a in attendances if a.status in REPRESENTED_STATUSES]
        org_names = {a.organisation_id: a.organisation.name for a in represented}
        rule = getattr(self.group, "quorum_rule", None)
        kind = rule.kind if rule else default_quorum_kind(self.group)
        label = rule.describe() if rule else QuorumKind(kind).label
        result = Quorum(rule=label, met=True, represented=sorted(org_names.values()), people=len(represented))
        if kind == QuorumKind.ALL_STATUTORY_PARTNERS:
            if partner_orgs is None:
                # .all() so a list that prefetched partners and organisations asks nothing more.
                partner_orgs = [
                    (sp.organisation_id, sp.organisation.name)
                    for sp in self.partnership.safeguarding_partners.all()
                ]
            result.missing = sorted(name for pk, name in partner_orgs if pk not in org_names)
            result.met = not result.missing and bool(partner_orgs)
        elif kind == QuorumKind.MINIMUM_ORGANISATIONS:
            result.met = len(org_names) >= rule.minimum
        elif kind == QuorumKind.MINIMUM_PEOPLE:
            result.met = len(represented) >= rule.minimum
        return result


class AgendaItem(models.Model):
    """An item on a meeting's agenda; matters arising are open actions carried forward."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.ITEM)
    title = models.CharField(max_length=255)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    presenter_name = models.CharField(
        max_length=200, blank=True, help_text="If the presenter has no account."
    )
    action = models.ForeignKey(
        "partnerships.Action", on_delete=models.CASCADE, null=True, blank=True, related_name="agenda_items"
    )
    notes = models.TextField(blank=True)

    objects = scoped_queryset("meeting__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalagendaitem")

    class Meta:
        db_table = "partnerships_agendaitem"  # created by the base app; the table kept its name
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "action"],
                condition=models.Q(action__isnull=False),
                name="agenda_action_once_per_meeting",
                violation_error_message="This action is already on the meeting's agenda.",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def presented_by(self):
        return str(self.presenter) if self.presenter_id else self.presenter_name


class Paper(models.Model):
    """A paper for a meeting: an uploaded file served only through a permission-checked view."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="papers"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="papers"
    )
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to=paper_path, max_length=255)
    file_kind = models.CharField(max_length=10, choices=PaperKind.choices)
    size_bytes = models.PositiveIntegerField()
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalpaper")

    class Meta:
        db_table = "partnerships_paper"  # created by the base app; the table kept its name
        ordering = ["meeting", "agenda_item__position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("paper_download", self)

    @property
    def download_name(self):
        stem = self.original_name.rsplit(".", 1)[0] or "paper"
        return f"{stem}.{self.file_kind}"


class Attendance(models.Model):
    """Who came to a meeting, for which organisation: present, apologies, absent or a deputy sent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendances")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    deputy_name = models.CharField(
        max_length=200, blank=True, help_text="Who attended in the member's place, when a deputy was sent."
    )

    objects = scoped_queryset("meeting__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalattendance")

    class Meta:
        db_table = "partnerships_attendance"  # created by the base app; the table kept its name
        ordering = ["meeting", "organisation__name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_person",
                violation_error_message="This person's attendance is already recorded for the meeting.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=AttendanceStatus.DEPUTY) | ~models.Q(deputy_name=""),
                name="attendance_deputy_named",
                violation_error_message="Enter the name of the deputy who attended.",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.organisation}): {self.get_status_display()}"


class Decision(models.Model):
    """An entry in the decisions register: what a group decided, and when."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    reference = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=255)
    text = models.TextField("Decision")
    decided_on = models.DateField(db_index=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicaldecision")

    class Meta:
        db_table = "partnerships_decision"  # created by the base app; the table kept its name
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("decision_detail", self)


class Priority(models.Model):
    """A priority in the partnership's work programme for one year, led by one of its groups."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="priorities"
    )
    year = models.PositiveSmallIntegerField(help_text="The year it starts in: 2019 means 2019/20.")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    lead_group = models.ForeignKey(
        "partnerships.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="priorities"
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalpriority")

    class Meta:
        db_table = "partnerships_priority"  # created by the base app; the table kept its name
        ordering = ["-year", "position", "pk"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "title"],
                name="priority_unique_per_year",
                violation_error_message="There is already a priority with this title for the year.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("priority_detail", self)

    @property
    def year_label(self):
        return financial_year_label(self.year)


class Objective(models.Model):
    """What a priority sets out to achieve, and the measure that shows whether it has."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=255)
    measure = models.TextField(blank=True, help_text="How the partnership will know: the measure and target.")

    objects = scoped_queryset("priority__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalobjective")

    class Meta:
        db_table = "partnerships_objective"  # created by the base app; the table kept its name
        ordering = ["priority", "position", "pk"]

    def __str__(self):
        return self.title


class ProgressUpdate(models.Model):
    """A dated report on a priority (or one of its objectives), with its RAG rating."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    reported_on = models.DateField()
    rag = models.CharField("RAG", max_length=10, choices=PriorityRAG.choices)
    summary = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = scoped_queryset("priority__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalprogressupdate")

    class Meta:
        db_table = "partnerships_progressupdate"  # created by the base app; the table kept its name
        ordering = ["-reported_on", "-pk"]

    def __str__(self):
        return f"{self.priority} on {self.reported_on:%d %b %Y}: {self.get_rag_display()}"

    @property
    def rag_tag(self):
        return PriorityRAG.tag_for(self.rag)


SCALE = [MinValueValidator(1), MaxValueValidator(5)]

# Bands of a 5x5 likelihood x impact score (a common local-government convention; the Somerset
# paper scores its risk 3 x 3 = 9 without naming bands).
RISK_BANDS = (
    (15, RiskBand.VERY_HIGH),
    (10, RiskBand.HIGH),
    (5, RiskBand.MEDIUM),
    (1, RiskBand.LOW),
)


def risk_band(score):
    for floor, band in RISK_BANDS:
        if score >= floor:
            return band
    return RiskBand.NOT_SCORED


class Risk(models.Model):
    """A risk on the partnership's register, scored likelihood x impact on 1 to 5 scales."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="risks"
    )
    reference = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="risks_owned"
    )
    owner_organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="risks"
    )
    group = models.ForeignKey(
        "partnerships.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="risks"
    )
    controls = models.TextField(blank=True, help_text="What is in place to reduce the risk.")
    likelihood = models.PositiveSmallIntegerField(
        validators=SCALE, help_text="1 (rare) to 5 (almost certain)."
    )
    impact = models.PositiveSmallIntegerField(validators=SCALE, help_text="1 (negligible) to 5 (severe).")
    score = models.PositiveSmallIntegerField(editable=False, db_index=True)
    review_date = models.DateField(null=True, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalrisk")

    class Meta:
        db_table = "partnerships_risk"  # created by the base app; the table kept its name
        ordering = ["-score", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scales_one_to_five",
                violation_error_message="Likelihood and impact are each scored from 1 to 5.",
            ),
            models.CheckConstraint(
                condition=models.Q(score=models.F("likelihood") * models.F("impact")),
                name="risk_score_is_likelihood_times_impact",
                violation_error_message="The risk score is the likelihood multiplied by the impact.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.score = (self.likelihood or 0) * (self.impact or 0)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return _url("risk_detail", self)

    @property
    def band(self):
        return risk_band(self.likelihood * self.impact).label

    @property
    def band_tag(self):
        return risk_band(self.likelihood * self.impact).tag_class


class RiskAssessment(models.Model):
    """One scoring of a risk: the history of its likelihood, impact and score."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField()
    likelihood = models.PositiveSmallIntegerField(validators=SCALE)
    impact = models.PositiveSmallIntegerField(validators=SCALE)
    score = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = scoped_queryset("risk__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalriskassessment")

    class Meta:
        db_table = "partnerships_riskassessment"  # created by the base app; the table kept its name
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score=models.F("likelihood") * models.F("impact")),
                name="assessment_score_is_product",
                violation_error_message="The risk score is the likelihood multiplied by the impact.",
            ),
        ]

    def __str__(self):
        return f"{self.risk}: {self.likelihood} x {self.impact} = {self.score} on {self.assessed_on:%d %b %Y}"
