"""The publications API: documents (read, start), their versions and sign-offs (read), and the
workflow steps as actions on a version (send, sign, publish) through the same services as the pages.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from partnerships.core.api.base import (
    ERRORS,
    PartnershipField,
    ScopedModelSerializer,
    ScopedReadOnlyViewSet,
    ScopedViewSet,
)
from partnerships.core.models import Organisation
from partnerships.core.permissions import Perm, access_for
from publications import services
from publications.models import Publication, PublicationVersion, SignOff


class PublicationSerializer(ScopedModelSerializer):
    partnership = PartnershipField()

    class Meta:
        model = Publication
        fields = [
            "id",
            "partnership",
            "kind",
            "title",
            "period_start",
            "period_end",
            "summary",
            "lcspr_id",
            "cycle",
            "created_at",
        ]
        read_only_fields = ["period_end", "cycle", "created_at"]

    def create(self, validated):
        try:
            return services.create_publication(
                self.context["request"].user,
                validated["partnership"],
                kind=validated["kind"],
                title=validated["title"],
                period_start=validated.get("period_start"),
                summary=validated.get("summary", ""),
                lcspr_id=validated.get("lcspr_id"),
            )
        except ValidationError as error:
            raise ApiValidationError(
                error.message_dict if hasattr(error, "error_dict") else error.messages
            ) from None

    def update(self, instance, validated):
        if "partnership" in validated and validated["partnership"] != instance.partnership:
            raise ApiValidationError({"partnership": "A document cannot move to another partnership."})
        raise ApiValidationError("Change a document through its sections and versions.")


class PublicationViewSet(ScopedViewSet):
    model = Publication
    serializer_class = PublicationSerializer
    select_related = ("partnership",)
    http_method_names = ["get", "post", "head", "options"]


class SignOffSerializer(serializers.ModelSerializer):
    class Meta:
        model = SignOff
        fields = ["id", "version", "organisation", "signed_by", "signed_at", "comment"]


class VersionSerializer(serializers.ModelSerializer):
    sign_offs = SignOffSerializer(many=True, read_only=True)

    class Meta:
        model = PublicationVersion
        fields = [
            "id",
            "publication",
            "number",
            "status",
            "content",
            "content_hash",
            "assembled_at",
            "sent_at",
            "published_on",
            "withdrawn_on",
            "withdrawal_reason",
            "corrects",
            "correction_note",
            "render_status",
            "render_progress",
            "sign_offs",
        ]


class SignInput(serializers.Serializer):
    organisation = serializers.IntegerField()
    comment = serializers.CharField(required=False, allow_blank=True)


class SendInput(serializers.Serializer):
    correction_note = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Required when the document is already published: what this version corrects.",
    )


class WithdrawInput(serializers.Serializer):
    reason = serializers.CharField()


class VersionViewSet(ScopedReadOnlyViewSet):
    model = PublicationVersion
    serializer_class = VersionSerializer
    select_related = ("publication",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("sign_offs")

    @property
    def write_perm(self):
        # Read by partnerships.core.api.permissions for each object: a lead signs; the business unit sends.
        return Perm.SIGN_OFF if getattr(self, "action", None) == "sign" else Perm.CHANGE

    def partnership_id_of(self, obj):
        return obj.publication.partnership_id

    def _run(self, perm, func):
        version = self.get_object()
        if not access_for(self.request.user).has(perm, version.publication.partnership):
            raise PermissionDenied("Your role in this partnership does not allow this.")
        try:
            func(version)
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from None
        # A ValidationError from the service reaches the API's exception handler, which gives it the
        # one error shape (partnerships/core/api/exceptions.py).
        version.refresh_from_db()
        return Response(VersionSerializer(version).data)

    @extend_schema(request=SendInput, responses={200: VersionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        data = SendInput(data=request.data)
        data.is_valid(raise_exception=True)
        note = data.validated_data.get("correction_note", "")
        return self._run(
            Perm.CHANGE,
            lambda v: services.send_for_sign_off(request.user, v, accept_missing=True, correction_note=note),
        )

    @extend_schema(request=SignInput, responses={200: VersionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        data = SignInput(data=request.data)
        data.is_valid(raise_exception=True)
        org = Organisation.objects.filter(pk=data.validated_data["organisation"]).first()
        if org is None:
            raise ApiValidationError({"organisation": "Unknown organisation."})
        return self._run(
            Perm.SIGN_OFF,
            lambda v: services.sign_off(
                request.user, v, organisation=org, comment=data.validated_data.get("comment", "")
            ),
        )

    @extend_schema(request=None, responses={200: VersionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._run(Perm.CHANGE, lambda v: services.publish(request.user, v))

    @extend_schema(request=WithdrawInput, responses={200: VersionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        data = WithdrawInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self._run(
            Perm.CHANGE,
            lambda v: services.withdraw(request.user, v, reason=data.validated_data["reason"]),
        )


def register(router):
    """Add this app's API resources to the router (see config/api.py)."""
    router.register("publications", PublicationViewSet, basename="publication")
    router.register("publication-versions", VersionViewSet, basename="publicationversion")
