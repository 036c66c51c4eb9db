"""The per-season methodology file (params/<musim>/metodologi.yaml): pydantic models, loading and saving.

The file is data only: every problem is reported with the file, the line and column, the key path and a fix, in
id/en. Where a key or value stands is kept apart from the models (`Issue.place`, `Methodology.place`): a methodology
that differs from another only in comments or blank lines is equal to it and scores alike.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import types
import typing
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .indicators import KNOWN_INDICATORS
from .messages import LANGS, Num, Ref, os_reason, t
from .outputs import write_atomic, write_new
from .problems import CONTROL_CHARS, INVISIBLE_CHARS, UserError, same_id, shown_text
from .schema import JENIS, NUMERIC_KINDS, PARTICIPANT_TABLES, SKALA, Jenis, Programme, Skala, Tingkat
from .validate import MAX_ID_CHARS
from .yamldata import (
    KeyPath,
    Place,
    Places,
    YamlProblem,
    dump_yaml,
    load_yaml_places,
    read_yaml_bytes,
    shown_value,
    too_large,
    yaml_error,
    yaml_text,
)

METHODOLOGY_FILE = "metodologi.yaml"
SHOWN_VALUE_CHARS = 200  # of a value quoted in a message
STAGE_TOLERANCE = 1e-9
#: Allowed indicator weights: weights are relative, and beyond a ratio of 10^6 the arithmetic stops meaning
#: anything (1e308 overflows every score to 100). The explorer's sliders stay within these bounds.
WEIGHT_MIN = 0.001
WEIGHT_MAX = 1000.0
#: Goalposts lie within [-GOALPOST_LIMIT, GOALPOST_LIMIT]: every indicator is a percentage or a ratio.
GOALPOST_LIMIT = 1e9
#: The upper goalpost exceeds the lower by at least a GOALPOST_SPAN_PARTS-th of the larger of 1 and their sizes: such
#: a span holds some 4.5e9 doubles, far more than the 10^7 steps of a 0-100 score at 5 decimals, while a span of
#: 1e-310 made `100 / (hi - lo)` infinite and every normalised value NaN (the indicator silently left out).
GOALPOST_SPAN_PARTS = 1_000_000
#: The most `aturan.iuran_rentan_rp_per_bulan` may be (Rp a month per worker), some 600 times the 2025 premium: a
#: larger value is a typo, and 1e308 made every yearly premium infinite ("Rp Infinity" on the cards).
PREMIUM_MAX = 10_000_000
#: The largest `shortlist_size`: every participant on the shortlist is interviewed in person by the jury (Kalteng
#: 2025 interviewed 19, Kaltim 2025 7), so a larger one is a typo (99999999999999999999 was accepted).
SHORTLIST_MAX = 1000
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
MAX_DECIMALS = 5  # ranking.RankRule packs group, finalist, score and tie-break into one int64 key
Kelompok = Literal["provinsi", "nasional", "zona"]
KELOMPOK: tuple[Kelompok, ...] = get_args(Kelompok)
#: The two forms of programmes_expected (a list for every size, or a map by skala); pydantic names them in error paths.
PROGRAMMES_FORMS = ("daftar", "peta")
#: The two forms of an interview aspect (a bare id, or a map with its id and label); named in error paths as well.
ASPECT_FORMS = ("teks", "peta")
#: Aspects whose bare id the catalogue names (`aspect.<id>`, both languages): the usual interview aspects.
KNOWN_ASPECTS: tuple[str, ...] = ("inovasi", "sinergi", "presentasi", "komitmen")

Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Goalpost = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-GOALPOST_LIMIT, le=GOALPOST_LIMIT)]
Positive = Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]
Share = Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]
Whole = Annotated[int, Field(strict=True, ge=0)]
Count = Annotated[int, Field(strict=True, gt=0)]
MAX_LABEL_CHARS = 500  # as a name in the data (validate.MAX_TEXT_CHARS)
#: The longest category or indicator id: a category's names the folder of its cards and a juror's file
#: (`wawancara_<kategori>_<juri>.xlsx`, with a juror's id of up to validate.MAX_ID_CHARS: within a file name's 255).
MAX_IDENTIFIER_CHARS = 64
#: The longest aspect id: the `aspek` cells of the juror files name it, and a cell holds at most this many.
MAX_ASPECT_ID_CHARS = MAX_ID_CHARS


def _id_length(limit: int) -> Callable[[str], str]:
    """A check that an id is at most `limit` characters long."""

    def checked(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError(
                "M_ID_TOO_LONG", "over {limit} characters", {"actual": len(value), "limit": limit}
            )
        return value

    return checked


Identifier = Annotated[str, Field(strict=True, pattern=ID_PATTERN), AfterValidator(_id_length(MAX_IDENTIFIER_CHARS))]


def _plain_text(value: str) -> str:
    """A label or filter value shown in reports: not blank, no control or text-direction characters, at most
    MAX_LABEL_CHARS."""
    if not value.strip():  # '  ' showed as nothing in the reports; a sektor filter '  ' matched only blank sectors
        raise PydanticCustomError("M_EMPTY", "blank text", {})
    if CONTROL_CHARS.search(value):
        raise PydanticCustomError("M_CONTROL_CHAR", "control characters in {value}", {"value": shown_text(value)})
    if len(value) > MAX_LABEL_CHARS:
        raise PydanticCustomError("M_TEXT_TOO_LONG", "over {limit} characters", {"limit": MAX_LABEL_CHARS})
    return value


Text = Annotated[str, Field(strict=True, min_length=1), AfterValidator(_plain_text)]


def _no_edge_spaces(value: str) -> str:
    """An id data cells are matched against: those cells are read trimmed, so spaces around it never match, and no
    one types the invisible characters (INVISIBLE_CHARS) of an id that holds them."""
    if value != value.strip():
        raise PydanticCustomError("M_EDGE_SPACES", "spaces around {value}", {"value": shown_text(value)})
    if INVISIBLE_CHARS.search(value):
        raise PydanticCustomError("M_INVISIBLE_ID", "invisible characters in {value}", {"value": shown_text(value)})
    return value


def _reads_as(text: str) -> str:
    """What a label or an aspect id reads as: `same_id` (NFKC, no invisible characters), case and runs of spaces
    aside. Two texts of one reading cannot be told apart where they are shown."""
    return " ".join(same_id(text).casefold().split())


#: An aspect's id, as the juror files' `aspek` cells name it.
AspectId = Annotated[Text, AfterValidator(_no_edge_spaces), AfterValidator(_id_length(MAX_ASPECT_ID_CHARS))]
Programmes = Annotated[tuple[Programme, ...], Field(min_length=1)]
ProgrammesExpected = Annotated[
    Annotated[Programmes, Tag("daftar")] | Annotated[dict[Skala, Programmes], Tag("peta")],
    Discriminator(lambda value: "peta" if isinstance(value, dict) else "daftar"),
]


_Value = TypeVar("_Value")
#: A non-empty list of some of a Literal's values (a peserta filter, tidak_berlaku_untuk).
Choices = Annotated[tuple[_Value, ...], Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(_Model):
    """A name in Bahasa Indonesia and English."""

    id: Text
    en: Text


class Indicator(_Model):
    """One indicator a category uses: its id (a formula in indicators.py), label, goalposts and weight."""

    id: str
    label: Label
    direction: Literal["higher", "lower"] = "higher"
    goalposts: Annotated[tuple[Goalpost, ...], Field(min_length=2, max_length=2)]
    weight: Positive
    tidak_berlaku_untuk: Choices[Jenis] | None = None  # village kinds it does not apply to (reason in reports)

    @field_validator("goalposts")
    @classmethod
    def _ordered(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if value[0] >= value[1]:
            raise PydanticCustomError(
                "M_GOALPOSTS", "lower goalpost {lo} must be below upper goalpost {hi}", {"lo": value[0], "hi": value[1]}
            )
        span = max(1.0, abs(value[0]), abs(value[1])) / GOALPOST_SPAN_PARTS
        if value[1] - value[0] < span:
            raise PydanticCustomError(
                "M_GOALPOST_SPAN",
                "goalposts {lo} and {hi} are less than {span} apart",
                {"lo": value[0], "hi": value[1], "span": span},
            )
        return value

    @field_validator("weight")
    @classmethod
    def _weight_range(cls, value: float) -> float:
        if not WEIGHT_MIN <= value <= WEIGHT_MAX:
            raise PydanticCustomError(
                "M_WEIGHT_RANGE",
                "weight {value} outside [{lo}, {hi}]",
                {"value": value, "lo": WEIGHT_MIN, "hi": WEIGHT_MAX},
            )
        return value

    @property
    def lo(self) -> float:
        return self.goalposts[0]

    @property
    def hi(self) -> float:
        return self.goalposts[1]


class Aspect(_Model):
    """An interview aspect with its label: `id` is what juror files (`aspek`) and award rules name."""

    id: AspectId
    label: Label


#: One entry of `aspects`: a bare id (`inovasi`) or a map `{id: inovasi, label: {id: Inovasi, en: Innovation}}`.
AspectEntry = Annotated[
    Annotated[Aspect, Tag("peta")] | Annotated[AspectId, Tag("teks")],
    Discriminator(lambda value: "peta" if isinstance(value, dict | Aspect) else "teks"),
]


def aspect_id(aspect: str | Aspect) -> str:
    """The id of an entry of `aspects`."""
    return aspect if isinstance(aspect, str) else aspect.id


def aspect_label(aspect: str | Aspect, lang: str) -> str:
    """An aspect's name in `lang`: its label; for a bare id, the catalogue's name of a KNOWN_ASPECTS id, else the id."""
    if isinstance(aspect, Aspect):
        return str(getattr(aspect.label, lang))
    return t(f"aspect.{aspect}", lang) if aspect in KNOWN_ASPECTS else aspect


class StageWeights(_Model):
    """Shares of the desk (dokumen) and interview (wawancara) scores in the final score; they add up to 1."""

    dokumen: Share
    wawancara: Share

    @model_validator(mode="after")
    def _sum_to_one(self) -> StageWeights:
        total = self.dokumen + self.wawancara
        if abs(total - 1) > STAGE_TOLERANCE:
            raise PydanticCustomError(
                "M_STAGE_WEIGHTS",
                "stage weights add up to {total}, not 1",
                {  # numbers in the message's language: 0,7 + 0,4 = 1,1 in Bahasa Indonesia
                    "dokumen": Num.written(self.dokumen),
                    "wawancara": Num.written(self.wawancara),
                    "total": Num.written(round(total, 12)),
                },
            )
        return self


class Peserta(_Model):
    """Who competes in a category: the rows of one participant table, narrowed by filters (absent = any)."""

    tabel: Literal[tuple(PARTICIPANT_TABLES)]  # type: ignore[valid-type]  # the keys of schema.PARTICIPANT_TABLES
    tingkat: Choices[Tingkat] | None = None
    jenis: Choices[Jenis] | None = None
    skala: Choices[Skala] | None = None
    sektor: Annotated[tuple[Text, ...], Field(min_length=1)] | None = None

    def filters(self) -> dict[str, tuple[str, ...]]:
        """The filters that are set, by name."""
        return {
            name: value
            for name in ("tingkat", "jenis", "skala", "sektor")
            if (value := getattr(self, name)) is not None
        }


class Category(_Model):
    """How one award category is scored and ranked: who competes, within which group, on what."""

    label: Label
    peserta: Peserta
    kelompok: Kelompok = "provinsi"
    stage_weights: StageWeights
    indicators: Annotated[tuple[Indicator, ...], Field(min_length=1)]
    #: The interview aspects, bare ids or {id, label} (aspect_id, aspect_label): required of a category that weighs the
    #: interview (M_ASPECTS_REQUIRED), left out or empty in one that weighs none.
    aspects: Annotated[tuple[AspectEntry, ...], Field(validate_default=True)] = ()
    tie_break: str
    shortlist_size: Count
    programmes_expected: ProgrammesExpected | None = None

    @field_validator("aspects")
    @classmethod
    def _aspects_of_an_interview(
        cls, value: tuple[str | Aspect, ...], info: ValidationInfo
    ) -> tuple[str | Aspect, ...]:
        """None listed (left out, or `[]`) only where the interview weighs nothing: its jurors would score nothing."""
        weights = info.data.get("stage_weights")  # (absent where it is invalid: told on its own)
        if not value and isinstance(weights, StageWeights) and weights.wawancara > 0:
            raise PydanticCustomError(
                "M_ASPECTS_REQUIRED", "no interview aspects", {"wawancara": Num.written(weights.wawancara)}
            )
        return value

    @field_validator("shortlist_size")
    @classmethod
    def _shortlist_range(cls, value: int) -> int:
        if value > SHORTLIST_MAX:
            raise PydanticCustomError(
                "M_SHORTLIST_SIZE", "shortlist of {value} above {limit}", {"value": value, "limit": SHORTLIST_MAX}
            )
        return value

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.indicators)

    @property
    def aspect_ids(self) -> tuple[str, ...]:
        """The interview aspects' ids, in file order (what juror files and award rules name)."""
        return tuple(aspect_id(a) for a in self.aspects)

    def aspect_labels(self, lang: str) -> dict[str, str]:
        """Each interview aspect's id -> its name in `lang` (aspect_label), in file order."""
        return {aspect_id(a): aspect_label(a, lang) for a in self.aspects}

    @property
    def provincial(self) -> bool:
        """True when the category is ranked within each province."""
        return self.kelompok == "provinsi"

    @property
    def weighs_interview(self) -> bool:
        """Whether its interview counts (`stage_weights.wawancara` above 0). One that weighs none is ranked by its desk
        score alone: its desk stage is its last (its proposed shortlist marks its first ranks), it gets no juror
        sheets, and the rank intervals keep its desk share at 100 %. The one test every part of the workbook asks."""
        return self.stage_weights.wawancara > 0

    def programmes_for(self, skala: Skala) -> tuple[Programme, ...]:
        """The programmes a business of size `skala` is expected to enrol in (empty when not set)."""
        expected = self.programmes_expected
        if isinstance(expected, dict):
            return expected.get(skala, ())
        return expected or ()


