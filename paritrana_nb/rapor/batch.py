"""Write every card of a prepared season, `jobs` processes at once, and one index page per ranking group.

The season is prepared once (data.prepare_cards); forked workers share it and render chunks of cards through
the one compiled template. A run's cards and index pages are one set (outputs.FileSet over `<out>/<musim>/`): they
replace the earlier ones together when every card is written, or none does (a failed, interrupted or killed run
leaves the earlier set as it was, never a mix of two runs' cards behind index pages of either).
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

from .. import formatting
from ..forking import end_with_parent, worker_pool
from ..outputs import FileSet, stage_file, staged_path
from ..ranking import TAHAP_DOKUMEN
from ..report.tables import rank_text
from .cards import CardColumns, card_view, group_label
from .data import CardSeason
from .paths import card_path, card_relative, folder_name, index_path, is_page_of, page_name
from .render import Pages

#: Cards a worker renders per task.
CHUNK = 2000
#: The parts of the work timed per card: CPU seconds (user + system) summed over workers.
PARTS: tuple[str, ...] = ("views", "rendering", "writing")


@dataclass
class Written:
    """What a run wrote: card count, total bytes of the cards, index pages, CPU seconds per part (PARTS, over
    every worker) and wall seconds of the index pages (`indexes`) and of the set's commit (`commit`)."""

    cards: int = 0
    bytes: int = 0
    indexes: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    left_over: list[Path] = field(default_factory=list)
    """A run of every card (`whole`): the pages in its language an earlier run left of participants or ranking groups
    this season no longer holds (a card, or a group's folder), which no index links now."""

    def add(self, other: dict[str, float]) -> None:
        self.cards += int(other["cards"])
        self.bytes += int(other["bytes"])
        for part in PARTS:
            self.timings[part] = self.timings.get(part, 0.0) + other[part]


#: The season the forked workers render from (set before the pool forks, so it is shared, not pickled).
_STATE: dict[str, Any] = {}


def _render_chunk(positions: np.ndarray) -> dict[str, float]:
    cards: CardSeason = _STATE["cards"]
    pages: Pages = _STATE["pages"]
    out: Path = _STATE["out"]
    lang = pages.text.lang
    shared = {**pages.shared, "index_href": f"../{page_name('index', lang)}"}  # its group's index, one folder up
    musim = cards.season.musim
    spent = dict.fromkeys(PARTS, 0.0)
    size = 0
    clock = time.process_time  # CPU time: on a busy machine the wall clock measures the other processes too
    start = clock()
    columns = CardColumns.of(cards, positions)
    kelompok, kategori, ids = (columns.column[c] for c in ("kelompok", "kategori", "id_peserta"))
    for i in range(len(positions)):
        view = card_view(cards, columns, i, pages.text)
        made = clock()
        page = pages.card(view, shared)
        rendered = clock()
        path = card_path(out, musim, kelompok[i], kategori[i], ids[i], lang)
        stage_file(path, page, durable=False)  # not synced: milliseconds a card, and a rerun writes it again
        written = clock()
        spent["views"] += made - start
        spent["rendering"] += rendered - made
        spent["writing"] += written - rendered
        size += len(page.encode("utf-8"))
        start = written
    return {**spent, "cards": len(positions), "bytes": size}


def _chunks(positions: np.ndarray) -> list[np.ndarray]:
    return [positions[i : i + CHUNK] for i in range(0, len(positions), CHUNK)]


def write_cards(cards: CardSeason, out: Path, lang: str, jobs: int = 1, whole: bool = False) -> Written:
    """Write the card in `lang` of every participant in `cards.selected` under `out` (paths.card_path), then the
    index page in `lang` of every ranking group they belong to, as one set (outputs.FileSet): all of them replace
    the earlier pages when every one is written, or none does; the pages of another language are left as they are.
    `whole`: the selection is every participant of the season, so the pages in `lang` it does not write are an
    earlier run's, of participants or groups gone (`Written.left_over`; left where they are)."""
    written = Written()
    pages = Pages.of(cards, lang)
    peserta = cards.peserta
    selected = cards.selected
    musim = cards.season.musim
    groups: dict[str, set[str]] = {}  # the group folders written, with their category folders
    with FileSet(Path(out) / str(musim)) as files:
        for kelompok, kategori in dict.fromkeys(
            zip(peserta["kelompok"].to_numpy()[selected], peserta["kategori"].to_numpy()[selected], strict=True)
        ):
            files.subfolder(folder_name(kelompok))  # its index page
            files.subfolder(f"{folder_name(kelompok)}/{folder_name(kategori)}")
            groups.setdefault(folder_name(kelompok), set()).add(folder_name(kategori))
        _STATE.update(cards=cards, pages=pages, out=out)
        try:
            chunks = _chunks(selected)
            if jobs > 1 and len(chunks) > 1 and "fork" in multiprocessing.get_all_start_methods():
                with worker_pool(jobs, end_with_parent) as pool:
                    for done in pool.imap_unordered(_render_chunk, chunks):
                        written.add(done)
            else:
                for chunk in chunks:
                    written.add(_render_chunk(chunk))
        finally:
            _STATE.clear()
        start = time.perf_counter()
        written.indexes = write_indexes(cards, out, pages, files)
        written.timings["indexes"] = time.perf_counter() - start
        if whole:
            written.left_over = _left_over(files.folder, groups, lang)
        start = time.perf_counter()
    written.timings["commit"] = time.perf_counter() - start  # every page renamed into place
    return written


