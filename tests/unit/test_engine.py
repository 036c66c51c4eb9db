"""score_season end to end on the hand season: every score, rank and explanation row, filters, CSV."""

from __future__ import annotations

import io
import os
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from paritrana_nb import registry
from paritrana_nb.cache import SeasonCache
from paritrana_nb.engine import (
    BOOLEAN_COLUMNS,
    CSV_COLUMNS,
    PESERTA_COLUMNS,
    DeskStage,
    SeasonScores,
    csv_bytes,
    csv_text,
    score_season,
    scores_key,
    store_score_csv,
    stored_score_csv,
    write_scores_csv,
)
from paritrana_nb.gaps import iter_gaps, what_it_takes
from paritrana_nb.messages import Ref, t
from paritrana_nb.methodology import Methodology, load_methodology, parse_methodology
from paritrana_nb.problems import SeasonInvalid, UnknownProvince, ValidationReport
from paritrana_nb.reliability import jury_reliability
from paritrana_nb.season import Season
from scoring_fixtures import SMALL_METHODOLOGY, methodology_data, methodology_with

# Desk scores worked out by hand (weights x normalised values / applicable weights).
DESK = {
    # ucj 50, growth +5 pp -> n 75, capaian 80, rentan 5% -> n 25, regulasi 80
    ("pemda", "61.01"): (30 * 50 + 20 * 75 + 15 * 80 + 20 * 25 + 15 * 80) / 100,
    # no T-1 row: ucj 60, capaian 120 -> 100, rentan 25% -> 100, regulasi 40
    ("pemda", "61.02"): (30 * 60 + 15 * 100 + 20 * 100 + 15 * 40) / (30 + 15 + 20 + 15),
    # target 0: ucj 120 -> 100, growth 100 % -> 120 % counts 0 above cakupan_maks 100 -> 50, rentan 0, regulasi 100
    ("pemda", "61.03"): (30 * 100 + 20 * 50 + 20 * 0 + 15 * 100) / (30 + 20 + 20 + 15),
    # T-1 working population 0: ucj 50, capaian 100, rentan 2.5% -> 12.5, regulasi 10
    ("pemda", "61.71"): (30 * 50 + 15 * 100 + 20 * 12.5 + 15 * 10) / (30 + 15 + 20 + 15),
    ("pemda", "62.01"): (30 * 50 + 20 * 100 + 15 * 100 + 20 * 0 + 15 * 0) / 100,
    ("desa", "61.01.01.2001"): (35 * 50 + 20 * 80 + 15 * 80 + 30 * 50) / 100,
    ("desa", "61.02.01.2002"): (35 * 70 + 20 * 60 + 15 * 80 + 30 * 40) / 100,
    ("desa", "61.03.01.2007"): (35 * 50 + 20 * 80 + 15 * 80 + 30 * 50) / 100,
    # a kelurahan: bpd and rentan_dana_desa do not apply (no BPD, no village funds)
    ("desa", "61.71.01.1002"): (35 * 25 + 20 * 100) / (35 + 20),
    ("desa", "62.01.01.2001"): (20 * 100 + 15 * 100) / (20 + 15),
    # program: jkk, jkm, jht, jp of the four expected (jkp is not expected) -> 100
    ("bu_besar_menengah", "0000000001"): (25 * 90 + 15 * 100 + 20 * 75 + 15 * 90 + 10 * 95 + 10 * 50) / 95,
    ("bu_besar_menengah", "0000000002"): (25 * 100 + 15 * 100 + 20 * 100 + 15 * 100 + 10 * 100 + 5 * 80 + 10 * 100)
    / 100,
    ("bu_kecil_mikro", "0000000003"): (35 * 100 + 25 * 100 * 2 / 3 + 25 * 0 + 15 * 100) / 100,
    ("bu_kecil_mikro", "0000000004"): (25 * 100 + 25 * 50 + 15 * 50) / (25 + 25 + 15),
    # ucj 50, growth +10 -> 100, capaian 100, rentan 10% -> 50, regulasi 70
    ("pemprov", "61"): (30 * 50 + 20 * 100 + 15 * 100 + 20 * 50 + 15 * 70) / 100,
    # ucj 40, growth -2 -> 40, capaian 50, rentan 5% -> 25, regulasi 0
    ("pemprov", "62"): (30 * 40 + 20 * 40 + 15 * 50 + 20 * 25 + 15 * 0) / 100,
}
INTERVIEW = {"61.01": (75 + 70 + 85) / 3, "61.02": (70 + 60 + 0) / 3}


