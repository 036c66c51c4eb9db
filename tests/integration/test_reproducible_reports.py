"""The same season, methodology and parameters give the same saved notebook and HTML report, byte for byte."""

from __future__ import annotations

from pathlib import Path

from paritrana_nb.report.pipeline import run_reports

ROOT = Path(__file__).resolve().parents[2]
PARAMS = ROOT / "params"
DRAWS = 20


def test_a_province_rendered_twice_saves_the_same_bytes(small_season: Path, tmp_path: Path) -> None:
    saved = []
    for out in (tmp_path / "first", tmp_path / "second"):  # two folders: no path of the output in either
        outcome = run_reports(
            2025, small_season, PARAMS, out, provinces=["61"], national=False, n_jobs=1, progress=False, draws=DRAWS
        )
        assert not outcome.failed, [r.error for r in outcome.failed]
        saved.append({name: (out / "2025" / name).read_bytes() for name in ("61-kalbar.ipynb", "61-kalbar.html")})
    first, second = saved
    for name in first:
        assert first[name] == second[name], name
    notebook = first["61-kalbar.ipynb"].decode("utf-8")
    assert "paritrana-prepared-" not in notebook and "paritrana-run-" not in notebook  # no temporary folder
    assert '"start_time": null' in notebook and "iopub.status" not in notebook  # no time of day
