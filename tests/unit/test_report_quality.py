"""report/quality: each validation problem goes to the report of the province its row is in, in row order, named by
the participant its row is about."""

from __future__ import annotations

from dataclasses import replace
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from paritrana_nb.engine import score_season
from paritrana_nb.messages import Ref, isolate, t
from paritrana_nb.methodology import Methodology
from paritrana_nb.problems import KEEP_PER_KIND, Problem, ValidationReport
from paritrana_nb.report import sections
from paritrana_nb.report.analysis import analyse
from paritrana_nb.report.context import national_context, prepare_season, province_context
from paritrana_nb.report.national import NationalReport
from paritrana_nb.report.province import ProvinceReport
from paritrana_nb.report.quality import (
    in_row_order,
    participant_of_row,
    problems_by_province,
    shown_participants,
    warnings_not_kept,
)
from paritrana_nb.report.sections import FileWarnings, Warnings, not_applicable_counts
from paritrana_nb.templating import render
from scoring_fixtures import MARKUP_BUSINESS, PROJECT, season_from, small_season_tables, write_warned_season


def test_each_problem_goes_to_the_province_of_its_row(tmp_path: Path, default_methodology: Methodology) -> None:
    """A province's report lists the warnings of its rows and the methodology's own (named by its file's name alone,
    as the footer names it); the national report lists every warning."""
    season = season_from(small_season_tables(), tmp_path)
    scores = score_season(season, default_methodology)

    def row(table: str, **match: object) -> int:
        """The spreadsheet row (the frames' index) of the one row of `table` matching `match`."""
        frame = getattr(season, table)
        hit = frame.index[(frame[list(match)] == list(match.values())).all(axis=1)]
        assert len(hit) == 1, (table, match)
        return int(hit[0])

    report = ValidationReport(2025)
    placed = [  # (file, row, the province whose report lists it besides the national one; "*": every province's)
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
        # provincial governments are ranked by zone, wider than a province: the national report alone lists it
        (
            "wawancara.csv",
            row("wawancara", kategori="pemprov", id_peserta="65", juri="N2", aspek="sinergi"),
            "",
        ),
        ("desa.csv", None, ""),  # no row: no province
        ("pemda.csv", 999, ""),  # a row the season does not hold
        ("musim.yaml", 1, ""),  # not a table
        (default_methodology.file, None, "*"),  # the methodology's own
    ]
    for file, number, _ in placed:
        report.add("warning", "W_LARGE_JUMP", file, number, "kolom")
    report.omitted[("desa.csv", "warning", "W_COVERAGE_OVER_100")] = 30  # warnings only counted
    report.omitted[("pemda.csv", "error", "E_NOT_NUMBER")] = 5  # errors stop the season: never in a report

    grouped = problems_by_province(report, season, scores)
    assert set(grouped) == {"61", "65", "nasional"}
    named = [("metodologi.yaml" if f == default_methodology.file else f, n, code) for f, n, code in placed]
    assert default_methodology.file != "metodologi.yaml"  # a path: the report names the file alone
    found = {code: [(p.file, p.row) for p in problems if p.code != "W_NOT_KEPT"] for code, problems in grouped.items()}
    assert found == {
        "61": [(file, number) for file, number, code in named if code in ("61", "*")],
        "65": [(file, number) for file, number, code in named if code in ("65", "*")],
        "nasional": [(file, number) for file, number, _ in named],  # every warning, in the order found
    }
    for code in ("61", "65"):  # every province's report says some counted warnings may concern it
        notes = [p for p in grouped[code] if p.code == "W_NOT_KEPT"]
        assert [(p.file, dict(p.fields)["kind"], dict(p.fields)["kept"]) for p in notes] == [
            ("desa.csv", Ref("kind.W_COVERAGE_OVER_100"), KEEP_PER_KIND)
        ]
        assert "desa.csv: 30 " in notes[0].message("en")
        assert grouped[code][-1] == notes[0]
    assert not [p for p in grouped["nasional"] if p.code == "W_NOT_KEPT"]  # it counts them with their kind instead
    report.omitted[(default_methodology.file, "warning", "W_LARGE_JUMP")] = 4
    assert warnings_not_kept(report, default_methodology) == {
        ("desa.csv", "warning", "W_COVERAGE_OVER_100"): 30,
        ("metodologi.yaml", "warning", "W_LARGE_JUMP"): 4,
    }


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
        Problem("warning", "W_EMPTY_CATEGORY", "metodologi.yaml", None, "kategori.b.peserta", line=40, col=7),
        Problem("warning", "W_NOT_KEPT", "metodologi.yaml"),
        Problem("warning", "W_EMPTY_CATEGORY", "metodologi.yaml", None, "kategori.a.peserta", line=12, col=9),
        Problem(
            "warning",
            "W_FILTER_VALUE_UNMATCHED",
            "metodologi.yaml",
            None,
            "kategori.a.peserta.sektor[0]",
            line=12,
            col=3,
        ),
    ]
    assert [(p.file, p.row, p.line, p.column) for p in in_row_order(problems)] == [
        ("desa.csv", 7, None, "peserta"),
        ("desa.csv", 40, None, "peserta"),
        ("desa.csv", None, None, None),  # a file's note of no row comes after its rows
        ("metodologi.yaml", None, 12, "kategori.a.peserta.sektor[0]"),  # a YAML file's by line and column
        ("metodologi.yaml", None, 12, "kategori.a.peserta"),
        ("metodologi.yaml", None, 40, "kategori.b.peserta"),
        ("metodologi.yaml", None, None, None),  # of no place: last
        ("pemda.csv", 3, None, "peserta_pu"),
        ("pemda.csv", 12, None, "peserta_bpu"),
        ("pemda.csv", 12, None, "peserta_pu"),
    ]


