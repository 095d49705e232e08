from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.core.querysets import ScopedQuerySet
from partnerships.core.registry import deadline_kinds
from partnerships.deadlines.choices import ReminderStatus, ReminderStep
from partnerships.deadlines.rules import parse_lead_days


class ReminderQuerySet(ScopedQuerySet):
    def pending(self):
        return self.filter(status=ReminderStatus.PENDING)


class Reminder(models.Model):
    """One reminder or escalation about one deadline to one person, recorded before it is sent.

    The database, not the broker, is the truth (partnerships/reminders.py): the unique key
    (deadline, step, days, due date, recipient) means a sweep run twice, or two at once, records it
    once; a worker claims it with a conditional UPDATE before sending, so it is sent once.
    """

    # Status and timestamps are this row's own audit trail; history rows for each claim would only
    # double the writes of the busiest table.
    history_exempt_reason = "An outbox row: its status and timestamps record every step it takes."

    # No index of their own: reminder_unique_key leads with deadline, reminder_partnership_created with
    # partnership, and every index is written again by each of a catch-up sweep's inserts.
    deadline = models.ForeignKey(
        "deadlines.Deadline", on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    step = models.CharField(max_length=20, choices=ReminderStep.choices)
    days = models.SmallIntegerField(
        help_text="Working days before (reminder) or after (escalation) the due date."
    )
    due_date = models.DateField(help_text="The deadline's due date when this reminder was recorded.")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    email = models.EmailField(blank=True, help_text="The address it goes to, as it was when recorded.")
    subject = models.CharField(max_length=255)
    body = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    notification = models.OneToOneField(
        "partnerships.Notification", on_delete=models.SET_NULL, null=True, blank=True, related_name="reminder"
    )
    status = models.CharField(max_length=20, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True, help_text="When a task was last queued for it.")
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        db_table = "partnerships_reminder"  # created by the base app; the table kept its name
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "step", "days", "due_date", "recipient"],
                name="reminder_unique_key",
                violation_error_message="This reminder has already been planned for this person.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReminderStatus.SENT) | Q(sent_at__isnull=False),
                name="reminder_sent_has_time",
                violation_error_message="A sent reminder records when it was sent.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="reminder_status_next"),
            models.Index(fields=["partnership", "created_at"], name="reminder_partnership_created"),
        ]

    def __str__(self):
        return f"{self.get_step_display()} to {self.recipient} about {self.deadline.title}"

    def get_absolute_url(self):
        """Where the reminder points: the deadline's record, or the partnership's register."""
        return self.url

    @property
    def message_id(self):
        """The same Message-ID on every attempt, so a mail system can drop a repeated delivery."""
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
        return f"<reminder.{self.pk}.{self.due_date:%Y%m%d}@{domain}>"


class ReminderRule(models.Model):
    """When to remind and escalate for one kind of deadline, in one partnership or in all of them."""

    kind = models.CharField(max_length=60, help_text="A registered deadline kind.")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_rules",
        help_text="Blank: every partnership without a rule of its own.",
    )
    lead_days = models.CharField(
        max_length=60,
        default="5, 2, 1, 0",
        help_text="Working days before the due date to remind the owner, separated by commas (0: on the day).",
    )
    escalate_to_manager_after = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=1,
        help_text="Working days overdue before the business-unit manager is told.",
    )
    escalate_to_leads_after = models.PositiveSmallIntegerField(
        null=True, blank=True, default=5, help_text="Working days overdue before the partner leads are told."
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalreminderrule")

    class Meta:
        db_table = "partnerships_reminderrule"  # created by the base app; the table kept its name
        ordering = ["kind", "partnership"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "partnership"],
                condition=Q(partnership__isnull=False),
                name="reminder_rule_unique_per_partnership",
                violation_error_message="The partnership already has a reminder rule for this kind of deadline.",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(partnership__isnull=True),
                name="reminder_rule_unique_default",
                violation_error_message="There is already a default reminder rule for this kind of deadline.",
            ),
        ]

    def __str__(self):
        where = self.partnership.short_name if self.partnership_id else "all partnerships"
        return f"Reminders for {self.kind} ({where})"

    def get_absolute_url(self):
        return reverse("admin:partnerships_reminderrule_change", args=[self.pk])

    def clean(self):
        errors = {}
        if self.kind not in deadline_kinds():
            errors["kind"] = "Choose a registered kind of deadline."
        try:
            self.lead_days = ", ".join(str(d) for d in parse_lead_days(self.lead_days))
        except ValueError as error:
            errors["lead_days"] = str(error)
        if (
            self.escalate_to_manager_after is not None
            and self.escalate_to_leads_after is not None
            and self.escalate_to_leads_after < self.escalate_to_manager_after
        ):
            errors["escalate_to_leads_after"] = "The partner leads are told after the business-unit manager."
        if errors:
            raise ValidationError(errors)


class CalendarFeed(models.Model):
    """A person's secret calendar address for their deadlines; once revoked it stops working.

    Only a SHA-256 hash of the secret part is kept: the full address is shown once, when made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    key = models.CharField(max_length=32, unique=True, help_text="The public part of the address.")
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(
        table_name="partnerships_historicalcalendarfeed", excluded_fields=["secret_hash", "last_used_at"]
    )

    class Meta:
        db_table = "partnerships_calendarfeed"  # created by the base app; the table kept its name
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_feed_one_active_per_user",
                violation_error_message="You already have a calendar feed: revoke it before making another.",
            )
        ]

    def __str__(self):
        state = "revoked" if self.revoked_at else "active"
        return f"Calendar feed of {self.user} ({state})"

    def get_absolute_url(self):
        return reverse("calendar_feed")

    @property
    def is_active(self):
        return self.revoked_at is None
