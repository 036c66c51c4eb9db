"""One call scores a season: indicators -> desk scores -> interviews -> ranks -> derived lists, as tidy tables.

`score_season` returns SeasonScores; `write_scores_csv` writes its wide table deterministically and atomically.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import awards, indicators, jury, ranking, registry, scoring
from .cache import DAMAGED, SeasonCache, report_from_json, report_to_json
from .methodology import Methodology, key_path
from .outputs import (
    Chunks,
    column_cells,
    csv_blocks,
    csv_header,
    factorize_objects,
    float_cells,
    object_addresses,
    write_atomic,
)
from .problems import SeasonInvalid, ValidationReport
from .registry import Registry
from .season import Season

TANPA_INDIKATOR_BERLAKU = "tanpa_indikator_berlaku"
KEY = ["kategori", "id_peserta"]
#: The score CSV's participant columns (`skor_peringkat`, the score ranked by, is only in SeasonScores.peserta).
CSV_COLUMNS: tuple[str, ...] = (
    "musim",
    "kategori",
    "kode_provinsi",
    "kelompok",
    "id_peserta",
    "nama",
    "tahap",
    "finalis",
    "skor_dokumen",
    "skor_wawancara",
    "skor_akhir",
    "peringkat",
    "usulan_shortlist",
    "dinilai",
    "alasan_tidak_dinilai",
    "catatan",
)
PESERTA_COLUMNS: tuple[str, ...] = (*CSV_COLUMNS[:11], "skor_peringkat", *CSV_COLUMNS[11:])
INDIKATOR_COLUMNS: tuple[str, ...] = (
    "kategori",
    "kode_provinsi",
    "id_peserta",
    "indikator",
    "nilai",
    "n",
    "bobot",
    "bobot_efektif",
    "kontribusi",
    "berlaku",
    "alasan",
)
WAWANCARA_COLUMNS: tuple[str, ...] = (
    "kategori",
    "kode_provinsi",
    "id_peserta",
    "aspek",
    "jumlah_juri",
    "nilai_terendah",
    "nilai_tertinggi",
    "dipangkas",
    "rerata",
    "tanpa_nilai",
)
BOOLEAN_COLUMNS: tuple[str, ...] = ("finalis", "usulan_shortlist", "dinilai")
_WORK_COLUMNS: tuple[str, ...] = (
    "musim",
    "kategori",
    "kelompok",
    "kode_provinsi",
    "id_peserta",
    "nama",
    "finalis",
    "skor_dokumen",
    "skor_wawancara",
    "dinilai",
    "alasan_tidak_dinilai",
    "catatan",
    "n_tie_break",
    "urutan_id",
)


class _LongTable:
    """The `indikator` field of SeasonScores: given a table, or the desk stage (`DeskStage`) it is built from the
    first time it is read (then kept, the desk stage freed). `paritrana score` writes its CSV from the desk stage
    (`SeasonScores.indicator_cells`) and keeps no scores in the cache, so it never builds the table (a row per
    participant and indicator)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.stored = f"_{name}"

    def __get__(self, scores: SeasonScores | None, owner: type | None = None) -> pd.DataFrame:
        if scores is None:
            raise AttributeError(self.stored)  # no default value: the field is required
        value = scores.__dict__[self.stored]
        if isinstance(value, DeskStage):
            value = scores.__dict__[self.stored] = value.table(scores.peserta)
        return value  # a table (a DeskStage was replaced by its table)

    def __set__(self, scores: SeasonScores, value: pd.DataFrame | DeskStage) -> None:
        scores.__dict__[self.stored] = value


