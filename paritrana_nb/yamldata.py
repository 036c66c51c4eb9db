"""Reading the workbook's YAML files (the methodology, musim.yaml) as plain data, strictly.

yaml.SafeLoader builds plain data only (no tag runs code), its values typed as YAML 1.2's core schema says (`no` is
text, `1:30` not 90), a merge key's blocks merged as the merge key is defined (`flatten_mapping`). On top of it a file
is refused, with the line and the key path, when a whole number has a leading zero (readers disagree on it), when a
mapping holds the same key twice (YAML would silently keep the last) or the merge key `<<` twice (readers merge the
two in either order), when a `%YAML` directive names another version than 1.2 (the file's values would be typed as
the workbook does not) or the file holds another directive (`%TAG`, renaming tags; an unknown one), when it nests
deeper than MAX_DEPTH (Python would run out of recursion), when a whole number has more than MAX_DIGITS digits
(Python refuses to convert very long ones) or when a number is beyond what a float holds (`1e-400` would be read as
0, `1e400` as .inf: messages would quote what the file does not say) or when an alias stands inside the value its
anchor marks (`a: &x [*x]`: a value that holds itself) or when it holds more than MAX_VALUES values once its aliases
are written out (counted as it is read, before a merge key's blocks are written out: a chain of them holds the square
of its length); `read_yaml_bytes` refuses a file larger than MAX_BYTES. `too_large` tells the same of data given as
they are (a model checking them would check each copy). `load_yaml_places` also tells where each key and value
stands (`Places`), for the problems a model finds in the data. Every line and column a problem names is counted as
an editor counts them (`Place.of`).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.tokens import DirectiveToken

from .messages import Num, Ref
from .problems import shown_text

MAX_DEPTH = 50
MAX_DIGITS = 30
#: The most values (scalars, lists, mappings) a file may hold once its aliases are written out: the bundled
#: methodology holds about 700. Each alias repeats the block it names, and aliases of aliases multiply: an 82 KB
#: methodology of aliases made 4 million indicators to check (67 s, 5 GB of memory).
MAX_VALUES = 100_000
#: The largest YAML file read, in bytes: the bundled methodology takes 13 KB. PyYAML reads about 150 KB a second: a
#: methodology of 10,000 categories (15 MB) took 100 s and 1.3 GB of memory before it was refused, and a 35 MB file of
#: comments was read for 27 s.
MAX_BYTES = 1_000_000
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_MERGE_TAG = "tag:yaml.org,2002:merge"

KeyPath = tuple[str | int, ...]
#: Where a child node stands in its parent, as `_Loader.compose_node` is called for it: the parent's id, the child's
#: position among its items (a mapping's pairs) and whether it is a pair's key.
_Slot = tuple[int, int, bool]


#: What PyYAML (YAML 1.1) ends a line at besides a line feed and a carriage return: NEL, U+2028 and U+2029, which an
#: editor (and YAML 1.2) does not end a line at.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


@functools.lru_cache(maxsize=2)
def _odd_breaks(buffer: str) -> tuple[int, ...]:
    """Where `_ODD_BREAK` stands in the text PyYAML reads (its marks' `buffer`), found once per text."""
    return tuple(found.start() for found in _ODD_BREAK.finditer(buffer))


@dataclass(frozen=True, order=True)
class Place:
    """Where a key or a value stands in a YAML file: its line and column, from 1 (ordered as in the file)."""

    line: int
    col: int

    @classmethod
    def of(cls, mark: yaml.Mark) -> Place:
        """The place a PyYAML mark (from 0) points at, its line and column as an editor counts them: PyYAML also
        ends a line at each `_ODD_BREAK` (one in a comment pasted from a web page put every later line one below)."""
        buffer = mark.buffer
        before = bisect.bisect_left(_odd_breaks(buffer), mark.pointer) if buffer is not None else 0
        if buffer is None or not before:
            return cls(mark.line + 1, mark.column + 1)
        start = max(buffer.rfind("\n", 0, mark.pointer), buffer.rfind("\r", 0, mark.pointer)) + 1
        column = mark.pointer - start - buffer.count("\ufeff", start, mark.pointer)  # PyYAML counts no BOM either
        return cls(mark.line + 1 - before, column + 1)


@dataclass
class YamlProblem(Exception):
    """A YAML file the workbook refuses: catalogue key `code`, the key path and the message fields."""

    code: str
    path: KeyPath
    fields: tuple[tuple[str, object], ...]

    def __str__(self) -> str:
        return f"{self.code} at {self.path}: {dict(self.fields)}"


class _Loader(yaml.SafeLoader):
    """SafeLoader that stops composing below MAX_DEPTH levels of nesting, refuses an alias inside the value its anchor
    marks, notes where each alias stands and the pairs as written of a mapping with a merge key (for `Places`) and
    reads the YAML 1.2 core schema (`_CORE_SCHEMA`)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self.aliases: dict[_Slot, Place] = {}
        self.written: dict[int, list[tuple[Node, Node]]] = {}
        self.values: dict[int, int] = {}  # each node's values once its aliases are written out (`_count`), by id

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            event = self.peek_event()
            if self._depth > MAX_DEPTH:
                line = Place.of(event.start_mark).line
                raise YamlProblem("yaml.too_deep", (), (("line", line), ("limit", MAX_DEPTH)))
            if isinstance(event, AliasEvent) and event.anchor is not None:  # (an alias always names its anchor)
                self._alias(parent, index, event.anchor)
            node: Node | None = super().compose_node(parent, index)
            if node is not None and id(node) not in self.values:  # an alias's node is counted where it was composed
                self.values[id(node)] = self._count(node)
            return node
        finally:
            self._depth -= 1

    def _count(self, node: Node) -> int:
        """How many values `node` holds once its aliases are written out, a merge key's `<<: *a` as the pairs of
        `a` (each counted, whether or not the mapping gives the key itself), from the counts of its nodes, composed
        before it: each node counted once, so a chain of merge keys thousands long, or aliases of aliases, is
        counted in one pass over the file (the merged data would hold the square of the chain's length)."""
        if isinstance(node, SequenceNode):
            return 1 + sum(self.values[id(item)] for item in node.value)
        if not isinstance(node, MappingNode):
            return 1
        total = 1
        for key, value in node.value:
            if key.tag != _MERGE_TAG:
                total += self.values[id(key)] + self.values[id(value)]
                continue
            blocks = value.value if isinstance(value, SequenceNode) else [value]
            total += sum(self.values[id(block)] - 1 for block in blocks)  # its pairs: not the block itself
        return total

    def _alias(self, parent: Node | None, index: object, anchor: str) -> None:
        """Note where the alias of `anchor` that comes next stands (its parent's slot, `_Slot`); YamlProblem
        `yaml.alias_cycle` when it stands inside the value its anchor marks (a list or mapping not composed to its end
        yet): a value holding itself (`a: &x [*x]`), which messages would show by names the file does not hold and
        merging would follow without end."""
        place = Place.of(self.peek_event().start_mark)
        anchored = self.anchors.get(anchor)
        if anchored is not None and anchored.end_mark is None:
            fields = (("name", shown_text(anchor)), ("line", place.line), ("col", place.col))
            raise YamlProblem("yaml.alias_cycle", (), (*fields, ("anchor_line", Place.of(anchored.start_mark).line)))
        if parent is not None:  # a mapping's key is composed with no index, its value with its key's node
            self.aliases[(id(parent), len(parent.value), index is None)] = place

    def scan_directive(self) -> DirectiveToken:
        """PyYAML's directive token; YamlProblem `yaml.version` for a `%YAML` directive of another version than 1.2:
        the file says its values are typed as that version's (`%YAML 1.1`: `030` the octal 24, `yes` true), and the
        workbook reads every file as YAML 1.2. `yaml.directive` for any other directive: `%TAG` gives tags other
        names (`!e!str` for `!!str`, which messages would name as the file does not), and PyYAML ignores an unknown
        one without a word (`%yaml 1.1` in lower case, meant as the version)."""
        token: DirectiveToken = super().scan_directive()
        line = Place.of(token.start_mark).line
        if token.name == "YAML" and token.value != (1, 2):
            version = ".".join(str(part) for part in token.value)
            raise YamlProblem("yaml.version", (), (("version", version), ("line", line)))
        if token.name != "YAML":  # `%TAG` renames tags; another name is no YAML 1.2 directive (`%yaml 1.1`)
            raise YamlProblem("yaml.directive", (), (("name", token.name), ("line", line)))
        return token

    def flatten_mapping(self, node: MappingNode) -> None:
        """The pairs of `node` with its merge key's blocks (`<<: *a`, `<<: [*a, *b]`) written out as the merge key is
        defined: a key of the mapping itself wins, then the first block holding it (PyYAML 6.0.4 took the last
        block's value, or the first's for a key of one character: what Python interns). The pairs of a mapping
        holding a merge key as written are kept in `written` (for `Places`)."""
        own = [(key, value) for key, value in node.value if key.tag != _MERGE_TAG]
        if len(own) < len(node.value):
            self.written.setdefault(id(node), node.value)
        written = {key.value for key, _ in own}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE_TAG:
                continue
            blocks = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for block in blocks:
                if not isinstance(block, MappingNode):
                    raise ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"expected a mapping or list of mappings for merging, but found {block.id}",
                        block.start_mark,
                    )
                self.flatten_mapping(block)
                for pair in block.value:
                    if pair[0].value not in written:
                        written.add(pair[0].value)
                        merged.append(pair)
        node.value = merged + own


#: The implicit types of the YAML 1.2 core schema, the one reading of every YAML file the workbook opens (PyYAML reads
#: YAML 1.1, where `weight: 030` is the octal 24, `1:30` the sexagesimal 90, `3_0` is 30, `no` and `off` are false and
#: `1e9` is text). Each is tried, in this order, on a plain scalar starting with one of its characters; anything else
#: is text. A whole number written with a leading zero is refused (`_check`): another reader takes it as octal.
_YAML_TAGS = "tag:yaml.org,2002:"
_CORE_SCHEMA: tuple[tuple[str, str, str], ...] = (
    ("tag:yaml.org,2002:null", r"(?:~|null|Null|NULL|)", "~nN"),
    ("tag:yaml.org,2002:bool", r"(?:true|True|TRUE|false|False|FALSE)", "tTfF"),
    ("tag:yaml.org,2002:int", r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))",
        "-+.0123456789",
    ),
)
_CORE_PATTERNS = {tag: re.compile(pattern) for tag, pattern, _ in _CORE_SCHEMA}
#: The tags a value may have (written or resolved): the core schema's, and `<<` for a merge key.
_TAGS = frozenset([*_CORE_PATTERNS, *(f"{_YAML_TAGS}{name}" for name in ("str", "seq", "map")), _MERGE_TAG])
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_SURROGATE = re.compile("[\ud800-\udfff]")

