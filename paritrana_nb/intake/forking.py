"""Work in forked processes: a large inbox is read in shares, the merged tables written beside the checks.

A forked process starts at once with a copy of this process's memory, so what it works on is not copied through
a pipe. Where processes cannot be forked (another system, or other threads running here, whose locks the copy
could inherit held), the work is done in this process, in turn: the result is the same, only later.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_JOB: list[Callable[[], None]] = []
"""The job a forked process runs (set before it forks, so the process has it, and all it reads, in its memory)."""


def can_fork() -> bool:
    """Whether work may go to forked processes here."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` forked processes (check can_fork first)."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


@contextmanager
def beside(job: Callable[[], None]) -> Iterator[None]:
    """Run `job` in a forked process while the with-block runs here; an exception of `job` is raised at the end
    of the block. Without forking, `job` runs after the block."""
    if not can_fork():
        yield
        job()
        return
    _JOB[:] = [job]
    try:
        with pool(1) as workers:
            done = workers.submit(_run_job)
            yield
            done.result()
    finally:
        _JOB.clear()


def _run_job() -> None:
    _JOB[0]()
