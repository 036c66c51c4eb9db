"""Names in right-to-left scripts (Arabic, Jawi, Hebrew) on every HTML page: each one isolated for bidirectional
text (in a <bdi>, or between the Unicode isolates where no element can go) and still escaped."""

from __future__ import annotations

import html.parser
import shutil
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pandas as pd
import pytest

from conftest import write_season
from paritrana_nb.cli import main
from paritrana_nb.engine import score_season
from paritrana_nb.explorer_ui import ExplorerApp
from paritrana_nb.messages import FSI, PDI, isolate, t
from paritrana_nb.methodology import Methodology
from paritrana_nb.rapor.cards import group_words
from paritrana_nb.reliability import jury_reliability as reliability_table
from paritrana_nb.report.analysis_sections import jury_reliability
from paritrana_nb.report.index_page import CardIndex, IndexEntry, index_html
from paritrana_nb.report.national import NationalReport
from paritrana_nb.report.province import ProvinceReport
from paritrana_nb.report.sections import Footer
from paritrana_nb.templating import environment
from scoring_fixtures import PROJECT, gaps_tables, season_from, small_season_tables, tables_with_interviews

ARABIC = "قرية النور"
JAWI = "مؤسسة الأمل"
HEBREW = "חברת אור"
MIXED = "شركة 77 للبناء"  # digits inside a right-to-left name
HOSTILE = "نور <script>alert(1)</script>"
ZONE = "كاليمانتان 2"  # a zone of wilayah.csv, a number after its right-to-left letters
PROVINCE = "כלימנטן"  # a province's name in wilayah.csv
NAMES = (ARABIC, JAWI, HEBREW, MIXED, HOSTILE, ZONE, PROVINCE)


class _Isolation(html.parser.HTMLParser):
    """Every text of a page holding one of NAMES: in a <bdi> (or an element with dir="auto"), or, in a <title>,
    between FSI and PDI; a <script> (the card's JSON block) is data, not shown."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.problems: list[str] = []
        self.seen: dict[str, int] = dict.fromkeys(NAMES, 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "meta", "img", "input", "link", "rect", "path", "line", "circle"):
            self.open.append((tag, tag == "bdi" or ("dir", "auto") in attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        tags = [tag for tag, _ in self.open]
        if "script" in tags or "style" in tags:
            return
        isolated = any(flag for _, flag in self.open)
        for name in NAMES:
            found = data.count(name)
            if not found:
                continue
            self.seen[name] += found
            if "title" in tags:
                if data.count(isolate(name)) != found:
                    self.problems.append(f"<title> without FSI/PDI: {data!r}")
            elif not isolated:
                self.problems.append(f"not in a <bdi>: {data!r} in {tags}")
        if "title" not in tags and (FSI in data or PDI in data):
            self.problems.append(f"an isolate mark left in the text: {data!r}")


def _check(page: str) -> dict[str, int]:
    """How often each name is shown on `page`; fails on a name not isolated or markup from a name."""
    assert "<script>alert(1)" not in page
    parser = _Isolation()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    return parser.seen


def test_the_text_macro_isolates_each_marked_name_and_escapes_everything() -> None:
    text = environment().get_template("macros.html.j2").make_module().text
    sentence = f"Register 35 more workers to pass {isolate(HOSTILE)} (rank 3 of 17) & {isolate(MIXED)}."
    assert str(text(sentence)) == (
        "Register 35 more workers to pass <bdi>نور &lt;script&gt;alert(1)&lt;/script&gt;</bdi> (rank 3 of 17) "
        f"&amp; <bdi>{MIXED}</bdi>."
    )
    assert str(text("no names: <b>")) == "no names: &lt;b&gt;"
    assert str(text(f"an unpaired {FSI}mark")) == f"an unpaired {FSI}mark"  # written as it is, never a tag


def _rtl_tables() -> dict[str, pd.DataFrame]:
    """The desk-stage gaps season (villages below first place have actions naming the one ahead), every village
    and business named in a right-to-left script, one with markup."""
    tables = gaps_tables()
    desa, bu = tables["desa"], tables["badan_usaha"]
    desa["nama"] = desa["kode_desa"].map({"61.01.01.2001": ARABIC, "61.02.01.2001": HOSTILE})
    bu["nama"] = bu["npp"].map({"0000000001": HEBREW, "0000000002": MIXED})
    return tables


@pytest.fixture(scope="module")
def rtl_season(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    write_season(data, _rtl_tables())
    return data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_province_report_isolates_every_right_to_left_name(rtl_season: Path, lang: str) -> None:
    report = ProvinceReport.prepare(2025, "61", str(rtl_season), str(PROJECT / "params"), lang, simulasi=40, seed=1)
    page = "".join(getattr(report, section)().data for section in ProvinceReport.SECTIONS)
    seen = _check(page)
    assert seen[ARABIC] >= 4  # podium, ranking, intervals and the action that names it as the one to pass
    assert all(seen[name] for name in (HEBREW, MIXED, HOSTILE)), seen
    assert f"<bdi>{ARABIC}</bdi>" in report.robustness().data  # "... untuk melampaui <bdi>قرية النور</bdi>."


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_report_title_and_the_nominees_isolate_a_right_to_left_province_name(
    rtl_season: Path, tmp_path: Path, lang: str
) -> None:
    """A province's name from wilayah.csv was left as it is in the province report's title ("... 2025 — <name>")
    and in the national report's nominees table, where participant names beside it are isolated."""
    data = tmp_path / "data"
    shutil.copytree(rtl_season, data)
    wilayah = pd.read_csv(data / "2025" / "wilayah.csv", dtype=str, keep_default_na=False)
    wilayah.loc[wilayah["kode_wilayah"] == "61", "nama"] = PROVINCE
    wilayah.to_csv(data / "2025" / "wilayah.csv", index=False)
    params = str(PROJECT / "params")
    province = ProvinceReport.prepare(2025, "61", str(data), params, lang, simulasi=40, seed=1)
    assert _check(province.header().data)[PROVINCE] == 1
    national = NationalReport.prepare(2025, str(data), params, lang, simulasi=40, seed=1)
    assert _check(national.nominees().data)[PROVINCE] >= 1


