"""The official region list (paritrana_nb.kemendagri) and the checks of a season's codes and names against it
(paritrana_nb.validate_codes): unknown codes, names unlike the official ones, village kinds, other editions."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from paritrana_nb import kemendagri
from paritrana_nb.problems import Problem
from paritrana_nb.season import Season, load_season
from paritrana_nb.synthetic import PROVINCE_LAYOUT, _regions, _village_slots
from scoring_fixtures import MUSIM, PROJECT, small_season_tables, write_season

Tables = dict[str, pd.DataFrame]
SOURCE_COUNTS = {"provinsi": 38, "kabupaten_kota": 514, "desa": 83_762}


def _load(tmp_path: Path, tables: Tables, meta: str | None = None) -> list[Problem]:
    folder = write_season(tmp_path, tables)
    if meta is not None:
        (folder / "musim.yaml").write_text(meta, encoding="utf-8")
    return load_season(MUSIM, tmp_path).report.problems


def _only(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def _official(tables: Tables) -> Tables:
    """The small season with its village names set to the official ones (so that no name warning remains)."""
    ref = kemendagri.bundled()
    desa = tables["desa"]
    kind = np.where(desa["kode_desa"].str[-4] == "1", "Kelurahan ", "Desa ")
    desa["nama"] = kind + desa["kode_desa"].map(ref.desa["nama"])
    return tables


def test_the_bundled_list_is_complete_and_consistent() -> None:
    ref = kemendagri.bundled()
    assert ref.edition == kemendagri.BUNDLED_EDITION
    levels = ref.wilayah["tingkat"].value_counts()
    assert levels["provinsi"] == SOURCE_COUNTS["provinsi"]
    assert levels["kabupaten"] + levels["kota"] == SOURCE_COUNTS["kabupaten_kota"]
    assert len(ref.desa) == SOURCE_COUNTS["desa"] and ref.desa.index.is_unique
    assert ref.desa["kode_desa"].str.fullmatch(r"\d{2}\.\d{2}\.\d{2}\.\d{4}").all()
    assert ref.desa["kode_wilayah"].isin(ref.wilayah.index).all()
    assert (kemendagri.village_kind(ref.desa["kode_desa"]) == ref.desa["jenis"].to_numpy()).all()
    counts = ref.desa.groupby("kode_wilayah").size()
    assert counts.min() >= 1 and counts.max() > 300  # villages per regency: from a handful to several hundred


def test_a_village_kind_is_read_from_the_first_digit_of_the_last_segment() -> None:
    codes = pd.Series(["61.01.01.1001", "61.01.01.2001", "61.01.01.3001", "1234", "1", "", None, float("nan")])
    kinds = kemendagri.village_kind(codes)
    assert kinds.tolist() == ["kelurahan", "desa", "desa", "kelurahan", "desa", "desa", "desa", "desa"]
    assert kinds.dtype == object and kemendagri.village_kind(codes.iloc[:0]).tolist() == []


def test_the_list_ships_with_its_attribution() -> None:
    folder = PROJECT / "paritrana_nb" / "reference" / kemendagri.BUNDLED_EDITION
    assert "Copyright (c) 2017-2025 Cahya DSN" in (folder / "LICENSE").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "cahyadsn/wilayah" in readme and "300.2.2-2138" in readme


def test_province_layout_matches_the_list() -> None:
    """reference/provinsi.csv (regency and city counts per province) agrees with the official list."""
    wilayah = kemendagri.bundled().wilayah
    for code, (kabupaten, kota, _) in PROVINCE_LAYOUT.items():
        rows = wilayah[wilayah["kode_provinsi"] == code]
        assert ((rows["tingkat"] == "kabupaten").sum(), (rows["tingkat"] == "kota").sum()) == (kabupaten, kota), code


def test_the_small_season_with_official_names_has_no_code_problem(tmp_path: Path) -> None:
    problems = _load(tmp_path, _official(small_season_tables()))
    codes = ("E_CODE_UNKNOWN", "E_CODE_OTHER_REGION", "W_NAME_DIFFERS", "W_VILLAGE_KIND")
    assert not [p for p in problems if p.code in codes]


@pytest.mark.parametrize(
    "table, column, index, value, nearest",
    [
        ("wilayah", "kode_wilayah", 2, "61.13", "61.12 Kabupaten Kubu Raya"),  # Melawi's row, a code past the last
        ("pemda", "kode_wilayah", 3, "61.40", "61.04 Kabupaten Ketapang"),  # digits swapped
        ("badan_usaha", "kode_wilayah", 1, "61.79", "61.72 Kota Singkawang"),
        ("desa", "kode_desa", 1, "61.04.02.2099", "61.04.02.2024 Rangkung"),  # same district, nearest number
    ],
)
def test_an_unknown_code_is_an_error_naming_file_row_and_nearest_codes(
    tmp_path: Path, table: str, column: str, index: int, value: str, nearest: str
) -> None:
    tables = _official(small_season_tables())
    tables[table] = tables[table].astype({column: object})
    tables[table].loc[index, column] = value
    found = _only(_load(tmp_path, tables), "E_CODE_UNKNOWN")
    problem = next(p for p in found if p.value == value)
    assert (problem.file, problem.row, problem.column) == (f"{table}.csv", index + 2, column)
    assert problem.severity == "error" and nearest in dict(problem.fields)["nearest"]
    for lang in ("id", "en"):
        assert value in problem.message(lang) and nearest in problem.message(lang)


@pytest.mark.parametrize("name", ["Kabupaten Mempawah", "Mempawah", "kab. mempawah"])
def test_a_code_in_bps_order_does_not_pass(tmp_path: Path, name: str) -> None:
    """`61.04` written for Mempawah (its BPS-order number): a Kemendagri code, but Ketapang's (Mempawah is 61.02)."""
    tables = _official(small_season_tables())
    tables["wilayah"].loc[1, "nama"] = name
    problems = _load(tmp_path, tables)
    found = _only(problems, "E_CODE_OTHER_REGION")
    assert [(p.severity, p.file, p.row, p.column, p.value) for p in found] == [
        ("error", "wilayah.csv", 3, "kode_wilayah", "61.04")
    ]
    for lang in ("id", "en"):
        text = found[0].message(lang)
        assert "'Kabupaten Ketapang'" in text and "61.02" in text and "BPS" in text and name in text
    assert _only(problems, "W_NAME_DIFFERS") == []


