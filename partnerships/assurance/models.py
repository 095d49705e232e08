"""Independent scrutiny and Section 11 agency assurance."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.assurance.choices import (
    ChallengeStatus,
    ChallengeStepKind,
    CycleStatus,
    FindingStatus,
    ReturnStatus,
    ScrutinyKind,
    Section11Score,
)
from partnerships.core.permissions import access_for, contributor_organisations
from partnerships.core.querysets import ScopedQuerySet, scoped_queryset


def _url(name, obj, partnership):
    return reverse(f"assurance:{name}", kwargs={"partnership": partnership.slug, "pk": obj.pk})


class ScrutinyActivity(models.Model):
    """A piece of independent scrutiny: an observation, a review of minutes, an audit, engagement."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="scrutiny_activities"
    )
    kind = models.CharField(max_length=20, choices=ScrutinyKind.choices)
    title = models.CharField(max_length=255)
    carried_out_on = models.DateField(db_index=True)
    scrutineer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scrutiny_activities",
        help_text="The meeting observed or whose minutes were reviewed.",
    )
    summary = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalscrutinyactivity")

    class Meta:
        db_table = "partnerships_scrutinyactivity"  # created by the base app; the table kept its name
        ordering = ["-carried_out_on", "-pk"]
        verbose_name_plural = "scrutiny activities"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("scrutiny_detail", self, self.partnership)


class ScrutinyFinding(models.Model):
    """A finding of a scrutiny activity, its recommendation and the partners' response."""

    activity = models.ForeignKey(ScrutinyActivity, on_delete=models.CASCADE, related_name="findings")
    reference = models.CharField(max_length=30, blank=True)
    finding = models.TextField()
    recommendation = models.TextField(blank=True)
    addressed_to = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=FindingStatus.choices, default=FindingStatus.AWAITING_RESPONSE
    )
    response = models.TextField("Partners' response", blank=True)
    responded_on = models.DateField(null=True, blank=True)
    response_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = scoped_queryset("activity__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalscrutinyfinding")

    class Meta:
        db_table = "partnerships_scrutinyfinding"  # created by the base app; the table kept its name
        ordering = ["activity", "pk"]

    def __str__(self):
        text = self.finding if len(self.finding) <= 80 else self.finding[:77] + "..."
        return f"{self.reference}: {text}" if self.reference else text

    def get_absolute_url(self):
        return _url("finding_detail", self, self.activity.partnership)

    @property
    def partnership(self):
        return self.activity.partnership


class ChallengeQuerySet(ScopedQuerySet):
    def open(self):
        return self.exclude(status=ChallengeStatus.CLOSED)


class Challenge(models.Model):
    """A challenge put to the partners (by the scrutineer or a partner), tracked to closure."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="challenges"
    )
    reference = models.CharField(max_length=30, blank=True)
    subject = models.CharField(max_length=255)
    detail = models.TextField()
    raised_on = models.DateField()
    raised_by_name = models.CharField(
        max_length=200, help_text="Who raised it, e.g. the independent scrutineer."
    )
    addressed_to = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finding = models.ForeignKey(
        ScrutinyFinding, on_delete=models.SET_NULL, null=True, blank=True, related_name="challenges"
    )
    status = models.CharField(max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN)
    outcome = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = ChallengeQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalchallenge")

    class Meta:
        db_table = "partnerships_challenge"  # created by the base app; the table kept its name
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ChallengeStatus.CLOSED)
                | (models.Q(closed_on__isnull=False) & ~models.Q(outcome="")),
                name="challenge_closed_has_outcome",
                violation_error_message="Enter the outcome and the date before closing the challenge.",
            )
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return _url("challenge_detail", self, self.partnership)

    @property
    def days_open(self):
        end = self.closed_on or timezone.localdate()
        return (end - self.raised_on).days


class ChallengeStep(models.Model):
    """A step in a challenge's trail: a response, an escalation, a note, its closure."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=ChallengeStepKind.choices)
    text = models.TextField()
    on = models.DateField(default=timezone.localdate)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = scoped_queryset("challenge__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalchallengestep")

    class Meta:
        db_table = "partnerships_challengestep"  # created by the base app; the table kept its name
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.challenge}"


def _cycle_partnerships(cycle):
    """The lead partnership and every partnership taking part in `cycle`."""
    if cycle is None:
        return []
    taking_part = list(cycle.partnerships.all()) if cycle.pk else []
    return [cycle.partnership, *[p for p in taking_part if p.pk != cycle.partnership_id]]


class CycleScopedQuerySet(ScopedQuerySet):
    """Rows of cycles the partnership takes part in (not only leads)."""

    partnership_path = "partnership"

    def footprint_partnerships(self, cycle):
        """A joint cycle belongs to every partnership taking part (partnerships/core/tenancy.py)."""
        return _cycle_partnerships(cycle)

    def in_partnership(self, partnership):
        return self.filter(partnerships=partnership)

    def permitted(self, user, perm):
        access = access_for(user)
        if access.is_superuser:
            return self
        through = AssuranceCycle.partnerships.through
        return self.filter(
            Exists(
                through.objects.filter(
                    assurancecycle_id=OuterRef("pk"), partnership_id__in=access.partnership_ids(perm)
                )
            )
        )


