"""Tests of the seeded season generator: determinism, table constraints and calibrations.

The national scale is timed and checked by benchmarks/bench_generation.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from paritrana_nb.cli import main
from paritrana_nb.season import load_season
from paritrana_nb.synthetic import ASPECTS, COLUMNS, FICTIONAL_MARK, KALIMANTAN_2025, generate_season

FILES = ("wilayah.csv", "pemda.csv", "desa.csv", "badan_usaha.csv", "wawancara.csv", "musim.yaml")
TEXT = {"kode_wilayah": str, "kode_provinsi": str, "kode_desa": str, "npp": str, "id_peserta": str}
BUNDLED = Path(__file__).resolve().parents[2] / "data" / "2025"


def code_level(code: str) -> str | None:
    """`provinsi`, `kabupaten` (01-69), `kota` (71-99) or `desa` for a well-formed Kemendagri code, else None."""
    if re.fullmatch(r"\d{2}", code):
        return "provinsi"
    if re.fullmatch(r"\d{2}\.\d{2}", code):
        return "kabupaten" if int(code[3:5]) < 70 else "kota"
    return "desa" if re.fullmatch(r"\d{2}\.\d{2}\.\d{2}\.\d{4}", code) else None


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=TEXT, keep_default_na=False, na_values=[""])


def ucj(rows: pd.DataFrame) -> pd.Series:
    parts = rows[["peserta_pu", "peserta_bpu", "peserta_jakon", "peserta_pmi"]].fillna(0).sum(axis=1)
    return 100 * parts / rows["penduduk_bekerja"]


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kalimantan") / "2025"
    generate_season(folder, musim=2025, scale="kalimantan", seed=2025)
    return folder


@pytest.fixture(scope="module")
def tables(season: Path) -> dict[str, pd.DataFrame]:
    return {name: read(season, name) for name in COLUMNS}


def test_the_bundled_season_is_what_generate_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """data/2025/SOURCES.md's promise: `paritrana generate --out data/2025 --scale kalimantan --seed 2025`
    writes these files byte for byte (the calibration read from paritrana_nb/reference/)."""
    assert main(["generate", "--out", str(tmp_path / "2025"), "--scale", "kalimantan", "--seed", "2025"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Musim ilustratif 2025 ditulis ke {tmp_path / '2025'}:",
        *(f"  {name}: {len(read(BUNDLED, name)):,} baris".replace(",", ".") for name in COLUMNS),  # 2.043 baris
    ]
    for name in FILES:
        assert (tmp_path / "2025" / name).read_bytes() == (BUNDLED / name).read_bytes(), name


def test_generate_another_season_and_seed_writes_a_valid_season(tmp_path: Path) -> None:
    out = tmp_path / "data" / "2026"
    assert main(["generate", "--out", str(out), "--season", "2026", "--seed", "7"]) == 0
    assert (out / "pemda.csv").read_bytes() != (BUNDLED / "pemda.csv").read_bytes()
    result = load_season(2026, tmp_path / "data")
    assert result.report.ok, result.report.render("en")
    assert result.season is not None and result.season.tahun == 2025 and result.season.meta["ilustratif"] is True


def test_same_arguments_give_identical_bytes_and_other_seed_differs(tmp_path: Path, season: Path) -> None:
    generate_season(tmp_path / "a", scale="kalimantan", seed=2025)
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (season / name).read_bytes(), name
    counts = generate_season(tmp_path / "b", seed=7)
    assert counts == {name: len(read(tmp_path / "b", name)) for name in COLUMNS}
    assert (tmp_path / "b" / "pemda.csv").read_bytes() != (season / "pemda.csv").read_bytes()
    assert (tmp_path / "b" / "wawancara.csv").read_bytes() != (season / "wawancara.csv").read_bytes()


def test_files_are_plain_utf8_csv_with_text_codes(season: Path, tables: dict[str, pd.DataFrame]) -> None:
    for name in FILES:
        raw = (season / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")
        raw.decode("utf-8")
    for name, columns in COLUMNS.items():
        assert tuple(tables[name].columns) == columns
    assert "61.10,Kabupaten Melawi" in (season / "wilayah.csv").read_text(encoding="utf-8")
    pemda_text = (season / "pemda.csv").read_text(encoding="utf-8")
    assert not re.search(r",\d+\.0(,|\n)", pemda_text)  # integers without ".0"
    meta = yaml.safe_load((season / "musim.yaml").read_text(encoding="utf-8"))
    assert meta["musim"] == 2025 and meta["tahun_kinerja"] == 2024 and meta["ilustratif"] is True
    assert meta["skala"] == "kalimantan" and meta["seed"] == 2025 and "2025" in meta["keterangan"]


def test_wilayah_matches_the_reference(tables: dict[str, pd.DataFrame]) -> None:
    wilayah = tables["wilayah"]
    assert len(wilayah) == 61 and (wilayah["tingkat"] == "provinsi").sum() == 5
    assert wilayah["kode_wilayah"].is_unique
    assert all(code_level(c) == t for c, t in zip(wilayah["kode_wilayah"], wilayah["tingkat"], strict=True))
    assert (wilayah["kode_wilayah"].str[:2] == wilayah["kode_provinsi"]).all()
    names = dict(zip(wilayah["kode_wilayah"], wilayah["nama"], strict=True))
    assert names["61.04"] == "Kabupaten Ketapang" and names["64.74"] == "Kota Bontang"


def test_pemda_is_complete_and_consistent(tables: dict[str, pd.DataFrame]) -> None:
    pemda, wilayah = tables["pemda"], tables["wilayah"]
    assert not pemda.duplicated(["kode_wilayah", "tahun"]).any()
    assert len(pemda) == 2 * len(wilayah)
    assert set(zip(pemda["kode_wilayah"], pemda["tahun"], strict=True)) == {
        (c, y) for c in wilayah["kode_wilayah"] for y in (2023, 2024)
    }
    filled = [c for c in COLUMNS["pemda"] if c != "peserta_pmi"]
    assert not pemda[filled].isna().any().any()
    assert pemda["peserta_pmi"].isna().any() and pemda["peserta_pmi"].notna().any()
    numbers = pemda.drop(columns=["kode_wilayah"])
    assert (numbers.fillna(0) >= 0).all().all()
    assert set(pemda["perda"]) <= {0, 1}
    assert pemda["target_ucj_pct"].between(0, 100).all()
    assert (pemda["target_ucj_pct"].round(2) == pemda["target_ucj_pct"]).all()
    assert ((pemda["pekerja_rentan_apbd"] > 0) == (pemda["anggaran_iuran_apbd_rp"] > 0)).all()


def test_province_rows_sum_their_regencies_and_hit_the_calibration(tables: dict[str, pd.DataFrame]) -> None:
    pemda = tables["pemda"]
    prov = pemda[pemda["kode_wilayah"].str.len() == 2].set_index(["kode_wilayah", "tahun"])
    reg = pemda[pemda["kode_wilayah"].str.len() > 2]
    sums = reg.groupby([reg["kode_wilayah"].str[:2], "tahun"])[
        ["penduduk_bekerja", "peserta_pu", "peserta_bpu", "peserta_jakon"]
    ].sum()
    sums.index.names = ["kode_wilayah", "tahun"]
    assert (prov.loc[sums.index, ["peserta_pu", "peserta_bpu", "peserta_jakon"]] == sums.iloc[:, 1:]).all().all()
    assert ((prov.loc[sums.index, "penduduk_bekerja"] - sums["penduduk_bekerja"]).abs() < 100).all()
    workers = prov.xs(2024, level="tahun")["penduduk_bekerja"]
    assert workers.to_dict() == {"61": 2_860_000, "62": 1_402_280, "63": 2_130_000, "64": 1_976_447, "65": 378_361}
    cover = ucj(prov.reset_index()).set_axis(prov.index)
    for code, expected in {"61": 28.5, "62": 40, "63": 40, "64": 56, "65": 44}.items():
        assert cover[(code, 2024)] == pytest.approx(expected, abs=1.5)
        assert cover[(code, 2023)] < cover[(code, 2024)]


def test_ketapang_reproduces_the_published_figures(tables: dict[str, pd.DataFrame]) -> None:
    pemda = tables["pemda"]
    ketapang = pemda[pemda["kode_wilayah"] == "61.04"].set_index("tahun")
    assert round(ucj(ketapang)[2023], 2) == 55.69 and round(ucj(ketapang)[2024], 2) == 68.02
    assert ketapang["peserta_pu"].to_dict() == {2023: 71_405, 2024: 80_101}
    assert ketapang["peserta_bpu"].to_dict() == {2023: 29_647, 2024: 42_217}
    assert ketapang.loc[2024, "anggaran_iuran_apbd_rp"] == 4_300_000_000
    assert ketapang.loc[2024, "pekerja_rentan_apbd"] == 34_400
    growth = 100 * (ketapang.loc[2024, "pekerja_rentan_apbd"] / ketapang.loc[2023, "pekerja_rentan_apbd"] - 1)
    assert round(growth, 2) == 120.51
    assert ketapang.loc[2024, "perkada"] == 2 and ketapang.loc[2024, "surat_edaran"] == 1


def test_other_public_calibrations(tables: dict[str, pd.DataFrame]) -> None:
    pemda = tables["pemda"]
    now = pemda[pemda["tahun"] == 2024].set_index("kode_wilayah")
    before = pemda[pemda["tahun"] == 2023].set_index("kode_wilayah")
    cover, previous = ucj(now), ucj(before)
    regencies = cover[cover.index.str.len() > 2]
    assert cover["64.08"] >= 100 and now.loc["64.08", "perda"] == 1 and now.loc["64.08", "perkada"] >= 1
    assert now.loc["64.08", "peserta_pu"] == 69_528 and now.loc["64.08", "peserta_bpu"] == 77_074
    assert cover["62.08"] > 80 and cover["62.05"] > 80
    assert round(cover["61.08"], 2) == 53.43 and cover["64.71"] == pytest.approx(68, abs=0.05)
    assert now.loc["65", "pekerja_rentan_apbd"] == 54_452
    assert (regencies >= 100).any() and (regencies < previous[regencies.index]).any()


def test_villages_respect_codes_and_limits(tables: dict[str, pd.DataFrame]) -> None:
    desa, wilayah = tables["desa"], tables["wilayah"]
    assert desa["kode_desa"].is_unique and (desa["tahun"] == 2024).all()
    assert all(code_level(c) == "desa" for c in desa["kode_desa"])
    assert (desa["kode_desa"].str[:5] == desa["kode_wilayah"]).all()
    assert set(desa["kode_wilayah"]) <= set(wilayah.loc[wilayah["tingkat"] != "provinsi", "kode_wilayah"])
    number = desa["kode_desa"].str[-4:].astype(int)
    kelurahan = number < 2000
    assert number.between(1001, 2999).all() and kelurahan.any()
    assert (desa["nama"].str.startswith("Kelurahan ") == kelurahan).all()
    assert (desa["nama"].str.startswith("Desa ") == ~kelurahan).all()
    assert desa["penduduk_bekerja"].between(200, 3000).all()
    assert (desa.drop(columns=["kode_desa", "nama", "kode_wilayah"]) >= 0).all().all()
    assert (desa["perangkat_terlindungi"] <= desa["perangkat_desa"]).all()
    assert (desa["bpd_terlindungi"] <= desa["anggota_bpd"]).all()
    assert (desa["peserta"] <= desa["penduduk_bekerja"]).all()
    assert (desa.loc[kelurahan, ["anggota_bpd", "pekerja_rentan_dana_desa"]] == 0).all().all()
    assert (desa.groupby(desa["kode_wilayah"].str[:2]).size() >= 10).all()
    by_code = desa.set_index("kode_desa")
    for name, code in KALIMANTAN_2025.villages:  # real codes: the regency follows from the code
        assert by_code.loc[code, "nama"] == f"Desa {name}" and by_code.loc[code, "kode_wilayah"] == code[:5]
    nunukan = desa[desa["kode_wilayah"] == "65.03"]
    assert len(nunukan) >= 20 and (nunukan["pekerja_rentan_dana_desa"] > 0).all()


def test_businesses_respect_scale_and_compliance_limits(tables: dict[str, pd.DataFrame]) -> None:
    bu, wilayah = tables["badan_usaha"], tables["wilayah"]
    assert bu["npp"].is_unique and bu["npp"].str.fullmatch(r"\d{10}").all() and bu["npp"].str.startswith("0").any()
    assert set(bu["kode_wilayah"]) <= set(wilayah.loc[wilayah["tingkat"] != "provinsi", "kode_wilayah"])
    assert (bu["tahun"] == 2024).all()
    limits = {"besar": (100, 5000), "menengah": (20, 99), "kecil": (5, 19), "mikro": (1, 4)}
    for skala, (low, high) in limits.items():
        assert bu.loc[bu["skala"] == skala, "jumlah_pekerja"].between(low, high).all(), skala
    assert (bu["pekerja_terdaftar"] <= bu["jumlah_pekerja"]).all() and (bu["pekerja_terdaftar"] >= 0).all()
    for col in ("jkk", "jkm", "jht", "jp", "jkp"):
        assert set(bu[col]) <= {0, 1}
    assert bu["bulan_tunggakan"].between(0, 12).all() and (bu["bulan_tunggakan"] == 0).mean() > 0.5
    for col in ("upah_sesuai_pct", "nik_valid_pct", "vendor_patuh_pct"):
        assert bu[col].dropna().between(0, 100).all()
    assert bu["vendor_patuh_pct"].isna().any() and (bu["pekerja_rentan_csr"] >= 0).all()
    big = bu["skala"].isin(["besar", "menengah"])
    per_category = bu.groupby([bu["kode_wilayah"].str[:2], big]).size()
    assert len(per_category) == 10 and (per_category >= 8).all()
    kalteng = bu[bu["kode_wilayah"].str[:2] == "62"].set_index("nama")
    for name, _, skala, sektor in KALIMANTAN_2025.businesses:
        assert kalteng.loc[name + FICTIONAL_MARK, "skala"] == skala
        assert kalteng.loc[name + FICTIONAL_MARK, "sektor"] == sektor
    assert (bu["nama"] == 'PT "Maju" & Sejahtera (fiktif)').sum() == 1
    assert not bu["nama"].str.contains("[<>]").any()


def test_interviews_score_existing_shortlisted_participants(tables: dict[str, pd.DataFrame]) -> None:
    jury, bu, desa, pemda = tables["wawancara"], tables["badan_usaha"], tables["desa"], tables["pemda"]
    assert not jury.duplicated(["kategori", "id_peserta", "juri", "aspek"]).any()
    assert jury["nilai"].between(0, 100).all() and (jury["nilai"].round(1) == jury["nilai"]).all()
    for kategori, aspects in ASPECTS.items():
        assert set(jury.loc[jury["kategori"] == kategori, "aspek"]) == set(aspects), kategori
    province_of = {
        **{c: c[:2] for c in pemda["kode_wilayah"]},
        **{c: c[:2] for c in desa["kode_desa"]},
        **dict(zip(bu["npp"], bu["kode_wilayah"].str[:2], strict=True)),
    }
    members = {
        "pemda": set(pemda.loc[pemda["kode_wilayah"].str.len() == 5, "kode_wilayah"]),
        "pemprov": set(pemda.loc[pemda["kode_wilayah"].str.len() == 2, "kode_wilayah"]),
        "desa": set(desa["kode_desa"]),
        "bu_besar_menengah": set(bu.loc[bu["skala"].isin(["besar", "menengah"]), "npp"]),
        "bu_kecil_mikro": set(bu.loc[bu["skala"].isin(["kecil", "mikro"]), "npp"]),
    }
    for kategori, ids in jury.groupby("kategori")["id_peserta"]:
        assert set(ids) <= members[kategori], kategori
    national = jury["kategori"] == "pemprov"
    assert jury.loc[national, "juri"].str.fullmatch(r"N[1-7]").all()
    assert jury.loc[~national, "juri"].str.fullmatch(r"J[1-9]").all()
    assert set(jury.loc[national, "id_peserta"]) == {"61", "62", "63", "64", "65"}
    jury = jury.assign(provinsi=jury["id_peserta"].map(province_of).where(~national, "NAS"))
    # A juror scores every aspect of a participant or none of them.
    per_juror = jury.groupby(["kategori", "id_peserta", "juri"]).size()
    assert (per_juror == per_juror.index.get_level_values("kategori").map(lambda k: len(ASPECTS[k]))).all()
    panel = jury.groupby("provinsi")["juri"].nunique()
    assert panel.drop("NAS").between(5, 9).all() and panel["NAS"] == 7
    scored = jury.groupby(["provinsi", "kategori", "id_peserta"])["juri"].nunique().reset_index()
    scored["panel"] = scored["provinsi"].map(panel)
    assert scored["juri"].ge(3).all() and scored["juri"].lt(scored["panel"]).any()
    assert scored[scored["juri"] < scored["panel"]]["juri"].between(3, 4).all()
    full = scored.assign(full=scored["juri"] == scored["panel"]).groupby(["provinsi", "kategori"])["full"].any()
    assert full.all() and len(full) == 5 * 4 + 1
    kaltim = set(scored.loc[(scored["provinsi"] == "64") & (scored["kategori"] == "pemda"), "id_peserta"])
    assert kaltim == {"64.01", "64.02", "64.03", "64.08", "64.09", "64.72", "64.74"}
    assert (scored["provinsi"] == "62").sum() == 19  # Kalteng interviewed 19 participants in 2025
    assert {"61.04", "61.02", "61.09"} <= set(scored.loc[scored["kategori"] == "pemda", "id_peserta"])


def test_a_failed_forced_generate_keeps_the_whole_old_season(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`generate --force` over a season whose third table cannot be written (disk full) keeps every old file as it
    was: the season is written as one set (outputs.FileSet), never its first tables new beside old ones."""
    generate_season(tmp_path, seed=7)
    before = {name: (tmp_path / name).read_bytes() for name in FILES}
    real_open = os.open
    calls = []

    def full_disk(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        calls.append(path)
        if Path(path).name.startswith(".desa.csv"):  # its staged copy
            raise OSError(28, "No space left on device")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", full_disk)
    with pytest.raises(OSError, match="No space"):
        generate_season(tmp_path, seed=2025, force=True)
    monkeypatch.undo()
    assert calls  # the write was attempted
    assert {name: (tmp_path / name).read_bytes() for name in FILES} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)  # no temporary file left behind
