"""Who competes where: categories declared in the methodology (first match wins), ranking groups, checks."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import write_season
from paritrana_nb import methodology as methodology_module
from paritrana_nb import registry
from paritrana_nb.engine import score_season
from paritrana_nb.methodology import Methodology, load_methodology, parse_methodology
from paritrana_nb.problems import SeasonInvalid, ValidationReport
from paritrana_nb.season import Season, load_season
from scoring_fixtures import PROJECT, SMALL_METHODOLOGY, hand_tables, methodology_data, season_from


def _with_categories(**added: dict[str, object]) -> dict:
    """The default methodology's data with categories added in front (they match first)."""
    data = methodology_data()
    data["kategori"] = {**added, **data["kategori"]}
    return data


def _members(season: Season, methodology: Methodology) -> dict[str, list[str]]:
    found = registry.build(season, methodology)
    return {k: found.participants(k)["id_peserta"].tolist() for k in methodology.categories()}


def test_the_default_categories(default_methodology: Methodology, hand_season: Season) -> None:
    assert _members(hand_season, default_methodology) == {
        "pemda": ["61.01", "61.02", "61.03", "61.71", "62.01"],
        "desa": ["61.01.01.2001", "61.02.01.2002", "61.03.01.2007", "61.71.01.1002", "62.01.01.2001"],
        "bu_besar_menengah": ["0000000001", "0000000002"],
        "bu_kecil_mikro": ["0000000003", "0000000004"],
        "pemprov": ["61", "62"],
    }


def test_a_sector_category_is_carved_out_of_a_size_category_first_match_wins(hand_season: Season) -> None:
    trade = {
        **methodology_data()["kategori"]["bu_kecil_mikro"],
        "label": {"id": "Perdagangan", "en": "Trade"},
        "peserta": {"tabel": "badan_usaha", "sektor": ["  PERDAGANGAN "]},  # trimmed, any case
        "programmes_expected": ["jkk", "jkm"],
    }
    first = parse_methodology(_with_categories(bu_perdagangan=trade))
    members = _members(hand_season, first)
    assert members["bu_perdagangan"] == ["0000000003", "0000000004"]  # CV Tiga (kecil), UD Empat (mikro)
    assert members["bu_kecil_mikro"] == [] and members["bu_besar_menengah"] == ["0000000001", "0000000002"]
    scores = score_season(hand_season, first)
    assert set(scores.peserta.loc[scores.peserta["kategori"] == "bu_perdagangan", "id_peserta"]) == {
        "0000000003",
        "0000000004",
    }
    assert "bu_kecil_mikro" not in set(scores.peserta["kategori"])
    data = methodology_data()  # the same category last: the size category took them first
    data["kategori"]["bu_perdagangan"] = trade
    assert _members(hand_season, parse_methodology(data))["bu_perdagangan"] == []


def test_a_kelurahan_category(hand_season: Season) -> None:
    desa = methodology_data()["kategori"]["desa"]
    kelurahan = {
        **desa,
        "label": {"id": "Kelurahan", "en": "Urban wards"},
        "peserta": {"tabel": "desa", "jenis": ["kelurahan"]},
        "indicators": [i for i in desa["indicators"] if i["id"] in ("cakupan_desa", "perangkat")],
    }
    methodology = parse_methodology(_with_categories(kelurahan=kelurahan))
    members = _members(hand_season, methodology)
    assert members["kelurahan"] == ["61.71.01.1002"]  # 61.71.01.1002: last segment starts with 1
    assert "61.71.01.1002" not in members["desa"]
    scores = score_season(hand_season, methodology).peserta.set_index(["kategori", "id_peserta"])
    assert scores.loc[("kelurahan", "61.71.01.1002"), "skor_dokumen"] == pytest.approx((35 * 25 + 20 * 100) / 55)
    assert scores.loc[("kelurahan", "61.71.01.1002"), "peringkat"] == 1  # alone in its province


def _zoned(tables: dict[str, pd.DataFrame], zones: dict[str, str]) -> dict[str, pd.DataFrame]:
    wilayah = tables["wilayah"]
    wilayah["zona"] = wilayah["kode_wilayah"].map(zones).fillna("")
    return tables


def test_kelompok_zona_ranks_within_each_zone(tmp_path: Path, hand_season: Season) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["kelompok"] = "zona"
    methodology = parse_methodology(data)
    scores = score_season(hand_season, methodology)  # both provinces in zone Kalimantan: one group
    pemda = scores.peserta[scores.peserta["kategori"] == "pemda"]
    assert set(pemda["kelompok"]) == {"Kalimantan"}
    assert sorted(pemda["peringkat"].tolist()) == [1, 2, 3, 4, 5]
    # finalists 61.02, 61.01 first, then by desk score 61.03 (64.71), 62.01 (50), 61.71 (42.5)
    assert pemda.set_index("id_peserta").loc["62.01", "peringkat"] == 4
    season = season_from(_zoned(hand_tables(), {"61": "Barat", "62": "Tengah"}), tmp_path)
    split = score_season(season, methodology).peserta
    pemda = split[split["kategori"] == "pemda"].set_index("id_peserta")
    assert pemda.loc["62.01", ["kelompok", "peringkat"]].tolist() == ["Tengah", 1]
    assert pemda.loc["61.71", ["kelompok", "peringkat"]].tolist() == ["Barat", 4]
    pemprov = split[split["kategori"] == "pemprov"]
    assert pemprov["peringkat"].tolist() == [1, 1] and pemprov["kelompok"].tolist() == ["Barat", "Tengah"]


