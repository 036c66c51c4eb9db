"""`paritrana run --all`: the report files of provinces the season no longer holds, which an earlier run left, are
found (and named on the terminal)."""

from __future__ import annotations

from pathlib import Path

from paritrana_nb.report.pipeline import _left_over


def test_the_files_of_reports_of_no_province_of_the_run_are_left_over(tmp_path: Path) -> None:
    names = [
        "61-kalbar.html",
        "61-kalbar.en.html",
        "61-kalbar.csv",
        "65-kaltara.html",
        "65-kaltara.en.ipynb",
        "65-kaltara.csv",
        "65-kaltara.failed.ipynb",
        "99.html",  # a province of no short name: its code alone
        "index.html",
        "nasional.en.html",
        "catatan.txt",
        "run.log",
    ]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "65").mkdir()  # a folder of cards: not a report's file
    left = [path.name for path in _left_over(tmp_path, {"61-kalbar", "nasional"})]
    assert left == ["65-kaltara.csv", "65-kaltara.en.ipynb", "65-kaltara.failed.ipynb", "65-kaltara.html", "99.html"]
    assert _left_over(tmp_path / "not-there", {"61-kalbar"}) == ()
