"""Result files: a table as plain, deterministic CSV text, and atomic writes that never leave half a file.

A failed run never destroys a previous good file: everything is written to a temporary file beside
its target, flushed to disk (fsync) and renamed over it, then its folder is flushed (POSIX); files that belong
together (a season's tables) are written as one set (`FileSet`), all or none, even when the process is killed.
Text that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

try:
    import fcntl

    _LOCKS = True
except ImportError:  # not POSIX: the temporary file of a killed write is left where it is
    _LOCKS = False

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_FOLDER_SYNC = os.name == "posix"
"""Whether a folder can be opened and fsynced to flush its names (not on Windows)."""
_UMASK = os.umask(0)
os.umask(_UMASK)

TEMPORARY_SUFFIX = ".paritrana.tmp"
"""How the temporary file of an atomic write ends: `.<name>.<8 random characters>.paritrana.tmp`, beside `<name>`."""
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX) + r"\Z", re.DOTALL)
_SWEPT: set[str] = set()
"""The folders this process has swept of abandoned temporary files (`_sweep`): each once."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, CSV injection)."""
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet opening `text` as a CSV cell would run it as a formula (a plain number is not)."""
    return text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def csv_safe(value: object) -> object:
    """`value` for a CSV cell: text that would run as a formula gets a leading `'` (shown as text, not run), and so
    does text of apostrophes before such a formula (`'=1`: written `''=1`), so that `csv_unsafe` reads every text
    back exactly; any other text (`'s`, `'+1`) is written as it is."""
    return "'" + value if isinstance(value, str) and starts_like_formula(value.lstrip("'")) else value


def csv_unsafe(text: str) -> str:
    """The text `csv_safe` was given, read back: its leading `'` taken off where it had put one (a `'` before
    apostrophes and a formula: `''=1` is `'=1`)."""
    return text[1:] if text.startswith("'") and starts_like_formula(text.lstrip("'")) else text


PREFIXED_RE2 = r"^'+[=+\-@\t\r]"
"""A cell that may be `csv_safe`'s, as a pattern for pyarrow (RE2): a `'` (and any more) before what FORMULA_START
holds."""


def within(path: Path, place: Path) -> bool:
    """True when `path` is the file or folder `place` or lies under it, once `..` and symlinks are resolved
    (and compared as file system objects where both exist: another spelling on a case-insensitive disk counts)."""
    try:
        target, place = Path(path).resolve(), Path(place).resolve()
    except (OSError, RuntimeError):  # a link loop, a name too long: never inside anything (its use then fails)
        return False
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


Chunks = tuple[bytes | bytearray | memoryview, ...]
"""A file's bytes in parts, written one after the other (no copy of them all is made to join them)."""


def write_atomic(path: Path, data: str | bytes | bytearray | Chunks, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path` and flush the folder's
    names (POSIX), so that after a power cut `path` is the old file or the new one, whole (text as UTF-8, line ends
    kept). `durable` False leaves both flushes to the system (a reader still never sees part of a file, but a power
    cut may leave `path` empty): for the bulk of files a rerun writes again (the participant cards), where they
    would cost milliseconds a file. An OSError names `path`, not the temporary file; a device, pipe or socket at
    `path` is never replaced. `Chunks` are written in turn."""
    _write(path, data, replace=True, durable=durable)


def write_new(path: Path, data: str | bytes | bytearray) -> None:
    """As `write_atomic`, but only where nothing has the name `path` yet: FileExistsError (naming `path`) when
    something has, even when it appears between any check of the caller's and the write (the temporary file is
    linked to `path`, which fails on a name taken, instead of renamed over it). On a file system without hard
    links the name is checked, then the temporary file renamed to it."""
    _write(path, data, replace=False, durable=True)


def append_file(path: Path, text: str) -> None:
    """Add `text` (UTF-8) at the end of the file `path`, created when missing, and flush it to disk: a log, whose
    earlier entries are kept. A symbolic link, a device or a pipe at `path` is never written through; an OSError
    names `path`."""
    if (path.exists() or path.is_symlink()) and not path.is_file() and not path.is_dir():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o666)
        with os.fdopen(handle, "ab") as out:
            out.write(text.encode("utf-8"))
            _flushed(out)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None


_NO_LINKS = frozenset(
    code for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK") if (code := getattr(errno, name, None))
)
"""What `os.link` fails with where the file system has no hard links (FAT, some network shares)."""


def _write(path: Path, data: str | bytes | bytearray | Chunks, replace: bool, durable: bool) -> None:
    if path.exists() and not path.is_file() and not path.is_dir():  # /dev/null: a rename would replace the device
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    made: list[Path] = []
    try:
        made = make_folders(path.parent)
        _sweep(path.parent)
        handle, tmp = _temporary(path)
    except OSError as error:
        remove_made(made)
        raise OSError(error.errno, error.strerror, str(path)) from None
    held = os.dup(handle)  # the lock stays until the file has its name (closing `handle` would release it)
    try:
        if not isinstance(data, str):
            with os.fdopen(handle, "wb") as out:
                write_chunks(out, data)
                if durable:
                    _flushed(out)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(data)
                if durable:
                    _flushed(out)
        Path(tmp).chmod(0o666 & ~_UMASK)  # results are shared: the usual permissions, not mkstemp's 0600
        if replace:
            Path(tmp).replace(path)
        else:
            _link_new(Path(tmp), path)
        if durable:
            _sync_folder(path.parent)  # the new name on disk, after its data
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        remove_made(made)
        raise OSError(error.errno, error.strerror, str(path)) from None  # `path` is in the way, not the temporary
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        remove_made(made)
        raise
    finally:
        os.close(held)


def make_folders(folder: Path) -> list[Path]:
    """Create `folder` and those of its parents that are missing; the folders this call made, outermost first (one
    another process makes meanwhile is not among them). Raises OSError as `Path.mkdir` does."""
    missing = []
    for place in (Path(folder), *Path(folder).parents):
        if os.path.lexists(place):
            break
        missing.append(place)
    made: list[Path] = []
    try:
        for place in reversed(missing):
            try:
                place.mkdir()
            except FileExistsError:
                if not place.is_dir():
                    raise
                continue
            made.append(place)
    except OSError:
        remove_made(made)
        raise
    return made


def remove_made(made: list[Path]) -> None:
    """Remove the folders `make_folders` made (`made`, outermost first) that are still empty, innermost first: a
    write that failed leaves no new empty folder behind. A folder that holds anything, or cannot be removed, stays."""
    for place in reversed(made):
        with suppress(OSError):
            place.rmdir()


def write_chunks(out: IO[bytes], data: bytes | bytearray | Chunks) -> None:
    """Write `data` (its chunks in turn) to the open binary file `out`."""
    for chunk in data if isinstance(data, tuple) else (data,):
        out.write(chunk)


def _link_new(tmp: Path, path: Path) -> None:
    """Give the written temporary file `tmp` the name `path`, which must be free (FileExistsError otherwise), and
    take its temporary name off."""
    try:
        os.link(tmp, path)
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        tmp.replace(path)
        return
    tmp.unlink()


def _flushed(out: IO[Any]) -> None:
    """Flush the open file `out` to disk: its data before its new name, which a rename alone may put on disk first,
    leaving the name on an empty file after a power cut."""
    out.flush()
    os.fsync(out.fileno())


def _sync_folder(folder: Path) -> None:
    """Flush the names in `folder` to disk where the platform can (POSIX); a folder that cannot be opened (Windows,
    a folder without read permission) or synced is left as it is: the file is written, only less durably."""
    if not _FOLDER_SYNC:
        return
    try:
        handle = os.open(folder, os.O_RDONLY | _DIRECTORY)
    except OSError:
        return
    try:
        _sync(handle)
    finally:
        os.close(handle)


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path` (its descriptor and name), locked while this process writes it: a
    writer killed meanwhile (SIGKILL, a power cut) cannot remove it, and the lock ends with the process, so a
    later `_sweep` tells it from one being written now."""
    while True:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
        if not _LOCKS:
            return handle, tmp
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: never swept (`_abandoned` cannot lock it either)
            return handle, tmp
        if os.fstat(handle).st_nlink:
            return handle, tmp
        os.close(handle)  # swept away between its creation and the lock: take another name


