"""The message catalogue: every user-facing sentence in Bahasa Indonesia and English, read from gettext files.

The texts live in one gettext `.po` file per language, `paritrana_nb/locale/<lang>/LC_MESSAGES/paritrana.po`,
which translators' tools (Poedit, Weblate, `msgfmt -c`) open as they are. In both files an entry is:

    #, python-brace-format
    msgctxt "loc.row"
    msgid "row {row}"
    msgstr "baris {row}"

`msgctxt` is the key the code asks for, `msgid` the English source text (the same in both files) and `msgstr`
the text in the file's language (in the English file, a copy of `msgid`). Texts are `str.format` templates:
`{name}` is a field the code fills in and a literal brace is written `{{` or `}}`. A sentence that depends on a
number has plural forms, chosen by the `count` the code passes (Babel's plural rules: English has two forms,
Bahasa Indonesia one):

    #, python-brace-format
    msgctxt "gaps.action.perkada"
    msgid "issue {delta} more Perkada regulation"
    msgid_plural "issue {delta} more Perkada regulations"
    msgstr[0] "terbitkan {delta} Perkada lagi"        (English file: msgstr[0] and msgstr[1])

To add a message, add its entry to both files (any place; keep related keys together) and call
`t("the.key", lang, field=...)`, with `count=n` for a plural entry. tests/unit/test_messages.py checks that
each key is in both files once, with the same fields and the same English source, and that every key the code
can ask for exists and every entry is used (a key built at run time, `f"report.stage_{tahap}"`, needs its
values listed in that test). The loader refuses a file with a key twice, a key without text or a `fuzzy`
(unreviewed) entry, naming the file and lines.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import re
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Literal

from babel import Locale
from babel.messages.pofile import PoFileError, read_po
from babel.plural import PluralRule

from .user_cache import keep_file, kept_file, regular_file_bytes, seal

LANGS: tuple[str, ...] = ("id", "en")
DOMAIN = "paritrana"
LOCALE_DIR = Path(__file__).parent / "locale"
#: CLDR plural categories in the order gettext numbers a language's forms (msgstr[0], msgstr[1], ...).
PLURAL_TAGS: tuple[str, ...] = ("zero", "one", "two", "few", "many", "other")
_QUOTED = r'"(?:[^"\\]|\\.)*"'
#: A line of a .po file: blank, a comment, a keyword with its quoted text, or more quoted text.
_PO_LINE = re.compile(rf"^(|#.*|(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{_QUOTED}|{_QUOTED})\s*$")
_CONTEXT_LINE = re.compile(r'^msgctxt\s+"(.*)"\s*$')
_CONTINUATION = re.compile(r'^"(.*)"\s*$')


class CatalogueError(Exception):
    """A message file that cannot be used: its path, the lines and what to fix."""


@dataclass(frozen=True)
class Entry:
    """One message of one language: its text (one per plural form) and English source (msgid, msgid_plural)."""

    texts: tuple[str, ...]
    source: tuple[str, ...]
    plural: bool


def po_file(lang: str) -> Path:
    """The message file of language `lang`."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _context_lines(path: Path, lines: list[str]) -> list[tuple[str, int]]:
    """Every (msgctxt, line) of a .po file's lines, duplicates included (the parser would merge them silently);
    CatalogueError for a line that is not .po syntax (the parser would cut an unclosed quote silently)."""
    found = []
    for number, line in enumerate(lines, start=1):
        if not _PO_LINE.match(line):
            raise CatalogueError(
                f'{path}, line {number}: not .po syntax: {line[:80]!r}. Write keyword "text" '
                'or "more text", with every " inside a text written \\".'
            )
        match = _CONTEXT_LINE.match(line)
        if match is None:
            continue
        value = match.group(1)
        for following in lines[number:]:
            more = _CONTINUATION.match(following)
            if more is None:
                break
            value += more.group(1)
        found.append((value, number))
    return found


def _forms(value: object) -> tuple[str, ...]:
    """A parsed msgid or msgstr as a tuple of texts, one per plural form."""
    return tuple(str(form) for form in value) if isinstance(value, tuple | list) else (str(value or ""),)


