"""Reading an inbox: every returned file, which table it holds, its cells checked where they stand.

Each file becomes a Submission: the table recognised from its header row, the template's own record of what
it was sent out for (season, province, region, category, juror), its typed rows indexed by the submitter's
spreadsheet row, and every problem found, located in the submitter's file and sheet.
"""

from __future__ import annotations

import dataclasses
import os
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from defusedxml import DefusedXmlException, ElementTree

from .. import numbers
from .. import validate as checks
from ..cache import file_sha256
from ..forking import can_fork, pool
from ..messages import Ref, os_reason
from ..outputs import within
from ..problems import Problem, Severity, ValidationReport
from ..readers import RawTable, ReadFailure, other_sheet_with_header, plain_xlsx, read_table_file, xlsx_table
from ..schema import TABLES, Table, read_as
from ..xlsx_values import Hidden, SheetValues, column_values, member_bytes
from .guide import HELPER_COLUMNS, PREFILLED
from .jury_sheets import LISTED
from .packing import Packed, pack, unpack
from .workbook import META_FORMAT, META_PREFIX

TABLE_SUFFIXES = (".csv", ".xlsx")
OTHER_SPREADSHEETS = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers")
_CUSTOM = "docProps/custom.xml"
PARALLEL_BYTES = 4_000_000
"""An inbox of fewer bytes is read by one process: forking another would cost more than it saves."""
MAX_JOBS = 8


@dataclass
class Submission:
    """One file of the inbox, read and checked on its own."""

    name: str  # path relative to the inbox, with forward slashes
    sheet: str | None = None  # the sheet read (workbooks only)
    table: Table | None = None
    meta: dict[str, str] = field(default_factory=dict)  # what a template was made for
    frame: pd.DataFrame | None = None  # typed rows, indexed by the submitter's row; None when nothing is merged
    # per numeric column, its cells refused where they stand, by row, as sent (validate.parse_cells `refused`)
    bad_cells: dict[str, pd.Series] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    omitted: Counter[tuple[str, str]] = field(default_factory=Counter)  # (severity, code) -> problems only counted
    hidden: Hidden | None = None  # the rows and named columns Excel hides in the sheet read (workbooks only)
    # False for a name intake never opens: a link to a folder or to a file outside the inbox, a name that is no file
    # (a pipe, a link to nothing), a copy of another file (read once, as that file), a file that is no table
    read: bool = True

    @property
    def refused(self) -> bool:
        """True when an error keeps the whole file out of the merge."""
        return self.frame is None and any(p.severity == "error" for p in self.problems)

    @property
    def ignored(self) -> bool:
        """True for a file that is not a table at all (a letter, a scan)."""
        return self.frame is None and not self.refused

    def add(
        self,
        severity: Severity,
        code: str,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        /,
        **fields: object,
    ) -> None:
        """Record a problem located in this file (the message's `fields` come by name)."""
        report = ValidationReport(0)
        report.add(severity, code, self.name, row, column, value, **fields)
        self.problems.extend(report.problems)

    def take(self, report: ValidationReport, rows: dict[int, int] | None = None) -> None:
        """Adopt a report's problems about this file (rows translated through `rows` when given)."""
        for problem in report.problems:
            row = problem.row if rows is None or problem.row is None else rows[problem.row]
            self.problems.append(dataclasses.replace(problem, file=self.name, row=row))
        for (_, severity, code), count in report.omitted.items():
            self.omitted[(severity, code)] += count

    def drop_rows(self, rows: Iterable[int]) -> None:
        """Leave these rows out of the merge."""
        if self.frame is not None:
            self.frame = self.frame.drop(index=list(rows))


def inbox_files(inbox: Path) -> tuple[list[Path], dict[Path, OSError]]:
    """Every file under `inbox`, sorted by relative path; Office lock files and hidden files left out. A name that is
    neither a folder nor a file (a link to nothing, a pipe, a device) is listed too, and so is a link to a folder (never
    followed): `read_inbox` reports each unread. Also each folder that cannot be listed (no permission), with why."""
    found: list[Path] = []
    unlisted: dict[Path, OSError] = {}
    for folder, subfolders, names in os.walk(inbox, onerror=lambda error: _unlisted(error, unlisted)):
        here = Path(folder)
        subfolders[:] = [name for name in subfolders if not _skipped(Path(name))]  # hidden: never read, nor listed
        links = [name for name in subfolders if (here / name).is_symlink()]  # a link to a folder: listed, not followed
        found += [here / name for name in [*names, *links] if not _skipped(Path(name))]
    return sorted(found, key=lambda p: p.relative_to(inbox).as_posix()), unlisted


