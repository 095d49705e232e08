from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class SecurityConfig(AppConfig):
    """Sign-in hardening (multi-factor, lock-out, session limits) and personal-data duties
    (subject access, retention, backup) across every app, through registries."""

    name = "partnerships.security"
    label = "security"
    verbose_name = "Security and personal data"

    def ready(self):
        # Imported here: these modules load models, and the app registry is not ready at import time.
        from partnerships.security.middleware import mark_sign_in

        user_logged_in.connect(mark_sign_in, dispatch_uid="partnerships.security.mark_sign_in")

        # The base app's retention rules and subject-access sources; other apps add their own.
        from partnerships.security import builtin_rules  # noqa: F401
