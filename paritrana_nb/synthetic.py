"""Seeded generator of illustrative award-season data folders (five CSV tables + musim.yaml).

Two scales: `kalimantan` (the bundled season: Kalimantan's five provinces with their real Kemendagri codes and
names, 12-20 real villages per province; season 2025 is calibrated to published figures) and `national` (the
country's real shape: 38 provinces, 514 regencies/cities and every one of the 83,762 villages of the official
list, 1 to several hundred per regency; the benchmark scale). Places are real, every figure is invented, and
business names are invented and marked " (fiktif)". What it draws on is data in `paritrana_nb/reference/`, not code:

- `kemendagri_2025/`: the official list of region and village codes and names (paritrana_nb.kemendagri);
- `kalimantan_wilayah.csv`: Kalimantan's real regions (Kemendagri codes and names) with estimated working populations;
- `kalimantan_2025.yaml`: the published figures season 2025 is pinned to (province coverage, regional values,
  the Kalteng interview list, the shortlists reported in the press);
- `provinsi.csv`: per province its number of regencies and cities, its 2024 working population and its zone;
- `nama.yaml`: the words invented business names are made of.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from paritrana_nb import kemendagri
from paritrana_nb.messages import t
from paritrana_nb.outputs import FileSet
from paritrana_nb.regions import PROVINCES
from paritrana_nb.schema import PESERTA_COLUMNS, PROGRAMMES, SKALA, TABLES
from paritrana_nb.yamldata import load_yaml

Scale = Literal["kalimantan", "national"]

COLUMNS: dict[str, tuple[str, ...]] = {table.name: table.column_names for table in TABLES}

ASPECTS: dict[str, tuple[str, ...]] = {
    "pemda": ("inovasi", "sinergi", "presentasi"),
    "desa": ("inovasi", "presentasi"),
    "bu_besar_menengah": ("komitmen", "inovasi", "presentasi"),
    "bu_kecil_mikro": ("komitmen", "inovasi", "presentasi"),
    "pemprov": ("inovasi", "sinergi", "presentasi"),
}
SECTORS = (
    "perkebunan",
    "pertambangan",
    "konstruksi",
    "perdagangan",
    "jasa",
    "koperasi",
    "pelatihan",
    "manufaktur",
    "perikanan",
)
NATIONAL_BUSINESSES = 300_000
PREMI_JKK_JKM = 16_800  # Rp per vulnerable worker per month (JKK + JKM)
PREMI_DENGAN_JHT = 36_800  # Rp per month with old-age savings (JHT)
#: Every business name the generator writes ends with this mark: no real company is shown with invented figures.
FICTIONAL_MARK = " (fiktif)"

Business = tuple[str, str, str, str]
"""A named business: (name without FICTIONAL_MARK, regency code, skala, sektor)."""


def _reference_text(name: str) -> str:
    """The text of a file of paritrana_nb/reference/ (package data)."""
    return resources.files("paritrana_nb").joinpath("reference", name).read_text(encoding="utf-8")


def _reference_yaml(name: str) -> dict[str, Any]:
    """A YAML file of paritrana_nb/reference/ as plain data, read strictly (yamldata: a key twice is refused)."""
    return cast("dict[str, Any]", load_yaml(_reference_text(name)))


@dataclass(frozen=True)
class Calibration:
    """The published figures season 2025 of the Kalimantan scale is pinned to (reference/kalimantan_2025.yaml)."""

    ucj: dict[str, float]
    """Province code -> coverage (UCJ %) aimed at in year T; these provinces make the Kalimantan scale."""
    pins: dict[str, dict[str, tuple[float | None, float | None]]]
    """Region code -> pemda column (or `ucj`) -> (T-1, T) value; None = blank."""
    villages: tuple[tuple[str, str], ...]
    """The interviewed villages of the known interview list: (bare name, kode_desa)."""
    businesses: tuple[Business, ...]
    """Fictional stand-ins for the interviewed businesses of that list."""
    shortlists: dict[tuple[str, str], tuple[tuple[str, ...], bool]]
    """(province, category) -> (ids or business names forced onto the shortlist, whether the list is complete)."""
    funded_regency: str
    """The regency whose villages all pay premiums from their village funds ..."""
    funded_villages: int
    """... and how many villages it has."""
    escape_test: Business
    """A business whose name needs HTML escaping, so that every report shows it escaped."""


def _calibration(data: dict[str, Any]) -> Calibration:
    """The calibration read from the YAML data of reference/kalimantan_2025.yaml."""
    interviews = data["wawancara"]
    province = interviews["provinsi"]
    villages = tuple((v["nama"], v["kode_desa"]) for v in interviews["desa"])
    businesses = tuple((b["nama"], b["kode_wilayah"], b["skala"], b["sektor"]) for b in interviews["badan_usaha"])
    shortlists = {(s["provinsi"], "pemda"): (tuple(s["peserta"]), bool(s["lengkap"])) for s in data["shortlist_pemda"]}
    shortlists[(province, "desa")] = (tuple(code for _, code in villages), True)
    for category, sizes in (("bu_besar_menengah", SKALA[:2]), ("bu_kecil_mikro", SKALA[2:])):
        shortlists[(province, category)] = (tuple(b[0] + FICTIONAL_MARK for b in businesses if b[2] in sizes), True)
    escape = data["uji_escape"]
    return Calibration(
        ucj=dict(data["ucj_provinsi"]),
        pins={code: {column: tuple(pair) for column, pair in values.items()} for code, values in data["pemda"].items()},
        villages=villages,
        businesses=businesses,
        shortlists=shortlists,
        funded_regency=data["dana_desa_wajib"]["kode_wilayah"],
        funded_villages=data["dana_desa_wajib"]["jumlah_desa"],
        escape_test=(escape["nama"], escape["kode_wilayah"], escape["skala"], escape["sektor"]),
    )


KALIMANTAN_2025 = _calibration(_reference_yaml("kalimantan_2025.yaml"))
_LAYOUT = list(csv.DictReader(_reference_text("provinsi.csv").splitlines()))
#: Province code -> (kabupaten, kota, working population 2024). Kalimantan: BPS Aug 2024 (paritrana.md)
#: and the reference list's regency counts; other provinces: rounded illustrative magnitudes.
PROVINCE_LAYOUT: dict[str, tuple[int, int, int]] = {
    row["kode_provinsi"]: (int(row["kabupaten"]), int(row["kota"]), int(row["penduduk_bekerja"])) for row in _LAYOUT
}
#: Province code -> the zone its provincial government is announced in (illustrative).
ZONES: dict[str, str] = {row["kode_provinsi"]: row["zona"] for row in _LAYOUT}
_NAMES = _reference_yaml("nama.yaml")
_SECTOR_WORDS = tuple(tuple(_NAMES["usaha_sektor"][sector]) for sector in SECTORS)  # one row per SECTORS entry
_NAME_WORDS: tuple[str, ...] = tuple(_NAMES["usaha_kata"])
_NAME_TAILS: tuple[str, ...] = tuple(_NAMES["usaha_akhir"])


class FolderNotEmpty(Exception):
    """generate_season was pointed at a folder that already holds files (`names`), without force=True."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        super().__init__(f"{folder} already holds {len(names)} entries")
        self.folder, self.names = folder, names

    def message(self, lang: str) -> str:
        """The catalogue message: the folder, how many entries and the first few names."""
        shown = ", ".join(self.names[:5]) + (", ..." if len(self.names) > 5 else "")
        return t("cli.generate_not_empty", lang, out=self.folder, count=len(self.names), files=shown)


