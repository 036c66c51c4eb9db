"""The weight explorer's logic: re-rank one ranking group under other weights, exactly as the engine does.

Raw indicator values are computed once; a weight change only re-runs the desk arithmetic and the ranking
(`scoring.desk_scores`, `ranking.rank`), so it takes milliseconds. The widgets live in explorer_ui.py.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import indicators, ranking, registry, scoring
from .engine import SeasonScores, score_season
from .messages import Num, Ref, os_reason, t
from .methodology import METHODOLOGY_FILE, WEIGHT_MAX, Indicator, Methodology, parse_methodology, save_methodology
from .outputs import blocked_by
from .problems import UserError
from .rapor.paths import windows_device
from .regions import resolve_province, unknown_province_ref
from .season import Season
from .uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, rank_uncertainty

SLIDER_MIN, WEIGHT_STEP = 0.5, 0.5
DESK_SHARE_RANGE = (0.0, 1.0)
MAX_NAME_LENGTH = 100


def weight_range(indicator: Indicator) -> tuple[float, float]:
    """The weights the explorer allows for an indicator (its slider's range): from 0.5 (or the official
    weight, if lower) to 3 times the official weight, at least up to 10, never past what a methodology may hold."""
    return min(SLIDER_MIN, indicator.weight), min(max(3 * indicator.weight, 10.0), WEIGHT_MAX)


class Refused(UserError, ValueError):
    """What the explorer does not do as asked: weights, a desk share, a province or a file name it does not accept,
    a save that failed, a replacement asked for after the file changed; `message(lang)` says why."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(t(key, "en", **fields))
        self.key, self.fields = key, fields

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.fields)


class OfficialFileProtected(Refused):
    """Saving over the season's official methodology needs an explicit choice."""

    def __init__(self) -> None:
        super().__init__("explorer.protected")


