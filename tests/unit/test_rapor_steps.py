"""What a card and a report say of weights and steps up: shares shown that add up to 100 % (and points to the score
ranked by as shown: the desk score, a finalist's final score), and steps up presented by whether each one is enough on
its own."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from markupsafe import escape

from paritrana_nb.formatting import number, percent
from paritrana_nb.gaps import BATAS_ATAS, FINALIS_DI_ATAS, SERI
from paritrana_nb.messages import t
from paritrana_nb.methodology import load_methodology
from paritrana_nb.rapor.data import CardSeason, prepare_cards
from paritrana_nb.rapor.render import Pages, card_page
from paritrana_nb.report import sections
from paritrana_nb.report.context import prepare_season, province_context
from paritrana_nb.season import load_season
from rapor_fixtures import card_data, write_card_season

#: The village indicators' weights (cakupan_desa, perangkat, bpd, rentan_dana_desa): shares 16.67 %, 16.67 %,
#: 16.67 %, 50 %, which plain rounding shows as 17 + 17 + 17 + 50 = 101 % (16.67 x 3 + 50 = 100.01 % at 2 decimals).
WEIGHTS = (1, 1, 1, 3)


@pytest.fixture(scope="module")
def village_cards(tmp_path_factory: pytest.TempPathFactory) -> tuple[CardSeason, Path, Path]:
    """The card season's villages of province 61, the village weights set to WEIGHTS."""
    root = tmp_path_factory.mktemp("steps")
    data, params = write_card_season(root)
    path = params / "2025" / "metodologi.yaml"
    methodology = yaml.safe_load(path.read_text(encoding="utf-8"))
    for indicator, weight in zip(methodology["kategori"]["desa"]["indicators"], WEIGHTS, strict=True):
        indicator["weight"] = weight
    path.write_text(yaml.safe_dump(methodology, allow_unicode=True), encoding="utf-8")
    loaded = load_methodology(path)
    result = load_season(2025, data, loaded)
    assert result.season is not None
    cards = prepare_cards(result.season, loaded, path, result.report, provinces=["61"], categories=["desa"], draws=20)
    return cards, data, params


@pytest.fixture(scope="module")
def regency_cards(tmp_path_factory: pytest.TempPathFactory) -> CardSeason:
    """The card season's regencies and cities of province 61 (Kabupaten Ketapang, 61.04, a finalist)."""
    data, params = write_card_season(tmp_path_factory.mktemp("regencies"))
    path = params / "2025" / "metodologi.yaml"
    loaded = load_methodology(path)
    result = load_season(2025, data, loaded)
    assert result.season is not None
    return prepare_cards(result.season, loaded, path, result.report, provinces=["61"], categories=["pemda"], draws=20)


def _hand_finalist(cards: CardSeason) -> tuple[CardSeason, int]:
    """`cards` with Kabupaten Ketapang's five indicators adding 20/3, 20/3, 20/3, 20 and 20 points to a desk score of
    60, and an interview score of 70: its final score 0.7 x 60 + 0.3 x 70 = 63."""
    peserta = cards.peserta.copy()
    at = int(np.flatnonzero(peserta["id_peserta"].to_numpy() == "61.04")[0])
    assert peserta["finalis"].iloc[at]
    scores = {"skor_dokumen": 60.0, "skor_wawancara": 70.0, "skor_akhir": 63.0, "skor_peringkat": 63.0}
    for column, value in scores.items():
        peserta.iloc[at, peserta.columns.get_loc(column)] = value
    block = cards.blocks[int(peserta["blok"].iloc[at])]
    kontribusi, berlaku = block.kontribusi.copy(), block.berlaku.copy()
    row = int(peserta["baris_blok"].iloc[at])
    kontribusi[row], berlaku[row] = [20 / 3, 20 / 3, 20 / 3, 20.0, 20.0], True
    blocks = tuple(
        dataclasses.replace(b, kontribusi=kontribusi, berlaku=berlaku) if b is block else b for b in cards.blocks
    )
    return dataclasses.replace(cards, peserta=peserta, blocks=blocks), at


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_finalists_points_are_the_parts_of_its_final_score(regency_cards: CardSeason, lang: str) -> None:
    """A finalist's card gave the points of its desk score (6.67, 6.67, 6.66, 20.00, 20.00 = 60.00) where its report
    gives the parts of its final score: each indicator's desk points x 0.7 (4.666..., 14) and the interview's 70 x 0.3
    = 21, shared out to the final score shown, 63.00: 4.67, 4.67, 4.66 (the missing hundredths to the earlier of equal
    remainders), 14.00, 14.00 and 21.00."""
    cards, at = _hand_finalist(regency_cards)
    [page] = card_page(cards, Pages.of(cards, lang), [at])
    rows = re.findall(r'<tr><th class="label">(?:<svg.*?</svg>)?([^<]*)</th>(.*?)</tr>', page)
    points = [re.findall(r"<td[^>]*>([^<]*)</td>", cells)[4] for _, cells in rows]
    expected = [4.67, 4.67, 4.66, 14.0, 14.0, 21.0]
    assert points == [number(value, lang, 2) for value in expected]
    assert rows[-1][0] == t("report.part_interview", lang)
    final = re.search(rf'<th>{t("report.col_final", lang)}</th><td class="num">([^<]*)</td>', page)
    assert final is not None and final.group(1) == number(63.0, lang, 2) == number(sum(expected), lang, 2)
    legend = t("rapor.chart_legend_final", lang, desk=percent(70, lang, 0), interview=percent(30, lang, 0))
    assert str(escape(legend)) in page and str(escape(t("rapor.chart_legend", lang))) not in page
    assert card_data(page)["bobot_tahap"] == {"dokumen": 0.7, "wawancara": 0.3}


