"""Case reviews' share of the benchmark data (`generate_scale_data`): serious incident
notifications with their rapid reviews, partner sign-offs, agency contributions, LCSPRs with
milestones, and their rows in the deadline register. Bulk inserts with history rows; dates and due
dates follow the same rules as the services (reviews/rules.py, docs/statutory-rules.md#serious-incident-notification,
#rapid-review, #lcspr). Registered in ReviewsConfig.ready().

Children here are invented: a pseudonymous reference ("Scale child N") and no name or date of birth.
"""

import datetime

from django.db import transaction

from partnerships.deadlines.models import Deadline
from partnerships.deadlines.register import new_deadline
from partnerships.deadlines.workingdays import england
from partnerships.demo.scale.base import bulk, register_scale_generator
from reviews import rules, services
from reviews.choices import (
    AgeBand,
    ContributionStatus,
    IncidentType,
    MilestoneKind,
    RapidReviewDecision,
    RapidReviewStatus,
)
from reviews.models import (
    LCSPR,
    ContributionRequest,
    Milestone,
    PartnerSignOff,
    RapidReview,
    SeriousIncidentNotification,
)

# Share of records still open at the end of the period (so the register and the sweep have work).
OPEN_SHARE = 0.05
DECISIONS = [
    RapidReviewDecision.NO_FURTHER,
    RapidReviewDecision.NO_FURTHER,
    RapidReviewDecision.OTHER_LOCAL,
    RapidReviewDecision.NATIONAL,
]


