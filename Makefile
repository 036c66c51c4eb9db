# Two entry points (see README): `make reports` runs the main job, `make test` the whole test suite.
# Both create .venv and install the project into it on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEASON ?= 2025

.PHONY: reports validate test benchmarks clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

reports: $(VENV)/.installed
	$(BIN)/paritrana run --season $(SEASON) --all

validate: $(VENV)/.installed
	$(BIN)/paritrana validate --season $(SEASON)

test: $(VENV)/.installed
	bash scripts/install-system-deps.sh
	$(BIN)/python -m pytest -q

benchmarks: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_loading.py
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_uncertainty.py
	$(BIN)/python benchmarks/bench_intake.py

clean:
	rm -rf $(VENV) reports .pytest_cache .hypothesis
