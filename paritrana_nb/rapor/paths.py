"""Where a participant's card lives: `<out>/<musim>/<kelompok>/<kategori>/<id_peserta>.html`.

A page's name depends on its language as the reports' names do (`page_name`): `61.04.html` and `index.html` in
Bahasa Indonesia, `61.04.en.html` and `index.en.html` in English, so the cards of both languages sit side by side
and a report links to the cards in its own language.

Each part is the value of the score CSV with any character other than letters, digits, `.`, `_` and `-` written
as `_` (a zone named in wilayah.csv may hold a space or a slash), so a card is always inside its folder; a part
that would be hidden or a Windows device name gets a `_` before it (`folder_name`). The
reports of `paritrana run` are written to `<out>/<musim>/` too: with the same `--out`, a report links each
participant's name to its card (`card_link`).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..messages import LANGS

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def page_name(stem: str, lang: str) -> str:
    """The file name of a page in `lang`: `stem.html` in Bahasa Indonesia (the default), `stem.<lang>.html` in
    another language (`61.04.en.html`); the reports' names follow the same rule (report_filename)."""
    return f"{stem}.html" if lang == "id" else f"{stem}.{lang}.html"


def is_page_of(name: str, lang: str) -> bool:
    """Whether a file named `name` is a page in `lang` as `page_name` names it (`x.en.html`; in Bahasa Indonesia, an
    `.html` of no other language's ending)."""
    if lang != "id":
        return name.endswith(f".{lang}.html")
    return name.endswith(".html") and not name.endswith(tuple(f".{other}.html" for other in LANGS if other != "id"))


def folder_name(value: object) -> str:
    """`value` as one file or folder name: unsafe characters as `_`; after a `_` where it would name something else:
    `.`, `..` and empty (a zone or an NPP may be written so: this folder, its parent, nothing), a name starting with
    `.` (a hidden file) and a name Windows keeps for a device (`CON`, `nul.txt`, `COM1`: no file can have it)."""
    name = _UNSAFE.sub("_", str(value))
    return f"_{name}" if name in ("", ".", "..") or name.startswith(".") or windows_device(name) else name


def windows_device(name: str) -> bool:
    """Whether Windows keeps the file name `name` for a device (`CON`, `nul.txt`, `COM1`, in any letter case): no file
    can have it there."""
    return name.split(".")[0].upper() in _WINDOWS_DEVICES


_WINDOWS_DEVICES = frozenset(
    ("CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10)))
)


def group_folder(out: Path, musim: int, kelompok: str) -> Path:
    """The folder of one ranking group's cards and its index page."""
    return Path(out) / str(musim) / folder_name(kelompok)


def index_relative(kelompok: str, lang: str) -> PurePosixPath:
    """The index page of one ranking group's cards in `lang` under its season's folder `<out>/<musim>/`."""
    return PurePosixPath(folder_name(kelompok), page_name("index", lang))


def index_path(out: Path, musim: int, kelompok: str, lang: str) -> Path:
    """The index page of one ranking group's cards in `lang` (`index.html`, `index.en.html`)."""
    return Path(out) / str(musim) / index_relative(kelompok, lang)


def card_relative(kelompok: str, kategori: str, id_peserta: str, lang: str) -> PurePosixPath:
    """A card's path in `lang` under its season's folder `<out>/<musim>/`."""
    return PurePosixPath(folder_name(kelompok), folder_name(kategori), page_name(folder_name(id_peserta), lang))


def card_path(out: Path, musim: int, kelompok: str, kategori: str, id_peserta: str, lang: str) -> Path:
    """The card of one participant in `lang` under the cards folder `out`."""
    return Path(out) / str(musim) / card_relative(kelompok, kategori, id_peserta, lang)


def card_link(season_folder: Path | None, kelompok: str, kategori: str, id_peserta: str, lang: str) -> str | None:
    """The relative link from a page in `season_folder` (`<out>/<musim>/`, where the reports are) to a
    participant's card there in `lang`, the page's language, or None when that card was not written (or no
    folder is known)."""
    if season_folder is None:
        return None
    relative = card_relative(kelompok, kategori, id_peserta, lang)
    return quote(relative.as_posix()) if (Path(season_folder) / relative).is_file() else None
