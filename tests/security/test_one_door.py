"""One door for every change: the edit page and the API give the same answer to the same bad input.

Generated from the URLconf and the API router: every model with an edit page and an API resource
that updates it (PAIRS). For each, every answer both doors require is sent blank (the page with the
record's current values and that one answer missing, the API as a PATCH of that answer): both refuse
it on the same field and name the answer ("Enter ...", "Select ..."; the page may use a longer label
than the model's name for the field). Each domain rule in RULES is broken the same way through both
doors: both refuse it with the same words on the same field. Nothing is saved: not a row, not a
history row. Every constraint of every model speaks plain words (never "Constraint ... is violated").
"""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from config.api import router
from tests.urlmatrix import page_routes

PRODUCT = {"partnerships", "reviews", "child_death", "funding", "publications"}
NOT_A_CHANGE = {
    "sessions.Session",
    "axes.AccessLog",
    "partnerships.HistoricalUser",
    "partnerships.RecordAccess",
}


def _pairs():
    api = {}
    for prefix, viewset, _basename in router.registry:
        model = getattr(viewset, "model", None)
        if model is not None and "patch" in viewset.http_method_names:
            api[model] = (prefix, viewset)
    pairs = []
    for route in page_routes():
        model = getattr(route.view_class, "model", None)
        if (
            model in api
            and route.name.endswith(("_update", "_edit"))
            and "form_class" in vars(route.view_class)
        ):
            pairs.append((model._meta.label, route.name, *api[model]))
    return sorted(pairs, key=lambda pair: pair[1])


PAIRS = _pairs()

# Domain rules, each broken through both doors on the first alpha record: (model, answers, field, words).
D = datetime.date
NON_FIELD = "__all__"
RULES = [
    (
        "reviews.SeriousIncidentNotification",
        {"la_aware_on": D(2026, 4, 8)},
        "la_aware_on",
        "cannot be in the future",
    ),
    (
        "reviews.SeriousIncidentNotification",
        {"incident_on": D(2099, 1, 5)},
        "incident_on",
        "on or before the date the local authority became aware",
    ),
    (
        "deadlines.ArrangementsTimetable",
        {"publish_by": D(2026, 3, 2), "operate_by": D(2026, 3, 1)},
        NON_FIELD,
        "in operation on or after the date they are published",
    ),
    (
        "deadlines.YearlyReportCycle",
        {"published_on": D(2001, 1, 5)},
        "published_on",
        "after its 12 months start",
    ),
    (
        "deadlines.ArrangementsTimetable",
        {"serious_case_reviews_outstanding": 0, "serious_case_reviews_completed_on": D(2020, 1, 6)},
        "serious_case_reviews_completed_on",
        "Leave this blank when none were outstanding",
    ),
    ("learning.Indicator", {"name": "   "}, "name", "Enter"),
]
VERBS = ("Enter ", "Select ", "Choose ", "Tick ", "Answer ")


def _counts():
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label not in NOT_A_CHANGE
    }


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


def _set(form, data, name, value):
    """Put `value` into the page's answers as the browser would send it."""
    widget = form.fields[name].widget
    if isinstance(widget, MultiWidget):
        parts = widget.decompress(value) if value not in (None, "") else [None] * len(widget.widgets)
        for i, part in enumerate(parts):
            data[f"{name}_{i}"] = "" if part is None else str(part)
    elif value in (None, ""):
        data.pop(name, None) if isinstance(value, list) else data.__setitem__(name, "")
    else:
        data[name] = str(getattr(value, "pk", value))


def _blank_for_api(field):
    if isinstance(field, serializers.ManyRelatedField):
        return []
    if isinstance(field, serializers.CharField) and not field.allow_blank:
        return ""
    return None


def _required_in_api(field):
    if field.read_only:
        return False
    if isinstance(field, serializers.ManyRelatedField):
        return not field.allow_empty
    if isinstance(field, serializers.CharField) and not field.allow_blank:
        return True
    return not field.allow_null and not isinstance(field, serializers.BooleanField)


