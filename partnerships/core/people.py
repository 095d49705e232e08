"""Who and which organisations belong to a partnership, for choices in its forms.

Each is a set of ids from small subqueries joined by OR, not one query joining every relation,
which needs DISTINCT over the join of every user (or organisation) with every relation.
"""

from django.db.models import Q

from partnerships.core.models import (
    GroupMember,
    Organisation,
    RelevantAgency,
    Role,
    SafeguardingPartner,
    User,
)


def organisations_in(partnership):
    """The partnership's statutory partners, relevant agencies and organisations serving its areas."""
    serving = Organisation.areas.through.objects.filter(localauthorityarea__partnerships=partnership)
    return Organisation.objects.filter(
        Q(pk__in=SafeguardingPartner.objects.filter(partnership=partnership).values("organisation_id"))
        | Q(pk__in=RelevantAgency.objects.filter(partnership=partnership).values("organisation_id"))
        | Q(pk__in=serving.values("organisation_id"))
    )


def people_in(partnership):
    """People with a role in the partnership, a seat on one of its groups, or at one of its organisations."""
    return User.objects.filter(
        Q(pk__in=Role.objects.filter(partnership=partnership).values("user_id"))
        | Q(pk__in=GroupMember.objects.filter(group__partnership=partnership).values("person_id"))
        | Q(organisation__in=organisations_in(partnership).values("pk"))
    )


def person_in(person, partnership):
    """A person's name as a record of `partnership` shows it: marked when they no longer hold a role
    there (they are told nothing more about its records)."""
    if person is None:
        return ""
    if not Role.objects.filter(user=person, partnership=partnership).exists():
        return f"{person.display_name} (no longer in the partnership)"
    return person.display_name
