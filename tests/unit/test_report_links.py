"""The links between the reports of a season folder: the same report in the other language (only where its page is
there) and, from the national report's nominees, each province's report (where the run makes it or it is there)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape as esc

from conftest import small_season_tables, write_season
from paritrana_nb.messages import t
from paritrana_nb.report.analysis import analyse
from paritrana_nb.report.context import national_context, prepare_season, province_context
from paritrana_nb.report.links import other_languages, pages_not_linking, province_report_link
from paritrana_nb.report.national import NationalReport
from paritrana_nb.report.sections import header
from scoring_fixtures import PROJECT

XSS = "<img src=x onerror=alert(1)>"


def test_the_other_language_is_linked_only_while_its_page_is_there(tmp_path: Path) -> None:
    assert other_languages(tmp_path, "61-kalbar", "id") == ()  # no English page yet
    (tmp_path / "61-kalbar.html").write_text("id", encoding="utf-8")  # the report's own page: no link to itself
    assert other_languages(tmp_path, "61-kalbar", "id") == ()
    assert other_languages(tmp_path, "61-kalbar", "en") == (
        ("id", "Laporan yang sama dalam bahasa Indonesia", "61-kalbar.html", "61-kalbar.html"),
    )
    (tmp_path / "61-kalbar.en.html").write_text("en", encoding="utf-8")
    english = ("en", "The same report in English", "61-kalbar.en.html", "61-kalbar.en.html")
    assert other_languages(tmp_path, "61-kalbar", "id") == (english,)
    assert other_languages(tmp_path, "65-kaltara", "id") == ()  # another province's page is not this report's
    assert other_languages(None, "61-kalbar", "id") == ()  # a notebook run by hand: saved where no report is
    (tmp_path / "61 kalbar.en.html").write_text("en", encoding="utf-8")  # a key with a space: its link encoded
    assert other_languages(tmp_path, "61 kalbar", "id") == (
        ("en", "The same report in English", "61%20kalbar.en.html", "61 kalbar.en.html"),
    )


def test_a_province_report_is_linked_where_the_run_makes_it_or_it_is_there(tmp_path: Path) -> None:
    assert province_report_link(tmp_path, "61", "id", {"61-kalbar"}) == "61-kalbar.html"  # made by the same run
    assert province_report_link(tmp_path, "61", "en", {"61-kalbar"}) == "61-kalbar.en.html"
    assert province_report_link(tmp_path, "65", "id", {"61-kalbar"}) is None  # neither made nor there
    (tmp_path / "65-kaltara.en.html").write_text("en", encoding="utf-8")
    assert province_report_link(tmp_path, "65", "id", ()) is None  # there in English only
    assert province_report_link(tmp_path, "65", "en", ()) == "65-kaltara.en.html"
    assert province_report_link(None, "61", "id", {"61-kalbar"}) is None  # by hand: no folder of reports
    hostile = "<b>&"  # a code outside the national list is its report's key: written in the link as a URL's part
    assert province_report_link(tmp_path, hostile, "id", {hostile}) == "%3Cb%3E%26.html"


def test_the_pages_an_earlier_run_made_without_the_link_to_this_runs_page_are_found(tmp_path: Path) -> None:
    """A run in English after one in Bahasa Indonesia: the Indonesian pages were drawn before the English ones were
    there, so they do not link them, and the terminal names them (one that links its English page is not named)."""
    linking = '<a href="61-kalbar.en.html" hreflang="en" lang="en">The same report in English</a>'
    (tmp_path / "61-kalbar.html").write_text(f"<p>{linking}</p>", encoding="utf-8")
    (tmp_path / "65-kaltara.html").write_text('<a href="65-kaltara.csv">65-kaltara.csv</a>', encoding="utf-8")
    (tmp_path / "nasional.html").write_text('<a href="61-kalbar.html">Kalimantan Barat</a>', encoding="utf-8")
    keys = ["61-kalbar", "65-kaltara", "nasional", "64-kaltim"]  # no page of 64-kaltim in Bahasa Indonesia
    assert pages_not_linking(tmp_path, keys, "en", "id") == [tmp_path / "65-kaltara.html", tmp_path / "nasional.html"]
    assert pages_not_linking(tmp_path, keys, "id", "en") == []  # no English page there


@pytest.mark.parametrize(("lang", "other", "page"), [("id", "en", "61-kalbar.en.html"), ("en", "id", "61-kalbar.html")])
def test_a_report_header_links_the_same_report_in_the_other_language_beside_it(
    tmp_path: Path, lang: str, other: str, page: str
) -> None:
    """Panel members move between pages by clicking only: a report of `paritrana run` links its page in the other
    language when an earlier run left it in the folder; one without it there (or run by hand) links none."""
    write_season(tmp_path / "data", small_season_tables())
    folder = tmp_path / "hasil" / "2025"
    folder.mkdir(parents=True)
    context = replace(province_context(prepare_season(2025, tmp_path / "data", PROJECT / "params"), "61"), cards=folder)
    text = esc(t("report.same_report_language", other))
    # printed, it shows the file name it leads to (data-file: report.css prints it after the link's text)
    link = (
        f'<p class="nav language"><a href="{page}" hreflang="{other}" lang="{other}" data-file="{page}">{text}</a>'
        "</p><h1>"
    )
    assert link not in header(context, lang, "Kalimantan Barat", "intro")
    assert 'hreflang="' not in header(context, lang, "Kalimantan Barat", "intro")
    (folder / page).write_text("<html></html>", encoding="utf-8")
    assert link in header(context, lang, "Kalimantan Barat", "intro")
    assert 'hreflang="' not in header(replace(context, cards=None), lang, "Kalimantan Barat", "intro")


def _nominee_links(data: Path, folder: Path | None, made: frozenset[str], lang: str) -> list[tuple[str, str | None]]:
    """(province text, href or None) of each row of the national report's nominees table; a link keeps the file name
    it leads to for print (data-file), which is its href as it reads."""
    context = replace(national_context(prepare_season(2025, data, PROJECT / "params")), cards=folder, reports=made)
    html = NationalReport(context, lang, analyse(context, [], draws=1)).nominees().data
    rows = BeautifulSoup(html, "html.parser").select("tbody tr")
    cells = [row.find("td") for row in rows]
    assert all(cell.a["data-file"] == cell.a["href"] for cell in cells if cell.a)
    return [(cell.get_text(), cell.a["href"] if cell.a else None) for cell in cells]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_nominees_link_each_provinces_report_of_the_run_and_show_a_hostile_name_as_text(
    tmp_path: Path, lang: str
) -> None:
    """The national report named each province's nominees without a way to its report: each province's name now
    links its report in the same language where the run makes it (or it is there), its name escaped."""
    tables = small_season_tables()
    wilayah = tables["wilayah"]
    wilayah.loc[wilayah["kode_wilayah"] == "61", "nama"] = XSS
    write_season(tmp_path / "data", tables)
    folder = tmp_path / "hasil" / "2025"
    folder.mkdir(parents=True)
    suffix = "" if lang == "id" else ".en"
    shown = _nominee_links(tmp_path / "data", folder, frozenset({"61-kalbar"}), lang)
    assert {href for name, href in shown if XSS in name} == {f"61-kalbar{suffix}.html"}
    assert {href for name, href in shown if "Kalimantan Utara" in name} == {None}  # not made, not there
    (folder / f"65-kaltara{suffix}.html").write_text("<html></html>", encoding="utf-8")
    shown = _nominee_links(tmp_path / "data", folder, frozenset({"61-kalbar"}), lang)
    assert {href for name, href in shown if "Kalimantan Utara" in name} == {f"65-kaltara{suffix}.html"}
    assert {href for _, href in _nominee_links(tmp_path / "data", None, frozenset({"61-kalbar"}), lang)} == {None}
    context = replace(national_context(prepare_season(2025, tmp_path / "data", PROJECT / "params")), cards=folder)
    html = NationalReport(context, lang, analyse(context, [], draws=1)).nominees().data
    assert XSS not in html and str(esc(XSS)) in html
    assert BeautifulSoup(html, "html.parser").find("img") is None
