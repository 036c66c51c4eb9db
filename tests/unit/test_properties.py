"""Property tests (hypothesis): monotone desk scores, scores within 0-100, row order never matters.

"Indicator inputs" are the columns that enter an indicator in its favour (numerators, documents,
percentages); `bulan_tunggakan` counts against, so lowering it is the improvement. Denominators
(working population, workforce, target) are not inputs one can "raise" in a participant's favour.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paritrana_nb.engine import SeasonScores, csv_text, score_season
from paritrana_nb.methodology import Indicator, Label, Methodology
from paritrana_nb.scoring import desk_scores
from paritrana_nb.season import Season

#: The pure desk-score arithmetic is cheap: always 60 examples. The properties that score a season take theirs from
#: the Hypothesis profile (tests/conftest.py): 60 in `make test`, 15 in `make check`.
PURE = settings(max_examples=60)

#: (table, kategori, column, direction) where direction +1 means "more is better".
INPUTS = [
    *[
        ("pemda", k, c, 1)
        for k in ("pemda", "pemprov")
        for c in (
            "peserta_pu",
            "peserta_bpu",
            "peserta_jakon",
            "peserta_pmi",
            "pekerja_rentan_apbd",
            "perda",
            "perkada",
            "surat_edaran",
        )
    ],
    *[
        ("desa", "desa", c, 1)
        for c in ("peserta", "perangkat_terlindungi", "bpd_terlindungi", "pekerja_rentan_dana_desa")
    ],
    *[
        ("badan_usaha", k, c, 1)
        for k in ("bu_besar_menengah", "bu_kecil_mikro")
        for c in (
            "pekerja_terdaftar",
            "jkk",
            "jkm",
            "jht",
            "jp",
            "jkp",
            "upah_sesuai_pct",
            "nik_valid_pct",
            "vendor_patuh_pct",
            "pekerja_rentan_csr",
        )
    ],
    *[("badan_usaha", k, "bulan_tunggakan", -1) for k in ("bu_besar_menengah", "bu_kecil_mikro")],
]
SKALA = {"bu_besar_menengah": ("besar", "menengah"), "bu_kecil_mikro": ("kecil", "mikro")}


def _year_t_rows(season: Season, table: str, kategori: str) -> pd.Index:
    frame = getattr(season, table)
    rows = frame["tahun"] == 2024
    if kategori == "pemda":
        rows &= frame["kode_wilayah"].str.len() == 5
    elif kategori == "pemprov":
        rows &= frame["kode_wilayah"].str.len() == 2
    elif kategori in SKALA:
        rows &= frame["skala"].isin(SKALA[kategori])
    return frame.index[rows]


def _desk(season: Season, methodology: Methodology, kategori: str) -> pd.Series:
    peserta = score_season(season, methodology, categories=[kategori]).peserta
    return peserta.set_index("id_peserta")["skor_dokumen"]


@pytest.fixture(scope="module")
def baseline_desk(hand_season: Season, default_methodology: Methodology) -> dict[str, pd.Series]:
    """The hand season's desk scores per category."""
    return {
        kategori: _desk(hand_season, default_methodology, kategori)
        for kategori in dict.fromkeys(kategori for _, kategori, _, _ in INPUTS)
    }


@pytest.fixture(scope="module")
def baseline(hand_season: Season, default_methodology: Methodology) -> SeasonScores:
    return score_season(hand_season, default_methodology)


@given(data=st.data())
def test_raising_one_input_never_lowers_the_desk_score(
    data: st.DataObject, hand_season: Season, default_methodology: Methodology, baseline_desk: dict[str, pd.Series]
) -> None:
    table, kategori, column, direction = data.draw(st.sampled_from(INPUTS))
    row = data.draw(st.sampled_from(list(_year_t_rows(hand_season, table, kategori))))
    frame = getattr(hand_season, table).copy()
    if pd.isna(frame.at[row, column]):  # a blank vendor_patuh_pct is "not applicable", not a low value
        return
    step = data.draw(st.integers(min_value=1, max_value=5000))
    current = frame.at[row, column]
    frame.at[row, column] = (
        max(current + direction * step, 0)
        if frame[column].dtype == np.int64
        else max(float(current) + direction * step / 7, 0.0)
    )
    before = baseline_desk[kategori]
    after = _desk(replace(hand_season, **{table: frame}), default_methodology, kategori)
    participant = frame.at[row, "npp" if table == "badan_usaha" else "kode_desa" if table == "desa" else "kode_wilayah"]
    assert after[participant] >= before[participant]
    pd.testing.assert_series_equal(after.drop(participant), before.drop(participant))  # nobody else moves


