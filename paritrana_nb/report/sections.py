"""Report parts shared by the province and national reports: header, ranking table, methodology, footer.

Each function prepares one part as data (the dataclasses below, tables of `report/tables.py`, charts of
`report/charts.py`); the templates `report_parts.html.j2` and `macros.html.j2` present them, escaping every
text. Labels come from the message catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from ..compare import change_labels
from ..formatting import exact, number, percent, rupiah, score, score_parts, shares
from ..indicators import TIDAK_BERLAKU
from ..messages import Num, Ref, isolate, t
from ..methodology import Award, Category, proposal_banner
from ..problems import KEEP_PER_KIND, SHOWN_PER_KIND, by_file, shown_file
from ..ranking import PODIUM, TAHAP_DOKUMEN, desk_only, stage_key
from ..rapor.paths import card_link, page_name
from ..regions import PROVINCE_NAMES
from ..registry import NATIONAL, file_name
from ..schema import PARTICIPANT_TABLES
from ..season import SEASON_META
from ..templating import render
from .analysis import detailed
from .charts import Chart, contribution_chart, with_data
from .context import ReportContext
from .links import other_languages, scope_key
from .quality import in_row_order
from .tables import Table, table


@dataclass(frozen=True)
class Titled:
    """A sub-titled part: a note, then a chart and/or a table, then a closing note."""

    title: str
    note: str = ""
    table: Table | None = None
    chart: Chart | None = None
    after: str = ""


@dataclass(frozen=True)
class Headed:
    """One list line: a bold `head`, then `joiner` and `text`."""

    head: str
    text: str
    joiner: str = ": "


@dataclass(frozen=True)
class Ranking:
    """A ranking table and, when rows are hidden, the note saying how many and where the full list is; `full_list`:
    the file holding it, which the note links (beside a report of `paritrana run`), or "" (named in `hidden`);
    `printed`: the note a printed page gives instead of the link, naming the file and where it is ("" for `hidden`)."""

    table: Table
    hidden: str = ""
    full_list: str = ""
    printed: str = ""


@dataclass(frozen=True)
class CategorySection:
    """One category (or ranking group) of a report: title, stage, note, ranking, breakdown, jury."""

    title: str
    stage: str
    note: str
    ranking: Ranking
    contributions: Titled | None
    jury: Titled | None


@dataclass(frozen=True)
class FileWarnings:
    """One file's warnings in a report: its name (problems.shown_file), each listed warning as (the participant its
    row is about, or None; its text with its place, as `paritrana validate` words it, isolated), then how many more of
    a kind are not listed."""

    file: str
    notes: tuple[tuple[str | None, str], ...]
    more: tuple[str, ...]


@dataclass(frozen=True)
class Warnings:
    """The validation warnings a report concerns, by file as `paritrana validate` lists them."""

    intro: str
    files: tuple[FileWarnings, ...]
    not_kept: str = ""


@dataclass(frozen=True)
class MethodologyCategory:
    title: str
    table: Table
    note: str


@dataclass(frozen=True)
class Methodology:
    """The methodology appendix: its intro, one table per category, the special awards' rules."""

    title: str
    intro: str
    note: str
    categories: tuple[MethodologyCategory, ...]
    awards_title: str
    awards: tuple[Headed, ...]


@dataclass(frozen=True)
class Footer:
    """What the `footer` macro shows: the illustrative banner (or ""), text lines, (file, sha256) pairs."""

    banner: str
    lines: tuple[str, ...]
    files: tuple[tuple[str, str], ...] = ()


def label(context: ReportContext, kategori: str, lang: str) -> str:
    """A category's label in the report's language, from the methodology."""
    category = context.methodology.kategori.get(kategori)
    return getattr(category.label, lang) if category else kategori


def report_categories(context: ReportContext) -> list[str]:
    """The categories a report is about, in methodology order: those ranked within a province in a province
    report, those ranked nationally or by zone in the national report."""
    national = context.scope == NATIONAL
    return [k for k, c in context.methodology.kategori.items() if c.provincial != national]


