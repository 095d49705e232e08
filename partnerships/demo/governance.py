"""Demo governance records for each demo partnership, from the council papers.

- BHR (Havering Cabinet paper, 12 June 2019, section 4): the 2019/20 priorities: adolescents at
  risk and who present a risk (gangs and knife crime; contextual safeguarding), independent
  scrutiny (a menu of scrutiny processes; voice of the child), common processes and approaches (a
  short outcomes dataset); scrutiny by observation, review of minutes and engagement with children,
  young people and families (3.1).
- Somerset (Cabinet paper, March 2019, risk section): partners may not commit resources, and the
  merger with the Children's Trust may dilute the focus on child protection: likelihood 3, impact 3,
  score 9.
- Every partnership: executive meetings (one held, minutes approved at the next), an action carried
  forward, a decision, a challenge, and a joint Section 11 cycle, so cross-boundary agencies
  (Cafcass, the National Probation Service) answer once for all four partnerships.

Idempotent: rows are found by natural keys and only created or changed when they differ.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from partnerships.assurance import services as assurance_services
from partnerships.assurance.choices import (
    ChallengeStatus,
    ChallengeStepKind,
    FindingStatus,
    InvitationStatus,
    ReturnStatus,
    ScrutinyKind,
)
from partnerships.assurance.models import (
    AgencyReturn,
    AssuranceCycle,
    AssuranceStandard,
    Challenge,
    ChallengeStep,
    CycleInvitation,
    ScrutinyActivity,
    ScrutinyFinding,
)
from partnerships.core.choices import GroupKind, PaperKind
from partnerships.core.models import Action, Group, Partnership
from partnerships.demo.utils import ensure
from partnerships.governance import services as gs
from partnerships.governance.choices import AttendanceStatus, MeetingStatus, MinutesStatus, PriorityRAG
from partnerships.governance.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Objective,
    Paper,
    Priority,
    ProgressUpdate,
    Risk,
    RiskAssessment,
)

DEMO_PDF = b"%PDF-1.4\n% demo paper\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# (year, title, description, lead group, [(objective, measure)], [(date, rag, summary)])
BHR_PRIORITIES = [
    (
        2019,
        "Adolescents both at risk and who present a risk",
        "Gang membership and knife crime, where borough boundaries are irrelevant for perpetrators and "
        "victims (Havering paper 4.1).",
        "Adolescents at Risk Task and Finish Group",
        [
            (
                "Agree a BHR response to gang membership and knife crime",
                "A shared protocol adopted by all three boroughs.",
            ),
            (
                "Develop a contextual safeguarding approach across BHR",
                "Contextual safeguarding conferences held in each borough.",
            ),
        ],
        [
            (
                datetime.date(2019, 10, 15),
                PriorityRAG.AMBER,
                "Task and finish group formed; protocol in draft.",
            ),
            (datetime.date(2020, 1, 20), PriorityRAG.GREEN, "Protocol agreed by the Leadership Group."),
        ],
    ),
    (
        2019,
        "Independent scrutiny",
        "A menu of scrutiny processes so the partners can be assured that added value is delivered "
        "(Havering paper 4.2).",
        "Safeguarding Leadership Group",
        [
            (
                "Involve children, young people and families in system challenge",
                "Two engagement events a year.",
            ),
            (
                "Capture the voice of the child in scrutiny",
                "Every scrutiny report includes children's views.",
            ),
        ],
        [
            (
                datetime.date(2019, 12, 1),
                PriorityRAG.AMBER,
                "Independent person commissioned; plan due in spring.",
            )
        ],
    ),
    (
        2019,
        "Common processes and approaches",
        "Shared processes across BHR, including a short multi-agency dataset on outcomes (Havering paper 4.3).",
        "Common Processes Task and Finish Group",
        [
            (
                "Establish a short, outcome-focused dataset",
                "Dataset reported quarterly to the Leadership Group.",
            )
        ],
        [
            (
                datetime.date(2019, 11, 5),
                PriorityRAG.RED,
                "Data-sharing agreement not yet signed by all partners.",
            )
        ],
    ),
]

OTHER_PRIORITIES = {
    "coventry": ("Neglect", "Executive Group", "Neglect identified earlier by all agencies."),
    "somerset": (
        "Think Family",
        "Executive",
        "A 'Think Family' approach across children's and adults' services.",
    ),
    "leeds": ("Child exploitation", None, "A city-wide response to child criminal and sexual exploitation."),
}

# (partnership, reference, title, controls, likelihood, impact, history [(date, l, i, note)])
RISKS = [
    (
        "somerset",
        "R1",
        "Other statutory partners (relevant authorities) may not commit resources to the partnership",
        "Discussions ongoing with each relevant agency; monthly monitoring by the governance group.",
        3,
        3,
        [],
    ),
    (
        "somerset",
        "R2",
        "Merging Children's Trust and safeguarding functions may dilute the focus on core child protection",
        "Increased scrutiny of front-line practice; a framework for accountability and independent challenge.",
        3,
        3,
        [],
    ),
    (
        "coventry",
        "R1",
        "Partner contributions fall short of the agreed budget",
        "Funding agreement signed by the three partners; reserves held.",
        2,
        4,
        [(datetime.date(2019, 4, 1), 3, 4, "Before the funding agreement was signed.")],
    ),
    (
        "bhr",
        "R1",
        "Local priorities lost in a tri-borough footprint",
        "Local partnership groups in each borough chaired by the DCS.",
        2,
        3,
        [],
    ),
    ("leeds", "R1", "Capacity of the business unit", "Shared posts with the adults board.", 3, 2, []),
]


def _aware(day, hour=14):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _executive(partnership):
    return Group.objects.filter(partnership=partnership, kind=GroupKind.EXECUTIVE).order_by("pk").first()


def _meetings(partnership, people):
    group = _executive(partnership)
    manager = people.get(f"{partnership.slug}-manager")
    if group is None or manager is None:
        return
    held = ensure(
        Meeting,
        {"partnership": partnership, "group": group, "starts_at": _aware(datetime.date(2019, 10, 10))},
        location="Council House, Committee Room 1",
        status=MeetingStatus.HELD,
    )
    following = ensure(
        Meeting,
        {"partnership": partnership, "group": group, "starts_at": _aware(datetime.date(2020, 1, 16))},
        location="",
        is_online=True,
        status=MeetingStatus.HELD,
    )
    upcoming = ensure(
        Meeting,
        {"partnership": partnership, "group": group, "starts_at": _aware(datetime.date(2030, 4, 16))},
        location="Council House, Committee Room 1",
        status=MeetingStatus.SCHEDULED,
    )
    for position, title in enumerate(["Welcome and apologies", "Yearly report", "Budget monitoring"], 1):
        for meeting in (held, following, upcoming):
            ensure(AgendaItem, {"meeting": meeting, "title": title}, position=position)
    partners = list(partnership.safeguarding_partners.select_related("organisation", "lead_representative"))
    for index, partner in enumerate(partners):
        if partner.lead_representative is None:
            continue
        # At the first meeting the police lead sent a deputy; at the second one partner gave apologies,
        # so that meeting was not quorate.
        for meeting, status in (
            (held, AttendanceStatus.DEPUTY if index == len(partners) - 1 else AttendanceStatus.PRESENT),
            (following, AttendanceStatus.APOLOGIES if index == 0 else AttendanceStatus.PRESENT),
        ):
            ensure(
                Attendance,
                {"meeting": meeting, "person": partner.lead_representative},
                organisation=partner.organisation,
                status=status,
                deputy_name="Detective Superintendent (deputy)" if status == AttendanceStatus.DEPUTY else "",
            )
    ensure(
        Meeting,
        {"pk": held.pk},
        minutes="The group received the draft yearly report and agreed the budget monitoring format.",
        minutes_status=MinutesStatus.APPROVED,
        minutes_approved_at=following,
        minutes_approved_on=datetime.date(2020, 1, 16),
    )
    ensure(
        Meeting,
        {"pk": following.pk},
        minutes="Minutes of 10 October approved. Matters arising reviewed.",
        minutes_status=MinutesStatus.DRAFT,
    )
    ensure(
        Decision,
        {"partnership": partnership, "title": "Yearly report approved for publication"},
        meeting=held,
        text="The partners approved the yearly report for publication, subject to final proofing.",
        decided_on=datetime.date(2019, 10, 10),
        reference="D1",
    )
    action = Action.objects.filter(
        partnership=partnership, title="Circulate the budget monitoring format"
    ).first()
    if action is None:
        action = gs.record_meeting_action(
            manager,
            held,
            title="Circulate the budget monitoring format",
            due_date=datetime.date(2030, 3, 31),
            owner=manager,
            owner_organisation=manager.organisation,
        )
    gs.carry_forward_actions(manager, upcoming)
    if not Paper.objects.filter(meeting=held, title="Draft yearly report").exists():
        paper = Paper(
            partnership=partnership,
            meeting=held,
            title="Draft yearly report",
            file_kind=PaperKind.PDF,
            size_bytes=len(DEMO_PDF),
            original_name="draft-yearly-report.pdf",
            uploaded_by=manager,
        )
        paper.file.save("draft-yearly-report.pdf", ContentFile(DEMO_PDF), save=False)
        paper.save()


def _priorities(partnership, people):
    manager = people.get(f"{partnership.slug}-manager")
    if partnership.slug == "bhr":
        specs = BHR_PRIORITIES
    elif partnership.slug in OTHER_PRIORITIES:
        title, lead, description = OTHER_PRIORITIES[partnership.slug]
        specs = [(2019, title, description, lead, [(description, "Reported each quarter.")], [])]
    else:
        return
    for position, (year, title, description, lead, objectives, updates) in enumerate(specs, 1):
        lead_group = Group.objects.filter(partnership=partnership, name=lead).first() if lead else None
        priority = ensure(
            Priority,
            {"partnership": partnership, "year": year, "title": title},
            description=description,
            lead_group=lead_group or _executive(partnership),
            position=position,
        )
        for number, (objective, measure) in enumerate(objectives, 1):
            ensure(Objective, {"priority": priority, "title": objective}, measure=measure, position=number)
        for day, rag, summary in updates:
            ensure(
                ProgressUpdate,
                {"priority": priority, "reported_on": day},
                rag=rag,
                summary=summary,
                author=manager,
            )


def _risks(partnership, people):
    manager = people.get(f"{partnership.slug}-manager")
    for slug, reference, title, controls, likelihood, impact, history in RISKS:
        if slug != partnership.slug:
            continue
        risk = ensure(
            Risk,
            {"partnership": partnership, "reference": reference},
            title=title,
            controls=controls,
            likelihood=likelihood,
            impact=impact,
            owner=manager,
            owner_organisation=manager.organisation if manager else None,
            review_date=datetime.date(2030, 6, 30),
        )
        for day, old_l, old_i, note in [
            *history,
            (datetime.date(2019, 9, 30), likelihood, impact, "Current score."),
        ]:
            ensure(
                RiskAssessment,
                {"risk": risk, "assessed_on": day},
                likelihood=old_l,
                impact=old_i,
                score=old_l * old_i,
                note=note,
                author=manager,
            )


def _scrutiny(partnership, people):
    scrutineer = people.get(f"{partnership.slug}-scrutineer")
    manager = people.get(f"{partnership.slug}-manager")
    meeting = Meeting.objects.filter(partnership=partnership, minutes_status=MinutesStatus.APPROVED).first()
    activities = [
        (
            ScrutinyKind.OBSERVATION,
            "Observation of the executive's October meeting",
            datetime.date(2019, 10, 10),
        ),
        (ScrutinyKind.MINUTES_REVIEW, "Review of the executive's minutes, 2019", datetime.date(2019, 12, 2)),
    ]
    if partnership.slug == "bhr":
        activities.append(
            (
                ScrutinyKind.ENGAGEMENT,
                "Conversations with young people about feeling safe",
                datetime.date(2019, 11, 20),
            )
        )
    for kind, title, day in activities:
        activity = ensure(
            ScrutinyActivity,
            {"partnership": partnership, "title": title},
            kind=kind,
            carried_out_on=day,
            scrutineer=scrutineer,
            meeting=meeting if kind != ScrutinyKind.ENGAGEMENT else None,
            summary="The independent scrutineer's notes were shared with the partners.",
        )
        if kind == ScrutinyKind.OBSERVATION:
            finding = ensure(
                ScrutinyFinding,
                {"activity": activity, "reference": "F1"},
                finding="Papers reached members two days before the meeting, too late to consult their agencies.",
                recommendation="Send papers at least five working days before each meeting.",
                status=FindingStatus.ACCEPTED,
                response="Accepted: the business unit will publish a papers timetable.",
                responded_on=datetime.date(2019, 11, 1),
                response_by=manager,
            )
            challenge = ensure(
                Challenge,
                {"partnership": partnership, "reference": "C1"},
                subject="Timeliness of papers",
                detail="How will the partners make sure papers arrive in time to be read?",
                raised_on=datetime.date(2019, 10, 14),
                raised_by_name="Independent scrutineer",
                finding=finding,
                status=ChallengeStatus.CLOSED,
                outcome="Papers timetable adopted; last three meetings had papers a week ahead.",
                closed_on=datetime.date(2020, 1, 16),
            )
            for on, step_kind, text in (
                (
                    datetime.date(2019, 11, 1),
                    ChallengeStepKind.RESPONSE,
                    "Business unit to publish a papers timetable.",
                ),
                (datetime.date(2020, 1, 16), ChallengeStepKind.CLOSURE, challenge.outcome),
            ):
                if manager is not None:
                    ensure(
                        ChallengeStep,
                        {"challenge": challenge, "kind": step_kind},
                        text=text,
                        on=on,
                        author=manager,
                    )


SECTION11_TITLE = "Joint Section 11 self-assessment"


def _section11(people):
    """BHR leads a joint cycle open now (not dated years ahead); Coventry accepts BHR's invitation
    through the same services as the pages; Somerset's invitation waits for an answer."""
    by_slug = {p.slug: p for p in Partnership.objects.filter(slug__in=["coventry", "somerset", "bhr"])}
    lead, manager = by_slug.get("bhr"), people.get("bhr-manager")
    if lead is None or manager is None:
        return
    cycle = AssuranceCycle.objects.filter(partnership=lead, title=SECTION11_TITLE).first()
    if cycle is None:
        today = timezone.localdate()
        cycle = assurance_services.open_cycle(
            manager,
            partnership=lead,
            title=SECTION11_TITLE,
            opens_on=today - datetime.timedelta(days=42),
            due_on=today + datetime.timedelta(days=28),
            partnerships=[p for slug, p in by_slug.items() if slug != "bhr"],
        )
    coventry = by_slug.get("coventry")
    invitation = CycleInvitation.objects.filter(cycle=cycle, partnership=coventry).first()
    if invitation is not None and invitation.status == InvitationStatus.INVITED:
        assurance_services.answer_invitation(people.get("coventry-manager"), invitation, accept=True)
    # The National Probation Service works with both: one return, seen by each, moderated by each.
    probation = AgencyReturn.objects.filter(
        cycle=cycle, organisation__name="National Probation Service"
    ).first()
    if probation is None or probation.status != ReturnStatus.NOT_STARTED:
        return
    standards = list(AssuranceStandard.objects.filter(cycle=cycle))
    evidence = "Policy, training records and audit results held by the safeguarding lead."
    assurance_services.save_self_assessment(
        None, probation, {s.pk: (3 if s.number % 3 else 2, evidence, "") for s in standards}
    )
    assurance_services.submit_return(None, probation)
    for partnership, username in ((lead, "bhr-manager"), (coventry, "coventry-manager")):
        if partnership is None or people.get(username) is None:
            continue
        assurance_services.moderate_return(
            people[username],
            probation,
            partnership,
            {
                s.pk: (
                    1 if s.number in (3, 6) else (3 if s.number % 3 else 2),
                    "Evidence of impact was thin." if s.number in (3, 6) else "",
                )
                for s in standards
            },
        )


def load(people):
    for partnership in Partnership.objects.filter(slug__in=["coventry", "somerset", "bhr", "leeds"]):
        _meetings(partnership, people)
        _priorities(partnership, people)
        _risks(partnership, people)
        _scrutiny(partnership, people)
    _section11(people)
