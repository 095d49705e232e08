"""A body replaced by another (a CCG by its ICB on 1 July 2022): records keep the body of their date,
pages and documents dated from the change name the successor (docs/statutory-rules.md#successors)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from funding import services as funding_services
from funding.models import Contribution
from partnerships.core.choices import OrganisationKind
from partnerships.core.models import Organisation
from partnerships.core.periods import financial_year_overlapping_most
from publications import assembly
from publications import services as publication_services
from publications.choices import PublicationKind

ICB_DAY = datetime.date(2022, 7, 1)
CCG_NAME = "Alpha Clinical Commissioning Group"


@pytest.fixture
def ccg(world):
    """Alpha's CCG, replaced by Alpha ICB (the world's health partner) on 1 July 2022."""
    ccg = Organisation.objects.create(name=CCG_NAME, kind=OrganisationKind.CCG)
    ccg.areas.set([world.area_a, world.area_a2])
    ccg.successor, ccg.succeeded_on = world.icb, ICB_DAY
    ccg.full_clean()
    ccg.save()
    return ccg


def test_name_on_gives_the_body_of_the_day(world, ccg):
    assert ccg.name_on(datetime.date(2019, 9, 29)) == CCG_NAME
    assert ccg.name_on(ICB_DAY - datetime.timedelta(days=1)) == CCG_NAME
    assert ccg.name_on(ICB_DAY) == "Alpha ICB"
    assert ccg.as_of(datetime.date(2024, 1, 1)) == world.icb
    with time_machine.travel(datetime.date(2026, 12, 1)):
        assert ccg.name_on() == "Alpha ICB"
    # The record itself is not rewritten.
    ccg.refresh_from_db()
    assert ccg.name == CCG_NAME
    assert world.icb.name_on(datetime.date(2019, 1, 1)) == "Alpha ICB"


def test_a_successor_without_its_date_is_refused(world):
    ccg = Organisation.objects.create(name=CCG_NAME, kind=OrganisationKind.CCG)
    ccg.areas.set([world.area_a])
    ccg.successor = world.icb
    with pytest.raises(ValidationError) as error:
        ccg.full_clean()
    assert "Give the successor and the date it took over together, or neither." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=ccg.pk).update(successor=world.icb)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=ccg.pk).update(succeeded_on=ICB_DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=ccg.pk).update(successor=ccg, succeeded_on=ICB_DAY)


def test_the_successor_must_belong_to_the_same_partnership(world):
    ccg = Organisation.objects.create(name=CCG_NAME, kind=OrganisationKind.CCG)
    ccg.areas.set([world.area_a])
    ccg.successor, ccg.succeeded_on = world.beta_icb, ICB_DAY  # Beta's partner only
    with pytest.raises(ValidationError) as error:
        ccg.full_clean()
    assert "The successor must belong to the same partnership" in str(error.value.message_dict["successor"])
    ccg.successor = world.icb  # serves Alpha's areas and is its partner
    ccg.full_clean()


def test_a_body_cannot_succeed_itself_through_others(world, ccg):
    world.icb.successor, world.icb.succeeded_on = ccg, datetime.date(2030, 1, 1)
    with pytest.raises(ValidationError) as error:
        world.icb.full_clean()
    assert "cannot succeed itself" in str(error.value)


def test_current_offers_the_bodies_in_being_on_the_day(world, ccg):
    with time_machine.travel(datetime.date(2026, 12, 1)):
        today = set(Organisation.objects.current())
    assert world.icb in today and ccg not in today
    in_2019 = set(Organisation.objects.current(on=datetime.date(2019, 9, 29)))
    assert ccg in in_2019 and world.icb not in in_2019
    assert world.council in today and world.council in in_2019


def test_the_structure_page_names_the_partner_of_today(world, ccg, client_for):
    # The partnership's record still names the CCG, as its 2019 arrangements did.
    world.partner_health.organisation = ccg
    world.partner_health.save()
    page = client_for(world.bu).get(reverse("partnerships:structure", kwargs={"partnership": "alpha"}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Alpha ICB" in text
    assert CCG_NAME not in text


def _yearly_report_lines(world, publication, organisation):
    # The financial year the report's funding table shows: the one overlapping its period most.
    year = financial_year_overlapping_most(publication.period_start, publication.period_end).start_year
    funding_services.save_contribution(
        world.bu,
        Contribution(partnership=world.alpha, year=year, organisation=organisation, amount_pence=7_100_000),
    )
    version = publication_services.make_draft(world.bu, publication)
    return version, "\n".join(assembly.content_lines(version.content))


def test_a_2019_yearly_report_keeps_the_ccg(world, ccg, client_for):
    version, text = _yearly_report_lines(world, world.yearly, ccg)
    assert world.yearly.period_end < ICB_DAY
    assert CCG_NAME in text
    page = client_for(world.bu).get(
        reverse("publications:version_detail", kwargs={"partnership": "alpha", "pk": version.pk})
    )
    assert CCG_NAME in page.content.decode()


def test_a_yearly_report_after_the_change_names_the_icb(world, ccg):
    report = publication_services.create_publication(
        world.bu,
        world.alpha,
        kind=PublicationKind.YEARLY_REPORT,
        title="Alpha yearly report 2023 to 2024",
        period_start=datetime.date(2023, 4, 1),
    )
    _version, text = _yearly_report_lines(world, report, ccg)
    assert CCG_NAME not in text
    assert "Alpha ICB" in text


def test_a_new_record_is_offered_the_body_in_being_and_an_old_one_keeps_its_own(world, ccg, client_for):
    client = client_for(world.bu)
    new_form = client.get(reverse("partnerships:action_create", kwargs={"partnership": "alpha"})).context[
        "form"
    ]
    offered = set(new_form.fields["owner_organisation"].queryset)
    assert world.icb in offered and ccg not in offered
    # An action of 2019 owned by the CCG keeps it on its edit page (and may be saved unchanged).
    action = world.action
    type(action).objects.filter(pk=action.pk).update(owner_organisation=ccg)
    url = reverse("partnerships:action_update", kwargs={"partnership": "alpha", "pk": action.pk})
    edit_form = client.get(url).context["form"]
    assert ccg in set(edit_form.fields["owner_organisation"].queryset)