def _unlisted(error: OSError, unlisted: dict[Path, OSError]) -> None:
    """Note a folder `os.walk` could not list."""
    if error.filename is not None:
        unlisted[Path(os.fsdecode(error.filename))] = error


def _skipped(relative: Path) -> bool:
    """True for a path of the inbox that intake never reads: hidden, an Office lock file, or under such a folder."""
    return any(part.startswith((".", "~$")) for part in relative.parts)


def read_inbox(inbox: Path, musim: int, tahun: int, jobs: int | None = None) -> list[Submission]:
    """Read every file of `inbox`: recognise its table, drop blank template rows, check its cells.

    A large inbox is read by `jobs` forked processes (default: one per processor this process may use), each
    taking a share of the files of about equal size; the files come back in path order and every file is read
    exactly as one process would read it, so the result does not depend on how many processes read it.
    """
    paths, unlisted = inbox_files(inbox)
    readable = [path for path in paths if path.is_file()]
    folders = [path for path in paths if path.is_dir()]  # links to folders
    outside = {path for path in readable if not within(path, inbox)}  # a link to a file out of the inbox
    files = [path for path in readable if path not in outside]
    subs = [_outside(path, inbox) for path in readable if path in outside]  # never opened
    subs += [_folder_link(path, inbox) for path in folders]
    no_files = [path for path in paths if not path.is_file() and not path.is_dir()]
    subs += [_not_a_file(path, inbox) for path in no_files]  # never opened: a pipe would hang
    subs += [_unlisted_folder(path, error, inbox) for path, error in unlisted.items()]
    copies = exact_copies(files)
    subs += [_copy_of(path, copies[path], inbox) for path in files if path in copies]
    unique = [path for path in files if path not in copies]
    shares = _shares(unique, _jobs(unique, jobs))
    if len(shares) == 1:
        subs += _read_files(unique, inbox, musim, tahun)
    else:
        with pool(len(shares) - 1) as workers:
            others = [workers.submit(_read_share, share, inbox, musim, tahun) for share in shares[1:]]
            subs += _read_files(shares[0], inbox, musim, tahun)  # this process reads a share too
            for future in others:
                theirs, packed = future.result()
                unpack(theirs, packed)
                subs += theirs
    tables = {t.name: t for t in TABLES}
    for sub in subs:  # a table that came back from a worker is a copy: the schema's own object again
        sub.table = None if sub.table is None else tables[sub.table.name]
    return sorted(subs, key=lambda sub: sub.name)  # the paths' order: names are relative POSIX paths


def exact_copies(paths: list[Path]) -> dict[Path, Path]:
    """Each file of `paths` whose bytes are those of another -> that other file, the one of the shortest name
    (`pemda_61 (1).xlsx`, a second download of `pemda_61.xlsx`, -> `pemda_61.xlsx`); only files of one size are
    hashed. An empty file is no copy: each is read, and said to be empty."""
    by_size: dict[int, list[Path]] = defaultdict(list)
    for path in paths:
        size = path.stat().st_size
        if size:
            by_size[size].append(path)
    copies: dict[Path, Path] = {}
    for same_size in by_size.values():
        first: dict[str, Path] = {}
        for path in sorted(same_size, key=lambda p: (len(p.name), p)) if len(same_size) > 1 else ():
            try:
                digest = file_sha256(path)
            except OSError:  # a file that cannot be read is no copy: it is refused when it is read
                continue
            copies.update({path: first[digest]} if digest in first else {})
            first.setdefault(digest, path)
    return copies


def _not_a_file(path: Path, inbox: Path) -> Submission:
    """The submission of a name under the inbox that is no file to read (a link to nothing, a pipe, a device): an
    error for a table's name (its table would silently count as not submitted), else ignored as any other file."""
    sub = Submission(path.relative_to(inbox).as_posix(), read=False)
    if path.suffix.lower() in TABLE_SUFFIXES:
        sub.add("error", "E_NOT_A_FILE")
    else:
        sub.add("warning", "W_INTAKE_IGNORED_FILE")
    return sub


def _unlisted_folder(path: Path, error: OSError, inbox: Path) -> Submission:
    """The submission of a folder of the inbox that cannot be listed (no permission): an error, as none of its files is
    read and their tables would silently count as not submitted."""
    name = inbox.as_posix() if path == inbox else path.relative_to(inbox).as_posix()  # the inbox itself: as given
    sub = Submission(name, read=False)
    sub.add("error", "E_INTAKE_FOLDER_UNREADABLE", reason=os_reason(error))
    return sub


