"""The same table written as plain CSV, Indonesian-locale CSV and .xlsx loads identically; damaged or
unusual files are read right or give a clear message."""

from __future__ import annotations

import re
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import small_season_tables, write_season
from paritrana_nb import readers, xlsx_values
from paritrana_nb.cache import SeasonCache
from paritrana_nb.cli import main
from paritrana_nb.numbers import classify, to_float
from paritrana_nb.problems import KEEP_PER_KIND
from paritrana_nb.season import load_season

TEXT_COLUMNS = {
    "kode_wilayah",
    "kode_desa",
    "nama",
    "npp",
    "skala",
    "sektor",
    "kategori",
    "id_peserta",
    "juri",
    "aspek",
    "tingkat",
    "kode_provinsi",
}


def _indonesian(value: object, column: str) -> str:
    """Format like Excel in the Indonesian locale: 1.234.567 and 68,02."""
    if column in TEXT_COLUMNS or value == "" or column == "tahun":
        return str(value)
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}".replace(",", ".")
    whole, frac = f"{number:,.2f}".split(".")
    return whole.replace(",", ".") + "," + frac


def write_indonesian_csv(frame: pd.DataFrame, path: Path) -> None:
    cells = frame.astype(object).apply(lambda col: col.map(lambda v: _indonesian(v, col.name)))
    text = ";".join(frame.columns) + "\n"
    text += "\n".join(";".join(row) for row in cells.itertuples(index=False)) + "\n"
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))


