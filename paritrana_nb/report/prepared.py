"""What `paritrana run` hands each report's kernel: its context and its robustness analyses, prepared once.

The parent validates and scores the season once; the province reports' analyses run once over a few shares of
the provinces, one per worker (they work group by group, so each province's rows are those its own analysis
gives), the national report's beside them; then one file per report goes into the run's private temporary
folder. A kernel reading it imports neither scipy nor SALib and computes nothing before it draws its report;
a notebook run by hand computes its own.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..engine import SeasonScores
from ..messages import LANGS, t
from ..methodology import Methodology
from ..season import Season
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED
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


def prepare_reports(
    prepared: PreparedSeason,
    contexts: Mapping[str, ReportContext],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    parts: int = 1,
    mapper: Mapper = map,
) -> dict[str, PreparedReport]:
    """Each context (by report key) with its analyses: the provinces' from the analyses of their groups, run
    on `parts` shares of the provinces; the national one's from its own. `mapper` (map, or a process pool's
    map) runs the tasks."""
    methodology = prepared.methodology
    categories = provincial_categories(methodology)
    sizes = {str(code): int(n) for code, n in prepared.scores.peserta["kode_provinsi"].value_counts().items()}
    shares = _shares([c.scope for c in contexts.values() if c.scope != NATIONAL], sizes, parts)
    shares = [share for share in shares if share]
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
    national = [c for c in contexts.values() if c.scope == NATIONAL]
    tasks += [AnalysisTask(c.season, methodology, c.scores, tuple(held_categories(c)), draws, seed) for c in national]
    results = list(mapper(run_task, tasks))
    by_code = {code: result for share, result in zip(shares, results, strict=False) for code in share}
    out: dict[str, PreparedReport] = {}
    for key, context in contexts.items():
        if context.scope == NATIONAL:
            out[key] = PreparedReport(context, results[-1])
        else:
            analysis = group_slice(by_code[context.scope], context.scope, held_categories(context))
            out[key] = PreparedReport(context, analysis)
    return out


def save_prepared(report: PreparedReport, path: Path) -> None:
    """Write a prepared report for a notebook kernel of the same run (a private, temporary file)."""
    path.write_bytes(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))


def load_prepared(path: str | Path) -> PreparedReport:
    """Read a prepared report written by `save_prepared` in this run's temporary folder."""
    report = pickle.loads(Path(path).read_bytes())  # noqa: S301 - our own file, written by the same run
    if not isinstance(report, PreparedReport) or report.prepared_format != PREPARED_FORMAT:
        raise ValueError(f"{path} is not a prepared report of this workbook version")
    return report


def reuse_prepared(
    prepared: str, lang: str, draws: int, seed: int
) -> tuple[ReportContext, ReportAnalysis | None] | None:
    """A report notebook's first step: refuse an unknown `lang`; then the context of the file `paritrana run`
    prepared (None without one) and its analyses when they have these `draws` and `seed` (else None: the
    notebook draws its own)."""
    if lang not in LANGS:
        raise ValueError(t("cli.bad_lang", "en", value=lang, allowed=", ".join(LANGS)))
    if not (prepared and Path(prepared).is_file()):
        return None
    ready = load_prepared(prepared)
    same = (ready.analysis.draws, ready.analysis.seed) == (draws, seed)
    return ready.context, ready.analysis if same else None
