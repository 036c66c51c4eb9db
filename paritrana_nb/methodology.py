"""The per-season methodology file (params/<musim>/metodologi.yaml): pydantic models, loading and saving.

The file is data only: every problem is reported with the file, the key path and a fix, in id/en.
"""
from __future__ import annotations

import difflib
import math
import types
import typing
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .indicators import BUSINESS_CATEGORIES, KNOWN_INDICATORS
from .messages import Ref, t
from .outputs import write_atomic
from .schema import KATEGORI, PROGRAMMES

METHODOLOGY_FILE = "metodologi.yaml"
STAGE_TOLERANCE = 1e-9

Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Positive = Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)]
Share = Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]
KategoriId = Literal[KATEGORI]  # type: ignore[valid-type]
Programme = Literal[PROGRAMMES]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(_Model):
    """A name in Bahasa Indonesia and English."""

    id: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


class Indicator(_Model):
    """One indicator a category uses: its id (a formula in indicators.py), label, goalposts and weight."""

    id: str
    label: Label
    direction: Literal["higher", "lower"] = "higher"
    goalposts: Annotated[tuple[Number, ...], Field(min_length=2, max_length=2)]
    weight: Positive

    @field_validator("goalposts")
    @classmethod
    def _ordered(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if value[0] >= value[1]:
            raise PydanticCustomError("M_GOALPOSTS", "lower goalpost {lo} must be below upper goalpost {hi}",
                                      {"lo": value[0], "hi": value[1]})
        return value

    @property
    def lo(self) -> float:
        return self.goalposts[0]

    @property
    def hi(self) -> float:
        return self.goalposts[1]


class StageWeights(_Model):
    """Shares of the desk (dokumen) and interview (wawancara) scores in the final score; they add up to 1."""

    dokumen: Share
    wawancara: Share

    @model_validator(mode="after")
    def _sum_to_one(self) -> StageWeights:
        total = self.dokumen + self.wawancara
        if abs(total - 1) > STAGE_TOLERANCE:
            raise PydanticCustomError("M_STAGE_WEIGHTS", "stage weights add up to {total}, not 1",
                                      {"dokumen": self.dokumen, "wawancara": self.wawancara, "total": round(total, 12)})
        return self


class Category(_Model):
    """How one award category is scored and ranked."""

    label: Label
    stage_weights: StageWeights
    indicators: Annotated[tuple[Indicator, ...], Field(min_length=1)]
    aspects: Annotated[tuple[str, ...], Field(min_length=1)]
    tie_break: str
    shortlist_size: Annotated[int, Field(strict=True, gt=0)]
    programmes_expected: Annotated[tuple[Programme, ...], Field(min_length=1)] | None = None

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.indicators)


@dataclass(frozen=True)
class Issue:
    """One problem of a methodology: key path (pydantic location), catalogue key and its fields."""

    loc: tuple[str | int, ...]
    code: str
    fields: tuple[tuple[str, object], ...] = ()


def _category_issues(name: str, category: Category) -> list[Issue]:
    base: tuple[str | int, ...] = ("kategori", name)
    issues: list[Issue] = []
    known = KNOWN_INDICATORS[name]
    ids = category.indicator_ids
    for position, indicator in enumerate(category.indicators):
        if indicator.id not in known:
            issues.append(Issue((*base, "indicators", position, "id"), "M_UNKNOWN_INDICATOR",
                                (("value", indicator.id), ("kategori", name), ("known", ", ".join(known)))))
    lists = (("indicators", ids), ("aspects", category.aspects),
             ("programmes_expected", category.programmes_expected or ()))
    for field, values in lists:
        for value, count in Counter(values).items():
            if count > 1:
                issues.append(Issue((*base, field, values.index(value)), "M_DUPLICATE", (("value", value),)))
    if category.tie_break not in ids:
        issues.append(Issue((*base, "tie_break"), "M_TIE_BREAK",
                            (("value", category.tie_break), ("known", ", ".join(ids)))))
    if name in BUSINESS_CATEGORIES and "program" in ids and category.programmes_expected is None:
        issues.append(Issue((*base, "programmes_expected"), "M_PROGRAMMES_MISSING"))
    if name not in BUSINESS_CATEGORIES and category.programmes_expected is not None:
        issues.append(Issue((*base, "programmes_expected"), "M_PROGRAMMES_NOT_BUSINESS", (("kategori", name),)))
    return issues