def _outside(path: Path, inbox: Path) -> Submission:
    """The submission of a link under the inbox to a file outside it (a link in an unpacked archive, a shortcut to
    the season's own tables): an error, not read; intake merges only what was submitted into the inbox."""
    sub = Submission(path.relative_to(inbox).as_posix(), read=False)
    sub.add("error", "E_INTAKE_LINK_OUTSIDE", target=str(path.resolve()))
    return sub


def _folder_link(path: Path, inbox: Path) -> Submission:
    """The submission of a link under the inbox to a folder, never followed: an error when the folder is outside the
    inbox (none of its files is read, as of a link to a file outside it), else a warning naming the folder in the inbox
    whose files are read where they are, or, for a hidden folder intake skips, that none of them is read."""
    sub = Submission(path.relative_to(inbox).as_posix(), read=False)
    target = path.resolve()
    if within(target, inbox):
        relative = target.relative_to(inbox.resolve())
        code = "W_INTAKE_FOLDER_LINK_HIDDEN" if _skipped(relative) else "W_INTAKE_FOLDER_LINK"
        sub.add("warning", code, target=relative.as_posix() or ".")
    else:
        sub.add("error", "E_INTAKE_FOLDER_LINK_OUTSIDE", target=str(target))
    return sub


def _copy_of(path: Path, original: Path, inbox: Path) -> Submission:
    """The submission of a file that is a copy of `original`: not read again, with a warning naming both."""
    sub = Submission(path.relative_to(inbox).as_posix(), read=False)
    sub.add("warning", "W_INTAKE_COPY", other=original.relative_to(inbox).as_posix())
    return sub


def _read_share(paths: list[Path], inbox: Path, musim: int, tahun: int) -> tuple[list[Submission], list[Packed]]:
    """`_read_files` in a forked process: the rows travel back packed (packing.pack)."""
    subs = _read_files(paths, inbox, musim, tahun)
    return subs, pack(subs)


def _jobs(paths: list[Path], jobs: int | None) -> int:
    """How many processes read `paths`: one for a small inbox (starting another costs more than it saves) or
    where processes cannot be forked, else `jobs` or one per usable processor."""
    if not can_fork():
        return 1
    if jobs is None:
        if sum(p.stat().st_size for p in paths) < PARALLEL_BYTES:
            return 1
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(jobs, MAX_JOBS, len(paths)))


def _shares(paths: list[Path], jobs: int) -> list[list[Path]]:
    """`paths` dealt into `jobs` shares of about equal bytes: largest file first, each to the lightest share."""
    if jobs == 1:
        return [paths]
    shares: list[list[Path]] = [[] for _ in range(jobs)]
    weights = [0] * jobs
    for path in sorted(paths, key=lambda p: (-p.stat().st_size, p)):
        lightest = weights.index(min(weights))
        shares[lightest].append(path)
        weights[lightest] += path.stat().st_size
    return [share for share in shares if share]


def _read_files(paths: list[Path], inbox: Path, musim: int, tahun: int) -> list[Submission]:
    """Read these files of `inbox` (see read_inbox), in the order given.

    Workbooks that calamine reads and whose header rows are the same are checked together, and files of one table
    written in one number style are parsed together (a few calls instead of hundreds); each problem is still
    located in its own file and row, exactly as when each file is checked alone.
    """
    subs: list[Submission] = []
    groups: dict[tuple[str, str], list[tuple[Submission, RawTable]]] = defaultdict(list)
    batches: dict[tuple[str, ...], list[tuple[Submission, Path, SheetValues]]] = defaultdict(list)
    for path in paths:
        sub, read = _read(path, inbox)
        subs.append(sub)
        if isinstance(read, SheetValues):
            batches[tuple(read.header)].append((sub, path, read))
        elif read is not None:
            _check_alone(sub, read, musim, groups)
    for members in batches.values():
        _check_batch(members, musim, tahun, groups)
    for (_, style), group in groups.items():
        _parse_together(group, style, musim, tahun)  # type: ignore[arg-type]  # a file with cells has a Style, not ''
    for sub in subs:
        frame = sub.frame
        if (
            frame is not None
            and "tahun" in frame.columns
            and frame["tahun"].notna().any()
            and not frame["tahun"].isin((tahun, tahun - 1)).any()
        ):
            sub.add("error", "E_INTAKE_FILE_OTHER_YEARS", None, "tahun", year=tahun, prev=tahun - 1)
            sub.frame = None
        if sub.frame is not None and sub.hidden is not None:  # what is merged of what Excel hides
            report = ValidationReport(musim)
            checks.check_hidden(sub.hidden, sub.frame.index, sub.frame.columns, sub.name, report)
            sub.take(report)
    return subs


