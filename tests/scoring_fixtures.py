"""The seasons tests build: a small valid season that tests copy and break, and hand-computable seasons for the
scoring tests (round numbers, every not-applicable case, ties).

Expected values are worked out in the tests themselves; the comments here only say what each row is for. Loaded
seasons are shared through the session fixtures of tests/conftest.py.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import yaml

from paritrana_nb.methodology import Methodology, parse_methodology
from paritrana_nb.season import Season, read_season

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_METHODOLOGY = PROJECT / "params" / "2025" / "metodologi.yaml"

MUSIM = 2025

#: The columns of the hand-written tables, in the order their rows are written.
WILAYAH_COLUMNS = ["kode_wilayah", "nama", "tingkat", "kode_provinsi", "zona"]
PEMDA_COLUMNS = [
    "kode_wilayah",
    "tahun",
    "penduduk_bekerja",
    "peserta_pu",
    "peserta_bpu",
    "peserta_jakon",
    "peserta_pmi",
    "target_ucj_pct",
    "pekerja_rentan_apbd",
    "anggaran_iuran_apbd_rp",
    "perda",
    "perkada",
    "surat_edaran",
]
DESA_COLUMNS = [
    "kode_desa",
    "nama",
    "kode_wilayah",
    "tahun",
    "penduduk_bekerja",
    "peserta",
    "perangkat_desa",
    "perangkat_terlindungi",
    "anggota_bpd",
    "bpd_terlindungi",
    "pekerja_rentan_dana_desa",
    "anggaran_iuran_dana_desa_rp",
]
BU_COLUMNS = [
    "npp",
    "nama",
    "kode_wilayah",
    "skala",
    "sektor",
    "tahun",
    "jumlah_pekerja",
    "pekerja_terdaftar",
    "jkk",
    "jkm",
    "jht",
    "jp",
    "jkp",
    "bulan_tunggakan",
    "upah_sesuai_pct",
    "nik_valid_pct",
    "vendor_patuh_pct",
    "pekerja_rentan_csr",
]
WAWANCARA_COLUMNS = ["kategori", "id_peserta", "juri", "aspek", "nilai"]


def small_season_tables() -> dict[str, pd.DataFrame]:
    """Two provinces, four regencies/cities, four villages, four businesses, a 4-juror jury."""
    wilayah = pd.DataFrame(
        [
            ("61", "Kalimantan Barat", "provinsi", "61", "Kalimantan"),
            ("61.04", "Kabupaten Ketapang", "kabupaten", "61", ""),
            ("61.10", "Kabupaten Melawi", "kabupaten", "61", ""),
            ("61.71", "Kota Pontianak", "kota", "61", ""),
            ("65", "Kalimantan Utara", "provinsi", "65", "Kalimantan"),
            ("65.03", "Kabupaten Nunukan", "kabupaten", "65", ""),
        ],
        columns=WILAYAH_COLUMNS,
    )
    pemda_rows = []
    base = {
        "61": (2860000, 600000, 150000, 40000, 2000),
        "61.04": (192000, 71405, 29647, 5000, 900),
        "61.10": (110200, 20000, 8000, 1500, 0),
        "61.71": (348000, 150000, 30000, 8000, 500),
        "65": (378000, 120000, 30000, 9000, 3000),
        "65.03": (111700, 30000, 12000, 2500, 2500),
    }
    for code, (pb, pu, bpu, jakon, pmi) in base.items():
        for tahun, growth in ((2023, 1.0), (2024, 1.12)):
            pemda_rows.append(
                {
                    "kode_wilayah": code,
                    "tahun": tahun,
                    "penduduk_bekerja": pb,
                    "peserta_pu": int(pu * growth),
                    "peserta_bpu": int(bpu * growth * growth),
                    "peserta_jakon": jakon,
                    "peserta_pmi": pmi,
                    "target_ucj_pct": 55.5,
                    "pekerja_rentan_apbd": int(pb * 0.02 * growth),
                    "anggaran_iuran_apbd_rp": int(pb * 0.02 * growth) * 201600,
                    "perda": 1 if code in ("61.04", "65") else 0,
                    "perkada": 2 if code == "61.04" else 1,
                    "surat_edaran": 1,
                }
            )
    pemda = pd.DataFrame(pemda_rows)
    desa = pd.DataFrame(
        [
            ("61.04.01.2011", "Desa Sungai Putri", "61.04", 2024, 1200, 800, 12, 12, 9, 7, 150, 30240000),
            ("61.04.02.2003", "Desa Belaban", "61.04", 2024, 900, 300, 10, 6, 7, 0, 40, 8064000),
            ("61.71.01.1002", "Kelurahan Benuamelayu Laut", "61.71", 2024, 2500, 2100, 8, 8, 0, 0, 0, 0),
            ("65.03.05.2022", "Desa Liang Butan", "65.03", 2024, 700, 400, 11, 11, 5, 5, 100, 20160000),
        ],
        columns=DESA_COLUMNS,
    )
    # fmt: off
    badan_usaha = pd.DataFrame(
        [
            ("0012345601", "PT Sawit Makmur", "61.04", "besar", "perkebunan", 2024, 1500, 1450, 1, 1, 1, 1, 1, 0, 98.5, 99.1, 87.5, 40),
            ("0012345602", "CV Jaya Konstruksi", "61.71", "menengah", "konstruksi", 2024, 60, 55, 1, 1, 1, 0, 0, 2, 90.0, 95.0, "", 0),
            ("1012345603", "Koperasi Lanting Raya (fiktif)", "61.10", "kecil", "koperasi", 2024, 12, 12, 1, 1, 1, 0, 0, 0, 100.0, 100.0, "", 0),
            ("1012345604", "Warung Ibu Sari", "65.03", "mikro", "perdagangan", 2024, 3, 2, 1, 1, 0, 0, 0, 1, 80.0, 100.0, "", 0),
        ],
        columns=BU_COLUMNS,
    )
    # fmt: on
    jury = []
    for juri, bias in (("J1", 0), ("J2", 5), ("J3", -4), ("J4", 2)):
        for peserta, level in (("61.04", 85), ("61.71", 72)):
            for aspek in ("inovasi", "sinergi", "presentasi"):
                jury.append(("pemda", peserta, juri, aspek, level + bias))
        jury.append(("desa", "61.04.01.2011", juri, "inovasi", 70 + bias))
        jury.append(("desa", "61.04.01.2011", juri, "presentasi", 75 + bias))
    for juri in ("N1", "N2", "N3"):
        for peserta in ("61", "65"):
            for aspek in ("inovasi", "sinergi", "presentasi"):
                jury.append(("pemprov", peserta, juri, aspek, 80 if peserta == "61" else 70))
    wawancara = pd.DataFrame(jury, columns=WAWANCARA_COLUMNS)
    return {"wilayah": wilayah, "pemda": pemda, "desa": desa, "badan_usaha": badan_usaha, "wawancara": wawancara}


def write_season(data_dir: Path, tables: dict[str, pd.DataFrame], musim: int = MUSIM) -> Path:
    """Write `tables` as plain CSV files into data_dir/<musim>/ and return that folder."""
    folder = data_dir / str(musim)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


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
        columns=WILAYAH_COLUMNS,
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
            ("61.03.01.2007", "Desa Tiga", "61.03", 2024, 200, 100, 10, 8, 5, 4, 20, 4032000),
            # a kelurahan: no BPD -> bpd not applicable
            ("61.71.01.1002", "Kelurahan Tujuh", "61.71", 2024, 400, 100, 8, 8, 0, 0, 0, 0),
            # working population 0 -> cakupan_desa and rentan_dana_desa not applicable
            ("62.01.01.2001", "Desa Lima", "62.01", 2024, 0, 0, 10, 10, 5, 5, 0, 0),
        ],
        columns=DESA_COLUMNS,
    )
    # fmt: off
    badan_usaha = pd.DataFrame(
        [
            ("0000000001", "PT Satu", "61.01", "besar", "perkebunan", 2024, 100, 90, 1, 1, 1, 1, 0, 3, 90, 95, "", 5),
            ("0000000002", "PT Dua", "61.02", "menengah", "konstruksi", 2024, 50, 50, 1, 1, 1, 1, 1, 0, 100, 100, 80, 10),
            ("0000000003", "CV Tiga", "61.71", "kecil", "perdagangan", 2024, 10, 10, 1, 1, 0, 0, 0, 15, 100, 90, "", 0),
            ("0000000004", "UD Empat", "62.01", "mikro", "perdagangan", 2024, 0, 0, 1, 1, 1, 0, 0, 6, 50, 100, "", 0),
        ],
        columns=BU_COLUMNS,
    )
    # fmt: on
    jury = []
    # 61.01: four jurors -> highest and lowest dropped
    for juri, inovasi, sinergi, presentasi in (
        ("J1", 80, 70, 100),
        ("J2", 90, 70, 50),
        ("J3", 70, 70, 80),
        ("J4", 60, 70, 90),
    ):
        jury += [
            ("pemda", "61.01", juri, "inovasi", inovasi),
            ("pemda", "61.01", juri, "sinergi", sinergi),
            ("pemda", "61.01", juri, "presentasi", presentasi),
        ]
    # 61.02: three jurors -> plain mean; nobody scored presentasi
    for juri, inovasi, sinergi in (("J1", 60, 50), ("J2", 70, 60), ("J3", 80, 70)):
        jury += [("pemda", "61.02", juri, "inovasi", inovasi), ("pemda", "61.02", juri, "sinergi", sinergi)]
    wawancara = pd.DataFrame(jury, columns=WAWANCARA_COLUMNS)
    return {"wilayah": wilayah, "pemda": pemda, "desa": desa, "badan_usaha": badan_usaha, "wawancara": wawancara}


#: A business name holding markup: a report quotes it escaped.
MARKUP_BUSINESS = "Warung <b>Ibu</b> Sari"


def write_warned_season(folder: Path) -> tuple[Path, Path]:
    """The small season under `folder`/data and a methodology under `folder`/params with three warnings of
    `paritrana validate`: the small businesses' category lists the sectors koperasi and `perdagangn` (misspelt: no row
    holds it), so the trading warung of Kalimantan Utara (65.03, named MARKUP_BUSINESS) matches no category; and a last
    category of mining businesses, which no business is in. Returns (data folder, params folder)."""
    tables = small_season_tables()
    bu = tables["badan_usaha"]
    bu.loc[bu["npp"] == "1012345604", "nama"] = MARKUP_BUSINESS
    write_season(folder / "data", tables)
    data = methodology_data()
    small = data["kategori"]["bu_kecil_mikro"]
    mining = {"tabel": "badan_usaha", "skala": ["kecil", "mikro"], "sektor": ["pertambangan"]}
    data["kategori"]["bu_tambang"] = {**small, "label": {"id": "Pertambangan", "en": "Mining"}, "peserta": mining}
    small["peserta"] = {**small["peserta"], "sektor": ["koperasi", "perdagangn"]}
    params = folder / "params"
    (params / str(MUSIM)).mkdir(parents=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (params / str(MUSIM) / "metodologi.yaml").write_text(text, encoding="utf-8")
    return folder / "data", params


def season_from(tables: dict[str, pd.DataFrame], folder: Path) -> Season:
    """Write `tables` under `folder` and load them through the validating loader."""
    write_season(folder, tables)
    return read_season(2025, folder)


_DEFAULT_DATA = yaml.safe_load(DEFAULT_METHODOLOGY.read_text(encoding="utf-8"))


def methodology_data() -> dict:
    """The default methodology as plain data (the file read with plain PyYAML; a fresh copy each time), for tests
    that change one key."""
    return copy.deepcopy(_DEFAULT_DATA)


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
    tables["wawancara"] = pd.DataFrame(rows, columns=WAWANCARA_COLUMNS)
    return tables


def gaps_tables() -> dict[str, pd.DataFrame]:
    """A desk-stage season (no interviews) built for `paritrana gaps`: in each category one participant a known,
    hand-computable distance behind the other (see tests/unit/test_gaps.py for the arithmetic)."""
    wilayah = pd.DataFrame(
        [
            ("61", "Kalimantan Barat", "provinsi", "61", "Kalimantan"),
            ("61.01", "Kabupaten Satu", "kabupaten", "61", ""),
            ("61.02", "Kabupaten Dua", "kabupaten", "61", ""),
        ],
        columns=WILAYAH_COLUMNS,
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
    wawancara = pd.DataFrame(columns=WAWANCARA_COLUMNS)
    return {"wilayah": wilayah, "pemda": pemda, "desa": desa, "badan_usaha": badan_usaha, "wawancara": wawancara}


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
            ("61.03.01.2007", "Desa Tiga", "61.03", 2024, 100, 80, 10, 3, 5, 0, 0, 0),
            # desk 3.5 = 35 * 10 / 100: cakupan 10, nothing else
            ("61.01.01.2004", "Desa Empat", "61.01", 2024, 100, 10, 10, 0, 5, 0, 0, 0),
            # no denominator anywhere: not scored
            ("61.02.01.2013", "Desa Kosong", "61.02", 2024, 0, 0, 0, 0, 0, 0, 0, 0),
        ],
        columns=DESA_COLUMNS,
    )
    return tables


#: A small methodology file for the hand season (`hand_tables`), its lines counted by hand: pemda's stage weights are
#: desa's, through the alias on line 17 (column 20); bu_tambang's peserta is bu_kebun's, through the merge key's alias
#: on line 39 (column 19), in a mapping written in braces (its `{`: column 14); bu_kebun's third sector on line 30
#: (column 11); the second award's aspect on line 55 (column 14). Checked against the hand season, each of these is
#: warned of (pemda's interviews count for nothing, no business is in mining, bu_tambang is empty, the award goes to
#: nobody).
SMALL_METHODOLOGY = """\
# Metodologi kecil untuk uji / a small methodology for tests
musim: 2025
nama: {id: Metodologi kecil, en: Small methodology}
kategori:
  desa:
    label: {id: Desa, en: Villages}
    peserta: {tabel: desa}
    stage_weights: &tanpa_wawancara {dokumen: 1.0, wawancara: 0.0}
    indicators:
      - {id: cakupan_desa, label: {id: Cakupan, en: Coverage}, direction: higher, goalposts: [0, 100], weight: 1}
    aspects: [inovasi]
    tie_break: cakupan_desa
    shortlist_size: 2
  pemda:
    label: {id: Pemda, en: Regional governments}
    peserta: {tabel: pemda, tingkat: [kabupaten, kota]}
    stage_weights: *tanpa_wawancara
    indicators:
      - {id: ucj, label: {id: UCJ, en: UCJ}, direction: higher, goalposts: [0, 100], weight: 1}
    aspects: [inovasi, sinergi, presentasi]
    tie_break: ucj
    shortlist_size: 2
  bu_kebun:
    label: {id: Perkebunan, en: Plantations}
    peserta: &kebun
      tabel: badan_usaha
      sektor:
        - perkebunan
        - konstruksi
        - pertambangan
    stage_weights: {dokumen: 0.7, wawancara: 0.3}
    indicators:
      - {id: kepesertaan, label: {id: Terdaftar, en: Registered}, direction: higher, goalposts: [0, 100], weight: 1}
    aspects: [inovasi]
    tie_break: kepesertaan
    shortlist_size: 2
  bu_tambang:
    label: {id: Pertambangan, en: Mining}
    peserta: {<<: *kebun}
    stage_weights: {dokumen: 0.7, wawancara: 0.3}
    indicators:
      - {id: kepesertaan, label: {id: Terdaftar, en: Registered}, direction: higher, goalposts: [0, 100], weight: 1}
    aspects: [inovasi]
    tie_break: kepesertaan
    shortlist_size: 2
penghargaan_khusus:
  - id: cakupan_penuh
    label: {id: Cakupan penuh, en: Full coverage}
    kategori: pemda
    aturan: {indikator: ucj, minimal: 100}
  - id: inovasi_desa
    label: {id: Inovasi desa, en: Village innovation}
    kategori: desa
    aturan:
      aspek: inovasi
      terbesar: 1
"""
