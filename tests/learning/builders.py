"""Learning and evidence of impact in the test world: for alpha and for beta, so isolation is tested."""

import datetime
from decimal import Decimal

from django.utils import timezone

from partnerships.learning import services
from partnerships.learning.models import (
    EngagementActivity,
    EngagementKind,
    FindingSource,
    Frequency,
    Indicator,
    LearningBriefing,
    Polarity,
    TrainingCourse,
    TrainingSession,
    Unit,
    YouSaidWeDid,
)

D = datetime.date


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def add_learning(partnership, actor, orgs, prefix):
    briefing = LearningBriefing.objects.create(
        partnership=partnership,
        title=f"{prefix}: hearing the baby's voice",
        source_kind=FindingSource.REVIEW,
        source_label="Rapid review: Child A (2019)",
        background="Babies are the most vulnerable to harm.",
        what_happened="Several agencies saw the family; no one asked about the baby's routine.",
        learning="Think family: ask who lives in the home.",
        questions="Who else lives in the home?\nWhat is daily life like for the baby?",
        what_to_do="Use the partnership's pre-birth protocol.",
    )
    services.publish_briefing(actor, briefing, organisations=orgs, on=D(2019, 6, 1))
    course = TrainingCourse.objects.create(
        partnership=partnership,
        title=f"{prefix} think family",
        topic="Think family",
        trainer="Partnership training officer",
        briefing=briefing,
    )
    course.target_agencies.set(orgs)
    session = TrainingSession.objects.create(
        course=course, starts_at=at(D(2019, 7, 1)), venue="Council House", capacity=10
    )
    booking = services.book_place(
        actor, session, attendee_name="Pat Practitioner", organisation=orgs[0], role="Social worker"
    )
    activity = EngagementActivity.objects.create(
        partnership=partnership,
        title=f"{prefix} youth forum",
        kind=EngagementKind.GROUP,
        held_on=D(2019, 8, 1),
        count_11_to_15=6,
        count_16_to_17=4,
        what_they_said="Professionals change too often.",
    )
    change = YouSaidWeDid.objects.create(
        activity=activity,
        you_said="Professionals change too often.",
        we_did="Agencies agreed a named worker.",
    )
    indicator = Indicator.objects.create(
        partnership=partnership,
        code="re-referrals",
        name="Re-referrals within 12 months",
        definition="Referrals to children's social care within 12 months of a previous referral.",
        unit=Unit.PERCENT,
        polarity=Polarity.LOWER,
        target=Decimal("20"),
        source_organisation=orgs[0],
        frequency=Frequency.QUARTERLY,
        breakdown_areas="North\nSouth",
    )
    services.submit_value(actor, indicator, period_start=D(2019, 4, 1), value=Decimal("22.5"))
    services.submit_value(actor, indicator, period_start=D(2019, 7, 1), value=Decimal("19.0"))
    return briefing, course, session, booking, activity, change, indicator


def extend_world(w):
    (
        w.briefing,
        w.course,
        w.training_session,
        w.booking,
        w.activity,
        w.change,
        w.indicator,
    ) = add_learning(w.alpha, w.bu, [w.council, w.hospital], "Alpha")
    # An indicator the contributor's agency (Alpha Hospital Trust) reports.
    w.hospital_indicator = Indicator.objects.create(
        partnership=w.alpha,
        code="ed-attendances",
        name="Emergency department attendances for self-harm (under 18)",
        definition="Attendances at the emergency department for self-harm by children under 18.",
        unit=Unit.COUNT,
        polarity=Polarity.NEUTRAL,
        source_organisation=w.hospital,
        frequency=Frequency.MONTHLY,
    )
    w.beta_learning = add_learning(w.beta, w.outsider, [w.beta_council, w.hospital], "Beta")
    hospital_recipient = w.briefing.recipients.get(organisation=w.hospital)
    w.url_kwargs.update(
        {
            "learning:recipient_acknowledge": {"briefing_pk": w.briefing.pk, "pk": hospital_recipient.pk},
            "learning:my_briefing_acknowledge": {"pk": hospital_recipient.pk},
            "learning:session_create": {"pk": w.course.pk},
            "learning:booking_create": {"pk": w.training_session.pk},
            "learning:change_create": {"pk": w.activity.pk},
        }
    )
