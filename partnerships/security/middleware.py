"""Multi-factor sign-in and session limits, enforced for every page (OWASP ASVS 2.8, 3.3).

- `MFARequiredMiddleware`: with `settings.MFA_REQUIRED` (always on in production; off only in
  demo mode and for the test suite's own sign-ins), a signed-in person who has not given a code
  from their authenticator app (or a recovery code) in this session reaches only the sign-in,
  set-up and sign-out pages; the API answers 403.
- `SessionLimitsMiddleware`: a session ends after `SESSION_IDLE_SECONDS` without a request and
  `SESSION_ABSOLUTE_SECONDS` after sign-in, whatever the activity. A disabled account's session
  ends at its next request (Django's ModelBackend refuses inactive users).
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

STARTED = "_auth_started"
LAST_SEEN = "_last_seen"
# Writing the session on every request would cost a database write per page; a minute is enough
# precision for a 30-minute idle limit.
TOUCH_EVERY = 60

OPEN_PREFIXES = ("/sign-in/", "/sign-out/", "/mfa/", "/static/", "/accessibility/", "/api/schema/")


def mfa_required():
    return getattr(settings, "MFA_REQUIRED", True)


class MFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            mfa_required()
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": ["Give a code from your authenticator app at /mfa/verify/ first."]}, status=403
                )
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            target = reverse("security:mfa_verify" if has_device else "security:mfa_setup")
            nxt = request.get_full_path() if request.method == "GET" else "/"
            return redirect(f"{target}?{urlencode({'next': nxt})}")
        return self.get_response(request)


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get(STARTED)
            last = session.get(LAST_SEEN)
            idle = settings.SESSION_IDLE_SECONDS
            absolute = settings.SESSION_ABSOLUTE_SECONDS
            if started is None:
                session[STARTED] = session[LAST_SEEN] = now
            elif now - (last or started) > idle or now - started > absolute:
                reason = "no activity for 30 minutes" if now - (last or started) > idle else "12 hours"
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": ["Your session has ended. Sign in again."]}, status=403)
                messages.info(request, f"You were signed out after {reason}. Sign in again.")
                return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
            elif now - last > TOUCH_EVERY:
                session[LAST_SEEN] = now
        return self.get_response(request)


def mark_sign_in(sender, request, user, **kwargs):
    """The clock for both limits starts at sign-in (connected in partnerships.security.apps)."""
    if request is not None and hasattr(request, "session"):
        request.session[STARTED] = request.session[LAST_SEEN] = time.time()


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy (no camera, microphone, location)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
