"""Production: secrets from the environment, HTTPS only, hashed static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False
DEMO_MODE = False

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random value of at least 50 characters.")

# Every link in an e-mail (reminders, notifications, password reset) and in a calendar feed is built
# on this address, never on a request's Host header; a default would send people to the wrong place.
SITE_URL = env("SITE_URL", default="").strip()
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "Set SITE_URL to the public address people open the service on, for example "
        "SITE_URL=https://safeguarding.example.org (see DEPLOYMENT.md): e-mails link to it."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")
# Every account gives a second factor in production, whatever the environment says.
MFA_REQUIRED = True
