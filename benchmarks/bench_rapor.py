"""Benchmark: `paritrana rapor` over a generated national season (issue 14: every card, gaps and intervals included,
< 10 min with 2 jobs, < 3 GB peak, average card < 12 KB).

Runs what the command runs, in this process (load and validate, data.prepare_cards, batch.write_cards with
--jobs), and prints per stage the wall time and the CPU time of this process and its workers (user + system:
on a machine shared with other jobs the wall clock also counts their turns), the time per card, the share of
each part (scoring, intervals, gaps, card values, rendering, writing), the peak memory of the whole process tree
(the sum of every process's proportional set size, sampled every 0.5 s: pages the forked workers share with the
parent count once) and the average card size. Run by hand: `.venv/bin/python benchmarks/bench_rapor.py
[--data-dir DIR] [--jobs 2] [--draws 1000] [--province 61 ...]` (without --data-dir it generates the national
season in a temporary folder first; --province renders only those provinces' cards).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

from paritrana_nb.methodology import default_methodology_path, load_methodology
from paritrana_nb.rapor.batch import write_cards
from paritrana_nb.rapor.data import prepare_cards, previous_season
from paritrana_nb.season import load_season
from paritrana_nb.synthetic import generate_season
from paritrana_nb.uncertainty import DEFAULT_DRAWS, DEFAULT_SEED

PROJECT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 600
TARGET_PEAK_MB = 3072
TARGET_CARD_KB = 12
SAMPLE_SECONDS = 0.5


def _tree(pid: int) -> list[int]:
    """`pid` and every descendant (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class PeakSampler(threading.Thread):
    """The largest sum of PSS over this process tree seen while running, and the CPU seconds the sampling took
    (reading /proc/<pid>/smaps_rollup of a large process is not free; the figures leave it out)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.cpu = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            start = time.thread_time()
            self.peak = max(self.peak, sum(_pss_mb(pid) for pid in _tree(os.getpid())))
            self.cpu += time.thread_time() - start

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.peak


def cpu_seconds(sampler: PeakSampler) -> float:
    """User + system CPU seconds of this process and of its children that have ended, without the sampler's."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime - sampler.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="holds <season>/ (default: generate one)")
    parser.add_argument("--params-dir", type=Path, default=PROJECT / "params")
    parser.add_argument("--season", type=int, default=2025)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--draws", type=int, default=DEFAULT_DRAWS)
    parser.add_argument("--out", type=Path, default=None, help="cards folder (default: a temporary folder)")
    parser.add_argument("--province", nargs="*", default=None, help="only these provinces' cards (codes)")
    parser.add_argument(
        "--prepare-only", action="store_true", help="stop after the season-wide part (scores, intervals, gaps)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(scratch) / "data"
            generate_season(data_dir / str(args.season), musim=args.season, scale="national", seed=2025)
        out = args.out or Path(scratch) / "rapor"
        sampler = PeakSampler()
        sampler.start()
        start, cpu_start = time.perf_counter(), cpu_seconds(sampler)
        path = default_methodology_path(args.params_dir, args.season)
        methodology = load_methodology(path, musim=args.season)
        result = load_season(args.season, data_dir, methodology)
        assert result.season is not None, result.report.render("en")
        loaded, cpu_loaded = time.perf_counter(), cpu_seconds(sampler)
        cards = prepare_cards(
            result.season,
            methodology,
            path,
            result.report,
            provinces=args.province,
            previous=previous_season(args.season, data_dir, args.params_dir),
            draws=args.draws,
            seed=DEFAULT_SEED,
            jobs=args.jobs,
        )
        prepared, cpu_prepared = time.perf_counter(), cpu_seconds(sampler)
        if args.prepare_only:
            sampler.stop()
            print(f"participants: {len(cards.selected):,}, --jobs {args.jobs}, {args.draws} draws")
            print(f"load + validate: {loaded - start:.1f} s wall, {cpu_loaded - cpu_start:.1f} s CPU")
            print(f"prepare: {prepared - loaded:.1f} s wall, {cpu_prepared - cpu_loaded:.1f} s CPU; {cards.timings}")
            print(f"peak memory (PSS, process tree): {sampler.peak:,.0f} MB")
            return
        written = write_cards(cards, out, "id", args.jobs)
        total, cpu_total = time.perf_counter() - start, cpu_seconds(sampler) - cpu_start
        peak = sampler.stop()
        load = os.getloadavg()[0]
    count = written.cards
    print(f"cards: {count:,} ({len(written.indexes)} index pages), --jobs {args.jobs}, {args.draws} draws")
    print(f"load average at the end: {load:.1f} on {os.cpu_count()} cores")
    print(
        f"total: {total:.1f} s wall (target < {TARGET_SECONDS} s), {cpu_total:.1f} s CPU; "
        f"{1000 * total / count:.2f} ms wall per card"
    )
    print(f"  load + validate: {loaded - start:.1f} s wall, {cpu_loaded - cpu_start:.1f} s CPU")
    print(
        f"  prepare: {prepared - loaded:.1f} s wall, {cpu_prepared - cpu_loaded:.1f} s CPU "
        "(intervals and gaps side by side)"
    )
    for part in ("scoring", "intervals", "gaps", "preparing"):
        print(f"    {part}: {cards.timings.get(part, 0.0):.1f} s wall")
    print(
        f"  cards and indexes: {total - (prepared - start):.1f} s wall, "
        f"{cpu_total - (cpu_prepared - cpu_start):.1f} s CPU"
    )
    worker = sum(written.timings[p] for p in ("views", "rendering", "writing"))
    for part in ("views", "rendering", "writing"):
        seconds = written.timings[part]
        print(
            f"    {part}: {seconds:.1f} s CPU summed over workers ({100 * seconds / worker:.0f} %), "
            f"{1000 * seconds / count:.3f} ms CPU per card"
        )
    print(f"    index pages: {written.timings['indexes']:.1f} s wall")
    print(f"    commit (every page renamed into place): {written.timings['commit']:.1f} s wall")
    print(f"peak memory (PSS, process tree): {peak:,.0f} MB (target < {TARGET_PEAK_MB} MB)")
    print(f"average card: {written.bytes / count / 1024:.2f} KB (target < {TARGET_CARD_KB} KB)")
    if total > TARGET_SECONDS or peak > TARGET_PEAK_MB or written.bytes / count / 1024 > TARGET_CARD_KB:
        print("TARGET MISSED")


if __name__ == "__main__":
    main()
