"""The whole season's score CSV on two cores (score_csv): byte for byte what one process writes, whatever ranks
wider than a province, and the same without forking, after a killed forked process or with the scores the cache
keeps.

The checks that need a forked process run in a fresh interpreter: a test process may hold threads other tests left
(then `forking.can_fork` is False, and the work would silently stay in one process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from paritrana_nb import forking, score_csv
from paritrana_nb.cache import SeasonCache
from paritrana_nb.engine import csv_bytes, score_counts, score_season
from paritrana_nb.methodology import Methodology
from paritrana_nb.registry import Registry
from paritrana_nb.season import load_season

PROJECT = Path(__file__).resolve().parents[2]

_SPLIT = """
import multiprocessing, os, shutil, signal, sys, tempfile
from pathlib import Path
from paritrana_nb import forking, score_csv
from paritrana_nb import season as season_module
from paritrana_nb.cli import main
from paritrana_nb.engine import csv_bytes, score_counts, score_season
from paritrana_nb.methodology import default_methodology_path, load_methodology
from paritrana_nb.season import load_season

project = Path(sys.argv[1])
base = load_methodology(default_methodology_path(project / "params", 2025), musim=2025)
assert forking.can_fork(), "a fresh process forks"


def ranked(**kelompok):
    categories = {k: c.model_copy(update={"kelompok": kelompok.get(k, c.kelompok)}) for k, c in base.kategori.items()}
    return base.model_copy(update={"kategori": categories})


def joined(made):  # the CSV's bytes, made in one buffer or in chunks (outputs.Chunks), and its counts
    data, counts = made
    return b"".join(data) if isinstance(data, tuple) else data, counts


def one_process(found):
    scores = score_season(found.season, found.methodology, checked=found, keep=False)
    return csv_bytes(scores), score_counts(scores)


groupings = [
    {"pemda": "nasional", "desa": "nasional", "bu_besar_menengah": "nasional", "bu_kecil_mikro": "zona"},
    {"desa": "nasional"},  # a large category ranked nationally, between provincial ones
    {"pemda": "zona", "bu_kecil_mikro": "nasional"},
    {"desa": "zona", "bu_besar_menengah": "nasional"},
    {},  # provinces, and the governors' category by zone (last: the killed process below splits it)
]
for kelompok in groupings:
    score_csv.SPLIT_FROM = 10**9
    found = load_season(2025, project / "data", ranked(**kelompok)).registry
    expected = one_process(found)
    score_csv.SPLIT_FROM = 0
    split = score_csv._splits(found.season, found.methodology)
    if any(c.provincial for c in found.methodology.kategori.values()):
        assert split
        first, rest, taken = score_csv._halves(found)
        assert first and rest, (first, rest)
        order = found.methodology.categories()  # the forked process's groups come first in the CSV's order
        assert max(order.index(k) for k in first) <= min(order.index(k) for k in rest), (first, rest)
        assert all(max(first[k]) < min(rest[k]) for k in set(first) & set(rest)), (first, rest)
        assert 0 < taken < len(found.season.desa) + len(found.season.badan_usaha) + len(found.season.pemda)
    else:
        assert not split  # no ranking group within a province: one process
    assert joined(score_csv.season_score_csv(found)) == expected, kelompok
    print("split", kelompok)

# a cut inside a category: its first provinces' participants scored there, the others here, lines in the CSV's order
score_csv.FORKED_SHARE = 0.5
first, rest, _ = score_csv._halves(found, score_csv.FORKED_SHARE)
assert set(first) & set(rest), (first, rest)
assert joined(score_csv.season_score_csv(found)) == expected
score_csv.FORKED_SHARE = 0.56
print("shared")

# the forked process's lines sent through its pipe: they do not fit in the shared memory, or there is none
score_csv.SHARED_BASE, score_csv.LINE_ROOM = 100, 0
assert joined(score_csv.season_score_csv(found)) == expected
score_csv.SHARED_BASE, score_csv.LINE_ROOM = 1 << 24, 2048
of_size = forking.SharedBytes.of_size
forking.SharedBytes.of_size = lambda size: None
assert joined(score_csv.season_score_csv(found)) == expected
forking.SharedBytes.of_size = of_size
print("piped")

fork = forking.fork
forking.fork = lambda job: fork(lambda: os.kill(os.getpid(), signal.SIGKILL))
assert score_csv._splits(found.season, found.methodology)
assert joined(score_csv.season_score_csv(found)) == expected  # a killed forked process: its share done here
forking.fork = fork
print("killed")

parent, scored = os.getpid(), score_csv.score_season


def interrupted(*args, **kwargs):
    if os.getpid() == parent and args[2] is not None:  # this process's share of the provinces
        raise KeyboardInterrupt
    return scored(*args, **kwargs)


