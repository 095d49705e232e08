"""Forms for case reviews: validate and convert; the services write."""

from django import forms

from partnerships.core import tenancy
from partnerships.core.choices import RapidReviewClock
from partnerships.core.forms.govuk import GovUKDateField, GovUKForm, GovUKModelForm
from partnerships.core.models import LocalAuthorityArea, Organisation, User
from reviews.choices import ContributionStatus
from reviews.models import (
    LCSPR,
    ChronologyEntry,
    ContributionRequest,
    LearningReview,
    Milestone,
    RapidReview,
    SeriousIncidentNotification,
    Theme,
)


class AreaLimitedMixin:
    def limit_choices_to_partnership(self, partnership):
        super().limit_choices_to_partnership(partnership)
        if "area" in self.fields:
            self.fields["area"].queryset = LocalAuthorityArea.objects.filter(partnerships=partnership)


class NotificationForm(AreaLimitedMixin, GovUKModelForm):
    class Meta:
        model = SeriousIncidentNotification
        fields = [
            "reference",
            "child_reference",
            "child_initials",
            "age_band",
            "area",
            "child_name",
            "child_date_of_birth",
            "child_other_names",
            "incident_type",
            "incident_on",
            "la_aware_on",
            "summary",
            "is_looked_after",
            "lead_officer",
            "panel_notified_on",
            "panel_reference",
            "late_reason",
            "ofsted_notified_on",
            "dfe_notified_on",
        ]
        help_texts = {
            "reference": "Leave blank to number it automatically.",
            "child_name": "Optional. Shown only on this record's own page; every opening is logged.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False


class RapidReviewForm(GovUKModelForm):
    class Meta:
        model = RapidReview
        fields = [
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
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple, "decision": forms.RadioSelect}


class PanelResponseForm(GovUKModelForm):
    class Meta:
        model = RapidReview
        fields = ["sent_to_panel_on", "panel_response", "panel_response_on"]


class ReopenForm(GovUKForm):
    reason = forms.CharField(label="Why is the review being reopened?", widget=forms.Textarea)


class ContributionReopenForm(GovUKForm):
    reason = forms.CharField(
        label="Why is the contribution being reopened?",
        help_text="The agency's contributors see this reason in their e-mail.",
        widget=forms.Textarea,
    )


class SignOffForm(GovUKForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Signing for")
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )


class ContributionRequestForm(GovUKForm):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Agencies to ask",
        help_text="Each agency's contributors are told by e-mail and see the request in their list.",
        error_messages={"required": "Choose at least one agency to ask."},
    )
    due_date = GovUKDateField(
        required=False, help_text="Leave blank for 5 working days before the rapid review is due."
    )

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.partnership is not None:
            choices = tenancy.organisations(self.partnership).order_by("name")
            if review is not None:  # an agency already asked (and not withdrawn) is not offered again
                asked = review.contributions.exclude(status=ContributionStatus.WITHDRAWN)
                choices = choices.exclude(pk__in=asked.values("organisation_id"))
            self.fields["organisations"].queryset = choices


class ContributionForm(GovUKModelForm):
    class Meta:
        model = ContributionRequest
        fields = ["involvement", "analysis", "immediate_safety_actions", "learning"]


class ChronologyEntryForm(GovUKModelForm):
    class Meta:
        model = ChronologyEntry
        fields = ["occurred_on", "contact_type", "description"]


class LCSPRForm(AreaLimitedMixin, GovUKModelForm):
    class Meta:
        model = LCSPR
        fields = [
            "kind",
            "reference",
            "title",
            "area",
            "decided_on",
            "decision_date_reason",
            "reviewer_name",
            "reviewer_appointed_on",
            "terms_of_reference",
            "final_report_received_on",
            "planned_publication_on",
            "sent_to_panel_on",
            "sent_to_dfe_on",
            "sent_to_what_works_on",
            "published_on",
            "findings_only",
            "late_reason",
            "themes",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False


class CommissionForm(GovUKForm):
    title = forms.CharField(max_length=200, help_text="Without the child's name, e.g. Child H.")


class MilestoneForm(GovUKModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "description", "due_date", "completed_on"]


class LearningReviewForm(AreaLimitedMixin, GovUKModelForm):
    class Meta:
        model = LearningReview
        fields = [
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
        widgets = {"themes": forms.CheckboxSelectMultiple}


class ThemeForm(GovUKModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description"]


class RecommendationForm(GovUKForm):
    text = forms.CharField(label="Recommendation", widget=forms.Textarea)
    action_title = forms.CharField(label="Action", max_length=255)
    due_date = GovUKDateField(label="Action due")
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    owner_organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.partnership is not None:
            self.fields["owner"].queryset = tenancy.people(self.partnership).order_by("last_name")
            self.fields["owner_organisation"].queryset = tenancy.organisations(self.partnership).order_by(
                "name"
            )


class RapidReviewClockForm(GovUKForm):
    clock = forms.ChoiceField(
        label="When do the 15 working days of a rapid review start?",
        choices=RapidReviewClock.choices,
        widget=forms.RadioSelect,
    )
    applies_from = GovUKDateField(
        label="For reviews started on or after",
        help_text="Reviews started earlier keep the rule they started with; signed-off reviews keep "
        "their due dates.",
    )
