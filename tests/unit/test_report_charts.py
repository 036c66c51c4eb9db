"""Report charts: text from the data and the methodology is drawn as written, whatever characters it holds; series
told apart by colour are told apart by a hatch, a marker or a line style too."""

from __future__ import annotations

import base64
import re
import warnings

import pytest
from defusedxml import ElementTree

from paritrana_nb import palette
from paritrana_nb.report.charts import contribution_chart, coverage_chart, rank_interval_chart

NAMES = ["PT Roket 🚀 Jaya 👩🏽‍💻 (fiktif)", "شركة الأمل للتجارة (fiktif)", "CV Biasa (fiktif)"]


def _texts(src: str) -> list[str]:
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def _styles(src: str) -> list[dict[str, str]]:
    """Each element's `style` of a chart's SVG, as a dictionary."""
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    return [
        {k.strip(): v.strip() for k, v in (d.split(":", 1) for d in e.get("style", "").split(";") if ":" in d)}
        for e in ElementTree.fromstring(svg).iter()
    ]


def _stroked(src: str, colour: str) -> list[dict[str, str]]:
    return [s for s in _styles(src) if s.get("stroke") == colour]


COVERAGE_LABELS = {k: k for k in ("before", "after", "target", "rise", "fall", "xlabel")}


def test_a_fall_in_coverage_is_dashed_and_a_rise_solid_in_the_chart_and_its_legend() -> None:
    """Red and green are one colour to many colour-blind readers: the line of a fall is dashed (one region falls:
    its line and the legend's), a rise's solid."""
    chart = coverage_chart(["A", "B"], [40, 60], [55, 45], [70, 70], COVERAGE_LABELS, "alt")
    falls = _stroked(chart.src, palette.FALL)
    assert len(falls) == 2 and all("stroke-dasharray" in s for s in falls)
    rises = [s for s in _stroked(chart.src, palette.RISE) if s.get("fill") == "none"]  # lines, not this year's dots
    assert len(rises) == 2 and not any("stroke-dasharray" in s for s in rises)


def test_last_seasons_coverage_is_an_open_circle_this_seasons_a_filled_one() -> None:
    chart = coverage_chart(["A", "B"], [40, 60], [55, 45], [70, 70], COVERAGE_LABELS, "alt")
    before = _stroked(chart.src, palette.PREVIOUS)
    assert len(before) == 3 and all(s["fill"] == "none" for s in before)  # two regions and the legend's
    after = [s for s in _styles(chart.src) if s.get("fill") == palette.CURRENT]
    assert len(after) == 3


def test_a_statistical_tie_has_a_dashed_outline_and_its_own_legend_entry() -> None:
    labels = {k: k.upper() for k in ("interval", "tie", "median", "nominal", "xlabel")}
    chart = rank_interval_chart(
        ["A", "B", "C"], [1, 2, 3], [1, 2, 3], [1, 1, 3], [2, 3, 3], [True, True, False], labels, ""
    )
    ties = _stroked(chart.src, palette.TIE)
    assert len(ties) == 3 and all("stroke-dasharray" in s for s in ties)  # two intervals and the legend's
    others = _stroked(chart.src, palette.INTERVAL)
    assert len(others) == 2 and not any("stroke-dasharray" in s for s in others)
    assert {"INTERVAL", "TIE"} <= set(_texts(chart.src))


def test_each_part_of_a_score_has_its_own_hatch() -> None:
    """Parts told apart by colour alone were not told apart by a colour-blind reader: each part in turn has a hatch
    (the first none), drawn in the background's colour, the line between two parts too."""
    keys = ["a", "b", "c"]
    chart = contribution_chart(["A"], {k: [10.0] for k in keys}, {k: k for k in keys}, "x", "alt", "id", [30.0])
    svg = base64.b64decode(chart.src.split(",", 1)[1]).decode()
    assert svg.count("<pattern") == 2
    hatched = [s for s in _styles(chart.src) if s.get("fill", "").startswith("url(#")]
    assert len(hatched) == 4 and all(s["stroke"] == palette.BACKGROUND for s in hatched)  # bars and legend


@pytest.mark.parametrize("label", [r"Premi $\frac$ (%)", "Iuran US$ 1 sampai US$ 2", "$x^2$"])
def test_a_methodology_label_with_dollars_is_drawn_as_written(label: str) -> None:
    """An indicator label is data (the methodology file): two "$" in it must not start matplotlib mathtext, which
    would draw it as a formula or, when it does not parse, stop the report."""
    chart = contribution_chart(
        ["Kabupaten $A$"],
        {"ucj": [30.0], "wawancara": [20.0]},
        {"ucj": label, "wawancara": "Wawancara"},
        "Skor akhir",
        "Rincian skor",
        "id",
        [50.0],
    )
    texts = _texts(chart.src)
    assert label in texts
    assert "Kabupaten $A$" in texts


def test_a_name_with_characters_the_font_lacks_is_text_and_warns_nothing() -> None:
    """An emoji matplotlib's font has no glyph for: no UserWarning on the console of `paritrana run` (it printed
    "Glyph 128640 (\\N{ROCKET}) missing from font(s) DejaVu Sans" for every chart); the SVG keeps the text."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = contribution_chart(
            NAMES, {"ucj": [10.0, 20.0, 30.0]}, {"ucj": "UCJ"}, "Skor", "Skor per indikator", "id", [10.0, 20.0, 30.0]
        )
    svg = base64.b64decode(chart.src.split(",", 1)[1]).decode("utf-8")
    assert "Roket 🚀" in svg and "شركة الأمل" in svg


def test_each_bar_is_labelled_with_the_score_it_is_ranked_by_not_the_sum_of_its_parts() -> None:
    """Parts of 40.065 and 40.07 add up to 80.13499999999999 in double precision, written 80,13; the participant's
    score, 80.135, is written 80,14 by its ranking table and card: the label writes the score."""
    chart = contribution_chart(
        ["Desa A"], {"a": [40.065], "b": [40.07]}, {"a": "A", "b": "B"}, "Skor", "Rincian", "id", [80.135]
    )
    texts = _texts(chart.src)
    assert "80,14" in texts and "80,13" not in texts
