"""The reference of the end-to-end benchmarks: a straightforward pandas script scoring a season by the same methodology.

What someone would write without the workbook: `pandas.read_csv` each table, compute each category's indicators
with pandas column arithmetic, normalise on the goalposts, weigh, average the jurors (trimmed), rank within each
group with `sort_values`, and `DataFrame.to_csv` one row per participant with its indicators (raw and normalised).
No validation beyond what pandas does. The methodology file is read with the workbook's loader (a YAML file), the
only part shared with the workbook. `benchmarks/bench_commands.py` times it and checks its ranks against
`paritrana score`'s; `tests/unit/test_reference_equivalence.py` checks the engine against it on small varied seasons.
Its jurors' means are (sum - lowest - highest) / count and pandas' mean, not the exactly rounded sum over the count of
the methodology: they may differ from the engine's in the last bit, and a rank with them where a finalist's score lies
on a rounding boundary at `desimal`.

    python benchmarks/reference_score.py --data-dir DATA --season 2025 --out reference.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from paritrana_nb.methodology import Category, Methodology, default_methodology_path, load_methodology

PROJECT = Path(__file__).resolve().parent.parent
TEXT = {"kode_wilayah": str, "kode_provinsi": str, "kode_desa": str, "npp": str, "id_peserta": str, "juri": str}


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return (100 * numerator / denominator).where(denominator != 0)


def _pemda(pemda: pd.DataFrame, tahun: int, methodology: Methodology) -> pd.DataFrame:
    rules = methodology.aturan
    peserta = pemda[["peserta_pu", "peserta_bpu", "peserta_jakon", "peserta_pmi"]].sum(axis=1)
    pemda = pemda.assign(ucj=_ratio(peserta, pemda["penduduk_bekerja"]))
    now = pemda[pemda["tahun"] == tahun].copy()
    before = pemda[pemda["tahun"] == tahun - 1].set_index("kode_wilayah")["ucj"]
    prior = now["kode_wilayah"].map(before)
    now["ucj_naik"] = now["ucj"].clip(upper=rules.cakupan_maks) - prior.clip(upper=rules.cakupan_maks)
    now["capaian_target"] = _ratio(now["ucj"], now["target_ucj_pct"])
    now["rentan_apbd"] = _ratio(now["pekerja_rentan_apbd"], now["penduduk_bekerja"])
    points = rules.regulasi
    regulasi = (
        points.perda * now["perda"]
        + points.perkada * now["perkada"].clip(upper=points.perkada_maks)
        + points.surat_edaran * now["surat_edaran"].clip(upper=points.surat_edaran_maks)
    )
    now["regulasi"] = regulasi.clip(upper=100.0)
    return now


def _desa(desa: pd.DataFrame, tahun: int) -> pd.DataFrame:
    now = desa[desa["tahun"] == tahun].copy()
    now["cakupan_desa"] = _ratio(now["peserta"], now["penduduk_bekerja"])
    now["perangkat"] = _ratio(now["perangkat_terlindungi"], now["perangkat_desa"])
    now["bpd"] = _ratio(now["bpd_terlindungi"], now["anggota_bpd"])
    now["rentan_dana_desa"] = _ratio(now["pekerja_rentan_dana_desa"], now["penduduk_bekerja"])
    now["jenis"] = now["kode_desa"].str[-4].map({"1": "kelurahan", "2": "desa", "3": "desa"})  # 3...: desa adat
    return now


def _badan_usaha(bu: pd.DataFrame, tahun: int, category: Category, methodology: Methodology) -> pd.DataFrame:
    rules = methodology.aturan
    now = bu.copy()
    now["kepesertaan"] = _ratio(now["pekerja_terdaftar"], now["jumlah_pekerja"])
    programme = pd.Series(np.nan, index=now.index)
    for skala, rows in now.groupby("skala"):
        expected = list(category.programmes_for(str(skala)))
        programme[rows.index] = 100 * rows[expected].sum(axis=1) / len(expected)
    now["program"] = programme
    months = now["bulan_tunggakan"].clip(upper=rules.tunggakan_maks_bulan)
    now["tertib_iuran"] = 100 * (1 - months / rules.tunggakan_maks_bulan)
    now["upah_sesuai"] = now["upah_sesuai_pct"]
    now["nik_valid"] = now["nik_valid_pct"]
    now["vendor_patuh"] = now["vendor_patuh_pct"]
    now["csr_rentan"] = _ratio(now["pekerja_rentan_csr"], now["jumlah_pekerja"])
    return now


def _interviews(wawancara: pd.DataFrame, methodology: Methodology) -> pd.DataFrame:
    """(kategori, id_peserta) -> interview score: per aspect the jurors' mean, trimmed from `pangkas_juri_mulai`."""
    trim_from = methodology.aturan.pangkas_juri_mulai
    stats = wawancara.groupby(["kategori", "id_peserta", "aspek"])["nilai"].agg(["sum", "min", "max", "count"])
    trimmed = stats["count"] >= trim_from
    mean = (stats["sum"] - trimmed * (stats["min"] + stats["max"])) / (stats["count"] - 2 * trimmed)
    by_aspect = mean.unstack("aspek")
    rows = []
    for kategori, category in methodology.kategori.items():
        if kategori not in by_aspect.index.get_level_values(0):
            continue
        part = by_aspect.loc[kategori].reindex(columns=list(category.aspect_ids)).fillna(0.0)
        rows.append(pd.DataFrame({"kategori": kategori, "id_peserta": part.index, "wawancara": part.mean(axis=1)}))
    return pd.concat(rows, ignore_index=True)


