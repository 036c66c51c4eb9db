"""Kemendagri region codes: patterns, levels and the provinces' short names.

Codes are always text: province `61`, regency/city `61.04`, district `61.04.01`,
village `61.04.01.2011`. Regencies use 01-69 at the second level, cities 71-99. A code's digits are 0-9 only: the
patterns say `[0-9]`, as Python's digit class would match other scripts' digits too
(Arabic-Indic `٦١`, full-width digits).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from .messages import Ref, t

PROVINCE_PATTERN = re.compile(r"^[0-9]{2}$")
REGENCY_PATTERN = re.compile(r"^[0-9]{2}\.[0-9]{2}$")
VILLAGE_PATTERN = re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$")

#: The 38 provinces (Kemendagri code, official name, short name used on the command line).
PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("11", "Aceh", "aceh"),
    ("12", "Sumatera Utara", "sumut"),
    ("13", "Sumatera Barat", "sumbar"),
    ("14", "Riau", "riau"),
    ("15", "Jambi", "jambi"),
    ("16", "Sumatera Selatan", "sumsel"),
    ("17", "Bengkulu", "bengkulu"),
    ("18", "Lampung", "lampung"),
    ("19", "Kepulauan Bangka Belitung", "babel"),
    ("21", "Kepulauan Riau", "kepri"),
    ("31", "DKI Jakarta", "jakarta"),
    ("32", "Jawa Barat", "jabar"),
    ("33", "Jawa Tengah", "jateng"),
    ("34", "DI Yogyakarta", "diy"),
    ("35", "Jawa Timur", "jatim"),
    ("36", "Banten", "banten"),
    ("51", "Bali", "bali"),
    ("52", "Nusa Tenggara Barat", "ntb"),
    ("53", "Nusa Tenggara Timur", "ntt"),
    ("61", "Kalimantan Barat", "kalbar"),
    ("62", "Kalimantan Tengah", "kalteng"),
    ("63", "Kalimantan Selatan", "kalsel"),
    ("64", "Kalimantan Timur", "kaltim"),
    ("65", "Kalimantan Utara", "kaltara"),
    ("71", "Sulawesi Utara", "sulut"),
    ("72", "Sulawesi Tengah", "sulteng"),
    ("73", "Sulawesi Selatan", "sulsel"),
    ("74", "Sulawesi Tenggara", "sultra"),
    ("75", "Gorontalo", "gorontalo"),
    ("76", "Sulawesi Barat", "sulbar"),
    ("81", "Maluku", "maluku"),
    ("82", "Maluku Utara", "malut"),
    ("91", "Papua", "papua"),
    ("92", "Papua Barat", "papuabarat"),
    ("93", "Papua Selatan", "papuaselatan"),
    ("94", "Papua Tengah", "papuatengah"),
    ("95", "Papua Pegunungan", "papuapegunungan"),
    ("96", "Papua Barat Daya", "papuabaratdaya"),
)

PROVINCE_OF_SHORT_NAME: dict[str, str] = {short: code for code, _, short in PROVINCES}
SHORT_NAME_OF_PROVINCE: dict[str, str] = {code: short for code, _, short in PROVINCES}
PROVINCE_NAMES: dict[str, str] = {code: name for code, name, _ in PROVINCES}


def resolve_province(value: str, known: dict[str, str] | None = None) -> str | None:
    """Turn `61`, `kalbar` or `Kalimantan Barat` into the province code, or None.

    `known` maps codes to names of the provinces present in a season (their names may
    differ from the national list); it is searched before the national list.
    """
    text = value.strip().lower()
    if PROVINCE_PATTERN.match(text):
        return text
    if text in PROVINCE_OF_SHORT_NAME:
        return PROVINCE_OF_SHORT_NAME[text]
    for code, name in {**PROVINCE_NAMES, **(known or {})}.items():
        if name.strip().lower() == text:
            return code
    return None


def unknown_province(value: object, known: Mapping[str, str], lang: str) -> str:
    """The message for a province `value` naming none of `known` (code -> name) in `lang` (see unknown_province_ref)."""
    said = unknown_province_ref(value, known)
    return t(said.key, lang, **dict(said.fields))


def unknown_province_ref(value: object, known: Mapping[str, str]) -> Ref:
    """The message for a province `value` naming none of `known` (code -> name), in either language: the short name,
    code or name closest to it first (a typo: `kalbr`; none for fewer than three characters, which come close to
    many), then every choice; `value` quoted as a validation message quotes a cell (shown_text: a line break or an
    escape sequence typed in it escaped)."""
    from .problems import shown_text  # problems names an unknown province through this module

    text = str(value).strip().lower()
    names = {code: [code, SHORT_NAME_OF_PROVINCE.get(code, ""), str(name).lower()] for code, name in known.items()}
    spelled = {spelling: code for code, spellings in names.items() for spelling in spellings if spelling}
    close = difflib.get_close_matches(text, list(spelled), n=1, cutoff=0.6) if len(text) >= 3 else []  # not "6"
    hint = Ref("hint.did_you_mean", found=SHORT_NAME_OF_PROVINCE.get(spelled[close[0]], close[0])) if close else ""
    allowed = ", ".join(province_choices(sorted(known)))
    return Ref("cli.unknown_province", value=shown_text(str(value)), allowed=allowed, hint=hint)


def province_choices(codes: list[str]) -> list[str]:
    """Province codes as a message offers them: `61 (kalbar)` (a code of no short name alone)."""
    return [f"{code} ({SHORT_NAME_OF_PROVINCE[code]})" if code in SHORT_NAME_OF_PROVINCE else code for code in codes]
