"""The official list of Indonesia's region and village codes (Kemendagri), shipped as package data.

`bundled()` reads the edition in `paritrana_nb/reference/<edition>/` (Kepmendagri 300.2.2-2138/2025: 38
provinces, 514 regencies/cities, 83,762 villages; see its README for the source and licence) once per process.
`from_folder` reads another edition of the same shape, e.g. a season's own list for a year when a regency was
split (`referensi_wilayah` in musim.yaml). Codes are text: `61`, `61.04`, `61.04.01.2011`.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
import pandas as pd

from .messages import Num
from .problems import CONTROL_CHARS

BUNDLED_EDITION = "kemendagri_2025"
#: Editions shipped in paritrana_nb/reference/ (a folder each, holding wilayah.csv and desa.csv.gz).
EDITIONS: tuple[str, ...] = (BUNDLED_EDITION,)
WILAYAH_COLUMNS = ("kode_wilayah", "nama", "tingkat", "kode_provinsi")
DESA_COLUMNS = ("kode_desa", "nama", "jenis")
#: Name prefixes written in more than one way, each mapped to the official word (matched on lower-case text).
_PREFIXES = (
    (r"^(?:kabupaten\s+|kab\.\s*|kab\s+)", "kabupaten "),
    (r"^(?:kota\s+|kotamadya\s+|kodya\s+|kota\.\s*)", "kota "),
    (r"^(?:dki\s+|d\.k\.i\.\s*)", "daerah khusus ibukota "),
    (r"^(?:di\s+|d\.i\.\s*)", "daerah istimewa "),
)
_VILLAGE_PREFIX = r"^\s*(desa\s+|ds\.\s*|kelurahan\s+|kel\.\s*)"
_VILLAGE_KINDS = {"desa": "desa", "ds.": "desa", "kelurahan": "kelurahan", "kel.": "kelurahan"}


#: The most a gzip list file may unpack to: the bundled list of every village of Indonesia takes 3.9 MB.
MAX_UNPACKED_BYTES = 64 << 20


class ReferenceUnreadable(Exception):
    """A region list that cannot be used: the catalogue code and its fields (file and what the message names); where
    it is about one cell, its `row` (the file's line), `column` and `value`."""

    def __init__(
        self, code: str, row: int | None = None, column: str | None = None, value: str | None = None, **fields: object
    ) -> None:
        super().__init__(f"{code}: {fields}")
        self.code, self.fields = code, fields
        self.row, self.column, self.value = row, column, value


@dataclass(frozen=True)
class RegionList:
    """One edition of the official list: regions (provinces, regencies, cities) and villages, codes as text."""

    edition: str
    """Its name: a bundled edition (`kemendagri_2025`) or the folder a season named."""
    digest: str
    """sha256 over its files' bytes (wilayah, then desa), so a report can say which list it was checked against."""
    wilayah: pd.DataFrame
    """kode_wilayah, nama, tingkat, kode_provinsi; indexed by kode_wilayah."""
    desa: pd.DataFrame
    """kode_desa, nama, jenis (`desa`/`kelurahan`), kode_wilayah; indexed by kode_desa, in code order."""

    def villages_of(self, kode_wilayah: str) -> pd.DataFrame:
        """The villages of one regency or city, in code order."""
        start, stop = self._codes.searchsorted([kode_wilayah + ".", kode_wilayah + "/"])
        return self.desa.iloc[start:stop]

    @property
    def _codes(self) -> pd.Index:
        return self.desa.index

    def nearest(self, code: str, n: int = 3) -> list[str]:
        """Up to `n` known codes closest to an unknown `code` of the same level, each with its name
        (`61.04 Kabupaten Ketapang`): among those sharing its longest known prefix (district, regency,
        province), a code with the same digits swapped first, then the most alike, then the numerically nearest."""
        level = self.desa if code.count(".") == 3 else self.wilayah
        codes = level.index[level.index.str.len() == len(code)] if level is self.wilayah else level.index
        for cut in (10, 6, 3, 0):
            if len(code) <= cut:
                continue
            prefix = code[:cut]
            pool = codes[codes.str.startswith(prefix)] if prefix else codes
            if len(pool):
                break
        number = int(code.replace(".", ""))

        def likeness(known: str) -> tuple[bool, float, int, str]:
            """Same digits in another order first (a swap), then most characters alike, then numerically nearest."""
            alike = difflib.SequenceMatcher(None, code, known).ratio()
            return sorted(known) != sorted(code), -alike, abs(int(known.replace(".", "")) - number), known

        ranked = sorted(pool, key=likeness)
        return [f"{known} {level.at[known, 'nama']!s}" for known in ranked[:n]]


def _read_csv(data: bytes, name: str, columns: tuple[str, ...], checked: bool = False) -> pd.DataFrame:
    """A list file as text columns; ReferenceUnreadable when it lacks a column or is not CSV, and when `checked` (a
    list not bundled) at the first name holding one of CONTROL_CHARS."""
    try:
        text = _gunzipped(data, name) if name.endswith(".gz") else data
        frame = pd.read_csv(
            io.BytesIO(text),
            dtype=str,
            keep_default_na=False,
            encoding="utf-8",
            engine="python" if checked and b"\x00" in text else "c",  # pandas' C parser ended a cell at a NUL (2.x)
        )
    except (ValueError, UnicodeDecodeError, OSError, EOFError) as exc:
        raise ReferenceUnreadable("E_REFERENCE_UNREADABLE", file=name, detail=str(exc).splitlines()[0]) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReferenceUnreadable(
            "E_REFERENCE_COLUMNS", file=name, missing=", ".join(missing), expected=", ".join(columns)
        )
    if checked and (bad := frame["nama"].str.contains(CONTROL_CHARS)).any():
        first = int(bad.to_numpy().argmax())  # its line in the file: after the header, from line 2
        raise ReferenceUnreadable("E_REFERENCE_CONTROL_CHAR", first + 2, "nama", frame["nama"].iloc[first], file=name)
    return frame.loc[:, list(columns)]


def _gunzipped(data: bytes, name: str) -> bytes:
    """The bytes a gzip list file unpacks to; ReferenceUnreadable beyond MAX_UNPACKED_BYTES (a gzip bomb: half a
    megabyte of it took 1.2 GB of memory) or when it is no gzip."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            plain = stream.read(MAX_UNPACKED_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise ReferenceUnreadable("E_REFERENCE_UNREADABLE", file=name, detail=str(exc).splitlines()[0]) from exc
    if len(plain) > MAX_UNPACKED_BYTES:
        raise ReferenceUnreadable("E_REFERENCE_TOO_LARGE", file=name, limit=Num(MAX_UNPACKED_BYTES >> 20))
    return plain


def _file(folder: Traversable, stem: str) -> tuple[str, bytes]:
    """The bytes of `<stem>.csv` or `<stem>.csv.gz` in `folder`."""
    for name in (f"{stem}.csv", f"{stem}.csv.gz"):
        entry = folder.joinpath(name)
        if entry.is_file():
            return name, entry.read_bytes()
    raise ReferenceUnreadable("E_REFERENCE_MISSING", file=f"{stem}.csv")


def _unique(codes: pd.Series, name: str) -> None:
    """ReferenceUnreadable at the second row of the first code `codes` (a list file's code column, in the file's
    order) holds twice."""
    twice = codes.duplicated().to_numpy()
    if twice.any():
        second = int(twice.argmax())
        first = int((codes == codes.iloc[second]).to_numpy().argmax())
        raise ReferenceUnreadable(  # rows as the file's lines: after the header, from line 2
            "E_REFERENCE_DUPLICATE", second + 2, str(codes.name), codes.iloc[second], file=name, first=first + 2
        )


def _load(folder: Traversable, edition: str, checked: bool = False) -> RegionList:
    wilayah_name, wilayah_bytes = _file(folder, "wilayah")
    desa_name, desa_bytes = _file(folder, "desa")
    wilayah = _read_csv(wilayah_bytes, wilayah_name, WILAYAH_COLUMNS, checked)
    _unique(wilayah["kode_wilayah"], wilayah_name)
    wilayah = wilayah.set_index("kode_wilayah", drop=False)
    desa = _read_csv(desa_bytes, desa_name, DESA_COLUMNS, checked)
    _unique(desa["kode_desa"], desa_name)
    desa["kode_wilayah"] = desa["kode_desa"].str[:5]
    desa = desa.set_index("kode_desa", drop=False).sort_index()
    digest = hashlib.sha256(wilayah_bytes + desa_bytes).hexdigest()
    return RegionList(edition, digest, wilayah, desa)


@cache
def bundled(edition: str = BUNDLED_EDITION) -> RegionList:
    """A bundled edition (read once per process; well under a second).

    Examples
    --------
    >>> from paritrana_nb.kemendagri import bundled
    >>> ref = bundled()
    >>> len(ref.wilayah), len(ref.desa)
    (552, 83762)
    >>> ref.wilayah.at["61.04", "nama"], ref.nearest("61.40", 1)
    ('Kabupaten Ketapang', ['61.04 Kabupaten Ketapang'])
    """
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    return _load(resources.files("paritrana_nb").joinpath("reference", edition), edition)


def from_folder(folder: Path) -> RegionList:
    """An edition of the same shape in `folder`: `wilayah.csv` and `desa.csv` (each may be gzip `.csv.gz`) with
    the bundled edition's columns; ReferenceUnreadable names the file and what is wrong, and the row of a name
    holding a control or text-direction character (CONTROL_CHARS), which a workbook cannot hold nor a page show."""
    return _load(folder, folder.name, checked=True)


def name_key(names: pd.Series) -> pd.Series:
    """Names as compared with the official ones: lower case, the prefix spelt out (`Kab.` -> kabupaten,
    `DKI` -> daerah khusus ibukota), then letters and digits only (spaces, dots, dashes, quotes dropped)."""
    text = names.astype(str).str.lower().str.strip()
    for pattern, word in _PREFIXES:
        text = text.str.replace(pattern, word, regex=True)
    return text.str.replace(r"[\W_]+", "", regex=True)


def bare_key(names: pd.Series) -> pd.Series:
    """`name_key` without a regency or city prefix (`Kabupaten Sambas` -> `sambas`)."""
    text = names.astype(str).str.lower().str.strip()
    for pattern, _ in _PREFIXES[:2]:
        text = text.str.replace(pattern, "", regex=True)
    return text.str.replace(r"[\W_]+", "", regex=True)


def village_prefix(names: pd.Series) -> pd.Series:
    """The kind a village's name says (`desa`, `kelurahan`) or None when it has no such prefix."""
    found = names.astype(str).str.lower().str.extract(_VILLAGE_PREFIX, expand=False).str.strip()
    return found.map(_VILLAGE_KINDS).astype(object).where(found.notna(), None)


def village_kind(codes: pd.Series) -> np.ndarray:
    """`kelurahan` for a code whose last segment starts with 1, else `desa` (2: desa, 3: desa adat)."""
    kelurahan = np.fromiter((str(code)[-4:-3] == "1" for code in codes.tolist()), dtype=bool, count=len(codes))
    return _KINDS[kelurahan.view(np.int8)]  # a slice, not `.str[-4]`: a tenth of the time over 84,000 codes


_KINDS = np.array(["desa", "kelurahan"], dtype=object)


def strip_village_prefix(names: pd.Series) -> pd.Series:
    """Village names without a leading `Desa`/`Kelurahan` (`Desa Suka Rejo` -> `Suka Rejo`)."""
    return names.astype(str).str.replace(_VILLAGE_PREFIX, "", regex=True, case=False)
