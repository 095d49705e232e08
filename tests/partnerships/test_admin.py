"""The admin's forms read as the product's own forms do."""

from django.contrib import admin
from django.db import models
from django.test import RequestFactory


def test_a_web_address_typed_without_a_scheme_is_saved_as_https(world):
    request = RequestFactory().get("/admin/")
    request.user = world.admin
    checked = []
    for model, model_admin in admin.site._registry.items():
        urls = [f.name for f in model._meta.fields if isinstance(f, models.URLField) and f.editable]
        if not urls:
            continue
        form = model_admin.get_form(request)
        for name in urls:
            assert form.base_fields[name].clean("council.example.gov.uk") == "https://council.example.gov.uk"
            checked.append(f"{model._meta.label}.{name}")
    assert {"partnerships.Partnership.website", "governance.Meeting.online_link"} <= set(checked), checked
