"""The assurance API: independent scrutiny activities and their findings, the challenge log, and
Section 11 cycles and agency returns (read only). Nothing is deleted through the API.
"""

from rest_framework import serializers

from partnerships.assurance.models import (
    AgencyReturn,
    AnswerModeration,
    AssuranceCycle,
    AssuranceStandard,
    Challenge,
    ChallengeStep,
    ReturnAnswer,
    ScrutinyActivity,
    ScrutinyFinding,
)
from partnerships.core.api.base import (
    FixedPartnershipMixin,
    PartnershipField,
    ScopedModelSerializer,
    ScopedReadOnlyViewSet,
    ScopedRelatedField,
    ScopedViewSet,
    write_schema,
)


class ScrutinyActivitySerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()

    class Meta:
        model = ScrutinyActivity
        fields = ["id", "partnership", "kind", "title", "carried_out_on", "scrutineer", "meeting", "summary"]


class ScrutinyFindingSerializer(ScopedModelSerializer):
    activity = ScopedRelatedField(queryset=ScrutinyActivity.objects.all())

    class Meta:
        model = ScrutinyFinding
        fields = [
            "id",
            "activity",
            "reference",
            "finding",
            "recommendation",
            "addressed_to",
            "status",
            "response",
            "responded_on",
            "response_by",
        ]
        read_only_fields = ["response_by"]

    def validate_activity(self, value):
        if self.instance is not None and value != self.instance.activity:
            raise serializers.ValidationError("A finding cannot move to another activity.")
        return value


class ChallengeStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChallengeStep
        fields = ["id", "kind", "text", "on", "author"]
        read_only_fields = fields


class ChallengeSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    steps = ChallengeStepSerializer(many=True, read_only=True)
    days_open = serializers.IntegerField(read_only=True)

    class Meta:
        model = Challenge
        fields = [
            "id",
            "partnership",
            "reference",
            "subject",
            "detail",
            "raised_on",
            "raised_by_name",
            "addressed_to",
            "finding",
            "status",
            "outcome",
            "closed_on",
            "days_open",
            "steps",
        ]
        read_only_fields = ["status", "outcome", "closed_on"]


class StandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssuranceStandard
        fields = ["id", "number", "title", "description"]
        read_only_fields = fields


class AssuranceCycleSerializer(serializers.ModelSerializer):
    partnership = PartnershipField(read_only=True)
    partnerships = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    standards = StandardSerializer(many=True, read_only=True)

    class Meta:
        model = AssuranceCycle
        fields = [
            "id",
            "partnership",
            "partnerships",
            "title",
            "opens_on",
            "due_on",
            "status",
            "closed_on",
            "closing_summary",
            "standards",
        ]
        read_only_fields = fields


class ModerationSerializer(serializers.ModelSerializer):
    partnership = PartnershipField(read_only=True)

    class Meta:
        model = AnswerModeration
        fields = ["partnership", "score", "reason", "more_evidence", "moderated_on"]
        read_only_fields = fields


class ReturnAnswerSerializer(serializers.ModelSerializer):
    moderations = ModerationSerializer(many=True, read_only=True)

    class Meta:
        model = ReturnAnswer
        fields = ["standard", "self_score", "evidence", "actions", "agency_response", "moderations"]
        read_only_fields = fields


class AgencyReturnSerializer(serializers.ModelSerializer):
    answers = ReturnAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = AgencyReturn
        fields = [
            "id",
            "cycle",
            "organisation",
            "status",
            "submitted_on",
            "submitted_by",
            "answers",
        ]
        read_only_fields = fields


@write_schema(ScrutinyActivitySerializer)
class ScrutinyActivityViewSet(ScopedViewSet):
    """Independent scrutiny activities."""

    model = ScrutinyActivity
    serializer_class = ScrutinyActivitySerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "kind": ["exact"]}


@write_schema(ScrutinyFindingSerializer)
class ScrutinyFindingViewSet(ScopedViewSet):
    """Scrutiny findings and recommendations, and the partners' responses."""

    model = ScrutinyFinding
    serializer_class = ScrutinyFindingSerializer
    select_related = ("activity__partnership",)
    filterset_fields = {"activity__partnership__slug": ["exact"], "status": ["exact"], "activity": ["exact"]}

    def perform_create(self, serializer):
        self.check_write(serializer.validated_data["activity"].partnership)
        serializer.save()


@write_schema(ChallengeSerializer)
class ChallengeViewSet(ScopedViewSet):
    """The challenge log; steps (responses, escalations, closure) are recorded on the pages."""

    model = Challenge
    serializer_class = ChallengeSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "status": ["exact"]}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("steps")


class AssuranceCycleViewSet(ScopedReadOnlyViewSet):
    """Section 11 cycles you take part in, with their standards."""

    model = AssuranceCycle
    serializer_class = AssuranceCycleSerializer
    select_related = ("partnership",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("partnerships", "standards")


class AgencyReturnViewSet(ScopedReadOnlyViewSet):
    """Section 11 returns: each is visible to every partnership of its cycle that the agency serves."""

    model = AgencyReturn
    serializer_class = AgencyReturnSerializer
    select_related = ("cycle",)
    filterset_fields = {"cycle": ["exact"], "organisation": ["exact"], "status": ["exact"]}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("answers__moderations__partnership")


def register(router):

    router.register("scrutiny-activities", ScrutinyActivityViewSet, basename="scrutinyactivity")
    router.register("scrutiny-findings", ScrutinyFindingViewSet, basename="scrutinyfinding")
    router.register("challenges", ChallengeViewSet, basename="challenge")
    router.register("assurance-cycles", AssuranceCycleViewSet, basename="assurancecycle")
    router.register("assurance-returns", AgencyReturnViewSet, basename="assurancereturn")