def generate_season(
    out_dir: Path, musim: int = 2025, scale: Scale = "kalimantan", seed: int = 2025, force: bool = False
) -> dict[str, int]:
    """Write a complete season folder (all five tables + musim.yaml) into out_dir; return row counts per table.

    A folder that already holds files is refused (FolderNotEmpty) unless `force`: a season is never replaced
    by accident.
    """
    if scale not in ("kalimantan", "national"):
        raise ValueError(f"unknown scale {scale!r}")
    held = sorted(p.name for p in Path(out_dir).iterdir()) if Path(out_dir).is_dir() else []
    if held and not force:
        raise FolderNotEmpty(Path(out_dir), held)
    rng = np.random.default_rng(seed)
    years = (musim - 2, musim - 1)
    calibrated = scale == "kalimantan" and musim == 2025
    regions = _regions(scale, rng)
    pemda = _pemda(regions, years, rng, KALIMANTAN_2025.pins if calibrated else {})
    desa = _villages(_village_slots(regions, scale, calibrated, rng), years[1], rng)
    badan_usaha = invented_businesses(_business_slots(regions, scale, calibrated, rng), years[1], rng)
    wawancara = jury_scores(pemda, desa, badan_usaha, years[1], calibrated, rng)
    tables = {"wilayah": regions, "pemda": pemda, "desa": desa, "badan_usaha": badan_usaha, "wawancara": wawancara}
    out_dir = Path(out_dir)
    texts = {
        f"{name}.csv": frame.loc[:, list(COLUMNS[name])].to_csv(index=False, lineterminator="\n", na_rep="")
        for name, frame in tables.items()
    }
    texts["musim.yaml"] = _musim_yaml(musim, scale, seed)
    with FileSet(out_dir) as files:  # all rendered first, then written as one set: never a mix of two seasons
        for name, text in texts.items():
            files.add(name, text)
    return {name: len(frame) for name, frame in tables.items()}


def _musim_yaml(musim: int, scale: str, seed: int) -> str:
    """The season's metadata file, written by hand so that its bytes never depend on a YAML library."""
    note = (
        f"Data ilustratif, bukan data resmi: dibangkitkan oleh paritrana_nb.synthetic "
        f"dengan seed {seed} dan skala {scale}."
    )
    return (
        f'musim: {musim}\ntahun_kinerja: {musim - 1}\nilustratif: true\nketerangan: "{note}"\n'
        f"skala: {scale}\nseed: {seed}\n"
    )


def _reference() -> pd.DataFrame:
    """The bundled Kalimantan list (real Kemendagri codes and names), codes kept as text."""
    path = resources.files("paritrana_nb").joinpath("reference", "kalimantan_wilayah.csv")
    with path.open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype={"kode_kemendagri": str, "kode_provinsi": str})