@pytest.fixture(scope="module")
def scores(hand_season: Season, default_methodology: Methodology) -> SeasonScores:
    return score_season(hand_season, default_methodology)


def test_desk_scores(scores) -> None:
    got = scores.peserta.set_index(["kategori", "id_peserta"])["skor_dokumen"].to_dict()
    assert got == pytest.approx(DESK)
    assert scores.peserta["dinilai"].all()


def test_interview_and_final_scores(scores) -> None:
    pemda = scores.peserta[scores.peserta["kategori"] == "pemda"].set_index("id_peserta")
    for pid, wawancara in INTERVIEW.items():
        assert pemda.loc[pid, "skor_wawancara"] == pytest.approx(wawancara)
        assert pemda.loc[pid, "skor_akhir"] == pytest.approx(0.7 * DESK[("pemda", pid)] + 0.3 * wawancara)
        assert pemda.loc[pid, "finalis"]
    assert pemda.loc[["61.03", "61.71", "62.01"], ["skor_wawancara", "skor_akhir"]].isna().all().all()


def test_rows_are_sorted_and_ranked(scores) -> None:
    table = scores.peserta[["kategori", "kode_provinsi", "id_peserta", "tahap", "peringkat", "usulan_shortlist"]]
    assert [tuple(r) for r in table.itertuples(index=False)] == [
        # finalists first (61.02 64.625 > 61.01 64.3), then non-finalists by desk score
        ("pemda", "61", "61.02", "wawancara", 1, False),
        ("pemda", "61", "61.01", "wawancara", 2, False),
        ("pemda", "61", "61.03", "wawancara", 3, False),
        ("pemda", "61", "61.71", "wawancara", 4, False),
        ("pemda", "62", "62.01", "dokumen", 1, True),
        # equal 60.5: tie-break cakupan 70 > 50; Satu and Tiga still equal -> 1, 2, 2, 4
        ("desa", "61", "61.02.01.2002", "dokumen", 1, True),
        ("desa", "61", "61.01.01.2001", "dokumen", 2, True),
        ("desa", "61", "61.03.01.2007", "dokumen", 2, True),
        ("desa", "61", "61.71.01.1002", "dokumen", 4, True),
        ("desa", "62", "62.01.01.2001", "dokumen", 1, True),
        ("bu_besar_menengah", "61", "0000000002", "dokumen", 1, True),
        ("bu_besar_menengah", "61", "0000000001", "dokumen", 2, True),
        ("bu_kecil_mikro", "61", "0000000003", "dokumen", 1, True),
        ("bu_kecil_mikro", "62", "0000000004", "dokumen", 1, True),
        # provincial governments rank nationally
        ("pemprov", "61", "61", "dokumen", 1, True),
        ("pemprov", "62", "62", "dokumen", 2, True),
    ]
    # provincial governments rank by zone: both provinces are in zone Kalimantan
    assert set(scores.peserta.loc[scores.peserta["kategori"] == "pemprov", "kelompok"]) == {"Kalimantan"}
    assert set(scores.peserta.loc[scores.peserta["kategori"] == "pemda", "kelompok"]) == {"61", "62"}
    assert list(scores.peserta.columns) == list(PESERTA_COLUMNS)
    ranked_by = np.where(scores.peserta["finalis"], scores.peserta["skor_akhir"], scores.peserta["skor_dokumen"])
    assert scores.peserta["skor_peringkat"].tolist() == ranked_by.tolist()
    assert scores.peserta["nama"].iloc[0] == "Kabupaten Dua"


