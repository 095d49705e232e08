"""A person's own pages of the deadline register, across partnerships (not under /p/<slug>/)."""

from django.urls import path

from partnerships.deadlines import views as deadlines

urlpatterns = [
    path("deadlines/", deadlines.MyDeadlines.as_view(), name="my_deadlines"),
    path("deadlines/calendar/", deadlines.CalendarFeedManage.as_view(), name="calendar_feed"),
    path("calendar/<slug:key>/<slug:secret>.ics", deadlines.calendar_feed_ics, name="calendar_feed_ics"),
]
