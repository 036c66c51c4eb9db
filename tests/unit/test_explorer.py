"""The weight explorer ranks exactly as the engine does, resets, and saves a methodology that reproduces it."""

from __future__ import annotations

import ast
import asyncio
import dataclasses
import errno
import html
import json
import math
import os
import re
import shutil
import time
from pathlib import Path

import ipywidgets as w
import numpy as np
import pandas as pd
import pytest
import yaml
from defusedxml import ElementTree
from markupsafe import escape

from paritrana_nb import palette
from paritrana_nb.cli import main
from paritrana_nb.engine import score_season
from paritrana_nb.explorer import ExistingFile, OfficialFileProtected, Refused, ScoresByGroup, TargetExists, WeightModel
from paritrana_nb.explorer_ui import ACTIONS_DELAY_SECONDS, ExplorerApp, FailedExplorer, explorer
from paritrana_nb.messages import t
from paritrana_nb.methodology import WEIGHT_MAX, WEIGHT_MIN, MethodologyInvalid, load_methodology, parse_methodology
from paritrana_nb.problems import SeasonInvalid
from paritrana_nb.report.context import prepare_season
from paritrana_nb.season import Season, read_season
from paritrana_nb.templating import environment, translator
from paritrana_nb.uncertainty import rank_uncertainty
from scoring_fixtures import gaps_tables, write_season

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT / "params" / "2025" / "metodologi.yaml"


@pytest.fixture(scope="module")
def season():
    return read_season(2025, ROOT / "data")


def _engine_ranks(season, methodology, kategori: str, province: str | None) -> dict[str, float]:
    provinces = None if province is None else [province]
    peserta = score_season(season, methodology, provinces, [kategori]).peserta
    return dict(zip(peserta["id_peserta"], peserta["peringkat"].to_numpy(dtype=float, na_value=np.nan), strict=True))


def _model_ranks(ranking) -> dict[str, float]:
    return dict(zip(ranking.table["id_peserta"], ranking.table["peringkat"], strict=True))


@pytest.mark.parametrize(
    ("kategori", "province", "changed"),
    [
        ("pemda", "61", {"regulasi": 45.0, "ucj": 5.0}),
        ("desa", "65", {"bpd": 40.0}),
        ("bu_besar_menengah", "62", {"csr_rentan": 30.0, "kepesertaan": 1.0}),
        ("pemprov", "64", {"ucj_naik": 55.0}),  # ranked by zone: the model holds the zone of Kaltim, Kalimantan
    ],
)
def test_changed_weights_rank_exactly_as_the_engine(season, kategori, province, changed) -> None:
    official = load_methodology(OFFICIAL)
    model = WeightModel(season, official, kategori, province)
    if kategori == "pemprov":
        assert model.group == "Kalimantan" and len(model.peserta) == 5
        province = None  # the engine's ranks of the whole zone
    assert _model_ranks(model.rank()) == _engine_ranks(season, official, kategori, province)
    weights = {**model.official_weights, **changed}
    ranking = model.rank(weights, 0.55)
    expected = _engine_ranks(season, model.methodology_with(weights, 0.55), kategori, province)
    assert _model_ranks(ranking) == expected
    assert _model_ranks(ranking) != _model_ranks(model.rank()) or kategori == "pemprov"
    moved = ranking.table.set_index("id_peserta")
    official_ranks = _engine_ranks(season, official, kategori, province)
    for pid, row in moved.iterrows():
        assert row["geser"] == pytest.approx(official_ranks[pid] - row["peringkat"], nan_ok=True)


@pytest.mark.parametrize(("province", "hint"), [("99", ""), (None, ""), ("kalbr", " Did you mean 'kalbar'?")])
def test_a_model_of_no_province_of_the_season_is_refused_not_empty(season, province: object, hint: str) -> None:
    """`WeightModel(season, methodology, "pemda", "99")` (or None) held an empty group and ranked nobody, without a
    word; it is refused with the message a report's unknown province has (it had a message of its own)."""
    methodology = load_methodology(ROOT / "params" / "2025" / "metodologi.yaml")
    for kategori in ("pemda", "pemprov"):  # by province, by zone
        with pytest.raises(Refused) as refused:
            WeightModel(season, methodology, kategori, province)
        assert refused.value.key == "cli.unknown_province"
        assert refused.value.message("en") == (
            f"Province '{province}' is not known.{hint} Use a code (e.g. 61) or a short name: "
            "61 (kalbar), 62 (kalteng), 63 (kalsel), 64 (kaltim), 65 (kaltara)."
        )
        assert refused.value.message("id").startswith(f"Provinsi '{province}' tidak dikenal.")


@pytest.mark.parametrize("province", [61, "kalbar", "Kalimantan Barat"])
def test_a_model_reads_a_province_as_a_report_does(season, province: object) -> None:
    """The number 61 (papermill's reading of `-p provinsi 61`) and a short name or name are the province 61, as for
    a report; the number was refused with a message offering 61."""
    methodology = load_methodology(ROOT / "params" / "2025" / "metodologi.yaml")
    model = WeightModel(season, methodology, "pemda", province)
    assert (model.province, model.group) == ("61", "61")
    assert set(model.peserta["kode_provinsi"]) == {"61"}


def test_app_reset_restores_official_ranks(season) -> None:
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025)
    official = _model_ranks(app.current)
    app.sliders["regulasi"].value = 45.0
    app.desk_slider.value = 0.5
    assert _model_ranks(app.current) != official
    app.reset()
    assert _model_ranks(app.current) == official
    assert app.weights() == app.model.official_weights
    assert "explorer-ranking" in app.table.value


def test_save_writes_a_valid_methodology_reproducing_the_ranks(season, tmp_path: Path) -> None:
    official = load_methodology(OFFICIAL)
    model = WeightModel(season, official, "pemda", "64")
    weights = {**model.official_weights, "rentan_apbd": 42.5}
    shown = model.rank(weights, 0.65)
    (tmp_path / "2025").mkdir()
    path = model.save(weights, 0.65, tmp_path, "usulan_pleno")
    assert path == tmp_path / "2025" / "usulan_pleno.yaml"
    saved = load_methodology(path, 2025)
    assert saved.kategori["pemda"].stage_weights.dokumen == pytest.approx(0.65)
    assert _engine_ranks(season, saved, "pemda", "64") == _model_ranks(shown)
    with pytest.raises(OfficialFileProtected):
        model.save(weights, 0.65, tmp_path, "metodologi")
    assert not (tmp_path / "2025" / "metodologi.yaml").exists()
    with pytest.raises(OfficialFileProtected):
        model.save(weights, 0.65, tmp_path, "METODOLOGI")
    assert not list((tmp_path / "2025").glob("*etodolog*"))
    assert model.save(weights, 0.65, tmp_path, "Metodologi", overwrite_official=True).name == "metodologi.yaml"
    assert saved.nama.id.startswith("Usulan usulan_pleno dari penjelajah bobot, berdasarkan: Metodologi bawaan")
    assert saved.nama.en == f"Proposal usulan_pleno from the weight explorer, based on: {official.nama.en}"
    assert load_methodology(tmp_path / "2025" / "metodologi.yaml") == saved.model_copy(update={"nama": official.nama})
    with pytest.raises(ValueError):
        model.save(weights, 0.65, tmp_path, "../luar")


def test_rank_intervals_are_the_uncertainty_analysis_of_the_shown_weights(season) -> None:
    official = load_methodology(OFFICIAL)
    model = WeightModel(season, official, "desa", "61")
    weights = {**model.official_weights, "bpd": 40.0}
    found = model.intervals(weights, 0.6, draws=200, seed=4).set_index("id_peserta")
    scores = score_season(season, model.methodology_with(weights, 0.6), ["61"], ["desa"])
    expected = rank_uncertainty(scores, 200, 4).peserta.set_index("id_peserta")
    assert list(found.index) == list(model.peserta["id_peserta"])
    pd.testing.assert_frame_equal(found.loc[expected.index], expected)


def test_app_shows_intervals_until_the_weights_change(season) -> None:
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    assert "90% interval" not in app.table.value
    app.compute_intervals(draws=100, seed=1)
    assert "90% interval" in app.table.value and "100 simulations (seed 1)" in app.interval_note.value
    app.sliders["regulasi"].value = 45.0
    assert "90% interval" not in app.table.value and "Weights changed" in app.interval_note.value


def test_the_interval_note_groups_the_number_of_draws(season) -> None:
    """The note under the table said "1000 simulations" in English, and in Bahasa Indonesia, by default."""
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    app.compute_intervals(draws=1000, seed=1)
    assert "1,000 simulations (seed 1)" in app.interval_note.value


def test_weight_sliders_stay_within_the_methodology_bounds(tmp_path: Path) -> None:
    text = OFFICIAL.read_text(encoding="utf-8").replace("weight: 30", "weight: 600", 1)  # pemda ucj
    (tmp_path / "berat.yaml").write_text(text, encoding="utf-8")
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, methodology=tmp_path / "berat.yaml")
    app.category_pick.value = "pemda"
    assert app.sliders["ucj"].max == WEIGHT_MAX and app.sliders["ucj"].min >= WEIGHT_MIN
    app.sliders["ucj"].value = app.sliders["ucj"].max
    assert app.current.weights["ucj"] == WEIGHT_MAX  # a valid methodology, ranked


