"""The register's rows for the base app's sources, recomputed when the source changes, and its pages."""

import csv
import datetime
import io

import pytest

from partnerships.core.choices import GroupKind
from partnerships.core.models import Group
from partnerships.deadlines import rules
from partnerships.deadlines.models import ArrangementsTimetable, Deadline, YearlyReportCycle
from partnerships.deadlines.timetable import record_yearly_report, update_timetable
from tests.deadlines.support import at
from tests.querycount import assert_constant_queries

D = datetime.date


def _row(source, kind):
    from partnerships.deadlines.register import deadlines_for

    return deadlines_for(source).get(kind=kind)


def _timetable(world, partnership=None):
    return ArrangementsTimetable.objects.get(partnership=partnership or world.alpha)


def test_every_partnership_gets_its_transition_deadlines(world):
    table = _timetable(world)
    published = _row(table, rules.ARRANGEMENTS_PUBLISHED)
    operating = _row(table, rules.ARRANGEMENTS_IN_OPERATION)
    assert (published.due_date, operating.due_date) == (D(2019, 6, 29), D(2019, 9, 29))
    assert "Children Act 2004" in published.authority
    assert published.rule.startswith("Published by 29 June 2019")
    assert published.source_url == "/p/alpha/deadlines/timetable/"
    with at(D(2026, 11, 23)):
        assert published.status().value == "overdue"  # alpha has not recorded its dates


def test_a_somerset_like_timetable(world):
    """Somerset's paper: published by 29 June 2019, in operation by 30 September 2019 (1.8 Timeline)."""
    table = update_timetable(
        world.bu,
        _timetable(world),
        arrangements_published_on=D(2019, 6, 28),
        arrangements_in_operation_on=D(2019, 9, 30),
        operate_by=D(2019, 9, 30),
        serious_case_reviews_outstanding=2,
        child_death_reviews_outstanding=0,
    )
    operating = _row(table, rules.ARRANGEMENTS_IN_OPERATION)
    assert (operating.due_date, operating.met_on, operating.status().value) == (
        D(2019, 9, 30),
        D(2019, 9, 30),
        "met_on_time",
    )
    assert _row(table, rules.ARRANGEMENTS_PUBLISHED).status().value == "met_on_time"
    scr = _row(table, rules.LEGACY_SERIOUS_CASE_REVIEWS)
    assert (scr.due_date, scr.is_active, scr.rule) == (
        D(2020, 9, 30),
        True,
        "12 months after the arrangements began",
    )
    cdr = _row(table, rules.LEGACY_CHILD_DEATH_REVIEWS)
    assert (cdr.due_date, cdr.is_active) == (D(2020, 1, 30), False)  # none outstanding: no grace period
    assert operating.history.first().history_user == world.bu

    # The arrangements in fact began a day late: the grace periods run from the real start.
    update_timetable(
        world.bu,
        table,
        arrangements_published_on=D(2019, 6, 28),
        arrangements_in_operation_on=D(2019, 10, 1),
        serious_case_reviews_completed_on=D(2020, 9, 25),
    )
    operating.refresh_from_db()
    scr.refresh_from_db()
    assert operating.status().value == "met_late"
    assert (scr.due_date, scr.met_on, scr.status().value) == (D(2020, 10, 1), D(2020, 9, 25), "met_on_time")


def test_a_coventry_like_timetable_has_four_months_for_child_death_reviews(world):
    table = update_timetable(
        world.bu,
        _timetable(world),
        arrangements_published_on=D(2019, 6, 29),
        arrangements_in_operation_on=D(2019, 9, 29),
        child_death_reviews_outstanding=3,
        child_death_reviews_completed_on=D(2020, 2, 3),
    )
    cdr = _row(table, rules.LEGACY_CHILD_DEATH_REVIEWS)
    assert (cdr.due_date, cdr.status().value) == (D(2020, 1, 29), "met_late")


def test_yearly_reports_chain_and_the_sending_deadline(world, client_for):
    cycle = world.alpha_cycle
    assert _row(cycle, rules.YEARLY_REPORT_PUBLISHED).due_date == D(2020, 9, 29)
    response = client_for(world.bu).post(
        f"/p/alpha/deadlines/yearly-reports/{cycle.pk}/edit/",
        {"published_on": "2020-09-25", "report_url": "https://alpha.example.org/report-2020"},
    )
    assert response.status_code == 302
    published = _row(cycle, rules.YEARLY_REPORT_PUBLISHED)
    assert (published.met_on, published.status().value) == (D(2020, 9, 25), "met_on_time")
    sending = _row(cycle, rules.YEARLY_REPORT_SENT)
    assert (sending.due_date, sending.is_active, sending.met_on) == (D(2020, 10, 2), True, None)
    assert sending.rule == "Within 7 days of publication"

    following = YearlyReportCycle.objects.get(partnership=world.alpha, starts_on=D(2020, 9, 25))
    assert _row(following, rules.YEARLY_REPORT_PUBLISHED).due_date == D(2021, 9, 25)

    record_yearly_report(world.bu, cycle, published_on=D(2020, 9, 24), sent_on=D(2020, 10, 5))
    following.refresh_from_db()
    assert following.starts_on == D(2020, 9, 24)  # the next 12 months follow the publication
    assert _row(following, rules.YEARLY_REPORT_PUBLISHED).due_date == D(2021, 9, 24)
    assert _row(cycle, rules.YEARLY_REPORT_SENT).status().value == "met_late"  # 11 days after

    record_yearly_report(world.bu, cycle, published_on=None, sent_on=None)
    assert not YearlyReportCycle.objects.filter(pk=following.pk).exists()
    assert not _row(cycle, rules.YEARLY_REPORT_SENT).is_active
    assert not Deadline.objects.get(source_id=following.pk, kind=rules.YEARLY_REPORT_PUBLISHED).is_active


