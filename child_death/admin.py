"""Admin for the child death review. The child's identity (ChildIdentity) is deliberately not here:
it is shown only on the case page, where each opening is logged."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from child_death import models


class HistoryAdmin(SimpleHistoryAdmin):
    """Every child death record's admin shows its history (who, when, what changed)."""


@admin.register(models.ChildDeathOverviewPanel)
class PanelAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "host_partnership", "reference_prefix"]
    list_select_related = ["host_partnership"]
    filter_horizontal = ["partnerships", "areas", "review_partners"]


class ReportingFormInline(admin.TabularInline):
    model = models.ReportingForm
    extra = 0
    fields = ["organisation", "kind", "requested_on", "due_date", "status", "submitted_on"]
    readonly_fields = fields


class StageChangeInline(admin.TabularInline):
    model = models.StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "changed_at", "changed_by", "note"]
    can_delete = False


@admin.register(models.ChildDeathCase)
class CaseAdmin(HistoryAdmin):
    list_display = ["reference", "panel", "stage", "notified_on", "age_band", "category", "modifiable"]
    list_filter = ["panel", "stage", "age_band", "category", "modifiable", "expectedness"]
    list_select_related = ["panel"]
    search_fields = ["reference"]
    readonly_fields = ["reference", "stage"]
    inlines = [ReportingFormInline, StageChangeInline]


@admin.register(models.ReportingForm)
class ReportingFormAdmin(HistoryAdmin):
    list_display = ["case", "organisation", "kind", "due_date", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["case", "organisation"]
    search_fields = ["case__reference", "organisation__name"]


@admin.register(models.FamilyContact)
class FamilyContactAdmin(HistoryAdmin):
    list_display = ["case", "contacted_on", "method", "made_by"]
    list_select_related = ["case"]


@admin.register(models.StageChange)
class StageChangeAdmin(HistoryAdmin):
    list_display = ["case", "from_stage", "to_stage", "changed_at", "changed_by"]
    list_select_related = ["case", "changed_by"]


class AgendaInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = models.PanelAttendance
    extra = 0


@admin.register(models.PanelMeeting)
class PanelMeetingAdmin(HistoryAdmin):
    list_display = ["__str__", "meets_on", "status"]
    list_filter = ["panel", "status"]
    list_select_related = ["panel"]
    inlines = [AgendaInline, AttendanceInline]


@admin.register(models.AgendaItem)
class AgendaItemAdmin(HistoryAdmin):
    list_display = ["case", "meeting", "outcome"]
    list_select_related = ["case", "meeting__panel"]


@admin.register(models.PanelAttendance)
class PanelAttendanceAdmin(HistoryAdmin):
    list_display = ["name", "meeting", "organisation", "present"]
    list_select_related = ["meeting__panel", "organisation"]
