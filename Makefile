# CS Cockpit — two commands on a fresh machine:
#   make run    build the venv and the demo warehouse if needed, then start the app
#   make test   ruff, then the whole test suite (a real browser included)

SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
DEMO_DB := data/demo.duckdb
# Python 3.11 when installed, else python3 (checked to be >= 3.11 below).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)

.PHONY: run test bench system-deps clean-venv

run: $(VENV)/.installed-runtime $(DEMO_DB)
	@$(PY) -m cs_lib refresh --db "$${CS_COCKPIT_DB:-$(DEMO_DB)}"
	@echo "Starting CS Cockpit on http://127.0.0.1:8501 (this computer only; Ctrl+C stops it)..."
	$(VENV)/bin/streamlit run app.py

test: $(VENV)/.installed-dev $(VENV)/.installed-spark system-deps
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

bench: $(VENV)/.installed-dev $(VENV)/.installed-spark system-deps
	$(PY) -m cs_lib bench

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: no python3 found. Install Python 3.11 or newer (e.g. apt-get install python3.11)." >&2; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: CS Cockpit needs Python >= 3.11, but $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; \
		echo "       Install python3.11 (or newer) and run make again." >&2; exit 1; }
	@echo "Creating the Python environment $(VENV) (first run only)..."
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "error: could not create $(VENV); on Debian/Ubuntu install the python3-venv package." >&2; exit 1; }

# Reinstall only when the pinned requirements change.
$(VENV)/.installed-runtime: requirements.txt | $(PY)
	@echo "Installing the app's Python packages into $(VENV) (first run: about a minute; later runs skip this)..."
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements.txt \
		| grep --line-buffered -E '^(Collecting|Successfully installed)' || true
	@$(PY) -c 'import streamlit, duckdb' || { echo "error: the package install failed; see the messages above." >&2; exit 1; }
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(PY)
	@echo "Installing the app's and the tests' Python packages into $(VENV) (first run: a minute or two)..."
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements-dev.txt \
		| grep --line-buffered -E '^(Collecting|Successfully installed)' || true
	@$(PY) -c 'import streamlit, duckdb, pytest' || { echo "error: the package install failed; see the messages above." >&2; exit 1; }
	@touch $(VENV)/.installed-runtime $@

# --- The batch layer on Spark (issue 12): pyspark and sqlglot, for make test and make bench only ---
$(VENV)/.installed-spark: requirements-spark.txt requirements-dev.txt requirements.txt | $(PY)
	@echo "Installing pyspark and sqlglot into $(VENV) for the Spark parity test (first run: a minute or two)..."
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements-spark.txt \
		| grep --line-buffered -E '^(Collecting|Successfully installed)' || true
	@$(PY) -c 'import pyspark, sqlglot, pytest' || { echo "error: the package install failed; see the messages above." >&2; exit 1; }
	@touch $(VENV)/.installed-runtime $(VENV)/.installed-dev $@

# Built once; delete the file to rebuild it.
$(DEMO_DB): | $(VENV)/.installed-runtime
	@echo "Building the demo warehouse $(DEMO_DB) (first run only, this takes a moment)..."
	$(PY) -m cs_lib demo --db $(DEMO_DB) --size default

# The browser test drives Debian's chromium and needs a Japanese font; the chart test evaluates the
# axis expressions with node (Vega's expression language is JavaScript); the Spark parity test needs
# Java 17 (issue 12). Install them only if missing.
system-deps:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi ipaex && command -v node >/dev/null \
		&& command -v java >/dev/null; then exit 0; fi; \
	SUDO=""; \
	if [ "$$(id -u)" != "0" ]; then \
		if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else \
			echo "error: chromium, fonts-ipaexfont-gothic, nodejs or java is missing and installing them needs root." >&2; \
			echo "       Run: apt-get update && apt-get install -y chromium fonts-ipaexfont-gothic nodejs openjdk-17-jre-headless" >&2; exit 1; fi; \
	fi; \
	echo "Installing chromium, fonts-ipaexfont-gothic, nodejs and Java 17 for the browser, chart and Spark tests..."; \
	$$SUDO mkdir -p /usr/share/man/man1; \
	$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y \
		chromium fonts-ipaexfont-gothic $$(command -v node >/dev/null || echo nodejs) \
		$$(command -v java >/dev/null || echo openjdk-17-jre-headless)

clean-venv:
	rm -rf $(VENV)

# --- Board pack (issue 11): the tests render the pack's PDF pages with pdftoppm (poppler-utils) ---
.PHONY: system-deps-poppler
system-deps: system-deps-poppler
system-deps-poppler:
	@if command -v pdftoppm >/dev/null; then exit 0; fi; \
	SUDO=""; if [ "$$(id -u)" != "0" ]; then SUDO="sudo -n"; fi; \
	echo "Installing poppler-utils (pdftoppm) for the board-pack tests..."; \
	$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils
