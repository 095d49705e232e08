"""Case reviews: serious incident notifications, rapid reviews, LCSPRs and the learning that follows.

Child identities: a notification holds a pseudonymous reference, initials, an age band and an area;
the full name and date of birth (optional) are shown only on the notification's own page, whose
every opening is logged. `__str__` of every model here carries no identity, because it travels into
deadline titles, action sources, history and emails.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.core.choices import RapidReviewClock
from partnerships.core.querysets import ScopedQuerySet, TimelinessQuerySet, scoped_queryset
from reviews import rules
from reviews.choices import (
    AgeBand,
    ChronologyContact,
    ContributionStatus,
    IncidentType,
    LCSPRStage,
    LearningReviewKind,
    MilestoneKind,
    RapidReviewDecision,
    RapidReviewStatus,
    ReviewKind,
)


def _url(name, obj, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"partnership": obj.partnership.slug, **kwargs})


class Theme(models.Model):
    """A theme tagged across reviews (e.g. adolescents and criminal exploitation, knife crime)."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="review_theme_unique",
                violation_error_message="The partnership already has a theme with this name.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return _url("theme_detail", self, pk=self.pk)


class NotificationQuerySet(TimelinessQuerySet, ScopedQuerySet):
    # On time: notified to the Panel within 5 working days of awareness, the stored panel_due_date
    # (docs/statutory-rules.md#serious-incident-notification).
    done_field, due_field = "panel_notified_on", "panel_due_date"

    def awaiting_panel(self):
        return self.filter(panel_notified_on__isnull=True)

    def overdue(self, on=None):
        return self.awaiting_panel().filter(panel_due_date__lt=on or timezone.localdate())