#: The most points one regulation of `aturan.regulasi` may earn: `regulasi` never exceeds 100, so a larger value scores
#: as 100 does, and 1e308 overflowed the sum to infinity, numpy's RuntimeWarnings printed by every command.
REGULASI_POINTS_MAX = 100
RegulasiPoints = Annotated[NonNegative, Field(le=REGULASI_POINTS_MAX)]


class Regulasi(_Model):
    """Points of the `regulasi` indicator: min(100, perda*perda + perkada*min(n, perkada_maks) + ...)."""

    perda: RegulasiPoints = 40
    perkada: RegulasiPoints = 20
    perkada_maks: Whole = 2
    surat_edaran: RegulasiPoints = 10
    surat_edaran_maks: Whole = 2


class Aturan(_Model):
    """Rules that hold for every category of a season."""

    desimal: Annotated[int, Field(strict=True, ge=0, le=MAX_DECIMALS)] = 4  # scores compared at this many decimals
    pangkas_juri_mulai: Annotated[int, Field(strict=True, ge=3)] = 4  # drop highest and lowest from this many jurors
    tunggakan_maks_bulan: Count = 12  # months of arrears at which tertib_iuran reaches 0
    regulasi: Regulasi = Regulasi()
    cakupan_maks: Positive = 100  # coverage above this earns no growth (ucj_naik)
    # JKK + JKM premium of one vulnerable worker (Rp/month)
    iuran_rentan_rp_per_bulan: Annotated[Positive, Field(le=PREMIUM_MAX)] = 16800


