"""The explorer's profile presents a participant's cheapest steps up as a card does: those enough on their own under
a heading that counts them, the others under words that say they are not enough (gaps.steps, macros.steps)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from paritrana_nb.explorer_ui import ExplorerApp
from paritrana_nb.gaps import BATAS_ATAS, Steps
from paritrana_nb.messages import t

ROOT = Path(__file__).resolve().parents[2]
ITEMS = r"((?:<li>.*?</li>)*)"


def _step(kolom: str, now: float, needed: float, cukup: bool) -> dict[str, object]:
    return {
        "kolom": kolom,
        "nilai_sekarang": now,
        "nilai_dibutuhkan": needed,
        "cukup": cukup,
        "alasan": None if cukup else BATAS_ATAS,
        "target_nama": "Kabupaten Di Atas",
        "iuran_rp_per_tahun": float("nan"),
    }


def _app_with_steps(monkeypatch: pytest.MonkeyPatch, lang: str, steps: list[dict[str, object]]) -> ExplorerApp:
    """The explorer whose search finds `steps` (in cheapest_actions' order), its second-ranked participant picked
    (outside a kernel the search runs at the pick)."""
    monkeypatch.setattr("paritrana_nb.explorer_ui.cheapest_actions", lambda gaps, n: pd.DataFrame(steps))
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang=lang)
    table = app.current.table
    app.participant_pick.value = table.loc[table["peringkat"] == 2, "id_peserta"].iloc[0]
    return app


@pytest.mark.parametrize("lang", ["id", "en"])
def test_steps_enough_on_their_own_are_counted_and_the_others_follow_apart(monkeypatch, lang: str) -> None:
    steps = [
        _step("peserta_bpu", 100, 5000, True),
        _step("perkada", 0, 1, False),
        _step("surat_edaran", 1, 2, False),
    ]
    profile = _app_with_steps(monkeypatch, lang, steps).profile.value
    found = re.search(rf"<h4>([^<]*)</h4>\n<ol>{ITEMS}</ol>\n<p>([^<]*)</p>\n<ul>{ITEMS}</ul>", profile)
    assert found is not None, profile
    assert found.group(1) == t("rapor.actions_title_count", lang, count=1)
    assert found.group(2).count("<li>") == 1 and found.group(4).count("<li>") == 2
    assert found.group(3) == t("rapor.actions_also_short", lang)
    # the words above the list say its steps are not enough on their own; each sentence does not say it again
    said = t("gaps.not_enough", lang, action="", change="", target="").split(":")[0]
    listed = max(t("gaps.not_enough_listed", lang, action="\0", change="", target="\0").split("\0"), key=len)
    assert found.group(4).count(listed) == 2 and said not in found.group(4) and listed not in found.group(2)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_when_no_step_is_enough_the_heading_says_so(monkeypatch, lang: str) -> None:
    steps = [_step("perkada", 0, 1, False), _step("surat_edaran", 1, 2, False)]
    profile = _app_with_steps(monkeypatch, lang, steps).profile.value
    heading = f"<h4>{t('rapor.actions_title_none_enough', lang)}</h4>"
    assert heading in profile and "<ol>" not in profile
    part = profile[profile.index(heading) :]
    assert t("rapor.actions_none_enough_note", lang) in part and part.count("<li>") == 2
    for count in (1, 2, 3):
        assert t("rapor.actions_title_count", lang, count=count) not in profile


def test_first_place_and_no_step_found_are_said_as_on_a_card(monkeypatch) -> None:
    app = _app_with_steps(monkeypatch, "en", [])
    assert f"<h4>{t('rapor.actions_title', 'en')}</h4>\n<p>{t('rapor.actions_none', 'en')}</p>" in app.profile.value
    table = app.current.table
    app.participant_pick.value = table.loc[table["peringkat"] == 1, "id_peserta"].iloc[0]
    assert f"<p>{t('rapor.actions_first', 'en')}</p>" in app.profile.value


def test_the_bundled_seasons_search_lists_no_step_that_is_not_enough_as_a_step_up() -> None:
    """The first regency of Kalimantan Barat has steps enough on their own and one that is not (the search itself,
    not a stand-in): the one that is not is outside the counted list."""
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    app.participant_pick.value = app.model.peserta["id_peserta"].min()
    profile = app.profile.value
    found = re.search(rf"<h4>([^<]*)</h4>\n<ol>{ITEMS}</ol>\n<p>[^<]*</p>\n<ul>{ITEMS}</ul>", profile)
    assert found is not None, profile
    assert "stays ahead" not in found.group(2) and "stays ahead" in found.group(3)
    assert "Not enough on its own" not in found.group(3)  # the words above the list say so, once
    assert found.group(1) == t("rapor.actions_title_count", "en", count=found.group(2).count("<li>"))


def test_steps_searched_under_other_weights_are_searched_again_under_those_shown(monkeypatch) -> None:
    """Moving a slider re-ranks the group: the steps shown are those of the weights shown, never those of the
    weights the participant was picked under."""
    searched: list[float] = []

    def search(app: ExplorerApp, pid: str) -> Steps:
        searched.append(app.weights()["regulasi"])
        return Steps((f"searched at regulasi {app.weights()['regulasi']:g}",), (), False, False)

    monkeypatch.setattr(ExplorerApp, "_cheapest_steps", search)
    app = ExplorerApp(ROOT / "data", ROOT / "params", 2025, lang="en")
    official = app.weights()["regulasi"]
    assert searched == [official] and f"searched at regulasi {official:g}" in app.profile.value
    app.sliders["regulasi"].value = 45.0
    assert searched == [official, 45.0]
    assert "searched at regulasi 45<" in app.profile.value and f"regulasi {official:g}<" not in app.profile.value
    app.compute_intervals(draws=20)  # the same weights: not searched again
    assert searched == [official, 45.0] and "searched at regulasi 45<" in app.profile.value