def read_catalogue(path: Path, data: bytes | None = None) -> dict[str, Entry]:
    """The entries of one .po file (its bytes `data`, else read) by key (msgctxt); CatalogueError, naming the file
    and line, for a key twice, an entry without key or text (in any plural form), a fuzzy entry or a line that is not
    .po syntax."""
    lines = (path.read_bytes() if data is None else data).decode("utf-8").splitlines()
    first: dict[str, int] = {}
    for key, line in _context_lines(path, lines):
        if key in first:
            raise CatalogueError(
                f"{path}: key '{key}' is defined twice, on lines {first[key]} and {line}. Keep one entry per key."
            )
        first[key] = line
    try:
        catalog = read_po(lines, abort_invalid=True)
    except PoFileError as exc:
        raise CatalogueError(f"{path}: not a valid .po file ({exc}).") from None
    entries: dict[str, Entry] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"{path}, line {message.lineno}"
        if not message.context:
            raise CatalogueError(f'{where}: the entry has no msgctxt. Write its key as msgctxt "the.key".')
        if message.fuzzy:
            raise CatalogueError(
                f"{where}: '{message.context}' is marked fuzzy (unreviewed). Check its text, "
                "then remove 'fuzzy' from its '#,' line."
            )
        texts = _forms(message.string)
        missing = [f"msgstr[{i}]" if message.pluralizable else "msgstr" for i, text in enumerate(texts) if not text]
        if missing:
            raise CatalogueError(
                f"{where}: '{message.context}' has no text in {', '.join(missing)}. Write it "
                f"(this language has {catalog.num_plurals} plural forms)."
            )
        entries[message.context] = Entry(texts, _forms(message.id), message.pluralizable)
    lost = sorted(set(first) - set(entries), key=first.__getitem__)
    if lost:
        raise CatalogueError(
            f"{path}, line {first[lost[0]]}: the entry '{lost[0]}' is incomplete. Write msgctxt, msgid and msgstr."
        )
    return entries


@cache
def catalogue(lang: str) -> Mapping[str, Entry]:
    """Every message of `lang` (`id` or `en`) by key, read once from its .po file."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return MappingProxyType(_kept_catalogue(po_file(lang), lang))


def _kept_catalogue(path: Path, lang: str) -> dict[str, Entry]:
    """`read_catalogue(path)`, by way of the copy kept in the user's cache folder (user_cache) for these very bytes
    of the .po file: reading that copy takes 4 ms, parsing and checking the .po file 80 ms of every command and
    kernel. A copy that is missing, stale, damaged or not sealed by this machine's key is not used: the .po file is
    read (its errors said as ever), and the copy written anew."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    kept = kept_file(f"messages/{lang}-{digest[:16]}.json")
    if kept is not None:
        with suppress(OSError, ValueError, TypeError, KeyError):
            body, _, sealed = regular_file_bytes(kept).rpartition(b"\n")
            if hmac.compare_digest(sealed, seal(body).encode()):
                stored = json.loads(body)
                if stored["po_sha256"] == digest:
                    return {
                        key: Entry(tuple(texts), tuple(source), plural)
                        for key, (texts, source, plural) in stored["entries"].items()
                    }
    entries = read_catalogue(path, data)
    if kept is not None:
        for old in kept.parent.glob(f"{lang}-*.json") if kept.parent.is_dir() else ():
            with suppress(OSError):
                old.unlink()
        stored_entries = {key: [list(e.texts), list(e.source), e.plural] for key, e in entries.items()}
        body = json.dumps({"po_sha256": digest, "entries": stored_entries}, ensure_ascii=False).encode("utf-8")
        keep_file(kept, body + b"\n" + seal(body).encode())
    return entries


@cache
def _plural_rule(lang: str) -> tuple[PluralRule, tuple[str, ...]]:
    """Babel's plural rule of `lang` and the categories it uses, in msgstr order."""
    rule = Locale.parse(lang).plural_form
    return rule, tuple(tag for tag in PLURAL_TAGS if tag in rule.tags or tag == "other")


