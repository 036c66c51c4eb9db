"""The weight explorer's widgets: pick a group, move weights, watch ranks move, save a methodology.

Used by notebooks/explore.ipynb in JupyterLab and, unchanged, by `paritrana explore` through Voilà.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as w
import numpy as np
import pandas as pd

from .cache import SeasonCache
from .config import PARAMS_DIR
from .explorer import DESK_SHARE_RANGE, WEIGHT_STEP, Ranking, Refused, WeightModel, weight_range
from .formatting import esc, score
from .gaps import cheapest_actions, describe_action, what_it_takes
from .messages import t
from .methodology import default_methodology_path, load_methodology
from .report.analysis_sections import interval_text
from .report.charts import INTERVIEW_COLOUR, PALETTE
from .report.tables import html_table
from .season import Season, read_season, season_folder
from .uncertainty import DEFAULT_DRAWS, DEFAULT_SEED


def _seasons(data_dir: Path) -> list[int]:
    return sorted(int(p.name) for p in data_dir.iterdir() if p.is_dir() and p.name.isdigit())


def _shift(value: float) -> str:
    if np.isnan(value) or value == 0:
        return "<span class='flat'>=</span>"
    arrow, css = ("▲", "up") if value > 0 else ("▼", "down")
    return f"<span class='{css}'>{arrow} {int(abs(value))}</span>"


STYLE = """<style>
.explorer-ranking .up { color: #0b6e4f; font-weight: bold; } .explorer-ranking .down { color: #b00020; font-weight: bold; }
.explorer-ranking td.num { text-align: right; } .explorer-ranking th, .explorer-ranking td { padding: 2px 6px; }
</style>"""


@dataclass(frozen=True)
class ComputedIntervals:
    """Rank intervals (WeightModel.intervals) and the weights, desk share, draws and seed they were computed for."""

    table: pd.DataFrame
    weights: dict[str, float]
    desk_share: float
    draws: int
    seed: int

    def matches(self, app: ExplorerApp) -> bool:
        """Whether the app's sliders still show the weights these intervals belong to."""
        return self.weights == app.weights() and self.desk_share == app.desk_share()


class ExplorerApp:
    """The explorer for one data folder; `widget` is what the notebook displays.

    Pickers for season, province and category, one slider per indicator weight and one for the desk share,
    the ranking table and chart, a participant's profile with its cheapest actions, rank intervals on demand
    and "Simpan" (save the weights as a methodology file). The arithmetic is `WeightModel`'s.

    Parameters
    ----------
    data_dir : str or Path, default "data"
        The folder holding one folder per season; the season picker offers each.
    params_dir : str or Path, default PARAMS_DIR
        The folder holding ``<musim>/metodologi.yaml``; saved methodologies are written there.
    musim : int, optional
        The season shown first; None (or a season without a folder) shows the latest.
    lang : str, default "id"
        Language of the labels: ``"id"`` (Bahasa Indonesia) or ``"en"`` (English).
    methodology : str or Path, default ""
        The methodology to start from; ``""`` uses ``params_dir/<musim>/metodologi.yaml``.
    allow_official : bool, default False
        Offer the tick that lets "Simpan" replace the season's official methodology. A page can set any
        widget's state, but not this: `paritrana explore` passes it only with ``--allow-official``.

    Raises
    ------
    MethodologyInvalid
        When the methodology file to start from cannot be used.
    SeasonInvalid
        When the season shown first has errors.

    Examples
    --------
    In a notebook (``notebooks/explore.ipynb`` does this), the last line displays the explorer:

    >>> from paritrana_nb.explorer_ui import ExplorerApp
    >>> app = ExplorerApp("data", "params", 2025, lang="en")
    >>> app.model.kategori, app.model.group
    ('pemda', '61')
    >>> app.widget  # doctest: +SKIP
    """

    def __init__(
        self,
        data_dir: str | Path = "data",
        params_dir: str | Path = PARAMS_DIR,
        musim: int | None = None,
        lang: str = "id",
        methodology: str | Path = "",
        allow_official: bool = False,
    ) -> None:
        self.data_dir, self.params_dir, self.lang = Path(data_dir), Path(params_dir), lang
        self.methodology_file = methodology
        seasons = _seasons(self.data_dir)
        self.season_pick = w.Dropdown(
            options=seasons, value=musim if musim in seasons else seasons[-1], description=t("explorer.season", lang)
        )
        self.province_pick = w.Dropdown(description=t("explorer.province", lang))
        self.category_pick = w.Dropdown(description=t("explorer.category", lang))
        self.sliders_box = w.VBox()
        self.reset_button = w.Button(description=t("explorer.reset", lang), layout=w.Layout(width="max-content"))
        self.interval_button = w.Button(description=t("explorer.intervals", lang), layout=w.Layout(width="max-content"))
        self.interval_note = w.HTML()
        self.table = w.HTML()
        self.chart = w.HTML()
        self.participant_pick = w.Dropdown(description=t("explorer.participant", lang))
        self.profile = w.HTML()
        self.save_name = w.Text(value="metodologi_usulan", description=t("explorer.file_name", lang))
        self.overwrite = (
            w.Checkbox(value=False, description=t("explorer.overwrite_official", lang)) if allow_official else None
        )
        self.save_button = w.Button(description=t("explorer.save", lang))
        self.status = w.HTML()
        self.alert = w.HTML()
        self.sliders: dict[str, w.FloatSlider] = {}
        self.desk_slider: w.FloatSlider | None = None
        self.model: WeightModel | None = None
        self._busy = False
        self.current: Ranking | None = None
        self.intervals: ComputedIntervals | None = None
        self._actions = ""
        self.season_pick.observe(self._guarded(self._load_season), names="value")
        self.province_pick.observe(self._guarded(self._load_group), names="value")
        self.category_pick.observe(self._guarded(self._load_group), names="value")
        self.participant_pick.observe(self._guarded(lambda: self._show_profile(with_actions=True)), names="value")
        self.reset_button.on_click(self._guarded(self.reset))
        self.interval_button.on_click(self._guarded(self.compute_intervals))
        self.save_button.on_click(self._guarded(self._save, self.status))
        self._load_season()
        self.widget = w.VBox(
            [
                w.HTML(STYLE + f"<h2>{esc(t('explorer.title', lang))}</h2>"),
                w.HBox([self.season_pick, self.province_pick, self.category_pick]),
                self.alert,
                w.HBox([w.VBox([self.sliders_box, self.reset_button], layout=w.Layout(min_width="460px")), self.chart]),
                w.HBox([self.interval_button, self.interval_note]),
                self.table,
                w.HTML(f"<h3>{esc(t('explorer.profile_title', lang))}</h3>"),
                self.participant_pick,
                self.profile,
                w.HTML(f"<h3>{esc(t('explorer.save_title', lang))}</h3>"),
                w.HBox([self.save_name, *([self.overwrite] if self.overwrite else []), self.save_button]),
                self.status,
            ]
        )

    def _guarded(self, action: Callable[[], None], show: w.HTML | None = None) -> Callable[..., None]:
        """A widget callback that shows a refusal or a failure in the page (in `show`, else the alert line)
        instead of raising: a raised error would reach the page's connection as a traceback with server paths."""

        def run(*_: object) -> None:
            target = show or self.alert
            try:
                action()
            except Refused as refused:
                target.value = f"<b>{esc(refused.message(self.lang))}</b>"
            except Exception:
                traceback.print_exc(file=sys.__stderr__)  # the server's terminal, not the page
                target.value = f"<b>{esc(t('explorer.failed', self.lang))}</b>"

        return run

    # -- loading ---------------------------------------------------------------------------------
    def _load_season(self) -> None:
        musim = int(self.season_pick.value)
        folder = season_folder(self.data_dir, musim)
        self.season: Season = read_season(musim, self.data_dir, self.lang, SeasonCache.for_season(folder, quiet=True))
        path = (
            Path(self.methodology_file) if self.methodology_file else default_methodology_path(self.params_dir, musim)
        )
        self.methodology = load_methodology(path, musim)
        categories = list(self.methodology.categories())
        provinces = [(f"{r.kode_wilayah} {r.nama}", r.kode_wilayah) for r in self.season.provinces.itertuples()]
        self._busy = True  # one reload after both pickers are filled, not one per change
        kept_category, kept_province = self.category_pick.value, self.province_pick.value
        self.category_pick.options = [(getattr(self.methodology.kategori[c].label, self.lang), c) for c in categories]
        self.category_pick.value = kept_category if kept_category in categories else categories[0]
        self.province_pick.options = provinces
        codes = [code for _, code in provinces]
        self.province_pick.value = kept_province if kept_province in codes else codes[0]
        self._busy = False
        self._load_group()

    def _load_group(self) -> None:
        kategori, province = self.category_pick.value, self.province_pick.value
        if self._busy or kategori is None or province is None:
            return
        self.province_pick.disabled = self.methodology.kategori[kategori].kelompok == "nasional"
        self.model = WeightModel(self.season, self.methodology, kategori, province)
        self.intervals = None
        self._build_sliders()
        self.refresh()  # the new group's ranking first: the participant picker below shows its profile in it
        options = [(n, i) for i, n in zip(self.model.peserta["id_peserta"], self.model.peserta["nama"], strict=False)]
        self.participant_pick.options = options
        if options:
            self.participant_pick.value = options[0][1]

    def _build_sliders(self) -> None:
        assert self.model is not None
        rows, self.sliders = [], {}
        for indicator in self.model.category.indicators:
            low, high = weight_range(indicator)
            slider = w.FloatSlider(
                value=indicator.weight,
                min=low,
                max=high,
                step=WEIGHT_STEP,
                description=indicator.id,
                continuous_update=False,
                readout_format=".1f",
                tooltip=getattr(indicator.label, self.lang),
                style={"description_width": "110px"},
                layout=w.Layout(width="340px"),
            )
            slider.observe(self._guarded(self.refresh), names="value")
            self.sliders[indicator.id] = slider
            rows.append(
                w.HBox(
                    [
                        slider,
                        w.HTML(
                            f"<span class='note'>{esc(t('explorer.official', self.lang))}: {indicator.weight:g}</span>"
                        ),
                    ]
                )
            )
        share = self.model.official_desk_share
        self.desk_slider = w.FloatSlider(
            value=share,
            min=DESK_SHARE_RANGE[0],
            max=DESK_SHARE_RANGE[1],
            step=0.05,
            continuous_update=False,
            description=t("explorer.desk_share", self.lang),
            readout_format=".2f",
            style={"description_width": "110px"},
            layout=w.Layout(width="340px"),
        )
        self.desk_slider.observe(self._guarded(self.refresh), names="value")
        rows.append(
            w.HBox(
                [
                    self.desk_slider,
                    w.HTML(f"<span class='note'>{esc(t('explorer.official', self.lang))}: {share:.2f}</span>"),
                ]
            )
        )
        self.sliders_box.children = rows

    # -- state -----------------------------------------------------------------------------------
    def weights(self) -> dict[str, float]:
        """The weights the sliders show now."""
        return {k: float(s.value) for k, s in self.sliders.items()}

    def desk_share(self) -> float:
        assert self.desk_slider is not None
        return float(self.desk_slider.value)

    def reset(self) -> None:
        """Put every slider back on the official methodology."""
        assert self.model is not None and self.desk_slider is not None
        for key, value in self.model.official_weights.items():
            self.sliders[key].value = value
        self.desk_slider.value = self.model.official_desk_share
        self.refresh()

    def refresh(self) -> None:
        """Re-rank with the sliders' weights and redraw the table and chart (both emptied when the model
        refuses the weights: Refused is raised for the alert line)."""
        if self.model is None or self.desk_slider is None or len(self.sliders) != len(self.model.category.indicators):
            return
        try:
            self.current = self.model.rank(self.weights(), self.desk_share())
        except Refused:
            self.current = None
            self.table.value = self.chart.value = self.profile.value = ""
            raise
        self.alert.value = ""
        shown = self.intervals if self.intervals is not None and self.intervals.matches(self) else None
        note = (
            ""
            if self.intervals is None
            else t("explorer.intervals_stale", self.lang)
            if shown is None
            else t("explorer.intervals_done", self.lang, draws=shown.draws, seed=shown.seed)
        )
        self.interval_note.value = f"<span class='note'>{esc(note)}</span>" if note else ""
        self.table.value = self._table_html(self.current.table, shown)
        self.chart.value = self._chart_html(self.current.table)
        self._show_profile()

    def compute_intervals(self, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> None:
        """Run the Monte Carlo rank intervals around the weights the sliders show now, and show them."""
        if self.model is None or self.desk_slider is None:
            return
        weights, share = self.weights(), self.desk_share()
        self.intervals = ComputedIntervals(
            self.model.intervals(weights, share, draws, seed), weights, share, draws, seed
        )
        self.refresh()

    def _table_html(self, table: pd.DataFrame, intervals: ComputedIntervals | None) -> str:
        lang = self.lang
        columns = [
            (t("report.col_rank", lang), "int"),
            (t("explorer.shift", lang), "html"),
            (t("report.col_name", lang), "text"),
            (t("report.col_desk", lang), "score"),
            (t("report.col_interview", lang), "score"),
            (t("report.col_final", lang), "score"),
        ]
        rows = [
            [r.peringkat, _shift(r.geser), r.nama, r.skor_dokumen, r.skor_wawancara, r.skor_akhir]
            for r in table.itertuples()
        ]
        if intervals is not None:
            found = intervals.table.set_index("id_peserta")
            columns += [(t("report.col_interval", lang), "text"), (t("report.col_tie", lang), "bool")]
            for row, pid in zip(rows, table["id_peserta"], strict=False):
                low, high, tie = (
                    found.at[pid, "peringkat_p05"],
                    found.at[pid, "peringkat_p95"],
                    found.at[pid, "seri_statistik"],
                )
                row += [
                    "–" if pd.isna(low) else interval_text(int(low), int(high)),
                    False if pd.isna(tie) else bool(tie),
                ]
        return html_table(columns, rows, lang, sortable=False, css_class="explorer-ranking")

    def _chart_html(self, table: pd.DataFrame, top: int = 12) -> str:
        """Stacked bars drawn with plain HTML (instant to redraw): each participant's score by indicator."""
        assert self.model is not None
        head = table[table["peringkat"].notna()].head(top)
        parts = [c for c in head.columns if c.startswith("kontribusi_")]
        labels = {i.id: getattr(i.label, self.lang) for i in self.model.category.indicators}
        labels["wawancara"] = t("report.part_interview", self.lang)
        colours = {
            c: (INTERVIEW_COLOUR if c == "kontribusi_wawancara" else PALETTE[i % len(PALETTE)])
            for i, c in enumerate(parts)
        }
        rows = []
        for _, r in head.iterrows():
            bars = "".join(
                f"<span title='{esc(labels[c.removeprefix('kontribusi_')])}' style='display:inline-block;"
                f"height:14px;width:{max(float(np.nan_to_num(r[c])), 0.0) * 3:.1f}px;"
                f"background:{colours[c]}'></span>"
                for c in parts
            )
            total = r["skor_akhir"] if r["finalis"] else r["skor_dokumen"]
            rows.append(
                f"<div style='white-space:nowrap;font-size:12px'><span style='display:inline-block;"
                f"width:190px;overflow:hidden;text-overflow:ellipsis;vertical-align:middle'>{esc(r['nama'])}"
                f"</span>{bars} {esc(score(total, self.lang))}</div>"
            )
        legend = " ".join(
            f"<span style='color:{colours[c]}'>■</span> {esc(labels[c.removeprefix('kontribusi_')])}" for c in parts
        )
        return (
            f"<div><b>{esc(t('report.contributions_title', self.lang))}</b>{''.join(rows)}"
            f"<div style='font-size:11px'>{legend}</div></div>"
        )

    def _show_profile(self, with_actions: bool = False) -> None:
        pid = self.participant_pick.value
        rows = [] if self.model is None else np.flatnonzero(self.model.peserta["id_peserta"].to_numpy() == pid)
        if self.model is None or self.current is None or len(rows) == 0:  # no ranking, or not of this group yet
            self.profile.value = ""
            return
        row = int(rows[0])
        category = self.model.category
        lang = self.lang
        nilai = self.model.nilai
        body = []
        for j, indicator in enumerate(category.indicators):
            column = nilai[:, j]
            body.append(
                [
                    getattr(indicator.label, lang),
                    column[row],
                    np.nanmedian(column) if np.isfinite(column).any() else np.nan,
                    np.nanmax(column) if np.isfinite(column).any() else np.nan,
                ]
            )
        columns = [
            (t("report.col_indicator", lang), "text"),
            (t("explorer.value", lang), "num1"),
            (t("explorer.group_median", lang), "num1"),
            (t("explorer.group_best", lang), "num1"),
        ]
        text = html_table(columns, body, lang, sortable=False)
        mine = self.current.table[self.current.table["id_peserta"] == pid].iloc[0]
        text = f"<p>{esc(t('explorer.rank_now', lang, rank=_rank_text(mine.peringkat)))}</p>" + text
        if with_actions:
            self._actions = self._actions_html(pid)
        self.profile.value = text + self._actions

    def _actions_html(self, pid: str) -> str:
        """The participant's 'what would it take' actions under the current weights, when available."""
        assert self.model is not None
        methodology = self.model.methodology_with(self.weights(), self.desk_share())
        provinces = None if self.model.province is None else [self.model.province]
        gaps = what_it_takes(self.season, methodology, provinces=provinces, categories=[self.model.kategori])
        mine = cheapest_actions(gaps[gaps["id_peserta"] == pid], n=3)
        if mine.empty:
            return ""
        items = "".join(f"<li>{esc(describe_action(r, self.lang))}</li>" for _, r in mine.iterrows())
        return f"<h4>{esc(t('explorer.actions_title', self.lang))}</h4><ul>{items}</ul>"

    def _save(self) -> None:
        """Save the weights shown; the status names the file under the params folder, never a full server path."""
        assert self.model is not None
        try:
            path = self.model.save(
                self.weights(),
                self.desk_share(),
                self.params_dir,
                str(self.save_name.value),
                overwrite_official=self.overwrite is not None and bool(self.overwrite.value),
            )
        except OSError as error:  # the reason only: the error's file name is a server path
            raise Refused("explorer.save_failed", reason=error.strerror or type(error).__name__) from None
        shown = Path(self.params_dir.name) / path.relative_to(self.params_dir)
        self.status.value = esc(t("explorer.saved", self.lang, path=shown.as_posix()))


def _rank_text(value: float) -> str:
    return "–" if np.isnan(value) else str(int(value))
