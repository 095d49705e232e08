"""Querysets that can only ever return the rows a person may see.

Every domain model's manager is built from `ScopedQuerySet`; views and API endpoints start from
`visible_to(user)`, so a row of a partnership the person holds no role in never leaves the
database (an unseen object is a 404, as in NetBox's `restrict()`).
"""

from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone

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


class TimelinessQuerySet(models.QuerySet):
    """Timeliness of rows that store their due date (`due_field`) and the date the duty was done
    (`done_field`): "on time" and "late" as every figure, dashboard panel and report counts them.

    On time: done on or before the due date. Late: done after it, or not done and already past it
    on `on`. A row still inside its time limit is neither (measured: on time or late).
    """

    done_field = ""
    due_field = ""

    @classmethod
    def on_time_q(cls):
        return Q(**{f"{cls.done_field}__lte": F(cls.due_field)})

    @classmethod
    def late_q(cls, on):
        done, due = cls.done_field, cls.due_field
        return Q(**{f"{done}__gt": F(due)}) | Q(**{f"{done}__isnull": True, f"{due}__lt": on})

    def on_time(self):
        return self.filter(self.on_time_q())

    def late(self, on=None):
        return self.filter(self.late_q(on or timezone.localdate()))

    def measured(self, on=None):
        return self.filter(self.on_time_q() | self.late_q(on or timezone.localdate()))

    def timeliness(self, on=None):
        """{"met": on time, "total": measured} in one query."""
        on = on or timezone.localdate()
        return self.aggregate(
            met=Count("pk", filter=self.on_time_q()),
            total=Count("pk", filter=self.on_time_q() | self.late_q(on)),
        )