class AwardRule(_Model):
    """What a special award looks at (one of indikator, kolom, aspek) and who gets it (one condition)."""

    indikator: str | None = None
    kolom: str | None = None
    aspek: str | None = None
    minimal: Number | None = None
    maksimal: Number | None = None
    terbesar: Count | None = None
    terkecil: Count | None = None

    def source(self) -> tuple[str, str]:
        """(kind, name): ('indikator', 'ucj'), ('kolom', ...) or ('aspek', ...)."""
        return next((k, v) for k in AWARD_SOURCES if (v := getattr(self, k)) is not None)

    def condition(self) -> tuple[str, float]:
        """(kind, value): ('minimal', 100.0), ('terbesar', 1), ..."""
        return next((k, v) for k in AWARD_CONDITIONS if (v := getattr(self, k)) is not None)


AWARD_SOURCES: tuple[str, ...] = ("indikator", "kolom", "aspek")
AWARD_CONDITIONS: tuple[str, ...] = ("minimal", "maksimal", "terbesar", "terkecil")


class Award(_Model):
    """A special award (penghargaan khusus) given to the participants of one category that meet a rule."""

    id: Identifier
    label: Label
    kategori: str
    aturan: AwardRule


@dataclass(frozen=True)
class Issue:
    """One problem of a methodology: key path (pydantic location), catalogue key and its fields; `place`, where in the
    file it stands (`placed`), when it was read from a file and the key path leads into it."""

    loc: tuple[str | int, ...]
    code: str
    fields: tuple[tuple[str, object], ...] = ()
    place: Place | None = None

    def placed(self, places: Places) -> Issue:
        """This issue with the place in the file it is about: an unknown key's (or a mapping key's own problem,
        pydantic's `[key]`), else its value's, else, for a key the file lacks, that of the mapping that lacks it."""
        if not self.loc:  # the file as a whole
            return self
        if self.code == "M_UNKNOWN_KEY":
            return replace(self, place=places.key(self.loc))
        if self.loc[-1] == "[key]":
            return replace(self, place=places.key(self.loc[:-1]))
        return replace(self, place=places.nearest(self.loc))


def _duplicates(loc: tuple[str | int, ...], values: tuple[str, ...]) -> list[Issue]:
    """An issue at the first of each value `values` holds more than once, naming the key paths of the others."""
    issues = []
    for value, count in Counter(values).items():
        if count > 1:
            first, *others = (i for i, v in enumerate(values) if v == value)
            also = ", ".join(f"'{key_text((*loc, i))}'" for i in others)
            issues.append(Issue((*loc, first), "M_DUPLICATE", (("value", _show(value)), ("others", also))))
    return issues


