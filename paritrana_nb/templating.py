"""The one Jinja2 environment every HTML page and fragment of the workbook is rendered with.

Python prepares plain data (strings, numbers, dataclasses); the templates under `paritrana_nb/templates/`
present it. Autoescaping is on for every template, so every value from data is escaped where it is written;
an undefined name is an error, not an empty string. Shared pieces (tables, the score-breakdown bar, the
rank-interval strip, the footer) are macros in `macros.html.j2`.

The stylesheets and the report script are the package's own files, written into a page with
`{% include "page.css" %}` (every page; `report.css` adds a report's own rules) as template source, never data: each
stylesheet minified as the environment loads it (`minified_css`). Charts are SVG data URIs written into an
`<img src>` attribute (an SVG shown as an image runs no script), escaped like any other value. Nothing is marked safe.

A name from the data inside a text (a sentence, a table cell) is marked by `messages.isolate`; the `text` macro
writes the text escaped and each marked name in its own `<bdi>`, so a name in a right-to-left script (Arabic,
Hebrew, Jawi) cannot reorder the numbers and words around it. Where no element can go (`<title>`, an attribute),
the `isolate` filter puts the Unicode isolates themselves around a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps

from . import palette
from .config import REPORT_TEMPLATES
from .messages import FSI, PDI, isolate, t

Translate = Callable[..., str]

_ISOLATED = re.compile(f"{FSI}([^{FSI}{PDI}]*){PDI}")


def isolated(text: str) -> list[str]:
    """`text` split around the names `messages.isolate` marked in it: text, name, text, name, ..., text (the
    `isolated` filter; the `text` macro writes each name, escaped, in a <bdi>)."""
    return _ISOLATED.split(text)


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s+")
_CSS_AROUND = re.compile(r"\s*([{};,>])\s*|(:)\s+")


def minified_css(css: str) -> str:
    """A stylesheet of the package as a page carries it: without its comments, the spaces around `{ } ; , >` and
    after `:`, every other run of spaces one space (the package's stylesheets hold none of these characters inside a
    string, and no selector with a space after a colon). Each of a national season's 384,314 cards carries its
    style sheets: 3.0 KB of page.css and rapor.css minified, 4.6 KB as written."""
    return _CSS_AROUND.sub(r"\1\2", _CSS_SPACE.sub(" ", _CSS_COMMENT.sub("", css))).strip()


def compact_json(value: object) -> str:
    """`value` as `tojson` writes it into a page (keys sorted; `<`, `>`, `&` and `'` as \\u escapes, so the text
    cannot end its script), without a space after `,` and `:` (the `compact_json` filter): a card index holds every card
    of its group as data, 8 % fewer bytes at 1,000 cards, 11 % at 58,324."""
    return htmlsafe_json_dumps(value, sort_keys=True, separators=(",", ":"))


class _MinifiedCss(BaseLoader):
    """`loader`, with each stylesheet (`*.css`, included into a page's `<style>`) given as `minified_css` makes it."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        return (minified_css(source) if template.endswith(".css") else source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


@cache
def environment() -> Environment:
    """The shared environment: package templates (and the report CSS/JS, the CSS minified), autoescape on,
    StrictUndefined."""
    env = Environment(
        loader=_MinifiedCss(
            ChoiceLoader([PackageLoader("paritrana_nb", "templates"), FileSystemLoader(REPORT_TEMPLATES)])
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # package files: not stat-ed again at every include (a card run renders 384,552 pages)
    )
    env.filters["isolated"] = isolated
    env.filters["isolate"] = isolate
    env.filters["compact_json"] = compact_json
    env.globals["palette"] = palette  # every chart colour (a card's bars, the rank strip), in one place
    return env


def translator(lang: str) -> Translate:
    """`t(key, **fields)` in `lang`, the translate function every template receives."""

    def text(key: str, **fields: object) -> str:
        return t(key, lang, **fields)

    return text


def render(name: str, lang: str, **data: object) -> str:
    """Template `name` rendered with `data`, the language `lang` and its translate function `t`."""
    return environment().get_template(name).render(lang=lang, t=translator(lang), **data)
