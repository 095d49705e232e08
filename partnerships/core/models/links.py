from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords


class RecordLinkQuerySet(models.QuerySet):
    def for_record(self, obj):
        """Links from or to `obj`, whichever app it lives in."""
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(
            models.Q(from_type=content_type, from_id=obj.pk) | models.Q(to_type=content_type, to_id=obj.pk)
        )


class RecordLink(models.Model):
    """A link between two records of different apps (a child death case and a serious incident).

    Each side keeps the other's label and URL, so neither app imports the other's internals: each
    shows its links by asking the base app (`RecordLink.objects.for_record(obj)`).
    """

    from_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    from_id = models.PositiveBigIntegerField()
    from_label = models.CharField(max_length=255)
    from_url = models.CharField(max_length=500, blank=True)
    to_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    to_id = models.PositiveBigIntegerField()
    to_label = models.CharField(max_length=255)
    to_url = models.CharField(max_length=500, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecordLinkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_type", "from_id", "to_type", "to_id"],
                name="record_link_unique",
                violation_error_message="These records are already linked.",
            )
        ]

    def __str__(self):
        return f"{self.from_label} ↔ {self.to_label}"

    def other_side(self, obj):
        """(label, url) of the record at the other end from `obj`."""
        content_type = ContentType.objects.get_for_model(obj)
        if self.from_type_id == content_type.pk and self.from_id == obj.pk:
            return self.to_label, self.to_url
        return self.from_label, self.from_url
