"""Reading one table file (.csv in either locale, or .xlsx) into raw text cells.

Nothing is interpreted here except the file format: every cell comes back as a stripped
string, and the index is the row number a spreadsheet user sees (header = row 1).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


class ReadFailure(Exception):
    """A file that cannot be read at all; `code` is a message-catalogue key."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass
class RawTable:
    """The cells of one file as text, plus what was learnt about its format."""

    path: Path
    cells: pd.DataFrame
    delimiter: str
    duplicate_columns: list[str] = field(default_factory=list)
    numeric_cells: dict[str, pd.Series] = field(default_factory=dict)
    """For .xlsx: per column, a boolean Series of cells Excel stored as numbers."""


def read_table_file(path: Path) -> RawTable:
    """Read a .csv or .xlsx file into text cells; raise ReadFailure when it cannot be read."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    return _read_csv(path)


def _read_csv(path: Path) -> RawTable:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadFailure("E_ENCODING", f"byte {exc.start}") from None
    header = text.split("\n", 1)[0]
    delimiter = _delimiter(header)
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
            skip_blank_lines=False, header=None, quotechar='"', engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        if isinstance(exc, pd.errors.EmptyDataError):
            frame = pd.DataFrame()
        else:
            raise ReadFailure("E_UNREADABLE", str(exc).strip()) from None
    return _finish(path, frame, delimiter, {})


def _delimiter(header: str) -> str:
    """The separator used in the header line: the most frequent of ; , and tab outside quotes."""
    reader = csv.reader([header], delimiter="\x00")
    line = next(reader, [""])[0] if header else ""
    counts = {sep: line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_xlsx(path: Path) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ReadFailure("E_UNREADABLE", f"{type(exc).__name__}: {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        numeric: list[list[bool]] = []
        for row in sheet.iter_rows():
            texts, flags = [], []
            for cell in row:
                text, is_number = _cell_text(cell)
                texts.append(text)
                flags.append(is_number)
            rows.append(texts)
            numeric.append(flags)
    finally:
        workbook.close()
    width = max((len(r) for r in rows), default=0)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    flags = pd.DataFrame([f + [False] * (width - len(f)) for f in numeric])
    return _finish(path, frame, ",", flags)


def _cell_text(cell: object) -> tuple[str, bool]:
    """A cell's value as text in English number style; percent-formatted cells as percents."""
    value = getattr(cell, "value", None)
    if value is None:
        return "", False
    if isinstance(value, bool):
        return str(int(value)), True
    if isinstance(value, (int, float)):
        if "%" in (getattr(cell, "number_format", "") or ""):
            value = round(value * 100, 10)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return repr(value) if isinstance(value, float) else str(value), True
    return str(value).strip(), False


def _finish(path: Path, frame: pd.DataFrame, delimiter: str, flags: object) -> RawTable:
    """Use the first row as header, drop empty rows, index by spreadsheet row number."""
    if frame.empty:
        return RawTable(path, pd.DataFrame(), delimiter)
    frame = frame.fillna("").astype(str)
    header = [str(h).strip().lstrip("\ufeff") for h in frame.iloc[0]]
    body = frame.iloc[1:].apply(lambda col: col.str.strip())
    body.index = pd.RangeIndex(2, len(frame) + 1, name="baris")
    keep_cols = [i for i, name in enumerate(header) if name != "" or (body.iloc[:, i] != "").any()]
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
    body = body.iloc[:, keep_cols]
    body.columns = names
    nonempty = (body != "").any(axis=1)
    body = body.loc[nonempty]
    numeric_cells: dict[str, pd.Series] = {}
    if isinstance(flags, pd.DataFrame):
        flag_body = flags.iloc[1:, keep_cols]
        flag_body.index = pd.RangeIndex(2, len(frame) + 1, name="baris")
        flag_body.columns = names
        flag_body = flag_body.loc[nonempty]
        numeric_cells = {name: flag_body[name].astype(bool) for name in names}
    return RawTable(path, body, delimiter, duplicates, numeric_cells)
