"""The province report: podiums, rankings, score breakdowns, coverage, jury, data notes, methodology.

`ProvinceReport.prepare(...)` is the one call the province notebook makes; each method returns
an HTML block the notebook displays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import HTML, display

from .. import indicators, registry
from ..formatting import esc, score
from ..messages import LANGS, t
from ..regions import resolve_province
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED
from . import analysis_sections, sections
from .analysis import ReportAnalysis, analyse
from .charts import coverage_chart
from .context import ReportContext, prepare_season, province_context
from .index_page import report_key
from .prepared import load_prepared
from .tables import html_table


@dataclass(frozen=True)
class ProvinceReport:
    """One province's report in one language."""

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
        if lang not in LANGS:
            raise ValueError(t("cli.bad_lang", "en", value=lang, allowed=", ".join(LANGS)))
        if prepared and Path(prepared).is_file():
            ready = load_prepared(prepared)
            context = ready.context
            if (ready.analysis.draws, ready.analysis.seed) == (simulasi, seed):
                return cls(context, lang, ready.analysis)
        else:
            season = prepare_season(musim, data_dir, params_dir, metodologi)
            provinces = season.season.provinces
            known = dict(zip(provinces["kode_wilayah"], provinces["nama"], strict=True))
            code = resolve_province(str(provinsi), known)  # papermill -p infers 61 as an int
            if code is None or code not in known:
                raise ValueError(t("cli.unknown_province", lang, value=provinsi, allowed=", ".join(sorted(known))))
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
        return t("report.title_province", self.lang, musim=self.context.season.musim, provinsi=self.name)

    def header(self) -> HTML:
        """Title, illustrative banner, what the season assesses."""
        season = self.context.season
        intro = t("report.intro_province", self.lang, year=season.tahun, prev=season.tahun - 1)
        return HTML(f"<h1>{esc(self.title())}</h1>{sections.banner(self.context, self.lang)}<p>{esc(intro)}</p>")

    def summary(self) -> HTML:
        """Podium and stage of every category, national nominees and the special awards."""
        lang = self.lang
        rows = []
        for kategori in self._categories():
            group = self._group(kategori)
            places = sections.podium(group)
            rows.append(
                [
                    sections.label(self.context, kategori, lang),
                    sections.stage_text(group["tahap"].iloc[0], lang),
                    *(_podium_cell(places, place, lang) for place in (1, 2, 3)),
                ]
            )
        columns = [
            (t("report.col_category", lang), "text"),
            (t("report.col_stage", lang), "text"),
            (t("report.place_1", lang), "html"),
            (t("report.place_2", lang), "html"),
            (t("report.place_3", lang), "html"),
        ]
        parts = [f"<h2>{esc(t('report.summary_title', lang))}</h2>", html_table(columns, rows, lang, sortable=False)]
        nominees = self.context.scores.nominasi
        if not nominees.empty:
            shown = nominees[["kategori", "nama", "skor"]].itertuples(index=False, name=None)
            items = "".join(
                f"<li><b>{esc(sections.label(self.context, kategori, lang))}</b>: {esc(nama)} "
                f"({score(skor, lang)})</li>"
                for kategori, nama, skor in shown
            )
            parts.append(f"<h3>{esc(t('report.nominees_title', lang))}</h3><ul>{items}</ul>")
        parts.append(sections.special_awards(self.context, lang))
        return HTML("".join(parts))

    def categories(self) -> HTML:
        """For every category: the ranking table, the score breakdown and the jury's scores."""
        lang = self.lang
        parts = []
        for kategori in self._categories():
            group = self._group(kategori)
            stage = group["tahap"].iloc[0]
            parts.append(
                f"<h2>{esc(sections.label(self.context, kategori, lang))} "
                f"<span class='badge'>{esc(sections.stage_text(stage, lang))}</span></h2>"
            )
            if stage == "dokumen":
                size = self.context.methodology.kategori[kategori].shortlist_size
                parts.append(f"<p class='note'>{esc(t('report.desk_stage_note', lang, size=size))}</p>")
            parts.append(sections.ranking_table(self.context, kategori, group, lang, f"{report_key(self.code)}.csv"))
            parts.append(sections.contributions(self.context, kategori, group, lang))
            parts.append(sections.jury_table(self.context, kategori, group, lang))
        return HTML("".join(parts))

    def robustness(self) -> HTML:
        """For every category: rank intervals, sensitivity to indicators, what it would take, jury reliability."""
        return HTML(
            "".join(
                analysis_sections.robustness(self.context, self.analysis, k, self._group(k), self.lang)
                for k in self._categories()
            )
        )

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
                "xlabel": t("report.coverage_axis", lang),
            },
            title,
        )
        return HTML(f"<h2>{esc(title)}</h2>{chart}")

    def data_quality(self) -> HTML:
        """The validation warnings about this province's rows and the indicators that did not apply."""
        lang = self.lang
        parts = [f"<h2>{esc(t('report.quality_title', lang))}</h2>"]
        if self.context.problems:
            items = "".join(f"<li>{esc(p.message(lang))}</li>" for p in self.context.problems)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{esc(t('report.quality_none', lang))}</p>")
        na = self.context.scores.indikator
        na = na[~na["berlaku"].astype(bool)]
        parts.append(f"<p>{esc(t('report.not_applicable_count', lang, count=len(na)))}</p>")
        return HTML("".join(parts))

    def methodology_appendix(self) -> HTML:
        """The methodology appendix, generated from the methodology file."""
        return HTML(sections.methodology_appendix(self.context, self._categories(), self.lang))

    def footer(self) -> HTML:
        """Version and hashes of everything the numbers come from."""
        return HTML(sections.footer(self.context, self.lang, self.analysis.draws, self.analysis.seed))

    def results(self) -> None:
        """Display the machine-readable outcome for the run's index page and tests (hidden from the HTML)."""
        podiums = {
            k: [[rank, name, value] for rank, name, value in sections.podium(self._group(k))]
            for k in self._categories()
        }
        payload = {
            "provinsi": self.code,
            "nama": self.name,
            "lang": self.lang,
            "ilustratif": self.context.season.illustrative,
            "podium": podiums,
            "tahap": {k: str(self._group(k)["tahap"].iloc[0]) for k in self._categories()},
            "simulasi": {"undian": self.analysis.draws, "seed": self.analysis.seed},
        }
        display({"application/json": payload}, raw=True)


def _podium_cell(places: list[tuple[int, str, float]], place: int, lang: str) -> str:
    names = [f"{esc(name)} ({score(value, lang)})" for rank, name, value in places if rank == place]
    return "<br/>".join(names) or "–"
