"""The report footer traces every number: the sha256 of musim.yaml, the notebook, the methodology and the
tables, and the versions of Python and the numeric libraries."""

from __future__ import annotations

import hashlib
import platform
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

from markupsafe import escape as esc

from conftest import small_season_tables, write_season
from paritrana_nb.kemendagri import bundled
from paritrana_nb.messages import t
from paritrana_nb.report.context import prepare_season, province_context, with_notebook
from paritrana_nb.report.pipeline import PROVINCE_NOTEBOOK
from paritrana_nb.report.sections import footer, header
from paritrana_nb.templating import render
from scoring_fixtures import PROJECT


def _footer(data: Path, lang: str = "en", notebook: Path | None = None) -> str:
    context = province_context(prepare_season(2025, data, PROJECT / "params"), "61")
    data = footer(with_notebook(context, notebook) if notebook else context, lang, 100, 7)
    return render("report_footer.html.j2", lang, footer=data)


def test_flipping_musim_yaml_changes_the_footer(tmp_path: Path) -> None:
    meta = write_season(tmp_path, small_season_tables()) / "musim.yaml"
    meta.write_text("musim: 2025\nilustratif: true\n", encoding="utf-8")
    illustrative = _footer(tmp_path)
    assert f"musim.yaml: sha256 {hashlib.sha256(meta.read_bytes()).hexdigest()}" in illustrative
    meta.write_text("musim: 2025\nilustratif: false\n", encoding="utf-8")
    official = _footer(tmp_path)
    assert f"musim.yaml: sha256 {hashlib.sha256(meta.read_bytes()).hexdigest()}" in official
    assert esc(t("report.illustrative_banner", "en")) in illustrative
    assert esc(t("report.illustrative_banner", "en")) not in official
    meta.unlink()
    assert "musim.yaml" not in _footer(tmp_path)


def test_footer_lists_library_versions_and_the_notebook(tmp_path: Path) -> None:
    write_season(tmp_path, small_season_tables())
    for lang in ("id", "en"):
        text = _footer(tmp_path, lang, PROVINCE_NOTEBOOK)
        libraries = ", ".join(
            [
                f"Python {platform.python_version()}",
                *(f"{name} {version(name)}" for name in ("pandas", "numpy", "scipy", "SALib")),
            ]
        )
        assert esc(t("report.footer_libraries", lang, libraries=libraries)) in text
        digest = hashlib.sha256(PROVINCE_NOTEBOOK.read_bytes()).hexdigest()
        assert esc(t("report.footer_notebook", lang, file="laporan_provinsi.ipynb", digest=digest)) in text
        assert esc(t("report.footer_notebook_unknown", lang)) in _footer(tmp_path, lang)


def test_footer_names_the_region_list_the_codes_were_checked_against(tmp_path: Path) -> None:
    write_season(tmp_path, small_season_tables())
    ref = bundled()
    for lang in ("id", "en"):
        text = _footer(tmp_path, lang)
        assert esc(t("report.footer_reference", lang, edition=ref.edition, digest=ref.digest)) in text
        assert "kemendagri_2025" in text and ref.digest in text


def test_a_report_of_a_notebook_run_by_hand_has_no_link_to_an_index_it_has_not(tmp_path: Path) -> None:
    """A notebook run by hand (its context as `ProvinceReport.load` makes it) is saved where no season index is: its
    page had a link to `index.en.html` that led nowhere. A report `paritrana run` writes links the index beside it."""
    write_season(tmp_path, small_season_tables())
    context = province_context(prepare_season(2025, tmp_path, PROJECT / "params"), "61")
    for lang, index in (("id", "index.html"), ("en", "index.en.html")):
        alone = header(context, lang, "Kalimantan Barat", "intro")
        assert "<a" not in alone and str(esc(t("report.all_reports", lang))) not in alone
        assert alone.startswith("<h1>")
        run = header(replace(context, cards=tmp_path / "hasil" / "2025"), lang, "Kalimantan Barat", "intro")
        assert f'<p class="nav"><a href="{index}">{esc(t("report.all_reports", lang))}</a></p><h1>' in run
