"""What a report needs, prepared once: the validated season, the methodology, the scores, the data notes.

`paritrana run` prepares the whole season once and hands each notebook its province's slice
through a small cache file; a notebook run by hand prepares its own.
"""
from __future__ import annotations

import hashlib
import pickle
import platform
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from ..engine import SeasonScores, score_season
from ..methodology import Methodology, default_methodology_path, load_methodology
from ..problems import Problem, SeasonInvalid
from ..season import Season, load_season
from .quality import NATIONAL, problems_by_province

CACHE_FORMAT = 1


def workbook_version() -> str:
    """The installed package version (shown in every report footer)."""
    try:
        return version("paritrana-nb")
    except PackageNotFoundError:
        return "0+unknown"


#: The libraries every report's numbers come from (distribution names), listed in its footer after Python.
LIBRARIES = ("pandas", "numpy", "scipy", "SALib")


def library_versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of Python and of LIBRARIES in this process."""
    return (("Python", platform.python_version()), *((name, version(name)) for name in LIBRARIES))


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
    version: str
    libraries: tuple[tuple[str, str], ...] = ()  # (name, version) of Python and the numeric libraries
    notebook: tuple[str, str] | None = None  # (file name, sha256) of the notebook `paritrana run` executes
    cache_format: int = CACHE_FORMAT


@dataclass(frozen=True)
class PreparedSeason:
    """A whole season validated and scored once, from which each report's context is cut."""

    season: Season
    methodology: Methodology
    methodology_file: Path
    methodology_hash: str
    scores: SeasonScores
    by_province: dict[str, list[Problem]]


def methodology_file(params_dir: str | Path, musim: int, metodologi: str | Path = "") -> Path:
    """The methodology file to use: `metodologi` when given, else the season's default."""
    if metodologi:
        return resolve_dir(metodologi)
    return default_methodology_path(resolve_dir(params_dir), musim)


def prepare_season(musim: int, data_dir: str | Path, params_dir: str | Path,
                   metodologi: str | Path = "") -> PreparedSeason:
    """Validate and score a whole season; raises SeasonInvalid or MethodologyInvalid."""
    result = load_season(musim, resolve_dir(data_dir))
    if result.season is None:
        raise SeasonInvalid(result.report)
    path = methodology_file(params_dir, musim, metodologi)
    methodology = load_methodology(path, musim)
    scores = score_season(result.season, methodology)
    return PreparedSeason(result.season, methodology, path, hashlib.sha256(path.read_bytes()).hexdigest(),
                          scores, problems_by_province(result.report, result.season))


def _season_slice(season: Season, code: str) -> Season:
    def by_region(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["kode_wilayah"].str.slice(0, 2) == code]

    wilayah = season.wilayah[season.wilayah["kode_provinsi"] == code]
    bu = by_region(season.badan_usaha)
    ids = set(by_region(season.pemda)["kode_wilayah"]) | set(by_region(season.desa)["kode_desa"]) | set(bu["npp"])
    wawancara = season.wawancara[(season.wawancara["kategori"] != "pemprov") & season.wawancara["id_peserta"].isin(ids)]
    return replace(season, wilayah=wilayah, pemda=by_region(season.pemda), desa=by_region(season.desa),
                   badan_usaha=bu, wawancara=wawancara)


def _scores_slice(scores: SeasonScores, code: str) -> SeasonScores:
    def mine(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty or "kode_provinsi" not in frame:
            return frame
        keep = frame["kode_provinsi"] == code
        if "kategori" in frame:
            keep &= frame["kategori"] != "pemprov"
        return frame[keep].reset_index(drop=True)

    return replace(scores, peserta=mine(scores.peserta), indikator=mine(scores.indikator),
                   wawancara=mine(scores.wawancara), nominasi=mine(scores.nominasi),
                   cakupan_penuh=mine(scores.cakupan_penuh),
                   anggaran_apbd_terbesar=mine(scores.anggaran_apbd_terbesar))


def province_context(prepared: PreparedSeason, code: str) -> ReportContext:
    """The slice of a prepared season that one province's report shows."""
    return ReportContext(code, _season_slice(prepared.season, code), prepared.methodology,
                         prepared.methodology_file, prepared.methodology_hash,
                         _scores_slice(prepared.scores, code), tuple(prepared.by_province.get(code, [])),
                         workbook_version(), library_versions())


def national_context(prepared: PreparedSeason) -> ReportContext:
    """The national report's view: all scores (it shows pemprov, nominees and province figures)."""
    season = replace(prepared.season, desa=prepared.season.desa.iloc[0:0],
                     badan_usaha=prepared.season.badan_usaha.iloc[0:0])
    scores = prepared.scores
    scores = replace(scores, indikator=scores.indikator[scores.indikator["kategori"] == "pemprov"],
                     peserta=scores.peserta[scores.peserta["kategori"] == "pemprov"],
                     wawancara=scores.wawancara[scores.wawancara["kategori"] == "pemprov"])
    return ReportContext(NATIONAL, season, prepared.methodology, prepared.methodology_file,
                         prepared.methodology_hash, scores, tuple(prepared.by_province.get(NATIONAL, [])),
                         workbook_version(), library_versions())


def with_notebook(context: ReportContext, notebook: Path) -> ReportContext:
    """The context recording the notebook that will render it (its name and sha256)."""
    return replace(context, notebook=(notebook.name, hashlib.sha256(notebook.read_bytes()).hexdigest()))


def save_context(context: ReportContext, path: Path) -> None:
    """Write a context for a notebook kernel of the same run (a private, temporary file)."""
    path.write_bytes(pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL))


def load_context(path: str | Path) -> ReportContext:
    """Read a context written by `save_context` in this run's temporary folder."""
    context = pickle.loads(Path(path).read_bytes())  # noqa: S301 - our own file, same run
    if not isinstance(context, ReportContext) or context.cache_format != CACHE_FORMAT:
        raise ValueError(f"{path} is not a report context of this workbook version")
    return context
