"""`paritrana explore` in a real browser: move one weight slider, switch province and category, the ranking
follows the engine; reloading the page leaves one kernel, not one per load."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import psutil
import pytest

from paritrana_nb.explorer import WeightModel
from paritrana_nb.explorer_server import PREHEATED_KERNELS
from paritrana_nb.messages import Num, t
from paritrana_nb.methodology import load_methodology
from paritrana_nb.report.export import find_external_references
from paritrana_nb.season import read_season

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium: scripts/install-system-deps.sh")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _token_url(server: subprocess.Popen) -> str:
    """The address with the token that `paritrana explore` prints once it listens."""
    assert server.stdout is not None
    for line in server.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]+", line)
        if found:
            return found.group(0)
    raise AssertionError("the server ended without printing its address")


def _kernels(server: subprocess.Popen) -> list[psutil.Process]:
    found = []
    for process in psutil.Process(server.pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):  # ended, or a zombie not reaped yet: not a live kernel
            if "ipykernel" in " ".join(process.cmdline()):
                found.append(process)
    return found


@contextlib.contextmanager
def _explorer(
    folder: Path, data: Path = ROOT / "data", *options: str, params: Path = ROOT / "params"
) -> Iterator[tuple[subprocess.Popen, str, int]]:
    """`paritrana explore` on season 2025 of `data` (the bundled one) and the methodologies in `params`, run in
    `folder` with `options`: the server, its address with the token, its port."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "paritrana_nb.cli",
        "explore",
        "--season",
        "2025",
        "--port",
        str(port),
        "--data-dir",
        str(data),
        "--params-dir",
        str(params),
        *options,
    ]
    server = subprocess.Popen(
        command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
    )
    try:
        yield server, _token_url(server), port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_moving_a_slider_reorders_the_table_as_the_engine_predicts(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with _explorer(tmp_path) as (server, url, port):
        season = read_season(2025, ROOT / "data")
        methodology = load_methodology(ROOT / "params" / "2025" / "metodologi.yaml")
        model = WeightModel(season, methodology, "pemda", "61")
        official = model.rank().table["nama"].tolist()
        changed = {**model.official_weights, "regulasi": 45.0}
        expected = model.rank(changed, model.official_desk_share).table["nama"].tolist()
        assert expected != official

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            outside: list[str] = []

            def local_only(route: Route) -> None:
                if route.request.url.startswith(f"http://127.0.0.1:{port}"):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", local_only)
            page.goto(url, wait_until="domcontentloaded")
            table = page.locator("table.explorer-ranking")
            table.wait_for(timeout=90_000)

            def names() -> list[str]:
                return table.locator("tbody tr td:nth-child(3)").all_inner_texts()

            def shows(expected: list[str]) -> bool:
                deadline = time.monotonic() + 60
                while names() != expected and time.monotonic() < deadline:
                    page.wait_for_timeout(200)
                return names() == expected

            assert names() == official
            # each slider's official value on one line beside it ("resmi:" over "30" at 1366 px)
            heights = page.evaluate(
                "[...document.querySelectorAll('.note')].filter(n => n.textContent.startsWith('resmi:'))"
                ".map(n => n.getBoundingClientRect().height)"
            )
            assert heights and max(heights) < 24, heights
            slider = page.locator(".widget-slider", has=page.locator("label", has_text="regulasi"))
            slider.locator(".noUi-handle").focus()  # its own readout, where a value could be typed, is hidden
            page.keyboard.press("End")  # its maximum, 45
            handle = slider.locator(".noUi-handle")
            # a screen reader is told the slider's name and its value as the page writes it (it got the raw number)
            expect(handle).to_have_attribute("aria-valuetext", "45")
            desk = page.locator(".widget-slider", has=page.locator("label", has_text=t("explorer.desk_share", "id")))
            share = Num(model.official_desk_share, 2).render("id")  # 0,70: the widget gave 0.7
            expect(desk.locator(".noUi-handle")).to_have_attribute("aria-valuetext", share)
            label = next(i.label.id for i in methodology.kategori["pemda"].indicators if i.id == "regulasi")
            expect(handle).to_have_attribute("aria-label", f"{label} (regulasi)")
            assert shows(expected)
            assert "▲" in table.inner_text()  # shifts against the official ranks are shown
            intervals = model.intervals({**model.official_weights, "regulasi": 45.0}, model.official_desk_share)
            page.get_by_role("button", name="Hitung rentang peringkat").click()
            header = table.locator("thead th", has_text="Rentang 90%")
            header.wait_for(timeout=60_000)
            bounds = zip(intervals["peringkat_p05"], intervals["peringkat_p95"], strict=True)
            by_name = dict(zip(model.peserta["nama"], bounds, strict=True))
            shown = table.locator("tbody tr td:nth-child(7)").all_inner_texts()
            assert shown == [str(lo) if lo == hi else f"{lo}–{hi}" for lo, hi in (by_name[n] for n in expected)]

            provinces = dict(zip(season.provinces["kode_wilayah"], season.provinces["nama"], strict=True))
            picker = {
                label: page.locator(".widget-dropdown", has=page.locator("label", has_text=label)).locator("select")
                for label in ("Provinsi", "Kategori")
            }
            for kategori, province in (("pemda", "62"), ("desa", "62"), ("desa", "64")):  # official weights again
                picker["Provinsi"].select_option(label=f"{province} {provinces[province]}")
                picker["Kategori"].select_option(label=methodology.kategori[kategori].label.id)
                group = WeightModel(season, methodology, kategori, province)
                ranking = group.rank().table
                assert shows(ranking["nama"].tolist()), (kategori, province)
                expect(page.get_by_text("Peringkat dengan bobot ini:")).to_have_text(
                    "Peringkat dengan bobot ini: 1"
                )  # the profile of the new group's official first
            assert outside == []  # the content security policy keeps the page off the web
            ARTIFACTS.mkdir(exist_ok=True)
            # bytes written here: with path=, playwright makes the folder on a thread it leaves running
            (ARTIFACTS / "penjelajah.png").write_bytes(page.screenshot(full_page=True))
            for _ in range(2):  # each load starts a kernel; leaving the page shuts its kernel down
                page.reload(wait_until="domcontentloaded")
                table.wait_for(timeout=90_000)
            deadline = time.monotonic() + 15
            while len(_kernels(server)) > 1 + PREHEATED_KERNELS and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            assert len(_kernels(server)) == 1 + PREHEATED_KERNELS  # this page's and the one started ahead
            browser.close()
    assert server.returncode is not None


def test_on_a_phone_every_control_is_on_screen_and_the_wide_pieces_scroll_within_themselves(tmp_path: Path) -> None:
    """At a phone's width (390 px) the dropdowns, sliders and buttons are on screen (before, the category dropdown,
    the chart and each slider's official value were cut off at the edge), the page does not scroll sideways, and the
    ranking table and the chart, wider than the screen, scroll sideways within themselves."""
    from playwright.sync_api import sync_playwright

    with _explorer(tmp_path) as (_server, url, _port), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(url, wait_until="domcontentloaded")
        page.locator("table.explorer-ranking").wait_for(timeout=90_000)
        layout = page.evaluate(
            """() => {
              const box = (el) => {
                const r = el.getBoundingClientRect();
                return [Math.round(r.left), Math.round(r.right)];
              };
              const shown = (el) => el.getBoundingClientRect().width > 0;
              const apart = (el) => !el.closest('.widget-html')?.querySelector('svg, table');  // not in a scroller
              const scroller = (selector) => {
                const piece = document.querySelector(selector).closest('.widget-html');
                return [...box(piece), piece.clientWidth, piece.scrollWidth];
              };
              return {
                page: [document.documentElement.clientWidth, document.documentElement.scrollWidth],
                controls: [...document.querySelectorAll('select, button, input, .widget-slider .noUi-target, .note')]
                  .filter(el => shown(el) && apart(el))
                  .map(el => [...box(el), el.tagName, el.textContent.slice(0, 30)]),
                table: scroller('table.explorer-ranking'),
                chart: scroller('.widget-html-content svg.score-bar'),
                // each part's fill a pattern the page holds (its colour and hatch): none left unpainted
                unpatterned: [...document.querySelectorAll('svg.score-bar rect')]
                  .filter(r => !document.querySelector(r.getAttribute('fill').slice(4, -1) + ' > rect')).length,
              };
            }"""
        )
        browser.close()
    width, scrolled = layout["page"]
    assert width == 390 and scrolled <= width, layout["page"]
    outside = [box for box in layout["controls"] if box[0] < 0 or box[1] > width]  # (left, right, tag, text)
    assert len(layout["controls"]) >= 12 and outside == []
    assert layout["unpatterned"] == 0
    for piece in ("table", "chart"):
        left, right, shown, content = layout[piece]
        assert left >= 0 and right <= width and content > shown, (piece, layout[piece])  # it scrolls: wider inside


FOCUS_RING = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const tag = e.getAttribute("role") === "slider" ? "slider" : e.tagName.toLowerCase();
  return [tag, (e.getAttribute("aria-label") || e.textContent || "").trim().slice(0, 40), style.outlineStyle,
          parseFloat(style.outlineWidth)];
}"""
"""The element that has the keyboard focus: its kind, its name, its outline's style and width."""


