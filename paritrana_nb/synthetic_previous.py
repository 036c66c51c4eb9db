"""Derive an illustrative previous season (S-1) from a valid season folder (S), consistent with it.

Season S assesses year T and compares it with T-1; season S-1 assesses T-1. So:

- `wilayah`: the same regions;
- a participant table whose rows in S include year T-1 (`pemda`): S-1's year-T-1 rows are those rows, value for
  value, and S-1's own earlier year (T-2) is one seeded backward step from them;
- a table S holds for year T only (`desa`, `badan_usaha`): S-1's rows are one seeded backward step from S's
  year-T rows, less about one in twelve participants (they joined in S), plus a few businesses that took part in
  S-1 only (they left before S);
- `wawancara`: the jury scores of S-1's own shortlists, drawn as `paritrana generate` draws them.

A backward step keeps every row plausible: a slightly smaller working population, a few points less coverage,
fewer vulnerable workers funded, older regulations, fewer programmes. The same source folder and seed give the
same bytes. `paritrana generate --season S-1 --previous-of <folder of S>` calls `write_previous_season`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from paritrana_nb.outputs import FileSet
from paritrana_nb.schema import PESERTA_COLUMNS, SKALA, TABLES
from paritrana_nb.season import Season
from paritrana_nb.synthetic import (
    COLUMNS,
    FICTIONAL_MARK,
    FolderNotEmpty,
    invented_businesses,
    jury_scores,
)

JOINED_SHARE = 1 / 12
"""Share of S's villages and businesses that are new in S (absent from S-1)."""
LEFT_SHARE = 0.03
"""Businesses that took part in S-1 only, as a share of S's businesses (at least 2)."""
Step = Callable[[pd.DataFrame, np.random.Generator], pd.DataFrame]
"""One year back for the rows of one year of a table."""
_DECIMALS = {"target_ucj_pct": 2, "upah_sesuai_pct": 2, "nik_valid_pct": 2, "vendor_patuh_pct": 2}


def previous_tables(season: Season, seed: int) -> dict[str, pd.DataFrame]:
    """The five tables of season `season.musim - 1`, as typed frames (columns of the data contract)."""
    rng = np.random.default_rng(seed)
    year = season.tahun - 1  # the performance year of the previous season
    pemda = _carried(season.pemda, season.tahun, _pemda_step, rng)
    desa = _joined(_carried(season.desa, season.tahun, _desa_step, rng), "kode_desa", year, rng)
    badan_usaha = _left(
        _joined(_carried(season.badan_usaha, season.tahun, _business_step, rng), "npp", year, rng), year, rng
    )
    wawancara = jury_scores(pemda, desa, badan_usaha, year, False, rng)
    return {"wilayah": season.wilayah, "pemda": pemda, "desa": desa, "badan_usaha": badan_usaha, "wawancara": wawancara}


def write_previous_season(season: Season, out_dir: Path, seed: int, force: bool = False) -> dict[str, int]:
    """Write season `season.musim - 1` (five CSV tables + musim.yaml) into out_dir; return row counts per table.

    A folder that already holds files is refused (FolderNotEmpty) unless `force`.
    """
    out_dir = Path(out_dir)
    held = sorted(p.name for p in out_dir.iterdir()) if out_dir.is_dir() else []
    if held and not force:
        raise FolderNotEmpty(out_dir, held)
    tables = previous_tables(season, seed)
    with FileSet(out_dir) as files:  # all the files replace the folder's, or none does (a failed or killed write)
        for table in TABLES:
            files.add(
                f"{table.name}.csv", _text(tables[table.name], table.name).to_csv(index=False, lineterminator="\n")
            )
        files.add("musim.yaml", _musim_yaml(season, seed))
    return {name: len(frame) for name, frame in tables.items()}


def _musim_yaml(season: Season, seed: int) -> str:
    """The metadata file of the previous season, written by hand (its bytes never depend on a YAML library)."""
    note = (
        f"Data ilustratif, bukan data resmi: diturunkan dari musim {season.musim} oleh "
        f"paritrana_nb.synthetic_previous dengan seed {seed}."
    )
    return (
        f'musim: {season.musim - 1}\ntahun_kinerja: {season.tahun - 1}\nilustratif: true\nketerangan: "{note}"\n'
        f"diturunkan_dari_musim: {season.musim}\nseed: {seed}\n"
    )


def _carried(frame: pd.DataFrame, tahun: int, step: Step, rng: np.random.Generator) -> pd.DataFrame:
    """Year T-1 rows of S (or one step back from its year-T rows when it has none), and one step further back
    when S holds two years."""
    now, before = frame[frame["tahun"] == tahun], frame[frame["tahun"] == tahun - 1]
    latest = before.copy() if len(before) else step(now, rng)
    rows = [latest, step(latest, rng)] if len(before) else [latest]
    return pd.concat(rows, ignore_index=True)


