"""Forked processes: Ctrl-C ends a pool's process without a traceback of its own."""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from paritrana_nb import cli, forking


def _interrupted() -> str:
    os.kill(os.getpid(), signal.SIGINT)  # as the terminal's Ctrl-C reaches every process of the group
    time.sleep(5)
    return "not stopped"


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_ctrl_c_ends_a_pools_process_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    with forking.pool(1) as workers:
        job = workers.submit(_interrupted)
        with pytest.raises(SystemExit) as stopped:
            job.result(timeout=30)
    assert stopped.value.code == 130
    assert "Traceback" not in capfd.readouterr().err


_KILLED_PARENT = """
import multiprocessing, os, sys, time
from pathlib import Path
from paritrana_nb import forking

folder = Path(sys.argv[1])


def worker() -> None:
    forking.end_with_parent(lambda: (folder / "cleaned").write_text("yes"))
    (folder / "worker").write_text(str(os.getpid()))
    time.sleep(3)
    (folder / "written after").write_text("a worker outlived the command")


if __name__ == "__main__":
    for method in ("fork", "forkserver"):
        if method in multiprocessing.get_all_start_methods():
            multiprocessing.get_context(method).Process(target=worker).start()
            break
    while not (folder / "worker").exists():
        time.sleep(0.05)
    os.kill(os.getpid(), 9)  # as `kill -KILL`: no handler, no atexit, its workers are not told
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_a_worker_ends_with_its_killed_parent_after_its_cleanup(tmp_path: Path) -> None:
    pid = _killed(_KILLED_PARENT, tmp_path, "worker")
    assert _ended(pid)
    assert (tmp_path / "cleaned").read_text() == "yes"
    time.sleep(3.5)  # past the moment the worker would have written
    assert not (tmp_path / "written after").exists()


def _killed(script: str, folder: Path, written: str) -> int:
    """Run `script` (with `folder` as its argument) until it kills itself with SIGKILL; the process id it wrote to
    the file `written` in `folder`."""
    path = folder / "killed.py"
    path.write_text(script, encoding="utf-8")
    ended = subprocess.run([sys.executable, str(path), str(folder)], check=False, timeout=60)
    assert ended.returncode == -signal.SIGKILL
    return int((folder / written).read_text())


def _ended(pid: int, seconds: float = 10) -> bool:
    """Whether process `pid` ends within `seconds`."""
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def _alive(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie, ended but not yet reaped by init, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


_KILLED_WAITING = """
import os, sys, time
from pathlib import Path
from paritrana_nb import forking

folder = Path(sys.argv[1])
job = forking.fork(lambda: (time.sleep(1), b"x" * 10_000_000)[1])  # an answer far larger than a pipe holds
(folder / "job").write_text(str(job._process.pid))
os.kill(os.getpid(), 9)  # killed before it takes the answer
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_a_forked_job_ends_when_the_process_waiting_for_it_is_killed(tmp_path: Path) -> None:
    """Its large answer once blocked it forever (its own copy of the pipe's reading end kept the pipe open), an
    orphan holding the memory of the command that was killed."""
    pid = _killed(_KILLED_WAITING, tmp_path, "job")
    ended = _ended(pid)
    if not ended:
        os.kill(pid, signal.SIGKILL)
    assert ended


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_a_forked_job_runs_at_the_niceness_it_is_given() -> None:
    assert forking.fork(lambda: os.nice(0)).result() == os.nice(0)
    assert forking.fork(lambda: os.nice(0), niceness=5).result() == min(os.nice(0) + 5, 19)


