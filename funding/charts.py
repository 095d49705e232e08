"""Charts drawn on the server as SVG: no JavaScript, and each chart's data is a table beneath it.

Colours are GOV.UK's dark grey (#505a5f) and blue (#1d70b8), both more than 3:1 against white
(WCAG 2.2, 1.4.11 non-text contrast); projections are hatched and every series is named in a
legend, so nothing relies on colour alone. All text is escaped (organisation names are user data).
"""

from decimal import Decimal

from django.utils.html import format_html, format_html_join

from funding.money import PENCE_PER_POUND

NICE_STEPS = (1, 2, 2.5, 5, 10)
GREY = "#505a5f"
BLUE = "#1d70b8"
GRID = "#b1b4b6"
TEXT = "#0b0c0c"


def nice_ceiling(pence, ticks=4):
    """(axis top, tick step) in pence: a round step (1, 2, 2.5 or 5 times a power of ten) per tick."""
    if pence <= 0:
        return PENCE_PER_POUND * ticks, PENCE_PER_POUND
    raw = Decimal(pence) / ticks
    magnitude = Decimal(10) ** (len(str(int(raw))) - 1)
    for step in NICE_STEPS:
        size = Decimal(str(step)) * magnitude
        if size >= raw:
            step_pence = int(size.to_integral_value(rounding="ROUND_CEILING"))
            return step_pence * ticks, step_pence
    raise AssertionError("unreachable: ten times the magnitude always covers the value")  # pragma: no cover


def compact_pounds(pence):
    """£0, £500, £12.5k, £1.2m: axis labels (the table beneath gives the exact figures)."""
    pounds = Decimal(pence) / PENCE_PER_POUND
    for divisor, suffix in ((Decimal(1_000_000), "m"), (Decimal(1_000), "k")):
        if abs(pounds) >= divisor:
            value = (pounds / divisor).quantize(Decimal("0.1")).normalize()
            return f"£{value:f}{suffix}"
    return f"£{pounds.quantize(Decimal(1)):f}"


def _n(value):
    return f"{value:.1f}"


def _scale(value, top, length):
    return max(value, 0) / top * length if top else 0


def _svg(width, height, prefix, title, description, body):
    return format_html(
        '<svg class="app-chart__svg" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-title {}-desc" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>'
        '<defs><pattern id="{}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="3"/></pattern></defs>{}</svg>',
        width,
        height,
        prefix,
        prefix,
        prefix,
        title,
        prefix,
        description,
        prefix,
        BLUE,
        format_html_join("", "{}", ((part,) for part in body)),  # each part is already safe (format_html)
    )


def _rect(x, y, w, h, fill, stroke=None):
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}/>',
        _n(x),
        _n(y),
        _n(w),
        _n(h),
        fill,
        format_html(' stroke="{}" stroke-width="1"', stroke) if stroke else "",
    )


def _text(x, y, text, anchor="start", size=14):
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" fill="{}" font-family="arial, sans-serif">{}</text>',
        _n(x),
        _n(y),
        anchor,
        size,
        TEXT,
        text,
    )


def _legend(x, y, items, prefix):
    parts = []
    for label, fill in items:
        parts.append(
            _rect(
                x,
                y - 11,
                14,
                14,
                fill.replace("HATCH", f"url(#{prefix}-hatch)"),
                BLUE if "HATCH" in fill else None,
            )
        )
        parts.append(_text(x + 20, y, label))
        x += 30 + 8 * len(label)
    return parts


def contributions_chart(rows, *, title, prefix="contributions", width=720):
    """Horizontal bars, agreed and received, for each partner. `rows`: (label, agreed, received) in pence."""
    left, right, top, bar, gap, group_gap = 230, 30, 56, 14, 3, 16
    group = 2 * bar + gap + group_gap
    height = top + max(len(rows), 1) * group + 10
    largest = max([max(a, r) for _label, a, r in rows] or [0])
    axis_top, step = nice_ceiling(largest)
    length = width - left - right
    body = _legend(left, 18, [("Agreed", GREY), ("Received", BLUE)], prefix)
    for i in range(int(axis_top // step) + 1):
        x = left + _scale(step * i, axis_top, length)
        body.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>',
                _n(x),
                _n(x),
                top - 8,
                height - 10,
                GRID,
            )
        )
        body.append(_text(x, top - 14, compact_pounds(step * i), "middle", 12))
    for index, (label, agreed, received) in enumerate(rows):
        y = top + index * group
        body.append(_text(left - 8, y + bar + 4, _shorten(label), "end", 13))
        body.append(_rect(left, y, _scale(agreed, axis_top, length), bar, GREY))
        body.append(_rect(left, y + bar + gap, _scale(received, axis_top, length), bar, BLUE))
    description = (
        "Bar chart of each partner's agreed contribution (dark grey) and the amount received (blue). "
        "The exact figures are in the table below the chart."
    )
    return _svg(width, height, prefix, title, description, body)


def monthly_chart(months, *, title, prefix="months", width=720, height=320):
    """Bars by month: the budget profiled evenly beside actual spending, with any projection hatched on top."""
    left, right, top, bottom = 70, 10, 40, 34
    plot = height - top - bottom
    values = [m.budget_pence for m in months] + [
        (m.actual_pence or 0) + (m.projected_pence or 0) for m in months
    ]
    axis_top, step = nice_ceiling(max(values or [0]))
    body = _legend(
        left, 18, [("Budget (even profile)", GREY), ("Actual", BLUE), ("Projected", "HATCH")], prefix
    )
    base = top + plot
    for i in range(int(axis_top // step) + 1):
        y = base - _scale(step * i, axis_top, plot)
        body.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>', left, width - right, _n(y), _n(y), GRID
            )
        )
        body.append(_text(left - 6, y + 4, compact_pounds(step * i), "end", 12))
    slot = (width - left - right) / max(len(months), 1)
    bar = slot * 0.34
    for index, m in enumerate(months):
        x = left + index * slot + slot * 0.14
        h = _scale(m.budget_pence, axis_top, plot)
        body.append(_rect(x, base - h, bar, h, GREY))
        actual = _scale(m.actual_pence or 0, axis_top, plot)
        body.append(_rect(x + bar + 2, base - actual, bar, actual, BLUE))
        projected = _scale(m.projected_pence or 0, axis_top, plot)
        if projected:
            body.append(
                _rect(x + bar + 2, base - actual - projected, bar, projected, f"url(#{prefix}-hatch)", BLUE)
            )
        body.append(_text(left + index * slot + slot / 2, base + 20, f"{m.month:%b}", "middle", 13))
    description = (
        "Bar chart of spending for each month of the year: a dark grey bar for the budget profiled evenly "
        "across the twelve months, a blue bar for actual spending and a hatched bar for projected spending. "
        "The exact figures are in the table below the chart."
    )
    return _svg(width, height, prefix, title, description, body)


def _shorten(label, limit=32):
    """Truncate the raw text (format_html escapes it once, when it is drawn)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
