"""Reading one table file (.csv in either locale, or .xlsx) into raw text cells.

Nothing is interpreted here except the file format: every cell comes back as a stripped
string, and the index is the row number a spreadsheet user sees (header = row 1). One economy:
in a CSV's number columns, only the first `KEEP_PER_KIND` cells that cannot be numbers keep their
text (validation never shows more problems of one kind), so a million wrong rows stay small.

A CSV is parsed by pyarrow (every column as text, stripped by its vectorised kernels); the rare file pyarrow
reads otherwise than pandas' parser (a NUL byte, a quote left open at the end, a row of another width) is read
by pandas, so both give the same cells or the same error. With `arrow=True` the cells stay in Arrow memory
(`RawTable.arrow`, and pandas Arrow-backed columns), which validation reads without a Python string per cell.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections.abc import Callable, Collection, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from .messages import Num, Ref, os_reason
from .numbers import numeric_text
from .outputs import PREFIXED_RE2, csv_unsafe
from .problems import KEEP_PER_KIND
from .xlsx_values import (
    Hidden,
    OddNumber,
    SheetProblem,
    SheetValues,
    column_letters,
    empty_number_cells,
    first_sheet_xml,
    first_value_row,
    last_value_row,
    merged_header,
    number_text,
    odd_numbers,
    package_problem,
    percent_format,
    plain_sheet,
    sheet_hidden,
    sheets_like_first,
    unnamed_cells,
    without_odd_numbers,
)

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

MAX_HEADER_CHARS = 100_000
CHUNK_ROWS = 100_000
NOT_SHOWN = "?"
"""Stands for the text of a cell that cannot be a number, beyond the first KEEP_PER_KIND of its column."""
"""A longer first line is not a header (a real one is well under 1,000 characters)."""

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE2 compound file: what Excel writes for a password-protected workbook (and for old .xls)."""
_SEP_LINE = re.compile(r"\s*sep=.?\s*", re.IGNORECASE)
"""A first line `sep=;` names the separator for Excel, which reads it and hides it; the header follows it."""
_ZIP_SIGNATURE = b"PK\x03\x04"
"""How an .xlsx file (a zip package) begins; an .xls or an encrypted workbook begins with _CFB_SIGNATURE."""
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


class ReadFailure(Exception):
    """A file that cannot be read at all; `code` is a message-catalogue key, `fields` fill its message."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(f"{code}: {fields}")
        self.code = code
        self.fields = fields


@dataclass
class RawTable:
    """The cells of one file as text, plus what was learnt about its format."""

    path: Path
    cells: pd.DataFrame
    delimiter: str
    duplicate_columns: list[str] = field(default_factory=list)
    numeric_cells: dict[str, pd.Series] = field(default_factory=dict)
    """For .xlsx: per column, a boolean Series of cells Excel stored as numbers."""
    unsaved_formulas: dict[str, pd.Series] = field(default_factory=dict)
    """For .xlsx: per column, the formulas (by row) of cells that hold a formula but no saved value."""
    empty_numbers: dict[str, pd.Index] = field(default_factory=dict)
    """For .xlsx: per column, the rows of its number cells without a value (xlsx_values.empty_number_cells)."""
    arrow: dict[str, pa.Array] = field(default_factory=dict)
    """When read with `arrow=True` from a CSV: each column of `cells` as an Arrow string array (same rows)."""
    sheet: str | None = None
    """For .xlsx: the name of the sheet read (the first worksheet)."""
    hidden: Hidden | None = None
    """For .xlsx: the rows and named columns Excel hides in the sheet read (None: none); they are read all the same."""
    unnamed: list[str] = field(default_factory=list)
    """For .xlsx: the cells holding something in columns row 1 names not (xlsx_values.unnamed_cells): not read."""
    others: list[str] = field(default_factory=list)
    """For .xlsx: the other worksheets that hold this table too (xlsx_values.sheets_like_first): not read."""
    merged_header: list[str] = field(default_factory=list)
    """For .xlsx: the merged areas of row 1 above `unnamed` cells (xlsx_values.merged_header)."""


def read_table_file(path: Path, number_columns: Collection[str] = (), *, arrow: bool = False) -> RawTable:
    """Read a .csv or .xlsx file into text cells; raise ReadFailure when it cannot be read. In a CSV's
    `number_columns`, cells that cannot be numbers read as NOT_SHOWN after the first KEEP_PER_KIND of each.
    With `arrow`, a CSV's cells stay Arrow strings (`RawTable.arrow`; `cells` has Arrow-backed columns)."""
    try:
        if path.suffix.lower() == ".xlsx":
            return _read_xlsx(path)
        return _read_csv(path, number_columns, arrow)
    except OSError as exc:  # locked by another program, no permission, gone since it was found
        raise ReadFailure("E_FILE_UNREADABLE", reason=os_reason(exc)) from None