def _record(world, model):
    return model._default_manager.in_partnership(world.alpha).order_by("pk").first()


def _edit_page(world, client, route_name, record):
    route = next(r for r in page_routes() if r.name == route_name)
    kwargs = {"partnership": "alpha", "pk": record.pk, **world.url_kwargs.get(route_name, {})}
    url = reverse(route_name, kwargs={k: v for k, v in kwargs.items() if k in route.kwarg_names})
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return url, page.context["form"]


def _page_errors(response):
    assert response.status_code in (200, 400), response.status_code
    assert "govuk-error-summary" in response.content.decode()
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_the_pairs_were_found():
    labels = {label for label, *_ in PAIRS}
    assert {
        "partnerships.Action",
        "reviews.SeriousIncidentNotification",
        "child_death.ChildDeathCase",
    } <= labels
    assert len(PAIRS) >= 25


@pytest.mark.parametrize(("label", "route_name", "prefix", "viewset"), PAIRS, ids=[p[1] for p in PAIRS])
def test_a_missing_answer_gets_the_same_words_from_the_page_and_the_api(
    world, client_for, api_for, label, route_name, prefix, viewset
):
    model = apps.get_model(label)
    record = _record(world, model)
    assert record is not None, f"the test world has no alpha {label}"
    client, api = client_for(world.bu), api_for(world.bu)
    url, form = _edit_page(world, client, route_name, record)
    writable = viewset.serializer_class(context={"request": None}).fields
    both = [
        name
        for name, field in form.fields.items()
        if field.required and not field.disabled and name in writable and _required_in_api(writable[name])
    ]
    before = _counts()
    differ = {}
    for name in both:
        data = _form_data(form)
        _set(form, data, name, "")
        page = _page_errors(client.post(url, data))
        response = api.patch(
            f"/api/{prefix}/{record.pk}/", {name: _blank_for_api(writable[name])}, format="json"
        )
        assert response.status_code == 400, (name, response.status_code)
        body = response.json()
        assert name in page and name in body, (name, page, body)
        if not (page[name][0].startswith(VERBS) and body[name][0].startswith(VERBS)):
            differ[name] = (page[name], body[name])
    assert differ == {}
    assert _counts() == before


@pytest.mark.parametrize(
    ("label", "answers", "field_name", "words"), RULES, ids=[f"{r[0]}.{r[2]}" for r in RULES]
)
def test_a_broken_rule_gets_the_same_words_from_the_page_and_the_api(
    world, client_for, api_for, label, answers, field_name, words
):
    model = apps.get_model(label)
    record = _record(world, model)
    route_name, prefix = next((p[1], p[2]) for p in PAIRS if p[0] == label)
    client, api = client_for(world.bu), api_for(world.bu)
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 4, 7, 10)), tick=False):
        url, form = _edit_page(world, client, route_name, record)
        before = _counts()
        data = _form_data(form)
        for name, value in answers.items():
            _set(form, data, name, value)
        page = _page_errors(client.post(url, data))
        body = {
            name: str(value) if isinstance(value, datetime.date) else value for name, value in answers.items()
        }
        response = api.patch(f"/api/{prefix}/{record.pk}/", body, format="json")
    assert response.status_code == 400
    api_errors = response.json()
    api_name = "non_field_errors" if field_name == NON_FIELD else field_name
    assert field_name in page and api_name in api_errors, (page, api_errors)
    assert page[field_name] == api_errors[api_name]
    assert words in " ".join(page[field_name])
    assert "Constraint" not in str(api_errors)
    assert _counts() == before
    assert model._default_manager.get(pk=record.pk).history.count() == record.history.count()


def test_every_constraint_speaks_plain_words():
    silent = [
        f"{model._meta.label}.{constraint.name}"
        for model in apps.get_models()
        if model._meta.app_config.name.split(".")[0] in PRODUCT
        for constraint in model._meta.constraints
        if constraint.violation_error_message in (None, constraint.default_violation_error_message)
    ]
    assert silent == []
