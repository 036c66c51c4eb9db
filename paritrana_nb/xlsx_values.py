"""The quick way to read an .xlsx file's first sheet: its cell values through calamine (a compiled reader).

openpyxl builds a Python object for every cell, too slow for an inbox of hundreds of filled workbooks (about
ten times slower on the national benchmark's inbox, docs/benchmarks.md). calamine reads a whole sheet at once,
but it knows neither the formulas (only their saved values), nor the cell formats, and it lays the sheet out
densely from A1 to its farthest cell. So a cheap look at the sheet's XML comes first, and `plain_sheet`
answers None -- read it with openpyxl -- whenever the sheet holds what only openpyxl reads as the workbook
expects: a formula, an error value, a date-typed cell, a cell whose format is a percent, a date or a
duration, a whole number too long for a float, a number cell holding no finite number (`inf`, `nan`, `1e999`:
`odd_numbers`, each read as the text its file writes), cells without a reference, or cells so far apart that the
dense layout would be far larger than the cells (a stray value in column XFD).
"""

from __future__ import annotations

import functools
import io
import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree.ElementTree import ParseError

import numpy as np
import pandas as pd

from .messages import Num, Ref

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_WORKSHEET_REL = "/worksheet"

_OPENPYXL_TYPES = re.compile(rb't="(?:e|d|str)"')
"""An error value (calamine reads it as empty), an ISO date, a formula's text result."""
_FORMULA_AFTER = np.frombuffer(b" \t\r\n>/", dtype=np.uint8)
"""What follows `<f` in a formula's tag: calamine gives a formula's saved value only, and a missing one must be
reported."""
_LONG_DIGITS = 16
"""A value `<v>` of this many digits (after a minus) is a whole number beyond a float's precision (openpyxl keeps
it exact)."""
_DENSE_CELLS = 4_000_000
"""A sheet laid out densely in at most this many cells is read by calamine even when its cells are sparse."""
_DENSE_PER_CELL = 8
"""... and above it, only when the dense layout holds at most this many places per real cell."""
_UNPACKED_RATIO = 100
"""A package member that unpacks to more than this many times its packed size ... """
_UNPACKED_FLOOR = 64 << 20
"""... and to more than this many bytes is a zip bomb, refused unread: a spreadsheet's parts shrink at most about 30
times (a million empty formatted rows), and a 600 KB bomb of blanks would otherwise take 1.4 GB of memory."""


_MERGED = re.compile(rb'<(?:[\w.-]+:)?mergeCell\s[^>]*?ref="(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?(\d+))?)"')
"""A merged area of a sheet (`<mergeCell ref="A2:A3"/>`) and the row it ends in."""
_FORMAT_LITERALS = re.compile(r'"[^"]*"?|\\.|[_*].|\[[^\]]*\]?')
"""The parts of a number format that are shown as they are: quoted text, an escaped character, a space as wide as a
character (`_`), a repeated character (`*`) and a bracketed colour or condition."""
_MERGED_SHOWN = 3
"""The merged areas a message names (the others are counted)."""


_HIDDEN_ATTRIBUTE = b'hidden="'
_HIDDEN_VALUES = (b'hidden="1"', b'hidden="true"')
"""How a row or a range of columns says Excel hides it (by hand, by a filter or in a collapsed group); LibreOffice
writes `"true"` (and `hidden="false"` on every row it shows)."""
_ZERO_HEIGHT = b'ht="0'
_ZERO_WIDTH = b'width="0'
"""How a row's height or a range of columns' width starts when it may be zero (`ht="0"`, `width="0.0"`): Excel shows
such a row or column no more than a hidden one (its own Unhide shows it again)."""
_SIZE = re.compile(rb'\s(?:ht|width)="([^"]*)"')
_ZERO_HEIGHT_DEFAULT = re.compile(rb'<(?:[\w.-]+:)?sheetFormatPr\s[^>]*?\bzeroHeight="(?:1|true)"')
"""A sheet whose rows are hidden unless they say otherwise (`<sheetFormatPr zeroHeight="1"/>`, what Excel writes when
every unused row is hidden): a row is shown only with a height of its own other than zero."""
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row(?=[\s/>])[^>]*>")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_COLUMN_BOUND = re.compile(rb'\s(min|max)="(\d+)"')
_NEXT_CELL_ROW = re.compile(rb'<(?:[\w.-]+:)?c\s[^>]*?\br="\$?[A-Z]{1,3}\$?(\d+)"|</(?:[\w.-]+:)?row>')
"""A cell's reference or the end of the row: the number of a row written without its own `r`."""


@dataclass
class Hidden:
    """What Excel hides of the sheet read: row numbers (row 1 = the header) and named columns. Hidden cells are still
    read (they were submitted); validation warns of those that hold data."""

    rows: np.ndarray
    """The hidden rows' numbers, ascending (empty rows among them)."""
    columns: list[tuple[str, int]]
    """Each hidden column named in row 1: its name and its number (1 = column A)."""


