"""No door lets a record name another partnership's person, organisation, area or record.

Generated from the models: for every foreign key and many-to-many field of a partnership's record
that names a person, an organisation, an area or another partnership-owned record, an id from the
other partnership (beta) is written to one of alpha's records through the model (every save: the
admin, imports, commands and the demo loader go through it), the API (PATCH) and the edit page; each
is refused and nothing changes (partnerships/core/tenancy.py).
"""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import MultiWidget
from django.urls import reverse

from config.api import router
from partnerships.core import tenancy
from partnerships.core.models import LocalAuthorityArea, Organisation, Partnership, User
from tests.urlmatrix import page_routes


def _fields():
    found = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical") or not tenancy.owned(model):
            continue
        names = [
            f.name
            for f in tenancy._checked_fields(model)
            if f.related_model in (User, Organisation, LocalAuthorityArea) or tenancy.owned(f.related_model)
        ]
        names += [
            f.name
            for f in model._meta.many_to_many
            if f.related_model is not Partnership
            and (
                f.related_model in (User, Organisation, LocalAuthorityArea) or tenancy.owned(f.related_model)
            )
        ]
        found += [(model._meta.label, name) for name in names]
    return sorted(found)


FIELDS = _fields()


@pytest.fixture
def full_world(world):
    """The test world with a row of every model these fields live on (in alpha) or point at (in beta)."""
    w = world
    apps.get_model("child_death.PanelMeeting").objects.create(
        panel=w.beta_cdop, meets_on=datetime.date(2026, 1, 6)
    )
    apps.get_model("partnerships.ActionUpdate").objects.create(action=w.action, text="Started.", author=w.bu)
    apps.get_model("partnerships.DelegatedOfficer").objects.create(
        partner=w.partner_la, person=w.lead_la, title="Director of Children's Services"
    )
    apps.get_model("publications.SignOff").objects.create(
        version=w.arrangements_v1, organisation=w.council, signed_by=w.lead_la
    )
    apps.get_model("reviews.PartnerSignOff").objects.create(
        partnership=w.alpha, rapid_review=w.rapid_review, organisation=w.council, signed_by=w.lead_la
    )
    apps.get_model("reviews.ReviewReopening").objects.create(
        review=w.rapid_review, reason="A partner asked for a correction.", reopened_by=w.bu
    )
    return w


# Signing in and reading a case record write these; the change under test must write nothing else.
NOT_A_CHANGE = {
    "sessions.Session",
    "axes.AccessLog",
    "partnerships.HistoricalUser",
    "partnerships.RecordAccess",
}


def _counts():
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label not in NOT_A_CHANGE
    }


def _foreign(world, model):
    """A row of `model` that belongs to beta and not to alpha."""
    if model is User:
        return world.outsider
    if model is Organisation:
        return world.beta_police
    if model is LocalAuthorityArea:
        return world.area_b
    alpha = set(model._default_manager.in_partnership(world.alpha).values_list("pk", flat=True))
    return model._default_manager.in_partnership(world.beta).exclude(pk__in=alpha).order_by("pk").first()


def _api_prefix(model):
    for prefix, viewset, _basename in router.registry:
        vs_model = getattr(viewset, "model", None) or getattr(
            getattr(viewset, "queryset", None), "model", None
        )
        if vs_model is model:
            return prefix, viewset
    return None, None


def _update_route(model):
    for route in page_routes():
        view = route.view_class
        if view is not None and getattr(view, "model", None) is model and route.name.endswith("_update"):
            return route
    return None


def _form_data(form):
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, MultiWidget):
            for i, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{i}"] = "" if part is None else str(part)
        elif isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(getattr(value, "pk", value))
    return data


def test_the_fields_were_found():
    labels = {f"{label}.{name}" for label, name in FIELDS}
    assert {
        "partnerships.Action.owner",
        "partnerships.Action.owner_organisation",
        "partnerships.GroupMember.person",
    } <= labels
    assert len(FIELDS) > 60


@pytest.mark.parametrize(("label", "field_name"), FIELDS, ids=[f"{a}.{b}" for a, b in FIELDS])
def test_another_partnerships_id_is_refused_by_every_door(full_world, api_for, client_for, label, field_name):
    world = full_world
    model = apps.get_model(label)
    field = model._meta.get_field(field_name)
    record = model._default_manager.in_partnership(world.alpha).order_by("pk").first()
    assert record is not None, f"the test world has no alpha {label} to write to"
    foreign = _foreign(world, field.related_model)
    assert foreign is not None, f"the test world has no beta {field.related_model._meta.label}"
    before = _counts()

    # The model: every save and every many-to-many add.
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        if field.many_to_many:
            getattr(record, field_name).add(foreign)
        else:
            setattr(record, field.attname, foreign.pk)
            record.save()
    assert field_name in refused.value.message_dict
    assert _counts() == before
    record.refresh_from_db()
    if field.many_to_many:
        assert not getattr(record, field_name).filter(pk=foreign.pk).exists()
    else:
        assert getattr(record, field.attname) != foreign.pk

    # The API, where the resource lets the field be written.
    prefix, viewset = _api_prefix(model)
    if prefix is not None:
        serializer = viewset.serializer_class()
        writable = field_name in serializer.fields and not serializer.fields[field_name].read_only
        if writable:
            value = [foreign.pk] if field.many_to_many else foreign.pk
            response = api_for(world.bu).patch(
                f"/api/{prefix}/{record.pk}/", {field_name: value}, format="json"
            )
            assert response.status_code in (400, 403, 405), (prefix, response.status_code)
            assert _counts() == before

    # The edit page, where there is one with the field on it.
    route = _update_route(model)
    if route is not None:
        kwargs = {"partnership": "alpha", "pk": record.pk, **world.url_kwargs.get(route.name, {})}
        url = reverse(route.name, kwargs={k: v for k, v in kwargs.items() if k in route.kwarg_names})
        client = client_for(world.bu)
        page = client.get(url)
        form = page.context["form"] if page.status_code == 200 and page.context else None
        if form is not None and field_name in form.fields:
            data = _form_data(form)
            data[field_name] = [str(foreign.pk)] if field.many_to_many else str(foreign.pk)
            response = client.post(url, data)
            assert response.status_code in (200, 400), (url, response.status_code)
            assert "govuk-error-summary" in response.content.decode()
            assert _counts() == before
