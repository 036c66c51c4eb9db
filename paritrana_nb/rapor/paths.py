"""Where a participant's card lives: `<out>/<musim>/<kelompok>/<kategori>/<id_peserta>.html`.

Each part is the value of the score CSV with any character other than letters, digits, `.`, `_` and `-` written
as `_` (a zone named in wilayah.csv may hold a space or a slash), so a card is always inside its folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
INDEX = "index.html"


def folder_name(value: object) -> str:
    """`value` as one file or folder name: unsafe characters as `_`; `.`/`..`/empty refused."""
    name = _UNSAFE.sub("_", str(value))
    if name in ("", ".", ".."):
        raise ValueError(f"{value!r} cannot name a card folder or file")
    return name


def group_folder(out: Path, musim: int, kelompok: str) -> Path:
    """The folder of one ranking group's cards and its index page."""
    return Path(out) / str(musim) / folder_name(kelompok)


def card_path(out: Path, musim: int, kelompok: str, kategori: str, id_peserta: str) -> Path:
    """The card of one participant under the cards folder `out`."""
    return group_folder(out, musim, kelompok) / folder_name(kategori) / f"{folder_name(id_peserta)}.html"


def card_href(page: Path, card: Path) -> str:
    """The relative link from the HTML file `page` to `card` (a URL path: `/` separators, quoted)."""
    relative = os.path.relpath(Path(card).resolve(), Path(page).resolve().parent)
    return quote(Path(relative).as_posix())


def card_link(page: Path, cards: Path | None, musim: int, kelompok: str, kategori: str, id_peserta: str) -> str | None:
    """The link from report `page` to a participant's card under the cards folder `cards`, or None when there is
    no such card (no cards folder, or the card was not written)."""
    if cards is None:
        return None
    card = card_path(cards, musim, kelompok, kategori, id_peserta)
    return card_href(page, card) if card.is_file() else None
