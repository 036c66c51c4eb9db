"""Report number formats in both languages."""

from __future__ import annotations

import math

import pytest

from paritrana_nb.formatting import (
    apportion,
    exact,
    number,
    percent,
    points,
    rupiah,
    score,
    score_parts,
    shares,
    unsigned_zero,
)


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


def test_a_huge_number_is_written_in_powers_of_ten_in_the_language_s_style() -> None:
    """1e308 in a message (a growth of +1e305 % from a previous value of 1e-300) was written with 309 digits; every
    figure below 10^20 is written as before."""
    from paritrana_nb.messages import Num, t

    assert number(1e308, "id") == "1 × 10³⁰⁸" and number(-1.5e305, "id", 2) == "-1,5 × 10³⁰⁵"
    assert number(1.23456e20, "en") == "1.235 × 10²⁰" and number(math.inf, "en") == "∞"
    assert number(9_007_199_254_740_991, "en") == "9,007,199,254,740,991"
    assert number(99_999_999_999_999_980_000.0, "id", 1) == "99.999.999.999.999.980.000,0"
    assert Num(1e305, 1, signed=True).render("en") == "+1 × 10³⁰⁵"
    jump = {"column": "x", "what": "x", "prev": 2023, "year": 2024, "before": Num(2), "after": Num(1e305)}
    assert "+5 × 10³⁰⁶% from 2023 (2) to 2024 (1 × 10³⁰⁵)" in t(
        "W_LARGE_JUMP", "en", change=Num(5e306, 1, signed=True), **jump
    )


@pytest.mark.parametrize(
    ("value", "id_text", "en_text"),
    [
        (0.0, "0", "0"),
        (-0.0, "0", "0"),
        (100.0, "100", "100"),
        (0.25, "0,25", "0.25"),
        (0.000001, "0,000001", "0.000001"),
        (0.0000012, "0,0000012", "0.0000012"),
        (1e-7, "1 × 10⁻⁷", "1 × 10⁻⁷"),
        (-1.5e-7, "-1,5 × 10⁻⁷", "-1.5 × 10⁻⁷"),
        (-1234.5, "-1.234,5", "-1,234.5"),
        (1e9, "1.000.000.000", "1,000,000,000"),
        (0.1 + 0.2, "0,30000000000000004", "0.30000000000000004"),
        (1.7976931348623157e308, "1,7976931348623157 × 10³⁰⁸", "1.7976931348623157 × 10³⁰⁸"),
        (None, "–", "–"),
        (math.nan, "–", "–"),
    ],
)
def test_exact_writes_every_digit_of_the_shortest_decimal_text(value: float, id_text: str, en_text: str) -> None:
    """Goalposts were shown at one decimal: [0, 0.000001] read "[0,0; 0,0]" and 0.25 "0,3"."""
    assert exact(value, "id") == id_text and exact(value, "en") == en_text


def test_a_value_that_rounds_to_zero_is_shown_without_a_sign() -> None:
    """A Sobol index of -0.004 or a juror deviation of -0.001 is shown as 0,00, never "-0,00" (number() itself
    stays Babel's, sign included)."""
    assert unsigned_zero(-0.004, 2) == 0.0 and unsigned_zero(-0.005, 2) == 0.0 and unsigned_zero(-0.006, 2) == -0.006
    assert unsigned_zero(-0.04, 1) == 0.0 and unsigned_zero(-0.4, 0) == 0.0 and unsigned_zero(-0.6, 0) == -0.6
    assert score(-0.004, "id") == "0,00" and score(-0.006, "en") == "-0.01"
    assert percent(-0.001, "en") == "0.00%"
    assert points(-0.001, "id") == "0,00 pp" and points(0.001, "en") == "0.00 pp" and points(0.006, "en") == "+0.01 pp"
    assert score(math.nan, "id") == "–"


def test_shares_add_up_to_exactly_100_by_largest_remainders() -> None:
    """Each share rounded down, the missing units to the largest remainders; equal remainders: earlier first."""
    assert shares([1, 1, 1]) == [34.0, 33.0, 33.0]  # plain rounding: 33 + 33 + 33 = 99
    assert shares([1, 1, 1], 2) == [33.34, 33.33, 33.33]
    assert shares([1] * 6) == [17.0, 17.0, 17.0, 17.0, 16.0, 16.0]  # plain rounding: 6 x 17 = 102
    assert shares([1, 1, 1, 3]) == [17.0, 17.0, 16.0, 50.0]  # plain rounding: 101
    assert shares([1, 2]) == [33.0, 67.0]  # the larger remainder (0.67 against 0.33) gets the unit
    assert shares([30, 20, 15, 20, 15]) == [30.0, 20.0, 15.0, 20.0, 15.0]  # exact shares stay as they are
    assert shares([0.25, 0.25, 0.25, 0.25]) == [25.0, 25.0, 25.0, 25.0]
    assert shares([]) == [] and shares([0.0, 0.0]) == []
    assert [percent(s, "id", 0) for s in shares([1, 1, 1])] == ["34%", "33%", "33%"]


def test_apportion_makes_shown_parts_add_up_to_the_shown_total() -> None:
    assert apportion([12.344, 12.344, 12.344], 2, 37.032) == [12.35, 12.34, 12.34]  # plain rounding: 37.02
    assert apportion([24.999999999999996] * 4, 0, 100.0) == [25.0] * 4  # float noise is no remainder
    assert apportion([0.5, 0.5], 0) == [1.0, 0.0]  # the total 1 as `number` shows it (half to even)
    with pytest.raises(ValueError, match="cannot be shown"):
        apportion([10.0, 10.0], 0, 50.0)


def test_score_parts_shares_out_the_parts_that_apply_to_the_score_shown() -> None:
    """1.005 and 2.005 shown alone are 1.00 and 2.00 (half to even of 100.5 and 200.5 hundredths), 3.00 beside the
    score 3.01: the missing hundredth goes to the earlier of the equal remainders; a part that does not apply (NaN)
    keeps no share; without a score, or without a part that applies, the parts are as they were."""
    shown = score_parts([1.005, math.nan, 2.005], 3.01)
    assert shown[0] == 1.01 and math.isnan(shown[1]) and shown[2] == 2.0
    assert score_parts([1.005, 2.005], None) == [1.005, 2.005]
    assert score_parts([1.005, 2.005], math.nan) == [1.005, 2.005]
    assert math.isnan(score_parts([math.nan], 0.0)[0])
