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
# Learning and evidence of impact: briefings, training, voice, the dataset (issue 11).
from partnerships.views import learning  # noqa: E402

urlpatterns += [
    path("learning/", learning.LearningOverview.as_view(), name="learning_overview"),
    path("learning/briefings/", learning.BriefingList.as_view(), name="briefing_list"),
    path("learning/briefings/new/", learning.BriefingCreate.as_view(), name="briefing_create"),
    path("learning/briefings/<int:pk>/", learning.BriefingDetail.as_view(), name="briefing_detail"),
    path("learning/briefings/<int:pk>/edit/", learning.BriefingUpdate.as_view(), name="briefing_update"),
    path("learning/briefings/<int:pk>/publish/", learning.BriefingPublish.as_view(), name="briefing_publish"),
    path(
        "learning/briefings/<int:pk>/withdraw/", learning.BriefingWithdraw.as_view(), name="briefing_withdraw"
    ),
    path("learning/briefings/<int:pk>/pdf/", learning.BriefingPdf.as_view(), name="briefing_pdf"),
    path(
        "learning/briefings/<int:briefing_pk>/agencies/<int:pk>/acknowledge/",
        learning.RecipientAcknowledge.as_view(),
        name="recipient_acknowledge",
    ),
    path("learning/my-briefings/", learning.MyBriefings.as_view(), name="my_briefings"),
    path(
        "learning/my-briefings/<int:pk>/acknowledge/",
        learning.MyBriefingAcknowledge.as_view(),
        name="my_briefing_acknowledge",
    ),
    path("learning/training/", learning.CourseList.as_view(), name="course_list"),
    path("learning/training/figures/", learning.TrainingReport.as_view(), name="training_report"),
    path("learning/training/new/", learning.CourseCreate.as_view(), name="course_create"),
    path("learning/training/<int:pk>/", learning.CourseDetail.as_view(), name="course_detail"),
    path("learning/training/<int:pk>/edit/", learning.CourseUpdate.as_view(), name="course_update"),
    path("learning/training/<int:pk>/sessions/new/", learning.SessionCreate.as_view(), name="session_create"),
    path("learning/sessions/<int:pk>/", learning.SessionDetail.as_view(), name="session_detail"),
    path("learning/sessions/<int:pk>/edit/", learning.SessionUpdate.as_view(), name="session_update"),
    path("learning/sessions/<int:pk>/book/", learning.BookingCreate.as_view(), name="booking_create"),
    path(
        "learning/sessions/<int:pk>/attendance/",
        learning.SessionAttendance.as_view(),
        name="session_attendance",
    ),
    path("learning/sessions/<int:pk>/cancel/", learning.SessionCancel.as_view(), name="session_cancel"),
    path(
        "learning/sessions/<int:pk>/follow-ups/",
        learning.SessionFollowUps.as_view(),
        name="session_follow_ups",
    ),
    path("learning/bookings/", learning.BookingList.as_view(), name="booking_list"),
    path("learning/bookings/<int:pk>/cancel/", learning.BookingCancel.as_view(), name="booking_cancel"),
    path(
        "learning/bookings/<int:pk>/evaluation/",
        learning.BookingEvaluation.as_view(),
        name="booking_evaluation",
    ),
    path(
        "learning/bookings/<int:pk>/follow-up/", learning.BookingFollowUp.as_view(), name="booking_follow_up"
    ),
    path("learning/voice/", learning.EngagementList.as_view(), name="engagement_list"),
    path("learning/voice/new/", learning.EngagementCreate.as_view(), name="engagement_create"),
    path("learning/voice/<int:pk>/", learning.EngagementDetail.as_view(), name="engagement_detail"),
    path("learning/voice/<int:pk>/edit/", learning.EngagementUpdate.as_view(), name="engagement_update"),
    path(
        "learning/voice/<int:pk>/you-said-we-did/new/", learning.ChangeCreate.as_view(), name="change_create"
    ),
    path("learning/voice/changes/<int:pk>/edit/", learning.ChangeUpdate.as_view(), name="change_update"),
    path("learning/dataset/", learning.IndicatorList.as_view(), name="indicator_list"),
    path("learning/dataset/new/", learning.IndicatorCreate.as_view(), name="indicator_create"),
    path("learning/dataset/values/new/", learning.ValueCreate.as_view(), name="value_create"),
    path("learning/dataset/upload/", learning.DatasetUpload.as_view(), name="dataset_upload"),
    path("learning/dataset/<int:pk>/", learning.IndicatorDetail.as_view(), name="indicator_detail"),
    path("learning/dataset/<int:pk>/edit/", learning.IndicatorUpdate.as_view(), name="indicator_update"),
    path("learning/my-dataset/", learning.MyIndicators.as_view(), name="my_indicators"),
    path("learning/my-dataset/upload/", learning.MyIndicatorsUpload.as_view(), name="my_indicators_upload"),
]
