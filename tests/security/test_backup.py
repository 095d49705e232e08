"""One partnership's records, with history, round-trip through a backup into an empty database."""

import pytest
from django.core.management import call_command

from partnerships.core.models import Action, Partnership, Role, User
from partnerships.security.backup import RestoreRefused, collect, restore


def _snapshot(partnership):
    """Every gathered row as its serialised fields (ids included): equal means identical."""
    from django.core import serializers

    out = {}
    from partnerships.security.backup import SKIP

    for model, pks in collect(partnership).items():
        if model._meta.label_lower in SKIP:
            continue
        qs = model._base_manager.filter(pk__in=list(pks)).order_by("pk")
        out[model._meta.label_lower] = serializers.serialize("python", qs, use_natural_foreign_keys=True)
    return out


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_gives_back_every_row_and_its_history(tmp_path):
    from tests.world import build_world

    world = build_world()
    world.action.title = "Changed once"
    world.action._history_user = world.bu
    world.action.save()
    before = _snapshot(world.alpha)
    assert len(before["partnerships.historicalaction"]) >= 2
    path = tmp_path / "alpha.json.gz"
    call_command("backup_partnership", "alpha", str(path))

    call_command("flush", "--noinput")  # an empty database (migrated, content types recreated)
    assert not Partnership.objects.exists() and not User.objects.exists()

    call_command("restore_partnership", str(path))
    alpha = Partnership.objects.get(slug="alpha")
    assert _snapshot(alpha) == before
    assert not Partnership.objects.filter(slug="beta").exists()  # only the one partnership
    action = Action.objects.get(pk=world.action.pk)
    assert [h.title for h in action.history.order_by("history_date")][-1] == "Changed once"
    assert Role.objects.filter(partnership=alpha).count() == Role.objects.count()
    # Permissions come back with the roles: the business unit can read again.
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="bu_manager"))
    assert client.get("/p/alpha/").status_code == 200
    # New rows get fresh ids after the restore (sequences were moved on).
    assert Action.objects.create(partnership=alpha, title="New", due_date=action.due_date).pk > action.pk

    with pytest.raises(RestoreRefused):
        restore(path)


def test_a_backup_holds_no_other_partnerships_records(world, tmp_path):
    found = collect(world.alpha)
    assert world.beta.pk not in found[Partnership]
    assert world.beta_action.pk not in found[Action]
    assert world.action.pk in found[Action]
