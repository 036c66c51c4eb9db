"""Parallel notebook execution: failures are isolated, good reports are never overwritten by bad ones."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from paritrana_nb.report.export import find_external_references
from paritrana_nb.report.runner import ReportJob, run_jobs


def _notebook(path: Path) -> Path:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        new_code_cell("nama = 'x'  # name shown\ngagal = False  # raise on purpose", metadata={"tags": ["parameters"]}),
        new_code_cell("from IPython.display import HTML, display\n"
                      "import html\n"
                      "if gagal:\n    raise ValueError('data rusak untuk ' + nama)\n"
                      "display(HTML('<h1>Laporan ' + html.escape(nama) + '</h1>'))"),
        new_code_cell("display({'application/json': {'nama': nama}}, raw=True)",
                      metadata={"tags": ["hasil"]}),
    ]
    nbformat.write(nb, path)
    return path


def _job(notebook: Path, out: Path, key: str, gagal: bool) -> ReportJob:
    return ReportJob(key=key, notebook=notebook, parameters={"nama": f"<b>{key}</b>", "gagal": gagal},
                     html_path=out / f"{key}.html", title=f"Laporan {key}")


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