def test_end_with_parent_does_nothing_in_a_process_of_its_own() -> None:
    before = threading.active_count()
    forking.end_with_parent()
    assert threading.active_count() == before


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_a_forked_job_writes_its_bytes_in_shared_memory_until_they_do_not_fit() -> None:
    shared = forking.SharedBytes.of_size(10)
    assert shared is not None

    def job() -> tuple[object, object]:
        for name, parts in (("a", [b"ab", b"cd"]), ("b", []), ("c", [b"efghij"])):
            append = shared.sink(name)
            for part in parts:
                append(memoryview(part))
        fits = dict(shared.places)
        try:
            shared.sink("d")(memoryview(b"k"))
        except forking.SharedBytes.Full:
            return fits, "full"
        return fits, "not full"

    places, full = forking.fork(job).result()
    assert places == {"a": (0, 4), "b": (4, 4), "c": (4, 10)} and full == "full"
    assert {name: bytes(view) for name, view in shared.take(places).items()} == {"a": b"abcd", "b": b"", "c": b"efghij"}
    assert shared.places == {}  # written there, not here
    shared.close()
    assert forking.SharedBytes.of_size(-1) is None  # refused by the system: no shared memory, no error


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_then_runs_while_the_answer_waits_to_be_read(tmp_path: Path) -> None:
    """A forked job's answer larger than a pipe holds does not hold up `then`; each answer comes in turn."""
    marker = tmp_path / "then"
    forked = forking.fork(lambda: b"x" * (1 << 22), then=lambda answer: marker.write_text(str(len(answer))) and "done")
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:  # nothing read here yet
        time.sleep(0.05)
    assert marker.read_text() == str(1 << 22)
    assert forked.result() == b"x" * (1 << 22)
    assert forked.then_result() == "done"


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_then_does_not_run_after_a_failed_job_and_its_failures_are_raised(tmp_path: Path) -> None:
    marker = tmp_path / "then"
    failed = forking.fork(lambda: 1 / 0, then=lambda _: marker.write_text("ran"))
    with pytest.raises(ZeroDivisionError):
        failed.result()
    with pytest.raises(ChildProcessError):
        failed.then_result()
    assert not marker.exists()
    raising = forking.fork(lambda: 1, then=lambda answer: [][answer])
    assert raising.result() == 1
    with pytest.raises(IndexError):
        raising.then_result()
    # killed by `then` once its answer is taken: the answer is sent on a thread while `then` runs, so `then` waits
    # for this process to say it has the answer (killed sooner, on a loaded machine, it could end before sending it)
    taken = tmp_path / "taken"

    def kill_once_taken(_: object) -> None:
        deadline = time.monotonic() + 60
        while not taken.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGKILL)

    killed = forking.fork(lambda: 2, then=kill_once_taken)
    assert killed.result() == 2
    taken.write_text("")
    with pytest.raises(ChildProcessError, match="-9"):
        killed.then_result()
    # killed by `then` while its answer, larger than the pipe holds and not read yet, was being sent: no answer
    cut = forking.fork(lambda: b"x" * (1 << 22), then=lambda _: os.kill(os.getpid(), signal.SIGKILL))
    time.sleep(1)
    with pytest.raises(ChildProcessError, match="-9"):
        cut.result()
    with pytest.raises(ChildProcessError):
        cut.then_result()


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_a_job_followed_by_then_is_stopped_by_its_caller() -> None:
    forked = forking.fork(lambda: 1, then=lambda _: time.sleep(60))
    assert forked.result() == 1
    started = time.monotonic()
    forked.stop()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        forked.then_result()


def _in_c_for_seconds() -> None:
    hashlib.pbkdf2_hmac("sha256", b"x", b"y", 20_000_000)  # 5-10 s in one call into C, no line of Python meanwhile


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_stop_ends_a_job_at_once_in_the_middle_of_a_call_into_c() -> None:
    """The job inherited the command's SIGTERM handler, a Python one, which runs only between two lines of Python:
    `stop` (a command stopped while the forked reader read a table, a cache writer wrote one) waited until the call
    into C the job was in returned."""
    handler = signal.signal(signal.SIGTERM, functools.partial(cli._terminate, os.getpid()))  # as a command sets it
    try:
        forked = forking.fork(_in_c_for_seconds)
        time.sleep(0.5)  # the job is in its call
        started = time.monotonic()
        forked.stop()
        took = time.monotonic() - started
    finally:
        signal.signal(signal.SIGTERM, handler)
    assert took < 1, took
    with pytest.raises(ChildProcessError, match="-15"):
        forked.result()


_POOLS_ENDED = """
import functools, os, signal, sys
from paritrana_nb import cli
from paritrana_nb.forking import end_with_parent, worker_pool

signal.signal(signal.SIGTERM, functools.partial(cli._terminate, os.getpid()))  # as a command's process sets it


def job(value: int) -> int:
    return value


for _ in range(int(sys.argv[1])):
    with worker_pool(2, end_with_parent) as pool:  # as `rapor` writes its cards
        results = sorted(pool.imap_unordered(job, range(4)))
print(results, flush=True)
"""


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_a_pool_s_workers_end_once_its_work_is_done() -> None:
    """`rapor` on a national season hung for good once its cards were written: its pool ended its workers with
    SIGTERM (multiprocessing's `Pool.terminate`, the end of its with-block), and now and then a worker waiting for its
    next task never ended, nor the command, which waited for it. The workers are told there is no more work and end by
    themselves."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    ended = subprocess.run(
        [sys.executable, "-c", _POOLS_ENDED, "200"], capture_output=True, text=True, env=env, timeout=90, check=False
    )
    assert (ended.returncode, ended.stdout) == (0, "[0, 1, 2, 3]\n"), ended.stderr
