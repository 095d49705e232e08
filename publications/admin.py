from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from publications.models import Branding, Publication, PublicationNarrative, PublicationVersion, SignOff


class NarrativeInline(admin.StackedInline):
    model = PublicationNarrative
    extra = 0


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "period_start", "period_end"]
    list_filter = ["kind", "partnership"]
    search_fields = ["title"]
    inlines = [NarrativeInline]


class SignOffInline(admin.TabularInline):
    model = SignOff
    extra = 0
    readonly_fields = ["organisation", "signed_by", "signed_at", "comment"]
    can_delete = False


@admin.register(PublicationVersion)
class PublicationVersionAdmin(SimpleHistoryAdmin):
    list_display = ["publication", "number", "status", "published_on", "render_status"]
    list_filter = ["status"]
    readonly_fields = ["content", "content_hash", "pdf_hash"]
    inlines = [SignOffInline]


@admin.register(SignOff)
class SignOffAdmin(SimpleHistoryAdmin):
    list_display = ["version", "organisation", "signed_by", "signed_at"]


@admin.register(Branding)
class BrandingAdmin(SimpleHistoryAdmin):
    list_display = ["partnership"]


admin.site.register(PublicationNarrative, SimpleHistoryAdmin)
