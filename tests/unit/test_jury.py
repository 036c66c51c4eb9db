"""Interview aggregation: 3 vs 4+ jurors, missing aspects, aspects the methodology does not know."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from paritrana_nb.jury import aggregate, aspect_means, check_aspects, run_means
from paritrana_nb.methodology import Methodology
from paritrana_nb.problems import ValidationReport


def _scores(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["kategori", "id_peserta", "juri", "aspek", "nilai"])
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="baris")
    return frame


def _one_aspect(values: list[float]) -> pd.DataFrame:
    return _scores([("pemda", "61.01", f"J{i}", "inovasi", v) for i, v in enumerate(values, start=1)])


def test_three_jurors_plain_mean() -> None:
    out = aspect_means(_one_aspect([60, 90, 75]))
    assert out["rerata"].tolist() == pytest.approx([(60 + 90 + 75) / 3])
    assert out["dipangkas"].tolist() == [False] and out["jumlah_juri"].tolist() == [3]


def test_four_jurors_drop_highest_and_lowest() -> None:
    out = aspect_means(_one_aspect([60, 90, 75, 80]))
    assert out["rerata"].tolist() == pytest.approx([(75 + 80) / 2])
    assert out["dipangkas"].tolist() == [True]
    assert out[["nilai_terendah", "nilai_tertinggi"]].to_numpy().tolist() == [[60, 90]]


def test_five_jurors_drop_only_one_of_equal_extremes() -> None:
    out = aspect_means(_one_aspect([50, 90, 50, 60, 90]))
    assert out["rerata"].tolist() == pytest.approx([(50 + 60 + 90) / 3])


def test_aggregate_counts_a_missing_aspect_as_zero_and_flags_it(default_methodology: Methodology) -> None:
    rows = [
        ("pemda", "61.02", j, a, v)
        for j, base in (("J1", 60), ("J2", 70), ("J3", 80))
        for a, v in (("inovasi", base), ("sinergi", base - 10))
    ]
    rows += [("desa", "61.01.01.2001", j, "inovasi", 70) for j in ("J1", "J2", "J3", "J4")]
    out = aggregate(_scores(rows), default_methodology, ["pemda", "desa"])
    pemda = out.aspek[out.aspek["kategori"] == "pemda"].set_index("aspek")
    assert list(pemda.index) == ["inovasi", "sinergi", "presentasi"]
    assert pemda.loc["inovasi", "rerata"] == pytest.approx((60 + 70 + 80) / 3)
    assert pemda.loc["sinergi", "rerata"] == pytest.approx((50 + 60 + 70) / 3)
    assert pemda.loc["presentasi", "rerata"] == 0 and bool(pemda.loc["presentasi", "tanpa_nilai"])
    assert pemda.loc["presentasi", "jumlah_juri"] == 0
    scores = out.peserta.set_index("id_peserta")
    assert scores.loc["61.02", "skor_wawancara"] == pytest.approx((70 + 60 + 0) / 3)
    assert scores.loc["61.02", "catatan_aspek"] == "presentasi: aspek_tanpa_nilai"
    # desa has two aspects; presentasi is missing
    assert scores.loc["61.01.01.2001", "skor_wawancara"] == pytest.approx((70 + 0) / 2)


def test_aggregate_ignores_categories_not_asked_for(default_methodology: Methodology) -> None:
    rows = [("pemprov", "61", "N1", "inovasi", 80.0)]
    out = aggregate(_scores(rows), default_methodology, ["pemda"])
    assert out.peserta.empty and out.aspek.empty


def test_unknown_aspect_is_an_error_with_row_and_column(default_methodology: Methodology) -> None:
    rows = [
        ("pemda", "61.01", "J1", "inovasi", 80),
        ("pemda", "61.01", "J1", "kreativitas", 70),
        ("desa", "61.01.01.2001", "J1", "sinergi", 60),
    ]
    report = ValidationReport(2025)
    check_aspects(_scores(rows), default_methodology, "wawancara.csv", report)
    assert [(p.code, p.file, p.row, p.column, p.value) for p in report.errors] == [
        ("E_JURY_UNKNOWN_ASPECT", "wawancara.csv", 3, "aspek", "kreativitas"),
        ("E_JURY_UNKNOWN_ASPECT", "wawancara.csv", 4, "aspek", "sinergi"),
    ]
    text = report.errors[1].message("en")
    assert text.startswith("wawancara.csv, row 4, column 'aspek':") and "Allowed aspects: inovasi, presentasi" in text


def test_an_aspect_written_by_its_name_is_an_error_naming_its_id(default_methodology: Methodology) -> None:
    """A juror who copied the name the score sheet shows (nama_aspek) into `aspek` is told the id to write, not to
    add the aspect to the methodology; a name of another category's aspect, or of none, is still unknown."""
    rows = [
        ("pemda", "61.01", "J1", "Innovation", 80),
        ("pemda", "61.01", "J1", "sinergi", 70),
        ("pemda", "61.01", "J1", "presentasi", 70),
        ("pemda", "61.02", "J1", "SINERGI", 60),
        ("pemda", "61.02", "J1", "kreativitas", 60),
        ("desa", "61.01.01.2001", "J1", "Sinergi", 60),
    ]
    report = ValidationReport(2025)
    check_aspects(_scores(rows), default_methodology, "wawancara.csv", report)
    assert [(p.code, p.row, p.value) for p in report.errors] == [
        ("E_JURY_ASPECT_LABEL", 2, "Innovation"),
        ("E_JURY_ASPECT_LABEL", 5, "SINERGI"),
        ("E_JURY_UNKNOWN_ASPECT", 6, "kreativitas"),
        ("E_JURY_UNKNOWN_ASPECT", 7, "Sinergi"),
    ]
    assert report.errors[0].message("en") == (
        "wawancara.csv, row 2, column 'aspek': 'Innovation' is the name of aspect 'inovasi' of category pemda, not "
        "its id: the aspek column takes the id (a juror score sheet shows the name beside it, in nama_aspek). Write "
        "inovasi."
    )
    assert "'SINERGI' adalah nama aspek 'sinergi' di kategori pemda, bukan id-nya" in report.errors[1].message("id")