def _left_over(folder: Path, groups: dict[str, set[str]], lang: str) -> list[Path]:
    """The card pages in `lang` under the season folder `folder` this run does not write (none staged in their place):
    a whole group's folder whose index page in `lang` is there, where no card of the group is written (`groups`:
    each group folder written and its category folders); in a group written, a whole category folder holding pages in
    `lang` where no card of the category is written (a category renamed, or ranked in wider groups now), else each
    card page of a category folder written."""
    left: list[Path] = []
    index = page_name("index", lang)
    for place in sorted(folder.iterdir()):
        if place.name not in groups:
            if place.is_dir() and not place.is_symlink() and (place / index).is_file():
                left.append(place)
            continue
        left += [
            other
            for other in sorted(place.iterdir())
            if other.name not in groups[place.name]
            and other.is_dir()
            and not other.is_symlink()
            and any(is_page_of(page.name, lang) and page.is_file() for page in other.iterdir())
        ]
        for kategori in sorted(groups[place.name]):
            left += [
                page
                for page in sorted((place / kategori).iterdir())
                if is_page_of(page.name, lang) and page.is_file() and not staged_path(page).is_file()
            ]
    return left


def write_indexes(cards: CardSeason, out: Path, pages: Pages, files: FileSet) -> list[Path]:
    """The index page of every ranking group with a card in this run, listing every card of the group in the
    pages' language under `out` once `files` (the run's set, these pages staged in it) is committed: those of this
    run and of earlier ones, by category then rank (a shared rank marked so, report.tables.rank_text), and where a
    category of the group is at the desk stage, its proposed shortlist marked."""
    peserta = cards.peserta
    musim = cards.season.musim
    lang = pages.text.lang
    shared = pages.shared
    labels = {k: getattr(c.label, lang) for k, c in cards.methodology.kategori.items()}
    groups = dict.fromkeys(peserta["kelompok"].to_numpy()[cards.selected])
    paths = []
    for kelompok in groups:
        members = peserta[peserta["kelompok"] == kelompok]
        folder = files.subfolder(folder_name(kelompok))
        group = folder_name(kelompok)
        rows = []
        for kategori, id_peserta, nama, wilayah, peringkat, bersama, skor, usulan in zip(
            members["kategori"],
            members["id_peserta"],
            members["nama"],
            members["wilayah_nama"],
            members["peringkat"].to_numpy(dtype=np.float64, na_value=np.nan),
            members["peringkat_bersama"].to_numpy(dtype=np.int64),
            members["skor_peringkat"].to_numpy(dtype=np.float64),
            members["usulan_shortlist"].to_numpy(dtype=bool),
            strict=True,
        ):
            href = card_relative(kelompok, kategori, id_peserta, lang).relative_to(group).as_posix()
            if not files.holds(folder / href):
                continue
            rows.append(
                {
                    "href": quote(href),
                    "nama": nama,
                    "kategori": labels[kategori],
                    "wilayah": wilayah,
                    "peringkat": rank_text(peringkat, bool(bersama), lang),
                    "peringkat_v": "" if np.isnan(peringkat) else int(peringkat),
                    "skor": formatting.score(skor, lang),
                    "skor_v": "" if np.isnan(skor) else f"{skor:.6f}",
                    "usulan": bool(usulan),
                }
            )
        path = index_path(out, musim, kelompok, lang)
        finalists = bool(members["finalis"].to_numpy(dtype=bool).any())  # else every score is a desk score
        # a category of the group at the desk stage: its proposed shortlist marked, as the report's ranking table has it
        desk = bool((members["tahap"] == TAHAP_DOKUMEN).any())
        words = group_label(cards, str(kelompok), pages.text)
        page = pages.index(words, rows, {**shared, "finalists": finalists, "shortlist": desk})
        stage_file(path, page)
        paths.append(path)
    return paths
