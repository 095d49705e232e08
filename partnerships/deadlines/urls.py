"""The deadline register and the statutory timetable of a partnership."""

from django.urls import path

from partnerships.deadlines import views

app_name = "deadlines"

# All under /p/<partnership>/ (config/urls.py).
urlpatterns = [
    path("deadlines/", views.DeadlineList.as_view(), name="deadline_list"),
    path("deadlines/timetable/", views.TimetableView.as_view(), name="timetable"),
    path("deadlines/timetable/edit/", views.TimetableUpdate.as_view(), name="timetable_update"),
    path(
        "deadlines/yearly-reports/new/",
        views.YearlyReportCreate.as_view(),
        name="yearly_report_create",
    ),
    path(
        "deadlines/yearly-reports/<int:pk>/edit/",
        views.YearlyReportUpdate.as_view(),
        name="yearly_report_update",
    ),
]
