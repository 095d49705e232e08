"""Demo data of learning and impact: for each paper's partnership, a learning briefing sent
to its agencies, a multi-agency course with sessions, bookings and evaluations, a young people's
engagement activity with "you said, we did", and a short dataset of outcome indicators.

The organisations are the papers'; every figure, person and finding here is invented for the demo,
and each indicator is marked `is_demo` so pages label it "Demo data". Idempotent (demo_utils.ensure).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from partnerships.core.choices import OrganisationKind, RoleKind
from partnerships.core.models import Partnership, RelevantAgency, Role, SafeguardingPartner
from partnerships.demo.utils import ensure, ensure_m2m
from partnerships.governance.models import Priority
from partnerships.learning.models import (
    BookingStatus,
    BriefingRecipient,
    BriefingStatus,
    ChangeStatus,
    EngagementActivity,
    EngagementKind,
    FindingSource,
    Frequency,
    Indicator,
    IndicatorValue,
    LearningBriefing,
    Polarity,
    SessionStatus,
    TrainingBooking,
    TrainingCourse,
    TrainingSession,
    Unit,
    YouSaidWeDid,
)

D = datetime.date
QUARTERS = [D(2024, 4, 1), D(2024, 7, 1), D(2024, 10, 1), D(2025, 1, 1), D(2025, 4, 1), D(2025, 7, 1)]

# (code, name, definition, unit, polarity, target, tolerance, source sector, breakdown, base, step)
DATASET = [
    (
        "referrals",
        "Referrals to children's social care",
        "Referrals accepted by children's social care in the quarter, per 10,000 children.",
        Unit.RATE_10K,
        Polarity.NEUTRAL,
        None,
        "0",
        "la",
        True,
        "118",
        "3.5",
    ),
    (
        "re-referrals",
        "Re-referrals within 12 months",
        "Referrals in the quarter about a child referred in the previous 12 months, as a percentage of all "
        "referrals.",
        Unit.PERCENT,
        Polarity.LOWER,
        "20",
        "2",
        "la",
        True,
        "24.5",
        "-0.9",
    ),
    (
        "cp-plans",
        "Children subject to a child protection plan",
        "Children subject to a child protection plan on the last day of the quarter, per 10,000 children.",
        Unit.RATE_10K,
        Polarity.NEUTRAL,
        None,
        "0",
        "la",
        False,
        "44",
        "-0.6",
    ),
    (
        "missing-episodes",
        "Children missing from home or care",
        "Children reported missing from home or care at least once in the quarter.",
        Unit.COUNT,
        Polarity.LOWER,
        "150",
        "15",
        "police",
        False,
        "172",
        "-4",
    ),
    (
        "exploitation-flags",
        "Children flagged at risk of exploitation",
        "Children with an open child exploitation flag on police systems at the end of the quarter.",
        Unit.COUNT,
        Polarity.NEUTRAL,
        None,
        "0",
        "police",
        False,
        "61",
        "2",
    ),
    (
        "ihas-on-time",
        "Initial health assessments within 20 working days",
        "Children coming into care whose initial health assessment was done within 20 working days.",
        Unit.PERCENT,
        Polarity.HIGHER,
        "90",
        "5",
        "health",
        False,
        "71",
        "3",
    ),
]

SECTOR_KINDS = {
    "la": {OrganisationKind.LOCAL_AUTHORITY},
    "police": {OrganisationKind.POLICE},
    "health": {OrganisationKind.CCG, OrganisationKind.ICB},
}


def _at(day, hour=9, minute=30):
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone()
    )


def load(people=None):
    for partnership in Partnership.objects.order_by("slug"):
        _load_partnership(partnership)


def _load_partnership(p):
    partners = list(SafeguardingPartner.objects.filter(partnership=p).select_related("organisation"))
    if not partners:
        return
    by_sector = {}
    for partner in partners:
        for sector, kinds in SECTOR_KINDS.items():
            if partner.organisation.kind in kinds:
                by_sector.setdefault(sector, partner.organisation)
    la = by_sector.get("la", partners[0].organisation)
    agencies = [
        a.organisation for a in RelevantAgency.objects.filter(partnership=p).select_related("organisation")
    ]
    orgs = [partner.organisation for partner in partners] + agencies
    contributor_orgs = [
        r.organisation
        for r in Role.objects.filter(
            partnership=p, kind=RoleKind.AGENCY_CONTRIBUTOR, organisation__isnull=False
        )
        .select_related("organisation")
        .order_by("pk")
    ]

    # A learning briefing from a (demo) rapid review, sent to every partner and agency.
    briefing = ensure(
        LearningBriefing,
        {"partnership": p, "title": "Non-mobile babies: bruising and injuries"},
        source_kind=FindingSource.REVIEW,
        source_label="Rapid review (demo): Child A, 2024",
        background="Bruising in a baby who is not yet mobile is rare and can be a sign of abuse. "
        "(Demo briefing: the finding is invented.)",
        what_happened="A health visitor noticed a small bruise on a four-month-old baby's cheek. The parent's "
        "explanation was accepted and no referral was made. Two weeks later the baby was admitted to "
        "hospital with a fracture.",
        learning="Any bruise or mark on a non-mobile baby needs a same-day referral under the bruising "
        "protocol, whatever the explanation. Professional optimism can stop us asking the next question.",
        questions="Do you know where to find the bruising protocol?\nWho would you call today?\n"
        "How do you check your own assumptions about a family you know well?",
        what_to_do="Follow the protocol and refer the same day. Record what you saw, not only what you were "
        "told. Discuss the case in supervision.",
        status=BriefingStatus.PUBLISHED,
        published_on=D(2025, 2, 3),
        acknowledge_by=D(2025, 3, 3),
    )
    for index, org in enumerate(orgs):
        acknowledged = index % 3 != 2
        ensure(
            BriefingRecipient,
            {"briefing": briefing, "organisation": org},
            sent_at=_at(D(2025, 2, 3)),
            acknowledged_at=_at(D(2025, 2, 10 + index % 10)) if acknowledged else None,
            staff_reached=(40 + 15 * index) if acknowledged else None,
        )

    # Multi-agency training: a course on the briefing's learning, two sessions, bookings, evaluations.
    course = ensure(
        TrainingCourse,
        {"partnership": p, "title": "Safeguarding babies: bruising, injuries and professional curiosity"},
        topic="Safeguarding babies",
        description="A half-day multi-agency course built on the learning from local reviews.",
        briefing=briefing,
        priority="Early help and neglect",
        trainer="Partnership training officer (demo)",
        target_roles="Health visitors, midwives, social workers, police officers, early years staff",
    )
    ensure_m2m(course.target_agencies, orgs[:4])
    held = ensure(
        TrainingSession,
        {"course": course, "starts_at": _at(D(2025, 3, 12))},
        ends_at=_at(D(2025, 3, 12), 13, 0),
        venue="Council House, Committee Room 2",
        capacity=20,
        status=SessionStatus.HELD,
    )
    ensure(
        TrainingSession,
        {"course": course, "starts_at": _at(D(2026, 1, 20))},
        ends_at=_at(D(2026, 1, 20), 13, 0),
        venue="Online",
        capacity=30,
        status=SessionStatus.SCHEDULED,
    )
    roles = ["Health visitor", "Social worker", "Police officer", "Midwife", "Nursery manager", "Teacher"]
    outcomes = [BookingStatus.ATTENDED] * 12 + [BookingStatus.NO_SHOW] * 2 + [BookingStatus.CANCELLED]
    for i, status in enumerate(outcomes):
        org = orgs[i % len(orgs)]
        attended = status == BookingStatus.ATTENDED
        answered = attended and i % 2 == 0
        ensure(
            TrainingBooking,
            {"session": held, "attendee_name": f"Demo Practitioner {i + 1}"},
            attendee_email=f"practitioner{i + 1}@{p.slug}.demo.invalid",
            organisation=org,
            role=roles[i % len(roles)],
            status=status,
            booked_at=_at(D(2025, 2, 10)),
            cancelled_at=_at(D(2025, 3, 1)) if status == BookingStatus.CANCELLED else None,
            confidence_before=(2 + i % 2) if attended else None,
            confidence_after=(4 + i % 2 if i % 5 else 3) if attended else None,
            evaluation="Clearer on when to refer and who to call." if attended else "",
            follow_up_sent_on=D(2025, 6, 12) if attended else None,
            follow_up_received_on=D(2025, 6, 20) if answered else None,
            practice_change="I now check the whole body of every non-mobile baby I see and record it."
            if answered
            else "",
        )

    # The voice of young people: a forum and a survey, with what the partnership changed.
    forum = ensure(
        EngagementActivity,
        {"partnership": p, "title": "Young people's safeguarding forum: feeling safe online"},
        kind=EngagementKind.GROUP,
        held_on=D(2025, 1, 22),
        led_by=la,
        purpose="To hear what helps young people feel safe online and who they would tell.",
        count_11_to_15=14,
        count_16_to_17=6,
        what_they_said="Adults react too quickly and take phones away, so young people stop telling them. "
        "Schools' online safety lessons come too late.",
    )
    change = ensure(
        YouSaidWeDid,
        {"activity": forum, "you_said": "Adults take phones away, so we stop telling them."},
        we_did="The partnership's online safety guidance for parents and staff now says to listen first and "
        "not to remove devices as a first response.",
        status=ChangeStatus.DONE,
        **_priority(p, "Child exploitation and online harm"),
    )
    ensure(
        YouSaidWeDid,
        {"activity": forum, "you_said": "Online safety lessons start too late."},
        we_did="Primary schools were offered the online safety session for Year 5 from September.",
        status=ChangeStatus.IN_PROGRESS,
        **_priority(p, "Child exploitation and online harm"),
    )
    ensure_m2m(change.actions, list(p.actions.order_by("pk")[:1]))
    ensure(
        EngagementActivity,
        {"partnership": p, "title": "Parents' survey: early help"},
        kind=EngagementKind.SURVEY,
        held_on=D(2024, 11, 4),
        led_by=la,
        purpose="How parents experienced asking for early help.",
        count_parents_carers=87,
        what_they_said="Parents did not know where to go first and had to tell their story several times.",
    )

    # The dataset: six outcome indicators, six quarters of invented values.
    areas = [a.name for a in p.areas.order_by("name")] if p.areas.count() > 1 else []
    for index, spec in enumerate(DATASET):
        code, name, definition, unit, polarity, target, tolerance, sector, breakdown, base, step = spec
        source = by_sector.get(sector, la)
        indicator = ensure(
            Indicator,
            {"partnership": p, "code": code},
            name=name,
            definition=definition,
            unit=unit,
            polarity=polarity,
            target=Decimal(target) if target else None,
            tolerance=Decimal(tolerance),
            source_organisation=source,
            frequency=Frequency.QUARTERLY,
            breakdown_areas="\n".join(areas) if breakdown else "",
            **_priority(p, "Neglect" if index < 3 else "Child exploitation and online harm"),
            is_demo=True,
        )
        _values(indicator, Decimal(base) + len(p.slug) % 3, Decimal(step), areas if breakdown else [])
    if contributor_orgs:
        indicator = ensure(
            Indicator,
            {"partnership": p, "code": "self-harm-attendances"},
            name="Emergency department attendances for self-harm (under 18)",
            definition="Attendances at the emergency department for self-harm by children under 18 in the quarter.",
            unit=Unit.COUNT,
            polarity=Polarity.NEUTRAL,
            target=None,
            tolerance=Decimal(0),
            source_organisation=contributor_orgs[0],
            frequency=Frequency.QUARTERLY,
            breakdown_areas="",
            **_priority(p, "Emotional health"),
            is_demo=True,
        )
        _values(indicator, Decimal(48), Decimal(2), [], quarters=QUARTERS[:-1])


def _priority(p, title):
    """The partnership's recorded priority of that title (the demo's governance loads them first),
    else the title kept as text."""
    priority = Priority.objects.filter(partnership=p, title=title).order_by("-year").first()
    return {"priority": priority, "priority_text": "" if priority else title}


def _values(indicator, base, step, areas, quarters=QUARTERS):
    for n, quarter in enumerate(quarters):
        value = (base + step * n).quantize(Decimal("0.01"))
        ensure(
            IndicatorValue,
            {"indicator": indicator, "period_start": quarter, "area": ""},
            value=value,
            commentary="Demo figure." if n == len(quarters) - 1 else "",
            submitted_at=_at(quarter + datetime.timedelta(days=100)),
        )
        for a, area in enumerate(areas):
            ensure(
                IndicatorValue,
                {"indicator": indicator, "period_start": quarter, "area": area},
                value=(value + Decimal(a * 2 - 1)).quantize(Decimal("0.01")),
                commentary="",
                submitted_at=_at(quarter + datetime.timedelta(days=100)),
            )
