"""The scoring engine against an independent implementation of the methodology: `benchmarks/reference_score.py`, a
plain pandas script that shares only the methodology loader with the workbook.

Many small seasons are scored by both: seeded Kalimantan seasons of `paritrana generate` (two seasons, some with an
outlier juror added to every interview) under methodology variants drawn from a seed (weights, goalposts, directions,
tie-break, stage weights, ranking groups, categories carved out of others by `jenis` and `sektor`, every `aturan`),
and hand-made seasons of edge cases (ties at `desimal`, a category of one, an indicator equal for all, missing
inputs, `tidak_berlaku_untuk`, the narrowest goalposts, `lower`, zone and national groups, a finalist no indicator
applies to, outlier jurors). Each methodology is a YAML file loaded by `load_methodology`; the engine's scores are
read from `score_season` and, for some cases, from the CLI's score CSV.

Compared per participant (kategori, id_peserta): the participants of each category, the ranking group `kelompok`,
`finalis`, the desk, interview and final scores, the score ranked by, the rank, and each indicator's raw and
normalised value; numbers within 1e-9 relative (both missing counts as equal), ranks exactly. The whole module
takes about 30 s (`slow`).

One rule the reference does not implement to the last bit: the jurors' means. The methodology takes the exactly
rounded sum over the count (`math.fsum`, docs/methodology.md), the reference (sum - lowest - highest) / count per
aspect and pandas' mean over the aspects; the two differ in the last bit for about one finalist in four. Scores
agree within 1e-9 all the same, but where such a finalist's score lies on a rounding boundary at `desimal` (one in
some twenty generated seasons) the two may count it differently, and the ranks of its group are then not compared
(`boundary_groups`; test_jury_mean_on_a_rounding_boundary shows one, and the engine's ranks there worked out by
hand).

Not compared, since the reference does not implement them: special awards, national nominees, the proposed
shortlist, `tahap`, the notes (`catatan`, `alasan_tidak_dinilai`), and any validation (the reference checks nothing:
every season and methodology here is valid, and the engine's warnings are not compared).
"""

from __future__ import annotations

import csv
import importlib.util
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml

from paritrana_nb.engine import score_season
from paritrana_nb.methodology import Methodology, load_methodology
from paritrana_nb.season import read_season
from paritrana_nb.synthetic import generate_season
from scoring_fixtures import (
    DESA_COLUMNS,
    PROJECT,
    WAWANCARA_COLUMNS,
    WILAYAH_COLUMNS,
    hand_tables,
    methodology_data,
    write_season,
)

pytestmark = pytest.mark.slow

KEY = ["kategori", "id_peserta"]
NUMBERS = ["skor_dokumen", "skor_wawancara", "skor_akhir", "skor_peringkat"]
EXACT = ["kelompok", "finalis", "peringkat"]
RELATIVE = 1e-9


