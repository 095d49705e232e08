"""The base app's deadline rules and the reminder ladder: named constants and pure date functions.

Dates in, dates out: no ORM and no clock here (STYLE.md, "Working days"), so each rule can be
tested on its own. Sources are cited from docs/statutory-rules.md and the council
papers it lists (docs/statutory-rules.md#council-papers).
"""

import datetime
from dataclasses import dataclass

from partnerships.core.periods import add_months
from partnerships.core.registry import DeadlineKind

# --- Transition from Local Safeguarding Children Boards (Children and Social Work Act 2017) ------

# Arrangements published by 29 June 2019 (docs/statutory-rules.md#transition-dates; Coventry
# Cabinet paper 12 February 2019, 4.1; Somerset Cabinet paper March 2019, 1.8 "Timeline").
ARRANGEMENTS_PUBLISH_BY = datetime.date(2019, 6, 29)
# In operation by 29 September 2019 (docs/statutory-rules.md#transition-dates; Coventry paper 4.1). The Somerset paper says
# 30 September 2019: each partnership's own date is kept in its ArrangementsTimetable.
ARRANGEMENTS_OPERATE_BY = datetime.date(2019, 9, 29)
ARRANGEMENTS_AUTHORITY = (
    "Children Act 2004 s16E-16G (Children and Social Work Act 2017); Working Together to "
    "Safeguard Children 2018, chapter 3 and transitional guidance"
)
# Serious case reviews started under the board: up to 12 months after the new arrangements began
# to complete and publish (docs/statutory-rules.md#legacy-serious-case-reviews (to confirm); Coventry
# paper 4.1: a "grace period of up to 12 months"). The register's deadline for the board's
# outstanding reviews and each legacy review's own due date (reviews/rules.py) both count it here.
LEGACY_SERIOUS_CASE_REVIEW_GRACE_MONTHS = 12
# Child death reviews under way at the change: 4 months to finish (docs/statutory-rules.md#child-death-review
# (to confirm); Coventry paper 4.1: "four months to complete outstanding child death reviews").
LEGACY_CHILD_DEATH_REVIEW_GRACE_MONTHS = 4
LEGACY_AUTHORITY = "Working Together to Safeguard Children: transitional guidance (2018)"

# --- Yearly report (docs/statutory-rules.md#yearly-report) -----------------------------------------------

# Published at least once in every 12 months.
YEARLY_REPORT_INTERVAL_MONTHS = 12
# Sent to the Child Safeguarding Practice Review Panel and the What Works Centre (now
# Foundations) within 7 days of publication (docs/statutory-rules.md#yearly-report; to confirm: calendar days).
YEARLY_REPORT_SEND_WITHIN_DAYS = 7
YEARLY_REPORT_AUTHORITY = "Working Together to Safeguard Children 2018, chapter 3 (2023: chapter 2)"

# --- Kinds of deadline this app writes ----------------------------------------------------------

ACTION = "action"
TERMS_OF_REFERENCE_REVIEW = "terms_of_reference_review"
ARRANGEMENTS_PUBLISHED = "arrangements_published"
ARRANGEMENTS_IN_OPERATION = "arrangements_in_operation"
LEGACY_SERIOUS_CASE_REVIEWS = "legacy_serious_case_reviews"
LEGACY_CHILD_DEATH_REVIEWS = "legacy_child_death_reviews"
YEARLY_REPORT_PUBLISHED = "yearly_report_published"
YEARLY_REPORT_SENT = "yearly_report_sent"

# The ladder of every kind is the registry's default (partnerships.core.registry.DeadlineKind: 5, 2 and
# 1 working days before and on the day; the business-unit manager 1 working day after, the partner
# leads 5 working days after: a local convention, which admins change per kind and partnership in
# partnerships.ReminderRule).
KINDS = (
    # Overdue actions reach the partner leads after two working weeks, not one.
    DeadlineKind(ACTION, "Action due", escalate_to_leads_after=10),
    # A group's own housekeeping: the business-unit manager is told; the partner leads are not.
    DeadlineKind(TERMS_OF_REFERENCE_REVIEW, "Terms of reference review", escalate_to_leads_after=None),
    DeadlineKind(ARRANGEMENTS_PUBLISHED, "Arrangements published"),
    DeadlineKind(ARRANGEMENTS_IN_OPERATION, "Arrangements in operation"),
    DeadlineKind(LEGACY_SERIOUS_CASE_REVIEWS, "Outstanding serious case reviews completed"),
    DeadlineKind(LEGACY_CHILD_DEATH_REVIEWS, "Outstanding child death reviews completed"),
    DeadlineKind(YEARLY_REPORT_PUBLISHED, "Yearly report published"),
    DeadlineKind(YEARLY_REPORT_SENT, "Yearly report sent to the Panel and the What Works Centre"),
)


