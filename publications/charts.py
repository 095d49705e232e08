"""SVG drawn on the server for published documents: the group structure and timeliness charts.

No JavaScript; WeasyPrint draws SVG into the PDF as vectors. Every chart has a <title> and a <desc>
that states its figures (the PDF's alternative text is built from them: partnerships/core/pdf.py), and
the same figures are printed in a table beside it (WCAG 2.2, 1.1.1). Labels wrap rather than being
cut. All user text is escaped by format_html. Colours: GOV.UK blue, dark grey and a hatched pattern, so no series is told
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


def _text_width(value, size):
    """Roughly how wide Liberation Sans sets `value` at `size` (an average glyph is 0.55 em)."""
    return len(str(value)) * size * 0.55


def _wrap(label, limit, max_lines=3):
    """`label` in lines of at most `limit` characters, broken between words; a word longer than a
    line is cut, and text beyond `max_lines` ends in an ellipsis (the full label is in the table)."""
    words, lines, line = str(label).split(), [], ""
    for word in words:
        while len(word) > limit:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:limit])
            word = word[limit:]
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: limit - 1] + "…"]
    return lines or [""]


def _label(x, y_middle, label, limit, size=11):
    """A right-aligned label of one to three lines, centred on `y_middle`."""
    lines = _wrap(label, limit)
    step = size + 2
    first = y_middle + size * 0.35 - (len(lines) - 1) * step / 2
    return [_text(x, first + i * step, line, "end", size) for i, line in enumerate(lines)]


def _legend(x, items):
    parts = []
    for label, fill in items:
        parts.append(
            format_html(
                '<rect x="{}" y="10" width="12" height="12" fill="{}" stroke="{}"/>', _n(x), fill, GREY
            )
        )
        parts.append(_text(x + 18, 21, label))
        x += 18 + _text_width(label, 12) + 24
    return parts


def _pounds(pence):
    pounds, pennies = divmod(int(pence or 0), 100)
    return f"£{pounds:,}" if not pennies else f"£{pounds:,}.{pennies:02d}"


def structure_diagram(rows, *, title):
    """The groups as a tree, one row of boxes per level. `rows`: [(GroupRow, depth)] depth-first."""
    box_w, box_h, gap_x, gap_y, margin = 150, 52, 14, 36, 10
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
        lines = _wrap(row.name, 23)
        for j, line in enumerate(lines):
            parts.append(
                _text(
                    x + box_w / 2,
                    y + box_h / 2 + 4 + (j - (len(lines) - 1) / 2) * 13,
                    line,
                    "middle",
                    11,
                    "bold",
                )
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


LABEL_LIMIT = 40  # characters of a bar's label per line: 240 units at 11 units a glyph of 0.55 em


def timeliness_chart(rows, *, title):
    """Horizontal stacked bars per deadline kind: met on time (blue), late (grey), outstanding (hatched).
    `rows`: [(label, on_time, late, outstanding)]. Labels wrap onto up to three lines; the <desc>
    gives every figure, so the chart's alternative text says what it shows."""
    left, right, top, gap = 250, 50, 40, 10
    width = 720
    heights = [max(16, 13 * len(_wrap(r[0], LABEL_LIMIT)) + 3) for r in rows]
    height = top + sum(h + gap for h in heights) + 10 if rows else top + 36
    largest = max([sum(r[1:]) for r in rows] or [1]) or 1
    length = width - left - right
    hatch = "url(#timeliness-hatch)"
    parts = _legend(left, (("Met on time", BLUE), ("Met late", GREY), ("Outstanding", hatch)))
    y = top
    for (label, on_time, late, outstanding), row_height in zip(rows, heights, strict=True):
        bar = 16
        bar_y = y + (row_height - bar) / 2
        parts += _label(left - 8, y + row_height / 2, label, LABEL_LIMIT)
        x = left
        for value, fill in ((on_time, BLUE), (late, GREY), (outstanding, hatch)):
            w = value / largest * length
            if w:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="0.5"/>',
                        _n(x),
                        _n(bar_y),
                        _n(w),
                        bar,
                        fill,
                        GREY,
                    )
                )
            x += w
        parts.append(_text(x + 4, bar_y + bar - 3, str(on_time + late + outstanding), "start", 11))
        y += row_height + gap
    desc = "Deadlines due in the period by kind: " + (
        "; ".join(
            f"{label}: {on_time} met on time, {late} met late, {outstanding} outstanding"
            for label, on_time, late, outstanding in rows
        )
        or "none"
    )
    return _svg(width, height, "timeliness", title, desc + ".", parts)


def money_bars(rows, *, title, ident="money"):
    """Horizontal pairs of bars (agreed grey, received blue) per organisation; rows in pence. The
    <desc> gives each partner's two amounts."""
    left, right, top, bar, gap = 250, 20, 40, 12, 14
    width = 720
    heights = [max(2 * bar, 13 * len(_wrap(r[0], LABEL_LIMIT)) + 3) for r in rows]
    height = top + sum(h + gap for h in heights) + 10 if rows else top + 36
    largest = max([max(a, r) for _l, a, r in rows] or [1]) or 1
    length = width - left - right
    parts = _legend(left, (("Agreed", GREY), ("Received", BLUE)))
    y = top
    for (label, agreed, received), row_height in zip(rows, heights, strict=True):
        bar_y = y + (row_height - 2 * bar) / 2
        parts += _label(left - 8, y + row_height / 2, label, LABEL_LIMIT)
        for offset, value, fill in ((0, agreed, GREY), (bar, received, BLUE)):
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    left,
                    _n(bar_y + offset),
                    _n(value / largest * length),
                    bar,
                    fill,
                )
            )
        y += row_height + gap
    desc = "Each partner's contribution, agreed and received: " + (
        "; ".join(f"{label}: agreed {_pounds(a)}, received {_pounds(r)}" for label, a, r in rows) or "none"
    )
    return _svg(width, height, ident, title, desc + ".", parts)
