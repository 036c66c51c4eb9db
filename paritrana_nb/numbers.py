"""Reading numbers written in the Indonesian (1.234.567 / 68,02) or English (1,234,567 / 68.02) style.

The style is decided per file from the numbers themselves; a value that could be read
either way is resolved by that decision, or reported when nothing decides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

Style = Literal["id", "en"]

_ID = re.compile(r"^[-+]?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,\d+)?$", re.ASCII)
_EN = re.compile(r"^[-+]?(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?$", re.ASCII)
_PLAIN = re.compile(r"^[-+]?\d+$", re.ASCII)
NUMBER_SHAPED = re.compile(r"[-+]?[\d.,]+", re.ASCII)
"""Digits, separators and a sign only: anything else cannot be a number in either style. Digits are 0-9 only
(re.ASCII): Arabic-Indic or full-width digits (U+0660..U+0669, U+FF10..U+FF19) are text to a spreadsheet, and
were read as numbers here."""
SCIENTIFIC = re.compile(r"[-+]?[0-9]+(?:[.,][0-9]+)?[eE][-+]?[0-9]+", re.ASCII)
"""A number written in scientific notation (`3.33729E+09`, `1e300`, `-1e-3`; `1,5e3` with a decimal comma): no
number in either style (what a spreadsheet saves of one too wide for its column has lost digits), but its size can
be told (`scientific_size`)."""


def classify(value: str) -> Literal["plain", "id", "en", "ambiguous", "invalid"]:
    """Which style a stripped, non-blank number string shows.

    A single group of three digits after one separator (`1.500`, `1,500`) is ambiguous in every column, counts
    too: it is read in the style the file's other numbers (else its separator) decide, so a count never decides
    a file's style by itself (in a decimal-comma file `1,500` is 1.5, which a count may not be).
    """
    if _PLAIN.match(value):
        return "plain"
    is_id, is_en = bool(_ID.match(value)), bool(_EN.match(value))
    if is_id and is_en:
        return "ambiguous"
    if is_id:
        return "id"
    if is_en:
        return "en"
    return "invalid"


def to_float(value: str, style: Style) -> float | None:
    """Parse one stripped number string in `style`; None when it is not a number in that style."""
    if style == "id":
        if not _ID.match(value):
            return None
        return float(value.replace(".", "").replace(",", "."))
    if not _EN.match(value):
        return None
    return float(value.replace(",", ""))


def scientific_size(value: str) -> float | None:
    """The size (absolute value) of a stripped number string in scientific notation (SCIENTIFIC), `inf` beyond a
    float's range (`1e400`); None for any other text."""
    if not SCIENTIFIC.fullmatch(value):
        return None
    return abs(float(value.replace(",", ".")))


def numeric_text(value: str) -> bool:
    """Whether a stripped cell's text is made as a number is (NUMBER_SHAPED) or is a number in scientific notation
    (SCIENTIFIC): the checks read its number, or its size; any other text cannot be a number."""
    return NUMBER_SHAPED.fullmatch(value) is not None or SCIENTIFIC.fullmatch(value) is not None


def restyled(value: str, style: Style) -> str:
    """A number string of the other style written in `style`, digit for digit and without thousands separators
    (`1.234,5` -> `1234.5` in English style, `68.02` -> `68,02` in Indonesian)."""
    if style == "en":
        return value.replace(".", "").replace(",", ".")
    return value.replace(",", "").replace(".", ",")


@dataclass(frozen=True)
class Distinct:
    """The distinct number-shaped values of a column of stripped strings, and which one each row holds."""

    values: np.ndarray
    """Distinct values made of digits, separators and a sign only (anything else is not a number)."""
    rows: np.ndarray
    """Per row: the position of its value in `values`, or -1 (blank or not number-shaped)."""

    def where(self, value: int) -> np.ndarray:
        """Row positions holding `values[value]`."""
        return np.flatnonzero(self.rows == value)


def distinct(values: pd.Series) -> Distinct:
    """Find the distinct number-shaped values of `values` once, so styles and numbers are decided per value."""
    codes, factorized = pd.factorize(values)
    # pandas before 3.1 hashes text up to its first NUL ("1\x00" is "1" to it): such a cell is no number, and is
    # kept apart from the values it would be taken for (one search of the column's text first: a search per cell
    # took 50 ms per column of 190,000 cells, a third of the checks of an inbox's workbooks)
    if _NUL_CUTS_HASHES and "\x00" in values.str.cat():
        codes[values.str.contains("\x00", regex=False, na=False).to_numpy(dtype=bool)] = -1
    return distinct_of(codes, np.asarray(factorized, dtype=object))


_NUL_CUTS_HASHES = tuple(int(part) for part in re.findall(r"\d+", pd.__version__)[:2]) < (3, 1)
"""Whether this pandas hashes text only up to its first NUL character (before 3.1); 3.1 and later keep "1\x00"
apart from "1" themselves, and NUMBER_SHAPED refuses it."""


def distinct_of(codes: np.ndarray, uniques: np.ndarray) -> Distinct:
    """`distinct` from a column already factorised: per row the position of its value in `uniques` (-1: none)."""
    shaped = np.fromiter((NUMBER_SHAPED.fullmatch(u) is not None for u in uniques), dtype=bool, count=len(uniques))
    position = np.full(len(uniques) + 1, -1, dtype=np.int32)
    position[:-1][shaped] = np.arange(int(shaped.sum()))
    return Distinct(uniques[shaped], position[codes])


def parse_distinct(found: Distinct, style: Style) -> np.ndarray:
    """Each row's number in `style`; NaN for blank cells and values that are not a number in that style."""
    parsed = np.array([np.nan if (v := to_float(u, style)) is None else v for u in found.values], dtype=float)  # noqa: PD011 - Distinct.values, not pandas
    out = np.full(len(found.rows), np.nan)
    held = found.rows >= 0
    out[held] = parsed[found.rows[held]]
    return out
