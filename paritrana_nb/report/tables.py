"""Report tables as data: every cell formatted in the reader's language, numbers carrying their exact value for
sorting. `macros.html.j2`'s `table` macro presents a `Table` (escaping every cell), sortable without a server.

A column is (label, kind); kinds decide formatting and sorting: text, int, score, pct, pp, rp, num1, bool, and
`name` (a name from the data, isolated for bidirectional text: messages.isolate), `link` (a (name, href) pair),
`report` (a (name, href) pair linking another report of the season folder, whose file name a printed page shows),
`lines` (a sequence of texts shown one per line), `podium` (a sequence of (text, change) pairs shown one per line,
the change on last season after the text), `mark` (a (css class, text) pair shown in a span) and `rank` (a (rank,
shared) pair: the rank, marked where another participant of the group holds it too, sorted by the rank).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import SupportsFloat
from urllib.parse import unquote

from pandas import NA

from ..formatting import exact, number, percent, points, rupiah, score, unsigned_zero
from ..messages import isolate, t

NUMERIC_KINDS = frozenset({"int", "score", "pct", "pp", "rp", "num1", "exact", "rank", "interval"})


@dataclass(frozen=True)
class Cell:
    """One formatted cell: `text`, or `lines` one per line (each with its `changes` entry, when given); a number
    keeps `sort_value`; `mark` is a css class; `href` a relative link the text leads to; `file` the name of the report
    it leads to as it reads (`href` unquoted), printed after the text."""

    text: str = ""
    numeric: bool = False
    sort_value: str = ""
    lines: tuple[str, ...] = ()
    mark: str = ""
    href: str = ""
    changes: tuple[str, ...] = ()
    file: str = ""


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool


@dataclass(frozen=True)
class Table:
    """What the `table` macro renders."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    sortable: bool = True
    caption: str = ""
    css_class: str = ""


def rank_text(rank: float, shared: bool, lang: str) -> str:
    """A rank in words: "3", or "3 (bersama)" where another participant of its group holds it too (as the participant
    cards and their index pages mark it); "–" for no rank (NaN: a participant not scored)."""
    return cell((rank, shared), "rank", lang).text


def interval_text(low: int, high: int) -> str:
    """A rank interval as read aloud: "7–9", or "3" when both ends are equal."""
    return str(low) if low == high else f"{low}–{high}"


INTERVAL_SPAN = 10_000_000
"""More than any rank: an interval sorts by `low + high / INTERVAL_SPAN`, by its lower end, then its upper."""


def cell(value: object, kind: str, lang: str) -> Cell:
    """One formatted table cell."""
    if kind == "interval":  # (low, high): a rank interval, sorted as its ends are, not as text ("10–12" before "1–2")
        if not isinstance(value, tuple):
            raise TypeError(f"an interval cell holds {value!r}, not (low, high)")
        low, high = value
        return Cell(interval_text(low, high), numeric=True, sort_value=repr(low + high / INTERVAL_SPAN))
    if kind == "rank":
        if not isinstance(value, tuple):
            raise TypeError(f"a rank cell holds {value!r}, not (rank, shared)")
        rank, shared = value
        shown = cell(rank, "int", lang)
        if shared and shown.sort_value:  # a missing rank (a participant not scored) is no one's to share
            return replace(shown, text=t("rapor.index_rank_shared", lang, rank=shown.text))
        return shown
    if kind in NUMERIC_KINDS:
        if value is NA:  # a nullable integer column's missing value (the rank of a participant not scored)
            value = None
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
            "num1": lambda v: number(unsigned_zero(v, 1), lang, 1),
            "exact": lambda v: exact(v, lang),  # every digit of the value used (a methodology's weight)
        }[kind](value)
        return Cell(text, numeric=True, sort_value=sort_value)
    if kind == "bool":
        return Cell("✓" if value else "")
    if kind == "lines":
        lines = tuple(str(line) for line in value) if isinstance(value, Sequence) else ()
        return Cell(lines=lines) if lines else Cell("–")
    if kind == "podium":
        pairs = tuple((str(text), str(change)) for text, change in value) if isinstance(value, Sequence) else ()
        return Cell(lines=tuple(p[0] for p in pairs), changes=tuple(p[1] for p in pairs)) if pairs else Cell("–")
    if kind == "mark":
        css, text = value if isinstance(value, tuple) else ("", value)
        return Cell(str(text), mark=str(css))
    if kind in ("link", "report"):  # (name, href or None)
        text, href = value if isinstance(value, tuple) else (value, None)
        return Cell(isolate(text), href=href or "", file=unquote(href) if kind == "report" and href else "")
    if kind == "name":
        return Cell(isolate(value))
    return Cell("" if value is None else str(value))


def table(
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[object]],
    lang: str,
    sortable: bool = True,
    caption: str | None = None,
    css_class: str = "",
) -> Table:
    """A table of `rows` under `columns` ((label, kind) each), every cell formatted for `lang`."""
    return Table(
        columns=tuple(Column(label, kind in NUMERIC_KINDS) for label, kind in columns),
        rows=tuple(tuple(cell(v, kind, lang) for v, (_, kind) in zip(row, columns, strict=True)) for row in rows),
        sortable=sortable,
        caption=caption or "",
        css_class=" ".join(c for c in ("sortable" if sortable else "", css_class) if c),
    )
