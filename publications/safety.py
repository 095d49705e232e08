"""Nothing from a case record about a child may appear in a published document or on a public page.

Checked through the one identity guard (partnerships/core/identity.py) at its public strength (case
and Panel references count too), and at every step: when a title, summary or narrative is saved,
when a version is assembled (a draft, or sent for sign-off), when it is published, and when a public
page or published PDF is served. Each text field and each table cell is checked on its own, never
joined. The figures are aggregates by construction (publications/figures.py): their cells are still
checked for names and references, but not for dates of birth, since every date in them is one the
product printed from its own records.
"""

from django.core.exceptions import ValidationError

from partnerships.core import identity


class CaseIdentifierFound(ValidationError):
    """Text meant for publication holds something that identifies a child in a case record."""


def check_title_and_summary(partnership, *, title, summary):
    identity.check_fields(partnership, {"title": ("Title", title), "summary": ("Summary", summary)})


def check_narrative(partnership, section_title, text):
    identity.check_fields(partnership, {"text": (section_title, text)})


def _block_findings(guard, where, block):
    kind = block["type"]
    if kind == "paragraph":
        return identity.check_table(guard, where, [[block["text"]]])
    if kind == "list":
        return identity.check_table(guard, where, [[item] for item in block["items"]])
    if kind == "figures":
        return identity.check_table(guard, where, block["items"], header=["label", "figure"])
    if kind == "table":
        label = f"{where}, table {block['caption']}" if block["caption"] else f"{where}, table"
        return identity.check_table(guard, label, [block["headers"], *block["rows"]])
    if kind == "svg":
        return identity.check_table(guard, f"{where}, chart description", [[block["alt"]]])
    return []


def content_findings(content, guard):
    """Messages naming where a document's content holds a child's identifier ([] if nowhere)."""
    people_wrote = {
        "title": ("Title", content.get("title", "")),
        "summary": ("Summary", content.get("summary", "")),
    }
    for section in content.get("sections", ()):
        people_wrote[section["key"]] = (section["title"], section.get("narrative", ""))
    found = [message for _key, message in identity.findings(guard, people_wrote)]
    for section in content.get("sections", ()):
        for block in section.get("blocks", ()):
            found += _block_findings(guard, section["title"], block)
    return found


def check_content(content, partnership, *, guard=None):
    """Refuse a document whose content holds a child's identifier, saying where and what kind."""
    found = content_findings(content, guard or identity.guard_for(partnership))
    if found:
        raise CaseIdentifierFound(found, code="child_identity")


def check_texts(partnership, texts, *, guard=None):
    """Refuse public page text (labels to texts) that holds a child's identifier."""
    guard = guard or identity.guard_for(partnership)
    found = [
        message
        for _key, message in identity.findings(guard, {label: (label, t) for label, t in texts.items()})
    ]
    if found:
        raise CaseIdentifierFound(found, code="child_identity")
