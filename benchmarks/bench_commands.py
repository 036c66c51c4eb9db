"""Benchmark: whole commands on the national season against a plain pandas script and the I/O floor (issue 15).

Measured in one run, each in a fresh process (wall time from the start of the interpreter). Peak memory: the larger
of the timed runs' own peak RSS and, from one more round whose times are not used, the sum of Pss over each command
and the processes it forks, sampled every 50 ms (reading a large process's smaps slows it: 0.1-1.0 s on a cold
score, 0-0.3 s on the reference, so the timed runs are not sampled):
- the reference: `benchmarks/reference_score.py`, a straightforward pandas script of the same methodology;
- the I/O floor: pyarrow reading the five input CSVs and writing the score CSV (as pyarrow reads it back);
- `paritrana score` cold (an empty cache folder) and warm (the cache it left), `paritrana validate` cold;
- writing the score CSV alone (`write_scores_csv`, best of 3, in this process);
- with --gaps, `paritrana gaps` over the whole season (minutes).
Before each command, what the ones before wrote is flushed to disk (`os.sync`): the score CSV is written with an
fsync, which otherwise also waited for the reference's 80 MB still being written back.
With --rounds N, every command runs N times, interleaved round by round (this machine's speed drifts within
minutes): the medians and ranges are printed, and each ratio is the median of the rounds' own ratios. Processor
time (user + system, of each command's process and the helpers it forks) is printed beside the wall-clock time,
with its own ratio to the reference's: the steadier figure of the work done where the machine's speed drifts.
The least wall-clock time cold `score`'s processor time allows on this machine's cores (half of it on two) is
printed as a ratio to the reference's too: a target below it needs less work, not more parallel work.
The reference's ranks must equal `paritrana score`'s (exit 1 otherwise). Targets: score cold <= 0.33x the
reference and < 1 GB, warm < 2 s; validate cold < 3 s; the CSV written in < 1 s; gaps < 20 s and < 1.5 GB.

    .venv/bin/python benchmarks/bench_commands.py [--data-dir DIR] [--gaps] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from installed import compile_package  # benchmarks/installed.py
from memory import TreePeak  # benchmarks/memory.py (scripts run with benchmarks/ on sys.path)

PROJECT = Path(__file__).resolve().parent.parent
TABLES = ("wilayah", "pemda", "desa", "badan_usaha", "wawancara")

# Runs a module (-m NAME) or a script in this interpreter and writes its peak RSS (MB) to a file at exit.
_LAUNCH = """
import atexit, json, resource, runpy, sys
out, kind, target, *argv = sys.argv[1:]
atexit.register(lambda: open(out, "w").write(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
sys.argv = [target, *argv]
runpy.run_module(target, run_name="__main__") if kind == "-m" else runpy.run_path(target, run_name="__main__")
"""

_FLOOR = """
import sys, time
from pathlib import Path
import pyarrow.csv as pa_csv
folder, scores, out = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
table = pa_csv.read_csv(scores)  # not timed: the table to write
started = time.perf_counter()
for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara"):
    pa_csv.read_csv(folder / f"{name}.csv")
pa_csv.write_csv(table, out)
print(time.perf_counter() - started)
"""


class Timed(NamedTuple):
    """One command's run: wall-clock seconds, peak memory (MB), processor seconds (user + system, the process and
    the helpers it forked and waited for; None for the I/O floor, whose time is its own timer's) and its output."""

    seconds: float
    peak: float
    processor: float | None
    stdout: str = ""


def _run(kind: str, target: str, *argv: str, sampled: bool = False) -> Timed:
    """One fresh process, timed; fails on a non-zero exit. The peak is the process's own peak RSS, and with
    `sampled` the larger of that and the largest sum of Pss over it and its forked helpers (sampled every 50 ms,
    which slows the process)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        rss_file = Path(handle.name)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))}
    os.sync()  # the files the command before wrote are on disk: its writes are not waited for in this one's fsync
    used = _children_processor_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", _LAUNCH, str(rss_file), kind, target, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=PROJECT,
    )
    sampler = TreePeak(process.pid) if sampled else None
    if sampler is not None:
        sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    used = _children_processor_seconds() - used
    tree_peak = sampler.stop() if sampler is not None else 0.0
    if process.returncode != 0:
        sys.exit(f"{target} {' '.join(argv)} failed ({process.returncode}):\n{stderr[-3000:]}")
    rss = json.loads(rss_file.read_text() or "0")
    rss_file.unlink()
    return Timed(seconds, max(rss, tree_peak), used, stdout)


def _children_processor_seconds() -> float:
    """User + system seconds of this process's ended children (and of theirs they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ranks(path: Path) -> pd.Series:
    table = pd.read_csv(path, dtype={"id_peserta": str}, usecols=["kategori", "id_peserta", "peringkat"])
    return table.set_index(["kategori", "id_peserta"])["peringkat"].astype("Int64").sort_index()


def _write_seconds(data_dir: Path, season: int, cache_dir: Path, out: Path) -> float:
    """Best of 3 of writing the score CSV, the season and scores taken from the cache `paritrana score` left."""
    from paritrana_nb.cache import SeasonCache
    from paritrana_nb.engine import score_season, write_scores_csv
    from paritrana_nb.methodology import default_methodology_path, load_methodology
    from paritrana_nb.season import load_season, season_folder

    methodology = load_methodology(default_methodology_path(PROJECT / "params", season), musim=season)
    cache = SeasonCache.for_season(season_folder(data_dir, season), cache_dir)
    loaded = load_season(season, data_dir, methodology, cache).season
    assert loaded is not None
    scores = score_season(loaded, methodology)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        write_scores_csv(scores, out)
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, help="folder holding <season>/ (default: generate the national one)")
    parser.add_argument("--season", type=int, default=2025)
    parser.add_argument("--gaps", action="store_true", help="also time `paritrana gaps` over the whole season")
    parser.add_argument(
        "--rounds", type=int, default=1, help="run every command this many times, interleaved (medians are printed)"
    )
    args = parser.parse_args()
    compile_package()  # timed as installed: no module compiled from source on each run
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data_dir = args.data_dir
        if data_dir is None:
            from paritrana_nb.synthetic import generate_season

            data_dir = tmp / "data"
            generate_season(data_dir / str(args.season), musim=args.season, scale="national", seed=2025)
        data_dir = data_dir.resolve()
        folder = data_dir / str(args.season)
        common = ["--season", str(args.season), "--data-dir", str(data_dir)]
        rounds = [_round(tmp / f"round{i}", folder, common, args.gaps) for i in range(args.rounds)]
        memory = _round(tmp / "memory", folder, common, args.gaps, sampled=True)  # its times are not used
        last = tmp / f"round{args.rounds - 1}"
        write = _write_seconds(data_dir, args.season, last / "cache", last / "again.csv")
        same = all(
            (r / "skor.csv").read_bytes() == (r / "skor_warm.csv").read_bytes() == (last / "again.csv").read_bytes()
            for r in (tmp / f"round{i}" for i in range(args.rounds))
        )
        mismatches = int((_ranks(last / "ref.csv") != _ranks(last / "skor.csv")).fillna(True).sum())

    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, pandas {pd.__version__}")
    print(
        f"{len(rounds)} round(s), each in this order; medians (range); the ratios are each round's, then their median"
    )
    print(
        f"{'':34} {'seconds':>8} {'range':>13} {'peak MB':>8} {'x reference':>12} {'x floor':>8}"
        f" {'CPU s':>6} {'CPU x ref':>9}"
    )
    reference = "reference pandas script"
    for name in rounds[0]:
        seconds = [r[name].seconds for r in rounds]
        to_ref = statistics.median(r[name].seconds / r[reference].seconds for r in rounds)
        to_floor = statistics.median(r[name].seconds / r[_FLOOR_ROW].seconds for r in rounds)
        spread = f"{min(seconds):.2f}-{max(seconds):.2f}"
        peak = max(r[name].peak for r in [*rounds, memory])
        processor = _processor_columns([(r[name].processor, r[reference].processor) for r in rounds])
        print(
            f"{name:34} {statistics.median(seconds):8.2f} {spread:>13} {peak:8.0f} {to_ref:12.2f} {to_floor:8.1f}"
            f" {processor}"
        )
    print(f"{'write_scores_csv alone (best of 3)':34} {write:8.2f}")
    print(_two_core_bound(rounds, "paritrana score, cold", reference))
    print("targets: score cold <= 0.33x reference and < 1024 MB; warm < 2 s; validate < 3 s; CSV < 1 s; gaps < 20 s")
    print(
        f"score CSV cold = warm = rewritten: {'yes' if same else 'NO'}; ranks equal to the reference's: "
        + ("yes" if mismatches == 0 else f"NO, {mismatches} differ")
    )
    if mismatches or not same:
        sys.exit(1)


_FLOOR_ROW = "I/O floor (pyarrow read + write)"


def _round(tmp: Path, folder: Path, common: list[str], gaps: bool, sampled: bool = False) -> dict[str, Timed]:
    """One round of every command, in a fresh folder (an empty cache first): (seconds, peak MB) by row name; with
    `sampled`, each process tree's memory is sampled too (`_run`)."""
    tmp.mkdir()
    cache = ["--cache-dir", str(tmp / "cache")]
    cli = ("-m", "paritrana_nb.cli")
    reference = str(PROJECT / "benchmarks" / "reference_score.py")
    rows: dict[str, Timed] = {}
    rows["reference pandas script"] = _run("script", reference, *common, "--out", str(tmp / "ref.csv"), sampled=sampled)
    cold, warm = ["--out", str(tmp / "skor.csv")], ["--out", str(tmp / "skor_warm.csv")]
    rows["paritrana score, cold"] = _run(*cli, "score", *common, *cache, *cold, sampled=sampled)
    rows["paritrana score, warm"] = _run(*cli, "score", *common, *cache, *warm, sampled=sampled)
    floor_files = (str(folder), str(tmp / "skor.csv"), str(tmp / "floor.csv"))
    floor_run = _run("script", str(_floor_script(tmp)), *floor_files, sampled=sampled)
    rows[_FLOOR_ROW] = Timed(float(floor_run.stdout.strip().splitlines()[-1]), floor_run.peak, None)
    fresh = ["--cache-dir", str(tmp / "fresh")]
    rows["paritrana validate, cold"] = _run(*cli, "validate", *common, *fresh, sampled=sampled)
    if gaps:
        out = str(tmp / "gaps.csv")
        rows["paritrana gaps, warm season"] = _run(*cli, "gaps", *common, *cache, "--out", out, sampled=sampled)
    return rows


def _two_core_bound(rounds: list[dict[str, Timed]], name: str, reference: str) -> str:
    """The least wall-clock time the command's processor time allows on this machine's cores (half of it on two: no
    split of the work ends sooner), as a ratio to the reference's time, the median of the rounds': what tells a
    miss that more parallel work could close from one that needs less work."""
    cores = os.cpu_count() or 1
    ratios = [r[name].processor / cores / r[reference].seconds for r in rounds if r[name].processor is not None]
    if not ratios:
        return f"{name}: no processor time measured"
    bound = statistics.median(ratios)
    return f"{name}: processor time / {cores} cores = {bound:.2f}x the reference's time, the least this work can take"


def _processor_columns(pairs: list[tuple[float | None, float | None]]) -> str:
    """The median processor seconds of a command and the median of its rounds' ratios to the reference's ("-" for
    the floor, timed by its own timer): on a machine whose speed drifts, the steadier comparison of the work done."""
    known = [(used, ref) for used, ref in pairs if used is not None and ref]
    if not known:
        return f"{'-':>6} {'-':>9}"
    used = statistics.median(u for u, _ in known)
    return f"{used:6.2f} {statistics.median(u / r for u, r in known if r):9.2f}"


def _floor_script(tmp: Path) -> Path:
    path = tmp / "floor.py"
    path.write_text(_FLOOR, encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
