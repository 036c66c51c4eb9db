"""Strict YAML reading for the methodology and musim.yaml: duplicate keys, deep nesting and over-long numbers
end with a message naming the file, the line and the key path, exit code 1, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from conftest import small_season_tables, write_season
from paritrana_nb.cli import main
from paritrana_nb.messages import Num, Ref, t
from paritrana_nb.methodology import MethodologyInvalid, load_methodology
from paritrana_nb.problems import shown_text
from paritrana_nb.season import load_season
from paritrana_nb.yamldata import (
    MAX_DEPTH,
    MAX_VALUES,
    Place,
    YamlProblem,
    dump_yaml,
    load_yaml,
    load_yaml_places,
    shown_value,
    too_large,
    yaml_error,
)
from scoring_fixtures import DEFAULT_METHODOLOGY, PROJECT

DEEP = "a: " + "[" * 5000 + "]" * 5000 + "\n"
LONG = "9" * 4400


def _problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text)
    return caught.value


def test_duplicate_key_names_both_lines_and_the_key_path() -> None:
    problem = _problem("a: 1\nb:\n  - c: 1\n    d: 2\n    c: 3\n")
    assert problem.code == "yaml.duplicate_key"
    assert problem.path == ("b", 0, "c")
    assert dict(problem.fields) == {"key": "c", "lines": Ref("yaml.two_lines", first=3, second=5)}


def test_keys_equal_as_values_are_duplicates() -> None:
    assert dict(_problem("a: 1\n'a': 2\n").fields)["lines"] == Ref("yaml.two_lines", first=1, second=2)


def test_a_merge_key_written_twice_is_refused_naming_both_lines() -> None:
    """Two `<<` in one mapping: PyYAML merged both, the last block's value winning a key both hold, except a key of
    one character (the first's); other readers refuse it or take the first."""
    problem = _problem("a: &a {weight: 1}\nb: &b {weight: 2}\nc:\n  - x: 1\n    <<: *a\n    <<: *b\n")
    assert problem.code == "yaml.duplicate_merge" and problem.path == ("c", 0)
    assert dict(problem.fields) == {"lines": Ref("yaml.two_lines", first=5, second=6)}
    assert "<<: [*first_block, *second_block]" in t(problem.code, "en", **dict(problem.fields))


def test_merged_blocks_give_a_key_as_the_merge_key_is_defined() -> None:
    """A key of the mapping itself wins, then the first block listed that holds it, whatever its length (PyYAML
    6.0.4 took the last block's `weight`, the first block's `w`)."""
    text = "a: &a {weight: 1, w: 1, only_a: 1}\nb: &b {weight: 2, w: 2, only_b: 2}\n"
    assert load_yaml(text + "c:\n  <<: [*a, *b]\n")["c"] == {"weight": 1, "w": 1, "only_a": 1, "only_b": 2}
    assert load_yaml(text + "c:\n  <<: [*b, *a]\n  w: 3\n")["c"] == {"weight": 2, "w": 3, "only_b": 2, "only_a": 1}
    nested = "a: &a {weight: 1}\nb: &b {<<: *a, z: 2}\nc: {<<: *b, y: 3}\n"
    assert load_yaml(nested)["c"] == {"weight": 1, "z": 2, "y": 3}
    with pytest.raises(yaml.YAMLError, match="expected a mapping or list of mappings for merging"):
        load_yaml("a: &a [1]\nc:\n  <<: [*a]\n")


@pytest.mark.parametrize("version", ["1.1", "1.0", "1.3"])
def test_a_yaml_directive_of_another_version_than_1_2_is_refused_naming_its_line(version: str) -> None:
    """`%YAML 1.1` says `030` is the octal 24 and `yes` true: the workbook reads every file as YAML 1.2."""
    problem = _problem(f"# comment\n%YAML {version}\n---\na: 030\n")
    assert problem.code == "yaml.version" and dict(problem.fields) == {"version": version, "line": 2}
    assert load_yaml("%YAML 1.2\n---\na: 1e9\nb: yes\n") == {"a": 1e9, "b": "yes"}


@pytest.mark.parametrize(
    "directive, name",
    [("%TAG !e! tag:yaml.org,2002:", "TAG"), ("%FOO bar", "FOO"), ("%yaml 1.1", "yaml")],
    ids=["tag", "unknown", "lower_case_yaml"],
)
def test_a_directive_other_than_yaml_is_refused_naming_its_line(directive: str, name: str) -> None:
    """`%TAG` renames tags (`!e!str 30` was read as `!!str 30`) and PyYAML ignored an unknown directive without a word,
    `%yaml 1.1` meant as the version among them: both were read."""
    problem = _problem(
        f"# comment\n{directive}\n---\na: !e!str 30\n" if name == "TAG" else f"# c\n{directive}\n---\na: 1\n"
    )
    assert problem.code == "yaml.directive" and dict(problem.fields) == {"name": name, "line": 2}
    message = t(problem.code, "en", **dict(problem.fields))
    assert f"Line 2 holds the directive '%{name}', which the workbook does not follow" in message
    assert f"Baris 2 berisi direktif '%{name}'" in t(problem.code, "id", **dict(problem.fields))


def test_nesting_is_bounded_without_recursion_error() -> None:
    problem = _problem(DEEP)
    assert problem.code == "yaml.too_deep" and dict(problem.fields) == {"line": 1, "limit": MAX_DEPTH}
    nested = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert load_yaml(f"a: {nested}\n") is not None  # the mapping plus MAX_DEPTH - 1 lists is allowed


def test_over_long_whole_numbers_are_refused_with_line_and_path() -> None:
    problem = _problem(f"x:\n  - 1\n  - {LONG}\n")
    assert problem.code == "yaml.number_too_long" and problem.path == ("x", 1)
    assert dict(problem.fields)["line"] == 3 and dict(problem.fields)["digits"] == 4400


def test_scientific_notation_reads_as_a_number_as_in_yaml_1_2() -> None:
    data = load_yaml("a: 1e9\nb: -2.5E-3\nc: 1.0e+308\nd: '1e9'\ne: 1e\nf: 61.10\n")
    assert data == {"a": 1e9, "b": -2.5e-3, "c": 1e308, "d": "1e9", "e": "1e", "f": 61.1}


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("1e-400", "yaml.number_underflow"),
        ("-1e-400", "yaml.number_underflow"),
        ("!!float 2.5E-999", "yaml.number_underflow"),
        ("0." + "0" * 400 + "1", "yaml.number_underflow"),
        ("1e400", "yaml.number_overflow"),
        ("-1.5e309", "yaml.number_overflow"),
    ],
)
def test_a_number_no_float_holds_is_refused_as_written(written: str, code: str) -> None:
    """`1e-400` was read as 0 and `1e400` as .inf: a message then quoted '0' or '.inf', which the file does not say."""
    problem = _problem(f"x:\n  - 1\n  - {written}\n")
    shown = written.removeprefix("!!float ")
    assert problem.code == code and problem.path == ("x", 1)
    assert dict(problem.fields) == {"value": shown_text(shown), "line": 3}
    assert load_yaml("a: 0.0\nb: 0e-400\nc: -0.0\nd: 4.9e-324\ne: 1.7e308\nf: .inf\n") == {
        "a": 0.0,
        "b": 0.0,
        "c": -0.0,
        "d": 4.9e-324,
        "e": 1.7e308,
        "f": float("inf"),
    }


