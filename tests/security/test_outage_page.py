"""While the database is unreachable a person sees a clear 503 page (and the API a 503), not a 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.fixture
def broken_home(world):
    def fail(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    return fail


def test_a_lost_database_gives_a_503_page(world, broken_home):
    client = Client(raise_request_exception=False)
    client.force_login(world.bu)
    with mock.patch("partnerships.core.views.core.Role.objects.filter", side_effect=broken_home):
        response = client.get("/p/alpha/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_a_lost_database_gives_the_api_a_503(world, broken_home):
    client = Client(raise_request_exception=False)
    client.force_login(world.bu)
    with mock.patch("partnerships.core.api.views.ActionViewSet.get_queryset", side_effect=broken_home):
        response = client.get("/api/actions/")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("The service is unavailable")


def test_any_other_failure_is_still_a_500(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.bu)
    with mock.patch("partnerships.core.views.core.Role.objects.filter", side_effect=ZeroDivisionError):
        response = client.get("/p/alpha/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_database_lost_mid_save_leaves_no_half_a_record(world):
    """The action row is written, then the connection goes while its deadline is written: a 503, and
    neither is kept (the form's save is one transaction), so re-entering it makes no duplicate."""
    from partnerships.core.models import Action
    from partnerships.deadlines.models import Deadline

    client = Client(raise_request_exception=False)
    client.force_login(world.bu)
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch("partnerships.deadlines.sources.sync_action", side_effect=lost) as sync:
        response = client.post(
            "/p/alpha/actions/new/",
            {
                "title": "Saved when the database went",
                "source_kind": "other",
                "owner": world.officer.pk,
                "due_date": "2030-01-31",
            },
        )
    assert sync.called  # the action row had been written when the connection went
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
    assert not Action.objects.filter(title="Saved when the database went").exists()
    assert not Action.history.filter(title="Saved when the database went").exists()
    assert not Deadline.objects.filter(title="Action: Saved when the database went").exists()