class SheetProblem(Exception):
    """A first worksheet that must not be read, as a catalogue key and the fields of its message."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(f"{code}: {fields}")
        self.code = code
        self.fields = fields


@dataclass
class SheetValues:
    """The first sheet's rows from row 1 (the header) on, every row in turn, in the columns named in row 1."""

    header: list[str]
    """The names in row 1 (stripped), one per column read."""
    header_numeric: list[bool]
    """True where a row-1 cell was stored as a number."""
    cells: list[np.ndarray]
    """Per column, the values below row 1 as calamine gives them (`column_values` turns them into text)."""
    sheet: str = ""
    """The sheet's name."""
    hidden: Hidden | None = None
    """What Excel hides of the sheet (None: nothing)."""
    unnamed: list[str] = field(default_factory=list)
    """The cells below row 1 that hold something in a column row 1 names not (`unnamed_cells`): not read."""
    others: list[str] = field(default_factory=list)
    """The other worksheets that hold this table too (`sheets_like_first`): not read."""
    merged_header: list[str] = field(default_factory=list)
    """The merged areas of row 1 above `unnamed` cells (`merged_header`): why their columns have no name."""
    empty_numbers: list[tuple[int, int]] = field(default_factory=list)
    """The number cells without a value below row 1 (`empty_number_cells`): row number, place in `header`."""

    @property
    def texts(self) -> pd.DataFrame:
        """Each cell as text (see `column_values`), row 1 included (an empty frame when row 1 names no column)."""
        return pd.DataFrame(
            {
                i: np.concatenate([np.array([header], dtype=object), column_values(cells)[0]])
                for i, (header, cells) in enumerate(zip(self.header, self.cells, strict=True))
            },
            columns=range(len(self.header)),
        )

    @property
    def numeric(self) -> pd.DataFrame:
        """True where the cell was stored as a number, row 1 included."""
        return pd.DataFrame(
            {
                i: np.concatenate([[flag], column_values(cells)[1]])
                for i, (flag, cells) in enumerate(zip(self.header_numeric, self.cells, strict=True))
            },
            columns=range(len(self.header)),
        )


def member_bytes(archive: zipfile.ZipFile, name: str) -> bytes:
    """A zip member's bytes, unpacked a bounded step at a time and never beyond the size the package declares for it:
    `ZipFile.read` unpacks up to 2 GB at once before cutting a member to that size (a package declaring 50 kB for a
    gigabyte took 2.2 GB of memory); one that unpacks to more fails its CRC check (zipfile.BadZipFile)."""
    info = archive.getinfo(name)
    with archive.open(info) as member:
        return member.read(info.file_size)


def plain_sheet(path: Path) -> SheetValues | None:
    """The first worksheet's values read by calamine, or None when the file needs openpyxl (see the module's
    docstring; also any file calamine or zipfile cannot open, so that openpyxl reports the damage as before). Raise
    SheetProblem for a sheet with merged cells below its header (`merged_problem`)."""
    try:
        with zipfile.ZipFile(path) as archive:
            located = _first_worksheet(archive)
            if located is None:
                return None
            name = located.name
            xml = member_bytes(archive, located.part)
            special = _special_styles(archive)
    except (OSError, zipfile.BadZipFile, KeyError, ParseError, ValueError):
        return None
    merged = merged_problem(name, xml)
    if merged is not None:
        raise merged
    beyond = beyond_sheet(xml)
    if beyond is not None:
        raise SheetProblem("E_XLSX_BEYOND_SHEET", sheet=name, cell=beyond)
    found = _last_value(xml)
    if found is None or not _plain(xml, special, *found):
        return None
    height = found[0]
    from python_calamine import CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            sheet = workbook.get_sheet_by_name(name)
            first_row, _ = sheet.start or (0, 0)
            cells = sheet.to_python(skip_empty_area=False, nrows=max(height, 1))  # not the formatted rows below
    except Exception:  # noqa: BLE001 - calamine raises its own error types for damaged parts: openpyxl reports them
        return None
    values, positions = _values(cells, first_row)
    empty = empty_number_cells(xml, positions)
    if empty:
        values = _down_to(values, max(row for row, _ in empty))
    wider = bool(cells) and len(cells[0]) > len(positions)  # calamine's rows span a column row 1 names not
    unnamed = unnamed_cells(xml, positions) if wider and positions else []
    hidden = sheet_hidden(xml, values.header, positions)
    others = sheets_like_first(path)
    return replace(
        values,
        sheet=name,
        hidden=hidden,
        unnamed=unnamed,
        others=others,
        merged_header=merged_header(xml, unnamed),
        empty_numbers=empty,
    )


_BEYOND = re.compile(rb'r="(?<=\sr=")((?:[A-Z]{4,}|[Y-Z][A-Z]{2}|X[G-Z][A-Z]|XF[E-Z])\d+|[A-Z]{0,3}[1-9]\d{6,})"')
"""A row's or cell's reference (its attribute `r`) that may lie beyond a sheet's last column (XFD, 16,384) or row
(1,048,576): every column of four letters or beyond XFD, every row of 7 digits or more (the rows from 1,000,000, told
apart by `beyond_sheet`). Written to start with its literal text: 0.3 s for a sheet of 80 MB."""
LAST_ROW = 1_048_576
LAST_COLUMN = 16_384  # XFD


def beyond_sheet(xml: bytes) -> str | None:
    """The first row or cell reference of the sheet XML beyond the last row or column an Excel sheet has, as
    written; None when there is none. No spreadsheet writes one, and calamine would make a grid reaching it (a
    cell `ZZZZZZ2`: 318 GB) and openpyxl walk every row down to it."""
    for found in _BEYOND.finditer(xml):
        reference = found[1].decode("ascii")
        letters = reference.rstrip("0123456789")
        if len(letters) > 3 or _column_number(letters) > LAST_COLUMN or int(reference[len(letters) :]) > LAST_ROW:
            return reference
    return None


def merged_problem(sheet: str, xml: bytes) -> SheetProblem | None:
    """`E_XLSX_MERGED_CELLS` when the sheet XML merges cells below row 1: only the first cell of a merged area holds
    its value, the others are blank (a blank `peserta_pmi` counts 0) whatever Excel shows across them. None when it
    merges none, or only header cells."""
    if b"mergeCell" not in xml:
        return None
    areas = [
        area.decode().replace("$", "")
        for area, last_row in _MERGED.findall(xml)
        if int(last_row or re.sub(rb"\D", b"", area)) > 1
    ]
    if not areas:
        return None
    areas.sort(key=_area_start)  # as a reader looks for them: from the top, then from the left
    return SheetProblem(
        "E_XLSX_MERGED_CELLS",
        sheet=sheet,
        cells=", ".join(areas[:_MERGED_SHOWN]),
        more=Num(len(areas) - min(len(areas), _MERGED_SHOWN)),
    )


