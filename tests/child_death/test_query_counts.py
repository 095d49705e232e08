"""The case list, the forms list and the figures keep a constant query count from 10 to 1,000 cases."""

import datetime
import itertools

from child_death.models import ChildDeathCase, ReportingForm
from tests.querycount import assert_constant_queries

_serial = itertools.count()


def _add_cases(world):
    def add(n):
        start = next(_serial) * 10_000
        cases = ChildDeathCase.objects.bulk_create(
            ChildDeathCase(
                panel=world.cdop,
                reference=f"QC-{start + i}",
                date_of_death=datetime.date(2023, 1 + i % 12, 1),
                notified_on=datetime.date(2023, 1 + i % 12, 2),
                notified_by="Registrar",
                place_of_death="hospital",
                age_band=["0_27d", "1_4", "15_17"][i % 3],
                area_of_residence=[world.area_a, world.area_g][i % 2],
                expectedness="unexpected",
                category=(i % 10) + 1 if i % 4 else None,
                modifiable="yes" if i % 3 else "no",
                panel_reviewed_on=datetime.date(2023, 12, 1) if i % 2 else None,
                stage="panel_reviewed" if i % 2 else "gathering",
            )
            for i in range(n)
        )
        ReportingForm.objects.bulk_create(
            ReportingForm(
                case=c,
                organisation=[world.hospital, world.school][i % 2],
                requested_on=datetime.date(2023, 1, 3),
                due_date=datetime.date(2023, 2, 1),
            )
            for i, c in enumerate(cases)
        )

    return add


def test_case_list(world, client_for):
    assert_constant_queries(
        client_for(world.bu), "/p/alpha/child-deaths/", _add_cases(world), small=10, large=1000
    )


def test_case_list_export(world, client_for):
    assert_constant_queries(
        client_for(world.bu), "/p/alpha/child-deaths/?export=csv", _add_cases(world), small=10, large=1000
    )


def test_figures(world, client_for):
    assert_constant_queries(
        client_for(world.scrutineer),
        "/p/alpha/child-deaths/figures/?year=2022",
        _add_cases(world),
        small=10,
        large=1000,
    )


def test_forms_list_and_national_return(world, client_for):
    client = client_for(world.bu)
    add = _add_cases(world)
    assert_constant_queries(client, "/p/alpha/child-deaths/forms/", add, small=10, large=200)
    assert_constant_queries(
        client, "/p/alpha/child-deaths/national-return/?export=csv", add, small=10, large=200
    )


def test_case_list_counts_only_forms_still_requested(world, client_for):
    """The subquery behind "Forms outstanding" counts a case's requested forms, not submitted ones."""
    case = ChildDeathCase.objects.create(
        panel=world.cdop,
        reference="QC-OUTSTANDING",
        date_of_death=datetime.date(2023, 5, 1),
        notified_on=datetime.date(2023, 5, 2),
        notified_by="Registrar",
        place_of_death="hospital",
        age_band="1_4",
        area_of_residence=world.area_a,
        expectedness="unexpected",
    )
    for org, status in [
        (world.hospital, "requested"),
        (world.school, "requested"),
        (world.police, "submitted"),
    ]:
        ReportingForm.objects.create(
            case=case,
            organisation=org,
            requested_on=datetime.date(2023, 5, 3),
            due_date=datetime.date(2023, 6, 1),
            status=status,
            submitted_on=datetime.date(2023, 5, 20) if status == "submitted" else None,
        )
    rows = (
        client_for(world.bu).get("/p/alpha/child-deaths/?export=csv").content.decode("utf-8-sig").splitlines()
    )
    header = rows[0].split(",")
    row = next(r.split(",") for r in rows if r.startswith("QC-OUTSTANDING"))
    assert row[header.index("Forms outstanding")] == "2"
