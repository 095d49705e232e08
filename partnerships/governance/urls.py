"""Meetings, decisions, priorities and the risk register."""

from django.urls import path

from partnerships.governance import views as gov

app_name = "governance"

# All under /p/<partnership>/ (config/urls.py).
urlpatterns = [
    path("meetings/", gov.MeetingList.as_view(), name="meeting_list"),
    path("meetings/new/", gov.MeetingCreate.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", gov.MeetingDetail.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", gov.MeetingUpdate.as_view(), name="meeting_update"),
    path("meetings/<int:pk>/agenda/", gov.AgendaItemAdd.as_view(), name="agenda_item_add"),
    path("meetings/<int:pk>/attendance/", gov.AttendanceRecord.as_view(), name="attendance_record"),
    path("meetings/<int:pk>/papers/", gov.PaperUpload.as_view(), name="paper_upload"),
    path("meetings/<int:pk>/actions/", gov.MeetingActionAdd.as_view(), name="meeting_action_add"),
    path("meetings/<int:pk>/minutes/", gov.MinutesEdit.as_view(), name="minutes_edit"),
    path("meetings/<int:pk>/minutes/approve/", gov.MinutesApprove.as_view(), name="minutes_approve"),
    path("meetings/papers/<int:pk>/", gov.PaperDownload.as_view(), name="paper_download"),
    path("groups/<int:pk>/quorum/", gov.QuorumRuleEdit.as_view(), name="quorum_rule_edit"),
    path("decisions/", gov.DecisionList.as_view(), name="decision_list"),
    path("decisions/new/", gov.DecisionCreate.as_view(), name="decision_create"),
    path("decisions/<int:pk>/", gov.DecisionDetail.as_view(), name="decision_detail"),
    path("decisions/<int:pk>/edit/", gov.DecisionUpdate.as_view(), name="decision_update"),
    path("priorities/", gov.PriorityList.as_view(), name="priority_list"),
    path("priorities/new/", gov.PriorityCreate.as_view(), name="priority_create"),
    path("priorities/<int:pk>/", gov.PriorityDetail.as_view(), name="priority_detail"),
    path("priorities/<int:pk>/edit/", gov.PriorityUpdate.as_view(), name="priority_update"),
    path("priorities/<int:pk>/objectives/", gov.ObjectiveAdd.as_view(), name="objective_add"),
    path("priorities/<int:pk>/progress/", gov.ProgressAdd.as_view(), name="progress_add"),
    path("risks/", gov.RiskList.as_view(), name="risk_list"),
    path("risks/heat-map/", gov.RiskHeatMap.as_view(), name="risk_heat_map"),
    path("risks/new/", gov.RiskCreate.as_view(), name="risk_create"),
    path("risks/<int:pk>/", gov.RiskDetail.as_view(), name="risk_detail"),
    path("risks/<int:pk>/edit/", gov.RiskUpdate.as_view(), name="risk_update"),
    path("risks/<int:pk>/reassess/", gov.RiskReassess.as_view(), name="risk_reassess"),
]
