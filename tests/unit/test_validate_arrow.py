"""The vectorised cell checks (Arrow text, rules once per distinct value, RE2 kernels) report exactly what a plain
per-cell Python reading of the data contract reports: checked on generated cells against such an oracle."""

from __future__ import annotations

import csv
import re
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import example, given
from hypothesis import strategies as st

from paritrana_nb import numbers
from paritrana_nb import validate as checks
from paritrana_nb.outputs import csv_unsafe, starts_like_formula
from paritrana_nb.problems import CONTROL_CHARS, ValidationReport
from paritrana_nb.readers import read_table_file
from paritrana_nb.regions import REGENCY_PATTERN
from paritrana_nb.schema import SKALA, Column, Table

TABLE = Table(
    "uji",
    (
        Column("kode_wilayah", "regency"),
        Column("nama", "text"),
        Column("npp", "npp"),
        Column("skala", "enum", allowed=SKALA),
        Column("jumlah", "count", blank="zero"),
    ),
    key=("kode_wilayah",),
)
_CHARS = "a1.,-= \t\n\r\"'\x00\x01\x1f\x7f\x85\x9f\xa0\u2003\u2028\u2029\u3000\u0661\u212a\xe9"
_SPECIAL = [
    "61.04",
    "\u0666\u0661.\u0660\u0664",  # Arabic-Indic digits: Python's \d takes them, RE2's does not
    "61.04\n",
    "KECIL",
    " Besar ",
    "\u212aecil",  # KELVIN SIGN: lowers to "kecil" in Python
    "=1+2",
    "+62 811",
    "-5",
    "@nama",
    "x" * 501,
    "\xe9" * 500,
    "\u0661\u0662",
    "1.5",
    "1.500",  # 1.5 here, 1500 the other way: a count says both
    "12 345",
    "99999999999999999999",  # beyond what a float holds exactly
    "7.98916E+09",  # an NPP a spreadsheet cut short
    "1,5e3",
    "1e300",  # too large, as a number cell of it is
    "-1E+16",
    "\u0661e\u0662",  # Arabic-Indic digits around an e: Python's \d takes them, RE2's does not
    "PT\u202e",
]
CELL = st.one_of(st.text(alphabet=_CHARS, max_size=6), st.sampled_from(_SPECIAL))


def _oracle(rows: list[list[str]]) -> tuple[set[tuple[str, int, str]], dict[str, list[object]]]:
    """The problems (code, row, column) and typed values the contract gives, one Python cell at a time."""
    found: set[tuple[str, int, str]] = set()
    values: dict[str, list[object]] = {c.name: [] for c in TABLE.columns}
    for number, row in enumerate(rows, start=2):
        for column, raw in zip(TABLE.columns, row, strict=True):
            cell = csv_unsafe(raw.strip())  # the ' the workbook's own CSVs put before a formula is taken off
            flags = []
            if column.kind == "count":
                value = 0.0 if cell == "" else numbers.to_float(cell, "en")
                size = abs(value) if value is not None else numbers.scientific_size(cell)  # `1e300`: its size
                if size is not None and size > 2**53 - 1:
                    flags.append("E_NUMBER_TOO_LARGE")
                elif value is None:
                    flags.append("E_NOT_NUMBER")
                elif value % 1 != 0:  # one the other style reads whole (1.111: 1111) is said to read so
                    meant = numbers.to_float(cell, "id") if numbers.classify(cell) == "ambiguous" else None
                    flags.append("E_NOT_WHOLE" if meant is None or meant % 1 else "E_NOT_WHOLE_SEPARATOR")
                elif value < 0:
                    flags.append("E_NEGATIVE")
                values[column.name].append(np.nan if flags else value)
            elif cell == "":
                flags.append("E_BLANK")
                values[column.name].append(np.nan)
            else:
                if column.kind == "regency" and not re.match(REGENCY_PATTERN.pattern, cell):  # a province's: its level
                    flags.append("E_REGION_LEVEL" if re.fullmatch("[0-9]{2}", cell) else "E_BAD_CODE")
                if column.kind == "enum" and cell.lower() not in SKALA:
                    flags.append("E_UNKNOWN_VALUE")
                if column.kind == "npp" and re.search(r"\s", cell):
                    flags.append("E_BAD_NPP")
                if column.kind == "npp" and re.fullmatch(r"[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+", cell):
                    flags.append("E_NPP_SCIENTIFIC")
                if column.kind in ("text", "npp"):
                    flags += ["E_CONTROL_CHAR"] if CONTROL_CHARS.search(cell) else []
                    if column.kind == "npp" or column.name in checks.ID_COLUMNS:
                        flags += ["E_ID_TOO_LONG"] if len(cell) > checks.MAX_ID_CHARS else []
                    else:
                        flags += ["E_TEXT_TOO_LONG"] if len(cell) > checks.MAX_TEXT_CHARS else []
                    flags += ["W_FORMULA_TEXT"] if starts_like_formula(cell) else []
                values[column.name].append(cell.lower() if column.kind == "enum" else cell)
            found |= {(code, number, column.name) for code in flags}
    return found, values


