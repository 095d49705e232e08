"""The child death review API: panels, cases (never the child's identity on reading), reporting
forms, family contacts, panel meetings with agenda and attendance, and the yearly figures.

Scoping follows the panel's footprint, as on the pages; writes go through child_death.services.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from child_death import services
from child_death.choices import Modifiable
from child_death.figures import yearly_figures
from child_death.models import (
    AgendaItem,
    ChildDeathCase,
    ChildDeathOverviewPanel,
    FamilyContact,
    PanelAttendance,
    PanelMeeting,
    ReportingForm,
)
from partnerships.core.api.base import ERRORS, ScopedModelSerializer, ScopedReadOnlyViewSet, ScopedViewSet
from partnerships.core.api.filters import refuse_unknown
from partnerships.core.models import Partnership
from partnerships.core.periods import financial_year
from partnerships.core.permissions import access_for


def _drf_error(error):
    if hasattr(error, "message_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError(error.messages)


class FootprintWriteMixin:
    """A write is allowed to whoever holds the write permission in any partnership of the footprint."""

    def footprint_ids(self, panel):
        return list(panel.partnerships.values_list("pk", flat=True))

    def panel_of(self, obj):
        return obj.panel

    def partnership_id_of(self, obj):
        access = access_for(self.request.user)
        ids = self.footprint_ids(self.panel_of(obj))
        return next((pid for pid in ids if access.has(self.write_perm, pid)), ids[0] if ids else 0)

    def check_panel_write(self, panel):
        access = access_for(self.request.user)
        if not any(access.has(self.write_perm, pid) for pid in self.footprint_ids(panel)):
            raise PermissionDenied("Your role does not allow changes to this panel's cases.")


class PanelSerializer(serializers.ModelSerializer):
    host_partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partnerships = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = ChildDeathOverviewPanel
        fields = [
            "id",
            "name",
            "short_name",
            "reference_prefix",
            "host_partnership",
            "partnerships",
            "areas",
            "chair",
        ]


@extend_schema_view(list=extend_schema(responses={200: PanelSerializer, **ERRORS}))
class PanelViewSet(ScopedReadOnlyViewSet):
    """Child death overview panels serving the partnerships you can see."""

    model = ChildDeathOverviewPanel
    serializer_class = PanelSerializer
    select_related = ("host_partnership",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("partnerships", "areas")


IDENTITY_FIELDS = [
    "given_names",
    "family_name",
    "other_names",
    "date_of_birth",
    "nhs_number",
    "nhs_number_not_available",
]


class CaseSerializer(ScopedModelSerializer):
    """A case; the child's identity may be given when notifying but is never returned."""

    given_names = serializers.CharField(write_only=True, required=False)
    family_name = serializers.CharField(write_only=True, required=False)
    other_names = serializers.CharField(write_only=True, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(write_only=True, required=False)
    nhs_number = serializers.CharField(write_only=True, required=False, allow_blank=True)
    nhs_number_not_available = serializers.BooleanField(write_only=True, required=False, default=False)
    # Blank until the panel decides: the schema must allow "" (schemathesis found it did not).
    modifiable = serializers.ChoiceField(choices=Modifiable.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ChildDeathCase
        fields = [
            "id",
            "reference",
            "panel",
            "stage",
            "date_of_death",
            "notified_on",
            "notified_by",
            "notifier_organisation",
            "place_of_death",
            "age_band",
            "area_of_residence",
            "expectedness",
            "jar_triggered",
            "jar_criterion",
            "key_worker",
            "bereavement_support",
            "cdr_meeting_on",
            "panel_reviewed_on",
            "category",
            "factors_child",
            "factors_social",
            "factors_physical",
            "factors_service",
            "modifiable",
            "notify_national_panel",
            "ncmd_submitted_on",
            "closed_on",
            *IDENTITY_FIELDS,
        ]
        read_only_fields = [
            "reference",
            "age_band",  # derived from the dates of birth and death
            "stage",
            "key_worker",
            "bereavement_support",
            "cdr_meeting_on",
            "panel_reviewed_on",
            "category",
            "factors_child",
            "factors_social",
            "factors_physical",
            "factors_service",
            "modifiable",
            "notify_national_panel",
            "ncmd_submitted_on",
            "closed_on",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            missing = [n for n in ("given_names", "family_name", "date_of_birth") if not attrs.get(n)]
            if missing:
                raise serializers.ValidationError(dict.fromkeys(missing, "This field is required."))
        elif any(n in attrs for n in IDENTITY_FIELDS):
            raise serializers.ValidationError("Change the child's identity on the case page.")
        if self.instance is not None and "panel" in attrs and attrs["panel"] != self.instance.panel:
            raise serializers.ValidationError({"panel": "A case cannot move to another panel."})
        return attrs

    def create(self, validated_data):
        identity = {n: validated_data.pop(n) for n in IDENTITY_FIELDS if n in validated_data}
        try:
            return services.notify_death(self.context["request"].user, identity=identity, **validated_data)
        except DjangoValidationError as error:
            raise _drf_error(error) from None

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            return services.update_notification(self.context["request"].user, instance)
        except DjangoValidationError as error:
            raise _drf_error(error) from None


@extend_schema_view(
    list=extend_schema(responses={200: CaseSerializer, **ERRORS}),
    create=extend_schema(responses={201: CaseSerializer, **ERRORS}),
    partial_update=extend_schema(responses={200: CaseSerializer, **ERRORS}),
    update=extend_schema(responses={200: CaseSerializer, **ERRORS}),
)
class CaseViewSet(FootprintWriteMixin, ScopedViewSet):
    """Child death cases of the panels whose footprint you can see."""

    model = ChildDeathCase
    serializer_class = CaseSerializer
    select_related = ("panel",)
    filterset_fields = ["stage", "panel", "age_band", "category"]

    def perform_create(self, serializer):
        self.check_panel_write(serializer.validated_data["panel"])
        serializer.save()


class ReportingFormSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="reference", read_only=True)
    organisation = serializers.StringRelatedField()

    class Meta:
        model = ReportingForm
        fields = [
            "id",
            "case",
            "organisation",
            "kind",
            "requested_on",
            "due_date",
            "status",
            "involvement",
            "concerns",
            "information",
            "submitted_on",
            "waived_reason",
        ]


@extend_schema_view(list=extend_schema(responses={200: ReportingFormSerializer, **ERRORS}))
class ReportingFormViewSet(ScopedReadOnlyViewSet):
    """Reporting forms asked of agencies (agencies complete them on their pages)."""

    model = ReportingForm
    serializer_class = ReportingFormSerializer
    select_related = ("case", "organisation")
    filterset_fields = ["status", "kind"]


class FamilyContactSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="reference", read_only=True)

    class Meta:
        model = FamilyContact
        fields = ["id", "case", "contacted_on", "method", "made_by", "summary"]


@extend_schema_view(list=extend_schema(responses={200: FamilyContactSerializer, **ERRORS}))
class FamilyContactViewSet(ScopedReadOnlyViewSet):
    """The log of contacts with bereaved families."""

    model = FamilyContact
    serializer_class = FamilyContactSerializer
    select_related = ("case",)


class PanelAgendaItemSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="reference", read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "case", "position", "outcome", "outcome_notes"]


