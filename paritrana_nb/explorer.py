"""The weight explorer's logic: re-rank one ranking group under other weights, exactly as the engine does.

Raw indicator values are computed once; a weight change only re-runs the desk arithmetic and the ranking
(`scoring.desk_scores`, `ranking.rank`), so it takes milliseconds. The widgets live in explorer_ui.py.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import indicators, ranking, registry, scoring
from .engine import score_season
from .methodology import METHODOLOGY_FILE, Methodology, parse_methodology, save_methodology
from .season import Season
from .uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, rank_uncertainty


class OfficialFileProtected(FileExistsError):
    """Saving over the season's official methodology needs an explicit choice."""


@dataclass(frozen=True)
class Ranking:
    """One ranking group under some weights: a row per participant, official rank and shift included."""

    table: pd.DataFrame  # id_peserta, nama, finalis, skor_dokumen, skor_wawancara, skor_akhir, peringkat,
    #                      peringkat_resmi, geser (positive = moved up), plus kontribusi_<id> per indicator
    weights: dict[str, float]
    desk_share: float


class WeightModel:
    """One ranking group of one category: the category's group that holds `province`'s participants (its zone
    for a category ranked by zone; the one national group, whatever `province`, for a national category)."""

    def __init__(self, season: Season, methodology: Methodology, kategori: str, province: str | None) -> None:
        self.season = season
        self.official = methodology
        self.kategori = kategori
        self.category = methodology.kategori[kategori]
        self.province = province if self.category.provincial else None
        provinces = None if self.province is None else [self.province]
        rows = registry.build(season, methodology, [kategori]).participants(kategori)
        self.group = _group_of(season, self.category.kelompok, province)
        rows = rows[rows["kelompok"] == self.group].reset_index(drop=True)
        self.peserta = rows[["id_peserta", "nama", "kode_provinsi"]]
        self.nilai = indicators.compute(rows, self.category, methodology.aturan)[0].to_numpy(dtype=np.float64)
        official = score_season(season, methodology, provinces, [kategori]).peserta
        interviews = official.set_index("id_peserta")
        ids = self.peserta["id_peserta"]
        self.skor_wawancara = ids.map(interviews["skor_wawancara"]).to_numpy(dtype=np.float64)
        self.official_ranks = ids.map(interviews["peringkat"]).to_numpy(dtype=np.float64, na_value=np.nan)

    @property
    def official_weights(self) -> dict[str, float]:
        return {i.id: i.weight for i in self.category.indicators}

    @property
    def official_desk_share(self) -> float:
        return self.category.stage_weights.dokumen

    def methodology_with(self, weights: Mapping[str, float], desk_share: float) -> Methodology:
        """The official methodology with this category's weights and stage split replaced (validated)."""
        data = self.official.model_dump(mode="python")
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
        work = pd.DataFrame({
            "kategori": self.kategori, "kelompok": self.group, "skor_dokumen": desk.skor,
            "skor_wawancara": self.skor_wawancara, "finalis": ~np.isnan(self.skor_wawancara),
            "n_tie_break": desk.n[:, tie],
        })
        ranked = ranking.rank(work, methodology)
        table = self.peserta[["id_peserta", "nama"]].copy()
        for column in ("finalis", "skor_dokumen", "skor_wawancara", "skor_akhir"):
            table[column] = ranked[column].to_numpy()
        table["peringkat"] = ranked["peringkat"].to_numpy(dtype=np.float64, na_value=np.nan)
        table["peringkat_resmi"] = self.official_ranks
        table["geser"] = table["peringkat_resmi"] - table["peringkat"]
        stage = share if table["finalis"].any() else 1.0
        for j, indicator in enumerate(category.indicators):
            table[f"kontribusi_{indicator.id}"] = desk.kontribusi[:, j] * stage
        if table["finalis"].any():
            table["kontribusi_wawancara"] = np.nan_to_num(self.skor_wawancara) * (1.0 - share)
        order = np.lexsort((np.arange(len(table)), table["peringkat"].fillna(np.inf).to_numpy()))
        return Ranking(table.iloc[order].reset_index(drop=True), weights, share)

    def intervals(self, weights: Mapping[str, float] | None = None, desk_share: float | None = None,
                  draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> pd.DataFrame:
        """The group's rank intervals (uncertainty.rank_uncertainty) around `weights` and `desk_share`:
        one row per participant, id_peserta and the uncertainty columns, in `self.peserta` order."""
        weights = dict(self.official_weights if weights is None else weights)
        share = self.official_desk_share if desk_share is None else desk_share
        provinces = None if self.province is None else [self.province]
        scores = score_season(self.season, self.methodology_with(weights, share), provinces, [self.kategori])
        found = rank_uncertainty(scores, draws, seed).peserta.set_index("id_peserta")
        return found.reindex(self.peserta["id_peserta"]).reset_index()

    def save(self, weights: Mapping[str, float], desk_share: float, params_dir: Path | str, name: str,
             overwrite_official: bool = False) -> Path:
        """Write the methodology with these weights as params/<musim>/<name>.yaml.

        The season's official file (metodologi.yaml) is only replaced with `overwrite_official=True`.
        """
        stem = name.strip().removesuffix(".yaml")
        if not re.fullmatch(r"[A-Za-z0-9_-]+", stem):
            raise ValueError(f"'{name}': use letters, digits, '-' and '_' only")
        path = Path(params_dir) / str(self.season.musim) / f"{stem}.yaml"
        if path.name == METHODOLOGY_FILE and not overwrite_official:
            raise OfficialFileProtected(str(path))
        return save_methodology(self.methodology_with(weights, desk_share), path)


def _group_of(season: Season, kelompok: str, province: str | None) -> str | None:
    """The ranking group a category's participants of `province` are ranked in (national: the one group)."""
    if kelompok == "nasional":
        return registry.NATIONAL
    if kelompok == "zona":
        return registry.zones(season).get(str(province))
    return province