def plural_index(lang: str, count: int | float | Decimal) -> int:
    """Which plural form (msgstr[i]) `count` takes in `lang`, by Babel's CLDR plural rules."""
    rule, tags = _plural_rule(lang)
    return tags.index(rule(count))


@dataclass(frozen=True)
class Ref:
    """A catalogue entry used inside another message, rendered in that message's language."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def __init__(self, key: str, **fields: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "fields", tuple(fields.items()))


#: Operating-system errors a user meets with files, by errno: their catalogue key (the others keep the system's text).
OS_REASONS: Mapping[int, str] = MappingProxyType(
    {
        errno.EACCES: "oserror.denied",
        errno.EPERM: "oserror.denied",
        errno.ENOENT: "oserror.missing",
        errno.EISDIR: "oserror.folder",
        errno.ENOTDIR: "oserror.not_folder",
        errno.EEXIST: "oserror.exists",
        errno.ENOSPC: "oserror.full",
        errno.EDQUOT: "oserror.quota",
        errno.EFBIG: "oserror.file_too_large",
        errno.EROFS: "oserror.read_only",
        errno.EBUSY: "oserror.busy",
        errno.ENAMETOOLONG: "oserror.name_too_long",
        errno.ELOOP: "oserror.loop",
    }
)


def os_reason(error: OSError) -> Ref | str:
    """Why a file operation failed, in the message's language for the usual errors, else in the system's words. A
    permission refused for a file that is not there (one being made) is the folder's, not a file open elsewhere."""
    key = OS_REASONS.get(error.errno or 0)
    if key == "oserror.denied" and error.filename is not None and _made_in_folder(os.fsdecode(error.filename)):
        key = "oserror.denied_folder"
    return Ref(key) if key else error.strerror or str(error) or type(error).__name__


NO_ROOM = frozenset((errno.ENOSPC, errno.EDQUOT, errno.EFBIG))
"""The errors of a write that found no room (a full disk, a used-up quota, a file size limit): its folder is fine."""


def unwritable(out: object, error: OSError, lang: str) -> str:
    """That `out` could not be written, why (`os_reason`), and what to do: make room where the disk is full (or the
    quota or the file size limit reached), else check the folder and the permission to write there."""
    key = "cli.out_no_room" if error.errno in NO_ROOM else "cli.out_unwritable"
    return t(key, lang, out=out, reason=os_reason(error))


def _made_in_folder(path: str) -> bool:
    """Whether `path` is not there but its folder is: a file that was being made there (or a folder listed)."""
    try:
        there = Path(path)
        return there.is_dir() or (not os.path.lexists(there) and there.parent.is_dir())
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class Num:
    """A number inside a message, written in that message's language (1.234,5 or 1,234.5)."""

    value: float
    decimals: int = 0
    signed: bool = False
    exact: bool = False
    """Written with every digit it has (`formatting.exact`), in powers of ten when far from 1: `written`."""

    def render(self, lang: str) -> str:
        from .formatting import exact, number

        sign = "+" if self.signed and self.value > 0 else ""
        return sign + (exact(self.value, lang) if self.exact else number(self.value, lang, self.decimals))

    @classmethod
    def written(cls, value: float) -> Num:
        """`value` with every decimal it has and no more: 0.7, 0.65, 1.1 and 1 (0,7 ... in Bahasa Indonesia); below a
        millionth or from 10^20 on in powers of ten (`formatting.exact`: 1 × 10⁻³⁰⁰, not 300 decimals)."""
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
        return cls(value, max(0, -exponent) if isinstance(exponent, int) else 0, exact=True)

    def shown(self) -> Decimal:
        """The value as written (rounded to `decimals`), which decides its plural form: 1 but 1.00."""
        return Decimal(f"{self.value:.{self.decimals}f}")


@dataclass(frozen=True)
class CellNumber:
    """A workbook's number cell quoted in a message as Excel shows it in that message's language, ungrouped: 1200.5,
    and 1200,5 in Bahasa Indonesia, where a point groups thousands. `text` is its English form
    (xlsx_values.number_shown: 1200.5, 1.5E-300)."""

    text: str

    def render(self, lang: str) -> str:
        return self.text.replace(".", ",") if lang == "id" else self.text

    def __str__(self) -> str:
        return self.text