class PanelAttendanceSerializer(serializers.ModelSerializer):
    organisation = serializers.StringRelatedField()

    class Meta:
        model = PanelAttendance
        fields = ["id", "name", "role", "organisation", "present"]


class PanelMeetingSerializer(ScopedModelSerializer):
    agenda = PanelAgendaItemSerializer(many=True, read_only=True)
    attendance = PanelAttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = PanelMeeting
        fields = ["id", "panel", "meets_on", "location", "status", "notes", "agenda", "attendance"]
        read_only_fields = ["status"]

    def create(self, validated_data):
        try:
            return services.create_meeting(self.context["request"].user, **validated_data)
        except DjangoValidationError as error:
            raise _drf_error(error) from None


@extend_schema_view(
    list=extend_schema(responses={200: PanelMeetingSerializer, **ERRORS}),
    create=extend_schema(responses={201: PanelMeetingSerializer, **ERRORS}),
)
class MeetingViewSet(FootprintWriteMixin, ScopedViewSet):
    """Panel meetings with their agenda of cases, outcomes and attendance."""

    model = PanelMeeting
    serializer_class = PanelMeetingSerializer
    select_related = ("panel",)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("agenda__case", "attendance__organisation")

    def perform_create(self, serializer):
        self.check_panel_write(serializer.validated_data["panel"])
        serializer.save()


def _counts(help_text):
    return serializers.DictField(child=serializers.IntegerField(), help_text=help_text)


class ChildDeathFormsOutstandingSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="The agency asked for the reporting form.")
    outstanding = serializers.IntegerField(help_text="Forms it has not returned.")
    overdue = serializers.IntegerField(help_text="Of those, forms past their due date.")


class ChildDeathFiguresSerializer(serializers.Serializer):
    """The yearly figures of child_death.figures.YearlyFigures, field by field."""

    year = serializers.IntegerField(help_text="First calendar year of the April-start reporting year.")
    label = serializers.CharField(help_text='The reporting year in words, e.g. "2023/24".')
    deaths_by_year = _counts("Deaths by reporting year (label), every year with a death.")
    deaths = serializers.IntegerField(help_text="Deaths in the reporting year, by date of death.")
    notified = serializers.IntegerField(help_text="Deaths notified in the reporting year.")
    by_age_band = _counts("Deaths in the year by age band.")
    by_category = _counts("Deaths in the year by the panel's category.")
    not_yet_categorised = serializers.IntegerField(help_text="Deaths in the year without a category yet.")
    by_place = _counts("Deaths in the year by place of death.")
    by_expectedness = _counts("Deaths in the year by expectedness.")
    reviews_completed = serializers.IntegerField(help_text="Reviews the panel completed in the year.")
    by_modifiable = _counts("Reviews completed in the year by modifiable factors.")
    modifiable_share = serializers.FloatField(
        allow_null=True, help_text="Share (0 to 1) of decided reviews with modifiable factors."
    )
    modifiable_percent = serializers.FloatField(
        allow_null=True, help_text="The same share as a percentage, to one decimal place."
    )
    days_to_panel_median = serializers.FloatField(
        allow_null=True, help_text="Median days from notification to the panel's review."
    )
    days_to_panel_p90 = serializers.IntegerField(
        allow_null=True, help_text="90th percentile of the days from notification to review."
    )
    open_by_stage = _counts("Open cases today by stage.")
    open_by_age = _counts("Open cases today by days since notification.")
    open_total = serializers.IntegerField(help_text="Open cases today.")
    forms_outstanding = ChildDeathFormsOutstandingSerializer(
        many=True, help_text="Reporting forms not returned, by agency."
    )


# Child death reviews began with Working Together 2006; a year outside these is a mistake, not a question.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class OneObjectSchema(AutoSchema):
    """The figures are one object, though the router calls the action that gives them "list"."""

    def _is_list_view(self, serializer=None):
        return False


class FiguresViewSet(viewsets.ViewSet):
    """Yearly figures (child_death.figures) over the cases you can see, or `?partnership=<slug>`; `&year=`
    is the April-start reporting year."""

    schema = OneObjectSchema()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "partnership", str, description="Only the cases of the partnership with this slug."
            ),
            OpenApiParameter(
                "year",
                int,
                description="First calendar year of the April-start reporting year (default: this one), 2000 to 2100.",
            ),
        ],
        responses={200: ChildDeathFiguresSerializer, **ERRORS},
    )
    def list(self, request):
        refuse_unknown(request, {"partnership", "year", "format"})
        slug = request.query_params.get("partnership")
        cases = ChildDeathCase.objects.visible_to(request.user)
        if slug:
            partnership = Partnership.objects.visible_to(request.user).filter(slug=slug).first()
            if partnership is None:
                raise NotFound("No partnership you can see has that slug.")
            cases = cases.in_partnership(partnership)
        try:
            year = int(request.query_params.get("year") or financial_year(timezone.localdate()))
        except ValueError:
            year = None
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            raise serializers.ValidationError(
                {"year": f"Give the year as a number from {FIRST_YEAR} to {LAST_YEAR}, e.g. 2023."}
            )
        return Response(
            ChildDeathFiguresSerializer(yearly_figures(cases, year, on=timezone.localdate())).data
        )


def register(router):
    """Add this app's API resources to the router (see config/api.py)."""
    router.register("child-death-panels", PanelViewSet, basename="child-death-panel")
    router.register("child-death-cases", CaseViewSet, basename="child-death-case")
    router.register("child-death-forms", ReportingFormViewSet, basename="child-death-form")
    router.register(
        "child-death-family-contacts", FamilyContactViewSet, basename="child-death-family-contact"
    )
    router.register("child-death-meetings", MeetingViewSet, basename="child-death-meeting")
    router.register("child-death-figures", FiguresViewSet, basename="child-death-figures")
