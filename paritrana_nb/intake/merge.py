"""`paritrana intake`: merge every file of an inbox into the season's tables, with provenance.

Each file's cells are checked where they stand; the merged tables then go through the loader's checks across
rows and tables. Each merged row remembers the file, sheet and row it came from, so every problem is reported
against the submitter's file, sheet and row (and the merged file's row) and can be sent back as it is. The
inbox is only read; outputs are written atomically and are byte-identical for the same inbox.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import Counter, defaultdict
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import forking, kemendagri, numbers, registry, validate_codes
from .. import validate as checks
from ..kemendagri import RegionList
from ..messages import Num, Ref, isolate, t
from ..methodology import Methodology
from ..outputs import FileSet, csv_field, csv_header, csv_rows, csv_safe, csv_unsafe, pick_texts
from ..problems import (
    FIELD_CHARS,
    KEEP_PER_KIND,
    Problem,
    Severity,
    ValidationReport,
    escaped_text,
    shown_file,
    shown_text,
)
from ..schema import NUMERIC_KINDS, TABLES, WILAYAH, Table, read_as
from ..season import (
    SEASON_META,
    Season,
    check_across_tables,
    find_table_file,
    finish_intake,
    meta_named_otherwise,
    read_meta,
    read_table,
    season_folder,
    typed_table,
)
from ..xlsx_values import number_shown
from .inbox import Submission, check_scope, read_inbox, where
from .templates import season_year

PROVENANCE_FILE = "asal_baris.csv"
ORIGIN = ["_berkas", "_lembar", "_baris"]
WRITE_BESIDE_ROWS = 100_000
"""When a merged table has this many rows, the merged tables are written by a forked process while intake checks
the season."""
_QUOTED = r'[,"\r\n]'
"""A text that must be quoted in a CSV cell (outputs.csv_field), as a regular expression."""
_FORMULA_RE2 = r"^'*[=+\-@\t\r]"  # outputs.FORMULA_START, perhaps after apostrophes: it may need csv_safe's `'`


@dataclass(frozen=True)
class Located:
    """A problem located in the submitter's file (`problem.file`, `sheet`, `problem.row`) and the merged file."""

    problem: Problem
    sheet: str | None = None
    merged_file: str | None = None
    merged_row: int | None = None

    @property
    def severity(self) -> str:
        return self.problem.severity

    def message(self, lang: str = "id", isolated: bool = False) -> str:
        """File, sheet, row (merged file and row), column: what is wrong and how to fix it; `isolated`: for an HTML
        page, each text from the data isolated for bidirectional text (Problem.message)."""
        p = self.problem
        mark = isolate if isolated else str
        parts = [t("loc.file", lang, file=mark(shown_file(p.file)))]
        if self.sheet is not None:
            parts.append(t("loc.sheet", lang, sheet=mark(shown_file(self.sheet))))
        if p.row is not None:
            row = t("loc.row", lang, row=p.row)
            if self.merged_file is not None and self.merged_row is not None:
                row += " " + t("loc.merged", lang, file=self.merged_file, row=self.merged_row)
            parts.append(row)
        parts += p.within_row(lang)
        return f"{', '.join(parts)}: {p.text(lang, isolated)}"


def said_order(located: Located) -> tuple[bool, int]:
    """Where a problem stands among its file's: errors first, each severity by the submitter's row (none first); the
    order intake prints them in and the tracker page lists them in."""
    return located.severity != "error", located.problem.row or 0