def _load(data_dir: Path) -> dict[str, pd.DataFrame]:
    result = load_season(2025, data_dir)
    assert result.season is not None, result.report.render("en")
    return {name: getattr(result.season, name) for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara")}


@pytest.fixture
def plain(tmp_path: Path) -> dict[str, pd.DataFrame]:
    write_season(tmp_path / "plain", small_season_tables())
    return _load(tmp_path / "plain")


def test_indonesian_locale_csv_loads_like_plain_csv(tmp_path: Path, plain: dict[str, pd.DataFrame]) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    for name in ("pemda", "desa", "badan_usaha"):
        write_indonesian_csv(tables[name], folder / f"{name}.csv")
    raw = (folder / "pemda.csv").read_text(encoding="utf-8-sig")
    assert "2.860.000" in raw and "55,50" in raw and ";" in raw  # really in Indonesian form
    loaded = _load(tmp_path)
    for name, frame in plain.items():
        pdt.assert_frame_equal(loaded[name], frame)


def _quoted(cell: object) -> str:
    return '"' + str(cell).replace('"', '""') + '"'


def write_quoted_csv(frame: pd.DataFrame, path: Path, sep: str, note: str) -> None:
    """Every header and cell in quotes, numbers in the style of the separator (`;`: Indonesian), plus a last
    column headed `note` and holding "dicek"."""
    cells = frame.astype(object).apply(lambda col: col.map(lambda v: _indonesian(v, col.name) if sep == ";" else v))
    lines = [sep.join(map(_quoted, [*frame.columns, note]))]
    lines += [sep.join(map(_quoted, [*row, "dicek"])) for row in cells.itertuples(index=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_quoted_headers_and_separators_inside_quotes(tmp_path: Path) -> None:
    # Excel quotes a cell that holds the separator, a quote or a line break. Here every cell is quoted, names hold
    # both separators, and a note column's header runs over two lines: its first line holds more of the other
    # separator than the header has separators, so only separators outside quotes may decide the file's style.
    tables = small_season_tables()
    tables["wilayah"].loc[1, "nama"] = 'Kabupaten Ketapang, "Kalbar"; hulu'
    tables["desa"].loc[0, "nama"] = "Desa Sungai Awan; Hulu, Ketapang"
    plain = _load(write_season(tmp_path / "plain", tables).parent)
    folder = write_season(tmp_path / "quoted", tables)
    sources = [
        "BPS",
        "Disnakertrans",
        "BPJS",
        "Bappeda",
        "Dinsos",
        "Kominfo",
        "BPN",
        "BPKP",
        "Dukcapil",
        "Kemendes",
        "Kemnaker",
        "Kemenkeu",
        "Kemensos",
        "Kemendagri",
    ]
    for name, sep, other in (("wilayah", ",", ";"), ("desa", ";", ",")):
        write_quoted_csv(
            tables[name], folder / f"{name}.csv", sep, f"Catatan (sumber: {f'{other} '.join(sources)})\ndiisi panitia"
        )
        first_line = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert first_line.count(other) > first_line.count(sep) == len(tables[name].columns)
    quoted = _load(tmp_path / "quoted")
    for name, frame in plain.items():
        note = [c for c in quoted[name].columns if c.startswith("Catatan")]
        assert len(note) == (name in ("wilayah", "desa")), name
        if note:
            assert note[0].endswith("diisi panitia") and (quoted[name][note[0]] == "dicek").all()
        pdt.assert_frame_equal(quoted[name].drop(columns=note), frame)
    assert plain["wilayah"].at[3, "nama"] == 'Kabupaten Ketapang, "Kalbar"; hulu'


def test_xlsx_loads_like_plain_csv(tmp_path: Path, plain: dict[str, pd.DataFrame]) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara"):
        (folder / f"{name}.csv").unlink()
        frame = tables[name].copy()
        if "vendor_patuh_pct" in frame:
            frame["vendor_patuh_pct"] = pd.to_numeric(frame["vendor_patuh_pct"])
        frame.to_excel(folder / f"{name}.xlsx", index=False)
    loaded = _load(tmp_path)
    for name, frame in plain.items():
        pdt.assert_frame_equal(loaded[name], frame)


def test_xlsx_percent_cells_are_read_as_percents(tmp_path: Path) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    frame = tables["badan_usaha"].copy()
    frame["vendor_patuh_pct"] = pd.to_numeric(frame["vendor_patuh_pct"])
    frame["upah_sesuai_pct"] = frame["upah_sesuai_pct"] / 100
    (folder / "badan_usaha.csv").unlink()
    path = folder / "badan_usaha.xlsx"
    frame.to_excel(path, index=False)
    book = load_workbook(path)
    sheet = book.active
    column = list(frame.columns).index("upah_sesuai_pct") + 1
    for row in range(2, len(frame) + 2):
        sheet.cell(row=row, column=column).number_format = "0.00%"
    book.save(path)
    loaded = _load(tmp_path)["badan_usaha"]
    assert loaded["upah_sesuai_pct"].tolist() == pytest.approx([98.5, 90.0, 100.0, 80.0])


def test_xlsx_numeric_npp_is_flagged(tmp_path: Path) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    frame = tables["badan_usaha"].copy()
    frame["npp"] = frame["npp"].astype(int)
    (folder / "badan_usaha.csv").unlink()
    frame.to_excel(folder / "badan_usaha.xlsx", index=False)
    report = load_season(2025, tmp_path).report
    warnings = [p for p in report.warnings if p.code == "W_NPP_NUMERIC"]
    assert [p.row for p in warnings] == [4, 5]  # 1012345603, 1012345604: as long as the longest npp
    # 0012345601 and 0012345602 became 12345601 and 12345602: their zeros are lost, and they name no business
    lost = [p for p in report.errors if p.code == "E_NPP_NUMERIC_SHORT"]
    assert [(p.row, p.column, str(p.value)) for p in lost] == [(2, "npp", "12345601"), (3, "npp", "12345602")]
    assert "(10 digits): its leading zeros were lost" in lost[0].message("en")
    assert "(10 digit): nol di depannya hilang" in lost[0].message("id")


@pytest.mark.parametrize("huge", [1e300, 1e16])
def test_a_numeric_npp_far_too_long_does_not_make_the_others_short(tmp_path: Path, huge: float) -> None:
    """A number cell of 1E+300 (301 digits) or 1E+16 among numeric npps set the length every npp of the column was
    held to: each 10-digit npp was E_NPP_NUMERIC_SHORT, its leading zeros said lost (301 or 17 digits). An npp longer
    than an id may be (E_ID_TOO_LONG), or a number with more digits than a spreadsheet keeps (15), tells nothing of
    the others' length."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    frame = tables["badan_usaha"].copy()
    frame["npp"] = frame["npp"].astype(int).astype(float)
    frame.loc[0, "npp"] = huge
    (folder / "badan_usaha.csv").unlink()
    frame.to_excel(folder / "badan_usaha.xlsx", index=False)
    report = load_season(2025, tmp_path).report
    lost = [(p.row, str(p.value)) for p in report.errors if p.code == "E_NPP_NUMERIC_SHORT"]
    assert lost == [(3, "12345602")]  # 0012345602: 8 digits where 1012345603 has 10
    assert [p.row for p in report.warnings if p.code == "W_NPP_NUMERIC"] == [2, 4, 5]


def test_mixed_number_styles_in_one_file_is_an_error(tmp_path: Path) -> None:
    tables = small_season_tables()
    frame = tables["badan_usaha"].astype(object)
    frame["upah_sesuai_pct"] = ["98", "90", "100", "80"]
    frame["nik_valid_pct"] = ["99", "95.25", "100", "100"]  # an English decimal point ...
    frame.loc[2, "upah_sesuai_pct"] = "98,5"  # ... and an Indonesian decimal comma in the same file
    tables["badan_usaha"] = frame
    write_season(tmp_path, tables)
    errors = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_MIXED_NUMBER_FORMAT"]
    assert len(errors) == 1 and errors[0].file == "badan_usaha.csv"
    assert "95.25" in errors[0].message("en") and "98,5" in errors[0].message("en")


@pytest.mark.parametrize(
    ("sep", "wrong", "evidence", "english", "indonesian"),
    [
        (
            ",",
            '"68,02"',
            "95.25",
            "The file is read in English (1,234,567 and 68.02) style: write 68.02.",
            "tulis 68.02.",
        ),
        (
            ";",
            "1,234,567.5",
            "95,25",
            "The file is read in Indonesian (1.234.567 and 68,02) style: write 1234567,5.",
            "tulis 1234567,5.",
        ),
        (
            ",",
            "banyak",
            "95.25",
            "Write a number only, e.g. 1234567 or 68.02 (no Rp",
            "misalnya 1234567 atau 68.02 (tanpa Rp",
        ),
        (
            ";",
            "banyak",
            "95,25",
            "Write a number only, e.g. 1234567 or 68,02 (no Rp",
            "misalnya 1234567 atau 68,02 (tanpa Rp",
        ),
    ],
)
def test_a_value_that_is_no_number_is_told_what_to_write_in_the_files_style(
    tmp_path: Path, sep: str, wrong: str, evidence: str, english: str, indonesian: str
) -> None:
    """`'68,02' bukan angka ... misalnya 68,02`: the example was the reader's language's, the very text refused in a
    file of decimal points; it is the number in the style the file is read in."""
    write_season(tmp_path, small_season_tables())
    path = tmp_path / "2025" / "badan_usaha.csv"
    rows = [line.split(",") for line in path.read_text().splitlines()]
    for row in rows[1:]:  # whole percents, which show no style
        for column in ("upah_sesuai_pct", "nik_valid_pct", "vendor_patuh_pct"):
            row[rows[0].index(column)] = "90"
    rows[1][rows[0].index("upah_sesuai_pct")] = wrong
    rows[2][rows[0].index("upah_sesuai_pct")] = evidence
    path.write_text("\n".join(sep.join(row) for row in rows) + "\n")
    errors = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_NOT_NUMBER"]
    assert [(p.row, p.column) for p in errors] == [(2, "upah_sesuai_pct")]
    assert english in errors[0].message("en")
    assert indonesian in errors[0].message("id")


@pytest.mark.parametrize("evidence", ["95.25", "95,25", 95.25], ids=["text_point", "text_comma", "number_cell"])
def test_a_workbooks_example_number_is_written_in_the_messages_language(tmp_path: Path, evidence: object) -> None:
    """`'banyak' bukan angka ... misalnya 1234567 atau 68.02` for a workbook: Excel in the Indonesian locale types
    68,02 (68.02 becomes text or a date there), so a workbook's example follows the message's language, whatever
    style its text cells show; it says to type the number as a number, not as text (read in the file's style: a
    message beside it may say that style is English)."""
    folder = write_season(tmp_path, small_season_tables())
    frame = pd.read_csv(folder / "badan_usaha.csv", dtype={"npp": str, "kode_wilayah": str}).astype(object)
    for column in ("upah_sesuai_pct", "nik_valid_pct", "vendor_patuh_pct"):
        frame[column] = pd.Series(90, index=frame.index, dtype=object)
    frame.loc[0, "upah_sesuai_pct"] = "banyak"
    frame.loc[1, "upah_sesuai_pct"] = evidence
    (folder / "badan_usaha.csv").unlink()
    frame.to_excel(folder / "badan_usaha.xlsx", index=False)
    errors = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_NOT_NUMBER"]
    assert [(p.file, p.row, p.column) for p in errors] == [("badan_usaha.xlsx", 2, "upah_sesuai_pct")]
    said = (
        "Ketik angkanya saja ke sel itu, sebagai angka (bukan teks), misalnya 1234567 atau 68,02 (tanpa Rp, %, atau "
        "kata)."
    )
    assert said in errors[0].message("id")
    assert (
        "Type only the number into the cell, as a number (not as text), e.g. 1234567 or 68.02 (no Rp, % or words)."
        in errors[0].message("en")
    )


def test_a_year_typed_into_a_date_cell_is_told_to_be_formatted_as_a_number(tmp_path: Path) -> None:
    """2024 typed into a cell formatted as a date shows (and is read) as 1905-07-16: the message said only to write a
    four-digit year, which the user had done. It now says the cell is formatted as a date; a year that is no date
    still gets E_BAD_YEAR."""
    _, path, book, sheet = _pemda_workbook_to_edit(tmp_path)
    column = [cell.value for cell in sheet[1]].index("tahun") + 1
    sheet.cell(row=2, column=column, value=2024).number_format = "dd/mm/yyyy"
    sheet.cell(row=3, column=column, value=24)
    book.save(path)
    errors = sorted((p for p in load_season(2025, tmp_path).report.errors if p.column == "tahun"), key=lambda p: p.row)
    assert [(p.code, p.row, str(p.value)) for p in errors] == [
        ("E_YEAR_DATE_CELL", 2, "1905-07-16 00:00:00"),
        ("E_BAD_YEAR", 3, "24"),
    ]
    assert "the cell is formatted as a date" in errors[0].message("en")
    assert "e.g. 2024" in errors[0].message("en") and "sel itu berformat tanggal" in errors[0].message("id")


def test_a_number_typed_into_a_date_or_time_cell_is_told_to_be_formatted_as_a_number(tmp_path: Path) -> None:
    """A count typed into a cell formatted as a date, a time or a duration shows as one and is read as one: the
    message says to format the cell as a number (it said to type the number, which the user had done). Such a text
    in a CSV, where no cell has a format, gets the example as before."""
    tables, path, book, sheet = _pemda_workbook_to_edit(tmp_path)
    folder = path.parent
    column = [cell.value for cell in sheet[1]].index("peserta_pmi") + 1
    for row, (value, format_code) in enumerate(
        [(700, "dd/mm/yyyy"), (45000.5, "d/m/yy h:mm"), (0.25, "h:mm:ss"), (1.5, "[h]:mm:ss")], start=2
    ):
        sheet.cell(row=row, column=column, value=value).number_format = format_code
    book.save(path)
    errors = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_NOT_NUMBER"]
    assert [(p.row, p.column) for p in errors] == [(row, "peserta_pmi") for row in range(2, 6)]
    shown = [str(p.value) for p in errors]
    assert shown[:3] == ["1901-11-30 00:00:00", "2023-03-15 12:00:00", "06:00:00"]
    assert shown[3] in ("1 day, 12:00:00", "1900-01-01 12:00:00")  # a duration: an older openpyxl reads a date
    for problem in errors:
        assert "formatted as a date or a time" in problem.message("en")
        assert "format the cell as a number (Format Cells → Number)" in problem.message("en")
        assert "Sel itu berformat tanggal atau waktu" in problem.message("id")
    path.unlink()
    frame = tables["pemda"].astype(object)
    frame.loc[0, "peserta_pmi"] = "2023-03-15 00:00:00"
    frame.to_csv(folder / "pemda.csv", index=False)
    errors = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_NOT_NUMBER"]
    assert len(errors) == 1 and "Write a number only" in errors[0].message("en")


def test_undecided_ambiguous_value_is_reported(tmp_path: Path) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    frame = tables["badan_usaha"].astype(object)
    frame["vendor_patuh_pct"] = ""
    frame["upah_sesuai_pct"] = ["1.234", "90", "100", "80"]  # nothing else says which style
    frame["nik_valid_pct"] = "99"
    frame.to_csv(folder / "badan_usaha.csv", index=False)
    report = load_season(2025, tmp_path).report
    ambiguous = [p for p in report.warnings if p.code == "W_AMBIGUOUS_NUMBER"]
    assert [(p.row, p.column, p.value) for p in ambiguous] == [(2, "upah_sesuai_pct", "1.234")]


@pytest.mark.parametrize(
    ("sep", "count", "amount", "found", "read"),
    [
        # a decimal-comma file: 1,500 is 1.5, no count; one error saying so (was also warned of as read two ways,
        # with nothing else to decide the style), whether or not the amount shows the style
        (";", "1,500", "30240000", {"E_NOT_WHOLE_SEPARATOR"}, None),
        (";", "1,500", "30.240.000", {"E_NOT_WHOLE_SEPARATOR"}, None),  # no mix of styles
        # 1.500 is 1500 by the separator, and a count is whole: both say so, no warning for each of a file's counts
        (";", "1.500", "30240000", set(), 1500.0),
        (";", "1.500", "30.240.000", set(), 1500.0),
        # a decimal-point file: 1.500 is 1.5
        (",", "1.500", "30240000", {"E_NOT_WHOLE_SEPARATOR"}, None),
        (",", "1.500", "30240000.5", {"E_NOT_WHOLE_SEPARATOR"}, None),
        (",", '"1,500"', "30240000", set(), 1500.0),
        (",", '"1,500"', '"30,240,000"', set(), 1500.0),
    ],
)
def test_a_count_with_one_group_of_three_digits_is_read_in_the_files_style(
    tmp_path: Path, sep: str, count: str, amount: str, found: set[str], read: float | None
) -> None:
    """`1,500` in a count of a semicolon file was taken for one thousand five hundred, deciding the whole file's
    style by itself with no word (and `1.500` in a comma file), where the same text in a money column is read in
    the file's style and warned of when nothing else shows the style: a count is read so too, and a count that is
    then not whole is an error."""
    write_season(tmp_path, small_season_tables())
    path = tmp_path / "2025" / "desa.csv"
    lines = path.read_text().splitlines()
    rows = [line.split(",") for line in lines]
    rows[1][rows[0].index("penduduk_bekerja")] = count
    rows[1][rows[0].index("anggaran_iuran_dana_desa_rp")] = amount
    path.write_text("\n".join(sep.join(row) for row in rows) + "\n")
    result = load_season(2025, tmp_path)
    desa = [p for p in result.report.problems if p.file == "desa.csv"]
    assert {p.code for p in desa} == found, result.report.render("en")
    assert all((p.row, p.column) == (2, "penduduk_bekerja") for p in desa)
    if read is not None:
        assert result.season is not None
        assert result.season.desa["penduduk_bekerja"].iloc[0] == read


def test_a_value_read_two_ways_is_shown_in_the_messages_language_with_the_files_reason(tmp_path: Path) -> None:
    """The warning said 'dibaca sebagai 1.5' in Indonesian (Python's number, not the language's) and blamed a
    workbook's ',' separator, which a workbook has not."""
    write_season(tmp_path, small_season_tables())
    path = tmp_path / "2025" / "desa.csv"
    rows = [line.split(",") for line in path.read_text().splitlines()]
    rows[1][rows[0].index("anggaran_iuran_dana_desa_rp")] = "1,234"
    path.write_text("\n".join(";".join(row) for row in rows) + "\n")
    (warning,) = [p for p in load_season(2025, tmp_path).report.warnings if p.code == "W_AMBIGUOUS_NUMBER"]
    assert "dibaca sebagai 1,234 karena berkas memakai pemisah ';' dan" in warning.message("id")
    assert "read as 1.234 because the file uses the ';' separator and" in warning.message("en")

    tables = small_season_tables()
    folder = write_season(tmp_path / "xlsx", tables)
    as_text = "anggaran_iuran_apbd_rp"
    _pemda_workbook(folder, tables["pemda"], lambda column, value: "1.500" if column == as_text else value)
    found = [p for p in load_season(2025, tmp_path / "xlsx").report.warnings if p.code == "W_AMBIGUOUS_NUMBER"]
    assert found and "read as 1.5 because a workbook's numbers typed as text are read in English style" in (
        found[0].message("en")
    )
    assert "dibaca sebagai 1,5 karena angka yang diketik sebagai teks di buku kerja" in found[0].message("id")


def test_a_count_typed_as_text_in_a_workbook_is_read_in_its_style(tmp_path: Path) -> None:
    """A workbook's text cell `1.500` in a count is read as a workbook's numbers are without other evidence,
    1.5, and refused, no longer taken for 1500 on its own: in one error saying both readings and what to write,
    not a warning that it reads two ways beside an error telling to round it."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: "1.500" if column == "peserta_pmi" else value)
    problems = [p for p in load_season(2025, tmp_path).report.problems if p.column == "peserta_pmi"]
    assert [(p.code, p.row) for p in problems if p.row == 2] == [("E_NOT_WHOLE_SEPARATOR", 2)]
    assert problems[0].message("en") == (
        "pemda.xlsx, sheet 'Sheet', row 2, column 'peserta_pmi': "
        "Value '1.500' must be a whole number (a count of people or documents), but it is read as 1.5: this file's "
        "numbers written as text are read in the English (1,234,567 and 68.02) format. If you meant 1,500, write it "
        "without a thousands separator: 1500."
    )
    assert problems[0].message("id") == (
        "pemda.xlsx, lembar 'Sheet', baris 2, kolom 'peserta_pmi': "
        "Nilai '1.500' harus bilangan bulat (jumlah orang atau dokumen), tetapi terbaca sebagai 1,5: angka berkas ini "
        "yang ditulis sebagai teks dibaca dengan format Inggris (1,234,567 dan 68.02). Jika maksudnya 1.500, tulis "
        "tanpa pemisah ribuan: 1500."
    )


def test_a_count_stored_as_a_number_that_is_not_whole_is_not_said_to_read_two_ways(tmp_path: Path) -> None:
    """A workbook's number cell 1.5 in a count is no text a separator decides: the plain error, told to round it."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: 1.5 if column == "peserta_pmi" else value)
    problems = [p for p in load_season(2025, tmp_path).report.problems if p.column == "peserta_pmi"]
    assert {p.code for p in problems} == {"E_NOT_WHOLE"}


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("1234", "plain"),
        ("1.234.567", "id"),
        ("68,02", "id"),
        ("1,234,567", "en"),
        ("68.02", "en"),
        ("1.234", "ambiguous"),
        ("1,234", "ambiguous"),
        ("0.500", "en"),
        ("12a", "invalid"),
        ("1.234,5", "id"),
        ("1,234.5", "en"),
    ],
)
def test_classify(text: str, style: str) -> None:
    assert classify(text) == style


def test_digits_other_than_0_to_9_are_no_number(tmp_path: Path) -> None:
    """Arabic-Indic and full-width digits are text to a spreadsheet; Python's \\d and float() read them as 123 and
    2812, so they passed as numbers."""
    full_width = "\uff12\uff18\uff11\uff12"  # 2812
    for text in ("\u0661\u0662\u0663", full_width, "1.\uff12\uff13\uff14"):
        assert classify(text) == "invalid" and to_float(text, "en") is None and to_float(text, "id") is None
    tables = small_season_tables()
    tables["pemda"] = tables["pemda"].astype({"penduduk_bekerja": object})
    tables["pemda"].loc[0, "penduduk_bekerja"] = full_width
    write_season(tmp_path, tables)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.row, p.column) for p in errors] == [("E_NOT_NUMBER", 2, "penduduk_bekerja")]


