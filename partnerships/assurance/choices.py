"""Choices with their labels, shared across the product."""

from django.db import models


class ScrutinyKind(models.TextChoices):
    """Scrutiny methods named in the Havering paper (3.1, 4.2) and Working Together."""

    OBSERVATION = "observation", "Observation of a meeting"
    MINUTES_REVIEW = "minutes_review", "Review of minutes"
    CASE_AUDIT = "case_audit", "Case audit"
    PEER_REVIEW = "peer_review", "Peer review"
    ENGAGEMENT = "engagement", "Engagement with children, young people and families"
    OTHER = "other", "Other"


class FindingStatus(models.TextChoices):
    AWAITING_RESPONSE = "awaiting_response", "Awaiting the partners' response"
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESPONDED = "responded", "Responded"
    ESCALATED = "escalated", "Escalated"
    CLOSED = "closed", "Closed"


class ChallengeStepKind(models.TextChoices):
    NOTE = "note", "Note"
    RESPONSE = "response", "Response"
    ESCALATION = "escalation", "Escalation"
    CLOSURE = "closure", "Closure"


class CycleStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReturnStatus(models.TextChoices):
    """Where the agency's one shared return stands. Whether it is moderated is each partnership's own
    fact (`AgencyReturn.status_for`), never this field."""

    NOT_STARTED = "not_started", "Not started"
    DRAFT = "draft", "Draft"
    RETURNED = "returned", "Returned for more evidence"
    SUBMITTED = "submitted", "Submitted"


# What a partnership sees of a return whose every standard it has moderated.
MODERATED_LABEL = "Moderated"


class InvitationStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Section11Score(models.IntegerChoices):
    """The 0 to 3 scale of a Section 11 self-assessment (docs/statutory-rules.md#section-11-assurance)."""

    NOT_MET = 0, "0: not met"
    PARTLY_MET = 1, "1: partly met"
    MOSTLY_MET = 2, "2: mostly met"
    FULLY_MET = 3, "3: fully met"
