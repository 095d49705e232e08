from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control

from partnerships.core.models import Partnership
from partnerships.core.permissions import Perm, access_for


class NoStoreForSignedInMiddleware:
    """Pages shown to a signed-in person are never stored by browsers or proxies (shared computers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class PartnershipWriteGuardMiddleware:
    """Defence in depth for every page under /p/<partnership>/: a write needs a writing role there.

    Views check their own permission too; this guard means a new view that forgets cannot let a
    scrutineer (who may only read) change anything, and an outsider always meets a 404.
    """

    SAFE = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("partnership")
        if slug is None or request.method in self.SAFE or not request.user.is_authenticated:
            return None
        access = access_for(request.user)
        if access.is_superuser:
            return None
        partnership_id = Partnership.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if partnership_id is None or not (
            access.has(Perm.VIEW, partnership_id) or access.has(Perm.CONTRIBUTE, partnership_id)
        ):
            raise Http404("No such partnership.")
        if not any(access.has(p, partnership_id) for p in (Perm.CHANGE, Perm.SIGN_OFF, Perm.CONTRIBUTE)):
            raise PermissionDenied("Your role in this partnership lets you read, not change.")
        return None
