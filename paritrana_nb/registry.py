"""Who competes where: every year-T participant row matched to its category and ranking group.

A row belongs to the first category, in methodology file order, whose `peserta` (table and filters) matches it.
Its ranking group (`kelompok`) is its province code, `nasional`, or its province's zone (wilayah `zona`), as the
category's `kelompok` says. The engine, gaps, special awards, the explorer and the reports all read one Registry;
`check` reports what the methodology and the season disagree on.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import jury
from .indicators import PREVIOUS_YEAR
from .kemendagri import village_kind
from .messages import LANGS, Num, Ref
from .methodology import Category, Methodology, key_text
from .problems import Severity, ValidationReport, shown_text
from .rapor.paths import folder_name, page_name
from .schema import PARTICIPANT_TABLES
from .yamldata import KeyPath

if TYPE_CHECKING:
    from .season import Season

NATIONAL = "nasional"
#: Columns every participants frame carries besides its table's own.
COLUMNS: tuple[str, ...] = ("id_peserta", "nama", "kode_provinsi", "baris", "kategori", "kelompok")
#: The most values a warning of a filter value no row holds names (`_check_filter_values`), the nearest first.
_SHOWN_VALUES = 10


def province_of(codes: pd.Series) -> np.ndarray:
    """The 2-digit province part of each Kemendagri code (computed once per distinct code)."""
    positions, distinct = pd.factorize(codes)
    return np.array([str(code)[:2] for code in distinct], dtype=object)[positions]


def _normalised(value: object) -> str:
    """A filter value as compared: trimmed and case-insensitive."""
    return str(value).strip().casefold()


def table_rows(season: Season, tabel: str) -> pd.DataFrame:
    """Year-T rows of a participant table with id_peserta, nama, kode_provinsi,
    baris, the filter attributes (tingkat, jenis) and the previous-year columns its formulas read (`<column>_lalu`,
    `ada_tahun_lalu`)."""
    spec = PARTICIPANT_TABLES[tabel]
    table = getattr(season, tabel)
    key = spec.id_column
    rows = np.flatnonzero((table["tahun"] == season.tahun).to_numpy(dtype=bool))
    ids = table[key].iloc[rows].reset_index(drop=True)
    order = text_order(ids)
    # the rows taken once, already in id order (a row's columns below depend on that row alone)
    frame = table.take(rows[ids.sort_values(kind="stable").index.to_numpy() if order is None else order])
    frame["baris"] = frame.index.to_numpy()
    previous = PREVIOUS_YEAR[tabel]
    if previous:
        before = table[table["tahun"] == season.tahun - 1].set_index(key)[list(previous)].add_suffix("_lalu")
        frame = frame.join(before, on=key)
        frame["ada_tahun_lalu"] = frame[key].isin(before.index)
    frame["id_peserta"] = frame[key]
    if "nama" not in frame:
        names = season.region_names()
        frame["nama"] = frame[key].map(lambda code: names.get(code, code))
    frame["kode_provinsi"] = province_of(frame["kode_wilayah"])
    if "tingkat" in spec.filters:
        tingkat = dict(zip(season.wilayah["kode_wilayah"], season.wilayah["tingkat"], strict=True))
        frame["tingkat"] = frame[key].map(tingkat)
    if "jenis" in spec.filters:
        frame["jenis"] = village_kind(frame[key])  # 1...: kelurahan; 2... (desa) and 3... (desa adat): desa
    return frame.reset_index(drop=True)


def text_order(values: pd.Series) -> np.ndarray | None:
    """The positions of `values` in the order `sort_values(kind="stable")` gives, when every value is a text:
    pyarrow's sort is stable and compares UTF-8 bytes, whose order is that of the code points Python compares (and
    it takes far less time than numpy's argsort of Python strings); None otherwise (missing values, numbers, or a
    text UTF-8 cannot encode)."""
    objects = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(objects, skipna=False) != "string":
        return None
    try:
        texts = pa.array(objects, type=pa.string())
    except (pa.ArrowException, UnicodeEncodeError):  # a lone surrogate
        return None
    if len(texts) < 2 or pc.all(pc.less_equal(texts.slice(0, len(texts) - 1), texts.slice(1))).as_py():
        return np.arange(len(texts))  # in order already (a table sorted by id): a stable sort keeps it as it is
    return np.asarray(pc.sort_indices(texts))


def _matches(frame: pd.DataFrame, category: Category) -> np.ndarray:
    keep = np.ones(len(frame), dtype=bool)
    for name, allowed in category.peserta.filters().items():
        wanted = {_normalised(value) for value in allowed}
        positions, distinct = pd.factorize(frame[name])  # each distinct value normalised once; missing: -1
        keep &= np.array([_normalised(v) in wanted for v in distinct] + [False], dtype=bool)[positions]
    return keep


def zones(season: Season) -> dict[str, str]:
    """Province code -> zone, from the `zona` column of wilayah's province rows (blank zones left out)."""
    rows = season.provinces
    zona = rows["zona"].astype(object).where(rows["zona"].notna(), "").astype(str).str.strip()
    return {code: zone for code, zone in zip(rows["kode_wilayah"], zona, strict=True) if zone}


