from rest_framework import serializers

from partnerships.core.api.base import PartnershipField, ScopedModelSerializer
from partnerships.core.models import (
    Action,
    ActionUpdate,
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


class OrganisationSerializer(serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "areas", "is_active", "successor", "succeeded_on"]
        read_only_fields = ["successor", "succeeded_on"]


class SafeguardingPartnerSerializer(ScopedModelSerializer):
    partnership = PartnershipField(read_only=True)
    organisation = OrganisationSerializer(read_only=True)
    sector = serializers.CharField(read_only=True)

    class Meta:
        model = SafeguardingPartner
        fields = ["id", "partnership", "organisation", "sector", "lead_representative", "lead_title"]


class PartnershipSerializer(serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    # Often blank: a plain string, since "" is not a URI (schemathesis found the schema wrong).
    website = serializers.CharField(read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "areas",
            "rapid_review_clock",
            "arrangements_published_on",
            "arrangements_in_operation_on",
            "website",
        ]
        read_only_fields = fields


class GroupSerializer(ScopedModelSerializer):
    partnership = PartnershipField()

    class Meta:
        model = Group
        fields = [
            "id",
            "partnership",
            "name",
            "kind",
            "parent",
            "purpose",
            "chair",
            "chair_is_independent",
            "terms_of_reference",
            "terms_of_reference_approved_on",
            "terms_of_reference_review_date",
            "is_active",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = Group(**attrs)
        if self.instance is not None:
            instance.pk = self.instance.pk
            instance.partnership = attrs.get("partnership", self.instance.partnership)
            if "parent" not in attrs:
                instance.parent = self.instance.parent
        instance.clean()
        return attrs


class GroupMemberSerializer(ScopedModelSerializer):
    class Meta:
        model = GroupMember
        fields = ["id", "group", "person", "organisation", "role"]


class RelevantAgencySerializer(ScopedModelSerializer):
    partnership = PartnershipField()
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = RelevantAgency
        fields = ["id", "partnership", "organisation", "reason"]


class RoleSerializer(ScopedModelSerializer):
    partnership = PartnershipField(read_only=True)
    user = serializers.StringRelatedField()
    organisation = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Role
        fields = ["id", "partnership", "user", "kind", "organisation", "is_manager"]
        read_only_fields = fields


class ActionUpdateSerializer(serializers.ModelSerializer):
    author = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = ActionUpdate
        fields = ["id", "text", "author", "created_at"]
        read_only_fields = fields


class ActionSerializer(ScopedModelSerializer):
    partnership = PartnershipField()
    rag = serializers.SerializerMethodField()
    updates = ActionUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "partnership",
            "reference",
            "title",
            "description",
            "source_kind",
            "source_label",
            "source_url",
            "owner",
            "owner_organisation",
            "due_date",
            "status",
            "dropped_reason",
            "completed_on",
            "evidence_of_impact",
            "rag",
            "updates",
        ]
        read_only_fields = ["source_label", "source_url", "completed_on"]

    def get_rag(self, obj) -> str:
        return obj.rag().value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        status = attrs.get("status", getattr(self.instance, "status", None))
        reason = attrs.get("dropped_reason", getattr(self.instance, "dropped_reason", ""))
        if status == "dropped" and not (reason or "").strip():
            raise serializers.ValidationError({"dropped_reason": "Say why the action is being dropped."})
        return attrs


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at"]
        read_only_fields = ["id", "title", "body", "url", "created_at"]


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = LocalAuthorityArea
        fields = ["id", "slug", "name", "code"]
        read_only_fields = fields


class PersonRoleSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Role
        fields = ["partnership", "kind", "organisation", "is_manager"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_full_name", read_only=True)
    roles = PersonRoleSerializer(source="visible_roles", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "name", "job_title", "roles"]
        read_only_fields = fields
