"""Lists derived from a scored season: national-round nominees and the two special-award lists.

Nominees are every provincial category's first place; the special lists come from year-T government data.
"""
from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from . import indicators
from .season import Season

UCJ_FULL = 100.0
NATIONAL_CATEGORY = "pemprov"


def nominees(peserta: pd.DataFrame) -> pd.DataFrame:
    """First places (rank 1, ties included) of every provincial category, nominated to the national round.

    `skor` is skor_akhir for finalists and skor_dokumen otherwise.
    """
    first = peserta[(peserta["kategori"] != NATIONAL_CATEGORY) & (peserta["peringkat"] == 1).fillna(False)]
    out = first[["kategori", "kode_provinsi", "id_peserta", "nama", "tahap", "finalis"]].copy()
    out["skor"] = np.where(first["finalis"], first["skor_akhir"], first["skor_dokumen"])
    return out.reset_index(drop=True)


def full_coverage(season: Season, provinces: Collection[str] | None = None) -> pd.DataFrame:
    """Regencies/cities whose universal coverage `ucj` is 100% or more in year T, highest first."""
    computed = indicators.compute(season, "pemda", ["ucj"], provinces=None if provinces is None else list(provinces))
    out = computed.peserta.assign(ucj=computed.nilai["ucj"])
    out = out[out["ucj"] >= UCJ_FULL]
    return out.sort_values(["kode_provinsi", "ucj", "id_peserta"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


def largest_apbd_budget(season: Season, provinces: Collection[str] | None = None) -> pd.DataFrame:
    """Per province the regency/city with the largest APBD budget for vulnerable workers' premiums (ties all kept).

    A province where no regency/city budgeted anything has no row.
    """
    rows = indicators.participant_rows(season, "pemda")
    if provinces is not None:
        rows = rows[rows["kode_provinsi"].isin(list(provinces))]
    rows = rows[rows["anggaran_iuran_apbd_rp"] > 0]
    top = rows.groupby("kode_provinsi")["anggaran_iuran_apbd_rp"].transform("max")
    out = rows.loc[rows["anggaran_iuran_apbd_rp"] == top,
                   ["kode_provinsi", "id_peserta", "nama", "anggaran_iuran_apbd_rp", "pekerja_rentan_apbd"]]
    return out.sort_values(["kode_provinsi", "id_peserta"], kind="stable").reset_index(drop=True)
