"""`paritrana rapor`: every participant's card, read back through its JSON block, against `paritrana score`."""

from __future__ import annotations

import csv
import filecmp
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from markupsafe import escape

from paritrana_nb import palette
from paritrana_nb.cli import build_parser, main
from paritrana_nb.formatting import number
from paritrana_nb.kemendagri import bundled
from paritrana_nb.messages import Num, Ref, isolate, series, t
from paritrana_nb.methodology import load_methodology
from paritrana_nb.problems import ValidationReport
from paritrana_nb.rapor.data import participant_warnings
from paritrana_nb.rapor.paths import card_link, card_path, folder_name
from paritrana_nb.report.context import previous_methodology_missing
from paritrana_nb.report.export import find_external_references
from paritrana_nb.season import Season
from paritrana_nb.uncertainty import DEFAULT_SEED
from rapor_fixtures import (
    DESK_STAGE,
    HOSTILE,
    HOSTILE_NPP,
    KELURAHAN,
    SHARED_FIRST,
    UNSCORED,
    Elements,
    card_data,
    index_page,
    index_rows,
    set_row,
    share_first_village_place,
    write_card_season,
)
from scoring_fixtures import DEFAULT_METHODOLOGY

DRAWS = "40"


def _rapor(data: Path, params: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "rapor",
            "--season",
            "2025",
            "--data-dir",
            str(data),
            "--params-dir",
            str(params),
            "--out",
            str(out),
            "--draws",
            DRAWS,
            *extra,
        ]
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    """Cards of the card season (with last season) in Bahasa Indonesia, and its score CSV rows."""
    root = tmp_path_factory.mktemp("rapor")
    data, params = write_card_season(root, previous=True)
    assert _rapor(data, params, root / "cards", "--jobs", "1") == 0
    score = root / "skor.csv"
    assert (
        main(["score", "--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--out", str(score)])
        == 0
    )
    with score.open(encoding="utf-8", newline="") as handle:
        return root, list(csv.DictReader(handle))


def _card(root: Path, row: dict[str, str]) -> str:
    return card_path(root / "cards", 2025, row["kelompok"], row["kategori"], row["id_peserta"], "id").read_text("utf-8")


def _row(rows: list[dict[str, str]], id_peserta: str) -> dict[str, str]:
    return next(r for r in rows if r["id_peserta"] == id_peserta)


def _number(text: str) -> float | None:
    return None if text == "" else float(text)


