"""Render a version to PDF with WeasyPrint (partnerships/pdf.py), recording progress on the row.

The PDF is stored with the content hash it was made from and reused until the content changes
(a draft refreshed from the records, or a new version). Progress is coarse, by stage: WeasyPrint
gives no callback during layout.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction

from partnerships.core import pdf
from publications.assembly import document_html
from publications.choices import RenderStatus
from publications.models import PublicationVersion

logger = logging.getLogger(__name__)


def _progress(version_id, status, percent, error=""):
    PublicationVersion.objects.filter(pk=version_id).update(
        render_status=status, render_progress=percent, render_error=error
    )


def render_pdf_bytes(version):
    """The version's PDF (not stored): tagged PDF/UA-1, A4."""
    return render_document(version)[0]


def render_document(version, *, on_laid_out=None):
    """Assemble the version's HTML and render it: (PDF bytes, page count). Tagged PDF/UA-1, A4.

    The one rendering path of the product (and of `manage.py benchmark_yearly_report`).
    `on_laid_out()` is called between layout and PDF writing (progress).
    """
    # Imported here: loading WeasyPrint loads Pango (about 0.7 s); only processes that render PDFs pay it.
    from weasyprint import HTML

    html = document_html(version)
    document = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticOnlyURLFetcher())
    rendered = document.render(stylesheets=pdf.base_stylesheets())
    if on_laid_out:
        on_laid_out()
    data = pdf.finish_tagging(rendered.write_pdf(pdf_variant=pdf.PDF_VARIANT), html)
    return data, len(rendered.pages)


def warm_up():
    """Load WeasyPrint once per process, before the first document is waiting on it.

    The first render in a process pays for loading WeasyPrint (cffi parses the Pango and HarfBuzz
    declarations), its user-agent stylesheets and the fonts: about 0.6-0.8 s of CPU, measured with
    `manage.py benchmark_yearly_report` (publications/BENCH_NOTES.md). Celery worker processes
    call this when they start (publications/tasks.py), so no user waits for it.
    """
    # Imported here: loading WeasyPrint loads Pango (about 0.7 s); only processes that render PDFs pay it.
    from weasyprint import HTML

    html = '<!doctype html><html lang="en-GB"><title>Warm-up</title><h1>Warm-up</h1><p>Page.</p></html>'
    document = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticOnlyURLFetcher())
    document.render(stylesheets=pdf.base_stylesheets()).write_pdf(pdf_variant=pdf.PDF_VARIANT)


def render_version(version_id):
    """Render and store the PDF of one version unless the stored one is current. Idempotent."""
    version = PublicationVersion.objects.select_related("publication__partnership").get(pk=version_id)
    if version.pdf_is_current:
        _progress(version_id, RenderStatus.DONE, 100)
        return version
    rendered_key = version.render_key
    try:
        _progress(version_id, RenderStatus.RUNNING, 10)
        data, pages = render_document(
            version, on_laid_out=lambda: _progress(version_id, RenderStatus.RUNNING, 80)
        )
    except Exception as error:  # a failed render is reported to the user, not lost
        logger.exception("Rendering version %s failed", version_id)
        _progress(version_id, RenderStatus.FAILED, 0, str(error)[:500])
        raise
    with transaction.atomic():
        version = PublicationVersion.objects.select_for_update().get(pk=version_id)
        name = f"{version.publication.partnership.slug}-{version.publication.pk}-v{version.number}.pdf"
        if version.pdf:
            version.pdf.delete(save=False)
        version.pdf.save(name, ContentFile(data), save=False)
        PublicationVersion.objects.filter(pk=version_id).update(
            pdf=version.pdf.name,
            pdf_hash=rendered_key,
            pdf_pages=pages,
            render_status=RenderStatus.DONE,
            render_progress=100,
            render_error="",
        )
    version.refresh_from_db()
    return version