score_csv.score_season = interrupted
try:
    score_csv.season_score_csv(found)
except KeyboardInterrupt:
    assert not multiprocessing.active_children()  # the forked process was ended with it
    print("interrupted")
score_csv.score_season = scored

folder = Path(tempfile.mkdtemp())
shutil.copytree(project / "data" / "2025", folder / "2025", ignore=shutil.ignore_patterns(".cache"))
options = ["--data-dir", str(folder), "--params-dir", str(project / "params")]
score_csv.SPLIT_FROM = 10**9
assert main(["score", *options, "--no-cache", "--out", str(folder / "one.csv")]) == 0
score_csv.SPLIT_FROM = 0
splits, split = score_csv._splits, []
score_csv._splits = lambda *given: split.append(splits(*given)) or split[-1]
for name, cache in [("cold", []), ("warm", []), ("none", ["--no-cache"])]:
    assert main(["score", *options, *cache, "--out", str(folder / f"{name}.csv")]) == 0
    assert (folder / f"{name}.csv").read_bytes() == (folder / "one.csv").read_bytes(), name
assert len(split) == 2 and all(split), split  # cold and without cache split; warm: the CSV the cache keeps
print("command")

# an interview score for a participant no category has: registry.check's error, found while the forked process
# scores; it is stopped, nothing is written
interviews = folder / "2025" / "wawancara.csv"
lines = interviews.read_text(encoding="utf-8").splitlines()
kategori, id_peserta, rest = lines[1].split(",", 2)
interviews.write_text("".join(f"{line}{os.linesep}" for line in [*lines, f"{kategori},99.99,{rest}"]))
assert main(["score", *options, "--no-cache", "--lang", "en", "--out", str(folder / "bad.csv")]) == 1
assert len(split) == 3 and split[-1], split  # the forked process had been started
assert not multiprocessing.active_children() and not (folder / "bad.csv").exists()
# a village in a regency the official list does not have: an error of the checks across tables, found after the
# forked process started too
interviews.write_text("".join(f"{line}{os.linesep}" for line in lines))
villages = folder / "2025" / "desa.csv"
text = villages.read_text(encoding="utf-8")
header, first, rest = text.split(chr(10), 2)
cells = first.split(",")
cells[header.split(",").index("kode_wilayah")] = "61.99"
villages.write_text(chr(10).join([header, ",".join(cells), rest]), encoding="utf-8")
assert main(["score", *options, "--no-cache", "--lang", "en", "--out", str(folder / "bad.csv")]) == 1
assert len(split) == 4 and split[-1], split
assert not multiprocessing.active_children() and not (folder / "bad.csv").exists()
print("refused")

# the tables other than the largest read in a forked process, which scores their categories once it has: the same
# bytes, cold and without cache; when it is killed or fails, or its tables have an error, as without it
villages.write_text(text, encoding="utf-8")
season_module.READ_APART_FROM = 0
size = season_module._size  # the business file taken for the largest (here the interviews' is)
season_module._size = lambda path: 10**9 if path.name.startswith("badan_usaha") else size(path)
started, begin = [], score_csv.start
score_csv.start = lambda *given, **options: started.append(begin(*given, **options)) or started[-1]
for name, cache in [("cold", []), ("none", ["--no-cache"])]:
    shutil.rmtree(folder / "2025" / ".cache", ignore_errors=True)
    assert main(["score", *options, *cache, "--out", str(folder / f"read_{name}.csv")]) == 0
    assert (folder / f"read_{name}.csv").read_bytes() == (folder / "one.csv").read_bytes(), name
    assert started[-1].read == ["pemda", "desa", "pemprov"], started[-1].read  # scored by the reader
    assert started[-1].first, "and the businesses' first provinces by the other forked process"
score_csv.SHARED_BASE, score_csv.READ_ROOM = 100, 0  # the reader's lines do not fit: sent through its pipe
assert main(["score", *options, "--no-cache", "--out", str(folder / "read_piped.csv")]) == 0
assert (folder / "read_piped.csv").read_bytes() == (folder / "one.csv").read_bytes()
score_csv.SHARED_BASE, score_csv.READ_ROOM = 1 << 24, 64
forking.SharedBytes.of_size = lambda size: None  # no shared memory at all
assert main(["score", *options, "--no-cache", "--out", str(folder / "read_unshared.csv")]) == 0
assert (folder / "read_unshared.csv").read_bytes() == (folder / "one.csv").read_bytes()
forking.SharedBytes.of_size = of_size
lines_of = score_csv.reader_lines
killing, failing = (lambda *given: os.kill(os.getpid(), signal.SIGKILL)), (lambda *given: 1 / 0)
for name, failing in [("killed", killing), ("failed", failing)]:
    score_csv.reader_lines = failing
    assert main(["score", *options, "--no-cache", "--out", str(folder / f"read_{name}.csv")]) == 0
    assert (folder / f"read_{name}.csv").read_bytes() == (folder / "one.csv").read_bytes(), name
    assert started[-1].read and not multiprocessing.active_children()
