"""A developer's machine and `make run`: debug on, demo mode on, plain static files."""

import warnings

from .base import *

DEBUG = env.bool("DJANGO_DEBUG", default=True)
DEMO_MODE = env.bool("DEMO_MODE", default=True)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Static files come from the app folders through runserver; there is no collectstatic folder here.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise")
# Demo accounts sign in with a password alone; set MFA_REQUIRED=true to try the second factor.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=not DEMO_MODE)
