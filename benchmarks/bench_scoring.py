"""Benchmark: score every category of every province of a national-scale season (issue 3 target: < 10 s, < 2 GB).

Times `score_season` (best of --repeat), measures peak memory two ways, and times a straightforward
per-province, per-participant loop implementation of the same scoring to report the speed-up; the loop's
ranks must equal the engine's. Run by hand: `.venv/bin/python benchmarks/bench_scoring.py`.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

import pandas as pd

from paritrana_nb.engine import score_season
from paritrana_nb.methodology import Methodology, default_methodology_path, load_methodology
from paritrana_nb.season import Season, read_season
from paritrana_nb.synthetic import generate_season
from memory import peak_mb, reset_peak, rss_mb  # benchmarks/memory.py (scripts run with benchmarks/ on sys.path)

PROJECT = Path(__file__).resolve().parent.parent


# --- a straightforward per-province loop implementation of the same scoring ---------------------------

def _ratio(numerator: float, denominator: float) -> float | None:
    if math.isnan(numerator) or math.isnan(denominator) or denominator == 0:
        return None
    return 100 * numerator / denominator


def _loop_indicators(kategori: str, row: dict, previous: dict | None, programmes: tuple[str, ...]) -> dict:
    """Raw values of one participant, written out formula by formula (None = not applicable)."""
    if kategori in ("pemda", "pemprov"):
        peserta = row["peserta_pu"] + row["peserta_bpu"] + row["peserta_jakon"] + row["peserta_pmi"]
        ucj = _ratio(peserta, row["penduduk_bekerja"])
        growth = None
        if ucj is not None and previous is not None:
            before = _ratio(previous["peserta_pu"] + previous["peserta_bpu"] + previous["peserta_jakon"]
                            + previous["peserta_pmi"], previous["penduduk_bekerja"])
            growth = None if before is None else ucj - before
        return {
            "ucj": ucj, "ucj_naik": growth,
            "capaian_target": None if ucj is None else _ratio(ucj, row["target_ucj_pct"]),
            "rentan_apbd": _ratio(row["pekerja_rentan_apbd"], row["penduduk_bekerja"]),
            "regulasi": min(100.0, 40 * row["perda"] + 20 * min(row["perkada"], 2) + 10 * min(row["surat_edaran"], 2)),
        }
    if kategori == "desa":
        return {
            "cakupan_desa": _ratio(row["peserta"], row["penduduk_bekerja"]),
            "perangkat": _ratio(row["perangkat_terlindungi"], row["perangkat_desa"]),
            "bpd": _ratio(row["bpd_terlindungi"], row["anggota_bpd"]),
            "rentan_dana_desa": _ratio(row["pekerja_rentan_dana_desa"], row["penduduk_bekerja"]),
        }
    vendor = row["vendor_patuh_pct"]
    return {
        "kepesertaan": _ratio(row["pekerja_terdaftar"], row["jumlah_pekerja"]),
        "program": 100 * sum(row[p] for p in programmes) / len(programmes),
        "tertib_iuran": 100 * (1 - min(row["bulan_tunggakan"], 12) / 12),
        "upah_sesuai": row["upah_sesuai_pct"], "nik_valid": row["nik_valid_pct"],
        "vendor_patuh": None if math.isnan(vendor) else vendor,
        "csr_rentan": _ratio(row["pekerja_rentan_csr"], row["jumlah_pekerja"]),
    }


def _loop_normalise(x: float, lo: float, hi: float, direction: str) -> float:
    clipped = min(max(x, lo), hi)
    n = (hi - clipped if direction == "lower" else clipped - lo) * (100 / (hi - lo))
    return min(max(n, 0.0), 100.0)


def _loop_interview(scores: dict[str, list[float]], aspects: tuple[str, ...]) -> float:
    means = []
    for aspect in aspects:
        values = sorted(scores.get(aspect, []))
        if len(values) >= 4:
            values = values[1:-1]
        means.append(sum(values) / len(values) if values else 0.0)
    return sum(means) / len(means)


def loop_score(season: Season, methodology: Methodology) -> dict[tuple[str, str], int | None]:
    """(kategori, id_peserta) -> rank, computed one province and one participant at a time."""
    tahun = season.tahun
    pemda = season.pemda
    previous = {r["kode_wilayah"]: r for r in pemda[pemda["tahun"] == tahun - 1].to_dict("records")}
    jury: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in season.wawancara.itertuples(index=False):
        jury[(r.kategori, r.id_peserta)][r.aspek].append(r.nilai)
    sources = {
        "pemda": (pemda[(pemda["tahun"] == tahun) & (pemda["kode_wilayah"].str.len() == 5)], "kode_wilayah"),
        "pemprov": (pemda[(pemda["tahun"] == tahun) & (pemda["kode_wilayah"].str.len() == 2)], "kode_wilayah"),
        "desa": (season.desa[season.desa["tahun"] == tahun], "kode_desa"),
        "bu_besar_menengah": (season.badan_usaha[(season.badan_usaha["tahun"] == tahun)
                                                 & season.badan_usaha["skala"].isin(["besar", "menengah"])], "npp"),
        "bu_kecil_mikro": (season.badan_usaha[(season.badan_usaha["tahun"] == tahun)
                                              & season.badan_usaha["skala"].isin(["kecil", "mikro"])], "npp"),
    }
    provinces = sorted(season.provinces["kode_wilayah"])
    ranks: dict[tuple[str, str], int | None] = {}
    for kategori in methodology.categories():
        category = methodology.kategori[kategori]
        table, id_column = sources[kategori]
        groups = [table] if kategori == "pemprov" else [table[table["kode_wilayah"].str[:2] == p] for p in provinces]
        for rows in groups:
            entries = []
            for row in rows.to_dict("records"):
                pid = row[id_column]
                raw = _loop_indicators(kategori, row, previous.get(pid), category.programmes_expected or ())
                total_weight, weighted, tie_break = 0.0, 0.0, None
                for indicator in category.indicators:
                    x = raw[indicator.id]
                    if x is None:
                        continue
                    n = _loop_normalise(x, indicator.lo, indicator.hi, indicator.direction)
                    total_weight += indicator.weight
                    weighted += indicator.weight * n
                    if indicator.id == category.tie_break:
                        tie_break = n
                if total_weight == 0:
                    ranks[(kategori, pid)] = None
                    continue
                desk = min(max(weighted / total_weight, 0.0), 100.0)
                finalist = (kategori, pid) in jury
                score = desk
                if finalist:
                    interview = _loop_interview(jury[(kategori, pid)], category.aspects)
                    score = category.stage_weights.dokumen * desk + category.stage_weights.wawancara * interview
                key = (not finalist, -round(score, 4), -round(tie_break if tie_break is not None else -math.inf, 4))
                entries.append((key, pid))
            entries.sort()
            for position, (key, pid) in enumerate(entries):
                if position == 0 or key != entries[position - 1][0]:
                    rank = position + 1
                ranks[(kategori, pid)] = rank
    return ranks


# --- measurements ------------------------------------------------------------------------------------

def _child(data_dir: Path, season: int, params_dir: Path) -> None:
    """Run in a fresh process: load, then score once, resetting the RSS high-water mark before each.

    Prints JSON: peak RSS of loading, resident size before scoring, and peak RSS while scoring (the
    kernel's VmHWM after a reset; without /proc it falls back to ru_maxrss, which covers the whole run).
    """
    reset = reset_peak()
    loaded = read_season(season, data_dir)
    methodology = load_methodology(default_methodology_path(params_dir, season), musim=season)
    load_peak = peak_mb(reset)
    gc.collect()
    before = rss_mb("VmRSS") or float("nan")
    reset = reset_peak()
    score_season(loaded, methodology)
    print(json.dumps({"load_peak_mb": load_peak, "before_mb": before, "scoring_peak_mb": peak_mb(reset),
                      "reset": reset}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="folder holding <season>/ (default: generate one)")
    parser.add_argument("--season", type=int, default=2025)
    parser.add_argument("--params-dir", type=Path, default=PROJECT / "params")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.data_dir, args.season, args.params_dir)
        return

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(tmp)
            started = time.perf_counter()
            generate_season(data_dir / str(args.season), musim=args.season, scale="national", seed=2025)
            print(f"generated the national season in {time.perf_counter() - started:.1f} s")
        # memory in a fresh process, so that nothing this process holds is counted
        child = subprocess.run([sys.executable, __file__, "--child", "--data-dir", str(data_dir),
                                "--season", str(args.season), "--params-dir", str(args.params_dir)],
                               capture_output=True, text=True, check=True)
        rss = json.loads(child.stdout.strip().splitlines()[-1])

        started = time.perf_counter()
        season = read_season(args.season, data_dir)
        load_seconds = time.perf_counter() - started
        methodology = load_methodology(default_methodology_path(args.params_dir, args.season), musim=args.season)

        timings = []
        for _ in range(args.repeat):
            gc.collect()
            started = time.perf_counter()
            scores = score_season(season, methodology)
            timings.append(time.perf_counter() - started)

        gc.collect()
        tracemalloc.start()
        score_season(season, methodology)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        started = time.perf_counter()
        looped = loop_score(season, methodology)
        loop_seconds = time.perf_counter() - started

    engine_ranks = {(k, p): (None if pd.isna(r) else int(r)) for k, p, r in
                    scores.peserta[["kategori", "id_peserta", "peringkat"]].itertuples(index=False)}
    mismatches = sum(1 for key, rank in engine_ranks.items() if looped.get(key) != rank)
    counts = scores.peserta["kategori"].value_counts().reindex(methodology.categories()).to_dict()
    best = min(timings)
    figures = [
        ("machine", f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, pandas {pd.__version__}"),
        ("participants scored", f"{len(scores.peserta):,} {counts}"),
        ("indicator rows (tidy)", f"{len(scores.indikator):,}"),
        ("provinces", f"{season.provinces.shape[0]}"),
        ("read_season (not part of scoring)", f"{load_seconds:.2f} s"),
        (f"score_season, best of {args.repeat}", f"{best:.2f} s (runs: {', '.join(f'{t:.2f}' for t in timings)}; "
                                                 f"target < 10 s)"),
        ("peak memory of scoring (tracemalloc)", f"{traced_peak / 2**20:.0f} MB allocated during score_season"),
        ("peak RSS while scoring (fresh process)",
         f"{rss['scoring_peak_mb']:.0f} MB, of which {rss['before_mb']:.0f} MB resident before scoring "
         f"(season loaded) (target < 2048 MB; {'VmHWM reset before scoring' if rss['reset'] else 'ru_maxrss'})"),
        ("peak RSS of loading alone", f"{rss['load_peak_mb']:.0f} MB (read_season, issue 2)"),
        ("per-province loop implementation", f"{loop_seconds:.2f} s"),
        ("speed-up (loop / engine best)", f"{loop_seconds / best:.1f}x"),
        ("ranks equal to the loop's", "yes" if mismatches == 0 else f"NO: {mismatches} differ"),
    ]
    width = max(len(name) for name, _ in figures)
    for name, value in figures:
        print(f"{name:<{width}}  {value}")
    if mismatches:
        sys.exit(1)


if __name__ == "__main__":
    main()
