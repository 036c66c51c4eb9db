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
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import AutoLocator

from .. import palette
from ..formatting import number
from ..messages import t
from .tables import Table

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


def _axes(height: float) -> tuple[Figure, Axes]:
    """A figure 8 inches wide and `height` high, and its one axes, both on the palette's background."""
    fig = Figure(figsize=(8.0, height), facecolor=palette.BACKGROUND)
    ax = fig.subplots()
    ax.set_facecolor(palette.BACKGROUND)
    return fig, ax


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
    the sum of the parts, which can differ from it in its last bits and so in its second decimal). Each part has its
    colour and its hatch, and a line of the background between parts."""
    n = len(names)
    fig, ax = _axes(1.0 + 0.42 * n)
    y = np.arange(n)[::-1]
    left = np.zeros(n)
    for i, (key, values) in enumerate(parts.items()):
        colour = palette.INTERVIEW_COLOUR if key == "wawancara" else palette.PALETTE[i % len(palette.PALETTE)]
        values = np.nan_to_num(np.asarray(values, dtype=float))
        ax.barh(
            y,
            values,
            left=left,
            color=colour,
            edgecolor=palette.BACKGROUND,  # the hatch's colour too
            linewidth=0.8,
            hatch=palette.HATCHES[i % len(palette.HATCHES)],
            label=_literal(part_labels[key]),
            height=0.7,
        )
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
    """Dumbbell chart: coverage in T-1 (an open circle) and T (a filled one) per region, joined by a solid line for a
    rise or a dashed one for a fall, with the region's target marked."""
    n = len(names)
    fig, ax = _axes(1.2 + 0.34 * n)
    y = np.arange(n)[::-1]
    b, a, t = (np.asarray(v, dtype=float) for v in (before, after, target))
    changes = {"rise": (palette.RISE, "-"), "fall": (palette.FALL, "--")}
    for yi, x0, x1 in zip(y, b, a, strict=True):
        if not (np.isnan(x0) or np.isnan(x1)):
            colour, style = changes["rise" if x1 >= x0 else "fall"]
            ax.plot([x0, x1], [yi, yi], color=colour, linestyle=style, lw=2, zorder=1)
    ax.scatter(
        b, y, facecolors="none", edgecolors=palette.PREVIOUS, linewidths=1.5, label=labels["before"], zorder=2, s=22
    )
    ax.scatter(a, y, color=palette.CURRENT, label=labels["after"], zorder=3, s=28)
    ax.scatter(t, y, marker="|", color=palette.TARGET, label=labels["target"], zorder=4, s=160)
    for change, (colour, style) in changes.items():  # the lines' colours and styles in the legend too
        ax.plot([], [], color=colour, linestyle=style, lw=2, label=labels[change])
    ax.set_yticks(y, [_short(n_) for n_ in names], fontsize=8)
    ax.set_xlabel(labels["xlabel"])
    upper = np.nanmax(np.concatenate([b, a, t, [100.0]]))
    ax.set_xlim(0, upper * 1.05)
    ax.grid(axis="x", color=palette.GRID)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.5 / max(n, 1)), ncol=5, fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_chart(fig, alt)


def province_comparison_chart(names: Sequence[str], values: Sequence[float], xlabel: str, alt: str) -> Chart:
    """Horizontal bars comparing one value across provinces."""
    n = len(names)
    fig, ax = _axes(1.0 + 0.3 * n)
    y = np.arange(n)[::-1]
    ax.barh(y, np.nan_to_num(np.asarray(values, dtype=float)), color=palette.COMPARISON, height=0.7)
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

    An interval is a tinted bar with a solid outline; one that overlaps a neighbour's (a statistical tie, labelled
    `labels["tie"]`) is orange with a dashed outline.
    """
    n = len(names)
    fig, ax = _axes(1.3 + 0.34 * n)
    y = np.arange(n)[::-1]
    lo, hi = np.asarray(p05, dtype=float) - 0.3, np.asarray(p95, dtype=float) + 0.3
    tied = np.asarray(tie, dtype=bool)
    for rows, fill, edge, style, label in (
        (~tied, palette.INTERVAL_TINT, palette.INTERVAL, "-", labels["interval"]),
        (tied, palette.TIE_TINT, palette.TIE, "--", labels["tie"]),
    ):
        if rows.any():
            ax.barh(
                y[rows],
                (hi - lo)[rows],
                left=lo[rows],
                height=0.45,
                color=fill,
                edgecolor=edge,
                linestyle=style,
                linewidth=1.2,
                label=label,
                zorder=2,
            )
    ax.scatter(np.asarray(median, dtype=float), y, color=palette.MEDIAN, s=14, zorder=3, label=labels["median"])
    ax.scatter(
        np.asarray(nominal, dtype=float),
        y,
        marker="D",
        facecolors="none",
        edgecolors=palette.OFFICIAL,
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
    ax.grid(axis="x", color=palette.GRID)
    ax.set_axisbelow(True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.5 / max(n, 1)), ncol=4, fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_chart(fig, alt)
