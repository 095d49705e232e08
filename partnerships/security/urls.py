from django.urls import path

from partnerships.security import views

app_name = "security"

urlpatterns = [
    path("mfa/set-up/", views.mfa_setup, name="mfa_setup"),
    path("mfa/verify/", views.mfa_verify, name="mfa_verify"),
    path("mfa/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("account/", views.account, name="account"),
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path("account/api-tokens/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
