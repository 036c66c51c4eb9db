"""Work in forked processes: a large inbox read in shares, the merged tables written beside the checks, the
season cache written while a command scores.

A forked process starts at once with a copy of this process's memory, so what it works on is not copied through
a pipe. Where processes cannot be forked (another system, or other threads running here, whose locks the copy
could inherit held), the work is done in this process, in turn (or by a thread): the result is the same.
"""

from __future__ import annotations

import functools
import mmap
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection, wait
from multiprocessing.pool import Pool
from multiprocessing.reduction import ForkingPickler
from typing import Generic, NoReturn, TypeVar

_JOB: list[Callable[[], None]] = []
"""The job a forked process runs (set before it forks, so the process has it, and all it reads, in its memory)."""

T = TypeVar("T")


def can_fork() -> bool:
    """Whether work may go to forked processes here."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` forked processes (check can_fork first); Ctrl-C ends them quietly (`_end_quietly`)."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_end_quietly)


@contextmanager
def worker_pool(workers: int, initializer: Callable[[], object] | None = None) -> Iterator[Pool]:
    """A multiprocessing pool of `workers` forked processes (check can_fork first), each running `initializer` first.
    Once the block is done, the workers are told there is no more work and end by themselves (waited for). Ending them
    with SIGTERM, as the pool's own with-block does, hung now and then for good in a command's process (`rapor` once its
    cards were written): a worker waiting for its next task never ended, and the pool waited for it. An error or a stop
    in the block still ends them at once."""
    with multiprocessing.get_context("fork").Pool(workers, initializer=initializer) as workers_pool:
        yield workers_pool
        workers_pool.close()
        workers_pool.join()


def _end_quietly() -> None:
    """In a pool's process: an interrupt (the terminal's Ctrl-C reaches the whole process group) ends it without a
    traceback of its own (the process that forked it reports the stop); cleanup code such as an unfinished atomic
    write's still runs. It also ends with the process that started it (`end_with_parent`)."""
    signal.signal(signal.SIGINT, _exit_on_interrupt)
    end_with_parent()


def end_with_parent(cleanup: Callable[[], object] | None = None) -> None:
    """In a worker process: end it, after `cleanup`, as soon as the process that started it is gone, for example
    killed with SIGKILL, which gave that one no chance to stop its workers: no worker goes on writing reports or
    cards after the command ended. Nothing happens in a process that is no multiprocessing child."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        wait([sentinel])
        if cleanup is not None:
            with suppress(Exception):  # ending matters more than a clean kernel shutdown
                cleanup()
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _exit_on_interrupt(_signal: int, _frame: object) -> NoReturn:
    raise SystemExit(130)


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


class Forked(Generic[T]):
    """A job running in a forked process of its own (`fork`); `result` waits for it. Unlike a pool, it leaves no
    thread in this process, so that later work may fork again. With `then`, the process goes on with
    `then(answer)` once the job answered, and `then_result` waits for that."""

    def __init__(self, job: Callable[[], T], niceness: int = 0, then: Callable[[T], object] | None = None) -> None:
        receiving, sending = multiprocessing.Pipe(duplex=False)
        self._answer = receiving
        self._then = then is not None
        self._ended = False
        self._process = multiprocessing.get_context("fork").Process(
            target=_answer, args=(job, sending, receiving, niceness, then), name="forked-job", daemon=False
        )
        self._process.start()
        sending.close()  # the process's end: its exit ends the pipe

    def result(self) -> T:
        """What the job returned (sent as soon as it returned); what it raised is raised here, and a process that
        ended without answering (killed) raises ChildProcessError."""
        return self._received(last=not self._then)  # type: ignore[return-value]

    def then_result(self) -> object:
        """What `then` returned, once the process ended (after `result`); raised as `result` says."""
        return self._received(last=True)

    def _received(self, last: bool) -> object:
        """The next answer from the pipe; `last`: the process ends after it (then joined), as it does after a
        failed one or none."""
        done, value = False, None
        try:
            if not self._ended:  # (ended: the job's answer failed or never came, nor will then's)
                done, value = self._answer.recv()
        except (EOFError, OSError):  # no answer, or the process ended in the middle of one (killed while sending)
            pass
        finally:
            if last or not done:
                self._ended = True
                self._answer.close()
                self._process.join()
        if done:
            return value
        if isinstance(value, BaseException):
            raise value
        raise ChildProcessError(f"forked process ended with exit code {self._process.exitcode}", self._process.exitcode)

    def stop(self) -> None:
        """End the job's process now, its answer (if any) dropped: for a caller that gave up on it."""
        self._ended = True
        self._process.terminate()
        self._process.join()
        self._answer.close()


