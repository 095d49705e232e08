"""SVG drawn on the server for published documents: the group structure and timeliness charts.

No JavaScript; WeasyPrint draws inline SVG into the PDF as vectors. Every chart has a <title> and
<desc>, and the same figures are printed in a table beside it (WCAG 2.2, 1.1.1). All user text is
escaped by format_html. Colours: GOV.UK blue, dark grey and a hatched pattern, so no series is told
apart by colour alone.
"""

from django.utils.html import format_html, format_html_join

BLUE = "#1d70b8"
GREY = "#505a5f"
LIGHT = "#f3f2f1"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"


def _n(v):
    return f"{v:.1f}"


def _svg(width, height, ident, title, desc, parts):
    return format_html(
        '<svg viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>'
        '<defs><pattern id="{}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="3"/></pattern></defs>{}</svg>',
        width,
        height,
        ident,
        ident,
        ident,
        title,
        ident,
        desc,
        ident,
        GREY,
        format_html_join("", "{}", ((p,) for p in parts)),
    )


def _text(x, y, value, anchor="start", size=12, weight="normal"):
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" font-weight="{}" fill="{}" '
        'font-family="Liberation Sans, Arial, sans-serif">{}</text>',
        _n(x),
        _n(y),
        anchor,
        size,
        weight,
        TEXT,
        value,
    )


def _wrap(label, limit):
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], (lines[1][: limit - 1] + "…")]
    return lines or [""]


def structure_diagram(rows, *, title):
    """The groups as a tree, one row of boxes per level. `rows`: [(GroupRow, depth)] depth-first."""
    box_w, box_h, gap_x, gap_y, margin = 150, 46, 14, 36, 10
    by_depth = {}
    for row, depth in rows:
        by_depth.setdefault(depth, []).append(row)
    columns = max((len(v) for v in by_depth.values()), default=1)
    width = max(margin * 2 + columns * (box_w + gap_x) - gap_x, 320)
    height = margin * 2 + max(len(by_depth), 1) * (box_h + gap_y) - gap_y
    positions, parts = {}, []
    for depth, level in sorted(by_depth.items()):
        total = len(level) * (box_w + gap_x) - gap_x
        x0 = (width - total) / 2
        for i, row in enumerate(level):
            positions[row.pk] = (x0 + i * (box_w + gap_x), margin + depth * (box_h + gap_y))
    for row, _depth in rows:
        if row.parent_id in positions:
            px, py = positions[row.parent_id]
            x, y = positions[row.pk]
            parts.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"/>',
                    _n(px + box_w / 2),
                    _n(py + box_h),
                    _n(x + box_w / 2),
                    _n(y),
                    GREY,
                )
            )
    for row, depth in rows:
        x, y = positions[row.pk]
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" stroke="{}" stroke-width="{}"/>',
                _n(x),
                _n(y),
                box_w,
                box_h,
                LIGHT if depth else "#ffffff",
                BLUE,
                2 if depth == 0 else 1,
            )
        )
        lines = _wrap(row.name, 24)
        for j, line in enumerate(lines):
            parts.append(
                _text(x + box_w / 2, y + 19 + j * 14 - (len(lines) - 1) * 5, line, "middle", 11, "bold")
            )
    desc = "Diagram of the partnership's groups: " + "; ".join(
        f"{row.name}"
        + (
            f" reports to {next((r.name for r, _ in rows if r.pk == row.parent_id), '')}"
            if row.parent_id in positions
            else ""
        )
        for row, _ in rows
    )
    return _svg(width, height, "structure", title, desc, parts)


def timeliness_chart(rows, *, title):
    """Horizontal stacked bars per deadline kind: met on time (blue), late (grey), outstanding (hatched).
    `rows`: [(label, on_time, late, outstanding)]."""
    left, right, top, bar, gap = 250, 20, 40, 16, 10
    width = 720
    height = top + max(len(rows), 1) * (bar + gap) + 10
    largest = max([sum(r[1:]) for r in rows] or [1]) or 1
    length = width - left - right
    parts = []
    x = left
    for label, fill in (("Met on time", BLUE), ("Met late", GREY), ("Outstanding", "url(#timeliness-hatch)")):
        parts.append(
            format_html(
                '<rect x="{}" y="10" width="12" height="12" fill="{}" stroke="{}"/>', _n(x), fill, GREY
            )
        )
        parts.append(_text(x + 18, 21, label))
        x += 40 + 7 * len(label)
    for i, (label, on_time, late, outstanding) in enumerate(rows):
        y = top + i * (bar + gap)
        parts.append(_text(left - 8, y + bar - 3, label[:40], "end", 11))
        x = left
        for value, fill in ((on_time, BLUE), (late, GREY), (outstanding, "url(#timeliness-hatch)")):
            w = value / largest * length
            if w:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="0.5"/>',
                        _n(x),
                        y,
                        _n(w),
                        bar,
                        fill,
                        GREY,
                    )
                )
            x += w
        parts.append(_text(x + 4, y + bar - 3, str(on_time + late + outstanding), "start", 11))
    desc = (
        "Bar chart of deadlines due in the period by kind, split into met on time, met late and "
        "outstanding. The figures are in the table that follows."
    )
    return _svg(width, height, "timeliness", title, desc, parts)


def money_bars(rows, *, title, ident="money"):
    """Horizontal pairs of bars (agreed grey, received blue) per organisation; rows in pence."""
    left, right, top, bar, gap = 250, 20, 40, 12, 14
    width = 720
    height = top + max(len(rows), 1) * (2 * bar + gap) + 10
    largest = max([max(a, r) for _l, a, r in rows] or [1]) or 1
    length = width - left - right
    parts = [
        format_html('<rect x="{}" y="10" width="12" height="12" fill="{}"/>', left, GREY),
        _text(left + 18, 21, "Agreed"),
        format_html('<rect x="{}" y="10" width="12" height="12" fill="{}"/>', left + 90, BLUE),
        _text(left + 108, 21, "Received"),
    ]
    for i, (label, agreed, received) in enumerate(rows):
        y = top + i * (2 * bar + gap)
        parts.append(_text(left - 8, y + bar + 4, label[:40], "end", 11))
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                left,
                y,
                _n(agreed / largest * length),
                bar,
                GREY,
            )
        )
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                left,
                y + bar,
                _n(received / largest * length),
                bar,
                BLUE,
            )
        )
    desc = "Bar chart of each partner's agreed and received contribution; the table that follows gives the figures."
    return _svg(width, height, ident, title, desc, parts)
