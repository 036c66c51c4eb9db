"""The naming rule of data/2025/SOURCES.md: a real organisation appears only with the figures SOURCES.md cites,
real villages sit at their Kemendagri code, no person is named, and invented business names are marked
fictional, in the bundled season and in what the generator writes."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from paritrana_nb.synthetic import COLUMNS, FICTIONAL_MARK, generate_season

SEASON = Path(__file__).resolve().parents[2] / "data" / "2025"
SOURCES = SEASON / "SOURCES.md"
#: The column that identifies a row of each table in `wawancara.id_peserta`.
ID_COLUMN = {"wilayah": "kode_wilayah", "pemda": "kode_wilayah", "desa": "kode_desa", "badan_usaha": "npp"}
_DASHES = re.compile("[\u2010-\u2015-]")


@dataclass(frozen=True)
class RealOrganisation:
    nama: str
    cited: dict[str, str]  # column -> published value; empty when nothing about it is published


def markdown_table(text: str, heading: str) -> list[dict[str, str]]:
    """Rows of the first pipe table under the line `heading`, as column -> cell text."""
    lines = text.splitlines()
    rows: list[list[str]] = []
    for line in lines[lines.index(heading) + 1 :]:
        if line.startswith("#") or (rows and not line.startswith("|")):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    header, _, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def real_organisations(sources: Path = SOURCES) -> list[RealOrganisation]:
    """The "Organisasi nyata" table: `angka_dikutip` is `kolom=nilai; ...` or a dash (nothing cited)."""
    rows = markdown_table(sources.read_text(encoding="utf-8"), "### Organisasi nyata")
    out = []
    for row in rows:
        cited = row["angka_dikutip"]
        pairs = [] if cited in ("—", "-") else [item.split("=", 1) for item in cited.split(";")]
        out.append(RealOrganisation(row["nama"], {k.strip(): v.strip() for k, v in pairs}))
    return out


def real_villages(sources: Path = SOURCES) -> list[dict[str, str]]:
    """The "Desa nyata" table: bare name, Kemendagri village code, regency/city name."""
    return markdown_table(sources.read_text(encoding="utf-8"), "### Desa nyata")


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table of a season folder, every cell as text."""
    return {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False) for name in COLUMNS}


def normalise(text: str) -> str:
    """Case, dash and spacing differences do not hide a name."""
    return " ".join(_DASHES.sub("-", text).casefold().split())


def naming_violations(folder: Path, organisations: list[RealOrganisation]) -> list[str]:
    """Rows that carry a real organisation's name with any figure SOURCES.md does not cite: another cell of the
    row that differs from the cited value, or interview scores attached to the row (never published)."""
    tables = read_tables(folder)
    jury = tables["wawancara"]
    problems = []
    for org in organisations:
        pattern = re.compile(r"(?<!\w)" + re.escape(normalise(org.nama)) + r"(?!\w)")
        for table, frame in tables.items():
            for col in frame.columns:
                for i in frame.index[frame[col].map(lambda v, pattern=pattern: bool(pattern.search(normalise(v))))]:
                    row = frame.loc[i]
                    uncited = [c for c in frame.columns if c != col and org.cited.get(c) != row[c]]
                    if table in ID_COLUMN and (jury["id_peserta"] == row[ID_COLUMN[table]]).any():
                        uncited.append("wawancara")
                    if uncited:
                        problems.append(f"{table}.csv row {i + 2}: {org.nama!r} with uncited {uncited}")
    return problems


def unmarked_businesses(folder: Path, organisations: list[RealOrganisation]) -> list[str]:
    """Business names that neither end with the fictional mark nor are a listed real organisation."""
    real = {org.nama for org in organisations}
    names = read_tables(folder)["badan_usaha"]["nama"]
    return [n for n in names if not n.endswith(FICTIONAL_MARK) and n not in real]


def village_problems(folder: Path, villages: list[dict[str, str]]) -> list[str]:
    """A listed real village missing from its code, under another name or regency, or its name used
    elsewhere in the province; any village called Kelurahan/Desa against its code's kind."""
    tables = read_tables(folder)
    desa, regions = tables["desa"], tables["wilayah"].set_index("kode_wilayah")["nama"]
    kelurahan = desa["kode_desa"].str.split(".").str[-1].str.startswith("1")
    prefix = kelurahan.map({True: "Kelurahan ", False: "Desa "})
    problems = [
        f"desa.csv row {i + 2}: {desa.at[i, 'nama']!r} against code {desa.at[i, 'kode_desa']}"
        for i in desa.index[
            ~pd.Series([n.startswith(p) for n, p in zip(desa["nama"], prefix, strict=True)], index=desa.index)
        ]
    ]
    bare = pd.Series([n.removeprefix(p) for n, p in zip(desa["nama"], prefix, strict=True)], index=desa.index)
    for village in villages:
        code = village["kode_desa"]
        same_name = desa[(bare.map(normalise) == normalise(village["nama"])) & (desa["kode_desa"].str[:2] == code[:2])]
        if list(same_name["kode_desa"]) != [code]:
            problems.append(f"{village['nama']} found at {list(same_name['kode_desa'])}, expected [{code}]")
        elif same_name["kode_wilayah"].iloc[0] != code[:5] or regions.get(code[:5]) != village["kabupaten_kota"]:
            problems.append(f"{village['nama']} ({code}) not in {village['kabupaten_kota']}")
    return problems


