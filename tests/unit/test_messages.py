"""The message catalogue: one entry per key, both languages, the same fields in each (but the English plural),
every used key present."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import paritrana_nb
from paritrana_nb.messages import CATALOGUE, LANGS

PACKAGE = Path(paritrana_nb.__file__).parent
ENGLISH_ONLY = {"s"}  # the plural ending: Bahasa Indonesia does not inflect


def _catalogue_keys() -> list[str]:
    tree = ast.parse((PACKAGE / "messages.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "CATALOGUE":
            assert isinstance(node.value, ast.Dict)
            return [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
    raise AssertionError("CATALOGUE literal not found")


def test_no_key_is_defined_twice() -> None:
    keys = _catalogue_keys()
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert repeated == []


def test_every_entry_has_both_languages_with_the_same_fields() -> None:
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGS), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in LANGS]
        assert fields[0] ^ fields[1] <= ENGLISH_ONLY, key


def test_every_literal_key_used_in_the_package_exists() -> None:
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "the pattern found no t() calls"
    assert sorted(used - set(CATALOGUE)) == []
