"""Demo case reviews, from the Havering paper (12 June 2019, section 4.3: rapid reviews in 15 working
days on a common agency template, signed off by the partners; LCSPRs; multi-agency case
evaluations; the Panel's first thematic review of adolescents and criminal exploitation, 4.1.2) and
the Coventry paper (para 4.1: serious case reviews still open get up to 12 months).

Every child is invented and pseudonymous (Child A, Child B...). Cases still open are dated from
today so the demo always shows every stage, including one overdue notification and one overdue
rapid review; finished cases keep fixed dates. Idempotent: a case that exists is left alone.
"""

import datetime

from django.utils import timezone

from partnerships.core.models import LocalAuthorityArea, Organisation, Partnership, User
from partnerships.deadlines.workingdays import england
from reviews import services
from reviews.choices import (
    AgeBand,
    ChronologyContact,
    IncidentType,
    LearningReviewKind,
    MilestoneKind,
    RapidReviewDecision,
    ReviewKind,
)
from reviews.models import LCSPR, LearningReview, Milestone, SeriousIncidentNotification, Theme

D = datetime.date
HAVERING = "London Borough of Havering"
BARKING = "London Borough of Barking and Dagenham"
REDBRIDGE = "London Borough of Redbridge"
CCG = "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups"
POLICE = "Metropolitan Police Service (East Area Basic Command Unit)"
NELFT = "North East London NHS Foundation Trust"
BHRUT = "Barking, Havering and Redbridge University Hospitals NHS Trust"
LEADS = {HAVERING: "bhr-havering-lead", BARKING: "bhr-barking-lead", REDBRIDGE: "bhr-redbridge-lead"}
THEMES = [
    (
        "Adolescents and criminal exploitation",
        "The Panel's first national thematic review (Havering paper 4.1.2).",
    ),
    ("Knife crime", ""),
    ("Neglect", ""),
    ("Domestic abuse", ""),
]


def _user(username):
    return User.objects.filter(username=username).first()


def _org(name):
    return Organisation.objects.filter(name=name).first()


def _notify(p, actor, reference, **fields):
    existing = SeriousIncidentNotification.objects.filter(partnership=p, reference=reference).first()
    if existing is not None:
        return existing, False
    return services.save_notification(
        actor, SeriousIncidentNotification(partnership=p, reference=reference, **fields)
    ), True


def _decide(actor, review, decision, rationale, decided_on, themes, other=""):
    review.facts = "Agencies' contributions were merged into one timeline before the meeting."
    review.immediate_actions = "Siblings' safety plans reviewed within 24 hours."
    review.learning = "Information shared late between health and children's social care."
    review.inequalities = "The family's first language was not English; no interpreter was booked."
    review.meeting_on = decided_on
    review.decision = decision
    review.other_local_response = other
    review.decision_rationale = rationale
    review.decided_on = decided_on
    return services.save_rapid_review(actor, review, themes=themes)


def _sign_all(review, area_lead, day, only=None):
    for org_name, username in (
        (area_lead[0], area_lead[1]),
        (CCG, "bhr-health-lead"),
        (POLICE, "bhr-police-lead"),
    ):
        if only is not None and org_name not in only:
            continue
        services.sign_off_rapid_review(_user(username), review, _org(org_name), today=day)


