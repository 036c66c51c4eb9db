"""Numbers, percentages, rupiah and text for reports and messages, in the reader's language.

Bahasa Indonesia writes 1.234.567 and 68,02%; English writes 1,234,567 and 68.02%.
Escaping is not done here: every page is rendered from autoescaped templates (`templating.py`).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import SupportsFloat

from babel.numbers import get_decimal_symbol, get_group_symbol

_LOCALES = {"id": "id_ID", "en": "en_US"}
#: Per language, Python's `,` (group) and `.` (decimal) swapped for the locale's symbols (CLDR, through Babel).
_SYMBOLS = {
    lang: str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})
    for lang, locale in _LOCALES.items()
}


def _nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def number(value: SupportsFloat | None, lang: str, decimals: int = 0) -> str:
    """A grouped number: 1.234.567 (id) or 1,234,567 (en); '–' when missing.

    Rounded half to even from the float's shortest decimal text, as Babel's `format_decimal` rounds (the
    separators are Babel's); written by `format` because a card page holds dozens of numbers and Babel's
    pattern formatter takes about ten times as long.
    """
    if value is None or _nan(value):
        return "–"
    return format(Decimal(repr(float(value))), f",.{decimals}f").translate(_SYMBOLS[lang])


def unsigned_zero(value: SupportsFloat, decimals: int) -> float:
    """`value`, or 0.0 when it rounds to zero at `decimals`: a page shows 0,00 where Babel would write -0,00."""
    rounds_to_zero = not _nan(value) and Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals)) == 0
    return 0.0 if rounds_to_zero else float(value)


def percent(value: SupportsFloat | None, lang: str, decimals: int = 2) -> str:
    """A percentage already on the 0-100 scale: 68,02% (id) or 68.02% (en)."""
    return "–" if value is None or _nan(value) else number(unsigned_zero(value, decimals), lang, decimals) + "%"


def points(value: SupportsFloat | None, lang: str, decimals: int = 2) -> str:
    """A signed change in percentage points: +12,33 pp."""
    if value is None or _nan(value):
        return "–"
    value = unsigned_zero(value, decimals)
    sign = "+" if value > 0 else ""
    return f"{sign}{number(value, lang, decimals)} pp"


def rupiah(value: SupportsFloat | None, lang: str) -> str:
    """Rp4.300.000.000 (id) or Rp4,300,000,000 (en)."""
    return "–" if value is None or _nan(value) else "Rp" + number(value, lang, 0)


def score(value: SupportsFloat | None, lang: str) -> str:
    """A 0-100 score (or a signed difference of scores) with two decimals."""
    return "–" if value is None or _nan(value) else number(unsigned_zero(value, 2), lang, 2)