def locked_temporary(path: Path) -> tuple[int, Path]:
    """A new temporary file beside `path` (`.<name>.<8 characters>.paritrana.tmp`), with the usual permissions, for
    a writer that names it itself: its descriptor, to keep open while it writes (the lock), and its path. A writer
    killed meanwhile leaves it unlocked: `remove_abandoned` (and `_sweep`) then delete it."""
    handle, tmp = _temporary(path)
    try:
        Path(tmp).chmod(0o666 & ~_UMASK)
    except OSError:
        os.close(handle)
        Path(tmp).unlink(missing_ok=True)
        raise
    return handle, Path(tmp)


def remove_abandoned(path: Path) -> None:
    """Delete the temporary file `path` (`locked_temporary`) when its writer was killed: no process holds it locked.
    One being written is kept, and so is every one where files cannot be locked."""
    if _LOCKS:
        _remove_abandoned(str(path))


def _sweep(folder: Path) -> None:
    """Delete the temporary files of atomic writes that were killed (no process holds them locked) in `folder`,
    once per folder and process; what cannot be read or deleted is left."""
    if not _LOCKS or str(folder) in _SWEPT:
        return
    _SWEPT.add(str(folder))
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if _TEMPORARY.match(entry.name) and entry.is_file(follow_symlinks=False):
                _remove_abandoned(entry.path)