def test_notes_explain_not_applicable_indicators_and_missing_aspects(scores) -> None:
    notes = scores.peserta.set_index("id_peserta")["catatan"]
    assert notes["61.02"] == "ucj_naik: tanpa_data_tahun_lalu; presentasi: aspek_tanpa_nilai"
    assert notes["61.71"] == "ucj_naik: penyebut_nol_tahun_lalu"
    assert notes["62.01.01.2001"] == "cakupan_desa: penyebut_nol; rentan_dana_desa: penyebut_nol"
    assert notes["61.71.01.1002"] == "bpd: tidak_berlaku_kelurahan; rentan_dana_desa: tidak_berlaku_kelurahan"
    assert notes["0000000001"] == "vendor_patuh: kosong"
    assert pd.isna(notes["61.01"])


def test_indicator_rows_explain_every_score(scores) -> None:
    ind = scores.indikator
    assert len(ind) == 5 * 5 + 5 * 4 + 2 * 7 + 2 * 4 + 2 * 5
    by_participant = ind.groupby(["kategori", "id_peserta"])
    assert by_participant["kontribusi"].sum().to_dict() == pytest.approx(DESK)
    assert by_participant["bobot_efektif"].sum().to_dict() == pytest.approx(dict.fromkeys(DESK, 1.0))
    row = ind[(ind["id_peserta"] == "61.02") & (ind["indikator"] == "capaian_target")].iloc[0]
    assert (row["nilai"], row["n"], row["bobot"]) == pytest.approx((120, 100, 15))
    assert row["bobot_efektif"] == pytest.approx(15 / 80) and row["kontribusi"] == pytest.approx(15 * 100 / 80)
    gap = ind[(ind["id_peserta"] == "61.02") & (ind["indikator"] == "ucj_naik")].iloc[0]
    assert not gap["berlaku"] and gap["alasan"] == "tanpa_data_tahun_lalu" and np.isnan(gap["nilai"])
    assert gap["kontribusi"] == 0 and gap["bobot"] == 20
    assert ind.loc[~ind["berlaku"], "alasan"].notna().all() and ind.loc[ind["berlaku"], "alasan"].isna().all()


def test_interview_rows(scores) -> None:
    w = scores.wawancara
    assert w[["id_peserta", "aspek"]].to_numpy().tolist() == [
        ["61.02", "inovasi"],
        ["61.02", "sinergi"],
        ["61.02", "presentasi"],
        ["61.01", "inovasi"],
        ["61.01", "sinergi"],
        ["61.01", "presentasi"],
    ]
    assert w["rerata"].tolist() == pytest.approx([70, 60, 0, 75, 70, 85])
    assert w["tanpa_nilai"].tolist() == [False, False, True, False, False, False]
    assert w["dipangkas"].tolist() == [False, False, False, True, True, True]
    assert set(w["kode_provinsi"]) == {"61"}


def test_methodology_table(scores) -> None:
    table = scores.metodologi
    assert table.groupby("kategori")["bobot_pct"].sum().to_dict() == pytest.approx(
        dict.fromkeys(("pemda", "desa", "bu_besar_menengah", "bu_kecil_mikro", "pemprov"), 100.0)
    )
    ucj = table[(table["kategori"] == "pemda") & (table["indikator"] == "ucj")].iloc[0]
    assert ucj["rumus"].startswith("100 * (peserta_pu") and ucj["penentu_seri"]
    assert scores.indicator_ids()[:5] == ["ucj", "ucj_naik", "capaian_target", "rentan_apbd", "regulasi"]


def test_formulas_are_in_no_language(scores) -> None:
    """The formula the Indonesian and the English reports show alike: column names and numbers, no English words
    ("programmes enrolled / programmes expected", "blank = not applicable" stood in the Indonesian report)."""
    table = scores.metodologi.set_index(["kategori", "indikator"])["rumus"]
    assert table["bu_besar_menengah", "program"] == "100 * (jkk + jkm + jht + jp) / 4"
    assert table["bu_kecil_mikro", "program"] == "kecil: 100 * (jkk + jkm + jht) / 3; mikro: 100 * (jkk + jkm) / 2"
    assert table["bu_besar_menengah", "vendor_patuh"] == "vendor_patuh_pct"
    words = {w for rumus in table for w in re.findall(r"[a-z]+", rumus)}
    assert not words & {"blank", "not", "applicable", "programmes", "enrolled", "expected"}, words


