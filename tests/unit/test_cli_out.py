"""`--out` never lands on an input: score, gaps, jury, run and generate refuse the season's data folder, its
methodology folder and the methodology in use (relative paths, `..` and symlinks resolved); an --out that is a
folder or cannot be created is a message on stderr with exit code 1, never a traceback."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import small_season_tables, write_season
from paritrana_nb import cli, engine
from paritrana_nb.cli import main
from paritrana_nb.messages import t
from paritrana_nb.report import pipeline
from paritrana_nb.report.pipeline import RunOutcome
from paritrana_nb.report.runner import JobResult
from paritrana_nb.synthetic import FolderNotEmpty, generate_season
from scoring_fixtures import PROJECT

PARAMS = PROJECT / "params"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with data/2025 (the small season, plus musim.yaml and SOURCES.md) and params/2025; the cwd."""
    folder = write_season(tmp_path / "data", small_season_tables())
    (folder / "musim.yaml").write_text("musim: 2025\nilustratif: true\n", encoding="utf-8")
    (folder / "SOURCES.md").write_text("# sources\n", encoding="utf-8")
    (tmp_path / "params" / "2025").mkdir(parents=True)
    (tmp_path / "params" / "2025" / "metodologi.yaml").write_bytes((PARAMS / "2025" / "metodologi.yaml").read_bytes())
    (tmp_path / "own.yaml").write_bytes((PARAMS / "2025" / "metodologi.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _fingerprint(root: Path) -> dict[str, str]:
    """Every file but the season cache (`.cache/`: what a command may store while it reads; not a result)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(root).parts
    }


def _refused(args: list[str], capsys: pytest.CaptureFixture[str], workspace: Path, needle: str) -> str:
    before = _fingerprint(workspace)
    code = main([*args, "--lang", "en"])
    out = capsys.readouterr()
    assert code == 1, out.err
    assert "Traceback" not in out.out + out.err and needle in out.err and out.out == "", out
    assert _fingerprint(workspace) == before, "nothing may be written"
    return out.err


@pytest.mark.parametrize(
    "command, out",
    [
        ("score", "data/2025/wilayah.csv"),
        ("gaps", "data/2025/desa.csv"),
        ("jury", "data/2025/wawancara.csv"),
        ("score", "params/2025/metodologi.yaml"),
        ("score", "data/2025/musim.yaml"),
        ("gaps", "data/2025/SOURCES.md"),
        ("score", "data/2025/new.csv"),
        ("jury", "data/../data/2025/juri.csv"),
        ("score", "own.yaml"),
    ],
)
def test_csv_commands_refuse_an_out_among_the_inputs(
    workspace: Path, capsys: pytest.CaptureFixture[str], command: str, out: str
) -> None:
    args = [command, "--out", out]
    if out == "own.yaml":
        args += ["--methodology", "own.yaml"]
    message = _refused(args, capsys, workspace, f"--out {out} points into ")
    assert "input files are never overwritten" in message


@pytest.mark.parametrize("out", ["data/2024/pemda.csv", "params/2024/metodologi.yaml", "data/2023/skor.csv"])
def test_an_out_among_another_seasons_inputs_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    """`score --season 2025 --out data/2024/pemda.csv` wrote over the last season's table, which `rapor`, `run` and
    `compare` of 2025 read."""
    for folder in ("data/2024", "params/2024", "data/2023"):
        (workspace / folder).mkdir(parents=True)
    (workspace / "data" / "2024" / "pemda.csv").write_text("kode_wilayah\n", encoding="utf-8")
    (workspace / "params" / "2024" / "metodologi.yaml").write_text("x: 1\n", encoding="utf-8")
    folder = str(Path(out).parent)
    message = _refused(["score", "--out", out], capsys, workspace, f"--out {out} points into {folder}, where a season")
    assert "input files are never overwritten" in message


def test_out_through_a_symlink_or_an_absolute_path_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "link.csv").symlink_to(workspace / "data" / "2025" / "pemda.csv")
    (workspace / "season").symlink_to(workspace / "data" / "2025")
    _refused(["score", "--out", "link.csv"], capsys, workspace, "points into data/2025")
    _refused(["gaps", "--out", "season/x.csv"], capsys, workspace, "points into data/2025")
    absolute = str(workspace / "data" / "2025" / "pemda.csv")
    _refused(["jury", "--out", absolute], capsys, workspace, "points into data/2025")


def test_run_refuses_the_data_folder_as_its_report_folder(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--out data` is named once as the input folder it leads to: it said "writes into data/2025, which points into
    data/2025"."""
    writes = "--out data: the command writes into data/2025, a season's input or methodology folder; input files"
    err = _refused(["run", "--province", "61", "--out", "data"], capsys, workspace, writes)
    assert "points into" not in err, err
    _refused(["rapor", "--out", "params"], capsys, workspace, "writes into params/2025, a season's input or")
    _refused(["run", "--province", "61", "--out", "data/2025"], capsys, workspace, "points into data/2025")
    _refused(["run", "--province", "61", "--out", "params"], capsys, workspace, "writes into params/2025, a season")


@pytest.mark.parametrize(("linked", "target"), [("61", "data/2025"), ("61/pemda", "params"), ("Kalimantan", "data")])
def test_rapor_refuses_a_card_folder_that_is_a_link_into_the_inputs(
    workspace: Path, capsys: pytest.CaptureFixture[str], linked: str, target: str
) -> None:
    """A group or category folder of `rapor --out kartu` that is a link (kartu/2025/61 to data/2025) was written
    through: the cards and index pages of its group landed among the season's inputs. Refused before any work, naming
    the link, as an --out among the inputs is; a link elsewhere is written through (a province's cards on another
    disk)."""
    link = workspace / "kartu" / "2025" / linked
    link.parent.mkdir(parents=True)
    link.symlink_to(workspace / target)
    said = _refused(["rapor", "--out", "kartu"], capsys, workspace, f"{Path('kartu', '2025', linked)} is a link to")
    assert f"which lies in {Path(target)}" in said or f"which lies in {Path(target, '2025')}" in said, said


def test_rapor_writes_through_a_card_folder_that_is_a_link_elsewhere(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A province's cards kept on another disk: its group folder a link there, which rapor writes through."""
    disk = workspace / "disk" / "61"
    disk.mkdir(parents=True)
    (workspace / "kartu" / "2025").mkdir(parents=True)
    (workspace / "kartu" / "2025" / "61").symlink_to(disk)
    assert main(["rapor", "--out", "kartu", "--lang", "en"]) == 0, capsys.readouterr().err
    assert (disk / "index.en.html").is_file() and any(disk.rglob("*/*.en.html"))


@pytest.mark.parametrize("command", [["run", "--province", "61"], ["rapor"]])
def test_a_season_folder_under_out_that_links_to_an_input_is_named(
    workspace: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """`--out hasil` whose hasil/2025 is a link to data/2025: the message names hasil/2025, the folder the command
    writes into; it said that --out hasil points into data/2025, which it does not."""
    (workspace / "hasil").mkdir()
    (workspace / "hasil" / "2025").symlink_to(workspace / "data" / "2025")
    err = _refused([*command, "--out", "hasil"], capsys, workspace, "--out hasil: the command writes into hasil/2025,")
    assert "which points into data/2025" in err and "--out hasil points" not in err, err


def test_an_out_in_the_season_cache_folder_is_refused(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`score --cache-dir cache --out cache/2025/score-csv.json` wrote its CSV over the cache's manifest."""
    assert main(["score", "--cache-dir", "cache", "--out", "first.csv"]) == 0  # the cache's entries written
    capsys.readouterr()
    manifest = workspace / "cache" / "2025" / "score-csv.json"
    kept = manifest.read_bytes()
    for args in (
        ["score", "--cache-dir", "cache", "--out", "cache/2025/score-csv.json"],
        ["gaps", "--cache-dir", "cache", "--out", "cache/2025/gaps.csv"],
    ):
        message = _refused(args, capsys, workspace, f"--out {args[-1]} points into cache/2025, the folder where")
        assert "--cache-dir cache keeps this season's cache" in message
        assert "Choose an --out outside cache/2025, e.g. under hasil/, or another --cache-dir." in message
    assert manifest.read_bytes() == kept
    assert main(["score", "--cache-dir", "cache", "--out", "cache/skor.csv", "--lang", "id"]) == 0  # beside it
    assert main(["score", "--cache-dir", "cache", "--out", "cache/2025/x.csv"]) == 1
    assert "folder tempat --cache-dir cache menyimpan cache musim ini" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["run", "--province", "61"], ["rapor"]])
@pytest.mark.parametrize(
    ("out", "cache_dir", "said"),
    [
        # said "--out cache points into cache/2025": the reports go to <out>/2025, the cache to <cache-dir>/2025
        (
            "cache",
            "cache",
            (
                "--out cache and --cache-dir cache lead to the same folder for season 2025: the command writes its "
                "results into cache/2025 (the season's folder under --out), and keeps the season's cache in cache/2025 "
                "(the season's folder under --cache-dir), whose files it writes itself. Give the two options different "
                "folders, e.g. --out hasil --cache-dir cache."
            ),
        ),
        (
            "cache/2025",
            "cache",
            (
                "--out cache/2025: the command writes its results into cache/2025/2025 (the season's folder under "
                "--out), inside cache/2025, the folder where --cache-dir cache keeps the cache of season 2025, whose "
                "files the command writes itself. Choose an --out outside cache/2025, e.g. hasil, or another "
                "--cache-dir."
            ),
        ),
        # the cache was written among the reports (hasil/2025/2025/season.json ...), without a word
        (
            "hasil",
            "hasil/2025",
            (
                "--cache-dir hasil/2025 would put the cache of season 2025 in hasil/2025/2025, inside hasil/2025, the "
                "folder the command writes its results into (the season's folder under --out hasil): the season's "
                "cached tables would lie among the results. Choose a --cache-dir outside hasil/2025, e.g. cache, or "
                "another --out."
            ),
        ),
        ("hasil", "hasil/2025/lain", "would put the cache of season 2025 in hasil/2025/lain/2025, inside hasil/2025,"),
    ],
)
def test_a_report_folder_and_the_season_cache_folder_apart(
    workspace: Path, capsys: pytest.CaptureFixture[str], command: list[str], out: str, cache_dir: str, said: str
) -> None:
    """run and rapor write into <out>/<musim>/, the cache is <cache-dir>/<musim>/: one inside the other (or the
    same) is refused, the message naming both options and the two folders they lead to."""
    message = _refused([*command, "--cache-dir", cache_dir, "--out", out], capsys, workspace, said)
    assert "Traceback" not in message and not (workspace / "hasil").exists() and not (workspace / "cache").exists()
    code = main([*command, "--cache-dir", cache_dir, "--out", out])
    assert code == 1 and "--cache-dir" in capsys.readouterr().err  # in Bahasa Indonesia too


_DEFAULT_OUT = "The default output folder reports (the --out default)"


@pytest.mark.parametrize("command", [["run", "--province", "61"], ["rapor"]])
@pytest.mark.parametrize(
    ("where", "options", "default", "typed"),
    [
        (
            ".",
            ["--cache-dir", "reports"],
            (
                f"{_DEFAULT_OUT} and --cache-dir reports lead to the same folder for season 2025: the command "
                "writes its results into reports/2025 (the season's folder under --out), and keeps the season's cache "
                "in reports/2025 (the season's folder under --cache-dir), whose files it writes itself. Give --out a "
                "folder of its own, e.g. --out hasil, or another --cache-dir, e.g. --cache-dir cache."
            ),
            "--out reports and --cache-dir reports lead to the same folder for season 2025",
        ),
        (
            ".",
            ["--cache-dir", "reports/2025"],
            (
                "--cache-dir reports/2025 would put the cache of season 2025 in reports/2025/2025, inside "
                "reports/2025, the folder the command writes its results into (the season's folder under the default "
                "output folder reports, the --out default): the season's cached tables would lie among the results. "
                "Choose a --cache-dir outside reports/2025, e.g. cache, or give --out another folder, e.g. --out hasil."
            ),
            "(the season's folder under --out reports)",
        ),
        (  # the cache is <cache-dir>/2025, the current folder: reports/2025 lies in it
            "simpan/2025",
            ["--cache-dir", "..", "--data-dir", "../../data", "--params-dir", "../../params"],
            (
                f"{_DEFAULT_OUT}: the command writes its results into reports/2025 (the season's folder under --out), "
                "inside ../2025, the folder where --cache-dir .. keeps the cache of season 2025, whose files the "
                "command writes itself. Give --out a folder outside ../2025, e.g. --out hasil, or another --cache-dir."
            ),
            "--out reports: the command writes its results into reports/2025",
        ),
        (  # reports/2025 is the season's data folder
            ".",
            ["--data-dir", "reports"],
            (
                f"{_DEFAULT_OUT}: the command writes into reports/2025, a season's input or methodology folder; "
                "input files are never overwritten. Give --out a folder outside it, e.g. --out hasil."
            ),
            "--out reports: the command writes into reports/2025",
        ),
        (  # run in the season's data folder: reports lies in it
            "data/2025",
            ["--data-dir", "..", "--params-dir", "../../params"],
            (
                f"{_DEFAULT_OUT} points into ../2025, where a season's input or methodology files are; input files "
                "are never overwritten. Give --out a folder outside it, e.g. --out hasil."
            ),
            "--out reports points into ../2025",
        ),
        (
            ".",
            ["--data-dir", "reports/2025"],
            (
                f"{_DEFAULT_OUT}: the command writes into reports/2025, which is reports/2025 (--data-dir), the "
                "folder that holds every season's folder"
            ),
            "--out reports is reports/2025 (--data-dir)",
        ),
    ],
)
def test_a_default_report_folder_refused_is_named_as_the_out_default(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    where: str,
    options: list[str],
    default: str,
    typed: str,
) -> None:
    """run and rapor without --out write into reports/<musim>/: refused (beside the cache or an input), the message
    said "--out reports" as if it had been typed. It names reports as --out's default and asks for an --out; an
    --out reports typed is still named as such."""
    (workspace / where).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(workspace / where)
    message = _refused([*command, *options], capsys, workspace, default)
    assert "--out reports" not in message, message
    message = _refused([*command, *options, "--out", "reports"], capsys, workspace, typed)
    assert "default" not in message, message
    assert main([*command, *options]) == 1  # in Bahasa Indonesia too
    err = capsys.readouterr().err
    assert "folder keluaran bawaan reports" in err.lower() and "--out reports" not in err, err
    assert not (workspace / where / "reports").exists()


@pytest.mark.parametrize("command", [["run", "--province", "61"], ["rapor"]])
@pytest.mark.parametrize(
    ("file", "default", "typed"),
    [
        (
            "reports",
            f"{_DEFAULT_OUT} is a file, not a folder. Give --out a folder (new or existing), e.g. --out hasil.",
            "--out reports is a file, not a folder.",
        ),
        (
            "reports/2025",
            (
                f"{_DEFAULT_OUT} cannot be used: reports/2025 is a file where a folder would be created. Give --out a "
                "folder of its own, e.g. --out hasil."
            ),
            "--out reports cannot be created: reports/2025 is a file, not a folder.",
        ),
    ],
)
def test_a_file_in_the_way_of_the_default_report_folder_is_named_as_the_out_default(
    workspace: Path, capsys: pytest.CaptureFixture[str], command: list[str], file: str, default: str, typed: str
) -> None:
    """run and rapor without --out, a file `reports` (or `reports/2025`) in the way: the message said "--out
    reports is a file", an --out never typed. It names reports as --out's default and asks for an --out."""
    (workspace / file).parent.mkdir(exist_ok=True)
    (workspace / file).write_text("x", encoding="utf-8")
    message = _refused(command, capsys, workspace, default)
    assert "--out reports" not in message, message
    message = _refused([*command, "--out", "reports"], capsys, workspace, typed)
    assert "default" not in message, message
    assert main(command) == 1  # in Bahasa Indonesia too
    err = capsys.readouterr().err
    assert "folder keluaran bawaan reports (bawaan --out)" in err.lower() and "--out reports" not in err, err


@pytest.mark.parametrize(
    ("args", "folder", "said"),
    [
        # the cache's files were written among the tables
        (["validate", "--cache-dir", "data"], "data/2025", "data/2025, the folder of this season's input"),
        (
            ["score", "--out", "skor.csv", "--cache-dir", "data/2025"],
            "data/2025",
            "data/2025/2025, inside data/2025, where this season's input or methodology files are",
        ),
        (["jury", "--out", "juri.csv", "--cache-dir", "params"], "params/2025", "params/2025, the folder of this"),
    ],
)
def test_a_cache_dir_among_the_inputs_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], folder: str, said: str
) -> None:
    message = _refused(args, capsys, workspace, f"--cache-dir {args[-1]} would put the season's cache in ")
    assert f"cache in {said}" in message
    assert f"{folder}, inside {folder}" not in message  # a folder said once where it is the input folder itself
    assert not [p.name for p in (workspace / folder).iterdir() if p.suffix in (".json", ".parquet", ".bin")]


def test_an_out_that_is_a_folder_or_cannot_be_created(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "hasil").mkdir()
    (workspace / "berkas").write_text("x", encoding="utf-8")
    _refused(
        ["score", "--out", "hasil"],
        capsys,
        workspace,
        "--out hasil is a folder; give a file name, e.g. " + str(Path("hasil", "skor.csv")),
    )
    blocked = "cannot be created: berkas is a file, not a folder"
    _refused(["gaps", "--out", "berkas/gaps.csv"], capsys, workspace, f"--out berkas/gaps.csv {blocked}")
    _refused(["run", "--province", "61", "--out", "berkas"], capsys, workspace, "--out berkas is a file, not a folder")
    _refused(
        ["run", "--province", "61", "--out", "berkas/laporan"], capsys, workspace, f"--out berkas/laporan {blocked}"
    )
    _refused(["generate", "--out", "berkas"], capsys, workspace, "--out berkas is a file, not a folder")
    _refused(["generate", "--out", "berkas/2025/x"], capsys, workspace, f"--out berkas/2025/x {blocked}")


@pytest.mark.parametrize("command", ["score", "gaps", "status"])
def test_a_file_out_ending_in_a_separator_or_a_dash_is_refused(
    command: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out hasil/` names a folder and `--out -` standard output: refused by argparse (exit 2) in the chosen
    language; no file `hasil` or `-` written."""
    before = _fingerprint(workspace)
    for lang, words in (("en", "ends in a path separator"), ("id", "diakhiri pemisah path")):
        with pytest.raises(SystemExit) as stopped:
            main([command, "--out", "hasil" + os.sep, "--lang", lang])
        err = capsys.readouterr().err
        assert stopped.value.code == 2 and words in err and "Traceback" not in err, err
    for lang, words in (("en", "'-' (standard output) is not offered"), ("id", "'-' (keluaran standar)")):
        with pytest.raises(SystemExit) as stopped:
            main([command, "--out", "-", "--lang", lang])
        err = capsys.readouterr().err
        assert stopped.value.code == 2 and words in err and "Traceback" not in err, err
    assert not (workspace / "hasil").exists() and not (workspace / "-").exists() and _fingerprint(workspace) == before


@pytest.mark.parametrize(
    "command, name",
    [
        (["score"], "skor.csv"),
        (["gaps"], "gaps.csv"),
        (["jury"], "juri.csv"),
        (["awards"], "penghargaan.csv"),
        (["compare", "--against", "2024"], "banding.csv"),
        (["status"], "status.html"),
    ],
)
def test_a_folder_out_is_offered_the_commands_own_file_name(
    command: list[str], name: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out hasil/` and `--out hasil` (a folder) are offered one file name, the command's own as the docs give it:
    `gaps --out hasil/` offered hasil/skor.csv (where the score CSV may be), `gaps --out hasil` hasil/gaps.csv,
    `jury --out hasil` hasil/jury.csv and `status --out hasil/` hasil/pelacak.html."""
    example = str(Path("hasil", name))
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--out", "hasil" + os.sep, "--lang", "en"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and f"e.g. '{example}'" in err, err
    (workspace / "hasil").mkdir()
    assert f"--out hasil is a folder; give a file name, e.g. {example}." in _refused(
        [*command, "--out", "hasil"], capsys, workspace, "--out hasil is a folder"
    )


def test_intake_refuses_an_out_that_is_a_file_before_reading_the_inbox(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "berkas").write_text("x", encoding="utf-8")
    (workspace / "kotak").mkdir()
    _refused(
        ["intake", "--from", "kotak", "--out", "berkas"], capsys, workspace, "--out berkas is a file, not a folder"
    )
    blocked = "--out berkas/2025 cannot be created: berkas is a file, not a folder"
    _refused(["intake", "--from", "kotak", "--out", "berkas/2025"], capsys, workspace, blocked)


@pytest.mark.parametrize(
    "out", ["params/2025", "params/2025/gabungan", "params/2024", "data/2024", "data/2025/gabungan", "data/2025/.cache"]
)
def test_intake_refuses_an_out_among_the_inputs_other_than_its_seasons_data_folder(
    workspace: Path, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    """`intake --out params/2025` wrote the merged tables into the methodology folder: only the season's own data
    folder, which intake is there to fill, may be written among the inputs."""
    for folder in ("data/2024", "params/2024"):
        (workspace / folder).mkdir(parents=True)
    (workspace / "kotak").mkdir()
    (workspace / "kotak" / "wawancara.csv").write_bytes((workspace / "data" / "2025" / "wawancara.csv").read_bytes())
    message = _refused(["intake", "--from", "kotak", "--out", out], capsys, workspace, f"--out {out} points into ")
    assert "input files are never overwritten" in message


@pytest.mark.parametrize(
    "command, out, option, example",
    [
        ("intake", "data", "--data-dir", "data/2025"),
        ("intake", "params", "--params-dir", "data/2025"),
        ("intake", "data/2025/..", "--data-dir", "data/2025"),
        ("template", "data", "--data-dir", "hasil/template"),
        ("template", "params", "--params-dir", "hasil/template"),
    ],
)
def test_intake_and_template_refuse_the_folder_holding_every_season(
    workspace: Path, capsys: pytest.CaptureFixture[str], command: str, out: str, option: str, example: str
) -> None:
    """`intake --out data` merged the season's tables (and musim.yaml) into the folder beside data/2024 and data/2025,
    and `template --out params` wrote its workbooks among the methodology folders: the folder that holds every season,
    not inside any of them, was no input to refuse."""
    (workspace / "kotak").mkdir()
    (workspace / "kotak" / "wawancara.csv").write_bytes((workspace / "data" / "2025" / "wawancara.csv").read_bytes())
    args = [command, "--out", out] + (["--from", "kotak"] if command == "intake" else [])
    needle = f"--out {out} is {out.split('/')[0]} ({option}), the folder that holds every season's folder"
    message = _refused(args, capsys, workspace, needle)
    assert f"e.g. {example}." in message


def test_intake_still_writes_its_own_seasons_data_folder(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "kotak").mkdir()
    (workspace / "kotak" / "wawancara.csv").write_bytes((workspace / "data" / "2025" / "wawancara.csv").read_bytes())
    main(["intake", "--from", "kotak", "--out", "data/2025", "--lang", "en"])
    printed = capsys.readouterr()
    assert "points into" not in printed.err and "Traceback" not in printed.err, printed.err
    assert "Merged tables written to data/2025." in printed.out
    assert (workspace / "data" / "2025" / "asal_baris.csv").is_file()


def test_a_failed_write_is_a_message(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, data: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(engine, "write_atomic", disk_full)
    _refused(
        ["score", "--out", "skor.csv"],
        capsys,
        workspace,
        "Cannot write skor.csv: the disk is full. Make room there",
    )


def test_a_report_folder_that_cannot_be_written_is_a_message(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(workspace / "laporan" / "2025" / "x.html"))

    monkeypatch.setattr(pipeline, "run_reports", denied)
    typed = f"Cannot write {Path('laporan', '2025', 'x.html')}: "  # as --out was typed (it was the resolved path)
    message = _refused(["run", "--province", "61", "--out", "laporan"], capsys, workspace, typed)
    assert "permission denied" in message


@pytest.mark.parametrize("ran", [True, False], ids=["notebook ran", "failed before it"])
def test_failed_reports_point_at_failed_notebooks_only_when_there_are(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ran: bool
) -> None:
    failed_notebook = workspace / "laporan" / "2025" / "61-kalbar.failed.ipynb" if ran else None
    failed = JobResult("61-kalbar", False, 1.0, 1, "TypeError: x", failed_notebook=failed_notebook)
    monkeypatch.setattr(pipeline, "run_reports", lambda *args, **kwargs: RunOutcome([failed], None))
    assert main(["run", "--province", "61", "--out", "laporan", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert ("See *.failed.ipynb" in err) is ran and ("with no notebook to show" in err) is not ran, err


@pytest.mark.parametrize(("lang", "other", "page"), [("en", "id", "61-kalbar.html"), ("id", "en", "61-kalbar.en.html")])
def test_a_run_names_the_other_languages_reports_that_do_not_link_its_own(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    other: str,
    page: str,
) -> None:
    """A report links its page in the other language only when that page is there as it is drawn: the reports of the
    first language's run never link the second's. The second run names them, and the command that links them: the
    same run in the other language (it was `paritrana run --lang id --out laporan`, refused for want of --province)."""
    own = "61-kalbar.en.html" if lang == "en" else "61-kalbar.html"
    done = JobResult("61-kalbar", True, 1.0, 1, html_path=workspace / "laporan" / "2025" / own)
    monkeypatch.setattr(pipeline, "run_reports", lambda *args, **kwargs: RunOutcome([done], None))
    (workspace / "laporan" / "2025").mkdir(parents=True)
    (workspace / "laporan" / "2025" / page).write_text("<html></html>", encoding="utf-8")
    assert main(["run", "--province", "61", "--out", "laporan", "--lang", lang]) == 0
    command = f"paritrana run --season 2025 --province 61 --lang {other} --out laporan"
    said = t("cli.run_reports_unlinked", lang, reports=page, count=1, command=command)
    assert said in capsys.readouterr().out
    assert cli.build_parser(lang).parse_args(command.split()[1:]).province == "61"
    linked = f'<a href="{own}" hreflang="{lang}" lang="{lang}">x</a>'
    (workspace / "laporan" / "2025" / page).write_text(linked, encoding="utf-8")
    assert main(["run", "--province", "61", "--out", "laporan", "--lang", lang]) == 0
    assert said not in capsys.readouterr().out  # it links this run's page: nothing to say


def test_generate_refuses_a_season_folder_without_force(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = _refused(
        ["generate", "--out", "data/2025"], capsys, workspace, "Folder data/2025 already holds 7 entries"
    )
    assert "add --force" in message
    assert main(["generate", "--out", "data/2025", "--force"]) == 0
    assert (workspace / "data" / "2025" / "SOURCES.md").read_text(encoding="utf-8") == "# sources\n"
    assert "ilustratif: true" in (workspace / "data" / "2025" / "musim.yaml").read_text(encoding="utf-8")
    (workspace / "kosong" / "2025").mkdir(parents=True)
    assert main(["generate", "--out", "kosong/2025"]) == 0  # an empty folder is fine


@pytest.mark.parametrize(
    "args, example",
    [
        (["--out", "data", "--force"], "data/2025"),
        (["--out", "data/2025/..", "--force"], "data/2025/../2025"),
        (["--out", "params", "--force"], "params/2025"),
        (["--out", "data", "--season", "2026"], "data/2026"),  # without --force, not told to add it
        (["--out", "musim", "--force"], "musim/2025"),  # another folder of seasons than the default
        (["--season", "2024", "--previous-of", "data/2025", "--out", "musim", "--force"], "musim/2024"),
    ],
)
def test_generate_refuses_the_folder_holding_every_season(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], example: str
) -> None:
    """`generate --out data --force` wrote a season's tables and musim.yaml beside data/2024 and data/2025 (replacing
    neither), and without --force was told to add it; a command for a season not there then said data is a season
    folder itself."""
    (workspace / "musim" / "2024").mkdir(parents=True)
    out = args[args.index("--out") + 1]
    message = _refused(["generate", *args], capsys, workspace, f"--out {out} is a folder that holds season folders")
    assert f"e.g. {Path(example)}." in message and "add --force" not in message, message


@pytest.mark.parametrize(
    "args, needle, example",
    [
        (
            ["--out", "build"],
            "--out build is not named 2025: every command reads season 2025 from the folder",
            "build/2025",
        ),
        (["--out", "build/2024"], "--out build/2024 is named as season 2024, while season 2025 is", "build/2025"),
        (["--season", "2026", "--out", "build/2025"], "named as season 2025, while season 2026 is", "build/2026"),
        (["--season", "2024", "--previous-of", "data/2025", "--out", "lama"], "--out lama is not named", "lama/2024"),
    ],
)
def test_generate_refuses_an_out_not_named_as_the_season(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], needle: str, example: str
) -> None:
    """`generate --out build` wrote season 2025 into build/, a folder no command reads it from: `validate --data-dir
    build` said build is a season folder itself and to give `--data-dir .`, which found no 2025 there. `generate
    --out build/2024` wrote season 2025 where season 2024 is read. Intake refuses both; so does generate now."""
    message = _refused(["generate", *args], capsys, workspace, needle)
    assert f"e.g. --out {Path(example)}" in message, message


def test_generate_season_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "catatan.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FolderNotEmpty) as caught:
        generate_season(tmp_path)
    assert caught.value.names == ["catatan.txt"]
    assert "catatan.txt" in caught.value.message("id") and "--force" in caught.value.message("id")


def test_a_path_beginning_with_a_tilde_is_in_the_home_folder(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out "~/hasil/skor.csv"` (in quotes, or from a script: no shell expanded it) wrote a folder named `~` into the
    current folder, and said the file was written to ~/hasil/skor.csv, where it was not. `~` is the home folder, as a
    shell reads it, in every option that takes a path."""
    home = workspace / "rumah"
    shutil.copytree(workspace / "data", home / "data")
    monkeypatch.setenv("HOME", str(home))
    assert main(["score", "--data-dir", "~/data", "--out", "~/hasil/skor.csv", "--lang", "en"]) == 0
    assert (home / "hasil" / "skor.csv").is_file() and not (workspace / "~").exists()
    assert f"written to {home / 'hasil' / 'skor.csv'}." in capsys.readouterr().out


def test_a_good_out_still_works(workspace: Path) -> None:
    assert main(["score", "--out", "hasil/skor.csv"]) == 0
    assert (workspace / "hasil" / "skor.csv").is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_an_out_that_is_a_pipe_or_device_is_refused_never_replaced(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(workspace / "pipe")  # as /dev/null: a rename over it would replace it for everyone
    _refused(["score", "--out", "pipe"], capsys, workspace, "pipe is a device, a pipe or a socket, not a file")
    assert (workspace / "pipe").is_fifo()
    with pytest.raises(FileExistsError):
        engine.write_atomic(workspace / "pipe", b"x")
    assert (workspace / "pipe").is_fifo()


@pytest.mark.parametrize("command", [["score"], ["awards"], ["status", "--from", "inbox"]])
def test_an_out_that_is_a_link_is_refused_never_replaced(
    workspace: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """A link (`/dev/stdout` with the output redirected to a file is one) would be replaced by the renamed file:
    refused, the link and the file it points to left as they are, a dangling link too."""
    (workspace / "inbox").mkdir()
    (workspace / "mine.csv").write_text("keep\n", encoding="utf-8")
    (workspace / "link.csv").symlink_to(workspace / "mine.csv")
    (workspace / "dangling.csv").symlink_to(workspace / "gone.csv")
    for link in ("link.csv", "dangling.csv"):
        out = link if command[0] != "status" else link.replace(".csv", ".html")
        if command[0] == "status":
            (workspace / out).symlink_to(workspace / "mine.csv")
        err = _refused([*command, "--out", out], capsys, workspace, f"{out} is a link to ")
        assert "Give the name of the file itself" in err
        assert (workspace / out).is_symlink()
    assert (workspace / "mine.csv").read_text(encoding="utf-8") == "keep\n"


def test_a_name_too_long_or_a_link_loop_is_a_message(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _refused(["score", "--out", "b" * 300 + ".csv"], capsys, workspace, "a name in the path is too long")
    (workspace / "loop").symlink_to("loop")
    _refused(["score", "--out", "loop/x.csv"], capsys, workspace, "Cannot write loop/x.csv")
    code = main(["validate", "--data-dir", "d" * 300, "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "a name in the path is too long" in err


def test_a_folder_in_the_way_of_a_file_is_named_not_the_temporary_file(workspace: Path) -> None:
    (workspace / "out" / "x.csv").mkdir(parents=True)
    with pytest.raises(IsADirectoryError) as caught:
        engine.write_atomic(workspace / "out" / "x.csv", b"x")
    assert caught.value.filename == str(workspace / "out" / "x.csv")
    assert [p.name for p in (workspace / "out").iterdir()] == ["x.csv"]  # no temporary file left


@pytest.mark.parametrize("option", [["--uncertainty", "100001"], ["--uncertainty", "9" * 30]])
def test_draws_beyond_the_limit_are_a_usage_error(
    workspace: Path, capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["score", "--out", "x.csv", *option, "--lang", "en"])
    assert stopped.value.code == 2
    assert "from 0 to 100000" in capsys.readouterr().err


def test_status_refuses_a_csv_beside_its_page_that_is_an_input(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "meth.csv").write_bytes((workspace / "own.yaml").read_bytes())
    args = ["status", "--methodology", "meth.csv", "--out", "meth.html"]
    _refused(args, capsys, workspace, "meth.csv")


@pytest.mark.parametrize(
    ("out", "beside", "made", "what"),
    [
        (
            "u.html",
            "u.csv",
            "input",
            "the tracker CSV that status writes beside --out u.html under the same name, points into data/2025",
        ),
        (
            "u.html",
            "u.csv",
            "link",
            "the tracker CSV that status writes beside --out u.html under the same name, is a link to mine.csv",
        ),
        (
            "u.html",
            "u.csv",
            "folder",
            "the tracker CSV that status writes beside --out u.html under the same name, is a folder",
        ),
        (
            "u.html",
            "u.csv",
            "pipe",
            "the tracker CSV that status writes beside --out u.html under the same name, is a device",
        ),
        (
            "u.csv",
            "u.html",
            "input",
            "the tracker page that status writes beside --out u.csv under the same name, points into data/2025",
        ),
    ],
)
def test_status_names_the_file_it_writes_beside_its_out_when_that_one_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], out: str, beside: str, made: str, what: str
) -> None:
    """--out u.html writes u.csv beside it (and --out u.csv u.html): the one refused is named, and said to be the
    file status writes beside --out, not --out itself (which is none of these)."""
    (workspace / "inbox").mkdir()
    (workspace / "mine.csv").write_text("keep\n", encoding="utf-8")
    if made == "input":
        (workspace / beside).symlink_to(workspace / "data" / "2025" / "pemda.csv")
    elif made == "link":
        (workspace / beside).symlink_to("mine.csv")
    elif made == "folder":
        (workspace / beside).mkdir()
    else:
        os.mkfifo(workspace / beside)
    err = _refused(["status", "--from", "inbox", "--out", out], capsys, workspace, f"{beside}, {what}")
    assert f"--out {out} points" not in err and f"--out {out} is" not in err, err
    assert "Give --out another name or folder" in err, err
    code = main(["status", "--from", "inbox", "--out", out, "--lang", "id"])
    said = capsys.readouterr().err
    assert code == 1 and f"{beside}, " in said and f"yang ditulis status di sebelah --out {out}" in said, said


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("not json", "NotJSONError"),
        ("{}", "ValidationError"),  # read as a notebook of format 1, which has no cells
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code"}]}', "ValidationError"),
    ],
)
def test_run_refuses_a_notebook_jupyter_cannot_read_before_any_work(
    workspace: Path, capsys: pytest.CaptureFixture[str], text: str, detail: str
) -> None:
    """Before, the refusal came from the kernel's side, in the reader's English, seconds after the season was read."""
    (workspace / "mine.ipynb").write_text(text, encoding="utf-8")
    err = _refused(
        ["run", "--province", "kalbar", "--notebook", "mine.ipynb", "--out", "reports"],
        capsys,
        workspace,
        "mine.ipynb is not a notebook Jupyter can read (technical detail: " + detail,
    )
    assert "Give a .ipynb file saved by Jupyter" in err


def test_run_refuses_a_notebook_without_a_parameters_cell_before_any_work(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A customised notebook whose parameters cell lost its `parameters` tag had the run's values put in a cell at
    its top, which the notebook's own values then replaced: every province's report read `provinsi = "kalbar"` and
    `../data`, and failed saying to run papermill from another folder (or, where `../data` was there, was kalbar's
    report under another province's name)."""
    notebook = nbformat.read(PROJECT / "notebooks" / "laporan_provinsi.ipynb", as_version=4)
    for cell in notebook.cells:
        cell.metadata["tags"] = [tag for tag in cell.metadata.get("tags", []) if tag != "parameters"]
    nbformat.write(notebook, workspace / "mine.ipynb")
    err = _refused(
        ["run", "--province", "kalbar", "--notebook", "mine.ipynb", "--out", "reports"],
        capsys,
        workspace,
        "mine.ipynb has no cell tagged parameters",
    )
    assert "notebooks/laporan_provinsi.ipynb" in err, err


def test_run_refuses_a_notebook_whose_parameters_cell_lacks_a_parameter_before_any_work(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A customised notebook whose parameters cell no longer set `seed` ran: papermill printed its own English
    "Passed unknown parameter: seed" and every report was drawn with the run's seed unused."""
    notebook = nbformat.read(PROJECT / "notebooks" / "laporan_provinsi.ipynb", as_version=4)
    for cell in notebook.cells:
        if "parameters" in cell.metadata.get("tags", []):
            cell.source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("seed"))
    nbformat.write(notebook, workspace / "mine.ipynb")
    err = _refused(
        ["run", "--province", "kalbar", "--notebook", "mine.ipynb", "--out", "reports"],
        capsys,
        workspace,
        "mine.ipynb does not set the parameter seed in its cell tagged parameters, but every report run gives it that "
        "parameter, so the run's value would go unused. Add a line setting seed to that cell (name = value, as in "
        "notebooks/laporan_provinsi.ipynb), or leave out --notebook to use the workbook's own notebook. Nothing was "
        "run.",
    )
    assert "Passed unknown parameter" not in err, err
    assert main(["run", "--province", "kalbar", "--notebook", "mine.ipynb", "--out", "reports"]) == 1
    said = capsys.readouterr().err
    assert "mine.ipynb tidak mengisi parameter seed di sel bertag parameters" in said, said


def test_run_checks_a_notebooks_parameters_once_and_warns_of_last_season_after_it(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line checked a --notebook's parameters cell, and run_reports checked it again: the command now
    relies on run_reports' check, and the warning of a previous season without its methodology still follows it."""
    (workspace / "data" / "2024").mkdir()  # last season's data without its methodology: warned of
    shutil.copy(PROJECT / "notebooks" / "laporan_provinsi.ipynb", workspace / "mine.ipynb")
    checks: list[Path] = []
    check = pipeline.check_notebook_parameters

    def counted(path: Path, lang: str) -> None:
        checks.append(path)
        check(path, lang)

    def read(*args: object, **kwargs: object) -> None:
        print("season read", file=sys.stderr)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "check_notebook_parameters", counted)
    monkeypatch.setattr(pipeline, "prepare_season", read)
    code = main(["run", "--province", "kalbar", "--notebook", "mine.ipynb", "--out", "reports", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 130 and checks == [Path("mine.ipynb")], (checks, err)
    warning = t("cli.previous_without_methodology", "en", musim=2024, file=Path("params") / "2024" / "metodologi.yaml")
    assert 0 <= err.index(warning) < err.index("season read"), err


@pytest.mark.parametrize(
    "command, given, kind, renamed",
    [
        (["score"], "skor.xlsx", "CSV", "skor.csv"),
        (["gaps"], "hasil/Gaps.XLS", "CSV", "hasil/Gaps.csv"),
        (["compare", "--against", "2024"], "banding.ods", "CSV", "banding.csv"),
        (["status"], "status.xlsm", "HTML", "status.html"),
    ],
)
def test_a_file_out_named_as_a_workbook_is_refused(
    command: list[str], given: str, kind: str, renamed: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`score --out skor.xlsx` wrote a CSV under a workbook's name, which Excel then refuses to open: refused by
    argparse (exit 2) in the chosen language, offered the name of what the command writes; nothing written."""
    before = _fingerprint(workspace)
    for lang, words in (("en", f"writes {kind} (not a spreadsheet workbook)"), ("id", f"menulis {kind} (bukan buku")):
        with pytest.raises(SystemExit) as stopped:
            main([*command, "--out", given, "--lang", lang])
        err = capsys.readouterr().err
        assert stopped.value.code == 2 and words in err and f"'{Path(renamed)}'" in err, err
        assert "Traceback" not in err
    assert _fingerprint(workspace) == before


@pytest.mark.parametrize(
    "command, given, kind, suffix, renamed",
    [
        (["score"], "skor.csv.html", "CSV", ".html", "skor.csv"),
        (["gaps"], "hasil/gaps.json", "CSV", ".json", "hasil/gaps.csv"),
        (["jury"], "juri.TXT", "CSV", ".TXT", "juri.csv"),
        (["awards"], "penghargaan.tsv", "CSV", ".tsv", "penghargaan.csv"),
        (["compare", "--against", "2024"], "banding.csv.gz", "CSV", ".gz", "banding.csv"),
        (["status"], "status.html.txt", "HTML", ".txt", "status.html"),
    ],
)
def test_a_file_out_named_as_another_kind_of_file_is_refused(
    command: list[str],
    given: str,
    kind: str,
    suffix: str,
    renamed: str,
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`score --out skor.csv.html` wrote the CSV into a file a browser opens as a page (running a script a name in it
    holds), `gaps --out gaps.json` one no JSON reader reads: refused before any work (exit 2, a usage error as a
    workbook's name is) in the chosen language, the name of what the command writes offered; nothing written."""
    before = _fingerprint(workspace)
    for lang in ("en", "id"):
        code = main([*command, "--out", given, "--lang", lang])
        printed = capsys.readouterr()
        fields = {"value": Path(given), "kind": kind, "suffix": suffix, "renamed": Path(renamed)}
        assert code == 2 and t("cli.out_other_kind", lang, **fields) in printed.err, printed.err
        assert printed.out == "" and "Traceback" not in printed.err
    assert _fingerprint(workspace) == before


@pytest.mark.parametrize(
    "command, given",
    [
        (["score"], "skor.2025"),
        (["score"], "skor.v2"),
        (["score"], "SKOR.CSV"),
        (["jury"], "juri"),
        (["status"], "s.htm"),
    ],
)
def test_a_file_out_without_another_kinds_suffix_is_taken(command: list[str], given: str) -> None:
    """A suffix holding a digit (a year, a version), or none at all, names no other kind of file."""
    args = cli.build_parser("en").parse_args([*command, "--out", given])
    assert cli._refuse_other_kind(args) is None and args.out == Path(given)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
@pytest.mark.parametrize("command", [["run", "--province", "61"], ["rapor"], ["generate"]])
def test_a_report_folder_that_is_a_device_or_a_pipe_is_said_to_be_one(
    workspace: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """--out /dev/null was said to be "a file, not a folder": it is named as what it is."""
    os.mkfifo(workspace / "pipa")
    for out in (os.devnull, "pipa"):
        _refused(
            [*command, "--out", out], capsys, workspace, f"--out {out} is a device, a pipe or a socket, not a folder"
        )


def test_the_files_an_earlier_run_left_are_named_as_one_series(monkeypatch: pytest.MonkeyPatch) -> None:
    """Indonesian read "a.html, b.html dan 2 lainnya": a series of three or more takes a comma before "dan" (PUEBI);
    English keeps "a.html, b.html and 2 more", and two files are "a.html dan b.html"."""
    monkeypatch.setattr(cli, "LEFT_OVER_SHOWN", 2)
    folder = Path("hasil/2025")
    names = ["a.html", "b.html", "c.html", "d.html"]
    said = cli._left_over("cli.reports_left_over", names, folder, "id")
    assert "dari proses sebelumnya: a.html, b.html, dan 2 lainnya. Daftar" in said, said
    said = cli._left_over("cli.reports_left_over", names, folder, "en")
    assert "from an earlier run: a.html, b.html and 2 more. The season" in said, said
    said = cli._left_over("cli.cards_left_over", names[:2], folder, "id")
    assert "masih ada di hasil/2025: a.html dan b.html. Tidak" in said, said
