"""Numbers, percentages, rupiah and text for reports and messages, in the reader's language.

Bahasa Indonesia writes 1.234.567 and 68,02%; English writes 1,234,567 and 68.02%.
Escaping is not done here: every page is rendered from autoescaped templates (`templating.py`).
"""

from __future__ import annotations

import math
from typing import SupportsFloat

from babel.numbers import format_decimal

_LOCALES = {"id": "id_ID", "en": "en_US"}


def _nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def number(value: SupportsFloat | None, lang: str, decimals: int = 0) -> str:
    """A grouped number: 1.234.567 (id) or 1,234,567 (en); '–' when missing."""
    if value is None or _nan(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(float(value), format=pattern, locale=_LOCALES[lang])


def percent(value: SupportsFloat | None, lang: str, decimals: int = 2) -> str:
    """A percentage already on the 0-100 scale: 68,02% (id) or 68.02% (en)."""
    return "–" if value is None or _nan(value) else number(value, lang, decimals) + "%"


def points(value: SupportsFloat | None, lang: str, decimals: int = 2) -> str:
    """A signed change in percentage points: +12,33 pp."""
    if value is None or _nan(value):
        return "–"
    sign = "+" if float(value) > 0 else ""
    return f"{sign}{number(value, lang, decimals)} pp"


def rupiah(value: SupportsFloat | None, lang: str) -> str:
    """Rp4.300.000.000 (id) or Rp4,300,000,000 (en)."""
    return "–" if value is None or _nan(value) else "Rp" + number(value, lang, 0)


def score(value: SupportsFloat | None, lang: str) -> str:
    """A 0-100 score with two decimals."""
    return number(value, lang, 2)