@pytest.mark.parametrize(
    ("new", "english", "indonesian"),
    [
        (
            "weight: 1e-400",
            "The number '1e-400' on line {line} is too close to 0 to be held as a number: it would be read as 0",
            "Bilangan '1e-400' di baris {line} terlalu dekat dengan 0",
        ),
        (
            "weight: 1e400",
            "The number '1e400' on line {line} is too large to be held as a number",
            "Bilangan '1e400' di baris {line} terlalu besar",
        ),
    ],
)
def test_a_methodology_weight_no_float_holds_is_quoted_as_written(
    tmp_path: Path, new: str, english: str, indonesian: str
) -> None:
    """A weight of 1e-400 was said to be "Value '0' must be a number greater than 0": the user never wrote 0."""
    path = tmp_path / "metodologi.yaml"
    path.write_text(DEFAULT_METHODOLOGY.read_text(encoding="utf-8").replace("weight: 30", new, 1), encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    en, id_ = caught.value.render("en"), caught.value.render("id")
    assert "key 'kategori.pemda.indicators[0].weight'" in en and english.format(line=WEIGHT_LINE) in en, en
    assert indonesian.format(line=WEIGHT_LINE) in id_ and "'0'" not in en + id_ and "'.inf'" not in en + id_


def test_a_methodology_whose_aliases_multiply_is_refused_before_its_copies_are_checked(tmp_path: Path) -> None:
    """Aliases of aliases (a billion laughs) load as shared data, but the models check every copy: an 82 KB
    methodology made 4 million indicators to check (67 s, 5 GB)."""
    laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
    )
    path = tmp_path / "metodologi.yaml"
    path.write_text(DEFAULT_METHODOLOGY.read_text(encoding="utf-8") + laughs, encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    [issue] = caught.value.issues
    fields = dict(issue.fields)
    assert issue.code == "yaml.too_large" and fields["limit"] == Num(MAX_VALUES) and fields["values"].value > 9**9
    assert "aliases (*name) are written out" in caught.value.render("en") and "*nama" in caught.value.render("id")
    looped: list[object] = [1]
    looped.append(looped)
    holds_itself: dict[str, object] = {}
    holds_itself["x"] = holds_itself
    assert too_large({"a": looped, "b": holds_itself}) is None  # a cycle (given as data) is counted once, not forever
    assert too_large(load_yaml(DEFAULT_METHODOLOGY.read_text(encoding="utf-8"))) is None


def _merge_chain(length: int) -> str:
    """`length` mappings, each merging the one before (`<<: *a<i-1>`) and adding a key of its own: written out, the
    i-th holds i keys, the whole the square of `length`."""
    return "a0: &a0 {k0: 1}\n" + "".join(f"a{i}: &a{i}\n  <<: *a{i - 1}\n  k{i}: 1\n" for i in range(1, length))


def test_a_chain_of_merge_keys_is_refused_before_its_blocks_are_written_out() -> None:
    """A chain of 3,000 merge keys took 20 s to load (each block written out into the next: a square of its
    length), and only then was refused as too large. Its values are counted as the file is read, each block once:
    refused at once, with their count (key and value of each pair a block holds, and each mapping)."""
    started = time.perf_counter()
    problem = _problem(_merge_chain(3000))
    elapsed = time.perf_counter() - started
    values = 1 + sum(1 + 1 + 2 * (i + 1) for i in range(3000))  # the document; each key, its mapping, i + 1 pairs
    assert problem.code == "yaml.too_large" and dict(problem.fields)["values"] == Num(values), problem
    assert elapsed < 5, elapsed  # 20 s before; reading the 45 KB file itself takes about 0.5 s
    assert load_yaml(_merge_chain(5))["a4"] == {"k0": 1, "k1": 1, "k2": 1, "k3": 1, "k4": 1}  # a short one is read


def test_aliases_of_aliases_are_refused_as_the_file_is_read() -> None:
    """A billion laughs of lists and of mappings (9 aliases of the line before, 40 lines) is refused from the counts
    of its nodes, never built: fast, and in bounded memory."""
    lists = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 40))
    maps = "a0: &a0 {k: x}\n" + "".join(
        f"a{i}: &a{i} {{{', '.join(f'k{j}: *a{i - 1}' for j in range(9))}}}\n" for i in range(1, 40)
    )
    for text in (lists, maps):
        started = time.perf_counter()
        problem = _problem(text)
        assert problem.code == "yaml.too_large" and dict(problem.fields)["values"].value > 9**38
        assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    ("text", "line", "col", "anchor_line"),
    [
        ("a: &x [*x]\n", 1, 8, 1),
        ("a: 1\nb: &x {c: *x}\n", 2, 11, 2),
        ("a: &x {<<: *x}\n", 1, 12, 1),
        ("a: &x\n  b:\n    - 1\n    - *x\n", 4, 7, 1),
        ("a: &x\n  <<: [{c: 1}, *x]\n", 2, 16, 1),
        ("a: [&x {b: *x}]\n", 1, 12, 1),
    ],
    ids=["list", "mapping", "merge_key", "nested_block", "merge_list", "in_a_list"],
)
def test_an_alias_inside_the_value_its_anchor_marks_is_refused_as_the_file_writes_it(
    text: str, line: int, col: int, anchor_line: int
) -> None:
    """A value that holds itself loaded as a cycle, quoted as PyYAML's dumper names anchors (`&id001 [*id001]`, names
    the file does not hold); through a merge key, merging it ran out of recursion (a traceback)."""
    problem = _problem(text)
    assert problem.code == "yaml.alias_cycle" and problem.path == ()
    assert dict(problem.fields) == {"name": "x", "line": line, "col": col, "anchor_line": anchor_line}
    english, indonesian = (t(problem.code, lang, **dict(problem.fields)) for lang in ("en", "id"))
    assert f"The alias '*x' on line {line}, column {col} stands inside the value its anchor '&x' (line " in english
    assert f"Alias '*x' di baris {line}, kolom {col} berada di dalam nilai yang ditandai jangkarnya '&x'" in indonesian
    assert load_yaml("a: &x [1]\nb: [*x, {c: *x}]\n") == {"a": [1], "b": [[1], {"c": [1]}]}  # used after it: shared