_EMPTY_VALUE = re.compile(rb"<v\s*(?:/>|>\s*</)")
"""An empty value tag without a namespace prefix (`<v/>`, `<v />`, `<v></v>`). A sheet without one and without a
prefixed `:v` tag holds no empty number cell: the common sheet costs this search only (a byte search for `v></` also
found every closing `</v></c>`, and sent every sheet through the slower `_EMPTY_NUMBER`)."""
_EMPTY_NUMBER = re.compile(
    rb"<(?:[\w.-]+:)?c\s([^>]*?)(?<!/)>\s*<(?:[\w.-]+:)?v\s*(?:/>|>\s*</(?:[\w.-]+:)?v>)\s*</(?:[\w.-]+:)?c>"
)
"""A cell whose only content is an empty value tag, and its attributes."""
_CELL_REFERENCE = re.compile(rb'\br="\$?([A-Z]{1,3})\$?(\d+)"')


def empty_number_cells(xml: bytes, positions: Sequence[int]) -> list[tuple[int, int]]:
    """Each number cell of the sheet XML below row 1 that holds an empty value and no formula, in a column row 1 names
    (the named ones at `positions`, 0 = column A): its row number and its column's place in `positions`, in the
    sheet's order. openpyxl writes such a cell for a number it cannot write, infinite or undefined (inf, nan): Excel
    and both readers show it empty, so it would be read as blank (0 where blank means 0). Cells in other columns are
    not read (`unnamed_cells` names them). A sheet without an empty value tag (the common one) costs the search of
    _EMPTY_VALUE only."""
    if b":v" not in xml and _EMPTY_VALUE.search(xml) is None:
        return []
    places = {column_letters(position + 1).encode(): place for place, position in enumerate(positions)}
    cells = []
    for attributes in _EMPTY_NUMBER.findall(xml):
        kind = _CELL_TYPE.search(attributes)
        reference = _CELL_REFERENCE.search(attributes)
        if (kind is None or kind[1] == b"n") and reference is not None:
            place, row = places.get(reference[1]), int(reference[2])
            if place is not None and row > 1:
                cells.append((row, place))
    return cells


_ODD_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>\s*(?:[^<]*[^<0-9.eE+\-\s][^<]*|[^<]*[eE][-+]?\d{3,}\s*)</")
"""A value tag holding something other than the digits, dots, signs and exponents of a number, or an exponent of three
digits or more: where a number cell may hold no finite number (`<v>inf</v>`, `nan`, `1e999`). Only a sheet holding
one (any text of a formula's result does too) is searched cell by cell (`odd_numbers`)."""
_NUMBER_VALUE = re.compile(rb"<(?:[\w.-]+:)?v(?:\s[^>]*)?>([^<]*)</(?:[\w.-]+:)?v>")


@dataclass(frozen=True)
class OddNumber:
    """A number cell whose value is no number a spreadsheet holds (`inf`, `-inf`, `nan`, `1e999`): Excel offers to
    repair the file, openpyxl cannot read the sheet and calamine reads inf or NaN. Its row, its column's letters, the
    value as the file writes it (`text`) and where its value tag stands in the sheet XML (`start`, `end`)."""

    row: int
    column: str
    text: str
    start: int
    end: int


def odd_numbers(xml: bytes) -> list[OddNumber]:
    """Each number cell of the sheet XML (no type, or `t="n"`) whose value is a number no double holds (`_finite`), in
    the sheet's order;
    a sheet without an `_ODD_VALUE` (the common one) costs that search only."""
    if _ODD_VALUE.search(xml) is None:
        return []
    found = []
    for cell in _HEAD_CELL.finditer(xml):
        kind, reference = _CELL_TYPE.search(cell[1]), _CELL_REFERENCE.search(cell[1])
        value = _NUMBER_VALUE.search(cell[2])
        if (kind is not None and kind[1] != b"n") or reference is None or value is None:
            continue
        text = value[1].decode("utf-8", "replace").strip()
        if not _finite(text):
            start = cell.start(2) + value.start()
            found.append(OddNumber(int(reference[2]), reference[1].decode(), text, start, start + len(value[0])))
    return found


def _finite(text: str) -> bool:
    """False for a number no double holds, infinite or undefined as Python reads it (`inf`, `-Infinity`, `nan`,
    `1e999`); True for any other text, a finite number or no number at all (`&foo;` is damage openpyxl reports)."""
    try:
        return math.isfinite(float(text))
    except ValueError:
        return True


def without_odd_numbers(path: Path, odd: Sequence[OddNumber]) -> bytes | None:
    """The package at `path` with the value tags of the `odd` cells of its first worksheet emptied (`<v></v>`): what
    openpyxl reads to its end, each such cell empty (its value then taken as `OddNumber.text`). None when the package
    cannot be read (openpyxl reports the damage)."""
    try:
        with zipfile.ZipFile(path) as archive:
            located = _first_worksheet(archive)
            if located is None:
                return None
            members = [(info, member_bytes(archive, info.filename)) for info in archive.infolist()]
    except (OSError, zipfile.BadZipFile, KeyError, ParseError, ValueError):
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == located.part:
                parts, at = [], 0
                for cell in odd:
                    parts += [data[at : cell.start], b"<v></v>"]
                    at = cell.end
                data = b"".join([*parts, data[at:]])
            target.writestr(info, data)
    return out.getvalue()


