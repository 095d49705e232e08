from django.urls import path

from publications.dashboard import views

app_name = "dashboard"

# Included at the site root from config/urls.py.
urlpatterns = [
    path("p/<slug:partnership>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("p/<slug:partnership>/dashboard/pdf/", views.DashboardPDF.as_view(), name="pdf"),
    path("p/<slug:partnership>/dashboard/<slug:panel>/", views.RecordsView.as_view(), name="records"),
    path("dashboard/compare/", views.CompareView.as_view(), name="compare"),
]
