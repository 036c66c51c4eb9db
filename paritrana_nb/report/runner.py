"""Executing report notebooks with Papermill, in parallel, without ever losing a good report.

Each job stages its executed notebook and HTML (and its companions: a province's score CSV) only when both succeeded;
the run's reports are one set (outputs.FileSet over their folder, opened by the caller: `run_jobs`, `paritrana run`),
which replaces the previous reports when the run ends, or none of them (a full disk, an interruption or a kill while
they are made or written included): never some reports of this run beside others of an earlier one. A failed job
keeps its previous report and leaves `*.failed.ipynb`. The executed notebook saved is the
same, byte for byte, from run to run (`reproducible`: no time of day, no temporary path).

Each worker process keeps one kernel from job to job (started ahead, when the workers start): before every
notebook its namespace and execution count are reset, so a notebook runs as in a new kernel, without paying
for a kernel start each time. A job that fails discards the kernel; the next one starts a new kernel.

A job's `before` step runs in the worker while its kernel starts or waits (`paritrana run` draws the report
there, see drawn.py); it fails the job as the notebook would.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import multiprocessing.util
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar

from tqdm import tqdm

from ..config import KERNEL_ENVIRONMENT
from ..forking import end_with_parent
from ..messages import t, unwritable
from ..outputs import FileSet, stage_file, staged_path, write_atomic
from ..scratch import make_folder, remove_folder, working_folder

T = TypeVar("T")
R = TypeVar("R")


class _ProgressBar(tqdm):
    """tqdm without its monitor thread, which outlives the bar for the rest of the process (tqdm's own switch,
    `monitor_interval = 0`, set on this class alone): a thread left running stops a library user's later work
    from going to forked processes (forking.can_fork). The bar is updated as each job ends; nothing to monitor."""

    monitor_interval = 0

    def more(self, n: int) -> None:
        """`n` more jobs than the bar counted so far (a report made again): counted in the same bar."""
        self.total = (self.total or self.n) + n
        self.refresh()


class _ProgressLines:
    """A run's progress where it goes to a log, not a terminal: a line as it starts (`laporan: 0/38 (00:00)`), then one
    for each job ended (`laporan: 3/38 (00:42)`), in place of a bar redrawn with carriage returns, which a log file
    keeps as one long line."""

    def __init__(self, total: int | None, description: str, stream: IO[str]) -> None:
        self.n = 0
        self.leave = True
        self._total = total
        self._description = description
        self._stream = stream
        self._started = time.monotonic()
        self._line()

    def update(self, n: int = 1) -> None:
        """`n` more jobs ended: a line saying how many have, of how many, and the time since the start."""
        if n <= 0:
            return
        self.n += n
        self._line()

    def _line(self) -> None:
        count = self.n if self._total is None else f"{self.n}/{self._total}"
        elapsed = tqdm.format_interval(time.monotonic() - self._started)
        print(f"{self._description}: {count} ({elapsed})", file=self._stream, flush=True)

    def more(self, n: int) -> None:
        """`n` more jobs than counted so far (a report made again): the next line counts them."""
        self._total = (self.n if self._total is None else self._total) + n

    def close(self) -> None:
        """Nothing to clear: each line stays in the log."""


Progress = _ProgressBar | _ProgressLines
"""A run's progress: a bar on a terminal, lines in a log."""


@contextlib.contextmanager
def run_progress(total: int | None, lang: str, shown: bool) -> Iterator[Progress]:
    """The progress of a run of `total` jobs in `lang` on stderr: a bar on a terminal, lines in a log
    (`_ProgressLines`; the stream's kind: `_on_terminal`); nothing when not `shown`. A bar stopped by an error is
    cleared, never drawn again below the message saying so."""
    description = t("report.progress_description", lang)
    bar: Progress
    if shown and not _on_terminal(sys.stderr):
        bar = _ProgressLines(total, description, sys.stderr)
    else:
        bar = _ProgressBar(total=total, desc=description, unit=t("report.progress_unit", lang), disable=not shown)
    try:
        yield bar
    except BaseException:
        bar.leave = False
        raise
    finally:
        bar.close()


