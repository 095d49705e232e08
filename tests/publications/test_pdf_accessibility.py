"""The published documents and the dashboard PDF pass the independent PDF/UA-1 checker `pdfua`
(no error, no warning), and carry what a screen reader needs: /Scope on header cells, link
descriptions that name their target, and chart alternatives that state the figures."""

import datetime
import io

import pikepdf
import pytest
import time_machine
from pdfua import Severity, validate

from partnerships.core import pdf as core_pdf
from publications import rendering, services
from tests.publications.dashboard_support import TODAY, YEAR, four_notifications
from tests.publications.support import sign_all
from tests.publications.test_documents import report_records  # noqa: F401  (a fixture)
from tests.publications.test_lcspr_reports import _published

pytestmark = pytest.mark.django_db

#: pdfua 0.1.3's empty-heading rule raises on a heading whose /K is an array (it asks a pikepdf
#: Array for `is_integer`, which raises ValueError rather than AttributeError), so the checker
#: skips it for every WeasyPrint document; `_headings_have_content` checks the same thing here.
CHECKER_BUGS = {"UA-14-001"}


def _elements(pdf):
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid
                stack.append(kid)


def _marks_content(node):
    kids = node.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    for kid in kids:
        if isinstance(kid, int) and not isinstance(kid, bool):
            return True
        if isinstance(kid, pikepdf.Dictionary) and (kid.get("/Type") == "/MCR" or _marks_content(kid)):
            return True
    return False


def _headings_have_content(pdf):
    headings = [e for e in _elements(pdf) if str(e.S) in {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}]
    assert headings
    assert all(_marks_content(h) for h in headings)


def check(data, tmp_path, name):
    """Run pdfua on the PDF: no error or warning, and no rule skipped except the checker's own bug."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    report = validate(str(path))
    findings = [
        f"{f.rule_id} {f.severity.name} {f.location.describe()}: {f.message}"
        for f in report.findings
        if f.severity >= Severity.WARNING
    ]
    assert findings == [], "\n".join(findings)
    skipped = {o.rule_id: o.skipped_reason for o in report.outcomes if o.skipped_reason}
    assert set(skipped) <= CHECKER_BUGS, skipped
    pdf = pikepdf.open(io.BytesIO(data))
    _headings_have_content(pdf)
    return pdf


def header_scopes(pdf):
    return [str(e.A.get("/Scope")) for e in _elements(pdf) if e.S == "/TH"]


def figure_alts(pdf):
    return [str(e.get("/Alt", "")) for e in _elements(pdf) if e.S == "/Figure"]


def link_contents(pdf):
    return [
        str(a.get("/Contents", ""))
        for page in pdf.pages
        for a in page.obj.get("/Annots", [])
        if a.get("/Subtype") == "/Link"
    ]


def test_any_tagged_pdf_gets_scopes_and_link_descriptions(tmp_path):
    html = (
        '<!doctype html><html lang="en-GB"><head><title>Small</title></head><body><h1>Small</h1>'
        '<p><a href="https://www.gov.uk/guidance">Working Together <b>2023</b></a> and '
        '<a href="/public/alpha/" aria-label="The public pages">here</a>.</p>'
        "<table><tr><th>Kind</th><th>Count</th></tr><tr><th>Reviews</th><td>4</td></tr></table>"
        "</body></html>"
    )
    pdf = check(core_pdf.render_pdf(html), tmp_path, "small")
    # no <thead>: a row of header cells only is the column headers
    assert sorted(header_scopes(pdf)) == ["/Column", "/Column", "/Row"]
    assert set(link_contents(pdf)) == {"Working Together 2023", "The public pages"}


def test_the_arrangements_pass_the_checker(world, tmp_path):
    pdf = check(rendering.render_pdf_bytes(world.arrangements_v1), tmp_path, "arrangements")
    scopes = header_scopes(pdf)
    assert "/Column" in scopes and "/Row" in scopes and "None" not in scopes
    # The contents' links are announced by the section they lead to, not by their anchor.
    contents = link_contents(pdf)
    titles = [s["title"] for s in world.arrangements_v1.content["sections"] if not s["empty"]]
    assert contents and set(contents) == set(titles)
    # The structure diagram's alternative names every group and who it reports to.
    (structure,) = figure_alts(pdf)
    assert "Case Review Group" in structure and "reports to" in structure


def test_a_yearly_report_passes_the_checker(world, report_records, tmp_path):  # noqa: F811
    # Signed and published, so the sign-off and publication record is checked too.
    version = services.send_for_sign_off(
        world.bu, services.make_draft(world.bu, world.yearly), accept_missing=True
    )
    sign_all(world, version)
    version = services.publish(world.bu, version, on=datetime.date(2020, 9, 20))
    pdf = check(rendering.render_pdf_bytes(version), tmp_path, "yearly")
    assert "Sign-off and publication" in link_contents(pdf)
    assert "None" not in header_scopes(pdf)
    assert not any(c.startswith("s-") for c in link_contents(pdf))
    timeliness = next(alt for alt in figure_alts(pdf) if "Deadlines due in the period" in alt)
    # The chart's alternative states its figures, not only its title.
    assert "met on time" in timeliness and "outstanding" in timeliness
    assert any(ch.isdigit() for ch in timeliness)


def test_a_published_lcspr_report_passes_the_checker(world, tmp_path):
    *_, version = _published(world)
    pdf = check(rendering.render_pdf_bytes(version), tmp_path, "lcspr")
    assert link_contents(pdf) and not any(c.startswith("s-") for c in link_contents(pdf))


def test_the_dashboard_pdf_passes_the_checker(world, client_for, tmp_path):
    with time_machine.travel(TODAY, tick=False):
        four_notifications(world)
        response = client_for(world.scrutineer).get(f"/p/alpha/dashboard/pdf/?year={YEAR}")
    assert response.status_code == 200
    pdf = check(response.content, tmp_path, "dashboard")
    assert "None" not in header_scopes(pdf)
    alts = figure_alts(pdf)
    # Each alternative is the chart's title, then its figures (or that it has none).
    assert alts and all(len(alt.split(". ", 1)) == 2 for alt in alts)
    assert "Open scrutiny challenges. Open: Challenges 1" in " ".join(alts)


def test_a_charts_alternative_is_its_title_then_its_figures():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><title>Deadlines</title><desc>A &amp; B: 1 late</desc></svg>'
    )
    assert core_pdf.chart_alternative(svg) == "Deadlines. A & B: 1 late."
    assert (
        core_pdf.chart_alternative(svg, "Bar chart of deadlines") == "Bar chart of deadlines. A & B: 1 late."
    )
    # markup that is not XML (an HTML entity) falls back to the text given, rather than failing the PDF
    assert core_pdf.chart_alternative(svg.replace("&amp;", "&nbsp;"), "Deadlines") == "Deadlines."