def test_to_float() -> None:
    assert to_float("1.234.567", "id") == 1234567
    assert to_float("68,02", "id") == pytest.approx(68.02)
    assert to_float("1,234,567.5", "en") == 1234567.5
    assert to_float("68,02", "en") is None


# --- robustness of the readers (issue 10) ---------------------------------------------------


def _edit_sheet(path: Path, edit: Callable[[str], str]) -> None:
    """Rewrite the first sheet's XML inside an .xlsx (a zip) with `edit`."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)


def _declare_dimension(ref: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        edited, count = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', xml)
        assert count == 1
        return edited

    return edit


def test_cr_only_line_endings_are_read_like_lf(
    tmp_path: Path, plain: dict[str, pd.DataFrame], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_season(tmp_path, small_season_tables())
    for name in ("desa", "wawancara"):  # as Excel for Mac saves "CSV (Macintosh)"
        path = folder / f"{name}.csv"
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    assert b"\n" not in (folder / "desa.csv").read_bytes()
    loaded = _load(tmp_path)
    for name, frame in plain.items():
        pdt.assert_frame_equal(loaded[name], frame)
    assert main(["validate", "--data-dir", str(tmp_path)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_header_longer_than_the_csv_field_limit_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_season(tmp_path, small_season_tables())
    path = folder / "desa.csv"
    text = path.read_text()
    path.write_text("x" * 131_073 + "," + text)  # over csv.field_size_limit() in one header field
    length = f"{131_074 + len(text.splitlines()[0]):,}"
    for lang, words, shown in (("id", "terlalu panjang", length.replace(",", ".")), ("en", "too long", length)):
        assert main(["validate", "--data-dir", str(tmp_path), "--lang", lang]) == 1
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        line = next(line for line in out.out.splitlines() if "desa.csv" in line and "[" in line)
        assert words in line and shown in line, line


def test_xlsx_rows_beyond_the_declared_dimension_are_read(tmp_path: Path, plain: dict[str, pd.DataFrame]) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    (folder / "wawancara.csv").unlink()
    path = folder / "wawancara.xlsx"
    tables["wawancara"].to_excel(path, index=False)
    _edit_sheet(path, _declare_dimension("A1:E20"))  # the sheet holds 57 rows
    loaded = _load(tmp_path)
    pdt.assert_frame_equal(loaded["wawancara"], plain["wawancara"])


@pytest.mark.parametrize("far_header", [False, True])
def test_xlsx_width_is_bounded_by_the_header_not_the_declared_dimension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, far_header: bool
) -> None:
    rows = 300
    path = tmp_path / "lebar.xlsx"
    pd.DataFrame({c: range(rows) for c in "abcde"}).to_excel(path, index=False)

    def edit(xml: str) -> str:  # a declared A1:XFD, a stray value right of the header, maybe a name in XFD1
        xml = xml.replace('<row r="2">', '<row r="2"><c r="XFC2" t="n"><v>7</v></c>', 1)
        if far_header:
            xml = xml.replace("</row>", '<c r="XFD1" t="inlineStr"><is><t>z</t></is></c></row>', 1)
        return _declare_dimension(f"A1:XFD{rows + 1}")(xml)

    _edit_sheet(path, edit)
    calls = 0
    original = readers._cell_text

    def counting(cell: object) -> tuple[str, bool]:
        nonlocal calls
        calls += 1
        return original(cell)

    monkeypatch.setattr(readers, "_cell_text", counting)
    raw = readers.read_table_file(path)
    assert list(raw.cells.columns) == [*"abcde", *"z" * far_header]
    assert len(raw.cells) == rows and raw.cells.index[-1] == rows + 1
    assert calls <= 16_384 + 6 * (rows + 1), calls  # the header row, then the named columns only


def test_formula_without_saved_value_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    (folder / "pemda.csv").unlink()
    frame = tables["pemda"].astype({"peserta_pmi": object, "penduduk_bekerja": object})
    frame.loc[3, "peserta_pmi"] = "=G2+1"  # written by a tool that does not compute: no saved value
    frame.loc[5, "penduduk_bekerja"] = "=SUM(C2:C3)"
    frame.to_excel(folder / "pemda.xlsx", index=False)
    result = load_season(2025, tmp_path)
    found = [(p.row, p.column, p.value) for p in result.report.errors if p.code == "E_FORMULA_NO_VALUE"]
    assert found == [(7, "penduduk_bekerja", "=SUM(C2:C3)"), (5, "peserta_pmi", "=G2+1")]
    assert not [p for p in result.report.errors if p.code == "E_BLANK" and p.row in (5, 7)]
    for lang, words in (("id", "tanpa nilai tersimpan"), ("en", "without a saved value")):
        assert main(["validate", "--data-dir", str(tmp_path), "--lang", lang]) == 1
        out = capsys.readouterr().out
        assert any("pemda.xlsx" in line and "peserta_pmi" in line and words in line for line in out.splitlines())


def test_formula_with_saved_value_reads_the_value(tmp_path: Path, plain: dict[str, pd.DataFrame]) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    (folder / "pemda.csv").unlink()
    frame = tables["pemda"].astype({"peserta_pmi": object})
    saved = frame.loc[3, "peserta_pmi"]
    frame.loc[3, "peserta_pmi"] = "=G4"
    path = folder / "pemda.xlsx"
    frame.to_excel(path, index=False)
    _edit_sheet(path, lambda xml: xml.replace("<f>G4</f><v />", f"<f>G4</f><v>{saved}</v>", 1))
    pdt.assert_frame_equal(_load(tmp_path)["pemda"], plain["pemda"])


def _compound_file(*streams: str) -> bytes:
    """The start of an OLE2 compound file naming `streams` in its directory, as Excel writes an encrypted
    workbook (the reader only needs the signature and the stream names)."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for name in ("Root Entry", *streams))
    return header + directory


