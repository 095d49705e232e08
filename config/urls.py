from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnerships.core.views import core

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("config.api")),
    path("sign-in/", core.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("", core.home, name="home"),
    path("switch/", core.switch_partnership, name="switch_partnership"),
    path("notifications/", core.notifications, name="notifications"),
    path("notifications/read-all/", core.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", core.notification_read, name="notification_read"),
    path("accessibility/", core.accessibility, name="accessibility"),
    path("", include("partnerships.deadlines.urls_personal")),
    path("p/<slug:partnership>/", include("partnerships.core.urls")),
    path("p/<slug:partnership>/", include("partnerships.deadlines.urls")),
    path("p/<slug:partnership>/", include("partnerships.governance.urls")),
    path("p/<slug:partnership>/", include("partnerships.assurance.urls")),
    path("p/<slug:partnership>/", include("partnerships.learning.urls")),
    path("p/<slug:partnership>/reviews/", include("reviews.urls")),
    path("p/<slug:partnership>/child-deaths/", include("child_death.urls")),
    path("p/<slug:partnership>/funding/", include("funding.urls")),
    path("", include("publications.urls")),
    path("learning/", include("partnerships.learning.urls_public")),
    path("", include("publications.dashboard.urls")),
    path("", include("partnerships.security.urls")),
]

handler403 = "partnerships.core.views.core.permission_denied"
handler404 = "partnerships.core.views.core.not_found"
# A database outage answers 503 with a plain page; any other failure 500 (security/errors.py).
handler500 = "partnerships.security.errors.server_error"