@dataclass
class IntakeResult:
    """What an inbox gave: the files, the merged tables (with origin columns) and every problem."""

    musim: int
    inbox: Path
    tahun: int = 0  # performance year T
    submissions: list[Submission] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Located] = field(default_factory=list)
    omitted: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (file, severity, code): only counted
    written: Path | None = None
    stopped: bool = False  # nothing could be merged (no inbox, no row in it, no region list, a bad --out)
    kept: dict[str, Path] = field(default_factory=dict)  # tables no inbox row arrived for: --out's file, kept
    # the files of --out the merged tables replace: file name -> (its rows before, the merged table's rows)
    replaced: dict[str, tuple[int, int]] = field(default_factory=dict)
    # per table and column, the merged rows whose cell was refused where it stands: the text written in its place
    refused_cells: dict[str, dict[str, pd.Series]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Located]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Located]:
        return [p for p in self.problems if p.severity == "warning"]

    def count(self, severity: str, file: str | None = None) -> int:
        """Every problem of `severity` (in `file`), kept or only counted."""
        kept = sum(1 for p in self.problems if p.severity == severity and file in (None, p.problem.file))
        return kept + sum(n for (f, s, _), n in self.omitted.items() if s == severity and file in (None, f))

    @property
    def ok(self) -> bool:
        return not self.errors

    def render(self, lang: str = "id", limit_per_kind: int = 20) -> str:
        """Problems grouped by the submitter's file, errors first, then a summary."""
        by_file: dict[str, list[Located]] = defaultdict(list)
        for located in self.problems:
            by_file[located.problem.file].append(located)
        lines: list[str] = []
        for file in sorted(by_file.keys() | {f for f, _, _ in self.omitted}):
            lines.append(f"== {shown_file(file)}")
            shown: Counter[str] = Counter()
            ordered = sorted(by_file[file], key=said_order)
            for located in ordered:
                shown[located.problem.code] += 1
                if shown[located.problem.code] <= limit_per_kind:
                    label = t(f"severity.{located.severity}", lang)
                    lines.append(f"  [{label}] {located.message(lang)}")
            for (f, _, code), count in self.omitted.items():
                shown[code] += count if f == file else 0
            for code, count in sorted(shown.items()):
                if count > limit_per_kind:
                    more = count - limit_per_kind
                    lines.append("  " + t("summary.more", lang, count=more, kind=Ref(f"kind.{code}")))
        if self.stopped:
            lines.append(t("intake.blocked", lang))
            return "\n".join(lines)
        rows = sum(len(f) for name, f in self.tables.items() if name in self.merged_from_inbox)
        files = [sub for sub in self.submissions if sub.read]  # not what was never opened (links, pipes, copies)
        lines.append(
            t(
                "intake.summary",
                lang,
                musim=self.musim,
                files=Ref("count.files", count=len(files)),
                refused=sum(sub.refused for sub in files),
                rows=Ref("count.rows", count=rows),
                errors=Ref("count.errors", count=self.count("error")),
                warnings=Ref("count.warnings", count=self.count("warning")),
            )
        )
        if self.written is not None:
            lines.append(t("intake.written", lang, out=self.written))
            if self.replaced:  # the tables a season folder held before are gone: how many rows each had, and has
                counts = [
                    t("intake.replaced_file", lang, file=name, before=Num(before), after=Num(after))
                    for name, (before, after) in self.replaced.items()
                ]
                lines.append(t("intake.replaced", lang, files="; ".join(counts)))
            if self.kept:
                lines.append(t("intake.kept", lang, files=", ".join(p.name for p in self.kept.values())))
        return "\n".join(lines)

    @property
    def merged_from_inbox(self) -> set[str]:
        """The tables built from inbox files (the others were taken from the season's reference files)."""
        return {name for name, frame in self.tables.items() if "_berkas" in frame.columns}


def _problem(
    severity: Severity,
    code: str,
    file: str,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    /,
    **fields: object,
) -> Problem:
    report = ValidationReport(0)
    report.add(severity, code, file, row, column, value, **fields)
    return report.problems[0]


def run_intake(
    musim: int,
    inbox: Path | str,
    out: Path | str | None = None,
    data_dir: Path | str = "data",
    methodology: Methodology | None = None,
) -> IntakeResult:
    """Read and merge every file of `inbox`; with `out`, write the merged season there.

    Without `out` the merge is only checked (the tracker). Season reference files the inbox does not hold
    (`wilayah`, `musim.yaml`, which may set the performance year) are taken from `out`, else from
    `data_dir/<musim>`. With a `methodology`, a merged season without errors is also checked against it (who
    competes, zones, interviews), as `paritrana validate` does. Never raises for bad input.
    """
    inbox = Path(inbox)
    result = IntakeResult(musim, inbox)
    out_path = None if out is None else Path(out)
    stop = _refuse_paths(musim, inbox, out_path)
    if stop is not None:
        result.problems.append(Located(stop))
        result.stopped = True
        return result
    references = [p for p in (out_path, season_folder(data_dir, musim)) if p is not None]
    for folder in references:  # an earlier intake into it, killed while it put its tables in place: finished first
        unfinished = ValidationReport(musim)
        if folder.is_dir() and not finish_intake(folder, unfinished):
            result.problems += [Located(p) for p in unfinished.problems]
            result.stopped = True
            return result
    stop = _meta_misnamed(references)
    if stop is not None:  # its tahun_kinerja would be silently unread: the rows merged as of another year
        result.problems.append(Located(stop))
        result.stopped = True
        return result
    tahun = result.tahun = season_year(musim, references)
    result.submissions = read_inbox(inbox, musim, tahun)
    for sub in result.submissions:
        result.omitted.update({(sub.name, severity, code): n for (severity, code), n in sub.omitted.items()})
    by_table: dict[str, list[Submission]] = defaultdict(list)
    for sub in result.submissions:
        if sub.table is not None:
            by_table[sub.table.name].append(sub)
    reference = None
    if not any(s.frame is not None for s in by_table["wilayah"]):
        reference = _reference_wilayah(references, musim, tahun, result)
        if reference is None:
            result.stopped = True
            return result
    stop = _refuse_out_files(out_path, reference is None)
    if stop is not None:
        result.problems.append(Located(stop))
        result.stopped = True
        return result
    merge_problems: list[Located] = []
    if reference is None:
        result.tables["wilayah"] = _merge(WILAYAH, by_table["wilayah"], merge_problems, result.omitted)
        wilayah = result.tables["wilayah"]
    else:
        wilayah = result.tables["wilayah"] = reference[1]
    provinces = dict(
        zip(
            wilayah.loc[wilayah["tingkat"] == "provinsi", "kode_wilayah"],
            wilayah.loc[wilayah["tingkat"] == "provinsi", "nama"],
            strict=True,
        )
    )
    for sub in result.submissions:
        check_scope(sub, provinces)
    for table in TABLES:
        if table.name != "wilayah":
            result.tables[table.name] = _merge(table, by_table[table.name], merge_problems, result.omitted)
    for table in TABLES:
        result.refused_cells[table.name] = _refused_cells(result.tables[table.name], table, by_table[table.name])
    own = [Located(p, s.sheet) for s in result.submissions for p in s.problems]
    if out_path is not None and not any(len(result.tables[name]) for name in result.merged_from_inbox):
        result.problems += own + merge_problems  # why each file gave nothing, then that nothing is written
        result.problems.append(Located(_problem("error", "E_INTAKE_NOTHING_MERGED", str(inbox), out=str(out_path))))
        result.stopped = True
        return result
    _keep_unsent(result, out_path, tahun)
    clean = not any(p.severity == "error" for p in [*result.problems, *own, *merge_problems])
    written = {name: frame for name, frame in result.tables.items() if name not in result.kept}
    if out_path is not None:
        replacing = [name for name in written if name != "wilayah" or reference is None]
        result.replaced = _replaced(out_path, {name: len(written[name]) for name in replacing})
    beside = out_path if out_path is not None and _worth_writing_beside(written) else None
    writing: AbstractContextManager[None] = (
        nullcontext() if beside is None else forking.beside(lambda: _write(result, reference, references, beside))
    )
    with writing:  # the merged tables are written by another process while this one checks the season
        season_problems = _check_season(
            result, tahun, None if reference is None else reference[0], methodology if clean else None
        )
        result.problems += _attach_merged_rows(own, result.tables) + merge_problems + season_problems
        if out_path is not None and beside is None:
            _write(result, reference, references, out_path)
    if beside is not None:
        result.written = beside  # (_write set it in the process that wrote)
    return result


