"""`paritrana run --province` keeps the season index: it updates the entry of the report it wrote (or creates the
index, listing the reports already on disk) and keeps every other report's entry; an index written again links no
report whose file is gone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from paritrana_nb.cli import main
from paritrana_nb.messages import isolate, t
from paritrana_nb.report import runner
from paritrana_nb.report.drawn import PREPARED_DIR, read_drawn
from paritrana_nb.report.index_page import DATA_ID, SeasonIndex, read_index, refresh_index, with_entries
from paritrana_nb.report.pipeline import run_reports
from paritrana_nb.report.runner import JobResult, ReportJob
from paritrana_nb.report.sections import Footer
from rapor_fixtures import SHARED_FIRST, share_first_village_place, write_card_season

RTL_PROVINCE = "كاليمانتان الغربية"  # a province's name in wilayah.csv, in a right-to-left script


def _written(job: ReportJob) -> JobResult:
    """A job that writes its report's page without a kernel."""
    job.html_path.parent.mkdir(parents=True, exist_ok=True)
    job.html_path.write_text(f"<html>{job.key}</html>", encoding="utf-8")
    return JobResult(job.key, True, 0.0, 1, html_path=job.html_path)


def _failed(job: ReportJob) -> JobResult:
    return JobResult(job.key, False, 0.0, 1, "sel rusak")


