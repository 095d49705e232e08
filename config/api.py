"""The JSON API under /api/: each app adds its resources through its own api.register(router)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

import child_death.api
import funding.api
import partnerships.assurance.api
import partnerships.core.api.views
import partnerships.deadlines.api
import partnerships.governance.api
import partnerships.learning.api
import publications.api
import reviews.api
from config.api_docs import APIReference

API_MODULES = [
    partnerships.core.api.views,
    partnerships.deadlines.api,
    reviews.api,
    child_death.api,
    funding.api,
    publications.api,
    partnerships.governance.api,
    partnerships.assurance.api,
    partnerships.learning.api,
]

router = DefaultRouter()
for module in API_MODULES:
    module.register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The reference is a GOV.UK page (config/api_docs.py); Swagger UI, for trying requests, does not
    # meet WCAG 2.2 AA and is offered beside it. The split view serves its start-up script from a
    # URL: the Content Security Policy forbids inline script, which ReDoc's page needs, so /api/redoc/
    # leads to the reference instead.
    path("docs/", login_not_required(APIReference.as_view()), name="api-docs"),  # public, as the schema
    path("docs/explorer/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-explorer"),
    path("redoc/", RedirectView.as_view(pattern_name="api-docs"), name="api-redoc"),
    path("", include(router.urls)),
]