def _refuse_paths(musim: int, inbox: Path, out: Path | None) -> Problem | None:
    if not inbox.is_dir():
        return _no_inbox(inbox)
    if out is not None:
        resolved, box = out.resolve(), inbox.resolve()
        if resolved == box or box in resolved.parents:
            return _problem("error", "E_INTAKE_OUT_IN_INBOX", str(out), out=str(out), inbox=str(inbox))
        return _other_season(musim, out, resolved)
    return None


def _other_season(musim: int, out: Path, resolved: Path) -> Problem | None:
    """An --out that is another season's folder: named as its number (`data/2024`), or its musim.yaml says so; or
    one not named as the season (`build/dd`), where no command reading `<data-dir>/<musim>/` would find the tables."""
    fields = {"out": str(out), "musim": musim, "example": str(out.parent / str(musim))}
    if re.fullmatch("[0-9]+", resolved.name) and int(resolved.name) != musim:
        return _problem("error", "E_INTAKE_OUT_NAMED_SEASON", str(out), other=int(resolved.name), **fields)
    other = read_meta(out, musim, ValidationReport(musim))[0].get("musim") if out.is_dir() else None
    if type(other) is int and other != musim:  # (a broken musim.yaml is told by validate)
        return _problem("error", "E_INTAKE_OUT_META_SEASON", str(out / SEASON_META), other=other, **fields)
    # as typed (`build/2025`, a link to a folder elsewhere) or as resolved (`.` in it): the folder above it then
    # holds the season where validate's --data-dir finds it; else the user gave that folder above, most likely
    if str(musim) not in (resolved.name, out.absolute().name):
        fields |= {"example": str(out / str(musim)), "data_dir": str(out)}
        return _problem("error", "E_INTAKE_OUT_NOT_SEASON", str(out), **fields)
    return None


def _meta_misnamed(references: list[Path]) -> Problem | None:
    """A `musim.yml` (or `Musim.yaml`, `musim.yaml.txt`) in the first of `references` without a musim.yaml, where
    season_year and the merged season would look for musim.yaml (it is copied to --out only when so named)."""
    for folder in references:
        if (folder / SEASON_META).exists():
            return None
        if others := meta_named_otherwise(folder):
            return _problem("error", "E_META_NAMED_OTHERWISE", str(folder / others[0]), found=", ".join(others))
    return None


def _no_inbox(inbox: Path) -> Problem:
    """What is wrong with an --from that is not a folder: a file (an archive not unpacked, a file of the inbox), a
    link to nothing, or nothing at all."""
    if inbox.is_symlink() and not inbox.exists():
        return _problem("error", "E_INTAKE_INBOX_DANGLING", str(inbox), path=str(inbox), target=inbox.readlink())
    if inbox.exists():
        return _problem("error", "E_INTAKE_INBOX_NOT_FOLDER", str(inbox), path=str(inbox))
    return _problem("error", "E_INTAKE_NO_INBOX", str(inbox), path=str(inbox))


