"""Checks of a season's region and village codes against the official list (paritrana_nb.kemendagri).

Called by season.load_season after the checks of validate.py. Every `kode_wilayah` and `kode_desa` of the right
shape must be in the list (else an error naming the nearest known codes); the `wilayah` and `desa` names are
compared with the official ones (a warning showing both); a village whose name says *Desa* but whose code says
*kelurahan*, or the reverse, is a warning. All of it is vectorised: a national season (84,000 villages,
300,000 businesses) is checked with hash lookups (`get_indexer`, `map`) and string comparisons of whole
columns, never a loop over rows (only over the problems kept, for their nearest codes).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from . import kemendagri
from .kemendagri import BUNDLED_EDITION, EDITIONS, ReferenceUnreadable, RegionList
from .messages import Ref
from .problems import Check, NumberCells, ValidationReport, checks_apart, quoted_code, run_checks
from .regions import PROVINCE_PATTERN, REGENCY_PATTERN, VILLAGE_PATTERN
from .schema import BADAN_USAHA, DESA, PEMDA, WILAYAH
from .season_meta import Meta

META_KEY = "referensi_wilayah"
#: The codes of each kind of `kode_wilayah` (schema) looked up in the list: a code of another shape was refused at its
#: cell already (validate: E_BAD_CODE, or E_REGION_LEVEL for a province's code where a regency's is due).
_REGION_SHAPES = {
    "region": rf"{PROVINCE_PATTERN.pattern}|{REGENCY_PATTERN.pattern}",
    "regency": REGENCY_PATTERN.pattern,
}
_official_keys: dict[str, tuple[pd.Series, pd.Series]] = {}


def region_list(meta: dict[str, object], folder: Path, meta_file: str, report: ValidationReport) -> RegionList | None:
    """The edition the season names in musim.yaml (`referensi_wilayah`: a bundled edition or a folder inside the
    season folder), else the bundled one; None, with an error (at the value's line and column, when `meta` tells
    them: season_meta.Meta), when the named one cannot be used."""
    value = meta.get(META_KEY, BUNDLED_EDITION)
    if isinstance(value, str) and value in EDITIONS:
        return kemendagri.bundled(value)
    if not isinstance(value, str) or not value.strip() or not _inside(folder, value):
        at = meta.place(META_KEY) if isinstance(meta, Meta) else None
        report.add("error", "E_META_REFERENCE", meta_file, None, META_KEY, value, at, editions=", ".join(EDITIONS))
        return None
    target = folder / value
    try:
        return kemendagri.from_folder(target)
    except ReferenceUnreadable as problem:
        file = f"{value.rstrip('/')}/{problem.fields['file']}"
        report.add("error", problem.code, file, problem.row, problem.column, problem.value, **problem.fields)
        return None


def _inside(folder: Path, value: str) -> bool:
    """True when `value` names a folder inside the season folder."""
    target = folder / value
    return target.is_dir() and target.resolve().is_relative_to(folder.resolve())


def check_codes(
    frames: Mapping[str, pd.DataFrame | None],
    names: Mapping[str, str],
    ref: RegionList,
    report: ValidationReport,
    found: Mapping[str, ValidationReport] | None = None,
    number_cells: Mapping[str, NumberCells] | None = None,
) -> None:
    """Codes unknown to `ref` (errors), names unlike the official ones and village kinds unlike the code
    (warnings), in every table that carries `kode_wilayah` or `kode_desa`. `found`: the problems of some of the
    checks found apart already (`checks_of`), added in their place. `number_cells`, by table: the code cells a
    workbook stored as numbers, quoted as their cells' checks quote them (problems.quoted_code)."""
    checks = code_checks(frames, names, ref, number_cells)
    run_checks({name: check for name, (_, check) in checks.items()}, report, found or {})


