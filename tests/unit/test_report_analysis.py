"""The robustness sections of a report, built without a kernel: a desk-stage season (no interviews), a name
carrying markup, groups too small for Sobol indices."""

from __future__ import annotations

import base64
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from markupsafe import escape as esc

from conftest import write_season
from paritrana_nb.engine import score_season
from paritrana_nb.formatting import number, score
from paritrana_nb.gaps import cheapest_actions, describe_action, what_it_takes
from paritrana_nb.messages import FSI, PDI, Num, Ref, isolate, t
from paritrana_nb.methodology import Methodology
from paritrana_nb.reliability import _group_rows, kendalls_w
from paritrana_nb.reliability import jury_reliability as reliability_table
from paritrana_nb.report.analysis import analyse
from paritrana_nb.report.analysis_sections import jury_reliability, robustness, sensitivity
from paritrana_nb.report.context import prepare_season, province_context
from paritrana_nb.report.national import NationalReport
from paritrana_nb.report.province import ProvinceReport
from paritrana_nb.report.sections import footer, label
from scoring_fixtures import PROJECT, WILAYAH_COLUMNS, gaps_tables, season_from, tables_with_interviews

XSS = "<script>alert(1)</script>"


def _html(text: str) -> str:
    """`text` as a page shows it: escaped, each name messages.isolate marked in a <bdi>."""
    return str(esc(text)).replace(FSI, "<bdi>").replace(PDI, "</bdi>")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> ProvinceReport:
    tables = gaps_tables()
    tables["desa"].loc[tables["desa"]["kode_desa"] == "61.02.01.2001", "nama"] = XSS
    data = tmp_path_factory.mktemp("data")
    write_season(data, tables)
    return ProvinceReport.prepare(2025, "61", str(data), str(PROJECT / "params"), "en", simulasi=60, seed=5)


def test_desk_stage_lists_the_shortlists_cheapest_actions(report: ProvinceReport) -> None:
    html = report.robustness().data
    assert esc(t("report.actions_title", "en")) in html
    gaps = what_it_takes(report.context.season, report.context.methodology, report.context.scores, categories=["desa"])
    actions = cheapest_actions(gaps)
    assert len(actions) and set(actions["id_peserta"]) == {"61.02.01.2001"}
    for row in actions.to_dict("records"):
        assert f"<li>{_html(describe_action(row, 'en', isolated=True))}</li>" in html
    assert _html(t("report.actions_participant", "en", rank=2, name=isolate(XSS), score="65.50")) in html


def test_markup_in_names_is_text_and_no_jury_section_without_interviews(report: ProvinceReport) -> None:
    html = report.robustness().data
    assert XSS not in html and esc(XSS) in html
    assert esc(t("report.reliability_title", "en")) not in html
    assert esc(t("report.sensitivity_small", "en")) in html  # two villages: too few for Sobol indices
    assert "60 simulations (seed 5)" in html and "Simulation: 60 draws, seed 5." in report.footer().data


def test_the_footer_groups_the_number_of_draws(report: ProvinceReport) -> None:
    """The footer said "Simulation: 1000 draws" under a section that said "1,000 simulations"."""
    assert "Simulation: 1,000 draws, seed 20250." in footer(report.context, "en", 1000, 20250).lines
    assert "Simulasi: 1.000 undian, benih acak 20250." in footer(report.context, "id", 1000, 20250).lines
    assert "Simulation: 1 draw, seed 7." in footer(report.context, "en", 1, 7).lines  # not "1 draws"


