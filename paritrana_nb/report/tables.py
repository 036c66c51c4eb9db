"""HTML tables for reports: every cell escaped, numbers right-aligned, sortable without a server.

A column is (label, kind); kinds decide formatting and sorting: text, int, score, pct, pp, rp, bool.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import SupportsFloat

from ..formatting import esc, number, percent, points, rupiah, score

NUMERIC_KINDS = frozenset({"int", "score", "pct", "pp", "rp", "num1"})


def cell(value: object, kind: str, lang: str) -> str:
    """One formatted, escaped table cell."""
    if kind in NUMERIC_KINDS:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            sort_value = ""
        elif isinstance(value, (SupportsFloat, str)):  # what float() reads
            sort_value = repr(float(value))
        else:
            raise TypeError(f"a {kind} cell holds {value!r}, not a number")
        text = {
            "int": lambda v: number(v, lang),
            "score": lambda v: score(v, lang),
            "pct": lambda v: percent(v, lang),
            "pp": lambda v: points(v, lang),
            "rp": lambda v: rupiah(v, lang),
            "num1": lambda v: number(v, lang, 1),
        }[kind](value)
        return f'<td class="num" data-value="{sort_value}">{esc(text)}</td>'
    if kind == "bool":
        return f"<td>{'✓' if value else ''}</td>"
    if kind == "html":  # pre-built, already escaped markup from this package
        return f"<td>{value}</td>"
    return f"<td>{esc(value)}</td>"


def html_table(
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[object]],
    lang: str,
    sortable: bool = True,
    caption: str | None = None,
    css_class: str = "",
) -> str:
    """A complete <table> wrapped so that only the table scrolls sideways on a phone."""
    head = "".join(
        f'<th class="{"num" if kind in NUMERIC_KINDS else ""}"'
        + (f' data-sort="{"num" if kind in NUMERIC_KINDS else "text"}"' if sortable else "")
        + f">{esc(label)}</th>"
        for label, kind in columns
    )
    body = "".join(
        "<tr>" + "".join(cell(v, kind, lang) for v, (_, kind) in zip(row, columns, strict=True)) + "</tr>"
        for row in rows
    )
    classes = " ".join(c for c in ("sortable" if sortable else "", css_class) if c)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table class="{classes}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
