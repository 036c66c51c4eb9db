"""Project paths and defaults that every other module imports instead of computing its own.

Commands take `--data-dir` and `--params-dir`; these are only the defaults.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path("data")
PARAMS_DIR = Path("params")
REPORTS_DIR = Path("reports")
REPORT_TEMPLATES = PACKAGE_DIR / "report" / "templates"  # nbconvert template, CSS, JS
DEFAULT_SEASON = 2025
KERNEL_ENVIRONMENT = {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}
"""Set for every kernel the workbook starts (reports, the explorer's): the debugger some ipykernel versions load
otherwise printed a warning about frozen modules on the command's terminal at each kernel's start, nothing a user
can act on (the workbook never debugs a kernel)."""


def _notebooks_dir() -> Path:
    """The report notebooks: the project's notebooks/ folder, which an installed wheel carries inside the
    package (pyproject.toml maps paritrana_nb.notebooks onto it); beside the package in a source checkout
    or an editable install."""
    packaged = PACKAGE_DIR / "notebooks"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "notebooks"


NOTEBOOKS_DIR = _notebooks_dir()


def performance_year(musim: int) -> int:
    """Award season `musim` assesses the previous calendar year."""
    return musim - 1