def test_kelompok_nasional_is_one_group(hand_season: Season) -> None:
    data = methodology_data()
    data["kategori"]["desa"]["kelompok"] = "nasional"
    scores = score_season(hand_season, parse_methodology(data), provinces=["62"])
    desa = scores.peserta[scores.peserta["kategori"] == "desa"]
    # the province filter keeps the rows, the rank is the national one: 62.01.01.2001 (desk 100) ranks first
    assert desa[["kelompok", "id_peserta", "peringkat"]].to_numpy().tolist() == [["nasional", "62.01.01.2001", 1]]


def test_a_missing_zone_is_an_error_naming_the_province(tmp_path: Path, default_methodology: Methodology) -> None:
    tables = _zoned(hand_tables(), {"61": "Kalimantan"})
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path, default_methodology).report
    assert [p.code for p in report.errors] == ["E_ZONE_MISSING"]
    problem = report.errors[0]
    assert (problem.file, problem.row, problem.column) == ("wilayah.csv", 7, "zona")
    assert "Province 62 Kalimantan Tengah has no zone, while category pemprov is ranked by zone" in problem.message(
        "en"
    )
    assert "Provinsi 62 Kalimantan Tengah tidak punya zona" in problem.message("id")
    with pytest.raises(SeasonInvalid):
        score_season(load_season(2025, tmp_path).season, default_methodology)
    data = methodology_data()
    data["kategori"]["pemprov"]["kelompok"] = "nasional"  # no zone category: no zone needed
    assert load_season(2025, tmp_path, parse_methodology(data)).report.ok


def test_participants_no_category_matches_are_warned_by_row(tmp_path: Path, hand_season: Season) -> None:
    data = methodology_data()
    data["kategori"]["bu_kecil_mikro"]["peserta"]["skala"] = ["kecil"]
    data["kategori"]["bu_kecil_mikro"]["programmes_expected"] = ["jkk", "jkm", "jht"]
    methodology = parse_methodology(data)
    write_season(tmp_path, hand_tables())
    report = load_season(2025, tmp_path, methodology).report
    assert report.ok
    warned = [p for p in report.warnings if p.code == "W_NO_CATEGORY"]
    assert [(p.file, p.row, p.column, p.value) for p in warned] == [("badan_usaha.csv", 5, "npp", "0000000004")]
    assert "UD Empat" in warned[0].message("en") and "matches no category" in warned[0].message("en")
    scores = score_season(hand_season, methodology)
    assert "0000000004" not in set(scores.peserta["id_peserta"])


def test_a_category_no_participant_falls_in_is_warned_naming_the_ones_that_took_them(hand_season: Season) -> None:
    trade = {
        **methodology_data()["kategori"]["bu_kecil_mikro"],
        "label": {"id": "Perdagangan", "en": "Trade"},
        "peserta": {"tabel": "badan_usaha", "sektor": ["perdagangan"]},
        "programmes_expected": ["jkk", "jkm"],
    }
    data = methodology_data()
    data["kategori"]["bu_perdagangan"] = trade  # after bu_kecil_mikro, which takes its two businesses
    data["kategori"]["bu_tambang"] = {
        **trade,
        "label": {"id": "Pertambangan", "en": "Mining"},
        "peserta": {"tabel": "badan_usaha", "sektor": ["pertambangan"]},
    }
    everything = {"label": {"id": "Semua", "en": "All"}, "peserta": {"tabel": "badan_usaha"}}
    data["kategori"]["bu_semua"] = {**trade, **everything}  # every business: taken by both categories before it
    report = ValidationReport(2025)
    registry.check(hand_season, parse_methodology(data), report)
    empty = [p for p in report.warnings if p.code == "W_EMPTY_CATEGORY"]
    assert [(p.column, dict(p.fields)["kategori"]) for p in empty] == [
        ("kategori.bu_perdagangan.peserta", "bu_perdagangan"),
        ("kategori.bu_tambang.peserta", "bu_tambang"),
        ("kategori.bu_semua.peserta", "bu_semua"),
    ]
    taken, none, every = (p.message("en") for p in empty)
    assert "Category bu_perdagangan has no participant" in taken
    assert "went to categories written before it: bu_kecil_mikro." in taken
    assert "went to categories" not in none and "Check its peserta filters" in none
    assert "went to categories written before it: bu_besar_menengah, bu_kecil_mikro." in every  # each one named
    report = ValidationReport(2025)
    registry.check(hand_season, parse_methodology(data), report, categories=["pemda"])
    assert not [p for p in report.warnings if p.code == "W_EMPTY_CATEGORY"]


