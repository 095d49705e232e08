"""Schemathesis drives every operation in /api/schema/ with generated (and hostile) input.

Whatever is sent, the API never answers 5xx and every response matches the schema it publishes.
Run as the business-unit manager (who may write) and as the scrutineer (who may only read).
Each app's endpoints are covered the moment they appear in the schema.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

# What the API promises its clients: no 5xx, and no response that breaks the published schema.
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]

pytestmark = pytest.mark.slow


def _load_schema():
    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/schema/", application)


schema = _load_schema()


@pytest.fixture
def tokens(world):
    """API tokens; and, like Django's test client, keep the test's connection open across requests."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {
        "bu": Token.objects.create(user=world.bu).key,
        "scrutineer": Token.objects.create(user=world.scrutineer).key,
    }
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


HYPOTHESIS = settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)


# One test per operation runs both personas, so the test world is built once per operation.
@schema.parametrize()
@HYPOTHESIS
def test_api_as_the_scrutineer_then_the_business_unit(case, tokens):
    response = case.call_and_validate(
        headers={"Authorization": f"Token {tokens['scrutineer']}"}, checks=CHECKS
    )
    if case.method.upper() not in ("GET", "HEAD", "OPTIONS"):
        assert response.status_code in (400, 403, 404, 405), (case.method, case.path, response.status_code)
    case.call_and_validate(headers={"Authorization": f"Token {tokens['bu']}"}, checks=CHECKS)
