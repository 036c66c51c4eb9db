"""National-round nominees and the methodology's special awards: every rule type, ties, groups, the CLI."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import write_season
from paritrana_nb.awards import CSV_COLUMNS, TANPA_PEMENANG, nominees
from paritrana_nb.cli import main
from paritrana_nb.engine import score_season
from paritrana_nb.methodology import Methodology, parse_methodology
from paritrana_nb.season import Season
from scoring_fixtures import DEFAULT_METHODOLOGY, hand_tables, methodology_data, season_from


def test_nominees_are_the_first_places_of_provincial_categories(
    default_methodology: Methodology, hand_season: Season
) -> None:
    scores = score_season(hand_season, default_methodology)
    got = scores.nominasi.set_index(["kategori", "kode_provinsi"])["id_peserta"].to_dict()
    assert got == {
        ("pemda", "61"): "61.02",
        ("pemda", "62"): "62.01",
        ("desa", "61"): "61.02.01.2002",
        ("desa", "62"): "62.01.01.2001",
        ("bu_besar_menengah", "61"): "0000000002",
        ("bu_kecil_mikro", "61"): "0000000003",
        ("bu_kecil_mikro", "62"): "0000000004",
    }
    skor = scores.nominasi.set_index("id_peserta")["skor"]
    assert skor["61.02"] == pytest.approx(0.7 * 73.75 + 0.3 * 130 / 3)  # a finalist: skor_akhir
    assert skor["62.01"] == pytest.approx(50.0)  # desk stage: skor_dokumen


def test_tied_first_places_are_all_nominated(default_methodology: Methodology) -> None:
    peserta = pd.DataFrame(
        {
            "kategori": ["desa", "desa", "desa", "pemprov"],
            "kode_provinsi": ["61", "61", "61", "61"],
            "id_peserta": ["a", "b", "c", "61"],
            "nama": ["A", "B", "C", "P"],
            "tahap": ["dokumen"] * 4,
            "finalis": [False] * 4,
            "skor_peringkat": [80.0, 80.0, 70.0, 90.0],
            "peringkat": pd.array([1, 1, 3, 1], dtype="Int64"),
        }
    )
    assert nominees(peserta, default_methodology)["id_peserta"].tolist() == ["a", "b"]


def _awards(season: Season, *rules: tuple[str, dict[str, object]], provinces: list[str] | None = None) -> pd.DataFrame:
    """score_season's special awards of `season` under the default methodology with these (kategori, aturan) awards."""
    data = methodology_data()
    data["penghargaan_khusus"] = [
        {"id": f"a{i}", "label": {"id": f"A{i}", "en": f"A{i}"}, "kategori": kategori, "aturan": aturan}
        for i, (kategori, aturan) in enumerate(rules)
    ]
    return score_season(season, parse_methodology(data), provinces).penghargaan


def _won(table: pd.DataFrame) -> list[tuple[str, str, str, float]]:
    return [(r.penghargaan, r.kelompok, r.id_peserta, r.nilai) for r in table.itertuples()]


def test_the_default_awards_on_the_hand_season(default_methodology: Methodology, hand_season: Season) -> None:
    table = score_season(hand_season, default_methodology).penghargaan
    assert _won(table) == [
        ("cakupan_penuh", "61", "61.03", pytest.approx(120.0)),  # ucj(T) >= 100: 600 of 500 workers
        # the largest APBD budget per province, ties kept: 61.02 and 61.71 both 100,800,000; 62.01 budgeted 0
        ("anggaran_terbesar", "61", "61.02", 100_800_000),
        ("anggaran_terbesar", "61", "61.71", 100_800_000),
    ]  # inovasi_desa: no village was interviewed
    assert table["kategori"].tolist() == ["pemda"] * 3 and table["nama"].tolist()[0] == "Kabupaten Tiga"


def test_indicator_rules_minimal_maksimal_terbesar_terkecil_with_ties(hand_season: Season) -> None:
    # ucj(T): 61.01 50, 61.02 60, 61.03 120, 61.71 50, 62.01 50
    table = _awards(
        hand_season,
        ("pemda", {"indikator": "ucj", "minimal": 60}),
        ("pemda", {"indikator": "ucj", "maksimal": 50}),
        ("pemda", {"indikator": "ucj", "terbesar": 2}),
        ("pemda", {"indikator": "ucj", "terkecil": 1}),
    )
    assert [(a, k, i) for a, k, i, _ in _won(table)] == [
        ("a0", "61", "61.03"),
        ("a0", "61", "61.02"),  # best first
        ("a1", "61", "61.01"),
        ("a1", "61", "61.71"),
        ("a1", "62", "62.01"),
        ("a2", "61", "61.03"),
        ("a2", "61", "61.02"),
        ("a2", "62", "62.01"),  # per province
        ("a3", "61", "61.01"),
        ("a3", "61", "61.71"),
        ("a3", "62", "62.01"),  # the tie for the smallest is kept
    ]


