"""What makes a saved report notebook the same from run to run (`report/runner.py`)."""

from __future__ import annotations

import nbformat

from paritrana_nb.report.runner import INJECTED_CELL_ID, reproducible


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
