"""Choices for case reviews, with their labels (docs/statutory-rules.md#serious-incident-notification, #rapid-review, #lcspr)."""

from enum import nonmember

from django.db import models

from partnerships.core.choices import TaggedChoices


class IncidentType(models.TextChoices):
    """What happened: the s16C Children Act 2004 duty covers a death or serious harm."""

    DEATH = "death", "Child died"
    SERIOUS_HARM = "serious_harm", "Child seriously harmed"
    # Working Together 2023 adds the death of a care leaver under 25: notified, no rapid review.
    CARE_LEAVER_DEATH = "care_leaver_death", "Death of a care leaver under 25"


class AgeBand(models.TextChoices):
    UNBORN = "unborn", "Unborn"
    UNDER_1 = "under_1", "Under 1"
    AGE_1_4 = "1_4", "1 to 4"
    AGE_5_9 = "5_9", "5 to 9"
    AGE_10_15 = "10_15", "10 to 15"
    AGE_16_17 = "16_17", "16 to 17"
    AGE_18_24 = "18_24", "18 to 24 (care leaver)"


class RapidReviewStatus(models.TextChoices):
    OPEN = "open", "In progress"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    REOPENED = "reopened", "Reopened"


class RapidReviewDecision(models.TextChoices):
    """The options the partners own (Havering paper 4.3.2.2; Working Together 2018 ch. 4)."""

    LCSPR = "lcspr", "Commission a local child safeguarding practice review"
    OTHER_LOCAL = "other_local", "Another local response"
    NATIONAL = "national", "Suggest a national review to the Panel"
    NO_FURTHER = "no_further", "No further review"


class ContributionStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReviewKind(models.TextChoices):
    LCSPR = "lcspr", "Local child safeguarding practice review"
    LEGACY_SCR = "legacy_scr", "Serious case review (legacy)"
    THEMATIC = "thematic", "Thematic local child safeguarding practice review"


class LCSPRStage(models.TextChoices):
    COMMISSIONED = "commissioned", "Commissioned"
    IN_PROGRESS = "in_progress", "Reviewer appointed"
    FINAL_REPORT = "final_report", "Final report received"
    SIGNED_OFF = "signed_off", "Signed off"
    SENT = "sent", "Sent to the Panel and DfE"
    PUBLISHED = "published", "Published"


class MilestoneKind(models.TextChoices):
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference agreed"
    PRACTITIONER_EVENT = "practitioner_event", "Practitioner event"
    FAMILY_ENGAGEMENT = "family_engagement", "Family engagement"
    DRAFT = "draft", "Draft report"
    FINAL_DRAFT = "final_draft", "Final draft"
    OTHER = "other", "Other"


class LearningReviewKind(models.TextChoices):
    """Other learning reviews (Havering paper 4.3.4): evaluations, learning reviews, audits."""

    MACE = "mace", "Multi-agency case evaluation"
    LEARNING_REVIEW = "learning_review", "Learning review"
    AUDIT = "audit", "Multi-agency audit"


class ChronologyContact(models.TextChoices):
    VISIT = "visit", "Home visit"
    APPOINTMENT = "appointment", "Appointment"
    PHONE = "phone", "Telephone"
    REFERRAL = "referral", "Referral"
    MEETING = "meeting", "Meeting"
    INCIDENT = "incident", "Incident"
    OTHER = "other", "Other"


class Timeliness(TaggedChoices):
    """How a notification, rapid review or LCSPR stands against its time limit, for its status tag
    (the querysets' on_time() and late(): reviews.models)."""

    ON_TIME = "on_time", "On time"
    LATE = "late", "Late"
    OVERDUE = "overdue", "Overdue"
    IN_TIME = "in_time", "Not yet due"

    colours = nonmember({"on_time": "green", "late": "orange", "overdue": "red", "in_time": "blue"})

    @classmethod
    def of(cls, done_on_time, overdue):
        """From a record's `..._on_time` (None until done) and `is_overdue()`."""
        if done_on_time is None:
            return cls.OVERDUE if overdue else cls.IN_TIME
        return cls.ON_TIME if done_on_time else cls.LATE
