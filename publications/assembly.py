"""Assemble a publication from the records and its narrative, and turn the result into HTML or text.

`assemble(publication)` is the only way content reaches a version (and so a public page or a
published PDF): it runs every section's figure builders, adds the narrative, and refuses the result
if any child's identifier appears in it (publications/safety.py).
"""

import difflib

from django.template.loader import render_to_string
from django.utils import timezone

from publications import record, safety, sections
from publications.blocks import block_lines
from publications.choices import PublicationKind
from publications.models import Branding


def context_for(publication):
    return sections.Context(
        partnership=publication.partnership,
        publication=publication,
        period_start=publication.period_start,
        period_end=publication.period_end,
    )


def assemble(publication):
    """The publication's content now: {title, partnership, kind, period, sections: [...]}."""
    ctx = context_for(publication)
    narratives = {n.section_key: n.text for n in publication.narratives.all()}
    out_sections = []
    for section in sections.for_kind(publication.kind):
        built = []
        for builder in section.builders:
            built.extend(builder(ctx) or [])
        narrative = narratives.get(section.key, "").strip()
        out_sections.append(
            {
                "key": section.key,
                "title": section.title,
                "required": section.required,
                "narrative": narrative,
                "blocks": built,
                "empty": not narrative and not built and not section.required,
                "narrative_missing": section.required and not narrative,
            }
        )
    content = {
        "title": publication.title,
        "kind": publication.kind,
        "kind_label": PublicationKind(publication.kind).label,
        "partnership": publication.partnership.name,
        "period": publication.period_label,
        "summary": publication.summary,
        "assembled_on": timezone.localdate().isoformat(),
        "sections": out_sections,
    }
    safety.check_content(content, publication.partnership)
    return content


def missing_sections(content):
    """Titles of required sections that have no narrative: warned about before sign-off."""
    return [s["title"] for s in content["sections"] if s.get("narrative_missing")]


def content_lines(content):
    """The document as plain lines: title, then each section's heading, narrative and figures."""
    lines = [content["title"], content["partnership"]]
    if content.get("period"):
        lines.append(content["period"])
    if content.get("summary"):
        lines.append(content["summary"])
    for section in content["sections"]:
        lines.extend(section_lines(section))
    return lines


def section_lines(section):
    lines = [f"## {section['title']}"]
    lines += [line for line in section["narrative"].splitlines() if line.strip()]
    for block in section["blocks"]:
        lines += block_lines(block)
    return lines


def diff(old, new):
    """A readable difference between two versions' content, section by section.

    [{"title", "status": added|removed|changed, "lines": [(op, text)]}] where op is "+", "-" or " ".
    Unchanged sections are left out; changed ones show two lines of context around each change.
    """
    old_sections = {s["key"]: s for s in old["sections"]}
    new_sections = {s["key"]: s for s in new["sections"]}
    keys = [s["key"] for s in new["sections"]] + [k for k in old_sections if k not in new_sections]
    result = []
    if old["title"] != new["title"]:
        result.append(
            {"title": "Title", "status": "changed", "lines": [("-", old["title"]), ("+", new["title"])]}
        )
    for key in keys:
        a = section_lines(old_sections[key])[1:] if key in old_sections else []
        b = section_lines(new_sections[key])[1:] if key in new_sections else []
        if a == b:
            continue
        title = (new_sections.get(key) or old_sections[key])["title"]
        status = "added" if key not in old_sections else "removed" if key not in new_sections else "changed"
        lines = []
        for group in difflib.SequenceMatcher(None, a, b).get_grouped_opcodes(2):
            if lines:
                lines.append(("…", ""))
            for tag, i1, i2, j1, j2 in group:
                if tag == "equal":
                    lines += [(" ", line) for line in a[i1:i2]]
                if tag in ("replace", "delete"):
                    lines += [("-", line) for line in a[i1:i2]]
                if tag in ("replace", "insert"):
                    lines += [("+", line) for line in b[j1:j2]]
        result.append({"title": title, "status": status, "lines": lines})
    return result


def display_content(content):
    """The content with each section's narrative split into paragraphs, for templates."""
    shown = dict(content)
    shown["sections"] = [
        {**s, "narrative_paragraphs": [p.strip() for p in s["narrative"].split("\n\n") if p.strip()]}
        for s in content["sections"]
    ]
    return shown


def document_html(version, *, template="publications/document.html", extra=None):
    """The whole document as HTML (the PDF's source, or the body of a public page).

    The last line of defence: nothing leaves here with a case identifier in it.
    """
    partnership = version.publication.partnership
    branding = Branding.objects.filter(partnership=partnership).first()
    facts = record.document_record(version)
    html = render_to_string(
        template,
        {
            "content": display_content(version.content),
            "version": version,
            # The cover prints the first publication date; a correction's date is in the record.
            "published_on": facts["published_on"] if facts else None,
            "record": facts,
            "logo_url": branding.logo_data_uri() if branding else None,
            "logo_alt": branding.logo_alt if branding else "",
            "contact_line": branding.contact_line if branding else "",
            **(extra or {}),
        },
    )
    safety.check_content(version.content, partnership)
    safety.check_texts(
        partnership,
        {
            "Contact line": branding.contact_line if branding else "",
            "What this version corrects": version.correction_note,
        },
    )
    return html
