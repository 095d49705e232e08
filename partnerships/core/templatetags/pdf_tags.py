"""Template filters for documents rendered to PDF (partnerships/core/pdf.py)."""

import base64

from defusedxml import ElementTree
from django import template
from django.utils.html import format_html

register = template.Library()

SVG = "{http://www.w3.org/2000/svg}"


def _sentence(text):
    text = " ".join((text or "").split())
    return text if not text or text[-1] in ".:;!?" else text + "."


def chart_alternative(markup, alt=""):
    """What a chart shows, in words: the given `alt` (or the SVG's <title>), then its <desc>."""
    root = ElementTree.fromstring(str(markup))
    title = root.findtext(f"{SVG}title") or ""
    desc = root.findtext(f"{SVG}desc") or ""
    parts = [_sentence(alt or title)]
    if desc and " ".join(desc.split()) not in parts[0]:
        parts.append(_sentence(desc))
    return " ".join(p for p in parts if p)


@register.filter
def svg_figure(markup, alt=""):
    """An SVG chart drawn on the server as an <img> for WeasyPrint, with its full alternative text.

    WeasyPrint gives an inline <svg> the text of its <title> as /Alt, which names the chart but does
    not say what it shows; an <img>'s alt attribute goes into the PDF as it is. The chart is still
    drawn as vectors, its labels as text.
    """
    data = base64.b64encode(str(markup).encode()).decode("ascii")
    return format_html(
        '<img class="doc-chart" src="data:image/svg+xml;base64,{}" alt="{}">',
        data,
        chart_alternative(markup, alt),
    )
