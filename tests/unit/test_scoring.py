"""Goalpost normalisation, weights rescaled over applicable indicators, contributions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from paritrana_nb.methodology import GOALPOST_LIMIT, Indicator, Label
from paritrana_nb.scoring import desk_scores, normalise

NAN = float("nan")


def _indicator(id_: str, lo: float, hi: float, weight: float, direction: str = "higher") -> Indicator:
    return Indicator(id=id_, label=Label(id=id_, en=id_), direction=direction, goalposts=(lo, hi), weight=weight)


def test_normalise_inside_and_clipped() -> None:
    x = np.array([-5.0, 0.0, 25.0, 100.0, 140.0])
    assert normalise(x, 0, 100).tolist() == pytest.approx([0, 0, 25, 100, 100])
    # growth goalposts [-10, 10]: +5 pp -> 100 * (5 - -10) / 20
    assert normalise(np.array([5.0, -12.0, 12.0]), -10, 10).tolist() == pytest.approx([100 * 15 / 20, 0, 100])
    assert normalise(np.array([5.0]), 0, 20).tolist() == pytest.approx([100 * 5 / 20])


def test_normalise_lower_is_better() -> None:
    # n = 100 * (hi - clip(x)) / (hi - lo)
    x = np.array([-1.0, 0.0, 3.0, 12.0, 20.0])
    assert normalise(x, 0, 12, "lower").tolist() == pytest.approx([100, 100, 100 * (12 - 3) / 12, 0, 0])


def test_normalise_keeps_nan() -> None:
    assert math.isnan(normalise(np.array([NAN]), 0, 100)[0])


def test_all_applicable() -> None:
    inds = [_indicator("a", 0, 100, 30), _indicator("b", -10, 10, 20), _indicator("c", 0, 20, 50)]
    d = desk_scores(np.array([[50.0, 5.0, 30.0]]), inds)
    n1, n2, n3 = 50, 100 * 15 / 20, 100
    assert d.n[0].tolist() == pytest.approx([n1, n2, n3])
    assert d.skor[0] == pytest.approx((30 * n1 + 20 * n2 + 50 * n3) / 100)
    assert d.bobot_efektif[0].tolist() == pytest.approx([0.3, 0.2, 0.5])
    assert d.kontribusi[0].tolist() == pytest.approx([30 * n1 / 100, 20 * n2 / 100, 50 * n3 / 100])
    assert d.kontribusi[0].sum() == pytest.approx(d.skor[0])


def test_not_applicable_indicator_is_left_out_and_weights_rescaled() -> None:
    inds = [_indicator("a", 0, 100, 30), _indicator("b", 0, 100, 20), _indicator("c", 0, 100, 50)]
    d = desk_scores(np.array([[40.0, NAN, 80.0]]), inds)
    assert d.skor[0] == pytest.approx((30 * 40 + 50 * 80) / (30 + 50))
    assert d.berlaku[0].tolist() == [True, False, True]
    assert d.bobot_efektif[0].tolist() == pytest.approx([30 / 80, 0, 50 / 80])
    assert d.kontribusi[0].tolist() == pytest.approx([30 * 40 / 80, 0, 50 * 80 / 80])
    assert d.kontribusi[0].sum() == pytest.approx(d.skor[0])
    assert math.isnan(d.n[0, 1])
    assert d.bobot[0].tolist() == [30, 20, 50]


def test_no_applicable_indicator_is_not_scored() -> None:
    inds = [_indicator("a", 0, 100, 30), _indicator("b", 0, 100, 20)]
    d = desk_scores(np.array([[NAN, NAN], [10.0, 20.0]]), inds)
    assert math.isnan(d.skor[0])
    assert d.skor[1] == pytest.approx((30 * 10 + 20 * 20) / 50)
    assert d.bobot_efektif[0].tolist() == [0, 0] and d.kontribusi[0].tolist() == [0, 0]


def test_lower_direction_in_desk_score() -> None:
    inds = [_indicator("tunggakan", 0, 12, 1, "lower"), _indicator("b", 0, 100, 1)]
    d = desk_scores(np.array([[3.0, 60.0]]), inds)
    assert d.skor[0] == pytest.approx((100 * (12 - 3) / 12 + 60) / 2)


def test_normalise_computes_in_the_documented_order() -> None:
    # docs/methodology.md: (clip(x) - lo) * (100 / (hi - lo)); 100 * 2.3 / 20 would be 11.499999999999998
    assert normalise(np.array([2.3]), 0, 20).tolist() == [11.5]
    assert normalise(np.array([17.7]), 0, 20, "lower").tolist() == [(20 - 17.7) * (100 / 20)]
    x = np.random.default_rng(0).uniform(0, 100, 1000)
    assert (normalise(x, 0, 100) == x).all()  # the factor 1.0 is exact: n is x itself on [0, 100]


@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_every_raw_value_is_normalised_to_a_finite_value_within_goalposts_a_methodology_accepts(
    direction: str,
) -> None:
    """Goalposts [0, 1e-310] made 100 / (hi - lo) infinite: every normalised value was NaN, so a participant with
    values for every indicator was "tanpa_indikator_berlaku". The methodology refuses such spans; within the
    narrowest it accepts, any value but NaN (not applicable) gives a finite n and a desk score."""
    with pytest.raises(ValidationError, match="M_GOALPOST_SPAN"):
        _indicator("a", 0, 1e-310, 1, direction)
    narrowest = GOALPOST_LIMIT / 1e6  # docs/methodology.md: a millionth of the larger of 1 and the goalposts' sizes
    goalposts = [
        (0, 1e-6),
        (-GOALPOST_LIMIT, -GOALPOST_LIMIT + narrowest),
        (GOALPOST_LIMIT - narrowest, GOALPOST_LIMIT),
        (-GOALPOST_LIMIT, GOALPOST_LIMIT),
    ]
    inds = [_indicator(f"i{k}", lo, hi, 1, direction) for k, (lo, hi) in enumerate(goalposts)]
    raw = np.array([-math.inf, -1e308, -GOALPOST_LIMIT, -5e-324, 0.0, 5e-324, GOALPOST_LIMIT, 1e308, math.inf])
    d = desk_scores(np.repeat(raw[:, None], len(inds), axis=1), inds)
    assert np.isfinite(d.n).all() and np.isfinite(d.skor).all()
    assert ((d.n >= 0) & (d.n <= 100)).all()
