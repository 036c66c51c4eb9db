"""Rendering an executed notebook to one self-contained, offline HTML page.

No code, no prompts, no parameter cells, no stderr; styles and scripts inline; a page that
still refers to any external URL is refused.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from ..config import REPORT_TEMPLATES

TEMPLATES = REPORT_TEMPLATES
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters", "hasil"})
_EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|\bimport\s*\(?\s*["'](?:https?:)?//""",  # a script's import("https://...") or import "https://..."
    re.IGNORECASE,
)


class ExternalReference(RuntimeError):
    """An exported page still refers to something on the web."""


class StripStderr(Preprocessor):
    """Drop stderr streams (warnings, progress bars) from every output."""

    def preprocess_cell(
        self, cell: nbformat.NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[nbformat.NotebookNode, dict[str, Any]]:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
        return cell, resources


@cache
def _exporter(lang: str) -> HTMLExporter:
    """The exporter of one language, built once per process (its templates loaded once) and reused."""
    exporter = HTMLExporter(template_name="laporan", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input = True
    exporter.exclude_markdown = True  # notebook notes are for analysts; the page is built by the package
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    exporter.language_code = lang
    remove = TagRemovePreprocessor(remove_cell_tags=set(HIDDEN_TAGS), enabled=True)
    exporter.register_preprocessor(remove, enabled=True)
    exporter.register_preprocessor(StripStderr(), enabled=True)
    return exporter


def find_external_references(html: str) -> list[str]:
    """Every place in `html` that would make a browser fetch something from the web."""
    return [html[max(0, m.start() - 40) : m.end() + 40] for m in _EXTERNAL.finditer(html)]


def notebook_to_html(notebook: nbformat.NotebookNode, title: str, lang: str = "id") -> str:
    """The offline HTML page of an executed notebook."""
    exporter = _exporter(lang)
    resources = {
        "metadata": {"name": title},
        "language_code": lang,
        "report_css": (TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "report_js": (TEMPLATES / "report.js").read_text(encoding="utf-8"),
    }
    notebook = nbformat.from_dict(notebook)
    notebook.metadata["title"] = title
    html, _ = exporter.from_notebook_node(notebook, resources=resources)
    external = find_external_references(html)
    if external:
        raise ExternalReference(f"page refers to the web: {external[:3]}")
    return html
