"""API of learning and evidence of impact: briefings and their recipients, training
courses, sessions and bookings, engagement activities and "you said, we did", indicators and values.

Writes need the business unit's permission (as on the pages); transitions (publish, acknowledge)
go through the same services. Nothing is deleted through the API. Every text field carries the
models' check that refuses a child's identity, so the API answers 400 as the pages do.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from partnerships.core import tenancy
from partnerships.core.api.base import (
    ERRORS,
    FixedPartnershipMixin,
    PartnershipField,
    ScopedModelSerializer,
    ScopedReadOnlyViewSet,
    ScopedViewSet,
)
from partnerships.core.models import Organisation
from partnerships.core.permissions import Perm
from partnerships.learning import figures, services
from partnerships.learning.models import (
    BriefingRecipient,
    EngagementActivity,
    Indicator,
    IndicatorValue,
    LearningBriefing,
    TrainingBooking,
    TrainingCourse,
    TrainingSession,
    YouSaidWeDid,
)


def _partnership_of(serializer, attrs, parent_name, path):
    parent = attrs.get(parent_name) or getattr(serializer.instance, parent_name, None)
    value = parent
    for part in path:
        value = getattr(value, part)
    return value


class ChildWriteMixin:
    """For records reached through a parent (a session's course): the write check is on the parent's partnership."""

    parent_field = None
    parent_path = ()

    def perform_create(self, serializer):
        self.check_write(
            _partnership_of(serializer, serializer.validated_data, self.parent_field, self.parent_path)
        )
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer):
        self.check_write(
            _partnership_of(serializer, serializer.validated_data, self.parent_field, self.parent_path)
        )
        with transaction.atomic():
            serializer.save()


class OrganisationInPartnershipMixin:
    """Organisation choices must serve the record's partnership."""

    organisation_fields = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        partnership = self.partnership_for(attrs)
        if partnership is not None:
            allowed = set(tenancy.organisations(partnership).values_list("pk", flat=True))
            for name in self.organisation_fields:
                org = attrs.get(name)
                if isinstance(org, Organisation) and org.pk not in allowed:
                    raise serializers.ValidationError(
                        {name: "This organisation is not part of the partnership."}
                    )
        return attrs

    def partnership_for(self, attrs):
        return attrs.get("partnership") or getattr(self.instance, "partnership", None)


class LearningBriefingSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    acknowledged = serializers.SerializerMethodField()

    class Meta:
        model = LearningBriefing
        fields = [
            "id",
            "partnership",
            "title",
            "source_kind",
            "source_label",
            "source_url",
            "background",
            "what_happened",
            "learning",
            "questions",
            "what_to_do",
            "further_reading",
            "status",
            "published_on",
            "acknowledge_by",
            "acknowledged",
        ]
        read_only_fields = ["status", "published_on"]

    def get_acknowledged(self, obj) -> dict:
        acks = figures.briefing_acknowledgements(obj)
        return {"sent": acks.sent, "acknowledged": acks.acknowledged, "staff_reached": acks.staff_reached}


class PublishSerializer(serializers.Serializer):
    organisations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.all(), required=False
    )


