"""The governance API: meetings (agenda, attendance, quorum), papers (metadata only: the file is
served by a permission-checked page), decisions, priorities, and risks with their history of scores.

Writes go through the same services as the pages (a new meeting carries open actions forward; a
new score keeps the old one in the risk's history). Nothing is deleted through the API.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from partnerships.core.api.base import (
    FixedPartnershipMixin,
    PartnershipField,
    ScopedModelSerializer,
    ScopedReadOnlyViewSet,
    ScopedRelatedField,
    ScopedViewSet,
    write_schema,
)
from partnerships.core.models import Group
from partnerships.governance import services as gs
from partnerships.governance.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Objective,
    Paper,
    Priority,
    ProgressUpdate,
    Risk,
    RiskAssessment,
)


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "position", "kind", "title", "presenter", "presenter_name", "action", "notes"]
        read_only_fields = fields


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "person", "organisation", "status", "deputy_name"]
        read_only_fields = fields


class QuorumSerializer(serializers.Serializer):
    met = serializers.BooleanField()
    rule = serializers.CharField()
    represented = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())
    people = serializers.IntegerField()


class MeetingSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    group = ScopedRelatedField(queryset=Group.objects.all())
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    attendances = AttendanceSerializer(many=True, read_only=True)
    quorum = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "partnership",
            "group",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "is_online",
            "online_link",
            "status",
            "minutes",
            "minutes_status",
            "minutes_approved_at",
            "minutes_approved_on",
            "agenda_items",
            "attendances",
            "quorum",
        ]
        read_only_fields = ["minutes", "minutes_status", "minutes_approved_at", "minutes_approved_on"]

    @extend_schema(responses=QuorumSerializer)
    def get_quorum(self, obj) -> dict:
        quorum = obj.quorum(list(obj.attendances.all()))
        return QuorumSerializer(quorum).data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        group = attrs.get("group")
        partnership = attrs.get("partnership") or getattr(self.instance, "partnership", None)
        if group is not None and partnership is not None and group.partnership_id != partnership.pk:
            raise serializers.ValidationError({"group": "Choose a group of this partnership."})
        return attrs

    def create(self, validated_data):
        return gs.create_meeting(self.context["request"].user, **validated_data)


class PaperSerializer(serializers.ModelSerializer):
    partnership = PartnershipField(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = [
            "id",
            "partnership",
            "meeting",
            "agenda_item",
            "title",
            "file_kind",
            "size_bytes",
            "original_name",
            "uploaded_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return reverse(
            "governance:paper_download", kwargs={"partnership": obj.partnership.slug, "pk": obj.pk}
        )


class DecisionSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()

    class Meta:
        model = Decision
        fields = ["id", "partnership", "meeting", "agenda_item", "reference", "title", "text", "decided_on"]


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["id", "position", "title", "measure"]
        read_only_fields = fields


class ProgressUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["id", "objective", "reported_on", "rag", "summary", "author"]
        read_only_fields = fields


class PrioritySerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    year_label = serializers.CharField(read_only=True)
    objectives = ObjectiveSerializer(many=True, read_only=True)
    updates = ProgressUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Priority
        fields = [
            "id",
            "partnership",
            "year",
            "year_label",
            "position",
            "title",
            "description",
            "lead_group",
            "objectives",
            "updates",
        ]


class RiskAssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskAssessment
        fields = ["id", "assessed_on", "likelihood", "impact", "score", "note", "author"]
        read_only_fields = fields


class RiskSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    likelihood = serializers.IntegerField(min_value=1, max_value=5)
    impact = serializers.IntegerField(min_value=1, max_value=5)
    band = serializers.CharField(read_only=True)
    assessments = RiskAssessmentSerializer(many=True, read_only=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            "partnership",
            "reference",
            "title",
            "description",
            "owner",
            "owner_organisation",
            "group",
            "controls",
            "likelihood",
            "impact",
            "score",
            "band",
            "review_date",
            "status",
            "assessments",
        ]
        read_only_fields = ["score"]

    def create(self, validated_data):
        return gs.create_risk(self.context["request"].user, Risk(**validated_data))

    def update(self, instance, validated_data):
        likelihood = validated_data.pop("likelihood", instance.likelihood)
        impact = validated_data.pop("impact", instance.impact)
        instance = super().update(instance, validated_data)
        if (likelihood, impact) != (instance.likelihood, instance.impact):
            # A new score is a reassessment: the old one stays in the history of scores.
            instance = gs.reassess_risk(
                self.context["request"].user, instance, likelihood=likelihood, impact=impact
            )
        return instance


@write_schema(MeetingSerializer)
class MeetingViewSet(ScopedViewSet):
    """Meetings of the groups, with agenda (matters arising included), attendance and quorum."""

    model = Meeting
    serializer_class = MeetingSerializer
    select_related = ("partnership", "group__quorum_rule")
    filterset_fields = {"partnership__slug": ["exact"], "group": ["exact"], "status": ["exact"]}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "agenda_items",
                "attendances__organisation",
                "partnership__safeguarding_partners__organisation",
            )
        )


class PaperViewSet(ScopedReadOnlyViewSet):
    """Meeting papers' details; `download_url` is a signed-in page that checks your role."""

    model = Paper
    serializer_class = PaperSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "meeting": ["exact"]}


@write_schema(DecisionSerializer)
class DecisionViewSet(ScopedViewSet):
    """The decisions register."""

    model = Decision
    serializer_class = DecisionSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "meeting": ["exact"]}


@write_schema(PrioritySerializer)
class PriorityViewSet(ScopedViewSet):
    """Priorities of the work programme, by year, with objectives, measures and RAG progress."""

    model = Priority
    serializer_class = PrioritySerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "year": ["exact"], "lead_group": ["exact"]}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("objectives", "updates")


@write_schema(RiskSerializer)
class RiskViewSet(ScopedViewSet):
    """The risk register: likelihood x impact (1 to 5 each) and the history of scores."""

    model = Risk
    serializer_class = RiskSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "status": ["exact"], "score": ["gte", "lte"]}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("assessments")


def register(router):
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("papers", PaperViewSet, basename="paper")
    router.register("decisions", DecisionViewSet, basename="decision")
    router.register("priorities", PriorityViewSet, basename="priority")
    router.register("risks", RiskViewSet, basename="risk")
