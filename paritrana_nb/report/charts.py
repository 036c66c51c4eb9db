"""Report charts drawn with matplotlib (no pyplot state), each a `Chart`: an SVG data URI and its alt text.

Labels come from the caller already translated; names from data appear only as text drawn into the image.
A template writes a chart as `<img src="{{ chart.src }}" alt="{{ chart.alt }}">` (`report_parts.html.j2`'s
`figure`), both escaped: the page holds no markup from matplotlib, and an SVG shown as an image runs no script.

SVG with its text kept as text (not glyph outlines) takes about a third less time to draw than a PNG and is
about half its size; the browser draws the text, so it stays sharp and can be searched and copied.
"""

from __future__ import annotations

import base64
import io
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import AutoLocator

from ..formatting import number
from ..messages import t
from .tables import Table

PALETTE = ("#0b6e4f", "#2f7fc1", "#e3a008", "#c2410c", "#7c3aed", "#0e7490", "#65a30d", "#be185d", "#57534e")
INTERVIEW_COLOUR = "#9ca3af"


#: No metadata block: no date, no matplotlib version (the same chart whatever the version that drew it).
NO_METADATA = {"Date": None, "Creator": None, "Type": None, "Format": None}


@dataclass(frozen=True)
class Chart:
    """A drawn chart: `src` an SVG data URI, `alt` its description, `data` the values it draws as a table (shown
    under it, folded: what a screen reader reads, and where a reader finds a value the chart only draws)."""

    src: str
    alt: str
    data: Table | None = None
    data_title: str = ""


def with_data(chart: Chart, data: Table, lang: str) -> Chart:
    """`chart` with the values it draws as a table (`data`), under its title in `lang`."""
    return replace(chart, data=data, data_title=t("report.chart_data", lang))


def figure_chart(fig: Figure, alt: str) -> Chart:
    """The figure as an SVG data URI: reproducible bytes (no date, fixed ids), no external file.

    A name with a character matplotlib's font lacks (an emoji) is still written as text, which the browser draws
    with its own fonts: matplotlib's warning about it, measuring the text, is not shown.
    """
    buffer = io.BytesIO()
    with (
        rc_context({"svg.fonttype": "none", "svg.hashsalt": "paritrana"}),  # text as text; ids from a fixed salt
        warnings.catch_warnings(),
    ):
        # "missing from font(s) DejaVu Sans" (matplotlib 3.11), "missing from current font" (3.8, the lowest allowed)
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from (current )?font", category=UserWarning)
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata=NO_METADATA)
    return Chart("data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), alt)


def _literal(text: str) -> str:
    """`text` drawn as written: a "$" in a name or a methodology label must not start matplotlib mathtext."""
    return text.replace("$", r"\$")


def _short(name: str, width: int = 34) -> str:
    return _literal(name if len(name) <= width else name[: width - 1] + "…")


def contribution_chart(
    names: Sequence[str],
    parts: Mapping[str, Sequence[float]],
    part_labels: dict[str, str],
    xlabel: str,
    alt: str,
    lang: str,
    totals: Sequence[float],
) -> Chart:
    """Horizontal stacked bars: each participant's score split into its parts (indicators, interview), each bar
    labelled with its total in `totals` (the score the participant is ranked by, as the ranking table shows it, not
    the sum of the parts, which can differ from it in its last bits and so in its second decimal)."""
    n = len(names)
    fig = Figure(figsize=(8.0, 1.0 + 0.42 * n))
    ax = fig.subplots()
    y = np.arange(n)[::-1]
    left = np.zeros(n)
    for i, (key, values) in enumerate(parts.items()):
        colour = INTERVIEW_COLOUR if key == "wawancara" else PALETTE[i % len(PALETTE)]
        values = np.nan_to_num(np.asarray(values, dtype=float))
        ax.barh(y, values, left=left, color=colour, label=_literal(part_labels[key]), height=0.7)
        left += values
    for yi, end, total in zip(y, left, totals, strict=True):
        ax.text(end + 0.5, yi, number(total, lang, 2), va="center", fontsize=8)
    ax.set_yticks(y, [_short(n_) for n_ in names], fontsize=8)
    ax.set_xlim(0, max(100.0, float(left.max(initial=0)) + 8))
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.5 / max(n, 1)), ncol=3, fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_chart(fig, alt)


