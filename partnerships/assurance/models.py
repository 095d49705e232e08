"""Independent scrutiny and Section 11 agency assurance."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.assurance.choices import (
    MODERATED_LABEL,
    ChallengeStatus,
    ChallengeStepKind,
    CycleStatus,
    FindingStatus,
    InvitationStatus,
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
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closing_summary = models.TextField(blank=True)

    objects = CycleScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalassurancecycle", m2m_fields=[partnerships])

    class Meta:
        db_table = "partnerships_assurancecycle"  # created by the base app; the table kept its name
        ordering = ["-opens_on", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("cycle_detail", self, self.partnership)

    def url_in(self, partnership):
        """The cycle's page in `partnership`'s own space (each taking-part partnership has one)."""
        return _url("cycle_detail", self, partnership)

    @property
    def is_closed(self):
        return self.status == CycleStatus.CLOSED


class InvitationQuerySet(ScopedQuerySet):
    """An invitation belongs to the lead partnership that sent it (it never moves to another cycle's
    lead) and to the partnership invited."""

    partnership_path = "cycle__partnership"

    def footprint_partnerships(self, invitation):
        return [invitation.cycle.partnership, invitation.partnership]

    def in_partnership(self, partnership):
        return self.filter(Q(partnership=partnership) | Q(cycle__partnership=partnership))

    def permitted(self, user, perm):
        access = access_for(user)
        if access.is_superuser:
            return self
        ids = access.partnership_ids(perm)
        return self.filter(Q(partnership_id__in=ids) | Q(cycle__partnership_id__in=ids))

    def pending(self):
        return self.filter(status=InvitationStatus.INVITED)


class CycleInvitation(models.Model):
    """The lead partnership's invitation to another partnership to take part in a joint cycle: the
    invited partnership's consent (docs/statutory-rules.md#section-11-assurance)."""

    cycle = models.ForeignKey(AssuranceCycle, on_delete=models.CASCADE, related_name="invitations")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="assurance_invitations",
        help_text="The partnership invited.",
    )
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.INVITED
    )
    invited_on = models.DateField(default=timezone.localdate)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-invited_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "partnership"],
                name="invitation_once_per_partnership_per_cycle",
                violation_error_message="This partnership has already been invited to the cycle.",
            )
        ]

    def __str__(self):
        return f"{self.cycle}: invitation to {self.partnership}"

    def get_absolute_url(self):
        return _url("invitation_detail", self, self.partnership)


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
        return self.filter(status__in=OPEN_RETURNS)


OPEN_RETURNS = (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT, ReturnStatus.RETURNED)


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

    @property
    def is_open(self):
        """The agency may still change it (not started, draft, or returned for more evidence)."""
        return self.status in OPEN_RETURNS

    def is_overdue(self, on=None):
        return self.is_open and self.cycle.due_on < (on or timezone.localdate())

    def status_for(self, partnership, moderated_count=None, standard_count=None):
        """The return's status as `partnership` sees it: "Moderated" once it has moderated every
        standard itself (moderation is per partnership: DEVELOPING.md), else the shared status."""
        if self.status != ReturnStatus.SUBMITTED:
            return self.get_status_display()
        if moderated_count is None:
            moderated_count = (
                ReturnAnswer.objects.filter(agency_return=self)
                .filter(
                    moderations__partnership=partnership,
                    moderations__score__isnull=False,
                    moderations__more_evidence=False,
                )
                .count()
            )
        if standard_count is None:
            standard_count = self.answers.count()
        if standard_count and moderated_count >= standard_count:
            return MODERATED_LABEL
        return self.get_status_display()


class ReturnAnswer(models.Model):
    """An agency's score against one standard, with evidence and actions, and the moderated score."""

    agency_return = models.ForeignKey(AgencyReturn, on_delete=models.CASCADE, related_name="answers")
    standard = models.ForeignKey(AssuranceStandard, on_delete=models.CASCADE, related_name="answers")
    self_score = models.PositiveSmallIntegerField(choices=Section11Score.choices, null=True, blank=True)
    evidence = models.TextField(blank=True)
    actions = models.TextField("Agency's actions", blank=True)
    agency_response = models.TextField(
        "Agency's response", blank=True, help_text="The agency's answer to a request for more evidence."
    )

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
        ]

    def __str__(self):
        return f"{self.agency_return.organisation}: standard {self.standard.number}"


class ModerationQuerySet(ScopedQuerySet):
    """A partnership's moderation is its own record (`partnership`, which must take part in the
    cycle), seen in every partnership of the cycle that sees the return; it is held under the
    cycle's lead and never moves to another cycle's return."""

    partnership_path = "answer__agency_return__cycle__partnership"

    def footprint_partnerships(self, moderation):
        return _cycle_partnerships(moderation.answer.agency_return.cycle)

    def moderated(self):
        return self.filter(score__isnull=False, more_evidence=False)


class AnswerModeration(models.Model):
    """One partnership's moderation of one standard of an agency's return: its score and the reason
    the agency sees, or its request for more evidence. Each partnership of a joint cycle moderates
    for itself; the agency's self-assessment is shared once (DEVELOPING.md, Section 11)."""

    answer = models.ForeignKey(ReturnAnswer, on_delete=models.CASCADE, related_name="moderations")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="section11_moderations"
    )
    score = models.PositiveSmallIntegerField(choices=Section11Score.choices, null=True, blank=True)
    reason = models.TextField(blank=True, help_text="What the agency is told about this score.")
    more_evidence = models.BooleanField(default=False, help_text="Returned to the agency for more evidence.")
    moderated_on = models.DateField(default=timezone.localdate)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ModerationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["answer", "partnership__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "partnership"],
                name="moderation_once_per_partnership_per_answer",
                violation_error_message="This partnership has already moderated this standard.",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=3),
                name="moderation_score_0_3",
                violation_error_message="Each score must be from 0 to 3.",
            ),
        ]

    def __str__(self):
        return f"{self.answer}: moderated by {self.partnership}"

    @property
    def difference(self):
        """Moderated minus self-assessed: negative when the agency rated itself higher."""
        if self.answer.self_score is None or self.score is None or self.more_evidence:
            return None
        return self.score - self.answer.self_score


class ChaseQuerySet(ScopedQuerySet):
    """Held under the cycle's lead; `partnership` (who chased) must take part in the cycle."""

    partnership_path = "agency_return__cycle__partnership"

    def footprint_partnerships(self, chase):
        return _cycle_partnerships(chase.agency_return.cycle)


class ReturnChase(models.Model):
    """A reminder sent to an agency whose return is not yet submitted: who chased, and when."""

    agency_return = models.ForeignKey(AgencyReturn, on_delete=models.CASCADE, related_name="chases")
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    working_day = models.DateField(help_text="The working day the chase counts against.")
    chased_at = models.DateTimeField(default=timezone.now)
    chased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ChaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-chased_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency_return", "working_day"],
                name="chase_once_per_return_per_working_day",
                violation_error_message="This return was already chased today.",
            )
        ]

    def __str__(self):
        return f"Chase of {self.agency_return} on {self.working_day:%-d %B %Y}"
