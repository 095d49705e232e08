"""The test suite: SQLite in memory unless DATABASE_URL is set (CI sets PostgreSQL)."""

import tempfile

from .base import *

DEBUG = False
DEMO_MODE = False
# Test settings only (bandit B105 explained).
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105  # nosec B105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test points MEDIA_ROOT at its own temporary folder (tests/conftest.py); this is a fallback.
MEDIA_ROOT = Path(
    env("TEST_MEDIA_ROOT", default=str(Path(tempfile.gettempdir()) / "safeguarding-test-media"))
)
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default="test_safeguarding")}
# Tests call tasks in-process unless a test opts into the real broker.
CELERY_TASK_ALWAYS_EAGER = True
RENDER_IN_BACKGROUND_THREAD = False
# The suite's personas sign in with a password (force_login and the browser's sign-in form);
# tests/security turn this on to prove the second factor is enforced.
MFA_REQUIRED = False
# The child death demo has ~215 cases; the suite loads the demo often, so it loads about a fifth.
DEMO_CHILD_DEATHS_PER_YEAR = 12
