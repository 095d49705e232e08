"""Settings shared by every environment; each value that differs comes from the environment."""

import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-development-key-never-used-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Demo mode: the seeded demo partnerships and their printed logins; multi-factor sign-in is not
# demanded of demo accounts. Never set in production.
DEMO_MODE = env.bool("DEMO_MODE", default=False)

INSTALLED_APPS = [
    "config.apps.AdministratorsAdminConfig",  # the admin: superusers only (config/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # widget templates for the GOV.UK form renderer
    "guardian",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_celery_beat",
    # The apps depend one way (DEVELOPING.md, checked by `lint-imports`): the base
    # (partnerships.core) and its shared domains; reviews, child_death and funding build on them;
    # publications reads from all of them; demo data sits above everything.
    "partnerships.core",
    "partnerships.deadlines",
    "partnerships.governance",
    "partnerships.assurance",
    "partnerships.learning",
    "reviews",
    "child_death",
    "funding",
    "publications",
    "publications.dashboard",  # the scrutiny dashboard, its own app label "dashboard"
    "partnerships.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Private by construction: every page needs sign-in unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "partnerships.core.middleware.NoStoreForSignedInMiddleware",
    "partnerships.core.middleware.PartnershipWriteGuardMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerships.core.context_processors.service",
            ],
        },
    },
]
FORM_RENDERER = "partnerships.core.forms.renderer.GovUKFormRenderer"

# SQLite in the project folder unless DATABASE_URL names the real database.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
# A connection that died with a database restart is replaced before the next request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partnerships.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password-reset link works once and for this long (partnerships/security/views.py).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_MINUTES", default=60) * 60
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# guardian: no anonymous user row; permissions are only ever granted through roles.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded papers are never served from a public URL: no URL pattern serves MEDIA_URL; only
# permission-checked views stream files (and a web server must not be pointed at MEDIA_ROOT).
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Redis, when given, is the Celery broker and the cache; without it tasks run in-process.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to a miss when Redis is down: a cache outage never breaks a page.
            "BACKEND": "partnerships.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="sp"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Without a worker (tasks in-process), PDFs are made on a background thread so the page that asked
# shows their progress at once (publications/tasks.py). The suite renders in the request instead.
RENDER_IN_BACKGROUND_THREAD = env.bool("RENDER_IN_BACKGROUND_THREAD", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish to a dead broker must fail fast: the database row it stands for is the truth and
# the sweep sends what was missed.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The deadline sweep (partnerships/deadlines/reminders.py); beat copies this entry into the database.
CELERY_BEAT_SCHEDULE = {
    "sweep-deadlines": {
        "task": "partnerships.deadlines.tasks.sweep_deadlines",
        "schedule": env.int("DEADLINE_SWEEP_SECONDS", default=300),
    }
}
CELERY_TIMEZONE = TIME_ZONE

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="safeguarding-partnerships@localhost")
# An SMTP call never hangs a reminder task past its time limit (partnerships/tasks.py).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The one address of the service: every link in an e-mail or calendar feed is built on it
# (partnerships/core/mail.py), never on a request's Host header. Production refuses to start
# without it (config/settings/production.py); `make run` sets it to the address it serves on.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

REST_FRAMEWORK = {
    # A personal token (hashed, scoped, expiring: partnerships/security/authentication.py) first, so
    # a request that carries one is held to its scope; otherwise the signed-in session.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partnerships.security.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["partnerships.core.api.permissions.PartnershipRolePermission"],
    # Writes take JSON only (pages use Django forms, not DRF), so the schema offers one request type.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["partnerships.core.api.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "partnerships.core.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "partnerships.core.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safeguarding Partnerships API",
    "DESCRIPTION": (
        "The records of a child safeguarding partnership. Every endpoint obeys the same roles as the "
        "pages: a partnership you hold no role in does not exist for you (404), and a scrutineer "
        "may read but never write (403)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema describes the API's shape, not anyone's data; the data stays behind the roles.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "partnerships.core.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "FactorGradeEnum": "child_death.choices.FactorGrade",
        "Section11ScoreEnum": "partnerships.assurance.choices.Section11Score",
        "MeetingStatusEnum": "partnerships.governance.choices.MeetingStatus",  # also training sessions
        "OpenClosedStatusEnum": "partnerships.governance.choices.RiskStatus",  # also Section 11 cycles
        "RoleKindEnum": "partnerships.core.choices.RoleKind",  # roles, and the roles of people
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {"partnerships": {"level": env("LOG_LEVEL", default="INFO")}},
}

SERVICE_NAME = "Safeguarding Partnerships"

# ---- Hardening: multi-factor sign-in, lock-out, session limits, CSP (security app) ----
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "axes", "csp", "partnerships.security"]
_after_messages = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE[_after_messages:_after_messages] = [
    "django_otp.middleware.OTPMiddleware",
    "partnerships.security.middleware.SessionLimitsMiddleware",
    "partnerships.security.middleware.MFARequiredMiddleware",
    "partnerships.security.middleware.SecurityHeadersMiddleware",
]
MIDDLEWARE += ["csp.middleware.CSPMiddleware", "axes.middleware.AxesMiddleware"]
# Axes counts failed sign-ins before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]

# Every account gives a TOTP code (or a single-use recovery code) after its password. Only demo
# mode (config.settings.local, `make run`) and the test suite's own sign-ins turn this off;
# production forces it on (config.settings.production).
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Safeguarding Partnerships"
OTP_TOTP_THROTTLE_FACTOR = 1

# Lock-out (partnerships/security/lockout.py, DEPLOYMENT.md): SIGN_IN_FAILURE_LIMIT (5) failed
# sign-ins for one username from one address within 15 minutes lock that pair for 15 minutes; the
# owner elsewhere still signs in. SIGN_IN_ADDRESS_FAILURE_LIMIT (50) failures from one address across
# any usernames lock the address (password spraying); higher, so a shared council NAT is not locked
# by one person's typing. Behind TRUSTED_PROXY_COUNT reverse proxies the client's address is read
# from X-Forwarded-For, as the outermost trusted proxy wrote it; with none (0) the header is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "partnerships.security.lockout.client_address"
AXES_HANDLER = "partnerships.security.lockout.SignInLockoutHandler"
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=50)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("SIGN_IN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# Sessions end 30 minutes after the last request and 12 hours after sign-in whatever the activity
# (partnerships.security.middleware.SessionLimitsMiddleware), at sign-out, and when the account is disabled.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content Security Policy: scripts and styles only from this site, nothing inline, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Retention (security/retention.py): the daily job; RETENTION_DAYS overrides a rule's period by key.
CELERY_BEAT_SCHEDULE["apply-retention"] = {
    "task": "partnerships.security.tasks.apply_retention",
    "schedule": 24 * 60 * 60,
}
RETENTION_DAYS = {}

# History is a record of what happened: the admin shows it, never reverts to it.
SIMPLE_HISTORY_REVERT_DISABLED = True
