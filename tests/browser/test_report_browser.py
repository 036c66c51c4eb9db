"""A real browser (Debian's headless Chromium, driven by Playwright) opens a generated report offline."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import small_season_tables, write_season
from paritrana_nb.report.pipeline import run_reports
from scoring_fixtures import write_warned_season

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
XSS = "<img src=x onerror=alert(1)>"
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

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists(),
    reason="Debian chromium is installed by scripts/install-system-deps.sh",
)


def test_report_renders_offline_with_escaped_names(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    tables = small_season_tables()
    wilayah = tables["wilayah"]
    wilayah.loc[wilayah["kode_wilayah"] == "61.10", "nama"] = XSS
    # first place, in the summary's list too: a word of 330 letters made the whole page 3,000 px wide on a phone
    wilayah.loc[wilayah["kode_wilayah"] == "61.04", "nama"] = "Kabupaten Ketapang" + "Ketapang" * 40
    write_season(tmp_path / "data", tables)
    outcome = run_reports(
        2025,
        tmp_path / "data",
        ROOT / "params",
        tmp_path / "reports",
        provinces=["61"],
        national=False,
        n_jobs=1,
        progress=False,
        draws=20,
    )
    assert not outcome.failed, outcome.failed[0].error
    page_path = outcome.results[0].html_path
    assert page_path is not None

    requests: list[str] = []
    console_errors: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url == page_path.as_uri() else route.abort()
        )
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: console_errors.append(str(exc)))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_path.as_uri(), wait_until="load")

        assert [u for u in requests if u != page_path.as_uri() and not u.startswith("data:")] == []
        assert console_errors == [] and dialogs == []
        summary = page.locator("table").first
        first_places = summary.locator("tbody tr td:nth-child(3)").all_inner_texts()
        assert any("Kabupaten Ketapang" in text for text in first_places)
        ranking = page.locator("table.ranking").first
        names = ranking.locator("tbody tr td:nth-child(2)").all_inner_texts()
        assert XSS in names  # shown as text ...
        assert page.locator("img[src='x']").count() == 0  # ... never as an element
        # the page itself does not scroll sideways on a phone; only wide tables do
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        # a chart keeps a legible width on a phone and scrolls sideways in its own box
        charts = page.evaluate(
            "[...document.querySelectorAll('figure img')].map(i => [i.getBoundingClientRect().width, i.naturalWidth,"
            " i.parentElement.scrollWidth > i.parentElement.clientWidth])"
        )
        assert charts, "no chart on the page"
        for shown, natural, scrolls in charts:
            assert shown >= min(natural, 560) - 1 and scrolls == (shown > 390), (shown, natural, scrolls)
        # sorting works without a server: click "Nama" and the order changes to alphabetical
        ranking.locator("th", has_text="Nama").click()
        sorted_names = ranking.locator("tbody tr td:nth-child(2)").all_inner_texts()
        assert sorted_names == sorted(names)
        ARTIFACTS.mkdir(exist_ok=True)
        # bytes written here: with path=, playwright makes the folder on a thread it leaves running
        (ARTIFACTS / "laporan_provinsi.png").write_bytes(page.screenshot(full_page=True))
        browser.close()


@pytest.fixture(scope="module")
def kalbar_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled season's report of Kalimantan Barat, made once for the tests that read it."""
    outcome = run_reports(
        2025, ROOT / "data", ROOT / "params", tmp_path_factory.mktemp("reports"), provinces=["61"], national=False,
        n_jobs=1, progress=False, draws=20,
    )  # fmt: skip
    assert not outcome.failed, outcome.failed[0].error
    page_path = outcome.results[0].html_path
    assert page_path is not None
    return page_path


