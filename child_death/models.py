"""Child death review: panels (CDOPs) and their footprint, cases from notification to closure, agency
reporting forms, the family's key worker and contacts, and panel meetings.

Who may see a case follows the panel's footprint, not one partnership: everyone who may see any
partnership the panel serves may see its cases (a child death overview panel commonly covers several
local authority areas, docs/statutory-rules.md#child-death-review-partners). `FootprintQuerySet` applies that rule.

A child's identity (names, date of birth, NHS number) lives only in `ChildIdentity`, which no list,
export, API resource, notification or PDF reads; the case page shows it and logs the access.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from child_death.choices import (
    AgeBand,
    AgendaOutcome,
    Category,
    ContactMethod,
    Expectedness,
    FactorGrade,
    FormKind,
    FormStatus,
    JarCriterion,
    MeetingStatus,
    Modifiable,
    PlaceOfDeath,
    Stage,
    Uptake,
)
from partnerships.core.permissions import access_for
from partnerships.core.querysets import ScopedQuerySet


def nhs_number_is_valid(value):
    """The NHS number's modulus 11 check digit (NHS Data Dictionary, "NHS number")."""
    digits = "".join(ch for ch in value if not ch.isspace())
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


class PanelQuerySet(ScopedQuerySet):
    """Panels serving the partnerships a person may see."""

    partnership_path = "host_partnership"

    def footprint_partnerships(self, panel):
        """A panel belongs to every partnership of its footprint (partnerships/core/tenancy.py)."""
        return panel.partnerships.all() if panel.pk else [panel.host_partnership]

    def in_partnership(self, partnership):
        return self.filter(
            pk__in=ChildDeathOverviewPanel.partnerships.through.objects.filter(
                partnership=partnership
            ).values("childdeathoverviewpanel_id")
        )

    def permitted(self, user, perm):
        access = access_for(user)
        if access.is_superuser:
            return self
        return self.filter(pk__in=panel_ids_for(access.partnership_ids(perm)))


def panel_ids_for(partnership_ids):
    """A subquery of the panels whose footprint includes any of `partnership_ids`."""
    return ChildDeathOverviewPanel.partnerships.through.objects.filter(
        partnership_id__in=partnership_ids
    ).values("childdeathoverviewpanel_id")


class FootprintQuerySet(ScopedQuerySet):
    """Rows reached through a panel: visible wherever the panel's footprint is (`panel_path`)."""

    panel_path = "panel"
    # The generic views select_related this path, and URLs use the host partnership by default.
    partnership_path = "panel__host_partnership"

    def in_partnership(self, partnership):
        return self.filter(**{f"{self.panel_path}__in": panel_ids_for([partnership.pk])})

    def permitted(self, user, perm):
        access = access_for(user)
        if access.is_superuser:
            return self
        return self.filter(**{f"{self.panel_path}__in": panel_ids_for(access.partnership_ids(perm))})

    def footprint_partnerships(self, instance):
        """The partnerships a row belongs to: its panel's footprint (partnerships/core/tenancy.py)."""
        panel = instance
        for part in self.panel_path.split("__"):
            panel = getattr(panel, part, None)
        return panel.partnerships.all() if panel is not None and panel.pk else []


def footprint_queryset(panel_path):
    partnership_path = f"{panel_path}__host_partnership"
    return type(
        f"FootprintQuerySet_{panel_path.replace('__', '_')}",
        (FootprintQuerySet,),
        {"panel_path": panel_path, "partnership_path": partnership_path},
    )


class ChildDeathOverviewPanel(models.Model):
    """A child death overview panel (CDOP): the review partners' panel and the footprint it serves."""

    name = models.CharField(max_length=255, unique=True)
    short_name = models.CharField(max_length=60)
    reference_prefix = models.CharField(
        max_length=10, unique=True, help_text="Begins every case reference, e.g. BHR."
    )
    host_partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="hosted_panels",
        help_text="The partnership whose business unit runs the panel; its deadlines and actions go there.",
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        related_name="child_death_panels",
        help_text="Every partnership in the footprint: all of them may see the panel's cases.",
    )
    areas = models.ManyToManyField(
        "partnerships.LocalAuthorityArea",
        related_name="child_death_panels",
        help_text="The local authority areas whose resident children's deaths the panel reviews.",
    )
    review_partners = models.ManyToManyField(
        "partnerships.Organisation",
        related_name="child_death_review_partner_of",
        blank=True,
        help_text="The child death review partners: the local authorities and the ICBs of the areas.",
    )
    chair = models.CharField(max_length=200, blank=True)

    objects = PanelQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[partnerships, areas, review_partners])

    class Meta:
        ordering = ["name"]
        verbose_name = "child death overview panel"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "child_death:panel_detail", kwargs={"partnership": self.host_partnership.slug, "pk": self.pk}
        )


