"""Derived lists: national-round nominees, coverage of 100% or more, largest APBD budget per province."""
from __future__ import annotations

import pandas as pd
import pytest

from paritrana_nb.awards import full_coverage, largest_apbd_budget, nominees
from paritrana_nb.engine import score_season
from scoring_fixtures import default_methodology, hand_season


def test_nominees_are_the_first_places_of_provincial_categories() -> None:
    scores = score_season(hand_season(), default_methodology())
    got = scores.nominasi.set_index(["kategori", "kode_provinsi"])["id_peserta"].to_dict()
    assert got == {
        ("pemda", "61"): "61.02", ("pemda", "62"): "62.01",
        ("desa", "61"): "61.02.01.2002", ("desa", "62"): "62.01.01.2001",
        ("bu_besar_menengah", "61"): "0000000002",
        ("bu_kecil_mikro", "61"): "0000000003", ("bu_kecil_mikro", "62"): "0000000004",
    }
    skor = scores.nominasi.set_index("id_peserta")["skor"]
    assert skor["61.02"] == pytest.approx(0.7 * 73.75 + 0.3 * 130 / 3)  # a finalist: skor_akhir
    assert skor["62.01"] == pytest.approx(50.0)  # desk stage: skor_dokumen


def test_tied_first_places_are_all_nominated() -> None:
    peserta = pd.DataFrame({
        "kategori": ["desa", "desa", "desa", "pemprov"], "kode_provinsi": ["61", "61", "61", "61"],
        "id_peserta": ["a", "b", "c", "61"], "nama": ["A", "B", "C", "P"], "tahap": ["dokumen"] * 4,
        "finalis": [False] * 4, "skor_dokumen": [80.0, 80.0, 70.0, 90.0], "skor_akhir": [float("nan")] * 4,
        "peringkat": pd.array([1, 1, 3, 1], dtype="Int64"),
    })
    assert nominees(peserta)["id_peserta"].tolist() == ["a", "b"]


def test_full_coverage_lists_ucj_of_100_or_more() -> None:
    out = full_coverage(hand_season())
    assert out["id_peserta"].tolist() == ["61.03"]
    assert out["ucj"].tolist() == pytest.approx([100 * 600 / 500])
    assert full_coverage(hand_season(), ["62"]).empty


def test_largest_apbd_budget_keeps_ties_and_skips_zero_budgets() -> None:
    out = largest_apbd_budget(hand_season())
    assert out["id_peserta"].tolist() == ["61.02", "61.71"]
    assert out["anggaran_iuran_apbd_rp"].tolist() == [100800000, 100800000]
    assert "62" not in set(out["kode_provinsi"])  # 62.01 budgeted nothing