def test_an_aspect_no_juror_scored_is_warned_of_per_finalist(default_methodology: Methodology) -> None:
    rows = [("pemda", "61.02", j, a, 70.0) for j in ("J1", "J2", "J3") for a in ("inovasi", "sinergi")]
    rows += [("pemda", "61.03", j, a, 70.0) for j in ("J1", "J2") for a in ("inovasi", "sinergi", "presentasi")]
    rows += [("pemda", "61.04", "J1", "presentasi", float("nan"))]  # a row, but no score
    rows += [("desa", "61.01.01.2001", "J1", a, 60.0) for a in ("inovasi", "presentasi")]
    report = ValidationReport(2025)
    check_aspects(_scores(rows), default_methodology, "wawancara.csv", report)
    assert not report.errors
    found = [(p.code, p.row, p.column, p.value, dict(p.fields)["aspek"]) for p in report.warnings]
    assert found == [
        ("W_ASPECT_UNSCORED", 2, "id_peserta", "61.02", "presentasi"),
        ("W_ASPECT_UNSCORED", 14, "id_peserta", "61.04", "inovasi"),
        ("W_ASPECT_UNSCORED", 14, "id_peserta", "61.04", "sinergi"),
        ("W_ASPECT_UNSCORED", 14, "id_peserta", "61.04", "presentasi"),
    ]
    text = report.warnings[0].message("en")
    assert "Finalist '61.02' of category pemda has no juror score for aspect presentasi: the aspect counts 0" in text


def test_run_means_sum_exactly_and_leave_missing_values_out() -> None:
    values = np.array([66.2, 73.0, 73.0, 0.1, np.nan, 0.2, np.nan, np.nan])
    means = run_means(values, np.array([0, 0, 0, 1, 1, 1, 2, 2]))
    assert means[0] == math.fsum([66.2, 73.0, 73.0]) / 3
    assert means[1] == 0.30000000000000004 / 2 == math.fsum([0.1, 0.2]) / 2
    assert np.isnan(means[2])
    assert len(run_means(np.zeros(0), np.zeros(0, dtype=np.int64))) == 0


def test_an_interview_score_depends_on_its_own_jurors_alone(default_methodology: Methodology) -> None:
    """A finalist's interview score is the same to the last bit whichever other categories are scored with it
    (pandas' grouped mean added a group's values one way or another depending on the whole frame: 10 of these 100
    finalists changed in their last digits)."""
    rng = np.random.default_rng(7)
    rows = [
        (kategori, f"{kategori}{p}", f"J{j}", aspek, float(rng.integers(400, 1000)) / 10)
        for kategori in default_methodology.categories()
        for p in range(20)
        for j in range(int(rng.integers(3, 8)))
        for aspek in default_methodology.kategori[kategori].aspect_ids
    ]
    wawancara = _scores(rows)
    key = ["kategori", "id_peserta"]
    whole = aggregate(wawancara, default_methodology, default_methodology.categories())
    alone = [aggregate(wawancara, default_methodology, [k]) for k in default_methodology.categories()]
    expected = pd.concat([part.peserta for part in alone]).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(whole.peserta, expected, check_exact=True)
    aspects = pd.concat([part.aspek for part in alone]).sort_values([*key, "urutan_aspek"]).reset_index(drop=True)
    ordered = whole.aspek.sort_values([*key, "urutan_aspek"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(ordered, aspects, check_exact=True)