score_csv.reader_lines = lines_of
villages.write_text(chr(10).join([header, ",".join(cells), rest]), encoding="utf-8")
assert main(["score", *options, "--no-cache", "--lang", "en", "--out", str(folder / "bad.csv")]) == 1
assert not multiprocessing.active_children() and not (folder / "bad.csv").exists()
season_module._size = lambda path: 10**9 if path.name.startswith("wawancara") else size(path)
villages.write_text(text, encoding="utf-8")
assert main(["score", *options, "--no-cache", "--out", str(folder / "read_interviews.csv")]) == 0
assert (folder / "read_interviews.csv").read_bytes() == (folder / "one.csv").read_bytes()
assert started[-1].read == [], "every category draws on the interviews: none is scored by the reader"
print("reader")
"""


def test_two_processes_write_the_bytes_one_writes() -> None:
    """National, zone and provincial groupings; a category split between the processes; a killed forked process;
    Ctrl-C here ends the forked process; the command cold, warm and without cache; the categories of the tables read
    apart scored by their reader (killed, failing: done here)."""
    done = subprocess.run(
        [sys.executable, "-c", _SPLIT, str(PROJECT)], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("split") == 5 and "command" in done.stdout
    assert "killed" in done.stdout and "interrupted" in done.stdout and "piped" in done.stdout
    assert "refused" in done.stdout and "99.99" in done.stderr  # the error, told
    assert "reader" in done.stdout and "shared" in done.stdout


def _registry(methodology: Methodology, cache: SeasonCache | None = None) -> Registry:
    loaded = load_season(2025, PROJECT / "data", methodology, cache)
    assert loaded.registry is not None, loaded.report.render("en")
    return loaded.registry


def _one_process(found: Registry) -> tuple[bytearray, tuple[int, int]]:
    scores = score_season(found.season, found.methodology, checked=found, keep=False)
    return csv_bytes(scores), score_counts(scores)


def test_the_halves_share_the_participants(default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each provincial ranking group falls to one of the two processes, the forked one's about the share asked for
    (of every participant, those ranked wider counted in: this process scores them): within one group's size."""
    found = _registry(default_methodology)
    monkeypatch.setattr(score_csv, "SPLIT_FROM", 0)
    monkeypatch.setattr(forking, "can_fork", lambda: True)  # nothing is forked here
    assert score_csv._splits(found.season, found.methodology)
    first, rest, taken = score_csv._halves(found, 0.5)
    groups = {
        (kategori, str(code)): count
        for frame in found.rows.values()
        for (kategori, code), count in frame.groupby(["kategori", "kode_provinsi"]).size().items()
    }
    ranked_wider = sum(count for (kategori, _), count in groups.items() if kategori not in first | rest)
    theirs = [groups[k, code] for k, codes in first.items() for code in codes]
    mine = [groups[k, code] for k, codes in rest.items() for code in codes]
    assert sum(theirs) == taken and sum(theirs) + sum(mine) + ranked_wider == sum(groups.values())
    # the groups taken in order until about half the work (the participants ranked wider are this process's)
    assert abs(taken - (sum(groups.values()) - taken)) <= max(groups.values())


def test_the_split_takes_the_provinces_whose_sum_is_nearest_half() -> None:
    assert score_csv.split_point(np.array([10, 10, 50, 30]), 50) == 3  # 70 against 30, not 20 against 80
    assert score_csv.split_point(np.array([10, 10, 20, 60]), 50) == 3  # 40 against 60
    assert score_csv.split_point(np.array([90, 5, 5]), 50) == 1  # at least one province each side
    assert score_csv.split_point(np.array([1, 1, 98]), 50) == 2


def test_small_seasons_one_core_or_no_forking_stay_in_one_process(
    default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _registry(default_methodology)
    monkeypatch.setattr(forking, "can_fork", lambda: True)
    assert not score_csv._splits(found.season, found.methodology)  # 301 participants: below SPLIT_FROM
    monkeypatch.setattr(score_csv, "SPLIT_FROM", 0)
    monkeypatch.setattr(score_csv.os, "cpu_count", lambda: 1)
    assert not score_csv._splits(found.season, found.methodology)
    monkeypatch.setattr(score_csv.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    assert not score_csv._splits(found.season, found.methodology)
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
