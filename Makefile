# Two entry points (see README): `make reports` runs the main job, `make test` the whole test suite.
# Both create .venv and install the project into it on first use. `make test` also runs the unit tests
# against the lowest dependency versions pyproject.toml allows (`make test-lowest`, in .venv-lowest on
# the lowest supported Python).

PYTHON ?= python3
PYTHON_LOWEST ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
LOWEST := .venv-lowest
SEASON ?= 2025

.PHONY: reports validate test test-lowest benchmarks clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

$(LOWEST)/.installed: pyproject.toml constraints/lowest.txt
	rm -rf $(LOWEST)
	$(PYTHON_LOWEST) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(LOWEST)/bin/python -m pip install --quiet -c constraints/lowest.txt -e ".[test]"
	touch $@

reports: $(VENV)/.installed
	$(BIN)/paritrana run --season $(SEASON) --all

validate: $(VENV)/.installed
	$(BIN)/paritrana validate --season $(SEASON)

test: $(VENV)/.installed test-lowest
	bash scripts/install-system-deps.sh
	$(BIN)/python -m pytest -q

test-lowest: $(LOWEST)/.installed
	$(LOWEST)/bin/python -m pytest -q -p no:cacheprovider tests/unit

benchmarks: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_loading.py
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_uncertainty.py
	$(BIN)/python benchmarks/bench_garbage.py
	$(BIN)/python benchmarks/bench_intake.py

clean:
	rm -rf $(VENV) $(LOWEST) reports .pytest_cache .hypothesis
