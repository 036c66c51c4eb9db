"""Report parts shared by the province and national reports: header, ranking table, methodology, footer.

Each function returns HTML with every data text escaped; labels come from the message catalogue.
"""
from __future__ import annotations

import math

import pandas as pd

from ..formatting import esc, number
from ..messages import CATALOGUE, t
from ..regions import PROVINCE_NAMES
from .charts import contribution_chart
from .context import ReportContext
from .tables import html_table


def label(context: ReportContext, kategori: str, lang: str) -> str:
    """A category's label in the report's language, from the methodology."""
    category = context.methodology.kategori.get(kategori)
    return getattr(category.label, lang) if category else kategori


def province_name(context: ReportContext, code: str) -> str:
    """A province's name from the season's wilayah table (or the national list)."""
    names = context.season.region_names()
    return names.get(code, PROVINCE_NAMES.get(code, code))


def banner(context: ReportContext, lang: str) -> str:
    """The illustrative-data banner, when the season declares itself illustrative."""
    if not context.season.illustrative:
        return ""
    return f'<div class="banner">{esc(t("report.illustrative_banner", lang))}</div>'


def stage_text(tahap: str, lang: str) -> str:
    return t(f"report.stage_{tahap}", lang)


def _score_of(row: pd.Series) -> float:
    return row["skor_akhir"] if row["finalis"] else row["skor_dokumen"]


def podium(peserta: pd.DataFrame, places: int = 3) -> list[tuple[int, str, float]]:
    """(rank, name, score) of the first `places` ranks of one ranking group."""
    ranked = peserta[peserta["peringkat"].notna() & (peserta["peringkat"] <= places)]
    return [(int(r["peringkat"]), str(r["nama"]), float(_score_of(r))) for _, r in ranked.iterrows()]


def not_applicable_note(context: ReportContext, kategori: str, lang: str) -> dict[str, str]:
    """Per participant, the indicators that did not apply and why (in words)."""
    frame = context.scores.indikator
    frame = frame[(frame["kategori"] == kategori) & ~frame["berlaku"].astype(bool)]
    labels = {i.id: getattr(i.label, lang) for i in context.methodology.kategori[kategori].indicators}
    notes: dict[str, list[str]] = {}
    for _, row in frame.iterrows():
        key = f"reason.{row['alasan']}"
        reason = t(key, lang) if key in CATALOGUE else str(row["alasan"])
        notes.setdefault(row["id_peserta"], []).append(f"{labels.get(row['indikator'], row['indikator'])}: {reason}")
    return {k: "; ".join(v) for k, v in notes.items()}


MAX_TABLE_ROWS = 60


def ranking_table(context: ReportContext, kategori: str, peserta: pd.DataFrame, lang: str,
                  full_list: str | None = None) -> str:
    """Rank, name, id, desk, interview and final score, finalist/shortlist mark and notes.

    Large groups show every finalist and the first MAX_TABLE_ROWS ranks; the note names the file
    with the full list (the page must stay small enough to open on a phone).
    """
    desk_stage = (peserta["tahap"] == "dokumen").all()
    hidden = 0
    if len(peserta) > MAX_TABLE_ROWS:
        keep = peserta["finalis"].astype(bool) | (peserta.reset_index(drop=True).index < MAX_TABLE_ROWS)
        hidden = int((~keep).sum())
        peserta = peserta[keep.to_numpy()]
    notes = not_applicable_note(context, kategori, lang)
    columns = [(t("report.col_rank", lang), "int"), (t("report.col_name", lang), "text"),
               (t("report.col_id", lang), "text"), (t("report.col_desk", lang), "score")]
    if not desk_stage:
        columns += [(t("report.col_interview", lang), "score"), (t("report.col_final", lang), "score"),
                    (t("report.col_finalist", lang), "bool")]
    else:
        columns += [(t("report.col_shortlist", lang), "bool")]
    columns += [(t("report.col_notes", lang), "text")]
    rows = []
    for _, r in peserta.iterrows():
        note = notes.get(r["id_peserta"], "")
        if not r["dinilai"]:
            note = t("report.not_scored", lang) + (f" ({note})" if note else "")
        row: list[object] = [r["peringkat"], r["nama"], r["id_peserta"], r["skor_dokumen"]]
        row += [r["skor_wawancara"], r["skor_akhir"], r["finalis"]] if not desk_stage else [r["usulan_shortlist"]]
        rows.append(row + [note])
    table = html_table(columns, rows, lang, sortable=True, css_class="ranking")
    if hidden:
        where = t("report.full_list_file", lang, file=full_list) if full_list else ""
        table += f"<p class='note'>{esc(t('report.rows_hidden', lang, count=hidden))} {esc(where)}</p>"
    return table