def code_checks(
    frames: Mapping[str, pd.DataFrame | None],
    names: Mapping[str, str],
    ref: RegionList,
    number_cells: Mapping[str, NumberCells] | None = None,
) -> dict[str, tuple[str, Check]]:
    """`check_codes`' checks in the order their problems are reported, by name (`<table>:<column>`), each with the
    table it reads (a table not read, or lacking the columns, has none)."""
    numbers = number_cells or {}
    checks: dict[str, tuple[str, Check]] = {}
    for schema in (WILAYAH, PEMDA, DESA, BADAN_USAHA):
        table, frame = schema.name, frames.get(schema.name)
        if frame is not None and "kode_wilayah" in frame.columns:
            regions = ref.wilayah.index
            shape = _REGION_SHAPES[schema.column("kode_wilayah").kind]
            # another table's code not in the list is not looked up in wilayah.csv (check_region_refs): nor addable
            hint = "" if schema is WILAYAH else Ref("hint.code_not_addable", reference="wilayah.csv")
            check = partial(
                _unknown, frame, "kode_wilayah", shape, regions, names[table], ref, hint, numbers.get(table)
            )
            checks[f"{table}:kode_wilayah"] = (table, check)
    wilayah, desa = frames.get("wilayah"), frames.get("desa")
    if wilayah is not None and "nama" in wilayah.columns:
        regions_named = partial(_region_names, wilayah, names["wilayah"], ref, numbers.get("wilayah"))
        checks["wilayah:nama"] = ("wilayah", regions_named)
    if desa is not None and {"kode_desa", "nama"} <= set(desa.columns):
        villages = ref.desa.index
        checks["desa:kode_desa"] = (
            "desa",
            partial(
                _unknown,
                desa,
                "kode_desa",
                VILLAGE_PATTERN.pattern,
                villages,
                names["desa"],
                ref,
                "",
                numbers.get("desa"),
            ),
        )
        checks["desa:nama"] = ("desa", partial(_village_names, desa, names["desa"], ref))
    return checks


def checks_of(
    frames: Mapping[str, pd.DataFrame | None],
    names: Mapping[str, str],
    ref: RegionList,
    number_cells: Mapping[str, NumberCells] | None = None,
    sheets: Mapping[str, str] | None = None,
) -> dict[str, ValidationReport]:
    """The problems of every `code_checks` check of the tables in `frames` (some of the season's, read apart), by
    name, each found apart (its problems naming the workbooks' `sheets`): for `check_codes(..., found=)`."""
    checks = code_checks(frames, names, ref, number_cells)
    return checks_apart({name: check for name, (_, check) in checks.items()}, 0, sheets)


def _unknown(
    frame: pd.DataFrame,
    column: str,
    shape: str,
    known: pd.Index,
    file: str,
    ref: RegionList,
    hint: Ref | str,
    number_cells: NumberCells | None,
    report: ValidationReport,
) -> None:
    """E_CODE_UNKNOWN for each code of the right `shape` (another shape is refused at its cell already) not in
    `known`, its message saying `hint` after what is wrong; the code quoted as its cell's check quotes it (of the
    table's `number_cells`)."""
    codes = frame[column]
    # a hash lookup first (get_indexer: `isin` against 84,000 codes is a loop in pandas), the shape only of the rest
    unlisted = pd.Series(known.get_indexer(pd.Index(codes)) < 0, index=codes.index)
    candidates = codes[codes.notna() & unlisted]
    unknown = candidates.index[candidates.astype(str).str.fullmatch(shape).to_numpy(dtype=bool)]
    for row in report.first("error", "E_CODE_UNKNOWN", file, unknown):
        code = str(codes.loc[row])
        report.add(
            "error",
            "E_CODE_UNKNOWN",
            file,
            int(row),
            column,
            quoted_code(code, row, column, number_cells),
            edition=ref.edition,
            nearest="; ".join(ref.nearest(code)),
            hint=hint,
        )


def _keys(ref: RegionList) -> tuple[pd.Series, pd.Series]:
    """The official region names' comparison keys (full and bare), once per edition."""
    if ref.digest not in _official_keys:
        _official_keys[ref.digest] = (
            kemendagri.name_key(ref.wilayah["nama"]),
            kemendagri.bare_key(ref.wilayah["nama"]),
        )
    return _official_keys[ref.digest]


def named_otherwise(wilayah: pd.DataFrame, ref: RegionList) -> dict[object, list[str]]:
    """Per row of `wilayah` whose code `ref` holds but whose name is not that code's official one (as `_region_names`
    compares them), the other codes whose official name it is, sorted: none where the name only differs."""
    rows = wilayah[wilayah["kode_wilayah"].isin(ref.wilayah.index) & wilayah["nama"].notna()]
    if rows.empty:
        return {}
    full, bare = _keys(ref)
    codes, given = rows["kode_wilayah"], rows["nama"].astype(str)
    given_full, given_bare = kemendagri.name_key(given), kemendagri.bare_key(given)
    no_prefix = (given_full == given_bare).to_numpy()
    same = (given_full.to_numpy() == codes.map(full).to_numpy()) | (
        no_prefix & (given_bare.to_numpy() == codes.map(bare).to_numpy())
    )
    if same.all():
        return {}
    by_full, by_bare = full.groupby(full.to_numpy()).groups, bare.groupby(bare.to_numpy()).groups
    others_of: dict[object, list[str]] = {}
    for row, unprefixed in zip(rows.index[~same], no_prefix[~same], strict=True):
        owners = list(by_full.get(given_full.loc[row], []))
        owners += list(by_bare.get(given_bare.loc[row], [])) if unprefixed else []
        others_of[row] = sorted(set(owners) - {rows.at[row, "kode_wilayah"]})
    return others_of


