"""How firm is a rank: Monte Carlo over weights, stage split and normalisation; indicator removal; Sobol indices.

Each draw re-scores a SeasonScores' participants with the engine's arithmetic and rank rule, vectorised over draws.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .engine import KEY, SeasonScores, score_season
from .ranking import PackedKeys, RankRule, rule_of
from .season import Season

DEFAULT_SEED = 20250
MAX_SEED = 2**32 - 1
"""Largest seed a command or notebook accepts (0 is the smallest): numpy takes larger ones, but a seed is printed and
recorded in every report and card, where ten digits stay readable."""
DEFAULT_DRAWS = 1000
MAX_DRAWS = 100_000
"""Most draws a command or notebook accepts: 1,000 already give stable intervals; a million would need gigabytes."""
DEFAULT_SAMPLES = 256
MIN_GROUP = 3
PERCENTILE_METHOD = "inverted_cdf"  # numpy's name: every percentile is a rank some draw gave
CSV_COLUMNS: tuple[str, ...] = ("peringkat_median", "peringkat_p05", "peringkat_p95", "peringkat_stabil_pct")
DRAW_COLUMNS: tuple[str, ...] = ("undian", "seed")
"""The draws and the seed that made the intervals, on every row of `score --uncertainty`'s CSV after CSV_COLUMNS: the
file itself says how to reproduce them."""
PESERTA_COLUMNS: tuple[str, ...] = (
    "kategori",
    "kelompok",
    "kode_provinsi",
    "id_peserta",
    "peringkat",
    *CSV_COLUMNS,
    "seri_statistik",
)
REMOVAL_COLUMNS: tuple[str, ...] = (
    "kategori",
    "kelompok",
    "indikator",
    "peserta",
    "rerata_perubahan",
    "perubahan_terbesar",
    "tanpa_peringkat",
)
SENSITIVITY_COLUMNS: tuple[str, ...] = (
    "kategori",
    "kelompok",
    "masukan",
    "s1",
    "s1_conf",
    "st",
    "st_conf",
    "pergeseran_rerata",
)
DESK_INPUT = "porsi_dokumen"
NORMALISATION_INPUT = "normalisasi"
WEIGHT_INPUT = "bobot_{}"
CHUNK_CELLS = 1 << 20  # draws x participants scored at once (when `chunk` is not given)
RANK_CELLS = 1 << 26  # draws x participants whose ranks are held at once (groups are never split)


@dataclass(frozen=True)
class Perturbation:
    """What varies between draws.

    - `weight_spread` s: each indicator weight is multiplied by its own uniform factor in [1 - s, 1 + s] (the desk
      score's weighted mean rescales them); 0 keeps the methodology's weights.
    - `desk_share` (lo, hi): the desk share of a finalist's final score, uniform in [lo, hi], one value per draw used
      by every category that weighs an interview (the interview share is 1 - it); None keeps each category's stage
      weights. A category that weighs no interview (Category.weighs_interview) keeps its own in every draw: desk 1,
      interview 0, whatever interview scores its finalists hold.
    - `minmax_share`: the chance that a draw normalises every indicator by min-max within the ranking group
      (`100 * (x - min) / (max - min)` over the participants it applies to; reversed for `lower`) instead of by
      the goalposts. An indicator whose applicable values are all equal in a group keeps its goalpost value.
    """

    weight_spread: float = 0.25
    desk_share: tuple[float, float] | None = (0.6, 0.8)
    minmax_share: float = 0.5

    def __post_init__(self) -> None:
        if not 0 <= self.weight_spread < 1:
            raise ValueError(f"weight_spread must be in [0, 1), not {self.weight_spread}")
        if self.desk_share is not None and not 0 <= self.desk_share[0] <= self.desk_share[1] <= 1:
            raise ValueError(f"desk_share must be (lo, hi) with 0 <= lo <= hi <= 1, not {self.desk_share}")
        if not 0 <= self.minmax_share <= 1:
            raise ValueError(f"minmax_share must be in [0, 1], not {self.minmax_share}")

    @classmethod
    def none(cls) -> Perturbation:
        """Nothing varies: every draw is the engine's own scoring."""
        return cls(weight_spread=0.0, desk_share=None, minmax_share=0.0)


@dataclass(frozen=True)
class UncertaintyResult:
    """`peserta`: one row per participant in `scores.peserta` order, columns PESERTA_COLUMNS.

    `peringkat` is the engine's rank; `peringkat_median`, `peringkat_p05`, `peringkat_p95` the 50th, 5th and 95th
    percentile of the draws' ranks (numpy method PERCENTILE_METHOD: always a rank some draw gave);
    `peringkat_stabil_pct` the share of draws (%) giving exactly `peringkat`; `seri_statistik` is true when the
    [p05, p95] interval overlaps that of a neighbour (the participant ranked just above or below it in its
    group). Participants not scored (`dinilai` false) have empty values.
    """

    peserta: pd.DataFrame
    draws: int
    seed: int
    perturbation: Perturbation

    def csv_columns(self) -> pd.DataFrame:
        """kategori, id_peserta, CSV_COLUMNS and DRAW_COLUMNS (`draws` and `seed` on every row): the columns
        `paritrana score --uncertainty` adds."""
        count = len(self.peserta)
        drawn = (pd.array(np.full(count, value), dtype="Int64") for value in (self.draws, self.seed))
        return self.peserta[[*KEY, *CSV_COLUMNS]].assign(**dict(zip(DRAW_COLUMNS, drawn, strict=True)))


@dataclass(frozen=True)
class _Category:
    """One category's columns [start, stop) of a layout, its normalised values and applicability patterns.

    `goalposts` and `minmax` are indicators x participants, 0 where an indicator does not apply; `patterns`
    holds the distinct rows of applicability (patterns x indicators) and `pattern` each participant's row;
    `tie_break` is the engine's normalised tie-break value (NaN where it does not apply).
    """

    kategori: str
    index: int
    start: int
    stop: int
    factors: slice
    ids: tuple[str, ...]
    weights: np.ndarray
    goalposts: np.ndarray
    minmax: np.ndarray
    patterns: np.ndarray
    pattern: np.ndarray
    tie_break: np.ndarray
    stage: tuple[float, float]
    weighs_interview: bool


@dataclass(frozen=True)
class _Layout:
    """The scored participants as columns: by category, ranking group, then engine rank (neighbours are adjacent).

    `rows`: row in scores.peserta; `bounds`: first column of each group, then the column count; `group_start`:
    first column of each column's group; `group_kelompok`, `group_category`: each group's kelompok and category
    index; `nominal`: the engine's rank; `rule`: the methodology's rank rule and `base_key` its sort key without
    the score (group, finalist first, tie-break value); `finalists` (columns), their `interview` scores and
    category index `finalist_category`.
    """

    rows: np.ndarray
    categories: tuple[_Category, ...]
    bounds: np.ndarray
    group_start: np.ndarray
    group_kelompok: np.ndarray
    group_category: np.ndarray
    nominal: np.ndarray
    rule: RankRule
    base_key: np.ndarray
    finalists: np.ndarray
    interview: np.ndarray
    finalist_category: np.ndarray
    rank_dtype: type[np.signedinteger]

    @property
    def width(self) -> int:
        return len(self.rows)

    @property
    def factor_count(self) -> int:
        return sum(len(c.ids) for c in self.categories)

    def blocks(self, draws: int) -> list[tuple[int, int]]:
        """Column ranges of whole groups, each holding about RANK_CELLS // draws participants.

        At least one group; none when nothing is scored.
        """
        size = max(1, RANK_CELLS // max(draws, 1))
        cuts = [0]
        for previous, end in itertools.pairwise(self.bounds):
            if end - cuts[-1] > size and previous > cuts[-1]:
                cuts.append(int(previous))
        if cuts[-1] < self.width:
            cuts.append(self.width)
        return list(itertools.pairwise(cuts))


@dataclass(frozen=True)
class _Draws:
    """Per draw: weight `factors` (draws x every category's indicators), `desk` and `interview` shares (draws x
    categories) and whether it normalises by min-max."""

    factors: np.ndarray
    desk: np.ndarray
    interview: np.ndarray
    minmax: np.ndarray

    @property
    def count(self) -> int:
        return len(self.minmax)


def _category(
    scores: SeasonScores, kategori: str, index: int, start: int, offset: int, ids: np.ndarray, bounds: np.ndarray
) -> _Category:
    """A category's matrices for its layout columns (participant ids `ids`, group bounds `bounds` from 0)."""
    category = scores.methodology.kategori[kategori]
    part = scores.indikator[scores.indikator["kategori"] == kategori]
    position = pd.Index(ids).get_indexer(part["id_peserta"])
    kept = position >= 0
    indicator = pd.Index(category.indicator_ids).get_indexer(pd.Index(part["indikator"]))[kept]
    shape = (len(category.indicators), len(ids))
    raw, goalposts = np.full(shape, np.nan), np.zeros(shape)
    applies = np.zeros(shape, dtype=bool)
    raw[indicator, position[kept]] = part["nilai"].to_numpy(dtype=np.float64)[kept]
    goalposts[indicator, position[kept]] = np.nan_to_num(part["n"].to_numpy(dtype=np.float64)[kept])
    applies[indicator, position[kept]] = part["berlaku"].to_numpy(dtype=bool)[kept]
    raw[~applies] = np.nan
    sizes = np.diff(bounds)
    lowest = np.repeat(np.fmin.reduceat(raw, bounds[:-1], axis=1), sizes, axis=1)
    highest = np.repeat(np.fmax.reduceat(raw, bounds[:-1], axis=1), sizes, axis=1)
    lower = np.array([i.direction == "lower" for i in category.indicators])[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        stretched = 100 * np.where(lower, highest - raw, raw - lowest) / (highest - lowest)
    minmax = np.where(applies, np.where(highest > lowest, stretched, goalposts), 0.0)
    patterns, pattern = np.unique(applies.T, axis=0, return_inverse=True)
    tie = category.indicator_ids.index(category.tie_break)
    return _Category(
        kategori=kategori,
        index=index,
        start=start,
        stop=start + len(ids),
        factors=slice(offset, offset + shape[0]),
        ids=category.indicator_ids,
        weights=np.array([i.weight for i in category.indicators]),
        goalposts=goalposts,
        minmax=minmax,
        patterns=patterns,
        pattern=pattern.reshape(-1),
        tie_break=np.where(applies[tie], goalposts[tie], np.nan),
        stage=(category.stage_weights.dokumen, category.stage_weights.wawancara),
        weighs_interview=category.weighs_interview,
    )


def _layout(scores: SeasonScores, categories: Collection[str] | None = None) -> _Layout:
    """The layout of the scored participants of `categories` (default: all in `scores`)."""
    methodology = scores.methodology
    peserta = scores.peserta
    present = set(peserta.loc[peserta["dinilai"].to_numpy(dtype=bool), "kategori"].unique())
    chosen = [k for k in methodology.categories() if k in present and (categories is None or k in categories)]
    code = peserta["kategori"].map({k: i for i, k in enumerate(chosen)}).to_numpy(dtype=np.float64)
    rows = np.flatnonzero(peserta["dinilai"].to_numpy(dtype=bool) & ~np.isnan(code))
    rank = peserta["peringkat"].to_numpy(dtype=np.float64, na_value=np.nan)
    group = pd.factorize(peserta["kelompok"], sort=True)[0]
    rows = rows[np.lexsort((rows, rank[rows], group[rows], code[rows]))]
    code, group = code[rows].astype(np.int64), group[rows]
    width = len(rows)
    new_group = np.r_[True, (code[1:] != code[:-1]) | (group[1:] != group[:-1])] if width else np.zeros(0, bool)
    starts = np.flatnonzero(new_group)
    bounds = np.r_[starts, width]
    sizes = np.diff(bounds)
    group_index = np.repeat(np.arange(len(starts)), sizes)
    ids = peserta["id_peserta"].to_numpy(dtype=object)[rows]
    built, offset = [], 0
    for index, kategori in enumerate(chosen):
        columns = np.flatnonzero(code == index)
        local = bounds[(bounds >= columns[0]) & (bounds <= columns[-1] + 1)] - columns[0]
        built.append(_category(scores, kategori, index, int(columns[0]), offset, ids[columns], local))
        offset += len(built[-1].ids)
    tie_break = np.concatenate([cat.tie_break for cat in built]) if built else np.zeros(0)
    finalist = peserta["finalis"].to_numpy(dtype=bool)[rows]
    rule = rule_of(methodology)
    finalists = np.flatnonzero(finalist)
    largest = int(sizes.max()) if width else 0
    return _Layout(
        rows=rows,
        categories=tuple(built),
        bounds=bounds,
        group_start=np.repeat(starts, sizes),
        group_kelompok=peserta["kelompok"].to_numpy(dtype=object)[rows[starts]],
        group_category=code[starts],
        nominal=rank[rows].astype(np.int64),
        rule=rule,
        base_key=rule.base_keys(group_index, finalist, tie_break),
        finalists=finalists,
        interview=peserta["skor_wawancara"].to_numpy(dtype=np.float64)[rows[finalists]],
        finalist_category=code[finalists],
        rank_dtype=np.int16 if largest <= np.iinfo(np.int16).max else np.int32,
    )


def _engine_sum(terms: Sequence[np.ndarray]) -> np.ndarray:
    """sum(terms), added in the order numpy's float `sum(axis=1)` adds a row of len(terms) values (its pairwise
    summation), so that unperturbed draws give the engine's desk scores bit for bit."""
    count = len(terms)
    if count < 8:
        total = terms[0].copy()
        for term in terms[1:]:
            total += term
        return total
    if count > 128:
        half = count // 2 - (count // 2) % 8
        return _engine_sum(terms[:half]) + _engine_sum(terms[half:])
    acc = [term.copy() for term in terms[:8]]  # numpy's eight accumulators
    stop = count - count % 8
    for first in range(8, stop, 8):
        for j in range(8):
            acc[j] += terms[first + j]
    total = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
    for term in terms[stop:]:
        total += term
    return total


def _weighted_sum(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """`_engine_sum` of the terms weights[:, [k]] * values[k] (draws x columns), with fewer than eight terms added
    one by one into one array (the order numpy adds them in), each term made in one reused array."""
    count = weights.shape[1]
    if count >= 8:
        return _engine_sum([weights[:, [k]] * values[k] for k in range(count)])
    total = weights[:, [0]] * values[0]
    term = np.empty_like(total)
    for k in range(1, count):
        total += np.multiply(weights[:, [k]], values[k], out=term)
    return total


def _scores(layout: _Layout, lo: int, hi: int, draws: _Draws, rows: np.ndarray, minmax: bool) -> np.ndarray:
    """Final scores (draws `rows` x columns lo:hi): the engine's desk score, and for finalists
    desk share * desk + interview share * interview. NaN where no weighted indicator applies."""
    score = np.empty((len(rows), hi - lo))
    for cat in layout.categories:
        first, last = max(cat.start, lo), min(cat.stop, hi)
        if first >= last:
            continue
        local = slice(first - cat.start, last - cat.start)
        weights = draws.factors[rows, cat.factors] * cat.weights
        values = (cat.minmax if minmax else cat.goalposts)[:, local]
        numerator = _weighted_sum(weights, values)
        totals = _engine_sum([np.where(cat.patterns[:, k], weights[:, [k]], 0.0) for k in range(len(cat.ids))])
        with np.errstate(invalid="ignore"):
            np.divide(numerator, totals[:, cat.pattern[local]], out=score[:, first - lo : last - lo])
    np.clip(score, 0.0, 100.0, out=score)
    chosen = slice(*np.searchsorted(layout.finalists, [lo, hi]))
    columns, category = layout.finalists[chosen] - lo, layout.finalist_category[chosen]
    desk, interview = draws.desk[rows][:, category], draws.interview[rows][:, category]
    score[:, columns] = desk * score[:, columns] + interview * layout.interview[chosen]
    return score


def _rank_rows(
    layout: _Layout, lo: int, hi: int, draws: _Draws, rows: np.ndarray, minmax: bool, packed: PackedKeys | None
) -> np.ndarray:
    """Competition ranks (1, 2, 2, 4) within each group for draws `rows` x columns lo:hi, by the methodology's
    rank rule (ranking.RankRule), one sort for all groups (of the block's `packed` keys when they fit, else an
    argsort); 0 where a participant has no score in a draw."""
    score = _scores(layout, lo, hi, draws, rows, minmax)
    rule = layout.rule
    points = rule.points(score)
    group_start = layout.group_start[lo:hi] - lo
    if packed is None:
        ranks = rule.ranks(layout.base_key[lo:hi] - points * rule.slots, group_start, layout.rank_dtype)
    else:
        ranks = packed.ranks(packed.keys(points), group_start, layout.rank_dtype)
    ranks[np.isnan(score)] = 0
    return ranks


def _chunks(
    layout: _Layout, lo: int, hi: int, draws: _Draws, chunk: int | None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(draw rows, their ranks) for columns lo:hi, `chunk` draws at a time (default CHUNK_CELLS cells)."""
    step = chunk or max(1, CHUNK_CELLS // max(1, hi - lo))
    packed = layout.rule.packed(layout.base_key[lo:hi])
    for minmax in (False, True):
        selected = np.flatnonzero(draws.minmax == minmax)
        for first in range(0, len(selected), step):
            rows = selected[first : first + step]
            yield rows, _rank_rows(layout, lo, hi, draws, rows, minmax, packed)


def _rank_blocks(layout: _Layout, draws: _Draws, chunk: int | None) -> Iterator[tuple[int, int, np.ndarray]]:
    """(lo, hi, ranks of every draw x columns lo:hi) per block of whole groups."""
    for lo, hi in layout.blocks(draws.count):
        ranks = np.empty((draws.count, hi - lo), dtype=layout.rank_dtype)
        for rows, part in _chunks(layout, lo, hi, draws, chunk):
            ranks[rows] = part
        yield lo, hi, ranks


def _stage(layout: _Layout, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Each category's own desk and interview shares, repeated for `count` draws."""
    desk = np.array([c.stage[0] for c in layout.categories])
    interview = np.array([c.stage[1] for c in layout.categories])
    return np.tile(desk, (count, 1)), np.tile(interview, (count, 1))


def _check_seed(seed: object) -> None:
    """Refuse, by name, a seed the commands refuse (`--seed`: a whole number from 0 to MAX_SEED; True is no number):
    numpy's own refusal ("expected non-negative integer") named no argument, and SALib took any number."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be a whole number from 0 to {MAX_SEED}, not {seed!r}")


def _random_draws(layout: _Layout, count: int, seed: int, perturbation: Perturbation) -> _Draws:
    """`count` draws from numpy's default generator seeded with `seed` (the same for any chunk size).

    The shared desk share and normalisation come from the stream (seed, 0); each category's weight factors from
    its own stream, named by its id (seed, 1, the id's characters). So a category's draws do not depend on which
    other categories or provinces are scored, nor on where the category stands in the methodology: a province
    report and `paritrana score --uncertainty` agree.
    """
    if count < 1:
        raise ValueError(f"draws must be at least 1, not {count}")
    _check_seed(seed)
    shared = np.random.default_rng([seed, 0])
    spread = perturbation.weight_spread
    factors = np.ones((count, layout.factor_count))
    for cat in layout.categories:
        own = np.random.default_rng([seed, 1, *map(ord, cat.kategori)])
        factors[:, cat.factors] = 1.0 + spread * (2.0 * own.random((count, len(cat.ids))) - 1.0)
    share = shared.random(count)
    minmax = shared.random(count) < perturbation.minmax_share
    if perturbation.desk_share is None:
        desk, interview = _stage(layout, count)
    else:
        lo, hi = perturbation.desk_share
        desk = np.repeat((lo + (hi - lo) * share)[:, None], len(layout.categories), axis=1)
        interview = 1.0 - desk
        for cat in layout.categories:
            if not cat.weighs_interview:  # its interview never counts: its own shares in every draw
                desk[:, cat.index], interview[:, cat.index] = cat.stage
    return _Draws(factors=factors, desk=desk, interview=interview, minmax=minmax)


def draw_ranks(
    scores: SeasonScores,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    perturbation: Perturbation = Perturbation(),
    chunk: int | None = None,
) -> np.ndarray:
    """The rank of every participant (columns, in `scores.peserta` order) in every draw (rows); 0 = not ranked.

    For tests and benchmarks only (the workbook itself calls `rank_uncertainty`): the draws of `rank_uncertainty`
    with the same arguments, with the whole draws x participants matrix held in memory.
    """
    layout = _layout(scores)
    out = np.zeros((draws, len(scores.peserta)), dtype=np.int32)
    for lo, hi, ranks in _rank_blocks(layout, _random_draws(layout, draws, seed, perturbation), chunk):
        out[:, layout.rows[lo:hi]] = ranks
    return out


def _percentile_row(q: float, count: int) -> int:
    """The sorted position numpy's `inverted_cdf` percentile picks: the first with a cumulative share >= q."""
    return max(math.ceil(q * count) - 1, 0)


def rank_uncertainty(
    scores: SeasonScores,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    perturbation: Perturbation = Perturbation(),
    chunk: int | None = None,
) -> UncertaintyResult:
    """Rank intervals of every scored participant over `draws` perturbed re-scorings (see Perturbation).

    Each draw re-scores every participant of `scores` with the methodology it was scored with and ranks them
    within their ranking group by the engine's rule: finalists first by final score, then the others by desk
    score, scores compared at the methodology's `desimal` decimals, equal scores ordered by the engine's
    (goalpost-normalised) tie-break value, still-equal scores sharing a rank. Ranks are recomputed among the
    participants in `scores`: score the whole season (no province filter) for the ranks of national and zone
    groups (see `uncertainty_columns`).
    Draws are scored `chunk` at a time (default: about CHUNK_CELLS draws x participants) and ranks kept for
    about RANK_CELLS draws x participants at a time, so memory stays bounded.

    Parameters
    ----------
    scores : SeasonScores
        The engine's scores (`score_season`); its methodology is the one perturbed.
    draws : int, default DEFAULT_DRAWS (1000)
        How many perturbed re-scorings.
    seed : int, default DEFAULT_SEED (20250)
        Seed of the random draws: the same `draws` and `seed` give the same intervals. Each category
        draws from its own stream, named by its id, so its intervals do not depend on the other
        categories scored.
    perturbation : Perturbation, default Perturbation()
        What varies between draws: weights by up to 25 %, the desk share in [0.6, 0.8], min-max
        normalisation in half the draws.
    chunk : int, optional
        Draws scored at a time; None chooses from CHUNK_CELLS.

    Returns
    -------
    UncertaintyResult
        ``peserta``: one row per participant in ``scores.peserta`` order with the median, 5th and
        95th percentile rank, the share of draws giving the official rank and the statistical tie
        flag (``seri_statistik``); ``csv_columns()`` gives the columns ``paritrana score
        --uncertainty`` adds.

    Raises
    ------
    ValueError
        When `draws` is less than 1, or `seed` is not a whole number from 0 to MAX_SEED (2**32 - 1).

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.methodology import load_methodology
    >>> from paritrana_nb.engine import score_season
    >>> from paritrana_nb.uncertainty import rank_uncertainty
    >>> scores = score_season(read_season(2025, "data"), load_methodology("params/2025/metodologi.yaml"),
    ...                       provinces=["61"], categories=["desa"])
    >>> result = rank_uncertainty(scores, draws=200, seed=20250)
    >>> columns = ["peringkat", "peringkat_p05", "peringkat_p95", "seri_statistik"]
    >>> print(result.peserta[columns].head(3).to_string(index=False))
     peringkat  peringkat_p05  peringkat_p95  seri_statistik
             1              1              2            True
             2              1              2            True
             3              3              4            True
    """
    layout = _layout(scores)
    stats = np.zeros((3, layout.width), dtype=np.int64)
    stable = np.zeros(layout.width)
    picks = [_percentile_row(q, draws) for q in (0.5, 0.05, 0.95)]
    for lo, hi, ranks in _rank_blocks(layout, _random_draws(layout, draws, seed, perturbation), chunk):
        stable[lo:hi] = 100.0 * np.count_nonzero(ranks == layout.nominal[lo:hi], axis=0) / draws
        ranks.sort(axis=0)  # equal ranks are alike: no stable sort needed (for int32, numpy's stable one is slower)
        stats[:, lo:hi] = ranks[picks]
    median, p05, p95 = stats
    same_group = layout.group_start[1:] == layout.group_start[:-1]
    overlap = same_group & (p05[1:] <= p95[:-1]) & (p05[:-1] <= p95[1:])
    tie = np.zeros(layout.width, dtype=bool)
    tie[1:] |= overlap
    tie[:-1] |= overlap
    frame = scores.peserta[["kategori", "kelompok", "kode_provinsi", "id_peserta", "peringkat"]].reset_index(drop=True)
    for name, values in (("peringkat_median", median), ("peringkat_p05", p05), ("peringkat_p95", p95)):
        column = np.full(len(frame), np.nan)
        column[layout.rows] = values
        frame[name] = pd.array(column, dtype="Int64")
    frame["peringkat_stabil_pct"] = np.nan
    frame.loc[layout.rows, "peringkat_stabil_pct"] = stable
    ties = np.full(len(frame), None, dtype=object)
    ties[layout.rows] = tie
    frame["seri_statistik"] = pd.array(ties, dtype="boolean")
    return UncertaintyResult(peserta=frame[list(PESERTA_COLUMNS)], draws=draws, seed=seed, perturbation=perturbation)


def uncertainty_columns(
    season: Season,
    scores: SeasonScores,
    provinces: Collection[str] | None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """`rank_uncertainty(scores, draws, seed).csv_columns()` for scores computed with the `provinces` filter: the
    draws of a category ranked in groups wider than a province (national, zones) re-score all its groups."""
    columns = rank_uncertainty(scores, draws, seed).csv_columns()
    methodology = scores.methodology
    wide = [
        k
        for k in methodology.categories()
        if not methodology.kategori[k].provincial and (scores.peserta["kategori"] == k).any()
    ]
    if provinces is None or not wide:
        return columns
    whole = rank_uncertainty(score_season(season, methodology, None, wide), draws, seed).csv_columns()
    return pd.concat([columns[~columns["kategori"].isin(wide)], whole], ignore_index=True)


def _groups(layout: _Layout, lo: int, hi: int) -> tuple[slice, np.ndarray]:
    """The groups of block lo:hi (a slice of group indices) and their first columns within the block."""
    span = slice(*np.searchsorted(layout.bounds, [lo, hi]))
    return span, layout.bounds[span] - lo


def indicator_removal(scores: SeasonScores) -> pd.DataFrame:
    """Per ranking group and indicator: how ranks move when that indicator is removed (the others' weights rescale).

    Columns REMOVAL_COLUMNS: `peserta` scored in the group, `rerata_perubahan` the mean and `perubahan_terbesar`
    the largest absolute rank change over the participants still ranked, `tanpa_peringkat` how many lose their
    rank (the removed indicator was the only one applying to them). Goalpost normalisation and the methodology's
    stage weights, as in the engine.

    Parameters
    ----------
    scores : SeasonScores
        The engine's scores (`score_season`); each of its methodology's indicators is removed in turn.

    Returns
    -------
    pandas.DataFrame
        One row per category, ranking group and indicator, columns REMOVAL_COLUMNS. Nothing is
        drawn at random: the same scores give the same table.

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.methodology import load_methodology
    >>> from paritrana_nb.engine import score_season
    >>> from paritrana_nb.uncertainty import indicator_removal
    >>> scores = score_season(read_season(2025, "data"), load_methodology("params/2025/metodologi.yaml"),
    ...                       provinces=["61"], categories=["desa"])
    >>> removal = indicator_removal(scores)
    >>> removal[["indikator", "perubahan_terbesar"]].to_dict("records")[:2]
    [{'indikator': 'cakupan_desa', 'perubahan_terbesar': 5}, {'indikator': 'perangkat', 'perubahan_terbesar': 5}]
    """
    layout = _layout(scores)
    count = layout.factor_count
    desk, interview = _stage(layout, count)
    removal = _Draws(factors=1.0 - np.eye(count), desk=desk, interview=interview, minmax=np.zeros(count, dtype=bool))
    groups = len(layout.bounds) - 1
    total, largest, ranked = (np.zeros((count, groups), dtype=np.int64) for _ in range(3))
    for lo, hi in layout.blocks(count):
        span, starts = _groups(layout, lo, hi)
        for rows, ranks in _chunks(layout, lo, hi, removal, None):
            kept = ranks > 0
            shift = np.where(kept, np.abs(ranks - layout.nominal[lo:hi]), 0)
            total[rows, span] = np.add.reduceat(shift, starts, axis=1)
            largest[rows, span] = np.maximum.reduceat(shift, starts, axis=1)
            ranked[rows, span] = np.add.reduceat(kept.astype(np.int64), starts, axis=1)
    sizes = np.diff(layout.bounds)
    records = []
    for cat in layout.categories:
        for k, indicator in enumerate(cat.ids):
            row = cat.factors.start + k
            for g in np.flatnonzero(layout.group_category == cat.index):
                kept = ranked[row, g]
                records.append(
                    (
                        cat.kategori,
                        layout.group_kelompok[g],
                        indicator,
                        int(sizes[g]),
                        total[row, g] / kept if kept else np.nan,
                        int(largest[row, g]),
                        int(sizes[g] - kept),
                    )
                )
    return pd.DataFrame.from_records(records, columns=list(REMOVAL_COLUMNS))


def _inputs(cat: _Category, perturbation: Perturbation) -> tuple[list[str], list[list[float]]]:
    """The varying inputs of one category under `perturbation`: names and SALib bounds (no desk share for a category
    that weighs no interview: it never varies)."""
    names, bounds = [], []
    if perturbation.weight_spread > 0:
        for indicator in cat.ids:
            names.append(WEIGHT_INPUT.format(indicator))
            bounds.append([1 - perturbation.weight_spread, 1 + perturbation.weight_spread])
    shares = perturbation.desk_share
    if shares is not None and shares[0] < shares[1] and cat.weighs_interview:
        names.append(DESK_INPUT)
        bounds.append(list(shares))
    if 0 < perturbation.minmax_share < 1:
        names.append(NORMALISATION_INPUT)
        bounds.append([0.0, 1.0])
    return names, bounds


def _sample_draws(
    layout: _Layout, cat: _Category, names: list[str], sample: np.ndarray, perturbation: Perturbation
) -> _Draws:
    """Draws from a SALib sample (rows x `names`); inputs not in `names` keep their fixed value."""
    count = len(sample)
    column = {name: sample[:, j] for j, name in enumerate(names)}
    factors = np.ones((count, layout.factor_count))
    for k, indicator in enumerate(cat.ids):
        factors[:, cat.factors.start + k] = column.get(WEIGHT_INPUT.format(indicator), 1.0)
    desk, interview = _stage(layout, count)
    if DESK_INPUT in column:
        desk = column[DESK_INPUT][:, None]
        interview = 1.0 - desk
    elif perturbation.desk_share is not None and cat.weighs_interview:
        desk = np.full((count, 1), perturbation.desk_share[0])
        interview = 1.0 - desk
    minmax = (
        column[NORMALISATION_INPUT] < perturbation.minmax_share
        if NORMALISATION_INPUT in column
        else np.full(count, perturbation.minmax_share == 1)
    )
    return _Draws(factors=factors, desk=desk, interview=interview, minmax=minmax)


def sensitivity_indices(
    scores: SeasonScores,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    perturbation: Perturbation = Perturbation(),
    chunk: int | None = None,
) -> pd.DataFrame:
    """First-order (s1) and total (st) Sobol indices of each varying input, per ranking group of MIN_GROUP or more.

    Inputs (per category, as in Perturbation): `bobot_<indicator>` (each weight factor), `porsi_dokumen` (desk
    share; none in a category that weighs no interview) and `normalisasi` (uniform on [0, 1], min-max below
    `minmax_share`). The output of a group is the mean absolute rank shift from the engine's ranks over its
    participants (`pergeseran_rerata` is its mean over the sample). SALib's Saltelli sample of `samples` base rows
    (a power of 2; samples x (inputs + 2) scorings per category) and its Sobol analysis (95% bootstrap intervals
    `*_conf`), both seeded with `seed`. A group whose output never changes gets indices 0. Columns
    SENSITIVITY_COLUMNS.

    Parameters
    ----------
    scores : SeasonScores
        The engine's scores (`score_season`).
    samples : int, default DEFAULT_SAMPLES (256)
        SALib's base sample size, a power of 2 (SALib warns otherwise).
    seed : int, default DEFAULT_SEED (20250)
        Seed of SALib's sample and bootstrap: the same arguments give the same indices.
    perturbation : Perturbation, default Perturbation()
        The ranges the inputs vary over, as in `rank_uncertainty`.
    chunk : int, optional
        Re-scorings computed at a time; None chooses from CHUNK_CELLS.

    Returns
    -------
    pandas.DataFrame
        One row per category, ranking group (of MIN_GROUP or more participants) and input, columns
        SENSITIVITY_COLUMNS: ``s1``, ``st`` and their 95 % half-widths ``s1_conf``, ``st_conf``.

    Raises
    ------
    ValueError
        When `seed` is not a whole number from 0 to MAX_SEED (2**32 - 1), as the commands' ``--seed``.

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.methodology import load_methodology
    >>> from paritrana_nb.engine import score_season
    >>> from paritrana_nb.uncertainty import sensitivity_indices
    >>> scores = score_season(read_season(2025, "data"), load_methodology("params/2025/metodologi.yaml"),
    ...                       provinces=["61"], categories=["desa"])
    >>> sobol = sensitivity_indices(scores, samples=64)
    >>> list(sobol["masukan"])
    ['bobot_cakupan_desa', 'bobot_perangkat', 'bobot_bpd', 'bobot_rentan_dana_desa', 'porsi_dokumen', 'normalisasi']
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    _check_seed(seed)
    records = []
    for kategori in scores.methodology.categories():
        layout = _layout(scores, [kategori])
        sizes = np.diff(layout.bounds)
        eligible = np.flatnonzero(sizes >= MIN_GROUP)
        if not len(eligible):
            continue
        cat = layout.categories[0]
        names, bounds = _inputs(cat, perturbation)
        if not names:
            continue
        problem = {"num_vars": len(names), "names": names, "bounds": bounds}
        sample = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
        sampled = _sample_draws(layout, cat, names, sample, perturbation)
        output = np.zeros((len(sample), len(sizes)))
        for lo, hi in layout.blocks(sampled.count):
            span, starts = _groups(layout, lo, hi)
            for rows, ranks in _chunks(layout, lo, hi, sampled, chunk):
                output[rows, span] = np.add.reduceat(np.abs(ranks - layout.nominal[lo:hi]), starts, axis=1)
        output /= sizes
        for g in eligible:
            y = output[:, g]
            if np.ptp(y) == 0:
                found = {key: np.zeros(len(names)) for key in ("S1", "S1_conf", "ST", "ST_conf")}
            else:
                # its bootstrap seeded as SALib seeds it from a whole number, but by a generator: SALib tests `if
                # seed:`, so seed 0 drew from numpy's global state and the intervals changed from run to run
                bootstrap = np.random.default_rng(seed)
                found = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=bootstrap)
            for j, name in enumerate(names):
                records.append(
                    (
                        kategori,
                        layout.group_kelompok[g],
                        name,
                        float(found["S1"][j]),
                        float(found["S1_conf"][j]),
                        float(found["ST"][j]),
                        float(found["ST_conf"][j]),
                        float(y.mean()),
                    )
                )
    return pd.DataFrame.from_records(records, columns=list(SENSITIVITY_COLUMNS))
