"""Report parts shared by the province and national reports (report/sections.py), read against the score table."""

from __future__ import annotations

import html
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from paritrana_nb.cli import main
from paritrana_nb.formatting import score
from paritrana_nb.messages import t
from paritrana_nb.rapor.paths import card_path
from paritrana_nb.report import sections
from paritrana_nb.report.context import prepare_season, province_context
from paritrana_nb.report.province import ProvinceReport
from scoring_fixtures import PROJECT, gaps_tables, write_season


@pytest.fixture(scope="module")
def kalbar() -> ProvinceReport:
    return ProvinceReport.prepare(2025, "61", str(PROJECT / "data"), str(PROJECT / "params"), "en", simulasi=20, seed=5)


@pytest.mark.parametrize("kategori", ["pemda", "desa", "bu_besar_menengah", "bu_kecil_mikro"])
def test_the_score_breakdown_totals_are_the_scores_ranked_by(kalbar: ProvinceReport, kategori: str) -> None:
    """The breakdown's total was the sum of its parts, which differs from the final score in its last bits (Kabupaten
    Mempawah: 64.80456784183357 against 64.80456784183356), and so, at a rounding boundary, in its second decimal: it
    is the score the ranking table, the card and the score CSV give."""
    peserta = kalbar.context.scores.peserta
    group = peserta[peserta["kategori"] == kategori]
    titled = sections.contributions(kalbar.context, kategori, group, "en")
    assert titled is not None and titled.chart is not None and titled.chart.data is not None
    finalists = group[group["finalis"]]
    assert len(titled.chart.data.rows) == len(finalists) > 0
    for row, total in zip(titled.chart.data.rows, finalists["skor_peringkat"], strict=True):
        assert (row[-1].text, row[-1].sort_value) == (score(total, "en"), repr(float(total)))


def _shown(text: str) -> Decimal:
    """A score as the English report writes it (12,345.67) as an exact decimal."""
    return Decimal(text.replace(",", ""))


@pytest.mark.parametrize("kategori", ["pemda", "desa", "bu_besar_menengah", "bu_kecil_mikro"])
def test_the_score_breakdown_parts_shown_add_up_to_the_total_shown(kalbar: ProvinceReport, kategori: str) -> None:
    """Each part was rounded on its own: in about a quarter of the rows the parts shown did not add up to the total
    shown beside them (as the card's points add up to its score). They are shared out as the card shares them."""
    peserta = kalbar.context.scores.peserta
    titled = sections.contributions(kalbar.context, kategori, peserta[peserta["kategori"] == kategori], "en")
    assert titled is not None and titled.chart is not None and titled.chart.data is not None
    for row in titled.chart.data.rows:
        assert sum(_shown(cell.text) for cell in row[1:-1]) == _shown(row[-1].text), row[0].text


def _card_points(page: str) -> dict[str, str]:
    """Each indicator row of a card's indicator table: its label and the points shown (its sixth column)."""
    rows = re.findall(r'<tr><th class="label">(.*?)</th>(.*?)</tr>', page)
    return {
        html.unescape(re.sub("<.*?>", "", label)): re.findall(r"<td[^>]*>([^<]*)</td>", cells)[4]
        for label, cells in rows
    }