def _category_issues(name: str, category: Category) -> list[Issue]:
    base: tuple[str | int, ...] = ("kategori", name)
    issues: list[Issue] = []
    tabel = category.peserta.tabel
    allowed = PARTICIPANT_TABLES[tabel].filters
    for field in category.peserta.filters():
        if field not in allowed:
            issues.append(
                Issue(
                    (*base, "peserta", field),
                    "M_FILTER_TABLE",
                    (("value", field), ("tabel", tabel), ("allowed", ", ".join(allowed))),
                )
            )
    for field, values in category.peserta.filters().items():
        issues += _duplicates((*base, "peserta", field), values)
    known = KNOWN_INDICATORS[tabel]
    ids = category.indicator_ids
    for position, indicator in enumerate(category.indicators):
        if indicator.id not in known:
            issues.append(
                Issue(
                    (*base, "indicators", position, "id"),
                    "M_UNKNOWN_INDICATOR",
                    (("value", _show(indicator.id)), ("tabel", tabel), ("known", ", ".join(known))),
                )
            )
        if indicator.tidak_berlaku_untuk is not None and "jenis" not in allowed:
            issues.append(
                Issue(
                    (*base, "indicators", position, "tidak_berlaku_untuk"),
                    "M_NOT_APPLICABLE_TABLE",
                    (("tabel", tabel),),
                )
            )
        if indicator.tidak_berlaku_untuk is not None:
            issues += _duplicates((*base, "indicators", position, "tidak_berlaku_untuk"), indicator.tidak_berlaku_untuk)
    issues += _duplicates((*base, "indicators"), ids) + _duplicates((*base, "aspects"), category.aspect_ids)
    indicators = [((*base, "indicators", position), i.id, i.label) for position, i in enumerate(category.indicators)]
    issues += _labels_alike(indicators)
    issues += _aspect_ids_alike((*base, "aspects"), category.aspects)
    issues += _aspect_label_clashes((*base, "aspects"), category.aspects)
    if "jenis" in allowed:  # a kind every indicator is not applicable to could never get a desk score
        issues += [
            Issue((*base, "indicators"), "M_NO_INDICATOR_APPLIES", (("jenis", jenis),))
            for jenis in category.peserta.jenis or JENIS
            if all(jenis in (i.tidak_berlaku_untuk or ()) for i in category.indicators)
        ]
    if category.tie_break not in ids:
        usable = ", ".join(i for i in ids if i in known)  # an unknown id has its own issue: never offered here
        issues.append(
            Issue((*base, "tie_break"), "M_TIE_BREAK", (("value", _show(category.tie_break)), ("known", usable)))
        )
    issues += _programme_issues(base, category, "program" in ids)
    return issues


def _labels_alike(entries: list[tuple[tuple[str | int, ...], str, Label]]) -> list[Issue]:
    """Entries (key path, id, label) of other ids whose labels read alike in a language (`_reads_as`): the season
    index, the reports and the cards show categories, indicators and awards by their label, so two such could not be
    told apart. The later label is named, with the key of the earlier one."""
    issues = []
    for lang in LANGS:
        seen: dict[str, tuple[tuple[str | int, ...], str, str]] = {}
        for loc, key, label in entries:
            name = getattr(label, lang)
            where, other, other_name = seen.setdefault(_reads_as(name), (loc, key, name))
            if other != key:
                fields = (
                    ("value", _show(name)),
                    ("other", _show(other_name)),
                    ("key", key_text((*where, "label", lang))),
                )
                issues.append(Issue((*loc, "label", lang), "M_LABEL_ALIKE", fields))
    return issues


def _aspect_ids_alike(loc: tuple[str | int, ...], aspects: tuple[str | Aspect, ...]) -> list[Issue]:
    """Aspect ids spelt otherwise that read alike (`_reads_as`: case, NFC or NFD, a full-width letter): a juror's
    `aspek` cell could mean either. An id given twice has its own issue (M_DUPLICATE)."""
    issues = []
    seen: dict[str, tuple[tuple[str | int, ...], str]] = {}
    for position, aspect in enumerate(aspects):
        aspek = aspect_id(aspect)
        where = (*loc, position) if isinstance(aspect, str) else (*loc, position, "id")
        first, other = seen.setdefault(_reads_as(aspek), (where, aspek))
        if other != aspek:
            fields = (("value", _show(aspek)), ("other", _show(other)), ("key", key_text(first)))
            issues.append(Issue(where, "M_ASPECT_ID_ALIKE", fields))
    return issues


def _aspect_label_clashes(loc: tuple[str | int, ...], aspects: tuple[str | Aspect, ...]) -> list[Issue]:
    """Aspects of other ids that one language names alike (`_reads_as`: case, spaces, NFC or NFD, invisible
    characters aside): the reports, cards and juror sheets show an aspect by its label only, so two such could not be
    told apart."""
    issues = []
    for lang in LANGS:
        seen: dict[str, str] = {}
        for position, aspect in enumerate(aspects):
            name, aspek = aspect_label(aspect, lang), aspect_id(aspect)
            other = seen.setdefault(_reads_as(name), aspek)
            if other != aspek:
                where = (*loc, position, "label", lang) if isinstance(aspect, Aspect) else (*loc, position)
                issues.append(Issue(where, "M_ASPECT_LABEL_TWICE", (("value", _show(name)), ("other", other))))
    return issues


def _programme_issues(base: tuple[str | int, ...], category: Category, needed: bool) -> list[Issue]:
    """programmes_expected: only for businesses, present when `needed`, a map covering every size admitted."""
    expected = category.programmes_expected
    loc = (*base, "programmes_expected")
    if "skala" not in PARTICIPANT_TABLES[category.peserta.tabel].filters:
        return [Issue(loc, "M_PROGRAMMES_NOT_BUSINESS", (("kategori", base[-1]),))] if expected is not None else []
    if expected is None:
        return [Issue(loc, "M_PROGRAMMES_MISSING")] if needed else []
    if not isinstance(expected, dict):
        return _duplicates(loc, expected)
    issues = [issue for skala, programmes in expected.items() for issue in _duplicates((*loc, skala), programmes)]
    admitted = category.peserta.skala or SKALA
    issues += [
        Issue((*loc, skala), "M_PROGRAMMES_SKALA_EXTRA", (("value", skala), ("allowed", ", ".join(admitted))))
        for skala in expected
        if skala not in admitted
    ]
    missing = [s for s in admitted if s not in expected]
    if missing:
        issues.append(Issue(loc, "M_PROGRAMMES_SKALA", (("missing", ", ".join(missing)),)))
    return issues


