"""`what it would take`: hand-computed minimal changes, valid suggestions, and re-scoring that confirms them."""

from __future__ import annotations

import csv
import dataclasses
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import write_season
from paritrana_nb import gaps
from paritrana_nb.cli import main
from paritrana_nb.engine import score_season
from paritrana_nb.methodology import Methodology, parse_methodology
from paritrana_nb.schema import PART_OF_WHOLE, TABLES
from paritrana_nb.season import Season
from scoring_fixtures import PROJECT, gaps_tables, methodology_data

PARAMS = PROJECT / "params"
KIND = {(table.name, column.name): column.kind for table in TABLES for column in table.columns}
TABLE_OF = {
    "pemda": "pemda",
    "pemprov": "pemda",
    "desa": "desa",
    "bu_besar_menengah": "badan_usaha",
    "bu_kecil_mikro": "badan_usaha",
}


@pytest.fixture(scope="module")
def gaps_table(gaps_season: Season, default_methodology: Methodology) -> pd.DataFrame:
    """what_it_takes on the gaps season."""
    return gaps.what_it_takes(gaps_season, default_methodology)


@pytest.fixture(scope="module")
def bundled_gaps(bundled_season: Season, default_methodology: Methodology) -> pd.DataFrame:
    """what_it_takes on the bundled season."""
    return gaps.what_it_takes(bundled_season, default_methodology)


def _row(table: pd.DataFrame, id_peserta: str, kolom: str, indikator: str | None = None) -> pd.Series:
    hit = (table["id_peserta"] == id_peserta) & (table["kolom"] == kolom)
    if indikator is not None:
        hit &= table["indikator"] == indikator
    assert hit.sum() == 1, table[hit]
    return table[hit].iloc[0]


def _with(row: pd.Series, value: float) -> dict[str, object]:
    return {**row.to_dict(), "nilai_dibutuhkan": value}


def _rescored(season: Season, methodology: Methodology, row: pd.Series, value: float) -> pd.DataFrame:
    """score_season's participants after writing `value` into the row's cell, indexed by id_peserta."""
    name = TABLE_OF[row["kategori"]]
    frame = getattr(season, name).copy()
    key = {"pemda": "kode_wilayah", "desa": "kode_desa", "badan_usaha": "npp"}[name]
    hit = (frame[key] == row["id_peserta"]) & (frame["tahun"] == row["tahun"])
    frame.loc[hit, row["kolom"]] = value
    changed = dataclasses.replace(season, **{name: frame})
    return score_season(changed, methodology, categories=[row["kategori"]]).peserta.set_index("id_peserta")


def test_count_bisection_by_hand(
    default_methodology: Methodology, gaps_season: Season, gaps_table: pd.DataFrame
) -> None:
    # Kabupaten Dua: desk 29.5 against Kabupaten Satu's 31.0 (pemda weights 30/20/15/20/15, working pop. 1,000).
    # One more BPU participant adds 0.1 pp of coverage: ucj +0.03, ucj_naik (+0.1 pp on [-10, 10]) +0.1 and
    # capaian_target (target 80 %) +0.01875 desk points, 0.14875 together: 11 are needed (1.63625 > 1.5),
    # 10 are not (1.4875). All three indicators move together, so their three rows agree.
    table = gaps_table
    for indikator in ("ucj", "ucj_naik", "capaian_target"):
        row = _row(table, "61.02", "peserta_bpu", indikator)
        assert (row["nilai_sekarang"], row["nilai_dibutuhkan"], row["perubahan"], row["cukup"]) == (100, 111, 11, True)
        assert row["target_id_peserta"] == "61.01" and row["skor_baru"] == pytest.approx(29.5 + 11 * 0.14875)
    row = _row(table, "61.02", "peserta_bpu", "ucj")
    assert gaps.verify(gaps_season, default_methodology, row)
    assert not gaps.verify(gaps_season, default_methodology, _with(row, 110))
    rescored = _rescored(gaps_season, default_methodology, row, 111)
    assert rescored.at["61.02", "skor_dokumen"] == pytest.approx(row["skor_baru"])