def _refuse_out_files(out: Path | None, wilayah_from_inbox: bool) -> Problem | None:
    """The output folder must not hold an .xlsx version of a table intake writes as .csv."""
    if out is None:
        return None
    for table in TABLES:
        if table.name == "wilayah" and not wilayah_from_inbox:
            continue
        other = out / f"{table.name}.xlsx"
        if other.is_file():
            return _problem("error", "E_INTAKE_OUT_XLSX", str(other), name=other.name, table=table.name)
    return None


def _keep_unsent(result: IntakeResult, out: Path | None, tahun: int) -> None:
    """Tables no inbox row arrived for whose `<table>.csv` is in `out` already: kept as they are (an intake never
    replaces earlier rows by none), and read, its cells checked, for the checks across tables."""
    if out is None:
        return
    for table in TABLES:
        path = out / f"{table.name}.csv"
        if table.name == "wilayah" or len(result.tables[table.name]) or not path.is_file():
            continue
        report = ValidationReport(result.musim)
        frame = read_table(path, table, tahun, report)
        result.problems += [Located(dataclasses.replace(p, file=str(path))) for p in report.problems]
        result.tables[table.name] = result.tables[table.name].drop(columns=ORIGIN) if frame is None else frame
        result.kept[table.name] = path


def _reference_wilayah(
    folders: list[Path], musim: int, tahun: int, result: IntakeResult
) -> tuple[Path, pd.DataFrame] | None:
    """The season's own region list when no inbox file holds one: its path and rows."""
    for folder in folders:
        report = ValidationReport(musim)
        path = find_table_file(folder, WILAYAH, report) if folder.is_dir() else None
        if path is None:
            continue
        frame = read_table(path, WILAYAH, tahun, report)
        result.problems.extend(
            Located(dataclasses.replace(p, file=str(path)))
            for p in report.problems
            if p.code not in ("E_FILE_MISSING",)
        )
        if frame is None:
            return None
        return path, frame
    folder = folders[-1]
    if folders[0] == folder:  # no --out (status), or --out the season's own folder: named once
        missing = _problem("error", "E_INTAKE_NO_WILAYAH_SEASON", str(folder), folder=str(folder))
    else:
        missing = _problem("error", "E_INTAKE_NO_WILAYAH", str(folder), out=str(folders[0]), folder=str(folder))
    result.problems.append(Located(missing))
    return None


def _merge(
    table: Table, subs: list[Submission], problems: list[Located], omitted: Counter[tuple[str, str, str]]
) -> pd.DataFrame:
    """The rows of every accepted file of `table`, each key once, sorted by key; origin in ORIGIN columns. Problems
    of repeated keys beyond KEEP_PER_KIND of a kind in a file are only counted in `omitted`."""
    used = [sub for sub in subs if sub.frame is not None and not sub.frame.empty]
    columns = list(table.column_names)
    if not used:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns + ORIGIN})
    else:
        frames = [sub.frame for sub in used if sub.frame is not None]
        frame = pd.concat(frames, ignore_index=True)
        lengths = [len(f) for f in frames]
        frame["_baris"] = np.concatenate([f.index.to_numpy() for f in frames])
        frame["_berkas"] = pd.Series(np.repeat(np.array([s.name for s in used], dtype=object), lengths))
        frame["_lembar"] = pd.Series(np.repeat(np.array([s.sheet for s in used], dtype=object), lengths))
    frame = frame[columns + [c for c in frame.columns if c not in columns and c not in ORIGIN] + ORIGIN]
    frame = _drop_repeats(frame, table, problems, omitted)
    frame = frame.iloc[_key_order(frame, list(table.key))]
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="baris")
    return frame


def _refused_cells(frame: pd.DataFrame, table: Table, subs: list[Submission]) -> dict[str, pd.Series]:
    """Per column of `table`, the rows of the merged `frame` whose cell its file's own check refused (the submissions'
    `bad_cells`), each with the text the merged CSV holds in its place (`_as_written`)."""
    sent = [(sub.name, column, cells) for sub in subs for column, cells in sub.bad_cells.items()]
    checked = read_as(table).column_names  # (wawancara's `hadir` too)
    sent = [(name, column, cells) for name, column, cells in sent if column in checked]
    if not sent or "_berkas" not in frame.columns:
        return {}
    merged = pd.Series(frame.index, index=pd.MultiIndex.from_arrays([frame["_berkas"], frame["_baris"]]))
    found: dict[str, list[pd.Series]] = defaultdict(list)
    for name, column, cells in sent:
        rows = merged.reindex(pd.MultiIndex.from_arrays([np.full(len(cells), name, dtype=object), cells.index]))
        here = rows.notna().to_numpy()  # (a row left out of the merge, or a repeat dropped, is not there)
        texts = [_as_written(value) for value in cells.to_numpy(dtype=object)[here]]
        found[column].append(pd.Series(texts, index=rows.to_numpy()[here].astype(np.int64), dtype=object))
    return {column: pd.concat(parts) for column, parts in found.items()}


