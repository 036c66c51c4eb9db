"""Report table cells: numbers carry their exact value for sorting, missing numbers sort empty."""

from __future__ import annotations

import math

import numpy as np
import pytest

from paritrana_nb.report.tables import cell


def test_a_number_cell_sorts_by_its_exact_value() -> None:
    assert cell(1234.5678, "score", "id") == '<td class="num" data-value="1234.5678">1.234,57</td>'
    assert cell(np.int64(7), "int", "en") == '<td class="num" data-value="7.0">7</td>'
    assert cell("12", "int", "en") == '<td class="num" data-value="12.0">12</td>'


def test_a_missing_number_sorts_empty_and_shows_a_dash() -> None:
    for missing in (None, math.nan):
        assert cell(missing, "pct", "en") == '<td class="num" data-value="">–</td>'


def test_a_number_cell_refuses_what_is_not_a_number() -> None:
    with pytest.raises(TypeError, match="a rp cell holds"):
        cell(["61"], "rp", "en")
