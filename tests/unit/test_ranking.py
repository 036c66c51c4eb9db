"""Final scores and ranks: finalists first, comparison at the methodology's decimals, tie-break, shared ranks,
shortlist."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from paritrana_nb.methodology import Methodology, parse_methodology
from paritrana_nb.ranking import RankRule, competition_ranks, rank
from scoring_fixtures import methodology_data, methodology_with

NAN = float("nan")


def _ranks(
    scores: list[float],
    tie_break: list[float] | None = None,
    finalist: list[bool] | None = None,
    group: list[object] | None = None,
    decimals: int = 4,
) -> list[float]:
    n = len(scores)
    return competition_ranks(
        np.array(group or [0] * n, dtype=object),
        np.array(finalist or [False] * n),
        np.array(scores, float),
        np.array(tie_break or [0.0] * n, float),
        RankRule(decimals),
    ).tolist()


def test_shared_ranks_skip_the_next() -> None:
    assert _ranks([90, 80, 80, 70]) == [1, 2, 2, 4]
    assert _ranks([70, 80, 90, 80]) == [4, 2, 1, 2]


def test_scores_compare_rounded_to_four_decimals() -> None:
    # 80.00001 and 80.00002 round to 80.0 -> equal; 80.0001 and 80.0002 differ
    assert _ranks([80.00001, 80.00002]) == [1, 1]
    assert _ranks([80.0001, 80.0002]) == [2, 1]


def test_tie_break_orders_equal_scores() -> None:
    assert _ranks([80, 80, 80], tie_break=[50, 70, 50]) == [2, 1, 2]
    # a missing tie-break value comes last
    assert _ranks([80, 80], tie_break=[NAN, 10]) == [2, 1]


def test_finalists_rank_before_non_finalists() -> None:
    assert _ranks([60, 95, 70], finalist=[True, False, True]) == [2, 3, 1]


def test_groups_rank_separately_and_unscored_have_no_rank() -> None:
    out = _ranks([50, 60, NAN, 10], group=[1, 2, 1, 1])
    assert out[:2] == [1, 1] and np.isnan(out[2]) and out[3] == 2
    # any labels (province codes, zones, `nasional`), in any row order
    assert _ranks([10, 90, 50, 70, 70], group=["Sumatera", "61", "Sumatera", "nasional", "61"]) == [2, 1, 1, 1, 2]


def test_decimals_come_from_the_rule() -> None:
    # 80.004 and 80.001 are equal at 2 decimals: the tie-break decides; at 3 decimals the score does
    assert _ranks([80.004, 80.001], tie_break=[10, 20], decimals=2) == [2, 1]
    assert _ranks([80.004, 80.001], tie_break=[10, 20], decimals=3) == [1, 2]
    # tie-break values compare at the same decimals: 10.004 and 10.001 equal at 2 -> shared rank
    assert _ranks([80, 80], tie_break=[10.004, 10.001], decimals=2) == [1, 1]
    assert _ranks([80.4, 79.6], decimals=0) == [1, 1]


def test_one_key_orders_like_the_rank_rule() -> None:
    rule = RankRule(4)
    finalist = np.array([False, True, False, False])
    keys = rule.keys(
        np.zeros(4, dtype=np.int64), finalist, np.array([90.0, 10.0, 90.0, NAN]), np.array([50.0, 0.0, NAN, 100.0])
    )
    # the finalist first, then 90 with a tie-break value, then 90 without one, then no score at all
    assert np.argsort(keys).tolist() == [1, 0, 2, 3]
    assert rule.ahead(
        np.array([False]), np.array([70.00004]), np.array([60.0]), np.array([False]), np.array([70.0]), np.array([50.0])
    ).tolist() == [True]
    assert rule.ahead(
        np.array([False]), np.array([99.0]), np.array([60.0]), np.array([True]), np.array([1.0]), np.array([50.0])
    ).tolist() == [False]


def _layout_keys(rule: RankRule, rng: np.random.Generator, sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Base keys and group starts of groups of `sizes` columns, laid out group by group, with tied tie-break
    values, missing ones and finalists."""
    group = np.repeat(np.arange(len(sizes)), sizes)
    finalist = rng.random(len(group)) < 0.2
    tie_break = rng.choice([NAN, 10.0, 10.00004, 55.5, 100.0], size=len(group))
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    return rule.base_keys(group, finalist, tie_break), np.repeat(starts, sizes)


