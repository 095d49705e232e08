from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.core.querysets import ScopedQuerySet

# A deadline is "due soon" within this many calendar days (local convention, configurable).


class Notification(models.Model):
    """A message to one person, shown in the app (with an unread count) and sent by email."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.title

    @property
    def is_unread(self):
        return self.read_at is None


class AccessChannel(models.TextChoices):
    """How a record that shows a child's identity was seen."""

    PAGE = "page", "Record page"
    EDIT = "edit", "Edit page"
    HISTORY = "history", "History"
    ADMIN = "admin", "Administration"
    EXPORT = "export", "Export"
    API = "api", "API"


class RecordAccess(models.Model):
    """Who saw a case record that shows a child's identity, when, where and how (visible to
    business-unit managers, and exported for a subject access request)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    record_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    record_label = models.CharField(max_length=255)
    accessed_at = models.DateTimeField(default=timezone.now, db_index=True)
    channel = models.CharField(max_length=10, choices=AccessChannel.choices, default=AccessChannel.PAGE)
    route = models.CharField(max_length=255, blank=True, help_text="The address that showed it.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name_plural = "record accesses"
        indexes = [models.Index(fields=["record_type", "record_id"], name="record_access_record")]

    def __str__(self):
        return f"{self.user} opened {self.record_label} at {self.accessed_at:%d %b %Y %H:%M}"
