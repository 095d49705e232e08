"""The API's token authentication (REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES), in place of
DRF's TokenAuthentication; `partnerships/security/tokens.py` says why it is our own.

`Authorization: Bearer sp_...` (or `Token sp_...`). The token is found by its hash; a revoked or
expired token, a disabled account, or (where MFA is required) an account without a second factor
is refused with 401. Each use records when it was last used. The person's permissions for the rest
of the request are narrowed to what the token allows: only its partnerships (any other answers
404, as for an outsider), and for a read-only token no change, sign-off or management permission
(and `PartnershipRolePermission` refuses every unsafe method with 403).
"""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from partnerships.core.permissions import Perm, access_for
from partnerships.security.models import ApiToken, hash_token
from partnerships.security.tokens import NO_SECOND_FACTOR, may_hold_tokens

KEYWORDS = (b"bearer", b"token")
# What a read-only token keeps: reading, and the agency contributor's way in to read their requests.
READ_PERMS = {Perm.VIEW, Perm.CONTRIBUTE}
REFUSED = "This token is not valid: it may have expired or been revoked."


def narrow_access(user, token):
    """Limit the person's cached permissions (partnerships.core.access) to the token's reach."""
    access = access_for(user)
    allowed = set(Perm.ALL) if token.allows_writes else READ_PERMS
    reach = set(token.partnerships.values_list("pk", flat=True))
    if access.is_superuser:
        by_partnership = {pid: set(allowed) for pid in reach}
    else:
        by_partnership = {
            pid: perms & allowed for pid, perms in access.by_partnership.items() if pid in reach
        }
    access.is_superuser = False
    access.by_partnership = {pid: perms for pid, perms in by_partnership.items() if perms}
    access.organisations = {key: orgs for key, orgs in access.organisations.items() if key[0] in reach}
    return access


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """A personal API token, hashed, scoped and expiring (partnerships.security.models.ApiToken)."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Give the token after the word Bearer, with no spaces in it."
            )
        try:
            raw = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(REFUSED) from None
        now = timezone.now()
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
        if token is None or not token.is_usable(now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(REFUSED)
        if not may_hold_tokens(token.user):
            raise exceptions.AuthenticationFailed(NO_SECOND_FACTOR)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        narrow_access(token.user, token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token (drf-spectacular finds this by the class path)."""

    target_class = "partnerships.security.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made on your account page: read only or read and write, "
            "limited to chosen partnerships, expiring.",
        }
