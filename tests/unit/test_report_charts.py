"""Report charts: text from the data and the methodology is drawn as written."""

from __future__ import annotations

import base64
import re

import pytest

from paritrana_nb.report.charts import contribution_chart


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
    )
    texts = _texts(chart.src)
    assert label in texts
    assert "Kabupaten $A$" in texts
