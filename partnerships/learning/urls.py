"""Learning and evidence of impact: briefings, training, voice, the dataset."""

from django.urls import path

from partnerships.learning import views as learning

app_name = "learning"

# All under /p/<partnership>/ (config/urls.py).
urlpatterns = [
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
        "learning/bookings/<int:pk>/evaluation-link/",
        learning.BookingEvaluationLink.as_view(),
        name="booking_evaluation_link",
    ),
    path(
        "learning/bookings/<int:pk>/follow-up/", learning.BookingFollowUp.as_view(), name="booking_follow_up"
    ),
    path("learning/agency-training/", learning.AgencyTraining.as_view(), name="agency_training"),
    path(
        "learning/agency-training/sessions/<int:pk>/book/",
        learning.AgencyBookingCreate.as_view(),
        name="agency_booking_create",
    ),
    path(
        "learning/agency-training/bookings/<int:pk>/cancel/",
        learning.AgencyBookingCancel.as_view(),
        name="agency_booking_cancel",
    ),
    path(
        "learning/agency-training/bookings/<int:pk>/evaluation/",
        learning.AgencyBookingEvaluation.as_view(),
        name="agency_booking_evaluation",
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