@pytest.mark.parametrize(
    ("streams", "code", "english"),
    [
        (("EncryptionInfo", "EncryptedPackage"), "E_XLSX_ENCRYPTED", "password-protected"),
        (("Workbook",), "E_XLSX_NOT_ZIP", "not an .xlsx file"),
    ],
)
def test_encrypted_or_old_excel_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], streams: tuple[str, ...], code: str, english: str
) -> None:
    folder = write_season(tmp_path, small_season_tables())
    (folder / "desa.csv").unlink()
    (folder / "desa.xlsx").write_bytes(_compound_file(*streams))
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [(code, "desa.xlsx")]
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert english in out.out and "Traceback" not in out.err


def test_a_workbook_saved_as_strict_open_xml_is_said_so_not_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A desa.xlsx saved as 'Strict Open XML Spreadsheet' (Excel's Save As offers it) was "damaged, cut short or of
    another kind (technical detail: IndexError: list index out of range)", after a warning of openpyxl's own."""
    folder = write_season(tmp_path, small_season_tables())
    path = folder / "desa.xlsx"
    pd.read_csv(folder / "desa.csv", dtype=str).to_excel(path, index=False)
    (folder / "desa.csv").unlink()
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:  # the namespaces Strict Open XML writes
        for info, data in members:
            data = data.replace(
                b"schemas.openxmlformats.org/spreadsheetml/2006/main", b"purl.oclc.org/ooxml/spreadsheetml/main"
            )
            target.writestr(
                info,
                data.replace(b"schemas.openxmlformats.org/officeDocument/2006", b"purl.oclc.org/ooxml/officeDocument"),
            )
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_STRICT", "desa.xlsx")]
    assert "disimpan sebagai 'Strict Open XML Spreadsheet'" in errors[0].message("id")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "desa.xlsx: This workbook is saved as 'Strict Open XML Spreadsheet'" in out.out
    assert "IndexError" not in out.out + out.err and "UserWarning" not in out.err


def test_an_empty_xlsx_file_is_said_to_be_empty_not_damaged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 0-byte desa.xlsx was "damaged, cut short or of another kind (technical detail: BadZipFile: ...)"."""
    folder = write_season(tmp_path, small_season_tables())
    (folder / "desa.csv").unlink()
    (folder / "desa.xlsx").write_bytes(b"")
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_EMPTY", "desa.xlsx")]
    assert "Berkas kosong (0 bita)" in errors[0].message("id")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "desa.xlsx: The file is empty (0 bytes)" in out.out and "BadZipFile" not in out.out + out.err


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_csv_given_an_xlsx_name_is_said_to_be_text(tmp_path: Path, bom: bytes) -> None:
    """A desa.csv renamed desa.xlsx was "damaged, cut short or of another kind (technical detail: BadZipFile: File is
    not a zip file)": it is said to be text, to be given back its .csv name."""
    folder = write_season(tmp_path, small_season_tables())
    (folder / "desa.xlsx").write_bytes(bom + (folder / "desa.csv").read_bytes())
    (folder / "desa.csv").unlink()
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_IS_TEXT", "desa.xlsx")]
    assert "Kembalikan namanya menjadi .csv" in errors[0].message("id")
    assert "BadZipFile" not in errors[0].message("en")
    (folder / "desa.xlsx").write_bytes(b"\x00\x01binary, no workbook")
    errors = load_season(2025, tmp_path).report.errors
    assert [p.code for p in errors] == ["E_XLSX_DAMAGED"]  # not text: said to be damaged, as before


def test_an_opendocument_spreadsheet_given_an_xlsx_name_is_said_to_be_one(tmp_path: Path) -> None:
    """A desa.ods renamed desa.xlsx (LibreOffice's own format) was "damaged, cut short or of another kind (technical
    detail: KeyError: "There is no item named '[Content_Types].xml' in the archive")": it is said to be an .ods."""
    folder = write_season(tmp_path, small_season_tables())
    (folder / "desa.csv").unlink()
    with zipfile.ZipFile(folder / "desa.xlsx", "w") as package:  # as LibreOffice writes it: mimetype first, stored
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_IS_ODS", "desa.xlsx")]
    assert "desa.xlsx: This .xlsx file is an OpenDocument spreadsheet (.ods)" in errors[0].message("en")
    assert "KeyError" not in errors[0].message("id")


def test_a_table_without_read_permission_says_how_to_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """desa.csv without read permission was to be opened "in Excel, checked and saved again", which the
    permission does not allow: it is to be closed where it is open, and its permissions checked."""
    folder = write_season(tmp_path, small_season_tables())
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == folder / "desa.csv":  # tests run as root, whom chmod 000 does not stop
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_FILE_UNREADABLE", "desa.csv")]
    assert "Berkas tidak dapat dibaca: tidak ada izin" in errors[0].message("id")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en", "--no-cache"]) == 1
    said = "desa.csv: The file cannot be read: permission denied (the file may be open in another program, such as "
    out = capsys.readouterr().out
    assert said in out and "make sure you may read it (its permissions)" in out and "save it again" not in out, out


def _desa_workbook(folder: Path, hidden_first: bool) -> Path:
    """desa.xlsx holding the season's desa rows on sheet 'data'; with `hidden_first`, a hidden sheet 'lama' before
    it holds an older copy whose every penduduk_bekerja is 1 (a stale sheet somebody hid instead of deleting)."""
    frame = pd.read_csv(folder / "desa.csv", dtype=str)
    (folder / "desa.csv").unlink()
    path = folder / "desa.xlsx"
    with pd.ExcelWriter(path) as writer:
        if hidden_first:
            frame.assign(penduduk_bekerja="1").to_excel(writer, sheet_name="lama", index=False)
        frame.to_excel(writer, sheet_name="data", index=False)
    if hidden_first:
        book = load_workbook(path)
        book["lama"].sheet_state = "hidden"
        book.active = 1
        book.save(path)
    return path


def test_a_workbook_whose_first_sheet_is_hidden_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_season(tmp_path, small_season_tables())
    _desa_workbook(folder, hidden_first=True)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_FIRST_SHEET_HIDDEN", "desa.xlsx")]
    assert "'lama', is hidden" in errors[0].message("en") and "'lama', tersembunyi" in errors[0].message("id")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "desa.xlsx: The first sheet of this workbook, 'lama', is hidden" in out.out
    assert "Traceback" not in out.out + out.err


def test_a_visible_first_sheet_is_read_with_a_hidden_sheet_after_it(tmp_path: Path) -> None:
    folder = write_season(tmp_path, small_season_tables())
    path = _desa_workbook(folder, hidden_first=False)
    book = load_workbook(path)
    book.create_sheet("daftar").sheet_state = "hidden"  # as the intake templates' list sheet
    book.save(path)
    assert load_season(2025, tmp_path).season is not None


def test_a_zip_bomb_workbook_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_season(tmp_path, small_season_tables())
    path = _desa_workbook(folder, hidden_first=False)
    padded = tmp_path / "padded.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # blanks between the rows: valid XML, 8 MB of it
                data = data.replace(b"</sheetData>", b" " * (8 << 20) + b"</sheetData>")
            target.writestr(item.filename, data)
    padded.replace(path)
    monkeypatch.setattr(xlsx_values, "_UNPACKED_FLOOR", 1 << 20)  # the real floor, 64 MB, would make a slow test
    monkeypatch.setattr(readers, "plain_sheet", lambda _path: pytest.fail("the bomb was unpacked"))
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_UNPACKED_TOO_LARGE", "desa.xlsx")]
    english = errors[0].message("en")
    assert "unpacks to 8.4 MB from 9 KB (its part xl/worksheets/sheet1.xml)" in english, english
    assert "terurai menjadi 8,4 MB dari 9 KB" in errors[0].message("id")


