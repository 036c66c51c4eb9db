"""The message catalogue (locale/<lang>/LC_MESSAGES/paritrana.po): both languages hold the same keys, once each,
with the same fields and English source; every key the code can ask for exists, those it builds at run time
included, and every entry is used; plural forms follow each language's rules; a bad file is refused."""

from __future__ import annotations

import ast
import errno
import gettext
import io
import re
import string
from functools import cache
from pathlib import Path
from typing import get_args, get_type_hints

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import paritrana_nb
from paritrana_nb import gaps, indicators, problems, ranking, reliability
from paritrana_nb.intake.guide import TEMPLATE_TABLES, sheet_columns
from paritrana_nb.messages import (
    LANGS,
    CatalogueError,
    Num,
    Ref,
    _plural_rule,
    catalogue,
    os_reason,
    plural_index,
    po_file,
    read_catalogue,
    series,
    t,
    text_series,
    unwritable,
)
from paritrana_nb.methodology import AWARD_CONDITIONS, AWARD_SOURCES, KELOMPOK, KNOWN_ASPECTS, Indicator
from paritrana_nb.report.analysis_sections import ICC_LEVELS
from paritrana_nb.schema import JENIS, PROGRAMMES, Column

PACKAGE = Path(paritrana_nb.__file__).parent
CODE_KEY = re.compile(r"^[EWM]_[A-Z0-9_]+$")  # problem codes: E_ errors, W_ warnings, M_ methodology
DOTTED_KEY = re.compile(r"^([a-z_]+)\.[a-z0-9_.]+$")  # namespace.name
#: Key-shaped strings in the code that are not message keys.
NOT_KEYS = {
    "M_ISSUES",  # the pydantic error type that carries the methodology's cross-checks (methodology.py)
    "report.css",
    "page.css",  # every page's style sheet
    "status.html.j2",  # the tracker page's template file
    "report.js",  # file names
    "rapor.css",  # the participant card's style sheet and templates
    "rapor.html.j2",
    "gaps.csv",  # the files `gaps` and `status` are shown writing (cli.OUT_FILE)
    "status.html",
}


def _built_at_run_time() -> dict[str, tuple[str, ...]]:
    """Every key pattern the code fills in at run time ({} = the value) -> every value it can take, from the
    code's own constants."""
    return {
        "report.stage_{}": (ranking.TAHAP_DOKUMEN, ranking.TAHAP_WAWANCARA),
        "report.award_rule_{}": AWARD_CONDITIONS,
        "report.award_source_{}": AWARD_SOURCES,
        "aspect.{}": KNOWN_ASPECTS,  # the name of a bare aspect id (methodology.aspect_label)
        "M_AWARD_{}": tuple(kind.upper() for kind in AWARD_SOURCES),
        "report.group_{}": KELOMPOK,
        "report.direction_{}": get_args(Indicator.model_fields["direction"].annotation),
        "report.level_{}": tuple(name for _, name in ICC_LEVELS),
        "report.flag_{}": reliability.FLAG_REASONS,
        "gaps.action.{}": tuple(
            action.kolom for actions in gaps.ACTIONS.values() for action in actions if action.kolom not in PROGRAMMES
        ),  # a programme is gaps.action.programme
        "reason.{}": (*indicators.REASONS, *(indicators.TIDAK_BERLAKU.format(jenis) for jenis in JENIS)),
        "severity.{}": get_args(problems.Severity),
        # a problem code's kind, in place of the code where its problems are only counted (summary.more, W_NOT_KEPT):
        # every E_/W_ code and the one methodology code a report holds (registry._check_musim)
        "kind.{}": (*(key for key in catalogue("en") if re.match(r"^[EW]_[A-Z0-9_]+$", key)), "M_SEASON_MISMATCH"),
        # the intake templates' column help: every column of every template sheet, its kind and blank rule
        "intake.col.{}.{}": tuple((table, c.name) for table in TEMPLATE_TABLES for c in sheet_columns(table)),
        "intake.kind.{}": tuple({c.column.kind for table in TEMPLATE_TABLES for c in sheet_columns(table)}),
        "intake.blank.{}": get_args(get_type_hints(Column)["blank"]),
        "intake.guide.fill.{}": tuple(TEMPLATE_TABLES),
    }


def _key_prefix(text: str) -> bool:
    """Whether `text` starts a key: a code or a dotted name cut anywhere after its namespace."""
    return bool(CODE_KEY.match(text + "X") or DOTTED_KEY.match(text + "x"))


