"""This season against the last (`paritrana compare`, compare.py) on the two bundled seasons, 2025 and 2024."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from paritrana_nb.cli import main
from paritrana_nb.compare import (
    CSV_COLUMNS,
    Disagreement,
    change_label,
    compare_seasons,
    compared_participants,
    disagreements,
    podium_changes,
    zeros_apart,
)
from paritrana_nb.engine import SeasonScores, score_season
from paritrana_nb.messages import t
from paritrana_nb.methodology import load_methodology
from paritrana_nb.season import Season, read_season
from scoring_fixtures import PROJECT


@pytest.fixture(scope="module")
def seasons() -> tuple[Season, Season]:
    return read_season(2025, PROJECT / "data"), read_season(2024, PROJECT / "data")


@pytest.fixture(scope="module")
def scored(seasons: tuple[Season, Season]) -> tuple[SeasonScores, SeasonScores]:
    now, before = seasons
    return (
        score_season(now, load_methodology(PROJECT / "params" / "2025" / "metodologi.yaml", musim=2025)),
        score_season(before, load_methodology(PROJECT / "params" / "2024" / "metodologi.yaml", musim=2024)),
    )


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copies of both bundled seasons and their methodologies, as the current folder."""
    for folder in ("data", "params"):
        for musim in ("2024", "2025"):
            shutil.copytree(PROJECT / folder / musim, tmp_path / folder / musim, ignore=shutil.ignore_patterns("inbox"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _compare(capsys: pytest.CaptureFixture[str], *extra: str, lang: str = "en") -> tuple[int, str, str]:
    code = main(
        ["compare", "--season", "2025", "--against", "2024", "--out", "hasil/banding.csv", "--lang", lang, *extra]
    )
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    return code, printed.out, printed.err


def _ranks(scores: SeasonScores) -> dict[tuple[str, str], tuple[object, float]]:
    rows = scores.peserta
    return {
        (k, i): (None if pd.isna(r) else int(r), s)
        for k, i, r, s in zip(
            rows["kategori"], rows["id_peserta"], rows["peringkat"], rows["skor_peringkat"], strict=True
        )
    }


def test_the_bundled_seasons_agree_about_2023(seasons: tuple[Season, Season]) -> None:
    """data/2024 was derived from data/2025: its 2023 rows are 2025's 2023 rows, so nothing disagrees."""
    now, before = seasons
    assert (now.tahun, before.tahun) == (2024, 2023)
    assert len(now.pemda[now.pemda["tahun"] == 2023]) == len(before.pemda[before.pemda["tahun"] == 2023]) > 0
    assert disagreements(now, before) == []


def test_each_season_keeps_its_own_rank_and_score(scored: tuple[SeasonScores, SeasonScores]) -> None:
    """Every rank and score is the one `score_season` gives in its own season; the change is last rank - rank."""
    now, before = scored
    table = compare_seasons(now, before)
    ranks, ranks_before = _ranks(now), _ranks(before)
    assert set(zip(table["kategori"], table["id_peserta"], strict=True)) == set(ranks) | set(ranks_before)
    assert len(table) == len(set(ranks) | set(ranks_before))
    moved = 0
    for row in table.itertuples():
        key = (row.kategori, row.id_peserta)
        if key in ranks:
            rank, score = ranks[key]
            assert (None if pd.isna(row.peringkat) else row.peringkat, row.skor) == (rank, pytest.approx(score))
        if key in ranks_before:
            rank, score = ranks_before[key]
            assert (None if pd.isna(row.peringkat_lalu) else row.peringkat_lalu) == rank
            assert row.skor_lalu == pytest.approx(score)
        if not pd.isna(row.perubahan_peringkat):
            assert row.perubahan_peringkat == row.peringkat_lalu - row.peringkat
            moved += row.perubahan_peringkat != 0
    assert moved > 0  # the seasons differ: a test of equal ranks would prove nothing


def test_participants_of_one_season_only_have_empty_cells_for_the_other(
    scored: tuple[SeasonScores, SeasonScores],
) -> None:
    now, before = scored
    table = compare_seasons(now, before)
    ranks, ranks_before = _ranks(now), _ranks(before)
    keys = list(zip(table["kategori"], table["id_peserta"], strict=True))
    new = table[[k not in ranks_before for k in keys]]
    gone = table[[k not in ranks for k in keys]]
    assert len(new) > 0 and len(gone) > 0  # the bundled seasons have both kinds
    assert not new["ikut_lalu"].any() and new["peringkat_lalu"].isna().all() and new["skor_lalu"].isna().all()
    assert new["perubahan_peringkat"].isna().all() and new["peringkat"].notna().all()
    assert not gone["ikut"].any() and gone["peringkat"].isna().all() and gone["skor"].isna().all()
    assert gone["peringkat_lalu"].notna().all()
    # this season's participants first, in its score order; then last season's own, after them
    assert list(table["id_peserta"][: len(now.peserta)]) == list(now.peserta["id_peserta"])
    assert gone.index.min() >= len(now.peserta)
    assert set(gone["nama"]) <= set(before.peserta["nama"])


@pytest.mark.parametrize(
    "rank, before, took_part, lang, label",
    [
        (2, 5, True, "id", "naik 3 peringkat"),
        (2, 5, True, "en", "up 3 places"),
        (3, 2, True, "id", "turun 1 peringkat"),
        (3, 2, True, "en", "down 1 place"),
        (1, 1, True, "id", "tetap"),
        (1, None, False, "id", "baru"),
        (1, None, False, "en", "new"),
        (4, None, True, "en", "not ranked last season"),
        (None, 3, True, "en", ""),
    ],
)
def test_change_label(rank: int | None, before: int | None, took_part: bool, lang: str, label: str) -> None:
    assert change_label(rank, before, took_part, lang) == label


def test_change_label_of_a_rank_in_another_group_is_no_change() -> None:
    assert change_label(1, 6, True, "id", same_group=False) == "diperingkat di kelompok lain tahun lalu"
    assert change_label(1, 6, True, "en", same_group=False) == "ranked in another group last season"
    assert change_label(1, None, False, "en", same_group=False) == "new"


@pytest.mark.slow  # scores both seasons (3 s)
def test_compare_writes_the_csv(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _compare(capsys)
    assert (code, err) == (0, "")
    written = pd.read_csv(workspace / "hasil" / "banding.csv", dtype={"id_peserta": str, "kelompok": str})
    assert tuple(written.columns) == CSV_COLUMNS
    assert "Season 2025 against 2024" in out and "banding.csv" in out
    text = (workspace / "hasil" / "banding.csv").read_text(encoding="utf-8")
    first = text.splitlines()[1].split(",")
    assert first[4:7] == [str(int(written.loc[0, c])) for c in ("peringkat", "peringkat_lalu", "perubahan_peringkat")]
    new = written[written["peringkat_lalu"].isna() & written["peringkat"].notna()]
    assert len(new) > 0 and new["perubahan_peringkat"].isna().all()
    assert not [p for p in (workspace / "hasil").iterdir() if p.name != "banding.csv"]  # no temporary file left


@pytest.mark.slow  # runs the command twice
def test_compare_output_is_deterministic(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _compare(capsys)[0] == 0
    first = (workspace / "hasil" / "banding.csv").read_bytes()
    assert _compare(capsys)[0] == 0
    assert (workspace / "hasil" / "banding.csv").read_bytes() == first


def _row_of(path: Path, start: str) -> int:
    """The spreadsheet row (header = 1) of the line starting with `start`."""
    [row] = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start)]
    return row


@pytest.mark.slow  # scores both seasons (3 s)
@pytest.mark.parametrize(
    "lang, words",
    [("en", ("row", "disagree about", "against")), ("id", ("baris", "berbeda tentang", "lawan"))],
)
def test_a_figure_the_seasons_hold_differently_is_warned_row_by_row(
    workspace: Path, capsys: pytest.CaptureFixture[str], lang: str, words: tuple[str, str, str]
) -> None:
    """2024's own 2023 row of one regency gets another peserta_bpu: a warning naming both files, both rows, the
    column and both values; the compare still succeeds and writes its CSV."""
    older = workspace / "data" / "2024" / "pemda.csv"
    table = pd.read_csv(older, dtype=str, keep_default_na=False)
    at = table.index[(table["kode_wilayah"] == "61.02") & (table["tahun"] == "2023")][0]
    value = table.loc[at, "peserta_bpu"]
    changed = str(int(value) + 7)
    table.loc[at, "peserta_bpu"] = changed
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    older.write_text(buffer.getvalue(), encoding="utf-8")
    code, out, err = _compare(capsys, lang=lang)
    assert code == 0 and (workspace / "hasil" / "banding.csv").is_file()
    warnings = [line for line in err.splitlines() if "61.02" in line]
    assert len(warnings) == 1, err
    row, row_before = _row_of(Path("data/2025/pemda.csv"), "61.02,2023,"), _row_of(older, "61.02,2023,")
    expected = (
        f"data/2025/pemda.csv {words[0]} {row}",
        f"data/2024/pemda.csv {words[0]} {row_before}",
        f"{words[1]} 61.02",
        "'peserta_bpu'",
        f"{value} {words[2]} {changed}",
    )
    for part in expected:
        assert part in warnings[0], warnings[0]
    assert "2023" in warnings[0] and "61.02" not in out


def test_a_blank_counted_as_0_is_compared_and_shown_as_0(tmp_path: Path) -> None:
    """peserta_pmi blank means 0 (data contract): a blank against 656 is told as 0 against 656, a blank against 0
    agrees; a blank in a column where it means no figure (target_ucj_pct) is shown as ""."""
    for musim in ("2024", "2025"):
        shutil.copytree(PROJECT / "data" / musim, tmp_path / musim, ignore=shutil.ignore_patterns("inbox", ".cache"))
    now = tmp_path / "2025" / "pemda.csv"
    table = pd.read_csv(now, dtype=str, keep_default_na=False)
    at = table.index[(table["kode_wilayah"] == "61.02") & (table["tahun"] == "2023")][0]
    assert table.loc[at, "peserta_pmi"] == ""  # blank in both seasons' 2023 row
    table.loc[at, ["peserta_pmi", "target_ucj_pct"]] = ["656", ""]
    other = table.index[(table["tahun"] == "2023") & (table["peserta_pmi"] == "")][1]
    table.loc[other, "peserta_pmi"] = "0"
    now.write_text(table.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    found = disagreements(read_season(2025, tmp_path), read_season(2024, tmp_path))
    told = {(d.id_peserta, d.column): d.message("en") for d in found}
    assert set(told) == {("61.02", "peserta_pmi"), ("61.02", "target_ucj_pct")}, told
    assert "column 'peserta_pmi': 656 against 0." in told["61.02", "peserta_pmi"]
    assert "column 'target_ucj_pct': \"\" against 39.01." in told["61.02", "target_ucj_pct"]


def _bpu_changed(season: Season, kode_wilayah: str) -> Season:
    """`season` with its own-year pemda row of `kode_wilayah` holding 7 more peserta_bpu."""
    pemda = season.pemda.copy()
    at = (pemda["kode_wilayah"] == kode_wilayah) & (pemda["tahun"] == season.tahun)
    pemda.loc[at, "peserta_bpu"] += 7
    return dataclasses.replace(season, pemda=pemda)


def test_a_filtered_comparison_checks_only_the_rows_of_its_participants(
    seasons: tuple[Season, Season], scored: tuple[SeasonScores, SeasonScores]
) -> None:
    """61.02 (Kalbar's regency Mempawah) and 62.01 (Kalteng's) disagree: each province's comparison hears of its
    own regency only, and a comparison of villages of neither."""
    now, before = seasons
    changed = _bpu_changed(_bpu_changed(before, "61.02"), "62.01")
    assert {d.id_peserta for d in disagreements(now, changed)} == {"61.02", "62.01"}  # unfiltered: every row
    by_province = {}
    for province in ("61", "62"):
        mine = [
            dataclasses.replace(s, peserta=s.peserta[s.peserta["kelompok"].eq(province)]) for s in scored
        ]  # as score_season(provinces=[province]) keeps them for a provincial category
        participants = compared_participants(*mine)
        by_province[province] = {d.id_peserta for d in disagreements(now, changed, chosen=participants)}
    assert by_province == {"61": {"61.02"}, "62": {"62.01"}}
    villages = [dataclasses.replace(s, peserta=s.peserta[s.peserta["kategori"] == "desa"]) for s in scored]
    participants = compared_participants(*villages)
    assert participants["pemda"] == set() and participants["desa"]
    assert disagreements(now, changed, chosen=participants) == []


@pytest.mark.slow  # scores both seasons four times
@pytest.mark.parametrize(
    "extra, warned",
    [
        (["--province", "kalteng"], False),  # another province: no warning about Kalbar's regency
        (["--province", "kalbar"], True),
        (["--category", "desa"], False),  # villages: no warning about a regency's figures
        (["--province", "kalbar", "--category", "pemda"], True),
    ],
)
def test_the_warnings_follow_the_province_and_category_compared(
    workspace: Path, capsys: pytest.CaptureFixture[str], extra: list[str], warned: bool
) -> None:
    older = workspace / "data" / "2024" / "pemda.csv"
    table = pd.read_csv(older, dtype=str, keep_default_na=False)
    at = table.index[(table["kode_wilayah"] == "61.02") & (table["tahun"] == "2023")][0]
    table.loc[at, "peserta_bpu"] = str(int(table.loc[at, "peserta_bpu"]) + 7)
    table.to_csv(older, index=False, lineterminator="\n")
    code, _, err = _compare(capsys, *extra)
    assert code == 0, err
    assert [line for line in err.splitlines() if "61.02" in line] == (
        [line for line in err.splitlines() if "'peserta_bpu'" in line] if warned else []
    )
    assert ("61.02" in err) == warned and ("1 cell" in err) == warned, err


@pytest.mark.slow  # scores both seasons (3 s)
@pytest.mark.parametrize("lang, words", [("en", ("sheet", "row")), ("id", ("lembar", "baris"))])
def test_a_disagreement_in_a_workbook_names_its_sheet(
    workspace: Path, capsys: pytest.CaptureFixture[str], lang: str, words: tuple[str, str]
) -> None:
    """2024's pemda table as a workbook whose sheet is 'isian': the warning names the sheet beside the file, as
    `validate` names it in every problem of a workbook."""
    older = workspace / "data" / "2024" / "pemda.csv"
    table = pd.read_csv(older, dtype={"kode_wilayah": str})
    at = table.index[(table["kode_wilayah"] == "61.02") & (table["tahun"] == 2023)][0]
    table.loc[at, "peserta_bpu"] += 7
    table.to_excel(older.with_suffix(".xlsx"), index=False, sheet_name="isian")
    older.unlink()
    code, _, err = _compare(capsys, lang=lang)
    assert code == 0
    [warning] = [line for line in err.splitlines() if "61.02" in line]
    row = _row_of(Path("data/2025/pemda.csv"), "61.02,2023,")
    assert f"data/2025/pemda.csv {words[1]} {row} " in warning, warning
    assert f"data/2024/pemda.xlsx {words[0]} 'isian' {words[1]} {at + 2} " in warning, warning


@pytest.mark.parametrize("musim", ["2024", "2025"])
@pytest.mark.parametrize("lang, row", [("en", "row"), ("id", "baris")])
def test_a_problem_of_either_season_names_the_season_folder_of_its_file(
    workspace: Path, capsys: pytest.CaptureFixture[str], musim: str, lang: str, row: str
) -> None:
    """Both seasons hold a pemda.csv: a cell that is no number in one is said to be in data/<musim>/pemda.csv, the
    file and every line of its problems, never as a bare pemda.csv."""
    broken = workspace / "data" / musim / "pemda.csv"
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[2].split(",")
    cells[2] = "abc"  # penduduk_bekerja
    lines[2] = ",".join(cells)
    broken.write_text("".join(lines), encoding="utf-8")
    code, out, err = _compare(capsys, lang=lang)
    assert (code, out) == (1, "")
    assert f"== data/{musim}/pemda.csv\n" in err, err
    assert f"data/{musim}/pemda.csv, {row} 3, " in err and "'abc'" in err, err
    assert " pemda.csv" not in err and "== pemda.csv" not in err, err


@pytest.mark.slow  # scores both seasons (2 s)
def test_a_problem_of_a_methodology_given_by_its_bare_name_keeps_its_name(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--methodology m.yaml in the current folder, with a copy of the first category after it (no participant left
    for it): the warning names m.yaml, not a file of the season folder."""
    data = yaml.safe_load((workspace / "params" / "2025" / "metodologi.yaml").read_text(encoding="utf-8"))
    first = next(iter(data["kategori"].values()))
    data["kategori"]["salinan"] = {**first, "label": {"id": "Salinan", "en": "Copy"}}  # labels alike are refused
    (workspace / "m.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = _compare(capsys, "--methodology", "m.yaml")
    assert code == 0 and re.search(r"\bm\.yaml, line \d+, column \d+, key 'kategori\.salinan\.peserta'", err), err
    assert "data/2025/m.yaml" not in err, err


@pytest.mark.parametrize(
    "extra, code, message",
    [
        (["--against", "2023"], 1, "2023"),  # no such season
        (["--province", "atlantis"], 2, "Province 'atlantis' is not known"),
        (["--category", "koperasi"], 2, "koperasi"),
        (["--against", "2025"], 2, "--against 2025 is not a season before --season 2025"),  # itself
        (["--against", "2026"], 2, "--against 2026 is not a season before --season 2025"),  # a later one
    ],
)
def test_exit_codes(
    workspace: Path, capsys: pytest.CaptureFixture[str], extra: list[str], code: int, message: str
) -> None:
    args = ["compare", "--season", "2025", "--out", "hasil/banding.csv", "--lang", "en"]
    got = main([*args, *(extra if "--against" in extra else ["--against", "2024", *extra])])
    printed = capsys.readouterr()
    assert (got, printed.out) == (code, "")
    assert message in printed.err and "Traceback" not in printed.err
    assert not (workspace / "hasil").exists()


def test_an_earlier_season_without_its_methodology_or_its_data_is_told_both_at_once(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """compare said only that params/2023/metodologi.yaml is missing; once it was copied there, the next run said that
    data/2023 is missing too: both are said in one run, as `validate` says them."""
    args = ["compare", "--season", "2025", "--against", "2023", "--out", "hasil/banding.csv", "--lang", "en"]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert "params/2023/metodologi.yaml: Methodology file not found" in err, err
    assert "Season folder not found: data/2023" in err, err
    shutil.copytree(workspace / "data" / "2024", workspace / "data" / "2023")  # the data there: the methodology alone
    meta = workspace / "data" / "2023" / "musim.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("musim: 2024", "musim: 2023"), encoding="utf-8")
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == "" and "params/2023/metodologi.yaml" in err and "data/2023" not in err, err
    assert not (workspace / "hasil").exists()


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "or give the --params-dir that holds it: --methodology replaces only this season's methodology"),
        ("id", "atau beri --params-dir yang memuatnya: --methodology hanya mengganti metodologi musim ini"),
    ],
)
def test_an_earlier_seasons_missing_methodology_is_not_offered_to_methodology(
    workspace: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    """params/2024/ there without its metodologi.yaml: compare told to 'pass the right --params-dir or
    --methodology', though --methodology replaces this season's methodology only, never the --against season's."""
    (workspace / "params" / "2024" / "metodologi.yaml").unlink()
    code, out, err = _compare(capsys, lang=lang)
    assert (code, out) == (1, "") and "params/2024/metodologi.yaml" in err, err
    assert said in err and "--against 2024" in err and "--params-dir or --methodology" not in err, err
    assert not (workspace / "hasil").exists()


def test_an_invalid_earlier_season_is_1(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pemda = workspace / "data" / "2024" / "pemda.csv"
    pemda.write_text(pemda.read_text(encoding="utf-8").replace("\n61.04,2023,", "\n61.04,2023,x"), encoding="utf-8")
    code, out, err = _compare(capsys)
    assert (code, out) == (1, "") and "data/2024/pemda.csv" not in out and "pemda.csv" in err
    assert not (workspace / "hasil").exists()


def _same_files_as_both_seasons(workspace: Path) -> None:
    """Season 2024's folder holding season 2025's tables, its musim.yaml naming season 2024 and year 2024."""
    for table in (workspace / "data" / "2025").glob("*.csv"):
        shutil.copy(table, workspace / "data" / "2024" / table.name)
    (workspace / "data" / "2024" / "musim.yaml").write_text("musim: 2024\ntahun_kinerja: 2024\n", encoding="utf-8")


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "Season 2024 assesses performance year 2024, and season 2025, which it is compared with, assesses 2024"),
        ("id", "Musim 2024 menilai tahun kinerja 2024, sedangkan musim 2025 yang dibandingkan dengannya menilai 2024"),
    ],
)
def test_an_earlier_season_of_the_same_performance_year_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    """The same files given as both seasons (season 2024 assessing 2024, as it may): every participant read "same
    place" against itself, said nowhere. Refused, naming the year both assess and where it is set."""
    _same_files_as_both_seasons(workspace)
    code, out, err = _compare(capsys, lang=lang)
    assert (code, out) == (1, "") and said in err and "data/2024/musim.yaml" in err and "tahun_kinerja" in err, err
    assert not (workspace / "hasil").exists()


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "[WARNING] Season 2024, the one compared with (--against): data/2024/wawancara.csv, row 2, column "),
        ("id", "[PERINGATAN] Musim 2024, musim pembanding (--against): data/2024/wawancara.csv, baris 2, kolom "),
    ],
)
def test_the_earlier_seasons_scoring_warnings_are_printed_as_its_own(
    workspace: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    """What the earlier season's scores count 0 (an interview aspect no juror scored) was said by `score --season
    2024` but not by `compare`, whose changes of rank it shapes: said, naming that season and its folder."""
    interviews = workspace / "data" / "2024" / "wawancara.csv"
    lines = interviews.read_text(encoding="utf-8").splitlines(keepends=True)
    interviews.write_text(
        "".join(x for x in lines if not x.startswith("pemda,61.04,J") or "presentasi" not in x), encoding="utf-8"
    )
    code, _, err = _compare(capsys, lang=lang)
    assert code == 0, err
    [warning] = [line for line in err.splitlines() if "61.04" in line]
    assert warning.startswith(said) and "presentasi" in warning, warning
    assert "data/2025/" not in err, err  # this season's own warnings, none here


def _without_category(workspace: Path, musim: int, kategori: str, desa_kelompok: str | None = None) -> None:
    """Season `musim`'s methodology without category `kategori` (and its special awards), its interview scores gone;
    with `desa_kelompok`, its villages ranked in that kind of group."""
    path = workspace / "params" / str(musim) / "metodologi.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["kategori"][kategori]
    data["penghargaan_khusus"] = [a for a in data.get("penghargaan_khusus", []) if a["kategori"] != kategori]
    if desa_kelompok is not None:
        data["kategori"]["desa"]["kelompok"] = desa_kelompok
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    interviews = workspace / "data" / str(musim) / "wawancara.csv"
    lines = interviews.read_text(encoding="utf-8").splitlines(keepends=True)
    interviews.write_text("".join(x for x in lines if not x.startswith(f"{kategori},")), encoding="utf-8")


def test_a_category_last_season_lacks_or_ranks_otherwise_is_warned(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _without_category(workspace, 2024, "bu_besar_menengah", desa_kelompok="nasional")
    code, _, err = _compare(capsys)
    assert code == 0, err
    assert "Category bu_besar_menengah is not in season 2024's methodology: every participant of it shows" in err
    assert "Category desa is ranked within each province now but was ranked nationally in season 2024" in err
    assert "provinsi" not in err and "nasional" not in err  # the methodology's values, in the reader's language
    assert "Category pemda" not in err


def test_a_category_only_last_season_had_is_warned_unless_categories_are_chosen(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Last season's methodology had a category this season's lacks: its participants all show as gone."""
    _without_category(workspace, 2025, "bu_besar_menengah")
    code, _, err = _compare(capsys)
    assert code == 0, err
    assert "Category bu_besar_menengah of season 2024's methodology is not in this season's" in err
    code, _, err = _compare(capsys, "--category", "desa")
    assert code == 0 and "bu_besar_menengah" not in err


def test_a_category_last_season_scored_otherwise_is_warned(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Last season's methodology weighed pemda's indicators otherwise and dropped jurors from 5: pemda's change of
    rank mixes the two methodologies (and every category's, by the rules); a label changed alone changes no score."""
    code, _, err = _compare(capsys)
    assert code == 0 and "scored otherwise" not in err  # the bundled seasons' methodologies score alike
    path = workspace / "params" / "2024" / "metodologi.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["kategori"]["pemda"]["indicators"][0]["weight"] = 50
    data["kategori"]["desa"]["label"]["en"] = "Villages"
    data["kategori"]["desa"]["indicators"][0]["label"]["en"] = "Coverage"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, _, err = _compare(capsys)
    assert code == 0, err
    assert "Category pemda is scored otherwise than in season 2024: its indicators differ" in err
    assert "Category desa" not in err
    code, _, err = _compare(capsys, lang="id")
    assert "Kategori pemda dinilai dengan cara lain daripada di musim 2024: indicators berbeda" in err
    data["aturan"]["pangkas_juri_mulai"] = 5
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, _, err = _compare(capsys)
    assert (
        "Category pemda is scored otherwise than in season 2024: its indicators, aturan.pangkas_juri_mulai differ"
        in err
    )
    assert "Category desa is scored otherwise than in season 2024: its aturan.pangkas_juri_mulai differ" in err


def test_a_rule_is_warned_of_for_the_categories_whose_scores_use_it(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Last season's methodology counted arrears up to 6 months and coverage growth up to 90 %: only the businesses'
    categories use the first (tertib_iuran), only pemda and pemprov the second (ucj_naik); the villages neither.
    The premium of a vulnerable worker changes no score."""
    path = workspace / "params" / "2024" / "metodologi.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.setdefault("aturan", {}).update(tunggakan_maks_bulan=6, cakupan_maks=90, iuran_rentan_rp_per_bulan=20000)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, _, err = _compare(capsys)
    assert code == 0, err
    said = "is scored otherwise than in season 2024: its {} differ"
    for kategori in ("bu_besar_menengah", "bu_kecil_mikro"):
        assert f"Category {kategori} {said.format('aturan.tunggakan_maks_bulan')}" in err
    for kategori in ("pemda", "pemprov"):
        assert f"Category {kategori} {said.format('aturan.cakupan_maks')}" in err
    assert "Category desa" not in err and "iuran_rentan" not in err


def test_an_id_under_another_name_and_a_participant_in_another_zone_are_warned(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Matched on the id alone: an NPP whose business has another name last season may be another business; a
    province moved to a zone of its own was ranked in another group. Neither is a change of rank to trust."""
    businesses = workspace / "data" / "2024" / "badan_usaha.csv"
    frame = pd.read_csv(businesses, dtype=str, keep_default_na=False)
    now = pd.read_csv(workspace / "data" / "2025" / "badan_usaha.csv", dtype=str, keep_default_na=False)
    row = frame.index[frame["npp"].isin(now["npp"])][0]
    npp, skala = frame.loc[row, "npp"], frame.loc[row, "skala"]
    frame.loc[row, "nama"] = "PT Lain Sama Sekali (fiktif)"
    frame.to_csv(businesses, index=False, lineterminator="\n")
    regions = workspace / "data" / "2025" / "wilayah.csv"
    text = regions.read_text(encoding="utf-8")
    assert "65,Kalimantan Utara,provinsi,65,Kalimantan\n" in text
    regions.write_text(text.replace("provinsi,65,Kalimantan\n", "provinsi,65,Utara\n"), encoding="utf-8")
    code, _, err = _compare(capsys)
    assert code == 0, err
    renamed = t(
        "cli.compare_renamed",
        "en",
        kategori="bu_besar_menengah" if skala in ("besar", "menengah") else "bu_kecil_mikro",
        id=npp,
        nama=now.loc[now["npp"] == npp, "nama"].iloc[0],
        nama_lalu="PT Lain Sama Sekali (fiktif)",
        against=2024,
    )
    assert f"[WARNING] {renamed}" in err
    moved = t(
        "cli.compare_regrouped",
        "en",
        kategori="pemprov",
        id="65",
        nama="Kalimantan Utara",
        now="Utara",
        old="Kalimantan",
        against=2024,
    )
    assert f"[WARNING] {moved}" in err
    assert err.count("[WARNING]") == 2, err


@pytest.mark.parametrize("lang", ["en", "id"])
def test_ids_apart_only_by_leading_zeros_are_warned(
    workspace: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """An NPP written with a leading zero last season and without it now (lost to a number cell): matched on the id
    as written, one business read as new and another as gone, said nowhere. Warned of, naming both."""
    businesses = workspace / "data" / "2024" / "badan_usaha.csv"
    frame = pd.read_csv(businesses, dtype=str, keep_default_na=False)
    now = pd.read_csv(workspace / "data" / "2025" / "badan_usaha.csv", dtype=str, keep_default_na=False)
    row = frame.index[frame["npp"].isin(now["npp"])][0]
    npp, nama, skala = frame.loc[row, "npp"], frame.loc[row, "nama"], frame.loc[row, "skala"]
    frame.loc[frame["npp"] == npp, "npp"] = f"0{npp}"
    frame.to_csv(businesses, index=False, lineterminator="\n")
    code, _, err = _compare(capsys, lang=lang)
    assert code == 0, err
    kategori = "bu_besar_menengah" if skala in ("besar", "menengah") else "bu_kecil_mikro"
    said = t(
        "cli.compare_zeros_apart",
        lang,
        kategori=kategori,
        id=npp,
        nama=now.loc[now["npp"] == npp, "nama"].iloc[0],
        kategori_lalu=kategori,
        id_lalu=f"0{npp}",
        nama_lalu=nama,
        against=2024,
    )
    assert said in err and err.count(npp) == 2, err
    table = pd.read_csv(workspace / "hasil" / "banding.csv", dtype=str)
    assert set(table.loc[table["id_peserta"].isin([npp, f"0{npp}"]), "perubahan_peringkat"].isna()) == {True}


def test_zeros_apart_pairs_only_ids_of_one_season_each_differing_by_leading_zeros() -> None:
    table = pd.DataFrame(
        {
            "kategori": ["bu_kecil_mikro", "bu_kecil_mikro", "desa", "bu_besar_menengah", "bu_kecil_mikro"],
            "id_peserta": ["7", "8", "61.04.01.2011", "007", "08"],
            "nama": ["PT A", "PT B", "Desa C", "PT A lama", "PT B lama"],
            "ikut": [True, True, True, False, True],
            "ikut_lalu": [False, True, False, True, True],
        }
    )
    pairs = zeros_apart(table)
    assert pairs.to_dict("records") == [
        {
            "kategori": "bu_kecil_mikro",
            "id_peserta": "7",
            "nama": "PT A",
            "kategori_lalu": "bu_besar_menengah",
            "id_lalu": "007",
            "nama_lalu": "PT A lama",
        }
    ]  # 8 and 08 both took part in both seasons: each matched already


def test_names_in_the_warnings_are_quoted_as_validation_quotes_them(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name that differs from last season's by a zero-width space alone (which validation allows in a name) is
    told apart by its escape, and a name of 450 characters is cut, as every message quotes a cell: the warning
    quoted both raw, two names that looked the same and a line of 450 characters."""
    businesses = workspace / "data" / "2025" / "badan_usaha.csv"
    frame = pd.read_csv(businesses, dtype=str, keep_default_na=False)
    before = pd.read_csv(workspace / "data" / "2024" / "badan_usaha.csv", dtype=str, keep_default_na=False)
    first, second = frame.index[frame["npp"].isin(before["npp"])][:2]
    old_name = before.loc[before["npp"] == frame.loc[first, "npp"], "nama"].iloc[0]
    frame.loc[first, "nama"] = old_name.replace(" ", "\u200b ", 1)
    frame.loc[second, "nama"] = "PT " + "X" * 447
    frame.to_csv(businesses, index=False, lineterminator="\n")
    code, _, err = _compare(capsys)
    assert code == 0, err
    escaped = old_name.replace(" ", "\\u200b ", 1)
    assert "\u200b" not in err and "X" * 101 not in err, err
    assert f"'{escaped}'" in err and f"'{old_name}'" in err
    assert f"'PT {'X' * 97}…'" in err


def test_a_text_the_seasons_hold_differently_is_quoted_as_validation_quotes_it() -> None:
    """A disagreement about a text cell escapes an invisible character in it and cuts a long one (shown_text)."""
    found = Disagreement(
        "badan_usaha", "1", 2024, "sektor", Path("a.csv"), 2, "jasa\u200b", Path("b.csv"), 3, "j" * 300
    )
    said = found.message("en")
    assert "\u200b" not in said and "'sektor': jasa\\u200b against " + "j" * 100 + "…." in said, said


def test_a_province_new_this_season_compares_as_new_as_in_the_whole_compare(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Season 2024 without Kalimantan Utara (a province created since, as Papua's were in 2022): `--province kaltara`
    lists its participants as new, as the whole compare does; it stopped with "not in season 2024" (exit 2)."""
    before = workspace / "data" / "2024"
    for name in ("wilayah", "pemda", "desa", "badan_usaha"):
        frame = pd.read_csv(before / f"{name}.csv", dtype=str, keep_default_na=False)
        frame[~frame["kode_wilayah"].str.startswith("65")].to_csv(before / f"{name}.csv", index=False)
    interviews = pd.read_csv(before / "wawancara.csv", dtype=str, keep_default_na=False)
    kept = pd.concat(pd.read_csv(before / f"{n}.csv", dtype=str).iloc[:, 0] for n in ("pemda", "desa", "badan_usaha"))
    interviews[interviews["id_peserta"].isin(set(kept))].to_csv(before / "wawancara.csv", index=False)
    code, out, err = _compare(capsys, "--province", "kaltara")
    assert code == 0, err
    assert f"[WARNING] {t('cli.compare_new_province', 'en', value='65', against=2024)}" in err
    table = pd.read_csv(workspace / "hasil" / "banding.csv", dtype=str)
    assert len(table) > 0 and table["peringkat_lalu"].isna().all() and table["peringkat"].notna().all()
    assert f"{len(table)} participants (0 in both seasons, {len(table)} new, 0 in season 2024 only)" in out
    code, _, err = _compare(capsys)  # the whole season: said too (it was said only with --province)
    assert code == 0, err
    assert err.count(t("cli.compare_new_province", "en", value="65", against=2024)) == 1
    assert "Province 6" not in err.replace(t("cli.compare_new_province", "en", value="65", against=2024), "")


def test_without_against_is_a_usage_error(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["compare", "--out", "x.csv"])
    assert stopped.value.code == 2 and "--against" in capsys.readouterr().err


@pytest.mark.parametrize("out", ["data/2024/banding.csv", "params/2024/banding.csv"])
def test_out_into_the_earlier_season_is_refused(workspace: Path, capsys: pytest.CaptureFixture[str], out: str) -> None:
    code = main(["compare", "--season", "2025", "--against", "2024", "--out", out, "--lang", "en"])
    assert code == 1 and "input files are never overwritten" in capsys.readouterr().err
    assert not (workspace / out).exists()


def test_podium_changes_follow_the_compare_table(scored: tuple[SeasonScores, SeasonScores]) -> None:
    """The podium's change in words comes from the compare table: last rank - rank, "baru" for a newcomer."""
    now, before = scored
    table = compare_seasons(now, before)
    group = now.peserta[(now.peserta["kategori"] == "pemda") & (now.peserta["kelompok"] == "61")]
    podium = podium_changes(table, group, "id")
    assert [rank for rank, _, _ in podium] == [1, 2, 3]
    last = _ranks(before)
    for (rank, name, label), id_peserta in zip(podium, group["id_peserta"][:3], strict=True):
        assert name == group.loc[group["id_peserta"] == id_peserta, "nama"].iloc[0]
        assert label == change_label(rank, last[("pemda", id_peserta)][0], True, "id")
    newcomer = table[~table["ikut_lalu"] & table["peringkat"].notna()].iloc[0]
    alone = now.peserta[now.peserta["id_peserta"] == newcomer["id_peserta"]].assign(peringkat=1)
    assert podium_changes(table, alone, "id")[0][2] == "baru"
    assert [label for _, _, label in podium_changes(None, group, "id")] == ["", "", ""]


def test_the_podium_says_no_change_of_rank_from_another_ranking_group(
    scored: tuple[SeasonScores, SeasonScores],
) -> None:
    """Regencies ranked nationally last season (or a province moved to another zone): rank 6 of the nation then and
    first of the province now is not "up 5 places"."""
    now, before = scored
    national = before.peserta.assign(
        kelompok=before.peserta["kelompok"].where(before.peserta["kategori"] != "pemda", "nasional")
    )
    table = compare_seasons(now, dataclasses.replace(before, peserta=national))
    assert set(table.loc[table["kategori"] == "pemda", "kelompok_lalu"].dropna()) == {"nasional"}
    group = now.peserta[(now.peserta["kategori"] == "pemda") & (now.peserta["kelompok"] == "61")]
    labels = [label for _, _, label in podium_changes(table, group, "en")]
    assert labels == ["ranked in another group last season"] * 3
    desa = now.peserta[(now.peserta["kategori"] == "desa") & (now.peserta["kelompok"] == "61")]
    assert "ranked in another group last season" not in [label for _, _, label in podium_changes(table, desa, "en")]
