"""Validation problems: one record per thing wrong in the input, and their rendering.

A problem names the file, the spreadsheet row (header = row 1), the column and the value;
its text comes from the message catalogue so it reads in Bahasa Indonesia or English.
Only the first `KEEP_PER_KIND` problems of one kind in one file are kept; the rest are counted.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from .messages import CellNumber, Ref, isolate, t
from .regions import unknown_province
from .xlsx_values import number_text_shown

if TYPE_CHECKING:
    from .yamldata import Place  # yamldata quotes values with this module's shown_text

Severity = Literal["error", "warning"]
Kind = tuple[str, str, str]  # (file, severity, code)

KEEP_PER_KIND = 100
SHOWN_PER_KIND = 20
"""Most problems of one kind per file `render` lists by default (`validate --max-per-kind`), and a report lists."""
SHOWN_CHARS = 100
FIELD_CHARS = 300
#: Characters no name may hold: C0 and C1 controls (a line feed, a tab, NEL), the line and paragraph separators
#: (U+2028, U+2029: line breaks as a line feed is one, which Python's `str.splitlines` and many editors break a line
#: at), and the invisible marks that reverse or isolate the direction of the text after them (Arabic letter mark,
#: LRM/RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI), with which a name such as 'PT Maju\u202e' would show the score
#: printed after it backwards in a report.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: The invisible characters a name may hold but a reader cannot see (soft hyphen, zero-width space and joiners, word
#: joiner, a byte order mark inside a file): an id that differs from another by them alone reads the same (`same_id`).
INVISIBLE_CHARS = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
#: What a message writes as `\\xNN` / `\\uNNNN`: those characters and the control ones, so that "code '61.01' does
#: not follow the pattern" never hides the character at fault, and a lone surrogate (U+D800..U+DFFF: a byte of a file
#: name that is not UTF-8, as Python reads it, `\\udcff` for the byte ff), which no UTF-8 output can hold.
SHOWN_ESCAPED = re.compile(CONTROL_CHARS.pattern[:-1] + INVISIBLE_CHARS.pattern[1:-1] + r"\ud800-\udfff]")


def same_id(spelling: str) -> str:
    """What an id reads as: NFKC (an accented letter in NFC or NFD, full-width digits alike) without the invisible
    characters (INVISIBLE_CHARS); two ids of one form look the same to whoever reads them."""
    return INVISIBLE_CHARS.sub("", unicodedata.normalize("NFKC", spelling))


def shown_text(text: str, limit: int | None = SHOWN_CHARS) -> str:
    """`text` safe to print: control and invisible characters (SHOWN_ESCAPED) written as `\\xNN` (`\\uNNNN` beyond
    U+00FF), cut to `limit` characters with `…` (None: not cut, for a path or an argument the user typed)."""
    cut = SHOWN_ESCAPED.sub(_escaped, text[:limit])
    return cut + "…" if limit is not None and len(text) > limit else cut


def escaped_text(text: str) -> str:
    """`text` written so that it shows and reads back exactly, for a file that keeps it (intake's provenance): each
    backslash doubled, then control and invisible characters and lone surrogates (SHOWN_ESCAPED) as `shown_text`
    writes them, `\\xNN` or `\\uNNNN`. Read back, `\\\\` is a backslash and `\\xNN`/`\\uNNNN` the character of
    that code: a text without a backslash or such a character is written as it is."""
    return SHOWN_ESCAPED.sub(_escaped, text.replace("\\", "\\\\"))


def shown_file(file: str) -> str:
    """A file's name (a path under an inbox: its submitter chose it) safe to print, as `shown_text`: an escape
    sequence, a line break or a text-direction mark in it would otherwise reach the terminal and the log."""
    return shown_text(file, FIELD_CHARS)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


NumberCells = dict[str, pd.Index]
"""Of one table, per code column, the rows (spreadsheet row numbers) whose cell a workbook stored as a number
(`validate.parse_cells(number_cells=)`): a check across rows quotes such a code as the check of its cell does."""


def quoted_cell(value: object, number_cell: bool) -> object:
    """A cell's `value` (its text) as a message quotes it: a workbook's `number_cell` as Excel shows it in the
    message's language (CellNumber: 63,1 in Bahasa Indonesia; a long one in powers of ten, xlsx_values.number_shown),
    any other cell as it was typed."""
    return CellNumber(number_text_shown(str(value))) if number_cell else value


def quoted_code(value: object, row: object, column: str, number_cells: NumberCells | None) -> object:
    """The code `value` of cell (`row`, `column`) as a check across rows quotes it: as the check of its cell does
    (`quoted_cell`: 61,04 in Bahasa Indonesia where `number_cells` names it a workbook's number cell)."""
    rows = None if number_cells is None else number_cells.get(column)
    return quoted_cell(value, rows is not None and row in rows)


@dataclass(frozen=True)
class Problem:
    """One error or warning found in a season's input files."""

    severity: Severity
    code: str
    file: str
    row: int | None = None
    column: str | None = None
    value: str | CellNumber | None = None
    """The cell as it was sent: its text, or a workbook's number cell (shown in the message's language)."""
    fields: tuple[tuple[str, object], ...] = ()
    sheet: str | None = None
    """The sheet of a workbook the workbook read the file's cells from (its first)."""
    line: int | None = None
    """In a YAML file (the methodology, musim.yaml), the line (from 1) of the key or value it is about."""
    col: int | None = None
    """The column (from 1) of that key or value on its `line`."""

    def message(self, lang: str = "id", isolated: bool = False) -> str:
        """The full sentence: location, what is wrong and how to fix it; `isolated`: for an HTML page, each text
        from the data (file, sheet, value, text fields) isolated for bidirectional text (messages.isolate)."""
        mark = isolate if isolated else str
        parts = [t("loc.file", lang, file=mark(shown_file(self.file)))]
        if self.sheet is not None:
            parts.append(t("loc.sheet", lang, sheet=mark(shown_file(self.sheet))))
        if self.row is not None:
            parts.append(t("loc.row", lang, row=self.row))
        parts += self.within_row(lang)
        return f"{', '.join(parts)}: {self.text(lang, isolated)}"

    def within_row(self, lang: str = "id") -> list[str]:
        """Where it is after the file, sheet and row: a table's column, or a YAML file's line and column and key."""
        parts = []
        if self.line is not None:
            parts.append(t("loc.place", lang, line=self.line, col=self.col))
        if self.column is not None:  # a YAML file (the methodology, musim.yaml) has keys, a table columns
            key = self.file.lower().endswith((".yaml", ".yml"))
            parts.append(t("loc.key", lang, key=self.column) if key else t("loc.column", lang, column=self.column))
        return parts

    def text(self, lang: str = "id", isolated: bool = False) -> str:
        """What is wrong and how to fix it, without the location (`isolated` as for `message`); a message field called
        `value` or `column` (ValidationReport.add takes them by name) in place of the problem's own."""
        fields = {k: _isolated(v) if isolated else v for k, v in self.fields}
        value = _isolated(self.value) if isolated else self.value
        return t(self.code, lang, **({"value": value, "column": self.column} | fields))


def _isolated(value: object) -> object:
    """A message field with each text in it isolated (`isolate`), also inside a nested `Ref`."""
    if isinstance(value, str):
        return isolate(value)
    if isinstance(value, Ref):
        return Ref(value.key, **{k: _isolated(v) for k, v in value.fields})
    return value


def _shown_field(value: object) -> object:
    """A message field safe to print: text as `shown_text`, also inside a nested `Ref`."""
    if isinstance(value, str):
        return shown_text(value, FIELD_CHARS)
    if isinstance(value, Ref):
        return Ref(value.key, **{k: _shown_field(v) for k, v in value.fields})
    return value


@dataclass
class ValidationReport:
    """The problems found while loading a season, in the order found: the first `KEEP_PER_KIND`
    of each kind (file, severity, code) are kept, the rest only counted in `omitted`."""

    musim: int
    problems: list[Problem] = field(default_factory=list)
    kept: Counter[Kind] = field(default_factory=Counter)
    omitted: Counter[Kind] = field(default_factory=Counter)
    sheets: dict[str, str] = field(default_factory=dict)
    """Per workbook file, the sheet its cells were read from: every problem in the file names it."""
    pending: bool = False
    """Some checks against the methodology wait for the errors to be fixed (season.check_clean): `render` says so."""

    def renamed(self, old: str, new: str) -> ValidationReport:
        """This report with the problems (and counts) of file `old` said to be of file `new`: a methodology's, read
        from the cache, named as the file in use."""
        if old == new:
            return self
        return self._named(lambda file: new if file == old else file)

    def placed(self, file: str, place: Callable[[str], Place | None]) -> ValidationReport:
        """This report with each problem of YAML `file` that names a key (its `column`) at the line and column `place`
        gives for that key, none where it gives None: a methodology's problems kept in a cache, placed in the file in
        use (a line added above a key moves it, not the methodology)."""
        problems = [self._placed(p, place) if p.file == file and p.column is not None else p for p in self.problems]
        return replace(self, problems=problems, kept=Counter(self.kept), omitted=Counter(self.omitted))

    @staticmethod
    def _placed(problem: Problem, place: Callable[[str], Place | None]) -> Problem:
        """`problem` at the place `place` gives for its key (none where it gives None)."""
        found = place(str(problem.column))
        return replace(problem, line=None if found is None else found.line, col=None if found is None else found.col)

    def in_folder(self, folder: Path, other: str | None = None) -> ValidationReport:
        """This report with each file of the season folder (a bare file name, but `other`: a methodology file given
        by its bare name) named `folder`/file: `compare` prints the problems of two seasons that hold the same files."""
        return self._named(lambda file: str(folder / file) if Path(file).name == file and file != other else file)

    def _named(self, name: Callable[[str], str]) -> ValidationReport:
        """This report with each problem's file (and the counts and sheets kept per file) renamed by `name`."""
        return ValidationReport(
            self.musim,
            [replace(p, file=name(p.file)) for p in self.problems],
            Counter({(name(f), s, c): n for (f, s, c), n in self.kept.items()}),
            Counter({(name(f), s, c): n for (f, s, c), n in self.omitted.items()}),
            {name(f): sheet for f, sheet in self.sheets.items()},
            self.pending,
        )

    def add(
        self,
        severity: Severity,
        code: str,
        file: str,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        place: Place | None = None,
        /,
        **fields: object,
    ) -> None:
        """Record one problem (or only count it when its kind already has `KEEP_PER_KIND`); cell text in it
        is shown with control characters escaped and cut to `SHOWN_CHARS`. `place`: where in a YAML file the key or
        value it is about stands. The message's `fields` come by name (the others by position, so a field may be
        called `row` or `value` too)."""
        kind = (file, severity, code)
        if self.kept[kind] >= KEEP_PER_KIND:
            self.omitted[kind] += 1
            return
        self.kept[kind] += 1
        shown = value if value is None or isinstance(value, CellNumber) else shown_text(str(value))
        column = None if column is None else shown_text(column)
        self.problems.append(
            Problem(
                severity,
                code,
                file,
                row,
                column,
                shown,
                tuple((k, _shown_field(v)) for k, v in fields.items()),
                self.sheets.get(file),
                None if place is None else place.line,
                None if place is None else place.col,
            )
        )

    def absorb(self, other: ValidationReport) -> None:
        """Add the problems of `other` (found apart, for example on another thread) after these, as if added here:
        the first `KEEP_PER_KIND` of a kind kept, the others counted."""
        self.sheets.update(other.sheets)
        self.pending |= other.pending
        for problem in other.problems:
            kind = (problem.file, problem.severity, problem.code)
            if self.kept[kind] >= KEEP_PER_KIND:
                self.omitted[kind] += 1
            else:
                self.kept[kind] += 1
                self.problems.append(problem)
        self.omitted.update(other.omitted)

    def first(self, severity: Severity, code: str, file: str, rows: pd.Index) -> pd.Index:
        """The leading `rows` that `add` would still keep for this kind; the others are counted as omitted."""
        kind = (file, severity, code)
        room = max(KEEP_PER_KIND - self.kept[kind], 0)
        if len(rows) > room:
            self.omitted[kind] += len(rows) - room
            return rows[:room]
        return rows

    @property
    def errors(self) -> list[Problem]:
        """The errors kept (see `error_count` for all)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The warnings kept (see `warning_count` for all)."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def error_count(self) -> int:
        """Every error found, kept or only counted."""
        return len(self.errors) + sum(n for (_, severity, _), n in self.omitted.items() if severity == "error")

    @property
    def warning_count(self) -> int:
        """Every warning found, kept or only counted."""
        return len(self.warnings) + sum(n for (_, severity, _), n in self.omitted.items() if severity == "warning")

    @property
    def ok(self) -> bool:
        """True when the season can be scored (warnings allowed)."""
        return not self.errors

    def render(self, lang: str = "id", limit_per_kind: int = SHOWN_PER_KIND, *, bad: str = "summary.bad") -> str:
        """Problems grouped by file, the YAML files first (the methodology and musim.yaml: a mistake in them is
        often what the tables' problems follow from), errors first, each severity in row (a YAML file's: line and
        column) order; at most `limit_per_kind` lines per file and code, then how many more there are (and, when
        `pending`, that more checks follow once the errors are fixed); with errors, the summary line is the message
        `bad` (what the errors stopped)."""
        ordered = sorted(self.problems, key=lambda p: (p.severity != "error", p.row or 0, p.line or 0, p.col or 0))
        lines: list[str] = []
        for group in by_file(ordered, limit_per_kind, self.omitted):
            lines.append(f"== {shown_file(group.file)}")
            for problem in group.shown:
                lines.append(f"  [{t(f'severity.{problem.severity}', lang)}] {problem.message(lang)}")
            lines += ["  " + more for more in group.more_lines(lang)]
        if self.omitted:
            lines.append(t("summary.not_kept", lang, kept=KEEP_PER_KIND))
        if self.pending and not self.ok:
            lines.append(t("summary.checks_pending", lang))
        key = "summary.ok" if self.ok else bad
        errors, warnings = Ref("count.errors", count=self.error_count), Ref("count.warnings", count=self.warning_count)
        lines.append(t(key, lang, musim=self.musim, errors=errors, warnings=warnings))
        return "\n".join(lines)


@dataclass(frozen=True)
class FileProblems:
    """One file's problems as `ValidationReport.render` lists them: those shown, then how many more of each kind."""

    file: str
    shown: tuple[Problem, ...]
    more: tuple[tuple[str, int], ...]
    """(code, how many of that code are not shown: beyond the limit, or only counted), by severity and code."""

    def more_lines(self, lang: str) -> list[str]:
        """What `render` says of the problems not shown: "... and 3 more problems of the same kind (...)" each."""
        return [t("summary.more", lang, count=count, kind=Ref(f"kind.{code}")) for code, count in self.more]


def _yaml_first(file: str) -> tuple[bool, str]:
    """A file's place in a list of files: the YAML files (the methodology, musim.yaml) first, then by name."""
    return not file.lower().endswith((".yaml", ".yml")), file


def by_file(problems: Iterable[Problem], limit_per_kind: int, omitted: Mapping[Kind, int]) -> list[FileProblems]:
    """`problems` grouped by file (the YAML files first, then by name), each file's in the order given: at most
    `limit_per_kind` of a kind (severity and code) shown, the others counted with those of the kind `omitted` counts
    (only counted, beyond KEEP_PER_KIND)."""
    files: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        files[problem.file].append(problem)
    groups = []
    for file in sorted(files, key=_yaml_first):
        counts: Counter[tuple[str, str]] = Counter()
        shown = []
        for problem in files[file]:
            counts[(problem.severity, problem.code)] += 1
            if counts[(problem.severity, problem.code)] <= limit_per_kind:
                shown.append(problem)
        more = [
            (code, count - min(count, limit_per_kind) + omitted.get((file, severity, code), 0))
            for (severity, code), count in sorted(counts.items())
        ]
        groups.append(FileProblems(file, tuple(shown), tuple((code, n) for code, n in more if n)))
    return groups


Check = Callable[[ValidationReport], None]
"""One check of a season: it adds the problems it finds to the report it is given."""


def run_checks(checks: Mapping[str, Check], report: ValidationReport, found: Mapping[str, ValidationReport]) -> None:
    """Run the named `checks` in turn into `report`; a check whose problems are `found` already (`checks_apart`, in
    another process) has them added in its place instead, as if it had run here."""
    for name, check in checks.items():
        done = found.get(name)
        if done is not None:
            report.absorb(done)
        else:
            check(report)


def checks_apart(
    checks: Mapping[str, Check], musim: int, sheets: Mapping[str, str] | None = None
) -> dict[str, ValidationReport]:
    """Run each of the named `checks` into a report of its own, which knows the workbooks' `sheets` (each problem in
    such a file names its sheet, as in the report it is added to): for `run_checks(..., found=)`."""
    found = {}
    for name, check in checks.items():
        found[name] = ValidationReport(musim, sheets=dict(sheets or {}))
        check(found[name])
    return found


class UserError(Exception):
    """An error in what the user gave (a file, a folder, a notebook's parameter), whose message says what is wrong
    and how to mend it. A notebook shows that message alone, not the frames of the package and of Python's own files
    behind it (IPython shows an exception that has `_render_traceback_` by what it returns)."""

    def _render_traceback_(self) -> list[str]:
        return str(self).splitlines() or [type(self).__name__]


class ParameterInvalid(UserError, ValueError):
    """A notebook's parameter out of its range or of the wrong type (report.prepared.check_parameters)."""


class NotebookParameterMissing(UserError, ValueError):
    """A report notebook (`paritrana run --notebook`) whose `parameters` cell does not set a parameter every run gives
    it (report.pipeline.check_notebook_parameters): papermill would only warn of it, in English, and run on."""


class UnknownProvince(UserError, ValueError):
    """A province the season does not hold: given on the command line (--province), as a notebook's parameter or to a
    Python function (`score_season(provinces=...)`). Its text names the season's provinces, the closest first
    (regions.unknown_province)."""

    def __init__(self, value: str, known: Mapping[str, str], lang: str = "id") -> None:
        super().__init__(unknown_province(value, known, lang))
        self.value = value
        self.known = dict(known)
        """The season's provinces, code -> name."""

    def translated(self, lang: str) -> UnknownProvince:
        """The same province, the exception's text in `lang` (what a notebook shows)."""
        return UnknownProvince(self.value, self.known, lang)


class SeasonInvalid(UserError):
    """Raised by `read_season` when a season has errors; carries the full report."""

    def __init__(self, report: ValidationReport, lang: str = "id") -> None:
        super().__init__(report.render(lang))
        self.report = report

    def translated(self, lang: str) -> SeasonInvalid:
        """The same problems, the exception's text in `lang` (what a notebook shows)."""
        return SeasonInvalid(self.report, lang)