def test_a_methodology_or_musim_yaml_holding_itself_is_told_as_the_file_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "metodologi.yaml"
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8")
    path.write_text(text.replace("  desimal: 4 ", "  desimal: &empat [*empat] ", 1), encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    line = _line_of("desimal: 4 ")
    for lang, said in (("en", f"The alias '*empat' on line {line}, column 20"), ("id", f"di baris {line}, kolom 20")):
        message = caught.value.render(lang)
        assert said in message and "&empat" in message and "id001" not in message, message
    folder = write_season(tmp_path, small_season_tables())
    (folder / "musim.yaml").write_text("musim: 2025\nketerangan: &k {catatan: *k}\n", encoding="utf-8")
    [problem] = [p for p in load_season(2025, tmp_path).report.errors if p.file == "musim.yaml"]
    message = problem.message("en")
    assert "The alias '*k' on line 2, column 26 stands inside the value its anchor '&k' (line 2)" in message, message


PLACED = """\
musim: 2025
base: &b
  x: 1
  y: [1, 2]
flow: {a: 1, b: x}
use: *b
merged:
  <<: *b
  z: 3
items:
  - *b
  - {q: 1}
many:
  <<: [{n: 1}, *b]
"""


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        (("musim",), (1, 1), (1, 8)),
        (("base", "x"), (3, 3), (3, 6)),
        (("base", "y", 1), (4, 10), (4, 10)),  # a list item's key: the item
        (("flow", "b"), (5, 14), (5, 17)),
        (("use", "x"), (6, 6), (6, 6)),  # through an alias: where the alias is used
        (("use", "y", 0), (6, 6), (6, 6)),
        (("merged", "x"), (8, 7), (8, 7)),  # merged from an alias: the alias of `<<: *b`
        (("merged", "z"), (9, 3), (9, 6)),
        (("items", 0, "y", 1), (11, 5), (11, 5)),
        (("items", 1, "q"), (12, 6), (12, 9)),
        (("many", "n"), (14, 9), (14, 12)),  # merged from a block written there: its own place
        (("many", "x"), (14, 16), (14, 16)),
    ],
)
def test_each_key_and_value_is_placed_at_its_line_and_column(
    path: tuple[str | int, ...], key: tuple[int, int], value: tuple[int, int]
) -> None:
    data, places = load_yaml_places(PLACED)
    assert data == load_yaml(PLACED)
    assert (places.key(path), places.value(path), places.nearest(path)) == (Place(*key), Place(*value), Place(*value))