def _checked(rows: list[list[str]], arrow: bool) -> tuple[set[tuple[str, int, str]], pd.DataFrame]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "uji.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)  # a lone CR stays in its cell
            writer.writerow([*TABLE.column_names, "urut"])
            writer.writerows([*row, f"r{n}"] for n, row in enumerate(rows))  # no row is blank: none is dropped
        raw = read_table_file(path, {"jumlah"}, arrow=arrow)
    report = ValidationReport(2025)
    found = checks.distinct_numbers(raw, TABLE)
    frame = checks.parse_cells(raw, TABLE, "en", found, 2024, report)
    return {(p.code, int(p.row or 0), str(p.column)) for p in report.problems}, frame


@given(st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=15))
@example([["\u0666\u0661.\u0660\u0664", "\x85a\x85", "1\u20032", "\u212aecil", "\u0661\u0662"]])
@example([["61.04\n", "x" * 501, "\xa0=1", " Besar ", "-5"]])
@example([["", "", "", "", "1"], ["", "", "", "", "1\x00"]])  # pandas < 3.1 hashed "1\x00" as "1"
@example([["61", "a", "1", "besar", "1"], ["\u0661\u0662", "a", "2", "besar", "1"]])  # a province's code; no other
@example([["61.04", "a", "1", "besar", "1e300"], ["61.04", "b", "2", "kecil", "-1E+16"]])  # too large: not "no number"
def test_cell_checks_equal_a_per_cell_oracle(rows: list[list[str]]) -> None:
    expected, values = _oracle(rows)
    for arrow in (True, False):
        problems, frame = _checked(rows, arrow)
        assert problems == expected
        for name, column in values.items():
            got = frame[name].tolist()
            # a missing cell is NaN or, in pandas 2's object columns, None: both are missing to every caller
            assert [v if isinstance(v, str) else np.nan if v is None else float(v) for v in got] == pytest_approx(
                column
            ), name
        assert frame["urut"].tolist() == [f"r{n}" for n in range(len(rows))]


def pytest_approx(values: list[object]) -> list[object]:
    """NaN equal to NaN, for list comparison."""
    return [_NanEqual() if isinstance(v, float) and np.isnan(v) else v for v in values]


class _NanEqual:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, float) and bool(np.isnan(other))


def test_python_space_is_every_whitespace_of_python() -> None:
    assert sorted(checks.PYTHON_SPACE) == [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


def test_control_characters_are_found_in_the_bytes_exactly_as_by_the_pattern() -> None:
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    cells = [*chars, *(f"ab{c}" for c in chars), "", "\xc2", "\u0100\x80"]
    found = checks._with_control_char(pa.array(cells))
    assert found.tolist() == [CONTROL_CHARS.search(cell) is not None for cell in cells]
    assert checks._with_control_char(pa.array(["a\x85b", "ab"]).slice(1)).tolist() == [False]  # an offset array