def hidden_parts(xml: bytes) -> tuple[np.ndarray, list[tuple[int, int]]] | None:
    """The numbers of the rows a sheet XML hides (ascending) and the ranges of columns it hides (first, last; 1 =
    column A), by its `hidden` attribute, a height or width of zero or, on a sheet hiding rows by default
    (`zeroHeight`), no height of its own; None when it hides none. A sheet without these
    attributes (the common one) costs two searches of its bytes (0.1 s each for a sheet of 300,000 rows, 215 MB), one
    that has them a look at each such row's tag."""
    head = xml.find(b"sheetData")  # the columns' widths come before the rows (`<cols>`), a sheet's bulk
    limits = {_ZERO_HEIGHT: len(xml), _ZERO_WIDTH: len(xml) if head < 0 else head}
    hiding = [*(_HIDDEN_VALUES if _HIDDEN_ATTRIBUTE in xml else ())]
    hiding += [size for size, end in limits.items() if xml.find(size, 0, end) >= 0]
    by_default = _ZERO_HEIGHT_DEFAULT.search(xml, 0, len(xml) if head < 0 else head) is not None
    if not hiding and not by_default:
        return None
    rows: list[int] = _rows_without_height(xml, max(head, 0)) if by_default else []
    columns: list[tuple[int, int]] = []
    for value in hiding:
        limit = limits.get(value, len(xml))
        position = xml.find(value, 0, limit)
        while position >= 0:
            start = xml.rfind(b"<", 0, position)
            end = xml.find(b">", position)
            tag = xml[start : end + 1] if start >= 0 and end >= 0 else b""
            name = re.match(rb"<(?:[\w.-]+:)?(\w+)\s", tag)
            hides = value in _HIDDEN_VALUES or _zero_size(tag)
            if name is not None and xml[position - 1 : position].isspace() and hides:
                if name.group(1) == b"col":
                    bounds = {key: int(number) for key, number in _COLUMN_BOUND.findall(tag)}
                    if b"min" in bounds:
                        columns.append((bounds[b"min"], bounds.get(b"max", bounds[b"min"])))
                elif name.group(1) == b"row":
                    rows.extend(_row_number(xml, tag, end))
            position = xml.find(value, position + len(value), limit)
    if not rows and not columns:
        return None
    return np.unique(np.array(rows, dtype=np.int64)), sorted(set(columns))  # a range hidden and of zero width once


def _zero_size(tag: bytes) -> bool:
    """Whether a row's or a column range's tag gives it a height or width of zero."""
    size = _SIZE.search(tag)
    try:
        return size is not None and float(size.group(1)) == 0
    except ValueError:  # not a number: Excel would not open the file, nothing is hidden by it
        return False


def _rows_without_height(xml: bytes, start: int) -> list[int]:
    """The numbers of the rows from `start` on that a sheet hiding rows by default (`_ZERO_HEIGHT_DEFAULT`) hides: those
    without a height of their own other than zero (rows it does not write hold nothing to read)."""
    rows: list[int] = []
    for found in _ROW_TAG.finditer(xml, start):
        tag = found.group(0)
        size = _SIZE.search(tag)
        try:
            shown = size is not None and float(size.group(1)) != 0
        except ValueError:  # not a number: no height of its own
            shown = False
        if not shown:
            rows.extend(_row_number(xml, tag, found.end() - 1))
    return rows


def _row_number(xml: bytes, tag: bytes, end: int) -> list[int]:
    """The number of the row whose tag `tag` ends at `end`: its `r`, else its first cell's row; none for a row written
    without either (an empty row: nothing of it is read)."""
    number = _ROW_NUMBER.search(tag)
    if number is not None:
        return [int(number.group(1))]
    if tag.endswith(b"/>"):
        return []
    cell = _NEXT_CELL_ROW.search(xml, end)
    return [int(cell.group(1))] if cell is not None and cell.group(1) else []


def sheet_hidden(xml: bytes, header: Sequence[str], positions: Sequence[int]) -> Hidden | None:
    """What the sheet XML hides, the columns among those read (`header`, the names in row 1, at `positions`, 0 =
    column A); None when it hides nothing."""
    found = hidden_parts(xml)
    if found is None:
        return None
    rows, ranges = found
    columns = [
        (name, position + 1)
        for name, position in zip(header, positions, strict=True)
        if any(first <= position + 1 <= last for first, last in ranges)
    ]
    return None if not len(rows) and not columns else Hidden(rows, columns)


_VALUE_TAG = re.compile(rb"<(?:[\w.-]+:)?(?:v|is|f)[\s>/]")


def merged_header(xml: bytes, unnamed: Sequence[str]) -> list[str]:
    """The merged areas of row 1 (`F1:G1`) over a column that holds `unnamed` cells, in the sheet's order: merging
    keeps the first cell's name only, so the columns under the others have none and are not read, though Excel shows
    the name across them. Areas over columns that hold nothing are left out (a title spread for looks)."""
    if not unnamed or b"mergeCell" not in xml:
        return []
    columns = {re.match(r"[A-Z]+", cell).group() for cell in unnamed}  # type: ignore[union-attr]  # `M2` references
    areas = []
    for area, last_row in _MERGED.findall(xml):
        ref = area.decode().replace("$", "")
        first, _, last = ref.partition(":")
        if last_row != b"1" or first[:-1] == last[:-1]:  # an area ending in row 1 starts there
            continue
        start, end = _column_number(first[:-1]), _column_number(last[:-1])
        if any(column_letters(number) in columns for number in range(start + 1, end + 1)):
            areas.append(ref)
    return sorted(areas, key=_area_start)


def unnamed_cells(xml: bytes, positions: Sequence[int]) -> list[str]:
    """The references (`M2`) of the cells below row 1 that hold a value, an inline text or a formula in a column
    row 1 names not (the named ones at `positions`, 0 = column A), in the sheet's order: a reader takes a table's
    columns by their names, so these are not read, though someone typed them."""
    named = b"|".join(column_letters(position + 1).encode() for position in positions)
    cell = re.compile(
        rb'<(?:[\w.-]+:)?c\s[^>]*?\br="\$?(?!(?:' + named + rb')\$?\d)([A-Z]{1,3})\$?(\d+)"[^>]*?(?<!/)>'
        rb"(.*?)</(?:[\w.-]+:)?c>",
        re.S,
    )
    return [
        f"{found[1].decode()}{found[2].decode()}"
        for found in cell.finditer(xml)
        if int(found[2]) > 1 and _VALUE_TAG.search(found[3])
    ]