def test_a_path_the_file_does_not_hold_is_placed_at_the_mapping_that_lacks_it() -> None:
    places = load_yaml_places(PLACED)[1]
    assert places.value(("flow", "c")) is None and places.key(("flow", "c")) is None
    assert places.nearest(("flow", "c", 0)) == Place(5, 7)  # the mapping in braces
    assert places.nearest(("merged", "w")) == Place(8, 3)  # a block mapping: its first line
    assert places.nearest(("nope",)) == Place(1, 1) and places.value(("musim", 0)) is None
    assert places.value(("items", 2)) is None and places.value(("items", "q")) is None
    data, nothing = load_yaml_places("# nothing\n")
    assert data is None and nothing.nearest(("a",)) is None and nothing.key(()) is None


@pytest.mark.parametrize("odd", ["\x85", "\u2028", "\u2029"])
def test_lines_are_counted_as_an_editor_counts_them_past_a_nel_or_line_separator(odd: str) -> None:
    """PyYAML (YAML 1.1) ends a line at NEL, U+2028 and U+2029 too, which an editor (and YAML 1.2) does not: one in a
    comment, pasted from a web page, put every key, value and problem after it on a line below where the file shows
    it, and one between the items of a mapping in braces put the next at column 1."""
    text = f"# a comment{odd}# pasted\nbase: &b {{x: 1}}\nflow: {{a: 1,{odd}b: x}}\nuse: *b\n"
    places = load_yaml_places(text)[1]
    assert places.value(("flow", "b")) == Place(3, 17) and places.key(("flow", "b")) == Place(3, 14)
    assert places.value(("use", "x")) == Place(4, 6) and places.key(("base",)) == Place(2, 1)
    assert dict(_problem(f"a: 1\n# c{odd}# d\na: 2\n").fields)["lines"] == Ref("yaml.two_lines", first=1, second=3)
    tagged = dict(_problem(f"# c{odd}#\nx: {{a: 1,{odd}b: !foo 1}}\n").fields)
    assert (tagged["line"], tagged["col"]) == (2, 14)
    with pytest.raises(yaml.YAMLError) as caught:
        load_yaml(f"# c{odd}#\na: b: c\n")
    assert yaml_error(caught.value)[:2] == (2, 5)


def test_a_key_merged_down_a_long_chain_or_from_blocks_merged_by_many_is_placed_at_once() -> None:
    """Each block is searched once, without recursion: blocks each merging the two before were searched 2**n times for
    a key none holds. (A chain of 1,200 merge keys, which ran out of recursion, and 60 blocks each merging the two
    before are refused as the file is read: written out, they hold millions of values.)"""
    chain = "a0: &a0 {x: 1}\n" + "".join(f"a{i}: &a{i} {{<<: *a{i - 1}, y{i}: 1}}\n" for i in range(1, 300))
    places = load_yaml_places(chain)[1]
    assert places.value(("a299", "x")) == Place(300, 18) and places.value(("a299", "z")) is None
    twice = "a0: &a0 {x: 1}\na1: &a1 {y: 1}\n" + "".join(
        f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 2}], z{i}: 1}}\n" for i in range(2, 18)
    )
    places = load_yaml_places(twice)[1]
    assert places.value(("a17", "nothing")) is None and places.value(("a17", "x")) == Place(18, 17)
    assert _problem(_merge_chain(1200)).code == "yaml.too_large"
    fib = "a0: &a0 {x: 1}\na1: &a1 {y: 1}\n" + "".join(
        f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 2}], z{i}: 1}}\n" for i in range(2, 60)
    )
    assert _problem(fib).code == "yaml.too_large"


def test_plain_yaml_anchors_and_merges_still_load() -> None:
    assert load_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n") == {"base": {"x": 1}, "other": {"x": 1, "y": 2}}
    assert load_yaml("") is None
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(4)
    )
    assert len(load_yaml(bomb)["e"]) == 9  # 66,000 values written out: shared nodes are checked once, not 9**5 times


def _line_of(text: str) -> int:
    """The line (1-based) of the default methodology where `text` first appears."""
    lines = DEFAULT_METHODOLOGY.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


WEIGHT_LINE, MUSIM_LINE = _line_of("weight: 30"), _line_of("musim: 2025")