def _regions(scale: Scale, rng: np.random.Generator) -> pd.DataFrame:
    """wilayah rows plus `bobot` (relative working population) and, on province rows, `pekerja` and `ucj`."""
    ref = _reference().rename(columns={"kode_kemendagri": "kode_wilayah", "est_penduduk_bekerja": "bobot"})
    wilayah = kemendagri.bundled().wilayah
    official = wilayah[wilayah["tingkat"] != "provinsi"].reset_index(drop=True)
    frames = []
    for code, name, _ in PROVINCES:
        if scale == "kalimantan" and code not in KALIMANTAN_2025.ucj:
            continue
        if code in KALIMANTAN_2025.ucj:
            frames.append(
                ref.loc[ref["kode_provinsi"] == code, ["kode_wilayah", "nama", "tingkat", "kode_provinsi", "bobot"]]
            )
            continue
        listed = official.loc[official["kode_provinsi"] == code]
        kinds = listed["tingkat"].to_numpy()
        frames.append(
            pd.DataFrame(
                {
                    "kode_wilayah": [code, *listed["kode_wilayah"]],
                    "nama": [name, *listed["nama"]],
                    "tingkat": ["provinsi", *kinds],
                    "kode_provinsi": code,
                    "bobot": np.concatenate(
                        [[0.0], rng.gamma(2.0, 1.0, len(listed)) * np.where(kinds == "kota", 1.3, 1.0)]
                    ),
                }
            )
        )
    regions = pd.concat(frames, ignore_index=True)
    is_prov = regions["tingkat"] == "provinsi"
    regions["pekerja"] = regions["kode_provinsi"].map(lambda c: PROVINCE_LAYOUT[c][2]).where(is_prov, 0)
    drawn = np.round(rng.uniform(20, 60, len(PROVINCES)), 1)
    ucj = {c: KALIMANTAN_2025.ucj.get(c, float(d)) for (c, _, _), d in zip(PROVINCES, drawn, strict=True)}
    regions["ucj"] = regions["kode_provinsi"].map(ucj).where(is_prov, np.nan)
    regions["zona"] = regions["kode_provinsi"].map(ZONES).where(is_prov, None)
    return regions


def _pin(pins: dict, code: str, key: str, year: int) -> float | None:
    """A pinned (T-1, T) value for region `code`, or None when nothing is pinned."""
    pair = pins.get(code, {}).get(key)
    return None if pair is None else pair[year]