def test_cards_and_their_index_isolate_every_right_to_left_name(rtl_season: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards"
    params = str(PROJECT / "params")
    args = ["--data-dir", str(rtl_season), "--params-dir", params, "--out", str(out), "--draws", "40", "--jobs", "1"]
    code = main(["rapor", "--season", "2025", *args])
    assert code == 0
    pages = sorted(out.rglob("*.html"))
    seen = dict.fromkeys(NAMES, 0)
    for page in pages:
        for name, count in _check(page.read_text(encoding="utf-8")).items():
            seen[name] += count
    assert all(seen[name] for name in (ARABIC, HEBREW, MIXED, HOSTILE)), seen


def test_cards_and_their_index_isolate_right_to_left_zone_and_province_names(rtl_season: Path, tmp_path: Path) -> None:
    """Group names from wilayah.csv were not isolated as participant names are: "ranked in zone كاليمانتان 2 · stage"
    on a card and "Feedback cards 2025: ranked in ..." on its index showed the words after the name reordered."""
    data = tmp_path / "data"
    shutil.copytree(rtl_season, data)
    wilayah = pd.read_csv(data / "2025" / "wilayah.csv", dtype=str, keep_default_na=False)
    wilayah.loc[wilayah["zona"] != "", "zona"] = ZONE
    wilayah.loc[wilayah["kode_wilayah"] == "61", "nama"] = PROVINCE
    wilayah.to_csv(data / "2025" / "wilayah.csv", index=False)
    out = tmp_path / "cards"
    params = str(PROJECT / "params")
    args = ["--data-dir", str(data), "--params-dir", params, "--out", str(out), "--draws", "40", "--jobs", "1"]
    assert main(["rapor", "--season", "2025", *args]) == 0
    seen = dict.fromkeys(NAMES, 0)
    for page in sorted(out.rglob("*.html")):
        for name, count in _check(page.read_text(encoding="utf-8")).items():
            seen[name] += count
    assert seen[ZONE] and seen[PROVINCE], seen


def test_the_status_page_isolates_file_names_jurors_and_the_names_in_messages(tmp_path: Path) -> None:
    """A juror sheet named in Jawi, a juror id in Hebrew and a problem quoting a right-to-left value."""
    tables = small_season_tables()
    data, inbox = tmp_path / "data", tmp_path / "inbox" / "juri"
    write_season(data, {"wilayah": tables["wilayah"]})
    jury = tables["wawancara"]
    jury["juri"] = jury["juri"].replace({"J1": HEBREW})
    jury.loc[0, "kategori"] = MIXED  # not a category of the methodology: a message quotes it
    inbox.mkdir(parents=True)
    jury.to_csv(inbox / f"{JAWI}.csv", index=False)
    out = tmp_path / "status.html"
    main(["status", "--season", "2025", "--from", str(inbox.parent), "--data-dir", str(data), "--out", str(out)])
    seen = _check(out.read_text(encoding="utf-8"))
    assert seen[HEBREW] and seen[JAWI] and seen[MIXED], seen


def test_the_season_index_isolates_podium_and_award_names() -> None:
    entry = IndexEntry(
        "Kalimantan Barat",
        "61-kalbar.html",
        True,
        None,
        [("Desa", [(1, ARABIC), (2, HOSTILE)])],
        [("Inovasi", [MIXED])],
    )
    seen = _check(index_html(2025, [entry], "id", False, Footer("", ("v",))))
    assert seen[ARABIC] == seen[HOSTILE] == seen[MIXED] == 1


def test_the_season_index_isolates_zone_and_province_names_of_ranking_groups() -> None:
    """A ranking group's title on the podium ("Pemerintah provinsi — Zona ...") and its card index link."""
    text = partial(t, lang="id")
    cards = (
        CardIndex(ZONE, group_words(ZONE, {}, text), "z/index.html"),
        CardIndex("61", group_words("61", {"61": PROVINCE}, text), "61/index.html"),
    )
    podium = [(f"Pemprov — {t('report.zone', 'id', zone=isolate(ZONE))}", [(1, ARABIC)])]
    entry = IndexEntry("Nasional", "nasional.html", True, None, podium, [], cards)
    seen = _check(index_html(2025, [entry], "id", False, Footer("", ("v",))))
    assert seen[ZONE] == 2 and seen[PROVINCE] == 1, seen


def test_the_explorer_isolates_names_in_its_ranking_chart_and_actions(rtl_season: Path) -> None:
    app = ExplorerApp(rtl_season, PROJECT / "params", 2025, lang="en")
    app.category_pick.value = "desa"
    shown = _check(app.table.value + app.chart.value)
    assert shown[ARABIC] and shown[HOSTILE], shown
    app.participant_pick.value = "61.02.01.2001"  # ranked second: its actions (found at once without an event
    # loop) name the village ahead of it
    assert _check(app.profile.value)[ARABIC], app.profile.value  # "... to overtake <bdi>قرية النور</bdi>."


def test_the_jury_agreement_isolates_each_juror_id(tmp_path: Path, default_methodology: Methodology) -> None:
    """A juror's id from the juror sheets was shown as it is in the jury-agreement table and in the caution under it
    ("the podium changes when one juror is left out (...)"), where participant names beside it are isolated: a
    right-to-left id reordered the text around it. Each id is isolated as a name is."""
    aspects = default_methodology.kategori["pemda"].aspect_ids
    # without HEBREW or MIXED the trimmed mean of 61.01 drops and 61.02 takes first place (test_reliability's TINY)
    given = {
        "61.01": {HEBREW: 100.0, MIXED: 90.0, "J3": 90.0, "J4": 30.0},
        "61.02": {HEBREW: 50.0, MIXED: 50.0, "J3": 50.0, "J4": 50.0},
    }
    rows = [("pemda", p, juri, a, v) for p, scored in given.items() for juri, v in scored.items() for a in aspects]
    season = season_from(tables_with_interviews(rows), tmp_path)
    jury = reliability_table(season, default_methodology, score_season(season, default_methodology))
    parts = environment().get_template("report_parts.html.j2").make_module()
    for lang in ("id", "en"):
        found = jury_reliability(
            cast(Any, SimpleNamespace(jury=jury)), "pemda", pd.DataFrame({"kelompok": ["61"]}), lang
        )
        assert found is not None
        seen = _check(str(parts.reliability(found)))
        assert seen[HEBREW] == seen[MIXED] == 2, seen  # its row of the table, and the caution under it
