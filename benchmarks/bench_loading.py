"""Benchmark: read and validate a national-scale season (issue 2 target: under 20 s on 2 cores).

Generates the season with the seeded generator (or reuses --season-dir), then times
`load_season` over several runs and reports the best and the median, rows and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from paritrana_nb.season import load_season
from paritrana_nb.synthetic import generate_season


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="folder holding <season>/ (default: generate one)")
    parser.add_argument("--season", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(tmp)
            started = time.perf_counter()
            counts = generate_season(data_dir / str(args.season), musim=args.season, scale="national", seed=2025)
            print(f"generated national season in {time.perf_counter() - started:.1f} s: {counts}")
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = load_season(args.season, data_dir)
            timings.append(time.perf_counter() - started)
        season = result.season
        assert season is not None, result.report.render("en")
        rows = {name: len(getattr(season, name)) for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara")}
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"rows: {rows}")
        print(f"problems: {len(result.report.errors)} errors, {len(result.report.warnings)} warnings")
        print(
            f"load_season: best {min(timings):.2f} s, median {statistics.median(timings):.2f} s "
            f"over {args.repeat} runs (target < 20 s); peak RSS {peak_mb:.0f} MB"
        )


if __name__ == "__main__":
    main()
