"""What one person may do, partnership by partnership: read once per request, kept on the user.

The lower half of `partnerships.core.permissions` (which every view and endpoint goes through): the
querysets below the models scope every list with it, so it reads the person's permissions and roles
through the user's own relations and imports no model.
"""

from collections import defaultdict
from dataclasses import dataclass, field


class Perm:
    """Object permission codenames on Partnership."""

    VIEW = "view_partnership"
    CHANGE = "edit_records"
    SIGN_OFF = "sign_off"
    CONTRIBUTE = "contribute"
    MANAGE = "manage_business_unit"

    ALL = (VIEW, CHANGE, SIGN_OFF, CONTRIBUTE, MANAGE)


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
    access = Access(is_superuser=user.is_superuser)
    perms = defaultdict(set)
    # Read through the user's own relations, so this module needs no model (the models' querysets
    # use it to scope every list).
    rows = user.partnershipuserobjectpermission_set.values_list("content_object_id", "permission__codename")
    for pid, codename in rows:
        perms[pid].add(codename)
    access.by_partnership = dict(perms)
    orgs = defaultdict(set)
    for pid, kind, org_id in user.roles.filter(organisation__isnull=False).values_list(
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
