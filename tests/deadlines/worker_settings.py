"""Settings of the real Celery worker the integration tests start (test_deadlines_worker.py).

The test process passes the test database (DATABASE_URL), the Redis broker (REDIS_URL), its own
queue, the folder the file outbox writes to and short timeouts, so a killed worker's claims go
stale in seconds rather than minutes.
"""

from config.settings.base import env
from config.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
EMAIL_BACKEND = "tests.deadlines.support.FileOutbox"
EMAIL_FILE_PATH = env("MAIL_DIR")
SLOW_EMAIL_SECONDS = env.float("SLOW_EMAIL_SECONDS", default=0.0)
REMINDER_CLAIM_TIMEOUT_SECONDS = env.int("REMINDER_CLAIM_TIMEOUT_SECONDS", default=5)
REMINDER_REQUEUE_AFTER_SECONDS = env.int("REMINDER_REQUEUE_AFTER_SECONDS", default=2)
REMINDER_RETRY_BACKOFF_SECONDS = 1
