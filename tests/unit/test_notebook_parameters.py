"""A notebook's parameters are checked before any work, by name and in the notebook's language: draws, seed and
language of the report notebooks, the participant id of the card notebook (papermill -p reads numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paritrana_nb.rapor.notebook import card
from paritrana_nb.report.drawn import province_report
from paritrana_nb.report.prepared import check_parameters
from scoring_fixtures import PROJECT

DATA, PARAMS = str(PROJECT / "data"), str(PROJECT / "params")


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ({"simulasi": 0}, "Parameter simulasi = 0 must be a whole number from 1 to 100000"),
        ({"simulasi": 100_001}, "Parameter simulasi = 100001 must be a whole number from 1 to 100000"),
        ({"simulasi": 10.7}, "Parameter simulasi = 10.7 must be"),
        ({"simulasi": "banyak"}, "Parameter simulasi = 'banyak' must be"),
        ({"simulasi": True}, "Parameter simulasi = True must be"),
        ({"seed": -1}, "Parameter seed = -1 must be a whole number from 0 to 4294967295"),
        ({"seed": 2**32}, "Parameter seed = 4294967296 must be a whole number from 0 to 4294967295"),
        ({"seed": 1.5}, "Parameter seed = 1.5 must be"),
    ],
)
def test_draws_and_seed_are_refused_by_name(numbers: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as refused:
        check_parameters("en", **numbers)
    assert message in str(refused.value)
    with pytest.raises(ValueError, match="harus bilangan bulat"):
        check_parameters("id", **numbers)


def test_good_parameters_pass_and_an_unknown_language_is_refused_first() -> None:
    check_parameters("en", simulasi=1, seed=0)
    check_parameters("id", simulasi=100_000, seed=2**32 - 1)
    with pytest.raises(ValueError, match="Language 'fr' is not known"):
        check_parameters("fr", simulasi=0)


def test_the_province_notebook_checks_before_reading_the_season(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Parameter simulasi = 0"):
        province_report(2025, "kalbar", str(tmp_path / "none"), PARAMS, "en", "", "", 0, 1)


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