_VALUE_TAGS = (b"<v", b"<is", b"<f")
"""The tags of a cell holding something to read (no other tag in a sheet's data starts so): a value, an inline
string, a formula (one without a saved value is reported)."""
_CELL_ROW = re.compile(rb'<c\s[^>]*?\br="[A-Z]{1,3}(\d+)"')
_TAIL_CELLS = 1_000_000
"""Formatted empty cells below a sheet's last value from which openpyxl reads it (it stops at that row, calamine
reads every cell: 6.5 s for a sheet formatted down to row 1,048,576) ..."""
_OPENPYXL_PER_CELL = 30
"""... when they are also this many times the cells above (openpyxl's cost per cell against calamine's, about)."""


def last_value_row(xml: bytes) -> int | None:
    """The number of the last row of a sheet XML that holds a value, an inline string or a formula (0: none); None
    when it cannot be told from the bytes (a namespace prefix, a cell without a reference), so that every row is
    read. Rows below it hold formatted empty cells at most: a sheet formatted down to row 1,048,576 is read only to
    its data, instead of a million empty rows (openpyxl took a minute and a half for one)."""
    found = _last_value(xml)
    return None if found is None else found[0]


def _last_value(xml: bytes) -> tuple[int, int] | None:
    """`last_value_row`, and where its last value tag starts in `xml` (-1: none). The tags are looked for from the
    end in growing windows: a sheet's last value is mostly near its end, and a tag that is never there (a formula)
    then costs no search of the whole sheet."""
    if b"<worksheet" not in xml[:4096]:
        return None
    end = xml.rfind(b"</sheetData>")
    if end < 0:
        return (0, -1) if xml.rfind(b"<sheetData/>") >= 0 else None
    window = 1 << 16
    while True:
        start = max(end - window, 0)
        last = max(xml.rfind(tag, start, end) for tag in _VALUE_TAGS)
        if last >= 0 or start == 0:
            break
        window *= 8
    if last < 0:
        return 0, -1
    cell = xml.rfind(b"<c", 0, last)
    found = _CELL_ROW.match(xml, cell) if cell >= 0 else None
    return None if found is None else (int(found.group(1)), last)


def first_value_row(xml: bytes) -> int | None:
    """The number of the first row of a sheet XML that holds a value, an inline string or a formula; None when
    none does (or its row cannot be told)."""
    found = _VALUE_TAG.search(xml)
    row = xml.rfind(b"<row", 0, found.start()) if found else -1
    if row < 0:
        row = xml.rfind(b":row", 0, found.start()) if found else -1  # a namespace prefix (`<x:row`)
    number = _ROW_NUMBER.search(xml, row, xml.find(b">", row) + 1) if row >= 0 else None
    return int(number[1]) if number else None


def first_sheet_xml(path: Path) -> bytes | None:
    """The XML of the workbook's first worksheet; None when it cannot be read (openpyxl reports the damage)."""
    try:
        with zipfile.ZipFile(path) as archive:
            located = _first_worksheet(archive)
            return None if located is None else member_bytes(archive, located.part)
    except (OSError, zipfile.BadZipFile, KeyError, ParseError, ValueError):
        return None


def _area_start(area: str) -> tuple[int, int]:
    """The row and column of an area's first cell (`B12:C14` -> (12, 2))."""
    letters, row = re.match(r"([A-Z]+)(\d+)", area).groups()  # type: ignore[union-attr]  # _MERGED matched it
    return int(row), _column_number(letters)


def _xml(data: bytes) -> Any:
    """An XML part parsed as openpyxl parses it (defused if it can); openpyxl is imported only when a workbook is
    read, so that commands on a CSV season do not pay for it."""
    from openpyxl.xml.functions import fromstring

    return fromstring(data)


