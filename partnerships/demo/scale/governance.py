"""Governance and scrutiny records in the national-scale data: the decisions register, the yearly
priorities with their objectives and progress updates, the risk register with its assessments,
independent scrutiny activities with their findings, and challenges (each with a history row).

Rates per partnership, invented (the Somerset paper's plan has four priorities): one decision for
each governance meeting; each year four priorities (two objectives and three progress updates
each), four new risks (three assessments each, the last one the risk's current score), twelve
scrutiny activities (two findings each) and three challenges. Risks and challenges of the last
years stay open; those before are closed.
"""

import datetime

from django.db import transaction

from partnerships.assurance.choices import ChallengeStatus, FindingStatus, ScrutinyKind
from partnerships.assurance.models import Challenge, ScrutinyActivity, ScrutinyFinding
from partnerships.core.models import Group
from partnerships.core.periods import financial_year_bounds
from partnerships.demo.scale.base import bulk, register_scale_generator
from partnerships.governance.choices import PriorityRAG, RiskStatus
from partnerships.governance.models import (
    Decision,
    Meeting,
    Objective,
    Priority,
    ProgressUpdate,
    Risk,
    RiskAssessment,
)

PRIORITIES = [
    "Neglect: earlier help for families",
    "Exploitation and children missing from home",
    "Domestic abuse and its impact on children",
    "Safeguarding babies and under-ones",
    "Children's mental health",
    "Voice of the child in practice",
]
RISKS = [
    "Partner funding not agreed before the year starts",
    "Rapid reviews completed late",
    "Agency attendance at strategy meetings falls",
    "Learning from reviews not embedded in practice",
    "Loss of the independent scrutineer",
    "Case review backlog after a rise in notifications",
]
SCRUTINY = [
    "Observation of the executive",
    "Review of the case review group's minutes",
    "Multi-agency case audit of neglect referrals",
    "Peer review of the front door",
    "Conversations with young people in care",
]
PER_YEAR = {"priorities": 4, "risks": 4, "scrutiny": 12, "challenges": 3}


def _year_start(ctx, year):
    return financial_year_bounds(ctx.start.year + year)[0]


def _within(ctx, year):
    return _year_start(ctx, year) + datetime.timedelta(days=ctx.rng.randrange(365))