def _read_csv(path: Path, number_columns: Collection[str], arrow: bool) -> RawTable:
    data = path.read_bytes()
    if data.startswith((_ZIP_SIGNATURE, _CFB_SIGNATURE)):  # a workbook renamed to .csv: not "a letter such as é"
        raise ReadFailure("E_CSV_IS_WORKBOOK")
    header = _first_line(data)
    if _SEP_LINE.fullmatch(header):  # Excel's note of the separator, which Excel hides: not the header
        raise ReadFailure("E_CSV_SEP_LINE", found=header.strip())
    if len(header) > MAX_HEADER_CHARS:
        raise ReadFailure("E_HEADER_TOO_LONG", length=Num(len(header)), limit=Num(MAX_HEADER_CHARS))
    delimiter = _delimiter(header)
    columns = _arrow_cells(data, delimiter, header)
    del data
    if columns is not None:
        raw = _finish_arrow(path, columns, delimiter, number_columns)
        return raw if arrow else _with_python_text(raw)
    # no reference to the cells is kept here: _finish frees what it no longer needs as it goes
    return _finish(path, _csv_cells(path, delimiter, number_columns), delimiter)


_PLAIN_SPACE = " \t\n\v\f\r"
"""The whitespace every parser agrees on, trimmed by pyarrow when many cells need it."""
_PRINTABLE = np.zeros(256, dtype=bool)
_PRINTABLE[0x21:0x7F] = True
"""Bytes that are printable ASCII other than the space: a cell starting and ending with one needs no strip."""
_APOSTROPHE = ord("'")
_DIGITS = np.zeros(256, dtype=bool)
_DIGITS[np.frombuffer(b"0123456789.,", dtype=np.uint8)] = True
MAX_QUOTES_SCANNED = 1_000_000
"""A CSV with more quote characters is read by pandas (checking pyarrow's quoting would cost more)."""


def _arrow_cells(data: bytes, delimiter: str, header: str) -> list[pa.Array] | None:
    """Every cell of a CSV file (already known to be UTF-8) as stripped Arrow text, the header row included, when
    pyarrow reads it as pandas' parser does; None for the files it would read otherwise (pandas reads those)."""
    if not header:
        return None  # an empty first line: pandas finds no columns at all
    quote_open = _quote_left_open(data, delimiter.encode())  # True too when there are too many quotes to scan
    if b"\x00" in data or quote_open:  # pandas reads the cells; their rows' width is checked here first
        if not quote_open or data.count(b'"') > MAX_QUOTES_SCANNED:  # (pandas refuses a quote left open)
            failure = _width_failure(data, delimiter, header)
            if failure is not None:
                raise failure
        return None
    try:
        table = _arrow_text(data, delimiter, header)
    except pa.ArrowException:  # rows of another width than the header: said here; other errors: pandas says which
        failure = _width_failure(data, delimiter, header)
        if failure is not None:
            raise failure from None
        return None
    if any(not pa.types.is_string(column.type) for column in table.columns):
        return None  # the header row spans lines (a quoted line break): more columns than its first line shows
    return [_unprefixed(_stripped(column)) for column in table.columns]


def _arrow_text(
    data: bytes, delimiter: str, header: str, invalid_row: Callable[[pa_csv.InvalidRow], str] | None = None
) -> pa.Table:
    """Every cell of a CSV file as Arrow text (columns f0, f1, ...), the header row included; a row of another
    width than the first raises, unless `invalid_row` is given (it is told of each one, then skips it)."""
    width = header.count(delimiter) + 1  # an upper bound: a quoted cell may hold the separator
    return pa_csv.read_csv(
        pa.py_buffer(data),
        read_options=pa_csv.ReadOptions(
            autogenerate_column_names=True, block_size=1 << 22, use_threads=invalid_row is None
        ),
        memory_pool=_parse_pool(),
        parse_options=pa_csv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=invalid_row
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types={f"f{i}": pa.string() for i in range(width)},
            strings_can_be_null=False,
            null_values=[],
            check_utf8=False,  # decoded already by _first_line
        ),
    )