def held_categories(context: ReportContext) -> list[str]:
    """The report's categories that have participants in its scores."""
    held = set(context.scores.peserta["kategori"].unique())
    return [k for k in report_categories(context) if k in held]


def ranking_groups(context: ReportContext, kategori: str) -> Iterator[pd.DataFrame]:
    """The participants of each ranking group of one category in the report, group by group."""
    peserta = context.scores.peserta
    mine = peserta[peserta["kategori"] == kategori]
    for _, group in mine.groupby("kelompok", sort=True):
        yield group


def group_title(context: ReportContext, kategori: str, peserta: pd.DataFrame, lang: str) -> str:
    """The category's label, and its group's name (isolated for bidirectional text) when the group is a zone."""
    title = label(context, kategori, lang)
    if context.methodology.kategori[kategori].kelompok == "zona" and len(peserta):
        title += " — " + t("report.zone", lang, zone=isolate(str(peserta["kelompok"].iloc[0])))
    return title


def province_name(context: ReportContext, code: str) -> str:
    """A province's name from the season's wilayah table (or the national list)."""
    names = context.season.region_names()
    return names.get(code, PROVINCE_NAMES.get(code, code))


def banner(context: ReportContext, lang: str) -> str:
    """The illustrative-data banner's text, when the season declares itself illustrative ("" otherwise)."""
    return t("report.illustrative_banner", lang) if context.season.illustrative else ""


def proposal(context: ReportContext, lang: str) -> str:
    """The banner of a report scored with another methodology file than the season's own ("" otherwise)."""
    return proposal_banner(context.methodology_file, context.season.musim, lang)


def header(context: ReportContext, lang: str, title: str, intro: str) -> str:
    """A report's header: the way back to its season's index (beside it, written by the same run; none for a report
    no run writes, a notebook run by hand, whose page is saved where no index is), the same report in the other
    language where an earlier run left it beside this one (links.other_languages), `title`, the illustrative-data and
    proposal banners, and `intro`."""
    return render(
        "report_header.html.j2",
        lang,
        title=title,
        banner=banner(context, lang),
        proposal=proposal(context, lang),
        intro=intro,
        index=page_name("index", lang) if context.cards is not None else "",
        languages=other_languages(context.cards, scope_key(context.scope), lang),
    )


def stage_text(context: ReportContext, kategori: str, tahap: str, lang: str) -> str:
    """A ranking group's stage in words (ranking.stage_key)."""
    return t(stage_key(tahap, context.methodology.kategori[kategori]), lang)


def stage_note(context: ReportContext, kategori: str, peserta: pd.DataFrame, lang: str) -> str:
    """What one ranking group's stage means for its ranks: before the interviews, the shortlist its desk score
    proposes; in a category that weighs no interview, that its desk score alone ranks it, or, where wawancara.csv
    scored some of it all the same (W_JURY_UNWEIGHTED), that those rank first while their interview scores count for
    nothing; after interviews that count, nothing."""
    category = context.methodology.kategori[kategori]
    tahap = str(peserta["tahap"].iloc[0])
    if desk_only(tahap, category):
        return t("report.desk_only_note", lang)
    if tahap == TAHAP_DOKUMEN:
        return t("report.desk_stage_note", lang, size=Num(category.shortlist_size))
    if not category.weighs_interview:
        count = Num(int(peserta["finalis"].astype(bool).sum()))
        wawancara = file_name(context.season, "wawancara")
        return t("report.unweighted_interview_note", lang, count=count, wawancara=wawancara)
    return ""


def podium(peserta: pd.DataFrame, places: int = PODIUM) -> list[tuple[int, str, float]]:
    """(rank, name, score ranked by) of the first `places` ranks of one ranking group."""
    ranked = peserta[peserta["peringkat"].notna() & (peserta["peringkat"] <= places)]
    return [(int(r["peringkat"]), str(r["nama"]), float(r["skor_peringkat"])) for _, r in ranked.iterrows()]


def shared_rank(peserta: pd.DataFrame) -> pd.Series:
    """Per participant, whether another participant of its ranking group holds the same rank (equal scores rank
    equal: ranking.py)."""
    return peserta.duplicated(["kategori", "kelompok", "peringkat"], keep=False) & peserta["peringkat"].notna()