def _real(value: object) -> bool:
    """Whether `value` is a plain real number (Python's or numpy's), not a boolean."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _within(value: object, low: float, high: float) -> bool:
    return _real(value) and math.isfinite(value) and low <= value <= high  # type: ignore[arg-type,operator]


def _shown(value: object) -> str:
    """A value a client sent, short enough for a message."""
    return f"{float(value):g}" if _real(value) else repr(value)[:40]  # type: ignore[arg-type]


@dataclass(frozen=True)
class Ranking:
    """One ranking group under some weights: a row per participant, official rank and shift included."""

    table: pd.DataFrame  # id_peserta, nama, finalis, skor_dokumen, skor_wawancara, skor_akhir, peringkat, bersama
    #                      (another participant holds the same rank), peringkat_resmi, geser (positive = moved up),
    #                      plus kontribusi_<id> per indicator (and
    #                      kontribusi_wawancara with finalists, where the interview weighs): parts of the score ranked
    #                      by (final or desk)
    weights: dict[str, float]
    desk_share: float  # the desk share ranked with, as a saved methodology holds it (rounded to 10 decimals)
    desk_only: bool = False  # ranked by its desk score alone (ranking.desk_only): no interview nor final score


class WeightModel:
    """One ranking group of one category: the category's group that holds `province`'s participants (its zone
    for a category ranked by zone; the one national group, whatever `province`, for a national category).

    The explorer's logic, without widgets: raw indicator values are computed once, so `rank` under other
    weights takes milliseconds and gives the engine's ranks for the same methodology.

    Parameters
    ----------
    season : Season
        The validated season (`read_season`).
    methodology : Methodology
        The official methodology (`load_methodology`): the weights ranks are compared against.
    kategori : str
        A category id of the methodology.
    province : str or None
        A province code (e.g. ``"61"``; its short name ``"kalbar"`` or its name is read as the code); ignored for a
        category ranked nationally.
    scores : SeasonScores or ScoresByGroup, optional
        ``score_season(season, methodology)`` over the whole season: the group is read from it instead of scored
        again (seconds on a national season); from a `ScoresByGroup` built once, in milliseconds. None scores the
        group here.

    Raises
    ------
    KeyError
        When `kategori` is not a category of the methodology.
    Refused
        When the category ranks by province or zone and `province` names no province of the season (the message
        of a report's unknown province: the closest province first, then the season's).
    SeasonInvalid
        When the season and the methodology disagree (see `score_season`).

    See Also
    --------
    paritrana_nb.explorer_ui.ExplorerApp : The widgets around this model.

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.methodology import load_methodology
    >>> from paritrana_nb.explorer import WeightModel
    >>> season = read_season(2025, "data")
    >>> model = WeightModel(season, load_methodology("params/2025/metodologi.yaml"), "pemda", "61")
    >>> model.official_weights
    {'ucj': 30.0, 'ucj_naik': 20.0, 'capaian_target': 15.0, 'rentan_apbd': 20.0, 'regulasi': 15.0}
    >>> weights = {**model.official_weights, "regulasi": 45.0}
    >>> ranking = model.rank(weights)
    >>> ranking.table[["nama", "peringkat", "peringkat_resmi"]].head(6).to_dict("records")[-1]
    {'nama': 'Kabupaten Sanggau', 'peringkat': 6.0, 'peringkat_resmi': 9.0}
    """

    def __init__(
        self,
        season: Season,
        methodology: Methodology,
        kategori: str,
        province: str | None,
        scores: SeasonScores | ScoresByGroup | None = None,
    ) -> None:
        self.season = season
        self.official = methodology
        self.kategori = kategori
        self.category = methodology.kategori[kategori]
        if self.category.kelompok != "nasional":  # a group of no province of the season would be silently empty
            known = dict(zip(season.provinces["kode_wilayah"], season.provinces["nama"], strict=True))
            code = None if province is None else resolve_province(str(province), known)  # 61, "kalbar"
            if code is None or code not in known:
                said = unknown_province_ref(province, known)
                raise Refused(said.key, **dict(said.fields))
            province = code
        self.province = province if self.category.provincial else None
        self.group = _group_of(season, self.category.kelompok, province)
        if scores is not None:
            self._from_scores(scores if isinstance(scores, ScoresByGroup) else ScoresByGroup(scores))
            return
        provinces = None if self.province is None else [self.province]
        rows = registry.build(season, methodology, [kategori]).participants(kategori)
        rows = rows[rows["kelompok"] == self.group].reset_index(drop=True)
        self.peserta = rows[["id_peserta", "nama", "kode_provinsi"]]
        self.nilai = indicators.compute(rows, self.category, methodology.aturan)[0].to_numpy(dtype=np.float64)
        official = score_season(season, methodology, provinces, [kategori]).peserta
        interviews = official.set_index("id_peserta")
        ids = self.peserta["id_peserta"]
        self.skor_wawancara = ids.map(interviews["skor_wawancara"]).to_numpy(dtype=np.float64)
        self.official_ranks = ids.map(interviews["peringkat"]).to_numpy(dtype=np.float64, na_value=np.nan)

    def _from_scores(self, scores: ScoresByGroup) -> None:
        """The group's participants (in id order), raw values, interview scores and official ranks, read from
        the official scores of the whole season instead of computed again (the explorer scores a season once)."""
        mine = scores.peserta(self.kategori, self.group)
        mine = mine.sort_values("id_peserta", kind="stable").reset_index(drop=True)
        self.peserta = mine[["id_peserta", "nama", "kode_provinsi"]]
        ids = pd.Index(mine["id_peserta"])
        part = scores.indikator(self.kategori, mine["kode_provinsi"].unique())
        row = ids.get_indexer(pd.Index(part["id_peserta"]))
        column = pd.Index(self.category.indicator_ids).get_indexer(pd.Index(part["indikator"]))
        kept = (row >= 0) & (column >= 0) & part["berlaku"].to_numpy(dtype=bool)
        self.nilai = np.full((len(ids), len(self.category.indicators)), np.nan)
        self.nilai[row[kept], column[kept]] = part["nilai"].to_numpy(dtype=np.float64)[kept]
        self.skor_wawancara = mine["skor_wawancara"].to_numpy(dtype=np.float64)
        self.official_ranks = mine["peringkat"].to_numpy(dtype=np.float64, na_value=np.nan)

    @property
    def official_weights(self) -> dict[str, float]:
        return {i.id: i.weight for i in self.category.indicators}

    @property
    def official_desk_share(self) -> float:
        return self.category.stage_weights.dokumen

    def participant_choices(self) -> tuple[list[tuple[str, str]], str | None]:
        """The participant picker's (label, id_peserta) options, by name (case and accents aside, then by id), a
        name the group holds twice labelled with its id too; and the one shown first: the first of the official
        ranking (None for an empty group)."""
        names = self.peserta["nama"].astype(str)
        ids = self.peserta["id_peserta"].astype(str)
        twice = names.duplicated(keep=False).to_numpy()
        labels = [f"{n} ({i})" if d else n for n, i, d in zip(names, ids, twice, strict=True)]
        keys = [unicodedata.normalize("NFKD", n).casefold() for n in names]
        order = sorted(range(len(labels)), key=lambda k: (keys[k], ids.iloc[k]))
        options = [(labels[k], ids.iloc[k]) for k in order]
        ranked = np.flatnonzero(~np.isnan(self.official_ranks))
        if len(ranked):
            return options, ids.iloc[ranked[np.argmin(self.official_ranks[ranked])]]
        return options, options[0][1] if options else None

    def methodology_with(
        self, weights: Mapping[str, float], desk_share: float, proposal: str | None = None
    ) -> Methodology:
        """The official methodology with this category's weights and stage split replaced; with a `proposal` name,
        its `nama` says it is that proposal, based on the official one.

        Raises Refused unless `weights` names exactly this category's indicators, each within its
        `weight_range`, and `desk_share` is within [0, 1], whatever a widget was made to send; of a category that
        weighs no interview, unless `desk_share` is its own (its interview counts for nothing, whatever scores it
        holds: the methodology file, not the explorer, gives it a weight)."""
        if set(weights) != set(self.category.indicator_ids):
            raise Refused(
                "explorer.weights_unknown",
                given=", ".join(sorted(map(str, weights))),
                expected=", ".join(self.category.indicator_ids),
            )
        for indicator in self.category.indicators:
            low, high = weight_range(indicator)
            if not _within(weights[indicator.id], low, high):
                raise Refused(
                    "explorer.weight_out_of_range",
                    indicator=indicator.id,
                    value=_shown(weights[indicator.id]),
                    low=Num(low, 1),
                    high=Num(high, 1),
                )
        if not _within(desk_share, *DESK_SHARE_RANGE):
            raise Refused("explorer.desk_share_out_of_range", value=_shown(desk_share))
        if not self.category.weighs_interview and desk_share != self.official_desk_share:
            raise Refused("explorer.desk_share_fixed", kategori=self.kategori)
        data = self.official.model_dump(mode="python")
        if proposal is not None:  # a saved proposal says so wherever its name is shown (a report's methodology)
            data["nama"] = {
                lang: t("explorer.proposal_name", lang, name=proposal, based=getattr(self.official.nama, lang))
                for lang in ("id", "en")
            }
        category = data["kategori"][self.kategori]
        for indicator in category["indicators"]:
            indicator["weight"] = float(weights[indicator["id"]])
        share = round(float(desk_share), 10)
        category["stage_weights"] = {"dokumen": share, "wawancara": round(1.0 - share, 10)}
        return parse_methodology(data, "explorer")

    def rank(self, weights: Mapping[str, float] | None = None, desk_share: float | None = None) -> Ranking:
        """Ranks under `weights` and `desk_share` (defaults: the official ones)."""
        weights = dict(self.official_weights if weights is None else weights)
        share = self.official_desk_share if desk_share is None else desk_share
        methodology = self.methodology_with(weights, share)
        category = methodology.kategori[self.kategori]
        desk = scoring.desk_scores(self.nilai, category.indicators)
        tie = category.indicator_ids.index(category.tie_break)
        work = pd.DataFrame(
            {
                "kategori": self.kategori,
                "kelompok": self.group,
                "skor_dokumen": desk.skor,
                "skor_wawancara": self.skor_wawancara,
                "finalis": ~np.isnan(self.skor_wawancara),
                "n_tie_break": desk.n[:, tie],
            }
        )
        ranked = ranking.rank(work, methodology)
        table = self.peserta[["id_peserta", "nama"]].copy()
        for column in ("finalis", "skor_dokumen", "skor_wawancara", "skor_akhir"):
            table[column] = ranked[column].to_numpy()
        table["peringkat"] = ranked["peringkat"].to_numpy(dtype=np.float64, na_value=np.nan)
        table["bersama"] = table["peringkat"].duplicated(keep=False) & table["peringkat"].notna()
        table["peringkat_resmi"] = self.official_ranks
        table["geser"] = table["peringkat_resmi"] - table["peringkat"]
        # each bar adds up to the score ranked by: a finalist's final score (the stage weights ranked with), the
        # desk score of everyone else, also in a group at the interview stage
        finalist = table["finalis"].to_numpy(dtype=bool)
        stage = np.where(finalist, category.stage_weights.dokumen, 1.0)
        for j, indicator in enumerate(category.indicators):
            table[f"kontribusi_{indicator.id}"] = desk.kontribusi[:, j] * stage
        if finalist.any() and category.weighs_interview:
            interview = np.where(finalist, self.skor_wawancara * category.stage_weights.wawancara, 0.0)
            table["kontribusi_wawancara"] = interview
        order = np.lexsort((np.arange(len(table)), table["peringkat"].fillna(np.inf).to_numpy()))
        tahap = ranking.TAHAP_WAWANCARA if finalist.any() else ranking.TAHAP_DOKUMEN
        return Ranking(
            table.iloc[order].reset_index(drop=True),
            weights,
            category.stage_weights.dokumen,
            ranking.desk_only(tahap, category),
        )

    def intervals(
        self,
        weights: Mapping[str, float] | None = None,
        desk_share: float | None = None,
        draws: int = DEFAULT_DRAWS,
        seed: int = DEFAULT_SEED,
    ) -> pd.DataFrame:
        """The group's rank intervals (uncertainty.rank_uncertainty) around `weights` and `desk_share`:
        one row per participant, id_peserta and the uncertainty columns, in `self.peserta` order."""
        weights = dict(self.official_weights if weights is None else weights)
        share = self.official_desk_share if desk_share is None else desk_share
        provinces = None if self.province is None else [self.province]
        scores = score_season(self.season, self.methodology_with(weights, share), provinces, [self.kategori])
        found = rank_uncertainty(scores, draws, seed).peserta.set_index("id_peserta")
        return found.reindex(self.peserta["id_peserta"]).reset_index()

    def save_path(self, params_dir: Path | str, name: str, overwrite_official: bool = False) -> Path:
        """Where `save` writes the methodology named `name`: the absolute path of params/<musim>/<name>.yaml.

        Raises Refused for an empty name, one that is not 1 to 100 letters, digits, '-' or '_' (so no folder,
        `..` or markup) or one Windows keeps for a device (`CON`, `nul`, `COM1`), OfficialFileProtected for the
        season's official file (metodologi.yaml, in any letter case) unless `overwrite_official=True`."""
        stem = name.strip().removesuffix(".yaml")
        if not stem:
            raise Refused("explorer.empty_file_name", limit=MAX_NAME_LENGTH)
        if not re.fullmatch(rf"[A-Za-z0-9_-]{{1,{MAX_NAME_LENGTH}}}", stem):
            raise Refused("explorer.bad_file_name", limit=MAX_NAME_LENGTH)
        if windows_device(stem):  # a file a colleague's Windows could neither open nor copy from the shared folder
            raise Refused("explorer.device_file_name", name=stem)
        path = Path(params_dir).resolve() / str(self.season.musim) / f"{stem}.yaml"
        if path.name.casefold() == METHODOLOGY_FILE:
            if not overwrite_official:
                raise OfficialFileProtected()
            path = path.with_name(METHODOLOGY_FILE)  # the official file itself, not a look-alike beside it
        return path

    def save(
        self,
        weights: Mapping[str, float],
        desk_share: float,
        params_dir: Path | str,
        name: str,
        overwrite_official: bool = False,
        replacing: ExistingFile | None = None,
    ) -> Path:
        """Write the methodology with these weights as params/<musim>/<name>.yaml (atomically); its absolute path.

        A file already there is never replaced unasked: TargetExists names it and when it was saved, unless
        `replacing` is that file as TargetExists found it (TargetExists again, `changed`, when it was written since).
        The official file, with `overwrite_official=True`, is replaced at once: that choice is the confirmation.
        Raises Refused for a name `save_path` refuses, weights `methodology_with` refuses, or a file that cannot be
        written (a folder at the name, a folder without write permission: the file and the reason named).
        """
        path = self.save_path(params_dir, name, overwrite_official)
        official = path.name == METHODOLOGY_FILE  # it becomes the official methodology: its name stays
        methodology = self.methodology_with(weights, desk_share, None if official else path.stem)
        try:
            return _save_once(methodology, path, official, replacing)
        except OSError as error:
            raise Refused("explorer.save_failed", path=path, reason=os_reason(error)) from None


