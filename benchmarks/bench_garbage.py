"""Benchmark: `paritrana validate` on a season whose desa table is 1,000,000 rows of garbage (issue 10, item 11:
under 30 s and 1 GB; before the problem cap it took 252 s and 5.0 GB for 12.9 M problems).

Generates the Kalimantan season with the seeded generator, replaces desa.csv with random six-letter words in
every cell (about 13 problems per row; every cell a different word, or words drawn from --vocabulary), runs the
real command in a child process and prints its wall and CPU time, peak resident memory and its last lines.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from paritrana_nb.schema import DESA
from paritrana_nb.synthetic import generate_season


def garbage_csv(path: Path, rows: int, seed: int, vocabulary: int) -> None:
    """desa.csv with the right header and `rows` rows of random lowercase six-letter words (all different, or
    drawn from `vocabulary` words when it is not 0)."""
    rng = np.random.default_rng(seed)
    columns = len(DESA.columns)
    shape = (vocabulary or rows * columns, 7)
    words = rng.integers(ord("a"), ord("z") + 1, size=shape, dtype=np.uint8)
    if vocabulary:
        words = words[rng.integers(0, vocabulary, size=rows * columns)]
    letters = words.reshape(rows, columns * 7)
    letters[:, 6::7] = ord(",")
    letters[:, -1] = ord("\n")
    path.write_bytes((",".join(DESA.column_names) + "\n").encode() + letters.tobytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--season", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument(
        "--vocabulary",
        type=int,
        default=0,
        help="draw the cells from this many different words (default 0: every cell different)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / str(args.season)
        generate_season(folder, musim=args.season, scale="kalimantan", seed=args.seed)
        garbage_csv(folder / "desa.csv", args.rows, args.seed, args.vocabulary)
        size_mb = (folder / "desa.csv").stat().st_size / 1e6
        command = [
            sys.executable,
            "-m",
            "paritrana_nb.cli",
            "validate",
            "--season",
            str(args.season),
            "--data-dir",
            tmp,
            "--lang",
            "en",
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("\n".join(done.stdout.splitlines()[-3:]))
    if done.stderr:
        print(done.stderr[-2000:])
    words = f"{args.vocabulary:,} words" if args.vocabulary else "all different"
    print(
        f"validate over {args.rows:,} garbage desa rows ({words}, {size_mb:.0f} MB): exit {done.returncode}, "
        f"{seconds:.1f} s wall, {usage.ru_utime + usage.ru_stime:.1f} s CPU, "
        f"peak RSS {usage.ru_maxrss / 1024:.0f} MB "
        "(target < 30 s, < 1024 MB)"
    )


if __name__ == "__main__":
    main()
