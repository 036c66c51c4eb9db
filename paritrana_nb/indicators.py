"""Raw indicator values per participant: one formula per indicator id, vectorised over the whole country.

A value that cannot be computed is NaN with a reason code (`penyebut_nol`, `tanpa_data_tahun_lalu`, ...).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .schema import KATEGORI, PESERTA_COLUMNS
from .season import Season

#: Reason codes for an indicator that does not apply to a participant.
PENYEBUT_NOL = "penyebut_nol"
PENYEBUT_NOL_TAHUN_LALU = "penyebut_nol_tahun_lalu"
TANPA_DATA_TAHUN_LALU = "tanpa_data_tahun_lalu"
KOSONG = "kosong"
REASONS: tuple[str, ...] = (PENYEBUT_NOL, PENYEBUT_NOL_TAHUN_LALU, TANPA_DATA_TAHUN_LALU, KOSONG)

#: Values (NaN where not applicable) and reasons (None where applicable), one entry per participant.
Computed = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Formula:
    """How one indicator is computed: its formula in column names and the vectorised function."""

    text: str
    compute: Callable[[pd.DataFrame, tuple[str, ...]], Computed]


def _floats(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype=np.float64, na_value=np.nan)


def _first_reason(*reasons: np.ndarray) -> np.ndarray:
    """Element-wise the first reason that is not None."""
    out = reasons[-1].copy()
    for reason in reversed(reasons[:-1]):
        out = np.where(pd.isna(reason), out, reason)
    return out


def _checked(values: np.ndarray, reasons: np.ndarray) -> Computed:
    values = values.astype(np.float64, copy=True)
    values[~pd.isna(reasons)] = np.nan
    return values, reasons


def _ratio(numerator: np.ndarray, denominator: np.ndarray, scale: float = 100.0,
           zero_reason: str = PENYEBUT_NOL) -> Computed:
    """scale * numerator / denominator; blank inputs are `kosong`, a zero denominator `zero_reason`."""
    reasons = np.full(numerator.shape, None, dtype=object)
    reasons[denominator == 0] = zero_reason
    reasons[np.isnan(numerator) | np.isnan(denominator)] = KOSONG
    with np.errstate(divide="ignore", invalid="ignore"):
        return _checked(scale * numerator / denominator, reasons)


def _value(column: str) -> Callable[[pd.DataFrame, tuple[str, ...]], Computed]:
    def compute(frame: pd.DataFrame, _: tuple[str, ...]) -> Computed:
        values = _floats(frame[column])
        reasons = np.where(np.isnan(values), KOSONG, None).astype(object)
        return values, reasons
    return compute


# --- governments (pemda and pemprov) --------------------------------------------------------

def _peserta(frame: pd.DataFrame, suffix: str = "") -> np.ndarray:
    return sum(_floats(frame[c + suffix]) for c in PESERTA_COLUMNS)  # type: ignore[return-value]


def _ucj(frame: pd.DataFrame, _: tuple[str, ...] = ()) -> Computed:
    return _ratio(_peserta(frame), _floats(frame["penduduk_bekerja"]))


def _ucj_naik(frame: pd.DataFrame, _: tuple[str, ...]) -> Computed:
    now, now_reason = _ucj(frame)
    before, before_reason = _ratio(_peserta(frame, "_lalu"), _floats(frame["penduduk_bekerja_lalu"]),
                                   zero_reason=PENYEBUT_NOL_TAHUN_LALU)
    missing = np.where(frame["ada_tahun_lalu"].to_numpy(dtype=bool), None, TANPA_DATA_TAHUN_LALU)
    return _checked(now - before, _first_reason(now_reason, missing.astype(object), before_reason))


def _capaian_target(frame: pd.DataFrame, _: tuple[str, ...]) -> Computed:
    ucj, ucj_reason = _ucj(frame)
    values, reasons = _ratio(np.nan_to_num(ucj), _floats(frame["target_ucj_pct"]))
    return _checked(values, _first_reason(ucj_reason, reasons))


def _rentan_apbd(frame: pd.DataFrame, _: tuple[str, ...]) -> Computed:
    return _ratio(_floats(frame["pekerja_rentan_apbd"]), _floats(frame["penduduk_bekerja"]))


def _regulasi(frame: pd.DataFrame, _: tuple[str, ...]) -> Computed:
    perda, perkada, edaran = (_floats(frame[c]) for c in ("perda", "perkada", "surat_edaran"))
    values = np.minimum(100.0, 40 * perda + 20 * np.minimum(perkada, 2) + 10 * np.minimum(edaran, 2))
    reasons = np.where(np.isnan(values), KOSONG, None).astype(object)
    return values, reasons


GOVERNMENT: dict[str, Formula] = {
    "ucj": Formula("100 * (peserta_pu + peserta_bpu + peserta_jakon + peserta_pmi) / penduduk_bekerja", _ucj),
    "ucj_naik": Formula("ucj(T) - ucj(T-1)", _ucj_naik),
    "capaian_target": Formula("100 * ucj / target_ucj_pct", _capaian_target),
    "rentan_apbd": Formula("100 * pekerja_rentan_apbd / penduduk_bekerja", _rentan_apbd),
    "regulasi": Formula("min(100, 40*perda + 20*min(perkada, 2) + 10*min(surat_edaran, 2))", _regulasi),
}


# --- villages ----------------------------------------------------------------------------------

def _share(numerator: str, denominator: str) -> Callable[[pd.DataFrame, tuple[str, ...]], Computed]:
    def compute(frame: pd.DataFrame, _: tuple[str, ...]) -> Computed:
        return _ratio(_floats(frame[numerator]), _floats(frame[denominator]))
    return compute


VILLAGE: dict[str, Formula] = {
    "cakupan_desa": Formula("100 * peserta / penduduk_bekerja", _share("peserta", "penduduk_bekerja")),
    "perangkat": Formula("100 * perangkat_terlindungi / perangkat_desa",
                         _share("perangkat_terlindungi", "perangkat_desa")),
    "bpd": Formula("100 * bpd_terlindungi / anggota_bpd", _share("bpd_terlindungi", "anggota_bpd")),
    "rentan_dana_desa": Formula("100 * pekerja_rentan_dana_desa / penduduk_bekerja",
                                _share("pekerja_rentan_dana_desa", "penduduk_bekerja")),
}


# --- businesses -------------------------------------------------------------------------------

def _program(frame: pd.DataFrame, expected: tuple[str, ...]) -> Computed:
    enrolled = sum(_floats(frame[p]) for p in expected)
    return _ratio(np.asarray(enrolled, dtype=np.float64), np.full(len(frame), float(len(expected))))


def _tertib_iuran(frame: pd.DataFrame, _: tuple[str, ...]) -> Computed:
    months = _floats(frame["bulan_tunggakan"])
    reasons = np.where(np.isnan(months), KOSONG, None).astype(object)
    return _checked(100 * (1 - np.minimum(months, 12) / 12), reasons)


BUSINESS: dict[str, Formula] = {
    "kepesertaan": Formula("100 * pekerja_terdaftar / jumlah_pekerja", _share("pekerja_terdaftar", "jumlah_pekerja")),
    "program": Formula("100 * programmes enrolled / programmes expected", _program),
    "tertib_iuran": Formula("100 * (1 - min(bulan_tunggakan, 12) / 12)", _tertib_iuran),
    "upah_sesuai": Formula("upah_sesuai_pct", _value("upah_sesuai_pct")),
    "nik_valid": Formula("nik_valid_pct", _value("nik_valid_pct")),
    "vendor_patuh": Formula("vendor_patuh_pct (blank = not applicable)", _value("vendor_patuh_pct")),
    "csr_rentan": Formula("100 * pekerja_rentan_csr / jumlah_pekerja", _share("pekerja_rentan_csr", "jumlah_pekerja")),
}

#: The formulas each category may use, by category.
FORMULAS: dict[str, dict[str, Formula]] = {
    "pemda": GOVERNMENT, "pemprov": GOVERNMENT, "desa": VILLAGE,
    "bu_besar_menengah": BUSINESS, "bu_kecil_mikro": BUSINESS,
}
KNOWN_INDICATORS: dict[str, tuple[str, ...]] = {k: tuple(FORMULAS[k]) for k in KATEGORI}
BUSINESS_CATEGORIES: tuple[str, ...] = ("bu_besar_menengah", "bu_kecil_mikro")
SKALA_OF: dict[str, tuple[str, ...]] = {"bu_besar_menengah": ("besar", "menengah"),
                                        "bu_kecil_mikro": ("kecil", "mikro")}


@dataclass(frozen=True)
class CategoryIndicators:
    """One category's participants (sorted by id) and their raw indicator values and reasons."""

    kategori: str
    peserta: pd.DataFrame
    nilai: pd.DataFrame
    alasan: pd.DataFrame