def test_a_card_not_interviewed_keeps_the_points_of_its_desk_score(regency_cards: CardSeason) -> None:
    """Kabupaten Melawi (61.10), not a finalist, is ranked by its desk score: its points add up to it, no interview
    row, and its JSON has no stage weights."""
    cards = regency_cards
    at = int(np.flatnonzero(cards.peserta["id_peserta"].to_numpy() == "61.10")[0])
    [page] = card_page(cards, Pages.of(cards, "en"), [at])
    rows = re.findall(r'<tr><th class="label">(?:<svg.*?</svg>)?([^<]*)</th>(.*?)</tr>', page)
    points = [Decimal(re.findall(r"<td[^>]*>([^<]*)</td>", cells)[4].replace(",", "")) for _, cells in rows]
    assert t("report.part_interview", "en") not in [label for label, _ in rows]
    assert sum(points) == Decimal(number(cards.peserta["skor_dokumen"].iloc[at], "en", 2).replace(",", ""))
    assert str(escape(t("rapor.chart_legend", "en"))) in page
    assert card_data(page)["bobot_tahap"] is None


def _number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", ".").rstrip("%"))


def test_a_cards_weights_add_up_to_100_and_its_points_to_the_score_it_is_ranked_by(
    village_cards: tuple[CardSeason, Path, Path],
) -> None:
    """The points add up to the desk score shown, or a finalist's (with the interview's row) to its final score."""
    cards, _, _ = village_cards
    pages = Pages.of(cards, "id")
    full = finalists = 0
    for page in card_page(cards, pages, cards.selected):
        cells = re.findall(r'<td class="num hide-narrow">([^<]*%)</td><td class="num">([^<]*)</td>', page)
        if not cells:
            continue  # not scored: no indicator applies
        weights = [_number(w) for w, _ in cells]
        assert sum(weights) == 100, weights
        rows = re.findall(rf'<tr><th class="label">{t("report.part_interview", "id")}</th>(.*?)</tr>', page)
        interview = [re.findall(r"<td[^>]*>([^<]*)</td>", row)[4] for row in rows]  # its points
        ranked_by = "report.col_final" if card_data(page)["finalis"] else "report.col_desk"
        total = re.search(rf'<th>{t(ranked_by, "id")}</th><td class="num">([^<]*)</td>', page)
        assert total is not None and len(interview) == (ranked_by == "report.col_final")
        assert sum(_number(p) for p in [*(p for _, p in cells), *interview]) == _number(total.group(1))
        finalists += bool(interview)
        if len(cells) == 4:  # every indicator applies: the hand-computed shares, ties to the earlier indicator
            assert [w for w, _ in cells] == ["17%", "17%", "16%", "50%"]
            full += 1
    assert full, "the season holds a village every indicator applies to"
    assert finalists, "the season holds a village finalist"


def test_the_methodology_appendix_shows_shares_that_add_up_to_100(
    village_cards: tuple[CardSeason, Path, Path],
) -> None:
    _, data, params = village_cards
    context = province_context(prepare_season(2025, data, params), "61")
    [desa] = sections.methodology_appendix(context, ["desa"], "id").categories
    assert [row[4].text for row in desa.table.rows] == ["16,67%", "16,67%", "16,66%", "50,00%"]


