"""The season cache: a valid season's typed tables, its validation problems and its scores, stored once as Parquet.

An entry is keyed by the sha256 of every input file of the season, of the methodology (for scores) and of this
package's code, so that any change to the data, the methodology or the workbook makes it stale. A stale, partly
written or damaged entry is never used (every file's sha256 is checked against the manifest written last, and the
manifest against its seal, so that one edited by hand is not used either), and deleting the cache folder is always
safe: it is rebuilt from the sources. A cache that cannot be written (a
read-only folder, a full disk) only costs speed: the command warns and goes on.

Nothing is written into a folder that is not a cache (a season folder's `.cache` may be a link to any folder, `/` or
one of documents): the folder is made and tagged as a cache (CACHEDIR.TAG, https://bford.info/cachedir/, which
backup tools skip) by the first write, and any folder found there must hold the tag, or only files a cache of the
workbook names (then it is tagged), before a file is written or deleted there.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import io
import json
import os
import re
import signal
import stat
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import forking
from .allocator import release_freed_memory
from .config import PACKAGE_DIR
from .messages import OS_REASONS, CellNumber, Num, Ref, os_reason, t
from .outputs import (
    TEMPORARY_SUFFIX,
    Chunks,
    factorize_objects,
    locked_temporary,
    mostly_distinct,
    remove_abandoned,
    write_atomic,
    write_chunks,
)
from .problems import Problem, ValidationReport
from .user_cache import CACHEDIR_TAG, TAG_SIGNATURE, cache_tag, machine_key, machine_key_problem, regular_file_bytes

CACHE_FOLDER = ".cache"
"""Where a season's cache lives by default: inside the season folder (data/<musim>/.cache/, not tracked by git)."""
FORMAT = 2
"""The layout of an entry; raised when it changes, so that older entries are not read."""
STALE_STAGING_SECONDS = 3600
"""A staging file untouched this long was left by a writer that was killed: the next write of its entry deletes it
(where files can be locked, as soon as no writer holds it locked)."""
_UNTAGGED_ENTRIES = "season|scores|score-csv"
"""The entries the workbook's versions wrote before they tagged their cache folders."""
_CACHE_FILE = re.compile(
    rf"(?:{_UNTAGGED_ENTRIES})(?:\.json|-[a-z_]+-[0-9a-f]{{16}}\.(?:parquet|bin))"  # a manifest, an entry's file
    rf"|\.(?:(?:{_UNTAGGED_ENTRIES})(?:\.json|-[a-z_]+)|{re.escape(CACHEDIR_TAG)})"  # one being written, of any
    rf"\.[a-z0-9_]+(?:{re.escape(TEMPORARY_SUFFIX)}|\.tmp)"  # version (its killed writer's)
    rf"|{re.escape(CACHEDIR_TAG)}"
)
"""The names a cache of the workbook's gives its files: a folder holding only such files (an earlier version's cache,
untagged) is a cache."""
BACKGROUND_NICENESS = 19
"""The priority a forked writer lowers itself to: it takes a core only when the command's own processes leave one
free (while `score` scores on both cores, it waited instead of slowing them), and all of it once `wait`ed for."""

_STAGING = re.compile(rf"\.[a-z_]+-[a-z_]+\.[a-z0-9_]{{8}}{re.escape(TEMPORARY_SUFFIX)}")
"""A file an entry's writer stages (`_staged`, `locked_temporary`): `.<name>-<part>.<8 characters>.paritrana.tmp`."""


#: What reading a damaged entry can raise (a file cut short or edited, JSON of another shape, nesting too deep for
#: the JSON reader): the entry is then not used, never an exception.
DAMAGED: tuple[type[Exception], ...] = (
    OSError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    RecursionError,
    pa.ArrowException,
)


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


def manifest_seal(manifest: Mapping[str, object]) -> str:
    """The seal of an entry's manifest: an HMAC under this machine's key (`machine_key`) of all it says (the files,
    their sha256, the tables' columns and types, the extra data), so that a manifest edited by hand, by a careless or
    a hostile user, is not used: what a sealed one says is trusted as this workbook wrote it."""
    text = json.dumps(manifest, sort_keys=True)
    return hmac.new(machine_key(), text.encode(), hashlib.sha256).hexdigest()


