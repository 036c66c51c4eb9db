"""One participant of a prepared season as the plain values its card template shows, in the reader's language.

Numbers are formatted here (formatting.py), sentences come from the message files; the template only places
them. `CardColumns` takes the columns of many participants out of pandas at once, so that building a card is
list indexing, not a pandas lookup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .. import formatting
from ..engine import TANPA_INDIKATOR_BERLAKU
from ..gaps import steps
from ..messages import Num, isolate, t
from ..methodology import Category
from ..palette import HATCHES, INTERVIEW_COLOUR, PALETTE
from ..ranking import TAHAP_WAWANCARA, stage_key
from ..registry import NATIONAL
from .data import CardSeason

#: The score CSV's columns every card's JSON block carries (with `nama`, the interval and last season).
JSON_COLUMNS: tuple[str, ...] = (
    "musim",
    "kategori",
    "kelompok",
    "kode_provinsi",
    "id_peserta",
    "nama",
    "tahap",
    "finalis",
    "usulan_shortlist",
    "dinilai",
    "peringkat",
    "skor_dokumen",
    "skor_wawancara",
    "skor_akhir",
)
_UNSCORED = {TANPA_INDIKATOR_BERLAKU: "rapor.unscored_no_indicator"}
_ACTION_FIELDS = ("kolom", "nilai_sekarang", "nilai_dibutuhkan", "cukup", "alasan", "target_nama", "iuran_rp_per_tahun")
#: The width of the indicator charts' 0-100 scale (SVG user units).
SCALE = 100
#: At most this many data-quality warnings are listed on a card; the rest are counted.
WARNINGS_SHOWN = 5


def _plain(value: object) -> object:
    """A value for JSON: None for missing, Python numbers and booleans."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _int(value: object) -> int | None:
    plain = _plain(value)
    return None if plain is None else int(plain)  # type: ignore[call-overload]  # a number or None: the view's cells


def _value(value: float) -> float | None:
    """A float of a `tolist()` row for JSON: None for NaN."""
    return None if value != value else value


class Texts:
    """The messages of one language; a message is made once for each set of fields (cards repeat them: the
    group's name, rank of N, the not-applicable reasons)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._made: Callable[[str, tuple[tuple[str, object], ...]], str] = lru_cache(maxsize=1 << 14)(
            lambda key, fields: t(key, lang, **dict(fields))
        )

    def __call__(self, key: str, **fields: object) -> str:
        return self._made(key, tuple(fields.items()))

    def number(self, value: object, decimals: int = 0) -> str:
        plain = _plain(value)  # a number: the view's cells
        shown = plain if plain is None else formatting.unsigned_zero(plain, decimals)  # type: ignore[arg-type]
        return formatting.number(shown, self.lang, decimals)


@dataclass(frozen=True)
class CardColumns:
    """The columns of the participants at `positions` (of `CardSeason.peserta`) as Python lists, and each one's
    rows of `CardSeason.actions` (the fields describe_action reads)."""

    positions: Sequence[int]
    column: dict[str, list[Any]]
    actions: list[list[dict[str, Any]]]

    @classmethod
    def of(cls, cards: CardSeason, positions: Sequence[int] | np.ndarray) -> CardColumns:
        peserta = cards.peserta.iloc[np.asarray(positions, dtype=np.int64)]
        names = (
            *JSON_COLUMNS,
            "jumlah",
            "peringkat_bersama",
            "peringkat_p05",
            "peringkat_p95",
            "peringkat_median",
            "seri_statistik",
            "alasan_tidak_dinilai",
            "wilayah_nama",
            "blok",
            "baris_blok",
            "kelompok_lalu",
            "peringkat_lalu",
            "skor_lalu",
            "skor_peringkat",
        )
        values = {name: peserta[name].astype(object).where(peserta[name].notna(), None).tolist() for name in names}
        actions = cards.actions
        keys = pd.MultiIndex.from_frame(peserta[["kategori", "id_peserta"]])
        first = pd.MultiIndex.from_frame(actions[["kategori", "id_peserta"]])
        starts = pd.Series(np.arange(len(actions)), index=first)
        starts = starts[~starts.index.duplicated()]
        start = starts.reindex(keys).to_numpy(dtype=np.float64)
        count = pd.Series(1, index=first).groupby(level=[0, 1]).sum().reindex(keys).to_numpy(dtype=np.float64)
        start = np.nan_to_num(start, nan=0).astype(np.int64)
        count = np.nan_to_num(count, nan=0).astype(np.int64)
        rows = np.repeat(start, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        records: list[dict[str, Any]] = actions.iloc[rows][list(_ACTION_FIELDS)].to_dict("records")  # type: ignore[assignment]  # column names are str
        ends = np.cumsum(count).tolist()
        return cls(
            list(positions), values, [records[end - c : end] for end, c in zip(ends, count.tolist(), strict=True)]
        )


def _bar(n: float, median: float, pertama: float) -> dict[str, str | None]:
    """The chart of one indicator: the participant's normalised value, the group's median and first place."""

    def x(value: float) -> str | None:
        return None if value != value else f"{min(max(value, 0.0), SCALE):.1f}"

    return {"n": x(n), "median": x(median), "pertama": x(pertama)}


def group_label(cards: CardSeason, kelompok: str, text: Texts) -> str:
    """A ranking group in words: the province's name, national, or the zone (`group_words`)."""
    return group_words(kelompok, cards.region_names, text)


