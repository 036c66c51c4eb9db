"""A real browser (Debian's headless Chromium, driven by Playwright) opens a participant card offline: on a phone
it fits the screen and runs nothing from the data; printed, it is one A4 page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from paritrana_nb.cli import main
from paritrana_nb.rapor.paths import card_path
from rapor_fixtures import HOSTILE, HOSTILE_NPP, index_page, index_rows, write_card_season

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists(),
    reason="Debian chromium is installed by scripts/install-system-deps.sh",
)


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@contextmanager
def _offline_index(index: Path) -> Iterator[tuple[Page, list[str]]]:
    """A card index page opened on a phone's screen, no request but the page's own answered; the errors its script
    raises are gathered in the list."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE)
        context.route("**/*", lambda route: route.continue_() if route.request.url == index.as_uri() else route.abort())
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(index.as_uri(), wait_until="load")
        yield page, errors
        browser.close()


@pytest.mark.parametrize(
    "id_peserta, kelompok, kategori", [("61.71", "61", "pemda"), (HOSTILE_NPP, "61", "bu_kecil_mikro")]
)
def test_a_card_fits_a_phone_and_prints_on_one_a4_page(
    tmp_path: Path, id_peserta: str, kelompok: str, kategori: str
) -> None:
    from playwright.sync_api import sync_playwright

    data, params = write_card_season(tmp_path, previous=True)
    args = ["--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--draws", "40"]
    assert main(["rapor", *args, "--out", str(tmp_path / "cards"), "--id", id_peserta]) == 0
    page_path = card_path(tmp_path / "cards", 2025, kelompok, kategori, id_peserta, "id")
    requests: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE)
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url == page_path.as_uri() else route.abort()
        )
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_path.as_uri(), wait_until="load")

        assert [u for u in requests if u != page_path.as_uri() and not u.startswith("data:")] == []
        assert errors == [] and dialogs == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
        assert page.locator("h1").inner_text() == (HOSTILE if id_peserta == HOSTILE_NPP else "Kota Pontianak")
        assert page.locator("img").count() == 0
        narrow = page.locator(".hide-narrow, .t1-note")  # the T-1 column, and the note of where its values come from
        assert narrow.count() and not any(narrow.nth(i).is_visible() for i in range(narrow.count()))
        data = page.evaluate("JSON.parse(document.getElementById('rapor-data').textContent)")
        assert data["id_peserta"] == id_peserta

        page.emulate_media(media="print")
        assert _pages(page.pdf(format="A4", print_background=True)) == 1
        browser.close()


def test_the_tallest_cards_of_the_bundled_season_print_on_one_a4_page(tmp_path: Path) -> None:
    """Three of the bundled season's 301 cards (a regency of Kaltim, two large businesses) printed on two A4 pages,
    their last lines on the second: 1,035 px of print layout where a page holds about 1,017. A finalist's interview row
    under its indicators took the first two there again, printed at 1.25 lines (1.2 now, 1.1 in the footer)."""
    from playwright.sync_api import sync_playwright

    root = Path(__file__).resolve().parents[2]
    args = ["--season", "2025", "--data-dir", str(root / "data"), "--params-dir", str(root / "params")]
    cards = [("64", "pemda", "64.08"), ("62", "bu_besar_menengah", "9964747208")]
    for lang in ("id", "en"):
        for _, _, id_peserta in cards:
            assert main(["rapor", *args, "--out", str(tmp_path), "--id", id_peserta, "--lang", lang]) == 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for lang in ("id", "en"):
            for kelompok, kategori, id_peserta in cards:
                page.goto(card_path(tmp_path, 2025, kelompok, kategori, id_peserta, lang).as_uri(), wait_until="load")
                page.emulate_media(media="print")
                assert _pages(page.pdf(format="A4", print_background=True)) == 1, (id_peserta, lang)
        browser.close()


def test_the_index_page_searches_and_sorts_offline(tmp_path: Path) -> None:
    data, params = write_card_season(tmp_path)
    args = ["--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--draws", "20"]
    assert main(["rapor", *args, "--out", str(tmp_path / "cards"), "--province", "61", "--jobs", "1"]) == 0
    index = tmp_path / "cards" / "2025" / "61" / "index.html"
    with _offline_index(index) as (page, errors):
        rows = page.locator("#cards tbody tr")
        total = rows.count()
        assert total > 3
        page.fill("#q", "putri SUNGAI")  # every word, in any order and case
        shown = [r.inner_text() for r in rows.all() if r.is_visible()]
        assert len(shown) == 1 and "Desa Sungai Putri" in shown[0]
        page.fill("#q", "kota pontianak")  # the city, and the participants that lie in it
        assert len([r for r in rows.all() if r.is_visible()]) > 1
        page.fill("#q", "")
        page.locator("#cards th").nth(0).click()  # by name, A to Z
        names = page.locator("#cards tbody tr > :nth-child(1)").all_inner_texts()  # each row's header
        assert names == sorted(names, key=str.lower)
        assert page.locator("img").count() == 0 and HOSTILE in names  # the hostile name is text
        assert errors == []


def test_the_index_of_a_large_group_searches_sorts_and_shows_more_of_every_card(tmp_path: Path) -> None:
    """A group of thousands of cards (58,324 in the national season's largest province) was one table row each:
    17.9 MB, seconds to open and to sort. The page shows INDEX_ROWS rows at a time, taken from every card: a search
    finds a card far down the list, a sort orders every card, "show more" adds the next rows."""
    from paritrana_nb.messages import t
    from paritrana_nb.rapor.render import INDEX_ROWS

    rows = index_rows(3000)
    index = tmp_path / "index.html"
    index.write_text(index_page(rows), encoding="utf-8")
    with _offline_index(index) as (page, errors):
        body = page.locator("#cards tbody tr")
        names = page.locator("#cards tbody tr > :nth-child(1)")
        assert body.count() == INDEX_ROWS and page.locator("#shown").inner_text() == "3000 / 3000"
        more = page.get_by_role("button", name=t("rapor.index_more", "id"))
        more.click()
        assert body.count() == 2 * INDEX_ROWS
        assert names.nth(2 * INDEX_ROWS - 1).inner_text() == f"Desa Nomor {2 * INDEX_ROWS - 1:05d}"
        page.fill("#q", "nomor 02718 kabupaten")  # a card far down the list, by its name and region
        assert body.count() == 1 and page.locator("#shown").inner_text() == "1 / 3000"
        link = body.locator("a")
        assert link.inner_text() == "Desa Nomor 02718" and link.get_attribute("href") == "desa/32.01.02718.html"
        assert body.locator("td").all_inner_texts() == ["Desa", "Kabupaten 18", "2719", "50,00", ""]
        assert not more.is_visible()  # every match is shown
        page.fill("#q", "")
        assert body.count() == INDEX_ROWS and more.is_visible()
        page.locator("#cards th").nth(3).click()  # by rank: the first rows again, the business sharing rank 1
        page.locator("#cards th").nth(3).click()  # and down: the last rank first
        assert names.first.inner_text() == "Desa Nomor 02998"
        page.locator("#cards th").nth(0).click()  # by name, A to Z, over every card: the hostile name first
        assert names.all_inner_texts()[:2] == [HOSTILE, "Desa Nomor 00000"]
        assert page.locator("#cards th").nth(0).get_attribute("aria-sort") == "ascending"
        page.locator("#cards th").nth(0).press("Enter")  # Z to A, from the keyboard
        assert names.first.inner_text() == "Desa Nomor 02998"
        assert page.locator("img").count() == 0 and errors == []
