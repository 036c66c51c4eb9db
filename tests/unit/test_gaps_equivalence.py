"""The searched gaps equal a plain search: generated seasons, per lever, every mover, every indicator recomputed.

`_plain_gaps` is the oracle: the rule of `what_it_takes` written out straightforwardly (each ranking group walked
in the engine's order; every bisection step re-scores every indicator of every mover). The workbook's search
recomputes only the indicators a lever's column feeds, searches only the rows still open, in chunks, and writes
its CSV piece by piece; the two must agree to the last bit and byte.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from paritrana_nb import gaps, indicators, registry, scoring
from paritrana_nb.engine import SeasonScores, score_season
from paritrana_nb.methodology import Methodology, parse_methodology
from paritrana_nb.ranking import rule_of
from paritrana_nb.schema import PART_OF_WHOLE, PARTICIPANT_TABLES
from paritrana_nb.season import Season, read_season
from paritrana_nb.synthetic import generate_season
from scoring_fixtures import methodology_data

WHOLE = {(table, part): whole for table, part, whole in PART_OF_WHOLE}


def _smallest(passes: Callable[[np.ndarray], np.ndarray], hi: np.ndarray) -> np.ndarray:
    """Per row the smallest d in 1..hi with passes(d) (passes monotone), else hi: plain bisection over all rows."""
    lo, hi = np.zeros_like(hi), hi.copy()
    while (hi - lo > 1).any():
        mid = (lo + hi) // 2
        ok, open_ = passes(mid), hi - lo > 1
        hi, lo = np.where(open_ & ok, mid, hi), np.where(open_ & ~ok, mid, lo)
    return hi


def _movers(scores: pd.DataFrame, kategori: str) -> tuple[list[pd.Series], list[pd.Series]]:
    """Every ranked participant below first place, group by group in the engine's order, and the first of those
    holding the rank just above it."""
    ranked = scores[(scores["kategori"] == kategori) & scores["peringkat"].notna()]
    movers, targets = [], []
    for _, members in ranked.groupby("kelompok", sort=False):
        members = members.sort_values("peringkat", kind="stable")
        for _, row in members.iterrows():
            above = members[members["peringkat"] < row["peringkat"]]
            if len(above):
                movers.append(row)
                targets.append(above[above["peringkat"] == above["peringkat"].max()].iloc[0])
    return movers, targets


class _PlainCategory:
    """One category's movers, their targets and the re-scoring of changed rows, written out plainly."""

    def __init__(self, season: Season, methodology: Methodology, scores: SeasonScores, kategori: str) -> None:
        self.kategori, self.category = kategori, methodology.kategori[kategori]
        self.aturan, self.rule = methodology.aturan, rule_of(methodology)
        movers, targets = _movers(scores.peserta, kategori)
        self.who, self.target = pd.DataFrame(movers), pd.DataFrame(targets)
        rows = (
            registry.build(season, methodology, [kategori]).participants(kategori).set_index("id_peserta", drop=False)
        )
        self.rows = rows.loc[self.who["id_peserta"]].reset_index(drop=True) if movers else rows.iloc[:0]
        long = scores.indikator
        ties = long[(long["kategori"] == kategori) & (long["indikator"] == self.category.tie_break)]
        self.finalis = self.who["finalis"].to_numpy(bool) if movers else np.zeros(0, bool)
        self.target_finalis = self.target["finalis"].to_numpy(bool) if movers else np.zeros(0, bool)
        self.target_skor = self.target["skor_peringkat"].to_numpy(float) if movers else np.zeros(0)
        self.target_tie = ties.set_index("id_peserta")["n"].reindex(self.target.get("id_peserta", [])).to_numpy(float)

    def rank_score(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Every indicator recomputed: the score each row is ranked by and its tie-break n."""
        category = self.category
        values = indicators.compute(frame, category, self.aturan)[0].to_numpy(float)
        desk = scoring.desk_scores(values, category.indicators)
        final = category.stage_weights.dokumen * desk.skor + category.stage_weights.wawancara * self.who[
            "skor_wawancara"
        ].to_numpy(float)
        tie = desk.n[:, category.indicator_ids.index(category.tie_break)]
        return np.where(self.finalis, final, desk.skor), tie

    def passes(self, frame: pd.DataFrame) -> np.ndarray:
        skor, tie = self.rank_score(frame)
        return self.rule.ahead(self.finalis, skor, tie, self.target_finalis, self.target_skor, self.target_tie)

    def lever(self, action: gaps.Action, number: int, tahun: int) -> pd.DataFrame:
        """The rows of one lever (those it can help), with `posisi` (the mover) and `urutan_aksi`."""
        category, rows, tabel = self.category, self.rows, self.category.peserta.tabel
        spec = category.indicators[category.indicator_ids.index(action.indikator)]
        kind = PARTICIPANT_TABLES[tabel].table.column(action.kolom).kind
        steps = gaps.PERCENT_STEPS if kind == "percent" else 1
        if kind == "binary":
            cap = np.ones(len(rows))
        elif kind == "percent":
            cap = np.full(len(rows), 100.0)
        elif (tabel, action.kolom) in WHOLE:
            cap = rows[WHOLE[(tabel, action.kolom)]].to_numpy(float)
        else:
            cap = np.full(len(rows), float(gaps.COUNT_LIMIT))
        sign = 1 if (action.arah == "naik") == (spec.direction == "higher") else -1
        current = rows[action.kolom].to_numpy(float)
        grid = np.round(current * steps, 6)
        start = np.floor(grid) if sign > 0 else np.ceil(grid)
        end = np.round(cap * steps) if sign > 0 else np.zeros_like(cap)
        span = np.maximum(np.nan_to_num(sign * (end - start), nan=0.0), 0).astype(np.int64)

        def moved(d: np.ndarray) -> pd.DataFrame:
            return rows.assign(**{action.kolom: (start + sign * d) / steps})

        def n(frame: pd.DataFrame) -> np.ndarray:
            values = indicators.compute(frame, category, self.aturan, [spec.id])[0][spec.id]
            return scoring.normalise(values.to_numpy(), spec.lo, spec.hi, spec.direction)

        def n_all(frame: pd.DataFrame) -> np.ndarray:  # every indicator of the category (those the column feeds move)
            values = indicators.compute(frame, category, self.aturan, [i.id for i in category.indicators])[0]
            return np.column_stack(
                [scoring.normalise(values[i.id].to_numpy(), i.lo, i.hi, i.direction) for i in category.indicators]
            )

        now, top_n, top_all = n(rows), n(moved(span)), n_all(moved(span))
        top = _smallest(lambda d: ((n_all(moved(d)) >= top_all) | np.isnan(top_all)).all(axis=1), span)
        need = _smallest(lambda d: self.passes(moved(d)), top)
        cukup = self.passes(moved(need))
        skor, tie = self.rank_score(moved(need))
        behind = self.rule.ahead(self.target_finalis, self.target_skor, self.target_tie, self.finalis, skor, tie)
        needed = (start + sign * need) / steps
        change = np.round(needed - current, 6)
        cost = np.abs(change) / np.maximum(np.abs(current), 1)
        premium = self.aturan.iuran_rentan_rp_per_bulan * gaps.MONTHS
        level = np.where(behind, gaps.BATAS_ATAS, gaps.SERI)  # at its best it still ranks below, or only draws level
        alasan = np.where(self.target_finalis & ~self.finalis, gaps.FINALIS_DI_ATAS, level).astype(object)
        alasan[cukup] = None
        who, target = self.who, self.target
        table = pd.DataFrame(
            {
                "posisi": np.arange(len(rows)),
                "urutan_aksi": number,
                "kategori": self.kategori,
                "kode_provinsi": who["kode_provinsi"].to_numpy(),
                "id_peserta": who["id_peserta"].to_numpy(),
                "indikator": action.indikator,
                "kolom": action.kolom,
                "tahun": tahun,
                "nilai_sekarang": current,
                "nilai_dibutuhkan": needed,
                "cukup": cukup,
                "nama": who["nama"].to_numpy(),
                "peringkat": who["peringkat"].to_numpy(np.int64),
                "finalis": self.finalis,
                "target_id_peserta": target["id_peserta"].to_numpy(),
                "target_nama": target["nama"].to_numpy(),
                "perubahan": change,
                "biaya_relatif": cost if action.biaya_satuan is None else np.abs(change) * action.biaya_satuan,
                "iuran_rp_per_tahun": np.maximum(change, 0) * premium if action.iuran else np.nan,
                "skor_sekarang": who["skor_peringkat"].to_numpy(float),
                "skor_target": self.target_skor,
                "skor_baru": self.rank_score(moved(need))[0],
                "alasan": alasan,
            }
        )
        return table[~np.isnan(now) & (span > 0) & (top_n > now)]


def _plain_gaps(season: Season, methodology: Methodology) -> pd.DataFrame:
    scores = score_season(season, methodology)
    frames = []
    for order, kategori in enumerate(methodology.categories()):
        plain = _PlainCategory(season, methodology, scores, kategori)
        tabel = plain.category.peserta.tabel
        for number, action in enumerate(gaps.ACTIONS[tabel]):
            if len(plain.rows) and action.indikator in plain.category.indicator_ids:
                frames.append(plain.lever(action, number, season.tahun).assign(urutan_kategori=order))
    every = pd.concat(frames, ignore_index=True)
    every = every.sort_values(["urutan_kategori", "posisi", "urutan_aksi"], kind="stable")
    return every[list(gaps.GAPS_COLUMNS)].reset_index(drop=True)


def _generated(folder: Path, seed: int) -> Season:
    """A generated season with holes: previous-year rows missing for some governments, villages without officials
    (a zero denominator) and businesses without vendors (blank); ties come from the methodologies' few decimals."""
    generate_season(folder / "2025", scale="kalimantan", seed=seed)
    pemda = pd.read_csv(folder / "2025" / "pemda.csv", dtype=str, keep_default_na=False)
    drop = pemda["kode_wilayah"].isin(pemda["kode_wilayah"].unique()[3::7]) & (pemda["tahun"] == "2023")
    pemda[~drop].to_csv(folder / "2025" / "pemda.csv", index=False, lineterminator="\n")
    desa = pd.read_csv(folder / "2025" / "desa.csv", dtype=str, keep_default_na=False)
    desa.loc[desa.index[::9], ["perangkat_desa", "perangkat_terlindungi"]] = "0"
    desa.to_csv(folder / "2025" / "desa.csv", index=False, lineterminator="\n")
    return read_season(2025, folder)


def _variant(name: str) -> Methodology:
    data = methodology_data()
    kategori = data["kategori"]
    if name == "lower_and_goalposts":  # scored `lower`, goalposts other than 0-100, ties at one decimal
        data["aturan"]["desimal"] = 1
        for spec in kategori["bu_kecil_mikro"]["indicators"]:
            if spec["id"] == "tertib_iuran":
                spec["direction"] = "lower"  # more arrears now raise n: the lever moves the other way
        for spec in kategori["desa"]["indicators"]:
            spec["goalposts"] = [5, 60]
        for spec in kategori["pemda"]["indicators"]:
            if spec["id"] == "ucj":
                spec.update(direction="lower", goalposts=[10, 80])
    if name == "national_and_zones":  # groups wider than a province, scores at two decimals
        data["aturan"]["desimal"] = 2
        kategori["desa"]["kelompok"] = "nasional"
        kategori["bu_kecil_mikro"]["kelompok"] = "nasional"
        kategori["pemda"]["kelompok"] = "zona"
    return parse_methodology(data)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variant", "seed"), [("default", 7), ("lower_and_goalposts", 2025), ("national_and_zones", 11)]
)
def test_search_equals_the_plain_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variant: str, seed: int
) -> None:
    season, methodology = _generated(tmp_path, seed), _variant(variant)
    expected = _plain_gaps(season, methodology)
    assert expected["cukup"].any() and (~expected["cukup"]).any()  # both outcomes are compared
    monkeypatch.setattr(gaps, "CHUNK_ROWS", 50)  # many chunks, and categories split across them
    found = gaps.what_it_takes(season, methodology)
    pd.testing.assert_frame_equal(found, expected, check_exact=True, check_dtype=False)
    assert gaps.gaps_csv(gaps.iter_gaps(season, methodology)).data.decode("utf-8") == gaps.csv_text(expected)


@pytest.mark.slow
def test_bundled_search_equals_the_plain_search(bundled_season: Season, default_methodology: Methodology) -> None:
    expected = _plain_gaps(bundled_season, default_methodology)
    found = gaps.what_it_takes(bundled_season, default_methodology)
    pd.testing.assert_frame_equal(found, expected, check_exact=True, check_dtype=False)
    assert gaps.csv_text(found) == gaps.csv_text(expected)
