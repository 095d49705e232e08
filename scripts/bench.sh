#!/usr/bin/env bash
# make bench: national-scale data on PostgreSQL, gunicorn with 2 workers, locust from a second
# process (>= 20 users, >= 60 s), then BENCHMARKS.md. Never run by the test suite.
# Options (environment): BENCH_SCALE=national|regional|small  BENCH_USERS=20  BENCH_SECONDS=60
#                        BENCH_DB=bench  BENCH_PORT=8123  BENCH_REUSE=1 (keep an existing database)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=$VENV/bin/python
SCALE=${BENCH_SCALE:-national}
USERS=${BENCH_USERS:-20}
SECONDS_=${BENCH_SECONDS:-60}
DB=${BENCH_DB:-bench}
PORT=${BENCH_PORT:-8123}
OUT=$(mktemp -d)

source scripts/ci_services.sh  # PostgreSQL and Redis on 127.0.0.1
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export DJANGO_SETTINGS_MODULE=config.settings.base DJANGO_DEBUG=false MFA_REQUIRED=false
export DJANGO_SECRET_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
export DB_CONN_MAX_AGE=60 LOG_LEVEL=WARNING

if [ "${BENCH_REUSE:-}" != "1" ] || ! psql "$DATABASE_URL" -tAc "select 1" >/dev/null 2>&1; then
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
  createdb -h 127.0.0.1 -U postgres "$DB"
  $PY manage.py migrate --noinput -v0
  echo "== Generating $SCALE data (seed 1) =="
  /usr/bin/time -v $PY manage.py generate_scale_data --scale "$SCALE" --seed 1 2> "$OUT/gen.time"
fi
$PY manage.py collectstatic --noinput -v0

echo "== One user: queries and times =="
$PY scripts/bench/single_user.py > "$OUT/single.json"

echo "== gunicorn (2 workers) on :$PORT =="
$VENV/bin/gunicorn config.wsgi --workers 2 --bind 127.0.0.1:$PORT --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/accessibility/" && break; sleep 1; done

echo "== locust: $USERS users for ${SECONDS_}s =="
( while kill -0 $GUNICORN 2>/dev/null; do
    ps -o rss= --ppid $GUNICORN | sort -n | tail -1 >> "$OUT/rss"; sleep 2; done ) &
$VENV/bin/locust -f scripts/bench/locustfile.py --headless -u "$USERS" -r "$USERS" -t "${SECONDS_}s" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" --only-summary || true
rss=$(sort -n "$OUT/rss" | tail -1)
$PY - "$OUT" "$SCALE" "$USERS" "$SECONDS_" "${rss:-0}" <<'PY'
import json, sys
out, scale, users, seconds, rss = sys.argv[1:]
extras = json.load(open(f"{out}/single.json"))
extras.update(scale=scale, users=int(users), seconds=int(seconds), web_worker_rss_mb=round(int(rss) / 1024))
json.dump(extras, open(f"{out}/extras.json", "w"))
PY
$PY scripts/bench/report.py "$OUT/locust_stats.csv" "$OUT/extras.json" BENCHMARKS.md
echo "Wrote BENCHMARKS.md"
