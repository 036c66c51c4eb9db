"""`paritrana template --jury`: one score sheet per juror and category after the plenary.

The finalists are the proposed shortlist of the scored season, or the secretariat's own `finalis.csv`
(columns `kategori`, `id_peserta`); each sheet has one row per finalist and aspect with `kategori`,
`id_peserta`, `nama`, `juri`, `aspek` (the id intake reads) and `nama_aspek` (its label, for the juror)
prefilled and locked, `nilai` (0-100) and `hadir` (0/1) to fill in; its document properties name its finalists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..messages import Ref
from ..methodology import Methodology
from ..problems import ValidationReport
from ..readers import ReadFailure, read_table_file
from ..schema import Column, Table
from ..season import Season
from ..validate import WIDTH_FAILURES, check_hidden, check_title_rows, check_unread
from .workbook import TemplateSpec, WrittenWorkbooks, write_workbooks

JUROR_ID = re.compile(r"^[A-Za-z0-9_-]+$")
LISTED = "peserta_"
"""A score sheet's record of its finalists: document properties `paritrana_peserta_1`, `_2`, ... (intake.inbox
refuses a row for anyone else)."""
NATIONAL = "nasional"
FINALISTS = Table("finalis", (Column("kategori", "text"), Column("id_peserta", "text")), ("kategori", "id_peserta"))
"""The secretariat's finalist list (`finalis.csv`, `--finalists`): its header is looked for as a season table's."""


def jury_categories(methodology: Methodology, national: bool) -> tuple[str, ...]:
    """The categories juror sheets are written for: those ranked within a province for a provincial jury, the
    others (national or zone groups) for the national jury; of them, those that weigh an interview (a juror's score
    of one that weighs none would count for nothing: Category.weighs_interview). The one place that decides which
    categories a jury scores."""
    return tuple(
        k
        for k, category in methodology.kategori.items()
        if category.provincial != national and category.weighs_interview
    )


def unweighted_categories(methodology: Methodology, national: bool | None = None) -> tuple[str, ...]:
    """The categories that weigh no interview (Category.weighs_interview), of a provincial jury (`national` false),
    of the national jury (true) or of either (None): no jury scores them, no sheet is written for them."""
    return tuple(
        k
        for k, category in methodology.kategori.items()
        if not category.weighs_interview and national in (None, not category.provincial)
    )


@dataclass(frozen=True)
class Finalist:
    """One participant to be interviewed."""

    kategori: str
    id_peserta: str
    nama: str


def participants(
    season: Season, methodology: Methodology, categories: tuple[str, ...], province: str | None
) -> pd.DataFrame:
    """The scored participants of `categories` (in `province` unless national), best first."""
    from ..engine import score_season

    peserta = score_season(season, methodology, None if province is None else [province], categories).peserta
    if province is not None:
        peserta = peserta[peserta["kode_provinsi"] == province]
    order = {k: i for i, k in enumerate(categories)}
    return peserta.assign(_k=peserta["kategori"].map(order)).sort_values(["_k", "peringkat", "id_peserta"])


def proposed_finalists(peserta: pd.DataFrame) -> list[Finalist]:
    """The finalists already interviewed, else the proposed shortlist."""
    chosen = peserta[peserta["finalis"] | peserta["usulan_shortlist"]]
    return [Finalist(k, i, n) for k, i, n in zip(chosen["kategori"], chosen["id_peserta"], chosen["nama"], strict=True)]


def other_juries(season: Season, methodology: Methodology, categories: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Each category another jury scores than the one of `categories` (the national jury's `pemprov` for a provincial
    jury, and the reverse; a category that weighs no interview no jury scores) -> its participants' ids -> their
    province codes."""
    from ..registry import build

    others = [k for k, c in methodology.kategori.items() if k not in categories and c.weighs_interview]
    found: dict[str, dict[str, str]] = {kategori: {} for kategori in others}
    for frame in build(season, methodology, others).rows.values():
        for kategori, id_peserta, provinsi in zip(
            frame["kategori"], frame["id_peserta"], frame["kode_provinsi"], strict=True
        ):
            if kategori in found:
                found[kategori][id_peserta] = provinsi
    return found