def _pemda(regions: pd.DataFrame, years: tuple[int, int], rng: np.random.Generator, pins: dict) -> pd.DataFrame:
    """Regency/city rows for both years, then province rows aggregating them; pinned values win."""
    prov = regions[regions["tingkat"] == "provinsi"].set_index("kode_wilayah")
    reg = regions[regions["tingkat"] != "provinsi"].reset_index(drop=True)
    n, codes, pcode = len(reg), reg["kode_wilayah"].tolist(), reg["kode_provinsi"].to_numpy()
    kota = (reg["tingkat"] == "kota").to_numpy()
    pinned_pop = np.array([_pin(pins, c, "penduduk_bekerja", 1) is not None for c in codes])

    # Working population: province total minus pinned regencies, shared out by weight.
    pop = np.zeros((n, 2))
    pop[:, 1] = [_pin(pins, c, "penduduk_bekerja", 1) or 0 for c in codes]
    free_w = pd.Series(np.where(pinned_pop, 0.0, reg["bobot"].to_numpy()))
    rest = prov["pekerja"] - pd.Series(pop[:, 1]).groupby(pcode).sum()
    pop[:, 1] = np.where(
        pinned_pop,
        pop[:, 1],
        np.round(rest.reindex(pcode).to_numpy() * free_w / free_w.groupby(pcode).transform("sum")),
    )
    pop[:, 0] = np.round(pop[:, 1] / rng.uniform(1.005, 1.025, n))
    for i, c in enumerate(codes):
        pop[i, 0] = _pin(pins, c, "penduduk_bekerja", 0) or pop[i, 0]

    # Coverage: pinned values, the rest scaled so the province reaches its target coverage.
    parts = PESERTA_COLUMNS
    fixed = np.full((n, 2), np.nan)
    for i, c in enumerate(codes):
        for y in (0, 1):
            if _pin(pins, c, "peserta_pu", y) is not None:
                fixed[i, y] = 100 * sum(_pin(pins, c, p, y) or 0 for p in parts) / pop[i, y]
            elif _pin(pins, c, "ucj", y) is not None:
                fixed[i, y] = _pin(pins, c, "ucj", y)
    raw = rng.lognormal(0.0, 0.3, n) * np.where(kota, 1.25, 1.0)
    free = np.isnan(fixed[:, 1])
    needed = (
        prov["ucj"] * prov["pekerja"] / 100
        - pd.Series(np.where(free, 0.0, fixed[:, 1] * pop[:, 1] / 100)).groupby(pcode).sum()
    )
    base = pd.Series(np.where(free, raw * pop[:, 1] / 100, 0.0)).groupby(pcode).sum()
    factor = (needed.clip(lower=0) / base).reindex(pcode).to_numpy()
    ucj = np.empty((n, 2))
    ucj[:, 1] = np.where(free, np.clip(raw * factor, 6.0, 95.0), fixed[:, 1])
    ucj[:, 0] = np.where(np.isnan(fixed[:, 0]), np.clip(ucj[:, 1] - rng.normal(2.5, 2.5, n), 3.0, None), fixed[:, 0])
    total = np.round(ucj * pop / 100)

    # Split participants into PU / BPU / Jakon / PMI (PMI blank in about 40 % of rows).
    pu_share = rng.uniform(0.45, 0.70, n) + np.where(kota, 0.1, 0.0)
    jakon_share, pmi_share = rng.uniform(0.02, 0.08, n), rng.uniform(0.002, 0.03, n)
    blank_pmi = rng.random(n) < 0.4
    comp = {}
    drift = rng.normal(0.0, 0.02, n)
    for y in (0, 1):
        shift = drift if y == 0 else 0.0
        pu = np.round(total[:, y] * np.clip(pu_share + shift, 0.3, 0.85))
        jakon = np.round(total[:, y] * jakon_share)
        pmi = np.where(blank_pmi, np.nan, np.round(total[:, y] * pmi_share))
        comp[y] = {
            "peserta_pu": pu,
            "peserta_jakon": jakon,
            "peserta_pmi": pmi,
            "peserta_bpu": total[:, y] - pu - jakon - np.nan_to_num(pmi),
        }
        for i, c in enumerate(codes):
            if _pin(pins, c, "peserta_pu", y) is not None:
                for p in parts:
                    value = _pin(pins, c, p, y)
                    comp[y][p][i] = np.nan if value is None else value

    rows = []
    for y, year in enumerate(years):
        frame = pd.DataFrame({"kode_wilayah": codes, "kode_provinsi": pcode, "penduduk_bekerja": pop[:, y], **comp[y]})
        sums = frame.groupby("kode_provinsi")[["penduduk_bekerja", *parts]].sum(min_count=1)
        sums["penduduk_bekerja"] = np.round(
            prov["pekerja"] * (sums["penduduk_bekerja"] / pd.Series(pop[:, 1]).groupby(pcode).sum())
        )
        sums = sums.reset_index().assign(kode_wilayah=lambda d: d["kode_provinsi"])
        frame = pd.concat([sums, frame], ignore_index=True)
        frame["tahun"] = year
        rows.append(frame)
    out = pd.concat(rows, ignore_index=True)
    _policy_columns(out, rng)
    for col in COLUMNS["pemda"][2:]:
        for y, year in enumerate(years):
            for code, values in pins.items():
                if col in values:
                    mask = (out["kode_wilayah"] == code) & (out["tahun"] == year)
                    out.loc[mask, col] = np.nan if values[col][y] is None else values[col][y]
    out = out.sort_values(["kode_wilayah", "tahun"], kind="stable").reset_index(drop=True)
    return _typed(out, COLUMNS["pemda"], decimals={"target_ucj_pct": 2}, nullable=("peserta_pmi",))


def _policy_columns(out: pd.DataFrame, rng: np.random.Generator) -> None:
    """Targets, budgets for vulnerable workers and regulations, consistent between T-1 (rows first) and T."""
    half = len(out) // 2
    pop1 = out["penduduk_bekerja"].to_numpy()[half:]
    is_prov = out["kode_wilayah"].str.len().to_numpy()[half:] == 2
    target1 = np.round(rng.uniform(40, 60, half), 2)
    share = np.where(is_prov, rng.uniform(0.003, 0.02, half), rng.uniform(0.005, 0.06, half))
    rentan1 = np.round(share * pop1) * (rng.random(half) < np.where(is_prov, 0.9, 0.75))
    rentan0 = np.round(rentan1 * rng.uniform(0.4, 1.05, half)) * (rng.random(half) < 0.9)
    rate = np.where(rng.random(half) < 0.8, PREMI_JKK_JKM, PREMI_DENGAN_JHT)
    cost0, cost1 = (np.round(rentan * rate * rng.integers(6, 13, half), -3) for rentan in (rentan0, rentan1))
    perda1 = (rng.random(half) < 0.3).astype(int)
    counts = {}
    for col in ("perkada", "surat_edaran"):
        now = rng.choice(4, half, p=[0.3, 0.4, 0.2, 0.1])
        counts[col] = (now - rng.binomial(now, 0.3), now)
    out["target_ucj_pct"] = np.concatenate([np.round(target1 - rng.uniform(2, 5, half), 2), target1])
    out["pekerja_rentan_apbd"] = np.concatenate([rentan0, rentan1])
    out["anggaran_iuran_apbd_rp"] = np.concatenate([cost0, cost1])
    out["perda"] = np.concatenate([perda1 * (rng.random(half) < 0.85), perda1])
    for col, (before, now) in counts.items():
        out[col] = np.concatenate([before, now])


