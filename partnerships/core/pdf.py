"""HTML to PDF with WeasyPrint: A4, tagged (PDF/UA-1), fonts from fonts-liberation2.

Every published document and briefing goes through `render_pdf` (or `render_template_pdf`).

WeasyPrint fetches every URL in the HTML it is given, `file://` included, so user-written text
could otherwise pull local files (or internal HTTP services) into a PDF. `StaticOnlyURLFetcher`
refuses everything except: the project's static files (by `/static/...` path, resolved through the
staticfiles finders), the fonts-liberation2 font files, and inline `data:` URIs.

Public-sector documents must meet the Public Sector Bodies (Websites and Mobile Applications)
(No. 2) Accessibility Regulations 2018: output is a tagged PDF in WeasyPrint's PDF/UA-1 variant,
with the document title and language taken from `<title>` and `<html lang>`.

WeasyPrint 70's PDF/UA-1 output leaves out two things a screen reader needs, so `finish_tagging`
adds them to the written file with pikepdf (read it for the details):
- header cells (`/TH`) get no `/Scope`, although the HTML says `scope="col"` / `scope="row"`;
- a link annotation's `/Contents` (what a screen reader announces) is its raw target ("s-1").
Charts go into a PDF as `<img alt>` (the `svg_figure` filter, partnerships/core/templatetags/pdf_tags.py):
WeasyPrint takes an inline SVG's alternative text from its `<title>` alone, which names the chart but
does not say what it shows.
"""

from __future__ import annotations

import io
import mimetypes
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from defusedxml import DefusedXmlException, ElementTree
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

#: The pseudo-origin documents are rendered against: relative URLs and `/static/...` resolve here.
BASE_URL = "https://pdf.invalid/"

#: Where Debian's fonts-liberation2 installs its TrueType files (Arial/Times metric-compatible).
LIBERATION_DIR = Path("/usr/share/fonts/truetype/liberation2")

#: The variant asked of WeasyPrint: PDF/UA-1 is tagged PDF 1.7 (WeasyPrint >= 63 supports it).
PDF_VARIANT = "pdf/ua-1"


SVG = "{http://www.w3.org/2000/svg}"


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
caption { break-after: avoid; }
p, li, dd { orphans: 3; widows: 3; }
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
    if not tagged:
        return document.write_pdf(stylesheets=css)
    return finish_tagging(document.write_pdf(stylesheets=css, pdf_variant=PDF_VARIANT), html)


def render_template_pdf(template_name: str, context: dict, *, stylesheets=None) -> bytes:
    """Render a Django template to PDF: the template is a whole HTML document with a <title>."""
    return render_pdf(render_to_string(template_name, context), stylesheets=stylesheets)


class _LinkReader(HTMLParser):
    """Each link's target and what it should be announced as: its `aria-label`, else its `title`,
    else its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.descriptions: dict[str, str] = {}
        self._open: list[list] = []  # [target, given description, text parts]

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attrs = dict(attrs)
        href = (attrs.get("href") or "").strip()
        if href:
            # WeasyPrint names an internal link by its fragment, an external one by its absolute URL.
            target = unquote(href[1:]) if href.startswith("#") else urljoin(BASE_URL, href)
            self._open.append([target, attrs.get("aria-label") or attrs.get("title") or "", []])

    def handle_data(self, data):
        for link in self._open:
            link[2].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            target, given, parts = self._open.pop()
            text = given.strip() or " ".join("".join(parts).split())
            if text:
                self.descriptions.setdefault(target, text)


def link_descriptions(html: str) -> dict[str, str]:
    """{link target as WeasyPrint writes it: description} for every link in the HTML."""
    reader = _LinkReader()
    reader.feed(html)
    reader.close()
    return reader.descriptions


def finish_tagging(data: bytes, html: str) -> bytes:
    """Complete WeasyPrint's tagged PDF: `/Scope` on header cells, link descriptions.

    - Every `/TH` gets `/Scope /Column` when it sits in a `/THead` or in a row of header cells only,
      else `/Scope /Row` (our tables put `scope="col"` on the head row and `scope="row"` on the
      first cell of each body row; WeasyPrint does not carry the attribute over). PDF/UA-1 7.5.
    - Every link annotation's `/Contents`, which WeasyPrint sets to the link's target, becomes the
      link's `aria-label`, `title` or text in the HTML ("Funding", not "s-7"). PDF/UA-1 7.18.5.
    """
    # Imported here: only processes that write PDFs need pikepdf (and its qpdf library).
    import pikepdf

    descriptions = link_descriptions(html)
    with pikepdf.open(io.BytesIO(data)) as document:
        tree = document.Root.get("/StructTreeRoot")
        if tree is not None:
            _scope_header_cells(pikepdf, tree)
        for page in document.pages:
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                target = str(annotation.get("/Contents", ""))
                if target in descriptions:
                    annotation.Contents = pikepdf.String(descriptions[target])
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def _kids(pikepdf, node):
    kids = node.get("/K")
    if kids is None:
        return []
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _scope_header_cells(pikepdf, tree):
    stack = [(tree, False)]
    seen = set()
    while stack:
        node, in_head = stack.pop()
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        role = node.get("/S")
        in_head = in_head or role == "/THead"
        kids = _kids(pikepdf, node)
        if role == "/TR":
            header_row = in_head or all(k.get("/S") == "/TH" for k in kids)
            for cell in kids:
                if cell.get("/S") == "/TH":
                    _set_scope(pikepdf, cell, "/Column" if header_row else "/Row")
        stack.extend((kid, in_head) for kid in kids)


def _set_scope(pikepdf, cell, scope):
    attributes = cell.get("/A")
    if isinstance(attributes, pikepdf.Array):
        table = next(
            (a for a in attributes if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table"), None
        )
        if table is None:
            attributes.append(pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name(scope)))
        else:
            table.Scope = pikepdf.Name(scope)
    elif isinstance(attributes, pikepdf.Dictionary) and attributes.get("/O") == "/Table":
        attributes.Scope = pikepdf.Name(scope)
    elif attributes is None:
        cell.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name(scope))
    else:
        cell.A = pikepdf.Array(
            [attributes, pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name(scope))]
        )


def _sentence(text):
    text = " ".join((text or "").split())
    return text if not text or text[-1] in ".:;!?" else text + "."


def chart_alternative(markup, alt=""):
    """What a server-drawn SVG chart shows, in words: `alt` (or its <title>), then its <desc>.

    Used wherever a chart cannot be the SVG itself: the PDF's image alternative, the Word export.
    """
    try:
        root = ElementTree.fromstring(str(markup))
    except (ElementTree.ParseError, DefusedXmlException):
        # Not well-formed XML (a named HTML entity, say): the given text is all there is to say.
        return _sentence(alt)
    title = root.findtext(f"{SVG}title") or ""
    desc = root.findtext(f"{SVG}desc") or ""
    parts = [_sentence(alt or title)]
    if desc and " ".join(desc.split()) not in parts[0]:
        parts.append(_sentence(desc))
    return " ".join(p for p in parts if p)
