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
