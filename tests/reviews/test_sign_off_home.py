"""The home page asks a partner lead to sign only what their organisation must sign
(partnerships/core/signoff.py): a rapid review is signed by the council of the child's area."""

import datetime

from reviews import services


def _decide(w):
    review = w.rapid_review
    review.decision = "no_further"
    review.decision_rationale = "Learning known."
    review.decided_on = datetime.date(2026, 1, 20)
    return services.save_rapid_review(w.bu, review)


def test_only_the_council_of_the_childs_area_is_asked_to_sign(world, client_for):
    w = world
    review = _decide(w)
    assert review.notification.area == w.area_a  # Alphaton: Alpha Council's area, not Alphaford's
    for lead, asked in ((w.lead_la, True), (w.lead_health, True), (w.lead_la2, False)):
        page = client_for(lead).get("/p/alpha/").content.decode()
        assert ("Awaiting your sign-off" in page) is asked, lead.username