def test_a_carved_category_and_a_zone_category_rank_as_the_engine(season) -> None:
    data = yaml.safe_load(OFFICIAL.read_text(encoding="utf-8"))
    plantations = {
        **data["kategori"]["bu_besar_menengah"],
        "label": {"id": "Perkebunan", "en": "Plantations"},
        "peserta": {"tabel": "badan_usaha", "sektor": ["perkebunan"]},
    }
    data["kategori"] = {"bu_perkebunan": plantations, **data["kategori"]}
    data["kategori"]["bu_kecil_mikro"]["kelompok"] = "zona"
    methodology = parse_methodology(data)
    # the plantations' interview scores now belong to the carved category
    plantation = season.badan_usaha.loc[season.badan_usaha["sektor"] == "perkebunan", "npp"]
    wawancara = season.wawancara.copy()
    wawancara.loc[wawancara["id_peserta"].isin(plantation), "kategori"] = "bu_perkebunan"
    season = dataclasses.replace(season, wawancara=wawancara)
    carved = WeightModel(season, methodology, "bu_perkebunan", "62")
    assert len(carved.peserta) and _model_ranks(carved.rank()) == _engine_ranks(
        season, methodology, "bu_perkebunan", "62"
    )
    zoned = WeightModel(season, methodology, "bu_kecil_mikro", "63")
    assert zoned.group == "Kalimantan" and set(zoned.peserta["kode_provinsi"]) == {"61", "62", "63", "64", "65"}
    weights = {**zoned.official_weights, "program": 60.0}
    expected = _engine_ranks(season, zoned.methodology_with(weights, 0.5), "bu_kecil_mikro", None)
    assert _model_ranks(zoned.rank(weights, 0.5)) == expected


@pytest.fixture
def params(tmp_path: Path) -> Path:
    """A copy of the params folder: the explorer may write there."""
    shutil.copytree(ROOT / "params", tmp_path / "params")
    return tmp_path / "params"


def _names_in_order(html: str, names: list[str]) -> bool:
    """Every name appears in the table after the one before it (two villages may share a name)."""
    position = 0
    for name in names:
        position = html.find(f">{name}<", position)
        if position == -1:
            return False
        position += 1
    return True


@pytest.mark.parametrize(
    ("weight", "share"),
    [
        (999999.0, 0.7),
        (-5.0, 0.7),
        (0.0, 0.7),
        (math.nan, 0.7),
        (math.inf, 0.7),
        (15.0, -0.1),
        (15.0, 1.5),
        (15.0, math.nan),
        (True, 0.7),  # a boolean is no weight
        (15.0, True),
    ],
)
def test_the_model_refuses_weights_and_shares_outside_the_sliders(
    season, tmp_path: Path, weight: float, share: float
) -> None:
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    weights = {**model.official_weights, "regulasi": weight}
    with pytest.raises(Refused):
        model.methodology_with(weights, share)
    with pytest.raises(Refused):
        model.rank(weights, share)
    with pytest.raises(Refused):
        model.save(weights, share, tmp_path, "usulan")
    assert not (tmp_path / "2025").exists()


def test_the_model_names_the_weight_it_refuses(season) -> None:
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    with pytest.raises(Refused) as refused:
        model.methodology_with({**model.official_weights, "regulasi": 999999.0}, 0.7)
    assert refused.value.message("en") == (
        "Weight regulasi = 999999 is outside the explorer's range 0.5–45.0; move its slider back."
    )
    with pytest.raises(Refused):
        model.methodology_with({**model.official_weights, "tidak_ada": 10.0}, 0.7)
    with pytest.raises(Refused):
        model.methodology_with({k: v for k, v in model.official_weights.items() if k != "ucj"}, 0.7)


def test_numpy_numbers_are_weights_as_python_numbers_are(season) -> None:
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    plain = model.rank({**model.official_weights, "regulasi": 20.0}, 0.7)
    for value in (np.int64(20), np.float32(20.0)):
        ranked = model.rank({**model.official_weights, "regulasi": value}, np.float64(0.7))
        assert ranked.table["peringkat"].tolist() == plain.table["peringkat"].tolist()


def test_a_season_that_cannot_be_read_puts_the_picker_back(params: Path, tmp_path: Path) -> None:
    """Its methodology is another season's: said in the page; the season, sliders and saving stay as they were."""
    app = ExplorerApp(ROOT / "data", params, 2025, lang="en", methodology=params / "2025" / "metodologi.yaml")
    table = app.table.value
    app.season_pick.value = 2024
    assert app.season_pick.value == 2025 and app.season.musim == 2025 and app.table.value == table
    assert "musim" in app.alert.value and "2024" in app.alert.value


@pytest.mark.parametrize(
    ("served", "said", "unsaid"),
    [
        (False, ("give the notebook the right params_dir", "give one of them with -p musim"), "--"),
        (True, ("pass the right --params-dir or --methodology", "give one of them with --season"), "notebook"),
    ],
)
def test_a_season_picked_without_its_methodology_is_told_with_what_gives_it(
    params: Path, served: bool, said: tuple[str, str], unsaid: str
) -> None:
    """Picking a season whose methodology file is missing advised --params-dir, a command's option, in the notebook
    too, where params_dir is a parameter: the notebook is told its parameters, `paritrana explore` its options."""
    (params / "2024" / "metodologi.yaml").unlink()  # params/2024/ there, its file not
    app = ExplorerApp(ROOT / "data", params, 2025, lang="en", served=served)
    app.season_pick.value = 2024
    assert app.season.musim == 2025 and said[0] in app.alert.value and unsaid not in app.alert.value
    (params / "2024").rmdir()  # params/ holds 2025 only
    app.season_pick.value = 2024
    assert app.season.musim == 2025 and said[1] in app.alert.value and unsaid not in app.alert.value


@pytest.mark.parametrize(("folder", "said"), [("missing", r"\(data_dir\) is not there"), ("empty", "No season folder")])
def test_a_data_folder_without_seasons_is_named(tmp_path: Path, folder: str, said: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match=said):
        ExplorerApp(tmp_path / folder, ROOT / "params", 2025, lang="en")
    with pytest.raises(ValueError, match="Language 'fr' is not known"):
        ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="fr")


@pytest.mark.parametrize(
    ("served", "lang", "said"),
    [
        (False, "en", "Give the data folder that holds them as the notebook's parameter data_dir (papermill: -r"),
        (False, "id", "Berikan folder data yang memuatnya sebagai parameter notebook data_dir (papermill: -r"),
        (True, "en", "Give the data folder that holds them with --data-dir."),
        (True, "id", "Berikan folder data yang memuatnya dengan --data-dir."),
    ],
)
def test_a_data_folder_without_seasons_is_told_with_what_gives_it(
    tmp_path: Path, served: bool, lang: str, said: str
) -> None:
    """A data folder without seasons offered "data_dir, or --data-dir" whichever ran the explorer: the notebook
    (JupyterLab, papermill) is told its parameter data_dir, `paritrana explore` (served) its option --data-dir."""
    with pytest.raises(ValueError) as refused:
        ExplorerApp(tmp_path, ROOT / "params", 2025, lang=lang, served=served)
    message = str(refused.value)
    assert said in message and str(tmp_path) in message
    assert ("data_dir" not in message) if served else ("--data-dir" not in message)


def _params_of_2030(tmp: Path) -> Path:
    """A params folder holding season 2030's methodology (the data folder holds no season 2030)."""
    shutil.copytree(ROOT / "params", tmp / "params")
    (tmp / "params" / "2030").mkdir()
    text = (ROOT / "params" / "2025" / "metodologi.yaml").read_text(encoding="utf-8")
    (tmp / "params" / "2030" / "metodologi.yaml").write_text(text.replace("musim: 2025", "musim: 2030", 1))
    return tmp / "params"


# folders and arguments of ExplorerApp that a check refuses before the season is read, by what is wrong
_REFUSED_AT_START = {
    "data_dir gone": lambda tmp: (tmp / "gone", ROOT / "params", 2025, {}),
    "params_dir gone": lambda tmp: (ROOT / "data", tmp / "gone", 2025, {}),
    "season gone": lambda tmp: (ROOT / "data", _params_of_2030(tmp), 2030, {}),
    "data_dir a season": lambda tmp: (ROOT / "data" / "2025", ROOT / "params", 2025, {}),
    "cache_dir an input": lambda tmp: (ROOT / "data", ROOT / "params", 2025, {"cache_dir": ROOT / "params"}),
}


@pytest.mark.parametrize(
    ("case", "served", "lang", "said"),
    [
        ("data_dir gone", False, "en", "The folder {tmp}/gone (data_dir) is not there: a relative data_dir is taken"),
        ("data_dir gone", True, "en", "The folder {tmp}/gone (--data-dir) is not there any more: it was moved, "),
        ("data_dir gone", True, "en", "stop paritrana explore (Ctrl+C) and start it again with --data-dir naming"),
        ("data_dir gone", True, "id", "Folder {tmp}/gone (--data-dir) sudah tidak ada: folder itu dipindahkan, "),
        ("params_dir gone", False, "id", "Folder {tmp}/gone (params_dir) tidak ada: params_dir yang relatif"),
        ("params_dir gone", True, "en", "The folder {tmp}/gone (--params-dir) is not there any more"),
        ("params_dir gone", True, "id", "lalu jalankan lagi dengan --params-dir yang menunjuk tempatnya sekarang."),
        (
            "season gone",
            False,
            "en",
            "Give one of them as musim, or the data folder that holds season 2030 as data_dir.",
        ),
        ("season gone", True, "en", "There is no folder of season 2030 in {root}/data any more (the seasons there: "),
        ("season gone", True, "en", "again with one of them as --season, or with --data-dir naming the data folder"),
        ("season gone", True, "id", "lalu jalankan lagi dengan salah satunya sebagai --season, atau dengan --data-dir"),
        ("data_dir a season", False, "en", "data_dir is the folder that holds one folder per season. Give its parent,"),
        ("data_dir a season", True, "en", "--data-dir is the folder that holds one folder per season. Stop paritrana"),
        ("data_dir a season", True, "en", "explore (Ctrl+C) and start it again with --data-dir {root}/data."),
        ("data_dir a season", True, "id", "Hentikan paritrana explore (Ctrl+C) lalu jalankan lagi dengan --data-dir"),
        ("cache_dir an input", False, "en", "cache_dir {root}/params would put the cache of a season in"),
        ("cache_dir an input", True, "en", "--cache-dir {root}/params would put the cache of a season in"),
        ("cache_dir an input", True, "en", "start it again with a --cache-dir outside it, e.g. cache/."),
        ("cache_dir an input", True, "id", "lalu jalankan lagi dengan --cache-dir di luarnya, misalnya cache/."),
    ],
)
def test_a_folder_refused_is_told_with_what_gives_it(
    tmp_path: Path, case: str, served: bool, lang: str, said: str
) -> None:
    """A folder refused as the explorer starts (as `paritrana explore` serves it, at every page opened: the folders may
    have changed since the command checked them) was told with the notebook's parameters and papermill whichever ran
    it: the notebook is told its parameters, `paritrana explore` (served) its options and to start it again."""
    data_dir, params_dir, musim, options = _REFUSED_AT_START[case](tmp_path)
    with pytest.raises(ValueError) as refused:
        ExplorerApp(data_dir, params_dir, musim, lang=lang, served=served, **options)
    message = str(refused.value)
    assert said.format(tmp=tmp_path, root=ROOT) in message
    if served:  # no parameter, nor papermill
        assert not re.search(r"\b(data|params|cache)_dir\b|papermill", message)
    else:  # no option of the command
        assert not re.search(r"--(data|params|cache)-dir|--season|paritrana explore", message)