def _typed(
    frame: pd.DataFrame, columns: Sequence[str], decimals: dict[str, int], nullable: Sequence[str] = ()
) -> pd.DataFrame:
    """Order columns; integers as int64 (nullable ones as Int64), decimals as fixed text without trailing zeros."""
    out = frame.loc[:, list(columns)].copy()
    for col in columns:
        if col in decimals:
            out[col] = _decimal_text(out[col].to_numpy(dtype=float), decimals[col])
        elif col in nullable:
            out[col] = pd.array(np.round(out[col].to_numpy(dtype=float)), dtype="Int64")
        elif pd.api.types.is_numeric_dtype(out[col]):
            out[col] = np.round(out[col].to_numpy(dtype=float)).astype(np.int64)
    return out


def _decimal_text(values: np.ndarray, decimals: int) -> np.ndarray:
    """Round to `decimals` places and format as text without trailing zeros; NaN becomes an empty cell."""
    text = [("" if np.isnan(v) else f"{v:.{decimals}f}") for v in values]
    return np.array([t.rstrip("0").rstrip(".") if "." in t else t for t in text], dtype=object)


def _village_slots(regions: pd.DataFrame, scale: Scale, calibrated: bool, rng: np.random.Generator) -> pd.DataFrame:
    """The real villages (Kemendagri code, official bare name) of the season: every village of the official list
    at the national scale; at the Kalimantan scale 12-20 per province, drawn from randomly chosen regencies (most
    villages of a city are kelurahan), plus, for the calibrated season, the four interviewed Kalteng villages and
    the funded regency's villages."""
    ref = kemendagri.bundled()
    if scale == "national":
        real = ref.desa[ref.desa["kode_wilayah"].isin(regions["kode_wilayah"])]
        return pd.DataFrame(
            {"kode_desa": real["kode_desa"], "nama": real["nama"], "dana_desa_wajib": False}
        ).reset_index(drop=True)
    reg = regions[regions["tingkat"] != "provinsi"].reset_index(drop=True)
    codes = np.concatenate(
        [
            rng.choice(group["kode_wilayah"].to_numpy(), rng.integers(12, 21))
            for _, group in reg.groupby("kode_provinsi", sort=True)
        ]
    )
    kota = (reg["tingkat"] == "kota").to_numpy()[pd.Index(reg["kode_wilayah"]).get_indexer(codes)]
    kelurahan = rng.random(len(codes)) < np.where(kota, 0.85, 0.06)
    fixed = [code for _, code in KALIMANTAN_2025.villages] if calibrated else []
    funded = KALIMANTAN_2025.funded_regency
    if calibrated:
        keep = codes != funded
        codes, kelurahan = codes[keep], kelurahan[keep]
        codes = np.concatenate([codes, np.repeat(funded, KALIMANTAN_2025.funded_villages)])
        kelurahan = np.concatenate([kelurahan, np.zeros(KALIMANTAN_2025.funded_villages, dtype=bool)])
    # the fixed villages' namesakes stay out, so that a name of the interview list means one village
    namesakes = ref.desa["nama"].isin(ref.desa.loc[fixed, "nama"]) & ~ref.desa["kode_desa"].isin(fixed)
    picked = _pick_villages(ref, codes, kelurahan, {*fixed, *ref.desa.index[namesakes]}, rng)
    chosen = ref.desa.loc[[*picked, *fixed], ["kode_desa", "nama"]].reset_index(drop=True)
    chosen["dana_desa_wajib"] = calibrated & (chosen["kode_desa"].str[:5] == funded).to_numpy()
    return chosen


def _pick_villages(
    ref: kemendagri.RegionList, regencies: np.ndarray, kelurahan: np.ndarray, taken: set[str], rng: np.random.Generator
) -> list[str]:
    """One distinct real village per slot, in its regency and of its kind (desa or kelurahan) when the regency
    has one left, never one of `taken`. A loop, as the Kalimantan scale draws fewer than a hundred."""
    picked: list[str] = []
    for regency, want_kelurahan in zip(regencies, kelurahan, strict=True):
        pool = ref.villages_of(str(regency))
        free = pool[~pool["kode_desa"].isin(taken)]
        kind = free[(free["jenis"] == "kelurahan") == want_kelurahan]
        candidates = kind if len(kind) else free
        code = str(candidates["kode_desa"].iloc[int(rng.integers(len(candidates)))])
        taken.add(code)
        picked.append(code)
    return picked