def _as_written(sent: object) -> str:
    """What the merged CSV holds for a refused cell of a numeric column, which `paritrana validate` refuses again in
    that column, with the same message: a number refused for its value written as the merged tables write numbers,
    one too large (above validate.MAX_EXACT_NUMBER) as the cell shows it and the message quotes it (`1E+300`, not its
    301 digits, which no reader of the CSV could use); a text as sent (a formula too); `nan` for a cell without
    text, and for a text that is a number in either style (`1.234.567` in a file of decimal points: as sent, it could
    decide the merged file's number style and be read as a number)."""
    if isinstance(sent, float) and abs(sent) > checks.MAX_EXACT_NUMBER:
        return number_shown(sent)
    if isinstance(sent, float):
        return str(_numbers_text(np.array([sent]))[0])
    if isinstance(sent, str) and numbers.classify(csv_unsafe(sent)) == "invalid":
        return sent
    return "nan"


def _key_order(frame: pd.DataFrame, key: list[str]) -> np.ndarray:
    """The positions of `frame`'s rows in a stable sort by `key` (text in code point order, as Python compares it;
    missing values last), found by pyarrow's sort."""
    if not key:
        return np.arange(len(frame))
    try:
        columns = {name: pa.array(frame[name].to_numpy(), from_pandas=True) for name in key}
    except (pa.ArrowException, TypeError):  # a key column of mixed types: pandas sorts it
        return np.asarray(frame.reset_index(drop=True).sort_values(key, kind="stable").index)
    order = pc.sort_indices(pa.table(columns), sort_keys=[(name, "ascending") for name in key])  # nulls at the end
    return order.to_numpy()


def _drop_repeats(
    frame: pd.DataFrame, table: Table, problems: list[Located], omitted: Counter[tuple[str, str, str]]
) -> pd.DataFrame:
    """Keys that arrive more than once: identical rows are kept once (warning), different rows conflict. Each
    repeated row is compared with the first of its key column by column, over all of them at once, and its file,
    sheet and row read from arrays; past KEEP_PER_KIND problems of a kind in a file, the rest are only counted in
    `omitted`: a file pasted into itself repeats every row."""
    key = list(table.key)
    valid = frame[key].notna().all(axis=1)
    repeated = valid & frame.duplicated(subset=key, keep=False)
    if not repeated.any():
        return frame
    rows = frame[repeated]
    groups = rows.groupby(key, sort=False).ngroup().to_numpy()  # numbered as first met
    order = np.lexsort((np.arange(len(rows)), groups))  # by key as first met, then in frame order
    firsts = np.r_[True, groups[order][1:] != groups[order][:-1]]
    later = order[~firsts]
    first = order[firsts][np.searchsorted(groups[order][firsts], groups[later])]
    values = [c for c in frame.columns if c not in ORIGIN]
    differs = np.column_stack([_differ(rows[c].to_numpy(), first, later) for c in values])
    origin = _Origins(rows, problems, omitted)
    for here, there, differing in zip(later, first, differs, strict=True):
        shown = ", ".join(f"{k}={origin.text(k, here)}" for k in key)
        columns = [c for c, d in zip(values, differing, strict=True) if d]
        if columns:  # the later row is dropped, the first kept: each is told which it is
            for at, other, code in ((here, there, "E_INTAKE_CONFLICT"), (there, here, "E_INTAKE_CONFLICT_KEPT")):
                fields = {"key": shown, "columns": ", ".join(columns), "count": len(columns)}
                origin.tell(at, "error", code, columns[0], other=origin.where(other), **fields)
        else:
            origin.tell(here, "warning", "W_INTAKE_DUPLICATE", key[0], key=shown, other=origin.where(there))
    return frame.drop(index=rows.index[later])


def _differ(cells: np.ndarray, first: np.ndarray, later: np.ndarray) -> np.ndarray:
    """Per later row, whether its cell differs from its first row's (two missing values are the same)."""
    a, b = cells[first], cells[later]
    missing_a, missing_b = pd.isna(a), pd.isna(b)
    both = ~missing_a & ~missing_b
    equal = np.zeros(len(a), dtype=bool)
    equal[both] = [x == y for x, y in zip(a[both], b[both], strict=True)]
    return ~(equal | (missing_a & missing_b))


