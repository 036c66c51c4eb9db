"""The province report's podium shows each place's change on last season (compare.podium_changes), from the
report context the run prepares: the bundled season 2025 against 2024."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from paritrana_nb.messages import t
from paritrana_nb.problems import SeasonInvalid
from paritrana_nb.report.analysis import analyse
from paritrana_nb.report.context import PreparedSeason, prepare_season, province_context
from paritrana_nb.report.province import ProvinceReport
from scoring_fixtures import PROJECT

pytestmark = pytest.mark.slow  # each season is validated and scored (5 s for the module)


@pytest.fixture(scope="module")
def prepared() -> PreparedSeason:
    return prepare_season(2025, PROJECT / "data", PROJECT / "params")


def _report(prepared: PreparedSeason, lang: str) -> ProvinceReport:
    context = province_context(prepared, "61")
    return ProvinceReport(context, lang, analyse(context, [], draws=1))  # the summary needs no analysis


def _summary(prepared: PreparedSeason, lang: str) -> BeautifulSoup:
    return BeautifulSoup(_report(prepared, lang).summary().data, "html.parser")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_podium_place_shows_its_change_on_last_season(prepared: PreparedSeason, lang: str) -> None:
    soup = _summary(prepared, lang)
    categories = _report(prepared, lang)._categories()
    rows = soup.select("tbody tr")
    assert len(rows) == len(categories) > 1
    for kategori, row in zip(categories, rows, strict=True):
        cells = [cell for cell in row.find_all("td")[2:5] if cell.get_text() != "–"]
        shown = [(cell.find("bdi").get_text(), cell.find("span", class_="perubahan").get_text()) for cell in cells]
        assert shown == _changes_expected(prepared, kategori, "61", lang, places=3), kategori
    changes = [span.get_text() for span in soup.select("span.perubahan")]
    assert changes and any(c != t("compare.same", lang) for c in changes)  # the seasons differ


def test_a_newcomer_on_the_podium_is_new(prepared: PreparedSeason) -> None:
    """A participant absent last season reads "baru": the first podium place of a copy of the season whose
    2024 data lack it."""
    table = prepared.perubahan
    assert table is not None
    first = table[(table["kategori"] == "pemda") & (table["kelompok"] == "61") & (table["peringkat"] == 1)]
    fresh = table.copy()
    fresh.loc[first.index, ["peringkat_lalu", "skor_lalu"]] = None
    fresh.loc[first.index, "ikut_lalu"] = False
    soup = _summary(PreparedSeason(**{**prepared.__dict__, "perubahan": fresh}), "id")
    first_place = soup.select("tbody tr")[0].find_all("td")[2]
    assert first_place.find("span", class_="perubahan").get_text() == "baru"


def test_without_a_previous_season_the_podium_shows_no_change(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "data" / "2025", tmp_path / "2025", ignore=shutil.ignore_patterns("inbox"))
    alone = prepare_season(2025, tmp_path, PROJECT / "params")
    assert alone.perubahan is None
    soup = _summary(alone, "id")
    assert soup.select("tbody tr") and not soup.select("span.perubahan")


def test_a_previous_season_of_the_same_performance_year_is_refused(tmp_path: Path) -> None:
    """Season 2024's folder holding season 2025's files, assessing 2024 as season 2025 does: its ranks are this
    season's own, and every podium place would read "tetap". The run stops with the reason instead."""
    for musim in ("2025", "2024"):
        shutil.copytree(PROJECT / "data" / "2025", tmp_path / musim, ignore=shutil.ignore_patterns("inbox"))
    (tmp_path / "2024" / "musim.yaml").write_text("musim: 2024\ntahun_kinerja: 2024\n", encoding="utf-8")
    with pytest.raises(SeasonInvalid) as invalid:
        prepare_season(2025, tmp_path, PROJECT / "params")
    [problem] = invalid.value.report.errors
    assert (problem.file, problem.column) == ("musim.yaml", "tahun_kinerja")
    assert "Season 2024 assesses performance year 2024" in problem.message("en")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_category_without_a_participant_in_the_province_is_said(prepared: PreparedSeason, lang: str) -> None:
    """A province category no participant of this province is in is named under the podiums, not left out
    silently; with every category held, nothing is said."""
    from dataclasses import replace

    from paritrana_nb.report.context import scores_slice

    context = province_context(prepared, "61")
    held = sorted(set(context.scores.peserta["kategori"]))
    assert "desa" in held
    fewer = replace(context, scores=scores_slice(context.scores, [k for k in held if k != "desa"]))
    words = t("report.no_participants", lang, categories=getattr(context.methodology.kategori["desa"].label, lang))
    summary = ProvinceReport(fewer, lang, analyse(fewer, [], draws=1)).summary().data
    assert words in BeautifulSoup(summary, "html.parser").get_text()
    full = BeautifulSoup(_report(prepared, lang).summary().data, "html.parser").get_text()
    assert t("report.no_participants", lang, categories="").split(":")[0] not in full