def _read(path: Path, inbox: Path) -> tuple[Submission, RawTable | SheetValues | None]:
    """One file's cells: a workbook that calamine reads with a header of distinct names as its sheet's values (to
    be checked with the other files of its header), any other table file as its cells; None when it has none."""
    sub = Submission(path.relative_to(inbox).as_posix())
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        if suffix in OTHER_SPREADSHEETS:
            sub.add("error", "E_INTAKE_FORMAT", suffix=suffix)
        else:  # a note, a scan: never opened, so no file read
            sub.read = False
            sub.add("warning", "W_INTAKE_IGNORED_FILE")
        return sub, None
    read: RawTable | SheetValues
    try:
        if suffix == ".xlsx":
            plain = plain_xlsx(path)
            read = plain if plain is not None and _batchable(plain) else xlsx_table(path, plain)
        else:
            read = read_table_file(path)
    except ReadFailure as failure:  # a CSV's title line above the header: said so, not the rows' widths
        report = ValidationReport(0)
        if failure.code not in checks.WIDTH_FAILURES or checks.check_title_rows(path, None, TABLES, sub.name, report):
            sub.add("error", failure.code, **failure.fields)
        sub.take(report)
        return sub, None
    except OSError as exc:  # no permission, locked by another program, gone since it was listed: this file refused
        sub.add("error", "E_FILE_UNREADABLE", reason=os_reason(exc))
        return sub, None
    report = ValidationReport(0)
    if suffix == ".xlsx":
        sub.sheet, sub.hidden = read.sheet, read.hidden  # the first worksheet (a chart sheet before it is not read)
        sub.meta = _template_record(path)
    row_1 = read.header if isinstance(read, SheetValues) else list(read.cells.columns)
    fits = checks.check_title_rows(path, row_1, TABLES, sub.name, report)
    if suffix == ".xlsx" and _table_in_other_sheet(sub, path, row_1, report):
        return sub, None
    if not fits:
        sub.take(report)  # one error, not a header matching no table and the header's cells under no name
        return sub, None
    if suffix == ".xlsx":
        checks.check_unread(read, sub.name, report)
        sub.take(report)
    return sub, read


def _table_in_other_sheet(sub: Submission, path: Path, row_1: list[str], title: ValidationReport) -> bool:
    """Whether the workbook's first sheet holds no table (empty, a title, a summary: no header in row 1 nor below a
    title, as `title` found) while a sheet behind it does: one error naming both, for only the first is read."""
    if checks.names_table(row_1, TABLES) or any(p.code == "E_HEADER_BELOW_TITLE" for p in title.problems):
        return False
    other = other_sheet_with_header(path, lambda names: checks.names_table(names, TABLES))
    if other is None:
        return False
    sub.add("error", "E_INTAKE_TABLE_IN_OTHER_SHEET", 1, sheet=sub.sheet, other=other)
    return True


def _batchable(plain: SheetValues) -> bool:
    """Whether a sheet's header names every column once (the reader then keeps every column under its name) and it
    holds no number cell without a value (`_check_alone` reports each)."""
    names = [h.lstrip("\ufeff") for h in plain.header]
    return bool(names) and all(names) and len(set(names)) == len(names) and not plain.empty_numbers


def _check_alone(
    sub: Submission, raw: RawTable, musim: int, groups: dict[tuple[str, str], list[tuple[Submission, RawTable]]]
) -> None:
    """One file's table, template record, column and number-style checks; its rows go to `groups` to be parsed."""
    report = ValidationReport(musim)
    if not checks.check_header(raw, sub.name, report):  # an empty file: said so, not a header matching no table
        sub.take(report)
        return
    table = _recognise(sub, raw)
    if table is None:
        return
    sub.table = table
    raw = _without_blank_rows(sub, raw, table)
    if sub.meta.get("musim", str(musim)) != str(musim):
        row = _first_row(raw.cells.index)
        sub.add("error", "E_INTAKE_OTHER_SEASON", row, None, sub.meta["musim"], musim=musim)
        return
    if raw.cells.empty:
        sub.add("warning", "W_INTAKE_NOTHING_FILLED")
        sub.frame = pd.DataFrame(columns=list(table.column_names))
        return
    report = ValidationReport(musim)
    checks.check_columns(raw, table, report)
    checked = read_as(table)
    style = checks.detect_style(raw, checked, checks.distinct_numbers(raw, checked), report)
    sub.take(report)
    groups[(table.name, style)].append((sub, raw))


