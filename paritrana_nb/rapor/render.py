"""The card and index pages from their Jinja2 templates (autoescaped; compiled once per process)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape

from ..report.context import library_versions, workbook_version
from ..season import SEASON_META
from .cards import STRIP_MARK, Texts
from .data import CardSeason

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
#: report.css, the style sheet the reports share, is included from here.
REPORT_TEMPLATES = Path(__file__).resolve().parent.parent / "report" / "templates"


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader([TEMPLATES, REPORT_TEMPLATES]),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def template(name: str) -> Template:
    """A page template of paritrana_nb/templates, compiled once."""
    return _environment().get_template(name)


def footer_lines(cards: CardSeason, text: Texts) -> list[str]:
    """What every card's numbers come from: versions, the methodology's and every input file's sha256, seed."""
    season = cards.season
    lines = [
        text("report.footer_version", version=workbook_version()),
        text("report.footer_methodology", file=cards.methodology_file.name, digest=cards.methodology_hash),
        text("report.footer_libraries", libraries=", ".join(f"{n} {v}" for n, v in library_versions())),
        text("report.footer_seed", draws=cards.draws, seed=cards.seed),
    ]
    lines += [f"{path.name}: sha256 {season.file_hashes.get(name, '')}" for name, path in sorted(season.files.items())]
    if season.meta_hash is not None:
        lines.append(f"{SEASON_META}: sha256 {season.meta_hash}")
    return lines


@dataclass(frozen=True)
class Pages:
    """Renders the pages of one prepared season in one language (the parts every page shares made once)."""

    cards: CardSeason
    text: Texts

    @classmethod
    def of(cls, cards: CardSeason, lang: str) -> Pages:
        return cls(cards, Texts(lang))

    @property
    def shared(self) -> dict[str, Any]:
        season = self.cards.season
        return {
            "lang": self.text.lang,
            "t": self.text,
            "musim": season.musim,
            "year": season.tahun,
            "prev": season.tahun - 1,
            "illustrative": season.illustrative,
            "footer": footer_lines(self.cards, self.text),
            "mark": STRIP_MARK,
        }

    def card(self, view: dict[str, Any], shared: dict[str, Any]) -> str:
        """One card page from `cards.card_view` (`shared`: this object's `shared`, computed once)."""
        return template("rapor.html.j2").render(shared, c=view)

    def index(self, group: str, rows: Sequence[dict[str, Any]], shared: dict[str, Any]) -> str:
        """The index page of one ranking group: every card, searchable and sortable."""
        return template("rapor_index.html.j2").render(shared, group=group, rows=rows)
