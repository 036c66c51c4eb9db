"""Jury reliability: Kendall's W and ICC(2,k) against worked examples, the missing-cell rule, flagged jurors,
rank changes when a juror is left out (trimming re-applied), and `paritrana jury`."""

from __future__ import annotations

import csv
import itertools
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from conftest import write_season
from paritrana_nb.cli import main
from paritrana_nb.engine import score_season
from paritrana_nb.messages import t
from paritrana_nb.methodology import Methodology
from paritrana_nb.reliability import (
    COLUMNS,
    complete_block,
    csv_text,
    icc2k,
    juror_agreement,
    jury_reliability,
    kendalls_w,
)
from scoring_fixtures import PROJECT, season_from, tables_with_interviews

PARAMS = PROJECT / "params"
ASPECTS = ("inovasi", "sinergi", "presentasi")

# Shrout & Fleiss (1979), Psychological Bulletin 86(2), Table 2: 6 targets (rows) x 4 judges (columns).
SHROUT_FLEISS = np.array(
    [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], dtype=float
)
# pingouin's 'icc' dataset (from real-statistics.com): 8 wines (rows) x judges A-D (columns).
WINES = np.array(
    [[1, 2, 0, 1], [1, 3, 3, 2], [3, 8, 1, 4], [6, 4, 3, 3], [6, 5, 5, 6], [7, 5, 6, 2], [8, 7, 7, 9], [9, 9, 9, 8]],
    dtype=float,
)


def test_icc2k_shrout_fleiss_table_2() -> None:
    icc, low, high = icc2k(SHROUT_FLEISS)
    # Shrout & Fleiss report ICC(2,4) = .62; psych::ICC prints its 95 % interval as [0.071, 0.93] (pingouin agrees).
    assert round(icc, 2) == 0.62
    assert (round(low, 3), round(high, 2)) == (0.071, 0.93)


def test_icc2k_pingouin_wine_example() -> None:
    # pingouin.intraclass_corr on its 'icc' dataset, row ICC2k: 0.91, CI95% [0.75, 0.98] (same as psych::ICC).
    icc, low, high = icc2k(WINES)
    assert (round(icc, 2), round(low, 2), round(high, 2)) == (0.91, 0.75, 0.98)


def test_icc2k_perfect_agreement_and_no_variation() -> None:
    same = np.array([[60.0, 60.0], [70.0, 70.0], [80.0, 80.0]])
    assert icc2k(same)[0] == pytest.approx(1.0)
    assert all(np.isnan(icc2k(np.full((3, 3), 70.0))))


def test_icc2k_when_each_juror_gives_every_finalist_one_score() -> None:
    # No variation between finalists and no residual: ICC(2,k) = (0 - 0) / (0 + MSC / n) = 0, and the interval's
    # Satterthwaite degrees of freedom are 0 / 0 (this used to raise ZeroDivisionError).
    alike = np.array([[80.0, 70.0, 75.0], [80.0, 70.0, 75.0], [80.0, 70.0, 75.0]])
    icc, low, high = icc2k(alike)
    assert icc == 0.0 and np.isnan(low) and np.isnan(high)