def test_every_table_of_a_printed_report_fits_the_a4_width(kalbar_report: Path) -> None:
    """Printed on A4, a report's village ranking was 794 px wide for the page's 703 (cut off), and its notes column
    73 px, one word a line: every table fits the page's width and the notes keep a readable column."""
    from playwright.sync_api import sync_playwright

    page_path = kalbar_report
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": A4_CONTENT_PX, "height": 1000})  # A4 less the print margins
        page.goto(page_path.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        widths = page.evaluate(
            "[...document.querySelectorAll('table')].map(t => [t.className, t.scrollWidth,"
            " t.classList.contains('ranking') ? t.querySelector('tbody td:last-child').getBoundingClientRect().width"
            " : null])"
        )
        hidden = page.evaluate(  # a caption repeating its heading is for a screen reader: it takes no room
            "[...document.querySelectorAll('caption.visually-hidden')].map(c => c.getBoundingClientRect().width)"
        )
        browser.close()
    assert len(hidden) > 10 and max(hidden) <= 1
    assert len(widths) > 10
    assert [w for w in widths if w[1] > A4_CONTENT_PX] == []
    notes = [w[2] for w in widths if w[2] is not None]
    assert notes and min(notes) >= 120, widths


A4_CONTENT_PX = 703
"""The width of an A4 page less report.css's print margins (12 mm each side), in CSS pixels."""


#: Where the browser lays out two pieces of text of a page: the box of each (first occurrence, in one text node).
_BOXES = """(texts) => texts.map((text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const box = range.getBoundingClientRect();
        return {left: box.left, right: box.right, top: box.top};
    }
    return null;
})"""


def test_a_right_to_left_name_leaves_the_number_after_it_on_its_right(tmp_path: Path) -> None:
    """'1. قرية النور, 2. חברת אור' in the season index: unisolated, the bidi algorithm takes ', 2. ' into the
    Arabic run and shows '2.' to the left of the first name; in its <bdi> the name cannot move it."""
    from playwright.sync_api import sync_playwright

    from paritrana_nb.report.index_page import IndexEntry, index_html
    from paritrana_nb.report.sections import Footer

    arabic, hebrew = "قرية النور", "חברת אור"
    entry = IndexEntry("Kalimantan Barat", None, True, None, [("Desa", [(1, arabic), (2, hebrew)])])
    path = tmp_path / "index.html"
    path.write_text(index_html(2025, [entry], "id", False, Footer("", ("v",))), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 600})
        page.goto(path.as_uri(), wait_until="load")
        name, place = page.evaluate(_BOXES, [arabic, ", 2."])
        browser.close()
    assert abs(name["top"] - place["top"]) < 2, (name, place)  # one line
    assert place["left"] >= name["right"] - 0.5, (name, place)  # ", 2." after the name, as it is written


def test_a_sorted_column_keeps_its_empty_cells_last_and_sorts_from_the_keyboard(kalbar_report: Path) -> None:
    """Sorting a score column from high to low put its empty cells ("–") first, as the largest values; a rank
    interval sorted as text ("10–12" before "1–2"); a header could not be reached or used from the keyboard, and
    nothing said which column was sorted."""
    from playwright.sync_api import sync_playwright

    page_path = kalbar_report

    def numbers(texts: list[str]) -> list[float | None]:
        return [None if text.strip() == "–" else float(text.replace(".", "").replace(",", ".")) for text in texts]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_path.as_uri(), wait_until="load")
        ranking = page.locator("table.ranking").first
        header = ranking.locator("th", has_text="Skor akhir")
        column = 1 + [text.strip() for text in ranking.locator("th").all_inner_texts()].index("Skor akhir")
        for clicks, direction in ((1, "ascending"), (1, "descending")):
            for _ in range(clicks):
                header.click()
            assert header.get_attribute("aria-sort") == direction
            cells = numbers(ranking.locator(f"tbody tr td:nth-child({column})").all_inner_texts())
            values = [v for v in cells if v is not None]
            assert None in cells and cells == values + [None] * (len(cells) - len(values)), cells  # empty ones last
            assert values == sorted(values, reverse=direction == "descending"), values
        intervals = page.locator("table.intervals").nth(1)
        label = intervals.locator("th").nth(3)
        label.focus()  # from the keyboard
        page.keyboard.press("Enter")
        assert label.get_attribute("aria-sort") == "ascending"
        ends = [
            tuple(int(part) for part in text.split("–")) if "–" in text else (int(text), int(text))
            for text in intervals.locator("tbody tr td:nth-child(4)").all_inner_texts()
        ]
        assert len(ends) > 3 and ends == sorted(ends), ends
        assert [h.get_attribute("aria-sort") for h in intervals.locator("th").all()].count("none") == 5
        browser.close()