def legacy_serious_case_reviews_due(arrangements_began):
    return add_months(arrangements_began, LEGACY_SERIOUS_CASE_REVIEW_GRACE_MONTHS)


def legacy_child_death_reviews_due(arrangements_began):
    return add_months(arrangements_began, LEGACY_CHILD_DEATH_REVIEW_GRACE_MONTHS)


def yearly_report_due(cycle_starts_on):
    return add_months(cycle_starts_on, YEARLY_REPORT_INTERVAL_MONTHS)


def yearly_report_sending_due(published_on):
    return published_on + datetime.timedelta(days=YEARLY_REPORT_SEND_WITHIN_DAYS)


# --- The reminder ladder --------------------------------------------------------------------------


class Step:
    """Kinds of reminder, the second part of a reminder's unique key."""

    LEAD = "lead"  # to the owner, `days` working days before the due date (0: on the day)
    MANAGER = "manager"  # overdue: to the business-unit manager(s)
    LEADS = "leads"  # overdue, later: to the partner leads


@dataclass(frozen=True)
class Ladder:
    """When to remind and escalate for one kind of deadline (in one partnership)."""

    lead_days: tuple
    escalate_to_manager_after: int | None
    escalate_to_leads_after: int | None

    @classmethod
    def of_kind(cls, kind):
        return cls(
            tuple(kind.reminder_lead_days), kind.escalate_to_manager_after, kind.escalate_to_leads_after
        )


# An escalation first met more than this many working days (four working weeks) after its day is a
# catch-up: the register is meeting a deadline that was already long overdue (records imported
# with past dates, a new deployment, the demo's 2019 dates). Its people get one summary, not a
# message for each deadline and rung. A sweep stopped for a week or two still sends each reminder
# on its own: each is still news to its reader.
CATCH_UP_AFTER = 20
# How a catch-up summary's subject begins (partnerships/deadlines/reminders.py); the outbox knows a
# summary by it (outbox.still_applies).
CATCH_UP_PREFIX = "Catch-up: "


@dataclass(frozen=True)
class DueStep:
    step: str
    days: int  # working days before (lead) or after (escalation) the due date
    send_on: datetime.date


def due_steps(due_date, today, ladder, working_days):
    """The reminders a deadline due on `due_date` calls for on `today`, by `ladder`.

    Before and on the due date only the latest lead step whose day has come is due: a deadline
    first seen two working days ahead gets the "2 days" reminder, not the "5 days" one too. Once
    overdue, each escalation whose day has come is due (both, if the sweep was down for days).
    Calling this again the same day gives the same steps; the unique key of Reminder does the rest.
    """
    steps = []
    if today <= due_date:
        reached = [
            DueStep(Step.LEAD, n, working_days.add(due_date, -n) if n else due_date)
            for n in sorted(set(ladder.lead_days))
        ]
        reached = [s for s in reached if s.send_on <= today]
        if reached:
            steps.append(max(reached, key=lambda s: (s.send_on, -s.days)))
        return steps
    for step, after in (
        (Step.MANAGER, ladder.escalate_to_manager_after),
        (Step.LEADS, ladder.escalate_to_leads_after),
    ):
        if after is not None:
            send_on = working_days.add(due_date, after)
            if send_on <= today:
                steps.append(DueStep(step, after, send_on))
    return steps


def parse_lead_days(text):
    """ "5, 2, 1, 0" -> (5, 2, 1, 0); raises ValueError on anything else."""
    days = tuple(int(part) for part in text.replace(" ", "").split(",") if part != "")
    if not days or any(d < 0 or d > 60 for d in days):
        raise ValueError("Give whole numbers of working days from 0 to 60, separated by commas.")
    return tuple(sorted(set(days), reverse=True))
