"""The season index page: every report of a season, its podiums and the status of each run, with links to the
participant cards' index pages and to the index in the other language where they are on disk.

Rendered without a kernel from `templates/index.html.j2` (autoescaped). What only `paritrana run` knows (the
reports, their status and podiums) is kept in the page as JSON (`SeasonIndex`), so that `paritrana rapor` and a
run in the other language can write the page again, atomically, with the links to what is on disk then
(`refresh_index`).
"""

from __future__ import annotations

import html.parser
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..messages import LANGS, t
from ..outputs import FileSet, write_atomic
from ..rapor.paths import folder_name, index_relative, page_name
from ..templating import render
from .links import report_filename
from .sections import Footer
from .tables import rank_text

#: The id of the page's JSON block, and the version of what it holds (another version is not read).
DATA_ID = "indeks-data"
DATA_VERSION = 1


class _DataBlocks(html.parser.HTMLParser):
    """The text of every script element of a page whose id is DATA_ID (the page's JSON block)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and ("id", DATA_ID) in attrs
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


@dataclass(frozen=True)
class CardIndex:
    """A ranking group of a report whose participant cards may have an index page: its `kelompok` (as in the
    score CSV), its name in words, and the page's link relative to the season folder when the page is there."""

    kelompok: str
    label: str
    href: str | None = None


Place = tuple[int | None, str]
"""A name on a podium with its rank as the ranking gives it (a shared place: the same rank for each); None where the
page of an earlier version kept the names only."""


@dataclass(frozen=True)
class IndexEntry:
    """One report on the index: its title, file, run status, podium lines and its ranking groups' card indexes;
    `key` the report's (report_key or `nasional`), by which a run of one province replaces its entry; `missing`
    (as a page is written, not in its data) that the report's file linked by `href` is no longer there."""

    title: str
    href: str | None
    ok: bool
    error: str | None
    podium: Sequence[tuple[str, Sequence[Place]]]  # (group title, its first places: (rank, name) each)
    awards: Sequence[tuple[str, Sequence[str]]] = ()  # (special award label, [winners' names])
    cards: Sequence[CardIndex] = ()
    key: str = ""
    missing: bool = False


