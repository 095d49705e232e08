"""A yearly report of the demo's size reads as a published document: its sections flow on from one
another, so no page but the cover and the last is left mostly empty. Each page is rendered to an
image (pypdfium2) and kept under tmp/artefacts/ to look at; the test measures, between the running
header and the footer, the lowest row that is not white."""

import datetime
import re

import pypdfium2
import pytest
from django.conf import settings
from PIL import ImageOps

from partnerships.core import pdf as core_pdf
from partnerships.demo.publications import YEARLY_TEXT
from publications import charts, rendering, sections, services
from publications.choices import PublicationKind
from publications.dashboard import charts as dashboard_charts

ARTEFACTS = settings.BASE_DIR / "tmp" / "artefacts"
MARGIN_MM = 22  # top and bottom page margins (partnerships/core/pdf.py BASE_CSS): header and footer
A4_HEIGHT_MM = 297


def _lowest_ink(image):
    """The lowest row (from the top of the page) holding a non-white pixel in the body area, or 0."""
    margin = round(image.height * MARGIN_MM / A4_HEIGHT_MM)
    body = image.convert("L").crop((0, margin, image.width, image.height - margin))
    box = ImageOps.invert(body).point(lambda v: 255 if v > 16 else 0).getbbox()
    return margin + box[3] if box else 0


def _demo_size_report(world):
    report = services.create_publication(
        world.bu,
        world.alpha,
        kind=PublicationKind.YEARLY_REPORT,
        title="Alpha yearly report 2025 to 2026",
        period_start=datetime.date(2025, 4, 1),
    )
    keys = {s.key for s in sections.for_kind(PublicationKind.YEARLY_REPORT)}
    for key, text in YEARLY_TEXT.items():
        if f"{PublicationKind.YEARLY_REPORT}:{key}" in keys:
            services.write_narrative(world.bu, report, f"{PublicationKind.YEARLY_REPORT}:{key}", text)
    return services.make_draft(world.bu, report)


@pytest.mark.django_db
def test_no_page_but_the_cover_and_the_last_is_mostly_empty(world):
    version = _demo_size_report(world)
    data = rendering.render_pdf_bytes(version)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "yearly-report.pdf").write_bytes(data)
    document = pypdfium2.PdfDocument(data)
    assert len(document) >= 4  # cover, contents and at least two pages of sections
    short = []
    for number, page in enumerate(document, start=1):
        image = page.render(scale=1).to_pil()
        image.save(ARTEFACTS / f"yearly-report-page-{number:02d}.png")
        used = _lowest_ink(image) / image.height
        if number not in (1, len(document)) and used < 0.25:
            short.append(f"page {number} uses {used:.0%} of its height")
    assert short == []


def test_chart_labels_wrap_rather_than_being_cut():
    label = "Serious incident notifications sent to the Child Safeguarding Practice Review Panel"
    markup = str(charts.timeliness_chart([(label, 3, 1, 0), ("Rapid review", 1, 0, 1)], title="Deadlines"))
    words = re.findall(r">([^<>]+)</text>", markup)
    assert label not in words and label in " ".join(words)  # drawn whole, over several lines
    assert max(len(w) for w in words) <= charts.LABEL_LIMIT
    assert "…" not in markup
    money = str(charts.money_bars([(label, 100_00, 50_00), ("Police", 1, 1)], title="Contributions"))
    assert all(word in money for word in label.split())
    assert "agreed £100, received £50" in money  # the figures are in its description
    wrapped = dashboard_charts.bar_chart("t", "Title", [label], [("Percentage", [75])], unit="%")
    assert all(word in str(wrapped) for word in label.split()) and "…" not in str(wrapped)


def test_a_long_table_repeats_its_header_row_on_every_page():
    rows = "".join(f'<tr><th scope="row">Agency {i}</th><td>{i}</td></tr>' for i in range(120))
    html = (
        '<!doctype html><html lang="en-GB"><head><title>Long</title></head><body><h1>Long</h1>'
        '<table><caption>Agencies</caption><thead><tr><th scope="col">Relevant agency</th>'
        f'<th scope="col">Returns</th></tr></thead><tbody>{rows}</tbody></table></body></html>'
    )
    document = pypdfium2.PdfDocument(core_pdf.render_pdf(html))
    texts = [page.get_textpage().get_text_range() for page in document]
    assert len(texts) >= 3
    assert all("Relevant agency" in text and "Returns" in text for text in texts)
    assert all(f"Agency {i}" in "".join(texts) for i in range(120))