def _award_issues(position: int, award: Award, kategori: dict[str, Category]) -> list[Issue]:
    base: tuple[str | int, ...] = ("penghargaan_khusus", position)
    rule = award.aturan
    sources = [k for k in AWARD_SOURCES if getattr(rule, k) is not None]
    conditions = [k for k in AWARD_CONDITIONS if getattr(rule, k) is not None]
    issues = []
    if len(sources) != 1:
        issues.append(Issue((*base, "aturan"), "M_AWARD_SOURCE", (("found", ", ".join(sources) or "-"),)))
    if len(conditions) != 1:
        issues.append(Issue((*base, "aturan"), "M_AWARD_CONDITION", (("found", ", ".join(conditions) or "-"),)))
    category = kategori.get(award.kategori)
    if category is None:
        return [
            *issues,
            Issue(
                (*base, "kategori"),
                "M_AWARD_CATEGORY",
                (("value", _show(award.kategori)), ("allowed", ", ".join(kategori))),
            ),
        ]
    if len(sources) != 1:
        return issues
    kind, name = rule.source()
    tabel = category.peserta.tabel
    allowed: tuple[str, ...] = {
        "indikator": KNOWN_INDICATORS[tabel],
        "aspek": category.aspect_ids,
        "kolom": tuple(
            c.name for c in PARTICIPANT_TABLES[tabel].table.columns if c.kind in NUMERIC_KINDS and c.kind != "year"
        ),
    }[kind]
    if kind == "aspek" and not allowed:  # a category that weighs no interview, its aspects left out
        fields = (("value", _show(name)), ("kategori", award.kategori))
        issues.append(Issue((*base, "aturan", kind), "M_AWARD_NO_ASPECTS", fields))
    elif name not in allowed:
        issues.append(
            Issue(
                (*base, "aturan", kind),
                "M_AWARD_" + kind.upper(),
                (("value", _show(name)), ("kategori", award.kategori), ("allowed", ", ".join(allowed))),
            )
        )
    elif kind == "indikator" and name == "program" and category.programmes_expected is None:
        issues.append(Issue(("kategori", award.kategori, "programmes_expected"), "M_PROGRAMMES_MISSING"))
    return issues


class Methodology(_Model):
    """A season's whole scoring methodology, one entry per award category."""

    musim: Annotated[int, Field(strict=True)]
    nama: Label
    aturan: Aturan = Aturan()
    kategori: Annotated[dict[Identifier, Category], Field(min_length=1)]
    penghargaan_khusus: tuple[Award, ...] = ()
    _file: str = PrivateAttr(default=METHODOLOGY_FILE)
    _source: str | None = PrivateAttr(default=None)

    @property
    def file(self) -> str:
        """The file it was read from, as given (`parse_methodology`'s `file`), that problems found against the
        season name (not part of the methodology: equal methodologies from two files score alike)."""
        return self._file

    def place(self, loc: KeyPath) -> Place | None:
        """Where the value at key path `loc` stands in the file it was read from (`load_methodology`), as its own
        problems are placed: a problem found against the season names it. The file's text is read again for it on
        the first need only (a methodology keeps the text, not the parsed nodes, which would make it 17 times larger
        pickled, as each report's prepared data are). None for a methodology given as data, or a path the file does
        not hold."""
        return None if self._source is None else _places_of(self._source).value(loc)

    def __eq__(self, other: object) -> bool:
        """Equal when every field is: equal methodologies read from two files are equal (`file` aside)."""
        if not isinstance(other, Methodology):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    @model_validator(mode="after")
    def _consistent(self) -> Methodology:
        issues = [issue for name, category in self.kategori.items() for issue in _category_issues(name, category)]
        issues += [
            issue
            for position, award in enumerate(self.penghargaan_khusus)
            for issue in _award_issues(position, award, self.kategori)
        ]
        issues += _duplicates(("penghargaan_khusus",), tuple(a.id for a in self.penghargaan_khusus))
        issues += _labels_alike([(("kategori", name), name, c.label) for name, c in self.kategori.items()])
        awards = enumerate(self.penghargaan_khusus)
        issues += _labels_alike([(("penghargaan_khusus", position), a.id, a.label) for position, a in awards])
        if issues:
            raise PydanticCustomError(
                "M_ISSUES",
                "{summary}",
                {
                    "issues": tuple(issues),
                    "summary": "; ".join(key_text(i.loc) + ": " + t(i.code, "en", **dict(i.fields)) for i in issues),
                },
            )
        return self

    def categories(self) -> tuple[str, ...]:
        """The categories this methodology scores, in file order (the order participants are matched in)."""
        return tuple(self.kategori)


class MethodologyInvalid(UserError):
    """A methodology file that cannot be used; carries one issue per problem."""

    def __init__(self, file: str, issues: list[Issue], data: object = None, lang: str = "id") -> None:
        self.file = file
        self.issues = issues
        self._data = data
        super().__init__("\n".join(self.messages(lang)))

    def translated(self, lang: str) -> MethodologyInvalid:
        """The same problems, the exception's text in `lang` (what a notebook shows)."""
        return MethodologyInvalid(self.file, self.issues, self._data, lang)

    def messages(self, lang: str = "id") -> list[str]:
        """One sentence per problem: file, line and column (where known), key path, what is wrong and the fix."""
        out = []
        for issue in self.issues:
            where = [t("loc.file", lang, file=shown_text(self.file, None))]
            if issue.place is not None:
                where.append(t("loc.place", lang, line=issue.place.line, col=issue.place.col))
            if issue.loc:
                where.append(t("loc.key", lang, key=key_text(issue.loc)))
            indicator = _indicator_id(self._data, issue.loc)
            if indicator is not None:
                where.append(t("loc.indicator", lang, indicator=indicator))
            out.append(f"{', '.join(where)}: {t(issue.code, lang, **dict(issue.fields))}")
        return out

    def render(self, lang: str = "id") -> str:
        """A heading and every message, one per line."""
        head = t("methodology.invalid", lang, file=shown_text(self.file, None), count=len(self.issues))
        return "\n".join([head, *("  " + m for m in self.messages(lang))])


@functools.lru_cache(maxsize=2)
def _places_of(text: str) -> Places:
    """Where each key and value of a methodology file's `text` stands, read once per text (`Methodology.place`)."""
    return load_yaml_places(text)[1]