def test_a_filter_value_no_row_holds_is_warned_though_another_value_matches(hand_season: Season) -> None:
    """`sektor: [perdagangan, perkebunnan]`: the good value filled the category, so nothing said the misspelt one
    matched no business (PT Satu, perkebunan, went to the size category instead)."""
    data = _with_categories(
        bu_sektor={
            **methodology_data()["kategori"]["bu_kecil_mikro"],
            "label": {"id": "Sektor", "en": "Sectors"},
            "peserta": {"tabel": "badan_usaha", "sektor": ["perdagangan", " Perkebunnan", "PERKEBUNAN "]},
            "programmes_expected": ["jkk", "jkm"],
        }
    )
    report = ValidationReport(2025)
    registry.check(hand_season, parse_methodology(data, "m/usulan.yaml"), report)
    [warned] = [p for p in report.warnings if p.code == "W_FILTER_VALUE_UNMATCHED"]
    assert (warned.file, warned.column, warned.value) == (
        "m/usulan.yaml",
        "kategori.bu_sektor.peserta.sektor[1]",
        " Perkebunnan",
    )
    assert dict(warned.fields)["existing"] == "perkebunan, perdagangan, konstruksi"  # the most alike first
    message = warned.message("en")
    assert message.startswith(
        "m/usulan.yaml, key 'kategori.bu_sektor.peserta.sektor[1]': The sektor value ' Perkebunnan'"
    )
    assert "matches no row of badan_usaha.csv for year 2024" in message
    assert "Nilai sektor ' Perkebunnan' pada kategori bu_sektor tidak cocok" in warned.message("id")
    empty = [dict(p.fields)["kategori"] for p in report.warnings if p.code == "W_EMPTY_CATEGORY"]
    assert empty == ["bu_kecil_mikro"]  # its two businesses trade: bu_sektor, before it, has them
    report = ValidationReport(2025)
    registry.check(hand_season, parse_methodology(data), report, categories=["pemda"])
    assert not [p for p in report.warnings if p.code == "W_FILTER_VALUE_UNMATCHED"]


def test_a_misspelt_sector_is_said_first_and_what_follows_from_it_in_a_few_lines() -> None:
    """A misspelt `sektor` on the bundled season: 20 "no category" warnings and 20 wawancara.csv errors (of 64 and
    483) came first, the warning that named the misspelling last, after "has no participant": it is now the first."""
    data = methodology_data()
    data["kategori"]["bu_besar_menengah"]["peserta"]["sektor"] = ["perdagangn"]
    season = load_season(2025, PROJECT / "data").season
    assert season is not None
    report = ValidationReport(2025)
    registry.check(season, parse_methodology(data, "params/2025/metodologi.yaml"), report)
    for lang, first, row, more in (
        ("en", "The sektor value 'perdagangn'", "row", "... and 463 more problems of the same kind (not a participant"),
        ("id", "Nilai sektor 'perdagangn'", "baris", "... dan 463 masalah serupa lainnya (bukan peserta kategori)."),
    ):
        lines = report.render(lang).splitlines()
        assert lines[0] == "== params/2025/metodologi.yaml" and first in lines[1], lines[:3]
        waw = lines.index("== wawancara.csv")
        assert [line.split(", ")[1] for line in lines[waw + 1 : waw + 4]] == [f"{row} {n}" for n in (151, 152, 153)]
        assert lines[waw + 21].startswith("  " + more), lines[waw + 19 : waw + 22]  # 20 of a kind, then a count


def test_the_methodology_warned_of_is_named_as_given_and_its_place_as_a_key(hand_season: Season) -> None:
    """A category left empty in `--methodology m/usulan.yaml` was said to be in `metodologi.yaml`, in a "column"."""
    data = methodology_data()
    data["kategori"]["bu_tambang"] = {
        **data["kategori"]["bu_kecil_mikro"],
        "label": {"id": "Pertambangan", "en": "Mining"},
        "peserta": {"tabel": "badan_usaha", "sektor": ["pertambangan"]},
        "programmes_expected": ["jkk", "jkm"],
    }
    report = ValidationReport(2025)
    registry.check(hand_season, parse_methodology(data, "m/usulan.yaml"), report)
    empty = next(p for p in report.warnings if p.code == "W_EMPTY_CATEGORY")
    assert empty.file == "m/usulan.yaml"
    assert empty.message("en").startswith("m/usulan.yaml, key 'kategori.bu_tambang.peserta': ")
    assert empty.message("id").startswith("m/usulan.yaml, kunci 'kategori.bu_tambang.peserta': ")
    assert parse_methodology(data, "m/usulan.yaml") == parse_methodology(data)  # the file is no part of it