def package_problem(path: Path) -> tuple[str, dict[str, object]] | None:
    """Why an .xlsx package must not be read, as a catalogue key and its fields, before any sheet is parsed: a member
    that unpacks far beyond its packed size (a zip bomb, `E_XLSX_UNPACKED_TOO_LARGE`) or a hidden first worksheet,
    the one the workbook reads, whose data nobody sees in Excel, while Excel shows another sheet that is not read
    (`E_XLSX_FIRST_SHEET_HIDDEN`, naming both; `E_XLSX_NO_SHEET_VISIBLE` when Excel shows none), or a workbook saved
    as Strict Open XML (`E_XLSX_STRICT`); None otherwise, also for a file that is no zip (openpyxl then reports the
    damage)."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > max(_UNPACKED_FLOOR, _UNPACKED_RATIO * info.compress_size):
                    sizes = {"packed": Num(info.compress_size / 1e3), "unpacked": Num(info.file_size / 1e6, 1)}
                    return "E_XLSX_UNPACKED_TOO_LARGE", {"part": info.filename, **sizes}
            lying = _lying_part(archive)
            if lying is not None:
                return "E_XLSX_DAMAGED", {"detail": lying}
            if _strict(archive):
                return "E_XLSX_STRICT", {}
            located = _first_worksheet(archive)
    except (OSError, zipfile.BadZipFile, KeyError, ParseError, ValueError):
        return None
    if located is None or located.state == "visible":
        return None
    state = Ref("xlsx.very_hidden") if located.state == "veryHidden" else Ref("xlsx.hidden")
    if located.visible is None:
        return "E_XLSX_NO_SHEET_VISIBLE", {"sheet": located.name, "state": state}
    return "E_XLSX_FIRST_SHEET_HIDDEN", {"sheet": located.name, "state": state, "visible": located.visible}


def _lying_part(archive: zipfile.ZipFile) -> str | None:
    """What is wrong with the first member openpyxl would unpack whole (all but the worksheets and the shared texts,
    which it reads a step at a time) that unpacks to other bytes than the package declares: a zip bomb declaring a
    small size passes the size check above, and openpyxl would unpack up to 2 GB of it at once before its CRC check
    failed. Each is unpacked here a bounded step at a time (`member_bytes`); None when all are sound."""
    for info in archive.infolist():
        if info.filename.startswith(_STREAMED_PARTS) or info.is_dir():
            continue
        try:
            member_bytes(archive, info.filename)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
            return f"{type(exc).__name__}: {exc}"
    return None


_STRICT = b"http://purl.oclc.org/ooxml/"
"""The start of the namespaces of Strict Open XML (Excel's Save As 'Strict Open XML Spreadsheet (*.xlsx)'): the
package's relationships and parts use them instead of the usual (transitional) ones, which openpyxl expects."""


def _strict(archive: zipfile.ZipFile) -> bool:
    """Whether the package is a workbook saved as Strict Open XML: openpyxl reads no sheet of it (its IndexError was
    reported as a damaged file, with a warning of its own on standard error)."""
    try:
        return _STRICT in member_bytes(archive, "_rels/.rels")
    except KeyError:  # no package relationships: openpyxl reports the damage
        return False


_STREAMED_PARTS = ("xl/worksheets/", "xl/sharedStrings.xml")
"""The parts openpyxl reads a step at a time (never unpacked whole at once): not checked by `_lying_part`."""


class FirstSheet(NamedTuple):
    """The workbook's first worksheet, the one read."""

    name: str
    part: str
    """Its zip member."""
    state: str
    """`visible`, `hidden` (Excel's Unhide shows it again) or `veryHidden` (only the VBA editor does)."""
    visible: str | None
    """The name of the first sheet Excel shows (this one when it is visible; None when none is)."""


def _first_worksheet(archive: zipfile.ZipFile) -> FirstSheet | None:
    """The workbook's first worksheet (chart sheets are not worksheets), as openpyxl takes it."""
    book = _office_document(member_bytes(archive, "_rels/.rels"))
    rels_path = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
    return _first_worksheet_of(book, member_bytes(archive, rels_path), member_bytes(archive, book))


def _worksheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Every worksheet of the workbook in order: (name, zip member)."""
    book = _office_document(member_bytes(archive, "_rels/.rels"))
    rels_path = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
    return _worksheets_of(book, member_bytes(archive, rels_path), member_bytes(archive, book))


_HEAD_BYTES = 1 << 18
"""How much of another worksheet's XML is unpacked to read its row 1 and whether anything follows it."""
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row>")
_HEAD_CELL = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?)(?<!/)>(.*?)</(?:[\w.-]+:)?c>", re.S)
_CELL_TYPE = re.compile(rb'\bt="(\w+)"')
_CELL_TEXT = re.compile(rb"<(?:[\w.-]+:)?(?:v|t)(?:\s[^>]*)?>([^<]*)<")


def sheets_like_first(path: Path) -> list[str]:
    """The names of the other worksheets that hold the first one's table too: their row 1 names at least half (and
    at least two) of the columns the first one's row 1 names, and something follows it. Only the first worksheet is
    read, so rows put there (a table split over two sheets, a filled sheet behind an empty copy of it) would be lost
    without a word. [] where the workbook cannot be read so (openpyxl then reports the damage)."""
    try:
        with zipfile.ZipFile(path) as archive:
            sheets = _worksheets(archive)
            if len(sheets) < 2:
                return []
            first, _ = _head(archive, sheets[0][1])
            if len(first) < 2:
                return []
            least = max(2, (len(first) + 1) // 2)
            found = []
            for name, part in sheets[1:]:
                names, more = _head(archive, part)
                if more and len(first & names) >= least:
                    found.append(name)
            return found
    except (OSError, zipfile.BadZipFile, KeyError, ParseError, ValueError, zlib.error):
        return []


def _head(archive: zipfile.ZipFile, part: str) -> tuple[set[tuple[bytes, bytes]], bool]:
    """A worksheet's row-1 cells as comparable tokens (a shared string by its index: one workbook's sheets share
    them; other text and numbers by their text) and whether a value follows row 1, from its first _HEAD_BYTES."""
    with archive.open(part) as member:
        xml = member.read(_HEAD_BYTES)
    start = re.search(rb"<(?:[\w.-]+:)?row[\s>]", xml)
    end = _ROW_END.search(xml, start.end()) if start else None
    if start is None or end is None:
        return set(), False
    row = xml[start.start() : end.start()]
    number = _ROW_NUMBER.search(row[: row.find(b">") + 1])
    if number is not None and number[1] != b"1":
        return set(), False  # row 1 is empty: no column is named
    tokens = set()
    for attributes, content in _HEAD_CELL.findall(row):
        kind = _CELL_TYPE.search(attributes)
        text = b"".join(_CELL_TEXT.findall(content)).strip()
        if text:
            tokens.add((b"s" if kind and kind[1] == b"s" else b"t", text))
    return tokens, bool(_VALUE_TAG.search(xml, end.end()))


# The small parts below are alike in the workbooks one tool wrote (an inbox of filled templates): each different
# part is parsed once.
@functools.lru_cache(maxsize=16)
def _office_document(package_rels: bytes) -> str:
    """The zip member of the workbook part, from the package's relationships."""
    root = _xml(package_rels)
    return next((r.get("Target", "") for r in root if r.get("Type", "").endswith("/officeDocument")), "").lstrip("/")


@functools.lru_cache(maxsize=16)
def _worksheets_of(book: str, book_rels: bytes, workbook: bytes) -> list[tuple[str, str]]:
    """`_worksheets` from the workbook part (member `book`) and its relationships."""
    folder = posixpath.dirname(book)
    targets = {r.get("Id"): (r.get("Type", ""), r.get("Target", "")) for r in _xml(book_rels)}
    found = []
    for sheet in _xml(workbook).iter(f"{_MAIN}sheet"):
        kind, target = targets.get(sheet.get(f"{_REL}id"), ("", ""))
        if kind.endswith(_WORKSHEET_REL):
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found.append((sheet.get("name", ""), part))
    return found


@functools.lru_cache(maxsize=16)
def _first_worksheet_of(book: str, book_rels: bytes, workbook: bytes) -> FirstSheet | None:
    """`_first_worksheet` from the workbook part (member `book`) and its relationships."""
    folder = posixpath.dirname(book)
    targets = {r.get("Id"): (r.get("Type", ""), r.get("Target", "")) for r in _xml(book_rels)}
    sheets = list(_xml(workbook).iter(f"{_MAIN}sheet"))
    shown = next((s.get("name", "") for s in sheets if s.get("state", "visible") == "visible"), None)
    for sheet in sheets:
        kind, target = targets.get(sheet.get(f"{_REL}id"), ("", ""))
        if kind.endswith(_WORKSHEET_REL):
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            return FirstSheet(sheet.get("name", ""), part, sheet.get("state", "visible"), shown)
    return None


def _special_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles whose number format openpyxl reads specially: a percent (the reader multiplies by 100),
    a date or a duration (openpyxl turns the number into a date or a time span)."""
    try:
        styles = member_bytes(archive, "xl/styles.xml")
    except KeyError:
        return frozenset()
    return _special_styles_of(styles)


@functools.lru_cache(maxsize=16)
def _special_styles_of(styles: bytes) -> frozenset[int]:
    """`_special_styles` from the styles part."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    root = _xml(styles)
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in root.iter(f"{_MAIN}numFmt")}
    special: set[int] = set()
    xfs = root.find(f"{_MAIN}cellXfs")
    for index, xf in enumerate(() if xfs is None else xfs.iter(f"{_MAIN}xf")):
        number = int(xf.get("numFmtId", "0"))
        code = custom.get(number, BUILTIN_FORMATS.get(number, "General"))
        if percent_format(code) or is_date_format(code) or is_timedelta_format(code):
            special.add(index)
    return frozenset(special)