class SharedBytes:
    """Memory this process shares with the processes it forks from now on: a forked job writes its large answer
    (blocks of bytes) here and returns only where each block lies (`places`), instead of sending the bytes through
    its pipe (pickled, piped, read and unpickled: 0.2 s for the 45 MB of a national season's half of the score CSV,
    and the bytes held twice meanwhile). The memory is taken from the system only as it is written."""

    class Full(Exception):
        """The blocks outgrew the shared memory (the job then answers as it would without)."""

    def __init__(self, size: int) -> None:
        self._memory = mmap.mmap(-1, size)  # shared and anonymous: the forked process writes into this very memory
        self._end = 0
        self.places: dict[str, tuple[int, int]] = {}
        """Where each block lies: (start, end)."""

    @classmethod
    def of_size(cls, size: int) -> SharedBytes | None:
        """Shared memory of `size` bytes; None where the system refuses it (its memory strictly accounted)."""
        try:
            return cls(size)
        except (OSError, ValueError, OverflowError):
            return None

    def sink(self, name: str) -> Callable[[memoryview], None]:
        """In the forked process: start block `name` after the others; what the returned function is given is
        appended to it (raising `Full` where it does not fit)."""
        self.places[name] = (self._end, self._end)

        def append(data: memoryview) -> None:
            start, end = self.places[name]
            if end + len(data) > len(self._memory):
                raise SharedBytes.Full(name)
            self._memory[end : end + len(data)] = data
            self.places[name] = (start, end + len(data))
            self._end = end + len(data)

        return append

    def take(self, places: dict[str, tuple[int, int]]) -> dict[str, memoryview]:
        """Here, once the forked process answered: the blocks it wrote, as its `places` say (views, not copies)."""
        memory = memoryview(self._memory)
        return {name: memory[start:end] for name, (start, end) in places.items()}

    def close(self) -> None:
        """Give the memory back now; while a view `take` gave is still held, once the last one is gone."""
        with suppress(BufferError):
            self._memory.close()


def fork(job: Callable[[], T], niceness: int = 0, then: Callable[[T], object] | None = None) -> Forked[T]:
    """Start `job` in a forked process now (check can_fork first); its answer must pickle. With `niceness` (1-19),
    the process runs at that lower priority: work that can wait gives way to this process's own (the system runs it
    on a core nothing else wants; once this process waits for it, it has the cores). With `then`, the process goes
    on with `then(answer)` while its answer is sent (`Forked.then_result`), where the job did not raise."""
    return Forked(job, niceness, then)


def _answer(
    job: Callable[[], object],
    pipe: Connection,
    reading_end: Connection,
    niceness: int = 0,
    then: Callable[[object], object] | None = None,
) -> None:
    """In the forked process: run `job` and send (True, its value) or (False, what it raised); with `then`, then
    run `then(value)` and send its answer the same way. An interrupt (the terminal's Ctrl-C reaches the whole
    process group) does not stop it: the job ends, as a thread's would, and the process that forked it decides what
    to do. SIGTERM (`Forked.stop`, `timeout`) ends it at once, the system's default, even in the middle of a call
    into C (the Python handler it inherits from the command runs only once such a call returned: `stop` waited for
    the end of a read or a write). It ends as soon as that process is gone
    (killed: nobody waits for the answer), and the copy of the pipe's reading end the fork gave it is closed first:
    with it open, an answer larger than the pipe holds would wait for a reader forever. The job's answer is sent on
    a thread while `then` runs: the process that forked this one may read it only later, and a pipe holds a few
    kilobytes."""
    reading_end.close()
    if niceness:
        os.nice(niceness)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    end_with_parent()
    answer = _run(job)
    if then is None or not answer[0]:
        _send(pipe, answer)
    else:
        data = _pickled(answer)
        sending = threading.Thread(target=_send_bytes, args=(pipe, data), name="answer", daemon=True)
        sending.start()
        del data
        followed = _run(functools.partial(then, answer[1]))
        del answer
        sending.join()
        _send(pipe, followed)
    pipe.close()


def _run(job: Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, job()
    except Exception as error:  # noqa: BLE001 - any error of the job is handed to the process that waits, raised there
        return False, error


def _pickled(answer: tuple[bool, object]) -> bytes | memoryview:
    """`answer` as `Connection.send` sends it (the other end's `recv` reads it); an answer that does not pickle
    (any error): its description instead."""
    try:
        return ForkingPickler.dumps(answer)
    except Exception as error:  # noqa: BLE001 - see above
        return ForkingPickler.dumps((False, RuntimeError(f"{type(error).__name__}: {error}: {answer[1]!r}")))


def _send(pipe: Connection, answer: tuple[bool, object]) -> None:
    _send_bytes(pipe, _pickled(answer))


def _send_bytes(pipe: Connection, data: bytes | memoryview) -> None:
    with suppress(OSError):  # the process that waits is gone
        pipe.send_bytes(data)
