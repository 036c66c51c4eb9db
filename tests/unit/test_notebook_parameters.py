"""A notebook's parameters are checked before any work, by name and in the notebook's language: season, draws, seed,
folders and language of the report notebooks, the participant id of the card notebook (papermill -p reads numbers,
-r text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paritrana_nb.messages import t
from paritrana_nb.rapor.notebook import card
from paritrana_nb.report.drawn import national_report, province_report
from paritrana_nb.report.prepared import check_parameters
from scoring_fixtures import PROJECT

DATA, PARAMS = str(PROJECT / "data"), str(PROJECT / "params")


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ({"simulasi": 0}, "Parameter simulasi = 0 must be a whole number from 1 to 100,000"),
        ({"simulasi": 100_001}, "Parameter simulasi = 100001 must be a whole number from 1 to 100,000"),
        ({"simulasi": 10.7}, "Parameter simulasi = 10.7 must be"),
        ({"simulasi": "banyak"}, "Parameter simulasi = 'banyak' must be"),
        ({"simulasi": True}, "Parameter simulasi = True must be"),
        ({"seed": -1}, "Parameter seed = -1 must be a whole number from 0 to 4,294,967,295"),
        ({"seed": 2**32}, "Parameter seed = 4294967296 must be a whole number from 0 to 4,294,967,295"),
        ({"seed": 1.5}, "Parameter seed = 1.5 must be"),
        ({"musim": "2025"}, "Parameter musim = '2025' must be a whole number from 1000 to 9999. Correct it in the"),
        ({"musim": "abc"}, "Parameter musim = 'abc' must be a whole number from 1000 to 9999"),
        ({"musim": 2025.0}, "Parameter musim = 2025.0 must be"),
        ({"musim": 0}, "Parameter musim = 0 must be"),
        ({"musim": 25}, "Parameter musim = 25 must be a whole number from 1000 to 9999"),  # as --season: a year
        ({"musim": 10_000}, "Parameter musim = 10000 must be a whole number from 1000 to 9999"),
    ],
)
def test_number_parameters_are_refused_by_name(numbers: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as refused:
        check_parameters("en", **numbers)
    assert message in str(refused.value)
    with pytest.raises(ValueError, match="harus bilangan bulat") as refused:
        check_parameters("id", **numbers)
    bounds = {"simulasi": "1 sampai 100.000", "seed": "0 sampai 4.294.967.295", "musim": "1000 sampai 9999"}
    assert bounds[next(iter(numbers))] in str(refused.value)  # in the language's numbers; a year as it is written


@pytest.mark.parametrize("name", ["data_dir", "params_dir", "metodologi"])
@pytest.mark.parametrize("value", [2025, 1.5, True, None])
def test_a_folder_or_file_parameter_papermill_read_as_another_value_is_refused_by_name(
    name: str, value: object
) -> None:
    with pytest.raises(ValueError) as refused:
        check_parameters("en", **{name: value})
    assert f"Parameter {name} = {value!r} must be text" in str(refused.value)
    assert f"papermill -r {name}" in str(refused.value)
    with pytest.raises(ValueError, match=f"Parameter {name} = .* harus teks"):
        check_parameters("id", **{name: value})


@pytest.mark.parametrize("name", ["allow_official", "use_cache"])
@pytest.mark.parametrize("value", ["yes", "no", "false", "True", "", 0, 1, None])
def test_a_flag_parameter_papermill_read_as_text_is_refused_by_name(name: str, value: object) -> None:
    with pytest.raises(ValueError) as refused:
        check_parameters("en", **{name: value})
    assert f"Parameter {name} = {value!r} must be True or False" in str(refused.value)
    with pytest.raises(ValueError, match=f"Parameter {name} = .* harus True atau False"):
        check_parameters("id", **{name: value})
    check_parameters("id", **{name: True})
    check_parameters("id", **{name: False})


def test_good_parameters_pass_and_an_unknown_language_is_refused_first() -> None:
    check_parameters("en", musim=2025, data_dir="data", params_dir=Path("params"), metodologi="", simulasi=1, seed=0)
    check_parameters("id", simulasi=100_000, seed=2**32 - 1)
    with pytest.raises(ValueError, match="Language 'fr' is not known"):
        check_parameters("fr", simulasi=0)


def test_the_province_notebook_checks_before_reading_the_season(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Parameter simulasi = 0"):
        province_report(2025, "kalbar", str(tmp_path / "none"), PARAMS, "en", "", "", 0, 1)


def test_each_notebook_refuses_a_season_given_as_text_by_name_in_its_language(tmp_path: Path) -> None:
    """papermill -r musim 2025 (or a YAML file's musim: '2025') gives the text '2025': it was looked up as a folder
    and then compared with the methodology's 2025 ("season 2025, while the data are season 2025")."""
    with pytest.raises(ValueError, match="Parameter musim = '2025' must be a whole number"):
        province_report("2025", "kalbar", DATA, PARAMS, "en", "", "", 10, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Parameter musim = 'abc' harus bilangan bulat"):
        national_report("abc", DATA, PARAMS, "id", "", "", 10, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Parameter musim = '2025' must be a whole number"):
        card("2025", "61.04", DATA, PARAMS, "en")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Parameter data_dir = 2025 must be text"):
        card(2025, "61.04", 2025, PARAMS, "en")  # type: ignore[arg-type]


def test_season_and_methodology_problems_speak_the_notebooks_language(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="Methodology file not found") as english:
        province_report(2025, "kalbar", DATA, PARAMS, "en", str(tmp_path / "nope.yaml"), "", 10, 1)
    assert type(english.value).__name__ == "MethodologyInvalid"
    with pytest.raises(Exception, match="Berkas metodologi tidak ditemukan"):
        card(2025, "61.04", DATA, str(tmp_path), "id")
    with pytest.raises(Exception, match="Methodology file not found"):
        card(2025, "61.04", DATA, str(tmp_path), "en")


@pytest.mark.parametrize("value", [61.1, 190472050])
def test_a_participant_id_papermill_read_as_a_number_is_refused_with_the_fix(value: object) -> None:
    with pytest.raises(ValueError, match=r"papermill -r id_peserta 61\.04") as refused:
        card(2025, value, DATA, PARAMS, "en")  # type: ignore[arg-type]  # as papermill -p passes it
    assert repr(value) in str(refused.value)


def test_an_unknown_province_is_offered_the_seasons_codes_with_their_short_names() -> None:
    offered = r"61 \(kalbar\), 62 \(kalteng\), 63 \(kalsel\), 64 \(kaltim\), 65 \(kaltara\)"
    with pytest.raises(ValueError, match=offered):
        province_report(2025, "atlantis", DATA, PARAMS, "en", "", "", 10, 1)


@pytest.mark.parametrize(
    ("value", "lang", "message"),
    [
        ("99.99", "id", t("cli.rapor_no_participant", "id", value="99.99", musim=2025)),
        ("61.1", "en", "No participant 61.1 in the scores of season 2025; did you mean 61.10, "),
    ],
)
def test_an_unknown_participant_is_said_as_rapor_id_says_it_without_quotes(value: str, lang: str, message: str) -> None:
    with pytest.raises(KeyError) as unknown:
        card(2025, value, DATA, PARAMS, lang, draws=10)
    assert str(unknown.value).startswith(message)  # KeyError's own str() put the message between quotes


def test_a_notebook_run_from_the_project_folder_is_told_its_parameters_and_papermill_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """papermill runs the kernel in the folder it is run from: the notebooks' ../params and ../data, from the project
    folder, are beside it. The message said to run the command from the project folder (it was) and to give
    --params-dir, --data-dir or --methodology, options a notebook does not take."""
    kernel = tmp_path / "proyek"
    kernel.mkdir()
    monkeypatch.chdir(kernel)
    for call in (
        lambda: province_report(2025, "kalbar", "../data", "../params", "en", "", "", 10, 1),
        lambda: national_report(2025, "../data", "../params", "en", "", "", 10, 1),
        lambda: card(2025, "61.04", "../data", "../params", "en"),
    ):
        with pytest.raises(Exception, match="Methodology file not found") as missing:
            call()
        message = str(missing.value)
        assert f"a relative params_dir is taken from the kernel's working folder, {kernel}" in message, message
        assert "--cwd notebooks" in message and "-r params_dir /path/to/params" in message, message
        assert "--params-dir" not in message and "--methodology" not in message, message
    with pytest.raises(Exception, match="Season folder not found") as missing:
        card(2025, "61.04", "../data", PARAMS, "en")
    message = str(missing.value)
    assert f"a relative data_dir is taken from the kernel's working folder, {kernel}" in message, message
    assert "--cwd notebooks" in message and "-r data_dir /path/to/data" in message, message
    assert "--data-dir" not in message and "--params-dir" not in message, message
    with pytest.raises(Exception, match="data_dir yang relatif dihitung dari folder kerja kernel") as missing:
        province_report(2025, "kalbar", "../data", PARAMS, "id", "", "", 10, 1)
    assert "--cwd notebooks" in str(missing.value)


def test_a_notebooks_season_folder_or_other_season_is_told_with_its_parameters(tmp_path: Path) -> None:
    """A season folder missing is to be found with data_dir, not --data-dir; a methodology missing where other
    seasons' are there is given with -p musim, not --season."""
    with pytest.raises(Exception, match="Season folder not found") as missing:
        card(2025, "61.04", str(tmp_path), PARAMS, "en")
    assert "give the notebook the right data_dir" in str(missing.value), str(missing.value)
    with pytest.raises(Exception, match="give one of them with -p musim") as missing:
        card(2030, "61.04", DATA, PARAMS, "en")
    assert "--season" not in str(missing.value)
