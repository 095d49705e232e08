"""Forms of the child death review: they validate and convert; the services write."""

from django import forms
from django.db.models import Q

from child_death.choices import AgendaOutcome, Category, FactorGrade, FormKind, Modifiable
from child_death.models import (
    ChildDeathCase,
    ChildDeathOverviewPanel,
    FamilyContact,
    PanelAttendance,
    PanelMeeting,
)
from partnerships.core.forms import GovUKForm, GovUKModelForm
from partnerships.core.forms.govuk import GovUKDateField, GovUKDateWidget
from partnerships.core.models import LocalAuthorityArea, Organisation


def footprint_organisations(panel):
    """Organisations of every partnership in the panel's footprint, and its review partners."""
    partnerships = panel.partnerships.all()
    return Organisation.objects.filter(
        Q(partner_of__partnership__in=partnerships)
        | Q(relevant_agency_of__partnership__in=partnerships)
        | Q(areas__in=panel.areas.all())
        | Q(child_death_review_partner_of=panel)
    ).distinct()


class PanelChoiceMixin:
    """Choices follow the panel's footprint, not only the partnership in the address."""

    def set_panel_choices(self, panel):
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is Organisation:
                field.queryset = footprint_organisations(panel)
            elif queryset.model is LocalAuthorityArea:
                field.queryset = panel.areas.all()