#: PyYAML's constructors of the core schema's tags only (`_check` refuses the others: `!!binary`, `!!set`, ...)
_Loader.yaml_constructors = {
    tag: make for tag, make in yaml.SafeLoader.yaml_constructors.items() if tag is None or tag in _TAGS
}
_Loader.yaml_implicit_resolvers = {}  # PyYAML's YAML 1.1 resolvers dropped, for this loader only
for _tag, _pattern, _first in _CORE_SCHEMA:
    _Loader.add_implicit_resolver(_tag, re.compile(rf"^{_pattern}\Z"), list(_first))
_Loader.add_implicit_resolver(_CORE_SCHEMA[0][0], re.compile(r"^\Z"), [""])  # an empty value: null
_Loader.add_implicit_resolver(_MERGE_TAG, re.compile(r"^<<\Z"), ["<"])  # `<<: *base`: YAML 1.1's, kept as readers do


def _construct_int(loader: _Loader, node: Node) -> int:
    """A YAML 1.2 whole number: decimal, `0o` octal or `0x` hexadecimal (`_check` has refused any other form)."""
    return int(str(loader.construct_scalar(node)), 0)  # type: ignore[arg-type]  # a scalar node


_Loader.add_constructor(_INT_TAG, _construct_int)


class _Dumper(yaml.SafeDumper):
    """SafeDumper that quotes text YAML 1.1 or the core schema would read as another type (`yes`, `0o30`, `1e9`)."""


