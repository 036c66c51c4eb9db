"""The rank-interval section says what its table says, at the same precision."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pandas as pd

from paritrana_nb.report.analysis_sections import rank_intervals


def test_first_places_stability_is_the_tables_percentage() -> None:
    """With 2,000 draws first place can keep its rank in 99.95% of them: the summary above the table must not
    round that to "100.0%" (every draw) while the table's row says 99.95%."""
    uncertainty = pd.DataFrame(
        {
            "kategori": ["pemda"] * 3,
            "kelompok": ["61"] * 3,
            "id_peserta": ["61.01", "61.02", "61.03"],
            "peringkat": [1, 2, 3],
            "peringkat_median": [1, 2, 3],
            "peringkat_p05": [1, 2, 2],
            "peringkat_p95": [1, 3, 3],
            "peringkat_stabil_pct": [99.95, 80.0, 80.0],
            "seri_statistik": [False, True, True],
        }
    )
    peserta = pd.DataFrame(
        {
            "id_peserta": ["61.01", "61.02", "61.03"],
            "nama": ["Kabupaten A", "Kabupaten B", "Kabupaten C"],
            "kelompok": ["61"] * 3,
            "finalis": [True, True, True],
        }
    )
    analysis = cast(Any, SimpleNamespace(uncertainty=uncertainty, draws=2000, seed=7))
    for lang, shown in (("id", "99,95%"), ("en", "99.95%")):
        intervals = rank_intervals(analysis, "pemda", peserta, lang)
        assert intervals is not None
        assert intervals.table.rows[0][4].text == shown
        assert shown in intervals.summary, intervals.summary


def test_a_desk_share_outside_the_drawn_range_is_said_in_the_note() -> None:
    """The draws take a finalist's desk share from 60-80% whatever the methodology's stage weights: a category
    weighing its desk stage at 30% is told that its finalists' intervals test another split."""
    uncertainty = pd.DataFrame(
        {
            "kategori": ["pemda"] * 2,
            "kelompok": ["61"] * 2,
            "id_peserta": ["61.01", "61.02"],
            "peringkat": [1, 2],
            "peringkat_median": [1, 2],
            "peringkat_p05": [1, 2],
            "peringkat_p95": [1, 2],
            "peringkat_stabil_pct": [90.0, 90.0],
            "seri_statistik": [False, False],
        }
    )
    peserta = pd.DataFrame(
        {"id_peserta": ["61.01", "61.02"], "nama": ["A", "B"], "kelompok": ["61"] * 2, "finalis": [True, False]}
    )
    analysis = cast(Any, SimpleNamespace(uncertainty=uncertainty, draws=1000, seed=7))
    for share, said in ((0.3, "30%"), (0.555, "55.5%"), (0.85, "85%")):
        note = rank_intervals(analysis, "pemda", peserta, "en", share)
        assert note is not None and f"desk stage at {said}, outside the 60–80% the draws take" in note.note
    indonesian = rank_intervals(analysis, "pemda", peserta, "id", 0.555)
    assert indonesian is not None and "bobot 55,5%, di luar 60–80% yang diambil simulasi" in indonesian.note
    for share in (0.6, 0.7, 0.8):
        inside = rank_intervals(analysis, "pemda", peserta, "en", share)
        assert inside is not None and "outside the" not in inside.note
