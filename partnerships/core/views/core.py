"""Pages every signed-in person has: home, partnership switcher, notifications, sign-in."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnerships.core import registry
from partnerships.core.choices import RoleKind
from partnerships.core.forms import GovUKFormMixin
from partnerships.core.models import Notification, Role
from partnerships.core.permissions import (
    Perm,
    access_for,
    access_partnership,
    contributor_organisations,
    visible_partnerships,
)


class SignInForm(GovUKFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been disabled.",
    }


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def home(request):
    """Where sign-in lands: straight into the one partnership, or a choice, or an agency's requests."""
    access = access_for(request.user)
    partnerships = list(visible_partnerships(request.user))
    viewable = [p for p in partnerships if access.has(Perm.VIEW, p)]
    organisations = contributor_organisations(request.user)
    if len(viewable) == 1 and not organisations:
        return redirect(viewable[0])
    roles = Role.objects.filter(user=request.user).select_related("partnership", "organisation")
    requests = registry.agency_requests(request.user, organisations) if organisations else []
    return render(
        request,
        "partnerships/landing.html",
        {
            "viewable": viewable,
            "roles": roles,
            "agency_requests": requests,
            "is_contributor": bool(organisations),
        },
    )


def switch_partnership(request):
    slug = request.GET.get("partnership", "")
    partnership = access_partnership(request.user, slug)
    request.session["partnership"] = partnership.slug
    return redirect(partnership)


def partnership_home(request, partnership):
    partnership = access_partnership(request.user, partnership)
    request.current_partnership = partnership
    request.session["partnership"] = partnership.slug
    roles = Role.objects.filter(user=request.user, partnership=partnership).select_related("organisation")
    panels = [panel for func in registry.home_panels() if (panel := func(request, partnership))]
    return render(
        request, "partnerships/home.html", {"partnership": partnership, "roles": roles, "panels": panels}
    )


def notifications(request):
    items = Notification.objects.filter(recipient=request.user).select_related("partnership")[:200]
    return render(request, "partnerships/notifications.html", {"notifications": items})


@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if notification.url and notification.url.startswith("/"):
        return redirect(notification.url)
    return redirect("notifications")


@require_POST
def notifications_read_all(request):
    count = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("notifications")


@login_not_required
def accessibility(request):
    return render(request, "accessibility.html")


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).aggregate(
        n=Count("pk", filter=Q())
    )["n"]


def not_found(request, exception=None):
    if request.path.startswith("/api/"):  # a URL no API route matches: the API's error body
        return JsonResponse({"detail": ["Not found."]}, status=404)
    return render(request, "404.html", status=404)


# What each role may do, for the page that refuses a change (docs/threat-model.md, "Who may see what").
ROLE_ALLOWS = {
    RoleKind.BUSINESS_UNIT: "read and change every record of the partnership",
    RoleKind.PARTNER_LEAD: "read every record, and sign off for {organisation}",
    RoleKind.SCRUTINEER: "read every record of the partnership, but not change them",
    RoleKind.AGENCY_CONTRIBUTOR: "answer what is asked of {organisation}",
}


def permission_denied(request, exception=None):
    """403: what the person's roles in this partnership let them do; nothing was changed."""
    slug = (
        getattr(request, "resolver_match", None) and request.resolver_match.kwargs.get("partnership")
    ) or ""
    roles = (
        Role.objects.filter(user=request.user, partnership__slug=slug).select_related(
            "partnership", "organisation"
        )
        if request.user.is_authenticated and slug
        else []
    )
    allows = [
        ROLE_ALLOWS[role.kind].format(organisation=role.organisation or "your organisation") for role in roles
    ]
    partnership = roles[0].partnership if roles else None
    return render(request, "403.html", {"allows": allows, "denied_partnership": partnership}, status=403)