for _tag, _pattern, _first in _CORE_SCHEMA:
    _Dumper.add_implicit_resolver(_tag, re.compile(rf"^{_pattern}\Z"), list(_first))


def dump_yaml(data: object, flow: bool | None = None) -> str:
    """The YAML text of plain data, in file order, every text read back as text by `load_yaml` and by YAML 1.1
    readers; `flow`: PyYAML's `default_flow_style` (None: a list or mapping of plain values on one line)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=flow, width=1000)


def shown_value(value: object, limit: int = 200) -> object:
    """A loaded value for a message, in YAML's words rather than Python's: true/false, .inf, .nan, a list or mapping
    in flow style (`[0, 1:40]`, `{id: x}`), text cut to `limit` characters with control characters escaped
    (problems.shown_text); an empty value (nothing, `~`, `null`) is the catalogue's `yaml.empty_value`."""
    if value is None:
        return Ref("yaml.empty_value")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    if isinstance(value, (dict, list, tuple)):
        value = dump_yaml(list(value) if isinstance(value, tuple) else value, flow=True).strip()
    return shown_text(value, limit) if isinstance(value, str) else value


def _place(node: Node) -> tuple[tuple[str, object], ...]:
    """The line and column (from 1) where `node` starts, as message fields `line` and `col` (a problem of
    musim.yaml has a `column` field of its own)."""
    place = Place.of(node.start_mark)
    return (("line", place.line), ("col", place.col))