class ChildDeathCase(models.Model):
    """The review of one child's death, from notification to closure (no identity: see ChildIdentity)."""

    panel = models.ForeignKey(ChildDeathOverviewPanel, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=30, unique=True, editable=False)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOTIFIED, db_index=True)

    # Notification
    date_of_death = models.DateField()
    notified_on = models.DateField()
    notified_by = models.CharField(max_length=200, help_text="The role of the person who notified the death.")
    notifier_organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    place_of_death = models.CharField(max_length=20, choices=PlaceOfDeath.choices)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    area_of_residence = models.ForeignKey(
        "partnerships.LocalAuthorityArea", on_delete=models.PROTECT, related_name="child_death_cases"
    )
    expectedness = models.CharField(max_length=12, choices=Expectedness.choices)
    jar_triggered = models.BooleanField("joint agency response triggered", default=False)
    jar_criterion = models.CharField(
        "joint agency response criterion", max_length=30, choices=JarCriterion.choices, blank=True
    )

    # The family
    key_worker = models.CharField(max_length=200, blank=True, help_text="Name and role of the key worker.")
    key_worker_organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bereavement_support = models.CharField(max_length=20, choices=Uptake.choices, default=Uptake.NOT_OFFERED)
    bereavement_support_offered_on = models.DateField(null=True, blank=True)

    # Meetings
    cdr_meeting_on = models.DateField("child death review meeting held on", null=True, blank=True)
    cdr_meeting_notes = models.TextField("child death review meeting notes", blank=True)
    forms_waived_reason = models.TextField(blank=True)
    panel_reviewed_on = models.DateField(null=True, blank=True, db_index=True)

    # Analysis (the CDOP's analysis form)
    cause_of_death = models.TextField(blank=True)
    category = models.PositiveSmallIntegerField(choices=Category.choices, null=True, blank=True)
    factors_child = models.PositiveSmallIntegerField(
        "factors intrinsic to the child", choices=FactorGrade.choices, null=True, blank=True
    )
    factors_social = models.PositiveSmallIntegerField(
        "factors in the social environment", choices=FactorGrade.choices, null=True, blank=True
    )
    factors_physical = models.PositiveSmallIntegerField(
        "factors in the physical environment", choices=FactorGrade.choices, null=True, blank=True
    )
    factors_service = models.PositiveSmallIntegerField(
        "factors in service provision", choices=FactorGrade.choices, null=True, blank=True
    )
    modifiable = models.CharField(max_length=15, choices=Modifiable.choices, blank=True)
    learning_points = models.TextField(blank=True)
    notify_national_panel = models.BooleanField(
        "notify the Child Safeguarding Practice Review Panel", default=False
    )
    ncmd_submitted_on = models.DateField(
        "sent to the National Child Mortality Database on", null=True, blank=True
    )
    ncmd_reference = models.CharField(max_length=60, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = footprint_queryset("panel").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-notified_on", "-pk"]
        verbose_name = "child death case"
        indexes = [models.Index(fields=["panel", "date_of_death"], name="cdr_case_panel_death_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jar_triggered=False) | ~models.Q(jar_criterion=""),
                name="cdr_case_jar_needs_criterion",
                violation_error_message="Select the joint agency response criterion that was met.",
            ),
            models.CheckConstraint(
                condition=models.Q(notified_on__gte=models.F("date_of_death")),
                name="cdr_case_notified_after_death",
                violation_error_message="The death cannot have been notified before the date of death.",
            ),
        ]

    def __str__(self):
        return f"Child death case {self.reference}"

    def get_absolute_url(self):
        partnership = getattr(self, "viewing_partnership", None) or self.panel.host_partnership
        return reverse("child_death:case_detail", kwargs={"partnership": partnership.slug, "pk": self.pk})

    def clean(self):
        errors = {}
        if (
            self.bereavement_support not in (None, "", "not_offered")
            and not self.bereavement_support_offered_on
        ):
            errors["bereavement_support_offered_on"] = "Enter the date bereavement support was offered."
        if self.date_of_death and self.notified_on and self.notified_on < self.date_of_death:
            errors["notified_on"] = "The date notified must be the same as or after the date of death."
        if self.jar_triggered and not self.jar_criterion:
            errors["jar_criterion"] = "Say which criterion triggered the joint agency response."
        if not self.jar_triggered and self.jar_criterion:
            errors["jar_criterion"] = "Only give a criterion when a joint agency response was triggered."
        if errors:
            raise ValidationError(errors)

    @property
    def stage_tag(self):
        return Stage.tag_for(self.stage)

    @property
    def is_open(self):
        return self.stage != Stage.CLOSED

    @property
    def factor_grades(self):
        return [self.factors_child, self.factors_social, self.factors_physical, self.factors_service]


class ChildIdentity(models.Model):
    """Who the child was. Read only by the case page (which logs it); never listed or exported."""

    case = models.OneToOneField(ChildDeathCase, on_delete=models.CASCADE, related_name="identity")
    given_names = models.CharField(max_length=200)
    family_name = models.CharField(max_length=200)
    other_names = models.TextField(
        blank=True,
        help_text="One a line: other names the child was known by (a nickname, a former family name).",
    )
    date_of_birth = models.DateField()
    nhs_number = models.CharField(max_length=12, blank=True)
    nhs_number_not_available = models.BooleanField(default=False)

    objects = footprint_queryset("case__panel").as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "child's identity"
        verbose_name_plural = "children's identities"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(nhs_number="") | models.Q(nhs_number_not_available=True),
                name="cdr_identity_nhs_number_or_not_available",
                violation_error_message="Enter the NHS number, or say that it is not available.",
            )
        ]

    def __str__(self):
        return f"Identity for {self.case.reference}"

    def clean(self):
        if self.nhs_number and self.nhs_number_not_available:
            raise ValidationError({"nhs_number": "Give the NHS number or mark it not available, not both."})
        if not self.nhs_number and not self.nhs_number_not_available:
            raise ValidationError({"nhs_number": "Enter the NHS number, or mark it not available."})
        if self.nhs_number:
            if not nhs_number_is_valid(self.nhs_number):
                raise ValidationError(
                    {"nhs_number": "Enter a valid NHS number: 10 digits whose check digit matches."}
                )
            self.nhs_number = "".join(self.nhs_number.split())