def test_a_name_of_no_code_is_a_warning_with_both_names(tmp_path: Path) -> None:
    tables = _official(small_season_tables())
    tables["wilayah"].loc[1, "nama"] = "Kabupaten Ketapang Raya"
    found = _only(_load(tmp_path, tables), "W_NAME_DIFFERS")
    assert [(p.severity, p.file, p.row, p.column, p.value) for p in found] == [
        ("warning", "wilayah.csv", 3, "nama", "Kabupaten Ketapang Raya")
    ]
    assert "'Kabupaten Ketapang'" in found[0].message("en") and "'Kabupaten Ketapang'" in found[0].message("id")


@pytest.mark.parametrize("name", ["Kab. Ketapang", "KABUPATEN  KETAPANG", "Ketapang", "Kab Ketapang"])
def test_spellings_of_the_official_name_pass(tmp_path: Path, name: str) -> None:
    tables = _official(small_season_tables())
    tables["wilayah"].loc[1, "nama"] = name
    assert _only(_load(tmp_path, tables), "W_NAME_DIFFERS") == []


def test_the_wrong_prefix_is_a_name_difference(tmp_path: Path) -> None:
    tables = _official(small_season_tables())
    tables["wilayah"].loc[1, "nama"] = "Kota Ketapang"
    problems = _load(tmp_path, tables)
    assert [p.value for p in _only(problems, "W_NAME_DIFFERS")] == ["Kota Ketapang"]
    assert _only(problems, "E_CODE_OTHER_REGION") == []


def test_province_abbreviations_pass() -> None:
    given = pd.Series(["DKI Jakarta", "DI Yogyakarta", "Kab. Aceh Selatan"])
    official = pd.Series(["Daerah Khusus Ibukota Jakarta", "Daerah Istimewa Yogyakarta", "Kabupaten Aceh Selatan"])
    assert (kemendagri.name_key(given) == kemendagri.name_key(official)).all()


