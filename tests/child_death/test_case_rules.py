"""The child death case's own rules, the same through the page, the API and the service
(docs/statutory-rules.md#child-death-review): a child born on or before the death and under 18 at
it; the age band derived from the dates, never typed; a second case with the same NHS number linked
to the first with a warning; the analysis graded on the national form's scale, the category of death
chosen, never defaulted."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from child_death import services
from child_death.choices import AgeBand, FactorGrade
from child_death.models import ChildDeathCase, ChildIdentity
from partnerships.core.models import RecordLink
from tests.child_death.builders import make_case

D = datetime.date


def _page_data(world, **extra):
    data = {
        "panel": world.cdop.pk,
        "date_of_death_0": "5",
        "date_of_death_1": "1",
        "date_of_death_2": "2024",
        "notified_on_0": "6",
        "notified_on_1": "1",
        "notified_on_2": "2024",
        "notified_by": "Registrar",
        "place_of_death": "home",
        "area_of_residence": world.area_a.pk,
        "expectedness": "unexpected",
        "given_names": "Pagechild",
        "family_name": "Pseudonym",
        "date_of_birth_0": "1",
        "date_of_birth_1": "10",
        "date_of_birth_2": "2023",
        "nhs_number": "9434765870",
    }
    data.update(extra)
    return data


def _api_data(world, **extra):
    data = {
        "panel": world.cdop.pk,
        "date_of_death": "2024-01-05",
        "notified_on": "2024-01-06",
        "notified_by": "Registrar",
        "place_of_death": "home",
        "area_of_residence": world.area_a.pk,
        "expectedness": "unexpected",
        "given_names": "Apichild",
        "family_name": "Pseudonym",
        "date_of_birth": "2023-10-01",
        "nhs_number": "9434765870",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("born", "message"),
    [
        ((D(2024, 1, 6), "6", "1", "2024"), "The date of birth must be on or before the date of death"),
        ((D(2004, 1, 5), "5", "1", "2004"), "The child must have been under 18 at death"),
    ],
)
def test_the_dates_must_make_a_child_through_the_page_and_the_api(world, client_for, api_for, born, message):
    before = (ChildDeathCase.objects.count(), ChildIdentity.objects.count(), ChildDeathCase.history.count())
    day, d, m, y = born
    page = client_for(world.bu).post(
        "/p/alpha/child-deaths/new/",
        _page_data(world, date_of_birth_0=d, date_of_birth_1=m, date_of_birth_2=y),
    )
    assert page.status_code == 200 and "govuk-error-summary" in page.content.decode()
    assert message in page.content.decode()
    api = api_for(world.bu).post(
        "/api/child-death-cases/", _api_data(world, date_of_birth=day.isoformat()), format="json"
    )
    assert api.status_code == 400
    assert message in str(api.json()["date_of_birth"])
    after = (ChildDeathCase.objects.count(), ChildIdentity.objects.count(), ChildDeathCase.history.count())
    assert after == before


@pytest.mark.parametrize(
    ("born", "died", "band"),
    [
        (D(2024, 12, 20), D(2025, 1, 2), AgeBand.NEONATE),  # 13 days, across Christmas and New Year
        (D(2024, 1, 1), D(2024, 1, 29), AgeBand.INFANT),  # 28 days
        (D(2023, 2, 28), D(2024, 2, 27), AgeBand.INFANT),  # 364 days
        (D(2020, 2, 29), D(2025, 2, 28), AgeBand.Y1_4),  # a leap-day birthday not yet reached
        (D(2020, 2, 29), D(2025, 3, 1), AgeBand.Y5_9),
        (D(2010, 6, 1), D(2025, 5, 31), AgeBand.Y10_14),
        (D(2007, 6, 1), D(2025, 5, 31), AgeBand.Y15_17),  # the day before the 18th birthday
    ],
)
def test_the_age_band_follows_from_the_dates_whatever_was_sent(world, api_for, born, died, band):
    response = api_for(world.bu).post(
        "/api/child-death-cases/",
        _api_data(
            world,
            date_of_birth=born.isoformat(),
            date_of_death=died.isoformat(),
            notified_on=died.isoformat(),
            age_band="15_17",
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert ChildDeathCase.objects.get(reference=response.json()["reference"]).age_band == band


def test_a_second_case_with_the_same_nhs_number_is_linked_to_the_first_and_the_page_warns(world, client_for):
    first = services.notify_death(
        world.bu,
        panel=world.cdop,
        identity={
            "given_names": "Firstchild",
            "family_name": "Pseudonym",
            "date_of_birth": D(2023, 10, 1),
            "nhs_number": "9434765870",
        },
        date_of_death=D(2024, 1, 5),
        notified_on=D(2024, 1, 6),
        notified_by="Registrar",
        place_of_death="home",
        area_of_residence=world.area_a,
        expectedness="unexpected",
    )
    response = client_for(world.bu).post("/p/alpha/child-deaths/new/", _page_data(world), follow=True)
    second = ChildDeathCase.objects.exclude(pk=first.pk).latest("pk")
    assert ChildIdentity.objects.get(case=second).nhs_number == "9434765870"
    assert f"Case {first.reference} has the same NHS number" in response.content.decode()
    link = RecordLink.objects.for_record(second).get()
    assert {link.from_id, link.to_id} == {first.pk, second.pk} and link.reason == "The same NHS number"


def test_the_analysis_is_graded_on_the_national_scale_and_the_category_is_never_defaulted(world, client_for):
    assert [label for _value, label in FactorGrade.choices] == [
        "0: information not available",
        "1: no factors identified, or factors identified but unlikely to have contributed",
        "2: factors identified that may have contributed to vulnerability, ill-health or death",
    ]
    page = client_for(world.bu).get(f"/p/alpha/child-deaths/{world.cd_case.pk}/analysis/").content.decode()
    assert 'name="category"' in page and 'type="radio"' in page
    category_inputs = [line for line in page.splitlines() if 'name="category"' in line]
    assert category_inputs and not any("checked" in line for line in category_inputs)
    with pytest.raises(ValidationError) as error:
        services.record_analysis(world.bu, world.cd_reviewed, category=None, modifiable="no")
    assert error.value.message_dict["category"] == ["Choose the category of death"]


def test_grades_on_the_old_scale_are_mapped_with_a_history_row(world):
    migration = importlib.import_module("child_death.migrations.0003_analysis_grades_on_the_national_scale")
    case = make_case(world.bu, world.cdop, world.area_a, 7)
    ChildDeathCase.objects.filter(pk=case.pk).update(
        factors_child=0, factors_social=1, factors_physical=2, factors_service=None
    )
    history_before = case.history.count()
    migration.map_grades(apps, None)
    case.refresh_from_db()
    assert (case.factors_child, case.factors_social, case.factors_physical, case.factors_service) == (
        0,
        2,
        2,
        None,
    )
    assert case.history.count() == history_before + 1
    assert case.history.first().history_change_reason == migration.REASON