def award_value(context: ReportContext, award: Award, value: float, lang: str) -> str:
    """A special award's value as its source reads: a score for an aspect, the column's unit for a column."""
    kind, name = award.aturan.source()
    if kind == "aspek":
        return score(value, lang)
    if kind == "kolom":
        column = PARTICIPANT_TABLES[context.methodology.kategori[award.kategori].peserta.tabel].table.column(name)
        return {"money": rupiah, "percent": percent}.get(column.kind, number)(value, lang)
    return number(value, lang, 2)


def award_rule(award: Award, category: Category, lang: str) -> str:
    """An award's rule in words: "ucj ≥ 100", "terbesar (1) anggaran_iuran_apbd_rp per kelompok", ...; an aspect
    by its label in `lang` (of `category`, the award's)."""
    kind, name = award.aturan.source()
    if kind == "aspek":
        name = category.aspect_labels(lang).get(name, name)
    condition, limit = award.aturan.condition()
    return t(
        f"report.award_rule_{condition}",
        lang,
        source=t(f"report.award_source_{kind}", lang, name=name),
        limit=number(limit, lang, 2 if condition in ("minimal", "maksimal") else 0),
        count=limit,  # how many win (terbesar, terkecil): "the largest value" or "the 3 largest values"
    )


def special_awards(context: ReportContext, lang: str) -> list[Headed]:
    """Every special award of the report's categories and who gets it (with the value that earned it); of an award on
    an interview aspect of a category that weighs no interview, that its interview scores count for nothing
    (W_AWARD_UNWEIGHTED); of one on an aspect of a category nobody in the report was interviewed in, that it is not
    given yet."""
    categories = report_categories(context)
    table = context.scores.penghargaan
    peserta = context.scores.peserta
    interviewed = set(peserta.loc[peserta["finalis"].astype(bool), "kategori"])  # categories with a finalist
    items = []
    for award in context.methodology.penghargaan_khusus:
        if award.kategori not in categories:
            continue
        won = table[table["penghargaan"] == award.id]
        names = ", ".join(
            f"{isolate(nama)} ({award_value(context, award, nilai, lang)})"
            for nama, nilai in won[["nama", "nilai"]].itertuples(index=False, name=None)
        ) or t("report.none", lang)
        on_aspect = award.aturan.source()[0] == "aspek"
        if on_aspect and not context.methodology.kategori[award.kategori].weighs_interview:
            names = t("report.award_unweighted", lang, winners=names)
        elif on_aspect and award.kategori not in interviewed:
            names = t("report.award_no_interviews", lang)  # nobody to judge yet, not nobody good enough
        items.append(Headed(f"{getattr(award.label, lang)} ({label(context, award.kategori, lang)})", names))
    return items


def warnings(context: ReportContext, lang: str) -> Warnings | None:
    """The report's validation warnings (`context.problems`, the national report's with the kinds only counted,
    `context.omitted`) grouped by file as `paritrana validate` lists them, at most SHOWN_PER_KIND of a kind per file,
    each headed by the participant its row is about (`context.participants`); None when there is none."""
    if not context.problems:
        return None
    files = []
    for group in by_file(in_row_order(context.problems), SHOWN_PER_KIND, context.omitted):
        notes = tuple(
            (None if p.row is None else context.participants.get((p.file, p.row)), p.message(lang, isolated=True))
            for p in group.shown
        )
        files.append(FileWarnings(shown_file(group.file), notes, tuple(group.more_lines(lang))))
    key = "report.warnings_intro_national" if context.scope == NATIONAL else "report.warnings_intro_province"
    not_kept = t("summary.not_kept", lang, kept=KEEP_PER_KIND) if context.omitted else ""
    return Warnings(t(key, lang, limit=SHOWN_PER_KIND), tuple(files), not_kept)


def not_applicable_counts(indikator: pd.DataFrame) -> tuple[int, int]:
    """How many indicator values of `indikator` did not apply for want of data (a zero denominator, an empty cell, no
    value of last year) and how many the methodology leaves out (`tidak_berlaku_untuk`: an indicator not applied to
    kelurahan)."""
    off = ~indikator["berlaku"].to_numpy(dtype=bool)
    excluded = off & indikator["alasan"].astype(object).fillna("").str.startswith(TIDAK_BERLAKU_PREFIX).to_numpy()
    return int(off.sum() - excluded.sum()), int(excluded.sum())


