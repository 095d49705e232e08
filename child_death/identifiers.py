"""What identifies a child in child death records, for the publication guard."""

from child_death.models import ChildIdentity
from partnerships.core.registry import date_spellings


def case_identifiers(partnership):
    """Names, dates of birth, NHS numbers and case references of the cases of panels whose
    footprint includes `partnership` (a panel's cases may be published about by any of them)."""
    rows = ChildIdentity.objects.filter(case__panel__partnerships=partnership).values_list(
        "case__reference", "given_names", "family_name", "date_of_birth", "nhs_number"
    )
    for reference, given, family, born, nhs_number in rows:
        yield reference
        yield f"{given} {family}"
        yield from date_spellings(born)
        if nhs_number:
            yield nhs_number