def season_key(musim: int, inputs: Mapping[str, str]) -> str:
    """The key of a season's entry: its number, the code, and (name, sha256) of every input file, as an HMAC under
    this machine's key (`machine_key`)."""
    text = json.dumps([musim, code_fingerprint(), sorted(inputs.items())])
    return hmac.new(machine_key(), text.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class SeasonCache:
    """The cache folder of one season (`for_season` gives the default place). A write that fails is recorded in
    `failures` (folder, reason) and, unless `quiet`, warned about (CacheWriteWarning)."""

    folder: Path
    quiet: bool = False
    background: bool = False
    """Writes handed to a forked process each, where this process may fork (`forking.can_fork`: no other thread
    runs), else to a writer thread (Parquet encoding, hashing and file writes release the GIL): the command goes
    on meanwhile, on the other core, and `wait` ends them. A write that ends early leaves no entry (the manifest
    is written last)."""
    failures: list[tuple[Path, Ref | str]] = field(default_factory=list, compare=False)
    _checked: list[bool] = field(default_factory=list, compare=False, repr=False)
    """Whether the folder is a cache this object may write (`_writable`), once known."""
    _writer: list[ThreadPoolExecutor] = field(default_factory=list, compare=False, repr=False)
    """The writer thread (an executor), while it has writes not waited for."""
    _pending: list[Callable[[], bool]] = field(default_factory=list, compare=False, repr=False)
    """The writes handed to forked processes or the writer thread, not waited for: each gives its answer."""
    _writers: list[forking.Forked[Any]] = field(default_factory=list, compare=False, repr=False)
    """The forked processes writing, not waited for (`stop` ends them)."""

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
        except DAMAGED:
            return None

    def read_file(self, name: str, key: str) -> tuple[bytes, dict[str, object]] | None:
        """The bytes and extra data of file entry `name` (`write_file`) when it was written for `key` and is intact;
        None otherwise (missing, stale or damaged: never an exception)."""
        try:
            manifest = self._manifest(name, key)
            data = None if manifest is None else self._intact(manifest["file"])
            return None if manifest is None or data is None else (data, manifest["extra"])
        except DAMAGED:
            return None

    def holds(self, name: str) -> bool:
        """Whether entry `name` has a manifest here, for some key (`read` tells whether it is the one asked for): a
        command that finds none reads the sources without computing the key first. A folder whose files cannot be
        looked up (its permissions) holds none, and neither does any where no machine key is kept (none is sealed
        under this process's own)."""
        if machine_key_problem() is not None:
            return False
        try:
            return (self.folder / f"{name}.json").is_file()
        except OSError:
            return False

    def _manifest(self, name: str, key: str) -> dict[str, Any] | None:
        """The manifest of entry `name` when it was written for `key` in this layout and is sealed as written."""
        manifest = json.loads(regular_file_bytes(self.folder / f"{name}.json").decode("utf-8"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("extra", {}), dict):
            return None  # JSON, but not a manifest: `[]`, `"x"`, `null`
        if manifest.get("key") != key or manifest.get("format") != FORMAT:
            return None
        seal = manifest.pop("seal", None)
        if not isinstance(seal, str) or not hmac.compare_digest(seal.encode(), manifest_seal(manifest).encode()):
            return None  # edited since it was written: its files, types or extra data are not ours
        return manifest

    def _intact(self, entry: Mapping[str, Any]) -> bytes | None:
        """The bytes of a file the manifest names, when their sha256 is the one it gives."""
        data = regular_file_bytes(self.folder / entry["file"])
        return data if hashlib.sha256(data).hexdigest() == entry["sha256"] else None

    # -- writing ------------------------------------------------------------------------------
    def write(self, name: str, key: str, tables: Mapping[str, pd.DataFrame], extra: Mapping[str, object]) -> bool:
        """Store entry `name` for `key` (each file atomically, the manifest last); False with a warning when the
        folder cannot be written. With `background`, True once handed over (`wait`): to a forked process where
        this process may fork (which converts the tables to Arrow too, a block of rows at a time), else to the
        writer thread (the tables are converted here; the Parquet encoding, hashing and files are done there)."""

        def store(arrow: Iterable[tuple[str, Iterable[pa.Table], list[list[str]]]]) -> dict[str, object]:
            entries: dict[str, dict[str, object]] = {}
            for table, blocks, columns in arrow:
                file, digest = self._staged(name, table, "parquet", partial(_parquet, blocks, columns))
                entries[table] = {"file": file, "sha256": digest, "columns": columns}
            return {"tables": entries}

        if self.forks():  # converted there a block of rows at a time: its memory is one block's
            blocks = ((t, _arrow_blocks(f, c, _BLOCK_ROWS), c) for t, f in tables.items() for c in [_columns(f)])
            return self._written(name, key, extra, lambda: store(blocks))
        try:
            arrow = [(table, *_to_arrow(frame)) for table, frame in tables.items()]
        except (ValueError, TypeError, pa.ArrowException) as error:
            return self._failed(_reason(error))
        return self._written(name, key, extra, lambda: store((t, [a], c) for t, a, c in arrow))

    def write_file(self, name: str, key: str, data: bytes | bytearray | Chunks, extra: Mapping[str, object]) -> bool:
        """Store `data` as file entry `name` for `key` (read back by `read_file`); False with a warning when the
        folder cannot be written. With `background`, written by a forked process or the writer thread (`data`
        must not change)."""

        def store() -> dict[str, object]:
            file, digest = self._staged(name, "data", "bin", partial(_write_file, data))
            return {"file": {"file": file, "sha256": digest}}

        return self._written(name, key, extra, store)

    def wait(self) -> bool:
        """Wait until every write handed over (to forked processes or the writer thread) is done; False when one
        failed (recorded in `failures`). An unexpected exception of a writer is raised here, once all have ended."""
        ok, unexpected = True, None
        try:
            while self._pending:
                try:
                    ok = self._pending.pop(0)() and ok  # each write's own answer, even one finished before the call
                except Exception as error:  # noqa: BLE001 - raised below, after the other writes ended
                    unexpected = unexpected or error
        finally:
            self._writers.clear()
            if self._writer:  # the thread ends with its writes: a long-lived process keeps no idle writer
                self._writer.pop().shutdown(cancel_futures=True)
        if unexpected is not None:
            raise unexpected
        return ok

    def stop(self) -> None:
        """End the writes handed over now, not waited for (the command was stopped): the forked writers are ended and
        the staging files they leave removed (no entry is half written: its manifest comes last); the writer thread's
        writes not begun are dropped (the one it writes ends as it would)."""
        for writer in self._writers:
            writer.stop()
        self._writers.clear()
        self._pending.clear()
        if self._writer:
            self._writer.pop().shutdown(wait=False, cancel_futures=True)
        with suppress(OSError):  # no folder made yet, or one that cannot be read: nothing of ours there
            for path in self.folder.iterdir():
                if _STAGING.fullmatch(path.name):
                    remove_abandoned(path)  # unless a writer of another command holds it locked

    def forks(self) -> bool:
        """Whether background writes go to forked processes now (no other thread runs here): each has its own
        memory, so `wait`ing for them does not lower this process's peak."""
        return self.background and forking.can_fork()

    def _written(self, name: str, key: str, extra: Mapping[str, object], store: Callable[[], dict[str, Any]]) -> bool:
        """Run `store` (which writes the entry's files), then the manifest: here, in a forked process or in the
        writer thread; a failure is recorded and warned (by a forked process's write: when waited for). Where no
        machine key is kept (`machine_key_problem`), nothing is written: an entry sealed under this process's own key
        is read by no other, and would replace the entry there. Nothing is written (nor deleted) in a folder that is
        not a cache (`_writable`)."""
        problem = machine_key_problem()
        if problem is not None:
            where = Path(os.fsdecode(problem.filename)) if problem.filename is not None else self.folder
            return self._failed(Ref("cache.key_not_kept", reason=os_reason(problem)), where)
        if not self._writable():
            return False
        if not self.background:
            return self._recorded(self._stored(name, key, extra, store))
        if self.forks():
            self._forked(name, key, extra, store)
            return True
        if not self._writer:
            self._writer.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="season-cache"))
        done = self._writer[0].submit(lambda: self._recorded(self._stored(name, key, extra, store)))
        self._pending.append(done.result)
        return True

    def _forked(self, name: str, key: str, extra: Mapping[str, object], store: Callable[[], dict[str, Any]]) -> None:
        """Start a forked process writing entry `name`; `wait` takes its answer. The memory this process holds free is
        given back first: a writer that waits long (BACKGROUND_NICENESS) would hold it too, while this one goes on."""
        release_freed_memory()
        job = forking.fork(partial(self._stored, name, key, extra, store), BACKGROUND_NICENESS)
        self._writers.append(job)

        def answer() -> bool:
            try:
                failure = job.result()
            except ChildProcessError as ended:  # killed before it answered: no entry (the manifest is written last)
                failure = (self.folder, _writer_ended(ended))
            return self._recorded(failure)

        self._pending.append(answer)

    def _writable(self) -> bool:
        """Whether the folder is a cache this object may write (`_made_a_cache`): found out by the first write, here,
        before any is handed over; a folder that is not is recorded (and unless `quiet` warned) once."""
        if not self._checked:
            failure = self._made_a_cache()
            self._checked.append(failure is None)
            self._recorded(failure)
        return self._checked[0]

    def _made_a_cache(self) -> tuple[Path, Ref | str] | None:
        """Make the folder a tagged cache: when it does not exist (made), holds no file (an empty folder) or only
        files named as a cache's (an earlier version's, untagged); one tagged already is left as it is. None when
        it is a cache now, else where and why nothing may be written there (nothing was)."""
        try:
            made = _made(self.folder)
            if not made and _tagged(self.folder):
                return None
            foreign = None if made else _foreign_name(self.folder)
            if foreign is not None:
                return self.folder, Ref("cache.not_a_cache", file=self.folder / foreign)
            write_atomic(
                self.folder / CACHEDIR_TAG, cache_tag("its season cache"), durable=False
            )  # one lost is written again
        except OSError as error:
            return self._in_the_way(error), _reason(error)
        return None

    def _recorded(self, failure: tuple[Path, Ref | str] | None) -> bool:
        """True for a write done (no failure), else False with the failure (where, why) recorded (and unless `quiet`
        warned)."""
        return True if failure is None else self._failed(failure[1], failure[0])

    def _stored(
        self, name: str, key: str, extra: Mapping[str, object], store: Callable[[], dict[str, Any]]
    ) -> tuple[Path, Ref | str] | None:
        """Write entry `name`: its files (`store`), the manifest, then forget the files of earlier entries; None when
        done, else where (`_in_the_way`) and why it could not be written. The folder is a cache (`_writable`)."""
        try:
            parts = store()
            manifest = {"format": FORMAT, "key": key, **parts, "extra": extra}
            sealed = {**manifest, "seal": manifest_seal(manifest)}
            write_atomic(self.folder / f"{name}.json", json.dumps(sealed, sort_keys=True))
            self._forget_others(name, _files_named(parts))
        except (OSError, ValueError, TypeError, pa.ArrowException) as error:
            self._forget_unnamed(name)
            return self._in_the_way(error), _reason(error)
        return None

    def _in_the_way(self, error: Exception) -> Path:
        """Where a write failed, for its warning: the cache file of that name when something else is there (a folder,
        a device: it stays, and every write fails on it), else the cache folder."""
        if isinstance(error, OSError) and error.errno in (errno.EISDIR, errno.EEXIST):
            for name in (error.filename2, error.filename):  # a rename's target, else the file named
                path = None if name is None else Path(os.fsdecode(name))
                if path is not None and path.parent == self.folder and not path.name.startswith("."):
                    return path  # (a name starting with a dot: a file being written, not in the way)
        return self.folder

    def _forget_unnamed(self, name: str) -> None:
        """After a write of entry `name` failed: delete the files it put in place, which its manifest (the one
        there, if any) does not name: a full disk gets back their space, and an entry written before is kept."""
        try:
            kept = _files_named(json.loads(regular_file_bytes(self.folder / f"{name}.json").decode("utf-8")))
        except DAMAGED:  # none, or not one of ours: no entry to keep
            kept = set()
        with suppress(OSError):
            self._forget_others(name, kept)

    def _failed(self, reason: Ref | str, where: Path | None = None) -> bool:
        """Record (and unless `quiet` warn, in English) that a write failed, in the folder or at `where`: False."""
        where = self.folder if where is None else where
        self.failures.append((where, reason))
        if not self.quiet:
            shown = t(reason.key, "en", **dict(reason.fields)) if isinstance(reason, Ref) else reason
            warnings.warn(CacheWriteWarning(f"{where}: {shown}"), stacklevel=4)
        return False

    def _staged(self, name: str, part: str, suffix: str, write: Callable[[Path], Any]) -> tuple[str, str]:
        """Write one file of an entry under a temporary name (`write` writes it), locked while it is written (a
        writer killed meanwhile leaves it unlocked: `_forget_others`), then rename it to
        `<name>-<part>-<sha256>.<suffix>`: (its name, its sha256)."""
        handle, staged = locked_temporary(self.folder / f"{name}-{part}")
        try:
            write(staged)
            digest = file_sha256(staged)
            file = f"{name}-{part}-{digest[:16]}.{suffix}"
            staged.replace(self.folder / file)
        finally:
            staged.unlink(missing_ok=True)
            os.close(handle)
        return file, digest

    def _forget_others(self, name: str, kept: set[str]) -> None:
        """Delete the files of earlier entries of `name`, and the staging files of its writers that were killed: no
        process holds one locked (a writer at work does), or (where files cannot be locked, or one an earlier
        version of the workbook left) untouched for `STALE_STAGING_SECONDS`; only files named as `_staged` names
        them: the folder, a cache (`_writable`), may hold others (a `.cache` that is a link to a folder of the user's
        tagged as a cache)."""
        entry = re.compile(rf"{re.escape(name)}-[a-z_]+-[0-9a-f]{{16}}\.(?:parquet|bin)")
        locked = rf"[a-z0-9_]{{8}}{re.escape(TEMPORARY_SUFFIX)}"
        staging = re.compile(rf"\.{re.escape(name)}-[a-z_]+\.(?:{locked}|[0-9a-f]+\.tmp)")
        now = time.time()
        for path in self.folder.iterdir():
            if entry.fullmatch(path.name) and path.name not in kept:
                path.unlink(missing_ok=True)
            elif staging.fullmatch(path.name):
                with suppress(OSError):  # renamed or deleted meanwhile by its own writer
                    if now - path.stat().st_mtime > STALE_STAGING_SECONDS:
                        path.unlink()
                    elif path.name.endswith(TEMPORARY_SUFFIX):
                        remove_abandoned(path)