@dataclass(frozen=True)
class ExistingFile:
    """A file found at the name a methodology is to be saved under: which file, and its state when found (a
    replacement is confirmed for that state only)."""

    path: Path
    modified_ns: int
    size: int
    inode: int

    @classmethod
    def at(cls, path: Path) -> ExistingFile | None:
        """The file (or symbolic link) at `path`, or None where there is none (a device or pipe, or a link to one or
        to a folder, is no such file: writing refuses it, so replacing it is never offered)."""
        try:
            found = path.lstat()
        except (FileNotFoundError, NotADirectoryError):
            return None
        if not (stat.S_ISREG(found.st_mode) or stat.S_ISLNK(found.st_mode)):
            return None
        if stat.S_ISLNK(found.st_mode) and path.exists() and not path.is_file():
            return None
        return cls(path, found.st_mtime_ns, found.st_size, found.st_ino)

    @property
    def saved(self) -> str:
        """When it was last written, in this machine's time: 2026-12-01 22:10:05."""
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.modified_ns / 1e9))


class TargetExists(Refused):
    """A methodology file already has the name to save under: nothing was written; `found` is that file, to be
    passed back as `replacing` once the user confirms replacing it. `changed`: it was written again after the
    user was told about an earlier version."""

    def __init__(self, found: ExistingFile, changed: bool = False) -> None:
        key = "explorer.exists_changed" if changed else "explorer.exists"
        super().__init__(key, path=str(found.path), saved=found.saved, button=Ref("explorer.replace"))
        self.found, self.changed = found, changed