def key_text(loc: tuple[str | int, ...]) -> str:
    """('kategori', 'pemda', 'indicators', 2, 'weight') -> 'kategori.pemda.indicators[2].weight', each key as a
    message quotes a value (shown_text: the file wrote it, a misspelt one too: control characters escaped, cut)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part != "[key]":
            text += ("." if text else "") + shown_text(part, SHOWN_VALUE_CHARS)
    return text


#: A list position or a key in a key path's text (`key_text`).
_KEY_PART = re.compile(r"\[(\d+)\]|([^.\[]+)")


def key_path(text: str) -> KeyPath:
    """The key path `key_text` wrote as `text` ('penghargaan_khusus[1].aturan.aspek' -> ('penghargaan_khusus', 1,
    'aturan', 'aspek')), exactly where no key holds a `.` or `[` (the models' keys and ids: what a problem found
    against a season names)."""
    return tuple(int(position) if position else key for position, key in _KEY_PART.findall(text))


def _indicator_id(data: object, loc: tuple[str | int, ...]) -> str | None:
    """The id of the indicator entry a location points into, when the raw data has one (shown_text: as written in
    the file, control characters escaped, cut)."""
    if len(loc) < 5 or loc[2] != "indicators" or not isinstance(loc[3], int) or loc[4] == "id":
        return None
    try:
        entry = data["kategori"][loc[1]]["indicators"][loc[3]]  # type: ignore[index]  # raw YAML: TypeError caught
    except (KeyError, IndexError, TypeError):
        return None
    found = entry.get("id") if isinstance(entry, dict) else None
    return shown_text(found, SHOWN_VALUE_CHARS) if isinstance(found, str) else None


def _unwrap(annotation: Any) -> Any:
    """The model or container type behind Annotated / Optional wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _allowed_keys(loc: tuple[str | int, ...]) -> list[str]:
    """The keys the model at `loc` accepts (for 'unknown key' messages)."""
    node: Any = Methodology
    for part in loc:
        if isinstance(node, type) and issubclass(node, BaseModel):
            node = _unwrap(node.model_fields[str(part)].annotation)
        elif typing.get_origin(node) is dict:
            node = _unwrap(typing.get_args(node)[1])
        elif typing.get_origin(node) is tuple:
            node = _unwrap(typing.get_args(node)[0])
        else:
            return []
    return list(node.model_fields) if isinstance(node, type) and issubclass(node, BaseModel) else []


_TYPES = {
    "float_type": "type.number",
    "float_parsing": "type.number",
    "int_type": "type.whole",
    "int_parsing": "type.whole",
    "int_from_float": "type.whole",
    "string_type": "type.text",
    "tuple_type": "type.list",
    "list_type": "type.list",
}
_LISTS = {"goalposts": "type.goalposts", "penghargaan_khusus": "type.awards"}  # lists with an example of their own
#: The season a `musim` that is not a whole number is shown written as, when no season is asked for and its value is
#: not a year in quotes: that of the methodology the workbook ships (params/2025/metodologi.yaml).
EXAMPLE_SEASON = 2025
_LIMITS = {"greater_than_equal": ("M_BELOW_MIN", "ge"), "less_than_equal": ("M_ABOVE_MAX", "le")}
_LENGTHS = {"too_short": ("M_TOO_SHORT", "min_length"), "too_long": ("M_TOO_LONG", "max_length")}


def _year_example(value: object, musim: int | None) -> int:
    """The year a `musim` of `value` (not a whole number) is shown written as: the season asked for, else the year
    `value` quotes ('2025'), else EXAMPLE_SEASON."""
    if musim is not None:
        return musim
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) == 4 else EXAMPLE_SEASON


