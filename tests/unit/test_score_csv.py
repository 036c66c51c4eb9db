"""The whole season's score CSV on two cores (score_csv): byte for byte what one process writes, whatever ranks
wider than a province, and the same without forking or with the scores the cache keeps."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from paritrana_nb import forking, score_csv
from paritrana_nb.cache import SeasonCache
from paritrana_nb.cli import main
from paritrana_nb.engine import csv_bytes, score_counts, score_season
from paritrana_nb.methodology import Methodology
from paritrana_nb.registry import Registry
from paritrana_nb.season import load_season

PROJECT = Path(__file__).resolve().parents[2]


def _registry(methodology: Methodology, cache: SeasonCache | None = None) -> Registry:
    loaded = load_season(2025, PROJECT / "data", methodology, cache)
    assert loaded.registry is not None, loaded.report.render("en")
    return loaded.registry


def _ranked(methodology: Methodology, **kelompok: str) -> Methodology:
    """`methodology` with some categories ranked otherwise (category id -> provinsi, nasional or zona)."""
    categories = {
        k: c.model_copy(update={"kelompok": kelompok[k]}) if k in kelompok else c
        for k, c in methodology.kategori.items()
    }
    return methodology.model_copy(update={"kategori": categories})


def _one_process(found: Registry) -> tuple[bytearray, tuple[int, int]]:
    scores = score_season(found.season, found.methodology, checked=found, keep=False)
    return csv_bytes(scores), score_counts(scores)


@pytest.mark.parametrize(
    "kelompok",
    [
        {},  # provinces, and the governors' category by zone
        {"desa": "nasional"},  # a large category ranked nationally, between provincial ones
        {"pemda": "zona", "bu_kecil_mikro": "nasional"},
        {"pemda": "nasional", "desa": "nasional", "bu_besar_menengah": "nasional", "bu_kecil_mikro": "zona"},
    ],
)
def test_two_processes_write_the_bytes_one_writes(
    default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch, kelompok: dict[str, str]
) -> None:
    found = _registry(_ranked(default_methodology, **kelompok))
    expected = _one_process(found)
    monkeypatch.setattr(score_csv, "SPLIT_FROM", 0)
    halves = score_csv._halves(found)
    provincial = [k for k, c in found.methodology.kategori.items() if c.provincial]
    if provincial and forking.can_fork():
        assert halves is not None
        first, rest = halves
        assert first and rest and max(first) < min(rest)  # the forked process's groups come first in the CSV
    assert score_csv.season_score_csv(found) == expected


def test_the_halves_share_the_participants(default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _registry(default_methodology)
    monkeypatch.setattr(score_csv, "SPLIT_FROM", 0)
    halves = score_csv._halves(found)
    if not forking.can_fork():
        pytest.skip("no forking here")
    assert halves is not None
    codes = [frame.loc[frame["kategori"].notna(), "kode_provinsi"] for frame in found.rows.values()]
    every = [str(code) for part in codes for code in part]
    first = sum(code in halves[0] for code in every)
    assert abs(first - (len(every) - first)) <= 0.25 * len(every)  # the bundled season's provinces are unequal


def test_small_seasons_one_core_or_no_forking_stay_in_one_process(
    default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _registry(default_methodology)
    assert score_csv._halves(found) is None  # 301 participants: below SPLIT_FROM
    monkeypatch.setattr(score_csv, "SPLIT_FROM", 0)
    monkeypatch.setattr(score_csv.os, "cpu_count", lambda: 1)
    assert score_csv._halves(found) is None
    monkeypatch.setattr(score_csv.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    assert score_csv._halves(found) is None
    assert score_csv.season_score_csv(found) == _one_process(found)


def test_scores_the_cache_keeps_are_written_as_they_are(
    default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = SeasonCache(tmp_path / "cache")
    found = _registry(default_methodology, cache)
    expected = _one_process(found)
    score_season(found.season, default_methodology)  # kept, as `gaps` or the reports keep them
    monkeypatch.setattr(score_csv, "SPLIT_FROM", 0)
    monkeypatch.setattr(score_csv, "score_season", None)  # nothing is scored again
    assert score_csv.season_score_csv(_registry(default_methodology, cache)) == expected


def test_the_command_writes_the_same_file_split_or_not(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`paritrana score` on the bundled season, in one process and split (cold cache, warm cache, no cache)."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data" / "2025", data / "2025")
    options = ["--data-dir", str(data), "--params-dir", str(PROJECT / "params")]
    assert main(["score", *options, "--no-cache", "--out", str(tmp_path / "one.csv")]) == 0
    monkeypatch.setattr(score_csv, "SPLIT_FROM", 0)
    halves = score_csv._halves
    split: list[bool] = []
    monkeypatch.setattr(score_csv, "_halves", lambda found: split.append(halves(found) is not None) or halves(found))
    written = []
    for name, cache in [("cold", []), ("warm", []), ("none", ["--no-cache"])]:
        assert main(["score", *options, *cache, "--out", str(tmp_path / f"{name}.csv")]) == 0
        written.append((tmp_path / f"{name}.csv").read_bytes())
    assert written == [(tmp_path / "one.csv").read_bytes()] * 3
    assert split == [forking.can_fork()] * 2  # cold and without cache (warm: the CSV the cache keeps)


def test_a_killed_forked_process_leaves_its_share_to_this_one(
    default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _registry(default_methodology)
    expected = _one_process(found)
    monkeypatch.setattr(score_csv, "SPLIT_FROM", 0)
    if score_csv._halves(found) is None:
        pytest.skip("no forking here")

    fork = forking.fork

    def killed(job: object) -> forking.Forked[None]:
        return fork(lambda: os.kill(os.getpid(), signal.SIGKILL))

    monkeypatch.setattr(forking, "fork", killed)
    assert score_csv.season_score_csv(found) == expected
