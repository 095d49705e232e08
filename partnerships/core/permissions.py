"""Who may do what, in one place. Every view and API endpoint goes through here.

Roles (partnerships.Role) are the source; each is granted as django-guardian object permissions on
its Partnership, and every check reads those permissions. A person's permissions are read once per
request (one query) and kept on the user object.

Missing and forbidden look alike to an outsider: a partnership you hold no role in gives 404.
Someone who may see a partnership but not change it (a scrutineer) gets 403 on any write.
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from partnerships.core.access import Access, Perm, access_for, forget_access
from partnerships.core.choices import RoleKind
from partnerships.core.models import Partnership, PartnershipUserObjectPermission, Role

__all__ = ["Access", "Perm", "access_for", "forget_access"]


def perms_for_role(role):
    """The permissions a role grants on its partnership."""
    if role.kind == RoleKind.BUSINESS_UNIT:
        return {Perm.VIEW, Perm.CHANGE} | ({Perm.MANAGE} if role.is_manager else set())
    if role.kind == RoleKind.PARTNER_LEAD:
        return {Perm.VIEW, Perm.SIGN_OFF}
    if role.kind == RoleKind.SCRUTINEER:
        return {Perm.VIEW}
    if role.kind == RoleKind.AGENCY_CONTRIBUTOR:
        return {Perm.CONTRIBUTE}
    return set()


@transaction.atomic
def sync_permissions(user, partnership):
    """Make the user's guardian permissions on `partnership` exactly those their roles grant."""
    wanted = set()
    for role in Role.objects.filter(user=user, partnership=partnership):
        wanted |= perms_for_role(role)
    existing = {
        p.permission.codename: p
        for p in PartnershipUserObjectPermission.objects.filter(
            user=user, content_object=partnership
        ).select_related("permission")
    }
    for codename, row in existing.items():
        if codename not in wanted:
            row.delete()
    missing = wanted - existing.keys()
    if missing:
        perms = Permission.objects.filter(content_type__app_label="partnerships", codename__in=missing)
        PartnershipUserObjectPermission.objects.bulk_create(
            [
                PartnershipUserObjectPermission(user=user, content_object=partnership, permission=p)
                for p in perms
            ]
        )
    forget_access(user)


def can(user, perm, partnership):
    return access_for(user).has(perm, partnership)


def require(user, perm, partnership):
    """Raise 404 unless the person can see the partnership, 403 if they see it but lack `perm`.

    An agency contributor cannot see the partnership itself: only contribute views (perm
    CONTRIBUTE) let them in, and every other page answers 404, as for an outsider.
    """
    access = access_for(user)
    if access.is_superuser:
        return
    if perm == Perm.CONTRIBUTE:
        if not access.has(Perm.CONTRIBUTE, partnership):
            raise Http404("No such partnership.")
        return
    if not access.has(Perm.VIEW, partnership):
        raise Http404("No such partnership.")
    if not access.has(perm, partnership):
        raise PermissionDenied("Your role in this partnership does not allow this.")


def access_partnership(user, slug, perm=Perm.VIEW):
    """Fetch a partnership by slug and authorise `perm` in one step (Zulip's access_* helpers)."""
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise Http404("No such partnership.")
    require(user, perm, partnership)
    return partnership


def write_perm_for_method(method, default=Perm.CHANGE):
    """Safe methods read; anything else is a write and needs `default` (CHANGE unless a view says)."""
    return Perm.VIEW if method in ("GET", "HEAD", "OPTIONS") else default


def visible_partnerships(user):
    """Partnerships the person holds any role in (for the switcher)."""
    access = access_for(user)
    if access.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(pk__in=access.all_partnership_ids)


def sign_off_organisations(user, partnership):
    """The statutory partner organisations this person may sign off for in `partnership`."""
    if not can(user, Perm.SIGN_OFF, partnership):
        return set()
    return access_for(user).acting_for(partnership, RoleKind.PARTNER_LEAD)


def contributor_organisations(user, partnership=None):
    """The agencies a person contributes for: in one partnership, or in any."""
    access = access_for(user)
    if partnership is not None:
        return access.acting_for(partnership, RoleKind.AGENCY_CONTRIBUTOR)
    return {
        org
        for (pid, kind), orgs in access.organisations.items()
        if kind == RoleKind.AGENCY_CONTRIBUTOR
        for org in orgs
    }
