"""A database made before the base app was split into domain apps migrates forward with nothing lost.

`fixtures/before_domain_apps.sqlite3.gz` was made by the code of commit f586f72 (before the split):
`manage.py migrate`, then the test world (`tests.world.build_world()`) and `manage.py load_demo`, with
DEMO_CHILD_DEATHS_PER_YEAR=2. It holds 7,715 rows in 216 tables: records of every moved model with
their history rows, many-to-many rows and their history, guardian object permissions, deadlines and
permissions that point at moved models through content types.

The test migrates a copy to the split (the migrations that moved the models, and nothing later, since
later migrations change rows on purpose) and compares every table, row by row, with the original. It
then migrates to today's schema and reads the moved records back through today's models.
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "before_domain_apps.sqlite3.gz"
# simple-history names its many-to-many history tables after the app: these three were renamed.
RENAMED = {
    "partnerships_historicalassurancecycle_partnerships": "assurance_historicalassurancecycle_partnerships",
    "partnerships_historicaltrainingcourse_target_agencies": "learning_historicaltrainingcourse_target_agencies",
    "partnerships_historicalyousaidwedid_actions": "learning_historicalyousaidwedid_actions",
}
MOVED_LABELS = {"deadlines", "governance", "assurance", "learning"}
# The migrations that made the split, each with what it depends on.
SPLIT = [
    ("partnerships", "0007_models_move_to_domain_apps"),
    ("deadlines", "0001_models_from_the_base_app"),
    ("governance", "0001_models_from_the_base_app"),
    ("assurance", "0002_links_to_meetings"),
    ("learning", "0001_models_from_the_base_app"),
    ("publications", "0003_cycle_in_the_deadlines_app"),
]
# Read back through today's models: rows, history and what content types point at.
ORM_CHECK = """
import json
from django.contrib.contenttypes.models import ContentType
from partnerships.assurance.models import AssuranceCycle
from partnerships.core.models import PartnershipUserObjectPermission
from partnerships.deadlines.models import Deadline
from partnerships.governance.models import Meeting
from partnerships.learning.models import TrainingCourse
from publications.models import Publication
print(json.dumps({
    "meetings": Meeting.objects.count(),
    "meeting_history": Meeting.history.count(),
    "deadline_sources_found": sum(d.source is not None for d in Deadline.objects.all()),
    "deadlines": Deadline.objects.count(),
    "cycle_partnerships": sum(c.partnerships.count() for c in AssuranceCycle.objects.all()),
    "course_agency_history": sum(h.target_agencies.count() for h in TrainingCourse.history.all()),
    "object_permissions": PartnershipUserObjectPermission.objects.count(),
    "yearly_reports_with_cycle": Publication.objects.filter(cycle__isnull=False).count(),
    "moved_types": sorted(
        {ct.app_label for ct in ContentType.objects.filter(app_label__in=%(labels)r)}
    ),
}))
"""


def _rows(db, table):
    cursor = db.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names come from the schema)
    columns = [c[0] for c in cursor.description]
    return columns, sorted(cursor.fetchall(), key=repr)


def _tables(db):
    return [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def _manage(db_path, *args, script=None):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("TEST_DATABASE_NAME", None)
    command = [sys.executable, "manage.py", *args] + (["-c", script] if script else [])
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # noqa: S603
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_a_database_made_before_the_split_migrates_with_every_row_intact(tmp_path):
    before_path, after_path = tmp_path / "before.sqlite3", tmp_path / "after.sqlite3"
    with gzip.open(FIXTURE) as packed, open(before_path, "wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    shutil.copy(before_path, after_path)

    for app_label, migration in SPLIT:
        _manage(after_path, "migrate", app_label, migration, "--noinput", "-v", "0")

    before, after = sqlite3.connect(before_path), sqlite3.connect(after_path)
    compared = 0
    for table in _tables(before):
        if table in ("django_migrations", "django_content_type"):
            continue
        new_name = RENAMED.get(table, table)
        assert _rows(after, new_name) == _rows(before, table), f"{table} changed"
        compared += 1
    assert compared > 200

    # Content types were renamed, never recreated: same ids, so nothing that points at them moved.
    old_types = dict(before.execute("SELECT id, app_label || '.' || model FROM django_content_type"))
    new_types = dict(after.execute("SELECT id, app_label || '.' || model FROM django_content_type"))
    for pk, name in old_types.items():
        label, model = name.split(".")
        if new_types[pk] != name:
            assert label == "partnerships" and new_types[pk].split(".")[1] == model
            assert new_types[pk].split(".")[0] in MOVED_LABELS
    assert not set(new_types) - set(old_types), "no new content type was needed"

    _manage(after_path, "migrate", "--noinput", "-v", "0")
    output = _manage(after_path, "shell", script=ORM_CHECK % {"labels": sorted(MOVED_LABELS)})
    read_back = json.loads(output.strip().splitlines()[-1])
    count = lambda table: before.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: E731, S608
    assert read_back["meetings"] == count("partnerships_meeting") > 0
    assert read_back["meeting_history"] == count("partnerships_historicalmeeting") > 0
    assert read_back["deadline_sources_found"] == read_back["deadlines"] == count("partnerships_deadline") > 0
    assert read_back["cycle_partnerships"] == count("partnerships_assurancecycle_partnerships") > 0
    assert (
        read_back["course_agency_history"]
        == count("partnerships_historicaltrainingcourse_target_agencies")
        > 0
    )
    assert read_back["object_permissions"] == count("partnerships_partnershipuserobjectpermission") > 0
    assert read_back["yearly_reports_with_cycle"] > 0
    assert read_back["moved_types"] == sorted(MOVED_LABELS)
