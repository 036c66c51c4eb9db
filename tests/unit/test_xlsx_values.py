"""The quick .xlsx reader (calamine) reads a plain sheet exactly as the openpyxl reader does, and leaves to
openpyxl every sheet holding what only openpyxl reads right: formulas, error values, percent or date formats,
long whole numbers, far-apart cells."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from openpyxl import Workbook, load_workbook

from paritrana_nb import readers, xlsx_values
from paritrana_nb.readers import RawTable

HEADER = ["npp", "nama", "jumlah_pekerja", "upah_sesuai_pct", "aktif"]


def _workbook(path: Path, rows: list[list[object]], edit: Callable[[Workbook], None] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "data"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if edit is not None:
        edit(book)
    book.create_sheet("petunjuk").append(["not read"])
    book.save(path)
    return path


def _by_openpyxl(path: Path, monkeypatch: pytest.MonkeyPatch) -> RawTable:
    with monkeypatch.context() as patch:
        patch.setattr(readers, "plain_sheet", lambda _path: None)
        return readers.read_table_file(path)


def _assert_same(fast: RawTable, slow: RawTable) -> None:
    pdt.assert_frame_equal(fast.cells, slow.cells)
    assert fast.numeric_cells.keys() == slow.numeric_cells.keys()
    for name, flags in fast.numeric_cells.items():
        pdt.assert_series_equal(flags, slow.numeric_cells[name])
    assert fast.duplicate_columns == slow.duplicate_columns and not fast.unsaved_formulas


def test_a_plain_sheet_is_read_by_calamine_exactly_as_by_openpyxl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows: list[list[object]] = [
        ["0012", "  PT Satu  ", 120, 98.5, True],
        [None, None, None, None, None],  # an empty row in the middle: skipped, the row numbers stay
        ["0013", "CV Dua", 7.0, 12.25, False],
        ["0014", 'UD Tiga; "kutip"', "1.234", "68,02", 0],  # numbers typed as text stay text
        [12345678, "Toko Empat", 10**14, 1e-7, None],
    ]

    def extra(book: Workbook) -> None:
        sheet = book.active
        assert sheet is not None
        sheet["G3"] = "not under a named column"
        sheet["B9"] = "a row with a name only"

    path = _workbook(tmp_path / "bu.xlsx", rows, extra)
    assert xlsx_values.plain_sheet(path) is not None
    fast = readers.read_table_file(path)
    _assert_same(fast, _by_openpyxl(path, monkeypatch))
    assert list(fast.cells.index) == [2, 4, 5, 6, 9]
    assert list(fast.cells.loc[2]) == ["0012", "PT Satu", "120", "98.5", "TRUE"]
    assert list(fast.cells.loc[4]) == ["0013", "CV Dua", "7", "12.25", "FALSE"]
    assert list(fast.cells.loc[6]) == ["12345678", "Toko Empat", "100000000000000", "0.0000001", ""]
    assert fast.numeric_cells["jumlah_pekerja"].tolist() == [True, True, False, True, False]


def test_a_filled_template_is_read_by_calamine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from paritrana_nb.intake.workbook import TemplateSpec, write_workbooks

    spec = TemplateSpec(table="desa", tahun=2024, meta={}, rows=[{"kode_wilayah": "61.01", "tahun": 2024}], musim=2025)
    [path] = write_workbooks({"desa_61.01.xlsx": spec}, tmp_path, "id").paths
    assert xlsx_values.plain_sheet(path) is not None
    _assert_same(readers.read_table_file(path), _by_openpyxl(path, monkeypatch))


def _percent(book: Workbook) -> None:
    sheet = book.active
    assert sheet is not None
    sheet["D2"].number_format = "0.0%"


def _date_format(book: Workbook) -> None:
    sheet = book.active
    assert sheet is not None
    sheet["C2"].number_format = "dd/mm/yyyy"


def _formula(book: Workbook) -> None:
    sheet = book.active
    assert sheet is not None
    sheet["C2"] = "=1+1"


def _far_cell(book: Workbook) -> None:
    sheet = book.active
    assert sheet is not None
    sheet["XFC2"] = 7


@pytest.mark.parametrize(
    ("row", "edit"),
    [
        (["1", "a", 3, 0.985, 1], _percent),
        (["1", "a", 45000, 1, 1], _date_format),
        (["1", "a", datetime.datetime(2025, 1, 2), 1, 1], None),
        (["1", "a", None, 1, 1], _formula),
        (["1", "a", 1, 1, 1], _far_cell),
    ],
    ids=["percent format", "date format", "date", "formula", "cell in column XFC"],
)
def test_sheets_only_openpyxl_reads_right_are_left_to_it(
    tmp_path: Path, row: list[object], edit: Callable[[Workbook], None] | None
) -> None:
    path = _workbook(tmp_path / "x.xlsx", [row] * 300, edit)  # XFC x 300 rows: 4.9 M cells laid out densely
    assert xlsx_values.plain_sheet(path) is None


def test_an_error_value_is_not_read_as_a_blank(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx", [["1", "a", 3, 1, 1]])

    def error_cell(xml: str) -> str:
        return xml.replace('<c r="C2" t="n"><v>3</v></c>', '<c r="C2" t="e"><v>#DIV/0!</v></c>', 1)

    _rewrite_sheet(path, error_cell)
    assert xlsx_values.plain_sheet(path) is None
    raw = readers.read_table_file(path)
    assert raw.cells.at[2, "jumlah_pekerja"] == "#DIV/0!"  # so validation reports it, instead of a blank


def test_a_whole_number_beyond_a_float_stays_exact(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx", [[1, "a", 3, 1, 1]])
    _rewrite_sheet(
        path, lambda xml: xml.replace('<c r="A2" t="n"><v>1</v>', '<c r="A2" t="n"><v>12345678901234567</v>')
    )
    assert xlsx_values.plain_sheet(path) is None  # a tool other than Excel may write all its digits
    assert readers.read_table_file(path).cells.at[2, "npp"] == "12345678901234567"


def test_a_file_that_is_no_workbook_is_left_to_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert xlsx_values.plain_sheet(path) is None
    with pytest.raises(readers.ReadFailure) as failure:
        readers.read_table_file(path)
    assert failure.value.code == "E_XLSX_DAMAGED"


def _rewrite_sheet(path: Path, edit: Callable[[str], str]) -> None:
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                edited = edit(data.decode("utf-8"))
                assert edited != data.decode("utf-8")
                data = edited.encode("utf-8")
            target.writestr(info, data)


@pytest.mark.parametrize(
    ("edit", "cell"),
    [
        (lambda xml: xml.replace('r="C2"', 'r="XFE2"'), "XFE2"),  # column 16,385
        (lambda xml: re.sub(r'r="([A-Z]*)2"', r'r="\g<1>1048577"', xml), "1048577"),  # the row, then its cells
    ],
)
def test_a_cell_beyond_the_last_row_or_column_of_a_sheet_is_refused_unread(
    tmp_path: Path, edit: Callable[[str], str], cell: str
) -> None:
    """Excel's sheets end at row 1,048,576 and column XFD. A cell referenced beyond them (a file no spreadsheet
    wrote) was read, silently out of its column or row; calamine allocated its grid to such a cell (`ZZZZZZ2`: 318 GB,
    the process aborted) and openpyxl walked every row down to it (row 99,999,999: 106 s)."""
    path = _workbook(tmp_path / "x.xlsx", [["0012", "PT A", 5, 50.0, 1]])
    _rewrite_sheet(path, edit)
    with pytest.raises(readers.ReadFailure) as failure:
        readers.plain_xlsx(path)
    assert failure.value.code == "E_XLSX_BEYOND_SHEET"
    assert failure.value.fields["sheet"] == "data" and cell in str(failure.value.fields["cell"])


@pytest.mark.parametrize(
    ("cells", "beyond"),
    [
        ('<row r="2"><c r="XFD2"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row>', None),
        ('<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>', "ZZZZZZ2"),
        ('<row r="2"><c r="XGA2"><v>1</v></c></row>', "XGA2"),
        ('<row r="99999999"><c r="A99999999"><v>1</v></c></row>', "99999999"),
        ('<row r="1100000"><c r="B1100000"><v>1</v></c></row>', "1100000"),
        ('<row r="2000000"><c r="B2000000"><v>1</v></c></row>', "2000000"),
        ('<row r="9999999"><c r="C9999999"><v>1</v></c></row>', "9999999"),
    ],
)
def test_the_cell_beyond_a_sheet_is_found_in_its_xml(cells: str, beyond: str | None) -> None:
    assert xlsx_values.beyond_sheet(_sheet_xml(cells)) == beyond


def test_an_empty_first_row_names_no_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A2"], sheet["B2"] = "npp", "nama"
    sheet["A3"], sheet["B3"] = "1", "a"
    book.save(tmp_path / "x.xlsx")
    fast = readers.read_table_file(tmp_path / "x.xlsx")
    assert fast.cells.empty and _by_openpyxl(tmp_path / "x.xlsx", monkeypatch).cells.empty
    assert isinstance(fast.cells, pd.DataFrame)


def test_columns_of_only_numbers_or_only_text_are_read_as_openpyxl_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows: list[list[object]] = [
        [f" {i:04d} ", f"PT {i % 3}  ", float(i % 5), i / 8 - 1.0, -0.0 if i == 3 else 1] for i in range(1, 40)
    ]
    path = _workbook(tmp_path / "bu.xlsx", rows)
    assert xlsx_values.plain_sheet(path) is not None
    fast = readers.read_table_file(path)
    _assert_same(fast, _by_openpyxl(path, monkeypatch))
    assert list(fast.cells.loc[4]) == ["0003", "PT 0", "3", "-0.625", "0"]
    assert fast.numeric_cells["nama"].sum() == 0 and fast.numeric_cells["upah_sesuai_pct"].all()


def _sheet_xml(cells: str) -> bytes:
    return f'<worksheet xmlns="main"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'.encode()


@pytest.mark.parametrize(
    ("cells", "plain"),
    [
        ('<c r="A1" t="n"><v>1</v></c><c r="B1" t="n"><v>2</v></c>', True),
        ('<c r="A1" t="n"><v>1</v></c><c r="AB1" t="n"><v>2</v></c>', True),
        ('<c r="A1" t="n"><v>1</v></c><c><v>2</v></c>', False),
        ('<c r="A1" t="n"><v>1</v></c><c t="n"><v>2</v></c>', False),
        ('<c r="AB1" t="n"><v>1</v></c><c><v>2</v></c>', False),
        ('<c r="AB1" t="n"><v>1</v></c><c s="1"><v>2</v></c>', False),
        ('<c r="A1" t="n"><v>1</v></c><c r="B200000" t="n"><v>2</v></c>', False),
        ('<c r="A1" t="n"><v>1</v></c><c r="AB200000" t="n"><v>2</v></c>', False),
        ('<c r="A1" t="n"><v>1</v></c><c r="A150000" t="n"><v>2</v></c>', True),
    ],
    ids=[
        "columns A-Z",
        "column AB",
        "cell without reference",
        "cell with attributes but no reference",
        "cell without reference after column AB",
        "cell with attributes but no reference after column AB",
        "two cells 200,000 rows apart",
        "two cells 200,000 rows apart, column AB",
        "two cells 150,000 rows apart in column A (3.9 M cells laid out)",
    ],
)
def test_cells_without_a_reference_or_far_apart_are_left_to_openpyxl(cells: str, plain: bool) -> None:
    xml = _sheet_xml(cells)
    found = xlsx_values._last_value(xml)
    assert (found is not None and xlsx_values._plain(xml, set(), *found)) is plain


def test_the_parts_alike_in_many_workbooks_are_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[bytes] = []
    parse = xlsx_values._xml

    def counted(data: bytes) -> object:
        parsed.append(data)
        return parse(data)

    monkeypatch.setattr(xlsx_values, "_xml", counted)
    for cached in (
        xlsx_values._office_document,
        xlsx_values._first_worksheet_of,
        xlsx_values._worksheets_of,
        xlsx_values._special_styles_of,
    ):
        cached.cache_clear()
    first = _workbook(tmp_path / "a.xlsx", [["1", "a", 3, 1, 1]])
    second = _workbook(tmp_path / "b.xlsx", [["2", "b", 4, 1, 1]])
    assert xlsx_values.plain_sheet(first) is not None
    once = len(parsed)
    # the package's and the workbook's relationships, the workbook, the styles; the workbook's relationships and the
    # workbook again for its list of sheets (sheets_like_first): 4 only with that list kept from an earlier test
    assert once == 6
    fast = xlsx_values.plain_sheet(second)
    assert len(parsed) == once
    assert fast is not None and fast.texts.iloc[1].tolist() == ["2", "b", "4", "1", "1"]
    with monkeypatch.context() as patch:
        patch.setattr(xlsx_values, "_xml", parse)
        _workbook(tmp_path / "c.xlsx", [["3", "c", 5, 1, 1]], _percent)
    assert xlsx_values.plain_sheet(tmp_path / "c.xlsx") is None  # another styles part: parsed, and it is heeded
    assert len(parsed) == once + 1


def _plain_by_regex(xml: bytes) -> bool:
    """What the sheet look must answer, by regular expressions (slower): the oracle of the test below."""
    import re

    if b"<worksheet" not in xml[:4096] or re.search(rb'<f[ \t\r\n>/]|t="(?:e|d|str)"|<v>-?\d{16}', xml):
        return False
    if re.search(rb'<c>|<c (?!r=")', xml):
        return False  # a cell without a reference
    wide = re.search(rb'<c r="[A-Z]{2}', xml) is not None
    end = xml.rfind(b"</sheetData>")
    if end < 0:  # cut off: the last row holding a value cannot be told
        return False
    held = [found.start() for found in re.finditer(rb"<(?:v|is|f)", xml[:end])]  # <fill> too: only in damaged ones
    cell = xml.rfind(b"<c", 0, held[-1]) if held else -1
    last = re.match(rb'<c\s[^>]*?r="[A-Z]{1,3}(\d+)"', xml[cell:]) if cell >= 0 else None
    if held and last is None:
        return False
    height = int(last.group(1)) if last else 0  # the row of the last cell holding a value
    dense = height * (xlsx_values._widest(xml) if wide else 26)
    return dense <= 4_000_000 or dense <= 8 * xml.count(b'<c r="')


def test_the_sheet_look_answers_as_regular_expressions_do_on_damaged_sheets() -> None:
    import random

    pieces = [
        b'<c r="A1" t="n"><v>1</v></c>',
        b'<c r="AB3" t="n"><v>2</v></c>',
        b'<c r="B900000"><v>3</v></c>',
        b"<c>",
        b'<c t="n">',
        b"<c ",
        b"<f>1+1</f>",
        b'<f t="shared" si="0"/>',
        b"<fill>",
        b"<v>12345678901234567</v>",
        b"<v>-1234567890123456",
        b"<v>123456789012345</v>",
        b't="e"',
        b't="str"',
        b'<c r="',
        b"<v>",
        b"<",
        b"9",
    ]
    chance = random.Random(13)  # noqa: S311 - made-up sheets, not secrets
    answers = set()
    for _ in range(4000):
        body = b"".join(chance.choice(pieces) for _ in range(chance.randint(0, 6)))
        xml = _sheet_xml(body.decode())[: chance.choice([None, -1, -20, -30])]
        expected = _plain_by_regex(xml)
        found = xlsx_values._last_value(xml)
        assert (found is not None and xlsx_values._plain(xml, set(), *found)) is expected, xml
        answers.add(expected)
    assert answers == {True, False}


@pytest.mark.parametrize("with_percent_cell", [False, True], ids=["calamine", "openpyxl"])
def test_a_percent_sign_as_text_in_a_format_does_not_scale(tmp_path: Path, with_percent_cell: bool) -> None:
    """65.22 shown as '65.22%' by the format 0.00"%" (the sign as text) is 65.22, not 6522; 0.5 shown as '0.5%' by
    0.0\\% is 0.5, not 50 (silently in range). Only a % of the format's own multiplies by 100, as in Excel."""

    def formats(book: Workbook) -> None:
        sheet = book.active
        assert sheet is not None
        sheet["D2"].number_format = '0.00"%"'
        sheet["D3"].number_format = "0.0\\%"
        sheet["D4"].number_format = "0.00_%"
        if with_percent_cell:
            sheet["D5"].number_format = "0.00%"

    path = _workbook(tmp_path / "bu.xlsx", [["1", "a", 1, 65.22], ["2", "b", 2, 0.5], ["3", "c", 3, 7.25], ["4"]])
    book = load_workbook(path)
    formats(book)
    book["data"]["D5"] = 0.6522
    book.save(path)
    assert (xlsx_values.plain_sheet(path) is None) == with_percent_cell
    raw = readers.read_table_file(path)
    expected = ["65.22", "0.5", "7.25", "65.22" if with_percent_cell else "0.6522"]
    assert raw.cells["upah_sesuai_pct"].tolist() == expected


