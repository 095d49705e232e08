from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class PartnershipUserObjectPermission(UserObjectPermissionBase):
    """guardian's per-user object permission on a partnership, with a real foreign key (fast joins)."""

    content_object = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE)


class PartnershipGroupObjectPermission(GroupObjectPermissionBase):
    """guardian's per-group object permission on a partnership (unused by roles, kept for guardian)."""

    content_object = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE)