@dataclass(frozen=True)
class SeasonScores:
    """A scored season as tidy tables.

    - `peserta`: one row per participant (columns PESERTA_COLUMNS); `kelompok` is the ranking group (the
      province code, `nasional` or the zone, as the category's kelompok says); `skor_peringkat` the score it is
      ranked by (skor_akhir for finalists, skor_dokumen otherwise).
    - `indikator`: one row per participant and indicator of its category: raw value `nilai`, normalised `n`,
      weight `bobot`, `bobot_efektif` (share of the applicable weights), `kontribusi` (= bobot_efektif * n;
      they sum to skor_dokumen), `berlaku` and the reason `alasan` when it does not apply. Built the first
      time it is read when score_season gave its desk stage (`DeskStage`).
    - `wawancara`: one row per finalist and aspect: jurors, lowest/highest score, trimmed `rerata`,
      `dipangkas` (highest and lowest dropped), `tanpa_nilai` (nobody scored it; counted 0).
    - `metodologi`: the indicators applied, with formula, goalposts and weights.
    - `nominasi`, `penghargaan`: the national-round nominees and the special awards (awards.py).
    """

    musim: int
    methodology: Methodology
    peserta: pd.DataFrame
    wawancara: pd.DataFrame
    metodologi: pd.DataFrame
    nominasi: pd.DataFrame
    penghargaan: pd.DataFrame
    indikator: _LongTable = _LongTable()  # required (no default); given a table or a DeskStage, read as a table

    def indicator_ids(self) -> list[str]:
        """Every indicator id the methodology uses, in category then methodology order, without repeats."""
        return list(dict.fromkeys(self.metodologi["indikator"]))

    def wide(self) -> pd.DataFrame:
        """One row per participant: CSV_COLUMNS, then `<id>` (raw) and `n_<id>` (normalised) per indicator.

        Indicators a participant's category does not use are empty.
        """
        base = self.peserta[list(CSV_COLUMNS)].reset_index(drop=True)
        ids = self.indicator_ids()
        rows, cols, raw, normalised = self.indicator_cells(ids)
        values = {}
        for j, indicator in enumerate(ids):
            mine = cols == j
            for prefix, source in (("", raw), ("n_", normalised)):
                column = np.full(len(base), np.nan)
                column[rows[mine]] = source[mine]
                values[prefix + indicator] = column
        return pd.concat([base, pd.DataFrame(values, index=base.index)], axis=1)

    def indicator_cells(self, ids: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For each `indikator` row, in its order: the `peserta` row of its participant (-1: not there), the
        position of its indicator in `ids`, its raw and its normalised value. From the desk stage while the table
        is not built (the table is not built for them)."""
        long = self.__dict__["_indikator"]
        if isinstance(long, DeskStage):
            return long.cells(ids)
        rows, cols = _indicator_places(self.peserta, long, ids)
        return rows, cols, *(long[source].to_numpy(dtype=np.float64) for source in ("nilai", "n"))


def _indicator_places(peserta: pd.DataFrame, indikator: pd.DataFrame, ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each `indikator` row, the `peserta` row of its participant and the position of its indicator in `ids`
    (rows of participants `peserta` does not hold are left out: their place is -1)."""
    rows = _rows_in_order(peserta, indikator)
    if rows is None:
        rows = _rows_by_key(peserta, indikator)
    codes, names = factorize_objects(indikator["indikator"].to_numpy(dtype=object))  # each indicator's name once
    cols = pd.Index(ids).get_indexer(pd.Index(names))[codes]
    cols[rows < 0] = -1
    return rows, cols


def _rows_in_order(peserta: pd.DataFrame, indikator: pd.DataFrame) -> np.ndarray | None:
    """The `peserta` row of each `indikator` row when `indikator` lists the participants in `peserta`'s order (as
    score_season builds it), each in one run of rows; None when it does not (checked, not assumed). Checked first by
    object identity (score_season repeats `peserta`'s own key objects: cheap to compare), then by value."""
    if len(indikator) == 0 or len(peserta) == 0:
        return None
    keys = [indikator[c].to_numpy(dtype=object) for c in KEY]
    wanted = [peserta[c].to_numpy(dtype=object) for c in KEY]
    for same in (object_addresses, np.asarray):
        rows = _runs_of([same(key) for key in keys], [same(column) for column in wanted])
        if rows is not None:
            return rows
    return None


def _runs_of(keys: list[np.ndarray], wanted: list[np.ndarray]) -> np.ndarray | None:
    """For long key columns `keys`, the row of `wanted` (key columns, one row per run) that each long row's run of
    equal keys matches in order; None unless the runs are exactly the rows of `wanted`, in order."""
    changed = np.zeros(len(keys[0]), dtype=bool)
    changed[0] = True
    for key in keys:
        changed[1:] |= key[1:] != key[:-1]
    starts = np.flatnonzero(changed)
    if len(starts) != len(wanted[0]):
        return None
    if not all(np.array_equal(key[starts], column) for key, column in zip(keys, wanted, strict=True)):
        return None
    return np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(keys[0]))))


def _rows_by_key(peserta: pd.DataFrame, indikator: pd.DataFrame) -> np.ndarray:
    """The `peserta` row of each `indikator` row, looked up by kategori and id_peserta (-1 when absent)."""
    categories, found = pd.factorize(peserta["kategori"])
    long_categories = pd.Index(found).get_indexer(indikator["kategori"])
    people = peserta["id_peserta"].to_numpy()
    long_people = indikator["id_peserta"].to_numpy()
    rows = np.full(len(indikator), -1, dtype=np.int64)
    for code in range(len(found)):
        in_category = np.flatnonzero(categories == code)
        mine = np.flatnonzero(long_categories == code)
        at = pd.Index(people[in_category]).get_indexer(long_people[mine])
        rows[mine[at >= 0]] = in_category[at[at >= 0]]
    return rows


