"""Benchmark: generate a national-scale season with the seeded generator (target: under 60 s on 2 cores).

Times `generate_season(scale="national")` (best and median of --repeat runs) and checks what it wrote: 38
provinces and 514 regencies/cities, every village of the official list (83,762) and 300,000 businesses with
unique codes, every code in the official list, and interviews in
every province. Moved here from the unit tests, which must stay fast. Run by hand:
`.venv/bin/python benchmarks/bench_generation.py`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from paritrana_nb.kemendagri import bundled
from paritrana_nb.synthetic import generate_season

TARGET_SECONDS = 60


def check(folder: Path, counts: dict[str, int]) -> None:
    """Assert the national season's size, unique codes and interview coverage."""
    text = {"kode_wilayah": str, "kode_provinsi": str, "id_peserta": str}
    wilayah = pd.read_csv(folder / "wilayah.csv", dtype=text, keep_default_na=False)
    assert (wilayah["tingkat"] == "provinsi").sum() == 38 and (wilayah["tingkat"] != "provinsi").sum() == 514
    assert ((wilayah["tingkat"] == "provinsi") == (wilayah["kode_wilayah"].str.len() == 2)).all()
    ref = bundled()
    assert counts["desa"] == len(ref.desa) and counts["badan_usaha"] == 300_000 and counts["pemda"] == 2 * 552
    assert wilayah["kode_wilayah"].isin(ref.wilayah.index).all()
    desa = pd.read_csv(folder / "desa.csv", usecols=["kode_desa"], dtype=str)["kode_desa"]
    npp = pd.read_csv(folder / "badan_usaha.csv", usecols=["npp"], dtype=str)["npp"]
    assert desa.is_unique and desa.isin(ref.desa.index).all() and npp.is_unique and (npp.str.len() == 10).all()
    jury = pd.read_csv(folder / "wawancara.csv", dtype=text, keep_default_na=False)
    assert jury.loc[jury["kategori"] == "pemprov", "id_peserta"].nunique() == 38
    for kategori in ("pemda", "desa"):
        assert jury.loc[jury["kategori"] == kategori, "id_peserta"].str[:2].nunique() == 38, kategori
    assert jury.loc[jury["kategori"].str.startswith("bu_"), "id_peserta"].isin(set(npp)).all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    timings = []
    for run in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "2025"
            started = time.perf_counter()
            counts = generate_season(folder, scale="national", seed=args.seed)
            timings.append(time.perf_counter() - started)
            if run == 0:
                check(folder, counts)
                print(f"rows: {counts}")
    print(
        f"generate_season(scale='national'): best {min(timings):.1f} s, median {statistics.median(timings):.1f} s "
        f"over {args.repeat} run(s) (target < {TARGET_SECONDS} s)"
    )


if __name__ == "__main__":
    main()