def _check_batch(
    members: list[tuple[Submission, Path, SheetValues]],
    musim: int,
    tahun: int,
    groups: dict[tuple[str, str], list[tuple[Submission, RawTable]]],
) -> None:
    """`_check_alone` and the parsing for workbooks with the same header, their cells taken together: the blank
    rows, the number style and the typed values are found once for all (a file whose style needs a message is
    checked alone); a group that only each file's own checks can read goes to `groups` file by file."""
    names = [h.lstrip("\ufeff") for h in members[0][2].header]
    complete = [t for t in TABLES if set(t.column_names) <= set(names)]
    if len(members) == 1 or not complete:
        for sub, path, plain in members:
            _check_alone(sub, xlsx_table(path, plain), musim, groups)
        return
    table = max(complete, key=lambda t: len(t.columns))
    lengths = [len(plain.cells[0]) for _, _, plain in members]
    owner = np.repeat(np.arange(len(members)), lengths)
    values = {
        name: column_values(np.concatenate([plain.cells[i] for _, _, plain in members])) for i, name in enumerate(names)
    }
    texts = {name: found[0] for name, found in values.items()}
    nonempty = np.zeros(len(owner), dtype=bool)
    for cells in texts.values():
        nonempty |= cells != ""
    helpers = [c for c in HELPER_COLUMNS.get(table.name, ()) if c in names]
    kept = [c for c in names if c not in helpers]
    filled = np.zeros(len(owner), dtype=bool)
    for column in (c for c in kept if c not in PREFILLED.get(table.name, ())):
        filled |= texts[column] != ""
    keep = nonempty & filled
    rows = pd.DataFrame({c: texts[c][keep] for c in kept}).astype(str)
    flags = {name: pd.Series(values[name][1][keep]) for name in kept}
    probe = RawTable(members[0][1], rows, ",", [], flags)
    report = ValidationReport(musim)
    checks.check_columns(probe, table, report)
    if report.problems or rows.empty:  # what only a file's own check reports
        for sub, path, plain in members:
            _check_alone(sub, xlsx_table(path, plain), musim, groups)
        return
    owners = owner[keep]
    starts = np.searchsorted(owners, np.arange(len(members) + 1))
    checked = read_as(table)
    found = checks.distinct_numbers(probe, checked)
    shown = _styles_shown(probe, found, checked, owners, len(members))
    ends = np.cumsum([0, *lengths])
    parts: dict[numbers.Style, list[int]] = defaultdict(list)  # style -> the files parsed together in it
    indexes: dict[int, pd.Index] = {}
    for k, (sub, path, _) in enumerate(members):
        sub.table = table
        index = pd.Index(range(2, lengths[k] + 2), name="baris")  # as the reader and _without_blank_rows give it
        own_nonempty, own_filled = nonempty[ends[k] : ends[k + 1]], filled[ends[k] : ends[k + 1]]
        if not own_nonempty.all():
            index = index[own_nonempty]
        if helpers or not own_filled[own_nonempty].all():
            index = index[own_filled[own_nonempty]]
        if sub.meta.get("musim", str(musim)) != str(musim):
            sub.add("error", "E_INTAKE_OTHER_SEASON", _first_row(index), None, sub.meta["musim"], musim=musim)
            continue
        if starts[k] == starts[k + 1]:
            sub.add("warning", "W_INTAKE_NOTHING_FILLED")
            sub.frame = pd.DataFrame(columns=list(table.column_names))
            continue
        indexes[k] = index
        style = shown[k]
        if style is None:  # the file's own decision has something to report
            report = ValidationReport(musim)
            raw = dataclasses.replace(_rows_of(probe, starts[k], starts[k + 1]), path=path)
            raw.cells.index = index
            for flags_of_column in raw.numeric_cells.values():
                flags_of_column.index = index
            style = checks.detect_style(raw, checked, checks.distinct_numbers(raw, checked), report)
            sub.take(report)
        parts[style].append(k)
    for style, files in parts.items():
        entries = [(members[k][0], indexes[k], rows.columns) for k in files]
        if len(files) == len(members):
            part, part_found = probe, found
        else:
            chosen = np.isin(owners, files)
            part = RawTable(
                probe.path,
                rows[chosen].reset_index(drop=True),
                ",",
                [],
                {c: f[chosen].reset_index(drop=True) for c, f in flags.items()},
            )
            part_found = None
        if not _parse_rows(entries, part, style, musim, tahun, part_found):
            bounds = np.cumsum([0] + [len(index) for _, index, _ in entries])
            for entry, start, stop in zip(entries, bounds[:-1], bounds[1:], strict=True):
                _parse_rows([entry], _rows_of(part, start, stop), style, musim, tahun)


