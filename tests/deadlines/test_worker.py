"""Exactly once, for real: PostgreSQL, Redis and a real Celery worker process.

Each test records reminders in the test database, queues them on real Redis and lets a real
`celery -A config worker` (tests/deadlines/worker_settings.py) send them into a file
outbox, one file per delivery. It then counts: expected (Reminder rows, and the number the scenario
calls for), sent (distinct Message-IDs delivered), duplicated (deliveries beyond one per
Message-ID) and lost (expected and never delivered), and prints them.

Serial: these start and kill workers and stop Redis; they run alone, after the rest.
"""

import collections
import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

from partnerships.core.choices import RoleKind
from partnerships.core.models import Notification, Role, User
from partnerships.deadlines import reminders, workingdays
from partnerships.deadlines.choices import ReminderStatus
from partnerships.deadlines.models import Deadline, Reminder
from partnerships.deadlines.register import upsert_deadline
from tests.deadlines.support import read_outbox, real_broker, start_worker, stop_worker

pytestmark = [
    pytest.mark.serial,
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
REDIS_PORT = 6379
# Short timeouts for the test (production: 600 s each), the same in the test process and the worker.
CLAIM_TIMEOUT = 5
REQUEUE_AFTER = 2
DEADLINE_WAIT = 120


def _database_url():
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Harness:
    """A queue of our own on the shared Redis, a file outbox, and the workers we start and stop."""

    def __init__(self, tmp_path, redis_url):
        self.redis_url = redis_url
        self.queue = f"test-deadlines-{uuid.uuid4().hex[:8]}"
        self.mail_dir = tmp_path / "outbox"
        self.mail_dir.mkdir()
        self.logs = tmp_path
        self.workers = []

    def env(self, slow=0.0):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="tests.deadlines.worker_settings",
            DATABASE_URL=_database_url(),
            REDIS_URL=self.redis_url,
            CELERY_QUEUE=self.queue,
            MAIL_DIR=str(self.mail_dir),
            SLOW_EMAIL_SECONDS=str(slow),
            REMINDER_CLAIM_TIMEOUT_SECONDS=str(CLAIM_TIMEOUT),
            REMINDER_REQUEUE_AFTER_SECONDS=str(REQUEUE_AFTER),
            PYTHONPATH=str(ROOT),
        )
        env.pop("CI", None)
        return env

    def start_worker(self, slow=0.0, concurrency=2):
        log = self.logs / f"worker-{len(self.workers)}.log"
        process = start_worker(self.env(slow), log, f"{self.queue}-{len(self.workers)}", concurrency)
        self.workers.append(process)
        return process

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self):
        for process in self.workers:
            stop_worker(process)

    def sweep_until_sent(self, expected, timeout=DEADLINE_WAIT, every=1.0):
        """Run the sweep (as Celery beat would) until every reminder is sent or `timeout` passes."""
        until = time.monotonic() + timeout
        while time.monotonic() < until:
            with real_broker(self.redis_url, self.queue):
                reminders.sweep()
            done = Reminder.objects.filter(status=ReminderStatus.SENT).count()
            if done >= expected and len(read_outbox(self.mail_dir)) >= expected:
                return
            time.sleep(every)

    def counts(self, expected):
        delivered = collections.Counter(read_outbox(self.mail_dir))
        wanted = {r.message_id for r in Reminder.objects.all()}
        counts = {
            "expected": expected,
            "recorded": len(wanted),
            "sent": len(set(delivered) & wanted),
            "duplicated": sum(n - 1 for n in delivered.values()),
            "lost": len(wanted - set(delivered)),
            "unexpected": len(set(delivered) - wanted),
        }
        print(f"\nreminders {counts}")  # noqa: T201 (the counts are the report)
        return counts


@pytest.fixture
def harness(tmp_path, settings):
    redis_url = os.environ["REDIS_URL"]
    settings.REMINDER_CLAIM_TIMEOUT_SECONDS = CLAIM_TIMEOUT
    settings.REMINDER_REQUEUE_AFTER_SECONDS = REQUEUE_AFTER
    harness = Harness(tmp_path, redis_url)
    yield harness
    harness.stop_all()
    with real_broker(redis_url, harness.queue) as app:
        try:
            with app.connection_for_write() as conn:
                conn.default_channel.queue_delete(harness.queue)
        except Exception as error:  # Redis down at the end of a failed test: nothing to tidy
            print(f"could not delete the test queue: {error}")  # noqa: T201


