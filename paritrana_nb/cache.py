"""The season cache: a valid season's typed tables, its validation problems and its scores, stored once as Parquet.

An entry is keyed by the sha256 of every input file of the season, of the methodology (for scores) and of this
package's code, so that any change to the data, the methodology or the workbook makes it stale. A stale, partly
written or damaged entry is never used (every file's sha256 is checked against the manifest written last), and
deleting the cache folder is always safe: it is rebuilt from the sources. A cache that cannot be written (a
read-only folder, a full disk) only costs speed: the command warns and goes on.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import warnings
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .config import PACKAGE_DIR
from .messages import Num, Ref
from .outputs import write_atomic
from .problems import Problem, ValidationReport

CACHE_FOLDER = ".cache"
"""Where a season's cache lives by default: inside the season folder (data/<musim>/.cache/, not tracked by git)."""
FORMAT = 2
"""The layout of an entry; raised when it changes, so that older entries are not read."""


class CacheWriteWarning(UserWarning):
    """The cache could not be written (the command goes on without it)."""


@cache
def code_fingerprint() -> str:
    """sha256 over the package's Python sources and message files: a change to the workbook invalidates the cache."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".po") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def season_key(musim: int, inputs: Mapping[str, str]) -> str:
    """The key of a season's entry: its number, the code, and (name, sha256) of every input file."""
    text = json.dumps([musim, code_fingerprint(), sorted(inputs.items())])
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class SeasonCache:
    """The cache folder of one season (`for_season` gives the default place). A write that fails is recorded in
    `failures` (folder, reason) and, unless `quiet`, warned about (CacheWriteWarning)."""

    folder: Path
    quiet: bool = False
    background: bool = False
    """Writes handed to a writer thread (Parquet encoding, hashing and file writes release the GIL): the command
    goes on meanwhile, `wait` ends them. A process that ends first leaves no entry (the manifest is written last)."""
    failures: list[tuple[Path, str]] = field(default_factory=list, compare=False)
    _writer: list[Any] = field(default_factory=list, compare=False, repr=False)
    """The writer thread (an executor), then the writes handed to it and not waited for."""

    @staticmethod
    def for_season(
        season_folder: Path, cache_dir: Path | None = None, quiet: bool = False, background: bool = False
    ) -> SeasonCache:
        """`<season_folder>/.cache`, or `<cache_dir>/<season folder name>` when a cache folder is given."""
        folder = Path(cache_dir) / Path(season_folder).name if cache_dir else Path(season_folder) / CACHE_FOLDER
        return SeasonCache(folder, quiet, background)

    # -- reading ------------------------------------------------------------------------------
    def read(self, name: str, key: str) -> tuple[dict[str, pd.DataFrame], dict[str, object]] | None:
        """The tables and extra data of entry `name` when it was written for `key` and every file is intact;
        None otherwise (missing, stale or damaged: never an exception)."""
        try:
            manifest = self._manifest(name, key)
            if manifest is None:
                return None
            tables = {}
            for table, entry in manifest["tables"].items():
                data = self._intact(entry)
                if data is None:
                    return None
                text = [name for name, dtype, _ in entry["columns"][1:] if dtype in _TEXT_DTYPES]
                arrow = pq.read_table(io.BytesIO(data), read_dictionary=text)  # each distinct text decoded once
                tables[table] = _from_arrow(arrow, entry["columns"])
            return tables, manifest["extra"]
        except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
            return None

    def read_file(self, name: str, key: str) -> tuple[bytes, dict[str, object]] | None:
        """The bytes and extra data of file entry `name` (`write_file`) when it was written for `key` and is intact;
        None otherwise (missing, stale or damaged: never an exception)."""
        try:
            manifest = self._manifest(name, key)
            data = None if manifest is None else self._intact(manifest["file"])
            return None if manifest is None or data is None else (data, manifest["extra"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _manifest(self, name: str, key: str) -> dict[str, Any] | None:
        """The manifest of entry `name` when it was written for `key` in this layout."""
        manifest = json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))
        return manifest if manifest.get("key") == key and manifest.get("format") == FORMAT else None

    def _intact(self, entry: Mapping[str, Any]) -> bytes | None:
        """The bytes of a file the manifest names, when their sha256 is the one it gives."""
        data = (self.folder / entry["file"]).read_bytes()
        return data if hashlib.sha256(data).hexdigest() == entry["sha256"] else None

    # -- writing ------------------------------------------------------------------------------
    def write(self, name: str, key: str, tables: Mapping[str, pd.DataFrame], extra: Mapping[str, object]) -> bool:
        """Store entry `name` for `key` (each file atomically, the manifest last); False with a warning when the
        folder cannot be written. With `background`, the tables are converted to Arrow here and the rest (Parquet
        encoding, hashing, files) is done by the cache's writer thread: True once handed over (`wait`)."""
        try:
            arrow = {table: _to_arrow(frame) for table, frame in tables.items()}
        except (ValueError, TypeError, pa.ArrowException) as error:
            return self._failed(error)

        def store() -> dict[str, object]:
            entries: dict[str, dict[str, object]] = {}
            for table, (converted, columns) in arrow.items():
                file, digest = self._staged(name, table, "parquet", partial(_parquet, converted, columns))
                entries[table] = {"file": file, "sha256": digest, "columns": columns}
            return {"tables": entries}

        return self._written(name, key, extra, store)

    def write_file(self, name: str, key: str, data: bytes | bytearray, extra: Mapping[str, object]) -> bool:
        """Store `data` as file entry `name` for `key` (read back by `read_file`); False with a warning when the
        folder cannot be written. With `background`, written by the writer thread (`data` must not change)."""

        def store() -> dict[str, object]:
            file, digest = self._staged(name, "data", "bin", lambda staged: staged.write_bytes(data))
            return {"file": {"file": file, "sha256": digest}}

        return self._written(name, key, extra, store)

    def wait(self) -> bool:
        """Wait until every write handed to the writer thread is done; False when one failed (recorded in
        `failures`). An unexpected exception of the writer is raised here."""
        ok = True
        try:
            while len(self._writer) > 1:
                ok = self._writer.pop(1).result() and ok  # each write's own answer, even one finished before the call
        finally:
            if self._writer:  # the thread ends with its writes: a long-lived process keeps no idle writer
                self._writer.pop(0).shutdown(cancel_futures=True)
                self._writer.clear()
        return ok

    def _written(self, name: str, key: str, extra: Mapping[str, object], store: Callable[[], dict[str, Any]]) -> bool:
        """Run `store` (which writes the entry's files), then the manifest, here or in the writer thread; a failure
        is recorded and warned."""
        if not self.background:
            return self._stored(name, key, extra, store)
        if not self._writer:
            self._writer.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="season-cache"))
        self._writer.append(self._writer[0].submit(self._stored, name, key, extra, store))
        return True

    def _stored(self, name: str, key: str, extra: Mapping[str, object], store: Callable[[], dict[str, Any]]) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            parts = store()
            manifest = {"format": FORMAT, "key": key, **parts, "extra": extra}
            write_atomic(self.folder / f"{name}.json", json.dumps(manifest, sort_keys=True))
            files = parts["tables"].values() if "tables" in parts else [parts["file"]]
            self._forget_others(name, {str(entry["file"]) for entry in files})
        except (OSError, ValueError, TypeError, pa.ArrowException) as error:
            return self._failed(error)
        return True

    def _failed(self, error: Exception) -> bool:
        """Record (and unless `quiet` warn) that a write failed: False."""
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.failures.append((self.folder, reason))
        if not self.quiet:
            warnings.warn(CacheWriteWarning(f"{self.folder}: {reason}"), stacklevel=4)
        return False

    def _staged(self, name: str, part: str, suffix: str, write: Callable[[Path], Any]) -> tuple[str, str]:
        """Write one file of an entry under a temporary name (`write` writes it), then rename it to
        `<name>-<part>-<sha256>.<suffix>`: (its name, its sha256)."""
        staged = self.folder / f".{name}-{part}.{uuid.uuid4().hex}.tmp"
        try:
            write(staged)
            digest = file_sha256(staged)
            file = f"{name}-{part}-{digest[:16]}.{suffix}"
            staged.replace(self.folder / file)
        finally:
            staged.unlink(missing_ok=True)
        return file, digest

    def _forget_others(self, name: str, kept: set[str]) -> None:
        """Delete the files of earlier entries of `name`."""
        for path in [*self.folder.glob(f"{name}-*.parquet"), *self.folder.glob(f"{name}-*.bin")]:
            if path.name not in kept:
                path.unlink(missing_ok=True)


