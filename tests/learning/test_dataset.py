"""The partnership dataset: values by form and by CSV/XLSX upload, checked row by row; one bad row saves
nothing and names the row; agency contributors submit only their own agency's indicators; trends are
an SVG chart with the same figures in a table."""

import datetime
import io
from decimal import Decimal

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from partnerships.learning.imports import import_values
from partnerships.learning.models import IndicatorValue

D = datetime.date


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def csv_bytes(*lines):
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_good_csv_saves_every_row(world):
    data = csv_bytes(
        "Indicator,Period,Area,Value,Commentary",
        "re-referrals,2019-10-01,,18.5,Fell after the front door review",
        "re-referrals,01/10/2019,North,17,",
        "re-referrals,2019-10-01,South,20.25,",
    )
    outcome = import_values(world.bu, world.alpha, "values.csv", data)
    assert outcome.ok and outcome.saved == 3
    saved = {(v.area, v.value) for v in world.indicator.values.filter(period_start=D(2019, 10, 1))}
    assert saved == {("", Decimal("18.50")), ("North", Decimal("17.00")), ("South", Decimal("20.25"))}
    assert world.indicator.values.get(period_start=D(2019, 10, 1), area="").submitted_by == world.bu


def test_one_bad_row_saves_nothing_and_names_the_row(world):
    before = _counts()
    data = csv_bytes(
        "indicator,period,value",
        "re-referrals,2019-10-01,18.5",
        "re-referrals,2020-01-01,eighteen",
        "re-referrals,2020-04-01,17",
    )
    outcome = import_values(world.bu, world.alpha, "values.csv", data)
    assert outcome.saved == 0
    assert outcome.errors == ["Row 3: the value “eighteen” is not a number."]
    assert _counts() == before


def test_every_bad_row_is_reported_at_once(world):
    data = csv_bytes(
        "indicator,period,area,value,commentary",
        "unknown-code,2019-10-01,,1,",
        "re-referrals,2019-11-01,,1,",
        "re-referrals,2019-10-01,West,1,",
        "re-referrals,2019-10-01,,1,Baby born 03/02/2019",
        "re-referrals,2019-10-01,,1,",
        "re-referrals,2019-10-01,,2,",
        ",not a date,,,",
    )
    outcome = import_values(world.bu, world.alpha, "values.csv", data)
    assert outcome.errors == [
        "Row 2: “unknown-code” is not an indicator you report.",
        "Row 3: a quarter starts on 1 January, April, July or October.",
        "Row 4: “West” is not one of this indicator's areas.",
        "Row 5: the commentary looks like it identifies a child.",
        "Row 7: it repeats row 6.",
        "Row 8: the indicator code is missing; the period is not a date (use 2025-04-01 or 01/04/2025); "
        "the value “” is not a number.",
    ]
    assert not world.indicator.values.filter(period_start=D(2019, 10, 1)).exists()


def test_xlsx_upload_with_dates_and_numbers(world):
    data = xlsx_bytes(
        [
            ["Indicator", "Period", "Value"],
            ["re-referrals", datetime.datetime(2019, 10, 1), 18.5],
            ["re-referrals", datetime.datetime(2020, 1, 1), 17],
        ]
    )
    outcome = import_values(world.bu, world.alpha, "values.xlsx", data)
    assert outcome.ok and outcome.saved == 2
    assert world.indicator.values.get(period_start=D(2020, 1, 1), area="").value == Decimal("17.00")


def test_files_that_cannot_be_read_are_refused(world):
    assert import_values(world.bu, world.alpha, "x.pdf", b"%PDF").errors == [
        "The file must be a CSV file or an Excel workbook (.xlsx)."
    ]
    assert import_values(world.bu, world.alpha, "x.xlsx", b"not a workbook").errors == [
        "The file is not an Excel workbook that can be read (.xlsx)."
    ]
    assert import_values(world.bu, world.alpha, "x.csv", csv_bytes("name,amount", "a,1")).errors == [
        "The header row must name the column(s): indicator, period, value."
    ]


def test_upload_page_shows_the_error_summary_and_saves_nothing(world, client_for):
    url = reverse("learning:dataset_upload", kwargs={"partnership": "alpha"})
    client = client_for(world.bu)
    client.get(url)
    before = _counts()
    upload = SimpleUploadedFile(
        "values.csv", csv_bytes("indicator,period,value", "re-referrals,2019-10-01,x")
    )
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and "Row 2: the value “x” is not a number." in body
    assert "Nothing was saved" in body
    assert _counts() == before


