"""Every command's exit codes (0 done, 1 invalid data or methodology, 2 wrong use) and its streams: results on
standard output, errors and warnings on standard error (`validate`'s report is its result)."""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import IO

import pandas as pd
import pytest

from conftest import small_season_tables, write_season
from paritrana_nb import cli
from paritrana_nb.cli import build_parser, main
from paritrana_nb.messages import LANGS, catalogue, t
from paritrana_nb.rapor.data import close_ids, missing_participant
from scoring_fixtures import PROJECT

SEASON_COMMANDS = {
    "validate": ["validate"],
    "score": ["score", "--out", "hasil/skor.csv"],
    "gaps": ["gaps", "--out", "hasil/gaps.csv"],
    "jury": ["jury", "--out", "hasil/juri.csv"],
    "awards": ["awards", "--out", "hasil/penghargaan.csv"],
    "compare": ["compare", "--against", "2024", "--out", "hasil/banding.csv"],
    "run": ["run", "--all", "--out", "laporan"],
    "rapor": ["rapor", "--out", "kartu", "--draws", "20", "--jobs", "1"],
    "explore": ["explore"],
}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small season in data/2025 and the default methodology in params/2025, as the current folder; no
    notebook is rendered and no server started (they answer 0 at once)."""
    write_season(tmp_path / "data", small_season_tables())
    (tmp_path / "params" / "2025").mkdir(parents=True)
    methodology = (PROJECT / "params" / "2025" / "metodologi.yaml").read_bytes()
    (tmp_path / "params" / "2025" / "metodologi.yaml").write_bytes(methodology)
    monkeypatch.setattr(
        "paritrana_nb.explorer_server.serve",  # the real one prints its URL, then serves
        lambda *_args, **_kwargs: print("http://127.0.0.1:8866/?token=x") or 0,
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([*args, "--lang", "en"])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    return code, printed.out, printed.err


@pytest.mark.parametrize("command", ["validate", "score", "gaps", "jury", "awards", "rapor", "explore"])
def test_done_is_0_with_results_on_stdout_only(
    command: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(SEASON_COMMANDS[command], capsys)
    assert (code, err) == (0, ""), err
    assert out.strip()


def test_generate_is_0_with_the_counts_on_stdout_only(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--out", "baru/2025", "--scale", "kalimantan"]) == 0
    generated = capsys.readouterr()
    assert "wilayah: 61" in generated.out and generated.err == ""
    said = f"Musim ilustratif 2025 ditulis ke {Path('baru/2025')}:\n  wilayah: 61 baris\n"
    assert generated.out.startswith(said), generated.out


@pytest.mark.parametrize("command", list(SEASON_COMMANDS))
def test_invalid_data_is_1_with_the_problems_on_stderr(
    command: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pemda = workspace / "data" / "2025" / "pemda.csv"
    pemda.write_text(
        pemda.read_text(encoding="utf-8").replace("61.04,2024,192000,", "61.04,2024,banyak,"), encoding="utf-8"
    )
    code, out, err = _run(SEASON_COMMANDS[command], capsys)
    assert code == 1
    report, other = (out, err) if command == "validate" else (err, out)
    assert "pemda.csv" in report and "banyak" in report and "can NOT be scored" in report, report
    assert "banyak" not in other
    assert not (workspace / "hasil").exists() and not (workspace / "laporan").exists()


@pytest.mark.parametrize("command", list(SEASON_COMMANDS))
def test_invalid_methodology_is_1_with_its_messages_on_stderr(
    command: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "salah.yaml").write_text("musim: 2025\nkategori: {}\n", encoding="utf-8")
    code, out, err = _run([*SEASON_COMMANDS[command], "--methodology", "salah.yaml"], capsys)
    assert code == 1
    report, other = (out, err) if command == "validate" else (err, out)
    assert "Methodology salah.yaml cannot be used" in report, report
    assert str(workspace) not in report, report  # the file as typed, as every command names it (run: its full path)
    assert "salah.yaml" not in other


@pytest.mark.parametrize("command", list(SEASON_COMMANDS))
def test_a_season_folder_not_there_is_named_as_typed(
    command: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana run` named the folder by its full path, every other command as it was typed."""
    code, out, err = _run([*SEASON_COMMANDS[command], "--data-dir", "hilang"], capsys)
    report = out if command == "validate" else err
    assert code == 1 and "Season folder not found: hilang/2025. The folder hilang is not there either" in report, report
    assert str(workspace / "hilang") not in report, report


INTAKE_COMMANDS = {
    "intake": ["intake", "--from", "data/2025", "--out", "hasil/2025"],  # the season's own files as returned
    "status": ["status", "--out", "hasil/status.html"],
}