def _width_failure(data: bytes, delimiter: str, header: str) -> ReadFailure | None:
    """E_ROW_LONG for the first row with more cells than the header (as pandas refuses it), else E_ROW_SHORT for the
    first with fewer than the header names (a lost separator moved every cell after it one column to the left:
    pandas would silently fill the row up with empty cells); None when no row is either. A short row with nothing
    in it, or that only lacks unnamed columns at the end of the header, is not refused."""
    try:
        names = next(csv.reader([header], delimiter=delimiter), [])
    except csv.Error:  # a header cell over the csv module's field limit
        names = header.split(delimiter)
    rows: list[tuple[int, int, int]] = []  # (row number, cells, header's cells)

    def note(row: pa_csv.InvalidRow) -> str:
        blank = row.text.replace(delimiter, "").replace('"', "").strip() == ""
        cut_named = any(name.strip() for name in names[row.actual_columns :])
        if row.actual_columns > row.expected_columns or (cut_named and not blank):
            rows.append((row.number or 0, row.actual_columns, row.expected_columns))
        return "skip"

    try:
        _arrow_text(data, delimiter, header, note)
    except pa.ArrowException:
        return None
    long = [row for row in rows if row[1] > row[2]]  # said first, as pandas refuses the file at the first of them
    if long:
        number, found, expected = long[0]
        return ReadFailure("E_ROW_LONG", row=number, found=found, expected=expected)
    if not rows:
        return None
    number, found, expected = rows[0]
    return ReadFailure("E_ROW_SHORT", row=number, found=found, expected=expected, more=len(rows) - 1)


def _parse_pool() -> pa.MemoryPool:
    """Where pyarrow parses a CSV: jemalloc, which gives the parser's large transient buffers back to the system
    (the default pool keeps them: a national season's peak memory was 60 MB higher), else the default pool."""
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc
        return pa.default_memory_pool()


def _quote_left_open(data: bytes, delimiter: bytes) -> bool:
    """Whether a quoted cell is still open at the end of the file (pandas refuses such a file, pyarrow does not);
    True as well when the file holds more than MAX_QUOTES_SCANNED quote characters (not scanned)."""
    quotes = data.count(b'"')
    if quotes == 0:
        return False
    if quotes > MAX_QUOTES_SCANNED:
        return True
    starts = (delimiter, b"\n", b"\r")
    position = data.find(b'"')
    while position >= 0:
        if position == 0 or data[position - 1 : position] in starts:  # opens a quoted cell
            while True:
                end = data.find(b'"', position + 1)
                if end < 0:
                    return True
                if data[end + 1 : end + 2] == b'"':  # a doubled quote inside the cell
                    position = end + 1
                    continue
                position = end
                break
        position = data.find(b'"', position + 1)
    return False


def _unprefixed(cells: pa.Array) -> pa.Array:
    """`cells` with the `'` the workbook's own CSVs put before text a spreadsheet would run as a formula (as the
    season tables `paritrana intake` merges hold it: outputs.csv_safe) taken off, so the text is read as submitted."""
    offsets, data = string_bytes(cells)
    filled = offsets[1:] > offsets[:-1]
    if not len(data) or not (data.take(offsets[:-1][filled]) == _APOSTROPHE).any():  # no cell starts with '
        return cells
    mask = pc.match_substring_regex(cells, PREFIXED_RE2)
    exact = [csv_unsafe(text) for text in cells.filter(mask).to_pylist()]
    return pc.replace_with_mask(cells, mask, pa.array(exact, type=cells.type))


def _stripped(column: pa.ChunkedArray) -> pa.Array:
    """The cells of `column` stripped exactly as Python's `str.strip` does: only a cell with a byte other than
    printable ASCII at either edge can change, and those few go through `str.strip` itself (when many do, the
    plain spaces are trimmed by pyarrow first)."""
    cells = column.combine_chunks()
    odd = _odd_edges(cells)
    if odd.sum() > len(cells) // 8:
        cells = pc.utf8_trim(cells, characters=_PLAIN_SPACE)
        odd = _odd_edges(cells)
    if not odd.any():
        return cells
    mask = pa.array(odd)
    exact = [text.strip() for text in cells.filter(mask).to_pylist()]
    return pc.replace_with_mask(cells, mask, pa.array(exact, type=cells.type))


