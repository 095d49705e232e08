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


def test_the_admin_is_for_superusers_only_and_never_rewrites_the_record(world, client_for):
    """A staff user who is not a superuser would see every partnership's records in the admin:
    they are turned away; access-log rows cannot be changed or deleted; history cannot be reverted."""
    from partnerships.core.models import RecordAccess
    from partnerships.core.services import log_record_access

    staff = world.bu
    staff.is_staff = True
    staff.save()
    response = client_for(staff).get("/admin/partnerships/partnership/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    admin = client_for(world.admin)
    assert admin.get("/admin/partnerships/partnership/").status_code == 200
    row = log_record_access(world.bu, world.notification, world.alpha)
    assert (
        admin.post(f"/admin/partnerships/recordaccess/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert RecordAccess.objects.filter(pk=row.pk).exists()
    history = world.alpha.history.first()
    revert = admin.get(f"/admin/partnerships/partnership/{world.alpha.pk}/history/{history.history_id}/")
    assert revert.status_code in (403, 404) or "Revert" not in revert.content.decode()