@dataclass(frozen=True)
class Registry:
    """A season's participants by table, each with its `kategori` (None: matched by no category) and `kelompok`
    (None: its category ranks by zone and its province has none)."""

    season: Season
    methodology: Methodology
    rows: dict[str, pd.DataFrame]

    def participants(self, kategori: str, provinces: Collection[str] | None = None) -> pd.DataFrame:
        """The year-T rows of one category in id order (optionally of some provinces), index 0..n-1."""
        frame = self.rows[self.methodology.kategori[kategori].peserta.tabel]
        keep = frame["kategori"].to_numpy(dtype=object) == kategori
        if provinces is not None:
            keep &= frame["kode_provinsi"].isin(list(provinces)).to_numpy()
        return frame[keep].reset_index(drop=True)

    def unmatched(self) -> pd.DataFrame:
        """Year-T rows of the tables the methodology draws on that no category matches."""
        parts = [
            frame.loc[frame["kategori"].isna(), ["baris", "id_peserta", "nama"]].assign(tabel=tabel)
            for tabel, frame in self.rows.items()
        ]
        return (
            pd.concat(parts, ignore_index=True)
            if parts
            else pd.DataFrame(columns=["baris", "id_peserta", "nama", "tabel"])
        )


def build(
    season: Season,
    methodology: Methodology,
    categories: Collection[str] | None = None,
) -> Registry:
    """Match the year-T rows of every table a category draws on (only those of `categories`, when given) to their
    category, first match in file order, and ranking group."""
    wanted = (
        methodology.categories() if categories is None else [k for k in methodology.categories() if k in categories]
    )
    tables = dict.fromkeys(methodology.kategori[k].peserta.tabel for k in wanted)
    zone_of = zones(season)
    rows: dict[str, pd.DataFrame] = {}
    for tabel in tables:
        frame = table_rows(season, tabel)
        kategori = np.full(len(frame), None, dtype=object)
        kelompok = np.full(len(frame), None, dtype=object)
        for name, category in methodology.kategori.items():
            if category.peserta.tabel != tabel:
                continue
            mine = pd.isna(kategori) & _matches(frame, category)
            kategori[mine] = name
            codes = frame["kode_provinsi"].to_numpy(dtype=object)[mine]
            if category.kelompok == "zona":
                positions, distinct = pd.factorize(codes)  # each province's zone looked up once
                kelompok[mine] = np.array([*(zone_of.get(p) for p in distinct), None], dtype=object)[positions]
            else:
                kelompok[mine] = codes if category.kelompok == "provinsi" else NATIONAL
        rows[tabel] = frame.assign(kategori=kategori, kelompok=kelompok)
    return Registry(season, methodology, rows)


def file_name(season: Season, table: str) -> str:
    """The name of the file `table` was read from (`<table>.csv` when the season holds none), as messages name it."""
    return season.files[table].name if table in season.files else f"{table}.csv"


