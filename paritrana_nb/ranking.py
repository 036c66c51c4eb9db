"""Final scores and ranks within each ranking group: finalists first by skor_akhir, then the rest by skor_dokumen.

Scores compare rounded to 4 decimals, ties go to the tie-break indicator, still-equal share a rank (1, 2, 2, 4).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .methodology import Methodology

DECIMALS = 4
TAHAP_DOKUMEN = "dokumen"
TAHAP_WAWANCARA = "wawancara"


def competition_ranks(group: np.ndarray, finalist: np.ndarray, score: np.ndarray, tie_break: np.ndarray,
                      order_key: np.ndarray) -> np.ndarray:
    """Shared ("1, 2, 2, 4") ranks within each group; NaN where `score` is NaN (not ranked).

    Order: finalists before the others, then `score` and `tie_break` (higher first, both rounded to
    DECIMALS, a missing tie-break value last). `order_key` (integers) only fixes the row order of equals.
    """
    ranks = np.full(len(score), np.nan)
    ranked = np.flatnonzero(~np.isnan(score))
    if not len(ranked):
        return ranks
    g = group[ranked]
    f = finalist[ranked].astype(bool)
    s = np.round(score[ranked], DECIMALS)
    tb = np.round(np.nan_to_num(tie_break[ranked], nan=-np.inf), DECIMALS)
    order = np.lexsort((order_key[ranked], -tb, -s, ~f, g))
    g, f, s, tb = g[order], f[order], s[order], tb[order]
    position = np.arange(len(order))
    new_group = np.r_[True, g[1:] != g[:-1]]
    new_key = new_group | np.r_[True, (f[1:] != f[:-1]) | (s[1:] != s[:-1]) | (tb[1:] != tb[:-1])]
    group_start = np.maximum.accumulate(np.where(new_group, position, 0))
    key_start = np.maximum.accumulate(np.where(new_key, position, 0))
    ranks[ranked[order]] = key_start - group_start + 1
    return ranks


def rank(peserta: pd.DataFrame, methodology: Methodology) -> pd.DataFrame:
    """Add `skor_akhir`, `tahap`, `peringkat` and `usulan_shortlist` to a participants table.

    Needs columns kategori, kelompok (ranking group within the category), skor_dokumen, skor_wawancara
    (NaN for non-finalists), finalis, n_tie_break and urutan_id (the participant's position in id order,
    which only orders rows of equal rank). A group with no interview score is in the desk stage
    (`dokumen`): everyone is ranked by skor_dokumen and ranks up to the category's shortlist size (ties
    included) are proposed.
    """
    out = peserta.copy()
    codes, names = pd.factorize(out["kategori"])
    categories = [methodology.kategori[name] for name in names]
    w_dokumen = np.array([c.stage_weights.dokumen for c in categories], dtype=np.float64)[codes]
    w_wawancara = np.array([c.stage_weights.wawancara for c in categories], dtype=np.float64)[codes]
    shortlist = np.array([c.shortlist_size for c in categories], dtype=np.float64)[codes]
    finalist = out["finalis"].to_numpy(dtype=bool)
    dokumen = out["skor_dokumen"].to_numpy(dtype=np.float64)
    final = np.where(finalist, w_dokumen * dokumen + w_wawancara * out["skor_wawancara"].to_numpy(dtype=np.float64),
                     np.nan)
    out["skor_akhir"] = final
    group = codes * (len(out) + 1) + pd.factorize(out["kelompok"])[0]
    interviewed = pd.Series(finalist).groupby(group).transform("any").to_numpy(dtype=bool)
    out["tahap"] = np.where(interviewed, TAHAP_WAWANCARA, TAHAP_DOKUMEN).astype(object)
    ranks = competition_ranks(group, finalist, np.where(finalist, final, dokumen),
                              out["n_tie_break"].to_numpy(dtype=np.float64), out["urutan_id"].to_numpy(dtype=np.int64))
    out["peringkat"] = pd.array(ranks, dtype="Int64")
    out["usulan_shortlist"] = ~interviewed & (ranks <= shortlist)
    return out
