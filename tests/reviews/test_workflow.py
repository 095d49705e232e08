"""The statutory clocks and the rapid review's life: recomputation, sign-off, locking, reopening."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.core.choices import RapidReviewClock
from partnerships.core.models import Action
from partnerships.deadlines.register import deadlines_for
from reviews import services
from reviews.choices import IncidentType, RapidReviewDecision, RapidReviewStatus, ReviewKind
from reviews.models import LCSPR, PartnerSignOff, RapidReview, SeriousIncidentNotification

D = datetime.date


def _deadline(source, kind):
    return deadlines_for(source).get(kind=kind)


def _decide(w, review):
    review.decision = RapidReviewDecision.LCSPR
    review.decision_rationale = "Wider learning across agencies."
    review.decided_on = D(2026, 1, 20)
    return services.save_rapid_review(w.bu, review)


def test_changing_the_awareness_date_recomputes_every_dependent_due_date(world):
    w = world
    n = SeriousIncidentNotification.objects.get(pk=w.notification.pk)
    # Not yet notified: the rapid review's date is provisional from the latest permitted notification.
    n.panel_notified_on = None
    services.save_notification(w.bu, n)
    review = RapidReview.objects.get(pk=w.rapid_review.pk)
    assert n.panel_due_date == D(2026, 1, 12)
    assert review.due_date == D(2026, 2, 2) and review.due_rule.startswith("Provisional")
    contribution = review.contributions.get()
    assert contribution.due_date == D(2026, 1, 26)

    n.la_aware_on = D(2026, 1, 12)
    services.save_notification(w.officer, n)

    n.refresh_from_db()
    review.refresh_from_db()
    contribution.refresh_from_db()
    assert n.panel_due_date == D(2026, 1, 19)
    assert review.due_date == D(2026, 2, 9)
    assert contribution.due_date == D(2026, 2, 2)
    # The register follows, and history names who changed the date and what it was.
    assert _deadline(n, services.PANEL_NOTIFICATION_KIND).due_date == D(2026, 1, 19)
    assert _deadline(review, services.RAPID_REVIEW_KIND).due_date == D(2026, 2, 9)
    assert _deadline(contribution, services.CONTRIBUTION_KIND).due_date == D(2026, 2, 2)
    latest = n.history.first()
    assert latest.history_user == w.officer
    assert latest.la_aware_on == D(2026, 1, 12) and latest.prev_record.la_aware_on == D(2026, 1, 5)
    assert review.history.first().due_date == D(2026, 2, 9)

    # Sending the notification fixes the clock at 15 working days from the date sent.
    n.panel_notified_on = D(2026, 1, 14)
    services.save_notification(w.officer, n)
    review.refresh_from_db()
    assert review.due_date == D(2026, 2, 4)
    assert "sent to the Panel" in review.due_rule
    assert _deadline(n, services.PANEL_NOTIFICATION_KIND).met_on == D(2026, 1, 14)


def test_a_partnership_counting_from_awareness(world):
    w = world
    w.alpha.rapid_review_clock = RapidReviewClock.FROM_AWARENESS
    w.alpha.save()
    n = services.save_notification(
        w.bu,
        SeriousIncidentNotification(
            partnership=w.alpha,
            child_reference="Child K",
            age_band="5_9",
            area=w.area_a,
            incident_type=IncidentType.SERIOUS_HARM,
            la_aware_on=D(2026, 3, 2),
        ),
    )
    assert services.start_rapid_review(w.bu, n).due_date == D(2026, 3, 23)


def test_late_notification_needs_a_reason_and_saves_nothing_without_one(world):
    w = world
    n = SeriousIncidentNotification.objects.get(pk=w.notification.pk)
    n.panel_notified_on = D(2026, 1, 20)
    with pytest.raises(ValidationError) as error:
        services.save_notification(w.bu, n)
    assert "late_reason" in error.value.message_dict
    assert SeriousIncidentNotification.objects.get(pk=n.pk).panel_notified_on == D(2026, 1, 7)


def test_care_leaver_death_needs_no_rapid_review_but_goes_to_ofsted_and_dfe(world):
    w = world
    n = services.save_notification(
        w.bu,
        SeriousIncidentNotification(
            partnership=w.alpha,
            child_reference="Young person L",
            age_band="18_24",
            area=w.area_a,
            incident_type=IncidentType.CARE_LEAVER_DEATH,
            la_aware_on=D(2026, 3, 2),
        ),
    )
    assert n.needs_ofsted_and_dfe and not n.needs_rapid_review
    with pytest.raises(ValidationError):
        services.start_rapid_review(w.bu, n)
    assert not RapidReview.objects.filter(notification=n).exists()


def test_required_signatories_are_the_childs_council_health_and_police(world):
    w = world
    orgs = services.required_sign_off_organisations(w.alpha, w.area_a)
    assert orgs == {w.council, w.icb, w.police}
    assert w.council2 in services.required_sign_off_organisations(w.alpha, w.area_a2)


def test_a_partner_lead_cannot_sign_for_another_organisation(world):
    w = world
    review = _decide(w, w.rapid_review)
    with pytest.raises(PermissionDenied):
        services.sign_off_rapid_review(w.lead_health, review, w.police)
    with pytest.raises(PermissionDenied):
        services.sign_off_rapid_review(w.bu, review, w.council)
    assert not PartnerSignOff.objects.filter(rapid_review=review).exists()


def test_signing_needs_a_decision_and_each_partner_signs_once(world):
    w = world
    with pytest.raises(ValidationError):
        services.sign_off_rapid_review(w.lead_la, w.rapid_review, w.council)
    review = _decide(w, w.rapid_review)
    services.sign_off_rapid_review(w.lead_la, review, w.council)
    with pytest.raises(ValidationError):
        services.sign_off_rapid_review(w.lead_la, review, w.council)
    review.refresh_from_db()
    assert review.status == RapidReviewStatus.AWAITING_SIGN_OFF
    assert review.sign_offs.count() == 1


@time_machine.travel(datetime.datetime(2026, 1, 26, 10, tzinfo=datetime.UTC))
def test_the_last_signature_locks_the_review_and_a_locked_review_refuses_edits(world):
    w = world
    review = _decide(w, w.rapid_review)
    for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police)):
        services.sign_off_rapid_review(lead, review, org)
    review.refresh_from_db()
    assert review.status == RapidReviewStatus.SIGNED_OFF and review.is_locked
    assert review.signed_off_on == D(2026, 1, 26)
    assert _deadline(review, services.RAPID_REVIEW_KIND).met_on == D(2026, 1, 26)

    review.facts = "Changed after sign-off"
    with pytest.raises(ValidationError):
        services.save_rapid_review(w.bu, review)
    with pytest.raises(ValidationError):
        services.request_contribution(w.bu, review, w.school)
    assert RapidReview.objects.get(pk=review.pk).facts == ""

    # The Panel's response is recorded on a locked review.
    services.record_panel_response(w.bu, review, sent_to_panel_on=D(2026, 1, 27), panel_response="Agreed.")

    # A change needs a recorded reopening; then all partners sign again.
    with pytest.raises(ValidationError):
        services.reopen_rapid_review(w.bu, review, "  ")
    services.reopen_rapid_review(w.bu, review, "New information from the inquest.")
    review.refresh_from_db()
    assert review.status == RapidReviewStatus.REOPENED and review.sign_off_round == 2
    assert review.reopenings.get().reason == "New information from the inquest."
    review.facts = "Corrected after reopening"
    services.save_rapid_review(w.bu, review)
    assert RapidReview.objects.get(pk=review.pk).facts == "Corrected after reopening"
    assert _deadline(review, services.RAPID_REVIEW_KIND).met_on is None


def test_contributions_are_requested_submitted_and_merged_into_one_timeline(world):
    w = world
    review = w.rapid_review
    school = services.request_contribution(
        w.bu, review, w.school, due_date=D(2026, 1, 16), today=D(2026, 1, 8)
    )
    assert school.due_rule == "Set by the business unit"
    with pytest.raises(ValidationError):
        services.request_contribution(w.bu, review, w.school)
    services.add_chronology_entry(
        w.bu, school, occurred_on=D(2025, 11, 3), contact_type="meeting", description="Attendance meeting."
    )
    c = w.contribution
    with pytest.raises(ValidationError) as error:
        services.save_contribution(w.contributor, c, submit=True)
    assert set(error.value.message_dict) == {
        "involvement",
        "analysis",
        "immediate_safety_actions",
        "learning",
    }
    c.involvement, c.analysis, c.immediate_safety_actions, c.learning = "I", "A", "S", "L"
    services.save_contribution(w.contributor, c, submit=True)
    c.refresh_from_db()
    assert c.status == "submitted" and c.submitted_by == w.contributor
    assert _deadline(c, services.CONTRIBUTION_KIND).met_on == c.submitted_on
    timeline = list(services.merged_timeline(review))
    assert [e.occurred_on for e in timeline] == [D(2025, 11, 3), D(2025, 12, 1)]
    assert [e.contribution.organisation for e in services.merged_timeline(review, [w.school.pk])] == [
        w.school
    ]


def test_lcspr_from_a_signed_off_review_is_due_six_months_after_the_decision(world):
    w = world
    review = _decide(w, w.rapid_review)
    with pytest.raises(ValidationError):
        services.commission_lcspr(w.bu, review, title="Child A")
    for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police)):
        services.sign_off_rapid_review(lead, review, org)
    lcspr = services.commission_lcspr(w.bu, review, title="Child A")
    assert lcspr.due_date == D(2026, 7, 20)
    assert lcspr.area == w.area_a
    assert _deadline(lcspr, services.LCSPR_PUBLICATION_KIND).due_date == D(2026, 7, 20)

    lcspr.planned_publication_on = D(2026, 7, 15)
    services.save_lcspr(w.bu, lcspr)
    assert _deadline(lcspr, services.LCSPR_SEND_KIND).due_date == D(2026, 7, 6)
    lcspr.sent_to_panel_on = lcspr.sent_to_dfe_on = D(2026, 7, 10)
    with pytest.raises(ValidationError) as error:
        services.save_lcspr(w.bu, lcspr)
    assert "sent_to_panel_on" in error.value.message_dict

    lcspr = LCSPR.objects.get(pk=lcspr.pk)
    lcspr.sent_to_panel_on = lcspr.sent_to_dfe_on = D(2026, 7, 1)
    lcspr.published_on = D(2026, 8, 3)
    with pytest.raises(ValidationError) as error:
        services.save_lcspr(w.bu, lcspr)
    assert "late_reason" in error.value.message_dict
    lcspr.late_reason = "Criminal trial concluded on 28 July; explained to the Panel."
    services.save_lcspr(w.bu, lcspr)
    assert LCSPR.objects.get(pk=lcspr.pk).published_on_time is False


def test_legacy_serious_case_review_has_its_own_grace_deadline(world):
    w = world
    w.alpha.arrangements_in_operation_on = D(2019, 9, 29)
    w.alpha.save()
    scr = services.save_lcspr(
        w.bu,
        LCSPR(partnership=w.alpha, kind=ReviewKind.LEGACY_SCR, title="Child M", decided_on=D(2019, 2, 1)),
    )
    assert scr.due_date == D(2020, 9, 29)
    assert scr.reference == "SCR-2019-01"


def test_lcspr_final_report_sign_off_by_each_partner(world):
    w = world
    lcspr = w.lcspr
    with pytest.raises(ValidationError):
        services.sign_off_lcspr(w.lead_la, lcspr, w.council)
    lcspr.final_report_received_on = D(2026, 5, 1)
    services.save_lcspr(w.bu, lcspr)
    with pytest.raises(PermissionDenied):
        services.sign_off_lcspr(w.lead_la, lcspr, w.icb)
    for lead, org in (
        (w.lead_la, w.council),
        (w.lead_la2, w.council2),
        (w.lead_health, w.icb),
        (w.lead_police, w.police),
    ):
        services.sign_off_lcspr(lead, lcspr, org, today=D(2026, 5, 6))
    assert LCSPR.objects.get(pk=lcspr.pk).signed_off_on == D(2026, 5, 6)


def test_recommendations_become_actions_on_the_log(world):
    w = world
    rec = services.add_recommendation(
        w.bu,
        w.lcspr,
        text="Train GPs on exploitation.",
        action_title="GP training",
        due_date=D(2026, 9, 30),
        owner=w.officer,
        owner_organisation=w.icb,
    )
    action = Action.objects.get(pk=rec.action_id)
    assert action.partnership == w.alpha and action.source_kind == "review"
    assert action.owner == w.officer and action.due_date == D(2026, 9, 30)
    assert action.source_url == w.lcspr.get_absolute_url()
    assert action.source_label == str(w.lcspr)
