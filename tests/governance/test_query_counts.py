"""Every governance list page (and API list) keeps the same number of SQL queries with 5 rows and 500."""

import datetime
import itertools

from django.utils import timezone

from partnerships.assurance.models import (
    AgencyReturn,
    AssuranceCycle,
    Challenge,
    ScrutinyActivity,
    ScrutinyFinding,
)
from partnerships.core.choices import OrganisationKind
from partnerships.core.models import Organisation, RelevantAgency
from partnerships.governance.models import Decision, Meeting, Priority, ProgressUpdate, Risk
from tests.querycount import assert_constant_queries

_serial = itertools.count()


def _adders(w):
    def meetings(n):
        start = next(_serial) * 1000
        Meeting.objects.bulk_create(
            Meeting(
                partnership=w.alpha,
                group=w.executive if i % 2 else w.subgroup,
                location="Room",
                starts_at=timezone.now() + datetime.timedelta(days=start + i),
            )
            for i in range(n)
        )

    def decisions(n):
        Decision.objects.bulk_create(
            Decision(
                partnership=w.alpha,
                meeting=w.gov["meeting"],
                title=f"D{i}",
                text="x",
                decided_on=datetime.date(2030, 1, 1),
            )
            for i in range(n)
        )

    def priorities(n):
        start = next(_serial) * 1000
        rows = Priority.objects.bulk_create(
            Priority(partnership=w.alpha, year=2030, title=f"P{start + i}", lead_group=w.subgroup)
            for i in range(n)
        )
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(
                priority=p, rag="green", summary="x", reported_on=datetime.date(2030, 1, 1), author=w.bu
            )
            for p in rows
        )

    def risks(n):
        Risk.objects.bulk_create(
            Risk(
                partnership=w.alpha,
                title=f"R{i}",
                likelihood=i % 5 + 1,
                impact=2,
                score=(i % 5 + 1) * 2,
                owner=w.officer,
                owner_organisation=w.council,
            )
            for i in range(n)
        )

    def activities(n):
        ScrutinyActivity.objects.bulk_create(
            ScrutinyActivity(
                partnership=w.alpha,
                kind="case_audit",
                title=f"A{i}",
                scrutineer=w.scrutineer,
                carried_out_on=datetime.date(2030, 1, 1),
            )
            for i in range(n)
        )

    def findings(n):
        ScrutinyFinding.objects.bulk_create(
            ScrutinyFinding(activity=w.gov["activity"], finding=f"F{i}", addressed_to=w.hospital)
            for i in range(n)
        )

    def challenges(n):
        Challenge.objects.bulk_create(
            Challenge(
                partnership=w.alpha,
                subject=f"C{i}",
                detail="x",
                raised_on=datetime.date(2030, 1, 1),
                raised_by_name="Scrutineer",
                addressed_to=w.police,
            )
            for i in range(n)
        )

    def cycles(n):
        rows = AssuranceCycle.objects.bulk_create(
            AssuranceCycle(
                partnership=w.alpha,
                title=f"S11 {i}",
                opens_on=datetime.date(2030, 1, 1),
                due_on=datetime.date(2030, 3, 1),
            )
            for i in range(n)
        )
        through = AssuranceCycle.partnerships.through
        through.objects.bulk_create(through(assurancecycle=c, partnership=w.alpha) for c in rows)
        AgencyReturn.objects.bulk_create(AgencyReturn(cycle=c, organisation=w.hospital) for c in rows)

    def returns(n):
        start = next(_serial) * 1000
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"Trust {start + i}", kind=OrganisationKind.HEALTH_PROVIDER) for i in range(n)
        )
        RelevantAgency.objects.bulk_create(RelevantAgency(partnership=w.alpha, organisation=o) for o in orgs)
        AgencyReturn.objects.bulk_create(AgencyReturn(cycle=w.cycle, organisation=o) for o in orgs)

    return {
        "/p/alpha/meetings/": meetings,
        "/api/meetings/": meetings,
        "/p/alpha/decisions/": decisions,
        "/p/alpha/priorities/": priorities,
        "/api/priorities/": priorities,
        "/p/alpha/risks/": risks,
        "/p/alpha/risks/heat-map/": risks,
        "/api/risks/": risks,
        "/p/alpha/scrutiny/": activities,
        "/p/alpha/scrutiny/findings/": findings,
        "/api/scrutiny-findings/": findings,
        "/p/alpha/scrutiny/challenges/": challenges,
        "/p/alpha/assurance/": cycles,
        "/p/alpha/assurance/returns/": returns,
        "/api/assurance-returns/": returns,
        "/api/assurance-cycles/": cycles,
    }


def test_governance_lists_keep_constant_queries(world, client_for):
    w = world
    client = client_for(w.bu)
    for url, add in _adders(w).items():
        assert_constant_queries(client, url, add)
        if url.startswith("/p/"):
            assert_constant_queries(client, f"{url}?export=csv", add, small=1, large=3)


def test_agency_contributor_list_keeps_constant_queries(world, client_for):
    w = world
    assert_constant_queries(
        client_for(w.contributor), "/p/alpha/assurance/my-returns/", _adders(w)["/p/alpha/assurance/"]
    )


def test_a_meeting_page_reads_its_people_once_whatever_their_number(world, client_for):
    """The meeting page offers the partnership's people in three forms (agenda presenter, attendance,
    action owner) and its organisations in two: each list is read once, the page makes the same
    number of queries with 5 more people and agenda items as with 200, and every form still offers
    the new people (and never someone outside the partnership)."""
    import re

    from partnerships.core.models import Role, User
    from partnerships.governance.models import AgendaItem

    w = world
    meeting = w.gov["meeting"]
    url = meeting.get_absolute_url()
    serial = itertools.count()

    def people_and_items(n):
        for _ in range(n):
            i = next(serial)
            member = User.objects.create(
                username=f"member{i}", first_name="Member", last_name=f"N{i}", organisation=w.police
            )
            # Offered as people of the partnership: they hold a role in it.
            Role.objects.create(user=member, partnership=w.alpha, kind="scrutineer")
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, title=f"Item {next(serial)}") for _ in range(n)
        )

    client = client_for(w.bu)
    assert_constant_queries(client, url, people_and_items, small=5, large=200)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    lists = [q["sql"] for q in queries.captured_queries if "IN (SELECT" in q["sql"]]
    assert sum(sql.startswith('SELECT "partnerships_user"') for sql in lists) == 1, lists
    assert sum(sql.startswith('SELECT "partnerships_organisation"') for sql in lists) == 1, lists
    member = User.objects.get(username="member3")
    for name in ("presenter", "person", "owner"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
        assert f'value="{member.pk}"' in select, name
        assert f'value="{w.outsider.pk}"' not in select, name
