"""The one rank rule, used by the engine, the Monte Carlo draws, gaps, jury reliability and the explorer.

Within a ranking group finalists come first; then the score a participant is ranked by (`skor_peringkat`: final
for finalists, desk otherwise) compared at the methodology's `desimal` decimals, higher first; then the tie-break
indicator's normalised value the same way (missing last); participants still equal share a rank (1, 2, 2, 4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .methodology import Category, Methodology

TAHAP_DOKUMEN = "dokumen"
TAHAP_WAWANCARA = "wawancara"
PODIUM = 3  # the ranks that make a group's podium

_INT64_MAX = np.iinfo(np.int64).max


def desk_only(tahap: str, category: Category) -> bool:
    """Whether a ranking group at stage `tahap` is ranked by its desk score alone, with no interview to come: nobody in
    it was interviewed, in a category that weighs no interview (Category.weighs_interview)."""
    return tahap == TAHAP_DOKUMEN and not category.weighs_interview


def stage_key(tahap: str, category: Category) -> str:
    """The message key naming a ranking group's stage: a desk-only group (`desk_only`) is not at a stage before the
    interview, it is ranked by its desk score alone (`report.stage_desk_only`)."""
    return "report.stage_desk_only" if desk_only(tahap, category) else f"report.stage_{tahap}"


@dataclass(frozen=True)
class RankRule:
    """The rank order as one integer key per participant: smaller keys rank first.

    Scores and tie-break values (both on 0-100) become whole numbers of 10**-decimals points, exactly what
    comparing them rounded to `decimals` compares; the key packs the group, finalist first, the score and the
    tie-break value, so one argsort ranks many groups (and many Monte Carlo draws) at once; `packed` adds the
    column to the key, so that a plain sort does.
    """

    decimals: int = 4

    @property
    def top(self) -> int:
        """100 in points."""
        return 100 * 10**self.decimals

    @property
    def slots(self) -> int:
        """Distinct score (or tie-break) points: 0..top, and one for a missing value (sorted last)."""
        return self.top + 2

    def points(self, values: np.ndarray) -> np.ndarray:
        """Values on 0-100 as int64 points (`round(value, decimals)` times 10**decimals); -1 where missing."""
        scaled = np.asarray(np.multiply(values, float(10**self.decimals), dtype=np.float64))
        np.rint(scaled, out=scaled)
        scaled[np.isnan(scaled)] = -1.0
        return scaled.astype(np.int64)

    def base_keys(self, group: np.ndarray, finalist: np.ndarray, tie_break: np.ndarray) -> np.ndarray:
        """The keys of participants whose score is 0; `keys` subtracts `points(score) * slots` from them.

        `group` holds group numbers 0, 1, ...: a group with a smaller number sorts first.
        """
        group = np.asarray(group, dtype=np.int64)
        if len(group) and (int(group.max()) + 1) * 2 * self.slots**2 >= _INT64_MAX:
            raise ValueError(f"too many ranking groups ({int(group.max()) + 1}) for {self.decimals} decimals")
        not_finalist = ~np.asarray(finalist, dtype=bool)
        return ((group * 2 + not_finalist) * self.slots + self.top) * self.slots + (self.top - self.points(tie_break))

    def keys(self, group: np.ndarray, finalist: np.ndarray, score: np.ndarray, tie_break: np.ndarray) -> np.ndarray:
        """One int64 sort key per participant (smaller ranks first)."""
        return self.base_keys(group, finalist, tie_break) - self.points(score) * self.slots

    @staticmethod
    def ranks(keys: np.ndarray, group_start: np.ndarray, dtype: type[np.signedinteger] = np.int64) -> np.ndarray:
        """Competition ranks along the last axis of `keys` (each row an independent ranking, e.g. a draw).

        Columns must be laid out group by group in the order the keys sort groups; `group_start[j]` is the first
        column of column j's group. Equal keys share the rank of the first of them.
        """
        order = np.argsort(keys, axis=-1)  # equal keys share a rank whatever their order: no stable sort needed
        return _scattered(np.take_along_axis(keys, order, axis=-1), order, group_start, dtype)

    def packed(self, base_keys: np.ndarray) -> PackedKeys | None:
        """The keys of columns with these `base_keys` (laid out as `ranks` needs), each packed with its column so
        that a plain sort (much faster than an argsort) ranks them; None when they do not fit in 63 bits.

        Only the order matters: the group and finalist part becomes its number among those present, the
        tie-break part its number among the values present in that part (equal values, equal numbers).
        """
        width = len(base_keys)
        if not width:
            return None
        part, tie = np.divmod(np.asarray(base_keys, dtype=np.int64), self.slots**2)
        tie %= self.slots  # top minus the tie-break's points: 0..top + 1
        parts, part = np.unique(part, return_inverse=True)
        pairs, pair = np.unique(part * self.slots + tie, return_inverse=True)
        tie = pair - np.searchsorted(pairs, part * self.slots)
        ties = int(tie.max()) + 1
        column_bits = (width - 1).bit_length()
        if len(parts) * self.slots * ties << column_bits > _INT64_MAX:
            return None
        base = (((part * self.slots + self.top) * ties + tie) << column_bits) | np.arange(width)
        return PackedKeys(base, ties << column_bits, column_bits)

    def ahead(
        self,
        finalist: np.ndarray,
        score: np.ndarray,
        tie_break: np.ndarray,
        other_finalist: np.ndarray,
        other_score: np.ndarray,
        other_tie_break: np.ndarray,
    ) -> np.ndarray:
        """Whether each participant ranks strictly above the other one of its pair (same group)."""
        zero = np.zeros(len(np.atleast_1d(score)), dtype=np.int64)
        return self.keys(zero, finalist, score, tie_break) < self.keys(
            zero, other_finalist, other_score, other_tie_break
        )


@dataclass(frozen=True)
class PackedKeys:
    """Sort keys that carry their column (RankRule.packed): `base - points * step` is the key of a score of
    `points`, with the column in its lowest `column_bits` bits."""

    base: np.ndarray
    step: int
    column_bits: int

    def keys(self, points: np.ndarray) -> np.ndarray:
        """The packed keys of scores as `RankRule.points` (draws x columns; used up)."""
        points *= -self.step
        points += self.base
        return points

    def ranks(self, keys: np.ndarray, group_start: np.ndarray, dtype: type[np.signedinteger] = np.int64) -> np.ndarray:
        """`RankRule.ranks` of these packed `keys` (sorted in place). A group's keys sort below the next group's
        (the columns are laid out so), so each group's columns are sorted on their own: the same rows as one sort
        of each whole row, in about half the time or less (smaller sorts stay in cache)."""
        width = keys.shape[-1]
        starts = np.flatnonzero(np.r_[width > 0, group_start[1:] != group_start[:-1]])
        for first, end in zip(starts, [*starts[1:], width], strict=True):
            keys[..., first:end].sort(axis=-1)
        order = keys & ((1 << self.column_bits) - 1)
        keys >>= self.column_bits
        return _scattered(keys, order, group_start, dtype)


def _scattered(
    ordered: np.ndarray, order: np.ndarray, group_start: np.ndarray, dtype: type[np.signedinteger]
) -> np.ndarray:
    """Competition ranks from each row's sorted keys `ordered` and the columns they came from, `order` (both used
    up): the position of the first equal key, from the group's first column, put back in column order."""
    shape = ordered.shape
    width = shape[-1]
    index = np.int32 if width < np.iinfo(np.int32).max else np.int64
    first = np.zeros(shape, dtype=index)
    np.multiply(ordered[..., 1:] != ordered[..., :-1], np.arange(1, width, dtype=index), out=first[..., 1:])
    np.maximum.accumulate(first, axis=-1, out=first)
    first -= (np.asarray(group_start) - 1).astype(index)
    rows = int(np.prod(shape[:-1], dtype=np.int64))
    flat = order.reshape(rows, width)
    flat += (np.arange(rows, dtype=np.int64) * width)[:, None]
    out = np.empty(rows * width, dtype=dtype)
    out[flat.reshape(-1)] = first.reshape(-1)
    return out.reshape(shape)


