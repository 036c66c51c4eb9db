"""Interview aggregation: per participant and aspect the jurors' mean, then the mean over the aspects.

From `aturan.pangkas_juri_mulai` jurors on (4 by default) the one highest and one lowest score are dropped; an
aspect nobody scored counts 0.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .messages import LANGS
from .methodology import Methodology
from .problems import ValidationReport

ASPEK_TANPA_NILAI = "aspek_tanpa_nilai"
KEY = ["kategori", "id_peserta"]


def check_aspects(
    wawancara: pd.DataFrame,
    methodology: Methodology,
    file: str,
    report: ValidationReport,
    categories: Collection[str] | None = None,
    *,
    unscored: bool = True,
) -> None:
    """Every interview score of a category the methodology scores (of `categories`) must be for one of its aspects
    (an error otherwise; E_JURY_ASPECT_LABEL, naming the id, where the cell holds an aspect's label instead of its
    id; E_JURY_NO_ASPECTS where the category lists none, weighing no interview); with `unscored`, a finalist that no
    juror scored on one of them is warned of (the aspect counts 0)."""
    for kategori in methodology.categories():
        if categories is not None and kategori not in categories:
            continue
        allowed = methodology.kategori[kategori].aspect_ids
        if unscored:
            _warn_unscored_aspects(wawancara, kategori, allowed, file, report)
        rows = wawancara[(wawancara["kategori"] == kategori) & ~wawancara["aspek"].isin(allowed)]
        if not allowed:  # a category that weighs no interview, its aspects left out: no aspect is assessed in it
            for row, aspek in zip(rows.index, rows["aspek"], strict=True):
                report.add("error", "E_JURY_NO_ASPECTS", file, int(row), "aspek", aspek, kategori=kategori)
            continue
        named = _named(methodology, kategori) if len(rows) else {}
        for row, aspek in zip(rows.index, rows["aspek"], strict=True):
            meant = named.get(str(aspek).strip().casefold(), set())
            if len(meant) == 1:
                [id_aspek] = meant
                report.add(
                    "error", "E_JURY_ASPECT_LABEL", file, int(row), "aspek", aspek, kategori=kategori, id=id_aspek
                )
                continue
            report.add(
                "error",
                "E_JURY_UNKNOWN_ASPECT",
                file,
                int(row),
                "aspek",
                aspek,
                kategori=kategori,
                allowed=", ".join(allowed),
            )


def _named(methodology: Methodology, kategori: str) -> dict[str, set[str]]:
    """Each name (case aside) of the category's aspects in either language -> the aspect ids it names: what a juror
    who copied an aspect's name into the aspek column meant."""
    named: dict[str, set[str]] = defaultdict(set)
    for lang in LANGS:
        for aspek, name in methodology.kategori[kategori].aspect_labels(lang).items():
            named[name.strip().casefold()].add(aspek)
    return named


def _warn_unscored_aspects(
    wawancara: pd.DataFrame, kategori: str, aspects: tuple[str, ...], file: str, report: ValidationReport
) -> None:
    """W_ASPECT_UNSCORED for each finalist of `kategori` (a participant with interview scores) and each of its
    `aspects` no juror scored, at the finalist's first row."""
    mine = wawancara[(wawancara["kategori"] == kategori) & wawancara["id_peserta"].notna()]
    if mine.empty:
        return
    scored = mine.loc[mine["nilai"].notna() & mine["aspek"].isin(aspects), ["id_peserta", "aspek"]].drop_duplicates()
    first_rows = mine.drop_duplicates("id_peserta")
    counts = first_rows["id_peserta"].map(scored["id_peserta"].value_counts()).fillna(0).to_numpy()
    first_rows = first_rows[counts < len(aspects)]  # the finalists some aspect is missing for: usually none
    held = scored[scored["id_peserta"].isin(first_rows["id_peserta"])].groupby("id_peserta")["aspek"].agg(set)
    for row, id_peserta in zip(first_rows.index, first_rows["id_peserta"], strict=True):
        for aspek in (a for a in aspects if a not in held.get(id_peserta, set())):
            report.add(
                "warning", "W_ASPECT_UNSCORED", file, int(row), "id_peserta", id_peserta, kategori=kategori, aspek=aspek
            )


@dataclass(frozen=True)
class JuryScores:
    """`aspek`: one row per finalist and aspect; `peserta`: one row per finalist with `skor_wawancara`
    and `catatan_aspek` ('aspek: aspek_tanpa_nilai; ...' for aspects nobody scored, else missing)."""

    aspek: pd.DataFrame
    peserta: pd.DataFrame