def _parquet(table: pa.Table, columns: list[list[str]], path: Path) -> None:
    """Write `table` (`_to_arrow`) to `path` as Parquet."""
    text = [name for name, dtype, _ in columns[1:] if dtype in _TEXT_DTYPES]
    # text dictionary-encoded (each distinct text once), numbers as they are: fast both ways
    pq.write_table(table, path, compression="lz4", write_statistics=False, use_dictionary=text)


# --------------------------------------------------------------------------------------
# Tables: Parquet keeps values; the manifest keeps what pandas needs to give back the same frame
# --------------------------------------------------------------------------------------


def _to_arrow(frame: pd.DataFrame) -> tuple[pa.Table, list[list[str]]]:
    """The frame (index included) as an Arrow table, and per column (name, dtype, how missing text is written).
    Text columns become Arrow strings (missing: null, `_text_array`), the other columns are converted as pandas
    gives them."""
    columns, text = [], []
    for name in frame.columns:
        series = frame[name]
        missing = ""
        if series.dtype == object:
            gaps = series[series.isna()]
            missing = "nan" if len(gaps) and isinstance(gaps.iloc[0], float) else "none"
        if str(series.dtype) in _TEXT_DTYPES:
            text.append(str(name))
        columns.append([str(name), str(series.dtype), missing])
    index = "" if frame.index.name is None else str(frame.index.name)
    table = pa.Table.from_pandas(frame.drop(columns=text), preserve_index=None)  # a RangeIndex as metadata only
    for name in text:
        table = table.append_column(name, _text_array(frame[name].to_numpy(dtype=object)))
    return table, [[index, str(frame.index.dtype), ""], *columns]


