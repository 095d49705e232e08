"""Template filters for documents rendered to PDF (partnerships/core/pdf.py)."""

import base64

from django import template
from django.utils.html import format_html

from partnerships.core.pdf import chart_alternative

register = template.Library()

#: The viewBox width drawn across the whole text width: charts are drawn 680 to 720 units wide, so a
#: smaller drawing (a heat map, a two-box diagram) keeps the same type size instead of being blown up.
FULL_WIDTH_UNITS = 720


def _width_percent(markup):
    try:
        width = float(str(markup).split('viewBox="', 1)[1].split('"', 1)[0].split()[2])
    except (IndexError, ValueError):
        return 100
    return max(20, min(100, round(width / FULL_WIDTH_UNITS * 100)))


@register.filter
def svg_figure(markup, alt=""):
    """An SVG chart drawn on the server as an <img> for WeasyPrint, with its full alternative text.

    WeasyPrint gives an inline <svg> the text of its <title> as /Alt, which names the chart but does
    not say what it shows; an <img>'s alt attribute goes into the PDF as it is. The chart is still
    drawn as vectors, its labels as text.
    """
    data = base64.b64encode(str(markup).encode()).decode("ascii")
    return format_html(
        '<img class="doc-chart" style="width: {}%" src="data:image/svg+xml;base64,{}" alt="{}">',
        _width_percent(markup),
        data,
        chart_alternative(markup, alt),
    )
