"""What it would take ("yang perlu ditingkatkan"): the one-column change that lifts a participant past the one above it.

Each lever in ACTIONS is bisected over valid values, vectorised over a chunk of participants: each step re-scores
the changed rows still open as the engine does, recomputing the indicators whose formula reads the lever's column
(the others cannot change).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from . import formatting, indicators, registry, scoring
from .engine import SeasonScores, score_season
from .messages import Num, isolate, t
from .methodology import Aturan, Category, Methodology
from .outputs import table_csv_bytes, table_csv_text, write_atomic
from .ranking import RankRule, rule_of
from .schema import PART_OF_WHOLE, PARTICIPANT_TABLES, PROGRAMMES, Table
from .season import Season


@dataclass(frozen=True)
class Action:
    """A lever: changing input column `kolom` (year T) to raise indicator `indikator`.

    `arah` is the change that raises a `higher` indicator (`naik` = increase, `turun` = decrease); it is reversed
    when the methodology scores the indicator `lower` (the search assumes the score moves one way with the column,
    as it does under the default methodology; `cukup` is checked at the value found either way). `biaya_satuan` is
    the cost of one unit of change for yes/no and regulation columns; None means the relative change
    |needed - current| / max(|current|, 1). `iuran`: the column counts vulnerable workers whose JKK + JKM premium
    the participant pays (priced by the methodology's `aturan.iuran_rentan_rp_per_bulan`).
    """

    indikator: str
    kolom: str
    arah: Literal["naik", "turun"] = "naik"
    biaya_satuan: float | None = None
    iuran: bool = False


GOVERNMENT_ACTIONS: tuple[Action, ...] = (
    Action("ucj", "peserta_bpu"),
    Action("ucj_naik", "peserta_bpu"),
    Action("capaian_target", "peserta_bpu"),
    Action("rentan_apbd", "pekerja_rentan_apbd", iuran=True),
    Action("regulasi", "perda", biaya_satuan=1.0),
    Action("regulasi", "perkada", biaya_satuan=1.0),
    Action("regulasi", "surat_edaran", biaya_satuan=1.0),
)
VILLAGE_ACTIONS: tuple[Action, ...] = (
    Action("cakupan_desa", "peserta"),
    Action("perangkat", "perangkat_terlindungi"),
    Action("bpd", "bpd_terlindungi"),
    Action("rentan_dana_desa", "pekerja_rentan_dana_desa", iuran=True),
)
BUSINESS_ACTIONS: tuple[Action, ...] = (
    Action("kepesertaan", "pekerja_terdaftar"),
    *(Action("program", programme, biaya_satuan=1.0) for programme in PROGRAMMES),
    Action("tertib_iuran", "bulan_tunggakan", arah="turun"),
    Action("upah_sesuai", "upah_sesuai_pct"),
    Action("nik_valid", "nik_valid_pct"),
    Action("vendor_patuh", "vendor_patuh_pct"),
    Action("csr_rentan", "pekerja_rentan_csr", iuran=True),
)
#: The levers of each participant table; only those whose indicator a category uses are searched.
ACTIONS: dict[str, tuple[Action, ...]] = {
    "pemda": GOVERNMENT_ACTIONS,
    "desa": VILLAGE_ACTIONS,
    "badan_usaha": BUSINESS_ACTIONS,
}
#: The contract kind of every lever column (count, percent, binary, ...).
_KIND: dict[str, str] = {
    action.kolom: PARTICIPANT_TABLES[tabel].table.column(action.kolom).kind
    for tabel, actions in ACTIONS.items()
    for action in actions
}

#: Search ceiling of a count that no contract rule bounds (e.g. peserta_bpu); goalposts are reached far below.
COUNT_LIMIT = 10**12
#: Grid steps per unit of a percent column: suggestions move in steps of 0.01.
PERCENT_STEPS = 100
#: Why an action is not enough: even the value at which every indicator the column feeds is at its upper goalpost
#: (or the column at its valid maximum) leaves the participant behind; that value only draws level with the
#: participant above (the same score at `desimal` decimals and the same tie-break value: it would share its place);
#: or the participant above is a finalist and this one was not interviewed.
BATAS_ATAS = "batas_atas"
SERI = "seri"
FINALIS_DI_ATAS = "finalis_di_atas"

GAPS_COLUMNS: tuple[str, ...] = (
    "kategori",
    "kode_provinsi",
    "id_peserta",
    "indikator",
    "kolom",
    "tahun",
    "nilai_sekarang",
    "nilai_dibutuhkan",
    "cukup",
    "nama",
    "peringkat",
    "finalis",
    "target_id_peserta",
    "target_nama",
    "perubahan",
    "biaya_relatif",
    "iuran_rp_per_tahun",
    "skor_sekarang",
    "skor_target",
    "skor_baru",
    "alasan",
)
MONTHS = 12
BOOLEAN_COLUMNS: tuple[str, ...] = ("cukup", "finalis")
_WHOLE_OF: dict[tuple[str, str], str] = {(table, part): whole for table, part, whole in PART_OF_WHOLE}


#: Movers searched at once. A mover's search reads only its own row and its target's, so a category is searched
#: chunk by chunk: the same rows, with the memory of one chunk.
CHUNK_ROWS = 65_536


class _Reads:
    """Stands in for a participants frame and notes the columns a formula reads (formulas read columns by name)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame, self.read = frame, set[str]()

    def __getitem__(self, column: str) -> pd.Series:
        self.read.add(column)
        return self.frame[column]

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def index(self) -> pd.Index:
        return self.frame.index


@dataclass(frozen=True)
class _Spec:
    """What the search of one category needs besides its movers: the category, its levers, the rank rule, the
    participant table, and per indicator the input columns its formula reads."""

    category: Category
    aturan: Aturan
    rule: RankRule
    table: Table
    reads: dict[str, frozenset[str]]

    @classmethod
    def of(cls, methodology: Methodology, kategori: str, rows: pd.DataFrame) -> _Spec:
        category = methodology.kategori[kategori]
        reads = {}
        for indikator in category.indicator_ids:
            recorder = _Reads(rows.iloc[:1])
            indicators.compute(cast(pd.DataFrame, recorder), category, methodology.aturan, [indikator])
            reads[indikator] = frozenset(recorder.read)
        table = PARTICIPANT_TABLES[category.peserta.tabel].table
        return cls(category, methodology.aturan, rule_of(methodology), table, reads)

    @property
    def actions(self) -> list[tuple[int, Action]]:
        """The levers searched, numbered in ACTIONS order: those whose indicator the category uses."""
        ids = self.category.indicator_ids
        return [(number, a) for number, a in enumerate(ACTIONS[self.table.name]) if a.indikator in ids]

    @property
    def columns(self) -> list[str]:
        """The columns the search reads: every formula's inputs, the lever columns and the wholes bounding them."""
        levers = {a.kolom for _, a in self.actions}
        wholes = {_WHOLE_OF[(self.table.name, k)] for k in levers if (self.table.name, k) in _WHOLE_OF}
        return sorted(set[str]().union(*self.reads.values()) | levers | wholes)

    def moved_by(self, kolom: str) -> list[int]:
        """The positions (in the category's order) of the indicators whose formula reads `kolom`."""
        return [j for j, i in enumerate(self.category.indicator_ids) if kolom in self.reads[i]]


def _bisect(passes: Callable[[np.ndarray, np.ndarray], np.ndarray], lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Per row the smallest whole d in (lo, hi] with passes(d), for passes monotone, false at lo and true at hi.

    `passes(d, at)` answers for the rows `at` only (those still open). A row where passes(hi) is false keeps hi.
    """
    lo, hi = lo.astype(np.int64), hi.astype(np.int64)
    while True:
        at = np.flatnonzero(hi - lo > 1)
        if not len(at):
            return hi
        mid = (lo[at] + hi[at]) // 2
        passed = passes(mid, at)
        hi[at[passed]] = mid[passed]
        lo[at[~passed]] = mid[~passed]


def _domain(table: Table, kolom: str, rows: pd.DataFrame) -> tuple[int, np.ndarray]:
    """Grid steps per unit and the largest valid value per row of a column (contract kinds and PART_OF_WHOLE)."""
    kind = table.column(kolom).kind
    if kind == "binary":
        return 1, np.ones(len(rows))
    if kind == "percent":
        return PERCENT_STEPS, np.full(len(rows), 100.0)
    whole = _WHOLE_OF.get((table.name, kolom))
    if whole is None:
        return 1, np.full(len(rows), float(COUNT_LIMIT))
    return 1, rows[whole].to_numpy(dtype=np.float64)


@dataclass(frozen=True)
class _Movers:
    """Ranked participants below first place of one category: year-T rows (the columns the search reads), score
    rows, and the score row of the participant just above each (with its tie-break n, `n_tie_break`)."""

    rows: pd.DataFrame
    peserta: pd.DataFrame
    target: pd.DataFrame

    def chunks(self, size: int) -> Iterator[_Movers]:
        """Consecutive slices of at most `size` movers."""
        for start in range(0, len(self.peserta), size):
            yield _Movers(*(frame.iloc[start : start + size] for frame in (self.rows, self.peserta, self.target)))


def _tie_breaks(scores: SeasonScores) -> dict[str, pd.Series]:
    """Per category the n of its tie-break indicator by participant id (from the scores' long table)."""
    long = scores.indikator
    kategori, kategori_ids = pd.factorize(long["kategori"])
    indikator, indikator_ids = pd.factorize(long["indikator"])
    found = {}
    for k, code in zip(kategori_ids, range(len(kategori_ids)), strict=True):
        tie = scores.methodology.kategori[k].tie_break if k in scores.methodology.kategori else None
        hit = (kategori == code) & (indikator == (indikator_ids.get_loc(tie) if tie in indikator_ids else -2))
        found[str(k)] = pd.Series(long["n"].to_numpy(dtype=np.float64)[hit], index=long["id_peserta"][hit].to_numpy())
    return found


def _movers(
    rows: pd.DataFrame,
    kategori: str,
    scores: SeasonScores,
    ties: pd.Series | None,
    columns: list[str],
    provinces: Collection[str] | None,
    participants: Collection[str] | None = None,
) -> _Movers:
    peserta = scores.peserta[(scores.peserta["kategori"] == kategori) & scores.peserta["peringkat"].notna()]
    group = pd.factorize(peserta["kelompok"])[0]
    order = np.lexsort((np.arange(len(peserta)), peserta["peringkat"].to_numpy(dtype=np.int64), group))
    peserta, group = peserta.iloc[order].reset_index(drop=True), group[order]
    rank = peserta["peringkat"].to_numpy(dtype=np.int64)
    new_block = np.r_[True, (group[1:] != group[:-1]) | (rank[1:] != rank[:-1])]
    block = np.cumsum(new_block) - 1
    starts = np.flatnonzero(new_block)
    sizes = np.diff(np.r_[starts, len(peserta)])
    movers = np.flatnonzero(rank > 1)
    if provinces is not None:
        movers = movers[peserta["kode_provinsi"].iloc[movers].isin(list(provinces)).to_numpy()]
    if participants is not None:
        movers = movers[peserta["id_peserta"].iloc[movers].isin(list(participants)).to_numpy()]
    above = block[movers] - 1  # the block of equal participants ranked just above
    if not ((group[starts[above]] == group[movers]) & (rank[starts[above]] + sizes[above] == rank[movers])).all():
        raise ValueError(f"scores do not hold every participant ranked above the {kategori} participants asked for")
    target = peserta.iloc[starts[above]].reset_index(drop=True)
    n_tie = np.full(len(target), np.nan)
    if ties is not None:
        at = pd.Index(ties.index).get_indexer(target["id_peserta"])
        n_tie = np.where(at >= 0, ties.to_numpy()[at], np.nan)
    target["n_tie_break"] = n_tie
    chosen = peserta.iloc[movers].reset_index(drop=True)
    at = pd.Index(rows["id_peserta"]).get_indexer(chosen["id_peserta"])
    if (at < 0).any():
        raise KeyError(f"scores hold {kategori} participants the season does not")
    return _Movers(rows[columns].iloc[at].reset_index(drop=True), chosen, target)


class _Lever:
    """One action searched for a chunk of movers: candidate values on a grid of `steps` per unit, moving by `sign`
    from `start`; d = 0 is (at most) the current value, d = span the column's valid extreme.

    Every indicator is recomputed as the engine computes it, but only those whose formula reads the lever's
    column; the others keep their values in `raw` (they cannot change). Scores are computed for the rows asked.
    """

    def __init__(self, spec: _Spec, action: Action, rows: pd.DataFrame, raw: np.ndarray) -> None:
        self.spec, self.action, self.rows, self.raw = spec, action, rows, raw
        ids = spec.category.indicator_ids
        self.j = ids.index(action.indikator)
        self.indicator = spec.category.indicators[self.j]
        self.moved = spec.moved_by(action.kolom)
        self.moved_ids = [ids[j] for j in self.moved]
        read = set[str]().union(*(spec.reads[i] for i in {action.indikator, *self.moved_ids}))
        self.frame = rows[sorted(read | {action.kolom})]  # what the indicators recomputed read
        self.current = rows[action.kolom].to_numpy(dtype=np.float64)
        self.steps, cap = _domain(spec.table, action.kolom, rows)
        self.sign = 1 if (action.arah == "naik") == (self.indicator.direction == "higher") else -1
        grid = np.round(self.current * self.steps, 6)
        self.start = np.floor(grid) if self.sign > 0 else np.ceil(grid)
        extreme = np.round(cap * self.steps) if self.sign > 0 else np.zeros_like(cap)
        span = np.nan_to_num(self.sign * (extreme - self.start), nan=0.0)  # a blank (not applicable) value: no search
        self.span = np.maximum(span, 0).astype(np.int64)

    def value(self, d: np.ndarray, at: np.ndarray) -> np.ndarray:
        return (self.start[at] + self.sign * d) / self.steps

    def _changed(self, d: np.ndarray, at: np.ndarray) -> pd.DataFrame:
        work = self.frame.iloc[at].copy(deep=False)  # its own frame: the column set is not written through
        work[self.action.kolom] = self.value(d, at)
        return work

    def normalise(self, values: np.ndarray) -> np.ndarray:
        spec = self.indicator
        return scoring.normalise(values, spec.lo, spec.hi, spec.direction)

    def n(self, d: np.ndarray, at: np.ndarray) -> np.ndarray:
        """The normalised value of the lever's indicator of rows `at` with the column moved by d."""
        frame = self._changed(d, at)
        values = indicators.compute(frame, self.spec.category, self.spec.aturan, [self.action.indikator])[0]
        return self.normalise(values[self.action.indikator].to_numpy())

    def moved_n(self, d: np.ndarray, at: np.ndarray) -> np.ndarray:
        """The normalised values of every indicator the lever's column feeds (rows `at`, one column per indicator)."""
        frame = self._changed(d, at)
        values = indicators.compute(frame, self.spec.category, self.spec.aturan, self.moved_ids)[0]
        specs = self.spec.category.indicators
        return np.column_stack(
            [
                scoring.normalise(values[i].to_numpy(), specs[j].lo, specs[j].hi, specs[j].direction)
                for i, j in zip(self.moved_ids, self.moved, strict=True)
            ]
        )

    def score(
        self, d: np.ndarray, at: np.ndarray, finalis: np.ndarray, wawancara: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The score rows `at` are ranked by with the column moved by d (final for finalists, interview kept; desk
        for the others) and its tie-break n."""
        frame = self._changed(d, at)
        moved = indicators.compute(frame, self.spec.category, self.spec.aturan, self.moved_ids)[0]
        values = np.asfortranarray(self.raw[at])  # the layout of a frame's matrix, as the engine sums it
        values[:, self.moved] = moved.to_numpy(dtype=np.float64)
        category = self.spec.category
        desk = scoring.desk_scores(values, category.indicators)
        final = category.stage_weights.dokumen * desk.skor + category.stage_weights.wawancara * wawancara
        tie = category.indicator_ids.index(category.tie_break)
        return np.where(finalis, final, desk.skor), desk.n[:, tie]


def _search(lever: _Lever, movers: _Movers) -> dict[str, np.ndarray] | None:
    """For each mover the lever can help: the value where every indicator the column feeds reaches its top, then
    the least value ranking above its target. None when it helps none."""
    now = lever.normalise(lever.raw[:, lever.j])
    open_ = np.flatnonzero(~np.isnan(now) & (lever.span > 0))
    top_n = lever.n(lever.span[open_], open_)
    useful = top_n > now[open_]  # the indicator applies and can still rise through this column
    keep = open_[useful]
    if not len(keep):
        return None
    span = lever.span[keep]
    # The column's best value: where every indicator it feeds (not only this row's) stops rising, so that a row short
    # of its target there is short at any value of the column (peserta_bpu raises ucj past ucj_naik's top).
    top_all = lever.moved_n(span, keep)

    def topped(d: np.ndarray, at: np.ndarray) -> np.ndarray:
        return ((lever.moved_n(d, keep[at]) >= top_all[at]) | np.isnan(top_all[at])).all(axis=1)

    top = _bisect(topped, np.zeros_like(span), span)
    finalis = movers.peserta["finalis"].to_numpy(dtype=bool)[keep]
    wawancara = movers.peserta["skor_wawancara"].to_numpy(dtype=np.float64)[keep]
    target_finalis = movers.target["finalis"].to_numpy(dtype=bool)[keep]
    blocked = target_finalis & ~finalis  # the rank rule puts every finalist first
    target_skor = movers.target["skor_peringkat"].to_numpy(dtype=np.float64)[keep]
    target_tie = movers.target["n_tie_break"].to_numpy(dtype=np.float64)[keep]
    rule = lever.spec.rule

    def passes(d: np.ndarray, at: np.ndarray) -> np.ndarray:
        skor, tie = lever.score(d, keep[at], finalis[at], wawancara[at])
        return rule.ahead(finalis[at], skor, tie, target_finalis[at], target_skor[at], target_tie[at])

    need = _bisect(passes, np.zeros_like(top), top)
    skor_baru, tie = lever.score(need, keep, finalis, wawancara)
    cukup = rule.ahead(finalis, skor_baru, tie, target_finalis, target_skor, target_tie)
    behind = rule.ahead(target_finalis, target_skor, target_tie, finalis, skor_baru, tie)
    current = lever.current[keep]
    needed = lever.value(need, keep)
    perubahan = np.round(needed - current, 6)
    unit_cost = lever.action.biaya_satuan
    premium = lever.spec.aturan.iuran_rentan_rp_per_bulan * MONTHS
    alasan = np.where(blocked, FINALIS_DI_ATAS, np.where(behind, BATAS_ATAS, SERI)).astype(object)
    alasan[cukup] = None
    return {
        "posisi": keep,
        "nilai_sekarang": current,
        "nilai_dibutuhkan": needed,
        "cukup": cukup,
        "perubahan": perubahan,
        "biaya_relatif": (
            np.abs(perubahan) * unit_cost
            if unit_cost is not None
            else np.abs(perubahan) / np.maximum(np.abs(current), 1.0)
        ),
        "iuran_rp_per_tahun": np.maximum(perubahan, 0) * premium if lever.action.iuran else np.full(len(keep), np.nan),
        "skor_baru": skor_baru,
        "alasan": alasan,
    }


def _chunk_gaps(spec: _Spec, kategori: str, tahun: int, movers: _Movers) -> pd.DataFrame:
    """The gaps rows of a chunk of movers of one category, in mover order, then ACTIONS order."""
    rows = movers.rows.reset_index(drop=True)
    raw = indicators.compute(rows, spec.category, spec.aturan)[0].to_numpy(dtype=np.float64)
    parts = []
    for number, action in spec.actions:
        searched = _search(_Lever(spec, action, rows, raw), movers)
        if searched is not None:
            parts.append(
                pd.DataFrame({**searched, "urutan_aksi": number, "indikator": action.indikator, "kolom": action.kolom})
            )
    if not parts:
        return _empty()
    found = pd.concat(parts, ignore_index=True).sort_values(["posisi", "urutan_aksi"], kind="stable")
    at = found["posisi"].to_numpy()
    who, target = movers.peserta.iloc[at], movers.target.iloc[at]
    return pd.DataFrame(
        {
            "kategori": kategori,
            "kode_provinsi": who["kode_provinsi"].to_numpy(),
            "id_peserta": who["id_peserta"].to_numpy(),
            "indikator": found["indikator"].to_numpy(),
            "kolom": found["kolom"].to_numpy(),
            "tahun": tahun,
            "nilai_sekarang": found["nilai_sekarang"].to_numpy(),
            "nilai_dibutuhkan": found["nilai_dibutuhkan"].to_numpy(),
            "cukup": found["cukup"].to_numpy(dtype=bool),
            "nama": who["nama"].to_numpy(),
            "peringkat": who["peringkat"].to_numpy(dtype=np.int64),
            "finalis": who["finalis"].to_numpy(dtype=bool),
            "target_id_peserta": target["id_peserta"].to_numpy(),
            "target_nama": target["nama"].to_numpy(),
            "perubahan": found["perubahan"].to_numpy(),
            "biaya_relatif": found["biaya_relatif"].to_numpy(),
            "iuran_rp_per_tahun": found["iuran_rp_per_tahun"].to_numpy(),
            "skor_sekarang": who["skor_peringkat"].to_numpy(dtype=np.float64),
            "skor_target": target["skor_peringkat"].to_numpy(dtype=np.float64),
            "skor_baru": found["skor_baru"].to_numpy(),
            "alasan": found["alasan"].to_numpy(),
        },
        columns=list(GAPS_COLUMNS),
    )


def _empty() -> pd.DataFrame:
    dtypes = {"tahun": np.int64, "peringkat": np.int64, "cukup": bool, "finalis": bool}
    floats = (
        "nilai_sekarang",
        "nilai_dibutuhkan",
        "perubahan",
        "biaya_relatif",
        "iuran_rp_per_tahun",
        "skor_sekarang",
        "skor_target",
        "skor_baru",
    )
    return pd.DataFrame(
        {c: pd.Series(dtype=np.float64 if c in floats else dtypes.get(c, object)) for c in GAPS_COLUMNS}
    )


def what_it_takes(
    season: Season,
    methodology: Methodology,
    scores: SeasonScores | None = None,
    provinces: Collection[str] | None = None,
    categories: Collection[str] | None = None,
    participants: Collection[str] | None = None,
) -> pd.DataFrame:
    """One row per ranked participant below first place and lever of ACTIONS whose indicator its category uses.

    The target (`target_*`) is the participant one place above: the first, in the engine's order, of those holding
    the rank just above this one (they are equal to the engine). `nilai_dibutuhkan` is the smallest valid change
    of `kolom` in year T (whole counts, 0.01 steps for percents, 0 -> 1 for yes/no, a part at most its whole,
    bulan_tunggakan down to 0) with which, every indicator recomputed from the changed row and the interview
    score kept, the participant ranks above the target as the engine ranks (ranking.RankRule): its score (final for
    finalists, desk otherwise) is above the target's at the methodology's `desimal` decimals, or equal there with a
    better tie-break value (so `skor_baru`
    can round equal to `skor_target`); sharing the target's place is not enough. Then `cukup` is true. Otherwise
    `cukup` is false and `nilai_dibutuhkan` is the value where every indicator the column feeds reaches its upper
    goalpost (or the column its valid maximum: the rows of one column agree), `alasan` `batas_atas`, or `seri` when
    that value only draws level with the target (it would share its place); or `finalis_di_atas` when the target is
    a finalist and this participant is not (desk data alone cannot pass it).
    `iuran_rp_per_tahun` prices a rise in vulnerable workers funded (APBD, village funds, CSR): 12 months of the
    methodology's `aturan.iuran_rentan_rp_per_bulan` each.
    Levers that cannot raise their indicator (not applicable, e.g. village funds of a kelurahan; already at the
    top) get no row. `scores` (score_season of the same season and
    methodology, all provinces of the groups asked for) is reused when given. Columns GAPS_COLUMNS; rows in the
    engine's participant order, then ACTIONS order.

    Parameters
    ----------
    season : Season
        The validated season (`read_season`).
    methodology : Methodology
        The methodology its ranks come from (`load_methodology`).
    scores : SeasonScores, optional
        ``score_season(season, methodology)`` over every province of the groups asked for, reused
        when given; None scores the season here.
    provinces : collection of str, optional
        Provinces of the season whose participants get rows, each a code or short name; None gives
        every province.
    categories : collection of str, optional
        Category ids of the methodology; None gives every category.
    participants : collection of str, optional
        Participant ids that get rows (the same rows as without it, the others left out); None gives all.

    Returns
    -------
    pandas.DataFrame
        One row per participant and lever, columns GAPS_COLUMNS: the participant, the lever
        (``indikator``, ``kolom``), ``nilai_sekarang``, ``nilai_dibutuhkan``, whether that change
        alone is enough (``cukup``), the target, the scores, ``biaya_relatif`` and
        ``iuran_rp_per_tahun``. `cheapest_actions` picks the cheapest of each participant.

    Raises
    ------
    SeasonInvalid
        When `scores` is None and the season and the methodology disagree (see `score_season`).
    UnknownProvince
        When one of `provinces` is not a province of the season (`Season.province_codes`).

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.methodology import load_methodology
    >>> from paritrana_nb.gaps import cheapest_actions, what_it_takes
    >>> season = read_season(2025, "data")
    >>> methodology = load_methodology("params/2025/metodologi.yaml")
    >>> table = what_it_takes(season, methodology, provinces=["61"], categories=["pemda"])
    >>> best = cheapest_actions(table, n=1)
    >>> sintang = best.loc[best["nama"] == "Kabupaten Sintang"]
    >>> print(sintang[["kolom", "nilai_sekarang", "nilai_dibutuhkan", "cukup"]].to_string(index=False))
          kolom  nilai_sekarang  nilai_dibutuhkan  cukup
    peserta_bpu         14583.0           29105.0   True
    """
    frames = list(iter_gaps(season, methodology, scores, provinces, categories, participants))
    return pd.concat(frames, ignore_index=True) if frames else _empty()


def iter_gaps(
    season: Season,
    methodology: Methodology,
    scores: SeasonScores | None = None,
    provinces: Collection[str] | None = None,
    categories: Collection[str] | None = None,
    participants: Collection[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """The rows of `what_it_takes` (same arguments) in consecutive pieces, none empty: a category's movers are
    searched `CHUNK_ROWS` at a time and each piece is handed on, so the national table need not exist whole
    (`gaps_csv` writes it). A participant's rows are all in one piece. A province the season does not hold is refused
    here, before the first piece (UnknownProvince)."""
    codes = None if provinces is None else season.province_codes(provinces)
    return _gaps_pieces(season, methodology, scores, codes, categories, participants)


def _gaps_pieces(
    season: Season,
    methodology: Methodology,
    scores: SeasonScores | None,
    provinces: list[str] | None,
    categories: Collection[str] | None,
    participants: Collection[str] | None,
) -> Iterator[pd.DataFrame]:
    """`iter_gaps`'s pieces, its `provinces` the season's codes."""
    chosen = [k for k in methodology.categories() if categories is None or k in categories]
    if scores is None:  # the whole season's scores are the ones a season cache keeps
        scores = score_season(season, methodology, categories=None if categories is None else chosen)
    competing = registry.build(season, methodology, chosen)
    ties = _tie_breaks(scores)
    work = []
    for kategori in chosen:
        rows = competing.participants(kategori)
        if rows.empty:
            continue
        spec = _Spec.of(methodology, kategori, rows)
        movers = _movers(rows, kategori, scores, ties.get(kategori), spec.columns, provinces, participants)
        work.append((spec, kategori, movers))
    del scores, competing, ties  # the movers hold what the search reads: the season-wide tables can go
    for spec, kategori, movers in work:
        for chunk in movers.chunks(CHUNK_ROWS):
            frame = _chunk_gaps(spec, kategori, season.tahun, chunk)
            if not frame.empty:
                yield frame


def cheapest_actions(gaps: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Per participant its `n` cheapest actions, one per column, sufficient ones (`cukup`) first.

    Cost is `biaya_relatif`: the relative change |needed - current| / max(|current|, 1) of the column, or 1 per
    unit for yes/no and regulation columns (a Perda, a programme, one more Perkada). A column moved by several
    indicators (peserta_bpu) appears once: its sufficient row, else its largest insufficient change; a participant
    behind a finalist it cannot pass (`finalis_di_atas`) gets one row. Equal costs keep the order of `gaps`; so
    do participants.
    """
    who = pd.factorize(gaps["kategori"].astype(str) + "\x1f" + gaps["id_peserta"].astype(str))[0]
    row, cukup = np.arange(len(gaps)), gaps["cukup"].to_numpy(dtype=bool)
    change = np.abs(gaps["perubahan"].to_numpy(dtype=np.float64))
    lever = np.where(gaps["alasan"].to_numpy(dtype=object) == FINALIS_DI_ATAS, "", gaps["kolom"].to_numpy(dtype=object))
    best = np.lexsort((row, -change, ~cukup, pd.factorize(lever)[0], who))
    best = best[~pd.DataFrame({"who": who[best], "lever": lever[best]}).duplicated().to_numpy()]
    order = best[np.lexsort((best, gaps["biaya_relatif"].to_numpy(dtype=np.float64)[best], ~cukup[best], who[best]))]
    chosen = gaps.iloc[order]
    return chosen.groupby(who[order], sort=False).head(n).reset_index(drop=True)


def describe_action(row: Mapping[str, Any] | pd.Series, lang: str, isolated: bool = False, listed: bool = False) -> str:
    """One plain sentence (Bahasa Indonesia or English) for a gaps row; names are not escaped. `isolated`: for an
    HTML page, the participant to pass isolated for bidirectional text (messages.isolate). `listed`: the sentence
    goes under words that already say its steps are not enough on their own (`steps`), so it does not open with
    them again."""
    kolom = str(row["kolom"])
    kind = _KIND[kolom]
    now, needed = float(row["nilai_sekarang"]), float(row["nilai_dibutuhkan"])

    def shown(value: float) -> str:
        return formatting.percent(value, lang) if kind == "percent" else formatting.number(value, lang)

    delta = Num(abs(needed - now), 2 if kind == "percent" else 0)
    action = t(
        "gaps.action.programme" if kolom in PROGRAMMES else f"gaps.action.{kolom}",
        lang,
        delta=delta,
        count=delta,
        programme=kolom.upper(),
    )
    premium = float(row.get("iuran_rp_per_tahun", math.nan))
    if kind == "binary":
        change = ""
    elif premium > 0:  # a vulnerable-worker action: its yearly premiums, enough alone or not
        change = t(
            "gaps.from_to_premium" if row["cukup"] else "gaps.from_to_top_premium",
            lang,
            now=shown(now),
            needed=shown(needed),
            premium=formatting.rupiah(premium, lang),
        )
    else:
        change = t("gaps.from_to" if row["cukup"] else "gaps.from_to_top", lang, now=shown(now), needed=shown(needed))
    key = (
        "gaps.enough"
        if row["cukup"]
        else "gaps.finalist_ahead"
        if row["alasan"] == FINALIS_DI_ATAS
        else ("gaps.level_listed" if listed else "gaps.level")
        if row["alasan"] == SERI
        else "gaps.not_enough_listed"
        if listed
        else "gaps.not_enough"
    )
    text = t(
        key, lang, action=action, change=change, target=isolate(row["target_nama"]) if isolated else row["target_nama"]
    )
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Steps:
    """A participant's cheapest actions in sentences, as a card and the explorer present them: `enough` those
    enough on their own (cheapest first: the steps up a heading counts), `short` those that are not (under words
    that say so, which their sentences do not repeat), `together` whether the note that only several changes
    together could move it up applies (none is enough on its own, each short of the participant above at the most
    it can count; not when a finalist is ahead, which no desk data passes, nor when one of them draws level with
    the participant above, which moves it up to a shared place on its own), `level` whether, none being enough on
    its own, one of them draws level with the participant above (a single step then shares its place, so the
    heading does not say that no single step moves it up)."""

    enough: tuple[str, ...]
    short: tuple[str, ...]
    together: bool
    level: bool


def steps(rows: Iterable[Mapping[str, Any]], lang: str) -> Steps:
    """The rows of `cheapest_actions` for one participant as `Steps`, sentences by `describe_action` for an HTML
    page."""
    rows = list(rows)
    enough = tuple(describe_action(row, lang, isolated=True) for row in rows if row["cukup"])
    short = tuple(describe_action(row, lang, isolated=True, listed=True) for row in rows if not row["cukup"])
    level = not enough and any(row["alasan"] == SERI for row in rows)
    together = not enough and not level and any(row["alasan"] == BATAS_ATAS for row in rows)
    return Steps(enough, short, together, level)


def verify(season: Season, methodology: Methodology, row: Mapping[str, Any] | pd.Series) -> bool:
    """Write the row's `nilai_dibutuhkan` into a copy of the season, re-score its province and category with
    score_season and say whether the participant moved up: it now ranks better than its old `peringkat` and than
    the participant that was one place above (`target_id_peserta`), not merely sharing its place.

    For tests only: the oracle that checks `what_it_takes` against the engine (the workbook never calls it).
    """
    kategori, column = str(row["kategori"]), str(row["kolom"])
    category = methodology.kategori[kategori]
    table = PARTICIPANT_TABLES[category.peserta.tabel].table
    frame = getattr(season, table.name).copy()
    hit = (frame[table.key[0]] == row["id_peserta"]) & (frame["tahun"] == row["tahun"])
    value = float(row["nilai_dibutuhkan"])
    frame.loc[hit, column] = int(value) if np.issubdtype(frame[column].dtype, np.integer) else value
    provinces = [str(row["kode_provinsi"])] if category.provincial else None
    rescored = score_season(
        dataclasses.replace(season, **{table.name: frame}), methodology, provinces, [kategori]
    ).peserta
    rank = dict(zip(rescored["id_peserta"], rescored["peringkat"], strict=True))
    mine = int(rank[row["id_peserta"]])
    return mine < int(row["peringkat"]) and mine < int(rank[row["target_id_peserta"]])


def csv_text(gaps: pd.DataFrame) -> str:
    """The gaps table as plain CSV by the number policy of every result CSV (outputs.table_csv_text): dot
    decimals at round-trip precision, booleans `true`/`false`, empty cells for missing values, Unix line ends."""
    return table_csv_text(gaps, BOOLEAN_COLUMNS)


def write_gaps_csv(gaps: pd.DataFrame, path: Path | str) -> Path:
    """Write `csv_text(gaps)` to `path` atomically (temporary file beside it, then rename)."""
    path = Path(path)
    write_atomic(path, csv_text(gaps))
    return path


@dataclass(frozen=True)
class GapsCsv:
    """A gaps table as CSV (`csv_text`, UTF-8 bytes) and what the command reports of it."""

    data: bytes
    rows: int
    participants: int
    enough: int


def gaps_csv(pieces: Iterable[pd.DataFrame]) -> GapsCsv:
    """`csv_text` of the pieces put together (e.g. `iter_gaps`): a GapsCsv holding its bytes (`data`) and counts. Each
    piece is formatted on its own and dropped, so a national table never exists whole (a participant's rows are all
    in one piece)."""
    header = table_csv_bytes(_empty(), BOOLEAN_COLUMNS)
    parts, rows, participants, enough = [header], 0, 0, 0
    for piece in pieces:
        body = table_csv_bytes(piece, BOOLEAN_COLUMNS)
        if not body.startswith(header):
            raise ValueError("a gaps piece does not hold the columns GAPS_COLUMNS")
        parts.append(body[len(header) :])
        rows += len(piece)
        participants += len(piece[["kategori", "id_peserta"]].drop_duplicates())
        enough += int(piece["cukup"].sum())
    return GapsCsv(b"".join(parts), rows, participants, enough)