def _tab_through(page: Page) -> list[list[object]]:
    """Every element the Tab key reaches, from the top of the page until the focus comes back to the first (at most
    80 presses: no keyboard trap keeps it), with FOCUS_RING's description of each."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    reached: list[list[object]] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUS_RING)
        if reached and now == reached[0]:
            return reached
        reached.append(now)
    raise AssertionError(f"the Tab key never came back to the first control: {reached}")


def _waits_for_text(page: Page, selector: str, text: str) -> None:
    """Waits until the element at `selector` holds `text` (a kernel's answer to a change)."""
    page.locator(selector, has_text=text).first.wait_for(timeout=60_000)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_explorer_page_has_no_wcag_21_aa_violation_in_use(tmp_path: Path, lang: str) -> None:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the explorer, on a desktop and on a phone, as it opens and after each
    thing a user does in it: switch province, move a weight with the keyboard, compute the rank intervals, pick a
    participant (its profile), switch category, save twice (the warning and its "Timpa" button). Each control is
    reached by the Tab key in the page's order, with a visible focus ring (Voilà's dropdowns, sliders and text box
    showed none), and the Tab key leaves none of them. Each slider is named (the desk share's bore the first
    indicator's whole row), the ranking's group and summary are a status line a screen reader hears as it changes,
    and the tables are named by a caption. The explorer is the page's main landmark (Voilà's shell has none)."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    season = read_season(2025, ROOT / "data")
    methodology = load_methodology(ROOT / "params" / "2025" / "metodologi.yaml")
    provinces = dict(zip(season.provinces["kode_wilayah"], season.provinces["nama"], strict=True))
    params = tmp_path / "params"
    shutil.copytree(ROOT / "params", params)  # the test saves a methodology there
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    status = ".paritrana-status[role=status][aria-live=polite]"  # each status line
    ranking = f"{status}:has(h3)"  # the ranking's: its group and summary
    found: list[str] = []
    with (
        _explorer(tmp_path, ROOT / "data", "--lang", lang, params=params) as (_server, url, _port),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})

            def audit(state: str, page: Page = page, width: int = width) -> None:
                for rule in Axe().run(page, options=options).response["violations"]:
                    nodes = [n["target"] for n in rule["nodes"]]
                    found.append(f"{width} px, {state}: {rule['id']} x{len(nodes)} {nodes}")

            def pick(label: str, option: str, page: Page = page) -> None:
                dropdown = page.locator(".widget-dropdown", has=page.locator("label", has_text=label))
                dropdown.locator("select").select_option(label=option)

            page.goto(url, wait_until="domcontentloaded")
            page.locator("table.explorer-ranking").wait_for(timeout=90_000)
            page.locator(".widget-html-content svg.score-bar").first.wait_for(timeout=30_000)
            assert page.locator("[role=main] table.explorer-ranking").count() == 1  # in the page's main landmark
            expect(page.locator(".paritrana-alert[role=alert]")).to_have_count(1)
            audit("as it opens")
            reached = _tab_through(page)
            kinds = [kind for kind, *_ in reached]
            assert kinds.count("select") == 4 and kinds.count("slider") == 6, reached  # 5 weights, the desk share
            assert kinds.count("button") == 3 and kinds.count("input") == 1, reached  # Timpa hidden until needed
            unseen = [r for r in reached if r[0] != "body" and (r[2] == "none" or r[3] < 2)]
            assert unseen == [], reached  # each control shows its focus (the page itself, between rounds, needs not)
            desk = t("explorer.desk_share", lang)
            expect(page.get_by_role("slider", name=desk, exact=True)).to_have_count(1)
            label = next(getattr(i.label, lang) for i in methodology.kategori["pemda"].indicators if i.id == "regulasi")
            expect(page.get_by_role("slider", name=f"{label} (regulasi)", exact=True)).to_have_count(1)

            pick(t("explorer.province", lang), f"62 {provinces['62']}")
            _waits_for_text(page, ranking, provinces["62"])  # the switch is told
            expect(page.locator("table.explorer-ranking caption")).to_contain_text(provinces["62"])
            audit("after switching province")
            before = page.locator(ranking).inner_text()
            page.get_by_role("slider", name=f"{label} (regulasi)", exact=True).focus()
            page.keyboard.press("End")
            expect(page.locator(ranking)).not_to_have_text(before, timeout=60_000)  # the new ranks are told
            audit("after moving a weight")
            page.get_by_role("button", name=t("explorer.intervals", lang)).click()
            _waits_for_text(page, "table.explorer-ranking thead", t("report.col_interval", lang))
            audit("with the rank intervals")
            last = page.locator(".widget-dropdown", has=page.locator("label", has_text=t("explorer.participant", lang)))
            name = last.locator("select option").last.inner_text().replace("\xa0", " ")
            last.locator("select").select_option(label=name)
            _waits_for_text(page, ".widget-html-content table caption", name)
            audit("with a participant's profile")
            pick(t("explorer.category", lang), getattr(methodology.kategori["desa"].label, lang))
            _waits_for_text(page, ranking, getattr(methodology.kategori["desa"].label, lang))
            audit("after switching category")
            for _ in range(2):  # the second finds the file of the first: the warning and "Timpa"
                page.get_by_role("button", name=t("explorer.save", lang), exact=True).click()
            page.get_by_role("button", name=t("explorer.replace", lang)).wait_for(timeout=60_000)
            expect(page.locator(status).last).to_contain_text("metodologi_usulan.yaml")
            audit("with the warning before a file is replaced")
            page.close()
        browser.close()
    assert found == [], "\n".join(found)


