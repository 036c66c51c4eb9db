"""Report parts that show how firm a ranking is: rank intervals, sensitivity, what it takes, jury reliability.

Each function prepares one part for one ranking group as data (the dataclasses below); `report_parts.html.j2`
presents them, escaping every text. Labels come from the catalogue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..formatting import number, percent, score, unsigned_zero
from ..gaps import describe_action
from ..messages import Num, Ref, isolate, t
from ..ranking import TAHAP_DOKUMEN
from ..reliability import DEVIASI_MAKS, KORELASI_MIN
from ..uncertainty import DEFAULT_SAMPLES, DESK_INPUT, NORMALISATION_INPUT, WEIGHT_INPUT, Perturbation
from .analysis import ReportAnalysis, detailed
from .charts import Chart, rank_interval_chart
from .context import ReportContext
from .sections import Titled, group_title, shared_rank
from .tables import Table, rank_text, table

MAX_INTERVAL_ROWS = 20
#: ICC(2,k) bands of Koo & Li (2016), "A guideline of selecting and reporting intraclass correlation coefficients".
ICC_LEVELS: tuple[tuple[float, str], ...] = ((0.9, "excellent"), (0.75, "good"), (0.5, "moderate"), (-math.inf, "poor"))


@dataclass(frozen=True)
class Intervals:
    """The rank-interval chart and table of one ranking group."""

    title: str
    note: str
    summary: str
    chart: Chart
    table: Table
    more: str


@dataclass(frozen=True)
class ParticipantActions:
    head: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Actions:
    title: str
    note: str
    participants: tuple[ParticipantActions, ...]


@dataclass(frozen=True)
class JuryGroup:
    summary: str
    table: Table
    warning: str


@dataclass(frozen=True)
class Reliability:
    title: str
    groups: tuple[JuryGroup, ...]
    note: str


@dataclass(frozen=True)
class Robustness:
    """One ranking group's robustness section; a part is None when there is nothing to show, and `note` says why
    when the group has no part at all (nobody in it scored)."""

    title: str
    intervals: Intervals | None
    sensitivity: Titled | None
    actions: Actions | None
    reliability: Reliability | None
    note: str = ""


def _of(frame: pd.DataFrame, kategori: str, peserta: pd.DataFrame, group: str = "kelompok") -> pd.DataFrame:
    """The rows of one ranking group (`peserta`'s: one category, one kelompok) of an analysis table."""
    return frame[(frame["kategori"] == kategori) & frame[group].isin(peserta["kelompok"].unique())]


DESK_SHARE: tuple[float, float] = Perturbation().desk_share or (0.0, 1.0)
"""The range the rank intervals' draws take a finalist's desk share from (the workbook's fixed range, 60-80%)."""


def rank_intervals(
    analysis: ReportAnalysis,
    kategori: str,
    peserta: pd.DataFrame,
    lang: str,
    desk_share: float = DESK_SHARE[0],
    weighs_interview: bool = True,
) -> Intervals | None:
    """The rank-interval chart and table of the first ranks (and every finalist) of one ranking group; its note says
    when the category's own desk share (`desk_share`, its stage weight) lies outside the range the draws take, or,
    for a category that weighs no interview (`weighs_interview` false), that the draws keep it at 100 %."""
    group = _of(analysis.uncertainty, kategori, peserta)
    found = group.dropna(subset=["peringkat_median"])
    if found.empty:
        return None
    names = dict(zip(peserta["id_peserta"].tolist(), peserta["nama"].tolist(), strict=True))
    shared = dict(zip(group["id_peserta"].tolist(), shared_rank(group).tolist(), strict=True))  # the whole group's
    finalists = set(peserta.loc[peserta["finalis"].astype(bool), "id_peserta"])
    ranked = found.sort_values("peringkat", kind="stable")
    shown = ranked[(ranked.reset_index(drop=True).index < MAX_INTERVAL_ROWS) | ranked["id_peserta"].isin(finalists)]
    ties = shown["seri_statistik"].fillna(False).astype(bool).tolist()
    title = t("report.intervals_title", lang)
    labels = {
        "interval": t("report.interval_legend", lang),
        "tie": t("report.interval_tie_legend", lang),
        "median": t("report.interval_median", lang),
        "nominal": t("report.interval_official", lang),
        "xlabel": t("report.interval_axis", lang),
    }
    ranks = {
        c: shown[c].astype(int).tolist() for c in ("peringkat", "peringkat_median", "peringkat_p05", "peringkat_p95")
    }
    chart = rank_interval_chart(
        [names[i] for i in shown["id_peserta"]],
        ranks["peringkat"],
        ranks["peringkat_median"],
        ranks["peringkat_p05"],
        ranks["peringkat_p95"],
        ties,
        labels,
        t("report.chart_alt_intervals", lang, title=title),
    )
    columns = [
        (t("report.col_rank", lang), "rank"),
        (t("report.col_name", lang), "name"),
        (t("report.col_median_rank", lang), "int"),
        (t("report.col_interval", lang), "interval"),
        (t("report.col_stable", lang), "pct"),
        (t("report.col_tie", lang), "bool"),
    ]
    fields = ["peringkat", "id_peserta", "peringkat_median", "peringkat_p05", "peringkat_p95", "peringkat_stabil_pct"]
    rows = [
        [(int(rank), shared[pid]), names[pid], int(median), (int(low), int(high)), float(stable), tie]
        for (rank, pid, median, low, high, stable), tie in zip(
            shown[fields].itertuples(index=False, name=None), ties, strict=True
        )
    ]
    first = ranked[ranked["peringkat"] == 1]["peringkat_stabil_pct"]
    ties_count = int(ranked["seri_statistik"].fillna(False).sum())
    summary = t(
        "report.intervals_summary",
        lang,
        ties=number(ties_count, lang),
        ranked=number(len(ranked), lang),
        first=percent(float(first.min()) if len(first) else math.nan, lang),  # as the table shows it
    )
    note = t("report.intervals_note", lang, draws=Ref("count.simulations", count=analysis.draws), seed=analysis.seed)
    if not weighs_interview:  # never varied: uncertainty.Perturbation
        note += " " + t("report.intervals_desk_only", lang)
    elif not DESK_SHARE[0] <= desk_share <= DESK_SHARE[1]:  # its finalists' intervals test another split
        note += " " + t("report.intervals_stage_outside", lang, share=Num.written(round(100 * desk_share, 10)))
    more = (
        t("report.intervals_shown", lang, shown=len(shown), command=_intervals_command(analysis, kategori, peserta))
        if len(shown) < len(ranked)
        else ""
    )
    return Intervals(title, note, summary, chart, table(columns, rows, lang, css_class="intervals"), more)


def _intervals_command(analysis: ReportAnalysis, kategori: str, peserta: pd.DataFrame) -> str:
    """The command that writes every participant's rank interval of `kategori` in `peserta`'s province (all of them
    when it holds several) as the report drew them, ready to run (the data and params folders its defaults)."""
    provinces = sorted(set(peserta["kode_provinsi"].astype(str)))
    where = ["--province", provinces[0]] if len(provinces) == 1 else []
    out = f"rentang_{provinces[0]}_{kategori}.csv" if where else f"rentang_{kategori}.csv"
    options = ["--season", str(int(peserta["musim"].iloc[0])), *where, "--category", kategori]
    options += ["--uncertainty", str(analysis.draws), "--seed", str(analysis.seed), "--out", out]
    return " ".join(["paritrana", "score", *options])


def _index_text(value: float, conf: float, lang: str) -> str:
    return "–" if math.isnan(value) else f"{number(unsigned_zero(value, 2), lang, 2)} ± {number(conf, lang, 2)}"


def sensitivity(
    context: ReportContext, analysis: ReportAnalysis, kategori: str, peserta: pd.DataFrame, lang: str
) -> Titled | None:
    """Per indicator: rank change when it is removed and its Sobol indices; then the stage share and normalisation."""
    removal, sobol = _of(analysis.removal, kategori, peserta), _of(analysis.sensitivity, kategori, peserta)
    if removal.empty:
        return None
    # no rank moved in any scoring (every shift 0, its mean too): no variation for the indices to share out
    still = not sobol.empty and bool((sobol["pergeseran_rerata"] == 0).all())
    indices = {} if still else dict(zip(sobol["masukan"], sobol.to_dict("records"), strict=True))
    category = context.methodology.kategori[kategori]
    columns = [
        (t("report.col_input", lang), "text"),
        (t("report.col_removal_mean", lang), "num1"),
        (t("report.col_removal_max", lang), "int"),
        (t("report.col_s1", lang), "text"),
        (t("report.col_st", lang), "text"),
    ]

    def sobol_cells(name: str) -> list[str]:
        found = indices.get(name)
        if found is None:
            return ["–", "–"]
        return [_index_text(found["s1"], found["s1_conf"], lang), _index_text(found["st"], found["st_conf"], lang)]

    rows: list[list[object]] = []
    by_indicator = {r.indikator: r for r in removal.itertuples()}
    for indicator in category.indicators:
        found = by_indicator.get(indicator.id)
        if found is None:
            continue
        rows.append(
            [
                getattr(indicator.label, lang),
                found.rerata_perubahan,
                found.perubahan_terbesar,
                *sobol_cells(WEIGHT_INPUT.format(indicator.id)),
            ]
        )
    inputs = set(sobol["masukan"])
    for name, key in ((DESK_INPUT, "report.input_desk_share"), (NORMALISATION_INPUT, "report.input_normalisation")):
        if name in inputs:
            rows.append([t(key, lang), math.nan, math.nan, *sobol_cells(name)])
    title = t("report.sensitivity_title", lang)
    note = t("report.sensitivity_note", lang, samples=DEFAULT_SAMPLES, seed=analysis.seed)
    if not category.weighs_interview:  # no desk share row: it is no input (uncertainty.sensitivity_indices)
        note += " " + t("report.sensitivity_desk_only", lang)
    after = t("report.sensitivity_small", lang) if sobol.empty else t("report.sensitivity_still", lang) if still else ""
    return Titled(title, note, table(columns, rows, lang), after=after)


def actions(
    context: ReportContext, analysis: ReportAnalysis, kategori: str, peserta: pd.DataFrame, lang: str
) -> Actions | None:
    """The three cheapest actions of every participant the report details (analysis.detailed: finalist or
    shortlisted) below first place."""
    found = analysis.actions[analysis.actions["kategori"] == kategori]
    peserta = peserta.assign(bersama=shared_rank(peserta))
    candidates = peserta[detailed(peserta) & (peserta["peringkat"] > 1)]
    if candidates.empty:
        return None
    year = context.season.tahun
    shortlist = str(peserta["tahap"].iloc[0]) == TAHAP_DOKUMEN  # (before the interviews, or none to come)
    items = []
    for _, r in candidates.sort_values("peringkat", kind="stable").iterrows():
        mine = found[found["id_peserta"] == r["id_peserta"]]
        head = t(
            "report.actions_participant",
            lang,
            rank=rank_text(int(r["peringkat"]), bool(r["bersama"]), lang),
            name=isolate(r["nama"]),
            score=score(r["skor_peringkat"], lang),
        )
        lines = tuple(describe_action(a, lang, isolated=True) for a in mine.to_dict("records")) or (
            t("report.actions_none", lang),
        )
        items.append(ParticipantActions(head, lines))
    note = t("report.actions_note_shortlist" if shortlist else "report.actions_note", lang, year=year)
    return Actions(t("report.actions_title", lang), note, tuple(items))


def _level(icc: float) -> str:
    return next(name for floor, name in ICC_LEVELS if icc >= floor)


def jury_reliability(analysis: ReportAnalysis, kategori: str, peserta: pd.DataFrame, lang: str) -> Reliability | None:
    """Kendall's W and ICC(2,k) of the group's jury, and each juror's deviation, correlation and flag."""
    found = _of(analysis.jury, kategori, peserta, "kode_provinsi")
    if found.empty:
        return None
    groups = []
    for _, group in found.groupby("kode_provinsi", sort=True):
        head = group.iloc[0]
        finalists, jurors = int(head["jumlah_finalis"]), int(head["jumlah_juri"])
        sizes = {"finalists": Ref("count.finalists", count=finalists), "jurors": Ref("count.jurors", count=jurors)}
        icc = float(head["icc2k"])
        if jurors == 1:  # nobody to agree with, nobody to leave out
            summary = t("report.reliability_one_juror", lang, count=finalists)
        elif math.isnan(icc) and not math.isnan(float(head["kendall_w"])):  # a complete block, ICC undefined on it
            summary = t("report.reliability_icc_na", lang, w=number(head["kendall_w"], lang, 2), **sizes)
        elif math.isnan(icc):
            summary = t("report.reliability_na", lang, **sizes)
        elif math.isnan(float(head["kendall_w"])):  # ICC(2,k) 0 without an interval: one score per juror for all
            summary = t("report.reliability_one_score", lang, **sizes)
        elif math.isnan(float(head["icc2k_lo"])) or math.isnan(float(head["icc2k_hi"])):
            summary = t(
                "report.reliability_summary_no_interval",
                lang,
                w=number(head["kendall_w"], lang, 2),
                icc=number(icc, lang, 2),
                level=t(f"report.level_{_level(icc)}", lang),
                **sizes,
            )
        else:
            summary = t(
                "report.reliability_summary",
                lang,
                w=number(head["kendall_w"], lang, 2),
                icc=number(icc, lang, 2),
                lo=number(head["icc2k_lo"], lang, 2),
                hi=number(head["icc2k_hi"], lang, 2),
                level=t(f"report.level_{_level(icc)}", lang),
                **sizes,
            )
        columns = [
            (t("report.col_juror", lang), "name"),
            (t("report.col_deviation", lang), "score"),
            (t("report.col_correlation", lang), "score"),
            (t("report.col_rank_change", lang), "int"),
            (t("report.col_flag", lang), "text"),
        ]
        rows = []
        for r in group.itertuples():
            reasons = str(r.alasan_tanda).split("; ") if r.ditandai and r.alasan_tanda else []
            flag = "⚠ " + ", ".join(t(f"report.flag_{reason}", lang) for reason in reasons) if reasons else ""
            rows.append([r.juri, r.deviasi, r.korelasi, r.perubahan_peringkat_maks, flag])
        decisive = group.loc[group["podium_berubah"].fillna(False).astype(bool), "juri"].astype(str).tolist()
        named = ", ".join(isolate(juri) for juri in decisive)  # ids from the juror sheets, as names are
        warning = t("report.podium_depends", lang, jurors=named) if decisive else ""
        groups.append(JuryGroup(summary, table(columns, rows, lang), warning))
    note = t(
        "report.reliability_note", lang, deviation=number(DEVIASI_MAKS, lang), correlation=number(KORELASI_MIN, lang, 1)
    )
    return Reliability(t("report.reliability_title", lang), tuple(groups), note)


def robustness(
    context: ReportContext, analysis: ReportAnalysis, kategori: str, peserta: pd.DataFrame, lang: str
) -> Robustness:
    """One ranking group's robustness section (`peserta`: the group's participants): rank intervals, sensitivity,
    what it would take, jury reliability."""
    category = context.methodology.kategori[kategori]
    return Robustness(
        f"{t('report.robust_title', lang)}: {group_title(context, kategori, peserta, lang)}",
        rank_intervals(analysis, kategori, peserta, lang, category.stage_weights.dokumen, category.weighs_interview),
        sensitivity(context, analysis, kategori, peserta, lang),
        actions(context, analysis, kategori, peserta, lang),
        jury_reliability(analysis, kategori, peserta, lang),
        "" if peserta["dinilai"].astype(bool).any() else t("report.robust_unscored", lang),
    )