class _Origins:
    """The repeated rows' cells and their files, sheets and rows, by position, for their problems (added to
    `problems`, or past KEEP_PER_KIND of a kind in a file counted in `omitted`)."""

    def __init__(self, rows: pd.DataFrame, problems: list[Located], omitted: Counter[tuple[str, str, str]]) -> None:
        self.cells = {c: rows[c].to_numpy() for c in rows.columns}
        self.files, self.sheets, self.numbers = (self.cells[c] for c in ORIGIN)
        self.problems, self.omitted = problems, omitted
        self.said: Counter[tuple[str, str]] = Counter()

    def tell(self, position: int, severity: Severity, code: str, column: str, **fields: object) -> None:
        """The problem of the row at `position`, kept or only counted."""
        file = str(self.files[position])
        self.said[(file, code)] += 1
        if self.said[(file, code)] > KEEP_PER_KIND:
            self.omitted[(file, severity, code)] += 1
        else:
            self.problems.append(self.at(position, severity, code, column, **fields))

    def text(self, column: str, position: int) -> str:
        return _text(self.cells[column][position])

    def origin(self, position: int) -> tuple[str, str | None, int]:
        """The submitter's file, sheet (None for a CSV) and row."""
        sheet = self.sheets[position]
        return str(self.files[position]), (sheet if isinstance(sheet, str) else None), int(self.numbers[position])

    def at(self, position: int, severity: Severity, code: str, column: str, **fields: object) -> Located:
        file, sheet, row = self.origin(position)
        return Located(_problem(severity, code, file, row, column, self.text(column, position), **fields), sheet)

    def where(self, position: int) -> object:
        return where(*self.origin(position))


