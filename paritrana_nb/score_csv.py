"""The whole season's score CSV on two cores: the categories whose scores draw only on the tables other than the
largest (their participants' table, wilayah and wawancara) are scored, and their lines made, in the forked process
that read those tables, as soon as it has (`reader_lines`: while this one still reads the largest). The season is
then matched to its categories once (registry.build, before forking: both processes read it), and the first ranking
groups (in the CSV's order: category, then province) of the other provincial categories are scored in a forked process
while this one checks the season against the methodology (registry.check, on that match), then scores the others and
every category ranked wider than a province. A province's participants are ranked within it, so each line is the one a
single process would write; the lines are put together in the CSV's order, byte for byte the same. When the check
finds an error, the forked processes' work is dropped (`Started.stop`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Collection
from contextlib import suppress
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import pandas as pd

from . import forking, registry
from .allocator import release_freed_memory
from .engine import (
    SeasonScores,
    category_lines,
    csv_bytes,
    csv_head,
    kept_scores,
    methodology_table,
    score_counts,
    score_season,
)
from .methodology import Methodology
from .outputs import Chunks
from .registry import Registry
from .season import ReaderWork, Season

SPLIT_FROM = 50_000
"""Participants in provincial categories from which the work is split (below it, forking costs more than it saves)."""
FORKED_SHARE = 0.56
"""The forked process's share of the participants when this process checks the season against the methodology
meanwhile (registry.check: a season the cache kept)."""
EARLY_SHARE = 0.55
"""Its share when it starts as soon as the season's cells are valid: this process then also checks the season across
tables and its region codes meanwhile (national season, cold, with the cache written, three runs each: at 0.52 this
process waited for none of the forked one's work, at 0.58 for 0.19-0.22 s of it)."""
SHARED_BASE = 1 << 24
LINE_ROOM = 2048
"""The shared memory the forked process's lines are put in: SHARED_BASE bytes and LINE_ROOM a participant (a national
season's lines take 213 bytes on average); lines that do not fit are sent through the pipe instead."""
READ_ROOM = 64
"""The shared memory the forked reader's lines are put in: SHARED_BASE bytes and READ_ROOM a byte of the files it
reads (a national season's pemda, desa and pemprov lines take 3.3 bytes a byte of pemda, desa, wilayah and
wawancara); lines that do not fit are sent through its pipe instead."""

Lines = dict[str, bytearray]
Placed = dict[str, tuple[int, int]]
Shares = dict[str, list[str]]
"""Per provincial category, the provinces (ranking groups) whose participants one process scores."""


@dataclass
class Started:
    """The score CSV begun (`start`): the scores the cache keeps, or the forked processes scoring the categories of
    the reader's tables (`read`, by `reader`) and the first ranking groups of the others (`first`; this process's:
    `rest`; None: nothing begun, all is done by `finish`)."""

    kept: SeasonScores | None = None
    first: Shares | None = None
    rest: Shares | None = None
    theirs: forking.Forked[tuple[Lines | Placed, tuple[int, int]]] | None = None
    shared: forking.SharedBytes | None = None
    reader: ReaderWork | None = None
    read: list[str] = field(default_factory=list)
    built: Registry | None = None
    """The season matched to the methodology before the processes forked (`registry.build`, every category)."""

    def stop(self) -> None:
        """Drop the forked processes' work (the season has errors, or the command was interrupted)."""
        if self.reader is not None:
            self.reader.stop()
            self.reader = None
        if self.theirs is not None:
            self.theirs.stop()
            self.theirs = None
        if self.shared is not None:
            self.shared.close()
            self.shared = None


def reader_work(methodology: Methodology) -> ReaderWork:
    """The work for the forked reader of a season (`load_season(..., reader=)`) that `start` takes up: the lines of
    the categories whose scores draw only on the tables it read (`reader_lines`), put in memory shared with this
    process (READ_ROOM)."""
    return ReaderWork(functools.partial(reader_lines, methodology), room=lambda size: SHARED_BASE + READ_ROOM * size)


def reader_lines(
    methodology: Methodology, season: Season, tables: frozenset[str], shared: forking.SharedBytes | None = None
) -> tuple[Lines | Placed, tuple[int, int]]:
    """The lines and `score_counts` of every category of `methodology` whose scores draw on `tables` alone
    (`_of_tables`; in the forked reader, `season` holds only those tables): its lines are those of the whole
    season. They are put in `shared` (where they are answered), else answered themselves."""
    categories = _of_tables(methodology, tables)
    if not categories:
        return {}, (0, 0)
    found = registry.build(season, methodology, categories)
    scores = score_season(season, methodology, None, categories, checked=found, keep=False)
    del found
    count = score_counts(scores)
    if shared is not None:
        with suppress(forking.SharedBytes.Full):  # (lines of a length never seen) answered themselves below
            category_lines(scores, _ids(methodology), threads=1, sink=shared.sink)
            return shared.places, count
    return category_lines(scores, _ids(methodology), threads=1), count


SHARED_TABLES = frozenset(("wilayah", "wawancara"))
"""The tables every category's scores draw on besides its participants' (the region names, levels and zones; the
interview scores)."""


def _of_tables(methodology: Methodology, tables: Collection[str]) -> list[str]:
    """The categories whose scores draw on `tables` alone: their participants' table and SHARED_TABLES."""
    if not set(tables) >= SHARED_TABLES:
        return []
    return [k for k in methodology.categories() if methodology.kategori[k].peserta.tabel in tables]


def start(
    season: Season, methodology: Methodology, *, early: bool = False, reader: ReaderWork | None = None
) -> Started:
    """Begin the score CSV of a valid `season` under `methodology`, before the season is checked against it (`early`:
    before it is checked across tables too): the categories of the tables `reader` read are scored there
    (`reader_work`; None, or its tables empty: no reader forked); the participants of the first ranking groups of
    the other provincial categories in a forked process (where the work is split: `_splits`, `_halves`). The season
    is matched to the methodology here, once for both processes (`Started.built`, which registry.check then
    takes)."""
    kept = kept_scores(season, methodology)
    if kept is not None or reader is None or not reader.tables:
        if reader is not None:
            reader.stop()  # (the scores kept: its work is not needed)
        reader = None
    read = [] if reader is None else _of_tables(methodology, reader.tables)
    if kept is not None or not _splits(season, methodology, read):
        return Started(kept, reader=reader, read=read)
    built = registry.build(season, methodology)
    first, rest, taken = _halves(built, EARLY_SHARE if early else FORKED_SHARE, read)
    ids = _ids(methodology)
    shared = forking.SharedBytes.of_size(SHARED_BASE + LINE_ROOM * taken)

    def their_lines() -> tuple[Lines | Placed, tuple[int, int]]:
        scored = [
            score_season(season, methodology, provinces, [kategori], checked=built, keep=False)
            for kategori, provinces in first.items()
        ]
        count = _summed([score_counts(scores) for scores in scored])
        if shared is not None:
            with suppress(forking.SharedBytes.Full):  # (lines of a length never seen) sent through the pipe below
                for scores in scored:
                    category_lines(scores, ids, threads=1, sink=shared.sink)  # two processes: a core each
                return shared.places, count
        lines: Lines = {}
        for scores in scored:
            lines |= category_lines(scores, ids, threads=1)
        return lines, count

    return Started(None, first, rest, forking.fork(their_lines), shared, reader, read, built)


def _summed(counts: list[tuple[int, int]]) -> tuple[int, int]:
    """`score_counts` of several parts added up."""
    return sum(count[0] for count in counts), sum(count[1] for count in counts)


def finish(found: Registry, started: Started) -> tuple[bytearray | Chunks, tuple[int, int]]:
    """`csv_bytes(score_season(season, methodology))` and its `score_counts` for the season and methodology of
    `found` (the season checked against it: `load_season(..., methodology).registry`, or registry.check of
    `started.built` where `start` forked), with the work `start` began: one buffer,
    or where the work was split, its lines as each process made them (outputs.Chunks, in the CSV's order). Scores the
    cache keeps are written as they are; the scores made here are not kept (`score_season(..., keep=False)`). Work
    a forked process did not answer (killed, out of memory) is done here."""
    season, methodology = found.season, found.methodology
    read = started.read
    if started.theirs is None and not read:
        scores = started.kept
        if scores is None:
            scores = score_season(season, methodology, checked=found, keep=False)
        return csv_bytes(scores), score_counts(scores)
    ids = _ids(methodology)
    provincial = [k for k in _provincial(methodology) if k not in read]
    wider = [k for k in methodology.categories() if k not in provincial and k not in read]

    def lines(provinces: list[str] | None, categories: list[str]) -> tuple[Lines, tuple[int, int]]:
        if not categories:
            return {}, (0, 0)
        scores = score_season(season, methodology, provinces, categories, checked=found, keep=False)
        return category_lines(scores, ids, threads=1), score_counts(scores)

    def shared_lines(shares: Shares) -> tuple[Lines, tuple[int, int]]:
        made = [lines(provinces, [kategori]) for kategori, provinces in shares.items()]
        return {k: v for part, _ in made for k, v in part.items()}, _summed([count for _, count in made])

    try:
        parts: list[tuple[Lines | dict[str, memoryview], tuple[int, int]]] = [
            shared_lines(started.rest)
            if started.theirs is not None and started.rest is not None
            else lines(None, provincial),
            lines(None, wider),
        ]
    except BaseException:  # Ctrl-C, an error: the forked processes' shares are not wanted either
        started.stop()
        raise
    release_freed_memory()  # this process's scores freed: their memory given back while the other one works
    if started.theirs is not None:
        try:
            answer, count = started.theirs.result()
            parts.insert(0, (_taken(answer, started.shared), count))
        except ChildProcessError:  # the forked process was killed (out of memory): its share is done here
            parts.insert(0, shared_lines(cast("Shares", started.first)))
    if read:
        made = _reader_answer(started)
        if made is None:  # done here
            made = lines(None, read)
        parts.insert(0, made)
    # the lines as each process made them, in the CSV's order: written in turn, not copied into one buffer
    chunks: list[bytes | bytearray | memoryview] = [csv_head(ids)]
    for kategori in methodology.categories():
        chunks += [part.pop(kategori) for part, _ in parts if part.get(kategori)]
    started.theirs = None  # ended: nothing to stop (the reader's answer was taken: its memory alone is given back)
    started.stop()  # the shared memory is given back once its lines are written and let go of
    return tuple(chunks), _summed([count for _, count in parts])


def _reader_answer(started: Started) -> tuple[Lines | dict[str, memoryview], tuple[int, int]] | None:
    """The lines and counts of the categories of the reader's tables (`started.read`) as the reader made them; None
    where it did not (its tables had a problem it stopped at, it failed or was killed)."""
    reader = started.reader
    if reader is None:
        return None
    try:
        made = cast("tuple[Lines | Placed, tuple[int, int]] | None", reader.answer())
    except Exception:  # noqa: BLE001 - ChildProcessError, or what the job raised: its work is done again here
        return None
    if made is None:
        return None
    return _taken(made[0], reader.shared), made[1]


def season_score_csv(found: Registry) -> tuple[bytearray | Chunks, tuple[int, int]]:
    """`start` and `finish` for a season checked already."""
    return finish(found, start(found.season, found.methodology))


def _provincial(methodology: Methodology) -> list[str]:
    return [k for k in methodology.categories() if methodology.kategori[k].provincial]


def _ids(methodology: Methodology) -> list[str]:
    """Every indicator id of the CSV, in its columns' order."""
    return list(dict.fromkeys(methodology_table(methodology)["indikator"]))


def _taken(answer: Lines | Placed, shared: forking.SharedBytes | None) -> Lines | dict[str, memoryview]:
    """The forked process's lines: as it sent them, or where it put them in `shared`."""
    if not answer:
        return {}
    if shared is not None and all(isinstance(place, tuple) for place in answer.values()):
        return shared.take(answer)  # type: ignore[arg-type]
    return answer  # type: ignore[return-value]


def _splits(season: Season, methodology: Methodology, read: Collection[str] = ()) -> bool:
    """Whether the work is split between two processes: participants of the provincial categories other than those
    `read` (the reader scores them) in more than one province, at least SPLIT_FROM of them, on two cores where this
    process may fork. The season is not matched to its categories yet: the year-T rows of the tables those categories
    draw on are counted."""
    provincial = [k for k in _provincial(methodology) if k not in read]
    tables = dict.fromkeys(methodology.kategori[k].peserta.tabel for k in provincial)
    codes = [registry.province_of(_year_t(season, tabel)) for tabel in tables]
    every = np.concatenate(codes) if codes else np.zeros(0, dtype=object)
    if len(every) < SPLIT_FROM or (os.cpu_count() or 1) < 2 or not forking.can_fork():
        return False
    return len(pd.unique(every)) > 1


def _halves(built: Registry, share: float = FORKED_SHARE, read: Collection[str] = ()) -> tuple[Shares, Shares, int]:
    """The ranking groups the forked process scores and those this one does, per provincial category (but those
    `read`: the reader scores them), and how many participants the first hold. The groups are taken in the CSV's
    order (category, then province code), the first ones up to about `share` of the participants (those of the
    categories ranked wider, which this process scores, counted in): a category may be split between the two, its
    first provinces there and the others here (a province's participants are ranked within it)."""
    methodology = built.methodology
    provincial = [k for k in _provincial(methodology) if k not in read]
    groups: list[tuple[str, str]] = []
    sizes: list[int] = []
    wider = 0
    for tabel, frame in built.rows.items():
        matched = frame["kategori"].to_numpy(dtype=object)
        for k in methodology.categories():
            if methodology.kategori[k].peserta.tabel != tabel or k in read:
                continue
            mine = matched == k
            if k not in provincial:
                wider += int(mine.sum())
                continue
            counts = pd.Series(frame["kode_provinsi"].to_numpy(dtype=object)[mine]).value_counts().sort_index()
            groups += [(k, str(code)) for code in counts.index]
            sizes += counts.tolist()
    order = sorted(range(len(groups)), key=lambda i: (provincial.index(groups[i][0]), groups[i][1]))
    groups, sizes = [groups[i] for i in order], [sizes[i] for i in order]
    cut = split_point(np.array(sizes), (sum(sizes) + wider) * share) if len(groups) > 1 else len(groups)
    first: Shares = {}
    rest: Shares = {}
    for at, (kategori, code) in enumerate(groups):
        (first if at < cut else rest).setdefault(kategori, []).append(code)
    return first, rest, sum(sizes[:cut])


def _year_t(season: Season, tabel: str) -> pd.Series:
    """The `kode_wilayah` of the table's year-T rows."""
    table: pd.DataFrame = getattr(season, tabel)
    return table["kode_wilayah"][(table["tahun"] == season.tahun).to_numpy()]


def split_point(sizes: np.ndarray, share: float) -> int:
    """How many of the first `sizes` (at least one, not all) add up nearest to `share`: the first groups' share
    of the work. Stopping before the province that passes half the work gave the forked process 158,350 of the
    national season's 384,314 participants and left this one 0.4 s behind it."""
    taken = np.cumsum(sizes)
    return int(np.clip(np.argmin(np.abs(taken - share)) + 1, 1, len(sizes) - 1))
