"""The `paritrana` command line: thin sub-commands over the package API.

Results go to standard output, errors and warnings to standard error (`validate`'s report is its result).
Exit codes: 0 done; 1 invalid data or methodology, an --out that is refused or cannot be written, a report that
failed, or standard output that cannot be written (closed, a full disk); 2 wrong use of the command (argparse's
own errors, an unknown province or category, a value out of range).
Never a traceback for any of these.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    # `python -m paritrana_nb.cli`: the console script's entry point, before the imports below (half a second), so
    # that Ctrl-C is handled from here on; it runs the package's module, not this copy named __main__, so that the
    # intake commands (which import paritrana_nb.cli) raise the very _Stop that _dispatch catches
    from paritrana_nb.launch import main as launch

    sys.exit(launch())

import argparse
import atexit
import difflib
import functools
import io
import multiprocessing
import os
import re
import select
import shlex
import signal
import textwrap
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from .allocator import release_freed_memory
from .cache import SeasonCache
from .config import DATA_DIR, DEFAULT_SEASON, PARAMS_DIR, REPORTS_DIR
from .intake.commands import add_parsers, intake_command, status_command, template_command
from .messages import LANGS, Num, Ref, os_reason, series, t, unwritable
from .methodology import Methodology, MethodologyInvalid
from .problems import (
    KEEP_PER_KIND,
    SHOWN_PER_KIND,
    NotebookParameterMissing,
    SeasonInvalid,
    UnknownProvince,
    ValidationReport,
    shown_text,
)
from .season import LoadResult, ReaderWork, Season, load_season, season_folder
from .uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS, MAX_SEED
from .user_cache import machine_key_problem

if TYPE_CHECKING:
    import pandas as pd
    from _typeshed import SupportsWrite

    from .outputs import Chunks
    from .registry import Registry


@dataclass(frozen=True)
class _Shared:
    """The options several sub-commands share, one argparse parent parser per group (`parents=[...]`)."""

    season: argparse.ArgumentParser  # --season, --lang
    data: argparse.ArgumentParser  # --data-dir
    cache: argparse.ArgumentParser  # --cache-dir, --no-cache (commands that load the season through its cache)
    methodology: argparse.ArgumentParser  # --params-dir, --methodology
    jury_methodology: argparse.ArgumentParser  # the same, said to apply with --jury only (`template`)
    province: argparse.ArgumentParser  # --province
    category: argparse.ArgumentParser  # --category


OUT_FILE = {
    "score": "skor.csv",
    "gaps": "gaps.csv",
    "jury": "juri.csv",
    "awards": "penghargaan.csv",
    "compare": "banding.csv",
    "status": "status.html",
}
"""The file each command that writes one is shown writing in the docs: the name its refused folder --out is offered."""

MAX_JOBS = 64
"""Most processes a command starts at once (`--jobs`; the explorer's kernels, `--max-kernels`)."""
MAX_SECONDS = 24 * 60 * 60
"""Longest wait a command is given in seconds (`run --timeout` per cell, `explore --idle-timeout`): a day."""
MAX_PER_KIND = 1_000_000
"""Most problems of one kind per file `validate` and `intake` print (`--max-per-kind`, 1 or more: 0 would print
none, only their counts)."""

_MAX_DIGITS = 40
"""Longest value a whole-number option reads (and shows back when it refuses one)."""

RAPOR_INDEXES_SHOWN = 5
"""Index pages `paritrana rapor` names when it is done; the rest are counted."""


def whole_number(lang: str, least: int, most: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `least` (up to `most`). Anything else is refused by argparse (exit
    code 2) with a message in `lang`, e.g. `argument --jobs: must be a whole number, 1 or more, not '0'`."""

    def parse(text: str) -> int:
        # ASCII digits only: Python's int() also reads `2_025`, Arabic-Indic and full-width digits and spaces around
        # them, which no one means as a number on a command line
        # past _MAX_DIGITS digits (no option means such a number), int() would refuse it past 4,300 in its own words
        digits = re.fullmatch(r"-?[0-9]+", text, re.ASCII) and len(text) <= _MAX_DIGITS
        value = int(text) if digits else None
        if value is not None and value >= least and (most is None or value <= most):
            return value
        shown = text if len(text) <= _MAX_DIGITS else text[:_MAX_DIGITS] + "…"
        if most is None:
            raise argparse.ArgumentTypeError(t("cli.whole_number_min", lang, value=shown, least=least))
        raise argparse.ArgumentTypeError(t("cli.whole_number_range", lang, value=shown, least=least, most=most))

    return parse


def season_year(lang: str) -> Callable[[str], int]:
    """An argparse type: a season (`--season`, `--against`), a year of four digits (`2025`), as the season folders
    are named. Anything else is refused by argparse (exit code 2) in `lang`: `25` would be looked for as `data/25`,
    and its methodology offered to be made there; a year of two digits is answered with the one it likely means."""

    def parse(text: str) -> int:
        if re.fullmatch(r"[1-9][0-9]{3}", text):
            return int(text)
        shown = text if len(text) <= _MAX_DIGITS else text[:_MAX_DIGITS] + "…"
        example = f"20{text}" if re.fullmatch(r"[0-9]{2}", text) else DEFAULT_SEASON
        raise argparse.ArgumentTypeError(t("cli.season_year", lang, value=shown, example=example))

    return parse


def any_path(lang: str) -> Callable[[str], Path]:
    """An argparse type: the path of a folder or a file. An empty (or blank) value is refused in `lang`: as a `Path`
    it is the current folder, which no one means by giving nothing (`--cache-dir ""` wrote the cache there, and
    `--from ""` read the whole folder as an inbox)."""

    def parse(text: str) -> Path:
        if not text.strip():
            raise argparse.ArgumentTypeError(t("cli.path_empty", lang))
        return _typed_path(text)

    return parse


def _typed_path(text: str) -> Path:
    """`text` as a path, a leading `~` (`~/hasil`, `~user/hasil`) the home folder as a shell reads it: given in quotes
    or by a script, no shell expanded it, and a folder named `~` would be written in the current folder."""
    path = Path(text)
    if text.startswith("~"):
        with suppress(RuntimeError):  # no home folder known: the path as it is
            return path.expanduser()
    return path


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
"""Names of workbooks: a file --out under one of them would be a CSV or a page that Excel refuses to open."""
KIND_SUFFIX = re.compile(r"\.[A-Za-z]+")
"""A name's last suffix that names a kind of file (`.html`, `.txt`, `.json`: letters only): `.2025` or `.v2` is part
of the name."""
OUT_SUFFIXES = {".csv": (".csv",), ".html": (".html", ".htm", ".csv")}
"""The suffixes a file --out may end in, by the suffix of what the command writes: a CSV, or `status`'s page (whose
CSV beside it may be named instead)."""


def file_path(lang: str, example: str) -> Callable[[str], Path]:
    """An argparse type: the path of a file to write (such as `example`). A value ending in a path separator names
    a folder (`Path` would drop the separator and write a file of the folder's name), `-` standard output
    (which carries the command's summary), and a workbook's name (`SPREADSHEET_SUFFIXES`: the file is `example`'s
    kind, a CSV or an HTML page): argparse refuses them in `lang`, and an empty value (`any_path`). A name of another
    kind (`skor.csv.html`) is refused after the inputs are looked at (`_other_kind`)."""
    path = any_path(lang)

    def parse(text: str) -> Path:
        path(text)
        if text.endswith(tuple(s for s in (os.sep, os.altsep) if s)):
            raise argparse.ArgumentTypeError(t("cli.out_ends_in_separator", lang, value=text, example=example))
        if text == "-":  # the usual name of standard output: where the command's own messages go
            raise argparse.ArgumentTypeError(t("cli.out_dash", lang, example=example))
        named = _typed_path(text)
        if named.suffix.lower() in SPREADSHEET_SUFFIXES:  # a CSV or page under a workbook's name: Excel refuses it
            kind = Path(example).suffix.lstrip(".").upper()
            fields = {"value": text, "kind": kind, "renamed": named.with_suffix(Path(example).suffix)}
            raise argparse.ArgumentTypeError(t("cli.out_spreadsheet_name", lang, **fields))
        return named

    return parse


#: argparse's own refusals (Python's English) and their catalogue entries: the usage errors a user meets. `.` matches
#: a line break too: a value typed with one (`--out $'a\nb/'`) is a refusal of these all the same.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"the following arguments are required: (?P<names>.+)", "cli.usage_required"),
        (r"unrecognized arguments: (?P<names>.+)", "cli.usage_unknown"),
        (
            r"argument (?P<flag>[^:]+): invalid choice: (?P<value>.+?) \(choose from (?P<allowed>.+)\)",
            "cli.usage_choice",
        ),
        (r"argument (?P<flag>[^:]+): expected one argument", "cli.usage_one_value"),
        (r"argument (?P<flag>[^:]+): not allowed with argument (?P<other>.+)", "cli.usage_exclusive"),
        (r"one of the arguments (?P<names>.+) is required", "cli.usage_one_of"),
        (r"ambiguous option: (?P<flag>\S+) could match (?P<matches>.+)", "cli.usage_ambiguous"),
        (r"argument (?P<flag>[^:]+): given more than once", "cli.usage_repeated"),
        (r"argument (?P<flag>[^:]+): (?P<detail>.+)", "cli.usage_option"),
    )
)


class _StoreOnce(argparse._StoreAction):
    """An option that takes one value: given twice (`--province kalbar --province kalteng`), argparse would keep the
    last without a word; refused instead (the parse's `Parser` records the options given)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        given: set[str] | None = getattr(parser, "given", None)
        if given is not None:
            if self.dest in given:
                raise argparse.ArgumentError(self, "given more than once")
            given.add(self.dest)
        super().__call__(parser, namespace, values, option_string)


def _parser_class(lang: str) -> type[argparse.ArgumentParser]:
    """An ArgumentParser (for the command and its sub-commands) whose usage errors are written in `lang`: the
    refusals argparse words in English are matched to the catalogue's; any other keeps argparse's text. A refusal of
    a missing option or sub-command also names the arguments no option takes, which argparse leaves unsaid. Its help
    (usage, headings, the -h option) is in `lang` too."""

    class Formatter(argparse.HelpFormatter):
        def add_usage(
            self,
            usage: str | None,
            actions: Iterable[argparse.Action],
            groups: Iterable[argparse._MutuallyExclusiveGroup],
            prefix: str | None = None,
        ) -> None:
            super().add_usage(usage, actions, groups, t("cli.usage_prefix", lang) if prefix is None else prefix)

        def _split_lines(self, text: str, width: int) -> list[str]:
            # broken at spaces only: argparse's textwrap cut `<data-dir>` into `<data-` and `dir>`
            return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

        def _fill_text(self, text: str, width: int, indent: str) -> str:
            text = " ".join(text.split())
            return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, "formatter_class": Formatter})
            self.register("action", None, _StoreOnce)
            self.register("action", "store", _StoreOnce)
            self.given: set[str] = set()
            self.root: Parser = self  # the command's parser, whose parse holds every argument (`build_parser`)
            self.argv: list[str] = []
            self.command: str | None = None  # the sub-command its last parse found, named by the hint of `--help`
            for action in self._actions:
                if isinstance(action, argparse._HelpAction):
                    action.help = help_text(lang, "help.help")

        def parse_known_args(  # type: ignore[override]
            self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
        ) -> tuple[argparse.Namespace, list[str]]:
            self.given = set()  # the options of this parse (`_StoreOnce`)
            self.argv = list(sys.argv[1:] if args is None else args)
            self.command = None
            found = super().parse_known_args(args, namespace)
            self.command = getattr(found[0], "command", None)
            # the options typed, with the sub-command's (its parse's namespace is copied in): `_out_key` reads them
            found[0].options_given = frozenset(getattr(found[0], "options_given", ())) | self.given
            return found

        def format_help(self) -> str:
            # headings named here, not at construction: a parent's options join the group of the same title
            self._positionals.title = t("help.positionals", lang)
            self._optionals.title = t("help.options", lang)
            return super().format_help()

        def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
            if message and file is not None and file is sys.stdout:  # help: argparse passes over a failed write
                try:
                    file.write(message)
                except OSError as error:  # unbuffered output (python -u), or help longer than the buffer
                    raise _HelpLost(error) from error
            else:
                super()._print_message(message, file)

        def _usage_shown(self) -> argparse.ArgumentParser:
            """The parser whose usage a refusal shows: the sub-command's where the command line names one (its
            arguments refused by the command's parser, `paritrana score ... Barat`), else this one's."""
            for action in self._actions:
                if isinstance(action, argparse._SubParsersAction) and self.command in action.choices:
                    chosen: argparse.ArgumentParser = action.choices[self.command]
                    return chosen
            return self

        def error(self, message: str) -> NoReturn:
            misplaced = _option_before_command(self.root, self.root.argv)
            if misplaced is not None:  # `paritrana --season 2025 validate`: '2025' is no command, --season unknown
                flag, given = misplaced
                _commands(self.root)[given].print_usage(sys.stderr)
                said = t("cli.usage_before_command", lang, flag=flag, command=given)
                self.exit(2, t("cli.usage_error", lang, prog=self.root.prog, message=said) + "\n")
            said, key = _usage_message(message, lang, self.command, self.root.argv, self.root)
            errors = [(self.prog, said)]
            if key in _MISSING:  # argparse says only this: an option mistyped (`--ot`) is said first, by the command
                unknown, command = _unknown_arguments(self.root, self.root.argv)
                if unknown:
                    names = _UNKNOWN.format(" ".join(unknown))
                    said = _usage_message(names, lang, command, self.root.argv, self.root)[0]
                    errors.insert(0, (self.root.prog, said))
            self._usage_shown().print_usage(sys.stderr)
            self.exit(2, "".join(t("cli.usage_error", lang, prog=prog, message=text) + "\n" for prog, text in errors))

    return Parser


def _quoted_example(stray: str, argv: Sequence[str], parser: argparse.ArgumentParser) -> str | None:
    """How to give the value `stray` was cut from, quoted: `--province "Kalimantan Barat"` where the command line holds
    `--province Kalimantan Barat` (`stray` the first argument after an option's value) and that option of `parser`
    (the command's) takes the value so; None where it would not (`--season "2025 kalbar"`, `--lang "en x"`: no
    quotes make such a value); else a folder's, for a word that follows no option's value."""
    at = list(argv).index(stray) if stray in argv else -1
    if at >= 2 and argv[at - 2].startswith("--") and "=" not in argv[at - 2] and not argv[at - 1].startswith("-"):
        read = _option(parser, argv[at - 2])
        joined = f"{argv[at - 1]} {stray}"
        return f'{argv[at - 2]} "{joined}"' if read is not None and _takes(read[0], joined) else None
    return '--data-dir "Data Musim"'


def _takes(action: argparse.Action | None, value: str) -> bool:
    """Whether option `action` (None: one not known) takes `value` as its value: its type reads it, among its
    choices."""
    if action is None or action.nargs == 0:
        return False
    try:
        read = action.type(value) if callable(action.type) else value
    except (argparse.ArgumentTypeError, TypeError, ValueError):
        return False
    return action.choices is None or read in action.choices


#: argparse's refusal of arguments no option takes (its "unrecognized arguments"), in Python's English.
_UNKNOWN = "unrecognized arguments: {}"
#: The refusals of something missing (an option, one of several, an option's value), which argparse says before (and
#: instead of) any argument it does not know.
_MISSING = ("cli.usage_required", "cli.usage_one_of", "cli.usage_one_value")


def _usage_message(
    message: str, lang: str, command: str | None, argv: Sequence[str], parser: argparse.ArgumentParser
) -> tuple[str, str | None]:
    """argparse's refusal `message` in `lang`, and its catalogue key: the refusals argparse words in English are
    matched to the catalogue's (`_ARGPARSE_ERRORS`); any other keeps argparse's text (key None). `command`: the
    sub-command given, whose `--help` a refusal of unknown arguments names (None: `paritrana COMMAND --help`);
    `argv`: the command line, whose value cut in two at a space is shown quoted (`_quoted_example`); `parser`: the
    command's, whose sub-commands a stray argument may name (`paritrana score validate`: a second command). What
    the user typed is quoted as a validation message quotes a cell, not cut (shown_text)."""
    for pattern, key in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found is not None:
            fields = dict(found.groupdict())
            if key == "cli.usage_unknown":
                key = _unknown_key(found["names"].split(" ")[0], command, argv, parser, fields)
            if key == "cli.usage_one_of":  # argparse lists them with spaces: `--province --all`
                fields["names"] = ", ".join(found["names"].split())
            return t(key, lang, **{name: shown_text(value, None) for name, value in fields.items()}), key
    return shown_text(message, None), None


def _unknown_key(
    stray: str, command: str | None, argv: Sequence[str], parser: argparse.ArgumentParser, fields: dict[str, str]
) -> str:
    """The catalogue key of argparse's refusal of unknown arguments, the first of them `stray`, given after
    `command` (None: none) on command line `argv`, read by `parser` (the command's); the fields it needs beyond
    `names` are added to `fields`."""
    commands = _commands(parser)
    if command is not None and stray in commands:  # `paritrana score --lang en validate`: two commands in one
        fields |= {"command": command, "stray": stray}
        return "cli.usage_second_command"
    if stray.isdigit() and len(stray) == 4:
        return "cli.usage_unknown_season"  # `paritrana validate 2025`
    if not stray.isdigit() and not stray.startswith("-"):  # not `--uncertainty 1000 500`'s 500
        example = _quoted_example(stray, argv, commands.get(command or "", parser))
        if example is not None:  # `--data-dir Data Musim`: a path with a space, unquoted
            fields["example"] = example
            return "cli.usage_unknown_value"
    if command is None:
        return "cli.usage_unknown"
    fields["command"] = command
    return "cli.usage_unknown_in"  # `paritrana score --help`


def _unknown_arguments(parser: argparse.ArgumentParser, argv: Sequence[str]) -> tuple[list[str], str | None]:
    """The arguments of command line `argv` that no option of `parser` (the command's) or of the sub-command given
    takes, and that sub-command (None: none given), read as argparse reads them (`_option`). argparse checks what
    is missing (an option, its value) before what is unknown, and stops at the first: this is what it left unsaid.
    Every option takes one value or none (`store`, `store_true`, `help`)."""
    unknown: list[str] = []
    command: str | None = None
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--":  # what follows is no option: argparse leaves it all to no one, `--` too
            return [*unknown, arg, *rest], command
        read, commands = _option(parser, arg), _commands(parser) if command is None else {}
        if read is None and arg in commands:  # the sub-command: the options that follow are its own
            command, parser = arg, commands[arg]
        elif read is None or read[0] is None:
            unknown.append(arg)
        elif read[0].nargs != 0 and not read[1] and rest and _option(parser, rest[0]) is None:
            rest.pop(0)  # the option's value, even one that begins with `-` (`-5`, `-a b`), as argparse takes it
    return unknown, command


def _option(parser: argparse.ArgumentParser, arg: str) -> tuple[argparse.Action | None, bool] | None:
    """How `parser` reads `arg`, as argparse does: None for an argument that is no option (a value, a sub-command:
    it does not begin with `-`, or it is `-`, a negative number or holds a space), else the option's action (None:
    an option it does not know) and whether its value is attached (`--out=x`, `-hx`). Where `parser` allows
    abbreviations, a long option begun (`--sea`) is the one option it begins."""
    actions = parser._option_string_actions
    if not arg or arg[0] not in parser.prefix_chars or len(arg) == 1:
        return None
    name, attached, _ = arg.partition("=")
    if name in actions:
        return actions[name], bool(attached)
    if arg[1] not in parser.prefix_chars and arg[:2] in actions:  # a short option and its value: `-hx`
        return actions[arg[:2]], True
    begun = [option for option in actions if option.startswith(name)]
    if parser.allow_abbrev and name[1] in parser.prefix_chars and len(begun) == 1:
        return actions[begun[0]], bool(attached)
    if parser._negative_number_matcher.match(arg) and not parser._has_negative_number_optionals:
        return None
    return None if " " in arg else (None, False)


def _option_before_command(parser: argparse.ArgumentParser, argv: Sequence[str]) -> tuple[str, str] | None:
    """An option of the sub-command that command line `argv` gives before it, where `parser` (the command's) does
    not take it (`paritrana --season 2025 validate`: argparse said '2025' is no command, or that `--no-cache`, which
    `validate --help` lists, is unknown), and that sub-command; None when there is none."""
    commands = _commands(parser)
    for at, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg in commands:
            for before in argv[:at]:
                read = _option(parser, before)
                if read is not None and read[0] is None:
                    known = _option(commands[arg], before)
                    if known is not None and known[0] is not None:
                        return before.partition("=")[0], arg
            return None
    return None


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The sub-commands of `parser` by name ({} for none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """`parser` and its sub-commands' parsers, theirs in turn."""
    found = [parser]
    for sub in dict.fromkeys(_commands(parser).values()):
        found += _parsers(sub)
    return found


class _HelpLost(Exception):
    """The help argparse wrote on standard output could not be written (`> /dev/full`): `error` says why."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def help_text(lang: str, key: str, **fields: object) -> str:
    """Catalogue entry `key` in `lang` as an argparse help text (argparse fills in `%` fields: a `%` is doubled)."""
    return t(key, lang, **fields).replace("%", "%%")


def _lang_of(argv: Sequence[str] | None) -> str:
    """The --lang of a command line, read before the full parse so that argparse's refusals speak it."""
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--lang")
    try:
        found = early.parse_known_args(argv)[0].lang
    except argparse.ArgumentError:  # `--lang` without a value: the full parse says so
        return "id"
    return found if found in LANGS else "id"


def _shared(lang: str) -> _Shared:
    """Build the parent parsers of the shared options (each defined once, with one help text)."""
    parser_class = _parser_class(lang)

    def parent() -> argparse.ArgumentParser:
        return parser_class(add_help=False)

    season, data, cache, methodology, jury_methodology, province, category = (parent() for _ in range(7))
    season.add_argument(
        "--season",
        type=season_year(lang),
        default=DEFAULT_SEASON,
        metavar=t("metavar.season", lang),
        help=help_text(lang, "help.season", default=DEFAULT_SEASON),
    )
    # the default is the --lang read before the parse (_lang_of), so `paritrana --lang en validate` speaks English
    season.add_argument("--lang", choices=LANGS, default=lang, help=help_text(lang, "help.lang"))
    data.add_argument(
        "--data-dir",
        type=any_path(lang),
        default=DATA_DIR,
        metavar=t("metavar.data_dir", lang),
        help=help_text(lang, "help.data_dir", default=DATA_DIR),
    )
    # --no-cache writes no cache: a --cache-dir beside it would be used for nothing, so argparse refuses the two
    either = cache.add_mutually_exclusive_group()
    folder = t("metavar.cache_dir", lang)
    either.add_argument(
        "--cache-dir",
        type=any_path(lang),
        default=None,
        metavar=folder,
        help=help_text(lang, "help.cache_dir", folder=folder),
    )
    either.add_argument("--no-cache", action="store_true", help=help_text(lang, "help.no_cache"))
    _methodology_options(methodology, lang, "help.params_dir", "help.methodology")
    _methodology_options(jury_methodology, lang, "help.template_params_dir", "help.template_methodology")
    province.add_argument(
        "--province", default=None, metavar=t("metavar.province", lang), help=help_text(lang, "help.province")
    )
    category.add_argument(
        "--category", default=None, metavar=t("metavar.category", lang), help=help_text(lang, "help.category")
    )
    return _Shared(season, data, cache, methodology, jury_methodology, province, category)


class _StoreGiven(argparse.Action):
    """Store the option's value, and note that it was given (`<dest>_given`): its default is a real value, so a
    command that does not use the option can tell the user who gave it, instead of ignoring it in silence."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object, option: str | None = None
    ) -> None:
        setattr(namespace, self.dest, values)
        setattr(namespace, f"{self.dest}_given", True)


def _methodology_options(parser: argparse.ArgumentParser, lang: str, params_help: str, methodology_help: str) -> None:
    """Add --params-dir and --methodology to `parser`, with the help texts of catalogue keys `params_help` and
    `methodology_help`."""
    parser.add_argument(
        "--params-dir",
        action=_StoreGiven,
        type=any_path(lang),
        default=PARAMS_DIR,
        metavar=t("metavar.params_dir", lang),
        help=help_text(lang, params_help, default=PARAMS_DIR),
    )
    parser.add_argument(
        "--methodology",
        type=any_path(lang),
        default=None,
        metavar=t("metavar.methodology", lang),
        help=help_text(lang, methodology_help),
    )


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The argument parser of every sub-command, its help and its refusals of a value written in `lang`."""
    seeds = whole_number(lang, 0, MAX_SEED)
    draws, jobs = whole_number(lang, 1, MAX_DRAWS), whole_number(lang, 1, MAX_JOBS)
    seconds, per_kind = whole_number(lang, 1, MAX_SECONDS), whole_number(lang, 1, MAX_PER_KIND)

    def h(key: str, **fields: object) -> str:
        return help_text(lang, key, **fields)

    def m(key: str) -> str:
        return t(key, lang)

    def command(name: str, parents: list[argparse.ArgumentParser], key: str) -> argparse.ArgumentParser:
        """A sub-command whose one-line summary in `paritrana --help` is also its own --help's description."""
        return sub.add_parser(name, parents=parents, help=h(key), description=h(key))

    def csv_command(name: str, parents: list[argparse.ArgumentParser], key: str) -> argparse.ArgumentParser:
        """A sub-command writing one CSV, `--out`, whose refusal of a folder offers the command's own file name."""
        parser = command(name, parents, key)
        parser.add_argument(
            "--out",
            type=file_path(lang, OUT_FILE[name]),
            required=True,
            metavar=m("metavar.out_file"),
            help=h("help.csv_out"),
        )
        return parser

    def reports(parser: argparse.ArgumentParser, keys: tuple[str, str, str, str]) -> None:
        """The options of a command writing HTML reports into a folder (`run`, `rapor`): --out, --jobs, --draws and
        --seed, with the help texts `keys` (in that order)."""
        out, jobs_help, draws_help, seed_help = keys
        folder = m("metavar.out_folder")
        parser.add_argument(
            "--out", type=any_path(lang), default=REPORTS_DIR, metavar=folder, help=h(out, default=REPORTS_DIR)
        )
        parser.add_argument("--jobs", type=jobs, default=None, metavar=m("metavar.jobs"), help=h(jobs_help))
        parser.add_argument(
            "--draws",
            type=draws,
            default=DEFAULT_DRAWS,
            metavar=m("metavar.count"),
            help=h(draws_help, default=DEFAULT_DRAWS),
        )
        parser.add_argument(
            "--seed",
            type=seeds,
            default=DEFAULT_SEED,
            metavar=m("metavar.seed"),
            help=h(seed_help, default=DEFAULT_SEED),
        )

    parser = _parser_class(lang)(prog="paritrana", description=h("help.description"), epilog=h("help.epilog"))
    parser.add_argument("--lang", choices=LANGS, default=lang, help=h("help.lang"))
    sub = parser.add_subparsers(dest="command", required=True, metavar=t("help.command", lang))
    shared = _shared(lang)
    season = [shared.season, shared.data, shared.cache, shared.methodology]
    validate = command("validate", season, "help.validate")
    validate.add_argument(
        "--max-per-kind",
        type=per_kind,
        default=SHOWN_PER_KIND,
        metavar=m("metavar.max_per_kind"),
        help=h("help.max_per_kind", default=SHOWN_PER_KIND, kept=KEEP_PER_KIND),
    )
    generate = command("generate", [shared.season], "help.generate")
    generate.add_argument(
        "--out", type=any_path(lang), required=True, metavar=m("metavar.out_folder"), help=h("help.generate_out")
    )
    generate.add_argument(
        "--scale", choices=("kalimantan", "national"), default=None, help=h("help.scale", default="kalimantan")
    )
    generate.add_argument(
        "--seed", type=seeds, default=2025, metavar=m("metavar.seed"), help=h("help.generate_seed", default=2025)
    )
    generate.add_argument("--force", action="store_true", help=h("help.force"))
    generate.add_argument(
        "--previous-of", type=any_path(lang), default=None, metavar=m("metavar.folder"), help=h("help.previous_of")
    )
    filtered = [*season, shared.province]
    score = csv_command("score", [*filtered, shared.category], "help.score")
    score.add_argument(
        "--uncertainty",
        type=whole_number(lang, 0, MAX_DRAWS),
        default=0,
        metavar=m("metavar.count"),
        help=h("help.uncertainty"),
    )
    score.add_argument(
        "--seed", type=seeds, default=None, metavar=m("metavar.seed"), help=h("help.score_seed", default=DEFAULT_SEED)
    )
    csv_command("jury", [*filtered], "help.jury")
    csv_command("gaps", [*filtered, shared.category], "help.gaps")
    csv_command("awards", [*filtered], "help.awards")
    compare = csv_command("compare", [*filtered, shared.category], "help.compare")
    compare.add_argument(
        "--against", type=season_year(lang), required=True, metavar=m("metavar.against"), help=h("help.against")
    )
    run = command("run", season, "help.run")
    which = run.add_mutually_exclusive_group(required=True)
    which.add_argument("--province", metavar=m("metavar.province"), help=h("help.run_province"))
    which.add_argument("--all", action="store_true", help=h("help.all"))
    reports(run, ("help.run_out", "help.run_jobs", "help.run_draws", "help.run_seed"))
    run.add_argument(
        "--timeout", type=seconds, default=600, metavar=m("metavar.timeout"), help=h("help.timeout", default=600)
    )
    run.add_argument(
        "--notebook", type=any_path(lang), default=None, metavar=m("metavar.notebook"), help=h("help.notebook")
    )
    rapor = command("rapor", [*filtered, shared.category], "help.rapor")
    rapor.add_argument("--id", default=None, metavar=m("metavar.id"), help=h("help.id"))
    reports(rapor, ("help.rapor_out", "help.rapor_jobs", "help.rapor_draws", "help.rapor_seed"))
    explore = command("explore", season, "help.explore")
    explore.add_argument(
        "--port",
        type=whole_number(lang, 1, 65535),
        default=8866,
        metavar=m("metavar.port"),
        help=h("help.port", default=8866),
    )
    explore.add_argument("--allow-official", action="store_true", help=h("help.allow_official"))
    explore.add_argument(
        "--max-kernels", type=jobs, default=4, metavar=m("metavar.max_kernels"), help=h("help.max_kernels", default=4)
    )
    explore.add_argument(
        "--idle-timeout",
        type=seconds,
        default=600,
        metavar=m("metavar.seconds"),
        help=h("help.idle_timeout", default=600),
    )
    # intake, status and template read the sources themselves: no season cache options
    parents = [shared.season, shared.data, shared.methodology]
    jury_parents = [shared.season, shared.data, shared.jury_methodology]  # `template` reads a methodology for --jury
    add_parsers(sub, parents, jury_parents, per_kind, h, m, any_path(lang), file_path(lang, OUT_FILE["status"]))
    for each in _parsers(parser):  # a sub-command that finds an option missing asks the command what is unknown
        each.root = parser  # type: ignore[attr-defined]
    return parser


def summary(season: Season, lang: str) -> str:
    """One paragraph describing what a season holds."""
    tahun = season.tahun
    pemda_t = season.pemda[season.pemda["tahun"] == tahun]
    lines = [
        t(
            "cli.season_summary",
            lang,
            musim=season.musim,
            year=tahun,
            prev=tahun - 1,
            provinces=Ref("count.provinces", count=int((pemda_t["kode_wilayah"].str.len() == 2).sum())),
            regions=Ref("count.regions", count=int((pemda_t["kode_wilayah"].str.len() == 5).sum())),
            villages=Ref("count.villages", count=int((season.desa["tahun"] == tahun).sum())),
            businesses=Ref("count.businesses", count=int((season.badan_usaha["tahun"] == tahun).sum())),
            scores=Ref("count.interview_scores", count=len(season.wawancara)),
            jurors=Ref("count.jurors", count=int(season.wawancara["juri"].nunique())),
        )
    ]
    for name, path in season.files.items():
        frame = getattr(season, name)
        lines.append(
            "  " + t("summary.table", lang, table=name, rows=Ref("count.rows", count=len(frame)), file=path.name)
        )
    if season.illustrative:
        lines.append(t("summary.illustrative", lang))
    return "\n".join(lines)


def _methodology(args: argparse.Namespace) -> tuple[Path, Methodology | None, str | None]:
    """The methodology file, the methodology (None when invalid) and its messages (None when valid)."""
    from .methodology import default_methodology_path, load_methodology

    path = args.methodology or default_methodology_path(args.params_dir, args.season)
    try:
        return path, load_methodology(path, args.season, "--season", named=args.methodology is not None), None
    except MethodologyInvalid as invalid:
        return path, None, invalid.render(args.lang)


def _cache(args: argparse.Namespace) -> SeasonCache | None:
    """The season cache the options ask for (None with --no-cache); a --cache-dir that would put it among the season's
    inputs (its data or methodology folder, whose files are never written) is refused."""
    from .outputs import within
    from .season import season_folder

    if getattr(args, "no_cache", True):  # --no-cache, or a command without the cache options
        return None
    problem = machine_key_problem()
    if problem is not None:  # no entry could be read or written: said once, and the command goes on without it
        shown = shown_text(os.fsdecode(problem.filename or "~"), None)  # a path: quoted as `t` quotes a Path
        _warning(t("cli.cache_no_key", args.lang, folder=shown, reason=os_reason(problem)), args.lang)
        args.no_cache = True
        return None
    if getattr(args, "season_cache", None) is None:
        folder = season_folder(args.data_dir, args.season)
        if args.cache_dir is not None:
            place = Path(args.cache_dir) / folder.name
            for inputs in _inputs_at(args):
                if within(place, inputs):
                    key = "cli.cache_is_input_folder" if place.resolve() == inputs.resolve() else "cli.cache_is_input"
                    raise _Stop(t(key, args.lang, cache_dir=args.cache_dir, folder=place, input=inputs), 1)
        # `score` writes the cache while it scores and formats the CSV, `validate` while it checks the season
        # against the methodology (the writes are waited for at the end, in `main`)
        background = getattr(args, "command", None) in ("score", "validate")
        args.season_cache = SeasonCache.for_season(folder, args.cache_dir, quiet=True, background=background)
    cache: SeasonCache = args.season_cache
    return cache


def _load(
    args: argparse.Namespace,
    methodology: Methodology | None,
    refresh: bool = False,
    meanwhile: Callable[[Season], None] | None = None,
    check_invalid: Methodology | None = None,
    reader: ReaderWork | None = None,
) -> LoadResult:
    """The season, through the cache the options ask for (`meanwhile`, `check_invalid`, `reader`: see
    load_season)."""
    return load_season(
        args.season,
        args.data_dir,
        methodology,
        _cache(args),
        refresh=refresh,
        meanwhile=meanwhile,
        check_invalid=check_invalid,
        option="--season",
        reader=reader,
    )


def _cache_failures(args: argparse.Namespace, said: bool = True) -> None:
    """Wait for the season cache's writes, then warn (once per folder) that it could not be written: the command
    itself went on. Not `said` for a command stopped (Ctrl-C, SIGTERM, which `timeout` sends its forked writers
    too): its writes are ended, not waited for (SeasonCache.stop), and its message says to run it again, which
    writes the cache."""
    cache: SeasonCache | None = getattr(args, "season_cache", None)
    if not said:  # stopped: its writers ended, not waited for
        if cache is not None:
            cache.stop()
        return
    if cache is not None:
        cache.wait()
    lang = args.lang
    for folder, reason in dict.fromkeys(cache.failures if cache is not None else []):
        _warning(t("cli.cache_unwritable", lang, folder=folder, reason=reason), lang)


def _validate(args: argparse.Namespace) -> int:
    _, methodology, problem = _methodology(args)
    result = _load_checked(args, methodology)
    print(result.report.render(args.lang, args.max_per_kind))
    if problem is not None:
        print(problem)
    if result.season is not None:
        print(summary(result.season, args.lang))
    return 0 if result.report.ok and problem is None else 1


def _load_checked(args: argparse.Namespace, methodology: Methodology | None) -> LoadResult:
    """The season read from the sources (validate always reads them, and refreshes the cache) and checked against
    `methodology`: in a forked process as soon as its cells are valid, while this one checks it across tables; a
    season with errors, as far as its tables without an error allow (season.check_clean)."""
    from . import forking
    from .season import check_against

    checking: list[forking.Forked[ValidationReport]] = []

    def meanwhile(season: Season) -> None:
        if methodology is not None and forking.can_fork():
            checking.append(forking.fork(functools.partial(_checked_apart, season, methodology)))

    try:
        result = _load(args, None, refresh=True, meanwhile=meanwhile, check_invalid=methodology)
        if result.season is None or methodology is None:
            return result
        if checking:
            with suppress(ChildProcessError):  # killed (out of memory): checked here instead
                result.report.absorb(checking[0].result())
                return LoadResult(result.season if result.report.ok else None, result.report)
        return check_against(result.season, result.report, methodology)
    finally:
        for job in checking:
            job.stop()  # ended already, unless the season had errors or loading it was interrupted


def _checked_apart(season: Season, methodology: Methodology) -> ValidationReport:
    """What registry.check finds in `season` against `methodology`, in a report of its own."""
    from .registry import check

    report = ValidationReport(season.musim)
    check(season, methodology, report)
    return report


def _generate(args: argparse.Namespace) -> int:
    from .outputs import blocked_by
    from .synthetic import FolderNotEmpty, generate_season

    lang = args.lang
    if args.out.exists() and not args.out.is_dir():
        key = "cli.out_not_folder" if args.out.is_file() else "cli.out_folder_not_regular"
        raise _Stop(t(key, lang, out=args.out), 1)
    blocker = blocked_by(args.out)
    if blocker is not None:
        raise _Stop(t("cli.out_blocked", lang, out=args.out, blocker=blocker), 1)
    if _holds_seasons(args.out):  # with --force its files would lie among the season folders, replacing none
        example = args.out / str(args.season)
        raise _Stop(t("cli.generate_out_is_seasons_folder", lang, out=args.out, example=example), 1)
    try:
        if args.previous_of is not None:
            counts = _written(args.out, lang, lambda: _previous_of(args))
        else:
            _refuse_unnamed_out(args.out, args.season, lang)
            counts = _written(
                args.out,
                lang,
                lambda: generate_season(
                    args.out, musim=args.season, scale=args.scale or "kalimantan", seed=args.seed, force=args.force
                ),
            )
    except FolderNotEmpty as full:
        raise _Stop(full.message(lang), 1) from None
    print(t("cli.generated", lang, musim=args.season, out=args.out))
    for table, rows in counts.items():
        print(t("cli.generated_table", lang, table=table, rows=Ref("count.rows", count=rows)))
    return 0


def _refuse_unnamed_out(out: Path, musim: int, lang: str) -> None:
    """Stop `generate` on an --out not named as its season (`build`, `build/2024` for season 2025): every command
    reads season `musim` from `<data-dir>/<musim>/`, so none would find what is written there (as intake refuses)."""
    resolved, typed = out.resolve().name, out.absolute().name  # `.` in it, or a link named as the season
    if str(musim) in (resolved, typed):
        return
    fields = {"out": out, "musim": musim}
    if typed.isascii() and typed.isdigit():
        said = t("cli.generate_out_named_season", lang, other=typed, example=out.parent / str(musim), **fields)
    else:
        said = t("cli.generate_out_not_season", lang, example=out / str(musim), data_dir=out, **fields)
    raise _Stop(said, 1)


def _holds_seasons(out: Path) -> bool:
    """Whether `out` is a folder of season folders: the data or params folder the other commands read by default, or
    one holding a folder named as a season (`2025`), as `_inputs_at` finds them."""
    if _same_folder(out, DATA_DIR) or _same_folder(out, PARAMS_DIR):
        return True
    with suppress(OSError):  # a folder that cannot be listed holds no season this command could find
        return any(p.name.isascii() and p.name.isdigit() and p.is_dir() for p in out.iterdir())
    return False


def _previous_of(args: argparse.Namespace) -> dict[str, int]:
    """`generate --previous-of FOLDER`: season --season derived from the valid season in FOLDER (its next one)."""
    from .synthetic_previous import write_previous_season

    folder: Path = args.previous_of
    from .outputs import within

    if args.scale is not None:  # the derived season has the next one's participants, whatever the scale asked
        raise _Stop(t("cli.previous_of_scale", args.lang, scale=args.scale, folder=folder), 2)
    if within(args.out, folder) or within(folder, args.out):
        raise _Stop(t("cli.out_is_input", args.lang, out=args.out, input=folder), 1)
    if folder.name != str(args.season + 1):
        raise _Stop(t("cli.previous_of_season", args.lang, folder=folder, musim=args.season, next=args.season + 1), 2)
    _refuse_unnamed_out(args.out, args.season, args.lang)
    result = load_season(args.season + 1, folder.parent, option="--season")
    if result.season is None:
        raise _Stop(result.report.render(args.lang), 1)
    return write_previous_season(result.season, args.out, seed=args.seed, force=args.force)


def _score_provinces(value: str | None, season: Season, lang: str) -> tuple[list[str] | None, str | None]:
    """The --province filter as codes (None = all), or the message for an unknown or absent province."""
    if value is None:
        return None, None
    from .regions import province_choices, resolve_province, unknown_province

    present = dict(zip(season.provinces["kode_wilayah"], season.provinces["nama"], strict=True))
    code = resolve_province(value, present)
    allowed = ", ".join(province_choices(list(present)))  # the season's provinces, as `paritrana run` offers them
    if code is None:
        return None, unknown_province(value, present, lang)
    if code not in present:
        return None, t("cli.province_not_in_season", lang, value=code, musim=season.musim, allowed=allowed)
    return [code], None


def _warn(message: str) -> None:
    """An error or a warning: printed on standard error, so that standard output holds only results."""
    print(message, file=sys.stderr, flush=True)


def _warning(text: str, lang: str) -> None:
    """A warning, marked as one in `lang`, on standard error."""
    _warn(f"[{t('severity.warning', lang)}] {text}")


class _Stop(Exception):
    """A command cannot go on: `message` is printed and the command exits with `code`."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message, self.code = message, code


T = TypeVar("T")


def _written(out: Path, lang: str, write: Callable[[], T]) -> T:
    """Run `write`; a file system error (no such folder, a file in the way, no permission) becomes a message."""
    try:
        return write()
    except OSError as error:
        raise _Stop(unwritable(out, error, lang), 1) from None


def _inputs_at(args: argparse.Namespace) -> list[Path]:
    """Where --out may never point: the season's data folder (tables, musim.yaml, SOURCES.md), its params folder,
    those of every other season beside them (`rapor`, `run` and `compare` read the last season's: a score CSV
    written over `data/2024/pemda.csv` lost it) and the methodology file in use."""
    from .season import season_folder

    seasons = {args.season} | ({args.against} if getattr(args, "against", None) is not None else set())
    for parent in (Path(args.data_dir), Path(args.params_dir)):
        with suppress(OSError):  # a folder that cannot be listed (missing): its seasons are refused later
            seasons |= {int(p.name) for p in parent.iterdir() if p.name.isascii() and p.name.isdigit() and p.is_dir()}
    ordered = sorted(seasons, key=lambda s: (s != args.season, s))  # this season's named first
    places = [p for s in ordered for p in (season_folder(args.data_dir, s), Path(args.params_dir) / str(s))]
    return places + ([args.methodology] if args.methodology else [])


def _check_out(
    args: argparse.Namespace, written: Path, folder: bool, own: Path | None = None, beside: Ref | None = None
) -> None:
    """Refuse, before any work, an --out whose `written` path lies in the inputs or the season's cache folder (whose
    files the command writes meanwhile), a `folder` that is the data or params folder holding every season, or an --out
    of the wrong kind; `own`: the one input folder the command may write as a whole (intake's season data folder), never
    anything inside it; `beside`: what `written` is when it is not --out but the file status writes beside it under
    its name (Ref("cli.beside_csv"): its CSV), which a refusal names as such."""
    from .outputs import blocked_by, within

    def refused(key: str, beside_key: str, **fields: object) -> _Stop:
        """The refusal `key`; of a file written beside --out, `beside_key` naming that file, what it is and --out."""
        if beside is None:
            return _Stop(t(key, args.lang, **fields), 1)
        return _Stop(t(beside_key, args.lang, **{**fields, "file": written, "what": beside, "out": args.out}), 1)

    for place in _inputs_at(args):
        if own is not None and _same_folder(written, own) and _same_folder(place, own):
            continue
        if within(written, place) and folder and written != args.out and not within(args.out, place):
            # run and rapor write into <out>/<musim>/: that folder is the one in the inputs (--out data, or a link)
            itself = written == place
            key = _out_key(args, "cli.out_season_is_input_itself" if itself else "cli.out_season_is_input")
            raise _Stop(t(key, args.lang, out=args.out, folder=written, input=place), 1)
        if within(written, place):
            raise refused(_out_key(args, "cli.out_is_input"), "cli.beside_is_input", out=args.out, input=place)
    for seasons, option in ((Path(args.data_dir), "--data-dir"), (Path(args.params_dir), "--params-dir")):
        if folder and _same_folder(written, seasons):  # its files would lie among the season folders
            example = own or Path("hasil") / args.command
            key = _out_key(args, "cli.out_is_seasons_folder")
            fields = {"out": args.out, "written": written, "folder": seasons, "option": option, "example": example}
            raise _Stop(t(key, args.lang, **fields), 1)
    cache = _cache(args)  # by default inside the season's data folder (refused above); else under --cache-dir
    if cache is not None and args.cache_dir is not None:
        _check_out_beside_cache(args, written, folder, cache.folder)
    if not folder and written == args.out:
        _refuse_other_kind(args)
    if folder and args.out.exists() and not args.out.is_dir():  # a file, or /dev/null, a pipe: said as what it is
        key = "cli.out_not_folder" if args.out.is_file() else "cli.out_folder_not_regular"
        raise _Stop(t(_out_key(args, key), args.lang, out=args.out), 1)
    if not folder and written.is_dir():
        example = args.out / OUT_FILE[args.command]
        raise refused("cli.out_is_folder", "cli.beside_is_folder", out=args.out, example=example)
    if written.exists() and not written.is_file() and not written.is_dir():  # /dev/null, a pipe: never replaced
        raise refused("cli.out_not_regular", "cli.beside_not_regular", out=written)
    if not folder and written.is_symlink():  # /dev/stdout too: the rename would replace the link, not its target
        raise refused("cli.out_is_link", "cli.beside_is_link", out=written, target=written.readlink())
    blocker = blocked_by(written if folder else written.parent)
    if blocker is not None:
        raise _Stop(t(_out_key(args, "cli.out_blocked"), args.lang, out=args.out, blocker=blocker), 1)


def _refuse_other_kind(args: argparse.Namespace) -> None:
    """Refuse (exit 2, a usage error as a workbook's name is: `file_path`) a file --out whose name ends in another
    kind's suffix (`KIND_SUFFIX`, none of `OUT_SUFFIXES`): a CSV as `skor.csv.html` a browser shows as a page, running
    any script a name in it holds; `gaps.json`, which no JSON reader reads. Told after the inputs are looked at: an
    --out naming the methodology (`.yaml`) is said to be an input."""
    named: Path = args.out
    written = Path(OUT_FILE[args.command]).suffix
    if not KIND_SUFFIX.fullmatch(named.suffix) or named.suffix.lower() in OUT_SUFFIXES[written]:
        return
    renamed = named.with_name(named.stem) if Path(named.stem).suffix.lower() == written else named.with_suffix(written)
    fields = {"value": named, "kind": written.lstrip(".").upper(), "suffix": named.suffix, "renamed": renamed}
    raise _Stop(t("cli.out_other_kind", args.lang, **fields), 2)


def _check_linked_folders(args: argparse.Namespace, folder: Path) -> None:
    """Refuse, before any work, a symbolic link among the group folders of `folder` (`rapor`'s `<out>/<musim>/`) or
    their category folders that leads into the inputs or the season's cache folder, or to the data or params folder
    holding every season, as `_check_out` refuses --out itself: the cards of that folder would be written among them.
    A link elsewhere (a province's cards kept on another disk) is written through."""
    from .outputs import within

    cache = _cache(args)
    inside = [*_inputs_at(args), *([cache.folder] if cache is not None else [])]
    for link in _linked_folders(folder):
        place = next((place for place in inside if within(link, place)), None)
        place = place or next((p for p in (Path(args.data_dir), Path(args.params_dir)) if _same_folder(link, p)), None)
        if place is not None:
            fields = {"out": args.out, "link": link, "target": link.resolve(), "input": place}
            raise _Stop(t("cli.out_link_is_input", args.lang, **fields), 1)


def _linked_folders(folder: Path) -> list[Path]:
    """The symbolic links among the entries of `folder` and of its subfolders (followed where they are links), sorted;
    none where it cannot be listed."""
    found: list[Path] = []
    for place in (folder, *_subfolders(folder)):
        found += [entry for entry in _entries(place) if entry.is_symlink()]
    return sorted(found)


def _subfolders(folder: Path) -> list[Path]:
    """The folders among the entries of `folder` (links to folders too)."""
    return [entry for entry in _entries(folder) if entry.is_dir()]


def _entries(folder: Path) -> list[Path]:
    """The entries of `folder`; none where it cannot be listed (missing, not a folder, no permission)."""
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _check_out_beside_cache(args: argparse.Namespace, written: Path, folder: bool, cache: Path) -> None:
    """Refuse a `written` path (--out, or run's and rapor's `<out>/<musim>/`, a `folder`) that is the season's cache
    folder `cache` (`<cache-dir>/<musim>/`, whose files the command writes meanwhile) or lies in it, or a `folder`
    that holds it (the season's cached tables would lie among the results). The message names both options and the
    two folders they lead to, the cause being that each option gets `<musim>/` added."""
    from .outputs import within

    if not folder:
        key = "cli.out_is_cache" if within(written, cache) else None
    elif _same_folder(written, cache):
        key = "cli.out_season_is_cache"
    elif within(written, cache):
        key = "cli.out_season_in_cache"
    else:
        key = "cli.cache_in_out_season" if within(cache, written) else None
    if key is not None:
        fields = {"out": args.out, "cache_dir": args.cache_dir, "folder": written, "cache": cache}
        raise _Stop(t(_out_key(args, key), args.lang, musim=args.season, **fields), 1)


#: The refusals of a report folder that name its --out, and their forms for an --out not typed (run's and rapor's
#: default, `reports`), which name the folder as --out's default and ask for an --out.
_OUT_DEFAULT_KEYS = {
    "cli.out_is_input": "cli.out_is_input_default",
    "cli.out_season_is_input": "cli.out_season_is_input_default",
    "cli.out_season_is_input_itself": "cli.out_season_is_input_itself_default",
    "cli.out_is_seasons_folder": "cli.out_is_seasons_folder_default",
    "cli.out_season_is_cache": "cli.out_season_is_cache_default",
    "cli.out_season_in_cache": "cli.out_season_in_cache_default",
    "cli.cache_in_out_season": "cli.cache_in_out_season_default",
    "cli.out_not_folder": "cli.out_not_folder_default",
    "cli.out_folder_not_regular": "cli.out_folder_not_regular_default",
    "cli.out_blocked": "cli.out_blocked_default",
}


def _out_key(args: argparse.Namespace, key: str) -> str:
    """The refusal `key` of an --out, or its form for an --out left to its default (`_OUT_DEFAULT_KEYS`)."""
    return key if "out" in args.options_given else _OUT_DEFAULT_KEYS.get(key, key)


def _same_folder(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name one folder (links and `..` resolved)."""
    from .outputs import within

    return within(a, b) and within(b, a)


@dataclass(frozen=True)
class _Inputs:
    """What score, gaps and jury work on: a valid season and methodology, the --province and --category filters."""

    season: Season
    methodology: Methodology
    provinces: list[str] | None
    categories: list[str] | None
    report: ValidationReport
    registry: Registry | None


def _checked_methodology(args: argparse.Namespace) -> tuple[Path, Methodology]:
    """Check --out, then load the methodology; raise _Stop with the messages when it is invalid."""
    _check_out(args, args.out, folder=False)
    path, methodology, problem = _methodology(args)
    if methodology is None:
        raise _Stop(str(problem), 1)
    return path, methodology


#: Warnings a scoring command prints (the others are `validate`'s): what is left out of, or counted 0 in, the scores
#: and the special awards.
_SCORING_WARNINGS = (
    "W_NO_CATEGORY",
    "W_EMPTY_CATEGORY",
    "W_FILTER_VALUE_UNMATCHED",
    "W_ASPECT_UNSCORED",
    "W_JURY_UNWEIGHTED",
    "W_AWARD_UNWEIGHTED",
)


def _warn_scoring(
    report: ValidationReport, lang: str, earlier: int | None = None, why: str = "cli.earlier_season_warning"
) -> None:
    """The report's warnings of what the scores leave out or count 0 (_SCORING_WARNINGS), printed as warnings;
    `earlier`: the report is of that season, read to compare with, which each warning says with the entry `why`
    (compare's --against season; "cli.previous_season_warning": the previous season run and rapor read)."""
    for warning in (p for p in report.warnings if p.code in _SCORING_WARNINGS):
        text = warning.message(lang)
        _warning(text if earlier is None else t(why, lang, musim=earlier, message=text), lang)


def _warn_previous_scoring(args: argparse.Namespace, report: ValidationReport) -> None:
    """The scoring warnings of the previous season, whose scores run and rapor read for the changes since last
    season (its `report`), each marked as that season's and naming the files with its folder."""
    from .methodology import default_methodology_path

    musim = args.season - 1
    named = _in_folder(args, report, musim, default_methodology_path(args.params_dir, musim))
    _warn_scoring(named, args.lang, earlier=musim, why="cli.previous_season_warning")


def _inputs(
    args: argparse.Namespace, checked: tuple[Path, Methodology] | None = None, *, in_folder: bool = False
) -> _Inputs:
    """Check --out, then load and check the methodology (unless `checked` already), the season against it and the
    filters; raise _Stop with the messages otherwise. Participants no category matches are printed as warnings.
    `in_folder`: the messages name a file of the season with its folder (`compare`, reading two seasons)."""
    path, methodology = checked or _checked_methodology(args)
    result = _load(args, methodology)
    shown = _in_folder(args, result.report, args.season, path) if in_folder else result.report
    if result.season is None:
        raise _Stop(shown.render(args.lang), 1)
    _warn_scoring(shown, args.lang)
    provinces, problem = _score_provinces(args.province, result.season, args.lang)
    if problem is not None:
        raise _Stop(problem, 2)
    category = _category(getattr(args, "category", None), methodology, path, args.lang)
    categories = None if category is None else [category]
    return _Inputs(result.season, methodology, provinces, categories, result.report, result.registry)


def _score(args: argparse.Namespace) -> int:
    from .engine import (
        SCORE_CSV,
        csv_bytes,
        score_counts,
        score_season,
        store_score_csv,
        stored_score_csv,
        write_score_bytes,
    )
    from .season import season_cache_key

    if args.seed is not None and not args.uncertainty:  # a seed of nothing: the intervals the user meant are absent
        raise _Stop(t("cli.seed_without_uncertainty", args.lang, seed=args.seed), 2)
    checked = _checked_methodology(args)
    cache = _cache(args)
    entire = args.province is None and args.category is None and not args.uncertainty  # the whole season's CSV
    whole = entire and cache is not None
    kept = whole and cache is not None and cache.holds(SCORE_CSV)  # else the files are hashed while they are read
    season_key = season_cache_key(args.season, args.data_dir) if kept else None
    stored = None if cache is None or season_key is None else stored_score_csv(cache, season_key, checked[1])
    if stored is not None:  # the whole season's CSV, kept for these very files, methodology and workbook
        _warn_scoring(stored.report, args.lang)
        _written(args.out, args.lang, lambda: write_score_bytes(args.out, stored.data))
        print(
            t("cli.scored", args.lang, musim=args.season, count=stored.peserta, unscored=stored.unscored, out=args.out)
        )
        return 0
    # only the CSV is kept in the cache (below), not the scores' tables: their `indikator` table is never built here
    if entire:
        data, counts, report, season_key = _whole_season_csv(args, checked[1])
    else:
        inputs = _inputs(args, checked)
        season_key, report = inputs.season.cache_key, inputs.report
        scores = score_season(
            inputs.season, inputs.methodology, inputs.provinces, inputs.categories, checked=inputs.registry, keep=False
        )
        extra = None
        if args.uncertainty:
            from .uncertainty import uncertainty_columns

            seed = DEFAULT_SEED if args.seed is None else args.seed
            extra = uncertainty_columns(inputs.season, scores, inputs.provinces, args.uncertainty, seed)
            print(t("cli.uncertainty", args.lang, draws=Ref("count.random_draws", count=args.uncertainty), seed=seed))
        del inputs  # the season's tables are not needed to write the CSV: their memory is freed first
        release_freed_memory()
        if cache is not None and not cache.forks():  # a forked writer's memory is its own: the CSV is made meanwhile
            cache.wait()  # the writer thread's Parquet files written before the CSV is made: a lower peak
            release_freed_memory()
        data = csv_bytes(scores, extra)
        counts = score_counts(scores)
        del scores, extra  # in `data` now: their memory is free for the cache's writes
    release_freed_memory()
    if whole and cache is not None and season_key is not None:  # kept by a forked writer while --out is written
        store_score_csv(cache, season_key, checked[1], data, counts, report)
    _written(args.out, args.lang, lambda: write_score_bytes(args.out, data))
    print(t("cli.scored", args.lang, musim=args.season, count=counts[0], unscored=counts[1], out=args.out))
    return 0


def _category(value: str | None, methodology: Methodology, path: Path, lang: str) -> str | None:
    """The category --category names (None: all): its id as written, or as the methodology spells it when only the
    case or the spaces around it differ (`Desa`); else _Stop naming the closest id, then every one."""
    if value is None or value in methodology.kategori:
        return value
    spelled = {name.casefold(): name for name in methodology.kategori}
    found = spelled.get(value.strip().casefold())
    if found is not None:
        return found
    close = difflib.get_close_matches(value.strip().casefold(), list(spelled), n=1, cutoff=0.6)
    hint = Ref("hint.did_you_mean", found=spelled[close[0]]) if close else ""
    allowed = ", ".join(methodology.categories())
    fields = {"value": shown_text(value, None), "file": path, "allowed": allowed, "hint": hint}
    raise _Stop(t("cli.category_not_in_methodology", lang, **fields), 2)


def _whole_season_csv(
    args: argparse.Namespace, methodology: Methodology
) -> tuple[bytearray | Chunks, tuple[int, int], ValidationReport, str | None]:
    """The whole season's score CSV, its counts, the season's report and cache key: the categories of the tables
    read in a forked process are scored there as soon as it has read them; as soon as the season's cells are valid,
    about half the provinces of the others are scored in a forked process while this one checks the season across
    tables and against the methodology (an error drops that work) and scores the rest (score_csv)."""
    from .score_csv import Started, finish, reader_work, start
    from .season import check_against

    begun: list[Started] = []
    reader = reader_work(methodology)
    try:
        loaded = _load(
            args,
            None,
            meanwhile=lambda season: begun.append(start(season, methodology, early=True, reader=reader)),
            check_invalid=methodology,
            reader=reader,
        )
    except BaseException:
        reader.stop()
        for started in begun:
            started.stop()
        raise
    if loaded.season is None:
        reader.stop()
        for started in begun:
            started.stop()
        raise _Stop(loaded.report.render(args.lang), 1)
    started = begun[0] if begun else start(loaded.season, methodology, reader=reader)  # a season the cache kept
    try:
        result = check_against(loaded.season, loaded.report, methodology, started.built)  # all this process scores
        if result.season is None or result.registry is None:
            raise _Stop(result.report.render(args.lang), 1)
        _warn_scoring(result.report, args.lang)
        data, counts = finish(result.registry, started)
    except BaseException:
        started.stop()
        raise
    return data, counts, result.report, result.season.cache_key


def _jury(args: argparse.Namespace) -> int:
    from .engine import score_season
    from .reliability import jury_reliability, write_reliability_csv

    inputs = _inputs(args)
    scores = score_season(inputs.season, inputs.methodology, checked=inputs.registry)
    table = jury_reliability(inputs.season, inputs.methodology, scores, inputs.provinces)
    _written(args.out, args.lang, lambda: write_reliability_csv(table, args.out))
    groups = len(table[["kategori", "kode_provinsi"]].drop_duplicates())
    print(
        t(
            "cli.jury_written",
            args.lang,
            musim=args.season,
            groups=Ref("count.ranking_groups", count=groups),
            rows=Ref("count.juror_rows", count=len(table)),
            flagged=int(table["ditandai"].sum()),
            out=args.out,
        )
    )
    if scores.wawancara.empty:  # the desk stage: no juror has scored yet (not a jury without groups)
        print(t("cli.jury_desk_stage", args.lang, musim=args.season))
    return 0


def _gaps(args: argparse.Namespace) -> int:
    from .gaps import gaps_csv, iter_gaps
    from .outputs import write_atomic

    inputs = _inputs(args)
    table = gaps_csv(iter_gaps(inputs.season, inputs.methodology, None, inputs.provinces, inputs.categories))
    _written(args.out, args.lang, lambda: write_atomic(args.out, table.data))
    print(
        t(
            "cli.gaps_written",
            args.lang,
            musim=args.season,
            count=table.rows,
            participants=Ref("count.participants", count=table.participants),
            enough=table.enough,
            out=args.out,
        )
    )
    return 0


def _awards(args: argparse.Namespace) -> int:
    from .awards import csv_table
    from .engine import score_season
    from .outputs import table_csv_text, write_atomic

    inputs = _inputs(args)
    table = score_season(inputs.season, inputs.methodology, inputs.provinces, checked=inputs.registry).penghargaan
    rows = csv_table(table, inputs.methodology)
    _written(args.out, args.lang, lambda: write_atomic(Path(args.out), table_csv_text(rows)))
    print(
        t(
            "cli.awards_written",
            args.lang,
            musim=args.season,
            awards=Ref("count.special_awards", count=len(inputs.methodology.penghargaan_khusus)),
            rows=Ref("count.winners", count=len(table)),
            out=args.out,
        )
    )
    return 0


def _compare(args: argparse.Namespace) -> int:
    from .compare import assesses_earlier, compare_seasons, compared_participants, disagreements, write_compare_csv
    from .engine import score_season
    from .methodology import default_methodology_path, load_methodology

    if args.against >= args.season:  # compared with itself, or with a later season
        raise _Stop(
            t(
                "cli.compare_not_earlier",
                args.lang,
                musim=args.season,
                against=args.against,
                musim_before=args.season - 1,
            ),
            2,
        )
    inputs = _inputs(args, in_folder=True)
    path = default_methodology_path(args.params_dir, args.against)
    try:
        methodology = load_methodology(path, musim=args.against, option="--against")
    except MethodologyInvalid as invalid:  # what is wrong with the earlier season's data is said with it
        earlier = load_season(args.against, args.data_dir, None, option="--against")
        if earlier.season is not None:
            raise
        problems = _in_folder(args, earlier.report, args.against, path).render(args.lang)
        raise _Stop(f"{invalid.render(args.lang)}\n{problems}", 1) from None
    result = load_season(args.against, args.data_dir, methodology, option="--against")
    if result.season is None or not assesses_earlier(inputs.season, result.season, result.report):
        raise _Stop(_in_folder(args, result.report, args.against, path).render(args.lang), 1)
    _warn_scoring(_in_folder(args, result.report, args.against, path), args.lang, earlier=args.against)
    previous = result.season
    held = set(previous.provinces["kode_wilayah"])
    earlier_provinces = None if inputs.provinces is None else [p for p in inputs.provinces if p in held]
    compared = inputs.provinces if inputs.provinces is not None else list(inputs.season.provinces["kode_wilayah"])
    for code in (p for p in compared if p not in held):  # new this season (a split): its participants new
        _warning(t("cli.compare_new_province", args.lang, value=code, against=args.against), args.lang)
    scores = score_season(inputs.season, inputs.methodology, inputs.provinces, inputs.categories)
    scores_before = score_season(previous, methodology, earlier_provinces, inputs.categories)  # none: a new province
    table = compare_seasons(scores, scores_before)
    _warn_other_categories(args, inputs, methodology)
    _warn_matched_otherwise(args, table, inputs.methodology, methodology)
    filtered = inputs.provinces is not None or inputs.categories is not None
    chosen = compared_participants(scores, scores_before) if filtered else None  # the rows of the CSV's participants
    found = disagreements(inputs.season, previous, inputs.report.sheets, result.report.sheets, chosen)
    for disagreement in found:
        _warning(disagreement.message(args.lang), args.lang)
    if found:
        _warn(t("cli.compare_disagreements", args.lang, count=len(found), musim=args.season, against=args.against))
    _written(args.out, args.lang, lambda: write_compare_csv(table, args.out))
    now, before = table["ikut"], table["ikut_lalu"]
    print(
        t(
            "cli.compared",
            args.lang,
            musim=args.season,
            against=args.against,
            count=len(table),
            both=int((now & before).sum()),
            new=int((now & ~before).sum()),
            gone=int((~now).sum()),
            out=args.out,
        )
    )
    return 0


def _in_folder(args: argparse.Namespace, report: ValidationReport, musim: int, methodology: Path) -> ValidationReport:
    """`report` of season `musim` naming each file of its season folder with the folder (`data/2024/pemda.csv`, as
    compare's disagreements do): both seasons compare reads hold a `pemda.csv`."""
    from .season import season_folder

    return report.in_folder(season_folder(args.data_dir, musim), other=str(methodology))


def _warn_other_categories(args: argparse.Namespace, inputs: _Inputs, earlier: Methodology) -> None:
    """A warning for each category compared that the earlier season's methodology lacks (all its participants show
    as new) or ranks in other groups (a change of rank then mixes two groupings), and, with no --category, for each
    category of the earlier methodology this season's lacks (all its participants show as gone); one for a category
    it scores otherwise (compare.methodology_changes: a change of rank then mixes a change of methodology)."""
    from .compare import methodology_changes

    changed = methodology_changes(inputs.methodology, earlier)
    for kategori in inputs.categories or inputs.methodology.categories():
        before = earlier.kategori.get(kategori)
        grouped = inputs.methodology.kategori[kategori].kelompok
        if before is not None and before.kelompok == grouped:
            keys = ", ".join(changed.get(kategori, ()))
            if keys:
                text = t("cli.compare_scored_otherwise", args.lang, kategori=kategori, against=args.against, keys=keys)
                _warning(text, args.lang)
            continue
        if before is None:
            text = t("cli.compare_no_category", args.lang, kategori=kategori, against=args.against)
        else:
            now, old = (t(f"report.group_{kelompok}", args.lang) for kelompok in (grouped, before.kelompok))
            text = t("cli.compare_other_group", args.lang, kategori=kategori, against=args.against, now=now, old=old)
        _warning(text, args.lang)
    if inputs.categories is None:  # --category names this season's categories only
        for kategori in earlier.categories():
            if kategori not in inputs.methodology.kategori:
                text = t("cli.compare_dropped_category", args.lang, kategori=kategori, against=args.against)
                _warning(text, args.lang)


def _warn_previous_without_methodology(args: argparse.Namespace) -> None:
    """A warning when the previous season's data folder is there but its methodology file is not: `run` and `rapor`
    then show no change since last season."""
    from .report.context import previous_methodology_missing

    missing = previous_methodology_missing(args.season, args.data_dir, args.params_dir)
    if missing is not None:
        text = t("cli.previous_without_methodology", args.lang, musim=args.season - 1, file=missing)
        _warning(text, args.lang)


def _warn_matched_otherwise(
    args: argparse.Namespace, table: pd.DataFrame, methodology: Methodology, earlier: Methodology
) -> None:
    """A warning for each pair of participants of one season only whose ids differ only by leading zeros (perhaps one
    participant, its NPP written two ways), for each participant matched on its id whose name differs between the
    seasons (perhaps another participant under the same id), and for each ranked in another group last season in a
    category both methodologies group alike (another zone; a category grouped otherwise is warned of once, as a
    whole). Names and zones are quoted as a validation message quotes a cell (shown_text): two names that differ by
    an invisible character alone are told apart, and a long one is cut."""
    from .compare import regrouped, renamed, zeros_apart

    def warn(key: str, kategori: object, **quoted: object) -> None:
        """The warning `key` of a participant of `kategori`, its names, ids and zones quoted as a cell is."""
        shown = {name: shown_text(str(value)) for name, value in quoted.items()}
        _warning(t(key, args.lang, kategori=kategori, against=args.against, **shown), args.lang)

    for pair in zeros_apart(table).itertuples(index=False):
        warn(
            "cli.compare_zeros_apart",
            pair.kategori,
            id=pair.id_peserta,
            nama=pair.nama,
            id_lalu=pair.id_lalu,
            nama_lalu=pair.nama_lalu,
            kategori_lalu=pair.kategori_lalu,
        )
    for row in renamed(table).itertuples(index=False):
        warn("cli.compare_renamed", row.kategori, id=row.id_peserta, nama=row.nama, nama_lalu=row.nama_lalu)
    for row in regrouped(table).itertuples(index=False):
        before = earlier.kategori.get(str(row.kategori))
        if before is None or before.kelompok != methodology.kategori[str(row.kategori)].kelompok:
            continue
        warn(
            "cli.compare_regrouped",
            row.kategori,
            id=row.id_peserta,
            nama=row.nama,
            now=row.kelompok,
            old=row.kelompok_lalu,
        )


def _check_notebook(path: Path, lang: str) -> None:
    """Refuse, before the season is read and any kernel starts, a --notebook that Jupyter cannot read (not JSON, not
    a valid notebook): said in `lang`, the reader's own words given as the technical detail; one without a cell
    tagged `parameters`, whose own values would replace the run's. One whose `parameters` cell does not set every
    parameter a run gives it is refused by run_reports (pipeline.check_notebook_parameters), before any other work."""
    import nbformat

    try:
        notebook = nbformat.read(path, as_version=4)  # as papermill reads it
    except OSError as error:
        raise _Stop(t("cli.os_error", lang, path=path, reason=os_reason(error)), 1) from None
    except Exception as error:  # noqa: BLE001 - nbformat's NotJSONError, ValidationError and the like
        detail = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        raise _Stop(t("cli.notebook_unreadable", lang, path=path, detail=detail), 1) from None
    # papermill puts the run's values after that cell; without one, at the top, where the notebook's own replace them
    if not any("parameters" in cell.get("metadata", {}).get("tags", []) for cell in notebook.cells):
        raise _Stop(t("cli.notebook_no_parameters", lang, path=path), 1)


def _as_typed(path: Path, out: Path) -> Path:
    """`path`, a file `run` wrote under `out` (resolved for the kernels), spelt from `out` as it was typed
    (reports/2025/61-kalbar.html), as the other commands name what they write; a path outside it as it is."""
    try:
        return out / path.relative_to(out.resolve())
    except ValueError:
        return path


def _run(args: argparse.Namespace) -> int:
    _check_out(args, args.out / str(args.season), folder=True)  # reports go to <out>/<musim>/
    if args.notebook is not None:
        _check_notebook(args.notebook, args.lang)
    from .report.pipeline import run_reports  # the analyses and matplotlib: once the checks passed

    try:
        outcome = run_reports(
            args.season,
            args.data_dir,
            args.params_dir,
            args.out,
            lang=args.lang,
            provinces=None if args.all else [args.province],
            national=args.all,
            metodologi=args.methodology or "",
            n_jobs=args.jobs,
            notebook=args.notebook,
            timeout=args.timeout,
            draws=args.draws,
            seed=args.seed,
            season_cache=_cache(args),
            season_read=lambda report: _warn_scoring(report, args.lang),
            previous_read=lambda report: _warn_previous_scoring(args, report),
            checked=lambda: _warn_previous_without_methodology(args),  # after a refusal of --notebook, never before
        )
    except NotebookParameterMissing as missing:
        raise _Stop(str(missing), 1) from None
    except UnknownProvince as unknown:
        raise _Stop(str(unknown), 2) from None
    except OSError as error:  # the reports folder could not be written (no permission, disk full)
        from .outputs import within

        if error.filename is None or not within(Path(error.filename), args.out):
            raise
        where = _as_typed(Path(error.filename), args.out)  # named as --out was typed, not resolved
        raise _Stop(unwritable(where, error, args.lang), 1) from None
    for result in outcome.results:
        if result.ok:
            shown = result.html_path and _as_typed(result.html_path, args.out)
            print(t("cli.report_ok", args.lang, key=result.key, path=shown, seconds=Num(result.seconds, 1)))
        else:
            _warn(t("cli.report_failed", args.lang, key=result.key, error=result.error))
    traced = sum(result.trace is not None for result in outcome.results)
    if outcome.log is not None:
        _warn(t("cli.run_log", args.lang, count=traced, log=_as_typed(outcome.log, args.out)))
    elif outcome.log_error is not None:
        log = shown_text(str(outcome.log_error.filename), None)  # a path: quoted as `t` quotes a Path
        _warning(t("cli.run_log_unwritable", args.lang, log=log, reason=os_reason(outcome.log_error)), args.lang)
    if outcome.index is not None:
        print(t("cli.index_written", args.lang, path=_as_typed(outcome.index, args.out)))
    _say_unlinked_languages(args, [result.key for result in outcome.results if result.ok])
    for page_lang, stale in outcome.stale:
        command = _run_again(args, page_lang, ["--all"])
        _warning(t("cli.index_stale", args.lang, path=_as_typed(stale, args.out), command=command), args.lang)
    if outcome.left_over:  # reports of provinces this season no longer holds: a published folder would show them
        names = [path.name for path in outcome.left_over]
        folder = _as_typed(outcome.left_over[0].parent, args.out)
        _warning(_left_over("cli.reports_left_over", names, folder, args.lang), args.lang)
    if outcome.failed:
        kept = any(r.failed_notebook is not None for r in outcome.failed)  # else before it ran, or in the writing
        raise _Stop(
            t(
                "cli.reports_failed" if kept else "cli.reports_failed_no_notebook",
                args.lang,
                count=len(outcome.failed),
                keys=", ".join(r.key for r in outcome.failed),
            ),
            1,
        )
    return 0


def _say_unlinked_languages(args: argparse.Namespace, keys: list[str]) -> None:
    """Name the reports in another language that an earlier run made before this run's reports `keys` were there, and
    that so do not link them: a report links its page in the other language only when it is drawn."""
    from .report.links import pages_not_linking

    folder = args.out / str(args.season)
    for other in [code for code in LANGS if code != args.lang]:
        pages = pages_not_linking(folder, keys, args.lang, other)
        if pages:
            names = series([page.name for page in pages], args.lang, shown=LEFT_OVER_SHOWN)
            command = _run_again(args, other, ["--all"] if args.all else ["--province", args.province])
            print(t("cli.run_reports_unlinked", args.lang, reports=names, count=len(pages), command=command))


def _reports_of(pages: list[Path], lang: str) -> list[str]:
    """The `run` option that makes the report pages `pages` (in `lang`) again: `--province` and its code for one
    province's report, `--all` for several or the national one."""
    from .report.links import NATIONAL_KEY, report_filename

    suffix = report_filename(NATIONAL_KEY, lang).removeprefix(NATIONAL_KEY)  # `.html`, `.en.html`
    keys = [page.name.removesuffix(suffix) for page in pages]
    return ["--province", keys[0].split("-", 1)[0]] if len(keys) == 1 and keys[0] != NATIONAL_KEY else ["--all"]


#: The options of a `run` that shape its reports, repeated by the command that makes them again (`_run_again`).
_RUN_AGAIN = (
    ("--data-dir", "data_dir"),
    ("--params-dir", "params_dir"),
    ("--methodology", "methodology"),
    ("--cache-dir", "cache_dir"),
    ("--no-cache", "no_cache"),
    ("--draws", "draws"),
    ("--seed", "seed"),
    ("--notebook", "notebook"),
)


def _run_again(args: argparse.Namespace, lang: str, which: list[str]) -> str:
    """The `paritrana run` of the reports `which` (`--all`, or `--province` and its value) in `lang`, of the season
    and with the options that shape them this command (`run` or `rapor`) was given, as typed (escaped as a message
    quotes a path)."""
    words = ["paritrana", "run", "--season", str(args.season), *which]
    for option, dest in _RUN_AGAIN:
        if dest in args.options_given or getattr(args, f"{dest}_given", False):  # `_StoreGiven` notes its own
            value = getattr(args, dest)
            words += [option] if isinstance(value, bool) else [option, str(value)]
    words += ["--lang", lang, "--out", str(args.out)]
    return shown_text(shlex.join(words), None)


#: The files of reports an earlier run left (`run --all`) named on the terminal; the others are counted.
LEFT_OVER_SHOWN = 10


def _left_over(key: str, names: list[str], folder: Path, lang: str) -> str:
    """Warning `key` naming the files an earlier run left in `folder` (`names`): the first LEFT_OVER_SHOWN of them, the
    others counted."""
    return t(key, lang, files=series(names, lang, shown=LEFT_OVER_SHOWN), folder=folder)


def _rapor(args: argparse.Namespace) -> int:
    import os
    import time

    from .rapor.batch import write_cards
    from .rapor.data import missing_participant, prepare_cards, previous_season
    from .report.index_page import StaleIndex, refresh_index, reports_without_cards

    start = time.perf_counter()
    jobs = args.jobs or os.cpu_count() or 1
    _check_out(args, args.out / str(args.season), folder=True)  # cards go to <out>/<musim>/
    _check_linked_folders(args, args.out / str(args.season))
    path, methodology, problem = _methodology(args)
    if methodology is None:
        raise _Stop(str(problem), 1)
    result = _load(args, methodology)
    if result.season is None:
        raise _Stop(result.report.render(args.lang), 1)
    _warn_scoring(result.report, args.lang)  # participants without a card: no category matches them
    provinces, problem = _score_provinces(args.province, result.season, args.lang)
    if problem is not None:
        raise _Stop(problem, 2)
    _warn_previous_without_methodology(args)
    category = _category(args.category, methodology, path, args.lang)
    previous = previous_season(result.season, args.data_dir, args.params_dir)
    if previous is not None:
        _warn_previous_scoring(args, previous.report)
    cards = prepare_cards(
        result.season,
        methodology,
        path,
        result.report,
        provinces=provinces,
        categories=None if category is None else [category],
        ids=None if args.id is None else [args.id],
        previous=previous,
        draws=args.draws,
        seed=args.seed,
        jobs=jobs,
    )
    if args.id is not None and not len(cards.selected):  # not scored, or in a category or province left out
        raise _Stop(missing_participant(cards, args.id, args.season, args.lang), 2)
    whole = args.province is None and category is None and args.id is None  # every card: others are an earlier run's
    written = _written(args.out, args.lang, lambda: write_cards(cards, args.out, args.lang, jobs, whole))
    folder = args.out / str(args.season)
    try:  # the season index of `paritrana run` in this language, if there is one, links the card indexes now
        index = _written(args.out, args.lang, lambda: refresh_index(folder, args.lang))
    except StaleIndex as stale:
        command = _run_again(args, args.lang, ["--all"])
        _warning(t("cli.index_stale", args.lang, path=stale.path, command=command), args.lang)
        index = None
    indexes = [shown_text(str(p), None) for p in sorted(written.indexes)]  # paths: quoted as `t` quotes a Path
    more = len(indexes) > RAPOR_INDEXES_SHOWN
    paths = series(indexes, args.lang, shown=RAPOR_INDEXES_SHOWN)
    if indexes:  # where to start reading: a group's index links each of its cards (the summary line stays last)
        print(
            t("cli.rapor_indexes_more", args.lang, paths=paths, folder=folder)
            if more
            else t("cli.rapor_indexes", args.lang, paths=paths)
        )
    if index is not None:
        print(t("cli.rapor_index_updated", args.lang, path=index))
    unlinked = reports_without_cards(folder, args.lang)
    if unlinked:  # made before these cards: a report links the cards there when it is made
        names = series([path.name for path in unlinked], args.lang, shown=LEFT_OVER_SHOWN)
        command = _run_again(args, args.lang, _reports_of(unlinked, args.lang))
        print(t("cli.rapor_reports_unlinked", args.lang, reports=names, count=len(unlinked), command=command))
    if written.left_over:  # of participants or groups gone: a published folder would still show them
        pages = [page.relative_to(folder).as_posix() + ("/" if page.is_dir() else "") for page in written.left_over]
        _warning(_left_over("cli.cards_left_over", pages, folder, args.lang), args.lang)
    print(
        t(
            "cli.rapor_written",
            args.lang,
            count=written.cards,
            out=args.out / str(args.season),
            seconds=Num(time.perf_counter() - start, 1),
            indexes=Ref("count.index_pages", count=len(written.indexes)),
        )
    )
    return 0


def _explore(args: argparse.Namespace) -> int:
    from .explorer_server import serve

    # a missing or invalid methodology or season stops here, before the server starts
    _, methodology, problem = _methodology(args)
    if methodology is None:
        raise _Stop(str(problem), 1)
    result = _load(args, methodology)
    if result.season is None:
        raise _Stop(result.report.render(args.lang), 1)
    del result  # the server may run for hours: this process keeps no season
    return serve(
        args.season,
        args.data_dir,
        args.params_dir,
        args.lang,
        args.port,
        args.methodology or "",
        allow_official=args.allow_official,
        max_kernels=args.max_kernels,
        idle_timeout=args.idle_timeout,
        cache_dir=args.cache_dir or "",
        use_cache=not args.no_cache,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `paritrana` console script; called without `argv` (a command of its own), a short
    command then ends the process at once (`_exit_now`), else it returns the exit code."""
    if argv is None:  # (the entry point, `launch`, has already set it: this is for a script that calls main)
        handle_sigterm()
    # only where Python's own handler is in place (not where SIGINT is ignored, as in a background job)
    if argv is None and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)
    if argv is None:
        _own_process()
    lang = _lang_of(argv)
    if argv is None and sys.stdout is None:  # `paritrana validate >&-`: its results would be lost without a word
        _warn(t("cli.output_closed", lang))
        return 1
    try:
        args = build_parser(lang).parse_args(argv)
    except SystemExit as ended:  # --help written (0), or a usage error said on standard error (2)
        if argv is None and not ended.code:
            ended.code = _flushed(0, lang)
        raise
    except _HelpLost as lost:  # written as it was printed (not held in the buffer until `_flushed`), and failed
        return _output_lost(lost.error, lang)
    from .outputs import on_busy_folder

    on_busy_folder(lambda folder: _warn(t("cli.folder_busy", args.lang, folder=folder)))
    code = _dispatch(args)
    if argv is None:
        code = _flushed(code, args.lang)
        if args.command not in _LONG_LIVED:
            _exit_now(code)
    return code


def _flushed(code: int, lang: str) -> int:
    """`code` once the command's output is written; when it cannot be, `code` if it is already an error, else the
    code of `_output_lost` (1 for `> /dev/full`, said on standard error in `lang`; 141 for a reader gone)."""
    try:
        sys.stdout.flush()
    except OSError as error:
        lost = _output_lost(error, lang)
        return code or lost
    return code


#: The exit code of a command whose reader stopped reading (`| head -1`): a Unix tool's, ended by SIGPIPE (128 + 13).
READER_GONE = 141


def _output_lost(error: OSError, lang: str) -> int:
    """Say that standard output could not be written, and why; the exit code, 1. A reader that stopped reading (`|
    head -1`: a broken pipe) is not said: the command ends quietly, as a Unix tool ended by SIGPIPE, with its code
    (`READER_GONE`). Either way the process's own output is then sent to the null device (as Python's documentation
    of SIGPIPE does): what is left in its buffer would fail again when Python ends, with a second message in
    Python's words and exit code 120.

    SIGPIPE itself stays ignored, as Python sets it: let it end the process, and a write to any pipe whose reader is
    gone (multiprocessing's, to a worker that died) would end the command without a word."""
    gone = _reader_gone(error)
    if not gone:
        _warn(t("cli.output_error", lang, reason=os_reason(error)))
    own = sys.__stdout__
    if own is not None and sys.stdout is own:  # not a notebook's or a test's stream
        with suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, own.fileno())
            os.close(null)
    return READER_GONE if gone else 1


def _reader_gone(error: OSError) -> bool:
    """Whether `error` says that standard output's reader is gone: a broken pipe, and the pipe standard output
    writes to has no reader left (not a pipe of this process to another one)."""
    own = sys.__stdout__
    if not isinstance(error, BrokenPipeError) or own is None:
        return False
    with suppress(OSError, ValueError, AttributeError):  # no poll (Windows), or a stream without a file: the error's
        poller = select.poll()
        poller.register(own.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    return True


def _own_process() -> None:
    """Set up the process of a command of its own: memory pyarrow frees goes back to the system (a lower peak);
    signals are Python's alone (pyarrow's own handling of them, in each CSV read, dropped one now and then: the
    command then ran to its end on a Ctrl-C or SIGTERM; a read is told once it is done, a fraction of a second); an
    output that cannot encode a character escapes it."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    pa.enable_signal_handlers(False)
    _escaping_output()


def _escaping_output() -> None:
    """Standard output that writes a character its encoding lacks as an escape (`\\u2014`), as standard error does,
    instead of failing with a traceback: a terminal or pipe set to ASCII or Latin-1 (`PYTHONIOENCODING`, `LC_ALL=C`
    without UTF-8 mode) still gets every message."""
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        sys.stdout.reconfigure(errors="backslashreplace")


def stopped(stop: KeyboardInterrupt, lang: str | None = None) -> int:
    """Say on standard error that the command stopped on Ctrl-C, or on SIGTERM (`Terminated`), in `lang` (None: the
    --lang of the process's command line); its exit code, 130 (143 for SIGTERM)."""
    lang = _lang_of(None) if lang is None else lang
    if isinstance(stop, Terminated):
        _warn(t("cli.terminated", lang))
        return 143
    _warn(t("cli.interrupted", lang))
    return 130


class Terminated(KeyboardInterrupt):
    """SIGTERM reached the command: it stops as on Ctrl-C (temporary files and folders removed, workers and
    kernels ended), with exit code 143."""


def handle_sigterm() -> None:
    """From now on SIGTERM (`kill`, `timeout`, a job scheduler) stops the command in this process as Ctrl-C does, its
    cleanup run: `Terminated` is raised (`_terminate`)."""
    signal.signal(signal.SIGTERM, functools.partial(_terminate, os.getpid()))


def _terminate(main_pid: int, signum: int, _frame: object) -> None:
    """Handler of SIGTERM in the command's process: raise Terminated, once (a second SIGTERM ends the process at
    once). A process forked from it inherits the handler: there SIGTERM ends the process, as it did before."""
    signal.signal(signum, signal.SIG_DFL)
    if os.getpid() != main_pid:
        os.kill(os.getpid(), signum)
        return
    raise Terminated


def _interrupt(signum: int, _frame: object) -> None:
    """Handler of Ctrl-C in the command's process: raise KeyboardInterrupt, once. The command then stops (workers
    and kernels ended, temporary files removed); a second Ctrl-C meanwhile changes nothing, where it would
    interrupt that cleanup (a traceback, workers left running)."""
    signal.signal(signum, signal.SIG_IGN)
    raise KeyboardInterrupt


_LONG_LIVED = frozenset({"run", "explore"})
"""Commands that start kernels or a server: their process ends the usual way (`_exit_now` is for the others)."""


def _exit_now(code: int) -> None:
    """End this process with `code` at once, as Python would but without freeing every object and module one by
    one: that takes 0.2 s once pandas and pyarrow are loaded, a tenth of `paritrana validate` on a national
    season (the way mypy ends). The exit handlers run and the standard streams are flushed first. Only where
    nothing else runs here (no other thread, no child process of multiprocessing) and the output could be
    written; otherwise this returns and the process ends the usual way."""
    if threading.active_count() > 1 or multiprocessing.active_children():
        return
    atexit._run_exitfuncs()  # what interpreter shutdown runs first (not in the published docs); they run once
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: started with standard error closed (`2>&-`)
                stream.flush()
    except (OSError, ValueError):  # output lost (a full disk, a closed stream): the usual exit reports it (120)
        return
    os._exit(code)


def _dispatch(args: argparse.Namespace) -> int:
    """Run the command `args` name; its exit code."""
    handlers = {
        "validate": _validate,
        "generate": _generate,
        "score": _score,
        "jury": _jury,
        "gaps": _gaps,
        "awards": _awards,
        "compare": _compare,
        "run": _run,
        "rapor": _rapor,
        "explore": _explore,
    }
    handlers |= {"template": template_command, "intake": intake_command, "status": status_command}
    interrupted = False
    try:
        return handlers[args.command](args)
    except SeasonInvalid as invalid:  # invalid data found by `paritrana run` or while scoring
        musim = invalid.report.musim
        if musim != getattr(args, "season", musim) and hasattr(args, "data_dir"):  # last season's, for a comparison
            folder = season_folder(args.data_dir, musim)
            _warn(t("cli.other_season_invalid", args.lang, musim=musim, folder=folder, season=args.season))
        _warn(invalid.report.render(args.lang))
        return 1
    except MethodologyInvalid as invalid:
        _warn(invalid.render(args.lang))
        return 1
    except _Stop as stop:
        _warn(stop.message)
        return stop.code
    except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: every output is written atomically, none left half-written
        interrupted = True
        return stopped(stop, args.lang)
    except OSError as error:  # a path the system refuses (a name too long, a link loop, ...): said, not a traceback
        if error.filename is None:  # no file named: the standard output could not be written (`> /dev/full`)
            return _output_lost(error, args.lang)
        path = shown_text(str(error.filename), None)  # a path: quoted as `t` quotes a Path
        _warn(t("cli.os_error", args.lang, path=path, reason=os_reason(error)))
        return 1
    finally:
        _cache_failures(args, said=not interrupted)
