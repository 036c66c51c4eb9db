"""The report workers' processes (`report/runner.py`): what a run killed outright leaves on the terminal."""

from __future__ import annotations

import multiprocessing
import os
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
