"""Forms of the governance pages: meetings, papers, minutes, priorities, risks, scrutiny, Section 11."""

from django import forms

from partnerships.assurance.choices import ChallengeStepKind, FindingStatus, Section11Score
from partnerships.assurance.models import Challenge, ScrutinyActivity, ScrutinyFinding
from partnerships.core.forms.govuk import GovUKDateField, GovUKForm, GovUKModelForm
from partnerships.core.models import Partnership
from partnerships.core.permissions import Perm

TEXTAREA = forms.Textarea(attrs={"rows": 3})
SCALE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class ScrutinyActivityForm(GovUKModelForm):
    class Meta:
        model = ScrutinyActivity
        fields = ["kind", "title", "carried_out_on", "scrutineer", "meeting", "summary"]
        widgets = {"summary": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.select_related("group")

    def clean(self):
        cleaned = super().clean()
        if self.partnership is not None:
            self.instance.partnership = self.partnership
        return cleaned


class FindingForm(GovUKModelForm):
    class Meta:
        model = ScrutinyFinding
        fields = ["reference", "finding", "recommendation", "addressed_to"]
        widgets = {"finding": TEXTAREA, "recommendation": TEXTAREA}


class FindingResponseForm(GovUKForm):
    status = forms.ChoiceField(
        choices=[c for c in FindingStatus.choices if c[0] != FindingStatus.AWAITING_RESPONSE],
        widget=forms.RadioSelect,
        label="Do the partners accept the recommendation?",
    )
    response = forms.CharField(widget=TEXTAREA, max_length=10_000, label="Partners' response")


class ChallengeForm(GovUKModelForm):
    class Meta:
        model = Challenge
        fields = ["reference", "subject", "detail", "raised_on", "raised_by_name", "addressed_to", "finding"]
        widgets = {"detail": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = kwargs.get("partnership")
        if partnership is not None:
            self.fields["finding"].queryset = ScrutinyFinding.objects.filter(
                activity__partnership=partnership
            )

    def clean(self):
        cleaned = super().clean()
        if self.partnership is not None:
            self.instance.partnership = self.partnership
        return cleaned


class ChallengeStepForm(GovUKForm):
    kind = forms.ChoiceField(
        choices=ChallengeStepKind.choices, widget=forms.RadioSelect, label="What happened?"
    )
    text = forms.CharField(widget=TEXTAREA, max_length=10_000, label="Details")
    on = GovUKDateField(label="Date")


class CycleForm(GovUKForm):
    title = forms.CharField(max_length=255)
    opens_on = GovUKDateField(label="Opens on")
    due_on = GovUKDateField(label="Returns due on")
    partnerships = forms.ModelMultipleChoiceField(
        queryset=Partnership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Run jointly with",
        help_text="Agencies serving several of these partnerships make one return, seen by each.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only partnerships where this person may change records can be signed up.
        self.fields["partnerships"].queryset = Partnership.objects.permitted(user, Perm.CHANGE).exclude(
            pk=getattr(self.partnership, "pk", None)
        )


class StandardForm(GovUKForm):
    title = forms.CharField(max_length=255, label="Standard")
    description = forms.CharField(widget=TEXTAREA, required=False, max_length=5000)


SCORE_CHOICES = [("", "Not scored")] + [(v, label) for v, label in Section11Score.choices]


def _score(value):
    return None if value in ("", None) else int(value)


class SelfAssessmentForm(GovUKForm):
    """One score, evidence and actions per standard: fields named by the standard's id."""

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        for answer in self.answers:
            sid = answer.standard_id
            self.fields[f"score_{sid}"] = forms.TypedChoiceField(
                choices=SCORE_CHOICES,
                coerce=_score,
                empty_value=None,
                required=False,
                label=f"Score for standard {answer.standard}",
                initial=answer.self_score,
            )
            self.fields[f"evidence_{sid}"] = forms.CharField(
                widget=TEXTAREA, required=False, max_length=10_000, label="Evidence", initial=answer.evidence
            )
            self.fields[f"actions_{sid}"] = forms.CharField(
                widget=TEXTAREA, required=False, max_length=10_000, label="Actions", initial=answer.actions
            )

    def rows(self):
        return [
            (
                a,
                self[f"score_{a.standard_id}"],
                self[f"evidence_{a.standard_id}"],
                self[f"actions_{a.standard_id}"],
            )
            for a in self.answers
        ]

    def answers_data(self):
        return {
            a.standard_id: (
                self.cleaned_data[f"score_{a.standard_id}"],
                self.cleaned_data[f"evidence_{a.standard_id}"],
                self.cleaned_data[f"actions_{a.standard_id}"],
            )
            for a in self.answers
        }


class ModerationForm(GovUKForm):
    summary = forms.CharField(widget=TEXTAREA, required=False, max_length=10_000, label="Moderation summary")

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        for answer in self.answers:
            sid = answer.standard_id
            self.fields[f"moderated_{sid}"] = forms.TypedChoiceField(
                choices=SCORE_CHOICES,
                coerce=_score,
                empty_value=None,
                required=False,
                label=f"Moderated score for standard {answer.standard}",
                initial=answer.moderated_score,
            )
            self.fields[f"note_{sid}"] = forms.CharField(
                widget=TEXTAREA,
                required=False,
                max_length=5000,
                label="Moderation note",
                initial=answer.moderation_note,
            )

    def rows(self):
        return [(a, self[f"moderated_{a.standard_id}"], self[f"note_{a.standard_id}"]) for a in self.answers]

    def scores(self):
        return {
            a.standard_id: (
                self.cleaned_data[f"moderated_{a.standard_id}"],
                self.cleaned_data[f"note_{a.standard_id}"],
            )
            for a in self.answers
        }
