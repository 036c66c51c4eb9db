"""`paritrana run`'s progress bar speaks the run's language: its description and unit come from the catalogue."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

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
    with ReportWorkers(1) as workers:
        results = workers.run([_job("a", tmp_path), _job("b", tmp_path)], progress=True, lang=lang)
    assert [r.key for r in results] == ["a", "b"]
    bar = capsys.readouterr().err
    description, unit = t("report.progress_description", lang), t("report.progress_unit", lang)
    assert f"{description}: 100%" in bar and "2/2" in bar
    assert f"{unit}/s" in bar or f"s/{unit}" in bar
    if lang == "en":
        assert "laporan" not in bar


def test_the_progress_bar_leaves_no_thread_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tqdm's monitor thread outlived the bar: the rest of the process (a notebook, a script, the test suite) could
    no longer fork (forking.can_fork), and its work went to one core."""
    monkeypatch.setattr(runner, "_safe_run", _skip)
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
