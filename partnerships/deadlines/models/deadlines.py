import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, F, Value, When
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.core.querysets import ScopedQuerySet
from partnerships.deadlines.choices import DeadlineStatus

# A deadline is "due soon" within this many calendar days (local convention, configurable).

DUE_SOON_DAYS = getattr(settings, "DEADLINE_DUE_SOON_DAYS", 7)


class DeadlineQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def outstanding(self):
        return self.active().filter(met_on__isnull=True)

    def overdue(self, on=None):
        return self.outstanding().filter(due_date__lt=on or timezone.localdate())

    def due_soon(self, on=None):
        today = on or timezone.localdate()
        return self.outstanding().filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(DUE_SOON_DAYS)
        )

    def with_status(self, on=None):
        """Annotate `status_value` so lists can filter and sort by status in SQL."""
        today = on or timezone.localdate()
        return self.annotate(
            status_value=Case(
                When(met_on__isnull=False, met_on__lte=F("due_date"), then=Value(DeadlineStatus.MET_ON_TIME)),
                When(met_on__isnull=False, then=Value(DeadlineStatus.MET_LATE)),
                When(due_date__lt=today, then=Value(DeadlineStatus.OVERDUE)),
                When(
                    due_date__lte=today + datetime.timedelta(DUE_SOON_DAYS),
                    then=Value(DeadlineStatus.DUE_SOON),
                ),
                default=Value(DeadlineStatus.UPCOMING),
                output_field=models.CharField(),
            )
        )

    def with_status_in(self, statuses, on=None):
        return self.with_status(on).filter(status_value__in=statuses)


class Deadline(models.Model):
    """One dated obligation in the register: statutory or local, with the rule that produced it.

    Rows are written by each app's services (`partnerships.deadlines.upsert_deadline`) whenever the
    record that starts the clock changes, so the register is always the stored, indexed truth.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="deadlines"
    )
    kind = models.CharField(max_length=60, db_index=True, help_text="A registered deadline kind.")
    title = models.CharField(max_length=255)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(max_length=255, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    rule = models.CharField(max_length=255, help_text="How the due date is computed.")
    authority = models.CharField(max_length=255, blank=True, help_text="The statute or guidance behind it.")
    starts_on = models.DateField(null=True, blank=True)
    due_date = models.DateField(db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="deadlines"
    )
    met_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True, help_text="False when the obligation no longer applies.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeadlineQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicaldeadline")

    class Meta:
        db_table = "partnerships_deadline"  # created by the base app; the table kept its name
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind"],
                name="deadline_unique_per_source_kind",
                violation_error_message="This record already has a deadline of this kind.",
            )
        ]
        indexes = [
            models.Index(fields=["is_active", "met_on", "due_date"], name="deadline_outstanding_due"),
            models.Index(fields=["partnership", "due_date"], name="deadline_partnership_due"),
        ]

    def __str__(self):
        return f"{self.title} (due {self.due_date:%d %b %Y})"

    def status(self, on=None):
        today = on or timezone.localdate()
        if self.met_on:
            return DeadlineStatus.MET_ON_TIME if self.met_on <= self.due_date else DeadlineStatus.MET_LATE
        if self.due_date < today:
            return DeadlineStatus.OVERDUE
        if self.due_date <= today + datetime.timedelta(DUE_SOON_DAYS):
            return DeadlineStatus.DUE_SOON
        return DeadlineStatus.UPCOMING