def test_column_rules_largest_must_be_above_zero_smallest_need_not(hand_season: Season) -> None:
    table = _awards(
        hand_season,
        ("pemda", {"kolom": "anggaran_iuran_apbd_rp", "terbesar": 1}),
        ("pemda", {"kolom": "anggaran_iuran_apbd_rp", "terkecil": 1}),
        ("bu_kecil_mikro", {"kolom": "bulan_tunggakan", "maksimal": 6}),
    )
    assert [(a, k, i, v) for a, k, i, v in _won(table)] == [
        ("a0", "61", "61.02", 100_800_000),
        ("a0", "61", "61.71", 100_800_000),  # 62: nobody above 0
        ("a1", "61", "61.03", 0),
        ("a1", "62", "62.01", 0),
        ("a2", "62", "0000000004", 6),  # CV Tiga: 15 months in arrears
    ]


def test_aspect_rules_use_the_finalists_trimmed_means(hand_season: Season) -> None:
    # 61.01 (four jurors, trimmed): inovasi 75, sinergi 70, presentasi 85; 61.02: inovasi 70, sinergi 60, presentasi
    # unscored (not a candidate)
    table = _awards(
        hand_season,
        ("pemda", {"aspek": "inovasi", "terbesar": 1}),
        ("pemda", {"aspek": "sinergi", "terkecil": 1}),
        ("pemda", {"aspek": "presentasi", "terkecil": 1}),
        ("pemda", {"aspek": "inovasi", "minimal": 70}),
    )
    assert _won(table) == [
        ("a0", "61", "61.01", 75),
        ("a1", "61", "61.02", 60),
        ("a2", "61", "61.01", 85),
        ("a3", "61", "61.01", 75),
        ("a3", "61", "61.02", 70),
    ]


def test_a_zone_award_is_judged_across_the_zone_and_filtered_by_province(hand_season: Season) -> None:
    rule = ("pemprov", {"indikator": "ucj", "terbesar": 1})  # 61: 50 %, 62: 40 %, both in zone Kalimantan
    assert _won(_awards(hand_season, rule)) == [("a0", "Kalimantan", "61", 50)]
    assert _awards(hand_season, rule, provinces=["62"]).empty
    assert _won(_awards(hand_season, rule, provinces=["61"])) == [("a0", "Kalimantan", "61", 50)]


def test_values_equal_at_the_methodology_decimals_tie(tmp_path: Path) -> None:
    tables = hand_tables()
    pemda = tables["pemda"]
    pemda.loc[(pemda["kode_wilayah"] == "61.02") & (pemda["tahun"] == 2024), "target_ucj_pct"] = 59.99
    season = season_from(tables, tmp_path)
    # capaian_target = 100 * ucj / target: 61.02 100 * 60 / 59.99 = 100.0167, 61.71 100 * 50 / 50 = 100
    data = methodology_data()
    data["penghargaan_khusus"] = [
        {
            "id": "x",
            "label": {"id": "X", "en": "X"},
            "kategori": "pemda",
            "aturan": {"indikator": "capaian_target", "terbesar": 1},
        }
    ]
    assert score_season(season, parse_methodology(data), ["61"]).penghargaan["id_peserta"].tolist() == ["61.02"]
    data["aturan"]["desimal"] = 1  # 100.0 and 100.0: a tie, both kept
    won = score_season(season, parse_methodology(data), ["61"]).penghargaan
    assert won["id_peserta"].tolist() == ["61.02", "61.71"]