@pytest.mark.parametrize(
    "old, new, key, needle",
    [
        (
            "weight: 30",
            "weight: 30\n        weight: 0.0001",
            "kategori.pemda.indicators[0].weight",
            f"Key 'weight' is written twice in the same mapping (lines {WEIGHT_LINE} and {WEIGHT_LINE + 1})",
        ),
        (
            "musim: 2025",
            "musim: " + "[" * 3000 + "]" * 3000,
            None,
            f"Nested more than 50 levels deep (line {MUSIM_LINE})",
        ),
        (
            "weight: 30",
            "weight: " + LONG,
            "kategori.pemda.indicators[0].weight",
            f"The number on line {WEIGHT_LINE} has 4400 digits",
        ),
        ("musim: 2025", "musim: " + LONG, "musim", f"The number on line {MUSIM_LINE} has 4400 digits"),
        (
            "weight: 30",
            "weight: 30\n        <<: {label: {id: a, en: a}}\n        <<: {label: {id: b, en: b}}",
            "kategori.pemda.indicators[0]",
            f"The merge key '<<' is written twice in the same mapping (lines {WEIGHT_LINE + 1} and {WEIGHT_LINE + 2})",
        ),
        ("# Metodologi", "%YAML 1.1\n---\n# Metodologi", None, "Line 1 says '%YAML 1.1', but the workbook reads"),
        (  # a NUL or another control character: PyYAML's English words, and no line
            "musim: 2025",
            "musim: 2025\0",
            None,
            f"Line {MUSIM_LINE} holds the character U+0000",
        ),
    ],
)
def test_methodology_yaml_problems_name_file_line_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, key: str | None, needle: str
) -> None:
    path = tmp_path / "metodologi.yaml"
    path.write_text(DEFAULT_METHODOLOGY.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    [message] = caught.value.messages("en")
    assert message.startswith(str(path)) and needle in message
    assert key is None or f"key '{key}'" in message
    assert caught.value.messages("id")[0] != message
    data = tmp_path / "data"
    write_season(data, small_season_tables())
    code = main(["score", "--data-dir", str(data), "--methodology", str(path), "--out", str(tmp_path / "s.csv")])
    out = capsys.readouterr()
    assert code == 1 and "Traceback" not in out.out + out.err and str(path) in out.err
    assert not (tmp_path / "s.csv").exists()


@pytest.mark.parametrize(
    "text, needle",
    [
        (
            "musim: 2025\nilustratif: true\nilustratif: false\n",
            "Key 'ilustratif' is written twice in the same mapping (lines 2 and 3)",
        ),
        (DEEP, "Nested more than 50 levels deep (line 1)"),
        (f"musim: 2025\nseed: {LONG}\n", "The number on line 2 has 4400 digits"),
        ("musim: 2025\nketerangan: a\x07b\n", "Line 2 holds the character U+0007"),
        ("%YAML 1.1\n---\nmusim: 2025\n", "Line 1 says '%YAML 1.1'"),
        ("%TAG ! tag:yaml.org,2002:\n---\nmusim: !int 2025\n", "Line 1 holds the directive '%TAG'"),
        (
            "a: &a {x: 1}\nb: {<<: *a, <<: *a}\n",
            "The merge key '<<' is written twice in the same mapping (both on line 2)",  # not "lines 2 and 2"
        ),
        ("musim: 2025\nx: {a: 1, a: 2}\n", "Key 'a' is written twice in the same mapping (both on line 2)"),
    ],
)
def test_musim_yaml_problems_are_validation_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, needle: str
) -> None:
    folder = write_season(tmp_path, small_season_tables())
    (folder / "musim.yaml").write_text(text, encoding="utf-8")
    result = load_season(2025, tmp_path)
    assert result.season is None
    [problem] = [p for p in result.report.errors if p.file == "musim.yaml"]
    assert needle in problem.message("en")
    assert main(["validate", "--data-dir", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err and f"musim.yaml: {needle}" in out.out


def test_bundled_files_load() -> None:
    assert load_methodology(PROJECT / "params" / "2025" / "metodologi.yaml").musim == 2025
    result = load_season(2025, PROJECT / "data")
    assert result.season is not None and result.season.illustrative


@pytest.mark.parametrize(
    ("text", "place", "key"),
    [
        ("a:\n  b: 1\n c: 2\n", (3, 2), "yaml.indentation"),
        ("a: b: c\n", (1, 5), "yaml.colon"),
        ("a: 1\n\tb: 2\n", (2, 1), "yaml.character"),
        ("a: 1\nb\nc: 2\n", (2, 1), "yaml.no_colon"),
        ("a:\n  b: 1\n  c 2\n  # d\nd: 3\n", (3, 3), "yaml.no_colon"),
        ("a: 'abc\n", (2, 1), "yaml.unfinished"),
        ("a: [1, 2\nb: 3\n", (2, 2), "yaml.bracket"),
        ("a: {x: 1\n", (2, 1), "yaml.bracket"),
        ('a: "x\\qy"\n', (1, 7), "yaml.escape"),
        ("a: *x\n", (1, 4), "yaml.alias"),
        ("a: 1\n---\nb: 2\n", (2, 1), "yaml.documents"),
        ("a: [,]\n", (1, 5), "yaml.reserved"),
    ],
)
def test_the_yaml_mistakes_met_most_are_said_in_the_catalogue(text: str, place: tuple[int, int], key: str) -> None:
    """PyYAML's English problem becomes a catalogue entry (both languages), at PyYAML's line and column; a line without
    the colon of `key: value` at that line, not at the next one where PyYAML gave up."""
    with pytest.raises(yaml.YAMLError) as caught:
        load_yaml(text)
    line, column, what = yaml_error(caught.value)
    assert (line, column) == place and isinstance(what, Ref) and what.key == key
    english, indonesian = (t(what.key, lang, **dict(what.fields)) for lang in ("en", "id"))
    assert english != indonesian and "expected" not in indonesian and "found" not in indonesian


@pytest.mark.parametrize(
    ("text", "place", "english", "indonesian"),
    [
        ("a:\tb\n", (1, 3), "a tab after ':': YAML takes no tab there, write a space instead", "tab sesudah ':'"),
        ("a: {b:\t0.3}\n", (1, 7), "a tab after ':'", "tab sesudah ':'"),
        ("a:\n  -\t1\n", (2, 4), "a tab after '-'", "tab sesudah '-'"),
        ("a: [1,\t2]\n", (1, 7), "a tab after ','", "tab sesudah ','"),
        (
            "a: 0.3\t\n",
            (1, 7),
            "a tab at the end of the line: YAML takes no tab there, remove it",
            "tab di akhir baris",
        ),
        ("a: 'x'\t\r\n", (1, 7), "a tab at the end of the line", "tab di akhir baris"),
        ("a: 1\t# c\n", (1, 5), "a tab before the '#' of a comment: write a space instead", "tab sebelum '#'"),
        ("a: x\ty\n", (1, 5), "a tab inside a value: write a space instead, or put the text in quotes", "tab di dalam"),
        ("a: 1\n\tb: 2\n", (2, 1), "indent with spaces", "menjoroklah dengan spasi"),
    ],
)
def test_a_tab_is_said_where_it_stands(text: str, place: tuple[int, int], english: str, indonesian: str) -> None:
    """A tab after a colon or at a line's end was said to be indentation ("a tab? indent with spaces")."""
    with pytest.raises(yaml.YAMLError) as caught:
        load_yaml(text)
    line, column, what = yaml_error(caught.value)
    assert (line, column) == place and isinstance(what, Ref)
    assert english in t(what.key, "en", **dict(what.fields)) and indonesian in t(what.key, "id", **dict(what.fields))


def test_a_rare_yaml_problem_keeps_pyyaml_words_said_to_be_its_technical_detail() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        load_yaml("a: &\n")
    line, column, what = yaml_error(caught.value)
    assert (line, column) == (1, 5) and what.key == "yaml.parser_detail"
    pyyaml = "expected alphabetic or numeric character, but found '\\n'"
    assert t(what.key, "id", **dict(what.fields)) == f"pesan teknis pembaca YAML, dalam bahasa Inggris: {pyyaml}"


@pytest.mark.parametrize(
    ("text", "tag", "place"),
    [
        ("a: !foo 2025\n", "!foo", (1, 4)),
        ("a: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system", (1, 4)),
        ("a: !!python/name:os.system x\n", "!!python/name:os.system", (1, 4)),
        ("a:\n  - !!binary aGVsbG8=\n", "!!binary", (2, 5)),
        ("a: !!timestamp 2001-12-14\n", "!!timestamp", (1, 4)),
        ("a: !!set {x}\n", "!!set", (1, 4)),
        ("a: !!omap [x: 1]\n", "!!omap", (1, 4)),
        ("!foo a: 1\n", "!foo", (1, 1)),
        ("a: !<%0a%1b> x\n", "\\x0a\\x1b", (1, 4)),
    ],
)
def test_a_tag_outside_the_core_schema_is_refused_naming_it(text: str, tag: str, place: tuple[int, int]) -> None:
    problem = _problem(text)
    assert problem.code == "yaml.tag_not_allowed" and dict(problem.fields) == {
        "tag": tag,
        "line": place[0],
        "col": place[1],
    }


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!int abc\n", "!!int"),
        ("a: !!int 1_000\n", "!!int"),
        ("a: !!bool yes\n", "!!bool"),
        ("a: !!float 1:30\n", "!!float"),
        ("a: !!null x\n", "!!null"),
    ],
)
def test_a_value_its_core_tag_cannot_read_is_refused(text: str, tag: str) -> None:
    problem = _problem(text)
    assert problem.code == "yaml.tag_value" and dict(problem.fields)["tag"] == tag and problem.path == ("a",)