def _made(folder: Path) -> bool:
    """Make `folder` (and the folders above it): True when it did not exist, False when something has its name."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        return False
    return True


def _tagged(folder: Path) -> bool:
    """Whether `folder` holds a cache directory tag: a regular file CACHEDIR.TAG that starts with its signature."""
    try:
        handle = os.open(folder / CACHEDIR_TAG, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    with os.fdopen(handle, "rb") as tag:
        return stat.S_ISREG(os.fstat(handle).st_mode) and tag.read(len(TAG_SIGNATURE)) == TAG_SIGNATURE


def _foreign_name(folder: Path) -> str | None:
    """The first name in `folder` that is not a cache file's (`_CACHE_FILE`); None when there is none."""
    with os.scandir(folder) as entries:
        return next((entry.name for entry in entries if not _CACHE_FILE.fullmatch(entry.name)), None)


def _write_file(data: bytes | bytearray | Chunks, path: Path) -> None:
    """Write a file entry's bytes (or their chunks, in turn) to `path`."""
    with path.open("wb") as out:
        write_chunks(out, data)


def _files_named(manifest: Mapping[str, Any]) -> set[str]:
    """The files of an entry its manifest (or the parts `_stored` writes into one) names: each table's, or its one."""
    files = manifest["tables"].values() if "tables" in manifest else [manifest["file"]]
    return {str(entry["file"]) for entry in files}