class AssuranceCycle(models.Model):
    """A round of Section 11 self-assessment (Children Act 2004 s11), typically every two years.

    Partnerships that share agencies run one cycle together (`partnerships`), so an agency working
    across them answers once (docs/statutory-rules.md#section-11-assurance: one return for all partnerships).
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="assurance_cycles_led",
        help_text="The partnership whose business unit runs the cycle.",
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        related_name="assurance_cycles",
        help_text="Every partnership taking part.",
    )
    title = models.CharField(max_length=255)
    opens_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN)

    objects = CycleScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalassurancecycle", m2m_fields=[partnerships])

    class Meta:
        db_table = "partnerships_assurancecycle"  # created by the base app; the table kept its name
        ordering = ["-opens_on", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("cycle_detail", self, self.partnership)


class StandardQuerySet(scoped_queryset("cycle__partnership")):
    def footprint_partnerships(self, standard):
        """A standard belongs to every partnership of its cycle (partnerships/core/tenancy.py)."""
        return _cycle_partnerships(standard.cycle)


class AnswerQuerySet(scoped_queryset("agency_return__cycle__partnership")):
    def footprint_partnerships(self, answer):
        """An answer belongs to every partnership of its cycle (partnerships/core/tenancy.py)."""
        return _cycle_partnerships(answer.agency_return.cycle)


class AssuranceStandard(models.Model):
    """A standard agencies score themselves against in a cycle (the partnership defines them)."""

    cycle = models.ForeignKey(AssuranceCycle, on_delete=models.CASCADE, related_name="standards")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    objects = StandardQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalassurancestandard")

    class Meta:
        db_table = "partnerships_assurancestandard"  # created by the base app; the table kept its name
        ordering = ["cycle", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "number"],
                name="standard_number_unique_per_cycle",
                violation_error_message="The cycle already has a standard with this number.",
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


def _serves(partnership_ids_or_q, org_ref="organisation_id", cycle_ref="cycle_id"):
    """Cycle memberships (partnership in the cycle) where the partnership works with the agency."""
    through = AssuranceCycle.partnerships.through
    return (
        through.objects.filter(assurancecycle_id=OuterRef(cycle_ref))
        .filter(partnership_ids_or_q)
        .filter(
            Q(partnership__safeguarding_partners__organisation_id=OuterRef(org_ref))
            | Q(partnership__relevant_agencies__organisation_id=OuterRef(org_ref))
        )
    )


class AgencyReturnQuerySet(ScopedQuerySet):
    """A return is seen by each partnership of its cycle that the agency serves, and no other."""

    partnership_path = "cycle__partnership"

    def footprint_partnerships(self, agency_return):
        """An agency's return belongs to every partnership of its cycle (partnerships/core/tenancy.py)."""
        return _cycle_partnerships(agency_return.cycle)

    def in_partnership(self, partnership):
        return self.filter(Exists(_serves(Q(partnership_id=partnership.pk))))

    def permitted(self, user, perm):
        access = access_for(user)
        if access.is_superuser:
            return self
        return self.filter(Exists(_serves(Q(partnership_id__in=access.partnership_ids(perm)))))

    def for_contributor(self, user, partnership):
        """An agency contributor's returns in `partnership`: only their own agencies'."""
        return self.in_partnership(partnership).filter(
            organisation_id__in=contributor_organisations(user, partnership)
        )

    def open(self):
        return self.filter(status__in=[ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT])


class AgencyReturn(models.Model):
    """One agency's Section 11 self-assessment in a cycle: asked once, seen by every partnership
    of the cycle it serves."""

    cycle = models.ForeignKey(AssuranceCycle, on_delete=models.CASCADE, related_name="returns")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="section11_returns"
    )
    status = models.CharField(max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.NOT_STARTED)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_on = models.DateField(null=True, blank=True)
    moderation_summary = models.TextField(blank=True)

    objects = AgencyReturnQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalagencyreturn")

    class Meta:
        db_table = "partnerships_agencyreturn"  # created by the base app; the table kept its name
        ordering = ["cycle", "organisation__name"]
        verbose_name = "Section 11 return"
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organisation"],
                name="return_once_per_agency_per_cycle",
                violation_error_message="This agency already has a return in the cycle.",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.cycle}"

    def get_absolute_url(self):
        return self.url_in(self.cycle.partnership)

    def url_in(self, partnership):
        return _url("return_detail", self, partnership)

    def contributor_url_in(self, partnership):
        return _url("agency_return_edit", self, partnership)


class ReturnAnswer(models.Model):
    """An agency's score against one standard, with evidence and actions, and the moderated score."""

    agency_return = models.ForeignKey(AgencyReturn, on_delete=models.CASCADE, related_name="answers")
    standard = models.ForeignKey(AssuranceStandard, on_delete=models.CASCADE, related_name="answers")
    self_score = models.PositiveSmallIntegerField(choices=Section11Score.choices, null=True, blank=True)
    evidence = models.TextField(blank=True)
    actions = models.TextField("Agency's actions", blank=True)
    moderated_score = models.PositiveSmallIntegerField(choices=Section11Score.choices, null=True, blank=True)
    moderation_note = models.TextField(blank=True)

    objects = AnswerQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalreturnanswer")

    class Meta:
        db_table = "partnerships_returnanswer"  # created by the base app; the table kept its name
        ordering = ["agency_return", "standard__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency_return", "standard"],
                name="answer_once_per_standard",
                violation_error_message="The return already answers this standard.",
            ),
            models.CheckConstraint(
                condition=Q(self_score__isnull=True) | Q(self_score__lte=3),
                name="answer_self_score_0_3",
                violation_error_message="Each score must be from 0 to 3.",
            ),
            models.CheckConstraint(
                condition=Q(moderated_score__isnull=True) | Q(moderated_score__lte=3),
                name="answer_moderated_score_0_3",
                violation_error_message="Each score must be from 0 to 3.",
            ),
        ]

    def __str__(self):
        return f"{self.agency_return.organisation}: standard {self.standard.number}"

    @property
    def difference(self):
        """Moderated minus self-assessed: negative when the agency rated itself higher."""
        if self.self_score is None or self.moderated_score is None:
            return None
        return self.moderated_score - self.self_score
