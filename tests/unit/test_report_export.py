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
