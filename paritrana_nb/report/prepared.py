"""What `paritrana run` hands each report's kernel: its context and its robustness analyses, prepared once.

The parent validates and scores the season once; the province reports' analyses run once over a few shares of
the provinces, one per worker (they work group by group, so each province's rows are those its own analysis
gives), the national report's beside them; then one file per report goes into the run's private temporary
folder. A kernel reading it imports neither scipy nor SALib and computes nothing before it draws its report;
a notebook run by hand computes its own.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from ..config import DEFAULT_SEASON
from ..engine import SeasonScores
from ..messages import LANGS, Num, t
from ..methodology import Methodology, MethodologyInvalid
from ..problems import ParameterInvalid, SeasonInvalid
from ..season import Season
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS, MAX_SEED
from .analysis import ReportAnalysis, analyse_scores, group_slice
from .context import PreparedSeason, ReportContext, provincial_categories, scores_slice, season_slice
from .quality import NATIONAL
from .sections import held_categories

PREPARED_FORMAT = 1


@dataclass(frozen=True)
class PreparedReport:
    """One report's context and analyses, as its notebook would compute them."""

    context: ReportContext
    analysis: ReportAnalysis
    prepared_format: int = PREPARED_FORMAT


@dataclass(frozen=True)
class AnalysisTask:
    """The analyses of some whole ranking groups: what one worker computes (`run_task`) for `prepare_reports`."""

    season: Season
    methodology: Methodology
    scores: SeasonScores
    categories: tuple[str, ...]
    draws: int
    seed: int


def run_task(task: AnalysisTask) -> ReportAnalysis:
    """The task's analyses (a function a process pool can call)."""
    return analyse_scores(task.season, task.methodology, task.scores, task.categories, task.draws, task.seed)


def _shares(codes: list[str], sizes: Mapping[str, int], parts: int) -> list[list[str]]:
    """`codes` split into at most `parts` lists of about the same number of participants (largest first)."""
    shares: list[list[str]] = [[] for _ in range(max(1, min(parts, len(codes))))]
    load = [0] * len(shares)
    for code in sorted(codes, key=lambda c: -sizes.get(c, 0)):
        lightest = load.index(min(load))
        shares[lightest].append(code)
        load[lightest] += sizes.get(code, 0)
    return shares


Mapper = Callable[[Callable[[AnalysisTask], ReportAnalysis], list[AnalysisTask]], Iterable[ReportAnalysis]]


#: Shares of the provinces per worker: more, smaller shares let a worker whose shares are done start drawing
#: reports while another still analyses its last one.
SHARES_PER_WORKER = 3


def prepared_reports(
    prepared: PreparedSeason,
    contexts: Mapping[str, ReportContext],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    parts: int = 1,
    mapper: Mapper = map,
) -> Iterator[tuple[str, PreparedReport]]:
    """(report key, prepared report) of each context, as soon as its analyses are done: the provinces' from
    the analyses of their groups, run on shares of the provinces (about SHARES_PER_WORKER per worker for
    `parts` workers), share by share; the national one's from its own, last. `mapper` (map, or a process
    pool's map, results in input order) runs the tasks."""
    methodology = prepared.methodology
    categories = provincial_categories(methodology)
    sizes = {str(code): int(n) for code, n in prepared.scores.peserta["kode_provinsi"].value_counts().items()}
    keys = {c.scope: key for key, c in contexts.items() if c.scope != NATIONAL}
    count = parts * SHARES_PER_WORKER if parts > 1 else 1
    shares = [share for share in _shares(list(keys), sizes, count) if share]
    tasks = [
        AnalysisTask(
            season_slice(prepared.season, share, methodology),
            methodology,
            scores_slice(prepared.scores, categories, share),
            tuple(categories),
            draws,
            seed,
        )
        for share in shares
    ]
    national = [(key, c) for key, c in contexts.items() if c.scope == NATIONAL]
    for _, context in national:
        categories_held = tuple(held_categories(context))
        tasks.append(AnalysisTask(context.season, methodology, context.scores, categories_held, draws, seed))
    results = iter(mapper(run_task, tasks))
    for share in shares:
        analysis = next(results)
        for code in share:
            context = contexts[keys[code]]
            yield keys[code], PreparedReport(context, group_slice(analysis, code, held_categories(context)))
    for key, context in national:
        yield key, PreparedReport(context, next(results))