def _issues(error: ValidationError, musim: int | None = None) -> list[Issue]:
    """Pydantic errors translated into catalogue issues; `musim`, the season asked for, is the example of a year."""
    issues: list[Issue] = []
    errors = error.errors()
    # pydantic drops an invalid item (.nan, a weight of 0) and then counts the list as too short: report the item only
    with_bad_items = {
        _loc(tuple(e["loc"][:i])) for e in errors for i, part in enumerate(e["loc"]) if isinstance(part, int)
    }
    for err in errors:
        loc, kind, value, ctx = _loc(tuple(err["loc"])), err["type"], err.get("input"), err.get("ctx") or {}
        whole_expected = _TYPES.get(kind) == "type.whole" and isinstance(value, float)
        shown = _show(value, whole=not whole_expected)  # 5.0 is shown as written: "'5' must be whole" is absurd
        if kind in _LENGTHS and loc in with_bad_items:
            continue
        if kind == "M_ISSUES":
            issues.extend(ctx["issues"])
        elif kind.startswith("M_"):
            issues.append(Issue(loc, kind, tuple((k, _show(v)) for k, v in ctx.items())))
        elif kind == "extra_forbidden":
            allowed = _allowed_keys(loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = Ref("hint.did_you_mean", found=close[0]) if close else _cut_at_comma(loc[-1], value)
            issues.append(
                Issue(
                    loc, "M_UNKNOWN_KEY", (("value", _show(loc[-1])), ("hint", hint), ("allowed", ", ".join(allowed)))
                )
            )
        elif kind == "missing":
            issues.append(Issue(loc, "M_MISSING_KEY", (("value", loc[-1]),)))
        elif kind == "greater_than":
            code = "M_NOT_POSITIVE" if loc and loc[-1] == "weight" else "M_NOT_POSITIVE_VALUE"
            issues.append(Issue(loc, code, (("value", shown),)))
        elif kind == "string_too_short":
            issues.append(Issue(loc, "M_EMPTY"))
        elif kind == "string_unicode":  # a lone surrogate (load_yaml refuses it in a file, with its line)
            issues.append(Issue(loc, "M_NOT_UNICODE"))
        elif kind == "finite_number":
            issues.append(Issue(loc, "M_NOT_FINITE", (("value", shown),)))
        elif kind in _LIMITS:
            code, limit = _LIMITS[kind]
            issues.append(Issue(loc, code, (("value", shown), ("limit", _show(ctx.get(limit))))))
        elif kind in _LENGTHS:
            code, limit = _LENGTHS[kind]
            fields: tuple[tuple[str, object], ...] = (("count", ctx.get("actual_length")), ("limit", ctx.get(limit)))
            if code == "M_TOO_SHORT":
                fields += (("hint", Ref("hint.goalposts") if loc[-1:] == ("goalposts",) else ""),)
            issues.append(Issue(loc, code, fields))
        elif kind in ("literal_error", "enum"):
            choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
            issues.append(Issue(loc, "M_NOT_ALLOWED", (("value", shown), ("allowed", choices))))
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            issues.append(Issue(loc, "M_NOT_MAPPING", (("value", shown),)))
        elif kind == "string_pattern_mismatch":
            issues.append(Issue(loc, "M_BAD_ID", (("value", shown),)))
        elif kind == "tuple_type" and loc[-1] == "programmes_expected":
            issues.append(Issue(loc, "M_TYPE", (("value", shown), ("expected", Ref("type.programmes")))))
        elif kind == "string_type" and len(loc) > 1 and loc[-2] == "aspects":  # neither text nor a map
            issues.append(Issue(loc, "M_TYPE", (("value", shown), ("expected", Ref("type.aspect")))))
        elif kind in _TYPES and loc == ("musim",):  # a year: "e.g. 5" would not do
            year = Ref("type.year", name="musim", example=_year_example(value, musim))
            issues.append(Issue(loc, "M_TYPE", (("value", shown), ("expected", year))))
        elif _TYPES.get(kind) == "type.number" and (decimal := _with_point(value)) is not None:
            comma = Ref("type.number_comma", decimal=decimal)
            issues.append(Issue(loc, "M_TYPE", (("value", shown), ("expected", comma))))
        elif _TYPES.get(kind) in ("type.number", "type.whole") and (number := _quoted_number(value)) is not None:
            quoted = Ref("type.number_quoted", number=number)  # `weight: "30"`: shown as '30', the quotes unseen
            issues.append(Issue(loc, "M_TYPE", (("value", shown), ("expected", quoted))))
        elif kind in _TYPES:
            expected = _LISTS.get(str(loc[-1]), _TYPES[kind]) if kind in ("tuple_type", "list_type") else _TYPES[kind]
            issues.append(Issue(loc, "M_TYPE", (("value", shown), ("expected", Ref(expected)))))
        else:
            issues.append(Issue(loc, "M_INVALID", (("detail", err["msg"]),)))
    return issues


#: A key of a name (`warna`): one of other characters (`BPU)`, `Surat Edaran`) is rather the rest of a text.
_KEY_NAME = re.compile(r"[A-Za-z0-9_]+")


def _cut_at_comma(key: object, value: object) -> Ref | str:
    """`hint.cut_at_comma` for an unknown `key` without a value that is no name: what YAML makes of the rest of a text
    in braces after a comma (`{id: Perda, Perkada}`: `Perkada` a key)."""
    return Ref("hint.cut_at_comma") if value is None and not _KEY_NAME.fullmatch(str(key)) else ""


_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")


def _with_point(value: object) -> str | None:
    """`value` written with a decimal point, where it is a number written with a decimal comma (`0,3`: 0.3)."""
    text = value.strip() if isinstance(value, str) else ""
    return text.replace(",", ".") if _DECIMAL_COMMA.fullmatch(text) else None


_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def _quoted_number(value: object) -> str | None:
    """`value` as the number it reads as, where it is text that is a plain number (`"30"`: written in quotes)."""
    text = value.strip() if isinstance(value, str) else ""
    return text if _PLAIN_NUMBER.fullmatch(text) else None


def _loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """A pydantic location without the name of the form it tried: of programmes_expected (list or map) or of an
    aspect (bare id or map)."""
    return tuple(
        part
        for i, part in enumerate(loc)
        if not (part in PROGRAMMES_FORMS and i and loc[i - 1] == "programmes_expected")
        and not (part in ASPECT_FORMS and i > 1 and isinstance(loc[i - 1], int) and loc[i - 2] == "aspects")
    )


def _whole(value: float) -> float | int:
    """A float that is a whole number as an int (30.0 -> 30), others as they are."""
    return int(value) if math.isfinite(value) and value.is_integer() and abs(value) < 1e15 else value


def _show(value: object, whole: bool = True) -> object:
    """A value for a message (yamldata.shown_value: as YAML writes it, text cut, a whole CSV given as YAML too); a
    whole float as a whole number unless `whole` is False (5.0 where a whole number is expected)."""
    return shown_value(_whole(value) if whole and isinstance(value, float) else value, SHOWN_VALUE_CHARS)


def parse_methodology(
    data: object, file: str = METHODOLOGY_FILE, musim: int | None = None, places: Places | None = None
) -> Methodology:
    """Validate already-loaded YAML data; raise MethodologyInvalid naming `file` on any problem, each problem once
    (a missing programmes_expected is found by its category and by each award on its `program`), with its line and
    column where `places` (yamldata.load_yaml_places of the file) tells them, in the file's order."""

    def invalid(*found: Issue) -> MethodologyInvalid:
        issues = list({(issue.loc, issue.code, repr(issue.fields)): issue for issue in found}.values())
        if places is None:
            return MethodologyInvalid(file, issues, data)
        placed = [issue.placed(places) for issue in issues]
        return MethodologyInvalid(file, sorted(placed, key=lambda i: i.place or Place(0, 0)), data)

    if data is None:  # an empty file, or one of comments only
        raise invalid(Issue((), "M_EMPTY_FILE"))
    if not isinstance(data, dict):
        raise invalid(Issue((), "M_NOT_MAPPING", (("value", _show(data)),)))
    large = too_large(data)  # aliases of aliases: the models would check every copy (minutes, gigabytes)
    if large is not None:
        raise invalid(Issue(large.path, large.code, large.fields))
    try:
        methodology = Methodology.model_validate(data)
    except ValidationError as error:
        raise invalid(*_issues(error, musim)) from None
    if musim is not None and methodology.musim != musim:
        raise invalid(Issue(("musim",), "M_SEASON_MISMATCH", (("value", methodology.musim), ("musim", musim))))
    methodology._file = file
    return methodology


def _seasons_in(params_dir: Path, name: str) -> list[str]:
    """The seasons whose folder in `params_dir` holds a file `name` (metodologi.yaml), in order."""
    try:
        return sorted(p.name for p in params_dir.iterdir() if p.name.isdigit() and (p / name).is_file())
    except OSError:
        return []


def load_methodology(
    path: Path | str,
    musim: int | None = None,
    option: str | None = None,
    *,
    notebook: bool = False,
    named: bool = False,
) -> Methodology:
    """Read and validate a methodology YAML file (yamldata.load_yaml: nothing in it is executed, duplicate
    keys are refused).

    Parameters
    ----------
    path : Path or str
        The methodology file, e.g. ``params/2025/metodologi.yaml``.
    musim : int, optional
        The season being scored: when given, the file's ``musim`` must be this season.
    option : str, optional
        The command-line option that chose the season, which the message of a missing file offers for another
        season when the params folder holds others': ``--season``, or ``--against`` for the season
        ``paritrana compare`` compares with (a notebook's: ``-p musim``); a missing file of the ``--against``
        season is told without ``--methodology``, which replaces only the file of ``--season``. None, for a Python
        caller: a missing file is told with `path` (its name and folder to check, another season's file to pass),
        not with a command's options.
    notebook : bool, optional
        The file was named by a notebook's parameters (``params_dir``, ``metodologi``): a missing file or folder is
        told with them, relative folders taken from the kernel's working folder, not with the command's options.
    named : bool, optional
        The user named this file (``--methodology``, a notebook's ``metodologi``), not the season's own under the
        params folder: a missing one is told to be checked where it was looked for, not to be copied from there.

    Returns
    -------
    Methodology
        The validated methodology: its categories (``kategori``), rules (``aturan``) and special
        awards (``penghargaan_khusus``).

    Raises
    ------
    MethodologyInvalid
        On any problem: a missing file, a file that cannot be read (no permission), YAML that cannot be
        read (a key written twice, nesting too deep, a whole number too long), a missing, unknown or
        invalid key, or another season than `musim`. Its ``issues`` name every problem with its key
        path; ``render(lang)`` writes them in Bahasa Indonesia or English.

    Examples
    --------
    >>> from paritrana_nb.methodology import load_methodology
    >>> methodology = load_methodology("params/2025/metodologi.yaml", musim=2025)
    >>> methodology.categories()[:2]
    ('pemda', 'desa')
    >>> methodology.kategori["pemda"].indicator_ids
    ('ucj', 'ucj_naik', 'capaian_target', 'rentan_apbd', 'regulasi')
    """
    path = Path(path)
    file = str(path)
    if not path.is_file():
        if path.is_dir():
            raise MethodologyInvalid(file, [Issue((), "M_IS_FOLDER")])
        if path.exists() or path.is_symlink():  # a pipe, a device, a link to nothing: there, but no file to read
            raise MethodologyInvalid(file, [Issue((), "E_NOT_A_FILE")])
        python = option is None and not notebook  # the path given to this function, not by a command's options
        named_missing = Issue((), "M_NAMED_MISSING_NB" if notebook else "M_NAMED_MISSING", (("cwd", Path.cwd()),))
        if named:  # its name or folder mistyped: nothing to copy to it
            raise MethodologyInvalid(file, [named_missing])
        params_dir = path.parent.parent  # params/ of params/2025/metodologi.yaml: not there, a command run elsewhere
        if params_dir.is_dir():
            seasons = _seasons_in(params_dir, path.name) if not path.parent.exists() else []
            if seasons:  # params/2026/ asked for, params/2024/ and params/2025/ there: a wrong --season
                fields: tuple[tuple[str, object], ...] = (
                    ("folder", params_dir),
                    ("seasons", ", ".join(seasons)),
                    *(() if python else (("option", option),)),
                    ("file", path),
                    ("musim", path.parent.name if musim is None else musim),  # the season of the file asked for
                )
                code = "M_FILE_MISSING_OTHERS_API" if python else "M_FILE_MISSING_OTHERS"
                raise MethodologyInvalid(file, [Issue((), code, fields)])
            if option == "--against":  # compare's earlier season: --methodology replaces this season's file, not it
                fields = (("file", path), ("musim", path.parent.name if musim is None else musim))
                raise MethodologyInvalid(file, [Issue((), "M_FILE_MISSING_AGAINST", fields)])
            if not python:
                code = "M_FILE_MISSING_NB" if notebook else "M_FILE_MISSING"
                raise MethodologyInvalid(file, [Issue((), code, (("file", path),))])  # the file to copy one to
        if python:  # no other season's file to offer: the path's name and folder to check, not --params-dir
            raise MethodologyInvalid(file, [named_missing])
        if params_dir.exists():  # `--params-dir skor.csv`: there, but no folder
            code = "M_PARAMS_DIR_NOT_FOLDER_NB" if notebook else "M_PARAMS_DIR_NOT_FOLDER"
            raise MethodologyInvalid(file, [Issue((), code, (("folder", params_dir),))])
        fields = (("folder", params_dir), ("cwd", Path.cwd()))
        raise MethodologyInvalid(file, [Issue((), "M_FOLDER_MISSING_NB" if notebook else "M_FOLDER_MISSING", fields)])
    try:
        text = yaml_text(read_yaml_bytes(path))
        data, places = load_yaml_places(text)
    except OSError as error:  # no permission to read it, a read error: said as a data file's, not a traceback
        raise MethodologyInvalid(file, [Issue((), "E_FILE_UNREADABLE", (("reason", os_reason(error)),))]) from None
    except YamlProblem as problem:
        raise MethodologyInvalid(file, [Issue(problem.path, problem.code, problem.fields)]) from None
    except yaml.YAMLError as error:
        line, column, detail = yaml_error(error)
        raise MethodologyInvalid(
            file, [Issue((), "M_YAML", (("line", line), ("column", column), ("detail", detail)))]
        ) from None
    methodology = parse_methodology(data, file, musim, places)
    methodology._source = text  # (`Methodology.place`)
    return methodology


def _plain(value: object) -> object:
    """Dumped model data with whole floats written as integers (30 rather than 30.0)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return _whole(value) if isinstance(value, float) else value


def dump_methodology(methodology: Methodology) -> str:
    """The YAML text of a methodology, deterministic for equal methodologies."""
    data = _plain(methodology.model_dump(mode="python", exclude_none=True))
    return dump_yaml(data)


def save_methodology(methodology: Methodology, path: Path | str, replace: bool = True) -> Path:
    """Write `methodology` as YAML atomically (outputs.write_atomic: an unpredictable temporary name, then rename);
    with `replace=False` only where no file has the name yet (outputs.write_new: FileExistsError otherwise)."""
    path = Path(path)
    (write_atomic if replace else write_new)(path, dump_methodology(methodology))
    return path


def default_methodology_path(params_dir: Path | str, musim: int) -> Path:
    """params/<musim>/metodologi.yaml under `params_dir`."""
    return Path(params_dir) / str(musim) / METHODOLOGY_FILE


def proposal_banner(path: Path, musim: int, lang: str) -> str:
    """The banner of a page scored with a methodology file other than a season's own (`<musim>/metodologi.yaml` in a
    params folder: a proposal saved by the explorer or edited by hand, whatever its `nama` says); "" for the
    season's own."""
    if path.name == METHODOLOGY_FILE and path.parent.name == str(musim):
        return ""
    return t("report.proposal_banner", lang, file=path.name, musim=musim)