def test_interview_categories_and_participants_are_checked_against_the_methodology(
    default_methodology: Methodology, hand_season: Season
) -> None:
    wawancara = hand_season.wawancara.copy()
    wawancara.loc[wawancara.index[0], "kategori"] = "pemkab"
    wawancara.loc[wawancara.index[1], "id_peserta"] = "0000000001"  # a business, interviewed as pemda
    report = ValidationReport(2025)
    registry.check(replace(hand_season, wawancara=wawancara), default_methodology, report)
    found = [(p.code, p.row, p.column, p.value) for p in report.errors]
    assert found == [
        ("E_JURY_UNKNOWN_CATEGORY", 2, "kategori", "pemkab"),
        ("E_JURY_UNKNOWN_PARTICIPANT", 3, "id_peserta", "0000000001"),
    ]
    allowed = "Allowed categories: pemda, desa, bu_besar_menengah, bu_kecil_mikro, pemprov"
    assert allowed in report.errors[0].message("en")


def test_an_interviewed_id_a_spreadsheet_shortened_says_which_participant_it_was(
    default_methodology: Methodology, hand_season: Season
) -> None:
    """npp 0000000001 stored as the number 1, or 61.10 as 61.1: the error names the participant it was and how to
    keep the zeros, instead of only "not a participant"."""
    wawancara = hand_season.wawancara.copy()
    wawancara.loc[wawancara.index[0], ["kategori", "id_peserta"]] = ["bu_besar_menengah", "1"]
    wawancara.loc[wawancara.index[3], ["kategori", "id_peserta"]] = ["bu_besar_menengah", "5"]  # no 0...05 (inovasi)
    report = ValidationReport(2025)
    registry.check(replace(hand_season, wawancara=wawancara), default_methodology, report)
    found = [(p.code, p.row, p.value) for p in report.errors]
    assert found == [("E_JURY_ID_LOST_ZERO", 2, "1"), ("E_JURY_UNKNOWN_PARTICIPANT", 5, "5")]
    assert "but 0000000001 is" in report.errors[0].message("en")
    assert "Teks lalu tulis 0000000001" in report.errors[0].message("id")
    assert registry._lost_zero("61.1", {"61.10", "61.01"}) == "61.10"
    assert registry._lost_zero("61.1", {"61.01"}) is None
    assert registry._lost_zero("7", {"07", "007"}) is None  # two candidates: none is named


def _with_interviews(tables: dict[str, pd.DataFrame], rows: list[tuple[object, ...]]) -> dict[str, pd.DataFrame]:
    """`tables` with `rows` (kategori, id_peserta, juri, aspek, nilai) after wawancara's own: from row 20 on."""
    wawancara = tables["wawancara"]
    assert len(wawancara) == 18
    tables["wawancara"] = pd.concat([wawancara, pd.DataFrame(rows, columns=wawancara.columns)], ignore_index=True)
    return tables


_PENDING_EN = "Some checks against the methodology wait for these errors to be fixed"
_PENDING_ID = "Sebagian pemeriksaan terhadap metodologi menunggu galat ini diperbaiki"


def test_a_season_with_errors_is_checked_against_the_methodology_where_its_cells_are_valid(
    tmp_path: Path, default_methodology: Methodology
) -> None:
    """An aspect, a category or a participant the methodology does not have is told in the run that tells of a
    juror's case and a duplicate row, not only in the next one; a bad aspek cell is told once (no unknown aspect)."""
    rows = [
        ("pemda", "61.01", "j1", "inovasi", 10),  # 20: J1 in another case
        ("pemda", "61.01", "J1", "sinergi", 10),  # 21: a duplicate of row 3
        ("pemda", "61.01", "J1", "Kreativitas", 10),  # 22: no such aspect
        ("pemda", "61.01", "J2", "", 10),  # 23: blank
        ("pemda", "61.01", "J2", "inovasi\x07", 10),  # 24: a control character
        ("pemda", "61.99", "J1", "inovasi", 10),  # 25: no such participant
        ("pemkab", "61.01", "J1", "inovasi", 10),  # 26: no such category
    ]
    write_season(tmp_path, _with_interviews(hand_tables(), rows))
    report = load_season(2025, tmp_path, default_methodology).report
    assert [(p.code, p.row, p.column) for p in sorted(report.errors, key=lambda p: p.row or 0)] == [
        ("E_JUROR_CASE", 20, "juri"),
        ("E_DUPLICATE_KEY", 21, "kategori"),
        ("E_JURY_UNKNOWN_ASPECT", 22, "aspek"),
        ("E_BLANK", 23, "aspek"),
        ("E_CONTROL_CHAR", 24, "aspek"),
        ("E_JURY_UNKNOWN_PARTICIPANT", 25, "id_peserta"),
        ("E_JURY_UNKNOWN_CATEGORY", 26, "kategori"),
    ]
    # wawancara has errors: whether a finalist lacks an aspect waits (61.02's presentasi, warned of once valid)
    assert "W_ASPECT_UNSCORED" not in {p.code for p in report.warnings}
    assert report.pending
    assert _PENDING_EN in report.render("en") and _PENDING_ID in report.render("id")


