"""The documentation site: it builds with --strict and offline, the README links every page, the entry
points' docstrings are numpydoc with examples that run, and the examples the pages quote are the bundled
season's."""

from __future__ import annotations

import doctest
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from paritrana_nb import compare, engine, explorer, explorer_ui, gaps, methodology, reliability, season, uncertainty

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

#: The public entry points issue #12 names, each with the sections its docstring must have.
ENTRY_POINTS = {
    season.read_season: ("Parameters", "Returns", "Raises", "Examples"),
    methodology.load_methodology: ("Parameters", "Returns", "Raises", "Examples"),
    engine.score_season: ("Parameters", "Returns", "Raises", "Examples"),
    uncertainty.rank_uncertainty: ("Parameters", "Returns", "Raises", "Examples"),
    uncertainty.indicator_removal: ("Parameters", "Returns", "Examples"),
    uncertainty.sensitivity_indices: ("Parameters", "Returns", "Raises", "Examples"),
    gaps.what_it_takes: ("Parameters", "Returns", "Raises", "Examples"),
    reliability.jury_reliability: ("Parameters", "Returns", "Examples"),
    explorer.WeightModel: ("Parameters", "Raises", "Examples"),
    explorer_ui.ExplorerApp: ("Parameters", "Raises", "Examples"),
    compare.compare_seasons: ("Parameters", "Returns", "Examples"),
    compare.disagreements: ("Parameters", "Returns", "Examples"),
}
#: Attributes that load an asset into a page: none may point at the web.
ASSET_ATTRIBUTES = {
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
_WEB = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
_CSS_WEB = re.compile(r"(@import\s+|url\(\s*)['\"]?(https?:)?//", re.IGNORECASE)


def _nav_pages(nav: list) -> list[str]:
    pages: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def _config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with --strict (any warning fails), every web request sent to a closed local port."""
    out = tmp_path_factory.mktemp("site")
    closed = "http://127.0.0.1:9"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "HTTP_PROXY": closed,
        "HTTPS_PROXY": closed,
        "http_proxy": closed,
        "https_proxy": closed,
        "NO_PROXY": "",
        "no_proxy": "",
    }
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return out


def test_every_page_is_built_and_in_the_navigation(site: Path) -> None:
    pages = _nav_pages(_config()["nav"])
    assert sorted(pages) == sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    for page in pages:
        assert (site / page).with_suffix(".html").is_file(), page


def test_the_site_loads_nothing_from_the_web(site: Path) -> None:
    """No web fonts, scripts, stylesheets or images: the site reads as well without a network."""
    assert _config()["theme"]["font"] is False
    found = []
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in ASSET_ATTRIBUTES.items():
            found += [(page.name, str(t)) for t in soup.find_all(tag) if _WEB.match(str(t.get(attribute) or ""))]
        found += [(page.name, str(s)[:200]) for s in soup.find_all("style") if _CSS_WEB.search(s.get_text())]
    for sheet in site.rglob("*.css"):
        found += [(sheet.name, m.group(0)) for m in _CSS_WEB.finditer(sheet.read_text(encoding="utf-8"))]
    assert not found


def test_the_api_reference_documents_every_entry_point(site: Path) -> None:
    soup = BeautifulSoup((site / "api.html").read_text(encoding="utf-8"), "html.parser")
    for entry in ENTRY_POINTS:
        anchor = f"{entry.__module__}.{entry.__qualname__}"
        heading = soup.find(id=anchor)
        assert heading is not None, anchor
        body = heading.find_parent("div", class_="doc-object")
        assert body is not None and "Parameters" in body.get_text() and "Examples" in body.get_text(), anchor


def test_the_readme_links_every_page_and_every_link_works() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", readme)
    assert links
    for link in links:
        assert (ROOT / link).is_file(), link
    linked = {link.removeprefix("docs/") for link in links if link.startswith("docs/")}
    assert set(_nav_pages(_config()["nav"])) <= linked


@pytest.mark.parametrize("entry", list(ENTRY_POINTS), ids=lambda e: e.__qualname__)
def test_entry_point_docstrings_are_numpydoc_with_an_example_that_runs(
    entry: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = inspect.getdoc(entry) or ""
    for section in ENTRY_POINTS[entry]:
        assert re.search(rf"^{section}\n-{{{len(section)}}}$", doc, re.MULTILINE), section
    monkeypatch.chdir(ROOT)  # the examples read the bundled season from data/ and params/
    tests = doctest.DocTestFinder(recurse=False).find(entry, globs={})
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0 and result.failed == 0


def _season() -> tuple[season.Season, methodology.Methodology]:
    found = season.read_season(2025, ROOT / "data")
    return found, methodology.load_methodology(ROOT / "params" / "2025" / "metodologi.yaml", 2025)


def _markdown_table(text: str, header: str) -> pd.DataFrame:
    lines = text[text.index(header) :].splitlines()
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines if line.startswith("|")]
    rows = rows[: next((i for i, line in enumerate(lines) if not line.startswith("|")), len(rows))]
    return pd.DataFrame(rows[2:], columns=rows[0])


def test_the_robustness_examples_are_the_bundled_seasons() -> None:
    """The numbers docs/robustness.md and docs/reports.md quote are what the workbook computes today."""
    found, method = _season()
    text = (DOCS / "robustness.md").read_text(encoding="utf-8")

    # rank uncertainty: `paritrana score --season 2025 --province kalbar --uncertainty 1000` (desa)
    shown = _markdown_table(text, "| nama | peringkat | peringkat_median")
    scores = engine.score_season(found, method, ["61"], ["desa"])
    result = uncertainty.rank_uncertainty(scores, 1000, uncertainty.DEFAULT_SEED).peserta
    computed = pd.concat([scores.peserta[["nama"]], result.drop(columns=["kategori", "id_peserta"])], axis=1)
    for row in shown.to_dict("records"):
        match = computed[computed["nama"] == row["nama"]].iloc[0]
        assert [str(match[c]) for c in shown.columns] == list(row.values()), row

    # what it would take: `paritrana gaps --season 2025 --province kalbar --category pemda`
    table = gaps.what_it_takes(found, method, provinces=["61"], categories=["pemda"])
    claim = re.search(
        r"above: (.+?) \((\d+)th\) passes (.+?) with `(\w+)` (\d+) -> (\d+)\n\(`cukup` true, "
        r"`biaya_relatif` ([\d.]+)\); (.+?) \((\d+)th, not a finalist\) gets `finalis_di_atas`",
        text,
    )
    assert claim, "the gaps example is not where the test looks"
    name, rank, target, column, now, needed, cost, blocked, blocked_rank = claim.groups()
    row = table[(table["nama"] == name) & (table["kolom"] == column)].iloc[0]
    assert (
        int(row["peringkat"]),
        row["target_nama"],
        row["nilai_sekarang"],
        row["nilai_dibutuhkan"],
        bool(row["cukup"]),
        round(float(row["biaya_relatif"]), len(cost.partition(".")[2])),  # to the decimals the page shows
    ) == (int(rank), target, float(now), float(needed), True, float(cost))
    behind = table[table["nama"] == blocked]
    assert int(behind["peringkat"].iloc[0]) == int(blocked_rank) and not behind["finalis"].any()
    assert (behind["alasan"] == gaps.FINALIS_DI_ATAS).all()
    sentence = gaps.describe_action(row.to_dict(), "id")
    assert f'("{sentence}")' in (DOCS / "reports.md").read_text(encoding="utf-8")

    # jury reliability: `paritrana jury --season 2025`
    jury = reliability.jury_reliability(found, method, engine.score_season(found, method))
    claim = re.search(
        r"untuk (\d+) kelompok peringkat, (\d+) baris juri \((\d+) ditandai\).*?\((?:all \w+ flags are|the one "
        r"flag is) `podium`\)",
        text,
        re.DOTALL,
    )
    assert claim, "the jury example is not where the test looks"
    groups, rows, flagged = claim.groups()
    assert (len(jury[["kategori", "kode_provinsi"]].drop_duplicates()), len(jury), int(jury["ditandai"].sum())) == (
        int(groups),
        int(rows),
        int(flagged),
    )
    assert (jury.loc[jury["ditandai"], "alasan_tanda"] == "podium").all()