def _reference() -> ModuleType:
    """benchmarks/reference_score.py, imported from its file (the benchmarks are no package)."""
    path = PROJECT / "benchmarks" / "reference_score.py"
    spec = importlib.util.spec_from_file_location("reference_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFERENCE = _reference()


# --- what each side says ---------------------------------------------------------------------------------------


def _engine(data_dir: Path, musim: int, methodology: Methodology) -> pd.DataFrame:
    """score_season's participants, one row each, with every indicator's raw and normalised value."""
    scores = score_season(read_season(musim, data_dir), methodology)
    wide = scores.wide()
    wide["skor_peringkat"] = scores.peserta["skor_peringkat"].to_numpy()
    return wide


def _cli(data_dir: Path, params_dir: Path, musim: int, out: Path) -> pd.DataFrame:
    """`paritrana score`'s CSV for the season (no cache), typed here; the score ranked by is the final score of a
    finalist, else the desk score (the CSV does not write it)."""
    command = [sys.executable, "-m", "paritrana_nb.cli", "score", "--season", str(musim), "--no-cache"]
    command += ["--data-dir", str(data_dir), "--params-dir", str(params_dir), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        frame = pd.DataFrame(list(csv.DictReader(handle)))
    numbers = [c for c in frame.columns if c in NUMBERS or c.startswith("n_") or f"n_{c}" in frame.columns]
    typed = {c: pd.to_numeric(frame[c].replace("", np.nan)) for c in [*numbers, "peringkat"]}
    frame = frame.assign(finalis=frame["finalis"] == "true", **typed)
    return frame.assign(skor_peringkat=frame["skor_akhir"].where(frame["finalis"], frame["skor_dokumen"]))


def _reference_scores(data_dir: Path, musim: int, methodology: Methodology) -> pd.DataFrame:
    """The reference's rows, its interview score under the engine's column name."""
    return REFERENCE.reference_score(data_dir, musim, methodology).rename(columns={"wawancara": "skor_wawancara"})


def _same(a: pd.Series, b: pd.Series, exact: bool) -> np.ndarray:
    """Row by row: both missing, or equal (exact: as text; else within RELATIVE)."""
    missing = a.isna().to_numpy() & b.isna().to_numpy()
    if exact:
        text = [str(x) == str(y) for x, y in zip(a.astype(object), b.astype(object), strict=True)]
        return missing | np.array(text, dtype=bool)
    x, y = a.to_numpy(dtype=np.float64), b.to_numpy(dtype=np.float64)
    return missing | np.isclose(x, y, rtol=RELATIVE, atol=0.0)


def _exact(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns compared exactly, in one spelling: groups as text, finalists as bools, ranks as whole numbers."""
    ranks = pd.to_numeric(frame["peringkat"]).astype("Int64")
    return frame.assign(kelompok=frame["kelompok"].astype(str), finalis=frame["finalis"].astype(bool), peringkat=ranks)


def merged(engine: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """One row per participant of either: `_e` the engine's columns, `_r` the reference's, `_merge` who has it."""
    return _exact(engine).merge(_exact(reference), on=KEY, how="outer", suffixes=("_e", "_r"), indicator=True)


def boundary_groups(both: pd.DataFrame, desimal: int) -> set[tuple[str, str]]:
    """(kategori, kelompok) of the groups where a finalist's score, which the two compute from the jurors' means in
    different last bits, counts differently at `desimal` (see the module's docstring)."""
    engine, reference = both["skor_peringkat_e"].astype(float), both["skor_peringkat_r"].astype(float)
    apart = both["finalis_e"] & engine.notna() & reference.notna() & (engine.round(desimal) != reference.round(desimal))
    return set(zip(both.loc[apart, "kategori"], both.loc[apart, "kelompok_e"], strict=True))


def disagreements(engine: pd.DataFrame, reference: pd.DataFrame, desimal: int) -> list[str]:
    """Every participant on one side only, and every value the two give differently (a line each, at most 5 a
    column); ranks aside in the boundary_groups."""
    rows = merged(engine, reference)
    alone = rows[rows["_merge"] != "both"]
    side = {"left_only": "the engine", "right_only": "the reference"}
    found = [f"{k} {p}: only in {side[s]}" for k, p, s in alone[[*KEY, "_merge"]].itertuples(index=False)]
    both = rows[rows["_merge"] == "both"]
    excused = boundary_groups(both, desimal)
    shared = [c for c in reference.columns if c in engine.columns and c not in KEY]
    numbers = [c for c in shared if c not in EXACT and pd.api.types.is_numeric_dtype(reference[c])]
    for column in [*EXACT, *numbers]:
        wrong = both[~_same(both[f"{column}_e"], both[f"{column}_r"], column in EXACT)]
        if column == "peringkat":
            wrong = wrong[[group not in excused for group in zip(wrong["kategori"], wrong["kelompok_e"], strict=True)]]
        for row in wrong.head(5).itertuples(index=False):
            found.append(f"{row.kategori} {row.id_peserta} {column}: engine {getattr(row, column + '_e')!r}")
            found[-1] += f", reference {getattr(row, column + '_r')!r}"
    return found


def _check(data_dir: Path, musim: int, methodology: Methodology) -> int:
    """Score with both; assert they agree; return how many participants were compared."""
    engine = _engine(data_dir, musim, methodology)
    reference = _reference_scores(data_dir, musim, methodology)
    assert disagreements(engine, reference, methodology.aturan.desimal) == []
    return len(engine)


# --- methodologies ------------------------------------------------------------------------------------------------


def write_methodology(params_dir: Path, data: dict[str, Any]) -> Methodology:
    """`data` as params_dir/<musim>/metodologi.yaml, loaded by the workbook's loader."""
    path = params_dir / str(data["musim"]) / "metodologi.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_methodology(path, musim=int(data["musim"]))


STAGES = ((0.7, 0.3), (0.5, 0.5), (0.064, 0.936), (1.0, 0.0), (0.9, 0.1))
GROUPS = ("provinsi", "nasional", "zona")


def _indicators_varied(category: dict[str, Any], rng: np.random.Generator) -> None:
    """Weights, goalposts, directions and the tie-break of one category drawn anew."""
    for indicator in category["indicators"]:
        indicator["weight"] = float(np.round(rng.uniform(0.5, 50.0), 3))
        lo, hi = indicator["goalposts"]
        span = hi - lo
        low = float(np.round(lo + rng.uniform(-0.2, 0.4) * span, 2))
        indicator["goalposts"] = [low, float(np.round(low + rng.uniform(0.2, 1.2) * span, 2))]
        indicator["direction"] = "lower" if rng.random() < 0.3 else "higher"
    category["tie_break"] = str(rng.choice([i["id"] for i in category["indicators"]]))


def varied_methodology(musim: int, rng: np.random.Generator) -> dict[str, Any]:
    """The default methodology with every category and rule drawn anew from `rng`."""
    data = methodology_data()
    data["musim"] = musim
    data["aturan"].update(
        desimal=int(rng.integers(0, 6)),
        pangkas_juri_mulai=int(rng.choice([3, 4, 5])),
        tunggakan_maks_bulan=int(rng.choice([3, 6, 12, 24])),
        cakupan_maks=float(rng.choice([80.0, 100.0, 150.0])),
        regulasi={
            "perda": int(rng.integers(0, 101)),
            "perkada": int(rng.integers(0, 51)),
            "perkada_maks": int(rng.integers(1, 4)),
            "surat_edaran": int(rng.integers(0, 31)),
            "surat_edaran_maks": int(rng.integers(1, 4)),
        },
    )
    for category in data["kategori"].values():
        _indicators_varied(category, rng)
        dokumen, wawancara = STAGES[int(rng.integers(0, len(STAGES)))]
        category["stage_weights"] = {"dokumen": dokumen, "wawancara": wawancara}
        category["kelompok"] = str(rng.choice(GROUPS))
    return data


def carve(data: dict[str, Any], tables: dict[str, pd.DataFrame], rng: np.random.Generator) -> None:
    """Two categories carved out of others, placed first: kelurahan out of `desa`, and businesses of two sectors
    drawn from those of year-T rows (written in other cases, with spaces around) out of both business categories; the
    interview rows of the participants they take follow them (their aspects are those of the category they came
    from)."""
    kategori = data["kategori"]
    kelurahan = {**kategori["desa"], "label": {"id": "Kelurahan", "en": "Urban wards"}}
    kelurahan["peserta"] = {"tabel": "desa", "jenis": ["kelurahan"]}
    kelurahan["indicators"] = [i for i in kelurahan["indicators"] if not i.get("tidak_berlaku_untuk")]
    kelurahan["tie_break"] = kelurahan["indicators"][0]["id"]
    sectors = sorted(rng.choice(sorted(set(tables["badan_usaha"]["sektor"])), size=2, replace=False).tolist())
    sector = {**kategori["bu_kecil_mikro"], "label": {"id": "Sektor pilihan", "en": "Chosen sectors"}}
    written = [f" {name.title()}  " for name in sectors]  # compared trimmed and case-insensitive
    sector["peserta"] = {"tabel": "badan_usaha", "sektor": written}
    sector["programmes_expected"] = {"besar": ["jkk", "jkm", "jht", "jp"], "menengah": ["jkk", "jkm", "jht", "jp"]}
    sector["programmes_expected"] |= {"kecil": ["jkk", "jkm", "jht"], "mikro": ["jkk", "jkm"]}
    data["kategori"] = {"kelurahan": kelurahan, "sektor_pilihan": sector, **kategori}
    wawancara = tables["wawancara"]
    is_kelurahan = (wawancara["kategori"] == "desa") & (wawancara["id_peserta"].str[-4] == "1")
    of_sector = set(tables["badan_usaha"].loc[tables["badan_usaha"]["sektor"].isin(sectors), "npp"])
    is_sector = wawancara["kategori"].str.startswith("bu_") & wawancara["id_peserta"].isin(of_sector)
    wawancara.loc[is_kelurahan, "kategori"] = "kelurahan"
    wawancara.loc[is_sector, "kategori"] = "sektor_pilihan"
    tables["badan_usaha"]["sektor"] = tables["badan_usaha"]["sektor"].str.upper()  # in another case in the data too


def outlier_jurors(wawancara: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Every finalist's aspects also scored by a juror at an extreme (0 or 100) and one at a value of one decimal."""
    cells = wawancara[["kategori", "id_peserta", "aspek"]].drop_duplicates()
    extreme = cells.assign(juri="X1", nilai=rng.choice(["0", "100"], size=len(cells)))
    decimal = cells.assign(juri="X2", nilai=[f"{v:.1f}" for v in rng.uniform(40, 99, size=len(cells))])
    return pd.concat([wawancara, extreme, decimal], ignore_index=True)[WAWANCARA_COLUMNS]


# --- generated seasons --------------------------------------------------------------------------------------------


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    """A season folder's tables as text, as written."""
    names = ("wilayah", "pemda", "desa", "badan_usaha", "wawancara")
    return {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False) for name in names}


def _generated(
    tmp_path: Path, musim: int, seed: int, change: Callable[[dict, dict, np.random.Generator], None] | None
) -> tuple[Path, Path, Methodology]:
    """A generated season (seed) and a methodology varied from the same seed (every third seed: the default one);
    `change` edits both before they are written. Returns the data folder, the params folder and the methodology."""
    data_dir, params_dir = tmp_path / "data", tmp_path / "params"
    generate_season(data_dir / str(musim), musim, "kalimantan", seed)
    rng = np.random.default_rng(seed)
    data = varied_methodology(musim, rng) if seed % 3 else {**methodology_data(), "musim": musim}
    if change is not None:
        tables = _tables(data_dir / str(musim))
        change(data, tables, rng)
        for name, frame in tables.items():
            frame.to_csv(data_dir / str(musim) / f"{name}.csv", index=False)
    return data_dir, params_dir, write_methodology(params_dir, data)


def _outliers(data: dict, tables: dict, rng: np.random.Generator) -> None:
    """Outlier jurors added to the season's interviews."""
    tables["wawancara"] = outlier_jurors(tables["wawancara"], rng)


def _both(data: dict, tables: dict, rng: np.random.Generator) -> None:
    """Categories carved out, then outlier jurors added."""
    carve(data, tables, rng)
    tables["wawancara"] = outlier_jurors(tables["wawancara"], rng)


GENERATED = [
    (2025, 1, None),
    (2025, 2, None),
    (2025, 3, _outliers),
    (2025, 4, carve),
    (2025, 5, _both),
    (2025, 7, _outliers),
    (2026, 8, None),
    (2026, 10, _both),
    (2026, 11, carve),
    (2026, 13, _outliers),
    (2026, 14, None),
    (2026, 16, _both),
]


@pytest.mark.parametrize(("musim", "seed", "change"), GENERATED)
def test_generated_seasons_agree(
    tmp_path: Path, musim: int, seed: int, change: Callable[[dict, dict, np.random.Generator], None] | None
) -> None:
    data_dir, _, methodology = _generated(tmp_path, musim, seed, change)
    assert _check(data_dir, musim, methodology) > 200


# --- hand-made edge cases -----------------------------------------------------------------------------------------

# fmt: off
#: Businesses of the `perikanan` sector, each with `upah_sesuai_pct` its score at `desimal` 0 (weight 1, goalposts
#: [0, 100]: n = x): 3.5 counts as 4, 2.5 and 1.5 as 2 (half to even), 0.5 and 0.4999 as 0.
ROUNDING = [("0000000011", 3.5), ("0000000012", 2.5), ("0000000013", 1.5), ("0000000014", 0.5), ("0000000015", 0.4999)]
# fmt: on


def edge_tables() -> dict[str, pd.DataFrame]:
    """The hand season (tests/scoring_fixtures.py) with rounding ties, an indicator every village has at 100 %, a
    desa adat, a village no indicator applies to that is a finalist, a blank `peserta_pmi` (0) and jurors with
    outliers and decimals."""
    tables = hand_tables()
    papua = [("91", "Papua", "provinsi", "91", "Papua"), ("91.03", "Kabupaten Jayapura", "kabupaten", "91", "")]
    tables["wilayah"] = pd.concat([tables["wilayah"], pd.DataFrame(papua, columns=WILAYAH_COLUMNS)], ignore_index=True)
    pemda = tables["pemda"]
    alike = pemda[pemda["kode_wilayah"] == "62.01"]
    pemda = pd.concat([pemda, alike.assign(kode_wilayah="91"), alike.assign(kode_wilayah="91.03")])
    blank = (pemda["kode_wilayah"] == "61.01") & (pemda["tahun"] == 2024)
    tables["pemda"] = pemda.assign(peserta_pmi=pemda["peserta_pmi"].astype(object).where(~blank, ""))
    desa = tables["desa"].copy()
    desa["perangkat_desa"], desa["perangkat_terlindungi"] = 10, 10  # equal for all
    extra = [
        ("91.03.01.3007", "Desa Adat Yoboi", "91.03", 2024, 300, 150, 10, 10, 6, 3, 30, 6048000),
        ("61.02.06.2005", "Sepang", "61.02", 2024, 0, 0, 0, 0, 0, 0, 0, 0),  # no indicator applies
    ]
    tables["desa"] = pd.concat([desa, pd.DataFrame(extra, columns=DESA_COLUMNS)], ignore_index=True)
    bu = tables["badan_usaha"]
    fishers = [
        bu.iloc[1].to_dict() | {"npp": npp, "nama": f"UD Ikan {npp[-2:]}", "sektor": "perikanan"} for npp, _ in ROUNDING
    ]
    for row, (_, wage) in zip(fishers, ROUNDING, strict=True):
        row["upah_sesuai_pct"] = wage
    tables["badan_usaha"] = pd.concat([bu, pd.DataFrame(fishers)], ignore_index=True)
    jury = [
        ("pemda", "61.01", f"J{j}", aspek, v)
        for j, v in enumerate((0, 100, 71.3, 68.9, 80.2))
        for aspek in ("inovasi", "sinergi")
    ]
    jury += [("pemda", "61.03", f"J{j}", "inovasi", v) for j, v in enumerate((100, 70, 75))]
    jury += [("desa", "61.02.06.2005", "J1", "inovasi", 90), ("desa", "61.01.01.2001", "J1", "presentasi", 64.5)]
    jury += [("desa", "91.03.01.3007", f"J{j}", "inovasi", v) for j, v in enumerate((50, 60, 70, 100))]
    jury += [("bu_konstruksi", "0000000002", "J1", "komitmen", 95)]  # a finalist of a category weighing no interview
    tables["wawancara"] = pd.DataFrame(jury, columns=WAWANCARA_COLUMNS)
    return tables


def _indicator(id_: str, weight: float, goalposts: list[float], direction: str = "higher", **more: Any) -> dict:
    """An indicator entry of a methodology file, labelled by its id."""
    fields = {"id": id_, "label": {"id": id_, "en": id_}, "direction": direction, "goalposts": goalposts}
    return fields | {"weight": weight} | more


def _category(
    peserta: dict, kelompok: str, stage: tuple[float, float], indicators: list[dict], aspects: list[str]
) -> dict:
    """A category entry of a methodology file; its tie-break is its first indicator."""
    label = "_".join(str(v) for v in peserta.values())
    return {
        "label": {"id": label, "en": label},
        "peserta": peserta,
        "kelompok": kelompok,
        "stage_weights": {"dokumen": stage[0], "wawancara": stage[1]},
        "indicators": indicators,
        "aspects": aspects,
        "tie_break": indicators[0]["id"],
        "shortlist_size": 2,
    }


def edge_methodology(desimal: int) -> dict[str, Any]:
    """For edge_tables: cities carved out of the regional governments, a mining category no business is in, a
    sector category of its own for the rounding ties, one of a single participant ranked nationally that weighs no
    interview, the narrowest goalposts, `lower`, zone and national groups, `tidak_berlaku_untuk` of either kind."""
    bu, pemda, desa = {"tabel": "badan_usaha"}, {"tabel": "pemda"}, {"tabel": "desa"}
    sizes = {
        "besar": ["jkk", "jkm", "jht", "jp"],
        "menengah": ["jkk", "jkm", "jht", "jp"],
        "kecil": ["jkk", "jkm", "jht"],
    }
    sizes["mikro"] = ["jkk", "jkm"]
    kategori = {
        "kota": _category(
            pemda | {"tingkat": ["kota"]}, "provinsi", (0.7, 0.3), [_indicator("ucj", 1, [0, 100])], ["inovasi"]
        ),
        "bu_tambang": _category(
            bu | {"sektor": ["pertambangan"]}, "nasional", (1.0, 0.0), [_indicator("nik_valid", 1, [0, 100])], []
        ),
        "bu_perikanan": _category(
            bu | {"sektor": ["perikanan"]},
            "provinsi",
            (0.7, 0.3),
            [_indicator("upah_sesuai", 1, [0, 100])],
            ["inovasi"],
        ),
        "bu_konstruksi": _category(
            bu | {"sektor": ["konstruksi"]},
            "nasional",
            (1.0, 0.0),
            [_indicator("vendor_patuh", 3, [50, 90]), _indicator("kepesertaan", 1, [0, 100], "lower")],
            ["komitmen"],
        ),
        "bu_lain": _category(
            bu,
            "zona",
            (0.7, 0.3),
            [
                _indicator("kepesertaan", 25, [0, 100]),
                _indicator("program", 15, [0, 100]),
                _indicator("vendor_patuh", 5, [0, 100]),
                _indicator("tertib_iuran", 20, [0, 0.000001]),
                _indicator("csr_rentan", 10, [999999000, 1000000000], "lower"),
            ],
            ["komitmen"],
        )
        | {"programmes_expected": sizes},
        "pemda": _category(
            pemda | {"tingkat": ["kabupaten", "kota"]},
            "zona",
            (0.6, 0.4),
            [
                _indicator("ucj", 30, [0, 100]),
                _indicator("ucj_naik", 20, [-10, 10], "lower"),
                _indicator("capaian_target", 15, [0, 100]),
                _indicator("rentan_apbd", 20, [0, 20]),
                _indicator("regulasi", 15, [0, 0.000001]),
            ],
            ["inovasi", "sinergi", "presentasi"],
        ),
        "desa": _category(
            desa,
            "nasional",
            (0.5, 0.5),
            [
                _indicator("cakupan_desa", 35, [0, 100], tidak_berlaku_untuk=["desa"]),  # the tie-break
                _indicator("perangkat", 20, [0, 100]),  # 100 for every village
                _indicator("bpd", 15, [0, 100], tidak_berlaku_untuk=["kelurahan"]),
                _indicator("rentan_dana_desa", 30, [0, 20], tidak_berlaku_untuk=["kelurahan"]),
            ],
            ["inovasi", "presentasi"],
        ),
        "pemprov": _category(
            pemda | {"tingkat": ["provinsi"]}, "nasional", (0.7, 0.3), [_indicator("ucj", 1, [0, 100])], ["inovasi"]
        ),
    }
    name = {"id": "Kasus tepi", "en": "Edge cases"}
    return {"musim": 2025, "nama": name, "aturan": {"desimal": desimal, "pangkas_juri_mulai": 4}, "kategori": kategori}


@pytest.mark.parametrize("desimal", [0, 1, 5])
def test_edge_cases_agree(tmp_path: Path, desimal: int) -> None:
    write_season(tmp_path / "data", edge_tables())
    methodology = write_methodology(tmp_path / "params", edge_methodology(desimal))
    assert _check(tmp_path / "data", 2025, methodology) == 25


def test_rounding_ties_are_shared_by_both(tmp_path: Path) -> None:
    """At `desimal` 0 the fishers' scores 3.5, 2.5, 1.5, 0.5, 0.4999 count as 4, 2, 2, 0, 0 (half to even): ranks
    1, 2, 2, 4, 4 in the engine and in the reference."""
    write_season(tmp_path / "data", edge_tables())
    methodology = write_methodology(tmp_path / "params", edge_methodology(0))
    expected = dict(zip([npp for npp, _ in ROUNDING], [1, 2, 2, 4, 4], strict=True))
    for frame in (
        _engine(tmp_path / "data", 2025, methodology),
        _reference_scores(tmp_path / "data", 2025, methodology),
    ):
        fishers = frame[frame["kategori"] == "bu_perikanan"]
        assert dict(zip(fishers["id_peserta"], fishers["peringkat"].astype(int), strict=True)) == expected


def test_jury_mean_on_a_rounding_boundary(tmp_path: Path) -> None:
    """The one disagreement found, the reference's: two fishers ranked by their interview alone (stage weights 0
    and 1) at `desimal` 1. UD Ikan 11's jurors give 70.2, 59.9, 54.5 and 79.0: 59.9 and 70.2 kept, mean 65.05 on
    paper, `math.fsum` over 2 = 65.05 in double precision (just below 65.05), which counts as 65.0 (half to even
    on paper too); UD Ikan 12's three jurors give 65.1: 65.1, counted 65.1. The engine ranks 12 first. The reference
    computes (sum - lowest - highest) / 2 = 65.05000000000001, counts 65.1, ties the two and puts 11 first on its
    tie-break value: that group is the boundary group the comparison sets aside, and nothing else differs."""
    tables = edge_tables()
    jury = [("bu_perikanan", "0000000011", f"J{j}", "inovasi", v) for j, v in enumerate((70.2, 59.9, 54.5, 79.0))]
    jury += [("bu_perikanan", "0000000012", f"J{j}", "inovasi", 65.1) for j in range(3)]
    tables["wawancara"] = pd.concat([tables["wawancara"], pd.DataFrame(jury, columns=WAWANCARA_COLUMNS)])
    write_season(tmp_path / "data", tables)
    data = edge_methodology(1)
    data["kategori"]["bu_perikanan"]["stage_weights"] = {"dokumen": 0.0, "wawancara": 1.0}
    methodology = write_methodology(tmp_path / "params", data)
    engine = _engine(tmp_path / "data", 2025, methodology)
    reference = _reference_scores(tmp_path / "data", 2025, methodology)
    fishers = engine[engine["kategori"] == "bu_perikanan"].set_index("id_peserta")
    assert fishers.loc["0000000011", "skor_wawancara"] == math.fsum([59.9, 70.2]) / 2
    assert fishers.loc["0000000012", "skor_wawancara"] == math.fsum([65.1, 65.1, 65.1]) / 3
    assert fishers.loc[["0000000012", "0000000011"], "peringkat"].tolist() == [1, 2]
    rows = merged(engine, reference)
    assert boundary_groups(rows[rows["_merge"] == "both"], 1) == {("bu_perikanan", "61")}
    assert disagreements(engine, reference, 1) == []


@pytest.mark.parametrize("season", ["generated", "edge"])
def test_cli_score_csv_agrees(tmp_path: Path, season: str) -> None:
    """The CSV `paritrana score` writes (the whole season, one process) agrees with the reference as well."""
    if season == "generated":
        data_dir, params_dir, methodology = _generated(tmp_path, 2026, 5, _both)
    else:
        data_dir, params_dir = write_season(tmp_path / "data", edge_tables()).parent, tmp_path / "params"
        methodology = write_methodology(params_dir, edge_methodology(0))
    cli = _cli(data_dir, params_dir, methodology.musim, tmp_path / "skor.csv")
    reference = _reference_scores(data_dir, methodology.musim, methodology)
    assert len(cli) == len(reference) >= 25
    assert disagreements(cli, reference, methodology.aturan.desimal) == []