def _save_once(methodology: Methodology, path: Path, official: bool, replacing: ExistingFile | None) -> Path:
    """Write `methodology` at `path` where `WeightModel.save` may: a new name, the file `replacing` (unchanged since
    it was found) or, `official`, the season's official file; TargetExists for any other file there."""
    if (blocker := blocked_by(path.parent)) is not None:
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(blocker))
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    found = None if official else ExistingFile.at(path)
    if found is not None and found != replacing:
        raise TargetExists(found, changed=_told_of(replacing, found))
    try:
        return save_methodology(methodology, path, replace=official or found is not None)
    except FileExistsError:  # a file came at the name after the look above: the same question as if it had been there
        came = ExistingFile.at(path)
        if came is None:  # a device, a pipe: said as it is
            raise
        raise TargetExists(came, changed=_told_of(replacing, came)) from None


def _told_of(replacing: ExistingFile | None, found: ExistingFile) -> bool:
    """Whether the user was told of another version of the file `found` (not of a file of another name)."""
    return replacing is not None and replacing.path == found.path


class ScoresByGroup:
    """A whole season's official scores (`score_season`), with the row positions of every ranking group found once:
    a group's rows are then taken directly instead of by scanning the season's (a scan takes a fifth of a second on a
    national season of 384,000 participants and 1.7 million indicator rows).

    Parameters
    ----------
    scores : SeasonScores
        The scores of the whole season under the official methodology.
    """

    def __init__(self, scores: SeasonScores) -> None:
        self.scores = scores
        self._peserta = scores.peserta.groupby(["kategori", "kelompok"], sort=False).indices
        self._indikator = scores.indikator.groupby(["kategori", "kode_provinsi"], sort=False).indices

    def peserta(self, kategori: str, kelompok: str | None) -> pd.DataFrame:
        """The rows of `scores.peserta` of one ranking group, in their order there (none for an unknown group)."""
        return self.scores.peserta.iloc[self._peserta.get((kategori, kelompok), np.array([], dtype=np.intp))]

    def indikator(self, kategori: str, provinces: Iterable[str]) -> pd.DataFrame:
        """The rows of `scores.indikator` of one category in `provinces`, in their order there."""
        found = [self._indikator[(kategori, p)] for p in provinces if (kategori, p) in self._indikator]
        return self.scores.indikator.iloc[np.sort(np.concatenate(found)) if found else np.array([], dtype=np.intp)]


def _group_of(season: Season, kelompok: str, province: str | None) -> str | None:
    """The ranking group a category's participants of `province` are ranked in (national: the one group)."""
    if kelompok == "nasional":
        return registry.NATIONAL
    if kelompok == "zona":
        return registry.zones(season).get(str(province))
    return province