def test_a_participant_s_name_in_a_note_is_shown_as_text_never_as_markup() -> None:
    notes = (("<img src=x onerror=alert(1)>", "pemda.csv, row 3: note"), (None, "pemda.csv: other"))
    warnings = Warnings("intro", (FileWarnings("pemda.csv", notes, ("... and 2 more",)),))
    html = render("report_warnings.html.j2", "en", warnings=warnings)
    assert "<img" not in html and "<b><bdi>&lt;img src=x onerror=alert(1)&gt;</bdi></b> — " in html
    assert "<li>pemda.csv: other</li>" in html and "<li>... and 2 more</li>" in html
    assert "<h3><bdi>pemda.csv</bdi></h3>" in html


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
    html = render("report_quality.html.j2", "en", warned=True, not_applicable=4, excluded=8)
    assert t("report.not_applicable_count", "en", count=4) in unescape(html)
    assert "8 indicator values are left out by the methodology" in html and "kelurahan" in html
    assert t("report.quality_none", "en") not in html  # the warnings are listed in their own section
    indonesian = render("report_quality.html.j2", "id", warned=False, not_applicable=1, excluded=0)
    assert t("report.quality_none", "id") in indonesian
    assert t("report.not_applicable_count", "id", count=1) in unescape(indonesian)
    assert "tidak dihitung" not in indonesian  # none left out: no line for them


def _reports(data: Path, params: Path, lang: str) -> tuple[ProvinceReport, ProvinceReport, NationalReport]:
    """The reports of Kalimantan Barat (61) and Kalimantan Utara (65), and the national one, of a season prepared as
    `paritrana run` prepares it (no analysis: the warnings need none)."""
    prepared = prepare_season(2025, data, params, cache=False)
    contexts = (province_context(prepared, "61"), province_context(prepared, "65"), national_context(prepared))
    kalbar, kaltara, national = (analyse(context, [], draws=1) for context in contexts)
    return (
        ProvinceReport(contexts[0], lang, kalbar),
        ProvinceReport(contexts[1], lang, kaltara),
        NationalReport(contexts[2], lang, national),
    )


#: What each warning of scoring_fixtures.write_warned_season says, as `paritrana validate` words it, by language.
WARNED = {
    "en": (
        (
            "metodologi.yaml, line {line}, column {col}, key 'kategori.bu_kecil_mikro.peserta.sektor[1]': "
            "The sektor value 'perdagangn' of category bu_kecil_mikro matches no row of badan_usaha.csv for year 2024"
        ),
        (
            "metodologi.yaml, line {line}, column {col}, key 'kategori.bu_tambang.peserta': Category bu_tambang has no "
            "participant: no row of badan_usaha.csv for year 2024 falls in it."
        ),
        f"badan_usaha.csv, row 5, column 'npp': Participant '1012345604' ({MARKUP_BUSINESS}) matches no category",
    ),
    "id": (
        (
            "metodologi.yaml, baris {line}, kolom {col}, kunci 'kategori.bu_kecil_mikro.peserta.sektor[1]': "
            "Nilai sektor 'perdagangn' pada kategori bu_kecil_mikro tidak cocok dengan baris badan_usaha.csv tahun 2024"
        ),
        (
            "metodologi.yaml, baris {line}, kolom {col}, kunci 'kategori.bu_tambang.peserta': "
            "Kategori bu_tambang tidak punya peserta: tidak ada baris badan_usaha.csv tahun 2024"
        ),
        f"badan_usaha.csv, baris 5, kolom 'npp': Peserta '1012345604' ({MARKUP_BUSINESS}) tidak cocok dengan kategori",
    ),
}