class Methodology(_Model):
    """A season's whole scoring methodology, one entry per award category."""

    musim: Annotated[int, Field(strict=True)]
    nama: Label
    kategori: Annotated[dict[KategoriId, Category], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Methodology:
        issues = [issue for name, category in self.kategori.items() for issue in _category_issues(name, category)]
        if issues:
            raise PydanticCustomError("M_ISSUES", "{summary}", {
                "issues": tuple(issues),
                "summary": "; ".join(_path(i.loc) + ": " + t(i.code, "en", **dict(i.fields)) for i in issues),
            })
        return self

    def categories(self) -> tuple[str, ...]:
        """The categories this methodology scores, in the award's category order."""
        return tuple(k for k in KATEGORI if k in self.kategori)


class MethodologyInvalid(Exception):
    """A methodology file that cannot be used; carries one issue per problem."""

    def __init__(self, file: str, issues: list[Issue], data: object = None, lang: str = "id") -> None:
        self.file = file
        self.issues = issues
        self._data = data
        super().__init__("\n".join(self.messages(lang)))

    def messages(self, lang: str = "id") -> list[str]:
        """One sentence per problem: file, key path, what is wrong and the fix."""
        out = []
        for issue in self.issues:
            where = [t("loc.file", lang, file=self.file)]
            if issue.loc:
                where.append(t("loc.key", lang, key=_path(issue.loc)))
            indicator = _indicator_id(self._data, issue.loc)
            if indicator is not None:
                where.append(t("loc.indicator", lang, indicator=indicator))
            out.append(f"{', '.join(where)}: {t(issue.code, lang, **dict(issue.fields))}")
        return out

    def render(self, lang: str = "id") -> str:
        """A heading and every message, one per line."""
        head = t("methodology.invalid", lang, file=self.file, count=len(self.issues),
                 s="" if len(self.issues) == 1 else "s")
        return "\n".join([head, *("  " + m for m in self.messages(lang))])


def _path(loc: tuple[str | int, ...]) -> str:
    """('kategori', 'pemda', 'indicators', 2, 'weight') -> 'kategori.pemda.indicators[2].weight'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part != "[key]":
            text += ("." if text else "") + part
    return text


def _indicator_id(data: object, loc: tuple[str | int, ...]) -> str | None:
    """The id of the indicator entry a location points into, when the raw data has one."""
    if len(loc) < 5 or loc[2] != "indicators" or not isinstance(loc[3], int) or loc[4] == "id":
        return None
    try:
        entry = data["kategori"][loc[1]]["indicators"][loc[3]]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    return entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else None


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


_TYPES = {"float_type": "type.number", "float_parsing": "type.number", "int_type": "type.whole",
          "int_parsing": "type.whole", "int_from_float": "type.whole", "string_type": "type.text",
          "tuple_type": "type.list", "list_type": "type.list"}
_LIMITS = {"greater_than_equal": ("M_BELOW_MIN", "ge"), "less_than_equal": ("M_ABOVE_MAX", "le")}
_LENGTHS = {"too_short": ("M_TOO_SHORT", "min_length"), "too_long": ("M_TOO_LONG", "max_length")}


def _issues(error: ValidationError) -> list[Issue]:
    """Pydantic errors translated into catalogue issues."""
    issues: list[Issue] = []
    for err in error.errors():
        loc, kind, value, ctx = tuple(err["loc"]), err["type"], err.get("input"), err.get("ctx") or {}
        shown = _show(value)
        if kind == "M_ISSUES":
            issues.extend(ctx["issues"])
        elif kind.startswith("M_"):
            issues.append(Issue(loc, kind, tuple((k, _show(v)) for k, v in ctx.items())))
        elif kind == "extra_forbidden":
            allowed = _allowed_keys(loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = Ref("hint.did_you_mean", found=close[0]) if close else ""
            issues.append(Issue(loc, "M_UNKNOWN_KEY", (("value", loc[-1]), ("hint", hint),
                                                       ("allowed", ", ".join(allowed)))))
        elif kind == "missing":
            issues.append(Issue(loc, "M_MISSING_KEY", (("value", loc[-1]),)))
        elif kind == "greater_than":
            issues.append(Issue(loc, "M_NOT_POSITIVE", (("value", shown),)))
        elif kind == "finite_number":
            issues.append(Issue(loc, "M_NOT_FINITE", (("value", shown),)))
        elif kind in _LIMITS:
            code, limit = _LIMITS[kind]
            issues.append(Issue(loc, code, (("value", shown), ("limit", _show(ctx.get(limit))))))
        elif kind in _LENGTHS:
            code, limit = _LENGTHS[kind]
            issues.append(Issue(loc, code, (("actual", ctx.get("actual_length")), ("limit", ctx.get(limit)))))
        elif kind in ("literal_error", "enum"):
            allowed = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
            issues.append(Issue(loc, "M_NOT_ALLOWED", (("value", shown), ("allowed", allowed))))
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            issues.append(Issue(loc, "M_NOT_MAPPING", (("value", shown),)))
        elif kind in _TYPES:
            issues.append(Issue(loc, "M_TYPE", (("value", shown), ("expected", Ref(_TYPES[kind])))))
        else:
            issues.append(Issue(loc, "M_INVALID", (("detail", err["msg"]),)))
    return issues


def _show(value: object) -> object:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, (dict, list, tuple)):
        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()
    return value


def parse_methodology(data: object, file: str = METHODOLOGY_FILE, musim: int | None = None) -> Methodology:
    """Validate already-loaded YAML data; raise MethodologyInvalid naming `file` on any problem."""
    if not isinstance(data, dict):
        raise MethodologyInvalid(file, [Issue((), "M_NOT_MAPPING", (("value", _show(data)),))], data)
    try:
        methodology = Methodology.model_validate(data)
    except ValidationError as error:
        raise MethodologyInvalid(file, _issues(error), data) from None
    if musim is not None and methodology.musim != musim:
        raise MethodologyInvalid(file, [Issue(("musim",), "M_SEASON_MISMATCH",
                                              (("value", methodology.musim), ("musim", musim)))], data)
    return methodology


def load_methodology(path: Path | str, musim: int | None = None) -> Methodology:
    """Read and validate a methodology YAML file (yaml.safe_load: nothing in it is executed).

    With `musim`, the file must declare that season. Raises MethodologyInvalid on any problem.
    """
    path = Path(path)
    file = str(path)
    if not path.is_file():
        raise MethodologyInvalid(file, [Issue((), "M_FILE_MISSING")])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else ("?", "?")
        raise MethodologyInvalid(file, [Issue((), "M_YAML", (("line", line), ("column", column),
                                                             ("detail", error.problem or str(error))))]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise MethodologyInvalid(file, [Issue((), "M_YAML", (("line", "?"), ("column", "?"),
                                                             ("detail", str(error))))]) from None
    return parse_methodology(data, file, musim)


def _plain(value: object) -> object:
    """Dumped model data with whole floats written as integers (30 rather than 30.0)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return _show(value) if isinstance(value, float) else value


def dump_methodology(methodology: Methodology) -> str:
    """The YAML text of a methodology, deterministic for equal methodologies."""
    data = _plain(methodology.model_dump(mode="python", exclude_none=True))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)


def save_methodology(methodology: Methodology, path: Path | str) -> Path:
    """Write `methodology` as YAML atomically (outputs.write_atomic: an unpredictable temporary name, then rename)."""
    path = Path(path)
    write_atomic(path, dump_methodology(methodology))
    return path


def default_methodology_path(params_dir: Path | str, musim: int) -> Path:
    """params/<musim>/metodologi.yaml under `params_dir`."""
    return Path(params_dir) / str(musim) / METHODOLOGY_FILE