@pytest.mark.parametrize(("lang", "shown"), [("id", "1.000"), ("en", "1,000")])
def test_the_shortlist_size_is_written_as_the_reports_language_writes_numbers(
    report: ProvinceReport, lang: str, shown: str
) -> None:
    """A desk-stage category said "the top 1000" beside "Proposed shortlist: 1,000 participants"."""
    methodology = report.context.methodology
    desa = methodology.kategori["desa"].model_copy(update={"shortlist_size": 1000})
    larger = methodology.model_copy(update={"kategori": {**methodology.kategori, "desa": desa}})
    shortlisted = replace(report, context=replace(report.context, methodology=larger), lang=lang)
    note = t("report.desk_stage_note", lang, size="{size}").split("{size}")
    assert f"{note[0]}{shown}{note[1]}" in shortlisted.categories().data
    proposed = t("count.participants", lang, count=1000)
    assert proposed.startswith(shown) and esc(proposed) in shortlisted.methodology_appendix().data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_category_that_weighs_no_interview_is_not_said_to_wait_for_one(report: ProvinceReport, lang: str) -> None:
    """A desk-stage group of a category whose interview weighs 0 was called "desk stage", with the note "No interview
    scores yet: ... the top 5 are the proposed shortlist", as if interviews were to come: its stage is "desk only, no
    interview" and its note says that the desk score alone ranks it (as its participants' cards say); the other
    categories' stay as they were."""
    methodology = report.context.methodology
    weights = methodology.kategori["desa"].stage_weights.model_copy(update={"dokumen": 1.0, "wawancara": 0.0})
    desa = methodology.kategori["desa"].model_copy(update={"stage_weights": weights})
    desk_only = methodology.model_copy(update={"kategori": {**methodology.kategori, "desa": desa}})
    shown = replace(report, context=replace(report.context, methodology=desk_only), lang=lang)
    rows = BeautifulSoup(shown.summary().data, "html.parser").find_all("tr")
    stages = {row.find_all(["th", "td"])[0].get_text(): row.find_all(["th", "td"])[1].get_text() for row in rows[1:]}
    desk, alone = t("report.stage_dokumen", lang), t("report.stage_desk_only", lang)
    assert stages == {
        label(shown.context, k, lang): alone if k == "desa" else desk for k in ("pemda", "desa", "bu_kecil_mikro")
    }
    waiting = t("report.desk_stage_note", lang, size=Num(5))
    notes = [p.get_text() for p in BeautifulSoup(shown.categories().data, "html.parser").find_all(string=True)]
    found = [text for text in notes if text.strip() in (waiting, t("report.desk_only_note", lang))]
    assert [text.strip() for text in found] == [waiting, t("report.desk_only_note", lang), waiting]
    assert shown.categories().data.count(f">{esc(alone)}<") >= 1  # the section's own stage


@pytest.mark.slow  # prepares and analyses the province a second time
def test_seed_makes_the_analysis_reproducible(report: ProvinceReport) -> None:
    again = ProvinceReport.prepare(
        2025,
        "61",
        str(report.context.season.files["wilayah"].parent.parent),
        str(PROJECT / "params"),
        "en",
        simulasi=60,
        seed=5,
    )
    assert again.robustness().data == report.robustness().data


