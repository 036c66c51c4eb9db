"""Filling intake templates the way a submitter does, with openpyxl, from a season's tables (test helper)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from paritrana_nb.intake.workbook import DATA_SHEET, META_PREFIX
from paritrana_nb.schema import NUMERIC_KINDS, TABLES

KINDS = {c.name: c.kind for table in TABLES for c in table.columns}
KEYS = {
    "pemda": ("kode_wilayah", "tahun"),
    "desa": ("kode_desa",),
    "wawancara": ("kategori", "id_peserta", "juri", "aspek"),
}
APPENDED = {"desa"}  # a row of these tables that no prefilled row holds goes below them


def read_text_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """A season folder's CSV tables as text cells."""
    return {t.name: pd.read_csv(folder / f"{t.name}.csv", dtype=str, keep_default_na=False) for t in TABLES}


def cell_value(column: str, text: str) -> object:
    """What a person types: numbers as numbers, codes and names as text, blank as nothing."""
    if text == "":
        return None
    if KINDS.get(column) in NUMERIC_KINDS or column == "hadir":
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def template_meta(path: Path) -> dict[str, str]:
    """What the template was made for (its paritrana_* document properties)."""
    book = load_workbook(path, read_only=True)
    try:
        return {
            p.name.removeprefix(META_PREFIX): p.value for p in book.custom_doc_props if p.name.startswith(META_PREFIX)
        }
    finally:
        book.close()


def village_row(path: Path, kode_desa: str) -> int:
    """The sheet row of village `kode_desa` in a desa template (the template lists every village of its regency)."""
    sheet = load_workbook(path, read_only=True)[DATA_SHEET]
    rows = sheet.iter_rows(min_row=2, max_col=1, values_only=True)
    return next(r for r, (code,) in enumerate(rows, 2) if code == kode_desa)


def fill_template(template: Path, rows: pd.DataFrame, target: Path) -> int:
    """Fill `template` with `rows` (text cells): prefilled rows matched by key (a village by its code) or slot,
    the rest appended (villages) or left out.

    Returns the number of rows written.
    """
    workbook = load_workbook(template)
    sheet = workbook[DATA_SHEET]
    header = [c.value for c in sheet[1]]
    position = {name: i + 1 for i, name in enumerate(header)}
    table = next(p.value for p in workbook.custom_doc_props if p.name == f"{META_PREFIX}tabel")
    prefilled_rows = [r for r in range(2, sheet.max_row + 1) if any(c.value is not None for c in sheet[r])]
    by_key: dict[tuple[str, ...], int] = {}
    if table in KEYS:
        for r in prefilled_rows:
            by_key[tuple(str(sheet.cell(r, position[k]).value) for k in KEYS[table])] = r
    free = [] if table in KEYS else list(prefilled_rows)
    next_row = sheet.max_row + 1 if table in KEYS else (prefilled_rows[-1] + 1 if prefilled_rows else 2)
    written = 0
    for record in rows.to_dict("records"):
        if table in KEYS:
            target_row = by_key.get(tuple(record[k] for k in KEYS[table]))
            if target_row is None and table in APPENDED:
                target_row, next_row = next_row, next_row + 1
            elif target_row is None:
                continue
        elif free:
            target_row = free.pop(0)
        else:
            target_row, next_row = next_row, next_row + 1
        for column, text in record.items():
            if column in position:
                sheet.cell(target_row, position[column], cell_value(column, text))
        written += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return written


def province_of_interviews(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """The province of every wawancara row's participant."""
    wawancara = tables["wawancara"]
    npp = dict(zip(tables["badan_usaha"]["npp"], tables["badan_usaha"]["kode_wilayah"].str[:2], strict=True))
    business = wawancara["kategori"].str.startswith("bu_")
    return wawancara["id_peserta"].str[:2].where(~business, wawancara["id_peserta"].map(npp))


def fill_inbox(templates: Path, tables: dict[str, pd.DataFrame], inbox: Path) -> dict[str, int]:
    """Fill every template under `templates` from `tables` into the same relative path under `inbox`."""
    counts: dict[str, int] = defaultdict(int)
    for template in sorted(templates.rglob("*.xlsx")):
        meta = template_meta(template)
        table = meta["tabel"]
        frame = tables[table]
        if table == "desa":
            rows = frame[frame["kode_wilayah"] == meta["wilayah"]]
        elif table in ("pemda", "badan_usaha"):
            rows = frame[frame["kode_wilayah"].str[:2] == meta["provinsi"]]
        else:
            rows = frame[(frame["kategori"] == meta["kategori"]) & (frame["juri"] == meta["juri"])]
        counts[table] += fill_template(template, rows, inbox / template.relative_to(templates))
    return dict(counts)
