"""Celery task: render a version's PDF in the background (thin; publications/rendering.py does it).

`queue_render` is the one way a page asks for a PDF: the request returns at once and the version
page shows the progress, refreshing itself (with or without script), while the Celery worker renders
it. Where tasks run in-process (`make run`, no Redis), a background thread takes the worker's place
(RENDER_IN_BACKGROUND_THREAD), so publishing never freezes the page for the seconds a long document
takes.
"""

import logging
import threading

from celery import shared_task
from celery.signals import worker_process_init
from django.conf import settings
from django.db import connection, transaction

from publications import rendering
from publications.choices import RenderStatus
from publications.models import PublicationVersion

logger = logging.getLogger(__name__)


@shared_task(time_limit=300, soft_time_limit=280, ignore_result=True)
def render_version_pdf(version_id):
    rendering.render_version(version_id)


@worker_process_init.connect
def warm_up_renderer(**kwargs):
    """Each worker process loads WeasyPrint as it starts, not during a user's first render."""
    try:
        rendering.warm_up()
    except Exception:  # a failed warm-up only costs the time it was meant to save
        logging.getLogger(__name__).exception("Warming up the PDF renderer failed")


def _render_on_a_thread(version_id):
    try:
        rendering.render_version(version_id)
    except Exception:  # recorded on the version (render_status "failed") by render_version
        logger.exception("Rendering version %s on a background thread failed", version_id)
    finally:
        connection.close()


def queue_render(version_id, *, after_commit=True):
    """Mark the version's PDF as queued and start making it once the transaction commits (at once
    with `after_commit=False`, for a request that saved nothing); returns a list holding the thread
    when one renders it, so a test can wait for it."""
    PublicationVersion.objects.filter(pk=version_id).exclude(
        render_status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]
    ).update(render_status=RenderStatus.QUEUED, render_progress=0, render_error="")
    started = []

    def start():
        if settings.CELERY_TASK_ALWAYS_EAGER and settings.RENDER_IN_BACKGROUND_THREAD:
            thread = threading.Thread(
                target=_render_on_a_thread, args=(version_id,), name=f"render-{version_id}", daemon=True
            )
            thread.start()
            started.append(thread)
        else:
            render_version_pdf.delay(version_id)

    if after_commit:
        transaction.on_commit(start)
    else:
        start()
    return started
