"""Executing report notebooks with Papermill, in parallel, without ever losing a good report.

Each job writes its executed notebook and HTML to temporary files and renames them into place
only when both succeeded; a failed job keeps the previous report and leaves `*.failed.ipynb`.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ..outputs import write_atomic

KERNEL_START_ERRORS = (
    "Kernel didn't respond",
    "Kernel died before replying",
    "kernel_info",
    "Address already in use",
    "Timeout waiting for kernel",
)


def _ipc_kernel_manager(socket_base: Path) -> type:
    """A kernel manager talking to its kernel over local sockets named after `socket_base` (unique per
    job): no TCP ports, so parallel kernels cannot race for a port, and nothing listens on the network."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Unicode

    class IPCKernelManager(AsyncKernelManager):
        transport = Unicode("ipc")
        ip = Unicode(str(socket_base))

    return IPCKernelManager


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


def _is_kernel_start_failure(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}"
    return isinstance(exc, (TimeoutError, ConnectionError)) or any(s in text for s in KERNEL_START_ERRORS)


def _describe(exc: BaseException) -> str:
    """A short, readable account of why a notebook failed (the cell's error, not papermill's)."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}"
    return f"{type(exc).__name__}: {exc}".strip()


def run_job(job: ReportJob) -> JobResult:
    """Execute one notebook and render it; a kernel that fails to start is retried once."""
    import nbformat
    import papermill

    from .export import notebook_to_html

    started = time.perf_counter()
    job.html_path.parent.mkdir(parents=True, exist_ok=True)
    attempts = 0
    while True:
        attempts += 1
        with tempfile.TemporaryDirectory(prefix="paritrana-run-") as tmp:
            executed = Path(tmp) / job.ipynb_path.name
            try:
                papermill.execute_notebook(
                    str(job.notebook),
                    str(executed),
                    parameters=job.parameters,
                    progress_bar=False,
                    log_output=False,
                    execution_timeout=job.timeout,
                    start_timeout=60,
                    cwd=str(Path.cwd()),
                    kernel_manager_class=_ipc_kernel_manager(Path(tmp) / "kernel"),
                )
                notebook = nbformat.read(executed, as_version=4)
                html = notebook_to_html(notebook, job.title, job.lang)
            except BaseException as exc:  # a report failure must never stop the batch
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
                    _describe(exc),
                    job.html_path if job.html_path.exists() else None,
                    kept_previous=job.html_path.exists(),
                )
            write_atomic(job.ipynb_path, executed.read_bytes())
            write_atomic(job.html_path, html)
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
    except Exception:  # noqa: BLE001 - report the worker's own crash as a failed job
        return JobResult(job.key, False, 0.0, 1, traceback.format_exc(limit=2))


def run_jobs(
    jobs: list[ReportJob], n_jobs: int | None = None, progress: bool = True, description: str = "laporan"
) -> list[JobResult]:
    """Run `jobs` on `n_jobs` worker processes (default: the number of cores), in input order."""
    n_jobs = max(1, min(n_jobs or os.cpu_count() or 1, len(jobs) or 1))
    results: dict[str, JobResult] = {}
    bar = tqdm(total=len(jobs), desc=description, unit="laporan", disable=not progress)
    if n_jobs == 1:
        for job in jobs:
            results[job.key] = _safe_run(job)
            bar.update()
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=n_jobs, mp_context=context) as pool:
            futures = {pool.submit(_safe_run, job): job for job in jobs}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    results[job.key] = future.result()
                except Exception as exc:  # noqa: BLE001 - a dead worker process
                    results[job.key] = JobResult(job.key, False, 0.0, 1, _describe(exc))
                bar.update()
    bar.close()
    return [results[job.key] for job in jobs]
