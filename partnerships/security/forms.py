from django import forms

from partnerships.core.forms import GovUKForm


class CodeForm(GovUKForm):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class SetupForm(GovUKForm):
    code = forms.CharField(
        label="Code from your app",
        max_length=6,
        min_length=6,
        help_text="The 6 digits your authenticator app shows for this service.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
