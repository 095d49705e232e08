from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships.core.querysets import ScopedQuerySet
from partnerships.deadlines import rules


class ArrangementsTimetable(models.Model):
    """A partnership's move from the board: arrangements published and in operation, and grace periods.

    The due dates are the statutory ones as the partnership's own paper gives them (29 June 2019;
    29 or 30 September 2019); the dates they were met are the partnership's
    `arrangements_published_on` and `arrangements_in_operation_on`.
    """

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="timetable"
    )
    publish_by = models.DateField(
        default=rules.ARRANGEMENTS_PUBLISH_BY, help_text="When the arrangements had to be published."
    )
    operate_by = models.DateField(
        default=rules.ARRANGEMENTS_OPERATE_BY,
        help_text="When the arrangements had to be in operation, as the partnership's paper says.",
    )
    timetable_source = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where these dates come from, e.g. a Cabinet paper and paragraph.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who answers for these dates and the yearly report; blank: the business-unit manager.",
    )
    serious_case_reviews_outstanding = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Serious case reviews the board left unfinished when the arrangements began "
        "(blank: not yet recorded; 0: none, so no grace period applies).",
    )
    serious_case_reviews_completed_on = models.DateField(
        null=True, blank=True, help_text="When the last of them was completed and published."
    )
    child_death_reviews_outstanding = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Child death reviews under way when the arrangements began (blank: not yet recorded).",
    )
    child_death_reviews_completed_on = models.DateField(
        null=True, blank=True, help_text="When the last of them was completed."
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalarrangementstimetable")

    class Meta:
        db_table = "partnerships_arrangementstimetable"  # created by the base app; the table kept its name
        ordering = ["partnership"]
        constraints = [
            models.CheckConstraint(
                condition=Q(operate_by__gte=F("publish_by")),
                name="timetable_operate_after_publish",
                violation_error_message="The arrangements must be in operation on or after the date they are published.",
            )
        ]

    def __str__(self):
        return f"Arrangements timetable of {self.partnership.short_name}"

    def get_absolute_url(self):
        return reverse("deadlines:timetable", kwargs={"partnership": self.partnership.slug})

    def clean(self):
        """A completion date goes with reviews that were outstanding (docs/statutory-rules.md#transition-dates)."""
        errors = {}
        for count, done in (
            ("serious_case_reviews_outstanding", "serious_case_reviews_completed_on"),
            ("child_death_reviews_outstanding", "child_death_reviews_completed_on"),
        ):
            if getattr(self, count) == 0 and getattr(self, done):
                errors[done] = "Leave this blank when none were outstanding"
        if errors:
            raise ValidationError(errors)

    @property
    def arrangements_began(self):
        """The day the arrangements began: the recorded date, else the date they were due to."""
        return self.partnership.arrangements_in_operation_on or self.operate_by


class YearlyReportCycleQuerySet(ScopedQuerySet):
    def unpublished(self):
        return self.filter(published_on__isnull=True)


class YearlyReportCycle(models.Model):
    """One 12-month cycle of the partnership's yearly report: when it is due, published and sent on."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="yearly_report_cycles"
    )
    starts_on = models.DateField(
        help_text="When the 12 months began: the arrangements' start for the first report, the "
        "previous report's publication after that."
    )
    published_on = models.DateField(null=True, blank=True)
    sent_on = models.DateField(
        null=True, blank=True, help_text="When it was sent to the Panel and the What Works Centre."
    )
    report_url = models.URLField(blank=True, help_text="Where the published report can be read.")

    objects = YearlyReportCycleQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalyearlyreportcycle")

    class Meta:
        db_table = "partnerships_yearlyreportcycle"  # created by the base app; the table kept its name
        ordering = ["partnership", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "starts_on"],
                name="yearly_report_cycle_unique_start",
                violation_error_message="There is already a yearly report for a period starting on this date.",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(published_on__gte=F("starts_on")),
                name="yearly_report_published_after_start",
                violation_error_message="A yearly report is published on or after the start of its period.",
            ),
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True)
                | (Q(published_on__isnull=False) & Q(sent_on__gte=F("published_on"))),
                name="yearly_report_sent_after_published",
                violation_error_message="Enter the publication date first: a report is sent on or after the day it is published.",
            ),
        ]

    def __str__(self):
        return f"Yearly report due {self.publish_by:%d %B %Y}"

    def get_absolute_url(self):
        return reverse(
            "deadlines:yearly_report_update", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    def clean(self):
        """Published within its period, and sent after it is published (docs/statutory-rules.md#yearly-report)."""
        errors = {}
        starts, published, sent = self.starts_on, self.published_on, self.sent_on
        if published and starts and published < starts:
            errors["published_on"] = "The report is published after its 12 months start"
        if sent and not published:
            errors["sent_on"] = "Enter when it was published before when it was sent"
        elif sent and published and sent < published:
            errors["sent_on"] = "It is sent on or after the day it is published"
        if errors:
            raise ValidationError(errors)

    @property
    def publish_by(self):
        return rules.yearly_report_due(self.starts_on)

    @property
    def send_by(self):
        return rules.yearly_report_sending_due(self.published_on) if self.published_on else None
