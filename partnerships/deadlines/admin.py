"""Admin for the deadline register: closure days, deadlines, the reminder outbox, rules, timetables
and calendar feeds."""

from django.contrib import admin
from django.utils import timezone

from partnerships.core.admin import HistoryAdmin
from partnerships.deadlines import models
from partnerships.deadlines.choices import ReminderStatus


@admin.register(models.ClosureDay)
class ClosureDayAdmin(HistoryAdmin):
    """One-off bank holidays announced after the holidays package was released."""

    list_display = ["date", "name"]


@admin.register(models.Deadline)
class DeadlineAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "kind", "due_date", "met_on", "is_active"]
    list_filter = ["partnership", "kind", "is_active"]
    list_select_related = ["partnership"]
    search_fields = ["title"]
    readonly_fields = ["source_type", "source_id"]


@admin.register(models.Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The outbox: read-only, except sending again a reminder that failed."""

    list_display = ["created_at", "subject", "recipient", "step", "due_date", "status", "attempts", "sent_at"]
    list_filter = ["status", "step", "partnership"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__username", "email"]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Send the selected failed reminders again")
    def send_again(self, request, queryset):
        count = queryset.filter(status=ReminderStatus.FAILED).update(
            status=ReminderStatus.PENDING, attempts=0, queued_at=None, next_attempt_at=timezone.now()
        )
        self.message_user(request, f"{count} reminder(s) will go with the next sweep.")


@admin.register(models.ReminderRule)
class ReminderRuleAdmin(HistoryAdmin):
    list_display = [
        "kind",
        "partnership",
        "lead_days",
        "escalate_to_manager_after",
        "escalate_to_leads_after",
    ]
    list_filter = ["partnership"]


@admin.register(models.ArrangementsTimetable)
class ArrangementsTimetableAdmin(HistoryAdmin):
    list_display = ["partnership", "publish_by", "operate_by", "owner"]
    list_select_related = ["partnership", "owner"]
    autocomplete_fields = ["owner"]


@admin.register(models.YearlyReportCycle)
class YearlyReportCycleAdmin(HistoryAdmin):
    list_display = ["partnership", "starts_on", "published_on", "sent_on"]
    list_filter = ["partnership"]
    list_select_related = ["partnership"]


@admin.register(models.CalendarFeed)
class CalendarFeedAdmin(HistoryAdmin):
    """Secret addresses: an admin can see and revoke them, never read the secret (only its hash is kept)."""

    list_display = ["user", "created_at", "revoked_at", "last_used_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "key", "secret_hash", "created_at", "last_used_at"]
    fields = ["user", "key", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request):
        return False
