"""Benchmark: whole commands on the national season against a plain pandas script and the I/O floor (issue 15).

Measured in one run, each in a fresh process (wall time from the start of the interpreter; peak memory: the larger
of its peak RSS and the sum of Pss over it and the processes it forks, sampled every 50 ms):
- the reference: `benchmarks/reference_score.py`, a straightforward pandas script of the same methodology;
- the I/O floor: pyarrow reading the five input CSVs and writing the score CSV (as pyarrow reads it back);
- `paritrana score` cold (an empty cache folder) and warm (the cache it left), `paritrana validate` cold;
- writing the score CSV alone (`write_scores_csv`, best of 3, in this process);
- with --gaps, `paritrana gaps` over the whole season (minutes).
The reference's ranks must equal `paritrana score`'s (exit 1 otherwise). Targets: score cold <= 0.33x the
reference and < 1 GB, warm < 2 s; validate cold < 3 s; the CSV written in < 1 s; gaps < 20 s and < 1.5 GB.

    .venv/bin/python benchmarks/bench_commands.py [--data-dir DIR] [--gaps]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
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


def _run(kind: str, target: str, *argv: str) -> tuple[float, float, str]:
    """(seconds, peak memory in MB, standard output) of one fresh process; fails on a non-zero exit. The peak is the
    larger of the process's own peak RSS and the largest sum of Pss over it and its forked helpers (sampled)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        rss_file = Path(handle.name)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", _LAUNCH, str(rss_file), kind, target, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=PROJECT,
    )
    sampler = TreePeak(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    tree_peak = sampler.stop()
    if process.returncode != 0:
        sys.exit(f"{target} {' '.join(argv)} failed ({process.returncode}):\n{stderr[-3000:]}")
    rss = json.loads(rss_file.read_text() or "0")
    rss_file.unlink()
    return seconds, max(rss, tree_peak), stdout


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
    args = parser.parse_args()
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
        cache = ["--cache-dir", str(tmp / "cache")]
        rows: list[tuple[str, float, float]] = []

        ref = _run("script", str(PROJECT / "benchmarks" / "reference_score.py"), *common, "--out", str(tmp / "ref.csv"))
        rows.append(("reference pandas script", ref[0], ref[1]))
        cold = _run("-m", "paritrana_nb.cli", "score", *common, *cache, "--out", str(tmp / "skor.csv"))
        rows.append(("paritrana score, cold", cold[0], cold[1]))
        warm = _run("-m", "paritrana_nb.cli", "score", *common, *cache, "--out", str(tmp / "skor_warm.csv"))
        rows.append(("paritrana score, warm", warm[0], warm[1]))
        floor_run = _run("script", str(_floor_script(tmp)), str(folder), str(tmp / "skor.csv"), str(tmp / "floor.csv"))
        floor = float(floor_run[2].strip().splitlines()[-1])
        rows.append(("I/O floor (pyarrow read + write)", floor, floor_run[1]))
        validate = _run("-m", "paritrana_nb.cli", "validate", *common, "--cache-dir", str(tmp / "fresh"))
        rows.append(("paritrana validate, cold", validate[0], validate[1]))
        if args.gaps:
            gaps = _run("-m", "paritrana_nb.cli", "gaps", *common, *cache, "--out", str(tmp / "gaps.csv"))
            rows.append(("paritrana gaps, warm season", gaps[0], gaps[1]))
        write = _write_seconds(data_dir, args.season, tmp / "cache", tmp / "again.csv")
        same = (
            (tmp / "skor.csv").read_bytes() == (tmp / "skor_warm.csv").read_bytes() == (tmp / "again.csv").read_bytes()
        )
        mismatches = int((_ranks(tmp / "ref.csv") != _ranks(tmp / "skor.csv")).fillna(True).sum())

    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, pandas {pd.__version__}")
    print(f"{'':34} {'seconds':>8} {'peak MB':>8} {'x reference':>12} {'x floor':>8}")
    for name, seconds, rss in rows:
        print(f"{name:34} {seconds:8.2f} {rss:8.0f} {seconds / ref[0]:12.2f} {seconds / floor:8.1f}")
    print(f"{'write_scores_csv alone (best of 3)':34} {write:8.2f}")
    print("targets: score cold <= 0.33x reference and < 1024 MB; warm < 2 s; validate < 3 s; CSV < 1 s; gaps < 20 s")
    print(
        f"score CSV cold = warm = rewritten: {'yes' if same else 'NO'}; ranks equal to the reference's: "
        + ("yes" if mismatches == 0 else f"NO, {mismatches} differ")
    )
    if mismatches or not same:
        sys.exit(1)


def _floor_script(tmp: Path) -> Path:
    path = tmp / "floor.py"
    path.write_text(_FLOOR, encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
