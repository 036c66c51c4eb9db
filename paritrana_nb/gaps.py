"""What it would take ("yang perlu ditingkatkan"): the one-column change that lifts a participant past the one above it.

Each lever in ACTIONS is bisected over valid values, vectorised, re-scoring every indicator from the changed rows.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import formatting, indicators, registry, scoring
from .engine import SeasonScores, score_season
from .messages import Num, t
from .methodology import Aturan, Category, Indicator, Methodology
from .outputs import table_csv_text, write_atomic
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
#: Why an action is not enough: even the value at the indicator's upper goalpost (or the column's valid maximum)
#: leaves the participant behind; or the participant above is a finalist and this one was not interviewed.
BATAS_ATAS = "batas_atas"
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


@dataclass(frozen=True)
class _Scorer:
    """Re-scores changed rows of one category exactly as the engine does: every indicator, desk, final score."""

    category: Category
    aturan: Aturan
    rule: RankRule
    finalis: np.ndarray
    wawancara: np.ndarray

    def take(self, keep: np.ndarray) -> _Scorer:
        return dataclasses.replace(self, finalis=self.finalis[keep], wawancara=self.wawancara[keep])

    def indicator(self, indikator: str) -> Indicator:
        return next(i for i in self.category.indicators if i.id == indikator)

    def normalised(self, frame: pd.DataFrame, indikator: str) -> np.ndarray:
        """The normalised value n of one indicator per row (NaN where it does not apply)."""
        spec = self.indicator(indikator)
        values = indicators.compute(frame, self.category, self.aturan, [indikator])[0][indikator]
        return scoring.normalise(values.to_numpy(), spec.lo, spec.hi, spec.direction)

    def score(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """The score each row is ranked by (final for finalists, interview kept; desk for the others) and its
        tie-break n."""
        values = indicators.compute(frame, self.category, self.aturan)[0].to_numpy(dtype=np.float64)
        desk = scoring.desk_scores(values, self.category.indicators)
        stages = self.category.stage_weights
        final = stages.dokumen * desk.skor + stages.wawancara * self.wawancara
        tie = self.category.indicator_ids.index(self.category.tie_break)
        return np.where(self.finalis, final, desk.skor), desk.n[:, tie]


def _bisect(passes: Callable[[np.ndarray], np.ndarray], lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Per row the smallest whole d in (lo, hi] with passes(d), for passes monotone, false at lo and true at hi.

    A row where passes(hi) is false keeps hi.
    """
    lo, hi = lo.astype(np.int64), hi.astype(np.int64)
    while True:
        open_ = hi - lo > 1
        if not open_.any():
            return hi
        mid = (lo + hi) // 2
        passed = passes(mid)
        hi = np.where(open_ & passed, mid, hi)
        lo = np.where(open_ & ~passed, mid, lo)


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
    """Ranked participants below first place of one category: year-T rows, score rows, and the score row of the
    participant just above each (with its tie-break n, `n_tie_break`)."""

    rows: pd.DataFrame
    peserta: pd.DataFrame
    target: pd.DataFrame

    def take(self, keep: np.ndarray) -> _Movers:
        return _Movers(*(frame.iloc[keep].reset_index(drop=True) for frame in (self.rows, self.peserta, self.target)))