@dataclass(frozen=True)
class SeasonIndex:
    """What the season index of one language shows apart from the links looked up on disk when it is written."""

    musim: int
    lang: str
    entries: Sequence[IndexEntry]
    illustrative: bool
    footer: Footer
    proposal: str = ""

    def data(self) -> dict[str, Any]:
        """The page's JSON block: everything but the links looked up on disk."""
        return {
            "versi": DATA_VERSION,
            "musim": self.musim,
            "lang": self.lang,
            "illustrative": self.illustrative,
            "proposal": self.proposal,
            "footer": {"banner": self.footer.banner, "lines": list(self.footer.lines), "files": self.footer.files},
            "entries": [
                {
                    "title": e.title,
                    "href": e.href,
                    "ok": e.ok,
                    "error": e.error,
                    "podium": e.podium,
                    "awards": e.awards,
                    "cards": [[c.kelompok, c.label] for c in e.cards],
                    "key": e.key,
                }
                for e in self.entries
            ],
        }

    @classmethod
    def of_data(cls, data: Mapping[str, Any]) -> SeasonIndex:
        """The index a page's JSON block describes; ValueError (or KeyError, TypeError) when it is not one."""
        if data.get("versi") != DATA_VERSION:
            raise ValueError(f"version {data.get('versi')!r}, not {DATA_VERSION}")
        footer = data["footer"]

        def pairs(value: Sequence[Sequence[Any]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
            return tuple((str(label), tuple(str(name) for name in names)) for label, names in value)

        def podium(value: Sequence[Sequence[Any]]) -> tuple[tuple[str, tuple[Place, ...]], ...]:
            return tuple((str(label), tuple(_place(place) for place in places)) for label, places in value)

        lang = str(data["lang"])
        entries = tuple(
            IndexEntry(
                str(e["title"]),
                _report_href(e["href"]),
                bool(e["ok"]),
                None if e["error"] is None else str(e["error"]),
                podium(e["podium"]),
                pairs(e["awards"]),
                tuple(CardIndex(str(kelompok), str(label)) for kelompok, label in e["cards"]),
                _entry_key(e.get("key"), _report_href(e["href"]), lang),
            )
            for e in data["entries"]
        )
        return cls(
            int(data["musim"]),
            lang,
            entries,
            bool(data["illustrative"]),
            Footer(
                str(footer["banner"]),
                tuple(str(line) for line in footer["lines"]),
                tuple((str(name), str(digest)) for name, digest in footer["files"]),
            ),
            str(data["proposal"]),
        )


def _place(value: object) -> Place:
    """A podium's place read from a page's data: [rank, name] (rank null: kept from an earlier version's page), or
    the name alone as an earlier version kept it (its rank unknown: the names were numbered by position, a shared
    place as two); ValueError for anything else."""
    if isinstance(value, str):
        return None, value
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(f"not a podium's place: {value!r}")
    rank, name = value
    if rank is not None and (type(rank) is not int or rank < 1):
        raise ValueError(f"not a rank: {rank!r}")
    return rank, str(name)


_REPORT_FILE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*\.html")
"""A report's file name as `paritrana run` links it (`61-kalbar.html`, `nasional.en.html`): nothing else is linked
from a page's data, which a copied or edited folder may have changed (`javascript:`, `../`, another site)."""


def _report_href(value: object) -> str | None:
    """A report's link read from a page's data; ValueError for anything but a report's file name."""
    if value is None:
        return None
    if not isinstance(value, str) or not _REPORT_FILE.fullmatch(value):
        raise ValueError(f"not a report's file name: {value!r}")
    return value


_REPORT_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _entry_key(value: object, href: str | None, lang: str) -> str:
    """An entry's report key read from a page's data; where a page of an earlier run has none, its link's stem (""
    without a link). ValueError for anything but a report's key."""
    if value is None:
        suffix = report_filename("", lang)
        return href[: -len(suffix)] if href is not None and href.endswith(suffix) else ""
    if not isinstance(value, str) or not (value == "" or _REPORT_KEY.fullmatch(value)):
        raise ValueError(f"not a report's key: {value!r}")
    return value


def with_entries(index: SeasonIndex, run: SeasonIndex, order: Sequence[str]) -> SeasonIndex:
    """`index` with the entries of `run` (a run of some reports of the same season and language): each replaces
    the entry of its key, or goes where `order` (the keys in report order) places it among the others, which are
    kept as they are. The footer lists the lines of both (a run with another methodology or workbook version says
    so beside the earlier one's), the banners of either are kept."""
    place = {key: number for number, key in enumerate(order)}
    entries = list(index.entries)
    for entry in run.entries:
        same = [i for i, e in enumerate(entries) if e.key == entry.key]
        if same:
            entries[same[0]] = entry
            continue
        after = [i for i, e in enumerate(entries) if place.get(e.key, -1) > place.get(entry.key, len(order))]
        entries.insert(after[0] if after else len(entries), entry)
    footer = replace(
        index.footer,
        lines=tuple(dict.fromkeys([*index.footer.lines, *run.footer.lines])),
        files=tuple(dict.fromkeys([*index.footer.files, *run.footer.files])),
    )
    proposal = " ".join(dict.fromkeys(p for p in (index.proposal, run.proposal) if p))
    illustrative = index.illustrative or run.illustrative
    return SeasonIndex(index.musim, index.lang, tuple(entries), illustrative, footer, proposal)


class StaleIndex(Exception):
    """A season index page (in language `lang`) that holds no data this version of the workbook reads (written by an
    earlier one)."""

    def __init__(self, path: Path, lang: str) -> None:
        super().__init__(str(path))
        self.path, self.lang = path, lang


def index_html(
    musim: int,
    entries: Sequence[IndexEntry],
    lang: str,
    illustrative: bool,
    footer: Footer,
    status_href: str | None = None,
    proposal: str = "",
    languages: Sequence[tuple[str, str, str]] = (),
    data: Mapping[str, Any] | None = None,
) -> str:
    """The complete, self-contained index page; `status_href` links the submission tracker when there is one,
    `proposal` is the banner of a proposal's methodology (methodology.proposal_banner), `languages` the index in
    other languages, (language, link text, href) each. An entry's card indexes are linked where they have an href.
    `data`: the page's JSON block (SeasonIndex.data), by default that of `entries`."""
    failed = sum(1 for e in entries if not e.ok)
    return render(
        "index.html.j2",
        lang,
        musim=musim,
        entries=entries,
        podiums=[[(label, podium_shown(places, lang)) for label, places in e.podium] for e in entries],
        illustrative=illustrative,
        footer=footer,
        status_href=status_href,
        proposal=proposal,
        status=t("report.index_status", lang, ok=len(entries) - failed, total=len(entries)),
        languages=languages,
        with_cards=any(c.href for e in entries for c in e.cards),
        data=SeasonIndex(musim, lang, entries, illustrative, footer, proposal).data() if data is None else data,
    )


def podium_shown(places: Sequence[Place], lang: str) -> list[tuple[str, str]]:
    """A podium's places as the index lists them, (rank, name) each: a rank another name of the podium holds too
    marked shared as the cards mark it ("1 (bersama)"), "" where the page of an earlier version kept no rank."""
    ranks = [rank for rank, _ in places]
    return [("" if rank is None else rank_text(rank, ranks.count(rank) > 1, lang), name) for rank, name in places]


def write_index(folder: Path, index: SeasonIndex, files: FileSet | None = None) -> Path:
    """Write the season index into the season folder `folder` (`<out>/<musim>/`), atomically (a failed write
    leaves the page it had), linking what is on disk now: each report (a report deleted since is named, not
    linked; its link stays in the page's data), each ranking group's card index in the page's language, the
    submission tracker and the index in another language. With `files` (the run's set over `folder`), the page is
    staged in it and links what is there once the set is committed. Returns the page's path."""
    lang = index.lang

    def present(relative: str) -> bool:
        return files.holds(folder / relative) if files is not None else (folder / relative).is_file()

    def there(relative: str) -> str | None:
        return quote(relative) if present(relative) else None

    entries = [
        replace(
            e,
            href=e.href if e.href is not None and present(e.href) else None,
            missing=e.href is not None and not present(e.href),
            cards=tuple(replace(c, href=there(index_relative(c.kelompok, lang).as_posix())) for c in e.cards),
        )
        for e in index.entries
    ]
    languages = [
        (other, t("report.index_language", other), page_name("index", other))
        for other in LANGS
        if other != lang and present(page_name("index", other))
    ]
    tracker = report_filename("status", lang)  # `paritrana status --out <reports>/<musim>/status.html`
    page = index_html(
        index.musim,
        entries,
        lang,
        index.illustrative,
        index.footer,
        tracker if present(tracker) else None,
        index.proposal,
        languages,
        index.data(),
    )
    path = folder / report_filename("index", lang)
    if files is not None:
        files.add(path.name, page)
    else:
        write_atomic(path, page)
    return path


def refresh_index(folder: Path, lang: str) -> Path | None:
    """Write the season index in `lang` in the season folder `folder` again from the data it holds, with the links
    to what is on disk now (`write_index`); None when there is no such page. Raises StaleIndex (the page left as it
    is) when the page holds no data this version reads."""
    index = read_index(folder, lang)
    return None if index is None else write_index(folder, index)


def reports_without_cards(folder: Path, lang: str) -> list[Path]:
    """The reports the season index in `lang` lists whose ranking groups have card index pages now, but whose pages
    link none of their cards: `paritrana run` made them before `paritrana rapor` wrote the cards (a report links
    the cards on disk when it is made). Nothing without an index this version reads."""
    try:
        index = read_index(folder, lang)
    except StaleIndex:
        return []
    found = []
    for entry in [] if index is None else index.entries:
        page = None if entry.href is None else folder / entry.href
        groups = [c.kelompok for c in entry.cards if (folder / index_relative(c.kelompok, lang)).is_file()]
        if page is None or not groups or not page.is_file():
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if not any(f'href="{quote(folder_name(kelompok))}/' in text for kelompok in groups):
            found.append(page)
    return found


def read_index(folder: Path, lang: str) -> SeasonIndex | None:
    """The data of the season index in `lang` in the season folder `folder`; None when there is no such page.
    Raises StaleIndex when the page holds no data this version reads."""
    path = folder / report_filename("index", lang)
    if not path.is_file():
        return None
    found = _DataBlocks(path.read_text(encoding="utf-8", errors="replace")).blocks
    try:
        if len(found) != 1:
            raise ValueError(f"{len(found)} data blocks")
        index = SeasonIndex.of_data(json.loads(found[0]))
        if index.lang != lang:
            raise ValueError(f"an index in {index.lang!r}")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise StaleIndex(path, lang) from None
    return index
