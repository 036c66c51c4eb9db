"""Every error and warning class of the data contract, on mutations of a small valid season."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import small_season_tables, write_season
from paritrana_nb import forking, kemendagri
from paritrana_nb import season as season_module
from paritrana_nb.cache import SeasonCache
from paritrana_nb.cli import main
from paritrana_nb.engine import score_season
from paritrana_nb.messages import FSI, isolate
from paritrana_nb.methodology import Methodology
from paritrana_nb.problems import KEEP_PER_KIND, SeasonInvalid, ValidationReport
from paritrana_nb.report.quality import problems_by_province, warnings_not_kept
from paritrana_nb.schema import TABLES
from paritrana_nb.season import load_season, read_season, read_table
from paritrana_nb.validate import MAX_ID_CHARS, MAX_TEXT_CHARS
from paritrana_nb.yamldata import MAX_BYTES
from scoring_fixtures import DEFAULT_METHODOLOGY

PARAMS = str(DEFAULT_METHODOLOGY.parents[1])

Tables = dict[str, pd.DataFrame]


@dataclass
class Case:
    code: str
    severity: str
    file: str
    row: int | None
    column: str | None
    mutate: Callable[[Tables], None]


def _set(table: str, index: int, column: str, value: object) -> Callable[[Tables], None]:
    def mutate(tables: Tables) -> None:
        frame = tables[table].astype({column: object})
        frame.loc[index, column] = value
        tables[table] = frame

    return mutate


def _append_copy(table: str, index: int) -> Callable[[Tables], None]:
    def mutate(tables: Tables) -> None:
        frame = tables[table]
        tables[table] = pd.concat([frame, frame.iloc[[index]]], ignore_index=True)

    return mutate


def _drop_rows(table: str, query: str) -> Callable[[Tables], None]:
    def mutate(tables: Tables) -> None:
        frame = tables[table]
        tables[table] = frame.drop(frame.query(query).index).reset_index(drop=True)

    return mutate


def _drop_column(table: str, column: str) -> Callable[[Tables], None]:
    def mutate(tables: Tables) -> None:
        tables[table] = tables[table].drop(columns=[column])

    return mutate


def _empty(table: str) -> Callable[[Tables], None]:
    def mutate(tables: Tables) -> None:
        tables[table] = tables[table].iloc[0:0]

    return mutate


def _hadir(index: int, value: object) -> Callable[[Tables], None]:
    """The juror sheets' `hadir` column (1 on every row) with `value` at `index`."""

    def mutate(tables: Tables) -> None:
        tables["wawancara"] = tables["wawancara"].assign(hadir=1)
        _set("wawancara", index, "hadir", value)(tables)

    return mutate


def _all(*steps: Callable[[Tables], None]) -> Callable[[Tables], None]:
    def mutate(tables: Tables) -> None:
        for step in steps:
            step(tables)

    return mutate


# pemda rows: index 0/1 = 61 (2023/2024), 2/3 = 61.04, 4/5 = 61.10, 6/7 = 61.71, 8/9 = 65, 10/11 = 65.03
# spreadsheet row = index + 2
CASES: dict[str, Case] = {
    "missing_column": Case(
        "E_MISSING_COLUMN", "error", "pemda.csv", 1, "peserta_bpu", _drop_column("pemda", "peserta_bpu")
    ),
    "empty_table": Case("E_EMPTY_TABLE", "error", "pemda.csv", 2, None, _empty("pemda")),
    "not_a_number": Case(
        "E_NOT_NUMBER", "error", "pemda.csv", 5, "peserta_pu", _set("pemda", 3, "peserta_pu", "banyak")
    ),
    "not_whole": Case("E_NOT_WHOLE", "error", "desa.csv", 3, "peserta", _set("desa", 1, "peserta", "300.5")),
    "negative": Case("E_NEGATIVE", "error", "desa.csv", 2, "peserta", _set("desa", 0, "peserta", -5)),
    "percent": Case(
        "E_PERCENT_RANGE",
        "error",
        "badan_usaha.csv",
        4,
        "upah_sesuai_pct",
        _set("badan_usaha", 2, "upah_sesuai_pct", 120),
    ),
    "score": Case("E_SCORE_RANGE", "error", "wawancara.csv", 2, "nilai", _set("wawancara", 0, "nilai", 101)),
    "binary_number": Case("E_NOT_BINARY", "error", "badan_usaha.csv", 2, "jkk", _set("badan_usaha", 0, "jkk", 2)),
    "binary_text": Case("E_NOT_NUMBER", "error", "pemda.csv", 3, "perda", _set("pemda", 1, "perda", "ya")),
    "hadir_number": Case("E_NOT_BINARY", "error", "wawancara.csv", 3, "hadir", _hadir(1, 2)),
    "hadir_text": Case("E_NOT_NUMBER", "error", "wawancara.csv", 4, "hadir", _hadir(2, "ya")),
    "blank": Case("E_BLANK", "error", "desa.csv", 2, "nama", _set("desa", 0, "nama", "")),
    "blank_target_year_t": Case(
        "E_BLANK", "error", "pemda.csv", 5, "target_ucj_pct", _set("pemda", 3, "target_ucj_pct", "")
    ),
    "tingkat": Case(
        "E_UNKNOWN_VALUE", "error", "wilayah.csv", 3, "tingkat", _set("wilayah", 1, "tingkat", "kabupatén")
    ),
    "skala": Case("E_UNKNOWN_VALUE", "error", "badan_usaha.csv", 3, "skala", _set("badan_usaha", 1, "skala", "sedang")),
    # checked against the methodology in use (registry.check)
    "kategori": Case(
        "E_JURY_UNKNOWN_CATEGORY", "error", "wawancara.csv", 2, "kategori", _set("wawancara", 0, "kategori", "umkm")
    ),
    "zone_missing": Case("E_ZONE_MISSING", "error", "wilayah.csv", 6, "zona", _set("wilayah", 4, "zona", "")),
    "bad_year": Case("E_BAD_YEAR", "error", "pemda.csv", 3, "tahun", _set("pemda", 1, "tahun", "2024a")),
    "code_region": Case(
        "E_BAD_CODE", "error", "wilayah.csv", 4, "kode_wilayah", _set("wilayah", 2, "kode_wilayah", "61.1")
    ),
    "code_village": Case(
        "E_BAD_CODE", "error", "desa.csv", 3, "kode_desa", _set("desa", 1, "kode_desa", "61.04.2.2003")
    ),
    "tingkat_mismatch": Case(
        "E_TINGKAT_MISMATCH", "error", "wilayah.csv", 5, "tingkat", _set("wilayah", 3, "tingkat", "kabupaten")
    ),
    "unknown_province": Case(
        "E_UNKNOWN_PROVINCE", "error", "wilayah.csv", 6, "kode_wilayah", _drop_rows("wilayah", "kode_wilayah == '65'")
    ),
    "unknown_region_village": Case(
        "E_UNKNOWN_REGION",
        "error",
        "desa.csv",
        2,
        "kode_wilayah",
        _all(_set("desa", 0, "kode_wilayah", "61.01"), _set("desa", 0, "kode_desa", "61.01.10.2009")),
    ),  # Sambas and one of its villages: in the official list, not in wilayah.csv
    "unknown_region_pemda": Case(
        "E_UNKNOWN_REGION", "error", "pemda.csv", 6, "kode_wilayah", _set("pemda", 4, "kode_wilayah", "61.01")
    ),
    "unknown_region_business": Case(
        "E_UNKNOWN_REGION",
        "error",
        "badan_usaha.csv",
        2,
        "kode_wilayah",
        _set("badan_usaha", 0, "kode_wilayah", "64.08"),
    ),
    "village_outside_region": Case(
        "E_VILLAGE_REGION_MISMATCH", "error", "desa.csv", 2, "kode_desa", _set("desa", 0, "kode_wilayah", "61.10")
    ),
    "duplicate_pemda": Case("E_DUPLICATE_KEY", "error", "pemda.csv", 14, "kode_wilayah", _append_copy("pemda", 3)),
    "duplicate_desa": Case("E_DUPLICATE_KEY", "error", "desa.csv", 6, "kode_desa", _append_copy("desa", 1)),
    "duplicate_business": Case("E_DUPLICATE_KEY", "error", "badan_usaha.csv", 6, "npp", _append_copy("badan_usaha", 0)),
    "duplicate_jury": Case("E_DUPLICATE_KEY", "error", "wawancara.csv", 52, "kategori", _append_copy("wawancara", 5)),
    "duplicate_wilayah": Case("E_DUPLICATE_KEY", "error", "wilayah.csv", 8, "kode_wilayah", _append_copy("wilayah", 2)),
    "officials_exceed": Case(
        "E_PART_EXCEEDS_WHOLE",
        "error",
        "desa.csv",
        3,
        "perangkat_terlindungi",
        _set("desa", 1, "perangkat_terlindungi", 11),
    ),
    "bpd_exceed": Case(
        "E_PART_EXCEEDS_WHOLE", "error", "desa.csv", 4, "bpd_terlindungi", _set("desa", 2, "bpd_terlindungi", 1)
    ),
    "registered_exceed": Case(
        "E_PART_EXCEEDS_WHOLE",
        "error",
        "badan_usaha.csv",
        5,
        "pekerja_terdaftar",
        _set("badan_usaha", 3, "pekerja_terdaftar", 4),
    ),
    "jury_unknown": Case(
        "E_JURY_UNKNOWN_PARTICIPANT",
        "error",
        "wawancara.csv",
        2,
        "id_peserta",
        _set("wawancara", 0, "id_peserta", "61.12"),
    ),
    "jury_wrong_category": Case(
        "E_JURY_UNKNOWN_PARTICIPANT",
        "error",
        "wawancara.csv",
        2,
        "id_peserta",
        _set("wawancara", 0, "id_peserta", "61"),
    ),
    "duplicate_column": Case(
        "E_DUPLICATE_COLUMN",
        "error",
        "desa.csv",
        1,
        "nama",
        lambda t: t.update(desa=pd.concat([t["desa"], t["desa"][["nama"]]], axis=1)),
    ),
    "province_mismatch": Case(
        "E_PROVINCE_MISMATCH", "error", "wilayah.csv", 3, "kode_provinsi", _set("wilayah", 1, "kode_provinsi", "65")
    ),
    "province_as_region": Case(
        "E_REGION_LEVEL", "error", "badan_usaha.csv", 2, "kode_wilayah", _set("badan_usaha", 0, "kode_wilayah", "61")
    ),
    "npp_with_space": Case(
        "E_BAD_NPP", "error", "badan_usaha.csv", 3, "npp", _set("badan_usaha", 1, "npp", "0012 345602")
    ),
    "number_beyond_exact_floats": Case(
        "E_NUMBER_TOO_LARGE",
        "error",
        "desa.csv",
        2,
        "penduduk_bekerja",
        _set("desa", 0, "penduduk_bekerja", "99999999999999999999999"),
    ),
    "number_just_beyond_exact_floats": Case(  # reads as 9007199254740992: its last digit would be lost silently
        "E_NUMBER_TOO_LARGE",
        "error",
        "badan_usaha.csv",
        2,
        "jumlah_pekerja",
        _set("badan_usaha", 0, "jumlah_pekerja", "9007199254740993"),
    ),
    "more_people_than_indonesia": Case(  # an extra digit or three: no count of people exceeds the population
        "E_MORE_PEOPLE_THAN_INDONESIA",
        "error",
        "pemda.csv",
        3,
        "peserta_bpu",
        _set("pemda", 1, "peserta_bpu", "300000001"),
    ),
    "npp_in_scientific_notation": Case(
        "E_NPP_SCIENTIFIC", "error", "badan_usaha.csv", 3, "npp", _set("badan_usaha", 1, "npp", "7.98916E+09")
    ),
    "no_year_t": Case(
        "E_NO_YEAR_T",
        "error",
        "desa.csv",
        None,
        "tahun",
        _all(
            _set("desa", 0, "tahun", 2023),
            _set("desa", 1, "tahun", 2023),
            _set("desa", 2, "tahun", 2023),
            _set("desa", 3, "tahun", 2023),
            _drop_rows("wawancara", "kategori == 'desa'"),
        ),
    ),
    # warnings
    "coverage_over_100": Case(
        "W_COVERAGE_OVER_100", "warning", "pemda.csv", 9, "penduduk_bekerja", _set("pemda", 7, "peserta_pu", 400000)
    ),
    "village_over_100": Case(
        "W_COVERAGE_OVER_100", "warning", "desa.csv", 5, "peserta", _set("desa", 3, "peserta", 701)
    ),
    "zone_on_a_regency": Case(
        "W_ZONE_NOT_PROVINCE", "warning", "wilayah.csv", 3, "zona", _set("wilayah", 1, "zona", "Jawa")
    ),
    "officials_over_working": Case(
        "W_PART_EXCEEDS_WORKING",
        "warning",
        "desa.csv",
        2,
        "perangkat_desa",
        _set("desa", 0, "perangkat_desa", 300_000_000),
    ),
    "bpd_over_working": Case(
        "W_PART_EXCEEDS_WORKING", "warning", "desa.csv", 3, "anggota_bpd", _set("desa", 1, "anggota_bpd", 100_000)
    ),
    "village_fund_workers_over_working": Case(
        "W_PART_EXCEEDS_WORKING",
        "warning",
        "desa.csv",
        4,
        "pekerja_rentan_dana_desa",
        _set("desa", 2, "pekerja_rentan_dana_desa", 5_000_000),
    ),
    "budget_workers_over_working": Case(
        "W_PART_EXCEEDS_WORKING",
        "warning",
        "pemda.csv",
        5,
        "pekerja_rentan_apbd",
        _set("pemda", 3, "pekerja_rentan_apbd", 9_000_000),
    ),
    "no_previous_year": Case(
        "W_NO_PREVIOUS_YEAR",
        "warning",
        "pemda.csv",
        6,
        "kode_wilayah",
        _drop_rows("pemda", "kode_wilayah == '61.10' and tahun == 2023"),
    ),
    "few_jurors": Case(
        "W_FEW_JURORS",
        "warning",
        "wawancara.csv",
        8,
        "juri",
        _drop_rows("wawancara", "kategori == 'desa' and juri in ('J3', 'J4')"),
    ),
    "large_jump": Case(
        "W_LARGE_JUMP", "warning", "pemda.csv", 7, "penduduk_bekerja", _set("pemda", 5, "penduduk_bekerja", 150000)
    ),
    "region_not_submitted": Case(
        "W_REGION_NOT_SUBMITTED",
        "warning",
        "wilayah.csv",
        4,
        "kode_wilayah",
        _drop_rows("pemda", "kode_wilayah == '61.10'"),
    ),
    "zero_base": Case(
        "W_ZERO_BASE",
        "warning",
        "badan_usaha.csv",
        5,
        "jumlah_pekerja",
        _all(_set("badan_usaha", 3, "jumlah_pekerja", 0), _set("badan_usaha", 3, "pekerja_terdaftar", 0)),
    ),
    "other_year": Case(
        "W_OTHER_YEAR",
        "warning",
        "desa.csv",
        6,
        "tahun",
        lambda t: t.update(desa=pd.concat([t["desa"], t["desa"].iloc[[0]].assign(tahun=2019)], ignore_index=True)),
    ),
}