def test_a_village_name_other_than_the_official_one_is_warned(tmp_path: Path) -> None:
    tables = _official(small_season_tables())
    tables["desa"].loc[1, "nama"] = "Desa Tanjung Pura"  # 61.04.02.2003 is Belaban
    found = _only(_load(tmp_path, tables), "W_NAME_DIFFERS")
    assert [(p.file, p.row, p.value) for p in found] == [("desa.csv", 3, "Desa Tanjung Pura")]
    assert "'Belaban'" in found[0].message("en") and "61.04.02.2003" in found[0].message("id")


@pytest.mark.parametrize(
    "index, name, code_kind",
    [(1, "Kelurahan Belaban", "desa"), (2, "Desa Benuamelayu Laut", "kelurahan")],
)
def test_a_village_kind_against_its_code_is_warned(tmp_path: Path, index: int, name: str, code_kind: str) -> None:
    tables = _official(small_season_tables())
    tables["desa"].loc[index, "nama"] = name
    problems = _load(tmp_path, tables)
    found = _only(problems, "W_VILLAGE_KIND")
    assert [(p.file, p.row, p.value) for p in found] == [("desa.csv", index + 2, name)]
    assert dict(found[0].fields)["code_kind"] == code_kind
    assert _only(problems, "W_NAME_DIFFERS") == []  # the bare name is the official one
    assert code_kind in found[0].message("en") and code_kind in found[0].message("id")


@pytest.mark.slow  # a season loaded twice and an edition written and read
def test_a_season_names_its_own_edition(tmp_path: Path) -> None:
    """A year when a regency was split: the season's own list (same columns) holds the new code."""
    tables = _official(small_season_tables())
    new = ("61.13", "Kabupaten Baru", "kabupaten", "61", "")
    tables["wilayah"] = pd.concat([tables["wilayah"], pd.DataFrame([new], columns=tables["wilayah"].columns)])
    folder = write_season(tmp_path, tables)
    assert [p.value for p in _only(load_season(MUSIM, tmp_path).report.problems, "E_CODE_UNKNOWN")] == ["61.13"]
    edition = folder / "referensi_2025b"
    edition.mkdir()
    ref = kemendagri.bundled()
    listed = pd.concat([ref.wilayah, pd.DataFrame([new[:4]], columns=kemendagri.WILAYAH_COLUMNS)])
    listed.to_csv(edition / "wilayah.csv", index=False)
    villages = ref.desa[ref.desa["kode_wilayah"].isin(tables["wilayah"]["kode_wilayah"])]  # a small edition
    with gzip.open(edition / "desa.csv.gz", "wt", encoding="utf-8") as handle:
        villages.loc[:, list(kemendagri.DESA_COLUMNS)].to_csv(handle, index=False)
    (folder / "musim.yaml").write_text("musim: 2025\nreferensi_wilayah: referensi_2025b\n", encoding="utf-8")
    result = load_season(MUSIM, tmp_path)
    assert result.season is not None, result.report.render("en")
    assert result.season.referensi is not None and result.season.referensi[0] == "referensi_2025b"
    assert not _only(result.report.problems, "E_CODE_UNKNOWN")


@pytest.mark.parametrize("value", ["kemendagri_1999", "../elsewhere", "'  '"])
def test_an_unknown_edition_is_an_error_at_its_line(tmp_path: Path, value: str) -> None:
    """Every other problem of musim.yaml names its line and column: so does this one, at the value."""
    (tmp_path / "elsewhere").mkdir()
    problems = _load(tmp_path, small_season_tables(), f"musim: 2025\n# the edition\nreferensi_wilayah:   {value}\n")
    found = _only(problems, "E_META_REFERENCE")
    assert [(p.file, p.column, p.line, p.col) for p in found] == [("musim.yaml", "referensi_wilayah", 3, 22)]
    assert kemendagri.BUNDLED_EDITION in found[0].message("en") and "line 3, column 22" in found[0].message("en")
    assert "baris 3, kolom 22" in found[0].message("id")


