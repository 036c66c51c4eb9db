"""Desk-stage arithmetic: goalpost normalisation, weights rescaled over applicable indicators, contributions.

Works on one category's matrix of raw values (participants x indicators) where NaN means not applicable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .methodology import Indicator


def normalise(values: np.ndarray, lo: float, hi: float, direction: str = "higher") -> np.ndarray:
    """Goalpost normalisation to 0-100: `(clip(x, lo, hi) - lo) * (100 / (hi - lo))`, reversed for `lower` (this order
    of operations is documented: the ranks compare rounded scores, where the last bit can decide)."""
    clipped = np.clip(np.asarray(values, dtype=np.float64), lo, hi)
    scale = 100 / (hi - lo)  # one exact factor for the usual goalposts: n == x for [0, 100]
    distance = hi - clipped if direction == "lower" else clipped - lo
    return np.clip(distance * scale, 0.0, 100.0)  # the clip only absorbs floating-point rounding


@dataclass(frozen=True)
class DeskScores:
    """Per participant (rows) and indicator (columns): normalised values, effective weights, contributions.

    `bobot_efektif` = w / sum(w over applicable indicators) (0 where not applicable), `kontribusi` =
    bobot_efektif * n, and `skor` = sum(w * n) / sum(w) over applicable indicators (NaN when none applies).
    """

    n: np.ndarray
    berlaku: np.ndarray
    bobot: np.ndarray
    bobot_efektif: np.ndarray
    kontribusi: np.ndarray
    skor: np.ndarray


def desk_scores(values: np.ndarray, indicators: Sequence[Indicator]) -> DeskScores:
    """Desk scores (0-100) of a participants x indicators matrix of raw values, NaN = not applicable."""
    raw = np.asarray(values, dtype=np.float64).reshape(-1, len(indicators))
    n = np.column_stack([normalise(raw[:, j], ind.lo, ind.hi, ind.direction) for j, ind in enumerate(indicators)])
    berlaku = ~np.isnan(raw)
    bobot = np.array([ind.weight for ind in indicators], dtype=np.float64)
    weights = np.where(berlaku, bobot, 0.0)
    total = weights.sum(axis=1)
    scored = total > 0
    safe_total = np.where(scored, total, 1.0)[:, None]
    weighted = np.where(berlaku, weights * n, 0.0)
    skor = np.where(scored, np.clip(weighted.sum(axis=1) / safe_total[:, 0], 0.0, 100.0), np.nan)
    bobot_efektif = weights / safe_total
    return DeskScores(
        n=np.where(berlaku, n, np.nan),
        berlaku=berlaku,
        bobot=np.broadcast_to(bobot, raw.shape),
        bobot_efektif=bobot_efektif,
        kontribusi=weighted / safe_total,
        skor=skor,
    )