def methodology_table(methodology: Methodology, categories: Collection[str] | None = None) -> pd.DataFrame:
    """The indicators of each category with label, formula, direction, goalposts, weight and weight share."""
    rows = []
    for kategori in methodology.categories():
        if categories is not None and kategori not in categories:
            continue
        category = methodology.kategori[kategori]
        total = sum(i.weight for i in category.indicators)
        for indicator in category.indicators:
            rows.append(
                {
                    "kategori": kategori,
                    "indikator": indicator.id,
                    "label_id": indicator.label.id,
                    "label_en": indicator.label.en,
                    "rumus": indicators.FORMULAS[category.peserta.tabel][indicator.id].shown(
                        category, methodology.aturan
                    ),
                    "arah": indicator.direction,
                    "batas_bawah": indicator.lo,
                    "batas_atas": indicator.hi,
                    "bobot": indicator.weight,
                    "bobot_pct": 100 * indicator.weight / total,
                    "penentu_seri": indicator.id == category.tie_break,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "kategori",
            "indikator",
            "label_id",
            "label_en",
            "rumus",
            "arah",
            "batas_bawah",
            "batas_atas",
            "bobot",
            "bobot_pct",
            "penentu_seri",
        ],
    )


@dataclass(frozen=True)
class _Desk:
    """One category's desk stage: participants (sorted by id), raw values, reasons and scores."""

    kategori: str
    ids: tuple[str, ...]
    peserta: pd.DataFrame
    nilai: np.ndarray
    alasan: np.ndarray
    scores: scoring.DeskScores


def _desk(found: Registry, kategori: str, provinces: list[str] | None) -> _Desk:
    """One category's participants (all of a group that is wider than a province) and desk scores."""
    methodology = found.methodology
    category = methodology.kategori[kategori]
    rows = found.participants(kategori, provinces if category.provincial else None)
    nilai, alasan = indicators.compute(rows, category, methodology.aturan)
    values = nilai.to_numpy(dtype=np.float64)
    return _Desk(
        kategori,
        category.indicator_ids,
        rows[["id_peserta", "nama", "kode_provinsi", "kelompok"]],
        values,
        alasan.to_numpy(dtype=object),
        scoring.desk_scores(values, category.indicators),
    )


def _notes(labels: tuple[str, ...], reasons: np.ndarray) -> np.ndarray:
    """'id: reason; id: reason' per row for the cells that carry a reason, '' elsewhere."""
    notes = np.full(reasons.shape[0], "", dtype=object)
    for j, label in enumerate(labels):
        mask = ~pd.isna(reasons[:, j])
        if mask.any():
            separator = np.where(notes[mask] == "", "", "; ").astype(object)
            notes[mask] = notes[mask] + separator + f"{label}: " + reasons[mask, j].astype(str).astype(object)
    return notes


def _participants(desk: _Desk, methodology: Methodology, musim: int, interviews: pd.DataFrame) -> pd.DataFrame:
    """One category's participants with desk score, interview score and notes, in id order (`urutan_id`)."""
    category = methodology.kategori[desk.kategori]
    skor = desk.scores.skor
    ids = desk.peserta["id_peserta"]
    finalists = interviews[interviews["kategori"] == desk.kategori].set_index("id_peserta")
    at = finalists.index.get_indexer(pd.Index(ids))  # each participant's interview row; -1: none
    interviewed = at >= 0
    aspect_notes = np.full(len(ids), "", dtype=object)
    aspect_notes[interviewed] = finalists["catatan_aspek"].to_numpy(dtype=object)[at[interviewed]]
    aspect_notes[pd.isna(aspect_notes)] = ""
    indicator_notes = _notes(desk.ids, desk.alasan)
    separator = np.where((indicator_notes != "") & (aspect_notes != ""), "; ", "").astype(object)
    catatan = indicator_notes + separator + aspect_notes
    skor_wawancara = np.full(len(ids), np.nan)
    skor_wawancara[interviewed] = finalists["skor_wawancara"].to_numpy(dtype=np.float64)[at[interviewed]]
    return pd.DataFrame(
        columns=list(_WORK_COLUMNS),
        data={
            "musim": musim,
            "kategori": desk.kategori,
            "kelompok": desk.peserta["kelompok"].to_numpy(),
            "kode_provinsi": desk.peserta["kode_provinsi"].to_numpy(),
            "id_peserta": ids.to_numpy(),
            "nama": desk.peserta["nama"].to_numpy(),
            "finalis": ~np.isnan(skor_wawancara),
            "skor_dokumen": skor,
            "skor_wawancara": skor_wawancara,
            "dinilai": ~np.isnan(skor),
            "alasan_tidak_dinilai": np.where(np.isnan(skor), TANPA_INDIKATOR_BERLAKU, indicators.NONE),
            "catatan": np.where(catatan == "", None, catatan),
            "n_tie_break": desk.scores.n[:, desk.ids.index(category.tie_break)],
            "urutan_id": np.arange(len(ids)),
        },
    )


