"""What `paritrana run` prepares for each report's kernel equals what the notebook computes by itself: the
analyses of every province at once, sliced per province, and the report drawn from them."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import write_season
from paritrana_nb.report import sections
from paritrana_nb.report.analysis import GROUP_COLUMN, analyse
from paritrana_nb.report.context import national_context, prepare_season, province_context
from paritrana_nb.report.drawn import DrawnReport, national_report, province_report
from paritrana_nb.report.national import NationalReport
from paritrana_nb.report.pipeline import draw_prepared
from paritrana_nb.report.prepared import PreparedReport, load_prepared, prepare_reports, save_prepared
from paritrana_nb.report.province import ProvinceReport
from rapor_fixtures import write_card_season
from scoring_fixtures import PROJECT, small_season_tables

PARAMS = PROJECT / "params"
DRAWS, SEED = 40, 7
PROVINCE_SECTIONS = ("header", "summary", "categories", "robustness", "coverage", "data_quality", "footer")
NATIONAL_SECTIONS = ("header", "rankings", "robustness", "nominees", "province_comparison", "footer")


def _same_analysis(prepared: PreparedReport, alone: PreparedReport) -> None:
    assert (prepared.analysis.draws, prepared.analysis.seed) == (alone.analysis.draws, alone.analysis.seed)
    for name in GROUP_COLUMN:
        got, want = getattr(prepared.analysis, name), getattr(alone.analysis, name)
        assert len(want) or len(got) == 0, name
        if len(want):  # pandas infers a text column as str or object depending on which rows it saw
            pd.testing.assert_frame_equal(got, want, check_exact=True, check_dtype=False, obj=name)


def _check(data_dir: Path, draws: int, parts: int, render: bool = False) -> None:
    season = prepare_season(2025, data_dir, PARAMS)
    codes = season.season.provinces["kode_wilayah"].tolist()
    contexts = {code: province_context(season, code) for code in codes} | {"nasional": national_context(season)}
    ready = prepare_reports(season, contexts, draws, SEED, parts)
    assert list(ready) == [*codes, "nasional"]
    shown_rows = 0
    for key, context in contexts.items():
        alone = PreparedReport(context, analyse(context, sections.held_categories(context), draws, SEED))
        _same_analysis(ready[key], alone)
        if render:
            kind = NationalReport if key == "nasional" else ProvinceReport
            html = kind(context, "id", ready[key].analysis).robustness().data
            assert html == kind(context, "id", alone.analysis).robustness().data
        shown_rows += len(ready[key].analysis.uncertainty)
    assert shown_rows > len(codes)  # every province's intervals are there, not an empty slice


def test_analyses_of_every_province_at_once_equal_each_province_alone(tmp_path: Path) -> None:
    write_season(tmp_path / "data", small_season_tables())
    _check(tmp_path / "data", DRAWS, parts=1)


@pytest.mark.slow  # the bundled season's five provinces, each analysed a second time on its own
def test_bundled_season_analyses_equal_each_province_alone() -> None:
    _check(PROJECT / "data", 200, parts=2, render=True)  # shares of 3 and 2 provinces


def test_report_from_prepared_data_equals_the_report_computed_in_the_kernel(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_season(data, small_season_tables())
    season = prepare_season(2025, data, PARAMS)
    contexts = {"61": province_context(season, "61"), "nasional": national_context(season)}
    ready = prepare_reports(season, contexts, DRAWS, SEED)
    for key, report in ready.items():
        save_prepared(report, tmp_path / f"{key}.pkl")

    common = {"data_dir": str(data), "params_dir": str(PARAMS), "lang": "en", "simulasi": DRAWS, "seed": SEED}
    pairs = [
        (
            ProvinceReport.prepare(2025, "61", prepared=str(tmp_path / "61.pkl"), **common),
            ProvinceReport.prepare(2025, "61", **common),
            PROVINCE_SECTIONS,
        ),
        (
            NationalReport.prepare(2025, prepared=str(tmp_path / "nasional.pkl"), **common),
            NationalReport.prepare(2025, **common),
            NATIONAL_SECTIONS,
        ),
    ]
    for from_file, computed, names in pairs:
        for name in names:
            assert getattr(from_file, name)().data == getattr(computed, name)().data, name
        assert f"{DRAWS} draws, seed {SEED}" in from_file.footer().data  # the seed stays recorded


def test_prepared_analyses_of_other_draws_are_computed_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_season(data, small_season_tables())
    season = prepare_season(2025, data, PARAMS)
    ready = prepare_reports(season, {"61": province_context(season, "61")}, DRAWS, SEED)
    save_prepared(ready["61"], tmp_path / "61.pkl")
    report = ProvinceReport.prepare(2025, "61", prepared=str(tmp_path / "61.pkl"), simulasi=DRAWS + 1, seed=SEED)
    assert report.analysis.draws == DRAWS + 1
    assert report.context.scores.peserta.equals(ready["61"].context.scores.peserta)


def test_a_file_that_is_not_a_prepared_report_is_refused(tmp_path: Path) -> None:
    import pickle

    (tmp_path / "x.pkl").write_bytes(pickle.dumps({"not": "a report"}))
    with pytest.raises(ValueError, match="not a prepared report"):
        load_prepared(tmp_path / "x.pkl")


def test_prepared_report_carries_the_last_season_changes_and_the_cards_folder(tmp_path: Path) -> None:
    data, params = write_card_season(tmp_path, previous=True)
    season = prepare_season(2025, data, params)
    assert season.perubahan is not None
    cards = tmp_path / "out" / "2025"
    contexts = {
        "61": replace(province_context(season, "61"), cards=cards),
        "nasional": replace(national_context(season), cards=cards),
    }
    for key, report in prepare_reports(season, contexts, DRAWS, SEED).items():
        save_prepared(report, tmp_path / f"{key}.pkl")
        loaded = load_prepared(tmp_path / f"{key}.pkl")
        assert loaded.context.cards == cards
        want = contexts[key].perubahan
        assert want is not None and not want.empty
        pd.testing.assert_frame_equal(loaded.context.perubahan, want)
    common = {"data_dir": str(data), "params_dir": str(params), "lang": "en", "simulasi": DRAWS, "seed": SEED}
    from_file = ProvinceReport.prepare(2025, "61", prepared=str(tmp_path / "61.pkl"), **common)
    summary = from_file.summary().data
    assert '<span class="perubahan">' in summary  # the podium shows last season's change
    assert summary == ProvinceReport.prepare(2025, "61", **common).summary().data


def _drawn_files(tmp_path: Path, lang: str = "en") -> tuple[Path, dict[str, Path]]:
    """A small season, and each report (61 and the national one) drawn as a `paritrana run` worker draws it."""
    data = tmp_path / "data"
    write_season(data, small_season_tables())
    season = prepare_season(2025, data, PARAMS)
    contexts = {"61": province_context(season, "61"), "nasional": national_context(season)}
    drawn = {}
    for key, report in prepare_reports(season, contexts, DRAWS, SEED).items():
        save_prepared(report, tmp_path / f"{key}.pkl")
        drawn[key] = tmp_path / f"{key}.drawn"
        draw_prepared(tmp_path / f"{key}.pkl", drawn[key], lang)
    return data, drawn


def test_report_drawn_by_the_worker_equals_the_report_drawn_in_the_kernel(tmp_path: Path) -> None:
    data, drawn = _drawn_files(tmp_path)
    common = {"data_dir": str(data), "params_dir": str(PARAMS), "lang": "en", "metodologi": ""}
    runs = {"simulasi": DRAWS, "seed": SEED}
    pairs = [
        (
            province_report(2025, "61", prepared=str(drawn["61"]), **common, **runs),
            ProvinceReport.prepare(2025, "61", **common, **runs),
        ),
        (
            national_report(2025, prepared=str(drawn["nasional"]), **common, **runs),
            NationalReport.prepare(2025, **common, **runs),
        ),
    ]
    for shown, computed in pairs:
        assert isinstance(shown, DrawnReport)
        assert set(shown.sections) == set(computed.SECTIONS)
        for name in computed.SECTIONS:
            assert getattr(shown, name)().data == getattr(computed, name)().data, name
        assert shown.outcome == computed.payload()
    with pytest.raises(AttributeError):
        pairs[0][0].rankings  # noqa: B018 - a section the province report does not have


def test_a_drawn_report_of_another_language_or_draws_is_drawn_again_in_the_kernel(tmp_path: Path) -> None:
    data, drawn = _drawn_files(tmp_path)
    common = {"data_dir": str(data), "params_dir": str(PARAMS), "metodologi": "", "prepared": str(drawn["61"])}
    again = province_report(2025, "61", lang="id", simulasi=DRAWS, seed=SEED, **common)
    assert isinstance(again, ProvinceReport) and again.lang == "id"
    again = province_report(2025, "61", lang="en", simulasi=DRAWS + 1, seed=SEED, **common)
    assert isinstance(again, ProvinceReport) and again.analysis.draws == DRAWS + 1
    # a report's data (not drawn) is still read by the report classes
    data_file = str(tmp_path / "61.pkl")
    from_data = province_report(2025, "61", str(data), str(PARAMS), "en", "", data_file, DRAWS, SEED)
    assert isinstance(from_data, ProvinceReport)


@pytest.mark.parametrize(
    ("notebook", "kind"), [("laporan_provinsi", ProvinceReport), ("laporan_nasional", NationalReport)]
)
def test_notebook_shows_every_section_a_worker_draws(notebook: str, kind: type) -> None:
    cells = nbformat.read(PROJECT / "notebooks" / f"{notebook}.ipynb", as_version=4).cells
    called = [m for cell in cells if cell.cell_type == "code" for m in re.findall(r"laporan\.(\w+)\(\)", cell.source)]
    assert called == [*kind.SECTIONS, "results"]


def test_the_notebook_kernel_imports_neither_the_season_nor_matplotlib() -> None:
    heavy = ("matplotlib", "scipy", "SALib", "pydantic", "jinja2", "paritrana_nb.season", "paritrana_nb.methodology")
    code = f"import sys, paritrana_nb.report.drawn\nprint([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT)
    assert done.stdout.strip() == "[]"


def test_the_contexts_of_many_provinces_are_the_slices_of_each_alone() -> None:
    from paritrana_nb.report.context import province_contexts

    season = prepare_season(2025, PROJECT / "data", PARAMS)
    codes = season.season.provinces["kode_wilayah"].tolist()
    together = province_contexts(season, [*codes, "99"])  # a code with no rows: empty tables
    for code in codes:
        alone = province_context(season, code)
        for table in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara"):
            pd.testing.assert_frame_equal(getattr(together[code].season, table), getattr(alone.season, table))
            part = getattr(season.season, table)
            column = "kode_provinsi" if table == "wilayah" else "kode_wilayah"
            if column in part and table != "wawancara":  # each row of the province, in the table's order
                expected = part[part[column].astype(str).str[:2] == code]
                pd.testing.assert_frame_equal(getattr(alone.season, table), expected)
        for table in ("peserta", "indikator", "wawancara", "nominasi", "penghargaan"):
            pd.testing.assert_frame_equal(getattr(together[code].scores, table), getattr(alone.scores, table))
        assert set(alone.scores.peserta["kode_provinsi"]) <= {code}
    assert together["99"].season.desa.empty and together["99"].scores.peserta.empty


def test_reports_come_share_by_share_as_their_analyses_are_done(tmp_path: Path) -> None:
    from paritrana_nb.report.prepared import SHARES_PER_WORKER, prepared_reports

    data = tmp_path / "data"
    write_season(data, small_season_tables())
    season = prepare_season(2025, data, PARAMS)
    codes = season.season.provinces["kode_wilayah"].tolist()
    assert len(codes) >= 2
    contexts = {code: province_context(season, code) for code in codes} | {"nasional": national_context(season)}
    ran: list[int] = []

    def lazy_map(function: object, tasks: list[object]) -> object:  # a pool's map: results in order, as they come
        for task in tasks:
            ran.append(len(task.scores.peserta))  # type: ignore[attr-defined]
            yield function(task)  # type: ignore[operator]

    stream = prepared_reports(season, contexts, DRAWS, SEED, parts=2, mapper=lazy_map)  # type: ignore[arg-type]
    key, first = next(stream)
    assert len(ran) == 1  # the first share's reports come before any other analysis runs
    rest = dict(stream)
    assert len(ran) == min(len(codes), 2 * SHARES_PER_WORKER) + 1  # every share, then the national analyses
    assert list(rest)[-1] == "nasional" and sorted([key, *rest]) == sorted(contexts)
    alone = prepare_reports(season, contexts, DRAWS, SEED)  # one share: the same analyses, in report order
    assert list(alone) == list(contexts)
    for name, report in {key: first, **rest}.items():
        _same_analysis(report, alone[name])
