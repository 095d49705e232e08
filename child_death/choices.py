"""Choices of the child death review, from the Child Death Review: Statutory and Operational Guidance
(England), 2018 (docs/statutory-rules.md#child-death-review), with their labels and tag colours."""

from enum import nonmember

from django.db import models

from partnerships.core.choices import TaggedChoices


class Stage(TaggedChoices):
    """Where a case is, from notification to closure (the guidance's stages, in order)."""

    NOTIFIED = "notified", "Notified"
    GATHERING = "gathering", "Information gathering"
    CDR_MEETING = "cdr_meeting", "Child death review meeting held"
    PANEL_REVIEWED = "panel_reviewed", "Reviewed by the panel"
    CLOSED = "closed", "Closed"

    colours = nonmember(
        {
            "notified": "blue",
            "gathering": "light-blue",
            "cdr_meeting": "purple",
            "panel_reviewed": "turquoise",
            "closed": "grey",
        }
    )


STAGE_ORDER = [s.value for s in Stage]


class AgeBand(models.TextChoices):
    """Age at death in the bands national child mortality figures use."""

    NEONATE = "0_27d", "0 to 27 days"
    INFANT = "28_364d", "28 to 364 days"
    Y1_4 = "1_4", "1 to 4 years"
    Y5_9 = "5_9", "5 to 9 years"
    Y10_14 = "10_14", "10 to 14 years"
    Y15_17 = "15_17", "15 to 17 years"


class PlaceOfDeath(models.TextChoices):
    HOSPITAL = "hospital", "Hospital"
    HOSPICE = "hospice", "Hospice"
    HOME = "home", "Home"
    PUBLIC_PLACE = "public_place", "Public place"
    ABROAD = "abroad", "Abroad"
    OTHER = "other", "Other"


class JarCriterion(models.TextChoices):
    """Why a joint agency response was triggered (the guidance: an unexpected death, or one from
    external causes, sudden and unexplained, in custody, or suspicious)."""

    EXTERNAL_CAUSES = "external_causes", "Death from external causes"
    SUDDEN_UNEXPLAINED = "sudden_unexplained", "Sudden and unexplained death"
    IN_CUSTODY = "in_custody", "Death in custody or detained under mental health law"
    SUSPICIOUS = "suspicious", "Suspicious circumstances"
    UNEXPECTED_COLLAPSE = "unexpected_collapse", "Unexpected collapse leading to death"


class Uptake(models.TextChoices):
    NOT_OFFERED = "not_offered", "Not yet offered"
    OFFERED = "offered", "Offered, no answer yet"
    TAKEN_UP = "taken_up", "Taken up"
    DECLINED = "declined", "Declined"


class ContactMethod(models.TextChoices):
    VISIT = "visit", "Home visit"
    PHONE = "phone", "Telephone"
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    MEETING = "meeting", "Meeting"


class FormKind(models.TextChoices):
    """The reporting form every involved agency completes, and supplementary forms by type of death."""

    REPORTING = "reporting", "Reporting form"
    SUDI = "sudi", "Supplementary: sudden unexpected death in infancy or childhood"
    NEONATAL = "neonatal", "Supplementary: perinatal or neonatal death"
    SUICIDE = "suicide", "Supplementary: suicide or self-harm"
    ROAD_TRAFFIC = "road_traffic", "Supplementary: road traffic collision"
    LIFE_LIMITING = "life_limiting", "Supplementary: life-limiting condition"
    OTHER = "other", "Supplementary: other"


class FormStatus(TaggedChoices):
    REQUESTED = "requested", "Requested"
    SUBMITTED = "submitted", "Submitted"
    WAIVED = "waived", "Waived"

    colours = nonmember({"requested": "yellow", "submitted": "green", "waived": "grey"})


class Category(models.IntegerChoices):
    """Category of death on the analysis form: a hierarchy, the lowest number that applies wins."""

    ABUSE_NEGLECT = 1, "1 Deliberately inflicted injury, abuse or neglect"
    SUICIDE = 2, "2 Suicide or deliberate self-harm"
    TRAUMA = 3, "3 Trauma and other external factors"
    MALIGNANCY = 4, "4 Malignancy"
    ACUTE = 5, "5 Acute medical or surgical condition"
    CHRONIC = 6, "6 Chronic medical condition"
    CONGENITAL = 7, "7 Chromosomal, genetic and congenital anomalies"
    PERINATAL = 8, "8 Perinatal or neonatal event"
    INFECTION = 9, "9 Infection"
    SUDDEN_UNEXPLAINED = 10, "10 Sudden unexpected, unexplained death"


class FactorGrade(models.IntegerChoices):
    """Grade of contributory factors in one domain, on the national analysis form's scale
    (docs/statutory-rules.md#contributory-factors). The pre-2019 form's "complete and sufficient
    explanation" grade is gone; migration 0003 mapped grades recorded on the older scale."""

    NOT_AVAILABLE = 0, "0: information not available"
    NONE_OR_UNLIKELY = 1, "1: no factors identified, or factors identified but unlikely to have contributed"
    MAY_HAVE_CONTRIBUTED = (
        2,
        "2: factors identified that may have contributed to vulnerability, ill-health or death",
    )


class Modifiable(models.TextChoices):
    YES = "yes", "Yes: modifiable factors identified"
    NO = "no", "No modifiable factors identified"
    INSUFFICIENT = "insufficient", "Insufficient information"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class AgendaOutcome(models.TextChoices):
    PENDING = "pending", "Not yet discussed"
    REVIEWED = "reviewed", "Review completed"
    DEFERRED = "deferred", "Deferred to a later meeting"


class Expectedness(models.TextChoices):
    EXPECTED = "expected", "Expected"
    UNEXPECTED = "unexpected", "Unexpected"
