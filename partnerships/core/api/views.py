from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from partnerships.core.api import serializers as s
from partnerships.core.api.base import ERRORS, ScopedReadOnlyViewSet, ScopedViewSet
from partnerships.core.models import (
    Action,
    Group,
    GroupMember,
    LocalAuthorityArea,
    Notification,
    Organisation,
    Partnership,
    RelevantAgency,
    Role,
    SafeguardingPartner,
    User,
)


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """The partnerships you hold a role in."""

    serializer_class = s.PartnershipSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Partnership.objects.visible_to(self.request.user).prefetch_related("areas")


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations taking part in the partnerships you can see."""

    serializer_class = s.OrganisationSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        visible = Partnership.objects.visible_to(self.request.user)
        return (
            Organisation.objects.filter(
                Q(partner_of__partnership__in=visible) | Q(relevant_agency_of__partnership__in=visible)
            )
            .distinct()
            .prefetch_related("areas")
        )


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """The local authority areas of the partnerships you can see: the ids a record's `area` takes."""

    serializer_class = s.AreaSerializer

    def get_queryset(self):
        visible = Partnership.objects.visible_to(self.request.user)
        return LocalAuthorityArea.objects.filter(partnerships__in=visible).distinct()


ONE_PARTNERSHIP = OpenApiParameter("partnership", str, description="Only this partnership (its slug).")


@extend_schema_view(list=extend_schema(parameters=[ONE_PARTNERSHIP]))
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """The people holding a role in the partnerships you can see, with those roles (and only those):
    who may own an action (`owner`), and, as partner leads, for which organisation they sign."""

    serializer_class = s.PersonSerializer
    extra_query_parameters = ("partnership",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no signed-in user
            return User.objects.none()
        partnerships = Partnership.objects.visible_to(self.request.user)
        if slug := self.request.query_params.get("partnership"):
            partnerships = partnerships.filter(slug=slug)
        roles = Role.objects.filter(partnership__in=partnerships).select_related("partnership")
        return (
            User.objects.filter(roles__in=roles, is_active=True)
            .distinct()
            .order_by("last_name", "first_name", "pk")
            .prefetch_related(Prefetch("roles", queryset=roles.order_by("pk"), to_attr="visible_roles"))
        )


class SafeguardingPartnerViewSet(ScopedViewSet):
    """The statutory safeguarding partners and their lead representatives."""

    model = SafeguardingPartner
    serializer_class = s.SafeguardingPartnerSerializer
    select_related = ("partnership", "organisation")
    http_method_names = ["get", "patch", "head", "options"]
    filterset_fields = {"partnership__slug": ["exact"]}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("organisation__areas")


@extend_schema_view(create=extend_schema(responses={201: s.GroupSerializer, **ERRORS}))
class GroupViewSet(ScopedViewSet):
    """Groups: executive, wider partnership, sub-groups, thematic and task-and-finish groups."""

    model = Group
    serializer_class = s.GroupSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "kind": ["exact"]}


class GroupMemberViewSet(ScopedViewSet):
    model = GroupMember
    serializer_class = s.GroupMemberSerializer
    filterset_fields = ["group"]

    def perform_create(self, serializer):
        self.check_write(serializer.validated_data["group"].partnership)
        serializer.save()


class RelevantAgencyViewSet(ScopedViewSet):
    model = RelevantAgency
    serializer_class = s.RelevantAgencySerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"]}


class RoleViewSet(ScopedReadOnlyViewSet):
    """Who holds which role (granted by an admin)."""

    model = Role
    serializer_class = s.RoleSerializer
    select_related = ("partnership", "user", "organisation")
    filterset_fields = {"partnership__slug": ["exact"], "kind": ["exact"]}


class ActionViewSet(ScopedViewSet):
    """The action log."""

    model = Action
    serializer_class = s.ActionSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "status": ["exact"], "source_kind": ["exact"]}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("updates__author")


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """Your own notifications; PATCH `read_at` to mark one read."""

    serializer_class = s.NotificationSerializer
    personal = True
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no signed-in user
            return Notification.objects.none()
        return Notification.objects.filter(recipient=self.request.user)

    def perform_update(self, serializer):
        serializer.save(read_at=serializer.validated_data.get("read_at") or timezone.now())


def register(router):
    router.register("partnerships", PartnershipViewSet, basename="partnership")
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("areas", AreaViewSet, basename="area")
    router.register("people", PersonViewSet, basename="person")
    router.register("safeguarding-partners", SafeguardingPartnerViewSet, basename="safeguardingpartner")
    router.register("groups", GroupViewSet, basename="group")
    router.register("group-members", GroupMemberViewSet, basename="groupmember")
    router.register("relevant-agencies", RelevantAgencyViewSet, basename="relevantagency")
    router.register("roles", RoleViewSet, basename="role")
    router.register("actions", ActionViewSet, basename="action")
    router.register("notifications", NotificationViewSet, basename="notification")