def test_participant_without_applicable_indicator_is_listed_not_ranked(hand_season: Season) -> None:
    pemda = methodology_data()["kategori"]["pemda"]
    pemda["indicators"] = [i for i in pemda["indicators"] if i["id"] == "capaian_target"]
    pemda["tie_break"] = "capaian_target"
    scores = score_season(hand_season, methodology_with({"pemda": pemda}), categories=["pemda"])
    table = scores.peserta.set_index("id_peserta")
    assert not table.loc["61.03", "dinilai"]
    assert table.loc["61.03", "alasan_tidak_dinilai"] == "tanpa_indikator_berlaku"
    assert pd.isna(table.loc["61.03", "peringkat"]) and np.isnan(table.loc["61.03", "skor_dokumen"])
    assert table.loc["61.71", "dinilai"] and table.loc["61.71", "peringkat"] == 3
    assert list(scores.peserta["id_peserta"])[:4] == ["61.02", "61.01", "61.71", "61.03"]  # unranked last
    assert scores.peserta["alasan_tidak_dinilai"].notna().sum() == 1


def test_province_and_category_filters(default_methodology: Methodology, hand_season: Season) -> None:
    scores = score_season(hand_season, default_methodology, provinces=["62"])
    assert set(scores.peserta["kode_provinsi"]) == {"62"}
    pemprov = scores.peserta[scores.peserta["kategori"] == "pemprov"]
    assert pemprov["peringkat"].tolist() == [2]  # still the rank in its zone
    assert set(scores.indikator["kode_provinsi"]) == {"62"}
    assert scores.penghargaan.empty  # 62.01: coverage 50 %, no budget; no village finalist
    only = score_season(hand_season, default_methodology, categories=["desa"])
    assert set(only.peserta["kategori"]) == {"desa"}
    assert only.indicator_ids() == ["cakupan_desa", "perangkat", "bpd", "rentan_dana_desa"]
    assert only.wawancara.empty


def test_a_province_is_given_by_code_or_short_name(default_methodology: Methodology, hand_season: Season) -> None:
    by_code = score_season(hand_season, default_methodology, provinces=["62"]).peserta
    pd.testing.assert_frame_equal(
        score_season(hand_season, default_methodology, provinces=["kalteng"]).peserta, by_code
    )
    pd.testing.assert_frame_equal(score_season(hand_season, default_methodology, provinces="62").peserta, by_code)


@pytest.mark.parametrize("value", ["99", "11", "kalbr"])
def test_a_province_the_season_does_not_hold_is_refused_naming_its_provinces(
    default_methodology: Methodology, hand_season: Season, value: str
) -> None:
    """score_season(provinces=["99"]) kept no row without a word (the command line refuses such a --province first);
    every function of the API that keeps some provinces refuses it so, with the command line's message."""
    scores = score_season(hand_season, default_methodology)
    calls = {
        "score_season": lambda: score_season(hand_season, default_methodology, provinces=[value]),
        "what_it_takes": lambda: what_it_takes(hand_season, default_methodology, scores, provinces=["61", value]),
        "iter_gaps": lambda: iter_gaps(hand_season, default_methodology, scores, provinces=[value]),  # not at next()
        "jury_reliability": lambda: jury_reliability(hand_season, default_methodology, scores, provinces=[value]),
    }
    hint = Ref("hint.did_you_mean", found="kalbar") if value == "kalbr" else ""
    for name, call in calls.items():
        with pytest.raises(UnknownProvince) as refused:
            call()
        fields = {"value": value, "allowed": "61 (kalbar), 62 (kalteng)", "hint": hint}
        assert str(refused.value) == t("cli.unknown_province", "id", **fields), name
        assert str(refused.value.translated("en")) == t("cli.unknown_province", "en", **fields), name
    assert str(refused.value.translated("en")).startswith(f"Province '{value}' is not known.")


