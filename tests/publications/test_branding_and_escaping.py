"""The cover's logo (PNG or JPEG only, inlined), and narrative that cannot inject HTML or fetch files."""

import base64

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publications import assembly, rendering, services
from publications.models import Branding
from tests.publications.pdftext import needs_poppler, pdf_text

# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def test_logo_must_be_png_or_jpeg(world, client_for):
    url = reverse("publications:branding", kwargs={"partnership": "alpha"})
    bad = SimpleUploadedFile(
        "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml"
    )
    response = client_for(world.bu).post(url, {"logo": bad, "logo_alt": "Alpha"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Branding.objects.filter(partnership=world.alpha).exists()
    good = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    response = client_for(world.bu).post(
        url, {"logo": good, "logo_alt": "Alpha logo", "contact_line": "Alpha House"}
    )
    assert response.status_code == 302
    version = services.make_draft(world.bu, world.arrangements)
    html = assembly.document_html(version)
    assert 'src="data:image/png;base64,' in html and 'alt="Alpha logo"' in html and "Alpha House" in html


@needs_poppler
def test_narrative_is_text_not_html(world):
    services.write_narrative(
        world.bu,
        world.arrangements,
        "arrangements:escalation",
        'Escalate. <img src="file:///etc/passwd"><script>alert(1)</script>',
    )
    version = services.make_draft(world.bu, world.arrangements)
    html = assembly.document_html(version)
    assert "<script>" not in html and '<img src="file:///etc/passwd">' not in html
    assert "&lt;script&gt;" in html
    text = pdf_text(rendering.render_pdf_bytes(version))
    assert "root:" not in text and "<script>alert(1)</script>" in " ".join(text.split())
