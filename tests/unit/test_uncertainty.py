"""Rank uncertainty: seeded draws, unperturbed draws equal the engine, intervals, ties, indicator removal, Sobol.

The uncertainty season (scoring_fixtures.uncertainty_tables) ranks villages in province 61 on desk scores
A 100, B 37.5, C 34.0, D 3.5 (E not scored). B and C swap when cakupan_desa's weight grows against perangkat's:
under goalposts when 1400 f_perangkat < 1050 f_cakupan, so a few percent up to a fifth of the draws.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import write_season
from paritrana_nb.cli import main
from paritrana_nb.engine import SeasonScores, score_season
from paritrana_nb.methodology import Methodology, parse_methodology
from paritrana_nb.season import Season
from paritrana_nb.uncertainty import (
    CSV_COLUMNS,
    DRAW_COLUMNS,
    PERCENTILE_METHOD,
    PESERTA_COLUMNS,
    Perturbation,
    _engine_sum,
    draw_ranks,
    indicator_removal,
    rank_uncertainty,
    sensitivity_indices,
)
from scoring_fixtures import PROJECT, methodology_data, uncertainty_tables

A, B, C, D, E = "61.01.01.2001", "61.02.01.2002", "61.03.01.2007", "61.01.01.2004", "61.02.01.2013"


@pytest.fixture(scope="module")
def hand_scores(hand_season: Season, default_methodology: Methodology) -> SeasonScores:
    return score_season(hand_season, default_methodology)


@pytest.fixture(scope="module")
def village_scores(uncertainty_season: Season, default_methodology: Methodology) -> SeasonScores:
    return score_season(uncertainty_season, default_methodology, categories=["desa"])


def _nominal(scores: SeasonScores) -> np.ndarray:
    return scores.peserta["peringkat"].to_numpy(dtype=np.float64, na_value=0).astype(np.int64)


def _row(frame: pd.DataFrame, id_peserta: str) -> pd.Series:
    return frame.set_index("id_peserta").loc[id_peserta]


def test_unperturbed_draws_reproduce_the_engine_ranks_in_every_draw(hand_scores: SeasonScores) -> None:
    scores = hand_scores  # finalists, a desk-stage group, shared ranks 1, 2, 2, 4 among the villages
    assert list(scores.peserta.loc[scores.peserta["kategori"] == "desa", "peringkat"]) == [1, 2, 2, 4, 1]
    ranks = draw_ranks(scores, 40, seed=3, perturbation=Perturbation.none(), chunk=7)
    assert ranks.shape == (40, len(scores.peserta))
    assert (ranks == _nominal(scores)).all()
    summary = rank_uncertainty(scores, 40, perturbation=Perturbation.none()).peserta
    assert (summary["peringkat_median"] == summary["peringkat"]).all()
    assert (summary["peringkat_p05"] == summary["peringkat"]).all()
    assert (summary["peringkat_p95"] == summary["peringkat"]).all()
    assert (summary["peringkat_stabil_pct"] == 100.0).all()


def test_same_seed_same_result_other_seed_other_result(hand_scores: SeasonScores) -> None:
    scores = hand_scores
    first = rank_uncertainty(scores, 200, seed=11)
    again = rank_uncertainty(scores, 200, seed=11, chunk=13)
    other = rank_uncertainty(scores, 200, seed=12)
    pd.testing.assert_frame_equal(first.peserta, again.peserta)
    assert not first.peserta.equals(other.peserta)
    assert (first.seed, first.draws, first.perturbation) == (11, 200, Perturbation())
    assert (draw_ranks(scores, 200, seed=11) == draw_ranks(scores, 200, seed=11, chunk=5)).all()
    assert not (draw_ranks(scores, 200, seed=11) == draw_ranks(scores, 200, seed=12)).all()


_SEED_USERS = {
    "rank_uncertainty": lambda scores, seed: rank_uncertainty(scores, draws=10, seed=seed),
    "draw_ranks": lambda scores, seed: draw_ranks(scores, draws=10, seed=seed),
    "sensitivity_indices": lambda scores, seed: sensitivity_indices(scores, samples=8, seed=seed),
}


@pytest.mark.parametrize("seed", [-1, 2**32, 2**40, 1.0, 7.5, True, "7"])
@pytest.mark.parametrize("call", list(_SEED_USERS))
def test_a_seed_the_commands_refuse_is_refused_by_name(hand_scores: SeasonScores, call: str, seed: object) -> None:
    """What `--seed` refuses (cli.whole_number from 0 to MAX_SEED) every entry point taking a seed refuses: numpy
    refused -1 as "expected non-negative integer", naming no argument; sensitivity_indices took 2**40 (which no
    command nor report records), -1 and 7.5 as SALib and scipy made of them, and True for seed 1."""
    with pytest.raises(ValueError, match=rf"^seed must be a whole number from 0 to 4294967295, not {seed!r}$"):
        _SEED_USERS[call](hand_scores, seed)


@pytest.mark.parametrize("seed", [0, np.int64(4294967295)])
def test_a_whole_number_seed_in_range_is_taken_as_numpy_gives_it_too(village_scores: SeasonScores, seed: int) -> None:
    assert len(sensitivity_indices(village_scores, samples=64, seed=seed)) > 0
    assert rank_uncertainty(village_scores, draws=10, seed=seed).seed == seed


def test_summary_is_the_percentiles_and_stability_of_the_draws(hand_scores: SeasonScores) -> None:
    scores = hand_scores
    ranks = draw_ranks(scores, 301, seed=5)
    summary = rank_uncertainty(scores, 301, seed=5).peserta
    assert list(summary.columns) == list(PESERTA_COLUMNS)
    for name, q in (("peringkat_p05", 5), ("peringkat_median", 50), ("peringkat_p95", 95)):
        expected = np.percentile(ranks, q, axis=0, method=PERCENTILE_METHOD)
        assert summary[name].to_numpy(dtype=np.int64).tolist() == expected.astype(np.int64).tolist()
    stable = 100 * (ranks == _nominal(scores)).sum(axis=0) / 301
    assert summary["peringkat_stabil_pct"].to_numpy() == pytest.approx(stable)


def test_far_ahead_close_pair_and_unscored(village_scores: SeasonScores) -> None:
    result = rank_uncertainty(village_scores, 400, seed=1).peserta
    first = _row(result, A)
    assert (first["peringkat_p05"], first["peringkat_median"], first["peringkat_p95"]) == (1, 1, 1)
    assert first["peringkat_stabil_pct"] == 100.0 and not first["seri_statistik"]
    for close in (B, C):  # they swap in some draws: [2, 3] each, a statistical tie
        row = _row(result, close)
        assert (row["peringkat_p05"], row["peringkat_p95"]) == (2, 3)
        assert 50 < row["peringkat_stabil_pct"] < 100 and row["seri_statistik"]
    last = _row(result, D)
    assert (last["peringkat_p05"], last["peringkat_p95"], last["seri_statistik"]) == (4, 4, False)
    unscored = _row(result, E)
    assert unscored[list(CSV_COLUMNS)].isna().all() and pd.isna(unscored["seri_statistik"])


def test_statistical_tie_needs_overlapping_neighbours(village_scores: SeasonScores) -> None:
    # weights only: B stays ahead of C unless f_perangkat < 0.75 f_cakupan (about 9 % of draws) ...
    weights_only = Perturbation(desk_share=None, minmax_share=0.0)
    row = _row(rank_uncertainty(village_scores, 400, seed=2, perturbation=weights_only).peserta, B)
    assert row["peringkat_p95"] == 3 and row["seri_statistik"]
    # ... and never with a spread of 0.1 (1400 * 0.9 > 1050 * 1.1): no overlap, no tie
    narrow = Perturbation(weight_spread=0.1, desk_share=None, minmax_share=0.0)
    result = rank_uncertainty(village_scores, 400, seed=2, perturbation=narrow).peserta
    assert not result["seri_statistik"].fillna(False).any()
    assert (result["peringkat_p05"] == result["peringkat"]).all()


def test_engine_sum_adds_in_numpy_order() -> None:
    rng = np.random.default_rng(0)
    for count in (1, 2, 5, 7, 8, 9, 17, 24, 131):
        values = rng.random((300, count)) * rng.choice([1e-3, 1.0, 1e3], size=(300, count))
        assert (_engine_sum([values[:, k] for k in range(count)]) == values.sum(axis=1)).all()


def test_indicator_removal_hand_computed(village_scores: SeasonScores) -> None:
    removal = indicator_removal(village_scores).set_index("indikator")
    # without perangkat: B 1750 / 80 = 21.875, C 2800 / 80 = 35: they swap, mean |change| 2 / 4
    assert removal.loc[
        "perangkat", ["peserta", "rerata_perubahan", "perubahan_terbesar", "tanpa_peringkat"]
    ].tolist() == [4, 0.5, 1, 0]
    # without cakupan_desa: A 100, B 2000 / 65, C 600 / 65, D 0; bpd and rentan weigh only A's lead
    for indicator in ("cakupan_desa", "bpd", "rentan_dana_desa"):
        assert removal.loc[indicator, "rerata_perubahan"] == 0.0 and removal.loc[indicator, "perubahan_terbesar"] == 0
    assert set(removal["kelompok"]) == {"61"}


def test_sensitivity_indices(
    default_methodology: Methodology, hand_season: Season, village_scores: SeasonScores
) -> None:
    frame = sensitivity_indices(village_scores, samples=64, seed=4)
    assert sensitivity_indices(village_scores, samples=64, seed=4).equals(frame)
    found = frame.set_index("masukan")
    assert set(found.index) == {
        "bobot_cakupan_desa",
        "bobot_perangkat",
        "bobot_bpd",
        "bobot_rentan_dana_desa",
        "porsi_dokumen",
        "normalisasi",
    }
    # no finalists, and bpd / rentan weigh the same for B, C and D: exactly no effect
    for silent in ("bobot_bpd", "bobot_rentan_dana_desa", "porsi_dokumen"):
        assert found.loc[silent, ["s1", "st"]].tolist() == [0.0, 0.0]
    for active in ("bobot_cakupan_desa", "bobot_perangkat"):
        assert 0.2 < found.loc[active, "st"] <= 1.5
    assert (found["s1"] > -0.2).all() and (found["s1"] <= found["st"] + found["st_conf"] + 0.2).all()
    # groups under MIN_GROUP scored participants are skipped; nothing varies, nothing to report
    small = score_season(hand_season, default_methodology, categories=["bu_besar_menengah"])
    assert sensitivity_indices(small, samples=64).empty
    assert sensitivity_indices(village_scores, samples=64, perturbation=Perturbation.none()).empty


def test_sensitivity_seed_0_gives_the_same_intervals(village_scores: SeasonScores) -> None:
    """SALib seeds its bootstrap only `if seed:`: seed 0 (which --seed accepts) drew the intervals s1_conf and st_conf
    from numpy's global state, so a report's ± changed from run to run."""
    np.random.seed(1)
    frame = sensitivity_indices(village_scores, samples=64, seed=0)
    np.random.seed(2)
    again = sensitivity_indices(village_scores, samples=64, seed=0)
    pd.testing.assert_frame_equal(frame, again)
    assert (frame["s1_conf"] > 0).any()  # there are intervals to compare
    assert not sensitivity_indices(village_scores, samples=64, seed=1).equals(frame)


def test_perturbation_is_checked(village_scores: SeasonScores) -> None:
    with pytest.raises(ValueError):
        Perturbation(weight_spread=1.0)
    with pytest.raises(ValueError):
        Perturbation(desk_share=(0.8, 0.6))
    with pytest.raises(ValueError):
        Perturbation(minmax_share=1.5)
    with pytest.raises(ValueError):
        rank_uncertainty(village_scores, 0)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_cli_adds_the_four_columns_byte_identically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    write_season(data, uncertainty_tables())
    outputs = []
    for name in ("a.csv", "b.csv"):
        code = main(
            [
                "score",
                "--data-dir",
                str(data),
                "--params-dir",
                str(PROJECT / "params"),
                "--uncertainty",
                "50",
                "--seed",
                "7",
                "--out",
                str(tmp_path / name),
                "--lang",
                "en",
            ]
        )
        assert code == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert "50 random draws with seed 7" in capsys.readouterr().out
    header = outputs[0].decode().splitlines()[0].split(",")
    at = header.index("peringkat")
    assert header[at + 1 : at + 7] == [*CSV_COLUMNS, *DRAW_COLUMNS]
    rows = {(r["kategori"], r["id_peserta"]): r for r in _csv(tmp_path / "a.csv")}
    assert [rows[("desa", A)][c] for c in CSV_COLUMNS] == ["1", "1", "1", "100.0"]
    assert [rows[("desa", E)][c] for c in CSV_COLUMNS] == ["", "", "", ""]
    # the file itself says how its intervals were drawn (it was said on standard output only), unscored rows too
    assert {(row["undian"], row["seed"]) for row in rows.values()} == {("50", "7")}
    plain = tmp_path / "plain.csv"
    assert main(["score", "--data-dir", str(data), "--params-dir", str(PROJECT / "params"), "--out", str(plain)]) == 0
    assert not {*CSV_COLUMNS, *DRAW_COLUMNS} & set(plain.read_text().splitlines()[0].split(","))


def test_cli_seed_without_uncertainty_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`score --seed 7` alone drew nothing and said nothing: the intervals asked for were silently absent."""
    data = tmp_path / "data"
    write_season(data, uncertainty_tables())
    base = ["score", "--data-dir", str(data), "--params-dir", str(PROJECT / "params"), "--seed", "7", "--lang", "en"]
    for extra in ([], ["--uncertainty", "0"]):
        assert main([*base, *extra, "--out", str(tmp_path / "s.csv")]) == 2
        printed = capsys.readouterr()
        assert "--seed 7 only applies with --uncertainty N" in printed.err and printed.out == ""
        assert not (tmp_path / "s.csv").exists()


