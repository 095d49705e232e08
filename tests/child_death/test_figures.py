"""The yearly figures (child_death.figures) on a fixed set of cases, computed by hand."""

import datetime

import pytest

from child_death.choices import FormStatus, Stage
from child_death.figures import percentile, yearly_figures
from child_death.models import ChildDeathCase, ReportingForm
from partnerships.core.periods import financial_year, financial_year_label

D = datetime.date


def _case(
    world, ref, death, notified, band, category, place, expectedness, modifiable, reviewed, stage, panel=None
):
    return ChildDeathCase.objects.create(
        panel=panel or world.cdop,
        reference=f"FIX-{ref}",
        date_of_death=death,
        notified_on=notified,
        notified_by="Registrar",
        place_of_death=place,
        age_band=band,
        area_of_residence=world.area_a,
        expectedness=expectedness,
        category=category,
        modifiable=modifiable,
        panel_reviewed_on=reviewed,
        stage=stage,
    )


@pytest.fixture
def fixed(world):
    # Only the fixed cases: drop the builders' ones from this panel.
    ChildDeathCase.objects.filter(panel=world.cdop).update(panel=world.beta_cdop)
    cases = {
        "A": _case(
            world,
            "A",
            D(2023, 4, 10),
            D(2023, 4, 11),
            "0_27d",
            8,
            "hospital",
            "expected",
            "no",
            D(2023, 10, 11),
            Stage.CLOSED,
        ),
        "B": _case(
            world,
            "B",
            D(2023, 6, 1),
            D(2023, 6, 1),
            "0_27d",
            8,
            "hospital",
            "unexpected",
            "yes",
            D(2023, 9, 1),
            Stage.PANEL_REVIEWED,
        ),
        "C": _case(
            world,
            "C",
            D(2023, 12, 25),
            D(2023, 12, 27),
            "15_17",
            2,
            "public_place",
            "unexpected",
            "yes",
            D(2024, 3, 27),
            Stage.CLOSED,
        ),
        "D": _case(
            world,
            "D",
            D(2024, 3, 31),
            D(2024, 4, 2),
            "1_4",
            None,
            "home",
            "unexpected",
            "",
            None,
            Stage.GATHERING,
        ),
        "E": _case(
            world,
            "E",
            D(2022, 5, 5),
            D(2022, 5, 6),
            "10_14",
            4,
            "hospice",
            "expected",
            "insufficient",
            D(2023, 5, 6),
            Stage.CLOSED,
        ),
        "F": _case(
            world,
            "F",
            D(2024, 4, 1),
            D(2024, 4, 2),
            "28_364d",
            None,
            "home",
            "unexpected",
            "",
            None,
            Stage.NOTIFIED,
        ),
    }
    ReportingForm.objects.bulk_create(
        [
            ReportingForm(
                case=cases["D"],
                organisation=world.hospital,
                requested_on=D(2024, 4, 3),
                due_date=D(2024, 4, 20),
            ),
            ReportingForm(
                case=cases["D"], organisation=world.school, requested_on=D(2024, 4, 3), due_date=D(2024, 7, 1)
            ),
            ReportingForm(
                case=cases["F"],
                organisation=world.hospital,
                requested_on=D(2024, 4, 3),
                due_date=D(2024, 7, 1),
            ),
            ReportingForm(
                case=cases["A"],
                organisation=world.hospital,
                requested_on=D(2023, 4, 12),
                due_date=D(2023, 5, 1),
                status=FormStatus.SUBMITTED,
                submitted_on=D(2023, 4, 30),
                involvement="x",
            ),
        ]
    )
    return ChildDeathCase.objects.filter(panel=world.cdop)


def test_deaths_by_year_age_category_place_and_expectedness(fixed):
    f = yearly_figures(fixed, 2023, on=D(2024, 6, 1))
    assert f.label == "2023/24"
    assert dict(f.deaths_by_year) == {"2022/23": 1, "2023/24": 4, "2024/25": 1}
    assert f.deaths == 4
    assert dict(f.by_age_band) == {
        "0 to 27 days": 2,
        "28 to 364 days": 0,
        "1 to 4 years": 1,
        "5 to 9 years": 0,
        "10 to 14 years": 0,
        "15 to 17 years": 1,
    }
    assert f.by_category["8 Perinatal or neonatal event"] == 2
    assert f.by_category["2 Suicide or deliberate self-harm"] == 1
    assert sum(f.by_category.values()) == 3 and f.not_yet_categorised == 1
    assert f.by_place["Hospital"] == 2 and f.by_place["Public place"] == 1 and f.by_place["Home"] == 1
    assert dict(f.by_expectedness) == {"Expected": 1, "Unexpected": 3}


def test_modifiable_share_and_time_to_panel(fixed):
    f = yearly_figures(fixed, 2023, on=D(2024, 6, 1))
    # Reviews completed in 2023/24: A, B, C and E (reviewed 6 May 2023 though it died in 2022/23).
    assert f.reviews_completed == 4
    assert dict(f.by_modifiable) == {
        "Yes: modifiable factors identified": 2,
        "No modifiable factors identified": 1,
        "Insufficient information": 1,
    }
    assert f.modifiable_share == pytest.approx(2 / 3)  # of reviews with a yes or no decision
    assert f.modifiable_percent == 66.7
    # Waits: A 183, B 92, C 91, E 365 days.
    assert f.days_to_panel_median == 137.5
    assert f.days_to_panel_p90 == 365


def test_open_cases_by_stage_and_age_and_forms_outstanding(fixed):
    f = yearly_figures(fixed, 2023, on=D(2024, 6, 1))
    assert f.open_total == 3  # B, D, F
    assert f.open_by_stage == {
        "Notified": 1,
        "Information gathering": 1,
        "Child death review meeting held": 0,
        "Reviewed by the panel": 1,
    }
    assert dict(f.open_by_age) == {
        "Under 3 months": 2,
        "3 to 6 months": 0,
        "6 to 12 months": 0,
        "Over 12 months": 1,
    }
    assert f.forms_outstanding == [
        {"organisation": "Alpha Hospital Trust", "outstanding": 2, "overdue": 1},
        {"organisation": "Alpha Academy", "outstanding": 1, "overdue": 0},
    ]


def test_an_empty_year(fixed):
    f = yearly_figures(fixed, 2030, on=D(2030, 6, 1))
    assert f.deaths == 0 and f.modifiable_share is None and f.days_to_panel_median is None


def test_helpers():
    assert financial_year(D(2024, 3, 31)) == 2023 and financial_year(D(2024, 4, 1)) == 2024
    assert financial_year_label(2023) == "2023/24"
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert percentile([5], 90) == 5 and percentile([], 90) is None


def test_figures_page_and_download(world, fixed, client_for):
    client = client_for(world.scrutineer)
    page = client.get("/p/alpha/child-deaths/figures/?year=2023")
    assert page.status_code == 200
    assert page.context["figures"].deaths == 4
    csv_text = client.get("/p/alpha/child-deaths/figures/?year=2023&export=csv").content.decode("utf-8-sig")
    assert "Days notification to panel review,median,137.5" in csv_text
    assert "Share with modifiable factors (%),,66.7" in csv_text
    assert client.get("/p/alpha/child-deaths/figures/?year=abc").status_code == 200


def test_figures_api(world, fixed, api_for):
    data = api_for(world.bu).get("/api/child-death-figures/?partnership=alpha&year=2023").json()
    assert data["deaths"] == 4 and data["days_to_panel_p90"] == 365
    assert api_for(world.outsider).get("/api/child-death-figures/?partnership=alpha").status_code == 404
