"""Template filters for documents rendered to PDF (partnerships/core/pdf.py)."""

import base64

from django import template
from django.utils.html import format_html

from partnerships.core.pdf import chart_alternative

register = template.Library()


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
