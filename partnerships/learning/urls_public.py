"""Published learning briefings for practitioners (public, read-only) and an attendee's own training
evaluation from the secret link they were e-mailed: no sign-in."""

from django.urls import path

from partnerships.learning import views as learning

app_name = "learning_public"

urlpatterns = [
    path("<slug:slug>/briefings/", learning.public_briefing_list, name="briefing_list"),
    path("<slug:slug>/briefings/<int:pk>/", learning.public_briefing, name="briefing"),
    path("<slug:slug>/briefings/<int:pk>/pdf/", learning.public_briefing_pdf, name="briefing_pdf"),
    path("evaluation/<str:token>/", learning.EvaluationFromLink.as_view(), name="evaluation"),
]