#: Unicode's FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE. `isolate` puts a name from the data between them in a
#: text bound for an HTML page; the templates write each such name as <bdi>name</bdi> (macros.html.j2, `text`), so a
#: name in a right-to-left script cannot move the numbers and words around it. Validation refuses both characters
#: in the data (problems.CONTROL_CHARS), so only `isolate` writes them.
FSI, PDI = "\u2068", "\u2069"


def isolate(name: object) -> str:
    """`name` as text marked for bidirectional isolation on an HTML page (between FSI and PDI); plain text
    (the command line, CSV files) takes names as they are."""
    return f"{FSI}{name}{PDI}"


def t(msg_key: str, lang: str = "id", **fields: object) -> str:
    """Render catalogue entry `msg_key` in `lang` (`id` or `en`) with `fields` filled in; for an entry with
    plural forms, `count` (a number or `Num`) chooses the form. A whole-number `count` is written grouped in `lang`
    (1,234 or 1.234): it is a quantity, never a year or a code. A `Path` field (a path a user gave, or one made from
    it) is written as a validation message quotes a cell (problems.shown_text: a line break or an escape sequence
    in it escaped, `\\x1b`; not cut), so that it can neither split the message nor reach the terminal."""
    entries = catalogue(lang)
    if msg_key not in entries:
        raise KeyError(f"no message '{msg_key}' in {po_file(lang)}")
    entry = entries[msg_key]
    text = entry.texts[0]
    if entry.plural:
        count = fields.get("count")
        if not isinstance(count, int | float | Decimal | Num):
            raise TypeError(f"message '{msg_key}' has plural forms: pass count= a number, not {count!r}")
        if len(entry.texts) > 1:  # a language of one form (Indonesian) needs no rule: loading Babel's takes 0.1 s
            text = entry.texts[plural_index(lang, count.shown() if isinstance(count, Num) else count)]
    count = fields.get("count")
    if isinstance(count, int) and not isinstance(count, bool):  # a quantity: grouped as `lang` writes it (1,234)
        fields["count"] = Num(count)
    filled = {k: _filled(v, lang) for k, v in fields.items()}
    return text.format(**filled)


#: The entries that join the last item of a series to the others, by conjunction: after one item, after two or more.
_SERIES_ENDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {"and": ("series.and_two", "series.and_more"), "or": ("series.or_two", "series.or_more")}
)


def series(
    items: Sequence[object], lang: str, conjunction: Literal["and", "or"] = "and", shown: int | None = None
) -> str:
    """`items` as one series in `lang`, each written as `t` writes a field (a `Ref`, a `Num`, a `Path`): "A",
    "A dan B", and from three items on "A, B, dan C" in Bahasa Indonesia (PUEBI's comma before the conjunction),
    "A, B and C" in English (as the catalogue writes its own series); `conjunction` "or" for "A, B, atau C". With
    `shown`, only the first `shown` items are named and the others counted as the last ("a, b, dan 3 lainnya")."""
    if shown is not None and len(items) > shown:
        items = [*items[:shown], Ref("cli.more_items", count=len(items) - shown)]
    return str(_filled(text_series([str(_filled(item, lang)) for item in items], conjunction), lang))


def text_series(texts: Sequence[str], conjunction: Literal["and", "or"] = "and") -> Ref | str:
    """Plain `texts` (names written the same in every language) as one series, a field of a message rendered in
    the message's own language (`series`): a problem's fields are kept before its language is known."""
    if len(texts) < 2:
        return "".join(texts)
    two, more = _SERIES_ENDS[conjunction]
    return Ref(two if len(texts) == 2 else more, rest=", ".join(texts[:-1]), last=texts[-1])


def _filled(value: object, lang: str) -> object:
    """A message field as `t` writes it in `lang`: a nested entry, a number, a workbook's number cell, a path."""
    if isinstance(value, Ref):
        return t(value.key, lang, **dict(value.fields))
    if isinstance(value, Num | CellNumber):
        return value.render(lang)
    if isinstance(value, PurePath):
        from .problems import shown_text  # problems renders its messages through this module

        return shown_text(str(value), None)
    return value
