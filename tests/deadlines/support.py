"""Helpers for the deadline register's tests: a rapid-review-like deadline and a sweep on a given day."""

import contextlib
import datetime
import os
import signal
import subprocess
import sys
import threading
import time
import zoneinfo
from pathlib import Path

import time_machine
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from partnerships.deadlines import reminders, workingdays
from partnerships.deadlines.models import Deadline
from partnerships.deadlines.register import upsert_deadline

LONDON = zoneinfo.ZoneInfo("Europe/London")
ROOT = Path(__file__).resolve().parents[2]
RAPID_REVIEW_KIND = "test_rapid_review"
# As the reviews app will: 15 working days from the notification to the Panel (docs/statutory-rules.md#rapid-review).
RAPID_REVIEW_WORKING_DAYS = 15


def at(day, hour=9, minute=0):
    """Freeze the clock on `day` (London time)."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON), tick=False
    )


def rapid_review_deadline(world, notified_on, *, owner=None, source=None):
    """A deadline shaped like a rapid review's, written through the register's one entry point."""
    source = source or world.subgroup  # stands in for a rapid review until the reviews app exists
    return upsert_deadline(
        source=source,
        kind=RAPID_REVIEW_KIND,
        partnership=world.alpha,
        title="Complete the rapid review RR-TEST-1",
        due_date=workingdays.england().add(notified_on, RAPID_REVIEW_WORKING_DAYS),
        starts_on=notified_on,
        rule="15 working days from the notification to the Panel",
        authority="Working Together to Safeguard Children 2023, chapter 5",
        owner=owner if owner is not None else world.officer,
        source_label="Rapid review RR-TEST-1",
        source_url="/p/alpha/deadlines/",
    )


def only(deadline):
    """Let no other deadline of the test world remind anyone (the world's 2019 dates are overdue)."""
    Deadline.objects.exclude(pk=deadline.pk).update(is_active=False)
    return deadline


def sweep_on(day, capture, hour=9):
    """Run the sweep on `day` with the commit callbacks (queueing the tasks) run as in production."""
    with at(day, hour), capture(execute=True):
        return reminders.sweep()


class FlakyEmailBackend(LocmemBackend):
    """The test outbox, failing while `FlakyEmailBackend.failing` is set (an SMTP server down)."""

    failing = threading.Event()

    def send_messages(self, messages):
        if self.failing.is_set():
            raise ConnectionRefusedError("SMTP server unavailable")
        return super().send_messages(messages)


class real_broker:
    """Publish Celery tasks to `url` for real (not in-process) inside the block, on `queue`."""

    def __init__(self, url, queue="celery"):
        self.url, self.queue = url, queue

    def _reset_pools(self, app):
        import kombu.pools

        kombu.pools.reset()  # the connection and producer pools are kept per URL, process-wide
        app._pool = None
        app.amqp._producer_pool = None

    def __enter__(self):
        from config.celery import app

        self.saved = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue)
        self._reset_pools(app)
        app.conf.task_always_eager = False
        app.conf.broker_url = self.url
        app.conf.task_default_queue = self.queue
        return app

    def __exit__(self, *exc):
        from config.celery import app

        self._reset_pools(app)
        app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue = self.saved
        return False


class FileOutbox(LocmemBackend):
    """One file per delivered message in EMAIL_FILE_PATH (written whole, then renamed into place),
    after SLOW_EMAIL_SECONDS: the real worker's outbox, counted by the integration tests."""

    def send_messages(self, messages):
        import time
        import uuid
        from pathlib import Path

        from django.conf import settings

        folder = Path(settings.EMAIL_FILE_PATH)
        if (folder / "smtp-down").exists():  # the test's switch: the mail server refuses connections
            raise ConnectionRefusedError("SMTP server unavailable")
        for message in messages:
            time.sleep(getattr(settings, "SLOW_EMAIL_SECONDS", 0))
            path = folder / f"{uuid.uuid4().hex}.eml"
            partial = path.with_suffix(".partial")
            partial.write_bytes(message.message().as_bytes())
            partial.rename(path)
        return len(messages)


def read_outbox(folder):
    """Message-IDs of the messages delivered to a FileOutbox folder, one per delivery."""
    from email import message_from_bytes
    from pathlib import Path

    return [message_from_bytes(p.read_bytes())["Message-ID"] for p in sorted(Path(folder).glob("*.eml"))]


def base_deadlines_only(world):
    """Deactivate the deadlines other apps' test builders add (case reviews, governance, learning
    actions...), so a register test sees the base app's rows: the world's two actions and the
    arrangements and yearly report timetables."""
    from partnerships.core.models import Action

    others = Deadline.objects.exclude(source_type__app_label__in=["partnerships", "deadlines"])
    extra_actions = Deadline.objects.filter(source_type__model="action").exclude(
        source_id__in=[world.action.pk, world.beta_action.pk]
    )
    return others.update(is_active=False) + extra_actions.filter(
        source_id__in=Action.objects.values("pk")
    ).update(is_active=False)


def start_worker(env, log, name, concurrency=2):
    """A real Celery worker on `env["CELERY_QUEUE"]`, in its own process group, logging to `log`;
    returns once it is ready (the fault tests kill, stop and restart it)."""
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            env["CELERY_QUEUE"],
            "-c",
            str(concurrency),
            "-P",
            "prefork",
            "-n",
            f"{name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: signals reach the parent and its children
    )
    until = time.monotonic() + 60
    while b" ready." not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > until:
            stop_worker(process)
            raise AssertionError(f"the worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    return process


def stop_worker(process):
    """Stop a worker (even a paused one) and its children; SIGKILL if it will not go."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGCONT)
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
