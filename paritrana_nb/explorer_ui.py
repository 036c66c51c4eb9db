"""The weight explorer's widgets: pick a group, move weights, watch ranks move, save a methodology.

Used by notebooks/explore.ipynb in JupyterLab and, unchanged, by `paritrana explore` through Voilà.
Every HTML piece is a macro of `templates/explorer_parts.html.j2` (autoescaped).
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd

from .cache import SeasonCache
from .config import DEFAULT_SEASON, PARAMS_DIR
from .engine import score_season
from .explorer import (
    DESK_SHARE_RANGE,
    WEIGHT_STEP,
    ExistingFile,
    OfficialFileProtected,
    Ranking,
    Refused,
    ScoresByGroup,
    TargetExists,
    WeightModel,
    weight_range,
)
from .formatting import score
from .gaps import Steps, cheapest_actions, steps, what_it_takes
from .messages import Num, Ref, isolate, series, t
from .methodology import Methodology, MethodologyInvalid, default_methodology_path
from .outputs import within
from .palette import HATCHES, INTERVIEW_COLOUR, PALETTE
from .problems import SeasonInvalid, UserError
from .rapor.cards import group_words
from .report import tables
from .report.context import load_inputs, read_methodology
from .report.prepared import check_parameters
from .report.tables import interval_text
from .season import Season, season_folder, table_files_in
from .templating import environment, translator
from .uncertainty import DEFAULT_DRAWS, DEFAULT_SEED

ACTIONS_DELAY_SECONDS = 0.3
"""In a kernel, a picked participant's cheapest actions are searched this long after the pick (its profile is shown at
once), and not at all when another pick or switch came meanwhile: going through provinces with the arrow keys does
not wait for a search per province passed."""
TABLE_ROWS = 200
"""Ranks the table shows: a larger group (13,000 small businesses of a province) shows its first TABLE_ROWS and says
how many it holds; all of them would take seconds to format, send and draw at every change."""
EXPLORER_CLASS = "paritrana-explorer"
"""The class of the explorer's outer widget, to which its styles (explorer_parts.html.j2: a visible focus) keep."""
FOLDER_OPTIONS = {"data_dir": "--data-dir", "params_dir": "--params-dir"}
"""The option of `paritrana explore` that gives each folder parameter of the notebook (explorer_server)."""


class CannotOpen(UserError, ValueError):
    """The explorer's folders or season, as given, cannot be opened: said in the explorer's language."""


def _folder_there(folder: Path, name: str, lang: str, served: bool) -> None:
    """CannotOpen when `folder`, the notebook's parameter `name`, is not there. When `served`, told with the
    command's option (the folder was there when it started: moved or removed since), else with the parameter: a
    relative one is taken from the kernel's working folder (papermill's own, unless run with --cwd)."""
    if folder.exists():
        return
    if served:
        raise CannotOpen(t("explorer.folder_missing", lang, folder=folder, option=FOLDER_OPTIONS[name]))
    raise CannotOpen(t("explorer.folder_missing_nb", lang, folder=folder, name=name, cwd=Path.cwd()))


def _seasons(data_dir: Path, lang: str, served: bool, musim: int | None = None) -> list[int]:
    """The season folders (named by their year) in `data_dir`; CannotOpen naming `data_dir` when there are none (a
    season folder itself, holding the tables: naming its parent, and where not named as a season, the folder
    `musim` (else the default season) to rename it to; not there: `_folder_there`), told with the option
    --data-dir when `served` by `paritrana explore`, else with the notebook's parameter data_dir."""
    _folder_there(data_dir, "data_dir", lang, served)
    folders = data_dir.iterdir() if data_dir.is_dir() else iter(())
    found = sorted(int(p.name) for p in folders if p.is_dir() and p.name.isdigit())
    if not found:
        tables = table_files_in(data_dir)
        named = data_dir.resolve() if data_dir.name in ("", "..") else data_dir  # `.`: the folder it is
        if tables and not served and not named.name.isdigit():  # no data_dir finds a season in it as it is named
            example = named.parent / str(musim or DEFAULT_SEASON)
            fields = {"folder": named, "file": tables[0], "parent": named.parent, "example": example}
            raise CannotOpen(t("explorer.data_dir_is_unnamed_season_nb", lang, **fields))
        if tables:
            key = "explorer.data_dir_is_season" if served else "explorer.data_dir_is_season_nb"
            raise CannotOpen(t(key, lang, folder=data_dir, file=tables[0], parent=data_dir.parent))
        raise CannotOpen(t("explorer.no_seasons" if served else "explorer.no_seasons_nb", lang, folder=data_dir))
    return found


