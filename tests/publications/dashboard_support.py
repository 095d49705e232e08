"""Records for dashboard tests, in reporting year 2024 (1 April 2024 to 31 March 2025), which the
other builders leave empty, with time frozen on 2 June 2025."""

import datetime
import itertools

from funding.models import Contribution, ContributionPayment
from partnerships.core.choices import ActionSource, ActionStatus
from partnerships.core.models import Action
from reviews import services
from reviews.choices import AgeBand, IncidentType
from reviews.models import RapidReview, SeriousIncidentNotification

D = datetime.date
TODAY = D(2025, 6, 2)
YEAR = 2024


_counter = itertools.count(1)


def notification(w, *, aware, notified, area=None, partnership=None):
    number = next(_counter)
    partnership = partnership or w.alpha
    return services.save_notification(
        w.bu,
        SeriousIncidentNotification(
            partnership=partnership,
            child_reference=f"Child T{number}",
            age_band=AgeBand.AGE_10_15,
            area=area or (w.area_a if partnership == w.alpha else w.area_b),
            incident_type=IncidentType.SERIOUS_HARM,
            la_aware_on=aware,
            panel_notified_on=notified,
            late_reason="Waited for police" if notified and (notified - aware).days > 7 else "",
        ),
    )


def four_notifications(w):
    """Three sent within 5 working days and one late: 75%. Two in Alphaford (one of them late)."""
    return [
        notification(w, aware=D(2024, 5, 1), notified=D(2024, 5, 3)),  # Wednesday, 2 working days
        notification(w, aware=D(2024, 6, 3), notified=D(2024, 6, 10)),  # Monday, 5 working days
        notification(w, aware=D(2024, 9, 2), notified=D(2024, 9, 4), area=w.area_a2),
        notification(w, aware=D(2024, 10, 1), notified=D(2024, 10, 21), area=w.area_a2),  # late
    ]


def bulk_reviews(w, count, start=0):
    """`count` notifications with rapid reviews, straight into the tables (for query counts)."""
    notes = SeriousIncidentNotification.objects.bulk_create(
        [
            SeriousIncidentNotification(
                partnership=w.alpha,
                reference=f"BULK-{start + i}",
                child_reference=f"Child B{start + i}",
                age_band=AgeBand.AGE_10_15,
                area=w.area_a if i % 2 else w.area_a2,
                incident_type=IncidentType.SERIOUS_HARM,
                la_aware_on=D(2024, 7, 1),
                panel_due_date=D(2024, 7, 8),
                panel_notified_on=D(2024, 7, 2) if i % 3 else None,
            )
            for i in range(count)
        ]
    )
    RapidReview.objects.bulk_create(
        [
            RapidReview(
                partnership=w.alpha,
                notification=note,
                due_date=D(2024, 7, 22),
                signed_off_on=D(2024, 7, 20) if i % 2 else None,
            )
            for i, note in enumerate(notes)
        ]
    )
    Action.objects.bulk_create(
        [
            Action(
                partnership=w.alpha,
                title=f"Bulk action {start + i}",
                source_kind=ActionSource.REVIEW,
                owner_organisation=w.police if i % 2 else w.council,
                due_date=D(2025, 1, 1) if i % 2 else D(2025, 12, 1),
                status=ActionStatus.OPEN,
            )
            for i in range(count)
        ]
    )


def contributions(w):
    """Alpha's partners for 2024: council £10,000 paid in full, ICB £6,000 with £1,500 received."""
    council = Contribution.objects.create(
        partnership=w.alpha, year=YEAR, organisation=w.council, amount_pence=1_000_000
    )
    icb = Contribution.objects.create(
        partnership=w.alpha, year=YEAR, organisation=w.icb, amount_pence=600_000
    )
    ContributionPayment.objects.create(
        contribution=council, received_on=D(2024, 5, 1), amount_pence=1_000_000
    )
    ContributionPayment.objects.create(contribution=icb, received_on=D(2024, 6, 1), amount_pence=150_000)
    return council, icb
