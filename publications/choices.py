"""Choices of the publications app, with their labels."""

from django.db import models


class PublicationKind(models.TextChoices):
    ARRANGEMENTS = "arrangements", "Published safeguarding arrangements"
    YEARLY_REPORT = "yearly_report", "Yearly report"
    LCSPR_REPORT = "lcspr_report", "Local child safeguarding practice review report"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT_FOR_SIGN_OFF = "sent", "Sent for sign-off"
    SUPERSEDED = "superseded", "Superseded"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"

    @property
    def tag_class(self):
        return {
            "draft": "govuk-tag--grey",
            "sent": "govuk-tag--yellow",
            "superseded": "govuk-tag--grey",
            "published": "govuk-tag--green",
            "withdrawn": "govuk-tag--red",
        }[self.value]


class RenderStatus(models.TextChoices):
    NONE = "none", "Not rendered"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Rendering"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"