@pytest.mark.parametrize("command", [*SEASON_COMMANDS, *INTAKE_COMMANDS])
@pytest.mark.parametrize(("lang", "advice"), [("en", "give one of them with"), ("id", "pilih salah satunya dengan")])
def test_a_season_without_its_methodology_is_offered_only_its_commands_options(
    command: str, lang: str, advice: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """params holds only another season's methodology: every command was told to give one with "--season (or
    --against)", an option only `compare` has (for the season it compares with)."""
    (workspace / "params" / "2025").rename(workspace / "params" / "2024")
    code = main([*SEASON_COMMANDS.get(command, INTAKE_COMMANDS.get(command, [])), "--lang", lang])
    printed = capsys.readouterr()
    said = " ".join((printed.out + printed.err).split())
    assert code == 1 and "Traceback" not in said
    holds = "holds the methodologies of the seasons" if lang == "en" else "berisi metodologi musim"
    assert f"params {holds} 2024" in said, said
    assert f"{advice} --season," in said, said
    assert "--against" not in said


@pytest.mark.parametrize(("lang", "advice"), [("en", "give one of them with"), ("id", "pilih salah satunya dengan")])
def test_compare_offers_against_for_the_season_it_compares_with(
    lang: str, advice: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The methodology of the --against season is missing (params holds this season's only): --against chooses it."""
    code = main([*SEASON_COMMANDS["compare"], "--lang", lang])
    said = " ".join(capsys.readouterr().err.split())
    assert code == 1 and "params/2024/metodologi.yaml" in said, said
    assert f"{advice} --against," in said and "--season" not in said, said


@pytest.mark.parametrize(("lang", "advice"), [("en", "give one of them with"), ("id", "pilih salah satunya dengan")])
def test_compare_offers_against_for_the_season_folder_it_compares_with(
    lang: str, advice: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The --against season's methodology is there, its data folder is not: --against chooses it, as --season chooses
    the season of every other command (tests/unit/test_validate.py)."""
    methodology = (workspace / "params" / "2025" / "metodologi.yaml").read_text(encoding="utf-8")
    (workspace / "params" / "2024").mkdir()
    (workspace / "params" / "2024" / "metodologi.yaml").write_text(
        methodology.replace("musim: 2025", "musim: 2024", 1), encoding="utf-8"
    )
    code = main([*SEASON_COMMANDS["compare"], "--lang", lang])
    said = " ".join(capsys.readouterr().err.split())
    assert code == 1 and f"data {'holds the seasons' if lang == 'en' else 'berisi musim'} 2025" in said, said
    assert f"{advice} --against," in said and "--season" not in said, said


@pytest.mark.parametrize(
    "args, message",
    [
        (["score", "--out", "s.csv", "--province", "atlantis"], "Province 'atlantis' is not known"),
        (["gaps", "--out", "g.csv", "--province", "jabar"], "Province 32 is not in the season 2025 data"),
        (["jury", "--out", "j.csv", "--province", "atlantis"], "Province 'atlantis' is not known"),
        (["awards", "--out", "a.csv", "--province", "atlantis"], "Province 'atlantis' is not known"),
        (["run", "--province", "atlantis", "--out", "laporan"], "Province 'atlantis' is not known"),
        (["score", "--out", "s.csv", "--category", "koperasi"], "koperasi"),
        (["gaps", "--out", "g.csv", "--category", "koperasi"], "koperasi"),
    ],
)
def test_wrong_use_is_2_with_the_message_on_stderr(
    args: list[str], message: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(args, capsys)
    assert (code, out) == (2, "")
    assert message in err, err
    assert not [p for p in workspace.iterdir() if p.name not in ("data", "params")]


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--lang", "xx"],
        ["generate", "--out", "baru", "--scale", "bulan"],
        ["score"],
        ["gaps"],
        ["jury"],
        ["awards"],
        ["run"],
        ["explore", "--port", "delapan"],
        ["hitung"],
    ],
)
def test_argparse_usage_errors_are_2_on_stderr(
    args: list[str], workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    printed = capsys.readouterr()
    assert stopped.value.code == 2
    assert printed.out == "" and "cara pakai: paritrana" in printed.err and "galat:" in printed.err  # Indonesian


@pytest.mark.parametrize(
    "args",
    [
        ["score", "--province", "kalbar", "--province", "kalteng", "--out", "s.csv"],
        ["score", "--out", "a.csv", "--out", "b.csv"],
        ["validate", "--season", "2024", "--season", "2025"],
        ["rapor", "--id", "61.04", "--id", "61.05"],
        ["intake", "--from", "kotak", "--from", "lain", "--out", "hasil"],
    ],
)
def test_an_option_of_one_value_given_twice_is_refused_not_the_last_kept(
    args: list[str], workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--province kalbar --province kalteng` scored Kalimantan Tengah alone, without a word of Kalimantan Barat."""
    with pytest.raises(SystemExit) as stopped:
        main([*args, "--lang", "en"])
    flag = next(a for a in args if a.startswith("--") and args.count(a) == 2)
    assert stopped.value.code == 2
    assert f"{flag} is given more than once" in capsys.readouterr().err
    assert not (workspace / "s.csv").exists() and not (workspace / "hasil").exists()


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("command", list(SEASON_COMMANDS))
def test_cache_dir_with_no_cache_is_refused_not_one_of_them_ignored(
    command: str, lang: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--cache-dir DIR --no-cache` was accepted without a word: --no-cache writes no cache, so DIR went unused."""
    for options in (["--cache-dir", "simpanan", "--no-cache"], ["--no-cache", "--cache-dir", "simpanan"]):
        with pytest.raises(SystemExit) as stopped:
            main([*SEASON_COMMANDS[command], *options, "--lang", lang])
        printed = capsys.readouterr()
        assert stopped.value.code == 2 and printed.out == ""
        together = {"id": "tidak dapat diberikan bersama", "en": "cannot be given together with"}[lang]
        assert together in printed.err and "--cache-dir" in printed.err and "--no-cache" in printed.err, printed.err
    assert sorted(p.name for p in workspace.iterdir()) == ["data", "params"]  # nothing read, nothing written


def test_the_language_may_be_given_to_the_command_and_to_its_sub_command(workspace: Path) -> None:
    assert main(["--lang", "en", "validate", "--lang", "en"]) == 0


@pytest.mark.parametrize(
    ("args", "refusal"),
    [
        (["run", "--all", "--jobs", "0"], "argument --jobs: must be a whole number from 1 to 64, not '0'."),
        (["run", "--all", "--timeout", "0"], "argument --timeout: must be a whole number from 1 to 86400, not '0'."),
        (
            ["run", "--all", "--timeout", "1000000000000"],
            "argument --timeout: must be a whole number from 1 to 86400, not '1000000000000'.",
        ),
        (["run", "--all", "--draws", "0"], "argument --draws: must be a whole number from 1 to 100000, not '0'."),
        (["run", "--all", "--jobs", "dua"], "argument --jobs: must be a whole number from 1 to 64, not 'dua'."),
        (["run", "--all", "--seed", "-1"], "argument --seed: must be a whole number from 0 to 4294967295, not '-1'."),
        (
            ["run", "--all", "--seed", "4294967296"],
            "argument --seed: must be a whole number from 0 to 4294967295, not '4294967296'.",
        ),
        (["score", "--out", "s.csv", "--seed", "4294967296"], "argument --seed: must be a whole number from 0 to"),
        (["rapor", "--seed", "4294967296"], "argument --seed: must be a whole number from 0 to 4294967295"),
        (
            ["validate", "--max-per-kind", "-1"],
            "argument --max-per-kind: must be a whole number from 1 to 1000000, not '-1'.",
        ),
        (
            ["validate", "--max-per-kind", "1000001"],
            "argument --max-per-kind: must be a whole number from 1 to 1000000, not '1000001'.",
        ),
        # int() refuses more than 4,300 digits in its own words ("invalid parse value", the whole value echoed)
        (
            ["validate", "--max-per-kind", "9" * 5000],
            f"argument --max-per-kind: must be a whole number from 1 to 1000000, not '{'9' * 40}…'.",
        ),
        # Python's int() reads other digits and `_`: a number written so was taken without a word
        (["run", "--all", "--jobs", "\uff12"], "argument --jobs: must be a whole number from 1 to 64, not '\uff12'."),
        (["score", "--out", "s.csv", "--uncertainty", "-1"], "argument --uncertainty: must be a whole number from 0"),
        (
            ["generate", "--out", "baru", "--seed", "-1"],
            "argument --seed: must be a whole number from 0 to 4294967295, not '-1'.",
        ),
        (["explore", "--max-kernels", "0"], "argument --max-kernels: must be a whole number from 1 to 64, not '0'."),
        (
            ["explore", "--max-kernels", "1000000000000"],
            "argument --max-kernels: must be a whole number from 1 to 64, not '1000000000000'.",
        ),
        (
            ["explore", "--idle-timeout", "0"],
            "argument --idle-timeout: must be a whole number from 1 to 86400, not '0'.",
        ),
        (
            ["explore", "--idle-timeout", "1000000000000"],
            "argument --idle-timeout: must be a whole number from 1 to 86400, not '1000000000000'.",
        ),
        (["explore", "--port", "70000"], "argument --port: must be a whole number from 1 to 65535, not '70000'."),
        (
            ["intake", "--from", "kotak", "--out", "hasil", "--max-per-kind", "0"],
            "argument --max-per-kind: must be a whole number from 1 to 1000000, not '0'.",
        ),
        (
            ["intake", "--from", "kotak", "--out", "hasil", "--max-per-kind", "1000001"],
            "argument --max-per-kind: must be a whole number from 1 to 1000000, not '1000001'.",
        ),
    ],
)
def test_a_number_out_of_range_is_refused_by_argparse_in_the_chosen_language(
    args: list[str], refusal: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    indonesian = refusal.split(": ")[0].replace("argument", "argumen") + ": harus bilangan bulat"
    for lang, usage, expected in (("en", "usage: paritrana", refusal), ("id", "cara pakai: paritrana", indonesian)):
        with pytest.raises(SystemExit) as stopped:
            main([*args, "--lang", lang])
        printed = capsys.readouterr()
        assert stopped.value.code == 2
        assert printed.out == "" and usage in printed.err and expected in printed.err, printed.err
    assert not [p for p in workspace.iterdir() if p.name not in ("data", "params")]


_YEAR_COMMANDS = [*SEASON_COMMANDS, *INTAKE_COMMANDS, "template", "generate", "compare --against"]


@pytest.mark.parametrize(
    ("command", "value", "example"),
    [
        # a year of two digits: the season's folder data/25 was looked for, and params/25/metodologi.yaml offered
        *[(command, "25", "2025") for command in _YEAR_COMMANDS],
        ("validate", "24", "2024"),
        ("validate", "20255", "2025"),
        ("validate", "0", "2025"),
        ("validate", "0999", "2025"),
        ("validate", "-2025", "2025"),
        ("validate", "9" * 5000, "2025"),  # shown cut
        ("validate", "٢٠٢٥", "2025"),  # Python's int() reads other digits and `_`: taken without a word
        ("validate", "2_025", "2025"),
    ],
)
def test_a_season_that_is_no_year_of_four_digits_is_refused_by_argparse(
    command: str, value: str, example: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana score --season 25` looked for data/25 and params/25/metodologi.yaml, and offered to create them:
    a season is a year of four digits, in every command that takes one (compare's --against too)."""
    option = "--against" if command.endswith("--against") else "--season"
    args = {"template": ["template", "--out", "x"], "generate": ["generate", "--out", "g"]}.get(command)
    args = [*(args or SEASON_COMMANDS.get(command) or INTAKE_COMMANDS.get(command) or SEASON_COMMANDS["compare"])]
    shown = value if len(value) <= 40 else value[:40] + "…"
    for lang in ("en", "id"):
        with pytest.raises(SystemExit) as stopped:
            main([*args, option, value, "--lang", lang])
        printed = capsys.readouterr()
        said = t("cli.usage_option", lang, flag=option, detail=t("cli.season_year", lang, value=shown, example=example))
        assert stopped.value.code == 2 and printed.out == "" and said in printed.err, printed.err
    assert "four digits, such as 2025, not '25'." in t("cli.season_year", "en", value="25", example="2025")
    assert sorted(p.name for p in workspace.iterdir()) == ["data", "params"]  # nothing read, nothing written


@pytest.mark.parametrize(
    "args",
    [
        ["jury", "--cache-dir", "", "--out", "j.csv"],  # wrote the cache into the current folder
        ["status", "--from", "", "--out", "s.html"],  # read the whole current folder as the inbox
        ["intake", "--from", " ", "--out", "x"],
        ["validate", "--data-dir", ""],
        ["score", "--methodology", "", "--out", "s.csv"],
        ["score", "--out", ""],
        ["rapor", "--out", ""],
        ["template", "--out", "", "--province", "kalbar"],
    ],
)
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(
    args: list[str], workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang, expected in (("en", "an empty name: give a folder or a file"), ("id", "nama kosong")):
        with pytest.raises(SystemExit) as stopped:
            main([*args, "--lang", lang])
        printed = capsys.readouterr()
        assert stopped.value.code == 2 and printed.out == "" and expected in printed.err, printed.err
    assert not [p for p in workspace.iterdir() if p.name not in ("data", "params")]


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (["score"], "argumen berikut wajib diberikan: --out", "the following arguments are required: --out"),
        (["score", "--out", "x.csv", "--foo"], "argumen tidak dikenal: --foo", "unknown arguments: --foo"),
        (["generate", "--out", "g", "--scale", "besar"], "'besar' tidak dikenal; pilih dari", "'besar' is not known"),
        (["score", "--out"], "argumen --out membutuhkan satu nilai", "argument --out needs one value"),
        (
            ["run", "--all", "--province", "kalbar"],
            "argumen --province tidak dapat diberikan bersama --all",
            "argument --province cannot be given together with --all",
        ),
        (["run"], "berikan salah satu opsi ini: --province, --all", "give one of these options: --province, --all"),
        (
            ["validate", "2025"],
            "argumen tidak dikenal: 2025. Musim diberikan dengan --season, misalnya --season 2025.",
            "unknown arguments: 2025. The season is given with --season, e.g. --season 2025.",
        ),
        (
            ["validate", "--data-dir", "Data", "Musim"],
            "argumen tidak dikenal: Musim. Nilai yang mengandung spasi, seperti nama folder, ditulis di antara tanda",
            "unknown arguments: Musim. A value that holds spaces, such as a folder name, goes in quotes",
        ),
        (
            ["score", "--out", "x.csv", "--s", "2025"],
            "--s adalah singkatan beberapa opsi: --season, --seed",
            "--s is short for several options: --season, --seed",
        ),
    ],
)
def test_argparse_refusals_speak_the_chosen_language(
    args: list[str], indonesian: str, english: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang, words, error in (("id", indonesian, "galat:"), ("en", english, "error:")):
        with pytest.raises(SystemExit) as stopped:
            main([args[0], "--lang", lang, *args[1:]])
        printed = capsys.readouterr()
        assert stopped.value.code == 2 and words in printed.err and error in printed.err, printed.err


def test_a_value_cut_at_a_space_is_shown_quoted_under_the_command_s_usage(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana score --province Kalimantan Barat` showed the usage of `paritrana` itself and a folder's example,
    `--data-dir "Data Musim"`: it shows `score`'s usage and the value typed, quoted."""
    for lang in ("id", "en"):
        with pytest.raises(SystemExit) as stopped:
            main(["--lang", lang, "score", "--province", "Kalimantan", "Barat", "--out", "x.csv"])
        err = capsys.readouterr().err
        assert stopped.value.code == 2 and '--province "Kalimantan Barat".' in err, err
        assert err.startswith(f"{t('cli.usage_prefix', lang)}paritrana score "), err
        with pytest.raises(SystemExit):
            main(["--lang", lang, "validate", "--data-dir=Data", "Musim"])  # no option before it: a folder's example
        assert '--data-dir "Data Musim".' in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "command", "stray", "missing"),
    [
        (["score", "--lang", "{lang}", "validate"], "score", "validate", True),  # said: --lang "en validate"
        (["validate", "--season", "2025", "score"], "validate", "score", False),  # said: --season "2025 score"
        (["--lang", "{lang}", "score", "validate"], "score", "validate", True),  # said: --data-dir "Data Musim"
        (["--lang", "{lang}", "validate", "--data-dir", "data", "run"], "validate", "run", False),
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_second_command_is_said_to_be_run_on_its_own(
    args: list[str], command: str, stray: str, missing: bool, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana score --lang en validate` offered to quote `--lang "en validate"`, and `paritrana validate score`
    a folder's `--data-dir "Data Musim"`: the stray argument is a command of its own, which is said, with how to run
    the two commands."""
    typed = [arg.format(lang=lang) for arg in args]
    if "--lang" not in typed:
        typed += ["--lang", lang]
    said = t("cli.usage_second_command", lang, names=stray, command=command, stray=stray)
    errors = _usage_error(typed, capsys)
    assert errors[0] == t("cli.usage_error", lang, prog="paritrana", message=said)
    assert len(errors) == (2 if missing else 1), errors
    assert '"' not in said and f"paritrana {command} ..." in said and f"paritrana {stray} ..." in said


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["validate", "--season", "2025", "kalbar"], "kalbar"),  # a season holds no space: no quotes offered
        (["validate", "--lang", "{lang}", "kalbar"], "kalbar"),  # nor does a language
        (["score", "--out", "x.csv", "--uncertainty", "10", "draws"], "draws"),  # nor a number
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_value_cut_at_a_space_is_quoted_only_where_the_option_would_take_it_so(
    args: list[str], names: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana validate --season 2025 kalbar` offered `--season "2025 kalbar"`, which --season refuses: the
    argument is said unknown, with the command's --help."""
    typed = [arg.format(lang=lang) for arg in args]
    if "--lang" not in typed:
        typed += ["--lang", lang]
    said = t("cli.usage_unknown_in", lang, names=names, command=args[0])
    assert _usage_error(typed, capsys) == [t("cli.usage_error", lang, prog="paritrana", message=said)]


_SHOWN = "\x1b[31m\n"
"""What a path given with an escape sequence and a line break holds; a message writes it `\\x1b[31m\\x0a`."""


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "--methodology", "m{c}.yaml"], 1),
        (["validate", "--params-dir", "p{c}"], 1),
        (["validate", "--data-dir", "d{c}"], 1),
        (["validate", "--cache-dir", "data/c{c}/.."], 1),
        (["score", "--out", "o{c}/"], 2),
        (["score", "--out", "o{c}.xlsx"], 2),
        (["score", "--out", "data/2025/o{c}.csv"], 1),
        (["score", "--out", "o{c}.csv"], 0),
        (["rapor", "--out", "data/2025/r{c}"], 1),
        (["generate", "--out", "g", "--previous-of", "p{c}"], 2),
        (["run", "--province", "61", "--notebook", "n{c}.ipynb"], 1),
        (["template", "--out", "t", "--jury", "--jurors", "J1", "--finalists", "f{c}.csv"], 2),
        (["intake", "--from", "i{c}", "--out", "data/2025"], 1),
        (["validate", "x{c}"], 2),
        (["validate", "--data-dir", "d" * 300 + "{c}"], 1),  # a name too long: the system's refusal of the path
        (["score", "--out", "s.csv", "--category", "k{c}"], 2),
        (["score", "--out", "s.csv", "--province", "k{c}"], 2),
        (["run", "--province", "k{c}"], 2),
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_path_or_a_name_given_with_a_control_character_is_quoted_escaped(
    args: list[str], code: int, lang: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path holding a line break split the message in two, and an escape sequence in it reached the terminal
    (`--methodology`, `--out`, `--cache-dir`, ...): each message quotes it as a validation message quotes a file's
    name (problems.shown_file), and speaks the chosen language (argparse's refusal of a value was left in English);
    so is a province or a category typed with one."""
    typed = [arg.format(c=_SHOWN) for arg in args]
    try:
        ended = main([*typed, "--lang", lang])
    except SystemExit as stopped:
        ended = stopped.code
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert ended == code and "Traceback" not in said, said
    assert "\x1b" not in said and "\\x1b[31m\\x0a" in said, said
    if said.startswith(t("cli.usage_prefix", lang)):  # argparse's refusal, in the chosen language
        assert (": error: " if lang == "en" else ": galat: ") in said, said


_COMMANDS = sorted(next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices)


def _usage_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The error lines of a command line argparse refuses (exit code 2), or [] for one it takes (not run)."""
    try:
        build_parser(args[args.index("--lang") + 1]).parse_args(args)
    except SystemExit as stopped:
        assert stopped.code == 2
        printed = capsys.readouterr()
        assert printed.out == "" and "Traceback" not in printed.err
        return [line for line in printed.err.splitlines() if ": error: " in line or ": galat: " in line]
    return []


@pytest.mark.parametrize(
    ("args", "flag", "command"),
    [
        (["--season", "2025", "validate"], "--season", "validate"),  # said: '2025' is not a known command
        (["--no-cache", "validate"], "--no-cache", "validate"),  # said: unknown, though `validate --help` lists it
        (["--data-dir=data", "score", "--out", "x.csv"], "--data-dir", "score"),
        (["--out", "x.csv", "score"], "--out", "score"),  # said only that score lacks --out
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_option_of_the_command_given_before_it_is_said_to_go_after_it(
    args: list[str], flag: str, command: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--lang` may stand before the command; the command's own options may not. `paritrana --season 2025 validate`
    said that '2025' is no command, and `paritrana --no-cache validate` that --no-cache is unknown (read `validate
    --help`, which lists it): each names the option and says it goes after the command."""
    said = t("cli.usage_before_command", lang, flag=flag, command=command)
    assert _usage_error(["--lang", lang, *args], capsys) == [t("cli.usage_error", lang, prog="paritrana", message=said)]
    assert "--season 2025 validate" not in said and f"paritrana {command} {flag} ..." in said


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_stray_number_that_is_no_year_is_not_taken_for_a_season(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana score --uncertainty 1000 500` said the season is given with --season: 500 is no season. A number
    of other than four digits is an unknown argument, with the command's --help."""
    said = t("cli.usage_unknown_in", lang, names="500", command="score")
    errors = _usage_error(["score", "--lang", lang, "--uncertainty", "1000", "500", "--out", "x.csv"], capsys)
    assert errors == [t("cli.usage_error", lang, prog="paritrana", message=said)]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("command", _COMMANDS)
def test_an_unknown_option_is_named_beside_a_missing_one(
    command: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana score --bogus` said only that --out is required: argparse checks what is missing first and stops
    there. Every command names the unknown argument (and its own --help), and still what is missing."""
    missing = _usage_error([command, "--lang", lang], capsys)  # what the command lacks, said alone
    for args, names in (([command, "--bogus", "x"], "--bogus x"), (["--bogus", command], "--bogus")):
        said = t("cli.usage_unknown_in", lang, names=names, command=command)
        unknown = t("cli.usage_error", lang, prog="paritrana", message=said)
        assert _usage_error([*args, "--lang", lang], capsys) == [unknown, *missing]
    if command in ("score", "run", "intake"):  # a command with a required option or one of several
        assert missing


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["score", "--sea", "2025", "--bogus"], "--bogus"),  # an option abbreviated takes its value
        (["score", "--sea=2025", "--bogus=1"], "--bogus=1"),
        (["score", "--province", "-5", "--bogus"], "--bogus"),  # a negative number is a value, not an option
        (["score", "--data-dir", "-a b", "--bogus"], "--bogus"),  # so is a value that holds a space
        (["score", "--no-cache", "2025"], "2025"),  # an option that takes no value leaves the next argument
        (["--bogus", "score", "x"], "--bogus x"),  # the command's, then the sub-command's (`--lang en` before it)
        (["score", "--bogus", "--", "--out", "x.csv"], "--bogus -- --out x.csv"),  # no option after `--`
    ],
)
def test_the_arguments_named_unknown_beside_a_missing_option_are_those_argparse_leaves(
    args: list[str], names: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The unknown arguments said beside a missing --out are found by reading the command line as argparse reads
    it: abbreviations, values that begin with `-`, options without a value, `--`."""
    [unknown, missing] = _usage_error([args[0], "--lang", "en", *args[1:]], capsys)
    key = "cli.usage_unknown_season" if names[0].isdigit() else "cli.usage_unknown_in"
    said = t(key, "en", names=names, command="score")
    assert unknown == t("cli.usage_error", "en", prog="paritrana", message=said)
    assert missing.endswith("the following arguments are required: --out"), missing


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["score", "--bogus", "--out"], "--bogus"),
        (["score", "--out", "--bogus"], "--bogus"),  # an option, not --out's value: argparse reads it so
        (["score", "--out", "-x", "--bogus", "y"], "-x --bogus y"),
        (["score", "--out", "-hx", "--bogus"], "--bogus"),  # -h and its value: argparse refuses the value later
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_unknown_option_is_named_beside_an_option_without_its_value(
    args: list[str], names: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana score --bogus --out` said only that --out needs a value: argparse stops there. The unknown
    option is named too, as it is beside a missing option."""
    said = t("cli.usage_unknown_in", lang, names=names, command="score")
    unknown = t("cli.usage_error", lang, prog="paritrana", message=said)
    no_value = t("cli.usage_one_value", lang, flag="--out")
    assert _usage_error([*args[:1], "--lang", lang, *args[1:]], capsys) == [
        unknown,
        t("cli.usage_error", lang, prog="paritrana score", message=no_value),
    ]


def test_unknown_arguments_follow_a_parser_that_allows_no_abbreviation() -> None:
    """`--sea` begins --season, but a parser that allows no abbreviation does not read it so (nor does argparse)."""
    parser = argparse.ArgumentParser(allow_abbrev=False)
    parser.add_argument("--season")
    assert cli._unknown_arguments(parser, ["--sea", "2025", "--season", "2024"]) == (["--sea", "2025"], None)
    assert parser.parse_known_args(["--sea", "2025", "--season", "2024"])[1] == ["--sea", "2025"]


def test_every_option_takes_one_value_or_none() -> None:
    """What `_unknown_arguments` reads: an option of another kind (`nargs="+"`) would need it to read more."""
    kinds = {action.nargs for each in cli._parsers(build_parser()) for action in each._actions if action.option_strings}
    assert kinds == {None, 0}


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["score", "--bogus", "--out", "x.csv"], "paritrana score --help"),  # refused by the command's parse
        (["score", "--bogus"], "paritrana score --help"),  # said beside the missing --out
        (["rapor", "--draws", "20", "--bogus"], "paritrana rapor --help"),
        (["--bogus"], "paritrana {COMMAND} --help"),  # no command: the generic hint
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_unknown_argument_names_the_help_of_the_command_given(
    args: list[str], hint: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana score --bogus` said `paritrana COMMAND --help` (PERINTAH in Bahasa Indonesia) as it would with no
    command given: it names the command's own --help."""
    [line, *_] = _usage_error([*args, "--lang", lang], capsys)
    assert hint.format(COMMAND=t("help.command", lang)) in line and "--bogus" in line, line


def test_shared_options_are_defined_once_and_offered_alike() -> None:
    [sub] = [action for action in build_parser()._actions if isinstance(action, argparse._SubParsersAction)]
    commands: dict[str, argparse.ArgumentParser] = sub.choices
    help_of: dict[str, set[str | None]] = {}
    jury_only = {("template", "--params-dir"), ("template", "--methodology")}  # its help: with --jury only
    for name, parser in commands.items():
        for action in parser._actions:
            for option in action.option_strings:
                if (name, option) not in jury_only:
                    help_of.setdefault(option, set()).add(action.help)
    for option in ("--season", "--lang", "--data-dir", "--params-dir", "--methodology", "--category"):
        assert len(help_of[option]) == 1, option
    assert {name for name, parser in commands.items() if "--data-dir" in parser._option_string_actions} == {
        *SEASON_COMMANDS,
        "template",
        "intake",
        "status",
    }


@pytest.mark.parametrize("lang", ["id", "en"])
def test_ctrl_c_stops_a_command_with_a_message_and_leaves_the_previous_output_whole(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from paritrana_nb import score_csv

    assert main(["score", "--season", "2025", "--out", "skor.csv", "--no-cache"]) == 0
    before = (workspace / "skor.csv").read_bytes()
    capsys.readouterr()

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(score_csv, "csv_bytes", interrupted)  # Ctrl-C while the CSV is being made
    code = main(["score", "--season", "2025", "--out", "skor.csv", "--no-cache", "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 130 and out == ""
    assert ("Ctrl-C" in err) and ("Traceback" not in err) and (("Dihentikan" in err) == (lang == "id"))
    assert (workspace / "skor.csv").read_bytes() == before


def _console_script() -> list[str]:
    """The `paritrana` console script as pip writes it from pyproject.toml's entry point, as a command line."""
    declared = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module, function = declared["paritrana"].split(":")
    return [sys.executable, "-c", f"import sys\nfrom {module} import {function}\nsys.exit({function}())\n"]


def _ctrl_c_as_in_a_terminal() -> None:
    """In the command's process before it starts: SIGINT as a terminal's foreground command gets it, not ignored as
    this test run may have inherited it (a test suite started as a background job of a shell: the workbook then
    rightly leaves Ctrl-C ignored, and the command ran to its end)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupted(command: list[str], delay: float) -> tuple[int, str, str]:
    """Run `command` (Python's -X importtime added), send it SIGINT `delay` seconds after the interpreter has started
    (Python's own start, its `site` module, lies before any code of the workbook can run); (exit code, standard
    output, standard error without the import times)."""
    started = subprocess.Popen(
        [command[0], "-X", "importtime", *command[1:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        bufsize=0,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
    assert started.stderr is not None
    seen = b""
    while not seen.endswith(b"| site\n"):
        line = started.stderr.readline()
        assert line, seen.decode()
        seen = line
    time.sleep(delay)
    started.send_signal(signal.SIGINT)
    out, err = started.communicate(timeout=120)
    said = [line for line in err.decode().splitlines() if not line.startswith("import time:")]
    return started.returncode, out.decode(), "\n".join(said)


@pytest.mark.slow  # seven commands started and stopped
@pytest.mark.parametrize(
    ("form", "delay", "lang"),
    [
        ("script", 0.1, "id"),
        ("script", 0.2, "id"),
        ("script", 0.3, "en"),
        ("script", 0.45, "id"),
        ("module", 0.1, "en"),
        ("module", 0.2, "id"),
        ("module", 0.45, "id"),
    ],
)
def test_ctrl_c_while_the_command_starts_stops_it_with_its_message(
    workspace: Path, form: str, delay: float, lang: str
) -> None:
    """Ctrl-C at any moment once the workbook's code runs, the half second of imports included (a traceback of the
    import before): the catalogue's message in the command's language, exit code 130, no output file."""
    command = _console_script() if form == "script" else [sys.executable, "-m", "paritrana_nb.cli"]
    code, out, err = _interrupted([*command, "score", "--out", "hasil/skor.csv", "--lang", lang], delay)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert (code, out) == (130, "")
    assert err.strip() == t("cli.interrupted", lang)
    assert not (workspace / "hasil").exists() or not list((workspace / "hasil").iterdir())


_HOLDER = (  # another command's set of files in a folder, held until the process is ended
    "import sys, time\n"
    "from pathlib import Path\n"
    "from paritrana_nb.outputs import FileSet\n"
    "with FileSet(Path(sys.argv[1])):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(600)\n"
)


@pytest.mark.slow  # a season scored in a command of its own, twice
@pytest.mark.parametrize(("command", "lang"), [(["rapor", "--out", "kartu"], "id"), (["run", "--all"], "en")])
def test_a_command_waiting_for_another_ones_folder_says_how_to_stop_and_stops_on_ctrl_c(
    workspace: Path, command: list[str], lang: str
) -> None:
    """Another command holds `<out>/2025` (a `paritrana run` writing its reports for minutes): the one that wants it
    says at once that it waits and that Ctrl-C stops it, keeps waiting, and Ctrl-C ends it with 130 and no traceback,
    nothing of it written."""
    out = Path(command[-1] if command[0] == "rapor" else "reports")  # `rapor` names it as given, `run` resolved
    folder = workspace / out / "2025"
    shown = out / "2025" if command[0] == "rapor" else folder
    folder.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(folder)], stdout=subprocess.PIPE, env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        args = [*command, "--draws", "20", "--jobs", "2", "--lang", lang]
        started = subprocess.Popen(
            [*_console_script(), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=_ctrl_c_as_in_a_terminal,
        )
        assert started.stderr is not None
        notice = started.stderr.readline().decode()  # once the season is scored, what it wants to write waits
        assert notice.strip() == t("cli.folder_busy", lang, folder=shown), notice
        assert "Ctrl-C" in notice
        time.sleep(0.5)
        assert started.poll() is None  # still waiting
        started.send_signal(signal.SIGINT)
        out_text, err = started.communicate(timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert "Traceback" not in err.decode() and "KeyboardInterrupt" not in err.decode(), err
    assert (started.returncode, out_text, err.decode().strip()) == (130, b"", t("cli.interrupted", lang))
    assert [p.name for p in folder.iterdir()] == []  # nothing of the command written


def test_the_console_script_imports_nothing_heavy_before_it_handles_ctrl_c() -> None:
    """The entry point and the package it is in import neither pandas nor typing (a third of a second, 10 ms); the
    package's other modules still find pandas set up as the package sets it (Python-backed text)."""
    module = _console_script()[2].splitlines()[1].split()[1]
    probe = f"""
import sys
import {module}
assert not {{"pandas", "numpy", "pyarrow", "typing"}} & set(sys.modules), sorted(sys.modules)
import pandas as pd
import paritrana_nb.messages
assert pd.get_option("mode.string_storage") == "python"
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, env={"PYTHONPATH": str(PROJECT)}
    )
    assert done.returncode == 0, done.stderr


_ENDED_BY_SCRIPT = """
import atexit, sys
from pathlib import Path
from paritrana_nb.cli import main
atexit.register(lambda: Path("exit-handler-ran").write_text("yes"))
sys.argv = ["paritrana", *sys.argv[1:]]
sys.exit(main())
"""
_BUFFERED = {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, "PYTHONPATH": str(PROJECT)}
"""The environment of a command under test: its output buffered (as by default), so an exit without a flush loses it."""


@pytest.mark.parametrize(("args", "code"), [(["validate"], 0), (["score", "--out", "skor.csv"], 0), (["score"], 2)])
def test_a_command_of_its_own_ends_at_once_with_its_code_its_output_and_the_exit_handlers(
    workspace: Path, args: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    ended = subprocess.run(
        [sys.executable, "-c", _ENDED_BY_SCRIPT, *args, "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        env=_BUFFERED,
    )
    assert ended.returncode == code, ended.stderr
    assert (workspace / "exit-handler-ran").read_text() == "yes"  # run before the process ended
    if code == 0:  # all it printed is there (the streams were flushed): what the same call prints in a process
        assert main([*args, "--lang", "en"]) == 0  # that goes on
        assert (ended.stdout, ended.stderr) == capsys.readouterr()
    if args[0] == "score" and code == 0:
        assert (workspace / "skor.csv").read_bytes().startswith(b"musim,")


def test_the_early_exit_waits_for_nothing_and_steps_aside_when_anything_else_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[str] = []

    class Ended(Exception):
        pass

    def end(code: int) -> None:
        ran.append(f"exit {code}")
        raise Ended

    monkeypatch.setattr(cli.os, "_exit", end)
    monkeypatch.setattr(cli.atexit, "_run_exitfuncs", lambda: ran.append("handlers"))
    monkeypatch.setattr(cli.multiprocessing, "active_children", list)
    monkeypatch.setattr(cli.threading, "active_count", lambda: 1)
    with pytest.raises(Ended):
        cli._exit_now(3)
    assert ran == ["handlers", "exit 3"]  # the handlers first, then the end

    ran.clear()
    monkeypatch.setattr(cli.threading, "active_count", lambda: 2)  # another thread runs: the usual exit
    assert cli._exit_now(3) is None and ran == []
    monkeypatch.setattr(cli.threading, "active_count", lambda: 1)
    monkeypatch.setattr(cli.multiprocessing, "active_children", lambda: ["a forked writer"])
    assert cli._exit_now(3) is None and ran == []


@pytest.mark.parametrize("args", [["validate"], ["score", "--out", "skor.csv"], ["template", "--out", "templat"]])
def test_a_command_started_with_its_output_closed_is_refused_not_done_in_silence(
    workspace: Path, args: list[str]
) -> None:
    """`paritrana validate >&-` ended 0 with its report lost without a word."""
    ended = subprocess.run(
        [sys.executable, "-c", _ENDED_BY_SCRIPT, *args, "--lang", "en"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env=_BUFFERED,
        preexec_fn=lambda: os.close(1),  # `>&-`: Python starts with no sys.stdout
    )
    assert ended.returncode == 1, ended.stderr
    assert (
        ended.stderr == "Standard output is closed (>&-): the command's results would be lost. Send them to a file "
        "(> file.txt), or to /dev/null (> /dev/null) to discard them.\n"
    )
    assert (workspace / "exit-handler-ran").read_text() == "yes"
    assert not (workspace / "skor.csv").exists() and not (workspace / "templat").exists()
    assert not (workspace / "data" / "2025" / ".cache").exists()  # refused before any work


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_output_in_an_encoding_without_every_character_is_written_with_escapes(workspace: Path, encoding: str) -> None:
    """A terminal or pipe set to ASCII or Latin-1: the season's summary (with its dash) is written, the dash as an
    escape, never a traceback."""
    ended = subprocess.run(
        [sys.executable, "-c", _ENDED_BY_SCRIPT, "validate", "--lang", "en"],
        capture_output=True,
        check=False,
        env={**_BUFFERED, "PYTHONIOENCODING": encoding},
    )
    assert (ended.returncode, ended.stderr) == (0, b"")
    assert b"\\u2014" in ended.stdout and b"Season 2025" in ended.stdout


def _into_a_full_disk(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`paritrana ARGS --lang en > /dev/full`: every write of its output fails, the disk being full."""
    with Path("/dev/full").open("w") as full:
        return _ended_into(full, args, env)


def _ended_into(out: IO[str] | int, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`paritrana ARGS --lang en`, a command of its own (ended as the console script ends it), writing to `out`."""
    return subprocess.run(
        [sys.executable, "-c", _ENDED_BY_SCRIPT, *args, "--lang", "en"],
        stdout=out,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env=env,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "args",
    [["validate"], ["validate", "--help"], ["--help"], ["score", "--out", "skor.csv"], ["template", "--out", "t"]],
)
def test_output_that_cannot_be_written_at_the_end_is_said_once_in_the_chosen_language(
    workspace: Path, args: list[str]
) -> None:
    """Output held in its buffer until the end: its loss was told by Python (`Exception ignored in: <_io.TextIOWrapper
    ...> OSError: [Errno 28]`, exit code 120). Unbuffered, the output fails as it is printed: argparse passed over its
    help's failed write, and `--help` exited 0, its help lost without a word."""
    for env in (_BUFFERED, {**_BUFFERED, "PYTHONUNBUFFERED": "1"}):
        ended = _into_a_full_disk(args, env)
        assert ended.returncode == 1, ended.stderr
        assert (
            ended.stderr == "The command's output could not be written: the disk is full. Write it to a file on a "
            "disk with room (> file.txt).\n"
        )
        assert (workspace / "exit-handler-ran").read_text() == "yes"
        (workspace / "exit-handler-ran").unlink()


def test_a_score_csv_over_the_file_size_limit_is_said_with_the_advice_to_make_room(workspace: Path) -> None:
    """`ulimit -f` (a file size limit): the write fails with EFBIG, which was told in the system's English words
    ("File too large") beside the advice to check the folder; the earlier CSV is kept."""
    import resource

    (workspace / "skor.csv").write_text("kept")
    limit = 1024  # bytes: less than the small season's score CSV (14 participants)

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    ended = subprocess.run(
        [sys.executable, "-c", _ENDED_BY_SCRIPT, "score", "--out", "skor.csv", "--no-cache", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        env=_BUFFERED,
        preexec_fn=limited,
    )
    assert ended.returncode == 1, ended.stderr
    reason = "the file would be larger than this system allows"
    assert t("cli.out_no_room", "en", out=Path("skor.csv"), reason=reason) in ended.stderr, ended.stderr
    assert (workspace / "skor.csv").read_text() == "kept"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_output_that_fails_while_the_command_runs_is_said_without_a_blank_path(workspace: Path) -> None:
    """A print that fails at once (unbuffered, or a buffer that filled): the message says the output could not be
    written and why; it said "Cannot use : the disk is full" (an error naming no file)."""
    ended = _into_a_full_disk(["validate"], {**_BUFFERED, "PYTHONUNBUFFERED": "1"})
    assert ended.returncode == 1, ended.stderr
    assert "The command's output could not be written: the disk is full." in ended.stderr
    assert "Cannot use :" not in ended.stderr and "Traceback" not in ended.stderr


@pytest.mark.parametrize("args", [["validate"], ["--help"]])
def test_a_reader_that_stopped_reading_ends_the_command_quietly_its_cleanup_run(
    workspace: Path, args: list[str]
) -> None:
    """`paritrana validate | head -1`: the reader gone, the command ends without a word, with a Unix tool's code
    (141), its exit handlers run. SIGPIPE ended it (killed, no handler run): the same signal silently ended `paritrana
    run` when it wrote to the pipe of a worker process that died."""
    for env in (_BUFFERED, {**_BUFFERED, "PYTHONUNBUFFERED": "1"}):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before the first line
        try:
            ended = _ended_into(write, args, env)
        finally:
            os.close(write)
        assert (ended.returncode, ended.stderr) == (cli.READER_GONE, "")
        assert (workspace / "exit-handler-ran").read_text() == "yes"
        (workspace / "exit-handler-ran").unlink()


def test_a_pipe_to_another_process_that_is_gone_raises_in_a_command_of_its_own(workspace: Path) -> None:
    """SIGPIPE stays ignored in `paritrana` (Python's own setting): a write to a pipe whose reader died is an error the
    command handles, never the end of the process (the probe runs at exit, after the command)."""
    probe = (
        "import atexit, os, signal, sys\n"
        "from paritrana_nb.cli import main\n"
        "def probe():\n"
        "    read, write = os.pipe(); os.close(read)\n"
        "    try:\n"
        "        os.write(write, b'x')\n"
        "    except BrokenPipeError:\n"
        "        print('raised', file=sys.stderr)\n"
        "atexit.register(probe)\n"
        "sys.argv = ['paritrana', 'validate', '--lang', 'en']\n"
        "sys.exit(main())\n"
    )
    ended = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, env=_BUFFERED)
    assert (ended.returncode, ended.stderr) == (0, "raised\n")


def test_main_called_with_arguments_returns_its_code(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_exit_now", lambda code: pytest.fail(f"ended the process with {code}"))
    assert main(["validate", "--lang", "en"]) == 0  # as tests and notebooks call it: the process goes on


def _commands(lang: str) -> dict[str, argparse.ArgumentParser]:
    [sub] = [action for action in build_parser(lang)._actions if isinstance(action, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_option_of_every_command_has_its_help_in_both_languages() -> None:
    """No option without a help text, and none left in English in the Indonesian help (`paritrana X --help`)."""
    indonesian, english = _commands("id"), _commands("en")
    assert indonesian.keys() == english.keys()
    for name, parser in indonesian.items():
        assert parser.description and parser.description != english[name].description, name
        helps = {o: a.help for a in parser._actions for o in a.option_strings}
        helps_en = {o: a.help for a in english[name]._actions for o in a.option_strings}
        assert helps.keys() == helps_en.keys()
        for option, text in helps.items():
            assert text and helps_en[option] and text != helps_en[option], (name, option)


@pytest.mark.parametrize("lang", LANGS)
def test_the_help_never_cuts_a_word_at_its_hyphen(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """argparse wrapped `<data-dir>/<musim>/.cache` as `<data-` at a line's end and `dir>/...` on the next, a path no
    one types; a line is broken at spaces only."""
    monkeypatch.setenv("COLUMNS", "80")
    for name, parser in {"": build_parser(lang), **_commands(lang)}.items():
        cut = [line for line in parser.format_help().splitlines() if re.search(r"[^\s-]-$", line)]
        assert not cut, (name, cut)


@pytest.mark.parametrize("lang", LANGS)
def test_every_option_value_is_named_from_the_catalogue(lang: str) -> None:
    """An option taking a value shows a name of the catalogue (`--season MUSIM`), never argparse's own English one
    made from the option's name (`--season SEASON` in the Indonesian help); a list of choices shows the choices."""
    names = {t(key, lang) for key in catalogue(lang) if key.startswith("metavar.")}
    for name, parser in _commands(lang).items():
        for action in parser._actions:
            if action.nargs != 0 and action.choices is None:
                assert action.metavar in names, (name, action.option_strings, action.metavar)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("id", ["--season MUSIM", "--cache-dir FOLDER_CACHE", "di FOLDER_CACHE/<musim>/", "--out BERKAS"]), ("en", [])],
)
def test_the_help_names_values_in_its_language(lang: str, words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["score", "--help", "--lang", lang])
    shown = " ".join(capsys.readouterr().out.split())  # argparse wraps the lines
    english = ["--season SEASON", "--cache-dir CACHE_DIR", "in CACHE_DIR/<season>/", "--out OUT"]
    assert all(w in shown for w in words or english), shown
    assert lang == "en" or not any(w in shown for w in english), shown


@pytest.mark.parametrize(
    ("args", "words", "not_words"),
    [
        (
            ["score", "--help"],
            ["cara pakai: paritrana score", "opsi:", "tampilkan bantuan ini", "berkas CSV yang ditulis (wajib)"],
            ["usage:", "options:", "show this help", "CSV file to write"],
        ),
        (
            ["score", "--help", "--lang", "en"],
            ["usage: paritrana score", "options:", "show this help", "CSV file to write (required)"],
            ["cara pakai", "opsi:", "berkas CSV"],
        ),
        (
            ["--help"],
            [
                "cara pakai: paritrana",
                "perintah:",
                "Kode keluar: 0 selesai",
                "keluaran standar yang tidak dapat ditulis",
            ],
            ["Exit codes", "usage:"],
        ),
        (
            ["--lang", "en", "--help"],
            ["usage: paritrana", "commands:", "Exit codes: 0 done", "standard output that cannot be written"],
            ["Kode keluar"],
        ),
        (["run", "--help"], ["(bawaan 600)", "(bawaan 1000)"], ["default"]),
    ],
)
def test_the_help_speaks_the_chosen_language(
    args: list[str], words: list[str], not_words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    shown = " ".join(capsys.readouterr().out.split())  # argparse wraps the lines
    assert stopped.value.code == 0
    assert all(w in shown for w in words) and not any(w in shown for w in not_words), shown


@pytest.mark.parametrize(
    ("lang", "codes"),
    [
        (
            "id",
            [
                "0 selesai",
                "1 data",
                "2 salah pemakaian",
                "130 dihentikan dengan Ctrl-C",
                "143 dihentikan oleh SIGTERM",
                "141 program yang membaca keluaran standar",
            ],
        ),
        (
            "en",
            [
                "0 done",
                "1 invalid data",
                "2 wrong use",
                "130 stopped with Ctrl-C",
                "143 stopped by SIGTERM",
                "141 the program reading standard output",
            ],
        ),
    ],
)
def test_the_help_lists_every_exit_code(lang: str, codes: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """--help named 0, 1 and 2 only; the command line's page documents 130 (Ctrl-C), 143 (SIGTERM) and 141 (a
    reader that stopped early) too."""
    with pytest.raises(SystemExit):
        main(["--lang", lang, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert all(code in shown for code in codes), shown


def test_lang_before_the_command_is_the_commands_language(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "validate", "--data-dir", "nowhere"]) == 1
    assert "Season folder not found: nowhere/2025" in capsys.readouterr().out


def test_run_as_python_m_a_refusal_of_an_intake_command_is_a_message(tmp_path: Path) -> None:
    """`python -m paritrana_nb.cli status --out FOLDER`: the module run as __main__ and the one the intake commands
    import are one, so the refusal is the message, not a traceback of an uncaught _Stop."""
    (tmp_path / "hasil").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "paritrana_nb.cli", "status", "--out", "hasil", "--lang", "en"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == f"--out hasil is a folder; give a file name, e.g. {Path('hasil', 'status.html')}."


def test_an_unknown_card_id_is_offered_the_ids_it_was_likely_meant_to_be() -> None:
    """`rapor --id`: an NPP that lost its leading zeros or a code that lost its final 0 in a spreadsheet."""
    ids = ["0190472050", "61.10", "61.11", "61.01", "61.01.11.2001"]
    assert close_ids("190472050", ids) == ["0190472050"]
    assert close_ids("61.1", ids)[0] == "61.10"
    assert close_ids("61.01.01.2O01", ids) == ["61.01.11.2001"]
    assert close_ids("zzz", ids) == []


def test_an_unknown_card_id_with_two_characters_swapped_is_offered_the_id_first() -> None:
    """`61.40` for `61.04`: difflib offered 61.10, 61.09 and 61.08 (each one character off), not 61.04."""
    ids = [f"61.{n:02d}" for n in range(1, 13)]
    assert close_ids("61.40", ids) == ["61.04", "61.10", "61.09"]
    assert close_ids("61.01.11.2010", ["61.01.11.2001", "61.01.11.2011"])[0] == "61.01.11.2001"
    cards = SimpleNamespace(peserta=pd.DataFrame({"id_peserta": ids, "kategori": "pemda", "kode_provinsi": "61"}))
    said = missing_participant(cards, "61.40", 2025, "en")  # type: ignore[arg-type]
    assert said.startswith("No participant 61.40 in the scores of season 2025; did you mean 61.04, 61.10 or 61.09? ")
    said = missing_participant(cards, "61.40", 2025, "id")  # type: ignore[arg-type]
    offered = "mungkin maksudnya 61.04, 61.10, atau 61.09? "  # a series of three: a comma before "atau" (PUEBI)
    assert said.startswith(f"Tidak ada peserta 61.40 dalam skor musim 2025; {offered}")


_TERMINATED_WHILE_WRITING = """
import os, signal, sys
from pathlib import Path
from paritrana_nb import outputs
opened, stop = os.fdopen, sys.argv[-1] == "stop"

def fdopen(*args, **kwargs):
    handle = opened(*args, **kwargs)
    # `kill PID` while the result's temporary file is being written (not at another file the command opens)
    if stop and any(p.name.startswith(".skor.csv.") for p in Path("hasil").iterdir()):
        os.kill(os.getpid(), signal.SIGTERM)
    return handle

outputs.os.fdopen = fdopen
from paritrana_nb.launch import main  # the console script's entry point
sys.argv = ["paritrana", *sys.argv[1:-1]]
sys.exit(main())
"""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sigterm_stops_a_command_as_ctrl_c_does_leaving_no_temporary_file(workspace: Path, lang: str) -> None:
    args = ["score", "--season", "2025", "--out", "hasil/skor.csv", "--no-cache", "--lang", lang]
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    done = subprocess.run([sys.executable, "-c", _TERMINATED_WHILE_WRITING, *args, "go"], env=env, check=False)
    assert done.returncode == 0
    before = (workspace / "hasil" / "skor.csv").read_bytes()
    stopped = subprocess.run(
        [sys.executable, "-c", _TERMINATED_WHILE_WRITING, *args, "stop"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert stopped.returncode == 143, stopped.stderr  # 128 + SIGTERM, as a shell reports it
    assert "SIGTERM" in stopped.stderr and "Traceback" not in stopped.stderr
    assert ("Dihentikan" in stopped.stderr) == (lang == "id")
    assert sorted(p.name for p in (workspace / "hasil").iterdir()) == ["skor.csv"]  # no `.skor.csv.*.tmp` left
    assert (workspace / "hasil" / "skor.csv").read_bytes() == before


@pytest.mark.parametrize(("lang", "said"), [("id", "(6,8 dtk)"), ("en", "(6.8 s)")])
def test_a_report_s_time_is_written_as_its_language_writes_numbers(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    from paritrana_nb.report.pipeline import RunOutcome
    from paritrana_nb.report.runner import JobResult

    done = JobResult("61", True, 6.8149, 1, html_path=workspace / "laporan" / "2025" / "61.html")
    monkeypatch.setattr("paritrana_nb.report.pipeline.run_reports", lambda *_a, **_k: RunOutcome([done], None))
    assert main(["run", "--province", "61", "--out", "laporan", "--lang", lang]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"61.html {said}")


def _draws_the_report_badly(job: object) -> object:
    """A report's worker meeting a bug of the workbook's (not bad data)."""
    raise KeyError("skor_peringkat")


def test_a_crashed_report_s_traceback_goes_to_the_run_log_which_the_terminal_names(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report whose worker raised was said as one that could not be made, with the exception's message; its
    traceback was dropped and `run` kept no log, so the bug could not be traced. The traceback is added to
    `<out>/<musim>/paritrana-run.log` (an earlier entry kept), which the terminal names, without a traceback."""
    from paritrana_nb.report import runner

    monkeypatch.setattr(runner, "run_job", _draws_the_report_badly)
    log = workspace / "laporan" / "2025" / "paritrana-run.log"
    log.parent.mkdir(parents=True)
    log.write_text("an earlier run's entry\n", encoding="utf-8")
    code, out, err = _run(["run", "--province", "61", "--out", "laporan", "--jobs", "1", "--draws", "10"], capsys)
    assert code == 1
    assert "[FAILED] 61-kalbar: The report could not be made: KeyError: 'skor_peringkat'" in err
    shown = Path("laporan", "2025", "paritrana-run.log")  # named as --out was typed, as other commands name files
    assert t("cli.run_log", "en", count=1, log=shown) in err and "_draws_the_report_badly" not in out + err
    kept = log.read_text(encoding="utf-8")
    assert kept.startswith("an earlier run's entry\n")
    assert "report 61-kalbar: The report could not be made: KeyError: 'skor_peringkat'\nTraceback" in kept
    assert "in _draws_the_report_badly\n" in kept
    assert sorted(p.name for p in log.parent.iterdir()) == ["index.en.html", log.name]  # the set committed as before


def test_a_run_log_that_cannot_be_written_is_a_warning(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The log is never required: where it cannot be written (a folder in its place), the run says so and ends as it
    would without it."""
    from paritrana_nb.report import runner

    monkeypatch.setattr(runner, "run_job", _draws_the_report_badly)
    log = workspace / "laporan" / "2025" / "paritrana-run.log"
    log.mkdir(parents=True)
    code, _, err = _run(["run", "--province", "61", "--out", "laporan", "--jobs", "1", "--draws", "10"], capsys)
    assert code == 1 and "[FAILED] 61-kalbar: The report could not be made: KeyError" in err
    assert f"could not be added to the log {log}: " in err and "The errors are above." in err
    assert log.is_dir() and (log.parent / "index.en.html").is_file()


_TERMINATED_WHILE_STARTING = """
import os, signal, sys
from paritrana_nb import cli
build = cli.build_parser

def build_parser(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)  # `kill PID` while the command line is still being read
    return build(*args, **kwargs)

cli.build_parser = build_parser
from paritrana_nb.launch import main
sys.argv = ["paritrana", *sys.argv[1:]]
sys.exit(main())
"""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sigterm_before_the_command_runs_stops_it_with_143_and_no_traceback(workspace: Path, lang: str) -> None:
    stopped = subprocess.run(
        [sys.executable, "-c", _TERMINATED_WHILE_STARTING, "score", "--season", "2025", "--lang", lang],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    assert stopped.returncode == 143, stopped.stderr
    assert "SIGTERM" in stopped.stderr and "Traceback" not in stopped.stderr
    assert not (workspace / "hasil").exists()


_TERMINATED_WHILE_IMPORTING = """
import os, signal, sys

MODULE = sys.argv[-1]


class Terminating:
    \"\"\"`kill PID` the moment MODULE is first looked for: while the command line is imported.\"\"\"

    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGTERM)
        return None


from paritrana_nb.launch import main  # the console script's entry point

sys.meta_path.insert(0, Terminating())
sys.argv = ["paritrana", *sys.argv[1:-1]]
sys.exit(main())
"""


@pytest.mark.parametrize(("lang", "module"), [("id", "paritrana_nb.cli"), ("en", "pyarrow"), ("id", "pydantic")])
def test_sigterm_while_the_command_line_is_imported_is_held_then_told(workspace: Path, lang: str, module: str) -> None:
    """SIGTERM in the second or so the command line takes to import (its first module, or pandas' pyarrow, or
    pydantic deep in it) ended the process at once without a word (143 as the shell shows it, Python's -15): it is
    held until the import is done, then told as SIGTERM is once the command runs: its message, exit code 143."""
    stopped = subprocess.run(
        [sys.executable, "-c", _TERMINATED_WHILE_IMPORTING, "score", "--out", "hasil/skor.csv", "--lang", lang, module],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    assert (stopped.returncode, stopped.stdout) == (143, ""), stopped.stderr
    assert stopped.stderr.strip() == t("cli.terminated", lang)
    assert not (workspace / "hasil").exists()


_SIGNAL_IN_A_CSV_READ = """
import signal, sys
import pyarrow as pa, pyarrow.csv as pa_csv
from paritrana_nb import cli

cli._own_process()  # as a command of its own sets its process up
seen = []
signal.signal(signal.SIGTERM, lambda *_: seen.append("handled"))


def invalid_row(row):  # called by pyarrow in the middle of its read
    signal.raise_signal(signal.SIGTERM)
    seen.append("in the read")
    return "skip"


options = pa_csv.ReadOptions(use_threads=False)
try:
    pa_csv.read_csv(pa.py_buffer(b"a,b\\n1,2,3\\n"), options, pa_csv.ParseOptions(invalid_row_handler=invalid_row))
except BaseException as error:
    seen.append(type(error).__name__)
print(seen)
"""


def test_a_signal_in_the_middle_of_a_csv_read_reaches_the_command_s_handler_at_once() -> None:
    """pyarrow took SIGINT and SIGTERM for itself during each CSV read (its handler passes the signal to a thread of
    its own, which cancels the read) and gave it back to the command's handler at the read's end; a signal that came
    as the read ended was dropped now and then (2 in 400 short reads), and the command ran to its end, exit 0. The
    command leaves signals to Python: its handler runs at once, and the read is not cancelled (ArrowCancelled)."""
    done = subprocess.run(
        [sys.executable, "-c", _SIGNAL_IN_A_CSV_READ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    assert (done.returncode, done.stdout.strip()) == (0, "['handled', 'in the read']"), done.stderr


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_command_stopped_says_so_not_that_its_cache_could_not_be_written(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """`timeout` stops the command's forked cache writers too: it said the cache could not be written, to use a
    --cache-dir 'you may write to' (the folder was writable), after saying that the command was stopped."""
    from paritrana_nb import score_csv
    from paritrana_nb.cache import SeasonCache

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise cli.Terminated

    def writer_stopped_too(self: SeasonCache) -> bool:
        self.failures.append((self.folder, "forked process ended with exit code -15"))
        return False

    monkeypatch.setattr(score_csv, "csv_bytes", stopped)
    monkeypatch.setattr(SeasonCache, "wait", writer_stopped_too)
    code = main(["score", "--season", "2025", "--out", "skor.csv", "--lang", lang])
    out, err = capsys.readouterr()
    assert (code, out, err.strip()) == (143, "", t("cli.terminated", lang))


_ONLY_WITH = [
    *(("template", option, "--jury") for option in ("--params-dir", "--methodology", "--jurors", "--finalists")),
    ("score", "--seed", "--uncertainty"),
]
"""Options a command uses only beside another one: (command, option, the other option)."""


@pytest.mark.parametrize("lang", LANGS)
def test_an_option_used_only_with_another_says_so_in_its_help(lang: str) -> None:
    """`template --help` listed --methodology and --params-dir as for every template, where the data templates read no
    methodology (and --methodology without --jury is refused); `score --help`'s --seed did not say that it is refused
    without --uncertainty. Each such help starts with the option it needs."""
    said = {"id": "dengan {option}:", "en": "with {option}:"}[lang]
    commands = _commands(lang)
    for command, option, needed in _ONLY_WITH:
        helps = {o: a.help for a in commands[command]._actions for o in a.option_strings}
        assert str(helps[option]).startswith(said.format(option=needed)), (command, option, helps[option])
    general = {o: a.help for a in commands["intake"]._actions for o in a.option_strings}  # intake reads it always
    assert not str(general["--methodology"]).startswith(said.format(option="--jury"))
