"""Case review records in the test world, for alpha and for beta (so isolation is really tested).

Children are invented and pseudonymous; alpha's child has a full name on record (FULL_NAME) so
tests can prove it never leaves the notification's own page.
"""

import datetime

from reviews import services
from reviews.choices import AgeBand, ChronologyContact, IncidentType, LearningReviewKind, ReviewKind
from reviews.models import LCSPR, LearningReview, Milestone, SeriousIncidentNotification, Theme

D = datetime.date
FULL_NAME = "Zebedee Quillfeather"
DOB = D(2012, 3, 4)


def add_reviews(w, partnership, actor, area, contributor_org, prefix):
    theme = Theme.objects.create(partnership=partnership, name="Adolescents and criminal exploitation")
    notification = services.save_notification(
        actor,
        SeriousIncidentNotification(
            partnership=partnership,
            child_reference=f"Child {prefix}",
            child_initials="ZQ",
            child_name=FULL_NAME,
            child_date_of_birth=DOB,
            age_band=AgeBand.AGE_10_15,
            area=area,
            incident_type=IncidentType.SERIOUS_HARM,
            la_aware_on=D(2026, 1, 5),
            panel_notified_on=D(2026, 1, 7),
            panel_reference=f"CSPRP-{prefix}-1",
        ),
    )
    review = services.start_rapid_review(actor, notification)
    review.themes.set([theme])
    contribution = services.request_contribution(actor, review, contributor_org, today=D(2026, 1, 7))
    services.add_chronology_entry(
        actor,
        contribution,
        occurred_on=D(2025, 12, 1),
        contact_type=ChronologyContact.APPOINTMENT,
        description="Seen in the emergency department with Child's mother.",
    )
    lcspr = services.save_lcspr(
        actor,
        LCSPR(
            partnership=partnership,
            kind=ReviewKind.THEMATIC,
            title="Thematic review: exploitation",
            decided_on=D(2026, 2, 2),
        ),
    )
    Milestone.objects.create(lcspr=lcspr, kind="terms_of_reference", due_date=D(2026, 3, 2))
    learning = LearningReview.objects.create(
        partnership=partnership,
        kind=LearningReviewKind.MACE,
        title="MACE: neglect",
        started_on=D(2026, 1, 10),
    )
    recommendation = services.add_recommendation(
        actor,
        review,
        text="Share the learning on exploitation.",
        action_title="Briefing",
        due_date=D(2026, 6, 1),
    )
    return notification, review, contribution, lcspr, learning, theme, recommendation


def extend_world(w):
    (
        w.notification,
        w.rapid_review,
        w.contribution,
        w.lcspr,
        w.learning_review,
        w.theme,
        w.recommendation,
    ) = add_reviews(w, w.alpha, w.bu, w.area_a, w.hospital, "A")
    (w.beta_notification, w.beta_rapid_review, *_rest) = add_reviews(
        w, w.beta, w.outsider, w.area_b, w.hospital, "B"
    )
    w.url_kwargs.update(
        {
            "reviews:rapid_review_recommendation": {"pk": w.rapid_review.pk},
            "reviews:lcspr_recommendation": {"pk": w.lcspr.pk},
            "reviews:learning_review_recommendation": {"pk": w.learning_review.pk},
            "reviews:my_chronology_add": {"pk": w.contribution.pk},
        }
    )
