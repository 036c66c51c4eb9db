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
from memory import peak_mb, reset_peak, rss_mb  # benchmarks/memory.py (scripts run with benchmarks/ on sys.path)

from paritrana_nb.engine import score_season
from paritrana_nb.methodology import Aturan, Category, Methodology, default_methodology_path, load_methodology
from paritrana_nb.season import Season, read_season
from paritrana_nb.synthetic import generate_season

PROJECT = Path(__file__).resolve().parent.parent


# --- a straightforward per-province loop implementation of the same scoring ---------------------------


def _ratio(numerator: float, denominator: float) -> float | None:
    if math.isnan(numerator) or math.isnan(denominator) or denominator == 0:
        return None
    return 100 * numerator / denominator


def _loop_indicators(tabel: str, row: dict, previous: dict | None, category: Category, rules: Aturan) -> dict:
    """Raw values of one participant, written out formula by formula (None = not applicable)."""
    if tabel == "pemda":
        peserta = row["peserta_pu"] + row["peserta_bpu"] + row["peserta_jakon"] + row["peserta_pmi"]
        ucj = _ratio(peserta, row["penduduk_bekerja"])
        growth = None
        if ucj is not None and previous is not None:
            before = _ratio(
                previous["peserta_pu"] + previous["peserta_bpu"] + previous["peserta_jakon"] + previous["peserta_pmi"],
                previous["penduduk_bekerja"],
            )
            growth = None if before is None else min(ucj, rules.cakupan_maks) - min(before, rules.cakupan_maks)
        points = rules.regulasi
        return {
            "ucj": ucj,
            "ucj_naik": growth,
            "capaian_target": None if ucj is None else _ratio(ucj, row["target_ucj_pct"]),
            "rentan_apbd": _ratio(row["pekerja_rentan_apbd"], row["penduduk_bekerja"]),
            "regulasi": min(
                100.0,
                points.perda * row["perda"]
                + points.perkada * min(row["perkada"], points.perkada_maks)
                + points.surat_edaran * min(row["surat_edaran"], points.surat_edaran_maks),
            ),
        }
    if tabel == "desa":
        return {
            "cakupan_desa": _ratio(row["peserta"], row["penduduk_bekerja"]),
            "perangkat": _ratio(row["perangkat_terlindungi"], row["perangkat_desa"]),
            "bpd": _ratio(row["bpd_terlindungi"], row["anggota_bpd"]),
            "rentan_dana_desa": _ratio(row["pekerja_rentan_dana_desa"], row["penduduk_bekerja"]),
        }
    vendor = row["vendor_patuh_pct"]
    expected = category.programmes_for(row["skala"])
    return {
        "kepesertaan": _ratio(row["pekerja_terdaftar"], row["jumlah_pekerja"]),
        "program": _ratio(sum(row[p] for p in expected), len(expected)),
        "tertib_iuran": 100
        * (1 - min(row["bulan_tunggakan"], rules.tunggakan_maks_bulan) / rules.tunggakan_maks_bulan),
        "upah_sesuai": row["upah_sesuai_pct"],
        "nik_valid": row["nik_valid_pct"],
        "vendor_patuh": None if math.isnan(vendor) else vendor,
        "csr_rentan": _ratio(row["pekerja_rentan_csr"], row["jumlah_pekerja"]),
    }


def _loop_normalise(x: float, lo: float, hi: float, direction: str) -> float:
    clipped = min(max(x, lo), hi)
    n = (hi - clipped if direction == "lower" else clipped - lo) * (100 / (hi - lo))
    return min(max(n, 0.0), 100.0)


def _loop_interview(scores: dict[str, list[float]], aspects: tuple[str, ...], trim_from: int) -> float:
    means = []
    for aspect in aspects:
        values = sorted(scores.get(aspect, []))
        if len(values) >= trim_from:
            values = values[1:-1]
        means.append(sum(values) / len(values) if values else 0.0)
    return sum(means) / len(means)


def _loop_attributes(tabel: str, row: dict, tingkat: dict[str, str]) -> dict[str, str | None]:
    """The values a category's peserta filters look at, trimmed and lower-case."""
    if tabel == "pemda":
        return {"tingkat": tingkat.get(row["kode_wilayah"])}
    if tabel == "desa":
        return {"jenis": {"1": "kelurahan", "2": "desa", "3": "desa"}.get(row["kode_desa"][-4])}  # 3...: desa adat
    return {"skala": row["skala"], "sektor": str(row["sektor"]).strip().casefold()}


