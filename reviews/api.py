"""The case reviews API. Every computed date is `due_date` with `due_rule`, the rule that produced it.

Writes go through the same services as the pages. Child identities (full name, date of birth) are
never in the API: records carry the pseudonymous reference, initials, age band and area.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.response import Response

from partnerships.core.api.base import (
    ERRORS,
    FixedPartnershipMixin,
    PartnershipField,
    ScopedModelSerializer,
    ScopedRelatedField,
    ScopedViewSet,
)
from partnerships.core.models import LocalAuthorityArea, Organisation
from partnerships.core.permissions import Perm, access_for
from partnerships.deadlines.workingdays import england
from reviews import services
from reviews.models import (
    LCSPR,
    ChronologyEntry,
    ContributionRequest,
    LearningReview,
    Milestone,
    PartnerSignOff,
    RapidReview,
    Recommendation,
    SeriousIncidentNotification,
    Theme,
)
from reviews.rules import send_to_panel_due


def _drf(error):
    if isinstance(error, DjangoValidationError):
        return ValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        )
    return error


class ReviewThemeSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()

    class Meta:
        model = Theme
        fields = ["id", "partnership", "name", "description"]


class SeriousIncidentSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    area = serializers.PrimaryKeyRelatedField(queryset=LocalAuthorityArea.objects.all())
    due_date = serializers.DateField(source="panel_due_date", read_only=True)
    due_rule = serializers.CharField(source="panel_due_rule", read_only=True)
    needs_rapid_review = serializers.BooleanField(read_only=True)
    needs_ofsted_and_dfe = serializers.BooleanField(read_only=True)

    class Meta:
        model = SeriousIncidentNotification
        fields = [
            "id",
            "partnership",
            "reference",
            "child_reference",
            "child_initials",
            "age_band",
            "area",
            "incident_type",
            "incident_on",
            "la_aware_on",
            "summary",
            "is_looked_after",
            "due_date",
            "due_rule",
            "panel_notified_on",
            "panel_reference",
            "late_reason",
            "ofsted_notified_on",
            "dfe_notified_on",
            "needs_rapid_review",
            "needs_ofsted_and_dfe",
        ]
        extra_kwargs = {"reference": {"required": False}}
        # The service numbers a blank reference and full_clean() checks uniqueness.
        validators = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        partnership = attrs.get("partnership") or getattr(self.instance, "partnership", None)
        area = attrs.get("area")
        if area is not None and partnership is not None and not partnership.areas.filter(pk=area.pk).exists():
            raise serializers.ValidationError({"area": "This area is not covered by the partnership."})
        return attrs

    def save_via_service(self, instance):
        try:
            return services.save_notification(self.context["request"].user, instance)
        except DjangoValidationError as error:
            raise _drf(error) from None

    def create(self, validated_data):
        return self.save_via_service(SeriousIncidentNotification(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self.save_via_service(instance)


class PartnerSignOffSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnerSignOff
        fields = ["id", "round", "organisation", "signed_by", "signed_at", "comment"]


class RapidReviewSerializer(ScopedModelSerializer):
    partnership = PartnershipField(read_only=True)
    notification = ScopedRelatedField(queryset=SeriousIncidentNotification.objects.all())
    themes = ScopedRelatedField(queryset=Theme.objects.all(), many=True, required=False)
    sign_offs = PartnerSignOffSerializer(many=True, read_only=True)

    class Meta:
        model = RapidReview
        fields = [
            "id",
            "partnership",
            "notification",
            "status",
            "due_date",
            "due_rule",
            "meeting_on",
            "facts",
            "immediate_actions",
            "learning",
            "inequalities",
            "themes",
            "decision",
            "other_local_response",
            "decision_rationale",
            "decided_on",
            "sign_off_round",
            "signed_off_on",
            "sent_to_panel_on",
            "panel_response",
            "panel_response_on",
            "sign_offs",
        ]
        read_only_fields = ["status", "due_date", "due_rule", "sign_off_round", "signed_off_on"]

    def validate_notification(self, value):
        if self.instance is not None and value != self.instance.notification:
            raise serializers.ValidationError("A rapid review belongs to its notification.")
        return value

    def create(self, validated_data):
        notification = validated_data["notification"]
        user = self.context["request"].user
        if not access_for(user).has(Perm.CHANGE, notification.partnership):
            raise DRFPermissionDenied()
        try:
            review = services.start_rapid_review(user, notification)
            validated_data.pop("notification")
            themes = validated_data.pop("themes", None)
            for name, value in validated_data.items():
                setattr(review, name, value)
            return services.save_rapid_review(user, review, themes=themes)
        except DjangoValidationError as error:
            raise _drf(error) from None

    def update(self, instance, validated_data):
        user = self.context["request"].user
        themes = validated_data.pop("themes", None)
        validated_data.pop("notification", None)
        panel = {
            k: validated_data.pop(k)
            for k in ("sent_to_panel_on", "panel_response", "panel_response_on")
            if k in validated_data
        }
        try:
            if validated_data or themes is not None:
                for name, value in validated_data.items():
                    setattr(instance, name, value)
                instance = services.save_rapid_review(user, instance, themes=themes)
            if panel:
                current = {
                    "sent_to_panel_on": instance.sent_to_panel_on,
                    "panel_response": instance.panel_response,
                    "panel_response_on": instance.panel_response_on,
                }
                instance = services.record_panel_response(user, instance, **{**current, **panel})
        except DjangoValidationError as error:
            raise _drf(error) from None
        return instance


class SignOffRequestSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewContributionSerializer(ScopedModelSerializer):
    review = ScopedRelatedField(queryset=RapidReview.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = ContributionRequest
        fields = [
            "id",
            "review",
            "organisation",
            "requested_on",
            "due_date",
            "due_rule",
            "status",
            "involvement",
            "analysis",
            "immediate_safety_actions",
            "learning",
            "submitted_on",
        ]
        read_only_fields = ["requested_on", "due_rule", "status", "submitted_on"]
        extra_kwargs = {"due_date": {"required": False}}

    def create(self, validated_data):
        user = self.context["request"].user
        review = validated_data["review"]
        if not access_for(user).has(Perm.CHANGE, review.partnership):
            raise DRFPermissionDenied()
        try:
            return services.request_contribution(
                user, review, validated_data["organisation"], validated_data.get("due_date")
            )
        except DjangoValidationError as error:
            raise _drf(error) from None

    def update(self, instance, validated_data):
        raise ValidationError(
            {"non_field_errors": ["Agencies submit contributions through their own pages."]}
        )


class ChronologySerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="contribution.organisation.name", read_only=True)

    class Meta:
        model = ChronologyEntry
        fields = ["id", "contribution", "agency", "occurred_on", "contact_type", "description"]


class LCSPRSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    rapid_review = ScopedRelatedField(queryset=RapidReview.objects.all(), required=False, allow_null=True)
    area = serializers.PrimaryKeyRelatedField(
        queryset=LocalAuthorityArea.objects.all(), required=False, allow_null=True
    )
    themes = ScopedRelatedField(queryset=Theme.objects.all(), many=True, required=False)
    stage = serializers.CharField(read_only=True)
    send_to_panel_due_date = serializers.SerializerMethodField()

    class Meta:
        model = LCSPR
        fields = [
            "id",
            "partnership",
            "kind",
            "reference",
            "title",
            "rapid_review",
            "area",
            "decided_on",
            "decision_date_reason",
            "due_date",
            "due_rule",
            "send_to_panel_due_date",
            "reviewer_name",
            "reviewer_appointed_on",
            "terms_of_reference",
            "final_report_received_on",
            "signed_off_on",
            "planned_publication_on",
            "sent_to_panel_on",
            "sent_to_dfe_on",
            "sent_to_what_works_on",
            "published_on",
            "findings_only",
            "late_reason",
            "themes",
            "stage",
        ]
        read_only_fields = ["due_date", "due_rule", "signed_off_on"]
        extra_kwargs = {"reference": {"required": False}}
        validators = []

    def get_send_to_panel_due_date(self, obj) -> dict | None:
        if not obj.planned_publication_on:
            return None
        due, rule = send_to_panel_due(england(), obj.planned_publication_on)
        return {"due_date": due.isoformat(), "due_rule": rule}

    def _save(self, instance, themes):
        try:
            return services.save_lcspr(self.context["request"].user, instance, themes=themes)
        except DjangoValidationError as error:
            raise _drf(error) from None

    def create(self, validated_data):
        themes = validated_data.pop("themes", None)
        return self._save(LCSPR(**validated_data), themes)

    def update(self, instance, validated_data):
        themes = validated_data.pop("themes", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(instance, themes)


class LCSPRMilestoneSerializer(ScopedModelSerializer):
    lcspr = ScopedRelatedField(queryset=LCSPR.objects.all())
    overdue = serializers.SerializerMethodField(help_text="Past its due date and not complete.")

    class Meta:
        model = Milestone
        fields = ["id", "lcspr", "kind", "description", "due_date", "completed_on", "overdue"]

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue()

    def _save(self, instance):
        try:
            return services.save_milestone(self.context["request"].user, instance)
        except DjangoValidationError as error:
            raise _drf(error) from None

    def create(self, validated_data):
        return self._save(Milestone(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(instance)


class LearningReviewSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    area = serializers.PrimaryKeyRelatedField(
        queryset=LocalAuthorityArea.objects.all(), required=False, allow_null=True
    )
    themes = ScopedRelatedField(queryset=Theme.objects.all(), many=True, required=False)

    class Meta:
        model = LearningReview
        fields = [
            "id",
            "partnership",
            "kind",
            "title",
            "area",
            "methodology",
            "participants",
            "findings",
            "started_on",
            "completed_on",
            "themes",
        ]


class ReviewRecommendationSerializer(serializers.ModelSerializer):
    action_title = serializers.CharField(source="action.title", read_only=True)
    action_due_date = serializers.DateField(source="action.due_date", read_only=True)
    action_status = serializers.CharField(source="action.status", read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "rapid_review",
            "lcspr",
            "learning_review",
            "text",
            "action",
            "action_title",
            "action_due_date",
            "action_status",
        ]


@extend_schema_view(
    create=extend_schema(responses={201: SeriousIncidentSerializer, **ERRORS}),
    partial_update=extend_schema(responses={200: SeriousIncidentSerializer, **ERRORS}),
)
class NotificationViewSet(ScopedViewSet):
    model = SeriousIncidentNotification
    serializer_class = SeriousIncidentSerializer
    select_related = ("partnership",)


class ThemeViewSet(ScopedViewSet):
    model = Theme
    serializer_class = ReviewThemeSerializer
    select_related = ("partnership",)


class RapidReviewViewSet(ScopedViewSet):
    model = RapidReview
    serializer_class = RapidReviewSerializer
    select_related = ("partnership",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes", "sign_offs")

    def perform_create(self, serializer):
        serializer.save()

    @extend_schema(request=SignOffRequestSerializer, responses={201: PartnerSignOffSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, pk=None):
        # The lead signs with SIGN_OFF, not the CHANGE that object writes need: fetch it scoped.
        review = self.get_queryset().filter(pk=pk).first() if str(pk).isdigit() else None
        if review is None:
            raise NotFound()
        if not access_for(request.user).has(Perm.SIGN_OFF, review.partnership):
            raise DRFPermissionDenied()
        data = SignOffRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            signoff = services.sign_off_rapid_review(
                request.user, review, data.validated_data["organisation"], data.validated_data["comment"]
            )
        except PermissionDenied as error:
            raise DRFPermissionDenied(str(error)) from None
        except DjangoValidationError as error:
            raise _drf(error) from None
        return Response(PartnerSignOffSerializer(signoff).data, status=201)


class ContributionViewSet(ScopedViewSet):
    model = ContributionRequest
    serializer_class = ReviewContributionSerializer
    http_method_names = ["get", "post", "head", "options"]
    select_related = ("organisation", "review")

    def perform_create(self, serializer):
        serializer.save()


class ChronologyViewSet(ScopedViewSet):
    model = ChronologyEntry
    serializer_class = ChronologySerializer
    http_method_names = ["get", "head", "options"]
    select_related = ("contribution__organisation",)


class LCSPRViewSet(ScopedViewSet):
    model = LCSPR
    serializer_class = LCSPRSerializer
    select_related = ("partnership",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes")


class MilestoneViewSet(ScopedViewSet):
    model = Milestone
    serializer_class = LCSPRMilestoneSerializer
    select_related = ("lcspr",)

    def perform_create(self, serializer):
        self.check_write(serializer.validated_data["lcspr"].partnership)
        serializer.save()


class LearningReviewViewSet(ScopedViewSet):
    model = LearningReview
    serializer_class = LearningReviewSerializer
    select_related = ("partnership",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes")


class RecommendationViewSet(ScopedViewSet):
    model = Recommendation
    serializer_class = ReviewRecommendationSerializer
    http_method_names = ["get", "head", "options"]
    select_related = ("action",)


def register(router):
    """Add this app's API resources to the router (see config/api.py)."""
    router.register("serious-incidents", NotificationViewSet, basename="serious-incident")
    router.register("rapid-reviews", RapidReviewViewSet, basename="rapid-review")
    router.register("review-contributions", ContributionViewSet, basename="review-contribution")
    router.register("review-chronology", ChronologyViewSet, basename="review-chronology")
    router.register("lcsprs", LCSPRViewSet, basename="lcspr")
    router.register("lcspr-milestones", MilestoneViewSet, basename="lcspr-milestone")
    router.register("learning-reviews", LearningReviewViewSet, basename="learning-review")
    router.register("review-themes", ThemeViewSet, basename="review-theme")
    router.register("review-recommendations", RecommendationViewSet, basename="review-recommendation")
