"""What every card shows, computed once for the whole season and vectorised.

The scores (the engine, once), the rank intervals (uncertainty.rank_uncertainty, once), the three cheapest
actions (gaps.what_it_takes and cheapest_actions, once), each indicator's previous-year value, the ranking
group's median and first place, last season's rank and score, and the data-quality warnings about each
participant's own rows. With `jobs` >= 2 the intervals and the gaps are computed side by side in two processes.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import math
import multiprocessing
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from .. import indicators, registry
from ..compare import assesses_earlier, methodology_changes
from ..engine import SeasonScores, score_season
from ..forking import worker_pool
from ..gaps import cheapest_actions, what_it_takes
from ..messages import series, t
from ..methodology import Methodology, default_methodology_path, load_methodology
from ..problems import Problem, SeasonInvalid, ValidationReport
from ..report.context import previous_methodology_missing
from ..schema import PARTICIPANT_TABLES
from ..season import Season, load_season, season_folder
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, rank_uncertainty

#: How many actions a card lists.
ACTIONS_PER_CARD = 3


@dataclass(frozen=True)
class IndicatorBlock:
    """One category's indicators: matrices participants x indicators, participants in the order of `rows`
    (their positions in `scores.peserta`), indicators in methodology order (`ids`).

    `nilai` and `nilai_lalu` are the raw values in years T and T-1 (NaN where not computable), `n` the normalised
    value, `bobot` the effective weight (share of the applicable weights), `kontribusi` the points it adds to the
    desk score, `berlaku` whether it applies and `alasan` the reason code where not; `median` and `pertama` are
    the normalised values of the ranking group's median (over participants it applies to) and of its first place (the
    highest value among its first places where several share rank 1; `pertama_jumlah` is how many share it, 0 when
    the group has no first place). `lalu_musim` is the season whose files hold each participant's T-1 row (this
    season, the previous one, or 0 when neither holds one).
    """

    kategori: str
    ids: tuple[str, ...]
    rows: np.ndarray
    nilai: np.ndarray
    nilai_lalu: np.ndarray
    n: np.ndarray
    bobot: np.ndarray
    kontribusi: np.ndarray
    berlaku: np.ndarray
    alasan: np.ndarray
    median: np.ndarray
    pertama: np.ndarray
    pertama_jumlah: np.ndarray
    lalu_musim: np.ndarray


@dataclass(frozen=True)
class PreviousSeason:
    """Last season (musim - 1), loaded, validated and scored once: `ranks` holds its participants' ranks and scores
    (kategori, id_peserta, kelompok_lalu, peringkat_lalu, skor_lalu), `season` its tables, from which a card takes
    the T-1 row this season's files lack; `report` its validation (the command line prints its scoring warnings);
    `methodology` its own, by which it was scored."""

    musim: int
    ranks: pd.DataFrame
    season: Season
    report: ValidationReport
    methodology: Methodology


@dataclass(frozen=True)
class CardSeason:
    """A season prepared for its cards; every per-participant array is in `scores.peserta` order.

    `peserta` is the score table plus `jumlah` (ranked participants of the group), `peringkat_bersama` (how many
    other participants of the group share its rank; 0 when none does or it is not ranked), the interval columns of
    uncertainty.PESERTA_COLUMNS, `wilayah_nama` (the regency or city the participant lies in), `blok` and
    `baris_blok` (its IndicatorBlock and row there), `kelompok_lalu`, `peringkat_lalu` and `skor_lalu` (last
    season's ranking group, rank and score; None or NaN when absent). `selected` are the positions of the
    participants whose cards are asked for. `actions` holds up to ACTIONS_PER_CARD rows per participant of the gaps
    table, cheapest first. `aspek` holds each interviewed finalist's jury mean per aspect id (NaN: nobody scored
    it), by (kategori, id_peserta). `scored_otherwise` names the categories last season's methodology scored
    otherwise (compare.methodology_changes).
    """

    season: Season
    methodology: Methodology
    methodology_file: Path
    methodology_hash: str
    peserta: pd.DataFrame
    selected: np.ndarray
    blocks: tuple[IndicatorBlock, ...]
    actions: pd.DataFrame
    warnings: dict[str, tuple[Problem, ...]]
    aspek: dict[tuple[str, str], dict[str, float]]
    region_names: dict[str, str]
    musim_lalu: int | None
    draws: int
    seed: int
    timings: dict[str, float]
    scored_otherwise: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def close_ids(value: str, ids: list[str]) -> list[str]:
    """Up to three of `ids` that `value` was likely meant to be: the same but for the zeros a spreadsheet drops
    (`12345601` for the NPP `0012345601`, `61.1` for `61.10`) first, then the same but for two neighbouring
    characters typed the other way round (`61.40` for `61.04`, which difflib ranks below `61.10`), then the most
    alike."""
    same = [i for i in ids if i.lstrip("0") == value.lstrip("0") or ("." in i and i.rstrip("0") == value.rstrip("0"))]
    known = set(ids)
    swapped = (value[:k] + value[k + 1] + value[k] + value[k + 2 :] for k in range(len(value) - 1))
    turned = [i for i in swapped if i != value and i in known]
    alike = difflib.get_close_matches(value, ids, n=3, cutoff=0.8)
    return list(dict.fromkeys(same + turned + alike))[:3]


def missing_participant(cards: CardSeason, value: str, musim: int, lang: str) -> str:
    """Why the card of id `value` is not among `cards.selected`, in `lang`: scored but in a category or province
    the selection leaves out (naming where), else no such participant, with the ids it was likely meant to be."""
    there = cards.peserta[cards.peserta["id_peserta"].astype(str) == value]
    if len(there):
        places = dict.fromkeys(zip(there["kategori"], there["kode_provinsi"], strict=True))
        where = "; ".join(f"{kategori}, {provinsi}" for kategori, provinsi in places)
        return t("cli.rapor_participant_left_out", lang, value=value, where=where)
    close = close_ids(value, cards.peserta["id_peserta"].astype(str).unique().tolist())
    if close:
        return t("cli.rapor_close_participant", lang, value=value, musim=musim, close=series(close, lang, "or"))
    return t("cli.rapor_no_participant", lang, value=value, musim=musim)


_T = TypeVar("_T")


def _timed(timings: dict[str, float], name: str, work: Callable[[], _T]) -> _T:
    start = time.perf_counter()
    result = work()
    timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
    return result


def _rows_of_year(season: Season, tabel: str, tahun: int, ids: pd.Index) -> pd.DataFrame:
    """The rows of year `tahun` of `season`'s table `tabel` whose participant is in `ids`, as registry.table_rows
    gives them (with their own previous-year columns)."""
    rows = registry.table_rows(dataclasses.replace(season, tahun=tahun), tabel)
    return rows[rows["id_peserta"].isin(ids)].reset_index(drop=True)


def previous_values(
    season: Season, found: registry.Registry, kategori: str, earlier: Season | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The raw indicator values of a category's participants (`found.participants(kategori)` order) in year T-1,
    computed by the same formulas from the T-1 rows, and the season whose files hold each one's T-1 row (0: none,
    the values NaN). A participant's T-1 row is its row of year T-1 in this season's files, else (when `earlier`,
    last season's tables, is given) its row of that year in last season's files."""
    methodology = found.methodology
    category = methodology.kategori[kategori]
    tabel = category.peserta.tabel
    ids = pd.Index(found.participants(kategori)["id_peserta"])
    out = np.full((len(ids), len(category.indicators)), np.nan)
    source = np.zeros(len(ids), dtype=np.int64)
    taken: set[str] = set()
    for where in (season, earlier):
        if where is None:
            continue
        before = _rows_of_year(where, tabel, season.tahun - 1, ids)
        before = before[~before["id_peserta"].isin(taken)]
        if len(before):
            values = indicators.compute(before, category, methodology.aturan)[0].to_numpy(dtype=np.float64)
            at = ids.get_indexer(before["id_peserta"])
            out[at] = values
            source[at] = where.musim
            taken.update(before["id_peserta"])
    return out, source