@dataclass(frozen=True)
class DeskStage:
    """The `indikator` table of a scored season before it is built: each category's desk stage (`_Desk`), where
    its participants are in `peserta` (`places`, in output order) and their rows in the desk's matrices (`rows`)."""

    desks: tuple[_Desk, ...]
    places: tuple[np.ndarray, ...]
    rows: tuple[np.ndarray, ...]

    def table(self, peserta: pd.DataFrame) -> pd.DataFrame:
        """The `indikator` table (INDIKATOR_COLUMNS), its key columns from `peserta`."""
        if not self.desks:
            return _text(pd.DataFrame(columns=list(INDIKATOR_COLUMNS)))
        keys = {c: peserta[c].to_numpy(dtype=object) for c in ("kategori", "kode_provinsi", "id_peserta")}
        parts = [
            _long(desk, {c: key[places] for c, key in keys.items()}, rows)
            for desk, places, rows in zip(self.desks, self.places, self.rows, strict=True)
        ]
        return _indicator_table(parts)

    def cells(self, ids: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """`SeasonScores.indicator_cells` of the table `table` builds, without building it."""
        index = pd.Index(ids)
        parts = [
            (
                np.repeat(places, len(desk.ids)),
                np.tile(index.get_indexer(pd.Index(desk.ids)), len(places)),
                desk.nilai[rows].ravel(),
                desk.scores.n[rows].ravel(),
            )
            for desk, places, rows in zip(self.desks, self.places, self.rows, strict=True)
        ]
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
        rows_, cols, raw, normalised = (np.concatenate(column) for column in zip(*parts, strict=True))
        return (  # (no copy of what has its type already: four arrays of a cell per participant and indicator)
            rows_.astype(np.int64, copy=False),
            cols.astype(np.int64, copy=False),
            raw.astype(np.float64, copy=False),
            normalised.astype(np.float64, copy=False),
        )


def _long(desk: _Desk, keys: dict[str, np.ndarray], rows: np.ndarray) -> dict[str, np.ndarray]:
    """The columns of the `indikator` rows of one category: its participants' `keys` (kategori, kode_provinsi,
    id_peserta; in output order) and their `rows` in the desk's matrices."""
    k = len(desk.ids)

    def pick(matrix: np.ndarray) -> np.ndarray:
        return matrix[rows].ravel()

    return {
        "kategori": np.repeat(keys["kategori"], k),  # peserta's objects: see _rows_in_order
        "kode_provinsi": np.repeat(keys["kode_provinsi"], k),
        "id_peserta": np.repeat(keys["id_peserta"], k),
        "indikator": np.tile(np.array(desk.ids, dtype=object), len(rows)),
        "nilai": pick(desk.nilai),
        "n": pick(desk.scores.n),
        "bobot": pick(desk.scores.bobot),
        "bobot_efektif": pick(desk.scores.bobot_efektif),
        "kontribusi": pick(desk.scores.kontribusi),
        "berlaku": pick(desk.scores.berlaku),
        "alasan": pick(desk.alasan),
    }


def _indicator_table(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """The `indikator` table from each category's columns (`_long`), one column at a time (each category's part
    of a column is freed once joined): text as pandas' text dtype, missing text missing (as `_text` makes it)."""
    columns: dict[str, object] = {}
    for name in INDIKATOR_COLUMNS:
        joined = np.concatenate([part.pop(name) for part in parts])
        columns[name] = _text_array(joined) if joined.dtype == object else joined
    return pd.DataFrame(columns, columns=list(INDIKATOR_COLUMNS), copy=False)


def _text_array(values: np.ndarray | pd.Series) -> pd.Series:
    """Object `values` (or a Series, whose index is kept) as pandas' default text dtype, missing values kept
    missing (pandas 2 writes None as "None" when converting to text, so they are put back; pandas 3 keeps them)."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object, copy=False)
    text = series.astype("str")
    if text.dtype == object:
        missing = series.isna().to_numpy()
        if missing.any():
            return text.where(~missing)
    return text


def _output_order(peserta: pd.DataFrame, methodology: Methodology) -> np.ndarray:
    """Row order: category (methodology order), ranking group, peringkat (unranked last), id_peserta."""
    rank = peserta["peringkat"].to_numpy(dtype=np.float64, na_value=np.inf)
    group = pd.factorize(peserta["kelompok"], sort=True)[0]
    order = {k: i for i, k in enumerate(methodology.categories())}
    codes, kategori = pd.factorize(peserta["kategori"])  # each category looked up once
    position = np.array([order[k] for k in kategori], dtype=np.int64)[codes]
    return np.lexsort((peserta["urutan_id"].to_numpy(), rank, group, position))


def _text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column as pandas' default text dtype, missing cells kept missing (NaN), whatever the
    inputs held: `str` on pandas 3; on pandas 2 `astype("str")` writes None as "None", so cells that
    were missing are put back."""
    text = [c for c in frame.columns if frame[c].dtype == object or isinstance(frame[c].dtype, pd.StringDtype)]
    return frame.assign(**{c: _text_array(frame[c]) for c in text})


def score_season(
    season: Season,
    methodology: Methodology,
    provinces: Collection[str] | None = None,
    categories: Collection[str] | None = None,
    *,
    checked: Registry | None = None,
    keep: bool = True,
) -> SeasonScores:
    """Score every category of the methodology (or `categories`) in every province (or `provinces`).

    Each category is ranked within its ranking groups (registry.py): provinces, one national group or zones.
    A group wider than a province is always scored whole, so `provinces` only filters its rows.

    Parameters
    ----------
    season : Season
        The validated season (`read_season`).
    methodology : Methodology
        The methodology to score with (`load_methodology`).
    provinces : collection of str, optional
        Provinces of the season whose participants are kept, each a code or short name (``["61"]``,
        ``["kalbar"]``); None keeps every province.
    categories : collection of str, optional
        Category ids of the methodology to score; None scores every category. Ids the methodology
        does not have are ignored.
    checked : Registry, optional
        This season already checked against this methodology (`load_season(..., methodology).registry`):
        not checked again.
    keep : bool, default True
        Store whole-season scores computed here in the season's cache (below). False stores nothing: a caller that
        needs only the score CSV (`paritrana score`) then never builds the ``indikator`` table (see SeasonScores).

    Returns
    -------
    SeasonScores
        Tidy tables: ``peserta`` (one row per participant: scores, finalist, rank, proposed
        shortlist), ``indikator`` (raw and normalised value, weight and contribution of every
        indicator), ``wawancara`` (interview aspects), ``metodologi``, ``nominasi`` and
        ``penghargaan``.

    Raises
    ------
    SeasonInvalid
        When the season and the methodology disagree (registry.check: zones, interview categories,
        participants and aspects), with every problem.
    UnknownProvince
        When one of `provinces` is not a province of the season (`Season.province_codes`): its message
        names the season's provinces, the closest first.

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.methodology import load_methodology
    >>> from paritrana_nb.engine import score_season
    >>> season = read_season(2025, "data")
    >>> methodology = load_methodology("params/2025/metodologi.yaml")
    >>> scores = score_season(season, methodology, provinces=["61"], categories=["desa"])
    >>> print(scores.peserta[["nama", "peringkat", "finalis"]].head(2).to_string(index=False))
            nama  peringkat  finalis
    Desa Bum-bun          1     True
    Desa Terusan          2     True

    A season loaded with a cache (`load_season(..., cache=...)`) keeps the scores of the whole season (no
    `provinces` or `categories`) there, keyed by the season's files and the methodology's content, and takes
    them back while neither changed.
    """
    provinces = None if provinces is None else season.province_codes(provinces)
    whole = provinces is None and categories is None and season.cache is not None and season.cache_key is not None
    key = _scores_key(season, methodology) if whole else None
    if key is not None:
        cached = _cached_scores(season, methodology, key)
        if cached is not None:
            return cached
    scores = _score(season, methodology, provinces, categories, checked)
    if keep and key is not None and season.cache is not None:
        season.cache.write("scores", key, _scores_tables(scores), {})
    return scores


_SCORES_TABLES = ("peserta", "indikator", "wawancara", "metodologi", "nominasi", "penghargaan")


def _scores_key(season: Season, methodology: Methodology) -> str:
    """The cache key of a whole season's scores: the season's key and the methodology's content."""
    return scores_key(str(season.cache_key), methodology)


def kept_scores(season: Season, methodology: Methodology) -> SeasonScores | None:
    """The whole season's scores under `methodology` as the season's cache keeps them (see score_season), or None."""
    if season.cache is None or season.cache_key is None:
        return None
    return _cached_scores(season, methodology, _scores_key(season, methodology))


def scores_key(season_key: str, methodology: Methodology) -> str:
    """The cache key of what a season (its cache key) gives under `methodology` (its content)."""
    text = f"{season_key}\n{methodology.model_dump_json()}"
    return hashlib.sha256(text.encode()).hexdigest()


SCORE_CSV = "score-csv"
"""The cache entry of the whole season's score CSV (`store_score_csv`)."""


@dataclass(frozen=True)
class StoredCsv:
    """The whole season's score CSV as `paritrana score` wrote it, its counts and the season's report (validation
    and registry.check, warnings included)."""

    data: bytes
    peserta: int
    unscored: int
    report: ValidationReport


def store_score_csv(
    cache: SeasonCache,
    season_key: str,
    methodology: Methodology,
    data: bytes | bytearray | Chunks,
    counts: tuple[int, int],
    report: ValidationReport,
) -> None:
    """Keep `data`, the score CSV of the whole season without extra columns, with its `counts` (participants,
    those not scored: `score_counts`), and `report` with the methodology file it names, for `stored_score_csv`."""
    extra = {
        "peserta": counts[0],
        "unscored": counts[1],
        "report": report_to_json(report),
        "methodology": methodology.file,
    }
    cache.write_file(SCORE_CSV, scores_key(season_key, methodology), data, extra)


def score_counts(scores: SeasonScores) -> tuple[int, int]:
    """How many participants were scored (rows of `peserta`) and how many of them could not be (not `dinilai`)."""
    return len(scores.peserta), int((~scores.peserta["dinilai"]).sum())


def stored_score_csv(cache: SeasonCache, season_key: str, methodology: Methodology) -> StoredCsv | None:
    """The score CSV kept for this season (its cache key) and methodology, or None (missing, stale or damaged); its
    report's problems of the methodology name `methodology.file`, the file in use, not the one the kept CSV was
    made with (the key is the methodology's content: a copy elsewhere finds it), and the lines and columns of their
    keys there (Methodology.place: a comment added above a key moves it, not the content)."""
    entry = cache.read_file(SCORE_CSV, scores_key(season_key, methodology))
    if entry is None:
        return None
    data, extra = entry
    try:
        stored = report_from_json(extra["report"])  # type: ignore[arg-type]  # JSON we wrote
        renamed = stored.renamed(str(extra["methodology"]), methodology.file)
        report = renamed.placed(methodology.file, lambda key: methodology.place(key_path(key)))
        return StoredCsv(data, int(extra["peserta"]), int(extra["unscored"]), report)  # type: ignore[call-overload]  # JSON we wrote
    except DAMAGED:
        return None


def _scores_tables(scores: SeasonScores) -> dict[str, pd.DataFrame]:
    return {name: getattr(scores, name) for name in _SCORES_TABLES}


def _cached_scores(season: Season, methodology: Methodology, key: str) -> SeasonScores | None:
    """The whole season's scores stored for `key` in the season's cache, or None."""
    assert season.cache is not None  # noqa: S101 - the caller checked
    entry = season.cache.read("scores", key)
    if entry is None or set(entry[0]) != set(_SCORES_TABLES):
        return None
    tables = entry[0]
    return SeasonScores(
        musim=season.musim,
        methodology=methodology,
        peserta=tables["peserta"],
        indikator=tables["indikator"],
        wawancara=tables["wawancara"],
        metodologi=tables["metodologi"],
        nominasi=tables["nominasi"],
        penghargaan=tables["penghargaan"],
    )


def _score(
    season: Season,
    methodology: Methodology,
    provinces: Collection[str] | None,
    categories: Collection[str] | None,
    checked: Registry | None = None,
) -> SeasonScores:
    chosen = [k for k in methodology.categories() if categories is None or k in categories]
    wanted = None if provinces is None else sorted(set(provinces))
    if checked is not None and checked.season is season and checked.methodology is methodology:
        found = checked
    else:
        report = ValidationReport(season.musim)
        found = registry.check(season, methodology, report)
        if not report.ok:
            raise SeasonInvalid(report)
    desks = {k: _desk(found, k, wanted) for k in chosen}
    interviews = jury.aggregate(season.wawancara, methodology, chosen)
    frames = [_participants(d, methodology, season.musim, interviews.peserta) for d in desks.values()]
    peserta = ranking.rank(pd.concat(frames, ignore_index=True) if frames else _participants_empty(), methodology)
    del frames  # joined in `peserta` (a national season's tables are large: each is freed once it is copied)
    if wanted is not None:
        peserta = peserta[peserta["kode_provinsi"].isin(wanted)]
    peserta = peserta.iloc[_output_order(peserta, methodology)].reset_index(drop=True)
    rows = _category_rows(peserta["kategori"].to_numpy(dtype=object))
    order = peserta["urutan_id"].to_numpy()
    places = [np.arange(len(peserta))[rows[k]] if k in rows else np.zeros(0, np.int64) for k in desks]
    stage = DeskStage(tuple(desks.values()), tuple(places), tuple(order[p] for p in places))
    finalists = peserta.loc[peserta["finalis"], [*KEY, "kelompok", "kode_provinsi", "urutan_id", "peringkat"]]
    aspek = interviews.aspek.merge(finalists, on=KEY, how="inner")
    aspek = aspek.iloc[np.lexsort((aspek["urutan_aspek"].to_numpy(), _output_order(aspek, methodology)))]
    return SeasonScores(
        musim=season.musim,
        methodology=methodology,
        peserta=_text(peserta[list(PESERTA_COLUMNS)]),
        indikator=stage,
        wawancara=_text(aspek[list(WAWANCARA_COLUMNS)].reset_index(drop=True)),
        metodologi=methodology_table(methodology, chosen),
        nominasi=awards.nominees(peserta, methodology),
        penghargaan=_text(awards.special_awards(found, interviews.aspek, chosen, wanted)),
    )


def _category_rows(kategori: np.ndarray) -> dict[str, slice | np.ndarray]:
    """Where each category's rows lie among the participants: one run each in output order (`_output_order` sorts
    by category first), else (never, by that order) the rows that hold it."""
    if not len(kategori):
        return {}
    starts = np.flatnonzero(np.r_[True, kategori[1:] != kategori[:-1]])
    ends = np.r_[starts[1:], len(kategori)]
    runs: dict[str, slice | np.ndarray] = {
        str(kategori[a]): slice(int(a), int(b)) for a, b in zip(starts, ends, strict=True)
    }
    if len(runs) < len(starts):
        return {k: np.flatnonzero(kategori == k) for k in runs}
    return runs


def _participants_empty() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype=np.float64 if c.startswith(("skor", "n_")) else object) for c in _WORK_COLUMNS}
    )


