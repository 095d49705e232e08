from django.contrib import admin

from partnerships.security.models import RecoveryCodeDevice


@admin.register(RecoveryCodeDevice)
class RecoveryCodeDeviceAdmin(admin.ModelAdmin):
    """Admins can see who holds recovery codes and remove a set (the codes themselves are hashes)."""

    list_display = ["user", "name", "confirmed"]
    search_fields = ["user__username"]
    readonly_fields = ["user"]
    fields = ["user", "name", "confirmed"]
