"""Which validation warnings concern which province, so each report shows its own data notes.

A problem points at a file and a spreadsheet row; the row's region code names the province, and the row names
the participant (region, village or business) the note is about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from ..engine import SeasonScores
from ..messages import Num, Ref
from ..problems import KEEP_PER_KIND, Problem, ValidationReport
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


def in_row_order(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` by file, then spreadsheet row (a file's notes of no row, such as warnings only counted, last),
    then column: the order in which a reader goes through the files."""
    return sorted(problems, key=lambda p: (p.file, p.row is None, p.row or 0, p.column or ""))


def problems_by_province(report: ValidationReport, season: Season, scores: SeasonScores) -> dict[str, list[Problem]]:
    """Problems grouped by province code (`nasional` for the juries of groups wider than a province, `""` when
    unknown). Warnings that were only counted (beyond KEEP_PER_KIND of a kind) may concern any province: every
    group says so."""
    grouped: dict[str, list[Problem]] = defaultdict(list)
    for problem in report.problems:
        code = _province_of_row(season, scores, problem.file, problem.row)
        grouped[code or ""].append(problem)
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
    if not_kept:
        for code in [*season.provinces["kode_wilayah"], NATIONAL]:
            grouped[code].extend(not_kept)
    return dict(grouped)
