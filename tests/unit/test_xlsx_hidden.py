"""Rows, columns and sheets a submitted .xlsx hides in Excel are never read silently: hidden rows and columns are read
(they were submitted) with a warning naming them; a hidden first sheet, which would be read in place of the one Excel
shows, is an error naming both."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from conftest import small_season_tables, write_season
from intake_fill import fill_inbox, village_row
from paritrana_nb import readers, validate, xlsx_values
from paritrana_nb.cache import SeasonCache
from paritrana_nb.cli import main
from paritrana_nb.problems import Problem
from paritrana_nb.season import load_season

Edit = Callable[[Workbook], None]


@pytest.fixture
def intake_inbox(tmp_path: Path) -> tuple[Path, Path]:
    """(a data dir holding the small season's wilayah, an inbox of its templates filled in)."""
    data = tmp_path / "data"
    tables = {name: frame.astype(str).replace("nan", "") for name, frame in small_season_tables().items()}
    write_season(data, {"wilayah": small_season_tables()["wilayah"]})
    templates = tmp_path / "templates"
    assert main(["template", "--season", "2025", "--data-dir", str(data), "--out", str(templates)]) == 0
    inbox = tmp_path / "inbox"
    fill_inbox(templates, tables, inbox)
    return data, inbox


def _season_with_desa_workbook(tmp_path: Path, edit: Edit, rows: int = 0) -> Path:
    """A valid season (data dir returned) whose desa table is desa.xlsx, sheet 'data', changed by `edit`; with
    `rows`, the desa rows repeated (new village codes) to that many."""
    folder = write_season(tmp_path, small_season_tables())
    frame = pd.read_csv(folder / "desa.csv", dtype=str)
    (folder / "desa.csv").unlink()
    path = folder / "desa.xlsx"
    with pd.ExcelWriter(path) as writer:
        frame.to_excel(writer, sheet_name="data", index=False)
    book = load_workbook(path)
    edit(book)
    book.save(path)
    return tmp_path


def _hide_rows(*rows: int) -> Edit:
    def edit(book: Workbook) -> None:
        for row in rows:
            book["data"].row_dimensions[row].hidden = True

    return edit


def _warnings(data_dir: Path, code: str) -> list[Problem]:
    result = load_season(2025, data_dir)
    assert result.season is not None, result.report.render("en")
    return [p for p in result.report.warnings if p.code == code]


def test_hidden_rows_are_read_with_a_warning_naming_them(tmp_path: Path) -> None:
    """They were read as data with no word: the panel saw another table in Excel than the one scored."""
    data_dir = _season_with_desa_workbook(tmp_path, _hide_rows(3, 4, 5, 7))  # data in rows 2-5; row 7 is empty
    assert readers.plain_xlsx(data_dir / "2025" / "desa.xlsx") is not None  # the quick reader (calamine)
    result = load_season(2025, data_dir)
    assert result.season is not None and len(result.season.desa) == 4  # still read: they were submitted
    (warning,) = [p for p in result.report.problems if p.code == "W_XLSX_HIDDEN_ROWS"]
    assert (warning.file, warning.sheet, warning.severity) == ("desa.xlsx", "data", "warning")
    english, indonesian = warning.message("en"), warning.message("id")
    assert english.startswith("desa.xlsx, sheet 'data': 3 rows Excel hides") and "rows 3-5." in english, english
    assert "Unhide" in english
    assert indonesian.startswith("desa.xlsx, lembar 'data': 3 baris yang disembunyikan Excel"), indonesian
    assert "baris 3-5." in indonesian


def test_rows_an_autofilter_hides_are_named(tmp_path: Path) -> None:
    def filtered(book: Workbook) -> None:
        sheet = book["data"]
        sheet.auto_filter.ref = sheet.dimensions
        sheet.auto_filter.add_filter_column(0, ["61.04.01.2011"])
        sheet.row_dimensions[4].hidden = True  # what Excel writes for a row its filter leaves out

    (warning,) = _warnings(_season_with_desa_workbook(tmp_path, filtered), "W_XLSX_HIDDEN_ROWS")
    assert "1 row Excel hides (by hand, by a filter or in a collapsed group) is read" in warning.message("en")
    assert ": row 4." in warning.message("en")


def test_a_hidden_column_holding_a_required_field_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def hide(book: Workbook) -> None:
        sheet = book["data"]
        sheet.column_dimensions["F"].hidden = True  # peserta
        sheet.column_dimensions["Z"].hidden = True  # no name in row 1: not read, not named
        sheet["Z5"] = "catatan"

    data_dir = _season_with_desa_workbook(tmp_path, hide)
    (warning,) = _warnings(data_dir, "W_XLSX_HIDDEN_COLUMNS")
    assert warning.sheet == "data"
    assert "1 column Excel hides is read as data like any other: peserta (F)." in warning.message("en")
    assert "1 kolom yang disembunyikan Excel dibaca sebagai data seperti kolom lain: peserta (F)." in warning.message(
        "id"
    )
    assert main(["validate", "--data-dir", str(data_dir)]) == 0  # a warning: the season is still scored
    out = capsys.readouterr()
    assert "desa.xlsx, lembar 'data': 1 kolom yang disembunyikan Excel" in out.out
    assert "Traceback" not in out.out + out.err


@pytest.mark.parametrize("openpyxl_reads", [False, True])
def test_values_in_columns_without_a_name_are_named_not_silently_dropped(tmp_path: Path, openpyxl_reads: bool) -> None:
    """Numbers typed beside the table (no name in row 1) were not read, and nobody was told."""

    def beside(book: Workbook) -> None:
        sheet = book["data"]
        sheet["N2"], sheet["O3"], sheet["O1048"] = 500, "catatan", None  # O1048: formatted, empty
        sheet["O1048"].number_format = "0.00"
        sheet["P1"] = None
        if openpyxl_reads:
            sheet["F2"].number_format = "0%"

    data_dir = _season_with_desa_workbook(tmp_path, beside)
    assert (readers.plain_xlsx(data_dir / "2025" / "desa.xlsx") is None) == openpyxl_reads
    (warning,) = _warnings(data_dir, "W_XLSX_UNNAMED_CELLS")
    assert (warning.file, warning.sheet) == ("desa.xlsx", "data")
    assert "2 cells hold something in columns without a name in row 1, so they are not read: N2, O3." in (
        warning.message("en")
    )
    assert "2 sel berisi sesuatu di kolom tanpa nama di baris 1, sehingga tidak dibaca: N2, O3." in warning.message(
        "id"
    )


@pytest.mark.parametrize("openpyxl_reads", [False, True])
def test_header_cells_merged_over_a_column_are_named_as_the_reason_it_is_missing(
    tmp_path: Path, openpyxl_reads: bool
) -> None:
    """Merging E1:F1 shows 'penduduk_bekerja' across both columns but keeps only E1's name: column F (peserta) was
    said to be missing and its cells unnamed, with nothing about the merge the submitter sees."""

    def merge(book: Workbook) -> None:
        sheet = book["data"]
        sheet.merge_cells("E1:F1")
        sheet.merge_cells("M1:N1")  # over nothing: a title spread for looks, not named
        if openpyxl_reads:
            sheet["G2"].number_format = "0%"

    data_dir = _season_with_desa_workbook(tmp_path, merge)
    assert (readers.plain_xlsx(data_dir / "2025" / "desa.xlsx") is None) == openpyxl_reads
    report = load_season(2025, data_dir).report
    (warning,) = [p for p in report.warnings if p.code == "W_XLSX_MERGED_HEADER"]
    assert (warning.file, warning.sheet) == ("desa.xlsx", "data")
    assert "Cells E1:F1 of row 1 are merged: a merged cell keeps only its first" in warning.message("en")
    assert "Sel E1:F1 di baris 1 digabung (merge)" in warning.message("id")
    assert [p.column for p in report.errors] == ["peserta"]  # said missing, beside the reason why
    assert "W_XLSX_UNNAMED_CELLS" in {p.code for p in report.warnings}  # the cells themselves are still named


def test_merged_header_names_only_row_1_areas_over_unnamed_cells() -> None:
    xml = (
        b'<worksheet><mergeCells><mergeCell ref="B1:D1"/><mergeCell ref="F1:F2"/><mergeCell ref="$H$1:$I$1"/>'
        b'<mergeCell ref="K1:L1"/><mergeCell ref="A5:B5"/></mergeCells></worksheet>'
    )
    assert xlsx_values.merged_header(xml, ["D2", "I7", "F3", "B5"]) == ["B1:D1", "H1:I1"]
    assert xlsx_values.merged_header(xml, ["B2"]) == []  # B holds the merged cell's name
    assert xlsx_values.merged_header(xml, []) == []


def test_a_sheet_whose_every_column_is_named_is_not_looked_at_again(tmp_path: Path) -> None:
    data_dir = _season_with_desa_workbook(tmp_path, lambda book: None)
    assert not _warnings(data_dir, "W_XLSX_UNNAMED_CELLS")


def test_unnamed_cells_reads_references_prefixes_and_empty_cells() -> None:
    xml = (
        b'<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v>'
        b'</x:c><x:c r="D1"><x:v>7</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c>'
        b'<x:c r="B2" s="3"/><x:c r="D2" s="3"></x:c><x:c r="E2" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>'
        b'<x:c r="AA2"><x:f>1+1</x:f></x:c><x:c r="$B$3"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    assert xlsx_values.unnamed_cells(xml, [0, 2]) == ["E2", "AA2", "B3"]  # D1 is row 1: not below the header
    assert xlsx_values.unnamed_cells(xml, [0, 1, 2, 3, 4, 26]) == []


def test_a_sheet_openpyxl_reads_is_checked_the_same(tmp_path: Path) -> None:
    def hide(book: Workbook) -> None:
        sheet = book["data"]
        sheet["F2"].number_format = "0%"  # a percent format: calamine would not scale it, so openpyxl reads the sheet
        sheet.row_dimensions[2].hidden = True
        sheet.column_dimensions["E"].hidden = True

    data_dir = _season_with_desa_workbook(tmp_path, hide)
    assert readers.plain_xlsx(data_dir / "2025" / "desa.xlsx") is None  # read by openpyxl
    (rows,) = _warnings(data_dir, "W_XLSX_HIDDEN_ROWS")
    (columns,) = _warnings(data_dir, "W_XLSX_HIDDEN_COLUMNS")
    assert ": row 2." in rows.message("en") and "penduduk_bekerja (E)" in columns.message("en")


def _rewrite_sheet(path: Path, edit: Callable[[bytes], bytes]) -> None:
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item.filename, edit(data) if item.filename == "xl/worksheets/sheet1.xml" else data)
    copy.replace(path)


def test_libreoffice_hidden_true_is_hidden_and_hidden_false_is_not(tmp_path: Path) -> None:
    """LibreOffice writes `hidden="true"` on a hidden row and `hidden="false"` on every row it shows."""
    data_dir = _season_with_desa_workbook(tmp_path, lambda _book: None)

    def as_libreoffice(xml: bytes) -> bytes:
        xml = re.sub(rb'<row r="(\d+)"', rb'<row r="\1" hidden="false"', xml)
        return xml.replace(b'<row r="3" hidden="false"', b'<row r="3" hidden="true"')

    _rewrite_sheet(data_dir / "2025" / "desa.xlsx", as_libreoffice)
    (warning,) = _warnings(data_dir, "W_XLSX_HIDDEN_ROWS")
    assert ": row 3." in warning.message("en")


def test_hidden_rows_without_data_and_sheets_hiding_nothing_say_nothing(tmp_path: Path) -> None:
    data_dir = _season_with_desa_workbook(tmp_path, _hide_rows(8, 9))
    result = load_season(2025, data_dir)
    assert result.season is not None and not result.report.problems


def test_the_warning_is_kept_with_the_season_in_its_cache(tmp_path: Path) -> None:
    data_dir = _season_with_desa_workbook(tmp_path, _hide_rows(3))
    cache = SeasonCache(tmp_path / "cache")
    first = load_season(2025, data_dir, cache=cache)
    again = load_season(2025, data_dir, cache=SeasonCache(tmp_path / "cache"))
    assert again.season is not None
    for result in (first, again):
        (warning,) = [p for p in result.report.problems if p.code == "W_XLSX_HIDDEN_ROWS"]
        assert warning.message("en").startswith("desa.xlsx, sheet 'data': 1 row Excel hides"), warning.message("en")


def test_row_ranges_are_compact_and_capped() -> None:
    assert validate.row_ranges(np.array([12, 13, 14, 15, 40])) == "12-15, 40"
    assert validate.row_ranges(np.array([2])) == "2"
    many = np.arange(2, 2_000, 2)  # 999 single rows
    assert validate.row_ranges(many) == "2, 4, 6, 8, 10, 12, 14, 16, 18, 20, …"
    assert validate.row_ranges(np.arange(5, 300_005)) == "5-300004"


def test_hidden_parts_read_from_the_sheet_xml() -> None:
    xml = (
        b'<worksheet><cols><col min="2" max="4" hidden="1"/><col min="6" max="6" width="3"/></cols><sheetData>'
        b'<row r="2" spans="1:3" hidden="1"><c r="A2"><v>1</v></c></row>'
        b'<x:row hidden="1"><c r="B5"><v>1</v></c></x:row>'  # a row written without its number, prefixed tags
        b'<row r="6" customHeight="1" hidden="0"><c r="A6"><v>1</v></c></row>'
        b'<row r="7"><c r="A7" t="inlineStr"><is><t>hidden="1" is text here</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    rows, columns = xlsx_values.hidden_parts(xml)  # type: ignore[misc]
    assert rows.tolist() == [2, 5] and columns == [(2, 4)]
    assert xlsx_values.hidden_parts(b'<worksheet><row r="2" hidden="false"/></worksheet>') is None


def _two_sheets(state: str) -> Edit:
    def edit(book: Workbook) -> None:
        shown = book.create_sheet("isian")
        for row in book["data"].iter_rows(values_only=True):
            shown.append(row)
        book["data"].sheet_state = state
        book.active = 1

    return edit


def test_a_hidden_first_sheet_is_an_error_naming_the_sheet_excel_shows(tmp_path: Path) -> None:
    data_dir = _season_with_desa_workbook(tmp_path, _two_sheets("hidden"))
    (error,) = load_season(2025, data_dir).report.errors
    assert error.code == "E_XLSX_FIRST_SHEET_HIDDEN"
    english, indonesian = error.message("en"), error.message("id")
    assert "'data', is hidden (right-click a sheet tab > Unhide shows it)" in english, english
    assert "those of 'isian', the first sheet Excel shows, would not be read" in english
    assert "'data', tersembunyi (klik kanan tab lembar > Tampilkan" in indonesian, indonesian
    assert "data 'isian', lembar pertama yang ditampilkan Excel, tidak dibaca" in indonesian


def test_a_very_hidden_first_sheet_says_how_it_is_hidden(tmp_path: Path) -> None:
    """Its message told to right-click > Unhide, which does not list a very hidden sheet."""
    data_dir = _season_with_desa_workbook(tmp_path, _two_sheets("veryHidden"))
    (error,) = load_season(2025, data_dir).report.errors
    assert error.code == "E_XLSX_FIRST_SHEET_HIDDEN"
    assert "'data', is very hidden (Excel's Unhide does not list it" in error.message("en")
    assert "'data', sangat tersembunyi" in error.message("id")


def test_a_workbook_showing_no_sheet_is_an_error(tmp_path: Path) -> None:
    data_dir = _season_with_desa_workbook(tmp_path, _two_sheets("hidden"))
    path = data_dir / "2025" / "desa.xlsx"
    _rewrite_workbook_part(path)
    (error,) = load_season(2025, data_dir).report.errors
    assert error.code == "E_XLSX_NO_SHEET_VISIBLE"
    assert "No sheet of this workbook is shown in Excel, and the first one, 'data'" in error.message("en")
    assert "Tidak ada lembar buku kerja ini yang ditampilkan Excel" in error.message("id")


def _rewrite_workbook_part(path: Path) -> None:
    """Every sheet of the workbook part hidden (openpyxl refuses to save such a workbook; other tools do not)."""
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheet (?![^>]*state=)", b'<sheet state="hidden" ', data)
                data = data.replace(b'state="visible"', b'state="hidden"')
            target.writestr(item.filename, data)
    copy.replace(path)


def _village(inbox: Path) -> tuple[Path, int, Workbook]:
    """The bundled inbox's village workbook of 61.04, the row of village 61.04.01.2011 in it, the workbook opened."""
    path = inbox / "desa_61.04.xlsx"
    return path, village_row(path, "61.04.01.2011"), load_workbook(path)


def _intake(data: Path, inbox: Path, tmp_path: Path, *extra: str) -> int:
    """`paritrana intake` of `inbox` into a folder under `tmp_path`: its exit code."""
    out = tmp_path / "out" / "2025"
    arguments = ["intake", "--season", "2025", "--from", str(inbox), "--out", str(out), "--data-dir", str(data)]
    return main([*arguments, *extra])


def test_intake_names_the_hidden_rows_and_columns_it_merges(
    intake_inbox: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, inbox = intake_inbox
    path, filled_row, book = _village(inbox)
    sheet = book["data"]
    blank_row = sheet.max_row + 5  # hidden but empty: nothing of it is merged
    for row in (filled_row, blank_row):
        sheet.row_dimensions[row].hidden = True
    letter = {c.value: c.column_letter for c in sheet[1]}["peserta"]
    sheet.column_dimensions[letter].hidden = True
    book.save(path)
    others = [p for p in inbox.rglob("desa_*.xlsx") if p != path]
    assert others  # the desa workbooks are read together (the same header): the warning stays with its file
    code = _intake(data, inbox, tmp_path, "--lang", "en")
    text = capsys.readouterr().out
    assert code == 0, text  # warnings only: the rows and the column are merged
    lines = [line for line in text.splitlines() if "Excel hides" in line]
    assert len(lines) == 2, text
    assert any(
        line.startswith("  [WARNING] desa_61.04.xlsx, sheet 'data': 1 row Excel hides") and f"row {filled_row}." in line
        for line in lines
    ), lines
    assert any(
        "desa_61.04.xlsx, sheet 'data': 1 column Excel hides" in line and f"peserta ({letter})" in line
        for line in lines
    ), lines


def test_intake_names_the_cells_it_does_not_read_beside_the_table(
    intake_inbox: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, filled_row, book = _village(intake_inbox[1])
    beyond = book["data"].cell(filled_row, book["data"].max_column + 2, 500)  # typed beside the table
    book.save(path)
    code = _intake(*intake_inbox, tmp_path, "--lang", "en")
    text = capsys.readouterr().out
    assert code == 0, text  # a warning: the table is merged
    reference = f"{beyond.column_letter}{filled_row}"
    said = "1 cell holds something in a column without a name in row 1, so it is not read"
    assert f"  [WARNING] desa_61.04.xlsx, sheet 'data': {said}: {reference}." in text, text


def test_intake_names_another_sheet_holding_the_table_whichever_is_first(
    intake_inbox: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A table split over `data` and a copy of it lost the copy's rows without a word; a filled `data` behind an
    empty copy was taken for a template returned empty. The templates' own `petunjuk` and `daftar` sheets are not
    tables of the data."""
    data, inbox = intake_inbox
    assert _intake(data, inbox, tmp_path, "--lang", "en") == 0
    assert "holds this table too" not in capsys.readouterr().out  # the filled templates as they are
    path, filled_row, book = _village(inbox)
    moved = book.copy_worksheet(book["data"])
    moved.title = "data (2)"
    for row in book["data"].iter_rows(min_row=filled_row, max_row=filled_row):
        for cell in row:
            cell.value = None  # its row now only on the copy
    book.save(path)
    assert _intake(data, inbox, tmp_path, "--lang", "en") in (0, 1)
    said = "Sheet 'data (2)' holds this table too (its column names in row 1, and rows below), but only the first"
    assert f"desa_61.04.xlsx, sheet 'data': {said}" in capsys.readouterr().out
    book = load_workbook(path)
    empty = book.copy_worksheet(book["data"])
    empty.title = "kosong"
    for row in empty.iter_rows(min_row=2):
        for cell in row:
            cell.value = None
    book.move_sheet(empty, offset=-(len(book.sheetnames) - 1))  # the empty copy first: it is the one read
    book.save(path)
    _intake(data, inbox, tmp_path, "--lang", "en")
    out = capsys.readouterr().out
    assert "desa_61.04.xlsx, sheet 'kosong': Sheets 'data' and 'data (2)' hold this table too" in out, out


def test_a_season_workbook_with_the_table_on_two_sheets_is_warned(tmp_path: Path) -> None:
    def split(book: Workbook) -> None:
        second = book.copy_worksheet(book["data"])
        second.title = "lanjutan"

    (warning,) = _warnings(_season_with_desa_workbook(tmp_path, split), "W_XLSX_OTHER_SHEETS")
    assert "Sheet 'lanjutan' holds this table too" in warning.message("en")
    assert "Lembar 'lanjutan' juga berisi tabel ini" in warning.message("id")


def test_intake_names_the_worksheet_it_read_not_a_chart_sheet_before_it(
    intake_inbox: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Intake named the first sheet of any kind ('Grafik'), while the reader reads the first worksheet ('data')."""
    data, inbox = intake_inbox
    path, row, book = _village(inbox)
    book.create_chartsheet("Grafik", 0)
    sheet = book["data"]
    sheet.row_dimensions[row].hidden = True
    sheet.cell(row, [c.value for c in sheet[1]].index("peserta") + 1, "banyak")  # an error to locate as well
    book.save(path)
    assert _intake(data, inbox, tmp_path) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "desa_61.04.xlsx, lembar" in line]
    assert len(lines) == 2 and all("desa_61.04.xlsx, lembar 'data'" in line for line in lines), lines


def test_a_finalist_list_workbook_names_its_hidden_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`template --jury --finalists finalis.xlsx` wrote a score sheet for a finalist on a row nobody saw in Excel."""
    write_season(tmp_path, small_season_tables())
    book = Workbook()
    sheet = book.active
    sheet.title = "finalis"
    for row in (["kategori", "id_peserta"], ["pemprov", "61"], ["pemprov", "65"]):
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    finalists = tmp_path / "finalis.xlsx"
    book.save(finalists)
    params = Path(__file__).resolve().parents[2] / "params"
    arguments = ["template", "--season", "2025", "--data-dir", str(tmp_path), "--params-dir", str(params), "--jury"]
    out = tmp_path / "juri"
    assert main([*arguments, "--jurors", "N1", "--finalists", str(finalists), "--lang", "en", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "[WARNING] finalis.xlsx, sheet 'finalis': 1 row Excel hides" in err and ": row 3." in err, err


def _zero_sizes(xml: bytes) -> bytes:
    """A height of zero on the rows openpyxl marked with `customHeight="1"` (it leaves out `ht="0"`, Excel and
    LibreOffice write it), a width of zero on column F."""
    xml = xml.replace(b'customHeight="1"', b'ht="0" customHeight="1"')
    return xml.replace(b"<sheetData>", b'<cols><col min="6" max="6" width="0" customWidth="1"/></cols><sheetData>', 1)


@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_rows_and_columns_of_zero_size_are_named_as_hidden_ones(tmp_path: Path, reader: str) -> None:
    """A row of height zero, a column of width zero: Excel shows them no more than hidden ones, yet they were read
    with no word."""

    def shrink(book: Workbook) -> None:
        sheet = book["data"]
        if reader == "openpyxl":
            sheet["G2"].number_format = "0%"  # calamine would not scale it: openpyxl reads the sheet
        for row in (3, 4):
            sheet.row_dimensions[row].height = 0  # written as customHeight="1", made ht="0" below

    data_dir = _season_with_desa_workbook(tmp_path, shrink)
    _rewrite_sheet(data_dir / "2025" / "desa.xlsx", _zero_sizes)
    assert (readers.plain_xlsx(data_dir / "2025" / "desa.xlsx") is None) == (reader == "openpyxl")
    result = load_season(2025, data_dir)
    assert result.season is not None and len(result.season.desa) == 4, result.report.render("en")
    (rows,) = [p for p in result.report.warnings if p.code == "W_XLSX_HIDDEN_ROWS"]
    (columns,) = [p for p in result.report.warnings if p.code == "W_XLSX_HIDDEN_COLUMNS"]
    assert "2 rows Excel hides" in rows.message("en") and "rows 3-4." in rows.message("en")
    assert ": peserta (F)." in columns.message("en")
    assert not [p for p in result.report.warnings if p.code == "W_XLSX_HIDDEN_HEADER"]


@pytest.mark.parametrize("how", ["hidden", "zero height"])
def test_a_hidden_header_row_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str) -> None:
    """Row 1, the column names, hidden or of height zero: nobody filling in the sheet sees which column is which; it
    was not among the rows read as data, so nothing was said."""

    def hide(book: Workbook) -> None:
        if how == "hidden":
            book["data"].row_dimensions[1].hidden = True
        else:
            book["data"].row_dimensions[1].height = 0

    data_dir = _season_with_desa_workbook(tmp_path, hide)
    if how == "zero height":
        _rewrite_sheet(data_dir / "2025" / "desa.xlsx", lambda xml: xml.replace(b'customHeight="1"', b'ht="0"'))
    (warning,) = _warnings(data_dir, "W_XLSX_HIDDEN_HEADER")
    assert (warning.file, warning.sheet, warning.row) == ("desa.xlsx", "data", 1)
    assert warning.message("en").startswith("desa.xlsx, sheet 'data', row 1: The header row (row 1, the names")
    assert "Baris judul (baris 1, nama kolom) disembunyikan" in warning.message("id")
    assert not _warnings(data_dir, "W_XLSX_HIDDEN_ROWS")  # no data row is hidden
    assert main(["validate", "--data-dir", str(data_dir)]) == 0  # a warning: the season is still scored
    out = capsys.readouterr()
    assert "desa.xlsx, lembar 'data', baris 1: Baris judul" in out.out and "Traceback" not in out.out + out.err


def test_zero_sizes_read_from_the_sheet_xml() -> None:
    xml = (
        b'<worksheet><cols><col min="2" max="2" width="0.0" customWidth="1"/><col min="3" max="3" width="0.5"/>'
        b'<col min="4" max="5" width="0" hidden="1"/></cols><sheetData>'
        b'<row r="2" ht="0" customHeight="1"><c r="A2"><v>1</v></c></row>'
        b'<row r="3" ht="0.75" customHeight="1"><c r="A3"><v>1</v></c></row>'  # thin, not zero: shown
        b'<row r="4" customHeight="0" ht="15"><c r="A4"><v>1</v></c></row>'
        b'<row r="5" ht="0.00"><c r="A5"><v>1</v></c></row>'
        b'<row r="6"><c r="A6" t="inlineStr"><is><t>x ht="0" width="0"</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    rows, columns = xlsx_values.hidden_parts(xml)  # type: ignore[misc]
    assert rows.tolist() == [2, 5] and columns == [(2, 2), (4, 5)]
    assert xlsx_values.hidden_parts(b'<worksheet><row r="2" ht="0.5"/></worksheet>') is None


def _hidden_by_default(*shown: int) -> Callable[[bytes], bytes]:
    """Every row hidden unless it says otherwise (`zeroHeight="1"`, what Excel writes when the unused rows are hidden),
    the rows `shown` given a height of their own."""

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb"<sheetFormatPr ", b'<sheetFormatPr zeroHeight="1" ', xml, count=1)
        for row in shown:
            xml = xml.replace(b'<row r="%d"' % row, b'<row r="%d" ht="15" customHeight="1"' % row, 1)
        return xml

    return edit


@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_rows_a_sheet_hides_by_default_are_named(tmp_path: Path, reader: str) -> None:
    """`zeroHeight="1"` hides every row without a height of its own: such rows were read with no word."""

    def edit(book: Workbook) -> None:
        if reader == "openpyxl":
            book["data"]["G2"].number_format = "0%"  # calamine would not scale it: openpyxl reads the sheet

    data_dir = _season_with_desa_workbook(tmp_path, edit)
    path = data_dir / "2025" / "desa.xlsx"
    _rewrite_sheet(path, _hidden_by_default(1, 2, 5))  # data in rows 2-5: rows 3 and 4 have no height of their own
    assert (readers.plain_xlsx(path) is None) == (reader == "openpyxl")
    result = load_season(2025, data_dir)
    assert result.season is not None and len(result.season.desa) == 4, result.report.render("en")
    (rows,) = [p for p in result.report.warnings if p.code == "W_XLSX_HIDDEN_ROWS"]
    assert "2 rows Excel hides" in rows.message("en") and "rows 3-4." in rows.message("en"), rows.message("en")
    assert not [p for p in result.report.warnings if p.code == "W_XLSX_HIDDEN_HEADER"]


def test_a_header_a_sheet_hides_by_default_is_named(tmp_path: Path) -> None:
    data_dir = _season_with_desa_workbook(tmp_path, lambda _book: None)
    _rewrite_sheet(data_dir / "2025" / "desa.xlsx", _hidden_by_default(2, 3, 4, 5))
    (warning,) = _warnings(data_dir, "W_XLSX_HIDDEN_HEADER")
    assert (warning.file, warning.sheet, warning.row) == ("desa.xlsx", "data", 1)
    assert not _warnings(data_dir, "W_XLSX_HIDDEN_ROWS")


def test_rows_hidden_by_default_read_from_the_sheet_xml() -> None:
    xml = (
        b'<worksheet><x:sheetFormatPr defaultRowHeight="15" zeroHeight="true"/><sheetData>'
        b'<row r="1" ht="15" customHeight="1"><c r="A1"><v>1</v></c></row>'  # a height of its own: shown
        b'<row r="2"><c r="A2"><v>1</v></c></row>'  # none: hidden by the sheet's default
        b'<row r="3" ht="0"><c r="A3"><v>1</v></c></row>'  # zero: hidden
        b'<row r="4" ht="15" hidden="1"><c r="A4"><v>1</v></c></row>'  # hidden by its own attribute
        b'<x:row spans="1:1"><c r="A6"><v>1</v></c></x:row>'  # without its number, prefixed
        b'<row r="7" ht="12.75"/>'
        b"</sheetData></worksheet>"
    )
    rows, columns = xlsx_values.hidden_parts(xml)  # type: ignore[misc]
    assert rows.tolist() == [2, 3, 4, 6] and columns == []
    shown = b'<worksheet><sheetFormatPr zeroHeight="0"/><sheetData><row r="2"><c r="A2"><v>1</v></c></row></sheetData>'
    assert xlsx_values.hidden_parts(shown + b"</worksheet>") is None
