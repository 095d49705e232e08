"""partnerships.core.pdf: A4, tagged PDF/UA, Liberation fonts, and a fetcher that refuses local files."""

import pytest

from partnerships.core import pdf
from tests.publications.pdftext import needs_poppler, pdf_fonts, pdf_info, pdf_text

pytestmark = needs_poppler

DOC = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test document</title></head>
<body><h1 style="string-set: doctitle content()">Heading one</h1>
<p>Body text with {extra}</p>
<p class="page-break">Second page</p></body></html>"""


def test_renders_a4_tagged_pdf_with_page_numbers_and_liberation_font():
    out = pdf.render_pdf(DOC.format(extra="nothing"))
    info = pdf_info(out)
    assert info["Title"] == "Test document"
    assert info["Tagged"] == "yes"
    assert info["Pages"] == "2"
    assert info["Page size"].startswith("595.") and "841." in info["Page size"]  # A4 in points
    text = pdf_text(out)
    assert "Page 1 of 2" in text and "Page 2 of 2" in text
    assert "Heading one" in text  # running header on page 2 too
    assert text.count("Heading one") >= 2
    if pdf.LIBERATION_DIR.exists():
        assert "Liberation" in pdf_fonts(out)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "/etc/hostname",
        "../../../../etc/hostname",
        "http://127.0.0.1:9/secret",
        "https://example.com/x.png",
        "/static/../config/settings/base.py",
        "file:///work/main/config/settings/base.py",
    ],
)
def test_fetcher_refuses_anything_outside_static_files(url):
    assert pdf.resolve_allowed(pdf.BASE_URL.rstrip("/") + url if url.startswith("/") else url) is None
    # and rendering HTML that embeds it neither fails nor includes it
    html = DOC.format(
        extra=f'<img src="{url}" alt="x"><object data="{url}"></object><link rel="stylesheet" href="{url}">'
    )
    out = pdf.render_pdf(html)
    assert b"root:" not in out


def test_user_text_cannot_embed_local_file_via_css():
    html = DOC.format(extra="<style>body{background:url('file:///etc/passwd')}</style>x")
    fetched = []
    fetcher = pdf.StaticOnlyURLFetcher()
    with pytest.raises(pdf.URLRefused):
        fetcher.fetch("file:///etc/passwd")
    out = pdf.render_pdf(html)
    assert out.startswith(b"%PDF") and not fetched


def test_static_files_and_fonts_are_allowed():
    assert pdf.resolve_allowed(pdf.BASE_URL + "static/app/app.css") is not None
    if pdf.LIBERATION_DIR.exists():
        font = next(pdf.LIBERATION_DIR.glob("LiberationSans-Regular.ttf"))
        assert pdf.resolve_allowed(font.as_uri()) == font.resolve()
    response = pdf.StaticOnlyURLFetcher().fetch(pdf.BASE_URL + "static/app/app.css")
    assert response.read()