@pytest.mark.parametrize(
    ("served", "said"),
    [
        (False, ("give one of them with -p musim", "give the notebook the right data_dir")),
        (True, ("give one of them with --season", "pass the right --data-dir")),
    ],
)
def test_a_season_picked_whose_folder_went_is_told_with_what_gives_it(
    tmp_path: Path, served: bool, said: tuple[str, str]
) -> None:
    """A season folder removed after the explorer started, then picked, was told with the command's options
    (--season, --data-dir) in the notebook too, where the season and the data folder are parameters."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    app = ExplorerApp(tmp_path / "data", ROOT / "params", 2025, lang="en", served=served)
    shutil.rmtree(tmp_path / "data" / "2024")  # data/ holds 2025 only
    app.season_pick.value = 2024
    assert app.season.musim == 2025 and said[0] in app.alert.value
    shutil.rmtree(tmp_path / "data" / "2025")  # data/ holds no season
    app.season_pick.value = 2024
    assert app.season.musim == 2025 and said[1] in app.alert.value
    assert ("notebook" not in app.alert.value) if served else ("--" not in app.alert.value)


@pytest.mark.parametrize(
    ("served", "lang", "said"),
    [
        (False, "en", "the details are printed in the terminal that started the notebook's kernel (where JupyterLab"),
        (False, "id", "rinciannya tercetak di terminal yang menjalankan kernel notebook (tempat JupyterLab atau"),
        (True, "en", "Something went wrong in the explorer; the details are printed in the terminal running paritrana"),
        (True, "id", "Terjadi kesalahan di penjelajah; rinciannya tercetak di terminal tempat paritrana explore"),
    ],
)
def test_a_season_picked_that_cannot_be_read_is_told_where_the_details_are(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], served: bool, lang: str, said: str
) -> None:
    """A failure in the page (a season folder that cannot be read: an OSError, as without permission) sent the
    notebook run by hand to the terminal of paritrana explore, which is not running: its details are in the
    terminal of the notebook's kernel then."""
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang=lang, served=served)

    def unreadable(musim: int, data_dir: Path, *_: object, **__: object) -> Season:
        raise PermissionError(errno.EACCES, "Permission denied", str(data_dir / str(musim)))

    monkeypatch.setattr("paritrana_nb.explorer_ui.load_inputs", unreadable)
    app.season_pick.value = 2024
    shown = html.unescape(app.alert.value)
    assert app.season.musim == 2025 and said in shown
    assert ("JupyterLab" not in shown) if served else ("paritrana explore" not in shown)
    assert f"PermissionError: [Errno 13] Permission denied: '{ROOT / 'data' / '2024'}'" in capfd.readouterr().err


@pytest.mark.parametrize(
    ("served", "said"),
    [
        (False, "run the notebook with its parameter allow_official set to True (papermill: -p allow_official True)"),
        (True, "To replace it, run paritrana explore --allow-official and tick 'overwrite the official methodology'."),
    ],
)
def test_the_official_name_is_refused_saying_what_allows_it(params: Path, served: bool, said: str) -> None:
    """Saving under the official methodology's name offered `paritrana explore --allow-official` in the notebook
    too, where it is the parameter allow_official."""
    app = ExplorerApp(ROOT / "data", params, 2025, lang="en", served=served)
    app.save_name.value = "Metodologi"
    app.save_button.click()
    shown = html.unescape(app.status.value)
    assert said in shown and ("papermill" not in shown if served else "paritrana explore" not in shown)


def test_a_page_cannot_replace_the_official_methodology(params: Path) -> None:
    official = params / "2025" / "metodologi.yaml"
    before = official.read_bytes()
    app = ExplorerApp(ROOT / "data", params, 2025, lang="en")  # as `paritrana explore` serves it
    assert app.overwrite is None  # no tick to give
    slider = app.sliders["regulasi"]  # what a websocket client can do: any widget state
    slider.max, slider.value = 1e6, 999999.0
    assert "Weight regulasi = 999999" in app.alert.value
    for name in ("metodologi", "METODOLOGI", "Metodologi.yaml", " metodologi "):
        app.save_name.value = name
        app.save_button.click()
        assert "official methodology" in app.status.value, name
    app.save_name.value = "usulan"
    app.save_button.click()
    assert "Weight regulasi = 999999" in app.status.value
    assert official.read_bytes() == before
    assert sorted(p.name for p in official.parent.iterdir()) == ["metodologi.yaml"]


@pytest.mark.parametrize(
    ("lang", "notes"),
    [("id", ["resmi: 2,25", "resmi: 20", "resmi: 0,70"]), ("en", ["official: 2.25", "official: 20", "official: 0.70"])],
)
def test_the_official_weights_beside_the_sliders_are_written_in_the_explorer_language(
    params: Path, lang: str, notes: list[str]
) -> None:
    """The notes wrote a decimal with a dot in Bahasa Indonesia ("resmi: 0.70", "resmi: 2.25") where every other
    Indonesian text writes a decimal comma."""
    official = params / "2025" / "metodologi.yaml"
    text = official.read_text(encoding="utf-8")
    official.write_text(text.replace("weight: 30", "weight: 2.25", 1), encoding="utf-8")  # ucj, the first of pemda
    app = ExplorerApp(ROOT / "data", params, 2025, lang=lang)
    shown = [_slider_row(row).children[2].value for row in app.sliders_box.children]
    assert [shown[0], shown[1], shown[-1]] == [f'<span class="note">{note}</span>' for note in notes]


def _slider_row(row: w.Box) -> w.HBox:
    """A slider's row (slider, its value, its official value), under the indicator's label for a weight."""
    return row if isinstance(row, w.HBox) else row.children[1]


@pytest.mark.parametrize(
    ("lang", "official", "moved"),
    [("id", ["2,25", "20", "0,70"], ["7,5", "0,55"]), ("en", ["2.25", "20", "0.70"], ["7.5", "0.55"])],
)
def test_each_slider_shows_its_value_in_the_explorer_language(
    params: Path, lang: str, official: list[str], moved: list[str]
) -> None:
    """The sliders' own readouts are written by the browser with a decimal point ("0.70" beside "resmi: 0,70" in
    Bahasa Indonesia): they are hidden, and each slider's value is shown beside it as the explorer's language
    writes it, as it moves and when the sliders go back to the official weights."""
    official_file = params / "2025" / "metodologi.yaml"
    text = official_file.read_text(encoding="utf-8")
    official_file.write_text(text.replace("weight: 30", "weight: 2.25", 1), encoding="utf-8")  # ucj, pemda's first
    app = ExplorerApp(ROOT / "data", params, 2025, lang=lang)
    rows = [_slider_row(row) for row in app.sliders_box.children]
    assert [row.children[0] for row in rows] == [*app.sliders.values(), app.desk_slider]
    assert not any(row.children[0].readout for row in rows)

    def values() -> list[str]:
        return [row.children[1].value for row in (rows[0], rows[1], rows[-1])]

    assert values() == official
    app.sliders["ucj"].value, app.desk_slider.value = 7.5, 0.55
    assert [values()[0], values()[2]] == moved
    app.reset()
    assert values() == official


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_weight_slider_shows_its_indicator_label_and_id(lang: str) -> None:
    """The weight sliders were labelled by indicator id alone (ucj, capaian_target), the label only a tooltip that a
    touch screen never shows: each slider is under its indicator's label in the explorer's language, its id kept as
    the slider's description."""
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang=lang)
    indicators = app.model.category.indicators
    rows = app.sliders_box.children[:-1]  # the desk share's last
    labels = [row.children[0].value for row in rows]
    assert labels == [f'<div style="margin-top:4px">{getattr(i.label, lang)}</div>' for i in indicators]
    assert [row.children[1].children[0].description for row in rows] == [i.id for i in indicators]
    shown = "Achievement of the UCJ target (%)" if lang == "en" else "Capaian terhadap target UCJ (%)"
    assert shown in labels[2]


@pytest.mark.parametrize("value", ["yes", "no", "false", "", 1, None])
@pytest.mark.parametrize("flag", ["allow_official", "use_cache", "served"])
def test_a_flag_given_as_anything_but_true_or_false_is_refused_by_name(flag: str, value: object) -> None:
    """papermill -p allow_official no (or yes, false) gave the text 'no', which counted as True: the tick to replace
    the official methodology was offered. Only True or False is taken; anything else is refused, in the notebook's
    language, before the season is read."""
    with pytest.raises(ValueError) as refused:
        ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="id", **{flag: value})
    assert f"Parameter {flag} = {value!r} harus True atau False" in str(refused.value)
    assert f"papermill -p {flag} True" in str(refused.value)
    with pytest.raises(ValueError, match=f"Parameter {flag} = .* must be True or False"):
        ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en", **{flag: value})