@pytest.mark.parametrize(
    ("provinces", "categories"), [(None, None), (["62"], None), (["61"], ["desa", "pemprov"]), (None, [])]
)
def test_the_indicator_table_is_built_when_first_read_and_the_csv_needs_it_not(
    default_methodology: Methodology, hand_season: Season, provinces: list[str] | None, categories: list[str] | None
) -> None:
    """score_season keeps the desk stage; the CSV and the wide table come from it without building the indikator
    table, and are the same as from the built table; the table is built once, when first read."""
    import pickle

    scores = score_season(hand_season, default_methodology, provinces, categories)
    assert isinstance(scores.__dict__["_indikator"], DeskStage)
    data, wide = csv_bytes(scores), scores.wide()
    restored = pickle.loads(pickle.dumps(scores))  # noqa: S301 - our own bytes, as a report worker receives them
    assert isinstance(scores.__dict__["_indikator"], DeskStage)  # neither built it
    table = scores.indikator
    assert scores.__dict__["_indikator"] is table and scores.indikator is table  # built once, the stage let go
    built = replace(scores, indikator=table.copy())
    assert csv_bytes(built) == data
    pd.testing.assert_frame_equal(built.wide(), wide)
    pd.testing.assert_frame_equal(restored.indikator, table)
    assert len(table) == sum(len(default_methodology.kategori[k].indicator_ids) for k in scores.peserta["kategori"])


def test_no_category_gives_empty_tables(default_methodology: Methodology, hand_season: Season) -> None:
    scores = score_season(hand_season, default_methodology, categories=[])
    assert scores.peserta.empty and scores.indikator.empty and scores.wawancara.empty
    assert csv_text(scores) == ",".join(CSV_COLUMNS) + "\n"


def test_a_season_without_interviews_is_in_the_desk_stage(
    default_methodology: Methodology,
    hand_season: Season,
) -> None:
    scores = score_season(replace(hand_season, wawancara=hand_season.wawancara.iloc[0:0]), default_methodology)
    assert set(scores.peserta["tahap"]) == {"dokumen"} and not scores.peserta["finalis"].any()
    pemda61 = scores.peserta[(scores.peserta["kategori"] == "pemda") & (scores.peserta["kode_provinsi"] == "61")]
    assert pemda61["id_peserta"].tolist() == ["61.02", "61.03", "61.01", "61.71"]  # 73.75, 64.71, 59, 42.5


def test_unknown_interview_aspect_raises_with_the_report(
    default_methodology: Methodology,
    hand_season: Season,
) -> None:
    wawancara = hand_season.wawancara.copy()
    wawancara.loc[wawancara.index[0], "aspek"] = "kreativitas"
    with pytest.raises(SeasonInvalid) as caught:
        score_season(replace(hand_season, wawancara=wawancara), default_methodology)
    problem = caught.value.report.errors[0]
    assert (problem.code, problem.file, problem.row, problem.column) == (
        "E_JURY_UNKNOWN_ASPECT",
        "wawancara.csv",
        2,
        "aspek",
    )


def test_wide_table(scores) -> None:
    wide = scores.wide()
    ids = scores.indicator_ids()
    assert list(wide.columns) == [*CSV_COLUMNS, *[c for i in ids for c in (i, f"n_{i}")]]
    # the ranking group right after the province; the score ranked by is not a CSV column
    assert list(wide.columns[:5]) == ["musim", "kategori", "kode_provinsi", "kelompok", "id_peserta"]
    assert "skor_peringkat" not in wide
    row = wide.set_index("id_peserta").loc["0000000001"]
    assert row["kepesertaan"] == pytest.approx(90) and np.isnan(row["vendor_patuh"]) and np.isnan(row["ucj"])
    assert row["n_csr_rentan"] == pytest.approx(50)