def _on_terminal(stream: IO[str]) -> bool:
    """Whether `stream` is a terminal (where a redrawn bar can be seen), not a file or a pipe."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


KERNEL_START_ERRORS = (
    "Kernel didn't respond",
    "Kernel died before replying",
    "kernel_info",
    "Address already in use",
    "Timeout waiting for kernel",
)


#: Run silently in a kept kernel before each notebook: an empty namespace, the first cell numbered 1 and a new
#: history session, as in a new kernel (numbered from 1 again in the same session, IPython's history found line 1
#: stored already and printed an error into the notebook running).
RESET = "get_ipython().reset(new_session=True)"
KERNEL_ENGINE = "paritrana-kept-kernel"
#: The kernel every report runs in, kept by its worker: a --notebook's own metadata does not choose it.
KERNEL_NAME = "python3"
#: This process's kernel manager ("km"), its socket folder ("folder"), "registered", the temporary folder of the job
#: it runs ("job").
_kept: dict[str, Any] = {}


def _ready_kernel_client() -> type:
    """jupyter_client's kernel client, but ready as soon as the kernel has answered.

    jupyter_client's `wait_for_ready` ends by reading IOPub until it stays silent for 0.2 s: every job paid that
    twice (the reset, then papermill's client), 0.4 s a report spent waiting. This one asks
    for kernel_info as jupyter_client does and is ready once IOPub brings the kernel's "idle" status for the
    request answered: the proof that IOPub is connected, with nothing of its own left to read. Errors are
    jupyter_client's (KERNEL_START_ERRORS recognises them).
    """
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class ReadyKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            idle: set[str] = set()  # the requests whose idle status came: a late reply may answer an earlier one
            while True:
                self.kernel_info()
                try:
                    reply = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    reply = None
                if reply is not None and reply["msg_type"] == "kernel_info_reply":
                    request = reply["parent_header"].get("msg_id")
                    if await self._idle_after(request, idle, deadline):
                        self._handle_kernel_info_reply(reply)
                        return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

        async def _idle_after(self, request: str, idle: set[str], deadline: float) -> bool:
            """Whether IOPub brought or brings the kernel's idle status for `request` (adding every idle status
            read to `idle`); False when IOPub stays silent for 0.2 s (not connected yet) or at `deadline`."""
            while request not in idle:
                if time.monotonic() > deadline:
                    return False
                try:
                    msg = await self.iopub_channel.get_msg(timeout=0.2)
                except Empty:
                    return False
                if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                    idle.add(msg["parent_header"].get("msg_id"))
            return True

    return ReadyKernelClient


def _ipc_kernel_manager(socket_base: Path) -> type:
    """A kernel manager talking to its kernel over local sockets named after `socket_base` (unique per
    process): no TCP ports, so parallel kernels cannot race for a port, and nothing listens on the network.
    Its clients are `_ready_kernel_client`'s."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Unicode, default

    client = _ready_kernel_client()

    class IPCKernelManager(AsyncKernelManager):
        transport = Unicode("ipc")
        ip = Unicode(str(socket_base))

        @default("client_factory")
        def _ready_client(self) -> type:
            return client

    return IPCKernelManager


