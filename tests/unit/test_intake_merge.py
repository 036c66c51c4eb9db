"""`paritrana intake`: merging returned templates and files, provenance of every problem, conflicts and refusals."""

from __future__ import annotations

import csv
import hashlib
import multiprocessing
import os
import re
import shutil
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from conftest import forks_here, small_season_tables, write_season
from intake_fill import fill_inbox, template_meta, village_row
from paritrana_nb import kemendagri
from paritrana_nb.cli import main
from paritrana_nb.intake.inbox import Submission
from paritrana_nb.intake.merge import ORIGIN, PROVENANCE_FILE, Located, _data_rows, _drop_repeats, run_intake
from paritrana_nb.schema import TABLES
from paritrana_nb.season import load_season


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(data dir holding the small season's wilayah, an inbox of every template filled in plus a wawancara CSV)."""
    data = tmp_path_factory.mktemp("data")
    tables = {name: frame.astype(str).replace("nan", "") for name, frame in small_season_tables().items()}
    write_season(data, {"wilayah": small_season_tables()["wilayah"]})
    templates = tmp_path_factory.mktemp("templates")
    assert main(["template", "--season", "2025", "--data-dir", str(data), "--out", str(templates)]) == 0
    inbox = tmp_path_factory.mktemp("inbox")
    fill_inbox(templates, tables, inbox)
    (inbox / "juri").mkdir()
    small_season_tables()["wawancara"].to_csv(inbox / "juri" / "wawancara.csv", index=False)
    return data, inbox


@pytest.fixture
def inbox(filled: tuple[Path, Path], tmp_path: Path) -> Path:
    """A fresh copy of the filled inbox for one test to change."""
    copy = tmp_path / "inbox"
    shutil.copytree(filled[1], copy)
    return copy


@pytest.fixture
def data(filled: tuple[Path, Path]) -> Path:
    return filled[0]


def _run(inbox: Path, out: Path, data: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(
        ["intake", "--season", "2025", "--from", str(inbox), "--out", str(out), "--data-dir", str(data), *extra]
    )
    return code, capsys.readouterr().out


def _set_cell(path: Path, row: int, column: str, value: object) -> None:
    book = load_workbook(path)
    sheet = book["data"]
    letter = {c.value: c.column_letter for c in sheet[1]}[column]
    sheet[f"{letter}{row}"] = value
    book.save(path)


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_merged_season_matches_the_tables_it_was_filled_from(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 0, text
    merged = load_season(2025, tmp_path / "out")
    assert merged.season is not None, merged.report.render()
    original = small_season_tables()
    for name in ("pemda", "desa", "badan_usaha"):
        frame = getattr(merged.season, name)
        assert len(frame) == len(original[name])
    got = merged.season.badan_usaha.set_index("npp")
    assert got.loc["0012345601", "upah_sesuai_pct"] == 98.5 and got.loc["0012345601", "nama"] == "PT Sawit Makmur"
    provenance = pd.read_csv(tmp_path / "out" / "2025" / PROVENANCE_FILE, dtype=str)
    assert set(provenance["tabel"]) == {"pemda", "desa", "badan_usaha", "wawancara"}
    row = provenance[(provenance["tabel"] == "desa") & (provenance["berkas"] == "desa_61.04.xlsx")].iloc[0]
    assert (row["lembar"], row["baris_berkas"]) == ("data", "2")


def test_a_name_that_would_run_as_a_formula_is_merged_harmless_and_read_back_as_sent(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = next(p for p in inbox.rglob("*.xlsx") if p.name.startswith("badan_usaha"))
    payload = "@cmd|' /C calc'!A0"  # a text cell (openpyxl would take one starting with = for a formula)
    _set_cell(path, 2, "nama", payload)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 0, text
    merged_csv = (tmp_path / "out" / "2025" / "badan_usaha.csv").read_text(encoding="utf-8")
    assert f",'{payload}," in merged_csv and f",{payload}," not in merged_csv  # a spreadsheet shows it as text
    merged = load_season(2025, tmp_path / "out")
    assert merged.season is not None, merged.report.render()
    assert payload in set(merged.season.badan_usaha["nama"])  # the name as the submitter wrote it
    assert [p.code for p in merged.report.warnings if p.column == "nama"] == ["W_FORMULA_TEXT"]


def test_a_name_beginning_with_an_apostrophe_and_a_formula_character_is_read_back_as_sent(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name typed `'=1+1` (the apostrophe part of its text) was merged as it is and read back as `=1+1`: the merged
    table writes it `''=1+1`, which validate reads as sent."""
    sent = ["'=1+1", "''@x"]
    for path, name in zip(sorted(inbox.rglob("badan_usaha*.xlsx")), sent, strict=True):  # the files of 61 and 65
        _set_cell(path, 2, "nama", name)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 0, text
    merged_csv = (tmp_path / "out" / "2025" / "badan_usaha.csv").read_text(encoding="utf-8")
    assert ",''=1+1," in merged_csv and ",'''@x," in merged_csv
    merged = load_season(2025, tmp_path / "out")
    assert merged.season is not None, merged.report.render()
    assert set(sent) <= set(merged.season.badan_usaha["nama"])


def test_inbox_is_never_modified_and_reruns_are_byte_identical(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(inbox)
    out = tmp_path / "out" / "2025"
    _run(inbox, out, data, capsys)
    first = _digest(out)
    _run(inbox, out, data, capsys)
    assert _digest(out) == first
    assert _digest(inbox) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging folder left behind


def test_blank_template_rows_are_not_submitted_not_zeros(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(inbox / "pemda_61.xlsx")
    sheet = book["data"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "61.10":  # Melawi sent nothing: its prefilled rows stay empty
            for cell in row[3:]:
                cell.value = None
    book.save(inbox / "pemda_61.xlsx")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 0
    pemda = pd.read_csv(tmp_path / "out" / "2025" / "pemda.csv", dtype=str)
    assert "61.10" not in set(pemda["kode_wilayah"])
    assert "61.10 (Kabupaten Melawi)" in text  # not submitted, said so: no row of zeros
    assert "E_BLANK" not in text and "Nilai kosong" not in text


def test_a_bad_cell_is_reported_at_the_submitters_file_sheet_and_row(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = (village_row(inbox / "desa_61.04.xlsx", code) for code in ("61.04.01.2011", "61.04.02.2003"))
    _set_cell(inbox / "desa_61.04.xlsx", second, "perangkat_terlindungi", 99)
    _set_cell(inbox / "desa_61.04.xlsx", first, "peserta", "banyak")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    lines = [line for line in text.splitlines() if "desa_61.04.xlsx, lembar 'data', baris" in line]
    assert any(
        f"baris {second} (desa.csv baris 3), kolom 'perangkat_terlindungi'" in line and "99" in line for line in lines
    )
    assert any(f"baris {first} (desa.csv baris 2), kolom 'peserta'" in line and "banyak" in line for line in lines)
    assert not any("desa.csv, baris" in line for line in text.splitlines())  # nothing only against the merged file
    assert sum("kolom 'peserta'" in line for line in lines) == 1  # the bad cell once, not again as blank


def _pemda_row(path: Path, kode_wilayah: str, tahun: int) -> int:
    """The sheet row of a region's year in a pemda template."""
    sheet = load_workbook(path, read_only=True)["data"]
    rows = sheet.iter_rows(min_row=2, max_col=3, values_only=True)
    return next(r for r, (code, _, year) in enumerate(rows, 2) if (code, year) == (kode_wilayah, tahun))


def test_a_cell_refused_where_it_stands_is_merged_as_sent_and_validate_refuses_it_there(
    inbox: Path, data: Path, tmp_path: Path
) -> None:
    """A bad cell was merged blank and `paritrana validate` passed the merged season: a blank `peserta_pmi` is 0, a
    blank `target_ucj_pct` of T-1 allowed, and a formula without a saved value was merged as 0 where blank means 0.
    Each is written as sent (a number cell without a value as `nan`), so validate refuses it in its row and column."""
    pemda = inbox / "pemda_61.xlsx"
    rows = {
        key: _pemda_row(pemda, *key) for key in (("61.04", 2024), ("61.04", 2023), ("61.71", 2024), ("61.10", 2024))
    }
    book = load_workbook(pemda)
    sheet = book["data"]
    letter = {c.value: c.column_letter for c in sheet[1]}
    sheet[f"{letter['peserta_pmi']}{rows['61.04', 2024]}"] = "banyak"
    sheet[f"{letter['target_ucj_pct']}{rows['61.04', 2023]}"] = 150
    sheet[f"{letter['anggaran_iuran_apbd_rp']}{rows['61.71', 2024]}"] = float("nan")  # `<v/>`
    sheet[f"{letter['peserta_pmi']}{rows['61.10', 2024]}"] = "=1+1"  # no saved value
    book.save(pemda)
    interviews = pd.read_csv(inbox / "juri" / "wawancara.csv", dtype=str)
    interviews.loc[1, "nilai"] = "tinggi"
    interviews.to_csv(inbox / "juri" / "wawancara.csv", index=False)
    out = tmp_path / "out" / "2025"
    result = run_intake(2025, inbox, out, data)
    refused = {(p.merged_file, p.merged_row, p.problem.column): p.problem.code for p in result.errors}
    assert sorted(refused.values()) == sorted(
        ["E_NOT_NUMBER", "E_PERCENT_RANGE", "E_XLSX_NUMBER_NO_VALUE", "E_FORMULA_NO_VALUE", "E_NOT_NUMBER"]
    )
    loaded = load_season(2025, out.parent)
    assert loaded.season is None
    again = {(p.file, p.row, p.column): (p.code, p.value) for p in loaded.report.errors}
    assert {where: again.get(where) for where in refused} == {
        where: {
            "E_PERCENT_RANGE": ("E_PERCENT_RANGE", "150"),
            "E_XLSX_NUMBER_NO_VALUE": ("E_NOT_NUMBER", "nan"),
            "E_FORMULA_NO_VALUE": ("E_NOT_NUMBER", "=1+1"),
            "E_NOT_NUMBER": ("E_NOT_NUMBER", "tinggi" if where[0] == "wawancara.csv" else "banyak"),
        }[code]
        for where, code in refused.items()
    }
    merged = (out / "pemda.csv").read_text(encoding="utf-8")
    assert ",'=1+1," in merged  # as every text of the merged tables that would run as a formula


def test_a_cross_table_problem_points_at_the_csv_row_it_came_from(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = inbox / "juri" / "wawancara.csv"
    frame = pd.read_csv(csv, dtype=str)
    frame.loc[4, "id_peserta"] = "61.99"
    frame.to_csv(csv, index=False)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    line = next(line for line in text.splitlines() if "61.99" in line)
    assert line.startswith("  [ERROR] juri/wawancara.csv, row 6 (wawancara.csv row ")
    assert "sheet" not in line


def test_a_conflict_names_both_files_and_rows(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = pd.DataFrame([small_season_tables()["badan_usaha"].iloc[0]])
    extra["jumlah_pekerja"] = 1600
    extra.to_csv(inbox / "koreksi_bu.csv", index=False)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    conflict = [line for line in text.splitlines() if "nilai berbeda" in line]
    assert len(conflict) == 2
    assert any(
        line.startswith("  [GALAT] koreksi_bu.csv, baris 2, kolom 'jumlah_pekerja'")
        and "badan_usaha_61.xlsx lembar 'data' baris 2" in line
        for line in conflict
    )
    assert any(
        line.startswith("  [GALAT] badan_usaha_61.xlsx, lembar 'data', baris 2") and "koreksi_bu.csv baris 2" in line
        for line in conflict
    )
    merged = pd.read_csv(tmp_path / "out" / "2025" / "badan_usaha.csv", dtype=str)
    assert (merged["npp"] == "0012345601").sum() == 1


def test_a_conflict_tells_each_row_whether_it_was_merged(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first row of a conflicting key is kept, the later one dropped: the kept row's message said it was not
    merged either, and one differing column was written "columns"."""
    extra = pd.DataFrame([small_season_tables()["badan_usaha"].iloc[0]])
    extra["jumlah_pekerja"] = 1600
    extra.to_csv(inbox / "koreksi_bu.csv", index=False)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    dropped = next(line for line in text.splitlines() if line.startswith("  [ERROR] koreksi_bu.csv, row 2"))
    kept = next(
        line for line in text.splitlines() if line.startswith("  [ERROR] badan_usaha_61.xlsx, sheet 'data', row 2")
    )
    assert "with a different value (column jumlah_pekerja)" in dropped and dropped.endswith("this row is not merged.")
    assert "with a different value (column jumlah_pekerja)" in kept
    assert kept.endswith("until then this row is the one merged.")
    merged = pd.read_csv(tmp_path / "out" / "2025" / "badan_usaha.csv", dtype=str)
    assert merged.loc[merged["npp"] == "0012345601", "jumlah_pekerja"].tolist() != ["1600"]


def test_one_missing_column_is_named_in_the_singular(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(inbox / "desa_65.03.xlsx")
    book["data"]["G1"] = "perangkat"  # perangkat_desa misnamed
    book.save(inbox / "desa_65.03.xlsx")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    line = next(line for line in text.splitlines() if line.startswith("  [ERROR] desa_65.03.xlsx"))
    assert "lacks the column perangkat_desa. It is not merged. Add the column," in line
    assert line.endswith(
        "It holds columns the table does not have (perangkat): "
        "if one of them is the missing one under another name, rename it."
    )


def test_a_juror_sheets_hadir_is_never_named_as_a_column_the_table_lacks(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A score sheet whose `kategori` header was renamed was told it also held a column the table does not have,
    `hadir` (the sheet's own column): a juror could take it for the renamed one."""
    book = Workbook()
    book.active.append(["category", "id_peserta", "juri", "aspek", "nilai", "hadir"])
    book.active.append(["pemda", "61.10", "J9", "inovasi", 80, 1])
    book.save(inbox / "juri" / "wawancara_pemda_J9.xlsx")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    line = next(line for line in text.splitlines() if line.startswith("  [ERROR] juri/wawancara_pemda_J9.xlsx"))
    assert "lacks the column kategori" in line
    assert line.endswith(
        "It holds columns the table does not have (category): "
        "if one of them is the missing one under another name, rename it."
    ), line


def _pemda_rows(rows: list[tuple[str, int, float, str, int]]) -> pd.DataFrame:
    """Merged pemda rows (kode_wilayah, tahun, peserta_pu, file, row), the other columns blank, as `_merge` has them."""
    pemda = next(t for t in TABLES if t.name == "pemda")
    frame = pd.DataFrame({c: pd.Series([None] * len(rows), dtype=object) for c in pemda.column_names})
    frame["kode_wilayah"] = [r[0] for r in rows]
    frame["tahun"] = [r[1] for r in rows]
    frame["peserta_pu"] = [r[2] for r in rows]
    frame[ORIGIN[0]] = [r[3] for r in rows]
    frame[ORIGIN[1]] = "data"
    frame[ORIGIN[2]] = [r[4] for r in rows]
    return frame


def _said(problems: list[Located]) -> list[tuple[str, str, int | None, str | None]]:
    return [(p.problem.code, p.problem.file, p.problem.row, p.problem.column) for p in problems]


def test_repeated_keys_keep_the_first_row_and_tell_each_row_what_became_of_it() -> None:
    pemda = next(t for t in TABLES if t.name == "pemda")
    frame = _pemda_rows(
        [
            ("61", 2024, 10.0, "a.xlsx", 2),
            ("62", 2024, 5.0, "a.xlsx", 3),
            ("61", 2024, 10.0, "b.xlsx", 7),  # the same row again
            ("61", 2024, 11.0, "c.xlsx", 4),  # another value
            ("62", 2023, 5.0, "c.xlsx", 5),
            ("62", 2024, float("nan"), "d.xlsx", 9),
        ]
    )
    problems: list[Located] = []
    omitted: Counter[tuple[str, str, str]] = Counter()
    kept = _drop_repeats(frame, pemda, problems, omitted)
    assert list(kept.index) == [0, 1, 4] and not omitted
    assert _said(problems) == [
        ("W_INTAKE_DUPLICATE", "b.xlsx", 7, "kode_wilayah"),
        ("E_INTAKE_CONFLICT", "c.xlsx", 4, "peserta_pu"),
        ("E_INTAKE_CONFLICT_KEPT", "a.xlsx", 2, "peserta_pu"),
        ("E_INTAKE_CONFLICT", "d.xlsx", 9, "peserta_pu"),
        ("E_INTAKE_CONFLICT_KEPT", "a.xlsx", 3, "peserta_pu"),
    ]
    conflict = problems[1].message("en")
    assert "kode_wilayah=61, tahun=2024 is also in a.xlsx sheet 'data' row 2" in conflict, conflict
    assert problems[3].problem.value == "" and problems[4].problem.value == "5"


def test_many_repeated_rows_are_told_apart_in_bounded_time() -> None:
    """A file pasted into itself (or a table sent twice with one cell changed) repeats every key: each repeated row
    took 3 ms (a pandas lookup of its file, sheet and row, and of each of its cells), 30 s for 10,000 rows; and every
    problem was kept (800 MB for 200,000 rows), where validation keeps KEEP_PER_KIND of a kind in a file."""
    pemda = next(t for t in TABLES if t.name == "pemda")
    rows = [(f"61.{i % 50:02d}", 2024, float(i % 3), "a.xlsx", i + 2) for i in range(10_000)]
    started = time.perf_counter()
    problems: list[Located] = []
    omitted: Counter[tuple[str, str, str]] = Counter()
    kept = _drop_repeats(_pemda_rows(rows), pemda, problems, omitted)
    assert time.perf_counter() - started < 5
    assert len(kept) == 50  # per key: 66 duplicates, 133 conflicts
    said = Counter(p.problem.code for p in problems)
    assert said == {"W_INTAKE_DUPLICATE": 100, "E_INTAKE_CONFLICT": 100, "E_INTAKE_CONFLICT_KEPT": 100}
    assert omitted == {
        ("a.xlsx", "warning", "W_INTAKE_DUPLICATE"): 50 * 66 - 100,
        ("a.xlsx", "error", "E_INTAKE_CONFLICT"): 50 * 133 - 100,
        ("a.xlsx", "error", "E_INTAKE_CONFLICT_KEPT"): 50 * 133 - 100,
    }


def test_an_identical_duplicate_is_a_warning_and_kept_once(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = inbox / "desa_61.71_lagi.xlsx"
    shutil.copy(inbox / "desa_61.71.xlsx", again)
    book = load_workbook(again)  # saved again: the same rows, other bytes (an identical file is W_INTAKE_COPY)
    book.properties.title = "dikirim lagi"
    book.save(again)
    assert again.read_bytes() != (inbox / "desa_61.71.xlsx").read_bytes()
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 0
    line = next(line for line in text.splitlines() if "sama di" in line)
    assert line.startswith("  [PERINGATAN] desa_61.71_lagi.xlsx, lembar 'data', baris 2")
    assert "desa_61.71.xlsx lembar 'data' baris 2" in line
    merged = pd.read_csv(tmp_path / "out" / "2025" / "desa.csv", dtype=str)
    assert (merged["kode_desa"] == "61.71.01.1002").sum() == 1


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_count_typed_as_text_with_a_thousands_dot_is_one_error(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """`1.234` stored as text in a count of a template filled in Bahasa Indonesia was two messages on one cell: a
    warning that it reads two ways, read as 1.234, and an error that it must be whole, "round it"."""
    sheet = load_workbook(inbox / "desa_65.03.xlsx")["data"]
    column = next(c.column_letter for c in sheet[1] if c.value == "penduduk_bekerja")
    row = next(c.row for c in sheet[column][1:] if isinstance(c.value, int))  # a row filled in with numbers
    _set_cell(inbox / "desa_65.03.xlsx", row, "penduduk_bekerja", "1.234")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", lang)
    assert code == 1
    where, said = {
        "id": (
            f"desa_65.03.xlsx, lembar 'data', baris {row} (desa.csv baris ",
            (
                "kolom 'penduduk_bekerja': Nilai '1.234' harus bilangan bulat (jumlah orang atau dokumen), tetapi "
                "terbaca sebagai 1,234: angka berkas ini yang ditulis sebagai teks dibaca dengan format Inggris "
                "(1,234,567 dan 68.02). Jika maksudnya 1.234, tulis tanpa pemisah ribuan: 1234."
            ),
        ),
        "en": (
            f"desa_65.03.xlsx, sheet 'data', row {row} (desa.csv row ",
            (
                "column 'penduduk_bekerja': Value '1.234' must be a whole number (a count of people or documents), "
                "but it is read as 1.234: this file's numbers written as text are read in the English (1,234,567 and "
                "68.02) format. If you meant 1,234, write it without a thousands separator: 1234."
            ),
        ),
    }[lang]
    lines = [line for line in text.splitlines() if where in line]
    assert len(lines) == 1 and lines[0].startswith("  [") and lines[0].endswith(said), text


def test_a_header_matching_no_table_is_refused_with_its_columns(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (inbox / "catatan.csv").write_text("tanggal,keterangan\n2024-07-01,dikirim\n", encoding="utf-8")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    line = next(line for line in text.splitlines() if line.startswith("  [ERROR] catatan.csv"))
    assert "row 1" in line and "tanggal, keterangan" in line


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_header_below_a_title_row_is_refused_naming_its_row(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A title in A1 above the header (an office spreadsheet, a template with rows inserted at its top, a CSV of
    either) was a header "matching no table" (or a template lacking every column) plus a warning of hundreds of
    cells under no name in row 1; a CSV of the title line alone, a row of more cells than the header names."""
    title = "DATA JAMSOSTEK PEMDA PROVINSI KALIMANTAN UTARA"
    book = load_workbook(inbox / "desa_65.03.xlsx")
    book["data"].insert_rows(1, 2)
    book["data"]["A1"] = title
    book.save(inbox / "desa_65.03.xlsx")
    pemda = small_season_tables()["pemda"]
    with pd.ExcelWriter(inbox / "pemda_kantor.xlsx") as writer:
        pemda.to_excel(writer, sheet_name="data", index=False, startrow=4)
        writer.sheets["data"]["A1"] = title
        writer.sheets["data"]["A2"] = "Sumber: BPJS Ketenagakerjaan"
    (inbox / "pemda_kantor.csv").write_text(f"{title}\n\n" + pemda.to_csv(index=False), encoding="utf-8")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", lang)
    assert code == 1
    where = {"en": ("sheet", "row"), "id": ("lembar", "baris")}[lang]
    said = {
        "en": "Row 1 does not hold the names of the columns: they are in row {row}, below a title or other rows.",
        "id": "Baris 1 tidak berisi nama kolom: nama kolom ada di baris {row}, di bawah judul atau baris lain.",
    }[lang]
    sheet = f", {where[0]} 'data'"
    cases = (("desa_65.03.xlsx", sheet, 3), ("pemda_kantor.xlsx", sheet, 5), ("pemda_kantor.csv", "", 3))
    for name, located, row in cases:
        lines = [line for line in text.splitlines() if line.startswith("  [") and f"] {name}" in line]
        assert lines == [lines[0]] and f"{name}{located}, {where[1]} {row}: {said.format(row=row)}" in lines[0], text
    merged = pd.read_csv(tmp_path / "out" / "2025" / "desa.csv", dtype=str)
    assert "65.03" not in set(merged["kode_wilayah"])  # the others merged


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_table_in_a_sheet_behind_the_first_is_named_with_the_sheet_that_holds_it(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """Only the first worksheet is read. A cover sheet put before the table's sheet (empty, a title, or a summary
    table of its own) was "an empty file" (save it as a CSV), a title with no header below it, or a header matching
    no table: none named the sheet that holds the table."""
    covers = {
        "desa_65.03.xlsx": [],
        "desa_61.04.xlsx": [["LAPORAN DESA 2024"]],
        "pemda_65.xlsx": [["No", "Kabupaten", "Jumlah"], [1, "Bulungan", 12]],
    }
    for name, rows in covers.items():
        book = load_workbook(inbox / name)
        cover = book.create_sheet("Sampul", 0)
        for row in rows:
            cover.append(row)
        book.active = 0
        book.save(inbox / name)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", lang)
    assert code == 1
    said = {
        "en": "sheet 'Sampul', row 1: Only the first sheet of a workbook is read, 'Sampul', and it holds no table; "
        "the table is in the sheet 'data'.",
        "id": "lembar 'Sampul', baris 1: Hanya lembar pertama buku kerja yang dibaca, 'Sampul', dan lembar itu tidak "
        "berisi tabel; tabelnya ada di lembar 'data'.",
    }[lang]
    for name in covers:
        lines = [line for line in text.splitlines() if line.startswith("  [") and f"] {name}" in line]
        assert len(lines) == 1 and f"] {name}, {said}" in lines[0], text
    merged = pd.read_csv(tmp_path / "out" / "2025" / "desa.csv", dtype=str)
    assert set(merged["kode_wilayah"]) == {"61.71"}  # refused, the others merged


def test_a_percent_formatted_cell_a_hundred_times_too_large_is_explained(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """85.5 typed before its cell was formatted as a percent shows as 8550% and is read as 8550: the error said to
    write 68.02 rather than 0.6802, which is no advice for a number above 100 (0.6802 is inside 0–100)."""
    path = next(p for p in inbox.rglob("badan_usaha*.xlsx"))
    book = load_workbook(path)
    sheet = book["data"]
    letter = {c.value: c.column_letter for c in sheet[1]}["upah_sesuai_pct"]
    sheet[f"{letter}2"] = 85.5
    sheet[f"{letter}2"].number_format = "0.0%"
    book.save(path)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    line = next(line for line in text.splitlines() if "'upah_sesuai_pct'" in line)
    assert "Percentage '8550' is outside 0–100" in line and "0.6802" not in line, line
    assert "formatted as a percent (%)" in line and "8550%" in line, line


def test_missing_columns_are_named_and_the_file_is_not_merged(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(inbox / "desa_65.03.xlsx")
    sheet = book["data"]
    sheet.delete_cols(7, 2)  # perangkat_desa, perangkat_terlindungi
    book.save(inbox / "desa_65.03.xlsx")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    line = next(line for line in text.splitlines() if line.startswith("  [GALAT] desa_65.03.xlsx"))
    assert "lembar 'data', baris 1" in line and "perangkat_desa, perangkat_terlindungi" in line
    merged = pd.read_csv(tmp_path / "out" / "2025" / "desa.csv", dtype=str)
    assert "65.03" not in set(merged["kode_wilayah"])


def _set_meta(path: Path, key: str, value: str) -> None:
    book = load_workbook(path)
    for prop in book.custom_doc_props:
        if prop.name == f"paritrana_{key}":
            prop.value = value
    book.save(path)


def test_a_template_for_another_season_is_refused(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_meta(inbox / "badan_usaha_65.xlsx", "musim", "2024")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    line = next(line for line in text.splitlines() if line.startswith("  [GALAT] badan_usaha_65.xlsx"))
    assert line.startswith("  [GALAT] badan_usaha_65.xlsx, lembar 'data', baris 2: "), line  # the first filled row
    assert "musim 2024" in line and "musim 2025" in line
    merged = pd.read_csv(tmp_path / "out" / "2025" / "badan_usaha.csv", dtype=str)
    assert "65.03" not in set(merged["kode_wilayah"])


def test_a_template_for_another_province_is_refused(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_meta(inbox / "badan_usaha_65.xlsx", "provinsi", "62")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    line = next(line for line in text.splitlines() if line.startswith("  [ERROR] badan_usaha_65.xlsx"))
    assert line.startswith("  [ERROR] badan_usaha_65.xlsx, sheet 'data', row 2: "), line  # the first filled row
    assert "province 62" in line and "61, 65" in line


def test_rows_outside_the_templates_region_are_refused(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_cell(inbox / "desa_61.10.xlsx", 2, "kode_desa", "61.71.01.1003")
    _set_cell(inbox / "desa_61.10.xlsx", 2, "kode_wilayah", "61.71")
    for column, value in (
        ("nama", "Desa Salah Kirim"),
        ("tahun", 2024),
        ("penduduk_bekerja", 10),
        ("peserta", 1),
        ("perangkat_desa", 1),
        ("perangkat_terlindungi", 1),
        ("anggota_bpd", 1),
        ("bpd_terlindungi", 1),
        ("pekerja_rentan_dana_desa", 0),
        ("anggaran_iuran_dana_desa_rp", 0),
    ):
        _set_cell(inbox / "desa_61.10.xlsx", 2, column, value)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    line = next(line for line in text.splitlines() if line.startswith("  [GALAT] desa_61.10.xlsx"))
    assert "lembar 'data', baris 2, kolom 'kode_wilayah'" in line and "61.71" in line and "61.10" in line


def test_a_template_row_whose_year_was_changed_is_an_error_and_not_merged(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pemda row's locked `tahun` changed to 2022 was warned "the row is ignored" yet merged, exit 0: its regency
    lacked its year-T row with no error."""
    sheet = load_workbook(inbox / "pemda_61.xlsx")["data"]
    header = [c.value for c in sheet[1]]
    region, year = (sheet.cell(4, header.index(c) + 1).value for c in ("kode_wilayah", "tahun"))
    assert year == 2024
    _set_cell(inbox / "pemda_61.xlsx", 4, "tahun", 2022)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1, text
    line = next(line for line in text.splitlines() if line.startswith("  [ERROR] pemda_61.xlsx"))
    assert line.startswith("  [ERROR] pemda_61.xlsx, sheet 'data', row 4, column 'tahun': Year 2022 is not a year of")
    assert "(2024 or 2023), so the row is not merged" in line
    assert "is ignored" not in text
    merged = pd.read_csv(tmp_path / "out" / "2025" / "pemda.csv", dtype=str)
    assert merged.loc[merged["kode_wilayah"] == region, "tahun"].tolist() == ["2023"]


def test_files_that_are_not_tables(inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "surat.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (inbox / "~$pemda_61.xlsx").write_bytes(b"lock")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    assert "  [GALAT] lama.xls: " in text and ".xlsx" in text
    assert "  [PERINGATAN] surat.pdf: " in text
    assert "~$" not in text


@pytest.mark.parametrize(
    ("lang", "empty_xlsx", "empty_csv"),
    [
        ("en", "The file is empty (0 bytes): it holds no workbook", "The file is empty: it has no header row"),
        ("id", "Berkas kosong (0 bita): tidak berisi buku kerja", "Berkas kosong: tidak ada baris judul"),
    ],
)
def test_an_empty_file_is_said_to_be_empty(
    inbox: Path,
    data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    empty_xlsx: str,
    empty_csv: str,
) -> None:
    """A 0-byte .xlsx was "damaged ... (BadZipFile: File is not a zip file)", an empty .csv a header "matching no
    table; found: -", and two empty files copies of each other (one of them never said to be empty)."""
    (inbox / "kosong.xlsx").write_bytes(b"")
    (inbox / "kosong.csv").write_bytes(b"")
    (inbox / "kosong_lagi.csv").write_bytes(b"\r\n")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", lang)
    assert code == 1
    assert f"] kosong.xlsx: {empty_xlsx}" in text, text
    assert f"] kosong.csv, {'row' if lang == 'en' else 'baris'} 1: {empty_csv}" in text, text
    assert f"] kosong_lagi.csv, {'row' if lang == 'en' else 'baris'} 1: {empty_csv}" in text, text
    assert "BadZipFile" not in text and "found: -" not in text and "ditemukan: -" not in text
    assert (tmp_path / "out" / "2025" / "pemda.csv").is_file()  # the other files merged


def _unreadable(monkeypatch: pytest.MonkeyPatch, *locked: Path) -> None:
    """Opening any of `locked` fails as a file without read permission does (tests run as root, whom chmod 000 does
    not stop)."""
    real_open = Path.open

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self in locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)


@pytest.mark.parametrize(
    ("lang", "said", "summary"),
    [
        ("en", "] desa_61.04.xlsx: The file cannot be read: permission denied", "files read, 1 refused;"),
        ("id", "] desa_61.04.xlsx: Berkas tidak dapat dibaca: tidak ada izin", "berkas dibaca, 1 ditolak;"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_and_the_others_merged(
    inbox: Path,
    data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    said: str,
    summary: str,
) -> None:
    """One file without read permission stopped the whole intake (and status) with "Cannot write <that file>":
    nothing merged, though intake only reads it. Its copy, of the same size, is hashed beside it: no copy either."""
    shutil.copyfile(inbox / "desa_61.04.xlsx", inbox / "desa_61.04 (1).xlsx")
    _unreadable(monkeypatch, inbox / "desa_61.04.xlsx")
    out = tmp_path / "out" / "2025"
    code, text = _run(inbox, out, data, capsys, "--lang", lang)
    assert code == 1 and said in text and summary in text, text
    assert "copy of" not in text and "salinan persis" not in text  # the copy is read as a file of its own
    assert (out / "pemda.csv").is_file() and "desa_61.04 (1).xlsx" in (out / PROVENANCE_FILE).read_text("utf-8")
    status = ["status", "--season", "2025", "--from", str(inbox), "--data-dir", str(data), "--lang", lang]
    assert main([*status, "--out", str(tmp_path / "status.html")]) == 0
    assert "desa_61.04.xlsx" in (tmp_path / "status.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "said", "summary"),
    [
        ("en", "] kalbar/desa: This folder of the inbox cannot be read: permission denied", "1 error"),
        ("id", "] kalbar/desa: Folder kotak masuk ini tidak dapat dibaca: tidak ada izin", "1 galat"),
    ],
)
def test_a_folder_that_cannot_be_listed_is_an_error_and_the_others_merged(
    inbox: Path,
    data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    said: str,
    summary: str,
) -> None:
    """A folder of the inbox without read permission was passed over without a word: its files' tables were said
    only not to have arrived. Its own folder and hidden folders are listed as before."""
    (inbox / "kalbar" / "desa").mkdir(parents=True)
    shutil.move(inbox / "desa_61.04.xlsx", inbox / "kalbar" / "desa" / "desa_61.04.xlsx")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)) == inbox / "kalbar" / "desa":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out" / "2025"
    code, text = _run(inbox, out, data, capsys, "--lang", lang)
    assert code == 1 and said in text and summary in text, text
    assert (out / "pemda.csv").is_file()  # the other files merged
    assert "desa_61.04.xlsx" not in (out / PROVENANCE_FILE).read_text("utf-8")


@pytest.mark.parametrize("command", ["intake", "template"])
def test_an_input_that_cannot_be_read_is_never_said_to_be_unwritable(
    data: Path,
    inbox: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """The season's musim.yaml without read permission was "Cannot write data/2025/musim.yaml" to intake and template,
    which only read it; a --out that cannot be written is still said to be so."""
    season = tmp_path / "data"
    shutil.copytree(data, season)
    (season / "2025" / "musim.yaml").write_text("musim: 2025\n", encoding="utf-8")
    _unreadable(monkeypatch, season / "2025" / "musim.yaml")
    given = {
        "intake": ["--from", str(inbox), "--out", str(tmp_path / "out" / "2025")],
        "template": ["--out", str(tmp_path / "t")],
    }
    code = main([command, "--season", "2025", "--data-dir", str(season), "--lang", "en", *given[command]])
    err = capsys.readouterr().err
    said = {  # template reads the season through load_season: the file is an error of the season's report
        "intake": f"Cannot use {season / '2025' / 'musim.yaml'}: permission denied",
        "template": "musim.yaml: The file cannot be read: permission denied",
    }
    assert code == 1 and said[command] in err, err
    assert "Cannot write" not in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["intake", "status"])
def test_a_musim_yaml_named_otherwise_stops_intake(
    data: Path, inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """The season's musim.yml was not read, nor copied to --out: its tahun_kinerja (the year whose rows are merged)
    and 'ilustratif: true' were silently dropped from the merged season."""
    season = tmp_path / "data"
    shutil.copytree(data, season)
    (season / "2025" / "musim.yaml").unlink(missing_ok=True)
    (season / "2025" / "musim.yml").write_text("ilustratif: true\n", encoding="utf-8")
    out = tmp_path / ("out/2025" if command == "intake" else "status.html")
    given = ["--from", str(inbox), "--out", str(out), "--data-dir", str(season), "--lang", "en"]
    code = main([command, "--season", "2025", *given])
    said = capsys.readouterr()
    text = said.out + said.err
    assert code == 1 and f"{season / '2025' / 'musim.yml'}: There is no musim.yaml, but musim.yml is here" in text
    assert not out.exists() and "Traceback" not in text


def test_names_that_are_no_files_are_errors_never_opened(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to nothing, a pipe or a device under a table's name was left out without a word (its submitter counted
    as not having sent it); opening the pipe would wait forever, the device would never end."""
    (inbox / "pemda_61.xlsx").rename(tmp_path / "moved.xlsx")
    (inbox / "pemda_61.xlsx").symlink_to(tmp_path / "gone.xlsx")
    os.mkfifo(inbox / "desa_61.04.csv")
    (inbox / "badan_usaha_61.csv").symlink_to("/dev/zero")
    (inbox / "catatan.txt").symlink_to(tmp_path / "gone.txt")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    for name in ("pemda_61.xlsx", "desa_61.04.csv", "badan_usaha_61.csv"):
        assert f"  [GALAT] {name}: Nama ini ada, tetapi bukan berkas yang bisa dibaca" in text, name
    assert "  [PERINGATAN] catatan.txt: " in text


def test_an_extra_column_named_like_a_formula_is_neutralised_in_the_merged_header(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Extra columns are kept; their cells got the `'` before a formula, their names in the header did not."""
    book = load_workbook(inbox / "badan_usaha_61.xlsx")
    sheet = book["data"]
    column = sheet.max_column + 1
    sheet.cell(1, column).value = "=cmd|' /C calc'!A0"
    sheet.cell(1, column).data_type = "s"
    sheet.cell(1, column + 1).value = "catatan\rlain"
    book.save(inbox / "badan_usaha_61.xlsx")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code in (0, 1), text
    with (tmp_path / "out" / "2025" / "badan_usaha.csv").open(encoding="utf-8", newline="") as merged:
        header = next(csv.reader(merged))
    assert header[-2] == "'=cmd|' /C calc'!A0" and header[-1].startswith("catatan") and header[-1].endswith("lain")


def test_a_link_to_a_file_outside_the_inbox_is_an_error_never_read(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link in an unpacked archive merged the rows of whatever it pointed to (the season's own table, any file
    on the machine) as if submitted; a link to a file inside the inbox is that file."""
    outside = tmp_path / "di_luar.xlsx"
    (inbox / "badan_usaha_65.xlsx").rename(outside)
    (inbox / "badan_usaha_65.xlsx").symlink_to(outside)
    (inbox / "sandi.csv").symlink_to("/etc/hostname")
    (inbox / "sama.xlsx").symlink_to(inbox / "badan_usaha_61.xlsx")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    for name, target in (("badan_usaha_65.xlsx", outside), ("sandi.csv", Path("/etc/hostname").resolve())):
        assert f"  [GALAT] {name}: Ini tautan ke {target}, di luar kotak masuk" in text, text
    assert "  [PERINGATAN] badan_usaha_61.xlsx: " in text  # the same file as sama.xlsx: read once
    merged = (tmp_path / "out" / "2025" / "asal_baris.csv").read_text(encoding="utf-8")
    assert "badan_usaha_65.xlsx" not in merged and "sandi.csv" not in merged


def test_a_link_to_a_folder_is_never_followed_and_is_named(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of submissions dropped in as a link was passed over without a word: its files were not merged. The
    files of a real sub-folder are merged (`juri/wawancara.csv`). The summary counted each link as a file read."""
    outside = tmp_path / "kiriman_65"
    outside.mkdir()
    (inbox / "badan_usaha_65.xlsx").rename(outside / "badan_usaha_65.xlsx")
    (inbox / "kiriman_65").symlink_to(outside)
    (inbox / "juri_lagi").symlink_to(inbox / "juri")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    said = f"  [ERROR] kiriman_65: This is a link to the folder {outside.resolve()}, outside the inbox"
    assert said in text and "none of its files was read" in text, text
    assert "  [WARNING] juri_lagi: This is a link to the folder juri of the inbox" in text, text
    files = sum(1 for _, _, names in os.walk(inbox) for _ in names)  # os.walk lists a link to a folder as a folder
    assert f"Intake of season 2025: {files} files read, 0 refused;" in text, text  # the links are no files read
    merged = (tmp_path / "out" / "2025" / "asal_baris.csv").read_text(encoding="utf-8")
    assert "badan_usaha_65.xlsx" not in merged and "juri/wawancara.csv" in merged and "juri_lagi" not in merged


def test_a_link_to_a_hidden_folder_of_the_inbox_says_none_of_its_files_is_read(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a hidden folder of the inbox was told its files are read there, but hidden folders are skipped: none
    of them was merged."""
    (inbox / ".kiriman").mkdir()
    (inbox / "badan_usaha_65.xlsx").rename(inbox / ".kiriman" / "badan_usaha_65.xlsx")
    (inbox / "kiriman").symlink_to(inbox / ".kiriman")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 0, text
    said = "  [WARNING] kiriman: This is a link to the folder .kiriman of the inbox, which intake skips as hidden"
    assert said in text and "none of its files is read" in text and "read once" not in text, text
    merged = (tmp_path / "out" / "2025" / "asal_baris.csv").read_text(encoding="utf-8")
    assert "badan_usaha_65.xlsx" not in merged


def test_file_names_with_control_characters_are_shown_escaped(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A submitter chooses the names: an escape sequence, a line break or a text-direction mark in one reached the
    terminal, the log and the tracker raw (`rtl\u202eslx.csv` shows as `rtlxsl.csv`)."""
    for number, name in enumerate(("merah\x1b[31m.csv", "baris\nbaru.csv", "rtl\u202eslx.csv")):
        (inbox / name).write_text(f"kolom,{number}\n1,2\n", encoding="utf-8")  # no copies of one another
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    status = tmp_path / "status.html"
    assert code == 1
    tracked = ["status", "--season", "2025", "--from", str(inbox), "--data-dir", str(data), "--out", str(status)]
    assert main(tracked) == 0
    page = status.read_text(encoding="utf-8") + (tmp_path / "status.csv").read_text(encoding="utf-8")
    for shown in (text, page):
        assert "\x1b" not in shown and "\u202e" not in shown and "baris\nbaru" not in shown
    for name in ("merah\\x1b[31m.csv", "baris\\x0abaru.csv", "rtl\\u202eslx.csv"):
        assert f"== {name}\n  [GALAT] {name}, baris 1: " in text, name
        assert name in page, name


def test_the_provenance_names_a_file_with_control_characters_escaped_and_reversibly(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """asal_baris.csv kept a submitter's file name raw: an escape sequence in it reached a terminal that shows the
    CSV, a line break split the name. Each control or invisible character is written as a message quotes it
    (`\\x1b`, `\\u202e`) and each backslash doubled (problems.escaped_text), so the name reads back exactly; the
    other names are written as they are."""
    sent = next(inbox.rglob("desa_61.04.xlsx"))
    sent.rename(sent.with_name("desa_61.04 \x1b[31m\\x1b\u202e\n.xlsx"))
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 0, text
    written = (tmp_path / "out" / "2025" / PROVENANCE_FILE).read_text(encoding="utf-8")
    assert "\x1b" not in written and "\u202e" not in written
    provenance = pd.read_csv(tmp_path / "out" / "2025" / PROVENANCE_FILE, dtype=str, keep_default_na=False)
    shown = sent.relative_to(inbox).with_name("desa_61.04 \\x1b[31m\\\\x1b\\u202e\\x0a.xlsx").as_posix()
    files = {p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file()}
    assert set(provenance["berkas"]) - files == {shown}


def _read_back_name(written: str) -> str:
    """A name of asal_baris.csv read as docs/intake.md says, and only so: a `'` before apostrophes and `=`, `+`, `-`,
    `@` (not a number) taken off, then `\\\\` is a backslash, `\\xNN` and `\\uNNNN` the character of that code (in
    hexadecimal)."""
    rest, number = written.lstrip("'"), r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
    if written.startswith("'") and rest.startswith(("=", "+", "-", "@")) and not re.fullmatch(number, rest):
        written = written[1:]
    escape = re.compile(r"\\(\\|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")
    return escape.sub(lambda found: "\\" if found[1] == "\\" else chr(int(found[1][1:], 16)), written)


@pytest.mark.parametrize(
    "name",
    [
        b"desa_61.04 \xff\xfe \\x41 \\\\ \x7f\xc2\x85.xlsx",  # bytes not UTF-8, `\x41` typed, `\\`, DEL, NEL
        b"=1+1 desa.xlsx",  # what a spreadsheet would run: written with a `'` before it
        b"''-desa \\u0041.xlsx",  # apostrophes before it: one `'` more
        b"\t=desa.xlsx",  # a tab first: written `\x09`, no formula
    ],
)
def test_the_provenance_names_every_file_so_that_it_reads_back_as_docs_intake_md_says(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: bytes
) -> None:
    """A file name on Linux is bytes; one that is not UTF-8 (saved on a system of another code page) ended intake
    with a UnicodeEncodeError writing asal_baris.csv (a traceback, nothing written): its bytes are written as
    `\\udcNN`. A name that begins as a formula gets the `'` of every CSV the workbook writes, which docs/intake.md
    did not say: read back as it says, each name is the file's name again."""
    sent = next(inbox.rglob("desa_61.04.xlsx"))
    sent.rename(sent.with_name(os.fsdecode(name)))  # the bytes of `name` on disk
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 0, text
    with (tmp_path / "out" / "2025" / PROVENANCE_FILE).open(encoding="utf-8", newline="") as written:
        files = {_read_back_name(row["berkas"]) for row in csv.DictReader(written)}
    on_disk = {p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file()}
    assert files <= on_disk and os.fsdecode(name) in files


def test_a_copy_of_a_file_is_read_once_with_one_warning(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pemda_61 (1).xlsx`, the same file downloaded twice, is one warning naming both, not a warning on every row."""
    code, _ = _run(inbox, tmp_path / "alone" / "2025", data, capsys)
    shutil.copyfile(inbox / "pemda_61.xlsx", inbox / "pemda_61 (1).xlsx")
    code_with_copy, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code_with_copy == code
    copy = [line for line in text.splitlines() if "pemda_61 (1).xlsx" in line]
    assert copy == [
        "== pemda_61 (1).xlsx",
        (
            "  [PERINGATAN] pemda_61 (1).xlsx: Berkas ini salinan persis dari pemda_61.xlsx (unduhan kedua atau "
            "salinan cadangan): dibaca sekali saja, sebagai pemda_61.xlsx. Hapus salinannya dari folder kiriman."
        ),
    ], copy
    for table in ("pemda.csv", "desa.csv", "asal_baris.csv"):
        assert (tmp_path / "out" / "2025" / table).read_bytes() == (tmp_path / "alone" / "2025" / table).read_bytes()


def test_the_summary_counts_only_the_files_read(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a file outside the inbox, a pipe and a copy of another file are never opened, each named above the
    summary, but the summary counted them as files read (and the link and the pipe as read and refused)."""
    files = sum(1 for _, _, names in os.walk(inbox) for _ in names)
    shutil.copyfile(inbox / "badan_usaha_65.xlsx", tmp_path / "di_luar.xlsx")
    (inbox / "tautan.xlsx").symlink_to(tmp_path / "di_luar.xlsx")
    os.mkfifo(inbox / "pipa.csv")
    os.mkfifo(inbox / "pipa.txt")
    shutil.copyfile(inbox / "pemda_61.xlsx", inbox / "pemda_61 (1).xlsx")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    for said in (
        f"  [ERROR] tautan.xlsx: This is a link to {(tmp_path / 'di_luar.xlsx').resolve()}, outside the inbox",
        "  [ERROR] pipa.csv: This name is there, but not as a readable file",
        "  [WARNING] pipa.txt: This file is not a table (.xlsx or .csv) and is ignored.",
        "  [WARNING] pemda_61 (1).xlsx: This file is a copy of pemda_61.xlsx, byte for byte",
    ):
        assert said in text, said
    assert f"Intake of season 2025: {files} files read, 0 refused;" in text, text


def test_a_note_in_the_inbox_is_said_once_to_be_skipped_and_is_no_file_read(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`catatan.txt`, a note dropped into the inbox, is never opened, but the summary counted it as a file read."""
    files = sum(1 for _, _, names in os.walk(inbox) for _ in names)
    (inbox / "catatan.txt").write_text("desa 61.04 menyusul minggu depan\n", encoding="utf-8")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 0, text
    said = [line for line in text.splitlines() if "catatan.txt" in line]
    ignored = "  [WARNING] catatan.txt: This file is not a table (.xlsx or .csv) and is ignored."
    assert said == ["== catatan.txt", ignored], text
    assert f"Intake of season 2025: {files} files read, 0 refused;" in text, text


def test_hadir_must_be_zero_or_one_and_validate_refuses_it_again_in_its_row(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `hadir` other than 0 or 1 was merged blank, and `paritrana validate`, which read no `hadir`, passed it: it is
    merged as sent, and validate refuses it in the same row and column with the same message."""
    csv = inbox / "juri" / "wawancara.csv"
    frame = pd.read_csv(csv, dtype=str)
    frame["hadir"] = "1"
    frame.loc[0, "hadir"] = "ya"
    frame.loc[1, "hadir"] = "2"
    frame.to_csv(csv, index=False)
    out = tmp_path / "out" / "2025"
    code, text = _run(inbox, out, data, capsys)
    assert code == 1
    assert "juri/wawancara.csv, baris 2 (wawancara.csv baris" in text and "kolom 'hadir'" in text
    merged = pd.read_csv(out / "wawancara.csv", dtype=str, keep_default_na=False)
    assert sorted(merged["hadir"])[-2:] == ["2", "ya"] and set(merged["hadir"]) == {"1", "2", "ya"}
    result = run_intake(2025, inbox, out, data)
    refused = {(p.merged_row, p.problem.code, p.problem.value) for p in result.errors if p.problem.column == "hadir"}
    assert {code for _, code, _ in refused} == {"E_NOT_NUMBER", "E_NOT_BINARY"}
    loaded = load_season(2025, out.parent)
    again = {(p.row, p.code, p.value) for p in loaded.report.errors if p.file == "wawancara.csv"}
    assert again == refused
    for lang in ("id", "en"):  # the same message, in both languages
        said = {p.problem.text(lang) for p in result.errors if p.problem.column == "hadir"}
        assert {p.text(lang) for p in loaded.report.errors if p.file == "wawancara.csv"} == said


def test_indonesian_csv_is_merged_as_plain_numbers(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (inbox / "badan_usaha_65.xlsx").unlink()
    row = "1012345604;Warung Ibu Sari;65.03;mikro;perdagangan;2024;3;2;1;1;0;0;0;1;80,5;1.000,0;;0\n"
    header = ";".join(small_season_tables()["badan_usaha"].columns) + "\n"
    (inbox / "bu_kaltara.csv").write_text(header + row, encoding="utf-8-sig")
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1  # the 1000 % below is an error
    assert "bu_kaltara.csv, baris 2 (badan_usaha.csv baris 5), kolom 'nik_valid_pct'" in text  # 1.000,0 = 1000 %
    merged = pd.read_csv(tmp_path / "out" / "2025" / "badan_usaha.csv", dtype=str, keep_default_na=False)
    warung = merged[merged["npp"] == "1012345604"].iloc[0]
    assert (warung["upah_sesuai_pct"], warung["nik_valid_pct"]) == ("80.5", "1000")  # refused, as read


def _errors(inbox: Path, out: Path, data: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    """Run intake expecting a failure told on standard error only; (exit code, standard error)."""
    code = main(
        ["intake", "--season", "2025", "--from", str(inbox), "--out", str(out), "--data-dir", str(data), *extra]
    )
    printed = capsys.readouterr()
    assert printed.out == "" and "Traceback" not in printed.err
    return code, printed.err


def test_out_inside_the_inbox_is_refused(inbox: Path, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(inbox)
    code, text = _errors(inbox, inbox / "hasil", data, capsys)
    assert code == 1 and "--out" in text
    assert _digest(inbox) == before


def test_a_missing_inbox_is_reported(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _errors(tmp_path / "tidak_ada", tmp_path / "out" / "2025", data, capsys)
    assert code == 1 and "tidak_ada" in text
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["file", "dangling link", "missing"])
def test_an_inbox_that_is_not_a_folder_is_told_as_what_it_is(
    kind: str, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / "kiriman.zip"
    if kind == "file":  # an archive not unpacked: it was "folder not found"
        given.write_bytes(b"PK\x03\x04")
    elif kind == "dangling link":
        given.symlink_to(tmp_path / "hilang")
    said = {
        "file": f"{given} is a file, not a folder. Point --from at the folder holding the submitters' files",
        "dangling link": f"{given} is a link to {tmp_path / 'hilang'}, which does not exist. Point --from at",
        "missing": f"Inbox folder not found: {given}. Pass --from with the folder",
    }[kind]
    code, text = _errors(given, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1 and said in text, text
    assert ("not found" in text) == (kind == "missing")
    assert not (tmp_path / "out").exists()
    status = main(["status", "--from", str(given), "--out", str(tmp_path / "status.html"), "--data-dir", str(data)])
    printed = capsys.readouterr()
    assert status == 1 and printed.out == "" and "Traceback" not in printed.err
    indonesian = {"file": "adalah berkas, bukan folder", "dangling link": "adalah tautan ke", "missing": "ditemukan"}
    assert indonesian[kind] in printed.err, printed.err  # status, in Bahasa Indonesia: the same refusals
    assert not (tmp_path / "status.html").exists()


def test_a_broken_methodology_is_an_error_on_standard_error(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "metodologi.yaml"
    broken.write_text("kategori: [\n", encoding="utf-8")
    code = main(
        [
            "intake",
            "--season",
            "2025",
            "--from",
            str(inbox),
            "--out",
            str(tmp_path / "out" / "2025"),
            "--data-dir",
            str(data),
            "--methodology",
            str(broken),
        ]
    )
    printed = capsys.readouterr()
    assert code == 1 and "metodologi.yaml" in printed.err and "metodologi.yaml" not in printed.out
    assert "Traceback" not in printed.err


def test_an_out_that_is_another_seasons_folder_is_refused(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = _errors(inbox, tmp_path / "data" / "2024", data, capsys, "--lang", "en")
    assert code == 1 and "is named as season 2024, while season 2025 is being merged" in text
    assert f"e.g. {tmp_path / 'data' / '2025'}" in text
    assert not (tmp_path / "data").exists()
    last = tmp_path / "gabungan"  # last season's merge, in a folder named otherwise
    last.mkdir()
    (last / "musim.yaml").write_text("musim: 2024\n", encoding="utf-8")
    (last / "pemda.csv").write_text("kept\n", encoding="utf-8")
    before = _digest(last)
    code, text = _errors(inbox, last, data, capsys, "--lang", "en")
    assert code == 1 and "musim.yaml is season 2024's, while season 2025 is being merged" in text
    assert _digest(last) == before


def test_an_out_not_named_as_the_season_is_refused_offering_the_season_folder_in_it(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out build/dd`, the season folder left out, merged into build/dd, where `validate --data-dir build` found no
    build/2025: refused, nothing written, offering the --out and the --data-dir that work together."""
    out = tmp_path / "build" / "dd"
    code, text = _errors(inbox, out, data, capsys, "--lang", "en")
    assert code == 1
    assert f"[ERROR] {out}: Output folder {out} is not named 2025: " in text, text
    assert f"--out {out / '2025'}, and check it with paritrana validate --season 2025 --data-dir {out}." in text
    assert not (tmp_path / "build").exists()
    out.mkdir(parents=True)  # a folder of other files, or an earlier merge into it: left as it was
    (out / "pemda.csv").write_text("kept\n", encoding="utf-8")
    before = _digest(out)
    code, text = _errors(inbox, out, data, capsys)
    assert code == 1 and f"Folder keluaran {out} tidak bernama 2025: " in text, text
    assert _digest(out) == before
    code, text = _run(inbox, out / "2025", data, capsys)  # as offered
    assert code == 0, text
    assert load_season(2025, out).season is not None


def test_an_out_named_as_the_season_by_a_link_to_a_folder_elsewhere_is_merged_into(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A season folder that is a link (`build/2025` to a folder on another disk) is where `--data-dir build` finds the
    season: not refused for the name of the folder it leads to."""
    elsewhere = tmp_path / "disk" / "gabungan"
    elsewhere.mkdir(parents=True)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "2025").symlink_to(elsewhere)
    code, text = _run(inbox, tmp_path / "build" / "2025", data, capsys)
    assert code == 0, text
    assert (elsewhere / "pemda.csv").is_file() and load_season(2025, tmp_path / "build").season is not None


def test_no_region_list_anywhere_is_reported(inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _errors(inbox, tmp_path / "out" / "2025", tmp_path / "kosong", capsys)
    assert code == 1 and "wilayah.csv" in text
    assert not (tmp_path / "out" / "2025" / "pemda.csv").exists()


def test_a_region_list_in_the_inbox_is_merged_too(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small_season_tables()["wilayah"].to_csv(inbox / "wilayah.csv", index=False)
    code, text = _run(inbox, tmp_path / "out" / "2025", tmp_path / "kosong", capsys)
    assert code == 0, text
    assert (tmp_path / "out" / "2025" / "wilayah.csv").is_file()


def test_run_intake_without_out_writes_nothing(inbox: Path, data: Path) -> None:
    before = _digest(data)
    result = run_intake(2025, inbox, None, data)
    assert result.ok and result.written is None
    assert len(result.tables["desa"]) == 4
    assert _digest(data) == before


def test_the_bundled_example_inbox(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    inbox = root / "data" / "2025" / "inbox"
    before = _digest(inbox)
    result = run_intake(2025, inbox, tmp_path / "2025", root / "data")
    assert [(p.problem.file, p.sheet, p.problem.row, p.problem.column, p.merged_file) for p in result.errors] == [
        ("61-kalbar/desa/desa_61.05.xlsx", "data", 3, "perangkat_terlindungi", "desa.csv")
    ]
    assert {s.name for s in result.submissions} == {
        "61-kalbar/pemda_61.xlsx",
        "61-kalbar/badan_usaha_61.xlsx",
        "61-kalbar/juri/wawancara_pemda_J1.xlsx",
        *(f"61-kalbar/desa/desa_{code}.xlsx" for code in ("61.01", "61.05", "61.71")),
    }
    pemda = pd.read_csv(tmp_path / "2025" / "pemda.csv", dtype=str)
    assert "61.11" not in set(pemda["kode_wilayah"]) and len(pemda) == 28  # Kayong Utara has not sent its rows
    assert _digest(inbox) == before


#: The scores juror J1 gave Kalbar's regencies in the bundled inbox (id -> inovasi, sinergi, presentasi); Kabupaten
#: Mempawah (61.02), on his sheet too, he left blank.
_J1_SCORES = {"61.04": (83, 78, 77), "61.09": (83, 75, 76), "61.08": (71, 68, 73), "61.05": (72, 71, 69)}


def test_the_bundled_juror_sheet_is_as_the_jury_command_writes_it_but_for_its_scores(tmp_path: Path) -> None:
    """The bundled juror sheet was written before the sheets named their finalists in their document properties
    (and had no `nama_aspek` column): intake could not check that its rows stay with its finalists. It is what
    `paritrana template --jury` writes today for its province, category and juror, its scores filled in."""
    root = Path(__file__).resolve().parents[2]
    [sheet] = sorted((root / "data" / "2025" / "inbox").rglob("wawancara_*.xlsx"))
    meta = template_meta(sheet)
    out = tmp_path / "juri"
    command = ["template", "--season", "2025", "--jury", "--province", meta["provinsi"], "--jurors", meta["juri"]]
    paths = ["--data-dir", str(root / "data"), "--params-dir", str(root / "params"), "--lang", meta["bahasa"]]
    assert main([*command, *paths, "--out", str(out)]) == 0
    written = out / sheet.name
    assert meta == template_meta(written)
    assert [meta[f"peserta_{i}"] for i in range(1, 6)] == ["61.04", "61.02", "61.09", "61.08", "61.05"]
    returned, fresh = (pd.read_excel(path, "data", dtype=str, engine="openpyxl") for path in (sheet, written))
    assert list(returned.columns) == list(fresh.columns)
    prefilled = [c for c in fresh.columns if c not in ("nilai", "hadir")]
    assert returned[prefilled].equals(fresh[prefilled])
    assert fresh["nilai"].isna().all() and returned["hadir"].isna().all()
    scores = returned.dropna(subset=["nilai"]).groupby("id_peserta", sort=False)["nilai"]
    assert {key: tuple(int(v) for v in values) for key, values in scores} == _J1_SCORES


@pytest.mark.slow
def test_the_readme_intake_loop_on_the_bundled_inbox(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """README "The intake loop": the bundled inbox has one error; once it is corrected, intake, validate and
    score run clean on the merged season. The README says how to correct it on a copy, as done here."""
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    for command in (
        "paritrana status   --season 2025 --from data/2025/inbox --out build/status.html",
        "paritrana intake   --season 2025 --from data/2025/inbox --out build/data/2025",
        "paritrana validate --season 2025 --data-dir build/data",
        "paritrana score    --season 2025 --data-dir build/data --out build/skor.csv",
    ):
        assert command in readme
    flat = " ".join(readme.split())
    assert (
        "`mkdir -p build && cp -r data/2025/inbox build/inbox`, open `build/inbox/61-kalbar/desa/desa_61.05.xlsx`"
        in flat
    )
    assert "set `perangkat_terlindungi` in row 3 to at most 13" in flat and "with `--from build/inbox`" in flat
    inbox = tmp_path / "inbox"
    shutil.copytree(root / "data" / "2025" / "inbox", inbox)
    out, data = tmp_path / "build" / "data", str(root / "data")
    intake = ["intake", "--season", "2025", "--from", str(inbox), "--out", str(out / "2025"), "--data-dir", data]
    assert main(intake) == 1
    shown = capsys.readouterr().out
    where = "61-kalbar/desa/desa_61.05.xlsx, lembar 'data', baris 3 (desa.csv baris 4)"
    assert where in shown and where in readme  # the README quotes the error as the command prints it
    assert main(["validate", "--season", "2025", "--data-dir", str(out)]) == 1
    _set_cell(inbox / "61-kalbar" / "desa" / "desa_61.05.xlsx", 3, "perangkat_terlindungi", 13)  # the correction
    assert main(intake) == 0
    assert main(["validate", "--season", "2025", "--data-dir", str(out)]) == 0
    skor = tmp_path / "build" / "skor.csv"
    assert main(["score", "--season", "2025", "--data-dir", str(out), "--out", str(skor)]) == 0
    assert len(pd.read_csv(skor)) > 0


def test_a_csv_of_another_season_is_refused(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = small_season_tables()["desa"].iloc[:2].assign(tahun=2022)
    old.to_csv(inbox / "desa_2022.csv", index=False)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    assert "  [GALAT] desa_2022.csv, kolom 'tahun': Tidak ada baris tahun 2024 atau 2023" in text
    merged = pd.read_csv(tmp_path / "out" / "2025" / "desa.csv", dtype=str)
    assert set(merged["tahun"]) == {"2024"}


def test_a_template_returned_empty_is_not_submitted(
    inbox: Path, data: Path, filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(data, data_dir)
    templates = tmp_path / "templates"
    assert (
        main(["template", "--season", "2025", "--data-dir", str(data_dir), "--province", "65", "--out", str(templates)])
        == 0
    )
    shutil.copy(templates / "desa_65.03.xlsx", inbox / "desa_65.03.xlsx")  # sent back as it came
    code, text = _run(inbox, tmp_path / "out" / "2025", data_dir, capsys)
    assert code == 0
    assert "  [PERINGATAN] desa_65.03.xlsx, lembar 'data': Templat dikirim kembali tanpa isian" in text
    merged = pd.read_csv(tmp_path / "out" / "2025" / "desa.csv", dtype=str)
    assert "65.03" not in set(merged["kode_wilayah"])


def test_an_xlsx_table_in_the_output_folder_is_not_shadowed(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "2025"
    out.mkdir(parents=True)
    (out / "desa.xlsx").write_bytes(b"old")
    code, text = _errors(inbox, out, data, capsys)
    assert code == 1 and "desa.xlsx" in text
    assert sorted(p.name for p in out.iterdir()) == ["desa.xlsx"]


def test_a_table_nobody_sent_is_one_clear_error(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in inbox.glob("desa_*.xlsx"):
        path.unlink()
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    assert [line for line in text.splitlines() if line.startswith("  [ERROR]")] == [
        (
            "  [ERROR] desa.csv: No desa rows have arrived: no such file in the inbox, or all of them empty or "
            "refused. The season can be scored once they are in."
        )
    ]


@pytest.mark.parametrize("kind", ["empty", "every file refused"])
def test_an_inbox_that_merges_nothing_leaves_the_season_as_it_was(
    kind: str, inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "2025"
    assert _run(inbox, out, data, capsys)[0] == 0
    before = _digest(out)
    nothing = tmp_path / "kosong"
    nothing.mkdir()
    if kind == "every file refused":
        (nothing / "catatan.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        small_season_tables()["desa"].assign(tahun=2019).to_csv(nothing / "desa_lama.csv", index=False)
    code, text = _errors(nothing, out, data, capsys, "--lang", "en")
    assert code == 1, text
    assert "No row of the inbox could be merged" in text and f"{out} is left as it was" in text
    assert text.rstrip().endswith("Nothing was written: fix the problem above and run again.")
    assert ("desa_lama.csv" in text) == (kind == "every file refused")  # why each file gave nothing
    assert _digest(out) == before  # it emptied every table the inbox had no row of
    assert (
        main(
            [
                "intake",
                "--season",
                "2025",
                "--from",
                str(nothing),
                "--out",
                str(tmp_path / "baru" / "2025"),
                "--data-dir",
                str(data),
            ]
        )
        == 1
    )
    assert "Tidak ada yang ditulis" in capsys.readouterr().err
    assert not (tmp_path / "baru").exists()


def test_a_table_no_row_arrived_for_keeps_the_output_folders_file(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "2025"
    code, text = _run(inbox, out, data, capsys, "--lang", "en")
    assert code == 0 and "Replaced in it" not in text  # a new folder: nothing replaced
    before = _digest(out)
    old_provenance = pd.read_csv(out / PROVENANCE_FILE, dtype=str)
    jury_only = tmp_path / "juri"
    shutil.copytree(inbox / "juri", jury_only)
    interviews = small_season_tables()["wawancara"]
    interviews.iloc[:-1].to_csv(jury_only / "wawancara.csv", index=False)  # one score withdrawn
    code, text = _run(jury_only, out, data, capsys, "--lang", "en")
    assert code == 0, text
    assert "No row arrived for pemda.csv, desa.csv, badan_usaha.csv: the files already there are kept" in text
    # the one table replaced, with its rows before and after (a season folder's tables shrank without a word)
    count = len(interviews)
    assert f"Replaced in it, with the rows each had and has now: wawancara.csv {count:,} → {count - 1:,}." in text
    after = _digest(out)
    assert {name for name in before if after[name] != before[name]} == {"wawancara.csv", PROVENANCE_FILE}
    assert len(pd.read_csv(out / "wawancara.csv")) == len(interviews) - 1
    provenance = pd.read_csv(out / PROVENANCE_FILE, dtype=str)
    kept = old_provenance[old_provenance["tabel"] != "wawancara"].reset_index(drop=True)
    pd.testing.assert_frame_equal(provenance[provenance["tabel"] != "wawancara"].reset_index(drop=True), kept)
    assert (provenance["tabel"] == "wawancara").sum() == len(interviews) - 1
    assert load_season(2025, tmp_path / "out").season is not None


def _bad_villages(path: Path, start: int, count: int) -> None:
    """`count` villages of Ketapang (from the `start`-th of the official list) whose `peserta` is not a number."""
    base = small_season_tables()["desa"].iloc[0]
    villages = kemendagri.bundled().villages_of("61.04")
    villages = villages[~villages["kode_desa"].isin(small_season_tables()["desa"]["kode_desa"])].iloc[
        start : start + count
    ]
    rows = [base.copy() for _ in range(count)]
    for row, (code, name) in zip(rows, zip(villages["kode_desa"], villages["nama"], strict=True), strict=True):
        row["kode_desa"], row["nama"] = code, f"Desa {name}"
        row["peserta"] = "banyak"
    pd.DataFrame(rows).to_csv(path, index=False)


def test_each_file_keeps_its_own_problems_when_many_files_share_a_kind(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from paritrana_nb.problems import KEEP_PER_KIND

    count = KEEP_PER_KIND * 3 // 4  # two such files pass the per-kind limit together, not alone
    _bad_villages(inbox / "desa_a.csv", 2, count)
    _bad_villages(inbox / "desa_b.csv", 2 + count, count)
    result = run_intake(2025, inbox, None, data)
    for name in ("desa_a.csv", "desa_b.csv"):
        mine = [p for p in result.errors if p.problem.file == name and p.problem.code == "E_NOT_NUMBER"]
        assert [p.problem.row for p in mine] == list(range(2, count + 2))
    assert result.count("error") == len(result.errors)


def test_problems_beyond_the_limit_are_counted(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from paritrana_nb.problems import KEEP_PER_KIND

    _bad_villages(inbox / "desa_banyak.csv", 2, KEEP_PER_KIND + 30)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--max-per-kind", "5")
    assert code == 1
    assert f"... dan {KEEP_PER_KIND + 25} masalah serupa lainnya (nilai yang bukan angka)." in text
    assert "E_NOT_NUMBER" not in text  # the kind in words, never its code
    assert f"; {KEEP_PER_KIND + 30} galat," in text


def _record_processes(monkeypatch: pytest.MonkeyPatch, module: object, name: str, log: Path) -> None:
    """Make `module.name` note the id of each process that calls it in `log`."""
    original = getattr(module, name)

    def recorded(*args: object, **kwargs: object) -> object:
        with log.open("a") as notes:
            notes.write(f"{os.getpid()}\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="reads in turn without fork")
def test_an_inbox_read_by_two_processes_gives_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paritrana_nb.intake import inbox as reading

    root = Path(__file__).resolve().parents[2]
    inbox = tmp_path / "inbox"
    shutil.copytree(root / "data" / "2025" / "inbox", inbox)
    _bad_villages(inbox / "desa_banyak.csv", 2, 5)  # problems in a second share too
    alone = reading.read_inbox(inbox, 2025, 2024, jobs=1)
    _record_processes(monkeypatch, reading, "_read", tmp_path / "readers.txt")
    forks = forks_here()
    shared = reading.read_inbox(inbox, 2025, 2024, jobs=2)
    assert len(set((tmp_path / "readers.txt").read_text().split())) == (2 if forks else 1)
    assert [s.name for s in shared] == [s.name for s in alone] == sorted(s.name for s in alone)
    for one, two in zip(alone, shared, strict=True):
        assert (two.sheet, two.meta, two.problems, two.omitted) == (one.sheet, one.meta, one.problems, one.omitted)
        assert two.table is one.table and (one.table is None or any(one.table is t for t in TABLES))
        assert (one.frame is None) == (two.frame is None)
        if one.frame is not None and two.frame is not None:
            pd.testing.assert_frame_equal(two.frame, one.frame)
        _assert_same_bad_cells(one, two)
    assert any(s.problems for s in alone) and any(s.bad_cells for s in alone)


def test_merged_csv_quotes_as_the_csv_module_does(tmp_path: Path) -> None:
    import csv
    import io

    from paritrana_nb.intake.merge import csv_bytes
    from paritrana_nb.schema import WILAYAH

    names = ["Kota, Baru", 'Desa "Lama"', "Dua\nbaris", "Polos", None, "Polos", "Satu\rdua", "Kota, Baru"]
    for dtype in (object, "str"):  # text read from a sheet is of the str type
        frame = pd.DataFrame(
            {
                "kode_wilayah": ["11", *[f"11.0{i}" for i in range(1, 8)]],
                "nama": pd.Series(names, dtype=dtype),
                "tingkat": ["provinsi", *["kabupaten"] * 7],
            }
        )
        expected = []
        for row in [list(frame.columns), *frame.fillna("").itertuples(index=False)]:
            line = io.StringIO()  # "\r\n" as its line end: csv.writer then quotes a lone carriage return too
            csv.writer(line, lineterminator="\r\n").writerow(row)
            expected.append(line.getvalue().removesuffix("\r\n") + "\n")
        got = csv_bytes(frame, WILAYAH).decode("utf-8")
        assert got == "".join(expected)
    read_back = pd.read_csv(io.StringIO(got), dtype=str, keep_default_na=False)["nama"].tolist()
    assert read_back == [n or "" for n in names]  # the lone carriage return quoted: the row stays whole


def test_the_tables_written_by_a_forked_process_are_the_same_files(
    inbox: Path, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paritrana_nb.intake import merge

    one = run_intake(2025, inbox, tmp_path / "one" / "2025", data)
    assert not merge._worth_writing_beside(one.tables)
    monkeypatch.setattr(merge, "WRITE_BESIDE_ROWS", 1)  # the small season's tables go to a forked process
    _record_processes(monkeypatch, merge, "_write_table", tmp_path / "writers.txt")
    forks = forks_here()
    two = run_intake(2025, inbox, tmp_path / "two" / "2025", data)
    assert _digest(tmp_path / "two") == _digest(tmp_path / "one")
    assert one.written == tmp_path / "one" / "2025" and two.written == tmp_path / "two" / "2025"
    writers = (tmp_path / "writers.txt").read_text().split()
    assert len(writers) == len(TABLES) - 1  # wilayah is the season's own, not written
    assert (str(os.getpid()) not in writers and len(set(writers)) == 1) if forks else set(writers) == {str(os.getpid())}


@pytest.mark.parametrize("beside", [1, 10**9])
def test_a_table_that_cannot_be_written_is_reported_either_way(
    inbox: Path,
    data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    beside: int,
) -> None:
    from paritrana_nb.intake import merge

    monkeypatch.setattr(merge, "WRITE_BESIDE_ROWS", beside)
    out = tmp_path / "out" / "2025"
    (out / "desa.csv").mkdir(parents=True)  # a folder where the table's file goes
    code = main(["intake", "--season", "2025", "--from", str(inbox), "--out", str(out), "--data-dir", str(data)])
    assert code != 0 and "desa.csv" in capsys.readouterr().err


def test_workbooks_with_one_header_checked_together_give_what_each_checked_alone_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Village workbooks sharing a header are checked as one table: blank rows, number style (a file of both
    styles, one in the Indonesian style, one whose number reads two ways), another season, nothing filled, bad
    cells beyond the kept number of one kind; each file still gets exactly its own rows and problems."""
    from paritrana_nb.intake import inbox as reading

    root = Path(__file__).resolve().parents[2]
    inbox = tmp_path / "inbox"
    shutil.copytree(root / "data" / "2025" / "inbox", inbox)
    desa = sorted((inbox / "61-kalbar" / "desa").glob("*.xlsx"))
    edits = {
        "mixed.xlsx": lambda s: (s.cell(2, 12, "1.234.567,5"), s.cell(3, 12, "1,234,567.5")),
        "ambiguous.xlsx": lambda s: s.cell(3, 12, "1.234"),
        "indonesian.xlsx": lambda s: (s.cell(2, 12, "1.234.567,5"), s.cell(3, 12, "7,25")),
        "blank.xlsx": lambda s: s.delete_rows(2, s.max_row),
        "bad.xlsx": lambda s: [s.cell(r, 6, "x") for r in range(2, s.max_row + 1)],
    }
    for name, edit in edits.items():
        book = load_workbook(desa[0])
        edit(book["data"])
        book.save(inbox / name)
    book = load_workbook(desa[1])
    book.custom_doc_props["paritrana_musim"].value = "2019"
    book.save(inbox / "season.xlsx")
    together = reading.read_inbox(inbox, 2025, 2024, jobs=1)
    monkeypatch.setattr(reading, "_batchable", lambda _plain: False)
    alone = reading.read_inbox(inbox, 2025, 2024, jobs=1)
    assert [s.name for s in together] == [s.name for s in alone]
    codes = {s.name: {p.code for p in s.problems} for s in together}
    assert "E_MIXED_NUMBER_FORMAT" in codes["mixed.xlsx"] and "W_AMBIGUOUS_NUMBER" in codes["ambiguous.xlsx"]
    assert (
        together[[s.name for s in together].index("indonesian.xlsx")].frame["anggaran_iuran_dana_desa_rp"].iloc[0]
        == 1234567.5
    )
    assert codes["blank.xlsx"] == {"W_INTAKE_NOTHING_FILLED"} and codes["season.xlsx"] == {"E_INTAKE_OTHER_SEASON"}
    for one, two in zip(together, alone, strict=True):
        assert (one.sheet, one.meta, one.problems, one.omitted) == (two.sheet, two.meta, two.problems, two.omitted)
        assert one.table is two.table and (one.frame is None) == (two.frame is None)
        if one.frame is not None and two.frame is not None:
            pd.testing.assert_frame_equal(one.frame, two.frame)
        _assert_same_bad_cells(one, two)
    assert together[[s.name for s in together].index("bad.xlsx")].bad_cells["peserta"].eq("x").all()


def _assert_same_bad_cells(one: Submission, two: Submission) -> None:
    """Two readings of a file kept the same refused cells, as sent."""
    assert one.bad_cells.keys() == two.bad_cells.keys()
    for column, cells in one.bad_cells.items():
        pd.testing.assert_series_equal(cells, two.bad_cells[column])


def test_merged_rows_are_ordered_by_key_as_python_compares_missing_last() -> None:
    import random

    import numpy as np

    from paritrana_nb.intake.merge import _key_order

    def missing(value: object) -> bool:
        return bool(pd.isna(value))

    chance = random.Random(3)  # noqa: S311 - made-up keys, not secrets
    texts = ["a", "b", "B", "é", "\x00", "z\x00", "", "ß", "😀", "A1", "a1", " a", None]
    for trial in range(200):
        rows = chance.randint(0, 40)
        frame = pd.DataFrame(
            {
                "kode": pd.Series([chance.choice(texts) for _ in range(rows)], dtype=object),
                "tahun": [chance.choice([2024.0, 2023.0, np.nan, -0.0, 0.0]) for _ in range(rows)],
            }
        )
        if trial % 2:
            frame["kode"] = frame["kode"].astype(pd.StringDtype())
        for key in (["kode", "tahun"], ["tahun", "kode"], ["kode"]):
            columns = [frame[name].astype(object).tolist() for name in key]
            expected = sorted(  # a stable sort, as Python compares, missing values last
                range(rows), key=lambda i: [(missing(c[i]), 0 if missing(c[i]) else c[i]) for c in columns]
            )
            assert list(_key_order(frame, key)) == expected, (key, frame)


def test_an_amount_typed_as_indonesian_text_beside_number_cells_is_merged_as_its_number(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Number cells show no number style: one amount typed as text in the Indonesian style ('12.915.302.400') among
    them is that amount, not a mix of styles, both when the file is read with another like it and alone."""
    _set_cell(inbox / "pemda_61.xlsx", 2, "anggaran_iuran_apbd_rp", "12.915.302.400")
    for out in ("together", "alone"):
        if out == "alone":
            (inbox / "pemda_65.xlsx").unlink()
        _run(inbox, tmp_path / out / "2025", data, capsys)
        merged = pd.read_csv(tmp_path / out / "2025" / "pemda.csv", dtype=str, keep_default_na=False)
        kalbar = merged[(merged["kode_wilayah"] == "61") & (merged["tahun"] == "2024")].iloc[0]
        assert kalbar["anggaran_iuran_apbd_rp"] == "12915302400"
        assert merged["penduduk_bekerja"].iloc[0] == "2860000"  # the number cells as they were


def test_a_number_typed_as_text_that_reads_two_ways_is_told_beside_number_cells(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'1.234' typed as text among number cells (55.5, no style of their own) could be 1.234 or 1234: said, as
    `validate` says it of the same workbook."""
    _set_cell(inbox / "pemda_61.xlsx", 2, "target_ucj_pct", "1.234")
    _, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    lines = [line for line in text.splitlines() if "pemda_61.xlsx, lembar 'data', baris 2" in line]
    assert any("target_ucj_pct" in line and "1.234" in line for line in lines), text


def test_an_npp_sent_again_in_full_width_is_an_error_at_the_submitters_row(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A correction file whose npp was pasted in full-width digits is not the same key as the template's row, so it
    was merged as a second business; it is an error located in the file it came from, naming the file and row the
    npp first came from (it said "an earlier row", of a merged table no submitter has)."""
    extra = pd.DataFrame([small_season_tables()["badan_usaha"].iloc[0]])
    extra["npp"] = "".join(chr(0xFF10 + int(digit)) for digit in "0012345601")
    extra.to_csv(inbox / "koreksi_bu.csv", index=False)
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1, text
    line = next(line for line in text.splitlines() if "look the same" in line)
    assert line.startswith("  [ERROR] koreksi_bu.csv, row 2 (badan_usaha.csv row 6), column 'npp'"), text
    assert "'0012345601' of badan_usaha_61.xlsx sheet 'data' row 2, written with" in line, line  # where it came from


def test_a_number_cell_without_a_value_is_an_error_of_its_file_row_and_column(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A number cell openpyxl wrote for nan or inf (`<v/>`, read blank) is an error at the submitter's file, sheet, row
    and column, in each of two files of one table read together, not the whole file refused."""
    first, second = (village_row(inbox / "desa_61.04.xlsx", code) for code in ("61.04.01.2011", "61.04.02.2003"))
    book = load_workbook(inbox / "desa_61.04.xlsx")  # once: openpyxl reads such a cell back as empty
    sheet = book["data"]
    letter = {c.value: c.column_letter for c in sheet[1]}
    sheet[f"{letter['anggaran_iuran_dana_desa_rp']}{second}"] = float("inf")
    book.save(inbox / "desa_61.04 lagi.xlsx")
    sheet[f"{letter['peserta']}{first}"] = float("nan")
    book.save(inbox / "desa_61.04.xlsx")
    result = run_intake(2025, inbox, None, data)
    found = [
        (p.problem.file, p.problem.row, p.problem.column)
        for p in result.errors
        if p.problem.code == "E_XLSX_NUMBER_NO_VALUE"
    ]
    assert sorted(found) == [
        ("desa_61.04 lagi.xlsx", second, "anggaran_iuran_dana_desa_rp"),
        ("desa_61.04.xlsx", first, "peserta"),
        ("desa_61.04.xlsx", second, "anggaran_iuran_dana_desa_rp"),
    ]
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys)
    assert code == 1
    assert f"desa_61.04.xlsx, lembar 'data', baris {first}" in text
    assert "kolom 'peserta': Sel ini adalah sel angka" in text


def test_a_number_too_large_is_one_error_in_intake_and_again_in_validate(
    inbox: Path, data: Path, tmp_path: Path
) -> None:
    """A number cell of 1e300 and the text `1e300` in a returned template are each E_NUMBER_TOO_LARGE at the
    submitter's row (the text was E_NOT_NUMBER, in scientific notation, to be formatted as Number and saved again);
    merged as sent, `validate` refuses both as too large in their rows, with the same message as intake's. The number
    was merged as its 301 digits, which `validate` quoted cut to its first 200, no reader of the CSV could use and no
    one could tell from 1e300: it is merged as the cell shows it, `1E+300`."""
    first, second = (village_row(inbox / "desa_61.04.xlsx", code) for code in ("61.04.01.2011", "61.04.02.2003"))
    book = load_workbook(inbox / "desa_61.04.xlsx")
    sheet = book["data"]
    letter = {c.value: c.column_letter for c in sheet[1]}["anggaran_iuran_dana_desa_rp"]
    sheet[f"{letter}{first}"], sheet[f"{letter}{second}"] = 1e300, "1e300"
    book.save(inbox / "desa_61.04.xlsx")
    out = tmp_path / "out" / "2025"
    result = run_intake(2025, inbox, out, data)
    refused = [(p.problem.file, p.problem.row, p.problem.code, str(p.problem.value)) for p in result.errors]
    assert sorted(refused) == [
        ("desa_61.04.xlsx", first, "E_NUMBER_TOO_LARGE", "1E+300"),
        ("desa_61.04.xlsx", second, "E_NUMBER_TOO_LARGE", "1e300"),
    ]
    merged_rows = {p.problem.row: p.merged_row for p in result.errors}
    errors = load_season(2025, out.parent).report.errors
    again = [(p.row, p.code, p.column, str(p.value)) for p in errors]
    assert sorted(again) == sorted(
        [
            (merged_rows[first], "E_NUMBER_TOO_LARGE", "anggaran_iuran_dana_desa_rp", "1E+300"),
            (merged_rows[second], "E_NUMBER_TOO_LARGE", "anggaran_iuran_dana_desa_rp", "1e300"),
        ]
    )
    said = {p.problem.row: p.problem.message("en").split(": ", 1)[1] for p in result.errors}
    assert {p.row: p.message("en").split(": ", 1)[1] for p in errors} == {
        merged_rows[row]: text for row, text in said.items()
    }
    merged = pd.read_csv(out / "desa.csv", dtype=str)["anggaran_iuran_dana_desa_rp"]
    assert max(merged.str.len()) < 20, merged.tolist()


def test_a_number_cell_of_no_finite_number_is_one_error_in_intake_and_again_in_validate(
    inbox: Path, data: Path, tmp_path: Path
) -> None:
    """A returned template whose number cells hold `inf` and `1e999` (no number a spreadsheet holds: Excel offers to
    repair such a file): `1e999` was quoted `inf`, no finite number (a template with a formula or a percent cell, read
    by openpyxl, was refused whole, E_XLSX_DAMAGED). Each is its cell's error at the submitter's row as it writes it,
    merged as sent, and `validate` says the same of it in the merged season."""
    first, second = (village_row(inbox / "desa_61.04.xlsx", code) for code in ("61.04.01.2011", "61.04.02.2003"))
    path = inbox / "desa_61.04.xlsx"
    book = load_workbook(path)
    letter = {c.value: c.column_letter for c in book["data"][1]}["anggaran_iuran_dana_desa_rp"]
    book["data"][f"{letter}{first}"], book["data"][f"{letter}{second}"] = 123456789, 987654321
    book.save(path)
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in members:
            target.writestr(info, content.replace(b"<v>123456789</v>", b"<v>inf</v>").replace(b"987654321", b"1e999"))
    out = tmp_path / "out" / "2025"
    result = run_intake(2025, inbox, out, data)
    refused = [(p.problem.file, p.problem.row, p.problem.code, str(p.problem.value)) for p in result.errors]
    assert sorted(refused) == [
        ("desa_61.04.xlsx", first, "E_NOT_NUMBER", "inf"),
        ("desa_61.04.xlsx", second, "E_NUMBER_TOO_LARGE", "1e999"),
    ]
    said = {p.merged_row: p.problem.message("en").split(": ", 1)[1] for p in result.errors}
    errors = load_season(2025, out.parent).report.errors
    assert {p.row: p.message("en").split(": ", 1)[1] for p in errors} == said


def test_a_line_or_paragraph_separator_in_a_name_is_an_error_of_its_file_row_and_column(
    inbox: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A village's name holding U+2028 (LINE SEPARATOR) in a returned template, and a juror's id holding U+2029
    (PARAGRAPH SEPARATOR) in a jury CSV, passed where a line feed does not: each is E_CONTROL_CHAR at the submitter's
    file, row and column (in each of two workbooks of one header read together), shown escaped."""
    first, second = (village_row(inbox / "desa_61.04.xlsx", code) for code in ("61.04.01.2011", "61.04.02.2003"))
    _set_cell(inbox / "desa_61.04.xlsx", first, "nama", "Desa Sungai\u2028Putri")
    shutil.copy(inbox / "desa_61.04.xlsx", inbox / "desa_61.04 lagi.xlsx")
    _set_cell(inbox / "desa_61.04 lagi.xlsx", second, "nama", "Desa\nBaru")
    interviews = pd.read_csv(inbox / "juri" / "wawancara.csv", dtype=str)
    interviews.loc[1, "juri"] = "J\u20291"
    interviews.to_csv(inbox / "juri" / "wawancara.csv", index=False)
    result = run_intake(2025, inbox, None, data)
    found = [
        (p.problem.file, p.problem.row, p.problem.column) for p in result.errors if p.problem.code == "E_CONTROL_CHAR"
    ]
    assert sorted(found) == [
        ("desa_61.04 lagi.xlsx", first, "nama"),
        ("desa_61.04 lagi.xlsx", second, "nama"),
        ("desa_61.04.xlsx", first, "nama"),
        ("juri/wawancara.csv", 3, "juri"),
    ]
    code, text = _run(inbox, tmp_path / "out" / "2025", data, capsys, "--lang", "en")
    assert code == 1
    assert "\u2028" not in text and "\u2029" not in text
    assert f"desa_61.04.xlsx, sheet 'data', row {first}" in text and "'Desa Sungai\\u2028Putri' holds" in text
    assert "'J\\u20291' holds invisible control" in text


def test_the_rows_of_a_table_file_are_counted_as_a_csv_reader_counts_them(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    for text, rows in (
        ("a,b\n1,2\n3,4\n", 2),
        ("a,b\n1,2\n3,4", 2),  # no line end after the last row
        ("a,b\n", 0),
        ("", 0),
        ('a,b\n"two\nlines",2\n3,4\n', 2),  # a quoted cell holding a line break is one row
        # U+2028, NEL and VT end no line of a CSV (a refused name is merged as sent)
        ('a,b\n"x",1\nA\u2028B,2\nC\x85D\x0bE,3\n', 3),
    ):
        path.write_text(text, encoding="utf-8")
        assert _data_rows(path) == rows, text
    assert _data_rows(tmp_path / "gone.csv") == 0
