"""A command's working folders in the system's temporary folder, and those of a command that was killed.

`paritrana run` keeps each kernel's sockets, its workers' fork server's socket (multiprocessing's temporary folder, see
report/runner.py), each executed notebook and the prepared analyses, and `paritrana explore`
its server's configuration (with the token) and notebook, in folders named `paritrana-<kind>-...` under the temporary
folder (`tempfile.gettempdir()`; the sockets under a shorter one
when a socket's path there would be too long: folder_root), removed when the command ends. A command
killed with SIGKILL (`kill -9`, the out-of-memory killer) cannot remove them: each folder holds a lock file, `.owner`,
locked (flock) by the process that made it for as long as the folder is in use, and released by the system when that
process ends however it ends. A later run removes every such folder whose lock it can take (`remove_orphaned`): no
folder a live command uses, in this process namespace or another one sharing the temporary folder, is removed.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl

    _LOCKS = True
except ImportError:  # not POSIX: a killed command's folders are left where they are
    _LOCKS = False

KINDS = ("run", "prepared", "kernel", "explore", "workers")
"""The kinds of working folder (`paritrana-<kind>-...`) a later run may remove once their owner is gone."""
OWNER_FILE = ".owner"
"""The lock file in each working folder: locked while its folder is in use."""
UNLOCKED_GRACE_SECONDS = 24 * 3600
"""A working folder without a lock file is removed only once it is this old: it was made by a version without the
lock, or its owner is between making it and locking it (a split second)."""
SOCKET_PATH_BYTES = 103
"""Longest path of a kernel's local socket: the system's limit (108 bytes on Linux, 104 on macOS) less its closing
NUL. A longer one fails as the kernel starts ("File name too long")."""
SOCKET_ROOTS = ("/tmp", "/var/tmp")  # noqa: S108 (only as mkdtemp's `dir`: a new private folder, mode 0700)
"""Where kernels' socket folders are made when a socket's path in the temporary folder would be too long (a TMPDIR
deep in a home or project folder)."""
_SOCKET_TAILS = {
    "kernel": len("/paritrana-kernel-12345678/kernel-123456"),
    "workers": len("/paritrana-workers-12345678/listener-12345678"),
}
"""The path of a socket below its root, by the kind of folder holding it: the folder `make_folder` names, then a
kernel's `<ip>-<port>` (jupyter_client's name of a socket, the port counted from 1 per socket in the folder), or the
report workers' fork server's `listener-<8 characters>` (multiprocessing's)."""
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NAME = re.compile(rf"paritrana-(?:{'|'.join(KINDS)})-")
_held: dict[str, int] = {}
"""The lock file descriptor of each working folder this process made, by folder."""


def make_folder(kind: str) -> Path:
    """A new working folder of `kind` (KINDS), locked as this process's until `remove_folder`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of working folder: {kind}")
    folder = tempfile.mkdtemp(prefix=f"paritrana-{kind}-", dir=folder_root(kind))
    if _LOCKS:
        handle = os.open(Path(folder) / OWNER_FILE, os.O_RDWR | os.O_CREAT | _CLOEXEC, 0o600)
        fcntl.flock(handle, fcntl.LOCK_EX)
        _held[folder] = handle
    return Path(folder)


def folder_root(kind: str) -> Path:
    """Where working folders of `kind` are made: the temporary folder; for sockets (kernels', "kernel", and the fork
    server's, "workers"), the first of it and SOCKET_ROOTS in which a socket's path fits SOCKET_PATH_BYTES (the
    temporary folder when none does)."""
    temp = Path(tempfile.gettempdir())
    tail = _SOCKET_TAILS.get(kind)
    if tail is None:
        return temp
    for root in (temp, *map(Path, SOCKET_ROOTS)):
        fits = len(os.fsencode(root)) + tail <= SOCKET_PATH_BYTES
        if fits and root.is_dir() and os.access(root, os.W_OK | os.X_OK):
            return root
    return temp


def remove_folder(folder: Path | str) -> None:
    """Remove a working folder `make_folder` made (its lock released)."""
    handle = _held.pop(str(folder), None)
    if handle is not None:
        with suppress(OSError):
            os.close(handle)
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def working_folder(kind: str) -> Iterator[Path]:
    """`make_folder(kind)`, removed when the block ends."""
    folder = make_folder(kind)
    try:
        yield folder
    finally:
        remove_folder(folder)


def remove_orphaned(root: Path | str | None = None) -> list[Path]:
    """Remove the working folders under `root` (the system's temporary folder, and where kernels' sockets go when
    that is too deep: folder_root) that no live process holds: those
    whose lock this process can take, and those without a lock file older than UNLOCKED_GRACE_SECONDS; the folders
    removed. Nothing is removed where locks are not available, and a folder that cannot be read is left alone."""
    if not _LOCKS:
        return []
    roots = [Path(root)] if root is not None else list(dict.fromkeys(folder_root(kind) for kind in KINDS))
    removed = []
    for folder in roots:
        with suppress(OSError):  # a temporary folder that cannot be listed: nothing to clean
            for entry in os.scandir(folder):
                if _NAME.match(entry.name) and entry.is_dir(follow_symlinks=False) and _orphaned(Path(entry.path)):
                    shutil.rmtree(entry.path, ignore_errors=True)
                    removed.append(Path(entry.path))
    return removed


def _orphaned(folder: Path) -> bool:
    """Whether no live process holds `folder` (see `remove_orphaned`); a folder of this process never is."""
    if str(folder) in _held:
        return False
    try:
        handle = os.open(folder / OWNER_FILE, os.O_RDWR | _NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        with suppress(OSError):
            return time.time() - folder.stat().st_mtime > UNLOCKED_GRACE_SECONDS
        return False
    except OSError:  # not ours to open (another user's, a link): left alone
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: in use
        return False
    finally:
        os.close(handle)  # (a lock taken is released with it: the folder is removed next)
    return True