#: A category after bu_kecil_mikro whose rows all went to it (a row joins the first category it matches): no
#: participant of any province is in it.
NOBODY = """  bu_mikro_lain:
    label: {id: Usaha mikro lainnya, en: Other micro businesses}
    peserta: {tabel: badan_usaha, skala: [mikro]}
    kelompok: provinsi
    stage_weights: {dokumen: 1.0, wawancara: 0.0}
    programmes_expected: [jkk, jkm]
    indicators:
      - {id: kepesertaan, label: {id: Pekerja terdaftar (%), en: Workers registered (%)}, direction: higher,
         goalposts: [0, 100], weight: 100}
    aspects: [{id: komitmen, label: {id: Komitmen, en: Commitment}}]
    tie_break: kepesertaan
    shortlist_size: 5
"""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_category_without_a_participant_in_the_season_is_said_so(tmp_path: Path, lang: str) -> None:
    """A category no participant of the whole season is in is not said to have no participant of this province
    (it was, with the categories only this province has none in); each has its own sentence."""
    from dataclasses import replace

    from paritrana_nb.report.context import scores_slice

    text = (PROJECT / "params" / "2025" / "metodologi.yaml").read_text(encoding="utf-8")
    assert text.count("\n  pemprov:\n") == 1
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "metodologi.yaml").write_text(
        text.replace("\n  pemprov:\n", f"\n{NOBODY}  pemprov:\n"), encoding="utf-8"
    )
    prepared = prepare_season(2025, PROJECT / "data", tmp_path, cache=False)
    assert "bu_mikro_lain" not in set(prepared.scores.peserta["kategori"])
    context = province_context(prepared, "61")
    held = sorted(set(context.scores.peserta["kategori"]))
    fewer = replace(context, scores=scores_slice(context.scores, [k for k in held if k != "desa"]))  # none in 61
    note = BeautifulSoup(ProvinceReport(fewer, lang, analyse(fewer, [], draws=1)).summary().data, "html.parser")
    labels = {k: getattr(context.methodology.kategori[k].label, lang) for k in ("desa", "bu_mikro_lain")}
    assert note.select_one("p.note").get_text() == (
        t("report.no_participants", lang, categories=labels["desa"])
        + " "
        + t("report.no_participants_season", lang, categories=labels["bu_mikro_lain"])
    )
    if lang == "en":
        assert note.select_one("p.note").get_text() == (
            "No participant of this province in: Village governments. "
            "No participant in any province this season in: Other micro businesses."
        )


def _change_column(section: BeautifulSoup, lang: str) -> list[tuple[str, str]]:
    """(name, cell of the "since last season" column) of each row of a ranking table."""
    heads = [th.get_text() for th in section.select("thead th")]
    at = heads.index(t("report.col_change", lang))
    name = heads.index(t("report.col_name", lang))
    cells = [row.find_all("td") for row in section.select("tbody tr")]
    return [(row[name].get_text(), row[at].get_text()) for row in cells]


