"""Parallel notebook execution: failures are isolated, good reports are never overwritten by bad ones."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_notebook

from paritrana_nb.outputs import FileSet
from paritrana_nb.report.export import find_external_references
from paritrana_nb.report.runner import ReportJob, run_jobs
from scoring_fixtures import PROJECT


def _python_notebook(path: Path, parameters: str, *cells: NotebookNode) -> Path:
    """A Python notebook at `path`: its `parameters` cell, then `cells`."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [new_code_cell(parameters, metadata={"tags": ["parameters"]}), *cells]
    nbformat.write(nb, path)
    return path


def _notebook(path: Path) -> Path:
    return _python_notebook(
        path,
        "nama = 'x'  # name shown\ngagal = False  # raise on purpose",
        new_code_cell(
            "from IPython.display import HTML, display\n"
            "import html\n"
            "if gagal:\n    raise ValueError('data rusak untuk ' + nama)\n"
            "display(HTML('<h1>Laporan ' + html.escape(nama) + '</h1>'))"
        ),
        new_code_cell("display({'application/json': {'nama': nama}}, raw=True)", metadata={"tags": ["hasil"]}),
    )


def _job(notebook: Path, out: Path, key: str, gagal: bool) -> ReportJob:
    return ReportJob(
        key=key,
        notebook=notebook,
        parameters={"nama": f"<b>{key}</b>", "gagal": gagal},
        html_path=out / f"{key}.html",
        title=f"Laporan {key}",
    )


def test_failure_is_isolated_and_previous_report_kept(tmp_path: Path) -> None:
    notebook = _notebook(tmp_path / "t.ipynb")
    out = tmp_path / "out"
    first = run_jobs([_job(notebook, out, "a", False), _job(notebook, out, "b", False)], n_jobs=2, progress=False)
    assert [r.ok for r in first] == [True, True]
    good_b = (out / "b.html").read_text()
    assert "Laporan &lt;b&gt;b&lt;/b&gt;" in good_b and "<b>b</b>" not in good_b
    assert find_external_references(good_b) == []
    assert first[0].outputs == {"nama": "<b>a</b>"}
    assert "gagal = " not in good_b  # no code, no parameters

    second = run_jobs([_job(notebook, out, "a", False), _job(notebook, out, "b", True)], n_jobs=2, progress=False)
    assert second[0].ok and not second[1].ok
    assert "ValueError" in (second[1].error or "") and "data rusak" in (second[1].error or "")
    assert second[1].kept_previous
    assert (out / "b.html").read_text() == good_b
    assert (out / "b.failed.ipynb").exists()
    assert not list(out.glob(".*.tmp"))


def test_kernel_start_failure_is_retried_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import papermill

    notebook = _notebook(tmp_path / "t.ipynb")
    real = papermill.execute_notebook
    calls: list[int] = []

    def flaky(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    [result] = run_jobs([_job(notebook, tmp_path / "out", "a", False)], n_jobs=1, progress=False)
    assert result.ok and result.attempts == 2 and len(calls) == 2


def test_kernel_that_never_starts_fails_after_one_retry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import papermill

    notebook = _notebook(tmp_path / "t.ipynb")

    def dead(*args: object, **kwargs: object) -> object:
        raise RuntimeError("Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(papermill, "execute_notebook", dead)
    [result] = run_jobs([_job(notebook, tmp_path / "out", "a", False)], n_jobs=1, progress=False)
    assert not result.ok and result.attempts == 2 and "Kernel didn't respond" in (result.error or "")


def test_a_kept_kernel_runs_each_notebook_as_a_new_kernel_would(tmp_path: Path) -> None:
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        new_code_cell("nama = 'x'  # name", metadata={"tags": ["parameters"]}),
        new_code_cell("print(sorted(k for k in globals() if k.startswith('tinggal')))\ntinggal = nama"),
    ]
    path = tmp_path / "t.ipynb"
    nbformat.write(notebook, path)
    jobs = [ReportJob(k, path, {"nama": k}, tmp_path / "out" / f"{k}.html", k) for k in ("a", "b", "c")]
    assert all(r.ok for r in run_jobs(jobs, n_jobs=1, progress=False))  # one process: one kernel for all three
    for job in jobs:
        executed = nbformat.read(job.ipynb_path, as_version=4)
        assert [c.execution_count for c in executed.cells if c.cell_type == "code"] == [1, 2, 3]
        assert executed.cells[-1].outputs[0]["text"] == "[]\n"  # nothing left by the notebook before


def test_a_kept_kernel_gives_each_notebook_a_history_session_of_its_own(tmp_path: Path) -> None:
    """As a new kernel does: reset into the same session, a kept kernel stored line 1 again, and IPython printed
    "ERROR! Session/line number was not unique in database" into the audit notebook of whichever report ran."""
    path = _python_notebook(
        tmp_path / "t.ipynb",
        "nama = 'x'  # name",
        new_code_cell(
            "history = get_ipython().history_manager\n"
            "history.db_cache_size = 1000  # lines stored when asked (not by its thread): what that prints lands here\n"
            "history.writeout_cache()"
        ),
    )
    jobs = [ReportJob(k, path, {"nama": k}, tmp_path / "out" / f"{k}.html", k) for k in ("a", "b", "c")]
    assert all(r.ok for r in run_jobs(jobs, n_jobs=1, progress=False))  # one process: one kernel for all three
    for job in jobs:
        executed = nbformat.read(job.ipynb_path, as_version=4)
        assert [cell.outputs for cell in executed.cells if cell.cell_type == "code"] == [[], [], []], job.key


def _write_name(path: Path, name: str) -> None:
    """A job's `before` step: writes the file its notebook reads (as `paritrana run` writes the drawn report)."""
    if name == "rusak":
        raise ValueError("tidak bisa menggambar " + name)
    path.write_text(name, encoding="utf-8")


def test_before_step_runs_in_the_worker_and_its_failure_fails_only_its_job(tmp_path: Path) -> None:
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        new_code_cell("sumber = ''  # file written before the notebook", metadata={"tags": ["parameters"]}),
        new_code_cell("from pathlib import Path\nprint(Path(sumber).read_text())"),
    ]
    path = tmp_path / "t.ipynb"
    nbformat.write(notebook, path)
    out = tmp_path / "out"
    jobs = [
        ReportJob(
            key,
            path,
            {"sumber": str(tmp_path / f"{key}.txt")},
            out / f"{key}.html",
            key,
            before=partial(_write_name, tmp_path / f"{key}.txt", key),
        )
        for key in ("baik", "rusak")
    ]
    good, bad = run_jobs(jobs, n_jobs=2, progress=False)
    assert good.ok and "baik" in (out / "baik.html").read_text()
    assert not bad.ok and "ValueError: tidak bisa menggambar rusak" in (bad.error or "")
    assert not (out / "rusak.html").exists()


