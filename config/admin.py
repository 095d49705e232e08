"""The Django admin is for administrators: superusers only (README, "Administration").

A staff user who is not a superuser would otherwise see every partnership's records there, outside
the roles that scope every page and API resource. Everything a partnership's own people do, they do
on its pages; the admin is the administrators' tool for structure, people and repairs.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models.base import ModelBase

from partnerships.core import tenancy


class TenancyCheckedForm:
    """An admin form refuses, with its own error message, what every save refuses: naming another
    partnership's person, organisation, area or record (partnerships/core/tenancy.py)."""

    def _post_clean(self):
        super()._post_clean()
        try:
            tenancy.check_related(self.instance)
        except ValidationError as error:
            self._update_errors(error)


class AdministratorsSite(admin.AdminSite):
    site_header = "Safeguarding Partnerships administration"
    site_title = "Safeguarding Partnerships admin"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, admin_class, **options)
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        for model in models:
            model_admin = self._registry.get(model)  # a swapped model (auth.User) is not registered
            if model_admin is not None and tenancy.owned(model):
                model_admin.form = type(
                    f"{model.__name__}AdminForm", (TenancyCheckedForm, model_admin.form), {}
                )