def _with_steps(cards: CardSeason, steps: list[dict[str, object]]) -> tuple[CardSeason, int]:
    """The card season with `steps` as the only actions, those of its second-placed village."""
    peserta = cards.peserta
    at = int(next(p for p in cards.selected if peserta["peringkat"].iloc[p] == 2))
    who = peserta.iloc[at]
    rows = pd.DataFrame(
        [
            {
                "kategori": who["kategori"],
                "id_peserta": who["id_peserta"],
                "nilai_sekarang": 10.0,
                "iuran_rp_per_tahun": float("nan"),
                "target_nama": "Desa Di Atas",
                **step,
            }
            for step in steps
        ]
    )
    return dataclasses.replace(cards, actions=rows), at


def _step(kolom: str, needed: float, cukup: bool, alasan: str | None = None) -> dict[str, object]:
    return {"kolom": kolom, "nilai_dibutuhkan": needed, "cukup": cukup, "alasan": alasan}


def _card_with_steps(village_cards: tuple[CardSeason, Path, Path], lang: str, steps: list[dict[str, object]]) -> str:
    """The card page of a village whose cheapest steps are `steps`."""
    changed, at = _with_steps(village_cards[0], steps)
    [page] = card_page(changed, Pages.of(changed, lang), [at])
    return page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_steps_none_of_which_is_enough_are_not_called_steps_up(
    village_cards: tuple[CardSeason, Path, Path], lang: str
) -> None:
    steps = [
        _step("perangkat_terlindungi", 13, False, BATAS_ATAS),
        _step("bpd_terlindungi", 9, False, BATAS_ATAS),
        _step("peserta", 400, False, BATAS_ATAS),
    ]
    page = _card_with_steps(village_cards, lang, steps)
    heading = t("rapor.actions_title_none_enough", lang)
    part = page[page.index(f"<h2>{heading}</h2>") :]
    part = part[: part.index("</ul>")]
    assert t("rapor.actions_none_enough_note", lang) in part
    assert part.count("<li>") == 3 and "<ol>" not in part
    # the heading says none is enough on its own; each sentence does not say it again
    said = t("gaps.not_enough", lang, action="", change="", target="").split(":")[0]
    listed = max(t("gaps.not_enough_listed", lang, action="\0", change="", target="\0").split("\0"), key=len)
    assert part.count(listed) == 3 and said not in part
    for count in (1, 2, 3):
        assert f"<h2>{t('rapor.actions_title_count', lang, count=count)}</h2>" not in page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_steps_that_are_enough_come_first_under_the_heading_that_counts_them(
    village_cards: tuple[CardSeason, Path, Path], lang: str
) -> None:
    steps = [
        _step("bpd_terlindungi", 12, True),  # cheapest_actions puts those enough on their own first
        _step("perangkat_terlindungi", 13, False, BATAS_ATAS),
        _step("peserta", 400, False, BATAS_ATAS),
    ]
    page = _card_with_steps(village_cards, lang, steps)
    items = r"((?:<li>.*?</li>)*)"
    found = re.search(rf"<h2>([^<]*)</h2>\n<ol>{items}</ol>\n<p>([^<]*)</p>\n<ul>{items}</ul>", page)
    assert found is not None
    assert found.group(1) == t("rapor.actions_title_count", lang, count=1)
    assert found.group(2).count("<li>") == 1 and found.group(4).count("<li>") == 2
    assert found.group(3) == t("rapor.actions_also_short", lang)
    assert t("rapor.actions_none_enough_note", lang) not in page


def test_a_finalist_ahead_is_not_answered_with_combining_steps(village_cards: tuple[CardSeason, Path, Path]) -> None:
    page = _card_with_steps(village_cards, "en", [_step("peserta", 400, False, FINALIS_DI_ATAS)])
    assert f"<h2>{t('rapor.actions_title_none_enough', 'en')}</h2>" in page
    assert t("rapor.actions_none_enough_note", "en") not in page  # several steps together cannot pass a finalist
    assert "is a finalist" in page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_step_that_draws_level_is_not_headed_as_if_no_step_moved_it_up(
    village_cards: tuple[CardSeason, Path, Path], lang: str
) -> None:
    steps = [
        _step("perangkat_terlindungi", 13, False, SERI),  # alone it shares the place above: a single step moves it up
        _step("peserta", 400, False, BATAS_ATAS),
    ]
    page = _card_with_steps(village_cards, lang, steps)
    heading = t("rapor.actions_title_level", lang)
    part = page[page.index(f"<h2>{heading}</h2>") :]
    assert part[: part.index("</ul>")].count("<li>") == 2 and "<ol>" not in page
    assert t("rapor.actions_title_none_enough", lang) not in page
    assert t("rapor.actions_none_enough_note", lang) not in page  # one step alone would share the place above
    assert t("gaps.level_listed", lang, action="\0", change="", target="\0").split("\0")[-1] in part
