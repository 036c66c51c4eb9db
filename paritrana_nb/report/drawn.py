"""A report drawn ahead by `paritrana run`: each section's HTML and the machine-readable outcome, for a notebook
kernel that only displays them.

The run's worker processes already hold the season, the analyses, matplotlib and the templates; each draws its
report (`draw`) and writes it to the run's private temporary folder. The notebook's first cell
(`province_report` / `national_report`) then reads that small file: the kernel imports this module only (no
pandas, no matplotlib, no scipy), so a report costs little more than a bare kernel start. Without such a file
(a notebook run by hand, or other draws, seed or language asked for) the notebook draws its own report, the
same one, through `ProvinceReport` / `NationalReport`.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from IPython.display import HTML, display

if TYPE_CHECKING:
    from .analysis import ReportAnalysis
    from .national import NationalReport
    from .province import ProvinceReport

#: The first bytes of a drawn report's file (then its pickle): told apart from a report's data without unpickling.
MAGIC = b"paritrana drawn report 1\n"
#: The environment variable naming the folder a relative `prepared` is in: `paritrana run` passes each notebook
#: the file's name only and sets this in the kernel (its private temporary folder), so the executed notebook it
#: saves holds no temporary path and is the same, byte for byte, from run to run.
PREPARED_DIR = "PARITRANA_PREPARED_DIR"


class Drawable(Protocol):
    """What `draw` needs of a report: its sections (methods returning HTML), language, analyses and outcome."""

    SECTIONS: ClassVar[tuple[str, ...]]

    @property
    def lang(self) -> str: ...

    @property
    def analysis(self) -> ReportAnalysis: ...

    def payload(self) -> dict[str, object]: ...


@dataclass(frozen=True)
class DrawnReport:
    """A report's sections as HTML (by method name), its outcome payload, and the language, Monte Carlo draws and
    seed it was drawn with. `report.summary()` displays the section as the live report's method does."""

    lang: str
    draws: int
    seed: int
    sections: dict[str, str]
    outcome: dict[str, object]

    def __getattr__(self, name: str) -> Callable[[], HTML]:
        sections = self.__dict__.get("sections", {})
        if name not in sections:
            raise AttributeError(name)
        return lambda: HTML(sections[name])

    def results(self) -> None:
        """Display the machine-readable outcome for the run's index page and tests (hidden from the HTML)."""
        display({"application/json": self.outcome}, raw=True)


def draw(report: Drawable) -> DrawnReport:
    """Every section of `report` drawn now (charts included), with its outcome."""
    sections = {name: getattr(report, name)().data for name in report.SECTIONS}
    return DrawnReport(report.lang, report.analysis.draws, report.analysis.seed, sections, report.payload())


def save_drawn(report: DrawnReport, path: Path) -> None:
    """Write a drawn report for a notebook kernel of the same run (a private, temporary file)."""
    path.write_bytes(MAGIC + pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))


def read_drawn(prepared: str) -> DrawnReport | None:
    """The drawn report in the file `prepared`; None when there is no such file or it holds something else (a
    report's data, for `ProvinceReport` / `NationalReport`)."""
    if not (prepared and Path(prepared).is_file()):
        return None
    with Path(prepared).open("rb") as file:
        if file.read(len(MAGIC)) != MAGIC:
            return None
        report = pickle.load(file)  # noqa: S301 - our own file, written by the same run
    return report if isinstance(report, DrawnReport) else None


def prepared_path(prepared: str) -> str:
    """`prepared` as a path: a relative one is taken in the folder `PARITRANA_PREPARED_DIR` names, when set."""
    folder = os.environ.get(PREPARED_DIR, "")
    return str(Path(folder) / prepared) if prepared and folder else prepared


def _reuse(prepared: str, lang: str, draws: int, seed: int) -> tuple[DrawnReport | None, str]:
    """The drawn report in `prepared` (`prepared_path`) when drawn in `lang` with these `draws` and `seed`; else
    None, with the file the report classes may still read: `prepared`, or "" when it is a drawn report of other
    settings."""
    prepared = prepared_path(prepared)
    drawn = read_drawn(prepared)
    if drawn is None:
        return None, prepared
    return (drawn, prepared) if (drawn.lang, drawn.draws, drawn.seed) == (lang, draws, seed) else (None, "")


def province_report(
    musim: int,
    provinsi: str,
    data_dir: str,
    params_dir: str,
    lang: str,
    metodologi: str,
    prepared: str,
    simulasi: int,
    seed: int,
) -> DrawnReport | ProvinceReport:
    """The province notebook's report: the one `paritrana run` drew (`prepared`), else
    `ProvinceReport.prepare(...)` with the same arguments (see there)."""
    drawn, prepared = _reuse(prepared, lang, simulasi, seed)
    if drawn is not None:
        return drawn
    from .prepared import in_language
    from .province import ProvinceReport  # the season, the analyses and matplotlib: only when drawing here

    with in_language(lang):
        return ProvinceReport.prepare(musim, provinsi, data_dir, params_dir, lang, metodologi, prepared, simulasi, seed)


def national_report(
    musim: int,
    data_dir: str,
    params_dir: str,
    lang: str,
    metodologi: str,
    prepared: str,
    simulasi: int,
    seed: int,
) -> DrawnReport | NationalReport:
    """The national notebook's report: the one `paritrana run` drew (`prepared`), else
    `NationalReport.prepare(...)` with the same arguments (see there)."""
    drawn, prepared = _reuse(prepared, lang, simulasi, seed)
    if drawn is not None:
        return drawn
    from .national import NationalReport  # the season, the analyses and matplotlib: only when drawing here
    from .prepared import in_language

    with in_language(lang):
        return NationalReport.prepare(musim, data_dir, params_dir, lang, metodologi, prepared, simulasi, seed)