def rule_of(methodology: Methodology) -> RankRule:
    """The rank rule a methodology sets (its `aturan.desimal`)."""
    return RankRule(methodology.aturan.desimal)


def competition_ranks(
    group: np.ndarray, finalist: np.ndarray, score: np.ndarray, tie_break: np.ndarray, rule: RankRule = RankRule()
) -> np.ndarray:
    """Shared ("1, 2, 2, 4") ranks within each group (any hashable labels); NaN where `score` is NaN (not ranked)."""
    ranks = np.full(len(score), np.nan)
    ranked = np.flatnonzero(~np.isnan(np.asarray(score, dtype=np.float64)))
    if not len(ranked):
        return ranks
    codes = pd.factorize(np.asarray(group)[ranked], sort=True)[0]
    order = np.argsort(codes, kind="stable")
    codes = codes[order]
    columns = ranked[order]
    keys = rule.keys(
        codes,
        np.asarray(finalist, dtype=bool)[columns],
        np.asarray(score)[columns],
        np.asarray(tie_break, dtype=np.float64)[columns],
    )
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(codes)]))
    ranks[columns] = rule.ranks(keys[None, :], group_start)[0]
    return ranks


def rank(peserta: pd.DataFrame, methodology: Methodology) -> pd.DataFrame:
    """Add `skor_akhir`, `skor_peringkat`, `tahap`, `peringkat` and `usulan_shortlist` to a participants table.

    Needs columns kategori, kelompok (ranking group within the category), skor_dokumen, skor_wawancara
    (NaN for non-finalists), finalis and n_tie_break. `skor_peringkat` is the score the participant is ranked by:
    skor_akhir for finalists, skor_dokumen otherwise. A group with no interview score is in the desk stage
    (`dokumen`): everyone is ranked by skor_dokumen and ranks up to the category's shortlist size (ties
    included) are proposed (in a category that weighs no interview as well: the desk stage is its last, and the
    shortlist marks its first ranks as the issue's contract has every desk-stage group's).
    """
    out = peserta.copy(deep=False)
    codes, names = pd.factorize(out["kategori"])
    categories = [methodology.kategori[name] for name in names]
    w_dokumen = np.array([c.stage_weights.dokumen for c in categories], dtype=np.float64)[codes]
    w_wawancara = np.array([c.stage_weights.wawancara for c in categories], dtype=np.float64)[codes]
    shortlist = np.array([c.shortlist_size for c in categories], dtype=np.float64)[codes]
    finalist = out["finalis"].to_numpy(dtype=bool)
    dokumen = out["skor_dokumen"].to_numpy(dtype=np.float64)
    final = np.where(
        finalist, w_dokumen * dokumen + w_wawancara * out["skor_wawancara"].to_numpy(dtype=np.float64), np.nan
    )
    out["skor_akhir"] = final
    out["skor_peringkat"] = np.where(finalist, final, dokumen)
    group = codes * (len(out) + 1) + pd.factorize(out["kelompok"])[0]
    interviewed = pd.Series(finalist).groupby(group).transform("any").to_numpy(dtype=bool)
    out["tahap"] = np.array([TAHAP_DOKUMEN, TAHAP_WAWANCARA], dtype=object)[interviewed.astype(np.intp)]  # 2 objects
    ranks = competition_ranks(
        group,
        finalist,
        out["skor_peringkat"].to_numpy(),
        out["n_tie_break"].to_numpy(dtype=np.float64),
        rule_of(methodology),
    )
    out["peringkat"] = pd.array(ranks, dtype="Int64")
    out["usulan_shortlist"] = ~interviewed & (ranks <= shortlist)
    return out