def _remove_abandoned(path: str) -> None:
    """Delete the temporary file `path` unless a writer holds it locked (it is being written now)."""
    with suppress(OSError):  # locked by its writer, renamed or deleted meanwhile
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            Path(path).unlink()
        finally:
            os.close(handle)


STAGED_SUFFIX = ".paritrana-staged"
"""How a file of a set being written (`FileSet`) is named until the set is committed: `.<name>.paritrana-staged`,
beside `<name>`; no reader takes it for `<name>`."""
_STAGED = re.compile(r"\.(.+)" + re.escape(STAGED_SUFFIX) + r"\Z", re.DOTALL)
COMMIT_MARKER = ".paritrana-commit"
"""The empty file a `FileSet` keeps in its folder while it renames its staged files into place: where it is found,
the set was whole on disk and `finish_commit` renames the rest before the folder is read."""


_LOCK_TRIES = 3
"""How many times a FileSet makes and locks its folder when the folder it locked was removed meanwhile."""


class FileSet:
    """Files written into one folder as one set (a season's tables): either all of them replace what is there, or
    none does, even when the process is killed (SIGKILL, a power cut) at any point.

    `add` writes each file under its staged name and flushes it to disk; leaving the with-block without an
    exception creates COMMIT_MARKER, renames every staged file into place, then deletes the marker. Killed before
    the marker, the folder keeps its previous files (the staged ones are never read, and the next FileSet there
    deletes them); killed after it, the next `finish_commit` (every command reading the folder calls it) renames
    the rest. An exception in the block deletes the staged files and keeps the previous files. FileSets and
    `finish_commit` on one folder take turns (a lock on the folder). An OSError names the file it was about.

    A set may span subfolders (`subfolder`: the participant cards, a folder per ranking group and category), whose
    files other processes write staged (`stage_file`); the marker names those subfolders, and the commit renames
    their staged files too."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._folders: dict[str, Path] = {}
        self._places = {self.folder}  # the set's folder and its subfolders
        self._handle: int | None = None
        self._made: list[Path] = []
        """The folders the set made (its folder, its subfolders, the parents they lacked), outermost first: removed
        when the set is not committed and they are still empty."""

    def __enter__(self) -> FileSet:
        try:
            self._lock()
            _finish(self.folder, self._handle)  # an earlier set's commit, killed: its files are the folder's
            _unstage(self.folder)  # an earlier set killed before its commit: never to be used
            _writable(self.folder)  # before the set's work: a read-only folder was found at its first file
        except OSError as error:
            remove_made(self._made)
            self._release()
            raise OSError(error.errno, error.strerror, error.filename or str(self.folder)) from None
        return self

    def _lock(self) -> None:
        """Make the set's folder where it is missing and lock it; again where, while this one waited for the lock,
        a set that had made the folder failed and removed it (`remove_made`)."""
        for attempt in range(_LOCK_TRIES):
            self._made += make_folders(self.folder)
            self._handle = _locked_folder(self.folder)
            if self._handle is None or attempt == _LOCK_TRIES - 1 or _same_folder(self._handle, self.folder):
                return
            self._release()

    def add(self, name: str, data: str | bytes | bytearray) -> None:
        """Write `data` as the set's file `name` (staged until the set is committed), flushed to disk (text as
        UTF-8, line ends kept)."""
        stage_file(self.folder / name, data)

    def subfolder(self, relative: str) -> Path:
        """The folder `relative` (`a/b`) inside the set's folder, made part of the set: created, cleared of the files
        an earlier set staged there and never committed, and its files staged by `stage_file` (in any process)
        renamed into place with the set's own. Raises OSError, naming the folder, when it cannot be made."""
        path = self.folder.joinpath(*PurePosixPath(relative).parts)
        if relative not in self._folders:
            try:
                self._made += make_folders(path)
                _unstage(path)
            except OSError as error:
                raise OSError(error.errno, error.strerror, error.filename or str(path)) from None
            self._folders[relative] = path
            self._places.add(path)
        return path

    def holds(self, path: Path) -> bool:
        """Whether the file `path` is there once the set is committed: it is there now, or it is staged in the set's
        folder or one of its subfolders."""
        return path.is_file() or (path.parent in self._places and staged_path(path).is_file())

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        try:
            if kind is None:
                self._commit()
            else:
                self._discard()
        finally:
            self._release()

    def _commit(self) -> None:
        marker = self.folder / COMMIT_MARKER
        with _stops_held():  # begun, the set is renamed into place whole, not left for the next command to finish
            self._renamed(marker)

    def _renamed(self, marker: Path) -> None:
        try:
            _sync(self._handle)  # the staged files' names on disk before the marker's
            handle = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o666)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write("".join(f"{relative}\n" for relative in self._folders))
                if self._folders:
                    _flushed(out)  # the subfolders named on disk before the first rename
        except OSError as error:
            self._discard()
            raise OSError(error.errno, error.strerror, str(marker)) from None
        try:
            _finish(self.folder, self._handle)  # from here on, the new set is the folder's
        except OSError as error:
            raise OSError(error.errno, error.strerror, error.filename or str(marker)) from None

    def _discard(self) -> None:
        """Delete every file staged in the set's folders: the set's own (any other set there waits for the lock, and
        the files earlier sets left were deleted when this one began); then the folders the set made, where they are
        empty (a set that failed at its first file, on a full disk, leaves no new empty folder)."""
        for path in [self.folder, *self._folders.values()]:
            with suppress(OSError):
                _unstage(path)
        remove_made(self._made)

    def _release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # the lock ends with it
            self._handle = None