def test_workers_shut_their_kernels_down_and_remove_their_sockets(tmp_path: Path) -> None:
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        new_code_cell("nama = 'x'", metadata={"tags": ["parameters"]}),
        new_code_cell(
            "from ipykernel.connect import get_connection_info\n"
            "import os\n"
            "display({'application/json': {'pid': os.getpid(), 'ip': get_connection_info(unpack=True)['ip']}}, "
            "raw=True)",
            metadata={"tags": ["hasil"]},
        ),
    ]
    path = tmp_path / "t.ipynb"
    nbformat.write(notebook, path)
    jobs = [ReportJob(k, path, {"nama": k}, tmp_path / "out" / f"{k}.html", k) for k in ("a", "b", "c")]
    results = run_jobs(jobs, n_jobs=2, progress=False)
    assert all(r.ok for r in results)
    for result in results:
        assert not Path(str(result.outputs["ip"])).parent.exists()  # the worker removed its socket folder
        with pytest.raises(ProcessLookupError):  # and its kernel was shut down with it, not left to notice alone
            os.kill(int(str(result.outputs["pid"])), 0)


def test_a_kept_kernels_client_is_ready_once_answered_and_misses_no_output(tmp_path: Path) -> None:
    from jupyter_core.utils import run_sync

    from paritrana_nb.report.runner import close_kernel, start_kernel

    async def printed(km: object, code: str) -> list[str]:
        client = km.client()  # type: ignore[attr-defined]
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            texts: list[str] = []
            await client.execute_interactive(
                code, timeout=60, output_hook=lambda m: m["msg_type"] == "stream" and texts.append(m["content"]["text"])
            )
            return texts
        finally:
            client.stop_channels()

    try:
        km = start_kernel(str(tmp_path))
        assert type(km.client()).__name__ == "ReadyKernelClient"
        for n in range(5):  # a new client each time, as each job has: every output of its first cell arrives
            assert run_sync(printed)(km, f"print({n})") == [f"{n}\n"]
    finally:
        close_kernel()


async def _ready(km: object) -> None:
    """Wait until the kernel of `km` answers (a new client's channels, closed after)."""
    client = km.client()  # type: ignore[attr-defined]
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
    finally:
        client.stop_channels()


def test_a_dead_kernel_is_not_waited_for(tmp_path: Path) -> None:
    from jupyter_core.utils import run_sync

    from paritrana_nb.report.runner import KERNEL_START_ERRORS, close_kernel, start_kernel

    try:
        km = start_kernel(str(tmp_path))
        run_sync(_ready)(km)
        run_sync(km.shutdown_kernel)(now=True)
        with pytest.raises(RuntimeError) as error:
            run_sync(_ready)(km)
        assert any(text in str(error.value) for text in KERNEL_START_ERRORS)  # a start failure: retried once
    finally:
        close_kernel()


def test_jobs_given_one_by_one_run_as_they_come_and_report_in_their_order(tmp_path: Path) -> None:
    from paritrana_nb.report.runner import ReportWorkers

    notebook = _notebook(tmp_path / "t.ipynb")
    out = tmp_path / "out"
    given: list[str] = []

    def jobs() -> object:
        for key in ("c", "a", "b"):
            given.append(key)
            yield _job(notebook, out, key, key == "a")

    with FileSet(out), ReportWorkers(2) as workers:  # the run's set: its reports in place when it ends
        results = workers.run(jobs(), progress=False, total=3)  # type: ignore[arg-type]
    assert given == ["c", "a", "b"]
    assert [(r.key, r.ok) for r in results] == [("c", True), ("a", False), ("b", True)]
    assert (out / "c.html").exists() and (out / "b.html").exists() and not (out / "a.html").exists()


