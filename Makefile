# jupyter-escape: one entry point for developers, teachers and CI.
#   make demo   install everything, build, bring the local stack up, open JupyterLab on it with sample data
#   make test   install everything, build, run the static checks (make check), bring the local stack up, run
#               every test (Python + browser) and build the documentation site with its tutorials executed
#   make check  the static checks alone: ruff, ruff format, mypy, eslint + prettier + stylelint, tsc
#   make lint   fix what the formatters and linters can fix by themselves (then make check)
#   make docs   the documentation site alone (docs/_build/html; needs the stack up)
#   make demo HUB=1   the same stack, but JupyterHub with single sign-on instead of one JupyterLab
# Both work on a fresh Debian 12 machine with no internet beyond the package registries.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# pip on some machines warns about every configured local index it cannot find: keep the log readable.
QUIET_PIP := 2>&1 | { grep -v '^WARNING: Location' || true; }
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
JLPM := $(VENV)/bin/jlpm
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: help system venv python-deps js-deps build install stack-up stack-down stack-status \
        test check test-python test-ui docs demo hub-demo lab bench lint clean

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'

system:  ## Debian packages: PostgreSQL, DaCHS, Chromium, Java tools, ... (root or sudo)
	bash stack/install-system.sh

$(PY):
	python3 -m venv $(VENV) || { bash stack/install-system.sh && python3 -m venv $(VENV); }
	$(PIP) install -q -U pip

venv: $(PY)

# Stamps make a second `make demo` / `make test` fast: each step reruns only when its inputs changed.
STAMPS := $(VENV)/.escape-stamps
BUILD_INPUTS := $(shell find src style schema -type f 2>/dev/null) package.json tsconfig.json

$(STAMPS)/python-deps: $(PY) pyproject.toml
	$(PIP) install -q "hatchling>=1.5" hatch-nodejs-version "hatch-jupyter-builder>=0.5" "jupyter-builder>=1.2" editables "jupyterlab>=4.6,<5" $(QUIET_PIP)
	# The Python package first without its frontend build (built below with jlpm, so one toolchain does it once).
	SKIP_JUPYTER_BUILDER=1 $(PIP) install -q --no-build-isolation -e ".[test,bench,dev,hub,scale,zooniverse,lab,docs]" $(QUIET_PIP)
	mkdir -p $(STAMPS) && touch $@

python-deps: $(STAMPS)/python-deps

$(STAMPS)/js-deps: $(STAMPS)/python-deps package.json yarn.lock ui-tests/package.json ui-tests/yarn.lock
	$(JLPM) install --immutable 2>/dev/null || $(JLPM) install
	cd ui-tests && ../$(JLPM) install --immutable 2>/dev/null || ../$(JLPM) install
	touch $@

js-deps: $(STAMPS)/js-deps

$(STAMPS)/build: $(STAMPS)/js-deps $(BUILD_INPUTS)
	$(JLPM) build
	$(VENV)/bin/jupyter-builder develop --overwrite . >/dev/null
	$(VENV)/bin/jupyter server extension enable jupyter_escape >/dev/null
	touch $@

build: $(STAMPS)/build

install: system build

stack-up: venv
	bash stack/escape-stack up

stack-down:
	bash stack/escape-stack down

stack-status:
	bash stack/escape-stack status

# check right after install and before the stack comes up: a lint or type error fails in a minute, not after an hour.
test: install check stack-up test-python test-ui docs  # docs last: the site shows the browser tests' screenshots

# The static checks CI runs (docs: CONTRIBUTING.md). Each tool reads its settings from pyproject.toml / package.json.
check: $(STAMPS)/js-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(JLPM) lint:check
	$(JLPM) typecheck
	$(JLPM) jest --silent  # the frontend's unit tests (src/**/__tests__): seconds, no server needed

test-python:
	$(PY) -m pytest -q -ra --durations=15

docs:  ## The documentation site (docs/_build/html) with every tutorial executed on the local stack
	$(PY) docs/build.py

test-ui:
	cd ui-tests && ../$(JLPM) test

demo: install stack-up $(if $(HUB),hub-demo,lab)

hub-demo:  ## The stack's JupyterHub (single sign-on through the local IdP): where to go and how to sign in
	bash stack/hub/demo.sh

lab:  ## JupyterLab on the local stack, in demo-workspace/ with the example notebooks, opened on the tour
	bash stack/lab/demo.sh $(or $(NOTEBOOK),01-tour.ipynb)

bench:
	for b in benchmarks/*/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

lint: $(STAMPS)/js-deps  ## rewrite what can be fixed mechanically; what is left, make check names
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(JLPM) lint

clean:
	rm -rf lib jupyter_escape/labextension tsconfig.tsbuildinfo
