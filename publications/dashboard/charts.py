"""Server-side SVG bar charts: no script, the same drawing on screen and in the PDF.

Each chart has a <title> and <desc> and is drawn beside a data table holding the same numbers, so
nobody depends on the picture (WCAG 1.1.1). Colours are GOV.UK palette colours with enough contrast.
"""

from django.utils.html import format_html, format_html_join

COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92")
TEXT = "#0b0c0c"
GRID = "#b1b4b6"


def _n(value):
    return f"{value:.1f}"


def _wrap(label, limit=29, max_lines=4):
    """`label` in lines of at most `limit` characters (29 fit the 220-unit label column at 13 units),
    broken between words; beyond `max_lines` it ends in an ellipsis (the table gives it whole)."""
    words, lines, line = str(label).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    lines = [part[:limit] for part in lines] or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: limit - 1] + "…"]
    return lines


def _rect(x, y, w, h, fill):
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>', _n(x), _n(y), _n(w), _n(h), fill
    )


def _text(x, y, text, anchor="start", size=13):
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" fill="{}" font-family="Liberation Sans, Arial, sans-serif">{}</text>',
        _n(x),
        _n(y),
        anchor,
        size,
        TEXT,
        text,
    )


def bar_chart(prefix, title, labels, series, *, maximum=None, unit="", width=680):
    """Horizontal grouped bars: `series` is [(name, [value per label])]; None values draw nothing.

    `maximum` fixes the scale (100 for percentages); otherwise the largest value sets it.
    """
    labels = list(labels)
    values = [v for _name, vals in series for v in vals if v is not None]
    top_value = maximum or max([*values, 0]) or 1
    left, right, head, bar, gap, group_gap, line_height = 220, 60, 34, 14, 2, 12, 15
    wrapped = [_wrap(label) for label in labels]
    groups = [max(len(series) * (bar + gap), len(lines) * line_height) + group_gap for lines in wrapped]
    height = head + (sum(groups) if labels else bar + group_gap) + 10
    plot = width - left - right
    parts = []
    x = left
    for index, (name, _vals) in enumerate(series):
        parts.append(_rect(x, 10, 12, 12, COLOURS[index % len(COLOURS)]))
        parts.append(_text(x + 18, 21, name))
        x += 30 + 7.5 * len(name)
    parts.append(
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>', left, head - 4, left, height - 6, GRID
        )
    )
    y = head
    for row, (lines, group) in enumerate(zip(wrapped, groups, strict=True)):
        middle = y + (group - group_gap) / 2
        for i, line in enumerate(lines):
            parts.append(_text(left - 8, middle + 4 + (i - (len(lines) - 1) / 2) * line_height, line, "end"))
        bars_top = middle - len(series) * (bar + gap) / 2
        for index, (_name, vals) in enumerate(series):
            value = vals[row]
            by = bars_top + index * (bar + gap)
            if value is None:
                parts.append(_text(left + 4, by + bar - 2, "no cases", size=11))
                continue
            w = max(value, 0) / top_value * plot if top_value else 0
            parts.append(_rect(left, by, w, bar, COLOURS[index % len(COLOURS)]))
            parts.append(_text(left + w + 4, by + bar - 2, f"{value:g}{unit}", size=11))
        y += group
    description = "; ".join(
        f"{label}: "
        + ", ".join(
            f"{name} {'no cases' if vals[i] is None else f'{vals[i]:g}{unit}'}" for name, vals in series
        )
        for i, label in enumerate(labels)
    )
    return format_html(
        '<svg class="app-dashboard-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        prefix,
        prefix,
        prefix,
        title,
        prefix,
        description or "No data",
        format_html_join("", "{}", ((p,) for p in parts)),
    )


HEAT = ("#ffffff", "#cce2d8", "#fff7bf", "#fcd6c3", "#f4cdc6")  # GOV.UK tints: none, low .. very high


def _band_fill(score):
    if score >= 15:
        return HEAT[4]
    if score >= 10:
        return HEAT[3]
    if score >= 5:
        return HEAT[2]
    return HEAT[1]


def heat_map(prefix, title, counts, size=5):
    """A likelihood (rows, high at the top) by impact (columns) grid of counts, each square tinted
    by its band (score = likelihood x impact), with the count written in it."""
    cell, left, top = 56, 110, 30
    width, height = left + size * cell + 10, top + size * cell + 50
    parts = [_text(left + size * cell / 2, 18, "Impact", anchor="middle")]
    for i in range(1, size + 1):
        parts.append(_text(left + (i - 0.5) * cell, top + size * cell + 18, str(i), anchor="middle"))
    parts.append(_text(10, top + size * cell / 2, "Likelihood"))
    described = []
    for row, likelihood in enumerate(range(size, 0, -1)):
        y = top + row * cell
        parts.append(_text(left - 10, y + cell / 2 + 4, str(likelihood), anchor="end"))
        for impact in range(1, size + 1):
            x = left + (impact - 1) * cell
            n = counts.get((likelihood, impact), 0)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}"/>',
                    x,
                    y,
                    cell,
                    cell,
                    _band_fill(likelihood * impact),
                    GRID,
                )
            )
            if n:
                parts.append(_text(x + cell / 2, y + cell / 2 + 5, str(n), anchor="middle", size=16))
                described.append(f"likelihood {likelihood}, impact {impact}: {n}")
    return format_html(
        '<svg class="app-dashboard-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        prefix,
        prefix,
        prefix,
        title,
        prefix,
        "; ".join(described) or "No open risks",
        format_html_join("", "{}", ((p,) for p in parts)),
    )