def test_docs_list_every_parameter_of_the_explorer_notebook_with_its_default() -> None:
    """docs/explorer.md never listed the notebook's parameters (musim, data_dir, ..., use_cache): its table lists
    each, in the parameters cell's order, with the default the cell gives it."""
    notebook = json.loads((ROOT / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    (cell,) = [c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", [])]
    source = "".join(cell["source"])
    given = [
        (node.target.id, ast.get_source_segment(source, node.value))
        for node in ast.parse(source).body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None
    ]
    assert [name for name, _ in given] == [
        "musim", "data_dir", "params_dir", "lang", "metodologi", "allow_official", "cache_dir", "use_cache", "served"
    ]  # fmt: skip
    docs = (ROOT / "docs" / "explorer.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(\w+)` \| `([^`]*)` \|", docs, flags=re.MULTILINE)
    assert listed == given


@pytest.mark.parametrize("name", ["explore", "laporan_provinsi", "laporan_nasional", "rapor_peserta"])
def test_every_notebook_is_written_in_bahasa_indonesia_and_carries_no_outputs(name: str) -> None:
    """Their notes mixed a title in Bahasa Indonesia with a text in English: what an analyst reads in JupyterLab is in
    Bahasa Indonesia, the default language, throughout (code and package names aside); no cell keeps an output."""
    notebook = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    text = " ".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    words = set(re.findall(r"[a-z]+", re.sub(r"`[^`]*`", "", text).lower()))
    english = {"the", "a", "an", "and", "of", "see", "every", "move", "save", "logic", "lives", "served", "without"}
    english |= {"thin", "shell", "over", "run", "it", "with", "or", "all", "in", "one", "shown", "here", "for"}
    assert text and words & english == set(), sorted(words & english)
    assert {"paritrana", "award"} <= words
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


@pytest.mark.parametrize(
    ("parameters", "said"),
    [
        ({"musim": "2025"}, "Parameter musim = '2025' must be a whole number"),  # papermill -r musim 2025
        ({"musim": 2025.5}, "Parameter musim = 2025.5 must be a whole number"),
        ({"data_dir": 2025}, "Parameter data_dir = 2025 must be text"),  # papermill -p data_dir 2025
        ({"params_dir": True}, "Parameter params_dir = True must be text"),
        ({"methodology": 7}, "Parameter metodologi = 7 must be text"),
        ({"cache_dir": None}, "Parameter cache_dir = None must be text"),
    ],
)
def test_a_season_or_folder_parameter_of_the_wrong_kind_is_refused_by_name(
    parameters: dict[str, object], said: str
) -> None:
    """A season given as text (-r musim 2025) showed the latest season without a word, and a folder given as a number
    (-p data_dir 2025) ended in a TypeError: both are refused by name before anything is read."""
    given: dict[str, object] = {"data_dir": ROOT / "data", "params_dir": ROOT / "params", "musim": 2025, **parameters}
    with pytest.raises(ValueError, match=said):
        ExplorerApp(lang="en", **given)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "Tidak ada folder musim 2030 di {data} (musim yang ada di sana: 2024, 2025)"),
        ("en", "There is no folder of season 2030 in {data} (the seasons there: 2024, 2025)"),
    ],
)
def test_a_season_without_a_folder_is_refused_naming_the_seasons_there(tmp_path: Path, lang: str, said: str) -> None:
    """papermill -p musim 2030 showed season 2025 without a word, as if it were the one asked for (paritrana explore
    --season 2030 refuses it)."""
    with pytest.raises(ValueError) as refused:
        ExplorerApp(ROOT / "data", _params_of_2030(tmp_path), 2030, lang=lang)
    assert said.format(data=ROOT / "data") in str(refused.value)


@pytest.mark.parametrize("served", [False, True])
def test_a_season_without_its_methodology_nor_its_folder_is_told_its_methodology_first(served: bool) -> None:
    """The explorer told a wrong musim that its season folder is missing, the report notebooks (and every command)
    that its methodology is: each reads the methodology first (report.context.load_inputs), the explorer too."""
    with pytest.raises(MethodologyInvalid) as refused:
        ExplorerApp(ROOT / "data", ROOT / "params", 2030, lang="en", served=served)
    option = "--season" if served else "-p musim"
    held = f"{ROOT / 'params'} holds the methodologies of the seasons 2024, 2025: give one of them with {option}"
    assert held in str(refused.value), str(refused.value)
    with pytest.raises(MethodologyInvalid) as reports:
        prepare_season(2030, ROOT / "data", ROOT / "params", notebook=not served)
    assert str(reports.value.translated("en")) == str(refused.value)


@pytest.mark.parametrize("inside", ["data", "data/2025", "params", "data/2025/sub"])
def test_a_cache_dir_among_the_inputs_is_refused_and_nothing_is_written_there(tmp_path: Path, inside: str) -> None:
    """cache_dir=data put 13 cache files among a season's input tables (data/2025/season-*.parquet...), and
    cache_dir=data/2025 made data/2025/2025/: the data folder is never written, as --cache-dir is refused there."""
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".cache"))
    shutil.copytree(ROOT / "params", tmp_path / "params")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(ValueError, match=r"cache_dir .* would put the cache of a season in .*Choose a folder outside"):
        ExplorerApp(tmp_path / "data", tmp_path / "params", 2025, lang="en", cache_dir=tmp_path / inside)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_cache_dir_outside_the_inputs_is_used(tmp_path: Path) -> None:
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en", cache_dir=tmp_path / "cache")
    assert app.model.kategori == "pemda"
    assert any((tmp_path / "cache" / "2025").iterdir())


def test_a_season_folder_given_as_data_dir_is_said_to_be_one_naming_its_parent() -> None:
    """data_dir=data/2025 (the season folder itself) said there was no season folder in it, not that it is one."""
    with pytest.raises(ValueError) as refused:
        ExplorerApp(ROOT / "data" / "2025", ROOT / "params", 2025, lang="id")
    said = str(refused.value)
    assert f"{ROOT / 'data' / '2025'} adalah folder musim itu sendiri" in said
    assert f"Berikan folder induknya, {ROOT / 'data'}." in said


def test_a_season_folder_not_named_as_its_season_is_told_to_be_named_so(tmp_path: Path) -> None:
    """data_dir=kiriman (a season folder as a region sent it) was told to give its parent, which holds no season
    folder either: it is told to name the folder as its season."""
    shutil.copytree(ROOT / "data" / "2025", tmp_path / "kiriman", ignore=shutil.ignore_patterns("inbox", ".*"))
    with pytest.raises(ValueError) as refused:
        ExplorerApp(tmp_path / "kiriman", ROOT / "params", 2025, lang="en")
    said = str(refused.value)
    assert f"{tmp_path / 'kiriman'} holds a season's tables (badan_usaha.csv), but a season is read from" in said
    assert f"rename it to {tmp_path / '2025'} and give data_dir {tmp_path}." in said, said


def test_with_allow_official_the_tick_replaces_the_official_methodology(params: Path) -> None:
    app = ExplorerApp(ROOT / "data", params, 2025, lang="en", allow_official=True)
    assert app.overwrite is not None
    app.sliders["regulasi"].value = 30.0
    app.save_name.value = "metodologi"
    app.save_button.click()
    assert "official methodology" in app.status.value
    app.overwrite.value = True
    app.save_button.click()  # the tick is the confirmation: no "Overwrite" asked for the official file
    assert app.status.value.startswith(f"Saved: {params / '2025' / 'metodologi.yaml'}.")
    assert load_methodology(params / "2025" / "metodologi.yaml").kategori["pemda"].indicators[4].weight == 30.0


@pytest.mark.slow  # ranks four groups of the bundled season twice (the app and the model)
def test_switching_province_and_category_shows_the_new_group(season) -> None:
    official = load_methodology(OFFICIAL)
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    for kategori, province in (("pemda", "62"), ("desa", "62"), ("desa", "64"), ("pemprov", "64")):
        app.province_pick.value, app.category_pick.value = province, kategori
        expected = WeightModel(season, official, kategori, province).rank().table
        assert list(app.current.table["id_peserta"]) == list(expected["id_peserta"])
        assert _names_in_order(app.table.value, list(expected["nama"]))
        leader = expected.loc[expected["peringkat"] == 1, "id_peserta"].iloc[0]
        assert app.participant_pick.value == leader  # the official first, shown first
        assert "Rank under these weights: 1" in app.profile.value
        labels = [label for label, _ in app.participant_pick.options]
        assert labels == sorted(labels, key=str.casefold) and len(labels) == len(expected)
        assert app.alert.value == ""


def test_another_province_keeps_the_sliders_back_on_the_official_weights_and_ranks_once(monkeypatch) -> None:
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    sliders, desk = dict(app.sliders), app.desk_slider
    app.sliders["regulasi"].value, app.desk_slider.value = 45.0, 0.5
    ranked: list[object] = []
    rank = WeightModel.rank
    monkeypatch.setattr(WeightModel, "rank", lambda self, *a: ranked.append(self) or rank(self, *a))
    app.province_pick.value = "62"
    assert app.sliders == sliders and app.desk_slider is desk  # the same widgets: none sent to the page again
    assert app.weights() == app.model.official_weights and app.desk_share() == app.model.official_desk_share
    assert len(ranked) == 1  # not once per slider put back
    ranked.clear()
    app.sliders["regulasi"].value = 45.0
    app.reset()
    assert len(ranked) == 2  # the slider moved, then the reset
    app.category_pick.value = "desa"  # another category: its own sliders
    assert set(app.sliders) == set(app.model.official_weights) != set(sliders)


def test_in_a_kernel_the_actions_are_searched_after_the_profile_and_only_for_the_last_pick(monkeypatch) -> None:
    searched: list[object] = []
    lines = ExplorerApp._cheapest_steps
    monkeypatch.setattr(ExplorerApp, "_cheapest_steps", lambda self, pid: searched.append(pid) or lines(self, pid))

    async def in_a_kernel() -> None:  # widget callbacks run inside the kernel's event loop
        app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
        assert "Rank under these weights" in app.profile.value and searched == []  # the profile first
        app.province_pick.value = "62"
        app.province_pick.value = "64"  # passed through 62 without waiting for its search
        await asyncio.sleep(ACTIONS_DELAY_SECONDS + 0.5)
        first = app.model.participant_choices()[1]
        assert searched == [first] and app.participant_pick.value == first
        assert "cheapest step" in app.profile.value or "No single" in app.profile.value

    asyncio.run(in_a_kernel())