def group_words(kelompok: str, region_names: Mapping[str, str], text: Callable[..., str]) -> str:
    """A ranking group in words, as its cards and their index page name it: the province's name (from
    `region_names`, code -> name), national, or the zone, the name isolated for bidirectional text
    (messages.isolate: a page's text); `text(key, **fields)` a message in the page's language."""
    if kelompok == NATIONAL:
        return text("rapor.group_national")
    name = region_names.get(kelompok)
    if name:
        return text("rapor.group_province", name=isolate(name))
    return text("rapor.group_zone", zone=isolate(kelompok))


def _change(now: int | None, before: int | None, other_group: str | None, text: Texts) -> str:
    """The rank change in words; "" without both ranks. `other_group`: last season's ranking group in words when it
    was another one (another zone, or a category then ranked otherwise), said instead of a change of rank."""
    if now is None or before is None:
        return ""
    if other_group is not None:
        return text("rapor.change_other_group", group=other_group)
    if now < before:
        return text("rapor.change_up", count=before - now)
    if now > before:
        return text("rapor.change_down", count=now - before)
    return text("rapor.change_same")


def _rank_text(rank: int | None, total: int, shared: int, text: Texts) -> str:
    """The rank in words, "Rank 3 of 4", saying how many others of the group hold it where it is shared; "" unranked."""
    if rank is None:
        return ""
    if shared:
        return text("rapor.rank_of_shared", rank=rank, total=total, count=shared)
    return text("rapor.rank_of", rank=rank, total=total)


def _interval_text(p05: int | None, p95: int | None, text: Texts) -> str:
    """The 90 % rank interval in words: "between 2 and 4", or the one rank when both ends are equal."""
    if p05 is None or p95 is None:
        return ""
    return text("rapor.interval_one", rank=p05) if p05 == p95 else text("rapor.interval", p05=p05, p95=p95)


def _stage_note(v: Mapping[str, Any], category: Category, text: Texts) -> str:
    """What its group's stage means for its rank: at the desk stage (the last one of a category that weighs no
    interview), whether it is on the proposed shortlist, as the report's ranking table marks it; where a reader would
    take it for an error: not interviewed in a group that was, it ranks below the finalists whatever its score (the
    stage says "after interviews" of the whole group); a finalist of a category that weighs no interview, its interview
    score counts for nothing (W_JURY_UNWEIGHTED)."""
    if not v["dinilai"]:
        return ""
    if v["tahap"] != TAHAP_WAWANCARA:
        on = "rapor.shortlist_on" if v["usulan_shortlist"] else "rapor.shortlist_off"
        return text(on, size=Num(category.shortlist_size))
    if not v["finalis"]:
        return text("rapor.not_interviewed")
    return "" if category.weighs_interview else text("rapor.interview_unweighted")