@transaction.atomic
def governance(ctx):
    rng, years = ctx.rng, ctx.counts["years"]
    groups, meetings = {}, {}
    for g in Group.objects.filter(partnership__in=ctx.partnerships).order_by("pk"):
        groups.setdefault(g.partnership_id, []).append(g)
    for pk, partnership_id, starts_at in (
        Meeting.objects.filter(partnership__in=ctx.partnerships)
        .order_by("pk")
        .values_list("pk", "partnership_id", "starts_at")
    ):
        meetings.setdefault(partnership_id, []).append((pk, starts_at.date()))

    decisions = [
        Decision(
            partnership_id=partnership_id,
            meeting_id=meeting_id,
            reference=f"D{k:05d}",
            title=f"Agreed: {rng.choice(PRIORITIES).lower()}",
            text="The group agreed the invented recommendation for the benchmark.",
            decided_on=day,
        )
        for partnership_id, held in meetings.items()
        for k, (meeting_id, day) in enumerate(held)
    ]
    bulk(Decision, decisions)

    priorities, risks, activities, challenges = [], [], [], []
    for p in ctx.partnerships:
        m = ctx.members[p.pk]
        people, orgs = m["people"], m["organisations"][:3]
        for year in range(years):
            for position, title in enumerate(rng.sample(PRIORITIES, PER_YEAR["priorities"])):
                priorities.append(
                    Priority(
                        partnership=p,
                        year=ctx.start.year + year,
                        position=position,
                        title=title,
                        description="An invented priority for the benchmark.",
                        lead_group=rng.choice(groups[p.pk]),
                    )
                )
            for _ in range(PER_YEAR["risks"]):
                likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
                risks.append(
                    Risk(
                        partnership=p,
                        reference=f"R{len(risks):05d}",
                        title=rng.choice(RISKS),
                        owner=rng.choice(people[:8]),
                        owner_organisation=rng.choice(orgs),
                        group=rng.choice(groups[p.pk]),
                        controls="Invented controls.",
                        likelihood=likelihood,
                        impact=impact,
                        score=likelihood * impact,  # Risk.save() computes it; bulk inserts do not call it
                        review_date=_within(ctx, year) + datetime.timedelta(days=90),
                        status=RiskStatus.CLOSED if year < years - 2 else RiskStatus.OPEN,
                    )
                )
            for _ in range(PER_YEAR["scrutiny"]):
                kind = rng.choice([k for k, _ in ScrutinyKind.choices])
                observed = (
                    rng.choice(meetings[p.pk])[0] if kind in ("observation", "minutes_review") else None
                )
                activities.append(
                    ScrutinyActivity(
                        partnership=p,
                        kind=kind,
                        title=rng.choice(SCRUTINY),
                        carried_out_on=_within(ctx, year),
                        scrutineer=people[8],
                        meeting_id=observed,
                        summary="Invented summary of the scrutiny.",
                    )
                )
            for _ in range(PER_YEAR["challenges"]):
                raised = _within(ctx, year)
                closed = year < years - 1
                challenges.append(
                    Challenge(
                        partnership=p,
                        reference=f"C{len(challenges):05d}",
                        subject=rng.choice(RISKS),
                        detail="An invented challenge put to the partners.",
                        raised_on=raised,
                        raised_by_name="The independent scrutineer",
                        addressed_to=rng.choice(orgs),
                        status=ChallengeStatus.CLOSED if closed else ChallengeStatus.OPEN,
                        outcome="Resolved with the partners." if closed else "",
                        closed_on=raised + datetime.timedelta(days=60) if closed else None,
                    )
                )
    bulk(Priority, priorities)
    bulk(Risk, risks)
    bulk(ScrutinyActivity, activities)
    bulk(Challenge, challenges)

    objectives, updates, assessments, findings = [], [], [], []
    rags = [r for r, _ in PriorityRAG.choices]
    for priority in priorities:
        author = ctx.members[priority.partnership_id]["people"][3]
        for position in range(2):
            objectives.append(
                Objective(
                    priority=priority,
                    position=position,
                    title=f"Objective {position + 1}",
                    measure="An invented measure and target.",
                )
            )
        start = financial_year_bounds(priority.year)[0]
        for quarter in range(3):
            updates.append(
                ProgressUpdate(
                    priority=priority,
                    reported_on=start + datetime.timedelta(days=91 * (quarter + 1)),
                    rag=rng.choice(rags),
                    summary="Invented progress for the benchmark.",
                    author=author,
                )
            )
    for risk in risks:
        first = risk.review_date - datetime.timedelta(days=270)
        for step in range(3):
            last = step == 2
            likelihood = risk.likelihood if last else rng.randint(1, 5)
            impact = risk.impact if last else rng.randint(1, 5)
            assessments.append(
                RiskAssessment(
                    risk=risk,
                    assessed_on=first + datetime.timedelta(days=90 * step),
                    likelihood=likelihood,
                    impact=impact,
                    score=likelihood * impact,
                    note="Invented assessment.",
                    author=risk.owner,
                )
            )
    statuses = [s for s, _ in FindingStatus.choices]
    for activity in activities:
        orgs = ctx.members[activity.partnership_id]["organisations"][:3]
        for k in range(2):
            status = rng.choice(statuses)
            answered = status != FindingStatus.AWAITING_RESPONSE
            findings.append(
                ScrutinyFinding(
                    activity=activity,
                    reference=f"F{activity.pk}-{k + 1}",
                    finding="An invented finding of the scrutiny.",
                    recommendation="An invented recommendation.",
                    addressed_to=rng.choice(orgs),
                    status=status,
                    response="The partners' invented response." if answered else "",
                    responded_on=activity.carried_out_on + datetime.timedelta(days=30) if answered else None,
                    response_by=ctx.members[activity.partnership_id]["leads"][0] if answered else None,
                )
            )
    bulk(Objective, objectives)
    bulk(ProgressUpdate, updates)
    bulk(RiskAssessment, assessments)
    bulk(ScrutinyFinding, findings)
    ctx.created.update(
        decisions=len(decisions),
        priorities=len(priorities),
        objectives=len(objectives),
        progress_updates=len(updates),
        risks=len(risks),
        risk_assessments=len(assessments),
        scrutiny_activities=len(activities),
        scrutiny_findings=len(findings),
        challenges=len(challenges),
    )


register_scale_generator(6, governance)