def stage_file(path: Path, data: str | bytes | bytearray, durable: bool = True) -> None:
    """Write `data` as the staged file of `path`, in a `FileSet`'s folder or one of its `subfolder`s: it takes the
    name `path` when the set is committed, and is deleted when the set is not. `durable`, as `write_atomic`'s: it
    is flushed to disk. A folder at `path`, or a device or pipe, is never replaced. An OSError names `path`."""
    if path.is_dir():  # never replaced; said as a folder, not as 'something' in the way
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if (path.exists() or path.is_symlink()) and not path.is_file():  # a device, a pipe: never replaced
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    try:
        handle = os.open(staged_path(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o666)
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                _flushed(out)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None


@contextmanager
def _stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back while the block runs, then handed to the handlers they had (a command's: it
    stops, as it would have). Only in the main thread (where Python handles signals), for the signals a handler of
    Python's takes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    kept = {signum: handler for signum, handler in handlers.items() if handler is not None}  # None: not Python's
    for signum in kept:
        signal.signal(signum, lambda number, _frame: held.append(number))
    try:
        yield
    finally:
        for signum, handler in kept.items():
            signal.signal(signum, handler)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)


def staged_path(path: Path) -> Path:
    """Where the staged file of `path` is written until its set is committed (`.<name>.paritrana-staged`)."""
    return path.parent / _staged_name(path.name)


