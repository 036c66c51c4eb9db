"""A category that weighs no interview (`stage_weights: {dokumen: 1.0, wawancara: 0.0}`) in a province report: the
bundled season with `desa` and `bu_kecil_mikro` weighing none, once without interview rows for them (`alone`: ranked by
their desk scores alone; `bu_kecil_mikro` lists no interview aspects) and once with the bundled rows kept
(`unweighted`: interview scores that count for nothing, W_JURY_UNWEIGHTED). Nothing may say an interview is to come, or
let an interview count."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
import yaml

from paritrana_nb.formatting import score
from paritrana_nb.messages import Num, Ref, isolate, t
from paritrana_nb.report import analysis_sections, sections
from paritrana_nb.report.province import ProvinceReport
from paritrana_nb.report.tables import Table
from scoring_fixtures import PROJECT, methodology_data

DESK_ONLY = ("desa", "bu_kecil_mikro")


def _prepare(root: Path, keep_interviews: bool) -> ProvinceReport:
    data = root / "data"
    shutil.copytree(PROJECT / "data" / "2025", data / "2025", ignore=shutil.ignore_patterns(".cache", "inbox"))
    if not keep_interviews:
        wawancara = pd.read_csv(data / "2025" / "wawancara.csv", dtype=str)
        wawancara[~wawancara["kategori"].isin(DESK_ONLY)].to_csv(data / "2025" / "wawancara.csv", index=False)
    methodology = methodology_data()
    for kategori in DESK_ONLY:
        methodology["kategori"][kategori]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    if not keep_interviews:  # nobody scores its aspects: left out (desa keeps its own, which an award looks at)
        del methodology["kategori"]["bu_kecil_mikro"]["aspects"]
    (root / "params" / "2025").mkdir(parents=True)
    (root / "params" / "2025" / "metodologi.yaml").write_text(yaml.safe_dump(methodology), encoding="utf-8")
    return ProvinceReport.prepare(2025, "61", str(data), str(root / "params"), "en", simulasi=60, seed=5)


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> ProvinceReport:
    return _prepare(tmp_path_factory.mktemp("alone"), keep_interviews=False)


@pytest.fixture(scope="module")
def unweighted(tmp_path_factory: pytest.TempPathFactory) -> ProvinceReport:
    return _prepare(tmp_path_factory.mktemp("unweighted"), keep_interviews=True)


def _group(report: ProvinceReport, kategori: str) -> pd.DataFrame:
    peserta = report.context.scores.peserta
    return peserta[peserta["kategori"] == kategori]


def _section(report: ProvinceReport, kategori: str, lang: str) -> sections.CategorySection:
    return sections.category_section(report.context, kategori, _group(report, kategori), lang, kategori)


def _robustness(report: ProvinceReport, kategori: str, lang: str) -> analysis_sections.Robustness:
    return analysis_sections.robustness(report.context, report.analysis, kategori, _group(report, kategori), lang)


def _breakdown(section: sections.CategorySection) -> Table:
    """The values the score-breakdown chart draws (its data table)."""
    assert section.contributions is not None and section.contributions.chart is not None
    data = section.contributions.chart.data
    assert data is not None
    return data


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("kategori", DESK_ONLY)
def test_its_ranking_proposes_its_shortlist_as_every_desk_stage_group(
    alone: ProvinceReport, kategori: str, lang: str
) -> None:
    """Its ranking table shows the desk score ranked by and, as the score CSV and every desk-stage group's table, the
    proposed shortlist (its first `shortlist_size` ranks); no interview or final score."""
    section = _section(alone, kategori, lang)
    columns = [c.label for c in section.ranking.table.columns]
    assert t("report.col_shortlist", lang) in columns
    assert t("report.col_desk", lang) in columns and t("report.col_interview", lang) not in columns
    group = _group(alone, kategori)
    size = alone.context.methodology.kategori[kategori].shortlist_size
    assert group["usulan_shortlist"].astype(bool).tolist() == (group["peringkat"] <= size).tolist()
    assert section.stage == t("report.stage_desk_only", lang) and section.note == t("report.desk_only_note", lang)


@pytest.mark.parametrize("kategori", DESK_ONLY)
def test_its_shortlist_is_detailed(alone: ProvinceReport, kategori: str) -> None:
    """The score breakdown and the cheapest actions follow its proposed shortlist, without an interview part; the
    actions' note speaks of the shortlist, not of finalists and their unchanged interview scores."""
    group = _group(alone, kategori)
    shortlisted = group[group["usulan_shortlist"].astype(bool) & group["dinilai"].astype(bool)]
    chart = _breakdown(_section(alone, kategori, "en"))
    assert [row[0].text for row in chart.rows] == [isolate(name) for name in shortlisted["nama"]]
    assert t("report.part_interview", "en") not in [c.label for c in chart.columns]
    actions = _robustness(alone, kategori, "en").actions
    below = shortlisted[shortlisted["peringkat"] > 1]
    if below.empty:
        assert actions is None
        return
    assert actions is not None and len(actions.participants) == len(below)
    assert actions.note == t("report.actions_note_shortlist", "en", year=2024)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_its_desk_share_is_not_varied(alone: ProvinceReport, unweighted: ProvinceReport, lang: str) -> None:
    """The rank intervals said the draws' 60-80 % desk share "tests another split than the one its finalists are
    ranked by", and the sensitivity table held a "Desk vs interview share" row: with interview scores kept, the draws
    let them count. Its desk share stays 100 % in every draw; both sections say so, and the row is gone."""
    desk_row = t("report.input_desk_share", lang)
    for report in (alone, unweighted):
        robust = _robustness(report, "desa", lang)
        assert robust.intervals is not None and robust.sensitivity is not None
        outside = t("report.intervals_stage_outside", lang, share=Num.written(100.0))
        assert outside not in robust.intervals.note
        assert robust.intervals.note.endswith(t("report.intervals_desk_only", lang))
        assert robust.sensitivity.table is not None
        assert desk_row not in [row[0].text for row in robust.sensitivity.table.rows]
        assert robust.sensitivity.note.endswith(t("report.sensitivity_desk_only", lang))
    pemda = _robustness(alone, "pemda", lang).sensitivity
    assert pemda is not None and pemda.table is not None
    assert desk_row in [row[0].text for row in pemda.table.rows]  # a category that weighs it: still varied