def check(
    season: Season,
    methodology: Methodology,
    report: ValidationReport,
    categories: Collection[str] | None = None,
    built: Registry | None = None,
) -> Registry:
    """Add what the methodology and the season disagree on to `report`; return the registry (`build`).

    Errors: a methodology of another season (its `musim`); a zone missing for a province whose participants a
    zone category ranks; two zones, or two participants of a table, whose cards would have one file name; an
    interview score for a
    category the methodology does not have, for a participant not in that category, or for an aspect the category
    does not assess. Warnings: each year-T participant no category matches (it is not scored); each category no
    participant falls in (an earlier category in the file may take them all); each value of a free-text filter
    (`sektor`) no year-T row holds (a misspelling); interview scores, and special awards on an interview aspect, of a
    category that weighs no interview. With `categories`,
    only the tables they draw on are matched and only their interview scores checked. `built`: `build(season,
    methodology, categories)` made already (not made again).
    """
    _check_musim(season, methodology, report)
    _check_award_aspects(season, methodology, report)
    registry = _check_participants(season, methodology, report, categories, built)
    _check_interviews(season, registry, report, categories)
    jury.check_aspects(season.wawancara, methodology, file_name(season, "wawancara"), report, categories)
    return registry


def check_clean(
    season: Season, methodology: Methodology, report: ValidationReport, clean: Collection[str], interviews: bool
) -> None:
    """`check` of a season with errors, as far as no error it finds can follow from another: `season` holds the
    tables `clean` (without an error) as read, the others empty; its wawancara only the rows whose kategori,
    id_peserta and aspek hold no error (`interviews`: False when those are not known). With wilayah clean, the
    participants of the clean tables (who competes, empty categories, sectors, zones, cards' names) and the zones'
    names; with `interviews`, every row's category and aspect, its participant where that category's table is
    clean, and (wawancara clean) the aspects no juror scored."""
    _check_musim(season, methodology, report)
    _check_award_aspects(season, methodology, report)
    drawn: list[str] = []
    registry = Registry(season, methodology, {})
    if "wilayah" in clean:
        drawn = [k for k in methodology.categories() if methodology.kategori[k].peserta.tabel in clean]
        registry = _check_participants(season, methodology, report, drawn, None)
    if interviews:
        _check_interviews(season, registry, report, drawn)
        file = file_name(season, "wawancara")
        jury.check_aspects(season.wawancara, methodology, file, report, unscored="wawancara" in clean)


def _check_musim(season: Season, methodology: Methodology, report: ValidationReport) -> None:
    """M_SEASON_MISMATCH for a methodology of another season."""
    if methodology.musim != season.musim:
        _add_at_key(
            report, methodology, "error", "M_SEASON_MISMATCH", ("musim",), methodology.musim, musim=season.musim
        )


def _add_at_key(
    report: ValidationReport,
    methodology: Methodology,
    severity: Severity,
    code: str,
    loc: KeyPath,
    value: object = None,
    /,
    **fields: object,
) -> None:
    """Add a problem of the methodology's key path `loc` to `report`, at the line and column of its value in the file
    (Methodology.place: looked up only here, when there is such a problem); the message's `fields` by name."""
    report.add(severity, code, methodology.file, None, key_text(loc), value, methodology.place(loc), **fields)


def _check_award_aspects(season: Season, methodology: Methodology, report: ValidationReport) -> None:
    """W_AWARD_UNWEIGHTED for each special award on an interview aspect (`aturan.aspek`) of a category that weighs no
    interview: it goes to nobody, or to participants whose interview scores count for nothing (W_JURY_UNWEIGHTED)."""
    for index, award in enumerate(methodology.penghargaan_khusus):
        kind, aspek = award.aturan.source()
        if kind == "aspek" and not methodology.kategori[award.kategori].weighs_interview:
            _add_at_key(
                report,
                methodology,
                "warning",
                "W_AWARD_UNWEIGHTED",
                ("penghargaan_khusus", index, "aturan", "aspek"),
                award=award.id,
                aspek=aspek,
                kategori=award.kategori,
                wawancara=file_name(season, "wawancara"),
            )


