"""The province report: podiums, rankings, score breakdowns, coverage, jury, data notes, methodology.

`ProvinceReport.prepare(...)` is the one call the province notebook makes; each method returns
an HTML block the notebook displays, rendered from a `report_*.html.j2` template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd
from IPython.display import HTML, display

from .. import indicators, registry
from ..compare import podium_changes
from ..formatting import score
from ..messages import isolate, t
from ..templating import render
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED
from . import analysis_sections, sections
from .analysis import ReportAnalysis, analyse
from .charts import coverage_chart, with_data
from .context import ReportContext, prepare_season, province_context
from .links import report_key
from .prepared import reuse_prepared
from .tables import rank_text, table


@dataclass(frozen=True)
class ProvinceReport:
    """One province's report in one language."""

    #: The sections the notebook shows, in order: each a method returning HTML (`drawn.draw` draws them all).
    SECTIONS: ClassVar[tuple[str, ...]] = (
        "header",
        "summary",
        "categories",
        "robustness",
        "coverage",
        "validation_warnings",
        "data_quality",
        "methodology_appendix",
        "footer",
    )

    context: ReportContext
    lang: str
    analysis: ReportAnalysis

    @classmethod
    def prepare(
        cls,
        musim: int,
        provinsi: str,
        data_dir: str = "data",
        params_dir: str = "params",
        lang: str = "id",
        metodologi: str = "",
        prepared: str = "",
        simulasi: int = DEFAULT_DRAWS,
        seed: int = DEFAULT_SEED,
    ) -> ProvinceReport:
        """Load, validate and score the season for province `provinsi`, then run the robustness analyses
        (`simulasi` Monte Carlo draws seeded with `seed`); or read what `paritrana run` prepared (`prepared`,
        its analyses used when they have the same draws and seed)."""
        reused = reuse_prepared(
            prepared, lang, simulasi, seed, musim=musim, data_dir=data_dir, params_dir=params_dir, metodologi=metodologi
        )
        if reused is not None:
            context, analysis = reused
            if analysis is not None:
                return cls(context, lang, analysis)
        else:
            season = prepare_season(musim, data_dir, params_dir, metodologi, notebook=True)
            code = season.season.province_codes([str(provinsi)], lang)[0]  # papermill -p infers 61 as an int
            context = province_context(season, code)
        return cls(context, lang, analyse(context, sections.held_categories(context), simulasi, seed))

    # -- helpers ---------------------------------------------------------------------------------
    @property
    def code(self) -> str:
        return self.context.scope

    @property
    def name(self) -> str:
        return sections.province_name(self.context, self.code)

    def _categories(self) -> list[str]:
        return sections.held_categories(self.context)

    def _group(self, kategori: str) -> pd.DataFrame:
        peserta = self.context.scores.peserta
        return peserta[peserta["kategori"] == kategori]

    # -- sections -----------------------------------------------------------------------------------
    def title(self) -> str:
        """The report's title, the province's name isolated for bidirectional text (messages.isolate)."""
        return t("report.title_province", self.lang, musim=self.context.season.musim, provinsi=isolate(self.name))

    def header(self) -> HTML:
        """Title, illustrative banner, what the season assesses."""
        season = self.context.season
        intro = t("report.intro_province", self.lang, year=season.tahun, prev=season.tahun - 1)
        return HTML(sections.header(self.context, self.lang, self.title(), intro))

    def summary(self) -> HTML:
        """Podium and stage of every category, national nominees and the special awards."""
        lang = self.lang
        rows = []
        for kategori in self._categories():
            group = self._group(kategori)
            places = sections.podium(group)
            changes = podium_changes(self.context.perubahan, group, lang)
            rows.append(
                [
                    sections.label(self.context, kategori, lang),
                    sections.stage_text(self.context, kategori, group["tahap"].iloc[0], lang),
                    *(_podium_cell(places, changes, place, lang) for place in (1, 2, 3)),
                ]
            )
        columns = [
            (t("report.col_category", lang), "text"),
            (t("report.col_stage", lang), "text"),
            (t("report.place_1", lang), "podium"),
            (t("report.place_2", lang), "podium"),
            (t("report.place_3", lang), "podium"),
        ]
        held = set(self._categories())
        nowhere = set(self.context.empty_in_season)
        absent: list[str] = []  # no participant of this province
        empty: list[str] = []  # no participant of any province of the season
        for kategori in sections.report_categories(self.context):
            if kategori not in held:
                (empty if kategori in nowhere else absent).append(sections.label(self.context, kategori, lang))
        said = [
            t(key, lang, categories=", ".join(labels))
            for key, labels in (("report.no_participants", absent), ("report.no_participants_season", empty))
            if labels
        ]
        otherwise = [
            sections.label(self.context, k, lang)
            for k in self._categories()
            if sections.scored_otherwise_keys(self.context, k)
        ]
        if otherwise:
            musim = self.context.season.musim - 1
            said.append(t("report.scored_otherwise_summary", lang, categories=", ".join(otherwise), musim=musim))
        shown = self.context.scores.nominasi[["kategori", "nama", "skor"]].itertuples(index=False, name=None)
        nominees = [
            sections.Headed(sections.label(self.context, kategori, lang), f"{isolate(nama)} ({score(skor, lang)})")
            for kategori, nama, skor in shown
        ]
        return HTML(
            render(
                "report_summary.html.j2",
                lang,
                podiums=table(columns, rows, lang, sortable=False),
                absent=" ".join(said),
                nominees=nominees,
                awards=sections.special_awards(self.context, lang),
            )
        )

    def categories(self) -> HTML:
        """For every category: the ranking table, the score breakdown and the jury's scores."""
        lang = self.lang
        parts = []
        for kategori in self._categories():
            group = self._group(kategori)
            title = sections.label(self.context, kategori, lang)
            full_list = f"{report_key(self.code)}.csv"
            parts.append(sections.category_section(self.context, kategori, group, lang, title, full_list))
        return HTML(render("report_categories.html.j2", lang, categories=parts, awards=[], empty=""))

    def robustness(self) -> HTML:
        """For every category: rank intervals, sensitivity to indicators, what it would take, jury reliability."""
        groups = [
            analysis_sections.robustness(self.context, self.analysis, k, self._group(k), self.lang)
            for k in self._categories()
        ]
        return HTML(render("report_robustness.html.j2", self.lang, groups=groups))

    def coverage(self) -> HTML:
        """Coverage T-1 -> T of every regency/city, with its target."""
        lang = self.lang
        season = self.context.season
        rows = registry.table_rows(season, "pemda")
        rows = rows[rows["tingkat"].isin(["kabupaten", "kota"])]
        if rows.empty:
            return HTML("")
        after = indicators.coverage(rows)[0]
        before = np.where(rows["ada_tahun_lalu"].to_numpy(dtype=bool), indicators.coverage(rows, "_lalu")[0], np.nan)
        target = rows["target_ucj_pct"].to_numpy(dtype=float)
        order = np.argsort(-np.nan_to_num(after, nan=-1.0), kind="stable")
        names = rows["nama"].to_numpy()[order].tolist()
        title = t("report.coverage_title", lang, prev=season.tahun - 1, year=season.tahun)
        chart = coverage_chart(
            names,
            before[order],
            after[order],
            target[order],
            {
                "before": str(season.tahun - 1),
                "after": str(season.tahun),
                "target": t("report.target", lang),
                "rise": t("report.coverage_rise", lang),
                "fall": t("report.coverage_fall", lang),
                "xlabel": t("report.coverage_axis", lang),
            },
            t("report.chart_alt_coverage", lang, title=title, prev=season.tahun - 1, year=season.tahun),
        )
        columns = [(t("report.col_regency", lang), "name"), (str(season.tahun - 1), "pct"), (str(season.tahun), "pct")]
        columns.append((t("report.target", lang), "pct"))
        values = zip(names, before[order].tolist(), after[order].tolist(), target[order].tolist(), strict=True)
        chart = with_data(chart, table(columns, [list(row) for row in values], lang), lang)
        return HTML(render("report_chart.html.j2", lang, title=title, chart=chart))

    def validation_warnings(self) -> HTML:
        """The validation warnings about this province's rows and the methodology's own, by file as `paritrana
        validate` lists them, each headed by the participant its row is about; nothing when there is none."""
        warnings = sections.warnings(self.context, self.lang)
        return HTML(render("report_warnings.html.j2", self.lang, warnings=warnings) if warnings else "")

    def data_quality(self) -> HTML:
        """Whether this province has validation warnings (`validation_warnings`), and the indicators that did not
        apply."""
        na, excluded = sections.not_applicable_counts(self.context.scores.indikator)
        warned = bool(self.context.problems)
        return HTML(render("report_quality.html.j2", self.lang, warned=warned, not_applicable=na, excluded=excluded))

    def methodology_appendix(self) -> HTML:
        """The methodology appendix, generated from the methodology file."""
        appendix = sections.methodology_appendix(self.context, self._categories(), self.lang)
        return HTML(render("report_methodology.html.j2", self.lang, appendix=appendix))

    def footer(self) -> HTML:
        """Version and hashes of everything the numbers come from."""
        footer = sections.footer(self.context, self.lang, self.analysis.draws, self.analysis.seed)
        return HTML(render("report_footer.html.j2", self.lang, footer=footer))

    def results(self) -> None:
        """Display the machine-readable outcome for the run's index page and tests (hidden from the HTML)."""
        display({"application/json": self.payload()}, raw=True)

    def payload(self) -> dict[str, object]:
        """The machine-readable outcome: podiums, their changes on last season, stages, draws and seed."""
        podiums = {
            k: [[rank, name, value] for rank, name, value in sections.podium(self._group(k))]
            for k in self._categories()
        }
        changes = {
            k: [list(place) for place in podium_changes(self.context.perubahan, self._group(k), self.lang)]
            for k in self._categories()
        }
        return {
            "provinsi": self.code,
            "nama": self.name,
            "lang": self.lang,
            "ilustratif": self.context.season.illustrative,
            "podium": podiums,
            "perubahan": changes,
            "tahap": {k: str(self._group(k)["tahap"].iloc[0]) for k in self._categories()},
            "simulasi": {"undian": self.analysis.draws, "seed": self.analysis.seed},
        }


def _podium_cell(
    places: list[tuple[int, str, float]], changes: list[tuple[int, str, str]], place: int, lang: str
) -> list[tuple[str, str]]:
    """The names (with scores) holding `place`, each with its change on last season ("" without one); a place two or
    more hold is marked shared as the ranking table and the season index mark it: "1 (bersama). Desa A (71,00)"."""
    held = [
        (name, value, change)
        for (rank, name, value), (_, _, change) in zip(places, changes, strict=True)
        if rank == place
    ]
    shared = f"{rank_text(place, True, lang)}. " if len(held) > 1 else ""
    return [(f"{shared}{isolate(name)} ({score(value, lang)})", change) for name, value, change in held]
