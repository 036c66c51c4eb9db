"""`paritrana score`: byte-identical CSV, filters, and clean exits (no traceback) on bad input."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import write_season
from paritrana_nb.cli import main
from paritrana_nb.messages import t
from scoring_fixtures import PROJECT, hand_tables, methodology_data

PARAMS = PROJECT / "params"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    write_season(tmp_path / "data", hand_tables())
    return tmp_path / "data"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paritrana_nb.cli", *args], capture_output=True, text=True, cwd=PROJECT, check=False
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_two_runs_give_byte_identical_csv(data_dir: Path, tmp_path: Path) -> None:
    outputs = []
    for name in ("a.csv", "b.csv"):
        done = _run(
            "score",
            "--season",
            "2025",
            "--data-dir",
            str(data_dir),
            "--params-dir",
            str(PARAMS),
            "--out",
            str(tmp_path / name),
        )
        assert done.returncode == 0, done.stdout + done.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    rows = _rows(tmp_path / "a.csv")
    assert len(rows) == 16
    required = [
        "musim",
        "kategori",
        "kode_provinsi",
        "id_peserta",
        "nama",
        "tahap",
        "finalis",
        "skor_dokumen",
        "skor_wawancara",
        "skor_akhir",
        "peringkat",
        "ucj",
        "n_ucj",
        "kepesertaan",
        "n_kepesertaan",
    ]
    assert all(column in rows[0] for column in required)
    first = rows[0]
    assert (first["id_peserta"], first["peringkat"], first["finalis"], first["tahap"]) == (
        "61.02",
        "1",
        "true",
        "wawancara",
    )
    assert float(first["skor_akhir"]) == pytest.approx(
        0.7 * (30 * 60 + 15 * 100 + 20 * 100 + 15 * 40) / 80 + 0.3 * (70 + 60) / 3
    )
    assert first["kepesertaan"] == "" and first["skor_wawancara"] != ""


def test_province_short_name_and_category(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kalbar.csv"
    code = main(
        [
            "score",
            "--data-dir",
            str(data_dir),
            "--params-dir",
            str(PARAMS),
            "--province",
            "kalbar",
            "--category",
            "desa",
            "--out",
            str(out),
            "--lang",
            "en",
        ]
    )
    assert code == 0
    rows = _rows(out)
    assert [r["id_peserta"] for r in rows] == ["61.02.01.2002", "61.01.01.2001", "61.03.01.2007", "61.71.01.1002"]
    assert [r["peringkat"] for r in rows] == ["1", "2", "2", "4"]
    assert "ucj" not in rows[0] and "cakupan_desa" in rows[0]
    assert "4 participants" in capsys.readouterr().out


def test_a_category_in_other_case_is_the_methodology_s_and_a_misspelt_one_gets_the_closest(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--category Desa` was refused ("not in the methodology"), where `--province KALBAR` is accepted; a typo got
    no suggestion, as a province's does."""
    args = ["score", "--data-dir", str(data_dir), "--params-dir", str(PARAMS), "--province", "kalbar"]
    assert main([*args, "--category", "desa", "--out", str(tmp_path / "exact.csv")]) == 0
    assert main([*args, "--category", " Desa ", "--out", str(tmp_path / "case.csv")]) == 0
    assert (tmp_path / "case.csv").read_bytes() == (tmp_path / "exact.csv").read_bytes()
    capsys.readouterr()
    said_in = {"en": "Category dessa is not in methodology", "id": "Kategori dessa tidak ada di metodologi"}
    for lang, said in said_in.items():
        assert main([*args, "--category", "dessa", "--out", str(tmp_path / "x.csv"), "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert said in err and t("hint.did_you_mean", lang, found="desa") in err, err
        assert err.rstrip().endswith("pemda, desa, bu_besar_menengah, bu_kecil_mikro, pemprov."), err
    assert main([*args, "--category", "xyz", "--out", str(tmp_path / "x.csv"), "--lang", "en"]) == 2
    assert "Did you mean" not in capsys.readouterr().err  # nothing close to it: no guess
    assert not (tmp_path / "x.csv").exists()


def test_unknown_province(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["score", "--data-dir", str(data_dir), "--params-dir", str(PARAMS), "--out", str(tmp_path / "x.csv")]
    assert main([*args, "--province", "atlantis", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Province 'atlantis' is not known. Use a code" in err  # nothing close to it: no guess
    assert "short name: 61 (kalbar), 62 (kalteng)." in err, err  # the season's provinces, not all 38
    for typed in ("kalbr", "Kalimantan Baratt", "611"):  # a typo of a short name, a name, a code
        assert main([*args, "--province", typed, "--lang", "en"]) == 2
        assert f"Province '{typed}' is not known. Did you mean 'kalbar'? Use a code" in capsys.readouterr().err
    assert main([*args, "--province", "6", "--lang", "en"]) == 2  # close to every code: no guess
    assert "Did you mean" not in capsys.readouterr().err
    assert main([*args, "--province", "jabar", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Province 32 is not in the season 2025 data. Provinces present: 61 (kalbar), 62 (kalteng)." in err, err
    assert not (tmp_path / "x.csv").exists()


def test_bad_data_exits_1_without_traceback(data_dir: Path, tmp_path: Path) -> None:
    pemda = data_dir / "2025" / "pemda.csv"
    pemda.write_text(
        pemda.read_text(encoding="utf-8").replace("61.01,2024,1000,300", "61.01,2024,1000,banyak"), encoding="utf-8"
    )
    done = _run(
        "score",
        "--data-dir",
        str(data_dir),
        "--params-dir",
        str(PARAMS),
        "--out",
        str(tmp_path / "x.csv"),
        "--lang",
        "en",
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "pemda.csv, row 6, column 'peserta_pu'" in done.stderr and "can NOT be scored" in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / "x.csv").exists()


def test_bad_methodology_exits_1_with_its_messages(data_dir: Path, tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["weight"] = -30
    bad = tmp_path / "metodologi.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    done = _run("score", "--data-dir", str(data_dir), "--methodology", str(bad), "--out", str(tmp_path / "x.csv"))
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    line = next(n for n, text in enumerate(bad.read_text("utf-8").splitlines(), 1) if text.endswith("weight: -30"))
    column = bad.read_text("utf-8").splitlines()[line - 1].index("-30") + 1  # where the value stands
    assert f"{bad}, baris {line}, kolom {column}, kunci 'kategori.pemda.indicators[0].weight', indikator 'ucj'" in (
        done.stderr
    )


def test_missing_params_dir_exits_1(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "score",
            "--data-dir",
            str(data_dir),
            "--params-dir",
            str(tmp_path / "none"),
            "--out",
            str(tmp_path / "x.csv"),
            "--lang",
            "en",
        ]
    )
    assert code == 1
    assert "Methodology file not found" in capsys.readouterr().err


def test_methodology_file_overrides_params_dir(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = methodology_data()
    del data["kategori"]["desa"]
    data["penghargaan_khusus"] = [a for a in data["penghargaan_khusus"] if a["kategori"] != "desa"]
    data["kategori"]["pemda"]["peserta"]["tingkat"] = ["kabupaten"]  # Kota Tujuh (61.71) now in no category
    other = tmp_path / "explorer.yaml"
    other.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = tmp_path / "x.csv"
    args = ["score", "--data-dir", str(data_dir), "--methodology", str(other), "--out", str(out), "--lang", "en"]
    assert main(args) == 0
    rows = _rows(out)
    assert "desa" not in {r["kategori"] for r in rows} and "61.71" not in {r["id_peserta"] for r in rows}
    printed = capsys.readouterr().err  # a warning
    # no category draws on the villages' table, so they are not listed; the city left out of pemda is
    assert "pemda.csv, row 11, column 'kode_wilayah': Participant '61.71' (Kota Tujuh) matches no category" in printed
    assert main([*args, "--category", "desa"]) == 2  # usage: not a category of that methodology


def test_score_warns_of_a_filter_value_no_row_holds(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt sector leaves its businesses to another category: `score` says so, as it says a category is empty."""
    data = methodology_data()
    data["kategori"]["bu_kecil_mikro"]["peserta"]["sektor"] = ["perdagangan", "perdagagnan"]
    methodology = tmp_path / "metodologi.yaml"
    methodology.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    args = ["--data-dir", str(data_dir), "--methodology", str(methodology), "--lang", "en"]
    for options in ([], ["--province", "61"]):  # the whole season's CSV, and the path of any other
        assert main(["score", *args, *options, "--out", str(tmp_path / "s.csv")]) == 0
        printed = capsys.readouterr().err
        key = re.escape("key 'kategori.bu_kecil_mikro.peserta.sektor[1]': The sektor value 'perdagagnan'")
        assert re.search(rf"{re.escape(str(methodology))}, line \d+, column \d+, {key}", printed), printed


def test_unknown_interview_aspect_exits_1(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wawancara = data_dir / "2025" / "wawancara.csv"
    wawancara.write_text(
        wawancara.read_text(encoding="utf-8").replace("J1,sinergi", "J1,kreativitas", 1), encoding="utf-8"
    )
    code = main(
        [
            "score",
            "--data-dir",
            str(data_dir),
            "--params-dir",
            str(PARAMS),
            "--out",
            str(tmp_path / "x.csv"),
            "--lang",
            "en",
        ]
    )
    assert code == 1
    printed = capsys.readouterr().err
    assert "wawancara.csv, row 3, column 'aspek': Aspect 'kreativitas' is not assessed in category pemda" in printed


def _weighing_no_interview(folder: Path, kategori: str) -> Path:
    """The default methodology with `kategori` weighing no interview, written to `folder`."""
    data = methodology_data()
    data["kategori"][kategori]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    path = folder / "metodologi.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_score_warns_of_interview_scores_a_category_does_not_weigh(data_dir: Path, tmp_path: Path) -> None:
    """`score` prints the warnings of what its ranks rest on: jurors' scores of a category whose interview weighs 0
    make its finalists rank first though they count for nothing (W_JURY_UNWEIGHTED), said once; the CSV is written."""
    path = _weighing_no_interview(tmp_path, "pemda")
    out = tmp_path / "x.csv"
    done = _run("score", "--data-dir", str(data_dir), "--methodology", str(path), "--out", str(out), "--lang", "en")
    assert done.returncode == 0 and out.is_file()
    assert (
        done.stderr.count("Category pemda weighs no interview") == 1 and "scores 2 of its participants" in done.stderr
    )


def test_awards_warns_of_an_award_on_an_interview_aspect_a_category_does_not_weigh(
    data_dir: Path, tmp_path: Path
) -> None:
    """`inovasi_desa` looks at the jury's scores of desa's aspect inovasi: with desa weighing no interview, `awards`
    wrote its row `tanpa_pemenang` (or winners by scores that count for nothing) without a word; it says why, once."""
    path = _weighing_no_interview(tmp_path, "desa")
    out = tmp_path / "awards.csv"
    done = _run("awards", "--data-dir", str(data_dir), "--methodology", str(path), "--out", str(out), "--lang", "en")
    assert done.returncode == 0 and out.is_file()
    assert done.stderr.count("Special award inovasi_desa looks at interview aspect inovasi of category desa") == 1


def test_every_command_serves_a_category_that_lists_no_interview_aspects(tmp_path: Path) -> None:
    """pemda weighing no interview, its aspects left out of the methodology and no interview scores for it: `score`,
    `awards`, `rapor` and `template --jury` run as for any category (the methodology was refused: "Required key
    'aspects' is missing"); pemda is ranked by its desk score, and no juror sheet is written for it."""
    tables = hand_tables()
    tables["wawancara"] = tables["wawancara"][tables["wawancara"]["kategori"] != "pemda"]
    data = tmp_path / "data"
    write_season(data, tables)
    path = _weighing_no_interview(tmp_path, "pemda")
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    del written["kategori"]["pemda"]["aspects"]
    path.write_text(yaml.safe_dump(written, sort_keys=False), encoding="utf-8")
    common = ("--data-dir", str(data), "--methodology", str(path), "--lang", "en")
    scores = tmp_path / "skor.csv"
    for command in (
        ("score", "--out", str(scores)),
        ("awards", "--out", str(tmp_path / "awards.csv")),
        ("rapor", "--out", str(tmp_path / "rapor"), "--category", "pemda"),
        ("template", "--jury", "--jurors", "J1", "--out", str(tmp_path / "juri")),
    ):
        done = _run(*command, *common)
        assert done.returncode == 0, (command, done.stderr)
        assert "Traceback" not in done.stderr
    pemda = [row for row in _rows(scores) if row["kategori"] == "pemda"]
    stages = {(row["tahap"], row["finalis"], row["skor_wawancara"]) for row in pemda}
    assert pemda and stages == {("dokumen", "false", "")}
    assert all(row["peringkat"] for row in pemda)
    assert list((tmp_path / "rapor").rglob("*.html"))
    assert not [p.name for p in (tmp_path / "juri").iterdir() if "pemda" in p.name]
