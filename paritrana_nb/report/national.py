"""The national summary: the provincial-government ranking, every province's nominees, a comparison chart.

`NationalReport.prepare(...)` is the one call the national notebook makes.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from IPython.display import HTML, display

from ..formatting import esc
from ..messages import LANGS, t
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED
from . import analysis_sections, sections
from .analysis import ReportAnalysis, analyse
from .charts import province_comparison_chart
from .context import ReportContext, load_context, national_context, prepare_season
from .tables import html_table

CATEGORY = "pemprov"


@dataclass(frozen=True)
class NationalReport:
    """The national report in one language."""

    context: ReportContext
    lang: str
    analysis: ReportAnalysis

    @classmethod
    def prepare(cls, musim: int, data_dir: str = "data", params_dir: str = "params", lang: str = "id",
                metodologi: str = "", cache: str = "", simulasi: int = DEFAULT_DRAWS,
                seed: int = DEFAULT_SEED) -> NationalReport:
        """Load, validate and score the season (or read the run's prepared view), then run the robustness
        analyses of the provincial-government ranking (`simulasi` draws seeded with `seed`)."""
        if lang not in LANGS:
            raise ValueError(t("cli.bad_lang", "en", value=lang, allowed=", ".join(LANGS)))
        if cache and Path(cache).is_file():
            context = load_context(cache)
        else:
            context = national_context(prepare_season(musim, data_dir, params_dir, metodologi))
        held = (context.scores.peserta["kategori"] == CATEGORY).any()
        return cls(context, lang, analyse(context, [CATEGORY] if held else [], simulasi, seed))

    def _pemprov(self):  # type: ignore[no-untyped-def]
        peserta = self.context.scores.peserta
        return peserta[peserta["kategori"] == CATEGORY]

    def title(self) -> str:
        return t("report.title_national", self.lang, musim=self.context.season.musim)

    def header(self) -> HTML:
        season = self.context.season
        intro = t("report.intro_national", self.lang, year=season.tahun, prev=season.tahun - 1)
        return HTML(f"<h1>{esc(self.title())}</h1>{sections.banner(self.context, self.lang)}<p>{esc(intro)}</p>")

    def provincial_governments(self) -> HTML:
        """The pemprov ranking across all provinces, its score breakdown and the national jury."""
        group = self._pemprov()
        if group.empty:
            return HTML(f"<p>{esc(t('report.none', self.lang))}</p>")
        stage = group["tahap"].iloc[0]
        parts = [f"<h2>{esc(sections.label(self.context, CATEGORY, self.lang))} "
                 f"<span class='badge'>{esc(sections.stage_text(stage, self.lang))}</span></h2>",
                 sections.ranking_table(self.context, CATEGORY, group, self.lang),
                 sections.contributions(self.context, CATEGORY, group, self.lang),
                 sections.jury_table(self.context, CATEGORY, group, self.lang)]
        return HTML("".join(parts))

    def robustness(self) -> HTML:
        """How firm the provincial-government ranking is: intervals, sensitivity, what it takes, jury."""
        group = self._pemprov()
        if group.empty:
            return HTML("")
        return HTML(analysis_sections.robustness(self.context, self.analysis, CATEGORY, group, self.lang))

    def nominees(self) -> HTML:
        """The first place of every category in every province (nominated to the national round)."""
        lang = self.lang
        frame = self.context.scores.nominasi
        columns = [(t("report.col_province", lang), "text"), (t("report.col_category", lang), "text"),
                   (t("report.col_name", lang), "text"), (t("report.col_stage", lang), "text"),
                   (t("report.col_score", lang), "score")]
        rows = [[sections.province_name(self.context, r.kode_provinsi), sections.label(self.context, r.kategori, lang),
                 r.nama, sections.stage_text(r.tahap, lang), r.skor] for r in frame.itertuples()]
        return HTML(f"<h2>{esc(t('report.nominees_title', lang))}</h2>" + html_table(columns, rows, lang))

    def province_comparison(self) -> HTML:
        """Universal coverage of every province in year T (from the pemprov indicators)."""
        lang = self.lang
        long = self.context.scores.indikator
        ucj = long[(long["kategori"] == CATEGORY) & (long["indikator"] == "ucj")].sort_values("nilai", ascending=False)
        if ucj.empty:
            return HTML("")
        names = [sections.province_name(self.context, code) for code in ucj["id_peserta"]]
        title = t("report.province_comparison", lang, year=self.context.season.tahun)
        chart = province_comparison_chart(names, ucj["nilai"].tolist(), t("report.coverage_axis", lang), title)
        return HTML(f"<h2>{esc(title)}</h2>{chart}")

    def methodology_appendix(self) -> HTML:
        return HTML(sections.methodology_appendix(self.context, [CATEGORY], self.lang))

    def footer(self) -> HTML:
        return HTML(sections.footer(self.context, self.lang, self.analysis.draws, self.analysis.seed))

    def results(self) -> None:
        """Display the machine-readable outcome (hidden from the HTML)."""
        group = self._pemprov()
        payload = {"provinsi": "nasional", "lang": self.lang, "ilustratif": self.context.season.illustrative,
                   "podium": {CATEGORY: [[r, n, v] for r, n, v in sections.podium(group)]},
                   "nominasi": len(self.context.scores.nominasi),
                   "simulasi": {"undian": self.analysis.draws, "seed": self.analysis.seed}}
        display({"application/json": payload}, raw=True)