#: The prefix of a card's pattern ids (`url(#p-<i>)`): a card is a page of its own, whose score bar defines them.
PATTERN_IDS = "p"


def _fill(j: int, colour: str, patterns: list[dict[str, str]]) -> str:
    """How the j-th part of a card's score bar and its swatch are painted: in `colour`, crossed by the part's hatch
    (palette.HATCHES, as the report's chart and the explorer draw part j) where it has one, a pattern then added to
    `patterns` (which the score bar defines), so that no part is told by its colour alone."""
    hatch = HATCHES[j % len(HATCHES)]
    if not hatch:
        return colour
    patterns.append({"colour": colour, "hatch": hatch})
    return f"url(#{PATTERN_IDS}-{len(patterns) - 1})"


@lru_cache(maxsize=1 << 10)
def _shares(weights: tuple[float, ...]) -> tuple[float, ...]:
    """`formatting.shares` at whole percents, once per set of weights (the cards of a category repeat them)."""
    return tuple(formatting.shares(weights, 0))


def _points_legend(category: Category, text: Texts) -> str:
    """The indicator table's legend for a card whose points add up to a final score: the stage weights by which its
    parts are made, in whole percents adding up to 100 (`_shares`)."""
    desk, interview = _shares((category.stage_weights.dokumen, category.stage_weights.wawancara))
    return text(
        "rapor.chart_legend_final",
        desk=formatting.percent(desk, text.lang, 0),
        interview=formatting.percent(interview, text.lang, 0),
    )