def test_ctrl_c_pressed_twice_stops_a_run_at_once_quietly_leaving_no_process(tmp_path: Path) -> None:
    """Ctrl-C twice (as a terminal sends it: to the whole process group) while `paritrana run` renders its reports:
    exit code 130 within seconds, no traceback from any process, none left (a hang in multiprocessing's exit handler,
    then the workers' tracebacks, before); the previous reports stay whole."""
    for folder in ("data/2024", "data/2025", "params/2024", "params/2025"):
        shutil.copytree(PROJECT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("inbox"))
    command = [
        sys.executable,
        "-m",
        "paritrana_nb.cli",
        "run",
        "--all",
        "--out",
        "rep",
        "--draws",
        "20",
        "--lang",
        "en",
    ]
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    err = tmp_path / "err.txt"
    with err.open("wb") as said:
        started = subprocess.Popen(
            command,
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=said,
            start_new_session=True,  # a process group of its own, as a terminal's foreground job
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        deadline = time.monotonic() + 120
        while "reports:" not in err.read_text(errors="replace") and time.monotonic() < deadline:
            assert started.poll() is None, err.read_text()
            time.sleep(0.1)
        time.sleep(3)  # the workers' kernels run the first reports
        os.killpg(started.pid, signal.SIGINT)
        time.sleep(1)
        os.killpg(started.pid, signal.SIGINT)
        pressed = time.monotonic()
        try:
            code = started.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(started.pid, signal.SIGKILL)
            pytest.fail(f"still running 15 s after Ctrl-C: {err.read_text()}")
        stopped_in = time.monotonic() - pressed
        left = True
        while left and time.monotonic() < pressed + 10:
            try:
                os.killpg(started.pid, 0)
            except ProcessLookupError:
                left = False
            time.sleep(0.1)
    said_text = err.read_text(errors="replace")
    assert code == 130 and stopped_in < 5, (code, stopped_in, said_text)
    assert "Traceback" not in said_text and "Ctrl-C" in said_text, said_text
    assert not left, "a process of the run is left"
    assert not (tmp_path / "rep" / "2025" / "index.html").exists()


def test_a_kernel_starts_under_a_temporary_folder_too_deep_for_its_sockets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a TMPDIR of some 80 characters a kernel's socket path passed the system's 108 bytes: the kernel failed
    to start ("File name too long"), a report's province and every explorer page with it."""
    from jupyter_core.utils import run_sync

    from paritrana_nb import scratch
    from paritrana_nb.report.runner import close_kernel, start_kernel

    deep = tmp_path / ("d" * 90)
    deep.mkdir()
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(deep))

    try:
        run_sync(_ready)(start_kernel(str(tmp_path)))
    finally:
        close_kernel()


def test_a_kept_kernel_puts_nothing_in_the_temporary_folder_outside_its_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later run removes the working folder of a run killed with `kill -9` (scratch.remove_orphaned), and only
    that: the kernel's connection file (its key), which jupyter_client wrote as `tmp*.json` in the temporary folder
    itself, was left there for good."""
    import tempfile

    from jupyter_core.utils import run_sync

    from paritrana_nb.report.runner import close_kernel, start_kernel

    temp = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))  # short: the kernel's sockets go there too
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    try:
        km = start_kernel(str(tmp_path))
        run_sync(_ready)(km)
        assert [p.name for p in temp.iterdir() if not p.name.startswith("paritrana-kernel-")] == []
        assert Path(km.connection_file).parent.parent == temp
    finally:
        close_kernel()
        shutil.rmtree(temp, ignore_errors=True)


def test_an_error_in_a_run_stops_its_workers_without_waiting_for_the_reports_running(tmp_path: Path) -> None:
    """An error while a run hands out its jobs (a prepared analysis that cannot be saved: the run fails, its reports
    dropped) waited for the reports running to end, each up to its notebook's timeout. Its workers are stopped as on
    Ctrl-C: at once, their kernels with them."""
    from paritrana_nb.report.runner import ReportWorkers

    notebook = _python_notebook(tmp_path / "slow.ipynb", "nama = 'x'", new_code_cell("import time\ntime.sleep(90)"))
    out = tmp_path / "out"

    def jobs() -> object:
        yield ReportJob("slow", notebook, {"nama": "x"}, out / "slow.html", "slow")
        time.sleep(3)  # its notebook runs
        raise OSError(28, "No space left on device")

    started = time.monotonic()
    with pytest.raises(OSError, match="No space"), FileSet(out), ReportWorkers(2) as workers:
        workers.run(jobs(), progress=False, total=2)  # type: ignore[arg-type]
    assert time.monotonic() - started < 45
    assert not (out / "slow.html").exists()
