"""Report table cells: numbers carry their exact value for sorting, missing numbers sort empty; the `table`
macro writes each cell escaped."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from paritrana_nb.report.tables import cell, table
from paritrana_nb.templating import environment


def _html(value: object, kind: str, lang: str) -> str:
    macros = environment().get_template("macros.html.j2").make_module()
    return str(macros.cell(cell(value, kind, lang)))


def test_a_number_cell_sorts_by_its_exact_value() -> None:
    assert _html(1234.5678, "score", "id") == '<td class="num" data-value="1234.5678">1.234,57</td>'
    assert _html(np.int64(7), "int", "en") == '<td class="num" data-value="7.0">7</td>'
    assert _html("12", "int", "en") == '<td class="num" data-value="12.0">12</td>'


def test_a_missing_number_sorts_empty_and_shows_a_dash() -> None:
    for missing in (None, math.nan):
        assert _html(missing, "pct", "en") == '<td class="num" data-value="">–</td>'


def test_a_missing_rank_of_a_nullable_integer_column_is_a_dash() -> None:
    """The rank of a participant not scored is pd.NA in SeasonScores.peserta (Int64): the province report's ranking
    table stopped with "TypeError: a int cell holds <NA>, not a number" (`paritrana run` failed the report)."""
    rank = pd.array([1, None], dtype="Int64")[1]
    assert _html(rank, "int", "id") == '<td class="num" data-value="">–</td>'


def test_a_shared_rank_is_marked_as_the_cards_mark_it_and_sorts_by_the_rank() -> None:
    """Two participants with equal scores share rank 1: the report's tables showed "1" for each, the participant
    cards "1 (bersama)"."""
    assert _html((np.int64(1), True), "rank", "id") == '<td class="num" data-value="1.0">1 (bersama)</td>'
    assert _html((1234, True), "rank", "en") == '<td class="num" data-value="1234.0">1,234 (shared)</td>'
    assert _html((3, False), "rank", "id") == '<td class="num" data-value="3.0">3</td>'
    missing = pd.array([1, None], dtype="Int64")[1]
    assert _html((missing, True), "rank", "id") == '<td class="num" data-value="">–</td>'  # not scored: no rank
    with pytest.raises(TypeError, match="a rank cell holds"):
        cell(1, "rank", "en")


def test_a_number_cell_refuses_what_is_not_a_number() -> None:
    with pytest.raises(TypeError, match="a rp cell holds"):
        cell(["61"], "rp", "en")


def test_text_lines_and_marks_are_escaped() -> None:
    assert _html("<b>PT A & B</b>", "text", "en") == "<td>&lt;b&gt;PT A &amp; B&lt;/b&gt;</td>"
    assert _html(["A <i>", "B"], "lines", "en") == "<td>A &lt;i&gt;<br/>B</td>"
    assert _html([], "lines", "en") == "<td>–</td>"
    assert _html(("up", "▲ 2"), "mark", "en") == '<td><span class="up">▲ 2</span></td>'


def test_a_sortable_table_says_how_each_column_sorts() -> None:
    macros = environment().get_template("macros.html.j2").make_module()
    html = str(macros.table(table([("Nama", "text"), ("Skor", "score")], [["A", 1.0]], "en", css_class="ranking")))
    assert html == (
        '<div class="table-wrap" tabindex="0"><table class="sortable ranking"><thead><tr>'
        '<th class="" data-sort="text">Nama</th><th class="num" data-sort="num">Skor</th></tr></thead><tbody><tr>'
        '<td>A</td><td class="num" data-value="1.0">1.00</td></tr></tbody></table></div>'
    )


def test_a_cell_that_rounds_to_zero_has_no_minus_sign() -> None:
    """Sensitivity and jury tables: -0.004 is shown 0,00 (its exact value still sorts it below zero)."""
    shown = cell(-0.004, "score", "id")
    assert shown.text == "0,00" and shown.sort_value == "-0.004"
    assert cell(-0.04, "num1", "en").text == "0.0"
    assert cell(-0.001, "pp", "en").text == "0.00 pp"


def test_a_link_to_another_report_keeps_its_file_name_as_it_reads_for_print() -> None:
    """A printed report said nothing of where a nominee's province report was: a link to another report keeps its file
    name unquoted and escaped (data-file), which report.css prints after the link; a card's link (`link`) keeps none."""
    assert _html(("Jawa <Barat>", "32%20jabar%3C.html"), "report", "id") == (
        '<td><a href="32%20jabar%3C.html" data-file="32 jabar&lt;.html"><bdi>Jawa &lt;Barat&gt;</bdi></a></td>'
    )
    assert (
        _html(("Desa A", "61/6101/a.html"), "link", "id") == '<td><a href="61/6101/a.html"><bdi>Desa A</bdi></a></td>'
    )
    assert _html(("Jawa Barat", None), "report", "id") == "<td><bdi>Jawa Barat</bdi></td>"
