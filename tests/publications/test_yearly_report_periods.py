"""A yearly report's figures count its own period, whatever months it runs: child deaths by
notification date and reviews by panel date (records just inside and just outside the period), the
funding year that overlaps the period most, actions on review recommendations, and a sign-off
statement naming each partner, its signatory's role and the date."""

import datetime

import pytest

from child_death.models import ChildDeathCase
from funding.models import Contribution
from partnerships.core.choices import ActionSource, ActionStatus
from partnerships.core.models import Action, SafeguardingPartner
from publications import assembly, services
from publications.choices import PublicationKind
from tests.publications.support import sign_all

pytestmark = pytest.mark.django_db
D = datetime.date
START, END = D(2025, 11, 28), D(2026, 11, 27)  # Coventry's reports run November to November


def _case(world, ref, *, notified, reviewed=None, category=None, modifiable=None):
    return ChildDeathCase.objects.create(
        panel=world.cdop,
        reference=f"PER-{ref}",
        date_of_death=notified - datetime.timedelta(days=1),
        notified_on=notified,
        notified_by="Registrar",
        area_of_residence=world.area_a,
        category=category,
        modifiable=modifiable or "",
        panel_reviewed_on=reviewed,
    )


@pytest.fixture
def report(world):
    ChildDeathCase.objects.filter(panel=world.cdop).update(panel=world.beta_cdop)  # only these cases
    _case(world, "before", notified=START - datetime.timedelta(days=1))
    _case(world, "first-day", notified=START, reviewed=START, category=4, modifiable="no")
    _case(world, "last-day", notified=END, reviewed=END, category=2, modifiable="yes")
    _case(
        world, "after", notified=END + datetime.timedelta(days=1), reviewed=END + datetime.timedelta(days=1)
    )
    # Notified before the period, reviewed inside it, not yet categorised.
    _case(world, "old", notified=D(2025, 1, 10), reviewed=D(2026, 2, 2))
    # Reviewed the day before the period starts: not counted.
    _case(world, "early", notified=D(2025, 1, 11), reviewed=START - datetime.timedelta(days=1), category=4)
    for year, amount in ((2025, 100_000_00), (2026, 250_000_00)):
        Contribution.objects.create(
            partnership=world.alpha, year=year, organisation=world.council, amount_pence=amount
        )
    publication = services.create_publication(
        world.bu, world.alpha, kind=PublicationKind.YEARLY_REPORT, title="Alpha report", period_start=START
    )
    assert (publication.period_start, publication.period_end) == (START, END)
    return publication


def _section(content, key):
    return next(s for s in content["sections"] if s["key"] == f"yearly_report:{key}")


def _n(value):
    """Content holds text, as printed; whole numbers read back as numbers."""
    return int(value) if isinstance(value, str) and value.isdigit() else value


def _figures(section):
    return {
        label: _n(value) for b in section["blocks"] if b["type"] == "figures" for label, value in b["items"]
    }


def _table(section, caption):
    table = next(b for b in section["blocks"] if b["type"] == "table" and b["caption"] == caption)
    return {**table, "rows": [[_n(cell) for cell in row] for row in table["rows"]]}


def test_child_deaths_have_their_own_section_counting_the_reports_period(world, report):
    content = services.make_draft(world.bu, report).content
    section = _section(content, "child_death")
    assert section["title"] == "Child deaths" and not section["empty"]
    figures = _figures(section)
    assert figures["Child deaths notified in the period"] == 2  # first and last day, not either side
    reviews = figures["Reviews completed by the child death overview panel in the period"]
    assert reviews == 3  # first-day, last-day and the old case reviewed in the period
    categories = _table(section, "Reviews completed in the period, by category of death")
    rows = dict(categories["rows"])
    assert rows.pop("Total") == reviews
    assert sum(rows.values()) == reviews and rows["Not categorised"] == 1
    modifiable = dict(_table(section, "Modifiable factors among the reviews completed in the period")["rows"])
    assert modifiable.pop("Total") == sum(modifiable.values()) == reviews
    assert figures["Reviews completed that found modifiable factors"] == "50%"  # 1 of the 2 decided
    # The reviews section no longer carries child death figures.
    assert not any("child death" in str(b).lower() for b in _section(content, "reviews")["blocks"])