def _villages(slots: pd.DataFrame, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """desa.csv rows for the given villages: "Desa <name>" or "Kelurahan <name>" as the code says, vectorised
    counts."""
    n = len(slots)
    kode = slots["kode_desa"].to_numpy()
    kel = kemendagri.village_kind(slots["kode_desa"]) == "kelurahan"
    names = np.where(kel, "Kelurahan ", "Desa ").astype(object) + slots["nama"].to_numpy()

    pop = np.clip(np.round(rng.lognormal(np.log(900), 0.55, n)), 200, 3000)
    perangkat = np.where(kel, rng.integers(6, 16, n), rng.integers(7, 21, n))
    bpd = np.where(kel, 0, rng.choice([5, 7, 9, 11], n, p=[0.35, 0.35, 0.2, 0.1]))
    perangkat_ok = np.where(rng.random(n) < 0.55, perangkat, rng.binomial(perangkat, rng.uniform(0.2, 0.95, n)))
    bpd_ok = np.where(rng.random(n) < 0.45, bpd, rng.binomial(bpd, rng.uniform(0.0, 0.95, n)))
    funds = (rng.random(n) < 0.45) | slots["dana_desa_wajib"].to_numpy()
    rentan = np.where(rng.random(n) < 0.3, 100, rng.integers(10, 151, n)) * (funds & ~kel)
    cost = np.round(rentan * PREMI_JKK_JKM * rng.integers(6, 13, n), -3)
    peserta = np.clip(np.round(pop * rng.uniform(0.08, 0.9, n)), perangkat_ok + bpd_ok + rentan, pop)
    out = (
        pd.DataFrame(
            {
                "kode_desa": kode,
                "nama": names,
                "kode_wilayah": slots["kode_desa"].str[:5].to_numpy(),
                "tahun": year,
                "penduduk_bekerja": pop,
                "peserta": peserta,
                "perangkat_desa": perangkat,
                "perangkat_terlindungi": perangkat_ok,
                "anggota_bpd": bpd,
                "bpd_terlindungi": bpd_ok,
                "pekerja_rentan_dana_desa": rentan,
                "anggaran_iuran_dana_desa_rp": cost,
            }
        )
        .sort_values("kode_desa", kind="stable")
        .reset_index(drop=True)
    )
    return _typed(out, COLUMNS["desa"], decimals={})


def distinct_names(names: pd.Series, group: pd.Series) -> pd.Series:
    """Append 2, 3, ... to names repeated within the same group (regency or table)."""
    nth = names.groupby([group.to_numpy(), names.to_numpy()], sort=False).cumcount().to_numpy()
    return pd.Series(np.where(nth > 0, names + " " + pd.Series(nth + 1).astype(str), names))


def _business_slots(regions: pd.DataFrame, scale: Scale, calibrated: bool, rng: np.random.Generator) -> pd.DataFrame:
    """Regency, skala and any fixed name/sector of every business."""
    reg = regions[regions["tingkat"] != "provinsi"].reset_index(drop=True)
    if scale == "national":
        weights = reg["bobot"].to_numpy() / reg.groupby("kode_provinsi")["bobot"].transform("sum").to_numpy()
        weights *= reg["kode_provinsi"].map(lambda c: PROVINCE_LAYOUT[c][2]).to_numpy()
        codes = np.repeat(reg["kode_wilayah"].to_numpy(), rng.multinomial(NATIONAL_BUSINESSES, weights / weights.sum()))
        skala = np.array(SKALA)[rng.choice(4, len(codes), p=[0.04, 0.12, 0.30, 0.54])]
    else:
        codes_parts, skala_parts = [], []
        for _, group in reg.groupby("kode_provinsi", sort=True):
            w = group["bobot"].to_numpy() / group["bobot"].sum()
            for big, pair in ((True, SKALA[:2]), (False, SKALA[2:])):
                k = int(rng.integers(10, 15))
                codes_parts.append(rng.choice(group["kode_wilayah"].to_numpy(), k, p=w))
                skala_parts.append(np.where(rng.random(k) < (0.45 if big else 0.5), pair[0], pair[1]))
        codes, skala = np.concatenate(codes_parts), np.concatenate(skala_parts)
    slots = pd.DataFrame({"kode_wilayah": codes, "skala": skala, "nama": None, "sektor": None})
    if calibrated:
        named = pd.DataFrame(
            [*KALIMANTAN_2025.businesses, KALIMANTAN_2025.escape_test],
            columns=["nama", "kode_wilayah", "skala", "sektor"],
        )
        slots = pd.concat([slots, named], ignore_index=True)
    return slots


def invented_businesses(slots: pd.DataFrame, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """badan_usaha.csv rows for the given slots, vectorised; every name ends with FICTIONAL_MARK."""
    n = len(slots)
    size = slots["skala"].map({s: i for i, s in enumerate(SKALA)}).to_numpy()
    drawn = rng.choice(len(SECTORS), n, p=[0.16, 0.07, 0.12, 0.22, 0.18, 0.07, 0.04, 0.08, 0.06])
    drawn = np.where((drawn == SECTORS.index("pelatihan")) & (size == 0), SECTORS.index("jasa"), drawn)
    sector_idx = np.where(
        slots["sektor"].isna(), drawn, slots["sektor"].map({s: i for i, s in enumerate(SECTORS)}).fillna(0).to_numpy()
    ).astype(int)
    legal = np.array(["PT", "PT", "CV", "UD"], dtype=object)[size]
    legal = np.where(
        sector_idx == SECTORS.index("koperasi"),
        "Koperasi",
        np.where(sector_idx == SECTORS.index("pelatihan"), "LKP", legal),
    )
    words = np.array(_SECTOR_WORDS, dtype=object)[sector_idx, rng.integers(0, 4, n)]
    generated = (
        legal
        + " "
        + words
        + " "
        + np.array(_NAME_WORDS, dtype=object)[rng.integers(0, len(_NAME_WORDS), n)]
        + " "
        + np.array(_NAME_TAILS, dtype=object)[rng.integers(0, len(_NAME_TAILS), n)]
    )
    names = pd.Series(np.where(slots["nama"].isna(), generated, slots["nama"].to_numpy()), dtype=str)
    names = distinct_names(names, pd.Series(np.zeros(n, dtype=int))) + FICTIONAL_MARK

    workers = np.select(
        [size == 0, size == 1, size == 2],
        [
            np.clip(np.round(rng.lognormal(np.log(400), 0.8, n)), 100, 5000),
            rng.integers(20, 100, n),
            rng.integers(5, 20, n),
        ],
        rng.integers(1, 5, n),
    )
    ratio = np.where(rng.random(n) < 0.55, 1.0, rng.uniform(np.where(size >= 2, 0.3, 0.5), 1.0))
    registered = np.clip(np.floor(workers * ratio), 1, workers)
    coin = rng.random((n, 5))
    jht = coin[:, 2] < np.array([0.95, 0.85, 0.6, 0.35])[size]
    jp = jht & (coin[:, 3] < np.array([0.92, 0.75, 0.4, 0.15])[size])
    late = np.where(rng.random(n) < 0.82, 0, np.minimum(rng.geometric(0.4, n), 12))
    vendor = np.where(rng.random(n) < np.array([0.9, 0.6, 0.15, 0.0])[size], rng.uniform(60, 100, n), np.nan)
    csr_p, csr_max = np.array([0.6, 0.35, 0.08, 0.03])[size], np.array([800, 120, 20, 10])[size]
    csr = np.where(rng.random(n) < csr_p, np.floor(rng.random(n) * csr_max) + 1, 0)
    npp = np.char.zfill(rng.choice(10**10, n, replace=False).astype(str), 10).astype(object)
    out = pd.DataFrame(
        {
            "npp": npp,
            "nama": names.to_numpy(),
            "kode_wilayah": slots["kode_wilayah"].to_numpy(),
            "skala": slots["skala"].to_numpy(),
            "sektor": np.array(SECTORS, dtype=object)[sector_idx],
            "tahun": year,
            "jumlah_pekerja": workers,
            "pekerja_terdaftar": registered,
            "jkk": coin[:, 0] < 0.98,
            "jkm": coin[:, 1] < 0.98,
            "jht": jht,
            "jp": jp,
            "jkp": jp & (coin[:, 4] < 0.9),
            "bulan_tunggakan": late,
            "upah_sesuai_pct": np.where(rng.random(n) < 0.4, 100.0, rng.uniform(55, 100, n)),
            "nik_valid_pct": np.where(rng.random(n) < 0.3, 100.0, rng.uniform(85, 100, n)),
            "vendor_patuh_pct": vendor,
            "pekerja_rentan_csr": csr,
        }
    )
    for col in PROGRAMMES:
        out[col] = out[col].astype(np.int64)
    out = out.sort_values(["kode_wilayah", "npp"], kind="stable").reset_index(drop=True)
    return _typed(
        out, COLUMNS["badan_usaha"], decimals=dict.fromkeys(("upah_sesuai_pct", "nik_valid_pct", "vendor_patuh_pct"), 2)
    )


def jury_scores(
    pemda: pd.DataFrame,
    desa: pd.DataFrame,
    badan_usaha: pd.DataFrame,
    year: int,
    calibrated: bool,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Jury scores (long format) of each province's shortlists and of the provinces by the national jury."""
    shortlist = _shortlist(_candidates(pemda, desa, badan_usaha, year), calibrated, rng)
    return _scores(shortlist, rng)


def _candidates(pemda: pd.DataFrame, desa: pd.DataFrame, badan_usaha: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every possible interviewee with its jury (`juri_grup`: province code, or NAS) and a desk-score proxy."""
    now = pemda[pemda["tahun"] == year].set_index("kode_wilayah")
    ucj_now = _ucj(now)
    pemda_proxy = (
        ucj_now
        + 2 * (ucj_now - _ucj(pemda[pemda["tahun"] == year - 1].set_index("kode_wilayah")))
        + 10 * now["perda"]
        + 3 * now["perkada"]
    )
    is_prov = pemda_proxy.index.str.len() == 2
    bu_big = badan_usaha["skala"].isin(SKALA[:2])
    bu_proxy = (
        100 * badan_usaha["pekerja_terdaftar"] / badan_usaha["jumlah_pekerja"]
        + 5 * badan_usaha[list(PROGRAMMES)].sum(axis=1)
        - 3 * badan_usaha["bulan_tunggakan"]
    )
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "juri_grup": np.where(is_prov, "NAS", pemda_proxy.index.str[:2]),
                    "kategori": np.where(is_prov, "pemprov", "pemda"),
                    "id_peserta": pemda_proxy.index,
                    "nama": pemda_proxy.index,
                    "proxy": pemda_proxy.to_numpy(),
                }
            ),
            pd.DataFrame(
                {
                    "juri_grup": desa["kode_wilayah"].str[:2],
                    "kategori": "desa",
                    "id_peserta": desa["kode_desa"],
                    "nama": desa["nama"],
                    "proxy": 100 * desa["peserta"] / desa["penduduk_bekerja"] + desa["pekerja_rentan_dana_desa"] / 2,
                }
            ),
            pd.DataFrame(
                {
                    "juri_grup": badan_usaha["kode_wilayah"].str[:2],
                    "kategori": np.where(bu_big, "bu_besar_menengah", "bu_kecil_mikro"),
                    "id_peserta": badan_usaha["npp"],
                    "nama": badan_usaha["nama"],
                    "proxy": bu_proxy,
                }
            ),
        ],
        ignore_index=True,
    )


def _shortlist(candidates: pd.DataFrame, calibrated: bool, rng: np.random.Generator) -> pd.DataFrame:
    """Top candidates by proxy per jury and category (all provinces for NAS); press-reported lists forced in."""
    candidates = candidates.assign(cat=candidates["kategori"].map({c: i for i, c in enumerate(ASPECTS)}), forced=False)
    sizes = {("NAS", "pemprov"): int((candidates["kategori"] == "pemprov").sum())}
    for prov in sorted(set(candidates["juri_grup"]) - {"NAS"}):
        for cat in ("pemda", "desa", "bu_besar_menengah", "bu_kecil_mikro"):
            sizes[(prov, cat)] = int(rng.integers(5, 8) if cat == "pemda" else rng.integers(4, 6))
            listed, complete = KALIMANTAN_2025.shortlists.get((prov, cat), ((), False)) if calibrated else ((), False)
            if listed:
                key = "nama" if cat.startswith("bu_") else "id_peserta"
                hit = (candidates["juri_grup"] == prov) & (candidates["kategori"] == cat) & candidates[key].isin(listed)
                candidates.loc[hit, "forced"] = True
                sizes[(prov, cat)] = len(listed) if complete else max(sizes[(prov, cat)], len(listed))
    limits = pd.DataFrame([(*key, n) for key, n in sizes.items()], columns=["juri_grup", "kategori", "limit"])
    candidates = candidates.merge(limits, on=["juri_grup", "kategori"]).sort_values(
        ["juri_grup", "cat", "forced", "proxy", "id_peserta"], ascending=[True, True, False, False, True], kind="stable"
    )
    rank = candidates.groupby(["juri_grup", "cat"], sort=False).cumcount()
    chosen = rank < candidates["limit"]
    shortlist = candidates[chosen].assign(rank=rank[chosen]).reset_index(drop=True)
    shortlist["size"] = shortlist.groupby(["juri_grup", "cat"])["rank"].transform("size")
    shortlist["seq"] = np.arange(len(shortlist))
    return shortlist


def _scores(shortlist: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Juror x aspect scores: participant quality + aspect effect + juror leniency (+-5) + noise."""
    quality = 70 + 10 * (1 - shortlist["rank"] / shortlist["size"]) + rng.normal(0, 4, len(shortlist))
    groups = sorted(set(shortlist["juri_grup"]))
    jury_sizes = [7 if g == "NAS" else int(rng.integers(5, 10)) for g in groups]
    jurors = pd.DataFrame(
        {"juri_grup": np.repeat(groups, jury_sizes), "nomor": np.concatenate([np.arange(1, k + 1) for k in jury_sizes])}
    )
    jurors["juri"] = np.where(jurors["juri_grup"] == "NAS", "N", "J") + jurors["nomor"].astype(str)
    jurors["lunak"] = rng.uniform(-5, 5, len(jurors))
    jurors["desimal"] = rng.random(len(jurors)) < 0.3
    pairs = shortlist.merge(jurors, on="juri_grup").sort_values(["seq", "nomor"], kind="stable")

    # A handful of participants (never a group's first) lose jurors and keep only 3 or 4.
    eligible = shortlist.loc[shortlist["rank"] > 0, "seq"].to_numpy()
    n_missing = min(len(eligible), max(3, round(0.03 * len(shortlist))))
    keep = pd.Series(rng.integers(3, 5, n_missing), index=rng.choice(eligible, n_missing, replace=False))
    keep_n = pairs["seq"].map(keep).to_numpy()
    order = pd.Series(rng.random(len(pairs)), index=pairs.index).groupby(pairs["seq"]).rank(method="first")
    pairs = pairs[np.isnan(keep_n) | (order.to_numpy() <= np.nan_to_num(keep_n))]

    aspects = pd.DataFrame(
        [(c, a, i) for c, names in ASPECTS.items() for i, a in enumerate(names)], columns=["kategori", "aspek", "a"]
    )
    long = pairs.merge(aspects, on="kategori").sort_values(["seq", "nomor", "a"], kind="stable")
    seq, aspect = long["seq"].to_numpy(), long["a"].to_numpy()
    raw = np.clip(
        quality.to_numpy()[seq]
        + rng.normal(0, 3, (len(shortlist), 3))[seq, aspect]
        + long["lunak"].to_numpy()
        + rng.normal(0, 3, len(long)),
        0,
        100,
    )
    long["nilai"] = _decimal_text(np.where(long["desimal"], np.round(raw, 1), np.round(raw)), 1)
    return long.loc[:, list(COLUMNS["wawancara"])].reset_index(drop=True)


def _ucj(frame: pd.DataFrame) -> pd.Series:
    """Universal coverage (%) per row: 100 x (PU + BPU + Jakon + PMI) / working population."""
    parts = frame[list(PESERTA_COLUMNS)].astype(float).fillna(0)
    return 100 * parts.sum(axis=1) / frame["penduduk_bekerja"].astype(float)