@pytest.mark.parametrize("decimals", [0, 2, 4])
def test_packed_keys_rank_like_the_argsort(decimals: int) -> None:
    rule = RankRule(decimals)
    rng = np.random.default_rng(7)
    base, group_start = _layout_keys(rule, rng, [1, 5, 40, 17])
    packed = rule.packed(base)
    assert packed is not None
    # draws x columns: scores with ties at the rule's decimals, 0 and 100, and missing scores
    scores = rng.choice([NAN, 0.0, 37.5, 37.50004, 37.6, 80.0, 100.0], size=(30, len(base)))
    points = rule.points(scores)
    expected = RankRule.ranks(base - points * rule.slots, group_start, np.int32)
    assert np.array_equal(packed.ranks(packed.keys(points.copy()), group_start, np.int32), expected)
    one_row = packed.ranks(packed.keys(points[3].copy()), group_start, np.int32)  # a single ranking, 1-D
    assert np.array_equal(one_row, expected[3])
    # by hand: one group of four, no finalist, tie-break values equal: 80, 80, missing, 90 -> 2, 2, 4, 1
    lone = rule.base_keys(np.zeros(4, np.int64), np.zeros(4, bool), np.full(4, 50.0))
    four = rule.packed(lone)
    assert four is not None
    ranks = four.ranks(four.keys(rule.points(np.array([[80.0, 80.0, NAN, 90.0]]))), np.zeros(4, np.int64), np.int16)
    assert ranks.tolist() == [[2, 2, 4, 1]] and ranks.dtype == np.int16