def test_a_table_with_errors_is_not_read_by_the_checks_against_the_methodology(
    tmp_path: Path, default_methodology: Methodology
) -> None:
    """With a bad cell in pemda.csv, whether a pemda is interviewed as a participant waits (a row refused would seem
    not to compete); the businesses' interviews and every aspect are checked."""
    tables = _with_interviews(
        hand_tables(),
        [
            ("pemda", "61.99", "J1", "inovasi", 10),  # 20: told once pemda.csv has no error
            ("pemda", "61.01", "J1", "kreativitas", 10),  # 21
            ("bu_besar_menengah", "0000000099", "J1", "inovasi", 10),  # 22
        ],
    )
    tables["pemda"] = tables["pemda"].astype({"penduduk_bekerja": object})
    tables["pemda"].loc[4, "penduduk_bekerja"] = "banyak"  # 61.01 in year T
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path, default_methodology).report
    assert sorted((p.file, p.code, p.row) for p in report.errors) == [
        ("pemda.csv", "E_NOT_NUMBER", 6),
        ("wawancara.csv", "E_JURY_UNKNOWN_ASPECT", 21),
        ("wawancara.csv", "E_JURY_UNKNOWN_PARTICIPANT", 22),
    ]
    assert report.pending and _PENDING_EN in report.render("en")
    tables["pemda"] = hand_tables()["pemda"]
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path, default_methodology).report
    assert ("E_JURY_UNKNOWN_PARTICIPANT", 20) in [(p.code, p.row) for p in report.errors]
    assert not report.pending and _PENDING_EN not in report.render("en")


def test_an_error_outside_the_tables_leaves_every_check_against_the_methodology_waiting(
    tmp_path: Path, default_methodology: Methodology
) -> None:
    """A wrong performance year in musim.yaml changes which rows are year T: nothing is checked against the
    methodology, and the report says more checks follow."""
    folder = write_season(tmp_path, _with_interviews(hand_tables(), [("pemda", "61.01", "J1", "kreativitas", 10)]))
    (folder / "musim.yaml").write_text("tahun_kinerja: 2019\n", encoding="utf-8")
    report = load_season(2025, tmp_path, default_methodology).report
    assert [p.code for p in report.errors] == ["E_META_YEAR"]
    assert report.pending and _PENDING_ID in report.render("id")


def test_a_methodology_of_another_season_is_refused(hand_season: Season) -> None:
    data = methodology_data()
    data["musim"] = 2024
    with pytest.raises(SeasonInvalid) as caught:
        score_season(hand_season, parse_methodology(data))
    assert [p.code for p in caught.value.report.errors] == ["M_SEASON_MISMATCH"]
    assert (
        "This methodology is for season 2024, while the data being scored are season 2025"
        in caught.value.report.errors[0].message("en")
    )


@pytest.mark.parametrize("zone", ["61-kalbar.html", "index.HTML", "Barat.csv"])
def test_a_zone_named_like_a_report_file_is_an_error(
    tmp_path: Path, default_methodology: Methodology, zone: str
) -> None:
    """Its folder of cards (`rapor`) stood where `run` writes the province report `61-kalbar.html`."""
    write_season(tmp_path, _zoned(hand_tables(), {"61": zone, "62": "Timur"}))
    report = load_season(2025, tmp_path, default_methodology).report
    assert [(p.code, p.column, p.value) for p in report.errors] == [("E_ZONE_FILE_NAME", "zona", zone)]
    assert "named like a report file" in report.errors[0].message("en")
    assert "seperti berkas laporan" in report.errors[0].message("id")


def test_text_order_is_the_stable_order_python_compares() -> None:
    # code points above U+FFFF, accents, digits before letters, upper before lower case; repeats keep their order
    texts = ["b", "é", "B", "a", "😀", "e", "\uff41", "10", "9", "a", "", "ab", "é", "\u00a0x"]
    order = registry.text_order(pd.Series(texts, dtype=object))
    assert order is not None
    expected = sorted(range(len(texts)), key=lambda i: texts[i])  # Python's sort is stable
    assert order.tolist() == expected
    in_order = [texts[i] for i in expected]  # in order already (ties too): kept as it is, not sorted again
    assert registry.text_order(pd.Series(in_order, dtype=object)).tolist() == list(range(len(texts)))  # type: ignore[union-attr]
    assert registry.text_order(pd.Series(["b", "a", "a"], dtype=object)).tolist() == [1, 2, 0]  # type: ignore[union-attr]


@pytest.mark.parametrize("values", [["b", None, "a"], ["b", 1, "a"], ["b", "\ud800", "a"]])
def test_text_order_leaves_what_is_not_all_text_to_pandas(values: list[object]) -> None:
    assert registry.text_order(pd.Series(values, dtype=object)) is None


