# Fazhi — the two commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-pg serve assets install bench soak clean migrate loaddemo screenshots

$(STAMP): pyproject.toml
	bash scripts/bootstrap.sh
	touch $(STAMP)

install: $(STAMP) assets

# Front-end libraries from the npm registry, copied beside our own static files (never committed, never a CDN).
assets: fazhi/static/vendor/.stamp
fazhi/static/vendor/.stamp: package.json
	bash scripts/install_assets.sh
	touch $@

.secret_key: $(STAMP)
	@$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
	@chmod 600 .secret_key

migrate: install .secret_key
	SECRET_KEY_FILE=.secret_key $(PY) -m fazhi.cli migrate --noinput

loaddemo: migrate
	SECRET_KEY_FILE=.secret_key $(PY) -m fazhi.cli load_demo

# The demo county's records are of 2021: its overviews and portal open on that year.
demo: loaddemo
	@SECRET_KEY_FILE=.secret_key $(PY) -m fazhi.cli demo_logins
	SECRET_KEY_FILE=.secret_key FAZHI_WORKING_YEAR=2021 $(PY) -m fazhi.cli runserver --noreload $(HOST):$(PORT)

# Tests run in parallel on every core (pytest-xdist, at most 4 workers: each has its own test database);
# PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= auto
XDIST := -n $(PYTEST_WORKERS) --maxprocesses 4

test: install
	FAZHI_TESTING=True $(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)

# The same suite on PostgreSQL (DATABASE_URL must point at a server; .ci/run provides one).
test-pg: install
	FAZHI_TESTING=True DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fazhi} $(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)

# One table (figure, value, goal, floor, ratio): Excel import, and the demo county at 100x on SQLite and
# PostgreSQL (indicators, list pages, search, DOCX, portal load). Sizes: FAZHI_BENCH_* (README, 基准测试).
bench: install .secret_key
	SECRET_KEY_FILE=.secret_key $(PY) -m fazhi.cli bench --out auto

# 50 users for 60 s on gunicorn + PostgreSQL (own throwaway cluster), a PostgreSQL restart under load,
# kill -9 of the server during form posts, schemathesis if installed. Exit 1 on any error (scripts/soak.py).
soak: install
	$(PY) scripts/soak.py

# Screenshots of the main pages (server must be running: make demo in another terminal).
screenshots: install
	$(PY) scripts/screenshots.py --base-url http://$(HOST):$(PORT) --admin fzb_admin:Tongxin@2021 --liaison scj_liaison:Tongxin@2021

clean:
	rm -rf $(VENV) node_modules fazhi/static/vendor staticfiles db.sqlite3*