def test_an_unknown_edition_says_what_to_write_in_plain_words(tmp_path: Path) -> None:
    """The message named the key and "a bundled region list" and left the user to guess that deleting the line
    falls back on the workbook's own list."""
    problems = _load(tmp_path, small_season_tables(), "musim: 2025\nreferensi_wilayah: kemendagri_1999\n")
    editions = ", ".join(kemendagri.EDITIONS)
    said = (
        "musim.yaml, line 2, column 20, key 'referensi_wilayah': The region list 'kemendagri_1999' named here is "
        f"neither one of the lists that come with the workbook ({editions}) nor a folder inside the season folder, "
        f"so the region codes cannot be checked. Write one of {editions} here, or the name of a folder inside the "
        "season folder that holds the list's wilayah.csv and desa.csv; or delete this line to use the list that "
        "comes with the workbook."
    )
    assert [p.message("en") for p in _only(problems, "E_META_REFERENCE")] == [said]
    assert "hapus baris ini untuk memakai daftar bawaan buku kerja" in _only(problems, "E_META_REFERENCE")[0].message()


def _edition(tmp_path: Path, desa: str | None) -> list[Problem]:
    """The problems of the small season whose musim.yaml names its own list `ref`: the bundled wilayah.csv and a
    desa.csv of the text `desa` (none: no desa.csv)."""
    folder = write_season(tmp_path, small_season_tables())
    (folder / "ref").mkdir()
    shutil.copy(PROJECT / "paritrana_nb" / "reference" / kemendagri.BUNDLED_EDITION / "wilayah.csv", folder / "ref")
    if desa is not None:
        (folder / "ref" / "desa.csv").write_text(desa, encoding="utf-8")
    (folder / "musim.yaml").write_text("musim: 2025\nreferensi_wilayah: ref\n", encoding="utf-8")
    result = load_season(MUSIM, tmp_path)
    assert result.season is None
    return result.report.problems


def test_an_edition_missing_a_column_is_an_error_naming_the_column(tmp_path: Path) -> None:
    """It said "cannot be used (jenis)": now which column is missing and which the first row must name."""
    found = _only(_edition(tmp_path, "kode_desa,nama\n61.04.02.2003,Belaban\n"), "E_REFERENCE_COLUMNS")
    assert [p.file for p in found] == ["ref/desa.csv"]
    assert found[0].message("en") == (
        "ref/desa.csv: This file of the region list that musim.yaml names (referensi_wilayah) has no column jenis. "
        "Its first row must name the columns kode_desa, nama, jenis, as the list that comes with the workbook does: "
        "add or correct the column names in the first row, then run again."
    )
    assert "tidak memiliki kolom jenis" in found[0].message("id")


def test_an_edition_missing_a_file_says_which_and_how_to_fix_it(tmp_path: Path) -> None:
    """It said "cannot be used (-)"."""
    found = _only(_edition(tmp_path, None), "E_REFERENCE_MISSING")
    assert [(p.file, p.row) for p in found] == [("ref/desa.csv", None)]
    assert found[0].message("en").startswith("ref/desa.csv: This file is missing: the folder of the region list")
    assert "Berkas ini tidak ada" in found[0].message("id")


def test_an_edition_listing_a_code_twice_is_an_error_at_its_second_row(tmp_path: Path) -> None:
    """It said "cannot be used (61.04.02.2003 ×2)", without a row."""
    desa = "kode_desa,nama,jenis\n61.04.02.2003,Belaban,desa\n61.04.02.2004,Kedondong,desa\n61.04.02.2003,X,desa\n"
    found = _only(_edition(tmp_path, desa), "E_REFERENCE_DUPLICATE")
    assert [(p.file, p.row, p.column) for p in found] == [("ref/desa.csv", 4, "kode_desa")]
    assert found[0].message("en") == (
        "ref/desa.csv, row 4, column 'kode_desa': Code '61.04.02.2003' is listed twice in this region list (also at "
        "row 2), but each code must name one place. Keep one row for each code: delete or correct one of the two "
        "rows, then run again."
    )