def loop_score(season: Season, methodology: Methodology) -> dict[tuple[str, str], int | None]:
    """(kategori, id_peserta) -> rank, computed one participant at a time: each row joins the first category whose
    peserta filters it passes, then each ranking group (province, nation or zone) is sorted on its own."""
    tahun = season.tahun
    rules = methodology.aturan
    pemda = season.pemda
    previous = {r["kode_wilayah"]: r for r in pemda[pemda["tahun"] == tahun - 1].to_dict("records")}
    jury: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in season.wawancara.itertuples(index=False):
        jury[(r.kategori, r.id_peserta)][r.aspek].append(r.nilai)
    tingkat = dict(zip(season.wilayah["kode_wilayah"], season.wilayah["tingkat"], strict=True))
    zone = {r.kode_wilayah: r.zona for r in season.provinces.itertuples() if isinstance(r.zona, str)}
    id_column = {"pemda": "kode_wilayah", "desa": "kode_desa", "badan_usaha": "npp"}
    groups: dict[tuple[str, str], list[tuple[tuple, str]]] = defaultdict(list)
    ranks: dict[tuple[str, str], int | None] = {}
    for tabel, key in id_column.items():
        table = getattr(season, tabel)
        for row in table[table["tahun"] == tahun].to_dict("records"):
            pid = row[key]
            attributes = _loop_attributes(tabel, row, tingkat)
            kategori = next(
                (
                    name
                    for name, c in methodology.kategori.items()
                    if c.peserta.tabel == tabel
                    and all(
                        attributes[f] in [v.strip().casefold() for v in allowed]
                        for f, allowed in c.peserta.filters().items()
                    )
                ),
                None,
            )
            if kategori is None:
                continue
            category = methodology.kategori[kategori]
            raw = _loop_indicators(tabel, row, previous.get(pid), category, rules)
            total_weight, weighted, tie_break = 0.0, 0.0, None
            for indicator in category.indicators:
                x = raw[indicator.id]
                if x is None or attributes.get("jenis") in (indicator.tidak_berlaku_untuk or ()):
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
                interview = _loop_interview(jury[(kategori, pid)], category.aspect_ids, rules.pangkas_juri_mulai)
                score = category.stage_weights.dokumen * desk + category.stage_weights.wawancara * interview
            province = str(row["kode_wilayah"])[:2]
            group = {"provinsi": province, "nasional": "nasional", "zona": zone.get(province)}[category.kelompok]
            order = (
                not finalist,
                -round(score, rules.desimal),
                -round(tie_break if tie_break is not None else -math.inf, rules.desimal),
            )
            groups[(kategori, str(group))].append((order, pid))
    for (kategori, _), entries in groups.items():
        entries.sort()
        for position, (order, pid) in enumerate(entries):
            if position == 0 or order != entries[position - 1][0]:
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
    print(
        json.dumps({"load_peak_mb": load_peak, "before_mb": before, "scoring_peak_mb": peak_mb(reset), "reset": reset})
    )


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
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--data-dir",
                str(data_dir),
                "--season",
                str(args.season),
                "--params-dir",
                str(args.params_dir),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
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

    engine_ranks = {
        (k, p): (None if pd.isna(r) else int(r))
        for k, p, r in scores.peserta[["kategori", "id_peserta", "peringkat"]].itertuples(index=False)
    }
    mismatches = sum(1 for key, rank in engine_ranks.items() if looped.get(key) != rank)
    counts = scores.peserta["kategori"].value_counts().reindex(methodology.categories()).to_dict()
    best = min(timings)
    figures = [
        ("machine", f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, pandas {pd.__version__}"),
        ("participants scored", f"{len(scores.peserta):,} {counts}"),
        ("indicator rows (tidy)", f"{len(scores.indikator):,}"),
        ("provinces", f"{season.provinces.shape[0]}"),
        ("read_season (not part of scoring)", f"{load_seconds:.2f} s"),
        (
            f"score_season, best of {args.repeat}",
            (f"{best:.2f} s (runs: {', '.join(f'{t:.2f}' for t in timings)}; target < 10 s)"),
        ),
        ("peak memory of scoring (tracemalloc)", f"{traced_peak / 2**20:.0f} MB allocated during score_season"),
        (
            "peak RSS while scoring (fresh process)",
            (
                f"{rss['scoring_peak_mb']:.0f} MB, of which {rss['before_mb']:.0f} MB resident before scoring "
                f"(season loaded) (target < 2048 MB; {'VmHWM reset before scoring' if rss['reset'] else 'ru_maxrss'})"
            ),
        ),
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