def _rows_of(raw: RawTable, start: int, stop: int) -> RawTable:
    """Rows `start` to `stop` of a table read from workbooks (no formulas), numbered from 0."""
    return RawTable(
        raw.path,
        raw.cells.iloc[start:stop].reset_index(drop=True),
        raw.delimiter,
        [],
        {c: f.iloc[start:stop].reset_index(drop=True) for c, f in raw.numeric_cells.items()},
    )


def _styles_shown(
    raw: RawTable, found: dict[str, numbers.Distinct], table: Table, owners: np.ndarray, files: int
) -> list[numbers.Style | None]:
    """Per file (`owners`: the file of each row of `raw`), the number style `validate.detect_style` decides for it
    as a workbook, when it decides with no message; None when the file shows both styles, or no style but numbers
    that can be read two ways (then detect_style has something to report). As there, only the cells written as text
    show a style."""
    seen = {kind: np.zeros(files, dtype=bool) for kind in ("id", "en", "ambiguous")}
    for column in table.columns:
        if column.name not in found:
            continue
        distinct = found[column.name]
        rows = checks.written_as_text(raw, column.name, distinct)
        values = distinct.values.tolist()  # noqa: PD011 - Distinct.values, not pandas
        kinds = [numbers.classify(v) for v in values]
        for kind, files_seen in seen.items():
            shown = np.append(np.array([k == kind for k in kinds], dtype=bool), False)
            files_seen[owners[shown[rows]]] = True  # position -1 (no number-shaped value, a number cell): the False
    styles: list[numbers.Style | None] = []
    for k in range(files):
        if seen["id"][k] and seen["en"][k]:
            styles.append(None)
        elif seen["id"][k]:
            styles.append("id")
        elif seen["en"][k] or not seen["ambiguous"][k]:
            styles.append("en")  # a workbook is read with the ',' separator: the style of one that shows none
        else:
            styles.append(None)
    return styles


def _parse_together(members: list[tuple[Submission, RawTable]], style: numbers.Style, musim: int, tahun: int) -> None:
    """Parse the cells of several files of one table and style at once; give each file its rows and problems.

    A report keeps a limited number of problems of one kind; when a group reaches it, each file is parsed alone
    so that every file keeps its own.
    """
    starts = np.cumsum([0] + [len(raw.cells) for _, raw in members])
    combined = _combined([raw for _, raw in members], starts)
    entries = [(sub, raw.cells.index, raw.cells.columns) for sub, raw in members]
    if not _parse_rows(entries, combined, style, musim, tahun):
        for member in members:
            _parse_together([member], style, musim, tahun)


def _parse_rows(
    entries: list[tuple[Submission, pd.Index, pd.Index]],
    combined: RawTable,
    style: numbers.Style,
    musim: int,
    tahun: int,
    found: dict[str, numbers.Distinct] | None = None,
) -> bool:
    """Parse the rows of several files (each file, its rows' numbers and its columns; their rows one after the
    other in `combined`, numbered from 0); give each file its rows and problems. False, and nothing given, when
    the report reached its limit of problems of one kind with several files: then each must be parsed alone."""
    table = read_as(entries[0][0].table)  # type: ignore[arg-type]  # only files with a table are parsed
    starts = np.cumsum([0] + [len(index) for _, index, _ in entries])
    report = ValidationReport(musim)
    if found is None:
        found = checks.distinct_numbers(combined, table)
    refused: dict[str, pd.Series] = {}
    frame = checks.parse_cells(combined, table, style, found, tahun, report, refused)
    if report.omitted and len(entries) > 1:
        return False
    by_file: dict[int, ValidationReport] = defaultdict(lambda: ValidationReport(musim))
    for problem in report.problems:
        position = 0 if problem.row is None else int(np.searchsorted(starts, problem.row, side="right")) - 1
        by_file[position].problems.append(problem)
    if report.omitted:
        by_file[0].omitted.update(report.omitted)
    for position, ((sub, index, columns), start, stop) in enumerate(zip(entries, starts[:-1], starts[1:], strict=True)):
        own = [c for c in frame.columns if c in columns or c in table.column_names]
        rows = frame.iloc[start:stop]
        sub.frame = (rows if len(own) == len(frame.columns) else rows[own]).set_axis(index)
        sub.bad_cells = {}
        for column, cells in refused.items():
            positions = cells.index.to_numpy()
            here = (positions >= start) & (positions < stop)
            if here.any():
                sub.bad_cells[column] = cells[here].set_axis(index[positions[here] - start])
        if position in by_file:
            sub.take(by_file[position], dict(zip(range(start, stop), index.tolist(), strict=True)))
    return True


