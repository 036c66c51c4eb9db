"""What it would take ("yang perlu ditingkatkan"): the change to one input column that lifts a participant above the one ranked just above it.

Each lever in ACTIONS is searched by vectorised bisection over valid values, re-scoring every indicator from the changed rows.
"""
from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from . import formatting, indicators, scoring
from .engine import SeasonScores, score_season
from .messages import t
from .methodology import Category, Indicator, Methodology
from .ranking import DECIMALS
from .schema import BADAN_USAHA, DESA, PART_OF_WHOLE, PEMDA, PROGRAMMES, Table
from .season import Season


@dataclass(frozen=True)
class Action:
    """A lever: changing input column `kolom` (year T) to raise indicator `indikator`.

    `arah` is the change that raises a `higher` indicator (`naik` = increase, `turun` = decrease); it is reversed
    when the methodology scores the indicator `lower`. `biaya_satuan` is the cost of one unit of change for yes/no
    and regulation columns; None means the relative change |needed - current| / max(|current|, 1).
    """

    indikator: str
    kolom: str
    arah: Literal["naik", "turun"] = "naik"
    biaya_satuan: float | None = None


GOVERNMENT_ACTIONS: tuple[Action, ...] = (
    Action("ucj", "peserta_bpu"),
    Action("ucj_naik", "peserta_bpu"),
    Action("capaian_target", "peserta_bpu"),
    Action("rentan_apbd", "pekerja_rentan_apbd"),
    Action("regulasi", "perda", biaya_satuan=1.0),
    Action("regulasi", "perkada", biaya_satuan=1.0),
    Action("regulasi", "surat_edaran", biaya_satuan=1.0),
)
VILLAGE_ACTIONS: tuple[Action, ...] = (
    Action("cakupan_desa", "peserta"),
    Action("perangkat", "perangkat_terlindungi"),
    Action("bpd", "bpd_terlindungi"),
    Action("rentan_dana_desa", "pekerja_rentan_dana_desa"),
)
BUSINESS_ACTIONS: tuple[Action, ...] = (
    Action("kepesertaan", "pekerja_terdaftar"),
    *(Action("program", programme, biaya_satuan=1.0) for programme in PROGRAMMES),
    Action("tertib_iuran", "bulan_tunggakan", arah="turun"),
    Action("upah_sesuai", "upah_sesuai_pct"),
    Action("nik_valid", "nik_valid_pct"),
    Action("vendor_patuh", "vendor_patuh_pct"),
    Action("csr_rentan", "pekerja_rentan_csr"),
)
#: The levers of each category; only those whose indicator the methodology uses are searched.
ACTIONS: dict[str, tuple[Action, ...]] = {
    "pemda": GOVERNMENT_ACTIONS, "pemprov": GOVERNMENT_ACTIONS, "desa": VILLAGE_ACTIONS,
    "bu_besar_menengah": BUSINESS_ACTIONS, "bu_kecil_mikro": BUSINESS_ACTIONS,
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
    "kategori", "kode_provinsi", "id_peserta", "indikator", "kolom", "tahun", "nilai_sekarang", "nilai_dibutuhkan",
    "cukup", "nama", "peringkat", "finalis", "target_id_peserta", "target_nama", "perubahan", "biaya_relatif",
    "skor_sekarang", "skor_target", "skor_baru", "alasan",
)
BOOLEAN_COLUMNS: tuple[str, ...] = ("cukup", "finalis")
_TABLES: dict[str, Table] = {"pemda": PEMDA, "pemprov": PEMDA, "desa": DESA, "bu_besar_menengah": BADAN_USAHA,
                             "bu_kecil_mikro": BADAN_USAHA}
_WHOLE_OF: dict[tuple[str, str], str] = {(table, part): whole for table, part, whole in PART_OF_WHOLE}