def test_csv_is_plain_full_precision_and_deterministic(
    scores, tmp_path: Path, default_methodology: Methodology, hand_season: Season
) -> None:
    text = csv_text(scores)
    back = pd.read_csv(io.StringIO(text), dtype={"kode_provinsi": str, "id_peserta": str, "kelompok": str})
    assert back["skor_dokumen"].tolist() == scores.peserta["skor_dokumen"].tolist()  # exact round trip
    cells = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    for column in BOOLEAN_COLUMNS:  # written as the words true and false
        assert set(cells[column]) <= {"true", "false"}, column
    assert set(cells["finalis"]) == {"true", "false"} and "True" not in text
    first = write_scores_csv(scores, tmp_path / "out" / "s.csv").read_bytes()
    again = write_scores_csv(score_season(hand_season, default_methodology), tmp_path / "out" / "s.csv")
    assert again.read_bytes() == first == text.encode("utf-8")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["s.csv"]
    umask = os.umask(0)
    os.umask(umask)
    assert again.stat().st_mode & 0o777 == 0o666 & ~umask  # not the 0600 of a private temporary file


def test_input_row_order_does_not_matter(scores, default_methodology: Methodology, hand_season: Season) -> None:
    shuffled = {
        name: getattr(hand_season, name).sample(frac=1, random_state=7)
        for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara")
    }
    again = score_season(replace(hand_season, **shuffled), default_methodology)
    assert csv_text(again) == csv_text(scores)
    pd.testing.assert_frame_equal(again.indikator, scores.indikator)
    pd.testing.assert_frame_equal(again.wawancara, scores.wawancara)


def test_national_group_is_listed_in_rank_order_and_lower_direction_applies(hand_season: Season) -> None:
    pemprov = methodology_data()["kategori"]["pemprov"]
    regulasi = next(i for i in pemprov["indicators"] if i["id"] == "regulasi")
    pemprov["indicators"] = [{**regulasi, "direction": "lower"}]
    pemprov["tie_break"] = "regulasi"
    scores = score_season(hand_season, methodology_with({"pemprov": pemprov}), categories=["pemprov"])
    table = scores.peserta
    assert table["id_peserta"].tolist() == ["62", "61"] and table["peringkat"].tolist() == [1, 2]
    # regulasi 0 (62) and 70 (61) with "lower is better" on [0, 100]
    assert table["skor_dokumen"].tolist() == pytest.approx([100 * (100 - 0) / 100, 100 * (100 - 70) / 100])


def test_juror_trimming_starts_at_the_methodology_count(hand_season: Season) -> None:
    # 61.01 has four jurors: presentasi 100, 50, 80, 90 -> 85 trimmed (80, 90), 80 untrimmed; inovasi 75 either way
    data = methodology_data()
    data["aturan"]["pangkas_juri_mulai"] = 5
    scores = score_season(hand_season, parse_methodology(data), categories=["pemda"])
    row = scores.peserta.set_index("id_peserta").loc["61.01"]
    assert row["skor_wawancara"] == pytest.approx((75 + 70 + 80) / 3)
    assert row["skor_akhir"] == pytest.approx(0.7 * DESK[("pemda", "61.01")] + 0.3 * (75 + 70 + 80) / 3)
    assert not scores.wawancara["dipangkas"].any()


def test_a_season_checked_on_loading_is_not_checked_again(
    small_season: Path, default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch
) -> None:
    """score_season takes the registry load_season built for this season and methodology (the CLI passes it on);
    for another methodology or season it checks afresh."""
    from paritrana_nb import registry
    from paritrana_nb.engine import csv_text, score_season
    from paritrana_nb.season import load_season

    loaded = load_season(2025, small_season, default_methodology)
    assert loaded.season is not None and loaded.registry is not None
    calls: list[int] = []
    check = registry.check
    monkeypatch.setattr(registry, "check", lambda *args, **kwargs: calls.append(1) or check(*args, **kwargs))
    expected = csv_text(score_season(loaded.season, default_methodology))
    assert len(calls) == 1
    assert csv_text(score_season(loaded.season, default_methodology, checked=loaded.registry)) == expected
    assert len(calls) == 1
    score_season(loaded.season, default_methodology.model_copy(), checked=loaded.registry)
    other = load_season(2025, small_season).season
    assert other is not None
    score_season(other, default_methodology, checked=loaded.registry)
    assert len(calls) == 3


