"""The scrutiny dashboard: each figure on a fixed set of records, the filters, the links to the
records behind each figure, the exports, read-only for readers, isolation and constant queries."""

import csv
import datetime
import io
import shutil

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from partnerships.core.choices import ActionSource, ActionStatus
from partnerships.core.models import Action, Role
from partnerships.core.services import create_action, grant_role
from reviews import services as review_services
from tests.publications.dashboard_support import (
    TODAY,
    YEAR,
    bulk_reviews,
    contributions,
    four_notifications,
    notification,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

DASH = f"/p/alpha/dashboard/?year={YEAR}"


def panel(response, key):
    return next(p for p in response.context["panels"] if p.key == key)


def texts(p):
    return {row[0].text: [c.text for c in row[1:]] for row in p.rows}


def row_of(p, label_start):
    return next(row for row in p.rows if row[0].text.startswith(label_start))


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


# Figures ---------------------------------------------------------------------------------------


def test_three_of_four_notifications_on_time_is_75_percent(world, client_for, frozen):
    four_notifications(world)
    response = client_for(world.scrutineer).get(DASH)
    assert response.status_code == 200
    figures = texts(panel(response, "review-timeliness"))
    assert figures["Serious incidents notified to the Panel within 5 working days"] == ["3", "1", "4", "75%"]
    assert figures["Rapid reviews signed off within 15 working days"] == ["0", "0", "0", "No cases"]
    assert b"75%" in response.content


def test_rapid_reviews_within_15_working_days(world, client_for, frozen):
    notes = four_notifications(world)
    reviews = [review_services.start_rapid_review(world.bu, n) for n in notes[:3]]
    # One signed off in time, one late, one still open past its due date: 1 of 3.
    type(reviews[0]).objects.filter(pk=reviews[0].pk).update(signed_off_on=reviews[0].due_date)
    type(reviews[1]).objects.filter(pk=reviews[1].pk).update(
        signed_off_on=reviews[1].due_date.replace(day=28)
    )
    figures = texts(panel(client_for(world.bu).get(DASH), "review-timeliness"))
    assert figures["Rapid reviews signed off within 15 working days"] == ["1", "2", "3", "33.3%"]


def test_actions_by_agency_and_by_source(world, client_for, frozen):
    Action.objects.filter(partnership=world.alpha).update(status=ActionStatus.DONE)
    for due, org, source, status in (
        (datetime.date(2025, 5, 1), world.police, ActionSource.REVIEW, ActionStatus.OPEN),  # overdue
        (datetime.date(2025, 7, 1), world.police, ActionSource.MEETING, ActionStatus.IN_PROGRESS),
        (datetime.date(2025, 4, 1), world.council, ActionSource.REVIEW, ActionStatus.OPEN),  # overdue
        (datetime.date(2025, 4, 1), world.council, ActionSource.AUDIT, ActionStatus.DONE),  # not open
    ):
        action = create_action(
            world.bu,
            partnership=world.alpha,
            title="Do it",
            due_date=due,
            source_kind=source,
            owner_organisation=org,
        )
        Action.objects.filter(pk=action.pk).update(status=status)
    response = client_for(world.scrutineer).get(DASH)
    assert texts(panel(response, "actions-by-agency")) == {
        "Alpha Council": ["1", "1"],
        "Alpha Police": ["2", "1"],
    }
    by_source = texts(panel(response, "actions-by-source"))
    assert by_source["Case review"] == ["2", "2"]
    assert by_source["Meeting"] == ["1", "0"]
    assert by_source["Audit"] == ["0", "0"]


def test_agency_contribution_timeliness(world, client_for, frozen):
    notes = four_notifications(world)
    review = review_services.start_rapid_review(world.bu, notes[0])
    on_time = review_services.request_contribution(
        world.bu, review, world.hospital, today=notes[0].la_aware_on
    )
    late = review_services.request_contribution(
        world.bu, review, world.police, due_date=datetime.date(2024, 5, 20), today=notes[0].la_aware_on
    )
    type(on_time).objects.filter(pk=on_time.pk).update(
        due_date=datetime.date(2024, 5, 20), submitted_on=datetime.date(2024, 5, 20), status="submitted"
    )
    type(late).objects.filter(pk=late.pk).update(
        due_date=datetime.date(2024, 5, 20), submitted_on=datetime.date(2024, 5, 21), status="submitted"
    )
    figures = texts(panel(client_for(world.scrutineer).get(DASH), "agency-contributions"))
    assert figures["Alpha Hospital Trust"] == ["1", "1", "0", "0", "100%"]
    assert figures["Alpha Police"] == ["1", "0", "1", "0", "0%"]


def test_contributions_received_against_agreed(world, client_for, frozen):
    contributions(world)
    figures = texts(panel(client_for(world.scrutineer).get(DASH), "funding-contributions"))
    assert figures["Alpha Council"] == ["£10,000.00", "£10,000.00", "£0.00", "100%"]
    assert figures["Alpha ICB"] == ["£6,000.00", "£1,500.00", "£4,500.00", "25%"]
    assert figures["Total"] == ["£16,000.00", "£11,500.00", "£4,500.00", "71.9%"]


def test_child_death_panels_agree_with_the_shared_figures(world, client_for, frozen):
    from child_death.figures import yearly_figures
    from child_death.models import ChildDeathCase

    response = client_for(world.bu).get(DASH)
    expected = yearly_figures(
        ChildDeathCase.objects.visible_to(world.bu).in_partnership(world.alpha), YEAR, on=TODAY
    )
    stages = texts(panel(response, "child-death-stages"))
    assert {k: int(v[0]) for k, v in stages.items()} == dict(expected.open_by_stage)
    assert sum(int(v[0]) for v in stages.values()) == expected.open_total


# Filters ---------------------------------------------------------------------------------------


def test_area_filter_narrows_to_one_borough(world, client_for, frozen):
    four_notifications(world)
    client = client_for(world.scrutineer)
    alphaford = texts(panel(client.get(f"{DASH}&area={world.area_a2.pk}"), "review-timeliness"))
    assert alphaford["Serious incidents notified to the Panel within 5 working days"] == [
        "1",
        "1",
        "2",
        "50%",
    ]
    alphaton = texts(panel(client.get(f"{DASH}&area={world.area_a.pk}"), "review-timeliness"))
    assert alphaton["Serious incidents notified to the Panel within 5 working days"] == [
        "2",
        "0",
        "2",
        "100%",
    ]


def test_another_partnerships_area_is_ignored(world, client_for, frozen):
    four_notifications(world)
    response = client_for(world.scrutineer).get(f"{DASH}&area={world.area_b.pk}")
    assert response.context["scope"].area is None
    assert texts(panel(response, "review-timeliness"))[
        "Serious incidents notified to the Panel within 5 working days"
    ] == ["3", "1", "4", "75%"]


def test_period_filter(world, client_for, frozen):
    four_notifications(world)
    client = client_for(world.scrutineer)
    label = "Serious incidents notified to the Panel within 5 working days"
    before = texts(panel(client.get("/p/alpha/dashboard/?year=2025"), "review-timeliness"))[label]
    notification(world, aware=TODAY.replace(month=4, day=1), notified=TODAY.replace(month=4, day=2))
    after = texts(panel(client.get("/p/alpha/dashboard/?year=2025"), "review-timeliness"))[label]
    assert int(after[0]) == int(before[0]) + 1 and int(after[2]) == int(before[2]) + 1
    # The 2024 figures are untouched by a 2025 notification.
    assert texts(panel(client.get(DASH), "review-timeliness"))[label] == ["3", "1", "4", "75%"]
    # The default is the current reporting year; nonsense falls back to it instead of failing.
    for query in ("", "?year=banana", "?year=99999", "?area=x"):
        response = client.get(f"/p/alpha/dashboard/{query}")
        assert response.status_code == 200
        assert response.context["scope"].year == 2025


# Links -----------------------------------------------------------------------------------------


def test_every_count_links_to_the_records_behind_it(world, client_for, frozen):
    notes = four_notifications(world)
    client = client_for(world.scrutineer)
    row = row_of(panel(client.get(DASH), "review-timeliness"), "Serious incidents")
    on_time, late, measured = row[1], row[2], row[3]
    page = client.get(on_time.url)
    assert page.status_code == 200
    assert [r["url"] for r in page.context["records"]] == [n.get_absolute_url() for n in notes[:3]]
    late_page = client.get(late.url)
    assert [r["url"] for r in late_page.context["records"]] == [notes[3].get_absolute_url()]
    assert len(client.get(measured.url).context["records"]) == 4
    # The record itself opens read-only for the scrutineer; no child's name is on the dashboard.
    assert client.get(notes[3].get_absolute_url()).status_code == 200
    assert b"Zebedee" not in page.content


def test_action_links_and_area_in_the_link(world, client_for, frozen):
    Action.objects.filter(partnership=world.alpha).update(status=ActionStatus.DONE)
    mine = create_action(
        world.bu,
        partnership=world.alpha,
        title="Police audit",
        due_date=datetime.date(2025, 1, 1),
        owner_organisation=world.police,
    )
    create_action(world.bu, partnership=world.alpha, title="Other", due_date=datetime.date(2026, 1, 1))
    client = client_for(world.scrutineer)
    row = row_of(panel(client.get(DASH), "actions-by-agency"), "Alpha Police")
    records = client.get(row[2].url).context["records"]
    assert [r["url"] for r in records] == [mine.get_absolute_url()]
    assert client.get(mine.get_absolute_url()).status_code == 200
    # A filtered dashboard's links carry the filter.
    four_notifications(world)
    filtered = client.get(f"{DASH}&area={world.area_a2.pk}")
    link = row_of(panel(filtered, "review-timeliness"), "Serious incidents")[1].url
    assert f"area={world.area_a2.pk}" in link
    assert len(client.get(link).context["records"]) == 1


def test_unknown_figures_are_404_not_500(world, client_for, frozen):
    client = client_for(world.scrutineer)
    assert client.get("/p/alpha/dashboard/nothing/").status_code == 404
    assert client.get("/p/alpha/dashboard/review-timeliness/?row=x&measure=met").status_code == 404
    assert client.get("/p/alpha/dashboard/actions-by-agency/?row=1&measure=drop").status_code == 404
    assert client.get("/p/alpha/dashboard/?panel=nothing&export=csv").status_code == 404
    assert client.get("/p/alpha/dashboard/?panel=review-timeliness&export=pdf").status_code == 404


# Exports ---------------------------------------------------------------------------------------


def test_each_panel_exports_to_csv_and_xlsx(world, client_for, frozen):
    four_notifications(world)
    client = client_for(world.scrutineer)
    response = client.get(f"{DASH}&panel=review-timeliness&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "alpha-review-timeliness-2024" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Measure", "On time", "Late or overdue", "Cases measured", "Percentage on time"]
    assert rows[1] == ["Serious incidents notified to the Panel within 5 working days", "3", "1", "4", "75.0"]
    response = client.get(f"{DASH}&panel=review-timeliness&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert "Alpha" in values[0][0] and "2024/25" in values[0][0] and sheet.freeze_panes == "A3"
    assert values[1][0] == "Measure"
    assert values[2][1:] == (3, 1, 4, 0.75)  # a percentage cell
    assert sheet["E3"].number_format == "0.0%"
    for p in client.get(DASH).context["panels"]:
        assert client.get(f"{DASH}&panel={p.key}&export=csv").status_code == 200


def test_whole_dashboard_pdf(world, client_for, frozen):
    from tests.publications.pdftext import pdf_text

    four_notifications(world)
    response = client_for(world.scrutineer).get(f"/p/alpha/dashboard/pdf/?year={YEAR}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = pdf_text(response.content)
        assert "Case reviews on time" in text
        assert "75%" in text


# Access ----------------------------------------------------------------------------------------


def test_readers_see_it_and_every_write_is_refused(world, client_for, frozen):
    urls = [
        DASH,
        f"/p/alpha/dashboard/pdf/?year={YEAR}",
        "/p/alpha/dashboard/review-timeliness/",
        "/p/alpha/dashboard/review-timeliness/?row=notifications&measure=met",
        "/dashboard/compare/",
    ]
    before = (Action.objects.count(), Role.objects.count())
    for user in (world.scrutineer, world.lead_la, world.bu):
        client = client_for(user)
        for url in urls[2:]:
            assert client.get(url).status_code == 200, (user, url)
    for user in (world.scrutineer, world.lead_health):
        client = client_for(user)
        for url in urls:
            assert client.post(url, {"title": "x"}).status_code == 403, (user, url)
    assert (Action.objects.count(), Role.objects.count()) == before


def test_outsiders_and_contributors_get_404(world, client_for, frozen):
    urls = [
        DASH,
        f"{DASH}&panel=review-timeliness&export=csv",
        f"/p/alpha/dashboard/pdf/?year={YEAR}",
        "/p/alpha/dashboard/review-timeliness/?row=notifications&measure=met",
    ]
    for user in (world.outsider, world.contributor):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
            assert client.post(url).status_code == 404, (user, url)


def test_other_partnerships_records_never_count(world, client_for, frozen):
    four_notifications(world)
    notification(world, aware=TODAY.replace(year=2024, month=5), notified=None, partnership=world.beta)
    figures = texts(panel(client_for(world.scrutineer).get(DASH), "review-timeliness"))
    assert figures["Serious incidents notified to the Panel within 5 working days"] == ["3", "1", "4", "75%"]
    beta = texts(
        panel(client_for(world.outsider).get(f"/p/beta/dashboard/?year={YEAR}"), "review-timeliness")
    )
    assert beta["Serious incidents notified to the Panel within 5 working days"] == ["0", "1", "1", "0%"]


def test_comparison_across_the_partnerships_a_scrutineer_covers(world, client_for, frozen):
    from partnerships.core.choices import RoleKind

    four_notifications(world)
    client = client_for(world.scrutineer)
    rows = client.get(f"/dashboard/compare/?year={YEAR}").context["rows"]
    assert [r["partnership"] for r in rows] == [world.alpha]
    grant_role(None, user=world.scrutineer, partnership=world.beta, kind=RoleKind.SCRUTINEER)
    notification(world, aware=TODAY.replace(year=2024, month=5), notified=None, partnership=world.beta)
    client = client_for(world.scrutineer)
    rows = {r["partnership"].slug: r for r in client.get(f"/dashboard/compare/?year={YEAR}").context["rows"]}
    assert set(rows) == {"alpha", "beta"}
    assert str(rows["alpha"]["rates"][0][1]) == "75% (3 of 4)"
    assert str(rows["beta"]["rates"][0][1]) == "0% (0 of 1)"
    assert client.get(rows["beta"]["url"]).status_code == 200
    # The outsider (beta only) sees beta alone; nobody signed out sees anything.
    outsider_rows = client_for(world.outsider).get("/dashboard/compare/").context["rows"]
    assert [r["partnership"] for r in outsider_rows] == [world.beta]
    assert Client().get("/dashboard/compare/").status_code == 302


# Scale -----------------------------------------------------------------------------------------


def test_dashboard_queries_are_the_same_for_10_and_1000_reviews(world, client_for, frozen):
    added = [0]

    def add_rows(n):
        bulk_reviews(world, n, start=added[0])
        added[0] += n

    client = client_for(world.scrutineer)
    assert_constant_queries(client, DASH, add_rows, small=10, large=1000)
    assert_constant_queries(client, f"{DASH}&area={world.area_a2.pk}", add_rows, small=0, large=10)


def test_records_page_queries_are_constant(world, client_for, frozen):
    added = [0]

    def add_rows(n):
        bulk_reviews(world, n, start=added[0])
        added[0] += n

    client = client_for(world.scrutineer)
    for url in (
        "/p/alpha/dashboard/review-timeliness/?year=2024&row=rapid_reviews&measure=measured",
        f"/p/alpha/dashboard/actions-by-agency/?year=2024&row={world.police.pk}&measure=open",
    ):
        assert_constant_queries(client, url, add_rows, small=3, large=60)
