"""The methodology file: the shipped default, every error class with file + key path + fix, saving."""

from __future__ import annotations

import copy
import os
import pickle
from pathlib import Path
from typing import get_args

import pytest
import yaml

from paritrana_nb.cli import main
from paritrana_nb.engine import csv_text, score_season, scores_key
from paritrana_nb.indicators import KNOWN_INDICATORS
from paritrana_nb.messages import t
from paritrana_nb.methodology import (
    WEIGHT_MAX,
    WEIGHT_MIN,
    Methodology,
    MethodologyInvalid,
    default_methodology_path,
    dump_methodology,
    key_path,
    key_text,
    load_methodology,
    parse_methodology,
    save_methodology,
)
from paritrana_nb.report.context import prepare_season
from paritrana_nb.schema import JENIS, PARTICIPANT_TABLES, SKALA, TINGKAT, ParticipantTableName
from paritrana_nb.season import Season
from paritrana_nb.yamldata import MAX_BYTES, Place
from scoring_fixtures import DEFAULT_METHODOLOGY, PROJECT, SMALL_METHODOLOGY, methodology_data


def _write(tmp_path: Path, data: object, name: str = "metodologi.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _problems(path: Path, lang: str = "en", **kwargs: object) -> list[str]:
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path, **kwargs)
    return caught.value.messages(lang)


def _only(messages: list[str], *needles: str) -> str:
    hits = [m for m in messages if all(n in m for n in needles)]
    assert len(hits) == 1, messages
    return hits[0]


def _default() -> Methodology:
    return load_methodology(default_methodology_path(DEFAULT_METHODOLOGY.parents[1], 2025), musim=2025)


def test_the_default_methodology_is_read_as_written() -> None:
    # the values expected are the file's own, read with plain PyYAML: nothing dropped, defaulted or changed
    assert yaml.safe_load(dump_methodology(_default())) == methodology_data()


def test_the_default_methodology_keeps_its_documented_rules() -> None:
    m = _default()
    pemda, pemprov = m.kategori["pemda"], m.kategori["pemprov"]
    # provincial governments are judged like regencies and cities: same indicators, weights, aspects and tie-break
    assert (pemprov.indicators, pemprov.aspects, pemprov.tie_break) == (
        pemda.indicators,
        pemda.aspects,
        pemda.tie_break,
    )
    # every default indicator is "higher is better" (arrears enter as tertib_iuran, which falls as they grow)
    assert {i.direction for c in m.kategori.values() for i in c.indicators} == {"higher"}
    # Perpres 109/2013 Art. 6: large and medium businesses JKK, JKM, JHT and JP; small ones JKK, JKM and JHT;
    # micro ones JKK and JKM (JKP is no separate enrolment)
    expected = {
        "besar": ("jkk", "jkm", "jht", "jp"),
        "menengah": ("jkk", "jkm", "jht", "jp"),
        "kecil": ("jkk", "jkm", "jht"),
        "mikro": ("jkk", "jkm"),
    }
    for skala, programmes in expected.items():
        [category] = [c for c in m.kategori.values() if c.peserta.tabel == "badan_usaha" and skala in c.peserta.skala]
        assert category.programmes_for(skala) == programmes, skala
    # every participant a valid season can hold has a category: no row is left unscored
    kinds = {
        "pemda": [c.peserta.tingkat or TINGKAT for c in m.kategori.values() if c.peserta.tabel == "pemda"],
        "badan_usaha": [c.peserta.skala or SKALA for c in m.kategori.values() if c.peserta.tabel == "badan_usaha"],
        "desa": [c.peserta.jenis or JENIS for c in m.kategori.values() if c.peserta.tabel == "desa"],
    }
    assert {table: sorted(v for values in found for v in values) for table, found in kinds.items()} == {
        "pemda": sorted(TINGKAT),
        "badan_usaha": sorted(SKALA),
        "desa": sorted(JENIS),
    }


def test_default_path() -> None:
    assert default_methodology_path("params", 2025) == Path("params") / "2025" / "metodologi.yaml"


def test_unknown_key_names_file_path_and_fix(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][2]["bobot"] = 15
    data["catatan"] = "x"
    path = _write(tmp_path, data)
    messages = _problems(path)
    nested = _only(messages, "kategori.pemda.indicators[2].bobot")
    assert str(path) in nested and "capaian_target" in nested
    assert "Allowed keys: id, label, direction, goalposts, weight" in nested and "Remove the key" in nested
    assert "'catatan'" in _only(messages, "key 'catatan'")
    assert "kunci 'catatan'" in " ".join(_problems(path, "id"))


@pytest.mark.parametrize("weight", [0, -5, "20", True, float("inf")])
def test_weight_must_be_a_positive_number(tmp_path: Path, weight: object) -> None:
    data = methodology_data()
    data["kategori"]["desa"]["indicators"][1]["weight"] = weight
    path = _write(tmp_path, data)
    message = _only(_problems(path), "kategori.desa.indicators[1].weight")
    assert str(path) in message and "perangkat" in message
    assert "number" in message


def test_zero_weight_message_says_how_to_fix(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["weight"] = 0
    message = _only(_problems(_write(tmp_path, data)), "kategori.pemda.indicators[0].weight")
    assert "greater than 0" in message and "remove its whole entry" in message


@pytest.mark.parametrize("goalposts", [[10, -10], [5, 5]])
def test_goalposts_lo_must_be_below_hi(tmp_path: Path, goalposts: list[int]) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][1]["goalposts"] = goalposts
    path = _write(tmp_path, data)
    message = _only(_problems(path), "kategori.pemda.indicators[1].goalposts")
    assert str(path) in message and "ucj_naik" in message
    assert f"lower goalpost {goalposts[0]} must be smaller than the upper goalpost {goalposts[1]}" in message
    assert "[lo, hi]" in message