def test_the_explorer_page_requests_nothing_from_the_web(tmp_path: Path) -> None:
    """In the field there is no internet: the served page names no stylesheet, script or font on another host
    (Voilà's lab page links Font Awesome on a CDN, and so does its error page), and the error page without the
    token, the page, its widgets and a province switch request nothing but this server. Every request is recorded
    as the browser makes it, those the content security policy blocks too (page.route never sees those), and any
    to another host is aborted."""
    from playwright.sync_api import sync_playwright

    with _explorer(tmp_path) as (_, url, port):
        local = (f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/", "data:", "blob:")
        season = read_season(2025, ROOT / "data")
        methodology = load_methodology(ROOT / "params" / "2025" / "metodologi.yaml")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.on("websocket", lambda websocket: requested.append(websocket.url))

            def local_only(route: Route) -> None:
                if route.request.url.startswith(local):
                    route.continue_()
                else:
                    route.abort()

            page.route("**/*", local_only)
            refused = page.goto(url.split("?")[0], wait_until="load")  # no token: Voilà's error page, 403
            assert refused is not None and refused.status == 403
            served = find_external_references(refused.text())
            response = page.goto(url, wait_until="domcontentloaded")
            assert response is not None and response.ok
            served += find_external_references(response.text())
            table = page.locator("table.explorer-ranking")
            table.wait_for(timeout=90_000)
            provinces = dict(zip(season.provinces["kode_wilayah"], season.provinces["nama"], strict=True))
            picker = page.locator(".widget-dropdown", has=page.locator("label", has_text="Provinsi")).locator("select")
            picker.select_option(label=f"62 {provinces['62']}")
            expected = WeightModel(season, methodology, "pemda", "62").rank().table["nama"].tolist()
            deadline = time.monotonic() + 60
            while table.locator("tbody tr td:nth-child(3)").all_inner_texts() != expected:
                assert time.monotonic() < deadline, "the province switch did not show the new group"
                page.wait_for_timeout(200)
            page.wait_for_timeout(1000)  # whatever the new group's profile and actions load
            browser.close()
    assert served == []
    assert [u for u in requested if not u.startswith(local)] == []
    assert any(u.startswith(f"ws://127.0.0.1:{port}/") for u in requested)  # the widgets talked to their kernel


def test_a_page_that_cannot_open_the_explorer_says_why_in_its_language(tmp_path: Path) -> None:
    """A season broken after `paritrana explore` started showed Voila's English "There was an error when executing
    cell [3]. Please run Voila with --show_tracebacks=True" on the next page: it says, in the page's language, that
    the explorer cannot open, what to fix and to reload."""
    from playwright.sync_api import sync_playwright

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "2025", data / "2025", ignore=shutil.ignore_patterns(".cache", "inbox"))
    with _explorer(tmp_path, data) as (_, url, _port):
        pemda = data / "2025" / "pemda.csv"  # broken once the kernel started ahead has run the notebook
        pemda.write_text(pemda.read_text(encoding="utf-8").replace("penduduk_bekerja", "pekerja", 1), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url, wait_until="domcontentloaded")
            page.locator("table.explorer-ranking").wait_for(timeout=90_000)  # the season it read before
            page.reload(wait_until="domcontentloaded")  # a kernel that reads the season as it is now
            page.get_by_text("Penjelajah tidak dapat dibuka").wait_for(timeout=90_000)
            text = page.inner_text("body")
            browser.close()
    assert "muat ulang halaman ini" in text and "pemda.csv, baris 1, kolom 'penduduk_bekerja'" in text
    assert "There was an error" not in text and "Traceback" not in text


def test_a_page_reloaded_at_the_kernel_cap_gets_its_kernel_back(tmp_path: Path) -> None:
    """With every kernel the cap allows held by open pages, reloading one of them was answered 503 ("more explorer
    pages open than --max-kernels allows"): its own kernel, shut down as it unloads, ended just after the reload
    asked for a new one. The reload waits for it and shows the explorer again."""
    from playwright.sync_api import sync_playwright

    with _explorer(tmp_path, ROOT / "data", "--max-kernels", "1", "--lang", "en") as (server, url, _port):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url, wait_until="domcontentloaded")
            table = page.locator("table.explorer-ranking")
            table.wait_for(timeout=90_000)  # the kernel started ahead, the only one the cap allows
            for _ in range(2):
                response = page.reload(wait_until="domcontentloaded")
                assert response is not None and response.status == 200
                table.wait_for(timeout=90_000)
            browser.close()
        assert len(_kernels(server)) <= 1