def test_equal_score_shares_the_place_and_is_not_enough(
    default_methodology: Methodology, gaps_season: Season, gaps_table: pd.DataFrame
) -> None:
    # One APBD-funded worker in 1,000 is 0.1 % of workers: n +0.5 on [0, 20], +0.1 desk points. 15 workers tie at
    # 31.0 (same tie-break ucj 40, so the place is shared); 16 overtake.
    row = _row(gaps_table, "61.02", "pekerja_rentan_apbd")
    assert (row["nilai_dibutuhkan"], row["cukup"], row["biaya_relatif"]) == (16, True, 16.0)
    tied = _rescored(gaps_season, default_methodology, row, 15)
    assert tied.at["61.02", "skor_dokumen"] == tied.at["61.01", "skor_dokumen"] == 31.0
    assert tied.at["61.02", "peringkat"] == tied.at["61.01", "peringkat"] == 1
    assert not gaps.verify(gaps_season, default_methodology, _with(row, 15))
    assert gaps.verify(gaps_season, default_methodology, row)


def test_a_best_value_that_only_draws_level_says_it_would_share_the_place(
    default_methodology: Methodology, bundled_season: Season
) -> None:
    # UD Plantation Bumi Gemilang (fiktif) (small businesses, Kalteng, 7th, desk 99.832) at 100 % of true wages reported
    # scores 100.0, as the three sharing 4th place do, with their tie-break (kepesertaan 100): it would share their
    # place (rank 4), not pass them. Its card said "the participant above stays ahead", and that moving up would take
    # several changes together.
    table = gaps.what_it_takes(
        bundled_season, default_methodology, categories=["bu_kecil_mikro"], participants=["6317550074"]
    )
    row = _row(table, "6317550074", "upah_sesuai_pct")
    assert (row["peringkat"], row["nilai_dibutuhkan"], row["cukup"], row["alasan"]) == (7, 100.0, False, gaps.SERI)
    rescored = _rescored(bundled_season, default_methodology, row, 100.0)
    assert rescored.at["6317550074", "peringkat"] == rescored.at[row["target_id_peserta"], "peringkat"] == 4
    assert not gaps.verify(bundled_season, default_methodology, row)  # sharing the place is still not enough
    target = row["target_nama"]
    assert gaps.describe_action(row, "en", listed=True) == (
        "Even if you raise the share of true wages reported by 1.12 percentage points (from 98.88% to 100.00%, the "
        f"most that still counts), you would only draw level with {target} and share its place, not overtake it."
    )
    assert gaps.describe_action(row, "id").startswith("Belum cukup sendirian: naikkan porsi upah")
    assert gaps.describe_action(row, "id").endswith(
        f"hanya membuat skor menyamai {target} sehingga berbagi peringkat dengannya, belum melampauinya."
    )
    shown = gaps.steps(gaps.cheapest_actions(table).to_dict("records"), "en")
    assert not shown.enough and not shown.together  # not "moving up would take several changes together"
    assert shown.level  # its heading says one step would draw level, not that no single step moves it up
    # a best value that stays behind keeps `batas_atas`: the participant above stays ahead
    behind = gaps.what_it_takes(bundled_season, default_methodology, categories=["pemda"], participants=["61.02"])
    assert set(behind["alasan"]) == {gaps.BATAS_ATAS}
    assert gaps.describe_action(behind.iloc[0], "en").endswith("Kabupaten Ketapang stays ahead.")


def test_vulnerable_worker_levers_are_priced_by_the_methodology_premium(
    gaps_season: Season, gaps_table: pd.DataFrame
) -> None:
    # 16 more APBD-funded workers: 16 x 12 months x Rp16,800 (JKK + JKM) a year
    row = _row(gaps_table, "61.02", "pekerja_rentan_apbd")
    assert row["iuran_rp_per_tahun"] == 16 * 12 * 16800
    assert "(from 0 to 16; JKK + JKM premiums of Rp3,225,600 a year)" in gaps.describe_action(row, "en")
    assert "iuran JKK + JKM Rp3.225.600 per tahun" in gaps.describe_action(row, "id")
    assert np.isnan(_row(gaps_table, "61.02", "perda")["iuran_rp_per_tahun"])  # not a vulnerable-worker lever
    data = methodology_data()
    data["aturan"]["iuran_rentan_rp_per_bulan"] = 36800  # with JHT
    dearer = gaps.what_it_takes(gaps_season, parse_methodology(data))
    assert _row(dearer, "61.02", "pekerja_rentan_apbd")["iuran_rp_per_tahun"] == 16 * 12 * 36800


