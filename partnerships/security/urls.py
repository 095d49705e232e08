from django.urls import path

from partnerships.security import views

app_name = "security"

urlpatterns = [
    path("mfa/set-up/", views.mfa_setup, name="mfa_setup"),
    path("mfa/verify/", views.mfa_verify, name="mfa_verify"),
    path("mfa/recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