def test_an_empty_table_is_to_be_filled_in_both_languages_since_deleting_it_is_an_error(
    tmp_path: Path, default_methodology: Methodology
) -> None:
    """Indonesian said to fill it in or delete the file, English only to fill it in; deleting it is an error."""
    tables = small_season_tables()
    tables["badan_usaha"] = tables["badan_usaha"].iloc[0:0]
    folder = write_season(tmp_path, tables)
    report = load_season(2025, tmp_path, default_methodology).report
    english, indonesian = report.render("en"), report.render("id")
    assert "Fill in the data: each table of the season must be there and hold rows" in english
    assert "deleting the file is an error too" in english
    assert "Isi datanya: setiap tabel musim harus ada dan berisi baris" in indonesian
    assert "menghapus berkasnya juga galat" in indonesian and "hapus berkas ini" not in indonesian
    (folder / "badan_usaha.csv").unlink()
    missing = load_season(2025, tmp_path, default_methodology).report
    assert [p.code for p in missing.problems if p.file == "badan_usaha.csv"] == ["E_FILE_MISSING"]


def _hash_tree(folder: Path) -> dict[str, str]:
    """The input files (the season cache, a folder beside them, is not one)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    ("mutate", "said"),
    [
        (_hadir(2, "ya"), ("Tulis 0 (tidak) atau 1 (ya).", "Write 0 (no) or 1 (yes).")),
        (_set("pemda", 0, "perda", "TRUE"), ("Tulis 0 (tidak) atau 1 (ya).", "Write 0 (no) or 1 (yes).")),
    ],
)
def test_a_text_in_a_0_1_column_is_told_to_be_0_or_1_not_given_a_number_example(
    mutate: Callable[[Tables], None], said: tuple[str, str], tmp_path: Path
) -> None:
    """`ya` in `hadir` was told "Write a number only, e.g. 1234567 or 68.02", which a 0/1 column never holds."""
    tables = small_season_tables()
    mutate(tables)
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path).report
    for lang, text in zip(("id", "en"), said, strict=True):
        lines = [line for line in report.render(lang).splitlines() if "1234567" in line or text in line]
        assert lines and all(text in line and "1234567" not in line for line in lines), report.render(lang)


@pytest.mark.parametrize("name", sorted(CASES))
def test_problem_is_found_and_located(name: str, tmp_path: Path, default_methodology: Methodology) -> None:
    case = CASES[name]
    tables = small_season_tables()
    case.mutate(tables)
    folder = write_season(tmp_path, tables)
    before = _hash_tree(folder)

    result = load_season(2025, tmp_path, default_methodology)
    found = [p for p in result.report.problems if p.code == case.code and p.file == case.file]
    assert found, result.report.render("en")
    assert any(p.row == case.row and p.column == case.column for p in found), [
        (p.row, p.column, p.value) for p in found
    ]
    assert all(p.severity == case.severity for p in found)
    assert result.report.ok == (case.severity == "warning"), result.report.render("en")

    for lang, row_word, column_word in (("id", "baris", "kolom"), ("en", "row", "column")):
        lines = [line for line in result.report.render(lang).splitlines() if case.file in line]  # what validate prints
        assert lines, result.report.render(lang)
        if case.row is not None:
            assert any(f"{row_word} {case.row}," in line or f"{row_word} {case.row}:" in line for line in lines)
        if case.column is not None:
            assert any(f"{column_word} '{case.column}'" in line for line in lines)
    assert _hash_tree(folder) == before, "input files must never be written to"


@pytest.mark.parametrize(("name", "exit_code"), [("negative", 1), ("large_jump", 0)])
def test_validate_prints_the_report_and_exits_by_severity(
    name: str, exit_code: int, tmp_path: Path, default_methodology: Methodology, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = small_season_tables()
    CASES[name].mutate(tables)
    folder = write_season(tmp_path, tables)
    before = _hash_tree(folder)
    report = load_season(2025, tmp_path, default_methodology).report
    for lang in ("id", "en"):
        args = ["validate", "--season", "2025", "--data-dir", str(tmp_path), "--params-dir", PARAMS, "--lang", lang]
        code = main(args)
        out = capsys.readouterr()
        assert code == exit_code
        assert out.out.startswith(report.render(lang)) and "Traceback" not in out.out + out.err
    assert _hash_tree(folder) == before, "input files must never be written to"


def test_coverage_above_100_says_which_year_and_a_village_row_of_another_year_is_not_checked(tmp_path: Path) -> None:
    """The same check runs on the T and T-1 rows, and a report's data-quality notes show the message without the row:
    each warning names its year. A village row of a year neither T nor T-1 is ignored when scoring (W_OTHER_YEAR),
    and one with a blank year is an error already: neither is also a coverage warning ('tahun nan')."""
    tables = small_season_tables()
    _all(
        _set("pemda", 6, "peserta_pu", 400000),  # 61.71, 2023: spreadsheet row 8
        _set("desa", 0, "peserta", 1201),  # 2024: row 2
        _set("desa", 1, "peserta", 901),
        _set("desa", 1, "tahun", 2022),  # row 3, ignored
        _set("desa", 3, "peserta", 701),
        _set("desa", 3, "tahun", None),  # row 5, an error
    )(tables)
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path).report
    over = {(p.file, p.row): p for p in report.problems if p.code == "W_COVERAGE_OVER_100"}
    assert sorted(over) == [("desa.csv", 2), ("pemda.csv", 8)]
    assert over["pemda.csv", 8].message("id") == (
        "pemda.csv, baris 8, kolom 'penduduk_bekerja': Cakupan tahun 2023 sebesar 126,01% melebihi 100% (peserta "
        "438.500 dari 348.000 penduduk bekerja). Bisa terjadi bila perkiraan pekerja terlalu rendah; pastikan angkanya "
        "benar."
    )
    assert "Coverage 126.01% in 2023 exceeds 100% (438,500 participants" in over["pemda.csv", 8].message("en")
    assert "Cakupan tahun 2024 sebesar 100,08% melebihi 100%" in over["desa.csv", 2].message("id")


def test_valid_season_has_no_problems(small_season: Path) -> None:
    result = load_season(2025, small_season)
    assert result.report.problems == []
    season = result.season
    assert season is not None
    assert season.pemda["peserta_pu"].dtype == "int64"
    assert season.pemda["target_ucj_pct"].dtype == "float64"
    assert season.badan_usaha["npp"].tolist()[0] == "0012345601"
    assert season.wilayah["kode_wilayah"].tolist()[2] == "61.10"
    assert season.pemda.index[0] == 2  # index = spreadsheet row


def test_missing_file(small_season: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (small_season / "2025" / "desa.csv").unlink()
    assert main(["validate", "--data-dir", str(small_season)]) == 1
    out = capsys.readouterr().out
    assert "desa.csv" in out and "Berkas tidak ada" in out


def test_validate_tells_an_unknown_aspect_in_the_run_that_tells_the_jurors_case_and_a_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled season with three interview rows added: the aspect written as its name (row 2047) was told only
    once the juror's case (2045) and the duplicate (2046) were fixed; now all three at once, and that more checks
    against the methodology follow."""
    bundled = DEFAULT_METHODOLOGY.parents[2] / "data" / "2025"
    folder = tmp_path / "2025"
    folder.mkdir()
    for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara"):
        (folder / f"{name}.csv").write_bytes((bundled / f"{name}.csv").read_bytes())
    (folder / "musim.yaml").write_bytes((bundled / "musim.yaml").read_bytes())
    with (folder / "wawancara.csv").open("a", encoding="utf-8") as file:
        file.write("pemda,61.04,j1,inovasi,10\npemda,61.04,J1 ,sinergi,10\npemda,61.04,J1,Inovasi,10\n")
    args = ["validate", "--season", "2025", "--data-dir", str(tmp_path), "--params-dir", PARAMS, "--no-cache"]
    assert main([*args, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    errors = [line for line in out.splitlines() if line.startswith("  [ERROR]")]
    assert [line.split(":")[0] for line in errors] == [
        "  [ERROR] wawancara.csv, row 2045, column 'juri'",
        "  [ERROR] wawancara.csv, row 2046, column 'kategori'",
        "  [ERROR] wawancara.csv, row 2047, column 'aspek'",
    ], out
    assert "'Inovasi' is the name of aspect 'inovasi' of category pemda, not its id" in errors[2]
    assert "Some checks against the methodology wait for these errors to be fixed" in out, out
    assert main([*args, "--lang", "id"]) == 1
    out = capsys.readouterr().out
    assert "baris 2047" in out and "Sebagian pemeriksaan terhadap metodologi menunggu galat ini diperbaiki" in out, out


def test_missing_season_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--season", "2031", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    assert "Season folder not found" in capsys.readouterr().out


def test_a_season_folder_given_as_data_dir_names_the_folder_above_it(
    small_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--data-dir", str(small_season / "2025"), "--lang", "en"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert f"{small_season / '2025'} is a season folder itself (it holds badan_usaha.csv)" in out, out
    assert f"give --data-dir {small_season}." in out, out


def test_a_season_folder_not_named_as_its_season_is_told_to_be_named_so(
    small_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A season folder received as `kiriman_kalbar/` and given as --data-dir was told to give its parent as
    --data-dir, where no folder 2025 is either: the next run said only that the season folder was not found. It is
    told to name the folder as its season."""
    folder = small_season / "kiriman_kalbar"
    (small_season / "2025").rename(folder)
    assert main(["validate", "--data-dir", str(folder), "--lang", "en"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert f"{folder} holds a season's tables (badan_usaha.csv), but a season is read from the folder named" in out
    assert f"rename {folder} to {small_season / '2025'} and give --data-dir {small_season}." in out, out
    with pytest.raises(SeasonInvalid) as missing:
        read_season(2025, folder, "en")
    said = " ".join(str(missing.value).split())
    assert f"rename {folder} to {small_season / '2025'} and pass {small_season} as data_dir." in said, said


def test_a_season_not_there_names_the_seasons_that_are(small_season: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (small_season / "2024").mkdir()
    assert main(["validate", "--season", "2026", "--data-dir", str(small_season)]) == 1
    out = capsys.readouterr().out
    assert f"Folder musim tidak ditemukan: {small_season / '2026'}." in out, out
    assert f"{small_season} berisi musim 2024, 2025: pilih salah satunya dengan --season, atau buat" in out, out
    assert "--against" not in out, out  # `compare` alone has it


def test_a_data_folder_not_there_names_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The analyst's first run from another folder: the relative data/ is looked for where the command runs."""
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--lang", "en"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert (
        f"Season folder not found: data/2025. The folder data is not there either, looked for in the current "
        f"folder {tmp_path}: run the command from the project folder" in out
    ), out


def test_a_season_folder_that_is_a_link_to_no_folder_is_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to itself was reported as a season folder not found, beside the link."""
    (tmp_path / "2025").symlink_to(tmp_path / "2025")
    (tmp_path / "2024").symlink_to(tmp_path / "hilang")
    for season, target in (("2025", tmp_path / "2025"), ("2024", tmp_path / "hilang")):
        assert main(["validate", "--season", season, "--data-dir", str(tmp_path), "--lang", "en"]) == 1
        out = " ".join(capsys.readouterr().out.split())
        assert f"Season folder {tmp_path / season} is a link that leads to no folder (to {target}:" in out, out


def test_a_data_folder_that_is_a_file_is_said_to_be_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--data-dir skor.csv` was told that skor.csv "is not there either", beside the file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "skor.csv").write_text("x\n", encoding="utf-8")
    assert main(["validate", "--data-dir", "skor.csv", "--lang", "en"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "Season folder not found: skor.csv/2025. skor.csv is a file, not a folder: --data-dir names" in out, out


def test_a_season_folder_missing_for_a_python_caller_is_told_with_its_arguments(
    small_season: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_season(2099, "data") was told to give another season "with --season", or --data-dir: options of the
    command line, which a Python caller has not. It is told with the function's arguments musim and data_dir."""
    (tmp_path / "skor.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "kosong").mkdir()
    monkeypatch.chdir(tmp_path)
    cases = {  # data_dir -> what the English message says after the folder's name
        str(small_season): "holds the seasons 2025: pass one of them as musim, or create",
        str(small_season / "2025"): f"is a season folder itself (it holds badan_usaha.csv), but data_dir names the "
        f"folder that holds the season folders: pass {small_season} as data_dir.",
        "data": f"The folder data is not there either, looked for in the current folder {tmp_path}: pass data_dir "
        "with the full path, or work from the project folder",
        "skor.csv": "skor.csv is a file, not a folder: data_dir names the folder that holds one folder per season",
        "kosong": "Season folder not found: kosong/2099. Create data/<season>/ holding wilayah, pemda, desa, "
        "badan_usaha and wawancara (.csv or .xlsx), or pass the right data_dir.",
    }
    for data_dir, said in cases.items():
        with pytest.raises(SeasonInvalid) as missing:
            read_season(2099, data_dir, "en")
        message = " ".join(str(missing.value).split())
        assert said in message and "--" not in message, message
        with pytest.raises(SeasonInvalid) as missing:
            read_season(2099, data_dir, "id")
        assert "--" not in str(missing.value), str(missing.value)
    problems = load_season(2099, str(small_season)).report.render("id")
    assert "berisi musim 2025: beri salah satunya sebagai musim, atau buat folder" in problems, problems
    assert "--season" not in problems, problems
    problems = load_season(2099, str(small_season), option="--season").report.render("en")  # the command line's
    assert "holds the seasons 2025: give one of them with --season, or create" in problems, problems


@pytest.mark.parametrize("copy", ["pemda (1).csv", "pemda - Copy.csv", "Copy of pemda.csv", "PEMDA (2).CSV"])
def test_a_copys_name_is_named_when_the_table_is_missing(
    copy: str, small_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A browser's download (`pemda (1).csv`) or a file manager's copy saved instead of the table itself."""
    folder = small_season / "2025"
    (folder / "pemda.csv").rename(folder / copy)
    assert main(["validate", "--data-dir", str(small_season), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert f"There is no pemda.csv or pemda.xlsx, but {copy} is here" in out, out


def test_a_copy_a_lock_file_and_notes_beside_the_tables_are_not_read(
    small_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = small_season / "2025"
    (folder / "pemda (1).csv").write_text("rusak;\n", encoding="utf-8")
    (folder / "~$pemda.xlsx").write_bytes(b"\x00lock")  # Excel's lock file of an open pemda.xlsx
    (folder / "catatan.txt").write_text("catatan rapat\n", encoding="utf-8")
    assert main(["validate", "--data-dir", str(small_season)]) == 0
    assert "Data musim 2025 valid" in capsys.readouterr().out


def test_all_problems_reported_not_just_first(tmp_path: Path, default_methodology: Methodology) -> None:
    tables = small_season_tables()
    for name in ("not_a_number", "negative", "percent", "few_jurors", "duplicate_desa"):
        CASES[name].mutate(tables)
    write_season(tmp_path, tables)
    codes = {p.code for p in load_season(2025, tmp_path, default_methodology).report.problems}
    assert {"E_NOT_NUMBER", "E_NEGATIVE", "E_PERCENT_RANGE", "W_FEW_JURORS", "E_DUPLICATE_KEY"} <= codes
    # the checks against the methodology need readable tables: they come once these are fixed
    for name in ("jury_unknown", "zone_missing"):
        CASES[name].mutate(tables)
    write_season(tmp_path, small_season_tables() | {"wawancara": tables["wawancara"], "wilayah": tables["wilayah"]})
    codes = {p.code for p in load_season(2025, tmp_path, default_methodology).report.errors}
    assert codes == {"E_JURY_UNKNOWN_PARTICIPANT", "E_ZONE_MISSING"}


_READ_APART = """
import os, sys
from pathlib import Path
from paritrana_nb import forking, validate_codes
from paritrana_nb import season as season_module
from paritrana_nb.season import load_season

folder, variant = Path(sys.argv[1]), sys.argv[2]
assert forking.can_fork()  # a fresh interpreter: no other thread
season_module.READ_APART_FROM = 0
here, forks, fork = os.getpid(), [], forking.fork
forking.fork = lambda job, *more, **options: forks.append(job) or fork(job, *more, **options)


def recorded(owner, name):
    run = getattr(owner, name)

    def record(*args):
        found = run(*args)
        (folder / f"{name}.txt").write_text(f"{os.getpid() != here} " + " ".join(sorted(found)), encoding="utf-8")
        return found

    setattr(owner, name, record)


recorded(validate_codes, "checks_of")
recorded(season_module, "across_checks_of")
if variant == "killed":
    read_others = season_module._read_others

    def killed(*args, **options):
        if os.getpid() != here:
            os._exit(9)  # as if killed (out of memory) before it answered
        return read_others(*args, **options)

    season_module._read_others = killed
apart = load_season(2025, folder).report
assert len(forks) == 1  # the reader of the smaller tables (no cache, no methodology: nothing else forks)
forking.can_fork = lambda: False
alone = load_season(2025, folder).report  # its tables read here and on a thread
assert apart.render("en") == alone.render("en")
assert (apart.problems, apart.omitted) == (alone.problems, alone.omitted)
print(len(apart.problems), sorted({p.code for p in apart.problems}))
"""


def _read_apart(folder: Path, variant: str) -> str:
    """Load season 2025 of the data folder `folder` in a fresh interpreter (a test process may hold threads, and then
    never forks), its smaller tables read in a forked process, and check the report is the one read here: what it
    printed."""
    done = subprocess.run(
        [sys.executable, "-c", _READ_APART, str(folder), variant], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("others", ["thread", "forked", "forked-killed"])
def test_each_tables_cell_problems_come_in_the_tables_order_though_the_largest_is_read_aside(
    tmp_path: Path, others: str
) -> None:
    """The largest table is read on a thread beside the others, or here while the others are read in a forked
    process (a large season; read here after all when that process is killed): the same problems, in order."""
    tables = small_season_tables()
    for name in ("tingkat", "binary_text", "not_whole", "skala", "binary_number", "score"):
        CASES[name].mutate(tables)
    tables["badan_usaha"] = pd.concat([tables["badan_usaha"]] * 40, ignore_index=True)  # read on a thread of its own
    folder = write_season(tmp_path, tables)
    one_by_one = ValidationReport(2025)
    for table in TABLES:
        read_table(folder / f"{table.name}.csv", table, 2024, one_by_one)
    assert [p.file for p in one_by_one.problems] == sorted(
        (p.file for p in one_by_one.problems), key=[f"{t.name}.csv" for t in TABLES].index
    )
    if others == "thread":
        assert load_season(2025, tmp_path).report.problems[: len(one_by_one.problems)] == one_by_one.problems
    else:  # compared with the report read on a thread, in the fresh interpreter
        assert "E_UNKNOWN_VALUE" in _read_apart(tmp_path, "killed" if others == "forked-killed" else "forked")


def test_checks_run_in_the_forked_reader_are_reported_as_run_here(tmp_path: Path) -> None:
    """The forked process that reads the smaller tables also runs the checks across tables that read only these, and
    checks their codes against the official list: the same problems in the same order, and the same counts beyond
    the cap (desa.csv's unknown region and village codes are one kind, found by two checks on either side of
    badan_usaha.csv's)."""
    tables = small_season_tables()
    cases = ("unknown_region_village", "unknown_region_pemda", "unknown_region_business", "code_village")
    for name in (*cases, "officials_exceed", "registered_exceed", "tingkat_mismatch", "no_previous_year"):
        CASES[name].mutate(tables)
    extra = pd.concat([tables["desa"].iloc[[1]]] * (KEEP_PER_KIND + 20), ignore_index=True)
    extra["kode_desa"] = [f"61.04.01.{n:04d}" for n in range(3001, 3001 + len(extra))]
    extra.loc[:9, ["kode_wilayah", "kode_desa"]] = [["61.97", f"61.97.01.{n:04d}"] for n in range(2001, 2011)]
    tables["desa"] = pd.concat([tables["desa"], extra], ignore_index=True)
    tables["badan_usaha"] = pd.concat([tables["badan_usaha"]] * 400, ignore_index=True)  # the largest
    tables["badan_usaha"].loc[[5, 7], "kode_wilayah"] = "61.79"  # not in the official list
    tables["badan_usaha"]["npp"] = [f"{n:010d}" for n in range(len(tables["badan_usaha"]))]
    write_season(tmp_path, tables)
    printed = _read_apart(tmp_path, "forked")
    assert all(code in printed for code in ("E_UNKNOWN_REGION", "E_CODE_UNKNOWN", "E_PART_EXCEEDS_WHOLE"))
    loaded = load_season(2025, tmp_path)
    codes = [p for p in loaded.report.problems if p.code == "E_CODE_UNKNOWN"]
    assert {p.file for p in codes} >= {"desa.csv", "badan_usaha.csv"}
    assert loaded.report.omitted[("desa.csv", "error", "E_CODE_UNKNOWN")] > 0
    for name, ran_apart in (("checks_of", "desa:kode_desa"), ("across_checks_of", "desa:regions")):
        apart, *checked = (tmp_path / f"{name}.txt").read_text(encoding="utf-8").split()  # the last: the reader's
        assert apart == "True" and ran_apart in checked
        assert not [check for check in checked if check.startswith("badan_usaha")]  # read here


def test_on_one_core_the_smaller_tables_are_read_here(small_season: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(season_module, "READ_APART_FROM", 0)
    monkeypatch.setattr(season_module.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(forking, "fork", lambda *args: pytest.fail("forked on one core"))
    assert load_season(2025, small_season).report.ok


def test_blank_pmi_means_zero_and_blank_vendor_is_not_applicable(small_season: Path) -> None:
    path = small_season / "2025" / "pemda.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["peserta_pmi"] = ""
    frame.to_csv(path, index=False)
    season = load_season(2025, small_season).season
    assert season is not None
    assert (season.pemda["peserta_pmi"] == 0).all()
    assert season.badan_usaha["vendor_patuh_pct"].isna().sum() == 3


def test_target_may_be_blank_in_previous_year(small_season: Path) -> None:
    path = small_season / "2025" / "pemda.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["tahun"] == "2023", "target_ucj_pct"] = ""
    frame.to_csv(path, index=False)
    result = load_season(2025, small_season)
    assert result.report.ok, result.report.render("en")


def test_file_present_twice(small_season: Path) -> None:
    folder = small_season / "2025"
    pd.read_csv(folder / "desa.csv", dtype=str).to_excel(folder / "desa.xlsx", index=False)
    result = load_season(2025, small_season)
    assert any(p.code == "E_FILE_TWICE" for p in result.report.errors)


def test_a_number_cell_far_from_1_is_shown_in_powers_of_ten(small_season: Path) -> None:
    """A workbook's number cell of 1e308 was shown as its 309 digits (cut to 100), one of 1e-300 as 0.000...; both
    are shown as Excel shows them, ordinary ones as before."""
    folder = small_season / "2025"
    frame = pd.read_csv(folder / "pemda.csv", dtype={"kode_wilayah": str})
    frame["peserta_pmi"] = frame["peserta_pmi"].astype(float)
    frame.loc[0, "peserta_pmi"], frame.loc[2, "peserta_pmi"], frame.loc[3, "peserta_pmi"] = 1e308, 1e-300, 1.5
    (folder / "pemda.csv").unlink()
    frame.to_excel(folder / "pemda.xlsx", index=False)
    errors = load_season(2025, small_season).report.errors
    assert [(p.code, p.row, str(p.value)) for p in errors] == [
        ("E_NUMBER_TOO_LARGE", 2, "1E+308"),
        ("E_NOT_WHOLE", 4, "1E-300"),
        ("E_NOT_WHOLE", 5, "1.5"),
    ]
    assert "Value '1E+308' is too large (above 9,007,199,254,740,991" in errors[0].message("en")


def test_a_number_cell_is_quoted_as_excel_shows_it_in_the_messages_language(small_season: Path) -> None:
    """A workbook's number cell 1200.5 was quoted '1200.5' in Bahasa Indonesia too, where Excel shows 1200,5 and a
    point groups thousands; a text cell is quoted as it was typed, in either language."""
    folder = small_season / "2025"
    frame = pd.read_csv(folder / "pemda.csv", dtype={"kode_wilayah": str}).astype(
        {"penduduk_bekerja": object, "tahun": float}
    )
    frame.loc[0, "penduduk_bekerja"], frame.loc[2, "penduduk_bekerja"] = 1200.5, "1200.5"
    frame.loc[3, "tahun"] = 2024.5
    (folder / "pemda.csv").unlink()
    frame.to_excel(folder / "pemda.xlsx", index=False)
    errors = load_season(2025, small_season).report.errors
    assert [(p.code, p.row, p.message("id").split(": ", 1)[1][:14]) for p in errors] == [
        ("E_BAD_YEAR", 5, "Tahun '2024,5'"),
        ("E_NOT_WHOLE", 2, "Nilai '1200,5'"),
        ("E_NOT_WHOLE", 4, "Nilai '1200.5'"),
    ]
    assert [p.text("en")[:15] for p in errors[1:]] == ["Value '1200.5' ", "Value '1200.5' "]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_code_a_spreadsheet_made_a_number_is_one_error_not_also_an_unknown_region(
    small_season: Path, suffix: str
) -> None:
    """61.10 typed into a General cell is the number 61.1: refused for its shape (E_BAD_CODE, which says to format
    the column as Text), and no longer looked up in wilayah.csv as well (E_UNKNOWN_REGION 'Wilayah 61.1 ...')."""
    folder = small_season / "2025"
    frame = pd.read_csv(folder / "pemda.csv", dtype={"kode_wilayah": str}).astype({"kode_wilayah": object})
    frame.loc[4, "kode_wilayah"] = 61.1 if suffix == ".xlsx" else "61.1"
    (folder / "pemda.csv").unlink()
    if suffix == ".xlsx":
        frame.to_excel(folder / "pemda.xlsx", index=False)
    else:
        frame.to_csv(folder / "pemda.csv", index=False)
    errors = load_season(2025, small_season).report.errors
    assert [(p.code, p.row, p.column, str(p.value)) for p in errors] == [("E_BAD_CODE", 6, "kode_wilayah", "61.1")]


def test_a_number_cell_in_a_text_column_is_quoted_as_excel_shows_it_in_the_messages_language(tmp_path: Path) -> None:
    """63.10 typed into a General cell of a code column is the number 63.1, which Excel shows as 63,1 in Bahasa
    Indonesia: its error quoted '63.1' there too. A text cell is quoted as it was typed, in either language."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    workbook, sheet = _workbook_of(tables["pemda"])
    sheet["A6"], sheet["A9"] = 63.1, "63.1"  # kode_wilayah of rows 6 and 9: a number cell, a text cell
    (folder / "pemda.csv").unlink()
    workbook.save(folder / "pemda.xlsx")
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.row, p.column) for p in errors] == [
        ("E_BAD_CODE", 6, "kode_wilayah"),
        ("E_BAD_CODE", 9, "kode_wilayah"),
    ]
    assert [p.text("id")[:11] for p in errors] == ["Kode '63,1'", "Kode '63.1'"]
    assert [p.text("en")[:11] for p in errors] == ["Code '63.1'", "Code '63.1'"]
    assert "pemda.xlsx, lembar 'Sheet', baris 6, kolom 'kode_wilayah': Kode '63,1' tidak" in errors[0].message("id")


def _workbook_of(table: pd.DataFrame) -> tuple[Workbook, Worksheet]:
    """A workbook whose one sheet holds `table` (header, then its rows; missing values as empty cells)."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False):
        sheet.append([None if pd.isna(value) else value for value in row])
    return workbook, sheet


def test_number_cells_in_npp_enum_and_id_columns_are_quoted_as_excel_shows_them(tmp_path: Path) -> None:
    """The messages of an npp, an enum or an over-long id quote a workbook's number cell as Excel shows it in the
    message's language (1234567,5 in Bahasa Indonesia; a long number in powers of ten, not its 201 digits)."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    workbook, sheet = _workbook_of(tables["badan_usaha"])
    sheet["A2"], sheet["D3"], sheet["A5"] = 1234567.5, 1.5, 1e200  # npp, skala, npp
    (folder / "badan_usaha.csv").unlink()
    workbook.save(folder / "badan_usaha.xlsx")
    problems = load_season(2025, tmp_path).report.problems
    assert [(p.code, p.row, p.text("id").split("'")[1], p.text("en").split("'")[1]) for p in problems] == [
        ("E_NPP_NUMERIC_SHORT", 2, "1234567,5", "1234567.5"),
        ("W_NPP_NUMERIC", 5, "1E+200", "1E+200"),
        ("E_ID_TOO_LONG", 5, "1E+200", "1E+200"),
        ("E_UNKNOWN_VALUE", 3, "1,5", "1.5"),
    ]


def _code_number_cells(folder: Path, tables: Tables) -> None:
    """wilayah, pemda and desa as workbooks whose code cells below are numbers (61.04 typed into a General cell)."""
    books = {name: _workbook_of(tables[name]) for name in ("wilayah", "pemda", "desa")}
    wilayah, pemda, desa = (sheet for _, sheet in books.values())
    wilayah["A3"], wilayah["D3"] = 61.04, "65"  # E_PROVINCE_MISMATCH; W_REGION_NOT_SUBMITTED (no 2024 row below)
    wilayah["A5"], wilayah["C5"] = 61.71, "kabupaten"  # E_TINGKAT_MISMATCH
    wilayah["A7"], wilayah["B7"] = 65.03, "Kabupaten Nunukann"  # W_NAME_DIFFERS
    pemda["A5"] = 61.99  # 61.04's 2024 row: E_CODE_UNKNOWN
    pemda["A12"], pemda["A13"] = 61.02, 65.03  # E_UNKNOWN_REGION (not in wilayah); W_NO_PREVIOUS_YEAR
    desa["C2"] = 61.71  # 61.04.01.2011's regency: E_VILLAGE_REGION_MISMATCH
    for name, (workbook, _) in books.items():
        (folder / f"{name}.csv").unlink()
        workbook.save(folder / f"{name}.xlsx")


#: What `_code_number_cells` makes each check across rows or of the official list say: (file, code, row) -> the code
#: as Excel shows it in Bahasa Indonesia.
_CODE_NUMBERS_SHOWN = {
    ("wilayah.xlsx", "E_PROVINCE_MISMATCH", 3): "61,04",
    ("wilayah.xlsx", "W_REGION_NOT_SUBMITTED", 3): "61,04",
    ("wilayah.xlsx", "E_TINGKAT_MISMATCH", 5): "61,71",
    ("wilayah.xlsx", "W_NAME_DIFFERS", 7): "65,03",
    ("pemda.xlsx", "E_CODE_UNKNOWN", 5): "61,99",
    ("pemda.xlsx", "E_UNKNOWN_REGION", 12): "61,02",
    ("pemda.xlsx", "W_NO_PREVIOUS_YEAR", 13): "65,03",
    ("desa.xlsx", "E_VILLAGE_REGION_MISMATCH", 2): "61,71",
}


def test_checks_across_rows_quote_a_code_number_cell_as_excel_shows_it(tmp_path: Path) -> None:
    """A code a workbook stored as a number (61.04, which Excel shows as 61,04 in Bahasa Indonesia) was quoted '61.04'
    by the checks across rows and tables and of the official list, though its cell's own check quotes 61,04; read
    here, or by the forked reader of the smaller tables (the same report)."""
    tables = small_season_tables()
    tables["badan_usaha"] = pd.concat([tables["badan_usaha"]] * 40, ignore_index=True)  # the largest: read here
    tables["badan_usaha"]["npp"] = [f"{n:010d}" for n in range(len(tables["badan_usaha"]))]
    folder = write_season(tmp_path, tables)
    _code_number_cells(folder, tables)
    problems = {(p.file, p.code, p.row): p for p in load_season(2025, tmp_path).report.problems}
    for where, shown in _CODE_NUMBERS_SHOWN.items():
        indonesian, english = problems[where].text("id"), problems[where].text("en")
        assert shown in indonesian and shown.replace(",", ".") not in indonesian, indonesian
        assert shown.replace(",", ".") in english, english
    assert "E_VILLAGE_REGION_MISMATCH" in _read_apart(tmp_path, "forked")  # wilayah, pemda and desa read apart


def test_a_workbooks_problems_found_across_rows_name_its_sheet(tmp_path: Path) -> None:
    """A repeated row of a workbook (E_DUPLICATE_KEY) and a region not in wilayah (E_UNKNOWN_REGION, found in the
    forked reader of the smaller tables) named no sheet, though every other problem in the file does."""
    tables = small_season_tables()
    tables["badan_usaha"] = pd.concat([tables["badan_usaha"]] * 40, ignore_index=True)  # the largest: read here
    tables["badan_usaha"]["npp"] = [f"{n:010d}" for n in range(len(tables["badan_usaha"]))]
    folder = write_season(tmp_path, tables)
    workbook, sheet = _workbook_of(tables["pemda"])
    sheet.title = "Data"
    sheet["A12"], sheet["A5"] = "61.02", "61.04"  # E_UNKNOWN_REGION; row 5 repeats row 4 (61.04, 2023)
    sheet["B5"] = 2023
    (folder / "pemda.csv").unlink()
    workbook.save(folder / "pemda.xlsx")
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.row, p.sheet) for p in errors] == [
        ("E_DUPLICATE_KEY", 5, "Data"),
        ("E_UNKNOWN_REGION", 12, "Data"),
    ]
    assert "E_UNKNOWN_REGION" in _read_apart(tmp_path, "forked")  # the same problems, sheets and all


def test_a_repeated_rows_code_number_cell_is_quoted_as_excel_shows_it(tmp_path: Path) -> None:
    """A row repeating another's key named its code as stored (kode_wilayah=61.04) though Excel shows the number cell
    as 61,04 in Bahasa Indonesia and every other check quotes it so; the problem's value is that cell."""
    tables = small_season_tables()
    tables["badan_usaha"] = pd.concat([tables["badan_usaha"]] * 40, ignore_index=True)  # the largest: read here
    tables["badan_usaha"]["npp"] = [f"{n:010d}" for n in range(len(tables["badan_usaha"]))]
    folder = write_season(tmp_path, tables)
    workbook, sheet = _workbook_of(tables["pemda"])
    sheet["A5"], sheet["B5"] = 61.04, 2023  # row 5 repeats row 4 (61.04, 2023), its code a number cell
    (folder / "pemda.csv").unlink()
    workbook.save(folder / "pemda.xlsx")
    (problem,) = load_season(2025, tmp_path).report.errors
    assert (problem.code, problem.row, problem.column) == ("E_DUPLICATE_KEY", 5, "kode_wilayah")
    assert "kode_wilayah=61,04, tahun=2023 sudah ada di baris 4" in problem.text("id"), problem.text("id")
    assert "kode_wilayah=61.04, tahun=2023 already appears in row 4" in problem.text("en"), problem.text("en")
    assert problem.value is not None and problem.value.render("id") == "61,04"  # type: ignore[union-attr]
    assert "E_DUPLICATE_KEY" in _read_apart(tmp_path, "forked")  # pemda read by the forked reader: the same report


def test_a_repeated_rows_key_text_is_isolated_on_an_html_page(tmp_path: Path) -> None:
    """Each text of a repeated row's key (a juror's name among them) is isolated for bidirectional text in an HTML
    page's message, as a text field of every other message is."""
    tables = small_season_tables()
    tables["wawancara"] = pd.concat([tables["wawancara"], tables["wawancara"].iloc[[5]]], ignore_index=True)
    write_season(tmp_path, tables)
    (problem,) = load_season(2025, tmp_path).report.errors
    juri = str(tables["wawancara"].iloc[5]["juri"])
    assert problem.code == "E_DUPLICATE_KEY"
    assert f"={isolate(juri)}, " in problem.message("en", isolated=True)
    assert f"juri={juri}" in problem.message("en") and FSI not in problem.message("en")


def test_a_code_number_cell_in_a_warning_is_quoted_so_from_the_season_cache(tmp_path: Path) -> None:
    """A valid season's warning quoting a code number cell (65,03) reads the same when the season comes from its
    cache."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    workbook, sheet = _workbook_of(tables["wilayah"])
    sheet["A7"], sheet["B7"] = 65.03, "Kabupaten Nunukann"
    (folder / "wilayah.csv").unlink()
    workbook.save(folder / "wilayah.xlsx")
    cache = SeasonCache.for_season(folder)
    read, cached = (load_season(2025, tmp_path, cache=cache) for _ in range(2))
    assert cached.season is not None and cached.season.cache_key is not None
    assert [p.text("id") for p in read.report.problems] == [p.text("id") for p in cached.report.problems]
    assert [(p.code, "65,03" in p.text("id")) for p in cached.report.problems] == [("W_NAME_DIFFERS", True)]


@pytest.mark.parametrize(
    ("table", "index", "column", "value", "code"),
    [
        ("desa", 0, "kode_wilayah", "61", "E_REGION_LEVEL"),  # was also E_BAD_CODE and E_VILLAGE_REGION_MISMATCH
        ("badan_usaha", 0, "kode_wilayah", "61", "E_REGION_LEVEL"),  # was also E_BAD_CODE
        ("badan_usaha", 0, "kode_wilayah", "99", "E_REGION_LEVEL"),  # was also E_BAD_CODE and E_CODE_UNKNOWN
        ("desa", 0, "kode_wilayah", "61.04.01.2011", "E_BAD_CODE"),  # was also E_VILLAGE_REGION_MISMATCH
        ("badan_usaha", 0, "kode_wilayah", "61.04.01.2011", "E_BAD_CODE"),
        ("pemda", 4, "kode_wilayah", "61.10.01.2001", "E_BAD_CODE"),
        ("wilayah", 1, "kode_provinsi", "61.04", "E_PROVINCE_MISMATCH"),
        ("wilayah", 1, "kode_provinsi", "61.04.01.2011", "E_BAD_CODE"),  # was also E_PROVINCE_MISMATCH
        ("wilayah", 1, "kode_wilayah", "6.1", "E_BAD_CODE"),  # was also E_PROVINCE_MISMATCH, at kode_provinsi
        ("desa", 0, "kode_desa", "61.4.01.2011", "E_BAD_CODE"),  # was also E_VILLAGE_REGION_MISMATCH
        # no region's code, in wilayah.csv or the official list: E_CODE_UNKNOWN alone
        ("badan_usaha", 0, "kode_wilayah", "61.99", "E_CODE_UNKNOWN"),  # was also E_UNKNOWN_REGION
        ("desa", 0, "kode_wilayah", "61.99", "E_CODE_UNKNOWN"),  # also E_UNKNOWN_REGION, E_VILLAGE_REGION_MISMATCH
        ("pemda", 4, "kode_wilayah", "99", "E_CODE_UNKNOWN"),  # was also E_UNKNOWN_REGION
        ("pemda", 4, "kode_wilayah", "61.99", "E_CODE_UNKNOWN"),  # was also E_UNKNOWN_REGION
        ("desa", 0, "kode_desa", "61.04.01.9999", "E_CODE_UNKNOWN"),
        ("desa", 0, "kode_desa", "61.99.01.2011", "E_CODE_UNKNOWN"),  # was also E_VILLAGE_REGION_MISMATCH
        ("wilayah", 1, "kode_wilayah", "61.99", "E_CODE_UNKNOWN"),  # was also E_TINGKAT_MISMATCH (a city's number)
        ("wilayah", 1, "kode_wilayah", "99.04", "E_CODE_UNKNOWN"),  # also E_UNKNOWN_PROVINCE, E_PROVINCE_MISMATCH
        # a region of the official list missing from wilayah.csv: E_UNKNOWN_REGION, saying to add it there
        ("badan_usaha", 0, "kode_wilayah", "61.01", "E_UNKNOWN_REGION"),
        # digits other than 0-9 (Arabic-Indic, full-width): E_BAD_CODE alone, saying so
        ("badan_usaha", 0, "kode_wilayah", "\u0666\u0661.\u0660\u0664", "E_BAD_CODE"),  # was E_UNKNOWN_REGION, ...
        ("desa", 0, "kode_wilayah", "\u0666\u0661.\u0660\u0664", "E_BAD_CODE"),
        ("pemda", 4, "kode_wilayah", "\u0666\u0661", "E_BAD_CODE"),  # was E_UNKNOWN_REGION and E_CODE_UNKNOWN
        ("wilayah", 1, "kode_wilayah", "\u0666\u0661.\u0660\u0664", "E_BAD_CODE"),
        ("wilayah", 1, "kode_provinsi", "\u0666\u0661", "E_BAD_CODE"),  # was E_PROVINCE_MISMATCH
        ("desa", 0, "kode_desa", "\uff16\uff11.04.01.2011", "E_BAD_CODE"),  # E_VILLAGE_REGION_MISMATCH, E_CODE_...
    ],
)
def test_a_code_of_the_wrong_level_or_shape_is_one_error(
    tmp_path: Path, table: str, index: int, column: str, value: str, code: str
) -> None:
    """A province's code where a regency's is due (desa's or badan_usaha's kode_wilayah), a village's in a region
    column, a regency's or a village's in kode_provinsi, a code of digits other than 0-9, a code no region has: one
    error at its cell, saying what is wrong, not also the shape, wilayah.csv, the official list or the row's other
    codes compared with it (the rows of other tables naming a region whose code is wrong are told apart)."""
    tables = small_season_tables()
    _set(table, index, column, value)(tables)
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path).report
    errors = [p for p in report.errors if p.file == f"{table}.csv"]
    assert [(p.code, p.row, p.column, p.value) for p in errors] == [(code, index + 2, column, value)]
    # nor a warning at that cell: wilayah.csv's region of a wrong code was also W_REGION_NOT_SUBMITTED
    assert [p.code for p in report.warnings if (p.file, p.row, p.column) == (errors[0].file, index + 2, column)] == []
    other_digits = not value.isascii()
    assert ("not the ordinary digits 0-9" in errors[0].text("en")) == other_digits
    assert ("bukan angka biasa 0-9" in errors[0].text("id")) == other_digits
    if code == "E_CODE_UNKNOWN":  # another table's region: not to be added to wilayah.csv either
        in_other_table = column == "kode_wilayah" and table != "wilayah"
        assert ("It cannot be added to wilayah.csv either" in errors[0].text("en")) == in_other_table
        assert ("juga tidak dapat ditambahkan ke wilayah.csv" in errors[0].text("id")) == in_other_table
    if code == "E_UNKNOWN_REGION":
        assert errors[0].text("en") == (
            f"Region '{value}' is not in wilayah.csv. Check the code or add the region to wilayah.csv."
        )
    if code == "E_REGION_LEVEL":
        assert (
            errors[0].text("id")
            == f"Kode '{value}' harus kode kabupaten/kota. Isi kode kabupaten/kota (misalnya 61.04), bukan provinsi."
        )
        assert (
            errors[0].text("en")
            == f"Code '{value}' must be a kabupaten/kota code. Use a regency/city code (e.g. 61.04), not a province."
        )


def test_a_region_whose_code_is_an_error_is_not_also_said_to_lack_data(tmp_path: Path) -> None:
    """wilayah.csv's row of another region's code (E_CODE_OTHER_REGION: 61.02 is Mempawah, not Melawi) and a repeated
    row (E_DUPLICATE_KEY) were also W_REGION_NOT_SUBMITTED at that cell; the first row of a code stays warned of."""
    tables = small_season_tables()
    _set("wilayah", 2, "kode_wilayah", "61.02")(tables)  # row 4: Kabupaten Melawi
    _append_copy("wilayah", 5)(tables)  # row 8 repeats row 7, 65.03
    _drop_rows("pemda", "kode_wilayah == '65.03'")(tables)
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path).report
    at_codes = [(p.code, p.row) for p in report.problems if (p.file, p.column) == ("wilayah.csv", "kode_wilayah")]
    assert sorted(at_codes) == [("E_CODE_OTHER_REGION", 4), ("E_DUPLICATE_KEY", 8), ("W_REGION_NOT_SUBMITTED", 7)]


def test_a_code_no_region_has_is_looked_up_in_wilayah_csv_when_no_list_can_be_used(tmp_path: Path) -> None:
    """Without a region list (musim.yaml names one there is not: E_META_REFERENCE), a code nothing holds is not
    E_CODE_UNKNOWN: then it is E_UNKNOWN_REGION, not left unsaid."""
    tables = small_season_tables()
    _set("badan_usaha", 0, "kode_wilayah", "61.99")(tables)
    folder = write_season(tmp_path, tables)
    (folder / "musim.yaml").write_text("referensi_wilayah: tidak_ada\n", encoding="utf-8")
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file, p.row) for p in errors] == [
        ("E_UNKNOWN_REGION", "badan_usaha.csv", 2),
        ("E_META_REFERENCE", "musim.yaml", None),
    ]


def test_not_utf8(small_season: Path) -> None:
    path = small_season / "2025" / "desa.csv"
    line = path.read_text().splitlines().index(next(x for x in path.read_text().splitlines() if "Liang Butan" in x))
    path.write_bytes(path.read_text().replace("Liang Butan", "Liáng Butan").encode("cp1252"))
    result = load_season(2025, small_season)
    assert [p.code for p in result.report.errors] == ["E_ENCODING"]
    assert result.report.errors[0].file == "desa.csv"
    assert f"line {line + 1}: a letter such as é" in result.report.errors[0].message("en")
    assert f"baris {line + 1}: misalnya huruf" in result.report.errors[0].message("id")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_is_named_so(small_season: Path, encoding: str) -> None:
    """Excel's 'Unicode Text' (UTF-16 with a byte order mark) is said as such, with the way to save it; so is UTF-16
    without one (it decodes as UTF-8, a NUL beside every letter, and was told as a row of one cell at its end)."""
    path = small_season / "2025" / "pemda.csv"
    path.write_bytes(path.read_text().encode(encoding))
    result = load_season(2025, small_season)
    assert [p.code for p in result.report.errors] == ["E_ENCODING"]
    message = result.report.errors[0].message("en")
    assert "Unicode text (UTF-16)" in message and "CSV UTF-8" in message


def _extra_fields_in_row_3(folder: Path) -> str:
    lines = (folder / "desa.csv").read_text(encoding="utf-8").splitlines()
    lines[2] += ",x,y"  # 14 fields under a 12-column header
    (folder / "desa.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "desa.csv"


def _truncated_xlsx(folder: Path) -> str:
    (folder / "desa.csv").unlink()
    (folder / "desa.xlsx").write_bytes(b"PK\x03\x04" + bytes(100))  # a zip header and nothing after it
    return "desa.xlsx"


def _musim_yaml(text: str) -> Callable[[Path], str]:
    def write(folder: Path) -> str:
        (folder / "musim.yaml").write_text(text, encoding="utf-8")
        return "musim.yaml"

    return write


@pytest.mark.parametrize(
    ("damage", "code", "english", "indonesian"),
    [
        (_extra_fields_in_row_3, "E_ROW_LONG", "Row 3 has 14 cells but the header names 12", "Baris 3 berisi 14 sel"),
        (_truncated_xlsx, "E_XLSX_DAMAGED", "The file cannot be opened as an Excel", "tidak dapat dibuka sebagai"),
    ],
    ids=["csv_row_too_wide", "xlsx_truncated"],
)
def test_unreadable_file_is_an_error_naming_it(
    damage: Callable[[Path], str],
    code: str,
    english: str,
    indonesian: str,
    small_season: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = damage(small_season / "2025")
    result = load_season(2025, small_season)
    assert result.season is None
    problems = [p for p in result.report.errors if p.file == name]
    assert [p.code for p in problems] == [code], result.report.render("en")
    assert english in problems[0].message("en") and indonesian in problems[0].message("id")
    assert main(["validate", "--data-dir", str(small_season), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert f"{name}: {english}" in out.out and "Traceback" not in out.out + out.err


def test_column_name_suggestion(small_season: Path) -> None:
    path = small_season / "2025" / "desa.csv"
    frame = pd.read_csv(path, dtype=str).rename(columns={"perangkat_desa": "Perangkat Desa"})
    frame.to_csv(path, index=False)
    problem = next(p for p in load_season(2025, small_season).report.errors if p.code == "E_MISSING_COLUMN")
    assert "Perangkat Desa" in problem.message("en")


def test_a_column_already_right_is_never_suggested_and_a_case_variant_is(small_season: Path) -> None:
    path = small_season / "2025" / "pemda.csv"
    frame = pd.read_csv(path, dtype=str)
    frame.drop(columns=["peserta_bpu"]).to_csv(path, index=False)  # peserta_pu, next to it, is right as it is
    problem = next(p for p in load_season(2025, small_season).report.errors if p.code == "E_MISSING_COLUMN")
    assert problem.column == "peserta_bpu" and "Did you mean" not in problem.message("en")
    frame.rename(columns={"peserta_bpu": "Peserta_BPU"}).to_csv(path, index=False)
    problem = next(p for p in load_season(2025, small_season).report.errors if p.code == "E_MISSING_COLUMN")
    assert "Did you mean 'Peserta_BPU'?" in problem.message("en")


def test_extra_columns_are_kept(small_season: Path) -> None:
    path = small_season / "2025" / "desa.csv"
    frame = pd.read_csv(path, dtype=str)
    frame["catatan"] = "dicek"
    frame.to_csv(path, index=False)
    season = load_season(2025, small_season).season
    assert season is not None and (season.desa["catatan"] == "dicek").all()


def test_hadir_of_0_1_or_blank_is_read_as_a_number_and_a_file_may_lack_it(small_season: Path) -> None:
    """The juror sheets' `hadir` (0/1, blank: not recorded) is checked where a file has it (CASES: hadir_*), as the
    contract's 0/1 columns; `paritrana validate` passed any text there, which intake refused."""
    path = small_season / "2025" / "wawancara.csv"
    frame = pd.read_csv(path, dtype=str)
    frame["hadir"] = ["1", "0", ""] * (len(frame) // 3) + ["1"] * (len(frame) % 3)
    frame.to_csv(path, index=False)
    season = load_season(2025, small_season).season
    assert season is not None
    assert season.wawancara["hadir"].dtype == np.float64
    assert season.wawancara["hadir"].isna().sum() == len(frame) // 3
    path.write_text("kategori,id_peserta,juri,aspek,nilai\n")
    assert load_season(2025, small_season).report.ok


def test_header_only_interviews_is_the_desk_stage(small_season: Path) -> None:
    path = small_season / "2025" / "wawancara.csv"
    path.write_text("kategori,id_peserta,juri,aspek,nilai\n")
    result = load_season(2025, small_season)
    assert result.report.ok and result.season is not None
    assert result.season.wawancara.empty


def test_control_characters_in_text_are_rejected_and_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = small_season_tables()
    tables["desa"].loc[0, "nama"] = "Desa\x00Sungai Awan"
    tables["wilayah"].loc[1, "nama"] = "\x1b[2J\x1b[31mKabupaten Ketapang"
    tables["badan_usaha"] = tables["badan_usaha"].astype({"npp": object})
    tables["badan_usaha"].loc[2, "npp"] = "1012345603\x07"
    write_season(tmp_path, tables)
    found = {(p.file, p.row, p.column) for p in load_season(2025, tmp_path).report.errors if p.code == "E_CONTROL_CHAR"}
    assert found == {("desa.csv", 2, "nama"), ("wilayah.csv", 3, "nama"), ("badan_usaha.csv", 4, "npp")}
    for lang in ("id", "en"):
        assert main(["validate", "--data-dir", str(tmp_path), "--lang", lang]) == 1
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x00" not in out and "\x07" not in out
        assert "'\\x1b[2J\\x1b[31mKabupaten Ketapang'" in out and "Desa\\x00Sungai Awan" in out


#: The text cells `test_a_line_or_paragraph_separator_is_refused_as_a_line_feed_is` breaks: (table, index, column).
_BROKEN_CELLS = (("desa", 0, "nama"), ("badan_usaha", 1, "sektor"), ("badan_usaha", 2, "npp"), ("wawancara", 3, "juri"))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("separator", ["\n", "\u2028", "\u2029"], ids=["line_feed", "U+2028", "U+2029"])
def test_a_line_or_paragraph_separator_is_refused_as_a_line_feed_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, separator: str
) -> None:
    """A name, a sector, an npp or a juror's id holding U+2028 (LINE SEPARATOR) or U+2029 (PARAGRAPH SEPARATOR)
    passed validation, where one holding a line feed is E_CONTROL_CHAR at its row and column: both are line breaks
    (Python's `splitlines` breaks at them), so they are refused alike, in a CSV and in a workbook, and shown escaped."""
    tables = small_season_tables()
    for table, index, column in _BROKEN_CELLS:
        frame = tables[table].astype({column: object})
        frame.loc[index, column] = f"{frame.loc[index, column]}{separator}Baru"
        tables[table] = frame
    folder = write_season(tmp_path, tables)
    if suffix == ".xlsx":
        for table in ("desa", "badan_usaha", "wawancara"):
            (folder / f"{table}.csv").unlink()
            _workbook_of(tables[table])[0].save(folder / f"{table}.xlsx")
    errors = load_season(2025, tmp_path).report.errors
    found = {(p.file, p.row, p.column) for p in errors if p.code == "E_CONTROL_CHAR"}
    assert found == {(f"{table}{suffix}", index + 2, column) for table, index, column in _BROKEN_CELLS}
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    escaped = f"\\x{ord(separator):02x}" if separator == "\n" else f"\\u{ord(separator):04x}"
    assert separator not in out.replace("\n", "") and f"'Desa Sungai Putri{escaped}Baru' holds invisible" in out


def test_invisible_characters_in_a_wrong_code_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = small_season_tables()
    tables["pemda"] = tables["pemda"].astype({"kode_wilayah": object})
    tables["pemda"].loc[0, "kode_wilayah"] = "\ufeff" + tables["pemda"].loc[0, "kode_wilayah"]  # a BOM mid-file
    tables["pemda"].loc[1, "kode_wilayah"] = tables["pemda"].loc[1, "kode_wilayah"] + "\u200b"  # zero-width space
    write_season(tmp_path, tables)
    for lang in ("id", "en"):
        assert main(["validate", "--data-dir", str(tmp_path), "--lang", lang]) == 1
        out = capsys.readouterr().out
        assert "\ufeff" not in out and "\u200b" not in out
        assert "'\\ufeff" in out and "\\u200b'" in out


def test_a_juror_written_with_a_space_is_an_error_naming_the_other_spelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`J 1` beside `J1` was a second juror, with no message: J1's score of 61.04's inovasi, typed again as `J 1`,
    counted twice (and each of them had fewer scores than the jury gave)."""
    tables = small_season_tables()
    extra = pd.DataFrame([("pemda", "61.04", "J 1", "inovasi", 99)], columns=tables["wawancara"].columns)
    tables["wawancara"] = pd.concat([tables["wawancara"], extra], ignore_index=True)
    write_season(tmp_path, tables)
    found = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_JUROR_CASE"]
    rows = len(small_season_tables()["wawancara"]) + 2  # its row number: the header is row 1
    assert [(p.row, p.column, p.value, dict(p.fields)["other"]) for p in found] == [(rows, "juri", "J 1", "J1")]
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    assert "Juror 'J 1' differs from juror 'J1' only in upper or lower case or in spaces" in capsys.readouterr().out
    assert main(["validate", "--data-dir", str(tmp_path)]) == 1
    assert "Juri 'J 1' hanya berbeda huruf besar/kecil atau spasi dari juri 'J1'" in capsys.readouterr().out


def test_a_juror_written_in_two_cases_is_an_error_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`j1` beside `J1` was a second juror: J1's score of 61.04's inovasi, typed again as j1, counted twice."""
    tables = small_season_tables()
    extra = pd.DataFrame(
        [("pemda", "61.04", "j1", "inovasi", 99), ("pemda", "61.71", "n1", "inovasi", 50)],
        columns=tables["wawancara"].columns,
    )
    tables["wawancara"] = pd.concat([tables["wawancara"], extra], ignore_index=True)
    write_season(tmp_path, tables)
    found = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_JUROR_CASE"]
    rows = len(small_season_tables()["wawancara"]) + 2
    assert [(p.row, p.column, p.value, dict(p.fields)["other"]) for p in found] == [
        (rows, "juri", "j1", "J1"),
        (rows + 1, "juri", "n1", "N1"),
    ]
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    assert "Juror 'j1' differs from juror 'J1' only in upper or lower case" in capsys.readouterr().out
    assert "Juri 'j1' hanya berbeda huruf besar/kecil atau spasi dari juri 'J1'" in found[0].message("id")


def test_an_id_or_zone_too_long_for_a_file_name_is_refused(tmp_path: Path) -> None:
    """A 260-digit npp passed and stopped `rapor` after 49 of 51 cards (its card's file name too long); a zone of 300
    characters stopped `run --all` and `rapor` likewise. Ids and zone names are held to MAX_ID_CHARS."""
    tables = small_season_tables()
    tables["badan_usaha"].loc[0, "npp"] = "9" * (MAX_ID_CHARS + 1)
    tables["badan_usaha"].loc[1, "npp"] = "8" * MAX_ID_CHARS
    tables["wawancara"].loc[0, "juri"] = "J" * (MAX_ID_CHARS + 1)
    provinces = tables["wilayah"].index[tables["wilayah"]["tingkat"] == "provinsi"]
    tables["wilayah"].loc[provinces[0], "zona"] = "Z" * (MAX_ID_CHARS + 1)
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path).report
    found = {(p.file, p.row, p.column) for p in report.errors if p.code == "E_ID_TOO_LONG"}
    assert found == {
        ("badan_usaha.csv", 2, "npp"),
        ("wawancara.csv", 2, "juri"),
        ("wilayah.csv", int(provinces[0]) + 2, "zona"),
    }, report.render("en")
    message = next(p for p in report.errors if p.code == "E_ID_TOO_LONG").message("en")
    assert f"({MAX_ID_CHARS + 1} characters; at most {MAX_ID_CHARS})" in message and "names a file" in message


def test_a_provinces_percentages_all_between_0_and_1_are_warned_as_fractions() -> None:
    """`0,85` typed for 85% in `upah_sesuai_pct` (the template's own hint warns of it) counted as 0.85%, silently."""
    from paritrana_nb.validate import check_fractions

    frame = pd.DataFrame(
        {
            "kode_wilayah": ["61.01", "61.02", "61.03", "62.01", "62.02", "63.01", "63.02", "63.03", "64.01"],
            "upah_sesuai_pct": [0.85, 0.6, 1.0, 0.5, 0.4, 0.0, 1.0, 1.0, 85.0],  # 62: two values; 63: 0 and 1 only
            "nik_valid_pct": [99.0, 0.5, 80.0, None, None, None, None, None, None],
        },
        index=pd.Index([2, 3, 4, 5, 6, 7, 8, 9, 10], name="baris"),
    )
    report = ValidationReport(2025)
    check_fractions(frame, "badan_usaha", "badan_usaha.csv", report)
    found = [(p.code, p.row, p.column, dict(p.fields)["province"]) for p in report.warnings]
    assert found == [("W_PERCENT_FRACTIONS", 2, "upah_sesuai_pct", "61")]
    message = report.warnings[0].message("en")
    assert "Every value of upah_sesuai_pct in province 61 (3 values) lies between 0 and 1" in message
    assert "(0.68 for 68%)" in message and "(0,68 untuk 68%)" in report.warnings[0].message("id")
    blank = ValidationReport(2025)
    check_fractions(frame.assign(kode_wilayah=None), "badan_usaha", "badan_usaha.csv", blank)
    assert not blank.problems  # no region code: no province to tell


def test_overlong_text_is_rejected_and_shown_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tables = small_season_tables()
    tables["desa"].loc[0, "nama"] = "Desa" + " panjang" * 125_000  # a 1 MB name
    tables["wawancara"].loc[0, "aspek"] = "a" * (MAX_TEXT_CHARS + 1)
    tables["desa"].loc[1, "nama"] = "a" * MAX_TEXT_CHARS
    write_season(tmp_path, tables)
    found = {
        (p.code, p.file, p.row, p.column)
        for p in load_season(2025, tmp_path).report.errors
        if p.code in ("E_TEXT_TOO_LONG", "E_ID_TOO_LONG")
    }
    assert found == {("E_TEXT_TOO_LONG", "desa.csv", 2, "nama"), ("E_ID_TOO_LONG", "wawancara.csv", 2, "aspek")}
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "desa.csv, row 2" in line)
    assert "1,000,004 characters; at most 500" in line and len(line) < 400


def test_problems_beyond_the_cap_are_counted_not_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tables = small_season_tables()
    bad = pd.concat([tables["desa"].iloc[[0]]] * 3000, ignore_index=True)
    bad["kode_desa"] = [f"61.04.01.{n:04d}" for n in range(3001, 6001)]
    bad["peserta"] = [f"banyak {n}" for n in range(3000)]
    bad = bad.astype({"anggota_bpd": object})
    bad.loc[2999, "anggota_bpd"] = "sembilan"
    tables["desa"] = pd.concat([tables["desa"], bad], ignore_index=True)
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path).report
    kept = [p for p in report.errors if p.code == "E_NOT_NUMBER"]
    assert len(kept) == KEEP_PER_KIND and [p.row for p in kept] == list(range(6, 6 + KEEP_PER_KIND))
    assert [p.value for p in kept] == [f"banyak {n}" for n in range(KEEP_PER_KIND)]  # the cells' own text
    assert report.omitted[("desa.csv", "error", "E_NOT_NUMBER")] == 3001 - KEEP_PER_KIND
    # the invented village codes are not in the official list either: 3000 more errors, 100 of them kept
    assert report.omitted[("desa.csv", "error", "E_CODE_UNKNOWN")] == 3000 - KEEP_PER_KIND
    assert report.error_count == 6001
    for lang, more, capped, total in (
        (
            "id",
            "... dan 2.981 masalah serupa lainnya (nilai yang bukan angka).",
            "Hanya 100 masalah pertama",
            "6.001 galat",
        ),
        (
            "en",
            "... and 2,981 more problems of the same kind (value that is not a number).",
            "Only the first 100 problems",
            "6,001 errors",
        ),
    ):
        assert main(["validate", "--data-dir", str(tmp_path), "--lang", lang]) == 1
        out = capsys.readouterr().out
        assert more in out and capped in out and total in out  # counts grouped as the language writes them
        assert "E_NOT_NUMBER" not in out and "E_CODE_UNKNOWN" not in out  # each kind in words, never its code


def test_a_report_found_apart_is_added_within_the_cap() -> None:
    report, apart = ValidationReport(2025), ValidationReport(2025)
    for row in range(KEEP_PER_KIND - 1):
        report.add("error", "E_BLANK", "desa.csv", row + 2, "nama")
    for row in range(3):
        apart.add("error", "E_BLANK", "desa.csv", row + 200, "nama")
    apart.omitted[("desa.csv", "error", "E_BLANK")] += 5  # counted only, over there
    apart.sheets["desa.xlsx"] = "data"
    report.absorb(apart)
    kept = [p.row for p in report.problems]
    assert kept == [*range(2, KEEP_PER_KIND + 1), 200]  # one more fits: rows 201 and 202 are counted
    assert report.omitted[("desa.csv", "error", "E_BLANK")] == 2 + 5
    assert report.error_count == KEEP_PER_KIND - 1 + 3 + 5
    assert report.sheets == {"desa.xlsx": "data"}


def test_reports_say_when_warnings_were_not_kept(tmp_path: Path, default_methodology: Methodology) -> None:
    tables = small_season_tables()
    many = pd.concat([tables["desa"].iloc[[0]]] * (KEEP_PER_KIND + 30), ignore_index=True)
    ketapang = kemendagri.bundled().villages_of("61.04")
    ketapang = ketapang[~ketapang["kode_desa"].isin(tables["desa"]["kode_desa"])].iloc[: len(many)]
    many["kode_desa"] = ketapang["kode_desa"].to_numpy()  # real villages with their official names: valid
    many["nama"] = ("Desa " + ketapang["nama"]).to_numpy()
    many["peserta"] = many["penduduk_bekerja"] + 1  # coverage above 100 %: a warning each
    tables["desa"] = pd.concat([tables["desa"], many], ignore_index=True)
    write_season(tmp_path, tables)
    result = load_season(2025, tmp_path)
    assert result.season is not None and result.report.ok
    grouped = problems_by_province(result.report, result.season, score_season(result.season, default_methodology))
    for code in ("61", "65"):  # a province whose rows were cut off may be any of them
        notes = [p for p in grouped[code] if p.code == "W_NOT_KEPT"]
        assert [p.message("en") for p in notes] == [
            (
                "desa.csv: 30 more warnings (coverage above 100%) are not listed because only the first 100 of each "
                "kind per file are kept; some may concern this province. Totals per file: paritrana validate."
            )
        ]
    assert "30 peringatan lain (cakupan di atas 100%) tidak" in grouped["61"][-1].message("id")
    assert not [p for p in grouped["nasional"] if p.code == "W_NOT_KEPT"]  # it lists all: counted with their kind
    counted = warnings_not_kept(result.report, default_methodology)
    assert counted == {("desa.csv", "warning", "W_COVERAGE_OVER_100"): 30}


def test_validate_checks_the_season_against_the_methodology(
    small_season: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wawancara = small_season / "2025" / "wawancara.csv"
    wawancara.write_text(
        wawancara.read_text(encoding="utf-8").replace("pemprov,", "pemerintah_provinsi,"), encoding="utf-8"
    )
    assert load_season(2025, small_season).report.ok  # the tables alone are fine
    args = ["validate", "--data-dir", str(small_season), "--lang", "en"]
    assert main([*args, "--params-dir", PARAMS]) == 1
    printed = capsys.readouterr().out
    assert (
        "Category 'pemerintah_provinsi' is not in the methodology in use. Allowed categories: pemda, desa,"
    ) in printed
    assert main([*args, "--params-dir", str(tmp_path)]) == 1  # no methodology: said, and exit 1
    assert "Methodology file not found" in capsys.readouterr().out


_VALIDATE = """
import sys
from paritrana_nb import forking
from paritrana_nb.cli import main

apart, forked, fork = sys.argv[1] == "apart", [], forking.fork
forking.fork = lambda job, **options: forked.append(job) or fork(job, **options)
if not apart:
    forking.can_fork = lambda: False
code = main(sys.argv[2:])
checks = [job for job in forked if "_checked_apart" in repr(job)]  # (not the cache: not written)
assert len(checks) == (1 if apart else 0), forked  # the check against the methodology
sys.exit(code)
"""


@pytest.mark.parametrize("interview", [None, "pemda,99.99,"])
def test_validate_checks_the_season_against_the_methodology_in_a_forked_process_as_here(
    small_season: Path, interview: str | None
) -> None:
    """In a fresh interpreter (a test process may hold threads, and then it checks here): the same report, with
    nothing wrong or with an interview score for a participant that is none (registry.check's error)."""
    if interview is not None:
        wawancara = small_season / "2025" / "wawancara.csv"
        lines = wawancara.read_text(encoding="utf-8").splitlines()
        rest = lines[1].split(",", 2)[2]
        wawancara.write_text("".join(f"{line}\n" for line in [*lines, f"{interview}{rest}"]), encoding="utf-8")
    args = ["validate", "--data-dir", str(small_season), "--params-dir", PARAMS, "--lang", "en", "--no-cache"]
    runs = [
        subprocess.run([sys.executable, "-c", _VALIDATE, where, *args], capture_output=True, text=True, check=False)
        for where in ("apart", "here")
    ]
    assert runs[0].returncode == runs[1].returncode == (0 if interview is None else 1), runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert ("99.99" in runs[0].stdout) == (interview is not None)


def _season_meta(folder: Path, text: str) -> None:
    (folder / "2025" / "musim.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("meta", "code", "english"),
    [
        ("musim: 2024\n", "E_META_SEASON", "musim.yaml names season 2024, but its folder is season 2025"),
        ("tahun_kinerja: 2022\n", "E_META_YEAR", "season 2025 assesses performance year 2024 or 2025"),
        (
            "tahun_kinerja: '2024'\n",
            "E_META_TYPE",
            "value '2024' must be a year without quotes, e.g. tahun_kinerja: 2024.",
        ),
        ("musim: '2025'\n", "E_META_TYPE", "value '2025' must be a year without quotes, e.g. musim: 2025."),
        ("ilustratif: maybe\n", "E_META_TYPE", "value 'maybe' must be true or false"),
        ("ilustratif: 'true'\n", "E_META_TYPE", "value 'true' must be true or false"),
        ("seed: 1.5\n", "E_META_TYPE", "value '1.5' must be a whole number"),
        ("ilustratf: true\n", "E_META_KEY", "key 'ilustratf' is not known. Did you mean 'ilustratif'?"),
    ],
)
def test_season_metadata_must_agree_with_its_folder(small_season: Path, meta: str, code: str, english: str) -> None:
    _season_meta(small_season, meta)
    report = load_season(2025, small_season).report
    assert [p.code for p in report.errors] == [code]
    assert english in report.errors[0].message("en") and report.errors[0].file == "musim.yaml"
    assert report.errors[0].message("id") != report.errors[0].message("en")


@pytest.mark.parametrize(
    ("meta", "english"),
    [
        ("musim:\n", "key 'musim' has no value: write a year without quotes, e.g. musim: 2025 after it"),
        (
            "tahun_kinerja: ~\n",
            "key 'tahun_kinerja' has no value: write a year without quotes, e.g. tahun_kinerja: 2024",
        ),
        ("keterangan: null\n", "key 'keterangan' has no value: write text after it, or remove the key"),
    ],
)
def test_a_key_of_musim_yaml_with_nothing_after_it_is_said_to_have_no_value(
    small_season: Path, meta: str, english: str
) -> None:
    """`musim:` or `tahun_kinerja:` with nothing after it was said as "musim.yaml names season None" and
    "tahun_kinerja 'None' is not valid" (Python's word for nothing), `keterangan:` taken without a word, where
    `ilustratif:` is E_META_EMPTY: each key written with no value is E_META_EMPTY, at its value's place."""
    _season_meta(small_season, "# musim ini\n" + meta)
    report = load_season(2025, small_season).report
    assert [(p.code, p.file, p.line) for p in report.errors] == [("E_META_EMPTY", "musim.yaml", 2)]
    assert english in report.errors[0].message("en") and "None" not in report.errors[0].message("en")


def test_musim_yaml_problems_name_the_line_and_column_of_their_key_or_value(
    small_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key or value of musim.yaml that is wrong was named by its key alone: now by its line and column too (an
    unknown key's, a value's, one in braces or through an alias where it stands), listed in the file's order."""
    _season_meta(
        small_season,
        "# musim ini\n"  # line 1
        "ilustratif: maybe\n"  # 2: column 13
        "tahun_kinerja: &tahun '2024'\n"  # 3: column 16 (the anchor)
        "\n"
        "warna: merah\n"  # 5: column 1
        "musim: *tahun\n"  # 6: column 8 (the alias)
        "keterangan: {a: 1}\n",  # 7: column 13
    )
    assert main(["validate", "--data-dir", str(small_season), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    said = [line.strip() for line in out.splitlines() if "musim.yaml, " in line]
    assert [line.split(": ", 1)[0] for line in said] == [
        "[ERROR] musim.yaml, line 2, column 13, key 'ilustratif'",
        "[ERROR] musim.yaml, line 3, column 16, key 'tahun_kinerja'",
        "[ERROR] musim.yaml, line 5, column 1, key 'warna'",
        "[ERROR] musim.yaml, line 6, column 8, key 'musim'",
        "[ERROR] musim.yaml, line 7, column 13, key 'keterangan'",
    ], out
    _season_meta(small_season, "musim: 2024\n\ntahun_kinerja: 2022\n")
    report = load_season(2025, small_season).report
    assert [p.message("id").split(": ", 1)[0] for p in report.errors] == [
        "musim.yaml, baris 1, kolom 8, kunci 'musim'",
        "musim.yaml, baris 3, kolom 16, kunci 'tahun_kinerja'",
    ]


@pytest.mark.parametrize(
    ("text", "code", "detail"),
    [
        ("ilustratif: [true\n", "E_META_UNREADABLE", "line 2, column 1: a list or mapping in brackets is not closed"),
        ("- ilustratif\n- true\n", "E_META_NOT_MAPPING", "(a list or a single value)"),
    ],
    ids=["syntax", "not_a_mapping"],
)
def test_unreadable_musim_yaml_is_an_error_with_yaml_advice(
    small_season: Path, text: str, code: str, detail: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _season_meta(small_season, text)
    report = load_season(2025, small_season).report
    assert [(p.code, p.file) for p in report.errors] == [(code, "musim.yaml")]
    assert detail in report.errors[0].message("en")
    for lang in ("en", "id"):
        message = report.errors[0].message(lang)
        assert "Excel" not in message and "'ilustratif: true'" in message
    assert main(["validate", "--data-dir", str(small_season), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "musim.yaml: musim.yaml " in out.out and "Traceback" not in out.out + out.err


@pytest.mark.parametrize(
    ("text", "code", "english"),
    [
        ("tahun_kinerja: 030\n", "yaml.leading_zero", "The whole number '030' on line 1 starts with a zero"),
        ("musim: 2025\nseed: 1e400\n", "yaml.number_overflow", "The number '1e400' on line 2 is too large"),
        ("seed: -1e-400\n", "yaml.number_underflow", "The number '-1e-400' on line 1 is too close to 0"),
    ],
)
def test_a_number_of_musim_yaml_that_yaml_refuses_is_said_with_its_value(
    small_season: Path, text: str, code: str, english: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`tahun_kinerja: 030` or `seed: 1e400` in musim.yaml: the problem's message field `value` met the problem's
    own value in Problem.text, a TypeError and a traceback from `validate` instead of the message."""
    _season_meta(small_season, text)
    report = load_season(2025, small_season).report
    assert [(p.code, p.file) for p in report.errors] == [(code, "musim.yaml")]
    assert english in report.errors[0].message("en")
    assert main(["validate", "--data-dir", str(small_season), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert english in out.out and "Traceback" not in out.out + out.err


@pytest.mark.parametrize("name", ["musim.yml", "Musim.yaml", "musim.yaml.txt", "musim (1).yaml"])
def test_a_musim_yaml_named_otherwise_is_an_error_not_silently_unread(
    small_season: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A musim.yml (or musim.yaml.txt, its '.txt' hidden by Windows) was not read without a word: its 'ilustratif:
    true' and tahun_kinerja were silently dropped, and the season scored as official data of another year. So too
    once the season was stored in the cache without it."""
    cache = SeasonCache(tmp_path / "cache")
    assert load_season(2025, small_season, cache=cache).report.ok  # stored without a musim.yaml
    (small_season / "2025" / name).write_text("ilustratif: true\ntahun_kinerja: 2024\n", encoding="utf-8")
    for again in (None, cache):
        report = load_season(2025, small_season, cache=again).report
        assert [(p.code, p.file) for p in report.errors] == [("E_META_NAMED_OTHERWISE", name)]
        assert f"There is no musim.yaml, but {name} is here: it is not read" in report.errors[0].message("en")
        assert f"Tidak ada musim.yaml, tetapi ada {name}: berkas itu tidak dibaca" in report.errors[0].message("id")
    assert main(["validate", "--data-dir", str(small_season), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert f"{name}: There is no musim.yaml" in out.out and "Traceback" not in out.out + out.err
    (small_season / "2025" / "musim.yaml").write_text("ilustratif: true\n", encoding="utf-8")  # once named so: read
    assert load_season(2025, small_season).report.ok


def test_a_musim_yaml_that_cannot_be_read_is_an_error_naming_it(
    small_season: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A musim.yaml without read permission raised PermissionError out of load_season (a traceback in a notebook),
    where a table that cannot be read is an error of the season's report."""
    _season_meta(small_season, "ilustratif: true\n")
    read_bytes = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self.name == "musim.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refused)  # chmod 000 does not stop root
    report = load_season(2025, small_season).report
    assert [(p.code, p.file) for p in report.errors] == [("E_FILE_UNREADABLE", "musim.yaml")]
    assert "The file cannot be read: permission denied" in report.errors[0].message("en")
    assert "Berkas tidak dapat dibaca: tidak ada izin" in report.errors[0].message("id")


def test_a_musim_yaml_far_larger_than_any_is_refused_unread(small_season: Path) -> None:
    _season_meta(small_season, "ilustratif: true\n" + "#" * MAX_BYTES + "\n")
    report = load_season(2025, small_season).report
    assert [(p.code, p.file) for p in report.errors] == [("yaml.file_too_large", "musim.yaml")]
    assert f"more than the {MAX_BYTES:,}" in report.errors[0].message("en")


def test_an_empty_musim_yaml_is_no_metadata(small_season: Path) -> None:
    _season_meta(small_season, "# nothing yet\n")
    result = load_season(2025, small_season)
    assert result.report.ok and result.season is not None and result.season.meta == {}


@pytest.mark.parametrize("how", ["folder", "link to nothing"])
def test_a_folder_or_dangling_link_in_place_of_a_file_is_said(small_season: Path, how: str) -> None:
    folder = small_season / "2025"
    for name in ("musim.yaml", "desa.csv"):
        (folder / name).unlink(missing_ok=True)
        if how == "folder":
            (folder / name).mkdir()
        else:
            (folder / name).symlink_to(folder / "gone")
    report = load_season(2025, small_season).report
    assert sorted((p.code, p.file) for p in report.errors) == [
        ("E_NOT_A_FILE", "desa.csv"),
        ("E_NOT_A_FILE", "musim.yaml"),
    ]
    assert "not as a readable file" in report.errors[0].message("en")


def test_a_table_saved_under_another_name_is_pointed_at(small_season: Path) -> None:
    folder = small_season / "2025"
    (folder / "desa.csv").rename(folder / "DESA.CSV")
    (folder / "pemda.csv").rename(folder / "pemda.xls")
    report = load_season(2025, small_season).report
    found = {p.file: p.message("en") for p in report.errors}
    assert "There is no desa.csv or desa.xlsx, but DESA.CSV is here" in found["DESA.CSV"]
    assert "Save the table as pemda.csv (CSV UTF-8) or pemda.xlsx" in found["pemda.xls"]


def test_tahun_kinerja_is_the_performance_year(small_season: Path, default_methodology: Methodology) -> None:
    # a season named after the year it assesses (the press's "Paritrana Award 2024" for the 2025 rounds): folder
    # 2025 declaring tahun_kinerja 2025 must read its 2025 rows as year T, not the 2024 ones
    assert load_season(2025, small_season).season.tahun == 2024
    for name in ("pemda", "desa", "badan_usaha"):
        path = small_season / "2025" / f"{name}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["tahun"] = frame["tahun"].map({"2024": "2025", "2023": "2024"})
        frame.to_csv(path, index=False)
    report = load_season(2025, small_season).report
    assert "E_NO_YEAR_T" in {p.code for p in report.errors}  # without the key: T = 2024 has no rows
    _season_meta(small_season, "musim: 2025\ntahun_kinerja: 2025\n")
    result = load_season(2025, small_season, default_methodology)
    assert result.report.ok, result.report.render("en")
    assert result.season is not None and result.season.tahun == 2025


def test_typed_table_fixes_each_kind_s_dtype_and_leaves_its_input_as_it_was() -> None:
    from paritrana_nb.schema import DESA
    from paritrana_nb.season import typed_table

    parsed = pd.DataFrame({c.name: pd.Series([None, None], dtype=object) for c in DESA.columns})
    for column in DESA.columns:
        if column.kind in ("year", "count", "binary", "money", "percent", "score"):
            parsed[column.name] = [2024.0, 1.0]  # as the parser leaves numbers: floats
    parsed["kode_desa"] = pd.Series(["61.01.01.2001", "61.01.01.1001"], dtype="str")  # text of another dtype
    parsed.index = pd.Index([2, 3], name="row")
    before = parsed.copy()
    typed = typed_table(parsed, DESA)
    pd.testing.assert_frame_equal(parsed, before)  # nothing of the input changed, its index name included
    assert typed.index.name == "baris" and typed.index.tolist() == [2, 3]
    for column in DESA.columns:
        if column.kind in ("year", "count", "binary") and column.blank not in ("na", "other_years"):
            assert typed[column.name].dtype == np.int64, column.name
        elif column.kind in ("year", "count", "binary", "money", "percent", "score"):
            assert typed[column.name].dtype == np.float64, column.name
        else:
            assert typed[column.name].dtype == object, column.name
    assert typed["kode_desa"].tolist() == ["61.01.01.2001", "61.01.01.1001"]


@pytest.mark.parametrize(
    ("table", "content"),
    [("pemda", b""), ("pemda", b"\xef\xbb\xbf"), ("desa", b"\n\r\n"), ("wawancara", b""), ("pemda", "xlsx")],
    ids=["no_bytes", "bom_only", "blank_lines", "wawancara", "xlsx_empty_sheet"],
)
def test_an_empty_file_is_one_problem_not_one_per_column(small_season: Path, table: str, content: bytes | str) -> None:
    folder = small_season / "2025"
    (folder / f"{table}.csv").unlink()
    if content == "xlsx":
        import openpyxl

        openpyxl.Workbook().save(folder / f"{table}.xlsx")
        name = f"{table}.xlsx"
    else:
        assert isinstance(content, bytes)
        (folder / f"{table}.csv").write_bytes(content)
        name = f"{table}.csv"
    report = load_season(2025, small_season).report
    code = "E_SHEET_EMPTY" if content == "xlsx" else "E_FILE_EMPTY"  # (saving a workbook as CSV would not help)
    assert [(p.code, p.file, p.row) for p in report.errors] == [(code, name, 1)]
    assert "no header row" in report.errors[0].message("en") and "baris judul" in report.errors[0].message("id")
    assert ("first sheet" in report.errors[0].message("en")) == (content == "xlsx")
    assert ("CSV" in report.errors[0].message("en")) == (content != "xlsx")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_header_below_an_empty_row_1_is_said_so_not_an_empty_file(small_season: Path, kind: str) -> None:
    """A table starting in row 3 was "empty: it has no header row and no data"."""
    folder = small_season / "2025"
    frame = pd.read_csv(folder / "desa.csv", dtype=str)
    (folder / "desa.csv").unlink()
    if kind == "csv":
        (folder / "desa.csv").write_text("\n,,\n" + frame.to_csv(index=False), encoding="utf-8")
    else:
        with pd.ExcelWriter(folder / "desa.xlsx") as writer:
            frame.to_excel(writer, sheet_name="data", index=False, startrow=2)
    report = load_season(2025, small_season).report
    assert [(p.code, p.file, p.row) for p in report.errors] == [("E_HEADER_NOT_ROW_1", f"desa.{kind}", 3)]
    assert "the first row holding anything is row 3: the names of the columns must be in row 1" in (
        report.errors[0].message("en")
    )


@pytest.mark.parametrize("kind", ["xlsx", "csv", "csv-bare"])
def test_a_header_below_a_title_row_is_said_so_naming_its_row(small_season: Path, kind: str) -> None:
    """A title in A1 above the header in row 3 (an office spreadsheet) was 12 "required column is missing" errors
    and a warning of 300 cells under no name in row 1 (in a CSV Excel writes, the same errors; in a CSV of the title
    alone, "row 3 holds 12 cells while the header names 1 column")."""
    folder = small_season / "2025"
    frame = pd.read_csv(folder / "desa.csv", dtype=str)
    (folder / "desa.csv").unlink()
    name = "desa.xlsx" if kind == "xlsx" else "desa.csv"
    if kind == "xlsx":
        with pd.ExcelWriter(folder / name) as writer:
            frame.to_excel(writer, sheet_name="data", index=False, startrow=2)
            writer.sheets["data"]["A1"] = "DATA JAMSOSTEK DESA PROVINSI KALIMANTAN BARAT"
    else:
        padding = "," * (len(frame.columns) - 1) if kind == "csv" else ""
        title = f"DATA JAMSOSTEK DESA PROVINSI KALIMANTAN BARAT{padding}\n{padding}\n"
        (folder / name).write_text(title + frame.to_csv(index=False), encoding="utf-8")
    report = load_season(2025, small_season).report
    assert [(p.code, p.file, p.row) for p in report.errors] == [("E_HEADER_BELOW_TITLE", name, 3)]
    assert not [p for p in report.warnings if p.file == name]
    assert "Row 1 does not hold the names of the columns: they are in row 3" in report.errors[0].message("en")
    assert "Hapus baris di atas baris 3" in report.errors[0].message("id")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_header_below_twelve_rows_of_notes_is_said_so_naming_its_row(small_season: Path, kind: str) -> None:
    """Twelve rows of notes above the header (row 13) were below the 10 rows looked at: 12 "required column is
    missing" errors and a warning of 1,298 cells under no name in row 1 (a CSV: "row 13 holds 12 cells while the
    header names 1 column")."""
    folder = small_season / "2025"
    frame = pd.read_csv(folder / "desa.csv", dtype=str)
    (folder / "desa.csv").unlink()
    notes = [f"Catatan {number}: isi angka tanpa titik" for number in range(1, 13)]
    name = f"desa.{kind}"
    if kind == "xlsx":
        with pd.ExcelWriter(folder / name) as writer:
            frame.to_excel(writer, sheet_name="data", index=False, startrow=len(notes))
            for number, note in enumerate(notes, start=1):
                writer.sheets["data"][f"A{number}"] = note
    else:
        (folder / name).write_text("\n".join(notes) + "\n" + frame.to_csv(index=False), encoding="utf-8")
    report = load_season(2025, small_season).report
    assert [(p.code, p.file, p.row) for p in report.errors] == [("E_HEADER_BELOW_TITLE", name, 13)]
    assert not [p for p in report.warnings if p.file == name]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_no_header_in_the_first_rows_under_a_note_is_one_error(small_season: Path, kind: str) -> None:
    """A note in row 1 and no header among the first 100 rows (or a file of the note alone) was every column said
    missing from row 1, with its cells under no name (a CSV: a row too wide): one error says no row holds the names
    of the columns, quoting row 1, in both languages."""
    folder = small_season / "2025"
    frame = pd.read_csv(folder / "desa.csv", dtype=str)
    (folder / "desa.csv").unlink()
    name = f"desa.{kind}"
    if kind == "xlsx":
        with pd.ExcelWriter(folder / name) as writer:
            frame.to_excel(writer, sheet_name="data", index=False, startrow=150)
            writer.sheets["data"]["A1"] = "Catatan: isi angka tanpa titik"
    else:
        (folder / name).write_text("Catatan: isi angka tanpa titik\n" * 150 + frame.to_csv(index=False))
    report = load_season(2025, small_season).report
    assert [(p.code, p.file, p.row) for p in report.errors] == [("E_NO_HEADER_ROW", name, 1)]
    assert not [p for p in report.warnings if p.file == name]
    assert "Row 1 holds only 'Catatan: isi angka tanpa titik', and no row down to row 100 holds the names" in (
        report.errors[0].message("en")
    )
    assert "dan tidak ada baris sampai baris 100 yang berisi nama kolom" in report.errors[0].message("id")
    (folder / name).unlink()
    (folder / "desa.csv").write_text("Catatan: isi angka tanpa titik\n")
    (only,) = load_season(2025, small_season).report.errors
    assert only.code == "E_NO_HEADER_ROW" and "and no row down to row 1 holds" in only.message("en")


@pytest.mark.parametrize("separator", ["|", ":"])
def test_a_csv_of_a_separator_not_read_is_said_to_be_one(small_season: Path, separator: str) -> None:
    """A CSV written with `|` between its cells was read as one column: "Row 1 holds only 'kode_desa|nama|...', and
    no row down to row 100 holds the names of the columns", never naming the separator."""
    folder = small_season / "2025"
    frame = pd.read_csv(folder / "desa.csv", dtype=str, keep_default_na=False)
    (folder / "desa.csv").write_text(frame.to_csv(index=False, sep=separator), encoding="utf-8")
    report = load_season(2025, small_season).report
    assert [(p.code, p.file, p.row) for p in report.errors] == [("E_CSV_OTHER_SEPARATOR", "desa.csv", 1)]
    assert f"The cells of this file are separated by '{separator}'" in report.errors[0].message("en")
    assert f"Sel-sel berkas ini dipisahkan oleh '{separator}'" in report.errors[0].message("id")


def test_a_header_row_1_misspells_is_no_title_row(small_season: Path) -> None:
    """Row 1 naming at least half of the table's columns is its header: its missing columns are named, and a row
    below that repeats the header is data, not a header under a title."""
    folder = small_season / "2025"
    text = (folder / "desa.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    (folder / "desa.csv").write_text(header.replace("kode_desa", "kode desa") + "\n" + header + "\n" + rest)
    report = load_season(2025, small_season).report
    assert ("E_MISSING_COLUMN", "desa.csv", 1) in [(p.code, p.file, p.row) for p in report.errors]
    assert "E_HEADER_BELOW_TITLE" not in {p.code for p in report.problems}


def test_people_bound_is_on_people_only(tmp_path: Path) -> None:
    """300,000,000 people pass (the bound itself), one more does not; a count of regulations has no such bound."""
    tables = small_season_tables()
    _all(
        _set("desa", 0, "penduduk_bekerja", 300_000_000),
        _set("desa", 0, "peserta", 300_000_000),
        _set("desa", 1, "anggota_bpd", 300_000_001),
        _set("pemda", 1, "perkada", 400_000_000),
    )(tables)
    write_season(tmp_path, tables)
    result = load_season(2025, tmp_path)
    found = [(p.file, p.row, p.column) for p in result.report.problems if p.code == "E_MORE_PEOPLE_THAN_INDONESIA"]
    assert found == [("desa.csv", 3, "anggota_bpd")], result.report.render("en")


def test_a_juror_written_in_two_unicode_forms_is_an_error_naming_both(tmp_path: Path) -> None:
    """`José` typed with é as one character (NFC) beside `José` as e and an accent (NFD, as macOS writes it), or J1 in
    full width beside `J1`, read the same but counted as two jurors, silently."""
    tables = small_season_tables()
    extra = pd.DataFrame(
        [
            ("pemda", "61.04", "Jos\u00e9", "inovasi", 80),
            ("pemda", "61.04", "Jose\u0301", "sinergi", 70),
            ("pemda", "61.71", "\uff2a\uff11", "inovasi", 50),
        ],
        columns=tables["wawancara"].columns,
    )
    tables["wawancara"] = pd.concat([tables["wawancara"], extra], ignore_index=True)
    write_season(tmp_path, tables)
    found = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_JUROR_CASE"]
    rows = len(small_season_tables()["wawancara"]) + 2
    assert [(p.row, p.value, dict(p.fields)["other"]) for p in found] == [
        (rows + 1, "Jose\u0301", "Jos\u00e9"),
        (rows + 2, "\uff2a\uff11", "J1"),
    ]
    assert "how a letter is stored" in found[0].message("en") and "cara hurufnya disimpan" in found[0].message("id")


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u00ad", "\u2060"])
def test_an_id_or_juror_differing_by_an_invisible_character_is_an_error(tmp_path: Path, invisible: str) -> None:
    """An npp or a juror's id with a zero-width space, a byte order mark, a soft hyphen or a word joiner pasted into
    it looks the same as the plain one but was counted apart: the business ranked twice, the juror's scores twice."""
    from paritrana_nb.problems import shown_text

    tables = small_season_tables()
    bu = tables["badan_usaha"]
    again = bu.iloc[[1]].assign(npp=bu.loc[1, "npp"] + invisible)
    tables["badan_usaha"] = pd.concat([bu, again], ignore_index=True)
    wawancara = tables["wawancara"]
    juror = wawancara.iloc[[0]].assign(juri=wawancara.loc[0, "juri"] + invisible, aspek="sinergi")
    tables["wawancara"] = pd.concat([wawancara, juror], ignore_index=True)
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path).report
    found = [(p.code, p.file, p.row, p.value) for p in report.errors if p.code in ("E_ID_FORM", "E_JUROR_CASE")]
    assert found == [
        ("E_ID_FORM", "badan_usaha.csv", len(bu) + 2, shown_text(bu.loc[1, "npp"] + invisible)),
        ("E_JUROR_CASE", "wawancara.csv", len(wawancara) + 2, shown_text(wawancara.loc[0, "juri"] + invisible)),
    ], report.render("en")
    assert invisible not in found[0][3]  # the message shows the character it is about, escaped


def test_an_id_written_in_another_unicode_form_is_an_error_naming_the_other(tmp_path: Path) -> None:
    """An npp with its accent stored apart (NFD, as macOS writes it) in the previous year's row, or in full width in
    a second row of the year, reads as the npp of another row but counted as another business (its previous year
    lost). A village code in full-width digits beside its plain one is refused for its digits (E_BAD_CODE), once."""
    tables = small_season_tables()
    bu = tables["badan_usaha"]
    bu.loc[0, "npp"] = "AB\u00e9001"
    previous = bu.iloc[[0]].assign(npp="ABe\u0301001", tahun=2023)
    full_width = "".join(chr(0xFF10 + int(digit)) for digit in "0012345602")
    again = bu.iloc[[1]].assign(npp=full_width)
    tables["badan_usaha"] = pd.concat([bu, previous, again], ignore_index=True)
    desa = tables["desa"]
    village = desa.iloc[[0]].assign(kode_desa="\uff16\uff11.04.01.2011", tahun=2023)
    tables["desa"] = pd.concat([desa, village], ignore_index=True)
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path).report
    forms = [p for p in report.errors if p.code == "E_ID_FORM"]
    found = [(p.file, p.row, p.column, p.value, dict(p.fields)["other"]) for p in forms]
    assert found == [
        ("badan_usaha.csv", 6, "npp", "ABe\u0301001", "AB\u00e9001"),
        ("badan_usaha.csv", 7, "npp", full_width, "0012345602"),
    ], report.render("en")
    assert "look the same" in forms[0].message("en") and "tampak sama" in forms[0].message("id")
    assert "'AB\u00e9001' of row 2, written" in forms[0].message("en")  # the earlier row is named
    assert "'0012345602' of row 3, written" in forms[1].message("en")
    assert "'AB\u00e9001' pada baris 2, yang" in forms[0].message("id")
    village_errors = [(p.code, p.row, p.column) for p in report.errors if p.file == "desa.csv"]
    assert village_errors == [("E_BAD_CODE", 6, "kode_desa")], report.render("en")