def load(people=None):
    p = Partnership.objects.filter(slug="bhr").first()
    manager = _user("bhr-manager")
    if p is None or manager is None:
        return
    today = timezone.localdate()
    cal = england()
    areas = {
        a.slug: a
        for a in LocalAuthorityArea.objects.filter(slug__in=["havering", "barking-and-dagenham", "redbridge"])
    }
    themes = {}
    for name, description in THEMES:
        themes[name] = Theme.objects.filter(partnership=p, name=name).first() or Theme.objects.create(
            partnership=p, name=name, description=description
        )
    common = {"lead_officer": _user("bhr-officer")}

    # 1. Just became aware: the Panel is not yet notified, still in time.
    _notify(
        p,
        manager,
        "BHR-SIN-DEMO-A",
        child_reference="Child A",
        child_initials="AA",
        age_band=AgeBand.UNDER_1,
        area=areas["havering"],
        incident_type=IncidentType.SERIOUS_HARM,
        la_aware_on=cal.add(today, -1),
        summary="Non-accidental head injury suspected.",
        **common,
    )
    # 2. Overdue: the 5 working days have passed and the Panel has not been notified.
    _notify(
        p,
        manager,
        "BHR-SIN-DEMO-B",
        child_reference="Child B",
        child_initials="BB",
        age_band=AgeBand.AGE_1_4,
        area=areas["redbridge"],
        incident_type=IncidentType.SERIOUS_HARM,
        la_aware_on=cal.add(today, -8),
        summary="Ingestion of a parent's medication; neglect suspected.",
        **common,
    )
    # 3. Rapid review under way: contributions in, one agency late, chronology merging.
    n, created = _notify(
        p,
        manager,
        "BHR-SIN-DEMO-C",
        child_reference="Child C",
        child_initials="CC",
        age_band=AgeBand.AGE_16_17,
        area=areas["havering"],
        incident_type=IncidentType.SERIOUS_HARM,
        la_aware_on=cal.add(today, -9),
        panel_notified_on=cal.add(today, -7),
        panel_reference="CSPRP-DEMO-0003",
        summary="Stabbed near a college; known to be criminally exploited.",
        **common,
    )
    if created:
        review = services.start_rapid_review(manager, n)
        review.themes.set([themes["Adolescents and criminal exploitation"], themes["Knife crime"]])
        nelft = services.request_contribution(manager, review, _org(NELFT), today=cal.add(today, -6))
        for day, kind, text in (
            (D(today.year - 1, 9, 3), ChronologyContact.APPOINTMENT, "CAMHS assessment; missed follow-up."),
            (D(today.year - 1, 11, 20), ChronologyContact.PHONE, "School nurse told of missing episodes."),
        ):
            services.add_chronology_entry(
                _user("bhr-contributor"), nelft, occurred_on=day, contact_type=kind, description=text
            )
        nelft.involvement = "CAMHS and school nursing from September."
        nelft.analysis = "Missed appointments were not escalated."
        nelft.immediate_safety_actions = "Safety plan shared with the youth offending service."
        nelft.learning = "Was Not Brought policy to apply to adolescents."
        services.save_contribution(_user("bhr-contributor"), nelft, submit=True, today=cal.add(today, -2))
        police = services.request_contribution(
            manager, review, _org(POLICE), due_date=cal.add(today, -1), today=cal.add(today, -6)
        )
        services.add_chronology_entry(
            manager,
            police,
            occurred_on=D(today.year - 1, 10, 14),
            contact_type=ChronologyContact.INCIDENT,
            description="Found in a car with older males out of area; returned home.",
        )
        services.request_contribution(manager, review, _org(BHRUT), today=cal.add(today, -6))
        services.request_contribution(
            manager, review, _org("Havering Youth Offending Service"), today=cal.add(today, -6)
        )
    # 4. Overdue rapid review: decision made, two of three partners signed, the due date passed.
    n, created = _notify(
        p,
        manager,
        "BHR-SIN-DEMO-D",
        child_reference="Child D",
        child_initials="DD",
        age_band=AgeBand.AGE_5_9,
        area=areas["barking-and-dagenham"],
        incident_type=IncidentType.DEATH,
        is_looked_after=True,
        la_aware_on=cal.add(today, -25),
        panel_notified_on=cal.add(today, -22),
        panel_reference="CSPRP-DEMO-0004",
        ofsted_notified_on=cal.add(today, -22),
        dfe_notified_on=cal.add(today, -21),
        summary="Death of a looked-after child in a foster placement out of the borough.",
        **common,
    )
    if created:
        review = services.start_rapid_review(manager, n)
        _decide(
            manager,
            review,
            RapidReviewDecision.LCSPR,
            "Practice across three agencies and two local authorities may hold wider learning.",
            cal.add(today, -10),
            [themes["Neglect"]],
        )
        _sign_all(review, (BARKING, "bhr-barking-lead"), cal.add(today, -5), only={BARKING, CCG})
    # 5. Care leaver's death (Working Together 2023): notified, no rapid review.
    _notify(
        p,
        manager,
        "BHR-SIN-DEMO-E",
        child_reference="Young person E",
        child_initials="EE",
        age_band=AgeBand.AGE_18_24,
        area=areas["redbridge"],
        incident_type=IncidentType.CARE_LEAVER_DEATH,
        la_aware_on=cal.add(today, -30),
        panel_notified_on=cal.add(today, -27),
        ofsted_notified_on=cal.add(today, -27),
        dfe_notified_on=cal.add(today, -27),
        summary="Death of a care leaver aged 21.",
        **common,
    )
    # 6. 2020: signed off, no further review; another signed off with an LCSPR since published.
    n, created = _notify(
        p,
        manager,
        "BHR-SIN-2020-01",
        child_reference="Child F",
        child_initials="FF",
        age_band=AgeBand.AGE_10_15,
        area=areas["redbridge"],
        incident_type=IncidentType.SERIOUS_HARM,
        la_aware_on=D(2020, 2, 3),
        panel_notified_on=D(2020, 2, 6),
        panel_reference="CSPRP-2020-0101",
        **common,
    )
    if created:
        review = services.start_rapid_review(manager, n)
        _decide(
            manager,
            review,
            RapidReviewDecision.NO_FURTHER,
            "Learning already known and in hand.",
            D(2020, 2, 20),
            [themes["Domestic abuse"]],
        )
        _sign_all(review, (REDBRIDGE, "bhr-redbridge-lead"), D(2020, 2, 24))
        services.record_panel_response(
            manager,
            review,
            sent_to_panel_on=D(2020, 2, 25),
            panel_response="The Panel agreed.",
            panel_response_on=D(2020, 3, 10),
        )
    n, created = _notify(
        p,
        manager,
        "BHR-SIN-2020-02",
        child_reference="Child G",
        child_initials="GG",
        age_band=AgeBand.AGE_16_17,
        area=areas["havering"],
        incident_type=IncidentType.DEATH,
        la_aware_on=D(2020, 6, 1),
        panel_notified_on=D(2020, 6, 4),
        panel_reference="CSPRP-2020-0207",
        **common,
    )
    if created:
        review = services.start_rapid_review(manager, n)
        _decide(
            manager,
            review,
            RapidReviewDecision.LCSPR,
            "Criminal exploitation across borough boundaries.",
            D(2020, 6, 19),
            [themes["Adolescents and criminal exploitation"], themes["Knife crime"]],
        )
        _sign_all(review, (HAVERING, "bhr-havering-lead"), D(2020, 6, 22))
        services.record_panel_response(
            manager,
            review,
            sent_to_panel_on=D(2020, 6, 23),
            panel_response="Noted; local review supported.",
            panel_response_on=D(2020, 7, 8),
        )
        lcspr = services.commission_lcspr(manager, review, title="Child G", reference="BHR-LCSPR-2020-01")
        lcspr.reviewer_name = "Independent reviewer (invented)"
        lcspr.reviewer_appointed_on = D(2020, 7, 1)
        lcspr.terms_of_reference = (
            "Exploitation, transitions between schools, and the response to missing episodes."
        )
        lcspr.final_report_received_on = D(2020, 11, 2)
        lcspr.planned_publication_on = D(2020, 12, 10)
        lcspr.sent_to_panel_on = D(2020, 11, 25)
        lcspr.sent_to_dfe_on = D(2020, 11, 25)
        lcspr.sent_to_what_works_on = D(2020, 12, 10)
        lcspr.published_on = D(2020, 12, 10)
        services.save_lcspr(manager, lcspr)
        for kind, due, done in (
            (MilestoneKind.TERMS_OF_REFERENCE, D(2020, 7, 15), D(2020, 7, 14)),
            (MilestoneKind.PRACTITIONER_EVENT, D(2020, 9, 1), D(2020, 9, 3)),
            (MilestoneKind.DRAFT, D(2020, 10, 1), D(2020, 10, 5)),
            (MilestoneKind.FINAL_DRAFT, D(2020, 11, 1), D(2020, 11, 2)),
        ):
            Milestone.objects.create(lcspr=lcspr, kind=kind, due_date=due, completed_on=done)
        for org_name, username in (
            (HAVERING, "bhr-havering-lead"),
            (CCG, "bhr-health-lead"),
            (POLICE, "bhr-police-lead"),
        ):
            services.sign_off_lcspr(_user(username), lcspr, _org(org_name), today=D(2020, 11, 20))
        services.add_recommendation(
            manager,
            lcspr,
            text="Agencies treat repeated missing episodes of adolescents as exploitation until shown otherwise.",
            action_title="Revise the missing-from-home protocol",
            due_date=D(2021, 3, 31),
            owner_organisation=_org(POLICE),
        )
        services.add_recommendation(
            manager,
            lcspr,
            text="Schools share exclusion decisions with the youth offending service.",
            action_title="Exclusions information-sharing agreement",
            due_date=D(2021, 6, 30),
            owner_organisation=_org(HAVERING),
        )
    # 7. An LCSPR commissioned recently, reviewer appointed, milestones ahead.
    n, created = _notify(
        p,
        manager,
        "BHR-SIN-DEMO-H",
        child_reference="Child H",
        child_initials="HH",
        age_band=AgeBand.UNDER_1,
        area=areas["havering"],
        incident_type=IncidentType.SERIOUS_HARM,
        la_aware_on=cal.add(today, -70),
        panel_notified_on=cal.add(today, -67),
        panel_reference="CSPRP-DEMO-0008",
        **common,
    )
    if created:
        review = services.start_rapid_review(manager, n)
        _decide(
            manager,
            review,
            RapidReviewDecision.LCSPR,
            "Pre-birth assessment not shared with midwifery.",
            cal.add(today, -55),
            [themes["Neglect"]],
        )
        _sign_all(review, (HAVERING, "bhr-havering-lead"), cal.add(today, -53))
        lcspr = services.commission_lcspr(manager, review, title="Child H")
        lcspr.reviewer_name = "Independent reviewer (invented)"
        lcspr.reviewer_appointed_on = cal.add(today, -40)
        lcspr.terms_of_reference = "Pre-birth assessment and information sharing with midwifery."
        services.save_lcspr(manager, lcspr)
        Milestone.objects.create(
            lcspr=lcspr,
            kind=MilestoneKind.TERMS_OF_REFERENCE,
            due_date=cal.add(today, -30),
            completed_on=cal.add(today, -31),
        )
        Milestone.objects.create(
            lcspr=lcspr, kind=MilestoneKind.PRACTITIONER_EVENT, due_date=cal.add(today, 10)
        )
        Milestone.objects.create(lcspr=lcspr, kind=MilestoneKind.DRAFT, due_date=cal.add(today, 40))
    # 8. A serious case review the LSCB left open (Coventry paper 4.1: up to 12 months to publish).
    if not LCSPR.objects.filter(partnership=p, reference="BHR-SCR-2019-01").exists():
        services.save_lcspr(
            manager,
            LCSPR(
                partnership=p,
                kind=ReviewKind.LEGACY_SCR,
                reference="BHR-SCR-2019-01",
                title="Child J (serious case review)",
                area=areas["redbridge"],
                decided_on=D(2019, 3, 11),
                reviewer_name="Independent author (invented)",
                reviewer_appointed_on=D(2019, 4, 1),
                final_report_received_on=D(2020, 5, 1),
                planned_publication_on=D(2020, 7, 15),
                sent_to_panel_on=D(2020, 7, 1),
                sent_to_dfe_on=D(2020, 7, 1),
                published_on=D(2020, 7, 15),
            ),
        )
    # Other learning (Havering paper 4.3.4): a case evaluation and an audit.
    for title, kind, start, done, theme in (
        (
            "Multi-agency case evaluation: adolescents missing from education",
            LearningReviewKind.MACE,
            D(2021, 1, 11),
            D(2021, 3, 26),
            "Adolescents and criminal exploitation",
        ),
        (
            "Multi-agency audit: neglect in the under-fives",
            LearningReviewKind.AUDIT,
            cal.add(today, -40),
            None,
            "Neglect",
        ),
    ):
        if not LearningReview.objects.filter(partnership=p, title=title).exists():
            review = LearningReview.objects.create(
                partnership=p,
                kind=kind,
                title=title,
                started_on=start,
                completed_on=done,
                methodology="Practitioner-led case evaluation (Havering paper 4.3.4)",
                participants="Children's social care, NELFT, BHRUT, Met Police, schools",
                findings="Practitioners found escalation routes unclear." if done else "",
            )
            review.themes.set([themes[theme]])