def test_core_tags_read_values_as_the_core_schema_does() -> None:
    text = "a: !!str 30\nb: !!float 30\nc: !!int '0x1E'\nd: !!bool TRUE\ne: !!null ''\nf: !!seq [1]\ng: !!map {x: 1}\n"
    assert load_yaml(text) == {"a": "30", "b": 30.0, "c": 30, "d": True, "e": None, "f": [1], "g": {"x": 1}}


def test_a_key_that_is_a_list_or_a_mapping_is_refused_with_its_place() -> None:
    for text in ("a: 1\n? [a, b]\n: 1\n", "a: 1\n? {x: 1}\n: 1\n"):
        problem = _problem(text)
        assert problem.code == "yaml.key_not_scalar" and dict(problem.fields) == {"line": 2, "col": 3}


@pytest.mark.parametrize(
    ("added", "needle"),
    [
        (
            "? [a, b]\n: 1\n",
            "baris {end}, kolom 3 berupa daftar atau pasangan 'kunci: nilai', padahal kunci harus teks",
        ),
        ("lain: !foo x\n", "Tag '!foo' di baris {end}, kolom 7 tidak diizinkan"),
        ("lain: !!python/object/apply:os.system [ls]\n", "Tag '!!python/object/apply:os.system' di baris {end}"),
    ],
)
def test_yaml_problems_of_the_methodology_are_said_in_indonesian(tmp_path: Path, added: str, needle: str) -> None:
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8")
    path = tmp_path / "metodologi.yaml"
    path.write_text(text + added, encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    message = caught.value.render("id")
    assert needle.format(end=text.count("\n") + 1) in message, message
    assert "constructor" not in message and "unhashable" not in message


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("musim: !foo 2025\n", "Tag '!foo' di baris 1, kolom 8 tidak diizinkan"),
        ("musim: 2025\n? [a, b]\n: 1\n", "Kunci di baris 2, kolom 3 berupa daftar"),
        ("musim: 2025\nseed: !!int x\n", "Nilai 'x' di baris 2, kolom 7 tidak dapat dibaca sesuai tag '!!int'-nya"),
        ('musim: 2025\nketerangan: "\\ud800"\n', "Teks di baris 2, kolom 13 memuat kode escape U+D800"),
        ("%YAML 1.1\n---\nmusim: 2025\n", "Baris 1 menyatakan '%YAML 1.1', padahal buku kerja membaca"),
        ("a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n", "Kunci gabungan '<<' ditulis dua kali di bagian yang sama (baris 3"),
    ],
)
def test_yaml_problems_of_musim_yaml_are_said_in_indonesian(tmp_path: Path, text: str, needle: str) -> None:
    folder = write_season(tmp_path, small_season_tables())
    (folder / "musim.yaml").write_text(text, encoding="utf-8")
    [problem] = [p for p in load_season(2025, tmp_path).report.errors if p.file == "musim.yaml"]
    assert needle in problem.message("id")


