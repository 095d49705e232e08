"""Admin for case reviews. Lists never show a child's name or date of birth."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partnerships.core.record_access import LoggedAdminMixin
from reviews import models, services


@admin.register(models.SeriousIncidentNotification)
class NotificationAdmin(LoggedAdminMixin, SimpleHistoryAdmin):
    """Its change and history pages show the child's name and date of birth: each view is logged."""

    list_display = [
        "reference",
        "child_reference",
        "partnership",
        "area",
        "incident_type",
        "la_aware_on",
        "panel_due_date",
        "panel_notified_on",
    ]
    list_filter = ["partnership", "incident_type"]
    search_fields = ["reference", "child_reference", "panel_reference"]
    readonly_fields = ["panel_due_date", "panel_due_rule"]

    def save_model(self, request, obj, form, change):
        services.save_notification(request.user, obj)


class SignOffInline(admin.TabularInline):
    model = models.PartnerSignOff
    extra = 0
    fields = ["round", "organisation", "signed_by", "signed_at"]
    readonly_fields = fields


class ContributionInline(admin.TabularInline):
    model = models.ContributionRequest
    extra = 0
    fields = ["organisation", "due_date", "status", "submitted_on"]
    readonly_fields = ["submitted_on"]


@admin.register(models.RapidReview)
class RapidReviewAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "status", "due_date", "decision", "signed_off_on"]
    list_filter = ["partnership", "status", "decision"]
    readonly_fields = ["due_date", "due_rule", "sign_off_round", "signed_off_on"]
    inlines = [ContributionInline, SignOffInline]


@admin.register(models.ContributionRequest)
class ContributionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "organisation", "due_date", "status", "submitted_on"]
    list_filter = ["status"]


@admin.register(models.ChronologyEntry)
class ChronologyAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "contribution"]


@admin.register(models.ReviewReopening)
class ReopeningAdmin(SimpleHistoryAdmin):
    list_display = ["review", "reopened_by", "reopened_at"]


@admin.register(models.PartnerSignOff)
class PartnerSignOffAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "rapid_review", "lcspr", "round", "signed_by", "signed_at"]


class MilestoneInline(admin.TabularInline):
    model = models.Milestone
    extra = 0


@admin.register(models.LCSPR)
class LCSPRAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "partnership", "kind", "decided_on", "due_date", "published_on"]
    list_filter = ["partnership", "kind"]
    readonly_fields = ["due_date", "due_rule", "sign_off_round", "signed_off_on"]
    inlines = [MilestoneInline]

    def save_model(self, request, obj, form, change):
        services.save_lcspr(request.user, obj)


@admin.register(models.LearningReview)
class LearningReviewAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "started_on", "completed_on"]
    list_filter = ["partnership", "kind"]


@admin.register(models.Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "action"]


@admin.register(models.Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership"]


admin.site.register(models.Milestone, SimpleHistoryAdmin)
