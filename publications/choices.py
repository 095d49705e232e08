"""Choices of the publications app, with their labels."""

from enum import nonmember

from django.db import models

from partnerships.core.choices import TaggedChoices


class PublicationKind(models.TextChoices):
    ARRANGEMENTS = "arrangements", "Published safeguarding arrangements"
    YEARLY_REPORT = "yearly_report", "Yearly report"
    LCSPR_REPORT = "lcspr_report", "Local child safeguarding practice review report"


class VersionStatus(TaggedChoices):
    DRAFT = "draft", "Draft"
    SENT_FOR_SIGN_OFF = "sent", "Sent for sign-off"
    SUPERSEDED = "superseded", "Superseded"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"

    colours = nonmember(
        {"draft": "grey", "sent": "yellow", "superseded": "grey", "published": "green", "withdrawn": "red"}
    )


class RenderStatus(models.TextChoices):
    NONE = "none", "Not rendered"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Rendering"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"
