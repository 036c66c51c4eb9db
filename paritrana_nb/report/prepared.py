"""What `paritrana run` hands each report's kernel: its context and its robustness analyses, prepared once.

The parent validates and scores the season once, runs the province reports' analyses once over every province
(they work group by group, so each province's rows are those its own analysis gives) and the national report's,
then writes one file per report into the run's private temporary folder. A kernel reading it imports neither
scipy nor SALib and computes nothing before it draws its report; a notebook run by hand computes its own.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED
from .analysis import ReportAnalysis, analyse, analyse_scores, group_slice
from .context import PreparedSeason, ReportContext, provincial_categories, scores_slice
from .quality import NATIONAL
from .sections import held_categories

PREPARED_FORMAT = 1


@dataclass(frozen=True)
class PreparedReport:
    """One report's context and analyses, as its notebook would compute them."""

    context: ReportContext
    analysis: ReportAnalysis
    prepared_format: int = PREPARED_FORMAT


def prepare_reports(
    prepared: PreparedSeason,
    contexts: Mapping[str, ReportContext],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> dict[str, PreparedReport]:
    """Each context (by report key) with its analyses: the provinces' from one analysis of every province's
    groups, the national one's from its own."""
    out: dict[str, PreparedReport] = {}
    provinces = {key: c for key, c in contexts.items() if c.scope != NATIONAL}
    if provinces:
        categories = provincial_categories(prepared.methodology)
        wawancara = prepared.season.wawancara
        season = replace(prepared.season, wawancara=wawancara[wawancara["kategori"].isin(categories)])
        scores = scores_slice(prepared.scores, categories)
        whole = analyse_scores(season, prepared.methodology, scores, categories, draws, seed)
        for key, context in provinces.items():
            out[key] = PreparedReport(context, group_slice(whole, context.scope, held_categories(context)))
    for key, context in contexts.items():
        if context.scope == NATIONAL:
            out[key] = PreparedReport(context, analyse(context, held_categories(context), draws, seed))
    return {key: out[key] for key in contexts}


def save_prepared(report: PreparedReport, path: Path) -> None:
    """Write a prepared report for a notebook kernel of the same run (a private, temporary file)."""
    path.write_bytes(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))


def load_prepared(path: str | Path) -> PreparedReport:
    """Read a prepared report written by `save_prepared` in this run's temporary folder."""
    report = pickle.loads(Path(path).read_bytes())  # noqa: S301 - our own file, written by the same run
    if not isinstance(report, PreparedReport) or report.prepared_format != PREPARED_FORMAT:
        raise ValueError(f"{path} is not a prepared report of this workbook version")
    return report
