"""`paritrana template`: the workbooks a provincial secretariat sends out before the desk stage.

Per province: `pemda_<prov>.xlsx` (every regency/city and the province itself, years T and T-1, codes and
names locked), `desa_<kode_wilayah>.xlsx` per regency/city (every village of the official region list prefilled:
code, "Desa <name>" or "Kelurahan <name>" as its code says, regency code) and `badan_usaha_<prov>.xlsx`.
The regions come from the season's `wilayah` table, validated on its own; the villages from the region list the
season names (`referensi_wilayah` in musim.yaml, else the bundled Kemendagri list).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import kemendagri, validate_codes
from .. import validate as checks
from ..config import performance_year
from ..kemendagri import RegionList
from ..problems import NumberCells, ValidationReport
from ..schema import WILAYAH
from ..season import (
    SEASON_META,
    find_table_file,
    finish_intake,
    read_meta,
    read_table,
    report_missing_season,
    season_folder,
)
from .workbook import TemplateSpec, WrittenWorkbooks, write_workbooks

DESA_ROWS = 400  # rows prefilled with the regency/city code when the region list knows none of its villages


def season_year(musim: int, folders: list[Path]) -> int:
    """Performance year T: `tahun_kinerja` of the first `musim.yaml` among `folders`, else musim - 1."""
    meta = next((f / SEASON_META for f in folders if (f / SEASON_META).is_file()), None)
    found = {} if meta is None else read_meta(meta.parent, musim, ValidationReport(musim))[0]
    year = found.get("tahun_kinerja")  # read_meta keeps it only when it is a valid int
    return year if isinstance(year, int) else performance_year(musim)


def load_regions(
    musim: int, data_dir: Path | str, *, regions_only: bool = True
) -> tuple[pd.DataFrame | None, RegionList | None, ValidationReport]:
    """The season's `wilayah` table, read and checked alone, and the region list its villages come from.
    `regions_only` (the submitters' templates): a season folder that is not there is to be started with its
    region list alone; otherwise (the juror sheets) with every table."""
    report = ValidationReport(musim)
    folder = season_folder(data_dir, musim)
    if not folder.is_dir():
        report_missing_season(data_dir, musim, report, regions_only=regions_only, option="--season")  # a command's
        return None, None, report
    if not finish_intake(folder, report):
        return None, None, report
    path = find_table_file(folder, WILAYAH, report)
    if path is None:
        return None, None, report
    numbers: NumberCells = {}  # a workbook's code cells stored as numbers: quoted as Excel shows them
    frame = read_table(path, WILAYAH, season_year(musim, [folder]), report, numbers)
    meta = read_meta(folder, musim, report)[0]
    ref = validate_codes.region_list(meta, folder, SEASON_META, report)
    if frame is not None:
        checks.check_duplicates(frame, WILAYAH, path.name, report, numbers)
        checks.check_wilayah(frame, path.name, report, official=ref, number_cells=numbers)
        if ref is not None:
            names = {"wilayah": path.name}
            validate_codes.check_codes({"wilayah": frame}, names, ref, report, number_cells={"wilayah": numbers})
    return (frame if report.ok else None), ref, report


def village_rows(ref: RegionList | None, code: str) -> list[dict[str, str | int | None]]:
    """The prefilled rows of `desa_<code>.xlsx`: every village of the regency/city in `ref`, or DESA_ROWS rows
    holding only the regency code when `ref` lists none."""
    villages = None if ref is None else ref.villages_of(code)
    if villages is None or villages.empty:
        return [{"kode_wilayah": code}] * DESA_ROWS
    kind = kemendagri.village_kind(villages["kode_desa"])
    names = pd.Series(kind, index=villages.index).map({"desa": "Desa ", "kelurahan": "Kelurahan "}) + villages["nama"]
    return [
        {"kode_desa": str(kode), "nama": str(nama), "kode_wilayah": code}
        for kode, nama in zip(villages["kode_desa"], names, strict=True)
    ]


def regencies(wilayah: pd.DataFrame, province: str) -> pd.DataFrame:
    """The regencies/cities of `province`, ordered by code."""
    rows = wilayah[(wilayah["kode_provinsi"] == province) & (wilayah["tingkat"] != "provinsi")]
    return rows.sort_values("kode_wilayah")


def province_specs(
    wilayah: pd.DataFrame, musim: int, tahun: int, province: str, ref: RegionList | None = None
) -> dict[str, TemplateSpec]:
    """File name -> template of every submitter of `province` (performance year `tahun`); the villages of
    `ref` prefilled in the desa templates."""
    names = dict(zip(wilayah["kode_wilayah"], wilayah["nama"], strict=True))
    members = regencies(wilayah, province)
    codes = list(members["kode_wilayah"])
    example = codes[0] if codes else f"{province}.01"
    base = {"musim": str(musim), "tahun": str(tahun), "provinsi": province}
    pemda_rows = [
        {"kode_wilayah": code, "nama": names[code], "tahun": year}
        for code in [province, *codes]
        for year in (tahun, tahun - 1)
    ]
    specs = {
        f"pemda_{province}.xlsx": TemplateSpec(
            "pemda",
            tahun,
            {**base, "tabel": "pemda"},
            pemda_rows,
            {"kode_wilayah": [province, *codes]},
            locked=True,
            example_region=example,
            freeze="C2",
            musim=musim,
        )
    }
    for code in codes:
        specs[f"desa_{code}.xlsx"] = TemplateSpec(
            "desa",
            tahun,
            {**base, "tabel": "desa", "wilayah": code},
            village_rows(ref, code),
            {"kode_wilayah": [code]},
            example_region=code,
            musim=musim,
        )
    specs[f"badan_usaha_{province}.xlsx"] = TemplateSpec(
        "badan_usaha",
        tahun,
        {**base, "tabel": "badan_usaha"},
        (),
        {"kode_wilayah": codes},
        example_region=example,
        musim=musim,
    )
    return specs


def write_templates(
    wilayah: pd.DataFrame,
    musim: int,
    tahun: int,
    provinces: list[str],
    out: Path,
    lang: str,
    ref: RegionList | None = None,
    force: bool = False,
) -> WrittenWorkbooks:
    """Write every submitter's template of `provinces` into `out` (villages from `ref`); say which were written.
    Other workbooks already there are refused unless `force` (workbook.write_workbooks)."""
    specs = {name: spec for p in provinces for name, spec in province_specs(wilayah, musim, tahun, p, ref).items()}
    return write_workbooks(specs, out, lang, force)
