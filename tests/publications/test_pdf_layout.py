"""A yearly report of the demo's size reads as a published document: its sections flow on from one
another, so no page but the cover and the last is left mostly empty. Each page is rendered to an
image (pypdfium2) and kept under tmp/artefacts/ to look at; the test measures, between the running
header and the footer, the lowest row that is not white."""

import datetime

import pypdfium2
import pytest
from django.conf import settings
from PIL import ImageOps

from partnerships.demo.publications import YEARLY_TEXT
from publications import rendering, sections, services
from publications.choices import PublicationKind

pytestmark = pytest.mark.django_db

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