def test_a_desk_stage_breakdown_shows_the_points_its_cards_show(tmp_path: Path) -> None:
    """At the desk stage (Kalbar's regencies without their interview rows) the report's breakdown of each participant
    of the proposed shortlist and the participant's card give the same points, which add up to the same desk score."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data" / "2025", data / "2025", ignore=shutil.ignore_patterns(".cache"))
    interviews = pd.read_csv(data / "2025" / "wawancara.csv", dtype=str, keep_default_na=False)
    dropped = (interviews["kategori"] == "pemda") & interviews["id_peserta"].str.startswith("61.")
    interviews[~dropped].to_csv(data / "2025" / "wawancara.csv", index=False)
    params = str(PROJECT / "params")
    report = ProvinceReport.prepare(2025, "61", str(data), params, "en", simulasi=20, seed=5)
    peserta = report.context.scores.peserta
    group = peserta[peserta["kategori"] == "pemda"]
    assert (group["tahap"] == "dokumen").all()
    titled = sections.contributions(report.context, "pemda", group, "en")
    assert titled is not None and titled.chart is not None and titled.chart.data is not None
    labels = [column.label for column in titled.chart.data.columns]
    out = tmp_path / "cards"
    rapor = ["rapor", "--season", "2025", "--data-dir", str(data), "--params-dir", params, "--out", str(out)]
    assert main([*rapor, "--province", "61", "--category", "pemda", "--lang", "en", "--draws", "20"]) == 0
    shortlist = group[group["usulan_shortlist"]]
    assert len(titled.chart.data.rows) == len(shortlist) >= 5
    for row, id_peserta in zip(titled.chart.data.rows, shortlist["id_peserta"], strict=True):
        points = _card_points(card_path(out, 2025, "61", "pemda", id_peserta, "en").read_text("utf-8"))
        shown = {label: cell.text for label, cell in zip(labels[1:-1], row[1:-1], strict=True) if label in points}
        assert shown == points, id_peserta


def test_a_finalists_breakdown_shows_the_points_its_card_shows(kalbar: ProvinceReport, tmp_path: Path) -> None:
    """A finalist's card gave the points of its desk score, its report the parts of its final score (each indicator's
    points x the desk stage's weight, and the interview's score x its own): both now give the parts of the final
    score, shared out alike to the score it is ranked by, the interview's in a row of its own on the card."""
    peserta = kalbar.context.scores.peserta
    group = peserta[peserta["kategori"] == "pemda"]
    titled = sections.contributions(kalbar.context, "pemda", group, "en")
    assert titled is not None and titled.chart is not None and titled.chart.data is not None
    labels = [column.label for column in titled.chart.data.columns]
    assert labels[-2] == t("report.part_interview", "en")
    out = tmp_path / "cards"
    rapor = ["rapor", "--season", "2025", "--data-dir", str(PROJECT / "data"), "--params-dir", str(PROJECT / "params")]
    rapor += ["--cache-dir", str(tmp_path / "cache"), "--out", str(out), "--province", "61", "--category", "pemda"]
    assert main([*rapor, "--lang", "en", "--draws", "20"]) == 0
    finalists = group[group["finalis"]]
    assert len(titled.chart.data.rows) == len(finalists) >= 5
    for row, id_peserta in zip(titled.chart.data.rows, finalists["id_peserta"], strict=True):
        points = _card_points(card_path(out, 2025, "61", "pemda", id_peserta, "en").read_text("utf-8"))
        shown = {label: cell.text for label, cell in zip(labels[1:-1], row[1:-1], strict=True) if label in points}
        assert shown == points and labels[-2] in points, id_peserta


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_interview_award_before_any_interview_says_nobody_was_interviewed(tmp_path: Path, lang: str) -> None:
    """No interview at all (the desk stage of the gaps season): "Village innovation ... (Village governments): none"
    read as if the jury had found no village worth it. The budget award, on a column, is still plainly "none": both
    regencies' APBD premiums are 0, and a column's largest must be above 0."""
    data = tmp_path / "data"
    write_season(data, gaps_tables())
    context = province_context(prepare_season(2025, data, PROJECT / "params"), "61")
    assert context.scores.wawancara.empty and context.scores.penghargaan.empty
    items = {item.head: item.text for item in sections.special_awards(context, lang)}
    awards = {a.id: a for a in context.methodology.penghargaan_khusus}

    def head(award: str) -> str:
        found = awards[award]
        return f"{getattr(found.label, lang)} ({sections.label(context, found.kategori, lang)})"

    assert items[head("inovasi_desa")] == t("report.award_no_interviews", lang)
    assert items[head("anggaran_terbesar")] == items[head("cakupan_penuh")] == t("report.none", lang)
