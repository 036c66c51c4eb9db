"""A report's executed notebook and its page replace the previous pair together, or neither does: a failure while
writing the page left a new `.ipynb` beside the old `.html`."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from paritrana_nb.outputs import FileSet
from paritrana_nb.report import export, runner
from paritrana_nb.report.pipeline import run_reports
from paritrana_nb.report.runner import ReportJob
from rapor_fixtures import write_card_season


@pytest.fixture
def job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReportJob:
    """A job whose notebook 'runs' without a kernel, beside the previous report's pair of files."""
    monkeypatch.setattr(runner, "start_kernel", lambda cwd: None)
    monkeypatch.setattr(runner, "_execute_silently", lambda km, code: None)
    monkeypatch.setattr(papermill, "execute_notebook", lambda *args, **kwargs: nbformat.v4.new_notebook())
    monkeypatch.setattr(export, "notebook_to_html", lambda notebook, title, lang: "<p>new page</p>")
    out = tmp_path / "out" / "2025"
    out.mkdir(parents=True)
    (out / "61-kalbar.ipynb").write_text("old notebook", encoding="utf-8")
    (out / "61-kalbar.html").write_text("old page", encoding="utf-8")
    return ReportJob("61-kalbar", tmp_path / "x.ipynb", {}, out / "61-kalbar.html", "Kalbar", lang="en")


def _full_disk_on_the_second_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while the second file written is flushed (the notebook is written first)."""
    real = os.fsync
    files = []

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            files.append(fd)
            if len(files) == 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_the_pair_is_written_together(job: ReportJob) -> None:
    with FileSet(job.html_path.parent):  # the run's set (run_jobs, paritrana run)
        result = runner._safe_run(job)
        assert job.html_path.read_text(encoding="utf-8") == "old page"  # staged until the run ends
    assert result.ok, result.error
    assert job.html_path.read_text(encoding="utf-8") == "<p>new page</p>"
    assert nbformat.reads(job.ipynb_path.read_text(encoding="utf-8"), as_version=4).cells == []
    assert sorted(p.name for p in job.html_path.parent.iterdir()) == ["61-kalbar.html", "61-kalbar.ipynb"]


@pytest.mark.parametrize("failure", ["full disk", "page path taken by a folder"])
def test_a_page_that_cannot_be_written_keeps_the_previous_notebook_too(
    job: ReportJob, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    if failure == "full disk":
        _full_disk_on_the_second_file(monkeypatch)
    else:
        job.html_path.unlink()
        job.html_path.mkdir()
    with FileSet(job.html_path.parent):
        result = runner._safe_run(job)
    assert not result.ok and result.error is not None and "Traceback" not in result.error
    assert str(job.html_path) in result.error
    assert job.ipynb_path.read_text(encoding="utf-8") == "old notebook"  # not the new one beside the old page
    if failure == "full disk":
        assert job.html_path.read_text(encoding="utf-8") == "old page"
        assert result.kept_previous
    names = sorted(p.name for p in job.html_path.parent.iterdir())
    assert names == ["61-kalbar.html", "61-kalbar.ipynb"]  # nothing staged or half-written left behind


def _province_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Callable[[], object]]:
    """(the reports' season folder, a `paritrana run --province kalbar` on the small card season whose notebooks
    'run' without a kernel)."""
    monkeypatch.setattr(runner, "start_kernel", lambda cwd: None)
    monkeypatch.setattr(runner, "_execute_silently", lambda km, code: None)
    monkeypatch.setattr(papermill, "execute_notebook", lambda *args, **kwargs: nbformat.v4.new_notebook())
    monkeypatch.setattr(export, "notebook_to_html", lambda notebook, title, lang: "<p>new page</p>")
    data, params = write_card_season(tmp_path)
    out = tmp_path / "reports"

    def run() -> object:
        return run_reports(2025, data, params, out, "en", ["kalbar"], False, n_jobs=1, progress=False, draws=10)

    return out / "2025", run


def test_a_province_report_and_its_score_csv_are_written_as_one_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, run = _province_run(tmp_path, monkeypatch)
    outcome = run()
    assert [r.ok for r in outcome.results] == [True]  # type: ignore[attr-defined]
    scores = pd.read_csv(folder / "61-kalbar.csv", dtype={"kode_provinsi": str})
    assert len(scores) and set(scores["kode_provinsi"]) == {"61"}
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("61-")) == [
        "61-kalbar.csv",
        "61-kalbar.en.html",
        "61-kalbar.en.ipynb",
    ]


def test_a_score_csv_that_cannot_be_written_keeps_the_previous_report_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CSV was written after the report's pair: a full disk then left the new report beside the old ranking."""
    folder, run = _province_run(tmp_path, monkeypatch)
    folder.mkdir(parents=True)
    old = {"61-kalbar.en.ipynb": "old notebook", "61-kalbar.en.html": "old page", "61-kalbar.csv": "old ranking"}
    for name, text in old.items():
        (folder / name).write_text(text, encoding="utf-8")
    real = os.fsync

    def fsync(fd: int) -> None:
        if "61-kalbar.csv" in str(Path(f"/proc/self/fd/{fd}").readlink()):  # the CSV's file, staged or temporary
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    try:
        outcome = run()
    except OSError:  # the report was written, then the CSV failed
        outcome = None
    assert {name: (folder / name).read_text(encoding="utf-8") for name in old} == old
    (result,) = outcome.results  # type: ignore[union-attr]
    assert not result.ok and result.kept_previous and "61-kalbar.csv" in (result.error or "")
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(("61-", ".61-"))) == sorted(old)


def test_a_run_stopped_after_its_first_report_leaves_every_earlier_report_and_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reports of a run are one set: stopped (Ctrl-C) after its first report was made, none of the earlier
    run's reports is replaced, so the index never links one new report among old ones."""
    monkeypatch.setattr(runner, "start_kernel", lambda cwd: None)
    monkeypatch.setattr(runner, "_execute_silently", lambda km, code: None)
    monkeypatch.setattr(papermill, "execute_notebook", lambda *args, **kwargs: nbformat.v4.new_notebook())
    data, params = write_card_season(tmp_path)
    out = tmp_path / "reports"
    monkeypatch.setattr(export, "notebook_to_html", lambda notebook, title, lang: "<p>earlier run</p>")
    first = run_reports(2025, data, params, out, "en", None, True, n_jobs=1, progress=False, draws=10)
    assert len(first.results) >= 2 and all(r.ok for r in first.results)
    folder = out / "2025"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    made: list[str] = []

    def stopped_after_one(notebook: object, title: str, lang: str) -> str:
        if made:
            raise KeyboardInterrupt
        made.append(title)
        return "<p>this run</p>"

    monkeypatch.setattr(export, "notebook_to_html", stopped_after_one)
    with pytest.raises(KeyboardInterrupt):
        run_reports(2025, data, params, out, "en", None, True, n_jobs=1, progress=False, draws=10)
    assert made
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
