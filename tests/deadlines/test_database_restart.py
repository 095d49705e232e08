"""PostgreSQL restarted under load, for real: a private cluster, gunicorn, signed-in clients.

The test starts a PostgreSQL cluster of its own (initdb into a temporary folder, its own port; the
shared cluster on 5432 is never touched), builds the app's tables there, serves the app with
gunicorn (2 workers, persistent connections with health checks:
tests/deadlines/database_restart_settings.py) and signs in concurrent clients who read the
action log and add actions, each with a unique title. Meanwhile it stops PostgreSQL (fast
shutdown: open connections are cut), keeps it down for a few seconds and starts it again.

It then reports and asserts what a person relies on:
- during the outage every answer is either a success or the 503 page ("Sorry, the service is
  unavailable", GOV.UK markup, Retry-After; the API a JSON 503), never a 500 or a broken connection;
- once the database is back every request succeeds, including the first on each worker's old
  connection (CONN_HEALTH_CHECKS), also after a restart while the app was idle;
- every action acknowledged (the redirect to it) is in the database exactly once, with its
  deadline and its history row (a save is all or nothing); a write answered 503 is entered again
  only if it was not saved, as the 503 page tells people to check, and then appears once.

A real Celery worker (Redis as broker) then sends a batch of reminders while the same cluster is
stopped mid-batch, and again while tasks reach it with the database down; every reminder must be
delivered exactly once (counted by Message-ID in a file outbox, as in test_deadlines_worker.py).

The tables are built from the models (database_restart_settings.NO_MIGRATIONS): the migrations
take minutes on this machine and none carries data. Skipped without PostgreSQL's server programs
or outside PostgreSQL runs; in CI (CI=true) a missing program fails it instead.

Serial: it runs its own database server, web server and worker; it runs alone, after the rest.
"""

import collections
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.deadlines.support import start_worker, stop_worker

pytestmark = [pytest.mark.serial, pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"
SETTINGS = "tests.deadlines.database_restart_settings"
PASSWORD = "restart-test-password"  # a throwaway account in a throwaway cluster
CLIENTS = 6
OUTAGE_SECONDS = 4
UNAVAILABLE = "Sorry, the service is unavailable"


def _postgres_bin():
    """The newest installed PostgreSQL's server programs (Debian: /usr/lib/postgresql/<v>/bin)."""
    found = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port(preferred):
    for port in [preferred, *range(preferred + 1, preferred + 50)]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port")


def _missing():
    if _postgres_bin() is None:
        return "PostgreSQL's server programs (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser to start PostgreSQL as its own user"
    try:
        import gunicorn  # noqa: F401
        import psycopg2  # noqa: F401
        import requests  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed"
    return None


class Cluster:
    """A private PostgreSQL cluster in a temporary folder, owned by the postgres user when we are root."""

    def __init__(self):
        self.bin = _postgres_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="pg-restart-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.port = _free_port(55432)
        self.as_owner = []
        if os.geteuid() == 0:  # initdb refuses root; the cluster belongs to postgres
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_owner = [shutil.which("runuser"), "-u", "postgres", "--"]

    def run(self, program, *args, timeout=60):
        return subprocess.run(  # noqa: S603 (PostgreSQL's own programs, our arguments)
            [*self.as_owner, str(self.bin / program), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )

    def init(self):
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=40"
        self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"
        )

    def stop(self, mode="fast"):
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def query(self, sql, params=(), name="app"):
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=name)
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            conn.close()

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.stop("immediate")  # unless already down
        shutil.rmtree(self.dir, ignore_errors=True)