def _people(n, prefix):
    return [
        User.objects.create_user(
            username=f"{prefix}{i}", email=f"{prefix}{i}@example.org", first_name=f"Owner {i}"
        )
        for i in range(n)
    ]


def _deadlines(world, owners, due, prefix):
    """One deadline per owner, due on `due`, written through the register's entry point."""
    rows = []
    for i, owner in enumerate(owners):
        # Only people who hold a role in the partnership are reminded.
        Role.objects.get_or_create(user=owner, partnership=world.alpha, kind=RoleKind.BUSINESS_UNIT)
        source = User.objects.get(pk=owner.pk)  # any saved row will do as a test source
        rows.append(
            upsert_deadline(
                source=source,
                kind=f"test_{prefix}",
                partnership=world.alpha,
                title=f"{prefix} deadline {i}",
                due_date=due,
                rule="A test rule",
                owner=owner,
            )
        )
    return rows


def _only(deadlines):
    """Only these deadlines remind anyone; the world's sample reminder rows are not ours to count."""
    Deadline.objects.exclude(pk__in=[d.pk for d in deadlines]).update(is_active=False)
    Reminder.objects.exclude(deadline__in=deadlines).delete()


def test_a_sweep_run_twice_and_two_sweeps_at_once_send_each_reminder_once(world, harness):
    today = datetime.date.today()
    ten_days_late = workingdays.england().add(today, -10)
    batch = _deadlines(world, _people(10, "owner"), today, "ontime")
    late = _deadlines(world, _people(4, "lateowner"), ten_days_late, "late")
    _only(batch + late)
    # 10 owners reminded on the day; 4 overdue deadlines to the manager and the 4 partner leads.
    expected = 10 + 4 * (1 + 4)
    harness.start_worker(concurrency=2)

    with real_broker(harness.redis_url, harness.queue):
        first = reminders.sweep()
        second = reminders.sweep()
    assert (first.recorded, second.recorded) == (expected, 0)

    # Two sweeps at the same moment, in two processes, for a second batch.
    more = _deadlines(world, _people(10, "second"), today, "concurrent")
    _only(batch + late + more)
    expected += 10
    env = harness.env()
    sweeps = [
        subprocess.Popen(
            [sys.executable, "manage.py", "sweep_deadlines"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0].decode() for p in sweeps]
    assert all(p.returncode == 0 for p in sweeps), outputs
    recorded = sorted(int(o.split("reminders recorded: ")[1].split(";")[0]) for o in outputs)
    assert sum(recorded) == 10, outputs  # between them, each recorded once

    harness.sweep_until_sent(expected)
    counts = harness.counts(expected)
    assert counts == {
        "expected": expected,
        "recorded": expected,
        "sent": expected,
        "duplicated": 0,
        "lost": 0,
        "unexpected": 0,
    }
    # One in-app notification per reminder (other apps' test records may have notified people before).
    assert Notification.objects.filter(title__in=Reminder.objects.values("subject")).count() == expected
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}


def test_a_worker_killed_mid_batch_and_restarted_sends_every_reminder_once(world, harness):
    expected = 40
    batch = _deadlines(world, _people(expected, "killed"), datetime.date.today(), "killed")
    _only(batch)
    worker = harness.start_worker(slow=0.25, concurrency=2)
    with real_broker(harness.redis_url, harness.queue):
        assert reminders.sweep().recorded == expected

    until = time.monotonic() + 60
    while len(read_outbox(harness.mail_dir)) < 8 and time.monotonic() < until:
        time.sleep(0.05)
    harness.kill(worker)  # SIGKILL, mid-batch: no warm shutdown, no acknowledgement
    at_kill = collections.Counter(Reminder.objects.values_list("status", flat=True))
    delivered_at_kill = len(read_outbox(harness.mail_dir))
    print(f"\nat the kill: {delivered_at_kill} delivered, rows {dict(at_kill)}")  # noqa: T201
    assert 8 <= delivered_at_kill < expected, "the worker was killed mid-batch"

    harness.start_worker(slow=0.05, concurrency=2)
    harness.sweep_until_sent(expected)
    counts = harness.counts(expected)
    assert counts["duplicated"] == 0 and counts["lost"] == 0, counts
    assert counts["sent"] == counts["recorded"] == expected
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}


