"""Reading numbers written in the Indonesian (1.234.567 / 68,02) or English (1,234,567 / 68.02) style.

The style is decided per file from the numbers themselves; a value that could be read
either way is resolved by that decision, or reported when nothing decides it.
"""
from __future__ import annotations

import re
from typing import Literal

import numpy as np
import pandas as pd

Style = Literal["id", "en"]

_ID = re.compile(r"^[-+]?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,\d+)?$")
_EN = re.compile(r"^[-+]?(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?$")
_PLAIN = re.compile(r"^[-+]?\d+$")
_THOUSANDS_DOT = re.compile(r"^[-+]?[1-9]\d{0,2}\.\d{3}$")
_THOUSANDS_COMMA = re.compile(r"^[-+]?[1-9]\d{0,2},\d{3}$")


def classify(value: str, whole: bool) -> Literal["plain", "id", "en", "ambiguous", "invalid"]:
    """Which style a stripped, non-blank number string shows.

    In a whole-number column a single three-digit group can only be a thousands group,
    so `1.234` counts as Indonesian and `1,234` as English there.
    """
    if _PLAIN.match(value):
        return "plain"
    is_id, is_en = bool(_ID.match(value)), bool(_EN.match(value))
    if is_id and is_en:
        if not whole:
            return "ambiguous"
        return "id" if _THOUSANDS_DOT.match(value) else "en" if _THOUSANDS_COMMA.match(value) else "ambiguous"
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


def parse_series(values: pd.Series, style: Style) -> tuple[np.ndarray, np.ndarray]:
    """Parse a Series of stripped strings ('' = blank): (floats with NaN for blank/bad, bad mask)."""
    uniques = pd.unique(values.to_numpy())
    lookup = {}
    for u in uniques:
        lookup[u] = np.nan if u == "" else to_float(u, style)
    parsed = values.map(lookup)
    bad = parsed.isna().to_numpy() & (values.to_numpy() != "")
    return parsed.to_numpy(dtype=float, copy=True), bad