def test_every_participant_of_the_score_csv_has_a_card_with_its_numbers(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    root, rows = rendered
    assert len(rows) == len(list((root / "cards" / "2025").glob("*/*/*.html")))
    for row in rows:
        data = card_data(_card(root, row))
        for key in ("musim", "kategori", "kelompok", "id_peserta", "nama", "tahap"):
            assert str(data[key]) == row[key], (row["id_peserta"], key)
        for key in ("skor_dokumen", "skor_wawancara", "skor_akhir", "peringkat"):
            assert data[key] == _number(row[key]), (row["id_peserta"], key)  # exact: both at round-trip precision
        assert data["finalis"] == (row["finalis"] == "true")
        assert data["dinilai"] == (row["dinilai"] == "true")


_INDICATOR_ROW = re.compile(
    r'<tr><th class="label">(?:<svg class="swatch"[^>]*><rect[^>]*/></svg>)?[^<]*</th>'
    r'<td class="num">([^<]*)</td>'
    r'<td class="num hide-narrow">[^<]*</td><td class="num">([^<]*)</td>'
)  # an indicator's row: its label (after the swatch of its colour in the score bar), its year-T and 0-100 values


def test_a_value_that_is_its_own_0_100_value_is_shown_alike_in_both_columns(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    """A percentage on goalposts [0, 100] is its own normalised value: the card must not show 45,99 in the year's
    column beside 46,0 in the 0-100 column for the same number."""
    root, rows = rendered
    checked = 0
    for row in rows:
        page = _card(root, row)
        cells = set(_INDICATOR_ROW.findall(page))
        for values in card_data(page)["indikator"].values():
            if values["nilai"] is not None and values["nilai"] == values["n"] and values["nilai"] % 1:
                shown = number(values["nilai"], "id", 2)
                assert (shown, shown) in cells, (row["id_peserta"], shown, cells)
                checked += 1
    assert checked


def test_a_kelurahan_card_says_which_indicator_did_not_apply_and_why(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    root, rows = rendered
    page = _card(root, _row(rows, KELURAHAN))
    assert t("rapor.not_applicable_title", "id") in page
    assert t("reason.tidak_berlaku_kelurahan", "id") in page
    data = card_data(page)
    assert data["indikator"]["rentan_dana_desa"]["n"] is None
    assert data["indikator"]["cakupan_desa"]["n"] is not None


def test_a_desk_stage_card_has_no_interview_score(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    root, rows = rendered
    page = _card(root, _row(rows, DESK_STAGE))
    data = card_data(page)
    assert data["tahap"] == "dokumen" and data["finalis"] is False and data["skor_wawancara"] is None
    assert t("report.stage_dokumen", "id") in page


_ROW = re.compile(r'<tr><th scope="row".*?</tr>', re.S)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_desk_stage_card_and_its_index_say_whether_it_is_on_the_proposed_shortlist(tmp_path: Path, lang: str) -> None:
    """At the desk stage the report's ranking table and the score CSV mark the proposed shortlist (the first
    `shortlist_size` ranks); the card and its index never said it. A shortlist of one: the first business is on it,
    the second is not, each card says so in the report's words and its JSON holds `usulan_shortlist`; the index marks
    the one on it under the report's heading."""
    data, params = write_card_season(tmp_path)
    path = params / "2025" / "metodologi.yaml"
    methodology = yaml.safe_load(path.read_text(encoding="utf-8"))
    methodology["kategori"]["bu_besar_menengah"]["shortlist_size"] = 1
    path.write_text(yaml.safe_dump(methodology, allow_unicode=True), encoding="utf-8")
    assert _rapor(data, params, tmp_path / "cards", "--category", "bu_besar_menengah", "--lang", lang) == 0
    said = {on: t("rapor.shortlist_on" if on else "rapor.shortlist_off", lang, size=Num(1)) for on in (True, False)}
    assert (
        said[True]
        == {
            "id": "Masuk usulan daftar pendek (1 teratas menurut skor dokumen).",
            "en": "On the proposed shortlist (the top 1 by desk score).",
        }[lang]
    )
    index = (tmp_path / "cards" / "2025" / "61" / ("index.html" if lang == "id" else "index.en.html")).read_text(
        "utf-8"
    )
    assert f">{escape(t('report.col_shortlist', lang))}</th>" in index
    for id_peserta, on in ((DESK_STAGE, True), ("0012345602", False)):
        page = card_path(tmp_path / "cards", 2025, "61", "bu_besar_menengah", id_peserta, lang).read_text("utf-8")
        assert card_data(page)["usulan_shortlist"] is on
        assert f"<p>{escape(said[on])}</p>" in page and str(escape(said[not on])) not in page
        [row] = [row for row in _ROW.findall(index) if f"{id_peserta}." in row]
        assert row.endswith("<td>✓</td></tr>" if on else "<td></td></tr>")


def test_the_index_of_a_large_group_shows_its_first_rows_and_holds_every_card_as_data() -> None:
    """The card index of the national season's largest province listed its 58,324 cards as table rows: 17.9 MB and
    583,000 elements, 10 s to open and 11 s to sort in a headless browser. The page shows the first INDEX_ROWS rows
    (for a first look without its script); every card is in its data block, compact (a category and a region named
    once), which the page's script searches, sorts and shows a part of at a time (tests/browser/test_rapor_browser.py).
    """
    from paritrana_nb.rapor.render import INDEX_ROWS

    rows = index_rows(5000)
    page = index_page(rows)
    shown = _ROW.findall(page)
    assert len(shown) == INDEX_ROWS == 100
    assert 'href="desa/32.01.00000.html"><bdi>Desa Nomor 00000</bdi>' in shown[0]
    assert shown[0].endswith("<td>✓</td></tr>") and shown[3].endswith("<td></td></tr>")
    [block] = re.findall(r'<script type="application/json" id="kartu-data">(.*?)</script>', page, re.S)
    data = json.loads(block)
    assert data["kategori"] == [["Desa", "desa"], ["Usaha kecil", "bu_kecil_mikro"]]
    assert len(data["wilayah"]) == 27
    decoded = [
        {
            "href": f"{data['kategori'][k][1]}/{file}",
            "nama": nama,
            "kategori": data["kategori"][k][0],
            "wilayah": data["wilayah"][w],
            "peringkat": rank,
            "peringkat_v": rank_v,
            "skor": skor,
            "skor_v": f"{skor_v:.6f}",
            "usulan": bool(usulan),
        }
        for k, file, nama, w, rank, rank_v, skor, skor_v, usulan in data["baris"]
    ]
    assert decoded == rows
    assert "<img" not in page and HOSTILE not in page  # the hostile name in the data only as escaped JSON text
    assert len(page.encode("utf-8")) < 100 * len(rows)  # bytes a card; it was 300
    assert block == _compact_json(data)  # no space after a separator: 8 % of the page's bytes at 1,000 cards


def _compact_json(value: object) -> str:
    """`value` as a page's JSON block holds it: no space after `,` and `:`, keys sorted, the characters that could end
    the script (`<`, `>`, `&`, `'`) as escapes."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def test_a_cards_json_block_is_compact(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    """A card's data block, as its index's, has no space after its separators (the hostile name's escaped)."""
    root, rows = rendered
    page = _card(root, _row(rows, HOSTILE_NPP))
    [block] = re.findall(r'<script type="application/json" id="rapor-data">(.*?)</script>', page, re.S)
    assert block == _compact_json(card_data(page)) and "\\u003c/script\\u003e" in block


def test_no_card_or_index_of_an_interviewed_group_speaks_of_the_proposed_shortlist(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    root, rows = rendered
    words = [str(escape(t(key, "id", size=Num(5)))) for key in ("rapor.shortlist_on", "rapor.shortlist_off")]
    interviewed = [r for r in rows if r["tahap"] == "wawancara"]
    assert interviewed and all(w not in _card(root, row) for row in interviewed for w in words)
    index = (root / "cards" / "2025" / "Kalimantan" / "index.html").read_text("utf-8")
    assert {r["tahap"] for r in rows if r["kelompok"] == "Kalimantan"} == {"wawancara"}
    assert str(escape(t("report.col_shortlist", "id"))) not in index


def test_a_card_not_interviewed_where_others_were_says_it_ranks_below_the_finalists(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    """A business with a perfect desk score ranked fourth, behind three finalists scoring less: its card said
    "tahap: setelah wawancara", an interview and final score "–" and that no change of its data would move it up,
    never why. It says it was not interviewed and that the finalists rank above the others whatever their scores;
    a finalist's card and one of a category still at the desk stage do not."""
    root, rows = rendered
    note = t("rapor.not_interviewed", "id")
    assert note == (
        "Tidak diwawancarai: diperingkat menurut skor dokumen, di bawah para finalis, yang diperingkat di atas peserta "
        "lain berapa pun skornya."
    )
    assert t("rapor.not_interviewed", "en") == (
        "Not interviewed: ranked by its desk score, below the finalists, who rank above the others whatever their "
        "scores."
    )
    desk_only = [r for r in rows if r["tahap"] == "wawancara" and r["finalis"] == "false" and r["dinilai"] == "true"]
    finalists = [r for r in rows if r["finalis"] == "true"]
    assert desk_only and finalists
    assert all(f"<p>{escape(note)}</p>" in _card(root, row) for row in desk_only)
    assert not any(str(escape(note)) in _card(root, row) for row in finalists)
    assert str(escape(note)) not in _card(root, _row(rows, DESK_STAGE))


def test_an_unscored_participant_gets_a_card_that_says_why(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    root, rows = rendered
    page = _card(root, _row(rows, UNSCORED))
    data = card_data(page)
    assert data["dinilai"] is False and data["peringkat"] is None and data["skor_dokumen"] is None
    assert t("rapor.unscored_no_indicator", "id") in page
    assert t("reason.penyebut_nol", "id") in page


def test_a_hostile_name_is_text_and_cannot_leave_the_json_block(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    root, rows = rendered
    page = _card(root, _row(rows, HOSTILE_NPP))
    assert card_data(page)["nama"] == HOSTILE
    assert page.count("</script>") == 1  # the JSON block's own end tag only
    tags = Elements(page).tags
    assert [tag for tag, _ in tags if tag in ("img", "script")] == ["script"]
    assert "\\u003c/script\\u003e\\u003cimg" in page


def test_last_season_rank_and_change_are_shown(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    root, rows = rendered
    data = card_data(_card(root, _row(rows, "61.71")))
    assert data["musim_lalu"] == 2024
    assert data["peringkat_lalu"] is not None and data["peringkat_lalu"] > data["peringkat"]
    page = _card(root, _row(rows, "61.71"))
    assert t("rapor.change_up", "id", count=data["peringkat_lalu"] - data["peringkat"]) in page


def test_a_rank_last_season_in_another_group_is_not_called_a_change(tmp_path: Path) -> None:
    """Regencies ranked nationally last season: their national rank is shown, without "up N places"."""
    data, params = write_card_season(tmp_path, previous=True)
    path = params / "2024" / "metodologi.yaml"
    methodology = yaml.safe_load(path.read_text(encoding="utf-8"))
    methodology["kategori"]["pemda"]["kelompok"] = "nasional"
    path.write_text(yaml.safe_dump(methodology, allow_unicode=True), encoding="utf-8")
    assert _rapor(data, params, tmp_path / "cards", "--id", "61.71", "--lang", "en") == 0
    page = card_path(tmp_path / "cards", 2025, "61", "pemda", "61.71", "en").read_text("utf-8")
    found = card_data(page)
    assert found["musim_lalu"] == 2024 and found["peringkat_lalu"] is not None
    assert str(escape(t("rapor.change_other_group", "en", group=t("rapor.group_national", "en")))) in page
    assert "Up " not in page and "Down " not in page and "Same rank" not in page


def test_a_change_of_rank_under_another_methodology_last_season_says_so(tmp_path: Path) -> None:
    """Last season weighed pemda's indicators otherwise: a regency's card says so beside its change of rank (the
    change mixes the two methodologies); a village's card, its category scored alike, says nothing of it."""
    data, params = write_card_season(tmp_path, previous=True)
    path = params / "2024" / "metodologi.yaml"
    methodology = yaml.safe_load(path.read_text(encoding="utf-8"))
    methodology["kategori"]["pemda"]["indicators"][0]["weight"] += 10
    path.write_text(yaml.safe_dump(methodology, allow_unicode=True), encoding="utf-8")
    assert _rapor(data, params, tmp_path / "cards", "--lang", "en") == 0
    said = t("report.scored_otherwise", "en", musim=2024, keys="indicators")
    regency = card_path(tmp_path / "cards", 2025, "61", "pemda", "61.71", "en").read_text("utf-8")
    assert card_data(regency)["peringkat_lalu"] is not None and said in regency
    villages = list((tmp_path / "cards" / "2025" / "61" / "desa").glob("*.html"))
    assert villages and not any("scored this category otherwise" in v.read_text("utf-8") for v in villages)
    methodology["kategori"]["pemda"]["indicators"][0]["weight"] -= 10
    path.write_text(yaml.safe_dump(methodology, allow_unicode=True), encoding="utf-8")
    assert _rapor(data, params, tmp_path / "alike", "--lang", "en", "--id", "61.71") == 0
    alike = card_path(tmp_path / "alike", 2025, "61", "pemda", "61.71", "en").read_text("utf-8")
    assert card_data(alike)["peringkat_lalu"] is not None and "scored this category otherwise" not in alike


def test_a_newcomer_did_not_take_part_last_season_and_an_unscored_one_was_not_ranked(tmp_path: Path) -> None:
    """A participant absent from last season's data is new ("baru" on the report's podium), not "not ranked"; the
    card says it was not in this category (a category of another id then would not have matched it either)."""
    data, params = write_card_season(tmp_path, previous=True)
    for path in (data / "2024").glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if DESK_STAGE not in x), encoding="utf-8")
    assert _rapor(data, params, tmp_path / "cards", "--lang", "en") == 0
    rows = {DESK_STAGE: ("61", "bu_besar_menengah"), UNSCORED: ("61", "desa")}
    pages = {
        key: card_path(tmp_path / "cards", 2025, group, kategori, key, "en").read_text("utf-8")
        for key, (group, kategori) in rows.items()
    }
    assert t("rapor.last_season_new", "en", musim=2024) in pages[DESK_STAGE]
    assert t("rapor.last_season_absent", "en", musim=2024) not in pages[DESK_STAGE]
    assert t("rapor.last_season_absent", "en", musim=2024) in pages[UNSCORED]
    assert t("rapor.last_season_new", "en", musim=2024) not in pages[UNSCORED]


def test_last_season_without_its_methodology_is_warned_and_left_out_as_the_reports_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """data/2024 without params/2024: `paritrana run` shows no change since last season; so do the cards (they
    stopped with the methodology's error), and both warn of it."""
    data, params = write_card_season(tmp_path, previous=True)
    shutil.rmtree(params / "2024")
    missing = params / "2024" / "metodologi.yaml"
    assert previous_methodology_missing(2025, data, params) == missing
    assert previous_methodology_missing(2025, data, tmp_path / "x") == tmp_path / "x" / "2024" / "metodologi.yaml"
    capsys.readouterr()
    assert _rapor(data, params, tmp_path / "cards", "--id", "61.71", "--lang", "en") == 0
    err = capsys.readouterr().err
    assert t("cli.previous_without_methodology", "en", musim=2024, file=missing) in err and "Traceback" not in err
    found = card_data(card_path(tmp_path / "cards", 2025, "61", "pemda", "61.71", "en").read_text("utf-8"))
    assert found["musim_lalu"] is None and found["peringkat_lalu"] is None
    shutil.rmtree(data / "2024")
    assert previous_methodology_missing(2025, data, params) is None


def test_last_season_of_the_same_performance_year_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """data/2024 holding season 2025's files and assessing 2024, as season 2025 does: every card read "same rank"
    against itself. The cards stop with the reason, in musim.yaml's tahun_kinerja, before any is written."""
    data, params = write_card_season(tmp_path, previous=True)
    for table in (data / "2025").glob("*.csv"):
        shutil.copy(table, data / "2024" / table.name)
    (data / "2024" / "musim.yaml").write_text("musim: 2024\ntahun_kinerja: 2024\n", encoding="utf-8")
    capsys.readouterr()
    assert _rapor(data, params, tmp_path / "cards", "--id", "61.71", "--lang", "en") == 1
    err = capsys.readouterr().err
    assert "key 'tahun_kinerja': Season 2024 assesses performance year 2024, and season 2025" in err, err
    assert "Traceback" not in err and not (tmp_path / "cards" / "2025").exists()


_CARDS = ["rapor", "--out", "cards", "--draws", "20", "--jobs", "1"]
_LAST_SEASON = {
    "en": (
        "[WARNING] Season 2024, the previous one, read for the changes since last season: data/2024/badan_usaha.csv, "
        "row 5, column 'npp': Participant '1012345604' (Warung Ibu Sari) matches no category"
    ),
    "id": (
        "[PERINGATAN] Musim 2024, musim sebelumnya, dibaca untuk perubahan sejak musim lalu: "
        "data/2024/badan_usaha.csv, baris 5, kolom 'npp': Peserta '1012345604' (Warung Ibu Sari) tidak cocok"
    ),
}


def _seasons_leaving_out_micro_businesses(tmp_path: Path, musim: int) -> None:
    """The card seasons (2024 and 2025) where season `musim`'s methodology puts micro businesses in no category."""
    _, params = write_card_season(tmp_path, previous=True)
    path = params / str(musim) / "metodologi.yaml"
    methodology = yaml.safe_load(path.read_text(encoding="utf-8"))
    methodology["kategori"]["bu_kecil_mikro"]["peserta"]["skala"] = ["kecil"]
    methodology["kategori"]["bu_kecil_mikro"]["programmes_expected"] = ["jkk", "jkm", "jht"]
    path.write_text(yaml.safe_dump(methodology, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "lang"),
    [(_CARDS, "en"), (_CARDS, "id"), (["run", "--all", "--out", "laporan", "--draws", "10", "--jobs", "1"], "en")],
)
def test_last_seasons_scoring_warnings_are_printed_once_as_its_own(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    lang: str,
) -> None:
    """Last season's business its methodology puts in no category is left out of its ranks, from which the cards
    and reports tell each participant's change since last season: `score --season 2024` says so, `rapor` and `run`
    said nothing. Said once (not once per province), as that season's, naming its folder."""
    _seasons_leaving_out_micro_businesses(tmp_path, 2024)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main([*args, "--season", "2025", "--lang", lang]) == 0
    err = capsys.readouterr().err
    [warning] = [line for line in err.splitlines() if "1012345604" in line]
    assert warning.startswith(_LAST_SEASON[lang]), warning


@pytest.mark.parametrize("args", [_CARDS, ["run", "--all", "--out", "laporan", "--draws", "10", "--jobs", "1"]])
def test_this_seasons_scoring_warnings_are_printed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """A business this season's methodology puts in no category is left out of the ranks: `score` and `rapor` said
    so, `run` printed last season's such warnings but not this season's. Each said once, not once per province."""
    _seasons_leaving_out_micro_businesses(tmp_path, 2025)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main([*args, "--season", "2025", "--lang", "en"]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "matches no category" in line]
    assert warned and len(set(warned)) == len(warned), warned
    assert all(line.startswith("[WARNING] badan_usaha.csv, row ") for line in warned), warned


def test_without_last_season_the_card_says_nothing_about_it(tmp_path: Path) -> None:
    data, params = write_card_season(tmp_path)
    assert _rapor(data, params, tmp_path / "cards", "--id", "61.71", "--lang", "en") == 0
    page = card_path(tmp_path / "cards", 2025, "61", "pemda", "61.71", "en").read_text("utf-8")
    found = card_data(page)
    assert found["musim_lalu"] is None and found["peringkat_lalu"] is None
    assert "Season 2024" not in page and 'lang="en"' in page


def test_the_summary_counts_index_pages_in_the_plural_form_of_its_language() -> None:
    def line(lang: str, count: int) -> str:
        pages = Ref("count.index_pages", count=count)
        return t("cli.rapor_written", lang, count=count, out="x", seconds=Num(1.04, 1), indexes=pages)

    assert line("en", 1) == "1 card written under x in 1.0 s (1 index page)."  # the English run is checked below
    assert line("en", 2) == "2 cards written under x in 1.0 s (2 index pages)."
    assert line("id", 1) == "1 rapor ditulis di x dalam 1,0 detik (1 halaman indeks)."


def test_the_summary_writes_its_time_as_its_language_writes_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rapor` printed "dalam 2.7 detik" where every other Indonesian number has a decimal comma."""
    data, params = write_card_season(tmp_path)
    for lang, said in (("id", r"dalam \d+,\d detik"), ("en", r"in \d+\.\d s")):
        assert _rapor(data, params, tmp_path / lang, "--id", "61.71", "--lang", lang, "--jobs", "1") == 0
        assert re.search(said, capsys.readouterr().out), said


def test_the_command_names_the_index_pages_to_open(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`rapor` said only "(2 index pages)": a new user had to search the folders for them."""
    data, params = write_card_season(tmp_path)
    assert _rapor(data, params, tmp_path / "cards", "--lang", "en", "--jobs", "1") == 0
    out = capsys.readouterr().out
    line = next(
        x for x in out.splitlines() if x.startswith("Index pages, each linking the cards of its ranking group: ")
    )
    paths = [Path(p) for p in re.split(", | and ", line.split(": ", 1)[1].rstrip("."))]
    assert paths and all(p.name == "index.en.html" and p.is_file() for p in paths), line
    assert sorted(paths) == sorted((tmp_path / "cards" / "2025").glob("*/index.en.html"))
    more = series(["a/index.html", "b/index.html", Ref("cli.more_items", count=3)], "id")
    many = t("cli.rapor_indexes_more", "id", paths=more, folder="hasil/2025")
    assert many.endswith(
        ": a/index.html, b/index.html, dan 3 lainnya, tiap halaman di folder kelompoknya di dalam hasil/2025."
    ), many


def test_the_index_pages_not_named_are_said_where_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index pages past the first ones named were "in the same place": the line names the season's folder of the
    cards, in which each is in its group's folder. In Bahasa Indonesia the series of three takes a comma before
    "dan" (PUEBI)."""
    monkeypatch.setattr("paritrana_nb.cli.RAPOR_INDEXES_SHOWN", 2)
    data, params = write_card_season(tmp_path)
    assert _rapor(data, params, tmp_path / "cards", "--lang", "id", "--jobs", "1") == 0
    folder = tmp_path / "cards" / "2025"
    pages = sorted(folder.glob("*/index.html"))
    assert len(pages) > 2
    lines = capsys.readouterr().out.splitlines()
    assert (
        f"Halaman indeks, masing-masing menautkan rapor kelompok peringkatnya: {pages[0]}, {pages[1]}, dan "
        f"{len(pages) - 2} lainnya, tiap halaman di folder kelompoknya di dalam {folder}."
    ) in lines, lines


def test_rapor_writes_the_season_index_again_to_link_its_card_indexes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The season index of `paritrana run` linked the reports only: a panel member could not reach the cards."""
    from paritrana_nb.report.index_page import CardIndex, IndexEntry, SeasonIndex, write_index
    from paritrana_nb.report.sections import Footer

    data, params = write_card_season(tmp_path)
    folder = tmp_path / "reports" / "2025"
    groups = (CardIndex("61", "diperingkat di Kalimantan Barat"), CardIndex("nasional", "peringkat nasional"))
    entry = IndexEntry("Laporan Kalimantan Barat", None, True, None, (), (), groups)
    index = write_index(folder, SeasonIndex(2025, "id", (entry,), False, Footer("", ("v",))))
    assert 'href="61/index.html"' not in index.read_text(encoding="utf-8")  # `paritrana run`: no cards yet
    assert _rapor(data, params, tmp_path / "reports", "--province", "61", "--category", "desa", "--jobs", "1") == 0
    page = index.read_text(encoding="utf-8")
    assert '<a href="61/index.html"><bdi>diperingkat di Kalimantan Barat</bdi></a>' in page
    assert "nasional/index.html" not in page  # no national cards written
    assert t("cli.rapor_index_updated", "id", path=index) in capsys.readouterr().out
    english = tmp_path / "reports" / "2025" / "index.en.html"
    english.write_text("<html>an index of an earlier version</html>", encoding="utf-8")
    assert _rapor(data, params, tmp_path / "reports", "--id", "61.71", "--lang", "en", "--jobs", "1") == 0
    assert english.read_text(encoding="utf-8") == "<html>an index of an earlier version</html>"  # left as it is
    # the command that writes it anew is of this season and folders (it was `paritrana run --all --lang en`)
    command = f"paritrana run --season 2025 --all --data-dir {data} --params-dir {params} --draws {DRAWS} --lang en"
    assert t("cli.index_stale", "en", path=english, command=f"{command} --out {tmp_path / 'reports'}") in (
        capsys.readouterr().err
    )


def test_rapor_names_the_reports_made_before_its_cards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report links the cards on disk when it is made: after `run`, then `rapor`, the season index linked the cards
    and `rapor` said so, but the province report linked none of them, and nothing said to make it again. The command
    it names makes that province's report from the same season (it was `paritrana run and --out reports`, which is
    refused for want of --province or --all)."""
    from paritrana_nb.report.index_page import CardIndex, IndexEntry, SeasonIndex, write_index
    from paritrana_nb.report.sections import Footer

    data, params = write_card_season(tmp_path)
    folder = tmp_path / "reports" / "2025"
    entry = IndexEntry("Laporan Kalimantan Barat", "61-kalbar.html", True, None, (), (), (CardIndex("61", "61"),))
    folder.mkdir(parents=True)
    report = folder / "61-kalbar.html"
    report.write_text('<html><a href="index.html">made before the cards</a></html>', encoding="utf-8")
    write_index(folder, SeasonIndex(2025, "id", (entry,), False, Footer("", ("v",))))
    args = ("--province", "61", "--category", "desa", "--jobs", "1")
    assert _rapor(data, params, tmp_path / "reports", *args) == 0
    folders = f"--data-dir {data} --params-dir {params} --draws {DRAWS}"
    command = f"paritrana run --season 2025 --province 61 {folders} --lang id --out {tmp_path / 'reports'}"
    said = t("cli.rapor_reports_unlinked", "id", reports="61-kalbar.html", count=1, command=command)
    assert said in capsys.readouterr().out
    assert build_parser().parse_args(command.split()[1:]).province == "61"
    report.write_text('<html><a href="61/desa/61.01.01.2001.html">linked</a></html>', encoding="utf-8")
    assert _rapor(data, params, tmp_path / "reports", *args) == 0
    assert "61-kalbar.html" not in capsys.readouterr().out  # made again after the cards: it links them
    assert t("cli.rapor_reports_unlinked", "en", reports="a.html, b.html", count=2, command="c").startswith(
        "The reports a.html, b.html were made before these cards"
    )


def test_a_whole_run_names_the_cards_an_earlier_run_left_of_participants_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A business dropped from the season kept its card from the earlier run, unlinked, and nothing said so: a
    secretariat publishing the folder would publish it. A run of every card names it (and leaves it in place); a run
    of some cards says nothing of the others."""
    data, params = write_card_season(tmp_path)
    out = tmp_path / "cards"
    assert _rapor(data, params, out, "--jobs", "1", "--lang", "en") == 0
    assert "earlier run" not in capsys.readouterr().err
    businesses = data / "2025" / "badan_usaha.csv"
    table = pd.read_csv(businesses, dtype=str, keep_default_na=False)
    gone = table[table["tahun"] == "2024"].iloc[0]
    table[table["npp"] != gone["npp"]].to_csv(businesses, index=False)
    [card] = list(out.rglob(f"{gone['npp']}.en.html"))
    assert _rapor(data, params, out, "--jobs", "1", "--lang", "en") == 0
    err = capsys.readouterr().err
    assert "Pages an earlier run wrote of participants or ranking groups this season does not hold" in err, err
    assert card.relative_to(out / "2025").as_posix() in err and card.is_file()
    assert "Halaman dari proses sebelumnya" not in err  # the English run: its own pages only
    assert _rapor(data, params, out, "--jobs", "1", "--lang", "en", "--province", "61") == 0
    assert "earlier run" not in capsys.readouterr().err


def test_a_whole_run_names_the_cards_of_a_category_it_no_longer_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A category renamed in the methodology (or ranked in wider groups now) left its folder of cards in each
    province's folder, naming provincial ranks that no longer exist, and nothing said so: only a whole group's
    folder was named. A run of every card names the category's folder (and leaves it in place)."""
    data, params = write_card_season(tmp_path)
    out = tmp_path / "cards"
    assert _rapor(data, params, out, "--jobs", "1", "--lang", "en") == 0
    capsys.readouterr()
    written = sorted(p for p in (out / "2025").glob("*/*") if p.is_dir())
    old = written[0].parent / "kategori_lama"
    written[0].rename(old)  # as the category's cards were named before it was renamed
    assert _rapor(data, params, out, "--jobs", "1", "--lang", "en") == 0
    err = capsys.readouterr().err
    assert "Pages an earlier run wrote of participants or ranking groups this season does not hold" in err, err
    assert old.relative_to(out / "2025").as_posix() in err and old.is_dir()
    other = written[0].parent / "catatan"  # a folder of no card in this language: not named
    other.mkdir()
    (other / "x.txt").write_text("x", encoding="utf-8")
    assert _rapor(data, params, out, "--jobs", "1", "--lang", "en") == 0
    assert "catatan" not in capsys.readouterr().err


def test_each_part_of_the_score_bar_has_its_colour_beside_its_row(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    """The score bar's colours were told only by tooltips, which a phone and paper do not show."""
    root, rows = rendered
    finalist = next(r for r in rows if r["finalis"] == "true" and r["dinilai"] == "true")
    page = _card(root, finalist)
    bar = page.split('<svg class="score-bar"', 1)[1].split("</svg>", 1)[0]
    parts = {label: colour for colour, label in re.findall(r'fill="([^"]+)"><title>([^<]*)</title>', bar)}
    beside = {
        label.strip(): colour
        for colour, label in re.findall(r'<svg class="swatch"[^>]*><rect[^>]*fill="([^"]+)"/></svg>([^<]*)<', page)
    }
    # the interview part sits beside the interview score's row
    assert beside.pop(t("report.col_interview", "id")) == parts.pop(t("report.part_interview", "id"))
    assert parts and beside == parts, (beside, parts)  # every indicator
    assert t("rapor.score_bar_legend_interview", "id").endswith("di samping tiap indikator dan skor wawancara.")
    assert str(escape(t("rapor.score_bar_legend_interview", "id"))) in page


def test_each_part_of_the_score_bar_is_told_by_its_hatch_as_well_as_its_colour(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    """A card's score bar told its parts apart by colour and a thin white line only (WCAG 1.4.1). Each part after the
    first is now filled with a pattern of its colour crossed by its own hatch (palette.HATCHES, part j's as the report's
    chart and the explorer draw it; the interview after the indicators), which the bar itself defines and the swatch
    beside its row (the legend) fills with too."""
    from bs4 import BeautifulSoup

    root, rows = rendered
    indicators = load_methodology(DEFAULT_METHODOLOGY).kategori["pemda"].indicators
    for row in rows:  # a finalist of the regencies each of whose indicators counts in its score
        if row["kategori"] == "pemda" and row["finalis"] == "true":
            soup = BeautifulSoup(_card(root, row), "html.parser")
            bar = soup.find("svg", class_="score-bar")
            fills = [r["fill"] for r in bar.find("g").find_all("rect")]
            if len(fills) == len(indicators) + 1:
                break
    patterns = {p["id"]: p for p in bar.find_all("pattern")}
    swatches = [s.rect["fill"] for s in soup.find_all("svg", class_="swatch")]
    # five indicators, then the interview: each its own
    assert len(fills) == len(indicators) + 1 == 6 and len(set(fills)) == 6
    assert fills[0] == palette.PALETTE[0] and all(f.startswith("url(#p-") for f in fills[1:])
    assert sorted(swatches) == sorted(fills)  # the legend beside the rows: the same fills
    assert [f"url(#{i})" for i in patterns] == fills[1:]
    colours = [p.rect["fill"] for p in patterns.values()]
    assert colours == [*palette.PALETTE[1:5], palette.INTERVIEW_COLOUR]
    marks = [(m.name, m.get("d")) for p in patterns.values() for m in p.find_all(["path", "circle"])]
    assert marks[0] == ("path", "M0 6L6 0M-1 1L1 -1M5 7L7 5") and marks[1] == ("circle", None)
    assert len({str(p.find_all(["path", "circle"])) for p in patterns.values()}) == 5  # each part its own hatch
    paint = {m.get("stroke") or m.get("fill") for p in patterns.values() for m in p.find_all(["path", "circle"])}
    assert paint == {palette.BACKGROUND}  # crossed by the background's colour, as the report's chart hatches


def test_each_indicator_chart_says_in_words_what_its_bar_and_lines_show(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    """The small chart of each indicator row was an unlabelled image: a screen reader read nothing in the column
    "Dibanding kelompok", and the group's median and first place are written nowhere else on the card."""
    root, rows = rendered
    second = next(r for r in rows if r["kategori"] == "desa" and r["peringkat"] == "2")
    page = _card(root, second)
    labels = re.findall(r'<svg class="bar"[^>]* role="img" aria-label="([^"]*)">', page)
    indicators = [v for v in card_data(page)["indikator"].values() if v["n"] is not None]
    assert len(labels) == len(indicators) == page.count('<svg class="bar"') > 0
    for label, v in zip(labels, indicators, strict=True):
        fields = {"value": v["n"], "median": v["median"], "first": v["pertama"]}
        assert label == str(escape(t("rapor.bar_label", "id", **{k: number(x, "id", 2) for k, x in fields.items()})))
    assert labels[0].startswith("Peserta ini ") and ", median kelompok " in labels[0]
    assert t("rapor.bar_label", "en", value="44.60", median="50.00", first="100.00") == (
        "This participant 44.60, the group's median 50.00, first place 100.00 (0-100)"
    )


def test_ranked_cards_show_their_interval_and_cheapest_actions(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    root, rows = rendered
    second = next(r for r in rows if r["kategori"] == "desa" and r["peringkat"] == "2")
    page = _card(root, second)
    data = card_data(page)
    assert data["peringkat_p05"] <= data["peringkat"] <= data["peringkat_p95"]
    assert isinstance(data["seri_statistik"], bool)
    low, high = data["peringkat_p05"], data["peringkat_p95"]  # here 2 and 2: "peringkatnya 2", not "antara 2 dan 2"
    sentence = t("rapor.interval_one", "id", rank=low) if low == high else t("rapor.interval", "id", p05=low, p95=high)
    assert sentence in page
    assert page.count("<li>") >= 1 and "rank-strip" in page


def test_the_actions_heading_counts_the_actions_listed(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    """A card listing two steps up does not call them "the three cheapest"; one at first place names no count."""
    root, rows = rendered
    counts = []
    for row in rows:
        page = _card(root, row)
        found = re.search(r"<h2>([^<]*)</h2>\n<ol>((?:<li>.*?</li>)*)</ol>", page)
        if found is None:
            if row["peringkat"] == "1":
                assert f"<h2>{t('rapor.actions_title', 'id')}</h2>" in page
            continue
        count = found.group(2).count("<li>")
        assert found.group(1) == t("rapor.actions_title_count", "id", count=count), row["id_peserta"]
        counts.append(count)
    assert 1 in counts or 2 in counts, counts  # the fixture holds cards with fewer than three steps
    assert "3 langkah termurah" in t("rapor.actions_title_count", "id", count=3)
    assert t("rapor.actions_title_count", "en", count=2) == "2 cheapest steps up"
    assert t("rapor.actions_title_count", "en", count=1) == "1 cheapest step up"


def test_a_one_rank_interval_is_said_as_that_rank(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    """A card whose 90 % interval is one rank says that rank, not "between 1 and 1"."""
    root, rows = rendered
    checked = 0
    for row in rows:
        page = _card(root, row)
        data = card_data(page)
        low, high = data["peringkat_p05"], data["peringkat_p95"]
        if low is None:
            continue
        if low == high:
            assert t("rapor.interval_one", "id", rank=low) in page
            assert t("rapor.interval", "id", p05=low, p95=high) not in page
            checked += 1
        else:
            assert t("rapor.interval", "id", p05=low, p95=high) in page
    assert checked


def test_the_index_links_every_card_of_its_group(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    root, rows = rendered
    for kelompok in {r["kelompok"] for r in rows}:
        index = root / "cards" / "2025" / folder_name(kelompok) / "index.html"
        links = [a["href"] for tag, a in Elements(index.read_text("utf-8")).tags if tag == "a"]
        expected = {f"{r['kategori']}/{r['id_peserta']}.html" for r in rows if r["kelompok"] == kelompok}
        assert set(links) == expected
        assert all((index.parent / str(link)).is_file() for link in links)


def test_the_index_names_each_participant_s_region_under_a_heading_that_fits_them_all(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    """The column was headed "Kabupaten/kota", but a province government's row holds its province (a zone's index
    lists only provinces): it is headed "Wilayah" (region)."""
    root, rows = rendered
    province = next(r for r in rows if r["kategori"] == "pemprov")
    index = root / "cards" / "2025" / folder_name(province["kelompok"]) / "index.html"
    page = index.read_text("utf-8")
    headings = re.findall(r'<th scope="col" data-sort="[a-z]+">([^<]*)</th>', page)
    assert headings[2] == t("rapor.col_region", "id") == "Wilayah"
    assert "Kabupaten/kota" not in page
    row = next(line for line in page.splitlines() if f"<bdi>{province['nama']}</bdi></a>" in line)
    assert re.findall(r"<td><bdi>([^<]*)</bdi></td>", row)[1] == province["nama"]  # its own province
    assert t("rapor.col_region", "en") == "Region"
    # a finalist's final score beside another's desk score (a fifth above a first), said of the score column
    assert escape(t("rapor.index_score_note", "id")) in page and "skor dokumen bagi peserta lain" in page


def test_an_index_speaks_of_finalists_only_where_its_group_has_them(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    """Every index said its scores were "a finalist's final score, every other participant's desk score", also of a
    group nobody in was interviewed: there each score is a desk score, and the note says so."""
    root, rows = rendered
    notes = {True: escape(t("rapor.index_score_note", "id")), False: escape(t("rapor.index_score_note_desk", "id"))}
    seen = set()
    for kelompok in {r["kelompok"] for r in rows}:
        finalists = any(r["finalis"] == "true" for r in rows if r["kelompok"] == kelompok)
        page = (root / "cards" / "2025" / folder_name(kelompok) / "index.html").read_text("utf-8")
        assert notes[finalists] in page and notes[not finalists] not in page, kelompok
        seen.add(finalists)
    assert seen == {True, False}  # the card season has groups of both kinds


def test_a_card_links_back_to_its_group_s_index(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    """A card opened from its group's index had no link at all: only the browser's Back button led back."""
    root, rows = rendered
    for row in rows[:5]:
        page = _card(root, row)
        [link] = [a["href"] for tag, a in Elements(page).tags if tag == "a"]
        card = card_path(root / "cards", 2025, row["kelompok"], row["kategori"], row["id_peserta"], "id")
        assert link == "../index.html" and (card.parent / link).resolve().is_file()
        assert t("rapor.all_cards", "id") in page


def test_every_table_of_a_card_and_its_index_has_a_caption_and_headers_that_say_what_they_head(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    """A screen reader reading a number of the indicator table heard no indicator: the indicator's name was a data
    cell, not the row's header; no table of a card or of its index had a caption. A card's headers take their scope
    from where they stand (HTML's table model: a th of the head heads its column, the th opening a row of data cells
    heads its row), which spares a card of 384,314 its bytes; the index says it."""
    from bs4 import BeautifulSoup

    root, rows = rendered
    finalist = next(r for r in rows if r["finalis"] == "true" and r["dinilai"] == "true")
    soup = BeautifulSoup(_card(root, finalist), "html.parser")
    scores, indicators = soup.find_all("table")
    assert scores.caption.get_text() == t("rapor.scores_caption", "id") == "Skor"
    assert t("rapor.scores_caption", "en") == "Scores"
    assert [[c.name for c in tr.find_all(True, recursive=False)] for tr in scores.find_all("tr")] == [
        ["th", "td"]
    ] * len(scores.find_all("tr"))  # each score's label heads its row
    assert indicators.caption.get_text() == t("rapor.indicators_title", "id")
    assert indicators.thead.find_all("th") and not indicators.thead.find_all("td")
    labels = [tr.find(True, recursive=False) for tr in indicators.tbody.find_all("tr")]
    assert labels and all(cell.name == "th" and cell.find_next_sibling().name == "td" for cell in labels)
    methodology = load_methodology(root / "params" / "2025" / "metodologi.yaml")
    assert labels[0].get_text() in {spec.label.id for spec in methodology.kategori[finalist["kategori"]].indicators}
    index = BeautifulSoup(
        (root / "cards" / "2025" / folder_name(finalist["kelompok"]) / "index.html").read_text("utf-8"), "html.parser"
    )
    cards = index.find("table", id="cards")
    assert cards.caption.get_text() == index.h1.get_text()
    assert {th.get("scope") for th in cards.thead.find_all("th")} == {"col"}
    names = [tr.find(True, recursive=False) for tr in cards.tbody.find_all("tr")]
    assert names and all(cell.name == "th" and cell.get("scope") == "row" and cell.a for cell in names)


def test_no_card_or_index_names_anything_on_the_web(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    """A card is opened where there is no internet, as the reports are: no stylesheet, script, font or image
    from another host (the reports' own check, report/export.py)."""
    root, _ = rendered
    pages = sorted((root / "cards").rglob("*.html"))
    assert len(pages) > 10
    assert {str(p.relative_to(root)): find_external_references(p.read_text("utf-8")) for p in pages} == {
        str(p.relative_to(root)): [] for p in pages
    }


@pytest.mark.slow
def test_two_jobs_write_the_same_bytes_and_one_id_keeps_the_index(
    rendered: tuple[Path, list[dict[str, str]]], tmp_path: Path
) -> None:
    root, _ = rendered
    data, params = root / "data", root / "params"
    assert _rapor(data, params, tmp_path / "cards", "--jobs", "2") == 0
    compared = filecmp.dircmp(root / "cards", tmp_path / "cards")
    assert not compared.diff_files and not compared.left_only and not compared.right_only
    for sub in compared.subdirs.values():
        assert not sub.diff_files and not sub.left_only and not sub.right_only
        for deeper in sub.subdirs.values():
            assert not deeper.diff_files and not deeper.left_only and not deeper.right_only
            for deepest in deeper.subdirs.values():
                assert not deepest.diff_files and not deepest.left_only and not deepest.right_only
    index = tmp_path / "cards" / "2025" / "61" / "index.html"
    before = index.read_text("utf-8")
    assert _rapor(data, params, tmp_path / "cards", "--id", KELURAHAN) == 0
    assert index.read_text("utf-8") == before  # one card again: the index still lists the group's other cards


def test_unknown_id_or_category_is_a_usage_error(
    rendered: tuple[Path, list[dict[str, str]]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = rendered
    assert _rapor(root / "data", root / "params", root / "other", "--id", "99.99") == 2
    assert t("cli.rapor_no_participant", "id", value="99.99", musim=2025) in capsys.readouterr().err
    assert _rapor(root / "data", root / "params", root / "other", "--category", "nope") == 2
    capsys.readouterr()
    # 61.71 is a regency (pemda) of province 61: a filter that leaves it out is said, not "did you mean 61.71?"
    assert _rapor(root / "data", root / "params", root / "other", "--id", "61.71", "--category", "desa") == 2
    err = capsys.readouterr().err
    assert t("cli.rapor_participant_left_out", "id", value="61.71", where="pemda, 61") in err, err
    assert not (root / "other").exists()


def test_a_card_path_stays_inside_its_folder(tmp_path: Path) -> None:
    assert folder_name("Jawa/Bali ..") == "Jawa_Bali_.."
    assert card_path(tmp_path, 2025, "../x", "desa", "61.01", "id").is_relative_to(tmp_path / "2025")
    assert [folder_name(name) for name in ("..", ".", "")] == ["_..", "_.", "_"]
    shown = [folder_name(name) for name in (".hidden", "CON", "nul.txt", "Com1", "COM10", "CONTOH", "61.04")]
    assert shown == ["_.hidden", "_CON", "_nul.txt", "_Com1", "COM10", "CONTOH", "61.04"]  # no hidden or device file
    assert card_path(tmp_path, 2025, "..", "..", "..", "id").parent.parent.parent == tmp_path / "2025"
    season_folder = tmp_path / "reports" / "2025"
    assert card_link(season_folder, "61", "desa", "61.04.01.2001", "id") is None  # not written
    card = card_path(tmp_path / "reports", 2025, "61", "desa", "61.04.01.2001", "id")
    card.parent.mkdir(parents=True)
    card.write_text("x")
    assert card_link(season_folder, "61", "desa", "61.04.01.2001", "id") == "61/desa/61.04.01.2001.html"
    assert card_link(season_folder, "61", "desa", "61.04.01.2001", "en") is None  # the English card is not there
    english = card_path(tmp_path / "reports", 2025, "61", "desa", "61.04.01.2001", "en")
    assert english == card.with_name("61.04.01.2001.en.html")
    english.write_text("x")
    assert card_link(season_folder, "61", "desa", "61.04.01.2001", "en") == "61/desa/61.04.01.2001.en.html"
    assert card_link(None, "61", "desa", "61.04.01.2001", "id") is None


@pytest.mark.slow
def test_english_cards_and_index_sit_beside_the_indonesian_ones(
    rendered: tuple[Path, list[dict[str, str]]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from paritrana_nb.report import sections
    from paritrana_nb.report.context import prepare_season, province_context

    root, _ = rendered
    shutil.copytree(root / "cards", tmp_path / "cards")
    before = {path: path.read_bytes() for path in (tmp_path / "cards").rglob("*.html")}
    capsys.readouterr()
    assert _rapor(root / "data", root / "params", tmp_path / "cards", "--id", "61.71", "--lang", "en") == 0
    assert capsys.readouterr().out.rstrip().endswith("(1 index page).")  # one index page: the singular
    assert {path: path.read_bytes() for path in before} == before  # the Indonesian cards and index are untouched
    group = tmp_path / "cards" / "2025" / "61"
    english = group / "pemda" / "61.71.en.html"
    assert set((tmp_path / "cards").rglob("*.html")) - set(before) == {english, group / "index.en.html"}
    assert 'lang="en"' in english.read_text("utf-8") and card_data(english.read_text("utf-8"))["id_peserta"] == "61.71"
    index = (group / "index.en.html").read_text("utf-8")
    assert 'lang="en"' in index
    assert [a["href"] for tag, a in Elements(index).tags if tag == "a"] == ["pemda/61.71.en.html"]  # English cards only
    context = replace(
        province_context(prepare_season(2025, root / "data", root / "params"), "61"), cards=tmp_path / "cards" / "2025"
    )
    [group] = list(sections.ranking_groups(context, "pemda"))
    for lang, link in (("id", "61/pemda/61.71.html"), ("en", "61/pemda/61.71.en.html")):
        table = sections.ranking_table(context, "pemda", group, lang).table
        assert {row[1].text: row[1].href for row in table.rows}[
            isolate("Kota Pontianak")
        ] == link  # each report its language


def test_the_province_report_links_names_to_the_cards_that_exist(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    from dataclasses import replace

    from paritrana_nb.report import sections
    from paritrana_nb.report.context import prepare_season, province_context
    from paritrana_nb.templating import environment

    root, _ = rendered
    context = province_context(prepare_season(2025, root / "data", root / "params"), "61")
    macros = environment().get_template("macros.html.j2").make_module()
    linked = {}
    for folder in (None, root / "cards" / "2025"):
        for lang in ("id", "en"):
            with_cards = replace(context, cards=folder)
            [group] = list(sections.ranking_groups(with_cards, "pemda"))
            table = sections.ranking_table(with_cards, "pemda", group, lang).table
            linked[folder, lang] = {row[1].text: row[1].href for row in table.rows}
    assert set(linked[None, "id"].values()) == set(linked[None, "en"].values()) == {""}  # no cards folder: plain
    assert linked[root / "cards" / "2025", "id"][isolate("Kota Pontianak")] == "61/pemda/61.71.html"
    assert set(linked[root / "cards" / "2025", "en"].values()) == {""}  # only Indonesian cards: no English link
    html = str(
        macros.cell(
            sections.ranking_table(replace(context, cards=root / "cards" / "2025"), "pemda", group, "id").table.rows[0][
                1
            ]
        )
    )
    assert html.startswith('<td><a href="61/pemda/') and html.endswith("</a></td>")


def test_a_card_footer_names_the_region_list_its_codes_were_checked_against(
    rendered: tuple[Path, list[dict[str, str]]],
) -> None:
    root, rows = rendered
    ref = bundled()
    line = t("report.footer_reference", "id", edition=ref.edition, digest=ref.digest)
    assert str(escape(line)) in _card(root, _row(rows, KELURAHAN))


def test_a_participant_no_category_matches_is_warned_as_score_warns_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A business the methodology puts in no category gets no card: `rapor` says so on standard error, as `score`
    does, instead of leaving it out in silence."""
    data, params = write_card_season(tmp_path)
    path = params / "2025" / "metodologi.yaml"
    methodology = yaml.safe_load(path.read_text(encoding="utf-8"))
    methodology["kategori"]["bu_kecil_mikro"]["peserta"]["skala"] = ["kecil"]
    methodology["kategori"]["bu_kecil_mikro"]["programmes_expected"] = ["jkk", "jkm", "jht"]
    path.write_text(yaml.safe_dump(methodology, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert _rapor(data, params, tmp_path / "cards", "--jobs", "1") == 0
    err = capsys.readouterr().err
    assert "1012345604" in err and "Warung Ibu Sari" in err and "Traceback" not in err
    assert not list((tmp_path / "cards").rglob("1012345604*.html"))


#: Each card of `_stage_variant` by id: its category, whether its legend names the interview, the rows of its score
#: table (d: desk, w: interview, a: an aspect, f: final), the stage it states and whether a swatch sits beside the
#: interview score (its part of the score bar).
_STAGE_CARDS = {
    "61.04": ("pemda", True, "dwaaaf", "after", True),  # a finalist: the interview weighs 30 %
    "61.10": ("pemda", False, "dwf", "after", False),  # not interviewed, in a group that had interviews
    "61.04.01.2011": ("desa", False, "dwaaf", "after", False),  # interviewed, but the interview weighs 0 %
    "61.04.02.2003": ("desa", False, "dwf", "after", False),
    "65.03.05.2022": ("desa", False, "d", "desk only", False),  # weighs 0 %, and its group had no interview
    "1012345603": ("bu_kecil_mikro", False, "d", "desk only", False),  # weighs 0 %, nobody interviewed
    DESK_STAGE: ("bu_besar_menengah", False, "d", "desk stage", False),  # weighs 30 %, nobody interviewed yet
}
_STAGE_WORDS = {
    "en": {"after": "after interviews", "desk stage": "desk stage", "desk only": "desk only, no interview"},
    "id": {"after": "setelah wawancara", "desk stage": "seleksi dokumen", "desk only": "dokumen saja, tanpa wawancara"},
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_card_names_the_interview_only_where_it_counts(tmp_path: Path, lang: str) -> None:
    """A card in a category whose interview weighs nothing (or of a group nobody was interviewed in) said its
    coloured bar split the score "by the colours beside each indicator and the interview", listed an interview and a
    final score of "–" and called its stage the desk stage, as if an interview were to come: each card names the
    interview only where it is held (its score rows), counts (the bar, its legend, the swatch) and is to come."""
    from bs4 import BeautifulSoup

    data, params = write_card_season(tmp_path)
    path = params / "2025" / "metodologi.yaml"
    methodology = yaml.safe_load(path.read_text(encoding="utf-8"))
    for kategori in ("desa", "bu_kecil_mikro"):
        methodology["kategori"][kategori]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    path.write_text(yaml.safe_dump(methodology, allow_unicode=True), encoding="utf-8")
    assert _rapor(data, params, tmp_path / "cards", "--jobs", "1", "--lang", lang) == 0
    interview = t("report.part_interview", lang).lower()
    rows = {"d": t("report.col_desk", lang), "w": t("report.col_interview", lang), "f": t("report.col_final", lang)}
    for key, (kategori, legend_names, score_rows, stage, swatch) in _STAGE_CARDS.items():
        group = "65" if key.startswith("65") else "61"
        page = card_path(tmp_path / "cards", 2025, group, kategori, key, lang).read_text("utf-8")
        soup = BeautifulSoup(page, "html.parser")
        legend = soup.find("div", class_="table-wrap").find_next_sibling("p").get_text()
        assert (interview in legend.lower()) is legend_names, (key, legend)
        scores = [th.get_text() for th in soup.find("table", class_="scores").find_all("th")]
        shown = "".join(next((k for k, label in rows.items() if label == text), "a") for text in scores)
        assert shown == score_rows, (key, scores)
        assert f"{t('rapor.stage', lang)}: {_STAGE_WORDS[lang][stage]} ·" in soup.find("p", class_="meta").get_text()
        beside = [th for th in soup.find("table", class_="scores").find_all("th") if th.get_text() == rows["w"]]
        assert bool(beside and beside[0].svg) is swatch, key
        bar = soup.find("svg", class_="score-bar")
        assert (t("report.part_interview", lang) in [part.get_text() for part in bar.find_all("title")]) is swatch
        found = card_data(page)
        if "w" not in score_rows:
            assert found["skor_wawancara"] is None and found["skor_akhir"] is None and found["aspek"] == {}
        # a finalist whose interview weighs 0: its interview score beside a final score equal to its desk score, told
        assert (t("rapor.interview_unweighted", lang) in soup.get_text()) is (key == "61.04.01.2011"), key


def test_an_unscored_card_draws_no_empty_score_breakdown(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    """No score, so no bar of its parts: not an empty chart a screen reader announces as "Skor –"."""
    root, rows = rendered
    page = _card(root, _row(rows, UNSCORED))
    assert 'class="score-bar"' not in page
    assert t("rapor.breakdown", "id", score="–") not in page
    assert 'class="score-bar"' in _card(root, _row(rows, KELURAHAN))


def _cards_of(out: Path, wanted: dict[str, tuple[str, str]], lang: str = "en") -> dict[str, str]:
    """The card pages of `wanted` (id_peserta -> kelompok, kategori) written under `out`."""
    return {
        key: card_path(out, 2025, group, kategori, key, lang).read_text("utf-8")
        for key, (group, kategori) in wanted.items()
    }


_T1_CARDS = {
    "61.04.01.2011": ("61", "desa"),  # no 2023 row this season: last season's
    "61.04.02.2003": ("61", "desa"),  # a 2023 row in both seasons: this season's wins
    DESK_STAGE: ("61", "bu_besar_menengah"),  # a business, no 2023 row this season: last season's
    "61.04": ("61", "pemda"),  # 2023 rows in both seasons: unchanged
}


def test_a_village_and_a_business_without_a_t1_row_take_it_from_last_seasons_files(tmp_path: Path) -> None:
    """This season's villages and businesses have rows of year T only; last season's folder holds their rows of
    year T-1 (its own year T): the card's T-1 column shows them, computed by the same formulas, and says where they
    come from. A T-1 row of this season's own files wins, so a regency's card is as it was without last season."""
    data, params = write_card_season(tmp_path, previous=True)
    set_row(data / "2024" / "desa.csv", "61.04.01.2011", 2023, peserta=600)  # 50 % of 1200
    set_row(data / "2024" / "badan_usaha.csv", DESK_STAGE, 2023, pekerja_terdaftar=1200)  # 80 % of 1500
    desa = data / "2025" / "desa.csv"
    own = pd.read_csv(desa, dtype=str, keep_default_na=False)
    belaban = own[own["kode_desa"] == "61.04.02.2003"].assign(tahun="2023", peserta="450")  # 50 % of 900
    pd.concat([own, belaban], ignore_index=True).to_csv(desa, index=False)
    assert _rapor(data, params, tmp_path / "cards", "--lang", "en", "--jobs", "1") == 0
    pages = _cards_of(tmp_path / "cards", _T1_CARDS)
    found = {key: card_data(page) for key, page in pages.items()}
    from_last = t("rapor.previous_year_from", "en", year=2023, musim=2024)

    village = found["61.04.01.2011"]
    assert village["indikator"]["cakupan_desa"]["nilai_lalu"] == pytest.approx(50.0)
    assert village["indikator"]["perangkat"]["nilai_lalu"] == pytest.approx(100.0)  # 12 of 12, as in 2024
    assert village["nilai_lalu_musim"] == 2024
    assert f'<span class="t1-note">{escape(from_last)}</span>' in pages["61.04.01.2011"]  # hidden with the column
    assert '<td class="num hide-narrow">50.00</td>' in pages["61.04.01.2011"]

    both = found["61.04.02.2003"]
    assert both["indikator"]["cakupan_desa"]["nilai_lalu"] == pytest.approx(50.0)  # not last season's 300 of 900
    assert both["nilai_lalu_musim"] == 2025
    assert str(escape(from_last)) not in pages["61.04.02.2003"]

    business = found[DESK_STAGE]
    assert business["indikator"]["kepesertaan"]["nilai_lalu"] == pytest.approx(80.0)
    assert business["nilai_lalu_musim"] == 2024
    assert str(escape(from_last)) in pages[DESK_STAGE]

    shutil.rmtree(data / "2024")
    assert _rapor(data, params, tmp_path / "alone", "--lang", "en", "--jobs", "1") == 0
    alone = {key: card_data(page) for key, page in _cards_of(tmp_path / "alone", _T1_CARDS).items()}
    assert found["61.04"]["indikator"] == alone["61.04"]["indikator"]  # the regency's own 2023 row, as before
    assert found["61.04"]["nilai_lalu_musim"] == alone["61.04"]["nilai_lalu_musim"] == 2025
    assert str(escape(from_last)) not in pages["61.04"]
    assert all(value["nilai_lalu"] is None for value in alone["61.04.01.2011"]["indikator"].values())
    assert alone["61.04.01.2011"]["nilai_lalu_musim"] is None
    assert alone[DESK_STAGE]["nilai_lalu_musim"] is None
    assert both["indikator"] == alone["61.04.02.2003"]["indikator"]


def test_a_shared_first_place_is_marked_at_the_higher_of_their_values_on_each_indicator(tmp_path: Path) -> None:
    """Two villages share rank 1 (equal desk scores and tie-break value, nobody interviewed): one protects more
    officials, the other more council members. Each indicator's first-place marker is the higher of the two values,
    whatever their order in the table, in the chart and in the JSON, and the legend says first place is shared."""
    data, params = write_card_season(tmp_path)
    share_first_village_place(data)
    assert _rapor(data, params, tmp_path / "cards", "--lang", "en", "--jobs", "1", "--category", "desa") == 0
    pages = _cards_of(tmp_path / "cards", dict.fromkeys(("61.04.01.2011", "61.04.02.2003", KELURAHAN), ("61", "desa")))
    found = {key: card_data(page) for key, page in pages.items()}
    assert found["61.04.01.2011"]["peringkat"] == found["61.04.02.2003"]["peringkat"] == 1
    shared = t("rapor.first_shared", "en", count=2)
    for key, page in pages.items():
        data_block = found[key]["indikator"]
        assert data_block["perangkat"]["pertama"] == pytest.approx(100.0), key
        assert data_block["bpd"]["pertama"] == pytest.approx(100.0), key  # Belaban's, not the first row's 77.8
        assert data_block["cakupan_desa"]["pertama"] == pytest.approx(90.0), key
        assert found[key]["jumlah_pertama"] == 2
        assert str(escape(shared)) in page
    bars = re.findall(r'<path class="f" d="M([0-9.]+) 0v10"/>', pages["61.04.01.2011"])
    assert bars == ["90.0", "100.0", "100.0", "100.0"]  # cakupan_desa, perangkat, bpd, rentan_dana_desa


def test_a_card_whose_rank_is_shared_says_with_how_many_others(tmp_path: Path) -> None:
    """Two villages share rank 1: each card said "Peringkat 1 dari N" as a sole first place's does, nothing naming
    the other (its "seri secara statistik" is about overlapping rank intervals). Each says it shares the rank with
    one other participant, in words and in its JSON; the kelurahan ranked below them does not."""
    data, params = write_card_season(tmp_path)
    share_first_village_place(data)
    assert _rapor(data, params, tmp_path / "cards", "--jobs", "1", "--category", "desa") == 0
    pages = _cards_of(tmp_path / "cards", dict.fromkeys((*SHARED_FIRST, KELURAHAN), ("61", "desa")), "id")
    found = {key: card_data(page) for key, page in pages.items()}
    total = found[KELURAHAN]["peringkat_dari"]
    shared = t("rapor.rank_of_shared", "id", rank=1, total=total, count=1)
    assert shared == f"Peringkat 1 dari {total} (sama dengan 1 peserta lain)"
    for key in SHARED_FIRST:
        assert f'<p class="big">{escape(shared)}</p>' in pages[key], key
        assert found[key]["peringkat"] == 1 and found[key]["peringkat_bersama"] == 1, key
    rank = found[KELURAHAN]["peringkat"]
    assert rank == 3 and found[KELURAHAN]["peringkat_bersama"] == 0
    assert f'<p class="big">{escape(t("rapor.rank_of", "id", rank=rank, total=total))}</p>' in pages[KELURAHAN]


def test_the_index_marks_a_shared_rank_as_its_cards_do(tmp_path: Path) -> None:
    """Two villages share rank 1: their cards say so, but the index page listed "1", "1", "3" as if the second 1
    were a slip. Each shared rank is marked in the index of either language; the rank sorts as the number it is."""
    data, params = write_card_season(tmp_path)
    share_first_village_place(data)
    ranks = {}
    for lang, index in (("id", "index.html"), ("en", "index.en.html")):
        assert _rapor(data, params, tmp_path / "cards", "--jobs", "1", "--category", "desa", "--lang", lang) == 0
        page = (tmp_path / "cards" / "2025" / "61" / index).read_text("utf-8")
        rows = re.findall(
            r'<tr><th scope="row" class="label"><a href="desa/([^"]*)">.*?'
            r'<td class="num" data-v="([^"]*)">([^<]*)</td>',
            page,
        )
        assert len(rows) == 4, rows
        ranks[lang] = {href.removesuffix(".html").removesuffix(".en"): (shown, value) for href, value, shown in rows}
    assert t("rapor.index_rank_shared", "id", rank="1") == "1 (bersama)"
    assert t("rapor.index_rank_shared", "en", rank="1") == "1 (shared)"
    for lang in ("id", "en"):
        for key in SHARED_FIRST:
            assert ranks[lang][key] == (t("rapor.index_rank_shared", lang, rank="1"), "1"), (lang, key)
        assert ranks[lang][KELURAHAN] == ("3", "3"), lang  # a rank held alone stays a plain number


def test_a_single_first_place_is_not_called_shared(rendered: tuple[Path, list[dict[str, str]]]) -> None:
    root, rows = rendered
    row = next(r for r in rows if r["kategori"] == "desa" and r["peringkat"] == "2")
    page = _card(root, row)
    data = card_data(page)
    first = card_data(
        _card(
            root,
            next(
                r
                for r in rows
                if r["kelompok"] == row["kelompok"] and r["peringkat"] == "1" and r["kategori"] == "desa"
            ),
        )
    )
    assert data["jumlah_pertama"] == 1 and data["peringkat_bersama"] == 0
    # the interval's draws and seed, as the footer says them (the JSON gave the interval without them)
    assert (data["undian"], data["seed"]) == (int(DRAWS), DEFAULT_SEED)
    assert {k: v["pertama"] for k, v in data["indikator"].items()} == {k: v["n"] for k, v in first["indikator"].items()}
    shared = t("rapor.first_shared", "id", count=2)
    assert shared.split("2")[0] not in page  # the sentence, whatever the count


def test_without_a_usable_last_season_the_t1_column_keeps_this_seasons_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Last season's folder without its methodology: warned of and left out, and so are its T-1 rows. A folder that
    does not validate stops the command with its problems, as `paritrana run` does, and writes no card."""
    data, params = write_card_season(tmp_path, previous=True)
    shutil.rmtree(params / "2024")
    capsys.readouterr()
    assert _rapor(data, params, tmp_path / "cards", "--lang", "en", "--category", "desa") == 0
    missing = params / "2024" / "metodologi.yaml"
    assert t("cli.previous_without_methodology", "en", musim=2024, file=missing) in capsys.readouterr().err
    page = card_path(tmp_path / "cards", 2025, "61", "desa", "61.04.01.2011", "en").read_text("utf-8")
    found = card_data(page)
    assert found["nilai_lalu_musim"] is None and found["musim_lalu"] is None
    assert all(value["nilai_lalu"] is None for value in found["indikator"].values())
    assert "season 2024" not in page

    data, params = write_card_season(tmp_path / "invalid", previous=True)
    set_row(data / "2024" / "desa.csv", "61.04.01.2011", 2023, peserta="banyak")
    assert _rapor(data, params, tmp_path / "invalid" / "cards", "--lang", "en") == 1
    err = capsys.readouterr().err
    assert "banyak" in err and "desa.csv" in err and "Traceback" not in err
    assert err.startswith(f"Season 2024 ({data / '2024'}), read to compare season 2025 with it, has errors")
    assert not (tmp_path / "invalid" / "cards").exists()


def test_a_cards_warnings_come_in_the_order_validate_prints_them(hand_season: Season) -> None:
    """By file, then row (as `paritrana validate` lists them), not in the order the checks found them."""
    report = ValidationReport(2025)
    for file, row in (("wawancara.csv", 3), ("pemda.csv", 7), ("pemda.csv", 6), ("wilayah.csv", 2)):
        report.add("warning", "W_FEW_JURORS", file, row, "id_peserta", "61.01")
    found = participant_warnings(report, hand_season)["61.01"]
    assert [(p.file, p.row) for p in found] == [("pemda.csv", 6), ("pemda.csv", 7), ("wawancara.csv", 3)]


def test_cards_scored_with_a_proposal_say_so_on_every_page(tmp_path: Path) -> None:
    """A hand-edited copy of the methodology keeps the official `nama`: the banner says the ranks are a proposal."""
    data, params = write_card_season(tmp_path)
    proposal = tmp_path / "usulan.yaml"
    shutil.copyfile(params / "2025" / "metodologi.yaml", proposal)
    banner = t("report.proposal_banner", "en", file="usulan.yaml", musim=2025)
    out = tmp_path / "cards"
    assert _rapor(data, params, out, "--lang", "en", "--province", "61", "--methodology", str(proposal)) == 0
    pages = list(out.rglob("*.html"))
    assert pages and all(str(escape(banner)) in page.read_text("utf-8") for page in pages)  # the indexes too
    assert _rapor(data, params, tmp_path / "official", "--lang", "en", "--province", "61") == 0
    # the proposal's file is named nowhere (a card's JSON holds the score CSV's column `usulan_shortlist`)
    assert not any("usulan.yaml" in page.read_text("utf-8") for page in (tmp_path / "official").rglob("*.html"))


def _pages(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (staged ones included) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_run_that_fails_midway_leaves_the_earlier_cards_and_index_pages_as_they_were(
    rendered: tuple[Path, list[dict[str, str]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every card's footer names the seed: a second run with another seed that fails after three cards (a full
    disk) must leave every page of the first run, not three new cards behind the old index pages."""
    root, _ = rendered
    data, params, out = root / "data", root / "params", tmp_path / "cards"
    assert _rapor(data, params, out, "--jobs", "1", "--seed", "1") == 0
    before = _pages(out)
    from paritrana_nb.rapor.render import Pages

    card = Pages.card
    made: list[int] = []

    def full_disk(self: Pages, view: dict[str, object], shared: dict[str, object]) -> str:
        if len(made) == 3:
            raise OSError(28, "No space left on device", str(out))
        made.append(1)
        return card(self, view, shared)

    monkeypatch.setattr(Pages, "card", full_disk)
    capsys.readouterr()
    assert _rapor(data, params, out, "--jobs", "1", "--seed", "2") == 1
    assert t("oserror.full", "id") in capsys.readouterr().err
    assert _pages(out) == before


def test_a_run_killed_while_it_writes_cards_leaves_the_earlier_set_and_the_next_run_replaces_it(
    rendered: tuple[Path, list[dict[str, str]]], tmp_path: Path
) -> None:
    root, _ = rendered
    data, params, out = root / "data", root / "params", tmp_path / "cards"
    assert _rapor(data, params, out, "--jobs", "1", "--seed", "1") == 0
    before = _pages(out)
    slow = (  # each card a little slower, so that the run is killed while it writes them
        "import sys, time\n"
        "from paritrana_nb.rapor.render import Pages\n"
        "card = Pages.card\n"
        "Pages.card = lambda self, view, shared: (time.sleep(0.02), card(self, view, shared))[1]\n"
        "from paritrana_nb.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    args = ["rapor", "--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--out", str(out)]
    process = subprocess.Popen([sys.executable, "-c", slow, *args, "--draws", DRAWS, "--jobs", "1", "--seed", "2"])
    try:
        deadline = time.monotonic() + 120
        while len([p for p in out.rglob(".*") if p.is_file()]) < 5:  # cards of the new run on disk, not yet all
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert {k: v for k, v in _pages(out).items() if not Path(k).name.startswith(".")} == before
    assert _rapor(data, params, out, "--jobs", "1", "--seed", "2") == 0
    after = _pages(out)
    assert sorted(after) == sorted(before)  # nothing staged is left, every page written again
    assert all(b"seed" not in page or after[name] != page for name, page in before.items() if name.endswith(".html"))
