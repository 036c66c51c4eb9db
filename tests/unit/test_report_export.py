"""A report page is refused when it still names something the browser would fetch from the web."""

from __future__ import annotations

import pytest

from paritrana_nb.report.export import find_external_references


@pytest.mark.parametrize(
    "html",
    [
        '<link rel="stylesheet" href="https://cdn.example/all.min.css">',
        "<script src='//cdn.example/x.js'></script>",
        '<form action="http://example.org/">',
        "<style>@import url(https://fonts.example/css);</style>",
        '<div style="background: url( "https://example.org/a.png")">',
        '<script type="module">const m = (await import("https://cdn.example/mermaid.mjs")).default;</script>',
        "<script type=\"module\">import 'https://cdn.example/x.mjs';</script>",
        "<img srcset='a.png 1x, //cdn.example/b.png 2x'>",  # any attribute a browser fetches
        '<video poster="https://example.org/p.png"></video>',
        '<a href="&#47;&#47;example.org/">x</a>',
        "<svg><image xlink:href='https://example.org/a.png'/></svg>",
    ],
)
def test_a_reference_to_the_web_is_found(html: str) -> None:
    assert len(find_external_references(html)) == 1


@pytest.mark.parametrize(
    "html",
    [
        '<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="">',
        '<a href="pemda/61.01.html">61.01</a>',
        '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "<p>Sumber: https://bps.go.id (dikutip)</p>",
        "<script>import_rows('x'); const unimported = 1;</script>",
    ],
)
def test_what_is_not_fetched_is_not_a_reference(html: str) -> None:
    assert find_external_references(html) == []


@pytest.mark.parametrize(
    "name",
    [
        "PT Maju src=//evil.example/x",
        "Desa url(//evil.example/a.png)",
        'Koperasi @import "https://evil.example/c.css"',
        "Kab. import('//evil.example/m.js')",
        "Desa href=https://evil.example",
    ],
)
def test_a_name_holding_what_looks_like_a_web_address_is_text_not_a_reference(name: str) -> None:
    """A participant, region or category name is written escaped, as text (a table cell, an image's alt text, a
    JSON data block): it fetches nothing, and its report is written (it was refused: 'page refers to the web')."""
    from markupsafe import escape

    from paritrana_nb.templating import environment

    text = str(escape(name))
    data = environment().from_string("{{ v|tojson }}").render(v={"nama": name})
    html = (
        f'<td><bdi>{text}</bdi></td><p title="{text}">{text}</p>'
        f'<img src="data:image/png;base64,AA" alt="{text}"/>'
        f'<script type="application/json" id="data">{data}</script>'
    )
    assert find_external_references(html) == []


def test_a_css_string_escapes_every_character_that_could_end_it() -> None:
    """The printed page's footer names the report in a CSS string: a name from the data cannot end the string, the
    rule or the <style> element."""
    from paritrana_nb.report.export import css_string

    assert css_string('Kab "X" </style>') == '"Kab \\000022 X\\000022  \\00003c \\00002f style\\00003e "'
    assert css_string("Jawa Barat 2025") == '"Jawa Barat 2025"'
    assert css_string("é\\") == '"\\0000e9 \\00005c "'


@pytest.mark.parametrize(
    "lang, head, page",
    [
        ("id", '"R \\0000b7  bahasa Indonesia"', '"halaman " counter(page) " dari " counter(pages)'),
        ("en", '"R \\0000b7  English"', '"page " counter(page) " of " counter(pages)'),
    ],
)
def test_every_printed_page_names_the_report_its_language_and_its_page(lang: str, head: str, page: str) -> None:
    from paritrana_nb.report.export import print_css

    css = print_css("R", lang)
    assert css.startswith("@media print{@page{@bottom-left{content:" + head + ";")
    assert "@bottom-right{content:" + page + ";" in css
    assert find_external_references(f"<style>{css}</style>") == []
