"""The statutory clocks of case reviews, as named constants and pure functions (dates in, dates out).

Each function returns (due date, the rule that produced it) so pages and the API can say why a date
is what it is. `calendar` is a `partnerships.deadlines.workingdays.WorkingDayCalendar` (England's bank
holidays plus admin closure days); "within N working days of D" means the N-th working day after D,
D itself being day 0 (docs/statutory-rules.md#working-days).
"""

import datetime

from partnerships.core.choices import RapidReviewClock
from partnerships.core.periods import add_months
from partnerships.deadlines.rules import (
    LEGACY_SERIOUS_CASE_REVIEW_GRACE_MONTHS,
    legacy_serious_case_reviews_due,
)

# Children Act 2004 s16C; Working Together 2018 ch. 4 para 17 / 2023 ch. 5: the local authority
# notifies the Child Safeguarding Practice Review Panel within 5 working days of becoming aware
# (docs/statutory-rules.md#serious-incident-notification).
PANEL_NOTIFICATION_WORKING_DAYS = 5

# Working Together 2018 ch. 4 / 2023 ch. 5: the rapid review is completed within 15 working days,
# counted by default from the date the notification was sent; some local procedures count from
# awareness, a per-partnership setting (Partnership.rapid_review_clock). Havering's paper (4.3.2.1)
# also sets 15 working days. docs/statutory-rules.md#rapid-review.
RAPID_REVIEW_WORKING_DAYS = 15

# Local practice, not statute: agencies are asked to return their contribution this many working
# days before the rapid review is due, so the business unit can merge them before the meeting.
CONTRIBUTION_WORKING_DAYS_BEFORE_REVIEW = 5

# Working Together 2018 ch. 4: an LCSPR is completed and published within 6 months of the decision
# to initiate it (docs/statutory-rules.md#lcspr).
LCSPR_PUBLICATION_MONTHS = 6

# The final report goes to the Panel and the Department for Education at least 7 working days before
# publication. (to confirm) in docs/statutory-rules.md#lcspr: kept a named constant.
LCSPR_SEND_BEFORE_PUBLICATION_WORKING_DAYS = 7
# Working Together 2023 (in force from 15 December 2023) added the death of a care leaver under 25 to
# what is notified to the Panel (docs/statutory-rules.md#serious-incident-notification).
CARE_LEAVER_DUTY_FROM = datetime.date(2023, 12, 15)


def panel_notification_due(calendar, aware_on):
    due = calendar.add(aware_on, PANEL_NOTIFICATION_WORKING_DAYS)
    return due, (
        f"{PANEL_NOTIFICATION_WORKING_DAYS} working days from the date the local authority became aware "
        f"({aware_on:%d %B %Y}) (Children Act 2004 s16C)"
    )


def rapid_review_due(calendar, *, clock, aware_on, notified_on):
    """The rapid review's due date under the partnership's clock; provisional before notification."""
    n = RAPID_REVIEW_WORKING_DAYS
    if clock == RapidReviewClock.FROM_AWARENESS:
        return calendar.add(aware_on, n), (
            f"{n} working days from the date the local authority became aware ({aware_on:%d %B %Y}), "
            "as this partnership's procedures count (Working Together)"
        )
    if notified_on:
        return calendar.add(notified_on, n), (
            f"{n} working days from the date the notification was sent to the Panel "
            f"({notified_on:%d %B %Y}) (Working Together)"
        )
    latest, _ = panel_notification_due(calendar, aware_on)
    return calendar.add(latest, n), (
        f"Provisional: {n} working days from the latest permitted notification date "
        f"({latest:%d %B %Y}); recomputed when the notification is sent (Working Together)"
    )


def contribution_due(calendar, review_due):
    return calendar.add(review_due, -CONTRIBUTION_WORKING_DAYS_BEFORE_REVIEW), (
        f"{CONTRIBUTION_WORKING_DAYS_BEFORE_REVIEW} working days before the rapid review is due "
        f"({review_due:%d %B %Y}) (local practice)"
    )


def lcspr_publication_due(decided_on):
    return add_months(decided_on, LCSPR_PUBLICATION_MONTHS), (
        f"{LCSPR_PUBLICATION_MONTHS} months from the decision to initiate the review "
        f"({decided_on:%d %B %Y}) (Working Together 2018 ch. 4)"
    )


def legacy_scr_due(arrangements_began_on):
    """A serious case review the board began: the transition's grace period, whose rule and length
    the deadline register owns (docs/statutory-rules.md#legacy-serious-case-reviews)."""
    return legacy_serious_case_reviews_due(arrangements_began_on), (
        f"{LEGACY_SERIOUS_CASE_REVIEW_GRACE_MONTHS} months from the start of the new arrangements "
        f"({arrangements_began_on:%d %B %Y}) (Working Together: transitional guidance)"
    )


def send_to_panel_due(calendar, publication_on):
    return calendar.before(publication_on, LCSPR_SEND_BEFORE_PUBLICATION_WORKING_DAYS), (
        f"At least {LCSPR_SEND_BEFORE_PUBLICATION_WORKING_DAYS} working days before the planned "
        f"publication ({publication_on:%d %B %Y}) (Working Together)"
    )
