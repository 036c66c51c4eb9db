"""What makes a saved report notebook the same from run to run (`report/runner.py`, `report/drawn.py`)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from paritrana_nb.report.drawn import PREPARED_DIR, prepared_path
from paritrana_nb.report.runner import INJECTED_CELL_ID, RESET, _setup_code, reproducible


def _executed() -> nbformat.NotebookNode:
    """A notebook as papermill leaves it: times of day, a random id for the injected cell, a temporary path."""
    timing = {"start_time": "2026-12-01T19:15:20+00:00", "end_time": "2026-12-01T19:15:21+00:00", "duration": 0.5}
    parameters = nbformat.v4.new_code_cell("lang = 'id'", id="p", metadata={"tags": ["parameters"]})
    injected = nbformat.v4.new_code_cell("lang = 'en'", metadata={"tags": ["injected-parameters"]})
    cells = [parameters, injected, nbformat.v4.new_code_cell("laporan.summary()", id="c")]
    for cell in cells:
        cell.metadata["papermill"] = {**timing, "exception": False, "status": "completed"}
    papermill = {**timing, "output_path": "scratch/paritrana-run-x1/61-kalbar.ipynb", "parameters": {"lang": "en"}}
    return nbformat.v4.new_notebook(cells=cells, metadata={"papermill": papermill})


def test_saved_notebook_keeps_no_time_temporary_path_or_random_id() -> None:
    notebook = reproducible(_executed(), "61-kalbar.ipynb")
    meta = notebook.metadata.papermill
    assert (meta.start_time, meta.end_time, meta.duration) == (None, None, None)
    assert meta.output_path == "61-kalbar.ipynb"
    assert meta.parameters == {"lang": "en"}
    for cell in notebook.cells:
        timing = cell.metadata.papermill
        assert (timing.start_time, timing.end_time, timing.duration, timing.status) == (None, None, None, "completed")
    assert [cell.id for cell in notebook.cells] == ["p", INJECTED_CELL_ID, "c"]
    nbformat.validate(notebook)
    assert nbformat.writes(notebook) == nbformat.writes(reproducible(_executed(), "61-kalbar.ipynb"))


def test_injected_cell_id_never_repeats_another_cells_id() -> None:
    notebook = _executed()
    notebook.cells[2].id = INJECTED_CELL_ID
    random_id = notebook.cells[1].id
    assert [cell.id for cell in reproducible(notebook, "x.ipynb").cells] == ["p", random_id, INJECTED_CELL_ID]


def test_relative_prepared_file_is_found_in_the_runs_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(PREPARED_DIR, raising=False)
    assert prepared_path("61-kalbar.drawn") == "61-kalbar.drawn"
    monkeypatch.setenv(PREPARED_DIR, str(tmp_path))
    assert prepared_path("61-kalbar.drawn") == str(tmp_path / "61-kalbar.drawn")
    assert prepared_path("/elsewhere/61.pkl") == "/elsewhere/61.pkl"
    assert prepared_path("") == ""  # run by hand: the notebook draws its own report


def test_setup_code_resets_the_kernel_then_sets_its_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _setup_code({}) == RESET
    monkeypatch.setenv(PREPARED_DIR, "before")  # restored after the test
    resets: list[bool] = []

    class Shell:
        def reset(self, new_session: bool) -> None:
            resets.append(new_session)

    namespace = {"get_ipython": Shell}
    exec(_setup_code({PREPARED_DIR: "run folder/o'ne"}), namespace)  # noqa: S102 - the code sent to the kernel
    assert resets == [True]
    assert os.environ[PREPARED_DIR] == "run folder/o'ne"
    assert set(namespace) == {"get_ipython", "__builtins__"}  # no name left in the notebook's namespace