@pytest.fixture
def season(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    monkeypatch.setattr(runner, "_safe_run", _written)
    data, params = write_card_season(tmp_path)
    return data, params, tmp_path / "reports"


def _run(season: tuple[Path, Path, Path], provinces: list[str] | None, lang: str = "id"):
    data, params, out = season
    return run_reports(2025, data, params, out, lang, provinces, provinces is None, n_jobs=1, progress=False, draws=10)


def _hrefs(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', page)


def _entries(folder: Path, lang: str = "id") -> list[dict]:
    page = (folder / ("index.html" if lang == "id" else f"index.{lang}.html")).read_text(encoding="utf-8")
    [block] = re.findall(rf'<script type="application/json" id="{DATA_ID}">(.*?)</script>', page, re.S)
    return json.loads(block)["entries"]


def test_a_province_run_updates_its_entry_and_keeps_the_others(
    season: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = season[2] / "2025"
    _run(season, None)  # run --all: kalbar, kaltara, the national report
    before = _entries(folder)
    assert [e["key"] for e in before] == ["61-kalbar", "65-kaltara", "nasional"]
    monkeypatch.setattr(runner, "_safe_run", _failed)
    outcome = _run(season, ["65"])
    assert outcome.index == folder / "index.html"
    after = _entries(folder)
    assert [e["key"] for e in after] == ["61-kalbar", "65-kaltara", "nasional"]
    assert after[0] == before[0] and after[2] == before[2]  # the others' entries as they were
    assert after[1]["ok"] is False and after[1]["error"] == "sel rusak"
    assert after[1]["href"] == "65-kaltara.html"  # the earlier report is kept, and linked
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert _hrefs(page) == ["61-kalbar.html", "65-kaltara.html", "nasional.html"]
    assert t("report.index_status", "id", ok=2, total=3) in page


def test_a_province_run_without_an_index_lists_the_reports_on_disk(season: tuple[Path, Path, Path]) -> None:
    folder = season[2] / "2025"
    folder.mkdir(parents=True)
    for name in ("nasional.html", "65-kaltara.html", "61-kalbar.en.html"):
        (folder / name).write_text("<html></html>", encoding="utf-8")
    outcome = _run(season, ["61"])
    assert outcome.index == folder / "index.html"
    entries = _entries(folder)
    assert [e["key"] for e in entries] == ["61-kalbar", "65-kaltara", "nasional"]  # report order
    assert [e["href"] for e in entries] == ["61-kalbar.html", "65-kaltara.html", "nasional.html"]
    assert entries[0]["podium"] and not entries[1]["podium"] and not entries[2]["podium"]  # not this run's
    kaltara = isolate("Kalimantan Utara")  # a page's text: the name isolated for bidirectional text
    assert entries[1]["title"] == t("report.title_province", "id", musim=2025, provinsi=kaltara)
    assert entries[2]["title"] == t("report.title_national", "id", musim=2025)
    linked = f"diperingkat di {isolate('Kalimantan Utara')}"  # the province's name isolated for bidirectional text
    assert entries[1]["cards"] == [["65", linked]]  # linked once rapor writes them
    assert not (folder / "index.en.html").exists()  # the English report on disk: no English index made for it


def test_a_run_isolates_a_right_to_left_province_name_in_its_report_titles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The title of a province's report (the page's <title>, the season index's link to it) named the province as
    it is in wilayah.csv: a right-to-left name reordered what follows it."""
    data, params = write_card_season(tmp_path)
    wilayah = pd.read_csv(data / "2025" / "wilayah.csv", dtype=str, keep_default_na=False)
    wilayah.loc[wilayah["kode_wilayah"] == "61", "nama"] = RTL_PROVINCE
    wilayah.to_csv(data / "2025" / "wilayah.csv", index=False)
    titles: dict[str, str] = {}

    def written(job: ReportJob) -> JobResult:
        titles[job.key] = job.title
        return _written(job)

    monkeypatch.setattr(runner, "_safe_run", written)
    _run((data, params, tmp_path / "reports"), None)
    assert titles["61-kalbar"] == t("report.title_province", "id", musim=2025, provinsi=isolate(RTL_PROVINCE))
    page = (tmp_path / "reports" / "2025" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="61-kalbar.html">Peringkat Paritrana Award 2025 — <bdi>{RTL_PROVINCE}</bdi></a>' in page


def test_a_province_run_leaves_an_index_it_cannot_read_and_says_so(season: tuple[Path, Path, Path]) -> None:
    folder = season[2] / "2025"
    folder.mkdir(parents=True)
    old = "<html><body>an index of an earlier version</body></html>"
    (folder / "index.html").write_text(old, encoding="utf-8")
    outcome = _run(season, ["61"])
    assert outcome.index is None and outcome.stale == (("id", folder / "index.html"),)
    assert (folder / "index.html").read_text(encoding="utf-8") == old


def test_the_command_names_the_index_a_province_run_wrote(
    season: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, params, out = season
    common = ["--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--out", str(out)]
    assert main(["run", *common, "--province", "kalbar", "--jobs", "1", "--draws", "10"]) == 0
    index = out / "2025" / "index.html"
    assert t("cli.index_written", "id", path=index) in capsys.readouterr().out
    assert _hrefs(index.read_text(encoding="utf-8")) == ["61-kalbar.html"]


def test_run_names_what_it_wrote_as_out_was_typed(
    season: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernels are given absolute paths; the terminal names the files as --out was typed, as score, gaps and
    rapor name theirs (reports/2025/61-kalbar.html, not the whole path from the root)."""
    data, params, out = season
    monkeypatch.chdir(out.parent)
    common = ["--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--out", out.name]
    assert main(["run", *common, "--province", "kalbar", "--jobs", "1", "--draws", "10", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    report = Path(out.name, "2025", "61-kalbar.en.html")
    assert f"[done] 61-kalbar: {report} (" in printed
    assert t("cli.index_written", "en", path=Path(out.name, "2025", "index.en.html")) in printed
    assert str(out.parent) not in printed


def test_an_index_written_again_links_no_report_whose_file_is_gone(season: tuple[Path, Path, Path]) -> None:
    folder = season[2] / "2025"
    _run(season, None)
    (folder / "65-kaltara.html").unlink()  # deleted by hand after `run --all`
    refresh_index(folder, "id")  # as `paritrana rapor` writes it again
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert _hrefs(page) == ["61-kalbar.html", "nasional.html"]
    assert page.count(t("report.status_missing", "id")) == 1
    assert _entries(folder)[1]["href"] == "65-kaltara.html"  # the data keeps it: linked again once it is back
    (folder / "65-kaltara.html").write_text("<html></html>", encoding="utf-8")
    refresh_index(folder, "id")
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "65-kaltara.html" in _hrefs(page) and t("report.status_missing", "id") not in page


def test_an_index_of_an_earlier_run_without_keys_is_updated_by_its_links(season: tuple[Path, Path, Path]) -> None:
    folder = season[2] / "2025"
    _run(season, None, "en")
    path = folder / "index.en.html"
    path.write_text(re.sub(r', "key": "[^"]*"', "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert '"key"' not in path.read_text(encoding="utf-8")
    _run(season, ["61"], "en")
    assert [e["key"] for e in _entries(folder, "en")] == ["61-kalbar", "65-kaltara", "nasional"]


def test_a_run_with_another_methodology_keeps_both_footers(season: tuple[Path, Path, Path]) -> None:
    folder = season[2] / "2025"
    _run(season, None)
    index = read_index(folder, "id")
    assert index is not None
    other = SeasonIndex(2025, "id", index.entries[:1], False, Footer("", ("v2", index.footer.lines[1])), "Usulan")
    merged = with_entries(index, other, ["61-kalbar", "65-kaltara", "nasional"])
    assert merged.footer.lines == (*index.footer.lines, "v2") and merged.proposal == "Usulan"
    assert merged.entries == index.entries


def test_the_index_gives_each_podium_name_its_rank_a_shared_first_place_twice_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two villages of Kalbar share rank 1: the index numbered its podium by position (1., 2., then 3. for the
    third), while the score CSV and the reports give 1, 1, 3; then it gave 1, 1, 3 unmarked, while the cards mark a
    shared rank "1 (shared)"."""
    monkeypatch.setattr(runner, "_safe_run", _written)
    data, params = write_card_season(tmp_path)
    share_first_village_place(data)
    _run((data, params, tmp_path / "reports"), None, "en")
    [kalbar, *_] = _entries(tmp_path / "reports" / "2025", "en")
    [places] = [places for label, places in kalbar["podium"] if label == "Village governments"]
    names = dict(pd.read_csv(data / "2025" / "desa.csv", dtype=str)[["kode_desa", "nama"]].values)
    assert places[:2] == [[1, names[key]] for key in SHARED_FIRST] and [rank for rank, _ in places[2:]] == [3]
    page = (tmp_path / "reports" / "2025" / "index.en.html").read_text(encoding="utf-8")
    shown = ", ".join(f"{'1 (shared)' if rank == 1 else rank}. <bdi>{name}</bdi>" for rank, name in places)
    assert f"<b>Village governments</b>: {shown}" in page


@pytest.mark.parametrize("earlier", [False, True], ids=["no page before", "an earlier page"])
def test_the_national_report_links_no_province_report_that_failed_in_the_same_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, earlier: bool
) -> None:
    """`run --all` with a province's report failing (none of it there before): the national report, drawn while the
    provinces' reports were made, linked that province's nominees to the page the run did not write. Where an earlier
    run's page is there (kept), the link leads to it: the national report is drawn once."""
    data, params = write_card_season(tmp_path)
    if earlier:
        (tmp_path / "reports" / "2025").mkdir(parents=True)
        (tmp_path / "reports" / "2025" / "65-kaltara.html").write_text("<html></html>", encoding="utf-8")
    drawn_for: list[frozenset[str]] = []

    def made(job: ReportJob) -> JobResult:
        if job.key == "65-kaltara":
            return _failed(job)
        if job.key != "nasional":
            return _written(job)
        assert job.before is not None
        job.before()  # the worker's drawing of the report, then the page holds its nominees
        drawn = read_drawn(str(Path(job.environment[PREPARED_DIR]) / str(job.parameters["prepared"])))
        assert drawn is not None
        drawn_for.append(frozenset(_hrefs(drawn.sections["nominees"])))
        job.html_path.parent.mkdir(parents=True, exist_ok=True)
        job.html_path.write_text(drawn.sections["nominees"], encoding="utf-8")
        return JobResult(job.key, True, 0.0, 1, html_path=job.html_path)

    monkeypatch.setattr(runner, "_safe_run", made)
    outcome = _run((data, params, tmp_path / "reports"), None)
    assert [result.ok for result in outcome.results] == [True, False, True]
    page = (tmp_path / "reports" / "2025" / "nasional.html").read_text(encoding="utf-8")
    both = {"61-kalbar.html", "65-kaltara.html"}
    if earlier:
        assert set(_hrefs(page)) == both and len(drawn_for) == 1
    else:
        assert set(_hrefs(page)) == {"61-kalbar.html"}  # Kalimantan Utara's nominees named, not linked
        assert drawn_for == [both, {"61-kalbar.html"}]  # drawn first with both: the run made it again


def test_the_national_report_made_again_is_counted_in_the_run_s_one_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`run --all` with a province's report failing made the national report again under a second progress of its own
    ("laporan: 0/1" after "laporan: 3/3"): the remake is one more report of the run's one progress (3/3, then 4/4)."""
    data, params = write_card_season(tmp_path)

    def made(job: ReportJob) -> JobResult:
        return _failed(job) if job.key == "65-kaltara" else _written(job)

    monkeypatch.setattr(runner, "_safe_run", made)
    monkeypatch.setattr(runner, "_on_terminal", lambda stream: False)  # a log: a line for each report ended
    outcome = run_reports(2025, data, params, tmp_path / "reports", n_jobs=1, draws=10)
    assert [result.ok for result in outcome.results] == [True, False, True]
    lines = [line.split(" (")[0] for line in capsys.readouterr().err.splitlines() if line.startswith("laporan: ")]
    assert lines == ["laporan: 0/3", "laporan: 1/3", "laporan: 2/3", "laporan: 3/3", "laporan: 4/4"], lines
