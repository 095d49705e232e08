"""The JSON API under /api/: each app adds its resources through its own api.register(router)."""

from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

API_MODULES = [
    "partnerships.api.views",
    "partnerships.api.deadlines",
    "reviews.api",
    "child_death.api",
    "funding.api",
    "publications.api",
    "partnerships.api.governance",
]

router = DefaultRouter()
for module in API_MODULES:
    import_module(module).register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include(router.urls)),
]
