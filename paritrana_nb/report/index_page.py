"""The season index page: every report of a season, its podiums and the status of each run.

Rendered without a kernel from `templates/index.html.j2` (autoescaped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..messages import t
from ..rapor.paths import page_name
from ..regions import SHORT_NAME_OF_PROVINCE
from ..templating import render
from .sections import Footer


@dataclass(frozen=True)
class IndexEntry:
    """One report on the index: its title, file, run status and podium lines."""

    title: str
    href: str | None
    ok: bool
    error: str | None
    podium: Sequence[tuple[str, Sequence[str]]]  # (category label, [1st, 2nd, 3rd names])
    awards: Sequence[tuple[str, Sequence[str]]] = ()  # (special award label, [winners' names])


def index_html(
    musim: int,
    entries: Sequence[IndexEntry],
    lang: str,
    illustrative: bool,
    footer: Footer,
    status_href: str | None = None,
    proposal: str = "",
) -> str:
    """The complete, self-contained index page; `status_href` links the submission tracker when there is one,
    `proposal` is the banner of a proposal's methodology (methodology.proposal_banner)."""
    failed = sum(1 for e in entries if not e.ok)
    return render(
        "index.html.j2",
        lang,
        musim=musim,
        entries=entries,
        illustrative=illustrative,
        footer=footer,
        status_href=status_href,
        proposal=proposal,
        status=t("report.index_status", lang, ok=len(entries) - failed, total=len(entries)),
    )


def province_choices(codes: list[str]) -> list[str]:
    """Province codes as a message offers them: `61 (kalbar)` (a code of no short name alone)."""
    return [f"{code} ({SHORT_NAME_OF_PROVINCE[code]})" if code in SHORT_NAME_OF_PROVINCE else code for code in codes]


def report_key(code: str) -> str:
    """File stem of a province report: `61-kalbar` (or just the code for provinces not in the national list)."""
    return f"{code}-{SHORT_NAME_OF_PROVINCE[code]}" if code in SHORT_NAME_OF_PROVINCE else code


def report_filename(key: str, lang: str) -> str:
    """File name of a report: `61-kalbar.html`, `nasional.en.html` (the participant cards' rule, page_name)."""
    return page_name(key, lang)


def index_path(out_dir: Path, musim: int, lang: str) -> Path:
    """Where the season index goes: reports/<musim>/index.html (index.en.html in English)."""
    return out_dir / str(musim) / report_filename("index", lang)