TIDAK_BERLAKU_PREFIX = TIDAK_BERLAKU.format("")
"""The start of every reason code of an indicator the methodology does not apply to a participant."""


def not_applicable_note(context: ReportContext, kategori: str, lang: str) -> dict[str, str]:
    """Per participant, the indicators that did not apply and why (in words)."""
    frame = context.scores.indikator
    frame = frame[(frame["kategori"] == kategori) & ~frame["berlaku"].astype(bool)]
    labels = {i.id: getattr(i.label, lang) for i in context.methodology.kategori[kategori].indicators}
    notes: dict[str, list[str]] = {}
    for participant, indicator, why in frame[["id_peserta", "indikator", "alasan"]].itertuples(index=False, name=None):
        notes.setdefault(participant, []).append(f"{labels.get(indicator, indicator)}: {t(f'reason.{why}', lang)}")
    return {k: "; ".join(v) for k, v in notes.items()}


MAX_TABLE_ROWS = 60


def ranking_table(
    context: ReportContext, kategori: str, peserta: pd.DataFrame, lang: str, full_list: str | None = None
) -> Ranking:
    """Rank, name, id, desk, interview and final score, finalist/shortlist mark and notes (at the desk stage no
    interview nor final score).

    Large groups show every finalist and the first MAX_TABLE_ROWS ranks; the note names the file
    with the full list (the page must stay small enough to open on a phone), and links it in a report of
    `paritrana run`, which writes the file beside the report (`context.cards`).
    """
    desk_stage = (peserta["tahap"] == TAHAP_DOKUMEN).all()
    peserta = peserta.assign(bersama=shared_rank(peserta))  # of the whole group, before rows are hidden
    hidden = 0
    if len(peserta) > MAX_TABLE_ROWS:
        keep = peserta["finalis"].astype(bool) | (peserta.reset_index(drop=True).index < MAX_TABLE_ROWS)
        hidden = int((~keep).sum())
        peserta = peserta[keep.to_numpy()]
    notes = not_applicable_note(context, kategori, lang)
    columns = [
        (t("report.col_rank", lang), "rank"),
        (t("report.col_name", lang), "link"),
        (t("report.col_id", lang), "text"),
        (t("report.col_desk", lang), "score"),
    ]
    if not desk_stage:
        columns += [
            (t("report.col_interview", lang), "score"),
            (t("report.col_final", lang), "score"),
            (t("report.col_finalist", lang), "bool"),
        ]
    else:
        columns += [(t("report.col_shortlist", lang), "bool")]
    compared = context.perubahan is not None
    if compared:
        columns += [(t("report.col_change", lang), "text")]
    columns += [(t("report.col_notes", lang), "text")]
    changes = change_labels(context.perubahan, peserta, lang)
    rows = []
    for (_, r), change in zip(peserta.iterrows(), changes, strict=True):
        note = notes.get(r["id_peserta"], "")
        if not r["dinilai"]:
            note = t("report.not_scored", lang) + (f" ({note})" if note else "")
        card = card_link(context.cards, r["kelompok"], kategori, r["id_peserta"], lang)
        row: list[object] = [(r["peringkat"], r["bersama"]), (r["nama"], card), r["id_peserta"], r["skor_dokumen"]]
        if not desk_stage:
            row += [r["skor_wawancara"], r["skor_akhir"], r["finalis"]]
        else:
            row += [r["usulan_shortlist"]]
        rows.append([*row, *([change] if compared else []), note])
    ranking = table(columns, rows, lang, sortable=True, css_class="ranking")
    if not hidden:
        return Ranking(ranking)
    said = t("report.rows_hidden", lang, count=hidden)
    where = t("report.full_list_file", lang, file=full_list) if full_list else ""
    if full_list and context.cards is not None:
        return Ranking(ranking, f"{said} {t('report.full_list_link', lang)}", full_list, f"{said} {where}")
    return Ranking(ranking, f"{said} {where}")