def _check_cache_dir(
    cache_dir: Path, data_dir: Path, params_dir: Path, seasons: list[int], lang: str, served: bool
) -> None:
    """CannotOpen when `cache_dir` would put a season's cache (`<cache_dir>/<musim>`) among its inputs: its data
    or methodology folder, whose files are never written (as `--cache-dir` is refused); told with the option
    --cache-dir when `served`, else with the notebook's parameter cache_dir."""
    key = "explorer.cache_is_input" if served else "explorer.cache_is_input_nb"
    for musim in seasons:
        place = cache_dir / str(musim)
        for inputs in (season_folder(data_dir, musim), params_dir / str(musim)):
            if within(place, inputs):
                raise CannotOpen(t(key, lang, cache_dir=cache_dir, folder=place, input=inputs))


def _shift(value: float) -> tuple[str, str]:
    """A rank shift as a table `mark` cell: (css class, text)."""
    if np.isnan(value) or value == 0:
        return ("flat", "=")
    arrow, css = ("▲", "up") if value > 0 else ("▼", "down")
    return (css, f"{arrow} {int(abs(value))}")


@cache
def _parts(lang: str) -> Any:  # a jinja2 template module: its macros are attributes
    """The macros of explorer_parts.html.j2, with `t` and `lang` for `lang`."""
    return environment().get_template("explorer_parts.html.j2").make_module({"t": translator(lang), "lang": lang})


def _html(lang: str, macro: str, *args: object) -> str:
    """One explorer piece rendered by macro `macro` of explorer_parts.html.j2."""
    return str(getattr(_parts(lang), macro)(*args))


#: The explorers made in this process, in turn: each numbers the ids of its chart's patterns with its own (_chart_ids).
_EXPLORERS = itertools.count(1)


def _chart_ids() -> str:
    """The prefix of the pattern ids of a new explorer's chart, `explorer-<n>-part` for the n-th explorer of this
    process: two explorers on one page (a notebook showing both) define and fill with ids of their own, where a
    `url(#id)` of one would take the other's pattern (the first of that id on the page)."""
    return f"explorer-{next(_EXPLORERS)}-part"


def _scrolling() -> w.Layout:
    """The layout of a piece wider than a narrow screen (the ranking table, the chart): it scrolls sideways within
    itself, the page does not."""
    return w.Layout(overflow="auto", max_width="100%")


def _live(widget: w.HTML) -> w.HTML:
    """`widget` marked as a status line: the served page tells a screen reader its text as it changes
    (templates/voila/index.html.j2 makes each widget of this class a polite live region)."""
    return widget.add_class("paritrana-status")


def _row(children: list[w.Widget]) -> w.HBox:
    """Widgets side by side, the ones that do not fit on a narrow screen (a phone) carried to the next line rather
    than cut off at its edge."""
    return w.HBox(children, layout=w.Layout(flex_flow="row wrap"))


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


@dataclass(frozen=True)
class PendingReplace:
    """A save held back because a file has its name: that file as found, and what the page showed then (season,
    group, name, weights, desk share, official tick). "Timpa" replaces the file only while the page shows the same."""

    found: ExistingFile
    shown: tuple[object, ...]


@dataclass(frozen=True)
class FailedExplorer:
    """The page of an explorer that cannot open (`explorer`): why, in the page's language."""

    widget: w.HTML


def explorer(
    data_dir: str | Path = "data",
    params_dir: str | Path = PARAMS_DIR,
    musim: int | None = None,
    lang: str = "id",
    methodology: str | Path = "",
    allow_official: bool = False,
    cache_dir: str | Path = "",
    use_cache: bool = True,
    served: bool = False,
) -> ExplorerApp | FailedExplorer:
    """The explorer (`ExplorerApp`, what notebooks/explore.ipynb shows). Served by `paritrana explore`, one that
    cannot open (its season or methodology changed since the command checked them) is a page saying why in the
    page's language, and so is the terminal, not Voila's English note of a failed cell; in a notebook it raises."""
    app = functools.partial(ExplorerApp, data_dir, params_dir, musim, lang, methodology, allow_official, cache_dir)
    if not served:
        return app(use_cache, served)
    try:
        return app(use_cache, served)
    except (MethodologyInvalid, SeasonInvalid, CannotOpen) as refused:  # said in the page's language already
        why = str(refused)
        print(why, file=sys.__stderr__, flush=True)  # paritrana explore's terminal
    except Exception:  # noqa: BLE001 - the page's last stop: any failure is said there, its details in the terminal
        traceback.print_exc(file=sys.__stderr__)
        why = t("explorer.failed", lang)
    return FailedExplorer(w.HTML(_html(lang, "title") + _html(lang, "failed", why)))


