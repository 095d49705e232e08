"""Schemathesis drives every operation in /api/schema/ with generated (and hostile) input.

Whatever is sent, the API never answers 5xx and every response matches the schema it publishes.
Run as the business-unit manager (who may write) and as the scrutineer (who may only read).
Each app's endpoints are covered the moment they appear in the schema.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from partnerships.core.permissions import visible_partnerships
from partnerships.security.tokens import create_token

# What the API promises its clients: no 5xx, and no response that breaks the published schema.
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]

pytestmark = pytest.mark.slow


def _token(user):
    """A read-write API token for every partnership the person holds a role in."""
    _, raw = create_token(user, name="Fuzz", scope="read_write", partnerships=visible_partnerships(user))
    return raw


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
        "bu": _token(world.bu),
        "scrutineer": _token(world.scrutineer),
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
        headers={"Authorization": f"Bearer {tokens['scrutineer']}"}, checks=CHECKS
    )
    if case.method.upper() not in ("GET", "HEAD", "OPTIONS"):
        assert response.status_code in (400, 403, 404, 405), (case.method, case.path, response.status_code)
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens['bu']}"}, checks=CHECKS)