class SeriousIncidentNotification(models.Model):
    """A serious incident the local authority notifies to the Child Safeguarding Practice Review Panel."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="serious_incidents"
    )
    reference = models.CharField(
        max_length=30, help_text="The partnership's own reference, e.g. SIN-2019-01."
    )
    child_reference = models.CharField(
        max_length=40,
        blank=True,
        help_text="A pseudonym such as Child H: leave it blank and one is given. Never the child's name.",
    )
    child_initials = models.CharField(max_length=5, blank=True)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    area = models.ForeignKey(
        "partnerships.LocalAuthorityArea",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The local authority area where the child lives.",
    )
    # Sensitive: shown only on the notification's own page (logged); never in lists or exports.
    child_name = models.CharField("child's full name", max_length=200, blank=True)
    child_date_of_birth = models.DateField("child's date of birth", null=True, blank=True)
    child_other_names = models.TextField(
        "other names the child was known by",
        blank=True,
        help_text="One a line: a nickname, a former or another family name. Kept out of everything the "
        "product sends or publishes.",
    )
    incident_type = models.CharField(max_length=20, choices=IncidentType.choices)
    incident_on = models.DateField("date of the incident", null=True, blank=True)
    la_aware_on = models.DateField("date the local authority became aware")
    summary = models.TextField(blank=True, help_text="What happened, without names.")
    is_looked_after = models.BooleanField("the child is looked after", default=False)
    panel_due_date = models.DateField("Panel notification due", db_index=True, editable=False)
    panel_due_rule = models.CharField(max_length=300, editable=False, blank=True)
    panel_notified_on = models.DateField("date notified to the Panel", null=True, blank=True)
    panel_reference = models.CharField("Panel reference", max_length=60, blank=True)
    late_reason = models.TextField("reason the notification was late", blank=True)
    ofsted_notified_on = models.DateField("date notified to Ofsted", null=True, blank=True)
    dfe_notified_on = models.DateField("date notified to the Department for Education", null=True, blank=True)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-la_aware_on", "-pk"]
        verbose_name = "serious incident notification"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"],
                name="sin_reference_unique",
                violation_error_message="The partnership already has a notification with this reference.",
            ),
            models.CheckConstraint(
                condition=Q(panel_notified_on__isnull=True)
                | Q(panel_notified_on__gte=models.F("la_aware_on")),
                name="sin_notified_after_aware",
                violation_error_message="The Panel cannot have been notified before the local authority became aware.",
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.child_reference})"

    def get_absolute_url(self):
        return _url("notification_detail", self, pk=self.pk)

    def clean(self):
        """The dates the clock runs from must be possible (docs/statutory-rules.md#serious-incident-notification).

        A model rule, so the page's form, the API and the service refuse the same dates in the same words.
        """
        today = timezone.localdate()
        errors = {}
        aware, incident, notified = (
            self.la_aware_on,
            self.incident_on,
            self.panel_notified_on,
        )
        if aware and aware > today:
            errors["la_aware_on"] = "The date the local authority became aware cannot be in the future."
        if incident and aware and incident > aware:
            errors["incident_on"] = (
                "The incident must be on or before the date the local authority became aware."
            )
        if notified and aware and notified < aware:
            errors["panel_notified_on"] = (
                "The Panel cannot have been notified before the local authority became aware."
            )
        elif notified and notified > today:
            errors["panel_notified_on"] = "The date the Panel was notified cannot be in the future."
        if (
            self.incident_type == IncidentType.CARE_LEAVER_DEATH
            and aware
            and aware < rules.CARE_LEAVER_DUTY_FROM
        ):
            errors["incident_type"] = (
                "Deaths of care leavers are notified from "
                f"{rules.CARE_LEAVER_DUTY_FROM:%-d %B %Y}, when Working Together 2023 began: choose another kind of incident."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def needs_rapid_review(self):
        """A care leaver's death is notified but needs no rapid review (Working Together 2023)."""
        return self.incident_type != IncidentType.CARE_LEAVER_DEATH

    @property
    def needs_ofsted_and_dfe(self):
        """A looked-after child's death, and (2023) a care leaver's death, go to Ofsted and the DfE."""
        return (
            self.incident_type == IncidentType.DEATH and self.is_looked_after
        ) or self.incident_type == IncidentType.CARE_LEAVER_DEATH

    @property
    def notified_on_time(self):
        if self.panel_notified_on is None:
            return None
        return self.panel_notified_on <= self.panel_due_date

    def is_overdue(self, on=None):
        return self.panel_notified_on is None and self.panel_due_date < (on or timezone.localdate())


class RapidReviewQuerySet(TimelinessQuerySet, scoped_queryset("partnership")):
    # On time: signed off by every partner within 15 working days, the stored due_date
    # (docs/statutory-rules.md#rapid-review).
    done_field, due_field = "signed_off_on", "due_date"

    def open(self):
        return self.exclude(status=RapidReviewStatus.SIGNED_OFF)

    def overdue(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.localdate())


class RapidReview(models.Model):
    """The partners' rapid review of a notified serious incident, completed within 15 working days."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT, related_name="+")
    notification = models.OneToOneField(
        SeriousIncidentNotification, on_delete=models.PROTECT, related_name="rapid_review"
    )
    status = models.CharField(
        max_length=20, choices=RapidReviewStatus.choices, default=RapidReviewStatus.OPEN
    )
    due_date = models.DateField(db_index=True, editable=False)
    due_rule = models.CharField(max_length=300, editable=False, blank=True)
    # The partnership's clock rule in force when the review started (docs/statutory-rules.md#rapid-review).
    clock = models.CharField(
        max_length=30,
        choices=RapidReviewClock.choices,
        default=RapidReviewClock.FROM_NOTIFICATION,
        editable=False,
    )
    meeting_on = models.DateField("date of the rapid review meeting", null=True, blank=True)
    facts = models.TextField("the facts", blank=True)
    immediate_actions = models.TextField("immediate actions to keep children safe", blank=True)
    learning = models.TextField("learning and possible improvements", blank=True)
    inequalities = models.TextField(
        "how racism and other inequalities affected the case",
        blank=True,
        help_text="Working Together 2023 asks the rapid review to consider this.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="rapid_reviews")
    decision = models.CharField(max_length=20, choices=RapidReviewDecision.choices, blank=True)
    other_local_response = models.CharField(
        "which other local response", max_length=255, blank=True, help_text="Only for another local response."
    )
    decision_rationale = models.TextField("rationale for the decision", blank=True)
    decided_on = models.DateField("date of the decision", null=True, blank=True)
    sign_off_round = models.PositiveSmallIntegerField(default=1, editable=False)
    signed_off_on = models.DateField("date all partners signed off", null=True, blank=True, editable=False)
    sent_to_panel_on = models.DateField("date sent to the Panel", null=True, blank=True)
    panel_response = models.TextField("the Panel's response", blank=True)
    panel_response_on = models.DateField("date of the Panel's response", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = RapidReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-due_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="other_local") | ~Q(other_local_response=""),
                name="rapid_review_other_local_named",
                violation_error_message="Say which other local review will be carried out.",
            ),
        ]

    def __str__(self):
        return f"Rapid review {self.notification.reference}"

    def get_absolute_url(self):
        return _url("rapid_review_detail", self, pk=self.pk)

    @property
    def is_locked(self):
        return self.status == RapidReviewStatus.SIGNED_OFF

    @property
    def completed_on_time(self):
        if self.signed_off_on is None:
            return None
        return self.signed_off_on <= self.due_date

    def is_overdue(self, on=None):
        return not self.is_locked and self.due_date < (on or timezone.localdate())


class ReviewReopening(models.Model):
    """A recorded reopening of a signed-off rapid review: who, when and why."""

    review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.TextField()
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reopened_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()
    objects = scoped_queryset("review__partnership").as_manager()

    class Meta:
        ordering = ["-reopened_at"]

    def __str__(self):
        return f"Reopening of {self.review}"


class PartnerSignOff(models.Model):
    """One statutory partner's sign-off of a rapid review or an LCSPR's final report, for its own organisation."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT, related_name="+")
    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.CASCADE, null=True, blank=True, related_name="sign_offs"
    )
    lcspr = models.ForeignKey(
        "LCSPR", on_delete=models.CASCADE, null=True, blank=True, related_name="sign_offs"
    )
    round = models.PositiveSmallIntegerField(default=1)
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rapid_review__isnull=True, lcspr__isnull=False)
                | Q(rapid_review__isnull=False, lcspr__isnull=True),
                name="signoff_one_subject",
                violation_error_message="A sign-off is for one review.",
            ),
            models.UniqueConstraint(
                fields=["rapid_review", "round", "organisation"],
                condition=Q(rapid_review__isnull=False),
                name="signoff_once_per_review_round",
                violation_error_message="This partner has already signed off this review.",
            ),
            models.UniqueConstraint(
                fields=["lcspr", "round", "organisation"],
                condition=Q(lcspr__isnull=False),
                name="signoff_once_per_lcspr_round",
                violation_error_message="This partner has already signed off this review.",
            ),
        ]

    def __str__(self):
        return f"Signed off for {self.organisation}"


