"""Admin for scrutiny, challenges and Section 11 records; every page shows history."""

from django.contrib import admin

from partnerships.assurance import models
from partnerships.core.admin import HistoryAdmin


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
    raw_id_fields = ["closed_by"]
    inlines = [StandardInline]


@admin.register(models.CycleInvitation)
class CycleInvitationAdmin(HistoryAdmin):
    list_display = ["cycle", "partnership", "status", "invited_on", "answered_on"]
    list_filter = ["status"]
    list_select_related = ["cycle", "partnership"]
    raw_id_fields = ["cycle", "invited_by", "answered_by"]


@admin.register(models.AnswerModeration)
class AnswerModerationAdmin(HistoryAdmin):
    list_display = ["answer", "partnership", "score", "more_evidence", "moderated_on"]
    list_filter = ["more_evidence"]
    list_select_related = ["answer__agency_return__organisation", "answer__standard", "partnership"]
    raw_id_fields = ["answer", "moderated_by"]


@admin.register(models.ReturnChase)
class ReturnChaseAdmin(HistoryAdmin):
    list_display = ["agency_return", "partnership", "working_day", "chased_at"]
    list_select_related = ["agency_return__organisation", "agency_return__cycle", "partnership"]
    raw_id_fields = ["agency_return", "chased_by"]


class AnswerInline(admin.TabularInline):
    model = models.ReturnAnswer
    extra = 0
    raw_id_fields = ["standard"]


@admin.register(models.AgencyReturn)
class AgencyReturnAdmin(HistoryAdmin):
    list_display = ["organisation", "cycle", "status", "submitted_on"]
    list_filter = ["status", "cycle"]
    list_select_related = ["organisation", "cycle"]
    raw_id_fields = ["submitted_by"]
    inlines = [AnswerInline]
