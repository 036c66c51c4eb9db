"""Report charts: names from the data are drawn as text, whatever characters they hold."""

from __future__ import annotations

import base64
import warnings

from paritrana_nb.report.charts import contribution_chart

NAMES = ["PT Roket 🚀 Jaya 👩🏽‍💻 (fiktif)", "شركة الأمل للتجارة (fiktif)", "CV Biasa (fiktif)"]


def test_a_name_with_characters_the_font_lacks_is_text_and_warns_nothing() -> None:
    """An emoji matplotlib's font has no glyph for: no UserWarning on the console of `paritrana run` (it printed
    "Glyph 128640 (\\N{ROCKET}) missing from font(s) DejaVu Sans" for every chart); the SVG keeps the text."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = contribution_chart(
            NAMES, {"ucj": [10.0, 20.0, 30.0]}, {"ucj": "UCJ"}, "Skor", "Skor per indikator", "id"
        )
    svg = base64.b64decode(chart.src.split(",", 1)[1]).decode("utf-8")
    assert "Roket 🚀" in svg and "شركة الأمل" in svg