def test_minimal_and_maksimal_compare_at_the_methodology_decimals(tmp_path: Path) -> None:
    tables = hand_tables()
    pemda = tables["pemda"]
    in_2024 = pemda["tahun"] == 2024
    pemda.loc[in_2024 & (pemda["kode_wilayah"] == "61.71"), "target_ucj_pct"] = 50.00001
    pemda.loc[in_2024 & (pemda["kode_wilayah"] == "61.01"), "target_ucj_pct"] = 49.999995
    season = season_from(tables, tmp_path)
    # capaian_target = 100 * ucj / target: 61.71 100 * 50 / 50.00001 = 99.99998, 61.01 100 * 50 / 49.999995 =
    # 100.00001, both 100.0000 at 4 decimals; 61.02 100 * 60 / 50 = 120
    data = methodology_data()
    data["penghargaan_khusus"] = [
        {"id": i, "label": {"id": i, "en": i}, "kategori": "pemda", "aturan": {"indikator": "capaian_target", c: 100}}
        for i, c in (("min", "minimal"), ("max", "maksimal"))
    ]
    won = score_season(season, parse_methodology(data), ["61"]).penghargaan
    assert [(r.penghargaan, r.id_peserta) for r in won.itertuples()] == [
        ("min", "61.02"),
        ("min", "61.01"),
        ("min", "61.71"),  # 99.99998 is 100 at 4 decimals, as a score would be
        ("max", "61.71"),
        ("max", "61.01"),  # 100.00001 likewise
    ]
    data["aturan"]["desimal"] = 5  # 99.99998 and 100.00001 now: each meets one rule only
    won = score_season(season, parse_methodology(data), ["61"]).penghargaan
    assert [(r.penghargaan, r.id_peserta) for r in won.itertuples()] == [
        ("min", "61.02"),
        ("min", "61.01"),
        ("max", "61.71"),
    ]
    data["aturan"]["desimal"] = 0  # both sides at 0 decimals: a value equal to its limit always meets it
    data["penghargaan_khusus"] = [
        {"id": i, "label": {"id": i, "en": i}, "kategori": "pemda", "aturan": {"indikator": "capaian_target", c: v}}
        for i, c, v in (("min", "minimal", 100.4), ("over", "minimal", 100.6), ("max", "maksimal", 99.6))
    ]
    won = score_season(season, parse_methodology(data), ["61"]).penghargaan
    assert [(r.penghargaan, r.id_peserta) for r in won.itertuples()] == [
        ("min", "61.02"),
        ("min", "61.01"),
        ("min", "61.71"),
        ("over", "61.02"),
        ("max", "61.71"),
        ("max", "61.01"),
    ]


def test_a_limit_too_large_to_round_is_compared_as_it_is(hand_season: Season) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no overflow warning from scaling 1e305 by 10**4
        table = _awards(
            hand_season,
            ("pemda", {"indikator": "ucj", "maksimal": 1e305}),
            ("pemda", {"indikator": "ucj", "minimal": -1e305}),
            ("pemda", {"indikator": "ucj", "minimal": 1e305}),
        )
    assert table["penghargaan"].value_counts().to_dict() == {"a0": 5, "a1": 5}


def test_cli_writes_the_awards_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_season(tmp_path / "data", hand_tables())
    out = tmp_path / "penghargaan.csv"
    args = [
        "awards",
        "--season",
        "2025",
        "--data-dir",
        str(tmp_path / "data"),
        "--params-dir",
        str(DEFAULT_METHODOLOGY.parents[1]),
        "--out",
        str(out),
        "--lang",
        "en",
    ]
    assert main(args) == 0
    assert "3 winners of 3 special awards" in capsys.readouterr().out
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert list(CSV_COLUMNS) == ["penghargaan", "kategori", "kelompok", "id_peserta", "nama", "nilai", "alasan"]
    assert [(r["penghargaan"], r["id_peserta"], r["alasan"]) for r in rows] == [
        ("cakupan_penuh", "61.03", ""),
        ("anggaran_terbesar", "61.02", ""),
        ("anggaran_terbesar", "61.71", ""),
        ("inovasi_desa", "", TANPA_PEMENANG),  # no village was interviewed: the reports say "none"
    ]
    assert main([*args, "--province", "kalteng"]) == 0
    # nobody of Kalimantan Tengah won an award: each is still there, said to have no winner (the file was a header)
    assert out.read_text(encoding="utf-8").splitlines() == [
        ",".join(CSV_COLUMNS),
        "cakupan_penuh,pemda,,,,,tanpa_pemenang",
        "anggaran_terbesar,pemda,,,,,tanpa_pemenang",
        "inovasi_desa,desa,,,,,tanpa_pemenang",
    ]
    assert "0 winners of 3 special awards" in capsys.readouterr().out
    one = tmp_path / "satu.yaml"
    data = methodology_data()
    data["penghargaan_khusus"] = data["penghargaan_khusus"][:1]
    one.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main([*args, "--methodology", str(one)]) == 0
    assert "1 winner of 1 special award written" in capsys.readouterr().out  # it said "1 winners of 1 special awards"
    other = tmp_path / "m.yaml"
    data = methodology_data()
    data["penghargaan_khusus"][0]["aturan"] = {"indikator": "ucj", "minimal": 100, "terbesar": 1}
    other.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main([*args[:-2], "--methodology", str(other)]) == 1
    assert "penghargaan_khusus[0].aturan" in capsys.readouterr().err