def test_binary_and_regulation_columns(gaps_table: pd.DataFrame) -> None:
    table = gaps_table
    perda, perkada, edaran = (_row(table, "61.02", c) for c in ("perda", "perkada", "surat_edaran"))
    assert (perda["nilai_sekarang"], perda["nilai_dibutuhkan"], perda["cukup"]) == (0, 1, True)
    assert perda["biaya_relatif"] == 1.0
    assert perda["skor_baru"] == 29.5 + 0.15 * 40
    assert (perkada["nilai_dibutuhkan"], perkada["cukup"]) == (1, True)
    # one circular (+10 on regulasi, +1.5) only ties Kabupaten Satu: two are needed, at cost 2
    assert (edaran["nilai_dibutuhkan"], edaran["cukup"], edaran["biaya_relatif"]) == (2, True, 2)
    # a business: jht is the one expected programme missing (jp, jkp are not expected for small businesses)
    jht = _row(table, "0000000002", "jht")
    assert (jht["nilai_sekarang"], jht["nilai_dibutuhkan"], jht["cukup"]) == (0, 1, True)
    business = table[table["id_peserta"] == "0000000002"]
    assert set(business["kolom"]) == {"jht", "bulan_tunggakan", "upah_sesuai_pct"}  # registration already 100 %


def test_decrease_and_percent_steps(
    default_methodology: Methodology, gaps_season: Season, gaps_table: pd.DataFrame
) -> None:
    table = gaps_table
    arrears = _row(table, "0000000002", "bulan_tunggakan")
    assert (arrears["nilai_sekarang"], arrears["nilai_dibutuhkan"], arrears["perubahan"]) == (1, 0, -1)
    # CV Dua 88.0833 vs CV Satu 88.3333; wages weigh 15/100: 90 -> 91.67 gives 88.3338 (> 88.3333 at 4 decimals),
    # 91.66 gives 88.3323
    wages = _row(table, "0000000002", "upah_sesuai_pct")
    assert (wages["nilai_dibutuhkan"], wages["cukup"]) == (91.67, True)
    assert gaps.verify(gaps_season, default_methodology, wages)
    assert not gaps.verify(gaps_season, default_methodology, _with(wages, 91.66))


def test_part_of_whole_cap_is_not_enough(
    default_methodology: Methodology, gaps_season: Season, gaps_table: pd.DataFrame
) -> None:
    # Desa Dua 65.5 vs Desa Satu 71.0: covering its last official (9 -> 10 of 10) adds only 2 points
    table = gaps_table
    officials = _row(table, "61.02.01.2001", "perangkat_terlindungi")
    assert (officials["nilai_dibutuhkan"], officials["cukup"], officials["alasan"]) == (10, False, gaps.BATAS_ATAS)
    assert officials["skor_baru"] == 67.5
    assert not gaps.verify(gaps_season, default_methodology, officials)
    # coverage: 0.35 per worker, 16 needed; village-fund workers: 1.5 per worker, 4 needed; BPD already 100 %
    assert _row(table, "61.02.01.2001", "peserta")["nilai_dibutuhkan"] == 66
    assert _row(table, "61.02.01.2001", "pekerja_rentan_dana_desa")["nilai_dibutuhkan"] == 14
    assert "bpd_terlindungi" not in set(table.loc[table["id_peserta"] == "61.02.01.2001", "kolom"])


def test_non_finalist_below_a_finalist(default_methodology: Methodology, hand_season: Season) -> None:
    table = gaps.what_it_takes(hand_season, default_methodology, categories=["pemda"])
    rows = table[table["id_peserta"] == "61.03"]  # not interviewed, directly below finalist 61.01
    assert len(rows) and not rows["cukup"].any()
    assert set(rows["alasan"]) == {gaps.FINALIS_DI_ATAS} and set(rows["target_id_peserta"]) == {"61.01"}
    for _, row in rows.iterrows():
        assert not gaps.verify(hand_season, default_methodology, row)
    assert "61.02" not in set(table["id_peserta"])  # first place has nothing to catch up


@pytest.mark.slow  # re-scores the season once per suggestion
@pytest.mark.parametrize("name", ["gaps_season", "hand_season"], ids=["gaps", "hand"])
def test_every_row_of_the_small_seasons_is_confirmed_by_rescoring(
    name: str, request: pytest.FixtureRequest, default_methodology: Methodology
) -> None:
    season = request.getfixturevalue(name)
    table = gaps.what_it_takes(season, default_methodology)
    assert len(table) > 10
    for _, row in table.iterrows():
        assert gaps.verify(season, default_methodology, row) == row["cukup"], row.to_dict()


