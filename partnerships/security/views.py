"""A person's own sign-in: the second factor (a TOTP authenticator app, with recovery codes),
resetting and changing the password, API tokens, and the account page that links them."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.security.forms import (
    ApiTokenForm,
    ChangePasswordForm,
    CodeForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    SetupForm,
)
from partnerships.security.models import ApiToken, RecoveryCodeDevice
from partnerships.security.tokens import create_token, may_hold_tokens, revoke_token


def _next(request):
    nxt = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return "/"
    return nxt


@login_required
def mfa_setup(request):
    """Add an authenticator app: scan the code, give one code back, receive recovery codes once."""
    if (
        TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        and not request.user.is_verified()
    ):
        return redirect("security:mfa_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            recovery, _ = RecoveryCodeDevice.objects.get_or_create(
                user=request.user, defaults={"name": "Recovery codes", "confirmed": True}
            )
            codes = recovery.regenerate()
            otp_login(request, device)
            return render(request, "security/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", "That code is not right. Enter the 6 digits your app shows now.")
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "security/setup.html",
        {"form": form, "secret": secret, "qr_svg": qr.svg_data_uri(scale=4), "next": _next(request)},
    )


@login_required
def mfa_verify(request):
    """Give a code from the authenticator app (or an unused recovery code) for this session."""
    totp = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if totp is None:
        return redirect(f"{reverse('security:mfa_setup')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        allowed, _ = totp.verify_is_allowed()
        if not allowed:
            form.add_error("code", "Too many wrong codes. Wait a minute, then try again.")
        elif code.isdigit() and len(code) == 6 and totp.verify_token(code):
            otp_login(request, totp)
            return redirect(_next(request))
        else:
            recovery = RecoveryCodeDevice.objects.filter(user=request.user, confirmed=True).first()
            if recovery is not None and not code.isdigit() and recovery.verify_token(code):
                otp_login(request, recovery)
                messages.warning(
                    request,
                    f"You signed in with a recovery code. {recovery.remaining} are left; "
                    "make new ones from your account if you are running low.",
                )
                return redirect(_next(request))
            form.add_error("code", "That code is not right, or it has been used already.")
    return render(request, "security/verify.html", {"form": form, "next": _next(request)})


@require_POST
def recovery_codes(request):
    """Replace a person's recovery codes (they must have given a second factor this session)."""
    if not request.user.is_verified():
        return redirect("security:mfa_verify")
    recovery, _ = RecoveryCodeDevice.objects.get_or_create(
        user=request.user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    return render(request, "security/recovery_codes.html", {"codes": recovery.regenerate(), "next": "/"})


# ---- Passwords: reset by e-mail link, change while signed in ----


def _minutes(seconds):
    return max(1, round(seconds / 60))


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link (OWASP ASVS 2.5). Whether or not the address has an account, the same
    page follows and nothing says which; only an active account with a password gets an e-mail,
    plain text, to that one address, with a link built from SITE_URL (never the request's Host
    header, which a client can set) that expires after PASSWORD_RESET_TIMEOUT and works once."""

    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("security:password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {
            "site_url": settings.SITE_URL.rstrip("/"),
            "service_name": settings.SERVICE_NAME,
            "expires_minutes": _minutes(settings.PASSWORD_RESET_TIMEOUT),
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "expires_minutes": _minutes(settings.PASSWORD_RESET_TIMEOUT),
        }


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from the link. The token is tied to the current password and last
    sign-in, so it stops working once used; every other session of the account ends (Django's
    session hash). The second factor is still asked at the next sign-in."""

    form_class = NewPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("security:password_reset_complete")
    post_reset_login = False


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change your password (after the second factor, where it is required). This session stays
    signed in; every other session of the account ends."""

    form_class = ChangePasswordForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("security:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response


def account(request):
    """Your account: password, sign-in codes and API tokens."""
    return render(
        request,
        "security/account.html",
        {
            "has_app": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
            "recovery": RecoveryCodeDevice.objects.filter(user=request.user, confirmed=True).first(),
        },
    )


# ---- API tokens ----


def api_tokens(request):
    """Your API tokens: make one (shown on this page once, never again), see when each was last
    used, revoke one."""
    form = ApiTokenForm(request.POST or None, user=request.user)
    made = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, raw = create_token(
                request.user,
                name=data["name"],
                scope=data["scope"],
                partnerships=data["partnerships"],
                days=data["days"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            made = {"token": token, "raw": raw}
            form = ApiTokenForm(user=request.user)
    return render(
        request,
        "security/api_tokens.html",
        {
            "form": form,
            "made": made,
            "may_hold_tokens": may_hold_tokens(request.user),
            "tokens": ApiToken.objects.of(request.user).prefetch_related("partnerships"),
        },
    )


@require_POST
def api_token_revoke(request):
    token = get_object_or_404(ApiToken.objects.of(request.user), pk=request.POST.get("token") or 0)
    revoke_token(request.user, token)
    messages.success(request, f"The token “{token.name}” has been revoked. It no longer works.")
    return redirect("security:api_tokens")
