"""Celery task: render a version's PDF in the background (thin; publications/rendering.py does it)."""

import logging

from celery import shared_task
from celery.signals import worker_process_init

from publications import rendering


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
