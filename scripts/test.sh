#!/usr/bin/env bash
# The whole suite: lint and Django's checks, then pytest. With CI=true, on PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
PY=$VENV/bin/python

if [ "${CI:-}" = "true" ]; then
  # shellcheck source=scripts/ci_services.sh
  source scripts/ci_services.sh
fi

# shellcheck source=scripts/system_packages.sh
source scripts/system_packages.sh
system_packages browser pdf java

echo "== Lint and checks =="
$VENV/bin/ruff check .
$VENV/bin/ruff format --check .
$VENV/bin/lint-imports --no-cache
$PY manage.py check --fail-level WARNING
$PY manage.py makemigrations --check --dry-run
DJANGO_SETTINGS_MODULE=config.settings.production SITE_URL=https://safeguarding.example.org \
  DJANGO_SECRET_KEY="ci-only-$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')" \
  $PY manage.py check --deploy --fail-level WARNING
$VENV/bin/bandit -q -c pyproject.toml -r config partnerships reviews child_death funding publications

engine=$($PY -c "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings.test'); import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])")
echo "== Tests on database engine: $engine =="

# Tests that restart services or run a real worker go last, one at a time.
$VENV/bin/pytest -n 2 -m "not serial" "$@"
$VENV/bin/pytest -m serial "$@" || { rc=$?; [ $rc -eq 5 ] || exit $rc; }
