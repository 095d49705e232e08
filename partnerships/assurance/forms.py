"""Forms of the governance pages: meetings, papers, minutes, priorities, risks, scrutiny, Section 11."""

from django import forms

from partnerships.assurance.choices import ChallengeStepKind, FindingStatus, Section11Score
from partnerships.assurance.models import Challenge, ScrutinyActivity, ScrutinyFinding
from partnerships.core.forms.govuk import GovUKDateField, GovUKForm, GovUKModelForm
from partnerships.core.models import Partnership

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
        label="Invite partnerships to run it jointly",
        help_text=(
            "Each partnership's manager is asked to accept; it takes part once it accepts. Agencies serving "
            "several of these partnerships make one return, seen by each."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any partnership may be invited: the invitation is the consent step (its manager accepts).
        self.fields["partnerships"].queryset = Partnership.objects.exclude(
            pk=getattr(self.partnership, "pk", None)
        ).order_by("name")


class InviteForm(GovUKForm):
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Partnership to invite",
    )

    def __init__(self, *args, cycle=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Partnership.objects.order_by("name")
        if cycle is not None:
            queryset = queryset.exclude(pk__in=cycle.partnerships.values("pk"))
        self.fields["partnership"].queryset = queryset


class InvitationAnswerForm(GovUKForm):
    answer = forms.ChoiceField(
        choices=[("accept", "Accept: take part in this cycle"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        label="Will your partnership take part?",
    )


class CloseCycleForm(GovUKForm):
    summary = forms.CharField(widget=TEXTAREA, max_length=10_000, label="Closing summary")


class ChaseForm(GovUKForm):
    """A chase has nothing to fill in: the button is the form."""


class StandardForm(GovUKForm):
    title = forms.CharField(max_length=255, label="Standard")
    description = forms.CharField(widget=TEXTAREA, required=False, max_length=5000)


SCORE_CHOICES = [("", "Not scored")] + [(v, label) for v, label in Section11Score.choices]


def _score(value):
    return None if value in ("", None) else int(value)


class SelfAssessmentForm(GovUKForm):
    """One score, evidence and actions per standard: fields named by the standard's id."""

    def __init__(self, *args, answers=(), asked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        self.asked = set(asked)  # answers more evidence was asked for: the agency responds to each
        for answer in self.answers:
            sid = answer.standard_id
            if answer.pk in self.asked:
                self.fields[f"response_{sid}"] = forms.CharField(
                    widget=TEXTAREA,
                    required=False,
                    max_length=10_000,
                    label="Your response to the request for more evidence",
                    initial=answer.agency_response,
                )
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
                self[f"response_{a.standard_id}"] if a.pk in self.asked else None,
            )
            for a in self.answers
        ]

    def answers_data(self):
        data = {}
        for a in self.answers:
            sid = a.standard_id
            values = [self.cleaned_data[f"{name}_{sid}"] for name in ("score", "evidence", "actions")]
            if a.pk in self.asked:
                values.append(self.cleaned_data[f"response_{sid}"])
            data[sid] = tuple(values)
        return data


class ModerationForm(GovUKForm):
    """The current partnership's moderated score and the reason the agency sees, per standard."""

    def __init__(self, *args, answers=(), mine=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        mine = mine or {}
        for answer in self.answers:
            sid, own = answer.standard_id, mine.get(answer.pk)
            self.fields[f"moderated_{sid}"] = forms.TypedChoiceField(
                choices=[("", "Not moderated"), *Section11Score.choices],
                coerce=_score,
                empty_value=None,
                required=False,
                label=f"Moderated score for standard {answer.standard}",
                initial=own.score if own and not own.more_evidence else None,
            )
            self.fields[f"reason_{sid}"] = forms.CharField(
                widget=TEXTAREA,
                required=False,
                max_length=5000,
                label="Reason (the agency sees it)",
                initial=own.reason if own and not own.more_evidence else "",
            )

    def rows(self):
        return [
            (a, self[f"moderated_{a.standard_id}"], self[f"reason_{a.standard_id}"]) for a in self.answers
        ]

    def scores(self):
        return {
            a.standard_id: (
                self.cleaned_data[f"moderated_{a.standard_id}"],
                self.cleaned_data[f"reason_{a.standard_id}"],
            )
            for a in self.answers
        }


class EvidenceRequestForm(GovUKForm):
    """What more evidence the agency should give, per standard (blank: none asked)."""

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        for answer in self.answers:
            self.fields[f"evidence_request_{answer.standard_id}"] = forms.CharField(
                widget=TEXTAREA,
                required=False,
                max_length=5000,
                label=f"More evidence needed for standard {answer.standard}",
            )

    def rows(self):
        return [(a, self[f"evidence_request_{a.standard_id}"]) for a in self.answers]

    def reasons(self):
        return {a.standard_id: self.cleaned_data[f"evidence_request_{a.standard_id}"] for a in self.answers}
