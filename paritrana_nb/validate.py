"""Checks of a season's tables: cell values against the contract, then rows across tables.

Every check adds problems to a ValidationReport and never stops at the first one; cells
that fail are NaN in the typed tables so later checks can go on.

The cells are checked as Arrow text, never a Python call per cell: a rule written as a Python function (a number's
shape, a code's pattern, `str.lower`) runs once per distinct value of the column, and the checks of free text
(names: control characters, length, a formula's first character) are pyarrow kernels whose character classes are
exactly those of the Python rules they stand for.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Callable, Collection
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import numbers, validate_codes
from .kemendagri import RegionList
from .messages import Num, Ref, text_series
from .outputs import FORMULA_START, starts_like_formula
from .problems import CONTROL_CHARS, NumberCells, Severity, ValidationReport, quoted_cell, quoted_code, same_id
from .readers import RawTable, first_filled_row, string_bytes, top_rows
from .regions import PROVINCE_PATTERN, REGENCY_PATTERN, VILLAGE_PATTERN
from .schema import AMONG_WORKING, NUMERIC_KINDS, PART_OF_WHOLE, PESERTA_COLUMNS, TABLES, WHOLE_KINDS, Column, Table
from .xlsx_values import Hidden, SheetValues, column_letters, number_shown

_CODE_RULES = {
    "region": (r"^[0-9]{2}(?:\.[0-9]{2})?$", "NN / NN.NN", "61 / 61.04"),
    "regency": (REGENCY_PATTERN.pattern, "NN.NN", "61.04"),
    "village": (VILLAGE_PATTERN.pattern, "NN.NN.NN.NNNN", "61.04.01.2011"),
}
_REGION_CODE = re.compile(_CODE_RULES["region"][0])
"""The shape of a province's or a regency's code: one of another is E_BAD_CODE, and not compared or looked up as
well (`check_wilayah`, `check_region_refs`)."""
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
"""A digit of another script or keyboard layout (Arabic-Indic `٦`, full-width): a code of such digits is E_BAD_CODE
saying so."""
PYTHON_SPACE = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
r"""Every character Python's `str.isspace` (and `re`'s `\s`) accepts (tests/unit/test_validate_arrow.py checks it)."""
PYTHON_SPACE_RE2 = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in PYTHON_SPACE) + "]"
#: What Excel shows of a long number in a General cell, e.g. 7.98916E+09 (an NPP typed into one): its last digits
#: are lost. In the Indonesian locale the decimal mark is a comma.
SCIENTIFIC_NUMBER = r"^[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+$"  # ASCII only: RE2 reads it as Python's re does
_FORMULA_BYTES = np.frombuffer("".join(FORMULA_START).encode("ascii"), dtype=np.uint8)
JUMP_LIMIT = 0.30
MIN_JURORS = 3
MAX_TEXT_CHARS = 500
#: The most characters of an id or of a zone's name (`ID_COLUMNS`, an npp): each names a file or folder (a card, the
#: cards and reports of a zone), and a file system refuses a name beyond 255 bytes: a 260-digit npp stopped `rapor`
#: after 49 of 51 cards. Real npps, codes and zone names are far shorter.
MAX_ID_CHARS = 100
#: The significant digits a spreadsheet keeps of a number: a longer whole number typed in a number cell has lost its
#: last digits (1234567890123456789 is kept as 1234567890123450000).
EXCEL_DIGITS = 15
ID_COLUMNS = frozenset(("zona", "juri", "id_peserta", "kategori", "aspek"))
#: Above 2**53 - 1 a whole number may lose its last digit (a float's precision: 9,007,199,254,740,993 reads as
#: ...992, so 2**53 itself is refused too); no figure of the contract comes near it.
MAX_EXACT_NUMBER = 2**53 - 1
#: No count of people can be larger than Indonesia's population (281.6 million in mid-2024, BPS): a larger one has
#: extra digits. A column of the contract that counts people (`Column.people`) is checked against it.
MAX_PEOPLE = 300_000_000


def _flag(
    report: ValidationReport,
    severity: Severity,
    code: str,
    raw_file: str,
    rows: pd.Index,
    column: str | None,
    values: pd.Series | None,
    *,
    number_cells: np.ndarray | None = None,
    **fields: object,
) -> None:
    """Add one problem per row in `rows` (those the report keeps), taking each row's value from `values`: quoted as
    Excel shows it in the message's language (`quoted_cell`) where `number_cells` marks it a workbook's number cell."""
    for row in report.first(severity, code, raw_file, rows):
        value = None if values is None else values.loc[row]
        if values is not None and number_cells is not None:
            value = quoted_cell(value, bool(number_cells[values.index.get_loc(row)]))
        report.add(severity, code, raw_file, int(row), column, value, **fields)


def _number_cells_of(cells: pd.Series, column: str, number_cells: NumberCells | None) -> np.ndarray | None:
    """Per cell of `cells` (some rows of `column`), whether `number_cells` names it a number cell; None where it
    names none of `column` (for `_flag(number_cells=)`)."""
    rows = None if number_cells is None else number_cells.get(column)
    return None if rows is None else cells.index.isin(rows)


def check_header(raw: RawTable, file: str, report: ValidationReport) -> bool:
    """Whether `raw` has a header row; else one problem, not one per missing column: the header below an empty
    row 1 (the file is not empty), or the file (a workbook: its first sheet) empty."""
    if len(raw.cells.columns):
        return True
    below = first_filled_row(raw.path)
    if below is not None and below > 1:
        report.add("error", "E_HEADER_NOT_ROW_1", file, below, row=below)
    else:  # a workbook's first sheet (the one read) is empty: saving it as CSV would not help
        report.add("error", "E_SHEET_EMPTY" if raw.path.suffix.lower() == ".xlsx" else "E_FILE_EMPTY", file, 1)
    return False


HEADER_SEARCH_ROWS = 100
"""How many rows at the top of a file are looked at for a header put below row 1 (under a title or notes); only
read where row 1 is no header."""
WIDTH_FAILURES = frozenset(("E_ROW_LONG", "E_ROW_SHORT"))
"""The CSV reader's failures a title line above the header gives (it has fewer cells than the rows below)."""


def header_share(names: Collection[str], table: Table) -> float:
    """The share of `table`'s columns a row of these cells names."""
    present = {name.strip().lstrip("\ufeff") for name in names}
    return len(present & set(table.column_names)) / len(table.columns)


def names_table(names: Collection[str], tables: Collection[Table]) -> bool:
    """Whether a row of these cells is a header of one of `tables`: it names at least half of its columns (the rule
    by which `paritrana intake` tells which table a header falls short of)."""
    return any(header_share(names, t) >= 0.5 for t in tables)


#: Separators a CSV may have been written with that the workbook does not read (it reads `,`, `;` and a tab).
OTHER_SEPARATORS = ("|", ":", "~", "^", "#", "/", "!")


def _other_separator(cell: str, tables: Collection[Table]) -> str | None:
    """The separator of OTHER_SEPARATORS that splits a header row read as one `cell` into a header of `tables`."""
    return next((sep for sep in OTHER_SEPARATORS if sep in cell and names_table(cell.split(sep), tables)), None)


def check_title_rows(
    path: Path, row_1: Collection[str] | None, tables: Collection[Table], file: str, report: ValidationReport
) -> bool:
    """Whether the header can be in row 1 of the file at `path`; else one error naming the row below that holds one:
    rows above the table (a title), whose first would be read as its header and the header as data; or, where none
    of the first rows does and row 1 holds a single cell (a title, a note), one error saying no header was found.
    `row_1` is the names the reader found there (None: read from the file). Only when row 1 names columns but is no
    header of `tables` (`names_table`) are the first HEADER_SEARCH_ROWS rows read; an empty row 1 is
    `check_header`'s; a row 1 of several cells naming other columns is `check_columns`' (or intake's table guess)."""
    if row_1 is not None and (not row_1 or names_table(row_1, tables)):
        return True
    rows = top_rows(path, HEADER_SEARCH_ROWS)
    if not rows or not any(rows[0]) or names_table(rows[0], tables):
        return True
    below = next((number for number, names in enumerate(rows[1:], start=2) if names_table(names, tables)), None)
    if below is not None:
        report.add("error", "E_HEADER_BELOW_TITLE", file, below, row=below)
        return False
    filled = [cell for cell in rows[0] if cell]
    if len(filled) > 1:
        return True
    other = _other_separator(filled[0], tables) if path.suffix.lower() == ".csv" else None
    if other is not None:  # `kode_desa|nama|...`: one cell, as no separator the workbook reads splits it
        report.add("error", "E_CSV_OTHER_SEPARATOR", file, 1, None, filled[0], found=other)
        return False
    # every row looked at, or the file's rows down to its last filled one (not the end of its last line)
    last = max(number for number, names in enumerate(rows, start=1) if any(names))
    searched = len(rows) if len(rows) == HEADER_SEARCH_ROWS else last
    report.add("error", "E_NO_HEADER_ROW", file, 1, None, filled[0], last=searched)
    return False


