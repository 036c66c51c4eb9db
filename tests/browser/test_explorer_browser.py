"""`paritrana explore` in a real browser: move one weight slider, the ranking follows the engine."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from paritrana_nb.explorer import WeightModel
from paritrana_nb.methodology import load_methodology
from paritrana_nb.season import read_season

if TYPE_CHECKING:
    from playwright.sync_api import Route

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium: scripts/install-system-deps.sh")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


def test_moving_a_slider_reorders_the_table_as_the_engine_predicts(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    command = [sys.executable, "-m", "paritrana_nb.cli", "explore", "--season", "2025", "--port", str(port),
               "--data-dir", str(ROOT / "data"), "--params-dir", str(ROOT / "params")]
    server = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/")
        season = read_season(2025, ROOT / "data")
        model = WeightModel(season, load_methodology(ROOT / "params" / "2025" / "metodologi.yaml"), "pemda", "61")
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
            page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
            table = page.locator("table.explorer-ranking")
            table.wait_for(timeout=90_000)

            def names() -> list[str]:
                return table.locator("tbody tr td:nth-child(3)").all_inner_texts()

            assert names() == official
            slider = page.locator(".widget-slider", has=page.locator("label", has_text="regulasi"))
            readout = slider.locator(".widget-readout")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type("45")
            page.keyboard.press("Enter")
            deadline = time.monotonic() + 30
            while names() == official and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            assert names() == expected
            assert "▲" in table.inner_text()  # shifts against the official ranks are shown
            intervals = model.intervals({**model.official_weights, "regulasi": 45.0}, model.official_desk_share)
            page.get_by_role("button", name="Hitung rentang peringkat").click()
            header = table.locator("thead th", has_text="Rentang 90%")
            header.wait_for(timeout=60_000)
            bounds = zip(intervals["peringkat_p05"], intervals["peringkat_p95"], strict=True)
            by_name = dict(zip(model.peserta["nama"], bounds, strict=True))
            shown = table.locator("tbody tr td:nth-child(7)").all_inner_texts()
            assert shown == [str(lo) if lo == hi else f"{lo}–{hi}" for lo, hi in (by_name[n] for n in expected)]
            assert outside == []  # the content security policy keeps the page off the web
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "penjelajah.png"), full_page=True)
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert server.returncode is not None
