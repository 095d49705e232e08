"""Three partner leads signing at the same moment (PostgreSQL: real row locks, real threads)."""

import datetime
import threading

import pytest
from django.db import connection

from reviews import services
from reviews.choices import RapidReviewStatus
from reviews.models import PartnerSignOff, RapidReview

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_three_leads_signing_at_once_give_three_sign_offs_and_one_transition():
    from tests.world import build_world

    w = build_world()
    review = w.rapid_review
    review.decision, review.decision_rationale, review.decided_on = (
        "no_further",
        "Known",
        datetime.date(2026, 1, 20),
    )
    services.save_rapid_review(w.bu, review)
    barrier = threading.Barrier(3)
    errors = []

    def sign(lead, org):
        try:
            barrier.wait(timeout=10)
            services.sign_off_rapid_review(lead, RapidReview.objects.get(pk=review.pk), org)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=sign, args=(lead, org))
        for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert PartnerSignOff.objects.filter(rapid_review=review).count() == 3
    review.refresh_from_db()
    assert review.status == RapidReviewStatus.SIGNED_OFF
    transitions = [
        h for h in review.history.order_by("history_id") if h.status == RapidReviewStatus.SIGNED_OFF
    ]
    assert len(transitions) == 1
