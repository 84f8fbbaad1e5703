# Parc d'hébergement — everyday commands.
#
#   make run     local trial on http://127.0.0.1:8000 (embedded SQLite, demo data, task worker,
#                scheduler)
#   make test    everything CI runs: lint, checks, tests on SQLite and PostgreSQL, browser tests
#
# Every target works on a fresh Debian 12 machine with Python 3.11 and pip: uv is installed with
# pip when absent; PostgreSQL server binaries and Chromium are installed with apt when absent
# (as root; otherwise the target says what to install).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# `make test` lists its phases in order; keep them sequential even under `make -j`.
.NOTPARALLEL:
.PHONY: help setup run demo base-initiale lint format check test test-sqlite test-postgres \
	test-e2e chromium messages clean

# `uv` from PATH, else the copy `pip install uv` just put in the interpreter (works even when
# pip's script folder is not on PATH).
UV := $(shell command -v uv >/dev/null 2>&1 && echo uv || echo "python3 -m uv")
MANAGE := $(UV) run python manage.py
PYTEST := $(UV) run pytest
CHROMIUM := /usr/bin/chromium
HOST_PORT := 127.0.0.1:8000

# The production settings as a real deployment would run them, minus the real secrets.
DEPLOY_ENV := DJANGO_SETTINGS_MODULE=backoffice.settings.prod \
	SECRET_KEY=check-deploy-Zq7vR2mX9kLp4sWt8nHy3cBf6jGd1aQe5uVo0iTz \
	DATABASE_URL=sqlite:////tmp/parc-check-deploy.sqlite3 \
	ALLOWED_HOSTS=example.gouv.fr

export PYTHONUNBUFFERED := 1
# Python's bytecode cache: without it every `manage.py` or pytest start recompiles ~2,000 modules
# of Django and Wagtail (6.4 s of CPU instead of 2.5 s measured). Some environments switch it off.
unexport PYTHONDONTWRITEBYTECODE
export DEBIAN_FRONTEND := noninteractive

## help: list the targets
help:
	@awk -F': ' '/^## / { printf "  make %-14s %s\n", substr($$1, 4), $$2 }' $(MAKEFILE_LIST)

## setup: install uv if needed, then the locked dependencies into .venv
setup:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || { \
		echo "==> uv not found: pip install uv"; \
		PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet --disable-pip-version-check uv; }
	@echo "==> Dépendances : uv sync --frozen"
	@$(UV) sync --frozen

## run: prepare the SQLite trial (migrations, cache, demo), serve it with the worker and scheduler
# scripts/essai.sh: one `manage.py preparer_essai` process, then the server in the foreground,
# the task worker and the scheduler beside it; Ctrl-C stops the three cleanly. Progress lines
# start with "==>", timed from the start of `make run`.
run: export ESSAI_DEBUT_NS := $(shell date +%s%N)
run: setup
	@bash scripts/essai.sh $(HOST_PORT)

## demo: migrate and load the demo data unless the database has a dispositif (never duplicated)
demo: setup
	$(MANAGE) preparer_essai

## base-initiale: rewrite the trial's initial database after a migration changed (about 2 min)
base-initiale: setup
	$(MANAGE) base_initiale

## test: everything CI runs, stopping at the first failure
test: setup lint check test-sqlite test-postgres test-e2e
	@echo "==> all green"

## lint: formatting and lint rules (ruff)
lint: setup
	$(UV) run ruff format --check .
	$(UV) run ruff check .

## format: rewrite files to the expected format and apply safe lint fixes
format: setup
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

## check: Django system checks, missing migrations, production settings (check --deploy)
check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING

## test-sqlite: the test suite (browser tests excepted) on in-memory SQLite
test-sqlite: setup
	$(PYTEST) -m "not e2e" --ignore=tests/e2e

## test-postgres: the same suite on a throwaway PostgreSQL cluster (scripts/pg_test_cluster.sh)
test-postgres: setup
	bash scripts/pg_test_cluster.sh $(PYTEST) -m "not e2e" --ignore=tests/e2e

## test-e2e: browser tests (Playwright driving Debian's Chromium) against a live server
# A failing test leaves a screenshot of its page in test-results/.
test-e2e: setup chromium
	$(PYTEST) -m e2e tests/e2e --screenshot only-on-failure --output test-results

# Debian's Chromium: never `playwright install`, which downloads a browser of its own.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" -ne 0 ]; then echo "$(CHROMIUM) missing: apt-get install chromium (as root)"; exit 1; fi; \
		echo "==> installing Chromium with apt"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; \
	fi

## messages: compile the project's translations (locale/*/LC_MESSAGES/*.po → .mo, committed)
# The .mo files are committed, so `make run` and CI need no gettext; tests/marque/test_catalogue.py
# fails when a .mo no longer matches its .po. GNU msgfmt is installed with apt when absent.
messages: setup
	@if ! command -v msgfmt >/dev/null; then \
		if [ "$$(id -u)" -ne 0 ]; then echo "msgfmt missing: apt-get install gettext (as root)"; exit 1; fi; \
		echo "==> installing gettext with apt"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends gettext >/dev/null; \
	fi
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

## clean: remove caches, test artefacts and the local SQLite database (next `make run` reseeds)
clean:
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache test-results var/static
	rm -f db.sqlite3 db.sqlite3-journal db.sqlite3-wal db.sqlite3-shm var/planificateur.* \
		/tmp/parc-check-deploy.sqlite3 /tmp/e2e-liste.png