def test_packed_keys_that_do_not_fit_are_refused() -> None:
    # 7 decimals: about 2**30 score points; 2**17 columns with as many tie-break values: 2**64 with the columns
    rule = RankRule(7)
    width = 1 << 17
    tie_break = np.random.default_rng(1).permutation(width) * (100 / width)
    base = rule.base_keys(np.zeros(width, np.int64), np.zeros(width, bool), tie_break)
    assert rule.packed(base) is None
    assert rule.packed(base[: width // 4]) is not None  # 2**15 columns and values: 2**60
    assert RankRule(4).packed(np.zeros(0, dtype=np.int64)) is None


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["kategori", "kelompok", "id_peserta", "skor_dokumen", "skor_wawancara", "n_tie_break"]
    )
    frame["finalis"] = frame["skor_wawancara"].notna()
    frame["urutan_id"] = frame.groupby("kategori").cumcount()
    return frame


def test_rank_final_score_stage_and_order(default_methodology: Methodology) -> None:
    frame = _frame(
        [
            ("pemda", "61", "61.01", 59.0, 230 / 3, 50.0),
            ("pemda", "61", "61.02", 73.75, 130 / 3, 60.0),
            ("pemda", "61", "61.03", 6500 / 85, NAN, 100.0),
            ("pemda", "62", "62.01", 50.0, NAN, 50.0),
        ]
    )
    out = rank(frame, default_methodology).set_index("id_peserta")
    assert out.loc["61.01", "skor_akhir"] == pytest.approx(0.7 * 59.0 + 0.3 * 230 / 3)
    assert out.loc["61.02", "skor_akhir"] == pytest.approx(0.7 * 73.75 + 0.3 * 130 / 3)
    assert np.isnan(out.loc["61.03", "skor_akhir"])
    assert out["skor_peringkat"].tolist() == pytest.approx(
        [out.loc["61.01", "skor_akhir"], out.loc["61.02", "skor_akhir"], 6500 / 85, 50.0]
    )
    assert out["peringkat"].tolist() == [2, 1, 3, 1]
    assert out["tahap"].tolist() == ["wawancara", "wawancara", "wawancara", "dokumen"]
    assert out["usulan_shortlist"].tolist() == [False, False, False, True]


def test_rank_leaves_the_table_it_is_given_as_it_was(default_methodology: Methodology) -> None:
    """`rank` adds its columns to a shallow copy: the caller's table keeps its columns and values."""
    frame = _frame([("pemda", "61", "61.01", 59.0, 70.0, 50.0), ("pemda", "61", "61.02", 73.75, NAN, 60.0)])
    before = frame.copy()
    out = rank(frame, default_methodology)
    pd.testing.assert_frame_equal(frame, before)
    assert "peringkat" in out and "peringkat" not in frame


def test_desk_stage_shortlist_includes_ties_at_the_cut() -> None:
    data = methodology_data()["kategori"]["desa"]
    data["shortlist_size"] = 2
    methodology = methodology_with({"desa": data})
    frame = _frame([("desa", "61", f"d{i}", s, NAN, 0.0) for i, s in enumerate([90, 80, 80, 70, NAN])])
    out = rank(frame, methodology)
    assert out["peringkat"].tolist()[:4] == [1, 2, 2, 4] and out["peringkat"].isna().tolist()[4]
    assert out["usulan_shortlist"].tolist() == [True, True, True, False, False]


def test_stage_weights_come_from_the_methodology() -> None:
    data = methodology_data()["kategori"]["pemda"]
    data["stage_weights"] = {"dokumen": 0.5, "wawancara": 0.5}
    out = rank(_frame([("pemda", "61", "61.01", 60.0, 80.0, 1.0)]), methodology_with({"pemda": data}))
    assert out["skor_akhir"].tolist() == pytest.approx([0.5 * 60 + 0.5 * 80])


def test_the_methodology_sets_the_decimals(default_methodology: Methodology) -> None:
    frame = _frame([("desa", "61", "a", 80.004, NAN, 10.0), ("desa", "61", "b", 80.001, NAN, 20.0)])
    assert rank(frame, default_methodology)["peringkat"].tolist() == [1, 2]  # 80.0040 > 80.0010
    data = methodology_data()
    data["aturan"]["desimal"] = 2  # 80.00 = 80.00: the tie-break (20 > 10) decides
    assert rank(frame, parse_methodology(data))["peringkat"].tolist() == [2, 1]


def test_rounding_is_half_to_even_of_the_scaled_double_as_documented() -> None:
    # docs/methodology.md, `desimal`: rint(value * 10**desimal); Python's round(2.675, 2) is 2.67, here 2.68
    assert _ranks([2.675, 2.68, 2.67], decimals=2) == [1, 1, 3]
    # 0.5 counts as 0, 1.4 as 1, 1.5 and 2.5 both as 2 (half to even)
    assert _ranks([0.5, 1.4, 1.5, 2.5], decimals=0) == [4, 3, 1, 1]
    # a missing tie-break value comes after those present
    assert _ranks([50.0, 50.0, 50.0], tie_break=[NAN, 10.0, 0.0]) == [3, 1, 2]


def test_a_category_that_weighs_no_interview_proposes_its_shortlist_as_every_desk_stage_group() -> None:
    """Its desk stage is its last, and its first `shortlist_size` ranks are its proposed shortlist, as the contract
    has every group without interview data mark them (issue 3: "the top 5 (shortlist size) are marked as the proposed
    shortlist"); its stage weights change no rank."""
    data = methodology_data()["kategori"]["desa"]
    data["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    data["shortlist_size"] = 2
    methodology = methodology_with({"desa": data})
    frame = _frame(
        [("desa", "61", f"d{i}", s, NAN, 0.0) for i, s in enumerate([90, 80, 70])]
        + [("pemda", "61", "61.01", 50.0, NAN, 0.0)]
    )
    out = rank(frame, methodology)
    assert out["peringkat"].tolist() == [1, 2, 3, 1]
    assert out["tahap"].tolist() == ["dokumen"] * 4
    assert out["usulan_shortlist"].tolist() == [True, True, False, True]
