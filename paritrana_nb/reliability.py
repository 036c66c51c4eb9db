"""Jury reliability per ranking group: Kendall's W and ICC(2,k) across jurors, and per juror the leniency,
the agreement with the other jurors and how the finalists' ranks move when that juror is left out."""

from __future__ import annotations

import math
from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd

from . import jury, ranking
from .engine import SeasonScores
from .methodology import Methodology
from .outputs import table_csv_text, write_atomic
from .season import Season

DEVIASI_MAKS = 10.0  # flag a juror whose mean deviation from the others exceeds this many points (0-100 scale)
KORELASI_MIN = 0.3  # flag a juror whose Spearman correlation with the others is below this
#: Why a juror is flagged (`alasan_tanda`): deviation, correlation, the podium changes without them.
FLAG_REASONS: tuple[str, ...] = ("deviasi", "korelasi", "podium")
MIN_KORELASI = 3  # finalists needed for a correlation (with two it is always +1 or -1)
CONFIDENCE = 0.95
COLUMNS: tuple[str, ...] = (
    "kategori",
    "kode_provinsi",
    "juri",
    "kendall_w",
    "icc2k",
    "icc2k_lo",
    "icc2k_hi",
    "deviasi",
    "korelasi",
    "perubahan_peringkat_maks",
    "ditandai",
    "jumlah_finalis",
    "jumlah_juri",
    "jumlah_dinilai",
    "podium_berubah",
    "alasan_tanda",
)
BOOLEAN_COLUMNS: tuple[str, ...] = ("ditandai", "podium_berubah")
GROUP = ["kategori", "kelompok"]


MAX_JUROR_SETS = 1 << 14
"""The most candidate juror sets `complete_block` weighs: finding the largest block takes time exponential in the
jurors at worst (each juror missing a different finalist); a table of up to 14 jurors has at most this many."""
MAX_STEPS = 1 << 21
"""The most intersections of two juror sets `complete_block` takes while it finds candidate sets, and the most
finalists it checks against them (a few tenths of a second each): enough for every candidate set of a table of up
to 14 jurors and 64 finalists."""


