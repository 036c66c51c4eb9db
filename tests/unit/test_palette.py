"""Chart colours meet WCAG 2.1 SC 1.4.11 (non-text contrast): every colour a chart draws for a mark has a contrast
ratio of at least 3:1 against each surface marks are drawn on. The colours are found by drawing every chart (the
reports' matplotlib SVGs, a card's rank strip and score bar, a card's indicator bar rules) and reading them back,
and by reading every colour the palette names: a new colour under 3:1, in the palette or written into a chart,
fails here."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml import ElementTree
from matplotlib.colors import CSS4_COLORS

from paritrana_nb import palette
from paritrana_nb.report.charts import (
    contribution_chart,
    coverage_chart,
    province_comparison_chart,
    rank_interval_chart,
)
from paritrana_nb.report.export import print_css
from paritrana_nb.templating import environment

_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
#: Colours no mark is drawn in: the surfaces (each mark is checked against them), the gridlines and a page's light
#: surfaces (a table header's, a warning's, a badge's: no chart is drawn on them).
NOT_MARKS = {*palette.SURFACES, palette.GRID, *palette.PAGE_SURFACES}


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour `#rrggbb`."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2.1's contrast ratio of two colours, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _over_background(colour: str, opacity: float) -> str:
    """`colour` drawn at `opacity` over the chart's background, as the reader sees it."""
    mixed = (o * opacity + b * (1 - opacity) for o, b in zip(_rgb(colour), _rgb(palette.BACKGROUND), strict=True))
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)


def test_the_contrast_ratio_of_two_known_pairs() -> None:
    """#767676 on white is the lightest grey text meets 4.5:1 with (4.54:1); #9ca3af on white, the grey dot of last
    year's coverage before, 2.54:1 (L = 0.3588: (1.05) / (0.4088))."""
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert contrast("#9ca3af", "#ffffff") == pytest.approx(2.54, abs=0.005)
    assert contrast("#ffffff", "#9ca3af") == contrast("#9ca3af", "#ffffff")
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)


def svg_colours(svg: str) -> set[str]:
    """Every fill and stroke colour an SVG draws (attributes and `style`), each with its opacity applied."""
    found = set()
    for element in ElementTree.fromstring(svg).iter():
        style = {
            k.strip(): v.strip() for k, v in (d.split(":", 1) for d in element.get("style", "").split(";") if ":" in d)
        }
        values = {**element.attrib, **style}
        for paint in ("fill", "stroke"):
            colour = values.get(paint, "")
            if _HEX.fullmatch(colour):
                opacity = float(values.get(f"{paint}-opacity", 1)) * float(values.get("opacity", 1))
                found.add(_over_background(colour.lower(), opacity))
    return found


def _chart_svg(src: str) -> str:
    return base64.b64decode(src.split(",", 1)[1]).decode("utf-8")


def _report_charts() -> Iterator[str]:
    """Every report chart, drawn with data that takes each of its branches (every part colour, a rise and a fall,
    a tie and none)."""
    keys = [f"i{i}" for i in range(len(palette.PALETTE) + 1)] + ["wawancara"]
    yield _chart_svg(
        contribution_chart(
            ["A", "B"], {k: [5.0, 4.0] for k in keys}, {k: k for k in keys}, "Skor", "alt", "id", [60.0, 48.0]
        ).src
    )
    labels = {k: k for k in ("before", "after", "target", "rise", "fall", "xlabel")}
    yield _chart_svg(
        coverage_chart(["A", "B", "C"], [40, 60, 50], [55, 45, float("nan")], [70, 70, 70], labels, "alt").src
    )
    yield _chart_svg(province_comparison_chart(["A", "B"], [40.0, 60.0], "x", "alt").src)
    labels = {k: k for k in ("interval", "tie", "median", "nominal", "xlabel")}
    yield _chart_svg(
        rank_interval_chart(
            ["A", "B", "C"], [1, 2, 3], [1, 2, 3], [1, 1, 3], [2, 3, 3], [True, True, False], labels, "alt"
        ).src
    )


