#!/usr/bin/env bash
# Sourced by scripts/test.sh when CI=true: PostgreSQL and Redis on 127.0.0.1, started if down.
# Fails loudly if either cannot be reached; CI never falls back to SQLite.

wait_for() {  # wait_for NAME COMMAND...
  local name=$1; shift
  for _ in $(seq 1 30); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "ERROR: $name did not come up on 127.0.0.1; CI needs it and will not fall back." >&2
  return 1
}

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
  echo "Starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432 || exit 1

redis_up() { python3 - <<'PY'
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", 6379), timeout=1); s.sendall(b"PING\r\n")
    sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
except OSError:
    sys.exit(1)
PY
}
if ! redis_up; then
  echo "Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi
wait_for Redis redis_up || exit 1

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/safeguarding}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
if ! psql "postgres://postgres@127.0.0.1:5432/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='safeguarding'" | grep -q 1; then
  createdb -h 127.0.0.1 -U postgres safeguarding
fi
echo "CI services: PostgreSQL $(psql "$DATABASE_URL" -tAc 'SHOW server_version') at 127.0.0.1:5432, Redis at 127.0.0.1:6379"