class FamilyContact(models.Model):
    """One contact between the key worker (or another practitioner) and the bereaved family."""

    case = models.ForeignKey(ChildDeathCase, on_delete=models.CASCADE, related_name="family_contacts")
    contacted_on = models.DateField()
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    made_by = models.CharField(max_length=200)
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        "partnerships.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = footprint_queryset("case__panel").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-contacted_on", "-pk"]

    def __str__(self):
        return f"{self.get_method_display()} on {self.contacted_on:%d %B %Y}"


class ReportingForm(models.Model):
    """A reporting form asked of one agency involved with the child, and what it sent."""

    case = models.ForeignKey(ChildDeathCase, on_delete=models.CASCADE, related_name="reporting_forms")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="child_death_forms"
    )
    kind = models.CharField(max_length=20, choices=FormKind.choices, default=FormKind.REPORTING)
    requested_on = models.DateField()
    due_date = models.DateField(db_index=True)
    status = models.CharField(max_length=10, choices=FormStatus.choices, default=FormStatus.REQUESTED)
    # The content of the form
    involvement = models.TextField("the agency's involvement with the child and family", blank=True)
    concerns = models.TextField("concerns, issues or factors identified", blank=True)
    information = models.TextField("other relevant information", blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "partnerships.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    waived_reason = models.TextField(blank=True)

    objects = footprint_queryset("case__panel").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation", "kind"],
                name="cdr_form_unique_per_agency",
                violation_error_message="This agency has already been asked for this form.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="waived") | ~models.Q(waived_reason=""),
                name="cdr_form_waiver_needs_reason",
                violation_error_message="Say why the form is not needed.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.organisation} for {self.case.reference}"

    def get_absolute_url(self):
        return self.case.get_absolute_url() + f"#form-{self.pk}"

    def clean(self):
        if self.due_date and self.requested_on and self.due_date < self.requested_on:
            raise ValidationError({"due_date": "The due date must be on or after the date requested."})

    @property
    def status_tag(self):
        return FormStatus.tag_for(self.status)

    @property
    def is_outstanding(self):
        return self.status == FormStatus.REQUESTED


class StageChange(models.Model):
    """A recorded move of a case from one stage to the next, by whom and why."""

    case = models.ForeignKey(ChildDeathCase, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        "partnerships.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)

    objects = footprint_queryset("case__panel").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_stage_display() or 'New'} to {self.get_to_stage_display()}"


class PanelMeeting(models.Model):
    """A meeting of the child death overview panel, with its agenda of cases and attendance."""

    panel = models.ForeignKey(ChildDeathOverviewPanel, on_delete=models.PROTECT, related_name="meetings")
    meets_on = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    notes = models.TextField(blank=True)

    objects = footprint_queryset("panel").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meets_on", "-pk"]
        verbose_name = "panel meeting"

    def __str__(self):
        return f"{self.panel.short_name} panel meeting, {self.meets_on:%d %B %Y}"

    def get_absolute_url(self):
        partnership = getattr(self, "viewing_partnership", None) or self.panel.host_partnership
        return reverse("child_death:meeting_detail", kwargs={"partnership": partnership.slug, "pk": self.pk})


class PanelAttendance(models.Model):
    """Who attended (or sent apologies to) a panel meeting, for which organisation."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="attendance")
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=200, blank=True)
    present = models.BooleanField(default=True, help_text="Untick for apologies.")

    objects = footprint_queryset("meeting__panel").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "name"]
        verbose_name_plural = "panel attendance"

    def __str__(self):
        return self.name


class AgendaItem(models.Model):
    """A case on a panel meeting's agenda, and what the panel decided about it."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey(ChildDeathCase, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=1)
    outcome = models.CharField(max_length=10, choices=AgendaOutcome.choices, default=AgendaOutcome.PENDING)
    outcome_notes = models.TextField(blank=True)

    objects = footprint_queryset("meeting__panel").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "case"],
                name="cdr_agenda_case_once_per_meeting",
                violation_error_message="This case is already on the meeting's agenda.",
            )
        ]

    def __str__(self):
        return f"{self.case.reference} at {self.meeting}"