def test_funding_uses_the_financial_year_that_overlaps_the_period_most(world, report):
    section = _section(services.make_draft(world.bu, report).content, "funding")
    text = " ".join(assembly.section_lines(section))
    # 28 Nov 2025 to 27 Nov 2026: 124 days in 2025/26, 241 in 2026/27.
    assert "Contributions 2026/27" in text and "£250,000" in text and "£100,000" not in text
    assert "This report shows 2026/27, the financial year that overlaps most with its period" in text


def test_actions_on_review_recommendations_are_counted_for_the_period(world, report):
    common = {"partnership": world.alpha, "owner_organisation": world.council}
    Action.objects.create(
        title="Local one",
        source_kind=ActionSource.REVIEW,
        due_date=D(2026, 3, 1),
        status=ActionStatus.DONE,
        completed_on=D(2026, 2, 1),
        **common,
    )
    Action.objects.create(
        title="National one", source_kind=ActionSource.NATIONAL_REVIEW, due_date=D(2026, 6, 1), **common
    )
    Action.objects.create(
        title="Not a review", source_kind=ActionSource.MEETING, due_date=D(2026, 6, 1), **common
    )
    Action.objects.filter(
        partnership=world.alpha, title__in=["Local one", "National one", "Not a review"]
    ).update(created_at=datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC))
    section = _section(services.make_draft(world.bu, report).content, "reviews")
    table = _table(section, "Actions on local and national review recommendations in the period")
    local, national = table["rows"]
    # raised, completed, completed on time, open at the end, overdue at the end
    assert local[1:] == [1, 1, 1, 0, 0]
    assert national[1:] == [1, 0, 0, 1, 1]


def test_the_sign_off_statement_names_each_partner_its_signatory_and_the_date(world, report):
    SafeguardingPartner.objects.filter(pk=world.partner_la2.pk).delete()  # the three statutory partners
    SafeguardingPartner.objects.filter(organisation=world.police).update(lead_title="Chief Constable")
    version = services.send_for_sign_off(world.bu, services.make_draft(world.bu, report), accept_missing=True)
    sign_all(
        world,
        version,
        leads=[
            (world.lead_la, world.council),
            (world.lead_health, world.icb),
            (world.lead_police, world.police),
        ],
    )
    signed_on = version.sign_offs.first().signed_at.date()
    published_on = signed_on + datetime.timedelta(days=1)
    services.publish(world.bu, version, on=published_on)
    version.refresh_from_db()
    html = assembly.document_html(version)
    statement = html[html.index("Sign-off and publication") :]
    today = f"{signed_on:%-d %B %Y}"
    for organisation, lead in (
        (world.council, world.lead_la),
        (world.icb, world.lead_health),
        (world.police, world.lead_police),
    ):
        assert organisation.name in statement
        assert lead.get_full_name() in statement
    assert "Chief Constable" in statement
    assert statement.count(today) == 3
    assert f"{published_on:%-d %B %Y}" in statement  # published
    assert "Not yet recorded" in statement  # not yet sent to the Panel and the What Works Centre
    # The sign-off statement is read from the records: the PDF made before it was complete is stale.
    assert not version.pdf_is_current or version.pdf_hash == version.render_key


def test_the_dashboard_offers_the_reports_period_and_shows_the_same_child_death_figures(
    world, report, client_for
):
    content = services.make_draft(world.bu, report).content
    printed = _figures(_section(content, "child_death"))
    page = client_for(world.scrutineer).get(f"/p/alpha/dashboard/?year={START.isoformat()}")
    html = page.content.decode()
    assert (
        f'<option value="{START.isoformat()}" selected>Yearly report: 28 Nov 2025 to 27 Nov 2026</option>'
        in html
    )
    assert "the yearly report period 28 November 2025 to 27 November 2026" in html
    panel = next(p for p in page.context["panels"] if p.key == "child-death-time-to-panel")
    shown = {row[0].text: row[1].value for row in panel.rows}
    assert shown["Deaths notified in the period"] == printed["Child deaths notified in the period"] == 2
    assert (
        shown["Reviews completed by the panel"]
        == printed["Reviews completed by the child death overview panel in the period"]
        == 3
    )
    # A period that is not one of the partnership's reports falls back to the current financial year.
    html = client_for(world.scrutineer).get("/p/alpha/dashboard/?year=2025-11-29").content.decode()
    assert "the yearly report period" not in html
