"""Admin for governance, scrutiny and Section 11 records (issue 3); every page shows history."""

from django.contrib import admin

from partnerships import models
from partnerships.admin import HistoryAdmin


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


class FindingInline(admin.StackedInline):
    model = models.ScrutinyFinding
    extra = 0
    raw_id_fields = ["response_by"]


@admin.register(models.ScrutinyActivity)
class ScrutinyActivityAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "kind", "carried_out_on"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["partnership"]
    raw_id_fields = ["scrutineer", "meeting"]
    inlines = [FindingInline]


@admin.register(models.ScrutinyFinding)
class ScrutinyFindingAdmin(HistoryAdmin):
    list_display = ["__str__", "activity", "status", "responded_on"]
    list_filter = ["status"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity", "response_by"]


class ChallengeStepInline(admin.TabularInline):
    model = models.ChallengeStep
    extra = 0
    raw_id_fields = ["author"]


@admin.register(models.Challenge)
class ChallengeAdmin(HistoryAdmin):
    list_display = ["subject", "partnership", "raised_on", "status", "closed_on"]
    list_filter = ["partnership", "status"]
    list_select_related = ["partnership"]
    raw_id_fields = ["finding"]
    inlines = [ChallengeStepInline]


class StandardInline(admin.TabularInline):
    model = models.AssuranceStandard
    extra = 0


@admin.register(models.AssuranceCycle)
class AssuranceCycleAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "opens_on", "due_on", "status"]
    list_filter = ["status"]
    list_select_related = ["partnership"]
    filter_horizontal = ["partnerships"]
    inlines = [StandardInline]


class AnswerInline(admin.TabularInline):
    model = models.ReturnAnswer
    extra = 0
    raw_id_fields = ["standard"]


@admin.register(models.AgencyReturn)
class AgencyReturnAdmin(HistoryAdmin):
    list_display = ["organisation", "cycle", "status", "submitted_on", "moderated_on"]
    list_filter = ["status", "cycle"]
    list_select_related = ["organisation", "cycle"]
    raw_id_fields = ["submitted_by"]
    inlines = [AnswerInline]
