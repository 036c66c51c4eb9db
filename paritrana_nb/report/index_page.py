"""The season index page: every report of a season, its podiums and the status of each run.

Built directly as HTML (no kernel); every text from data is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import REPORT_TEMPLATES as TEMPLATES
from ..formatting import esc
from ..messages import t
from ..regions import PROVINCES


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
    footer: str,
    status_href: str | None = None,
) -> str:
    """The complete, self-contained index page; `status_href` links the submission tracker when there is one."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    parts = [
        f'<!DOCTYPE html><html lang="{esc(lang)}"><head><meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0"/>',
        f"<title>{esc(t('report.index_title', lang, musim=musim))}</title>",
        f'<style type="text/css">{css}</style></head><body><main>',
        f"<h1>{esc(t('report.index_title', lang, musim=musim))}</h1>",
    ]
    if illustrative:
        parts.append(f'<div class="banner">{esc(t("report.illustrative_banner", lang))}</div>')
    failed = [e for e in entries if not e.ok]
    status = t("report.index_status", lang, ok=len(entries) - len(failed), total=len(entries))
    if status_href:
        parts.append(f'<p><a href="{esc(status_href)}">{esc(t("status.link", lang))}</a></p>')
    parts.append(
        f'<p>{esc(status)}</p><div class="table-wrap"><table><thead><tr>'
        f"<th>{esc(t('report.col_report', lang))}</th><th>{esc(t('report.col_status', lang))}</th>"
        f"<th>{esc(t('report.col_podium', lang))}</th></tr></thead><tbody>"
    )
    for entry in entries:
        title = esc(entry.title)
        link = f'<a href="{esc(entry.href)}">{title}</a>' if entry.href else title
        if entry.ok:
            badge = f'<span class="badge">{esc(t("report.status_ok", lang))}</span>'
        else:
            kept = t("report.status_kept", lang) if entry.href else ""
            badge = (
                f'<span class="badge fail">{esc(t("report.status_failed", lang))}</span> '
                f'<span class="note">{esc(entry.error or "")} {esc(kept)}</span>'
            )
        podium = "<br/>".join(
            [
                f"<b>{esc(label)}</b>: " + ", ".join(f"{i}. {esc(name)}" for i, name in enumerate(names, 1))
                for label, names in entry.podium
            ]
            + [
                f"<b>{esc(label)}</b>: " + (", ".join(esc(name) for name in names) or esc(t("report.none", lang)))
                for label, names in entry.awards
            ]
        )
        parts.append(f"<tr><td>{link}</td><td>{badge}</td><td>{podium}</td></tr>")
    parts.append(f'</tbody></table></div><div class="footer">{footer}</div></main></body></html>')
    return "".join(parts)


SHORT_NAMES: dict[str, str] = {code: short for code, _, short in PROVINCES}


def report_key(code: str) -> str:
    """File stem of a province report: `61-kalbar` (or just the code for provinces not in the national list)."""
    return f"{code}-{SHORT_NAMES[code]}" if code in SHORT_NAMES else code


def report_filename(key: str, lang: str) -> str:
    """File name of a report: `61-kalbar.html`, `nasional.en.html`."""
    return f"{key}.html" if lang == "id" else f"{key}.{lang}.html"


def index_path(out_dir: Path, musim: int, lang: str) -> Path:
    """Where the season index goes: reports/<musim>/index.html (index.en.html in English)."""
    return out_dir / str(musim) / report_filename("index", lang)
