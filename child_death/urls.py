from django.urls import path

from child_death import views

app_name = "child_death"

# All under /p/<partnership>/child-deaths/ (see config/urls.py); <partnership> may be any
# partnership of a panel's footprint.
urlpatterns = [
    path("", views.CaseList.as_view(), name="case_list"),
    path("new/", views.CaseCreate.as_view(), name="case_create"),
    path("<int:pk>/", views.CaseDetail.as_view(), name="case_detail"),
    path("<int:pk>/edit/", views.CaseUpdate.as_view(), name="case_update"),
    path("<int:pk>/forms/new/", views.FormRequest.as_view(), name="case_form_request"),
    path("<int:pk>/key-worker/", views.KeyWorkerUpdate.as_view(), name="case_key_worker"),
    path("<int:pk>/contacts/new/", views.ContactAdd.as_view(), name="case_contact_add"),
    path("<int:pk>/cdr-meeting/", views.CdrMeetingRecord.as_view(), name="case_cdr_meeting"),
    path("<int:pk>/analysis/", views.AnalysisRecord.as_view(), name="case_analysis"),
    path("<int:pk>/ncmd/", views.NcmdRecord.as_view(), name="case_ncmd"),
    path("<int:pk>/close/", views.CaseClose.as_view(), name="case_close"),
    path("<int:pk>/link/", views.CaseLink.as_view(), name="case_link"),
    path("forms/", views.ReportingFormList.as_view(), name="form_list"),
    path("forms/<int:pk>/waive/", views.FormWaive.as_view(), name="form_waive"),
    path("forms/<int:pk>/record/", views.FormEnter.as_view(), name="form_enter"),
    path("contribute/", views.ContributorFormList.as_view(), name="contribute_list"),
    path("contribute/<int:pk>/", views.ContributorFormSubmit.as_view(), name="contribute_form"),
    path("panels/", views.PanelList.as_view(), name="panel_list"),
    path("panels/<int:pk>/", views.PanelDetail.as_view(), name="panel_detail"),
    path("meetings/", views.MeetingList.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreate.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.MeetingUpdate.as_view(), name="meeting_update"),
    path("meetings/<int:pk>/agenda/new/", views.AgendaAdd.as_view(), name="meeting_agenda_add"),
    path("meetings/<int:pk>/attendance/new/", views.AttendanceAdd.as_view(), name="meeting_attendance_add"),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/outcome/",
        views.OutcomeRecord.as_view(),
        name="meeting_outcome",
    ),
    path("figures/", views.FiguresView.as_view(), name="figures"),
    path("national-return/", views.NationalReturn.as_view(), name="national_return"),
]