def test_goalposts_need_two_numbers(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["desa"]["indicators"][0]["goalposts"] = [0]
    assert "at least 2" in _only(_problems(_write(tmp_path, data)), "kategori.desa.indicators[0].goalposts")


def test_unknown_indicator_lists_the_known_ones(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["desa"]["indicators"][0]["id"] = "cakupan"
    data["kategori"]["desa"]["tie_break"] = "cakupan"
    path = _write(tmp_path, data)
    message = _only(_problems(path), "kategori.desa.indicators[0].id")
    assert str(path) in message and "'cakupan'" in message
    assert ", ".join(KNOWN_INDICATORS["desa"]) in message


def test_indicator_of_another_participant_type_is_unknown(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["id"] = "kepesertaan"
    data["kategori"]["pemda"]["tie_break"] = "kepesertaan"
    assert "does not exist for participants of table pemda" in _only(
        _problems(_write(tmp_path, data)), "kategori.pemda.indicators[0].id"
    )


@pytest.mark.parametrize("dokumen, wawancara", [(0.8, 0.3), (0.5, 0.4), (1.0, 0.1)])
def test_stage_weights_must_sum_to_one(tmp_path: Path, dokumen: float, wawancara: float) -> None:
    data = methodology_data()
    data["kategori"]["bu_kecil_mikro"]["stage_weights"] = {"dokumen": dokumen, "wawancara": wawancara}
    path = _write(tmp_path, data)
    message = _only(_problems(path), "kategori.bu_kecil_mikro.stage_weights")
    assert str(path) in message and "must add up to exactly 1" in message
    assert "Bobot tahap" in _only(_problems(path, "id"), "kategori.bu_kecil_mikro.stage_weights")


def test_stage_weights_are_written_in_the_messages_language(tmp_path: Path) -> None:
    """The weights and their sum are numbers of the message (0,7 in Bahasa Indonesia), the example is YAML."""
    data = methodology_data()
    data["kategori"]["pemda"]["stage_weights"] = {"dokumen": 0.7, "wawancara": 0.45}
    path = _write(tmp_path, data)
    where = "kategori.pemda.stage_weights"
    indonesian = _only(_problems(path, "id"), where)
    assert "dokumen (0,7) + wawancara (0,45) = 1,15; jumlahnya" in indonesian
    assert "Misalnya dokumen: 0.7 dan wawancara: 0.3." in indonesian
    assert "dokumen (0.7) + wawancara (0.45) = 1.15; they must" in _only(_problems(path), where)


def test_a_stage_weight_far_from_1_is_written_in_powers_of_ten(tmp_path: Path) -> None:
    """`dokumen: 1e-300` was written with its 300 decimals in the message (0,000...0001), the line 302 characters."""
    data = methodology_data()
    data["kategori"]["pemda"]["stage_weights"] = {"dokumen": 1e-300, "wawancara": 0.5}
    path = _write(tmp_path, data)
    where = "kategori.pemda.stage_weights"
    assert "dokumen (1 × 10⁻³⁰⁰) + wawancara (0,5) = 0,5; jumlahnya" in _only(_problems(path, "id"), where)
    assert "dokumen (1 × 10⁻³⁰⁰) + wawancara (0.5) = 0.5; they must" in _only(_problems(path), where)


def test_stage_weights_within_tolerance_are_accepted(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["stage_weights"] = {"dokumen": 0.6, "wawancara": 0.4 + 1e-12}
    assert load_methodology(_write(tmp_path, data)).kategori["pemda"].stage_weights.dokumen == 0.6


def test_tie_break_must_be_one_of_the_category_indicators(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["tie_break"] = "cakupan_desa"
    message = _only(_problems(_write(tmp_path, data)), "kategori.pemda.tie_break")
    assert "ucj, ucj_naik, capaian_target, rentan_apbd, regulasi" in message


def test_a_text_cut_at_a_comma_in_braces_is_told_to_be_quoted(tmp_path: Path) -> None:
    """`label: {id: Cakupan (PU, BPU), en: ...}` makes YAML read `BPU)` as a key without a value: it was told only
    "Key 'BPU)' is not known here ... correct its spelling", while the fix is quotes around the label."""
    text = _write(tmp_path, methodology_data()).read_text(encoding="utf-8")
    block = "label:\n        id: Cakupan universal jamsostek (%)\n        en: Universal coverage (%)"
    assert block in text
    path = tmp_path / "koma.yaml"
    path.write_text(text.replace(block, "label: {id: Cakupan (PU, BPU), en: Coverage}", 1), encoding="utf-8")
    key = "kategori.pemda.indicators[0].label.BPU)"
    english = _only(_problems(path), key)
    assert (
        "Key 'BPU)' is not known here. Written without a value, it may be the end of a text cut at a comma" in english
    )
    assert 'a text holding a comma goes in quotes, e.g. {id: "Perda, Perkada"}' in english, english
    assert "teks yang memuat koma ditulis dalam tanda kutip" in _only(_problems(path, "id"), key)
    data = methodology_data()
    data["kategori"]["pemda"]["warna"] = None  # a key of a name, without a value: no such hint
    assert "cut at a comma" not in _only(_problems(_write(tmp_path, data)), "kategori.pemda.warna")


def test_an_id_given_twice_names_where_the_repeat_stands(tmp_path: Path) -> None:
    """An indicator added again at a list's end was named at the first one alone ("Remove one of them"), which the
    user had not touched: the message names where the other stands too."""
    data = methodology_data()
    indicators = data["kategori"]["desa"]["indicators"]
    indicators.append(dict(indicators[0]))
    path = _write(tmp_path, data)
    again = f"kategori.desa.indicators[{len(indicators) - 1}]"
    english = _only(_problems(path), "kategori.desa.indicators[0]", "more than once")
    assert f"more than once in this list: also at '{again}'. Remove one of them." in english, english
    indonesian = _only(_problems(path, "id"), "kategori.desa.indicators[0]", "lebih dari sekali")
    assert f"lebih dari sekali dalam daftar ini: juga di '{again}'. Hapus salah satunya." in indonesian, indonesian


def test_duplicates_and_programmes(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["aspects"] = ["inovasi", "inovasi"]
    data["kategori"]["pemda"]["programmes_expected"] = ["jkk"]
    data["kategori"]["desa"]["indicators"].append(dict(data["kategori"]["desa"]["indicators"][0]))
    del data["kategori"]["bu_kecil_mikro"]["programmes_expected"]
    messages = _problems(_write(tmp_path, data))
    assert "more than once" in _only(messages, "kategori.pemda.aspects[0]")
    assert "more than once" in _only(messages, "kategori.desa.indicators[0]", "cakupan_desa")
    assert "whose peserta table is badan_usaha" in _only(messages, "kategori.pemda.programmes_expected")
    assert "needs programmes_expected" in _only(messages, "kategori.bu_kecil_mikro.programmes_expected")


def test_programmes_missing_for_the_indicator_and_for_awards_is_said_once(tmp_path: Path) -> None:
    """A category scoring `program` without programmes_expected, and two special awards on its `program`: the
    category's check and each award's named the same missing key with the same words, three lines for one problem."""
    data = methodology_data()
    del data["kategori"]["bu_besar_menengah"]["programmes_expected"]
    for number in (1, 2):
        data["penghargaan_khusus"].append(
            {
                "id": f"program_{number}",
                "label": {"id": f"Program {number}", "en": f"Programmes {number}"},
                "kategori": "bu_besar_menengah",
                "aturan": {"indikator": "program", "minimal": 100},
            }
        )
    messages = _problems(_write(tmp_path, data))
    assert "needs programmes_expected" in _only(messages, "kategori.bu_besar_menengah.programmes_expected")
    assert len(messages) == 1, messages


def test_any_category_id_direction_and_programme(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["koperasi"] = {
        **data["kategori"]["bu_kecil_mikro"],
        "label": {"id": "Koperasi", "en": "Cooperatives"},
        "programmes_expected": ["jkk", "jkm"],
        "peserta": {"tabel": "badan_usaha", "sektor": ["Koperasi"]},
    }
    data["kategori"]["desa"]["indicators"][0]["direction"] = "sideways"
    data["kategori"]["bu_kecil_mikro"]["programmes_expected"] = ["jkk", "jkn"]
    messages = _problems(_write(tmp_path, data))
    assert not [m for m in messages if "koperasi" in m], messages  # any id matching [a-z][a-z0-9_]*
    assert "higher, lower" in _only(messages, "kategori.desa.indicators[0].direction")
    assert "jkk, jkm, jht, jp, jkp" in _only(messages, "kategori.bu_kecil_mikro.programmes_expected[1]")


def test_an_id_longer_than_files_and_data_cells_hold_is_refused(tmp_path: Path) -> None:
    """A category id of 260 characters was valid, then its cards' folder and its jurors' sheets could not be written;
    an aspect id of 150 characters was valid, and every `aspek` cell naming it was refused (at most 100)."""

    def with_ids(category: str, aspect: str) -> dict[str, object]:
        data = methodology_data()
        data["kategori"][category] = {
            **data["kategori"]["bu_kecil_mikro"],
            "label": {"id": "Koperasi", "en": "Cooperatives"},
            "programmes_expected": ["jkk", "jkm"],
            "peserta": {"tabel": "badan_usaha", "sektor": ["Koperasi"]},
        }
        data["kategori"]["desa"]["aspects"].append(aspect)
        return data

    messages = _problems(_write(tmp_path, with_ids("p" * 65, "a" * 101)))
    assert "This id is 65 characters long; an id may have at most 64" in _only(messages, f"kategori.{'p' * 65}'")
    aspect = _only(messages, "kategori.desa.aspects[")
    assert "This id is 101 characters long; an id may have at most 100" in aspect
    indonesian = _problems(_write(tmp_path, with_ids("p" * 65, "a" * 100)), "id")
    assert len(indonesian) == 1 and "paling banyak 64 karakter" in indonesian[0], indonesian
    load_methodology(_write(tmp_path, with_ids("k" * 64, "a" * 100)))  # the longest ids allowed


def test_missing_keys(tmp_path: Path) -> None:
    data = methodology_data()
    del data["kategori"]["pemda"]["tie_break"]
    del data["musim"]
    messages = _problems(_write(tmp_path, data))
    assert "Required key 'tie_break'" in _only(messages, "kategori.pemda.tie_break")
    assert "Required key 'musim'" in _only(messages, "key 'musim'")


def test_season_mismatch(tmp_path: Path) -> None:
    path = _write(tmp_path, methodology_data())
    message = _only(_problems(path, musim=2026), "key 'musim'")
    assert "season 2025" in message and "season 2026" in message


@pytest.mark.parametrize(
    ("musim", "asked", "example"),
    [("'2025'", 2025, "musim: 2025"), ("'2025'", None, "musim: 2025"), ("2025.0", 2025, "musim: 2025")],
)
def test_a_season_not_written_as_a_year_is_shown_as_one(
    tmp_path: Path, musim: str, asked: int | None, example: str
) -> None:
    """`musim: '2025'` was told to be a whole number "e.g. 5": no year."""
    path = tmp_path / "metodologi.yaml"
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8").replace("\nmusim: 2025\n", f"\nmusim: {musim}\n")
    path.write_text(text, encoding="utf-8")
    english = _only(_problems(path, musim=asked), "key 'musim'")
    assert f"must be a year without quotes, e.g. {example}." in english and "e.g. 5" not in english
    indonesian = _only(_problems(path, "id", musim=asked), "kunci 'musim'")
    assert f"harus tahun tanpa tanda kutip, misalnya {example}." in indonesian


def test_file_missing_yaml_errors_and_non_mapping(tmp_path: Path) -> None:
    assert "not found" in _only(_problems(tmp_path / "nope.yaml"), "nope.yaml")
    assert "This is a folder, not a methodology file" in _only(_problems(tmp_path), str(tmp_path))
    broken = tmp_path / "broken.yaml"
    broken.write_text("musim: 2025\nkategori: [pemda\n", encoding="utf-8")
    assert "Not valid YAML (line" in _only(_problems(broken), "broken.yaml")
    listed = _write(tmp_path, [1, 2], "list.yaml")
    assert "mapping" in _only(_problems(listed), "list.yaml")


def test_a_methodology_name_that_is_no_file_is_not_said_to_be_missing(tmp_path: Path) -> None:
    """`--methodology` naming a pipe, a device or a link to nothing was told "file not found"."""
    os.mkfifo(tmp_path / "pipa.yaml")
    (tmp_path / "nol.yaml").symlink_to("/dev/zero")
    (tmp_path / "hilang.yaml").symlink_to(tmp_path / "tidak_ada.yaml")
    for name in ("pipa.yaml", "nol.yaml", "hilang.yaml"):
        message = _only(_problems(tmp_path / name), name)
        assert "not as a readable file" in message and "not found" not in message, message


def test_a_methodology_that_cannot_be_read_is_said_to_be_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file without read permission raised PermissionError: a traceback in a notebook and from the Python API, and
    validate told it instead of the season's data."""
    path = tmp_path / "metodologi.yaml"
    path.write_text(DEFAULT_METHODOLOGY.read_text(encoding="utf-8"), encoding="utf-8")
    read_bytes = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self.name == path.name:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refused)  # chmod 000 does not stop root
    english = _only(_problems(path, musim=2025), str(path))
    assert "The file cannot be read: permission denied" in english and "its permissions" in english, english
    indonesian = _only(_problems(path, "id", musim=2025), str(path))
    assert "Berkas tidak dapat dibaca: tidak ada izin" in indonesian, indonesian


def test_a_params_folder_that_is_a_file_is_said_to_be_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "skor.csv").write_text("x\n", encoding="utf-8")
    path = Path("skor.csv/2025/metodologi.yaml")
    message = _only(_problems(path, option="--season"), "skor.csv/2025/metodologi.yaml")
    assert "Methodology file not found: skor.csv is a file, not a folder. --params-dir names" in message, message


def test_a_params_folder_not_there_names_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run from another folder than the project's: params/ is looked for there; a season without its
    methodology (params/ there, params/2026/ not) keeps the advice to copy the default file."""
    monkeypatch.chdir(tmp_path)
    command = {"option": "--season"}  # the command line's file: told with its options
    message = _only(_problems(Path("params/2025/metodologi.yaml"), **command), "params/2025/metodologi.yaml")
    assert "Methodology file not found. The folder params is not there either" in message, message
    assert f"looked for in the current folder {tmp_path}: run the command from the project folder" in message
    (tmp_path / "params").mkdir()
    message = _only(_problems(Path("params/2026/metodologi.yaml"), **command), "params/2026/metodologi.yaml")
    assert "Methodology file not found. Copy the project's params/<season>/metodologi.yaml of this" in message, message
    (tmp_path / "params" / "2025").mkdir()
    (tmp_path / "params" / "2025" / "metodologi.yaml").write_text("musim: 2025\n", encoding="utf-8")
    message = _only(_problems(Path("params/2026/metodologi.yaml"), **command), "params/2026/metodologi.yaml")
    assert "Methodology file not found. params holds the methodologies of the seasons 2025: give one" in message


def test_a_methodology_missing_for_a_python_caller_is_told_with_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """load_methodology called from Python (no command's option chose the season) told to give --params-dir,
    --methodology or --season, options a Python caller has not: its path is to be checked, another season's passed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "skor.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "params" / "2025").mkdir(parents=True)
    for path in ("data/2025/metodologi.yaml", "skor.csv/2025/metodologi.yaml", "params/2025/nope.yaml", "nope.yaml"):
        for lang in ("en", "id"):
            message = _only(_problems(Path(path), lang), path)
            assert message == f"{path}: " + t("M_NAMED_MISSING", lang, cwd=tmp_path), message
    (tmp_path / "params" / "2025" / "metodologi.yaml").write_text("musim: 2025\n", encoding="utf-8")
    for lang, said in [
        ("en", "params holds the methodologies of the seasons 2025: pass the path of one of them, or copy one of them"),
        ("id", "params berisi metodologi musim 2025: beri jalur salah satunya, atau salin salah satunya ke"),
    ]:
        message = _only(_problems(Path("params/2026/metodologi.yaml"), lang), "params/2026/metodologi.yaml")
        assert said in message and "--" not in message, message


@pytest.mark.parametrize("notebook", [False, True])
def test_a_missing_methodology_names_the_file_to_copy_one_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notebook: bool
) -> None:
    """The advice said to copy the default methodology "here" ("ke sini"): it names the file the season needs."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "params" / "2026").mkdir(parents=True)
    path = Path("params/2026/metodologi.yaml")
    told = {"option": "-p musim" if notebook else "--season", "notebook": notebook}
    english, indonesian = (_only(_problems(path, lang, **told), str(path)) for lang in ("en", "id"))
    copy = "of this season to params/2026/metodologi.yaml (or that of another season, e.g. params/2025/metodologi.yaml"
    assert copy in english and "with musim in it changed to this season)" in english, english
    salin = "bawaan proyek untuk musim ini ke params/2026/metodologi.yaml (atau milik musim lain, misalnya"
    assert salin in indonesian and "ke sini" not in indonesian, indonesian
    (tmp_path / "params" / "2026").rmdir()
    (tmp_path / "params" / "2025").mkdir()
    (tmp_path / "params" / "2025" / "metodologi.yaml").write_text("musim: 2025\n", encoding="utf-8")
    english, indonesian = (_only(_problems(path, lang), str(path)) for lang in ("en", "id"))
    assert "or copy one of them to params/2026/metodologi.yaml, with musim in it changed to 2026." in english
    assert "atau salin salah satunya ke params/2026/metodologi.yaml, dengan nilai musim di" in indonesian, indonesian


def test_a_methodology_the_user_named_that_is_not_there_is_told_to_be_checked_where_it_was_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--methodology nope.yaml` (a notebook's `metodologi`) was told to have the season's default methodology copied
    to nope.yaml, or to be given the right params folder, which is not where it was looked for."""
    monkeypatch.chdir(tmp_path)
    assert main(["score", "--data-dir", str(PROJECT / "data"), "--methodology", "nope.yaml", "--out", "x.csv"]) == 1
    said = capsys.readouterr()
    assert "nope.yaml: Berkas metodologi tidak ditemukan. Periksa nama dan foldernya: jalur relatif dihitung dari " in (
        said.out + said.err
    )
    assert (
        str(tmp_path) in said.out + said.err
        and "Salin" not in said.out + said.err
        and not (tmp_path / "x.csv").exists()
    )
    with pytest.raises(MethodologyInvalid) as refused:
        prepare_season(2025, PROJECT / "data", PROJECT / "params", "nope.yaml", notebook=True)
    message = refused.value.translated("en").messages("en")[0]
    assert "Check the name and folder of metodologi: a relative path is taken from the kernel's working" in message
    assert f"working folder, {tmp_path} (papermill runs the kernel" in message


def test_a_list_of_the_wrong_length_counts_its_items_in_words_and_hints_at_a_decimal_comma(tmp_path: Path) -> None:
    """ "Holds 1 items"; and `goalposts: [0, 12,5]` (a decimal comma, as Indonesian writes 12,5) was told to remove
    the extra item, which would leave [0, 12]."""
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["goalposts"] = [0]
    path = _write(tmp_path, data)
    assert "Holds 1 item; at least 2 must be given." in _only(_problems(path), "indicators[0].goalposts")
    assert "Berisi 1 butir, minimal 2." in _only(_problems(path, "id"), "indicators[0].goalposts")
    path.write_text(
        DEFAULT_METHODOLOGY.read_text(encoding="utf-8").replace("goalposts: [0, 100]", "goalposts: [0, 12,5]", 1),
        encoding="utf-8",
    )
    english = _only(_problems(path), ".goalposts")
    assert "Holds 3 items, at most 2 are allowed." in english and "a decimal with a point: [0, 12.5]" in english
    assert "desimal dengan titik: [0, 12.5]" in _only(_problems(path, "id"), ".goalposts")


def test_yaml_is_data_only(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    path = tmp_path / "evil.yaml"
    path.write_text(f"musim: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    message = _only(_problems(path), "evil.yaml")
    assert "The tag '!!python/object/apply:os.system' on line 1, column 8 is not allowed" in message
    assert not marker.exists()


def test_messages_render_in_both_languages(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["weight"] = -1
    path = _write(tmp_path, data)
    with pytest.raises(MethodologyInvalid) as caught:
        load_methodology(path)
    assert caught.value.render("id").startswith(f"Metodologi {path} tidak dapat dipakai (1 masalah):")
    assert caught.value.render("en").startswith(f"Methodology {path} cannot be used (1 problem):")
    assert "harus angka lebih besar dari 0" in caught.value.render("id")


def test_save_round_trips_deterministically(tmp_path: Path) -> None:
    original = load_methodology(DEFAULT_METHODOLOGY)
    first = save_methodology(original, tmp_path / "a" / "metodologi.yaml")
    second = save_methodology(load_methodology(first), tmp_path / "b.yaml")
    assert load_methodology(first) == original
    assert first.read_bytes() == second.read_bytes() == dump_methodology(original).encode("utf-8")
    assert "weight: 30\n" in first.read_text(encoding="utf-8")
    assert sorted(p.name for p in first.parent.iterdir()) == ["metodologi.yaml"]


def test_aspects_are_bare_ids_or_maps_with_a_label_and_saved_as_written(tmp_path: Path) -> None:
    """A bare id (as every file before labels) is still valid: its name is the catalogue's for the usual aspects and
    the id itself otherwise; a map gives the label in both languages. Saving writes each entry back in its form."""
    data = methodology_data()
    data["kategori"]["pemda"]["aspects"] = [
        "inovasi",
        {"id": "sinergi", "label": {"id": "Sinergi dengan perusahaan", "en": "Synergy with companies"}},
        "paparan",
    ]
    m = load_methodology(_write(tmp_path, data))
    pemda = m.kategori["pemda"]
    assert pemda.aspect_ids == ("inovasi", "sinergi", "paparan")
    assert pemda.aspect_labels("id") == {
        "inovasi": "Inovasi",
        "sinergi": "Sinergi dengan perusahaan",
        "paparan": "paparan",
    }
    assert pemda.aspect_labels("en") == {
        "inovasi": "Innovation",
        "sinergi": "Synergy with companies",
        "paparan": "paparan",
    }
    saved = save_methodology(m, tmp_path / "saved.yaml")
    assert (
        yaml.safe_load(saved.read_text(encoding="utf-8"))["kategori"]["pemda"]["aspects"]
        == data["kategori"]["pemda"]["aspects"]
    )
    assert load_methodology(saved) == m
    # an award rule names the aspect by its id, whichever form the aspect is written in
    data["penghargaan_khusus"][2] |= {"kategori": "pemda", "aturan": {"aspek": "sinergi", "terbesar": 1}}
    assert load_methodology(_write(tmp_path, data)).penghargaan_khusus[2].aturan.aspek == "sinergi"


def test_two_aspects_named_alike_in_a_language_are_an_error(tmp_path: Path) -> None:
    """Reports, cards and juror sheets show an aspect by its label only: two aspects of one category labelled alike
    (case and spaces aside), or labelled as the catalogue names a bare id beside them, could not be told apart."""
    data = methodology_data()
    data["kategori"]["pemda"]["aspects"] = [
        {"id": "inovasi", "label": {"id": "Inovasi", "en": "Innovation"}},
        {"id": "inovasi_daerah", "label": {"id": "Inovasi daerah", "en": " innovation "}},
        {"id": "kebaruan", "label": {"id": "inovasi", "en": "Novelty"}},
        "presentasi",
        {"id": "paparan", "label": {"id": "Paparan", "en": "Presentation"}},
    ]
    messages = _problems(_write(tmp_path, data))
    assert _only(messages, "kategori.pemda.aspects[1].label.en'") == (  # line 85 of what yaml.safe_dump writes
        f"{tmp_path / 'metodologi.yaml'}, line 85, column 13, key 'kategori.pemda.aspects[1].label.en': "
        "Label ' innovation ' is already the label of aspect 'inovasi' of this category: the reports, cards and juror "
        "score sheets show an aspect by its label only and could not tell the two apart. Give each aspect a label of "
        "its own."
    )
    assert "'inovasi' is already the label of aspect 'inovasi'" in _only(messages, "aspects[2].label.id'")
    assert "'Presentation' is already the label of aspect 'presentasi'" in _only(messages, "aspects[4].label.en'")
    assert len(messages) == 3
    indonesian = _problems(_write(tmp_path, data), "id")
    assert "Label 'inovasi' sudah menjadi label aspek 'inovasi' di kategori ini" in _only(indonesian, "[2].label.id'")
    # the same label in another category, or an id given twice (its own error), is no such clash
    data["kategori"]["pemda"]["aspects"] = ["inovasi", {"id": "inovasi", "label": {"id": "Inovasi", "en": "X"}}]
    assert "more than once" in _only(_problems(_write(tmp_path, data)), "kategori.pemda.aspects")
    data["kategori"]["pemda"]["aspects"] = ["inovasi", "sinergi"]
    data["kategori"]["desa"]["aspects"] = ["inovasi", {"id": "kebaruan", "label": {"id": "Sinergi", "en": "Synergy"}}]
    load_methodology(_write(tmp_path, data))


def test_categories_indicators_and_awards_labelled_alike_are_an_error(tmp_path: Path) -> None:
    """Two categories labelled "Pemerintah kabupaten/kota" gave the season index two such lines; indicators of a
    category and special awards could share a label as well. Case, spaces, NFC or NFD and invisible characters aside,
    as the workbook reads ids (problems.same_id); the message names both keys."""
    data = methodology_data()
    data["kategori"]["desa"]["label"]["id"] = "pemerintah  KABUPATEN/kota"
    ucj = data["kategori"]["pemda"]["indicators"][0]["label"]
    ucj["en"] = "Cove\u0301rage"  # NFC
    data["kategori"]["pemda"]["indicators"][1]["label"]["en"] = "cove\u0301rage"  # NFD, case aside
    data["kategori"]["pemda"]["indicators"][2]["label"]["id"] = ucj["id"].replace("universal", "uni\u200bversal")
    data["penghargaan_khusus"][1]["label"]["en"] = data["penghargaan_khusus"][0]["label"]["en"] + " "
    path = _write(tmp_path, data)
    messages = _problems(path)
    assert _only(messages, "key 'kategori.desa.label.id'").endswith(
        "Label 'pemerintah  KABUPATEN/kota' reads the same as 'Pemerintah kabupaten/kota', the label at key "
        "'kategori.pemda.label.id' (case, spaces, accents stored otherwise and invisible characters aside): the "
        "season index, the reports and the cards show each by its label and could not tell the two apart. Give each "
        "a label of its own."
    )
    assert "the label at key 'kategori.pemda.indicators[0].label.en'" in _only(messages, "indicators[1].label.en'")
    message = _only(messages, "indicators[2].label.id'")
    assert "uni\\u200bversal" in message and "'kategori.pemda.indicators[0].label.id'" in message
    assert "the label at key 'penghargaan_khusus[0].label.en'" in _only(messages, "penghargaan_khusus[1].label.en'")
    assert len(messages) == 4, messages
    indonesian = _only(_problems(path, "id"), "kunci 'kategori.desa.label.id'")
    assert "terbaca sama dengan 'Pemerintah kabupaten/kota', label di kunci 'kategori.pemda.label.id'" in indonesian
    # the same label in another language, or an indicator's label in another category, is no clash
    data = methodology_data()
    data["kategori"]["desa"]["label"]["en"] = data["kategori"]["pemda"]["label"]["id"]
    data["kategori"]["desa"]["indicators"][0]["label"] = data["kategori"]["pemda"]["indicators"][0]["label"]
    load_methodology(_write(tmp_path, data))


def test_aspects_alike_but_for_invisible_characters_or_accents_stored_otherwise_are_an_error(tmp_path: Path) -> None:
    """Aspect labels were compared by case and spaces only: 'Ino\u200bvasi' and an NFD 'Inovasí' beside an NFC one
    passed; an aspect id holding an invisible character was accepted, and a later data error said "Tulis
    ino\u200bvasi"; ids of one reading (case, NFC or NFD) could each be what a juror's aspek cell meant."""
    data = methodology_data()
    data["kategori"]["pemda"]["aspects"] = [
        {"id": "inovasi", "label": {"id": "Inovas\u00ed", "en": "Innovation"}},
        {"id": "sinergi", "label": {"id": "Inovasi\u0301", "en": "Inno\u200bvation"}},
    ]
    messages = _problems(_write(tmp_path, data))
    assert "Label 'Inovasi\u0301' is already the label of aspect 'inovasi'" in _only(messages, "aspects[1].label.id'")
    assert "Label 'Inno\\u200bvation' is already the label" in _only(messages, "aspects[1].label.en'")
    data["kategori"]["pemda"]["aspects"] = ["inovasi", "ino\u200bvasi"]
    message = _only(_problems(_write(tmp_path, data)), "key 'kategori.pemda.aspects[1]'")
    assert "'ino\\u200bvasi' holds an invisible character (shown as \\uNNNN)" in message
    assert "Hapus karakter itu" in _only(_problems(_write(tmp_path, data), "id"), "aspects[1]'")
    data["kategori"]["pemda"]["aspects"] = [
        "inovasi",
        {"id": "Inovasi", "label": {"id": "Kebaruan", "en": "Novelty"}},
        "sinergi\u0301",
        {"id": "sinerg\u00ed", "label": {"id": "Paparan", "en": "Presentation"}},
    ]
    messages = _problems(_write(tmp_path, data))
    assert _only(messages, "key 'kategori.pemda.aspects[1].id'").endswith(
        "Aspect id 'Inovasi' reads the same as 'inovasi' at key 'kategori.pemda.aspects[0]' (case, accents stored "
        "otherwise or full-width letters aside): a juror's aspek cell could mean either. Give each aspect an id of its "
        "own."
    )
    assert "'sinerg\u00ed' reads the same as 'sinergi\u0301' at key 'kategori.pemda.aspects[2]'" in _only(
        messages, "key 'kategori.pemda.aspects[3].id'"
    )
    assert len(messages) == 2, messages


def test_the_bundled_methodologies_label_every_aspect_in_both_languages() -> None:
    """params/2025 and params/2024 give every aspect a label; the labels of the same id agree across categories."""
    for musim in (2024, 2025):
        m = load_methodology(default_methodology_path(DEFAULT_METHODOLOGY.parents[1], musim), musim=musim)
        labels: dict[str, tuple[str, str]] = {}
        for category in m.kategori.values():
            assert all(not isinstance(aspect, str) for aspect in category.aspects), musim
            for aspek in category.aspect_ids:
                pair = (category.aspect_labels("id")[aspek], category.aspect_labels("en")[aspek])
                assert labels.setdefault(aspek, pair) == pair
        assert labels["inovasi"] == ("Inovasi", "Innovation")


def test_a_failed_save_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = save_methodology(load_methodology(DEFAULT_METHODOLOGY), tmp_path / "metodologi.yaml")
    before = saved.read_bytes()
    changed = load_methodology(DEFAULT_METHODOLOGY).model_copy(update={"musim": 2026})

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        save_methodology(changed, saved)
    assert saved.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["metodologi.yaml"]  # no temporary file left behind
    monkeypatch.undo()
    assert save_methodology(changed, saved).read_bytes() == dump_methodology(changed).encode("utf-8")
    assert saved.stat().st_mode & 0o777 == 0o666 & ~_umask()  # the usual permissions, like every result file


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_direction_lower_is_accepted_and_saved(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["bu_kecil_mikro"]["indicators"][2]["direction"] = "lower"
    m = load_methodology(_write(tmp_path, data))
    assert m.kategori["bu_kecil_mikro"].indicators[2].direction == "lower"
    assert load_methodology(save_methodology(m, tmp_path / "saved.yaml")) == m


def test_stage_weight_range_and_too_many_goalposts(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["desa"]["stage_weights"] = {"dokumen": 1.5, "wawancara": -0.5}
    data["kategori"]["pemda"]["indicators"][0]["goalposts"] = [0, 50, 100]
    messages = _problems(_write(tmp_path, data))
    assert "may not be more than 1" in _only(messages, "kategori.desa.stage_weights.dokumen")
    assert "may not be less than 0" in _only(messages, "kategori.desa.stage_weights.wawancara")
    assert "at most 2" in _only(messages, "kategori.pemda.indicators[0].goalposts")


@pytest.mark.parametrize("weight", [1.0e308, 1000.5, 0.0001])
def test_weight_outside_the_documented_bounds_is_refused(tmp_path: Path, weight: float) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["weight"] = weight
    message = _only(_problems(_write(tmp_path, data)), "kategori.pemda.indicators[0].weight")
    assert f"outside the allowed range, {WEIGHT_MIN} to {WEIGHT_MAX:g}" in message
    assert "rentang yang diizinkan" in " ".join(_problems(_write(tmp_path, data), "id"))


def test_weights_at_the_bounds_are_accepted(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["weight"] = WEIGHT_MAX
    data["kategori"]["pemda"]["indicators"][1]["weight"] = WEIGHT_MIN
    weights = [i.weight for i in load_methodology(_write(tmp_path, data)).kategori["pemda"].indicators]
    assert weights[:2] == [WEIGHT_MAX, WEIGHT_MIN]


def test_numbers_in_scientific_notation_are_numbers(tmp_path: Path) -> None:
    """PyYAML reads `1e9` as text (YAML 1.1 wants `1.0e+9`): it was told "must be a number without quotes"."""
    text = _write(tmp_path, methodology_data()).read_text(encoding="utf-8")
    weight = "weight: " + str(methodology_data()["kategori"]["pemda"]["indicators"][0]["weight"])
    path = tmp_path / "ilmiah.yaml"
    path.write_text(text.replace(weight, "weight: 1e308", 1), encoding="utf-8")
    message = _only(_problems(path), "kategori.pemda.indicators[0].weight")
    assert "outside the allowed range" in message and "quotes" not in message, message
    path.write_text(text.replace(weight, "weight: 2.5E1", 1), encoding="utf-8")
    assert load_methodology(path).kategori["pemda"].indicators[0].weight == 25.0


def test_a_weight_written_with_a_percent_sign_is_told_to_drop_it(tmp_path: Path) -> None:
    """`weight: 20%` (as the reports show a weight's share) was told only "a number without quotes": there are none."""
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["weight"] = "20%"
    data["kategori"]["pemda"]["stage_weights"]["dokumen"] = "70%"
    path = _write(tmp_path, data)
    for key in ("kategori.pemda.indicators[0].weight", "kategori.pemda.stage_weights.dokumen"):
        assert "without quotes or a % sign" in _only(_problems(path), key)
    assert "tanpa tanda kutip atau tanda %" in " ".join(_problems(path, "id"))


def test_a_number_written_with_a_decimal_comma_is_told_to_use_a_point(tmp_path: Path) -> None:
    """`weight: 0,3` (the Indonesian way of writing 0.3) was told only "a number without quotes or a % sign", while
    the same `0,7` inside braces was told that a decimal is written with a point."""
    text = _write(tmp_path, methodology_data()).read_text(encoding="utf-8")
    weight = "weight: " + str(methodology_data()["kategori"]["pemda"]["indicators"][0]["weight"])
    path = tmp_path / "koma.yaml"
    path.write_text(text.replace(weight, "weight: 0,3", 1), encoding="utf-8")
    key = "kategori.pemda.indicators[0].weight"
    english = _only(_problems(path), key)
    assert "Value '0,3' must be a number written with a decimal point, not a comma: 0.3." in english, english
    indonesian = _only(_problems(path, "id"), key)
    assert "Nilai '0,3' harus angka yang ditulis dengan titik desimal, bukan koma: 0.3." in indonesian, indonesian


def test_a_number_written_in_quotes_is_told_to_drop_them(tmp_path: Path) -> None:
    """`weight: "30"` was shown as '30' and told it must be "a number, without quotes or a % sign": the quotes the
    user wrote were not in the message, which then read as if 30 were no number."""
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["weight"] = "30"
    data["aturan"]["desimal"] = " 4"  # a whole number too
    path = _write(tmp_path, data)
    english = _only(_problems(path), "kategori.pemda.indicators[0].weight")
    assert "Value '30' must be a number, not text in quotes: write 30 without the quotes." in english, english
    indonesian = _only(_problems(path, "id"), "kategori.pemda.indicators[0].weight")
    assert "Nilai '30' harus angka, bukan teks dalam tanda kutip: tulis 30 tanpa tanda kutip." in indonesian
    assert "write 4 without the quotes" in _only(_problems(path), "aturan.desimal")


@pytest.mark.parametrize(("jenis", "expected"), [(None, ["desa", "kelurahan"]), (["desa"], ["desa"])])
def test_a_village_kind_no_indicator_applies_to_is_refused(
    tmp_path: Path, jenis: list[str] | None, expected: list[str]
) -> None:
    """Every indicator not applicable to desa and kelurahan: validate said the season was valid, then no village got
    a score."""
    data = methodology_data()
    desa = data["kategori"]["desa"]
    for indicator in desa["indicators"]:
        indicator["tidak_berlaku_untuk"] = ["desa", "kelurahan"]
    if jenis is not None:
        desa["peserta"]["jenis"] = jenis
    messages = [m for m in _problems(_write(tmp_path, data)) if "No indicator of this category applies" in m]
    assert [m.split("applies to ")[1].split(":")[0] for m in messages] == expected, messages
    assert all("key 'kategori.desa.indicators'" in m for m in messages)
    indonesian = " ".join(_problems(_write(tmp_path, data), "id"))
    assert "Tidak ada indikator kategori ini yang berlaku untuk desa" in indonesian


def test_a_village_kind_one_indicator_applies_to_is_accepted(tmp_path: Path) -> None:
    data = methodology_data()
    for indicator in data["kategori"]["desa"]["indicators"][1:]:
        indicator["tidak_berlaku_untuk"] = ["desa", "kelurahan"]
    load_methodology(_write(tmp_path, data))


def test_goalposts_are_bounded(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["goalposts"] = [-1.0e308, 1.0e308]
    messages = _problems(_write(tmp_path, data))
    assert "may not be less than" in _only(messages, "kategori.pemda.indicators[0].goalposts[0]")
    assert "may not be more than" in _only(messages, "kategori.pemda.indicators[0].goalposts[1]")


@pytest.mark.parametrize(
    ("goalposts", "span"), [([0, 1e-310], "1e-06"), ([0, 1e-320], "1e-06"), ([999999999.5, 1e9], "1000")]
)
def test_goalposts_too_close_together_are_refused(tmp_path: Path, goalposts: list[float], span: str) -> None:
    """[0, 1e-310] was accepted: 100 / (hi - lo) overflowed to inf, every normalised value was NaN and the
    participants were left unscored "tanpa_indikator_berlaku", with a bare RuntimeWarning."""
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][4]["goalposts"] = goalposts
    data["kategori"]["pemda"]["indicators"][0] |= {"direction": "lower", "goalposts": goalposts}
    path = _write(tmp_path, data)
    for position in (0, 4):
        message = _only(_problems(path), f"kategori.pemda.indicators[{position}].goalposts'")
        assert f"too close together: the upper one must exceed the lower one by at least {span} " in message
        assert "e.g. [0, 100]" in message
    assert "terlalu berdekatan" in _only(_problems(path, "id"), "indicators[4].goalposts'")


def test_goalposts_at_the_smallest_span_are_accepted(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["goalposts"] = [0, 1e-6]
    data["kategori"]["pemda"]["indicators"][1]["goalposts"] = [999999000, 1e9]
    indicators = load_methodology(_write(tmp_path, data)).kategori["pemda"].indicators
    assert [i.goalposts for i in indicators[:2]] == [(0, 1e-6), (999999000, 1e9)]


@pytest.mark.parametrize("size", [1001, 99999999999999999999])
def test_a_shortlist_larger_than_a_jury_can_interview_is_refused(tmp_path: Path, size: int) -> None:
    """shortlist_size had no upper bound: 99999999999999999999 was accepted."""
    data = methodology_data()
    data["kategori"]["pemda"]["shortlist_size"] = size
    path = _write(tmp_path, data)
    message = _only(_problems(path), "key 'kategori.pemda.shortlist_size'")
    assert f"A shortlist of {size} participants is more than the 1000 a jury can interview" in message
    assert "Write a number from 1 to 1000, e.g. 5." in message
    assert f"Daftar pendek {size} peserta melebihi 1000" in _only(_problems(path, "id"), "shortlist_size")
    data["kategori"]["pemda"]["shortlist_size"] = 1000
    assert load_methodology(_write(tmp_path, data)).kategori["pemda"].shortlist_size == 1000


def test_a_file_saved_in_another_encoding_is_told_to_be_saved_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "metodologi.yaml"
    path.write_bytes(yaml.safe_dump(methodology_data(), sort_keys=False).encode("utf-16"))
    assert "not UTF-8 text (from line 1)" in _only(_problems(path), "metodologi.yaml")
    text = yaml.safe_dump(methodology_data(), sort_keys=False)
    path.write_bytes((text + "# bobot disepakati Tim 9, Pontianak, Desember\u00e9\n").encode("latin-1"))
    line = text.count("\n") + 1
    assert f"bukan teks UTF-8 (mulai baris {line})" in _only(_problems(path, "id"), "metodologi.yaml")


def test_a_key_that_is_not_text_is_named_as_written(tmp_path: Path) -> None:
    path = tmp_path / "metodologi.yaml"
    text = yaml.safe_dump(methodology_data(), sort_keys=False)
    path.write_text(text + "True: x\n", encoding="utf-8")
    line = text.count("\n") + 1
    assert f"Key 'True' on line {line} is not a name" in _only(_problems(path), "metodologi.yaml")
    path.write_text(text + "yes: x\n", encoding="utf-8")  # YAML 1.2: a name, which the methodology does not know
    assert "Key 'yes' is not known here" in _only(_problems(path), "yes")


def test_a_decimal_written_with_a_comma_in_braces_is_told_to_take_a_point(tmp_path: Path) -> None:
    """`{dokumen: 0,7, ...}` is read as `{dokumen: 0, 7: null, ...}`: it was told "Key '7' is not a name" alone."""
    path = tmp_path / "metodologi.yaml"
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8")
    path.write_text(text.replace("{dokumen: 0.7,", "{dokumen: 0,7,", 1), encoding="utf-8")
    line = text.splitlines().index("    stage_weights: {dokumen: 0.7, wawancara: 0.3}") + 1
    english = _only(_problems(path), "metodologi.yaml")
    assert f"Key '7' on line {line} is not a name" in english
    assert english.endswith("'0,7' looks like a decimal written with a comma: a decimal is written with a point, 0.7.")
    indonesian = _only(_problems(path, "id"), "metodologi.yaml")
    assert indonesian.endswith("'0,7' tampaknya desimal yang ditulis dengan koma: desimal ditulis dengan titik, 0.7.")
    for other in ("{dokumen: 0, 7: x, wawancara: 0.3}", "{dokumen: a, 7, wawancara: 0.3}", "{dokumen: '0', 7}"):
        path.write_text(text.replace("{dokumen: 0.7, wawancara: 0.3}", other, 1), encoding="utf-8")
        assert "with a comma" not in _only(_problems(path), "metodologi.yaml"), other  # no number split by a comma


def test_an_empty_list_is_not_told_about_goalposts(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["aspects"] = []
    data["kategori"]["desa"]["indicators"][0]["goalposts"] = []
    messages = _problems(_write(tmp_path, data))
    aspects = _only(messages, "kategori.pemda.aspects")
    assert "lists no interview aspects" in aspects and "oalpost" not in aspects
    assert "Goalposts are written [lo, hi]" in _only(messages, "kategori.desa.indicators[0].goalposts")


def test_every_weight_zero_gets_the_weights_only_not_an_empty_list(tmp_path: Path) -> None:
    data = methodology_data()
    for indicator in data["kategori"]["pemda"]["indicators"]:
        indicator["weight"] = 0
    messages = _problems(_write(tmp_path, data))
    assert len(messages) == len(data["kategori"]["pemda"]["indicators"]), messages
    assert all("greater than 0" in m for m in messages)


def test_tie_break_offers_only_indicators_that_exist(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["id"] = "UCJ"
    messages = _problems(_write(tmp_path, data))
    tie_break = _only(messages, "kategori.pemda.tie_break")
    assert "'ucj'" in tie_break and "UCJ" not in tie_break and "ucj_naik, capaian_target" in tie_break


def test_nan_goalpost_gets_one_message_not_a_length_one(tmp_path: Path) -> None:
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["goalposts"] = [float("nan"), 100]
    messages = _problems(_write(tmp_path, data))
    assert len(messages) == 1, messages
    assert "ordinary number" in _only(messages, "kategori.pemda.indicators[0].goalposts[0]")


def _set(data: dict, path: str, value: object) -> None:
    """Set (or, with value DELETE, remove) the key at a dotted path; [n] indexes a list."""
    parts = [int(p) if p.isdigit() else p for p in path.replace("[", ".").replace("]", "").split(".")]
    node = data
    for part in parts[:-1]:
        node = node[part]
    if value is DELETE:
        del node[parts[-1]]
    else:
        node[parts[-1]] = value


DELETE = object()
AWARD = "penghargaan_khusus[0]"
#: Every invalid value of the keys of issue 11: (key set, value, key path in the message, English, Indonesian).
INVALID = [
    ("kategori.pemda.peserta", DELETE, "kategori.pemda.peserta", "Required key 'peserta'", "Kunci wajib 'peserta'"),
    (
        "kategori.pemda.peserta.tabel",
        "koperasi",
        "kategori.pemda.peserta.tabel",
        "pemda, desa, badan_usaha",
        "Pilihan yang sah: pemda, desa, badan_usaha",
    ),
    (
        "kategori.pemda.peserta.skala",
        ["besar"],
        "kategori.pemda.peserta.skala",
        "does not apply to table pemda",
        "tidak berlaku untuk tabel pemda",
    ),
    (
        "kategori.pemda.peserta.tingkat",
        ["desa"],
        "kategori.pemda.peserta.tingkat[0]",
        "provinsi, kabupaten, kota",
        "Pilihan yang sah: provinsi, kabupaten, kota",
    ),
    ("kategori.pemda.peserta.tingkat", [], "kategori.pemda.peserta.tingkat", "at least 1", "minimal 1"),
    (
        "kategori.desa.peserta.jenis",
        ["dusun"],
        "kategori.desa.peserta.jenis[0]",
        "desa, kelurahan",
        "Pilihan yang sah: desa, kelurahan",
    ),
    (
        "kategori.bu_kecil_mikro.peserta.sektor",
        [""],
        "kategori.bu_kecil_mikro.peserta.sektor[0]",
        "may not be empty",
        "tidak boleh kosong",
    ),
    (
        "kategori.bu_kecil_mikro.peserta.sektor",
        "dagang",
        "kategori.bu_kecil_mikro.peserta.sektor",
        "must be a list",
        "harus daftar",
    ),
    (
        "kategori.pemprov.kelompok",
        "pulau",
        "kategori.pemprov.kelompok",
        "provinsi, nasional, zona",
        "Pilihan yang sah: provinsi, nasional, zona",
    ),
    (
        "kategori.pemda.indicators[0].tidak_berlaku_untuk",
        ["kelurahan"],
        "kategori.pemda.indicators[0].tidak_berlaku_untuk",
        "applies only to participants of table desa",
        "hanya berlaku untuk peserta tabel desa",
    ),
    (
        "kategori.desa.indicators[2].tidak_berlaku_untuk",
        ["kota"],
        "kategori.desa.indicators[2].tidak_berlaku_untuk[0]",
        "desa, kelurahan",
        "Pilihan yang sah: desa, kelurahan",
    ),
    (
        "kategori.bu_kecil_mikro.programmes_expected",
        {"kecil": ["jkk"]},
        "kategori.bu_kecil_mikro.programmes_expected",
        "does not name size mikro",
        "tidak menyebut skala mikro",
    ),
    (
        "kategori.bu_kecil_mikro.programmes_expected",
        {"raksasa": ["jkk"], "kecil": ["jkk"], "mikro": ["jkk"]},
        "kategori.bu_kecil_mikro.programmes_expected.raksasa",
        "besar, menengah, kecil, mikro",
        "besar, menengah, kecil, mikro",
    ),
    (
        "kategori.bu_kecil_mikro.programmes_expected",
        {"kecil": ["jkk", "jkk"], "mikro": ["jkk"]},
        "kategori.bu_kecil_mikro.programmes_expected.kecil[0]",
        "more than once",
        "lebih dari sekali",
    ),
    (
        "kategori.bu_kecil_mikro.programmes_expected",
        "jkk",
        "kategori.bu_kecil_mikro.programmes_expected",
        "or a map by skala",
        "atau peta per skala",
    ),
    (
        "kategori.Bu-Keuangan",
        {},
        "kategori.Bu-Keuangan",
        "lower-case letters, digits and underscores",
        "huruf kecil, angka, dan garis bawah",
    ),
    ("aturan.desimal", 9, "aturan.desimal", "may not be more than 5", "tidak boleh lebih dari 5"),
    ("aturan.desimal", 2.5, "aturan.desimal", "a whole number", "bilangan bulat"),
    (
        "aturan.pangkas_juri_mulai",
        2,
        "aturan.pangkas_juri_mulai",
        "may not be less than 3",
        "tidak boleh kurang dari 3",
    ),
    (
        "aturan.tunggakan_maks_bulan",
        0,
        "aturan.tunggakan_maks_bulan",
        "must be greater than 0",
        "harus lebih besar dari 0",
    ),
    ("aturan.regulasi.perda", -40, "aturan.regulasi.perda", "may not be less than 0", "tidak boleh kurang dari 0"),
    (  # regulasi never exceeds 100; 1e308 overflowed the sum to inf, numpy's RuntimeWarnings printed by every command
        "aturan.regulasi.surat_edaran",
        1e308,
        "aturan.regulasi.surat_edaran",
        "may not be more than 100",
        "tidak boleh lebih dari 100",
    ),
    ("aturan.regulasi.perkada_maks", 1.5, "aturan.regulasi.perkada_maks", "a whole number", "bilangan bulat"),
    (
        "aturan.regulasi.peraturan_desa",
        5,
        "aturan.regulasi.peraturan_desa",
        "Allowed keys: perda, perkada",
        "Kunci yang sah: perda, perkada",
    ),
    ("aturan.cakupan_maks", 0, "aturan.cakupan_maks", "must be greater than 0", "harus lebih besar dari 0"),
    (
        "aturan.iuran_rentan_rp_per_bulan",
        "16800",
        "aturan.iuran_rentan_rp_per_bulan",
        "must be a number",
        "harus angka",
    ),
    (  # 1e308 made every yearly premium infinite: "Rp Infinity" on the cards, `inf` in the gaps CSV
        "aturan.iuran_rentan_rp_per_bulan",
        1e308,
        "aturan.iuran_rentan_rp_per_bulan",
        "may not be more than 10000000",
        "tidak boleh lebih dari 10000000",
    ),
    (
        "aturan.pembulatan",
        2,
        "aturan.pembulatan",
        "Allowed keys: desimal, pangkas_juri_mulai",
        "Kunci yang sah: desimal, pangkas_juri_mulai",
    ),
    ("aturan", [4], "aturan", "mapping is expected", "pasangan 'kunci: nilai'"),
    (
        f"{AWARD}.aturan",
        {"minimal": 100},
        f"{AWARD}.aturan",
        "exactly one of indikator, kolom or aspek (found: -)",
        "tepat satu dari indikator, kolom, atau aspek (ditemukan: -)",
    ),
    (
        f"{AWARD}.aturan",
        {"indikator": "ucj", "kolom": "perda", "minimal": 1},
        f"{AWARD}.aturan",
        "(found: indikator, kolom)",
        "(ditemukan: indikator, kolom)",
    ),
    (
        f"{AWARD}.aturan",
        {"indikator": "ucj", "minimal": 1, "terbesar": 2},
        f"{AWARD}.aturan",
        "exactly one of minimal, maksimal, terbesar or terkecil (found: minimal, terbesar)",
        "tepat satu dari minimal, maksimal, terbesar, atau terkecil (ditemukan: minimal, terbesar)",
    ),
    (f"{AWARD}.aturan", {"indikator": "ucj"}, f"{AWARD}.aturan", "(found: -)", "(ditemukan: -)"),
    (
        f"{AWARD}.kategori",
        "koperasi",
        f"{AWARD}.kategori",
        "Allowed categories: pemda, desa",
        "Kategori yang sah: pemda, desa",
    ),
    (
        f"{AWARD}.aturan.indikator",
        "cakupan_desa",
        f"{AWARD}.aturan.indikator",
        "Allowed: ucj, ucj_naik, capaian_target",
        "Indikator yang sah: ucj, ucj_naik",
    ),
    (
        f"{AWARD}.aturan",
        {"kolom": "nama", "terbesar": 1},
        f"{AWARD}.aturan.kolom",
        "is not a numeric column",
        "bukan kolom angka",
    ),
    (
        f"{AWARD}.aturan",
        {"aspek": "kreativitas", "terbesar": 1},
        f"{AWARD}.aturan.aspek",
        "inovasi, sinergi, presentasi",
        "inovasi, sinergi, presentasi",
    ),
    (
        f"{AWARD}.aturan",
        {"indikator": "ucj", "terbesar": 0},
        f"{AWARD}.aturan.terbesar",
        "greater than 0",
        "lebih besar dari 0",
    ),
    (
        f"{AWARD}.aturan",
        {"indikator": "ucj", "terkecil": 1.5},
        f"{AWARD}.aturan.terkecil",
        "a whole number",
        "bilangan bulat",
    ),
    (
        f"{AWARD}.aturan",
        {"indikator": "ucj", "minimal": "100"},
        f"{AWARD}.aturan.minimal",
        "must be a number",
        "harus angka",
    ),
    (
        f"{AWARD}.aturan",
        {"indikator": "ucj", "minimal": 100, "hadiah": 5},
        f"{AWARD}.aturan.hadiah",
        "Allowed keys: indikator, kolom, aspek",
        "Kunci yang sah: indikator, kolom, aspek",
    ),
    (f"{AWARD}.id", "Cakupan 100", f"{AWARD}.id", "lower-case letters", "huruf kecil"),
    (f"{AWARD}.label", DELETE, f"{AWARD}.label", "Required key 'label'", "Kunci wajib 'label'"),
    (
        "penghargaan_khusus[1].id",
        "cakupan_penuh",
        "penghargaan_khusus[0]",
        "'cakupan_penuh' appears more than once",
        "'cakupan_penuh' muncul lebih dari sekali",
    ),
    ("penghargaan_khusus", {"id": "x"}, "penghargaan_khusus", "must be a list of awards", "harus daftar penghargaan"),
    (
        "kategori.pemda.label.id",
        "Pemda\u202e",
        "kategori.pemda.label.id",
        "'Pemda\\u202e' holds invisible control or text-direction characters",
        "'Pemda\\u202e' berisi karakter kendali",
    ),
    ("kategori.pemda.label.en", "x" * 501, "kategori.pemda.label.en", "longer than 500", "lebih dari 500"),
    (
        "kategori.pemda.aspects",
        ["inovasi", "sinergi\u202e"],
        "kategori.pemda.aspects[1]",
        "'sinergi\\u202e' holds invisible control or text-direction characters",
        "'sinergi\\u202e' berisi karakter kendali",
    ),
    ("kategori.pemda.aspects", ["inovasi", ""], "kategori.pemda.aspects[1]", "may not be empty", "tidak boleh kosong"),
    (
        "kategori.pemda.aspects",
        ["inovasi", 5],
        "kategori.pemda.aspects[1]",
        "'5' must be an aspect id, e.g. inovasi, or a map with its id and label",
        "'5' harus id aspek, misalnya inovasi, atau peta berisi id dan labelnya",
    ),
    (
        "kategori.pemda.aspects",
        [{"id": "inovasi"}],
        "kategori.pemda.aspects[0].label",
        "Required key 'label'",
        "Kunci wajib 'label'",
    ),
    (
        "kategori.pemda.aspects",
        [{"id": "inovasi", "label": None}],
        "kategori.pemda.aspects[0].label",
        "A 'key: value' mapping is expected here",
        "harus ada pasangan 'kunci: nilai'",
    ),
    (
        "kategori.pemda.aspects",
        [{"id": "inovasi", "label": "Inovasi"}],
        "kategori.pemda.aspects[0].label",
        "A 'key: value' mapping is expected here, not 'Inovasi'",
        "bukan 'Inovasi'",
    ),
    (
        "kategori.pemda.aspects",
        [{"id": "inovasi", "label": {"id": "Inovasi"}}],
        "kategori.pemda.aspects[0].label.en",
        "Required key 'en'",
        "Kunci wajib 'en'",
    ),
    (
        "kategori.pemda.aspects",
        [{"label": {"id": "Inovasi", "en": "Innovation"}}],
        "kategori.pemda.aspects[0].id",
        "Required key 'id'",
        "Kunci wajib 'id'",
    ),
    (
        "kategori.pemda.aspects",
        [{"id": " ", "label": {"id": "Inovasi", "en": "Innovation"}}],
        "kategori.pemda.aspects[0].id",
        "may not be empty",
        "tidak boleh kosong",
    ),
    (
        "kategori.pemda.aspects",
        [{"id": "inovasi", "label": {"id": "Inovasi", "en": "Innovation\u202e"}}],
        "kategori.pemda.aspects[0].label.en",
        "holds invisible control or text-direction characters",
        "berisi karakter kendali",
    ),
    (
        "kategori.pemda.aspects",
        [{"id": "inovasi", "labels": {"id": "Inovasi", "en": "Innovation"}}],
        "kategori.pemda.aspects[0].labels",
        "Did you mean 'label'? Allowed keys: id, label",
        "Kunci yang sah: id, label",
    ),
    (
        "kategori.pemda.aspects",
        ["inovasi", {"id": "inovasi", "label": {"id": "Inovasi", "en": "Innovation"}}],
        "kategori.pemda.aspects[0]",
        "'inovasi' appears more than once",
        "'inovasi' muncul lebih dari sekali",
    ),
    ("kategori.pemda.label.en", "   ", "kategori.pemda.label.en", "may not be empty", "tidak boleh kosong"),
    (
        "kategori.bu_kecil_mikro.peserta.sektor",
        ["Perdagangan", " "],
        "kategori.bu_kecil_mikro.peserta.sektor[1]",
        "may not be empty",
        "tidak boleh kosong",
    ),
    ("kategori.pemda.shortlist_size", 5.0, "kategori.pemda.shortlist_size", "'5.0' must be a whole", "'5.0' harus"),
    (
        "kategori.pemda.indicators[0].goalposts",
        {"lo": 0, "hi": 100},
        "kategori.pemda.indicators[0].goalposts",
        "must be a list of two numbers [lo, hi]",
        "harus daftar dua angka [bawah, atas]",
    ),
    ("kategori.pemda.peserta.tingkat", ["kota", "kota"], "kategori.pemda.peserta.tingkat[0]", "more than", "lebih"),
    (
        "kategori.desa.indicators[3].tidak_berlaku_untuk",
        ["kelurahan", "kelurahan"],
        "kategori.desa.indicators[3].tidak_berlaku_untuk[0]",
        "'kelurahan' appears more than once",
        "'kelurahan' muncul lebih dari sekali",
    ),
    (
        "kategori.bu_kecil_mikro.programmes_expected.besar",
        ["jkk"],
        "kategori.bu_kecil_mikro.programmes_expected.besar",
        "Size 'besar' is not among this category's participants (peserta.skala: kecil, mikro)",
        "Skala 'besar' tidak termasuk peserta",
    ),
]


def _case_id(case: tuple[object, ...]) -> str:
    """The key and the value set (stable across processes: parallel workers must collect the same ids)."""
    return f"{case[0]}={'(removed)' if case[1] is DELETE else repr(case[1])}"[:60]


@pytest.mark.parametrize(
    ("key", "value", "where", "english", "indonesian"), INVALID, ids=[_case_id(case) for case in INVALID]
)
def test_every_invalid_key_and_value_gets_its_message(
    tmp_path: Path, key: str, value: object, where: str, english: str, indonesian: str
) -> None:
    data = methodology_data()
    _set(data, key, value)
    path = _write(tmp_path, data)
    message = _only(_problems(path), f"key '{where}'")
    assert str(path) in message and english in message, message
    assert indonesian in _only(_problems(path, "id"), f"kunci '{where}'")


def test_values_and_keys_of_the_file_are_quoted_escaped_and_cut(tmp_path: Path) -> None:
    """An indicator id, a tie-break, an award's category or source, a key and a key written twice were quoted raw: an
    escape sequence or a text-direction mark reached the terminal, and an id of 400,000 characters made as long a
    message."""
    escape = "u\x1b[31mcj\u202e"
    data = methodology_data()
    pemda = data["kategori"]["pemda"]
    pemda["indicators"][1]["id"] = escape
    pemda["indicators"][2]["id"] = "ucj+" * 100_000 + "ucj"
    pemda["tie_break"] = escape
    data["penghargaan_khusus"][0]["kategori"] = escape
    data["penghargaan_khusus"][1]["aturan"] = {"kolom": escape, "terbesar": 1}
    path = _write(tmp_path, data)
    unknown = methodology_data()  # an unknown key stops the checks across keys: a file of its own
    unknown["kategori"]["pemda"]["kel\x1bompok"] = unknown["kategori"]["pemda"].pop("kelompok")
    other = _write(tmp_path, unknown, "kunci.yaml")
    messages = [*_problems(path), *_problems(path, "id"), *_problems(other), *_problems(other, "id")]
    for needle in ("indicators[1].id", "tie_break", "penghargaan_khusus[0].kategori", "aturan.kolom", "kelompok"):
        hits = [m for m in messages if needle in m]
        assert len(hits) == 2, (needle, messages)  # in English and in Bahasa Indonesia
    assert all("\x1b" not in m and "\u202e" not in m and len(m) < 1000 for m in messages), messages
    assert "Indicator 'u\\x1b[31mcj\\u202e' does not exist" in _only(messages, "indicators[1].id", "Indicator")
    assert "key 'kategori.pemda.kel\\x1bompok': Key 'kel\\x1bompok' is not known" in _only(messages, "Key 'kel")
    twice = tmp_path / "twice.yaml"
    twice.write_text('musim: 2025\n"a\\e[2J": 1\n"a\\e[2J": 2\n', encoding="utf-8")
    message = _only(_problems(twice), "twice.yaml")
    assert "\x1b" not in message and "Key 'a\\x1b[2J' is written twice" in message, message


def test_the_participant_table_type_names_every_participant_table() -> None:
    """`peserta.tabel` is checked against a Literal type; it must name exactly the tables of schema.py."""
    assert get_args(ParticipantTableName) == tuple(PARTICIPANT_TABLES)


def test_an_aspect_id_with_spaces_around_it_is_an_error(tmp_path: Path) -> None:
    """Juror files' aspek cells are read trimmed: an id ' inovasi' would never match one, bare or in a map."""
    data = methodology_data()
    data["kategori"]["pemda"]["aspects"] = [" inovasi", {"id": "sinergi ", "label": {"id": "Sinergi", "en": "Synergy"}}]
    messages = _problems(_write(tmp_path, data))
    assert "' inovasi' has spaces before or after it" in _only(messages, "kategori.pemda.aspects[0]'")
    assert "'sinergi ' has spaces before or after it" in _only(messages, "kategori.pemda.aspects[1].id'")
    assert "diawali atau diakhiri spasi" in _only(_problems(_write(tmp_path, data), "id"), "aspects[0]'")


def test_a_page_scored_with_another_file_than_the_seasons_own_says_it_is_a_proposal() -> None:
    """Whatever its `nama` says, a file other than <params>/<musim>/metodologi.yaml is a proposal on every page."""
    from paritrana_nb.methodology import proposal_banner

    assert proposal_banner(Path("params") / "2025" / "metodologi.yaml", 2025, "en") == ""
    assert proposal_banner(Path("/srv/aturan") / "2025" / "metodologi.yaml", 2025, "id") == ""  # another params folder
    usulan = proposal_banner(Path("params") / "2025" / "usulan_pleno.yaml", 2025, "en")
    assert usulan.startswith("Scored with the methodology file usulan_pleno.yaml, not with season 2025's own")
    assert "usulan, bukan hasil resmi" in proposal_banner(Path("params") / "2024" / "metodologi.yaml", 2025, "id")


def test_a_methodology_file_far_larger_than_any_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """A file of 10,000 categories (15 MB) took 100 s and 1.3 GB before it was refused as too many values: a file
    over MAX_BYTES is refused by its size, unread, in both languages; one just within it is read."""
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8")
    padding = "# " + "x" * 97 + "\n"
    path = tmp_path / "metodologi.yaml"
    path.write_text(text + padding * ((MAX_BYTES - len(text.encode("utf-8"))) // len(padding)), encoding="utf-8")
    assert load_methodology(path, musim=2025).musim == 2025
    path.write_text(path.read_text(encoding="utf-8") + padding, encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES
    message = _only(_problems(path), "bytes")
    assert f"more than the {MAX_BYTES:,}" in message and "right file" in message
    assert "melebihi batas 1.000.000" in _only(_problems(path, "id"), "bita")


def test_a_lone_surrogate_given_as_data_is_said_in_the_catalogue() -> None:
    """A file's lone surrogate is refused by load_yaml with its line; data given another way still gets a sentence."""
    data = methodology_data()
    data["kategori"]["pemda"]["indicators"][0]["label"] = {"id": "\ud800", "en": "x"}
    with pytest.raises(MethodologyInvalid) as caught:
        parse_methodology(data)
    [message] = caught.value.messages("id")
    assert "kategori.pemda.indicators[0].label.id" in message and "Teks memuat surrogate yang sendirian" in message


def test_every_validation_error_of_a_yaml_value_has_its_own_sentence() -> None:
    """Each key of the default methodology (one of each shape) given each kind of YAML value: no problem falls back to
    the validator's English words (M_INVALID)."""
    values: list[object] = [None, True, "x", "", " x", 0, -1, 1.5, float("inf"), [], [1], ["x"], {}, {"a": 1}, 10**30]
    base = methodology_data()

    def places(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
        items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
        return [path, *(p for key, value in items for p in places(value, (*path, key)))]

    def shape(path: tuple[str | int, ...]) -> tuple[str | int, ...]:  # any category, any list item
        return tuple("*" if i == 1 or isinstance(part, int) else part for i, part in enumerate(path))

    fallbacks = set()
    for path in {shape(p): p for p in places(base)[1:]}.values():
        for value in values:
            data = copy.deepcopy(base)
            *parents, last = path
            node = data
            for part in parents:
                node = node[part]
            node[last] = value
            try:
                parse_methodology(data)
            except MethodologyInvalid as error:
                fallbacks |= {(path, repr(value)) for issue in error.issues if issue.code == "M_INVALID"}
    assert not fallbacks


#: A methodology written by hand, wrong in every way a model finds after reading it: the line and column of each
#: problem are counted by hand (the first character of a line is column 1).
WRONG_BY_HAND = """\
musim: 2025
nama: {id: Uji, en: Test}
aturan:
  desimal: empat
  warna: merah
kategori:
  pemda:
    label: &label {id: Pemda, en: 5}
    peserta: {tabel: pemda}
    stage_weights: &bobot {dokumen: 0.7, wawancara: 0.4}
    indicators:
      - {id: ucj, label: {id: UCJ, en: UCJ}, goalposts: [0, 100], weight: x}
    aspects: [inovasi]
    tie_break: ucj
    shortlist_size: 3
  desa:
    label: {<<: *label}
    peserta: {tabel: desa}
    stage_weights: *bobot
    indicators:
      - {id: ucj, label: {id: UCJ, en: UCJ}, goalposts: [0, 100], weight: 1}
    aspects: [inovasi]
    tie_break: ucj
  Kota: {label: {id: Kota, en: Cities}}
"""


def test_problems_found_after_reading_name_the_line_and_column_of_their_key_or_value(tmp_path: Path) -> None:
    """A wrong value, an unknown key, a missing key, a check across keys and a key that is no id named only their key
    path; now their line and column as well, in the file's order: a wrong value's, an unknown key's, the mapping's
    that lacks a key; a value written in braces at its place on the line, one that came through an alias (`*bobot`,
    or a merge key's `<<: *label`) where the alias is used."""
    path = tmp_path / "metodologi.yaml"
    path.write_text(WRONG_BY_HAND, encoding="utf-8")
    expected = [
        ("line 4, column 12", "aturan.desimal", "Value 'empat' must be a whole number"),
        ("line 5, column 3", "aturan.warna", "Key 'warna' is not known here"),
        ("line 8, column 35", "kategori.pemda.label.en", "Value '5' must be text"),
        ("line 10, column 20", "kategori.pemda.stage_weights", "Stage weights dokumen (0.7) + wawancara (0.4) = 1.1"),
        ("line 12, column 75", "kategori.pemda.indicators[0].weight', indicator 'ucj", "Value 'x' must be a number"),
        ("line 17, column 5", "kategori.desa.shortlist_size", "Required key 'shortlist_size' is missing"),
        ("line 17, column 17", "kategori.desa.label.en", "Value '5' must be text"),
        ("line 19, column 20", "kategori.desa.stage_weights", "Stage weights dokumen (0.7) + wawancara (0.4) = 1.1"),
        ("line 24, column 3", "kategori.Kota", "Id 'Kota' is not valid"),
        *(
            ("line 24, column 9", f"kategori.Kota.{key}", f"Required key '{key}' is missing")
            for key in ("peserta", "stage_weights", "indicators", "tie_break", "shortlist_size")
        ),  # (its aspects are needed only if its stage_weights, missing, weigh the interview)
    ]
    messages = _problems(path)
    assert len(messages) == len(expected), messages
    for message, (place, key, said) in zip(messages, expected, strict=True):
        assert message.startswith(f"{path}, {place}, key '{key}': {said}"), message
    indonesian = _problems(path, "id")
    assert indonesian[0].startswith(f"{path}, baris 4, kolom 12, kunci 'aturan.desimal': Nilai 'empat' harus")
    assert indonesian[-1].startswith(f"{path}, baris 24, kolom 9, kunci 'kategori.Kota.shortlist_size': Kunci wajib")


def test_a_check_across_keys_names_the_line_of_its_value(tmp_path: Path) -> None:
    """The checks the models make across keys once every value is valid: a tie-break that is no indicator of the
    category (its value's line), programmes expected but not written (the category's: the mapping that lacks it)."""
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8")
    lines = text.splitlines()
    tie_break = lines.index("    tie_break: ucj") + 1  # pemda's
    path = tmp_path / "metodologi.yaml"
    path.write_text(text.replace("    tie_break: ucj\n", "    tie_break: ucjj\n", 1), encoding="utf-8")
    message = _only(_problems(path), "tie_break")
    assert message.startswith(f"{path}, line {tie_break}, column 16, key 'kategori.pemda.tie_break': "), message
    first_key = lines.index("  bu_besar_menengah:") + 2
    assert lines[first_key - 1].startswith("    label: ")
    path.write_text(text.replace("    programmes_expected: [jkk, jkm, jht, jp]\n", "", 1), encoding="utf-8")
    message = _only(_problems(path), "programmes_expected")
    assert message.startswith(
        f"{path}, line {first_key}, column 5, key 'kategori.bu_besar_menengah.programmes_expected"
    ), message


def test_the_default_methodology_edited_by_hand_names_its_lines_on_the_command_line(
    tmp_path: Path, small_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paritrana validate --methodology` of the default file with `desimal: "empat"` and a key `warna` under a
    category: each line printed names the line of the file it is about."""
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8")
    lines = text.splitlines()
    desimal = next(n for n, line in enumerate(lines, 1) if line.startswith("  desimal: 4 "))
    kelompok = lines.index("    kelompok: provinsi") + 1
    path = tmp_path / "usulan.yaml"
    changed = text.replace("  desimal: 4 ", '  desimal: "empat" ', 1)
    warna = changed.replace("    kelompok: provinsi\n", "    kelompok: provinsi\n    warna: merah\n", 1)
    path.write_text(warna, encoding="utf-8")
    args = ["validate", "--data-dir", str(small_season), "--methodology", str(path)]
    for lang, place, key in (("en", "line {}, column {}", "key"), ("id", "baris {}, kolom {}", "kunci")):
        assert main([*args, "--lang", lang]) == 1
        out = capsys.readouterr().out
        said = [line.strip() for line in out.splitlines() if line.strip().startswith(str(path))]
        assert said == [
            f"{path}, {place.format(desimal, 12)}, {key} 'aturan.desimal': " + said[0].split(": ", 1)[1],
            f"{path}, {place.format(kelompok + 1, 5)}, {key} 'kategori.pemda.warna': " + said[1].split(": ", 1)[1],
        ], out


def test_a_methodology_that_differs_only_in_comments_and_blank_lines_scores_alike(
    tmp_path: Path, hand_season: Season
) -> None:
    """Where a key stands is no part of the methodology: the same file with comments and blank lines added is equal,
    gives the same cache key and the same scores, though its problems would name other lines."""
    text = DEFAULT_METHODOLOGY.read_text(encoding="utf-8")
    moved = "# komentar baru\n\n\n" + text.replace("\nkategori:\n", "\n\n# kategori\n\nkategori:\n", 1)
    path = tmp_path / "metodologi.yaml"
    path.write_text(moved, encoding="utf-8")
    original, commented = load_methodology(DEFAULT_METHODOLOGY), load_methodology(path)
    assert original == commented and original.model_dump_json() == commented.model_dump_json()
    assert scores_key("season", original) == scores_key("season", commented)
    assert csv_text(score_season(hand_season, original)) == csv_text(score_season(hand_season, commented))
    path.write_text(moved.replace("  desimal: 4 ", "  desimal: empat ", 1), encoding="utf-8")
    line = moved.splitlines().index(next(x for x in moved.splitlines() if x.startswith("  desimal: 4 "))) + 1
    assert f", line {line}, column 12, key 'aturan.desimal'" in _only(_problems(path), "desimal")


@pytest.mark.parametrize("left", ["out", "empty"])
def test_a_category_that_weighs_no_interview_may_leave_its_aspects_out(tmp_path: Path, left: str) -> None:
    """A province shaping its methodology without code had to list interview aspects for a category whose interview
    weighs nothing: nobody scores them. Left out (or `aspects: []`), it has none; one that weighs the interview still
    needs them (below)."""
    data = methodology_data()
    category = data["kategori"]["bu_kecil_mikro"]
    category["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    if left == "out":
        del category["aspects"]
    else:
        category["aspects"] = []
    methodology = load_methodology(_write(tmp_path, data))
    assert methodology.kategori["bu_kecil_mikro"].aspect_ids == ()
    assert methodology.kategori["bu_kecil_mikro"].aspect_labels("en") == {}
    assert load_methodology(save_methodology(methodology, tmp_path / "saved.yaml")) == methodology  # saved, read back


@pytest.mark.parametrize("left", ["out", "empty"])
def test_a_category_that_weighs_the_interview_must_list_its_aspects(tmp_path: Path, left: str) -> None:
    """Its jurors would have nothing to score: the message says so, at the empty list or the category lacking it,
    and offers the two ways out."""
    data = methodology_data()
    if left == "out":
        del data["kategori"]["pemda"]["aspects"]
    else:
        data["kategori"]["pemda"]["aspects"] = []
    path = _write(tmp_path, data)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("  pemda:")) + 1  # its first key
    if left == "empty":
        line = next(n for n, text in enumerate(lines, 1) if n > line and "aspects: []" in text)
    en = _only(_problems(path), "kategori.pemda.aspects")
    assert f", line {line}, " in en and "weighs the interview (wawancara: 0.3) but lists no interview aspects" in en
    assert "wawancara: 0}" in en
    indonesian = _only(_problems(path, "id"), "kategori.pemda.aspects")
    assert "memakai wawancara (wawancara: 0,3) tetapi tidak mencantumkan aspek wawancara" in indonesian


def test_an_award_on_an_aspect_of_a_category_without_aspects_is_an_error(tmp_path: Path) -> None:
    """`inovasi_desa` looks at desa's aspect inovasi: desa weighing no interview and listing no aspects, nobody could
    win it. Told so, not "Allowed aspects: ." (an empty list)."""
    data = methodology_data()
    data["kategori"]["desa"]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    del data["kategori"]["desa"]["aspects"]
    position = next(i for i, award in enumerate(data["penghargaan_khusus"]) if award["kategori"] == "desa")
    message = _only(_problems(_write(tmp_path, data)), f"penghargaan_khusus[{position}].aturan.aspek")
    assert "Category desa lists no interview aspects, so no one has a score of aspect 'inovasi'" in message
    assert "Allowed" not in message


def test_a_methodology_read_from_a_file_tells_where_the_value_of_a_key_path_stands(tmp_path: Path) -> None:
    """As its own problems are placed, through an alias or a merge key where the alias is used (the lines of
    SMALL_METHODOLOGY counted by hand); pickled (a report's prepared data) it still does; given as data, never."""
    path = tmp_path / "metodologi.yaml"
    path.write_text(SMALL_METHODOLOGY, encoding="utf-8")
    methodology = load_methodology(path)
    sector = ("kategori", "bu_kebun", "peserta", "sektor", 2)
    assert methodology.place(sector) == Place(30, 11)
    assert methodology.place(("kategori", "pemda", "stage_weights", "wawancara")) == Place(17, 20)
    assert methodology.place(("kategori", "bu_tambang", "peserta", "sektor", 0)) == Place(39, 19)
    assert methodology.place(("penghargaan_khusus", 1, "aturan", "aspek")) == Place(55, 14)
    assert methodology.place(("kategori", "pemda", "kelompok")) is None  # left to its default: not in the file
    assert pickle.loads(pickle.dumps(methodology)).place(sector) == Place(30, 11)  # noqa: S301 - our own bytes
    assert parse_methodology(yaml.safe_load(SMALL_METHODOLOGY)).place(sector) is None


@pytest.mark.parametrize(
    "loc",
    [
        ("musim",),
        ("penghargaan_khusus", 1, "aturan", "aspek"),
        ("kategori", "bu_kebun", "peserta", "sektor", 12),
        ("kategori", "pemda", "stage_weights", "wawancara"),
    ],
)
def test_a_key_path_reads_back_from_its_text(loc: tuple[str | int, ...]) -> None:
    assert key_path(key_text(loc)) == loc
