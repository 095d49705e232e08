from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models as db
from simple_history.admin import SimpleHistoryAdmin

from partnerships.core import models


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
    list_display = ["name", "kind", "is_active", "successor", "succeeded_on"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["areas"]
    autocomplete_fields = ["successor"]


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
    # A dated rule that moves open reviews' due dates: changed on the case reviews' own page
    # (reviews.services.change_rapid_review_clock), not here.
    readonly_fields = ["rapid_review_clock", "rapid_review_clock_from", "previous_rapid_review_clock"]
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
    """Granting a role here grants its object permissions (see partnerships.core.signals)."""

    list_display = ["user", "partnership", "kind", "organisation", "is_manager"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["user", "partnership", "organisation"]
    autocomplete_fields = ["user", "organisation"]
    search_fields = ["user__username", "user__last_name"]


@admin.register(models.Action)
class ActionAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "source_kind", "owner", "due_date", "status"]
    list_filter = ["partnership", "status", "source_kind"]
    list_select_related = ["partnership", "owner"]
    search_fields = ["title", "reference"]
    autocomplete_fields = ["owner", "owner_organisation"]
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

    def has_delete_permission(self, request, obj=None):
        return False  # the access log is evidence for subject access requests


# --- The deadline register's reminders, rules, timetables and calendar feeds ------------