#: What print media makes of a report's page: the controls (not the link to the report in another language, which is
#: printed with its file name) and links still shown, the rows, short tables and headings a page break may split, the
#: header words broken over lines and the long tables whose header is not repeated.
_PRINTED = """() => {
    const style = (e) => getComputedStyle(e);
    const shown = (e) => e.getClientRects().length > 0 && style(e).visibility !== "hidden";
    const broken = [];
    for (const th of document.querySelectorAll("th")) {
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) broken.push(match[0]);
            }
        }
    }
    const tables = [...document.querySelectorAll(".table-wrap")];
    return {
        controls: [...document.querySelectorAll(".nav:not(.language), details.chart-data, .screen-only")].filter(
            shown).length,
        controlsOnScreen: document.querySelectorAll(".nav, details.chart-data").length,
        coloured: [...document.querySelectorAll("a")].filter(
            (a) => style(a).color !== style(a.parentElement).color || style(a).textDecorationLine !== "none").length,
        links: document.querySelectorAll("a").length,
        rows: [...document.querySelectorAll("tr")].filter((r) => style(r).breakInside !== "avoid").length,
        shortSplit: tables.filter((w) => w.querySelectorAll("tbody > tr").length <= 8
            && style(w).breakInside !== "avoid").length,
        long: tables.filter((w) => w.querySelectorAll("tbody > tr").length > 8).map(
            (w) => style(w.querySelector("thead")).display),
        headings: [...document.querySelectorAll("h2, h3")].filter((h) => style(h).breakAfter !== "avoid").length,
        broken: broken,
    };
}"""


@contextmanager
def _printed_page(report: Path) -> Iterator[Page]:
    """`report` opened in Chromium at A4's width of content, as print media shows it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": A4_CONTENT_PX, "height": 1000})
            page.goto(report.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            yield page
        finally:
            browser.close()


def test_a_printed_report_shows_no_control_and_breaks_pages_between_whole_rows(kalbar_report: Path) -> None:
    """Printed for the panel's signed file, a report showed "Finalis" one letter a line, a table's header alone at the
    foot of a page, a two-row jury table split over two pages, a heading with its note at a page's foot and its chart
    on the next, the national nominees' links in blue, and no page said which report it was: print media hides every
    control, keeps a heading with what follows, a table of up to 8 rows whole, breaks a longer one between rows under
    its repeated header, and every page's foot names the report, its language and the page ("page N of M")."""
    with _printed_page(kalbar_report) as page:
        printed = page.evaluate(_PRINTED)
        pdf = page.pdf(format="A4")
    assert printed["controlsOnScreen"] > 3 and printed["controls"] == 0, printed
    assert printed["links"] == 0 or printed["coloured"] == 0, printed
    assert printed["rows"] == 0 and printed["shortSplit"] == 0 and printed["headings"] == 0, printed
    assert printed["long"] and set(printed["long"]) == {"table-header-group"}, printed  # repeated on each page
    assert printed["broken"] == [], printed
    assert pdf.startswith(b"%PDF")
    html = kalbar_report.read_text(encoding="utf-8")
    assert "@bottom-left{content:" in html and "counter(page)" in html and "counter(pages)" in html


_OBJECT = re.compile(rb"(?m)^(\d+) 0 obj\n(.*?)\nendobj", re.S)
"""An object of a PDF as Chromium writes it: its number and its body (a dictionary, a stream's after it)."""


def _page_order(objects: dict[int, bytes]) -> dict[int, int]:
    """Each page object of a PDF's page tree (`objects`) and its page number, from 1."""
    [root] = [body for body in objects.values() if b"/Type /Pages" in body and b"/Parent" not in body]
    pages: list[int] = []

    def walk(node: bytes) -> None:
        for kid in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[(.*?)\]", node, re.S)[1]):  # type: ignore[index]
            body = objects[int(kid)]
            walk(body) if b"/Type /Pages" in body else pages.append(int(kid))

    walk(root)
    return {page: number for number, page in enumerate(pages, 1)}


def _tagged(pdf: bytes) -> tuple[int, dict[int, tuple[str, int | None, frozenset[int]]]]:
    """A tagged PDF's page count and its structure elements: number -> (role, parent, the pages its content is on)."""
    objects = {int(number): body for number, body in _OBJECT.findall(pdf)}
    page_of = _page_order(objects)
    elements = {}
    for number, body in objects.items():
        if body.startswith(b"<</Type /StructElem"):
            role = re.search(rb"/S /(\w+)", body)[1].decode()  # type: ignore[index]
            parent = re.search(rb"/P (\d+) 0 R", body)
            pages = frozenset(page_of[int(page)] for page in re.findall(rb"/Pg (\d+) 0 R", body))
            elements[number] = (role, int(parent[1]) if parent else None, pages)
    return len(page_of), elements


def _under(elements: dict[int, tuple[str, int | None, frozenset[int]]], number: int, *roles: str) -> int | None:
    """The nearest element of one of `roles` above structure element `number` (itself included), or None."""
    at: int | None = number
    while at is not None and at in elements:
        if elements[at][0] in roles:
            return at
        at = elements[at][1]
    return None