def _writer_ended(ended: ChildProcessError) -> Ref:
    """Why a forked writer gave no answer, in the reader's language: the signal that ended it (the system short of
    memory kills with SIGKILL), or its exit code."""
    code = ended.args[1] if len(ended.args) > 1 and isinstance(ended.args[1], int) else None
    if code is not None and code < 0:
        with suppress(ValueError):
            return Ref("cache.writer_killed", signal=signal.Signals(-code).name)
    return Ref("cache.writer_ended", code="?" if code is None else str(code))


def _reason(error: Exception) -> Ref | str:
    """Why a write failed: the usual file system errors as catalogue entries (said in the reader's language), others
    in the words of the error."""
    if isinstance(error, OSError) and error.errno in OS_REASONS:
        return os_reason(error)
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)


def _parquet(blocks: Iterable[pa.Table], columns: list[list[str]], path: Path) -> None:
    """Write the Arrow `blocks` of a table (`_arrow_blocks`: one schema) to `path` as Parquet, a row group each."""
    text = [name for name, dtype, _ in columns[1:] if dtype in _TEXT_DTYPES]
    writer = None
    try:
        for block in blocks:
            if writer is None:  # text dictionary-encoded (each distinct text once), numbers as they are: fast both ways
                writer = pq.ParquetWriter(
                    path, block.schema, compression="lz4", write_statistics=False, use_dictionary=text
                )
            writer.write_table(block)
    finally:
        if writer is not None:
            writer.close()


