from .calendar import ClosureDay
from .deadlines import Deadline
from .reminders import CalendarFeed, Reminder, ReminderRule
from .timetable import ArrangementsTimetable, YearlyReportCycle

__all__ = [
    "ArrangementsTimetable",
    "CalendarFeed",
    "ClosureDay",
    "Deadline",
    "Reminder",
    "ReminderRule",
    "YearlyReportCycle",
]
