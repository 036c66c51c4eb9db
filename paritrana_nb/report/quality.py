"""Which validation warnings concern which province, so each report shows its own data notes.

A problem points at a file and a spreadsheet row; the row's region code names the province.
"""
from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..messages import Num
from ..problems import KEEP_PER_KIND, Problem, ValidationReport
from ..season import Season

NATIONAL = "nasional"


def _province_of_row(season: Season, table: str, row: int) -> str | None:
    frame: pd.DataFrame = getattr(season, table)
    if row not in frame.index:
        return None
    record = frame.loc[row]
    if table in ("wilayah", "pemda", "desa", "badan_usaha"):
        return str(record["kode_wilayah"])[:2]
    if table == "wawancara":
        kategori, peserta = str(record["kategori"]), str(record["id_peserta"])
        if kategori == "pemprov":
            return NATIONAL
        if kategori.startswith("bu_"):
            match = season.badan_usaha.loc[season.badan_usaha["npp"] == peserta, "kode_wilayah"]
            return str(match.iloc[0])[:2] if len(match) else None
        return peserta[:2]
    return None


def problems_by_province(report: ValidationReport, season: Season) -> dict[str, list[Problem]]:
    """Problems grouped by province code (`nasional` for the national jury, `""` when unknown). Warnings that
    were only counted (beyond KEEP_PER_KIND of a kind) may concern any province: every group says so."""
    tables = {path.name: name for name, path in season.files.items()}
    grouped: dict[str, list[Problem]] = defaultdict(list)
    for problem in report.problems:
        table = tables.get(problem.file)
        code = _province_of_row(season, table, problem.row) if table and problem.row else None
        grouped[code or ""].append(problem)
    not_kept = [Problem("warning", "W_NOT_KEPT", file, fields=(("count", Num(count)), ("code", code),
                                                              ("kept", KEEP_PER_KIND)))
                for (file, severity, code), count in sorted(report.omitted.items()) if severity == "warning"]
    if not_kept:
        for code in [*season.provinces["kode_wilayah"], NATIONAL]:
            grouped[code].extend(not_kept)
    return dict(grouped)
