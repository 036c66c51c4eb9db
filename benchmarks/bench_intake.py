"""Benchmark: `paritrana intake` of a national season's volume against `paritrana validate` of the same data.

Generates the national season (83,762 village rows, 300,000 business rows), splits it the way it arrives:
one village file per regency/city (514), one business file and one pemda file per province (38), the
interviews per province; then times, in one run, the two commands the issue names, each in a fresh process
(`paritrana intake --from INBOX --out DIR` and `paritrana validate` of the generated season's merged CSVs, both
as a user runs them: imports, reading, checking, writing), and the library calls inside them (`run_intake` and
`load_season`, in this process). Issue 13 target: intake within 3x of validate.

`--format xlsx` writes the split files as .xlsx workbooks instead of .csv (slow to prepare); `--inbox DIR` reuses
(or first prepares) the split inbox in DIR. Wall-clock and processor times are both printed: on a shared machine
the processor time is the steadier of the two. A large inbox is read by forked processes (one per processor):
the processor time counts theirs too, so it is the work done, and the wall-clock time is what a user waits;
the main process's own processor time is printed as well (the path a user waits for on a quiet machine).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from installed import compile_package  # benchmarks/installed.py (scripts run with benchmarks/ on sys.path)

from paritrana_nb.intake.merge import run_intake
from paritrana_nb.season import load_season
from paritrana_nb.synthetic import generate_season

MUSIM = 2025
PROJECT = Path(__file__).resolve().parent.parent


def split(season: Path, inbox: Path, fmt: str) -> dict[str, int]:
    """Write the season's tables into the inbox as one file per submitter; return files per table."""
    tables = {
        name: pd.read_csv(season / f"{name}.csv", dtype=str, keep_default_na=False)
        for name in ("pemda", "desa", "badan_usaha", "wawancara")
    }
    bu = tables["badan_usaha"]
    npp_province = dict(zip(bu["npp"], bu["kode_wilayah"].str[:2], strict=True))
    w = tables["wawancara"]
    business = w["kategori"].str.startswith("bu_")
    groups = {
        "pemda": tables["pemda"].groupby(tables["pemda"]["kode_wilayah"].str[:2]),
        "desa": tables["desa"].groupby("kode_wilayah"),
        "badan_usaha": bu.groupby(bu["kode_wilayah"].str[:2]),
        "wawancara": w.groupby(w["id_peserta"].str[:2].where(~business, w["id_peserta"].map(npp_province))),
    }
    counts = {}
    for name, grouped in groups.items():
        counts[name] = 0
        for key, frame in grouped:
            path = inbox / name / f"{name}_{key}.{fmt}"
            path.parent.mkdir(parents=True, exist_ok=True)
            if fmt == "csv":
                frame.to_csv(path, index=False)
            else:
                _write_xlsx(frame, path)
            counts[name] += 1
    return counts


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook

    from paritrana_nb.schema import NUMERIC_KINDS, TABLES

    kinds = {c.name: c.kind for t in TABLES for c in t.columns}
    numeric = [kinds.get(c) in NUMERIC_KINDS for c in frame.columns]
    book = Workbook()  # not write-only: like a file Excel saved, it records the sheet's extent
    sheet = book.active
    sheet.title = "data"
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False, name=None):
        sheet.append(
            [
                (float(v) if "." in v else int(v)) if is_number and v != "" else (v or None)
                for v, is_number in zip(row, numeric, strict=True)
            ]
        )
    book.save(path)


def _processor_time() -> float:
    """Processor seconds (user and system) of this process and of its finished child processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return _own_processor_time() + children.ru_utime + children.ru_stime


def _own_processor_time() -> float:
    """Processor seconds (user and system) of this process alone: the work on the path a user waits for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _command(*argv: str) -> tuple[float, float]:
    """(wall seconds, processor seconds of the process and its children) of one `paritrana` command, run afresh."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "paritrana_nb.cli", *argv], capture_output=True, text=True, env=env, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"paritrana {' '.join(argv)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _commands(data: Path, inbox: Path, out: Path, repeat: int) -> None:
    """Print the best wall and processor times of `paritrana intake` and `paritrana validate`, and their ratio."""
    validate = [_command("validate", "--season", str(MUSIM), "--data-dir", str(data)) for _ in range(repeat)]
    season = ("--season", str(MUSIM), "--data-dir", str(data))
    intake = [_command("intake", *season, "--from", str(inbox), "--out", str(out)) for _ in range(repeat)]
    wall_v, wall_i = min(w for w, _ in validate), min(w for w, _ in intake)
    cpu_v, cpu_i = min(c for _, c in validate), min(c for _, c in intake)
    print(
        f"commands, fresh processes: paritrana validate best {wall_v:.2f} s ({cpu_v:.2f} s processor); "
        f"paritrana intake best {wall_i:.2f} s ({cpu_i:.2f} s processor, forked readers included); "
        f"ratio {wall_i / wall_v:.2f}x wall, {cpu_i / cpu_v:.2f}x processor (target <= 3x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--inbox", type=Path, help="keep the split inbox here (prepared once, reused after)")
    args = parser.parse_args()
    compile_package()  # timed as installed: no module compiled from source on each run
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        generate_season(data / str(MUSIM), musim=MUSIM, scale="national", seed=2025)
        inbox = args.inbox or Path(tmp) / "inbox"
        started = time.perf_counter()
        if args.inbox is not None and (inbox / "desa").is_dir():
            files = {
                name: len(list((inbox / name).iterdir())) for name in ("pemda", "desa", "badan_usaha", "wawancara")
            }
        else:
            files = split(data / str(MUSIM), inbox, args.format)
        print(f"inbox: {files} {args.format} files, prepared in {time.perf_counter() - started:.1f} s")
        _commands(data, inbox, Path(tmp) / "by_command" / str(MUSIM), args.repeat)
        validate, intake, validate_cpu, intake_cpu, intake_own = [], [], [], [], []
        for _ in range(args.repeat):
            started, cpu = time.perf_counter(), _processor_time()
            loaded = load_season(MUSIM, data)
            validate.append(time.perf_counter() - started)
            validate_cpu.append(_processor_time() - cpu)
            started, cpu, own = time.perf_counter(), _processor_time(), _own_processor_time()
            result = run_intake(MUSIM, inbox, Path(tmp) / "merged" / str(MUSIM), data)
            intake.append(time.perf_counter() - started)
            intake_cpu.append(_processor_time() - cpu)
            intake_own.append(_own_processor_time() - own)
        assert loaded.season is not None and result.ok, result.render("en", 3)
        rows = {name: len(frame) for name, frame in result.tables.items()}
        assert rows == {name: len(getattr(loaded.season, name)) for name in rows}, rows
        print(f"merged rows (as many as the generated season): {rows}; {len(result.warnings)} warnings")
        print(
            f"in this process: load_season (merged CSVs) best {min(validate):.2f} s; "
            f"run_intake best {min(intake):.2f} s; "
            f"ratio {min(intake) / min(validate):.2f}x"
        )
        # on a machine shared with other jobs, the processor time is the steadier figure
        print(
            "processor time (this process and the ones it forked): "
            f"validate best {min(validate_cpu):.2f} s; intake best {min(intake_cpu):.2f} s; "
            f"ratio {min(intake_cpu) / min(validate_cpu):.2f}x; "
            f"intake in this process alone (the path waited for) best {min(intake_own):.2f} s"
        )


if __name__ == "__main__":
    main()
