"""Both documents rendered to PDF: every required section, figures equal to the records, and an
accessible A4 layout (cover, contents with page numbers, running headers, page x of y, SVG)."""

import datetime
import re

import pytest

from partnerships.core.choices import ActionSource
from partnerships.core.services import create_action
from partnerships.deadlines.models import Deadline
from partnerships.deadlines.register import upsert_deadline
from publications import assembly, figures, rendering, sections, services
from publications.choices import PublicationKind
from tests.publications.pdftext import needs_poppler, pdf_info, pdf_text

pytestmark = needs_poppler


def _flat(text):
    return " ".join(text.split())


def test_arrangements_pdf_has_every_required_section_and_the_partnership_records(world):
    version = services.make_draft(world.bu, world.arrangements)
    data = rendering.render_pdf_bytes(version)
    text = _flat(pdf_text(data))
    for section in sections.for_kind(PublicationKind.ARRANGEMENTS):
        if section.required:
            assert section.title in text, section.title
    # the partners and their leads, the areas, agencies and groups, as recorded
    for name in ("Alpha Council", "Alphaford Council", "Alpha ICB", "Alpha Police"):
        assert name in text
    assert "Lead La Tester" in text and "Chief Executive" in text
    assert "Alphaton" in text and "E00000001" in text and "Alphaford" in text
    assert "Alpha Hospital Trust" in text and "Acute trust" in text
    assert "Relevant agencies (1)" in text
    assert "Case Review Group" in text and "Executive" in text
    assert "The partners meet monthly." in text  # narrative
    assert "29 June 2019" in text  # the statutory publication date from the timetable
    assert "Beta" not in text  # nothing of another partnership


def test_arrangements_pdf_is_tagged_a4_with_cover_contents_and_page_numbers(world):
    version = services.make_draft(world.bu, world.arrangements)
    data = rendering.render_pdf_bytes(version)
    info = pdf_info(data)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Alpha safeguarding arrangements"
    assert info["Page size"].startswith("595.")
    pages = int(info["Pages"])
    raw = pdf_text(data)
    page_texts = raw.split("\f")
    assert "Published safeguarding arrangements" in page_texts[0]  # cover
    assert "Page 1" not in page_texts[0]  # no footer on the cover
    assert "Contents" in page_texts[1]
    # contents line: title, leader dots, page number, and that page really holds the heading
    match = re.search(r"Relevant agencies\s*\.+\s*(\d+)", _flat(page_texts[1]))
    assert match, page_texts[1]
    assert "Relevant agencies" in page_texts[int(match.group(1)) - 1]
    assert f"Page 3 of {pages}" in raw
    # running header: the document's title and partnership on inner pages
    assert "Alpha safeguarding arrangements" in page_texts[3]
    assert "Alpha Safeguarding Children Partnership" in page_texts[3]
    # the structure diagram is SVG drawn as vectors: its labels are text in the PDF
    # (sections flow, so the diagram and its table may fall on two pages)
    body = _flat("\f".join(page_texts[2:]))
    structure = body[body.index("Structure of the partnership") :]
    assert structure.count("Case Review Group") >= 2  # diagram + table


@pytest.fixture
def report_records(world):
    """Deadlines, actions and funding inside and outside the report's 12 months."""
    w = world
    start, end = w.yearly.period_start, w.yearly.period_end
    inside = start + datetime.timedelta(days=40)
    for i, (due, met) in enumerate(
        [
            (inside, inside),  # on time
            (inside, inside + datetime.timedelta(days=3)),  # late
            (inside + datetime.timedelta(days=5), None),  # outstanding
            (end + datetime.timedelta(days=5), None),  # after the period
        ]
    ):
        action = create_action(
            w.bu,
            partnership=w.alpha,
            title=f"Report action {i}",
            due_date=due,
            source_kind=ActionSource.MEETING,
            owner=w.officer,
        )
        if met:
            action.status = "done"
            action.completed_on = met
            action.save()
    upsert_deadline(
        source=w.executive,
        kind="rapid_review",
        partnership=w.alpha,
        title="Rapid review",
        due_date=inside,
        rule="15 working days",
        authority="Working Together",
        met_on=inside,
    )
    return start, end


def test_yearly_report_pdf_figures_equal_the_records(world, report_records):
    start, end = report_records
    version = services.make_draft(world.bu, world.yearly)
    text = _flat(pdf_text(rendering.render_pdf_bytes(version)))
    for section in sections.for_kind(PublicationKind.YEARLY_REPORT):
        if section.required:
            assert section.title in text, section.title
    assert "29 September 2019 to 28 September 2020" in text
    # actions: computed independently of the report's own code
    from partnerships.core.models import Action

    due = Action.objects.filter(partnership=world.alpha, due_date__range=(start, end))
    assert due.count() == 3
    assert f"Actions due in the period {due.count()}" in text
    assert f"Done {due.filter(status='done').count()}" in text
    assert "Done by their due date 1" in text
    # deadlines in the register, by kind
    register = Deadline.objects.filter(partnership=world.alpha, is_active=True, due_date__range=(start, end))
    rows = {r.kind: r for r in figures.deadline_timeliness(world.alpha, start, end)}
    action_row = rows["action"]
    assert action_row.due == register.filter(kind="action").count() == 3
    assert (action_row.on_time, action_row.late, action_row.outstanding) == (1, 1, 1)
    assert re.search(rf"{re.escape(action_row.label)} 3 1 1 1 50%", text), text
    assert text.count("Met on time") >= 2  # the SVG chart's legend, drawn as text, and the table


def test_yearly_report_funding_equals_the_funding_records(world):
    from funding.models import Contribution

    w = world
    # The report covers 29 September 2019 to 28 September 2020: 185 days of 2019/20, 181 of 2020/21.
    fy_start = 2019
    for org, pence in ((w.council, 5_000_000), (w.icb, 2_500_000), (w.police, 1_250_000)):
        Contribution.objects.update_or_create(
            partnership=w.alpha, year=fy_start, organisation=org, defaults={"amount_pence": pence}
        )
    version = services.make_draft(w.bu, w.yearly)
    text = _flat(pdf_text(rendering.render_pdf_bytes(version)))
    total = sum(
        Contribution.objects.filter(partnership=w.alpha, year=fy_start).values_list("amount_pence", flat=True)
    )
    assert "Contributions 2019/20" in text and "the financial year that overlaps most" in text
    assert "£50,000" in text and "£25,000" in text and "£12,500" in text
    assert f"Total £{total // 100:,}" in text


def test_required_empty_sections_are_listed_before_sign_off(world):
    version = services.make_draft(world.bu, world.arrangements)
    missing = assembly.missing_sections(version.content)
    assert "Independent scrutiny" in missing
    assert "How the partners work together" not in missing  # written in the builders
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Independent scrutiny"):
        services.send_for_sign_off(world.bu, version)