def contributions(context: ReportContext, kategori: str, peserta: pd.DataFrame, lang: str) -> str:
    """Stacked bars of each finalist's (or proposed shortlist's) score, split by indicator."""
    finalists = peserta[peserta["finalis"]] if peserta["finalis"].any() else \
        peserta[peserta["usulan_shortlist"].astype(bool)]
    finalists = finalists[finalists["dinilai"]]
    if finalists.empty:
        return ""
    category = context.methodology.kategori[kategori]
    with_interview = bool(finalists["finalis"].any())
    desk_share = category.stage_weights.dokumen if with_interview else 1.0
    long = context.scores.indikator
    long = long[(long["kategori"] == kategori) & long["id_peserta"].isin(finalists["id_peserta"])]
    table = long.pivot_table(index="id_peserta", columns="indikator", values="kontribusi", aggfunc="first")
    table = table.reindex(finalists["id_peserta"])
    parts = {i.id: (table[i.id].fillna(0.0) * desk_share).tolist() if i.id in table else [0.0] * len(finalists)
             for i in category.indicators}
    part_labels = {i.id: getattr(i.label, lang) for i in category.indicators}
    if with_interview:
        parts["wawancara"] = (finalists["skor_wawancara"].fillna(0.0) * category.stage_weights.wawancara).tolist()
        part_labels["wawancara"] = t("report.part_interview", lang)
    xlabel = t("report.col_final" if with_interview else "report.col_desk", lang)
    title = t("report.contributions_title", lang)
    chart = contribution_chart(finalists["nama"].tolist(), parts, part_labels, xlabel, title, lang)
    return f"<h3>{esc(title)}</h3><p class='note'>{esc(t('report.contributions_note', lang))}</p>{chart}"


def jury_table(context: ReportContext, kategori: str, peserta: pd.DataFrame, lang: str) -> str:
    """Per finalist: the trimmed mean of every aspect, the jurors who scored, the interview score."""
    aspects = context.methodology.kategori[kategori].aspects
    frame = context.scores.wawancara
    frame = frame[frame["kategori"] == kategori]
    if frame.empty:
        return ""
    means = frame.pivot_table(index="id_peserta", columns="aspek", values="rerata", aggfunc="first")
    jurors = frame.groupby("id_peserta")["jumlah_juri"].max()
    missing = frame[frame["tanpa_nilai"].astype(bool)].groupby("id_peserta")["aspek"].apply(list)
    attended = _attended(context.season.wawancara, kategori)
    columns = [(t("report.col_name", lang), "text")] + [(a, "score") for a in aspects] + \
        [(t("report.col_jurors", lang), "int"), (t("report.col_interview", lang), "score")] + \
        ([(t("report.col_attended", lang), "text")] if attended else []) + [(t("report.col_notes", lang), "text")]
    rows = []
    for _, r in peserta[peserta["finalis"]].iterrows():
        pid = r["id_peserta"]
        values = [means.at[pid, a] if pid in means.index and a in means.columns else math.nan for a in aspects]
        note = t("report.aspect_missing", lang, aspects=", ".join(missing[pid])) if pid in missing.index else ""
        came = [t("report.attended_yes" if attended[pid] else "report.attended_no", lang)
                if pid in attended else ""] if attended else []
        rows.append([r["nama"], *values, jurors.get(pid, 0), r["skor_wawancara"], *came, note])
    title = t("report.jury_title", lang)
    return (f"<h3>{esc(title)}</h3><p class='note'>{esc(t('report.jury_note', lang))}</p>"
            + html_table(columns, rows, lang))


