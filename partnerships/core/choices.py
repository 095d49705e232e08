"""Choices with their labels, shared across the product, and `TaggedChoices` for those shown as tags."""

from enum import nonmember

from django.db import models

# The colours of the GOV.UK Design System's tag component (govuk-tag--<colour>).
TAG_COLOURS = frozenset(
    {"grey", "green", "turquoise", "blue", "light-blue", "purple", "pink", "red", "orange", "yellow"}
)


class TaggedChoices(models.TextChoices):
    """Choices shown as GOV.UK tags: the class names each choice's colour, as NetBox's ChoiceSet does,
    so no view, dict or template picks one.

    A subclass lists `colours = nonmember({value: colour})` after its choices (`nonmember` keeps the
    dict from becoming a choice). Pages use `choice.tag_class`, or `Choices.tag_for(stored value)`.
    """

    @property
    def tag_class(self):
        return f"govuk-tag--{self.colours[self.value]}"

    @classmethod
    def tag_for(cls, value):
        """The tag class of a stored value; "" for a value that is not one of the choices."""
        colour = cls.colours.get(value)
        return f"govuk-tag--{colour}" if colour else ""


class OrganisationKind(models.TextChoices):
    """What an organisation is: one of the three statutory partner kinds or a relevant agency kind.

    Relevant agencies follow the schedule to the Child Safeguarding Practice Review and Relevant
    Agency (England) Regulations 2018 (docs/statutory-rules.md#relevant-agencies).
    """

    # The three safeguarding partners (Children Act 2004 s16E, as amended by the 2017 Act).
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    CCG = "ccg", "Clinical commissioning group"
    ICB = "icb", "Integrated care board"
    POLICE = "police", "Chief officer of police"
    # Relevant agencies.
    SCHOOL = "school", "School or academy"
    INDEPENDENT_SCHOOL = "independent_school", "Independent school"
    COLLEGE = "college", "Further education college"
    UNIVERSITY = "university", "Higher education institution"
    EARLY_YEARS = "early_years", "Early years provider or childminder"
    CHILDRENS_CENTRE = "childrens_centre", "Children's centre"
    HEALTH_PROVIDER = "health_provider", "NHS trust or health provider"
    NHS_ENGLAND = "nhs_england", "NHS England"
    CHILDRENS_HOME = "childrens_home", "Children's home"
    FOSTERING_AGENCY = "fostering_agency", "Fostering or adoption agency"
    YOUTH_OFFENDING = "youth_offending", "Youth offending team"
    PROBATION = "probation", "Probation service"
    COMMUNITY_REHABILITATION = "community_rehabilitation", "Community rehabilitation company"
    SECURE_SETTING = "secure_setting", "Prison, young offender institution or secure setting"
    TRANSPORT_POLICE = "transport_police", "British Transport Police"
    CAFCASS = "cafcass", "Cafcass"
    DISTRICT_COUNCIL = "district_council", "District council"
    HOUSING = "housing", "Housing provider"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue service"
    POLICING_BODY = "policing_body", "Police and crime commissioner or MOPAC"
    NSPCC = "nspcc", "NSPCC"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary or community organisation"
    FAITH_ORGANISATION = "faith_organisation", "Faith organisation"
    CORONER = "coroner", "Coroner"
    OTHER = "other", "Other"


STATUTORY_PARTNER_KINDS = frozenset(
    {OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.CCG, OrganisationKind.ICB, OrganisationKind.POLICE}
)

# Bodies under the section 11 duty of the Children Act 2004; schools answer to s175/s157 of the
# Education Act 2002 instead (docs/statutory-rules.md#section-11-assurance).
SECTION_11_KINDS = frozenset(
    {
        OrganisationKind.LOCAL_AUTHORITY,
        OrganisationKind.CCG,
        OrganisationKind.ICB,
        OrganisationKind.POLICE,
        OrganisationKind.HEALTH_PROVIDER,
        OrganisationKind.NHS_ENGLAND,
        OrganisationKind.YOUTH_OFFENDING,
        OrganisationKind.PROBATION,
        OrganisationKind.COMMUNITY_REHABILITATION,
        OrganisationKind.SECURE_SETTING,
        OrganisationKind.TRANSPORT_POLICE,
        OrganisationKind.CAFCASS,
        OrganisationKind.DISTRICT_COUNCIL,
        OrganisationKind.POLICING_BODY,
    }
)


class PartnerSector(models.TextChoices):
    """The three statutory partners as sectors: each signs off for its own organisation."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health (CCG or ICB)"
    POLICE = "police", "Police"


SECTOR_OF_KIND = {
    OrganisationKind.LOCAL_AUTHORITY: PartnerSector.LOCAL_AUTHORITY,
    OrganisationKind.CCG: PartnerSector.HEALTH,
    OrganisationKind.ICB: PartnerSector.HEALTH,
    OrganisationKind.POLICE: PartnerSector.POLICE,
}


class RoleKind(models.TextChoices):
    """What a person may do in one partnership."""

    BUSINESS_UNIT = "business_unit", "Business unit"
    PARTNER_LEAD = "partner_lead", "Partner lead"
    SCRUTINEER = "scrutineer", "Independent scrutineer"
    AGENCY_CONTRIBUTOR = "agency_contributor", "Agency contributor"


class GroupKind(models.TextChoices):
    EXECUTIVE = "executive", "Executive or leadership group"
    WIDER_PARTNERSHIP = "wider_partnership", "Wider partnership"
    SUB_GROUP = "sub_group", "Sub-group"
    THEMATIC = "thematic", "Thematic group"
    TASK_AND_FINISH = "task_and_finish", "Task and finish group"
    PANEL = "panel", "Panel"
    OTHER = "other", "Other"


class Edition(models.TextChoices):
    """The edition of Working Together a partnership's arrangements follow."""

    WT2018 = "2018", "Working Together to Safeguard Children 2018"
    WT2023 = "2023", "Working Together to Safeguard Children 2023"


class RapidReviewClock(models.TextChoices):
    """When the 15 working days of a rapid review start (docs/statutory-rules.md#rapid-review)."""

    FROM_NOTIFICATION = "from_notification", "From the date the notification was sent to the Panel"
    FROM_AWARENESS = "from_awareness", "From the date the local authority became aware"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class ActionSource(models.TextChoices):
    MEETING = "meeting", "Meeting"
    REVIEW = "review", "Case review"
    NATIONAL_REVIEW = "national_review", "National review (Child Safeguarding Practice Review Panel)"
    AUDIT = "audit", "Audit"
    SCRUTINY = "scrutiny", "Scrutiny finding"
    CHILD_DEATH = "child_death", "Child death review"
    ASSURANCE = "assurance", "Agency assurance"
    OTHER = "other", "Other"


class RAG(TaggedChoices):
    """Red, amber, green: with its GOV.UK tag colour."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"

    colours = nonmember({"red": "red", "amber": "orange", "green": "green", "complete": "grey"})


class PaperKind(models.TextChoices):
    """The file types accepted as meeting papers, recognised from the file's content."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document (DOCX)"
    XLSX = "xlsx", "Excel workbook (XLSX)"
    ODT = "odt", "OpenDocument text (ODT)"

    @property
    def content_type(self):
        return {
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "odt": "application/vnd.oasis.opendocument.text",
        }[self.value]
