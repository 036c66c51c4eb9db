"""The season cache: the same tables, problems and scores as the sources give; never a stale or damaged entry;
safe to delete; a cache that cannot be written costs speed, never the command."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import signal
import threading
import time
from argparse import Namespace
from collections.abc import Callable, Iterator
from multiprocessing import active_children
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from conftest import forks_here, small_season_tables, write_season
from paritrana_nb import cache as cache_module
from paritrana_nb import cli, forking, user_cache
from paritrana_nb.cache import CacheWriteWarning, SeasonCache
from paritrana_nb.cli import main
from paritrana_nb.engine import SeasonScores, csv_text, score_season
from paritrana_nb.messages import CellNumber, Num, Ref, t
from paritrana_nb.methodology import Methodology
from paritrana_nb.outputs import locked_temporary
from paritrana_nb.problems import ValidationReport
from paritrana_nb.season import LoadResult, load_season
from paritrana_nb.user_cache import MACHINE_KEY_FILE
from paritrana_nb.yamldata import Place
from scoring_fixtures import hand_tables, methodology_data

TABLES = ("wilayah", "pemda", "desa", "badan_usaha", "wawancara")
SCORE_TABLES = ("peserta", "indikator", "wawancara", "metodologi", "nominasi", "penghargaan")
PLANTED = "Desa Dari Cache"
ROOT = Path(__file__).resolve().parents[2]
SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
"""The first line of a cache directory tag (https://bford.info/cachedir/)."""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The small season, with names a spreadsheet would run as formulas (warnings to keep in the cache)."""
    tables = small_season_tables()
    tables["desa"].loc[1, "nama"] = "=1+1"
    tables["badan_usaha"].loc[0, "nama"] = "@SUM(1)"
    write_season(tmp_path / "data", tables)
    return tmp_path / "data"


def _cache(data_dir: Path) -> SeasonCache:
    return SeasonCache.for_season(data_dir / "2025")


def _same(a: LoadResult, b: LoadResult) -> None:
    assert a.season is not None and b.season is not None
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a.season, name), getattr(b.season, name))
    assert (a.season.musim, a.season.tahun, a.season.files, a.season.file_hashes, a.season.meta) == (
        b.season.musim,
        b.season.tahun,
        b.season.files,
        b.season.file_hashes,
        b.season.meta,
    )
    assert a.report.problems == b.report.problems and a.report.omitted == b.report.omitted
    assert a.report.render("en") == b.report.render("en")


def _plant(data_dir: Path) -> None:
    """Rewrite the cache entry, keeping its key, with another village name: a load that returns it used the cache."""
    cache = _cache(data_dir)
    loaded = load_season(2025, data_dir, cache=cache)
    assert loaded.season is not None and loaded.season.cache_key is not None
    manifest = json.loads((cache.folder / "season.json").read_text(encoding="utf-8"))
    desa = loaded.season.desa.copy()
    desa.iloc[0, desa.columns.get_loc("nama")] = PLANTED
    tables = {name: getattr(loaded.season, name) for name in TABLES} | {"desa": desa}
    assert cache.write("season", loaded.season.cache_key, tables, manifest["extra"])


def _name(result: LoadResult) -> str:
    assert result.season is not None
    return str(result.season.desa["nama"].iloc[0])


def test_a_report_stored_as_json_reads_back_its_values_and_fields_as_they_were() -> None:
    """A workbook's number cell quoted in a problem (CellNumber) is stored as one, so it reads back written in the
    message's language (1200,5 in Bahasa Indonesia); json.dumps refused it."""
    report = ValidationReport(2025)
    report.add("error", "E_NOT_WHOLE", "pemda.xlsx", 2, "penduduk_bekerja", CellNumber("1200.5"))
    report.add("warning", "W_COVERAGE_OVER_100", "pemda.csv", 3, "penduduk_bekerja", "10", cakupan=Num(120.5, 2))
    report.add("error", "E_META_TYPE", "musim.yaml", None, "seed", "1.5", Place(3, 7), expected=Ref("type.whole"))
    stored = cache_module.report_from_json(json.loads(json.dumps(cache_module.report_to_json(report))))
    assert stored.problems == report.problems
    assert "'1200,5'" in stored.problems[0].message("id")
    assert stored.problems[2].message("en").startswith("musim.yaml, line 3, column 7, key 'seed': ")


def test_a_cached_season_is_the_season_the_sources_give_warnings_included(data_dir: Path) -> None:
    fresh = load_season(2025, data_dir)
    stored = load_season(2025, data_dir, cache=_cache(data_dir))
    again = load_season(2025, data_dir, cache=_cache(data_dir))
    assert any(p.code == "W_FORMULA_TEXT" for p in fresh.report.warnings)
    assert fresh.season is not None
    assert fresh.season.file_hashes == {
        t: hashlib.sha256(p.read_bytes()).hexdigest() for t, p in fresh.season.files.items()
    }
    _same(fresh, stored)
    _same(fresh, again)
    assert again.season is not None and again.season.cache == _cache(data_dir)
    assert sorted(p.name for p in _cache(data_dir).folder.glob("season*")) == sorted(
        ["season.json", *(f.name for f in _cache(data_dir).folder.glob("season-*.parquet"))]
    )


def test_the_cache_is_used_while_no_input_changed(data_dir: Path) -> None:
    _plant(data_dir)
    assert _name(load_season(2025, data_dir, cache=_cache(data_dir))) == PLANTED
    assert _name(load_season(2025, data_dir)) != PLANTED  # without a cache: the sources


