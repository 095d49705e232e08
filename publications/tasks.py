"""Celery task: render a version's PDF in the background (thin; publications/rendering.py does it)."""

from celery import shared_task

from publications import rendering


@shared_task(time_limit=300, soft_time_limit=280, ignore_result=True)
def render_version_pdf(version_id):
    rendering.render_version(version_id)
