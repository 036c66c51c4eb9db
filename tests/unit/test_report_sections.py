"""Report parts shared by the province and national reports (report/sections.py), read against the score table."""

from __future__ import annotations

import pytest

from paritrana_nb.formatting import score
from paritrana_nb.report import sections
from paritrana_nb.report.province import ProvinceReport
from scoring_fixtures import PROJECT


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