def _combined(raws: list[RawTable], starts: np.ndarray) -> RawTable:
    """Several files' cells as one table, rows numbered 0, 1, ... across them (see `starts`)."""
    cells = pd.concat([raw.cells for raw in raws], ignore_index=True).fillna("")
    numeric = {}
    if any(raw.numeric_cells for raw in raws):
        for column in cells.columns:
            parts = [raw.numeric_cells.get(column, pd.Series(False, index=raw.cells.index)) for raw in raws]
            numeric[column] = pd.concat(parts, ignore_index=True).astype(bool)
    formulas: dict[str, list[pd.Series]] = defaultdict(list)
    empty: dict[str, list[np.ndarray]] = defaultdict(list)
    for raw, start in zip(raws, starts[:-1], strict=True):
        for column, series in raw.unsaved_formulas.items():
            positions = raw.cells.index.get_indexer(series.index)
            kept = positions >= 0
            formulas[column].append(pd.Series(series.to_numpy()[kept], index=start + positions[kept]))
        for column, rows in raw.empty_numbers.items():
            positions = raw.cells.index.get_indexer(rows)
            empty[column].append(start + positions[positions >= 0])
    return RawTable(
        raws[0].path,
        cells,
        raws[0].delimiter,
        [],
        numeric,
        {column: pd.concat(parts) for column, parts in formulas.items()},
        empty_numbers={column: pd.Index(np.concatenate(parts)) for column, parts in empty.items()},
    )


def _template_record(path: Path) -> dict[str, str]:
    """A template's record of what it was made for (its document properties); empty for any other workbook.

    Read straight from the package's small XML part, so a large workbook is not parsed a second time.
    """
    try:
        with zipfile.ZipFile(path) as package:
            if _CUSTOM not in package.namelist():
                return {}
            custom = ElementTree.fromstring(member_bytes(package, _CUSTOM))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, DefusedXmlException, OSError):
        return {}  # the file was read a moment ago; this only loses the record
    meta: dict[str, str] = {}
    for prop in custom:
        name = prop.get("name", "")
        if name.startswith(META_PREFIX) and len(prop):
            meta[name[len(META_PREFIX) :]] = (prop[0].text or "").strip()
    return meta if meta.get("format") == META_FORMAT else {}


def _recognise(sub: Submission, raw: RawTable) -> Table | None:
    """The table whose columns the header holds; an error naming the missing columns when it falls short."""
    present = set(raw.cells.columns)
    complete = [t for t in TABLES if set(t.column_names) <= present]
    if complete:
        return max(complete, key=lambda t: len(t.columns))
    by_name = {t.name: t for t in TABLES}
    guess = by_name.get(sub.meta.get("tabel", ""))
    if guess is None:
        overlap = {t.name: checks.header_share(present, t) for t in TABLES}
        best = max(TABLES, key=lambda t: overlap[t.name])
        guess = best if overlap[best.name] >= 0.5 else None
    if guess is None:
        shown = [c for c in raw.cells.columns if "#" not in c] or ["-"]
        sub.add(
            "error",
            "E_INTAKE_UNKNOWN_TABLE",
            1,
            None,
            None,
            columns=", ".join(shown),
            tables=", ".join(t.name for t in TABLES),
        )
    else:
        missing = [c for c in guess.column_names if c not in present]
        known = {*read_as(guess).column_names, *HELPER_COLUMNS.get(guess.name, ())}  # a juror sheet's hadir too
        others = [c for c in raw.cells.columns if c not in known and "#" not in c]  # perhaps one renamed
        sub.add(
            "error",
            "E_INTAKE_INCOMPLETE",
            1,
            None,
            None,
            table=guess.name,
            missing=", ".join(missing),
            count=len(missing),
            others=Ref("intake.other_columns", columns=", ".join(others)) if others else "",
        )
    return None


