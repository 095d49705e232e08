"""A client generated from the OpenAPI schema (openapi-python-client) works against a live server:
it lists, creates and changes actions, and reads each refusal (400, 403, 404) as the documented
Error body, whose keys map to lists of messages."""

import datetime
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator

from partnerships.core.models import Action
from partnerships.security.models import TokenScope
from partnerships.security.tokens import create_token

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PACKAGE = "safeguarding_api_client"


@pytest.fixture
def generated(tmp_path, monkeypatch):
    """The client package, generated from the schema into tmp_path and imported."""
    schema = tmp_path / "openapi.json"
    schema.write_text(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"package_name_override": PACKAGE, "post_hooks": []}))
    tool = Path(sys.executable).parent / "openapi-python-client"
    command = [str(tool), "generate", "--path", str(schema), "--config", str(config), "--meta", "none"]
    command += ["--output-path", str(tmp_path / PACKAGE)]
    subprocess.run(  # noqa: S603 - our own tool, our own arguments
        command,
        check=True,
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module(PACKAGE)
    for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


def _client(package, live_server, user, partnership):
    _, raw = create_token(
        user, name="Generated client", scope=TokenScope.READ_WRITE, partnerships=[partnership]
    )
    return package.AuthenticatedClient(base_url=live_server.url, token=raw)


def _lists_of_strings(error):
    body = error.to_dict()
    return bool(body) and all(
        isinstance(v, list) and all(isinstance(m, str) for m in v) for v in body.values()
    )


def test_a_generated_client_lists_creates_changes_and_reads_errors(generated, live_server):
    from tests.world import build_world

    world = build_world()
    actions = importlib.import_module(f"{PACKAGE}.api.actions")
    models = importlib.import_module(f"{PACKAGE}.models")
    for name in ("actions_list", "actions_create", "actions_partial_update", "actions_retrieve"):
        importlib.import_module(f"{PACKAGE}.api.actions.{name}")
    bu = _client(generated, live_server, world.bu, world.alpha)

    listed = actions.actions_list.sync_detailed(client=bu)
    assert listed.status_code == 200
    assert world.action.title in [row.title for row in listed.parsed.results]

    created = actions.actions_create.sync_detailed(
        client=bu,
        body=models.ActionRequest(
            partnership="alpha", title="Chase the health return", due_date=datetime.date(2030, 2, 1)
        ),
    )
    assert created.status_code == 201 and created.parsed.title == "Chase the health return"
    assert Action.objects.get(pk=created.parsed.id).partnership == world.alpha

    changed = actions.actions_partial_update.sync_detailed(
        created.parsed.id, client=bu, body=models.PatchedActionRequest(title="Chased")
    )
    assert changed.status_code == 200 and changed.parsed.title == "Chased"
    assert Action.objects.get(pk=created.parsed.id).title == "Chased"

    refused = actions.actions_create.sync_detailed(
        client=bu,
        body=models.ActionRequest(partnership="alpha", title="", due_date=datetime.date(2030, 2, 1)),
    )
    assert refused.status_code == 400 and isinstance(refused.parsed, models.Error)
    assert "title" in refused.parsed.additional_properties and _lists_of_strings(refused.parsed)

    reader = _client(generated, live_server, world.scrutineer, world.alpha)
    forbidden = actions.actions_partial_update.sync_detailed(
        world.action.pk, client=reader, body=models.PatchedActionRequest(title="Not mine to change")
    )
    assert forbidden.status_code == 403 and isinstance(forbidden.parsed, models.Error)
    assert forbidden.parsed.detail and _lists_of_strings(forbidden.parsed)

    missing = actions.actions_retrieve.sync_detailed(world.beta_action.pk, client=bu)
    assert missing.status_code == 404 and isinstance(missing.parsed, models.Error)
    assert missing.parsed.detail == ["Not found."]
    world.action.refresh_from_db()
    world.beta_action.refresh_from_db()
    assert world.action.title != "Not mine to change" and world.beta_action.title == "Beta's own action"