def _province(codes: pd.Series) -> np.ndarray:
    """The 2-digit province part of each Kemendagri code (computed once per distinct code)."""
    positions, distinct = pd.factorize(codes)
    return np.array([str(code)[:2] for code in distinct], dtype=object)[positions]


def _governments(season: Season, kategori: str) -> pd.DataFrame:
    pemda = season.pemda
    width = 2 if kategori == "pemprov" else 5
    codes = pemda["kode_wilayah"].astype(str)
    now = pemda[(pemda["tahun"] == season.tahun) & (codes.str.len() == width)]
    before = pemda[(pemda["tahun"] == season.tahun - 1) & (codes.str.len() == width)]
    before = before.set_index("kode_wilayah")[["penduduk_bekerja", *PESERTA_COLUMNS]].add_suffix("_lalu")
    frame = now.join(before, on="kode_wilayah")
    frame["ada_tahun_lalu"] = frame["kode_wilayah"].isin(before.index)
    names = season.region_names()
    frame["id_peserta"] = frame["kode_wilayah"]
    frame["nama"] = frame["kode_wilayah"].map(lambda code: names.get(code, code))
    frame["kode_provinsi"] = _province(frame["kode_wilayah"])
    return frame


def participant_rows(season: Season, kategori: str) -> pd.DataFrame:
    """Year-T rows of one category with `id_peserta`, `nama`, `kode_provinsi`, sorted by id_peserta."""
    if kategori in ("pemda", "pemprov"):
        frame = _governments(season, kategori)
    elif kategori == "desa":
        frame = season.desa[season.desa["tahun"] == season.tahun].copy()
        frame["id_peserta"] = frame["kode_desa"]
        frame["kode_provinsi"] = _province(frame["kode_wilayah"])
    else:
        bu = season.badan_usaha
        frame = bu[(bu["tahun"] == season.tahun) & bu["skala"].isin(SKALA_OF[kategori])].copy()
        frame["id_peserta"] = frame["npp"]
        frame["kode_provinsi"] = _province(frame["kode_wilayah"])
    return frame.sort_values("id_peserta", kind="stable").reset_index(drop=True)


def compute(season: Season, kategori: str, ids: Sequence[str], programmes_expected: Sequence[str] = (),
            provinces: Sequence[str] | None = None) -> CategoryIndicators:
    """Raw values of indicators `ids` for every year-T participant of `kategori` (optionally some provinces)."""
    frame = participant_rows(season, kategori)
    if provinces is not None:
        frame = frame[frame["kode_provinsi"].isin(list(provinces))].reset_index(drop=True)
    formulas = FORMULAS[kategori]
    values: dict[str, np.ndarray] = {}
    reasons: dict[str, np.ndarray] = {}
    for indicator in ids:
        values[indicator], reasons[indicator] = formulas[indicator].compute(frame, tuple(programmes_expected))
    peserta = frame[["id_peserta", "nama", "kode_provinsi"]].astype(object)
    return CategoryIndicators(
        kategori=kategori, peserta=peserta,
        nilai=pd.DataFrame(values, index=frame.index, columns=list(ids), dtype=np.float64),
        alasan=pd.DataFrame(reasons, index=frame.index, columns=list(ids), dtype=object),
    )