def contributions(context: ReportContext, kategori: str, peserta: pd.DataFrame, lang: str) -> Titled | None:
    """Stacked bars of the score of each participant the report details (analysis.detailed: the finalists, the
    proposed shortlist or the podium), split by indicator, and by the interview where the category weighs it; each
    total is the score it is ranked by (`skor_peringkat`), as the ranking table, the cards and the score CSV give it,
    not the sum of its parts. Its table shows the parts shared out to that total as shown (formatting.score_parts, as
    a card shows its points); the bars draw them exactly."""
    finalists = peserta[detailed(peserta).to_numpy(dtype=bool)]
    if finalists.empty:
        return None
    category = context.methodology.kategori[kategori]
    with_interview = bool(finalists["finalis"].any())  # final scores, of the stage weights
    desk_share = category.stage_weights.dokumen if with_interview else 1.0
    long = context.scores.indikator
    long = long[(long["kategori"] == kategori) & long["id_peserta"].isin(finalists["id_peserta"])]
    applied = long.assign(kontribusi=long["kontribusi"].where(long["berlaku"].astype(bool)))  # NaN: not applicable
    pivot = applied.pivot(index="id_peserta", columns="indikator", values="kontribusi")
    pivot = pivot.reindex(index=finalists["id_peserta"], columns=[i.id for i in category.indicators]) * desk_share
    parts = {str(k): values.tolist() for k, values in pivot.items()}
    part_labels = {i.id: getattr(i.label, lang) for i in category.indicators}
    if with_interview and category.weighs_interview:
        parts["wawancara"] = (finalists["skor_wawancara"].fillna(0.0) * category.stage_weights.wawancara).tolist()
        part_labels["wawancara"] = t("report.part_interview", lang)
    xlabel = t("report.col_final" if with_interview else "report.col_desk", lang)
    title = t("report.contributions_title", lang)
    totals = finalists["skor_peringkat"].to_numpy(dtype=float).tolist()
    drawn = {k: [0.0 if value != value else value for value in values] for k, values in parts.items()}
    alt = t("report.chart_alt_contributions", lang, title=title)
    chart = contribution_chart(finalists["nama"].tolist(), drawn, part_labels, xlabel, alt, lang, totals)
    columns = [(t("report.col_name", lang), "name"), *((part_labels[k], "score") for k in parts), (xlabel, "score")]
    # the bars draw the exact parts; the table shows them shared out to the total shown, as the cards show their points
    rows = [
        [nama, *(0.0 if p != p else p for p in score_parts(pieces, total)), total]
        for nama, total, *pieces in zip(finalists["nama"], totals, *parts.values(), strict=True)
    ]
    chart = with_data(chart, table(columns, rows, lang), lang)
    return Titled(title, t("report.contributions_note", lang), chart=chart)


def jury_table(context: ReportContext, kategori: str, peserta: pd.DataFrame, lang: str) -> Titled | None:
    """Per finalist: the trimmed mean of every aspect, the jurors who scored, the interview score."""
    names = context.methodology.kategori[kategori].aspect_labels(lang)  # id -> label in the report's language
    aspects = tuple(names)
    frame = context.scores.wawancara
    frame = frame[frame["kategori"] == kategori]
    if frame.empty:
        return None
    means = frame.pivot_table(index="id_peserta", columns="aspek", values="rerata", aggfunc="first")
    jurors = frame.groupby("id_peserta")["jumlah_juri"].max()
    missing = frame[frame["tanpa_nilai"].astype(bool)].groupby("id_peserta")["aspek"].apply(list)
    attended = _attended(context.season.wawancara, kategori)
    columns = (
        [(t("report.col_name", lang), "name")]
        + [(names[a], "score") for a in aspects]
        + [(t("report.col_jurors", lang), "int"), (t("report.col_interview", lang), "score")]
        + ([(t("report.col_attended", lang), "text")] if attended else [])
        + [(t("report.col_notes", lang), "text")]
    )
    rows = []
    for _, r in peserta[peserta["finalis"]].iterrows():
        pid = r["id_peserta"]
        values = [means.at[pid, a] if pid in means.index and a in means.columns else math.nan for a in aspects]
        unscored = ", ".join(names.get(a, a) for a in missing[pid]) if pid in missing.index else ""
        note = t("report.aspect_missing", lang, aspects=unscored) if unscored else ""
        came = (
            [t("report.attended_yes" if attended[pid] else "report.attended_no", lang) if pid in attended else ""]
            if attended
            else []
        )
        rows.append([r["nama"], *values, jurors.get(pid, 0), r["skor_wawancara"], *came, note])
    trimmed = context.methodology.aturan.pangkas_juri_mulai  # as the appendix says it
    return Titled(t("report.jury_title", lang), t("report.jury_note", lang, jurors=trimmed), table(columns, rows, lang))


