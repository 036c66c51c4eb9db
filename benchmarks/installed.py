"""The package as an installation runs it, shared by the benchmarks that time fresh processes.

Python keeps each module's compiled bytecode beside it (`__pycache__/`) and reads it on the next import; `pip
install` writes it for the whole package. A tree where Python may not write it (`PYTHONDONTWRITEBYTECODE`, common in
containers) compiles every module changed since its bytecode was written on every import: 0.2-0.5 s of each command
here, paid by no user of an installed workbook. `compile_package` writes the bytecode of what is out of date first.
"""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "paritrana_nb"


def compile_package() -> None:
    """Write the bytecode of every module of the package whose bytecode is missing or older than its source."""
    if not compileall.compile_dir(PACKAGE, quiet=1):
        raise SystemExit(f"cannot compile {PACKAGE}")