def _group_stat(values: np.ndarray, group: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the median of its group and the highest value among its group's first places (`first`: whether each
    row is ranked first; NaN where the group has no first place or none of them has a value), NaN ignored, for every
    column of `values`."""
    frame = pd.DataFrame(values)
    median = frame.groupby(group).median().to_numpy(dtype=np.float64)[group]
    top = frame[first].groupby(group[first]).max().reindex(range(group.max() + 1))
    return median, top.to_numpy(dtype=np.float64)[group]


def _blocks(
    season: Season, scores: SeasonScores, found: registry.Registry, earlier: Season | None
) -> tuple[IndicatorBlock, ...]:
    peserta = scores.peserta
    long = scores.indikator
    blocks = []
    for kategori in scores.methodology.categories():
        rows = np.flatnonzero(peserta["kategori"].to_numpy(dtype=object) == kategori)
        if not len(rows):
            continue
        ids = scores.methodology.kategori[kategori].indicator_ids
        part = long[long["kategori"] == kategori]
        k = len(ids)
        if (
            len(part) != len(rows) * k
            or not (
                part["id_peserta"].to_numpy(dtype=object)[::k] == peserta["id_peserta"].to_numpy(dtype=object)[rows]
            ).all()
        ):
            raise ValueError(f"the indicator rows of {kategori} are not in the participants' order")

        def matrix(column: str, dtype: type = np.float64, part: pd.DataFrame = part, k: int = k) -> np.ndarray:
            return part[column].to_numpy(dtype=dtype).reshape(-1, k)

        n = matrix("n")
        group = pd.factorize(peserta["kelompok"].to_numpy(dtype=object)[rows])[0]
        rank = peserta["peringkat"].to_numpy(dtype=np.float64, na_value=np.nan)[rows]
        first = rank == 1
        median, pertama = _group_stat(n, group, first)
        order = pd.Index(found.participants(kategori)["id_peserta"]).get_indexer(peserta["id_peserta"].iloc[rows])
        nilai_lalu, lalu_musim = previous_values(season, found, kategori, earlier)
        blocks.append(
            IndicatorBlock(
                kategori=kategori,
                ids=ids,
                rows=rows,
                nilai=matrix("nilai"),
                nilai_lalu=nilai_lalu[order],
                n=n,
                bobot=matrix("bobot_efektif"),
                kontribusi=matrix("kontribusi"),
                berlaku=matrix("berlaku", bool),
                alasan=matrix("alasan", object),
                median=median,
                pertama=pertama,
                pertama_jumlah=np.bincount(group[first], minlength=group.max() + 1)[group],
                lalu_musim=lalu_musim[order],
            )
        )
    return tuple(blocks)


def participant_warnings(report: ValidationReport, season: Season) -> dict[str, tuple[Problem, ...]]:
    """The warnings about each participant's own rows (its table rows of any year, its interview scores), by
    id_peserta, in the order `paritrana validate` prints them: by file, then row."""
    where: dict[tuple[str, int], str] = {}
    for name, path in season.files.items():
        frame: pd.DataFrame = getattr(season, name)
        column = (
            "id_peserta"
            if name == "wawancara"
            else PARTICIPANT_TABLES[name].id_column
            if (name in PARTICIPANT_TABLES)
            else None
        )
        if column is None:
            continue
        where.update(zip(((path.name, int(row)) for row in frame.index), frame[column].astype(str), strict=True))
    found: dict[str, list[Problem]] = defaultdict(list)
    for problem in report.warnings:
        if problem.row is not None and (problem.file, problem.row) in where:
            found[where[problem.file, problem.row]].append(problem)
    return {key: tuple(sorted(value, key=lambda p: (p.file, p.row or 0))) for key, value in found.items()}


def previous_season(season: Season, data_dir: Path, params_dir: Path) -> PreviousSeason | None:
    """The season before `season` (musim - 1) loaded, validated and scored with its own methodology; None when
    `data_dir` holds no folder for it or `params_dir` no methodology file (as the reports:
    report.context.previous_scores). Raises SeasonInvalid or MethodologyInvalid when that season exists but cannot
    be scored, or assesses no earlier year than `season` (compare.assesses_earlier)."""
    musim = season.musim
    lalu = musim - 1
    if not season_folder(data_dir, lalu).is_dir() or previous_methodology_missing(musim, data_dir, params_dir):
        return None
    methodology = load_methodology(default_methodology_path(params_dir, lalu), musim=lalu)
    result = load_season(lalu, data_dir, methodology)
    if result.season is None or not assesses_earlier(season, result.season, result.report):
        raise SeasonInvalid(result.report)
    peserta = score_season(result.season, methodology).peserta
    ranks = pd.DataFrame(
        {
            "kategori": peserta["kategori"],
            "id_peserta": peserta["id_peserta"],
            "kelompok_lalu": peserta["kelompok"],
            "peringkat_lalu": peserta["peringkat"].to_numpy(dtype=np.float64, na_value=np.nan),
            "skor_lalu": peserta["skor_peringkat"].to_numpy(dtype=np.float64),
        }
    )
    return PreviousSeason(lalu, ranks, result.season, result.report, methodology)


@dataclass(frozen=True)
class _Work:
    """What the forked helper process computes from (a module global, so that fork shares it, not pickles it)."""

    season: Season
    methodology: Methodology
    scores: SeasonScores
    interval_scores: SeasonScores


_WORK: list[_Work] = []


def _intervals(draws: int, seed: int) -> pd.DataFrame:
    return rank_uncertainty(_WORK[0].interval_scores, draws, seed).peserta


def _actions(provinces: list[str] | None, categories: list[str] | None) -> pd.DataFrame:
    work = _WORK[0]
    gaps = what_it_takes(work.season, work.methodology, work.scores, provinces, categories)
    return cheapest_actions(gaps, ACTIONS_PER_CARD)


def _intervals_and_actions(
    args: tuple[int, int, list[str] | None, list[str] | None], jobs: int, timings: dict[str, float]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank intervals and cheapest actions: side by side in a forked process when `jobs` >= 2."""
    draws, seed, provinces, categories = args
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        intervals = _timed(timings, "intervals", lambda: _intervals(draws, seed))
        actions = _timed(timings, "gaps", lambda: _actions(provinces, categories))
        return intervals, actions
    with worker_pool(1) as pool:
        start = time.perf_counter()
        pending = pool.apply_async(_actions, (provinces, categories))
        intervals = _intervals(draws, seed)
        timings["intervals"] = time.perf_counter() - start
        actions = pending.get()
        timings["gaps"] = time.perf_counter() - start
    return intervals, actions