def _noon(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


@transaction.atomic
def reviews(ctx):
    rng = ctx.rng
    calendar = england()
    per = ctx.per_partnership("notifications_rapid_reviews")
    lcspr_per = ctx.per_partnership("lcsprs")
    types = [IncidentType.SERIOUS_HARM] * 12 + [IncidentType.DEATH] * 7 + [IncidentType.CARE_LEAVER_DEATH]
    bands = [b for b, _ in AgeBand.choices if b != AgeBand.AGE_18_24]
    notifications, reviews_, plans = [], [], []
    for p in ctx.partnerships:
        m = ctx.members[p.pk]
        for k in range(per):
            aware = ctx.day()
            kind = rng.choice(types)
            is_open = rng.random() < OPEN_SHARE
            due, rule = rules.panel_notification_due(calendar, aware)
            notified = None if is_open else aware + datetime.timedelta(days=rng.randrange(0, 9))
            n = SeriousIncidentNotification(
                partnership=p,
                reference=f"SIN-{aware.year}-{k:03d}",
                child_reference=f"Scale child {k}",
                age_band=AgeBand.AGE_18_24 if kind == IncidentType.CARE_LEAVER_DEATH else rng.choice(bands),
                area=m["area"],
                incident_type=kind,
                incident_on=aware - datetime.timedelta(days=rng.randrange(0, 4)),
                la_aware_on=aware,
                summary="An invented incident for the benchmark.",
                is_looked_after=rng.random() < 0.2,
                panel_due_date=due,
                panel_due_rule=rule,
                panel_notified_on=notified,
                panel_reference=f"PANEL-{ctx.seed}-{p.pk}-{k}" if notified else "",
                late_reason="Awareness was confirmed late by the police"
                if notified and notified > due
                else "",
                lead_officer=m["bu"],
            )
            notifications.append(n)
            plans.append((p, m, is_open))
    bulk(SeriousIncidentNotification, notifications)

    for n, (p, _m, is_open) in zip(notifications, plans, strict=True):
        if not n.needs_rapid_review:
            continue
        due, rule = rules.rapid_review_due(
            calendar, clock=p.rapid_review_clock, aware_on=n.la_aware_on, notified_on=n.panel_notified_on
        )
        r = RapidReview(
            partnership=p, notification=n, due_date=due, due_rule=rule, clock=p.rapid_review_clock
        )
        r.facts = "Invented facts for the benchmark."
        if not is_open:
            signed = due - datetime.timedelta(days=rng.randrange(-3, 6))
            signed = max(signed, n.la_aware_on)
            decision = rng.choice(DECISIONS)
            r.status = RapidReviewStatus.SIGNED_OFF
            r.meeting_on = (
                signed - datetime.timedelta(days=2)
                if signed - datetime.timedelta(days=2) >= n.la_aware_on
                else signed
            )
            r.decision = decision
            r.other_local_response = (
                "A multi-agency audit" if decision == RapidReviewDecision.OTHER_LOCAL else ""
            )
            r.decision_rationale = "The partners agreed the learning is already in hand."
            r.decided_on = r.meeting_on
            r.signed_off_on = signed
            r.sent_to_panel_on = signed
        reviews_.append(r)
    bulk(RapidReview, reviews_)

    # LCSPRs: some signed-off rapid reviews per partnership lead to a review (decision: LCSPR).
    by_partnership = {}
    for r in reviews_:
        if r.signed_off_on:
            by_partnership.setdefault(r.partnership_id, []).append(r)
    lcsprs, changed = [], []
    for p in ctx.partnerships:
        chosen = rng.sample(by_partnership.get(p.pk, []), min(lcspr_per, len(by_partnership.get(p.pk, []))))
        for j, r in enumerate(sorted(chosen, key=lambda x: x.pk)):
            r.decision, r.other_local_response = RapidReviewDecision.LCSPR, ""
            changed.append(r)
            decided = r.decided_on
            due, rule = rules.lcspr_publication_due(decided)
            published = None if rng.random() < 0.15 else due - datetime.timedelta(days=rng.randrange(-60, 30))
            if published is not None:
                published = max(published, decided)
            lcsprs.append(
                LCSPR(
                    partnership=p,
                    reference=f"LCSPR-{decided.year}-{j:02d}",
                    title=f"{r.notification.child_reference}: practice review",
                    rapid_review=r,
                    area=ctx.members[p.pk]["area"],
                    decided_on=decided,
                    due_date=due,
                    due_rule=rule,
                    reviewer_name="An invented independent reviewer",
                    reviewer_appointed_on=decided + datetime.timedelta(days=30),
                    final_report_received_on=published and published - datetime.timedelta(days=40),
                    published_on=published,
                    sent_to_panel_on=published and published - datetime.timedelta(days=10),
                    sent_to_dfe_on=published and published - datetime.timedelta(days=10),
                )
            )
    RapidReview.objects.bulk_update(changed, ["decision", "other_local_response"], batch_size=2000)
    bulk(LCSPR, lcsprs)
    bulk(
        Milestone,
        [
            Milestone(
                lcspr=lc,
                kind=kind,
                due_date=lc.decided_on + datetime.timedelta(days=days),
                completed_on=lc.decided_on + datetime.timedelta(days=days) if lc.published_on else None,
            )
            for lc in lcsprs
            for kind, days in (
                (MilestoneKind.TERMS_OF_REFERENCE, 30),
                (MilestoneKind.PRACTITIONER_EVENT, 75),
                (MilestoneKind.DRAFT, 120),
            )
        ],
    )

    # Agency contributions (every organisation of the partnership) and partner sign-offs.
    contributions, sign_offs = [], []
    for r in reviews_:
        m = ctx.members[r.partnership_id]
        n = r.notification
        requested = n.panel_notified_on or n.la_aware_on
        due, rule = rules.contribution_due(calendar, r.due_date)
        due = max(due, requested)
        for org in m["organisations"]:
            submitted = None if not r.signed_off_on else min(due, r.signed_off_on)
            contributions.append(
                ContributionRequest(
                    review=r,
                    organisation=org,
                    requested_on=requested,
                    due_date=due,
                    due_rule=rule,
                    status=ContributionStatus.SUBMITTED if submitted else ContributionStatus.REQUESTED,
                    involvement="Invented involvement for the benchmark." if submitted else "",
                    submitted_on=submitted,
                    submitted_by=m["people"][9] if submitted else None,
                )
            )
        if r.signed_off_on:
            for org, lead in zip(m["organisations"][:3], m["leads"], strict=True):
                sign_offs.append(
                    PartnerSignOff(
                        partnership_id=r.partnership_id,
                        rapid_review=r,
                        organisation=org,
                        signed_by=lead,
                        signed_at=_noon(r.signed_off_on),
                    )
                )
    bulk(ContributionRequest, contributions)
    bulk(PartnerSignOff, sign_offs)

    # Their rows in the deadline register, from the services' own functions (reviews/services.py).
    rows = (
        [new_deadline(**services.notification_deadline(n)) for n in notifications]
        + [new_deadline(**services.review_deadline(r)) for r in reviews_]
        + [new_deadline(**services.contribution_deadline(c, c.review.partnership_id)) for c in contributions]
        + [new_deadline(**services.lcspr_publication_deadline(lc)) for lc in lcsprs]
    )
    bulk(Deadline, rows)
    ctx.created.update(
        notifications=len(notifications),
        rapid_reviews=len(reviews_),
        lcsprs=len(lcsprs),
        review_contributions=len(contributions),
        sign_offs=len(sign_offs),
        review_deadlines=len(rows),
    )


register_scale_generator(10, reviews)
