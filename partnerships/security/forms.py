from django import forms
from django.contrib.auth import forms as auth_forms

from partnerships.core.forms import GovUKForm, GovUKFormMixin
from partnerships.core.models import Partnership
from partnerships.core.permissions import visible_partnerships
from partnerships.security.models import TOKEN_DEFAULT_DAYS, TOKEN_EXPIRY_CHOICES, TokenScope


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


RULES_HINT = (
    "At least 12 characters. Not a common password, not only numbers, and not like your name or username."
)


class PasswordResetRequestForm(GovUKFormMixin, auth_forms.PasswordResetForm):
    """Ask for a reset link. The answer is the same whether or not the address has an account."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address your account uses. We will send a link to set a new password.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class NewPasswordForm(GovUKFormMixin, auth_forms.SetPasswordForm):
    """Set a new password from a reset link."""

    error_messages = {
        "password_mismatch": "The new passwords do not match. Enter the same password twice.",  # nosec B105
    }

    new_password1 = forms.CharField(
        label="New password",
        strip=False,
        help_text=RULES_HINT,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label="Confirm new password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ChangePasswordForm(GovUKFormMixin, auth_forms.PasswordChangeForm):
    """Change a password, knowing the current one."""

    error_messages = {
        **NewPasswordForm.error_messages,
        "password_incorrect": "Your current password is not right. Enter it again.",  # nosec B105
    }

    old_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = NewPasswordForm.base_fields["new_password1"]
    new_password2 = NewPasswordForm.base_fields["new_password2"]
    field_order = ["old_password", "new_password1", "new_password2"]


class ApiTokenForm(GovUKForm):
    """Make an API token: its name, what it may do, where, and for how long."""

    name = forms.CharField(
        label="Name", max_length=100, help_text="What the token is for, for example “Monthly figures export”."
    )
    scope = forms.ChoiceField(
        label="What may it do?", choices=TokenScope.choices, initial=TokenScope.READ, widget=forms.RadioSelect
    )
    partnerships = forms.ModelMultipleChoiceField(
        label="Partnerships",
        queryset=Partnership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The token finds nothing of any other partnership.",
    )
    days = forms.TypedChoiceField(
        label="Expires after",
        coerce=int,
        choices=[(d, f"{d} days") for d in TOKEN_EXPIRY_CHOICES],
        initial=TOKEN_DEFAULT_DAYS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = visible_partnerships(user).order_by("name")