@cache
def _scan() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The keys the package's code names literally and the key patterns it builds (f-strings, `+`), each with
    where it occurs. A literal counts as a key when it is the first argument of `t()`/`Ref()`, has a code's
    shape or a dotted name in a namespace of the catalogue; docstrings are skipped."""
    namespaces = {key.split(".")[0] for key in catalogue("en") if "." in key}
    literal: dict[str, list[str]] = {}
    built: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = str(path.relative_to(PACKAGE.parent))
        skip: set[int] = set()
        first_args: set[int] = set()
        for node in ast.walk(tree):
            where = f"{name}:{getattr(node, 'lineno', 0)}"
            if (
                isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
                and isinstance(node.body[0].value, ast.Constant)
            ):
                skip.add(id(node.body[0].value))
            elif isinstance(node, ast.JoinedStr):
                skip.update(id(part) for part in node.values)
                head = node.values[0] if node.values else None
                if isinstance(head, ast.Constant) and _key_prefix(head.value):
                    pattern = "".join(p.value if isinstance(p, ast.Constant) else "{}" for p in node.values)
                    built.setdefault(pattern, []).append(where)
            elif (
                isinstance(node, ast.BinOp)
                and isinstance(node.op, ast.Add)
                and isinstance(node.left, ast.Constant)
                and isinstance(node.left.value, str)
                and _key_prefix(node.left.value)
            ):
                skip.add(id(node.left))
                built.setdefault(node.left.value + "{}", []).append(where)
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("t", "Ref") and node.args:
                first_args.add(id(node.args[0]))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skip:
                continue
            dotted = DOTTED_KEY.match(node.value)
            if id(node) in first_args or CODE_KEY.match(node.value) or (dotted and dotted.group(1) in namespaces):
                literal.setdefault(node.value, []).append(f"{name}:{node.lineno}")
    for path in sorted(PACKAGE.rglob("*.j2")):  # Jinja2 page templates name their keys as quoted strings
        name = str(path.relative_to(PACKAGE.parent))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for quoted in re.findall(r"""["']([a-z_]+\.[a-z0-9_.]+)["']""", line):
                if quoted.split(".")[0] in namespaces:
                    literal.setdefault(quoted, []).append(f"{name}:{number}")
    return {k: v for k, v in literal.items() if k not in NOT_KEYS}, built


def _asked_for() -> set[str]:
    literal, _ = _scan()
    runtime = {
        pattern.format(*value) if isinstance(value, tuple) else pattern.format(value)
        for pattern, values in _built_at_run_time().items()
        for value in values
    }
    return set(literal) | runtime


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_scan_finds_the_keys_the_code_names() -> None:
    literal, built = _scan()
    assert "summary.ok" in literal and "E_BAD_NPP" in literal and "gaps.action.{}" in built  # the scan works


def test_every_key_built_at_run_time_has_its_values_listed() -> None:
    """A new f"prefix.{x}" key in the code fails here until its values are listed in `_built_at_run_time`."""
    _, built = _scan()
    assert sorted(built) == sorted(_built_at_run_time()), built


def test_every_key_the_code_asks_for_exists_in_both_languages() -> None:
    for lang in LANGS:
        assert sorted(_asked_for() - set(catalogue(lang))) == [], lang


def test_every_entry_in_the_files_is_used() -> None:
    for lang in LANGS:
        assert sorted(set(catalogue(lang)) - _asked_for()) == [], lang


def test_both_languages_hold_the_same_keys_fields_and_source() -> None:
    ids, ens = catalogue("id"), catalogue("en")
    assert sorted(set(ids) ^ set(ens)) == []
    for key, en in ens.items():
        assert en.texts == en.source, key  # the English file's text is its source
        assert ids[key].source == en.source, key
        assert ids[key].plural == en.plural, key
        fields = {frozenset(_fields(text)) for text in (*en.texts, *ids[key].texts)}
        assert len(fields) == 1, (key, fields)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_two_kinds_of_a_conflicting_row_are_named_apart(lang: str) -> None:
    """A summary counts the problems of a kind beyond those listed ("... and 12 more problems of the same kind (...)"):
    of a key merged twice with different values, the row dropped and the row merged are two kinds, which printed two
    such lines alike."""
    dropped, kept = (t(f"kind.{code}", lang) for code in ("E_INTAKE_CONFLICT", "E_INTAKE_CONFLICT_KEPT"))
    assert dropped != kept and dropped.startswith(kept[:20])


def test_the_fake_plural_field_is_gone() -> None:
    assert [
        key for lang in LANGS for key, entry in catalogue(lang).items() if any("{s}" in text for text in entry.texts)
    ] == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_files_plural_forms_header_agrees_with_babels_rules(lang: str) -> None:
    """Tools (msgfmt, Poedit) pick a form with the file's Plural-Forms header; `t` with Babel's CLDR rules."""
    compiled = io.BytesIO()
    write_mo(compiled, read_po(po_file(lang).open("rb")))
    compiled.seek(0)
    header_rule = gettext.GNUTranslations(compiled).plural
    assert [header_rule(n) for n in range(1001)] == [plural_index(lang, n) for n in range(1001)]
    forms = {len(entry.texts) for entry in catalogue(lang).values() if entry.plural}
    assert forms == {2 if lang == "en" else 1}


def test_plural_forms_follow_the_number_as_written() -> None:
    one, two = "issue {} more Perkada regulation", "issue {} more Perkada regulations"
    assert t("gaps.action.perkada", "en", delta=1, count=1) == one.format(1)
    assert t("gaps.action.perkada", "en", delta=2, count=2) == two.format(2)
    assert t("gaps.action.perkada", "en", delta=0, count=0) == two.format(0)
    assert t("gaps.action.perkada", "en", delta=Num(1.0), count=Num(1.0)) == one.format(1)
    assert t("gaps.action.perkada", "en", delta=Num(1, 2), count=Num(1, 2)) == two.format("1.00")
    assert t("gaps.action.perkada", "id", delta=1, count=1) == "terbitkan 1 Perkada lagi"
    assert t("gaps.action.perkada", "id", delta=5, count=5) == "terbitkan 5 Perkada lagi"
    assert t("methodology.invalid", "en", file="m.yaml", count=1) == "Methodology m.yaml cannot be used (1 problem):"
    with pytest.raises(TypeError, match=r"gaps\.action\.perkada"):
        t("gaps.action.perkada", "en", delta=1)


def test_a_language_of_one_form_loads_no_plural_rule() -> None:
    """Indonesian has one form: `t` takes it without Babel's locale data (0.1 s at the start of every command)."""
    _plural_rule.cache_clear()
    assert t("gaps.action.perkada", "id", delta=5, count=5) == "terbitkan 5 Perkada lagi"
    assert _plural_rule.cache_info().currsize == 0
    assert t("gaps.action.perkada", "en", delta=5, count=5) == "issue 5 more Perkada regulations"
    assert _plural_rule.cache_info().currsize == 1


def test_an_unknown_key_or_language_is_refused() -> None:
    with pytest.raises(KeyError, match=r"no\.such_key"):
        t("no.such_key", "en")
    with pytest.raises(ValueError, match="lang must be one of"):
        t("summary.ok", "fr")


HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
ENTRY = '#, python-brace-format\nmsgctxt "a.key"\nmsgid "Text {x}"\nmsgstr "Text {x}"\n\n'


def _po(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "paritrana.po"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_key_defined_twice_is_refused_naming_both_lines(tmp_path: Path) -> None:
    path = _po(tmp_path, ENTRY + ENTRY.replace('msgstr "Text {x}"', 'msgstr "Other {x}"'))
    assert len(list(read_po(path.open("rb")))) == 2  # the header and one merged entry: the parser alone is silent
    with pytest.raises(CatalogueError, match=r"paritrana\.po: key 'a\.key' is defined twice, on lines 7 and 12"):
        read_catalogue(path)


def test_a_key_twice_with_different_sources_is_refused(tmp_path: Path) -> None:
    path = _po(tmp_path, ENTRY + ENTRY.replace('msgid "Text {x}"', 'msgid "Another {x}"'))
    with pytest.raises(CatalogueError, match="defined twice, on lines 7 and 12"):
        read_catalogue(path)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('msgid "Text"\nmsgstr "Text"\n', "has no msgctxt"),
        (ENTRY.replace('msgstr "Text {x}"', 'msgstr ""'), "'a.key' has no text"),
        ("#, fuzzy\n" + ENTRY, "'a.key' is marked fuzzy"),
        ('msgctxt "a.key"\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "one"\n', "'a.key' has no text in msgstr[1]"),
        ('msgctxt "a.key"\nmsgid "Text\nmsgstr "Text"\n', "line 7: not .po syntax: 'msgid \"Text'"),
        (
            'msgctxt "a.key"\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "1"\nmsgstr[1] "2"\nmsgstr[2] "3"\n',
            "not a valid .po file",
        ),
        ('msgctxt "a.key"\nmsgstr "Text"\n', "line 6: the entry 'a.key' is incomplete"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_file(tmp_path: Path, body: str, problem: str) -> None:
    with pytest.raises(CatalogueError, match=re.escape(problem)) as caught:
        read_catalogue(_po(tmp_path, body))
    assert str(caught.value).startswith(str(tmp_path / "paritrana.po"))


def test_a_good_file_reads_every_entry(tmp_path: Path) -> None:
    entries = read_catalogue(
        _po(
            tmp_path,
            ENTRY + 'msgctxt "b.key"\nmsgid "one {n}"\nmsgid_plural "many {n}"\n'
            'msgstr[0] "one {n}"\nmsgstr[1] "many {n}"\n',
        )
    )
    assert entries["a.key"].texts == ("Text {x}",) and not entries["a.key"].plural
    assert entries["b.key"].texts == ("one {n}", "many {n}") and entries["b.key"].plural


def test_a_permission_refused_for_a_file_being_made_is_said_to_be_the_folders(tmp_path: Path) -> None:
    """A file refused is perhaps open in Excel; a file not there yet (a write into a read-only folder, a cache folder
    a command may not write) was not: it was said to be, in every such warning."""
    existing = tmp_path / "skor.csv"
    existing.write_text("x")
    refused = [PermissionError(errno.EACCES, "Permission denied", str(p)) for p in (existing, tmp_path / "baru.csv")]
    assert [os_reason(error) for error in refused] == [Ref("oserror.denied"), Ref("oserror.denied_folder")]
    assert os_reason(PermissionError(errno.EACCES, "Permission denied", str(tmp_path))) == Ref("oserror.denied_folder")
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == Ref("oserror.denied")  # no file named
    assert t("oserror.denied_folder", "id") == "tidak ada izin (hak akses folder itu tidak mengizinkannya)"


@pytest.mark.parametrize("lang", LANGS)
def test_a_write_that_found_no_room_says_to_make_room_not_to_check_the_folder(lang: str) -> None:
    """A full disk, a used-up quota or a file size limit (`ulimit -f`): the folder is fine, so the advice is to make
    room; EFBIG and EDQUOT were told in the system's English words. Any other failure keeps the folder's advice."""
    out = Path("skor.csv")
    no_room = [(errno.ENOSPC, "oserror.full"), (errno.EDQUOT, "oserror.quota"), (errno.EFBIG, "oserror.file_too_large")]
    for code, reason in no_room:
        said = unwritable(out, OSError(code, "system words", str(out)), lang)
        assert said == t("cli.out_no_room", lang, out=out, reason=Ref(reason)), said
        assert "system words" not in said
    refused = PermissionError(errno.EACCES, "Permission denied", str(out))
    assert unwritable(out, refused, lang) == t("cli.out_unwritable", lang, out=out, reason=os_reason(refused))


def test_a_path_in_a_message_is_written_as_a_file_name_is_quoted() -> None:
    """A path a user gave (`--out`, `--methodology`) holding a line break or an escape sequence split the message in
    two or reached the terminal: a `Path` field is written as problems.shown_file writes a file's name, in a nested
    message too; a path without such characters is written as it is."""
    typed = Path("hasil/a\x1b[31m\nb.csv")
    said = t("cli.out_unwritable", "en", out=typed, reason=Ref("oserror.missing"))
    assert said.startswith("Cannot write hasil/a\\x1b[31m\\x0ab.csv: ") and "\x1b" not in said and "\n" not in said
    nested = t("cli.previous_season_warning", "en", musim=2024, message=Ref("cli.folder_busy", folder=typed.parent))
    assert "hasil to finish" in nested
    nested = t("cli.previous_season_warning", "en", musim=2024, message=Ref("cli.folder_busy", folder=typed))
    assert "hasil/a\\x1b[31m\\x0ab.csv to finish" in nested and "\x1b" not in nested
    assert t("cli.out_unwritable", "en", out=Path("a/b.csv"), reason="x").startswith("Cannot write a/b.csv: x.")


@pytest.mark.parametrize(
    ("items", "lang", "said"),
    [
        ([], "id", ""),
        (["kertas"], "id", "kertas"),
        (["kertas", "pena"], "id", "kertas dan pena"),
        (["kertas", "pena", "tinta"], "id", "kertas, pena, dan tinta"),
        (["a", "b", "c", "d"], "id", "a, b, c, dan d"),
        (["paper"], "en", "paper"),
        (["paper", "pen"], "en", "paper and pen"),
        (["paper", "pen", "ink"], "en", "paper, pen and ink"),
        (["a", "b", "c", "d"], "en", "a, b, c and d"),
    ],
)
def test_a_series_takes_a_comma_before_its_last_item_in_indonesian_from_three_items_on(
    items: list[str], lang: str, said: str
) -> None:
    """Indonesian series of three or more read "kertas, pena dan tinta": PUEBI puts a comma before the conjunction
    ("kertas, pena, dan tinta"); two items stay "kertas dan pena", and English keeps the catalogue's "paper, pen and
    ink"."""
    assert series(items, lang) == said


@pytest.mark.parametrize(
    ("items", "lang", "said"),
    [
        (["61.10"], "id", "61.10"),
        (["61.10", "61.01"], "id", "61.10 atau 61.01"),
        (["61.10", "61.01", "61.1"], "id", "61.10, 61.01, atau 61.1"),
        (["61.10", "61.01", "61.1", "61.11"], "en", "61.10, 61.01, 61.1 or 61.11"),
        (["61.10", "61.01"], "en", "61.10 or 61.01"),
    ],
)
def test_a_series_of_choices_ends_with_or(items: list[str], lang: str, said: str) -> None:
    """The ids a participant may have meant are offered as choices: "61.10, 61.01, atau 61.1"."""
    assert series(items, lang, "or") == said


def test_a_series_writes_each_item_as_a_message_field() -> None:
    """An item counted (`Ref`), a number (`Num`) or a path is written as `t` writes it, in the series' language."""
    items = ["a.xlsx", Path("b\nc.csv"), Num(1234.5, 1), Ref("cli.more_items", count=3)]
    assert series(items, "id") == "a.xlsx, b\\x0ac.csv, 1.234,5, dan 3 lainnya"
    assert series(items, "en") == "a.xlsx, b\\x0ac.csv, 1,234.5 and 3 more"


def test_a_series_of_plain_texts_is_written_in_the_language_of_the_message_holding_it() -> None:
    """A problem's fields are kept before its language is known: `text_series` is written by the message holding
    it, in that message's language, as `series` writes it."""
    sheets = text_series(["'a'", "'b'", "'c'"])
    assert t("W_XLSX_OTHER_SHEETS", "id", count=Num(3), sheets=sheets).startswith("Lembar 'a', 'b', dan 'c' juga")
    assert t("W_XLSX_OTHER_SHEETS", "en", count=Num(3), sheets=sheets).startswith("Sheets 'a', 'b' and 'c' hold")
    assert text_series(["'a'"]) == "'a'"
    assert t("W_XLSX_OTHER_SHEETS", "en", count=Num(2), sheets=text_series(["x", "y"])).startswith("Sheets x and y")


@pytest.mark.parametrize(
    ("count", "said"),
    [(2, "f1 dan f2"), (3, "f1, f2, dan f3"), (4, "f1, f2, dan 2 lainnya"), (6, "f1, f2, dan 4 lainnya")],
)
def test_a_long_series_names_its_first_items_and_counts_the_others(count: int, said: str) -> None:
    """With `shown`, a series names that many items, and counts the rest as its last item, when there are more."""
    assert series([f"f{i}" for i in range(1, count + 1)], "id", shown=3 if count == 3 else 2) == said


#: English words the Indonesian texts once used where Bahasa Indonesia has a standard term (benih acak, papan ketik,
#: pengodean, masukan) or a name (Paritrana Workbook): on a report's page such a word would have to be in italics.
ENGLISH_WORDS = re.compile(r"\b(seed|keyboard|encoding|input)\b|(?<!Paritrana )(?<!Excel )\bworkbook\b")
#: What stays as it is written in code: a message's fields, options (--seed), "(seed)" after its Indonesian term and
#: the names of the columns of a CSV.
CODE_NAMES = re.compile(r"\{[^}]*\}|--[\w-]+|\(seed\)|\bkolom [^.;)]*")


def test_the_indonesian_texts_use_the_indonesian_term() -> None:
    """Reports said "seed 20250" and messages "keyboard", "encoding" and "workbook" in Indonesian sentences."""
    english = {
        key: match.group()
        for key, entry in catalogue("id").items()
        for text in entry.texts
        if (match := ENGLISH_WORDS.search(CODE_NAMES.sub("", text)))
    }
    assert english == {}