@pytest.mark.parametrize("workbook", ["xlsx", "xls"])
def test_a_workbook_renamed_to_csv_is_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workbook: str
) -> None:
    """It was told to be "not UTF-8 text (a letter such as é saved in another encoding)"."""
    folder = write_season(tmp_path, small_season_tables())
    path = _desa_workbook(folder, hidden_first=False)
    data = path.read_bytes() if workbook == "xlsx" else _compound_file("Workbook")
    path.unlink()
    (folder / "desa.csv").write_bytes(data)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_CSV_IS_WORKBOOK", "desa.csv")]
    assert "Berkas .csv ini sebenarnya buku kerja Excel" in errors[0].message("id")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    assert "desa.csv: This .csv file is an Excel workbook" in capsys.readouterr().out


@pytest.mark.parametrize("line", ["sep=,", "SEP=;", "sep=\t"])
def test_an_excel_separator_line_is_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    """It was read as a header of 1 or 2 columns: "Row 2 has 13 cells but the header names 2 columns"."""
    folder = write_season(tmp_path, small_season_tables())
    path = folder / "pemda.csv"
    path.write_text(f"{line}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_CSV_SEP_LINE", "pemda.csv")]
    assert "Baris pertama" in errors[0].message("id")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    assert f"pemda.csv: The first line '{line.strip()}' tells Excel which separator" in capsys.readouterr().out


def test_csv_number_columns_keep_the_text_of_the_first_non_numbers_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "CHUNK_ROWS", 70)  # the rows below span several chunks
    rows = 400
    path = tmp_path / "angka.csv"
    frame = pd.DataFrame(
        {
            "nama": [f"kata {n}" for n in range(rows)],
            "jumlah": [str(n) if n % 2 else f" salah {n} " for n in range(rows)],
        }
    )
    frame.to_csv(path, index=False)
    cells = readers.read_table_file(path, number_columns={"jumlah"}).cells
    wrong = [f"salah {n}" for n in range(0, rows, 2)]
    shown = wrong[:KEEP_PER_KIND]
    assert cells["jumlah"].iloc[0 : 2 * KEEP_PER_KIND : 2].tolist() == shown
    assert (cells["jumlah"].iloc[2 * KEEP_PER_KIND :: 2] == readers.NOT_SHOWN).all()
    assert cells["jumlah"].iloc[1::2].tolist() == [str(n) for n in range(1, rows, 2)]
    assert cells["nama"].tolist() == frame["nama"].tolist()  # text columns keep every cell


@pytest.mark.parametrize("nul", [False, True], ids=["pyarrow", "pandas"])
def test_a_number_in_scientific_notation_keeps_its_text_after_the_first_non_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nul: bool
) -> None:
    """Beyond the first KEEP_PER_KIND words of a number column, `1e300` was read as NOT_SHOWN like them: its check
    could not tell it too large (E_NUMBER_TOO_LARGE), and counted it among the cells that are no number."""
    monkeypatch.setattr(readers, "CHUNK_ROWS", 70)  # the rows below span several chunks (a NUL: pandas reads them)
    words = KEEP_PER_KIND + 50
    path = tmp_path / "angka.csv"
    names = [f"kata{chr(0) if nul and n == 3 else ''} {n}" for n in range(words + 2)]
    frame = pd.DataFrame({"nama": names, "jumlah": [f"salah {n}" for n in range(words)] + ["1e300", "-1E+16"]})
    frame.to_csv(path, index=False)
    cells = readers.read_table_file(path, number_columns={"jumlah"}).cells
    assert cells["jumlah"].iloc[KEEP_PER_KIND - 1 :].tolist() == [
        f"salah {KEEP_PER_KIND - 1}",
        *[readers.NOT_SHOWN] * (words - KEEP_PER_KIND),
        "1e300",
        "-1E+16",
    ]


def _failure(path: Path) -> readers.ReadFailure:
    with pytest.raises(readers.ReadFailure) as caught:
        readers.read_table_file(path)
    return caught.value


def test_a_row_with_a_cell_lost_is_refused_not_filled_up(tmp_path: Path) -> None:
    path = tmp_path / "pemda.csv"
    path.write_text("a,b,c,d\n1,2,3,4\n5,6,7\n8,9,10,11\n12,13\n", encoding="utf-8")
    failure = _failure(path)
    assert failure.code == "E_ROW_SHORT"
    assert failure.fields == {"row": 3, "found": 3, "expected": 4, "more": 1}


def test_a_row_with_a_cell_too_many_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "pemda.csv"
    path.write_text('a,b,c\n1,2,3\n"x\ny",2,3\n4,5,6,7\n', encoding="utf-8")  # row 3 spans two lines
    failure = _failure(path)
    assert (failure.code, failure.fields) == ("E_ROW_LONG", {"row": 4, "found": 4, "expected": 3})
    path.write_bytes(b"a,b,c\n1,2,3\x00\n4,5,6,7\n")  # a NUL byte: read by pandas, which counts lines
    failure = _failure(path)
    assert (failure.code, failure.fields) == ("E_ROW_LONG", {"row": 3, "found": 4, "expected": 3})


def test_blank_rows_and_unnamed_trailing_columns_are_not_short_rows(tmp_path: Path) -> None:
    path = tmp_path / "pemda.csv"
    path.write_text("a,b,c,\n1,2,3\n\n  \n,,\n4,5,6\n", encoding="utf-8")
    cells = readers.read_table_file(path).cells
    assert list(cells.columns) == ["a", "b", "c"] and cells.index.tolist() == [2, 6]


def test_a_quote_never_closed_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "desa.csv"
    path.write_text('a,b\n1,2\n3,4\n"5,6\n7,8\n', encoding="utf-8")
    failure = _failure(path)
    assert (failure.code, failure.fields) == ("E_QUOTE_OPEN", {"row": 4})


def test_row_width_messages_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_season(tmp_path, small_season_tables())
    path = folder / "pemda.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0]  # row 3 loses its last cell
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    width = len(lines[0].split(","))
    for lang, words in (("id", f"Baris 3 berisi {width - 1} sel"), ("en", f"Row 3 has {width - 1} cells")):
        assert main(["validate", "--data-dir", str(tmp_path), "--lang", lang, "--no-cache"]) == 1
        out = capsys.readouterr()
        assert words in out.out and "pemda.csv" in out.out and "Traceback" not in out.err


def test_a_true_or_false_cell_in_xlsx_is_no_number(tmp_path: Path) -> None:
    """TRUE in a count column was read as 1; it is now the text TRUE, which the number check refuses."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kode_wilayah", "peserta_pu", "jkk"])
    sheet.append(["61.01", True, 1])
    sheet.append(["61.02", 5, False])
    path = tmp_path / "pemda.xlsx"
    workbook.save(path)
    raw = readers.read_table_file(path)
    assert raw.cells["peserta_pu"].tolist() == ["TRUE", "5"] and raw.cells["jkk"].tolist() == ["1", "FALSE"]
    assert raw.numeric_cells["peserta_pu"].tolist() == [False, True]


def _pemda_workbook(folder: Path, frame: pd.DataFrame, as_text: Callable[[str, object], object]) -> None:
    """`frame` as pemda.xlsx: numbers as number cells, except where `as_text(column, value)` gives a text."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([as_text(column, value) for column, value in zip(frame.columns, row, strict=True)])
    (folder / "pemda.csv").unlink(missing_ok=True)
    workbook.save(folder / "pemda.xlsx")


def _pemda_workbook_to_edit(tmp_path: Path) -> tuple[dict[str, pd.DataFrame], Path, Workbook, Worksheet]:
    """The small season in `tmp_path`, its pemda table as pemda.xlsx of number cells (`_pemda_workbook`), opened to
    be edited: the season's tables, the workbook's path, the workbook and its sheet."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: value)
    path = folder / "pemda.xlsx"
    book = load_workbook(path)
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    return tables, path, book, sheet


def test_number_cells_have_no_style_beside_indonesian_text_in_a_workbook(
    tmp_path: Path, plain: dict[str, pd.DataFrame]
) -> None:
    """A workbook whose amounts were typed as Indonesian text ('5.362.867.200') while its percents are number cells
    (55.5): the number cells are no English evidence, so the file is no mix of styles and loads like the CSV."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)

    def as_text(column: str, value: object) -> object:
        if column == "anggaran_iuran_apbd_rp":
            return f"{value:,}".replace(",", ".")
        return value

    _pemda_workbook(folder, tables["pemda"], as_text)
    result = load_season(2025, tmp_path)
    assert not [p for p in result.report.problems if p.file == "pemda.xlsx"], result.report.render("en")
    loaded = _load(tmp_path)
    pdt.assert_frame_equal(loaded["pemda"], plain["pemda"])