def test_a_large_group_shows_its_first_ranks_and_says_how_many_it_holds(monkeypatch) -> None:
    monkeypatch.setattr("paritrana_nb.explorer_ui.TABLE_ROWS", 5)
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    app.compute_intervals(draws=50)
    ranked = app.current.table
    assert len(ranked) == 14 and app.table.value.count("<tr>") == 1 + 5  # the header and the first five ranks
    assert _names_in_order(app.table.value, ranked["nama"].head(5).tolist())
    assert "<caption>The first 5 ranks of 14 participants; pick a participant below" in app.table.value
    assert ranked["nama"].iloc[5] not in app.table.value


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "No participant of Village governments in this province's ranking group this season: pick another"),
        ("id", "Tidak ada peserta Pemerintah desa/kelurahan dalam kelompok peringkat provinsi ini pada musim ini"),
    ],
)
def test_a_group_without_participants_says_so(tmp_path: Path, lang: str, said: str) -> None:
    """A category none of whose participants is in the province picked showed an empty table without a word."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "2025", data / "2025", ignore=shutil.ignore_patterns(".cache", "inbox"))
    for name, of_62 in (("desa.csv", "62."), ("wawancara.csv", "desa,62.")):  # province 62's villages, interviews
        path = data / "2025" / name
        header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join([header, *(row for row in rows if not row.startswith(of_62))]), encoding="utf-8")
    app = ExplorerApp(data, ROOT / "params", 2025, lang=lang, use_cache=False)
    app.province_pick.value, app.category_pick.value = "62", "desa"
    assert app.model is not None and app.model.peserta.empty and app.participant_pick.options == ()
    assert app.table.value.count("<tr>") == 1  # the header
    assert f"<caption>{said}" in html.unescape(app.table.value)
    assert app.alert.value == ""


def test_names_in_the_data_are_shown_as_text_never_as_markup(tmp_path: Path) -> None:
    """A participant's or a province's name written as markup in the data is shown as the text it is, in the table,
    the chart and the profile (the page's content security policy lets an inline handler run); the pickers' labels
    are text to the widget, which writes them as text."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "2025", data / "2025", ignore=shutil.ignore_patterns(".cache", "inbox"))
    path = data / "2025" / "wilayah.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("61.01,Kabupaten Sambas,", "61.01,<img src=x onerror=alert(1)>,", 1)
    path.write_text(text.replace("61,Kalimantan Barat,", "61,<script>alert(2)</script>,", 1), encoding="utf-8")
    app = ExplorerApp(data, ROOT / "params", 2025, lang="en", use_cache=False)
    assert app.province_pick.options[0] == ("61 <script>alert(2)</script>", "61")
    for kategori, name in (("pemda", "<img src=x onerror=alert(1)>"), ("pemprov", "<script>alert(2)</script>")):
        app.category_pick.value = kategori
        picked = dict(app.participant_pick.options)[name]
        app.participant_pick.value = picked
        app._show_profile(with_actions=True)
        shown = [app.table.value, app.chart.value, app.profile.value]
        assert all("<img" not in piece and "<script" not in piece for piece in shown), kategori
        assert str(escape(name)) in app.table.value and str(escape(name)) in app.chart.value


def test_a_group_taken_from_the_indexed_scores_is_the_group_scanned_for(season: Season) -> None:
    scores = score_season(season, load_methodology(OFFICIAL))
    grouped = ScoresByGroup(scores)
    peserta, indikator = scores.peserta, scores.indikator
    for (kategori, kelompok), _ in peserta.groupby(["kategori", "kelompok"]):
        scanned = peserta[(peserta["kategori"] == kategori) & (peserta["kelompok"] == kelompok)]
        pd.testing.assert_frame_equal(grouped.peserta(kategori, kelompok), scanned)
        provinces = scanned["kode_provinsi"].unique()
        part = indikator[(indikator["kategori"] == kategori) & indikator["kode_provinsi"].isin(provinces)]
        pd.testing.assert_frame_equal(grouped.indikator(kategori, provinces), part)
    assert grouped.peserta("pemda", "99").empty and grouped.indikator("pemda", ["99"]).empty


def test_refusals_and_failures_show_a_message_without_server_paths(params: Path) -> None:
    app = ExplorerApp(ROOT / "data", params, 2025, lang="en")
    slider = app.sliders["regulasi"]
    slider.min, slider.value = -5.0, -5.0  # a negative minimum sent over the websocket
    assert (
        app.alert.value == "<b>Weight regulasi = -5 is outside the explorer&#39;s range 0.5–45.0; move its "
        "slider back.</b>"
    )
    assert app.table.value == "" and app.current is None  # not the previous ranking as if nothing happened
    slider.value = 20.0
    assert app.alert.value == "" and "explorer-ranking" in app.table.value
    app.save_name.value = "x" * 300
    app.save_button.click()
    assert "use 1 to 100 letters" in app.status.value
    (params / "2025" / "usulan.yaml").mkdir()  # saving fails with an OSError
    app.save_name.value = "usulan"
    app.save_button.click()
    assert app.status.value == (
        f"<b>Could not save {params / '2025' / 'usulan.yaml'} (it is a folder); the existing methodologies are "
        "unchanged.</b>"
    )
    assert app.replace_button.layout.display == "none"  # a folder is not offered for replacing
    app.save_name.value = "usulan_pleno"
    app.save_button.click()
    saved = params / "2025" / "usulan_pleno.yaml"
    assert app.status.value == f"Saved: {saved}. Use it with paritrana score/run --methodology {saved}."
    for shown in (app.alert.value, app.table.value, app.profile.value):
        assert str(params.parent) not in shown and "Traceback" not in shown
    assert "Traceback" not in app.status.value  # the status names the file written, where it is


def test_saving_does_not_follow_a_symlink_planted_at_a_temporary_name(season, tmp_path: Path) -> None:
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    folder = tmp_path / "2025"
    folder.mkdir()
    victim = tmp_path / "korban.txt"
    victim.write_text("tetap", encoding="utf-8")
    (folder / f".usulan.yaml.{os.getpid()}.tmp").symlink_to(victim)  # the name saving used to write through
    path = model.save(model.official_weights, 0.7, tmp_path, "usulan")
    assert victim.read_text(encoding="utf-8") == "tetap"
    assert not path.is_symlink() and load_methodology(path, 2025).kategori["pemda"] == model.category


@pytest.mark.parametrize(("option", "most"), [("--max-kernels", 64), ("--idle-timeout", 86400)])
@pytest.mark.parametrize("value", ["0", "1000000000000"])
def test_explore_refuses_a_kernel_cap_or_idle_timeout_out_of_range(option: str, most: int, value: str, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["explore", option, value, "--lang", "en"])
    assert stopped.value.code == 2
    assert f"argument {option}: must be a whole number from 1 to {most}, not '{value}'." in capsys.readouterr().err


@pytest.mark.slow  # every category and province of the bundled season, each model built twice
def test_model_read_from_the_season_scores_equals_the_model_scoring_its_group(season: Season) -> None:
    methodology = load_methodology(OFFICIAL)
    scores = score_season(season, methodology)
    for kategori in methodology.categories():
        for province in season.provinces["kode_wilayah"]:
            alone = WeightModel(season, methodology, kategori, province)
            read = WeightModel(season, methodology, kategori, province, scores)
            pd.testing.assert_frame_equal(read.peserta, alone.peserta, check_dtype=False)
            assert np.array_equal(read.nilai, alone.nilai, equal_nan=True)
            assert np.array_equal(read.official_ranks, alone.official_ranks, equal_nan=True)
            # the same jurors' means; scoring one province or the whole season may differ in the last bit
            assert np.allclose(read.skor_wawancara, alone.skor_wawancara, rtol=1e-12, atol=0, equal_nan=True)
            weights = {k: w * (1.5 if i == 0 else 1.0) for i, (k, w) in enumerate(alone.official_weights.items())}
            for model_weights in (None, weights):
                got, want = read.rank(model_weights).table, alone.rank(model_weights).table
                assert got["id_peserta"].tolist() == want["id_peserta"].tolist(), (kategori, province)
                assert np.array_equal(got["peringkat"], want["peringkat"], equal_nan=True)


def test_the_score_breakdown_adds_up_to_the_score_each_participant_is_ranked_by(season) -> None:
    """A finalist's bars add up to its final score, a non-finalist's (in a group at the interview stage) to its desk
    score, split by the stage weights the ranks were computed with (the desk share as saved)."""
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    table = model.rank({**model.official_weights, "regulasi": 40.0}, 0.35000000000000003).table
    assert table["finalis"].any() and not table["finalis"].all()
    parts = table[[c for c in table.columns if c.startswith("kontribusi_")]].fillna(0.0).sum(axis=1)
    ranked_by = np.where(table["finalis"], table["skor_akhir"], table["skor_dokumen"])
    np.testing.assert_allclose(parts, ranked_by, rtol=1e-12)
    finalist = table[table["finalis"]].iloc[0]
    assert finalist["kontribusi_wawancara"] == finalist["skor_wawancara"] * 0.65


def test_a_saved_methodology_keeps_every_other_key_of_the_one_it_started_from(season, tmp_path: Path) -> None:
    """Only the category's weights and stage split change, and the name; comments go, every other key's value stays."""
    model = WeightModel(season, load_methodology(OFFICIAL), "desa", "62")  # a group at the desk stage
    weights = {**model.official_weights, "bpd": 2.5}
    path = model.save(weights, 0.123456789012345, tmp_path, "usulan")
    original, saved = yaml.safe_load(OFFICIAL.read_text(encoding="utf-8")), yaml.safe_load(path.read_text("utf-8"))
    assert "#" not in path.read_text(encoding="utf-8")
    desa = original["kategori"]["desa"]
    desa["stage_weights"] = {"dokumen": 0.123456789, "wawancara": 0.876543211}
    for indicator in desa["indicators"]:
        indicator["weight"] = weights[indicator["id"]]
    original["nama"] = {  # a proposal is not the methodology it started from: reports name it so
        "id": f"Usulan usulan dari penjelajah bobot, berdasarkan: {original['nama']['id']}",
        "en": f"Proposal usulan from the weight explorer, based on: {original['nama']['en']}",
    }
    assert saved == original
    assert model.rank(weights, 0.123456789012345).desk_share == 0.123456789


def test_the_status_names_the_file_where_it_was_written(monkeypatch, tmp_path: Path) -> None:
    """Started with a params folder of another name, elsewhere, given relative to the folder it started in: the
    status line names the saved file by its real path, usable with --methodology from any folder."""
    shutil.copytree(ROOT / "params", tmp_path / "aturan")
    (tmp_path / "kerja").mkdir()
    monkeypatch.chdir(tmp_path / "kerja")
    app = ExplorerApp(ROOT / "data", Path("../aturan"), 2025, lang="en")
    app.save_name.value = "usulan"
    app.save_button.click()
    written = tmp_path / "aturan" / "2025" / "usulan.yaml"
    assert written.is_file()
    assert app.status.value == f"Saved: {written}. Use it with paritrana score/run --methodology {written}."
    assert load_methodology(written, 2025).kategori["pemda"] == app.model.category


def _proposal(path: Path, text: str) -> None:
    """A colleague's proposal saved at `path` (each `text` of another length: another file than the one before)."""
    path.write_text(f"# {text}\n" + OFFICIAL.read_text(encoding="utf-8"), encoding="utf-8")


def test_saving_never_replaces_an_existing_file_unasked(season, tmp_path: Path) -> None:
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    mine = {**model.official_weights, "regulasi": 40.0}
    target = tmp_path / "2025" / "usulan.yaml"
    target.parent.mkdir()
    _proposal(target, "rekan")
    before = target.read_bytes()
    with pytest.raises(TargetExists) as exists:
        model.save(mine, 0.6, tmp_path, "usulan")
    assert target.read_bytes() == before and sorted(p.name for p in target.parent.iterdir()) == ["usulan.yaml"]
    found = exists.value.found
    assert found.path == target and not exists.value.changed
    saved_at = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(target.stat().st_mtime))
    assert found.saved == saved_at
    assert exists.value.message("en") == (
        f"Not saved: {target} already exists (saved {saved_at}). Press 'Overwrite' to replace it with the weights "
        "shown, or choose another name."
    )
    assert exists.value.message("id").startswith(
        f"Belum disimpan: {target} sudah ada (disimpan {saved_at}). Tekan 'Timpa'"
    )
    _proposal(target, "rekan, lagi")  # the colleague saves again after the warning
    again = target.read_bytes()
    with pytest.raises(TargetExists) as changed:
        model.save(mine, 0.6, tmp_path, "usulan", replacing=found)  # confirmed for the version found before
    assert changed.value.changed and changed.value.found != found and target.read_bytes() == again
    assert "was saved again" in changed.value.message("en")
    _proposal(tmp_path / "2025" / "lain.yaml", "lain")
    with pytest.raises(TargetExists) as other:  # a confirmation for one file is none for another
        model.save(mine, 0.6, tmp_path, "lain", replacing=changed.value.found)
    assert not other.value.changed and other.value.found.path == tmp_path / "2025" / "lain.yaml"
    (tmp_path / "2025" / "lain.yaml").unlink()
    assert model.save(mine, 0.6, tmp_path, "usulan", replacing=changed.value.found) == target
    assert load_methodology(target, 2025).kategori["pemda"].indicators[4].weight == 40.0
    assert sorted(p.name for p in target.parent.iterdir()) == ["usulan.yaml"]  # no temporary file left


