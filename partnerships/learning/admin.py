"""Admin for learning records: briefings, training, voice of children and families, the dataset."""

from django.contrib import admin

from partnerships.core.admin import HistoryAdmin
from partnerships.learning import models, services


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

    def save_formset(self, request, form, formset, change):
        if formset.model is not models.TrainingSession:
            return super().save_formset(request, form, formset, change)
        # Sessions through the service: a raised capacity gives its places to the waiting list.
        for session in formset.save(commit=False):
            services.save_session(request.user, session)
        for session in formset.deleted_objects:
            session.delete()
        return None


@admin.register(models.TrainingSession)
class TrainingSessionAdmin(HistoryAdmin):
    list_display = ["course", "starts_at", "venue", "capacity", "status"]
    list_filter = ["status", "delivery"]
    list_select_related = ["course__partnership"]
    date_hierarchy = "starts_at"

    def save_model(self, request, obj, form, change):
        services.save_session(request.user, obj)


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
    readonly_fields = [
        "booked_by",
        "place_offered_at",
        "evaluation_link_expires_at",
        "evaluation_link_used_at",
    ]


class YouSaidWeDidInline(admin.StackedInline):
    model = models.YouSaidWeDid
    extra = 0
    filter_horizontal = ["actions"]
    readonly_fields = ["priority_text"]  # the priority as typed before it could be linked


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
    readonly_fields = ["priority_text"]  # the priority as typed before it could be linked
    inlines = [IndicatorValueInline]