def _check_participants(
    season: Season,
    methodology: Methodology,
    report: ValidationReport,
    categories: Collection[str] | None,
    built: Registry | None,
) -> Registry:
    """`check`'s checks of who competes (`build` of `categories`, all when None; `built` when given): participants
    no category matches, empty categories, sectors no row holds, zones, zones' and cards' names; the registry."""
    registry = build(season, methodology, categories) if built is None else built
    unmatched = registry.unmatched()[["tabel", "baris", "id_peserta", "nama"]]
    for tabel, baris, id_peserta, nama in unmatched.itertuples(index=False, name=None):
        report.add(
            "warning",
            "W_NO_CATEGORY",
            file_name(season, tabel),
            int(baris),
            PARTICIPANT_TABLES[tabel].id_column,
            id_peserta,
            nama=nama,
        )
    _check_filter_values(season, registry, report, categories)  # a misspelt value first: the empty category follows
    _check_empty_categories(season, registry, report, categories)
    _check_zones(season, registry, report)
    _check_zone_names(season, registry, report)
    _check_card_names(season, registry, report)
    return registry


def _check_empty_categories(
    season: Season, registry: Registry, report: ValidationReport, categories: Collection[str] | None
) -> None:
    """W_EMPTY_CATEGORY for each category (of `categories`) that no year-T participant falls in, naming the earlier
    category that took the rows its filters match, if one did."""
    methodology = registry.methodology
    for name in methodology.categories():
        if categories is not None and name not in categories:
            continue
        category = methodology.kategori[name]
        frame = registry.rows[category.peserta.tabel]
        taken = frame["kategori"].to_numpy(dtype=object)
        if (taken == name).any():
            continue
        took = set(taken[_matches(frame, category)].tolist())  # every category written before it that took some
        earlier = ", ".join(k for k in methodology.categories() if k in took)
        _add_at_key(
            report,
            methodology,
            "warning",
            "W_EMPTY_CATEGORY",
            ("kategori", name, "peserta"),
            kategori=name,
            tabel=file_name(season, category.peserta.tabel),
            year=season.tahun,
            hint=Ref("hint.taken_by", earlier=earlier) if earlier else "",
        )


def _text_filters(tabel: str) -> tuple[str, ...]:
    """The `peserta` filters of `tabel` on a free-text column of its file (`sektor`): the methodology checks the
    others' values against their fixed lists (`tingkat`, `jenis`, `skala`), so a misspelt one is refused there."""
    spec = PARTICIPANT_TABLES[tabel]
    columns = spec.table.column_names
    return tuple(name for name in spec.filters if name in columns and spec.table.column(name).kind == "text")


def _nearest_first(value: str, existing: Collection[str]) -> list[str]:
    """`existing` (distinct texts) ordered by how alike each is to `value`, compared as filters are, most alike
    first (difflib's ratio; equally alike: in text order)."""
    wanted = _normalised(value)

    def distance(text: str) -> tuple[float, str]:
        return -difflib.SequenceMatcher(None, wanted, _normalised(text)).ratio(), text

    return sorted(existing, key=distance)


def _check_filter_values(
    season: Season, registry: Registry, report: ValidationReport, categories: Collection[str] | None
) -> None:
    """W_FILTER_VALUE_UNMATCHED for each value of a free-text filter (`_text_filters`) of a category (of
    `categories`) that no year-T row of its table holds, compared as `_matches` does: a misspelt sector sends the
    rows it was meant for to a later category or to none. The values the rows do hold are named, nearest first."""
    methodology = registry.methodology
    for name in methodology.categories():
        if categories is not None and name not in categories:
            continue
        peserta = methodology.kategori[name].peserta
        frame = registry.rows[peserta.tabel]
        for column, allowed in peserta.filters().items():
            if column not in _text_filters(peserta.tabel):
                continue
            held = {_normalised(v): str(v).strip() for v in frame[column].dropna().unique()}
            if not held:  # no year-T row at all: W_EMPTY_CATEGORY says so
                continue
            for position, value in enumerate(allowed):
                if _normalised(value) in held:
                    continue
                nearest = _nearest_first(value, sorted(held.values()))
                shown = [shown_text(v, 50) for v in nearest[:_SHOWN_VALUES]]
                _add_at_key(
                    report,
                    methodology,
                    "warning",
                    "W_FILTER_VALUE_UNMATCHED",
                    ("kategori", name, "peserta", column, position),
                    value,
                    kategori=name,
                    filter=column,
                    tabel=file_name(season, peserta.tabel),
                    year=season.tahun,
                    existing=", ".join(shown) + (", …" if len(nearest) > _SHOWN_VALUES else ""),
                )