@PURE
@given(
    raw=st.lists(
        st.lists(st.one_of(st.floats(-200, 300), st.just(float("nan"))), min_size=4, max_size=4), min_size=1, max_size=6
    ),
    weights=st.lists(st.floats(0.01, 100), min_size=4, max_size=4),
    lows=st.lists(st.floats(-50, 50), min_size=4, max_size=4),
    widths=st.lists(st.floats(0.5, 200), min_size=4, max_size=4),
    lower=st.lists(st.booleans(), min_size=4, max_size=4),
    pick=st.tuples(st.integers(0, 5), st.integers(0, 3)),
    step=st.floats(0.001, 500),
)
def test_desk_score_is_monotone_and_bounded(
    raw: list[list[float]],
    weights: list[float],
    lows: list[float],
    widths: list[float],
    lower: list[bool],
    pick: tuple[int, int],
    step: float,
) -> None:
    indicators = [
        Indicator(
            id=f"i{j}",
            label=Label(id="x", en="x"),
            direction="lower" if lower[j] else "higher",
            goalposts=(lows[j], lows[j] + widths[j]),
            weight=weights[j],
        )
        for j in range(4)
    ]
    values = np.array(raw, dtype=float)
    before = desk_scores(values, indicators)
    scored = ~np.isnan(before.skor)
    assert ((before.skor[scored] >= 0) & (before.skor[scored] <= 100)).all()
    assert np.allclose(before.kontribusi.sum(axis=1)[scored], before.skor[scored])
    i, j = pick[0] % len(values), pick[1]
    if np.isnan(values[i, j]):
        return
    raised = values.copy()
    raised[i, j] += -step if lower[j] else step
    after = desk_scores(raised, indicators)
    assert after.skor[i] >= before.skor[i]


@given(
    factors=st.lists(st.floats(0.0, 3.0), min_size=6, max_size=6),
    jury=st.lists(st.floats(0, 100), min_size=1, max_size=40),
)
def test_scores_stay_within_0_and_100(
    factors: list[float], jury: list[float], default_methodology: Methodology, hand_season: Season
) -> None:
    season = hand_season
    pemda = season.pemda.copy()
    for factor, column in zip(
        factors,
        ("peserta_pu", "peserta_bpu", "pekerja_rentan_apbd", "perkada", "surat_edaran", "penduduk_bekerja"),
        strict=True,
    ):
        pemda[column] = np.round(pemda[column] * factor).astype(pemda[column].dtype)
    bu = season.badan_usaha.copy()
    bu["pekerja_rentan_csr"] = np.round(bu["pekerja_rentan_csr"] * factors[0] * 10).astype(np.int64)
    bu["bulan_tunggakan"] = np.round(bu["bulan_tunggakan"] * factors[1] * 5).astype(np.int64)
    wawancara = season.wawancara.copy()
    wawancara["nilai"] = [jury[i % len(jury)] for i in range(len(wawancara))]
    scores = score_season(replace(season, pemda=pemda, badan_usaha=bu, wawancara=wawancara), default_methodology)
    for column in ("skor_dokumen", "skor_wawancara", "skor_akhir"):
        values = scores.peserta[column].dropna()
        assert ((values >= 0) & (values <= 100)).all(), column
    n = scores.indikator["n"].dropna()
    assert ((n >= 0) & (n <= 100)).all()


@given(data=st.data())
def test_permuting_input_rows_changes_nothing(
    data: st.DataObject, default_methodology: Methodology, hand_season: Season, baseline: SeasonScores
) -> None:
    season = hand_season
    tables = {}
    for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara"):
        frame = getattr(season, name)
        tables[name] = frame.iloc[data.draw(st.permutations(range(len(frame))), label=name)]
    again = score_season(replace(season, **tables), default_methodology)
    assert csv_text(again) == csv_text(baseline)
    for table in ("peserta", "indikator", "wawancara", "nominasi", "penghargaan"):
        pd.testing.assert_frame_equal(getattr(again, table), getattr(baseline, table))