def csv_text(scores: SeasonScores, extra: pd.DataFrame | None = None) -> str:
    """The wide table as plain CSV: dot decimals at full (round-trip, `repr`) precision, booleans
    `true`/`false`, empty cells for missing values, minimal quoting, Unix line ends.

    `extra` (kategori, id_peserta, then more columns) adds those columns right after `peringkat`, matched on
    kategori and id_peserta (participants it does not list get empty cells).
    """
    return csv_bytes(scores, extra).decode("utf-8")


def csv_bytes(scores: SeasonScores, extra: pd.DataFrame | None = None) -> bytearray:
    """`csv_text` as UTF-8 bytes (what `write_scores_csv` writes): the cells of `wide()` built column by column
    (outputs.column_cells) a block of participants at a time (outputs.csv_blocks), the indicator values from the
    long table (or the desk stage it is built from)."""
    head, cells_of = _csv_cells(scores, extra, scores.indicator_ids())
    return csv_blocks(len(scores.peserta), cells_of, head)


def category_lines(
    scores: SeasonScores,
    ids: list[str],
    threads: int | None = None,
    sink: Callable[[str], Callable[[memoryview], None]] | None = None,
) -> dict[str, bytearray]:
    """Each category's CSV lines (no header, no extra columns; the rows of a category are one run in output order),
    with the indicator columns of `ids` (every indicator id of the CSV they belong to: `scores` may hold fewer),
    made on `threads` threads (outputs.csv_blocks; None: its default). With `sink`, a category's lines are handed
    block by block to `sink(kategori)` instead (its entry is empty)."""
    cells_of = _csv_cells(scores, None, ids)[1]
    lines = {}
    for kategori, run in _category_rows(scores.peserta["kategori"].to_numpy(dtype=object)).items():
        if not isinstance(run, slice):
            raise ValueError(f"the participants of {kategori} are not one run: not in output order")
        start = run.start

        def cells(first: int, end: int, start: int = start) -> list[pa.Array]:
            return cells_of(start + first, start + end)

        lines[kategori] = csv_blocks(run.stop - start, cells, threads=threads, sink=sink and sink(kategori))
    return lines


