"""Benchmark: `paritrana run --all` against the naive report loop, and a report's overhead against a bare kernel.

Issue 15 targets: `paritrana run --all` at least 3x faster than the naive loop on the bundled season and 5x on
a national one; the per-report overhead (kernel start + imports + reading its prepared data) within 1.5x of a
bare kernel start + `import pandas, matplotlib` (the floor).

- Naive (the reference): for each province, the papermill command line on laporan_provinsi.ipynb, then
  `jupyter nbconvert --to html --no-input`, one after the other; each kernel reads, validates and scores the
  whole season and runs its province's analyses itself. `--naive-provinces N` times N provinces spread over
  the season and scales their mean to every province (printed as such); the default times them all.
- Workbook: `paritrana run --all` (every province, the national report and the index) with `--jobs`, timed
  between the two halves of the naive loop's provinces, so that a drift of the machine's speed weighs on both.
- Overhead: a new kernel, the province notebook's import and reading the prepared data of the season's largest
  province (what `paritrana run` hands the kernel: the report drawn by its worker, see report/drawn.py); and, as
  `paritrana run` does from a worker's second report on, the same in a kept kernel (namespace reset, prepared
  data read). Each is the median of `--repeat` runs, measured in the same run as the floor. The time the worker
  spends drawing that report (outside the kernel, while the kernel starts or waits) is printed beside them.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import compile_package  # benchmarks/installed.py (scripts run with benchmarks/ on sys.path)
from jupyter_client.manager import start_new_kernel

from paritrana_nb.report.context import prepare_season, province_context
from paritrana_nb.report.pipeline import draw_prepared
from paritrana_nb.report.prepared import prepare_reports, save_prepared
from paritrana_nb.report.runner import RESET
from paritrana_nb.synthetic import generate_season
from paritrana_nb.uncertainty import DEFAULT_DRAWS, DEFAULT_SEED

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "laporan_provinsi.ipynb"
FLOOR = "import pandas, matplotlib"
REPORT_IMPORTS = "from paritrana_nb.report.drawn import province_report"


def _read(code: str, path: Path) -> str:
    """The notebook's first call, reading the report its worker drew (and checking it did not draw its own)."""
    return (
        f"laporan = province_report(2025, {code!r}, '', '', 'id', '', {str(path)!r}, {DEFAULT_DRAWS}, {DEFAULT_SEED})\n"
        "assert type(laporan).__name__ == 'DrawnReport', type(laporan)"
    )


def kernel_seconds(code: str, repeat: int) -> float:
    """Median seconds to start a kernel, run `code` in it and shut it down."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        manager, client = start_new_kernel(kernel_name="python3")
        reply = client.execute_interactive(code, timeout=300)
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        timings.append(time.perf_counter() - started)
        assert reply["content"]["status"] == "ok", reply["content"]
    return statistics.median(timings)


def kept_kernel_seconds(code: str, repeat: int) -> float:
    """Median seconds of the reset and `code` in a kernel that already ran the report's imports."""
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        client.execute_interactive(REPORT_IMPORTS, timeout=300)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.execute_interactive(RESET, silent=True, store_history=False, timeout=300)
            reply = client.execute_interactive(f"{REPORT_IMPORTS}\n{code}", timeout=300)
            timings.append(time.perf_counter() - started)
            assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return statistics.median(timings)


def overhead(label: str, data_dir: Path, repeat: int) -> None:
    """The floor, a new report kernel's overhead and a kept kernel's, for the season's largest province."""
    prepared = prepare_season(2025, data_dir, ROOT / "params")
    sizes = prepared.scores.peserta["kode_provinsi"].value_counts()
    code = str(sizes.index[0])
    with tempfile.TemporaryDirectory() as tmp:
        source, path = Path(tmp) / f"{code}.pkl", Path(tmp) / f"{code}.drawn"
        save_prepared(prepare_reports(prepared, {code: province_context(prepared, code)})[code], source)
        draw_prepared(source, path, "id")  # once first: matplotlib's and the templates' first-use costs
        wall, cpu = time.perf_counter(), time.process_time()
        draw_prepared(source, path, "id")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        size = path.stat().st_size / 1e6
        floor = kernel_seconds(FLOOR, repeat)
        fresh = kernel_seconds(f"{REPORT_IMPORTS}\n{_read(code, path)}", repeat)
        kept = kept_kernel_seconds(_read(code, path), repeat)
    print(
        f"{label}: floor (kernel start + {FLOOR}, median of {repeat}) {floor:.2f} s | report overhead, province "
        f"{code} ({size:.1f} MB drawn report): new kernel {fresh:.2f} s = {fresh / floor:.2f}x the floor "
        f"(target <= 1.5x); kept kernel {kept:.2f} s = {kept / floor:.2f}x | drawn by the worker beforehand in "
        f"{wall:.2f} s ({cpu:.2f} s CPU)"
    )


def naive(data_dir: Path, codes: list[str], out: Path) -> list[float]:
    """Seconds of the papermill CLI + nbconvert CLI, per province, one after the other."""
    timings = []
    for code in codes:
        started = time.perf_counter()
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
        timings.append(time.perf_counter() - started)
    return timings


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


def compare(label: str, data_dir: Path, jobs: int, sample: int | None, target: float) -> None:
    codes = prepare_season(2025, data_dir, ROOT / "params").season.provinces["kode_wilayah"].tolist()
    timed = codes if not sample or sample >= len(codes) else codes[:: max(1, len(codes) // sample)][:sample]
    half = len(timed) // 2
    with tempfile.TemporaryDirectory() as tmp:  # the naive loop half before, half after: drift weighs on both
        per_province = naive(data_dir, timed[:half], Path(tmp))
        fast = workbook(data_dir, Path(tmp) / "reports", jobs)
        per_province += naive(data_dir, timed[half:], Path(tmp))
    slow = statistics.mean(per_province) * len(codes)
    how = "measured" if len(timed) == len(codes) else f"mean of {len(timed)} provinces measured x {len(codes)}"
    print(
        f"{label}: {len(codes)} provinces | naive loop {slow:.1f} s ({how}; {slow / len(codes):.1f} s/province) | "
        f"paritrana run --all --jobs {jobs}: {fast:.1f} s (incl. national report and index) | "
        f"speed-up {slow / fast:.1f}x (target >= {target:g}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="kernel starts per overhead figure")
    parser.add_argument("--skip-national", action="store_true", help="only the bundled season")
    parser.add_argument("--naive-provinces", type=int, default=0, help="national naive loop over N provinces")
    parser.add_argument("--national-dir", type=Path, help="a generated national season (holding 2025/) to reuse")
    args = parser.parse_args()
    compile_package()  # timed as installed: no module compiled from source on each run
    overhead("bundled Kalimantan season", ROOT / "data", args.repeat)
    compare("bundled Kalimantan season", ROOT / "data", args.jobs, None, 3)
    if args.skip_national:
        return
    with tempfile.TemporaryDirectory() as tmp:
        national = args.national_dir or Path(tmp)
        if args.national_dir is None:
            generate_season(national / "2025", scale="national", seed=2025)
        overhead("generated national season", national, args.repeat)
        compare("generated national season", national, args.jobs, args.naive_provinces, 5)


if __name__ == "__main__":
    main()
