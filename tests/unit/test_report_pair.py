"""A report's executed notebook and its page replace the previous pair together, or neither does: a failure while
writing the page left a new `.ipynb` beside the old `.html`."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import nbformat
import papermill
import pytest

from paritrana_nb.report import export, runner
from paritrana_nb.report.runner import ReportJob


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
    result = runner._safe_run(job)
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
    result = runner._safe_run(job)
    assert not result.ok and result.error is not None and "Traceback" not in result.error
    assert str(job.html_path) in result.error
    assert job.ipynb_path.read_text(encoding="utf-8") == "old notebook"  # not the new one beside the old page
    if failure == "full disk":
        assert job.html_path.read_text(encoding="utf-8") == "old page"
        assert result.kept_previous
    names = sorted(p.name for p in job.html_path.parent.iterdir())
    assert names == ["61-kalbar.html", "61-kalbar.ipynb"]  # nothing staged or half-written left behind