def _formatted_down_to(path: Path, rows: int) -> Path:
    """The workbook at `path` with formatted empty cells (A-E) in every row below its data down to row `rows`, as a
    sheet formatted over whole columns is saved by some tools."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    first = int(re.findall(r'<row r="(\d+)"', xml)[-1]) + 1
    tail = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="1"/>' for c in "ABCDE") + "</row>" for r in range(first, rows + 1)
    )
    parts[sheet] = xml.replace("</sheetData>", tail + "</sheetData>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize("edit", [None, _formula], ids=["calamine", "openpyxl"])
def test_a_sheet_formatted_far_below_its_data_is_read_to_its_data_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[Workbook], None] | None
) -> None:
    """Formatted empty cells down to row 250,000 (1.25 million of them): the cells read are the data's, and openpyxl
    stops at the last row holding a value (it read a million empty rows for a minute and a half)."""
    rows: list[list[object]] = [["1", "a", 3, 1, 1], ["2", "b", None, 2, 0]]
    plain = _workbook(tmp_path / "plain.xlsx", rows, edit)
    expected = _by_openpyxl(plain, monkeypatch)
    path = _formatted_down_to(_workbook(tmp_path / "formatted.xlsx", rows, edit), 250_000)
    assert xlsx_values.plain_sheet(path) is None  # 1.25 million cells below the data: openpyxl, to row 3 only
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    asked: list[object] = []
    iter_rows = ReadOnlyWorksheet.iter_rows

    def counted(sheet: ReadOnlyWorksheet, *args: object, **kwargs: object) -> object:
        asked.append(kwargs.get("max_row"))
        return iter_rows(sheet, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counted)
    read = readers.read_table_file(path)
    pdt.assert_frame_equal(read.cells, expected.cells)
    assert read.unsaved_formulas.keys() == expected.unsaved_formulas.keys()  # the formula without a saved value
    assert asked and set(asked[1:]) == {3}  # after the header row: rows 1-3
    assert xlsx_values.last_value_row(xlsx_values.first_sheet_xml(path) or b"") == 3


@pytest.mark.parametrize(
    ("cells", "row"),
    [
        ('<c r="A1" t="s"><v>0</v></c><c r="B7" s="2"/>', 1),
        ('<c r="A1"><v>1</v></c><c r="C4" t="inlineStr"><is><t>y</t></is></c><c r="A9" s="1"/>', 4),
        ('<c r="A1"><v>1</v></c><c r="B5"><f>1+1</f></c><c r="A6" s="3"/>', 5),  # a formula without its saved value
        ('<c r="AB12" s="1"/>', 0),
        ('<c r="A1"><v>1</v></c><c><v>2</v></c>', None),  # a cell without a reference: the rows cannot be told
    ],
    ids=["value", "inline string", "formula", "nothing", "no reference"],
)
def test_the_last_row_holding_a_value(cells: str, row: int | None) -> None:
    assert xlsx_values.last_value_row(_sheet_xml(cells)) == row
    assert xlsx_values.last_value_row(b'<x:worksheet xmlns:x="main"><x:sheetData/></x:worksheet>') is None
