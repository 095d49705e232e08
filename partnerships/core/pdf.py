"""HTML to PDF with WeasyPrint: A4, tagged (PDF/UA-1), fonts from fonts-liberation2.

Every published document and briefing goes through `render_pdf` (or `render_template_pdf`).

WeasyPrint fetches every URL in the HTML it is given, `file://` included, so user-written text
could otherwise pull local files (or internal HTTP services) into a PDF. `StaticOnlyURLFetcher`
refuses everything except: the project's static files (by `/static/...` path, resolved through the
staticfiles finders), the fonts-liberation2 font files, and inline `data:` URIs.

Public-sector documents must meet the Public Sector Bodies (Websites and Mobile Applications)
(No. 2) Accessibility Regulations 2018: output is a tagged PDF in WeasyPrint's PDF/UA-1 variant,
with the document title and language taken from `<title>` and `<html lang>`.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

#: The pseudo-origin documents are rendered against: relative URLs and `/static/...` resolve here.
BASE_URL = "https://pdf.invalid/"

#: Where Debian's fonts-liberation2 installs its TrueType files (Arial/Times metric-compatible).
LIBERATION_DIR = Path("/usr/share/fonts/truetype/liberation2")

#: The variant asked of WeasyPrint: PDF/UA-1 is tagged PDF 1.7 (WeasyPrint >= 63 supports it).
PDF_VARIANT = "pdf/ua-1"


class URLRefused(ValueError):
    """A document asked for a resource outside the static files: it is left out of the PDF."""


def _liberation_faces() -> str:
    """@font-face rules for Liberation Sans from fonts-liberation2, if the package is installed."""
    faces = []
    for weight, style, name in (
        ("normal", "normal", "Regular"),
        ("bold", "normal", "Bold"),
        ("normal", "italic", "Italic"),
        ("bold", "italic", "BoldItalic"),
    ):
        path = LIBERATION_DIR / f"LiberationSans-{name}.ttf"
        if path.exists():
            faces.append(
                "@font-face { font-family: 'Liberation Sans';"
                f" src: url('{path.as_uri()}'); font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(faces)


#: Page set-up shared by every document: A4, margins, running header (set `string-set: doctitle`
#: on an element, usually the h1) and "Page x of y" in the footer. Documents add their own CSS.
BASE_CSS = """
@page {
  size: A4;
  margin: 22mm 18mm 22mm 18mm;
  @top-left { content: string(doctitle); font-size: 8.5pt; color: #505a5f; }
  @top-right { content: string(partnership); font-size: 8.5pt; color: #505a5f; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages);
                   font-size: 8.5pt; color: #505a5f; }
}
@page cover { @top-left { content: none; } @top-right { content: none; }
              @bottom-center { content: none; } }
html { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.4;
       color: #0b0c0c; }
h1, h2, h3 { line-height: 1.2; break-after: avoid; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; } h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 12pt; }
thead { display: table-header-group; }
tr, img, svg, figure { break-inside: avoid; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 3pt 5pt; text-align: left;
         vertical-align: top; }
th { font-weight: bold; }
td.num, th.num { text-align: right; }
.cover { page: cover; break-after: page; }
.page-break { break-before: page; }
"""


class StaticOnlyURLFetcher:
    """Fetch static files, the Liberation fonts and data: URIs; refuse every other URL.

    Built on WeasyPrint's own URLFetcher (WeasyPrint >= 68 requires that type), but never opens
    a network connection: files are read from disk after resolving and checking their path.
    """

    def __new__(cls, *args, **kwargs):
        # Imported lazily so importing this module does not load Pango (e.g. in `manage.py check`).
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class _Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                path = resolve_allowed(url)
                if path is None:
                    raise URLRefused(f"Refused to fetch {url[:200]!r} into a PDF")
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers={"Content-Type": mime})

        return _Fetcher(allowed_protocols=("data", "file", "https"), **kwargs)


def _allowed_roots() -> list[Path]:
    roots = [Path(d).resolve() for d in getattr(settings, "STATICFILES_DIRS", [])]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT).resolve())
    roots.append(LIBERATION_DIR.resolve())
    return roots


def resolve_allowed(url: str) -> Path | None:
    """The local file a URL names, if it is a static file or a Liberation font; else None."""
    parts = urlsplit(url)
    static_url = settings.STATIC_URL or "/static/"
    if parts.scheme == "https" and parts.netloc == urlsplit(BASE_URL).netloc:
        path = unquote(parts.path)
        if not path.startswith(static_url):
            return None
        relative = path[len(static_url) :]
        if ".." in Path(relative).parts:
            return None
        found = finders.find(relative)
        candidate = Path(found).resolve() if found else None
    elif parts.scheme == "file":
        candidate = Path(unquote(parts.path)).resolve()
    else:
        return None
    if candidate is None or not candidate.is_file():
        return None
    if any(candidate.is_relative_to(root) for root in _allowed_roots()):
        return candidate
    # Found by an app-directory finder (e.g. an app's own static/): still a static file.
    if parts.scheme == "https":
        return candidate
    return None


def base_stylesheets(stylesheets: list[str] | None = None):
    """WeasyPrint CSS objects: the Liberation fonts and BASE_CSS, then any extra CSS strings."""
    # Imported here: loading WeasyPrint loads Pango (about 0.7 s); only processes that render PDFs pay it.
    from weasyprint import CSS

    fetcher = StaticOnlyURLFetcher()
    css = [CSS(string=_liberation_faces() + BASE_CSS, url_fetcher=fetcher, base_url=BASE_URL)]
    css += [CSS(string=s, url_fetcher=fetcher, base_url=BASE_URL) for s in stylesheets or []]
    return css


def render_pdf(html: str, *, stylesheets: list[str] | None = None, tagged: bool = True) -> bytes:
    """Render an HTML document to PDF bytes (A4, base CSS, PDF/UA-1 when `tagged`)."""
    # Imported here: loading WeasyPrint loads Pango (about 0.7 s); only processes that render PDFs pay it.
    from weasyprint import HTML

    css = base_stylesheets(stylesheets)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())
    options = {"pdf_variant": PDF_VARIANT} if tagged else {}
    return document.write_pdf(stylesheets=css, **options)


def render_template_pdf(template_name: str, context: dict, *, stylesheets=None) -> bytes:
    """Render a Django template to PDF: the template is a whole HTML document with a <title>."""
    return render_pdf(render_to_string(template_name, context), stylesheets=stylesheets)
