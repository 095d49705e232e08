from django import forms
from django.core.exceptions import ValidationError

from partnerships.forms.govuk import GovUKDateField, GovUKDateWidget, GovUKForm, GovUKModelForm
from publications import safety
from publications.choices import PublicationKind
from publications.models import Branding, Publication


class PublicationForm(GovUKModelForm):
    period_start = GovUKDateField(
        label="First day of the 12 months covered",
        widget=GovUKDateWidget,
        required=False,
        help_text="Yearly report only. For example, 1 4 2024 for the year to 31 March 2025.",
    )

    class Meta:
        model = Publication
        fields = ["kind", "title", "period_start", "summary"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == PublicationKind.YEARLY_REPORT and not data.get("period_start"):
            self.add_error("period_start", "Enter the first day of the 12 months the report covers")
        if data.get("kind") != PublicationKind.YEARLY_REPORT:
            data["period_start"] = None
        text = f"{data.get('title', '')}\n{data.get('summary', '')}"
        try:
            safety.check_public(text, self.partnership, where="The title or summary")
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return data


class NarrativeForm(GovUKForm):
    text = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text="Plain text; leave a blank line between paragraphs. Never name or otherwise "
        "identify a child: this text is published.",
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        safety.check_public(text, self.partnership, where="This text")
        return text


class SendForm(GovUKForm):
    accept_missing = forms.BooleanField(
        required=False, label="Send it for sign-off although required sections are empty"
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
