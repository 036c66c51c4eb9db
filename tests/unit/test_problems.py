"""How problems.py writes text from the data: `escaped_text`, the visible and reversible form a file keeps (intake's
provenance), read back exactly for any text."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from paritrana_nb.problems import SHOWN_ESCAPED, escaped_text

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


#: What an escape is made of, and the characters escaped: drawn often together, where any text would rarely hold them.
_PIECES = ["a", "x", "u", "1", "b", "2", "0", "e", "f", "\\", "\x1b", "\n", "\x85", "\u202e", "\u200b", "\ufeff", "é"]


@given(st.text(alphabet=st.sampled_from(_PIECES)) | st.text())
@example("\\x1b")
@example("\\\\u202e")
@example("\\\x1b")
def test_an_escaped_text_reads_back_exactly(text: str) -> None:
    """Any text: written without a control or invisible character, read back as it was, and as it is when it holds
    neither a backslash nor such a character."""
    written = escaped_text(text)
    assert _read_back(written) == text
    assert SHOWN_ESCAPED.search(written) is None
    if "\\" not in text and SHOWN_ESCAPED.search(text) is None:
        assert written == text