def test_a_link_to_a_pipe_at_the_name_is_refused_not_offered_to_replace(season, tmp_path: Path) -> None:
    """A symbolic link to a pipe (or device) is no file a save could replace: said once with the reason, never the
    'Overwrite' question (which then failed on every press as 'saved again after the warning')."""
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    (tmp_path / "2025").mkdir()
    pipe = tmp_path / "pipa"
    os.mkfifo(pipe)
    target = tmp_path / "2025" / "usulan.yaml"
    target.symlink_to(pipe)
    with pytest.raises(Refused) as refused:
        model.save(model.official_weights, 0.6, tmp_path, "usulan")
    assert not isinstance(refused.value, TargetExists)
    assert refused.value.message("en") == (
        f"Could not save {target} (something of that name is already there); the existing methodologies are unchanged."
    )
    assert target.is_symlink() and sorted(p.name for p in target.parent.iterdir()) == ["usulan.yaml"]
    assert ExistingFile.at(target) is None
    dangling = tmp_path / "2025" / "lain.yaml"
    dangling.symlink_to(tmp_path / "hilang.yaml")  # a link to nothing is replaced like a file, once confirmed
    with pytest.raises(TargetExists) as exists:
        model.save(model.official_weights, 0.6, tmp_path, "lain")
    assert model.save(model.official_weights, 0.6, tmp_path, "lain", replacing=exists.value.found) == dangling
    assert not dangling.is_symlink() and not (tmp_path / "hilang.yaml").exists()


def test_a_file_that_appears_while_saving_is_not_replaced(season, tmp_path: Path, monkeypatch) -> None:
    """Nothing at the name when looked at, a colleague's file there when written: refused as if it had been there."""
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    target = tmp_path / "2025" / "usulan.yaml"
    target.parent.mkdir()
    look = ExistingFile.at
    looked: list[Path] = []

    def colleague_saves_after_the_look(path: Path) -> ExistingFile | None:
        found = look(path)
        if not looked:
            _proposal(path, "rekan")
        looked.append(path)
        return found

    monkeypatch.setattr(ExistingFile, "at", staticmethod(colleague_saves_after_the_look))
    with pytest.raises(TargetExists):
        model.save(model.official_weights, 0.6, tmp_path, "usulan")
    assert len(looked) == 2 and target.read_text(encoding="utf-8").startswith("# rekan")
    assert sorted(p.name for p in target.parent.iterdir()) == ["usulan.yaml"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("", "explorer.empty_file_name"),
        ("   ", "explorer.empty_file_name"),
        (".yaml", "explorer.empty_file_name"),
        ("a/b", "explorer.bad_file_name"),
        ("..", "explorer.bad_file_name"),
        ("../usulan", "explorer.bad_file_name"),
        ("/etc/usulan", "explorer.bad_file_name"),
        ("a\\b", "explorer.bad_file_name"),
        ("<b>usulan</b>", "explorer.bad_file_name"),
        ("usulan.yaml.yaml", "explorer.bad_file_name"),
        ("con", "explorer.device_file_name"),
        ("NUL", "explorer.device_file_name"),
        ("Com1.yaml", "explorer.device_file_name"),
        ("lpt9", "explorer.device_file_name"),
    ],
)
def test_a_name_that_is_no_plain_file_name_is_refused(season, tmp_path: Path, name: str, key: str) -> None:
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    with pytest.raises(Refused) as refused:
        model.save(model.official_weights, 0.6, tmp_path / "params", name)
    assert refused.value.key == key
    assert list(tmp_path.iterdir()) == []


def test_a_name_windows_keeps_for_a_device_is_refused_saying_so(season, tmp_path: Path) -> None:
    """`con.yaml` was written (it is a plain name here), a file no colleague on Windows can open or copy from the
    params folder: it is refused, naming the name; a longer name beginning so is not."""
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    with pytest.raises(Refused) as refused:
        model.save(model.official_weights, 0.6, tmp_path, "con")
    assert refused.value.message("en") == (
        "That file name cannot be used: Windows keeps the name 'con' for a device (CON, PRN, AUX, NUL, COM1 to COM9, "
        "LPT1 to LPT9): no file there can have it. Choose another name."
    )
    said = refused.value.message("id")
    assert said.startswith("Nama berkas itu tidak dapat dipakai: Windows mencadangkan nama 'con' untuk perangkat")
    assert model.save(model.official_weights, 0.6, tmp_path, "console") == tmp_path.resolve() / "2025" / "console.yaml"


def test_a_folder_that_cannot_be_written_is_said_with_the_file(season, tmp_path: Path, monkeypatch) -> None:
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    (tmp_path / "2025").mkdir()

    def denied(*args: object, **kwargs: object) -> object:  # a read-only folder (chmod does not stop root)
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("paritrana_nb.outputs.tempfile.mkstemp", denied)
    with pytest.raises(Refused) as refused:
        model.save(model.official_weights, 0.6, tmp_path, "usulan")
    assert refused.value.message("en") == (
        f"Could not save {tmp_path / '2025' / 'usulan.yaml'} (permission denied (the folder's permissions do not "
        "allow it)); the existing methodologies are unchanged."
    )
    monkeypatch.undo()
    (tmp_path / "2026").write_text("", encoding="utf-8")  # a file where the season's folder would be
    model.season = dataclasses.replace(model.season, musim=2026)
    with pytest.raises(Refused) as blocked:
        model.save(model.official_weights, 0.6, tmp_path, "usulan")
    assert "a part of the path is a file, not a folder" in blocked.value.message("en")