def _origin(frame: pd.DataFrame, index: int) -> tuple[str, str | None, int]:
    """The submitter's file, sheet (None for a CSV) and row of a merged row."""
    file, sheet, row = frame.loc[[index], ORIGIN].to_numpy()[0]
    return str(file), (sheet if isinstance(sheet, str) else None), int(row)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _text(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_bytes(frame: pd.DataFrame, table: Table, refused: dict[str, pd.Series] | None = None) -> bytes:
    """A merged table as plain CSV in UTF-8 (comma, dot decimals, no thousands separators, Unix line ends), quoted
    as the csv module quotes; a cell of `refused` (a column's merged rows -> text) as that text instead of its value.
    Each distinct value of a column is formatted once; pyarrow joins the cells into lines (outputs.csv_rows)."""
    kinds = {c.name: c.kind for c in read_as(table).columns}
    columns = [c for c in frame.columns if c not in ORIGIN]
    cells: list[pa.Array] = []
    for name in columns:
        series = frame[name]
        if kinds.get(name) in NUMERIC_KINDS:
            codes, uniques = pd.factorize(series.to_numpy(dtype=np.float64))
            cells.append(_fields(codes, _numbers_text(np.asarray(uniques, dtype=np.float64))))
        else:
            cells.append(_text_fields(series))
        if refused and name in refused:
            cells[-1] = _in_place(cells[-1], frame.index, refused[name])
    return bytes(csv_rows(cells, csv_header(columns)))


def _in_place(fields: pa.Array, index: pd.Index, texts: pd.Series) -> pa.Array:
    """A column's `fields` (its cells by `index`) with `texts` (by row) in their places, CSV-quoted and neutralised
    as formulas as every text of the merged tables is."""
    positions = index.get_indexer(texts.index)
    order = np.argsort(positions)
    mask = np.zeros(len(fields), dtype=bool)
    mask[positions] = True
    written = [csv_field(str(csv_safe(text))) for text in texts.to_numpy(dtype=object)[order]]
    return pc.replace_with_mask(fields, pa.array(mask), pa.array(written, type=pa.large_string()))


def _fields(codes: np.ndarray, words: np.ndarray) -> pa.Array:
    """`words[code]` per cell as a large_string array; nothing where the code is -1 (a missing value)."""
    return pick_texts(np.where(codes < 0, len(words), codes), [*words.tolist(), ""])


def _text_fields(series: pd.Series) -> pa.Array:
    """A column's fields as csv.writer writes their text; a missing value as nothing."""
    if pd.api.types.is_string_dtype(series):
        values = pa.array(series.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
        quoted = pc.or_(pc.match_substring_regex(values, _QUOTED), pc.match_substring_regex(values, _FORMULA_RE2))
        quoted = quoted.fill_null(False)
        where = np.flatnonzero(quoted.to_numpy(zero_copy_only=False))
        if len(where):  # only these need csv.writer's quoting, or a `'` before what would run as a formula
            fixed = [csv_field(str(csv_safe(text))) for text in values.take(pa.array(where)).to_pylist()]
            values = pc.replace_with_mask(values, quoted, pa.array(fixed, type=pa.large_string()))
        return values.fill_null("")
    # (distinct values of other types, such as 1 and 1.0, would be taken for one)
    words = np.array([csv_field(str(csv_safe(str(v)))) for v in series.where(series.notna(), "")], dtype=object)
    return _fields(np.arange(len(series)), words)


def _numbers_text(values: np.ndarray) -> np.ndarray:
    """Numbers as the shortest text that reads back the same: 1234, 68.02; NaN as ''."""
    out = np.full(values.shape, "", dtype=object)
    present = ~np.isnan(values)
    whole = (
        present
        & (values == np.floor(values, where=present, out=np.zeros_like(values)))
        & (np.abs(values, where=present, out=np.zeros_like(values)) < 2**53)
    )
    out[whole] = list(map(str, values[whole].astype(np.int64).tolist()))
    rest = present & ~whole
    out[rest] = [
        text if "e" not in text else np.format_float_positional(v, trim="-")
        for v, text in zip(values[rest].tolist(), map(repr, values[rest].tolist()), strict=True)
    ]
    return out


def _check_season(
    result: IntakeResult, tahun: int, reference: Path | None, methodology: Methodology | None
) -> list[Located]:
    """The loader's checks across rows and tables, on the merged tables as they will be written; then, when
    they find no error, the checks against the methodology."""
    report = ValidationReport(result.musim)
    names = {t.name: f"{t.name}.csv" for t in TABLES}
    if reference is not None:
        names["wilayah"] = reference.name
    names.update({name: str(path) for name, path in result.kept.items()})
    frames: dict[str, pd.DataFrame | None] = {}
    for table in TABLES:
        frame = result.tables[table.name].drop(columns=ORIGIN, errors="ignore")
        if frame.empty and table.name != "wawancara":  # nothing arrived; the checks below need rows
            report.add("error", "E_INTAKE_NO_ROWS", names[table.name], table=table.name)
            frames[table.name] = None
            continue
        checks.check_duplicates(frame, table, names[table.name], report)
        frames[table.name] = frame
    listed = ValidationReport(result.musim)  # the region list's problems, reported after the checks across tables
    region_list = _region_list(result.musim, None if reference is None else reference.parent, listed)
    check_across_tables(frames, names, result.musim, tahun, report, official=region_list)
    report.absorb(listed)
    if region_list is not None:
        validate_codes.check_codes(frames, names, region_list, report)
    if methodology is not None and report.ok:  # only a season without errors has typed tables
        typed = {t.name: typed_table(found, t) for t in TABLES if (found := frames[t.name]) is not None}
        season = Season(
            result.musim,
            tahun,
            reference.parent if reference else Path(),
            typed["wilayah"],
            typed["pemda"],
            typed["desa"],
            typed["badan_usaha"],
            typed["wawancara"],
            files={t.name: Path(names[t.name]) for t in TABLES},
            file_hashes={},
        )
        registry.check(season, methodology, report)
    for (file, severity, code), count in report.omitted.items():
        result.omitted[(str(reference) if reference and file == reference.name else file, severity, code)] += count
    return _map_back(report.problems, result.tables, reference)


def _region_list(musim: int, folder: Path | None, report: ValidationReport) -> RegionList | None:
    """The region list the season folder's musim.yaml names (`referensi_wilayah`), else the bundled one."""
    if folder is None:
        return kemendagri.bundled()
    meta = read_meta(folder, musim, ValidationReport(musim))[0]  # a broken musim.yaml is reported by validate
    return validate_codes.region_list(meta, folder, SEASON_META, report)


def _replaced(out: Path, rows: dict[str, int]) -> dict[str, tuple[int, int]]:
    """The table files of `out` the merged tables of `rows` (name -> merged rows) will replace: file name -> (its data
    rows now, the merged rows)."""
    found = {}
    for name, after in rows.items():
        path = out / f"{name}.csv"
        if path.is_file():
            found[path.name] = (_data_rows(path), after)
    return found


def _data_rows(path: Path) -> int:
    """The rows under the header of a CSV file (a quoted cell may hold a line break: then counted by the csv module,
    its lines ended by CR and LF alone, as a CSV's are: not by U+2028, NEL or VT, which a refused name merged as sent
    may hold; a file that cannot be read: 0)."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    if b'"' not in data:
        lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
        return max(0, lines - 1)
    text = data.decode("utf-8", errors="replace")
    return max(0, sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1)


def _worth_writing_beside(tables: dict[str, pd.DataFrame]) -> bool:
    """Whether the merged tables are worth writing in a process of their own: the largest has WRITE_BESIDE_ROWS
    rows."""
    return max(len(frame) for frame in tables.values()) >= WRITE_BESIDE_ROWS


def _write_table(files: FileSet, result: IntakeResult, name: str) -> None:
    """Add one merged table to the set of files written into the season folder, its refused cells as sent."""
    table = next(t for t in TABLES if t.name == name)
    files.add(f"{name}.csv", csv_bytes(result.tables[name], table, result.refused_cells.get(name)))


def _write(
    result: IntakeResult,
    reference: tuple[Path, pd.DataFrame] | None,
    references: list[Path],
    out: Path,
) -> None:
    """Write the merged tables and the provenance into `out` as one set (outputs.FileSet: all of them or, killed
    before its commit, none); copy the season's reference files (`wilayah` when it came from elsewhere,
    `musim.yaml`) when `out` lacks them, in the same set. The tables `result.kept` are left as they are, and
    their lines of the provenance too."""
    with FileSet(out) as files:
        for table in TABLES:
            if (table.name != "wilayah" or reference is None) and table.name not in result.kept:
                _write_table(files, result, table.name)
        files.add(PROVENANCE_FILE, _provenance_bytes(result.tables, _kept_provenance(out, set(result.kept))))
        copies = [] if reference is None else [reference[0]]
        season_meta = references[-1] / SEASON_META
        copies += [season_meta] if season_meta.is_file() else []
        for source in copies:
            if not (out / source.name).is_file():
                files.add(source.name, source.read_bytes())
    result.written = out


def _kept_provenance(out: Path, kept: set[str]) -> dict[str, bytes]:
    """The lines of `out`'s provenance file about the tables `kept`, per table, as they are."""
    path = out / PROVENANCE_FILE
    if not kept or not path.is_file():
        return {}
    lines: dict[str, list[str]] = {name: [] for name in sorted(kept)}
    with path.open(encoding="utf-8", newline="") as old:
        for row in csv.reader(old):
            if row and row[0] in lines:
                lines[row[0]].append(",".join(csv_field(field) for field in row) + "\n")
    return {name: "".join(text).encode("utf-8") for name, text in lines.items()}


def _provenance_bytes(tables: dict[str, pd.DataFrame], kept: dict[str, bytes] | None = None) -> bytes:
    """One line per merged row: table, merged row, the submitter's file, sheet and row (CSV, UTF-8); a table of
    `kept` has the lines given there (those of the earlier intake that merged it)."""
    out = bytearray(b"tabel,baris,berkas,lembar,baris_berkas\n")
    for name, frame in tables.items():
        if kept and name in kept:
            out += kept[name]
            continue
        if "_berkas" not in frame.columns:
            continue
        cells = [
            _fields(np.zeros(len(frame), dtype=np.int64), np.array([csv_field(name)], dtype=object)),
            _numbers(frame.index.to_numpy()),
            _text_fields(_escaped_names(frame["_berkas"])),
            _text_fields(_escaped_names(frame["_lembar"])),
            _numbers(frame["_baris"].to_numpy()),
        ]
        out += csv_rows(cells)
    return bytes(out)


def _escaped_names(names: pd.Series) -> pd.Series:
    """Submitters' file or sheet names as the provenance writes them (problems.escaped_text: a control character
    visible, and the name read back exactly), each distinct name once; a missing one (a CSV's sheet) stays so."""
    changed = {name: escaped_text(str(name)) for name in names.dropna().unique() if escaped_text(str(name)) != name}
    return names.replace(changed) if changed else names


def _numbers(values: np.ndarray) -> pa.Array:
    """Whole numbers as text, per cell, as a large_string array."""
    return pa.array(values.astype(np.int64), type=pa.int64()).cast(pa.large_string())


def _map_back(problems: list[Problem], tables: dict[str, pd.DataFrame], reference: Path | None) -> list[Located]:
    """Problems of the merged files, moved to the submitter's file, sheet and row where the row came from."""
    origins = {f"{name}.csv": frame for name, frame in tables.items() if "_berkas" in frame.columns}
    out = []
    for problem in problems:
        frame = origins.get(problem.file)
        if frame is not None and problem.row is not None and problem.row in frame.index:
            file, sheet, row = _origin(frame, problem.row)
            moved = dataclasses.replace(problem, file=file, row=row, fields=_rows_named(problem.fields, frame))
            out.append(Located(moved, sheet, problem.file, problem.row))
        elif reference is not None and problem.file == reference.name:
            out.append(Located(dataclasses.replace(problem, file=str(reference))))
        else:
            out.append(Located(problem))
    return out


def _rows_named(fields: tuple[tuple[str, object], ...], frame: pd.DataFrame) -> tuple[tuple[str, object], ...]:
    """A message's fields, each naming another row of the merged file (`Ref("loc.row")`: E_ID_FORM's earlier row)
    naming instead the submitter's file, sheet and row it came from."""
    named = []
    for name, value in fields:
        row = dict(value.fields).get("row") if isinstance(value, Ref) and value.key == "loc.row" else None
        if isinstance(row, int) and row in frame.index:
            file, sheet, at = _origin(frame, row)
            value = where(shown_text(file, FIELD_CHARS), None if sheet is None else shown_text(sheet, FIELD_CHARS), at)
        named.append((name, value))
    return tuple(named)


def _attach_merged_rows(problems: list[Located], tables: dict[str, pd.DataFrame]) -> list[Located]:
    """Add the merged file and row to problems of rows that were merged."""
    wanted = {(p.problem.file, p.problem.row) for p in problems if p.problem.row is not None}
    if not wanted:
        return problems
    found: dict[tuple[str, int], tuple[str, int]] = {}
    for name, frame in tables.items():
        if "_berkas" not in frame.columns or frame.empty:
            continue
        files = frame["_berkas"].to_numpy()
        rows = frame["_baris"].to_numpy()
        hit = np.isin(files, [f for f, _ in wanted])
        for merged_row, file, row in zip(frame.index[hit], files[hit], rows[hit], strict=True):
            if (file, int(row)) in wanted:
                found[(file, int(row))] = (f"{name}.csv", int(merged_row))
    return [
        dataclasses.replace(p, merged_file=found[k][0], merged_row=found[k][1])
        if (k := (p.problem.file, p.problem.row)) in found
        else p
        for p in problems
    ]
