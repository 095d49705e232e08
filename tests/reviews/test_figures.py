"""Shared figures for the dashboard and the yearly report: rates and counts, by period and area."""

import datetime

from reviews import figures, services
from reviews.models import LCSPR, SeriousIncidentNotification

D = datetime.date
TODAY = D(2026, 6, 1)


def _notify(w, ref, aware, sent=None, area=None, reason=""):
    return services.save_notification(
        w.bu,
        SeriousIncidentNotification(
            partnership=w.alpha,
            child_reference=ref,
            age_band="1_4",
            area=area or w.area_a,
            incident_type="serious_harm",
            la_aware_on=aware,
            panel_notified_on=sent,
            late_reason=reason,
        ),
    )


def test_notification_rate_counts_only_known_outcomes(world):
    w = world
    # In the test world: Child A, aware 5 Jan 2026, notified 7 Jan (on time).
    _notify(w, "Late", D(2026, 2, 2), sent=D(2026, 2, 16), reason="Awareness came through a partner late.")
    _notify(w, "Overdue", D(2026, 3, 2))
    _notify(w, "In time still", D(2026, 5, 29))
    _notify(w, "Other area", D(2026, 2, 2), sent=D(2026, 2, 3), area=w.area_a2)
    rate = figures.notifications_within_deadline(w.alpha, D(2026, 1, 1), D(2026, 12, 31), today=TODAY)
    assert (rate.met, rate.total, rate.percent) == (2, 4, 50.0)
    rate = figures.notifications_within_deadline(
        w.alpha, D(2026, 1, 1), D(2026, 12, 31), area=w.area_a2, today=TODAY
    )
    assert (rate.met, rate.total) == (1, 1)
    empty = figures.notifications_within_deadline(w.alpha, D(2020, 1, 1), D(2020, 12, 31), today=TODAY)
    assert empty.percent is None and str(empty) == "No cases"
    # Beta's cases never count for alpha.
    assert (
        figures.notifications_within_deadline(w.beta, D(2026, 1, 1), D(2026, 12, 31), today=TODAY).total == 1
    )


def test_rapid_review_rate_decisions_and_stages(world):
    w = world
    review = w.rapid_review  # due 28 Jan 2026
    review.decision, review.decision_rationale, review.decided_on = "lcspr", "Why", D(2026, 1, 20)
    services.save_rapid_review(w.bu, review)
    for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police)):
        services.sign_off_rapid_review(lead, review, org, today=D(2026, 1, 27))
    late = services.start_rapid_review(w.bu, _notify(w, "B", D(2026, 2, 2), sent=D(2026, 2, 4)))
    late.decision, late.decision_rationale, late.decided_on = "other_local", "Why", D(2026, 3, 2)
    late.other_local_response = "Multi-agency case evaluation"
    services.save_rapid_review(w.bu, late)
    period = (D(2026, 1, 1), D(2026, 12, 31))
    rate = figures.rapid_reviews_within_deadline(w.alpha, *period, today=TODAY)
    assert (rate.met, rate.total) == (1, 2)
    decisions = dict(figures.decisions(w.alpha, *period))
    assert decisions["Commission a local child safeguarding practice review"] == 1
    assert decisions["Another local response"] == 1
    assert decisions["No further review"] == 0
    stages = dict(figures.counts_by_stage(w.alpha, *period))
    assert stages["Rapid reviews signed off"] == 1 and stages["Rapid reviews in progress"] == 1
    assert stages["Notified to the Panel"] == 2
    assert stages["LCSPRs commissioned"] == 1  # the thematic review of the test world
    assert stages["Other learning reviews started"] == 1
    assert dict(figures.counts_by_stage(w.alpha, *period, area=w.area_a2))["Rapid reviews signed off"] == 0


def test_lcspr_rate_within_six_months(world):
    w = world
    on_time = LCSPR.objects.get(pk=w.lcspr.pk)  # decided 2 Feb 2026, due 2 Aug 2026
    on_time.final_report_received_on = D(2026, 6, 1)
    on_time.sent_to_panel_on = on_time.sent_to_dfe_on = D(2026, 6, 1)
    on_time.published_on = D(2026, 7, 1)
    services.save_lcspr(w.bu, on_time)
    services.save_lcspr(w.bu, LCSPR(partnership=w.alpha, title="Overdue", decided_on=D(2025, 11, 3)))
    services.save_lcspr(w.bu, LCSPR(partnership=w.alpha, title="Running", decided_on=D(2026, 3, 2)))
    rate = figures.lcsprs_published_within_deadline(
        w.alpha, D(2025, 4, 1), D(2026, 12, 31), today=D(2026, 8, 3)
    )
    assert (rate.met, rate.total) == (1, 2)


def test_on_time_and_late_are_the_querysets_the_rate_counts(world):
    w = world
    _notify(w, "Late", D(2026, 2, 2), sent=D(2026, 2, 16), reason="Awareness came through a partner late.")
    _notify(w, "Overdue", D(2026, 3, 2))
    _notify(w, "In time still", D(2026, 5, 29))
    period = (w.alpha, D(2026, 1, 1), D(2026, 12, 31))
    qs = figures.notifications(*period)
    rate = figures.notifications_within_deadline(*period, today=TODAY)
    on_time = set(qs.on_time().values_list("child_reference", flat=True))
    late = set(qs.late(TODAY).values_list("child_reference", flat=True))
    assert late == {"Late", "Overdue"} and not on_time & late
    assert (rate.met, rate.total) == (len(on_time), qs.measured(TODAY).count()) == (len(on_time), 3)
    assert "In time still" not in on_time | late  # still inside its 5 working days