def _tag_problem(node: Node, path: KeyPath) -> YamlProblem | None:
    """YamlProblem `yaml.tag_not_allowed` for a tag outside the core schema (`!foo`, `!!binary`, `!!set`,
    `!!python/...`), `yaml.tag_value` for a value its core tag cannot read (`!!int abc`), else None."""
    tag = shown_text("!!" + node.tag.removeprefix(_YAML_TAGS) if node.tag.startswith(_YAML_TAGS) else node.tag)
    if node.tag not in _TAGS:
        return YamlProblem("yaml.tag_not_allowed", path, (("tag", tag), *_place(node)))
    pattern = _CORE_PATTERNS.get(node.tag)
    if isinstance(node, ScalarNode) and pattern is not None and not pattern.fullmatch(node.value):
        return YamlProblem("yaml.tag_value", path, (("written", shown_text(node.value)), ("tag", tag), *_place(node)))
    return None


def _float_out_of_range(node: ScalarNode) -> str | None:
    """`yaml.number_underflow` for a number written with a digit other than 0 that is too close to 0 to be held
    (`1e-400`: read as 0), `yaml.number_overflow` for one too large (`1e400`: read as .inf); else None."""
    if node.tag != _FLOAT_TAG:
        return None
    try:
        value = float(node.value)  # a core schema float (`_tag_problem` has refused any other text) as YAML reads it
    except ValueError:  # .inf, .nan: written as such
        return None
    if math.isinf(value):
        return "yaml.number_overflow"
    mantissa = re.split("[eE]", node.value)[0]
    return "yaml.number_underflow" if value == 0 and mantissa.strip("+-0.") else None


