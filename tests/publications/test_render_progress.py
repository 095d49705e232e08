"""Publishing without a worker (`make run`): the request returns at once with the version page
showing the PDF's progress, refreshing itself without script; a background thread makes the PDF."""

import pytest
from django.urls import reverse

from publications import services, tasks
from publications.choices import RenderStatus
from publications.models import PublicationVersion
from tests.publications.support import sign_all


@pytest.mark.django_db(transaction=True)
def test_publishing_shows_progress_while_a_thread_makes_the_pdf(world, client_for, settings, monkeypatch):
    settings.RENDER_IN_BACKGROUND_THREAD = True
    threads = []
    queue = tasks.queue_render
    monkeypatch.setattr(tasks, "queue_render", lambda pk: threads.extend(queue(pk)) or threads)
    version = services.send_for_sign_off(
        world.bu, services.make_draft(world.bu, world.arrangements), accept_missing=True
    )
    sign_all(world, version)
    bu = client_for(world.bu)
    response = bu.post(
        reverse("publications:version_publish", kwargs={"partnership": "alpha", "pk": version.pk}),
        follow=True,
    )
    html = response.content.decode()
    assert "Published. The public page is available; the PDF is being made below." in html
    assert len(threads) == 1 and threads[0].name == f"render-{version.pk}"
    threads[0].join(timeout=120)
    version.refresh_from_db()
    assert version.render_status == RenderStatus.DONE and version.pdf_is_current and version.pdf_pages >= 2
    page = bu.get(version.get_absolute_url()).content.decode()
    assert "Download the PDF" in page and 'http-equiv="refresh"' not in page


def test_the_version_page_refreshes_itself_while_the_pdf_is_made(world, client_for):
    version = world.arrangements_v1
    PublicationVersion.objects.filter(pk=version.pk).update(
        render_status=RenderStatus.RUNNING, render_progress=40
    )
    page = client_for(world.bu).get(version.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress max="100" value="40">40%</progress>' in page
