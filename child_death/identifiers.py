"""What identifies a child in child death records, for the identity guard
(partnerships/core/identity.py)."""

from child_death.models import ChildIdentity as ChildIdentityRecord
from partnerships.core.identity import ChildIdentity, other_names


def case_identifiers(partnership):
    """The children of the cases of panels whose footprint includes `partnership` (a panel's cases
    may be published about by any of them): names, other names, date of birth, NHS number, and the
    case's and the National Child Mortality Database's references."""
    rows = ChildIdentityRecord.objects.filter(case__panel__partnerships=partnership).values_list(
        "case__reference",
        "case__ncmd_reference",
        "given_names",
        "family_name",
        "other_names",
        "date_of_birth",
        "nhs_number",
    )
    for reference, ncmd_reference, given, family, others, born, nhs_number in rows:
        yield ChildIdentity(
            record_label=f"child death case {reference}",
            given_names=given,
            family_names=family,
            aliases=other_names(others),
            dates_of_birth=born,
            nhs_numbers=nhs_number,
            references=(reference, ncmd_reference),
        )
