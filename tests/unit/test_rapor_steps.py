"""What a card and a report say of weights and steps up: shares shown that add up to 100 % (and points to the desk
score shown), and steps up presented by whether each one is enough on its own."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from paritrana_nb.messages import t
from paritrana_nb.methodology import load_methodology
from paritrana_nb.rapor.data import CardSeason, prepare_cards
from paritrana_nb.rapor.render import Pages, card_page
from paritrana_nb.report import sections
from paritrana_nb.report.context import prepare_season, province_context
from paritrana_nb.season import load_season
from rapor_fixtures import write_card_season

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


def _number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", ".").rstrip("%"))


def test_a_cards_weights_add_up_to_100_and_its_points_to_its_desk_score(
    village_cards: tuple[CardSeason, Path, Path],
) -> None:
    cards, _, _ = village_cards
    pages = Pages.of(cards, "id")
    full = 0
    for page in card_page(cards, pages, cards.selected):
        cells = re.findall(r'<td class="num hide-narrow">([^<]*%)</td><td class="num">([^<]*)</td>', page)
        if not cells:
            continue  # not scored: no indicator applies
        weights = [_number(w) for w, _ in cells]
        assert sum(weights) == 100, weights
        desk = re.search(rf'<th>{t("report.col_desk", "id")}</th><td class="num">([^<]*)</td>', page)
        assert desk is not None
        assert sum(_number(p) for _, p in cells) == _number(desk.group(1))
        if len(cells) == 4:  # every indicator applies: the hand-computed shares, ties to the earlier indicator
            assert [w for w, _ in cells] == ["17%", "17%", "16%", "50%"]
            full += 1
    assert full, "the season holds a village every indicator applies to"


def test_the_methodology_appendix_shows_shares_that_add_up_to_100(
    village_cards: tuple[CardSeason, Path, Path],
) -> None:
    _, data, params = village_cards
    context = province_context(prepare_season(2025, data, params), "61")
    [desa] = sections.methodology_appendix(context, ["desa"], "id").categories
    assert [row[4].text for row in desa.table.rows] == ["16,67%", "16,67%", "16,66%", "50,00%"]
