"""Which validation warnings concern which report, so each report lists its own: a province's, those of its rows and
the methodology's; the national one, every warning.

A problem points at a file and a spreadsheet row; the row's region code names the province, and the row names
the participant (region, village or business) the note is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from ..engine import SeasonScores
from ..messages import Num, Ref
from ..methodology import Methodology
from ..problems import KEEP_PER_KIND, SHOWN_PER_KIND, Kind, Problem, ValidationReport, by_file
from ..registry import NATIONAL
from ..season import Season


def _row_of(season: Season, file: str, row: int | None) -> tuple[str, pd.Series] | None:
    """The table a problem's `file` holds and its spreadsheet `row` there; None for a file that is no table of the
    season, a problem of no row or a row the season does not hold."""
    table = {path.name: name for name, path in season.files.items()}.get(file)
    if table is None or row is None:
        return None
    frame: pd.DataFrame = getattr(season, table)
    return (table, frame.loc[[row]].iloc[0]) if row in frame.index else None


def _interviewed(scores: SeasonScores, record: pd.Series, column: str) -> str | None:
    """`column` of the participant an interview row (`record`) scores; None when none was scored."""
    peserta = scores.peserta
    match = peserta.loc[
        (peserta["kategori"] == record["kategori"]) & (peserta["id_peserta"] == record["id_peserta"]), column
    ]
    return str(match.iloc[0]) if len(match) else None


def _province_of_row(season: Season, scores: SeasonScores, file: str, row: int | None) -> str | None:
    found = _row_of(season, file, row)
    if found is None:
        return None
    table, record = found
    if table != "wawancara":
        return str(record["kode_wilayah"])[:2]
    category = scores.methodology.kategori.get(str(record["kategori"]))
    if category is None:
        return None
    return _interviewed(scores, record, "kode_provinsi") if category.provincial else NATIONAL


def participant_of_row(season: Season, scores: SeasonScores, file: str, row: int | None) -> str | None:
    """The name of the participant a problem's row is about, as the season's data names it: a village's or a
    business's own `nama`, a region's from wilayah (pemda rows), an interview's participant from the scores; None
    for a problem of no row or a row the season does not hold."""
    found = _row_of(season, file, row)
    if found is None:
        return None
    table, record = found
    if table == "pemda":
        names = season.wilayah.loc[season.wilayah["kode_wilayah"] == record["kode_wilayah"], "nama"]
        return str(names.iloc[0]) if len(names) else None
    return _interviewed(scores, record, "nama") if table == "wawancara" else str(record["nama"])


def shown_participants(
    problems: Iterable[Problem], season: Season, scores: SeasonScores, omitted: Mapping[Kind, int]
) -> dict[tuple[str, int], str]:
    """Per (file, row), the participant each warning a report shows is about (`participant_of_row`; a report shows
    SHOWN_PER_KIND of a kind per file, `by_file`), where the season names one: worked out from the whole season and
    its scores, which the report's own slice may not hold (the national report keeps no village or business its
    categories do not rank, nor the scores of the provinces' categories)."""
    named: dict[tuple[str, int], str] = {}
    for group in by_file(in_row_order(problems), SHOWN_PER_KIND, omitted):
        for problem in group.shown:
            if problem.row is None or (problem.file, problem.row) in named:
                continue
            name = participant_of_row(season, scores, problem.file, problem.row)
            if name is not None:
                named[(problem.file, problem.row)] = name
    return named


def in_row_order(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` by file, then spreadsheet row (a file's notes of no row last: those of a YAML file by line and
    column, then those of no place, such as warnings only counted), then column: the order in which a reader goes
    through the files."""
    return sorted(
        problems,
        key=lambda p: (p.file, p.row is None, p.row or 0, p.line is None, p.line or 0, p.col or 0, p.column or ""),
    )


def _as_reported(report: ValidationReport, methodology: Methodology) -> ValidationReport:
    """`report` with the problems of `methodology`'s file named by its name alone (problems_by_province)."""
    return report.renamed(methodology.file, Path(methodology.file).name)


def warnings_not_kept(report: ValidationReport, methodology: Methodology) -> dict[Kind, int]:
    """The warnings of `report` only counted (beyond KEEP_PER_KIND of a kind), by kind, the methodology's file named
    as problems_by_province names it: what the national report counts with the warnings of their kind it lists."""
    counted = _as_reported(report, methodology).omitted
    return {kind: count for kind, count in counted.items() if kind[1] == "warning"}


def problems_by_province(report: ValidationReport, season: Season, scores: SeasonScores) -> dict[str, list[Problem]]:
    """The warnings each report shows: per province code, those of its rows and the methodology's own (its file's:
    they concern every report); `nasional`, every warning. The methodology is named by its file's name alone, as the
    reports' footers name it (a report holds no path of the machine it was made on). Warnings that were only counted
    (beyond KEEP_PER_KIND of a kind) may concern any province: every province's list says so (W_NOT_KEPT); the
    national report counts them with the others of their kind (ReportContext.omitted)."""
    report = _as_reported(report, scores.methodology)
    methodology = Path(scores.methodology.file).name
    provinces = [str(code) for code in season.provinces["kode_wilayah"]]
    grouped: dict[str, list[Problem]] = {code: [] for code in provinces}
    for problem in report.warnings:
        if problem.file == methodology:
            for code in provinces:
                grouped[code].append(problem)
            continue
        province = _province_of_row(season, scores, problem.file, problem.row)
        if province in grouped:
            grouped[province].append(problem)
    not_kept = [
        Problem(
            "warning",
            "W_NOT_KEPT",
            file,
            fields=(("count", Num(count)), ("kind", Ref(f"kind.{code}")), ("kept", KEEP_PER_KIND)),
        )
        for (file, severity, code), count in sorted(report.omitted.items())
        if severity == "warning"
    ]
    for code in provinces:
        grouped[code].extend(not_kept)
    grouped[NATIONAL] = report.warnings
    return grouped
