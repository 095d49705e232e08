"""Choices with their labels, shared across the product."""

from enum import nonmember

from django.db import models

from partnerships.core.choices import RAG, TaggedChoices


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MinutesStatus(TaggedChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"

    colours = nonmember({"not_started": "grey", "draft": "yellow", "approved": "green"})


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


class PriorityRAG(TaggedChoices):
    """A progress rating chosen by the person reporting (unlike an action's, which is derived)."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"

    # The colours of an action's rating (RAG).
    colours = nonmember({value: RAG.colours[value] for value in ("red", "amber", "green")})


class RiskBand(TaggedChoices):
    """How serious a scored risk is (the score's floors are governance.models.RISK_BANDS)."""

    VERY_HIGH = "very_high", "Very high"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
    NOT_SCORED = "not_scored", "Not scored"

    colours = nonmember(
        {"very_high": "red", "high": "orange", "medium": "yellow", "low": "green", "not_scored": "grey"}
    )


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