def _register_engine() -> None:
    """Papermill's nbclient engine, executing in the kernel manager passed as `km` and closing its client after."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class KeptKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            log_output: bool = False,
            start_timeout: int = 60,
            execution_timeout: int | None = None,
            **kwargs: Any,
        ) -> Any:
            client = PapermillNotebookClient(
                nb_man,
                km=kwargs["km"],
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                record_timing=False,  # no execution timestamps in the cells' metadata (see `reproducible`)
            )
            try:
                return client.execute()
            finally:
                if client.kc is not None:
                    client.kc.stop_channels()

    papermill_engines.register(KERNEL_ENGINE, KeptKernelEngine)


def start_kernel(cwd: str) -> Any:
    """This process's kept kernel, started (in `cwd`) if there is none or it died. Returns once the kernel
    process is launched: the first request to it waits until it is ready."""
    from jupyter_core.utils import run_sync

    os.environ.update(KERNEL_ENVIRONMENT)  # this process's too, before it imports ipykernel (and its debugger)
    km = _kept.get("km")
    if km is not None and run_sync(km.is_alive)():
        return km
    close_kernel()
    folder = str(make_folder("kernel"))  # removed by close_kernel; by a later run when this process is killed
    # its connection file (the kernel's key) there too: jupyter_client's own, a `tmp*.json` in the temporary folder,
    # was left there for good by a run killed with `kill -9`
    km = _ipc_kernel_manager(Path(folder) / "kernel")(
        kernel_name=KERNEL_NAME, connection_file=str(Path(folder) / "kernel.json")
    )
    _kept.update(km=km, folder=folder)
    if not _kept.get("registered"):
        atexit.register(close_kernel)
        _register_engine()
        _kept["registered"] = True
    run_sync(km.start_kernel)(cwd=cwd, extra_arguments=[_KERNEL_LOG_LEVEL])
    return km


_KERNEL_LOG_LEVEL = "--IPKernelApp.log_level=ERROR"
"""The kernel's own log (on the command's standard error) keeps its errors only: its warnings are none of the user's,
and one came after the command had ended: killed with `kill -9`, it left its kernel, which ended on its own saying
"[IPKernelApp] WARNING | Parent appears to have exited, shutting down." on the terminal."""


def _execute_silently(km: Any, code: str, timeout: float = 120) -> None:
    """Run `code` in the kernel without output or history; raises RuntimeError when it fails."""
    from jupyter_core.utils import run_sync

    async def run() -> dict[str, Any]:
        client = km.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=timeout)
            reply: dict[str, Any] = await client.execute_interactive(
                code, silent=True, store_history=False, timeout=timeout, output_hook=lambda msg: None
            )
            return reply
        finally:
            client.stop_channels()

    reply = run_sync(run)()
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")


def close_kernel() -> None:
    """Shut down this process's kept kernel, if any, and remove its socket folder."""
    from jupyter_core.utils import run_sync

    km, folder = _kept.pop("km", None), _kept.pop("folder", None)
    if km is not None:
        with contextlib.suppress(Exception):  # a kernel already gone is shut down
            run_sync(km.shutdown_kernel)(now=True)
    if folder is not None:
        remove_folder(folder)


