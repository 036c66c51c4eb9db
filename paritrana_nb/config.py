"""Project paths and defaults that every other module imports instead of computing its own.

Commands take `--data-dir` and `--params-dir`; these are only the defaults.
"""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path("data")
PARAMS_DIR = Path("params")
REPORTS_DIR = Path("reports")
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORT_TEMPLATES = Path(__file__).resolve().parent / "report" / "templates"  # nbconvert template, CSS, JS
DEFAULT_SEASON = 2025


def performance_year(musim: int) -> int:
    """Award season `musim` assesses the previous calendar year."""
    return musim - 1
