"""The whole season's score CSV on two cores: the participants of the first provinces (in the CSV's order) are
scored, and their lines made, in a forked process while this one does the others and every category ranked wider
than a province. A province's participants are ranked within it, so each line is the one a single process would
write; the lines are put together in the CSV's order (category, then ranking group), byte for byte the same.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from . import forking
from .engine import category_lines, csv_bytes, csv_head, kept_scores, methodology_table, score_counts, score_season
from .registry import Registry

SPLIT_FROM = 50_000
"""Participants in provincial categories from which the work is split (below it, forking costs more than it saves)."""


def season_score_csv(found: Registry) -> tuple[bytearray, tuple[int, int]]:
    """`csv_bytes(score_season(season, methodology))` and its `score_counts`, for the season and methodology of
    `found` (checked: `load_season(..., methodology).registry`). Scores the cache keeps are written as they are;
    the scores made here are not kept (`score_season(..., keep=False)`)."""
    season, methodology = found.season, found.methodology
    kept = kept_scores(season, methodology)
    halves = None if kept is not None else _halves(found)
    if halves is None:
        scores = kept if kept is not None else score_season(season, methodology, checked=found, keep=False)
        return csv_bytes(scores), score_counts(scores)
    first, rest, taken = halves
    ids = list(dict.fromkeys(methodology_table(methodology)["indikator"]))
    provincial = [k for k in methodology.categories() if methodology.kategori[k].provincial]
    wider = [k for k in methodology.categories() if k not in provincial]

    def lines(provinces: list[str] | None, categories: list[str]) -> tuple[dict[str, bytearray], tuple[int, int]]:
        scores = score_season(season, methodology, provinces, categories, checked=found, keep=False)
        return category_lines(scores, ids, threads=1), score_counts(scores)  # two processes: a core each

    shared = forking.SharedBytes.of_size(SHARED_BASE + LINE_ROOM * taken)

    def their_lines() -> tuple[dict[str, bytearray] | dict[str, tuple[int, int]], tuple[int, int]]:
        part, count = lines(first, provincial)
        places = None if shared is None else shared.put(part)
        return (part if places is None else places), count

    theirs = forking.fork(their_lines)
    try:
        parts: list[tuple[dict[str, bytearray] | dict[str, memoryview], tuple[int, int]]] = [
            lines(rest, provincial),
            lines(None, wider) if wider else ({}, (0, 0)),
        ]
    except BaseException:  # Ctrl-C, an error: the forked process's share is not wanted either
        theirs.stop()
        raise
    try:
        answer, count = theirs.result()
        parts.insert(0, (_taken(answer, shared), count))
    except ChildProcessError:  # the forked process was killed (out of memory): its share is done here
        parts.insert(0, lines(first, provincial))
    out = bytearray(csv_head(ids))
    for kategori in methodology.categories():
        for part, _ in parts:
            out += part.pop(kategori, b"")  # each part's lines freed (or let go of) once copied
    if shared is not None:
        shared.close()
    counts = (sum(count[0] for _, count in parts), sum(count[1] for _, count in parts))
    return out, counts


SHARED_BASE = 1 << 24
LINE_ROOM = 2048
"""The shared memory the forked process's lines are put in: SHARED_BASE bytes and LINE_ROOM a participant (a national
season's lines take 213 bytes on average); lines that do not fit are sent through the pipe instead."""


def _taken(
    answer: dict[str, bytearray] | dict[str, tuple[int, int]], shared: forking.SharedBytes | None
) -> dict[str, bytearray] | dict[str, memoryview]:
    """The forked process's lines: as it sent them, or where it put them in `shared`."""
    if not answer:
        return {}
    if shared is not None and all(isinstance(place, tuple) for place in answer.values()):
        return shared.take(answer)  # type: ignore[arg-type]
    return answer  # type: ignore[return-value]


def _halves(found: Registry) -> tuple[list[str], list[str], int] | None:
    """The provinces whose participants the forked process scores (the first in the CSV's order: a provincial
    category's ranking group is its province code), the others, about half the work each, and the participants of
    the first; None when the work is not split (too small, one province, one core, or no forking here)."""
    methodology = found.methodology
    provincial = [k for k in methodology.categories() if methodology.kategori[k].provincial]
    codes = [frame.loc[frame["kategori"].isin(provincial), "kode_provinsi"] for frame in found.rows.values()]
    counts = pd.concat(codes).value_counts() if codes else pd.Series(dtype="int64")
    if len(counts) < 2 or counts.sum() < SPLIT_FROM or (os.cpu_count() or 1) < 2 or not forking.can_fork():
        return None
    order = sorted(counts.index)
    wider = sum(int((~frame["kategori"].isin([*provincial, None])).sum()) for frame in found.rows.values())
    cut = split_point(counts[order].to_numpy(), (int(counts.sum()) + wider) / 2)
    taken = int(counts[order[:cut]].sum())
    return [str(code) for code in order[:cut]], [str(code) for code in order[cut:]], taken


def split_point(sizes: np.ndarray, share: float) -> int:
    """How many of the first `sizes` (at least one, not all) add up nearest to `share`: the first provinces' share
    of the work. Stopping before the province that passes `share` gave the forked process 158,350 of the national
    season's 384,314 participants and left this one 0.4 s behind it."""
    taken = np.cumsum(sizes)
    return int(np.clip(np.argmin(np.abs(taken - share)) + 1, 1, len(sizes) - 1))