def test_a_save_that_failed_quotes_its_folder_escaped(season, tmp_path: Path, monkeypatch) -> None:
    """A params folder whose name holds an escape sequence was quoted raw in the message of a save that failed: as
    every message quotes a path, its control characters are shown escaped ("\\x1b"), never sent to a terminal."""
    model = WeightModel(season, load_methodology(OFFICIAL), "pemda", "61")
    params = tmp_path / "a\x1b[31mb"
    (params / "2025").mkdir(parents=True)

    def denied(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("paritrana_nb.outputs.tempfile.mkstemp", denied)
    with pytest.raises(Refused) as refused:
        model.save(model.official_weights, 0.6, params, "usulan")
    for lang in ("en", "id"):
        assert "\x1b" not in refused.value.message(lang) and "a\\x1b[31mb" in refused.value.message(lang)


def test_the_page_asks_before_replacing_a_file_and_only_for_what_it_showed(params: Path) -> None:
    app = ExplorerApp(ROOT / "data", params, 2025, lang="en")
    target = params / "2025" / "usulan.yaml"
    _proposal(target, "rekan")
    colleague = target.read_bytes()
    assert app.replace_button.layout.display == "none"
    app.sliders["regulasi"].value = 40.0
    app.save_name.value = "usulan"
    app.save_button.click()
    assert target.read_bytes() == colleague
    assert f"Not saved: {target} already exists (saved " in app.status.value
    assert app.replace_button.layout.display is None and app.replace_button.description == "Overwrite"

    def warned() -> None:
        app.save_button.click()
        assert "already exists" in app.status.value and app.replace_button.layout.display is None

    for change in (
        lambda: setattr(app.sliders["regulasi"], "value", 35.0),
        lambda: setattr(app.desk_slider, "value", 0.4),
        lambda: setattr(app.save_name, "value", "usulan2"),
        app.reset,
        lambda: setattr(app.province_pick, "value", "62"),
        lambda: setattr(app.category_pick, "value", "desa"),
    ):
        warned()
        change()  # the name or a setting changed: the question is gone
        assert app.replace_button.layout.display == "none" and app.status.value == ""
        app.replace_button.click()  # a click sent by hand all the same
        assert "Nothing was replaced" in app.status.value and target.read_bytes() == colleague
        app.save_name.value = "usulan"
    warned()
    _proposal(target, "rekan, lagi")  # saved again by the colleague after the warning
    colleague = target.read_bytes()
    said = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(target.stat().st_mtime))
    app.replace_button.click()
    assert "was saved again" in app.status.value and target.read_bytes() == colleague
    app.replace_button.click()  # replacing this version, confirmed
    assert target.read_bytes() != colleague and not target.read_text(encoding="utf-8").startswith("#")
    assert load_methodology(target, 2025).kategori["desa"] == app.model.category
    assert app.status.value == (
        f"Saved: {target}, replacing the version saved {said}. Use it with paritrana score/run --methodology {target}."
    )
    assert app.replace_button.layout.display == "none" and app.pending is None
    app.replace_button.click()  # once replaced, another click replaces nothing
    assert "Nothing was replaced" in app.status.value


def test_the_official_tick_resets_a_replacement_waiting(params: Path) -> None:
    app = ExplorerApp(ROOT / "data", params, 2025, lang="id", allow_official=True)
    _proposal(params / "2025" / "usulan.yaml", "rekan")
    app.save_name.value = "usulan"
    app.save_button.click()
    assert "sudah ada" in app.status.value and "Timpa" in app.status.value
    app.overwrite.value = True
    assert app.replace_button.layout.display == "none" and app.pending is None


def test_the_explore_notebook_run_from_the_project_folder_is_told_its_parameters_and_papermill_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """papermill from the project folder: the notebook's ../data is beside it. It said "No season folder in ../data"
    and offered data_dir or --data-dir; a params_dir not there was told as a command's (--params-dir)."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as missing:
        ExplorerApp("../data", "../params", 2025, lang="en")
    message = str(missing.value)
    assert (
        "The folder ../data (data_dir) is not there: a relative data_dir is taken from the kernel's working "
        f"folder, {tmp_path}" in message
    )
    assert "--cwd notebooks" in message and "-r data_dir /path/to/folder" in message and "--data-dir" not in message
    with pytest.raises(ValueError, match=r"Folder \.\./params \(params_dir\) tidak ada: .*--cwd notebooks"):
        ExplorerApp(ROOT / "data", "../params", 2025)


def _broken_season(tmp_path: Path) -> Path:
    """A copy of the bundled data whose pemda.csv lacks a column, named in its header as markup instead."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "2025", data / "2025", ignore=shutil.ignore_patterns(".cache", "inbox"))
    path = data / "2025" / "pemda.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace("penduduk_bekerja", "penduduk_bekerja<b>")
    path.write_text("".join(lines), encoding="utf-8")
    return data


@pytest.mark.parametrize(("lang", "said"), [("id", "Penjelajah tidak dapat dibuka"), ("en", "explorer cannot open")])
def test_a_served_explorer_that_cannot_open_says_why_on_its_page_and_in_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    """A season broken after `paritrana explore` checked it showed Voila's English "There was an error when executing
    cell [3]. Please run Voila with --show_tracebacks=True" on a new page, and a traceback in the terminal: the page
    says why in its language (the data's text escaped) and what to do, and so does the terminal, without one."""
    shown = explorer(_broken_season(tmp_path), ROOT / "params", 2025, lang, served=True, use_cache=False)
    assert isinstance(shown, FailedExplorer)
    page = shown.widget.value
    assert said in page and "penduduk_bekerja&#39;" in page
    assert "penduduk_bekerja&lt;b&gt;" in page and "penduduk_bekerja<b>" not in page
    terminal = capfd.readouterr().err
    assert "penduduk_bekerja" in terminal and "Traceback" not in terminal
    with pytest.raises(SeasonInvalid):  # in a notebook, raised as before
        explorer(_broken_season(tmp_path / "again"), ROOT / "params", 2025, lang, use_cache=False)


def test_a_served_explorer_that_fails_unexpectedly_points_to_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure no check foresaw is said on the page in the page's language, its traceback in the terminal."""

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ExplorerApp, "_load_season", broken)
    shown = explorer(ROOT / "data", ROOT / "params", 2025, "id", served=True, use_cache=False)
    assert isinstance(shown, FailedExplorer)
    assert "rinciannya tercetak di terminal tempat paritrana explore berjalan" in shown.widget.value
    assert "disk on fire" not in shown.widget.value
    terminal = capfd.readouterr().err
    assert "Traceback" in terminal and "RuntimeError: disk on fire" in terminal
    with pytest.raises(RuntimeError):
        explorer(ROOT / "data", ROOT / "params", 2025, "id", use_cache=False)


def test_the_chart_says_when_it_shows_only_the_first_ranks() -> None:
    """The score-breakdown chart drew the first 12 of Kalimantan Barat's 14 regencies beside a table of all 14, and
    did not say so."""
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="id", use_cache=False)
    assert (app.model.kategori, app.model.group) == ("pemda", "61")
    ranked = int(app.current.table["peringkat"].notna().sum())
    assert ranked > 12
    assert f"Grafik menampilkan 12 peringkat teratas dari {ranked}; tabel menampilkan semuanya." in app.chart.value
    assert app.chart.value.count("<bdi>") >= 12
    few = app._chart_html(app.current.table.head(5))
    assert "Grafik menampilkan" not in few  # all of them shown: nothing to say


def test_the_chart_tells_each_part_by_its_hatch_as_well_as_its_colour() -> None:
    """The score-breakdown bars told their parts apart by colour alone (WCAG 1.4.1): each part is now filled with a
    pattern of its colour crossed by a hatch of its own (palette.HATCHES, in the report chart's order), which its
    legend swatch shows too. Kalimantan Barat's regencies: five indicators and the interview."""
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="id", use_cache=False)
    chart = ElementTree.fromstring(app.chart.value)
    patterns = list(chart.iter("pattern"))
    ids = app.chart_ids
    assert [p.get("id") for p in patterns] == [f"{ids}-{i}" for i in range(6)]
    colours = [p.find("rect").get("fill") for p in patterns]
    assert colours == [*palette.PALETTE[:5], palette.INTERVIEW_COLOUR]
    hatches = [[(e.tag, e.get("d")) for e in p if e.tag != "rect"] for p in patterns]
    assert hatches[0] == [] and hatches[1] == [("path", "M0 6L6 0M-1 1L1 -1M5 7L7 5")] and hatches[2][0][0] == "circle"
    assert all(h for h in hatches[1:]) and len({str(h) for h in hatches}) == 6  # each part its own hatch
    fills = {f"url(#{ids}-{i})" for i in range(6)}
    bars = [svg for svg in chart.iter("svg") if svg.get("class") == "score-bar"]
    assert len(bars) == 12 and {r.get("fill") for svg in bars for r in svg.iter("rect")} <= fills
    swatches = [svg.find("rect").get("fill") for svg in chart.iter("svg") if svg.get("width") == "12"]
    assert swatches == sorted(fills)


def _ids_defined_and_filled(chart: str) -> tuple[set[str], set[str]]:
    """The ids a chart's patterns define, and those its bars and legend swatches fill with (`url(#id)`)."""
    tree = ElementTree.fromstring(chart)
    defined = {p.get("id") for p in tree.iter("pattern")}
    filled = {r.get("fill")[5:-1] for r in tree.iter("rect") if r.get("fill", "").startswith("url(#")}
    return defined, filled


def test_two_explorers_on_one_page_fill_each_with_its_own_patterns() -> None:
    """Two explorers shown on one page (two in a notebook) both defined `explorer-part-0`...: a `url(#id)` takes the
    first of that id on the page, so the second explorer's bars drew the first's patterns (those of another category,
    or of a chart redrawn since). Each explorer now numbers its ids with its own prefix, the same at every redraw."""
    first, second = (ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="id", use_cache=False) for _ in range(2))
    second.category_pick.value = "desa"  # another category: other parts under the same positions
    (first_defined, first_filled), (second_defined, second_filled) = (
        _ids_defined_and_filled(app.chart.value) for app in (first, second)
    )
    assert first_defined and second_defined and not first_defined & second_defined
    assert first_filled == first_defined and second_filled <= second_defined  # each fills with its own
    page = f"<div>{first.chart.value}{second.chart.value}</div>"
    assert len(re.findall(r'<pattern id="', page)) == len(set(re.findall(r'<pattern id="([^"]+)"', page)))
    assert first._chart_html(first.current.table) == first.chart.value  # drawn again: the same ids