def test_mail_failures_are_retried_by_the_worker_with_backoff(world, harness):
    expected = 5
    batch = _deadlines(world, _people(expected, "retried"), datetime.date.today(), "retried")
    _only(batch)
    down = harness.mail_dir / "smtp-down"
    down.touch()
    harness.start_worker(concurrency=2)
    with real_broker(harness.redis_url, harness.queue):
        assert reminders.sweep().recorded == expected
    until = time.monotonic() + 60
    while Reminder.objects.filter(attempts__gte=2).count() < expected and time.monotonic() < until:
        time.sleep(0.2)
    failing = list(Reminder.objects.values_list("status", "attempts", "last_error"))
    assert all(attempts >= 2 and "SMTP server unavailable" in error for _s, attempts, error in failing), (
        failing
    )
    down.unlink()  # the mail server is back: the tasks' own retries (no sweep) deliver them
    until = time.monotonic() + 60
    while Reminder.objects.filter(status=ReminderStatus.SENT).count() < expected and time.monotonic() < until:
        time.sleep(0.2)
    counts = harness.counts(expected)
    assert counts == {
        "expected": expected,
        "recorded": expected,
        "sent": expected,
        "duplicated": 0,
        "lost": 0,
        "unexpected": 0,
    }
    assert not Reminder.objects.exclude(last_error="").exists()


def _redis(*args):
    return subprocess.run(  # noqa: S603
        [shutil.which("redis-cli") or "/usr/bin/redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), *args],
        capture_output=True,
        text=True,
        timeout=10,
    )


def _start_redis():
    subprocess.run(  # noqa: S603
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            str(REDIS_PORT),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=False,
        timeout=20,
    )
    until = time.monotonic() + 20
    while time.monotonic() < until:
        if _redis("ping").stdout.strip() == "PONG":
            return True
        time.sleep(0.1)
    return False


def test_with_redis_down_pages_work_and_the_missed_reminders_go_out_after(world, harness, client_for):
    today = datetime.date.today()
    before = _deadlines(world, _people(10, "queued"), today, "queued")
    _only(before)
    # Queued while no worker runs: the messages sit in Redis, which will lose them on restart.
    with real_broker(harness.redis_url, harness.queue):
        assert reminders.sweep().recorded == 10
    assert Reminder.objects.filter(queued_at__isnull=False).count() == 10

    client = client_for(world.bu)
    outage = {}
    try:
        assert _redis("shutdown", "nosave").returncode in (0, 1)
        assert _redis("ping").stdout.strip() != "PONG"
        started = time.monotonic()
        # Pages load and records save; the sweep records the day's reminders without raising.
        for url in (
            "/p/alpha/",
            "/p/alpha/deadlines/",
            "/deadlines/",
            "/notifications/",
            "/p/alpha/actions/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
        response = client.post(
            "/p/alpha/actions/new/",
            {
                "title": "Recorded during the Redis outage",
                "source_kind": "other",
                "owner": world.officer.pk,
                "due_date": today.isoformat(),
            },
        )
        assert response.status_code == 302
        action_deadline = Deadline.objects.get(title="Action: Recorded during the Redis outage")
        during = _deadlines(world, _people(5, "outage"), today, "outage")
        _only([*before, *during, action_deadline])
        with real_broker(harness.redis_url, harness.queue):
            result = reminders.sweep()
        outage = {"seconds": round(time.monotonic() - started, 1), **result.as_dict()}
        assert result.recorded == 6 and result.published == 0 and result.publish_failures >= 1
        assert Notification.objects.filter(recipient=world.officer).count() == 1  # in the app already
    finally:
        assert _start_redis(), "Redis did not come back"
    print(f"\nRedis outage: {outage}")  # noqa: T201
    db = urlparse(harness.redis_url).path.lstrip("/") or "0"
    assert _redis("-n", db, "llen", harness.queue).stdout.strip() == "0"  # the restart lost the 10 queued

    harness.start_worker(concurrency=2)
    expected = 10 + 6
    harness.sweep_until_sent(expected)
    counts = harness.counts(expected)
    assert counts == {
        "expected": expected,
        "recorded": expected,
        "sent": expected,
        "duplicated": 0,
        "lost": 0,
        "unexpected": 0,
    }
