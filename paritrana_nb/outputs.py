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
    columns: list[list[object]] = []
    for name in table.columns:
        series = table[name]
        if name in boolean_columns:
            columns.append(np.where(series.to_numpy(dtype=bool), "true", "false").tolist())
        elif pd.api.types.is_float_dtype(series.dtype):
            values = series.to_numpy(dtype=np.float64, na_value=np.nan)
            cells = values.astype(object)
            cells[np.isnan(values)] = None
            columns.append(cells.tolist())  # Python floats: csv writes repr, the shortest round-trip text
        else:
            columns.append([csv_safe(cell) for cell in series.astype(object).where(series.notna(), None).tolist()])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(zip(*columns, strict=True))
    return buffer.getvalue()
