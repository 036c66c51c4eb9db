"""Result files: a table as plain, deterministic CSV text, and atomic writes that never leave half a file.

A failed run never destroys a previous good file: everything is written to a temporary file beside
its target and renamed over it. Text that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

_UMASK = os.umask(0)
os.umask(_UMASK)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, CSV injection)."""
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet opening `text` as a CSV cell would run it as a formula (a plain number is not)."""
    return text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def csv_safe(value: object) -> object:
    """`value` for a CSV cell: text that would run as a formula gets a leading `'` (shown as text, not run)."""
    return "'" + value if isinstance(value, str) and starts_like_formula(value) else value


def within(path: Path, place: Path) -> bool:
    """True when `path` is the file or folder `place` or lies under it, once `..` and symlinks are resolved
    (and compared as file system objects where both exist: another spelling on a case-insensitive disk counts)."""
    target, place = Path(path).resolve(), Path(place).resolve()
    exists = place.exists()
    return any(
        candidate == place or (exists and candidate.exists() and candidate.samefile(place))
        for candidate in (target, *target.parents)
    )


def blocked_by(folder: Path) -> Path | None:
    """The file standing where `folder` or one of its parents would have to be created, or None."""
    for candidate in (Path(folder), *Path(folder).parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` (text as UTF-8, line ends kept)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if isinstance(data, bytes):
            with os.fdopen(handle, "wb") as out:
                out.write(data)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(data)
        Path(tmp).chmod(0o666 & ~_UMASK)  # results are shared: the usual permissions, not mkstemp's 0600
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def table_csv_text(table: pd.DataFrame, boolean_columns: Collection[str] = ()) -> str:
    """`table` as plain CSV, the one number policy of every CSV the workbook writes.

    A column's type decides how its numbers are written, never the value: integer columns as integers
    (`30`), float columns as the shortest text that reads back to the same float, with a dot and `.0` on
    whole values (`30.0`, `68.02`, `1e-07`); `boolean_columns` as `true`/`false`; missing values as empty
    cells. Text that would run as a formula is prefixed with `'`; minimal quoting, Unix line ends.
    """
    return table_csv_bytes(table, boolean_columns).decode("utf-8")


def table_csv_bytes(table: pd.DataFrame, boolean_columns: Collection[str] = ()) -> bytes:
    """`table_csv_text` as UTF-8 bytes, built column by column: each cell is formatted as `csv.writer` writes
    it (a column's distinct numbers once), pyarrow writes the rows, and the rare rows with a quoted cell are
    put back in their place."""
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(table.columns)
    if table.empty:
        return header.getvalue().encode("utf-8")
    single = len(table.columns) == 1  # csv.writer writes a row of one empty cell as ""
    cells = [
        _column_cells(table.iloc[:, i], table.columns[i] in boolean_columns, single) for i in range(table.shape[1])
    ]
    quoted = np.zeros(len(table), dtype=bool)  # rows with a quoted cell
    for column, may_quote in cells:
        if may_quote:
            quoted |= pc.match_substring_regex(column, _NEEDS_CSV.pattern).to_numpy(zero_copy_only=False)
    mask = pa.array(quoted)
    plain = [pc.if_else(mask, "", column) if quoted.any() else column for column, _ in cells]
    body = io.BytesIO()
    options = pa_csv.WriteOptions(include_header=False, quoting_style="none")
    pa_csv.write_csv(pa.table(plain, names=[str(i) for i in range(len(plain))]), body, options)
    data = body.getvalue()
    if quoted.any():
        lines = data.split(b"\n")
        rows = np.flatnonzero(quoted)
        texts = [column.take(pa.array(rows)).to_pylist() for column, _ in cells]
        for position, row in enumerate(rows.tolist()):
            lines[row] = ",".join(t[position] for t in texts).encode("utf-8")
        data = b"\n".join(lines)
    return header.getvalue().encode("utf-8") + data


def _column_cells(series: pd.Series, boolean: bool, single: bool) -> tuple[pa.Array, bool]:
    """The CSV cells of one column as a pyarrow large_string array, exactly as csv.writer writes them, and
    whether a cell may be quoted."""
    numeric = pd.api.types.is_numeric_dtype(series.dtype)
    if boolean:
        codes, uniques = pd.factorize(series.to_numpy(dtype=bool))
        texts = ["true" if u else "false" for u in uniques.tolist()]
    elif pd.api.types.is_float_dtype(series.dtype):
        # distinct by bit pattern, so that -0.0 stays apart from 0.0; every NaN is an empty cell
        codes, uniques = pd.factorize(series.to_numpy(dtype=np.float64, na_value=np.nan).view(np.int64))
        floats = np.asarray(uniques, dtype=np.int64).view(np.float64)
        texts = ["" if u != u else repr(u) for u in floats.tolist()]  # repr: the shortest round-trip text
    elif pd.api.types.is_integer_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        codes, uniques = pd.factorize(series.to_numpy(dtype=object))
        texts = [str(int(u)) for u in uniques.tolist()]
    elif isinstance(series.dtype, pd.StringDtype) or pd.api.types.infer_dtype(series, skipna=True) in (
        "string",
        "empty",
    ):
        values = pa.array(series, from_pandas=True)
        if isinstance(values, pa.ChunkedArray):  # pandas' pyarrow-backed text
            values = values.combine_chunks()
        return _text_cells(values.cast(pa.large_string()), single), True
    else:
        values = series.astype(object).where(series.notna(), None)
        # mixed types (1, 1.0 and True are one value to a hash table): every cell on its own
        codes, texts = np.arange(len(values)), [_csv_field(csv_safe(u)) for u in values.tolist()]
    empty = '""' if single else ""
    texts = [empty if t == "" else t for t in texts]
    cells = pa.array([*texts, empty], type=pa.large_string()).take(pa.array(np.where(codes < 0, len(texts), codes)))
    return cells, single or not (boolean or numeric)


def _text_cells(values: pa.Array, single: bool) -> pa.Array:
    """Text cells (nulls missing): formula-like text neutralised (`csv_safe`), quoted where csv.writer quotes."""
    starts = pc.match_substring_regex(values, _FORMULA_START_RE2)
    special = pc.or_(starts, pc.match_substring_regex(values, _NEEDS_CSV.pattern)).fill_null(False)
    where = np.flatnonzero(special.to_numpy(zero_copy_only=False))
    if len(where):  # rare: each written on its own
        fixed = [_csv_field(csv_safe(v)) for v in values.take(pa.array(where)).to_pylist()]
        values = pc.replace_with_mask(values, special, pa.array(fixed, type=pa.large_string()))
    values = values.fill_null("")
    return pc.if_else(pc.equal(values, ""), '""', values) if single else values


_NEEDS_CSV = re.compile(r'[,"\r\n]')
"""What makes csv.writer quote a cell (delimiter, quote, line ends); a cell without them is written as it is."""
_FORMULA_START_RE2 = r"^[=+\-@\t\r]"
"""FORMULA_START as a pattern for pyarrow (RE2)."""


def _csv_field(value: object) -> str:
    """One cell as csv.writer (minimal quoting, Unix line ends) writes it; None is empty."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    if not _NEEDS_CSV.search(text):
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([value, ""])
    return buffer.getvalue()[:-2]  # without the empty second cell's separator and the line end