def test_a_number_cell_is_never_an_ambiguous_number(tmp_path: Path) -> None:
    """1.234 stored as a number is one thousandth above 1 whatever the locale: no warning that it could be read two
    ways, which stays for the same text typed into a text cell."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    frame = tables["pemda"].astype(object)
    frame["target_ucj_pct"] = 1.234
    _pemda_workbook(folder, frame, lambda column, value: value)
    report = load_season(2025, tmp_path).report
    assert not [p for p in report.problems if p.code == "W_AMBIGUOUS_NUMBER"]
    _pemda_workbook(folder, frame, lambda column, value: "1.234" if column == "target_ucj_pct" else value)
    ambiguous = [p for p in load_season(2025, tmp_path).report.problems if p.code == "W_AMBIGUOUS_NUMBER"]
    assert [(p.row, p.column) for p in ambiguous][:2] == [(2, "target_ucj_pct"), (3, "target_ucj_pct")]


@pytest.mark.parametrize("text", ["inf", "-Infinity", "NaN"])
def test_an_infinite_value_in_a_csv_is_said_to_be_no_finite_number(tmp_path: Path, text: str) -> None:
    """`inf` was told to write "a number only, e.g. 1234567 or 68.02", as if it were a word (`1e400`, a number too
    large: `test_a_number_too_large_is_said_so_in_a_csv_as_in_a_workbook`)."""
    tables = small_season_tables()
    tables["pemda"] = tables["pemda"].astype({"peserta_pmi": object})
    tables["pemda"].loc[0, "peserta_pmi"] = text
    write_season(tmp_path, tables)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.row, p.column, p.value) for p in errors] == [("E_NOT_NUMBER", 2, "peserta_pmi", text)]
    assert "not a finite number" in errors[0].message("en")
    assert "bukan bilangan terhingga" in errors[0].message("id")


#: A number too large written in scientific notation, the number a workbook's number cell of it holds (None: none can,
#: beyond a float's range; one written so reads as inf, no finite number) and how a message quotes that cell.
_TOO_LARGE = (
    ("1e300", 1e300, "1E+300"),
    ("-1E+300", -1e300, "-1E+300"),
    ("1E+16", 1e16, "10000000000000000"),
    ("9,1e15", 9.1e15, "9100000000000000"),
    ("1e400", None, None),
)


@pytest.mark.parametrize(
    ("written", "number", "shown", "form"),
    [
        (*case, form)
        for case in _TOO_LARGE
        for form in ("csv", "number cell", "text cell")
        if case[1] is not None or form != "number cell"
    ],
)
def test_a_number_too_large_is_said_so_in_a_csv_as_in_a_workbook(
    tmp_path: Path, written: str, number: float | None, shown: str | None, form: str
) -> None:
    """A workbook's number cell of 1e300 was E_NUMBER_TOO_LARGE, the same number in a CSV or typed as text in a
    workbook (`1e300`) E_NOT_NUMBER, told to format the column as Number and save again (which gives 301 digits, as
    large), and `1e400` said to be no finite number: each is one error saying the value is too large, quoting the cell
    as it shows (a number cell as Excel shows it)."""
    tables = small_season_tables()
    tables["pemda"] = tables["pemda"].astype({"anggaran_iuran_apbd_rp": object})
    tables["pemda"].loc[1, "anggaran_iuran_apbd_rp"] = written if form != "number cell" else number
    folder = write_season(tmp_path, tables)
    if form != "csv":
        _pemda_workbook(folder, tables["pemda"], lambda column, value: value)
    errors = load_season(2025, tmp_path).report.errors
    quoted = shown if form == "number cell" else written
    assert [(p.code, p.row, p.column, str(p.value)) for p in errors] == [
        ("E_NUMBER_TOO_LARGE", 3, "anggaran_iuran_apbd_rp", quoted)
    ]
    assert f"Value '{quoted}' is too large (above 9,007,199,254,740,991" in errors[0].message("en")
    assert "terlalu besar" in errors[0].message("id")


@pytest.mark.parametrize("beside", ["nothing", "a formula"])
@pytest.mark.parametrize(
    ("written", "code", "shown"),
    [
        ("inf", "E_NOT_NUMBER", "inf"),
        ("-inf", "E_NOT_NUMBER", "-inf"),
        ("nan", "E_NOT_NUMBER", "nan"),
        ("INF", "E_NOT_NUMBER", "INF"),
        ("1e999", "E_NUMBER_TOO_LARGE", "1e999"),
    ],
)
def test_a_number_cell_holding_no_finite_number_is_that_cells_error(
    tmp_path: Path, written: str, code: str, shown: str, beside: str
) -> None:
    """A number cell whose saved value is `inf`, `nan` or `1e999` (no number Excel holds: Excel offers to repair the
    file and recovers the other cells) made the whole file E_XLSX_DAMAGED where openpyxl read it (a formula elsewhere
    in the sheet) and, where calamine read it (the sheet alone), an error quoting `inf` for `INF` and `1e999`. It is
    the cell's own error, at its row and column, quoting the cell as its file writes it, with or without a formula
    beside it, as a CSV's `inf` or `1e400` is."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: value)

    def edit(xml: str) -> str:  # peserta_pmi (G) of row 3; a formula with a saved value in row 2
        edited, count = re.subn(r'(<c r="G3"[^>]*>)<v>[^<]*</v>', rf"\1<v>{written}</v>", xml)
        if beside == "a formula":
            edited, more = re.subn(r'<c r="G2"([^>]*)><v>([^<]*)</v>', r'<c r="G2"\1><f>\2+0</f><v>\2</v>', edited)
            count += more - 1
        assert count == 1
        return edited

    _edit_sheet(folder / "pemda.xlsx", edit)
    assert xlsx_values.plain_sheet(folder / "pemda.xlsx") is None  # calamine would read inf: openpyxl reads it
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file, p.row, p.column, str(p.value)) for p in errors] == [
        (code, "pemda.xlsx", 3, "peserta_pmi", shown)
    ]
    said = errors[0].message("en")
    assert ("not a finite number" if code == "E_NOT_NUMBER" else "is too large") in said, said


def test_the_first_rows_of_a_workbook_holding_an_infinite_number_cell_are_read(tmp_path: Path) -> None:
    """A title above the header, found by reading the first rows (top_rows): a number cell of `inf` among them made
    openpyxl fail, so no row was read and the title was taken for the header. The cell reads empty there."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (["DATA JAMSOSTEK"], ["kode_wilayah", "peserta_pmi"], ["61", 12]):
        sheet.append(row)
    path = tmp_path / "pemda.xlsx"
    workbook.save(path)

    def infinite(xml: str) -> str:
        edited, count = re.subn(r'(<c r="B3"[^>]*>)<v>12</v>', r"\g<1><v>inf</v>", xml)
        assert count == 1
        return edited

    _edit_sheet(path, infinite)
    assert readers.top_rows(path, 3) == [["DATA JAMSOSTEK"], ["kode_wilayah", "peserta_pmi"], ["61", ""]]


def test_a_formula_error_value_is_said_to_be_one_in_a_workbook_and_a_csv(tmp_path: Path) -> None:
    """A cell showing #DIV/0! or #N/A (a workbook's error value, or its text in a CSV saved from one) was told to "type
    only the number into the cell, as a number (not as text)", as if someone had typed a word there."""
    tables = small_season_tables()
    tables["desa"] = tables["desa"].astype({"peserta": object})
    tables["desa"].loc[0, "peserta"] = "#N/A"
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: value)

    def failed(xml: str) -> str:  # peserta_pmi (G) of row 2, perda (K) of row 3: a count, a 0/1 column
        edited, count = re.subn(r'<c r="G2"[^>]*>.*?</c>', '<c r="G2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml)
        edited, more = re.subn(r'<c r="K3"[^>]*>.*?</c>', '<c r="K3" t="e"><v>#N/A</v></c>', edited)
        assert count == more == 1
        return edited

    _edit_sheet(folder / "pemda.xlsx", failed)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.file, p.row, p.column, p.value) for p in errors if p.code == "E_NOT_NUMBER"] == [
        ("pemda.xlsx", 2, "peserta_pmi", "#DIV/0!"),
        ("pemda.xlsx", 3, "perda", "#N/A"),
        ("desa.csv", 2, "peserta", "#N/A"),
    ]
    for error in errors:
        assert "the error a spreadsheet shows where a formula fails" in error.message("en")
        assert "tanda galat yang ditampilkan lembar kerja bila rumusnya gagal" in error.message("id")
        assert "as a number (not as text)" not in error.message("en") and "Write 0 (no)" not in error.message("en")


def test_a_formula_error_value_as_a_name_or_an_id_is_an_error(tmp_path: Path) -> None:
    """A juror '#N/A' (a lookup of the juror's id that failed) counted as one more juror, and a business named '#REF!'
    went into the reports, without a word."""
    tables = small_season_tables()
    tables["wawancara"].loc[0, "juri"] = "#N/A"
    tables["badan_usaha"].loc[1, "nama"] = "#REF!"
    tables["badan_usaha"].loc[2, "nama"] = "#Nama Usaha"  # a name that merely starts with '#'
    write_season(tmp_path, tables)
    errors = load_season(2025, tmp_path).report.errors
    assert sorted((p.code, p.file, p.row, p.column, p.value) for p in errors) == [
        ("E_FORMULA_ERROR_TEXT", "badan_usaha.csv", 3, "nama", "#REF!"),
        ("E_FORMULA_ERROR_TEXT", "wawancara.csv", 2, "juri", "#N/A"),
    ]
    assert "'#N/A' is the error a spreadsheet shows where a formula fails" in errors[-1].message("en")
    assert "'#N/A' adalah tanda galat yang ditampilkan lembar kerja" in errors[-1].message("id")