def test_validate_reads_the_sources_and_refreshes_the_cache(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _plant(data_dir)
    assert _name(load_season(2025, data_dir, cache=_cache(data_dir), refresh=True)) != PLANTED
    _plant(data_dir)
    assert main(["validate", "--data-dir", str(data_dir)]) == 0
    assert _name(load_season(2025, data_dir, cache=_cache(data_dir))) != PLANTED


@pytest.mark.parametrize("changed", ["desa.csv", "musim.yaml"])
def test_a_changed_input_file_is_validated_again(data_dir: Path, changed: str) -> None:
    _plant(data_dir)
    path = data_dir / "2025" / changed
    if changed == "musim.yaml":
        path.write_text("musim: 2025\nilustratif: true\n", encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8").replace("Desa", "Dusun", 1), encoding="utf-8")
    result = load_season(2025, data_dir, cache=_cache(data_dir))
    assert _name(result) != PLANTED
    _same(result, load_season(2025, data_dir))


def test_a_change_of_the_workbook_code_invalidates_the_cache(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plant(data_dir)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version of the workbook")
    assert _name(load_season(2025, data_dir, cache=_cache(data_dir))) != PLANTED


def test_an_entry_written_on_another_machine_is_never_used(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A season folder copied from elsewhere brings its hidden .cache along: an entry forged there, under the right
    key, ranked the season by the forged tables."""
    _plant(data_dir)
    assert _name(load_season(2025, data_dir, cache=_cache(data_dir))) == PLANTED
    monkeypatch.setattr(cache_module, "machine_key", lambda: b"another machine".ljust(32, b"."), raising=False)
    assert _name(load_season(2025, data_dir, cache=_cache(data_dir))) != PLANTED


def test_the_machine_key_is_made_once_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    user_cache._machine_key.cache_clear()
    try:
        key = cache_module.machine_key()
        path = tmp_path / "xdg" / MACHINE_KEY_FILE
        assert len(key) == 32 and path.read_text(encoding="ascii") == key.hex()
        assert path.stat().st_mode & 0o777 == 0o600
        assert sorted(p.name for p in path.parent.iterdir()) == [user_cache.CACHEDIR_TAG, path.name]
        user_cache._machine_key.cache_clear()
        assert cache_module.machine_key() == key and user_cache.machine_key_problem() is None  # the next command's
        (tmp_path / "file").write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
        user_cache._machine_key.cache_clear()
        assert len(cache_module.machine_key()) == 32  # kept nowhere: this process's own
        problem = user_cache.machine_key_problem()
        assert problem is not None and problem.errno == errno.ENOTDIR
    finally:
        user_cache._machine_key.cache_clear()


def test_the_users_cache_folder_is_tagged_as_a_cache_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backup tools skip a folder holding a cache directory tag: the user's cache folder gets one when it is first
    used, and is not written again while it is there."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = user_cache.app_folder()
    tag = folder / user_cache.CACHEDIR_TAG
    assert tag.read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55\n")
    assert "user cache" in tag.read_text(encoding="ascii")
    written: list[Path] = []
    monkeypatch.setattr(user_cache, "keep_file", lambda path, data: written.append(path))
    assert user_cache.app_folder() == folder and written == []
    tag.unlink()
    assert user_cache.app_folder() == folder and written == [tag]  # (deleted: written again)


@pytest.fixture
def no_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME naming a folder that is not there (a service account's, a typo), and no XDG_CACHE_HOME."""
    home = tmp_path / "rumah" / "analis"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME")
    user_cache._machine_key.cache_clear()
    yield home
    user_cache._machine_key.cache_clear()


def test_a_home_folder_that_is_not_there_is_never_made(no_home: Path) -> None:
    """HOME set to a folder that does not exist: the machine key was kept in <HOME>/.cache/paritrana, made with
    every folder above it, the user's home folder included."""
    problem = user_cache.machine_key_problem()
    assert isinstance(problem, FileNotFoundError) and problem.filename == str(no_home)
    assert len(cache_module.machine_key()) == 32 and user_cache.kept_file("messages/id.json") is None
    assert not no_home.parent.exists()


def test_without_a_machine_key_kept_the_season_cache_is_neither_read_nor_written(data_dir: Path, no_home: Path) -> None:
    """An entry sealed under a key of this process alone is read by no later command, and would replace the one
    there: the season is read from its files, the cache folder left as it was, and the reason recorded."""
    cache = SeasonCache.for_season(data_dir / "2025", quiet=True)
    result = load_season(2025, data_dir, cache=cache)
    assert result.season is not None and not (data_dir / "2025" / ".cache").exists()
    reason = Ref("cache.key_not_kept", reason=Ref("oserror.missing"))
    assert cache.failures == [(no_home, reason)] and not cache.holds("season")
    assert not no_home.parent.exists()


def test_a_command_without_a_home_folder_says_so_once_and_goes_on(
    data_dir: Path, no_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", "--data-dir", str(data_dir), "--lang", "en"])
    printed = capsys.readouterr()
    said = t("cli.cache_no_key", "en", folder=str(no_home), reason=Ref("oserror.missing"))
    assert code == 0 and printed.err.count(said) == 1 and printed.err.count("[WARNING]") == 1, printed.err
    assert "Season 2025 data are valid: 0 errors" in printed.out, printed.out
    assert not no_home.parent.exists() and not (data_dir / "2025" / ".cache").exists()


def _damage_parquet(folder: Path, how: str) -> None:
    path = next(folder.glob("season-desa-*.parquet"))
    if how == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "missing":
        path.unlink()
    else:  # a whole, readable Parquet file, but not the one the manifest names
        path.write_bytes(next(folder.glob("season-wilayah-*.parquet")).read_bytes())


#: JSON that is not a manifest (a list, text, null, nesting too deep for the JSON reader, extras of another shape).
_NOT_MANIFESTS = {
    "manifest a list": "[]",
    "manifest text": '"x"',
    "manifest null": "null",
    "manifest too deep": "[" * 200_000,
}


def _damage_manifest(folder: Path, how: str) -> None:
    manifest = folder / "season.json"
    if how == "manifest cut":
        manifest.write_text(manifest.read_text(encoding="utf-8")[:40], encoding="utf-8")
    elif how == "manifest missing":
        manifest.unlink()
    elif how in _NOT_MANIFESTS:
        manifest.write_text(_NOT_MANIFESTS[how], encoding="utf-8")
    else:  # the key of another season
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["key"] = "0" * 64
        manifest.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "how",
    [
        *("truncated", "missing", "swapped", "manifest cut", "manifest missing"),
        *_NOT_MANIFESTS,
        *("wrong key", "folder deleted"),
    ],
)
def test_a_damaged_or_stale_cache_is_never_used(data_dir: Path, how: str) -> None:
    _plant(data_dir)
    folder = _cache(data_dir).folder
    if how == "folder deleted":
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    elif how.startswith("manifest") or how == "wrong key":
        _damage_manifest(folder, how)
    else:
        _damage_parquet(folder, how)
    result = load_season(2025, data_dir, cache=_cache(data_dir))
    assert _name(result) != PLANTED
    _same(result, load_season(2025, data_dir))
    _same(load_season(2025, data_dir, cache=_cache(data_dir)), result)  # rewritten whole


def test_a_cache_file_replaced_by_a_pipe_is_never_read(data_dir: Path) -> None:
    """Reading it waited for a writer of the pipe forever (and a link to /dev/zero read until memory ran out)."""
    _plant(data_dir)
    path = next(_cache(data_dir).folder.glob("season-desa-*.parquet"))
    path.unlink()
    os.mkfifo(path)
    results: list[LoadResult] = []
    reader = threading.Thread(target=lambda: results.append(load_season(2025, data_dir, cache=_cache(data_dir))))
    reader.daemon = True
    reader.start()
    reader.join(20)
    waited = reader.is_alive()
    if waited:  # let it go: the pipe's other end opened and closed
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(60)
    assert not waited, "the pipe was read"
    (result,) = results
    assert _name(result) != PLANTED
    _same(result, load_season(2025, data_dir))


def test_a_cache_that_cannot_be_written_only_warns(data_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    cache = SeasonCache.for_season(data_dir / "2025", blocker)
    with pytest.warns(CacheWriteWarning):
        result = load_season(2025, data_dir, cache=cache)
    _same(result, load_season(2025, data_dir))
    assert cache.failures


def test_the_commands_go_on_when_the_cache_cannot_be_written(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    out = tmp_path / "skor.csv"
    args = ["--data-dir", str(data_dir), "--cache-dir", str(blocker), "--lang", "en"]
    assert main(["score", *args, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("The season cache could not be written") == 1 and "Traceback" not in err
    assert out.read_bytes() == _score_csv(data_dir, tmp_path / "fresh.csv", "--no-cache")
    assert main(["validate", *args]) == 0
    assert "The season cache could not be written" in capsys.readouterr().err


@pytest.mark.parametrize("file", ["season.json", "season-desa-*.parquet"])  # the manifest, a table's file
def test_a_folder_where_a_cache_file_goes_is_named_in_the_warning(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str
) -> None:
    """Every command warned that the cache folder could not be written '(it is a folder)': it is one, and it was
    writable; what was in the way stayed unnamed."""
    args = ["--data-dir", str(data_dir), "--cache-dir", str(tmp_path / "cache"), "--lang", "en"]
    assert main(["score", *args, "--out", str(tmp_path / "cold.csv")]) == 0
    folder = tmp_path / "cache" / "2025"
    in_the_way = next(folder.glob(file))
    for path in folder.iterdir():
        path.unlink()
    in_the_way.mkdir()
    capsys.readouterr()
    assert main(["score", *args, "--out", str(tmp_path / "again.csv")]) == 0
    err = capsys.readouterr().err
    assert f"The season cache could not be written to {in_the_way} (it is a folder)" in err, err
    assert f"written to {folder} (" not in err
    assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "cold.csv").read_bytes()


@pytest.mark.parametrize("command", ["score", "gaps"])
def test_a_cache_folder_that_cannot_be_read_is_not_used_and_the_command_goes_on(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A cache folder without read permission (chmod 000, or another user's): the commands stopped, 'Cannot use
    .cache/season.json: permission denied'."""
    import errno

    args = [command, "--data-dir", str(data_dir), "--lang", "en"]
    assert main([*args, "--out", str(tmp_path / "cold.csv")]) == 0
    folder = data_dir / "2025" / ".cache"
    stat = Path.stat

    def denied(self: Path, *options: Any, **named: Any) -> os.stat_result:
        if self.parent == folder:  # what the folder holds cannot be looked up
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return stat(self, *options, **named)

    monkeypatch.setattr(Path, "stat", denied)
    capsys.readouterr()
    assert main([*args, "--out", str(tmp_path / "denied.csv")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert (tmp_path / "denied.csv").read_bytes() == (tmp_path / "cold.csv").read_bytes()


def _score_csv(data_dir: Path, out: Path, *options: str) -> bytes:
    assert main(["score", "--data-dir", str(data_dir), "--out", str(out), *options]) == 0
    return out.read_bytes()


def test_score_cold_warm_and_without_cache_write_the_same_bytes(data_dir: Path, tmp_path: Path) -> None:
    cold = _score_csv(data_dir, tmp_path / "cold.csv")
    kept = sorted(p.name for p in (data_dir / "2025" / ".cache").glob("*.json"))
    assert kept == ["score-csv.json", "season.json"]  # the scores' tables are left to the commands that read them
    warm = _score_csv(data_dir, tmp_path / "warm.csv")
    elsewhere = _score_csv(data_dir, tmp_path / "elsewhere.csv", "--cache-dir", str(tmp_path / "cache"))
    assert (tmp_path / "cache" / "2025" / "season.json").is_file()
    assert cold == warm == elsewhere == _score_csv(data_dir, tmp_path / "none.csv", "--no-cache")


def test_rapor_keeps_and_reads_the_season_and_its_scores_in_the_cache_asked_for(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rapor` took --cache-dir and --no-cache and used neither: it read the sources every time and kept nothing."""

    def cards(name: str, *options: str) -> dict[Path, bytes]:
        out = tmp_path / name
        command = ["rapor", "--data-dir", str(data_dir), "--out", str(out), "--jobs", "1", "--draws", "10"]
        assert main([*command, *options]) == 0
        return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    plain = cards("plain", "--no-cache")
    assert not (data_dir / "2025" / ".cache").exists()
    cold = cards("cold", "--cache-dir", str(tmp_path / "cache"))
    assert {p.name for p in (tmp_path / "cache" / "2025").glob("*.json")} == {"season.json", "scores.json"}
    monkeypatch.setattr(SeasonCache, "write", lambda *args: pytest.fail("a warm rapor writes nothing"))
    assert plain == cold == cards("warm", "--cache-dir", str(tmp_path / "cache"))


def test_score_uses_the_scores_another_command_kept(
    data_dir: Path, tmp_path: Path, default_methodology: Methodology
) -> None:
    """`score` stores only its CSV, but scores that another command kept (with their `indikator` table) give the
    same bytes."""
    season = load_season(2025, data_dir, cache=_cache(data_dir)).season
    assert season is not None
    score_season(season, default_methodology)  # what `gaps` or the reports keep
    assert (_cache(data_dir).folder / "scores.json").is_file()
    assert not (_cache(data_dir).folder / "score-csv.json").exists()
    assert _score_csv(data_dir, tmp_path / "kept.csv") == _score_csv(data_dir, tmp_path / "none.csv", "--no-cache")


def _scores_equal(a: SeasonScores, b: SeasonScores) -> None:
    for name in SCORE_TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_cached_scores_are_the_scores(data_dir: Path, default_methodology: Methodology) -> None:
    fresh = load_season(2025, data_dir).season
    assert fresh is not None
    expected = score_season(fresh, default_methodology)
    season = load_season(2025, data_dir, cache=_cache(data_dir)).season
    assert season is not None
    _scores_equal(score_season(season, default_methodology), expected)
    assert (_cache(data_dir).folder / "scores.json").is_file()
    cached = score_season(season, default_methodology)
    _scores_equal(cached, expected)
    assert csv_text(cached) == csv_text(expected)


def test_another_methodology_is_scored_afresh(data_dir: Path, default_methodology: Methodology) -> None:
    season = load_season(2025, data_dir, cache=_cache(data_dir)).season
    assert season is not None
    score_season(season, default_methodology)
    changed = default_methodology.model_copy(
        update={"aturan": default_methodology.aturan.model_copy(update={"tunggakan_maks_bulan": 1})}
    )
    fresh = load_season(2025, data_dir).season
    assert fresh is not None
    expected = score_season(fresh, changed)
    assert csv_text(expected) != csv_text(score_season(fresh, default_methodology))
    _scores_equal(score_season(season, changed), expected)


def _plant_csv(data_dir: Path, tmp_path: Path) -> bytes:
    """Score once (the CSV is kept), then rewrite the kept CSV under its own key: a score that writes it used it."""
    _score_csv(data_dir, tmp_path / "first.csv")
    manifest = json.loads((_cache(data_dir).folder / "score-csv.json").read_text(encoding="utf-8"))
    planted = b"planted,csv\n"
    assert _cache(data_dir).write_file("score-csv", manifest["key"], planted, manifest["extra"])
    return planted


def test_a_warm_score_writes_the_kept_csv_without_reading_the_tables(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = _plant_csv(data_dir, tmp_path)
    monkeypatch.setattr(cache_module.SeasonCache, "read", lambda *a: pytest.fail("a table was read"))
    assert _score_csv(data_dir, tmp_path / "warm.csv") == planted


def test_the_kept_csv_keeps_the_unmatched_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A participant no category matches is warned about by the warm score as by the cold one."""
    data = methodology_data()
    data["kategori"]["bu_kecil_mikro"]["peserta"]["skala"] = ["kecil"]
    data["kategori"]["bu_kecil_mikro"]["programmes_expected"] = ["jkk", "jkm", "jht"]
    methodology = tmp_path / "metodologi.yaml"
    methodology.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    write_season(tmp_path / "data", hand_tables())
    said = []
    for name in ("cold", "warm"):
        args = ["--data-dir", str(tmp_path / "data"), "--methodology", str(methodology), "--lang", "en"]
        assert main(["score", *args, "--out", str(tmp_path / f"{name}.csv")]) == 0
        said.append(capsys.readouterr())
    assert (tmp_path / "data" / "2025" / ".cache" / "score-csv.json").is_file()
    assert "matches no category" in said[0].err and said[0].err == said[1].err
    assert said[0].out.replace("cold", "warm") == said[1].out
    assert (tmp_path / "cold.csv").read_bytes() == (tmp_path / "warm.csv").read_bytes()


def test_a_warm_score_names_the_methodology_given_not_the_cold_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept CSV is found by the methodology's content: a copy of it elsewhere hits the cache, and its warnings
    named the cold run's file (`a/usulan.yaml` for `b/usulan.yaml`), one the user may have moved or deleted."""
    data = methodology_data()
    data["kategori"]["bu_tambang"] = {
        **data["kategori"]["bu_kecil_mikro"],
        "label": {"id": "Pertambangan", "en": "Mining"},
        "peserta": {"tabel": "badan_usaha", "sektor": ["perdagangan", "pertambangan"]},  # a later, empty category
        "programmes_expected": ["jkk", "jkm"],
    }
    text = yaml.safe_dump(data, allow_unicode=True)
    write_season(tmp_path / "data", hand_tables())
    said = []
    for name in ("a", "b"):
        methodology = tmp_path / name / "usulan.yaml"
        methodology.parent.mkdir()
        methodology.write_text(text, encoding="utf-8")
        args = ["--data-dir", str(tmp_path / "data"), "--methodology", str(methodology), "--lang", "en"]
        assert main(["score", *args, "--out", str(tmp_path / f"{name}.csv")]) == 0
        said.append(capsys.readouterr().err)
        monkeypatch.setattr(cache_module.SeasonCache, "read", lambda *a: pytest.fail("a table was read"))  # b: warm
    cold, warm = said
    for name, said_there in (("a", cold), ("b", warm)):  # at its line and column there, as the cold run said
        where = re.escape(str(tmp_path / name / "usulan.yaml"))
        assert re.search(rf"{where}, line \d+, column \d+, key 'kategori.bu_tambang.peserta': Category", said_there)
    assert str(tmp_path / "a") not in warm and warm == cold.replace(str(tmp_path / "a"), str(tmp_path / "b"))
    assert "[WARNING] wawancara.csv" in warm  # the data's own warnings keep their files


@pytest.mark.parametrize(
    "how",
    ["input changed", "methodology changed", "code changed", "damaged", "wrong key", *_NOT_MANIFESTS, "extra a list"],
)
def test_a_stale_or_damaged_kept_csv_is_never_used(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    planted = _plant_csv(data_dir, tmp_path)
    folder, options = _cache(data_dir).folder, []
    if how == "input changed":
        path = data_dir / "2025" / "desa.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("Desa", "Dusun", 1), encoding="utf-8")
    elif how == "methodology changed":
        source = ROOT / "params" / "2025" / "metodologi.yaml"
        changed = tmp_path / "metodologi.yaml"
        changed.write_text(source.read_text(encoding="utf-8").replace("shortlist_size: 5", "shortlist_size: 4", 1))
        assert changed.read_text(encoding="utf-8") != source.read_text(encoding="utf-8")
        options = ["--methodology", str(changed)]
    elif how == "code changed":
        monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version of the workbook")
    elif how == "damaged":
        path = next(folder.glob("score-csv-*.bin"))
        path.write_bytes(path.read_bytes()[:-1] + b"!")
    elif how in _NOT_MANIFESTS:
        (folder / "score-csv.json").write_text(_NOT_MANIFESTS[how], encoding="utf-8")
    else:
        manifest = json.loads((folder / "score-csv.json").read_text(encoding="utf-8"))
        changed = {"key": "0" * 64} if how == "wrong key" else {"extra": []}
        (folder / "score-csv.json").write_text(json.dumps(manifest | changed), encoding="utf-8")
    warm = _score_csv(data_dir, tmp_path / "warm.csv", *options)
    assert warm != planted
    assert warm == _score_csv(data_dir, tmp_path / "fresh.csv", "--no-cache", *options)


def _edit_manifest(path: Path, edit: Callable[[dict], None]) -> None:
    """Edit a manifest by hand, its key and format kept (and no seal made for it)."""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _input_named(data_dir: Path) -> Callable[[dict], None]:
    """An edit making the manifest's file one of the season's inputs, with its true sha256."""
    desa = data_dir / "2025" / "desa.csv"
    digest = hashlib.sha256(desa.read_bytes()).hexdigest()
    return lambda m: m.update(file={"file": "../desa.csv", "sha256": digest})


@pytest.mark.parametrize("how", ["count infinite", "count changed", "report year infinite", "file an input"])
def test_a_kept_csv_whose_manifest_was_edited_by_hand_is_never_used(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """Its key kept, it was used as it said: an infinite count was a traceback (OverflowError), a count or a file
    named otherwise was printed or written as the scores."""
    planted = _plant_csv(data_dir, tmp_path)
    edits: dict[str, Callable[[dict], None]] = {
        "count infinite": lambda m: m["extra"].update(peserta=float("inf")),
        "count changed": lambda m: m["extra"].update(peserta=10**30),
        "report year infinite": lambda m: m["extra"]["report"].update(musim=float("inf")),
        "file an input": _input_named(data_dir),
    }
    _edit_manifest(_cache(data_dir).folder / "score-csv.json", edits[how])
    capsys.readouterr()
    warm = _score_csv(data_dir, tmp_path / "warm.csv")
    assert warm != planted and "1,000,000" not in capsys.readouterr().out
    assert warm == _score_csv(data_dir, tmp_path / "fresh.csv", "--no-cache")


def test_a_season_whose_manifest_was_edited_by_hand_is_never_used(data_dir: Path) -> None:
    """Column types changed in the manifest (the Parquet files intact) were applied to the season read back."""
    _plant(data_dir)

    def narrower(manifest: dict) -> None:
        columns = manifest["tables"]["desa"]["columns"]
        manifest["tables"]["desa"]["columns"] = [[n, "int8" if d == "int64" else d, x] for n, d, x in columns]

    _edit_manifest(_cache(data_dir).folder / "season.json", narrower)
    result = load_season(2025, data_dir, cache=_cache(data_dir))
    assert _name(result) != PLANTED
    _same(result, load_season(2025, data_dir))


def test_a_manifest_written_again_as_the_same_json_is_still_used(data_dir: Path) -> None:
    """The seal is of what the manifest says, not of its bytes."""
    _plant(data_dir)
    _edit_manifest(_cache(data_dir).folder / "season.json", lambda m: None)
    assert _name(load_season(2025, data_dir, cache=_cache(data_dir))) == PLANTED


def test_a_filtered_score_does_not_use_the_kept_csv(data_dir: Path, tmp_path: Path) -> None:
    planted = _plant_csv(data_dir, tmp_path)
    for options in (["--province", "61"], ["--category", "desa"], ["--uncertainty", "20"]):
        assert _score_csv(data_dir, tmp_path / "part.csv", *options) != planted


WRITERS = ("thread", "process")
"""Who does a background write: the writer thread, or a forked process where this process may fork."""


def _writer(monkeypatch: pytest.MonkeyPatch, writer: str) -> None:
    """Background writes go to `writer` from now on in this test."""
    if writer == "thread":
        monkeypatch.setattr(forking, "can_fork", lambda: False)
    elif not forks_here():
        pytest.skip("no fork here: background writes go to the writer thread (tested)")


def _no_writer_left() -> bool:
    return not [t for t in threading.enumerate() if t.name.startswith("season-cache")] and not active_children()


@pytest.mark.parametrize("writer", WRITERS)
def test_a_background_write_stores_the_same_entry_once_waited_for(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    loaded = load_season(2025, data_dir)
    assert loaded.season is not None
    tables = {name: getattr(loaded.season, name) for name in TABLES}
    _writer(monkeypatch, writer)
    monkeypatch.setattr(cache_module, "_BLOCK_ROWS", 3)  # a forked writer's blocks: several per table
    background = SeasonCache(tmp_path / "cache", background=True)
    assert background.write("season", "key", tables, {"n": 1})
    assert background.wait() and background.failures == []
    entry = SeasonCache(tmp_path / "cache").read("season", "key")
    assert entry is not None and entry[1] == {"n": 1}
    for name in TABLES:
        pd.testing.assert_frame_equal(entry[0][name], tables[name])
    assert _no_writer_left()


def test_a_background_write_goes_to_a_forked_process_where_this_process_may_fork(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_season(2025, data_dir)
    assert loaded.season is not None
    forks = forking.can_fork()
    written = cache_module._parquet
    writers = tmp_path / "writers.txt"

    def recorded(*args: object) -> None:
        with writers.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {os.nice(0)}\n")
        written(*args)  # type: ignore[arg-type]  # the arguments _parquet was given

    monkeypatch.setattr(cache_module, "_parquet", recorded)
    background = SeasonCache(tmp_path / "cache", background=True)
    assert background.write("season", "key", {"desa": loaded.season.desa}, {})
    assert background.wait()
    pid, niceness = writers.read_text().split()
    assert (pid != str(os.getpid())) == forks
    # a forked writer gives way to the command's own processes (they score on both cores meanwhile)
    assert int(niceness) == (min(os.nice(0) + cache_module.BACKGROUND_NICENESS, 19) if forks else os.nice(0))
    assert SeasonCache(tmp_path / "cache").read("season", "key") is not None


@pytest.mark.parametrize("writer", WRITERS)
def test_a_background_write_that_fails_is_recorded_when_waited_for(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    _writer(monkeypatch, writer)
    background = _failing_in_the_writer(tmp_path)
    assert background.write_file("score-csv", "key", b"a,b\n", {})
    assert not background.wait()
    assert background.failures and background.failures[0][0] == background.folder / "score-csv.json"
    reason = background.failures[0][1]  # said in the reader's language, also from a forked writer
    assert reason == Ref("oserror.folder") and t(reason.key, "id") != t(reason.key, "en")


def _failing_in_the_writer(tmp_path: Path) -> SeasonCache:
    """A background cache whose folder may be written, where a folder stands in the way of the manifest `score-csv`:
    the writer fails once it has written the entry's file."""
    folder = tmp_path / "cache" / "2025"
    (folder / "score-csv.json").mkdir(parents=True)
    return SeasonCache(folder, quiet=True, background=True)


def test_a_cache_folder_that_cannot_be_made_fails_before_any_writer_starts(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    background = SeasonCache(blocker / "2025", quiet=True, background=True)
    assert not background.write_file("score-csv", "key", b"a,b\n", {})
    assert not background.write_file("score-csv", "key", b"a,b\n", {})  # found out once
    assert background.failures == [(blocker / "2025", Ref("oserror.not_folder"))]
    assert background.wait() and _no_writer_left()


@pytest.mark.parametrize("writer", WRITERS)
def test_a_background_write_that_failed_before_the_wait_is_still_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    _writer(monkeypatch, writer)
    background = _failing_in_the_writer(tmp_path)
    assert background.write_file("score-csv", "key", b"a,b\n", {})
    deadline = time.monotonic() + 30
    while not (background.failures if writer == "thread" else not active_children()) and time.monotonic() < deadline:
        time.sleep(0.01)  # the writer fails first
    assert not background.wait()
    assert background.failures
    assert _no_writer_left()


@pytest.mark.parametrize("writer", WRITERS)
def test_an_unexpected_error_of_the_writer_is_raised_and_leaves_no_entry(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    loaded = load_season(2025, data_dir)
    assert loaded.season is not None

    def broken(*args: object) -> bytes:
        raise RuntimeError("a bug in the writer")

    _writer(monkeypatch, writer)
    monkeypatch.setattr(cache_module, "_parquet", broken)
    background = SeasonCache(tmp_path / "cache", background=True)
    assert background.write("season", "key", {"desa": loaded.season.desa}, {})
    with pytest.raises(RuntimeError, match="a bug in the writer"):
        background.wait()
    assert SeasonCache(tmp_path / "cache").read("season", "key") is None
    assert not (tmp_path / "cache" / "season.json").exists()
    assert _no_writer_left()


@pytest.mark.parametrize(
    ("end", "said"),
    [
        (lambda: os._exit(3), {"en": "its writer ended with exit code 3 without answering"}),
        (
            lambda: os.kill(os.getpid(), signal.SIGKILL),
            {
                "en": "its writer was ended by the signal SIGKILL: the system short of memory, or a stop",
                "id": "penulisnya dihentikan oleh sinyal SIGKILL: sistem kehabisan memori, atau dihentikan",
            },
        ),
    ],
)
def test_a_forked_writer_that_is_killed_is_a_failure_and_leaves_no_entry(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, end: Callable[[], None], said: dict[str, str]
) -> None:
    """Why is said in the reader's language (it was "forked process ended with exit code -9" in either)."""
    loaded = load_season(2025, data_dir)
    assert loaded.season is not None
    _writer(monkeypatch, "process")
    here = os.getpid()

    def killed(*args: object) -> None:  # the forked writer ends as if killed while writing
        if os.getpid() == here:
            pytest.fail("the write was not forked")
        end()

    monkeypatch.setattr(cache_module, "_parquet", killed)
    background = SeasonCache(tmp_path / "cache", quiet=True, background=True)
    assert background.write("season", "key", {"desa": loaded.season.desa}, {})
    assert not background.wait()
    assert len(background.failures) == 1
    reason = background.failures[0][1]
    assert isinstance(reason, Ref)
    for lang, words in said.items():
        assert t(reason.key, lang, **dict(reason.fields)) == words
    assert SeasonCache(tmp_path / "cache").read("season", "key") is None


@pytest.mark.parametrize("writer", WRITERS)
def test_score_gives_the_same_csv_and_cache_whoever_writes_the_cache(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    plain = _score_csv(data_dir, tmp_path / "plain.csv", "--no-cache")
    _writer(monkeypatch, writer)
    assert _score_csv(data_dir, tmp_path / "cold.csv", "--cache-dir", str(tmp_path / "cache")) == plain
    assert _no_writer_left()
    monkeypatch.setattr(cache_module.SeasonCache, "write", lambda *args: pytest.fail("a warm score writes nothing"))
    assert _score_csv(data_dir, tmp_path / "warm.csv", "--cache-dir", str(tmp_path / "cache")) == plain
    cache = SeasonCache.for_season(data_dir / "2025", tmp_path / "cache")
    season = load_season(2025, data_dir, cache=cache)
    _same(season, load_season(2025, data_dir))


def _waited_caches(command: Callable[[], object]) -> list[SeasonCache]:
    """The season caches whose writes `command` waited for (SeasonCache.wait)."""
    seen: list[SeasonCache] = []
    wait = SeasonCache.wait

    def spy(self: SeasonCache) -> bool:
        seen.append(self)
        return wait(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SeasonCache, "wait", spy)
        command()
    return seen


def test_score_writes_its_cache_in_the_background_and_waits_for_it(data_dir: Path, tmp_path: Path) -> None:
    seen = _waited_caches(lambda: _score_csv(data_dir, tmp_path / "cold.csv", "--cache-dir", str(tmp_path / "cache")))
    assert seen and all(cache.background for cache in seen)
    folder = tmp_path / "cache" / "2025"
    assert {p.name for p in folder.glob("*.json")} == {"season.json", "score-csv.json"}
    assert not list(folder.glob(".*.tmp"))


def test_the_next_write_deletes_what_a_killed_writer_left_and_keeps_what_one_at_work_writes(data_dir: Path) -> None:
    loaded = load_season(2025, data_dir)
    assert loaded.season is not None
    cache = _cache(data_dir)
    cache.folder.mkdir(parents=True)
    left = cache.folder / ".season-desa.0123abcd.tmp"  # a writer killed an hour and more ago
    left.write_bytes(b"PAR1 half a file")
    old = time.time() - cache_module.STALE_STAGING_SECONDS - 60
    os.utime(left, (old, old))
    at_work = cache.folder / ".season-pemda.4567cdef.tmp"  # a writer of another process, writing now
    at_work.write_bytes(b"PAR1 being written")
    other_entry = cache.folder / ".scores-peserta.89abcdef.tmp"  # another entry's: its own writes sweep it
    other_entry.write_bytes(b"PAR1")
    os.utime(other_entry, (old, old))
    assert cache.write("season", "key", {"desa": loaded.season.desa}, {})
    assert not left.exists()
    assert at_work.exists() and other_entry.exists()
    assert cache.read("season", "key") is not None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a writer killed in the middle of a file needs fork")
def test_the_file_a_writer_killed_a_moment_ago_left_is_deleted_by_the_next_write(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`paritrana score` stopped by `timeout` or Ctrl-C ends its forked writers too: each left its half-written file
    (80 MB for a national season's CSV), kept for an hour, one more per command stopped."""
    loaded = load_season(2025, data_dir)
    assert loaded.season is not None and forks_here()
    cache = _cache(data_dir)
    parquet = cache_module._parquet

    def killed(blocks: object, columns: object, path: Path) -> None:
        path.write_bytes(b"PAR1 half a file")
        os._exit(1)  # as SIGKILL: no clean-up runs

    with monkeypatch.context() as patch:
        patch.setattr(cache_module, "_parquet", killed)
        child = os.fork()
        if child == 0:  # pragma: no cover - the killed writer
            cache.write("season", "key", {"desa": loaded.season.desa}, {})
            os._exit(0)
        os.waitpid(child, 0)
    left = [p for p in cache.folder.iterdir() if p.name.startswith(".season-desa")]
    assert len(left) == 1
    assert cache_module._parquet is parquet
    handle, at_work = locked_temporary(cache.folder / "season-pemda")  # another process's writer, writing now
    try:
        assert cache.write("season", "key", {"desa": loaded.season.desa}, {})
        assert [p for p in cache.folder.iterdir() if p.name.startswith(".")] == [at_work]
    finally:
        os.close(handle)
    assert cache.read("season", "key") is not None


def test_a_write_that_fails_takes_back_the_files_it_put_in_place(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk: the tables written before the one that failed stayed, named by no manifest, until a later write
    of the entry succeeded (never, while the disk was full); an entry written before is kept."""
    import errno

    loaded = load_season(2025, data_dir)
    assert loaded.season is not None
    cache = _cache(data_dir)
    assert cache.write("season", "before", {"desa": loaded.season.desa}, {})
    kept = sorted(p.name for p in cache.folder.iterdir())
    parquet = cache_module._parquet

    def disk_full(blocks: object, columns: list[list[str]], path: Path) -> None:
        if path.name.startswith(".season-pemda"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        parquet(blocks, columns, path)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module, "_parquet", disk_full)
    with pytest.warns(CacheWriteWarning):
        assert not cache.write("season", "after", {"wilayah": loaded.season.wilayah, "pemda": loaded.season.pemda}, {})
    assert sorted(p.name for p in cache.folder.iterdir()) == kept
    assert cache.read("season", "before") is not None


def test_a_write_deletes_only_the_files_the_cache_named(data_dir: Path, tmp_path: Path) -> None:
    """A season's `.cache` that is a link to a folder of the user's: a write deleted every `season-*.parquet` there.
    (The folder is tagged as a cache, CACHEDIR.TAG, as a user's folder of caches may be: one that is not is never
    written at all.)"""
    loaded = load_season(2025, data_dir)
    assert loaded.season is not None
    own = tmp_path / "documents"
    own.mkdir()
    (own / "CACHEDIR.TAG").write_text(f"{SIGNATURE}\n# the user's folder of caches\n", encoding="utf-8")
    (data_dir / "2025" / ".cache").symlink_to(own)
    old = time.time() - cache_module.STALE_STAGING_SECONDS - 60
    theirs = [own / "season-notes.parquet", own / "season-2024.bin", own / ".season-notes.tmp"]
    for path in theirs:
        path.write_text("the user's", encoding="utf-8")
        os.utime(path, (old, old))
    earlier = own / "season-desa-0123456789abcdef.parquet"  # an earlier entry's file: the cache's own
    earlier.write_bytes(b"PAR1")
    assert _cache(data_dir).write("season", "key", {"desa": loaded.season.desa}, {})
    assert all(path.read_text(encoding="utf-8") == "the user's" for path in theirs)
    assert not earlier.exists()


def _listing(folder: Path) -> list[tuple[str, bytes, int]]:
    """Every file in `folder`, hidden ones too: its name, bytes and time of change."""
    return sorted((path.name, path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir())


def _tagged(folder: Path) -> bool:
    """Whether `folder` holds the workbook's cache directory tag, its first line the exact signature."""
    tag = folder / "CACHEDIR.TAG"
    return tag.is_file() and tag.read_text(encoding="utf-8").splitlines()[0] == SIGNATURE


@pytest.mark.parametrize("command", ["score", "validate"])
@pytest.mark.parametrize("place", ["link", "cache-dir"])
def test_nothing_is_written_into_a_folder_that_is_not_a_cache(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, place: str
) -> None:
    """A season folder from a region whose `.cache` is a link to any folder (`/`, a folder of documents): `score` and
    `validate` wrote their Parquet, JSON and temporary files there, and swept what it held named as cache files.
    The same for a `--cache-dir` whose `<musim>` folder is one of the user's."""
    own = tmp_path / "caches" / "2025"
    own.mkdir(parents=True)
    (own / "notes.txt").write_text("the user's", encoding="utf-8")
    old = time.time() - cache_module.STALE_STAGING_SECONDS - 60
    for name in (".season-desa.0123abcd.tmp", "season-desa-0123456789abcdef.parquet"):  # named as cache files
        (own / name).write_bytes(b"PAR1")
        os.utime(own / name, (old, old))
    before = _listing(own)
    folder = data_dir / "2025" / ".cache"
    if place == "link":
        folder.symlink_to(own)
        options = []
    else:
        folder, options = own, ["--cache-dir", str(own.parent)]
    out = tmp_path / "skor.csv"
    args = ["--data-dir", str(data_dir), "--lang", "en", *options]
    assert main([command, *args, *(["--out", str(out)] if command == "score" else [])]) == 0
    err = capsys.readouterr().err
    assert _listing(own) == before
    said = f"could not be written to {folder} (it is not a cache folder: it holds {folder / 'notes.txt'}, "
    assert err.count("could not be written") == 1 and said in err, err
    assert "Traceback" not in err
    if command == "score":
        assert out.read_bytes() == _score_csv(data_dir, tmp_path / "fresh.csv", "--no-cache")


def test_a_link_to_an_empty_folder_is_used_and_tagged(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "empty"
    own.mkdir()
    (data_dir / "2025" / ".cache").symlink_to(own)
    cold = _score_csv(data_dir, tmp_path / "cold.csv")
    assert "could not be written" not in capsys.readouterr().err
    assert _tagged(own) and (own / "score-csv.json").is_file()
    planted = _plant_csv(data_dir, tmp_path)  # the warm path reads the cache there
    assert _score_csv(data_dir, tmp_path / "warm.csv") == planted != cold


def test_an_untagged_folder_of_the_caches_own_files_is_used_and_tagged(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier version's cache (no CACHEDIR.TAG), with what its killed writers left: written again, and tagged."""
    cold = _score_csv(data_dir, tmp_path / "cold.csv")
    folder = data_dir / "2025" / ".cache"
    (folder / "CACHEDIR.TAG").unlink(missing_ok=True)
    for left in (".season-desa.0123456789abcdef0123456789abcdef.tmp", ".season.json.abcd_123.tmp"):
        (folder / left).write_bytes(b"PAR1")
    capsys.readouterr()
    assert main(["validate", "--data-dir", str(data_dir), "--lang", "en"]) == 0  # which writes the season again
    assert "could not be written" not in capsys.readouterr().err
    assert _tagged(folder)
    monkeypatch.setattr(cache_module.SeasonCache, "read", lambda *a: pytest.fail("a table was read"))
    assert _score_csv(data_dir, tmp_path / "warm.csv") == cold  # the kept CSV, read from the cache


@pytest.mark.parametrize("place", [".cache", "cache-dir"])
def test_a_fresh_cache_is_tagged_with_the_exact_signature(data_dir: Path, tmp_path: Path, place: str) -> None:
    """The cache directory tag (https://bford.info/cachedir/): backup tools skip the folder."""
    options = ["--cache-dir", str(tmp_path / "caches")] if place == "cache-dir" else []
    _score_csv(data_dir, tmp_path / "skor.csv", *options)
    folder = tmp_path / "caches" / "2025" if options else data_dir / "2025" / ".cache"
    tag = (folder / "CACHEDIR.TAG").read_bytes()
    assert tag.startswith(b"Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag")
    assert b"Paritrana Workbook" in tag
    assert not [path for path in folder.iterdir() if path.name.startswith(".")]  # no temporary file left


@pytest.mark.parametrize(("refresh", "stale"), [(True, False), (False, False), (False, True)])
def test_a_file_written_while_the_season_is_read_is_not_stored_under_its_old_sha256(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, refresh: bool, stale: bool
) -> None:
    """Hashed while read (validate, or no entry in the cache), or before (an entry to compare with: a stale one)."""
    from paritrana_nb import season as season_module

    if stale:
        assert _cache(data_dir).write("season", "another key", {}, {})
    desa = data_dir / "2025" / "desa.csv"
    validated = season_module._validated

    def edited_meanwhile(*args: object, **options: object) -> LoadResult:
        result = validated(*args, **options)  # type: ignore[arg-type]
        text = desa.read_text(encoding="utf-8")
        desa.write_text(text.replace(text.splitlines()[1], text.splitlines()[1].replace(",", ", ", 1)), "utf-8")
        return result

    monkeypatch.setattr(season_module, "_validated", edited_meanwhile)
    first = load_season(2025, data_dir, cache=_cache(data_dir), refresh=refresh)
    assert first.season is not None and first.season.cache_key is None
    assert _cache(data_dir).holds("season") == stale  # nothing stored (the stale entry kept)
    monkeypatch.setattr(season_module, "_validated", validated)
    again = load_season(2025, data_dir, cache=_cache(data_dir), refresh=refresh)
    assert again.season is not None and again.season.cache_key is not None


def test_validate_writes_the_season_in_the_background_and_waits_for_it(data_dir: Path, tmp_path: Path) -> None:
    seen = _waited_caches(
        lambda: main(["validate", "--data-dir", str(data_dir), "--cache-dir", str(tmp_path / "cache")])
    )
    assert seen and all(cache.background for cache in seen)
    assert _no_writer_left()
    folder = tmp_path / "cache" / "2025"
    assert {p.name for p in folder.glob("*.json")} == {"season.json"} and not list(folder.glob(".*.tmp"))
    cache = SeasonCache.for_season(data_dir / "2025", tmp_path / "cache")
    _same(load_season(2025, data_dir, cache=cache), load_season(2025, data_dir))


@pytest.mark.parametrize("rows", [3, 1 << 16])
def test_text_columns_come_back_as_stored_repeated_or_distinct_missing_or_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int
) -> None:
    """Text is dictionary-encoded where it repeats and plain where it does not, decided on each block's first
    cells; whichever a block gets, the frame read back is the frame stored: its texts, its empty texts and its
    missing cells (None in one column, NaN in another) in their places."""
    monkeypatch.setattr(cache_module, "_BLOCK_ROWS", rows)
    n = 3000
    repeated = ["61", "", None, "62.01"] * (n // 4)
    distinct = [f"Desa {i}" if i % 7 else float("nan") for i in range(n)]
    turning = ["sama"] * 1500 + [f"lain {i}" for i in range(1500)]  # repeats at first, then does not
    frame = pd.DataFrame(
        {
            "kode": pd.Series(repeated, dtype=object),
            "nama": pd.Series(distinct, dtype=object),
            "jenis": pd.Series(turning, dtype="str"),
            "nilai": range(n),
        }
    )
    cache = SeasonCache(tmp_path / "cache")
    assert cache.write("season", "key", {"t": frame}, {})
    entry = cache.read("season", "key")
    assert entry is not None
    back = entry[0]["t"]
    pd.testing.assert_frame_equal(back, frame)
    assert back["kode"].iloc[2] is None and back["kode"].iloc[1] == ""
    assert isinstance(back["nama"].iloc[0], float)  # NaN stays NaN


def test_an_input_rewritten_with_its_size_and_time_kept_gets_a_new_key(data_dir: Path) -> None:
    """The season's key is hashed once per version of each file: a file rewritten with the same size and its
    modification time set back (as a copy keeping times may) is still a new version."""
    from paritrana_nb.season import season_cache_key

    desa = data_dir / "2025" / "desa.csv"
    before = season_cache_key(2025, data_dir)
    assert season_cache_key(2025, data_dir) == before
    stat = desa.stat()
    data = desa.read_bytes()
    at = data.index(b"\n") + 1  # the first data row's first character, swapped for another of the same size
    desa.write_bytes(data[:at] + (b"7" if data[at : at + 1] != b"7" else b"8") + data[at + 1 :])
    os.utime(desa, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert desa.stat().st_size == stat.st_size and desa.stat().st_mtime_ns == stat.st_mtime_ns
    assert season_cache_key(2025, data_dir) not in (before, None)


@pytest.mark.parametrize("kept", ["nothing", "a stale season", "a stale season and score CSV"])
def test_an_input_that_cannot_be_read_is_an_error_not_a_traceback(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kept: str
) -> None:
    """A file locked or unreadable (a spreadsheet program holding it, no permission): hashing it for the cache
    key, before or while it is read, and reading it both fail; the command reports it and stops."""
    from paritrana_nb import season as season_module

    if kept != "nothing":
        assert _cache(data_dir).write("season", "another key", {}, {})
    if kept.endswith("score CSV"):
        assert _cache(data_dir).write_file("score-csv", "another key", b"", {})
    read_bytes, hashed = Path.read_bytes, season_module._input_sha256

    def refused(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "read_bytes", lambda path: refused(path) if path.name == "desa.csv" else read_bytes(path))
    monkeypatch.setattr(
        season_module, "_input_sha256", lambda path: refused(path) if path.name == "desa.csv" else hashed(path)
    )
    assert season_module.season_cache_key(2025, data_dir) is None
    code = main(["score", "--data-dir", str(data_dir), "--out", str(tmp_path / "skor.csv"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "desa.csv" in err and "The file cannot be read: permission denied (the file may be open" in err
    assert not (tmp_path / "skor.csv").exists()


@pytest.mark.parametrize("writer", WRITERS)
def test_a_file_entry_given_in_chunks_is_read_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    """`score`'s CSV as its two processes made it (outputs.Chunks, parts in shared memory among them)."""
    _writer(monkeypatch, writer)
    background = SeasonCache(tmp_path / "cache", background=True)
    shared = forking.SharedBytes.of_size(16)
    assert shared is not None
    shared.sink("a")(memoryview(b"b,2\n"))
    chunks = (b"a,b\n", bytearray(b"a,1\n"), *shared.take(shared.places).values())
    assert background.write_file("score-csv", "key", chunks, {"n": 2})
    assert background.wait()
    assert SeasonCache(tmp_path / "cache").read_file("score-csv", "key") == (b"a,b\na,1\nb,2\n", {"n": 2})


def test_a_season_read_from_its_files_is_keyed_without_reading_the_region_list_again(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key names the region list the season was just checked against (`Season.referensi`): read in the forked
    reader, it was read a second time here only to be named (0.10-0.15 s of a national `score`)."""
    from paritrana_nb import season as season_module

    read, region_list = [], season_module.validate_codes.region_list
    monkeypatch.setattr(season_module.validate_codes, "region_list", lambda *args: read.append(1) or region_list(*args))
    cold = load_season(2025, data_dir, cache=SeasonCache(tmp_path / "cache"))
    assert cold.season is not None and len(read) == 1  # when its tables were read (here or in a forked process)
    warm = load_season(2025, data_dir, cache=SeasonCache(tmp_path / "cache"))
    assert warm.season is not None and warm.season.cache_key == cold.season.cache_key  # the same key, found again


def test_a_command_stopped_ends_its_forked_writers_at_once_and_leaves_no_staging_file(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command stopped (Ctrl-C) while its forked writers ran waited for them (1.04 s once): they ignore Ctrl-C.
    Stopped, they are ended, their half-written files removed, and no entry is left to read."""
    loaded = load_season(2025, data_dir)
    assert loaded.season is not None
    _writer(monkeypatch, "fork")
    written = cache_module._parquet

    def slow(*args: Any) -> None:
        written(*args)  # the staging file written, not yet renamed
        time.sleep(30)

    monkeypatch.setattr(cache_module, "_parquet", slow)
    background = SeasonCache(tmp_path / "cache", background=True)
    assert background.write("season", "key", {"desa": loaded.season.desa}, {})
    folder = tmp_path / "cache"
    deadline = time.monotonic() + 20
    while not list(folder.glob(".season-desa.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    cli._cache_failures(Namespace(season_cache=background, lang="en"), said=False)
    assert time.monotonic() - started < 2
    assert _no_writer_left() and not list(folder.glob(".*.tmp"))
    assert SeasonCache(folder).read("season", "key") is None and background.wait()