def csv_head(ids: list[str], extra: list[str] | None = None) -> bytes:
    """The CSV's header line: CSV_COLUMNS (`extra` columns after `peringkat`), then `<id>`, `n_<id>` per indicator."""
    names: list[str] = list(CSV_COLUMNS)
    at = names.index("peringkat") + 1
    names[at:at] = extra or []
    return csv_header(names + [prefix + i for i in ids for prefix in ("", "n_")])


def _csv_cells(
    scores: SeasonScores, extra: pd.DataFrame | None, ids: list[str]
) -> tuple[bytes, Callable[[int, int], list[pa.Array]]]:
    """The CSV's header line and the function giving the cells of a block of participants (`csv_blocks`)."""
    peserta = scores.peserta
    columns = [(peserta[name], name in BOOLEAN_COLUMNS) for name in CSV_COLUMNS]
    added: list[str] = []
    if extra is not None:
        matched = extra.set_index(KEY).reindex(pd.MultiIndex.from_frame(peserta[KEY]))
        at = CSV_COLUMNS.index("peringkat") + 1
        added = [str(name) for name in matched.columns]
        columns[at:at] = [(pd.Series(matched[n].array), n in BOOLEAN_COLUMNS) for n in matched.columns]
    rows, cols, values, normalised = scores.indicator_cells(ids)
    steps = np.diff(rows)  # each participant's rows together, in ascending column order: one segment per line
    in_order = bool(
        len(rows)
        and min(rows.min(), cols.min(), steps.min(initial=0)) >= 0
        and ((steps > 0) | (np.diff(cols) > 0)).all()
    )

    def cells_of(start: int, stop: int) -> list[pa.Array]:
        cells = [column_cells(series.iloc[start:stop], boolean) for series, boolean in columns]
        mine: slice | np.ndarray
        if in_order:  # the block's long rows are one run
            mine = slice(*np.searchsorted(rows, [start, stop]))
        else:
            mine = np.flatnonzero((rows >= start) & (rows < stop) & (cols >= 0))
        part = (rows[mine] - start, cols[mine], len(ids), float_cells(values[mine]), float_cells(normalised[mine]))
        if in_order and len(part[0]):
            cells.append(_indicator_segments(*part, stop - start))
        else:
            cells += _indicator_columns(*part, stop - start)
        return cells

    return csv_head(ids, added), cells_of


