"""Report charts: text from the data and the methodology is drawn as written, whatever characters it holds."""

from __future__ import annotations

import base64
import re
import warnings

import pytest

from paritrana_nb.report.charts import contribution_chart

NAMES = ["PT Roket 🚀 Jaya 👩🏽‍💻 (fiktif)", "شركة الأمل للتجارة (fiktif)", "CV Biasa (fiktif)"]


def _texts(src: str) -> list[str]:
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


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