def string_bytes(cells: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (one more than the cells) and the UTF-8 bytes of an Arrow string array."""
    _, offsets, data = cells.buffers()
    width = np.int64 if pa.types.is_large_string(cells.type) else np.int32
    starts = np.frombuffer(offsets, dtype=width)[cells.offset : cells.offset + len(cells) + 1]
    return starts, (np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8))


def _odd_edges(cells: pa.Array) -> np.ndarray:
    """Per cell: True when its first or last byte is not printable ASCII (a space, a control or non-ASCII)."""
    offsets, data = string_bytes(cells)
    starts, ends = offsets[:-1], offsets[1:]
    if not len(data):
        return np.zeros(len(cells), dtype=bool)
    # an empty cell's edges are read from its neighbours' bytes (clipped at the end), then ignored
    edges = _PRINTABLE[data.take(starts, mode="clip")] & _PRINTABLE[data.take(ends - 1, mode="clip")]
    return ~edges & (ends > starts)


def _finish_arrow(path: Path, columns: list[pa.Array], delimiter: str, number_columns: Collection[str]) -> RawTable:
    """`_finish` for stripped Arrow cells: the first row as header, empty rows and unnamed empty columns dropped,
    the index the spreadsheet row number; in `number_columns`, only the first non-numbers keep their text."""
    header = [str(column[0].as_py()).strip().lstrip("\ufeff") for column in columns]
    body = [column.slice(1) for column in columns]
    filled = [pc.not_equal(column, "") for column in body]
    keep_cols = [i for i, name in enumerate(header) if name != "" or pc.any(filled[i]).as_py()]
    names, duplicates = _column_names(header, keep_cols)
    index = pd.Index(range(2, len(columns[0]) + 1), name="baris")
    nonempty = functools.reduce(pc.or_, [filled[i] for i in keep_cols], pa.repeat(False, len(index)))
    if not pc.all(nonempty).as_py():
        index = index[nonempty.to_numpy(zero_copy_only=False)]
        body = [column.filter(nonempty) for column in body]
    kept = {
        name: _only_first_non_numbers(body[i]) if header[i] in number_columns else body[i]
        for i, name in zip(keep_cols, names, strict=True)
    }
    cells = pd.DataFrame({name: pd.arrays.ArrowExtensionArray(column) for name, column in kept.items()}, index=index)
    cells.columns = names  # the column labels of every other reader, for no column too
    return RawTable(path, cells, delimiter, duplicates, arrow=kept)


def _column_names(header: list[str], keep_cols: list[int]) -> tuple[list[str], list[str]]:
    """The names of the kept columns (`kolom_N` for an unnamed one, `name#N` for a repeat) and the repeated ones."""
    seen: set[str] = set()
    duplicates: list[str] = []
    names: list[str] = []
    for i in keep_cols:
        name = header[i] or f"kolom_{i + 1}"
        if name in seen:
            duplicates.append(name)
            name = f"{name}#{i + 1}"
        seen.add(name)
        names.append(name)
    return names, duplicates


def _only_first_non_numbers(cells: pa.Array) -> pa.Array:
    """`cells` with the cells that cannot be numbers beyond the first KEEP_PER_KIND as NOT_SHOWN (a number in
    scientific notation keeps its text, which tells whether it is too large: numbers.numeric_text)."""
    offsets, data = string_bytes(cells)
    if _DIGITS[data[offsets[0] : offsets[-1]]].all():  # digits and separators only: every cell is number-shaped
        return cells
    encoded = cells.dictionary_encode()
    uniques = encoded.dictionary.to_pylist()
    unshaped = np.fromiter((u != "" and not numeric_text(u) for u in uniques), dtype=bool, count=len(uniques))
    if not unshaped.any():
        return cells
    wrong = unshaped[encoded.indices.to_numpy()]
    beyond = wrong & (np.cumsum(wrong) > KEEP_PER_KIND)
    if not beyond.any():
        return cells
    return pc.if_else(pa.array(beyond), pa.scalar(NOT_SHOWN, cells.type), cells)


def _with_python_text(raw: RawTable) -> RawTable:
    """`raw` with its cells as Python strings (the pandas text of every other reader) and no Arrow columns."""
    cells = raw.cells.astype(object).astype(str) if len(raw.cells.columns) else raw.cells
    return RawTable(raw.path, cells, raw.delimiter, raw.duplicate_columns)


def _csv_cells(path: Path, delimiter: str, number_columns: Collection[str]) -> pd.DataFrame:
    """Every cell of a UTF-8 CSV file as stripped text, the header row included, read a chunk of rows at a time."""
    chunks: list[pd.DataFrame] = []
    room: dict[int, int] = {}  # number column -> how many more non-numbers keep their text
    try:
        # pandas' C parser of some versions (2.2) silently cuts a cell at a NUL byte: such rare files are read
        # by the Python parser, which keeps it, so that validation reports the control character
        engine: Literal["python", "c"] = "python" if _has_nul(path) else "c"
        for chunk in pd.read_csv(
            path,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            header=None,
            quotechar='"',
            engine=engine,
            encoding="utf-8-sig",
            chunksize=CHUNK_ROWS,
        ):
            if not chunks:
                names = [str(h).strip().lstrip("\ufeff") for h in chunk.iloc[0]]
                room = {i: KEEP_PER_KIND for i, name in enumerate(names) if name in number_columns}
            for label in chunk.columns:
                chunk[label] = chunk[label].str.strip()
                prefixed = chunk[label].str.startswith("'", na=False)
                if prefixed.any():  # as _unprefixed
                    chunk.loc[prefixed, label] = chunk.loc[prefixed, label].map(csv_unsafe)
            for i in room:
                chunk[i], room[i] = _without_extra_non_numbers(chunk[i], room[i], header=not chunks)
            chunks.append(chunk)
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except pd.errors.ParserError as exc:
        raise _parser_failure(str(exc)) from None
    return chunks[0] if len(chunks) == 1 else pd.concat(chunks)


_PANDAS_WIDTH = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_PANDAS_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")


def _parser_failure(detail: str) -> ReadFailure:
    """pandas' parser error as the catalogue's message: a row wider than the header, a quote never closed, or (in
    the parser's words) another error."""
    if width := _PANDAS_WIDTH.search(detail):
        expected, line, found = (int(g) for g in width.groups())
        return ReadFailure("E_ROW_LONG", row=line, found=found, expected=expected)
    if quote := _PANDAS_OPEN_QUOTE.search(detail):
        return ReadFailure("E_QUOTE_OPEN", row=int(quote.group(1)) + 1)
    return ReadFailure("E_UNREADABLE", detail=detail.strip())


def _has_nul(path: Path) -> bool:
    """Whether the file holds a NUL byte (read in blocks of 1 MiB)."""
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            if b"\x00" in block:
                return True
    return False


def _without_extra_non_numbers(cells: pd.Series, room: int, header: bool) -> tuple[pd.Series, int]:
    """`cells` with the cells that cannot be numbers beyond the first `room` as NOT_SHOWN (the first cell is the
    column name when `header`); and the room left."""
    codes, uniques = pd.factorize(cells)
    unshaped = np.fromiter(
        (u != "" and not numeric_text(u) for u in np.asarray(uniques, dtype=object)),
        dtype=bool,
        count=len(uniques),
    )[codes]
    unshaped[0] &= not header
    if not unshaped.any():
        return cells, room
    beyond = unshaped & (np.cumsum(unshaped) > room)
    return cells.mask(beyond, NOT_SHOWN), max(room - int(unshaped.sum()), 0)


def _first_line(data: bytes) -> str:
    """The first line of a UTF-8 file's bytes (ended by LF, CRLF or CR alone, as Excel for Mac writes), once the
    whole file is known to decode (`_undecodable`). A first line holding a NUL is UTF-16 (no header holds one)."""
    bad = _undecodable(data)
    if bad is not None:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode Text"
            raise ReadFailure("E_ENCODING", detail=Ref("encoding.utf16"))
        line = data.count(b"\n", 0, bad) + 1
        raise ReadFailure("E_ENCODING", detail=Ref("encoding.line", line=line))
    end = _LINE_END.search(data)
    first = data if end is None else data[: end.start()]
    if b"\0" in first:  # UTF-16 without a byte order mark decodes as UTF-8, a NUL beside every letter
        raise ReadFailure("E_ENCODING", detail=Ref("encoding.utf16"))
    return first.decode("utf-8-sig")


_LINE_END = re.compile(rb"[\r\n]")
_DECODED_AT_ONCE = 1 << 16
"""Bytes `_undecodable` decodes at a time: the decoded text of a whole file is never held (it was 31 MB of memory,
freshly allocated, for the national season's business table)."""


def _undecodable(data: bytes) -> int | None:
    """The position of the first byte of `data` that does not decode as UTF-8; None when all of it does."""
    if data.isascii():
        return None
    view = memoryview(data)
    position = 0
    while position < len(data):
        final = position + _DECODED_AT_ONCE >= len(data)
        try:  # a character cut at the end of a piece is left for the next (`used` stops before it)
            _, used = codecs.utf_8_decode(view[position : position + _DECODED_AT_ONCE], "strict", final)
        except UnicodeDecodeError as exc:
            return position + exc.start
        position += used
    return None


def _delimiter(header: str) -> str:
    """The separator used in the header line: the most frequent of ; , and tab outside quotes. A quote still
    open at the end of the line (a header cell with a line break) runs to the end: nothing after it counts."""
    line = re.sub(r'"[^"]*(?:"|$)', "", header)
    counts = {sep: line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_xlsx(path: Path) -> RawTable:
    """The first sheet from its real cells (its declared <dimension> is ignored), in the columns named in row 1:
    by calamine when it reads the sheet as openpyxl would (xlsx_values), else by openpyxl."""
    return xlsx_table(path, plain_xlsx(path))


def first_filled_row(path: Path) -> int | None:
    """The number of the first row of a table file that holds anything (in a CSV, more than separators and spaces;
    in an .xlsx, a value in its first sheet): where a header was put below an empty row 1. None when none does or
    the file cannot be read."""
    try:
        if path.suffix.lower() == ".xlsx":
            xml = first_sheet_xml(path)
            return None if xml is None else first_value_row(xml)
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip(b' \t\r\n,;"\xef\xbb\xbf'):
                    return number
    except OSError:
        return None
    return None


def _top_sheet_rows(path: Path, count: int) -> list[list[str]]:
    """`top_rows` of an .xlsx file; [] when it cannot be read (openpyxl and the XML parser raise many types)."""
    try:
        xml = first_sheet_xml(path)
        with _first_sheet(_readable(path, xml)[0], saved_values=True) as sheet:
            rows = sheet.iter_rows(min_row=1, max_row=count)  # type: ignore[misc]  # types-openpyxl types iter_rows for Worksheet only
            return [[_cell_text(cell)[0] for cell in cells] for cells in rows]
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - a damaged workbook: no rows, its reading says why
        return []


_TOP_BYTES = 1 << 20
"""How much of a CSV `top_rows` reads: its first rows are far shorter."""


def top_rows(path: Path, count: int) -> list[list[str]]:
    """The stripped text cells of the first `count` rows of a table file (in an .xlsx, of its first sheet; in a CSV,
    each line split at its own separator), row 1 first: only those rows are read. [] when the file cannot be read."""
    try:
        if path.suffix.lower() == ".xlsx":
            return _top_sheet_rows(path, count)
        with path.open("rb") as handle:
            lines = re.split(rb"\r\n|\r|\n", handle.read(_TOP_BYTES))[:count]
    except OSError:
        return []
    texts = [line.decode("utf-8-sig" if number == 0 else "utf-8", "replace") for number, line in enumerate(lines)]
    try:
        return [[cell.strip() for cell in next(csv.reader([text], delimiter=_delimiter(text)), [])] for text in texts]
    except csv.Error:  # a cell over the csv module's field limit: no header
        return []


def other_sheet_with_header(path: Path, is_header: Callable[[list[str]], bool]) -> str | None:
    """The name of the first worksheet after the first of the .xlsx at `path` whose row 1 `is_header` (its stripped
    text cells): where a cover or summary sheet was put before the table's, the table is there but never read. Only
    row 1 of each sheet is read; None where no sheet's is a header or the workbook cannot be read."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for damaged files
        return None
    try:
        for sheet in workbook.worksheets[1:]:
            sheet.reset_dimensions()
            rows = sheet.iter_rows(min_row=1, max_row=1)
            if is_header([_cell_text(cell)[0] for cell in next(rows, ())]):
                return sheet.title
    except Exception:  # noqa: BLE001 - as above, a damaged sheet behind the first
        return None
    finally:
        workbook.close()
    return None


def plain_xlsx(path: Path) -> SheetValues | None:
    """An .xlsx file's first sheet as calamine reads it, or None when openpyxl must read it (xlsx_values); raise
    ReadFailure for an empty file (0 bytes), a file that is no workbook package (an encrypted one among them), a zip
    bomb, a workbook whose first sheet is hidden (xlsx_values.package_problem) or has merged cells below its header
    (merged_problem)."""
    with path.open("rb") as handle:
        start = handle.read(len(_CFB_SIGNATURE))
    if not start:  # said to be empty, as an empty CSV is, not damaged ("BadZipFile: File is not a zip file")
        raise ReadFailure("E_XLSX_EMPTY")
    if start == _CFB_SIGNATURE:
        raise ReadFailure("E_XLSX_ENCRYPTED" if _ENCRYPTED_STREAM in path.read_bytes() else "E_XLSX_NOT_ZIP")
    if not start.startswith(b"PK") and _text_start(path):  # a CSV given an .xlsx name: "BadZipFile" said nothing
        raise ReadFailure("E_XLSX_IS_TEXT")
    if _opendocument(path):  # an .ods renamed: no "KeyError: There is no item named '[Content_Types].xml'"
        raise ReadFailure("E_XLSX_IS_ODS")
    problem = package_problem(path)
    if problem is not None:
        raise ReadFailure(problem[0], **problem[1])
    try:
        return plain_sheet(path)
    except SheetProblem as sheet_problem:
        raise ReadFailure(sheet_problem.code, **sheet_problem.fields) from None


_ODS_START = b"mimetype" + b"application/vnd.oasis.opendocument.spreadsheet"
"""What an OpenDocument spreadsheet holds from byte 30 on: its first zip member, `mimetype`, stored unpacked with
no extra field as the OpenDocument standard requires, and that member's content."""


def _opendocument(path: Path) -> bool:
    """Whether the file is an OpenDocument spreadsheet (.ods, LibreOffice's format), from its first bytes."""
    with path.open("rb") as handle:
        head = handle.read(30 + len(_ODS_START))
    return head.startswith(b"PK\x03\x04") and head[30:] == _ODS_START


def _text_start(path: Path) -> bool:
    """Whether a file starts as UTF-8 text does (its first 4 kB decode, a character cut at their end aside, and hold
    no NUL): a CSV, not a workbook."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"\0" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def xlsx_table(path: Path, plain: SheetValues | None) -> RawTable:
    """An .xlsx file's cells from what `plain_xlsx` gave for it (None: read by openpyxl); ReadFailure
    E_XLSX_DAMAGED for a sheet openpyxl cannot read to its end (cut off, its XML broken, a shared text that is not
    there: a parser's own error, of many types)."""
    if plain is not None:
        raw = _finish(path, plain.texts, ",", plain.numeric, empty=plain.empty_numbers)
        return replace(
            raw,
            sheet=plain.sheet,
            hidden=plain.hidden,
            unnamed=plain.unnamed,
            others=plain.others,
            merged_header=plain.merged_header,
        )
    try:
        return _openpyxl_table(path)
    except (ReadFailure, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl and the XML parser raise many types for a damaged sheet
        raise ReadFailure("E_XLSX_DAMAGED", detail=f"{type(exc).__name__}: {exc}") from None


def _openpyxl_table(path: Path) -> RawTable:
    """An .xlsx file's cells as openpyxl reads them (`xlsx_table`); a number cell holding no finite number
    (xlsx_values.odd_numbers: `inf`, `nan`, `1e999`, which openpyxl cannot read) as the text its file writes, the
    cell's own error when it is checked, as a CSV's `inf` is."""
    rows: list[int] = []
    texts: list[list[str]] = []
    numeric: list[list[bool]] = []
    formulas: dict[tuple[int, int], str] = {}  # (position in rows, column) -> formula
    xml = first_sheet_xml(path)
    last = None if xml is None else last_value_row(xml)  # not the formatted empty rows below it
    source, odd = _readable(path, xml)
    with _first_sheet(source, saved_values=False) as sheet:
        title = sheet.title
        named = _named_columns(sheet)
        empty = [] if xml is None else empty_number_cells(xml, named)
        written = {(cell.row, cell.column): cell.text for cell in odd}
        kept = {row for row, _ in empty} | {row for row, _ in written}
        letters = [column_letters(position + 1) for position in named]
        for number, cells in _rows(sheet, named, last, kept):
            read = [_cell_text(cell) for cell in cells]
            for column, cell in enumerate(cells):
                if cell.data_type == "f":
                    formulas[(len(rows), column)] = str(getattr(cell.value, "text", cell.value))
                    read[column] = ("", False)
                elif (number, letters[column]) in written:
                    read[column] = (written[(number, letters[column])], False)
            rows.append(number)
            texts.append([text for text, _ in read])
            numeric.append([is_number for _, is_number in read])
    if formulas:  # their saved values are only seen when reading values instead of formulas
        position = {number: i for i, number in enumerate(rows)}
        with _first_sheet(source, saved_values=True) as sheet:
            for number, cells in _rows(sheet, named, last):
                for column, cell in enumerate(cells):
                    key = (position.get(number, -1), column)
                    if key in formulas and cell.value is not None:
                        texts[key[0]][column], numeric[key[0]][column] = _cell_text(cell)
                        del formulas[key]
    unsaved = {(rows[i], column): formula for (i, column), formula in formulas.items()}
    raw = _finish(
        path, pd.DataFrame(texts, dtype=object), ",", pd.DataFrame(numeric, dtype=bool), pd.Index(rows), unsaved, empty
    )
    hidden = None if xml is None or not texts else sheet_hidden(xml, texts[0], named)
    unnamed = unnamed_cells(xml, named) if xml is not None and named else []
    merged = merged_header(xml, unnamed) if xml is not None else []
    others = sheets_like_first(path)
    return replace(raw, sheet=title, hidden=hidden, unnamed=unnamed, others=others, merged_header=merged)


def _readable(path: Path, xml: bytes | None) -> tuple[Path | bytes, list[OddNumber]]:
    """What openpyxl reads of the .xlsx at `path` (its first sheet's XML `xml`): the file, or where a number cell holds
    no finite number (xlsx_values.odd_numbers), which openpyxl cannot read, the package's bytes with those cells
    emptied; and those cells."""
    odd = [] if xml is None else odd_numbers(xml)
    return (without_odd_numbers(path, odd) if odd else None) or path, odd


@contextmanager
def _first_sheet(source: Path | bytes, saved_values: bool) -> Iterator[ReadOnlyWorksheet]:
    """The first sheet of the package at a path or of its bytes, read-only, with its declared dimensions dropped;
    formulas as text unless `saved_values`."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(
            io.BytesIO(source) if isinstance(source, bytes) else source, read_only=True, data_only=saved_values
        )
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise ReadFailure("E_XLSX_DAMAGED", detail=f"{type(exc).__name__}: {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a wrong <dimension> must neither cut rows off nor pad millions of cells
        yield sheet
    finally:
        workbook.close()


def _named_columns(sheet: ReadOnlyWorksheet) -> list[int]:
    """The positions (0 = column A) of the non-empty cells in row 1."""
    header = next(iter(sheet.iter_rows(min_row=1, max_row=1)), ())  # type: ignore[misc]  # types-openpyxl types iter_rows for Worksheet only
    return [i for i, cell in enumerate(header) if _cell_text(cell)[0]]


def _rows(
    sheet: ReadOnlyWorksheet, named: list[int], last: int | None, empty: AbstractSet[int] = frozenset()
) -> Iterator[tuple[int, list[Any]]]:
    """(row number, its cells in the `named` columns) for every row with a value there or a number cell without one
    (its number among `empty`), header first, down to row `last` (None: every row; openpyxl stops reading the sheet
    there)."""
    if not named:
        return
    rows = sheet.iter_rows(min_row=1, max_row=last, max_col=named[-1] + 1)  # type: ignore[misc]  # types-openpyxl types iter_rows for Worksheet only
    for number, cells in enumerate(rows, start=1):  # a cell openpyxl cannot read raises (xlsx_table says so)
        picked = [cells[i] for i in named]
        if any(cell.value is not None for cell in picked) or number in empty:
            yield number, picked


def _cell_text(cell: object) -> tuple[str, bool]:
    """A cell's value as text in English number style; percent-formatted cells as percents; a TRUE/FALSE cell as
    that text, no number (no column of the contract holds one: TRUE in a count would otherwise be 1)."""
    value = getattr(cell, "value", None)
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, (int, float)):
        if percent_format(getattr(cell, "number_format", "") or ""):
            value = round(value * 100, 10)
        return number_text(value) if isinstance(value, float) else str(value), True
    return str(value).strip(), False


def _finish(
    path: Path,
    frame: pd.DataFrame,
    delimiter: str,
    flags: pd.DataFrame | None = None,
    row_numbers: pd.Index | None = None,
    unsaved: dict[tuple[int, int], str] | None = None,
    empty: Collection[tuple[int, int]] = (),
) -> RawTable:
    """From stripped text cells: use the first row as header, drop empty rows, index by spreadsheet row number
    (`row_numbers` of the frame's rows when some were skipped; else they are consecutive from 1). `flags`, `unsaved`
    (formulas by (row number, column position)) and `empty` (the number cells without a value, by row number and
    column position: their rows are kept) are the .xlsx extras."""
    if frame.empty:
        return RawTable(path, pd.DataFrame(), delimiter)
    frame = frame.fillna("").astype(str)
    header = [str(h).strip().lstrip("\ufeff") for h in frame.iloc[0]]
    index = pd.Index(row_numbers[1:] if row_numbers is not None else range(2, len(frame) + 1), name="baris")
    body = frame.iloc[1:]
    body.index = index
    keep_cols = [i for i, name in enumerate(header) if name != "" or (body.iloc[:, i] != "").any()]
    names, duplicates = _column_names(header, keep_cols)
    body = body.iloc[:, keep_cols]
    body.columns = names
    column_names = dict(zip(keep_cols, names, strict=True))
    no_value: dict[str, list[int]] = {}
    for row, column in empty:
        if column in column_names:
            no_value.setdefault(column_names[column], []).append(row)
    nonempty = (body != "").any(axis=1)
    if no_value:
        nonempty |= index.isin([row for rows in no_value.values() for row in rows])
    if not nonempty.all():
        body = body.loc[nonempty]
    numeric_cells: dict[str, pd.Series] = {}
    if flags is not None:
        flag_body = flags.iloc[1:, keep_cols]
        flag_body.index = index
        flag_body.columns = names
        flag_body = flag_body.loc[nonempty]
        numeric_cells = {name: flag_body[name].astype(bool) for name in names}
    formulas: dict[str, dict[int, str]] = {}
    for (row, column), formula in sorted((unsaved or {}).items()):
        if row > 1 and column in column_names:
            formulas.setdefault(column_names[column], {})[row] = formula
    unsaved_formulas = {name: pd.Series(by_row, dtype=object).rename_axis("baris") for name, by_row in formulas.items()}
    empty_numbers = {name: pd.Index(sorted(rows), name="baris") for name, rows in no_value.items()}
    return RawTable(path, body, delimiter, duplicates, numeric_cells, unsaved_formulas, empty_numbers=empty_numbers)
