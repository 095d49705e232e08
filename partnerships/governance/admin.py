"""Admin for meetings, decisions, priorities and risks; every page shows history."""

from django.contrib import admin

from partnerships.core.admin import HistoryAdmin
from partnerships.governance import models


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0
    raw_id_fields = ["presenter", "action"]


class AttendanceInline(admin.TabularInline):
    model = models.Attendance
    extra = 0
    raw_id_fields = ["person"]
    autocomplete_fields = ["organisation"]


class PaperInline(admin.TabularInline):
    model = models.Paper
    extra = 0
    fields = ["title", "file_kind", "size_bytes", "original_name", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # papers are uploaded through the page, which checks the file's content


@admin.register(models.Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["__str__", "partnership", "group", "starts_at", "status", "minutes_status"]
    list_filter = ["partnership", "status", "minutes_status"]
    list_select_related = ["partnership", "group"]
    raw_id_fields = ["minutes_approved_at"]
    inlines = [AgendaItemInline, AttendanceInline, PaperInline]


@admin.register(models.QuorumRule)
class QuorumRuleAdmin(HistoryAdmin):
    list_display = ["group", "kind", "minimum"]
    list_select_related = ["group"]


@admin.register(models.Paper)
class PaperAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "meeting", "file_kind", "size_bytes", "uploaded_at"]
    list_filter = ["partnership", "file_kind"]
    list_select_related = ["partnership", "meeting__group"]
    readonly_fields = ["file", "file_kind", "size_bytes", "original_name", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False


@admin.register(models.Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "decided_on", "meeting"]
    list_filter = ["partnership"]
    list_select_related = ["partnership", "meeting__group"]
    raw_id_fields = ["meeting", "agenda_item"]
    search_fields = ["title", "text", "reference"]


class ObjectiveInline(admin.TabularInline):
    model = models.Objective
    extra = 0


class ProgressInline(admin.TabularInline):
    model = models.ProgressUpdate
    extra = 0
    raw_id_fields = ["author", "objective"]


@admin.register(models.Priority)
class PriorityAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "year", "lead_group"]
    list_filter = ["partnership", "year"]
    list_select_related = ["partnership", "lead_group"]
    inlines = [ObjectiveInline, ProgressInline]


class RiskAssessmentInline(admin.TabularInline):
    model = models.RiskAssessment
    extra = 0
    raw_id_fields = ["author"]


@admin.register(models.Risk)
class RiskAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "likelihood", "impact", "score", "review_date", "status"]
    list_filter = ["partnership", "status"]
    list_select_related = ["partnership"]
    readonly_fields = ["score"]
    raw_id_fields = ["owner"]
    inlines = [RiskAssessmentInline]
