"""A hand-computable season for the scoring tests: round numbers, every not-applicable case, ties.

Expected values are worked out in the tests themselves; the comments here only say what each row is for.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from conftest import write_season
from paritrana_nb.methodology import Methodology, load_methodology, parse_methodology
from paritrana_nb.season import Season, read_season

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_METHODOLOGY = PROJECT / "params" / "2025" / "metodologi.yaml"

PEMDA_COLUMNS = ["kode_wilayah", "tahun", "penduduk_bekerja", "peserta_pu", "peserta_bpu", "peserta_jakon",
                 "peserta_pmi", "target_ucj_pct", "pekerja_rentan_apbd", "anggaran_iuran_apbd_rp", "perda",
                 "perkada", "surat_edaran"]
DESA_COLUMNS = ["kode_desa", "nama", "kode_wilayah", "tahun", "penduduk_bekerja", "peserta", "perangkat_desa",
                "perangkat_terlindungi", "anggota_bpd", "bpd_terlindungi", "pekerja_rentan_dana_desa",
                "anggaran_iuran_dana_desa_rp"]
BU_COLUMNS = ["npp", "nama", "kode_wilayah", "skala", "sektor", "tahun", "jumlah_pekerja", "pekerja_terdaftar",
              "jkk", "jkm", "jht", "jp", "jkp", "bulan_tunggakan", "upah_sesuai_pct", "nik_valid_pct",
              "vendor_patuh_pct", "pekerja_rentan_csr"]


def hand_tables() -> dict[str, pd.DataFrame]:
    """Two provinces (61 with four regencies/cities, 62 with one), five villages, four businesses."""
    wilayah = pd.DataFrame(
        [
            ("61", "Kalimantan Barat", "provinsi", "61", "Kalimantan"),
            ("61.01", "Kabupaten Satu", "kabupaten", "61", ""),
            ("61.02", "Kabupaten Dua", "kabupaten", "61", ""),
            ("61.03", "Kabupaten Tiga", "kabupaten", "61", ""),
            ("61.71", "Kota Tujuh", "kota", "61", ""),
            ("62", "Kalimantan Tengah", "provinsi", "62", "Kalimantan"),
            ("62.01", "Kabupaten Lima", "kabupaten", "62", ""),
        ],
        columns=["kode_wilayah", "nama", "tingkat", "kode_provinsi", "zona"],
    )
    pemda = pd.DataFrame(
        [
            # province 61: ucj 50 (T) against 40 (T-1)
            ("61", 2024, 10000, 3000, 1000, 500, 500, 50, 1000, 201600000, 1, 1, 1),
            ("61", 2023, 10000, 3000, 500, 500, 0, 50, 900, 181440000, 1, 1, 1),
            # province 62: ucj 40 against 42
            ("62", 2024, 5000, 1500, 500, 0, 0, 80, 250, 50400000, 0, 0, 0),
            ("62", 2023, 5000, 1600, 500, 0, 0, 80, 250, 50400000, 0, 0, 0),
            # 61.01: every indicator applies; perkada 3 is capped at 2
            ("61.01", 2024, 1000, 300, 150, 30, 20, 62.5, 50, 10080000, 1, 3, 0),
            ("61.01", 2023, 1000, 300, 120, 30, 0, 60, 40, 8064000, 1, 3, 0),
            # 61.02: no T-1 row; capaian and rentan above the upper goalpost
            ("61.02", 2024, 2000, 1000, 200, 0, 0, 50, 500, 100800000, 0, 1, 5),
            # 61.03: coverage 120% (>= 100 list); target 0 -> capaian_target not applicable
            ("61.03", 2024, 500, 400, 200, 0, 0, 0, 0, 0, 1, 2, 2),
            ("61.03", 2023, 500, 400, 100, 0, 0, 0, 0, 0, 1, 2, 2),
            # 61.71: working population 0 in T-1 -> ucj_naik not applicable; ties 61.02's APBD budget
            ("61.71", 2024, 4000, 1000, 600, 200, 200, 50, 100, 100800000, 0, 0, 1),
            ("61.71", 2023, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 1),
            # 62.01: alone in its province, no interview -> desk stage
            ("62.01", 2024, 1000, 400, 100, 0, 0, 50, 0, 0, 0, 0, 0),
            ("62.01", 2023, 1000, 300, 100, 0, 0, 50, 0, 0, 0, 0, 0),
        ],
        columns=PEMDA_COLUMNS,
    )
    desa = pd.DataFrame(
        [
            ("61.01.01.2001", "Desa Satu", "61.01", 2024, 200, 100, 10, 8, 5, 4, 20, 4032000),
            # same desk score as Desa Satu (60.5) with a higher tie-break value (cakupan 70)
            ("61.02.01.2002", "Desa Dua", "61.02", 2024, 100, 70, 10, 6, 5, 4, 8, 1612800),
            # identical to Desa Satu: shares its rank
            ("61.03.01.2003", "Desa Tiga", "61.03", 2024, 200, 100, 10, 8, 5, 4, 20, 4032000),
            # a kelurahan: no BPD -> bpd not applicable
            ("61.71.01.1001", "Kelurahan Tujuh", "61.71", 2024, 400, 100, 8, 8, 0, 0, 0, 0),
            # working population 0 -> cakupan_desa and rentan_dana_desa not applicable
            ("62.01.01.2001", "Desa Lima", "62.01", 2024, 0, 0, 10, 10, 5, 5, 0, 0),
        ],
        columns=DESA_COLUMNS,
    )
    badan_usaha = pd.DataFrame(
        [
            ("0000000001", "PT Satu", "61.01", "besar", "perkebunan", 2024, 100, 90, 1, 1, 1, 1, 0, 3, 90, 95, "", 5),
            ("0000000002", "PT Dua", "61.02", "menengah", "konstruksi", 2024, 50, 50, 1, 1, 1, 1, 1, 0, 100, 100, 80, 10),
            ("0000000003", "CV Tiga", "61.71", "kecil", "perdagangan", 2024, 10, 10, 1, 1, 0, 0, 0, 15, 100, 90, "", 0),
            ("0000000004", "UD Empat", "62.01", "mikro", "perdagangan", 2024, 0, 0, 1, 1, 1, 0, 0, 6, 50, 100, "", 0),
        ],
        columns=BU_COLUMNS,
    )
    jury = []
    # 61.01: four jurors -> highest and lowest dropped
    for juri, inovasi, sinergi, presentasi in (("J1", 80, 70, 100), ("J2", 90, 70, 50), ("J3", 70, 70, 80),
                                               ("J4", 60, 70, 90)):
        jury += [("pemda", "61.01", juri, "inovasi", inovasi), ("pemda", "61.01", juri, "sinergi", sinergi),
                 ("pemda", "61.01", juri, "presentasi", presentasi)]
    # 61.02: three jurors -> plain mean; nobody scored presentasi
    for juri, inovasi, sinergi in (("J1", 60, 50), ("J2", 70, 60), ("J3", 80, 70)):
        jury += [("pemda", "61.02", juri, "inovasi", inovasi), ("pemda", "61.02", juri, "sinergi", sinergi)]
    wawancara = pd.DataFrame(jury, columns=["kategori", "id_peserta", "juri", "aspek", "nilai"])
    return {"wilayah": wilayah, "pemda": pemda, "desa": desa, "badan_usaha": badan_usaha, "wawancara": wawancara}


def season_from(tables: dict[str, pd.DataFrame], folder: Path) -> Season:
    """Write `tables` under `folder` and load them through the validating loader."""
    write_season(folder, tables)
    return read_season(2025, folder)


@lru_cache(maxsize=1)
def hand_season() -> Season:
    """The hand season, loaded once per test session (Season is frozen; tests never modify it)."""
    folder = Path(tempfile.mkdtemp(prefix="paritrana-hand-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return season_from(hand_tables(), folder)


@lru_cache(maxsize=1)
def default_methodology() -> Methodology:
    return load_methodology(DEFAULT_METHODOLOGY, musim=2025)


def methodology_data() -> dict:
    """The default methodology as plain data, for tests that change one key."""
    return yaml.safe_load(DEFAULT_METHODOLOGY.read_text(encoding="utf-8"))


def methodology_with(change: dict[str, object]) -> Methodology:
    """The default methodology with categories replaced or dropped (value None) by `change`."""
    data = methodology_data()
    for kategori, category in change.items():
        if category is None:
            data["kategori"].pop(kategori)
        else:
            data["kategori"][kategori] = category
    return parse_methodology(data)


def tables_with_interviews(rows: list[tuple[str, str, str, str, float]]) -> dict[str, pd.DataFrame]:
    """The hand tables with `wawancara` replaced by `rows` (kategori, id_peserta, juri, aspek, nilai)."""
    tables = hand_tables()
    tables["wawancara"] = pd.DataFrame(rows, columns=["kategori", "id_peserta", "juri", "aspek", "nilai"])
    return tables


def gaps_tables() -> dict[str, pd.DataFrame]:
    """A desk-stage season (no interviews) built for `paritrana gaps`: in each category one participant a known,
    hand-computable distance behind the other (see tests/unit/test_gaps.py for the arithmetic)."""
    wilayah = pd.DataFrame(
        [("61", "Kalimantan Barat", "provinsi", "61", "Kalimantan"), ("61.01", "Kabupaten Satu", "kabupaten", "61", ""),
         ("61.02", "Kabupaten Dua", "kabupaten", "61", "")],
        columns=["kode_wilayah", "nama", "tingkat", "kode_provinsi", "zona"],
    )
    pemda = pd.DataFrame(
        [
            ("61", 2024, 10000, 3000, 1000, 0, 0, 50, 100, 20160000, 1, 1, 1),
            ("61", 2023, 10000, 3000, 1000, 0, 0, 50, 100, 20160000, 1, 1, 1),
            # desk 31.0: ucj 40, growth 0, target 50 % reached, no APBD workers, one circular (regulasi 10)
            ("61.01", 2024, 1000, 300, 100, 0, 0, 80, 0, 0, 0, 0, 1),
            ("61.01", 2023, 1000, 300, 100, 0, 0, 80, 0, 0, 0, 0, 1),
            # desk 29.5: the same without the circular
            ("61.02", 2024, 1000, 300, 100, 0, 0, 80, 0, 0, 0, 0, 0),
            ("61.02", 2023, 1000, 300, 100, 0, 0, 80, 0, 0, 0, 0, 0),
        ],
        columns=PEMDA_COLUMNS,
    )
    desa = pd.DataFrame(
        [
            # desk 71.0: cakupan 60, perangkat 100, bpd 100, rentan 10 %
            ("61.01.01.2001", "Desa Satu", "61.01", 2024, 100, 60, 10, 10, 5, 5, 10, 2016000),
            # desk 65.5: cakupan 50, perangkat 90 (9 of 10), bpd 100, rentan 10 %
            ("61.02.01.2001", "Desa Dua", "61.02", 2024, 100, 50, 10, 9, 5, 5, 10, 2016000),
        ],
        columns=DESA_COLUMNS,
    )
    badan_usaha = pd.DataFrame(
        [
            # desk 88.3333: all registered, jkk+jkm+jht, 2 months in arrears, wages 50 %
            ("0000000001", "CV Satu", "61.01", "kecil", "perdagangan", 2024, 10, 10, 1, 1, 1, 0, 0, 2, 50, 100, "", 0),
            # desk 88.0833: all registered, jkk+jkm (no jht), 1 month in arrears, wages 90 %
            ("0000000002", "CV Dua", "61.02", "kecil", "perdagangan", 2024, 10, 10, 1, 1, 0, 0, 0, 1, 90, 100, "", 0),
        ],
        columns=BU_COLUMNS,
    )
    wawancara = pd.DataFrame(columns=["kategori", "id_peserta", "juri", "aspek", "nilai"])
    return {"wilayah": wilayah, "pemda": pemda, "desa": desa, "badan_usaha": badan_usaha, "wawancara": wawancara}


@lru_cache(maxsize=1)
def gaps_season() -> Season:
    """The gaps season, loaded once per test session (never modified)."""
    folder = Path(tempfile.mkdtemp(prefix="paritrana-gaps-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return season_from(gaps_tables(), folder)


def uncertainty_tables() -> dict[str, pd.DataFrame]:
    """The hand season with its villages replaced: in province 61 one far ahead, two close, one far behind, and
    one with nothing to score (see tests/unit/test_uncertainty.py for the arithmetic)."""
    tables = hand_tables()
    tables["desa"] = pd.DataFrame(
        [
            # desk 100: every indicator at its upper goalpost
            ("61.01.01.2001", "Desa Unggul", "61.01", 2024, 100, 100, 10, 10, 5, 5, 20, 4032000),
            # desk 37.5 = (35 * 50 + 20 * 100) / 100: cakupan 50, perangkat 100, bpd 0, rentan 0
            ("61.02.01.2002", "Desa Dua", "61.02", 2024, 100, 50, 10, 10, 5, 0, 0, 0),
            # desk 34.0 = (35 * 80 + 20 * 30) / 100: cakupan 80, perangkat 30, bpd 0, rentan 0
            ("61.03.01.2003", "Desa Tiga", "61.03", 2024, 100, 80, 10, 3, 5, 0, 0, 0),
            # desk 3.5 = 35 * 10 / 100: cakupan 10, nothing else
            ("61.01.01.2004", "Desa Empat", "61.01", 2024, 100, 10, 10, 0, 5, 0, 0, 0),
            # no denominator anywhere: not scored
            ("61.02.01.2005", "Desa Kosong", "61.02", 2024, 0, 0, 0, 0, 0, 0, 0, 0),
        ],
        columns=DESA_COLUMNS,
    )
    return tables


@lru_cache(maxsize=1)
def uncertainty_season() -> Season:
    """The uncertainty season, loaded once per test session (never modified)."""
    folder = Path(tempfile.mkdtemp(prefix="paritrana-uncertainty-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return season_from(uncertainty_tables(), folder)
