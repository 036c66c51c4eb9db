"""Report number formats in both languages."""

from __future__ import annotations

import math

from paritrana_nb.formatting import number, percent, points, rupiah, score, unsigned_zero


def test_indonesian_formats() -> None:
    assert number(1234567, "id") == "1.234.567"
    assert percent(68.02, "id") == "68,02%"
    assert points(12.33, "id") == "+12,33 pp"
    assert rupiah(4_300_000_000, "id") == "Rp4.300.000.000"
    assert score(71.23456, "id") == "71,23"


def test_english_formats() -> None:
    assert number(1234567, "en") == "1,234,567"
    assert percent(68.02, "en") == "68.02%"
    assert points(-1.5, "en") == "-1.50 pp"
    assert rupiah(2_000_000_000, "en") == "Rp2,000,000,000"


def test_missing_values() -> None:
    assert number(math.nan, "id") == "–"
    assert percent(None, "en") == "–"


def test_number_writes_what_babel_writes() -> None:
    """formatting.number is a fast path of Babel's format_decimal with the pattern #,##0.00: same rounding
    (half to even on the shortest decimal text), same separators, same sign, for both languages."""
    import random

    from babel.numbers import format_decimal

    rng = random.Random(14)  # noqa: S311 - test values, not secrets
    values = [rng.uniform(-1e9, 1e9) for _ in range(3000)] + [rng.randint(-(10**6), 10**6) / 1000 for _ in range(3000)]
    values += [0.0, -0.0, -0.004, 0.005, 0.015, 2.675, 1e15, 123456789.125, 0.5, 1.5, 2.5]
    for value in values:
        for lang, locale in (("id", "id_ID"), ("en", "en_US")):
            for decimals in (0, 1, 2):
                pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
                assert number(value, lang, decimals) == format_decimal(value, format=pattern, locale=locale), value


def test_a_value_that_rounds_to_zero_is_shown_without_a_sign() -> None:
    """A Sobol index of -0.004 or a juror deviation of -0.001 is shown as 0,00, never "-0,00" (number() itself
    stays Babel's, sign included)."""
    assert unsigned_zero(-0.004, 2) == 0.0 and unsigned_zero(-0.005, 2) == 0.0 and unsigned_zero(-0.006, 2) == -0.006
    assert unsigned_zero(-0.04, 1) == 0.0 and unsigned_zero(-0.4, 0) == 0.0 and unsigned_zero(-0.6, 0) == -0.6
    assert score(-0.004, "id") == "0,00" and score(-0.006, "en") == "-0.01"
    assert percent(-0.001, "en") == "0.00%"
    assert points(-0.001, "id") == "0,00 pp" and points(0.001, "en") == "0.00 pp" and points(0.006, "en") == "+0.01 pp"
    assert score(math.nan, "id") == "–"
