"""A version downloads as a Word document built from its assembled content: real headings, tables
with a repeating header row, the figures, and charts as their text; the PDF's access rules apply."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from publications import services, word
from tests.publications.test_documents import report_records  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def _url(version):
    return reverse("publications:version_docx", kwargs={"partnership": "alpha", "pk": version.pk})


def _open(response):
    assert response.status_code == 200
    assert response["Content-Type"] == word.CONTENT_TYPE
    assert response["Content-Disposition"].endswith('.docx"')
    return Document(io.BytesIO(response.content))


def _headings(doc):
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def _repeats(row):
    return row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None


def test_a_partner_downloads_the_arrangements_as_word(world, client_for):
    version = world.arrangements_v1
    doc = _open(client_for(world.lead_la).get(_url(version)))
    headings = _headings(doc)
    assert headings[0] == ("Title", "Alpha safeguarding arrangements")
    sections = [s["title"] for s in version.content["sections"] if not s["empty"]]
    assert [text for style, text in headings if style == "Heading 1"] == sections
    assert doc.core_properties.title == "Alpha safeguarding arrangements"
    assert "The partners meet monthly." in [p.text for p in doc.paragraphs]
    # A table: its header row repeats on each page, its rows hold the records.
    agencies = next(t for t in doc.tables if t.rows[0].cells[0].text == "Relevant agency")
    assert _repeats(agencies.rows[0]) and not _repeats(agencies.rows[1])
    assert agencies.rows[1].cells[0].text == "Alpha Hospital Trust"
    # Key figures are a table too, with their values.
    figures = {
        row.cells[0].text: row.cells[1].text
        for t in doc.tables
        if t.rows[0].cells[0].text == "Measure"
        for row in t.rows
    }
    assert "Due to be published by" in figures and figures["Due to be published by"] == "29 June 2019"
    # The structure diagram is given as its text: every group and who it reports to.
    chart = next(p.text for p in doc.paragraphs if p.text.startswith("Chart: "))
    assert "Case Review Group reports to Executive" in chart


def test_a_yearly_reports_chart_is_its_figures(world, client_for, report_records):  # noqa: F811
    version = services.make_draft(world.bu, world.yearly)
    doc = _open(client_for(world.scrutineer).get(_url(version)))
    chart = next(p.text for p in doc.paragraphs if p.text.startswith("Chart: Bar chart of deadlines"))
    # its figures, kind by kind, not only what it is about
    assert re.search(r": \d+ met on time, \d+ met late, \d+ outstanding", chart), chart
    timeliness = next(t for t in doc.tables if t.rows[0].cells[0].text == "Deadline")
    assert [c.text for c in timeliness.rows[0].cells][1:3] == ["Due", "Met on time"]


def test_an_outsider_gets_404(world, client_for):
    assert client_for(world.outsider).get(_url(world.arrangements_v1)).status_code == 404
    beta = reverse(
        "publications:version_docx", kwargs={"partnership": "beta", "pk": world.arrangements_v1.pk}
    )
    assert client_for(world.outsider).get(beta).status_code == 404


def test_the_version_page_links_to_it(world, client_for):
    page = client_for(world.scrutineer).get(world.arrangements_v1.get_absolute_url()).content.decode()
    assert f'href="{_url(world.arrangements_v1)}">Download as Word (.docx)</a>' in page