def complete_block(matrix: np.ndarray) -> np.ndarray | None:
    """The largest complete part of a finalists x jurors matrix (NaN = the juror did not score that finalist).

    Of every block of at least 2 finalists and 2 jurors in which each juror scored each finalist, the one with the
    most cells; among equal ones the one with more finalists, then the one whose jurors come first (columns in
    matrix order). Rows and columns keep their order. None when no such block exists. The candidate juror sets are
    found finalist by finalist and weighed in that order, at most MAX_JUROR_SETS of them, with MAX_STEPS
    intersections to find them and MAX_STEPS checks of a finalist to weigh them: all of them in a table of up to 14
    jurors and 64 finalists.
    """
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"expected a finalists x jurors matrix, got {values.ndim} dimension(s)")
    # each finalist's jurors as the bits of a number (juror j: bit j)
    bits = np.packbits(~np.isnan(values), axis=1, bitorder="little")
    rows = [int.from_bytes(row.tobytes(), "little") for row in bits]
    # A largest block's jurors are exactly those who scored all of its finalists, so they are the intersection of
    # its finalists' juror sets: every such intersection (at most 2 ** min(finalists, jurors)) is a candidate.
    candidates: dict[int, None] = {}  # in the order found: the same sets weighed on every run
    steps = MAX_STEPS
    for jurors in dict.fromkeys(rows):
        if len(candidates) == MAX_JUROR_SETS or len(candidates) > steps:  # intersected with every set found so far
            break
        steps -= len(candidates)
        for found in [jurors, *(jurors & other for other in candidates)]:
            if len(candidates) == MAX_JUROR_SETS:
                break
            candidates.setdefault(found)
    weighed = list(candidates)[: MAX_STEPS // max(len(rows), 1)]  # each checked against every finalist
    best: tuple[int, int, list[int]] | None = None
    for jurors in weighed:
        width = jurors.bit_count()
        if width < 2:
            continue
        height = sum(1 for row in rows if row & jurors == jurors)
        if height < 2 or (best is not None and (height * width, height) < best[:2]):
            continue
        columns = [j for j in range(jurors.bit_length()) if jurors >> j & 1]
        if best is None or (height * width, height) > best[:2] or columns < best[2]:
            best = (height * width, height, columns)
    if best is None:
        return None
    columns = best[2]
    mask = sum(1 << j for j in columns)
    finalists = [i for i, row in enumerate(rows) if row & mask == mask]
    return values[np.ix_(finalists, columns)]  # row-major whatever was dropped: sums in one order for the same block


def kendalls_w(matrix: np.ndarray) -> float:
    """Kendall's coefficient of concordance W of the jurors (columns) over the finalists (rows).

    Each juror's scores become ranks (ties share the average rank) and W carries the tie correction:
    W = 12 S / (m^2 (n^3 - n) - m sum(t^3 - t)). Missing cells follow `complete_block`; NaN when it leaves
    nothing or every juror ties every finalist.
    """
    block = complete_block(matrix)
    if block is None:
        return float("nan")
    from scipy import stats  # here, not at the top: a report kernel reading prepared analyses never needs scipy

    n, m = block.shape
    rank_sums = stats.rankdata(block, axis=0).sum(axis=1)
    s = float(((rank_sums - rank_sums.mean()) ** 2).sum())
    ties = sum(
        float((counts**3 - counts).sum())
        for counts in (np.unique(block[:, j], return_counts=True)[1] for j in range(m))
    )
    denominator = m**2 * (n**3 - n) - m * ties
    return 12 * s / denominator if denominator > 0 else float("nan")


def icc2k(matrix: np.ndarray) -> tuple[float, float, float]:
    """ICC(2,k) of the finalists (rows) x jurors (columns) matrix, with its 95 % confidence interval.

    Two-way random effects, absolute agreement, mean of k jurors (Shrout & Fleiss 1979; ICC(A,k) in McGraw &
    Wong 1996): (MSR - MSE) / (MSR + (MSC - MSE) / n). The interval is McGraw & Wong's F-based one with
    Satterthwaite degrees of freedom (the same as psych::ICC and pingouin). Missing cells follow
    `complete_block`; NaN where undefined (too few cells, no variation; the interval alone where the finalists'
    scores do not vary beyond the jurors' offsets: 0, NaN, NaN when each juror gives every finalist one score).
    """
    nan = float("nan")
    block = complete_block(matrix)
    if block is None:
        return nan, nan, nan
    n, k = block.shape
    grand = block.mean()
    ss_rows = k * float(((block.mean(axis=1) - grand) ** 2).sum())
    ss_cols = n * float(((block.mean(axis=0) - grand) ** 2).sum())
    ss_error = float(((block - grand) ** 2).sum()) - ss_rows - ss_cols
    msr, msc, mse = ss_rows / (n - 1), ss_cols / (k - 1), max(ss_error, 0.0) / ((n - 1) * (k - 1))
    denominator = msr + (msc - mse) / n
    if not denominator > 0:
        return nan, nan, nan
    icc = (msr - mse) / denominator
    single = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)  # ICC(2,1), for the degrees of freedom
    if not single < 1:  # no residual variation: no interval
        return icc, nan, nan
    a = k * single / (n * (1 - single))
    b = 1 + k * single * (n - 1) / (n * (1 - single))
    spread = (a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1))
    if not spread > 0:  # no variation between finalists nor residual (every juror scores them alike): no interval
        return icc, nan, nan
    v = (a * msc + b * mse) ** 2 / spread
    from scipy import stats  # here, not at the top (see kendalls_w)

    tail = 1 - (1 - CONFIDENCE) / 2
    f_upper = float(stats.f.ppf(tail, n - 1, v))
    f_lower = float(stats.f.ppf(tail, v, n - 1))
    # With Satterthwaite degrees of freedom near 0 (a negative ICC(2,1) can give them) an F quantile is infinite:
    # that bound is undefined (inf / inf), not a warning on standard error.
    low = n * (msr - f_upper * mse) / (f_upper * (msc - mse) + n * msr) if math.isfinite(f_upper) else nan
    high = n * (f_lower * msr - mse) / (msc - mse + n * f_lower * msr) if math.isfinite(f_lower) else nan
    return icc, float(low), float(high)