def percent_format(code: str) -> bool:
    """Whether a number format shows its cell's value times 100 (a `%` of its own); a `%` in quotes (`0.00"%"`),
    after a backslash or after `_` or `*`, or in brackets is text beside the number, which Excel does not scale."""
    return "%" in _FORMAT_LITERALS.sub("", code)


def _plain(xml: bytes, special: AbstractSet[int], height: int, last: int) -> bool:
    """Whether calamine reads this sheet XML as openpyxl would (see the module's docstring). The tags are found in
    one numpy pass over the bytes (`_tags`), so a sheet of a million cells takes milliseconds; a false alarm only
    costs openpyxl's time. `height` and `last` are `_last_value`'s: the last row holding a value, and where its tag
    starts."""
    if b"<worksheet" not in xml[:4096]:
        return False  # the tags below are looked for without a namespace prefix, and with a cell reference
    if _OPENPYXL_TYPES.search(xml):
        return False
    if 0 in special:
        return False  # a cell without a style attribute has style 0
    if special and re.search(rb's="(?:' + b"|".join(str(i).encode() for i in sorted(special)) + rb')"', xml):
        return False  # (a row's style matches too: then openpyxl reads the file, which is only slower)
    data = np.frombuffer(xml, dtype=np.uint8)
    cells, values, formulas = _tags(data, b"cvf")
    if np.isin(_at(data, formulas + 2), _FORMULA_AFTER).any() or _long_whole(data, values):
        return False
    if _maybe_odd(data, values):  # a number cell of `inf` or `1e999`: calamine reads inf (`odd_numbers`)
        return False
    third = _at(data, cells + 2)
    spaced = cells[third == ord(" ")]
    referenced = spaced[
        (_at(data, spaced + 3) == ord("r")) & (_at(data, spaced + 4) == ord("=")) & (_at(data, spaced + 5) == ord('"'))
    ]
    if len(referenced) < len(spaced) or (third == ord(">")).any():
        return False  # a cell without a reference
    tail = int(np.count_nonzero(cells > last))  # formatted empty cells below the last value (`last_value_row`)
    if tail > _TAIL_CELLS and tail > _OPENPYXL_PER_CELL * (len(cells) - tail):
        return False  # openpyxl reads the rows down to the last value only
    wide = (_upper(_at(data, referenced + 6)) & _upper(_at(data, referenced + 7))).any()  # a column beyond Z
    dense = height * (_widest(xml) if wide else 26)
    return dense <= _DENSE_CELLS or dense <= _DENSE_PER_CELL * len(referenced)