def _text_array(values: np.ndarray) -> pa.Array:
    """Texts (missing: None or NaN) as Arrow strings, dictionary-encoded when that is smaller (repeated texts)."""
    plain = pa.array(values, type=pa.string(), from_pandas=True)
    encoded = pc.dictionary_encode(plain)
    return encoded if encoded.nbytes < plain.nbytes else plain


_TEXT_DTYPES = ("object", "str", "string")
"""The dtypes of the columns kept as text (every value a string, or missing)."""


def _from_arrow(table: pa.Table, columns: list[list[str]]) -> pd.DataFrame:
    """The frame `_to_arrow` stored, with the same dtypes and missing values."""
    (index_name, index_dtype, _), *rest = columns
    text = [name for name, dtype, _ in rest if dtype in _TEXT_DTYPES]
    frame = table.drop_columns(text).to_pandas()  # numbers and booleans
    frame.index = frame.index.astype(index_dtype)
    frame.index.name = index_name or None
    for name, dtype, missing in rest:
        if name in text:  # each distinct text one Python string, as in the tables the engine builds
            values = _texts(table.column(name))
            if dtype == "object" and missing == "nan":
                values[pd.isna(values)] = float("nan")
            frame[name] = pd.Series(values, index=frame.index, dtype=dtype)
        elif str(frame[name].dtype) != dtype:
            frame[name] = frame[name].astype(dtype)
    return frame[[name for name, _, _ in rest]]


def _texts(column: pa.ChunkedArray) -> np.ndarray:
    """A text column as an object array of Python strings (None when missing), one object per distinct text."""
    encoded = column.combine_chunks()
    if not pa.types.is_dictionary(encoded.type):
        encoded = pc.dictionary_encode(encoded)
    words = np.array([*encoded.dictionary.to_pylist(), None], dtype=object)
    return words[encoded.indices.fill_null(len(words) - 1).to_numpy(zero_copy_only=False)]


# --------------------------------------------------------------------------------------
# Validation problems as JSON (no pickle: a cache folder may come from elsewhere)
# --------------------------------------------------------------------------------------


def _field(value: object) -> object:
    if isinstance(value, Ref):
        return {"ref": value.key, "fields": [[k, _field(v)] for k, v in value.fields]}
    if isinstance(value, Num):
        return {"num": float(value.value), "decimals": value.decimals, "signed": value.signed}
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        return {"int": int(value)}
    if isinstance(value, float):
        return {"float": float(value)}
    raise TypeError(f"cannot store a message field of type {type(value).__name__}")


def _unfield(value: object) -> object:
    if isinstance(value, dict):
        if "ref" in value:
            return Ref(value["ref"], **{k: _unfield(v) for k, v in value["fields"]})
        if "num" in value:
            return Num(value["num"], value["decimals"], value["signed"])
        return value.get("int", value.get("float"))
    return value


def report_to_json(report: ValidationReport) -> dict[str, object]:
    """Every problem kept and every count, as JSON-ready data."""
    return {
        "musim": report.musim,
        "problems": [
            [p.severity, p.code, p.file, p.row, p.column, p.value, [[k, _field(v)] for k, v in p.fields]]
            for p in report.problems
        ],
        "kept": [[*kind, n] for kind, n in report.kept.items()],
        "omitted": [[*kind, n] for kind, n in report.omitted.items()],
    }


def report_from_json(data: Mapping[str, object]) -> ValidationReport:
    """The report `report_to_json` stored."""
    problems = [
        Problem(severity, code, file, row, column, value, tuple((k, _unfield(v)) for k, v in fields))
        for severity, code, file, row, column, value, fields in data["problems"]  # type: ignore[attr-defined]  # JSON we wrote
    ]
    kept: Counter[tuple[str, str, str]] = Counter({(f, s, c): n for f, s, c, n in data["kept"]})  # type: ignore[attr-defined]  # JSON we wrote
    omitted: Counter[tuple[str, str, str]] = Counter({(f, s, c): n for f, s, c, n in data["omitted"]})  # type: ignore[attr-defined]  # JSON we wrote
    return ValidationReport(int(data["musim"]), problems, kept, omitted)  # type: ignore[call-overload]  # JSON we wrote