def _ranked(frame: pd.DataFrame, desimal: int) -> pd.Series:
    """Shared ranks within `kelompok`: finalists first, then the score, then the tie-break value, at `desimal`."""
    keys = pd.DataFrame(
        {
            "kelompok": frame["kelompok"],
            "finalis": frame["finalis"],
            "skor": frame["skor_peringkat"].round(desimal),
            "tb": frame["n_tie_break"].round(desimal).fillna(-np.inf),
        }
    )
    keys = keys[frame["skor_peringkat"].notna()].sort_values(
        ["kelompok", "finalis", "skor", "tb"], ascending=[True, False, False, False]
    )
    position = keys.groupby("kelompok").cumcount() + 1
    columns = ["kelompok", "finalis", "skor", "tb"]
    same = keys[columns].eq(keys[columns].shift()).all(axis=1)
    return position.mask(same).ffill().astype("Int64").reindex(frame.index)


def reference_score(data_dir: Path, musim: int, methodology: Methodology) -> pd.DataFrame:
    """One row per participant of every category: its group, scores, rank, and indicators raw and normalised."""
    folder = data_dir / str(musim)
    meta_path = folder / "musim.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    tahun = int((meta or {}).get("tahun_kinerja", musim - 1))
    read = {name: pd.read_csv(folder / f"{name}.csv", dtype=TEXT) for name in ("wilayah", "pemda", "desa")}
    read["badan_usaha"] = pd.read_csv(folder / "badan_usaha.csv", dtype=TEXT)
    read["wawancara"] = pd.read_csv(folder / "wawancara.csv", dtype=TEXT)
    wilayah = read["wilayah"]
    tingkat = wilayah.set_index("kode_wilayah")["tingkat"]
    provinces = wilayah[wilayah["tingkat"] == "provinsi"]
    zone = provinces.set_index("kode_wilayah")["zona"] if "zona" in provinces else pd.Series(dtype=object)
    interviews = _interviews(read["wawancara"], methodology)
    tables = {
        "pemda": _pemda(read["pemda"], tahun, methodology),
        "desa": _desa(read["desa"], tahun),
    }
    bu_now = read["badan_usaha"][read["badan_usaha"]["tahun"] == tahun]
    tables["pemda"]["tingkat"] = tables["pemda"]["kode_wilayah"].map(tingkat)
    id_column = {"pemda": "kode_wilayah", "desa": "kode_desa", "badan_usaha": "npp"}
    taken = {name: pd.Series(False, index=t.index) for name, t in (*tables.items(), ("badan_usaha", bu_now))}
    parts = []
    for kategori, category in methodology.kategori.items():
        tabel = category.peserta.tabel
        rows = _badan_usaha(bu_now, tahun, category, methodology) if tabel == "badan_usaha" else tables[tabel]
        chosen = ~taken[tabel]
        for column, allowed in category.peserta.filters().items():
            values = rows[column].astype(str).str.strip().str.casefold()
            chosen &= values.isin([a.strip().casefold() for a in allowed])
        taken[tabel] |= chosen
        rows = rows[chosen]
        out = pd.DataFrame({"kategori": kategori, "id_peserta": rows[id_column[tabel]], "nama": rows.get("nama")})
        out["kode_provinsi"] = rows["kode_wilayah"].str[:2]
        weighted = pd.Series(0.0, index=rows.index)
        weights = pd.Series(0.0, index=rows.index)
        for indicator in category.indicators:
            x = rows[indicator.id]
            applies = x.notna()
            if indicator.tidak_berlaku_untuk:
                applies &= ~rows["jenis"].isin(indicator.tidak_berlaku_untuk)
            lo, hi = indicator.lo, indicator.hi
            clipped = x.clip(lo, hi)
            n = ((hi - clipped) if indicator.direction == "lower" else (clipped - lo)) * (100 / (hi - lo))
            n = n.clip(0.0, 100.0).where(applies)
            out[indicator.id], out[f"n_{indicator.id}"] = x.where(applies), n
            weighted += (indicator.weight * n).fillna(0.0)
            weights += indicator.weight * applies
            if indicator.id == category.tie_break:
                out["n_tie_break"] = n
        out["skor_dokumen"] = (weighted / weights).where(weights > 0).clip(0.0, 100.0)
        out = out.merge(interviews[interviews["kategori"] == kategori], on=["kategori", "id_peserta"], how="left")
        out["finalis"] = out["wawancara"].notna()
        stage = category.stage_weights
        final = stage.dokumen * out["skor_dokumen"] + stage.wawancara * out["wawancara"]
        out["skor_akhir"] = final.where(out["finalis"])
        out["skor_peringkat"] = out["skor_akhir"].where(out["finalis"], out["skor_dokumen"])
        kelompok = {"provinsi": out["kode_provinsi"], "nasional": "nasional", "zona": out["kode_provinsi"].map(zone)}
        out["kelompok"] = kelompok[category.kelompok]
        out["peringkat"] = _ranked(out, methodology.aturan.desimal)
        parts.append(out)
    return pd.concat(parts, ignore_index=True).drop(columns=["n_tie_break"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--season", type=int, default=2025)
    parser.add_argument("--params-dir", type=Path, default=PROJECT / "params")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    methodology = load_methodology(default_methodology_path(args.params_dir, args.season), musim=args.season)
    reference_score(args.data_dir, args.season, methodology).to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