def _line(node: Node) -> int:
    """The line (from 1) where `node` starts."""
    return Place.of(node.start_mark).line


def _lines(first: Node, second: Node) -> Ref:
    """Where a key written twice stands (the nodes of its two writings): its two lines, or its one line
    (`{a: 1, a: 2}`)."""
    one, two = _line(first), _line(second)
    return Ref("yaml.one_line", line=one) if one == two else Ref("yaml.two_lines", first=one, second=two)


def _plain_whole(node: Node | None) -> ScalarNode | None:
    """`node` when it is a whole number written plain (digits, no sign, no quotes), else None."""
    plain = isinstance(node, ScalarNode) and node.style is None and node.value.isascii() and node.value.isdigit()
    return node if plain and isinstance(node, ScalarNode) else None


def _decimal_comma(mapping: MappingNode, before: Node | None, key: Node, value: Node) -> Ref | str:
    """`hint.decimal_comma` for a key of digits alone (no value) that follows, on its line in a mapping in braces, a
    whole number: `{dokumen: 0,7}` is read as `{dokumen: 0, 7: null}`. Else ""."""
    alone = isinstance(value, ScalarNode) and value.tag == "tag:yaml.org,2002:null" and not value.value
    whole, fraction = _plain_whole(before), _plain_whole(key)
    if not mapping.flow_style or not alone or whole is None or fraction is None:
        return ""
    if whole.end_mark.line != fraction.start_mark.line:
        return ""
    return Ref(
        "hint.decimal_comma", written=f"{whole.value},{fraction.value}", decimal=f"{whole.value}.{fraction.value}"
    )


def _check(node: Node, path: KeyPath, loader: _Loader, seen: set[int]) -> None:
    """Refuse tags outside the core schema, duplicate keys, keys that are not text, lone surrogates, over-long
    whole numbers and numbers no float holds anywhere under `node` (each node visited once)."""
    if id(node) in seen:
        return
    seen.add(id(node))
    problem = _tag_problem(node, path)
    if problem is not None:
        raise problem
    if isinstance(node, ScalarNode):
        surrogate = _SURROGATE.search(node.value)
        if surrogate is not None:  # `"\ud800"`: an escape of half a UTF-16 pair, no character (the file is UTF-8)
            character = f"U+{ord(surrogate.group()):04X}"
            raise YamlProblem("yaml.surrogate", path, (*_place(node), ("character", character)))
        if node.tag == _INT_TAG and _LEADING_ZERO.fullmatch(node.value):
            written = node.value.lstrip("+-").lstrip("0") or "0"
            decimal = ("-" if node.value.startswith("-") else "") + written
            raise YamlProblem(
                "yaml.leading_zero", path, (("value", node.value), ("line", _line(node)), ("decimal", decimal))
            )
        digits = sum(c.isdigit() for c in node.value) if node.tag == _INT_TAG else 0
        if digits > MAX_DIGITS:
            raise YamlProblem(
                "yaml.number_too_long",
                path,
                (("line", _line(node)), ("digits", digits), ("limit", MAX_DIGITS)),
            )
        out_of_range = _float_out_of_range(node)
        if out_of_range is not None:
            raise YamlProblem(out_of_range, path, (("value", shown_text(node.value)), ("line", _line(node))))
    elif isinstance(node, SequenceNode):
        for position, item in enumerate(node.value):
            _check(item, (*path, position), loader, seen)
    elif isinstance(node, MappingNode):
        first: dict[object, Node] = {}  # each key's node
        merge: Node | None = None  # the merge key's
        before: Node | None = None  # the value of the pair before
        for key_node, value_node in node.value:
            _check(key_node, path, loader, seen)
            if not isinstance(key_node, ScalarNode):  # `? [a, b]`: Python cannot use it as a key
                raise YamlProblem("yaml.key_not_scalar", path, _place(key_node))
            if key_node.tag == _MERGE_TAG:  # `<<: *x` merges, not a key; twice, readers merge them in either order
                if merge is not None:
                    raise YamlProblem("yaml.duplicate_merge", path, (("lines", _lines(merge, key_node)),))
                merge = key_node
                _check(value_node, path, loader, seen)
                continue
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                hint = _decimal_comma(node, before, key_node, value_node)
                fields = (("key", key_node.value), ("line", _line(key_node)), ("hint", hint))
                raise YamlProblem("yaml.key_not_text", path, fields)
            if key in first:
                raise YamlProblem(
                    "yaml.duplicate_key",
                    (*path, str(key)),
                    (("key", shown_text(key)), ("lines", _lines(first[key], key_node))),
                )
            first[key] = key_node
            _check(value_node, (*path, str(key)), loader, seen)
            before = value_node


