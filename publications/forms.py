from django import forms
from django.core.exceptions import ValidationError

from partnerships.core.forms.govuk import GovUKDateField, GovUKDateWidget, GovUKForm, GovUKModelForm
from publications.choices import PublicationKind
from publications.models import Branding, Publication
from publications.services import lcspr_choices


class PublicationForm(GovUKModelForm):
    period_start = GovUKDateField(
        label="First day of the 12 months covered",
        widget=GovUKDateWidget,
        required=False,
        help_text="Yearly report only. For example, 1 4 2024 for the year to 31 March 2025.",
    )

    lcspr_id = forms.TypedChoiceField(
        label="LCSPR",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="LCSPR report only: the review this report publishes. Publishing the report records "
        "the date against the review's deadline.",
    )

    class Meta:
        model = Publication
        fields = ["kind", "title", "period_start", "lcspr_id", "summary"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = lcspr_choices(user, self.partnership) if user is not None and self.partnership else []
        self.fields["lcspr_id"].choices = [("", "Choose the LCSPR"), *choices]

    def clean(self):
        data = super().clean()
        if data.get("kind") == PublicationKind.LCSPR_REPORT and not data.get("lcspr_id"):
            self.add_error("lcspr_id", "Choose the LCSPR this report publishes")
        if data.get("kind") != PublicationKind.LCSPR_REPORT:
            data["lcspr_id"] = None
        if data.get("kind") == PublicationKind.YEARLY_REPORT and not data.get("period_start"):
            self.add_error("period_start", "Enter the first day of the 12 months the report covers")
        if data.get("kind") != PublicationKind.YEARLY_REPORT:
            data["period_start"] = None
        return data


class NarrativeForm(GovUKForm):
    text = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text="Plain text; leave a blank line between paragraphs. Never name or otherwise "
        "identify a child: this text is published.",
    )


class SendForm(GovUKForm):
    accept_missing = forms.BooleanField(
        required=False, label="Send it for sign-off although required sections are empty"
    )
    correction_note = forms.CharField(
        required=False,
        label="What does this version correct?",
        help_text="The document is already published: this version corrects it. Readers see this "
        "beside the date it was corrected, for example 'The funding table gave 2024/25 figures'.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignOffForm(GovUKForm):
    organisation = forms.ModelChoiceField(queryset=None, label="Sign for")
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SentForm(GovUKForm):
    sent_on = GovUKDateField(label="Sent to the Panel and the What Works Centre on", widget=GovUKDateWidget)


class BrandingForm(GovUKModelForm):
    class Meta:
        model = Branding
        fields = ["logo", "logo_alt", "contact_line"]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "read"):
            head = logo.read(8)
            logo.seek(0)
            if not head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
                raise ValidationError("The logo must be a PNG or JPEG image")
            if logo.size > 2 * 1024 * 1024:
                raise ValidationError("The logo must be smaller than 2 MB")
        return logo


class WithdrawForm(GovUKForm):
    reason = forms.CharField(
        label="Why is this version withdrawn?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Recorded with the version. An LCSPR report stays published for at least 1 year.",
    )


class LinkLcsprForm(GovUKForm):
    lcspr_id = forms.TypedChoiceField(
        label="LCSPR", coerce=int, help_text="The review this report publishes."
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lcspr_id"].choices = [("", "Choose the LCSPR"), *lcspr_choices(user, self.partnership)]