@pytest.fixture()
def season_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SEASON, tmp_path / "2025"))


def test_sources_lists_the_real_names_and_states_the_rule() -> None:
    organisations, villages = real_organisations(), real_villages()
    assert len(organisations) >= 7 and all(org.nama for org in organisations)
    assert {"Sapta Karya Damai", "Koperasi Pintu Raja", "LKP Enter"} <= {org.nama for org in organisations}
    assert len(villages) == 4 and {v["nama"] for v in villages} == {"Eka Bahurui", "Sakabulin", "Arga Mulya", "Pujon"}
    text = SOURCES.read_text(encoding="utf-8")
    assert "## Aturan nama" in text and f"`{FICTIONAL_MARK.strip()}`" in text


def test_bundled_season_follows_the_naming_rule() -> None:
    organisations = real_organisations()
    assert naming_violations(SEASON, organisations) == []
    assert unmarked_businesses(SEASON, organisations) == []
    assert village_problems(SEASON, real_villages()) == []


def test_no_person_is_named_jurors_are_codes() -> None:
    jury = read_tables(SEASON)["wawancara"]
    assert jury["juri"].str.fullmatch(r"[JN]\d+").all()


def test_a_real_name_with_invented_figures_is_caught(season_copy: Path) -> None:
    organisations = real_organisations()
    path = season_copy / "badan_usaha.csv"
    bu = pd.read_csv(path, dtype=str, keep_default_na=False)
    bu.loc[0, "nama"] = organisations[0].nama
    bu.loc[1, "nama"] = f"PT {organisations[1].nama.upper()} (fiktif)"  # hidden in a longer, marked name
    bu.loc[2, "nama"] = "PT Sawit Borneo Lestari"  # no fictional mark
    bu.to_csv(path, index=False)
    problems = naming_violations(season_copy, organisations)
    assert [p.split(":")[0] for p in problems] == ["badan_usaha.csv row 2", "badan_usaha.csv row 3"]
    assert unmarked_businesses(season_copy, organisations) == ["PT Sawit Borneo Lestari"]


def test_a_real_name_passes_only_when_every_attached_figure_is_cited(season_copy: Path) -> None:
    tables = read_tables(season_copy)
    bu, jury = tables["badan_usaha"], tables["wawancara"]
    interviewed = bu["npp"].isin(jury["id_peserta"])
    quiet, scored = bu[~interviewed].iloc[0], bu[interviewed].iloc[0]
    bu.loc[quiet.name, "nama"], bu.loc[scored.name, "nama"] = "Koperasi Nyata A", "Koperasi Nyata B"
    bu.to_csv(season_copy / "badan_usaha.csv", index=False)
    cite = {
        name: row.drop("nama").to_dict() for name, row in (("Koperasi Nyata A", quiet), ("Koperasi Nyata B", scored))
    }
    all_cited = [RealOrganisation(name, figures) for name, figures in cite.items()]
    problems = naming_violations(season_copy, all_cited)
    assert len(problems) == 1 and "Koperasi Nyata B" in problems[0] and "'wawancara'" in problems[0]
    one_off = {**cite["Koperasi Nyata A"], "jumlah_pekerja": "999999"}
    assert naming_violations(season_copy, [RealOrganisation("Koperasi Nyata A", one_off)]) != []


def test_a_real_village_in_the_wrong_place_is_caught(season_copy: Path) -> None:
    path = season_copy / "desa.csv"
    desa = pd.read_csv(path, dtype=str, keep_default_na=False)
    pujon = desa["nama"] == "Desa Pujon"
    assert pujon.sum() == 1
    desa.loc[pujon, ["kode_desa", "nama"]] = ["62.03.03.1001", "Kelurahan Pujon"]  # the old, invented placement
    desa.to_csv(path, index=False)
    problems = village_problems(season_copy, real_villages())
    assert len(problems) == 1 and problems[0].startswith("Pujon found at ['62.03.03.1001']")
    desa.loc[pujon, "nama"] = "Desa Pujon"  # a desa name on a kelurahan code
    desa.to_csv(path, index=False)
    assert any("against code 62.03.03.1001" in p for p in village_problems(season_copy, real_villages()))


@pytest.mark.parametrize("musim, seed", [(2025, 7), (2026, 2025)])
def test_generated_seasons_follow_the_naming_rule(tmp_path: Path, musim: int, seed: int) -> None:
    generate_season(tmp_path, musim=musim, scale="kalimantan", seed=seed)
    organisations = real_organisations()
    assert naming_violations(tmp_path, organisations) == []
    assert unmarked_businesses(tmp_path, organisations) == []
    assert village_problems(tmp_path, real_villages() if musim == 2025 else []) == []
