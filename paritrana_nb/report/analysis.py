"""The robustness analyses a report shows, computed once for a report's context.

Rank intervals (Monte Carlo), indicator removal and Sobol indices, the cheapest actions of each
finalist and the jury's reliability. Every random draw takes the seed recorded in the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from ..engine import SeasonScores
from ..gaps import cheapest_actions, what_it_takes
from ..methodology import Methodology
from ..ranking import TAHAP_DOKUMEN
from ..reliability import jury_reliability
from ..season import Season
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, indicator_removal, rank_uncertainty, sensitivity_indices
from .context import ReportContext

ACTIONS_PER_FINALIST = 3


@dataclass(frozen=True)
class ReportAnalysis:
    """What the robustness sections of one report show (frames from the package's analysis modules)."""

    draws: int
    seed: int
    uncertainty: pd.DataFrame  # rank_uncertainty(...).peserta: median, p05, p95, stable share, statistical tie
    removal: pd.DataFrame  # indicator_removal: mean/largest rank change per indicator removed
    sensitivity: pd.DataFrame  # sensitivity_indices: Sobol s1/st per uncertain input
    actions: pd.DataFrame  # cheapest_actions of the participants a report details (`detailed`)
    jury: pd.DataFrame  # jury_reliability: one row per juror per group with interviews


def detailed(peserta: pd.DataFrame) -> pd.Series:
    """Which scored participants a report details (their score breakdown and cheapest actions): the finalists; at the
    desk stage (the last one in a category that weighs no interview) the proposed shortlist."""
    desk_stage = peserta["tahap"] == TAHAP_DOKUMEN
    keep = peserta["finalis"].astype(bool) | (desk_stage & peserta["usulan_shortlist"].astype(bool))
    return keep & peserta["dinilai"].astype(bool)


def analyse(
    context: ReportContext, categories: Sequence[str], draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED
) -> ReportAnalysis:
    """Run every robustness analysis over the context's scores (its ranking groups are complete)."""
    return analyse_scores(context.season, context.methodology, context.scores, categories, draws, seed)


def analyse_scores(
    season: Season,
    methodology: Methodology,
    scores: SeasonScores,
    categories: Sequence[str],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> ReportAnalysis:
    """Run every robustness analysis of `categories` over `scores` (whole ranking groups, of any provinces).

    Every analysis works group by group and draws each category's randomness from its own stream, so the rows of
    one province's groups are the same whether its scores alone or the whole season's are analysed.
    """
    peserta = scores.peserta
    keep = detailed(peserta) & peserta["kategori"].isin(list(categories))
    wanted = peserta.loc[keep, ["kategori", "id_peserta"]]
    gaps = what_it_takes(season, methodology, scores, categories=list(categories), participants=wanted["id_peserta"])
    gaps = gaps.merge(wanted, on=["kategori", "id_peserta"], how="inner", sort=False)
    return ReportAnalysis(
        draws=draws,
        seed=seed,
        uncertainty=rank_uncertainty(scores, draws, seed).peserta,
        removal=indicator_removal(scores),
        sensitivity=sensitivity_indices(scores, seed=seed),
        actions=cheapest_actions(gaps, ACTIONS_PER_FINALIST),
        jury=jury_reliability(season, methodology, scores),
    )


#: The column naming each row's ranking group, per frame of ReportAnalysis (a province code for provincial groups).
GROUP_COLUMN = {
    "uncertainty": "kelompok",
    "removal": "kelompok",
    "sensitivity": "kelompok",
    "actions": "kode_provinsi",
    "jury": "kode_provinsi",
}


def group_slice(analysis: ReportAnalysis, group: str, categories: Sequence[str]) -> ReportAnalysis:
    """The rows of `analysis` about ranking group `group` (a province code for a province's own groups) and
    `categories`, as `analyse_scores` over that group's scores alone gives them."""

    def kept(frame: pd.DataFrame, column: str) -> pd.DataFrame:
        if frame.empty:
            return frame.reset_index(drop=True)
        keep = (frame[column] == group) & frame["kategori"].isin(list(categories))
        return frame[keep].reset_index(drop=True)

    return replace(
        analysis,
        uncertainty=kept(analysis.uncertainty, GROUP_COLUMN["uncertainty"]),
        removal=kept(analysis.removal, GROUP_COLUMN["removal"]),
        sensitivity=kept(analysis.sensitivity, GROUP_COLUMN["sensitivity"]),
        actions=kept(analysis.actions, GROUP_COLUMN["actions"]),
        jury=kept(analysis.jury, GROUP_COLUMN["jury"]),
    )
