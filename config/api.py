"""The JSON API under /api/: each app adds its resources through its own api.register(router)."""

from importlib import import_module

from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

API_MODULES = [
    "partnerships.api.views",
    "partnerships.api.deadlines",
    "reviews.api",
    "child_death.api",
    "funding.api",
    "publications.api",
    "partnerships.api.governance",
    "partnerships.api.learning",
]

router = DefaultRouter()
for module in API_MODULES:
    import_module(module).register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script from a URL: the Content Security Policy forbids
    # inline script, which ReDoc's page needs, so /api/redoc/ leads to the Swagger page instead.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", RedirectView.as_view(pattern_name="api-docs"), name="api-redoc"),
    path("", include(router.urls)),
]