def test_the_draws_keep_unweighted_interview_scores_out(unweighted: ProvinceReport) -> None:
    """With interview scores it does not weigh, the draws gave them 20-40 % of its finalists' scores: finalists were
    reordered by their interviews in the rank intervals. Weights and normalisation still vary, but no sensitivity
    input is the desk share."""
    sobol = unweighted.analysis.sensitivity
    assert not ((sobol["kategori"].isin(DESK_ONLY)) & (sobol["masukan"] == "porsi_dokumen")).any()
    assert ((sobol["kategori"] == "pemda") & (sobol["masukan"] == "porsi_dokumen")).any()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_unweighted_interview_scores_are_said_in_the_section(unweighted: ProvinceReport, lang: str) -> None:
    """With interview rows kept, its section said only "after interviews": the desk score 84.03 ranked 5th below
    four finalists' 61-75 read as an error. Its note says why, and its breakdown has no interview part of 0."""
    group = _group(unweighted, "desa")
    finalists = int(group["finalis"].sum())
    section = _section(unweighted, "desa", lang)
    assert section.stage == t("report.stage_wawancara", lang)
    assert finalists == 4
    assert section.note == t("report.unweighted_interview_note", lang, count=Num(4), wawancara="wawancara.csv")
    chart = _breakdown(section)
    assert t("report.part_interview", lang) not in [c.label for c in chart.columns]
    assert len(chart.rows) == finalists
    assert _section(unweighted, "pemda", lang).note == ""  # a category that weighs it: as before


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_appendix_names_its_shortlist_but_no_aspects(alone: ProvinceReport, lang: str) -> None:
    """The appendix said "Interview aspects: Innovation, Presentation." of a category that interviews nobody: it says
    that the desk score alone ranks it. It said too "and no shortlist is proposed" beside a ranking table that marks
    its first 5 as the proposed shortlist: it names that shortlist, as every desk-stage group's."""
    shown = replace(alone, lang=lang)
    appendix = sections.methodology_appendix(shown.context, sections.held_categories(shown.context), lang)
    notes = {part.title: part.note for part in appendix.categories}
    desa = notes[sections.label(shown.context, "desa", lang)]
    pemda = notes[sections.label(shown.context, "pemda", lang)]
    shortlist = Ref("count.participants", count=5)
    assert desa.startswith(t("report.stage_weights_desk_only", lang, dokumen="100", shortlist=shortlist))
    assert t("count.participants", lang, count=5) in desa
    assert int(_group(alone, "desa")["usulan_shortlist"].sum()) == 5
    aspects = ", ".join(shown.context.methodology.kategori["pemda"].aspect_labels(lang).values())
    assert pemda.startswith(
        t("report.stage_weights", lang, dokumen="70", wawancara="30", aspects=aspects, shortlist=shortlist)
    )
    for aspect in shown.context.methodology.kategori["desa"].aspect_labels(lang).values():
        assert aspect not in desa


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_award_on_its_interview_aspect_says_the_interview_counts_for_nothing(
    alone: ProvinceReport, unweighted: ProvinceReport, lang: str
) -> None:
    """ "Village innovation ... (Village governments): none" said nothing of why (the jury's mean of desa's aspect
    inovasi, of a category that interviews nobody), nor, with interview rows kept, that its winner's interview score
    counts for nothing in the ranking. The other awards read as before."""
    for report in (alone, unweighted):
        won = report.context.scores.penghargaan
        won = won[won["penghargaan"] == "inovasi_desa"]
        winners = ", ".join(f"{isolate(n)} ({score(v, lang)})" for n, v in zip(won["nama"], won["nilai"], strict=True))
        items = {item.head: item.text for item in sections.special_awards(report.context, lang)}
        award = next(a for a in report.context.methodology.penghargaan_khusus if a.id == "inovasi_desa")
        head = f"{getattr(award.label, lang)} ({sections.label(report.context, 'desa', lang)})"
        expected = t("report.award_unweighted", lang, winners=winners or t("report.none", lang))
        assert items[head] == expected
        assert len(won) == (0 if report is alone else 1)  # the village the jury scored best on inovasi
        pemda = [text for head, text in items.items() if sections.label(report.context, "pemda", lang) in head]
        assert pemda and not any(t("report.award_unweighted", lang, winners="") in text for text in pemda)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_category_without_interview_aspects_is_reported_as_any_other(alone: ProvinceReport, lang: str) -> None:
    """`bu_kecil_mikro` lists no aspects (a methodology had to list some for a category that interviews nobody): every
    section of the report is drawn, its appendix says that the desk score alone ranks it."""
    shown = replace(alone, lang=lang)
    assert shown.context.methodology.kategori["bu_kecil_mikro"].aspects == ()
    for name in ProvinceReport.SECTIONS:
        assert getattr(shown, name)().data  # (HTML)
    appendix = sections.methodology_appendix(shown.context, sections.held_categories(shown.context), lang)
    notes = {part.title: part.note for part in appendix.categories}
    size = shown.context.methodology.kategori["bu_kecil_mikro"].shortlist_size
    shortlist = Ref("count.participants", count=size)
    assert notes[sections.label(shown.context, "bu_kecil_mikro", lang)].startswith(
        t("report.stage_weights_desk_only", lang, dokumen="100", shortlist=shortlist)
    )