def _movers(
    found: registry.Registry,
    kategori: str,
    scores: SeasonScores,
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
    ties = scores.indikator[
        (scores.indikator["kategori"] == kategori)
        & (scores.indikator["indikator"] == scores.methodology.kategori[kategori].tie_break)
    ]
    target = peserta.iloc[starts[above]].reset_index(drop=True)
    target["n_tie_break"] = (
        target["id_peserta"].map(dict(zip(ties["id_peserta"], ties["n"], strict=True))).astype(np.float64)
    )
    chosen = peserta.iloc[movers].reset_index(drop=True)
    rows = found.participants(kategori).set_index("id_peserta", drop=False)
    return _Movers(rows.loc[chosen["id_peserta"]].reset_index(drop=True), chosen, target)


class _Lever:
    """One action searched for a set of movers: candidate values on a grid of `steps` per unit, moving by `sign`
    from `start`; d = 0 is (at most) the current value, d = span the column's valid extreme."""

    def __init__(self, action: Action, scorer: _Scorer, table: Table, movers: _Movers) -> None:
        self.action, self.scorer, self.movers = action, scorer, movers
        spec = scorer.indicator(action.indikator)
        self.current = movers.rows[action.kolom].to_numpy(dtype=np.float64)
        self.steps, cap = _domain(table, action.kolom, movers.rows)
        self.sign = 1 if (action.arah == "naik") == (spec.direction == "higher") else -1
        grid = np.round(self.current * self.steps, 6)
        self.start = np.floor(grid) if self.sign > 0 else np.ceil(grid)
        extreme = np.round(cap * self.steps) if self.sign > 0 else np.zeros_like(cap)
        span = np.nan_to_num(self.sign * (extreme - self.start), nan=0.0)  # a blank (not applicable) value: no search
        self.span = np.maximum(span, 0).astype(np.int64)
        self._work = movers.rows.copy()

    def value(self, d: np.ndarray) -> np.ndarray:
        return (self.start + self.sign * d) / self.steps

    def changed(self, d: np.ndarray) -> pd.DataFrame:
        self._work[self.action.kolom] = self.value(d)
        return self._work

    def n(self, d: np.ndarray) -> np.ndarray:
        return self.scorer.normalised(self.changed(d), self.action.indikator)

    def useful(self) -> np.ndarray:
        """Movers whose indicator applies and can still rise through this column."""
        now = self.scorer.normalised(self.movers.rows, self.action.indikator)
        return ~np.isnan(now) & (self.span > 0) & (self.n(self.span) > now)


def _search(lever: _Lever) -> dict[str, np.ndarray]:
    """For each mover of `lever`: the value reaching the indicator's top, then the least value ranking above."""
    top_n = lever.n(lever.span)
    top = _bisect(lambda d: lever.n(d) >= top_n, np.zeros_like(lever.span), lever.span)
    movers = lever.movers
    finalis, target_finalis = (frame["finalis"].to_numpy(dtype=bool) for frame in (movers.peserta, movers.target))
    blocked = target_finalis & ~finalis  # the rank rule puts every finalist first
    target_skor = movers.target["skor_peringkat"].to_numpy(dtype=np.float64)
    target_tie = movers.target["n_tie_break"].to_numpy(dtype=np.float64)

    def passes(d: np.ndarray) -> np.ndarray:
        skor, tie = lever.scorer.score(lever.changed(d))
        return lever.scorer.rule.ahead(finalis, skor, tie, target_finalis, target_skor, target_tie)

    need = _bisect(passes, np.zeros_like(top), top)
    cukup = passes(need)
    needed = lever.value(need)
    perubahan = np.round(needed - lever.current, 6)
    unit_cost = lever.action.biaya_satuan
    premium = lever.scorer.aturan.iuran_rentan_rp_per_bulan * MONTHS
    alasan = np.where(blocked, FINALIS_DI_ATAS, BATAS_ATAS).astype(object)
    alasan[cukup] = None
    return {
        "nilai_sekarang": lever.current,
        "nilai_dibutuhkan": needed,
        "cukup": cukup,
        "perubahan": perubahan,
        "biaya_relatif": (
            np.abs(perubahan) * unit_cost
            if unit_cost is not None
            else np.abs(perubahan) / np.maximum(np.abs(lever.current), 1.0)
        ),
        "iuran_rp_per_tahun": np.maximum(perubahan, 0) * premium if lever.action.iuran else np.full(len(need), np.nan),
        "skor_baru": lever.scorer.score(lever.changed(need))[0],
        "alasan": alasan,
    }


def _category_gaps(
    competing: registry.Registry,
    kategori: str,
    scores: SeasonScores,
    provinces: Collection[str] | None,
    participants: Collection[str] | None = None,
) -> pd.DataFrame:
    methodology = scores.methodology
    category = methodology.kategori[kategori]
    table = PARTICIPANT_TABLES[category.peserta.tabel].table
    movers = _movers(competing, kategori, scores, provinces, participants)
    scorer = _Scorer(
        category,
        methodology.aturan,
        rule_of(methodology),
        movers.peserta["finalis"].to_numpy(dtype=bool),
        movers.peserta["skor_wawancara"].to_numpy(dtype=np.float64),
    )
    parts = []
    for number, action in enumerate(ACTIONS[category.peserta.tabel]):
        if action.indikator not in category.indicator_ids or movers.rows.empty:
            continue
        keep = np.flatnonzero(_Lever(action, scorer, table, movers).useful())
        if len(keep):
            searched = _search(_Lever(action, scorer.take(keep), table, movers.take(keep)))
            parts.append(
                pd.DataFrame(
                    {
                        **searched,
                        "posisi": keep,
                        "urutan_aksi": number,
                        "indikator": action.indikator,
                        "kolom": action.kolom,
                    }
                )
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
            "tahun": competing.season.tahun,
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
    `cukup` is false and `nilai_dibutuhkan` is the value where the indicator reaches its upper goalpost (or the
    column its valid maximum), `alasan` `batas_atas`; or `finalis_di_atas` when the target is a finalist and this
    participant is not (desk data alone cannot pass it). `iuran_rp_per_tahun` prices a rise in vulnerable workers
    funded (APBD, village funds, CSR): 12 months of the methodology's `aturan.iuran_rentan_rp_per_bulan` each.
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
        Province codes whose participants get rows; None gives every province.
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
    chosen = [k for k in methodology.categories() if categories is None or k in categories]
    if scores is None:
        scores = score_season(season, methodology, categories=chosen)
    competing = registry.build(season, methodology, chosen)
    frames = [
        frame for k in chosen if not (frame := _category_gaps(competing, k, scores, provinces, participants)).empty
    ]
    return pd.concat(frames, ignore_index=True) if frames else _empty()


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


def describe_action(row: Mapping[str, Any] | pd.Series, lang: str) -> str:
    """One plain sentence (Bahasa Indonesia or English) for a gaps row; names are not escaped."""
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
    elif row["cukup"] and premium > 0:
        change = t(
            "gaps.from_to_premium", lang, now=shown(now), needed=shown(needed), premium=formatting.rupiah(premium, lang)
        )
    else:
        change = t("gaps.from_to" if row["cukup"] else "gaps.from_to_top", lang, now=shown(now), needed=shown(needed))
    key = (
        "gaps.enough"
        if row["cukup"]
        else "gaps.finalist_ahead"
        if row["alasan"] == FINALIS_DI_ATAS
        else "gaps.not_enough"
    )
    text = t(key, lang, action=action, change=change, target=row["target_nama"])
    return text[:1].upper() + text[1:]


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
