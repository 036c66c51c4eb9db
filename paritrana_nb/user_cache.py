"""The user's own cache folder ($XDG_CACHE_HOME/paritrana, else ~/.cache/paritrana): what belongs to this user on this
machine and never travels with a season folder. It holds the machine key that seals every season cache entry
(cache.py) and the message catalogues as read once (messages.py); it is tagged as a cache (CACHEDIR.TAG), so that
backup tools skip it. Deleting the folder is always safe: a new key
only makes the season caches rebuild, and the catalogues are read again from their .po files.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
import stat
import uuid
from contextlib import suppress
from functools import cache
from pathlib import Path

APP_FOLDER = Path("paritrana")
"""The workbook's folder under the user's cache folder."""
MACHINE_KEY_FILE = APP_FOLDER / "cache-key"
"""Where the user's machine key lives, under the user's cache folder: never beside the data, so that it does not
travel with a copied season folder."""


CACHEDIR_TAG = "CACHEDIR.TAG"
"""The file that says a folder is a cache (the Cache Directory Tagging convention, https://bford.info/cachedir/)."""
TAG_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
"""What a cache directory tag starts with."""


def cache_tag(what: str) -> str:
    """The cache directory tag the workbook writes into a cache folder of its own, `what` naming which cache it is."""
    return (
        f"{TAG_SIGNATURE.decode()}\n"
        f"# This file is a cache directory tag created by the Paritrana Workbook ({what}).\n"
        "# For information about cache directory tags, see:\n"
        "#\thttps://bford.info/cachedir/\n"
    )


def user_cache_folder() -> Path:
    """$XDG_CACHE_HOME when it is an absolute path (a relative one is ignored, as the XDG rules say), else ~/.cache;
    RuntimeError where there is no home folder."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or ".")
    return base if base.is_absolute() else Path.home() / ".cache"


def app_folder() -> Path:
    """The workbook's folder in the user's cache folder, made (and tagged as a cache) where missing; the folder
    holding the cache folder (the home folder, for ~/.cache) is never made: HOME naming a folder that is not there is
    FileNotFoundError, naming it. OSError where the folder cannot be made; RuntimeError where there is no home
    folder."""
    base = user_cache_folder()
    if not base.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(base.parent))
    folder = base / APP_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    tag = folder / CACHEDIR_TAG
    if not tag.exists():  # (backup tools skip a tagged folder; one that cannot be written is left untagged)
        keep_file(tag, cache_tag("its user cache: the machine key, the message catalogues").encode("ascii"))
    return folder


def machine_key() -> bytes:
    """This user's random key on this machine, made on first use: every season cache entry's key is an HMAC under it,
    so that an entry that came with a season folder copied from elsewhere (its hidden .cache folder zipped along, or
    forged to rank the season otherwise) is never used, only rebuilt from the sources. Where the key cannot be kept
    (`machine_key_problem`), a key of this process alone, with which the season cache is neither read nor written."""
    key = _machine_key()
    return key if isinstance(key, bytes) else _process_key()


def machine_key_problem() -> OSError | None:
    """Why this user's machine key cannot be kept (no home folder, HOME naming a folder that is not there, a cache
    folder that cannot be written, a damaged key file), the error naming the file or folder; None where it is kept."""
    key = _machine_key()
    return None if isinstance(key, bytes) else key


@cache
def _machine_key() -> bytes | OSError:
    """The key kept in the user's cache folder (made there on first use), or the error that keeps it from there."""
    path = Path("~") / MACHINE_KEY_FILE
    try:
        path = app_folder() / MACHINE_KEY_FILE.name
        if not path.is_file():
            staged = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
            staged.write_text(secrets.token_hex(32), encoding="ascii")
            staged.chmod(0o600)
            with suppress(FileExistsError):  # another process made it first: its key is the key
                os.link(staged, path)
            staged.unlink()
        key = bytes.fromhex(path.read_text(encoding="ascii"))
    except OSError as error:
        return error
    except RuntimeError:  # no home folder
        return FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "~")
    except ValueError:  # not a key: a damaged file
        key = b""
    return key if len(key) == _KEY_BYTES else OSError(errno.EINVAL, os.strerror(errno.EINVAL), str(path))


_KEY_BYTES = 32


@cache
def _process_key() -> bytes:
    """A key of this process alone, where none can be kept."""
    return secrets.token_bytes(_KEY_BYTES)


def regular_file_bytes(path: Path) -> bytes:
    """The bytes of the regular file at `path` (followed if a link); OSError for anything else, which is never read: a
    cache file replaced by a link to a device (`/dev/zero` never ends) or by a pipe (which waits for a writer)."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return file.read()


def seal(data: bytes) -> str:
    """An HMAC of `data` under this machine's key: what the workbook wrote to a cache, unchanged since."""
    return hmac.new(machine_key(), data, hashlib.sha256).hexdigest()


def kept_file(name: str) -> Path | None:
    """Where a file of the workbook's own named `name` is kept in the user's cache folder (None where there is none:
    no home folder, or one that is not there, `app_folder`)."""
    try:
        return app_folder() / name
    except (OSError, RuntimeError):
        return None


def keep_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` (its folder, in the user's cache folder, made), whole or not at all: under a temporary
    name, then renamed. A folder that cannot be written is left as it is: the cache only saves time."""
    staged = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        path.parent.mkdir(exist_ok=True)
        staged.write_bytes(data)
        staged.replace(path)
    except OSError:
        with suppress(OSError):
            staged.unlink()