def _attended(wawancara: pd.DataFrame, kategori: str) -> dict[str, bool]:
    """Per finalist of `kategori`: did the regional head attend in person (the juror sheets' `hadir`, 0/1)?"""
    if "hadir" not in wawancara.columns:
        return {}
    rows = wawancara[wawancara["kategori"] == kategori]
    recorded = rows.assign(_hadir=pd.to_numeric(rows["hadir"], errors="coerce")).dropna(subset=["_hadir"])
    attended = recorded.groupby("id_peserta")["_hadir"].max() == 1
    return {str(pid): bool(here) for pid, here in attended.items()}


def methodology_appendix(context: ReportContext, categories: list[str], lang: str) -> Methodology:
    """The methodology as applied, generated from the methodology file (never written by hand)."""
    m = context.methodology
    jurors = m.aturan.pangkas_juri_mulai
    parts = []
    applied = context.scores.metodologi
    for kategori in categories:
        if kategori not in m.kategori:
            continue
        category = m.kategori[kategori]
        rows = applied[applied["kategori"] == kategori]
        columns = [
            (t("report.col_indicator", lang), "text"),
            (t("report.col_formula", lang), "text"),
            (t("report.col_goalposts", lang), "text"),
            (t("report.col_weight", lang), "exact"),  # as the file has it: 12.345 was shown 12,3
            (t("report.col_weight_share", lang), "pct"),
            (t("report.col_direction", lang), "text"),
        ]
        shown = shares(rows["bobot"].tolist(), 2)  # the shares as shown add up to 100 %
        body = [
            [
                r[f"label_{lang}"] + (" *" if r["penentu_seri"] else ""),
                r["rumus"],
                f"[{exact(r['batas_bawah'], lang)}; {exact(r['batas_atas'], lang)}]",
                r["bobot"],
                share,
                t(f"report.direction_{r['arah']}", lang),
            ]
            for (_, r), share in zip(rows.iterrows(), shown, strict=True)
        ]
        stages = _stage_weights(category, lang)
        notes = [stages, t("report.tie_break_note", lang), _who_competes(category, lang)]
        notes += [
            t(
                "report.not_applicable_to",
                lang,
                indicator=getattr(i.label, lang),
                jenis=", ".join(i.tidak_berlaku_untuk),
            )
            for i in category.indicators
            if i.tidak_berlaku_untuk
        ]
        parts.append(
            MethodologyCategory(
                label(context, kategori, lang), table(columns, body, lang, sortable=False), " ".join(notes)
            )
        )
    awards = tuple(
        Headed(
            getattr(a.label, lang),
            f"({label(context, a.kategori, lang)}): {award_rule(a, m.kategori[a.kategori], lang)}",
            " ",
        )
        for a in m.penghargaan_khusus
        if a.kategori in categories
    )
    return Methodology(
        t("report.methodology_title", lang),
        f"{getattr(m.nama, lang)}. {t('report.methodology_intro', lang)}",
        t("report.normalisation", lang, decimals=m.aturan.desimal, jurors=jurors),
        tuple(parts),
        t("report.special_title", lang),
        awards,
    )