def test_long_rows_are_placed_in_order_by_object_identity_and_by_value(
    bundled_season: Season, default_methodology: Methodology
) -> None:
    """score_season repeats peserta's own key objects in the long table (so the cheap identity check places its
    rows); equal keys held by other objects are placed the same by value; a long table out of order is not."""
    from paritrana_nb.engine import KEY, _rows_in_order, _runs_of
    from paritrana_nb.outputs import object_addresses

    scores = score_season(bundled_season, default_methodology)
    peserta, indikator = scores.peserta, scores.indikator

    def addresses(frame: pd.DataFrame) -> list[np.ndarray]:
        return [object_addresses(frame[c].to_numpy(dtype=object)) for c in KEY]

    by_identity = _runs_of(addresses(indikator), addresses(peserta))
    assert by_identity is not None
    copies = indikator.assign(**{c: indikator[c].map(lambda s: (s + "\0")[:-1]) for c in KEY})
    assert _runs_of(addresses(copies), addresses(peserta)) is None  # other objects: the identity check fails
    by_value = _rows_in_order(peserta, copies)
    assert by_value is not None and np.array_equal(by_value, by_identity)
    keys = peserta[KEY].iloc[by_value].reset_index(drop=True)
    assert keys.equals(copies[KEY].reset_index(drop=True))
    assert _rows_in_order(peserta, indikator.iloc[::-1].reset_index(drop=True)) is None


def test_category_rows_are_runs_or_the_rows_that_hold_them() -> None:
    from paritrana_nb.engine import _category_rows

    runs = _category_rows(np.array(["desa", "desa", "pemda", "bu", "bu", "bu"], dtype=object))
    assert runs == {"desa": slice(0, 2), "pemda": slice(2, 3), "bu": slice(3, 6)}
    split = _category_rows(np.array(["desa", "pemda", "desa"], dtype=object))
    assert {k: v.tolist() for k, v in split.items()} == {"desa": [0, 2], "pemda": [1]}  # type: ignore[union-attr]
    assert _category_rows(np.array([], dtype=object)) == {}


def test_the_kept_score_csv_names_the_lines_of_the_methodology_file_in_use(tmp_path: Path, hand_season: Season) -> None:
    """The score CSV is kept for the methodology's content (scores_key): a comment added at the top of the file moved
    each key a line down, and the warnings a warm `score` read back named the lines of the file it was made with."""
    made, edited = tmp_path / "metodologi.yaml", tmp_path / "usulan.yaml"
    made.write_text(SMALL_METHODOLOGY, encoding="utf-8")
    edited.write_text("# bobot wawancara pemda 0 / pemda's interview weighs 0\n" + SMALL_METHODOLOGY, encoding="utf-8")
    before, after = load_methodology(made), load_methodology(edited)
    assert scores_key("musim", after) == scores_key("musim", before)
    report = ValidationReport(2025)
    registry.check(hand_season, before, report)
    cache = SeasonCache(tmp_path / "cache")
    store_score_csv(cache, "musim", before, b"csv", (11, 0), report)

    def unweighted(methodology: Methodology) -> list[tuple[str, int | None, int | None]]:
        stored = stored_score_csv(cache, "musim", methodology)
        assert stored is not None
        return [(p.file, p.line, p.col) for p in stored.report.warnings if p.code == "W_JURY_UNWEIGHTED"]

    assert unweighted(before) == [(str(made), 17, 20)]
    assert unweighted(after) == [(str(edited), 18, 20)]
    assert unweighted(parse_methodology(yaml.safe_load(SMALL_METHODOLOGY))) == [("metodologi.yaml", None, None)]
