"""Sign-in lock-out that works behind a proxy (OWASP ASVS 2.2.1), on django-axes.

- The client's address: behind `TRUSTED_PROXY_COUNT` reverse proxies (a load balancer, a CDN)
  every request arrives from the last proxy, and the address of the person is the one the
  outermost trusted proxy put into X-Forwarded-For: the `TRUSTED_PROXY_COUNT`-th entry from the
  right. Entries further left were written by the client and are never believed. With no proxy
  (the default, 0) the header is ignored and REMOTE_ADDR is the client.
- Two limits: `AXES_FAILURE_LIMIT` failures for one username from one address lock that pair
  (someone elsewhere, the real owner, still signs in: nobody can lock another person's account from
  a different address), and `SIGN_IN_ADDRESS_FAILURE_LIMIT` failures from one address across
  any usernames lock the address (password spraying). The address limit is higher, so a shared
  council NAT is not locked by one person's typing.

django-axes compares one count against one limit, whatever the lock-out parameters; the handler
below scales the per-address count onto the pair's limit, and a successful sign-in forgives only
its own pair (axes would otherwise wipe the address's count too, and a sprayer who holds one real
account could reset it at will).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum

ADDRESS_ONLY = "ip_address"


def _address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request):
    """The address of the person making the request, past `TRUSTED_PROXY_COUNT` proxies."""
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < count:
        # Fewer entries than proxies: the request did not come through them all; trust only the peer.
        return remote
    return _address(forwarded[-count]) or remote


class SignInLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate, higher limit per address across usernames."""

    def get_failures(self, request, credentials=None):
        pair_limit = get_failure_limit(request, credentials)
        address_limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
        counts = [0]
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            if parameter == ADDRESS_ONLY:
                # Measured against the pair's limit: reaches it exactly when the address reaches its own.
                failures = failures * pair_limit // address_limit
            counts.append(failures)
        return max(counts)

    def reset_user_attempts(self, request, credentials=None):
        """On success, forget the failures of this username from this address, and nothing else."""
        username = get_client_username(request, credentials)
        attempts = self.filter_user_attempts(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        count = 0
        for parameter, queryset in zip(parameters, attempts, strict=True):
            if parameter != ADDRESS_ONLY:
                deleted, _ = queryset.filter(username=username).delete()
                count += deleted
        return count
