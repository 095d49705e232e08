"""Correcting a published document: a new version goes through the same sign-off, says what it
corrects, leaves the statutory register as the first publication left it, and the public page shows
the current version as corrected with the earlier version still listed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships.deadlines.models import YearlyReportCycle
from publications import record, services
from publications.choices import VersionStatus
from tests.publications.support import sign_all

FIRST = datetime.date(2020, 9, 20)
CORRECTED = datetime.date(2020, 10, 5)


def _publish_first(world):
    version = services.send_for_sign_off(
        world.bu, services.make_draft(world.bu, world.yearly), accept_missing=True
    )
    sign_all(world, version)
    return services.publish(world.bu, version, on=FIRST)


def _register(world):
    return sorted(
        YearlyReportCycle.objects.filter(partnership=world.alpha).values_list(
            "starts_on", "published_on", "sent_on"
        )
    )


def test_a_correction_publishes_through_the_same_sign_off_and_leaves_the_register_alone(world):
    v1 = _publish_first(world)
    register = _register(world)
    assert (world.alpha_cycle.starts_on, FIRST, None) in register

    draft = services.make_draft(world.bu, world.yearly)
    assert draft.number == 2
    with pytest.raises(ValidationError) as refused:
        services.send_for_sign_off(world.bu, draft, accept_missing=True)
    assert "Say what this version corrects: version 1 was published on 20 September 2020" in str(
        refused.value.message_dict["correction_note"]
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT

    v2 = services.send_for_sign_off(
        world.bu, draft, accept_missing=True, correction_note="The funding table gave the wrong year."
    )
    assert v2.corrects == v1
    with pytest.raises(ValidationError, match="Every statutory safeguarding partner"):
        services.publish(world.bu, v2, on=CORRECTED)
    sign_all(world, v2)
    services.publish(world.bu, v2, on=CORRECTED)

    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (VersionStatus.PUBLISHED, VersionStatus.PUBLISHED)
    assert _register(world) == register  # no cycle recorded, none started, no date moved
    world.yearly.refresh_from_db()
    assert world.yearly.cycle == world.alpha_cycle
    assert record.first_published_on(world.yearly) == FIRST


def test_the_public_page_shows_the_correction_and_lists_the_earlier_version(world, client):
    _publish_first(world)
    draft = services.make_draft(world.bu, world.yearly)
    v2 = services.send_for_sign_off(
        world.bu, draft, accept_missing=True, correction_note="The funding table gave the wrong year."
    )
    sign_all(world, v2)
    services.publish(world.bu, v2, on=CORRECTED)

    page = client.get(
        reverse("publications:public_document", kwargs={"slug": "alpha", "pk": world.yearly.pk})
    ).content.decode()
    assert "20 September 2020" in page  # first published
    assert "Corrected on 5 October 2020: The funding table gave the wrong year." in page
    earlier_pdf = reverse(
        "publications:public_version_pdf", kwargs={"slug": "alpha", "pk": world.yearly.pk, "number": 1}
    )
    assert "Earlier versions" in page and "Version 1, published 20 September 2020" in page
    assert earlier_pdf in page
    index = client.get(reverse("publications:public_index", kwargs={"slug": "alpha"})).content.decode()
    assert "published 20 September 2020, corrected 5 October 2020" in index
    missing = reverse(
        "publications:public_version_pdf", kwargs={"slug": "alpha", "pk": world.yearly.pk, "number": 3}
    )
    assert client.get(missing).status_code == 404


def test_the_send_form_asks_what_a_correction_corrects(world, client_for):
    _publish_first(world)
    draft = services.make_draft(world.bu, world.yearly)
    bu = client_for(world.bu)
    page = bu.get(draft.get_absolute_url()).content.decode()
    assert "Version 1 was published on 20 September 2020" in page
    assert "What does this version correct?" in page
    url = reverse("publications:version_send", kwargs={"partnership": "alpha", "pk": draft.pk})
    response = bu.post(url, {"accept_missing": "on", "correction_note": "  "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html and "Say what this version corrects" in html
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    response = bu.post(url, {"accept_missing": "on", "correction_note": "A typing error in the foreword."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.SENT_FOR_SIGN_OFF
    assert draft.correction_note == "A typing error in the foreword."


def test_the_api_sends_a_correction_with_its_note(world, client_for):
    _publish_first(world)
    draft = services.make_draft(world.bu, world.yearly)
    api = client_for(world.bu)
    url = f"/api/publication-versions/{draft.pk}/send/"
    response = api.post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert "Say what this version corrects" in response.json()["correction_note"][0]
    response = api.post(url, {"correction_note": "Wrong year"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["correction_note"] == "Wrong year" and response.json()["status"] == "sent"