def test_cli_province_filter_keeps_pemprov_national(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_season(data, uncertainty_tables())
    out = tmp_path / "kalteng.csv"
    assert (
        main(
            [
                "score",
                "--data-dir",
                str(data),
                "--params-dir",
                str(PROJECT / "params"),
                "--province",
                "62",
                "--uncertainty",
                "20",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    pemprov = next(r for r in _csv(out) if r["kategori"] == "pemprov")
    assert (pemprov["peringkat"], pemprov["peringkat_median"]) == ("2", "2")  # 2nd of the two provinces, not 1st of 1
    with pytest.raises(SystemExit) as stopped:  # argparse refuses it
        main(
            [
                "score",
                "--data-dir",
                str(data),
                "--params-dir",
                str(PROJECT / "params"),
                "--uncertainty",
                "-1",
                "--out",
                str(out),
            ]
        )
    assert stopped.value.code == 2


def test_draw_columns_follow_peserta_rows(village_scores: SeasonScores) -> None:
    scores = village_scores
    ranks = draw_ranks(dataclasses.replace(scores, peserta=scores.peserta.iloc[::-1]), 30, seed=9)
    assert (ranks[:, ::-1] == draw_ranks(scores, 30, seed=9)).all()  # row order of peserta does not matter


def test_a_categorys_draws_do_not_depend_on_the_other_categories(
    default_methodology: Methodology, uncertainty_season: Season, village_scores: SeasonScores
) -> None:
    alone = rank_uncertainty(village_scores, 200, seed=11).peserta
    everything = rank_uncertainty(score_season(uncertainty_season, default_methodology), 200, seed=11).peserta
    assert set(everything["kategori"]) > {"desa"}  # the season holds other categories too
    villages = everything[everything["kategori"] == "desa"].reset_index(drop=True)
    pd.testing.assert_frame_equal(villages, alone.reset_index(drop=True))
    assert (alone["peringkat_stabil_pct"].dropna() < 100).any()  # the draws did move some ranks


#: In the oracle's methodology one indicator of each category is "lower is better", so both directions meet both
#: normalisations; wide perturbations make every kind of draw move some rank.
LOWER = {
    "pemda": "regulasi",
    "pemprov": "rentan_apbd",
    "desa": "perangkat",
    "bu_besar_menengah": "upah_sesuai",
    "bu_kecil_mikro": "upah_sesuai",
}
WIDE = Perturbation(weight_spread=0.9, desk_share=(0.0, 1.0), minmax_share=0.5)


def _drawn(
    data: dict, factors: dict[str, np.ndarray], desk: float | None, goalposts: dict[tuple[str, str], list[float]]
) -> Methodology:
    """The methodology `data` with each category's weights times its `factors`, the desk share `desk` (None: the
    category's own stage weights) and the `goalposts` given per (kategori, indicator)."""
    drawn = copy.deepcopy(data)
    for kategori, category in drawn["kategori"].items():
        if desk is not None:
            category["stage_weights"] = {"dokumen": desk, "wawancara": 1 - desk}
        for indicator, factor in zip(category["indicators"], factors[kategori], strict=True):
            indicator["weight"] *= float(factor)
            indicator["goalposts"] = goalposts.get((kategori, indicator["id"]), indicator["goalposts"])
    return parse_methodology(drawn)


def _engine_ranks(
    season: Season, scores: SeasonScores, data: dict, factors: dict[str, np.ndarray], desk: float | None, minmax: bool
) -> np.ndarray:
    """score_season's ranks (0 = not ranked) in `scores.peserta` order under one draw's methodology. Min-max: every
    ranking group is scored alone with goalposts at its own lowest and highest applicable value (kept where those
    are equal)."""
    peserta = scores.peserta.set_index(["kategori", "id_peserta"])
    ranks = pd.Series(0, index=peserta.index)
    if not minmax:
        found = score_season(season, _drawn(data, factors, desk, {})).peserta
        ranks.update(found.set_index(["kategori", "id_peserta"])["peringkat"].dropna())
        return ranks.to_numpy(dtype=np.int64)
    applies = scores.indikator[scores.indikator["berlaku"].astype(bool)]
    applies = applies.join(peserta["kelompok"], on=["kategori", "id_peserta"])
    for (kategori, kelompok), group in applies.groupby(["kategori", "kelompok"]):
        spans = group.groupby("indikator")["nilai"].agg(["min", "max"])
        goalposts = {
            (kategori, i): [float(r["min"]), float(r["max"])] for i, r in spans.iterrows() if r["max"] > r["min"]
        }
        found = score_season(season, _drawn(data, factors, desk, goalposts), categories=[kategori]).peserta
        found = found[found["kelompok"] == kelompok].set_index(["kategori", "id_peserta"])["peringkat"]
        ranks.update(found.dropna())
    return ranks.to_numpy(dtype=np.int64)


def test_each_draw_ranks_as_the_engine_under_that_draws_methodology(uncertainty_season: Season) -> None:
    # The oracle: draw i's ranks are score_season's with draw i's weights, desk share and normalisation written into
    # the methodology. The draws are rebuilt from the random streams rank_uncertainty documents: (seed, 0) gives the
    # desk share, then whether the draw normalises by min-max; (seed, 1, the category id's characters) the weights.
    data = methodology_data()
    for kategori, indicator in LOWER.items():
        [entry] = [i for i in data["kategori"][kategori]["indicators"] if i["id"] == indicator]
        entry["direction"] = "lower"
    scores = score_season(uncertainty_season, parse_methodology(data))
    seed, count = 1, 4
    shared = np.random.default_rng([seed, 0])
    assert WIDE.desk_share is not None
    lo, hi = WIDE.desk_share
    desk = lo + (hi - lo) * shared.random(count)
    minmax = shared.random(count) < WIDE.minmax_share
    factors = {
        k: 1
        + WIDE.weight_spread
        * (2 * np.random.default_rng([seed, 1, *map(ord, k)]).random((count, len(category["indicators"]))) - 1)
        for k, category in data["kategori"].items()
    }
    ranks = draw_ranks(scores, count, seed=seed, perturbation=WIDE)
    nominal = _nominal(scores)
    moved = set()
    for i in range(count):
        drawn = {k: f[i] for k, f in factors.items()}
        expected = _engine_ranks(uncertainty_season, scores, data, drawn, float(desk[i]), bool(minmax[i]))
        assert (ranks[i] == expected).all(), (i, ranks[i], expected)
        # what makes each part of the draw matter here: without it, this draw would rank otherwise
        if (expected != nominal).any():
            moved.add("draw")
        if (
            minmax[i]
            and (expected != _engine_ranks(uncertainty_season, scores, data, drawn, float(desk[i]), False)).any()
        ):
            moved.add("minmax")
        if not minmax[i] and (expected != _engine_ranks(uncertainty_season, scores, data, drawn, None, False)).any():
            moved.add("desk share")
    assert moved == {"draw", "minmax", "desk share"}
    assert minmax.any() and not minmax.all()


def _weighing_no_interview(kategori: str) -> Methodology:
    data = methodology_data()
    data["kategori"][kategori]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    return parse_methodology(data)


def test_a_category_that_weighs_no_interview_keeps_its_desk_share_in_every_draw(hand_season: Season) -> None:
    """Its finalists (interview scores it does not weigh: W_JURY_UNWEIGHTED) rank by their desk scores, 61.02's
    73.75 before 61.01's 59.0; the draws gave their interview scores (43.33 and 76.67) the draw's 1 - desk share, so
    at 60 % 61.01 came first (0.6 * 59 + 0.4 * 76.67 = 66.07 > 0.6 * 73.75 + 0.4 * 43.33 = 61.58): an interview that
    never counts reordered them. A category that weighs the interview still takes the draw's desk share."""
    desk_only = Perturbation(weight_spread=0.0, desk_share=(0.6, 0.6), minmax_share=0.0)
    scores = score_season(hand_season, _weighing_no_interview("pemda"), categories=["pemda"])
    assert scores.peserta["peringkat"].tolist() == [1, 2, 3, 4, 1]
    assert scores.peserta["id_peserta"].tolist()[:2] == ["61.02", "61.01"]
    assert (draw_ranks(scores, 5, seed=1, perturbation=desk_only) == _nominal(scores)).all()
    weighed = score_season(hand_season, parse_methodology(methodology_data()), categories=["pemda"])
    assert draw_ranks(weighed, 5, seed=1, perturbation=desk_only)[:, :2].tolist() == [[2, 1]] * 5


def test_a_category_that_weighs_no_interview_has_no_desk_share_input(uncertainty_season: Season) -> None:
    """Its Sobol table held `porsi_dokumen` (indices 0, or, with interview scores it does not weigh, the effect of
    letting them count): the desk share is no input of it; its weights and normalisation still are."""
    scores = score_season(uncertainty_season, _weighing_no_interview("desa"), categories=["desa"])
    found = set(sensitivity_indices(scores, samples=64, seed=4)["masukan"])
    assert found == {"bobot_cakupan_desa", "bobot_perangkat", "bobot_bpd", "bobot_rentan_dana_desa", "normalisasi"}
