#!/usr/bin/env bash
# make bench: national-scale data on PostgreSQL, a Celery worker running the deadline sweep over the
# whole dataset, the 40-page yearly report, one user's queries per page, then gunicorn with 2 workers
# under locust from a second process (>= 20 users, >= 60 s), then BENCHMARKS.md.
# Never run by the test suite.
# Options (environment): BENCH_SCALE=national|regional|small  BENCH_USERS=20  BENCH_SECONDS=240
#                        BENCH_DB=bench  BENCH_PORT=8123  BENCH_REUSE=1 (keep an existing database)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=$VENV/bin/python
SCALE=${BENCH_SCALE:-national}
USERS=${BENCH_USERS:-20}
# 240 s: at 90 s a page got about 40 requests, so its p95 was its second slowest (BENCHMARKS.md).
# The statistics restart once all users are signed in (locustfile.py).
SECONDS_=${BENCH_SECONDS:-240}
DB=${BENCH_DB:-bench}
PORT=${BENCH_PORT:-8123}
OUT=${BENCH_OUT:-$(mktemp -d)}
mkdir -p "$OUT"
echo "Working files in $OUT"

source scripts/ci_services.sh  # PostgreSQL and Redis on 127.0.0.1
# shellcheck source=scripts/system_packages.sh
source scripts/system_packages.sh
system_packages pdf  # the yearly report's fonts: without Liberation it sets wider and runs longer
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
# A Redis database of its own, so the bench's worker takes no other process's tasks and none take its.
REDIS_DB=${BENCH_REDIS_DB:-7}
export REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB
export DJANGO_SETTINGS_MODULE=config.settings.base DJANGO_DEBUG=false MFA_REQUIRED=false
export DJANGO_SECRET_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
export DB_CONN_MAX_AGE=60 LOG_LEVEL=WARNING
# Reminder emails go nowhere: the worker's cost of rendering them is measured, not an SMTP server's.
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export BENCH_IDS=$OUT/ids.json BENCH_OUT=$OUT PYTHONPATH=$PWD

# The process $1 and all its descendants.
tree() {
  local pids=$1 all=$1
  while [ -n "$pids" ]; do
    pids=$(for p in $pids; do pgrep -P "$p" || true; done | xargs)
    all="$all $pids"
  done
  echo $all
}
# Peak RSS (KiB) of one process of a tree: the largest single process, sampled every second.
sample_rss() {  # sample_rss PID FILE
  while kill -0 "$1" 2>/dev/null; do
    ps -o rss= -p "$(tree "$1" | tr ' ' ,)" 2>/dev/null | sort -n | tail -1 >> "$2"; sleep 1
  done
}
stop_tree() { local pids; pids=$(tree "$1"); kill $pids 2>/dev/null || true; }
peak() { sort -n "$1" 2>/dev/null | tail -1; }

if [ "${BENCH_REUSE:-}" != "1" ] || ! psql "$DATABASE_URL" -tAc "select 1 from partnerships_partnership limit 1" >/dev/null 2>&1; then
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
  createdb -h 127.0.0.1 -U postgres "$DB"
  $PY manage.py migrate --noinput -v0
  echo "== Generating $SCALE data (seed 1) =="
  /usr/bin/time -v $PY manage.py generate_scale_data --scale "$SCALE" --seed 1 2> "$OUT/gen.time" | tee "$OUT/gen.log"
fi
# A reused database still gets the migrations committed since it was generated.
$PY manage.py migrate --noinput -v0
psql "$DATABASE_URL" -qc "VACUUM ANALYZE" >/dev/null
$PY manage.py collectstatic --noinput -v0
$PY scripts/bench/ids.py "$BENCH_IDS"
uptime > "$OUT/load_before"

echo "== Celery worker: the deadline sweep over the whole dataset =="
sent_count() { psql "$DATABASE_URL" -tAc "SELECT count(*) FROM partnerships_reminder WHERE status = 'sent'"; }
sent_before=$(sent_count)
redis-cli -h 127.0.0.1 -n "$REDIS_DB" del celery >/dev/null 2>&1 || true
$VENV/bin/celery -A config worker --concurrency 1 --pool prefork --loglevel INFO --without-heartbeat \
  --without-gossip --without-mingle > "$OUT/celery.log" 2>&1 &
