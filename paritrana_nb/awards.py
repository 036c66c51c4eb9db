"""Lists derived from a scored season: national-round nominees and the methodology's special awards.

Nominees are the first places of every category ranked within a province. A special award (`penghargaan_khusus`)
goes to the participants of one category whose raw indicator value (year T), input column (year T) or jury aspect
mean (finalists) meets its rule: at least / at most a value, or the N largest / smallest per ranking group.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from . import indicators
from .methodology import Award, Methodology
from .registry import Registry

#: One row per award and participant; the CSV of `paritrana awards` leaves out kode_provinsi and adds `alasan`
#: (`csv_table`).
COLUMNS: tuple[str, ...] = ("penghargaan", "kategori", "kelompok", "kode_provinsi", "id_peserta", "nama", "nilai")
CSV_COLUMNS: tuple[str, ...] = (*(c for c in COLUMNS if c != "kode_provinsi"), "alasan")
#: `alasan` of the CSV row of an award nobody won (in the provinces asked for): its winner columns are empty.
TANPA_PEMENANG = "tanpa_pemenang"


def nominees(peserta: pd.DataFrame, methodology: Methodology) -> pd.DataFrame:
    """First places (rank 1, ties included) of every category ranked within a province, nominated to the
    national round, with `skor` the score they were ranked by."""
    provincial = [k for k, c in methodology.kategori.items() if c.provincial]
    first = peserta[peserta["kategori"].isin(provincial) & (peserta["peringkat"] == 1).fillna(False)]
    out = first[["kategori", "kode_provinsi", "id_peserta", "nama", "tahap", "finalis"]].copy()
    out["skor"] = first["skor_peringkat"].to_numpy(dtype=np.float64)
    return out.reset_index(drop=True)


def _candidates(found: Registry, award: Award, aspek: pd.DataFrame) -> pd.DataFrame:
    """The award's category members with their value (kelompok, kode_provinsi, id_peserta, nama, nilai)."""
    methodology = found.methodology
    category = methodology.kategori[award.kategori]
    rows = found.participants(award.kategori)
    kind, name = award.aturan.source()
    if kind == "aspek":
        means = aspek[(aspek["kategori"] == award.kategori) & (aspek["aspek"] == name) & ~aspek["tanpa_nilai"]]
        value = rows["id_peserta"].map(means.set_index("id_peserta")["rerata"])
    elif kind == "kolom":
        value = rows[name]
    else:
        value = indicators.compute(rows, category, methodology.aturan, [name])[0][name]
    out = rows[["kelompok", "kode_provinsi", "id_peserta", "nama"]].assign(nilai=value.to_numpy(dtype=np.float64))
    return out[out["nilai"].notna()]


def _at_decimals(values: ArrayLike, decimals: int) -> np.ndarray:
    """`numpy.round(values, decimals)`; a value too large to scale (a limit of 1e305) is kept as it is, having no
    digits at that many decimals anyway."""
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        rounded = np.round(values, decimals)
    return np.where(np.isfinite(rounded), rounded, values)


def _winners(award: Award, candidates: pd.DataFrame, decimals: int) -> pd.DataFrame:
    condition, limit = award.aturan.condition()
    values = candidates["nilai"]
    if condition in ("minimal", "maksimal"):
        # at `desimal` decimals like every score: a jury mean of 77.4 on paper (77.39999999999999) meets minimal 77.4
        rounded, bound = _at_decimals(values.to_numpy(dtype=np.float64), decimals), _at_decimals(limit, decimals)
        return candidates[rounded >= bound if condition == "minimal" else rounded <= bound]
    if condition == "terbesar" and award.aturan.kolom is not None:
        candidates = candidates[values > 0]  # an empty column (no budget at all) wins nothing
    ranks = (
        candidates["nilai"]
        .round(decimals)
        .groupby(candidates["kelompok"])
        .rank(method="min", ascending=condition == "terkecil")
    )
    return candidates[ranks <= limit]


def special_awards(
    found: Registry,
    aspek: pd.DataFrame,
    categories: Collection[str] | None = None,
    provinces: Collection[str] | None = None,
) -> pd.DataFrame:
    """Every special award of the methodology (of `categories`) and who gets it, columns COLUMNS.

    `aspek` is jury.aggregate's table of aspect means (aspects nobody scored are left out). Values (and a minimal /
    maksimal limit) are compared at the methodology's `desimal` decimals; largest / smallest are counted per
    ranking group with ties kept; a column's largest must be above 0. Whole groups are judged, then `provinces`
    keeps its participants' rows.
    Rows by award (file order), group, value (best first) and id.
    """
    methodology = found.methodology
    frames = []
    for award in methodology.penghargaan_khusus:
        if categories is not None and award.kategori not in categories:
            continue
        won = _winners(award, _candidates(found, award, aspek), methodology.aturan.desimal)
        if provinces is not None:
            won = won[won["kode_provinsi"].isin(list(provinces))]
        lowest_first = award.aturan.condition()[0] in ("maksimal", "terkecil")
        won = won.sort_values(["kelompok", "nilai", "id_peserta"], ascending=[True, lowest_first, True], kind="stable")
        frames.append(won.assign(penghargaan=award.id, kategori=award.kategori))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=np.float64 if c == "nilai" else object) for c in COLUMNS})
    return pd.concat(frames, ignore_index=True)[list(COLUMNS)]


def csv_table(won: pd.DataFrame, methodology: Methodology) -> pd.DataFrame:
    """The rows of the awards CSV, columns CSV_COLUMNS: `special_awards`' winners (`alasan` empty), and for every
    award of the methodology that nobody in `won` got one row with its id and category, the other columns empty and
    `alasan` TANPA_PEMENANG (where the reports say "none"), so that it is not taken for an award the methodology
    does not have. Rows by award (file order), each award's winners in the order of `won`."""
    given = set(won["penghargaan"])
    nobody = [a for a in methodology.penghargaan_khusus if a.id not in given]
    if not nobody:
        return won.assign(alasan=None)[list(CSV_COLUMNS)]
    empty = pd.DataFrame(
        {
            "penghargaan": [a.id for a in nobody],
            "kategori": [a.kategori for a in nobody],
            **{c: pd.Series([None] * len(nobody), dtype=won[c].dtype) for c in ("kelompok", "id_peserta", "nama")},
            "nilai": np.full(len(nobody), np.nan),
            "alasan": TANPA_PEMENANG,
        }
    )
    table = pd.concat([won.assign(alasan=None)[list(CSV_COLUMNS)], empty], ignore_index=True)
    order = {a.id: i for i, a in enumerate(methodology.penghargaan_khusus)}
    return table.iloc[np.argsort(table["penghargaan"].map(order).to_numpy(), kind="stable")].reset_index(drop=True)
