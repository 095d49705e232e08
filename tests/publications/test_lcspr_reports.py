"""LCSPR reports: linked to their LCSPR in the reviews app (by id, through the record lookup),
publishing records the date against the review's deadline, and a published report stays published
for at least 1 year (docs/statutory-rules.md#lcspr)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from partnerships.core.models import RecordLink
from partnerships.deadlines.register import deadlines_for
from publications import services
from publications.choices import PublicationKind, VersionStatus
from publications.models import Publication, PublicationVersion
from reviews.models import LCSPR
from reviews.services import LCSPR_PUBLICATION_KIND, save_lcspr
from tests.publications.support import sign_all

D = datetime.date
PUBLISHED = D(2025, 4, 10)


DECIDED = D(2024, 11, 1)


def _lcspr(world, *, sent=True, decided=DECIDED):
    lcspr = LCSPR(partnership=world.alpha, title="Child Q", decided_on=decided)
    if sent:
        lcspr.sent_to_panel_on = lcspr.sent_to_dfe_on = decided + datetime.timedelta(days=140)
    return save_lcspr(world.bu, lcspr)


def _report(world, lcspr):
    return services.create_publication(
        world.bu,
        world.alpha,
        kind=PublicationKind.LCSPR_REPORT,
        title="Child Q: the review",
        lcspr_id=lcspr.pk,
    )


def _signed(world, report):
    version = services.make_draft(world.bu, report)
    version = services.send_for_sign_off(world.bu, version, accept_missing=True)
    sign_all(world, version)
    return version


def _published(world, on=PUBLISHED):
    lcspr = _lcspr(world, decided=on - datetime.timedelta(days=160))
    report = _report(world, lcspr)
    version = services.publish(world.bu, _signed(world, report), on=on)
    return lcspr, report, version


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_publishing_an_lcspr_report_records_the_date_on_the_review_and_its_deadline(world):
    lcspr, report, _ = _published(world)
    lcspr.refresh_from_db()
    assert lcspr.published_on == PUBLISHED
    deadline = deadlines_for(lcspr).get(kind=LCSPR_PUBLICATION_KIND)
    assert deadline.due_date == D(2025, 5, 1) and deadline.met_on == PUBLISHED
    assert RecordLink.objects.for_record(report).filter(from_id=lcspr.pk).exists()


def test_the_document_page_links_to_the_review(client, world):
    lcspr, report, _ = _published(world)
    client.force_login(world.bu)
    page = client.get(report.get_absolute_url()).content.decode()
    assert f'href="{lcspr.get_absolute_url()}"' in page and str(lcspr) in page
    assert "Stays published at least until" in page and "10 April 2026" in page


def test_the_review_page_links_to_its_published_report(client, world):
    lcspr, report, _ = _published(world)
    client.force_login(world.bu)
    page = client.get(lcspr.get_absolute_url()).content.decode()
    assert f'href="{report.get_absolute_url()}"' in page
    assert "The published LCSPR report" in page and "Not linked to any other record" not in page


def test_an_lcspr_report_without_its_review_is_not_published(world):
    report = services.create_publication(
        world.bu, world.alpha, kind=PublicationKind.LCSPR_REPORT, title="Child R: the review"
    )
    version = _signed(world, report)
    with pytest.raises(ValidationError, match="Link this report to its LCSPR"):
        services.publish(world.bu, version, on=PUBLISHED)
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT_FOR_SIGN_OFF and version.published_on is None
    lcspr = _lcspr(world)
    services.link_lcspr(world.bu, report, lcspr.pk)
    services.publish(world.bu, version, on=PUBLISHED)
    lcspr.refresh_from_db()
    assert lcspr.published_on == PUBLISHED


def test_the_review_refuses_a_publication_before_the_report_reached_the_panel(world):
    lcspr = _lcspr(world, sent=False)
    version = _signed(world, _report(world, lcspr))
    with pytest.raises(ValidationError, match="Panel and the DfE"):
        services.publish(world.bu, version, on=PUBLISHED)
    version.refresh_from_db()
    lcspr.refresh_from_db()
    assert version.status == VersionStatus.SENT_FOR_SIGN_OFF and lcspr.published_on is None
    assert deadlines_for(lcspr).get(kind=LCSPR_PUBLICATION_KIND).met_on is None


def test_a_report_links_only_to_a_review_of_its_own_partnership(world):
    other = save_lcspr(world.bu, LCSPR(partnership=world.beta, title="Child S", decided_on=D(2024, 11, 1)))
    with pytest.raises(ValidationError, match="Choose an LCSPR of this partnership"):
        _report(world, other)
    assert not Publication.objects.filter(title="Child Q: the review").exists()


def test_withdrawing_an_lcspr_report_within_a_year_is_refused_and_changes_nothing(world):
    *_, version = _published(world)
    with pytest.raises(ValidationError, match=r"at least 1 year.*cannot be withdrawn before 10 April 2026"):
        services.withdraw(world.bu, version, reason="Asked by the family", on=D(2026, 4, 9))
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED and version.withdrawn_on is None
    services.withdraw(world.bu, version, reason="Replaced by the findings", on=D(2026, 4, 10))
    version.refresh_from_db()
    assert version.status == VersionStatus.WITHDRAWN and version.withdrawn_on == D(2026, 4, 10)
    assert version.withdrawal_reason == "Replaced by the findings"


def test_the_withdraw_form_shows_the_rule_as_a_govuk_error(client, world):
    *_, version = _published(world, on=datetime.date.today() - datetime.timedelta(days=30))
    client.force_login(world.bu)
    url = reverse("publications:version_withdraw", kwargs={"partnership": "alpha", "pk": version.pk})
    page = client.post(url, {"reason": "No longer needed"}).content.decode()
    assert "govuk-error-summary" in page and "must stay published for at least 1 year" in page
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    public = client.get(reverse("publications:public_index", kwargs={"slug": "alpha"})).content.decode()
    assert "Child Q: the review" in public


def test_the_api_refuses_an_early_withdrawal_with_400(world):
    _, _, version = _published(world, on=datetime.date.today() - datetime.timedelta(days=30))
    response = _api(world.bu).post(
        f"/api/publication-versions/{version.pk}/withdraw/", {"reason": "No longer needed"}
    )
    assert response.status_code == 400 and "at least 1 year" in str(response.json())
    assert PublicationVersion.objects.get(pk=version.pk).status == VersionStatus.PUBLISHED


def test_withdrawn_arrangements_leave_the_public_pages(client, world):
    from tests.publications.support import publish_arrangements

    version = publish_arrangements(world, on=datetime.date.today() - datetime.timedelta(days=3))
    title = version.publication.title
    index = reverse("publications:public_index", kwargs={"slug": "alpha"})
    assert title in client.get(index).content.decode()
    response = _api(world.bu).post(
        f"/api/publication-versions/{version.pk}/withdraw/", {"reason": "Superseded by the new arrangements"}
    )
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert title not in client.get(index).content.decode()
    public = reverse("publications:public_document", kwargs={"slug": "alpha", "pk": version.publication_id})
    assert client.get(public).status_code == 404


def test_starting_an_lcspr_report_asks_for_its_review(client, world):
    lcspr = _lcspr(world)
    client.force_login(world.bu)
    url = reverse("publications:publication_create", kwargs={"partnership": "alpha"})
    form = client.get(url).content.decode()
    assert f'<option value="{lcspr.pk}">{lcspr}</option>' in form
    page = client.post(url, {"kind": "lcspr_report", "title": "Child Q: the review"}).content.decode()
    assert "govuk-error-summary" in page and "Choose the LCSPR this report publishes" in page
    assert not Publication.objects.filter(title="Child Q: the review").exists()
    client.post(url, {"kind": "lcspr_report", "title": "Child Q: the review", "lcspr_id": lcspr.pk})
    assert Publication.objects.get(title="Child Q: the review").lcspr_id == lcspr.pk


def test_the_api_links_a_new_report_only_to_a_review_of_its_partnership(world):
    mine = _lcspr(world)
    other = save_lcspr(world.bu, LCSPR(partnership=world.beta, title="Child S", decided_on=D(2024, 11, 1)))
    body = {"partnership": "alpha", "kind": "lcspr_report", "title": "Child Q: the review"}
    refused = _api(world.bu).post("/api/publications/", {**body, "lcspr_id": other.pk})
    assert refused.status_code == 400 and "Choose an LCSPR of this partnership" in str(refused.json())
    created = _api(world.bu).post("/api/publications/", {**body, "lcspr_id": mine.pk})
    assert created.status_code == 201 and created.json()["lcspr_id"] == mine.pk