CELERY=$!
trap 'stop_tree $CELERY' EXIT
sample_rss $CELERY "$OUT/celery_rss" &
for _ in $(seq 1 60); do grep -q "ready" "$OUT/celery.log" && break; sleep 1; done
$PY -c "import django; django.setup(); from partnerships.deadlines.tasks import sweep_deadlines; sweep_deadlines.delay()"
for _ in $(seq 1 600); do grep -q "sweep_deadlines\[.*\] succeeded" "$OUT/celery.log" && break; sleep 1; done
grep "sweep_deadlines\[.*\] succeeded" "$OUT/celery.log" | tail -1 | tee "$OUT/sweep"
# Let the worker send the reminders the sweep queued (its memory while it does), up to 2 minutes.
for _ in $(seq 1 120); do
  [ "$(redis-cli -h 127.0.0.1 -n "$REDIS_DB" llen celery 2>/dev/null || echo 0)" = "0" ] && break; sleep 1
done
sleep 3
sent=$(( $(sent_count) - sent_before ))  # a chunk's message sends many: count the rows
# The same sweep again, as the next run of the day finds the register: everything due recorded.
$PY -c "import django; django.setup(); from partnerships.deadlines.tasks import sweep_deadlines; sweep_deadlines.delay()"
for _ in $(seq 1 300); do
  [ "$(grep -c "sweep_deadlines\[.*\] succeeded" "$OUT/celery.log")" -ge 2 ] && break; sleep 1
done
grep "sweep_deadlines\[.*\] succeeded" "$OUT/celery.log" | sed -n 2p | tee "$OUT/sweep2"
stop_tree $CELERY
wait $CELERY 2>/dev/null || true

echo "== Yearly report PDF (40 pages) =="
/usr/bin/time -v $PY manage.py benchmark_yearly_report --pages 40 --repeat 3 > "$OUT/report.out" 2> "$OUT/report.time" || true
cat "$OUT/report.out"

echo "== One user: queries and times =="
$PY scripts/bench/single_user.py > "$OUT/single.json"

echo "== gunicorn (2 workers) on :$PORT =="
$VENV/bin/gunicorn config.wsgi --workers 2 --bind 127.0.0.1:$PORT --log-level warning &
GUNICORN=$!
trap 'stop_tree $GUNICORN' EXIT
for _ in $(seq 1 30); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/accessibility/" && break; sleep 1; done
sample_rss $GUNICORN "$OUT/rss" &

echo "== locust: $USERS users for ${SECONDS_}s =="
uptime > "$OUT/load_during_start"
$VENV/bin/locust -f scripts/bench/locustfile.py --headless -u "$USERS" -r "$USERS" -t "${SECONDS_}s" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" --only-summary || true
uptime > "$OUT/load_during_end"
date +%s.%N > "$OUT/locust_end"
stop_tree $GUNICORN

$PY - "$OUT" "$SCALE" "$USERS" "$SECONDS_" "$(peak "$OUT/rss")" "$(peak "$OUT/celery_rss")" "$sent" <<'PY'
import json, re, sys
from pathlib import Path
out, scale, users, seconds, rss, celery_rss, sent = sys.argv[1:]
o = Path(out)
extras = json.loads((o / "single.json").read_text())
extras.update(scale=scale, users=int(users), seconds=int(seconds),
              web_worker_rss_mb=round(int(rss or 0) / 1024), celery_worker_rss_mb=round(int(celery_rss or 0) / 1024),
              reminders_sent=int(sent or 0))
for name, key in (("sweep", "sweep"), ("sweep2", "second_sweep")):
    m = re.search(r"succeeded in ([0-9.]+)s: (.*)", (o / name).read_text() if (o / name).exists() else "")
    if m:
        extras[key + "_seconds"] = round(float(m.group(1)), 2)
        extras[key + "_result"] = m.group(2)
m = re.search(r"(\d+) pages.*?wall [^;]*median ([0-9.]+) s", (o / "report.out").read_text())
if m:
    extras["report_pages"], extras["report_seconds"] = int(m.group(1)), float(m.group(2))
m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", (o / "report.time").read_text())
if m:
    extras["report_rss_mb"] = round(int(m.group(1)) / 1024)
if (o / "gen.time").exists():
    t = (o / "gen.time").read_text()
    m = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", t)
    extras["generation_wall"] = m.group(1) if m else "?"
    m = re.search(r"created (\{.*\})", (o / "gen.log").read_text())
    extras["rows"] = m.group(1) if m else "?"
if (o / "reset_at").exists() and (o / "locust_end").exists():
    extras["measured_seconds"] = round(float((o / "locust_end").read_text()) - float((o / "reset_at").read_text()))
extras["load"] = {k: (o / f).read_text().strip() for k, f in
                  [("before", "load_before"), ("locust start", "load_during_start"), ("locust end", "load_during_end")]}
(o / "extras.json").write_text(json.dumps(extras))
PY
$PY scripts/bench/report.py "$OUT/locust_stats.csv" "$OUT/extras.json" BENCHMARKS.md
echo "Wrote BENCHMARKS.md"
