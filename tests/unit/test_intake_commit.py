"""`paritrana intake` writes the season's tables as one set: an intake killed at any step leaves, after the next
command, either the previous season's files or the new ones, never a mix of both."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from paritrana_nb.cli import main
from paritrana_nb.intake.merge import PROVENANCE_FILE, run_intake
from paritrana_nb.messages import t
from paritrana_nb.outputs import COMMIT_MARKER, STAGED_SUFFIX, FileSet, finish_commit, stage_file
from paritrana_nb.schema import TABLES
from paritrana_nb.season import SEASON_META, load_season

ROOT = Path(__file__).resolve().parents[2]
INBOX = ROOT / "data" / "2025" / "inbox"
NAMES = [*(f"{t.name}.csv" for t in TABLES), PROVENANCE_FILE, SEASON_META]
"""Every file intake writes into a season folder."""


class Killed(BaseException):
    """The process is killed here (SIGKILL, a power cut): nothing more reaches the disk, no cleanup runs."""


class Killer:
    """Notes the changes made to the files of `folder` (`log`: opening a file to write, renaming, deleting) and
    kills the process just before change number `at` (from 1; 0: never): that change and every later one raise
    Killed."""

    def __init__(self, folder: Path, at: int) -> None:
        self.folder = str(folder) + os.sep
        self.at = at
        self.log: list[str] = []
        self.dead = False

    def step(self, kind: str, *paths: object) -> None:
        if not any(os.fspath(p).startswith(self.folder) for p in paths if isinstance(p, (str, os.PathLike))):
            return
        if self.dead:
            raise Killed
        self.log.append(kind)
        if len(self.log) == self.at:
            self.dead = True
            raise Killed

    def patch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Route os.open (to write), os.replace, os.rename, os.unlink and os.remove through `step`."""
        writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC
        real_open, real_replace, real_rename, real_unlink = os.open, os.replace, os.rename, os.unlink
        real_fsync = os.fsync

        def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
            if flags & writing:
                self.step("open", path)
            return real_open(path, flags, *args, **kwargs)

        def replace(src: object, dst: object, *args: object, **kwargs: object) -> None:
            self.step("replace", src, dst)
            real_replace(src, dst, *args, **kwargs)

        def rename(src: object, dst: object, *args: object, **kwargs: object) -> None:
            self.step("rename", src, dst)
            real_rename(src, dst, *args, **kwargs)

        def unlink(path: object, *args: object, **kwargs: object) -> None:
            self.step("unlink", path)
            real_unlink(path, *args, **kwargs)

        def fsync(handle: int) -> None:
            if self.dead:
                raise Killed
            real_fsync(handle)

        monkeypatch.setattr(os, "open", open_)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "rename", rename)
        monkeypatch.setattr(os, "unlink", unlink)
        monkeypatch.setattr(os, "remove", unlink)
        monkeypatch.setattr(os, "fsync", fsync)


def _state(folder: Path) -> dict[str, bytes | None]:
    return {name: (folder / name).read_bytes() if (folder / name).is_file() else None for name in NAMES}


def _rows(table: bytes | None) -> int:
    """The rows of a CSV table written by the workbook (a header line, then one line per row)."""
    assert table is not None
    return table.count(b"\n") - 1


def _old_season(data: Path) -> Path:
    """The bundled season's tables in `data/2025` (the previous good season)."""
    folder = data / "2025"
    folder.mkdir(parents=True)
    for name in NAMES:
        if (ROOT / "data" / "2025" / name).is_file():
            shutil.copyfile(ROOT / "data" / "2025" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, bytes | None], dict[str, bytes | None]]]:
    """The season folder's files before (the bundled season) and after an intake of the bundled inbox into it."""
    data = tmp_path_factory.mktemp("data")
    folder = _old_season(data)
    old = _state(folder)
    run_intake(2025, INBOX, folder, data)
    new = _state(folder)
    assert old != new and {n for n in NAMES if old[n] != new[n]} >= {"pemda.csv", "desa.csv", PROVENANCE_FILE}
    yield old, new