def _unstage(folder: Path) -> None:
    """Delete the staged files in `folder`."""
    for name in _staged_names(folder):
        (folder / _staged_name(name)).unlink(missing_ok=True)


def finish_commit(folder: Path) -> None:
    """Finish the commit of a `FileSet` killed while it renamed its files into `folder`, if it was (a stat when
    not): its remaining staged files are renamed into place. Raises OSError, naming the file, when it cannot."""
    if not os.path.lexists(Path(folder) / COMMIT_MARKER):
        return
    handle = _locked_folder(Path(folder))
    try:
        with _stops_held():
            _finish(Path(folder), handle)
    finally:
        if handle is not None:
            os.close(handle)


def _finish(folder: Path, handle: int | None) -> None:
    """Rename every staged file of `folder`, and of the subfolders COMMIT_MARKER names (`FileSet.subfolder`), into
    place and delete the marker, when the marker is there."""
    marker = folder / COMMIT_MARKER
    if not os.path.lexists(marker):  # none, or finished by another process while this one waited for the lock
        return
    _sync(handle)  # the marker on disk before the first rename
    for place in [*_marked_folders(marker), folder]:
        for name in _staged_names(place):
            (place / _staged_name(name)).replace(place / name)
    _sync(handle)
    marker.unlink()
    _sync(handle)


def _marked_folders(marker: Path) -> list[Path]:
    """The subfolders a commit marker names, one relative path a line; a line naming anything but a folder under the
    marker's own (`..`, an absolute path, a file) is passed over. A subfolder that is a link is followed, as the set
    that staged its files through it did (a province's cards kept on another disk)."""
    folder = marker.parent
    found = []
    for line in marker.read_text(encoding="utf-8", errors="replace").splitlines():
        relative = PurePosixPath(line)
        if not line or relative.is_absolute() or ".." in relative.parts:
            continue
        place = folder.joinpath(*relative.parts)
        if place.is_dir():
            found.append(place)
    return found


def _staged_name(name: str) -> str:
    return f".{name}{STAGED_SUFFIX}"


def _staged_names(folder: Path) -> list[str]:
    """The names of the files staged in `folder`, sorted."""
    with os.scandir(folder) as entries:
        return sorted(
            found.group(1)
            for entry in entries
            if (found := _STAGED.match(entry.name)) and entry.is_file(follow_symlinks=False)
        )


_BUSY: list[Callable[[Path], object]] = []
"""What is told when a FileSet waits for another's folder (`on_busy_folder`)."""


def on_busy_folder(notice: Callable[[Path], object]) -> None:
    """Have `notice(folder)` called whenever a FileSet (or `finish_commit`) must wait for another process's set on
    `folder` to end (a `paritrana run` writing its reports there for minutes): the command line says so, instead of
    seeming to hang."""
    _BUSY[:] = [notice]


