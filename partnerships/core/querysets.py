"""Querysets that can only ever return the rows a person may see.

Every domain model's manager is built from `ScopedQuerySet`; views and API endpoints start from
`visible_to(user)`, so a row of a partnership the person holds no role in never leaves the
database (an unseen object is a 404, as in NetBox's `restrict()`).
"""

from django.db import models

from partnerships.core.access import Perm, access_for


class ScopedQuerySet(models.QuerySet):
    """Rows scoped to a partnership through `partnership_path` (a lookup path to Partnership)."""

    partnership_path = "partnership"

    def in_partnership(self, partnership):
        return self.filter(**{self.partnership_path: partnership})

    def visible_to(self, user):
        return self.permitted(user, Perm.VIEW)

    def permitted(self, user, perm):
        """Rows of the partnerships where `user` holds `perm`."""
        access = access_for(user)
        if access.is_superuser:
            return self
        return self.filter(**{f"{self.partnership_path}__in": access.partnership_ids(perm)})


def scoped_queryset(path):
    """A ScopedQuerySet subclass reaching its partnership through `path`."""
    return type(f"ScopedQuerySet_{path.replace('__', '_')}", (ScopedQuerySet,), {"partnership_path": path})