@pytest.mark.parametrize("stem", ["wilayah", "desa"])
def test_an_edition_with_a_control_character_in_a_name_is_an_error_at_its_row(tmp_path: Path, stem: str) -> None:
    """A name of a season's own list holding an escape or a NUL passed validate, and `paritrana template` then
    stopped with openpyxl's traceback (IllegalCharacterError) writing it into a workbook; in a message or a report
    it would have shown as what it hides. Such a list is refused, at the row of the name, as a table's name is."""
    folder = write_season(tmp_path, small_season_tables())
    bundled = PROJECT / "paritrana_nb" / "reference" / kemendagri.BUNDLED_EDITION
    (folder / "ref").mkdir()
    shutil.copy(bundled / "wilayah.csv", folder / "ref")
    shutil.copy(bundled / "desa.csv.gz", folder / "ref")
    header = {"wilayah": "kode_wilayah,nama,tingkat,kode_provinsi", "desa": "kode_desa,nama,jenis"}[stem]
    row = {"wilayah": "61.04,Kabupaten Ketapang\x1b[31m,kabupaten,61", "desa": "61.04.02.2003,Belaban\x00,desa"}[stem]
    (folder / "ref" / f"{stem}.csv.gz").unlink(missing_ok=True)
    (folder / "ref" / f"{stem}.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    (folder / "musim.yaml").write_text("musim: 2025\nreferensi_wilayah: ref\n", encoding="utf-8")
    result = load_season(MUSIM, tmp_path)
    found = _only(result.report.problems, "E_REFERENCE_CONTROL_CHAR")
    assert result.season is None and [(p.file, p.row, p.column) for p in found] == [(f"ref/{stem}.csv", 2, "nama")]
    said = found[0].message("en")
    assert ("Ketapang\\x1b[31m" if stem == "wilayah" else "Belaban\\x00") in said and "\x1b" not in said, said


def test_a_gzip_bomb_edition_is_refused_unpacked_only_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half a megabyte of gzip unpacking to 500 MB of one line took 1.2 GB of memory."""
    monkeypatch.setattr(kemendagri, "MAX_UNPACKED_BYTES", 1 << 20)  # the real limit, 64 MB, would make a slow test
    folder = write_season(tmp_path, small_season_tables())
    (folder / "ref").mkdir()
    shutil.copy(PROJECT / "paritrana_nb" / "reference" / kemendagri.BUNDLED_EDITION / "wilayah.csv", folder / "ref")
    with gzip.open(folder / "ref" / "desa.csv.gz", "wb") as handle:
        handle.write(b"kode_desa,nama,jenis\n61.04.02.2003," + b"a" * (2 << 20) + b",desa\n")
    (folder / "musim.yaml").write_text("musim: 2025\nreferensi_wilayah: ref\n", encoding="utf-8")
    result = load_season(MUSIM, tmp_path)
    found = _only(result.report.problems, "E_REFERENCE_TOO_LARGE")
    assert result.season is None and [p.file for p in found] == ["ref/desa.csv.gz"]
    assert "unpacks to more than 1 MB" in found[0].message("en")
    assert "terurai menjadi lebih dari 1 MB" in found[0].message("id")


def test_every_bundled_code_is_in_the_list(bundled_season: Season) -> None:
    ref = kemendagri.bundled()
    assert bundled_season.wilayah["kode_wilayah"].isin(ref.wilayah.index).all()
    assert bundled_season.desa["kode_desa"].isin(ref.desa.index).all()
    assert bundled_season.referensi == (ref.edition, ref.digest)
    names = bundled_season.desa.set_index("kode_desa")["nama"]
    kind = np.where(names.index.str[-4] == "1", "Kelurahan ", "Desa ")
    assert (names == kind + names.index.map(ref.desa["nama"])).all()
    for _, code in (("Eka Bahurui", "62.02.06.2008"), ("Pujon", "62.03.11.2006")):
        assert code in set(names.index)


def test_the_national_scale_has_the_countrys_real_shape() -> None:
    ref = kemendagri.bundled()
    regions = _regions("national", np.random.default_rng(3))
    assert set(regions["kode_wilayah"]) == set(ref.wilayah.index)
    official = regions.set_index("kode_wilayah")["nama"].drop(index=["31", "34"])  # short names: DKI, DI
    assert (official == ref.wilayah.loc[official.index, "nama"]).all()
    villages = _village_slots(regions, "national", False, np.random.default_rng(3))
    assert len(villages) == SOURCE_COUNTS["desa"] and villages["kode_desa"].is_unique
    assert set(villages["kode_desa"]) == set(ref.desa.index)