def _app_env(cluster, **extra):
    env = dict(os.environ)
    for name in ("CI", "REDIS_URL", "TEST_DATABASE_NAME", "PYTEST_XDIST_WORKER"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=cluster.url("app"),
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def _manage_shell(env, code, timeout=300):
    """Run `code` in `manage.py shell` (on the private cluster, given its env); what it printed."""
    done = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


SEED = """
import json
from django.core.management import call_command
call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
from partnerships.core.choices import RoleKind
from partnerships.core.models import Partnership, User
from partnerships.core.services import grant_role
alpha = Partnership.objects.create(
    name="Alpha Safeguarding Children Partnership", short_name="Alpha", slug="alpha"
)
people = {}
for i in range(%(clients)d):
    user = User.objects.create_user(
        username=f"client{i}", password=%(password)r, email=f"client{i}@example.org", first_name=f"Client {i}"
    )
    grant_role(None, user=user, partnership=alpha, kind=RoleKind.BUSINESS_UNIT, is_manager=True)
    people[user.username] = user.pk
print("SEEDED " + json.dumps(people))
"""


@pytest.fixture(scope="module")
def cluster():
    missing = _missing()
    if missing:
        if IN_CI:
            pytest.fail(f"CI runs the database restart test: {missing}")
        pytest.skip(missing)
    cluster = Cluster()
    try:
        cluster.init()
        cluster.start()
        cluster.query("CREATE DATABASE app", name="postgres")
        seeded = _manage_shell(
            _app_env(cluster, NO_MIGRATIONS="1"), SEED % {"clients": CLIENTS, "password": PASSWORD}
        )
        import json

        cluster.people = json.loads(seeded.split("SEEDED ", 1)[1])
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def web(cluster, tmp_path):
    """gunicorn with 2 sync workers on the private cluster; its base URL."""
    port = _free_port(18431)
    log = tmp_path / "gunicorn.log"
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=_app_env(cluster),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    import requests

    def stop():
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    base = f"http://127.0.0.1:{port}"
    until = time.monotonic() + 90
    while True:
        try:
            if requests.get(f"{base}/sign-in/", timeout=20).status_code == 200:
                break
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > until:
            stop()
            raise AssertionError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)
    try:
        yield base
    finally:
        stop()
    print(f"\ngunicorn log (last lines):\n{log.read_text()[-1500:]}")  # noqa: T201