def _tags(data: np.ndarray, letters: bytes) -> list[np.ndarray]:
    """Per letter, the positions of the tags `<letter` in `data` (in no particular order): the bytes are read as
    pairs, from the even and from the odd positions."""
    found: list[list[np.ndarray]] = [[] for _ in letters]
    for start in (0, 1):
        pairs = data[start : start + (len(data) - start) // 2 * 2].view("<u2")
        for k, letter in enumerate(letters):
            found[k].append(np.flatnonzero(pairs == ord("<") | letter << 8) * 2 + start)
    return [np.concatenate(parts) for parts in found]


def _at(data: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The bytes at `positions`; one past the end reads as the last byte (a well-formed sheet ends with a closing
    tag, so no tag looked at is that close to the end)."""
    return data.take(positions, mode="clip")


def _long_whole(data: np.ndarray, values: np.ndarray) -> bool:
    """Whether a value tag (`<v` at `values`) holds _LONG_DIGITS digits, after a minus."""
    found = values[_at(data, values + 2) == ord(">")] + 3
    found += _at(data, found) == ord("-")
    found = found[found + _LONG_DIGITS <= len(data)]
    for offset in range(_LONG_DIGITS):
        found = found[_digit(data[found + offset])]
    return bool(found.size)


def _maybe_odd(data: np.ndarray, values: np.ndarray) -> bool:
    """Whether a value tag (`<v>` at `values`) may hold no finite number (`odd_numbers`): one starting with a letter,
    after a sign (`inf`, `-Infinity`, `nan`), or a number with an exponent of three digits or more (`1e999`; `1e100`
    too, a false alarm that costs openpyxl's time only), looked for in numpy over the bytes as `_long_whole` does."""
    found = values[_at(data, values + 2) == ord(">")] + 3
    found += np.isin(_at(data, found), (ord("-"), ord("+")))
    if _letter(_at(data, found)).any():
        return True
    exponents = np.flatnonzero((data == ord("e")) | (data == ord("E")))
    exponents = exponents[_digit(_at(data, exponents - 1)) | (_at(data, exponents - 1) == ord("."))] + 1
    exponents += np.isin(_at(data, exponents), (ord("-"), ord("+")))
    return bool(
        (_digit(_at(data, exponents)) & _digit(_at(data, exponents + 1)) & _digit(_at(data, exponents + 2))).any()
    )


def _letter(values: np.ndarray) -> np.ndarray:
    lower = values | 0x20
    return (lower >= ord("a")) & (lower <= ord("z"))


def _digit(values: np.ndarray) -> np.ndarray:
    return (values >= ord("0")) & (values <= ord("9"))


def _upper(values: np.ndarray) -> np.ndarray:
    return (values >= ord("A")) & (values <= ord("Z"))


def _widest(xml: bytes) -> int:
    """The farthest column (1 = A) any cell reference names."""
    if not re.search(rb'<c r="[A-Z]{2}', xml):
        return 26
    for letters in (3, 2):
        found = set(re.findall(rb'<c r="([A-Z]{%d})\d' % letters, xml))
        if found:
            return max(_column_number(f.decode()) for f in found)
    return 26


def column_letters(number: int) -> str:
    """A column's letters as Excel names it (1 = A, 27 = AA)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _values(cells: Sequence[Sequence[object]], first_row: int) -> tuple[SheetValues, list[int]]:
    """The cells (calamine's rows from `first_row`, 0 = row 1) in the columns whose row-1 cell is filled, and those
    columns' positions (0 = column A)."""
    if not cells or first_row != 0:
        return SheetValues([], [], []), []  # row 1 is empty: no column is named
    named = [i for i, value in enumerate(cells[0]) if _text(value)[0]]
    grid = np.array(cells, dtype=object)
    headers = [_text(grid[0, i]) for i in named]
    return SheetValues([h for h, _ in headers], [flag for _, flag in headers], [grid[1:, i] for i in named]), named


def _down_to(values: SheetValues, last: int) -> SheetValues:
    """`values` down to row `last` at least, empty cells added: calamine leaves out the rows at the end of a sheet that
    hold nothing it reads (a row of number cells without a value)."""
    short = last - 1 - len(values.cells[0])  # a cell in a named column was found: there is one
    if short <= 0:
        return values
    blank = np.full(short, "", dtype=object)
    return replace(values, cells=[np.concatenate([column, blank]) for column in values.cells])


def column_values(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cells of a column as calamine gives them, as text (numbers in English style, whole ones without a decimal
    point; TRUE/FALSE cells as that text) and whether each is a number; each cell's text depends on its value only,
    so the cells of several sheets may be turned at once. A column of numbers only, or of text only (the usual
    ones), is turned without looking at each cell in Python."""
    kind = pd.api.types.infer_dtype(cells, skipna=False)
    if kind == "string":
        return np.array([cell.strip() for cell in cells], dtype=object), np.zeros(len(cells), dtype=bool)
    if kind == "floating":
        codes, uniques = pd.factorize(cells.astype(np.float64), use_na_sentinel=False)
        return np.array([_text(v)[0] for v in uniques.tolist()], dtype=object)[codes], np.ones(len(cells), dtype=bool)
    logical = np.fromiter((isinstance(cell, bool) for cell in cells), dtype=bool, count=len(cells))
    texts, numeric = np.empty(len(cells), dtype=object), np.zeros(len(cells), dtype=bool)
    texts[logical] = np.where(cells[logical].astype(bool), "TRUE", "FALSE")
    if not logical.all():  # the others by value (factorize takes True for 1: the TRUE/FALSE cells stay out of it)
        codes, uniques = pd.factorize(cells[~logical], use_na_sentinel=False)
        read = [_text(value) for value in uniques]
        texts[~logical] = np.array([text for text, _ in read], dtype=object)[codes]
        numeric[~logical] = np.array([flag for _, flag in read], dtype=bool)[codes]
    return texts, numeric


def _text(value: object) -> tuple[str, bool]:
    """A calamine value as the openpyxl reader's text: numbers in English style, whole ones without a decimal."""
    if isinstance(value, str):  # the most frequent first
        return value.strip(), False
    if isinstance(value, float):
        return number_text(value), True
    if isinstance(value, bool):  # as the openpyxl reader's text: TRUE or FALSE, no number
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)  # as openpyxl reads a date: with its time of day
    return str(value).strip(), False


def number_text(value: float) -> str:
    """A number cell's value as text in English style that reads back as the same number: a whole one without a
    decimal point, any other in the fewest digits, never with an exponent (`1e-07` is no number to the checks: a
    tiny value in a number cell reads 0.0000001)."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return text if "e" not in text else np.format_float_positional(value, trim="-")


_SHOWN_NUMBER_CHARS = 20
"""A number cell's text longer than this is shown in powers of ten (`number_shown`)."""


def number_shown(value: float) -> str:
    """A number cell's value as a message shows it: `number_text`, or where that is longer than _SHOWN_NUMBER_CHARS
    (1e308 is 309 digits, 1e-300 302 characters) in powers of ten as Excel shows such a cell (1E+308, 1.5E-300)."""
    return number_text_shown(number_text(value))


def number_text_shown(text: str) -> str:
    """A number cell's text as read (`number_text`, or a whole number's digits) as a message shows it (`number_shown`):
    the text in a text column, where no number was read from it."""
    return text if len(text) <= _SHOWN_NUMBER_CHARS else repr(float(text)).upper()