def _card_parts() -> Iterator[str]:
    """A card's rank strips (a tie and none) and its score bar in every part colour, as the macros draw them, a card's
    score bar with its part patterns in it, and the explorer's part patterns (every part colour with every hatch)."""
    macros = environment().from_string(
        '{% import "macros.html.j2" as m %}<g>{{ m.rank_strip(2, 1, 3, 5, "x", median=2, tie=true) }}'
        '{{ m.rank_strip(2, 1, 3, 5, "x", median=2) }}{{ m.score_bar(parts, "x") }}'
        '{{ m.score_bar(parts, "x", patterns=parts, ids="c") }}{{ m.hatch_patterns(parts, "p") }}</g>'
    )
    colours = (*palette.PALETTE, palette.INTERVIEW_COLOUR)
    parts = [
        {"label": c, "colour": c, "value": 5.0, "hatch": h} for c, h in zip(colours, palette.HATCHES * 2, strict=False)
    ]
    yield macros.render(parts=parts)


def _card_bar_colours() -> set[str]:
    """The fill and stroke colours of a card's indicator bar, as its style sheet gives them."""
    css = environment().get_template("rapor.css").render()
    return {c.lower() for c in re.findall(r"(?:fill|stroke):\s*(#[0-9a-fA-F]{6})", css)}


def drawn_colours() -> set[str]:
    """Every colour the charts draw."""
    found = _card_bar_colours()
    for svg in (*_report_charts(), *_card_parts()):
        found |= svg_colours(svg)
    return found


def palette_colours() -> dict[str, str]:
    """Every colour the palette names (a tuple's each), by name."""
    named: dict[str, str] = {}
    for name, value in vars(palette).items():
        values = value if isinstance(value, tuple) else (value,)
        for i, v in enumerate(values):
            if isinstance(v, str) and _HEX.fullmatch(v):
                named[f"{name}[{i}]" if isinstance(value, tuple) else name] = v.lower()
    return named


def _too_light(colours: set[str] | dict[str, str]) -> list[str]:
    named = colours if isinstance(colours, dict) else {c: c for c in colours}
    return [
        f"{name} {colour} on {surface}: {contrast(colour, surface):.2f}:1"
        for name, colour in sorted(named.items())
        if colour not in NOT_MARKS
        for surface in palette.SURFACES
        if contrast(colour, surface) < 3.0
    ]


def test_every_colour_a_chart_draws_has_3_to_1_against_each_surface() -> None:
    drawn = drawn_colours()
    assert set(palette.PALETTE) <= drawn and palette.TIE in drawn  # the charts were drawn in every branch
    assert _too_light(drawn) == []


def test_every_colour_the_palette_names_is_a_surface_gridlines_or_has_3_to_1() -> None:
    named = palette_colours()
    assert len(named) >= len(palette.PALETTE) + 10
    assert _too_light(named) == []


def test_every_colour_a_chart_draws_is_the_palettes() -> None:
    """No chart colour is written outside the palette (besides black and white, matplotlib's text and axes)."""
    assert drawn_colours() - set(palette_colours().values()) - {"#000000", "#ffffff"} == set()


def test_a_light_colour_fails() -> None:
    """The check itself: the old grey of last year's coverage and the old orange of a tie fall under 3:1."""
    assert _too_light({"old grey": "#9ca3af", "old orange": "#e3a008"}) != []


# -- the pages' colours: every one the palette's -----------------------------------------------------------------------

PACKAGE = Path(palette.__file__).parent
#: A colour written in a style sheet: `#rgb` to `#rrggbbaa` (not a character reference, `&#34;`), a colour function, or
#: one of CSS's colour names as a word of a declaration's value.
_WRITTEN = re.compile(r"(?<![&\w])#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", re.I)
_NAMED = re.compile(r":\s*[^;{}]*?\b(" + "|".join(sorted(CSS4_COLORS, key=len, reverse=True)) + r")\b", re.I)
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>|\sstyle=\"([^\"]*)\"", re.S)


