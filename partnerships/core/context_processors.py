from django.conf import settings
from django.urls import NoReverseMatch, reverse

from partnerships.core import registry
from partnerships.core.models import Notification
from partnerships.core.permissions import access_for, visible_partnerships


def service(request):
    """Service name, the current partnership, its navigation for this person, and unread count."""
    context = {"service_name": settings.SERVICE_NAME, "demo_mode": settings.DEMO_MODE}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    partnership = getattr(request, "current_partnership", None)
    context["current_partnership"] = partnership
    context["switchable_partnerships"] = list(visible_partnerships(user).only("pk", "slug", "short_name"))
    context["unread_notifications"] = Notification.objects.filter(
        recipient=user, read_at__isnull=True
    ).count()
    if partnership is not None:
        access = access_for(user)
        prefix = f"/p/{partnership.slug}/"
        path = request.path
        items = []
        for item in registry.nav_items():
            if not access.has(item.perm, partnership):
                continue
            if item.shown_for is not None and not item.shown_for(partnership):
                continue
            try:
                href = reverse(item.url_name, kwargs={"partnership": partnership.slug})
            except NoReverseMatch:
                continue
            current = path == href if href == prefix else path.startswith(href)
            items.append({"label": item.label, "href": href, "current": current})
        context["nav_items"] = items
    return context