# --------------------------------------------------------------------------------------
# Tables: Parquet keeps values; the manifest keeps what pandas needs to give back the same frame
# --------------------------------------------------------------------------------------


def _to_arrow(frame: pd.DataFrame) -> tuple[pa.Table, list[list[str]]]:
    """The frame (index included) as one Arrow table (`_arrow_blocks`), and its columns (`_columns`)."""
    columns = _columns(frame)
    return next(_arrow_blocks(frame, columns, max(len(frame), 1))), columns


def _columns(frame: pd.DataFrame) -> list[list[str]]:
    """The index, then per column: (name, dtype, how missing text is written: "nan", "none" or "")."""
    columns = []
    for name in frame.columns:
        series = frame[name]
        missing = ""
        if series.dtype == object:
            gaps = series[series.isna()]
            missing = "nan" if len(gaps) and isinstance(gaps.iloc[0], float) else "none"
        columns.append([str(name), str(series.dtype), missing])
    index = "" if frame.index.name is None else str(frame.index.name)
    return [[index, str(frame.index.dtype), ""], *columns]


def _arrow_blocks(frame: pd.DataFrame, columns: list[list[str]], rows: int) -> Iterator[pa.Table]:
    """The frame (index included) as Arrow tables of `rows` rows each (at least one), all of one schema: text
    columns as Arrow strings (missing: null, `_text_array`; dictionary-encoded or not as in the first block), the
    other columns converted as pandas gives them, the whole frame's pandas metadata (a RangeIndex kept as metadata
    only)."""
    text = [name for name, dtype, _ in columns[1:] if dtype in _TEXT_DTYPES]
    rest = frame.drop(columns=text)
    metadata = pa.Schema.from_pandas(rest, preserve_index=None).metadata
    kinds: dict[str, pa.DataType] = {}
    for start in range(0, max(len(frame), 1), rows):
        block = pa.Table.from_pandas(rest.iloc[start : start + rows], preserve_index=None)
        for name in text:
            array = _text_array(frame[name].iloc[start : start + rows].to_numpy(dtype=object))
            kind = kinds.setdefault(name, array.type)
            if array.type != kind:
                array = pc.dictionary_encode(array) if pa.types.is_dictionary(kind) else array.dictionary_decode()
            block = block.append_column(name, array)
        yield block.replace_schema_metadata(metadata)


