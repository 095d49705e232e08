"""The publications pages: start a document, write, draft, send, sign, publish, compare; the public
pages without sign-in; the list's exports and query counts."""

import datetime

from django.urls import reverse

from publications import services
from publications.choices import PublicationKind, VersionStatus
from publications.models import Publication, PublicationVersion
from tests.querycount import assert_constant_queries


def _url(name, **kwargs):
    return reverse(f"publications:{name}", kwargs={"partnership": "alpha", **kwargs})


def test_start_a_yearly_report_needs_its_period(world, client_for):
    client = client_for(world.bu)
    before = Publication.objects.count()
    response = client.post(_url("publication_create"), {"kind": "yearly_report", "title": "Report"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert Publication.objects.count() == before
    response = client.post(
        _url("publication_create"),
        {
            "kind": "yearly_report",
            "title": "Report 2024 to 2025",
            "period_start_0": "1",
            "period_start_1": "4",
            "period_start_2": "2024",
        },
    )
    assert response.status_code == 302
    created = Publication.objects.get(title="Report 2024 to 2025")
    assert created.period_start == datetime.date(2024, 4, 1)
    assert created.period_end == datetime.date(2025, 3, 31)


def test_the_journey_from_narrative_to_publication(world, client_for, django_capture_on_commit_callbacks):
    bu = client_for(world.bu)
    pub = world.arrangements
    detail = bu.get(_url("publication_detail", pk=pub.pk)).content.decode()
    assert "Independent scrutiny" in detail and "Not written" in detail  # the warning before sign-off
    response = bu.post(
        _url("narrative_edit", pk=pub.pk, key="arrangements:scrutiny"),
        {"text": "An independent scrutineer chairs the Executive."},
    )
    assert response.status_code == 302
    response = bu.post(_url("make_draft", pk=pub.pk))
    version = pub.versions.get(status=VersionStatus.DRAFT)
    assert response["Location"] == version.get_absolute_url()
    page = bu.get(version.get_absolute_url()).content.decode()
    assert "An independent scrutineer chairs the Executive." in page
    assert "These required sections are empty" in page
    # sending without confirming the empty sections is refused
    bu.post(_url("version_send", pk=version.pk))
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    bu.post(_url("version_send", pk=version.pk), {"accept_missing": "on"})
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT_FOR_SIGN_OFF
    # each lead sees a form for their own organisation only
    la_page = client_for(world.lead_la).get(version.get_absolute_url()).content.decode()
    assert f'value="{world.council.pk}"' in la_page and f'value="{world.police.pk}"' not in la_page
    # the police lead cannot sign for the council
    client_for(world.lead_police).post(
        _url("version_sign", pk=version.pk), {"organisation": world.council.pk}
    )
    assert not version.sign_offs.exists()
    for lead, org in (
        (world.lead_la, world.council),
        (world.lead_la2, world.council2),
        (world.lead_health, world.icb),
    ):
        client_for(lead).post(_url("version_sign", pk=version.pk), {"organisation": org.pk})
    assert version.sign_offs.count() == 3
    bu.post(_url("version_publish", pk=version.pk))
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT_FOR_SIGN_OFF  # the police have not signed
    client_for(world.lead_police).post(_url("version_sign", pk=version.pk), {"organisation": world.police.pk})
    with django_capture_on_commit_callbacks(execute=True):
        bu.post(_url("version_publish", pk=version.pk))
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.pdf_is_current  # rendered by the task on publication (eager in tests)
    response = bu.get(_url("version_pdf", pk=version.pk))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_scrutineer_and_contributor_cannot_send_sign_or_publish(world, client_for):
    version = services.make_draft(world.bu, world.arrangements)
    for person in (world.scrutineer, world.lead_la):
        assert client_for(person).post(_url("version_send", pk=version.pk)).status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert client_for(world.scrutineer).post(
        _url("version_sign", pk=version.pk), {"organisation": world.council.pk}
    ).status_code in (403, 404)
    assert client_for(world.outsider).get(version.get_absolute_url()).status_code == 404


def test_diff_between_versions_is_readable(world, client_for):
    services.write_narrative(world.bu, world.arrangements, "arrangements:escalation", "First the manager.")
    v1 = services.send_for_sign_off(
        world.bu, services.make_draft(world.bu, world.arrangements), accept_missing=True
    )
    services.write_narrative(
        world.bu, world.arrangements, "arrangements:escalation", "First the team leader."
    )
    world.agency.reason = "The acute trust for the area"
    world.agency.save()
    v2 = services.make_draft(world.bu, world.arrangements)
    page = client_for(world.bu).get(_url("diff", pk=world.arrangements.pk) + f"?from={v1.pk}&to={v2.pk}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "How to escalate a concern" in html
    assert "\u2212 First the manager." in html and "+ First the team leader." in html
    assert "The acute trust for the area" in html  # a figure drawn from the records changed too
    assert "Structure of the partnership" not in html  # unchanged sections are left out


def test_public_pages_need_no_sign_in_and_show_only_published(world, client):
    index = reverse("publications:public_index", kwargs={"slug": "alpha"})
    doc = reverse("publications:public_document", kwargs={"slug": "alpha", "pk": world.arrangements.pk})
    assert client.get(index).status_code == 200
    assert client.get(doc).status_code == 404  # only a draft so far
    from tests.publications.support import publish_arrangements

    publish_arrangements(world, on=datetime.date(2019, 6, 20))
    html = client.get(index).content.decode()
    assert "Alpha safeguarding arrangements" in html and "20 June 2019" in html
    page = client.get(doc)
    assert page.status_code == 200 and "Published" in page.content.decode()
    assert "Relevant agencies" in page.content.decode()
    pdf = client.get(
        reverse("publications:public_pdf", kwargs={"slug": "alpha", "pk": world.arrangements.pk})
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # another partnership's page lists nothing of alpha's
    beta = client.get(reverse("publications:public_index", kwargs={"slug": "beta"})).content.decode()
    assert "Alpha safeguarding arrangements" not in beta
    beta_doc = reverse("publications:public_document", kwargs={"slug": "beta", "pk": world.arrangements.pk})
    assert client.get(beta_doc).status_code == 404


def test_list_exports_and_constant_queries(world, client_for):
    client = client_for(world.bu)
    csv = client.get(_url("publication_list") + "?export=csv").content.decode("utf-8-sig")
    assert "Alpha safeguarding arrangements" in csv and "Beta" not in csv
    xlsx = client.get(_url("publication_list") + "?export=xlsx")
    assert xlsx.status_code == 200

    def add_rows(n):
        for i in range(n):
            pub = Publication.objects.create(
                partnership=world.alpha, kind=PublicationKind.LCSPR_REPORT, title=f"Review {i}"
            )
            PublicationVersion.objects.create(publication=pub, number=1, content={"sections": []})

    assert_constant_queries(client, _url("publication_list"), add_rows, small=3, large=40)


def test_render_progress_is_reported(world, client_for, django_capture_on_commit_callbacks):
    version = services.make_draft(world.bu, world.arrangements)
    client = client_for(world.bu)
    assert client.get(_url("version_progress", pk=version.pk)).json()["ready"] is False
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("version_render", pk=version.pk))
    data = client.get(_url("version_progress", pk=version.pk)).json()
    assert data == {"status": "done", "label": "Ready", "progress": 100, "ready": True}
    # reused until the content changes
    version.refresh_from_db()
    name = version.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("version_render", pk=version.pk))
    version.refresh_from_db()
    assert version.pdf.name == name
    services.write_narrative(world.bu, world.arrangements, "arrangements:escalation", "Changed.")
    version = services.make_draft(world.bu, world.arrangements)
    assert not version.pdf_is_current
