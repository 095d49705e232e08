from django import forms

from partnerships.core.choices import ActionStatus
from partnerships.core.forms.govuk import GovUKDateField, GovUKForm, GovUKModelForm
from partnerships.core.models import (
    Action,
    Group,
    GroupMember,
    Organisation,
    RelevantAgency,
    SafeguardingPartner,
    User,
)


class GroupForm(GovUKModelForm):
    class Meta:
        model = Group
        fields = [
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

    def clean(self):
        cleaned = super().clean()
        if self.partnership is not None:
            self.instance.partnership = self.partnership
        return cleaned


class GroupMemberForm(GovUKModelForm):
    class Meta:
        model = GroupMember
        fields = ["person", "organisation", "role"]


class SafeguardingPartnerForm(GovUKModelForm):
    class Meta:
        model = SafeguardingPartner
        fields = ["lead_representative", "lead_title"]


class RelevantAgencyForm(GovUKModelForm):
    class Meta:
        model = RelevantAgency
        fields = ["organisation", "reason"]

    def limit_choices_to_partnership(self, partnership):
        # Any organisation may be named as a relevant agency, not only those already involved.
        super().limit_choices_to_partnership(partnership)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        existing = RelevantAgency.objects.filter(partnership=self.partnership, organisation=organisation)
        if self.instance.pk:
            existing = existing.exclude(pk=self.instance.pk)
        if existing.exists():
            raise forms.ValidationError(f"{organisation} is already a relevant agency of this partnership.")
        return organisation


class ActionForm(GovUKModelForm):
    class Meta:
        model = Action
        fields = [
            "reference",
            "title",
            "description",
            "source_kind",
            "owner",
            "owner_organisation",
            "due_date",
            "evidence_of_impact",
        ]


class ActionUpdateForm(GovUKForm):
    status = forms.ChoiceField(choices=ActionStatus.choices)
    text = forms.CharField(
        label="Progress update", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    dropped_reason = forms.CharField(
        label="Why is it being dropped?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ActionStatus.DROPPED and not cleaned.get("dropped_reason", "").strip():
            self.add_error("dropped_reason", "Say why the action is being dropped")
        return cleaned


class NewActionForm(GovUKForm):
    """An action recorded from another record (a meeting, a finding): the service adds the source."""

    title = forms.CharField(max_length=255, label="Action")
    owner = forms.ModelChoiceField(queryset=User.objects.all(), required=False)
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, label="Organisation"
    )
    due_date = GovUKDateField(label="Due date")
