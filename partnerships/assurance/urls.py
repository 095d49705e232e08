"""Independent scrutiny, challenges and Section 11 assurance."""

from django.urls import path

from partnerships.assurance import views as gov

app_name = "assurance"

# All under /p/<partnership>/ (config/urls.py).
urlpatterns = [
    path("scrutiny/", gov.ScrutinyList.as_view(), name="scrutiny_list"),
    path("scrutiny/new/", gov.ScrutinyCreate.as_view(), name="scrutiny_create"),
    path("scrutiny/<int:pk>/", gov.ScrutinyDetail.as_view(), name="scrutiny_detail"),
    path("scrutiny/<int:pk>/edit/", gov.ScrutinyUpdate.as_view(), name="scrutiny_update"),
    path("scrutiny/<int:pk>/findings/", gov.FindingAdd.as_view(), name="finding_add"),
    path("scrutiny/findings/", gov.FindingList.as_view(), name="finding_list"),
    path("scrutiny/findings/<int:pk>/", gov.FindingDetail.as_view(), name="finding_detail"),
    path("scrutiny/findings/<int:pk>/respond/", gov.FindingRespond.as_view(), name="finding_respond"),
    path("scrutiny/findings/<int:pk>/action/", gov.FindingAction.as_view(), name="finding_action"),
    path("scrutiny/challenges/", gov.ChallengeList.as_view(), name="challenge_list"),
    path("scrutiny/challenges/new/", gov.ChallengeCreate.as_view(), name="challenge_create"),
    path("scrutiny/challenges/<int:pk>/", gov.ChallengeDetail.as_view(), name="challenge_detail"),
    path("scrutiny/challenges/<int:pk>/edit/", gov.ChallengeUpdate.as_view(), name="challenge_update"),
    path("scrutiny/challenges/<int:pk>/step/", gov.ChallengeStepAdd.as_view(), name="challenge_step"),
    path("assurance/", gov.CycleList.as_view(), name="cycle_list"),
    path("assurance/new/", gov.CycleCreate.as_view(), name="cycle_create"),
    path("assurance/<int:pk>/", gov.CycleDetail.as_view(), name="cycle_detail"),
    path("assurance/<int:pk>/standards/", gov.StandardAdd.as_view(), name="standard_add"),
    path("assurance/<int:pk>/invite/", gov.CycleInvite.as_view(), name="cycle_invite"),
    path("assurance/<int:pk>/close/", gov.CycleClose.as_view(), name="cycle_close"),
    path("assurance/invitations/", gov.InvitationList.as_view(), name="invitation_list"),
    path("assurance/invitations/<int:pk>/", gov.InvitationAnswer.as_view(), name="invitation_detail"),
    path("assurance/returns/", gov.ReturnList.as_view(), name="return_list"),
    path("assurance/returns/<int:pk>/", gov.ReturnDetail.as_view(), name="return_detail"),
    path("assurance/returns/<int:pk>/moderate/", gov.ReturnModerate.as_view(), name="return_moderate"),
    path(
        "assurance/returns/<int:pk>/more-evidence/", gov.ReturnForEvidence.as_view(), name="return_evidence"
    ),
    path("assurance/returns/<int:pk>/chase/", gov.ReturnChaseView.as_view(), name="return_chase"),
    path("assurance/my-returns/", gov.AgencyReturnList.as_view(), name="agency_return_list"),
    path("assurance/my-returns/<int:pk>/", gov.AgencyReturnEdit.as_view(), name="agency_return_edit"),
]
