"""A report notebook of the user's (`run_reports(notebook=...)`, `paritrana run --notebook`) is refused before any
work when its `parameters` cell does not set a parameter every run gives it: papermill only printed its own English
"Passed unknown parameter" and ran the notebook with the run's value unused."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from paritrana_nb.problems import NotebookParameterMissing
from paritrana_nb.report import pipeline
from paritrana_nb.report.pipeline import PROVINCE_NOTEBOOK, PROVINCE_PARAMETERS, check_notebook_parameters, run_reports


def _without(tmp_path: Path, *names: str) -> Path:
    """The province notebook with the lines setting `names` taken out of its parameters cell."""
    notebook = nbformat.read(PROVINCE_NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if "parameters" in cell.metadata.get("tags", []):
            lines = cell.source.splitlines()
            cell.source = "\n".join(line for line in lines if line.split(":", 1)[0].strip() not in names)
    path = tmp_path / "mine.ipynb"
    nbformat.write(notebook, path)
    return path


def test_the_parameters_checked_are_those_a_province_job_is_given() -> None:
    prepared = SimpleNamespace(season=SimpleNamespace(musim=2025), methodology_file=Path("metodologi.yaml"))
    extra = {"provinsi": "61", "simulasi": 10, "seed": 1}  # as run_reports gives a province's job
    job = pipeline._job(
        PROVINCE_NOTEBOOK, "61-kalbar", "x", Path("r.pkl"), prepared, Path("out"), "id", extra, Path("d"), Path("p"), 60
    )
    assert sorted(job.parameters) == sorted(PROVINCE_PARAMETERS)
    check_notebook_parameters(PROVINCE_NOTEBOOK, "id")  # the workbook's own notebook sets them all


def test_a_notebook_lacking_two_parameters_is_refused_naming_both_in_either_language(tmp_path: Path) -> None:
    path = _without(tmp_path, "simulasi", "seed")
    with pytest.raises(NotebookParameterMissing) as refused:
        check_notebook_parameters(path, "en")
    assert str(refused.value).startswith(
        f"{path} does not set the parameters simulasi and seed in its cell tagged parameters, but every report run "
        "gives it those parameters, so the run's values would go unused. Add a line setting each of them"
    )
    with pytest.raises(NotebookParameterMissing) as refused:
        check_notebook_parameters(path, "id")
    assert f"{path} tidak mengisi parameter simulasi dan seed di sel bertag parameters" in str(refused.value)


def test_run_reports_refuses_it_before_reading_the_season(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def prepare(*args: object, **kwargs: object) -> None:
        raise AssertionError("the season was read")

    monkeypatch.setattr(pipeline, "prepare_season", prepare)
    with pytest.raises(NotebookParameterMissing, match="the parameter provinsi "):
        run_reports(2025, "data", "params", tmp_path, lang="en", notebook=_without(tmp_path, "provinsi"))
    assert list(tmp_path.iterdir()) == [tmp_path / "mine.ipynb"]  # nothing written
