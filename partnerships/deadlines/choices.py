"""Choices with their labels, shared across the product."""

from enum import nonmember

from django.db import models

from partnerships.core.choices import TaggedChoices


class DeadlineStatus(TaggedChoices):
    UPCOMING = "upcoming", "Upcoming"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    MET_ON_TIME = "met_on_time", "Met on time"
    MET_LATE = "met_late", "Met late"

    colours = nonmember(
        {
            "upcoming": "blue",
            "due_soon": "orange",
            "overdue": "red",
            "met_on_time": "green",
            "met_late": "grey",
        }
    )


class ReminderStep(models.TextChoices):
    """Which rung of the reminder ladder a reminder is (partnerships.deadlines.rules.Step)."""

    LEAD = "lead", "Reminder to the owner"
    MANAGER = "manager", "Escalation to the business-unit manager"
    LEADS = "leads", "Escalation to the partner leads"


class ReminderStatus(models.TextChoices):
    """Where one reminder is on its way out (the outbox of partnerships.deadlines.reminders)."""

    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    IN_APP_ONLY = "in_app_only", "Shown in the app only (no email address)"
    SUMMARISED = "summarised", "Listed in a catch-up summary (not sent on its own)"
    CANCELLED = "cancelled", "Cancelled (no longer applied when its turn came)"
    FAILED = "failed", "Failed (gave up after repeated errors)"


# Governance: meetings, priorities, risks, scrutiny and Section 11 assurance.
