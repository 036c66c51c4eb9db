"""The national summary: every category ranked nationally or by zone, every province's nominees, a comparison chart.

`NationalReport.prepare(...)` is the one call the national notebook makes; each method returns an HTML block
rendered from a `report_*.html.j2` template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd
from IPython.display import HTML, display

from .. import indicators, registry
from ..messages import t
from ..templating import render
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED
from . import analysis_sections, sections
from .analysis import ReportAnalysis, analyse
from .charts import province_comparison_chart, with_data
from .context import ReportContext, national_context, prepare_season
from .links import province_report_link
from .prepared import reuse_prepared
from .tables import table


@dataclass(frozen=True)
class NationalReport:
    """The national report in one language."""

    #: The sections the notebook shows, in order: each a method returning HTML (`drawn.draw` draws them all).
    SECTIONS: ClassVar[tuple[str, ...]] = (
        "header",
        "rankings",
        "robustness",
        "nominees",
        "province_comparison",
        "validation_warnings",
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
        data_dir: str = "data",
        params_dir: str = "params",
        lang: str = "id",
        metodologi: str = "",
        prepared: str = "",
        simulasi: int = DEFAULT_DRAWS,
        seed: int = DEFAULT_SEED,
    ) -> NationalReport:
        """Load, validate and score the season, then run the robustness analyses of the national and zone
        rankings (`simulasi` draws seeded with `seed`); or read what `paritrana run` prepared (`prepared`, its
        analyses used when they have the same draws and seed)."""
        reused = reuse_prepared(
            prepared, lang, simulasi, seed, musim=musim, data_dir=data_dir, params_dir=params_dir, metodologi=metodologi
        )
        if reused is not None:
            context, analysis = reused
            if analysis is not None:
                return cls(context, lang, analysis)
        else:
            context = national_context(prepare_season(musim, data_dir, params_dir, metodologi, notebook=True))
        return cls(context, lang, analyse(context, sections.held_categories(context), simulasi, seed))

    def _groups(self) -> list[tuple[str, pd.DataFrame]]:
        """(category, participants of one ranking group) for every national or zone group, in order."""
        return [
            (k, group)
            for k in sections.held_categories(self.context)
            for group in sections.ranking_groups(self.context, k)
        ]

    def title(self) -> str:
        return t("report.title_national", self.lang, musim=self.context.season.musim)

    def header(self) -> HTML:
        season = self.context.season
        intro = t("report.intro_national", self.lang, year=season.tahun, prev=season.tahun - 1)
        return HTML(sections.header(self.context, self.lang, self.title(), intro))

    def rankings(self) -> HTML:
        """Every national or zone ranking, its score breakdown and its jury; then the special awards."""
        lang = self.lang
        parts = [
            sections.category_section(
                self.context, kategori, group, lang, sections.group_title(self.context, kategori, group, lang)
            )
            for kategori, group in self._groups()
        ]
        awards = sections.special_awards(self.context, lang)
        return HTML(
            render("report_categories.html.j2", lang, categories=parts, awards=awards, empty=t("report.none", lang))
        )

    def robustness(self) -> HTML:
        """How firm each national or zone ranking is: intervals, sensitivity, what it takes, jury."""
        groups = [
            analysis_sections.robustness(self.context, self.analysis, k, group, self.lang)
            for k, group in self._groups()
        ]
        return HTML(render("report_robustness.html.j2", self.lang, groups=groups))

    def nominees(self) -> HTML:
        """The first place of every category in every province (nominated to the national round), each province's
        name linking its report where one is beside this one (links.province_report_link)."""
        lang, context = self.lang, self.context
        frame = context.scores.nominasi
        columns = [
            (t("report.col_province", lang), "report"),
            (t("report.col_category", lang), "text"),
            (t("report.col_name", lang), "name"),
            (t("report.col_stage", lang), "text"),
            (t("report.col_score", lang), "score"),
        ]
        fields = ["kode_provinsi", "kategori", "nama", "tahap", "skor"]
        rows = [
            [
                (
                    sections.province_name(context, code),
                    province_report_link(context.cards, code, lang, context.reports),
                ),
                sections.label(context, kategori, lang),
                nama,
                sections.stage_text(context, kategori, tahap, lang),
                skor,
            ]
            for code, kategori, nama, tahap, skor in frame[fields].itertuples(index=False, name=None)
        ]
        title = t("report.nominees_title", lang)
        return HTML(render("report_table.html.j2", lang, title=title, table=table(columns, rows, lang)))

    def province_comparison(self) -> HTML:
        """Universal coverage of every province in year T (from the province rows of pemda)."""
        lang = self.lang
        rows = registry.table_rows(self.context.season, "pemda")
        rows = rows[rows["tingkat"] == "provinsi"]
        ucj = indicators.coverage(rows)[0]
        if not np.isfinite(ucj).any():
            return HTML("")
        order = np.argsort(-np.nan_to_num(ucj, nan=-1.0), kind="stable")
        names = [sections.province_name(self.context, code) for code in rows["id_peserta"].to_numpy()[order]]
        title = t("report.province_comparison", lang, year=self.context.season.tahun)
        alt = t("report.chart_alt_comparison", lang, title=title)
        chart = province_comparison_chart(names, ucj[order].tolist(), t("report.coverage_axis", lang), alt)
        columns = [(t("report.col_province", lang), "name"), (t("report.coverage_axis", lang), "pct")]
        data = table(columns, [[name, value] for name, value in zip(names, ucj[order].tolist(), strict=True)], lang)
        return HTML(render("report_chart.html.j2", lang, title=title, chart=with_data(chart, data, lang)))

    def validation_warnings(self) -> HTML:
        """Every validation warning of the season, by file as `paritrana validate` lists them; nothing when there is
        none."""
        warnings = sections.warnings(self.context, self.lang)
        return HTML(render("report_warnings.html.j2", self.lang, warnings=warnings) if warnings else "")

    def methodology_appendix(self) -> HTML:
        appendix = sections.methodology_appendix(self.context, sections.held_categories(self.context), self.lang)
        return HTML(render("report_methodology.html.j2", self.lang, appendix=appendix))

    def footer(self) -> HTML:
        footer = sections.footer(self.context, self.lang, self.analysis.draws, self.analysis.seed)
        return HTML(render("report_footer.html.j2", self.lang, footer=footer))

    def results(self) -> None:
        """Display the machine-readable outcome (hidden from the HTML)."""
        display({"application/json": self.payload()}, raw=True)

    def payload(self) -> dict[str, object]:
        """The machine-readable outcome: per category, each group's podium; counts, draws and seed."""
        podiums: dict[str, dict[str, list[list[object]]]] = {}
        for kategori, group in self._groups():
            podiums.setdefault(kategori, {})[str(group["kelompok"].iloc[0])] = [
                [r, n, v] for r, n, v in sections.podium(group)
            ]
        return {
            "provinsi": "nasional",
            "lang": self.lang,
            "ilustratif": self.context.season.illustrative,
            "podium": podiums,
            "nominasi": len(self.context.scores.nominasi),
            "penghargaan": len(self.context.scores.penghargaan),
            "simulasi": {"undian": self.analysis.draws, "seed": self.analysis.seed},
        }
