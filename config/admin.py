"""The Django admin is for administrators: superusers only (README, "Administration").

A staff user who is not a superuser would otherwise see every partnership's records there, outside
the roles that scope every page and API resource. Everything a partnership's own people do, they do
on its pages; the admin is the administrators' tool for structure, people and repairs.
"""

from django.contrib import admin


class AdministratorsSite(admin.AdminSite):
    site_header = "Safeguarding Partnerships administration"
    site_title = "Safeguarding Partnerships admin"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser
