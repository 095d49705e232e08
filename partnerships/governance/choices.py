"""Choices with their labels, shared across the product."""

from django.db import models

from partnerships.core.choices import RAG


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MinutesStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class AgendaItemKind(models.TextChoices):
    ITEM = "item", "Item"
    MATTERS_ARISING = "matters_arising", "Matters arising (open action carried forward)"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    DEPUTY = "deputy", "Deputy sent"


# Present in person, or through a deputy: both count towards the quorum.
REPRESENTED_STATUSES = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY})


class QuorumKind(models.TextChoices):
    ALL_STATUTORY_PARTNERS = "all_statutory_partners", "Every statutory safeguarding partner represented"
    MINIMUM_ORGANISATIONS = "minimum_organisations", "At least a number of organisations represented"
    MINIMUM_PEOPLE = "minimum_people", "At least a number of people present (deputies included)"
    NONE = "none", "No quorum rule"


class PriorityRAG(models.TextChoices):
    """A progress rating chosen by the person reporting (unlike an action's, which is derived)."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"

    @property
    def tag_class(self):
        return RAG(self.value).tag_class


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