@pytest.mark.parametrize(
    ("column", "text", "said", "said_id"),
    [
        ("peserta_pu", "FALSE", "It is a logical value (TRUE or FALSE", "Itu nilai logika"),
        ("peserta_pu", "benar", "It is a logical value (TRUE or FALSE", "Itu nilai logika"),
        ("anggaran_iuran_apbd_rp", "3.33729E+09", "It is in scientific notation", "Angka ini ditulis dalam notasi"),
        ("anggaran_iuran_apbd_rp", "2,86E+06", "It is in scientific notation", "Angka ini ditulis dalam notasi"),
        ("anggaran_iuran_apbd_rp", "-1e-3", "It is in scientific notation", "Angka ini ditulis dalam notasi"),
        ("anggaran_iuran_apbd_rp", "+2.5E+06", "It is in scientific notation", "Angka ini ditulis dalam notasi"),
    ],
)
def test_a_non_number_a_spreadsheet_wrote_is_said_to_be_what_it_is(
    tmp_path: Path, column: str, text: str, said: str, said_id: str
) -> None:
    """A TRUE/FALSE cell (a comparison formula's result) in a count column was told to be typed as a number, not as
    text, which it was not; `3.33729E+09`, what a spreadsheet saves of a number too wide for its General column, was
    told to "write a number only, e.g. 1234567 or 68.02 (no Rp, % or text)", which it seemed to be."""
    tables = small_season_tables()
    tables["pemda"] = tables["pemda"].astype({column: object})
    tables["pemda"].loc[0, column] = text
    write_season(tmp_path, tables)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.row, p.column, p.value) for p in errors] == [("E_NOT_NUMBER", 2, column, text)]
    assert said in errors[0].message("en") and "e.g." not in errors[0].message("en")
    assert said_id in errors[0].message("id")


def test_a_formula_error_value_as_a_region_code_is_said_to_be_one(tmp_path: Path) -> None:
    """`#REF!` in kode_wilayah was told only the Kemendagri pattern and to format the column as text."""
    tables = small_season_tables()
    tables["pemda"] = tables["pemda"].astype({"kode_wilayah": object})
    tables["pemda"].loc[0, "kode_wilayah"] = "#REF!"
    write_season(tmp_path, tables)
    errors = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_BAD_CODE"]
    assert [(p.file, p.row, p.column, p.value) for p in errors] == [("pemda.csv", 2, "kode_wilayah", "#REF!")]
    assert "the error a spreadsheet shows where a formula fails" in errors[0].message("en")
    assert "tanda galat yang ditampilkan lembar kerja" in errors[0].message("id")


@pytest.mark.parametrize("percent_format", [False, True], ids=["calamine", "openpyxl"])
def test_an_infinite_number_cell_in_a_workbook_is_an_error_without_a_traceback(
    tmp_path: Path, percent_format: bool
) -> None:
    """A number cell holding `1e400` (read as inf) or `inf`: calamine read it `inf`, said to be no finite number;
    openpyxl's reader (a sheet with a percent format) raised ValueError out of `validate`, later the whole file was
    E_XLSX_DAMAGED. Each is its cell's error, alike whichever reader the sheet needs, as in a CSV: `inf` is no finite
    number, `1e400` too large."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: value)
    path = folder / "pemda.xlsx"
    if percent_format:
        book = load_workbook(path)
        book.active["H3"].number_format = "0.00%"  # target_ucj_pct, another row
        book.save(path)

    def infinite(xml: str) -> str:
        edited, count = re.subn(r'(<c r="G2"[^>]*>)<v>[^<]*</v>', r"\g<1><v>inf</v>", xml)
        edited, more = re.subn(r'(<c r="G4"[^>]*>)<v>[^<]*</v>', r"\g<1><v>1e400</v>", edited)
        assert count == more == 1
        return edited

    _edit_sheet(path, infinite)
    errors = [p for p in load_season(2025, tmp_path).report.errors if p.column == "peserta_pmi"]  # (H3: 5550 %)
    assert [(p.code, p.row, p.column, p.value) for p in errors] == [
        ("E_NOT_NUMBER", 2, "peserta_pmi", "inf"),
        ("E_NUMBER_TOO_LARGE", 4, "peserta_pmi", "1e400"),
    ]
    assert "not a finite number" in errors[0].message("en") and "is too large" in errors[1].message("en")


@pytest.mark.parametrize(
    ("value", "prefix"),
    [("<v/>", ""), ("<v />", ""), ("<v></v>", ""), ("<v> </v>", ""), ("<x:v></x:v>", "x:"), ("<x:v/>", "x:")],
)
def test_an_empty_value_tag_is_found_in_every_form_and_a_closing_tag_is_none(value: str, prefix: str) -> None:
    """Every written form of an empty number value is found; values followed by their closing tags (`</v></c>`, in
    every sheet) are not empty ones."""
    full = f'<{prefix}c r="B1" t="n"><{prefix}v>7</{prefix}v></{prefix}c>'
    row = f'<{prefix}row r="3"><{prefix}c r="A3" t="n"><{prefix}v>1</{prefix}v></{prefix}c>{full.replace("B1", "B2")}'
    xml = f'{row}<{prefix}c r="B3" t="n">{value}</{prefix}c></{prefix}row>'.encode()
    assert xlsx_values.empty_number_cells(xml, [0, 1]) == [(3, 1)]
    filled = xml.replace(value.encode(), f"<{prefix}v>2</{prefix}v>".encode())
    assert xlsx_values.empty_number_cells(filled, [0, 1]) == []


def test_a_sheet_of_values_is_not_searched_cell_by_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet whose values all hold something (the common one) is told apart by one search: the search of every
    cell (`_EMPTY_NUMBER`) does not run."""
    monkeypatch.setattr(xlsx_values, "_EMPTY_NUMBER", None)
    cells = "".join(f'<c r="A{r}" t="n"><v>{r}</v></c><c r="B{r}" t="s"><v>0</v></c>' for r in range(2, 50))
    assert xlsx_values.empty_number_cells(f"<sheetData><row>{cells}</row></sheetData>".encode(), [0, 1]) == []


@pytest.mark.parametrize("percent_format", [False, True], ids=["calamine", "openpyxl"])
def test_a_number_cell_openpyxl_wrote_for_nan_or_inf_is_an_error_of_its_row_and_column_not_read_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], percent_format: bool
) -> None:
    """openpyxl writes float('nan') and float('inf') as a number cell with an empty value (`<c t="n"><v/></c>`),
    which both readers read as blank: peserta_pmi, where blank means 0, became 0 without a word. Each such cell is an
    error of its own row and column, as a bad number typed as text is, in an extra column too; a row holding nothing
    else is read so that its cell is reported, a cell left empty is still blank, and the other cells read as
    before."""
    _, path, book, sheet = _pemda_workbook_to_edit(tmp_path)
    sheet.title = "isian"
    before = readers.read_table_file(path)
    sheet["G2"], sheet["G4"], sheet["C5"], sheet["G5"] = float("nan"), float("inf"), float("-inf"), float("nan")
    sheet["G3"], sheet["O1"], sheet["O4"] = None, "catatan", float("nan")
    last = sheet.max_row + 1
    sheet[f"C{last}"] = float("nan")  # a row of nothing else
    sheet["P3"] = float("nan")  # under no name: not read, warned of as any such cell
    if percent_format:  # read by openpyxl
        sheet["H3"].number_format = "0.00%"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert re.search(rb'<c r="G2" t="n"><v ?/>', archive.read("xl/worksheets/sheet1.xml"))
    raw = readers.read_table_file(path)
    assert {column: rows.tolist() for column, rows in raw.empty_numbers.items()} == {
        "penduduk_bekerja": [5, last],
        "peserta_pmi": [2, 4, 5],
        "catatan": [4],
    }
    assert raw.cells.index.tolist() == [*before.cells.index, last]
    kept = raw.cells.loc[before.cells.index, before.cells.columns]
    changed = {(2, "peserta_pmi"), (3, "peserta_pmi"), (4, "peserta_pmi"), (5, "peserta_pmi"), (5, "penduduk_bekerja")}
    if percent_format:
        changed.add((3, "target_ucj_pct"))
    for row, column in changed:
        kept.loc[row, column] = before.cells.loc[row, column] = ""
    pdt.assert_frame_equal(kept, before.cells)
    result = load_season(2025, tmp_path)
    found = [(p.row, p.column) for p in result.report.errors if p.code == "E_XLSX_NUMBER_NO_VALUE"]
    by_column = [(5, "penduduk_bekerja"), (last, "penduduk_bekerja"), (2, "peserta_pmi"), (4, "peserta_pmi")]
    assert found == [*by_column, (5, "peserta_pmi"), (4, "catatan")]
    blank = [(p.row, p.column) for p in result.report.errors if p.code == "E_BLANK"]
    assert (2, "peserta_pmi") not in blank and (last, "penduduk_bekerja") not in blank  # reported once, not as blank
    assert [p.code for p in result.report.warnings] == ["W_XLSX_UNNAMED_CELLS"]
    problem = next(p for p in result.report.errors if p.code == "E_XLSX_NUMBER_NO_VALUE")
    assert problem.message("en").startswith("pemda.xlsx, sheet 'isian', row 5, column 'penduduk_bekerja': The cell is")
    assert "Write the figure itself in it" in problem.message("en") and "Tulis angka sebenarnya" in problem.message()
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "pemda.xlsx, sheet 'isian', row 2, column 'peserta_pmi': The cell is a number cell" in out.out
    assert "Traceback" not in out.out + out.err


@pytest.mark.parametrize("percent_format", [False, True], ids=["calamine", "openpyxl"])
def test_number_cells_without_a_value_beyond_the_limit_are_counted(tmp_path: Path, percent_format: bool) -> None:
    """A sheet of many number cells without a value keeps the first KEEP_PER_KIND errors and counts the others."""
    _, path, book, sheet = _pemda_workbook_to_edit(tmp_path)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    for k in range(KEEP_PER_KIND + 20):
        sheet.append([*rows[k % len(rows)][:6], float("nan"), *rows[k % len(rows)][7:]])
    if percent_format:
        sheet["H3"].number_format = "0.00%"
    book.save(path)
    report = load_season(2025, tmp_path).report
    kind = ("pemda.xlsx", "error", "E_XLSX_NUMBER_NO_VALUE")
    assert sum(p.code == kind[2] for p in report.errors) == KEEP_PER_KIND and report.omitted[kind] == 20


