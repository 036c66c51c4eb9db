"""The message catalogues as read once, kept in the user's cache folder (messages._kept_catalogue): a copy is used
only for the very bytes of the .po file it was read from and only as this machine sealed it; a .po file changed since
is read again, with its errors said; a cache folder that cannot be written costs only the time."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from paritrana_nb import messages
from paritrana_nb.messages import CatalogueError, _kept_catalogue

HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


def _po(folder: Path, text: str) -> Path:
    path = folder / "paritrana.po"
    path.write_text(f'{HEADER}msgctxt "a.key"\nmsgid "Text"\nmsgstr "{text}"\n', encoding="utf-8")
    return path


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "paritrana" / "messages"


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("en-*.json"))


def test_the_catalogue_is_read_from_its_copy_while_the_po_file_is_unchanged(
    tmp_path: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _po(tmp_path, "Teks")
    assert _kept_catalogue(path, "en")["a.key"].texts == ("Teks",)
    assert len(_copies(user_cache)) == 1

    def parse(*_args: object) -> None:
        raise AssertionError("the .po file was parsed although its copy is kept")

    monkeypatch.setattr(messages, "read_catalogue", parse)
    entry = _kept_catalogue(path, "en")["a.key"]
    assert entry == messages.Entry(("Teks",), ("Text",), False)


def test_a_changed_po_file_is_read_again_and_its_old_copy_removed(tmp_path: Path, user_cache: Path) -> None:
    path = _po(tmp_path, "Teks")
    _kept_catalogue(path, "en")
    path = _po(tmp_path, "Teks baru")
    assert _kept_catalogue(path, "en")["a.key"].texts == ("Teks baru",)
    assert len(_copies(user_cache)) == 1


def test_a_broken_po_file_is_refused_even_when_an_older_copy_is_kept(tmp_path: Path, user_cache: Path) -> None:
    path = _po(tmp_path, "Teks")
    _kept_catalogue(path, "en")
    path.write_text(path.read_text(encoding="utf-8") + "\n#, fuzzy\n" + 'msgctxt "b.key"\nmsgid "B"\nmsgstr "B"\n')
    with pytest.raises(CatalogueError, match=r"'b\.key' is marked fuzzy"):
        _kept_catalogue(path, "en")


@pytest.mark.parametrize("damage", ["edited", "cut short", "not json", "empty"])
def test_a_copy_edited_or_damaged_is_not_used(tmp_path: Path, user_cache: Path, damage: str) -> None:
    path = _po(tmp_path, "Teks")
    _kept_catalogue(path, "en")
    (copy,) = _copies(user_cache)
    data = copy.read_bytes()
    copy.write_bytes(
        {
            "edited": data.replace(b"Teks", b"<b>Forged</b>"),
            "cut short": data[: len(data) // 2],
            "not json": b"[1, 2\n" + data.rpartition(b"\n")[2],
            "empty": b"",
        }[damage]
    )
    assert _kept_catalogue(path, "en")["a.key"].texts == ("Teks",)
    assert _kept_catalogue(path, "en")["a.key"].texts == ("Teks",)  # the copy written anew is used


def test_a_copy_sealed_under_another_machines_key_is_not_used(
    tmp_path: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _po(tmp_path, "Teks")
    monkeypatch.setattr(messages, "seal", lambda data: "0" * 64)  # written under another key
    _kept_catalogue(path, "en")
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(user_cache.parent.parent))
    (copy,) = _copies(user_cache)
    copy.write_bytes(copy.read_bytes().replace(b"Teks", b"Forged"))
    assert _kept_catalogue(path, "en")["a.key"].texts == ("Teks",)


def test_a_cache_folder_that_cannot_be_written_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert _kept_catalogue(_po(tmp_path, "Teks"), "en")["a.key"].texts == ("Teks",)


def test_a_copy_replaced_by_a_pipe_is_not_read(tmp_path: Path, user_cache: Path) -> None:
    """A pipe would wait for a writer forever: the command would never start."""
    path = _po(tmp_path, "Teks")
    _kept_catalogue(path, "en")
    (copy,) = _copies(user_cache)
    copy.unlink()
    os.mkfifo(copy)
    done: list[str] = []
    reader = threading.Thread(target=lambda: done.append(_kept_catalogue(path, "en")["a.key"].texts[0]), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert done == ["Teks"]