@dataclass(frozen=True)
class _Scorer:
    """Re-scores changed rows of one category exactly as the engine does: every indicator, desk, final score."""

    category: Category
    formulas: Mapping[str, indicators.Formula]
    finalis: np.ndarray
    wawancara: np.ndarray

    def indicator(self, indikator: str) -> Indicator:
        return next(i for i in self.category.indicators if i.id == indikator)

    def normalised(self, frame: pd.DataFrame, indikator: str) -> np.ndarray:
        """The normalised value n of one indicator per row (NaN where it does not apply)."""
        spec = self.indicator(indikator)
        values = self.formulas[indikator].compute(frame, self.category.programmes_expected or ())[0]
        return scoring.normalise(values, spec.lo, spec.hi, spec.direction)

    def score(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """The ranking score (final for finalists, desk for the others) and the tie-break n per row."""
        ids = self.category.indicator_ids
        programmes = self.category.programmes_expected or ()
        values = np.column_stack([self.formulas[i].compute(frame, programmes)[0] for i in ids])
        desk = scoring.desk_scores(values, self.category.indicators)
        stages = self.category.stage_weights
        final = stages.dokumen * desk.skor + stages.wawancara * self.wawancara
        return np.where(self.finalis, final, desk.skor), desk.n[:, ids.index(self.category.tie_break)]


def _ahead(skor: np.ndarray, tie: np.ndarray, target_skor: np.ndarray, target_tie: np.ndarray) -> np.ndarray:
    """Whether each row ranks above its target as ranking.competition_ranks orders them (4 decimals, tie-break)."""
    mine, theirs = np.round(skor, DECIMALS), np.round(target_skor, DECIMALS)
    tie, target_tie = (np.round(np.nan_to_num(v, nan=-np.inf), DECIMALS) for v in (tie, target_tie))
    return (mine > theirs) | ((mine == theirs) & (tie > target_tie))


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
    """The ranked participants below first place of one category, their rows and the participant just above."""

    rows: pd.DataFrame
    peserta: pd.DataFrame
    target: pd.DataFrame
    target_tie: np.ndarray


def _movers(season: Season, kategori: str, scores: SeasonScores, provinces: Collection[str] | None) -> _Movers:
    category = scores.methodology.kategori[kategori]
    peserta = scores.peserta[(scores.peserta["kategori"] == kategori) & scores.peserta["peringkat"].notna()]
    group = pd.factorize(peserta["kelompok"])[0]
    rank = peserta["peringkat"].to_numpy(dtype=np.int64)
    peserta = peserta.iloc[np.lexsort((np.arange(len(peserta)), rank, group))].reset_index(drop=True)
    group, rank = np.sort(group), peserta["peringkat"].to_numpy(dtype=np.int64)
    new_block = np.r_[True, (group[1:] != group[:-1]) | (rank[1:] != rank[:-1])]
    block = np.cumsum(new_block) - 1
    starts = np.flatnonzero(new_block)
    sizes = np.diff(np.r_[starts, len(peserta)])
    movers = np.flatnonzero(rank > 1)
    if provinces is not None:
        movers = movers[peserta["kode_provinsi"].iloc[movers].isin(list(provinces)).to_numpy()]
    above = block[movers] - 1
    target = starts[above]
    if not ((group[target] == group[movers]) & (rank[target] + sizes[above] == rank[movers])).all():
        raise ValueError(f"scores do not hold every participant ranked above the {kategori} participants asked for")
    ties = scores.indikator[(scores.indikator["kategori"] == kategori)
                            & (scores.indikator["indikator"] == category.tie_break)]
    tie_of = dict(zip(ties["id_peserta"], ties["n"]))
    targets = peserta.iloc[target].reset_index(drop=True)
    frame = indicators.participant_rows(season, kategori).set_index("id_peserta", drop=False)
    chosen = peserta.iloc[movers].reset_index(drop=True)
    return _Movers(rows=frame.loc[chosen["id_peserta"]].reset_index(drop=True), peserta=chosen, target=targets,
                   target_tie=targets["id_peserta"].map(tie_of).to_numpy(dtype=np.float64))


def _ranking_score(peserta: pd.DataFrame) -> np.ndarray:
    finalis = peserta["finalis"].to_numpy(dtype=bool)
    return np.where(finalis, peserta["skor_akhir"].to_numpy(dtype=np.float64),
                    peserta["skor_dokumen"].to_numpy(dtype=np.float64))


def _search(action: Action, scorer: _Scorer, table: Table, movers: _Movers) -> dict[str, np.ndarray]:
    """The minimal valid value of `action.kolom` per mover that ranks it above its target (see what_it_takes)."""
    spec = scorer.indicator(action.indikator)
    current = movers.rows[action.kolom].to_numpy(dtype=np.float64)
    steps, cap = _domain(table, action.kolom, movers.rows)
    sign = 1 if (action.arah == "naik") == (spec.direction == "higher") else -1
    grid = np.round(current * steps, 6)
    start = np.floor(grid) if sign > 0 else np.ceil(grid)
    span = np.maximum(sign * ((np.round(cap * steps) if sign > 0 else 0) - start), 0).astype(np.int64)
    work = movers.rows.copy()

    def changed(d: np.ndarray) -> pd.DataFrame:
        work[action.kolom] = (start + sign * d) / steps
        return work

    n_now = scorer.normalised(movers.rows, action.indikator)
    n_top = scorer.normalised(changed(span), action.indikator)
    acts = ~np.isnan(n_now) & (span > 0) & (n_top > n_now)
    if not acts.any():
        return {}
    keep = np.flatnonzero(acts)
    sub = _Movers(movers.rows.iloc[keep].reset_index(drop=True), movers.peserta.iloc[keep].reset_index(drop=True),
                  movers.target.iloc[keep].reset_index(drop=True), movers.target_tie[keep])
    sub_scorer = dataclasses.replace(scorer, finalis=scorer.finalis[keep], wawancara=scorer.wawancara[keep])
    start, span, n_top, current = start[keep], span[keep], n_top[keep], current[keep]
    work = sub.rows.copy()
    blocked = sub.target["finalis"].to_numpy(dtype=bool) & ~sub.peserta["finalis"].to_numpy(dtype=bool)
    target_skor = _ranking_score(sub.target)

    def passes(d: np.ndarray) -> np.ndarray:
        skor, tie = sub_scorer.score(changed(d))
        return ~blocked & _ahead(skor, tie, target_skor, sub.target_tie)

    top = _bisect(lambda d: sub_scorer.normalised(changed(d), action.indikator) >= n_top, np.zeros_like(span), span)
    need = _bisect(passes, np.zeros_like(top), top)
    cukup = passes(need)
    skor_baru = sub_scorer.score(changed(need))[0]
    needed = (start + sign * need) / steps
    perubahan = np.round(needed - current, 6)
    biaya = (np.abs(perubahan) * action.biaya_satuan if action.biaya_satuan is not None
             else np.abs(perubahan) / np.maximum(np.abs(current), 1.0))
    return {
        "posisi": keep, "nilai_sekarang": current, "nilai_dibutuhkan": needed, "cukup": cukup,
        "perubahan": perubahan, "biaya_relatif": biaya, "skor_baru": skor_baru,
        "alasan": np.where(cukup, None, np.where(blocked, FINALIS_DI_ATAS, BATAS_ATAS)).astype(object),
    }


def _category_gaps(season: Season, kategori: str, scores: SeasonScores,
                   provinces: Collection[str] | None) -> pd.DataFrame:
    category = scores.methodology.kategori[kategori]
    movers = _movers(season, kategori, scores, provinces)
    scorer = _Scorer(category, indicators.FORMULAS[kategori], movers.peserta["finalis"].to_numpy(dtype=bool),
                     movers.peserta["skor_wawancara"].to_numpy(dtype=np.float64))
    parts = []
    for number, action in enumerate(ACTIONS[kategori]):
        if action.indikator not in category.indicator_ids or movers.rows.empty:
            continue
        found = _search(action, scorer, _TABLES[kategori], movers)
        if found:
            parts.append(pd.DataFrame({**found, "urutan_aksi": number, "indikator": action.indikator,
                                       "kolom": action.kolom}))
    if not parts:
        return _empty()
    found = pd.concat(parts, ignore_index=True).sort_values(["posisi", "urutan_aksi"], kind="stable")
    at = found["posisi"].to_numpy()
    who, target = movers.peserta.iloc[at], movers.target.iloc[at]
    return pd.DataFrame({
        "kategori": kategori, "kode_provinsi": who["kode_provinsi"].to_numpy(), "id_peserta": who["id_peserta"].to_numpy(),
        "indikator": found["indikator"].to_numpy(), "kolom": found["kolom"].to_numpy(), "tahun": season.tahun,
        "nilai_sekarang": found["nilai_sekarang"].to_numpy(), "nilai_dibutuhkan": found["nilai_dibutuhkan"].to_numpy(),
        "cukup": found["cukup"].to_numpy(dtype=bool), "nama": who["nama"].to_numpy(),
        "peringkat": who["peringkat"].to_numpy(dtype=np.int64), "finalis": who["finalis"].to_numpy(dtype=bool),
        "target_id_peserta": target["id_peserta"].to_numpy(), "target_nama": target["nama"].to_numpy(),
        "perubahan": found["perubahan"].to_numpy(), "biaya_relatif": found["biaya_relatif"].to_numpy(),
        "skor_sekarang": _ranking_score(who), "skor_target": _ranking_score(target),
        "skor_baru": found["skor_baru"].to_numpy(), "alasan": found["alasan"].to_numpy(),
    }, columns=list(GAPS_COLUMNS))


def _empty() -> pd.DataFrame:
    dtypes = {"tahun": np.int64, "peringkat": np.int64, "cukup": bool, "finalis": bool}
    floats = ("nilai_sekarang", "nilai_dibutuhkan", "perubahan", "biaya_relatif", "skor_sekarang", "skor_target",
              "skor_baru")
    return pd.DataFrame({c: pd.Series(dtype=np.float64 if c in floats else dtypes.get(c, object))
                         for c in GAPS_COLUMNS})


def what_it_takes(season: Season, methodology: Methodology, scores: SeasonScores | None = None,
                  provinces: Collection[str] | None = None, categories: Collection[str] | None = None) -> pd.DataFrame:
    """One row per ranked participant below first place and lever of ACTIONS its category's indicators use.

    The participant one place above (`target_*`) is the first, in the engine's order, of the participants holding
    the best rank worse than... i.e. the rank just above this one (tied participants there are equal to the engine).
    `nilai_dibutuhkan` is the smallest valid value of `kolom` (whole counts; 0.01 steps for percents; 0/1; parts
    at most their whole; bulan_tunggakan down to 0) with which, all indicators recomputed from the changed year-T
    row and the interview score kept, the participant ranks above that one (`cukup` true); else `cukup` is false
    and it is the value where the indicator reaches its upper goalpost (or the column its valid maximum), with
    `alasan` `batas_atas`, or `finalis_di_atas` when the one above is a finalist and this one is not.
    Levers that cannot raise their indicator (not applicable, already at the goalpost) get no row.
    `scores` (score_season of the same season and methodology, every province of the groups asked for) is reused
    when given. Columns GAPS_COLUMNS; `biaya_relatif` is the cost that cheapest_actions orders by.
    """
    chosen = [k for k in methodology.categories() if categories is None or k in categories]
    if scores is None:
        scores = score_season(season, methodology, categories=chosen)
    frames = [frame for k in chosen if not (frame := _category_gaps(season, k, scores, provinces)).empty]
    return pd.concat(frames, ignore_index=True) if frames else _empty()


def cheapest_actions(gaps: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Per participant its `n` cheapest actions on different columns, sufficient ones (`cukup`) first.

    Cost is `biaya_relatif`: the relative change |needed - current| / max(|current|, 1) of the column, or 1 per
    unit for yes/no and regulation columns (a Perda, a programme, one more Perkada). Equal costs keep the
    order of ACTIONS; participants keep their order in `gaps`.
    """
    who = pd.factorize(gaps["kategori"].astype(str) + "\x1f" + gaps["id_peserta"].astype(str))[0]
    order = np.lexsort((np.arange(len(gaps)), gaps["biaya_relatif"].to_numpy(dtype=np.float64),
                        ~gaps["cukup"].to_numpy(dtype=bool), who))
    ranked = gaps.iloc[order].drop_duplicates(["kategori", "id_peserta", "kolom"])
    return ranked.groupby(["kategori", "id_peserta"], sort=False).head(n).reset_index(drop=True)


def describe_action(row: Mapping[str, object], lang: str) -> str:
    """One plain sentence (Bahasa Indonesia or English) for a gaps row; names are not escaped."""
    kolom = str(row["kolom"])
    kind = _TABLES[str(row["kategori"])].column(kolom).kind
    now, needed = float(row["nilai_sekarang"]), float(row["nilai_dibutuhkan"])  # type: ignore[arg-type]

    def shown(value: float) -> str:
        return formatting.percent(value, lang) if kind == "percent" else formatting.number(value, lang)

    delta = formatting.number(abs(needed - now), lang, 2 if kind == "percent" else 0)
    action = t("gaps.action.programme" if kolom in PROGRAMMES else f"gaps.action.{kolom}", lang, delta=delta,
               programme=kolom.upper())
    change = "" if kind == "binary" else t("gaps.from_to", lang, now=shown(now), needed=shown(needed))
    key = ("gaps.enough" if row["cukup"] else
           "gaps.finalist_ahead" if row["alasan"] == FINALIS_DI_ATAS else "gaps.not_enough")
    text = t(key, lang, action=action, change=change, target=row["target_nama"])
    return text[:1].upper() + text[1:]


def verify(season: Season, methodology: Methodology, row: Mapping[str, object]) -> bool:
    """Write the row's `nilai_dibutuhkan` into a copy of the season, re-score its province and category with
    score_season and say whether the participant now ranks better than its `peringkat`."""
    table = _TABLES[str(row["kategori"])]
    frame = getattr(season, table.name).copy()
    hit = (frame[table.key[0]] == row["id_peserta"]) & (frame["tahun"] == row["tahun"])
    column = str(row["kolom"])
    value = float(row["nilai_dibutuhkan"])  # type: ignore[arg-type]
    frame.loc[hit, column] = int(value) if np.issubdtype(frame[column].dtype, np.integer) else value
    rescored = score_season(dataclasses.replace(season, **{table.name: frame}), methodology,
                            [str(row["kode_provinsi"])], [str(row["kategori"])]).peserta
    new_rank = rescored.loc[rescored["id_peserta"] == row["id_peserta"], "peringkat"].iloc[0]
    return bool(int(new_rank) < int(row["peringkat"]))  # type: ignore[call-overload]


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def csv_text(gaps: pd.DataFrame) -> str:
    """The gaps table as plain CSV: dot decimals (whole values without `.0`), booleans `true`/`false`, empty
    cells for missing values, minimal quoting, Unix line ends."""
    columns = []
    for name in gaps.columns:
        series = gaps[name]
        if name in BOOLEAN_COLUMNS:
            columns.append(np.where(series.to_numpy(dtype=bool), "true", "false").tolist())
        else:
            columns.append([_cell(v) for v in series.astype(object).tolist()])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(gaps.columns)
    writer.writerows(zip(*columns))
    return buffer.getvalue()


def write_gaps_csv(gaps: pd.DataFrame, path: Path | str) -> Path:
    """Write `csv_text(gaps)` to `path` atomically (temporary file beside it, then rename)."""
    from .report.runner import write_atomic

    path = Path(path)
    write_atomic(path, csv_text(gaps))
    return path
