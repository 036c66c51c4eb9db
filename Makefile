# Two entry points (see README): `make reports` runs the main job, `make test` the whole test suite.
# Both create .venv and install the project into it on first use. `make test` runs the unit tests
# against the lowest dependency versions pyproject.toml allows (`make test-lowest`, in .venv-lowest on
# the lowest supported Python), and builds the documentation site with --strict in both, so a broken
# link or API reference fails. `make docs` builds the site into site/. `make lint` runs the checkers (ruff check,
# ruff format --check, mypy; pinned in the lint extra), and `make test` runs it first, so a new finding fails CI.
# `make check` runs the fast tier alone, on every core (one test file per worker at a time, so module fixtures
# are built once): the unit and property tests, without the tests marked notebook, browser or slow (see
# tests/conftest.py), in under a minute.

PYTHON ?= python3
PYTHON_LOWEST ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
LOWEST := .venv-lowest
SEASON ?= 2025

# Material for MkDocs prints an end-of-life notice on every build; every build here leaves it out. The test builds
# keep mkdocs' three INFO lines: --quiet would hide the warnings --strict counts, and a broken link would pass.
QUIET_DOCS := NO_MKDOCS_2_WARNING=1

.PHONY: reports validate docs lint check test test-lowest benchmarks clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,docs,lint]"
	touch $@

$(LOWEST)/.installed: pyproject.toml constraints/lowest.txt
	rm -rf $(LOWEST)
	$(PYTHON_LOWEST) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(LOWEST)/bin/python -m pip install --quiet -c constraints/lowest.txt -e ".[test,docs]"
	touch $@

# Every command and report kernel imports the package: its bytecode is written first, as `pip install` writes an
# installed package's, also where Python may not write it on import (PYTHONDONTWRITEBYTECODE, as in containers).
reports: $(VENV)/.installed
	$(BIN)/python -m compileall -q paritrana_nb
	$(BIN)/paritrana run --season $(SEASON) --all

validate: $(VENV)/.installed
	$(BIN)/paritrana validate --season $(SEASON)

docs: $(VENV)/.installed
	$(QUIET_DOCS) $(BIN)/mkdocs build

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: $(VENV)/.installed
	$(BIN)/python -m pytest -q -n auto --dist loadfile -m "not notebook and not browser and not slow" --hypothesis-profile=check

# Prerequisites run in order: the checkers first, then the lowest-versions tier, then the whole suite.
test: $(VENV)/.installed lint test-lowest
	bash scripts/install-system-deps.sh
	$(QUIET_DOCS) $(BIN)/mkdocs build --strict
	$(BIN)/python -m pytest -q

test-lowest: $(LOWEST)/.installed
	$(QUIET_DOCS) $(LOWEST)/bin/mkdocs build --strict --site-dir $(LOWEST)/site
	$(LOWEST)/bin/python -m pytest -q -p no:cacheprovider tests/unit

benchmarks: $(VENV)/.installed
	bash scripts/install-system-deps.sh
	$(BIN)/python benchmarks/bench_generation.py
	$(BIN)/python benchmarks/bench_loading.py
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_commands.py --rounds 3
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_uncertainty.py
	$(BIN)/python benchmarks/bench_garbage.py
	$(BIN)/python benchmarks/bench_intake.py

clean:
	rm -rf $(VENV) $(LOWEST) reports site .pytest_cache .hypothesis .mypy_cache .ruff_cache
