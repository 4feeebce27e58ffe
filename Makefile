# One entry point for everything. Targets bootstrap .venv from nothing and are idempotent.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Reproducible builds: pin every timestamp to the last commit. safe.directory lets a build user who does
# not own the checkout read it. If git cannot say, nothing is guessed here: the build itself then says
# why (scripts/hooks/build_date.py), or dates pages by their files outside a git checkout.
SOURCE_DATE_EPOCH ?= $(shell git -c safe.directory='*' log -1 --format=%ct 2>/dev/null)
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
else
unexport SOURCE_DATE_EPOCH
endif
export NO_MKDOCS_2_WARNING := 1
export PYTHAINLP_READ_ONLY := 1
export PYTHAINLP_OFFLINE := 1
CHROMIUM ?= /usr/bin/chromium
NODE_STAMP := node_modules/.installed-stamp

.PHONY: help venv serve build test lint bench clean chromium node offline scorm export check report csp

help:
	@echo "make serve   - live preview on http://127.0.0.1:8000/ (PORT=8001 HOST=0.0.0.0 to change)"
	@echo "make build   - build the site into site/ (mkdocs build --strict)"
	@echo "make test    - lint + the whole test suite (browser tests included)"
	@echo "make lint    - ruff"
	@echo "make check   - validate quiz files only"
	@echo "make offline - dist/coi-course-offline.zip, opens from disk without a server"
	@echo "make scorm   - dist/coi-course-scorm12.zip, a SCORM 1.2 package for an LMS"
	@echo "make export  - quiz banks for Moodle (GIFT and Moodle XML) in dist/export/"
	@echo "make report RESULTS=folder - training officer's report in dist/report/ (add LANG_REPORT=en)"
	@echo "make csp     - the Content-Security-Policy header for the site in site/ (after make build)"
	@echo "make bench   - benchmarks (prints measured numbers)"
	@echo "make clean   - remove build output and caches (keeps .venv)"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# Debian's chromium for the browser tests (Playwright's own browser download does not work here).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian chromium (apt) ..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x "$(CHROMIUM)" || { echo "error: $(CHROMIUM) is missing and could not be installed" >&2; exit 1; }

# Node.js tools the tests and benchmarks run for real (package.json, pinned by package-lock.json):
# scorm-again as the LMS's SCORM API, Lighthouse for the page-load benchmark. Debian's nodejs/npm if missing.
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "Installing Debian nodejs and npm (apt) ..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	fi
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NODE_STAMP)

node: $(NODE_STAMP)

# make serve PORT=8001 HOST=0.0.0.0: the port is checked before the (long) first build.
PORT ?= 8000
HOST ?= 127.0.0.1
serve: $(STAMP)
	@$(PY) -m coi_course port-check --host '$(HOST)' --port '$(PORT)'
	@$(PY) -m coi_course check-sources
	$(VENV)/bin/mkdocs serve --dev-addr '$(HOST):$(PORT)'

build: $(STAMP)
	@$(PY) -m coi_course check-sources
	$(VENV)/bin/mkdocs build --strict
	@echo "Site written to site/ (Thai at /, English at /en/)."

check: $(STAMP)
	$(PY) -m coi_course check

lint: $(STAMP)
	$(VENV)/bin/ruff check --no-cache scripts tests
	$(VENV)/bin/ruff format --no-cache --check scripts tests

# pytest-xdist: one worker per core (TEST_WORKERS=0 runs everything in one process); a module's tests
# stay on one worker (--dist loadscope), so module fixtures are not set up twice.
TEST_WORKERS ?= auto
test: $(STAMP) chromium $(NODE_STAMP) lint
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist loadscope

bench: $(STAMP) chromium $(NODE_STAMP)
	$(PY) -m coi_course bench

offline: $(STAMP)
	$(PY) -m coi_course package offline

scorm: $(STAMP)
	$(PY) -m coi_course package scorm

export: $(STAMP)
	$(PY) -m coi_course export

# The training officer's report from a folder of learners' results files: dist/report/index.html + results.csv
report: $(STAMP)
	@test -n "$(RESULTS)" || { echo "usage: make report RESULTS=folder-with-results-files [LANG_REPORT=en]" >&2; exit 2; }
	$(PY) -m coi_course report "$(RESULTS)" --lang $(or $(LANG_REPORT),th) --out dist/report

csp: $(STAMP)
	$(PY) -m coi_course csp site

clean:
	rm -rf site site-* .pytest_cache .ruff_cache build dist .cache
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +
