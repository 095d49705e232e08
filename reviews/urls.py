from django.urls import path

from reviews import views
from reviews.models import LCSPR, LearningReview, RapidReview

app_name = "reviews"

# All under /p/<partnership>/reviews/ (see config/urls.py).
urlpatterns = [
    path("", views.Overview.as_view(), name="overview"),
    path("rapid-review-clock/", views.RapidReviewClockEdit.as_view(), name="rapid_review_clock"),
    path("notifications/", views.NotificationList.as_view(), name="notification_list"),
    path("notifications/new/", views.NotificationCreate.as_view(), name="notification_create"),
    path("notifications/<int:pk>/", views.NotificationDetail.as_view(), name="notification_detail"),
    path("notifications/<int:pk>/edit/", views.NotificationUpdate.as_view(), name="notification_update"),
    path(
        "notifications/<int:pk>/rapid-review/",
        views.NotificationStartReview.as_view(),
        name="notification_start_review",
    ),
    path("rapid-reviews/", views.RapidReviewList.as_view(), name="rapid_review_list"),
    path("rapid-reviews/<int:pk>/", views.RapidReviewDetail.as_view(), name="rapid_review_detail"),
    path("rapid-reviews/<int:pk>/edit/", views.RapidReviewUpdate.as_view(), name="rapid_review_update"),
    path("rapid-reviews/<int:pk>/panel/", views.RapidReviewPanel.as_view(), name="rapid_review_panel"),
    path(
        "rapid-reviews/<int:pk>/sign-off/", views.RapidReviewSignOff.as_view(), name="rapid_review_sign_off"
    ),
    path("rapid-reviews/<int:pk>/reopen/", views.RapidReviewReopen.as_view(), name="rapid_review_reopen"),
    path(
        "rapid-reviews/<int:pk>/contributions/new/",
        views.ContributionRequestCreate.as_view(),
        name="contribution_request",
    ),
    path("rapid-reviews/<int:pk>/timeline/", views.Timeline.as_view(), name="rapid_review_timeline"),
    path("rapid-reviews/<int:pk>/commission/", views.LCSPRCommission.as_view(), name="lcspr_commission"),
    path(
        "rapid-reviews/<int:pk>/recommendations/new/",
        views.RecommendationCreate.as_view(model=RapidReview),
        name="rapid_review_recommendation",
    ),
    path("contributions/late/", views.LateContributions.as_view(), name="late_contributions"),
    path("contributions/<int:pk>/", views.ContributionDetail.as_view(), name="contribution_detail"),
    path("contributions/<int:pk>/reopen/", views.ContributionReopen.as_view(), name="contribution_reopen"),
    path("my-contributions/", views.MyContributionList.as_view(), name="my_contributions"),
    path("my-contributions/<int:pk>/", views.MyContributionEdit.as_view(), name="my_contribution"),
    path("my-contributions/<int:pk>/chronology/", views.MyChronologyAdd.as_view(), name="my_chronology_add"),
    path("lcsprs/", views.LCSPRList.as_view(), name="lcspr_list"),
    path("lcsprs/new/", views.LCSPRCreate.as_view(), name="lcspr_create"),
    path("lcsprs/<int:pk>/", views.LCSPRDetail.as_view(), name="lcspr_detail"),
    path("lcsprs/<int:pk>/edit/", views.LCSPRUpdate.as_view(), name="lcspr_update"),
    path("lcsprs/<int:pk>/sign-off/", views.LCSPRSignOff.as_view(), name="lcspr_sign_off"),
    path("lcsprs/<int:pk>/milestones/new/", views.MilestoneCreate.as_view(), name="milestone_create"),
    path("lcsprs/milestones/<int:pk>/edit/", views.MilestoneUpdate.as_view(), name="milestone_update"),
    path(
        "lcsprs/milestones/<int:pk>/complete/", views.MilestoneComplete.as_view(), name="milestone_complete"
    ),
    path(
        "lcsprs/<int:pk>/recommendations/new/",
        views.RecommendationCreate.as_view(model=LCSPR),
        name="lcspr_recommendation",
    ),
    path("learning/", views.LearningReviewList.as_view(), name="learning_review_list"),
    path("learning/new/", views.LearningReviewCreate.as_view(), name="learning_review_create"),
    path("learning/<int:pk>/", views.LearningReviewDetail.as_view(), name="learning_review_detail"),
    path("learning/<int:pk>/edit/", views.LearningReviewUpdate.as_view(), name="learning_review_update"),
    path(
        "learning/<int:pk>/recommendations/new/",
        views.RecommendationCreate.as_view(model=LearningReview),
        name="learning_review_recommendation",
    ),
    path("themes/", views.ThemeList.as_view(), name="theme_list"),
    path("themes/new/", views.ThemeCreate.as_view(), name="theme_create"),
    path("themes/<int:pk>/", views.ThemeDetail.as_view(), name="theme_detail"),
]