class ContributionRequestQuerySet(scoped_queryset("review__partnership")):
    def open(self):
        return self.filter(status=ContributionStatus.REQUESTED)

    def late(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.localdate())

    def for_organisations(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)


class ContributionRequest(models.Model):
    """A request to one agency for its contribution to a rapid review, on the common template."""

    review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(default=timezone.localdate)
    due_date = models.DateField(db_index=True)
    due_rule = models.CharField(max_length=300, blank=True, editable=False)
    due_date_is_default = models.BooleanField(default=True, editable=False)
    status = models.CharField(
        max_length=20, choices=ContributionStatus.choices, default=ContributionStatus.REQUESTED
    )
    # The common template (Havering paper 4.3.2.2: "a common template for all agencies").
    involvement = models.TextField("the agency's involvement with the child and family", blank=True)
    analysis = models.TextField("analysis of that involvement", blank=True)
    immediate_safety_actions = models.TextField("immediate safety actions taken", blank=True)
    learning = models.TextField("learning for the agency and the partnership", blank=True)
    submitted_on = models.DateField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(max_length=300, blank=True, editable=False)
    history = HistoricalRecords()
    objects = ContributionRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "organisation__name"]
        verbose_name = "agency contribution"
        constraints = [
            models.UniqueConstraint(
                fields=["review", "organisation"],
                name="contribution_once_per_agency",
                violation_error_message="This agency has already been asked.",
            )
        ]

    def __str__(self):
        return f"{self.organisation} contribution to {self.review}"

    def get_absolute_url(self):
        return reverse(
            "reviews:contribution_detail",
            kwargs={"partnership": self.review.partnership.slug, "pk": self.pk},
        )

    @property
    def partnership(self):
        return self.review.partnership

    def is_late(self, on=None):
        return self.status == ContributionStatus.REQUESTED and self.due_date < (on or timezone.localdate())