def _style_sheets() -> Iterator[tuple[str, str]]:
    """Every style the package writes, by where it stands: its style sheets, its templates' `<style>` elements and
    `style` attributes."""
    for path in sorted(PACKAGE.rglob("*.css")):
        yield str(path.relative_to(PACKAGE)), path.read_text(encoding="utf-8")
    for path in sorted([*PACKAGE.rglob("*.j2"), *PACKAGE.rglob("*.html")]):
        for block, attribute in _STYLE.findall(path.read_text(encoding="utf-8")):
            yield str(path.relative_to(PACKAGE)), block or attribute


def written_colours(css: str) -> list[str]:
    """The colours `css` writes itself (not through the palette)."""
    return [m.group(0) for m in _WRITTEN.finditer(css)] + _NAMED.findall(css)


def test_no_style_sheet_writes_a_colour_of_its_own() -> None:
    """page.css, report.css, the card's frame and the explorer's focus ring wrote their colours themselves, beside the
    palette: each now takes them from it (`{{ palette.NAME }}`, page.css's custom properties `--ink`... among them)."""
    found = {where: written for where, css in _style_sheets() if (written := written_colours(css))}
    assert found == {}
    # nor a module writing a style (a printed report's margins, export.print_css): only the palette holds a colour
    modules = {
        str(path.relative_to(PACKAGE)): written
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "palette.py" and (written := _WRITTEN.findall(path.read_text(encoding="utf-8")))
    }
    assert modules == {}


def test_the_check_finds_a_colour_written_in_a_style_sheet() -> None:
    """The check itself: a hex colour, a colour function and a colour name, in a rule and in a style attribute; not a
    character reference or a link to an id."""
    assert written_colours("a { color: #0b6e4f; border: 1px solid rgb(0 0 0); outline: 2px solid White; }") == [
        "#0b6e4f",
        "rgb(",
        "White",
    ]
    assert written_colours('content: "&#34;"; fill: url(#p-0); font: 15px "DejaVu Sans"; color: var(--ink)') == []


def test_every_colour_a_page_writes_is_the_palettes() -> None:
    """Rendered, the style sheets (as a page includes them), the card's frame, the explorer's rules and a printed
    report's margins write only colours the palette names."""
    env = environment()
    rendered = [env.get_template(n).render() for n in ("page.css", "report.css", "rapor.css")]
    rendered.append(env.get_template("rapor_frame.html.j2").render(page="", title=""))
    rendered.append(
        env.get_template("explorer_parts.html.j2").make_module({"t": lambda key: key, "lang": "id"}).title()
    )
    rendered.append(print_css("Laporan", "en"))
    found = {c.lower() for css in rendered for c in _HEX.findall(css)}
    assert {palette.INK, palette.MUTED, palette.HEADER, palette.FOCUS, palette.LINE} <= found
    assert found - set(palette_colours().values()) == set()


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        (palette.INK, (palette.BACKGROUND, *palette.PAGE_SURFACES[1:])),
        (palette.MUTED, (palette.BACKGROUND, *palette.PAGE_SURFACES[1:])),
        (palette.ACCENT, (palette.BACKGROUND, palette.HEADER, palette.GOOD_TINT)),
        (palette.WARN, (palette.BACKGROUND, palette.HEADER, palette.WARN_TINT)),
        (palette.BAD, (palette.BACKGROUND, palette.HEADER, palette.BAD_TINT)),
        (palette.FOCUS, (palette.BACKGROUND, palette.HEADER)),
    ],
)
def test_a_pages_text_colours_have_4_5_to_1_on_the_surfaces_they_are_written_on(
    text: str, surfaces: tuple[str, ...]
) -> None:
    """WCAG 2.1 SC 1.4.3 (text, 4.5:1): a page's text and quieter text on its background and every tint; the accent,
    warning and failure colours on the background, a table header and the badge or banner of their own meaning; the
    focus ring on the background and a table header (the rule between rows, LINE, is no surface of text)."""
    assert min(contrast(text, surface) for surface in surfaces) >= 4.5