def _writable(folder: Path) -> None:
    """Raise, naming `folder`, the OSError a file written there would meet (a read-only file system, no permission):
    a file made there and deleted, nameless where the system can (O_TMPFILE), so that a process killed meanwhile
    leaves nothing behind."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(folder)) from None


def _locked_folder(folder: Path) -> int | None:
    """A descriptor of `folder`, locked against other FileSets and `finish_commit` until it is closed (None where
    a folder cannot be opened: not POSIX); when another process holds the lock, `on_busy_folder`'s notice is told,
    then this one waits for it."""
    if not _LOCKS:
        return None
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        for notice in _BUSY:
            notice(folder)
        with suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_EX)
    except OSError:  # a file system without locks: FileSets there must not overlap
        pass
    return handle


def _same_folder(handle: int, folder: Path) -> bool:
    """Whether the open folder `handle` is the folder at `folder` now (not one removed meanwhile)."""
    try:
        return os.path.samestat(os.fstat(handle), Path(folder).stat())
    except OSError:
        return False


def _sync(handle: int | None) -> None:
    """Flush the names in the folder of `handle` to disk (where the file system can)."""
    if handle is not None:
        with suppress(OSError):
            os.fsync(handle)


def table_csv_text(table: pd.DataFrame, boolean_columns: Collection[str] = ()) -> str:
    """`table` as plain CSV, the one number policy of every CSV the workbook writes.

    A column's type decides how its numbers are written, never the value: integer columns as integers
    (`30`), float columns as the shortest text that reads back to the same float, with a dot and `.0` on
    whole values (`30.0`, `68.02`, `1e-07`); `boolean_columns` as `true`/`false`; missing values as empty
    cells. Text that would run as a formula is prefixed with `'`; minimal quoting, Unix line ends.
    """
    return table_csv_bytes(table, boolean_columns).decode("utf-8")


def table_csv_bytes(table: pd.DataFrame, boolean_columns: Collection[str] = ()) -> bytes:
    """`table_csv_text` as UTF-8 bytes, built column by column (`column_cells`) and joined by `csv_rows`."""
    single = len(table.columns) == 1  # csv.writer writes a row of one empty cell as ""
    cells = [column_cells(table.iloc[:, i], table.columns[i] in boolean_columns, single) for i in range(table.shape[1])]
    return bytes(csv_rows(cells, csv_header(table.columns)))


def csv_header(names: Collection[object]) -> bytes:
    """The header line of a CSV with columns `names`, as csv.writer writes it; a name that would run as a formula
    (an extra column a submitter added) gets the leading `'` a cell would (`csv_safe`; read back without it)."""
    fields = [csv_field(csv_safe(name)) for name in names]
    if fields == [""]:
        fields = ['""']  # one empty name: a line of its own, not an empty line (as csv.writer writes it)
    return (",".join(fields) + "\n").encode("utf-8")


def csv_rows(cells: list[pa.Array], head: bytes = b"") -> bytearray:
    """`head` followed by the CSV lines of a table given as its columns' cells (`column_cells`: large_string, no
    missing), each line ending in a line end; joined by pyarrow a block of rows at a time into one buffer."""
    rows = len(cells[0]) if cells else 0
    return csv_blocks(rows, lambda start, stop: [column.slice(start, stop - start) for column in cells], head)


def csv_blocks(
    rows: int,
    cells_of: Callable[[int, int], list[pa.Array]],
    head: bytes = b"",
    threads: int | None = None,
    sink: Callable[[memoryview], None] | None = None,
) -> bytearray:
    """`head` followed by the CSV lines of a table of `rows` rows whose cells `cells_of(start, stop)` gives a block
    of rows at a time (one large_string array per column, no missing). With more than one block and more than one
    core, blocks are made on `threads` threads (default `_THREADS`; pyarrow and numpy do most of the work without
    the GIL), at most one more than the threads ahead of the block being appended: only a few blocks' cells are in
    memory. With `sink`, each block's lines are handed to it in turn instead (the result holds `head` alone)."""
    text = pa.large_string()

    starts = range(0, rows, _BLOCK)
    workers = min(_THREADS if threads is None else threads, os.cpu_count() or 1, len(starts))
    size = _BLOCK if workers > 1 else _BLOCK_ALONE
    starts = range(0, rows, size)

    def lines_of(start: int) -> pa.Array:
        block = cells_of(start, min(start + size, rows))
        block[-1] = pc.binary_join_element_wise(block[-1], pa.scalar("\n", text), pa.scalar("", text))
        return pc.binary_join_element_wise(*block, pa.scalar(",", text)) if len(block) > 1 else block[-1]

    def append(lines: pa.Array) -> None:
        (sink or out.extend)(memoryview(lines.buffers()[2])[_text_range(lines)])

    out = bytearray(head)
    if workers < 2:
        for start in starts:
            append(lines_of(start))
        return out
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="csv-blocks") as pool:
        pending: deque[Future[pa.Array]] = deque()
        for start in [*starts, None]:  # None: no more blocks, append what is left
            if start is not None:
                pending.append(pool.submit(lines_of, start))
            while pending and (len(pending) > workers or start is None):
                append(pending.popleft().result())
    return out


