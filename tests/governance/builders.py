"""Governance records in the test world, for alpha and beta so isolation is really tested."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partnerships.assurance import services as assurance_services
from partnerships.assurance.choices import ChallengeStepKind, ScrutinyKind
from partnerships.assurance.models import Challenge, ScrutinyActivity, ScrutinyFinding
from partnerships.core.choices import PaperKind
from partnerships.governance import services as gs
from partnerships.governance.choices import AttendanceStatus, PriorityRAG
from partnerships.governance.models import Objective, Priority, Risk

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ooxml_bytes(kind="docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def odt_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def add_governance(w, partnership, group, actor, org, *, person):
    g = {}
    g["meeting"] = gs.create_meeting(
        actor,
        partnership=partnership,
        group=group,
        starts_at=at(datetime.date(2030, 3, 1)),
        location="Town Hall",
    )
    g["item"] = gs.add_agenda_item(actor, g["meeting"], title="Budget update", presenter=person)
    g["attendance"] = gs.record_attendance(
        actor, g["meeting"], person=person, organisation=org, status=AttendanceStatus.PRESENT
    )
    g["paper"] = gs.upload_paper(
        actor,
        g["meeting"],
        upload=SimpleUploadedFile("budget.pdf", PDF_BYTES),
        kind=PaperKind.PDF,
        title="Budget paper",
        agenda_item=g["item"],
    )
    g["decision"] = gs.record_decision(
        actor,
        partnership=partnership,
        meeting=g["meeting"],
        title="Agree the budget",
        text="The budget was agreed.",
        decided_on=datetime.date(2030, 3, 1),
    )
    g["meeting_action"] = gs.record_meeting_action(
        actor, g["meeting"], title="Circulate the budget", due_date=datetime.date(2030, 4, 1)
    )
    g["priority"] = Priority.objects.create(
        partnership=partnership,
        year=2019,
        title="Adolescents at risk and who present a risk",
        lead_group=group,
    )
    g["objective"] = Objective.objects.create(
        priority=g["priority"], title="A contextual safeguarding approach"
    )
    g["update"] = gs.report_progress(
        actor,
        g["priority"],
        rag=PriorityRAG.AMBER,
        summary="Started.",
        reported_on=datetime.date(2019, 10, 1),
    )
    g["risk"] = gs.create_risk(
        actor,
        Risk(partnership=partnership, title="Partners may not commit resources", likelihood=3, impact=3),
    )
    g["activity"] = ScrutinyActivity.objects.create(
        partnership=partnership,
        kind=ScrutinyKind.OBSERVATION,
        title="Observation of the executive",
        carried_out_on=datetime.date(2019, 11, 1),
        meeting=g["meeting"],
    )
    g["finding"] = ScrutinyFinding.objects.create(
        activity=g["activity"], finding="Papers arrive late.", recommendation="Send papers a week ahead."
    )
    g["challenge"] = Challenge.objects.create(
        partnership=partnership,
        subject="Late papers",
        detail="Why are papers late?",
        raised_on=datetime.date(2019, 11, 2),
        raised_by_name="Independent scrutineer",
        finding=g["finding"],
    )
    assurance_services.add_challenge_step(
        actor,
        g["challenge"],
        kind=ChallengeStepKind.NOTE,
        text="Raised at the executive.",
        on=datetime.date(2019, 11, 3),
    )
    return g


def extend_world(w):
    alpha = add_governance(w, w.alpha, w.executive, w.bu, w.council, person=w.lead_la)
    beta = add_governance(w, w.beta, w.beta_group, w.outsider, w.beta_council, person=w.outsider)
    w.gov = alpha
    w.beta_gov = beta
    # Section 11: alpha's own cycle first (so the matrices' first alpha return is alpha-only).
    w.cycle = assurance_services.open_cycle(
        w.bu,
        partnership=w.alpha,
        title="Section 11 audit 2019-21",
        opens_on=datetime.date(2019, 9, 1),
        due_on=datetime.date(2019, 12, 1),
    )
    w.council_return = w.cycle.returns.get(organisation=w.council)
    w.hospital_return = w.cycle.returns.get(organisation=w.hospital)
    w.beta_cycle = assurance_services.open_cycle(
        w.outsider,
        partnership=w.beta,
        title="Beta Section 11 audit",
        opens_on=datetime.date(2019, 9, 1),
        due_on=datetime.date(2019, 12, 1),
    )
    w.url_kwargs.update(
        {
            "assurance:agency_return_edit": {"pk": w.hospital_return.pk},
        }
    )
