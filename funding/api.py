"""The funding API: budget lines, budgets and their revisions, spend, contributions, payments,
in-kind contributions, formulas, imports, and each budget's monitoring report.

Money is integer pence (`*_pence`); every write goes through the same services as the pages, so a
contribution's payment deadline stays in the register. Nothing is deleted through the API.
"""

from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from funding import services
from funding.models import (
    Budget,
    BudgetAmount,
    BudgetLine,
    BudgetRevision,
    Contribution,
    ContributionFormula,
    ContributionPayment,
    FundingImport,
    InKindContribution,
    ReserveTransfer,
    SpendEntry,
)
from funding.reports import carry_forward, load_figures, partnership_lines, report_for
from partnerships.core import tenancy
from partnerships.core.api.base import (
    ERRORS,
    FixedPartnershipMixin,
    PartnershipField,
    ScopedModelSerializer,
    ScopedReadOnlyViewSet,
    ScopedRelatedField,
    ScopedViewSet,
)
from partnerships.core.models import Organisation


class BudgetLineSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    section = serializers.CharField(read_only=True)

    class Meta:
        model = BudgetLine
        fields = ["id", "partnership", "name", "category", "section", "position", "is_active"]


class BudgetSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    year_label = serializers.CharField(read_only=True)

    class Meta:
        model = Budget
        fields = ["id", "partnership", "year", "year_label", "cost_centre", "opening_balance_pence", "notes"]

    def validate_year(self, value):
        if self.instance is not None and value != self.instance.year:
            raise serializers.ValidationError(
                "A budget's year cannot change: open a budget for the other year."
            )
        return value

    def create(self, validated_data):
        return services.create_budget(self.context["request"].user, **validated_data)


class BudgetAmountSerializer(serializers.ModelSerializer):
    line = ScopedRelatedField(queryset=BudgetLine.objects.all())

    class Meta:
        model = BudgetAmount
        fields = ["line", "amount_pence"]


