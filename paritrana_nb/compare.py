"""This season against the last: each participant's rank and score in both seasons, and where their data disagree.

Each season is scored with its own methodology (engine.score_season); `compare_seasons` matches participants on
`kategori` and `id_peserta` (a participant that changed category is in one season only in each). `disagreements`
finds every cell where the two seasons hold different figures for the same year: the later season's year T-1
rows against the earlier season's year-T rows, matched on the table's key (of the participants compared,
`compared_participants`, when the comparison is filtered).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .engine import KEY, SeasonScores
from .indicators import FORMULAS
from .messages import t
from .methodology import Methodology
from .outputs import table_csv_text, write_atomic
from .problems import ValidationReport, shown_file, shown_text
from .schema import PARTICIPANT_TABLES
from .season import Season
from .season_meta import SEASON_META, Meta

CSV_COLUMNS: tuple[str, ...] = (
    "kategori",
    "kelompok",
    "id_peserta",
    "nama",
    "peringkat",
    "peringkat_lalu",
    "perubahan_peringkat",
    "skor",
    "skor_lalu",
)
"""The compare CSV: `skor` is the score ranked by (final for finalists, desk otherwise); `perubahan_peringkat` is
`peringkat_lalu - peringkat` (positive: moved up). A participant of one season only has that season's cells and
empty cells for the other; so has one without a rank in a season (not scored)."""


YEAR_KEY = "tahun_kinerja"
"""musim.yaml's key of a season's performance year T."""


def assesses_earlier(season: Season, previous: Season, report: ValidationReport) -> bool:
    """True when `previous` assesses an earlier performance year than `season`; else False, with an error in `report`
    (`previous`' validation report) at its musim.yaml's `tahun_kinerja`: the same files given as both seasons, or
    two seasons set to one year, would have each participant compared with itself ("same place")."""
    if previous.tahun < season.tahun:
        return True
    at = previous.meta.place(YEAR_KEY) if isinstance(previous.meta, Meta) else None
    fields = {"musim": previous.musim, "year": previous.tahun, "later": season.musim, "year_later": season.tahun}
    report.add("error", "E_PREVIOUS_YEAR", SEASON_META, None, YEAR_KEY, previous.tahun, at, **fields)
    return False


def compare_seasons(scores: SeasonScores, previous: SeasonScores) -> pd.DataFrame:
    """Each participant's rank and score in this season and the previous one.

    Parameters
    ----------
    scores : SeasonScores
        This season scored with its own methodology (`engine.score_season`).
    previous : SeasonScores
        The previous season scored with its own methodology, with the same province and category filters.

    Returns
    -------
    pandas.DataFrame
        One row per participant of either season, matched on ``kategori`` and ``id_peserta``: CSV_COLUMNS, then
        ``ikut`` and ``ikut_lalu`` (it took part this season, last season), ``kelompok_lalu`` and ``nama_lalu``
        (last season's ranking group and name, missing where it did not take part). Ranks are nullable integers;
        cells of a season a participant was not in (or not ranked in) are missing. Rows: this season's
        participants in its score order, then those of the previous season only, in that season's order;
        ``kelompok`` and ``nama`` are this season's where it took part, else the previous season's.

    See Also
    --------
    disagreements : The cells the two seasons hold differently for the same year.

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.methodology import load_methodology
    >>> from paritrana_nb.engine import score_season
    >>> from paritrana_nb.compare import compare_seasons
    >>> def scored(musim):
    ...     methodology = load_methodology(f"params/{musim}/metodologi.yaml", musim=musim)
    ...     return score_season(read_season(musim, "data"), methodology, provinces=["61"], categories=["pemda"])
    >>> table = compare_seasons(scored(2025), scored(2024))
    >>> first = table.iloc[0]
    >>> first["nama"], int(first["peringkat"]), int(first["peringkat_lalu"]), int(first["perubahan_peringkat"])
    ('Kabupaten Ketapang', 1, 1, 0)
    """
    columns = [*KEY, "kelompok", "nama", "peringkat", "skor_peringkat"]
    now = scores.peserta[columns]
    before = previous.peserta[columns].rename(columns={"peringkat": "peringkat_lalu", "skor_peringkat": "skor_lalu"})
    both = now.merge(before, on=KEY, how="outer", suffixes=("", "_lalu"), indicator=True, sort=False)
    order = {key: i for i, key in enumerate(zip(now["kategori"], now["id_peserta"], strict=True))}
    later = {key: len(order) + i for i, key in enumerate(zip(before["kategori"], before["id_peserta"], strict=True))}
    keys = list(zip(both["kategori"], both["id_peserta"], strict=True))
    both = both.iloc[np.argsort([order.get(key, later.get(key, 0)) for key in keys], kind="stable")]
    only_before = (both["_merge"] == "right_only").to_numpy()
    both = both.reset_index(drop=True)
    rank, rank_before = (both[c].astype("Float64").astype("Int64") for c in ("peringkat", "peringkat_lalu"))
    return pd.DataFrame(
        {
            "kategori": both["kategori"].to_numpy(),
            "kelompok": np.where(only_before, both["kelompok_lalu"], both["kelompok"]),
            "id_peserta": both["id_peserta"].to_numpy(),
            "nama": np.where(only_before, both["nama_lalu"], both["nama"]),
            "peringkat": rank,
            "peringkat_lalu": rank_before,
            "perubahan_peringkat": rank_before - rank,
            "skor": both["skor_peringkat"].to_numpy(dtype=float),
            "skor_lalu": both["skor_lalu"].to_numpy(dtype=float),
            "ikut": ~only_before,
            "ikut_lalu": (both["_merge"] != "left_only").to_numpy(),
            "kelompok_lalu": both["kelompok_lalu"].to_numpy(dtype=object),
            "nama_lalu": both["nama_lalu"].to_numpy(dtype=object),
        }
    )


def renamed(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of `compare_seasons`' table of participants of both seasons whose name differs between them: matched
    on their id alone, they may be two participants (an NPP or code given to another) rather than one renamed."""
    both = table["ikut"] & table["ikut_lalu"]
    return table[both & (table["nama"] != table["nama_lalu"])]


def regrouped(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of `compare_seasons`' table of participants of both seasons ranked in another group last season
    (`kelompok_lalu`): another zone, or a category the earlier methodology ranked otherwise."""
    both = table["ikut"] & table["ikut_lalu"]
    return table[both & (table["kelompok"] != table["kelompok_lalu"])]


def zeros_apart(table: pd.DataFrame) -> pd.DataFrame:
    """Pairs of `compare_seasons`' rows, a participant of this season only and one of last season only, whose ids
    differ only by leading zeros (an NPP written `0123456789` one season and `123456789` the other, its zero lost to
    a number cell): matched on the id as written, they are two participants, one new and one gone, where they may be
    one. Columns ``kategori``, ``id_peserta``, ``nama`` (this season's) and ``kategori_lalu``, ``id_lalu``,
    ``nama_lalu``, in this season's row order."""
    columns = ["kategori", "id_peserta", "nama"]
    now = table.loc[table["ikut"] & ~table["ikut_lalu"], columns]
    before = table.loc[~table["ikut"] & table["ikut_lalu"], columns]
    before = before.rename(columns={"kategori": "kategori_lalu", "id_peserta": "id_lalu", "nama": "nama_lalu"})
    stripped = {
        "now": now["id_peserta"].astype(str).str.lstrip("0"),
        "before": before["id_lalu"].astype(str).str.lstrip("0"),
    }
    pairs = now.assign(bare=stripped["now"]).merge(before.assign(bare=stripped["before"]), on="bare", sort=False)
    return pairs.drop(columns="bare").reset_index(drop=True)


def write_compare_csv(table: pd.DataFrame, path: Path) -> None:
    """Write the CSV_COLUMNS of `compare_seasons`' table to `path` atomically (the one number policy, outputs.py)."""
    write_atomic(Path(path), table_csv_text(table[list(CSV_COLUMNS)]))


def change_label(peringkat: object, peringkat_lalu: object, ikut_lalu: bool, lang: str, same_group: bool = True) -> str:
    """A rank change in words: "naik 3 peringkat" / "up 3 places", "turun 1", "tetap", "baru" (not in last
    season), "tanpa peringkat tahun lalu" (took part but was not ranked), "diperingkat di kelompok lain tahun
    lalu" (ranked in another ranking group last season, `same_group` False: the two ranks do not compare); ""
    when it has no rank this season."""
    now, before = _rank(peringkat), _rank(peringkat_lalu)
    if now is None:
        return ""
    if not ikut_lalu:
        return t("compare.new", lang)
    if before is None:
        return t("compare.unranked_before", lang)
    if not same_group:
        return t("compare.other_group", lang)
    change = before - now
    if change > 0:
        return t("compare.up", lang, count=change)
    if change < 0:
        return t("compare.down", lang, count=-change)
    return t("compare.same", lang)


def podium_changes(
    table: pd.DataFrame | None, peserta: pd.DataFrame, lang: str, places: int = 3
) -> list[tuple[int, str, str]]:
    """(rank, name, change in words) of the first `places` ranks of one ranking group's `peserta` (a slice of
    SeasonScores.peserta), in its order; the change is `change_labels`'."""
    ranked = peserta[peserta["peringkat"].notna() & (peserta["peringkat"] <= places)]
    changes = change_labels(table, ranked, lang)
    shown = zip(ranked["peringkat"], ranked["nama"], changes, strict=True)
    return [(int(rank), str(nama), label) for rank, nama, label in shown]


def change_labels(table: pd.DataFrame | None, peserta: pd.DataFrame, lang: str) -> list[str]:
    """Each row's change of rank on last season in words (`change_label`), of rows of SeasonScores.peserta, from
    `compare_seasons`' `table` (None: no previous season, "" for all); for a participant ranked in another group last
    season it says so instead of a change of rank."""
    if table is None:
        return [""] * len(peserta)
    keys = zip(table["kategori"], table["id_peserta"], strict=True)
    before = zip(table["peringkat_lalu"], table["ikut_lalu"], table["kelompok_lalu"], strict=True)
    found: dict[tuple[str, str], tuple[object, bool, object]] = dict(zip(keys, before, strict=True))
    labels = []
    for kategori, id_peserta, kelompok, rank in peserta[["kategori", "id_peserta", "kelompok", "peringkat"]].itertuples(
        index=False, name=None
    ):
        rank_before, took_part, group_before = found.get((kategori, id_peserta), (None, False, None))
        same_group = not isinstance(group_before, str) or group_before == kelompok
        labels.append(change_label(rank, rank_before, took_part, lang, same_group=same_group))
    return labels


def _rank(value: object) -> int | None:
    """A rank cell as a whole number, None when empty."""
    return None if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else int(value)  # type: ignore[call-overload]  # a number: ranks are whole numbers


@dataclass(frozen=True)
class Disagreement:
    """One cell two seasons hold differently for the same year: table, participant, year and column, and the file
    (with the sheet of a workbook), spreadsheet row and value in each season (`*_lalu`: the earlier season)."""

    table: str
    id_peserta: str
    tahun: int
    column: str
    file: Path
    row: int
    value: object
    file_lalu: Path
    row_lalu: int
    value_lalu: object
    sheet: str | None = None
    sheet_lalu: str | None = None

    def message(self, lang: str) -> str:
        """The warning, naming both files (and a workbook's sheet), rows, the column and the two values."""
        return t(
            "compare.disagree",
            lang,
            file=_where(self.file, self.sheet, lang),
            row=self.row,
            file_lalu=_where(self.file_lalu, self.sheet_lalu, lang),
            row_lalu=self.row_lalu,
            id=self.id_peserta,
            year=self.tahun,
            column=self.column,
            value=_shown(self.value),
            value_lalu=_shown(self.value_lalu),
        )


def _where(file: Path, sheet: str | None, lang: str) -> str:
    """A table's file as a warning names it: a workbook with the sheet its cells were read from."""
    return str(file) if sheet is None else t("compare.file_sheet", lang, file=file, sheet=shown_file(sheet))


def _shown(value: object) -> str:
    """A cell as written in a table: empty for a blank, `12` for a whole number, a text as a validation message
    quotes it (shown_text: an invisible character escaped, a long text cut)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return '""'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return shown_text(str(value))


def compared_participants(scores: SeasonScores, previous: SeasonScores) -> dict[str, set[str]]:
    """Per participant table, the ids of the participants `compare_seasons(scores, previous)` holds: those of each
    season's scoring (with its province and category filters), each category's table read from its season's
    methodology. What `disagreements` checks when the comparison is filtered."""
    found: dict[str, set[str]] = {name: set() for name in PARTICIPANT_TABLES}
    for scored in (scores, previous):
        tables = {k: c.peserta.tabel for k, c in scored.methodology.kategori.items()}
        for kategori, id_peserta in zip(scored.peserta["kategori"], scored.peserta["id_peserta"], strict=True):
            found[tables[kategori]].add(str(id_peserta))
    return found


def disagreements(
    season: Season,
    previous: Season,
    sheets: Mapping[str, str] | None = None,
    sheets_lalu: Mapping[str, str] | None = None,
    chosen: Mapping[str, Collection[str]] | None = None,
) -> list[Disagreement]:
    """Every cell the two seasons hold differently for the year they share.

    That year is the previous season's performance year (``previous.tahun``): this season's year T-1. Rows of
    that year in the participant tables (pemda, desa, badan_usaha) are matched on the table's key; a row of
    that year that only one season holds is not compared, nor, when `chosen` is given, one of a participant it
    does not hold.

    Parameters
    ----------
    season : Season
        This season (`season.read_season`).
    previous : Season
        The previous season.
    sheets, sheets_lalu : mapping of str to str, optional
        Per workbook file name, the sheet its cells were read from in each season (`ValidationReport.sheets`), so
        that a warning names it as `validate` does.
    chosen : mapping of str to collection of str, optional
        Per table, the ids of the participants whose rows are compared (`compared_participants`: those of a
        comparison filtered by province or category); a table it lacks is not compared. None: every row.

    Returns
    -------
    list of Disagreement
        In table order, then row order of `season`, then column order; each with ``message(lang)``.

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.compare import disagreements
    >>> disagreements(read_season(2025, "data"), read_season(2024, "data"))  # the bundled seasons agree
    []
    """
    found: list[Disagreement] = []
    sheets, sheets_lalu = sheets or {}, sheets_lalu or {}
    year = previous.tahun
    for name, participants in PARTICIPANT_TABLES.items():
        key = participants.id_column
        now: pd.DataFrame = getattr(season, name)
        before: pd.DataFrame = getattr(previous, name)
        now, before = now[now["tahun"] == year], before[before["tahun"] == year]
        if chosen is not None:
            ids = list(chosen.get(name, ()))
            now, before = now[now[key].isin(ids)], before[before[key].isin(ids)]
        if now.empty or before.empty:
            continue
        pairs = now.reset_index().merge(before.reset_index(), on=[key, "tahun"], suffixes=("", "_lalu"))
        for column in (c for c in participants.table.column_names if c not in (key, "tahun")):
            a, b = pairs[column], pairs[f"{column}_lalu"]
            differ = ~((a == b) | (a.isna() & b.isna()))
            found.extend(
                Disagreement(
                    name,
                    str(row[key]),
                    year,
                    column,
                    season.files[name],
                    int(row["baris"]),
                    row[column],
                    previous.files[name],
                    int(row["baris_lalu"]),
                    row[f"{column}_lalu"],
                    sheets.get(season.files[name].name),
                    sheets_lalu.get(previous.files[name].name),
                )
                for _, row in pairs[differ.to_numpy()].iterrows()
            )
    order = {name: i for i, name in enumerate(PARTICIPANT_TABLES)}
    columns = {name: {c: i for i, c in enumerate(p.table.column_names)} for name, p in PARTICIPANT_TABLES.items()}
    return sorted(found, key=lambda d: (order[d.table], d.row, columns[d.table][d.column]))


RULES = "aturan"
"""The methodology file's key of the rules every category is scored by (a rule is named `aturan.<key>`)."""


def scored_otherwise(methodology: Methodology, earlier: Methodology, kategori: str) -> list[str]:
    """The keys of the methodology file (`indicators`, `stage_weights`, `aturan.desimal` ...) by which category
    `kategori` is scored otherwise under `earlier`; none when it is scored alike. Labels (what a report shows) do not
    count: they change no score. Of `aturan`, only the rules the category's scores use count (`category_rules`):
    `aturan.iuran_rentan_rp_per_bulan`, which costs the cheapest steps up, changes no score."""

    def scoring(node: object) -> object:
        if isinstance(node, dict):
            kept = {key: scoring(value) for key, value in node.items() if key != "label"}
            return kept["id"] if list(kept) == ["id"] else kept  # an aspect by its bare id or {id, label}: alike
        if isinstance(node, list | tuple):
            return [scoring(value) for value in node]
        return node

    now, before = methodology.kategori[kategori].model_dump(), earlier.kategori[kategori].model_dump()
    keys = [key for key in now if key != "label" and scoring(now[key]) != scoring(before.get(key))]
    rules = category_rules(methodology, kategori) | category_rules(earlier, kategori)
    rules_now, rules_before = methodology.aturan.model_dump(), earlier.aturan.model_dump()
    keys += [f"{RULES}.{key}" for key in rules_now if key in rules and rules_now[key] != rules_before[key]]
    return keys


def category_rules(methodology: Methodology, kategori: str) -> set[str]:
    """The keys of `methodology.aturan` that category `kategori`'s scores or ranks use: `desimal` (ranks compared
    at it) and `pangkas_juri_mulai` (the jury's trimming) always, and those its indicators' formulas use."""
    category = methodology.kategori[kategori]
    formulas = FORMULAS.get(category.peserta.tabel, {})
    used = {"desimal", "pangkas_juri_mulai"}
    for indicator in category.indicators:
        if indicator.id in formulas:
            used |= formulas[indicator.id].rules(methodology.aturan)
    return used


def methodology_changes(methodology: Methodology, earlier: Methodology) -> dict[str, tuple[str, ...]]:
    """The categories of `methodology` that `earlier` (last season's) ranks in the same kind of group but scores
    otherwise, each with the keys that differ (`scored_otherwise`): a change of rank in them mixes a change of
    methodology with the change in the data. A category `earlier` lacks or groups otherwise is not named (its
    participants read "new" or "ranked in another group" already)."""
    changes = {}
    for kategori, category in methodology.kategori.items():
        before = earlier.kategori.get(kategori)
        if before is not None and before.kelompok == category.kelompok:
            keys = scored_otherwise(methodology, earlier, kategori)
            if keys:
                changes[kategori] = tuple(keys)
    return changes