def _indicator_columns(
    rows: np.ndarray, cols: np.ndarray, width: int, values: pa.Array, normalised: pa.Array, people: int
) -> list[pa.Array]:
    """The `2 * width` indicator columns' cells (raw and normalised value per indicator) of `people` participants,
    from the long rows' participant `rows`, indicator `cols` and formatted values; empty where a participant has
    no row for an indicator."""
    text = pa.large_string()
    order = np.argsort(cols, kind="stable")
    bounds = np.searchsorted(cols[order], np.arange(width + 1))
    pools = [pa.concat_arrays([formatted, pa.array([""], text)]) for formatted in (values, normalised)]
    cells = []
    for j in range(width):
        mine = order[bounds[j] : bounds[j + 1]]
        place = np.full(people, len(rows), dtype=np.int64)  # the empty cell after the values
        place[rows[mine]] = mine
        cells += [pool.take(pa.array(place)) for pool in pools]
    return cells


def _indicator_segments(
    rows: np.ndarray, cols: np.ndarray, width: int, values: pa.Array, normalised: pa.Array, people: int
) -> pa.Array:
    """The indicator part of every CSV line (`2 * width` cells joined by commas) when the long rows come in
    participant order, each participant's in ascending column order: its cells with the empty cells between
    them written as runs of commas."""
    text = pa.large_string()
    first = np.r_[True, rows[1:] != rows[:-1]]
    gaps = np.where(first, 2 * cols, 2 * (cols - np.r_[0, cols[:-1]]) - 1)
    last = np.r_[first[1:], True]
    commas = pa.array(["," * n for n in range(2 * width + 1)], text)
    pieces = pc.binary_join_element_wise(
        commas.take(pa.array(gaps)), values, pa.scalar(",", text), normalised, pa.scalar("", text)
    )
    offsets = np.r_[np.flatnonzero(first), len(rows)]
    joined = pc.binary_join(pa.LargeListArray.from_arrays(pa.array(offsets), pieces), pa.scalar("", text))
    trailing = commas.take(pa.array(2 * (width - 1 - cols[last])))
    segments = pc.binary_join_element_wise(joined, trailing, pa.scalar("", text))
    if len(segments) == people:  # every participant has values (rows ascending): the segments are the lines' parts
        return segments
    place = np.full(people, len(segments), dtype=np.int64)
    place[rows[first]] = np.arange(len(segments))
    return pa.concat_arrays([segments, pa.array(["," * (2 * width - 1)], text)]).take(pa.array(place))


def write_scores_csv(scores: SeasonScores, path: Path | str, extra: pd.DataFrame | None = None) -> Path:
    """Write `csv_text(scores, extra)` to `path` atomically (temporary file in the same folder, then rename)."""
    return write_score_bytes(path, csv_bytes(scores, extra))


def write_score_bytes(path: Path | str, data: bytes | bytearray | Chunks) -> Path:
    """Write a score CSV already made (`csv_bytes`, or kept in the cache) to `path` atomically."""
    path = Path(path)
    write_atomic(path, data)
    return path
