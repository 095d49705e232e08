"""Forms of the governance pages: meetings, papers, minutes, priorities, risks, scrutiny, Section 11."""

import datetime

from django import forms
from django.utils import timezone

from partnerships.core import papers
from partnerships.core.forms.govuk import GovUKDateField, GovUKForm, GovUKModelForm
from partnerships.core.models import Organisation, User
from partnerships.governance.choices import AttendanceStatus, PriorityRAG
from partnerships.governance.models import (
    AgendaItem,
    Decision,
    Meeting,
    Objective,
    Priority,
    QuorumRule,
    Risk,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})
SCALE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class MeetingForm(GovUKModelForm):
    online_link = forms.URLField(required=False, assume_scheme="https", label="Online link")
    date = GovUKDateField(label="Date")
    start_time = forms.TimeField(
        label="Start time", help_text="For example, 14:00", widget=forms.TimeInput(format="%H:%M")
    )

    class Meta:
        model = Meeting
        fields = ["group", "title", "location", "is_online", "online_link", "status"]
        labels = {"is_online": "Online (or hybrid)", "title": "Title (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.starts_at:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("start_time", local.time().replace(second=0, microsecond=0))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("start_time"):
            self.instance.starts_at = timezone.make_aware(
                datetime.datetime.combine(cleaned["date"], cleaned["start_time"])
            )
        if self.partnership is not None:
            self.instance.partnership = self.partnership
        return cleaned


class AgendaItemForm(GovUKModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "presenter_name", "notes"]
        widgets = {"notes": TEXTAREA}


class AttendanceForm(GovUKForm):
    person = forms.ModelChoiceField(queryset=User.objects.all())
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), label="Representing")
    status = forms.ChoiceField(choices=AttendanceStatus.choices, widget=forms.RadioSelect)
    deputy_name = forms.CharField(label="Deputy's name", required=False, max_length=200)


class PaperForm(GovUKForm):
    title = forms.CharField(max_length=255)
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.all(), required=False, label="Agenda item"
    )
    file = forms.FileField(
        help_text=f"A {papers.ACCEPTED} file, smaller than {papers.PAPER_MAX_BYTES // (1024 * 1024)} MB."
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.kind = papers.identify(upload)
        return upload


class MinutesForm(GovUKForm):
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 15}), required=False, max_length=100_000)


class ApproveMinutesForm(GovUKForm):
    at = forms.ModelChoiceField(queryset=Meeting.objects.none(), label="Approved at which meeting?")

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].queryset = Meeting.objects.filter(
            group_id=meeting.group_id, starts_at__gt=meeting.starts_at
        ).select_related("group")


class DecisionForm(GovUKModelForm):
    class Meta:
        model = Decision
        fields = ["reference", "title", "text", "decided_on", "meeting", "agenda_item"]
        widgets = {"text": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.select_related("group")
        self.fields["agenda_item"].queryset = AgendaItem.objects.none()
        self.fields.pop("agenda_item")

    def clean(self):
        cleaned = super().clean()
        if self.partnership is not None:
            self.instance.partnership = self.partnership
        return cleaned


class QuorumRuleForm(GovUKModelForm):
    class Meta:
        model = QuorumRule
        fields = ["kind", "minimum"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"kind": "Quorum rule"}


class PriorityForm(GovUKModelForm):
    class Meta:
        model = Priority
        fields = ["year", "position", "title", "description", "lead_group"]
        widgets = {"description": TEXTAREA}

    def clean(self):
        cleaned = super().clean()
        if self.partnership is not None:
            self.instance.partnership = self.partnership
        return cleaned


class ObjectiveForm(GovUKModelForm):
    class Meta:
        model = Objective
        fields = ["title", "measure"]
        widgets = {"measure": TEXTAREA}


class ProgressForm(GovUKForm):
    reported_on = GovUKDateField(label="Date of the update")
    rag = forms.ChoiceField(choices=PriorityRAG.choices, widget=forms.RadioSelect, label="RAG rating")
    objective = forms.ModelChoiceField(queryset=Objective.objects.none(), required=False)
    summary = forms.CharField(widget=TEXTAREA, max_length=10_000, label="Progress")

    def __init__(self, *args, priority=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(priority=priority)


class RiskForm(GovUKModelForm):
    likelihood = forms.TypedChoiceField(
        choices=SCALE_CHOICES, coerce=int, help_text="1 (rare) to 5 (almost certain)"
    )
    impact = forms.TypedChoiceField(
        choices=SCALE_CHOICES, coerce=int, help_text="1 (negligible) to 5 (severe)"
    )

    class Meta:
        model = Risk
        fields = [
            "reference",
            "title",
            "description",
            "owner",
            "owner_organisation",
            "group",
            "controls",
            "likelihood",
            "impact",
            "review_date",
            "status",
        ]
        widgets = {"description": TEXTAREA, "controls": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A new score goes through "Reassess", which keeps the history of scores.
            self.fields.pop("likelihood")
            self.fields.pop("impact")

    def clean(self):
        cleaned = super().clean()
        if self.partnership is not None:
            self.instance.partnership = self.partnership
        return cleaned


class ReassessForm(GovUKForm):
    likelihood = forms.TypedChoiceField(choices=SCALE_CHOICES, coerce=int)
    impact = forms.TypedChoiceField(choices=SCALE_CHOICES, coerce=int)
    note = forms.CharField(widget=TEXTAREA, required=False, max_length=5000, label="Why the score changed")
    review_date = GovUKDateField(label="Next review date", required=False)
