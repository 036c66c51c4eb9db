"""The card and index pages from their Jinja2 templates (the shared environment: autoescaped, compiled once
per process)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..messages import Ref
from ..methodology import proposal_banner
from ..report.context import library_versions, workbook_version
from ..report.sections import Footer
from ..season import SEASON_META
from ..templating import environment
from .cards import CardColumns, Texts, card_view
from .data import CardSeason


def footer(cards: CardSeason, text: Texts) -> Footer:
    """What every card's numbers come from: versions, the methodology's and every input file's sha256, seed."""
    season = cards.season
    lines = [
        text("report.footer_version", version=workbook_version()),
        text("report.footer_methodology", file=cards.methodology_file.name, digest=cards.methodology_hash),
        text("report.footer_libraries", libraries=", ".join(f"{n} {v}" for n, v in library_versions())),
    ]
    if season.referensi is not None:
        edition, digest = season.referensi
        lines.append(text("report.footer_reference", edition=edition, digest=digest))
    lines.append(text("report.footer_seed", draws=Ref("count.draws", count=cards.draws), seed=cards.seed))
    files = [(path.name, season.file_hashes.get(name, "")) for name, path in sorted(season.files.items())]
    if season.meta_hash is not None:
        files.append((SEASON_META, season.meta_hash))
    return Footer(text("report.illustrative_banner") if season.illustrative else "", tuple(lines), tuple(files))


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
            "proposal": proposal_banner(self.cards.methodology_file, season.musim, self.text.lang),
            "footer": footer(self.cards, self.text),
        }

    def card(self, view: dict[str, Any], shared: dict[str, Any]) -> str:
        """One card page from `cards.card_view` (`shared`: this object's `shared`, computed once)."""
        return environment().get_template("rapor.html.j2").render(shared, c=view)

    def index(self, group: str, rows: Sequence[dict[str, Any]], shared: dict[str, Any]) -> str:
        """The index page of one ranking group: every card, searchable and sortable; its first INDEX_ROWS rows as a
        table, every row as data (`index_data`) for the page's script, which shows INDEX_ROWS at a time."""
        return (
            environment()
            .get_template("rapor_index.html.j2")
            .render(shared, group=group, rows=rows, limit=INDEX_ROWS, data=index_data(rows))
        )


INDEX_ROWS = 100
"""The rows a card index shows at a time: a group of 58,324 cards as one table was 17.9 MB, slow to open and sort."""


def index_data(rows: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
    """The rows of a card index (`batch.write_indexes`) as compact data: each category (label, folder) and region
    named once, a row `[category, card file, name, region, rank, rank value, score, score value, on the shortlist]`
    (a category or region by its position in its list)."""
    categories: dict[tuple[str, str], int] = {}
    regions: dict[str, int] = {}
    baris = []
    for row in rows:
        folder, _, file = str(row["href"]).rpartition("/")
        category = categories.setdefault((row["kategori"], folder), len(categories))
        region = regions.setdefault(row["wilayah"], len(regions))
        rank = row["peringkat_v"] if row["peringkat_v"] != "" else None
        value = float(row["skor_v"]) if row["skor_v"] != "" else None
        baris.append(
            [category, file, row["nama"], region, row["peringkat"], rank, row["skor"], value, int(row["usulan"])]
        )
    return {"kategori": [list(pair) for pair in categories], "wilayah": list(regions), "baris": baris}


def card_page(cards: CardSeason, pages: Pages, positions: Sequence[int] | np.ndarray) -> list[str]:
    """The card pages of the participants at `positions` (what batch.write_cards writes, in one process, but for the
    link to the group's index, which only a page in its folder has)."""
    columns = CardColumns.of(cards, positions)
    shared = pages.shared
    return [pages.card(card_view(cards, columns, i, pages.text), shared) for i in range(len(positions))]
