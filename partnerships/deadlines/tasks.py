"""Celery tasks of the deadline register: thin and idempotent, each calls a service.

`sweep_deadlines` runs on Celery beat's schedule (CELERY_BEAT_SCHEDULE, kept in the database by
django-celery-beat); the outbox's `send_reminders` (partnerships/deadlines/outbox.py) sends the recorded reminders a sweep queued, a chunk of ids
to a message, and `send_reminder` one, by id (a retry after a mail failure). See
partnerships/deadlines/reminders.py for why a reminder is sent once and never lost.
"""

from celery import shared_task

from partnerships.deadlines import reminders


@shared_task(acks_late=True, ignore_result=True)
def sweep_deadlines():
    return reminders.sweep().as_dict()