def _without_blank_rows(sub: Submission, raw: RawTable, table: Table) -> RawTable:
    """Drop the columns for people and the rows where nothing but prefilled cells is filled in."""
    helpers = [c for c in HELPER_COLUMNS.get(table.name, ()) if c in raw.cells.columns]
    cells = raw.cells.drop(columns=helpers) if helpers else raw.cells
    filled = np.zeros(len(cells), dtype=bool)
    for series in raw.unsaved_formulas.values():  # a formula without a saved value is something filled in
        filled |= cells.index.isin(series.index)
    empty = {c: rows for c, rows in raw.empty_numbers.items() if c in cells.columns}
    for column, rows in empty.items():  # so is a number cell without a value, outside the prefilled columns
        if column not in PREFILLED.get(table.name, ()):
            filled |= cells.index.isin(rows)
    for column in (c for c in cells.columns if c not in PREFILLED.get(table.name, ())):
        filled |= cells[column].to_numpy() != ""
        if filled.all():
            break
    if filled.all() and not helpers:
        return raw
    keep = cells.index[filled]
    numeric = {c: s.loc[keep] for c, s in raw.numeric_cells.items() if c in cells.columns}
    empty = {c: rows[rows.isin(keep)] for c, rows in empty.items()}
    return dataclasses.replace(raw, cells=cells.loc[keep], numeric_cells=numeric, empty_numbers=empty)


def check_scope(sub: Submission, provinces: dict[str, str]) -> None:
    """A template's rows must stay within what it was made for (its region, juror, category, a juror sheet's
    finalists and years T and T-1); a template for an unknown province is refused."""
    frame, meta = sub.frame, sub.meta
    if frame is None or not meta:
        return
    province = meta.get("provinsi")
    if province and province != "nasional" and province not in provinces:
        row = _first_row(frame.index)
        sub.add("error", "E_INTAKE_OTHER_PROVINCE", row, None, province, known=", ".join(sorted(provinces)))
        sub.frame = None
        return
    scopes: list[tuple[str, str, pd.Series]] = []  # (column, what the template is for, rows outside it)
    if "kode_wilayah" in frame.columns:
        codes = frame["kode_wilayah"]
        if meta.get("wilayah"):
            scopes.append(("kode_wilayah", meta["wilayah"], codes.notna() & (codes != meta["wilayah"])))
        elif province and province != "nasional":
            scopes.append(("kode_wilayah", province, codes.notna() & (codes.str[:2] != province)))
    for key in ("kategori", "juri"):
        if meta.get(key) and key in frame.columns:
            scopes.append((key, meta[key], frame[key].notna() & (frame[key] != meta[key])))
    outside: set[int] = set()
    for column, scope, mask in scopes:
        for row in frame.index[mask.to_numpy()]:
            if int(row) not in outside:
                sub.add("error", "E_INTAKE_OUTSIDE", int(row), column, frame.at[row, column], scope=scope)
                outside.add(int(row))
    # a juror sheet's finalists (jury_sheets.LISTED); a sheet written before the sheets named them is not checked
    listed = [v for k, v in meta.items() if k.startswith(LISTED) and k[len(LISTED) :].isdigit()]
    if listed and "id_peserta" in frame.columns:
        ids = frame["id_peserta"]
        for row in frame.index[(ids.notna() & ~ids.isin(listed)).to_numpy()]:
            if int(row) not in outside:
                sub.add("error", "E_INTAKE_NOT_ON_SHEET", int(row), "id_peserta", ids.at[row], listed=", ".join(listed))
                outside.add(int(row))
    year = meta.get("tahun", "")
    if year.isdigit() and "tahun" in frame.columns:  # a template's years are T and T-1: another would be merged
        years = frame["tahun"]  # (validate ignores it) and leave its region without the row it was for
        for row in frame.index[(years.notna() & ~years.isin((int(year), int(year) - 1))).to_numpy()]:
            if int(row) not in outside:
                shown = f"{years.at[row]:.0f}"
                sub.add("error", "E_INTAKE_TEMPLATE_YEAR", int(row), "tahun", shown, year=year, prev=int(year) - 1)
                outside.add(int(row))
    sub.drop_rows(sorted(outside))


def _first_row(rows: pd.Index) -> int:
    """Where a refused file's data starts: its first filled row, else the header row that named its table."""
    return int(rows[0]) if len(rows) else 1


def where(file: str, sheet: str | None, row: int) -> Ref:
    """A location inside another message: `file sheet 'data' row 7`."""
    if sheet is None:
        return Ref("intake.where", file=file, row=row)
    return Ref("intake.where_sheet", file=file, sheet=sheet, row=row)
