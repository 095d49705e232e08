from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models as db
from simple_history.admin import SimpleHistoryAdmin

from partnerships import models


class HistoryAdmin(SimpleHistoryAdmin):
    """Every domain model's admin shows its history (who, when, what changed)."""

    # A web address typed without a scheme is read as https, as the product's own forms do (and
    # Django 6.0 will by default).
    formfield_overrides = {db.URLField: {"assume_scheme": "https"}}


@admin.register(models.User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "email", "organisation", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    list_select_related = ["organisation"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Organisation", {"fields": ("organisation", "job_title")}),
    )
    autocomplete_fields = ["organisation"]


@admin.register(models.LocalAuthorityArea)
class AreaAdmin(HistoryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["areas"]


class SafeguardingPartnerInline(admin.TabularInline):
    model = models.SafeguardingPartner
    extra = 0
    autocomplete_fields = ["organisation", "lead_representative"]


class EditionInline(admin.TabularInline):
    model = models.ArrangementsEdition
    extra = 0


@admin.register(models.Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "rapid_review_clock", "arrangements_published_on"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["areas"]
    inlines = [SafeguardingPartnerInline, EditionInline]


@admin.register(models.SafeguardingPartner)
class SafeguardingPartnerAdmin(HistoryAdmin):
    list_display = ["organisation", "partnership", "lead_representative", "lead_title"]
    list_filter = ["partnership"]
    list_select_related = ["organisation", "partnership", "lead_representative"]
    autocomplete_fields = ["organisation", "lead_representative"]


@admin.register(models.DelegatedOfficer)
class DelegatedOfficerAdmin(HistoryAdmin):
    list_display = ["person", "partner", "title", "is_delegated_safeguarding_partner"]
    list_select_related = ["person", "partner__organisation", "partner__partnership"]
    autocomplete_fields = ["person"]


@admin.register(models.RelevantAgency)
class RelevantAgencyAdmin(HistoryAdmin):
    list_display = ["organisation", "partnership"]
    list_filter = ["partnership"]
    list_select_related = ["organisation", "partnership"]
    autocomplete_fields = ["organisation"]


class GroupMemberInline(admin.TabularInline):
    model = models.GroupMember
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(models.Group)
class GroupAdmin(HistoryAdmin):
    list_display = ["name", "partnership", "kind", "parent", "chair", "chair_is_independent"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["partnership", "parent", "chair"]
    search_fields = ["name"]
    autocomplete_fields = ["chair", "parent"]
    inlines = [GroupMemberInline]


@admin.register(models.Role)
class RoleAdmin(HistoryAdmin):
    """Granting a role here grants its object permissions (see partnerships.signals)."""

    list_display = ["user", "partnership", "kind", "organisation", "is_manager"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["user", "partnership", "organisation"]
    autocomplete_fields = ["user", "organisation"]
    search_fields = ["user__username", "user__last_name"]


@admin.register(models.ClosureDay)
class ClosureDayAdmin(HistoryAdmin):
    """One-off bank holidays announced after the holidays package was released."""

    list_display = ["date", "name"]


@admin.register(models.Action)
class ActionAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "source_kind", "owner", "due_date", "status"]
    list_filter = ["partnership", "status", "source_kind"]
    list_select_related = ["partnership", "owner"]
    search_fields = ["title", "reference"]
    autocomplete_fields = ["owner", "owner_organisation"]
    readonly_fields = ["source_type", "source_id"]


@admin.register(models.Deadline)
class DeadlineAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "kind", "due_date", "met_on", "is_active"]
    list_filter = ["partnership", "kind", "is_active"]
    list_select_related = ["partnership"]
    search_fields = ["title"]
    readonly_fields = ["source_type", "source_id"]


@admin.register(models.Notification)
class NotificationAdmin(HistoryAdmin):
    list_display = ["title", "recipient", "created_at", "read_at"]
    list_select_related = ["recipient"]


@admin.register(models.RecordAccess)
class RecordAccessAdmin(admin.ModelAdmin):
    list_display = ["accessed_at", "user", "record_label", "partnership"]
    list_filter = ["partnership"]
    list_select_related = ["user", "partnership"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


# --- The deadline register's reminders, rules, timetables and calendar feeds (issue 7) ------------


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
        from django.utils import timezone

        from partnerships.choices import ReminderStatus

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


# Governance, scrutiny and Section 11 assurance (issue 3).
from partnerships import admin_governance  # noqa: E402, F401


# Learning and evidence of impact (issue 11).
class BriefingRecipientInline(admin.TabularInline):
    model = models.BriefingRecipient
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["acknowledged_by"]


@admin.register(models.LearningBriefing)
class LearningBriefingAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "source_kind", "status", "published_on"]
    list_filter = ["status", "source_kind", "partnership"]
    list_select_related = ["partnership"]
    search_fields = ["title", "source_label"]
    inlines = [BriefingRecipientInline]
    readonly_fields = ["published_by", "source_type", "source_id"]


class TrainingSessionInline(admin.TabularInline):
    model = models.TrainingSession
    extra = 0
    fields = ["starts_at", "ends_at", "venue", "delivery", "capacity", "status"]


@admin.register(models.TrainingCourse)
class TrainingCourseAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "topic", "trainer", "is_active"]
    list_filter = ["is_active", "partnership"]
    list_select_related = ["partnership"]
    search_fields = ["title", "topic", "trainer"]
    filter_horizontal = ["target_agencies"]
    inlines = [TrainingSessionInline]


@admin.register(models.TrainingSession)
class TrainingSessionAdmin(HistoryAdmin):
    list_display = ["course", "starts_at", "venue", "capacity", "status"]
    list_filter = ["status", "delivery"]
    list_select_related = ["course__partnership"]
    date_hierarchy = "starts_at"


@admin.register(models.TrainingBooking)
class TrainingBookingAdmin(HistoryAdmin):
    list_display = [
        "attendee_name",
        "organisation",
        "session",
        "status",
        "confidence_before",
        "confidence_after",
    ]
    list_filter = ["status"]
    list_select_related = ["organisation", "session__course__partnership"]
    search_fields = ["attendee_name", "attendee_email"]
    autocomplete_fields = ["organisation"]


class YouSaidWeDidInline(admin.StackedInline):
    model = models.YouSaidWeDid
    extra = 0
    filter_horizontal = ["actions"]


@admin.register(models.EngagementActivity)
class EngagementActivityAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "kind", "held_on"]
    list_filter = ["kind", "partnership"]
    list_select_related = ["partnership"]
    inlines = [YouSaidWeDidInline]


class IndicatorValueInline(admin.TabularInline):
    model = models.IndicatorValue
    extra = 0
    readonly_fields = ["submitted_by", "submitted_at"]


@admin.register(models.Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["name", "code", "partnership", "source_organisation", "unit", "target", "is_demo"]
    list_filter = ["partnership", "unit", "frequency", "is_demo"]
    list_select_related = ["partnership", "source_organisation"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["source_organisation"]
    inlines = [IndicatorValueInline]