class ChronologyEntry(models.Model):
    """One dated contact an agency had with the child or family, for the merged timeline."""

    contribution = models.ForeignKey(ContributionRequest, on_delete=models.CASCADE, related_name="chronology")
    occurred_on = models.DateField("date of contact")
    contact_type = models.CharField(max_length=20, choices=ChronologyContact.choices)
    description = models.TextField(help_text="What happened, using the child's pseudonymous reference.")
    history = HistoricalRecords()
    objects = scoped_queryset("contribution__review__partnership").as_manager()

    class Meta:
        ordering = ["occurred_on", "pk"]
        verbose_name_plural = "chronology entries"

    def __str__(self):
        return f"{self.occurred_on:%d %b %Y} {self.get_contact_type_display()}"


class LCSPRQuerySet(TimelinessQuerySet, ScopedQuerySet):
    # On time: published by the stored due_date, 6 months from the decision for an LCSPR
    # (docs/statutory-rules.md#lcspr), the transition's grace period for a legacy serious case review.
    done_field, due_field = "published_on", "due_date"

    def open(self):
        return self.filter(published_on__isnull=True)

    def practice_reviews(self):
        """LCSPRs (local and thematic), without the board's legacy serious case reviews: the reviews
        the 6-month rule applies to (docs/statutory-rules.md#legacy-serious-case-reviews)."""
        return self.exclude(kind=ReviewKind.LEGACY_SCR)

    def overdue(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.localdate())


