"""The benchmark's data generator: deterministic by seed, with history rows, pluggable per app."""

import pytest
from django.core.management import call_command
from django.db import transaction

from partnerships.models import Action, Partnership


def _snapshot():
    return list(
        Action.objects.filter(partnership__slug__startswith="scale-")
        .order_by("partnership__slug", "reference")
        .values_list("partnership__slug", "reference", "title", "due_date", "status", "owner__username")
    )


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_with_history():
    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            call_command("generate_scale_data", "--scale", "small", "--seed", "7")
            snapshots.append(_snapshot())
            assert Partnership.objects.filter(slug__startswith="scale-7-").count() == 3
            assert Action.history.filter(partnership__slug__startswith="scale-7-").count() == len(
                snapshots[-1]
            )
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]) == 300


@pytest.mark.django_db
def test_a_different_seed_gives_different_data():
    call_command("generate_scale_data", "--scale", "small", "--seed", "8")
    a = [row[2:5] for row in _snapshot()]
    call_command("generate_scale_data", "--scale", "small", "--seed", "9")
    b = [row[2:5] for row in _snapshot()][len(a) :]
    assert a != b
