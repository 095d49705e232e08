"""Who may do what, in one place. Every view and API endpoint goes through here.

Roles (partnerships.Role) are the source; each is granted as django-guardian object permissions on
its Partnership, and every check reads those permissions. A person's permissions are read once per
request (one query) and kept on the user object.

Missing and forbidden look alike to an outsider: a partnership you hold no role in gives 404.
Someone who may see a partnership but not change it (a scrutineer) gets 403 on any write.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from partnerships.choices import RoleKind


class Perm:
    """Object permission codenames on Partnership."""

    VIEW = "view_partnership"
    CHANGE = "edit_records"
    SIGN_OFF = "sign_off"
    CONTRIBUTE = "contribute"
    MANAGE = "manage_business_unit"

    ALL = (VIEW, CHANGE, SIGN_OFF, CONTRIBUTE, MANAGE)


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
    from django.contrib.auth.models import Permission

    from partnerships.models import PartnershipUserObjectPermission, Role

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


@dataclass
class Access:
    """What one person may do, partnership by partnership, read once per request."""

    is_superuser: bool = False
    by_partnership: dict = field(default_factory=dict)  # partnership id -> set of codenames
    organisations: dict = field(default_factory=dict)  # (partnership id, role kind) -> set of org ids

    def partnership_ids(self, perm):
        return [pid for pid, perms in self.by_partnership.items() if perm in perms]

    def has(self, perm, partnership):
        if self.is_superuser:
            return True
        pid = partnership if isinstance(partnership, int) else partnership.pk
        return perm in self.by_partnership.get(pid, ())

    def can_see(self, partnership):
        return self.has(Perm.VIEW, partnership)

    def acting_for(self, partnership, kind):
        """The organisations the person acts for in `partnership` in a role of `kind`."""
        pid = partnership if isinstance(partnership, int) else partnership.pk
        return self.organisations.get((pid, kind), set())

    @property
    def writes_anywhere(self):
        return self.is_superuser or any(
            {Perm.CHANGE, Perm.SIGN_OFF, Perm.CONTRIBUTE} & perms for perms in self.by_partnership.values()
        )

    @property
    def all_partnership_ids(self):
        return list(self.by_partnership)


_CACHE_ATTR = "_partnership_access"


def access_for(user):
    """The person's permissions, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Access()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from partnerships.models import PartnershipUserObjectPermission, Role

    access = Access(is_superuser=user.is_superuser)
    perms = defaultdict(set)
    rows = PartnershipUserObjectPermission.objects.filter(user=user).values_list(
        "content_object_id", "permission__codename"
    )
    for pid, codename in rows:
        perms[pid].add(codename)
    access.by_partnership = dict(perms)
    orgs = defaultdict(set)
    for pid, kind, org_id in Role.objects.filter(user=user, organisation__isnull=False).values_list(
        "partnership_id", "kind", "organisation_id"
    ):
        orgs[(pid, kind)].add(org_id)
    access.organisations = dict(orgs)
    setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user):
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
    # guardian keeps its own per-object cache on the user too.
    for attr in [a for a in vars(user) if a.startswith("_guardian")]:
        delattr(user, attr)


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
    from partnerships.models import Partnership

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
    from partnerships.models import Partnership

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
