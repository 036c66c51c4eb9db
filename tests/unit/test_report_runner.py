"""The report workers' processes (`report/runner.py`): what a run killed outright leaves on the terminal."""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

_KILLED_WITH_WORKERS = """
import os, signal
from concurrent.futures import ProcessPoolExecutor
from paritrana_nb.forking import end_with_parent
from paritrana_nb.report.runner import worker_context
pool = ProcessPoolExecutor(2, mp_context=worker_context(), initializer=end_with_parent)  # as `paritrana run`'s
print(pool.submit(os.getpid).result() != os.getpid(), flush=True)  # the workers started
os.kill(os.getpid(), signal.SIGKILL)  # `kill -9`: the pool's semaphores are left to multiprocessing's tracker
"""


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here")
def test_a_run_killed_with_its_workers_leaves_no_warning_on_the_terminal() -> None:
    """kill -9 of `paritrana run` with workers: multiprocessing's resource tracker, which outlives the command to
    remove its semaphores, printed "UserWarning: resource_tracker: There appear to be 5 leaked semaphore objects to
    clean up at shutdown" on the terminal after the command had ended: nothing a user can act on."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env.pop("PYTHONWARNINGS", None)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_WITH_WORKERS], capture_output=True, text=True, env=env, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL and killed.stdout == "True\n", killed.stderr
    assert killed.stderr == ""


_KILLED_WITH_ITS_KERNEL = """
import os, signal
from paritrana_nb.report.runner import _execute_silently, start_kernel
_execute_silently(start_kernel(os.getcwd()), "pass")  # the kept kernel of `paritrana run --province` (one worker)
print("ready", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # `kill -9`: the kernel, left, ends as soon as it sees its parent gone
"""


def test_a_run_killed_with_its_kernel_leaves_no_warning_on_the_terminal(tmp_path: Path) -> None:
    """kill -9 of `paritrana run --province kalbar` (its kernel in the command's own process): the kernel, ending on
    its own, printed "[IPKernelApp] WARNING | Parent appears to have exited, shutting down." on the terminal after the
    command had ended."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "TMPDIR": str(tmp_path)}
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_WITH_ITS_KERNEL], capture_output=True, text=True, env=env, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL and killed.stdout == "ready\n", killed.stderr
    assert killed.stderr == ""


_STUCK_WORKER = """
import multiprocessing, os, select, signal, subprocess, sys, time
from concurrent.futures import ProcessPoolExecutor
from paritrana_nb.report.runner import stop_workers

KERNEL = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"


def stuck(held: int) -> None:
    # a worker that does not end on SIGTERM, beside its kernel (a session of its own, as jupyter_client starts it)
    subprocess.Popen([sys.executable, "-c", KERNEL], pass_fds=(held,), start_new_session=True)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    os.write(held, b"started")
    time.sleep(60)


reading, held = os.pipe()
pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
pool.submit(stuck, held)
os.close(held)  # from now on only the worker and its kernel hold the pipe's writing end
assert os.read(reading, 7) == b"started"
started = time.monotonic()
stop_workers(pool, seconds=1)  # as `paritrana run` stopped by Ctrl-C or SIGTERM
ended = select.select([reading], [], [], 5)[0] and os.read(reading, 1) == b""  # every holder gone: worker and kernel
print(round(time.monotonic() - started) < 5, bool(ended), flush=True)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc: a kernel ends by its own watch here")
def test_a_worker_that_ignores_sigterm_is_killed_with_its_kernel_and_the_stop_ends() -> None:
    """A run stopped (Ctrl-C, SIGTERM, an error) sent its workers SIGTERM, then shut its pool down, which waits for
    every worker: one that did not end on SIGTERM (its handler waiting) kept the command waiting for good. The stop
    now kills a worker still running a moment later, and its kernel."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    try:
        stopped = subprocess.run(
            [sys.executable, "-c", _STUCK_WORKER], capture_output=True, text=True, env=env, timeout=30, check=False
        )
    except subprocess.TimeoutExpired as waited:
        pytest.fail(f"the stop waited for the worker: {waited.stderr!r}")
    assert (stopped.returncode, stopped.stdout) == (0, "True True\n"), stopped.stderr


_HANGING_SHUTDOWN = """
import asyncio, os, signal, subprocess, sys, time
from paritrana_nb.report import runner

KERNEL = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"
held = int(sys.argv[1])  # the writing end of the test's pipe: held by this process and its kernel only


class Manager:  # a kernel manager whose shutdown never ends (it waits on the job's event loop, a lock the job holds)
    def __init__(self) -> None:
        self.provisioner = type("Provisioner", (), {})()
        kernel = [sys.executable, "-c", KERNEL]
        self.provisioner.process = subprocess.Popen(kernel, pass_fds=(held,), start_new_session=True)

    async def shutdown_kernel(self, now: bool = False) -> None:
        await asyncio.Event().wait()


runner._kept["km"] = Manager()
signal.signal(signal.SIGTERM, runner._end_worker)  # as `_warm_worker` sets it
os.kill(os.getpid(), signal.SIGTERM)
time.sleep(60)
"""


def test_a_worker_told_to_stop_kills_its_kernel_without_waiting_for_its_manager() -> None:
    """A worker's SIGTERM handler shut its kernel down through the kernel manager (asyncio code run beside the job's,
    whose event loop or locks it could wait for): a worker stopped at such a moment never ended. It kills the
    kernel's processes and ends."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    reading, held = os.pipe()
    try:
        ended = subprocess.run(
            [sys.executable, "-c", _HANGING_SHUTDOWN, str(held)],
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
            check=False,
            pass_fds=(held,),
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the worker waited for its kernel manager")
    finally:
        os.close(held)
    assert ended.returncode == 143, ended.stderr
    gone = select.select([reading], [], [], 5)[0] and os.read(reading, 1) == b""  # its kernel, the pipe's last holder
    os.close(reading)
    assert gone, "its kernel is left running"


_STOPPED_WHILE_READING = """
import multiprocessing.forkserver, os, time
from paritrana_nb.report import pipeline
def read(*args, **kwargs):  # Ctrl-C while the season is read, the workers' fork server importing meanwhile
    raise KeyboardInterrupt
pipeline.prepare_season = read
try:
    pipeline.run_reports(2025, "data", "params", "out", n_jobs=2)
except KeyboardInterrupt:
    pass
pid = multiprocessing.forkserver._forkserver._forkserver_pid
for _ in range(40):
    if os.waitpid(pid, os.WNOHANG)[0]:
        print("ended", flush=True)
        break
    time.sleep(0.05)
else:
    print("running", flush=True)
    os.kill(pid, 9)
"""


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here")
def test_a_run_stopped_before_its_workers_start_ends_their_fork_server(tmp_path: Path) -> None:
    """Ctrl-C while `paritrana run` read the season: the command ended, but the workers' fork server, importing their
    modules, went on for seconds (up to 10 s on a busy machine) holding the command's standard output and error."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "TMPDIR": str(tmp_path)}
    stopped = subprocess.run(
        [sys.executable, "-c", _STOPPED_WHILE_READING], capture_output=True, text=True, env=env, timeout=120
    )
    assert stopped.stdout == "ended\n", stopped.stderr