def read_finalists(
    path: Path,
    peserta: pd.DataFrame,
    categories: tuple[str, ...],
    province: str,
    report: ValidationReport,
    elsewhere: dict[str, dict[str, str]],
    unweighted: tuple[str, ...] = (),
) -> list[Finalist]:
    """The secretariat's finalist list; every row must name a participant of a category of this jury, or of a
    category another jury scores (`elsewhere`, see `other_juries`; of this province for a provincial jury): that
    row is left out, with a warning saying which command writes its sheets; or of a category that weighs no
    interview (`unweighted`): left out, with a warning that no sheet is written for it."""
    try:
        raw = read_table_file(path)
    except ReadFailure as failure:  # a CSV's title line above the header: said so, not the rows' widths
        if failure.code not in WIDTH_FAILURES or check_title_rows(path, None, [FINALISTS], path.name, report):
            report.add("error", failure.code, path.name, **failure.fields)
        return []
    if raw.sheet is not None:
        report.sheets[path.name] = raw.sheet
    if not check_title_rows(path, list(raw.cells.columns), [FINALISTS], path.name, report):
        return []  # not its columns missing from row 1 nor the cells beside them
    check_hidden(raw.hidden, raw.cells.index, ("kategori", "id_peserta"), path.name, report)
    check_unread(raw, path.name, report)
    missing = [c for c in ("kategori", "id_peserta") if c not in raw.cells.columns]
    for column in missing:
        report.add("error", "E_MISSING_COLUMN", path.name, 1, column, None, hint="")
    if missing:
        return []
    no_value: set[int] = set()  # rows with a number cell without a value: what it names is not known
    for column in ("kategori", "id_peserta"):
        for row in raw.empty_numbers.get(column, ()):
            report.add("error", "E_XLSX_NUMBER_NO_VALUE", path.name, int(row), column)
            no_value.add(row)
    names = {(k, i): n for k, i, n in zip(peserta["kategori"], peserta["id_peserta"], peserta["nama"], strict=True)}
    found: list[Finalist] = []
    for row, kategori, id_peserta in zip(
        raw.cells.index, raw.cells["kategori"].str.lower(), raw.cells["id_peserta"], strict=True
    ):
        if row in no_value:
            continue
        if kategori in unweighted:
            report.add(
                "warning", "W_FINALIS_NO_INTERVIEW", path.name, int(row), "id_peserta", id_peserta, kategori=kategori
            )
            continue
        other = elsewhere.get(kategori)
        theirs = None if other is None else other.get(id_peserta)
        if theirs is not None and province in (NATIONAL, theirs):  # `pemprov 61` in the list of province 61
            key = "W_FINALIS_PROVINCE_JURY" if province == NATIONAL else "W_FINALIS_NATIONAL_JURY"
            report.add("warning", key, path.name, int(row), "id_peserta", id_peserta, kategori=kategori, code=theirs)
        elif other is None and kategori not in categories:
            report.add(
                "error", "E_UNKNOWN_VALUE", path.name, int(row), "kategori", kategori, allowed=", ".join(categories)
            )
        elif other is not None or (kategori, id_peserta) not in names:  # of another province, or of none
            report.add(
                "error",
                "E_FINALIS_UNKNOWN",
                path.name,
                int(row),
                "id_peserta",
                id_peserta,
                kategori=kategori,
                where=Ref("finalist.nationwide")
                if province == NATIONAL
                else Ref("finalist.in_province", code=province),
            )
        elif all((f.kategori, f.id_peserta) != (kategori, id_peserta) for f in found):
            found.append(Finalist(kategori, id_peserta, names[(kategori, id_peserta)]))
    return found


def jury_specs(
    finalists: list[Finalist],
    methodology: Methodology,
    categories: tuple[str, ...],
    jurors: list[str],
    musim: int,
    tahun: int,
    province: str,
    lang: str,
) -> dict[str, TemplateSpec]:
    """File name -> score sheet for every juror and every category that has finalists; each aspect's label (in
    `lang`, the sheets' language) beside its id."""
    specs = {}
    for kategori in categories:
        mine = [f for f in finalists if f.kategori == kategori]
        if not mine:
            continue
        aspects = methodology.kategori[kategori].aspect_labels(lang)
        for juri in jurors:
            rows = [
                {
                    "kategori": kategori,
                    "id_peserta": f.id_peserta,
                    "nama": f.nama,
                    "juri": juri,
                    "aspek": aspek,
                    "nama_aspek": name,
                }
                for f in mine
                for aspek, name in aspects.items()
            ]
            meta = {
                "musim": str(musim),
                "tahun": str(tahun),
                "provinsi": province,
                "tabel": "wawancara",
                "kategori": kategori,
                "juri": juri,
                # the finalists it is for, one property each (Excel edits a property of at most 255 characters)
                **{f"{LISTED}{i}": f.id_peserta for i, f in enumerate(mine, 1)},
            }
            specs[f"wawancara_{kategori}_{juri}.xlsx"] = TemplateSpec(
                "wawancara",
                tahun,
                meta,
                rows,
                locked=True,
                example_region=mine[0].id_peserta,
                freeze="D2",
                musim=musim,
            )
    return specs


def write_jury_sheets(specs: dict[str, TemplateSpec], out: Path, lang: str, force: bool = False) -> WrittenWorkbooks:
    """Write every score sheet into `out`, saying which were written; other workbooks already there are refused
    unless `force` (workbook.write_workbooks)."""
    return write_workbooks(specs, out, lang, force)