class CaseForm(PanelChoiceMixin, GovUKModelForm):
    """The notification: what happened, where, and who the child was."""

    panel = forms.ModelChoiceField(
        queryset=ChildDeathOverviewPanel.objects.none(), label="Child death overview panel"
    )
    given_names = forms.CharField(label="Child's given names", max_length=200)
    family_name = forms.CharField(label="Child's family name", max_length=200)
    other_names = forms.CharField(
        label="Other names the child was known by",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line: a nickname, or a former or another family name.",
    )
    date_of_birth = GovUKDateField(label="Child's date of birth", widget=GovUKDateWidget)
    nhs_number = forms.CharField(
        label="NHS number", max_length=12, required=False, help_text="10 digits, for example 943 476 5919."
    )
    nhs_number_not_available = forms.BooleanField(label="The NHS number is not available", required=False)

    class Meta:
        model = ChildDeathCase
        fields = [
            "date_of_death",
            "notified_on",
            "notified_by",
            "notifier_organisation",
            "place_of_death",
            "area_of_residence",
            "expectedness",
            "jar_triggered",
            "jar_criterion",
        ]
        labels = {"notified_on": "Date notified", "notified_by": "Who notified the death (role)"}

    def __init__(self, *args, partnership=None, panels=None, identity=None, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.identity = identity
        order = ["panel", *self.fields]
        self.order_fields(order)
        if self.instance.pk:
            del self.fields["panel"]
            self.set_panel_choices(self.instance.panel)
            if identity is not None and not self.is_bound:
                for name in (
                    "given_names",
                    "family_name",
                    "other_names",
                    "date_of_birth",
                    "nhs_number",
                    "nhs_number_not_available",
                ):
                    self.initial[name] = getattr(identity, name)
        else:
            self.fields["panel"].queryset = panels
            if panels is not None and len(panels) == 1:
                self.fields["panel"].initial = panels[0].pk
            # Choices across every panel offered (the service checks the area is the panel's).
            self.fields["area_of_residence"].queryset = LocalAuthorityArea.objects.filter(
                child_death_panels__in=panels
            ).distinct()
            self.fields["notifier_organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for p in panels for o in footprint_organisations(p)]
            )

    def identity_values(self):
        return {
            name: self.cleaned_data[name]
            for name in (
                "given_names",
                "family_name",
                "other_names",
                "date_of_birth",
                "nhs_number",
                "nhs_number_not_available",
            )
        }

    def case_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FormRequestForm(PanelChoiceMixin, GovUKForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Agency")
    kind = forms.ChoiceField(choices=FormKind.choices, label="Form", initial=FormKind.REPORTING)
    requested_on = GovUKDateField(label="Date requested", widget=GovUKDateWidget)
    due_date = GovUKDateField(
        label="Due date",
        widget=GovUKDateWidget,
        required=False,
        help_text="Leave blank for 15 working days from the request.",
    )

    def __init__(self, *args, panel=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_panel_choices(panel)


class FormSubmitForm(GovUKForm):
    involvement = forms.CharField(
        label="Your agency's involvement with the child and family", widget=forms.Textarea
    )
    concerns = forms.CharField(
        label="Concerns, issues or factors identified", widget=forms.Textarea, required=False
    )
    information = forms.CharField(label="Other relevant information", widget=forms.Textarea, required=False)
    submitted_on = GovUKDateField(label="Date submitted", widget=GovUKDateWidget)


class WaiveForm(GovUKForm):
    reason = forms.CharField(label="Why is this form not needed?", widget=forms.Textarea)


class KeyWorkerForm(PanelChoiceMixin, GovUKModelForm):
    class Meta:
        model = ChildDeathCase
        fields = [
            "key_worker",
            "key_worker_organisation",
            "bereavement_support",
            "bereavement_support_offered_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_panel_choices(self.instance.panel)


class FamilyContactForm(GovUKModelForm):
    class Meta:
        model = FamilyContact
        fields = ["contacted_on", "method", "made_by", "summary"]
        labels = {"made_by": "Contact made by (name and role)"}
        help_texts = {"summary": "What was discussed. Keep to what the review needs."}


class CdrMeetingForm(GovUKForm):
    held_on = GovUKDateField(label="Date of the child death review meeting", widget=GovUKDateWidget)
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


def _grade_field(label):
    return forms.TypedChoiceField(
        label=label, choices=FactorGrade.choices, coerce=int, widget=forms.RadioSelect
    )


class AnalysisForm(GovUKForm):
    """The panel's analysis form."""

    cause_of_death = forms.CharField(label="Cause of death", widget=forms.Textarea, required=False)
    # Chosen, never defaulted (docs/statutory-rules.md#categories-of-death): radios with none selected.
    category = forms.TypedChoiceField(
        label="Category of death",
        choices=Category.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="The first category in this list that applies, as on the national analysis form.",
    )
    factors_child = _grade_field("Factors intrinsic to the child")
    factors_social = _grade_field("Factors in the social environment, including family and parenting")
    factors_physical = _grade_field("Factors in the physical environment")
    factors_service = _grade_field("Factors in service provision")
    modifiable = forms.ChoiceField(
        label="Modifiable factors", choices=Modifiable.choices, widget=forms.RadioSelect
    )
    learning_points = forms.CharField(label="Learning points", widget=forms.Textarea, required=False)
    notify_national_panel = forms.BooleanField(
        label="Notify the Child Safeguarding Practice Review Panel", required=False
    )
    action_title = forms.CharField(
        label="Action for the action log (optional)", max_length=255, required=False
    )
    action_due_date = GovUKDateField(label="Action due date", widget=GovUKDateWidget, required=False)


class NcmdForm(GovUKForm):
    submitted_on = GovUKDateField(
        label="Date sent to the National Child Mortality Database", widget=GovUKDateWidget
    )
    reference = forms.CharField(label="NCMD reference", max_length=60, required=False)


class CloseForm(GovUKForm):
    closed_on = GovUKDateField(label="Date closed", widget=GovUKDateWidget)


class LinkForm(GovUKForm):
    record_id = forms.IntegerField(label="Serious incident notification number", min_value=1)
    reason = forms.CharField(label="Why are they linked?", max_length=255, required=False)


class MeetingForm(GovUKModelForm):
    panel = forms.ModelChoiceField(queryset=ChildDeathOverviewPanel.objects.none(), label="Panel")

    class Meta:
        model = PanelMeeting
        fields = ["meets_on", "location", "notes"]
        labels = {"meets_on": "Date of the meeting"}

    def __init__(self, *args, panels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["panel"]
        else:
            self.fields["panel"].queryset = panels
            self.order_fields(["panel", "meets_on", "location", "notes"])


class AgendaAddForm(GovUKForm):
    case = forms.ModelChoiceField(queryset=ChildDeathCase.objects.none(), label="Case")

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda c: f"{c.reference} ({c.get_stage_display()})"


class AttendanceForm(PanelChoiceMixin, GovUKModelForm):
    class Meta:
        model = PanelAttendance
        fields = ["name", "role", "organisation", "present"]

    def __init__(self, *args, panel=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_panel_choices(panel)


class OutcomeForm(GovUKForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[c for c in AgendaOutcome.choices if c[0] != AgendaOutcome.PENDING],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
