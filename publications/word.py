"""A version as a Word document (.docx), built with python-docx from the same assembled content as
its PDF and public page (version.content), for partners who edit or re-publish in Word.

Accessible as Word's checker asks: the title and section titles are real heading styles (so the
navigation pane and a screen reader list them), every table has a header row marked to repeat on each
page and a title (its caption) as alt text, rows do not split across pages, a chart is given as its
text alternative (what it shows, with the figures), and the document's language is British English.
Like the PDF, nothing leaves here with a case identifier in it (publications/safety.py).
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from partnerships.core.pdf import chart_alternative
from publications import blocks, safety
from publications.assembly import display_content
from publications.models import Branding

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE = "en-GB"


def filename(version):
    return f"{version.publication.partnership.slug}-{version.publication.pk}-v{version.number}.docx"


def document_docx(version):
    """The version as .docx bytes: cover lines, then each section's heading, narrative and blocks."""
    partnership = version.publication.partnership
    branding = Branding.objects.filter(partnership=partnership).first()
    contact_line = branding.contact_line if branding else ""
    safety.check_content(version.content, partnership)
    safety.check_texts(partnership, {"Contact line": contact_line})
    content = display_content(version.content)

    doc = Document()
    _set_language(doc)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title = content["title"]
    props.author = content["partnership"]
    props.subject = content["kind_label"] + (f", {content['period']}" if content.get("period") else "")
    props.language = LANGUAGE

    doc.add_heading(content["title"], level=0)
    doc.add_paragraph(content["kind_label"])
    doc.add_paragraph(content["partnership"])
    if content.get("period"):
        doc.add_paragraph(f"Period covered: {content['period']}")
    if version.published_on:
        doc.add_paragraph(f"Published {blocks.text(version.published_on)}")
    else:
        doc.add_paragraph(f"Version {version.number}: {version.get_status_display().lower()}, not published")
    if content.get("summary"):
        doc.add_paragraph(content["summary"])
    if contact_line:
        doc.add_paragraph(contact_line)

    for section in content["sections"]:
        if section["empty"]:
            continue
        doc.add_heading(section["title"], level=1)
        if section["narrative_missing"] and not section["blocks"]:
            doc.add_paragraph("This section has not been written yet.")
        for paragraph in section["narrative_paragraphs"]:
            _text_paragraph(doc, paragraph)
        for block in section["blocks"]:
            _block(doc, block)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _block(doc, block):
    kind = block["type"]
    if kind == "paragraph":
        _text_paragraph(doc, block["text"])
    elif kind == "list":
        for item in block["items"]:
            doc.add_paragraph(item, style="List Bullet")
    elif kind == "figures":
        _table(doc, ["Measure", "Figure"], block["items"], caption="", numeric=())
    elif kind == "table":
        _table(doc, block["headers"], block["rows"], caption=block["caption"], numeric=block["numeric"])
    elif kind == "svg":
        # The picture adds nothing a reader of the text lacks: its alternative states the figures.
        doc.add_paragraph(f"Chart: {chart_alternative(block['svg'], block['alt'])}")


def _text_paragraph(doc, text):
    paragraph = doc.add_paragraph()
    for i, line in enumerate(text.splitlines()):
        if i:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def _table(doc, headers, rows, *, caption, numeric):
    if caption:
        heading = doc.add_paragraph(caption, style="Caption")
        heading.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    _mark_header_row(table.rows[0])
    for i, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        _cell(cell, text, bold=True, right=i in numeric)
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            _cell(cell, text, bold=i == 0, right=i in numeric)
    for row in table.rows:
        _append(row._tr.get_or_add_trPr(), "w:cantSplit")
    tbl_pr = table._tbl.tblPr
    if caption:
        _append(tbl_pr, "w:tblCaption", caption)
    doc.add_paragraph()


def _cell(cell, text, *, bold, right):
    paragraph = cell.paragraphs[0]
    paragraph.add_run(str(text)).bold = bold
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _mark_header_row(row):
    """Word repeats a row marked <w:tblHeader/> at the top of each page; screen readers read it as
    the column headers."""
    _append(row._tr.get_or_add_trPr(), "w:tblHeader")


def _append(parent, tag, value="true"):
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    parent.append(element)
    return element


def _set_language(doc):
    """British English on the default run properties, so Word's proofing and screen readers use it."""
    r_pr = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = r_pr.find(qn("w:rPrDefault")).find(qn("w:rPr")) if r_pr is not None else None
    if r_pr is None:
        r_pr = doc.styles["Normal"].element.get_or_add_rPr()
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