def check_columns(raw: RawTable, table: Table, report: ValidationReport) -> bool:
    """Report missing and duplicated columns and an empty table; True when cells can be read."""
    name = raw.path.name
    if not check_header(raw, name, report):
        return False
    for column in raw.duplicate_columns:
        report.add("error", "E_DUPLICATE_COLUMN", name, 1, column)
    known = set(table.column_names)
    unknown = [c for c in raw.cells.columns if "#" not in c and c not in known]  # a right column is no misspelling
    complete = True
    for column in (c.name for c in table.columns if not c.optional):
        if column not in raw.cells.columns:
            same_letters = [c for c in unknown if c.strip().lower() == column]
            close = same_letters or difflib.get_close_matches(column, unknown, n=1, cutoff=0.75)
            hint = Ref("hint.did_you_mean", found=close[0]) if close else ""
            report.add("error", "E_MISSING_COLUMN", name, 1, column, None, hint=hint)
            complete = False
    if raw.cells.empty or len(raw.cells) == 0:
        if table.name != "wawancara":
            report.add("error", "E_EMPTY_TABLE", name, 2)
        return False
    return complete


HIDDEN_SHOWN = 10
"""The ranges of hidden rows, and the hidden columns, a warning names (the count says how many there are)."""


def check_hidden(
    hidden: Hidden | None, rows: pd.Index, columns: Collection[str], file: str, report: ValidationReport
) -> None:
    """Warn of what a workbook's sheet hides in Excel among what is read (hidden, or of zero height or width): its
    header (row 1), the `rows` read as data (their numbers) and the `columns` of the table. Hidden cells are submitted
    data, so they are read and counted; but nobody sees them in Excel (rows filtered out, collapsed or hidden by
    hand), so a person must look at them; nor which column is which, under a hidden header."""
    if hidden is None:
        return
    if len(hidden.rows) and hidden.rows[0] == 1:  # the header: the columns are read by names nobody sees
        report.add("warning", "W_XLSX_HIDDEN_HEADER", file, 1)
    read = hidden.rows[np.isin(hidden.rows, np.asarray(rows, dtype=np.int64))]
    if len(read):
        report.add("warning", "W_XLSX_HIDDEN_ROWS", file, count=Num(len(read)), rows=row_ranges(read))
    named = [f"{name} ({column_letters(number)})" for name, number in hidden.columns if name in columns]
    if named:
        shown = named[:HIDDEN_SHOWN] + (["…"] if len(named) > HIDDEN_SHOWN else [])
        report.add("warning", "W_XLSX_HIDDEN_COLUMNS", file, count=Num(len(named)), columns=", ".join(shown))


def check_unread(read: RawTable | SheetValues, file: str, report: ValidationReport) -> None:
    """Warn of what a workbook holds that is not read though someone typed it: cells of its sheet that hold
    something in columns row 1 names not (a table's columns are read by their names: a value beside the table, a
    column whose name was deleted or merged into its neighbour's), and other sheets holding the table too (only the
    first worksheet is read)."""
    if read.merged_header:
        report.add("warning", "W_XLSX_MERGED_HEADER", file, areas=", ".join(read.merged_header))
    if read.unnamed:
        shown = list(read.unnamed[:HIDDEN_SHOWN]) + (["…"] if len(read.unnamed) > HIDDEN_SHOWN else [])
        report.add("warning", "W_XLSX_UNNAMED_CELLS", file, count=Num(len(read.unnamed)), cells=", ".join(shown))
    if read.others:
        named = text_series([f"'{sheet}'" for sheet in read.others])
        report.add("warning", "W_XLSX_OTHER_SHEETS", file, count=Num(len(read.others)), sheets=named)


def row_ranges(rows: np.ndarray, shown: int = HIDDEN_SHOWN) -> str:
    """Ascending row numbers as compact ranges, the first `shown` of them: `12-15, 40, …`."""
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    starts, ends = rows[np.r_[0, breaks]], rows[np.r_[breaks - 1, len(rows) - 1]]
    pairs = zip(starts[:shown].tolist(), ends[:shown].tolist(), strict=True)
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in pairs]
    return ", ".join(parts + (["…"] if len(starts) > shown else []))


def distinct_numbers(raw: RawTable, table: Table) -> dict[str, numbers.Distinct]:
    """The distinct number-shaped values of each numeric column, found once for `detect_style` and `parse_cells`."""
    return {
        column.name: numbers.distinct_of(*_distinct_values(raw.arrow[column.name]))
        if column.name in raw.arrow
        else numbers.distinct(raw.cells[column.name])  # Python text (.xlsx): no conversion for this one pass
        for column in table.columns
        if column.kind in NUMERIC_KINDS and column.name in raw.cells.columns
    }


def text_cells(raw: RawTable, column: str) -> pa.Array:
    """The cells of `column` as an Arrow text array ('' for a blank cell): the reader's own when it kept them."""
    held = raw.arrow.get(column)
    if held is not None:
        return held
    return pa.array(raw.cells[column].fillna("").to_numpy(dtype=object), type=pa.string())