def test_yearly_report_form_refuses_impossible_dates(world, client_for):
    response = client_for(world.bu).post(
        f"/p/alpha/deadlines/yearly-reports/{world.alpha_cycle.pk}/edit/",
        {"published_on_0": "1", "published_on_1": "1", "published_on_2": "2019", "sent_on": "2018-12-01"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The report is published after its 12 months start" in page
    assert "It is sent on or after the day it is published" in page
    world.alpha_cycle.refresh_from_db()
    assert world.alpha_cycle.published_on is None


def test_timetable_page_and_form(world, client_for):
    client = client_for(world.bu)
    page = client.get("/p/alpha/deadlines/timetable/").content.decode()
    assert "Publish the safeguarding arrangements" in page and "29 June 2019" in page
    assert "29 September 2019" in page
    assert "Not yet recorded" in page

    bad = client.post(
        "/p/alpha/deadlines/timetable/edit/",
        {
            "publish_by": "2019-06-29",
            "operate_by": "2019-06-01",
            "arrangements_published_on": "2019-07-01",
            "arrangements_in_operation_on": "2019-06-30",
            "serious_case_reviews_outstanding": "0",
            "serious_case_reviews_completed_on": "2020-01-01",
        },
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "There is a problem" in text
    assert "Leave this blank when none were outstanding" in text
    assert "The arrangements began after they were published" in text

    good = client.post(
        "/p/alpha/deadlines/timetable/edit/",
        {
            "publish_by": "2019-06-29",
            "operate_by": "2019-09-30",
            "timetable_source": "Cabinet paper, March 2019, 1.8 Timeline",
            "owner": world.bu.pk,
            "arrangements_published_on": "2019-06-27",
            "arrangements_in_operation_on": "2019-09-30",
        },
    )
    assert good.status_code == 302
    world.alpha.refresh_from_db()
    assert (world.alpha.arrangements_published_on, world.alpha.arrangements_in_operation_on) == (
        D(2019, 6, 27),
        D(2019, 9, 30),
    )
    operating = _row(_timetable(world), rules.ARRANGEMENTS_IN_OPERATION)
    assert (operating.due_date, operating.owner, operating.status().value) == (
        D(2019, 9, 30),
        world.bu,
        "met_on_time",
    )
    page = client.get("/p/alpha/deadlines/timetable/").content.decode()
    assert "Cabinet paper, March 2019, 1.8 Timeline" in page
    assert "30 September 2019" in page


def test_a_groups_terms_of_reference_review(world):
    group = Group.objects.create(
        partnership=world.alpha,
        name="Learning and Improvement Group",
        kind=GroupKind.SUB_GROUP,
        chair=world.lead_police,
        terms_of_reference_approved_on=D(2025, 9, 1),
        terms_of_reference_review_date=D(2026, 9, 1),
    )
    row = _row(group, rules.TERMS_OF_REFERENCE_REVIEW)
    assert (row.due_date, row.owner, row.starts_on) == (D(2026, 9, 1), world.lead_police, D(2025, 9, 1))
    group.terms_of_reference_review_date = D(2027, 9, 1)
    group.save()
    row.refresh_from_db()
    assert row.due_date == D(2027, 9, 1)
    group.is_active = False
    group.save()
    row.refresh_from_db()
    assert row.is_active is False


@pytest.fixture
def register_rows(world):
    """A spread of statuses on 23 November 2026."""
    from partnerships.core.services import create_action
    from tests.deadlines.support import base_deadlines_only

    base_deadlines_only(world)

    with at(D(2026, 11, 23)):
        create_action(
            world.bu, partnership=world.alpha, title="Soon", due_date=D(2026, 11, 26), owner=world.officer
        )
        create_action(
            world.bu, partnership=world.alpha, title="Later", due_date=D(2027, 3, 1), owner=world.bu
        )
        create_action(
            world.bu, partnership=world.alpha, title="Late", due_date=D(2026, 11, 2), owner=world.officer
        )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=action&status=due_soon", {"Action: Soon"}),
        ("kind=action&status=overdue", {"Action: Late"}),
        ("kind=action&period=next_7", {"Action: Soon"}),
        ("kind=action&period=past_30", {"Action: Late"}),
        ("kind=action&owner={bu}", {"Action: Later"}),
        ("kind=arrangements_published", {"Publish the safeguarding arrangements"}),
    ],
)
def test_deadline_list_filters(world, client_for, register_rows, query, expected):
    query = query.format(bu=world.bu.pk)
    with at(D(2026, 11, 23)):
        response = client_for(world.scrutineer).get(f"/p/alpha/deadlines/?{query}&export=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["Deadline"] for r in rows} == expected


def test_deadline_list_shows_rule_authority_owner_and_status(world, client_for, register_rows):
    with at(D(2026, 11, 23)):
        page = client_for(world.bu).get("/p/alpha/deadlines/?kind=action").content.decode()
        export = (
            client_for(world.bu).get("/p/alpha/deadlines/?kind=action&export=csv").content.decode("utf-8-sig")
        )
    assert "Action: Soon" in page and '<strong class="govuk-tag govuk-tag--orange">Due soon</strong>' in page
    assert "Action: Late" in page and '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert "Beta&#x27;s own action" not in page
    rows = list(csv.DictReader(io.StringIO(export)))
    late = next(r for r in rows if r["Deadline"] == "Action: Late")
    assert late == {
        "Deadline": "Action: Late",
        "Kind": "Action due",
        "Record": "Late",
        "Due": "2026-11-02",
        "Status": "Overdue",
        "Met on": "",
        "Owner": "Bu Officer Tester",
        "Rule": "The due date set on the action",
        "Statute or guidance": "The partnership's action log",
    }


def test_home_page_panel_lists_overdue_and_due_soon(world, client_for, register_rows):
    with at(D(2026, 11, 23)):
        page = client_for(world.bu).get("/p/alpha/").content.decode()
    assert "Action: Soon" in page and "Action: Late" in page
    assert "Action: Later" not in page


def test_timetable_page_keeps_constant_queries(world, client_for):
    def add(n):
        start = YearlyReportCycle.objects.filter(partnership=world.alpha).count()
        for i in range(n):
            year = 1900 + start + i
            cycle = YearlyReportCycle.objects.create(
                partnership=world.alpha,
                starts_on=D(year, 1, 1),
                published_on=D(year, 6, 1),
                sent_on=D(year, 6, 3),
            )
            assert cycle.pk

    assert_constant_queries(client_for(world.bu), "/p/alpha/deadlines/timetable/", add, small=3, large=40)


def test_admin_pages_of_the_register(world, client_for):
    from partnerships.deadlines.calendar import create_feed
    from partnerships.deadlines.choices import ReminderStatus
    from partnerships.deadlines.models import Reminder

    feed, secret = create_feed(world.bu)
    client = client_for(world.admin)
    for path in ("reminder", "reminderrule", "arrangementstimetable", "yearlyreportcycle", "calendarfeed"):
        assert client.get(f"/admin/deadlines/{path}/").status_code == 200, path
    page = client.get(f"/admin/deadlines/calendarfeed/{feed.pk}/change/").content.decode()
    assert secret not in page and feed.secret_hash not in page
    reminder = Reminder.objects.filter(partnership=world.alpha).get()
    Reminder.objects.filter(pk=reminder.pk).update(status=ReminderStatus.FAILED, attempts=8)
    response = client.post(
        "/admin/deadlines/reminder/", {"action": "send_again", "_selected_action": [reminder.pk]}
    )
    assert response.status_code == 302
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.queued_at) == (ReminderStatus.PENDING, 0, None)


def test_the_api_records_a_yearly_report_and_recomputes(world, api_for):
    api = api_for(world.officer)
    url = f"/api/yearly-report-cycles/{world.alpha_cycle.pk}/"
    response = api.patch(url, {"published_on": "2020-09-25"})
    assert response.status_code == 200, response.content
    assert response.json()["send_by"] == "2020-10-02"
    assert _row(world.alpha_cycle, rules.YEARLY_REPORT_PUBLISHED).met_on == D(2020, 9, 25)
    assert YearlyReportCycle.objects.filter(partnership=world.alpha, starts_on=D(2020, 9, 25)).exists()
    assert api.patch(url, {"sent_on": "2020-09-01"}).status_code == 400  # before publication
    assert api.patch(url, {"starts_on": "2000-01-01"}).json()["starts_on"] == "2019-09-29"  # read-only
    assert api_for(world.scrutineer).patch(url, {"published_on": "2020-09-20"}).status_code == 403


def test_the_api_changes_the_timetable(world, api_for):
    table = _timetable(world)
    api = api_for(world.bu)
    url = f"/api/arrangements-timetables/{table.pk}/"
    assert api.patch(url, {"owner": world.outsider.pk}).status_code == 400  # not in alpha
    response = api.patch(url, {"operate_by": "2019-09-30", "arrangements_in_operation_on": "2019-09-30"})
    assert response.status_code == 200, response.content
    world.alpha.refresh_from_db()
    assert world.alpha.arrangements_in_operation_on == D(2019, 9, 30)
    assert _row(table, rules.ARRANGEMENTS_IN_OPERATION).status().value == "met_on_time"
    assert api_for(world.outsider).get(url).status_code == 404
