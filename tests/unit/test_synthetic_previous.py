"""The previous season derived from a season (`paritrana generate --previous-of`, synthetic_previous.py)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest

from paritrana_nb.cli import main
from paritrana_nb.season import load_season, read_season
from paritrana_nb.synthetic_previous import previous_tables
from scoring_fixtures import PROJECT

BUNDLED = PROJECT / "data"
FILES = ("wilayah.csv", "pemda.csv", "desa.csv", "badan_usaha.csv", "wawancara.csv", "musim.yaml")
TEXT = {"kode_wilayah": str, "kode_desa": str, "npp": str, "tahun": str}


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`paritrana generate --season 2024 --previous-of data/2025 --out <tmp>/2024 --seed 2024`, once."""
    out = tmp_path_factory.mktemp("previous") / "2024"
    assert (
        main(
            [
                "generate",
                "--season",
                "2024",
                "--previous-of",
                str(BUNDLED / "2025"),
                "--out",
                str(out),
                "--seed",
                "2024",
            ]
        )
        == 0
    )
    return out


def test_the_bundled_2024_is_what_the_command_writes(derived: Path) -> None:
    """data/2024/SOURCES.md's promise: the command it names writes these files byte for byte."""
    for name in FILES:
        assert (derived / name).read_bytes() == (BUNDLED / "2024" / name).read_bytes(), name


def test_the_derived_season_is_valid_and_consistent_with_the_next(derived: Path) -> None:
    result = load_season(2024, derived.parent)
    assert result.report.ok, result.report.render("en")
    season = result.season
    assert season is not None and (season.musim, season.tahun, season.illustrative) == (2024, 2023, True)
    assert (derived / "wilayah.csv").read_bytes() == (BUNDLED / "2025" / "wilayah.csv").read_bytes()
    # its year-T pemda rows are the next season's year T-1 rows, line for line
    later = [line for line in (BUNDLED / "2025" / "pemda.csv").read_text().splitlines() if ",2023," in line]
    own = [line for line in (derived / "pemda.csv").read_text().splitlines() if ",2023," in line]
    assert own == later and len(own) == 61
    assert set(_read(derived, "pemda")["tahun"]) == {"2022", "2023"}
    # villages and businesses: the same codes, mostly; some joined in 2025, a few businesses left before it
    for name, key in (("desa", "kode_desa"), ("badan_usaha", "npp")):
        before, after = set(_read(derived, name)[key]), set(_read(BUNDLED / "2025", name)[key])
        assert after - before and len(before & after) > 0.8 * len(after), name
        assert set(_read(derived, name)["tahun"]) == {"2023"}
    left = set(_read(derived, "badan_usaha")["npp"]) - set(_read(BUNDLED / "2025", "badan_usaha")["npp"])
    assert left and all(name.endswith(" (fiktif)") for name in _read(derived, "badan_usaha")["nama"])
    assert _read(derived, "badan_usaha")["nama"].is_unique


def test_businesses_sharing_a_name_keep_it_last_season() -> None:
    """Two businesses of the next season in different provinces under one name: the previous season carries both
    under that name (it numbered the second, "... 2 (fiktif)", and `paritrana compare` then saw a participant
    renamed); the businesses invented as having left still get names of their own."""
    season = read_season(2025, BUNDLED)
    businesses = season.badan_usaha.copy()
    carried = businesses["npp"].isin(previous_tables(season, seed=2024)["badan_usaha"]["npp"])  # names draw nothing
    first = businesses.index[carried & businesses["kode_wilayah"].str.startswith("61")][0]
    other = businesses.index[carried & businesses["kode_wilayah"].str.startswith("65")][-1]
    businesses.loc[[first, other], "nama"] = "PT Kembar (fiktif)"
    tables = previous_tables(dataclasses.replace(season, badan_usaha=businesses), seed=2024)
    before = tables["badan_usaha"].set_index("npp")["nama"]
    for npp, nama in zip(businesses["npp"], businesses["nama"], strict=True):
        assert before.get(npp, nama) == nama, npp
    assert (before == "PT Kembar (fiktif)").sum() == 2
    invented = before[~before.index.isin(businesses["npp"])]
    assert len(invented) and not set(invented) & set(businesses["nama"]) and invented.is_unique


def test_a_backward_step_lowers_coverage_on_the_whole(derived: Path) -> None:
    pemda = _read(derived, "pemda")
    parts = ["peserta_pu", "peserta_bpu", "peserta_jakon", "peserta_pmi"]
    numbers = pemda[[*parts, "penduduk_bekerja"]].replace("", "0").astype(float)
    pemda["ucj"] = 100 * numbers[parts].sum(axis=1) / numbers["penduduk_bekerja"]
    wide = pemda.pivot(index="kode_wilayah", columns="tahun", values="ucj")
    assert (wide["2022"] < wide["2023"]).mean() > 0.7


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--season", "2023"], 2, "season 2023 is derived from the folder of season 2024"),
        (["--season", "2024", "--out", "data/2025/lama"], 1, "input files are never overwritten"),
        (["--season", "2024", "--scale", "national"], 2, "--scale national is not used with --previous-of"),
        (["--season", "2024", "--scale", "kalimantan"], 2, "Leave out --scale."),
    ],
)
def test_wrong_use_of_previous_of(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    shutil.copytree(BUNDLED / "2025", tmp_path / "data" / "2025", ignore=shutil.ignore_patterns("inbox"))
    monkeypatch.chdir(tmp_path)
    out = [] if "--out" in args else ["--out", "data/2024"]
    assert main(["generate", "--previous-of", "data/2025", "--lang", "en", *args, *out]) == code
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["2025"]
    assert not (tmp_path / "data" / "2025" / "lama").exists()


def test_an_invalid_source_season_is_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(BUNDLED / "2025", tmp_path / "2025", ignore=shutil.ignore_patterns("inbox"))
    (tmp_path / "2025" / "desa.csv").unlink()
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--season", "2024", "--previous-of", "2025", "--out", "2024", "--lang", "en"]) == 1
    assert "desa" in capsys.readouterr().err and not (tmp_path / "2024").exists()


def test_a_failed_forced_previous_of_keeps_every_file_of_the_season_it_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`generate --previous-of --force` over a season whose third table cannot be written (a full disk) leaves that
    season's files as they were, not its first tables replaced by the new ones."""
    shutil.copytree(BUNDLED / "2024", tmp_path / "2024", ignore=shutil.ignore_patterns(".*"))  # not a local .cache
    before = {name: (tmp_path / "2024" / name).read_bytes() for name in FILES}
    real_to_csv = pd.DataFrame.to_csv
    calls: list[int] = []

    def full_disk(self: pd.DataFrame, *args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_to_csv(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    previous = ["generate", "--season", "2024", "--previous-of", str(BUNDLED / "2025"), "--seed", "7", "--force"]
    assert main([*previous, "--out", str(tmp_path / "2024"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Cannot write" in err and "Traceback" not in err, err
    assert {name: (tmp_path / "2024" / name).read_bytes() for name in FILES} == before
    assert sorted(p.name for p in (tmp_path / "2024").iterdir()) == sorted([*FILES, "SOURCES.md"])