def test_icc2k_bound_with_an_infinite_f_quantile_is_empty_without_a_warning() -> None:
    # ICC(2,1) = -0.225 here gives Satterthwaite degrees of freedom of 0.0056: the upper F quantile is infinite, so
    # the lower bound is inf / inf. It used to come out NaN with "RuntimeWarning: invalid value encountered in
    # scalar divide" printed by `paritrana jury`; the upper bound is what psych::ICC and pingouin give.
    scores = np.array([[64.0, 80.0, 82.0], [73.0, 71.0, 86.0], [72.0, 79.0, 77.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        icc, low, high = icc2k(scores)
    assert icc == pytest.approx(-1.2315789, abs=1e-6) and np.isnan(low) and high == pytest.approx(-1.3447725, abs=1e-6)


def test_kendalls_w_worked_examples() -> None:
    # ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1": competitors X, Y, Z ranked by
    # judges A-D; S = 2, W = 12 * 2 / (4^2 * 3 * (3^2 - 1)) = 1/16.
    assert kendalls_w(np.array([[1, 1, 2, 3], [3, 2, 3, 1], [2, 3, 1, 2]], dtype=float)) == pytest.approx(1 / 16)
    # Three judges rank six objects; rank sums 8, 14, 11, 11, 11, 8 around their mean 10.5 give S = 25.5 and
    # W = 12 * 25.5 / (3^2 * (6^3 - 6)) = 306 / 1890.
    judges = np.array([[1, 6, 3, 2, 5, 4], [1, 5, 6, 4, 2, 3], [6, 3, 2, 5, 4, 1]], dtype=float).T
    assert kendalls_w(judges) == pytest.approx(306 / 1890)
    # Scores instead of ranks: each juror's scores are ranked, so any increasing transformation gives the same W.
    assert kendalls_w(judges * 10 + 20) == pytest.approx(306 / 1890)


def test_kendalls_w_with_ties_is_friedmans_chi_square_over_m_n_minus_1() -> None:
    # Shrout & Fleiss's judges 1 and 4 give tied scores; scipy's Friedman test carries the same tie correction.
    n, m = SHROUT_FLEISS.shape
    chi2 = stats.friedmanchisquare(*SHROUT_FLEISS).statistic
    assert kendalls_w(SHROUT_FLEISS) == pytest.approx(chi2 / (m * (n - 1)))
    assert kendalls_w(np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])) == pytest.approx(1.0)
    assert np.isnan(kendalls_w(np.full((3, 3), 50.0)))


def test_missing_cells_keep_the_larger_complete_block() -> None:
    nan = np.nan
    # One juror missed one finalist: dropping that juror keeps 4 x 3 = 12 cells, dropping the finalist 3 x 4 = 12;
    # a tie keeps every finalist.
    one_gap = np.array([[80, 70, 75, 90], [60, 65, nan, 70], [90, 85, 80, 95], [70, 60, 65, 75]], dtype=float)
    assert complete_block(one_gap).tolist() == one_gap[:, [0, 1, 3]].tolist()
    assert kendalls_w(one_gap) == kendalls_w(one_gap[:, [0, 1, 3]])
    assert icc2k(one_gap) == icc2k(one_gap[:, [0, 1, 3]])
    # Two jurors missed the same finalist: dropping them keeps 4 x 2 = 8 cells, dropping the finalist 3 x 4 = 12.
    two_gaps = one_gap.copy()
    two_gaps[1, 0] = nan
    assert complete_block(two_gaps).tolist() == two_gaps[[0, 2, 3], :].tolist()
    # A juror who scored nobody is ignored; fewer than 2 finalists or 2 jurors leave nothing.
    empty_juror = np.c_[one_gap[:, [0, 1, 3]], np.full(4, nan)]
    assert complete_block(empty_juror).tolist() == one_gap[:, [0, 1, 3]].tolist()
    assert complete_block(np.array([[80.0, 70.0]])) is None
    assert complete_block(np.array([[80.0, nan], [nan, 70.0]])) is None
    assert np.isnan(kendalls_w(np.array([[80.0], [70.0]]))) and all(np.isnan(icc2k(np.array([[80.0], [70.0]]))))


def test_missing_cells_keep_the_largest_complete_block_even_when_every_juror_missed_someone() -> None:
    nan = np.nan
    # Each of five jurors stepped aside for one of six finalists (their own region, say): no juror scored everyone
    # and only the last finalist had every juror, yet finalists 4-6 x jurors 1-3 (or 1-3 x 4-5 and others) are
    # complete. The largest has 3 x 3 = 9 cells (3 x 2 and 2 x 3 blocks have 6): the most finalists, then the
    # jurors that come first.
    scores = np.array(
        [[nan, 71, 75, 64, 80], [68, nan, 77, 61, 83], [72, 70, nan, 66, 81], [75, 74, 79, nan, 85],
         [62, 60, 66, 58, nan], [70, 69, 73, 63, 78]]
    )  # fmt: skip
    assert complete_block(scores).tolist() == scores[np.ix_([3, 4, 5], [0, 1, 2])].tolist()
    assert kendalls_w(scores) == pytest.approx(1.0)  # the three jurors order finalists 4, 6, 5 alike
    assert icc2k(scores)[0] == icc2k(scores[np.ix_([3, 4, 5], [0, 1, 2])])[0] > 0.9
    # Ten finalists x ten jurors: juror 1 scored only the last five finalists and juror 2 missed the first one.
    # Dropping every juror with a gap keeps 10 x 8 = 80 cells, every finalist with a gap 4 x 10 = 40; dropping
    # juror 1 and the first finalist keeps 9 x 9 = 81.
    wide = np.arange(100, dtype=float).reshape(10, 10)
    wide[:5, 0] = nan
    wide[0, 1] = nan
    assert complete_block(wide).tolist() == wide[1:, 1:].tolist()


def test_juror_agreement_by_hand() -> None:
    matrix = np.array([[80, 70, 60], [70, 60, np.nan], [60, 65, 50], [50, 40, 45]], dtype=float)
    deviasi, korelasi, dinilai = juror_agreement(matrix)
    # juror 3 against the mean of the others on the three finalists it scored: 60-75, 50-62.5, 45-45
    assert deviasi[2] == pytest.approx((-15 - 12.5 + 0) / 3)
    # juror 1: 80-65, 70-60, 60-57.5, 50-42.5
    assert deviasi[0] == pytest.approx((15 + 10 + 2.5 + 7.5) / 4)
    assert korelasi[0] == pytest.approx(1.0)
    assert korelasi[1] == pytest.approx(stats.spearmanr([70, 60, 65, 40], [70, 70, 55, 47.5]).statistic)
    assert dinilai.tolist() == [4, 4, 3]
    # fewer than three shared finalists: no correlation
    assert np.isnan(juror_agreement(matrix[:2])[1]).all()


def test_juror_agreement_keeps_the_others_ties() -> None:
    # juror 1 scores the second and third finalists alike (70.67, aspect means of 3): a total less juror 2's score
    # gave 70.66666666666669 against 70.66666666666667, a tie broken, and juror 2 a correlation of 1
    matrix = np.array([[238 / 3, 85], [212 / 3, 75], [212 / 3, 224 / 3], [78, 84], [np.nan, 75]], dtype=float)
    deviasi, korelasi, dinilai = juror_agreement(matrix)
    expected = stats.spearmanr(matrix[:4, 0], matrix[:4, 1]).statistic
    assert expected < 1
    assert korelasi[0] == korelasi[1] == pytest.approx(expected)
    assert deviasi[1] == -deviasi[0]
    assert dinilai.tolist() == [4, 5]


def _rows(
    scores: dict[str, dict[str, float]], bonus: dict[tuple[str, str], float] | None = None, spread: float = 1.0
) -> list[tuple[str, str, str, str, float]]:
    """pemda interview rows: juror j gives participant p the aspect scores v-spread, v, v+spread (mean v)."""
    bonus = bonus or {}
    return [
        ("pemda", peserta, juri, aspek, value + bonus.get((juri, peserta), 0.0) + spread * (i - 1))
        for peserta, by_juror in scores.items()
        for juri, value in by_juror.items()
        for i, aspek in enumerate(ASPECTS)
    ]


def _reliability(
    tmp_path: Path,
    rows: list[tuple[str, str, str, str, float]],
    methodology: Methodology,
) -> pd.DataFrame:
    season = season_from(tables_with_interviews(rows), tmp_path / "data")
    table = jury_reliability(season, methodology, score_season(season, methodology))
    assert list(table.columns) == list(COLUMNS)
    return table.set_index("juri")


# Four pemda finalists in province 61 (desk scores 76.47, 73.75, 59, 42.5), base interview scores 5 points apart
# in the same order; five jurors with offsets -2, -1, 0, +2, +1.
BASE = {"61.03": 80.0, "61.02": 75.0, "61.01": 70.0, "61.71": 65.0}
OFFSETS = {"J1": -2.0, "J2": -1.0, "J3": 0.0, "J4": 2.0, "J5": 1.0}


def test_a_juror_adding_30_to_one_participant_is_flagged(tmp_path: Path, default_methodology: Methodology) -> None:
    scores = {p: {j: v + o for j, o in OFFSETS.items()} for p, v in BASE.items()}
    table = _reliability(tmp_path, _rows(scores, bonus={("J5", "61.71"): 30.0}), default_methodology)
    assert table.index.tolist() == ["J1", "J2", "J3", "J4", "J5"]
    # J5 puts the last finalist first: ranks 1,2,3,4 against the others' 2,3,4,1 -> rho = 1 - 6*12/60 = -0.2;
    # deviation: +1.25 on three finalists, 96 - 64.75 = +31.25 on the fourth -> 35/4 = 8.75 (not above 10).
    j5 = table.loc["J5"]
    assert j5["korelasi"] == pytest.approx(-0.2) and j5["deviasi"] == pytest.approx(8.75)
    assert bool(j5["ditandai"]) and j5["alasan_tanda"] == "korelasi"
    # 5 jurors: the +30 is trimmed away, so leaving anyone out moves no rank.
    assert table["perubahan_peringkat_maks"].tolist() == [0] * 5 and not table["podium_berubah"].any()
    # J1: the others' mean on 61.71 is 65 + 0.5 + 30/4 = 73, between 61.01 and 61.02 -> rho = 1 - 6*2/60 = 0.8
    assert table.loc["J1", "korelasi"] == pytest.approx(0.8)
    assert table.loc["J1", "deviasi"] == pytest.approx((-2.5 * 3 - 10) / 4)
    assert not table.loc[["J1", "J2", "J3", "J4"], "ditandai"].any()
    assert table.loc[["J1", "J2", "J3", "J4"], "alasan_tanda"].isna().all()
    # W and ICC(2,k) are the group's, on the jurors' aspect means, repeated on every row
    matrix = np.array(
        [[scores[p][j] + (30.0 if (j, p) == ("J5", "61.71") else 0.0) for j in OFFSETS] for p in sorted(BASE)]
    )
    assert table["kendall_w"].tolist() == pytest.approx([kendalls_w(matrix)] * 5)
    assert table["icc2k"].tolist() == pytest.approx([icc2k(matrix)[0]] * 5)
    assert table["icc2k_lo"].iloc[0] == pytest.approx(icc2k(matrix)[1])
    assert set(table["kategori"]) == {"pemda"} and set(table["kode_provinsi"]) == {"61"}
    assert table["jumlah_finalis"].tolist() == [4] * 5 and table["jumlah_juri"].tolist() == [5] * 5
    # the honest panel: nobody flagged
    honest = _reliability(tmp_path / "honest", _rows(scores), default_methodology)
    assert not honest["ditandai"].any()


# Two pemda finalists: 61.01 (desk 59.0, final 41.3 + 0.3 I) and 61.02 (desk 73.75, final 51.625 + 0.3 I).
# Every juror gives 61.02 a 50 (final 66.625); 61.01 leads only while its interview score is above 84.42.
TINY = {
    "61.01": {"J1": 100.0, "J2": 90.0, "J3": 90.0, "J4": 30.0},
    "61.02": {"J1": 50.0, "J2": 50.0, "J3": 50.0, "J4": 50.0},
}


def test_rank_change_reapplies_trimming_to_the_remaining_jurors(
    tmp_path: Path, default_methodology: Methodology
) -> None:
    rows = _rows(TINY, spread=0.0)
    table = _reliability(tmp_path, rows, default_methodology)
    # All four: trimmed mean of 90, 90 = 90 -> 61.01 first (68.3 vs 66.625).
    # Without J1: three jurors, no trimming: (90 + 90 + 30) / 3 = 70 -> 62.3, 61.01 drops to 2 (dropping J1 from
    #   the trimmed mean instead would have kept 90 and no change).
    # Without J2 or J3: (100 + 90 + 30) / 3 = 73.3 -> 63.3, 61.01 drops to 2.
    # Without J4: (100 + 90 + 90) / 3 = 93.3 -> 69.3, 61.01 stays first.
    assert table["perubahan_peringkat_maks"].to_dict() == {"J1": 1, "J2": 1, "J3": 1, "J4": 0}
    assert table["podium_berubah"].to_dict() == {"J1": True, "J2": True, "J3": True, "J4": False}
    assert table.loc["J1", "alasan_tanda"].split("; ")[-1] == "podium"
    # J4: 30 against 93.3 on 61.01, 50 against 50 on 61.02
    assert table.loc["J4", "deviasi"] == pytest.approx((30 - 280 / 3) / 2)
    assert table.loc["J4", "alasan_tanda"] == "deviasi"
    assert np.isnan(table["korelasi"]).all()  # two finalists: no correlation
    # the engine, run on the season without J1, agrees
    without = season_from(tables_with_interviews([r for r in rows if r[2] != "J1"]), tmp_path / "without")
    ranks = score_season(without, default_methodology).peserta.set_index("id_peserta")["peringkat"]
    assert (ranks["61.01"], ranks["61.02"]) == (2, 1)


def test_a_groups_only_juror_is_not_flagged_for_the_podium(tmp_path: Path, default_methodology: Methodology) -> None:
    """Without a group's only juror there is no interview score at all: the podium 'changed' (61.01 led on its
    interview, 61.02 leads on the desk alone) and the juror was always flagged `podium`, which said nothing."""
    rows = _rows({"61.01": {"J1": 100.0}, "61.02": {"J1": 50.0}}, spread=0.0)
    table = _reliability(tmp_path, rows, default_methodology)
    assert table.index.tolist() == ["J1"] and table["jumlah_juri"].tolist() == [1]
    j1 = table.loc["J1"]
    assert not j1["ditandai"] and j1["alasan_tanda"] is None and not j1["podium_berubah"]
    assert j1["perubahan_peringkat_maks"] is pd.NA  # no rank to compare with: missing, not 0 or 1
    written = next(csv.DictReader(csv_text(table.reset_index()[list(COLUMNS)]).splitlines()))
    flags = ("perubahan_peringkat_maks", "ditandai", "podium_berubah", "alasan_tanda")
    assert [written[c] for c in flags] == ["", "false", "false", ""]
    # a second juror: leaving either out is a comparison again
    two = _reliability(tmp_path / "two", _rows(TINY, spread=0.0), default_methodology)
    assert two["podium_berubah"].any() and two["perubahan_peringkat_maks"].notna().all()


def test_finalists_scored_alike_by_each_juror_give_rows_not_an_error(
    tmp_path: Path, default_methodology: Methodology
) -> None:
    alike = {"J1": 80.0, "J2": 70.0, "J3": 75.0}
    table = _reliability(tmp_path, _rows({"61.01": alike, "61.02": alike}, spread=0.0), default_methodology)
    assert table["icc2k"].tolist() == [0.0] * 3
    assert table["icc2k_lo"].isna().all() and table["icc2k_hi"].isna().all()
    assert table["deviasi"].to_dict() == pytest.approx({"J1": 7.5, "J2": -7.5, "J3": 0.0})


def test_groups_without_interviews_give_no_rows(tmp_path: Path, default_methodology: Methodology) -> None:
    season = season_from(tables_with_interviews(_rows(TINY, spread=0.0)), tmp_path / "data")
    methodology = default_methodology
    scores = score_season(season, methodology)
    assert len(jury_reliability(season, methodology, scores, provinces=["61"])) == 4
    empty = jury_reliability(season, methodology, scores, provinces=["62"])
    assert empty.empty and list(empty.columns) == list(COLUMNS)


def test_a_groups_rows_depend_on_its_own_interviews_alone(tmp_path: Path, default_methodology: Methodology) -> None:
    """The rows of the pemda group of province 61 are the same to the last byte whether the file holds its
    interviews alone or the villages' too. pandas' grouped mean of the same values changes in its last digits with
    the number of groups in the frame: a seeded search picks scores for which it does."""
    keys = ["kategori", "id_peserta", "juri"]
    villages = [
        ("desa", desa, f"D{j}", aspek, 70.0)
        for desa in ("61.01.01.2001", "61.02.01.2002", "61.03.01.2007", "61.71.01.1002")
        for j in range(10)
        for aspek in default_methodology.kategori["desa"].aspect_ids
    ]

    def scored(seed: int) -> list[tuple[str, str, str, str, float]]:
        rng = np.random.default_rng(seed)
        return [
            ("pemda", peserta, juri, aspek, float(rng.integers(4000, 10000)) / 100)
            for peserta in ("61.01", "61.02", "61.03")
            for juri in ("J1", "J2", "J3")
            for aspek in ASPECTS
        ]

    def grouped(rows: list[tuple[str, str, str, str, float]]) -> pd.Series:
        return pd.DataFrame(rows, columns=[*keys, "aspek", "nilai"]).groupby(keys)["nilai"].mean()

    def differs(seed: int) -> bool:  # pandas' grouped mean of the group's scores, alone and with the villages'
        return not grouped(scored(seed)).equals(grouped(scored(seed) + villages).loc[["pemda"]])

    own = scored(next((seed for seed in range(100) if differs(seed)), 0))  # (pandas 3.1: seed 0 already differs)

    def pemda_csv(rows: list[tuple[str, str, str, str, float]], folder: str) -> str:
        season = season_from(tables_with_interviews(rows), tmp_path / folder)
        table = jury_reliability(season, default_methodology, score_season(season, default_methodology))
        return csv_text(table[table["kategori"] == "pemda"].reset_index(drop=True))

    alone = pemda_csv(own, "alone")
    assert alone.count("\n") == 4  # the header and the group's three jurors
    assert pemda_csv(own + villages, "crowded") == alone


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_cli_jury_writes_identical_csv_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_season(tmp_path / "data", tables_with_interviews(_rows(TINY, spread=0.0)))
    args = [
        "jury",
        "--season",
        "2025",
        "--data-dir",
        str(tmp_path / "data"),
        "--params-dir",
        str(PARAMS),
        "--province",
        "kalbar",
        "--lang",
        "en",
        "--out",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "paritrana_nb.cli", *args, str(tmp_path / "a.csv")],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert main([*args, str(tmp_path / "b.csv")]) == 0  # the second run: in this process
    for printed in (done.stdout, capsys.readouterr().out):
        assert "1 ranking group, 4 juror rows (4 flagged)" in printed
    outputs = [(tmp_path / name).read_bytes() for name in ("a.csv", "b.csv")]
    assert outputs[0] == outputs[1]
    rows = _csv(tmp_path / "a.csv")
    assert list(rows[0]) == list(COLUMNS)
    assert [
        (r["kategori"], r["kode_provinsi"], r["juri"], r["ditandai"], r["perubahan_peringkat_maks"]) for r in rows
    ] == [
        ("pemda", "61", "J1", "true", "1"),
        ("pemda", "61", "J2", "true", "1"),
        ("pemda", "61", "J3", "true", "1"),
        ("pemda", "61", "J4", "true", "0"),
    ]
    assert rows[0]["korelasi"] == "" and float(rows[0]["kendall_w"]) == pytest.approx(float(rows[3]["kendall_w"]))


def test_cli_jury_bad_input_exits_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    write_season(data, tables_with_interviews(_rows(TINY, spread=0.0)))
    args = [
        "jury",
        "--data-dir",
        str(data),
        "--params-dir",
        str(PARAMS),
        "--out",
        str(tmp_path / "x.csv"),
        "--lang",
        "en",
    ]
    assert main([*args, "--province", "atlantis"]) == 2
    assert "Province 'atlantis' is not known" in capsys.readouterr().err
    assert main([*args[:3], "--params-dir", str(tmp_path / "none"), *args[5:]]) == 1
    assert "Methodology file not found" in capsys.readouterr().err
    pemda = data / "2025" / "pemda.csv"
    pemda.write_text(
        pemda.read_text(encoding="utf-8").replace("61.01,2024,1000,300", "61.01,2024,1000,banyak"), encoding="utf-8"
    )
    assert main(args) == 1
    assert "can NOT be scored" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_the_block_search_is_bounded_when_every_juror_missed_a_different_finalist() -> None:
    # n x n with juror j missing finalist j: a set S of jurors keeps the n - |S| finalists outside it, so the
    # largest block has floor(n / 2) * ceil(n / 2) cells; there are 2 ** n candidate juror sets.
    nan = np.nan
    small = np.arange(36, dtype=float).reshape(6, 6)
    np.fill_diagonal(small, nan)
    assert complete_block(small).shape == (3, 3)  # every candidate weighed: the largest block
    wide = np.arange(40 * 40, dtype=float).reshape(40, 40)  # 2 ** 40 candidates: hours, before the bound
    np.fill_diagonal(wide, nan)
    block = complete_block(wide)
    assert block is not None and not np.isnan(block).any() and min(block.shape) >= 2


def test_the_block_search_equals_trying_every_block() -> None:
    rng = np.random.default_rng(11)
    for _ in range(300):
        n, m = rng.integers(1, 7, size=2)
        scores = rng.integers(40, 100, size=(n, m)).astype(float)
        scores[rng.random((n, m)) < rng.uniform(0, 0.5)] = np.nan
        best, block = None, None
        for width in range(2, m + 1):  # every juror set in the documented order: cells, finalists, jurors first
            for columns in itertools.combinations(range(m), width):
                rows = [i for i in range(n) if not np.isnan(scores[i, list(columns)]).any()]
                key = (len(rows) * width, len(rows), [-j for j in columns])
                if len(rows) >= 2 and (best is None or key > best):
                    best, block = key, scores[np.ix_(rows, list(columns))]
        found = complete_block(scores)
        assert (found is None and block is None) or found.tolist() == block.tolist(), scores


@pytest.mark.parametrize("lang", ["en", "id"])
def test_cli_jury_at_the_desk_stage_says_no_juror_has_scored_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A season without interview scores (the desk stage) wrote a header-only CSV and said "0 ranking groups" alone:
    as if the jury had no group, not that it has not met yet."""
    import shutil

    shutil.copytree(PROJECT / "data" / "2025", tmp_path / "2025", ignore=shutil.ignore_patterns("inbox", ".cache"))
    interviews = tmp_path / "2025" / "wawancara.csv"
    interviews.write_text(interviews.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    out = tmp_path / "juri.csv"
    args = ["jury", "--data-dir", str(tmp_path), "--params-dir", str(PARAMS), "--out", str(out), "--lang", lang]
    assert main([*args, "--no-cache"]) == 0
    printed = capsys.readouterr().out
    assert t("cli.jury_desk_stage", lang, musim=2025) in printed
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1  # the header alone
    assert main([*args[:2], str(PROJECT / "data"), *args[3:], "--no-cache"]) == 0  # interviews there: not said
    assert t("cli.jury_desk_stage", lang, musim=2025) not in capsys.readouterr().out