class LCSPR(models.Model):
    """A local child safeguarding practice review (LCSPR), or a legacy serious case review still open."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices, default=ReviewKind.LCSPR)
    reference = models.CharField(max_length=30)
    title = models.CharField(max_length=200, help_text="A title without the child's name, e.g. Child H.")
    rapid_review = models.OneToOneField(
        RapidReview, on_delete=models.PROTECT, null=True, blank=True, related_name="lcspr"
    )
    area = models.ForeignKey(
        "partnerships.LocalAuthorityArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField("date of the decision to initiate the review")
    due_date = models.DateField("publication due", db_index=True, editable=False)
    due_rule = models.CharField(max_length=300, blank=True, editable=False)
    reviewer_name = models.CharField("independent reviewer", max_length=200, blank=True)
    reviewer_appointed_on = models.DateField(null=True, blank=True)
    terms_of_reference = models.TextField(blank=True)
    final_report_received_on = models.DateField(null=True, blank=True)
    sign_off_round = models.PositiveSmallIntegerField(default=1, editable=False)
    signed_off_on = models.DateField(null=True, blank=True, editable=False)
    planned_publication_on = models.DateField("planned publication date", null=True, blank=True)
    sent_to_panel_on = models.DateField("date sent to the Panel", null=True, blank=True)
    sent_to_dfe_on = models.DateField("date sent to the Department for Education", null=True, blank=True)
    sent_to_what_works_on = models.DateField("date sent to the What Works Centre", null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    findings_only = models.BooleanField(
        "only the findings are published",
        default=False,
        help_text="Where publishing the report would be inappropriate (Working Together).",
    )
    late_reason = models.TextField(
        "reason for delay",
        blank=True,
        help_text=(
            "Required when the planned or actual publication date is after the expected date (6 months "
            "from the decision), e.g. criminal proceedings or an inquest; explained to the Panel."
        ),
    )
    decision_date_reason = models.TextField(
        "reason the decision date was changed",
        blank=True,
        help_text=(
            "The decision date follows the rapid review's. Required when you change it; kept in the "
            "record's history."
        ),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="lcsprs")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = LCSPRQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = "local child safeguarding practice review"
        verbose_name_plural = "local child safeguarding practice reviews"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"],
                name="lcspr_reference_unique",
                violation_error_message="The partnership already has a review with this reference.",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(published_on__gte=models.F("decided_on")),
                name="lcspr_published_after_decision",
                violation_error_message="A review is published on or after the date it was decided on.",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return _url("lcspr_detail", self, pk=self.pk)

    @property
    def stage(self):
        if self.published_on:
            return LCSPRStage.PUBLISHED
        if self.sent_to_panel_on and self.sent_to_dfe_on:
            return LCSPRStage.SENT
        if self.signed_off_on:
            return LCSPRStage.SIGNED_OFF
        if self.final_report_received_on:
            return LCSPRStage.FINAL_REPORT
        if self.reviewer_appointed_on:
            return LCSPRStage.IN_PROGRESS
        return LCSPRStage.COMMISSIONED

    @property
    def stage_label(self):
        return LCSPRStage(self.stage).label

    @property
    def published_on_time(self):
        if self.published_on is None:
            return None
        return self.published_on <= self.due_date

    def is_overdue(self, on=None):
        return self.published_on is None and self.due_date < (on or timezone.localdate())

    def publication_expected(self):
        """(date, rule): the latest date the review is expected to be published by."""
        if self.kind == ReviewKind.LEGACY_SCR:
            began = self.partnership.arrangements_in_operation_on if self.partnership_id else None
            return rules.legacy_scr_due(began or self.decided_on)
        return rules.lcspr_publication_due(self.decided_on)

    def clean(self):
        errors = {}
        if self.decided_on and self.planned_publication_on and not self.late_reason.strip():
            # Completed and published within 6 months of the decision (docs/statutory-rules.md#lcspr):
            # a plan beyond that is a delay the partners explain to the Panel.
            expected, _rule = self.publication_expected()
            if self.planned_publication_on > expected:
                errors["late_reason"] = (
                    f"The planned publication date is after the expected date ({expected:%d %B %Y}): "
                    "record the reason for the delay."
                )
        if self.decided_on and self.rapid_review_id and not self.decision_date_reason.strip():
            follows = self.rapid_review.decided_on
            if follows and self.decided_on != follows:
                errors["decision_date_reason"] = (
                    f"The decision date differs from the rapid review's ({follows:%d %B %Y}): "
                    "record the reason for the change."
                )
        if errors:
            raise ValidationError(errors)


class MilestoneQuerySet(ScopedQuerySet):
    partnership_path = "lcspr__partnership"

    def open(self):
        return self.filter(completed_on__isnull=True)

    def overdue(self, on=None):
        """Not complete and past its due date."""
        return self.open().filter(due_date__lt=on or timezone.localdate())


class Milestone(models.Model):
    """A step of an LCSPR with its own target date: terms of reference, practitioner event, drafts."""

    lcspr = models.ForeignKey(LCSPR, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=30, choices=MilestoneKind.choices)
    description = models.CharField(max_length=255, blank=True)
    due_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description or self.get_kind_display()

    def get_absolute_url(self):
        return self.lcspr.get_absolute_url()

    def is_overdue(self, on=None):
        """Past its due date and not complete: flagged "Overdue" on the LCSPR's page and list."""
        return self.completed_on is None and self.due_date < (on or timezone.localdate())


class LearningReview(models.Model):
    """Another learning review: a multi-agency case evaluation, learning review or multi-agency audit."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=LearningReviewKind.choices)
    title = models.CharField(max_length=200)
    area = models.ForeignKey(
        "partnerships.LocalAuthorityArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    methodology = models.TextField(blank=True)
    participants = models.TextField(blank=True, help_text="Agencies and roles taking part.")
    findings = models.TextField(blank=True)
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="learning_reviews")
    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("learning_review_detail", self, pk=self.pk)


class Recommendation(models.Model):
    """A recommendation of a review; its action lives in the partnership's action log."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT, related_name="+")
    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    lcspr = models.ForeignKey(
        LCSPR, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    learning_review = models.ForeignKey(
        LearningReview, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    text = models.TextField("recommendation")
    action = models.OneToOneField(
        "partnerships.Action", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(rapid_review__isnull=False, lcspr__isnull=True, learning_review__isnull=True)
                    | Q(rapid_review__isnull=True, lcspr__isnull=False, learning_review__isnull=True)
                    | Q(rapid_review__isnull=True, lcspr__isnull=True, learning_review__isnull=False)
                ),
                name="recommendation_one_review",
                violation_error_message="A recommendation belongs to one review.",
            )
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.review.get_absolute_url()

    @property
    def review(self):
        return self.rapid_review or self.lcspr or self.learning_review