@pytest.mark.slow  # re-scores the bundled season once per sampled suggestion
def test_bundled_season_sample_is_confirmed_by_rescoring(
    default_methodology: Methodology, bundled_season: Season, bundled_gaps: pd.DataFrame
) -> None:
    season, table = bundled_season, bundled_gaps
    assert table["cukup"].any() and not table["cukup"].all()
    sample = np.random.default_rng(2025).choice(len(table), size=20, replace=False)
    for position in sample:
        row = table.iloc[position]
        assert gaps.verify(season, default_methodology, row) == row["cukup"], row.to_dict()


@pytest.mark.slow  # what it takes for every participant of the bundled season
def test_suggestions_are_valid_data(bundled_season: Season, bundled_gaps: pd.DataFrame) -> None:
    season, table = bundled_season, bundled_gaps
    assert list(table.columns) == list(gaps.GAPS_COLUMNS)
    kinds = np.array([KIND[(TABLE_OF[k], c)] for k, c in zip(table["kategori"], table["kolom"], strict=True)])
    needed = table["nilai_dibutuhkan"].to_numpy()
    whole = np.isin(kinds, ["count", "binary"])
    assert (needed[whole] == np.round(needed[whole])).all()
    assert np.isin(needed[kinds == "binary"], [0, 1]).all() and (needed >= 0).all()
    assert (needed[kinds == "percent"] <= 100).all()
    assert (np.round(needed[kinds == "percent"], 2) == needed[kinds == "percent"]).all()
    assert (table["perubahan"] != 0).all() and (table["peringkat"] > 1).all()
    for name, part, whole_column in PART_OF_WHOLE:
        frame = getattr(season, name)
        frame = frame[frame["tahun"] == season.tahun]
        key = {"desa": "kode_desa", "badan_usaha": "npp"}[name]
        rows = table[table["kolom"] == part]
        assert len(rows)
        assert (rows["nilai_dibutuhkan"].to_numpy() <= rows["id_peserta"].map(frame.set_index(key)[whole_column])).all()


def test_cheapest_actions(gaps_table: pd.DataFrame) -> None:
    cheapest = gaps.cheapest_actions(gaps_table)
    pemda = cheapest[cheapest["id_peserta"] == "61.02"]
    # peserta_bpu 11/100 = 0.11 (once, not once per indicator), then perda and perkada at 1.0 in ACTIONS order
    assert list(pemda["kolom"]) == ["peserta_bpu", "perda", "perkada"]
    village = cheapest[cheapest["id_peserta"] == "61.02.01.2001"]
    # 16/50 = 0.32, 4/10 = 0.4; the insufficient officials' change (1/9) comes last although cheaper
    assert list(village["kolom"]) == ["peserta", "pekerja_rentan_dana_desa", "perangkat_terlindungi"]
    assert list(cheapest.drop_duplicates("id_peserta")["id_peserta"]) == ["61.02", "61.02.01.2001", "0000000002"]
    assert len(gaps.cheapest_actions(gaps_table, n=1)) == 3


@pytest.mark.slow  # what it takes for every participant of the bundled season
def test_behind_a_finalist_one_row_says_so(bundled_gaps: pd.DataFrame) -> None:
    # behind a finalist no desk change helps: one row says so, not one per column
    table = bundled_gaps
    blocked = table[table["alasan"] == gaps.FINALIS_DI_ATAS].groupby(["kategori", "id_peserta"]).size()
    assert (blocked > 1).any()
    cheapest = gaps.cheapest_actions(table)
    shown = cheapest[cheapest["alasan"] == gaps.FINALIS_DI_ATAS].groupby(["kategori", "id_peserta"]).size()
    assert (shown == 1).all() and len(shown) == len(blocked)