def _changes_expected(
    prepared: PreparedSeason, kategori: str, kelompok: str, lang: str, places: int | None = None
) -> list[tuple[str, str]]:
    """(name, change in words) of every participant of a group (of its first `places` ranks), worked out from the
    compare table alone."""
    table = prepared.perubahan
    assert table is not None
    rows = table[(table["kategori"] == kategori) & (table["kelompok"] == kelompok) & table["ikut"]]
    if places is not None:
        rows = rows[rows["peringkat"] <= places]
    out = []
    for row in rows.itertuples():
        if pd.isna(row.peringkat):
            label = ""
        elif not row.ikut_lalu:
            label = t("compare.new", lang)
        elif isinstance(row.kelompok_lalu, str) and row.kelompok_lalu != kelompok:
            label = t("compare.other_group", lang)
        elif pd.isna(row.peringkat_lalu):
            label = t("compare.unranked_before", lang)
        else:
            moved = int(row.peringkat_lalu) - int(row.peringkat)
            key = "compare.up" if moved > 0 else "compare.down" if moved < 0 else "compare.same"
            label = t(key, lang, count=abs(moved)) if moved else t(key, lang)
        out.append((row.nama, label))
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_ranking_table_shows_each_participants_change_on_last_season(prepared: PreparedSeason, lang: str) -> None:
    """The province report's ranking tables and the national report's (which has no podium summary) show each
    participant's change of rank in a column of its own."""
    from paritrana_nb.report.context import national_context
    from paritrana_nb.report.national import NationalReport

    report = _report(prepared, lang)
    sections = BeautifulSoup(report.categories().data, "html.parser").select("table.ranking")
    assert len(sections) == len(report._categories())
    for kategori, section in zip(report._categories(), sections, strict=True):
        assert _change_column(section, lang) == _changes_expected(prepared, kategori, "61", lang), kategori
    context = national_context(prepared)
    national = NationalReport(context, lang, analyse(context, [], draws=1))
    groups = national._groups()
    tables = BeautifulSoup(national.rankings().data, "html.parser").select("table.ranking")
    assert len(tables) == len(groups) > 0
    shown = []
    for (kategori, group), section in zip(groups, tables, strict=True):
        kelompok = str(group["kelompok"].iloc[0])
        shown += _change_column(section, lang)
        assert _change_column(section, lang) == _changes_expected(prepared, kategori, kelompok, lang), kategori
    assert any(change not in ("", t("compare.same", lang)) for _, change in shown)  # the seasons differ


def test_without_a_previous_season_the_ranking_tables_have_no_change_column(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "data" / "2025", tmp_path / "2025", ignore=shutil.ignore_patterns("inbox"))
    alone = prepare_season(2025, tmp_path, PROJECT / "params")
    page = _report(alone, "en").categories().data
    assert "table" in page and t("report.col_change", "en") not in page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_category_last_season_scored_otherwise_is_said_where_its_changes_are_shown(tmp_path: Path, lang: str) -> None:
    """Last season's methodology weighed pemda's indicators otherwise: the summary and pemda's section say that its
    changes of rank mix the two methodologies; the villages' section, scored alike, says nothing of it."""
    import yaml

    for folder in ("data", "params"):
        for musim in ("2024", "2025"):
            shutil.copytree(PROJECT / folder / musim, tmp_path / folder / musim, ignore=shutil.ignore_patterns("inbox"))
    path = tmp_path / "params" / "2024" / "metodologi.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["kategori"]["pemda"]["indicators"][0]["weight"] += 10
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    changed = prepare_season(2025, tmp_path / "data", tmp_path / "params", cache=False)
    assert changed.scored_otherwise == {"pemda": ("indicators",)}
    report = _report(changed, lang)
    summary = BeautifulSoup(report.summary().data, "html.parser").select_one("p.note").get_text()
    label = getattr(changed.methodology.kategori["pemda"].label, lang)
    assert summary == t("report.scored_otherwise_summary", lang, musim=2024, categories=label)
    said = t("report.scored_otherwise", lang, musim=2024, keys="indicators")
    parts = dict(zip(report._categories(), report.categories().data.split("<h2")[1:], strict=True))
    assert said in parts["pemda"]
    assert all(said not in part for kategori, part in parts.items() if kategori != "pemda")