def _scaled(values: pd.Series, factor: np.ndarray) -> np.ndarray:
    """`values` x `factor`, rounded to whole numbers; blanks stay blank."""
    return np.round(values.to_numpy(dtype=float) * factor)


def _fewer(values: pd.Series, p: float, rng: np.random.Generator) -> np.ndarray:
    """Each count less a binomial share `p` of it (blanks stay blank)."""
    counts = values.to_numpy(dtype=float)
    whole = np.nan_to_num(counts).astype(np.int64)
    return np.where(np.isnan(counts), np.nan, whole - rng.binomial(whole, p))


def _pemda_step(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One year back for pemda rows: regencies first, then each province aggregating its regencies."""
    out = rows.copy().reset_index(drop=True)
    n = len(out)
    out["tahun"] = out["tahun"] - 1
    pop = out["penduduk_bekerja"].to_numpy(dtype=float)
    pop_before = np.round(pop / rng.uniform(1.005, 1.025, n))
    total = out[list(PESERTA_COLUMNS)].astype(float).fillna(0).sum(axis=1).to_numpy()
    ucj = np.divide(100 * total, pop, out=np.zeros(n), where=pop > 0)
    ucj_before = np.maximum(ucj - rng.normal(2.5, 2.5, n), np.minimum(ucj, 3.0))
    factor = np.divide(ucj_before * pop_before, ucj * pop, out=np.ones(n), where=ucj * pop > 0)
    out["penduduk_bekerja"] = pop_before
    for column in PESERTA_COLUMNS:
        out[column] = _scaled(out[column], factor)
    is_prov = out["kode_wilayah"].str.len() == 2
    province = out["kode_wilayah"].str[:2]
    regency = ~is_prov
    sums = out[regency].groupby(province[regency])[list(PESERTA_COLUMNS)].sum(min_count=1)
    before = out.loc[regency, "penduduk_bekerja"].groupby(province[regency]).sum()
    ratio = before / pd.Series(pop)[regency].groupby(province[regency]).sum()
    # a province with regency rows is their sum, its population scaled as theirs
    summed = is_prov & province.isin(ratio.index)
    codes = province[summed]
    out.loc[summed, "penduduk_bekerja"] = np.round(pop[summed.to_numpy()] * ratio.reindex(codes).to_numpy())
    out.loc[summed, list(PESERTA_COLUMNS)] = sums.reindex(codes).to_numpy()
    out["target_ucj_pct"] = np.round(np.clip(out["target_ucj_pct"] - rng.uniform(2, 5, n), 0, 100), 2)
    rentan = out["pekerja_rentan_apbd"].to_numpy(dtype=float)
    rentan_before = np.round(rentan * rng.uniform(0.4, 1.05, n)) * (rng.random(n) < 0.9)
    cost = out["anggaran_iuran_apbd_rp"].to_numpy(dtype=float)
    out["pekerja_rentan_apbd"] = rentan_before
    out["anggaran_iuran_apbd_rp"] = np.round(
        np.divide(cost * rentan_before, rentan, out=np.zeros(n), where=rentan > 0), -3
    )
    out["perda"] = out["perda"].to_numpy(dtype=float) * (rng.random(n) < 0.85)
    for column in ("perkada", "surat_edaran"):
        out[column] = _fewer(out[column], 0.3, rng)
    return out


def _desa_step(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One year back for villages: a little smaller, less covered, fewer officials and workers protected."""
    out = rows.copy().reset_index(drop=True)
    n = len(out)
    out["tahun"] = out["tahun"] - 1
    out["penduduk_bekerja"] = np.round(out["penduduk_bekerja"].to_numpy(dtype=float) / rng.uniform(1.0, 1.03, n))
    peserta = np.round(out["peserta"].to_numpy(dtype=float) * rng.uniform(0.8, 1.0, n))
    out["peserta"] = np.minimum(peserta, out["penduduk_bekerja"])
    for column in ("perangkat_terlindungi", "bpd_terlindungi"):
        out[column] = _fewer(out[column], 0.2, rng)
    rentan = out["pekerja_rentan_dana_desa"].to_numpy(dtype=float)
    before = np.round(rentan * rng.uniform(0.5, 1.0, n)) * (rng.random(n) < 0.85)
    cost = out["anggaran_iuran_dana_desa_rp"].to_numpy(dtype=float)
    out["pekerja_rentan_dana_desa"] = before
    out["anggaran_iuran_dana_desa_rp"] = np.round(
        np.divide(cost * before, rentan, out=np.zeros(n), where=rentan > 0), -3
    )
    return out


def _business_step(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One year back for businesses: workforce drifts, fewer registered, fewer programmes, other arrears."""
    out = rows.copy().reset_index(drop=True)
    n = len(out)
    out["tahun"] = out["tahun"] - 1
    workers = np.maximum(1, np.round(out["jumlah_pekerja"].to_numpy(dtype=float) * rng.uniform(0.9, 1.05, n)))
    registered = np.floor(out["pekerja_terdaftar"].to_numpy(dtype=float) * rng.uniform(0.85, 1.0, n))
    out["jumlah_pekerja"], out["pekerja_terdaftar"] = workers, np.clip(registered, 1, workers)
    jht = out["jht"].astype(bool).to_numpy() & (rng.random(n) < 0.95)
    jp = out["jp"].astype(bool).to_numpy() & jht & (rng.random(n) < 0.9)
    jkp = out["jkp"].astype(bool).to_numpy() & jp & (rng.random(n) < 0.9)
    out["jht"], out["jp"], out["jkp"] = jht.astype(int), jp.astype(int), jkp.astype(int)
    out["bulan_tunggakan"] = np.where(rng.random(n) < 0.8, 0, np.minimum(rng.geometric(0.4, n), 12))
    for column in ("upah_sesuai_pct", "nik_valid_pct", "vendor_patuh_pct"):
        out[column] = np.round(np.clip(out[column].to_numpy(dtype=float) - rng.uniform(0, 5, n), 0, 100), 2)
    out["pekerja_rentan_csr"] = np.floor(out["pekerja_rentan_csr"].to_numpy(dtype=float) * rng.uniform(0.5, 1.0, n))
    return out


def _joined(rows: pd.DataFrame, key: str, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """`rows` without the participants that joined in the later season: about JOINED_SHARE of them, by key."""
    ids = np.sort(rows.loc[rows["tahun"] == year, key].unique())
    new = rng.choice(ids, round(len(ids) * JOINED_SHARE), replace=False) if len(ids) else ids
    return rows[~rows[key].isin(new)].reset_index(drop=True)


def _left(rows: pd.DataFrame, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """`rows` plus a few generated businesses that took part in this season only, their NPP and names other than
    any of `rows` and of each other; the businesses of `rows` keep their names (two of them may share one, as two
    businesses of the next season in different regencies may)."""
    regencies = np.sort(rows["kode_wilayah"].unique())
    k = max(2, round(LEFT_SHARE * rows["npp"].nunique()))
    slots = pd.DataFrame(
        {"kode_wilayah": rng.choice(regencies, k), "skala": rng.choice(SKALA, k), "nama": None, "sektor": None}
    )
    left = invented_businesses(slots, year, rng)
    left = left[~left["npp"].isin(rows["npp"])]
    for column in _DECIMALS:
        if column in left:
            left[column] = pd.to_numeric(left[column])
    taken = set(rows["nama"].str.removesuffix(FICTIONAL_MARK))
    names = []
    for bare in left["nama"].str.removesuffix(FICTIONAL_MARK):
        name, n = bare, 1
        while name in taken:  # as distinct_names numbers a repeated name: " 2", " 3", ...
            n += 1
            name = f"{bare} {n}"
        taken.add(name)
        names.append(name + FICTIONAL_MARK)
    return pd.concat([rows, left.assign(nama=names)], ignore_index=True)


def _text(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The table as CSV cells: whole numbers without a decimal point, decimals at most their places, blanks empty
    (and zeros too where the contract reads a blank as zero, as the generator writes them), rows in the generator's
    order."""
    out = frame.loc[:, list(COLUMNS[table])].copy()
    zero_blank = {c.name for t in TABLES if t.name == table for c in t.columns if c.blank == "zero"}
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]) or column in _DECIMALS:
            cells = [_number(v, _DECIMALS.get(column, 0)) for v in out[column]]
            out[column] = ["" if column in zero_blank and cell == "0" else cell for cell in cells]
    order = {"pemda": ["kode_wilayah", "tahun"], "desa": ["kode_desa", "tahun"], "badan_usaha": ["kode_wilayah", "npp"]}
    if table in order:
        out = out.sort_values(order[table], kind="stable")
    return out.fillna("")


def _number(value: object, decimals: int) -> str:
    """A cell's number as text: empty when blank, `12` for a whole number, `53.57` at most `decimals` places."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return ""
    number = round(float(value), decimals)  # type: ignore[arg-type]  # a number or its text
    return str(int(number)) if number.is_integer() else f"{number:.{decimals}f}".rstrip("0")
