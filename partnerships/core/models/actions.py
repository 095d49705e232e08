from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.core.choices import RAG, ActionSource, ActionStatus
from partnerships.core.querysets import ScopedQuerySet, scoped_queryset

# An action due within this many days is amber (a local convention; configurable per deployment).
ACTION_AMBER_DAYS = getattr(settings, "ACTION_AMBER_DAYS", 14)


class ActionQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])

    def overdue(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.localdate())


class Action(models.Model):
    """An entry in the partnership's action log, from a meeting, a review, an audit or scrutiny."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="actions"
    )
    reference = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    source_kind = models.CharField(max_length=20, choices=ActionSource.choices, default=ActionSource.OTHER)
    # The record the action came from, in whichever app holds it (a meeting, a rapid review, a
    # child death case...). The label and URL are kept so lists need no join into other apps.
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(max_length=255, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_owned",
    )
    owner_organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    due_date = models.DateField(db_index=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    dropped_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    evidence_of_impact = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["partnership", "status", "due_date"], name="action_partnership_status_due"),
            models.Index(fields=["source_type", "source_id"], name="action_source"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.DROPPED) | ~models.Q(dropped_reason=""),
                name="action_dropped_has_reason",
                violation_error_message="Say why the action is being dropped.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "partnerships:action_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    def clean(self):
        if self.status == ActionStatus.DROPPED and not self.dropped_reason.strip():
            raise ValidationError({"dropped_reason": "Say why the action is being dropped."})

    @property
    def is_open(self):
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

    def rag(self, on=None):
        """Red when overdue, amber when due soon, green otherwise; grey once done or dropped."""
        if not self.is_open:
            return RAG.COMPLETE
        today = on or timezone.localdate()
        if self.due_date < today:
            return RAG.RED
        if (self.due_date - today).days <= ACTION_AMBER_DAYS:
            return RAG.AMBER
        return RAG.GREEN


class ActionUpdate(models.Model):
    """A dated note on an action's progress."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = scoped_queryset("action__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Update on {self.action} at {self.created_at:%d %b %Y}"
