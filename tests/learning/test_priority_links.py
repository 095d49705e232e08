""" "You said, we did" and indicators name one of the partnership's recorded priorities (never another
partnership's: model, form and API refuse it); the text typed before is kept only where no single
priority of that title exists."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships.governance.models import Priority
from partnerships.learning.models import Indicator, YouSaidWeDid

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "partnerships.learning.migrations.0003_link_voice_changes_and_indicators_to_priorities"
)


def test_the_model_refuses_another_partnerships_priority(world):
    change = world.change
    change.priority = world.beta_gov["priority"]
    with pytest.raises(ValidationError):
        change.save()
    assert YouSaidWeDid.objects.get(pk=change.pk).priority is None
    indicator = world.indicator
    indicator.priority = world.beta_gov["priority"]
    with pytest.raises(ValidationError):
        indicator.save()
    assert Indicator.objects.get(pk=indicator.pk).priority is None
    indicator.priority = world.gov["priority"]
    indicator.save()
    assert Indicator.objects.get(pk=indicator.pk).priority == world.gov["priority"]


def test_the_api_links_a_priority_and_refuses_another_partnerships(world, api_for):
    api = api_for(world.bu)
    own, other = world.gov["priority"], world.beta_gov["priority"]
    for url in (f"/api/you-said-we-did/{world.change.pk}/", f"/api/indicators/{world.indicator.pk}/"):
        refused = api.patch(url, {"priority": other.pk}, format="json")
        assert refused.status_code == 400 and "priority" in refused.json()
        linked = api.patch(url, {"priority": own.pk}, format="json")
        assert linked.status_code == 200 and linked.json()["priority"] == own.pk
        # The legacy text is read-only.
        api.patch(url, {"priority_text": "Typed"}, format="json")
        assert api.get(url).json()["priority_text"] == ""
    assert YouSaidWeDid.objects.get(pk=world.change.pk).priority == own
    assert Indicator.objects.get(pk=world.indicator.pk).priority == own


def test_the_form_offers_the_partnerships_priorities_and_the_page_links_the_chosen_one(world, client_for):
    bu = client_for(world.bu)
    url = reverse("learning:change_update", kwargs={"partnership": "alpha", "pk": world.change.pk})
    beta_only = Priority.objects.create(partnership=world.beta, year=2019, title="Beta's own priority")
    form = bu.get(url).content.decode()
    assert world.gov["priority"].title in form and beta_only.title not in form
    assert "---------" not in form
    data = {"you_said": world.change.you_said, "we_did": world.change.we_did, "status": "done"}
    refused = bu.post(url, {**data, "priority": beta_only.pk})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    assert YouSaidWeDid.objects.get(pk=world.change.pk).priority is None
    assert bu.post(url, {**data, "priority": world.gov["priority"].pk}).status_code == 302
    page = bu.get(world.activity.get_absolute_url()).content.decode()
    assert f'href="{world.gov["priority"].get_absolute_url()}"' in page


def test_the_migration_links_text_that_names_one_priority_and_keeps_the_rest(world):
    title = world.gov["priority"].title
    YouSaidWeDid.objects.filter(pk=world.change.pk).update(priority_text=f"  {title.upper()} ")
    Indicator.objects.filter(pk=world.indicator.pk).update(priority_text="Not a priority of ours")
    # Alpha has "Safer sleep" in two years: the text names no single priority and stays.
    for year in (2019, 2020):
        Priority.objects.create(partnership=world.alpha, year=year, title="Safer sleep")
    Indicator.objects.filter(pk=world.hospital_indicator.pk).update(priority_text="Safer sleep")
    beta_change = world.beta_learning[5]
    YouSaidWeDid.objects.filter(pk=beta_change.pk).update(priority_text=title)  # beta's own of that title
    migration.link_to_priorities(apps, None)
    change = YouSaidWeDid.objects.get(pk=world.change.pk)
    assert (change.priority, change.priority_text) == (world.gov["priority"], "")
    indicator = Indicator.objects.get(pk=world.indicator.pk)
    assert (indicator.priority, indicator.priority_text) == (None, "Not a priority of ours")
    hospital = Indicator.objects.get(pk=world.hospital_indicator.pk)
    assert (hospital.priority, hospital.priority_text) == (None, "Safer sleep")
    beta = YouSaidWeDid.objects.get(pk=beta_change.pk)
    assert beta.priority == world.beta_gov["priority"] and beta.priority.partnership == world.beta