def prepare_cards(
    season: Season,
    methodology: Methodology,
    methodology_file: Path,
    report: ValidationReport,
    provinces: Collection[str] | None = None,
    categories: Collection[str] | None = None,
    ids: Collection[str] | None = None,
    previous: PreviousSeason | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    jobs: int = 1,
) -> CardSeason:
    """Score the whole season once and compute what the cards of the participants asked for show: those of
    `provinces`, `categories` and `ids` (None: all), in `CardSeason.selected`.

    Intervals come from `draws` perturbed re-scorings with `seed` of the ranking groups of those participants
    (whole groups: a national or zone group is re-ranked whole, and each category draws from its own stream, so
    the intervals are those of the whole season); actions from the gaps analysis of the participants asked for;
    `previous` is what `previous_season` returns (last season's ranks, and the T-1 rows this season's files lack).
    """
    timings: dict[str, float] = {}
    scores = _timed(timings, "scoring", lambda: score_season(season, methodology))
    found = registry.build(season, methodology)
    peserta = scores.peserta.reset_index(drop=True)
    group = peserta["kategori"].astype(str) + "\x1f" + peserta["kelompok"].astype(str)
    selected = np.ones(len(peserta), dtype=bool)
    for column, wanted in (("kode_provinsi", provinces), ("kategori", categories), ("id_peserta", ids)):
        if wanted is not None:
            selected &= peserta[column].isin(list(wanted)).to_numpy()
    in_groups = group.isin(set(group[selected])).to_numpy()
    interval_scores = dataclasses.replace(
        scores,
        peserta=peserta[in_groups],
        indikator=scores.indikator[
            pd.MultiIndex.from_frame(scores.indikator[["kategori", "id_peserta"]]).isin(
                pd.MultiIndex.from_frame(peserta.loc[in_groups, ["kategori", "id_peserta"]])
            )
        ],
    )
    _WORK[:] = [_Work(season, methodology, scores, interval_scores)]
    try:
        chosen = peserta.loc[selected]
        intervals, actions = _intervals_and_actions(
            (
                draws,
                seed,
                sorted(set(chosen["kode_provinsi"])),
                [k for k in methodology.categories() if k in set(chosen["kategori"])],
            ),
            jobs,
            timings,
        )
    finally:
        _WORK.clear()
    start = time.perf_counter()
    ranked = peserta["peringkat"].notna()
    jumlah = ranked.groupby(group).transform("sum").to_numpy(dtype=np.int64)
    rank = peserta["peringkat"]
    bersama = rank.groupby([group, rank]).transform("size").fillna(1).to_numpy(dtype=np.int64) - 1
    blocks = _blocks(season, scores, found, None if previous is None else previous.season)
    blok = np.full(len(peserta), -1)
    baris_blok = np.full(len(peserta), -1)
    for number, block in enumerate(blocks):
        blok[block.rows] = number
        baris_blok[block.rows] = np.arange(len(block.rows))
    peserta = peserta.assign(
        jumlah=jumlah,
        peringkat_bersama=bersama,
        wilayah_nama=_regency_names(season, found, peserta),
        blok=blok,
        baris_blok=baris_blok,
    )
    for column in ("peringkat_median", "peringkat_p05", "peringkat_p95", "seri_statistik"):
        values = np.full(len(peserta), None, dtype=object)
        values[in_groups] = intervals[column].to_numpy(dtype=object)
        peserta[column] = values
    if previous is not None:
        matched = previous.ranks.set_index(["kategori", "id_peserta"]).reindex(
            pd.MultiIndex.from_frame(peserta[["kategori", "id_peserta"]])
        )
        peserta["kelompok_lalu"] = matched["kelompok_lalu"].to_numpy(dtype=object)
        peserta["peringkat_lalu"] = matched["peringkat_lalu"].to_numpy(dtype=np.float64)
        peserta["skor_lalu"] = matched["skor_lalu"].to_numpy(dtype=np.float64)
    else:
        peserta["kelompok_lalu"] = None
        peserta["peringkat_lalu"] = np.nan
        peserta["skor_lalu"] = np.nan
    timings["preparing"] = time.perf_counter() - start
    return CardSeason(
        season=season,
        methodology=methodology,
        methodology_file=methodology_file,
        methodology_hash=hashlib.sha256(methodology_file.read_bytes()).hexdigest(),
        peserta=peserta,
        selected=np.flatnonzero(selected),
        blocks=blocks,
        actions=actions,
        warnings=participant_warnings(report, season),
        aspek=aspect_means(scores.wawancara),
        region_names=season.region_names(),
        musim_lalu=None if previous is None else previous.musim,
        draws=draws,
        seed=seed,
        timings=timings,
        scored_otherwise={} if previous is None else methodology_changes(methodology, previous.methodology),
    )


def aspect_means(wawancara: pd.DataFrame) -> dict[tuple[str, str], dict[str, float]]:
    """Each interviewed finalist's jury mean per aspect id (the score table `wawancara`), NaN for an aspect nobody
    scored, by (kategori, id_peserta)."""
    means: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    rows = wawancara[["kategori", "id_peserta", "aspek", "rerata", "tanpa_nilai"]]
    for kategori, id_peserta, aspek, rerata, none in rows.itertuples(index=False, name=None):
        means[str(kategori), str(id_peserta)][str(aspek)] = math.nan if none else float(rerata)
    return dict(means)


def _regency_names(season: Season, found: registry.Registry, peserta: pd.DataFrame) -> np.ndarray:
    """The name of the regency or city each participant lies in (a province government: the province)."""
    names = season.region_names()
    region: dict[str, str] = {}
    for frame in found.rows.values():
        region.update(zip(frame["id_peserta"], frame["kode_wilayah"], strict=True))
    codes = peserta["id_peserta"].map(region)
    return codes.map(names).fillna(codes).to_numpy(dtype=object)