def test_a_printed_report_keeps_a_table_s_header_with_its_rows_and_the_footer_with_what_precedes_it(
    kalbar_report: Path,
) -> None:
    """Printed, Kalimantan Barat's report had a robustness table's header row alone at the foot of a page (its rows on
    the next, under the header repeated) and its last page held only the footer. Read from the tagged PDF Chromium
    prints (each table cell and element with its page; the footer marked as an article, an attribute that moves
    nothing): no page holds a table's header cells without any of its body cells, and the last page holds something
    besides the footer."""
    with _printed_page(kalbar_report) as page:
        page.evaluate("document.querySelector('.footer').setAttribute('role', 'article')")  # tagged Art
        pdf = page.pdf(format="A4", tagged=True)
    count, elements = _tagged(pdf)
    cells: dict[tuple[int, str], set[int]] = {}  # (table, TH or TD): the pages its cells' content is on
    for number, (_, _, pages) in elements.items():
        cell = _under(elements, number, "TH", "TD")
        table = None if cell is None else _under(elements, cell, "Table")
        if cell is not None and table is not None:
            cells.setdefault((table, elements[cell][0]), set()).update(pages)
    headers = {table: pages for (table, role), pages in cells.items() if role == "TH"}
    alone = {table: sorted(pages - cells.get((table, "TD"), set())) for table, pages in headers.items()}
    assert headers and {table: pages for table, pages in alone.items() if pages} == {}, alone
    [footer] = [number for number, (role, _, _) in elements.items() if role == "Art"]
    last = [number for number, (_, _, pages) in elements.items() if count in pages]
    assert any(_under(elements, number, "Art") != footer for number in last), "the last page holds only the footer"


@pytest.fixture(scope="module")
def national_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled season's national report in Bahasa Indonesia, made with Kalimantan Barat's by a run after one in
    English: its nominees link the province's report, its header the English page."""
    out = tmp_path_factory.mktemp("national")
    for lang in ("en", "id"):
        outcome = run_reports(
            2025, ROOT / "data", ROOT / "params", out, lang=lang, provinces=["61"], n_jobs=1, progress=False, draws=20
        )
        assert not outcome.failed, outcome.failed[0].error
    return out / "2025" / "nasional.html"


#: Each link a printed page shows: its text, and what print media writes after it (its ::after content).
_PRINTED_LINKS = """() => [...document.querySelectorAll("a")].filter((a) => a.getClientRects().length > 0).map(
    (a) => [a.textContent, a.getAttribute("href"), getComputedStyle(a, "::after").content])"""


def test_a_printed_report_says_which_file_each_link_to_another_report_leads_to(national_report: Path) -> None:
    """The panel's signed copy of the national report did not say where a nominee's province report or the English
    report was (print showed each link as plain text): printed, a link to another report of the season folder has its
    file name after it; the season index's link stays hidden and a link within the page shows nothing."""
    with _printed_page(national_report) as page:
        links = page.evaluate(_PRINTED_LINKS)
        printed = page.evaluate(_PRINTED)
    after = {href: content for _, href, content in links}
    assert after.get("61-kalbar.html") == '" (61-kalbar.html)"', links  # the nominee's province report
    assert after.get("nasional.en.html") == '" (nasional.en.html)"', links  # the same report in English
    assert "index.html" not in after, links  # the way back to the season index is a control: not printed
    assert all(content == "none" for href, content in after.items() if href.startswith("#")), links
    assert printed["controls"] == 0 and printed["coloured"] == 0, printed


#: Each listed validation warning as print media lays it out: whether a page break may split it.
_PRINTED_WARNINGS = """() => [...document.querySelectorAll("ul.warnings > li")].map(
    (li) => getComputedStyle(li).breakInside)"""


def test_a_printed_report_keeps_each_validation_warning_whole(tmp_path: Path) -> None:
    """The validation warnings a report lists (scoring_fixtures.write_warned_season: the methodology's and a
    business's) print as the rest does: their headings kept with what follows, no warning split between two pages."""
    data, params = write_warned_season(tmp_path)
    outcome = run_reports(
        2025, data, params, tmp_path / "out", provinces=["65"], national=False, n_jobs=1, progress=False, draws=20
    )
    assert not outcome.failed, outcome.failed[0].error
    page_path = outcome.results[0].html_path
    assert page_path is not None
    with _printed_page(page_path) as page:
        printed = page.evaluate(_PRINTED)
        warnings = page.evaluate(_PRINTED_WARNINGS)
    assert warnings == ["avoid"] * 4, warnings  # the methodology's three, the business's one
    assert printed["headings"] == 0 and printed["controls"] == 0, printed