def too_large(data: object) -> YamlProblem | None:
    """YamlProblem `yaml.too_large` when loaded data hold more than MAX_VALUES values with every alias written out
    (what a model checking them would visit), else None."""
    values = _expanded(data, {})
    return _too_many(values) if values > MAX_VALUES else None


def _too_many(values: int) -> YamlProblem:
    """YamlProblem `yaml.too_large` for data holding `values` values once its aliases are written out."""
    return YamlProblem("yaml.too_large", (), (("values", Num(values)), ("limit", Num(MAX_VALUES))))


def _expanded(data: object, sizes: dict[int, int]) -> int:
    """How many values `data` holds with every shared list or mapping counted where it is used, each counted once
    (`sizes`, by id); one that holds itself (a cycle) counts 1 there."""
    if not isinstance(data, (list, dict)):
        return 1
    known = sizes.get(id(data))
    if known is not None:
        return known
    sizes[id(data)] = 1
    items = [*data.keys(), *data.values()] if isinstance(data, dict) else data
    total = 1 + sum(_expanded(item, sizes) for item in items)
    sizes[id(data)] = total
    return total


def read_yaml_bytes(path: Path) -> bytes:
    """The bytes of a YAML file; YamlProblem `yaml.file_too_large`, before reading it, when it is larger than
    MAX_BYTES (no methodology or musim.yaml comes near: another file was given, or one padded beyond use)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlProblem("yaml.file_too_large", (), (("size", Num(size)), ("limit", Num(MAX_BYTES))))
    return path.read_bytes()


def yaml_text(content: bytes) -> str:
    """The text of a YAML file's bytes; YamlProblem `yaml.encoding`, with the line of the first undecodable byte,
    when they are not UTF-8 (a file saved as UTF-16 or in a Windows code page)."""
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise YamlProblem("yaml.encoding", (), (("line", content.count(b"\n", 0, error.start) + 1),)) from None


def load_yaml(text: str) -> object:
    """The plain data of one YAML document (None when empty).

    Raises YamlProblem (a character YAML does not allow, a tag outside the core schema, duplicate key, key not text,
    too deep, number too long, an alias inside its anchor's value) or yaml.YAMLError (not valid YAML).
    """
    return load_yaml_places(text)[0]


def load_yaml_places(text: str) -> tuple[object, Places]:
    """The plain data of one YAML document (None when empty), as `load_yaml` reads it, and where each of its keys and
    values stands in `text` (`Places`)."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: a NUL, a control character
        line = text.count("\n", 0, error.position) + 1
        character = f"U+{error.character:04X}"  # its code point (a str is checked before it is read)
        raise YamlProblem("yaml.not_allowed_character", (), (("line", line), ("character", character))) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Places(None, {}, {})
        _check(node, (), loader, set())
        values = loader.values[id(node)]
        if values > MAX_VALUES:  # before the merge keys' blocks are written out (quadratic) and the data built
            raise _too_many(values)
        data = loader.construct_document(node)  # (which notes the pairs merged away: `_Loader.written`)
        return data, Places(node, loader.written, loader.aliases)
    finally:
        loader.dispose()


class Places:
    """Where the keys and values of a loaded YAML document stand, by key path (`value`, `key`, `nearest`). A value
    that came through an alias (`*name`, a merge key's `<<: *name` included) stands where the alias is used: the
    place the path reaches in the file, not that of the block the anchor `&name` marks; so does everything in it."""

    def __init__(
        self, root: Node | None, written: dict[int, list[tuple[Node, Node]]], aliases: dict[_Slot, Place]
    ) -> None:
        self._root = root
        self._written = written  # the pairs as written of each mapping holding a merge key, by the node's id
        self._aliases = aliases  # where each alias stands, by the slot (`_Slot`) of its parent it fills

    def value(self, path: KeyPath) -> Place | None:
        """Where the value at `path` stands; None when the file holds no such path."""
        found = self._find(path)
        return None if found is None else found[1]

    def key(self, path: KeyPath) -> Place | None:
        """Where the key that ends `path` stands (a list item's: the item); None when the file holds no such key."""
        found = self._find(path)
        return None if found is None else found[0]

    def nearest(self, path: KeyPath) -> Place | None:
        """Where the value at `path` stands, else the value at the longest part of it the file holds (the mapping
        that lacks a key); None for an empty file."""
        for end in range(len(path), -1, -1):
            found = self.value(path[:end])
            if found is not None:
                return found
        return None

    def _find(self, path: KeyPath) -> tuple[Place, Place] | None:
        """The places of the key and of the value at `path`, the first alias on the way prevailing."""
        node = self._root
        if node is None:
            return None
        through: Place | None = None  # the first alias the path came through
        key = value = Place.of(node.start_mark)
        for step in path:
            if isinstance(node, MappingNode) and isinstance(step, str):
                pair = self._pair(node, step)
                if pair is None:
                    return None
                key, node, alias = pair
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                alias = self._aliases.get((id(node), step, False))
                node = node.value[step]
                key = alias or Place.of(node.start_mark)
            else:
                return None
            through = through or alias
            value = through or Place.of(node.start_mark)
            key = through or key
        return key, value

    def _pair(self, mapping: MappingNode, name: str) -> tuple[Place, Node, Place | None] | None:
        """Of key `name` in `mapping`: where the key stands, its value's node and the alias that value came through
        (None: written there). A key of the mapping itself first, then of its merged blocks in order, each searched
        the same way before the next (as `_Loader.flatten_mapping` merges), the first alias on the way to the block
        prevailing; each block searched once (a chain of merge keys thousands long, blocks merged by many). None
        when none holds it."""
        stack: list[tuple[MappingNode, Place | None]] = [(mapping, None)]
        searched: set[int] = set()
        while stack:
            block, through = stack.pop()
            if id(block) in searched:
                continue
            searched.add(id(block))
            merges: list[tuple[MappingNode, Place | None]] = []
            written = self._written.get(id(block))  # a mapping without a merge key: its pairs as they are
            pairs: list[tuple[Node, Node]] = block.value if written is None else written
            for position, (key_node, value_node) in enumerate(pairs):
                alias = self._aliases.get((id(block), position, False))
                if key_node.tag == _MERGE_TAG:
                    merges += self._blocks(value_node, through or alias)
                elif isinstance(key_node, ScalarNode) and key_node.value == name:
                    key = through or self._aliases.get((id(block), position, True)) or Place.of(key_node.start_mark)
                    return key, value_node, through or alias
            stack += reversed(merges)
        return None

    def _blocks(self, merged: Node, through: Place | None) -> list[tuple[MappingNode, Place | None]]:
        """The blocks a merge key's value `merged` names (`*a` or `[*a, *b]`), each with the alias it came through."""
        if isinstance(merged, SequenceNode):
            return [
                (block, through or self._aliases.get((id(merged), position, False)))
                for position, block in enumerate(merged.value)
                if isinstance(block, MappingNode)
            ]
        return [(merged, through)] if isinstance(merged, MappingNode) else []


#: PyYAML's problems (its English words) a hand-edited file meets most, and their catalogue entries: what is wrong
#: in the user's words (`found`: the character PyYAML names, as it quotes it). Any other keeps PyYAML's text, said to be
#: its technical detail.
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"expected <block end>, but found .*", "yaml.indentation"),
        (r"mapping values are not allowed here", "yaml.colon"),
        (r"found character (?P<found>.+) that cannot start any token", "yaml.character"),
        (r"could not find expected ':'", "yaml.no_colon"),
        (r"found unexpected end of stream", "yaml.unfinished"),
        (r"expected ',' or '[\]}]', but got .*", "yaml.bracket"),
        (r"invalid indentation or unclosed '\[' or '\{'", "yaml.bracket"),
        (r"found unknown escape character (?P<found>.+)", "yaml.escape"),
        (r"expected a comment or a line break, but found .*", "yaml.line_end"),
        (r"found undefined alias .*", "yaml.alias"),
        (r"(expected a single document in the stream|but found another document)", "yaml.documents"),
        (r"sequence entries are not allowed here", "yaml.dash"),
        (r"expected the node content, but found .*", "yaml.reserved"),
    )
)


