"""Every table of the province and national reports has a caption a screen reader announces: its own where it has
one, else the heading it sits under (or the summary of the folded chart values it is), hidden from sight because
the heading shows it already."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from paritrana_nb.report.analysis import analyse
from paritrana_nb.report.context import national_context, prepare_season, province_context
from paritrana_nb.report.national import NationalReport
from paritrana_nb.report.province import ProvinceReport
from scoring_fixtures import PROJECT

pytestmark = pytest.mark.slow  # the season is validated, scored and analysed (some 10 s for the module)

PROVINCE_SECTIONS = ("summary", "categories", "robustness", "coverage", "data_quality", "methodology_appendix")
NATIONAL_SECTIONS = ("rankings", "robustness", "nominees", "province_comparison", "methodology_appendix")


def _pages(lang: str) -> list[BeautifulSoup]:
    prepared = prepare_season(2025, PROJECT / "data", PROJECT / "params")
    province = province_context(prepared, "61")
    national = national_context(prepared)
    pages = []
    for report, sections in (
        (
            ProvinceReport(province, lang, analyse(province, sorted(set(province.scores.peserta["kategori"])), 20)),
            PROVINCE_SECTIONS,
        ),
        (
            NationalReport(national, lang, analyse(national, sorted(set(national.scores.peserta["kategori"])), 20)),
            NATIONAL_SECTIONS,
        ),
    ):
        html = "".join(getattr(report, name)().data for name in sections)
        pages.append(BeautifulSoup(html, "html.parser"))
    return pages


def _heading_of(table: Tag) -> str:
    """The text of the heading a table sits under (a category's without its stage badge), or of the summary of the
    folded chart values it is."""
    folded = table.find_parent("details")
    if folded is not None:
        return folded.find("summary").get_text()
    heading = table.find_previous(["h2", "h3"])
    assert heading is not None
    return "".join(
        part.get_text() if isinstance(part, Tag) else str(part)
        for part in heading.contents
        if not (isinstance(part, Tag) and "badge" in (part.get("class") or []))
    ).strip()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_report_table_is_captioned_by_its_heading(lang: str) -> None:
    for page in _pages(lang):
        tables = page.find_all("table")
        assert len(tables) > 5
        for table in tables:
            caption = table.find("caption")
            assert caption is not None, table.get("class")
            if "visually-hidden" in (caption.get("class") or []):
                assert caption.get_text() == _heading_of(table) != ""


def test_every_chart_says_what_it_draws() -> None:
    """A chart's alt text was its title alone ("Rank intervals (Monte Carlo simulation)"): a screen reader heard
    what the chart was about, never what it draws nor where its values are written."""
    alts = {img["alt"] for page in _pages("en") for img in page.select("figure img")}
    assert alts == {
        (
            "Score breakdown by indicator: one horizontal bar per finalist, its length the score, split into parts by"
            " indicator (and the interview), each with its own colour and hatching, the score written at its end; the"
            " values are in the table below."
        ),
        (
            "Rank intervals (Monte Carlo simulation): per participant, a bar over the ranks it took in 90% of the"
            " simulations (orange with a dashed outline for a statistical tie), a dot at its median rank and a diamond"
            " at its official rank, rank 1 at the left; the values are in the table below."
        ),
        (
            "Jamsostek coverage 2023 → 2024 per regency/city, with target: per regency/city, an open grey circle at its"
            " coverage in 2023 and a green dot at 2024, joined by a solid green line for a rise or a dashed red line"
            " for a fall, and an orange mark at its target; the values are in the table below."
        ),
        (
            "Universal coverage by province, 2024: one horizontal bar per province, its length the province's universal"
            " coverage, longest first; the values are in the table below."
        ),
    }
