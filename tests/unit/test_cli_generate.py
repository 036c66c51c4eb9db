"""`paritrana generate`: the command that wrote the bundled season writes it again, byte for byte, and says what."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from paritrana_nb.cli import main
from paritrana_nb.season import load_season
from scoring_fixtures import PROJECT

BUNDLED = PROJECT / "data" / "2025"
FILES = ("wilayah.csv", "pemda.csv", "desa.csv", "badan_usaha.csv", "wawancara.csv", "musim.yaml")


def test_generate_writes_the_bundled_season_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # data/2025/SOURCES.md: the folder is the generator's output for the Kalimantan scale and seed 2025
    out = tmp_path / "data" / "2025"
    assert main(["generate", "--out", str(out), "--scale", "kalimantan", "--seed", "2025", "--lang", "en"]) == 0
    printed = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (out / name).read_bytes() == (BUNDLED / name).read_bytes(), name
    rows = {name: len(pd.read_csv(out / f"{name}.csv", dtype=str)) for name in
            ("wilayah", "pemda", "desa", "badan_usaha", "wawancara")}
    assert printed.out.splitlines() == [f"{name}: {count}" for name, count in rows.items()]
    assert printed.err == ""


def test_generate_another_seed_and_season_gives_another_valid_season(tmp_path: Path) -> None:
    out = tmp_path / "data" / "2026"
    assert main(["generate", "--out", str(out), "--season", "2026", "--seed", "7"]) == 0
    assert (out / "pemda.csv").read_bytes() != (BUNDLED / "pemda.csv").read_bytes()
    result = load_season(2026, tmp_path / "data")
    assert result.report.ok, result.report.render("en")
    assert result.season is not None and result.season.tahun == 2025 and result.season.meta["ilustratif"] is True