_TAB_PROBLEM = "found character '\\t' that cannot start any token"
#: PyYAML's problem of a line without the colon of `key: value`, said where it gave up (the next line holding
#: something); its context mark is where that line's key starts.
_NO_COLON = "could not find expected ':'"
#: What a tab comes after on its line, where a space was meant: its catalogue entry names it.
_TAB_AFTER = (":", "-", ",")


def _tab_problem(mark: yaml.Mark) -> Ref | None:
    """What a tab that PyYAML refuses (`_TAB_PROBLEM`) is, where it is not the indentation (`yaml.character` says to
    indent with spaces): at the end of its line (`yaml.tab_line_end`), before a comment (`yaml.tab_comment`), after
    a colon, a list's dash or a comma (`yaml.tab_after`: a space meant), or inside a value (`yaml.tab_inside`). None
    where the text is not known."""
    if mark.buffer is None:
        return None
    start = mark.buffer.rfind("\n", 0, mark.pointer) + 1
    end = mark.buffer.find("\n", mark.pointer)
    before = mark.buffer[start : mark.pointer].rstrip(" \t")
    after = mark.buffer[mark.pointer : len(mark.buffer) if end < 0 else end].strip(" \t\r\0")
    if not before.strip():  # the indentation
        return None
    if not after:
        return Ref("yaml.tab_line_end")
    if after.startswith("#"):  # without it, `1# c` would be the value
        return Ref("yaml.tab_comment")
    if before.endswith(_TAB_AFTER):
        return Ref("yaml.tab_after", sign=before[-1])
    return Ref("yaml.tab_inside")


def yaml_error(error: yaml.YAMLError) -> tuple[int | str, int | str, Ref]:
    """Where a file that is not valid YAML goes wrong (line and column from 1; "?" when PyYAML gives no place) and
    what is wrong: a catalogue entry for the problems met most (`_PROBLEMS`), else PyYAML's own words inside
    `yaml.parser_detail`."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return "?", "?", Ref("yaml.parser_detail", detail=str(error))
    mark = error.problem_mark
    if error.problem == _NO_COLON and error.context_mark is not None:  # the key that lacks it, not a later line
        mark = error.context_mark
    place = Place.of(mark) if mark is not None else None
    line, column = (place.line, place.col) if place is not None else ("?", "?")
    problem = error.problem or str(error)
    tab = _tab_problem(mark) if mark is not None and problem == _TAB_PROBLEM else None
    if tab is not None:
        return line, column, tab
    for pattern, key in _PROBLEMS:
        found = pattern.fullmatch(problem)
        if found is not None:
            return line, column, Ref(key, **{k: v for k, v in found.groupdict().items() if v is not None})
    return line, column, Ref("yaml.parser_detail", detail=problem)