def _check_zones(season: Season, registry: Registry, report: ValidationReport) -> None:
    province_rows = dict(zip(season.provinces["kode_wilayah"], season.provinces.index, strict=True))
    names = season.region_names()
    zoned = [k for k, c in registry.methodology.kategori.items() if c.kelompok == "zona"]
    for frame in registry.rows.values():
        lost = frame[frame["kategori"].isin(zoned) & frame["kelompok"].isna()]
        first = lost.groupby("kode_provinsi", sort=True)["kategori"].first()
        for code, kategori in zip(first.index, first, strict=True):
            row = province_rows.get(code)
            report.add(
                "error",
                "E_ZONE_MISSING",
                file_name(season, "wilayah"),
                None if row is None else int(row),
                "zona",
                None,
                provinsi=f"{code} {names.get(code, '')}".strip(),
                kategori=kategori,
            )


#: The endings of the files `paritrana run` writes beside the folders of cards (reports, their CSVs, the index).
REPORT_FILE_ENDINGS = (".html", ".csv")


def _check_zone_names(season: Season, registry: Registry, report: ValidationReport) -> None:
    """E_ZONE_NAME_CLASH for a zone (when a category ranks by zone) that would be one ranking group, one `kelompok`
    and one folder of cards (rapor.paths.folder_name, in any case) with another zone, a province code or
    `nasional`: `Jawa/Bali` and `Jawa Bali`, a zone named `61`; E_ZONE_FILE_NAME for one whose folder would be named
    like a report's file (`61-kalbar.html`)."""
    if not any(c.kelompok == "zona" for c in registry.methodology.kategori.values()):
        return
    codes = season.provinces["kode_wilayah"]
    taken = {folder_name(code).lower(): ("provinsi", str(code)) for code in codes} | {"nasional": ("", "nasional")}
    rows = dict(zip(codes, season.provinces.index, strict=True))
    said: set[str] = set()
    for code, zone in zones(season).items():
        if folder_name(zone).lower().endswith(REPORT_FILE_ENDINGS) and zone not in said:
            said.add(zone)  # its folder of cards would stand where `run` writes a report (`61-kalbar.html`)
            report.add("error", "E_ZONE_FILE_NAME", file_name(season, "wilayah"), int(rows[code]), "zona", zone)
        kind, other = taken.setdefault(folder_name(zone).lower(), ("zona", zone))
        if (kind, other) != ("zona", zone) and zone not in said:
            said.add(zone)
            file = file_name(season, "wilayah")
            report.add("error", "E_ZONE_NAME_CLASH", file, int(rows[code]), "zona", zone, other=other)


#: Ids of digits and dots only (Kemendagri codes, NPPs of digits) are their own card's file name in every case and
#: language (`.` and `..` get a `_` before them), all distinct (the table's key): a table of only such ids has no two
#: cards of one name. Checked on the ids joined: one regular expression over a few megabytes (15 ms for 300,000).
_PLAIN_IDS = re.compile(r"[0-9.]*")


def _check_card_names(season: Season, registry: Registry, report: ValidationReport) -> None:
    """E_CARD_NAME_CLASH for a year-T participant whose card would have the file name of an earlier row's
    participant of its table (rapor.paths: other characters than letters, digits, `.`, `_` and `-` written as `_`, the
    language's ending added; compared in any case, as Windows and macOS do): `AB/1` and `AB_1`, `ab1` and `AB1`,
    `1.en` and `1` (its English card). One card would overwrite the other, and the index would link both to it."""
    for tabel, frame in registry.rows.items():
        ids = frame["id_peserta"].to_numpy(dtype=object)
        if _PLAIN_IDS.fullmatch("".join(ids)):
            continue
        rows = frame["baris"].to_numpy()
        owner: dict[str, str] = {}  # a card's file name in lower case -> the id whose card it is
        for at in np.argsort(rows, kind="stable"):  # file order: the later row is the one reported
            value = str(ids[at])
            names = [page_name(folder_name(value), lang).lower() for lang in LANGS]
            other = next((owner[name] for name in names if name in owner), None)
            if other is not None:
                column = PARTICIPANT_TABLES[tabel].id_column
                file = file_name(season, tabel)
                report.add("error", "E_CARD_NAME_CLASH", file, int(rows[at]), column, value, other=other)
            for name in names:
                owner.setdefault(name, value)


