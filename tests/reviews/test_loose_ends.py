"""Work moves between the people who must act: an agency is told when it is asked for a contribution,
the partner leads when a rapid review waits for their sign-off, and once every partner has signed,
the requests nobody answered are withdrawn, their deadlines stop and their contributors are told,
so nobody is reminded or escalated about a finished review."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from partnerships.core import signoff
from partnerships.core.choices import RoleKind
from partnerships.core.models import Notification, Role
from partnerships.deadlines.models import Reminder
from partnerships.deadlines.register import deadlines_for
from reviews import services
from reviews.choices import ContributionStatus, RapidReviewDecision
from tests.deadlines.support import only
from tests.reviews.test_reminders import _ladder, _review

D = datetime.date
pytestmark = pytest.mark.django_db


def _addressed(messages):
    return sorted((m.to[0], m.subject) for m in messages)


def test_asked_told_withdrawn_and_never_chased_after_sign_off(world, django_capture_on_commit_callbacks):
    w = world
    _, review = _review(w, aware_on=D(2026, 3, 16), notified_on=D(2026, 3, 18))
    only(deadlines_for(review).get())  # the world's own (2019) deadlines stay out of the sweeps
    police_contributor = w.contributor.__class__.objects.create_user(
        "police_contributor", email="police.contributor@example.org"
    )
    Role.objects.create(
        user=police_contributor, partnership=w.alpha, kind=RoleKind.AGENCY_CONTRIBUTOR, organisation=w.police
    )
    # Asked: each agency's contributor is told once, by e-mail and in the product.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered = services.request_contribution(w.bu, review, w.hospital, today=D(2026, 3, 19))
        unanswered = services.request_contribution(w.bu, review, w.police, today=D(2026, 3, 19))
    assert _addressed(mail.outbox) == [
        (w.contributor.email, f"Contribution requested: {review}, due {answered.due_date:%-d %B %Y}"),
        (police_contributor.email, f"Contribution requested: {review}, due {unanswered.due_date:%-d %B %Y}"),
    ]
    assert (
        answered.get_absolute_url() in mail.outbox[0].body
        or answered.get_absolute_url() in mail.outbox[1].body
    )
    assert (
        Notification.objects.filter(recipient=police_contributor, url=unanswered.get_absolute_url()).count()
        == 1
    )

    answered.involvement = answered.analysis = answered.immediate_safety_actions = answered.learning = "Seen."
    services.save_contribution(w.contributor, answered, submit=True, today=D(2026, 3, 25))

    # Ready: every lead whose organisation must sign is asked once.
    required = signoff.required_organisations(w.alpha, review.notification.area)
    leads = Role.objects.filter(partnership=w.alpha, kind=RoleKind.PARTNER_LEAD, organisation__in=required)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review.decision = RapidReviewDecision.NO_FURTHER
        review.decision_rationale = "Learning is captured by the single-agency reviews already under way."
        review.decided_on = D(2026, 4, 6)
        services.save_rapid_review(w.bu, review)
        services.save_rapid_review(w.bu, review)  # saved again: nobody is asked twice
    assert len(mail.outbox) == leads.count() >= 3
    assert {m.to[0] for m in mail.outbox} == {r.user.email for r in leads}
    assert all(m.subject.startswith(f"Sign-off needed: {review}") for m in mail.outbox)

    # Signed by every partner: the unanswered request is withdrawn and its contributor told.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police)):
            services.sign_off_rapid_review(lead, review, org, today=D(2026, 4, 7))
    unanswered.refresh_from_db()
    answered.refresh_from_db()
    assert unanswered.status == ContributionStatus.WITHDRAWN and unanswered.withdrawn_on == D(2026, 4, 7)
    assert "signed off by every partner on 7 April 2026" in unanswered.withdrawn_reason
    assert unanswered.history.first().history_user == w.lead_police
    assert answered.status == ContributionStatus.SUBMITTED  # an answer stands
    assert _addressed(mail.outbox) == [
        (police_contributor.email, f"Request withdrawn: {w.police} contribution to {review}")
    ]
    assert "Child R" not in mail.outbox[0].body
    deadline = deadlines_for(unanswered).get()
    assert deadline.is_active is False

    # Later sweeps, past every due date: nothing about the finished review reaches anyone.
    mail.outbox.clear()
    assert _ladder(django_capture_on_commit_callbacks, D(2026, 4, 8), D(2026, 5, 8)) == {}
    assert not Reminder.objects.filter(deadline=deadline).exists()

    # The contributor's page says so and takes nothing more.
    with pytest.raises(ValidationError):
        services.save_contribution(police_contributor, unanswered, submit=False)


def test_a_reopened_review_can_ask_a_withdrawn_agency_again(world, django_capture_on_commit_callbacks):
    w = world
    _, review = _review(w, aware_on=D(2026, 3, 16), notified_on=D(2026, 3, 18))
    request = services.request_contribution(w.bu, review, w.hospital, today=D(2026, 3, 19))
    review.decision = RapidReviewDecision.NO_FURTHER
    review.decision_rationale = "No further review."
    review.decided_on = D(2026, 4, 6)
    services.save_rapid_review(w.bu, review)
    for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police)):
        services.sign_off_rapid_review(lead, review, org, today=D(2026, 4, 7))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reopen_rapid_review(w.bu, review, "New information from the police.")
    # Reopened: the leads are asked to sign the new round.
    assert mail.outbox and all(m.subject.startswith("Sign-off needed") for m in mail.outbox)
    again = services.request_contribution(w.bu, review, w.hospital, today=D(2026, 4, 8))
    assert again.pk == request.pk and again.status == ContributionStatus.REQUESTED
    assert again.withdrawn_on is None and again.withdrawn_reason == ""
    assert deadlines_for(again).get().is_active is True


def test_the_business_unit_asks_two_agencies_in_one_step(
    world, client_for, django_capture_on_commit_callbacks
):
    w = world
    _, review = _review(w, aware_on=D(2026, 3, 16), notified_on=D(2026, 3, 18))
    url = f"/p/alpha/reviews/rapid-reviews/{review.pk}/contributions/new/"
    client = client_for(w.bu)
    empty = client.post(url, {})
    assert empty.status_code == 200  # the form's own page, shown again with its error summary
    assert "govuk-error-summary" in empty.content.decode()
    assert "Choose at least one agency to ask." in empty.content.decode()
    assert not review.contributions.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisations": [w.hospital.pk, w.police.pk]}, follow=True)
    assert "2 requests sent" in response.content.decode()
    assert sorted(review.contributions.values_list("organisation__name", flat=True)) == sorted(
        [w.hospital.name, w.police.name]
    )
    assert [m.to for m in mail.outbox] == [[w.contributor.email]]  # the hospital's one contributor
    # Agencies already asked are not offered again.
    page = client.get(url).content.decode()
    assert f'value="{w.hospital.pk}"' not in page and f'value="{w.police.pk}"' not in page


def test_a_contributor_keeps_what_they_typed_gets_a_receipt_and_can_be_reopened(
    world, client_for, django_capture_on_commit_callbacks
):
    w = world
    contribution = w.contribution
    client = client_for(w.contributor)
    page_url = f"/p/alpha/reviews/my-contributions/{contribution.pk}/"
    entries = contribution.chronology.count()
    # A refused entry: the GOV.UK error summary, the page again with what was typed, nothing saved.
    refused = client.post(
        f"{page_url}chronology/",
        {
            "occurred_on_0": "31",
            "occurred_on_1": "2",
            "occurred_on_2": "2026",
            "contact_type": "phone",
            "description": "Phoned the school about attendance",
        },
    )
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "govuk-error-summary" in page and "Phoned the school about attendance" in page
    assert contribution.chronology.count() == entries
    # Submitted: a receipt on screen and by e-mail, to the one person who submitted.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            page_url,
            {
                "involvement": "Seen",
                "analysis": "A",
                "immediate_safety_actions": "S",
                "learning": "L",
                "submit": "1",
            },
            follow=True,
        )
    assert "Contribution submitted" in done.content.decode()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            [w.contributor.email],
            f"Received: {contribution.organisation} contribution to {contribution.review}",
        )
    ]
    assert f"{entries} chronology entr" in mail.outbox[0].body
    # Read-only until the business unit reopens it with a reason the agency is told.
    contribution.refresh_from_db()
    with pytest.raises(ValidationError):
        services.save_contribution(w.contributor, contribution, submit=False)
    assert client_for(w.contributor).get(
        f"/p/alpha/reviews/contributions/{contribution.pk}/reopen/"
    ).status_code in (403, 404)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(w.bu).post(
            f"/p/alpha/reviews/contributions/{contribution.pk}/reopen/",
            {"reason": "Add the school nurse's visit."},
        )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.REQUESTED and contribution.submitted_on is None
    assert [m.to for m in mail.outbox] == [[w.contributor.email]]
    assert "Add the school nurse's visit." in mail.outbox[0].body