_BLOCK_ROWS = 1 << 16
"""Rows converted and written at a time by a forked writer (`_arrow_blocks`): its memory is one block's. With
1 << 18, `paritrana score`'s cold national peak (the writer beside the CSV being made) went over 1 GB in 2 of 9
runs (876-1,030 MB); with 1 << 16, 859-933 MB in 11 runs, the cache read as fast."""


def _text_array(values: np.ndarray) -> pa.Array:
    """Texts (missing: None or NaN) as Arrow strings: dictionary-encoded when they repeat (each distinct object
    converted once, found by its address: `outputs.factorize_objects`), else plain (names, ids)."""
    if mostly_distinct(values):  # names, ids: as they are
        return pa.array(values, type=pa.string(), from_pandas=True)
    codes, uniques = factorize_objects(values)
    missing = pd.isna(uniques)
    indices = pa.array(codes, type=pa.int32(), mask=missing[codes]) if missing.any() else pa.array(codes, pa.int32())
    uniques[missing] = ""  # the missing cells' index is null: their entry is never read
    return pa.DictionaryArray.from_arrays(indices, pa.array(uniques, type=pa.string()))


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
            values = python_texts(table.column(name))
            if dtype == "object" and missing == "nan":
                values[pd.isna(values)] = float("nan")
            frame[name] = pd.Series(values, index=frame.index, dtype=dtype)
        elif str(frame[name].dtype) != dtype:
            frame[name] = frame[name].astype(dtype)
    return frame[[name for name, _, _ in rest]]


