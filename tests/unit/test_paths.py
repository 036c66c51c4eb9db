"""Folders are taken as given, relative to the current folder: a data or params folder that does not
exist is an error naming it, never a silent fall-back to the workbook's bundled season."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from paritrana_nb.cli import main
from paritrana_nb.config import NOTEBOOKS_DIR

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = {
    "run": ["run", "--province", "kalbar"],
    "explore": ["explore"],
    "score": ["score", "--out", "skor.csv"],
}


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder outside the project; rendering or serving fails the test at once."""

    def started(*_args: object, **_kwargs: object) -> None:
        pytest.fail("the command went on with folders that do not exist here")

    monkeypatch.setattr("paritrana_nb.report.pipeline.ReportWorkers", started)  # no worker, no kernel starts
    monkeypatch.setattr("paritrana_nb.explorer_server.serve", started)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _named(pattern: str, out: str) -> Path | None:
    """The path a message names, made absolute against the current folder (None when not named)."""
    match = re.search(pattern, out)
    return Path(match.group(1)).resolve() if match else None


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_data_folder_is_named(command: str, elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([*COMMANDS[command], "--season", "2025", "--params-dir", str(ROOT / "params"), "--lang", "en"])
    out = capsys.readouterr().err
    assert code == 1
    assert _named(r"Season folder not found: (\S+)\.", out) == elsewhere / "data" / "2025", out
    assert not any(elsewhere.iterdir())


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_params_folder_is_named(command: str, elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([*COMMANDS[command], "--season", "2025", "--data-dir", str(ROOT / "data"), "--lang", "en"])
    out = capsys.readouterr().err
    assert code == 1
    assert "Methodology file not found" in out, out
    assert _named(r"Methodology (\S+) cannot be used", out) == elsewhere / "params" / "2025" / "metodologi.yaml", out
    assert not any(elsewhere.iterdir())


def _parameter_defaults(path: Path) -> dict[str, object]:
    """The values the notebook's cell tagged `parameters` assigns, as a kernel running it sets them."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    [cell] = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
    tree = ast.parse("".join(cell["source"]))
    return {
        node.target.id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None
    }


def test_notebook_defaults_are_the_project_folders_seen_from_the_notebooks_folder() -> None:
    """Opened in JupyterLab, a notebook's kernel runs in notebooks/: its defaults must reach data/ and params/."""
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        defaults = _parameter_defaults(path)
        for name, folder in (("data_dir", "data"), ("params_dir", "params")):
            given = defaults[name]
            assert isinstance(given, str) and (NOTEBOOKS_DIR / given).resolve() == ROOT / folder, (path.name, name)