def _killed_intake(data: Path, at: int, monkeypatch: pytest.MonkeyPatch) -> Killer:
    """Intake of the bundled inbox into `data/2025`, killed before its change number `at` to the folder (0: not
    killed; nor when it ended before that change: `killer.dead` says)."""
    killer = Killer(data / "2025", at)
    with monkeypatch.context() as patched:
        killer.patch(patched)
        with suppress(Killed):
            run_intake(2025, INBOX, data / "2025", data)
    return killer


def _first_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """The number of the first change an intake into the previous season makes that renames a file into place."""
    data = tmp_path / "probe"
    _old_season(data)
    return _killed_intake(data, 0, monkeypatch).log.index("replace") + 1


def _killed_after_first_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The data folder and the previous season's folder in it, once an intake into it was killed right after its
    first rename (past the point of no return)."""
    data = tmp_path / "data"
    folder = _old_season(data)
    assert _killed_intake(data, _first_rename(tmp_path, monkeypatch), monkeypatch).dead
    return data, folder


def test_an_intake_killed_at_any_step_leaves_the_old_set_or_the_new_one(
    sets: tuple[dict[str, bytes | None], dict[str, bytes | None]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = sets
    ended = []
    for at in range(1, 60):
        data = tmp_path / str(at)
        folder = _old_season(data)
        if not _killed_intake(data, at, monkeypatch).dead:
            assert _state(folder) == new
            break
        loaded = load_season(2025, data)  # the next command: validate, score, ...
        state = _state(folder)
        assert state in (old, new), f"killed before change {at}: {[n for n in NAMES if state[n] != old[n]]} are new"
        assert not (folder / COMMIT_MARKER).exists()
        if state == old:  # the staged files left beside the tables are not read: the previous season, valid
            assert loaded.season is not None and len(loaded.season.pemda) == _rows(old["pemda.csv"])
        ended.append("old" if state == old else "new")
        run_intake(2025, INBOX, folder, data)  # the next intake: the new set, nothing of the killed one left
        assert _state(folder) == new
        assert sorted(p.name for p in folder.iterdir()) == sorted(n for n in NAMES if new[n] is not None)
    else:
        pytest.fail("the intake did not end within 60 changes")
    assert "old" in ended and "new" in ended  # killed both before and after the point of no return, which is one:
    assert ended == sorted(ended, key=["old", "new"].index)  # every kill before it ends old, every one after new


def test_a_command_killed_while_it_finishes_a_killed_commit_leaves_the_rest_to_the_next(
    sets: tuple[dict[str, bytes | None], dict[str, bytes | None]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, folder = _killed_after_first_rename(tmp_path, monkeypatch)
    reader = Killer(folder, 2)  # killed before its second rename
    with monkeypatch.context() as patched, suppress(Killed):
        reader.patch(patched)
        load_season(2025, data)
    assert reader.dead and reader.log == ["replace", "replace"] and (folder / COMMIT_MARKER).exists()
    load_season(2025, data)
    assert _state(folder) == sets[1] and not (folder / COMMIT_MARKER).exists()


def test_a_stale_staged_file_is_never_read_as_a_table(tmp_path: Path) -> None:
    folder = _old_season(tmp_path)
    old = _state(folder)
    for name in ("pemda.csv", "desa.csv"):
        (folder / f".{name}{STAGED_SUFFIX}").write_bytes(b"kode_wilayah\nrusak\n")  # half written, then killed
    loaded = load_season(2025, tmp_path)
    assert loaded.season is not None and loaded.report.ok
    assert len(loaded.season.pemda) == _rows(old["pemda.csv"])
    assert _state(folder) == old
    with FileSet(folder) as files:  # the next set written there deletes them
        files.add("catatan.csv", b"a\n1\n")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(n for n in NAMES if old[n] is not None), "catatan.csv"]
    )


def test_a_set_left_by_an_error_keeps_the_previous_files_and_no_staged_one(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"old a")
    (tmp_path / "b.csv").write_bytes(b"old b")
    with pytest.raises(ValueError), FileSet(tmp_path) as files:
        files.add("a.csv", b"new a")
        raise ValueError("the next table could not be made")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    assert (tmp_path / "a.csv").read_bytes() == b"old a"


def test_a_folder_where_a_file_of_the_set_goes_is_refused_before_any_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"old a")
    (tmp_path / "b.csv").mkdir()
    with pytest.raises(OSError, match=r"b\.csv") as raised, FileSet(tmp_path) as files:
        files.add("a.csv", b"new a")
        files.add("b.csv", b"new b")
    assert raised.value.filename == str(tmp_path / "b.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    assert (tmp_path / "a.csv").read_bytes() == b"old a"


def test_a_folder_where_no_file_can_be_made_is_refused_as_the_set_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder (its file system mounted read-only: root too is refused) is said before the set's work,
    naming the folder: `paritrana run` into one made every report first, then said it at the first file written."""
    (tmp_path / "a.html").write_bytes(b"old a")
    opened = os.open

    def read_only(path: object, flags: int, *args: object, **kwargs: object) -> int:
        nameless = hasattr(os, "O_TMPFILE") and flags & os.O_TMPFILE == os.O_TMPFILE  # a file made in folder `path`
        if (nameless and Path(str(path)) == tmp_path) or (flags & os.O_CREAT and Path(str(path)).parent == tmp_path):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return opened(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    worked = []
    with pytest.raises(OSError) as raised, FileSet(tmp_path):
        worked.append("the set's work")
    assert worked == [] and raised.value.errno == errno.EROFS and raised.value.filename == str(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_killed_commit_that_cannot_be_finished_is_one_clear_error(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, folder = _killed_after_first_rename(tmp_path, monkeypatch)
    assert (folder / COMMIT_MARKER).exists()  # killed after the commit began, before any table was renamed

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(args[1]))

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", refused)
        code = main(["validate", "--season", "2025", "--data-dir", str(data), "--lang", lang, "--no-cache"])
        out = capsys.readouterr()
        assert code == 1 and "Traceback" not in out.out + out.err
        expected = {"id": "terhenti saat menaruh tabel-tabelnya", "en": "was stopped while it put its tables in place"}
        assert expected[lang] in out.out and str(folder) in out.out
        intake = ["intake", "--season", "2025", "--from", str(INBOX), "--out", str(folder), "--lang", lang]
        assert main([*intake, "--data-dir", str(data)]) == 1
        assert expected[lang] in capsys.readouterr().err
    assert main(["validate", "--season", "2025", "--data-dir", str(data), "--no-cache"]) == 1  # finished: the new set
    assert not (folder / COMMIT_MARKER).exists() and "perangkat_terlindungi" in capsys.readouterr().out


def test_score_after_a_killed_commit_scores_the_new_tables_not_the_previous_kept_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _old_season(data)
    out = tmp_path / "skor.csv"
    score = ["score", "--season", "2025", "--data-dir", str(data), "--params-dir", str(ROOT / "params"), "--lang", "en"]
    assert main([*score, "--out", str(out)]) == 0  # the previous season's scores, kept in its cache
    capsys.readouterr()
    assert _killed_intake(data, _first_rename(tmp_path, monkeypatch), monkeypatch).dead
    assert main([*score, "--out", str(tmp_path / "again.csv")]) == 1  # the new tables: their village file's error
    assert "perangkat_terlindungi" in capsys.readouterr().err and not (tmp_path / "again.csv").exists()


_KILLED_IN_THE_COMMIT = """
import os, signal, sys
from paritrana_nb.intake.merge import run_intake

inbox, folder, data = sys.argv[1:]
real_replace = os.replace

def replace(src, dst, *args, **kwargs):
    if os.path.dirname(os.fspath(dst)) == folder and os.path.exists(os.fspath(dst)):
        os.kill(os.getpid(), signal.SIGKILL)  # killed before the second table is put in place: no cleanup runs
    real_replace(src, dst, *args, **kwargs)

os.replace = replace
run_intake(2025, inbox, folder, data)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_an_intake_killed_by_sigkill_in_its_commit_is_finished_by_the_next_command(
    sets: tuple[dict[str, bytes | None], dict[str, bytes | None]], tmp_path: Path
) -> None:
    old, new = sets
    folder = _old_season(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", _KILLED_IN_THE_COMMIT, str(INBOX), str(folder), str(tmp_path)]
    killed = subprocess.run(command, env=env, check=False)
    assert killed.returncode == -signal.SIGKILL
    state = _state(folder)
    assert state not in (old, new)  # one table of the new set in place (asal_baris.csv: it replaced none), the rest not
    assert load_season(2025, tmp_path).season is None  # the new tables, with their village file's error
    assert _state(folder) == new
    assert sorted(p.name for p in folder.iterdir()) == sorted(n for n in NAMES if new[n] is not None)


def test_template_after_a_killed_commit_reads_the_finished_folder(
    sets: tuple[dict[str, bytes | None], dict[str, bytes | None]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, folder = _killed_after_first_rename(tmp_path, monkeypatch)
    template = ["template", "--season", "2025", "--data-dir", str(data), "--province", "kalbar"]
    assert main([*template, "--out", str(tmp_path / "templat")]) == 0
    assert _state(folder) == sets[1] and not (folder / COMMIT_MARKER).exists()


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, staged and marker files included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_set_over_subfolders_replaces_their_files_together_and_holds_what_it_staged(tmp_path: Path) -> None:
    (tmp_path / "61" / "desa").mkdir(parents=True)
    (tmp_path / "61" / "desa" / "a.html").write_bytes(b"old a")
    with FileSet(tmp_path) as files:
        place = files.subfolder("61/desa")
        stage_file(place / "a.html", "new a", durable=False)
        stage_file(place / "b.html", b"new b")
        stage_file(files.subfolder("61") / "index.html", b"index")
        assert (place / "a.html").read_bytes() == b"old a"  # nothing replaced before the commit
        assert files.holds(place / "b.html") and not (place / "b.html").exists()
        assert not files.holds(place / "c.html")
    assert _tree(tmp_path) == {"61/desa/a.html": b"new a", "61/desa/b.html": b"new b", "61/index.html": b"index"}


def test_a_set_over_subfolders_left_by_an_error_keeps_every_earlier_file(tmp_path: Path) -> None:
    (tmp_path / "61" / "desa").mkdir(parents=True)
    (tmp_path / "61" / "desa" / "a.html").write_bytes(b"old a")
    with pytest.raises(OSError), FileSet(tmp_path) as files:
        place = files.subfolder("61/desa")
        stage_file(place / "a.html", b"new a")
        raise OSError(errno.ENOSPC, "No space left on device", str(place / "b.html"))
    assert _tree(tmp_path) == {"61/desa/a.html": b"old a"}


def test_files_staged_in_a_subfolder_by_a_set_killed_before_its_commit_are_never_taken(tmp_path: Path) -> None:
    place = tmp_path / "61" / "desa"
    place.mkdir(parents=True)
    (place / "a.html").write_bytes(b"old a")
    (place / f".a.html{STAGED_SUFFIX}").write_bytes(b"killed run's a")  # no marker: killed before the commit
    (place / f".b.html{STAGED_SUFFIX}").write_bytes(b"killed run's b")
    finish_commit(tmp_path)
    assert (place / "a.html").read_bytes() == b"old a" and not (place / "b.html").exists()
    with FileSet(tmp_path) as files:
        files.subfolder("61/desa")  # a set writing there again deletes them first
        assert not files.holds(place / "b.html")
        stage_file(place / "c.html", b"new c")
    assert _tree(tmp_path) == {"61/desa/a.html": b"old a", "61/desa/c.html": b"new c"}


def test_a_commit_over_subfolders_killed_midway_is_finished_by_the_next_reader(tmp_path: Path) -> None:
    place = tmp_path / "61" / "desa"
    place.mkdir(parents=True)
    (place / "a.html").write_bytes(b"new a")  # renamed before the kill
    (place / "b.html").write_bytes(b"old b")
    (place / f".b.html{STAGED_SUFFIX}").write_bytes(b"new b")
    (tmp_path / f".index.html{STAGED_SUFFIX}").write_bytes(b"new index")
    (tmp_path / COMMIT_MARKER).write_text("61/desa\n", encoding="utf-8")
    finish_commit(tmp_path)
    assert _tree(tmp_path) == {"61/desa/a.html": b"new a", "61/desa/b.html": b"new b", "index.html": b"new index"}


def test_a_commit_marker_naming_a_folder_outside_its_own_is_not_followed(tmp_path: Path) -> None:
    season, outside = tmp_path / "2025", tmp_path / "elsewhere"
    season.mkdir()
    outside.mkdir()
    (outside / f".x.html{STAGED_SUFFIX}").write_bytes(b"x")
    (season / "note.txt").write_bytes(b"a file")
    marker = f"../elsewhere\n{outside}\nnote.txt\n"
    (season / COMMIT_MARKER).write_text(marker, encoding="utf-8")
    finish_commit(season)
    assert not (outside / "x.html").exists() and (outside / f".x.html{STAGED_SUFFIX}").exists()
    assert not (season / COMMIT_MARKER).exists()


def test_a_set_writes_through_a_subfolder_that_is_a_link_as_it_staged_there(tmp_path: Path) -> None:
    """A province's cards kept on another disk (its folder a link): the commit renames what the set staged there."""
    season, disk = tmp_path / "2025", tmp_path / "disk" / "61"
    disk.mkdir(parents=True)
    season.mkdir()
    (season / "61").symlink_to(disk)
    (disk / "a.html").write_bytes(b"old a")
    with FileSet(season) as files:
        stage_file(files.subfolder("61") / "a.html", b"new a")
    assert (disk / "a.html").read_bytes() == b"new a" and not (season / COMMIT_MARKER).exists()
    assert sorted(p.name for p in disk.iterdir()) == ["a.html"]


_HOLDER = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from paritrana_nb.outputs import FileSet\n"
    "with FileSet(Path(sys.argv[1])):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(float(sys.argv[2]))\n"
)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_command_waiting_for_another_writing_its_folder_says_so_then_goes_on(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another command's set (a `paritrana run` writing its reports for minutes) holds the folder: a command writing
    there waits, and says why, instead of seeming to hang."""
    data, out = tmp_path / "data", tmp_path / "templat"
    _old_season(data)
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(out), "1.5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        args = ["--lang", lang, "template", "--season", "2025", "--data-dir", str(data), "--out", str(out)]
        assert main(args) == 0
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
        holder.wait()
    assert t("cli.folder_busy", lang, folder=out) in capsys.readouterr().err
    assert any(out.glob("*.xlsx"))


def test_a_command_writing_a_folder_no_one_else_writes_says_nothing_of_waiting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, out = tmp_path / "data", tmp_path / "templat"
    _old_season(data)
    assert main(["--lang", "en", "template", "--season", "2025", "--data-dir", str(data), "--out", str(out)]) == 0
    assert "Waiting" not in capsys.readouterr().err


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_asked_while_a_set_is_renamed_into_place_waits_for_the_whole_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    """Ctrl-C (or SIGTERM) in the moment `intake` renamed its tables into place stopped it between two renames: the
    command said that no file was left half-written, yet the folder held new tables beside old ones (and the marker)
    until the next command reading it finished the commit. The stop now waits for the set's last rename."""
    for name in ("a.csv", "b.csv", "c.csv"):
        (tmp_path / name).write_bytes(b"old")
    renamed = Path.replace

    def stopped_midway(self: Path, target: Path) -> Path:
        done = renamed(self, target)
        if Path(target).name == "a.csv":
            signal.raise_signal(signum)  # as a terminal's Ctrl-C, or `kill`, reaches the process right here
        return done

    class Stopped(Exception):
        pass

    def stop(_signum: int, _frame: object) -> None:
        raise Stopped

    monkeypatch.setattr(Path, "replace", stopped_midway)
    previous = signal.signal(signum, stop)
    try:
        with pytest.raises(Stopped), FileSet(tmp_path) as files:
            for name in ("a.csv", "b.csv", "c.csv"):
                files.add(name, b"new")
    finally:
        signal.signal(signum, previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv", "c.csv"]
    assert {(tmp_path / name).read_bytes() for name in ("a.csv", "b.csv", "c.csv")} == {b"new"}
