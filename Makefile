# Selaras — the two commands: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Django 6.1 needs Python 3.12+: take the first interpreter that runs.
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python $$HOME/.pyenv/versions/3.12*/bin/python python3; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p || echo $$p; } && break; done)
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared

.PHONY: demo test bench install install-test lint serve worker clean

$(BIN)/selaras: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

install: $(BIN)/selaras

$(VENV)/.test-deps: $(BIN)/selaras
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install-test: $(VENV)/.test-deps

demo: install
	$(BIN)/selaras migrate --noinput
	$(BIN)/selaras load-reference $(if $(wildcard $(SHARED)/data/maps),--boundaries $(SHARED)/data/maps)
	$(BIN)/selaras demo-data
	$(BIN)/selaras collectstatic --noinput -v 0
	$(BIN)/selaras demo-logins
	@echo "Selaras: http://$(HOST):$(PORT)/  (Ctrl-C stops the server and the worker)"
	trap 'kill 0' EXIT; $(BIN)/selaras db-worker --queue-name '*' & \
	$(BIN)/selaras runserver --noreload $(HOST):$(PORT)

test: install-test
	$(BIN)/ruff check selaras tests
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python -m bench.run

lint: install-test
	$(BIN)/ruff check selaras tests
	$(BIN)/ruff format --check selaras tests

clean:
	rm -rf $(VENV) var bench-results.json
