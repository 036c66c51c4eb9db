"""A command's working folders: removed when it ends, and by a later run when it was killed (scratch.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paritrana_nb import scratch

pytestmark = pytest.mark.skipif(not scratch._LOCKS, reason="working folders are locked only where flock exists")

_HOLD = """
import sys, time
from paritrana_nb import scratch
folder = scratch.make_folder(sys.argv[1])
print(folder, flush=True)
time.sleep(600)
"""


def _holder(tmp_path: Path, kind: str = "run") -> tuple[subprocess.Popen[str], Path]:
    """A process that made a working folder (TMPDIR tmp_path) and keeps it: the process and its folder."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen([sys.executable, "-c", _HOLD, kind], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def test_a_working_folder_is_removed_when_its_block_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    with scratch.working_folder("prepared") as folder:
        assert folder.parent == tmp_path and folder.name.startswith("paritrana-prepared-")
        assert (folder / scratch.OWNER_FILE).exists()
        assert scratch.remove_orphaned(tmp_path) == []  # this process's own: in use
    assert not folder.exists()


def test_the_folders_of_a_killed_process_are_removed_those_of_a_live_one_kept(tmp_path: Path) -> None:
    """kill -9 of `paritrana run` left its paritrana-run-*, -prepared-* and -kernel-* folders in the temporary
    folder, and no later run removed them."""
    killed, left = _holder(tmp_path, "prepared")  # (a kernel's may be made under a shorter root: below)
    live, kept = _holder(tmp_path, "run")
    other = tmp_path / "paritrana-notes-abc"  # not a kind a run removes, and a file of the user's
    other.mkdir()
    mine = tmp_path / "notes.txt"
    mine.write_text("x")
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
        assert left.exists() and kept.exists()
        assert scratch.remove_orphaned(tmp_path) == [left]
        assert not left.exists() and kept.exists() and other.exists() and mine.exists()
    finally:
        live.kill()
        live.wait(timeout=30)
    assert scratch.remove_orphaned(tmp_path) == [kept]


def test_the_folder_of_a_killed_explorer_is_removed_by_the_next_explorer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kill -9 of `paritrana explore` left its paritrana-explore-* folder (voila.json, the token in it) for good: no
    later command removed that kind. The next explorer removes it as it starts (before its port is even used)."""
    from paritrana_nb import explorer_server

    killed, left = _holder(tmp_path, "explore")
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(scratch, "SOCKET_ROOTS", ())
    monkeypatch.setattr(explorer_server, "_port_free", lambda port: True)
    monkeypatch.setattr(explorer_server, "_stop_on_signals", _StopAtOnce)
    assert left.exists()
    assert explorer_server.serve(2025, tmp_path, tmp_path, "en", 8866) == 0
    assert not left.exists()


class _StopAtOnce:
    """A stop asked before the explorer's server starts: it ends as soon as it has made its working folders."""

    def __enter__(self) -> _StopAtOnce:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def asked(self) -> bool:
        return True


_FORK_SERVER = """
import multiprocessing.util, os, signal
from paritrana_nb.report.runner import worker_context
worker_context()  # the report workers' fork server, started as `paritrana run` starts it
print(multiprocessing.util.get_temp_dir(), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_fork_servers_folder_of_a_killed_run_is_removed_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kill -9 of `paritrana run` with workers left multiprocessing's `pymp-*` folder (its fork server's socket) in the
    temporary folder for good: not a working folder of the workbook's, which a later run removes."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    killed = subprocess.run([sys.executable, "-c", _FORK_SERVER], capture_output=True, text=True, env=env, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = Path(killed.stdout.strip())
    assert left.exists()
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    assert left in scratch.remove_orphaned()  # a later run's (the folder may be under a shorter root: its socket)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_without_its_lock_file_is_removed_only_once_old(tmp_path: Path) -> None:
    """One made by a version without the lock (or by a process between making and locking it): kept for a day."""
    young, old = tmp_path / "paritrana-run-young", tmp_path / "paritrana-prepared-old"
    young.mkdir()
    old.mkdir()
    day_ago = time.time() - scratch.UNLOCKED_GRACE_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    assert scratch.remove_orphaned(tmp_path) == [old]
    assert young.exists()


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        scratch.make_folder("notes")


def test_kernel_sockets_go_where_their_path_fits_when_the_temporary_folder_is_deep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a TMPDIR of some 80 characters a kernel's socket path passed the system's 108 bytes: the explorer's
    kernels failed to start ("File name too long"), and its page answered 500."""
    deep = tmp_path / ("d" * 90)
    deep.mkdir()
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(deep))
    assert scratch.folder_root("run") == deep  # the other kinds stay in the temporary folder
    root = scratch.folder_root("kernel")
    assert str(root) in scratch.SOCKET_ROOTS
    killed, left = _holder(deep, "kernel")  # TMPDIR deep too: its folder under the short root
    try:
        assert left.parent == root and len(os.fsencode(left / "kernel-123456")) <= scratch.SOCKET_PATH_BYTES
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
    assert left in scratch.remove_orphaned()  # a later run looks there too
    assert not left.exists()


def test_kernel_sockets_stay_in_a_temporary_folder_short_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    short = Path(scratch.SOCKET_ROOTS[0])
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(short))
    assert scratch.folder_root("kernel") == short
    with scratch.working_folder("kernel") as folder:
        assert folder.parent == short
