"""LCSPR milestones (overdue flag, edit, mark complete), the late publication plan's reason, and the
decision date that follows the rapid review's (docs/statutory-rules.md#lcspr)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews import services
from reviews.choices import RapidReviewDecision
from reviews.forms import LCSPRForm
from reviews.models import LCSPR, Milestone

D = datetime.date
TODAY = datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC)
LATE_MESSAGE = "The planned publication date is after the expected date"


def url(name, partnership="alpha", **kwargs):
    return reverse(f"reviews:{name}", kwargs={"partnership": partnership, **kwargs})


def _form_data(lcspr, **changes):
    """What the LCSPR's edit page posts when nothing is changed, plus `changes`."""
    form = LCSPRForm(instance=lcspr, partnership=lcspr.partnership)
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data.update(changes)
    return data


@time_machine.travel(TODAY, tick=False)
def test_an_overdue_milestone_is_flagged_on_the_page_and_list_until_it_is_completed(world, client_for):
    w = world
    client = client_for(w.bu)
    overdue = w.lcspr.milestones.get()  # due 2 March 2026, not complete
    later = services.save_milestone(
        w.bu, Milestone(lcspr=w.lcspr, kind="draft", description="First draft", due_date=D(2026, 5, 1))
    )
    assert overdue.is_overdue() and not later.is_overdue()
    assert list(Milestone.objects.filter(lcspr=w.lcspr).overdue()) == [overdue]

    page = client.get(w.lcspr.get_absolute_url()).content.decode()
    assert page.count(">Overdue</strong>") == 1
    assert "Not yet due" in page
    listing = client.get(url("lcspr_list")).content.decode()
    assert "Overdue: 1 milestone" in listing

    response = client.post(url("milestone_complete", pk=overdue.pk))
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.completed_on == D(2026, 4, 1)
    assert overdue.history.order_by("-history_id").first().history_user == w.bu
    page = client.get(w.lcspr.get_absolute_url()).content.decode()
    assert ">Overdue</strong>" not in page and "Complete" in page
    assert "Overdue: 1 milestone" not in client.get(url("lcspr_list")).content.decode()
    with pytest.raises(ValidationError):
        services.complete_milestone(w.bu, overdue)


@time_machine.travel(TODAY, tick=False)
def test_a_milestone_is_edited_on_its_page_and_guarded_by_partnership(world, client_for, api_for):
    w = world
    milestone = w.lcspr.milestones.get()
    client = client_for(w.bu)
    assert client.get(url("milestone_update", pk=milestone.pk)).status_code == 200
    response = client.post(
        url("milestone_update", pk=milestone.pk),
        {"kind": "terms_of_reference", "description": "Agreed by the partners", "due_date": "2026-06-01"},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.due_date == D(2026, 6, 1) and not milestone.is_overdue()
    # Another partnership's milestone is not found, on the page or through the API.
    assert client_for(w.outsider).get(url("milestone_update", pk=milestone.pk)).status_code == 404
    assert client_for(w.outsider).post(url("milestone_complete", pk=milestone.pk)).status_code == 404
    # A reader cannot change it.
    assert client_for(w.scrutineer).post(url("milestone_complete", pk=milestone.pk)).status_code == 403
    milestone.refresh_from_db()
    assert milestone.completed_on is None
    api = api_for(w.bu)
    body = api.get(f"/api/lcspr-milestones/{milestone.pk}/").json()
    assert body["overdue"] is False
    assert (
        api.patch(
            f"/api/lcspr-milestones/{milestone.pk}/", {"completed_on": "2026-03-30"}, format="json"
        ).json()["completed_on"]
        == "2026-03-30"
    )


@time_machine.travel(TODAY, tick=False)
def test_a_planned_publication_after_six_months_needs_a_reason_on_the_page_and_in_the_api(
    world, client_for, api_for
):
    w = world
    lcspr = LCSPR.objects.get(pk=w.lcspr.pk)  # decided 2 February 2026: expected by 2 August 2026
    assert lcspr.due_date == D(2026, 8, 2)
    client = client_for(w.bu)
    page = client.post(
        url("lcspr_update", pk=lcspr.pk), _form_data(lcspr, planned_publication_on="2026-09-01")
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "govuk-error-summary" in body
    expected_message = (
        "The planned publication date is after the expected date (02 August 2026): "
        "record the reason for the delay."
    )
    assert expected_message in body
    api = api_for(w.bu)
    response = api.patch(f"/api/lcsprs/{lcspr.pk}/", {"planned_publication_on": "2026-09-01"}, format="json")
    assert response.status_code == 400
    assert response.json()["late_reason"] == [expected_message]
    assert LCSPR.objects.get(pk=lcspr.pk).planned_publication_on is None

    # On time needs no reason; late with a reason is saved.
    ok = client.post(url("lcspr_update", pk=lcspr.pk), _form_data(lcspr, planned_publication_on="2026-07-20"))
    assert ok.status_code == 302
    response = api.patch(
        f"/api/lcsprs/{lcspr.pk}/",
        {"planned_publication_on": "2026-09-01", "late_reason": "Inquest in August; the Panel is told."},
        format="json",
    )
    assert response.status_code == 200
    assert LCSPR.objects.get(pk=lcspr.pk).planned_publication_on == D(2026, 9, 1)


def _commissioned(w):
    review = w.rapid_review
    review.decision = RapidReviewDecision.LCSPR
    review.decision_rationale = "Wider learning across agencies."
    review.decided_on = D(2026, 1, 20)
    review = services.save_rapid_review(w.bu, review)
    for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police)):
        services.sign_off_rapid_review(lead, review, org)
    return review, services.commission_lcspr(w.bu, review, title="Child A")


@time_machine.travel(TODAY, tick=False)
def test_the_decision_date_follows_the_rapid_review_and_a_change_needs_a_reason(world):
    w = world
    review, lcspr = _commissioned(w)
    assert lcspr.decided_on == D(2026, 1, 20)

    # The rapid review is reopened and its decision date corrected: the LCSPR follows it.
    services.reopen_rapid_review(w.bu, review, "Decision date recorded wrongly.")
    review.refresh_from_db()
    review.decided_on = D(2026, 1, 22)
    services.save_rapid_review(w.bu, review)
    lcspr.refresh_from_db()
    assert lcspr.decided_on == D(2026, 1, 22) and lcspr.due_date == D(2026, 7, 22)

    # Changing the LCSPR's own decision date needs a reason, which its history keeps.
    lcspr.decided_on = D(2026, 2, 1)
    with pytest.raises(ValidationError) as error:
        services.save_lcspr(w.bu, lcspr)
    assert "decision_date_reason" in error.value.message_dict
    lcspr.decision_date_reason = "The partners met again on 1 February and confirmed the decision."
    services.save_lcspr(w.bu, lcspr)
    latest = LCSPR.objects.get(pk=lcspr.pk).history.order_by("-history_id").first()
    assert latest.decision_date_reason.startswith("The partners met again")
    assert latest.history_change_reason.startswith("Decision date 22 Jan 2026 to 01 Feb 2026")
    assert latest.history_user == w.bu

    # Once changed with a reason, it no longer follows the rapid review.
    review.refresh_from_db()  # still reopened, not yet signed again
    review.decided_on = D(2026, 1, 23)
    services.save_rapid_review(w.bu, review)
    assert LCSPR.objects.get(pk=lcspr.pk).decided_on == D(2026, 2, 1)
