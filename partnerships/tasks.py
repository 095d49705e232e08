"""Celery tasks of the deadline register: thin and idempotent, each calls a service.

`sweep_deadlines` runs on Celery beat's schedule (CELERY_BEAT_SCHEDULE, kept in the database by
django-celery-beat); `send_reminder` sends one recorded reminder, by id. See
partnerships/reminders.py for why a reminder is sent once and never lost.
"""

from celery import shared_task

from partnerships import reminders

# A hard limit well under the claim timeout (REMINDER_CLAIM_TIMEOUT_SECONDS, 600 s by default), so
# a claim is only ever taken over from a worker that is gone. EMAIL_TIMEOUT bounds each SMTP call.
SEND_TIME_LIMIT = 120
SEND_SOFT_TIME_LIMIT = 100


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # reminders.max_attempts() decides when to give up, from the database row
    time_limit=SEND_TIME_LIMIT,
    soft_time_limit=SEND_SOFT_TIME_LIMIT,
    ignore_result=True,
)
def send_reminder(self, reminder_id):
    try:
        return reminders.deliver(reminder_id)
    except reminders.SendFailed as failure:
        if failure.final or self.request.is_eager:
            # In-process (no broker) the next sweep retries it, once its backoff has passed.
            return "failed"
        raise self.retry(countdown=failure.retry_in, exc=failure.__cause__) from failure


@shared_task(acks_late=True, ignore_result=True)
def sweep_deadlines():
    return reminders.sweep().as_dict()
