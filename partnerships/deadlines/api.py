"""API resources of the deadline register's own records: timetables, yearly report cycles, reminders.

Writes go through the same services as the pages (partnerships/timetable.py), so the register is
recomputed whatever the route. Reminders are read-only: the sweep records them.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from partnerships.core.api.base import (
    ERRORS,
    PartnershipField,
    ScopedModelSerializer,
    ScopedReadOnlyViewSet,
    ScopedViewSet,
)
from partnerships.core.models import User
from partnerships.core.registry import deadline_kind
from partnerships.deadlines import timetable
from partnerships.deadlines.models import ArrangementsTimetable, Deadline, Reminder, YearlyReportCycle


class ArrangementsTimetableSerializer(ScopedModelSerializer):
    partnership = PartnershipField(read_only=True)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True, required=False)
    arrangements_published_on = serializers.DateField(
        source="partnership.arrangements_published_on", allow_null=True, required=False
    )
    arrangements_in_operation_on = serializers.DateField(
        source="partnership.arrangements_in_operation_on", allow_null=True, required=False
    )

    class Meta:
        model = ArrangementsTimetable
        fields = [
            "id",
            "partnership",
            "publish_by",
            "arrangements_published_on",
            "operate_by",
            "arrangements_in_operation_on",
            "timetable_source",
            "owner",
            "serious_case_reviews_outstanding",
            "serious_case_reviews_completed_on",
            "child_death_reviews_outstanding",
            "child_death_reviews_completed_on",
        ]

    def update(self, instance, validated_data):
        dates = validated_data.pop("partnership", {})
        partnership = instance.partnership
        return timetable.update_timetable(
            self.context["request"].user,
            instance,
            arrangements_published_on=dates.get(
                "arrangements_published_on", partnership.arrangements_published_on
            ),
            arrangements_in_operation_on=dates.get(
                "arrangements_in_operation_on", partnership.arrangements_in_operation_on
            ),
            **validated_data,
        )


class ArrangementsTimetableViewSet(ScopedViewSet):
    """Each partnership's statutory timetable: arrangements published and in operation, grace periods."""

    model = ArrangementsTimetable
    serializer_class = ArrangementsTimetableSerializer
    select_related = ("partnership",)
    http_method_names = ["get", "patch", "head", "options"]
    filterset_fields = {"partnership__slug": ["exact"]}


class YearlyReportCycleSerializer(ScopedModelSerializer):
    partnership = PartnershipField()
    publish_by = serializers.DateField(read_only=True)
    send_by = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = YearlyReportCycle
        fields = [
            "id",
            "partnership",
            "starts_on",
            "publish_by",
            "published_on",
            "send_by",
            "sent_on",
            "report_url",
        ]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # An existing cycle keeps its start and partnership; record its publication and sending.
            fields["partnership"].read_only = True
            fields["starts_on"].read_only = True
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        published = attrs.get("published_on", getattr(self.instance, "published_on", None))
        sent = attrs.get("sent_on", getattr(self.instance, "sent_on", None))
        if sent and not published:
            raise serializers.ValidationError({"sent_on": "Record the publication before the sending."})
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        return timetable.add_yearly_report_cycle(user, validated_data.pop("partnership"), **validated_data)

    def update(self, instance, validated_data):
        return timetable.record_yearly_report(
            self.context["request"].user,
            instance,
            published_on=validated_data.get("published_on", instance.published_on),
            sent_on=validated_data.get("sent_on", instance.sent_on),
            report_url=validated_data.get("report_url", instance.report_url),
        )


@extend_schema_view(create=extend_schema(responses={201: YearlyReportCycleSerializer, **ERRORS}))
class YearlyReportCycleViewSet(ScopedViewSet):
    """Yearly report cycles: publish within 12 months of the start, send within 7 days of publication."""

    model = YearlyReportCycle
    serializer_class = YearlyReportCycleSerializer
    select_related = ("partnership",)
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = {"partnership__slug": ["exact"]}


class ReminderSerializer(ScopedModelSerializer):
    partnership = PartnershipField(read_only=True)
    recipient = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Reminder
        fields = [
            "id",
            "partnership",
            "deadline",
            "step",
            "days",
            "due_date",
            "recipient",
            "subject",
            "status",
            "attempts",
            "created_at",
            "sent_at",
        ]
        read_only_fields = fields


class ReminderViewSet(ScopedReadOnlyViewSet):
    """Reminders and escalations recorded by the sweep, and whether each was sent."""

    model = Reminder
    serializer_class = ReminderSerializer
    select_related = ("partnership", "recipient")
    filterset_fields = {
        "partnership__slug": ["exact"],
        "status": ["exact"],
        "step": ["exact"],
        "deadline": ["exact"],
    }


class DeadlineSerializer(ScopedModelSerializer):
    partnership = PartnershipField(read_only=True)
    status = serializers.SerializerMethodField()
    kind_label = serializers.SerializerMethodField()
    owner = serializers.StringRelatedField(allow_null=True)  # a deadline may have no owner yet

    class Meta:
        model = Deadline
        fields = [
            "id",
            "partnership",
            "kind",
            "kind_label",
            "title",
            "source_label",
            "source_url",
            "rule",
            "authority",
            "starts_on",
            "due_date",
            "owner",
            "met_on",
            "is_active",
            "status",
        ]
        read_only_fields = fields

    def get_status(self, obj) -> str:
        return obj.status().value

    def get_kind_label(self, obj) -> str:
        return deadline_kind(obj.kind).label


class DeadlineViewSet(ScopedReadOnlyViewSet):
    """The register of deadlines, each with the rule that produced its due date."""

    model = Deadline
    serializer_class = DeadlineSerializer
    select_related = ("partnership", "owner")
    filterset_fields = {"partnership__slug": ["exact"], "kind": ["exact"], "due_date": ["gte", "lte"]}


def register(router):
    router.register("deadlines", DeadlineViewSet, basename="deadline")
    router.register("arrangements-timetables", ArrangementsTimetableViewSet, basename="arrangementstimetable")
    router.register("yearly-report-cycles", YearlyReportCycleViewSet, basename="yearlyreportcycle")
    router.register("reminders", ReminderViewSet, basename="reminder")