class BudgetRevisionSerializer(ScopedModelSerializer):
    budget = ScopedRelatedField(queryset=Budget.objects.all())
    amounts = BudgetAmountSerializer(many=True)

    class Meta:
        model = BudgetRevision
        fields = ["id", "budget", "number", "effective_on", "reason", "amounts", "created_at"]
        read_only_fields = ["number", "created_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        budget = attrs["budget"]
        for amount in attrs["amounts"]:
            if amount["line"].partnership_id != budget.partnership_id:
                raise serializers.ValidationError(
                    {"amounts": f"{amount['line']} is a line of another partnership."}
                )
        lines = [a["line"].pk for a in attrs["amounts"]]
        if len(lines) != len(set(lines)):
            raise serializers.ValidationError({"amounts": "Each line may appear once."})
        return attrs

    def create(self, validated_data):
        return services.revise_budget(
            self.context["request"].user,
            validated_data["budget"],
            amounts={a["line"]: a["amount_pence"] for a in validated_data["amounts"]},
            effective_on=validated_data["effective_on"],
            reason=validated_data.get("reason", ""),
        )


class SpendEntrySerializer(ScopedModelSerializer):
    budget = ScopedRelatedField(queryset=Budget.objects.all())
    line = ScopedRelatedField(queryset=BudgetLine.objects.all())

    class Meta:
        model = SpendEntry
        fields = ["id", "budget", "line", "month", "kind", "amount_pence", "note"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        entry = SpendEntry(**{**self._current(), **attrs})
        entry.clean()
        attrs["month"] = entry.month
        return attrs

    def _current(self):
        if self.instance is None:
            return {}
        return {
            f: getattr(self.instance, f) for f in ("budget", "line", "month", "kind", "amount_pence", "note")
        }


class PartnerContributionSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    formula = ScopedRelatedField(queryset=ContributionFormula.objects.all(), required=False, allow_null=True)
    year_label = serializers.CharField(read_only=True)
    received_pence = serializers.IntegerField(source="received", read_only=True)
    outstanding_pence = serializers.IntegerField(source="outstanding", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Contribution
        fields = [
            "id",
            "partnership",
            "year",
            "year_label",
            "organisation",
            "amount_pence",
            "formula",
            "share",
            "due_date",
            "invoice_reference",
            "invoiced_on",
            "notes",
            "received_pence",
            "outstanding_pence",
            "status",
        ]
        extra_kwargs = {"amount_pence": {"required": False}}

    def get_status(self, obj) -> str:
        return obj.status().value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        partnership = attrs.get("partnership") or getattr(self.instance, "partnership", None)
        organisation = attrs.get("organisation") or getattr(self.instance, "organisation", None)
        if (
            partnership is not None
            and organisation is not None
            and not tenancy.organisations(partnership).filter(pk=organisation.pk).exists()
        ):
            raise serializers.ValidationError(
                {"organisation": "This organisation does not take part in the partnership."}
            )
        formula = attrs.get("formula", getattr(self.instance, "formula", None))
        if (
            formula is None
            and attrs.get("amount_pence", getattr(self.instance, "amount_pence", None)) is None
        ):
            raise serializers.ValidationError(
                {"amount_pence": "Give the amount agreed, or a formula and a share."}
            )
        if formula is not None:
            attrs.setdefault("amount_pence", getattr(self.instance, "amount_pence", 0) or 0)
        return attrs

    def create(self, validated_data):
        return services.save_contribution(self.context["request"].user, Contribution(**validated_data))

    def update(self, instance, validated_data):
        old_formula = instance.formula
        for name, value in validated_data.items():
            setattr(instance, name, value)
        user = self.context["request"].user
        contribution = services.save_contribution(user, instance)
        if old_formula is not None and old_formula.pk != contribution.formula_id:
            services.apply_formula(user, old_formula)
        return contribution


class ContributionPaymentSerializer(ScopedModelSerializer):
    contribution = ScopedRelatedField(queryset=Contribution.objects.all())

    class Meta:
        model = ContributionPayment
        fields = ["id", "contribution", "received_on", "amount_pence", "reference"]

    def validate_amount_pence(self, value):
        if value <= 0:
            raise serializers.ValidationError("Enter an amount more than 0 pence.")
        return value

    def create(self, validated_data):
        return services.record_payment(
            self.context["request"].user,
            validated_data["contribution"],
            received_on=validated_data["received_on"],
            amount_pence=validated_data["amount_pence"],
            reference=validated_data.get("reference", ""),
        )


class ReserveTransferSerializer(ScopedModelSerializer):
    budget = ScopedRelatedField(queryset=Budget.objects.all())

    class Meta:
        model = ReserveTransfer
        fields = ["id", "budget", "direction", "amount_pence", "on", "reason"]

    def create(self, validated_data):
        return services.record_reserve_transfer(self.context["request"].user, **validated_data)


class InKindContributionSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = InKindContribution
        fields = ["id", "partnership", "year", "organisation", "kind", "description", "value_pence"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        partnership = attrs.get("partnership") or getattr(self.instance, "partnership", None)
        organisation = attrs.get("organisation") or getattr(self.instance, "organisation", None)
        if (
            partnership
            and organisation
            and not tenancy.organisations(partnership).filter(pk=organisation.pk).exists()
        ):
            raise serializers.ValidationError(
                {"organisation": "This organisation does not take part in the partnership."}
            )
        return attrs


class ContributionFormulaSerializer(FixedPartnershipMixin, ScopedModelSerializer):
    partnership = PartnershipField()

    class Meta:
        model = ContributionFormula
        fields = ["id", "partnership", "year", "name", "basis", "amount_to_raise_pence", "notes"]

    def create(self, validated_data):
        return services.save_formula(self.context["request"].user, ContributionFormula(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.save_formula(self.context["request"].user, instance)


class FundingImportSerializer(ScopedModelSerializer):
    partnership = PartnershipField(read_only=True)

    class Meta:
        model = FundingImport
        fields = [
            "id",
            "partnership",
            "kind",
            "file_name",
            "imported_at",
            "row_count",
            "stated_totals",
            "has_discrepancy",
        ]
        read_only_fields = fields


class ReportColumnSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=["budget", "actual", "outturn", "variance"])
    header = serializers.CharField()
    year = serializers.CharField()


class ReportRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=["heading", "line", "total", "net"])
    section = serializers.CharField()
    values_pence = serializers.ListField(child=serializers.IntegerField(allow_null=True))


class CarryForwardSerializer(serializers.Serializer):
    opening_pence = serializers.IntegerField()
    opening_source = serializers.CharField()
    movement_pence = serializers.IntegerField()
    closing_pence = serializers.IntegerField()
    projected_closing_pence = serializers.IntegerField()
    overspend_pence = serializers.IntegerField()
    after_overspend_pence = serializers.IntegerField()


class BudgetReportSerializer(serializers.Serializer):
    year = serializers.CharField()
    columns = ReportColumnSerializer(many=True)
    rows = ReportRowSerializer(many=True)
    carry_forward = CarryForwardSerializer()


class WriteChecksMixin:
    """Records reached through a parent: the parent's partnership must let the requester write."""

    parent_field = None

    def perform_create(self, serializer):
        parent = serializer.validated_data[self.parent_field]
        self.check_write(parent.partnership if hasattr(parent, "partnership") else parent.budget.partnership)
        with transaction.atomic():
            serializer.save()


class BudgetLineViewSet(ScopedViewSet):
    """The lines of each partnership's budget, kept from year to year."""

    model = BudgetLine
    serializer_class = BudgetLineSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "category": ["exact"]}


@extend_schema_view(create=extend_schema(responses={201: BudgetSerializer, **ERRORS}))
class BudgetViewSet(ScopedViewSet):
    """Each partnership's budget for a financial year; `report` gives the monitoring table."""

    model = Budget
    serializer_class = BudgetSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "year": ["exact"]}

    @extend_schema(responses={200: BudgetReportSerializer, 404: None})
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        """Revised budget, actual, projected outturn and variance by line and section (pence)."""
        budget = self.get_object()
        budgets = list(Budget.objects.filter(partnership_id=budget.partnership_id))
        lines = partnership_lines(budget.partnership)
        figures = load_figures(budgets)
        report = report_for(budget, budgets, figures, lines)
        balance = carry_forward(budgets, figures, lines)[budget.year]
        data = {
            "year": budget.year_label,
            "columns": [
                {"key": c.key, "header": c.header, "year": report.blocks[c.block].year.label}
                for c in report.columns
            ],
            "rows": [
                {
                    "label": r.label,
                    "kind": r.kind,
                    "section": r.section,
                    "values_pence": r.cells(report.columns),
                }
                for r in report.rows
            ],
            "carry_forward": {
                "opening_pence": balance.opening_pence,
                "opening_source": balance.opening_source,
                "movement_pence": balance.movement_pence,
                "closing_pence": balance.closing_pence,
                "projected_closing_pence": balance.projected_closing_pence,
                "overspend_pence": balance.overspend_pence,
                "after_overspend_pence": balance.after_overspend_pence,
            },
        }
        return Response(BudgetReportSerializer(data).data)


@extend_schema_view(create=extend_schema(responses={201: BudgetRevisionSerializer, **ERRORS}))
class BudgetRevisionViewSet(WriteChecksMixin, ScopedViewSet):
    """The budget as first set (number 0) and each dated revision; POST sets new amounts."""

    model = BudgetRevision
    serializer_class = BudgetRevisionSerializer
    parent_field = "budget"
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["budget"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("amounts")


@extend_schema_view(create=extend_schema(responses={201: SpendEntrySerializer, **ERRORS}))
class SpendEntryViewSet(WriteChecksMixin, ScopedViewSet):
    """Actual and projected figures by line and month."""

    model = SpendEntry
    serializer_class = SpendEntrySerializer
    parent_field = "budget"
    filterset_fields = {"budget": ["exact"], "line": ["exact"], "kind": ["exact"], "month": ["gte", "lte"]}


@extend_schema_view(create=extend_schema(responses={201: PartnerContributionSerializer, **ERRORS}))
class ContributionViewSet(ScopedViewSet):
    """Each partner's agreed contribution for a year, with what has been received."""

    model = Contribution
    serializer_class = PartnerContributionSerializer
    select_related = ("partnership", "formula")
    filterset_fields = {"partnership__slug": ["exact"], "year": ["exact"], "organisation": ["exact"]}

    def get_queryset(self):
        return super().get_queryset().with_received().order_by("-year", "organisation__name", "pk")


@extend_schema_view(create=extend_schema(responses={201: ContributionPaymentSerializer, **ERRORS}))
class ContributionPaymentViewSet(WriteChecksMixin, ScopedViewSet):
    """Money received against a contribution (part payments included); corrections are made on the pages."""

    model = ContributionPayment
    serializer_class = ContributionPaymentSerializer
    parent_field = "contribution"
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["contribution"]


@extend_schema_view(create=extend_schema(responses={201: ReserveTransferSerializer, **ERRORS}))
class ReserveTransferViewSet(WriteChecksMixin, ScopedViewSet):
    """Money moved into or out of the partnership's reserve in a budget's year; kept, not changed."""

    model = ReserveTransfer
    serializer_class = ReserveTransferSerializer
    parent_field = "budget"
    http_method_names = ["get", "post", "head", "options"]
    select_related = ("budget",)
    filterset_fields = {"budget": ["exact"], "direction": ["exact"]}


class InKindContributionViewSet(ScopedViewSet):
    """What partners give other than money."""

    model = InKindContribution
    serializer_class = InKindContributionSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "year": ["exact"], "kind": ["exact"]}


@extend_schema_view(create=extend_schema(responses={201: ContributionFormulaSerializer, **ERRORS}))
class ContributionFormulaViewSet(ScopedViewSet):
    """Agreed ways of sharing a sum among partners; shares are contributions with a formula and share."""

    model = ContributionFormula
    serializer_class = ContributionFormulaSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "year": ["exact"]}


class FundingImportViewSet(ScopedReadOnlyViewSet):
    """Spreadsheets imported, and the totals they stated against the sums of their rows."""

    model = FundingImport
    serializer_class = FundingImportSerializer
    select_related = ("partnership",)
    filterset_fields = {"partnership__slug": ["exact"], "kind": ["exact"], "has_discrepancy": ["exact"]}


def register(router):
    """Add this app's API resources to the router (see config/api.py)."""
    router.register("budget-lines", BudgetLineViewSet, basename="budgetline")
    router.register("budgets", BudgetViewSet, basename="budget")
    router.register("budget-revisions", BudgetRevisionViewSet, basename="budgetrevision")
    router.register("spend-entries", SpendEntryViewSet, basename="spendentry")
    router.register("reserve-transfers", ReserveTransferViewSet, basename="reservetransfer")
    router.register("partner-contributions", ContributionViewSet, basename="partnercontribution")
    router.register("contribution-payments", ContributionPaymentViewSet, basename="contributionpayment")
    router.register("in-kind-contributions", InKindContributionViewSet, basename="inkindcontribution")
    router.register("contribution-formulas", ContributionFormulaViewSet, basename="contributionformula")
    router.register("funding-imports", FundingImportViewSet, basename="fundingimport")
