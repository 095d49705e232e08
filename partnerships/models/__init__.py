from .actions import Action, ActionUpdate
from .calendar import ClosureDay
from .deadlines import Deadline, Notification, RecordAccess
from .links import RecordLink
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
    "Action",
    "ActionUpdate",
    "ArrangementsEdition",
    "ClosureDay",
    "Deadline",
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

# Deadline reminders, the arrangements timetable and calendar feeds (issue 7).
from .reminders import CalendarFeed, Reminder, ReminderRule
from .timetable import ArrangementsTimetable, YearlyReportCycle

__all__ += ["ArrangementsTimetable", "CalendarFeed", "Reminder", "ReminderRule", "YearlyReportCycle"]

# Governance, scrutiny and Section 11 assurance (issue 3).
from .governance import (  # noqa: E402
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Objective,
    Paper,
    Priority,
    ProgressUpdate,
    QuorumRule,
    Risk,
    RiskAssessment,
)
from .scrutiny import (  # noqa: E402
    AgencyReturn,
    AssuranceCycle,
    AssuranceStandard,
    Challenge,
    ChallengeStep,
    ReturnAnswer,
    ScrutinyActivity,
    ScrutinyFinding,
)

__all__ += [
    "AgencyReturn",
    "AgendaItem",
    "AssuranceCycle",
    "AssuranceStandard",
    "Attendance",
    "Challenge",
    "ChallengeStep",
    "Decision",
    "Meeting",
    "Objective",
    "Paper",
    "Priority",
    "ProgressUpdate",
    "QuorumRule",
    "ReturnAnswer",
    "Risk",
    "RiskAssessment",
    "ScrutinyActivity",
    "ScrutinyFinding",
]