class ExplorerApp:
    """The explorer for one data folder; `widget` is what the notebook displays.

    Pickers for season, province and category, one slider per indicator weight and one for the desk share,
    the ranking table and chart, a participant's profile with its cheapest actions, rank intervals on demand
    and "Simpan" (save the weights as a methodology file; a file already at that name is replaced only by "Timpa",
    which appears then). The arithmetic is `WeightModel`'s.

    Parameters
    ----------
    data_dir : str or Path, default "data"
        The folder holding one folder per season; the season picker offers each.
    params_dir : str or Path, default PARAMS_DIR
        The folder holding ``<musim>/metodologi.yaml``; saved methodologies are written there.
    musim : int, optional
        The season shown first; None shows the latest. A season without a folder in `data_dir` is refused.
    lang : str, default "id"
        Language of the labels: ``"id"`` (Bahasa Indonesia) or ``"en"`` (English).
    methodology : str or Path, default ""
        The methodology to start from; ``""`` uses ``params_dir/<musim>/metodologi.yaml``.
    allow_official : bool, default False
        Offer the tick that lets "Simpan" replace the season's official methodology. A page can set any
        widget's state, but not this: `paritrana explore` passes it only with ``--allow-official``.
    cache_dir : str or Path, default ""
        The folder of the season cache (cache.py) as ``--cache-dir`` takes it; ``""`` uses ``<season>/.cache``.
    use_cache : bool, default True
        Take a season and its scores from the cache and store them there; False reads and scores afresh.
    served : bool, default False
        True when `paritrana explore` serves the notebook: a message names the command's options (``--data-dir``,
        ``--params-dir``, ``--cache-dir``, ``--season``, ``--allow-official``), else the notebook's parameters
        (``data_dir``, ``params_dir``, ``cache_dir``, ``musim``, ``allow_official``), the season picker's included
        (a season whose folder or methodology file is missing), and a failure is said to be printed in the terminal
        of ``paritrana explore``, else in that of the notebook's kernel.

    Raises
    ------
    ValueError
        For an unknown `lang`, `allow_official`, `use_cache` or `served` not True or False (papermill -p reads
        ``yes`` as text), `musim` not a whole number in range (-r reads ``2025`` as text) or a folder or file not
        given as text, by name in `lang` (report.prepared.check_parameters); for a `musim` without a season folder,
        naming the seasons there (once its methodology was read, as every notebook and command reads it first).
    MethodologyInvalid
        When the methodology file to start from cannot be used (read before the season, as by `load_inputs`).
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
        cache_dir: str | Path = "",
        use_cache: bool = True,
        served: bool = False,
    ) -> None:
        chosen = {} if musim is None else {"musim": musim}
        folders = {"data_dir": data_dir, "params_dir": params_dir, "metodologi": methodology, "cache_dir": cache_dir}
        flags = {"allow_official": allow_official, "use_cache": use_cache, "served": served}
        check_parameters(lang, **flags, **folders, **chosen)
        self.data_dir, self.params_dir, self.lang = Path(data_dir), Path(params_dir), lang
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.use_cache, self.served = use_cache, served
        self.methodology_file = methodology
        seasons = _seasons(self.data_dir, lang, served, musim)
        if not methodology:  # the methodology read from params_dir
            _folder_there(self.params_dir, "params_dir", lang, served)
        if self.cache_dir is not None:
            _check_cache_dir(self.cache_dir, self.data_dir, self.params_dir, seasons, lang, served)
        if musim is not None and musim not in seasons:  # (the latest shown instead would pass for the one asked)
            try:  # its methodology's problem first, then its folder's, as every notebook and command reads them
                self._methodology(musim)
            except MethodologyInvalid as invalid:
                raise invalid.translated(lang) from None
            key = "explorer.no_such_season" if served else "explorer.no_such_season_nb"
            found = ", ".join(map(str, seasons))
            raise CannotOpen(t(key, lang, musim=musim, folder=self.data_dir, seasons=found))
        self.season_pick = w.Dropdown(
            options=seasons, value=seasons[-1] if musim is None else musim, description=t("explorer.season", lang)
        )
        self.province_pick = w.Dropdown(description=t("explorer.province", lang))
        self.category_pick = w.Dropdown(description=t("explorer.category", lang))
        self.sliders_box = w.VBox()
        self.reset_button = w.Button(description=t("explorer.reset", lang), layout=w.Layout(width="max-content"))
        self.interval_button = w.Button(description=t("explorer.intervals", lang), layout=w.Layout(width="max-content"))
        self.interval_note = _live(w.HTML())
        self.ranking_status = _live(w.HTML())  # the group ranked and what the weights make of it: heard as it changes
        self.table = w.HTML(layout=_scrolling())
        self.chart = w.HTML(layout=_scrolling())
        self.chart_ids = _chart_ids()
        self.participant_pick = w.Dropdown(description=t("explorer.participant", lang))
        self.profile = w.HTML()
        self.save_name = w.Text(
            value="metodologi_usulan",
            description=t("explorer.file_name", lang),
            style={"description_width": "initial"},  # its whole label ("Nama ber…" at the default width)
        )
        self.overwrite = (
            w.Checkbox(value=False, description=t("explorer.overwrite_official", lang)) if allow_official else None
        )
        self.save_button = w.Button(description=t("explorer.save", lang))
        # shown only while a save waits for the confirmation that it may replace the file of that name
        self.replace_button = w.Button(
            description=t("explorer.replace", lang),
            button_style="danger",
            layout=w.Layout(width="max-content", display="none"),
        )
        self.pending: PendingReplace | None = None
        self.status = _live(w.HTML())
        self.alert = w.HTML().add_class("paritrana-alert")
        self.sliders: dict[str, w.FloatSlider] = {}
        self.desk_slider: w.FloatSlider | None = None
        self.model: WeightModel | None = None
        self._busy = False  # True while several widgets are set at once: their callbacks wait for one reload
        self.current: Ranking | None = None
        self.intervals: ComputedIntervals | None = None
        # the picked participant's cheapest steps up, once searched, with what they were searched for (_steps_key)
        self._steps: tuple[tuple[object, ...], Steps] | None = None
        self._picks = 0  # participants picked so far: a search waiting for an older pick is dropped
        self.season_pick.observe(self._guarded(self._load_season), names="value")
        self.province_pick.observe(self._guarded(self._load_group), names="value")
        self.category_pick.observe(self._guarded(self._load_group), names="value")
        self.participant_pick.observe(self._guarded(self._picked), names="value")
        self.reset_button.on_click(self._guarded(self.reset))
        self.interval_button.on_click(self._guarded(self.compute_intervals))
        self.save_button.on_click(self._guarded(self._save, self.status))
        self.replace_button.on_click(self._guarded(self._replace, self.status))
        self.save_name.observe(lambda _: self._drop_replace(), names="value")
        if self.overwrite is not None:
            self.overwrite.observe(lambda _: self._drop_replace(), names="value")
        try:
            self._load_season()
        except (MethodologyInvalid, SeasonInvalid) as invalid:  # raised to the notebook: in its language
            raise invalid.translated(lang) from None
        ticks = [self.overwrite] if self.overwrite else []
        sliders = w.VBox([self.sliders_box, self.reset_button], layout=w.Layout(min_width="min(460px, 100%)"))
        self.widget = w.VBox(
            [
                w.HTML(_html(lang, "title")),
                _row([self.season_pick, self.province_pick, self.category_pick]),
                self.alert,
                _row([sliders, self.chart]),
                _row([self.interval_button, self.interval_note]),
                self.ranking_status,
                self.table,
                w.HTML(_html(lang, "heading", t("explorer.profile_title", lang))),
                self.participant_pick,
                self.profile,
                w.HTML(_html(lang, "heading", t("explorer.save_title", lang))),
                _row([self.save_name, *ticks, self.save_button, self.replace_button]),
                self.status,
            ]
        ).add_class(EXPLORER_CLASS)

    def _guarded(self, action: Callable[[], None], show: w.HTML | None = None) -> Callable[..., None]:
        """A widget callback that shows a refusal or a failure in the page (in `show`, else the alert line)
        instead of raising: a raised error would reach the page's connection as a traceback with server paths."""

        def run(*_: object) -> None:
            target = show or self.alert
            try:
                action()
            except Refused as refused:
                target.value = _html(self.lang, "alert", refused.message(self.lang))
            except (MethodologyInvalid, SeasonInvalid) as invalid:  # another season's files: said as they are
                target.value = _html(self.lang, "alert", str(invalid.translated(self.lang)))
            except Exception:  # noqa: BLE001 - the callback is the last stop before the page: any failure shows there
                traceback.print_exc(file=sys.__stderr__)  # paritrana explore's terminal or the kernel's, not the page
                failed = "explorer.failed" if self.served else "explorer.failed_nb"
                target.value = _html(self.lang, "alert", t(failed, self.lang))

        return run

    # -- loading ---------------------------------------------------------------------------------
    def _load_season(self) -> None:
        """The season picked, its methodology and scores, all or nothing: when one cannot be read, the picker goes
        back to the season shown (whose tables, sliders and saving stay as they were) and the failure is raised."""
        if self._busy:  # the picker put back after a failure
            return
        musim = int(self.season_pick.value)
        try:
            season, methodology, grouped = self._read_season(musim)
        except Exception:
            shown = getattr(self, "season", None)
            if shown is not None:
                self._busy = True
                self.season_pick.value = shown.musim
                self._busy = False
            raise
        self.season: Season = season
        self.methodology, self.grouped = methodology, grouped
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

    def _methodology_path(self, musim: int) -> Path:
        """The methodology file the explorer starts from: the one given, else season `musim`'s own."""
        return (
            Path(self.methodology_file) if self.methodology_file else default_methodology_path(self.params_dir, musim)
        )

    def _methodology(self, musim: int) -> Methodology:
        """The methodology of season `musim` (`_methodology_path`), read as `load_inputs` reads it."""
        path, named = self._methodology_path(musim), bool(self.methodology_file)
        return read_methodology(musim, path, named=named, notebook=not self.served)

    def _read_season(self, musim: int) -> tuple[Season, Methodology, ScoresByGroup]:
        """Season `musim` (from its cache when valid), its methodology and the scores of every group; the methodology
        read first, as by every command and notebook (load_inputs). A season folder or methodology file not there is
        told with the command's options when `served`, else with the notebook's parameters."""
        folder = season_folder(self.data_dir, musim)
        cache = SeasonCache.for_season(folder, self.cache_dir, quiet=True) if self.use_cache else None
        path, named = self._methodology_path(musim), bool(self.methodology_file)
        methodology, result = load_inputs(musim, self.data_dir, path, cache, named=named, notebook=not self.served)
        if result.season is None:
            raise SeasonInvalid(result.report, self.lang)
        scores = score_season(result.season, methodology, checked=result.registry)  # every group is read from it
        return result.season, methodology, ScoresByGroup(scores)

    def _load_group(self) -> None:
        kategori, province = self.category_pick.value, self.province_pick.value
        if self._busy or kategori is None or province is None:
            return
        self._drop_replace()
        self.province_pick.disabled = self.methodology.kategori[kategori].kelompok == "nasional"
        same_category = self.model is not None and self.model.kategori == kategori and self.desk_slider is not None
        self.model = WeightModel(self.season, self.methodology, kategori, province, self.grouped)
        self.intervals = None
        if same_category:  # another province: the same sliders, put back on the official weights
            self._official_sliders()
        else:
            self._build_sliders()
        self.refresh()  # the new group's ranking first: the participant picker below shows its profile in it
        options, first = self.model.participant_choices()
        self.participant_pick.options = options
        if first is not None:
            self.participant_pick.value = first

    def _loaded(self) -> WeightModel:
        """The group's model: the constructor loads one before any widget can call back."""
        if self.model is None:
            raise RuntimeError("the explorer has no group loaded")
        return self.model

    def _desk(self) -> w.FloatSlider:
        """The desk-share slider, built with the group's sliders."""
        if self.desk_slider is None:
            raise RuntimeError("the explorer has no sliders yet")
        return self.desk_slider

    def _build_sliders(self) -> None:
        """One slider per indicator weight, under the indicator's label in the explorer's language (its id as the
        slider's description: the panel speaks of both), then the desk share's; each with its value and its
        official value beside it, written in the explorer's language (the widget's own readout writes 0.70)."""
        model = self._loaded()
        rows: list[w.Box] = []
        self.sliders = {}
        for indicator in model.category.indicators:
            low, high = weight_range(indicator)
            slider = w.FloatSlider(
                value=indicator.weight,
                min=low,
                max=high,
                step=WEIGHT_STEP,
                description=indicator.id,
                continuous_update=False,
                readout=False,
                tooltip=getattr(indicator.label, self.lang),
                style={"description_width": "110px"},
                layout=w.Layout(width="340px"),
            )
            slider.observe(self._guarded(self._slider_moved), names="value")
            self.sliders[indicator.id] = slider
            label = w.HTML(_html(self.lang, "slider_label", getattr(indicator.label, self.lang)))
            label.add_class("paritrana-slider-label")  # the page names the slider's handle by it (voila/index.html.j2)
            row = self._slider_row(slider, lambda value: Num.written(round(value, 10)), Num.written(indicator.weight))
            rows.append(w.VBox([label, row]))
        share = model.official_desk_share
        fixed = not model.category.weighs_interview  # its interview counts for nothing: no other share to explore
        self.desk_slider = w.FloatSlider(
            value=share,
            min=DESK_SHARE_RANGE[0],
            max=DESK_SHARE_RANGE[1],
            step=0.05,
            continuous_update=False,
            description=t("explorer.desk_share", self.lang),
            readout=False,
            disabled=fixed,
            style={"description_width": "110px"},
            layout=w.Layout(width="340px"),
        )
        self.desk_slider.observe(self._guarded(self._slider_moved), names="value")
        row = self._slider_row(self.desk_slider, lambda value: Num(value, 2), Num(share, 2))
        if fixed:  # said above it, as a weight's label: a disabled slider alone does not say why
            row = w.VBox([w.HTML(_html(self.lang, "note", t("explorer.desk_share_fixed_note", self.lang))), row])
        rows.append(row)
        self.sliders_box.children = rows

    def _slider_row(self, slider: w.FloatSlider, written: Callable[[float], Num], official: Num) -> w.HBox:
        """A slider, its value as `written` writes it in the explorer's language (kept up to date as it moves) and
        its official value."""
        readout = w.HTML(layout=w.Layout(width="56px"))

        def show() -> None:
            readout.value = _html(self.lang, "text", written(float(slider.value)).render(self.lang))

        show()
        slider.observe(self._guarded(show), names="value")
        official_note = w.HTML(_html(self.lang, "note", self._official(official)), layout=w.Layout(flex="0 0 auto"))
        return _row([slider, readout, official_note])  # the note kept on one line ("resmi:" over "30" before)

    def _official(self, value: Num) -> str:
        """A slider's note: its official value, written in the explorer's language (0,25 in Bahasa Indonesia)."""
        return f"{t('explorer.official', self.lang)}: {value.render(self.lang)}"

    # -- state -----------------------------------------------------------------------------------
    def weights(self) -> dict[str, float]:
        """The weights the sliders show now."""
        return {k: float(s.value) for k, s in self.sliders.items()}

    def desk_share(self) -> float:
        """The desk share the slider shows now."""
        return float(self._desk().value)

    def reset(self) -> None:
        """Put every slider back on the official methodology."""
        self._drop_replace()
        self._official_sliders()
        self.refresh()

    def _official_sliders(self) -> None:
        """Every slider on the official methodology, without a reload per slider moved."""
        model = self._loaded()
        self._busy = True
        try:
            for key, value in model.official_weights.items():
                self.sliders[key].value = value
            self._desk().value = model.official_desk_share
        finally:
            self._busy = False

    def _slider_moved(self) -> None:
        self._drop_replace()
        if not self._busy:
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
            self.table.value = self.chart.value = self.profile.value = self.ranking_status.value = ""
            raise
        self.alert.value = ""
        shown = self.intervals if self.intervals is not None and self.intervals.matches(self) else None
        note = (
            ""
            if self.intervals is None
            else t("explorer.intervals_stale", self.lang)
            if shown is None
            else t(
                "explorer.intervals_done", self.lang, draws=Ref("count.simulations", count=shown.draws), seed=shown.seed
            )
        )
        self.interval_note.value = _html(self.lang, "note", note)
        self.ranking_status.value = _html(
            self.lang, "ranking_status", self._ranking_heading(), self._ranking_summary(self.current.table)
        )
        self.table.value = self._table_html(self.current, shown)
        self.chart.value = self._chart_html(self.current.table)
        if self._steps is not None and self._steps[0] != self._steps_key():
            self._picked()  # the steps shown were searched under other weights: searched again under these
        else:
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

    def _table_html(self, ranked: Ranking, intervals: ComputedIntervals | None) -> str:
        """The ranking under the weights shown; a group ranked by its desk score alone (Ranking.desk_only) without
        interview and final score columns, as a report's desk-only ranking."""
        lang, table = self.lang, ranked.table
        caption = None
        if table.empty:  # (a category without participants in this province: the table was empty without a word)
            label = getattr(self._loaded().category.label, lang)
            caption = t("explorer.empty_group", lang, category=label)
        elif len(table) > TABLE_ROWS:
            caption = t("explorer.rows_shown", lang, shown=Num(TABLE_ROWS), total=Num(len(table)))
            table = table.head(TABLE_ROWS)
        columns = [
            (t("report.col_rank", lang), "rank"),  # a shared rank marked as the reports and cards mark it
            (t("explorer.shift", lang), "mark"),
            (t("report.col_name", lang), "name"),
            (t("report.col_desk", lang), "score"),
        ]
        if not ranked.desk_only:
            columns += [(t("report.col_interview", lang), "score"), (t("report.col_final", lang), "score")]
        rows = [
            [(r.peringkat, r.bersama), _shift(shift), r.nama, r.skor_dokumen]
            + ([] if ranked.desk_only else [r.skor_wawancara, r.skor_akhir])
            for r, shift in zip(table.itertuples(), table["geser"].to_numpy(dtype=np.float64), strict=True)
        ]
        if intervals is not None:
            found = intervals.table.set_index("id_peserta").loc[
                table["id_peserta"], ["peringkat_p05", "peringkat_p95", "seri_statistik"]
            ]
            columns += [(t("report.col_interval", lang), "text"), (t("report.col_tie", lang), "bool")]
            for row, (low, high, tie) in zip(rows, found.to_numpy(dtype=object), strict=True):
                row += [
                    "–" if pd.isna(low) else interval_text(int(low), int(high)),
                    False if pd.isna(tie) else bool(tie),
                ]
        shown = tables.table(columns, rows, lang, sortable=False, caption=caption, css_class="explorer-ranking")
        return _html(lang, "ranking", shown, self._ranking_heading())

    def _ranking_heading(self) -> str:
        """The ranking's heading: the category and the group it ranks (a province, a zone, or the national one)."""
        model, lang = self._loaded(), self.lang
        names = dict(zip(self.season.provinces["kode_wilayah"], self.season.provinces["nama"], strict=True))
        kelompok = model.group if model.group is not None else str(self.province_pick.value)  # a province of no zone
        group = group_words(kelompok, names, functools.partial(t, lang=lang))
        return t("explorer.ranking_heading", lang, category=getattr(model.category.label, lang), group=group)

    def _ranking_summary(self, table: pd.DataFrame) -> str:
        """What the weights shown make of the group, in one line: who is first, and how many ranks moved against the
        official ones; that it holds nobody, for an empty group, and that nobody can be scored, for a group no indicator
        applies to."""
        category = getattr(self._loaded().category.label, self.lang)
        if table.empty:
            return t("explorer.empty_group", self.lang, category=category)
        if table["peringkat"].isna().all():  # no indicator applies to anyone: no score, no first place
            return t("explorer.nobody_scored", self.lang, category=category)
        ranked = table[table["peringkat"] == 1]
        first = series([isolate(name) for name in ranked["nama"]], self.lang) if len(ranked) else "–"
        shifts = table["geser"].to_numpy(dtype=np.float64)
        moved = int(np.count_nonzero(np.nan_to_num(shifts) != 0))
        return t("explorer.ranking_summary", self.lang, first=first, moved=Num(moved), total=Num(len(table)))

    def _chart_html(self, table: pd.DataFrame, top: int = 12) -> str:
        """Score-breakdown bars (inline SVG, instant to redraw): the first `top` ranked participants' scores by
        indicator, each part in its colour and hatch (as the report's chart draws them), and how many of the ranked
        it shows when it does not show them all."""
        ranked = table[table["peringkat"].notna()]
        head = ranked.head(top)
        parts = [c for c in head.columns if c.startswith("kontribusi_")]
        labels = {i.id: getattr(i.label, self.lang) for i in self._loaded().category.indicators}
        labels["wawancara"] = t("report.part_interview", self.lang)
        legend = [
            SimpleNamespace(
                label=labels[c.removeprefix("kontribusi_")],
                colour=INTERVIEW_COLOUR if c == "kontribusi_wawancara" else PALETTE[i % len(PALETTE)],
                hatch=HATCHES[i % len(HATCHES)],
                fill=f"url(#{self.chart_ids}-{i})",
            )
            for i, c in enumerate(parts)
        ]
        rows = []
        for _, r in head.iterrows():
            bars = [
                SimpleNamespace(label=part.label, fill=part.fill, value=max(float(np.nan_to_num(r[c])), 0.0))
                for part, c in zip(legend, parts, strict=True)
            ]
            total = r["skor_akhir"] if r["finalis"] else r["skor_dokumen"]
            rows.append(SimpleNamespace(name=r["nama"], parts=bars, total=score(total, self.lang)))
        shown = (
            ""
            if len(head) == len(ranked)
            else t("explorer.chart_first", self.lang, shown=len(head), ranked=Num(len(ranked)))
        )
        return _html(self.lang, "chart", rows, legend, self.chart_ids, shown)

    def _picked(self) -> None:
        """A participant picked (or the first of a new group, or the weights its steps were searched under
        changed): its profile now, its cheapest actions soon after."""
        self._picks += 1
        pick = self._picks
        self._steps = None
        self._show_profile()

        def search() -> None:
            if pick == self._picks:  # no other pick since
                self._show_profile(with_actions=True)

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script, a test): search now
            search()
            return
        loop.call_later(ACTIONS_DELAY_SECONDS, self._guarded(search))

    def _show_profile(self, with_actions: bool = False) -> None:
        pid = self.participant_pick.value
        model = self.model
        rows = np.flatnonzero(model.peserta["id_peserta"].to_numpy() == pid) if model is not None else np.array([])
        if model is None or self.current is None or len(rows) == 0:  # no ranking, or not of this group yet
            self.profile.value = ""
            return
        row = int(rows[0])
        category = model.category
        lang = self.lang
        nilai = model.nilai
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
        mine = self.current.table[self.current.table["id_peserta"] == pid].iloc[0]
        if with_actions and not np.isnan(mine.peringkat):  # a participant not ranked has no steps up
            self._steps = (self._steps_key(), self._cheapest_steps(pid))
        self.profile.value = _html(
            lang,
            "profile",
            tables.rank_text(mine.peringkat, bool(mine.bersama), lang),
            tables.table(columns, body, lang, sortable=False),
            self._steps[1] if self._steps is not None and self._steps[0] == self._steps_key() else None,
            mine.peringkat == 1,
            t("explorer.profile_caption", lang, name=isolate(mine.nama)),
            t("explorer.not_scored", lang) if np.isnan(mine.peringkat) else "",  # only where no indicator applies
        )

    def _steps_key(self) -> tuple[object, ...]:
        """What a participant's steps up are searched for: the participant, the weights and the desk share shown."""
        return (self.participant_pick.value, tuple(sorted(self.weights().items())), self.desk_share())

    def _cheapest_steps(self, pid: str) -> Steps:
        """The participant's cheapest steps up ('what would it take') under the current weights, told apart as a
        card tells them: those enough on their own, and those that are not."""
        model = self._loaded()
        weights, share = self.weights(), self.desk_share()
        methodology = model.methodology_with(weights, share)
        official = weights == model.official_weights and share == model.official_desk_share
        provinces = None if model.province is None else [model.province]
        gaps = what_it_takes(
            self.season,
            methodology,
            self.grouped.scores
            if official
            else None,  # the season's own scores, when the weights are the official ones
            provinces=provinces,
            categories=[model.kategori],
            participants=[pid],
        )
        rows: list[dict[str, Any]] = cheapest_actions(gaps, n=3).to_dict("records")  # type: ignore[assignment]  # column names are str
        return steps(rows, self.lang)

    def _save(self) -> None:
        """Save the weights shown under the name typed; where a file has that name, nothing is written: the status
        line names it and when it was saved, and "Timpa" appears to replace it."""
        self._write(None)

    def _replace(self) -> None:
        """Replace the file a save was held back for, if the page still shows what it showed then."""
        pending = self.pending
        if pending is None or pending.shown != self._shown_for_save():  # changed, or a click sent by hand
            self._drop_replace()
            raise Refused("explorer.replace_stale", button=Ref("explorer.save"))
        self._write(pending)

    def _write(self, replacing: PendingReplace | None) -> None:
        self._drop_replace()
        try:
            path = self._loaded().save(
                self.weights(),
                self.desk_share(),
                self.params_dir,
                str(self.save_name.value),
                overwrite_official=self._official_ticked(),
                replacing=None if replacing is None else replacing.found,
            )
        except TargetExists as exists:
            self.pending = PendingReplace(exists.found, self._shown_for_save())
            self.replace_button.layout.display = None
            self.status.value = _html(self.lang, "alert", exists.message(self.lang))
            return
        except OfficialFileProtected:  # what allows it: the command's option when served, else the notebook's parameter
            raise Refused("explorer.protected" if self.served else "explorer.protected_nb") from None
        message = (
            t("explorer.saved", self.lang, path=path)
            if replacing is None
            else t("explorer.replaced", self.lang, path=path, saved=replacing.found.saved)
        )
        self.status.value = _html(self.lang, "text", message)

    def _official_ticked(self) -> bool:
        return self.overwrite is not None and bool(self.overwrite.value)

    def _shown_for_save(self) -> tuple[object, ...]:
        """What a save writes, as the page shows it now: a replacement is confirmed for this only."""
        model = self._loaded()
        return (
            self.season.musim,
            model.kategori,
            model.group,
            str(self.save_name.value),
            tuple(sorted(self.weights().items())),
            self.desk_share(),
            self._official_ticked(),
        )

    def _drop_replace(self) -> None:
        """Forget a save waiting for "Timpa" (the name or a setting changed): its button and its warning go."""
        if self.pending is not None:
            self.pending = None
            self.status.value = ""
        self.replace_button.layout.display = "none"