def _place(params: Path, *keys: str | int) -> dict[str, int]:
    """The line and column (from 1) of the value at `keys` in the methodology file, as a message names them."""
    node = yaml.compose((params / "2025" / "metodologi.yaml").read_text(encoding="utf-8"))
    for key in keys:
        node = node.value[key] if isinstance(key, int) else next(v for k, v in node.value if k.value == key)
    return {"line": node.start_mark.line + 1, "col": node.start_mark.column + 1}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_reports_list_the_methodology_s_warnings_and_those_of_their_rows(tmp_path: Path, lang: str) -> None:
    """A category no business is in and a sector no row holds were said by `paritrana validate` only: a panel member
    reading a report could not see them. Each province's report lists them (and the warnings of its own rows), the
    national report every warning, as validate words them, a name holding markup shown as text."""
    data, params = write_warned_season(tmp_path)
    sector = _place(params, "kategori", "bu_kecil_mikro", "peserta", "sektor", 1)
    empty = _place(params, "kategori", "bu_tambang", "peserta")
    said = [WARNED[lang][0].format(**sector), WARNED[lang][1].format(**empty), WARNED[lang][2]]
    kalbar, kaltara, national = _reports(data, params, lang)
    for report, shown in ((kalbar, said[:2]), (kaltara, said), (national, said)):
        html = report.validation_warnings().data
        text = BeautifulSoup(html, "html.parser").get_text()
        assert text.startswith(t("report.warnings_title", lang)), text
        assert [line for line in said if line in text] == shown, text
        assert str(tmp_path) not in html  # the methodology named by its file's name, as the footer names it
        assert "<b>Ibu</b>" not in html
    for report in (kaltara, national):  # headed by the participant, escaped (the national report holds no business:
        page = report.validation_warnings().data  # its categories rank none; the name comes from the whole season)
        assert "<b><bdi>Warung &lt;b&gt;Ibu&lt;/b&gt; Sari</bdi></b> — " in page
    assert t("report.quality_none", lang) not in kaltara.data_quality().data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_season_without_warnings_has_no_warnings_section(small_season: Path, lang: str) -> None:
    kalbar, kaltara, national = _reports(small_season, PROJECT / "params", lang)
    for report in (kalbar, kaltara, national):
        assert report.validation_warnings().data == ""
    assert t("report.quality_none", lang) in kalbar.data_quality().data


def test_a_report_lists_at_most_20_warnings_of_a_kind_per_file_then_counts_the_rest(small_season: Path) -> None:
    """A season with thousands of warnings of one kind would make a report of megabytes: as `paritrana validate` does,
    a report lists the first 20 of a kind per file, then how many more there are. A province's report counts its own
    and says that those the season only counted may be its; the national report counts them all."""
    prepared = prepare_season(2025, small_season, PROJECT / "params", cache=False)
    pemda = prepared.season.pemda
    row = int(pemda.index[(pemda["kode_wilayah"] == "61.04") & (pemda["tahun"] == 2024)][0])
    report = ValidationReport(2025)
    for _ in range(130):  # 100 kept, 30 only counted
        report.add("warning", "W_NO_CATEGORY", "pemda.csv", row, "kode_wilayah", "61.04", nama="Kabupaten Ketapang")
    grouped = problems_by_province(report, prepared.season, prepared.scores)
    named = shown_participants(grouped["61"], prepared.season, prepared.scores, {})
    kalbar = replace(province_context(prepared, "61"), problems=tuple(grouped["61"]), participants=named)
    counted = warnings_not_kept(report, prepared.methodology)
    named = shown_participants(grouped["nasional"], prepared.season, prepared.scores, counted)
    national = replace(national_context(prepared), problems=tuple(grouped["nasional"]), omitted=counted)
    national = replace(national, participants=named)
    kind = Ref("kind.W_NO_CATEGORY")

    province = sections.warnings(kalbar, "en")
    assert province is not None and province.not_kept == ""
    [listed] = province.files
    assert listed.file == "pemda.csv" and len(listed.notes) == 21  # 20 of the kind, then the note on those counted
    assert listed.notes[0] == ("Kabupaten Ketapang", report.warnings[0].message("en", isolated=True))
    assert listed.notes[-1][0] is None and f"{isolate('pemda.csv')}: 30 more warnings" in listed.notes[-1][1]
    assert listed.more == (t("summary.more", "en", count=80, kind=kind),)  # 100 of the province's, 20 listed

    everyone = sections.warnings(national, "en")
    assert everyone is not None
    [listed] = everyone.files
    assert len(listed.notes) == 20 and listed.more == (t("summary.more", "en", count=110, kind=kind),)  # 80 + 30
    assert listed.notes[0][0] == "Kabupaten Ketapang"
    assert everyone.not_kept == t("summary.not_kept", "en", kept=KEEP_PER_KIND)
    html = render("report_warnings.html.j2", "en", warnings=everyone)
    assert html.count("<li>") == 21 and "... and 110 more problems of the same kind" in html
