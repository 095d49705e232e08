"""Who and which organisations belong to a partnership, for choices in its forms."""

from django.db.models import Q

from partnerships.models import Organisation, User


def organisations_in(partnership):
    """The partnership's statutory partners, relevant agencies and organisations serving its areas."""
    return Organisation.objects.filter(
        Q(partner_of__partnership=partnership)
        | Q(relevant_agency_of__partnership=partnership)
        | Q(areas__in=partnership.areas.all())
    ).distinct()


def people_in(partnership):
    """People with a role in the partnership, a seat on one of its groups, or at one of its organisations."""
    return User.objects.filter(
        Q(roles__partnership=partnership)
        | Q(group_seats__group__partnership=partnership)
        | Q(organisation__in=organisations_in(partnership).values("pk"))
    ).distinct()
