"""The vectorised CSV reading (pyarrow, Arrow text) gives exactly the cells, or the error, of the per-cell
reading by pandas' parser it replaces: checked on generated files against that reading as an oracle."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pyarrow as pa
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from paritrana_nb import readers
from paritrana_nb.messages import Ref

NUMBERS = {"n", "jumlah"}
# the characters CSV parsers disagree on: separators, quotes, line ends, spaces of every kind, controls, non-ASCII
_PIECES = ["a", "Z", "1", "0", "-", ".", ",", ";", "\t", '"', '""', "\n", "\r", "\r\n", " ", "\xa0", "\x1f", "\x85"]
_PIECES += ["\u2003", "\u3000", "\xe9", "\u0130", "\u0661", "n", "jumlah", "=", "?", "'", "'="]


def _oracle(path: Path, number_columns: set[str]) -> readers.RawTable:
    """The reading by pandas' parser, a stripped Python string per cell (the reader before pyarrow)."""
    header = readers._first_line(path.read_bytes())
    if len(header) > readers.MAX_HEADER_CHARS:
        raise readers.ReadFailure("E_HEADER_TOO_LONG")
    delimiter = readers._delimiter(header)
    return readers._finish(path, readers._csv_cells(path, delimiter, number_columns), delimiter)


def _outcome(read: object) -> object:
    try:
        raw = read()  # type: ignore[operator]
    except readers.ReadFailure as failure:
        return ("failure", failure.code, failure.fields)
    return raw


def _same_reading(data: bytes, number_columns: set[str] = NUMBERS) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tabel.csv"
        path.write_bytes(data)
        expected = _outcome(lambda: _oracle(path, number_columns))
        for arrow in (False, True):
            got = _outcome(lambda arrow=arrow: readers.read_table_file(path, number_columns, arrow=arrow))
            if isinstance(got, tuple) and got[1] == "E_ROW_SHORT":  # pandas fills such a row up with empty cells
                assert isinstance(expected, readers.RawTable), data
                assert expected.cells.loc[got[2]["row"]].iloc[-1] == "", data
                continue
            if isinstance(expected, tuple) or isinstance(got, tuple):
                assert got == expected, data
                continue
            assert isinstance(got, readers.RawTable) and isinstance(expected, readers.RawTable)
            assert (got.delimiter, got.duplicate_columns) == (expected.delimiter, expected.duplicate_columns)
            cells = got.cells.astype(object) if arrow else got.cells
            pdt.assert_frame_equal(cells, expected.cells.astype(object) if arrow else expected.cells)
            if arrow and got.arrow:
                assert list(got.arrow) == list(got.cells.columns)
                for name, column in got.arrow.items():
                    assert column.to_pylist() == expected.cells[name].tolist()


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@example(["a", ",", "n", "\n", "1", ",", '"', "2"])  # a quote left open at the end: pandas refuses the file
@example(["a", ",", "n", "\n", "\n", "1", ",", "2"])  # an empty line in a file of two columns
@example(["a", ",", "n", "\n", "1", ",", '"', "2", '"', "x", "\n"])  # text after a closing quote
@example(['"', "a", "\n", "b", '"', ",", "n", "\n", "1", ",", "2"])  # a header cell over two lines
def test_arrow_reading_equals_the_per_cell_reading(pieces: list[str]) -> None:
    _same_reading("".join(pieces).encode())


@pytest.mark.parametrize(
    "text",
    [
        "kode,nama,n\n61, Ketapang\u00a0,\u2003 12 \n62,\x1fSintang\x85,3\n",  # Unicode spaces and controls strip
        "\ufeffkode;n\n61;1.234\n\n62;x\n",  # BOM, Indonesian separator, an empty line
        'kode,nama\n61,"Kota, ""Lama"""\n62,"dua\nbaris"\n',  # quoted separators, quotes and line breaks
        "kode,n\r61,1\r62,2\r",  # CR alone ends a line (Excel for Mac)
        "kode,n,n\n61,1,2\n",  # a repeated column
        "kode,,n\n61,,1\n62,x,2\n",  # an unnamed column with a value
        "kode,n\n61,1,5\n",  # a row wider than the header: pandas' error
        "kode,n\n61\n",  # a row narrower than the header: refused, where pandas fills it up
        "kode,n,\n61,1\n\n,\n",  # narrower than unnamed columns at the end of the header, or empty: not refused
        "kode,nama\n61,É\n62,é \n",  # non-ASCII letters at the edge of a cell
    ],
)
def test_arrow_reading_of_unusual_files(text: str) -> None:
    _same_reading(text.encode())


def test_non_numbers_beyond_the_first_are_not_shown_in_arrow_too() -> None:
    rows = [f"{n},{'x' + str(n) if n % 3 == 0 else n}" for n in range(1000)]
    _same_reading(("id,jumlah\n" + "\n".join(rows) + "\n").encode())


def test_arrow_strip_is_pythons_for_every_code_point() -> None:
    """Every character at either edge of a cell, and between two spaces, strips as `str.strip` does."""
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    cells = [f"{c}x" for c in chars] + [f"x{c}" for c in chars] + [f" {c} " for c in chars]
    stripped = readers._stripped(pa.chunked_array([pa.array(cells)]))
    assert stripped.to_pylist() == [cell.strip() for cell in cells]


def test_python_cells_of_a_csv_are_python_text(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_text("kode,n\n61,1\n")
    assert readers.read_table_file(path).cells["kode"].dtype == pd.Series(["x"], dtype=str).dtype
    assert isinstance(readers.read_table_file(path, arrow=True).arrow["kode"], pa.Array)


@pytest.mark.parametrize("shift", [-3, -2, -1, 0, 1, 2])
@pytest.mark.parametrize("bad", [b"", b"\xff", b"\xe9x", b"\xe2\x82"])
def test_the_first_undecodable_byte_is_found_where_a_piece_of_the_file_ends(
    monkeypatch: pytest.MonkeyPatch, shift: int, bad: bytes
) -> None:
    """A file is decoded a piece at a time: a character cut by the end of a piece decodes whole, and the first byte
    that does not decode is found at the position a decoding of the whole file gives."""
    monkeypatch.setattr(readers, "_DECODED_AT_ONCE", 16)
    start = b"kode,nama\n" + b"x" * (32 + shift - 10)  # the character below straddles the second piece's end
    data = start + "é€😀".encode() + bad + "ünï\n".encode()
    try:
        data.decode("utf-8")
        expected = None
    except UnicodeDecodeError as exc:
        expected = exc.start
    assert readers._undecodable(data) == expected
    assert (expected is None) == (bad == b"")


def test_an_undecodable_byte_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_bytes(b"kode,nama\n" + "1,é\n".encode() * 5000 + b"2,\xe9\n" + b"3,x\n")
    with pytest.raises(readers.ReadFailure) as failure:
        readers.read_table_file(path)
    assert failure.value.code == "E_ENCODING"
    assert failure.value.fields["detail"] == Ref("encoding.line", line=5002)