def _lost_zero(value: str, ids: Collection[str]) -> str | None:
    """The one participant id `value` is with the zeros a spreadsheet drops from a number put back: trailing ones
    after a decimal point (61.10 stored as 61.1) or leading ones (an npp 0668546041 stored as 668546041); None
    when there is none, or more than one."""
    zeros = [f"{value}{'0' * k}" for k in (1, 2)] if "." in value else []
    if value.isdigit():
        zeros = [f"{'0' * k}{value}" for k in range(1, 13)]
    found = [candidate for candidate in zeros if candidate in ids]
    return found[0] if len(found) == 1 else None


def _check_interviews(
    season: Season, registry: Registry, report: ValidationReport, categories: Collection[str] | None
) -> None:
    wawancara = season.wawancara.dropna(subset=["kategori", "id_peserta"])
    file = file_name(season, "wawancara")
    methodology = registry.methodology
    known = wawancara["kategori"].isin(list(methodology.kategori))
    unknown = wawancara.loc[~known, "kategori"]
    for row, value in zip(unknown.index, unknown, strict=True):
        report.add(
            "error",
            "E_JURY_UNKNOWN_CATEGORY",
            file,
            int(row),
            "kategori",
            value,
            allowed=", ".join(methodology.categories()),
        )
    chosen = known if categories is None else wawancara["kategori"].isin(list(categories))
    for kategori, group in wawancara[chosen].groupby("kategori", sort=False):
        category = methodology.kategori[str(kategori)]
        frame = registry.rows.get(category.peserta.tabel)
        members = (
            frame.loc[frame["kategori"].to_numpy(dtype=object) == kategori, "id_peserta"]
            if frame is not None
            else pd.Series(dtype=object)
        )
        asked = group["id_peserta"]
        known = members[members.isin(asked.unique())]  # the few interviewed ids looked up among the members
        if not category.weighs_interview and category.aspects and len(known):  # (without aspects: E_JURY_NO_ASPECTS)
            _warn_unweighted(season, methodology, report, str(kategori), len(known))
        strangers = asked[~asked.isin(known)]
        ids = frozenset(members) if len(strangers) else frozenset()
        forms: dict[str, str] | None = None  # each member's id in NFKC -> the id, made for the first stranger
        for row, value in zip(strangers.index, strangers, strict=True):
            found = _lost_zero(str(value), ids)
            code = "E_JURY_UNKNOWN_PARTICIPANT" if found is None else "E_JURY_ID_LOST_ZERO"
            if found is None:
                forms = {unicodedata.normalize("NFKC", str(i)): str(i) for i in ids} if forms is None else forms
                found = forms.get(unicodedata.normalize("NFKC", str(value)))
                code = code if found is None else "E_JURY_ID_FORM"
            report.add(
                "error",
                code,
                file,
                int(row),
                "id_peserta",
                value,
                kategori=kategori,
                year=season.tahun,
                reference=file_name(season, category.peserta.tabel),
                **({} if found is None else {"found": found}),
            )


def _warn_unweighted(
    season: Season, methodology: Methodology, report: ValidationReport, kategori: str, interviewed: int
) -> None:
    """W_JURY_UNWEIGHTED: jurors scored `interviewed` participants of a category whose interview weighs nothing, which
    makes them its finalists: they rank above the others of their group whatever their desk scores (the rank rule,
    ranking.py), while their interview scores count for nothing in their final scores."""
    _add_at_key(
        report,
        methodology,
        "warning",
        "W_JURY_UNWEIGHTED",
        ("kategori", kategori, "stage_weights", "wawancara"),
        kategori=kategori,
        count=Num(interviewed),
        wawancara=file_name(season, "wawancara"),
    )
