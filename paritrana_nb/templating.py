"""The one Jinja2 environment every HTML page and fragment of the workbook is rendered with.

Python prepares plain data (strings, numbers, dataclasses); the templates under `paritrana_nb/templates/`
present it. Autoescaping is on for every template, so every value from data is escaped where it is written;
an undefined name is an error, not an empty string. Shared pieces (tables, the score-breakdown bar, the
rank-interval strip, the footer) are macros in `macros.html.j2`.

The report stylesheet and script are the package's own files, written into a page with
`{% include "report.css" %}` (an include is template source, never data). Charts are PNG data URIs written
into an `<img src>` attribute, escaped like any other value. Nothing is marked safe.

A name from the data inside a text (a sentence, a table cell) is marked by `messages.isolate`; the `text` macro
writes the text escaped and each marked name in its own `<bdi>`, so a name in a right-to-left script (Arabic,
Hebrew, Jawi) cannot reorder the numbers and words around it. Where no element can go (`<title>`, an attribute),
the `isolate` filter puts the Unicode isolates themselves around a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from .config import REPORT_TEMPLATES
from .messages import FSI, PDI, isolate, t

Translate = Callable[..., str]

_ISOLATED = re.compile(f"{FSI}([^{FSI}{PDI}]*){PDI}")


def isolated(text: str) -> list[str]:
    """`text` split around the names `messages.isolate` marked in it: text, name, text, name, ..., text (the
    `isolated` filter; the `text` macro writes each name, escaped, in a <bdi>)."""
    return _ISOLATED.split(text)


@cache
def environment() -> Environment:
    """The shared environment: package templates (and the report CSS/JS), autoescape on, StrictUndefined."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader("paritrana_nb", "templates"), FileSystemLoader(REPORT_TEMPLATES)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # package files: not stat-ed again at every include (a card run renders 384,552 pages)
    )
    env.filters["isolated"] = isolated
    env.filters["isolate"] = isolate
    return env


def translator(lang: str) -> Translate:
    """`t(key, **fields)` in `lang`, the translate function every template receives."""

    def text(key: str, **fields: object) -> str:
        return t(key, lang, **fields)

    return text


def render(name: str, lang: str, **data: object) -> str:
    """Template `name` rendered with `data`, the language `lang` and its translate function `t`."""
    return environment().get_template(name).render(lang=lang, t=translator(lang), **data)