def _warm_worker(cwd: str) -> None:
    """Worker initializer: start the kept kernel ahead; a failure here is left to the first job to report.

    A worker ignores Ctrl-C (the terminal sends it to the whole process group): the process that started the workers
    stops them (`ReportWorkers`) with SIGTERM, on which a worker kills its kernel and ends at once (`_end_worker`).
    A forked worker ends without running `atexit` handlers, but with multiprocessing's finalizers: one of them
    shuts its kernel down. When `paritrana run` is killed without a chance to stop its workers, each kills its
    kernel and ends (forking.end_with_parent): no report is written after it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_worker)
    multiprocessing.util.Finalize(None, close_kernel, exitpriority=0)
    end_with_parent(_drop_kernel)
    try:
        start_kernel(cwd)
    except Exception:  # noqa: BLE001 - the first job starts a kernel again and reports why it fails
        close_kernel()


def _end_worker(_signum: int, _frame: object) -> NoReturn:
    """SIGTERM in a worker (the run stopping): its kernel killed, its sockets and its job's temporary folder removed
    (`_drop_kernel`), then the process ended, whatever the job was doing; what the job staged is left to the run's
    set, which drops it."""
    _drop_kernel()
    os._exit(143)


def _drop_kernel() -> None:
    """Kill this process's kept kernel at once and remove its sockets and its job's temporary folder, without its
    kernel manager: what a signal handler, or a thread, may do while the job's own thread is stopped anywhere. The
    manager's shutdown (`close_kernel`) there ran its asyncio code beside the job's, whose event loop, or a lock it
    held, it could wait for: the worker never ended, nor the run that waited for it."""
    process = getattr(getattr(_kept.get("km"), "provisioner", None), "process", None)
    if process is not None:  # jupyter_client starts a kernel in a session of its own: its processes are its group
        _kill_group(process.pid)
    for kind in ("folder", "job"):
        if kind in _kept:
            remove_folder(_kept[kind])


def _kill_group(pid: int) -> None:
    """Kill process `pid` (SIGKILL) and, where it leads a process group (a kernel does), the whole group; nothing
    when it is gone, nor where the system has no such signal."""
    kill = getattr(signal, "SIGKILL", None)
    if kill is None:
        return
    with contextlib.suppress(OSError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, kill)
        else:
            os.kill(pid, kill)


def _children(pid: int) -> list[int]:
    """The processes that process `pid` started and that still run (its kernel), as the system's /proc lists them;
    none where there is no /proc (there a kernel ends as soon as it sees its parent gone: ipykernel's own watch)."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if entry.name.isdigit() and _parent(entry.path) == pid:
                found.append(int(entry.name))
    return found


def _parent(proc: str) -> int | None:
    """The parent's process id of the process whose /proc folder is `proc`; None when it is gone."""
    try:
        stat = Path(proc, "stat").read_text(encoding="ascii", errors="replace")
        return int(stat.rsplit(")", 1)[1].split()[1])  # after the name, which may hold anything: state, parent
    except (OSError, IndexError, ValueError):
        return None


@dataclass(frozen=True)
class ReportJob:
    """One notebook to execute with `parameters`, rendered to `html_path`."""

    key: str
    notebook: Path
    parameters: dict[str, object]
    html_path: Path
    title: str
    lang: str = "id"
    timeout: int = 600
    before: Callable[[], object] | None = None  # run in the worker before the notebook (a picklable callable)
    environment: dict[str, str] = field(default_factory=dict)  # set in the kernel's os.environ before the notebook
    companions: tuple[tuple[str, Path], ...] = ()
    """Files written with the notebook and HTML, in their set: (name beside the HTML, the file `before` made)."""

    @property
    def ipynb_path(self) -> Path:
        return self.html_path.with_suffix(".ipynb")

    @property
    def failed_path(self) -> Path:
        return self.html_path.with_suffix(".failed.ipynb")


@dataclass(frozen=True)
class JobResult:
    """How one job ended: `ok`, or the error a person can read."""

    key: str
    ok: bool
    seconds: float
    attempts: int
    error: str | None = None
    html_path: Path | None = None
    kept_previous: bool = False
    outputs: dict[str, object] = field(default_factory=dict)
    failed_notebook: Path | None = None
    """The executed notebook of a failed job, kept as `*.failed.ipynb` (None when it failed before it ran)."""
    trace: str | None = None
    """The Python traceback of a job that failed outside its notebook's cells (a cell's is in `*.failed.ipynb`), for
    the run's log; never shown on the terminal."""


def _setup_code(environment: dict[str, str]) -> str:
    """The code run silently before a notebook: `RESET`, then `environment` set in the kernel's os.environ (leaving
    no name in the notebook's namespace)."""
    return RESET + (f"\n__import__('os').environ.update({environment!r})" if environment else "")


#: The id of the cell papermill injects with the parameters (papermill gives it a random one on every run).
INJECTED_CELL_ID = "injected-parameters"


def reproducible(notebook: Any, name: str) -> Any:
    """`notebook`, executed by papermill, with nothing that changes from run to run, so the same season, methodology
    and parameters save the same bytes: no start or end time or duration (papermill's metadata of the notebook and
    of each cell, kept as null), the saved file's `name` as papermill's output path (not the temporary file it
    wrote), and a fixed id for the injected parameters' cell. Modifies and returns `notebook`."""
    timings = [notebook.metadata.get("papermill", {})]
    timings += [cell.metadata.get("papermill", {}) for cell in notebook.cells]
    for timing in timings:
        for key in ("start_time", "end_time", "duration"):
            if key in timing:
                timing[key] = None
    if "papermill" in notebook.metadata:
        notebook.metadata.papermill["output_path"] = name
    ids = {cell.get("id") for cell in notebook.cells}
    for cell in notebook.cells:
        if "injected-parameters" in cell.metadata.get("tags", []) and INJECTED_CELL_ID not in ids:
            cell.id = INJECTED_CELL_ID
    return notebook


def _is_kernel_start_failure(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}"
    return isinstance(exc, (TimeoutError, ConnectionError)) or any(s in text for s in KERNEL_START_ERRORS)


def _describe(exc: BaseException, lang: str) -> str:
    """Why a report failed, said in `lang`: the cell that stopped the notebook (its In [n], as papermill marks it in
    the failed notebook) or that the report could not be made, with the error itself (the cell's, not papermill's)
    as the detail."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        error = ": ".join(part for part in (exc.ename, exc.evalue) if part)
        if exc.exec_count is None:
            return t("report.failed_notebook", lang, error=error)
        return t("report.failed_cell", lang, cell=exc.exec_count, error=error)
    return t("report.failed_run", lang, error=f"{type(exc).__name__}: {exc}".strip())


def _trace(exc: BaseException) -> str | None:
    """The traceback of `exc`, which made a report fail, for the run's log; None for an error in a notebook's cell,
    whose traceback the failed notebook keeps (`*.failed.ipynb`)."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return None
    return "".join(traceback.format_exception(exc))


def run_job(job: ReportJob) -> JobResult:
    """Execute one notebook and render it; a kernel that fails to start is retried once."""
    import nbformat
    import papermill

    from .export import notebook_to_html

    started = time.perf_counter()
    job.html_path.parent.mkdir(parents=True, exist_ok=True)
    attempts = 0
    before = job.before
    while True:
        attempts += 1
        with working_folder("run") as tmp:
            _kept["job"] = str(tmp)
            executed = Path(tmp) / job.ipynb_path.name
            try:
                km = start_kernel(str(Path.cwd()))
                if before is not None:  # while the kernel starts, if it is new
                    before()
                    before = None  # done, even if the kernel fails to start and the job is tried again
                _execute_silently(km, _setup_code(job.environment))
                notebook = papermill.execute_notebook(
                    str(job.notebook),
                    str(executed),
                    parameters=job.parameters,
                    engine_name=KERNEL_ENGINE,
                    kernel_name=KERNEL_NAME,  # the kept kernel's, whatever the notebook's metadata names (or not)
                    language="python",  # the language its parameters are written in: the kernel's
                    progress_bar=False,
                    log_output=False,
                    execution_timeout=job.timeout,
                    start_timeout=60,
                    cwd=str(Path.cwd()),
                    km=km,
                )
                saved = nbformat.writes(reproducible(notebook, job.ipynb_path.name))
                html = notebook_to_html(notebook, job.title, job.lang)
            except BaseException as exc:  # a report failure must never stop the batch
                close_kernel()  # the next notebook gets a new kernel, whatever state this one was left in
                if isinstance(exc, KeyboardInterrupt):
                    raise
                if attempts == 1 and _is_kernel_start_failure(exc) and not executed.exists():
                    continue
                if executed.exists():
                    write_atomic(job.failed_path, executed.read_bytes())
                return JobResult(
                    job.key,
                    False,
                    time.perf_counter() - started,
                    attempts,
                    _describe(exc, job.lang),
                    job.html_path if job.html_path.exists() else None,
                    kept_previous=job.html_path.exists(),
                    failed_notebook=job.failed_path if executed.exists() else None,
                    trace=_trace(exc),
                )
            _stage_report(job, saved, html)
            job.failed_path.unlink(missing_ok=True)
            return JobResult(
                job.key,
                True,
                time.perf_counter() - started,
                attempts,
                None,
                job.html_path,
                outputs=result_outputs(notebook),
            )


def _stage_report(job: ReportJob, saved: str, html: str) -> None:
    """Stage a report's files in the run's set (outputs.FileSet: renamed into place when the run ends); when one
    cannot be written, none of them stays staged, and the previous report stays whole."""
    folder = job.html_path.parent
    files: list[tuple[Path, str | bytes]] = [(job.ipynb_path, saved), (job.html_path, html)]
    files += [(folder / name, made.read_bytes()) for name, made in job.companions]
    try:
        for path, data in files:
            stage_file(path, data)
    except OSError:
        for path, _ in files:
            staged_path(path).unlink(missing_ok=True)
        raise


def result_outputs(notebook: object) -> dict[str, object]:
    """The JSON the notebook displayed in its cells tagged `hasil` (for the index and tests)."""
    out: dict[str, object] = {}
    for cell in getattr(notebook, "cells", []):
        if "hasil" not in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("application/json")
            if isinstance(data, dict):
                out.update(data)
    return out


def _safe_run(job: ReportJob) -> JobResult:
    try:
        return run_job(job)
    except OSError as error:  # its files could not be written (disk full, no permission): said, not a traceback
        where = error.filename or job.html_path
        reason = unwritable(where, error, job.lang)
        return JobResult(job.key, False, 0.0, 1, reason, kept_previous=job.html_path.exists())
    except Exception as exc:  # noqa: BLE001 - the worker's own crash: a failed job, said as a failed report is
        said = _describe(exc, job.lang)
        return JobResult(job.key, False, 0.0, 1, said, kept_previous=job.html_path.exists(), trace=_trace(exc))


def worker_context(preload: tuple[str, ...] = ()) -> BaseContext:
    """How the workers start: forked from a server process that imports `preload` once (multiprocessing's
    "forkserver", where the platform has it), else each a new interpreter. The server starts now, in the
    background (kept, with its imports, if it already runs): call this early and the imports overlap with the
    caller's work. It is no worker and starts no kernel."""
    _quiet_resource_tracker()
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    _own_temporary_folder()
    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload([__name__, *preload])
    # the server and the workers it forks ignore Ctrl-C, which the terminal sends to the whole process group: none
    # of their imports is interrupted with a traceback (the command stops them, see `_warm_worker`)
    with _ignoring(signal.SIGINT):
        multiprocessing.forkserver.ensure_running()
    return server


@contextlib.contextmanager
def fork_server(preload: tuple[str, ...], start: bool = True) -> Iterator[None]:
    """The workers' fork server started now when `start` (`worker_context`: its imports overlap the block's work), and
    ended when the block is stopped (Ctrl-C, SIGTERM): stopped before its workers started, the command ended while the
    server, still importing, went on for seconds (holding the command's standard output and error: a pipe reading
    them waited for it)."""
    if start:
        worker_context(preload)
    try:
        yield
    except KeyboardInterrupt:
        _stop_server()
        raise


def _quiet_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (a process of its own: it removes the semaphores of the workers' queues
    that this process leaves, and the workers' context needs it) without its warning about them: a run killed with
    `kill -9` leaves them to it, which it removes, but it said so on the terminal after the command had ended
    ("UserWarning: resource_tracker: There appear to be 5 leaked semaphore objects to clean up at shutdown"), nothing
    a user can act on. Nothing changes where it already runs."""
    quiet = "ignore::UserWarning:multiprocessing.resource_tracker"  # passed to it as -W (its interpreter's flags)
    sys.warnoptions.append(quiet)
    try:
        multiprocessing.resource_tracker.ensure_running()
    finally:
        sys.warnoptions.remove(quiet)


def _own_temporary_folder() -> None:
    """multiprocessing's temporary folder in this process (the fork server's socket) made a working folder of the
    workbook's (scratch: `paritrana-workers-*`, removed at exit; by a later run when this process was killed), where
    multiprocessing has not made its own yet: its own, `pymp-*`, was left for good by a run killed with `kill -9`."""
    config = multiprocessing.process.current_process()._config  # type: ignore[attr-defined]  # multiprocessing's record
    if config.get("tempdir") is None:
        folder = make_folder("workers")
        config["tempdir"] = str(folder)
        atexit.register(remove_folder, folder)


def _stop_server() -> None:
    """End the workers' fork server, if one runs (an interrupted run): one still importing the workers' modules would
    go on for seconds after the command ended, then start a worker it was asked for, which fails without the
    command's queues (a traceback). `worker_context` starts a new one when it is needed again."""
    pid = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)  # the standard library's record
    if pid is not None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)