@pytest.mark.filterwarnings("error::FutureWarning")  # pandas 2.2 deprecated what the frame was built with
@pytest.mark.parametrize("percent_format", [False, True], ids=["calamine", "openpyxl"])
def test_a_tiny_number_in_a_number_cell_is_that_number(tmp_path: Path, percent_format: bool) -> None:
    """0.00005 % stored as a number cell was read as the text '5e-05', which no number check accepts."""
    from openpyxl import Workbook

    tables = small_season_tables()
    frame = tables["badan_usaha"].astype(object)
    frame.loc[0, "upah_sesuai_pct"] = 0.00005
    frame.loc[1, "nik_valid_pct"] = 0.0000001
    as_text = frame.copy()  # as a CSV holds them: the two cells set as text (no `replace`, whose downcasting of
    as_text.loc[0, "upah_sesuai_pct"] = "0.00005"  # the object columns pandas 2.2 deprecated)
    as_text.loc[1, "nik_valid_pct"] = "0.0000001"
    tables["badan_usaha"] = as_text
    write_season(tmp_path / "plain", tables)
    expected = _load(tmp_path / "plain")["badan_usaha"]
    folder = write_season(tmp_path / "book", tables)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([None if value == "" else value for value in row])
    if percent_format:
        for cell in next(sheet.iter_cols(min_col=15, max_col=15, min_row=2)):
            cell.value, cell.number_format = cell.value / 100, "0.00%"
    (folder / "badan_usaha.csv").unlink()
    workbook.save(folder / "badan_usaha.xlsx")
    loaded = _load(tmp_path / "book")["badan_usaha"]
    pdt.assert_frame_equal(loaded, expected)
    assert loaded["upah_sesuai_pct"].iloc[0] == 0.00005 and loaded["nik_valid_pct"].iloc[1] == 0.0000001


@pytest.mark.parametrize("percent_format", [False, True], ids=["calamine", "openpyxl"])
def test_merged_cells_below_the_header_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], percent_format: bool
) -> None:
    """peserta_pmi 2000 for both years of province 61, merged into one cell: Excel shows 2000 across both rows, but
    the second cell is blank, which counts 0. Refused, naming the file, the sheet and the merged cells."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: value)
    book = load_workbook(folder / "pemda.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet.title = "isian"
    sheet.merge_cells("G2:G3")
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B8:B9")
    sheet.merge_cells("C4:C5")
    if percent_format:  # read by openpyxl
        sheet["H2"].number_format = "0.00%"
    book.save(folder / "pemda.xlsx")
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_MERGED_CELLS", "pemda.xlsx")]
    assert "Cells G2:G3, A4:A5, C4:C5 of sheet 'isian' are merged (other merged areas: 1)" in errors[0].message("en")
    assert "Sel G2:G3, A4:A5, C4:C5 pada lembar 'isian' digabung" in errors[0].message("id")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "pemda.xlsx: Cells G2:G3" in out.out and "Traceback" not in out.out + out.err


def test_a_merged_header_alone_is_read(tmp_path: Path) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    tables["pemda"]["catatan"] = ""
    _pemda_workbook(folder, tables["pemda"], lambda column, value: None if value == "" else value)
    book = load_workbook(folder / "pemda.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("N1:O1")  # a note's heading over two columns
    book.save(folder / "pemda.xlsx")
    assert load_season(2025, tmp_path).season is not None


@pytest.mark.parametrize("percent_format", [False, True], ids=["calamine", "openpyxl"])
def test_a_problem_in_a_workbook_names_its_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], percent_format: bool
) -> None:
    """61.10 typed into a number cell is 61.1: the error names the file, the sheet read, the row and the column, in
    the first run and in the next one (the warnings of a valid season come from the cache there)."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: 61.1 if value == "61.10" else value)
    book = load_workbook(folder / "pemda.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet.title = "isian pemda"
    if percent_format:  # read by openpyxl
        sheet["H2"].number_format = "0.00%"
        sheet["H2"] = 0.555
    book.save(folder / "pemda.xlsx")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "pemda.xlsx, sheet 'isian pemda', row 6, column 'kode_wilayah': Code '61.1'" in out
    assert main(["validate", "--data-dir", str(tmp_path)]) == 1
    assert "pemda.xlsx, lembar 'isian pemda', baris 6, kolom 'kode_wilayah'" in capsys.readouterr().out
    _pemda_workbook(folder, tables["pemda"], lambda column, value: 1000 if column == "penduduk_bekerja" else value)
    for _ in range(2):  # coverage above 100 %: a warning, stored with the valid season, then read from the cache
        result = load_season(2025, tmp_path, cache=SeasonCache.for_season(folder))
        assert result.season is not None and result.report.warnings
        assert all(p.message("en").startswith("pemda.xlsx, sheet 'Sheet', row ") for p in result.report.warnings)


def test_top_rows_reads_the_first_rows_each_at_its_own_separator(tmp_path: Path) -> None:
    """A title line without separators, then a header in Excel's Indonesian style, lines ended by CR alone (Excel for
    Mac); a workbook's first rows by their saved values; nothing after the rows asked for."""
    path = tmp_path / "pemda.csv"
    path.write_bytes("\ufeffDATA JAMSOSTEK\r\r kode_wilayah ;tahun\r61;2024\r61.01;2024\r".encode())
    assert readers.top_rows(path, 3) == [["DATA JAMSOSTEK"], [], ["kode_wilayah", "tahun"]]
    book = pd.DataFrame({"kode_wilayah": ["61"], "tahun": [2024]})
    with pd.ExcelWriter(tmp_path / "pemda.xlsx") as writer:
        book.to_excel(writer, sheet_name="data", index=False, startrow=2)
        writer.sheets["data"]["A1"] = "DATA JAMSOSTEK"
    assert readers.top_rows(tmp_path / "pemda.xlsx", 3) == [["DATA JAMSOSTEK"], [], ["kode_wilayah", "tahun"]]
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 no workbook")
    assert readers.top_rows(tmp_path / "rusak.xlsx", 3) == []


def _cut_in_half(xml: str) -> str:
    return xml[: len(xml) // 2]  # a partial download


def _mismatched_tag(xml: str) -> str:
    return xml.replace("</sheetData>", "</sheetDat>")


def _undefined_entity(xml: str) -> str:
    return re.sub(r"(<c r=\"B2\"[^>]*>)<v>", r"\g<1><v>&foo;", xml, count=1)


def _missing_shared_text(xml: str) -> str:
    return xml.replace("</sheetData>", '<row r="90"><c r="A90" t="s"><v>9999</v></c></row></sheetData>')


@pytest.mark.parametrize("damage", [_cut_in_half, _mismatched_tag, _undefined_entity, _missing_shared_text])
def test_a_damaged_sheet_is_said_to_be_damaged_without_a_traceback(tmp_path: Path, damage: Callable) -> None:
    """A workbook whose sheet XML is cut off or broken, or names a shared text it does not hold, ended `validate`,
    `score` and `intake` with a ParseError, ExpatError or IndexError traceback from openpyxl's reader."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: value)
    book = load_workbook(folder / "pemda.xlsx")
    book.active["H3"].number_format = "0.00%"  # read by openpyxl, as calamine refuses such a sheet too
    book.save(folder / "pemda.xlsx")
    _edit_sheet(folder / "pemda.xlsx", damage)
    errors = load_season(2025, tmp_path).report.errors
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_DAMAGED", "pemda.xlsx")]
    assert "rusak, terpotong" in errors[0].message("id")


def _lying_sizes(path: Path, part: str, padding: int) -> None:
    """Pad `part` of the workbook at `path` with `padding` spaces after its first tag, then declare it 50,000 bytes
    unpacked in both zip headers (a zip bomb that passes a check of the declared sizes)."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    data = members[part]
    cut = data.index(b">", data.find(b"?>") + 2) + 1  # after the root element's tag (a declaration before it)
    members[part] = data[:cut] + b" " * padding + data[cut:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    with zipfile.ZipFile(path) as package:
        offset = package.getinfo(part).header_offset
    packed = bytearray(path.read_bytes())
    struct.pack_into("<I", packed, offset + 22, 50_000)  # the local header's unpacked size
    entry = packed.find(b"PK\x01\x02")  # the central directory: its entry for `part`
    while packed[entry + 46 : entry + 46 + len(part)] != part.encode():
        entry = packed.find(b"PK\x01\x02", entry + 4)
        assert entry >= 0
    struct.pack_into("<I", packed, entry + 24, 50_000)
    path.write_bytes(bytes(packed))


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/styles.xml"])
def test_a_part_unpacking_beyond_its_declared_size_is_refused_unpacked_a_step_at_a_time(
    tmp_path: Path, part: str
) -> None:
    """A part declaring 50 kB that unpacks to a gigabyte passed the check of declared sizes, then `ZipFile.read`
    (ours, openpyxl's) unpacked up to 2 GB of it at once (2.2 GB of memory, 14 s) before its CRC check failed. Here
    64 MB: the read stops at the declared size, so it never holds the whole of it."""
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    _pemda_workbook(folder, tables["pemda"], lambda column, value: value)
    _lying_sizes(folder / "pemda.xlsx", part, 64 << 20)
    tracemalloc.start()
    try:
        errors = load_season(2025, tmp_path).report.errors
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.code, p.file) for p in errors] == [("E_XLSX_DAMAGED", "pemda.xlsx")]
    assert part in errors[0].message("en")  # its CRC check names it
    assert peak < 32 << 20
