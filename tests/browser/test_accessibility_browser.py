"""Every kind of page the workbook writes passes axe-core's WCAG 2.1 A and AA rules in a real browser (Debian's
headless Chromium, driven by Playwright): a province report, the national report, the season index, a participant
card, a card index and the tracker's status page, in both languages, on a desktop and on a phone's screen (where
wide tables and charts scroll in their own box)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paritrana_nb.cli import main
from paritrana_nb.rapor.paths import card_path
from paritrana_nb.report.pipeline import run_reports
from rapor_fixtures import write_card_season
from scoring_fixtures import write_warned_season

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LANGS = ("id", "en")

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists(),
    reason="Debian chromium is installed by scripts/install-system-deps.sh",
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One page of each kind in each language, as `<kind>.<lang>`: made once for the module; the reports' season has
    validation warnings (scoring_fixtures.write_warned_season), which they list."""
    root = tmp_path_factory.mktemp("a11y")
    data, params = write_warned_season(root)
    found: dict[str, Path] = {}
    for lang in LANGS:
        outcome = run_reports(2025, data, params, root / "reports", lang=lang, n_jobs=1, progress=False, draws=20)
        assert not outcome.failed, outcome.failed[0].error
        by_name = {r.html_path.name: r.html_path for r in outcome.results if r.html_path is not None}
        suffix = "" if lang == "id" else ".en"
        found[f"province.{lang}"] = by_name[f"61-kalbar{suffix}.html"]
        found[f"national.{lang}"] = by_name[f"nasional{suffix}.html"]
        for report in (found[f"province.{lang}"], found[f"national.{lang}"]):
            assert '<ul class="warnings">' in report.read_text(encoding="utf-8"), report  # checked by axe too
        assert outcome.index is not None
        found[f"index.{lang}"] = outcome.index
    data, params = write_card_season(root / "cards_season", previous=True)
    args = ["--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--draws", "20"]
    for lang in LANGS:
        assert main(["rapor", *args, "--out", str(root / "cards"), "--province", "61", "--lang", lang]) == 0
        found[f"card.{lang}"] = card_path(root / "cards", 2025, "61", "pemda", "61.71", lang)
        found[f"card_index.{lang}"] = (
            root / "cards" / "2025" / "61" / ("index.html" if lang == "id" else "index.en.html")
        )
        status = root / f"status.{lang}.html"
        status_args = ["status", "--data-dir", str(ROOT / "data"), "--params-dir", str(ROOT / "params")]
        assert main([*status_args, "--out", str(status), "--lang", lang]) == 0
        found[f"status.{lang}"] = status
    return found


KINDS = ("province", "national", "index", "card", "card_index", "status")


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_of_each_kind_has_no_wcag_21_aa_violation(pages: dict[str, Path], kind: str) -> None:
    """axe's WCAG 2.0/2.1 A and AA rules on the page as loaded, every folded part (chart values, a file's messages)
    opened, on a desktop and on a phone; a violation is listed with the elements it was found on."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    found: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for screen, viewport in SCREENS.items():
            context = browser.new_context(viewport=viewport)
            context.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
            )
            for lang in LANGS:
                path = pages[f"{kind}.{lang}"]
                page = context.new_page()
                page.goto(path.as_uri(), wait_until="load")
                page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
                options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
                for rule in axe.run(page, options=options).response["violations"]:
                    targets = [node["target"] for node in rule["nodes"][:5]]
                    found.append(
                        f"{lang} {screen} {path.name}: {rule['id']} ({rule['impact']}) x{len(rule['nodes'])} {targets}"
                    )
                page.close()
            context.close()
        browser.close()
    assert found == [], "\n".join(found)
