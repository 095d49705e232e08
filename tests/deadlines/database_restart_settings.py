"""Settings of the gunicorn app and Celery worker that test_database_restart.py runs on a private cluster.

The test settings, with production's persistent connections: a connection is kept for
`CONN_MAX_AGE` seconds and checked before each request reuses it (`CONN_HEALTH_CHECKS`, set in
config.settings.base), so one that died with a database restart is replaced, not used.

`NO_MIGRATIONS=1` (only for the one command that creates the tables) builds the schema from the
models, as `pytest --nomigrations` does: the same tables in seconds instead of minutes, and no
migration holds data of its own (none has RunPython or RunSQL).
"""

from config.settings.base import env
from config.settings.test import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405 (production's default, config.settings.base)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# A database that is down refuses at once; one that hangs must not hold a web worker for long.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3  # noqa: F405

if env.bool("NO_MIGRATIONS", default=False):

    class _NoMigrations(dict):
        def __contains__(self, item):
            return True

        def __getitem__(self, item):
            return None

    MIGRATION_MODULES = _NoMigrations()

# The worker's half (as tests/deadlines/worker_settings.py): a real broker, its own
# queue and a file outbox, when the test passes them.
if env("MAIL_DIR", default=""):
    CELERY_TASK_ALWAYS_EAGER = False
    CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
    EMAIL_BACKEND = "tests.deadlines.support.FileOutbox"
    EMAIL_FILE_PATH = env("MAIL_DIR")
    SLOW_EMAIL_SECONDS = env.float("SLOW_EMAIL_SECONDS", default=0.0)
    REMINDER_CLAIM_TIMEOUT_SECONDS = env.int("REMINDER_CLAIM_TIMEOUT_SECONDS", default=5)
    REMINDER_REQUEUE_AFTER_SECONDS = env.int("REMINDER_REQUEUE_AFTER_SECONDS", default=2)
    REMINDER_RETRY_BACKOFF_SECONDS = 1
