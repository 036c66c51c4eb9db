"""Rendering an executed notebook to one self-contained, offline HTML page.

No code, no prompts, no parameter cells, no stderr; styles and scripts inline; a page that
still refers to any external URL is refused.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from ..config import REPORT_TEMPLATES
from ..messages import t
from ..palette import MUTED
from ..templating import environment

TEMPLATES = REPORT_TEMPLATES
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters", "hasil"})
_EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|\bimport\s*\(?\s*["'](?:https?:)?//""",  # a script's import("https://...") or import "https://..."
    re.IGNORECASE,
)
"""What fetches from the web in a style sheet, a `style` attribute or a script."""
_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"\s*(?:https?:)?//", re.IGNORECASE)
#: The attributes whose value a browser fetches (or sends a form to): a web address there is a reference.
_FETCHED = frozenset(
    ("src", "href", "action", "formaction", "poster", "data", "background", "xlink:href", "manifest", "ping")
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


class _References(HTMLParser):
    """Collects what a browser would fetch from the web: a fetched attribute's web address (`srcset`'s each), and
    a reference in a style sheet, a `style` attribute or a script that runs. Text is never one: a name holding
    `src=//x` or `url(//x)` is written escaped, as text, and fetches nothing (nor does a JSON data block)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._code = False  # inside a <style> or a <script> that runs

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            addresses = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            if (name in _FETCHED or name == "srcset") and any(_WEB_ADDRESS.match(a) for a in addresses):
                self.found.append(f"<{tag} {name}={value!r}>")
        style = _STYLE.search(self.get_starttag_text() or "") if "style" in values else None
        if style:  # from the attribute to the tag's end: a quote inside its url( ends the value, not the reference
            self._search(style.string[style.start() :])
        self._code = tag == "style" or (tag == "script" and "json" not in values.get("type", "").lower())

    def handle_endtag(self, tag: str) -> None:
        self._code = False

    def handle_data(self, data: str) -> None:
        if self._code:
            self._search(data)

    def _search(self, code: str) -> None:
        self.found += [code[max(0, m.start() - 40) : m.end() + 40] for m in _EXTERNAL.finditer(code)]


def find_external_references(html: str) -> list[str]:
    """Every place in `html` that would make a browser fetch something from the web."""
    parser = _References()
    parser.feed(html)
    parser.close()
    return parser.found


_PAGE, _PAGES = "\ue000", "\ue001"
"""Where the page number and the page count stand in the printed page's footer, before it is CSS."""


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character but a letter, a digit or a space as its hexadecimal escape (ended
    by a space, which the escape takes: a space after it is kept), so that no text (a name from the data) can end the
    string, the rule or the <style> element."""
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):06x} " for c in text) + '"'


def print_css(title: str, lang: str) -> str:
    """The margins of every printed A4 page: the report's title and language at the foot's left, "page N of M" at
    its right (the panel signs each page of a printed report)."""
    page = t("report.print_page", lang, page=_PAGE, pages=_PAGES)
    before, rest = page.split(_PAGE)
    between, after = rest.split(_PAGES)
    number = " ".join(
        part
        for part in (css_string(before), "counter(page)", css_string(between), "counter(pages)", css_string(after))
        if part != '""'
    )
    head = css_string(t("report.print_running_head", lang, title=title))
    margin = f"font-size:8pt;color:{MUTED}"
    return (
        f"@media print{{@page{{@bottom-left{{content:{head};{margin}}}"
        f"@bottom-right{{content:{number};{margin};white-space:nowrap}}}}}}"
    )


def notebook_to_html(notebook: nbformat.NotebookNode, title: str, lang: str = "id") -> str:
    """The offline HTML page of an executed notebook."""
    exporter = _exporter(lang)
    resources = {
        "metadata": {"name": title},
        "language_code": lang,
        "report_css": "".join(environment().get_template(n).render() for n in ("page.css", "report.css"))
        + print_css(title, lang),  # the style sheets as every page includes them: minified, their colours the palette's
        "report_js": (TEMPLATES / "report.js").read_text(encoding="utf-8"),
    }
    notebook = nbformat.from_dict(notebook)
    notebook.metadata["title"] = title
    html, _ = exporter.from_notebook_node(notebook, resources=resources)
    external = find_external_references(html)
    if external:
        raise ExternalReference(f"page refers to the web: {external[:3]}")
    return html
