"""The reports' methodology appendix shows the goalposts the season was scored with, every digit of them (the
province and the national report share sections.methodology_appendix)."""

from __future__ import annotations

import pytest
import yaml

from paritrana_nb.report import sections
from paritrana_nb.report.analysis import analyse
from paritrana_nb.report.context import ReportContext, prepare_season, province_context
from paritrana_nb.report.province import ProvinceReport
from scoring_fixtures import DEFAULT_METHODOLOGY, gaps_tables, write_season

#: desa's goalposts, in methodology order (cakupan_desa, perangkat, bpd, rentan_dana_desa)
GOALPOSTS = [[0, 0.000001], [0.25, 100], [1e-7, 1], [-1234.5, 1e9]]
SHOWN = {
    "id": ["[0; 0,000001]", "[0,25; 100]", "[1 × 10⁻⁷; 1]", "[-1.234,5; 1.000.000.000]"],
    "en": ["[0; 0.000001]", "[0.25; 100]", "[1 × 10⁻⁷; 1]", "[-1,234.5; 1,000,000,000]"],
}


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> ReportContext:
    root = tmp_path_factory.mktemp("goalposts")
    data, params = root / "data", root / "params"
    write_season(data, gaps_tables())
    methodology = yaml.safe_load(DEFAULT_METHODOLOGY.read_text(encoding="utf-8"))
    for indicator, goalposts in zip(methodology["kategori"]["desa"]["indicators"], GOALPOSTS, strict=True):
        indicator["goalposts"] = goalposts
    (params / "2025").mkdir(parents=True)
    (params / "2025" / "metodologi.yaml").write_text(yaml.safe_dump(methodology, allow_unicode=True), "utf-8")
    return province_context(prepare_season(2025, data, params), "61")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_appendix_shows_each_goalpost_as_it_is_used(context: ReportContext, lang: str) -> None:
    """At one decimal [0, 0.000001] read "[0,0; 0,0]", two different goalposts alike, and 0.25 read "0,3"."""
    [desa] = sections.methodology_appendix(context, ["desa"], lang).categories
    assert [row[2].text for row in desa.table.rows] == SHOWN[lang]
    [pemda] = sections.methodology_appendix(context, ["pemda"], lang).categories
    assert pemda.table.rows[0][2].text == "[0; 100]"  # whole numbers without decimals
    html = ProvinceReport(context, lang, analyse(context, [], draws=1)).methodology_appendix().data
    assert all(f"<td>{shown}</td>" in html for shown in SHOWN[lang])
