from .actions import Action, ActionUpdate
from .links import RecordLink
from .notifications import AccessChannel, Notification, RecordAccess
from .people import User
from .permissions import PartnershipGroupObjectPermission, PartnershipUserObjectPermission
from .roles import Role
from .structure import (
    ArrangementsEdition,
    DelegatedOfficer,
    Group,
    GroupMember,
    LocalAuthorityArea,
    Organisation,
    Partnership,
    RelevantAgency,
    SafeguardingPartner,
)

__all__ = [
    "AccessChannel",
    "Action",
    "ActionUpdate",
    "ArrangementsEdition",
    "DelegatedOfficer",
    "Group",
    "GroupMember",
    "LocalAuthorityArea",
    "Notification",
    "Organisation",
    "Partnership",
    "PartnershipGroupObjectPermission",
    "PartnershipUserObjectPermission",
    "RecordAccess",
    "RecordLink",
    "RelevantAgency",
    "Role",
    "SafeguardingPartner",
    "User",
]