@contextlib.contextmanager
def _ignoring(signum: int) -> Iterator[None]:
    """Signal `signum` ignored while the block runs; a process started meanwhile inherits it ignored. Only in the
    main thread (elsewhere Python cannot change it); such a signal meanwhile is lost."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signum, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signum, previous)


class ReportWorkers:
    """`n_jobs` worker processes (default: the number of cores, at most `limit`), each starting its kept kernel
    as soon as the workers start; with one, this process runs the jobs.

    The workers are forked from a fresh server process that imported `preload` once (multiprocessing's
    "forkserver", where the platform has it; else each worker is a new interpreter): they start with the
    modules their jobs need, without each paying for the imports, and share nothing else with this process.

    Use as a context manager: the workers (and their kernels) start on entry, so they start while the caller
    prepares the jobs, and stop on exit.

    A worker that dies (killed: the kernel's OOM killer, `kill -9`) breaks the pool, which then ends its other workers
    and loses all it held: new workers take over (`_submit`), and the work lost is done again, once (`map`, `run`); a
    report lost again is made once more alone, after the others (`run`): only a loss then is its own worker's.
    """

    def __init__(self, n_jobs: int | None = None, limit: int | None = None, preload: tuple[str, ...] = ()) -> None:
        self.n_jobs = max(1, min(n_jobs or os.cpu_count() or 1, limit or n_jobs or os.cpu_count() or 1))
        self.preload = preload
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ReportWorkers:
        if self.n_jobs > 1:
            try:
                self._start()
            except BaseException as stop:  # Ctrl-C meanwhile: the workers started are stopped as on exit
                self.__exit__(type(stop), stop, stop.__traceback__)
                raise
        return self

    def _start(self) -> None:
        """Start the pool and spawn every worker now, not when the first jobs arrive."""
        self.pool = ProcessPoolExecutor(
            max_workers=self.n_jobs,
            mp_context=worker_context(self.preload),
            initializer=_warm_worker,
            initargs=(str(Path.cwd()),),
        )
        for _ in range(self.n_jobs):
            self.pool.submit(os.getpid)  # waits for the fork server's imports

    def _submit(self, function: Callable[..., R], *args: object) -> Future[R]:
        """`function(*args)` handed to the workers; to new ones when a worker of the pool died (a broken pool takes
        no more work)."""
        assert self.pool is not None  # noqa: S101 - called only with workers
        try:
            return self.pool.submit(function, *args)
        except BrokenProcessPool:
            self.pool.shutdown(wait=True)  # its workers ended already
            self._start()
            return self.pool.submit(function, *args)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None and exc[0] is None:
            self.pool.shutdown(wait=True)
        elif self.pool is not None:  # Ctrl-C, SIGTERM or an error: no job is waited for (their reports are dropped)
            stop_workers(self.pool)
            if isinstance(exc[1], KeyboardInterrupt):  # the command ends: its fork server too
                _stop_server()
        close_kernel()

    def map(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """`function` over `items` on the workers (in this process with one), results in input order. An item lost
        with a worker that died (and every other the pool held then) is done again, in this process."""
        if self.pool is None:
            return map(function, items)
        futures = [self._submit(function, item) for item in items]
        return _results(function, items, futures)

    def run(
        self,
        jobs: Iterable[ReportJob],
        progress: bool = True,
        lang: str = "id",
        total: int | None = None,
        bar: Progress | None = None,
    ) -> list[JobResult]:
        """Run `jobs` on the workers, results in input order; a failing job never stops the others. Each job is
        handed to the workers as soon as `jobs` yields it (after what they were given before); `total` is the
        job count the progress bar shows when `jobs` has no length. The progress bar speaks `lang`; given `bar`, the
        jobs ended are counted in it instead (a run's one progress, `run_progress`: the caller's to open and close)."""
        if bar is None:
            with run_progress(len(jobs) if isinstance(jobs, Sized) else total, lang, progress) as shown:
                return self.run(jobs, bar=shown)
        results: dict[str, JobResult] = {}
        order: list[str] = []
        start = int(bar.n)  # the jobs the bar counted before these
        if self.pool is None:
            for job in jobs:
                order.append(job.key)
                results[job.key] = _safe_run(job)
                bar.update()
        else:
            futures: dict[Future[JobResult], ReportJob] = {}
            lost: set[str] = set()  # the jobs lost once with a worker that died
            alone: list[ReportJob] = []  # lost twice: each made again once the others ended, with nothing beside it
            tried_alone: set[str] = set()

            def settle(done: Iterable[Future[JobResult]]) -> None:
                """The results of the jobs `done`; a job lost with a worker is handed to the workers again, once,
                then (lost again: its worker's death or another's) once more alone, where a loss is its own."""
                for future in done:
                    job = futures.pop(future)
                    try:
                        results[job.key] = future.result()
                    except BrokenProcessPool:  # its worker, or another of the pool, died: all the pool held lost
                        if job.key in tried_alone:
                            results[job.key] = _worker_lost(job)
                        elif job.key in lost:
                            alone.append(job)
                        else:
                            lost.add(job.key)
                            futures[self._submit(_safe_run, job)] = job
                    except Exception as exc:  # noqa: BLE001 - the worker's result could not come back
                        said = _describe(exc, job.lang)
                        results[job.key] = JobResult(job.key, False, 0.0, 1, said, trace=_trace(exc))
                bar.update(max(0, start + len(results) - int(bar.n)))

            for job in jobs:
                order.append(job.key)
                futures[self._submit(_safe_run, job)] = job
                settle([f for f in futures if f.done()])  # the jobs done while later ones are awaited
            while futures:
                settle(wait(futures, return_when=FIRST_COMPLETED).done)
            while alone:  # the pool runs nothing else now (the analyses of `map` are done)
                job = alone.pop(0)
                tried_alone.add(job.key)
                futures[self._submit(_safe_run, job)] = job
                settle(wait(futures).done)
        return [results[key] for key in order]


STOP_SECONDS = 3.0
"""How long stopping workers (`stop_workers`) may take to end on SIGTERM (a split second: each kills its kernel and
ends) before those left are killed."""


def stop_workers(pool: ProcessPoolExecutor, seconds: float = STOP_SECONDS) -> None:
    """End the workers of `pool` now, the jobs running not waited for, in `seconds` at most: each is sent SIGTERM, on
    which it kills its kernel and ends (`_end_worker`); one still running `seconds` later (its handler waiting, or
    SIGTERM ignored) is killed, and the processes it started (its kernel) with it. Only then is the pool shut down,
    which waits for its workers: there is none left to wait for (it waited for good for a worker that did not end).
    The pool then writes to the queue of workers gone: an error it passes over (SIGPIPE ignored, as Python sets it:
    `paritrana` leaves it so)."""
    workers = list((pool._processes or {}).values())
    for worker in workers:
        worker.terminate()
    deadline = time.monotonic() + seconds
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
    for worker in workers:
        if worker.is_alive() and worker.pid is not None:
            started = _children(worker.pid)  # before it is killed: then they are no longer its own
            worker.kill()
            worker.join(seconds)
            for pid in started:
                _kill_group(pid)
    pool.shutdown(wait=True, cancel_futures=True)


def _results(function: Callable[[T], R], items: list[T], futures: list[Future[R]]) -> Iterator[R]:
    """The result of each of `futures` (`function` over `items` on the workers), in order; an item whose worker died
    (the pool broken) is done again, here."""
    for item, future in zip(items, futures, strict=True):
        try:
            yield future.result()
        except BrokenProcessPool:
            yield function(item)


def _worker_lost(job: ReportJob) -> JobResult:
    """A job lost with a worker that died twice, then alone: a report that could not be made, said in its language."""
    return JobResult(job.key, False, 0.0, 3, t("report.failed_worker", job.lang), kept_previous=job.html_path.exists())


def run_jobs(
    jobs: list[ReportJob], n_jobs: int | None = None, progress: bool = True, lang: str = "id"
) -> list[JobResult]:
    """Run `jobs` on `n_jobs` worker processes (default: the number of cores, at most one per job), in input order;
    the progress bar speaks `lang`. The reports of each folder are one set (outputs.FileSet): those that succeeded
    replace their previous files when every job has ended, or (interrupted, killed) none does."""
    with contextlib.ExitStack() as sets:
        for folder in sorted({job.html_path.parent for job in jobs}):
            sets.enter_context(FileSet(folder))  # each folder's reports replaced together when all jobs ended
        with ReportWorkers(n_jobs, limit=len(jobs) or 1) as workers:
            return workers.run(jobs, progress, lang)
