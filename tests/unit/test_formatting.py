"""Report number formats in both languages."""

from __future__ import annotations

import math

from paritrana_nb.formatting import number, percent, points, rupiah, score


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
