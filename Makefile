# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test lint bench assets clean

$(VENV)/.installed: pyproject.toml scripts/pip_install.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) scripts/pip_install.py
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) scripts/pip_install.py --dev
	touch $@

## run: a bare machine: SQLite, tasks in-process, demo data, logins printed, served on $(HOST)
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --print-logins
	SITE_URL=http://$(HOST) $(PY) manage.py serve_demo $(HOST)

## test: the whole suite (on PostgreSQL and Redis when CI=true)
test: $(VENV)/.installed-dev
	bash scripts/test.sh

## lint: ruff, the import contracts (layers, no cycles), Django's checks and migrations
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

## bench: national-scale data on PostgreSQL, load test, BENCHMARKS.md
bench: $(VENV)/.installed-dev
	bash scripts/bench.sh

## assets: rebuild the GOV.UK Frontend stylesheet and scripts from npm (committed in static/govuk)
assets:
	bash scripts/build_govuk.sh

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