def _distinct_values(cells: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Per cell the position of its value among the distinct values, and those values (in order of appearance)."""
    encoded = cells.dictionary_encode()
    uniques = np.empty(len(encoded.dictionary), dtype=object)
    uniques[:] = encoded.dictionary.to_pylist()
    return encoded.indices.to_numpy(zero_copy_only=False), uniques


def _matching(cells: pa.Array, pattern: re.Pattern[str]) -> np.ndarray:
    """Per cell: `pattern.match` finds it. pyarrow's RE2 reads `pattern` (\\d, `$`) more narrowly than Python's
    re (ASCII digits only; `$` not before a final line break), so what it matches Python matches too: only the
    cells it does not match are asked of Python, once per distinct value."""
    hits = pc.match_substring_regex(cells, pattern.pattern).to_numpy(zero_copy_only=False)
    if not hits.all():
        rest = np.flatnonzero(~hits)
        hits[rest] = _per_value(cells.take(pa.array(rest)), lambda value: pattern.match(value) is not None)
    return hits


def _python_text(cells: pa.Array, objects: np.ndarray | None = None) -> np.ndarray:
    """The cells as Python strings, one object per distinct text when few are distinct (a code repeated on 300,000
    rows is one string, which later lookups hash once; finding the distinct values of a column of names would cost
    more than it saves: then the cells' own `objects`, when given, are kept)."""
    sample = cells.slice(0, 1000)
    if len(pc.unique(sample)) * 4 > len(sample):
        return cells.to_numpy(zero_copy_only=False) if objects is None else objects
    encoded = cells.dictionary_encode()
    return encoded.dictionary.to_numpy(zero_copy_only=False)[encoded.indices.to_numpy(zero_copy_only=False)]


def _with_control_char(cells: pa.Array) -> np.ndarray:
    """Per cell: it holds a character of CONTROL_CHARS (found by pyarrow's RE2, which reads the same class)."""
    return pc.match_substring_regex(cells, _CONTROL_CHARS_RE2).fill_null(False).to_numpy(zero_copy_only=False)


_CONTROL_CHARS_RE2 = re.sub(r"\\u([0-9a-fA-F]{4})", r"\\x{\1}", CONTROL_CHARS.pattern)
"""CONTROL_CHARS for RE2, which writes a code point `\\x{061c}` where Python's re writes `\\u061c`."""


def _starting_with(cells: pa.Array, first_bytes: np.ndarray) -> np.ndarray:
    """Per cell: its first byte is one of `first_bytes` (ASCII characters: then its first character is that one)."""
    offsets, data = string_bytes(cells)
    if not len(data):
        return np.zeros(len(cells), dtype=bool)
    return np.isin(data.take(offsets[:-1], mode="clip"), first_bytes) & (offsets[1:] > offsets[:-1])


def _per_value(cells: pa.Array, rule: Callable[[str], object], dtype: type = bool) -> np.ndarray:
    """Per cell, `rule` of its text, found once per distinct value of `cells`."""
    positions, uniques = _distinct_values(cells)
    results: np.ndarray = np.empty(len(uniques), dtype=dtype)
    results[:] = [rule(value) for value in uniques]
    return results[positions]


def written_as_text(raw: RawTable, column: str, found: numbers.Distinct) -> np.ndarray:
    """`found.rows` with -1 (no value) for the cells of `column` a workbook stored as numbers."""
    numeric = raw.numeric_cells.get(column)
    if numeric is None or not numeric.any():
        return found.rows
    return np.where(numeric.to_numpy(dtype=bool), -1, found.rows)


def detect_style(
    raw: RawTable, table: Table, found: dict[str, numbers.Distinct], report: ValidationReport
) -> numbers.Style:
    """Decide the number style of one file from the text cells of its numeric columns (see numbers.classify); a
    cell a workbook stored as a number has no style (its text is always English), so it neither decides nor is
    ambiguous. A value only the separator decides is warned of, unless it is in a column of whole numbers: read whole
    it agrees with the separator (`1.500` in a semicolon file: a count cannot be 1.5 either way), else `parse_cells`
    refuses it in one error (`1.500` in a comma file or a workbook: a count, E_NOT_WHOLE_SEPARATOR)."""
    evidence: dict[numbers.Style, tuple[int, str, str]] = {}
    ambiguous: dict[str, list[int]] = {}
    written: dict[str, np.ndarray] = {}
    for column in table.columns:
        if column.name not in found:
            continue
        written[column.name] = rows = written_as_text(raw, column.name, found[column.name])
        values = found[column.name].values  # noqa: PD011 - Distinct.values, not pandas
        shown_in_text = range(len(values)) if rows is found[column.name].rows else np.unique(rows[rows >= 0]).tolist()
        for position in shown_in_text:
            value = values[position]
            shown = numbers.classify(value)
            if shown in ("id", "en") and shown not in evidence:
                row = int(raw.cells.index[np.flatnonzero(rows == position)[0]])
                evidence[shown] = (row, column.name, value)
            elif shown == "ambiguous" and column.kind not in WHOLE_KINDS:
                ambiguous.setdefault(column.name, []).append(position)
    name = raw.path.name
    if len(evidence) == 2:
        row, column_name, value = evidence["id"]
        o_row, o_column, o_value = evidence["en"]
        report.add(
            "error",
            "E_MIXED_NUMBER_FORMAT",
            name,
            row,
            column_name,
            value,
            style_here=Ref("style.id"),
            other_row=o_row,
            other_column=o_column,
            other_value=o_value,
            style_other=Ref("style.en"),
        )
        return "id" if raw.delimiter == ";" else "en"
    if evidence:
        return next(iter(evidence))
    decided: numbers.Style = "id" if raw.delimiter == ";" else "en"
    for name_of_column, positions in ambiguous.items():
        series = raw.cells[name_of_column]
        shown_at = series.index[np.isin(written[name_of_column], positions)]
        for row in report.first("warning", "W_AMBIGUOUS_NUMBER", name, shown_at):
            value = series.loc[row]
            parsed = float(numbers.to_float(value, decided))  # type: ignore[arg-type]  # ambiguous: a number either way
            report.add(
                "warning",
                "W_AMBIGUOUS_NUMBER",
                name,
                int(row),
                name_of_column,
                value,
                parsed=Num.written(parsed),
                reason=Ref("number.read_as_workbook")
                if raw.path.suffix.lower() == ".xlsx"
                else Ref("number.read_as_separator", delimiter=raw.delimiter),
            )
    return decided


def parse_cells(
    raw: RawTable,
    table: Table,
    style: numbers.Style,
    found: dict[str, numbers.Distinct],
    tahun: int,
    report: ValidationReport,
    refused: dict[str, pd.Series] | None = None,
    number_cells: NumberCells | None = None,
) -> pd.DataFrame:
    """Turn text cells into typed columns, reporting every bad cell; bad cells become NaN. With `refused`, each
    numeric column's bad cells are put there by row (`_as_sent`): what a merged table writes in their place. With
    `number_cells`, the rows of each code column's filled cells a workbook stored as numbers are put there."""
    name = raw.path.name
    cells = raw.cells
    out = pd.DataFrame(index=cells.index)
    year_values = numbers.parse_distinct(found["tahun"], style) if "tahun" in found else None
    for column in table.columns:
        if column.name not in cells.columns:
            if column.optional:
                out[column.name] = pd.Series(None, index=cells.index, dtype=object)
            continue
        series = cells[column.name]
        held = raw.arrow.get(column.name)
        blank = (
            (series == "").to_numpy(dtype=bool) if held is None else pc.equal(held, "").to_numpy(zero_copy_only=False)
        )
        blank_bad = _blank_is_error(column, blank, year_values, tahun)
        formulas = raw.unsaved_formulas.get(column.name)
        if formulas is not None:
            _flag(report, "error", "E_FORMULA_NO_VALUE", name, formulas.index, column.name, formulas)
            blank_bad = blank_bad & ~cells.index.isin(formulas.index)
        no_value = raw.empty_numbers.get(column.name)  # blank as read, but a value its writer could not write
        if no_value is not None:
            _flag(report, "error", "E_XLSX_NUMBER_NO_VALUE", name, no_value, column.name, None)
            blank_bad = blank_bad & ~cells.index.isin(no_value)
        if blank_bad.any():
            hint = Ref("hint.blank_other_year", year=tahun) if column.blank == "other_years" else ""
            _flag(report, "error", "E_BLANK", name, cells.index[blank_bad], column.name, None, blank_hint=hint)
        if column.kind in NUMERIC_KINDS:
            values, read = _parse_numeric(
                raw, column, series, blank, style, found[column.name], tahun, report, keep_read=refused is not None
            )
            no_text = np.zeros(len(cells), dtype=bool)  # a cell without a value: NaN as every bad cell, not a blank's 0
            if no_value is not None:
                no_text |= cells.index.isin(no_value)
            if formulas is not None:
                no_text |= cells.index.isin(formulas.index)
            values[no_text] = np.nan
            if refused is not None and read is not None and (wrong := no_text | (np.isnan(values) & ~blank)).any():
                refused[column.name] = _as_sent(series, read, wrong, formulas)
            out[column.name] = values
        else:
            out[column.name] = _parse_text(raw, column, series, text_cells(raw, column.name), blank, report)
            numeric = raw.numeric_cells.get(column.name)
            if number_cells is not None and column.kind in _CODE_RULES and numeric is not None and numeric.any():
                number_cells[column.name] = cells.index[numeric.to_numpy(dtype=bool) & ~blank]
    for extra_column in cells.columns:
        if extra_column in table.column_names:
            continue
        if extra_column in raw.empty_numbers:  # an extra column is kept, a repeated one reported: both read
            _flag(report, "error", "E_XLSX_NUMBER_NO_VALUE", name, raw.empty_numbers[extra_column], extra_column, None)
        if "#" not in extra_column:
            out[extra_column] = cells[extra_column].to_numpy(dtype=object)  # Python text, as every column
    return out


def _blank_is_error(column: Column, blank: np.ndarray, years: np.ndarray | None, tahun: int) -> np.ndarray:
    if column.blank in ("zero", "na"):
        return np.zeros_like(blank)
    if column.blank == "other_years" and years is not None:
        return blank & (years == tahun)
    return blank


def _parse_numeric(
    raw: RawTable,
    column: Column,
    series: pd.Series,
    blank: np.ndarray,
    style: numbers.Style,
    found: numbers.Distinct,
    tahun: int,
    report: ValidationReport,
    *,
    keep_read: bool,
) -> tuple[np.ndarray, np.ndarray | None]:
    """A numeric column's values (NaN for every bad cell, 0 for a blank where blank means 0) and, with `keep_read`
    (intake writes a refused cell as sent), each cell's number as read, before any was refused (NaN: blank or no
    number); else None: a copy of the column less for `validate` and `score`."""
    name = raw.path.name
    numeric_cell = raw.numeric_cells.get(column.name)
    number_cells = None if numeric_cell is None else numeric_cell.to_numpy(dtype=bool)
    if number_cells is not None and number_cells.any():
        # Excel number cells are already in English style; text cells follow the file's style.
        in_style = numbers.parse_distinct(found, style)
        english = in_style if style == "en" else numbers.parse_distinct(found, "en")
        values = np.where(number_cells, english, in_style)
    else:
        values = numbers.parse_distinct(found, style)
    read = values.copy() if keep_read else None
    bad = np.isnan(values) & ~blank
    index = series.index
    if number_cells is not None:
        series = _numbers_shown(series, values, number_cells)
    if column.kind == "year":
        bad_year = bad | (~np.isnan(values) & ((values % 1 != 0) | (values < 1900) | (values > 2200)))
        dated = _date_cells(series, bad_year) if raw.path.suffix.lower() == ".xlsx" else np.zeros_like(bad_year)
        for code, rows in (("E_BAD_YEAR", bad_year & ~dated), ("E_YEAR_DATE_CELL", dated)):
            _flag(report, "error", code, name, index[rows], column.name, series, number_cells=number_cells, year=tahun)
        values[bad_year] = np.nan
        return values, read
    huge = _too_large_text(series, bad)
    bad &= ~huge
    for row in report.first("error", "E_NOT_NUMBER", name, index[bad]):
        value = series.loc[row]
        if column.kind == "binary" and not _FORMULA_ERROR.fullmatch(value.strip()):  # (`ya`, `TRUE`): an example
            hint = Ref("hint.binary")  # of a number would mislead
        else:
            hint = _number_hint(value, style, workbook=raw.path.suffix.lower() == ".xlsx")
        report.add("error", "E_NOT_NUMBER", name, int(row), column.name, value, hint=hint)
    ok = ~np.isnan(values)
    too_large = (ok & (np.abs(values) > MAX_EXACT_NUMBER)) | huge
    limit = Num(MAX_EXACT_NUMBER)
    _flag(
        report,
        "error",
        "E_NUMBER_TOO_LARGE",
        name,
        index[too_large],
        column.name,
        series,
        number_cells=number_cells,
        limit=limit,
    )
    values[too_large] = np.nan
    ok &= ~too_large
    if column.kind in WHOLE_KINDS:
        not_whole = ok & (values % 1 != 0)
        if column.kind == "binary":
            _flag(
                report, "error", "E_NOT_BINARY", name, index[not_whole], column.name, series, number_cells=number_cells
            )
        else:
            text = np.ones(len(index), dtype=bool) if number_cells is None else ~number_cells
            meant = _read_other_way(found, not_whole & text, style)[not_whole]
            _flag_not_whole(
                report, name, column.name, series[not_whole], values[not_whole], meant, style, ~text[not_whole]
            )
        values[not_whole] = np.nan
        ok &= ~not_whole
    if column.kind in ("count", "money"):
        negative = ok & (values < 0)
        _flag(report, "error", "E_NEGATIVE", name, index[negative], column.name, series, number_cells=number_cells)
        values[negative] = np.nan
        if column.people:
            crowd = ok & (values > MAX_PEOPLE)
            _flag(
                report,
                "error",
                "E_MORE_PEOPLE_THAN_INDONESIA",
                name,
                index[crowd],
                column.name,
                series,
                number_cells=number_cells,
            )
            values[crowd] = np.nan
    elif column.kind in ("percent", "score"):
        outside = ok & ((values < 0) | (values > 100))
        code = "E_PERCENT_RANGE" if column.kind == "percent" else "E_SCORE_RANGE"
        _flag(report, "error", code, name, index[outside], column.name, series, number_cells=number_cells)
        values[outside] = np.nan
    elif column.kind == "binary":
        not_binary = ok & ~np.isin(values, (0.0, 1.0))
        _flag(report, "error", "E_NOT_BINARY", name, index[not_binary], column.name, series, number_cells=number_cells)
        values[not_binary] = np.nan
    if column.blank == "zero":
        values[blank] = 0.0
    return values, read


def _too_large_text(series: pd.Series, bad: np.ndarray) -> np.ndarray:
    """Per cell, among the `bad` ones (no number read from them): a number in scientific notation beyond
    MAX_EXACT_NUMBER (`1e300`, `1E+16`; `1e400`, beyond a float's range too), too large however it is written: the
    error of a workbook's number cell of that size (E_NUMBER_TOO_LARGE), not E_NOT_NUMBER. Each distinct text asked
    once."""
    huge = np.zeros(len(series), dtype=bool)
    if not bad.any():
        return huge
    at = np.flatnonzero(bad)
    positions, uniques = pd.factorize(series.iloc[at])
    sizes = [numbers.scientific_size(value) if isinstance(value, str) else None for value in uniques]
    above = np.array([size is not None and size > MAX_EXACT_NUMBER for size in sizes] + [False])
    huge[at] = above[positions]
    return huge


def _as_sent(series: pd.Series, read: np.ndarray, wrong: np.ndarray, formulas: pd.Series | None) -> pd.Series:
    """The bad cells (`wrong`) of a numeric column by row, each as it was sent: the number it was read as when one
    was refused for its value (a float), else its formula without a saved value or its text, else None (a number
    cell without a value)."""
    texts = series.iloc[np.flatnonzero(wrong)].to_numpy(dtype=object)
    numbers_read = read[wrong]
    sent = [
        float(number) if math.isfinite(number) else (text or None)
        for number, text in zip(numbers_read.tolist(), texts.tolist(), strict=True)
    ]
    carried = pd.Series(sent, index=series.index[wrong], dtype=object)
    if formulas is not None:
        unsaved = formulas[formulas.index.isin(carried.index)]
        carried.loc[unsaved.index] = unsaved.to_numpy(dtype=object)
    return carried


def _read_other_way(found: numbers.Distinct, rows: np.ndarray, style: numbers.Style) -> np.ndarray:
    """Per row, the number the style other than `style` reads in the text of the `rows` marked (NaN elsewhere, and
    where that style reads none): each distinct value read once."""
    other: numbers.Style = "en" if style == "id" else "id"
    meant = np.full(len(found.rows), np.nan)
    codes = found.rows[rows]
    held = codes >= 0
    if held.any():
        needed = np.unique(codes[held])
        read = np.full(len(found.values), np.nan)
        read[needed] = [np.nan if (v := numbers.to_float(u, other)) is None else v for u in found.values[needed]]  # noqa: PD011 - Distinct.values, not pandas
        meant[np.flatnonzero(rows)[held]] = read[codes[held]]
    return meant


def _flag_not_whole(
    report: ValidationReport,
    file: str,
    column: str,
    cells: pd.Series,
    read: np.ndarray,
    meant: np.ndarray,
    style: numbers.Style,
    number_cells: np.ndarray,
) -> None:
    """A count's cells read as no whole number (`cells`, each `read` as a number; a workbook's number cell where
    `number_cells` marks it, quoted as Excel shows it in the message's language): E_NOT_WHOLE; but a text cell
    that the other number style reads whole (`meant`, NaN where it reads none or the cell is a number cell:
    `1.234`, read as 1.234 in a workbook or a comma file, 1234 the Indonesian way) is E_NOT_WHOLE_SEPARATOR, saying
    both readings and to write the number without a separator."""
    two_ways = ~np.isnan(meant) & (meant % 1 == 0)
    _flag(report, "error", "E_NOT_WHOLE", file, cells.index[~two_ways], column, cells, number_cells=number_cells)
    at = np.flatnonzero(two_ways)
    for position, row in zip(at, report.first("error", "E_NOT_WHOLE_SEPARATOR", file, cells.index[at]), strict=False):
        report.add(
            "error",
            "E_NOT_WHOLE_SEPARATOR",
            file,
            int(row),
            column,
            cells.loc[row],
            parsed=Num.written(float(read[position])),
            style=Ref("style.id") if style == "id" else Ref("style.en"),
            meant=Num.written(float(meant[position])),
            digits=f"{meant[position]:.0f}",
        )


def _numbers_shown(series: pd.Series, values: np.ndarray, numeric: np.ndarray) -> pd.Series:
    """`series` with its number cells (`numeric`, read as `values`) of a value far from 1 written as a message shows
    them (xlsx_values.number_shown: 1E+308, not 309 digits); the same Series where there is none."""
    with np.errstate(invalid="ignore"):
        far = numeric & ((np.abs(values) >= 1e16) | ((values != 0) & (np.abs(values) < 1e-4)))
    if not far.any():
        return series
    shown = series.copy()
    shown.iloc[np.flatnonzero(far)] = [number_shown(value) for value in values[far].tolist()]
    return shown


_DATE_CELL = re.compile(r"(?:\d{4}-\d{2}-\d{2} |-?\d+ days?, )?\d{1,2}:\d{2}:\d{2}(?:\.\d+)?")
"""The text both workbook readers give a cell formatted as a date, a time or a duration (Python's `str` of the
datetime, time or timedelta they read it as): never the text of a cell typed as text, which a spreadsheet would have
turned into a date itself."""

_FORMULA_ERROR = re.compile(
    r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!"
    r"|PYTHON!|ERROR!)|Err:\d{3}",
    re.IGNORECASE,
)
"""What a spreadsheet shows, and saves, in a cell whose formula failed (Excel's `#DIV/0!`, `#N/A`, `#REF!`, ...; Google
Sheets' `#ERROR!`; LibreOffice's `Err:502`): an error value in a workbook, its text in a CSV saved from one."""
_LOGICAL_VALUES = frozenset({"TRUE", "FALSE", "BENAR", "SALAH"})
"""How a spreadsheet writes a logical value (a boolean cell; in an Indonesian-language Excel `BENAR`, `SALAH`)."""
_FORMULA_ERROR_BYTES = np.frombuffer(b"#Ee", dtype=np.uint8)
"""The first characters of a `_FORMULA_ERROR`: only the names and ids starting so are matched against it."""


def _date_cells(series: pd.Series, bad: np.ndarray) -> np.ndarray:
    """Of the `bad` cells of a workbook's column, those a cell formatted as a date gave (`_DATE_CELL`: a year typed
    into one shows as a date, 2024 as 1905-07-16)."""
    dated = np.zeros(len(series), dtype=bool)
    where = np.flatnonzero(bad)
    dated[where] = [bool(_DATE_CELL.fullmatch(str(value))) for value in series.to_numpy(dtype=object)[where]]
    return dated


def _number_hint(value: str, style: numbers.Style, *, workbook: bool) -> Ref:
    """What to write instead of `value`, no number in the file's `style`: the formula to correct for a formula's error
    value (`#DIV/0!`, `_FORMULA_ERROR`), the figure itself for a logical value (`TRUE`, `_LOGICAL_VALUES`) and for an
    infinite or undefined value (`inf`, `-Infinity`, `nan`: what a program writes for a division by zero or an
    overflow; a workbook's number cell of 1e400 reads `inf`), the column's format for a number in scientific notation
    (`3.33729E+09`, `-1e-3`: a spreadsheet saved it so from a column too narrow, rounded; one too large for any figure,
    `1e300`, is E_NUMBER_TOO_LARGE instead: `_too_large_text`), the same number in that
    style when it is one in the other (`68.02` for `68,02` in a file of decimal points), in a `workbook` a cell
    formatted as a date (`_DATE_CELL`: the number typed in it shows as a date; its format is to be changed), else an
    example: in a `workbook` of a number typed as a number (not as text, which is read in the file's style), in the
    message's language, as Excel types numbers in its user's locale (68,02 in Bahasa Indonesia), in a CSV in the
    file's style."""
    if _FORMULA_ERROR.fullmatch(value.strip()):  # a number example would say it was typed as text
        return Ref("hint.formula_error")
    if value.strip().upper() in _LOGICAL_VALUES:  # a boolean cell, or its text in a CSV: no text typed either
        return Ref("hint.logical_value")
    try:
        finite = math.isfinite(float(value))
    except ValueError:
        finite = True  # no number at all: the example below
    if not finite:
        return Ref("hint.not_finite")
    if numbers.SCIENTIFIC.fullmatch(value.strip()):  # `3.33729E+09`: a CSV saved from a column too narrow
        return Ref("hint.scientific")
    other: numbers.Style = "en" if style == "id" else "id"
    if numbers.to_float(value, other) is not None:
        shown = Ref("style.id") if style == "id" else Ref("style.en")
        return Ref("hint.number_in_style", style=shown, written=numbers.restyled(value, style))
    if workbook and _DATE_CELL.fullmatch(value):  # a number typed into a cell formatted as a date shows as a date
        return Ref("hint.date_cell")
    if workbook:  # typed as a number, not as text: Excel reads it in its user's locale, whatever the file's text says
        return Ref("hint.number_cell_example", decimal=Num.written(68.02))
    return Ref("hint.number_example", decimal="68,02" if style == "id" else "68.02")


def _parse_text(
    raw: RawTable, column: Column, series: pd.Series, text: pa.Array, blank: np.ndarray, report: ValidationReport
) -> pd.Series:
    """A text column's values (an enum's lowered), reporting its bad cells; a workbook's number cell is quoted as
    Excel shows it in the message's language (63,1 in Bahasa Indonesia: `quoted_cell`), a text cell as it was typed."""
    name = raw.path.name
    filled = ~blank
    numeric_cell = raw.numeric_cells.get(column.name)
    number_cells = None if numeric_cell is None or not numeric_cell.any() else numeric_cell.to_numpy(dtype=bool)
    flag = functools.partial(_flag, report, number_cells=number_cells)
    if column.kind == "enum":
        lowered = _per_value(text, str.lower, object)
        values = pd.Series(lowered, index=series.index)
        unknown = filled & ~np.isin(lowered, column.allowed)
        flag(
            "error",
            "E_UNKNOWN_VALUE",
            name,
            series.index[unknown],
            column.name,
            series,
            allowed=", ".join(column.allowed),
        )
    else:
        own = None if column.name in raw.arrow else series.to_numpy(dtype=object)
        values = pd.Series(_python_text(text, own), index=series.index)
    if column.kind in _CODE_RULES:
        pattern, shape, example = _CODE_RULES[column.kind]
        wrong = filled & ~_matching(text, re.compile(pattern))
        if column.kind == "regency":  # a province's code is refused for its level, not also for its shape
            province = wrong & _matching(text, PROVINCE_PATTERN)
            flag(
                "error", "E_REGION_LEVEL", name, series.index[province], column.name, series, expected="kabupaten/kota"
            )
            wrong &= ~province
        for row in report.first("error", "E_BAD_CODE", name, series.index[wrong]):
            value = series.loc[row]
            other_digits = isinstance(value, str) and _OTHER_DIGIT.search(value) is not None
            failed = isinstance(value, str) and _FORMULA_ERROR.fullmatch(value.strip()) is not None  # `#REF!`
            report.add(
                "error",
                "E_BAD_CODE",
                name,
                int(row),
                column.name,
                quoted_cell(value, number_cells is not None and bool(number_cells[series.index.get_loc(row)])),
                pattern=shape,
                example=example,
                hint=Ref("hint.code_digits") if other_digits else Ref("hint.code_formula_error") if failed else "",
            )
    elif column.kind == "npp":
        # a class of every character Python's `\s` matches: RE2's own `\s` is ASCII only
        wrong = filled & pc.match_substring_regex(text, PYTHON_SPACE_RE2).to_numpy(zero_copy_only=False)
        flag("error", "E_BAD_NPP", name, series.index[wrong], column.name, series)
        shortened = filled & pc.match_substring_regex(text, SCIENTIFIC_NUMBER).to_numpy(zero_copy_only=False)
        flag("error", "E_NPP_SCIENTIFIC", name, series.index[shortened], column.name, series)
        if number_cells is not None:
            _flag_numeric_npp(report, name, column.name, series, text, number_cells & filled)
    if column.kind in ("text", "npp"):
        _check_free_text(name, column, series, text, filled, report, number_cells)
    return values.where(filled, None)


def _flag_numeric_npp(
    report: ValidationReport, name: str, column: str, series: pd.Series, text: pa.Array, numeric: np.ndarray
) -> None:
    """npp cells a workbook stored as numbers (`numeric`), which keep no leading zero: an error where the number has
    fewer digits than the longest npp of the column (its leading zeros were lost, and it would name another
    business), a warning for the others. The longest is of the npps whose length tells: not one too long for an id
    (E_ID_TOO_LONG) nor a number of more digits than a spreadsheet keeps (`EXCEL_DIGITS`: 1E+16 read as 17 digits)."""
    lengths = pc.utf8_length(text).to_numpy(zero_copy_only=False)
    telling = lengths[(lengths <= MAX_ID_CHARS) & ~(numeric & (lengths > EXCEL_DIGITS))]
    longest = int(telling.max()) if len(telling) else 0
    shortened = numeric & (lengths < longest)
    flag = functools.partial(_flag, report, number_cells=numeric)
    flag("error", "E_NPP_NUMERIC_SHORT", name, series.index[shortened], column, series, digits=longest)
    flag("warning", "W_NPP_NUMERIC", name, series.index[numeric & ~shortened], column, series)


def _check_free_text(
    name: str,
    column: Column,
    series: pd.Series,
    text: pa.Array,
    filled: np.ndarray,
    report: ValidationReport,
    number_cells: np.ndarray | None,
) -> None:
    """Names and ids: no control characters, at most MAX_TEXT_CHARS (an id or a zone's name, MAX_ID_CHARS), and a
    warning when a spreadsheet would run the text as a formula. A workbook's number cell (`number_cells`) is quoted
    as Excel shows it (`quoted_cell`)."""
    flag = functools.partial(_flag, report, number_cells=number_cells)
    control = filled & _with_control_char(text)
    flag("error", "E_CONTROL_CHAR", name, series.index[control], column.name, series)
    lengths = pc.utf8_length(text).to_numpy(zero_copy_only=False).astype(np.int64)  # code points, as Python's len
    identifies = column.kind == "npp" or column.name in ID_COLUMNS
    code, limit = ("E_ID_TOO_LONG", MAX_ID_CHARS) if identifies else ("E_TEXT_TOO_LONG", MAX_TEXT_CHARS)
    too_long = filled & (lengths > limit)
    for row in report.first("error", code, name, series.index[too_long]):
        at = series.index.get_loc(row)
        report.add(
            "error",
            code,
            name,
            int(row),
            column.name,
            quoted_cell(series.loc[row], number_cells is not None and bool(number_cells[at])),
            length=Num(lengths[at]),
            limit=Num(limit),
        )
    formula = filled & _starting_with(text, _FORMULA_BYTES)
    formula[formula] = [starts_like_formula(cell) for cell in series[formula]]
    flag("warning", "W_FORMULA_TEXT", name, series.index[formula], column.name, series)
    failed = filled & _starting_with(text, _FORMULA_ERROR_BYTES)
    failed[failed] = [isinstance(cell, str) and _FORMULA_ERROR.fullmatch(cell) is not None for cell in series[failed]]
    flag("error", "E_FORMULA_ERROR_TEXT", name, series.index[failed], column.name, series)


# --------------------------------------------------------------------------------------
# Checks across rows and tables
# --------------------------------------------------------------------------------------


def check_duplicates(
    frame: pd.DataFrame, table: Table, file: str, report: ValidationReport, number_cells: NumberCells | None = None
) -> None:
    """Rows that repeat a key: each repeat names the row where the key first appeared, its code cells a workbook
    stored as numbers (`number_cells`) quoted as their cells' checks quote them (`quoted_code`); an id written in
    another Unicode form than an earlier row's (`_id_forms`)."""
    _id_forms(frame, table, file, report)
    key = [k for k in table.key if k in frame.columns]
    if len(key) != len(table.key):
        return
    keys = frame[key]
    present = keys.notna().all(axis=1).to_numpy()
    usable = keys if present.all() else keys[present]  # only the key columns: no copy of the whole table
    repeats = usable.duplicated(keep="first")
    if not repeats.any():
        return
    first_rows = usable.loc[~repeats].reset_index().set_index(key)["baris"]
    repeated = usable.loc[repeats]
    column = key[-1] if len(key) == 1 else key[0]
    kept = report.first("error", "E_DUPLICATE_KEY", file, repeated.index)
    for row, values in zip(kept, repeated.loc[kept].itertuples(index=False, name=None), strict=True):
        lookup = values if len(key) > 1 else values[0]
        cells = {k: quoted_code(_fmt(v), row, k, number_cells) for k, v in zip(key, values, strict=True)}
        report.add(
            "error",
            "E_DUPLICATE_KEY",
            file,
            int(row),
            column,
            cells[column],
            key=_key_shown(list(cells.items())),
            first_row=int(first_rows.loc[lookup]),
        )


def _key_shown(cells: list[tuple[str, object]]) -> Ref:
    """A row's key as E_DUPLICATE_KEY quotes it, `column=value, ...`, each value in the message's language."""
    (column, value), *rest = cells
    cell = Ref("duplicate.key_cell", column=column, value=value)
    return cell if not rest else Ref("duplicate.key_cells", first=cell, rest=_key_shown(rest))


def _id_forms(frame: pd.DataFrame, table: Table, file: str, report: ValidationReport) -> None:
    """E_ID_FORM at the first row of each spelling of a table's npp that is an earlier row's npp stored otherwise
    (that row named as `earlier`): an accented letter in NFC or NFD, full-width digits, an invisible character
    (`same_id`). They read the same but would be two participants, or one participant's years apart (its
    previous-year values lost). A region's or a village's code needs no such check: one of other characters than the
    digits 0-9 and dots was refused at its cell (E_BAD_CODE)."""
    column = table.key[0]
    if column not in frame.columns or table.column(column).kind != "npp":
        return
    ids = frame[column].dropna()
    if ids.empty or ids.str.cat().isascii():  # NFKC keeps ASCII as it is: distinct ASCII ids stay distinct
        return
    first = ids[~ids.duplicated()]  # each spelling at its first row, in file order
    folded = first.map(same_id)
    again = folded.duplicated()
    original = dict(zip(folded[~again], zip(first[~again], first.index[~again], strict=True), strict=True))
    for row in report.first("error", "E_ID_FORM", file, first.index[again.to_numpy()]):
        other, earlier = original[folded.loc[row]]
        earlier_row = Ref("loc.row", row=int(earlier))
        report.add("error", "E_ID_FORM", file, int(row), column, first.loc[row], other=other, earlier=earlier_row)


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return number_shown(value)
    return str(value)


def check_wilayah(
    wilayah: pd.DataFrame,
    file: str,
    report: ValidationReport,
    official: RegionList | None = None,
    number_cells: NumberCells | None = None,
) -> None:
    """Levels and provinces consistent with each code; every regency's province listed; zones on province rows only.
    A code the `official` list does not hold is refused at its cell, once (E_CODE_UNKNOWN, validate_codes: probably
    mistyped), and is not compared with its row's level and province, nor its province looked for, as well. A code
    is quoted as its cell's check quotes it (`quoted_code`, of the table's `number_cells`)."""
    codes = wilayah["kode_wilayah"]

    def code(row: object, column: str = "kode_wilayah") -> object:
        return quoted_code(wilayah.at[row, column], row, column, number_cells)

    valid = codes.notna()
    if official is not None:
        valid &= codes.isin(official.wilayah.index)
    level = pd.Series(None, index=wilayah.index, dtype=object)
    is_prov = valid & codes.str.match(PROVINCE_PATTERN.pattern).fillna(False)
    is_reg = valid & codes.str.match(REGENCY_PATTERN.pattern).fillna(False)
    level[is_prov] = "provinsi"
    second = pd.to_numeric(codes.where(is_reg).str[3:5], errors="coerce")
    level[is_reg & (second < 70)] = "kabupaten"
    level[is_reg & (second >= 70)] = "kota"
    tingkat = wilayah["tingkat"]
    mismatch = level.notna() & tingkat.notna() & (level != tingkat)
    for row in report.first("error", "E_TINGKAT_MISMATCH", file, wilayah.index[mismatch]):
        report.add(
            "error",
            "E_TINGKAT_MISMATCH",
            file,
            int(row),
            "tingkat",
            tingkat.loc[row],
            kode=code(row),
            expected=level.loc[row],
        )
    prov = wilayah["kode_provinsi"]
    shaped = valid & _matches(codes, _REGION_CODE) & prov.notna() & _matches(prov, _REGION_CODE)  # else E_BAD_CODE
    wrong_prov = shaped & (prov != codes.str[:2])
    for row in report.first("error", "E_PROVINCE_MISMATCH", file, wilayah.index[wrong_prov]):
        report.add(
            "error", "E_PROVINCE_MISMATCH", file, int(row), "kode_provinsi", code(row, "kode_provinsi"), kode=code(row)
        )
    provinces = set(codes[is_prov])
    orphan = is_reg & ~codes.str[:2].isin(provinces)
    for row in report.first("error", "E_UNKNOWN_PROVINCE", file, wilayah.index[orphan]):
        report.add("error", "E_UNKNOWN_PROVINCE", file, int(row), "kode_wilayah", codes.loc[row][:2], kode=code(row))
    if "zona" in wilayah:  # a zone is read from province rows only: one elsewhere would be dropped unseen
        zona = wilayah["zona"]
        filled = zona.notna() & (zona.astype(str).str.strip() != "")
        for row in report.first("warning", "W_ZONE_NOT_PROVINCE", file, wilayah.index[(filled & is_reg).to_numpy()]):
            report.add(
                "warning",
                "W_ZONE_NOT_PROVINCE",
                file,
                int(row),
                "zona",
                zona.loc[row],
                kode=code(row),
                provinsi=codes.loc[row][:2],
            )


def check_region_refs(
    frame: pd.DataFrame,
    column: str,
    known: set[str],
    file: str,
    report: ValidationReport,
    regency_only: bool,
    official: RegionList | None = None,
    number_cells: NumberCells | None = None,
) -> None:
    """Codes in `column` must be regions listed in wilayah.csv (regencies/cities only, in a `regency_only` column); a
    code of another shape was refused at its cell, once (E_BAD_CODE: `61.1`, the number a spreadsheet made of
    61.10; E_REGION_LEVEL: a province's `61` where a regency's is due), and is not looked up as well; nor is one the
    `official` list does not hold (E_CODE_UNKNOWN, validate_codes: no region has it, so adding it to wilayah.csv
    cannot help). A code is quoted as its cell's check quotes it (of the table's `number_cells`)."""
    codes = frame[column]
    shaped = codes.notna() & _matches(codes, REGENCY_PATTERN if regency_only else _REGION_CODE)
    unknown = shaped & ~codes.isin(known)
    if official is not None and unknown.any():
        unknown[unknown] = codes[unknown].isin(official.wilayah.index).to_numpy()
    _flag(
        report,
        "error",
        "E_UNKNOWN_REGION",
        file,
        frame.index[unknown],
        column,
        codes,
        number_cells=_number_cells_of(codes, column, number_cells),
        reference="wilayah.csv",
    )


def _matches(values: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    """`values.str.match(pattern)` (False where a value is missing), asked once per distinct value."""
    positions, uniques = pd.factorize(values)
    found = np.fromiter((pattern.match(value) is not None for value in uniques), dtype=bool, count=len(uniques))
    return pd.Series(np.append(found, False)[positions], index=values.index)


def check_village_codes(
    desa: pd.DataFrame,
    file: str,
    report: ValidationReport,
    official: RegionList | None = None,
    number_cells: NumberCells | None = None,
) -> None:
    """A village code starts with its regency/city code; where either has another shape, or is not in the `official`
    list, its cell was refused already (E_BAD_CODE, E_REGION_LEVEL, E_CODE_UNKNOWN) and the two are not compared as
    well. Both are quoted as their cells' checks quote them (of the table's `number_cells`)."""
    villages, regencies = desa["kode_desa"], desa["kode_wilayah"]
    outside = villages.notna() & regencies.notna() & (villages.str[:5] != regencies)
    if outside.any():  # the shapes asked of these rows only: a national desa holds 84,000 villages
        shaped = _matches(villages[outside], VILLAGE_PATTERN) & _matches(regencies[outside], REGENCY_PATTERN)
        if official is not None:
            listed = official.desa.index.get_indexer(pd.Index(villages[outside])) >= 0  # a hash lookup: 84,000 codes
            shaped &= pd.Series(listed, index=shaped.index) & regencies[outside].isin(official.wilayah.index)
        outside[outside] = shaped.to_numpy()
    for row in report.first("error", "E_VILLAGE_REGION_MISMATCH", file, desa.index[outside]):
        report.add(
            "error",
            "E_VILLAGE_REGION_MISMATCH",
            file,
            int(row),
            "kode_desa",
            quoted_code(desa.at[row, "kode_desa"], row, "kode_desa", number_cells),
            region=quoted_code(desa.at[row, "kode_wilayah"], row, "kode_wilayah", number_cells),
        )


#: The filled values of a percent column (0-100) in one province from which all of them between 0 and 1 are taken
#: for fractions (a few values that low may be true).
FRACTION_MIN_VALUES = 3


def check_fractions(frame: pd.DataFrame, table: str, file: str, report: ValidationReport) -> None:
    """W_PERCENT_FRACTIONS, at its first row, for each percent column (0-100) whose every value in one province lies
    between 0 and 1, some strictly: written as fractions (0,68 for 68%, as a spreadsheet's General format shows a
    share), they would count as less than 1%. A province's rows are one submitter's file (the templates)."""
    schema = next(t for t in TABLES if t.name == table)
    columns = [c.name for c in schema.columns if c.kind == "percent" and c.name in frame.columns]
    if not columns or "kode_wilayah" not in frame.columns:
        return
    regions, codes = pd.factorize(frame["kode_wilayah"])  # a code's province once per distinct code
    if not len(codes):
        return
    provinces, province = np.unique(np.array([str(code)[:2] for code in codes], dtype=object), return_inverse=True)
    groups = np.where(regions < 0, len(provinces), province[np.maximum(regions, 0)])  # no code: no province
    for column in columns:
        values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        filled = ~np.isnan(values)

        def per_province(mask: np.ndarray) -> np.ndarray:
            return np.bincount(groups[mask], minlength=len(provinces) + 1)[: len(provinces)]

        count = per_province(filled)
        outside = per_province(filled & ((values < 0) | (values > 1)))
        between = per_province(filled & (values > 0) & (values < 1))
        for at in np.flatnonzero((count >= FRACTION_MIN_VALUES) & (outside == 0) & (between > 0)):
            first = frame.index[np.flatnonzero(filled & (groups == at))[0]]
            fields = {"province": str(provinces[at]), "count": Num(int(count[at]))}
            report.add("warning", "W_PERCENT_FRACTIONS", file, int(first), column, None, **fields)


def check_parts(frame: pd.DataFrame, table: str, file: str, report: ValidationReport) -> None:
    """Parts that exceed their whole: an error (covered officials > officials, ...), or a warning for people counted
    among the working population (officials > working population, ...)."""
    kinds: tuple[tuple[Severity, str, tuple[tuple[str, str, str], ...]], ...] = (
        ("error", "E_PART_EXCEEDS_WHOLE", PART_OF_WHOLE),
        ("warning", "W_PART_EXCEEDS_WORKING", AMONG_WORKING),
    )
    for severity, code, pairs in kinds:
        for owner, part, whole in pairs:
            if owner != table or part not in frame or whole not in frame:
                continue
            exceeds = (frame[part] > frame[whole]).to_numpy()
            for row in report.first(severity, code, file, frame.index[exceeds]):
                report.add(
                    severity,
                    code,
                    file,
                    int(row),
                    part,
                    _fmt(frame.at[row, part]),
                    part=part,
                    whole=whole,
                    whole_value=_fmt(frame.at[row, whole]),
                )


def check_years(frame: pd.DataFrame, file: str, musim: int, tahun: int, report: ValidationReport) -> None:
    """Rows for year T must exist; rows of other years than T and T-1 are ignored with a warning."""
    years = frame["tahun"]
    if not (years == tahun).any():
        report.add("error", "E_NO_YEAR_T", file, None, "tahun", None, year=tahun, musim=musim)
    other = years.notna() & ~years.isin((tahun, tahun - 1))
    _flag(
        report,
        "warning",
        "W_OTHER_YEAR",
        file,
        frame.index[other],
        "tahun",
        years[other].map(_fmt),  # only the rows reported are written out
        year=tahun,
        prev=tahun - 1,
    )


def check_pemda(
    pemda: pd.DataFrame,
    wilayah: pd.DataFrame,
    tahun: int,
    file: str,
    wilayah_file: str,
    report: ValidationReport,
    official: RegionList | None = None,
    number_cells: NumberCells | None = None,
    wilayah_number_cells: NumberCells | None = None,
) -> None:
    """Coverage above 100%, missing previous year, large jumps, regions without data. A region whose own code in
    wilayah.csv is an error (`_listed_right`) is not also said to lack data. A code is quoted as its cell's check
    quotes it (of pemda's `number_cells`, wilayah's `wilayah_number_cells`)."""
    current = pemda[pemda["tahun"] == tahun]
    previous = pemda[pemda["tahun"] == tahun - 1]
    for year, frame in ((tahun, current), (tahun - 1, previous)):
        peserta = frame[list(PESERTA_COLUMNS)].sum(axis=1, min_count=len(PESERTA_COLUMNS))
        base = frame["penduduk_bekerja"]
        over = (base > 0) & (peserta > base)
        for row in report.first("warning", "W_COVERAGE_OVER_100", file, frame.index[over.to_numpy()]):
            report.add(
                "warning",
                "W_COVERAGE_OVER_100",
                file,
                int(row),
                "penduduk_bekerja",
                _fmt(base.loc[row]),
                year=year,
                cakupan=Num(100 * peserta.loc[row] / base.loc[row], 2),
                peserta=Num(peserta.loc[row]),
                base=Num(base.loc[row]),
            )
        zero = (base == 0).to_numpy()
        _flag(
            report, "warning", "W_ZERO_BASE", file, frame.index[zero], "penduduk_bekerja", None, what="penduduk_bekerja"
        )
    codes_prev = set(previous["kode_wilayah"].dropna())
    no_prev = current["kode_wilayah"].notna() & ~current["kode_wilayah"].isin(codes_prev)
    _flag(
        report,
        "warning",
        "W_NO_PREVIOUS_YEAR",
        file,
        current.index[no_prev.to_numpy()],
        "kode_wilayah",
        current["kode_wilayah"],
        number_cells=_number_cells_of(current["kode_wilayah"], "kode_wilayah", number_cells),
        prev=tahun - 1,
    )
    _check_jump(current, previous, "kode_wilayah", "penduduk_bekerja", tahun, file, report)
    submitted = set(current["kode_wilayah"].dropna())
    missing = wilayah["kode_wilayah"].notna() & ~wilayah["kode_wilayah"].isin(submitted)
    if missing.any():
        missing[missing] = _listed_right(wilayah[missing.to_numpy()], wilayah["kode_wilayah"], official)
    for row in report.first("warning", "W_REGION_NOT_SUBMITTED", wilayah_file, wilayah.index[missing.to_numpy()]):
        report.add(
            "warning",
            "W_REGION_NOT_SUBMITTED",
            wilayah_file,
            int(row),
            "kode_wilayah",
            quoted_code(wilayah.at[row, "kode_wilayah"], row, "kode_wilayah", wilayah_number_cells),
            name=wilayah.at[row, "nama"],
            year=tahun,
        )


def _listed_right(rows: pd.DataFrame, codes: pd.Series, official: RegionList | None) -> np.ndarray:
    """Per row of `rows` (some of wilayah.csv's, whose codes are `codes`), whether its code is no error of its own:
    of a region's shape (else E_BAD_CODE), not a repeat of an earlier row's (E_DUPLICATE_KEY), and, with the
    `official` list, held by it (E_CODE_UNKNOWN) under the name the row gives (E_CODE_OTHER_REGION)."""
    listed = _matches(rows["kode_wilayah"], _REGION_CODE) & ~codes.duplicated().loc[rows.index]
    if official is not None:
        listed &= rows["kode_wilayah"].isin(official.wilayah.index)
        named = validate_codes.named_otherwise(rows[listed.to_numpy()], official)
        listed &= ~rows.index.isin([row for row, others in named.items() if others])
    return listed.to_numpy()


def _check_jump(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    key: str,
    column: str,
    tahun: int,
    file: str,
    report: ValidationReport,
) -> None:
    before = previous.dropna(subset=[key]).drop_duplicates(key).set_index(key)[column]
    # a number per row (NaN without a previous value), whatever the dtype of the key column
    prior = pd.Series(before.reindex(current[key].to_numpy()).to_numpy(dtype=np.float64), index=current.index)
    change = (current[column] - prior) / prior
    jump = (prior > 0) & (change.abs() > JUMP_LIMIT)
    for row in report.first("warning", "W_LARGE_JUMP", file, current.index[jump.to_numpy()]):
        now = current[column].loc[row]
        report.add(
            "warning",
            "W_LARGE_JUMP",
            file,
            int(row),
            column,
            _fmt(now),
            what=column,
            change=Num(100 * change.loc[row], 1, signed=True),
            prev=tahun - 1,
            year=tahun,
            before=Num(prior.loc[row]),
            after=Num(now),
        )


def check_desa(desa: pd.DataFrame, tahun: int, file: str, report: ValidationReport) -> None:
    """Village coverage above 100% in year T or T-1 (other years are ignored), zero working population, jumps
    against T-1 rows."""
    peserta, base, years = desa["peserta"], desa["penduduk_bekerja"], desa["tahun"]
    over = (base > 0) & (peserta > base) & years.isin((tahun, tahun - 1))
    for row in report.first("warning", "W_COVERAGE_OVER_100", file, desa.index[over.to_numpy()]):
        report.add(
            "warning",
            "W_COVERAGE_OVER_100",
            file,
            int(row),
            "peserta",
            _fmt(peserta.loc[row]),
            year=tahun if years.loc[row] == tahun else tahun - 1,
            cakupan=Num(100 * peserta.loc[row] / base.loc[row], 2),
            peserta=Num(peserta.loc[row]),
            base=Num(base.loc[row]),
        )
    current = desa[desa["tahun"] == tahun]
    zero = (current["penduduk_bekerja"] == 0).to_numpy()
    _flag(
        report, "warning", "W_ZERO_BASE", file, current.index[zero], "penduduk_bekerja", None, what="penduduk_bekerja"
    )
    _check_jump(current, desa[desa["tahun"] == tahun - 1], "kode_desa", "penduduk_bekerja", tahun, file, report)


def check_badan_usaha(bu: pd.DataFrame, tahun: int, file: str, report: ValidationReport) -> None:
    """Businesses with no workers cannot have coverage indicators."""
    current = bu[bu["tahun"] == tahun]
    zero = (current["jumlah_pekerja"] == 0).to_numpy()
    _flag(report, "warning", "W_ZERO_BASE", file, current.index[zero], "jumlah_pekerja", None, what="jumlah_pekerja")


def _juror_spellings(juri: pd.Series, file: str, report: ValidationReport) -> None:
    """E_JUROR_CASE at the first row of each spelling of a juror's id after its first one (`j1` after `J1`, `J 1` after
    `J1`; an accented letter stored otherwise, NFC or NFD, a full-width one or an invisible character: `same_id`):
    the scores took them for two jurors, so one juror's score of a participant's aspect could count twice."""
    first = juri[~juri.duplicated()]  # each spelling at its first row, in file order
    folded = first.map(lambda spelling: "".join(same_id(spelling).casefold().split()))
    again = folded.duplicated()
    original = dict(zip(folded[~again], first[~again], strict=True))
    for row in report.first("error", "E_JUROR_CASE", file, first.index[again.to_numpy()]):
        report.add("error", "E_JUROR_CASE", file, int(row), "juri", first.loc[row], other=original[folded.loc[row]])


def check_wawancara(wawancara: pd.DataFrame, file: str, report: ValidationReport) -> None:
    """Fewer than 3 jurors for a participant is a warning; one juror written in two cases (`J1`, `j1`) is an error
    (categories and participants are checked against the methodology: registry.check)."""
    valid = wawancara.dropna(subset=["kategori", "id_peserta", "juri"])
    _juror_spellings(valid["juri"].astype(str), file, report)
    jurors = valid.groupby(["kategori", "id_peserta"], sort=True)["juri"].nunique()
    first_row = valid.reset_index().groupby(["kategori", "id_peserta"], sort=True)["baris"].min()
    few = jurors[jurors < MIN_JURORS]
    for kategori, peserta in report.first("warning", "W_FEW_JURORS", file, few.index):
        report.add(
            "warning",
            "W_FEW_JURORS",
            file,
            int(first_row.loc[(kategori, peserta)]),
            "juri",
            peserta,
            kategori=kategori,
            count=int(few.loc[(kategori, peserta)]),
        )
