"""Validation problems: one record per thing wrong in the input, and their rendering.

A problem names the file, the spreadsheet row (header = row 1), the column and the value;
its text comes from the message catalogue so it reads in Bahasa Indonesia or English.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from .messages import t

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One error or warning found in a season's input files."""

    severity: Severity
    code: str
    file: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    fields: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "id") -> str:
        """The full sentence: location, what is wrong and how to fix it."""
        parts = [t("loc.file", lang, file=self.file)]
        if self.row is not None:
            parts.append(t("loc.row", lang, row=self.row))
        if self.column is not None:
            parts.append(t("loc.column", lang, column=self.column))
        text = t(self.code, lang, value=self.value, column=self.column, **dict(self.fields))
        return f"{', '.join(parts)}: {text}"


@dataclass
class ValidationReport:
    """Every problem found while loading a season, in the order found."""

    musim: int
    problems: list[Problem] = field(default_factory=list)

    def add(self, severity: Severity, code: str, file: str, row: int | None = None,
            column: str | None = None, value: object = None, **fields: object) -> None:
        """Record one problem."""
        shown = None if value is None else str(value)
        self.problems.append(Problem(severity, code, file, row, column, shown, tuple(fields.items())))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when the season can be scored (warnings allowed)."""
        return not self.errors

    def render(self, lang: str = "id", limit_per_kind: int = 20) -> str:
        """Problems grouped by file, errors first; at most `limit_per_kind` lines per file and code."""
        by_file: dict[str, list[Problem]] = defaultdict(list)
        for problem in self.problems:
            by_file[problem.file].append(problem)
        lines: list[str] = []
        for file in sorted(by_file):
            lines.append(f"== {file}")
            shown: dict[tuple[str, str], int] = defaultdict(int)
            ordered = sorted(by_file[file], key=lambda p: (p.severity != "error", p.row or 0))
            for problem in ordered:
                kind = (problem.severity, problem.code)
                shown[kind] += 1
                if shown[kind] <= limit_per_kind:
                    label = t(f"severity.{problem.severity}", lang)
                    lines.append(f"  [{label}] {problem.message(lang)}")
            for (_, code), count in sorted(shown.items()):
                if count > limit_per_kind:
                    lines.append("  " + t("summary.more", lang, count=count - limit_per_kind, code=code))
        key = "summary.ok" if self.ok else "summary.bad"
        lines.append(t(key, lang, musim=self.musim, errors=len(self.errors), warnings=len(self.warnings)))
        return "\n".join(lines)


class SeasonInvalid(Exception):
    """Raised by `read_season` when a season has errors; carries the full report."""

    def __init__(self, report: ValidationReport, lang: str = "id") -> None:
        super().__init__(report.render(lang))
        self.report = report
