"""Where `paritrana run` writes each report in its season folder (`<out>/<musim>/`), and the relative links one report
makes to another there: the same report in the other language, and, from the national report's nominees, each
province's report.

Every report of a run sits in that one folder, each language's under its own name (`61-kalbar.html`,
`61-kalbar.en.html`), so a link is a file name, relative, and still leads to its page in a copy of the folder. A
report is linked only where its page will be there: a run writes one language, so the other language's page is
linked only when an earlier run left it in the folder as this report is drawn; a province's report in the report's
language, when this run makes it or it is there already (the run makes the national report again, without that link,
when the province's report fails and none is there: pipeline._relinked).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from urllib.parse import quote

from ..messages import LANGS, t
from ..rapor.paths import page_name
from ..regions import SHORT_NAME_OF_PROVINCE
from ..registry import NATIONAL

NATIONAL_KEY = NATIONAL
"""The national report's key: its file's stem (`nasional.html`) and its entry on the season index."""


def report_key(code: str) -> str:
    """File stem of a province report: `61-kalbar` (or just the code for provinces not in the national list)."""
    return f"{code}-{SHORT_NAME_OF_PROVINCE[code]}" if code in SHORT_NAME_OF_PROVINCE else code


def report_filename(key: str, lang: str) -> str:
    """File name of a report: `61-kalbar.html`, `nasional.en.html` (the participant cards' rule, page_name)."""
    return page_name(key, lang)


def scope_key(scope: str) -> str:
    """The key of the report of `scope` (a province's code, or NATIONAL): `61-kalbar`, `nasional`."""
    return NATIONAL_KEY if scope == NATIONAL else report_key(scope)


def other_languages(folder: Path | None, key: str, lang: str) -> tuple[tuple[str, str, str, str], ...]:
    """The report `key` in every language but `lang` whose page is in the season folder `folder` now: (language, the
    link's text in that language, the page's relative link, its file name as it reads, printed after the link) each.
    None for `folder` (a notebook run by hand, saved where no other report is): nothing."""
    if folder is None:
        return ()
    return tuple(
        (other, t("report.same_report_language", other), quote(name), name)
        for other in LANGS
        if other != lang and (folder / (name := report_filename(key, other))).is_file()
    )


def province_report_link(folder: Path | None, code: str, lang: str, made: Collection[str]) -> str | None:
    """The relative link to the report of province `code` in `lang` from a report in the season folder `folder`: where
    the run making that report makes this one too (its key in `made`) or its page is in `folder` now; None otherwise,
    and for no `folder` (a notebook run by hand)."""
    if folder is None:
        return None
    key = report_key(code)
    name = report_filename(key, lang)
    return quote(name) if key in made or (folder / name).is_file() else None


def pages_not_linking(folder: Path, keys: Iterable[str], lang: str, other: str) -> list[Path]:
    """The pages in `other` of the reports `keys` in the season folder `folder` that do not link their page in `lang`
    (an earlier run made them before that page was there: a report links the other language's page found beside it
    when it is drawn, and is not drawn again by a run in another language)."""
    found = []
    for key in keys:
        page = folder / report_filename(key, other)
        link = f'href="{quote(report_filename(key, lang))}" hreflang="{lang}"'
        if page.is_file() and link not in page.read_text(encoding="utf-8", errors="replace"):
            found.append(page)
    return found
