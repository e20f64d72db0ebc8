# 法制审核工作站 — every target sets up what it needs (system packages, .venv, the package).
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR ?= $(CURDIR)/.data
export WORKSTATION_SHARED ?= $(abspath $(CURDIR)/../shared)

.PHONY: help run test bench lint system venv translations screenshots clean

help: ## show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

system: ## install the Debian/Ubuntu packages it needs (libVLC, CJK fonts, Qt xcb, Xvfb)
	@scripts/system-packages.sh

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

venv: system $(STAMP) ## create .venv and install the package in editable mode

translations: $(STAMP) ## compile the Qt Linguist translations (resources/i18n/*.ts → .qm)
	@$(PY) scripts/build_translations.py

run: venv translations ## open the app on demo cases (data in .data/)
	@WORKSTATION_DATA_DIR=$(DATA_DIR) $(PY) -m workstation.launch_demo

TEST_WORKERS ?= 2
test: venv translations ## run the whole test suite on TEST_WORKERS processes
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=30

screenshots: venv translations ## save PNGs of the main screens into docs/screenshots/ (under Xvfb)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) scripts/screenshots.py

bench: venv ## run the speed benchmarks, write benchmarks/results.json
	$(PY) -m benchmarks

lint: venv ## ruff, mypy and the import-linter contracts
	$(VENV)/bin/ruff check workstation tests benchmarks scripts
	$(VENV)/bin/ruff format --check workstation tests benchmarks scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

clean: ## remove the virtualenv and local demo data
	rm -rf $(VENV) $(DATA_DIR)