def test_describe_action_in_both_languages(
    default_methodology: Methodology, hand_season: Season, gaps_table: pd.DataFrame
) -> None:
    row = {
        "kategori": "pemda",
        "kolom": "peserta_bpu",
        "nilai_sekarang": 42217.0,
        "nilai_dibutuhkan": 45467.0,
        "cukup": True,
        "alasan": None,
        "target_nama": "Kabupaten Mempawah",
    }
    assert gaps.describe_action(row, "id") == (
        "Tambah 3.250 peserta BPU (dari 42.217 menjadi 45.467) untuk melampaui Kabupaten Mempawah."
    )
    assert gaps.describe_action(row, "en") == (
        "Enrol 3,250 more BPU participants (from 42,217 to 45,467) to overtake Kabupaten Mempawah."
    )
    table = gaps_table
    assert gaps.describe_action(_row(table, "61.02", "perda"), "en") == (
        "Pass a Perda (regional regulation) on employment social security to overtake Kabupaten Satu."
    )
    wages = gaps.describe_action(_row(table, "0000000002", "upah_sesuai_pct"), "id")
    assert "1,67 poin persen (dari 90,00% menjadi 91,67%)" in wages and wages.endswith("melampaui CV Satu.")
    officials = _row(table, "61.02.01.2001", "perangkat_terlindungi")
    assert gaps.describe_action(officials, "en") == (
        "Not enough on its own: even if you cover 1 more village official (from 9 to 10, the most that still "
        "counts), Desa Satu stays ahead."
    )
    assert gaps.describe_action(officials, "id").startswith("Belum cukup sendirian: lindungi 1 perangkat desa lagi")
    # under a card's words that its steps are not enough on their own, the sentence does not say so again
    assert gaps.describe_action(officials, "en", listed=True) == (
        "Even if you cover 1 more village official (from 9 to 10, the most that still counts), Desa Satu stays ahead."
    )
    assert gaps.describe_action(officials, "id", listed=True) == (
        "Lindungi 1 perangkat desa lagi (dari 9 menjadi 10, nilai tertinggi yang masih dihitung) pun belum membuat "
        "skor melampaui Desa Satu."
    )
    assert gaps.steps([officials], "en").short == (gaps.describe_action(officials, "en", isolated=True, listed=True),)
    finalist = gaps.what_it_takes(hand_season, default_methodology, categories=["pemda"])
    sentence = gaps.describe_action(finalist[finalist["id_peserta"] == "61.03"].iloc[0], "en")
    assert sentence.startswith("Not enough: Kabupaten Satu is a finalist")


def test_cli_writes_identical_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    write_season(data, gaps_tables())
    outputs = []
    for name in ("a.csv", "b.csv"):
        code = main(
            [
                "gaps",
                "--season",
                "2025",
                "--data-dir",
                str(data),
                "--params-dir",
                str(PARAMS),
                "--province",
                "kalbar",
                "--lang",
                "en",
                "--out",
                str(tmp_path / name),
            ]
        )
        assert code == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert "13 actions for 3 participants (12 enough on their own)" in capsys.readouterr().out
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:9] == [
        "kategori",
        "kode_provinsi",
        "id_peserta",
        "indikator",
        "kolom",
        "tahun",
        "nilai_sekarang",
        "nilai_dibutuhkan",
        "cukup",
    ]
    first = rows[0]
    assert (
        first["id_peserta"],
        first["kolom"],
        first["tahun"],
        first["nilai_sekarang"],
        first["nilai_dibutuhkan"],
        first["cukup"],
        first["alasan"],
    ) == ("61.02", "peserta_bpu", "2024", "100.0", "111.0", "true", "")
    assert {r["nilai_dibutuhkan"] for r in rows if r["kolom"] == "upah_sesuai_pct"} == {"91.67"}
    assert (
        main(
            [
                "gaps",
                "--data-dir",
                str(data),
                "--params-dir",
                str(PARAMS),
                "--category",
                "desa",
                "--lang",
                "en",
                "--out",
                str(tmp_path / "desa.csv"),
            ]
        )
        == 0
    )
    assert "for 1 participant (" in capsys.readouterr().out  # it said "for 1 participants"
    with (tmp_path / "desa.csv").open(encoding="utf-8", newline="") as handle:
        assert {r["kategori"] for r in csv.DictReader(handle)} == {"desa"}


def test_cli_bad_input_exits_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    folder = write_season(data, gaps_tables())
    args = [
        "gaps",
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
    assert main([*args, "--methodology", str(tmp_path / "missing.yaml")]) == 1
    pemda = folder / "pemda.csv"
    pemda.write_text(
        pemda.read_text(encoding="utf-8").replace("61.02,2024,1000,300", "61.02,2024,1000,banyak"), encoding="utf-8"
    )
    assert main(args) == 1
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err and "banyak" in printed.err
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.slow  # what it takes for every participant of the bundled season
def test_no_lever_of_an_indicator_that_does_not_apply(
    default_methodology: Methodology, hand_season: Season, bundled_gaps: pd.DataFrame
) -> None:
    # kelurahan receive no village funds and have no BPD: never advise them to fund workers from dana desa
    table = bundled_gaps
    kelurahan = table[(table["kategori"] == "desa") & table["id_peserta"].str.slice(-4, -3).eq("1")]
    assert len(kelurahan) and not kelurahan["kolom"].isin(["pekerja_rentan_dana_desa", "bpd_terlindungi"]).any()
    villages = table[(table["kategori"] == "desa") & table["id_peserta"].str.slice(-4, -3).eq("2")]
    assert villages["kolom"].eq("pekerja_rentan_dana_desa").any()
    hand = gaps.what_it_takes(hand_season, default_methodology, categories=["desa"])
    assert set(hand.loc[hand["id_peserta"] == "61.71.01.1002", "kolom"]) == {"peserta"}  # perangkat already 100 %


def test_asking_for_some_participants_gives_their_rows_of_the_whole_table(
    gaps_season: Season, default_methodology: Methodology, gaps_table: pd.DataFrame
) -> None:
    chosen = gaps_table["id_peserta"].drop_duplicates().iloc[::2].tolist()
    assert 0 < len(chosen) < gaps_table["id_peserta"].nunique()
    some = gaps.what_it_takes(gaps_season, default_methodology, participants=chosen)
    want = gaps_table[gaps_table["id_peserta"].isin(chosen)].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, want, check_exact=True)


def test_rows_of_one_column_agree_at_its_best_value(default_methodology: Methodology, bundled_season: Season) -> None:
    # peserta_bpu feeds ucj, ucj_naik and capaian_target. Kabupaten Landak (61.08, 4th in Kalbar) has ucj_naik at its
    # top [-10, 10] with 71,295 BPU participants, short of Kabupaten Sekadau; ucj keeps rising and passes it at 89,447.
    # The ucj_naik row said `batas_atas` at 71,295 ("even the best value is not enough"), which rescoring refutes.
    table = gaps.what_it_takes(bundled_season, default_methodology, categories=["pemda"], participants=["61.08"])
    bpu = table[table["kolom"] == "peserta_bpu"]
    assert set(bpu["indikator"]) >= {"ucj", "ucj_naik"}
    assert (bpu["nilai_dibutuhkan"] == 89447).all() and bpu["cukup"].all()
    for _, row in bpu.iterrows():
        assert gaps.verify(bundled_season, default_methodology, row)
        assert not gaps.verify(bundled_season, default_methodology, _with(row, 89446))
    # Kabupaten Mempawah (61.02) cannot pass Ketapang with BPU participants at all: every row stops where the last
    # indicator the column feeds tops out (ucj at 100 %), and even far beyond it stays behind.
    table = gaps.what_it_takes(bundled_season, default_methodology, categories=["pemda"], participants=["61.02"])
    bpu = table[table["kolom"] == "peserta_bpu"]
    assert len(bpu) >= 2 and (bpu["nilai_dibutuhkan"] == 111110).all() and not bpu["cukup"].any()
    assert not gaps.verify(bundled_season, default_methodology, _with(bpu.iloc[0], 10**7))


def test_an_action_not_enough_alone_still_says_what_its_workers_premiums_cost() -> None:
    """The gaps CSV prices every vulnerable-worker action (`iuran_rp_per_tahun`), enough alone or not; its sentence
    on a card or report says that cost too (docs/cards.md), not only for the actions that are enough."""
    row = {
        "kategori": "pemda",
        "kolom": "pekerja_rentan_apbd",
        "nilai_sekarang": 9800.0,
        "nilai_dibutuhkan": 33151.0,
        "cukup": False,
        "alasan": "batas_atas",
        "target_nama": "Kabupaten Ketapang",
        "iuran_rp_per_tahun": 23351 * 12 * 16800.0,
    }
    assert (
        "(dari 9.800 menjadi 33.151, nilai tertinggi yang masih dihitung; iuran JKK + JKM Rp4.707.561.600 per tahun)"
        in (gaps.describe_action(row, "id"))
    )
    assert "(from 9,800 to 33,151, the most that still counts; JKK + JKM premiums of Rp4,707,561,600 a year)" in (
        gaps.describe_action(row, "en")
    )
    assert "Rp" not in gaps.describe_action({**row, "kolom": "peserta_bpu", "iuran_rp_per_tahun": math.nan}, "en")
