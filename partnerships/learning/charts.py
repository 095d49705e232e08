"""A dataset indicator's trend as an SVG line chart drawn on the server (no JavaScript).

The chart is a picture of the table beneath it, which holds every figure (WCAG 2.2, 1.1.1): the
SVG has a title and description, the line is GOV.UK blue and the target a dashed dark grey line,
named in the legend so nothing relies on colour alone (1.4.1, 1.4.11). All text is escaped.
"""

from decimal import Decimal

from django.utils.html import format_html, format_html_join

BLUE = "#1d70b8"
GREY = "#505a5f"
GRID = "#b1b4b6"
TEXT = "#0b0c0c"
NICE = (1, 2, 2.5, 5, 10)


def _nice_top(value, ticks=4):
    if value <= 0:
        return Decimal(ticks), Decimal(1)
    raw = Decimal(value) / ticks
    magnitude = Decimal(10) ** (raw.adjusted())
    for step in NICE:
        size = Decimal(str(step)) * magnitude
        if size >= raw:
            return size * ticks, size
    return magnitude * 10 * ticks, magnitude * 10  # pragma: no cover


def _n(number):
    return f"{number:.1f}"


def _fmt(value):
    value = Decimal(value)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"


def trend_chart(series, *, title, target=None, unit_suffix="", prefix="trend"):
    """SVG of `series` [(label, value)], oldest first, with an optional target line."""
    width, height = 640, 260
    left, right, top, bottom = 56, 16, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [Decimal(v) for _, v in series]
    highest = max([*values, Decimal(target) if target is not None else Decimal(0), Decimal(0)])
    lowest = min([*values, Decimal(0)])
    axis_top, step = _nice_top(highest)
    floor = Decimal(0) if lowest >= 0 else -_nice_top(-lowest)[0]
    span = axis_top - floor or Decimal(1)

    def y(value):
        return top + plot_h - float((Decimal(value) - floor) / span) * plot_h

    def x(index):
        if len(series) == 1:
            return left + plot_w / 2
        return left + plot_w * index / (len(series) - 1)

    parts = []
    tick = floor
    while tick <= axis_top:
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{}">{}{}</text>',
                left,
                _n(y(tick)),
                width - right,
                _n(y(tick)),
                GRID,
                left - 6,
                _n(y(tick) + 4),
                TEXT,
                _fmt(tick),
                unit_suffix,
            )
        )
        tick += step
    if target is not None:
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>',
                left,
                _n(y(target)),
                width - right,
                _n(y(target)),
                GREY,
            )
        )
    if series:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(
            format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="3"/>', points, BLUE)
        )
        every = max(1, len(series) // 8)
        for i, (label, value) in enumerate(series):
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}: {}{}</title></circle>',
                    _n(x(i)),
                    _n(y(value)),
                    BLUE,
                    label,
                    _fmt(value),
                    unit_suffix,
                )
            )
            if i % every == 0 or i == len(series) - 1:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">{}</text>',
                        _n(x(i)),
                        height - bottom + 18,
                        TEXT,
                        label,
                    )
                )
    legend = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3"/>'
        '<text x="{}" y="{}" font-size="12" fill="{}">Value</text>',
        left,
        height - 10,
        left + 24,
        height - 10,
        BLUE,
        left + 30,
        height - 6,
        TEXT,
    )
    if target is not None:
        legend = format_html(
            '{}<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>'
            '<text x="{}" y="{}" font-size="12" fill="{}">Target ({}{})</text>',
            legend,
            left + 90,
            height - 10,
            left + 114,
            height - 10,
            GREY,
            left + 120,
            height - 6,
            TEXT,
            _fmt(target),
            unit_suffix,
        )
    parts.append(legend)
    description = (
        f"{len(series)} periods from {series[0][0]} to {series[-1][0]}; the table below gives each value."
        if series
        else "No values yet."
    )
    return format_html(
        '<svg class="app-chart__svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        prefix,
        prefix,
        prefix,
        title,
        prefix,
        description,
        format_html_join("", "{}", ((p,) for p in parts)),
    )
