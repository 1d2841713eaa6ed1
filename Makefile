# Selaras — the two commands: `make demo` and `make test` (and `make bench`).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Django 6.1 needs Python 3.12+: take the first that runs, 3.12 first (what
# the project is developed and tested on).
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python python3.13 $$HOME/.pyenv/versions/3.13*/bin/python python3; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p || echo $$p; } && break; done)
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared
SELARAS := $(BIN)/selaras

.PHONY: demo test bench install install-test lint serve worker clean

# Re-running reuses the virtualenv: it is rebuilt only when pyproject.toml changes.
$(SELARAS): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (python3.12, or pyenv's 3.12)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

install: $(SELARAS)

$(VENV)/.test-deps: $(SELARAS)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install-test: $(VENV)/.test-deps

demo: install
	$(SELARAS) migrate --noinput
	$(SELARAS) load-reference --with-villages $(if $(wildcard $(SHARED)/data/maps),--boundaries $(SHARED)/data/maps)
	$(SELARAS) demo-data
	$(SELARAS) collectstatic --noinput -v 0
	$(SELARAS) demo-logins
	@echo "Selaras: http://$(HOST):$(PORT)/  (Ctrl-C stops the server and the background worker)"
	$(SELARAS) db-worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(SELARAS) runserver --noreload $(HOST):$(PORT)

serve: install
	$(SELARAS) runserver --noreload $(HOST):$(PORT)

worker: install
	$(SELARAS) db-worker --queue-name '*'

test: install-test
	$(BIN)/ruff check selaras tests bench
	$(BIN)/ruff format --check selaras tests bench
	$(SELARAS) makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python -m bench.run $(BENCH)

lint: install-test
	$(BIN)/ruff check selaras tests bench
	$(BIN)/ruff format --check selaras tests bench

clean:
	rm -rf $(VENV) var bench-results.json