def test_a_methodology_that_is_not_yaml_is_said_in_indonesian(tmp_path: Path) -> None:
    path = tmp_path / "metodologi.yaml"
    path.write_text("musim: 2025\nkategori:\n\t- id: pemda\n", encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    message = caught.value.render("id")
    assert "baris 3, kolom 1: karakter '\\t' tidak boleh mengawali nilai" in message and "token" not in message


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1:30", "1:30"),  # YAML 1.1: the sexagesimal 90
        ("3_0", "3_0"),  # YAML 1.1: 30
        ("0b11", "0b11"),  # YAML 1.1: 3
        ("-0x1E", "-0x1E"),
        ("0o30", 24),
        ("0x1E", 30),
        ("+30", 30),
        ("30.", 30.0),
        (".5", 0.5),
        ("-.Inf", float("-inf")),
        ("2001-12-14", "2001-12-14"),  # YAML 1.1: a date
        ("=", "="),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        ("tRUE", "tRUE"),
        *((word, word) for word in ("yes", "no", "on", "off", "y", "n", "Yes", "NO", "On")),  # YAML 1.1: booleans
        ("~", None),
        ("Null", None),
        ("", None),
        ("nULL", "nULL"),
    ],
)
def test_values_are_read_by_the_yaml_1_2_core_schema(written: str, value: object) -> None:
    loaded = load_yaml(f"a: {written}\n")
    assert loaded == {"a": value} and type(loaded["a"]) is type(value)  # type: ignore[index]