def prepare_reports(
    prepared: PreparedSeason,
    contexts: Mapping[str, ReportContext],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    parts: int = 1,
    mapper: Mapper = map,
) -> dict[str, PreparedReport]:
    """Each context (by report key, in the order of `contexts`) with its analyses (`prepared_reports`)."""
    ready = dict(prepared_reports(prepared, contexts, draws, seed, parts, mapper))
    return {key: ready[key] for key in contexts}


def save_prepared(report: PreparedReport, path: Path) -> None:
    """Write a prepared report for a notebook kernel of the same run (a private, temporary file)."""
    path.write_bytes(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))


def load_prepared(path: str | Path) -> PreparedReport:
    """Read a prepared report written by `save_prepared` in this run's temporary folder."""
    report = pickle.loads(Path(path).read_bytes())  # noqa: S301 - our own file, written by the same run
    if not isinstance(report, PreparedReport) or report.prepared_format != PREPARED_FORMAT:
        raise ValueError(f"{path} is not a prepared report of this workbook version")
    return report


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Methodology and season problems raised inside, with their text in `lang`: a notebook shows an exception's
    text, and they are raised in the default language."""
    try:
        yield
    except (MethodologyInvalid, SeasonInvalid) as invalid:
        raise invalid.translated(lang) from None


#: A notebook's number parameters: (least, most or None, an example for the message).
NUMBER_PARAMETERS: Mapping[str, tuple[int, int | None, int]] = {
    "musim": (1000, 9999, DEFAULT_SEASON),  # a year of four digits, as the season folders are named
    "simulasi": (1, MAX_DRAWS, 1000),
    "seed": (0, MAX_SEED, DEFAULT_SEED),
}
#: A notebook's parameters naming a folder or file: text (or a Path, from Python).
PATH_PARAMETERS = ("data_dir", "params_dir", "metodologi", "cache_dir")
#: A notebook's parameters that are True or False (the explorer's): any text but "" would count as True.
FLAG_PARAMETERS = ("allow_official", "use_cache", "served")


def check_parameters(lang: str, **values: object) -> None:
    """A notebook's parameters before any work: ValueError, in `lang` when it is known, for an unknown `lang`,
    for a number parameter (`NUMBER_PARAMETERS`: `musim`, `simulasi` draws, `seed`) other than a whole number in
    its range, for a folder or file (`PATH_PARAMETERS`) other than text and for a flag (`FLAG_PARAMETERS`) other
    than True or False. papermill -p reads 10.7 as a number and `banyak`, `yes` or `false` as text, -r and a quoted
    YAML value give text ('2025'): all refused here, by name."""
    if lang not in LANGS:
        raise ParameterInvalid(t("cli.bad_lang", "en", value=lang, allowed=", ".join(LANGS)))
    for name, value in values.items():
        if name in PATH_PARAMETERS:
            if not isinstance(value, str | PathLike):
                raise ParameterInvalid(t("nb.path_not_text", lang, name=name, value=repr(value)))
            continue
        if name in FLAG_PARAMETERS:
            if not isinstance(value, bool):
                raise ParameterInvalid(t("nb.flag_not_boolean", lang, name=name, value=repr(value)))
            continue
        least, most, example = NUMBER_PARAMETERS[name]
        whole = isinstance(value, int) and not isinstance(value, bool)
        if whole and value >= least and (most is None or value <= most):  # type: ignore[operator]
            continue
        key = "nb.whole_number_min" if most is None else "nb.whole_number_range"
        shown = (lambda bound: bound) if name == "musim" else Num  # a year is written without separators
        bounds = {"least": shown(least), "most": None if most is None else shown(most)}
        raise ParameterInvalid(t(key, lang, name=name, value=repr(value), example=example, **bounds))


def reuse_prepared(
    prepared: str, lang: str, draws: int, seed: int, **parameters: object
) -> tuple[ReportContext, ReportAnalysis | None] | None:
    """A report notebook's first step: refuse an unknown `lang`, draws or a seed out of range and the notebook's
    other `parameters` out of bounds (`check_parameters`: `musim`, the folders); then the context of the file
    `paritrana run` prepared (None without one) and its analyses when they have these `draws` and `seed` (else
    None: the notebook draws its own)."""
    check_parameters(lang, simulasi=draws, seed=seed, **parameters)
    if not (prepared and Path(prepared).is_file()):
        return None
    ready = load_prepared(prepared)
    same = (ready.analysis.draws, ready.analysis.seed) == (draws, seed)
    return ready.context, ready.analysis if same else None