@pytest.mark.parametrize(
    ("zona", "clash"),
    [
        ({"61": "Jawa/Bali", "62": "Jawa Bali"}, ("Jawa Bali", "Jawa/Bali")),
        ({"61": "Barat", "62": "BARAT"}, ("BARAT", "Barat")),
        ({"61": "Barat", "62": "61"}, ("61", "61")),
        ({"61": "nasional", "62": "Timur"}, ("nasional", "nasional")),
    ],
)
def test_zones_that_would_be_one_group_or_folder_are_an_error(
    tmp_path: Path, default_methodology: Methodology, zona: dict[str, str], clash: tuple[str, str]
) -> None:
    """Two zones, or a zone and a province code or `nasional`, that would share a ranking group and a folder of
    cards (their cards would overwrite each other's) are refused, naming both; zones that differ are not."""
    write_season(tmp_path, _zoned(hand_tables(), zona))
    report = load_season(2025, tmp_path, default_methodology).report
    assert [(p.code, p.column, p.value) for p in report.errors] == [("E_ZONE_NAME_CLASH", "zona", clash[0])]
    assert f"with '{clash[1]}'" in report.errors[0].message("en") and "zona" in report.errors[0].message("id").lower()
    write_season(tmp_path, _zoned(hand_tables(), {"61": "Jawa-Bali", "62": "Jawa Bali"}))
    assert load_season(2025, tmp_path, default_methodology).report.ok


def test_a_desa_adat_is_a_desa(tmp_path: Path) -> None:
    # Kemendagri numbers a desa adat (Jayapura's 91.03.01.3007) 3...: a desa, with village funds and a council
    tables = hand_tables()
    tables["wilayah"] = pd.concat(
        [
            tables["wilayah"],
            pd.DataFrame(
                [("91", "Papua", "provinsi", "91", "Papua"), ("91.03", "Kabupaten Jayapura", "kabupaten", "91", "")],
                columns=tables["wilayah"].columns,
            ),
        ],
        ignore_index=True,
    )
    adat = ("91.03.01.3007", "Desa Adat Yoboi", "91.03", 2024, 100, 50, 10, 5, 5, 5, 20, 4032000)
    tables["desa"] = pd.concat(
        [tables["desa"], pd.DataFrame([adat], columns=tables["desa"].columns)], ignore_index=True
    )
    season = season_from(tables, tmp_path)
    desa = methodology_data()["kategori"]["desa"]
    villages = {
        **desa,
        "label": {"id": "Desa saja", "en": "Villages only"},
        "peserta": {"tabel": "desa", "jenis": ["desa"]},
        "indicators": [
            {**i, "tidak_berlaku_untuk": ["desa"]} if i["id"] == "rentan_dana_desa" else i for i in desa["indicators"]
        ],
    }
    methodology = parse_methodology(_with_categories(desa_saja=villages))
    members = _members(season, methodology)
    assert "91.03.01.3007" in members["desa_saja"]
    assert "91.03.01.3007" not in members["desa"]
    scores = score_season(season, methodology).peserta.set_index(["kategori", "id_peserta"])
    # cakupan_desa 50 (35), perangkat 50 (20), bpd 100 (15); rentan_dana_desa does not apply to a desa
    assert scores.loc[("desa_saja", "91.03.01.3007"), "skor_dokumen"] == pytest.approx(
        (35 * 50 + 20 * 50 + 15 * 100) / 70
    )
    assert scores.loc[("desa_saja", "91.03.01.3007"), "peringkat"] == 1  # alone in province 91


@pytest.mark.parametrize(
    ("npps", "clash"),
    [
        (("AB/1", "AB_1"), ("AB_1", "AB/1")),  # `/` is written `_` in a file name
        (("ab1", "AB1"), ("AB1", "ab1")),  # one file on Windows and macOS
        (("0000000007", "0000000007.en"), ("0000000007.en", "0000000007")),  # its card is the other's English one
        (("Ä1", "Ö1"), ("Ö1", "Ä1")),  # both `_1`
    ],
)
def test_ids_whose_cards_would_have_one_file_name_are_an_error(
    tmp_path: Path, default_methodology: Methodology, npps: tuple[str, str], clash: tuple[str, str]
) -> None:
    """Two businesses whose cards would have the same file name (one card would overwrite the other, and the index
    would link both names to it) are refused, naming both; ids that differ in a letter, digit, `-` or `.` are not."""
    tables = hand_tables()
    tables["badan_usaha"].loc[[0, 1], "npp"] = npps
    write_season(tmp_path, tables)
    report = load_season(2025, tmp_path, default_methodology).report
    assert [(p.code, p.row, p.column, p.value) for p in report.errors] == [("E_CARD_NAME_CLASH", 3, "npp", clash[0])]
    assert f"of '{clash[1]}'" in report.errors[0].message("en") and "rapor" in report.errors[0].message("id").lower()
    tables["badan_usaha"].loc[[0, 1], "npp"] = ("AB-1", "AB.1")
    write_season(tmp_path, tables)
    assert load_season(2025, tmp_path, default_methodology).report.ok