def _attended(wawancara: pd.DataFrame, kategori: str) -> dict[str, bool]:
    """Per finalist of `kategori`: did the regional head attend in person (the juror sheets' `hadir`, 0/1)?"""
    if "hadir" not in wawancara.columns:
        return {}
    rows = wawancara[wawancara["kategori"] == kategori]
    recorded = rows.assign(_hadir=pd.to_numeric(rows["hadir"], errors="coerce")).dropna(subset=["_hadir"])
    return (recorded.groupby("id_peserta")["_hadir"].max() == 1).to_dict()


def methodology_appendix(context: ReportContext, categories: list[str], lang: str) -> str:
    """The methodology as applied, generated from the methodology file (never written by hand)."""
    m = context.methodology
    parts = [f"<h2>{esc(t('report.methodology_title', lang))}</h2>",
             f"<p>{esc(getattr(m.nama, lang))}. {esc(t('report.methodology_intro', lang))}</p>",
             f"<p class='note'>{esc(t('report.normalisation', lang))}</p>"]
    table = context.scores.metodologi
    for kategori in categories:
        if kategori not in m.kategori:
            continue
        category = m.kategori[kategori]
        rows = table[table["kategori"] == kategori]
        columns = [(t("report.col_indicator", lang), "text"), (t("report.col_formula", lang), "text"),
                   (t("report.col_goalposts", lang), "text"), (t("report.col_weight", lang), "num1"),
                   (t("report.col_weight_share", lang), "pct"), (t("report.col_direction", lang), "text")]
        body = [[r[f"label_{lang}"] + (" *" if r["penentu_seri"] else ""), r["rumus"],
                 f"[{number(r['batas_bawah'], lang, 1)}; {number(r['batas_atas'], lang, 1)}]",
                 r["bobot"], r["bobot_pct"], t(f"report.direction_{r['arah']}", lang)]
                for _, r in rows.iterrows()]
        stages = t("report.stage_weights", lang, dokumen=number(100 * category.stage_weights.dokumen, lang, 0),
                   wawancara=number(100 * category.stage_weights.wawancara, lang, 0),
                   aspects=", ".join(category.aspects), shortlist=category.shortlist_size)
        parts.append(f"<h3>{esc(label(context, kategori, lang))}</h3>"
                     + html_table(columns, body, lang, sortable=False)
                     + f"<p class='note'>{esc(stages)} {esc(t('report.tie_break_note', lang))}</p>")
    return "".join(parts)


def footer(context: ReportContext, lang: str, draws: int | None = None, seed: int | None = None) -> str:
    """Version, methodology hash, input file hashes and the simulation seed, so every number can be traced."""
    files = "<br/>".join(f"{esc(path.name)}: sha256 {esc(context.season.file_hashes.get(name, ''))}"
                         for name, path in sorted(context.season.files.items()))
    parts = [t("report.footer_version", lang, version=context.version),
             t("report.footer_methodology", lang, file=context.methodology_file.name,
               digest=context.methodology_hash)]
    if draws is not None:
        parts.append(t("report.footer_seed", lang, draws=draws, seed=seed))
    text = "<br/>".join(esc(p) for p in parts) + "<br/>" + files
    if context.season.illustrative:
        text = f"<b>{esc(t('report.illustrative_banner', lang))}</b><br/>" + text
    return f'<div class="footer">{text}</div>'