def aspect_means(scores: pd.DataFrame, trim_from: int = 4) -> pd.DataFrame:
    """Jurors' mean per (kategori, id_peserta, aspek), dropping one highest and one lowest from `trim_from` jurors
    up."""
    keys = [*KEY, "aspek"]
    ordered = scores.sort_values([*keys, "nilai", "juri"], kind="stable").reset_index(drop=True)
    groups = ordered.groupby(keys, sort=False)  # in sorted order: `ordered` is
    size = groups["nilai"].transform("size").to_numpy()
    position = groups.cumcount().to_numpy()
    trimmed = size >= trim_from
    kept = ~trimmed | ((position > 0) & (position < size - 1))
    out = groups.agg(
        jumlah_juri=("nilai", "size"),
        nilai_terendah=("nilai", "min"),
        nilai_tertinggi=("nilai", "max"),
    )
    out["rerata"] = run_means(np.where(kept, ordered["nilai"].to_numpy(dtype=np.float64), np.nan), groups.ngroup())
    out["dipangkas"] = out["jumlah_juri"] >= trim_from
    return out.reset_index()


def run_means(values: np.ndarray, runs: pd.Series | np.ndarray) -> np.ndarray:
    """The mean of `values` per run of equal `runs` labels (consecutive rows), missing values left out (NaN when
    all are): the exactly rounded sum (math.fsum) over the count. A group's mean thus depends on its own values
    alone; pandas' grouped mean adds a group's values one way or another depending on the rest of the frame, so
    a participant's score changed in its last digits with the other categories scored."""
    labels = np.asarray(runs)
    if not len(labels):
        return np.zeros(0, dtype=np.float64)
    starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]]).tolist()
    cells = np.asarray(values, dtype=np.float64).tolist()
    means = []
    for start, end in zip(starts, [*starts[1:], len(cells)], strict=True):
        present = [value for value in cells[start:end] if value == value]  # NaN is the only value unequal to itself
        means.append(math.fsum(present) / len(present) if present else math.nan)
    return np.array(means, dtype=np.float64)


def aggregate(wawancara: pd.DataFrame, methodology: Methodology, categories: Sequence[str]) -> JuryScores:
    """Interview scores of every participant with at least one juror score in `categories`."""
    grids, kept = [], []
    for kategori in categories:
        aspects = methodology.kategori[kategori].aspect_ids
        rows = wawancara[(wawancara["kategori"] == kategori) & wawancara["aspek"].isin(aspects)]
        if rows.empty:
            continue
        kept.append(rows[[*KEY, "juri", "aspek", "nilai"]])
        finalists = np.array(sorted(set(rows["id_peserta"])), dtype=object)
        grids.append(
            pd.DataFrame(
                {
                    "kategori": kategori,
                    "id_peserta": np.repeat(finalists, len(aspects)),
                    "aspek": np.tile(np.array(aspects, dtype=object), len(finalists)),
                    "urutan_aspek": np.tile(np.arange(len(aspects)), len(finalists)),
                }
            )
        )
    columns = [*KEY, "aspek", "urutan_aspek", "jumlah_juri", "nilai_terendah", "nilai_tertinggi", "rerata", "dipangkas"]
    if grids:
        means = aspect_means(pd.concat(kept), methodology.aturan.pangkas_juri_mulai)
        aspek = pd.concat(grids, ignore_index=True).merge(means, on=[*KEY, "aspek"], how="left")
    else:
        aspek = pd.DataFrame(columns=columns)
    aspek["tanpa_nilai"] = aspek["jumlah_juri"].isna()
    aspek["jumlah_juri"] = aspek["jumlah_juri"].fillna(0).astype(np.int64)
    aspek["dipangkas"] = aspek["dipangkas"].eq(True)  # a finalist no juror scored: False (no fillna: pandas 2.2 warns)
    aspek["rerata"] = aspek["rerata"].fillna(0.0).astype(np.float64)
    groups = aspek.groupby(KEY, sort=False)  # a participant's aspects are consecutive rows (its grid's)
    peserta = groups.size().reset_index()[KEY]
    peserta["skor_wawancara"] = run_means(aspek["rerata"].to_numpy(dtype=np.float64), groups.ngroup())
    peserta = peserta.sort_values(KEY, kind="stable").reset_index(drop=True)
    missing = aspek[aspek["tanpa_nilai"]]
    notes = (
        (missing["aspek"] + ": " + ASPEK_TANPA_NILAI)
        .groupby([missing["kategori"], missing["id_peserta"]], sort=True)
        .agg("; ".join)
    )
    peserta["catatan_aspek"] = notes.reindex(pd.MultiIndex.from_frame(peserta[KEY])).to_numpy(dtype=object)
    return JuryScores(aspek=aspek[[*columns, "tanpa_nilai"]], peserta=peserta)
