"""The province report's podium shows each place's change on last season (compare.podium_changes), from the
report context the run prepares: the bundled season 2025 against 2024."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from paritrana_nb.messages import t
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


def _expected(prepared: PreparedSeason, kategori: str, lang: str) -> list[tuple[str, str]]:
    """(name, change in words) of the pemda podium in Kalbar, from the compare table's ranks."""
    table = prepared.perubahan
    assert table is not None
    rows = table[(table["kategori"] == kategori) & (table["kelompok"] == "61") & (table["peringkat"] <= 3)]
    out = []
    for row in rows.itertuples():
        if not row.ikut_lalu:
            label = t("compare.new", lang)
        else:
            moved = int(row.peringkat_lalu) - int(row.peringkat)
            key = "compare.up" if moved > 0 else "compare.down" if moved < 0 else "compare.same"
            label = t(key, lang, count=abs(moved)) if moved else t(key, lang)
        out.append((row.nama, label))
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_podium_place_shows_its_change_on_last_season(prepared: PreparedSeason, lang: str) -> None:
    soup = _summary(prepared, lang)
    categories = _report(prepared, lang)._categories()
    rows = soup.select("tbody tr")
    assert len(rows) == len(categories) > 1
    for kategori, row in zip(categories, rows, strict=True):
        cells = [cell for cell in row.find_all("td")[2:5] if cell.get_text() != "–"]
        shown = [(cell.find("bdi").get_text(), cell.find("span", class_="perubahan").get_text()) for cell in cells]
        assert shown == _expected(prepared, kategori, lang), kategori
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
