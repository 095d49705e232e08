from django.urls import path

from partnerships.views import core, structure

app_name = "partnerships"

# All under /p/<partnership>/ (see config/urls.py).
urlpatterns = [
    path("", core.partnership_home, name="home"),
    path("structure/", structure.StructureView.as_view(), name="structure"),
    path("groups/", structure.GroupList.as_view(), name="group_list"),
    path("groups/new/", structure.GroupCreate.as_view(), name="group_create"),
    path("groups/<int:pk>/", structure.GroupDetail.as_view(), name="group_detail"),
    path("groups/<int:pk>/edit/", structure.GroupUpdate.as_view(), name="group_update"),
    path("groups/<int:pk>/members/", structure.GroupMemberAdd.as_view(), name="group_member_add"),
    path(
        "groups/<int:pk>/members/<int:member_pk>/remove/",
        structure.GroupMemberRemove.as_view(),
        name="group_member_remove",
    ),
    path("partners/<int:pk>/edit/", structure.PartnerUpdate.as_view(), name="partner_update"),
    path("agencies/", structure.AgencyList.as_view(), name="agency_list"),
    path("agencies/new/", structure.AgencyCreate.as_view(), name="agency_create"),
    path("agencies/<int:pk>/edit/", structure.AgencyUpdate.as_view(), name="agency_update"),
    path("people/", structure.RoleList.as_view(), name="role_list"),
    path("actions/", structure.ActionList.as_view(), name="action_list"),
    path("actions/new/", structure.ActionCreate.as_view(), name="action_create"),
    path("actions/<int:pk>/", structure.ActionDetail.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", structure.ActionUpdate.as_view(), name="action_update"),
    path("actions/<int:pk>/progress/", structure.ActionProgress.as_view(), name="action_progress"),
    path("deadlines/", structure.DeadlineList.as_view(), name="deadline_list"),
    path("access-log/", structure.AccessLogList.as_view(), name="access_log"),
]

# The deadline register's statutory timetable (issue 7).
from partnerships.views import deadlines as deadline_views  # noqa: E402

urlpatterns += [
    path("deadlines/timetable/", deadline_views.TimetableView.as_view(), name="timetable"),
    path("deadlines/timetable/edit/", deadline_views.TimetableUpdate.as_view(), name="timetable_update"),
    path(
        "deadlines/yearly-reports/new/",
        deadline_views.YearlyReportCreate.as_view(),
        name="yearly_report_create",
    ),
    path(
        "deadlines/yearly-reports/<int:pk>/edit/",
        deadline_views.YearlyReportUpdate.as_view(),
        name="yearly_report_update",
    ),
]

# Governance: meetings, decisions, priorities, risks, scrutiny and Section 11 assurance (issue 3).
from partnerships.views import governance as gov  # noqa: E402

urlpatterns += [
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
    path("assurance/returns/", gov.ReturnList.as_view(), name="return_list"),
    path("assurance/returns/<int:pk>/", gov.ReturnDetail.as_view(), name="return_detail"),
    path("assurance/returns/<int:pk>/moderate/", gov.ReturnModerate.as_view(), name="return_moderate"),
    path("assurance/my-returns/", gov.AgencyReturnList.as_view(), name="agency_return_list"),
    path("assurance/my-returns/<int:pk>/", gov.AgencyReturnEdit.as_view(), name="agency_return_edit"),
]
