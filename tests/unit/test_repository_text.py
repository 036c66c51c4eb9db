"""The project's own text files hold no leftovers of an unfinished merge (a conflict block would ship as text)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("paritrana_nb", "docs", "tests", "benchmarks", "notebooks", "params", "scripts", ".ci")
SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".j2", ".ipynb", ".po", ".txt", ".cfg", ".sh", ""}
MARKER = re.compile(r"^(<{7}|>{7})( |$)|^={7}$", re.MULTILINE)


def _texts() -> list[Path]:
    files = [ROOT / name for name in ("README.md", "ARCHITECTURE.md", "Makefile", "pyproject.toml", "environment.yml")]
    for folder in FOLDERS:
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in SUFFIXES]
    return [p for p in files if p.exists() and "__pycache__" not in p.parts]


def test_no_text_file_holds_a_merge_conflict_block() -> None:
    files = _texts()
    assert len(files) > 100  # the walk found the project
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARKER.finditer(text)]
    assert found == []