def _stage_weights(category: Category, lang: str) -> str:
    """A category's stage weights in the appendix, in percent with every digit (0.655 was shown 66%), its interview
    aspects and proposed shortlist; of a category that weighs no interview, that its desk score alone ranks it, and
    its proposed shortlist (marked in its ranking table as at every desk stage)."""
    dokumen = exact(round(100 * category.stage_weights.dokumen, 10), lang)
    shortlist = Ref("count.participants", count=category.shortlist_size)
    if not category.weighs_interview:
        return t("report.stage_weights_desk_only", lang, dokumen=dokumen, shortlist=shortlist)
    return t(
        "report.stage_weights",
        lang,
        dokumen=dokumen,
        wawancara=exact(round(100 * category.stage_weights.wawancara, 10), lang),
        aspects=", ".join(category.aspect_labels(lang).values()),
        shortlist=shortlist,
    )


def _who_competes(category: Category, lang: str) -> str:
    """Who competes and where it is ranked, e.g. "Peserta: tabel pemda (tingkat kabupaten, kota), diperingkat
    per provinsi.", in the report's language."""
    peserta = category.peserta
    filters = "; ".join(f"{name} {', '.join(values)}" for name, values in peserta.filters().items())
    return t(
        "report.who_competes",
        lang,
        tabel=peserta.tabel,
        filters=f" ({filters})" if filters else "",
        kelompok=t(f"report.group_{category.kelompok}", lang),
    )


def footer(context: ReportContext, lang: str, draws: int | None = None, seed: int | None = None) -> Footer:
    """Version, the sha256 of the methodology, the notebook, musim.yaml and every input file, the library
    versions, the region list the codes were checked against and the simulation seed, so every number can be
    traced."""
    season = context.season
    hashes = [(path.name, season.file_hashes.get(name, "")) for name, path in sorted(season.files.items())]
    if season.meta_hash is not None:
        hashes.append((SEASON_META, season.meta_hash))
    parts = [
        t("report.footer_version", lang, version=context.version),
        t("report.footer_methodology", lang, file=context.methodology_file.name, digest=context.methodology_hash),
        t("report.footer_notebook", lang, file=context.notebook[0], digest=context.notebook[1])
        if context.notebook
        else t("report.footer_notebook_unknown", lang),
        t("report.footer_libraries", lang, libraries=", ".join(f"{n} {v}" for n, v in context.libraries)),
    ]
    if season.referensi is not None:
        edition, digest = season.referensi
        parts.append(t("report.footer_reference", lang, edition=edition, digest=digest))
    if draws is not None:
        parts.append(t("report.footer_seed", lang, draws=Ref("count.draws", count=draws), seed=seed))
    return Footer(banner(context, lang), tuple(parts), tuple(hashes))


def scored_otherwise_keys(context: ReportContext, kategori: str) -> tuple[str, ...]:
    """The methodology keys by which last season scored `kategori` otherwise (ReportContext.scored_otherwise); none
    when it scored it alike or the report compares no previous season."""
    return context.scored_otherwise.get(kategori, ()) if context.perubahan is not None else ()


def scored_otherwise_note(context: ReportContext, kategori: str, lang: str) -> str:
    """That last season's methodology scored `kategori` otherwise (`scored_otherwise_keys`), so that its changes of
    rank mix a change of methodology with the change in the data; "" when it did not."""
    keys = scored_otherwise_keys(context, kategori)
    return t("report.scored_otherwise", lang, musim=context.season.musim - 1, keys=", ".join(keys)) if keys else ""


def category_section(
    context: ReportContext,
    kategori: str,
    peserta: pd.DataFrame,
    lang: str,
    title: str,
    full_list: str | None = None,
) -> CategorySection:
    """One ranking group's part of a report: its stage, ranking table, score breakdown and jury scores. Its note says
    what the stage means for its ranks (`stage_note`), and when last season's methodology scored the category
    otherwise (`scored_otherwise_note`)."""
    notes = (stage_note(context, kategori, peserta, lang), scored_otherwise_note(context, kategori, lang))
    return CategorySection(
        title,
        stage_text(context, kategori, str(peserta["tahap"].iloc[0]), lang),
        " ".join(part for part in notes if part),
        ranking_table(context, kategori, peserta, lang, full_list),
        contributions(context, kategori, peserta, lang),
        jury_table(context, kategori, peserta, lang),
    )