@extend_schema_view(
    list=extend_schema(summary="Learning briefings"),
    create=extend_schema(
        summary="Write a briefing (a draft)", responses={201: LearningBriefingSerializer, **ERRORS}
    ),
)
class LearningBriefingViewSet(ScopedViewSet):
    model = LearningBriefing
    serializer_class = LearningBriefingSerializer
    select_related = ("partnership",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("recipients__organisation")

    @extend_schema(request=PublishSerializer, responses={200: LearningBriefingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        briefing = self.get_object()
        self.check_write(briefing.partnership)
        data = PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organisations = data.validated_data.get("organisations")
        if organisations:
            allowed = set(tenancy.organisations(briefing.partnership).values_list("pk", flat=True))
            if any(o.pk not in allowed for o in organisations):
                raise serializers.ValidationError({"organisations": "Only the partnership's agencies."})
        try:
            services.publish_briefing(request.user, briefing, organisations=organisations or None)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return Response(self.get_serializer(briefing).data)


class BriefingRecipientSerializer(ScopedModelSerializer):
    briefing = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = BriefingRecipient
        fields = [
            "id",
            "briefing",
            "organisation",
            "organisation_name",
            "sent_at",
            "acknowledged_at",
            "staff_reached",
        ]
        read_only_fields = fields


class BriefingRecipientViewSet(ScopedReadOnlyViewSet):
    """Which agencies each briefing was sent to, and which acknowledged it."""

    model = BriefingRecipient
    serializer_class = BriefingRecipientSerializer
    select_related = ("organisation", "briefing")


class TrainingCourseSerializer(FixedPartnershipMixin, OrganisationInPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "partnership",
            "title",
            "topic",
            "description",
            "briefing",
            "priority",
            "trainer",
            "target_agencies",
            "target_roles",
            "is_active",
        ]


class TrainingCourseViewSet(ScopedViewSet):
    model = TrainingCourse
    serializer_class = TrainingCourseSerializer
    select_related = ("partnership",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("target_agencies")

    def perform_update(self, serializer):
        self.check_write(serializer.instance.partnership)
        super().perform_update(serializer)


class TrainingSessionSerializer(ScopedModelSerializer):
    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "course",
            "starts_at",
            "ends_at",
            "venue",
            "delivery",
            "capacity",
            "status",
            "cancelled_reason",
        ]
        read_only_fields = ["status", "cancelled_reason"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": "The session must end after it starts."})
        if self.instance is not None and "course" in attrs and attrs["course"] != self.instance.course:
            raise serializers.ValidationError({"course": "A session cannot move to another course."})
        return attrs


class TrainingSessionViewSet(ChildWriteMixin, ScopedViewSet):
    model = TrainingSession
    serializer_class = TrainingSessionSerializer
    select_related = ("course",)
    parent_field = "course"
    parent_path = ("partnership",)

    def perform_update(self, serializer):
        # Through the service: a raised capacity gives its free places to the waiting list.
        self.check_write(serializer.instance.course.partnership)
        session = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(session, name, value)
        services.save_session(self.request.user, session)


class BookableSessionField(serializers.PrimaryKeyRelatedField):
    """A session the requester can see, or, as an agency contributor, one open for booking in a
    partnership they contribute to."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return TrainingSession.objects.none()
        user = request.user
        return TrainingSession.objects.filter(
            Q(pk__in=TrainingSession.objects.visible_to(user).values("pk"))
            | Q(pk__in=TrainingSession.objects.permitted(user, Perm.CONTRIBUTE).open().values("pk"))
        )


class TrainingBookingSerializer(ScopedModelSerializer):
    session = BookableSessionField()
    waiting_position = serializers.SerializerMethodField()

    class Meta:
        model = TrainingBooking
        fields = [
            "id",
            "session",
            "attendee_name",
            "attendee_email",
            "organisation",
            "role",
            "status",
            "waiting_position",
            "booked_at",
            "cancelled_at",
            "confidence_before",
            "confidence_after",
            "evaluation",
            "follow_up_sent_on",
            "follow_up_received_on",
            "practice_change",
        ]
        read_only_fields = ["status", "booked_at", "cancelled_at", "follow_up_sent_on"]

    def get_waiting_position(self, obj) -> int | None:
        """1 for the first in line on the session's waiting list; null when not waiting."""
        return obj.waiting_position

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            session = attrs["session"]
            allowed = set(tenancy.organisations(session.course.partnership).values_list("pk", flat=True))
            if attrs["organisation"].pk not in allowed:
                raise serializers.ValidationError(
                    {"organisation": "This organisation is not part of the partnership."}
                )
        elif "session" in attrs and attrs["session"] != self.instance.session:
            raise serializers.ValidationError(
                {"session": "Move a booking by cancelling it and booking again."}
            )
        rated = any(attrs.get(k) is not None for k in ("confidence_before", "confidence_after")) or attrs.get(
            "practice_change"
        )
        if rated and (self.instance is None or self.instance.status != "attended"):
            raise serializers.ValidationError(
                "Only someone who attended can give an evaluation or a follow-up."
            )
        return attrs


class TrainingBookingViewSet(ChildWriteMixin, ScopedViewSet):
    """Bookings (practitioners, never children). Creating one books a place, or a place on the waiting
    list when the session is full. An agency contributor sees and books only their own agency's."""

    model = TrainingBooking
    serializer_class = TrainingBookingSerializer
    select_related = ("session__course", "organisation")
    parent_field = "session"
    parent_path = ("course", "partnership")

    def get_queryset(self):
        return (
            TrainingBooking.objects.for_agencies(self.request.user)
            .with_waiting_position()
            .select_related(*self.select_related)
        )

    def check_object_permissions(self, request, obj):
        # Cancelling is the service's to authorise: an agency contributor cancels their own agency's
        # bookings, whom the role check on the record (the business unit's write) would refuse.
        if self.action != "cancel":
            super().check_object_permissions(request, obj)

    @extend_schema(request=None, responses={200: TrainingBookingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a place or leave the waiting list; a freed place goes to the first waiting booking."""
        booking = services.cancel_booking(request.user, self.get_object())
        return Response(self.get_serializer(booking).data)

    def perform_create(self, serializer):
        # Who may book for which agency is the service's rule (a contributor: their own agency only).
        data = serializer.validated_data
        serializer.instance = services.book_place(
            self.request.user,
            data["session"],
            attendee_name=data["attendee_name"],
            organisation=data["organisation"],
            attendee_email=data.get("attendee_email", ""),
            role=data.get("role", ""),
        )


class EngagementActivitySerializer(
    FixedPartnershipMixin, OrganisationInPartnershipMixin, ScopedModelSerializer
):
    partnership = PartnershipField()
    organisation_fields = ("led_by",)

    class Meta:
        model = EngagementActivity
        fields = [
            "id",
            "partnership",
            "title",
            "kind",
            "held_on",
            "led_by",
            "purpose",
            *EngagementActivity.AGE_BANDS,
            "count_parents_carers",
            "what_they_said",
        ]


class EngagementActivityViewSet(ScopedViewSet):
    model = EngagementActivity
    serializer_class = EngagementActivitySerializer
    select_related = ("partnership",)

    def perform_update(self, serializer):
        self.check_write(serializer.instance.partnership)
        super().perform_update(serializer)


class YouSaidWeDidSerializer(ScopedModelSerializer):
    class Meta:
        model = YouSaidWeDid
        fields = ["id", "activity", "you_said", "we_did", "status", "priority", "priority_text", "actions"]
        read_only_fields = ["priority_text"]  # legacy: the priority as typed before it could be linked

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None and "activity" in attrs and attrs["activity"] != self.instance.activity:
            raise serializers.ValidationError({"activity": "It cannot move to another activity."})
        return attrs


class YouSaidWeDidViewSet(ChildWriteMixin, ScopedViewSet):
    model = YouSaidWeDid
    serializer_class = YouSaidWeDidSerializer
    select_related = ("activity",)
    parent_field = "activity"
    parent_path = ("partnership",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("actions")


class IndicatorSerializer(FixedPartnershipMixin, OrganisationInPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    organisation_fields = ("source_organisation",)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "partnership",
            "code",
            "name",
            "definition",
            "unit",
            "polarity",
            "target",
            "tolerance",
            "source_organisation",
            "frequency",
            "breakdown_areas",
            "priority",
            "priority_text",
            "is_demo",
            "is_active",
        ]
        read_only_fields = ["priority_text"]  # legacy: the priority as typed before it could be linked


class IndicatorViewSet(ScopedViewSet):
    model = Indicator
    serializer_class = IndicatorSerializer
    select_related = ("partnership", "source_organisation")

    def perform_update(self, serializer):
        self.check_write(serializer.instance.partnership)
        super().perform_update(serializer)

    @extend_schema(
        responses={
            200: inline_serializer(
                "IndicatorStatus",
                {
                    "indicator": serializers.IntegerField(),
                    "latest_period": serializers.DateField(allow_null=True),
                    "latest_value": serializers.CharField(allow_null=True),
                    "target": serializers.CharField(allow_null=True),
                    "rag": serializers.CharField(allow_null=True),
                    "direction": serializers.CharField(allow_null=True),
                },
            ),
            404: None,
        }
    )
    @action(detail=True, methods=["get"])
    def status(self, request, pk=None):
        """The latest whole-area value against the target (red, amber, green), as the pages show it."""
        indicator = self.get_object()
        status = figures.dataset_latest_vs_target(indicator.partnership, indicators=[indicator])[0]
        return Response(
            {
                "indicator": indicator.pk,
                "latest_period": status.latest.period_start if status.latest else None,
                "latest_value": str(status.latest.value) if status.latest else None,
                "target": str(indicator.target) if indicator.target is not None else None,
                "rag": status.rag.value if status.rag else None,
                "direction": status.direction,
            }
        )


class IndicatorValueSerializer(ScopedModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "period_start", "area", "value", "commentary", "submitted_at"]
        read_only_fields = ["submitted_at"]
        validators = []  # a second figure for the same period replaces the first (the service upserts)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        indicator = attrs.get("indicator") or self.instance.indicator
        row = IndicatorValue(
            indicator=indicator,
            period_start=attrs.get("period_start", getattr(self.instance, "period_start", None)),
            area=attrs.get("area", getattr(self.instance, "area", "")),
        )
        try:
            row.clean()
        except ValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return attrs


class IndicatorValueViewSet(ChildWriteMixin, ScopedViewSet):
    model = IndicatorValue
    serializer_class = IndicatorValueSerializer
    select_related = ("indicator",)
    parent_field = "indicator"
    parent_path = ("partnership",)

    def perform_create(self, serializer):
        data = serializer.validated_data
        self.check_write(data["indicator"].partnership)
        serializer.instance = services.submit_value(
            self.request.user,
            data["indicator"],
            period_start=data["period_start"],
            area=data.get("area", ""),
            value=data["value"],
            commentary=data.get("commentary", ""),
        )


def register(router):
    router.register("learning-briefings", LearningBriefingViewSet, basename="learningbriefing")
    router.register("briefing-recipients", BriefingRecipientViewSet, basename="briefingrecipient")
    router.register("training-courses", TrainingCourseViewSet, basename="trainingcourse")
    router.register("training-sessions", TrainingSessionViewSet, basename="trainingsession")
    router.register("training-bookings", TrainingBookingViewSet, basename="trainingbooking")
    router.register("engagement-activities", EngagementActivityViewSet, basename="engagementactivity")
    router.register("you-said-we-did", YouSaidWeDidViewSet, basename="yousaidwedid")
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("indicator-values", IndicatorValueViewSet, basename="indicatorvalue")