@pytest.mark.parametrize(("written", "decimal"), [("030", "30"), ("-030", "-30"), ("+007", "7"), ("00", "0")])
def test_a_whole_number_with_a_leading_zero_is_refused(written: str, decimal: str) -> None:
    """YAML 1.1 readers take 030 for the octal 24, YAML 1.2 readers for 30: neither is guessed."""
    problem = _problem(f"a: 1\nb: [1, {written}]\n")
    assert problem.code == "yaml.leading_zero" and problem.path == ("b", 1)
    assert dict(problem.fields) == {"value": written, "line": 2, "decimal": decimal}
    assert load_yaml("a: 0\nb: 030.5\nc: '030'\n") == {"a": 0, "b": 30.5, "c": "030"}


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("weight: 30", "weight: 1:30", "key 'kategori.pemda.indicators[0].weight', indicator 'ucj': Value '1:30' must"),
        ("weight: 30", "weight: 3_0", "Value '3_0' must be a number"),
        ("goalposts: [0, 100]", "goalposts: [0, 1:40]", "key 'kategori.pemda.indicators[0].goalposts[1]'"),
        ("weight: 30", "weight: 030", f"The whole number '030' on line {WEIGHT_LINE} starts with a zero"),
    ],
)
def test_yaml_1_1_numbers_in_the_methodology_are_refused(tmp_path: Path, old: str, new: str, needle: str) -> None:
    path = tmp_path / "metodologi.yaml"
    path.write_text(DEFAULT_METHODOLOGY.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    assert needle in caught.value.render("en")


@pytest.mark.parametrize("word", ["no", "yes", "off", "on", "n", "Y"])
def test_musim_yaml_takes_only_true_or_false_as_a_boolean(tmp_path: Path, word: str) -> None:
    folder = write_season(tmp_path, small_season_tables())
    (folder / "musim.yaml").write_text(f"musim: 2025\nilustratif: {word}\n", encoding="utf-8")
    result = load_season(2025, tmp_path)
    [problem] = [p for p in result.report.errors if p.file == "musim.yaml"]
    assert problem.code == "E_META_TYPE" and problem.column == "ilustratif" and problem.value == word
    (folder / "musim.yaml").write_text("musim: 2025\nilustratif: FALSE\n", encoding="utf-8")
    season = load_season(2025, tmp_path).season
    assert season is not None and not season.illustrative


def test_text_that_a_yaml_reader_would_type_is_dumped_in_quotes() -> None:
    data = {"a": ["0o30", "1e9", "yes", "1:30", "true", "030", ".5", "plain"], "b": [1e-05, 30, True, None]}
    text = dump_yaml(data)
    assert load_yaml(text) == data and yaml.safe_load(text) == data and "plain" in text and "'plain'" not in text


def test_a_lone_surrogate_escape_is_refused_with_its_place() -> None:
    problem = _problem('a: 1\nb: {id: "x\\ud800", en: x}\n')
    assert problem.code == "yaml.surrogate" and problem.path == ("b", "id")
    assert dict(problem.fields) == {"line": 2, "col": 9, "character": "U+D800"}
    assert load_yaml('a: "\\U0001F600 \\u00e9"\n') == {"a": "\U0001f600 \u00e9"}


def test_a_lone_surrogate_in_the_methodology_is_said_in_the_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "metodologi.yaml"
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8")
    old = "label: {id: Cakupan universal jamsostek (%), en: Universal coverage (%)}"
    path.write_text(text.replace(old, 'label: {id: "\\ud800", en: Universal coverage (%)}', 1), encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    message = caught.value.render("id")
    line = _line_of(old)
    where = "kunci 'kategori.pemda.indicators[0].label.id'"
    assert f"{where}: Teks di baris {line}, kolom 21 memuat kode escape U+D800" in message, message
    assert "Input should" not in message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, Ref("yaml.empty_value")),
        (True, "true"),
        (False, "false"),
        (float("inf"), ".inf"),
        (float("-inf"), "-.inf"),
        (float("nan"), ".nan"),
        (2.5, 2.5),
        ([0, "1:40", None, True], "[0, '1:40', null, true]"),
        ({"id": "x"}, "{id: x}"),
        ("a\x07b" + "c" * 300, "a\\x07b" + "c" * 197 + "…"),
    ],
)
def test_values_are_shown_in_yaml_words(value: object, shown: object) -> None:
    assert shown_value(value) == shown


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("weight: 30", "weight: true", "indicator 'ucj': Value 'true' must be a number"),
        ("weight: 30", "weight: ~", "indicator 'ucj': Value '(empty)' must be a number"),
        ("weight: 30", "weight:", "indicator 'ucj': Value '(empty)' must be a number"),
        ("weight: 30", "weight: .inf", "Value '.inf' must be an ordinary number"),
        ("shortlist_size: 5", "shortlist_size: -.inf", "Value '-.inf' must be a whole number"),
        ("goalposts: [0, 100]", "goalposts: {a: null}", "Value '{a: null}' must be"),
    ],
)
def test_methodology_values_are_shown_as_yaml_writes_them(tmp_path: Path, old: str, new: str, needle: str) -> None:
    path = tmp_path / "metodologi.yaml"
    path.write_text(DEFAULT_METHODOLOGY.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    assert needle in caught.value.render("en") and "None" not in caught.value.render("id")


def test_an_empty_methodology_says_so(tmp_path: Path) -> None:
    path = tmp_path / "metodologi.yaml"
    for text in ("", "# only a comment\n"):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(MethodologyInvalid) as caught:
            load_methodology(path)
        assert "Berkas ini tidak berisi metodologi: kosong atau hanya berisi komentar" in caught.value.render("id")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("musim: true\n", "musim.yaml value 'true' must be a year without quotes, e.g. musim: 2025"),
        ("ilustratif: 1.0\n", "musim.yaml value '1.0' must be true or false"),
        ("seed: [1, null]\n", "musim.yaml value '[1, null]' must be"),
        ("ilustratif:\n", "musim.yaml key 'ilustratif' has no value: write true or false after it"),
        ("ilustratif: ~\n", "musim.yaml key 'ilustratif' has no value"),
    ],
)
def test_musim_yaml_values_are_shown_as_yaml_writes_them(tmp_path: Path, text: str, needle: str) -> None:
    folder = write_season(tmp_path, small_season_tables())
    (folder / "musim.yaml").write_text(text, encoding="utf-8")
    [problem] = [p for p in load_season(2025, tmp_path).report.errors if p.file == "musim.yaml"]
    assert needle in problem.message("en") and "None" not in problem.message("id")