_THREADS = 2
"""Threads making CSV blocks at once (where there are as many cores): 0.72-0.94 s against 0.96-1.56 s on one, for
the national season's score CSV on two cores."""
_BLOCK = 1 << 16
"""Rows joined at a time by `csv_blocks` on threads (a block's text is a few megabytes)."""
_BLOCK_ALONE = 1 << 14
"""Rows joined at a time by `csv_blocks` on one thread: a forked half of the national season's lines took 0.77-0.88 s
and 70 MB besides the lines, against 0.88-0.99 s and 115 MB in blocks of `_BLOCK` rows."""


def _text_range(column: pa.Array) -> slice:
    """Where the text of a large_string array lies in its data buffer."""
    offsets = np.frombuffer(column.buffers()[1], dtype=np.int64, count=len(column) + 1, offset=8 * column.offset)
    return slice(int(offsets[0]), int(offsets[-1]))


def column_cells(series: pd.Series, boolean: bool = False, single: bool = False) -> pa.Array:
    """The CSV cells of one column as a pyarrow large_string array (no missing values), exactly as csv.writer
    writes them under the number policy of `table_csv_text`; `single`: the column is the table's only one."""
    empty = '""' if single else ""
    if boolean:
        return pick_texts(series.to_numpy(dtype=bool).astype(np.int64), ["false", "true"])
    if pd.api.types.is_float_dtype(series.dtype):
        return float_cells(series.to_numpy(dtype=np.float64, na_value=np.nan), empty)
    if pd.api.types.is_integer_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        return pa.array(series, from_pandas=True).cast(pa.large_string()).fill_null(empty)
    if isinstance(series.dtype, pd.StringDtype) or pd.api.types.infer_dtype(series, skipna=True) in (
        "string",
        "empty",
    ):
        texts_of = series.to_numpy(dtype=object)
        if mostly_distinct(texts_of):  # names, ids: as they are (from the object array: a copy and a scan less)
            return _text_cells(pa.array(texts_of, from_pandas=True, type=pa.large_string()), single)
        codes, uniques = factorize_objects(texts_of)  # each distinct text (or missing value) once
        return _text_cells(pa.array(uniques, from_pandas=True, type=pa.large_string()), single).take(pa.array(codes))
    # mixed types (1, 1.0 and True are one value to a hash table): every cell on its own
    values = series.astype(object).where(series.notna(), None)
    texts = [csv_field(csv_safe(u)) for u in values.tolist()]
    return pa.array([empty if t == "" else t for t in texts], type=pa.large_string())


def float_cells(values: np.ndarray, empty: str = "") -> pa.Array:
    """Float cells as csv.writer writes them: `repr` (the shortest text that reads back to the same float, `.0`
    on whole values, `1e-07`, `1e+16`), `empty` for NaN: by pyarrow where the text is positional, by `repr`
    elsewhere (rare). Where values repeat, each distinct one (by bit pattern, so -0.0 stays apart from 0.0) is
    formatted once."""
    values = np.ascontiguousarray(values, dtype=np.float64)
    if _mostly_distinct_floats(values):  # (scores) each formatted where it stands: finding the distinct costs more
        codes, floats = None, values
    else:
        found, uniques = pd.factorize(values.view(np.int64))
        codes, floats = found, np.asarray(uniques, dtype=np.int64).view(np.float64)
    text = pa.large_string()
    texts = pa.array(floats).cast(text)  # shortest round-trip digits, as repr; "30" for 30.0
    texts = pc.if_else(
        pc.match_substring(texts, "."),
        texts,
        pc.binary_join_element_wise(texts, pa.scalar(".0", text), pa.scalar("", text)),
    )
    size = np.abs(floats)
    positional = (floats == 0) | ((size >= 1e-4) & (size < 1e15))  # where repr and pyarrow both write no exponent
    odd = ~positional | pc.match_substring(texts, "e").to_numpy(zero_copy_only=False)
    where = np.flatnonzero(odd)
    if len(where):
        fixed = [empty if u != u else repr(u) for u in floats[where].tolist()]
        texts = pc.replace_with_mask(texts, pa.array(odd), pa.array(fixed, type=text))
    return texts if codes is None else texts.take(pa.array(codes))


