"""Raw indicator values per participant: one formula per indicator id and participant table, vectorised.

A value that cannot be computed is NaN with a reason code (`penyebut_nol`, `tanpa_data_tahun_lalu`, ...). The
formulas read the participants' year-T rows (previous-year columns suffixed `_lalu`, see registry.py), the
category (expected programmes, indicators not applicable to some villages) and the methodology's `aturan`.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .schema import PESERTA_COLUMNS, PROGRAMMES, SKALA

if TYPE_CHECKING:
    from .methodology import Aturan, Category

#: Reason codes for an indicator that does not apply to a participant.
PENYEBUT_NOL = "penyebut_nol"
PENYEBUT_NOL_TAHUN_LALU = "penyebut_nol_tahun_lalu"
TANPA_DATA_TAHUN_LALU = "tanpa_data_tahun_lalu"
KOSONG = "kosong"
TIDAK_BERLAKU = "tidak_berlaku_{}"  # the methodology's tidak_berlaku_untuk: tidak_berlaku_kelurahan, ..._desa
REASONS: tuple[str, ...] = (PENYEBUT_NOL, PENYEBUT_NOL_TAHUN_LALU, TANPA_DATA_TAHUN_LALU, KOSONG)
NONE = np.array(None, dtype=object)
"""None as an array, for a `np.where` or `np.select` with None as one choice (the result holds None objects)."""

#: Values (NaN where not applicable) and reasons (None where applicable), one entry per participant.
Computed = tuple[np.ndarray, np.ndarray]
Compute = Callable[[pd.DataFrame, "Category", "Aturan"], Computed]


@dataclass(frozen=True)
class Formula:
    """How one indicator is computed: its formula in column names, numbers and operators only, so that it reads
    the same in every language (`{key}`: a value of the methodology's aturan, `{programme_share}`: the share of
    the category's expected programmes) and the vectorised function."""

    text: str
    compute: Compute

    def shown(self, category: Category, aturan: Aturan) -> str:
        """The formula with the methodology's values filled in."""
        expected = category.programmes_expected
        programme_share = (
            "; ".join(f"{skala}: {_share_of(p)}" for skala, p in expected.items())
            if isinstance(expected, dict)
            else _share_of(expected or ())
        )
        values = {k: _plain(v) for k, v in aturan.model_dump().items() if not isinstance(v, dict)}
        values |= {k: _plain(v) for k, v in aturan.regulasi.model_dump().items()}
        return self.text.format(**values, programme_share=programme_share)

    def rules(self, aturan: Aturan) -> set[str]:
        """The keys of `aturan` the formula uses (`regulasi` for any of its points)."""
        used = {name for _, name, _, _ in string.Formatter().parse(self.text) if name}
        found = used & set(type(aturan).model_fields)
        return found | ({"regulasi"} if used & set(type(aturan.regulasi).model_fields) else set())


def _share_of(programmes: Sequence[str]) -> str:
    """100 * (jkk + jkm) / 2: the share of `programmes` a business is enrolled in."""
    return f"100 * ({' + '.join(programmes)}) / {len(programmes)}"


def _plain(value: object) -> str:
    """30 rather than 30.0."""
    return f"{value:g}" if isinstance(value, float) else str(value)


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


def _ratio(
    numerator: np.ndarray, denominator: np.ndarray, scale: float = 100.0, zero_reason: str = PENYEBUT_NOL
) -> Computed:
    """scale * numerator / denominator; blank inputs are `kosong`, a zero denominator `zero_reason`."""
    reasons = np.full(numerator.shape, None, dtype=object)
    reasons[denominator == 0] = zero_reason
    reasons[np.isnan(numerator) | np.isnan(denominator)] = KOSONG
    with np.errstate(divide="ignore", invalid="ignore"):
        return _checked(scale * numerator / denominator, reasons)


def _value(column: str) -> Compute:
    def compute(frame: pd.DataFrame, _: Category, __: Aturan) -> Computed:
        values = _floats(frame[column])
        reasons = np.where(np.isnan(values), KOSONG, NONE).astype(object)
        return values, reasons

    return compute


# --- governments -------------------------------------------------------------------------------


def _peserta(frame: pd.DataFrame, suffix: str = "") -> np.ndarray:
    return sum((_floats(frame[c + suffix]) for c in PESERTA_COLUMNS), start=np.zeros(len(frame)))


def coverage(frame: pd.DataFrame, suffix: str = "") -> Computed:
    """Universal coverage `ucj` of government rows; suffix `_lalu` for the previous year's."""
    zero_reason = PENYEBUT_NOL_TAHUN_LALU if suffix else PENYEBUT_NOL
    return _ratio(_peserta(frame, suffix), _floats(frame["penduduk_bekerja" + suffix]), zero_reason=zero_reason)


def _ucj(frame: pd.DataFrame, _: Category, __: Aturan) -> Computed:
    return coverage(frame)


def _ucj_naik(frame: pd.DataFrame, _: Category, aturan: Aturan) -> Computed:
    now, now_reason = coverage(frame)
    before, before_reason = coverage(frame, "_lalu")
    missing = np.where(frame["ada_tahun_lalu"].to_numpy(dtype=bool), NONE, TANPA_DATA_TAHUN_LALU)
    cap = aturan.cakupan_maks
    return _checked(
        np.minimum(now, cap) - np.minimum(before, cap), _first_reason(now_reason, missing.astype(object), before_reason)
    )


def _capaian_target(frame: pd.DataFrame, _: Category, __: Aturan) -> Computed:
    ucj, ucj_reason = coverage(frame)
    values, reasons = _ratio(np.nan_to_num(ucj), _floats(frame["target_ucj_pct"]))
    return _checked(values, _first_reason(ucj_reason, reasons))


def _rentan_apbd(frame: pd.DataFrame, _: Category, __: Aturan) -> Computed:
    return _ratio(_floats(frame["pekerja_rentan_apbd"]), _floats(frame["penduduk_bekerja"]))


def _regulasi(frame: pd.DataFrame, _: Category, aturan: Aturan) -> Computed:
    perda, perkada, edaran = (_floats(frame[c]) for c in ("perda", "perkada", "surat_edaran"))
    points = aturan.regulasi
    values = np.minimum(
        100.0,
        points.perda * perda
        + points.perkada * np.minimum(perkada, points.perkada_maks)
        + points.surat_edaran * np.minimum(edaran, points.surat_edaran_maks),
    )
    reasons = np.where(np.isnan(values), KOSONG, NONE).astype(object)
    return values, reasons


GOVERNMENT: dict[str, Formula] = {
    "ucj": Formula("100 * (peserta_pu + peserta_bpu + peserta_jakon + peserta_pmi) / penduduk_bekerja", _ucj),
    "ucj_naik": Formula("min(ucj(T), {cakupan_maks}) - min(ucj(T-1), {cakupan_maks})", _ucj_naik),
    "capaian_target": Formula("100 * ucj / target_ucj_pct", _capaian_target),
    "rentan_apbd": Formula("100 * pekerja_rentan_apbd / penduduk_bekerja", _rentan_apbd),
    "regulasi": Formula(
        "min(100, {perda}*perda + {perkada}*min(perkada, {perkada_maks}) "
        "+ {surat_edaran}*min(surat_edaran, {surat_edaran_maks}))",
        _regulasi,
    ),
}


# --- villages ----------------------------------------------------------------------------------


def _share(numerator: str, denominator: str) -> Compute:
    def compute(frame: pd.DataFrame, _: Category, __: Aturan) -> Computed:
        return _ratio(_floats(frame[numerator]), _floats(frame[denominator]))

    return compute


VILLAGE: dict[str, Formula] = {
    "cakupan_desa": Formula("100 * peserta / penduduk_bekerja", _share("peserta", "penduduk_bekerja")),
    "perangkat": Formula(
        "100 * perangkat_terlindungi / perangkat_desa", _share("perangkat_terlindungi", "perangkat_desa")
    ),
    "bpd": Formula("100 * bpd_terlindungi / anggota_bpd", _share("bpd_terlindungi", "anggota_bpd")),
    "rentan_dana_desa": Formula(
        "100 * pekerja_rentan_dana_desa / penduduk_bekerja", _share("pekerja_rentan_dana_desa", "penduduk_bekerja")
    ),
}


# --- businesses -------------------------------------------------------------------------------


def _program(frame: pd.DataFrame, category: Category, _: Aturan) -> Computed:
    """Enrolled / expected programmes, the expected ones by the business's size (programmes_expected)."""
    skala = frame["skala"].to_numpy(dtype=object)
    enrolled = np.zeros(len(frame))
    expected = np.zeros(len(frame))
    for programme in PROGRAMMES:
        sizes = [s for s in SKALA if programme in category.programmes_for(s)]
        if sizes:
            wanted = np.isin(skala, sizes)
            enrolled += np.where(wanted, _floats(frame[programme]), 0.0)
            expected += wanted
    return _ratio(enrolled, expected)


def _tertib_iuran(frame: pd.DataFrame, _: Category, aturan: Aturan) -> Computed:
    months = _floats(frame["bulan_tunggakan"])
    reasons = np.where(np.isnan(months), KOSONG, NONE).astype(object)
    limit = aturan.tunggakan_maks_bulan
    return _checked(100 * (1 - np.minimum(months, limit) / limit), reasons)


BUSINESS: dict[str, Formula] = {
    "kepesertaan": Formula("100 * pekerja_terdaftar / jumlah_pekerja", _share("pekerja_terdaftar", "jumlah_pekerja")),
    "program": Formula("{programme_share}", _program),
    "tertib_iuran": Formula(
        "100 * (1 - min(bulan_tunggakan, {tunggakan_maks_bulan}) / {tunggakan_maks_bulan})", _tertib_iuran
    ),
    "upah_sesuai": Formula("upah_sesuai_pct", _value("upah_sesuai_pct")),
    "nik_valid": Formula("nik_valid_pct", _value("nik_valid_pct")),
    "vendor_patuh": Formula("vendor_patuh_pct", _value("vendor_patuh_pct")),
    "csr_rentan": Formula("100 * pekerja_rentan_csr / jumlah_pekerja", _share("pekerja_rentan_csr", "jumlah_pekerja")),
}

#: The formulas of each participant table (a category's `peserta.tabel`).
FORMULAS: dict[str, dict[str, Formula]] = {"pemda": GOVERNMENT, "desa": VILLAGE, "badan_usaha": BUSINESS}
KNOWN_INDICATORS: dict[str, tuple[str, ...]] = {tabel: tuple(formulas) for tabel, formulas in FORMULAS.items()}
#: The columns whose previous-year (T-1) value the formulas of a table read, as `<column>_lalu`.
PREVIOUS_YEAR: dict[str, tuple[str, ...]] = {
    "pemda": ("penduduk_bekerja", *PESERTA_COLUMNS),
    "desa": (),
    "badan_usaha": (),
}


def compute(
    rows: pd.DataFrame, category: Category, aturan: Aturan, ids: Sequence[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Raw values (NaN = not applicable) and reasons of indicators `ids` (default: the category's) for `rows`,
    a category's participants as registry.Registry gives them; both frames share the index of `rows`.

    An indicator the methodology declares `tidak_berlaku_untuk` a village kind does not apply to those villages
    (reason `tidak_berlaku_<kind>`), whatever its inputs.
    """
    ids = category.indicator_ids if ids is None else tuple(ids)
    formulas = FORMULAS[category.peserta.tabel]
    declared = {i.id: i.tidak_berlaku_untuk or () for i in category.indicators}
    values: dict[str, np.ndarray] = {}
    reasons: dict[str, np.ndarray] = {}
    for indicator in ids:
        value, reason = formulas[indicator].compute(rows, category, aturan)
        for jenis in declared.get(indicator, ()):
            reason = np.where(rows["jenis"].to_numpy(dtype=object) == jenis, TIDAK_BERLAKU.format(jenis), reason)
        values[indicator], reasons[indicator] = _checked(value, reason)
    return (
        pd.DataFrame(values, index=rows.index, columns=list(ids), dtype=np.float64),
        pd.DataFrame(reasons, index=rows.index, columns=list(ids), dtype=object),
    )