def test_no_provincial_government_and_single_participant_groups(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = gaps_tables()
    tables["pemda"] = tables["pemda"][~tables["pemda"]["kode_wilayah"].isin(["61", "61.02"])]
    for name in ("desa", "badan_usaha"):
        tables[name] = tables[name].iloc[:1]
    data = tmp_path_factory.mktemp("lone")
    write_season(data, tables)
    national = NationalReport.prepare(2025, str(data), str(PROJECT / "params"), "en", simulasi=20)
    assert national.robustness().data == "" and national.analysis.removal.empty
    province = ProvinceReport.prepare(2025, "61", str(data), str(PROJECT / "params"), "en", simulasi=20)
    html = province.robustness().data
    assert esc(t("report.intervals_title", "en")) in html  # one participant: interval 1, nothing to overtake
    assert esc(t("report.actions_title", "en")) not in html


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_shared_rank_is_marked_wherever_the_report_lists_ranks(
    tmp_path_factory: pytest.TempPathFactory, lang: str
) -> None:
    """Kabupaten Dua and Kabupaten Tiga have equal scores and share rank 2: the ranking table, the rank intervals and
    what it would take said "2" for each, as for a place of its own; the cards mark it "2 (bersama)"."""
    tables = gaps_tables()
    tiga = pd.DataFrame([("61.03", "Kabupaten <i>Tiga", "kabupaten", "61", "")], columns=WILAYAH_COLUMNS)
    tables["wilayah"] = pd.concat([tables["wilayah"], tiga])
    pemda = tables["pemda"]
    tables["pemda"] = pd.concat([pemda, pemda[pemda["kode_wilayah"] == "61.02"].assign(kode_wilayah="61.03")])
    data = tmp_path_factory.mktemp("tie")
    write_season(data, tables)
    report = ProvinceReport.prepare(2025, "61", str(data), str(PROJECT / "params"), lang, simulasi=20, seed=5)
    pemda_ranks = report.context.scores.peserta.query("kategori == 'pemda'")["peringkat"].tolist()
    assert pemda_ranks == [1, 2, 2]
    shared = t("rapor.index_rank_shared", lang, rank="2")
    ranking, robustness = report.categories().data, report.robustness().data
    assert ranking.count(f'<td class="num" data-value="2.0">{shared}</td>') == 2
    assert '<td class="num" data-value="1.0">1</td>' in ranking  # a rank of its own unmarked
    assert robustness.count(f'<td class="num" data-value="2.0">{shared}</td>') == 2  # the rank intervals
    for name in ("Kabupaten Dua", "Kabupaten <i>Tiga"):
        head = t("report.actions_participant", lang, rank=shared, name=isolate(name), score=score(29.5, lang))
        assert _html(head) in robustness


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_shared_first_place_is_marked_on_the_podium(tmp_path_factory: pytest.TempPathFactory, lang: str) -> None:
    """Desa Satu and a village of the same figures share rank 1: the summary's podium listed both under the first
    place without a word, where the ranking table says "1 (bersama)" for each; the second place is no one's."""
    tables = gaps_tables()
    desa = tables["desa"]
    figures = desa.columns[3:]  # tahun and the counts, after kode_desa, nama, kode_wilayah
    desa.loc[1, figures] = desa.loc[0, figures].to_numpy()
    desa.loc[1, "nama"] = "Desa <b>Kembar"
    data = tmp_path_factory.mktemp("first")
    write_season(data, tables)
    context = province_context(prepare_season(2025, data, PROJECT / "params"), "61")
    report = ProvinceReport(context, lang, analyse(context, [], draws=1))  # the summary needs no analysis
    assert context.scores.peserta.query("kategori == 'desa'")["peringkat"].tolist() == [1, 1]
    shared = t("rapor.index_rank_shared", lang, rank="1")
    summary = BeautifulSoup(report.summary().data, "html.parser")
    [row] = [r for r in summary.select("tbody tr") if r.td.get_text() == label(context, "desa", lang)]
    first, second, third = row.find_all("td")[2:5]
    lines = [f"{shared}. {name} ({score(71.0, lang)})" for name in ("Desa Satu", "Desa <b>Kembar")]
    assert first.get_text() == "".join(lines) and len(first.find_all("br")) == 1  # one line each
    assert second.get_text() == third.get_text() == "–"
    assert _html(f"{shared}. {isolate('Desa <b>Kembar')}") in report.summary().data  # escaped, isolated
    assert report.categories().data.count(f'<td class="num" data-value="1.0">{shared}</td>') == 2
    sole = [r for r in summary.select("tbody tr") if r is not row]
    mark = t("rapor.index_rank_shared", lang, rank="").strip()
    assert sole and mark not in "".join(r.get_text() for r in sole)  # a place of its own unmarked


@pytest.mark.parametrize(
    ("matrix", "key"),
    [
        ([[70.0, 80.0], [80.0, 70.0]], "report.reliability_icc_na"),  # both jurors scored both: they disagree
        ([[80.0, 80.0], [80.0, 80.0], [80.0, 80.0]], "report.reliability_na"),  # one score for everyone
        ([[80.0, np.nan], [70.0, 75.0]], "report.reliability_na"),  # no two finalists scored by both
        ([[80.0, 70.0], [80.0, 70.0], [80.0, 70.0]], "report.reliability_one_score"),  # each juror one score for all
        ([[80.0, 80.0], [70.0, 70.0], [60.0, 60.0]], "report.reliability_summary_no_interval"),  # no residual
    ],
)
def test_the_jury_summary_says_why_agreement_cannot_be_measured(matrix: list[list[float]], key: str) -> None:
    """Two jurors who scored both finalists in opposite order were said to be "too few finalists scored by every
    juror"; Kendall's W is defined there (0), only ICC(2,k) is not. Each juror giving every finalist one score of
    their own printed "W = –; ICC(2,k) = 0,00 (95%: – – –): poor agreement", and jurors agreeing exactly an empty
    interval "– – –"."""
    values = np.array(matrix)
    means = pd.DataFrame(
        [(f"P{i}", f"J{j + 1}", v) for i, row in enumerate(matrix) for j, v in enumerate(row) if not np.isnan(v)],
        columns=["id_peserta", "juri", "nilai"],
    )
    flags = {"perubahan_peringkat_maks": 0, "ditandai": False, "podium_berubah": False, "alasan_tanda": None}
    jury = _group_rows("pemda", "61", means).assign(**flags)
    peserta = pd.DataFrame({"kelompok": ["61"]})
    for lang in ("id", "en"):
        found = jury_reliability(cast(Any, SimpleNamespace(jury=jury)), "pemda", peserta, lang)
        assert found is not None
        sizes = {"finalists": Ref("count.finalists", count=len(values)), "jurors": Ref("count.jurors", count=2)}
        fields = {"w": number(kendalls_w(values), lang, 2)} if key == "report.reliability_icc_na" else {}
        if key == "report.reliability_summary_no_interval":
            fields = {
                "w": number(1.0, lang, 2),
                "icc": number(1.0, lang, 2),
                "level": t("report.level_excellent", lang),
            }
        assert found.groups[0].summary == t(key, lang, **sizes, **fields)
        n = len(values)
        counted = f"{n} finalists, 2 jurors" if lang == "en" else f"{n} finalis, 2 juri"  # counted words, once each
        assert counted in found.groups[0].summary


def test_a_group_with_one_juror_says_agreement_cannot_be_assessed(
    tmp_path: Path, default_methodology: Methodology
) -> None:
    """A group's only juror was flagged "podium changes without this juror" and named in the caution under the
    table (without them there is no interview score at all), and the summary spoke of too few finalists."""
    aspects = default_methodology.kategori["pemda"].aspect_ids
    rows = [("pemda", p, "J1", a, v) for p, v in (("61.01", 100.0), ("61.02", 50.0)) for a in aspects]
    season = season_from(tables_with_interviews(rows), tmp_path)
    table = reliability_table(season, default_methodology, score_season(season, default_methodology))
    for lang in ("id", "en"):
        found = jury_reliability(
            cast(Any, SimpleNamespace(jury=table)), "pemda", pd.DataFrame({"kelompok": ["61"]}), lang
        )
        assert found is not None
        [group] = found.groups
        assert group.summary == t("report.reliability_one_juror", lang, count=2)
        assert group.warning == ""  # no "the podium changes when one juror is left out (J1)"
        [row] = group.table.rows
        assert [c.text for c in row][-2:] == ["–", ""]  # no rank change to tell, no flag
    assert t("report.reliability_one_juror", "en", count=2).startswith("Jury agreement cannot be assessed with one")


def test_each_chart_s_values_are_a_table_under_it(report: ProvinceReport) -> None:
    """A chart's only text was its title (the image's alt): the coverage of each regency, its target, and the pieces
    of each finalist's score were drawn and nowhere written. Each chart has its values as a table under it, folded."""
    coverage = BeautifulSoup(report.coverage().data, "html.parser")
    data = coverage.select_one("figure + details.chart-data")
    assert data is not None and data.summary.get_text() == t("report.chart_data", "en") == "The chart's values"
    headers = [th.get_text() for th in data.select("th")]
    assert headers == [t("report.col_regency", "en"), "2023", "2024", t("report.target", "en")]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in data.select("tbody tr")]
    assert rows and all(row[1].endswith("%") or row[1] == "–" for row in rows), rows
    drawn = base64.b64decode(coverage.select_one("figure img")["src"].split(",", 1)[1]).decode("utf-8")
    assert "Coverage rose" in drawn and "Coverage fell" in drawn  # the lines' colours are in the legend
    categories = BeautifulSoup(report.categories().data, "html.parser")
    tables = categories.select("figure + details.chart-data table")
    # the pieces of each finalist's (or proposed shortlist's) score, then the score they add up to as shown
    assert tables
    for table in tables:
        for tr in table.select("tbody tr"):
            cells = [Decimal(td.get_text().replace(",", "")) for td in tr.find_all("td")[1:]]
            assert sum(cells[:-1]) == cells[-1], cells


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sobol_indices_of_a_group_whose_ranks_never_move_say_why_instead_of_zero(
    tmp_path_factory: pytest.TempPathFactory, lang: str
) -> None:
    """Three villages, each ahead of the next on every indicator (Desa Satu 60 / 100 / 100 / 10, Desa Dua 50 / 90 /
    100 / 10, Desa Tiga 40 / 80 / 100 / 10): no weight, share or normalisation reorders them, so the rank shift the
    Sobol indices share out is 0 in every scoring and there is no variation to share. The table said "0.00 ± 0.00"
    for every input, as for a measured lack of influence; it says why there is no index."""
    tables = gaps_tables()
    desa = tables["desa"]
    tiga = desa.iloc[[1]].assign(kode_desa="61.02.01.2002", nama="Desa Tiga", peserta=40, perangkat_terlindungi=8)
    tables["desa"] = pd.concat([desa, tiga], ignore_index=True)
    data = tmp_path_factory.mktemp("still")
    write_season(data, tables)
    context = province_context(prepare_season(2025, data, PROJECT / "params"), "61")
    analysis = analyse(context, ["desa"], draws=20, seed=5)
    sobol = analysis.sensitivity[analysis.sensitivity["kategori"] == "desa"]
    assert len(sobol) and (sobol["pergeseran_rerata"] == 0).all() and (sobol[["s1", "st"]] == 0).all(axis=None)
    peserta = context.scores.peserta
    found = sensitivity(context, analysis, "desa", peserta[peserta["kategori"] == "desa"], lang)
    assert found is not None and found.table is not None
    assert {cell.text for row in found.table.rows for cell in row[-2:]} == {"–"}
    assert found.after == t("report.sensitivity_still", lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_group_with_nobody_scored_says_why_it_has_no_robustness_figures(
    tmp_path_factory: pytest.TempPathFactory, lang: str
) -> None:
    """Both villages have a working population, officials, council members and workers of 0, so no indicator applies
    to either and nobody is ranked: the report printed the heading "How firm is this ranking: Village governments"
    with nothing under it."""
    tables = gaps_tables()
    desa = tables["desa"]
    desa.loc[:, desa.columns[4:]] = 0  # every count after tahun
    data = tmp_path_factory.mktemp("unscored")
    write_season(data, tables)
    report = ProvinceReport.prepare(2025, "61", str(data), str(PROJECT / "params"), lang, simulasi=20, seed=5)
    peserta = report.context.scores.peserta
    villages = peserta[peserta["kategori"] == "desa"]
    assert len(villages) == 2 and not villages["dinilai"].any()
    found = robustness(report.context, report.analysis, "desa", villages, lang)
    assert (found.intervals, found.sensitivity, found.actions, found.reliability) == (None, None, None, None)
    assert found.note == t("report.robust_unscored", lang)
    businesses = peserta[peserta["kategori"] == "bu_kecil_mikro"]
    assert robustness(report.context, report.analysis, "bu_kecil_mikro", businesses, lang).note == ""
    html = report.robustness().data
    assert html.count(str(esc(t("report.robust_unscored", lang)))) == 1