def juror_agreement(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per juror (column): mean deviation from the other jurors, Spearman correlation with them, finalists scored.

    Over the finalists the juror scored that another juror scored too: `deviasi` is the mean of (the juror's
    score - the mean of the other jurors' scores); `korelasi` the Spearman correlation of the two, NaN with
    fewer than MIN_KORELASI finalists or when either side is constant. The others' mean is their exactly rounded
    sum over their count, so finalists the others scored alike tie (a total less this juror's score broke ties).
    """
    from scipy import stats  # here, not at the top (see kendalls_w)

    values = np.asarray(matrix, dtype=np.float64)
    present = ~np.isnan(values)
    count = present.sum(axis=1)
    deviasi = np.full(values.shape[1], np.nan)
    korelasi = np.full(values.shape[1], np.nan)
    for j in range(values.shape[1]):
        others = count - present[:, j]
        valid = present[:, j] & (others > 0)
        if not valid.any():
            continue
        own = values[valid, j]
        rest = np.delete(values[valid], j, axis=1).tolist()
        mean_others = np.array([math.fsum(v for v in row if v == v) for row in rest]) / others[valid]
        deviasi[j] = float(np.mean(own - mean_others))
        if valid.sum() >= MIN_KORELASI and np.ptp(own) > 0 and np.ptp(mean_others) > 0:
            korelasi[j] = float(np.corrcoef(stats.rankdata(own), stats.rankdata(mean_others))[0, 1])  # Spearman
    return deviasi, korelasi, present.sum(axis=0)


def _finalists(scores: SeasonScores, methodology: Methodology) -> pd.DataFrame:
    """Finalists with group, desk score and normalised tie-break value (what ranking.rank needs)."""
    peserta = scores.peserta[scores.peserta["finalis"]]
    tie_break = pd.DataFrame(
        {"kategori": list(methodology.kategori), "indikator": [c.tie_break for c in methodology.kategori.values()]}
    )
    indikator = scores.indikator[scores.indikator["indikator"].isin(tie_break["indikator"])]
    n = indikator.merge(tie_break, on=["kategori", "indikator"])[["kategori", "id_peserta", "n"]]
    out = peserta[[*GROUP, "id_peserta", "skor_dokumen"]].merge(
        n.rename(columns={"n": "n_tie_break"}), on=jury.KEY, how="left"
    )
    return out.sort_values([*GROUP, "id_peserta"], kind="stable").reset_index(drop=True)


def _interviews(season: Season, methodology: Methodology, finalists: pd.DataFrame) -> pd.DataFrame:
    """The finalists' interview scores for the aspects of their category, with their ranking group."""
    aspects = pd.DataFrame(
        [(k, a) for k in methodology.categories() for a in methodology.kategori[k].aspect_ids],
        columns=["kategori", "aspek"],
    )
    rows = season.wawancara[[*jury.KEY, "juri", "aspek", "nilai"]].merge(aspects, on=["kategori", "aspek"])
    return rows.merge(finalists[[*GROUP, "id_peserta"]], on=jury.KEY)


def _leave_one_out(interviews: pd.DataFrame, finalists: pd.DataFrame, methodology: Methodology) -> pd.DataFrame:
    """Per group and juror: the largest rank change of a finalist, and whether the podium changes, without that juror.

    A group's only juror leaves no score without them: no rank change (missing) and no podium change for them.
    Every scenario (a group with all its jurors, or without one of them) is scored by one `jury.aggregate`
    call (the scenario number prefixes id_peserta) and ranked by one `ranking.rank` call (the scenario is the
    ranking group); finalists rank ahead of everyone else, so ranking the finalists alone gives their ranks.
    A finalist left without any score keeps finalist status with interview score 0.
    """
    jurors = interviews[[*GROUP, "juri"]].drop_duplicates().rename(columns={"juri": "tanpa"})
    scenarios = pd.concat([jurors[GROUP].drop_duplicates().assign(tanpa=None), jurors], ignore_index=True)
    scenarios["skenario"] = np.arange(len(scenarios))
    rows = interviews.merge(scenarios, on=GROUP)
    rows = rows[rows["juri"] != rows["tanpa"]]
    scored = jury.aggregate(
        rows.assign(id_peserta=rows["skenario"].astype(str) + ":" + rows["id_peserta"]),
        methodology,
        methodology.categories(),
    ).peserta
    code = scored["id_peserta"].str.split(":", n=1, expand=True)
    scored = pd.DataFrame(
        {
            "skenario": code[0].astype(np.int64).to_numpy(),
            "id_peserta": code[1].to_numpy(),
            "skor_wawancara": scored["skor_wawancara"].to_numpy(),
        }
    )
    field = finalists.merge(scenarios, on=GROUP).merge(scored, on=["skenario", "id_peserta"], how="left")
    ranked = ranking.rank(
        field.assign(finalis=True, kelompok=field["skenario"], skor_wawancara=field["skor_wawancara"].fillna(0.0)),
        methodology,
    )
    field["peringkat"] = ranked["peringkat"].to_numpy(dtype=np.float64, na_value=np.nan)
    baseline = field.loc[field["tanpa"].isna(), [*GROUP, "id_peserta", "peringkat"]]
    field = field.merge(baseline.rename(columns={"peringkat": "dasar"}), on=[*GROUP, "id_peserta"])

    def podium(column: str) -> pd.Series:
        top = field[field[column] <= ranking.PODIUM]
        keys = top["id_peserta"] + "=" + top[column].astype(np.int64).astype(str)
        return keys.groupby(top["skenario"]).agg(lambda k: "|".join(sorted(k))).reindex(scenarios["skenario"])

    moved = (field["peringkat"] - field["dasar"]).abs().groupby(field["skenario"]).max()
    alone = (scenarios.groupby(GROUP)["tanpa"].transform("count") == 1).to_numpy()  # the group's only juror
    out = scenarios.assign(
        perubahan_peringkat_maks=moved.reindex(scenarios["skenario"]).fillna(0).astype("Int64").mask(alone).array,
        podium_berubah=(podium("peringkat").fillna("") != podium("dasar").fillna("")).to_numpy(dtype=bool) & ~alone,
    )
    return out[out["tanpa"].notna()].rename(columns={"tanpa": "juri"}).drop(columns="skenario")


def _empty() -> pd.DataFrame:
    floats = ("kendall_w", "icc2k", "icc2k_lo", "icc2k_hi", "deviasi", "korelasi")
    integers = ("jumlah_finalis", "jumlah_juri", "jumlah_dinilai")
    return pd.DataFrame(
        {
            c: pd.Series(
                dtype=np.float64
                if c in floats
                else "Int64"
                if c == "perubahan_peringkat_maks"
                else np.int64
                if c in integers
                else bool
                if c in BOOLEAN_COLUMNS
                else object
            )
            for c in COLUMNS
        }
    )


def _group_rows(kategori: str, kelompok: str, means: pd.DataFrame) -> pd.DataFrame:
    """One group's rows: W and ICC(2,k) of the finalists x jurors matrix of aspect means, and each juror's agreement."""
    matrix = means.pivot(index="id_peserta", columns="juri", values="nilai")
    values = matrix.to_numpy(dtype=np.float64)
    icc, low, high = icc2k(values)
    deviasi, korelasi, dinilai = juror_agreement(values)
    return pd.DataFrame(
        {
            "kategori": kategori,
            "kode_provinsi": kelompok,
            "juri": matrix.columns.to_numpy(dtype=object),
            "kendall_w": kendalls_w(values),
            "icc2k": icc,
            "icc2k_lo": low,
            "icc2k_hi": high,
            "deviasi": deviasi,
            "korelasi": korelasi,
            "jumlah_finalis": values.shape[0],
            "jumlah_juri": values.shape[1],
            "jumlah_dinilai": dinilai.astype(np.int64),
        }
    )


def jury_reliability(
    season: Season, methodology: Methodology, scores: SeasonScores, provinces: Collection[str] | None = None
) -> pd.DataFrame:
    """One row per juror per ranking group with interviews (columns COLUMNS), ordered by category, group, juror.

    `scores` is `score_season(season, methodology)` over every province (national and zone groups are whole);
    `provinces` keeps the groups holding a participant of those provinces. W and ICC(2,k) (repeated on each
    row of the group) are computed on each juror's mean over the aspects they scored for each finalist;
    `kode_provinsi` is the group (its kelompok: a province code, `nasional` or a zone). A juror is flagged
    (`ditandai`, reasons in `alasan_tanda`) when |deviasi| > DEVIASI_MAKS, korelasi < KORELASI_MIN or the
    podium changes without them (never for a group's only juror: without them there is no score at all, so
    their `perubahan_peringkat_maks` is missing and `podium_berubah` false).

    Parameters
    ----------
    season : Season
        The validated season (`read_season`): its ``wawancara`` table holds the jurors' scores.
    methodology : Methodology
        The methodology the season is scored with (`load_methodology`).
    scores : SeasonScores
        ``score_season(season, methodology)`` over every province.
    provinces : collection of str, optional
        Provinces of the season, each a code or short name: keep the groups holding a participant of
        these provinces (their national and zone groups too); None keeps every group.

    Returns
    -------
    pandas.DataFrame
        One row per juror per ranking group with interviews, columns COLUMNS: Kendall's W and
        ICC(2,k) with its 95 % interval (the same on every row of a group), and the juror's
        ``deviasi``, ``korelasi``, rank changes without them and flags. Empty (with these columns)
        when no group has interviews.

    Raises
    ------
    UnknownProvince
        When one of `provinces` is not a province of the season (`Season.province_codes`).

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> from paritrana_nb.methodology import load_methodology
    >>> from paritrana_nb.engine import score_season
    >>> from paritrana_nb.reliability import jury_reliability
    >>> season = read_season(2025, "data")
    >>> methodology = load_methodology("params/2025/metodologi.yaml")
    >>> table = jury_reliability(season, methodology, score_season(season, methodology), provinces=["61"])
    >>> table[["kategori", "kode_provinsi"]].drop_duplicates().to_dict("records")[-1]
    {'kategori': 'pemprov', 'kode_provinsi': 'Kalimantan'}
    >>> round(float(table.loc[table["kategori"] == "pemda", "kendall_w"].iloc[0]), 2)
    0.83
    """
    codes = None if provinces is None else season.province_codes(provinces)
    finalists = _finalists(scores, methodology)
    if codes is not None:
        peserta = scores.peserta
        kept = peserta.loc[peserta["kode_provinsi"].isin(codes), GROUP].drop_duplicates()
        finalists = finalists.merge(kept, on=GROUP)
    interviews = _interviews(season, methodology, finalists)
    if interviews.empty:
        return _empty()
    keys = [*GROUP, "id_peserta", "juri"]
    ordered = interviews.sort_values(keys, kind="stable")
    groups = ordered.groupby(keys, sort=False)  # in sorted order: `ordered` is
    means = groups.size().reset_index()[keys]
    # exact means (as the interview scores'): pandas' grouped mean of the same values changes in its last digits
    # with the number of groups in the frame, so a group's figures would depend on the other groups of the file
    means["nilai"] = jury.run_means(ordered["nilai"].to_numpy(dtype=np.float64), groups.ngroup())
    frames = []
    for kategori in methodology.categories():
        for kelompok, part in means[means["kategori"] == kategori].groupby("kelompok", sort=True):
            frames.append(_group_rows(kategori, str(kelompok), part))
    out = pd.concat(frames, ignore_index=True)
    moves = _leave_one_out(interviews, finalists, methodology).rename(columns={"kelompok": "kode_provinsi"})
    out = out.merge(moves, on=["kategori", "kode_provinsi", "juri"], how="left", sort=False)
    tests = (out["deviasi"].abs() > DEVIASI_MAKS, out["korelasi"] < KORELASI_MIN, out["podium_berubah"])
    reasons = pd.DataFrame(dict(zip(FLAG_REASONS, tests, strict=True)))
    out["ditandai"] = reasons.any(axis=1)
    out["alasan_tanda"] = [
        ("; ".join(c for c in reasons.columns if flags[c]) or None) for flags in reasons.to_dict("records")
    ]
    return out[list(COLUMNS)]


def csv_text(table: pd.DataFrame) -> str:
    """`jury_reliability`'s table as plain CSV, like engine.csv_text: dot decimals at full precision,
    booleans `true`/`false`, empty cells for missing values, Unix line ends."""
    return table_csv_text(table, BOOLEAN_COLUMNS)


def write_reliability_csv(table: pd.DataFrame, path: Path | str) -> Path:
    """Write `csv_text(table)` to `path` atomically (temporary file in the same folder, then rename)."""
    path = Path(path)
    write_atomic(path, csv_text(table))
    return path
