"""The season's optional `musim.yaml`: its keys, their types, and the problems a wrong one raises.

Every key is checked strictly (pydantic, no coercion): a misspelt key or `ilustratif: maybe` is an error,
never a silent default, since `ilustratif` decides whether a report says "not official data".
"""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ConfigDict, ValidationError

from .messages import Ref
from .problems import ValidationReport
from .yamldata import Place, Places, shown_value

SEASON_META = "musim.yaml"

_EXPECTED = {
    "bool": Ref("type.bool"),
    "int": Ref("type.whole"),
    "str": Ref("type.text"),
}
#: The keys that hold a year, and the year each is shown written as in the season `musim`: "e.g. 5" would not do.
_YEARS = {"musim": 0, "tahun_kinerja": -1, "diturunkan_dari_musim": 1}


class Meta(dict[str, object]):
    """The valid keys of a season's musim.yaml and their values, and where each stands in the file (`place`): for a
    problem found with a value later (validate_codes.region_list, of `referensi_wilayah`)."""

    def __init__(self, values: dict[str, object], places: dict[str, Place | None] | None = None) -> None:
        super().__init__(values)
        self.places = places or {}

    def place(self, key: str) -> Place | None:
        """Where the value of `key` stands in musim.yaml; None when not known."""
        return self.places.get(key)

    def without(self, key: str) -> Meta:
        """These keys but `key`, each where it stands."""
        return Meta({k: v for k, v in self.items() if k != key}, self.places)


class SeasonMeta(BaseModel):
    """The keys `musim.yaml` may hold; all optional."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    musim: int | None = None  # the season; must equal the folder's
    tahun_kinerja: int | None = None  # performance year T: musim - 1 (default) or musim
    ilustratif: bool = False  # illustrative, not official, data: reports say so
    keterangan: str | None = None  # free note shown to readers
    skala: str | None = None  # generator scale, for generated seasons
    seed: int | None = None  # generator seed, for generated seasons
    referensi_wilayah: str | None = None  # the region list edition the codes are checked against (validate_codes)
    diturunkan_dari_musim: int | None = None  # a generated season derived backwards from this later season


def check_meta(loaded: dict[object, object], places: Places, report: ValidationReport, musim: int) -> Meta:
    """The keys of `loaded` (the musim.yaml of season `musim`) that are valid, each with where its value stands; each
    unknown key, key with nothing after it (`tahun_kinerja:`: neither a value nor the key left out) or wrongly typed
    value becomes an error in `report`, at its line and column in the file (`places`)."""
    empty = [str(k) for k, v in loaded.items() if v is None and k in SeasonMeta.model_fields]
    for key in empty:
        expected = _expected(key, musim)
        report.add("error", "E_META_EMPTY", SEASON_META, None, key, None, places.value((key,)), expected=expected)
    bad: set[str] = set(empty)
    try:
        SeasonMeta.model_validate({k: v for k, v in loaded.items() if k not in empty})
    except ValidationError as error:
        allowed = list(SeasonMeta.model_fields)
        for err in error.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            bad.add(key)
            if err["type"] == "extra_forbidden":
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = Ref("hint.did_you_mean", found=close[0]) if close else ""
                at = places.key((key,))
                report.add(
                    "error", "E_META_KEY", SEASON_META, None, key, key, at, hint=hint, allowed=", ".join(allowed)
                )
            else:  # in YAML's words: `musim: true`, not True
                shown, at, expected = shown_value(err.get("input")), places.value((key,)), _expected(key, musim)
                report.add("error", "E_META_TYPE", SEASON_META, None, key, shown, at, expected=expected)
    valid = {str(k): v for k, v in loaded.items() if str(k) not in bad}
    return Meta(valid, {key: places.value((key,)) for key in valid})


def _expected(key: str, musim: int) -> Ref:
    """What the value of `key` must be, for a message: a year (written as the season `musim` would), true or false,
    a whole number or text."""
    if key in _YEARS:
        return Ref("type.year", name=key, example=musim + _YEARS[key])
    annotation = str(SeasonMeta.model_fields[key].annotation)
    return _EXPECTED[next((name for name in _EXPECTED if name in annotation), "str")]
