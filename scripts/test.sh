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

# Browser tests drive Debian's chromium; PDF checks use poppler's pdftotext.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/liberation2 ] || need+=(fonts-liberation2)
# WeasyPrint subsets fonts with HarfBuzz: without it a long report takes seconds longer.
compgen -G "/usr/lib/*/libharfbuzz-subset.so.0" >/dev/null || need+=(libharfbuzz-subset0)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing ${need[*]} with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "WARNING: ${need[*]} missing and not root: the tests that need them will be skipped (CI installs them)."
  fi
fi

echo "== Lint and checks =="
$VENV/bin/ruff check .
$VENV/bin/ruff format --check .
$PY manage.py check --fail-level WARNING
$PY manage.py makemigrations --check --dry-run
DJANGO_SETTINGS_MODULE=config.settings.production \
  DJANGO_SECRET_KEY="ci-only-$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')" \
  $PY manage.py check --deploy --fail-level WARNING
$VENV/bin/bandit -q -c pyproject.toml -r config partnerships reviews child_death funding publications

engine=$($PY -c "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings.test'); import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])")
echo "== Tests on database engine: $engine =="

# Tests that restart services or run a real worker go last, one at a time.
$VENV/bin/pytest -n 2 -m "not serial" "$@"
$VENV/bin/pytest -m serial "$@" || { rc=$?; [ $rc -eq 5 ] || exit $rc; }