def card_view(cards: CardSeason, columns: CardColumns, i: int, text: Texts) -> dict[str, Any]:
    """The values the card of participant `columns.positions[i]` shows, and its `data` (the JSON block)."""
    v = {name: column[i] for name, column in columns.column.items()}
    methodology = cards.methodology
    category = methodology.kategori[v["kategori"]]
    lang = text.lang
    peringkat, lalu = _int(v["peringkat"]), _int(v["peringkat_lalu"])
    shown: list[dict[str, Any]] = []
    parts: list[dict[str, Any]] = []
    patterns: list[dict[str, str]] = []
    absent: list[dict[str, str]] = []
    desk_share = category.stage_weights.dokumen if v["finalis"] else 1.0
    # the interview is a part of the score where it counts in it: a finalist's, in a category that weighs it
    interview_part = bool(v["finalis"]) and category.weighs_interview
    interview = category.stage_weights.wawancara * float(v["skor_wawancara"]) if interview_part else math.nan
    poin_wawancara = math.nan
    indicator_data: dict[str, dict[str, object]] = {}
    firsts = lalu_musim = None
    if v["blok"] is not None and v["blok"] >= 0:
        block = cards.blocks[v["blok"]]
        r = v["baris_blok"]
        firsts, lalu_musim = int(block.pertama_jumlah[r]), int(block.lalu_musim[r]) or None
        nilai, lalu_nilai, n = block.nilai[r].tolist(), block.nilai_lalu[r].tolist(), block.n[r].tolist()
        bobot, kontribusi = block.bobot[r].tolist(), block.kontribusi[r].tolist()
        berlaku, alasan = block.berlaku[r].tolist(), block.alasan[r].tolist()
        median, pertama = block.median[r].tolist(), block.pertama[r].tolist()
        applies = [j for j in range(len(category.indicators)) if berlaku[j]]
        # shown so that the weights add up to 100 % and the points to the score ranked by as shown (largest
        # remainders): the parts of the report's score breakdown, by the same function (skor_peringkat None: not scored)
        bobot_shown = dict(zip(applies, _shares(tuple(bobot[j] for j in applies)), strict=True))
        *poin, poin_wawancara = formatting.score_parts(
            [*(desk_share * k if b else math.nan for k, b in zip(kontribusi, berlaku, strict=True)), interview],
            v["skor_peringkat"],
        )
        for j, spec in enumerate(category.indicators):
            label = getattr(spec.label, lang)
            indicator_data[spec.id] = {
                "nilai": _value(nilai[j]),
                "nilai_lalu": _value(lalu_nilai[j]),
                "n": _value(n[j]),
                "kontribusi": _value(kontribusi[j]),
                "median": _value(median[j]),
                "pertama": _value(pertama[j]),
            }
            part = {"label": label, "colour": PALETTE[j % len(PALETTE)], "value": desk_share * kontribusi[j]}
            parts.append(part)
            if not berlaku[j]:
                absent.append({"label": label, "reason": text(f"reason.{alasan[j]}")})
                continue
            part["fill"] = _fill(j, part["colour"], patterns)
            shown.append(
                {
                    "label": label,
                    "fill": part["fill"],  # its part's colour and hatch in the score bar
                    "t": text.number(nilai[j], 2),
                    "t1": text.number(lalu_nilai[j], 2),
                    "n": text.number(n[j], 2),  # the year's value's precision: 45,99 never beside 46,0
                    "bobot": formatting.percent(bobot_shown[j], lang, 0),
                    "poin": text.number(poin[j], 2),
                    "bar": _bar(n[j], median[j], pertama[j]),
                    # the chart in words, for a screen reader: its lines carry the group's median and first place,
                    # which no other part of the page writes
                    "bar_label": text(
                        "rapor.bar_label",
                        value=text.number(n[j], 2),
                        median=text.number(median[j], 2),
                        first=text.number(pertama[j], 2),
                    ),
                }
            )
    p05, p95 = _int(v["peringkat_p05"]), _int(v["peringkat_p95"])
    aspect_data = cards.aspek.get((str(v["kategori"]), str(v["id_peserta"])), {})  # empty unless interviewed
    aspects = [
        {"label": name, "skor": text.number(aspect_data.get(aspek), 2)}
        for aspek, name in (category.aspect_labels(lang).items() if aspect_data else ())
    ]
    interview_fill = None
    if interview_part:  # after the indicators, as the report's chart and the explorer draw it
        interview_fill = _fill(len(category.indicators), INTERVIEW_COLOUR, patterns)
        parts.append(
            {
                "label": text("report.part_interview"),
                "colour": INTERVIEW_COLOUR,
                "fill": interview_fill,
                "value": interview,
            }
        )
    data = {name: _plain(v[name]) for name in JSON_COLUMNS}
    data |= {
        "peringkat_dari": _int(v["jumlah"]),
        "peringkat_bersama": _int(v["peringkat_bersama"]),
        "peringkat_p05": p05,
        "peringkat_p95": p95,
        "undian": cards.draws,  # how the interval was drawn, as the footer says: the JSON alone can be drawn again
        "seed": cards.seed,
        "seri_statistik": _plain(v["seri_statistik"]),
        "musim_lalu": cards.musim_lalu,
        "peringkat_lalu": lalu,
        "skor_lalu": _plain(v["skor_lalu"]),
        "nilai_lalu_musim": lalu_musim,
        "jumlah_pertama": firsts,
        "indikator": indicator_data,
        "aspek": {aspek: _value(mean) for aspek, mean in aspect_data.items()},
        # a finalist's points are its desk score's times the desk stage's weight (and its interview score's times the
        # interview's): those weights, by which its final score is made; None for anyone ranked by its desk score
        "bobot_tahap": {"dokumen": category.stage_weights.dokumen, "wawancara": category.stage_weights.wawancara}
        if v["finalis"]
        else None,
    }
    unscored = None
    if not v["dinilai"]:
        unscored = text(_UNSCORED.get(str(v["alasan_tidak_dinilai"]), "report.not_scored"))
    problems = cards.warnings.get(str(v["id_peserta"]), ())
    warnings = [problem.message(lang, isolated=True) for problem in problems[:WARNINGS_SHOWN]]
    if len(problems) > WARNINGS_SHOWN:
        warnings.append(text("rapor.warnings_more", count=len(problems) - WARNINGS_SHOWN))
    return {
        "nama": v["nama"],
        "id_peserta": v["id_peserta"],
        "kategori": getattr(category.label, lang),
        "kelompok": group_label(cards, str(v["kelompok"]), text),
        "wilayah": v["wilayah_nama"],
        "tahap": text(stage_key(str(v["tahap"]), category)),
        "finalis": bool(v["finalis"]),
        # the interview and final scores where its group was interviewed (at the desk stage there are none, as the
        # report's ranking table shows none), the interview's colour where it is a part of the score bar
        "wawancara": v["tahap"] == TAHAP_WAWANCARA,
        "bagian_wawancara": interview_part,
        "isi_wawancara": interview_fill,  # its colour and hatch in the score bar
        "stage_note": _stage_note(v, category, text),
        "unscored": unscored,
        "peringkat": peringkat,
        "rank": _rank_text(peringkat, int(v["jumlah"]), int(v["peringkat_bersama"]), text),
        "jumlah": int(v["jumlah"]),
        "p05": p05,
        "p95": p95,
        "median": _int(v["peringkat_median"]),
        "interval_text": _interval_text(p05, p95, text),
        # NaN (not applicable): no part; an unscored participant has no score to break down
        "bagian": [part for part in parts if part["value"] == part["value"]] if v["dinilai"] else [],
        "bagian_label": text("rapor.breakdown", score=text.number(v["skor_peringkat"], 2)),
        "pola": patterns,  # the patterns its parts are filled with (`_fill`), which the score bar defines
        "pola_ids": PATTERN_IDS,
        # the interview's points, a row under the indicators' (None where it is no part of the score), and what the
        # points add up to
        "poin_wawancara": text.number(poin_wawancara, 2) if interview_part else None,
        "legenda_poin": _points_legend(category, text) if interview_part else text("rapor.chart_legend"),
        "seri": data["seri_statistik"],
        "skor_dokumen": text.number(v["skor_dokumen"], 2),
        "skor_wawancara": text.number(v["skor_wawancara"], 2),
        "skor_akhir": text.number(v["skor_akhir"], 2),
        "aspek": aspects,  # the jury's mean of each aspect, by its label, for an interviewed finalist
        "lalu": None
        if cards.musim_lalu is None
        else {
            "musim": cards.musim_lalu,
            "ikut": v["kelompok_lalu"] is not None,  # in last season's score table in this category (ranked or not)
            "peringkat": lalu,
            "skor": text.number(v["skor_lalu"], 2),
            "perubahan": _change(
                peringkat,
                lalu,
                None
                if v["kelompok_lalu"] in (None, v["kelompok"])
                else group_label(cards, str(v["kelompok_lalu"]), text),
                text,
            ),
            # a change of rank that mixes a change of methodology (report.scored_otherwise)
            "metode": text("report.scored_otherwise", musim=cards.musim_lalu, keys=", ".join(otherwise))
            if lalu is not None and (otherwise := cards.scored_otherwise.get(str(v["kategori"])))
            else "",
        },
        "indikator": shown,
        # a T-1 row from last season's files, not this season's: said under the table
        "lalu_dari": text("rapor.previous_year_from", year=cards.season.tahun - 1, musim=lalu_musim)
        if lalu_musim is not None and lalu_musim != cards.season.musim
        else "",
        "pertama_bersama": text("rapor.first_shared", count=firsts) if firsts is not None and firsts > 1 else "",
        "tidak_berlaku": absent,
        "langkah": steps(columns.actions[i], lang),
        "peringatan": warnings,
        "data": data,
    }
