"""Interview aspects are shown by their label in the reader's language (reports, cards, the explorer's saved file);
their ids stay what juror files and award rules name."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from paritrana_nb.cli import main
from paritrana_nb.messages import t
from paritrana_nb.rapor.paths import card_path
from paritrana_nb.report import sections
from paritrana_nb.report.context import ReportContext, prepare_season, province_context
from paritrana_nb.report.tables import table
from rapor_fixtures import card_data, card_tables
from scoring_fixtures import DEFAULT_METHODOLOGY, write_season

#: pemda's and desa's aspects: one labelled in the file, one a bare id the catalogue names, one labelled
ASPECTS = {
    "pemda": [
        {"id": "inovasi", "label": {"id": "Inovasi layanan", "en": "Service innovation"}},
        "sinergi",
        {"id": "presentasi", "label": {"id": "Paparan kepala daerah", "en": "Regional head's presentation"}},
    ],
    "desa": [{"id": "inovasi", "label": {"id": "Inovasi desa", "en": "Village innovation"}}, "presentasi"],
}
LABELS = {
    "id": {"inovasi": "Inovasi layanan", "sinergi": "Sinergi", "presentasi": "Paparan kepala daerah"},
    "en": {"inovasi": "Service innovation", "sinergi": "Synergy", "presentasi": "Regional head's presentation"},
}


def _season(root: Path) -> tuple[Path, Path]:
    """The card season (Kota Pontianak's `sinergi` scored by nobody) and a methodology labelling its aspects."""
    tables = card_tables()
    wawancara = tables["wawancara"]
    tables["wawancara"] = wawancara[~((wawancara["id_peserta"] == "61.71") & (wawancara["aspek"] == "sinergi"))]
    data, params = root / "data", root / "params"
    write_season(data, tables)
    methodology = yaml.safe_load(DEFAULT_METHODOLOGY.read_text(encoding="utf-8"))
    for kategori, aspects in ASPECTS.items():
        methodology["kategori"][kategori]["aspects"] = aspects
    (params / "2025").mkdir(parents=True)
    (params / "2025" / "metodologi.yaml").write_text(yaml.safe_dump(methodology, allow_unicode=True), "utf-8")
    return data, params


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _season(tmp_path_factory.mktemp("aspects"))


@pytest.fixture(scope="module")
def context(season: tuple[Path, Path]) -> ReportContext:
    return province_context(prepare_season(2025, *season), "61")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_report_jury_table_heads_each_aspect_with_its_label(context: ReportContext, lang: str) -> None:
    peserta = context.scores.peserta[context.scores.peserta["kategori"] == "pemda"]
    part = sections.jury_table(context, "pemda", peserta, lang)
    assert part is not None and part.table is not None
    heads = [column.label for column in part.table.columns]
    assert heads[1:4] == list(LABELS[lang].values())
    assert not {"inovasi", "presentasi"} & set(heads)
    notes = [row[-1].text for row in part.table.rows]
    assert t("report.aspect_missing", lang, aspects=LABELS[lang]["sinergi"]) in notes  # Kota Pontianak's


@pytest.mark.parametrize(("lang", "said"), [("id", "dengan 3 juri atau lebih"), ("en", "with 3 or more jurors")])
def test_the_jury_note_says_from_how_many_jurors_the_methodology_trims(
    context: ReportContext, lang: str, said: str
) -> None:
    """The jury table's note gave 4 jurors whatever `aturan.pangkas_juri_mulai` (3 here) said, against the appendix
    of the same page."""
    rules = context.methodology.aturan.model_copy(update={"pangkas_juri_mulai": 3})
    changed = dataclasses.replace(context, methodology=context.methodology.model_copy(update={"aturan": rules}))
    peserta = changed.scores.peserta[changed.scores.peserta["kategori"] == "pemda"]
    part = sections.jury_table(changed, "pemda", peserta, lang)
    assert part is not None and said in part.note
    appendix = sections.methodology_appendix(changed, ["pemda"], lang)
    assert said.replace("with", "With").replace("dengan", "Dengan") in appendix.note


@pytest.mark.parametrize(
    ("lang", "stages", "weights"), [("id", "65,5%", "12,345 0,004"), ("en", "65.5%", "12.345 0.004")]
)
def test_the_appendix_shows_the_weights_the_methodology_scores_with(
    context: ReportContext, lang: str, stages: str, weights: str
) -> None:
    """A weight of 12.345 read 12,3 and one of 0.004 read 0,0 (a weight the methodology refuses); a desk stage of
    0.655 read 66%: a panel member recomputing a score from the appendix got another one."""
    category = context.methodology.kategori["pemda"]
    split = category.stage_weights.model_copy(update={"dokumen": 0.655, "wawancara": 0.345})
    kategori = {**context.methodology.kategori, "pemda": category.model_copy(update={"stage_weights": split})}
    changed = dataclasses.replace(context, methodology=context.methodology.model_copy(update={"kategori": kategori}))
    appendix = sections.methodology_appendix(changed, ["pemda"], lang)
    note, rest = appendix.categories[0].note, "34,5%" if lang == "id" else "34.5%"
    assert stages in note and rest in note
    shown = table([("w", "exact")], [[12.345], [0.004]], lang).rows
    assert " ".join(row[0].text for row in shown) == weights


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_methodology_appendix_and_the_award_rule_name_aspects_by_label(context: ReportContext, lang: str) -> None:
    appendix = sections.methodology_appendix(context, ["pemda", "desa"], lang)
    assert ", ".join(LABELS[lang].values()) in appendix.categories[0].note  # pemda's aspects
    heads = {
        "id": "Inovasi desa melindungi pekerja rentan",
        "en": "Village innovation in protecting vulnerable workers",
    }
    [award] = [a for a in appendix.awards if a.head == heads[lang]]  # inovasi_desa: {aspek: inovasi, terbesar: 1}
    village = {"id": "Inovasi desa", "en": "Village innovation"}[lang]
    assert t("report.award_source_aspek", lang, name=village) in award.text


def test_the_appendix_counts_one_winner_and_one_shortlisted_in_the_singular(context: ReportContext) -> None:
    """English read "the 1 largest jury mean of aspect ..." for an award to one winner; the shortlist note counts
    with the participants' plural form and the language's grouping."""
    appendix = sections.methodology_appendix(context, ["pemda", "desa"], "en")
    [award] = [a for a in appendix.awards if a.head == "Village innovation in protecting vulnerable workers"]
    assert award.text.endswith(
        "the largest value of jury mean of aspect Village innovation (finalists) per ranking group "
        "(1 winner; ties included)"
    )
    assert "Proposed shortlist: 5 participants." in appendix.categories[0].note
    [inovasi] = [a for a in context.methodology.penghargaan_khusus if a.id == "inovasi_desa"]
    three = inovasi.model_copy(update={"aturan": inovasi.aturan.model_copy(update={"terbesar": 3})})
    assert sections.award_rule(three, context.methodology.kategori["desa"], "en").startswith(
        "the 3 largest values of jury mean of aspect Village innovation (finalists)"
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_finalists_card_lists_its_aspects_by_label(season: tuple[Path, Path], tmp_path: Path, lang: str) -> None:
    data, params = season
    out = tmp_path / "cards"
    base = ["rapor", "--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--draws", "20"]
    assert main([*base, "--id", "61.71", "--lang", lang, "--out", str(out)]) == 0
    page = card_path(out, 2025, "61", "pemda", "61.71", lang).read_text("utf-8")
    for aspek, name in LABELS[lang].items():
        assert f'<th class="aspect">{name}</th>'.replace("'", "&#39;") in page, (aspek, name)
    means = card_data(page)["aspek"]
    assert set(means) == {"inovasi", "sinergi", "presentasi"} and means["sinergi"] is None  # ids in the data block
    assert means["inovasi"] is not None
    assert f'<th class="aspect">{LABELS[lang]["sinergi"]}</th><td class="num">–</td>' in page  # nobody scored it


def test_a_card_of_a_participant_not_interviewed_lists_no_aspect(season: tuple[Path, Path], tmp_path: Path) -> None:
    data, params = season
    out = tmp_path / "cards"
    base = ["rapor", "--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--draws", "20"]
    assert main([*base, "--id", "61.10", "--out", str(out)]) == 0
    page = card_path(out, 2025, "61", "pemda", "61.10", "id").read_text("utf-8")
    assert 'class="aspect"' not in page and card_data(page)["aspek"] == {}


def test_a_methodology_saved_from_the_explorer_keeps_the_aspect_labels(
    season: tuple[Path, Path], tmp_path: Path
) -> None:
    from paritrana_nb.explorer import WeightModel
    from paritrana_nb.methodology import load_methodology
    from paritrana_nb.season import read_season

    data, params = season
    model = WeightModel(read_season(2025, data), load_methodology(params / "2025" / "metodologi.yaml"), "pemda", "61")
    weights = {k: 2 * v for k, v in model.official_weights.items()}
    (tmp_path / "2025").mkdir()
    saved = model.save(weights, 0.6, tmp_path, "usulan")
    written = yaml.safe_load(saved.read_text(encoding="utf-8"))
    for kategori, aspects in ASPECTS.items():
        assert written["kategori"][kategori]["aspects"] == aspects
    assert load_methodology(saved, 2025).kategori["pemda"].aspect_labels("en") == LABELS["en"]


def test_a_report_scored_with_a_proposal_says_so_under_its_title(season: tuple[Path, Path], tmp_path: Path) -> None:
    """A hand-edited copy of the methodology keeps the official `nama`: the banner says the ranks are a proposal."""
    from paritrana_nb.templating import render

    data, params = season
    proposal = tmp_path / "usulan.yaml"
    proposal.write_bytes((params / "2025" / "metodologi.yaml").read_bytes())
    context = province_context(prepare_season(2025, data, params, proposal), "61")
    banner = sections.proposal(context, "en")
    assert banner == t("report.proposal_banner", "en", file="usulan.yaml", musim=2025)
    header = render(
        "report_header.html.j2",
        "en",
        title="T",
        banner="",
        proposal=banner,
        intro="I",
        index="index.en.html",
        languages=(),
    )
    assert header.count('<div class="banner">') == 1 and "usulan.yaml" in header
    assert sections.proposal(province_context(prepare_season(2025, data, params), "61"), "en") == ""
