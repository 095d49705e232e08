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
