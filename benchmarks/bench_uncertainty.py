"""Benchmark: rank uncertainty over the 83,762 villages of a national season (issue 5: <= 3x a bare argsort, < 1.5 GB).

In one run: times a bare `np.argsort(matrix, axis=1)` over a random float64 draws x villages matrix, then
`rank_uncertainty` over the desa category with the same number of draws (ranked within provinces), prints the
ratio; measures the peak RSS of the uncertainty call in a fresh process; times the full season (all categories).
Run by hand: `.venv/bin/python benchmarks/bench_uncertainty.py [--data-dir DIR] [--draws 1000]`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
from memory import peak_mb, reset_peak, rss_mb  # benchmarks/memory.py (scripts run with benchmarks/ on sys.path)

from paritrana_nb.engine import SeasonScores, score_season
from paritrana_nb.methodology import default_methodology_path, load_methodology
from paritrana_nb.season import read_season
from paritrana_nb.synthetic import generate_season
from paritrana_nb.uncertainty import DEFAULT_SEED, Perturbation, draw_ranks, rank_uncertainty

PROJECT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 3.0
TARGET_PEAK_MB = 1536
T = TypeVar("T")


def _scores(data_dir: Path, season: int, params_dir: Path, categories: list[str] | None) -> SeasonScores:
    methodology = load_methodology(default_methodology_path(params_dir, season), musim=season)
    return score_season(read_season(season, data_dir), methodology, categories=categories)


def _child(args: argparse.Namespace) -> None:
    """In a fresh process: load and score, then the peak RSS of `rank_uncertainty` alone (VmHWM reset before it;
    without /proc, ru_maxrss covers the whole run). Prints JSON."""
    scores = _scores(args.data_dir, args.season, args.params_dir, args.categories)
    gc.collect()
    before = rss_mb("VmRSS") or float("nan")
    reset = reset_peak()
    rank_uncertainty(scores, args.draws, DEFAULT_SEED)
    peak = peak_mb(reset)
    print(json.dumps({"before_mb": before, "peak_mb": peak, "reset": reset}))


def _peak(args: argparse.Namespace, data_dir: Path, categories: list[str] | None) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        "--data-dir",
        str(data_dir),
        "--season",
        str(args.season),
        "--params-dir",
        str(args.params_dir),
        "--draws",
        str(args.draws),
    ]
    if categories:
        command += ["--categories", *categories]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _timed(function: Callable[..., T], *arguments: object, **keywords: object) -> tuple[float, T]:
    gc.collect()
    started = time.perf_counter()
    result = function(*arguments, **keywords)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="folder holding <season>/ (default: generate a national one)")
    parser.add_argument("--season", type=int, default=2025)
    parser.add_argument("--params-dir", type=Path, default=PROJECT / "params")
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--skip-full", action="store_true", help="do not time the full season")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--categories", nargs="*", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(tmp)
            started = time.perf_counter()
            generate_season(data_dir / str(args.season), musim=args.season, scale="national", seed=2025)
            print(f"generated the national season in {time.perf_counter() - started:.1f} s", flush=True)
        desa_rss = _peak(args, data_dir, ["desa"])
        desa = _scores(data_dir, args.season, args.params_dir, ["desa"])
        villages = len(desa.peserta)
        groups = desa.peserta["kelompok"].nunique()

        matrix = np.random.default_rng(0).random((args.draws, villages))
        argsort_seconds, _ = _timed(np.argsort, matrix, axis=1)
        del matrix
        uncertainty_seconds, result = _timed(rank_uncertainty, desa, args.draws, DEFAULT_SEED)
        unperturbed = draw_ranks(desa, 3, perturbation=Perturbation.none())
        nominal = desa.peserta["peringkat"].to_numpy(dtype=np.float64, na_value=0).astype(np.int64)
        exact = bool((unperturbed == nominal).all())
        ties = int(result.peserta["seri_statistik"].fillna(False).sum())
        del desa, result, unperturbed

        full_figures = []
        if not args.skip_full:
            full = _scores(data_dir, args.season, args.params_dir, None)
            full_seconds, _ = _timed(rank_uncertainty, full, args.draws, DEFAULT_SEED)
            full_rss = _peak(args, data_dir, None)
            full_figures = [
                (f"full season ({len(full.peserta):,} participants)", f"{full_seconds:.2f} s for {args.draws} draws"),
                (
                    "peak RSS, full season (fresh process)",
                    f"{full_rss['peak_mb']:.0f} MB, of which {full_rss['before_mb']:.0f} MB resident before",
                ),
            ]

    ratio = uncertainty_seconds / argsort_seconds
    figures = [
        ("machine", f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, numpy {np.__version__}"),
        ("villages (desa), ranking groups", f"{villages:,}, {groups}"),
        (f"bare np.argsort of {args.draws} x {villages:,} float64", f"{argsort_seconds:.2f} s"),
        (f"rank_uncertainty, desa, {args.draws} draws", f"{uncertainty_seconds:.2f} s"),
        ("ratio (target <= 3)", f"{ratio:.2f}x {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}"),
        (
            "peak RSS of rank_uncertainty, desa (fresh process)",
            (
                f"{desa_rss['peak_mb']:.0f} MB, of which {desa_rss['before_mb']:.0f} MB resident before "
                f"(target < {TARGET_PEAK_MB} MB; "
                f"{'VmHWM reset before the call' if desa_rss['reset'] else 'ru_maxrss'}) "
                f"{'OK' if desa_rss['peak_mb'] < TARGET_PEAK_MB else 'OVER TARGET'}"
            ),
        ),
        ("unperturbed draws equal the engine's ranks", "yes" if exact else "NO"),
        ("villages marked as statistical ties", f"{ties:,}"),
        *full_figures,
    ]
    width = max(len(name) for name, _ in figures)
    for name, value in figures:
        print(f"{name:<{width}}  {value}")
    if not exact:
        sys.exit(1)


if __name__ == "__main__":
    main()
