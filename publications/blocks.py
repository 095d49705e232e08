"""The building blocks of an assembled document: plain, JSON-safe dicts of strings.

Figures are turned into text when the document is assembled, so a version's content is a frozen,
comparable record of exactly what was signed and published (and can be diffed line by line).
An SVG block holds markup drawn by this project's chart functions (all user text escaped there).
"""

import datetime
from decimal import Decimal

from django.utils.formats import date_format

DASH = "\u2013"  # printed for a missing value


def text(value):
    """A figure or field as the document prints it."""
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return f"{value:,}"
    return str(value)


def paragraph(value):
    return {"type": "paragraph", "text": text(value)}


def bullets(items):
    return {"type": "list", "items": [text(i) for i in items]}


def key_figures(pairs):
    """A short list of labelled figures, e.g. [("Relevant agencies", 24)]."""
    return {"type": "figures", "items": [[text(label), text(value)] for label, value in pairs]}


def table(headers, rows, *, caption="", numeric=()):
    """A table; `numeric` are the indexes of right-aligned columns."""
    return {
        "type": "table",
        "caption": caption,
        "headers": [text(h) for h in headers],
        "rows": [[text(c) for c in row] for row in rows],
        "numeric": list(numeric),
    }


def svg(markup, *, alt):
    """An SVG chart or diagram drawn on the server; `alt` summarises it for screen readers."""
    return {"type": "svg", "svg": str(markup), "alt": alt}


def block_lines(block):
    """The block as lines of plain text (for diffs and for the case-identifier check)."""
    kind = block["type"]
    if kind == "paragraph":
        return [line for line in block["text"].splitlines() if line.strip()]
    if kind == "list":
        return [f"• {item}" for item in block["items"]]
    if kind == "figures":
        return [f"{label}: {value}" for label, value in block["items"]]
    if kind == "table":
        lines = [block["caption"]] if block["caption"] else []
        lines.append(" | ".join(block["headers"]))
        lines += [" | ".join(row) for row in block["rows"]]
        return lines
    if kind == "svg":
        return [f"[Chart] {block['alt']}"]
    return []