def test_an_interviewed_id_stored_in_another_unicode_form_says_which_participant_it_was(
    default_methodology: Methodology, hand_season: Season
) -> None:
    """A business's npp typed in full width (pasted from a document), or a code so, looks like the participant's id
    but matched none: the error names the participant it is, instead of only "not a participant"."""
    wawancara = hand_season.wawancara.copy()
    full_width = "".join(chr(0xFF10 + int(digit)) for digit in "0000000001")
    wawancara.loc[wawancara.index[0], ["kategori", "id_peserta"]] = ["bu_besar_menengah", full_width]
    report = ValidationReport(2025)
    registry.check(replace(hand_season, wawancara=wawancara), default_methodology, report)
    found = [(p.code, p.row, p.column, p.value, dict(p.fields).get("found")) for p in report.errors]
    assert found == [("E_JURY_ID_FORM", 2, "id_peserta", full_width, "0000000001")]
    assert "characters are stored otherwise" in report.errors[0].message("en")
    assert "disimpan dengan cara lain" in report.errors[0].message("id")


def test_interview_scores_of_a_category_that_weighs_no_interview_are_warned_of(tmp_path: Path) -> None:
    """Jurors who scored 61.01 and 61.02 of pemda made them its finalists, ranked above 61.03 whatever the desk scores,
    though pemda's interview weighs 0 and their interview scores count for nothing: said once, at the methodology's
    key, with the count of the participants it concerns; nothing is said where the interview weighs something."""
    write_season(tmp_path, hand_tables())
    data = methodology_data()
    weighted = parse_methodology(data)
    data["kategori"]["pemda"]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    unweighted = parse_methodology(data)
    assert "W_JURY_UNWEIGHTED" not in {p.code for p in load_season(2025, tmp_path, weighted).report.warnings}
    found = [p for p in load_season(2025, tmp_path, unweighted).report.warnings if p.code == "W_JURY_UNWEIGHTED"]
    assert [(p.column, p.row) for p in found] == [("kategori.pemda.stage_weights.wawancara", None)]
    message = found[0].message("en")
    assert "Category pemda weighs no interview" in message and "scores 2 of its participants" in message
    assert "wawancara.csv" in message and "memberi nilai kepada 2 pesertanya" in found[0].message("id")


def test_a_special_award_on_an_aspect_of_a_category_that_weighs_no_interview_is_warned_of(tmp_path: Path) -> None:
    """`inovasi_desa` (the jury's best mean of desa's aspect inovasi) in a methodology where desa weighs no interview
    went, in silence, to nobody (awards: `tanpa_pemenang`), or to villages whose interview scores count for nothing:
    said once, at the award's key; nothing is said of it where desa weighs the interview."""
    write_season(tmp_path, hand_tables())
    data = methodology_data()
    weighted = parse_methodology(data)
    data["kategori"]["desa"]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    unweighted = parse_methodology(data)
    [index] = [i for i, a in enumerate(data["penghargaan_khusus"]) if a["id"] == "inovasi_desa"]
    assert "W_AWARD_UNWEIGHTED" not in {p.code for p in load_season(2025, tmp_path, weighted).report.warnings}
    found = [p for p in load_season(2025, tmp_path, unweighted).report.warnings if p.code == "W_AWARD_UNWEIGHTED"]
    assert [(p.column, p.row) for p in found] == [(f"penghargaan_khusus[{index}].aturan.aspek", None)]
    message = found[0].message("en")
    assert "Special award inovasi_desa looks at interview aspect inovasi of category desa" in message, message
    assert "wawancara.csv" in message and "Penghargaan khusus inovasi_desa" in found[0].message("id")


def test_interview_scores_of_a_category_without_aspects_are_errors_of_their_rows(tmp_path: Path) -> None:
    """pemda weighing no interview and listing no aspects: each of its interview scores would be
    E_JURY_UNKNOWN_ASPECT, "Allowed aspects: ." (an empty list), and warned of as making finalists (they make none).
    Each is its row's error saying the category assesses no aspect, and without them the season scores: pemda ranked
    by its desk score alone."""
    tables = hand_tables()
    write_season(tmp_path, tables)
    data = methodology_data()
    data["kategori"]["pemda"]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    del data["kategori"]["pemda"]["aspects"]
    methodology = parse_methodology(data)
    wawancara = tables["wawancara"]
    rows = [i + 2 for i, kategori in enumerate(wawancara["kategori"]) if kategori == "pemda"]
    report = load_season(2025, tmp_path, methodology).report
    errors = report.errors
    assert rows and [(p.code, p.row, p.column) for p in errors] == [("E_JURY_NO_ASPECTS", row, "aspek") for row in rows]
    assert "W_JURY_UNWEIGHTED" not in {p.code for p in report.warnings}  # they make no finalist: no aspect is scored
    assert "Category pemda weighs no interview and lists no interview aspects" in errors[0].message("en")
    assert "Kategori pemda tidak memakai wawancara" in errors[0].message("id")
    tables["wawancara"] = wawancara[wawancara["kategori"] != "pemda"]
    write_season(tmp_path, tables)
    season = load_season(2025, tmp_path, methodology).season
    assert season is not None
    pemda = score_season(season, methodology).peserta.query("kategori == 'pemda'")
    assert not pemda["finalis"].any() and pemda["skor_peringkat"].equals(pemda["skor_dokumen"])


