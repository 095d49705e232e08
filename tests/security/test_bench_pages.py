"""The pages `make bench` measures answer a business-unit officer of a generated partnership, with
the generated records on them (a page the bench cannot load would measure an error page)."""

import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.html import escape

from partnerships.assurance.models import ScrutinyActivity
from partnerships.core.models import User
from partnerships.governance.models import Priority, Risk

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "bench"))
from ids import record_ids
from pages import PAGES


@pytest.mark.django_db
def test_every_bench_page_shows_the_generated_records(client):
    call_command("generate_scale_data", "--scale", "small", "--seed", "7")
    ids = {kind: values[0] for kind, values in record_ids("scale-7-")["scale-7-0"].items()}
    client.force_login(User.objects.get(username="s7p0u3"))
    failed = {}
    for name, _weight, path in PAGES:
        if "?page=5" in path:
            path = path.replace("?page=5", "?page=2")  # the small scale has 100 actions a partnership
        response = client.get(path.format(slug="scale-7-0", **ids))
        if response.status_code != 200:
            failed[name] = response.status_code
    assert failed == {}
    # The governance records the generator adds are the ones on their pages.
    priority, risk = Priority.objects.get(pk=ids["priority"]), Risk.objects.get(pk=ids["risk"])
    activity = ScrutinyActivity.objects.get(pk=ids["activity"])
    for url, text in [
        (f"/p/scale-7-0/priorities/{priority.pk}/", priority.title),
        (f"/p/scale-7-0/risks/{risk.pk}/", risk.title),
        (f"/p/scale-7-0/scrutiny/{activity.pk}/", "An invented finding of the scrutiny."),
        ("/p/scale-7-0/decisions/", "The group agreed"),
    ]:
        assert escape(text) in client.get(url).content.decode(), url
