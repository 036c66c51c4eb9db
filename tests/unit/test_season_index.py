"""The season index links what is on disk when it is written: each report's participant-card indexes in the page's
language and the index in the other language; `refresh_index` writes it again from the data the page holds."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from paritrana_nb.messages import t
from paritrana_nb.report.index_page import (
    DATA_ID,
    CardIndex,
    IndexEntry,
    SeasonIndex,
    StaleIndex,
    refresh_index,
    write_index,
)
from paritrana_nb.report.sections import Footer

ZONE = "Zona <b>1/Barat"  # a zone named in wilayah.csv: its folder is Zona__b_1_Barat


def _index(lang: str = "id") -> SeasonIndex:
    return SeasonIndex(
        2025,
        lang,
        (
            IndexEntry(
                "Laporan Kalimantan Barat",
                "61-kalbar.html",
                True,
                None,
                (("Pemda", ((1, "Kota Pontianak"), (2, "Kabupaten Landak"))),),
                (),
                (CardIndex("61", "diperingkat di Kalimantan Barat"),),
            ),
            IndexEntry(
                "Laporan nasional",
                "nasional.html",
                True,
                None,
                (),
                (("Inovasi", ("Kabupaten Sintang",)),),
                (CardIndex("nasional", "peringkat nasional"), CardIndex(ZONE, f"diperingkat di zona {ZONE}")),
            ),
        ),
        False,
        Footer("", ("v1",), (("pemda.csv", "ab12"),)),
        "",
    )


def _hrefs(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', page)


def _data(page: str) -> str:
    [found] = re.findall(rf'<script type="application/json" id="{DATA_ID}">(.*?)</script>', page, re.S)
    return found


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<html></html>", encoding="utf-8")


def _reports(folder: Path) -> None:
    """The reports `_index` lists, on disk (an index links a report only where its file is)."""
    for name in ("61-kalbar.html", "nasional.html"):
        _touch(folder / name)


def test_without_card_indexes_the_index_says_nothing_of_cards(tmp_path: Path) -> None:
    _reports(tmp_path)
    page = write_index(tmp_path, _index()).read_text(encoding="utf-8")
    assert _hrefs(page) == ["61-kalbar.html", "nasional.html"]
    assert t("report.col_cards", "id") not in page


def test_the_index_links_each_reports_card_indexes_in_its_language(tmp_path: Path) -> None:
    _reports(tmp_path)
    _touch(tmp_path / "61" / "index.html")
    _touch(tmp_path / "Zona__b_1_Barat" / "index.html")
    _touch(tmp_path / "nasional" / "index.en.html")  # English cards only: not linked from the Indonesian index
    page = write_index(tmp_path, _index()).read_text(encoding="utf-8")
    assert _hrefs(page) == ["61-kalbar.html", "61/index.html", "nasional.html", "Zona__b_1_Barat/index.html"]
    assert f"<th>{t('report.col_cards', 'id')}</th>" in page
    assert '<a href="61/index.html"><bdi>diperingkat di Kalimantan Barat</bdi></a>' in page
    assert "Zona &lt;b&gt;1/Barat" in page and ZONE not in page  # escaped, in the table and in the JSON block
    english = write_index(tmp_path, _index("en")).read_text(encoding="utf-8")
    assert "nasional/index.en.html" in _hrefs(english) and "61/index.en.html" not in _hrefs(english)
    assert str(tmp_path) not in page + english  # relative links only: the folder is copied and opened offline


def test_each_language_links_the_other_once_both_are_written(tmp_path: Path) -> None:
    indonesian = write_index(tmp_path, _index("id"))
    assert "index.en.html" not in indonesian.read_text(encoding="utf-8")
    english = write_index(tmp_path, _index("en"))  # as `paritrana run --all --lang en` writes it ...
    assert refresh_index(tmp_path, "id") == indonesian  # ... then writes the Indonesian one again
    page = indonesian.read_text(encoding="utf-8")
    assert f'<p><a href="index.en.html" hreflang="en" lang="en">{t("report.index_language", "en")}</a></p>' in page
    assert '<a href="index.html" hreflang="id" lang="id">' in english.read_text(encoding="utf-8")


def test_a_refresh_links_the_cards_written_after_the_index_and_keeps_its_data(tmp_path: Path) -> None:
    path = write_index(tmp_path, _index())
    before = path.read_text(encoding="utf-8")
    _touch(tmp_path / "61" / "index.html")  # `paritrana rapor --province 61` after `paritrana run --all`
    assert refresh_index(tmp_path, "id") == path
    after = path.read_text(encoding="utf-8")
    assert "61/index.html" in _hrefs(after) and "61/index.html" not in _hrefs(before)
    assert _data(after) == _data(before)
    assert SeasonIndex.of_data(json.loads(_data(after))) == _index()


def test_a_page_this_version_cannot_read_is_left_as_it_is(tmp_path: Path) -> None:
    assert refresh_index(tmp_path, "id") is None  # no index: nothing to write
    path = tmp_path / "index.html"
    for old in (
        "<html><body>an index of an earlier version</body></html>",
        write_index(tmp_path, _index()).read_text(encoding="utf-8").replace('"versi": 1', '"versi": 0'),
        f'<script type="application/json" id="{DATA_ID}">{{"versi": 1}}</script>',
        *(  # a podium's rank that is not one
            write_index(tmp_path, _index()).read_text(encoding="utf-8").replace('[1, "Kota', f'[{rank}, "Kota')
            for rank in ('"1"', "true", "0", "1.5")
        ),
        *(  # a link no `paritrana run` writes, edited into the data of a copied folder: never linked
            write_index(tmp_path, _index()).read_text(encoding="utf-8").replace('"61-kalbar.html"', f'"{href}"')
            for href in ("javascript:alert(1)", "../../etc/passwd.html", "https://example.com/x.html")
        ),
    ):
        path.write_text(old, encoding="utf-8")
        with pytest.raises(StaleIndex) as stale:
            refresh_index(tmp_path, "id")
        assert stale.value.path == path and stale.value.lang == "id"
        assert path.read_text(encoding="utf-8") == old


@pytest.mark.parametrize(("lang", "shared"), [("id", "bersama"), ("en", "shared")])
def test_a_podium_numbers_each_name_by_its_rank_a_shared_place_marked(tmp_path: Path, lang: str, shared: str) -> None:
    """Two regencies share rank 3 (and two villages rank 1): each is numbered by its rank, as the score CSV and the
    reports give it, not by its position on the podium ("3., 4."), and marked shared as the participant cards mark
    it: the index said "1. Desa Sagu, 1. Desa Sempurna" where the cards said "1 (bersama)"."""
    podium = (
        ("Pemda", ((1, "Kabupaten Ketapang"), (2, "Kabupaten Mempawah"), (3, "Kabupaten Sambas"), (3, "Sanggau"))),
        ("Desa", ((1, "Desa <i>Sagu"), (1, "Desa Sempurna"), (3, "Desa Belaban"))),
    )
    index = _index(lang)
    index = replace(index, entries=(replace(index.entries[0], podium=podium),))
    page = write_index(tmp_path, index).read_text(encoding="utf-8")
    assert (
        "<b>Pemda</b>: 1. <bdi>Kabupaten Ketapang</bdi>, 2. <bdi>Kabupaten Mempawah</bdi>, "
        f"3 ({shared}). <bdi>Kabupaten Sambas</bdi>, 3 ({shared}). <bdi>Sanggau</bdi><br/>"
        f"<b>Desa</b>: 1 ({shared}). <bdi>Desa &lt;i&gt;Sagu</bdi>, 1 ({shared}). <bdi>Desa Sempurna</bdi>, "
        "3. <bdi>Desa Belaban</bdi>"
    ) in page
    assert SeasonIndex.of_data(json.loads(_data(page))) == index  # the ranks kept in the page's data


def test_a_podium_kept_from_an_earlier_version_without_ranks_shows_its_names_unnumbered(tmp_path: Path) -> None:
    """An entry an earlier version wrote kept its podium's names only (numbered by position, a shared place as two
    places): written again, its names are listed in their order without a number, and kept so in the data."""
    path = write_index(tmp_path, _index())
    old = path.read_text(encoding="utf-8").replace(
        '[[1, "Kota Pontianak"], [2, "Kabupaten Landak"]]', '["Kota Pontianak", "Kabupaten Landak"]'
    )
    assert '["Kota Pontianak", "Kabupaten Landak"]' in old
    path.write_text(old, encoding="utf-8")
    assert refresh_index(tmp_path, "id") == path
    page = path.read_text(encoding="utf-8")
    assert "<b>Pemda</b>: <bdi>Kota Pontianak</bdi>, <bdi>Kabupaten Landak</bdi>" in page
    assert SeasonIndex.of_data(json.loads(_data(page))).entries[0].podium == (
        ("Pemda", ((None, "Kota Pontianak"), (None, "Kabupaten Landak"))),
    )
    assert refresh_index(tmp_path, "id") == path and path.read_text(encoding="utf-8") == page  # and read again
