"""Shared fixtures: a small, hand-written valid season that tests copy and break."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

MUSIM = 2025


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
        columns=["kode_wilayah", "nama", "tingkat", "kode_provinsi", "zona"],
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
            pemda_rows.append({
                "kode_wilayah": code, "tahun": tahun, "penduduk_bekerja": pb,
                "peserta_pu": int(pu * growth), "peserta_bpu": int(bpu * growth * growth),
                "peserta_jakon": jakon, "peserta_pmi": pmi, "target_ucj_pct": 55.5,
                "pekerja_rentan_apbd": int(pb * 0.02 * growth), "anggaran_iuran_apbd_rp": int(pb * 0.02 * growth) * 201600,
                "perda": 1 if code in ("61.04", "65") else 0, "perkada": 2 if code == "61.04" else 1,
                "surat_edaran": 1,
            })
    pemda = pd.DataFrame(pemda_rows)
    desa = pd.DataFrame(
        [
            ("61.04.01.2001", "Desa Sungai Awan", "61.04", 2024, 1200, 800, 12, 12, 9, 7, 150, 30240000),
            ("61.04.02.2003", "Desa Tanjung Pura", "61.04", 2024, 900, 300, 10, 6, 7, 0, 40, 8064000),
            ("61.71.01.1001", "Kelurahan Darat Sekip", "61.71", 2024, 2500, 2100, 8, 8, 0, 0, 0, 0),
            ("65.03.05.2010", "Desa Sebatik", "65.03", 2024, 700, 400, 11, 11, 5, 5, 100, 20160000),
        ],
        columns=["kode_desa", "nama", "kode_wilayah", "tahun", "penduduk_bekerja", "peserta",
                 "perangkat_desa", "perangkat_terlindungi", "anggota_bpd", "bpd_terlindungi",
                 "pekerja_rentan_dana_desa", "anggaran_iuran_dana_desa_rp"],
    )
    badan_usaha = pd.DataFrame(
        [
            ("0012345601", "PT Sawit Makmur", "61.04", "besar", "perkebunan", 2024, 1500, 1450, 1, 1, 1, 1, 1, 0, 98.5, 99.1, 87.5, 40),
            ("0012345602", "CV Jaya Konstruksi", "61.71", "menengah", "konstruksi", 2024, 60, 55, 1, 1, 1, 0, 0, 2, 90.0, 95.0, "", 0),
            ("1012345603", "Koperasi Lanting Raya (fiktif)", "61.10", "kecil", "koperasi", 2024, 12, 12, 1, 1, 1, 0, 0, 0, 100.0, 100.0, "", 0),
            ("1012345604", "Warung Ibu Sari", "65.03", "mikro", "perdagangan", 2024, 3, 2, 1, 1, 0, 0, 0, 1, 80.0, 100.0, "", 0),
        ],
        columns=["npp", "nama", "kode_wilayah", "skala", "sektor", "tahun", "jumlah_pekerja",
                 "pekerja_terdaftar", "jkk", "jkm", "jht", "jp", "jkp", "bulan_tunggakan",
                 "upah_sesuai_pct", "nik_valid_pct", "vendor_patuh_pct", "pekerja_rentan_csr"],
    )
    jury = []
    for juri, bias in (("J1", 0), ("J2", 5), ("J3", -4), ("J4", 2)):
        for peserta, level in (("61.04", 85), ("61.71", 72)):
            for aspek in ("inovasi", "sinergi", "presentasi"):
                jury.append(("pemda", peserta, juri, aspek, level + bias))
        jury.append(("desa", "61.04.01.2001", juri, "inovasi", 70 + bias))
        jury.append(("desa", "61.04.01.2001", juri, "presentasi", 75 + bias))
    for juri in ("N1", "N2", "N3"):
        for peserta in ("61", "65"):
            for aspek in ("inovasi", "sinergi", "presentasi"):
                jury.append(("pemprov", peserta, juri, aspek, 80 if peserta == "61" else 70))
    wawancara = pd.DataFrame(jury, columns=["kategori", "id_peserta", "juri", "aspek", "nilai"])
    return {"wilayah": wilayah, "pemda": pemda, "desa": desa, "badan_usaha": badan_usaha,
            "wawancara": wawancara}


def write_season(data_dir: Path, tables: dict[str, pd.DataFrame], musim: int = MUSIM) -> Path:
    """Write `tables` as plain CSV files into data_dir/<musim>/ and return that folder."""
    folder = data_dir / str(musim)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.fixture
def small_tables() -> dict[str, pd.DataFrame]:
    return small_season_tables()


@pytest.fixture
def small_season(tmp_path: Path) -> Path:
    """A data dir holding a valid season 2025; returns the data dir."""
    write_season(tmp_path, small_season_tables())
    return tmp_path
