"""Benchmark: the naive report pipeline against `paritrana run --all` (issue 4 target: >= 3x for 38 provinces).

Naive: for each province, the papermill command line on laporan_provinsi.ipynb, then
`jupyter nbconvert --to html --no-input`, one after the other (each kernel loads and scores the
whole season itself). Also measures the floor per report: starting a kernel and importing the
report's libraries.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

from paritrana_nb.season import read_season
from paritrana_nb.synthetic import generate_season

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "laporan_provinsi.ipynb"
IMPORTS = "import pandas, numpy, matplotlib, IPython.display\nimport paritrana_nb.report.province"


def kernel_floor(repeat: int = 3) -> float:
    """Median seconds to start a kernel, import the report's libraries and shut it down."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        manager, client = start_new_kernel(kernel_name="python3")
        client.execute_interactive(IMPORTS, timeout=120)
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def naive(data_dir: Path, codes: list[str], out: Path) -> float:
    """Seconds for the papermill CLI + nbconvert CLI per province, sequentially."""
    started = time.perf_counter()
    for code in codes:
        executed = out / f"{code}.ipynb"
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(NOTEBOOK),
                str(executed),
                "-p",
                "musim",
                "2025",
                "-r",
                "provinsi",
                code,
                "-p",
                "data_dir",
                str(data_dir),
                "-p",
                "params_dir",
                str(ROOT / "params"),
                "--log-level",
                "ERROR",
                "--no-progress-bar",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - started


def workbook(data_dir: Path, out: Path, jobs: int) -> float:
    """Seconds for `paritrana run --all` (every province, the national report and the index)."""
    started = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "paritrana"),
            "run",
            "--season",
            "2025",
            "--all",
            "--data-dir",
            str(data_dir),
            "--params-dir",
            str(ROOT / "params"),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def compare(label: str, data_dir: Path, jobs: int) -> None:
    codes = read_season(2025, data_dir).provinces["kode_wilayah"].tolist()
    with tempfile.TemporaryDirectory() as tmp:
        fast = workbook(data_dir, Path(tmp) / "reports", jobs)
        slow = naive(data_dir, codes, Path(tmp))
    print(
        f"{label}: {len(codes)} provinces | naive {slow:.1f} s ({slow / len(codes):.1f} s/province) | "
        f"paritrana run --all --jobs {jobs}: {fast:.1f} s (incl. national report and index) | "
        f"speed-up {slow / fast:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-national", action="store_true", help="only the bundled season")
    args = parser.parse_args()
    print(f"floor per report (kernel start + imports, median of 3): {kernel_floor():.2f} s")
    compare("bundled Kalimantan season", ROOT / "data", args.jobs)
    if not args.skip_national:
        with tempfile.TemporaryDirectory() as tmp:
            generate_season(Path(tmp) / "2025", scale="national", seed=2025)
            compare("generated national season", Path(tmp), args.jobs)


if __name__ == "__main__":
    main()