def python_texts(column: pa.ChunkedArray) -> np.ndarray:
    """A text column as an object array of Python strings (None when missing), one object per distinct text of
    each dictionary (a file written a block of rows at a time has one per block: decoded each, not unified)."""
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    parts, dictionary, words = [], None, np.empty(0, dtype=object)
    for chunk in column.chunks:
        if dictionary is None or not chunk.dictionary.equals(dictionary):  # the chunks of a row group share one
            dictionary = chunk.dictionary
            words = np.array([*dictionary.to_pylist(), None], dtype=object)
        parts.append(words[chunk.indices.fill_null(len(words) - 1).to_numpy(zero_copy_only=False)])
    return np.concatenate(parts) if parts else np.empty(0, dtype=object)


# --------------------------------------------------------------------------------------
# Validation problems as JSON (no pickle: a cache folder may come from elsewhere)
# --------------------------------------------------------------------------------------


def _field(value: object) -> object:
    if isinstance(value, Ref):
        return {"ref": value.key, "fields": [[k, _field(v)] for k, v in value.fields]}
    if isinstance(value, Num):
        return {"num": float(value.value), "decimals": value.decimals, "signed": value.signed}
    if isinstance(value, CellNumber):
        return {"cell_number": value.text}
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
        if "cell_number" in value:
            return CellNumber(value["cell_number"])
        return value.get("int", value.get("float"))
    return value


def report_to_json(report: ValidationReport) -> dict[str, object]:
    """Every problem kept and every count, as JSON-ready data."""
    return {
        "musim": report.musim,
        "problems": [
            [
                p.severity,
                p.code,
                p.file,
                p.row,
                p.column,
                _field(p.value),
                [[k, _field(v)] for k, v in p.fields],
                p.sheet,
                p.line,
                p.col,
            ]
            for p in report.problems
        ],
        "kept": [[*kind, n] for kind, n in report.kept.items()],
        "omitted": [[*kind, n] for kind, n in report.omitted.items()],
    }


def _problem_from_json(entry: list[Any]) -> Problem:
    """One problem `report_to_json` stored."""
    severity, code, file, row, column, value, fields, sheet, line, col = entry
    unfielded = tuple((k, _unfield(v)) for k, v in fields)
    return Problem(severity, code, file, row, column, _unfield(value), unfielded, sheet, line, col)  # type: ignore[arg-type]  # JSON we wrote: text or a CellNumber


def report_from_json(data: Mapping[str, object]) -> ValidationReport:
    """The report `report_to_json` stored."""
    problems = [_problem_from_json(entry) for entry in data["problems"]]  # type: ignore[attr-defined]  # JSON we wrote
    kept: Counter[tuple[str, str, str]] = Counter({(f, s, c): n for f, s, c, n in data["kept"]})  # type: ignore[attr-defined]  # JSON we wrote
    omitted: Counter[tuple[str, str, str]] = Counter({(f, s, c): n for f, s, c, n in data["omitted"]})  # type: ignore[attr-defined]  # JSON we wrote
    return ValidationReport(int(data["musim"]), problems, kept, omitted)  # type: ignore[call-overload]  # JSON we wrote
