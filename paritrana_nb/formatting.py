"""Numbers, percentages, rupiah and text for reports and messages, in the reader's language.

Bahasa Indonesia writes 1.234.567 and 68,02%; English writes 1,234,567 and 68.02%.
Escaping is not done here: every page is rendered from autoescaped templates (`templating.py`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import SupportsFloat

from babel.numbers import get_decimal_symbol, get_group_symbol

_LOCALES = {"id": "id_ID", "en": "en_US"}


@functools.cache
def _symbols(lang: str) -> dict[int, str]:
    """Python's `,` (group) and `.` (decimal) swapped for the locale's symbols (CLDR, through Babel); a language's
    locale data is read when it is first used (reading both took 0.03 s of every command's message)."""
    locale = _LOCALES[lang]
    return str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})


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
    if abs(float(value)) >= HUGE:
        return scientific(float(value), lang)
    return format(Decimal(repr(float(value))), f",.{decimals}f").translate(_symbols(lang))


HUGE = 1e20
"""From this size on a number is written in powers of ten (`scientific`): a figure of 21 digits or more (1e308 took
309) is read by no one, and no valid input comes near it (validate.MAX_EXACT_NUMBER is 9,007,199,254,740,991)."""
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def scientific(value: float, lang: str) -> str:
    """`value` in powers of ten, four significant digits at most: 1,235 × 10³⁰⁵ (id) or 1.235 × 10³⁰⁵ (en)."""
    if math.isinf(value):
        return "-∞" if value < 0 else "∞"
    mantissa, _, exponent = format(value, ".3e").partition("e")
    return _powers(mantissa.rstrip("0").rstrip("."), int(exponent), lang)


def _powers(mantissa: str, exponent: int, lang: str) -> str:
    """`mantissa` (Python's decimal point) times ten to the `exponent`: 1,5 × 10⁻⁷ (id)."""
    return f"{mantissa.translate(_symbols(lang))} × 10{str(exponent).translate(_SUPERSCRIPT)}"


TINY = 1e-6
"""Below this size (zero aside) `exact` writes a number in powers of ten: 0,000001 still reads at a glance, the seven
zeros of 0,0000001 have to be counted."""


def exact(value: SupportsFloat | None, lang: str) -> str:
    """`value` with every digit of its shortest decimal text (Python's repr), grouped for `lang`, so that what is
    shown is the value used and two different values never read alike: 0,25 and 0,000001 (id), 0.25 (en); a whole
    number without decimals (100, 1.000.000.000), -0.0 as 0; '–' when missing. Smaller than `TINY` or from `HUGE` on,
    in powers of ten with the same digits: 1,5 × 10⁻⁷ (id), 1.7976931348623157 × 10³⁰⁸ (en) (`scientific` rounds to
    four digits)."""
    if value is None or _nan(value):
        return "–"
    x = float(value) + 0.0  # + 0.0 turns -0.0 into 0.0
    if math.isinf(x):
        return scientific(x, lang)
    shortest = Decimal(repr(x)).normalize()
    if x and not TINY <= abs(x) < HUGE:
        sign, digits, _ = shortest.as_tuple()
        text = "".join(map(str, digits))
        mantissa = ("-" if sign else "") + text[0] + ("." + text[1:] if len(text) > 1 else "")
        return _powers(mantissa, shortest.adjusted(), lang)
    return format(shortest, ",f").translate(_symbols(lang))


def unsigned_zero(value: SupportsFloat, decimals: int) -> float:
    """`value`, or 0.0 when it rounds to zero at `decimals`: a page shows 0,00 where Babel would write -0,00."""
    rounds_to_zero = not _nan(value) and Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals)) == 0
    return 0.0 if rounds_to_zero else float(value)


def percent(value: SupportsFloat | None, lang: str, decimals: int = 2) -> str:
    """A percentage already on the 0-100 scale: 68,02% (id) or 68.02% (en)."""
    return "–" if value is None or _nan(value) else number(unsigned_zero(value, decimals), lang, decimals) + "%"


#: Digits beyond the shown ones at which `apportion` reads a part: float noise (24.999999999999996 for 25) is no
#: remainder.
_NOISE_DIGITS = 9


def apportion(values: Sequence[float], decimals: int, total: float | None = None) -> list[float]:
    """`values`, the parts of a whole shown one by one, rounded to `decimals` so that they add up to exactly `total`
    (default: their sum) as `number` shows it (half to even): each part rounded down, then one unit of the last
    shown decimal added to the parts with the largest remainders until the total is reached (the largest-remainder
    method); of equal remainders the earlier part gets it first. So 3 equal thirds of 100 at 0 decimals are 34, 33,
    33. ValueError when the parts do not add up to `total` within one unit of the last decimal per part."""
    unit, noise = 10**decimals, 10**_NOISE_DIGITS
    fine = [round(float(v) * unit * noise) for v in values]  # in units of the last shown decimal * 10^-9
    down = [f // noise for f in fine]
    whole = Decimal(repr(float(sum(values) if total is None else total)))
    missing = int(whole.scaleb(decimals).quantize(Decimal(1), ROUND_HALF_EVEN)) - sum(down)
    if not 0 <= missing <= len(values):
        raise ValueError(f"parts adding up to {sum(values)} cannot be shown as {whole} at {decimals} decimals")
    largest = set(sorted(range(len(values)), key=lambda i: (down[i] * noise - fine[i], i))[:missing])
    return [(d + 1 if i in largest else d) / unit for i, d in enumerate(down)]


def score_parts(parts: Sequence[float], total: float | None, decimals: int = 2) -> list[float]:
    """The parts of a score as a page shows them beside the score `total` (a card's points, a report's score
    breakdown): shared out by `apportion` so that those shown add up to `total` as shown; a NaN part (an indicator that
    does not apply) is left NaN and out of the sharing. Where there is no total (None, NaN) or no part that is a
    number, the parts as they are."""
    counted = [i for i, part in enumerate(parts) if part == part]
    if total is None or total != total or not counted:
        return list(parts)
    shown = list(parts)
    for i, part in zip(counted, apportion([parts[i] for i in counted], decimals, total), strict=True):
        shown[i] = part
    return shown


def shares(weights: Sequence[float], decimals: int = 0) -> list[float]:
    """Each weight's share of their sum in percent, rounded to `decimals` so that the shares add up to exactly 100
    (`apportion`: 3 equal weights give 34, 33, 33); [] for no weights or a sum of zero."""
    total = float(sum(weights))
    if not total:
        return []
    return apportion([100 * w / total for w in weights], decimals, 100.0)


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