def test_the_participant_picker_lists_names_in_order_and_shows_the_official_first() -> None:
    """By name, case and accents aside ("Élan" among the E's), a name held twice labelled with its id; the first shown
    is the official first (not the first by name); in a group nobody is ranked in, the first by name."""
    from types import SimpleNamespace

    peserta = pd.DataFrame(
        {
            "id_peserta": ["61.05", "61.01", "61.03", "61.02", "61.04"],
            "nama": ["kota Zeta", "Kabupaten Sambas", "Élan", "Kabupaten Sambas", "Eko"],
        }
    )
    model = SimpleNamespace(peserta=peserta, official_ranks=np.array([3.0, 2.0, np.nan, 1.0, 4.0]))
    options, first = WeightModel.participant_choices(model)
    assert options == [
        ("Eko", "61.04"),
        ("Élan", "61.03"),
        ("Kabupaten Sambas (61.01)", "61.01"),
        ("Kabupaten Sambas (61.02)", "61.02"),
        ("kota Zeta", "61.05"),
    ]
    assert first == "61.02"
    model.official_ranks = np.full(5, np.nan)
    assert WeightModel.participant_choices(model)[1] == "61.04"


def _desk_only(params: Path) -> Path:
    """`params` with desa weighing no interview (the bundled wawancara.csv still scores 22 villages of it:
    W_JURY_UNWEIGHTED)."""
    official = params / "2025" / "metodologi.yaml"
    data = yaml.safe_load(official.read_text(encoding="utf-8"))
    data["kategori"]["desa"]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    official.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return official


def test_the_desk_share_of_a_category_that_weighs_no_interview_stays_fixed(season, params: Path) -> None:
    """Its desk-share slider moved freely: at 0.7 the interview scores it does not weigh counted 30 % and reordered its
    finalists, and "save" wrote an interview weight the methodology never gave. The model refuses any other share; its
    saved methodology keeps the official one."""
    official = load_methodology(_desk_only(params))
    model = WeightModel(season, official, "desa", "61")
    assert model.official_desk_share == 1.0
    with pytest.raises(Refused) as refused:
        model.rank(model.official_weights, 0.7)
    assert refused.value.key == "explorer.desk_share_fixed"
    assert refused.value.message("en") == t("explorer.desk_share_fixed", "en", kategori="desa")
    assert refused.value.message("id") == t("explorer.desk_share_fixed", "id", kategori="desa")
    ranked = model.rank()
    assert _model_ranks(ranked) == _engine_ranks(season, official, "desa", "61")
    assert "kontribusi_wawancara" not in ranked.table  # its interview is no part of any score
    (params / "2025" / "usulan.yaml").unlink(missing_ok=True)
    saved = load_methodology(model.save({**model.official_weights, "bpd": 20.0}, 1.0, params, "usulan"), 2025)
    assert saved.kategori["desa"].stage_weights.wawancara == 0.0
    other = WeightModel(season, official, "pemda", "61")  # a category that weighs the interview: its slider moves
    assert _model_ranks(other.rank(other.official_weights, 0.5)) != _model_ranks(other.rank())


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_explorer_says_a_category_weighs_no_interview(params: Path, lang: str) -> None:
    """Its page showed a desk-share slider that moved, and interview and final score columns left empty, as if an
    interview were to come: the slider is disabled with a note saying why, and a group nobody in was interviewed shows
    its desk scores alone."""
    _desk_only(params)
    data = ROOT / "data"
    app = ExplorerApp(data, params, 2025, lang=lang)
    app.category_pick.value = "pemda"
    assert not app.desk_slider.disabled
    assert t("report.col_interview", lang) in html.unescape(app.table.value)
    app.category_pick.value = "desa"
    assert app.desk_slider.disabled and app.desk_slider.value == 1.0
    said = html.unescape(app.sliders_box.children[-1].children[0].value)  # above the slider, as a weight's label
    assert t("explorer.desk_share_fixed_note", lang) in said
    assert t("report.col_interview", lang) in html.unescape(app.table.value)  # its 22 finalists' scores, shown
    desk_only = dataclasses.replace(
        app.season, wawancara=app.season.wawancara[app.season.wawancara["kategori"] != "desa"]
    )
    app.model = WeightModel(desk_only, app.methodology, "desa", "61")
    app.refresh()
    shown = html.unescape(app.table.value)
    assert t("report.col_desk", lang) in shown
    assert t("report.col_interview", lang) not in shown and t("report.col_final", lang) not in shown


def test_a_category_without_interview_aspects_is_explored_and_saved(season, params: Path) -> None:
    """bu_kecil_mikro weighing no interview and listing no aspects (left out of the methodology), without interview
    scores: the explorer ranks its group as the engine does, its desk share fixed, and a proposal saved from it is
    read back."""
    official = params / "2025" / "metodologi.yaml"
    data = yaml.safe_load(official.read_text(encoding="utf-8"))
    data["kategori"]["bu_kecil_mikro"]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    del data["kategori"]["bu_kecil_mikro"]["aspects"]
    official.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    methodology = load_methodology(official)
    alone = dataclasses.replace(season, wawancara=season.wawancara[season.wawancara["kategori"] != "bu_kecil_mikro"])
    model = WeightModel(alone, methodology, "bu_kecil_mikro", "61")
    assert model.official_desk_share == 1.0
    assert _model_ranks(model.rank()) == _engine_ranks(alone, methodology, "bu_kecil_mikro", "61")
    saved = load_methodology(model.save(model.official_weights, 1.0, params, "usulan"), 2025)
    assert saved.kategori["bu_kecil_mikro"].aspects == () and saved.kategori == methodology.kategori


def test_a_shared_rank_is_marked_as_the_reports_and_cards_mark_it(season) -> None:
    """Three businesses of Kalimantan Tengah share rank 4 (the same desk score of 100): the reports, the cards and their
    indexes write "4 (shared)"; the explorer wrote "4", as if each held the place alone."""
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    app.province_pick.value, app.category_pick.value = "62", "bu_kecil_mikro"
    ranked = app.current.table
    sharing = ranked.loc[ranked["peringkat"] == 4, "id_peserta"].tolist()
    assert len(sharing) == 3
    assert ranked.loc[ranked["bersama"], "id_peserta"].tolist() == sharing
    cells = re.findall(r'<td class="num" data-value="[^"]*">([^<]*)</td>', app.table.value)
    assert cells.count("4 (shared)") == 3 and "4" not in cells and "1" in cells
    app.participant_pick.value = sharing[1]
    assert "Rank under these weights: 4 (shared)" in app.profile.value
    app.participant_pick.value = ranked["id_peserta"].iloc[0]
    assert "Rank under these weights: 1<" in app.profile.value


def test_the_ranking_is_named_by_its_group_and_summed_up_in_a_status_line(season) -> None:
    """Over the ranking table, a status line (heard by a screen reader as it changes) names the group ranked and says
    who is first and how many ranks the weights shown moved; the table is named by the same heading. A switch of
    group or a weight changed left the table as it was, unnamed, and said nothing."""
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    heading = "Ranking: Regency/city governments, ranked in <bdi>Kalimantan Barat</bdi>"
    assert app.ranking_status.value.startswith(f"<h3>{heading}</h3>")
    assert "first <bdi>Kabupaten Ketapang</bdi>; ranks changed against the official ranking: 0 of 14." in (
        app.ranking_status.value
    )
    assert f'<caption class="visually-hidden">{heading}</caption>' in app.table.value
    app.sliders["regulasi"].value = 45.0
    ranked = app.current.table
    moved = int(((ranked["peringkat"] != ranked["peringkat_resmi"]) & ranked["peringkat"].notna()).sum())
    assert 0 < moved < 14 and f"official ranking: {moved} of 14." in app.ranking_status.value
    app.category_pick.value = "pemprov"  # ranked by zone: the province's zone
    assert "<h3>Ranking: Provincial governments, ranked in zone <bdi>Kalimantan</bdi></h3>" in (
        app.ranking_status.value
    )
    classes = [app.ranking_status, app.interval_note, app.status, app.alert, app.widget]  # the page's live regions
    assert [list(widget._dom_classes) for widget in classes] == [["paritrana-status"]] * 3 + [
        ["paritrana-alert"],
        ["paritrana-explorer"],
    ]


def test_the_profile_table_is_named_by_the_participant_it_profiles(season) -> None:
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="id")
    assert '<caption class="visually-hidden"><bdi>Kabupaten Ketapang</bdi>: indikatornya terhadap kelompoknya' in (
        app.profile.value
    )


def test_the_explorer_colours_its_rank_moves_with_the_palette_s(monkeypatch: pytest.MonkeyPatch) -> None:
    """The explorer's style sheet wrote the colours of a rise and a fall again (#0b6e4f, #b00020) instead of reading
    them from palette.py, where every colour is checked for contrast: one changed there did not reach the explorer."""
    monkeypatch.setattr(palette, "RISE", "#123456")
    monkeypatch.setattr(palette, "FALL", "#654321")
    parts = environment().get_template("explorer_parts.html.j2").make_module({"t": translator("en"), "lang": "en"})
    css = str(parts.title())
    assert ".explorer-ranking .up { color: #123456; font-weight: bold; }" in css
    assert ".explorer-ranking .down { color: #654321; font-weight: bold; }" in css
    assert "#0b6e4f" not in css and "#b00020" not in css


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_group_nobody_in_can_be_scored_says_why_not_first_dash(tmp_path: Path, lang: str) -> None:
    """Both villages of Kalimantan Barat have every count 0, so no indicator applies to either: the explorer said
    "first –" and "Rank under these weights: –" without a word why."""
    tables = gaps_tables()
    desa = tables["desa"]
    desa.loc[:, desa.columns[4:]] = 0  # every count after tahun
    write_season(tmp_path, tables)
    app = ExplorerApp(tmp_path, ROOT / "params", 2025, lang=lang, use_cache=False)
    app.province_pick.value = "61"
    app.category_pick.value = "desa"
    assert app.current is not None and app.current.table["peringkat"].isna().all()
    label = app.model.category.label.en if lang == "en" else app.model.category.label.id
    status = str(escape(t("explorer.nobody_scored", lang, category=label)))
    assert status in app.ranking_status.value
    assert str(escape(t("explorer.not_scored", lang))) in app.profile.value
    app.category_pick.value = "pemda"  # a group ranked: neither said
    assert str(escape(t("explorer.not_scored", lang))) not in app.profile.value
    assert "nobody_scored" not in app.ranking_status.value and app.current.table["peringkat"].notna().all()