def test_the_warnings_about_the_methodology_name_the_line_and_column_of_their_key(
    tmp_path: Path, hand_season: Season
) -> None:
    """They named the key path alone, as no other problem of the file did: each is now at its value's line and column,
    as the methodology's own problems are (through an alias or a merge key: where the alias is used); a methodology
    given as data names no line, as before."""
    path = tmp_path / "metodologi.yaml"
    path.write_text(SMALL_METHODOLOGY, encoding="utf-8")
    report = ValidationReport(2025)
    registry.check(hand_season, load_methodology(path), report)
    found = [(p.line, p.col, p.code, p.column) for p in report.warnings if p.file == str(path)]
    assert sorted(found) == [
        (17, 20, "W_JURY_UNWEIGHTED", "kategori.pemda.stage_weights.wawancara"),
        (30, 11, "W_FILTER_VALUE_UNMATCHED", "kategori.bu_kebun.peserta.sektor[2]"),
        (39, 14, "W_EMPTY_CATEGORY", "kategori.bu_tambang.peserta"),
        (39, 19, "W_FILTER_VALUE_UNMATCHED", "kategori.bu_tambang.peserta.sektor[2]"),
        (55, 14, "W_AWARD_UNWEIGHTED", "penghargaan_khusus[1].aturan.aspek"),
    ]
    unweighted = next(p for p in report.warnings if p.code == "W_JURY_UNWEIGHTED")
    assert unweighted.message("en").startswith(
        f"{path}, line 17, column 20, key 'kategori.pemda.stage_weights.wawancara': Category pemda weighs no interview"
    )
    assert unweighted.message("id").startswith(f"{path}, baris 17, kolom 20, kunci 'kategori.pemda.stage_weights")
    rendered = report.render("en").splitlines()
    first = rendered.index(f"== {path}") + 1
    places = [re.search(r"line (\d+), column (\d+)", said).groups() for said in rendered[first : first + 5]]
    assert places == [("17", "20"), ("30", "11"), ("39", "14"), ("39", "19"), ("55", "14")]  # in the file's order
    report = ValidationReport(2025)
    registry.check(hand_season, parse_methodology(yaml.safe_load(SMALL_METHODOLOGY), str(path)), report)
    assert [(p.line, p.col) for p in report.warnings if p.file == str(path)] == [(None, None)] * 5
    unweighted = next(p for p in report.warnings if p.code == "W_JURY_UNWEIGHTED")
    assert unweighted.message("en").startswith(f"{path}, key 'kategori.pemda.stage_weights.wawancara': Category")


def test_a_methodology_of_another_season_is_refused_at_the_line_of_its_season(
    tmp_path: Path, hand_season: Season
) -> None:
    path = tmp_path / "metodologi.yaml"
    path.write_text(SMALL_METHODOLOGY.replace("musim: 2025", "musim: 2024"), encoding="utf-8")
    report = ValidationReport(2025)
    registry.check(hand_season, load_methodology(path), report)
    [error] = report.errors
    assert (error.code, error.column, error.line, error.col) == ("M_SEASON_MISMATCH", "musim", 2, 8)
    assert error.message("en").startswith(f"{path}, line 2, column 8, key 'musim': This methodology is for season 2024")


def test_the_methodology_file_is_read_again_for_its_places_only_when_a_problem_names_a_key(
    tmp_path: Path, hand_season: Season, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A season with no such problem (the national season's `score`, benchmarked) costs no second reading of the file;
    one with five reads it once."""
    readings: list[str] = []
    read = methodology_module.load_yaml_places

    def counted(text: str) -> object:
        readings.append(text)
        return read(text)

    clean, warned = PROJECT / "params" / "2025" / "metodologi.yaml", tmp_path / "metodologi.yaml"
    warned.write_text(SMALL_METHODOLOGY, encoding="utf-8")
    methodologies = load_methodology(clean), load_methodology(warned)
    methodology_module._places_of.cache_clear()
    monkeypatch.setattr(methodology_module, "load_yaml_places", counted)
    report = ValidationReport(2025)
    registry.check(hand_season, methodologies[0], report)
    assert readings == [] and not [p for p in report.problems if p.file == str(clean)]
    registry.check(hand_season, methodologies[1], report)
    assert readings == [SMALL_METHODOLOGY] and len([p for p in report.problems if p.file == str(warned)]) == 5