def _mostly_distinct_floats(values: np.ndarray) -> bool:
    """Whether more than half of the first `_SAMPLE` floats differ (by bit pattern)."""
    sample = values[:_SAMPLE].view(np.int64)
    return len(np.unique(sample)) * 2 > len(sample)


def object_addresses(values: np.ndarray) -> np.ndarray:
    """Where each object of an object array lives (its identity, as `id`): equal addresses are the same object."""
    return np.frombuffer(np.ascontiguousarray(values, dtype=object), dtype=np.intp)


def factorize_objects(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`pd.factorize(values, use_na_sentinel=False)` of an object array: codes and distinct values, a missing value
    a value of its own. Each distinct object is hashed once: a column's repeated texts are mostly the same object
    (as scoring and pyarrow leave them), and hashing an address costs far less than hashing a text."""
    codes, addresses = pd.factorize(object_addresses(values))
    first = np.empty(len(addresses), dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # the first row holding each object
    value_codes, uniques = pd.factorize(np.asarray(values, dtype=object)[first], use_na_sentinel=False)
    return value_codes[codes], np.asarray(uniques, dtype=object)


def pick_texts(codes: np.ndarray, texts: list[str]) -> pa.Array:
    """`texts[code]` for each code, as a large_string array."""
    return pa.array(texts, type=pa.large_string()).take(pa.array(codes))


def _text_cells(values: pa.Array, single: bool) -> pa.Array:
    """Text cells (nulls missing): formula-like text neutralised (`csv_safe`), quoted where csv.writer quotes."""
    special = pc.match_substring_regex(values, _SPECIAL_RE2).fill_null(False)
    where = np.flatnonzero(special.to_numpy(zero_copy_only=False))
    if len(where):  # rare: each written on its own
        fixed = [csv_field(csv_safe(v)) for v in values.take(pa.array(where)).to_pylist()]
        values = pc.replace_with_mask(values, special, pa.array(fixed, type=pa.large_string()))
    values = values.fill_null("")
    return pc.if_else(pc.equal(values, ""), '""', values) if single else values


def mostly_distinct(values: np.ndarray) -> bool:
    """Whether more than half of the first `_SAMPLE` values differ (names, ids): then finding each distinct value
    once costs more than it saves."""
    sample = values[:_SAMPLE].tolist()
    return len(set(sample)) * 2 > len(sample)


_SAMPLE = 1024
"""How many first values of a text column tell whether its texts repeat enough to be handled once each."""
_NEEDS_CSV = re.compile(r'[,"\r\n]')
"""What makes csv.writer quote a cell (delimiter, quote, line ends); a cell without them is written as it is."""
_SPECIAL_RE2 = r"^'*[=+\-@\t\r]|" + _NEEDS_CSV.pattern
"""A cell `_text_cells` writes on its own, as a pattern for pyarrow (RE2): it starts like a formula (FORMULA_START),
perhaps after apostrophes (`csv_safe`), or csv.writer quotes it."""


def csv_field(value: object) -> str:
    """One cell as csv.writer (minimal quoting, Unix line ends) writes it; None is empty."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    if not _NEEDS_CSV.search(text):
        return text
    # quoted, its quotes doubled: as csv.writer quotes, but a carriage return too (csv.writer quotes only the
    # characters of its line end, "\n" here, and a bare CR breaks the row for Excel and every CSV reader)
    return '"' + text.replace('"', '""') + '"'