class Person:
    """One signed-in client; records every answer it gets, with when it asked and what it meant."""

    def __init__(self, base, username, pk, clock):
        import requests

        self.base, self.username, self.pk, self.clock = base, username, pk, clock
        self.session = requests.Session()
        self.answers = []  # (started, ended, kind, key, status, verdict, detail)
        self.acknowledged = []  # titles the app answered with the redirect to the new action
        self.unavailable = []  # titles the app answered with the 503 page
        self.serial = 0
        page = self.session.get(f"{base}/sign-in/", timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        signed_in = self.session.post(
            f"{base}/sign-in/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=10,
        )
        assert signed_in.status_code == 302 and "/sign-in/" not in signed_in.headers["Location"], (
            signed_in.status_code,
            signed_in.text[:500],
        )

    def _ask(self, kind, key, send):
        import requests

        started = self.clock()
        try:
            response = send()
        except requests.RequestException as error:
            self.answers.append((started, self.clock(), kind, key, None, "broken", repr(error)[:300]))
            return None
        ended = self.clock()
        verdict, detail = self.judge(kind, response)
        self.answers.append((started, ended, kind, key, response.status_code, verdict, detail))
        return verdict

    def judge(self, kind, response):
        if kind == "api":
            try:
                body = response.json()
            except ValueError:
                return "error", f"{response.status_code} {response.text[:300]}"
            if response.status_code == 503:
                ok = body.get("detail", "").startswith("The service is unavailable")
                ok = ok and response.headers.get("Retry-After") == "30"
                return ("unavailable" if ok else "bad 503"), str(body)[:300]
            ok = response.status_code == 200 and "results" in body
            return ("ok" if ok else "error"), f"{response.status_code} {str(body)[:300]}"
        if response.status_code == 503:
            page = response.text
            ok = (
                UNAVAILABLE in page
                and 'class="govuk-heading-l"' in page
                and "govuk-template" in page
                and response.headers.get("Retry-After") == "30"
            )
            return ("unavailable" if ok else "bad 503"), page[:300]
        if kind == "read":
            ok = response.status_code == 200 and "govuk-template" in response.text
            return ("ok" if ok else "error"), f"{response.status_code} {response.text[:300]}"
        location = response.headers.get("Location", "")
        if response.status_code == 302 and re.fullmatch(r"/p/alpha/actions/\d+/", location):
            return "ok", location
        return "error", f"{response.status_code} {location} {response.text[:300]}"

    def read(self):
        return self._ask(
            "read",
            None,
            lambda: self.session.get(f"{self.base}/p/alpha/actions/", allow_redirects=False, timeout=30),
        )

    def api_read(self):
        return self._ask(
            "api", None, lambda: self.session.get(f"{self.base}/api/actions/?limit=5", timeout=30)
        )

    def write(self, title=None):
        if title is None:
            self.serial += 1
            title = f"Restart test {self.username} #{self.serial}"
        verdict = self._ask(
            "write",
            title,
            lambda: self.session.post(
                f"{self.base}/p/alpha/actions/new/",
                data={
                    "title": title,
                    "source_kind": "other",
                    "owner": self.pk,
                    "due_date": "2030-01-31",
                    "csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""),
                },
                allow_redirects=False,
                timeout=30,
            ),
        )
        if verdict == "ok":
            self.acknowledged.append(title)
        elif verdict == "unavailable":
            self.unavailable.append(title)
        return verdict


def _saved(cluster, titles):
    """How many times each title is in the action log, with its deadline and its history row."""
    rows = cluster.query(
        """
        SELECT a.title, count(*) AS actions,
               sum((SELECT count(*) FROM partnerships_deadline d
                    WHERE d.source_id = a.id AND d.title = 'Action: ' || a.title)) AS deadlines,
               sum((SELECT count(*) FROM partnerships_historicalaction h
                    WHERE h.id = a.id AND h.history_type = '+')) AS created_history
        FROM partnerships_action a WHERE a.title = ANY(%s) GROUP BY a.title
        """,
        (list(titles),),
    )
    return {title: (n, int(deadlines), int(history)) for title, n, deadlines, history in rows}


def test_postgresql_restarted_under_load_loses_and_duplicates_nothing(cluster, web):
    origin = time.monotonic()

    def clock():
        return time.monotonic() - origin

    people = [Person(web, name, pk, clock) for name, pk in sorted(cluster.people.items())]
    stop = threading.Event()

    def load(person):
        while not stop.is_set():
            if person.read() == "unavailable":
                time.sleep(1)  # a person reads the page before trying again
            if person.write() == "unavailable":
                time.sleep(1)
            person.api_read()

    threads = [threading.Thread(target=load, args=(p,), daemon=True) for p in people]
    for thread in threads:
        thread.start()
    time.sleep(3)  # load before the outage
    down_at = clock()
    cluster.stop("fast")  # open connections are cut, as in a restart or a fail-over
    time.sleep(OUTAGE_SECONDS)
    cluster.start()  # returns once PostgreSQL accepts connections
    up_at = clock()
    time.sleep(4)  # load after the outage
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a client hung"

    answers = [a for p in people for a in p.answers]
    phases = collections.defaultdict(collections.Counter)
    bad = []
    for started, ended, kind, key, status, verdict, detail in answers:
        if ended < down_at:
            phase = "before"
        elif started > up_at:
            phase = "after"
        else:
            phase = "during"
        phases[phase][f"{kind} {verdict}"] += 1
        allowed = {"ok", "unavailable"} if phase == "during" else {"ok"}
        if verdict not in allowed:
            bad.append((phase, kind, key, status, verdict, detail))

    # Writes answered 503: saved or not? The page tells people to check before entering again.
    acknowledged = [t for p in people for t in p.acknowledged]
    unavailable = [t for p in people for t in p.unavailable]
    saved_after_503 = _saved(cluster, unavailable)
    entered_again = [t for t in unavailable if t not in saved_after_503]

    def enter_again(person):
        for title in list(person.unavailable):
            if title not in saved_after_503 and person.write(title) != "ok":
                bad.append(("re-entry", "write", title, None, "error", "not accepted once back"))

    threads = [threading.Thread(target=enter_again, args=(p,), daemon=True) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # A restart while the app is idle: each worker's kept connection is dead; none is used.
    for person in people:
        person.read()
    cluster.stop("fast")
    cluster.start()
    idle_restart_at = clock()
    for person in people * 3:
        person.read()
        person.write()
        person.api_read()
    after_idle = [a for p in people for a in p.answers if a[0] > idle_restart_at]
    for _started, _ended, kind, key, status, verdict, detail in after_idle:
        if verdict != "ok":
            bad.append(("after idle restart", kind, key, status, verdict, detail))

    every_title = {t for p in people for t in p.acknowledged} | set(unavailable)
    saved = _saved(cluster, every_title)
    lost = sorted(t for p in people for t in p.acknowledged if t not in saved)
    duplicated = sorted(t for t, (n, _d, _h) in saved.items() if n > 1)
    partial = sorted(t for t, (n, d, h) in saved.items() if (d, h) != (n, n))
    report = {
        "outage_seconds": round(up_at - down_at, 1),
        "phases": {phase: dict(counts) for phase, counts in phases.items()},
        "writes_acknowledged": len(acknowledged),
        "writes_answered_503": len(unavailable),
        "answered_503_but_saved": len(saved_after_503),
        "entered_again_after_503": len(entered_again),
        "lost": len(lost),
        "duplicated": len(duplicated),
        "partial_saves": len(partial),
        "failures": len(bad),
    }
    print(f"\nPostgreSQL restart under load: {report}")  # noqa: T201 (the figures are the report)
    for failure in bad[:10]:
        print(f"  {failure}")  # noqa: T201

    assert bad == [], bad[:5]
    assert phases["during"], "no request met the outage"
    assert phases["during"]["read unavailable"] + phases["during"]["write unavailable"] > 0, (
        "the outage was never seen: the test proved nothing"
    )
    assert lost == [] and duplicated == [] and partial == [], (lost, duplicated, partial)
    # Every title a person entered is in the log exactly once, with its deadline and history.
    assert set(saved) == every_title
    assert all(counts == (1, 1, 1) for counts in saved.values())


# ---- A real Celery worker sending a batch of reminders while PostgreSQL restarts ----

MID_BATCH = 30  # reminders being sent when PostgreSQL stops
WHILE_DOWN = 10  # reminders whose tasks reach the worker while PostgreSQL is down


def _chunks(n):
    """Messages that carry `n` reminders a sweep queues (outbox.PUBLISH_CHUNK to a message)."""
    from partnerships.deadlines.outbox import PUBLISH_CHUNK

    return -(-n // PUBLISH_CHUNK)


# Production waits 600 s before taking over a claim; the test's outage is far shorter than this.
CLAIM_TIMEOUT = 30
REQUEUE_AFTER = 2
TASK_FAILED = b"raised unexpected: OperationalError"

DEADLINES = """
import datetime
from partnerships.core.models import Partnership, Role, User
from partnerships.deadlines import reminders
from partnerships.deadlines.models import Deadline
from partnerships.deadlines.register import upsert_deadline
alpha = Partnership.objects.get(slug="alpha")
Deadline.objects.exclude(kind="test_restart").update(is_active=False)  # only ours remind today
for i in range(%(first)d, %(first)d + %(n)d):
    owner = User.objects.create_user(
        username=f"owner{i}", email=f"owner{i}@example.org", first_name=f"Owner {i}"
    )
    Role.objects.create(user=owner, partnership=alpha, kind="business_unit")  # only role holders are reminded
    upsert_deadline(
        source=owner, kind="test_restart", partnership=alpha, title=f"Restart deadline {i}",
        due_date=datetime.date.today(), rule="A test rule", owner=owner,
    )
print("RECORDED", reminders.sweep().recorded)
"""

SWEEP_UNTIL_SENT = """
import time
from partnerships.deadlines import reminders
from partnerships.deadlines.models import Reminder
sweeps, requeued, until = 0, 0, time.monotonic() + 120
while time.monotonic() < until:
    if Reminder.objects.filter(status="sent").count() >= %(n)d:
        break
    requeued += reminders.sweep().requeued
    sweeps += 1
    time.sleep(1)
print("SWEEPS", sweeps, "REQUEUED", requeued)
"""


def _worker_env(cluster, tmp_path, queue):
    return _app_env(
        cluster,
        REDIS_URL=os.environ["REDIS_URL"],
        CELERY_QUEUE=queue,
        MAIL_DIR=str(tmp_path / "outbox"),
        SLOW_EMAIL_SECONDS="0.2",
        REMINDER_CLAIM_TIMEOUT_SECONDS=str(CLAIM_TIMEOUT),
        REMINDER_REQUEUE_AFTER_SECONDS=str(REQUEUE_AFTER),
    )


def _shell(env, code):
    """Run `code` in `manage.py shell` on the private cluster; its printed `WORD value` pairs."""
    words = _manage_shell(env, code).split()
    return {words[i]: int(words[i + 1]) for i in range(len(words) - 1) if words[i].isupper()}


@pytest.fixture
def worker_env(cluster, tmp_path):
    from tests.conftest import redis_reachable

    if not redis_reachable():
        if IN_CI:
            pytest.fail("CI runs the worker half of the database restart test on Redis")
        pytest.skip("needs Redis (set REDIS_URL); runs in CI")
    queue = f"test-pg-restart-{os.getpid()}"
    (tmp_path / "outbox").mkdir()
    yield _worker_env(cluster, tmp_path, queue)
    import redis

    with contextlib.suppress(redis.RedisError):
        redis.Redis.from_url(os.environ["REDIS_URL"]).delete(queue)


def _wait_for(condition, timeout=60, every=0.05):
    until = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < until, "timed out"
        time.sleep(every)


@pytest.mark.redis
def test_a_worker_sending_reminders_through_a_postgresql_restart_sends_each_once(
    cluster, worker_env, tmp_path
):
    from tests.deadlines.support import read_outbox

    outbox, log = tmp_path / "outbox", tmp_path / "worker.log"
    expected = MID_BATCH + WHILE_DOWN
    worker = start_worker(worker_env, log, worker_env["CELERY_QUEUE"])
    try:
        # 1. PostgreSQL stops while the worker is mid-batch (two mails being sent at that moment).
        assert _shell(worker_env, DEADLINES % {"first": 0, "n": MID_BATCH})["RECORDED"] == MID_BATCH
        _wait_for(lambda: len(read_outbox(outbox)) >= 6)
        cluster.stop("fast")
        at_stop = len(read_outbox(outbox))
        time.sleep(OUTAGE_SECONDS)
        cluster.start()
        assert at_stop < MID_BATCH, "the batch was over before the restart: the test proved nothing"
        _shell(worker_env, SWEEP_UNTIL_SENT % {"n": MID_BATCH})

        # 2. Tasks reach the worker while PostgreSQL is down: the worker is paused while they are
        # queued, PostgreSQL stops, the worker resumes and every task fails to claim its first row
        # (a chunk's message fails as a whole; its rows stay pending for the sweep).
        os.killpg(worker.pid, signal.SIGSTOP)
        assert _shell(worker_env, DEADLINES % {"first": MID_BATCH, "n": WHILE_DOWN})["RECORDED"] == WHILE_DOWN
        failed_before = log.read_bytes().count(TASK_FAILED)
        cluster.stop("fast")
        os.killpg(worker.pid, signal.SIGCONT)
        _wait_for(
            lambda: log.read_bytes().count(TASK_FAILED) - failed_before >= _chunks(WHILE_DOWN), every=0.2
        )
        failed_while_down = log.read_bytes().count(TASK_FAILED) - failed_before
        cluster.start()
        # Celery beat's sweep (every second here) re-queues what the outage left behind.
        after = _shell(worker_env, SWEEP_UNTIL_SENT % {"n": expected})
        time.sleep(2 * 0.2 + 1)  # a last in-flight send would show as a duplicate
    finally:
        stop_worker(worker)

    delivered = collections.Counter(read_outbox(outbox))
    from django.conf import settings

    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    rows = cluster.query(  # Reminder.message_id, in SQL
        "SELECT '<reminder.' || id || '.' || to_char(due_date, 'YYYYMMDD') || '@' || %s || '>', status"
        " FROM partnerships_reminder",
        (domain,),
    )
    wanted = {message_id for message_id, _status in rows}
    counts = {
        "expected": expected,
        "recorded": len(wanted),
        "delivered_before_the_mid_batch_stop": at_stop,
        "tasks_failed_while_down": failed_while_down,
        "requeued_by_the_sweep": after["REQUEUED"],
        "sent": len(set(delivered) & wanted),
        "duplicated": sum(n - 1 for n in delivered.values()),
        "lost": len(wanted - set(delivered)),
        "unexpected": len(set(delivered) - wanted),
        "statuses": dict(collections.Counter(status for _m, status in rows)),
    }
    print(f"\nreminders through PostgreSQL restarts: {counts}")  # noqa: T201 (the figures are the report)
    assert counts["duplicated"] == 0 and counts["lost"] == 0 and counts["unexpected"] == 0, counts
    assert counts["recorded"] == counts["sent"] == expected
    assert counts["statuses"] == {"sent": expected}
    assert failed_while_down >= _chunks(WHILE_DOWN) and after["REQUEUED"] >= WHILE_DOWN
