"""API tokens: made and revoked by their owner (these services), checked on every API request
(`partnerships.security.authentication.ApiTokenAuthentication`).

Why our own rather than a library: DRF's `authtoken` keeps the key in clear, one per person, with
no name, expiry or scope; django-rest-knox (not installed) hashes and expires tokens but knows
nothing of read-only scopes, of partnerships, or of the second factor. The rules that matter here
(a read-only token is refused every write, a token limited to some partnerships finds nothing of
the others, no token without the second factor where it is required) would have to be written
around either one, and the rest is one model and a hash.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.core.permissions import visible_partnerships
from partnerships.security.middleware import mfa_required
from partnerships.security.models import (
    TOKEN_DEFAULT_DAYS,
    TOKEN_MAX_DAYS,
    TOKEN_PREFIX,
    ApiToken,
    TokenScope,
    hash_token,
)

NO_SECOND_FACTOR = "Set up sign-in codes from an authenticator app before you use API tokens."


def second_factor_enrolled(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def may_hold_tokens(user):
    """Where the second factor is required, only a person who has set it up may hold a token."""
    return user.is_active and (not mfa_required() or second_factor_enrolled(user))


def create_token(actor, *, name, scope, partnerships, days=TOKEN_DEFAULT_DAYS):
    """Make a token for `actor`. Returns (token, raw): the raw token is shown once and never stored."""
    if not may_hold_tokens(actor):
        raise ValidationError(NO_SECOND_FACTOR)
    if scope not in TokenScope.values:
        raise ValidationError("Choose read only, or read and write.")
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValidationError(f"A token lasts between 1 and {TOKEN_MAX_DAYS} days.")
    chosen = {p.pk for p in partnerships}
    if not chosen:
        raise ValidationError("Choose at least one partnership.")
    if chosen - set(visible_partnerships(actor).values_list("pk", flat=True)):
        raise ValidationError("You can only choose partnerships you hold a role in.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken(
            user=actor,
            name=name,
            scope=scope,
            key_hash=hash_token(raw),
            hint=raw[: len(TOKEN_PREFIX) + 6],
            created_at=now,
            expires_at=now + datetime.timedelta(days=days),
        )
        token._history_user = actor
        token.full_clean(exclude=["partnerships"])
        token.save()
        token.partnerships.set(chosen)
    return token, raw


def revoke_token(actor, token):
    """Stop a token working at once. Only its owner revokes it (callers fetch it from `of(actor)`)."""
    if token.user_id != actor.pk:
        raise ValidationError("This is not your token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user = actor
        token.save(update_fields=["revoked_at"])
    return token
