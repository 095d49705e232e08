"""Celery tasks of the deadline register: thin and idempotent, each calls a service.

`sweep_deadlines` runs on Celery beat's schedule (CELERY_BEAT_SCHEDULE, kept in the database by
django-celery-beat); `send_reminders` sends the recorded reminders a sweep queued, a chunk of ids
to a message, and `send_reminder` one, by id (a retry after a mail failure). See
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


# A chunk stops taking new reminders after SEND_MANY_BUDGET seconds and hands the rest on, so its
# last reminder (EMAIL_TIMEOUT to send, then up to reminders.MARK_SENT_PATIENCE to mark) ends inside
# the soft limit; the hard limit stays well under the claim timeout too.
SEND_MANY_SOFT_TIME_LIMIT = 300
SEND_MANY_TIME_LIMIT = 330


def send_many_budget():
    from django.conf import settings

    return max(SEND_MANY_SOFT_TIME_LIMIT - settings.EMAIL_TIMEOUT - reminders.MARK_SENT_PATIENCE - 30, 10)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=SEND_MANY_TIME_LIMIT,
    soft_time_limit=SEND_MANY_SOFT_TIME_LIMIT,
    ignore_result=True,
)
def send_reminders(self, reminder_ids):
    eager = self.request.is_eager
    return reminders.deliver_many(
        reminder_ids,
        budget=send_many_budget(),
        # In-process (no broker) the next sweep retries a failed one, once its backoff has passed.
        retry=None if eager else lambda pk, seconds: send_reminder.apply_async(args=[pk], countdown=seconds),
        hand_on=lambda rest: send_reminders.apply_async(args=[rest]),
    ).as_dict()