def coverage_chart(
    names: Sequence[str],
    before: Sequence[float] | np.ndarray,
    after: Sequence[float] | np.ndarray,
    target: Sequence[float] | np.ndarray,
    labels: dict[str, str],
    alt: str,
) -> Chart:
    """Dumbbell chart: coverage in T-1 and T per region, with the region's target marked."""
    n = len(names)
    fig = Figure(figsize=(8.0, 1.2 + 0.34 * n))
    ax = fig.subplots()
    y = np.arange(n)[::-1]
    b, a, t = (np.asarray(v, dtype=float) for v in (before, after, target))
    for yi, x0, x1 in zip(y, b, a, strict=True):
        if not (np.isnan(x0) or np.isnan(x1)):
            ax.plot([x0, x1], [yi, yi], color="#0b6e4f" if x1 >= x0 else "#b00020", lw=2, zorder=1)
    ax.scatter(b, y, color="#9ca3af", label=labels["before"], zorder=2, s=22)
    ax.scatter(a, y, color="#0b6e4f", label=labels["after"], zorder=3, s=28)
    ax.scatter(t, y, marker="|", color="#c2410c", label=labels["target"], zorder=4, s=160)
    for colour, change in (("#0b6e4f", "rise"), ("#b00020", "fall")):  # the lines' colours in the legend too
        ax.plot([], [], color=colour, lw=2, label=labels[change])
    ax.set_yticks(y, [_short(n_) for n_ in names], fontsize=8)
    ax.set_xlabel(labels["xlabel"])
    upper = np.nanmax(np.concatenate([b, a, t, [100.0]]))
    ax.set_xlim(0, upper * 1.05)
    ax.grid(axis="x", color="#e5e7eb")
    ax.legend(loc="lower right", fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_chart(fig, alt)


def province_comparison_chart(names: Sequence[str], values: Sequence[float], xlabel: str, alt: str) -> Chart:
    """Horizontal bars comparing one value across provinces."""
    n = len(names)
    fig = Figure(figsize=(8.0, 1.0 + 0.3 * n))
    ax = fig.subplots()
    y = np.arange(n)[::-1]
    ax.barh(y, np.nan_to_num(np.asarray(values, dtype=float)), color="#2f7fc1", height=0.7)
    ax.set_yticks(y, [_short(n_) for n_ in names], fontsize=8)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_chart(fig, alt)


def rank_interval_chart(
    names: Sequence[str],
    nominal: Sequence[int],
    median: Sequence[int],
    p05: Sequence[int],
    p95: Sequence[int],
    tie: Sequence[bool],
    labels: dict[str, str],
    alt: str,
) -> Chart:
    """Each participant's 90% rank interval (bar), median rank (dot) and official rank (diamond); rank 1 at left.

    Participants whose interval overlaps a neighbour's (statistical ties) are drawn in orange.
    """
    n = len(names)
    fig = Figure(figsize=(8.0, 1.3 + 0.34 * n))
    ax = fig.subplots()
    y = np.arange(n)[::-1]
    colours = ["#e3a008" if t else "#0b6e4f" for t in tie]
    lo, hi = np.asarray(p05, dtype=float), np.asarray(p95, dtype=float)
    ax.hlines(y, lo - 0.3, hi + 0.3, colors=colours, lw=6, alpha=0.55, label=labels["interval"])
    ax.scatter(np.asarray(median, dtype=float), y, color="#111827", s=14, zorder=3, label=labels["median"])
    ax.scatter(
        np.asarray(nominal, dtype=float),
        y,
        marker="D",
        facecolors="none",
        edgecolors="#c2410c",
        s=36,
        zorder=4,
        label=labels["nominal"],
    )
    ax.set_yticks(y, [_short(n_) for n_ in names], fontsize=8)
    right = float(np.nanmax(np.concatenate([hi, np.asarray(nominal, dtype=float), [3.0]])))
    ax.set_xlim(0.4, right + 0.6)
    locator = AutoLocator()  # the default locator, on whole ranks only
    locator.set_params(integer=True)
    ax.xaxis.set_major_locator(locator)
    ax.set_xlabel(labels["xlabel"])
    ax.grid(axis="x", color="#e5e7eb")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.5 / max(n, 1)), ncol=3, fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_chart(fig, alt)
