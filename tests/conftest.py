"""Shared fixtures (seasons loaded once per session) and the test tiers.

Tiers: every test under tests/browser/ is marked `browser`, every test under tests/integration/ `notebook` (they
run Jupyter kernels) unless its module sets a tier itself; `slow` is set by hand. `make check` runs the rest (unit
and property tests, `-m "not notebook and not browser and not slow"`, each property on fewer examples: Hypothesis
profile `check`; on every core with pytest-xdist); `make test` runs everything.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

from paritrana_nb import forking
from paritrana_nb.methodology import Methodology, load_methodology
from paritrana_nb.season import Season, read_season
from scoring_fixtures import (
    DEFAULT_METHODOLOGY,
    MUSIM,
    PROJECT,
    gaps_tables,
    hand_tables,
    season_from,
    small_season_tables,
    uncertainty_tables,
    write_season,
)

# The season cache's machine key (user_cache.machine_key) lives in the user's cache folder: the tests (and the commands
# they start) keep theirs in a folder of their own, never the user's, removed when the test process ends.
_CACHE_HOME = tempfile.mkdtemp(prefix="paritrana-tests-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)

TESTS = Path(__file__).resolve().parent
TIERS = ("notebook", "browser", "slow")
TIER_OF_FOLDER = {"integration": "notebook", "browser": "browser"}


# Examples per property test: all of them in `make test`, a quarter in the fast tier (--hypothesis-profile=check).
settings.register_profile("full", max_examples=60, deadline=None)
settings.register_profile("check", max_examples=15, deadline=None)
settings.load_profile("full")


def _fast_tier(config: pytest.Config) -> bool:
    """True when the -m expression leaves out every tier (`not notebook and not browser and not slow`)."""
    expression = str(config.getoption("markexpr") or "")
    terms = {term.strip() for term in expression.split(" and ")}
    return " or " not in expression and {f"not {tier}" for tier in TIERS} <= terms


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The fast tier does not even import the tier folders' modules (every test there has a tier): their imports
    (papermill, nbformat, playwright) cost seconds."""
    if collection_path.parent == TESTS and collection_path.name in TIER_OF_FOLDER and _fast_tier(config):
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give each test its folder's tier, unless it already has one."""
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0] if item.path.is_relative_to(TESTS) else ""
        tier = TIER_OF_FOLDER.get(folder)
        if tier and not any(item.get_closest_marker(name) for name in TIERS):
            item.add_marker(tier)


def forks_here() -> bool:
    """Whether the workbook may fork in this test process: False only where fork is missing. A thread an earlier
    test left running fails the test that asks, naming the threads: the forking paths would otherwise go untested
    in the whole suite while it passes."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    assert forking.can_fork(), f"threads left running: {[t.name for t in threading.enumerate()]}"
    return True


@pytest.fixture
def small_tables() -> dict[str, pd.DataFrame]:
    return small_season_tables()


@pytest.fixture
def small_season(tmp_path: Path) -> Path:
    """A data dir holding a valid season 2025; returns the data dir."""
    write_season(tmp_path, small_season_tables())
    return tmp_path


@pytest.fixture(scope="session")
def default_methodology() -> Methodology:
    """params/2025/metodologi.yaml (Methodology is frozen: tests never modify it)."""
    return load_methodology(DEFAULT_METHODOLOGY, musim=MUSIM)


@pytest.fixture(scope="session")
def hand_season(tmp_path_factory: pytest.TempPathFactory) -> Season:
    """The hand season of scoring_fixtures.hand_tables, loaded once (Season is frozen; tests never modify it)."""
    return season_from(hand_tables(), tmp_path_factory.mktemp("hand"))


@pytest.fixture(scope="session")
def gaps_season(tmp_path_factory: pytest.TempPathFactory) -> Season:
    """The desk-stage season of scoring_fixtures.gaps_tables, loaded once."""
    return season_from(gaps_tables(), tmp_path_factory.mktemp("gaps"))


@pytest.fixture(scope="session")
def uncertainty_season(tmp_path_factory: pytest.TempPathFactory) -> Season:
    """The season of scoring_fixtures.uncertainty_tables, loaded once."""
    return season_from(uncertainty_tables(), tmp_path_factory.mktemp("uncertainty"))


@pytest.fixture(scope="session")
def bundled_season() -> Season:
    """The bundled season data/2025, loaded once."""
    return read_season(MUSIM, PROJECT / "data")
