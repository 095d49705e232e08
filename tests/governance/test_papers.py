"""Meeting papers: type and size judged from the content, refused with a clear message and nothing
stored; served only through a permission-checked page, never from a public URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.core import papers
from partnerships.governance.models import Paper
from tests.governance.builders import PDF_BYTES, odt_bytes, ooxml_bytes


def _files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("minutes.pdf", PDF_BYTES, "pdf"),
        ("report.docx", ooxml_bytes("docx"), "docx"),
        ("budget.xlsx", ooxml_bytes("xlsx"), "xlsx"),
        ("plan.odt", odt_bytes(), "odt"),
    ],
)
def test_each_accepted_type_is_recognised_from_its_content(name, content, kind):
    assert papers.identify(SimpleUploadedFile(name, content)) == kind


def test_upload_then_download_by_the_partnership_only(world, client_for, settings):
    w = world
    meeting = w.gov["meeting"]
    client = client_for(w.officer)
    response = client.post(
        f"{meeting.get_absolute_url()}papers/",
        {"title": "Neglect strategy", "file": SimpleUploadedFile("neglect.docx", ooxml_bytes("docx"))},
    )
    assert response.status_code == 302
    paper = Paper.objects.get(title="Neglect strategy")
    assert paper.file_kind == "docx" and paper.original_name == "neglect.docx"
    assert not paper.file.name.endswith("neglect.docx")  # stored under a random name

    download = client.get(paper.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == ooxml_bytes("docx")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert client_for(w.scrutineer).get(paper.get_absolute_url()).status_code == 200
    for outsider in (w.outsider, w.contributor):
        assert client_for(outsider).get(paper.get_absolute_url()).status_code == 404
    # No public URL serves the stored file.
    assert client.get(f"/media/{paper.file.name}").status_code == 404
    from django.test import Client

    anonymous = Client().get(paper.get_absolute_url())
    assert anonymous.status_code == 302 and "/sign-in/" in anonymous["Location"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("agenda.pdf", b"MZ\x90\x00 this is a Windows program", "is not a real PDF"),
        ("agenda.pdf", ooxml_bytes("docx"), "its content is a Word document"),
        ("agenda.docx", PDF_BYTES, "its content is a PDF"),
        ("agenda.exe", PDF_BYTES, "must be a PDF, DOCX, XLSX or ODT"),
        ("agenda.xlsx", b"PK\x03\x04 not really a zip", "is not a real Excel"),
    ],
)
def test_a_forged_file_is_refused_with_a_clear_message_and_nothing_stored(
    world, client_for, settings, name, content, message
):
    w = world
    before_rows, before_files = Paper.objects.count(), _files(settings)
    response = client_for(w.bu).post(
        f"{w.gov['meeting'].get_absolute_url()}papers/",
        {"title": "Agenda", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    assert Paper.objects.count() == before_rows
    assert _files(settings) == before_files


def test_a_file_over_the_size_limit_is_refused_and_nothing_stored(world, client_for, settings, monkeypatch):
    w = world
    monkeypatch.setattr(papers, "PAPER_MAX_BYTES", 1024)
    before_rows, before_files = Paper.objects.count(), _files(settings)
    big = PDF_BYTES + b"0" * 2048
    response = client_for(w.bu).post(
        f"{w.gov['meeting'].get_absolute_url()}papers/",
        {"title": "Too big", "file": SimpleUploadedFile("big.pdf", big)},
    )
    assert response.status_code == 400
    assert "The file must be smaller than 1.0" in response.content.decode()
    assert Paper.objects.count() == before_rows
    assert _files(settings) == before_files
