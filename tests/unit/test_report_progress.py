"""`paritrana run`'s progress bar speaks the run's language: its description and unit come from the catalogue."""

from __future__ import annotations

import errno
import os
import signal
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import nbformat
import papermill
import pytest
from nbclient.exceptions import DeadKernelError
from papermill.exceptions import PapermillExecutionError

from paritrana_nb import forking
from paritrana_nb.messages import t
from paritrana_nb.report import runner
from paritrana_nb.report.pipeline import run_reports
from paritrana_nb.report.runner import JobResult, ReportJob, ReportWorkers
from rapor_fixtures import write_card_season


def _skip(job: ReportJob) -> JobResult:
    """A job that runs no notebook."""
    return JobResult(job.key, False, 0.0, 1, "not run")


def _job(key: str, tmp_path: Path) -> ReportJob:
    return ReportJob(key, tmp_path / "x.ipynb", {}, tmp_path / f"{key}.html", key)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_progress_bar_is_in_the_run_language(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(runner, "_safe_run", _skip)
    monkeypatch.setattr(runner, "_on_terminal", lambda stream: True)
    with ReportWorkers(1) as workers:
        results = workers.run([_job("a", tmp_path), _job("b", tmp_path)], progress=True, lang=lang)
    assert [r.key for r in results] == ["a", "b"]
    bar = capsys.readouterr().err
    description, unit = t("report.progress_description", lang), t("report.progress_unit", lang)
    assert f"{description}: 100%" in bar and "2/2" in bar
    assert f"{unit}/s" in bar or f"s/{unit}" in bar
    if lang == "en":
        assert "laporan" not in bar


@pytest.mark.parametrize("lang", ["id", "en"])
def test_progress_written_to_a_log_is_a_line_per_report(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With stderr a file (`paritrana run ... 2> run.log`), tqdm's bar was redrawn with carriage returns: the log held
    one long line of every state of the bar. A log gets a plain line for each report ended."""
    monkeypatch.setattr(runner, "_safe_run", _skip)
    with ReportWorkers(1) as workers:
        workers.run([_job("a", tmp_path), _job("b", tmp_path), _job("c", tmp_path)], progress=True, lang=lang)
    log = capsys.readouterr().err
    description = t("report.progress_description", lang)
    assert "\r" not in log
    lines = log.splitlines()
    assert [line.split(" (")[0] for line in lines] == [f"{description}: {n}/3" for n in (0, 1, 2, 3)]  # the start too
    assert all(line.endswith(")") and ":" in line.split(" (")[1] for line in lines)  # the time since the start


def test_no_progress_is_written_when_it_is_not_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(runner, "_safe_run", _skip)
    for terminal in (True, False):
        monkeypatch.setattr(runner, "_on_terminal", lambda stream, terminal=terminal: terminal)
        with ReportWorkers(1) as workers:
            workers.run([_job("a", tmp_path)], progress=False)
        assert capsys.readouterr().err == ""


def test_the_progress_bar_leaves_no_thread_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tqdm's monitor thread outlived the bar: the rest of the process (a notebook, a script, the test suite) could
    no longer fork (forking.can_fork), and its work went to one core."""
    monkeypatch.setattr(runner, "_safe_run", _skip)
    monkeypatch.setattr(runner, "_on_terminal", lambda stream: True)  # the bar itself, not the lines of a log
    before = forking.can_fork()
    with ReportWorkers(1) as workers:
        workers.run([_job("a", tmp_path)], progress=True)
    assert [thread.name for thread in threading.enumerate() if "tqdm" in thread.name] == []
    assert forking.can_fork() == before


@pytest.mark.slow
def test_run_reports_passes_its_language_to_the_progress_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, params = write_card_season(tmp_path)
    monkeypatch.setattr(runner, "_safe_run", _skip)
    monkeypatch.setattr(runner, "_on_terminal", lambda stream: True)
    outcome = run_reports(
        2025, data, params, tmp_path / "out", lang="en", provinces=["61"], national=False, n_jobs=1, draws=10
    )
    assert [r.ok for r in outcome.results] == [False]
    bar = capsys.readouterr().err
    assert "reports: 100%" in bar and "laporan" not in bar


def test_a_report_that_cannot_be_written_is_said_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while a report's files are written printed a Python traceback as the report's error."""

    def disk_full(job: ReportJob) -> JobResult:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(job.ipynb_path))

    monkeypatch.setattr(runner, "run_job", disk_full)
    for lang, words in (("id", "disk penuh"), ("en", "disk is full")):
        job = ReportJob("61-kalbar", tmp_path / "x.ipynb", {}, tmp_path / "61-kalbar.html", "Kalbar", lang=lang)
        result = runner._safe_run(job)
        assert not result.ok and result.error is not None and "Traceback" not in result.error
        assert words in result.error and str(tmp_path / "61-kalbar.ipynb") in result.error


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_worker_crash_is_said_in_the_run_language_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """An error the job did not catch as a report's (outside its notebook) was shown, on the terminal and the season
    index, as `traceback.format_exc(limit=2)`: English, file names and lines. It is said as a report that could not
    be made, in `lang`, with the exception's own message."""

    def crash(job: ReportJob) -> JobResult:
        raise ValueError("kolom 'x' tidak ada")

    monkeypatch.setattr(runner, "run_job", crash)
    (tmp_path / "61-kalbar.html").write_text("old page", encoding="utf-8")
    job = ReportJob("61-kalbar", tmp_path / "x.ipynb", {}, tmp_path / "61-kalbar.html", "Kalbar", lang=lang)
    result = runner._safe_run(job)
    assert not result.ok and result.kept_previous
    assert result.error == t("report.failed_run", lang, error="ValueError: kolom 'x' tidak ada")


def _draws_badly() -> None:
    """A job's `before` step meeting a bug of the workbook's."""
    raise ValueError("kolom 'x' tidak ada")


def test_a_worker_crash_keeps_its_traceback_for_the_run_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The traceback of an error outside the notebook was dropped: only its message was kept, and the bug could not be
    traced. The result carries it (for `paritrana run`'s log), apart from the error said on the terminal."""
    monkeypatch.setattr(runner, "start_kernel", lambda cwd: None)
    job = ReportJob("61-kalbar", tmp_path / "x.ipynb", {}, tmp_path / "61-kalbar.html", "Kalbar", before=_draws_badly)
    result = runner._safe_run(job)
    assert result.error == t("report.failed_run", "id", error="ValueError: kolom 'x' tidak ada")
    assert result.trace is not None and result.trace.startswith("Traceback (most recent call last):")
    assert "in _draws_badly\n" in result.trace and "Traceback" not in result.error


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_failed_notebook_is_said_in_the_run_language_with_its_error_as_detail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A report whose notebook raised was said in the exception's own words ("KeyError: 'kolom'"), in English
    whatever --lang, on the terminal and the season index; the cell's error stays, after a sentence in `lang`."""
    raised: list[BaseException] = []

    def stops(notebook: str, executed: str, **kwargs: object) -> object:
        Path(executed).write_text("{}", encoding="utf-8")  # papermill saves the notebook as far as it ran
        raise raised[0]

    monkeypatch.setattr(runner, "start_kernel", lambda cwd: None)
    monkeypatch.setattr(runner, "_execute_silently", lambda km, code: None)
    monkeypatch.setattr(papermill, "execute_notebook", stops)
    (tmp_path / "61-kalbar.html").write_text("old page", encoding="utf-8")
    job = ReportJob("61-kalbar", tmp_path / "x.ipynb", {}, tmp_path / "61-kalbar.html", "Kalbar", lang=lang)
    cases = [
        (
            PapermillExecutionError(4, 5, "x['kolom']", "KeyError", "'kolom'", []),
            "report.failed_cell",
            "KeyError: 'kolom'",
        ),
        (
            PapermillExecutionError(4, None, "", "CellExecutionError", "", []),
            "report.failed_notebook",
            "CellExecutionError",
        ),
        (DeadKernelError("Kernel died"), "report.failed_run", "DeadKernelError: Kernel died"),
    ]
    for exc, key, error in cases:
        raised[:] = [exc]
        result = runner._safe_run(job)
        fields = {"cell": 5} if key == "report.failed_cell" else {}
        assert not result.ok and result.error == t(key, lang, error=error, **fields)
        assert result.kept_previous and result.failed_notebook == tmp_path / "61-kalbar.failed.ipynb"
        # a cell's traceback is in the failed notebook; only an error outside the cells has one for the run's log
        assert (result.trace is None) == (key != "report.failed_run")


def _die_once(marker: Path) -> None:
    """A job's `before` step: its worker killed (as by the OOM killer) the first time, nothing the second."""
    if not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)


def _die(_marker: Path) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _doubled_here(item: tuple[int, int]) -> tuple[int, int]:
    """(2 * value, the process that doubled it); a worker (any process but `item`'s first) is killed instead."""
    main_pid, value = item
    if os.getpid() != main_pid:
        os.kill(os.getpid(), signal.SIGKILL)
    return 2 * value, os.getpid()


def _notebook_job(key: str, tmp_path: Path, before: Callable[[], object] | None = None, lang: str = "id") -> ReportJob:
    notebook = tmp_path / "tiny.ipynb"
    if not notebook.exists():
        kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")], metadata=kernel), notebook)
    return ReportJob(key, notebook, {}, tmp_path / "out" / f"{key}.html", key, lang=lang, before=before)


@pytest.mark.slow
def test_reports_lost_with_a_killed_worker_are_made_again(tmp_path: Path) -> None:
    """One worker killed (kill -9, the OOM killer) broke the pool, which ended the others: every report then running
    or waiting failed with Python's "BrokenProcessPool: A process in the process pool was terminated abruptly"."""
    jobs = [_notebook_job("a", tmp_path, partial(_die_once, tmp_path / "died")), _notebook_job("b", tmp_path)]
    results = runner.run_jobs(jobs, n_jobs=2, progress=False)
    assert (tmp_path / "died").exists()
    assert [(r.key, r.ok, r.error) for r in results] == [("a", True, None), ("b", True, None)]
    assert (tmp_path / "out" / "a.html").is_file() and (tmp_path / "out" / "b.html").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_report_whose_worker_is_killed_twice_is_said_in_the_run_language(tmp_path: Path, lang: str) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.html").write_text("old page", encoding="utf-8")
    job = _notebook_job("a", tmp_path, partial(_die, tmp_path / "died"), lang)
    [result] = runner.run_jobs([job, _notebook_job("b", tmp_path)], n_jobs=2, progress=False)[:1]
    assert (result.ok, result.kept_previous) == (False, True)
    assert result.error == t("report.failed_worker", lang)
    assert "--jobs 1" in result.error and "BrokenProcessPool" not in result.error
    assert (tmp_path / "out" / "a.html").read_text(encoding="utf-8") == "old page"


@pytest.mark.slow
def test_analyses_lost_with_a_killed_worker_are_done_again_in_this_process() -> None:
    """`paritrana run`'s analyses (`ReportWorkers.map`): a killed worker ended the run with a BrokenProcessPool
    traceback. Each task lost is done again here, its result in its place; new workers take the next work."""
    with ReportWorkers(2) as workers:
        results = list(workers.map(_doubled_here, [(os.getpid(), value) for value in (1, 2, 3)]))
        assert results == [(2, os.getpid()), (4, os.getpid()), (6, os.getpid())]
        assert workers.pool is not None and workers._submit(os.getpid).result() != os.getpid()


def _draw_with_a_bug(_marker: Path) -> None:
    """A job's `before` step meeting a bug of the workbook's, in its worker."""
    raise KeyError("skor_peringkat")


@pytest.mark.slow
def test_a_worker_s_traceback_comes_back_from_its_process(tmp_path: Path) -> None:
    """The traceback of an error in a worker process reaches the command with the job's result."""
    job = _notebook_job("a", tmp_path, partial(_draw_with_a_bug, tmp_path), "en")
    [result, other] = runner.run_jobs([job, _notebook_job("b", tmp_path)], n_jobs=2, progress=False)
    assert (result.ok, other.ok, other.trace) == (False, True, None)
    assert result.error == t("report.failed_run", "en", error="KeyError: 'skor_peringkat'")
    assert result.trace is not None and "in _draw_with_a_bug\n" in result.trace


@pytest.mark.slow
def test_a_report_lost_only_with_another_s_killed_worker_is_still_made(tmp_path: Path) -> None:
    """A report whose worker is killed each time (a, as by the OOM killer) broke the pool twice, and a report running
    beside it both times (b, which never failed itself) was said lost as well. A report lost twice is made once more
    alone: b is made, and a is said lost, its worker killed a third time with nothing beside it."""
    jobs = [_notebook_job("a", tmp_path, partial(_die, tmp_path / "died")), _notebook_job("b", tmp_path, _slow)]
    a, b = runner.run_jobs(jobs, n_jobs=2, progress=False)
    assert (a.ok, a.error) == (False, t("report.failed_worker", "id"))
    assert (b.ok, b.error) == (True, None) and (tmp_path / "out" / "b.html").is_file()


def _slow() -> None:
    """A job's `before` step still running when the other worker is killed."""
    time.sleep(5)
