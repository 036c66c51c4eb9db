"""How problems.py writes text from the data: `escaped_text`, the visible and reversible form a file keeps (intake's
provenance), read back exactly for any text."""

from __future__ import annotations

import os
import re

from hypothesis import example, given
from hypothesis import strategies as st

from paritrana_nb.problems import SHOWN_ESCAPED, Problem, ValidationReport, by_file, escaped_text, shown_text
from paritrana_nb.yamldata import Place

_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4})")


def _read_back(written: str) -> str:
    """`written` read as docs/intake.md says: `\\\\` a backslash, `\\xNN` and `\\uNNNN` the character of that code."""
    return _ESCAPE.sub(lambda found: "\\" if found[1] == "\\" else chr(int(found[1][1:], 16)), written)


def test_a_name_with_control_characters_and_backslashes_is_written_visible() -> None:
    assert escaped_text("desa_61.04.xlsx") == "desa_61.04.xlsx"  # the usual name: as it is
    assert escaped_text("a\x1b[31mb\n.xlsx") == "a\\x1b[31mb\\x0a.xlsx"
    assert escaped_text("rtl\u202eslx.csv") == "rtl\\u202eslx.csv"
    assert escaped_text("zero\u200bwidth") == "zero\\u200bwidth"
    assert escaped_text("a\\x1b") == "a\\\\x1b"  # a backslash typed before `x1b`: never read as an escape
    assert escaped_text("a\\\x1b") == "a\\\\\\x1b"
    assert escaped_text("del\x7f nel\x85 csi\x9b") == "del\\x7f nel\\x85 csi\\x9b"


def test_a_file_name_of_bytes_that_are_not_utf8_is_written_visible_and_its_bytes_read_back() -> None:
    """On Linux a file name is bytes: Python reads one that is not UTF-8 with a lone surrogate per such byte
    (`\\udcff` for the byte ff), which no UTF-8 file can hold: intake's provenance failed with a UnicodeEncodeError
    (a traceback, nothing written). Written as `\\udcff`, read back it gives the file's name again."""
    name = os.fsdecode(b"desa_61.05 \xff\xfe.xlsx")
    assert escaped_text(name) == "desa_61.05 \\udcff\\udcfe.xlsx"
    assert os.fsencode(_read_back(escaped_text(name))) == b"desa_61.05 \xff\xfe.xlsx"
    assert shown_text(name) == "desa_61.05 \\udcff\\udcfe.xlsx"  # a message quotes it so: printable


#: What an escape is made of, and the characters escaped: drawn often together, where any text would rarely hold them.
_PIECES = ["a", "x", "u", "1", "b", "2", "0", "e", "f", "d", "c", "\\", "\x1b", "\n", "\x7f", "\x85", "\x9b", "\u202e"]
_PIECES += ["\u200b", "\ufeff", "é", "\udcff", "\ud800"]  # a lone surrogate: a byte of a name that is not UTF-8


@given(st.text(alphabet=st.sampled_from(_PIECES)) | st.text())
@example("\\x1b")
@example("\\\\u202e")
@example("\\\x1b")
@example("\\udcff\udcff")
def test_an_escaped_text_reads_back_exactly(text: str) -> None:
    """Any text: written without a control or invisible character, read back as it was, and as it is when it holds
    neither a backslash nor such a character."""
    written = escaped_text(text)
    assert _read_back(written) == text
    assert SHOWN_ESCAPED.search(written) is None
    assert written.encode("utf-8").decode("utf-8") == written  # no lone surrogate left: a UTF-8 file holds it
    if "\\" not in text and SHOWN_ESCAPED.search(text) is None:
        assert written == text


def test_a_message_field_may_be_called_value_or_column() -> None:
    """ValidationReport.add takes the message's fields by name so that one may be called `value` (a YAML problem's
    `yaml.number_overflow`); Problem.text passed it to the catalogue twice, a TypeError."""
    report = ValidationReport(2025)
    report.add("error", "yaml.number_overflow", "musim.yaml", value="1e400", line=2)
    assert report.problems[0].message("en").startswith("musim.yaml: The number '1e400' on line 2 is too large")


def test_a_report_places_the_problems_of_a_yaml_file_by_their_keys() -> None:
    """What a cached report's methodology problems go through (engine.stored_score_csv): those of the file that name a
    key get the place given for it, None clearing it; the others stay as they are."""
    report = ValidationReport(2025)
    report.add("warning", "W_EMPTY_CATEGORY", "m.yaml", None, "kategori.a.peserta", None, Place(3, 5))
    report.add("warning", "W_JURY_UNWEIGHTED", "m.yaml", None, "kategori.b.stage_weights.wawancara", None, Place(9, 1))
    report.add("error", "M_YAML", "m.yaml")  # the file as a whole: no key
    report.add("warning", "W_NO_CATEGORY", "desa.csv", 4, "kode_wilayah", "61.01")
    places = {"kategori.a.peserta": Place(4, 7)}
    placed = report.placed("m.yaml", places.get)
    assert [(p.code, p.line, p.col) for p in placed.problems] == [
        ("W_EMPTY_CATEGORY", 4, 7),
        ("W_JURY_UNWEIGHTED", None, None),
        ("M_YAML", None, None),
        ("W_NO_CATEGORY", None, None),
    ]
    assert [(p.line, p.col) for p in report.problems[:2]] == [(3, 5), (9, 1)]  # the report itself unchanged
    assert (placed.kept, placed.omitted, placed.musim) == (report.kept, report.omitted, 2025)


def test_problems_by_file_show_at_most_a_limit_of_a_kind_and_count_the_rest() -> None:
    """What `validate --max-per-kind` and the reports list: the YAML files first, each file's problems in the order
    given, at most `limit_per_kind` of a severity and code, then how many more (those only counted included)."""
    problems = [
        Problem("warning", "W_LARGE_JUMP", "pemda.csv", 3),
        Problem("warning", "W_LARGE_JUMP", "pemda.csv", 9),
        Problem("warning", "W_EMPTY_CATEGORY", "metodologi.yaml", None, "kategori.a.peserta"),
        Problem("warning", "W_LARGE_JUMP", "pemda.csv", 5),
        Problem("error", "W_LARGE_JUMP", "pemda.csv", 7),  # another kind: the same code, another severity
        Problem("warning", "W_ZERO_BASE", "pemda.csv", 4),
    ]
    omitted = {("pemda.csv", "warning", "W_LARGE_JUMP"): 40, ("desa.csv", "warning", "W_LARGE_JUMP"): 8}
    groups = by_file(problems, 2, omitted)
    assert [(g.file, [(p.code, p.row) for p in g.shown], g.more) for g in groups] == [
        ("metodologi.yaml", [("W_EMPTY_CATEGORY", None)], ()),
        (
            "pemda.csv",
            [("W_LARGE_JUMP", 3), ("W_LARGE_JUMP", 9), ("W_LARGE_JUMP", 7), ("W_ZERO_BASE", 4)],
            (("W_LARGE_JUMP", 41),),  # the third of row 5, and the 40 only counted
        ),
    ]
    assert groups[1].more_lines("en") == [
        "... and 41 more problems of the same kind (large change from the previous year)."
    ]
    assert by_file(problems, 20, {})[1].more == ()
