"""`paritrana explore`: the explorer notebook served by Voilà on localhost, without code, for panel members.

The notebook gets its parameters injected (papermill's parameterizer) into a private copy that Voilà
serves; Voilà lets the page talk to widgets only, never execute code.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from .config import NOTEBOOKS_DIR
from .report.context import resolve_dir

EXPLORER_NOTEBOOK = NOTEBOOKS_DIR / "explore.ipynb"


def prepare_notebook(folder: Path, musim: int, data_dir: str | Path, params_dir: str | Path, lang: str,
                     methodology: str | Path = "") -> Path:
    """A copy of explore.ipynb with these parameters (absolute paths), written into `folder`."""
    notebook = load_notebook_node(str(EXPLORER_NOTEBOOK))  # papermill's reader adds the cell tags it expects
    parameters = {"musim": musim, "data_dir": str(resolve_dir(data_dir)), "params_dir": str(resolve_dir(params_dir)),
                  "lang": lang, "metodologi": str(resolve_dir(methodology)) if methodology else ""}
    notebook = parameterize_notebook(notebook, parameters)
    notebook.cells = [c for c in notebook.cells if c.cell_type == "code"]  # the page shows widgets only
    path = folder / "penjelajah.ipynb"
    nbformat.write(notebook, path)
    return path


def content_security_policy(port: int) -> str:
    """The page may load and connect to this server only: nothing from the web (Voilà's template links
    a CDN stylesheet the explorer does not need; offline it would only fail)."""
    return (f"default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; "
            f"connect-src 'self' ws://127.0.0.1:{port}")


def voila_command(notebook: Path, port: int) -> list[str]:
    """The Voilà command line: localhost only, no sources, no file browsing, no browser opened, nothing
    fetched from the web."""
    headers = {"headers": {"Content-Security-Policy": content_security_policy(port)}}
    return [sys.executable, "-m", "voila", str(notebook), f"--port={port}", "--no-browser",
            "--Voila.ip=127.0.0.1", "--strip_sources=True", "--show_tracebacks=False", "--theme=light",
            "--VoilaConfiguration.file_allowlist=[]", f"--Voila.tornado_settings={headers!r}"]


def serve(musim: int, data_dir: str | Path, params_dir: str | Path, lang: str, port: int,
          methodology: str | Path = "") -> int:
    """Run Voilà until it is stopped (Ctrl+C); returns its exit code."""
    with tempfile.TemporaryDirectory(prefix="paritrana-explore-") as tmp:
        notebook = prepare_notebook(Path(tmp), musim, data_dir, params_dir, lang, methodology)
        process = subprocess.Popen(voila_command(notebook, port), cwd=tmp)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.terminate()
            return process.wait()
