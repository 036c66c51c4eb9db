"""What a report needs, prepared once: the validated season, the methodology, the scores, the data notes.

`paritrana run` prepares the whole season once and hands each notebook its province's slice (with its
analyses, see prepared.py); a notebook run by hand prepares its own.
"""

from __future__ import annotations

import functools
import hashlib
import platform
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd

from ..cache import SeasonCache
from ..compare import assesses_earlier, compare_seasons, methodology_changes
from ..engine import SeasonScores, score_season
from ..methodology import Methodology, default_methodology_path, load_methodology
from ..problems import Kind, Problem, SeasonInvalid, ValidationReport
from ..season import LoadResult, Season, load_season, season_folder
from .quality import NATIONAL, problems_by_province, shown_participants, warnings_not_kept


@functools.cache
def workbook_version() -> str:
    """The installed package version (shown in every report footer)."""
    try:
        return version("paritrana-nb")
    except PackageNotFoundError:
        return "0+unknown"


#: The libraries every report's numbers come from (distribution names), listed in its footer after Python.
LIBRARIES = ("pandas", "numpy", "scipy", "SALib")


@functools.cache
def library_versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of Python and of LIBRARIES in this process."""
    return (("Python", platform.python_version()), *((name, version(name)) for name in LIBRARIES))


NOTEBOOK_SEASON = "-p musim"
"""How a notebook is given another season (papermill's parameter), offered where a season folder is missing."""


def resolve_dir(path: str | Path) -> Path:
    """A folder or file given on the command line or as a notebook parameter, made absolute against the
    current folder and nothing else: one that does not exist is reported by whoever reads it."""
    return Path(path).resolve()


@dataclass(frozen=True)
class ReportContext:
    """Everything one report shows, already computed (a province's slice, or the national view)."""

    scope: str  # a province code, or "nasional"
    season: Season
    methodology: Methodology
    methodology_file: Path
    methodology_hash: str
    scores: SeasonScores
    problems: tuple[Problem, ...]
    """The validation warnings the report lists (quality.problems_by_province)."""
    version: str
    libraries: tuple[tuple[str, str], ...] = ()  # (name, version) of Python and the numeric libraries
    notebook: tuple[str, str] | None = None  # (file name, sha256) of the notebook `paritrana run` executes
    cards: Path | None = None  # where a run writes the report (<out>/<musim>: its index, the cards); None: by hand
    reports: frozenset[str] = frozenset()
    """The keys of the reports the run writing this one makes with it, in its language (links.report_key each): the
    national report links those provinces' reports."""
    perubahan: pd.DataFrame | None = None
    """This season against the last (compare.compare_seasons) for the report's participants; None without a
    previous season."""
    empty_in_season: tuple[str, ...] = ()
    """The report's categories no participant of the whole season is in (a province report cannot tell them from its
    own slice of the scores)."""
    scored_otherwise: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The categories last season's methodology scores otherwise, with the keys that differ
    (compare.methodology_changes): their changes of rank mix a change of methodology. Empty without `perubahan`."""
    omitted: Mapping[Kind, int] = field(default_factory=dict)
    """The warnings of a kind (file, severity, code) beyond the first KEEP_PER_KIND, only counted: the national report,
    which lists every warning, counts them with the others of their kind (a province's `problems` say so instead:
    W_NOT_KEPT)."""
    participants: Mapping[tuple[str, int], str] = field(default_factory=dict)
    """The participant each warning the report shows is about, by (file, row) (quality.shown_participants): found in
    the whole season, as the report's own slice of it may not hold the row."""


@dataclass(frozen=True)
class PreparedSeason:
    """A whole season validated and scored once, from which each report's context is cut."""

    season: Season
    methodology: Methodology
    methodology_file: Path
    methodology_hash: str
    scores: SeasonScores
    by_province: dict[str, list[Problem]]
    perubahan: pd.DataFrame | None = None  # compare.compare_seasons against the previous season, when it exists
    previous_report: ValidationReport | None = None  # the previous season's validation, when it is compared
    report: ValidationReport | None = None  # this season's validation (its warnings)
    scored_otherwise: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # see ReportContext


def methodology_file(params_dir: str | Path, musim: int, metodologi: str | Path = "") -> Path:
    """The methodology file to use: `metodologi` when given, else the season's default; as given (relative ones from
    the current folder), as a message about it names it."""
    if metodologi:
        return Path(metodologi)
    return default_methodology_path(params_dir, musim)


def read_methodology(musim: int, path: Path, *, named: bool = False, notebook: bool = False) -> Methodology:
    """The methodology file `path` of season `musim`, read as `load_inputs` reads it first (`named`, `notebook`: as
    there). Raises MethodologyInvalid."""
    option = NOTEBOOK_SEASON if notebook else "--season"  # offered when the params folder holds other seasons' only
    return load_methodology(path, musim, option, notebook=notebook, named=named)


def load_inputs(
    musim: int,
    data_dir: str | Path,
    path: Path,
    cache: SeasonCache | None = None,
    *,
    named: bool = False,
    notebook: bool = False,
) -> tuple[Methodology, LoadResult]:
    """The methodology file `path`, then season `musim` of `data_dir` (through `cache`) checked against it: the order
    in which every command and notebook reads them, so that a season that is not there (a wrong `musim`) is told by
    the same message everywhere, the methodology's first. `named`: the user named the file (--methodology, a
    notebook's `metodologi`), not the season's own. `notebook`: the folders are a notebook's parameters, a missing
    one told with them (NOTEBOOK_SEASON), else with a command's options. Raises MethodologyInvalid; the season's
    problems are the result's report."""
    methodology = read_methodology(musim, path, named=named, notebook=notebook)
    option = NOTEBOOK_SEASON if notebook else "--season"
    return methodology, load_season(musim, data_dir, methodology, cache, option=option, notebook=notebook)


def prepare_season(
    musim: int,
    data_dir: str | Path,
    params_dir: str | Path,
    metodologi: str | Path = "",
    cache: SeasonCache | bool | None = True,
    *,
    notebook: bool = False,
) -> PreparedSeason:
    """Validate the methodology and the season against it, and score the whole season; raises MethodologyInvalid
    or SeasonInvalid. `cache`: True uses the season folder's cache (cache.py), a SeasonCache that one, False or
    None none. `notebook`: the folders are a notebook's parameters, a missing one told with them (NOTEBOOK_SEASON).
    The files are read by the paths as given (relative ones from the current folder), which their messages name as
    the user wrote them, as every command does; the methodology file is kept by its full path (the report kernels'
    `metodologi`)."""
    path = methodology_file(params_dir, musim, metodologi)
    chosen = SeasonCache.for_season(season_folder(data_dir, musim)) if cache is True else cache or None
    methodology, result = load_inputs(musim, data_dir, path, chosen, named=bool(metodologi), notebook=notebook)
    if result.season is None:
        raise SeasonInvalid(result.report)
    scores = score_season(result.season, methodology)
    previous = previous_scores(result.season, data_dir, params_dir)
    return PreparedSeason(
        result.season,
        methodology,
        resolve_dir(path),
        hashlib.sha256(path.read_bytes()).hexdigest(),
        scores,
        problems_by_province(result.report, result.season, scores),
        None if previous is None else compare_seasons(scores, previous[0]),
        None if previous is None else previous[1],
        result.report,
        {} if previous is None else methodology_changes(methodology, previous[2]),
    )


def previous_methodology_missing(musim: int, data_dir: str | Path, params_dir: str | Path) -> Path | None:
    """`<params_dir>/<musim - 1>/metodologi.yaml` when `<data_dir>/<musim - 1>/` is there but that file is not: the
    previous season is then not compared (reports and cards alike), which the command line warns of; else None."""
    path = default_methodology_path(params_dir, musim - 1)  # as given: the warning names it so
    return path if season_folder(data_dir, musim - 1).is_dir() and not path.is_file() else None


def previous_scores(
    season: Season, data_dir: str | Path, params_dir: str | Path
) -> tuple[SeasonScores, ValidationReport, Methodology] | None:
    """The season before `season` (`musim - 1`) scored with its own methodology, its validation report (its warnings)
    and that methodology, when both `<data_dir>/<musim - 1>/` and `<params_dir>/<musim - 1>/metodologi.yaml` exist
    (else None); raises MethodologyInvalid or SeasonInvalid when they exist but cannot be used, or when that season
    assesses no earlier year than `season` (compare.assesses_earlier)."""
    musim = season.musim
    folder = season_folder(data_dir, musim - 1)  # as given, as prepare_season reads them
    path = default_methodology_path(params_dir, musim - 1)
    if not (folder.is_dir() and path.is_file()):
        return None
    methodology = load_methodology(path, musim - 1)
    result = load_season(musim - 1, data_dir, methodology)
    if result.season is None or not assesses_earlier(season, result.season, result.report):
        raise SeasonInvalid(result.report)
    return score_season(result.season, methodology), result.report, methodology


class ProvinceRows:
    """The row positions of a table by province, found in one pass: the rows of some provinces are then picked
    without scanning the table again (a report per province would scan it once per province)."""

    def __init__(self, provinces: pd.Series) -> None:
        keys, codes = pd.factorize(provinces)  # a missing province: -1, in no province
        order = np.argsort(keys, kind="stable")
        bounds = np.searchsorted(keys[order], np.arange(len(codes) + 1))
        self._rows = {code: order[bounds[k] : bounds[k + 1]] for k, code in enumerate(codes)}

    @staticmethod
    def of_regions(frame: pd.DataFrame) -> ProvinceRows:
        """By the province part (2 digits) of each row's `kode_wilayah`."""
        return ProvinceRows(frame["kode_wilayah"].str.slice(0, 2))

    def rows(self, codes: Collection[str]) -> np.ndarray:
        """The positions of the rows of provinces `codes`, in table order."""
        picked = [self._rows[code] for code in dict.fromkeys(codes) if code in self._rows]
        return np.sort(np.concatenate(picked)) if picked else np.zeros(0, dtype=np.intp)


def _kept(
    frame: pd.DataFrame, categories: list[str], codes: Collection[str] | None = None, rows: ProvinceRows | None = None
) -> pd.DataFrame:
    """The rows of `categories` (of provinces `codes`, when given; `rows`: the frame's rows by province, when
    already found) of a scores table."""
    if frame.empty or "kategori" not in frame:
        return frame
    if codes is not None:
        frame = frame.iloc[(rows or ProvinceRows(frame["kode_provinsi"])).rows(codes)]
    return frame[frame["kategori"].isin(categories).to_numpy()].reset_index(drop=True)


def provincial_categories(methodology: Methodology, provincial: bool = True) -> list[str]:
    """The categories ranked within a province (or, with `provincial` false, in wider groups)."""
    return [k for k, c in methodology.kategori.items() if c.provincial == provincial]


def season_slice(
    season: Season, codes: Collection[str], methodology: Methodology, rows: Mapping[str, ProvinceRows] | None = None
) -> Season:
    """The rows of provinces `codes` of every table, and their interviews in the categories ranked by province
    (`rows`: each of pemda, desa, badan_usaha's rows by province, when already found)."""
    wanted = list(codes)

    def by_region(table: str) -> pd.DataFrame:
        frame: pd.DataFrame = getattr(season, table)
        found = rows[table] if rows is not None else ProvinceRows.of_regions(frame)
        return frame.iloc[found.rows(wanted)]

    wilayah = season.wilayah[season.wilayah["kode_provinsi"].isin(wanted)]
    pemda, desa, bu = by_region("pemda"), by_region("desa"), by_region("badan_usaha")
    ids = set(pemda["kode_wilayah"]) | set(desa["kode_desa"]) | set(bu["npp"])
    wawancara = season.wawancara[
        season.wawancara["kategori"].isin(provincial_categories(methodology)) & season.wawancara["id_peserta"].isin(ids)
    ]
    return replace(season, wilayah=wilayah, pemda=pemda, desa=desa, badan_usaha=bu, wawancara=wawancara)


def _changes_slice(prepared: PreparedSeason, peserta: pd.DataFrame) -> pd.DataFrame | None:
    """The rows of the compare table of the participants a report shows (this season's)."""
    table = prepared.perubahan
    if table is None:
        return None
    shown = pd.MultiIndex.from_frame(peserta[["kategori", "id_peserta"]])
    keep = pd.MultiIndex.from_frame(table[["kategori", "id_peserta"]]).isin(shown)
    return table[keep].reset_index(drop=True)


def scores_slice(
    scores: SeasonScores,
    categories: list[str],
    codes: Collection[str] | None = None,
    rows: Mapping[str, ProvinceRows] | None = None,
) -> SeasonScores:
    """The scores of `categories` (of provinces `codes`, when given; the nominees then only theirs too; `rows`:
    each table's rows by province, when already found)."""

    def kept(table: str) -> pd.DataFrame:
        return _kept(getattr(scores, table), categories, codes, None if rows is None else rows.get(table))

    return replace(
        scores,
        peserta=kept("peserta"),
        indikator=kept("indikator"),
        wawancara=kept("wawancara"),
        nominasi=scores.nominasi if codes is None else kept("nominasi"),
        penghargaan=kept("penghargaan"),
    )


def province_context(prepared: PreparedSeason, code: str) -> ReportContext:
    """The slice of a prepared season that one province's report shows: its categories ranked by province."""
    return province_contexts(prepared, [code])[code]


def province_contexts(prepared: PreparedSeason, codes: Collection[str]) -> dict[str, ReportContext]:
    """`province_context` of each province of `codes`; each table's rows by province are found once for all."""
    methodology = prepared.methodology
    categories = provincial_categories(methodology)
    season_rows = {t: ProvinceRows.of_regions(getattr(prepared.season, t)) for t in ("pemda", "desa", "badan_usaha")}
    score_rows = {
        t: ProvinceRows(frame["kode_provinsi"])
        for t in ("peserta", "indikator", "wawancara", "nominasi", "penghargaan")
        if not (frame := getattr(prepared.scores, t)).empty and "kategori" in frame and "kode_provinsi" in frame
    }
    held = set(prepared.scores.peserta["kategori"].unique())
    empty = tuple(k for k in categories if k not in held)
    contexts = {}
    for code in codes:
        scores = scores_slice(prepared.scores, categories, [code], score_rows)
        problems = tuple(prepared.by_province.get(code, []))
        contexts[code] = ReportContext(
            code,
            season_slice(prepared.season, [code], methodology, season_rows),
            methodology,
            prepared.methodology_file,
            prepared.methodology_hash,
            scores,
            problems,
            workbook_version(),
            library_versions(),
            perubahan=_changes_slice(prepared, scores.peserta),
            empty_in_season=empty,
            scored_otherwise=_scored_otherwise(prepared, categories),
            participants=shown_participants(problems, prepared.season, prepared.scores, {}),
        )
    return contexts


def national_context(prepared: PreparedSeason) -> ReportContext:
    """The national report's view: the categories ranked nationally or by zone, every province's nominees, and
    the tables those categories draw on (wilayah and pemda always, for the province comparison)."""
    methodology = prepared.methodology
    wider = provincial_categories(methodology, provincial=False)
    used = {methodology.kategori[k].peserta.tabel for k in wider}
    season = replace(
        prepared.season,
        wawancara=prepared.season.wawancara[prepared.season.wawancara["kategori"].isin(wider)],
        **{table: getattr(prepared.season, table).iloc[0:0] for table in ("desa", "badan_usaha") if table not in used},
    )
    scores = scores_slice(prepared.scores, wider)
    problems = tuple(prepared.by_province.get(NATIONAL, []))
    omitted = {} if prepared.report is None else warnings_not_kept(prepared.report, methodology)
    return ReportContext(
        NATIONAL,
        season,
        methodology,
        prepared.methodology_file,
        prepared.methodology_hash,
        scores,
        problems,
        workbook_version(),
        library_versions(),
        perubahan=_changes_slice(prepared, scores.peserta),
        scored_otherwise=_scored_otherwise(prepared, wider),
        omitted=omitted,
        participants=shown_participants(problems, prepared.season, prepared.scores, omitted),
    )


def _scored_otherwise(prepared: PreparedSeason, categories: list[str]) -> dict[str, tuple[str, ...]]:
    """The `scored_otherwise` entries of a report's `categories`."""
    return {k: keys for k, keys in prepared.scored_otherwise.items() if k in categories}


def with_notebook(context: ReportContext, notebook: Path) -> ReportContext:
    """The context recording the notebook that will render it (its name and sha256)."""
    return replace(context, notebook=(notebook.name, hashlib.sha256(notebook.read_bytes()).hexdigest()))