def _region_names(
    wilayah: pd.DataFrame, file: str, ref: RegionList, number_cells: NumberCells | None, report: ValidationReport
) -> None:
    """W_NAME_DIFFERS for a region whose name is not the official one, allowing `Kab.` for `Kabupaten`, `DKI`
    for `Daerah Khusus Ibukota`, case, spacing and a name without its `Kabupaten`/`Kota` prefix.
    E_CODE_OTHER_REGION instead when the name given is the official name of another code: the code is from
    another scheme (`61.04` written for Mempawah, BPS order; Kemendagri's 61.04 is Ketapang) and must not pass. A
    code is quoted as its cell's check quotes it (of the table's `number_cells`)."""
    others_of = named_otherwise(wilayah, ref)
    if not others_of:
        return
    wrong_code = pd.Index([row for row, others in others_of.items() if others])
    for row in report.first("error", "E_CODE_OTHER_REGION", file, wrong_code):
        code = wilayah.at[row, "kode_wilayah"]
        report.add(
            "error",
            "E_CODE_OTHER_REGION",
            file,
            int(row),
            "kode_wilayah",
            quoted_code(code, row, "kode_wilayah", number_cells),
            nama=wilayah.at[row, "nama"],
            official=ref.wilayah.at[code, "nama"],
            others=", ".join(others_of[row]),
            edition=ref.edition,
        )
    differs = pd.Index([row for row, others in others_of.items() if not others])
    for row in report.first("warning", "W_NAME_DIFFERS", file, differs):
        code = wilayah.at[row, "kode_wilayah"]
        shown = quoted_code(code, row, "kode_wilayah", number_cells)
        _name_warning(report, file, int(row), wilayah.at[row, "nama"], shown, ref.wilayah.at[code, "nama"], ref)


def _village_names(desa: pd.DataFrame, file: str, ref: RegionList, report: ValidationReport) -> None:
    """W_NAME_DIFFERS for a village name other than the official one (a leading `Desa`/`Kelurahan` allowed),
    W_VILLAGE_KIND when that leading word contradicts the code (last segment 1...: kelurahan; 2..., 3...: desa).
    Names written exactly as `Desa <official name>` or `Kelurahan <official name>` (as the code says) are
    settled by one comparison; only the others are normalised."""
    rows = desa[desa["kode_desa"].notna() & desa["nama"].notna()]
    codes, given = rows["kode_desa"].astype(str), rows["nama"].astype(str)
    shaped = codes.str.fullmatch(VILLAGE_PATTERN.pattern).to_numpy(dtype=bool)
    kind = kemendagri.village_kind(codes)
    official = codes.map(ref.desa["nama"])
    known = official.notna().to_numpy()
    word = np.where(kind == "kelurahan", "Kelurahan ", "Desa ").astype(object)
    exact = known & ((given.to_numpy() == word + official.fillna("").to_numpy()) | (given == official).to_numpy())
    rest = rows.index[shaped & ~exact]
    said = kemendagri.village_prefix(given.loc[rest])
    contradicts = said.notna() & (said.to_numpy() != pd.Series(kind, index=rows.index).loc[rest].to_numpy())
    for row in report.first("warning", "W_VILLAGE_KIND", file, rest[contradicts.to_numpy()]):
        report.add(
            "warning",
            "W_VILLAGE_KIND",
            file,
            int(row),
            "nama",
            given.loc[row],
            kode=codes.loc[row],
            code_kind=kind[rows.index.get_loc(row)],
            name_kind=said.loc[row],
        )
    check = rows.index[known & ~exact]
    expected = kemendagri.name_key(official.loc[check]).to_numpy()
    written = given.loc[check]
    same = kemendagri.name_key(kemendagri.strip_village_prefix(written)).to_numpy() == expected
    same |= kemendagri.name_key(written).to_numpy() == expected  # an official name that starts with "Desa"
    for row in report.first("warning", "W_NAME_DIFFERS", file, check[~same]):
        _name_warning(report, file, int(row), given.loc[row], codes.loc[row], official.loc[row], ref)


def _name_warning(
    report: ValidationReport,
    file: str,
    row: int,
    given: object,
    code: object,
    official: object,
    ref: RegionList,
) -> None:
    report.add(
        "warning",
        "W_NAME_DIFFERS",
        file,
        row,
        "nama",
        given,
        kode=code,
        official=official,
        edition=ref.edition,
    )
