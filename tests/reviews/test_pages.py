"""Pages: what each persona sees and may do, child identities, the access log, the API."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from partnerships.core.models import RecordAccess
from reviews import services
from reviews.models import ContributionRequest, PartnerSignOff, RapidReview, SeriousIncidentNotification
from tests.querycount import assert_constant_queries
from tests.reviews.builders import FULL_NAME

D = datetime.date
LISTS = [
    "notification_list",
    "rapid_review_list",
    "lcspr_list",
    "learning_review_list",
    "theme_list",
]


def url(name, **kwargs):
    from django.urls import reverse

    return reverse(f"reviews:{name}", kwargs={"partnership": "alpha", **kwargs})


def _decide(w):
    review = w.rapid_review
    review.decision = "no_further"
    review.decision_rationale = "Learning known."
    review.decided_on = D(2026, 1, 20)
    return services.save_rapid_review(w.bu, review)


def test_a_childs_full_name_never_appears_in_lists_exports_or_api_lists(world, client_for, api_for):
    w = world
    client = client_for(w.bu)
    for name in [*LISTS, "overview", "late_contributions"]:
        for suffix in ("", "?export=csv"):
            body = client.get(url(name) + suffix).content.decode()
            assert FULL_NAME not in body and "Zebedee" not in body, name
            assert "2012-03-04" not in body and "4 Mar 2012" not in body
        if name in LISTS:
            xlsx = load_workbook(io.BytesIO(client.get(url(name) + "?export=xlsx").content))
            cells = [str(c) for row in xlsx.active.iter_rows(values_only=True) for c in row]
            assert not any("Zebedee" in c for c in cells), name
    assert "Child A" in client.get(url("notification_list")).content.decode()
    api = api_for(w.bu)
    for prefix in (
        "serious-incidents",
        "rapid-reviews",
        "lcsprs",
        "review-contributions",
        "review-chronology",
    ):
        body = api.get(f"/api/{prefix}/").content.decode()
        assert "Zebedee" not in body and "2012-03-04" not in body, prefix
    detail = api.get(f"/api/serious-incidents/{w.notification.pk}/").json()
    assert "child_name" not in detail and detail["child_reference"] == "Child A"
    # The deadline register and the action log carry only the pseudonymous reference.
    assert "Zebedee" not in client.get("/deadlines/?export=csv").content.decode("utf-8-sig")
    assert "Zebedee" not in client.get("/p/alpha/actions/?export=csv").content.decode("utf-8-sig")


def test_opening_a_case_record_is_logged_and_the_log_is_for_managers(world, client_for):
    w = world
    response = client_for(w.officer).get(url("notification_detail", pk=w.notification.pk))
    assert FULL_NAME in response.content.decode()
    access = RecordAccess.objects.get(record_id=w.notification.pk, user=w.officer)
    assert access.partnership == w.alpha and "Zebedee" not in access.record_label
    client_for(w.scrutineer).get(url("rapid_review_detail", pk=w.rapid_review.pk))
    assert RecordAccess.objects.filter(user=w.scrutineer).count() == 1
    log = client_for(w.bu).get("/p/alpha/access-log/")
    assert log.status_code == 200 and str(w.notification) in log.content.decode()
    assert client_for(w.officer).get("/p/alpha/access-log/").status_code == 403


def test_business_unit_records_a_notification_and_sees_its_computed_date(world, client_for):
    w = world
    client = client_for(w.bu)
    bad = client.post(url("notification_create"), {"child_reference": "Child N"})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    before = SeriousIncidentNotification.objects.count()
    response = client.post(
        url("notification_create"),
        {
            "child_reference": "Child N",
            "age_band": "1_4",
            "area": w.area_a.pk,
            "incident_type": "serious_harm",
            "la_aware_on_0": "2",
            "la_aware_on_1": "3",
            "la_aware_on_2": "2026",
        },
    )
    assert response.status_code == 302
    assert SeriousIncidentNotification.objects.count() == before + 1
    n = SeriousIncidentNotification.objects.get(child_reference="Child N")
    assert n.panel_due_date == D(2026, 3, 9) and n.reference == "SIN-2026-02"
    # Starting the rapid review from it.
    response = client.post(url("notification_start_review", pk=n.pk))
    assert RapidReview.objects.filter(notification=n).exists()
    # Another partnership's area is refused.
    response = client.post(
        url("notification_create"),
        {
            "child_reference": "Child O",
            "age_band": "1_4",
            "area": w.area_b.pk,
            "incident_type": "death",
            "la_aware_on": "2026-03-02",
        },
    )
    assert (
        response.status_code == 200
        and not SeriousIncidentNotification.objects.filter(child_reference="Child O").exists()
    )


def test_sign_off_page_refuses_another_organisation_and_a_locked_review_refuses_edits(world, client_for):
    w = world
    review = _decide(w)
    sign = url("rapid_review_sign_off", pk=review.pk)
    response = client_for(w.lead_health).post(sign, {"organisation": w.police.pk})
    assert response.status_code == 403
    assert not PartnerSignOff.objects.exists()
    assert client_for(w.scrutineer).post(sign, {"organisation": w.council.pk}).status_code == 403
    assert client_for(w.bu).post(sign, {"organisation": w.council.pk}).status_code == 403
    for lead, org in ((w.lead_la, w.council), (w.lead_health, w.icb), (w.lead_police, w.police)):
        page = client_for(lead).get(review.get_absolute_url()).content.decode()
        assert f"Sign off for {org}" in page
        assert client_for(lead).post(sign, {"organisation": org.pk}).status_code == 302
    review.refresh_from_db()
    assert review.is_locked
    client = client_for(w.bu)
    response = client.post(
        url("rapid_review_update", pk=review.pk), {"facts": "Changed", "decision": "lcspr"}
    )
    assert response.status_code == 200 and "locked" in response.content.decode()
    assert RapidReview.objects.get(pk=review.pk).facts == ""
    assert client.get(url("rapid_review_update", pk=review.pk)).status_code == 302
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(w.bu)
    assert (
        api.patch(f"/api/rapid-reviews/{review.pk}/", {"facts": "API change"}, format="json").status_code
        == 400
    )
    assert RapidReview.objects.get(pk=review.pk).facts == ""
    response = client.post(url("rapid_review_reopen", pk=review.pk), {"reason": "Inquest findings"})
    assert response.status_code == 302
    assert RapidReview.objects.get(pk=review.pk).status == "reopened"


def test_api_sign_off_for_own_organisation_only(world, api_for):
    w = world
    review = _decide(w)
    api = api_for(w.lead_police)
    assert (
        api.post(f"/api/rapid-reviews/{review.pk}/sign-off/", {"organisation": w.council.pk}).status_code
        == 403
    )
    response = api.post(f"/api/rapid-reviews/{review.pk}/sign-off/", {"organisation": w.police.pk})
    assert response.status_code == 201
    assert PartnerSignOff.objects.filter(rapid_review=review).count() == 1
    assert (
        api_for(w.outsider)
        .post(f"/api/rapid-reviews/{review.pk}/sign-off/", {"organisation": w.police.pk})
        .status_code
        == 404
    )


def test_api_exposes_due_dates_with_their_rules(world, api_for):
    w = world
    api = api_for(w.bu)
    n = api.get(f"/api/serious-incidents/{w.notification.pk}/").json()
    assert n["due_date"] == "2026-01-12" and "s16C" in n["due_rule"]
    r = api.get(f"/api/rapid-reviews/{w.rapid_review.pk}/").json()
    assert r["due_date"] == "2026-01-28" and "sent to the Panel" in r["due_rule"]
    c = api.get(f"/api/review-contributions/{w.contribution.pk}/").json()
    assert c["due_date"] == "2026-01-21" and c["due_rule"]
    lc = api.get(f"/api/lcsprs/{w.lcspr.pk}/").json()
    assert lc["due_date"] == "2026-08-02" and "6 months" in lc["due_rule"]
    bad = api.post("/api/serious-incidents/", {"partnership": "alpha", "child_reference": "X"}, format="json")
    assert bad.status_code == 400
    created = api.post(
        "/api/serious-incidents/",
        {
            "partnership": "alpha",
            "child_reference": "Child P",
            "age_band": "under_1",
            "area": w.area_a.pk,
            "incident_type": "serious_harm",
            "la_aware_on": "2026-04-01",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["due_date"] == "2026-04-10"


def test_agency_contributor_sees_and_submits_only_their_agencys_requests(world, client_for):
    w = world
    other = services.request_contribution(w.bu, w.rapid_review, w.school, today=D(2026, 1, 7))
    client = client_for(w.contributor)
    listing = client.get(url("my_contributions")).content.decode()
    assert "Alpha Hospital Trust" in listing and "Alpha Academy" not in listing
    assert client.get(url("my_contribution", pk=other.pk)).status_code == 404
    assert client.post(url("my_contribution", pk=other.pk), {"involvement": "x"}).status_code == 404
    assert client.get(url("rapid_review_detail", pk=w.rapid_review.pk)).status_code == 404
    home = client.get("/").content.decode()
    assert "Rapid review SIN-2026-01" in home
    response = client.post(
        url("my_chronology_add", pk=w.contribution.pk),
        {"occurred_on": "2025-12-20", "contact_type": "phone", "description": "Call to GP"},
    )
    c = ContributionRequest.objects.get(pk=w.contribution.pk)
    assert c.chronology.count() == 2
    response = client.post(
        url("my_contribution", pk=w.contribution.pk),
        {
            "involvement": "ED visits",
            "analysis": "A",
            "immediate_safety_actions": "S",
            "learning": "L",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    c = ContributionRequest.objects.get(pk=w.contribution.pk)
    assert c.status == "submitted" and c.submitted_by == w.contributor
    # Submitted: read-only, with its receipt on the page; nothing more is added.
    page = client.get(url("my_contribution", pk=w.contribution.pk)).content.decode()
    assert "Contribution submitted" in page and "Submit the contribution" not in page
    late = client.post(
        url("my_chronology_add", pk=w.contribution.pk),
        {"occurred_on": "2025-12-21", "contact_type": "phone", "description": "Second call"},
    )
    assert late.status_code == 400 and "can no longer change" in late.content.decode()
    assert c.chronology.count() == 2
    timeline = client_for(w.bu).get(
        url("rapid_review_timeline", pk=w.rapid_review.pk) + f"?agency={w.hospital.pk}"
    )
    assert "Call to GP" in timeline.content.decode()


def test_business_unit_sees_who_is_late_by_agency(world, client_for):
    w = world
    page = client_for(w.bu).get(url("late_contributions")).content.decode()
    assert "Alpha Hospital Trust" in page  # due 21 January 2026, not submitted


@pytest.mark.parametrize("name", LISTS)
def test_list_pages_run_a_constant_number_of_queries(world, client_for, name):
    w = world
    from reviews.models import LCSPR, LearningReview, Theme

    counter = {"n": 0}

    def add_rows(n):
        for _ in range(n):
            counter["n"] += 1
            i = counter["k"] = counter["n"]
            if name == "notification_list":
                services.save_notification(
                    w.bu,
                    SeriousIncidentNotification(
                        partnership=w.alpha,
                        child_reference=f"Child {i}",
                        age_band="1_4",
                        area=w.area_a,
                        incident_type="death",
                        la_aware_on=D(2026, 2, 2),
                    ),
                )
            elif name == "rapid_review_list":
                n_ = services.save_notification(
                    w.bu,
                    SeriousIncidentNotification(
                        partnership=w.alpha,
                        child_reference=f"Child {i}",
                        age_band="1_4",
                        area=w.area_a,
                        incident_type="death",
                        la_aware_on=D(2026, 2, 2),
                    ),
                )
                services.start_rapid_review(w.bu, n_)
            elif name == "lcspr_list":
                LCSPR.objects.create(
                    partnership=w.alpha,
                    reference=f"L{i}",
                    title="T",
                    area=w.area_a,
                    decided_on=D(2026, 1, 1),
                    due_date=D(2026, 7, 1),
                )
            elif name == "learning_review_list":
                LearningReview.objects.create(
                    partnership=w.alpha, kind="mace", title=f"M{i}", area=w.area_a, started_on=D(2026, 1, 1)
                )
            else:
                Theme.objects.create(partnership=w.alpha, name=f"Theme {i}")

    assert_constant_queries(client_for(w.bu), url(name), add_rows, small=2, large=12)
