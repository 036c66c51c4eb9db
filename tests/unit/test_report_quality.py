"""report/quality: each validation problem goes to the report of the province its row is in, in row order, named by
the participant its row is about."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pandas as pd

from paritrana_nb.engine import score_season
from paritrana_nb.messages import Ref, t
from paritrana_nb.methodology import Methodology
from paritrana_nb.problems import KEEP_PER_KIND, Problem, ValidationReport
from paritrana_nb.report.quality import in_row_order, participant_of_row, problems_by_province
from paritrana_nb.report.sections import not_applicable_counts
from paritrana_nb.templating import render
from scoring_fixtures import season_from, small_season_tables


def test_each_problem_goes_to_the_province_of_its_row(tmp_path: Path, default_methodology: Methodology) -> None:
    season = season_from(small_season_tables(), tmp_path)
    scores = score_season(season, default_methodology)

    def row(table: str, **match: object) -> int:
        """The spreadsheet row (the frames' index) of the one row of `table` matching `match`."""
        frame = getattr(season, table)
        hit = frame.index[(frame[list(match)] == list(match.values())).all(axis=1)]
        assert len(hit) == 1, (table, match)
        return int(hit[0])

    report = ValidationReport(2025)
    placed = [  # (file, row, the group expected)
        ("pemda.csv", row("pemda", kode_wilayah="65.03", tahun=2024), "65"),
        ("wilayah.csv", row("wilayah", kode_wilayah="61.10"), "61"),
        ("desa.csv", row("desa", kode_desa="61.04.01.2011"), "61"),
        ("badan_usaha.csv", row("badan_usaha", npp="1012345604"), "65"),  # Warung Ibu Sari, 65.03
        ("wawancara.csv", row("wawancara", kategori="pemda", id_peserta="61.71", juri="J2", aspek="sinergi"), "61"),
        (
            "wawancara.csv",
            row("wawancara", kategori="desa", id_peserta="61.04.01.2011", juri="J1", aspek="inovasi"),
            "61",
        ),
        # provincial governments are ranked by zone, wider than a province: the national report shows it
        (
            "wawancara.csv",
            row("wawancara", kategori="pemprov", id_peserta="65", juri="N2", aspek="sinergi"),
            "nasional",
        ),
        ("desa.csv", None, ""),  # no row: no province
        ("pemda.csv", 999, ""),  # a row the season does not hold
        ("musim.yaml", 1, ""),  # not a table
    ]
    for file, number, _ in placed:
        report.add("warning", "W_LARGE_JUMP", file, number, "kolom")
    report.omitted[("desa.csv", "warning", "W_COVERAGE_OVER_100")] = 30  # warnings only counted
    report.omitted[("pemda.csv", "error", "E_NOT_NUMBER")] = 5  # errors stop the season: never in a report

    grouped = problems_by_province(report, season, scores)
    found = {code: [(p.file, p.row) for p in problems if p.code != "W_NOT_KEPT"] for code, problems in grouped.items()}
    assert found == {
        code: [(file, number) for file, number, group in placed if group == code]
        for code in ("65", "61", "nasional", "")
    }
    for code in ("61", "65", "nasional"):  # every report says some counted warnings may concern it
        notes = [p for p in grouped[code] if p.code == "W_NOT_KEPT"]
        assert [(p.file, dict(p.fields)["kind"], dict(p.fields)["kept"]) for p in notes] == [
            ("desa.csv", Ref("kind.W_COVERAGE_OVER_100"), KEEP_PER_KIND)
        ]
        assert "desa.csv: 30 " in notes[0].message("en")
        assert grouped[code][-1] == notes[0]
    assert not [p for p in grouped[""] if p.code == "W_NOT_KEPT"]


def test_a_problem_s_row_names_the_participant_it_is_about(tmp_path: Path, default_methodology: Methodology) -> None:
    season = season_from(small_season_tables(), tmp_path)
    scores = score_season(season, default_methodology)

    def row(table: str, **match: object) -> int:
        frame = getattr(season, table)
        [hit] = frame.index[(frame[list(match)] == list(match.values())).all(axis=1)]
        return int(hit)

    named = [
        ("pemda.csv", row("pemda", kode_wilayah="65.03", tahun=2024), "Kabupaten Nunukan"),  # by wilayah
        ("pemda.csv", row("pemda", kode_wilayah="61", tahun=2023), "Kalimantan Barat"),
        ("wilayah.csv", row("wilayah", kode_wilayah="61.10"), "Kabupaten Melawi"),
        ("desa.csv", row("desa", kode_desa="61.04.02.2003", tahun=2024), "Desa Belaban"),
        ("badan_usaha.csv", row("badan_usaha", npp="1012345604", tahun=2024), "Warung Ibu Sari"),
        (
            "wawancara.csv",
            row("wawancara", kategori="pemda", id_peserta="61.71", juri="J2", aspek="sinergi"),
            "Kota Pontianak",
        ),
        ("desa.csv", None, None),  # no row
        ("pemda.csv", 999, None),  # a row the season does not hold
        ("musim.yaml", 1, None),  # not a table
    ]
    assert [participant_of_row(season, scores, file, number) for file, number, _ in named] == [
        name for _, _, name in named
    ]


def test_notes_are_in_the_order_of_their_files_rows_and_columns() -> None:
    problems = [
        Problem("warning", "W_LARGE_JUMP", "pemda.csv", 12, "peserta_pu"),
        Problem("warning", "W_NOT_KEPT", "desa.csv"),
        Problem("warning", "W_LARGE_JUMP", "pemda.csv", 3, "peserta_pu"),
        Problem("warning", "W_LARGE_JUMP", "desa.csv", 40, "peserta"),
        Problem("warning", "W_LARGE_JUMP", "pemda.csv", 12, "peserta_bpu"),
        Problem("warning", "W_LARGE_JUMP", "desa.csv", 7, "peserta"),
    ]
    assert [(p.file, p.row, p.column) for p in in_row_order(problems)] == [
        ("desa.csv", 7, "peserta"),
        ("desa.csv", 40, "peserta"),
        ("desa.csv", None, None),  # a file's note of no row comes after its rows
        ("pemda.csv", 3, "peserta_pu"),
        ("pemda.csv", 12, "peserta_bpu"),
        ("pemda.csv", 12, "peserta_pu"),
    ]


def test_a_participant_s_name_in_a_note_is_shown_as_text_never_as_markup() -> None:
    html = render(
        "report_quality.html.j2",
        "en",
        problems=[("<img src=x onerror=alert(1)>", "pemda.csv, row 3: note"), (None, "desa.csv: other")],
        not_applicable=0,
        excluded=0,
    )
    assert "<img" not in html and "<b><bdi>&lt;img src=x onerror=alert(1)&gt;</bdi></b> — " in html
    assert "<li>desa.csv: other</li>" in html


def test_values_the_methodology_leaves_out_are_not_said_to_lack_data() -> None:
    """The note said "12 indicator values do not apply (zero denominator or missing data)" where 8 of the 12 were the
    kelurahan the methodology does not apply two indicators to: those are counted apart, with their own reason."""
    indikator = pd.DataFrame(
        {
            "berlaku": [True, False, False, False, False, True],
            "alasan": [None, "penyebut_nol", "tidak_berlaku_kelurahan", "kosong", "tidak_berlaku_desa", None],
        }
    )
    assert not_applicable_counts(indikator) == (2, 2)
    html = render("report_quality.html.j2", "en", problems=[], not_applicable=4, excluded=8)
    assert t("report.not_applicable_count", "en", count=4) in unescape(html)
    assert "8 indicator values are left out by the methodology" in html and "kelurahan" in html
    indonesian = render("report_quality.html.j2", "id", problems=[], not_applicable=1, excluded=0)
    assert t("report.not_applicable_count", "id", count=1) in unescape(indonesian)
    assert "tidak dihitung" not in indonesian  # none left out: no line for them