def test_contributor_uploads_only_their_agencys_indicators(world, client_for):
    client = client_for(world.contributor)
    url = reverse("learning:my_indicators_upload", kwargs={"partnership": "alpha"})
    # re-referrals belongs to Alpha Council: refused for the hospital's contributor.
    bad = SimpleUploadedFile("v.csv", csv_bytes("indicator,period,value", "re-referrals,2019-10-01,3"))
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "“re-referrals” is not an indicator you report" in response.content.decode()
    good = SimpleUploadedFile("v.csv", csv_bytes("indicator,period,value", "ed-attendances,2019-10-01,31"))
    assert client.post(url, {"file": good}).status_code == 302
    row = world.hospital_indicator.values.get()
    assert (row.value, row.submitted_by) == (Decimal("31.00"), world.contributor)


def test_contributor_submits_a_value_by_form_and_sees_only_their_indicators(world, client_for):
    client = client_for(world.contributor)
    url = reverse("learning:my_indicators", kwargs={"partnership": "alpha"})
    page = client.get(url).content.decode()
    assert "Emergency department attendances" in page and "Re-referrals" not in page
    form = {
        "indicator": world.hospital_indicator.pk,
        "period_start_0": "1",
        "period_start_1": "11",
        "period_start_2": "2019",
        "area": "",
        "value": "27",
        "commentary": "",
    }
    assert client.post(url, form).status_code == 302
    assert world.hospital_indicator.values.get().value == Decimal("27.00")
    # Another agency's indicator is not a choice: refused, nothing saved.
    response = client.post(url, {**form, "indicator": world.indicator.pk})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not world.indicator.values.filter(period_start=D(2019, 11, 1)).exists()


def test_a_second_value_for_a_period_replaces_the_first(world, client_for):
    url = reverse("learning:value_create", kwargs={"partnership": "alpha"})
    form = {
        "indicator": world.indicator.pk,
        "period_start_0": "1",
        "period_start_1": "7",
        "period_start_2": "2019",
        "area": "",
        "value": "18",
        "commentary": "Corrected",
    }
    assert client_for(world.bu).post(url, form).status_code == 302
    row = IndicatorValue.objects.get(indicator=world.indicator, period_start=D(2019, 7, 1), area="")
    assert (row.value, row.commentary) == (Decimal("18.00"), "Corrected")


def test_a_value_on_a_day_that_does_not_start_a_period_is_refused(world, client_for):
    url = reverse("learning:value_create", kwargs={"partnership": "alpha"})
    form = {
        "indicator": world.indicator.pk,
        "period_start_0": "15",
        "period_start_1": "7",
        "period_start_2": "2019",
        "value": "18",
    }
    response = client_for(world.bu).post(url, form)
    assert response.status_code == 200
    assert "A period starts on the first day of a month." in response.content.decode()


def test_indicator_page_has_a_chart_and_the_same_figures_in_a_table(world, client_for):
    response = client_for(world.scrutineer).get(world.indicator.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="app-chart__svg"' in body and 'role="img"' in body
    assert "Q1 2019/20" in body and "Q2 2019/20" in body
    assert "22.50%" in body and "19.00%" in body
    assert "Target (20%)" in body
    export = client_for(world.scrutineer).get(world.indicator.get_absolute_url() + "?export=csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Period,Period start,Area,Value,Commentary"
    assert lines[1:] == [
        "Q1 2019/20,2019-04-01,Whole partnership,22.50,",
        "Q2 2019/20,2019-07-01,Whole partnership,19.00,",
    ]


def test_dataset_list_shows_rag_and_exports(world, client_for):
    url = reverse("learning:indicator_list", kwargs={"partnership": "alpha"})
    body = client_for(world.lead_la).get(url).content.decode()
    assert "Re-referrals within 12 months" in body and "govuk-tag--green" in body
    assert "Beta" not in body
    rows = client_for(world.lead_la).get(url + "?export=csv").content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Indicator,Source agency,Unit,Latest period,Latest value,Target,Against target")
    assert any(
        r.startswith("Re-referrals within 12 months,Alpha Council,Percentage,Q2 2019/20,19.00,20.00,Green")
        for r in rows
    )


def test_dataset_list_query_count_is_constant(world, client_for):
    from partnerships.learning.models import Frequency, Indicator, Polarity, Unit
    from partnerships.learning.services import submit_value

    def add(n):
        start = Indicator.objects.count()
        for i in range(n):
            indicator = Indicator.objects.create(
                partnership=world.alpha,
                code=f"i{start + i}",
                name=f"Indicator {start + i}",
                definition="d",
                unit=Unit.COUNT,
                polarity=Polarity.HIGHER,
                target=Decimal(5),
                source_organisation=world.council,
                frequency=Frequency.ANNUAL,
            )
            submit_value(world.bu, indicator, period_start=D(2019, 4, 1), value=Decimal(i))

    url = reverse("learning:indicator_list", kwargs={"partnership": "alpha"})
    from tests.querycount import assert_constant_queries

    assert_constant_queries(client_for(world.bu), url, add, small=3, large=40)
